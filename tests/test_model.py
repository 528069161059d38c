"""Model bundles and the ONNX Runtime path, on a real (tiny) ONNX model built here."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import curafilter
from curafilter.errors import ConfigError, InputError, ModelError, TokenizerError

from conftest import TINY_PRINCIPLES, doc_lines, make_tiny_bert_bundle, make_tiny_bundle, tiny_reference_scores, tiny_weights, write_shard


def test_scores_batches_from_the_stream(tmp_path: Path, tiny_bundle: Path) -> None:
    model = curafilter.load_model(tiny_bundle, device="cpu")
    assert model.principles == list(TINY_PRINCIPLES)
    assert model.device == "cpu" and model.providers == ["CPUExecutionProvider"]
    write_shard(tmp_path / "a.jsonl.zst", doc_lines(200), fmt="zst")
    w = tiny_weights()
    seen = 0
    with model.stream(tmp_path / "a.jsonl.zst", batch_tokens=512) as s:
        for batch in s:
            scores = model.score_batch(batch)
            assert scores.dtype == np.float32 and scores.shape == (len(batch), 4)
            np.testing.assert_allclose(scores, tiny_reference_scores(w, batch.input_ids, batch.attention_mask), rtol=1e-5)
            assert int(batch.n_tokens.max()) <= model.max_length
            seen += len(batch)
    assert seen == 200


def test_score_texts_keeps_input_order(tiny_bundle: Path) -> None:
    model = curafilter.load_model(tiny_bundle, device="cpu")
    texts = ["hello world " * (i % 9 + 1) + str(i) for i in range(50)] + [""]
    scores = model.score_texts(texts, batch_tokens=128)
    assert scores.shape == (51, 4)
    for i in [0, 7, 33, 50]:
        np.testing.assert_allclose(scores[i], model.score_texts([texts[i]])[0], rtol=1e-6)
    assert model.score_texts([]).shape == (0, 4)


def test_variant_choice_and_device_strings(tmp_path: Path) -> None:
    bundle = make_tiny_bundle(tmp_path / "b", int8_copy=True)
    assert curafilter.load_model(bundle, device="cpu").variant == "int8"
    assert curafilter.load_model(bundle, device="cpu", variant="fp32").variant == "fp32"
    auto = curafilter.load_model(bundle, device="auto")
    assert auto.device in ("cpu", "cuda:0")
    if auto.device == "cpu":
        assert auto.variant == "int8", "auto without a usable GPU falls back to the CPU variant"
        with pytest.raises(ModelError, match="cuda"):
            curafilter.load_model(bundle, device="cuda:0")
    with pytest.raises(ConfigError, match="device"):
        curafilter.load_model(bundle, device="tpu")
    with pytest.raises(ModelError, match="no variant 'fp16'"):
        curafilter.load_model(bundle, variant="fp16")


def _edit_card(bundle: Path, **changes: object) -> Path:
    card_path = bundle / "curafilter.json"
    card = json.loads(card_path.read_text())
    card.update(changes)
    card_path.write_text(json.dumps(card))
    return card_path


def test_broken_bundles_name_the_file_and_field(tmp_path: Path) -> None:
    bundle = make_tiny_bundle(tmp_path / "b")
    card_path = _edit_card(bundle, max_length="long")
    with pytest.raises(ModelError, match=r"curafilter\.json.*max_length"):
        curafilter.load_model(bundle)

    bundle = make_tiny_bundle(tmp_path / "c")
    _edit_card(bundle, thresholds={"deception": 1.5})
    with pytest.raises(ModelError, match=r"thresholds\.deception"):
        curafilter.load_model(bundle)

    bundle = make_tiny_bundle(tmp_path / "d")
    _edit_card(bundle, principles=[{"name": "toxicity", "description": "x"}], thresholds={})
    with pytest.raises(ModelError, match="4 columns but the card lists 1"):
        curafilter.load_model(bundle)

    bundle = make_tiny_bundle(tmp_path / "e")
    (bundle / "model.onnx").unlink()
    with pytest.raises(ModelError, match="model.onnx"):
        curafilter.load_model(bundle)

    bundle = make_tiny_bundle(tmp_path / "f")
    (bundle / "model.onnx").write_bytes(b"not onnx")
    with pytest.raises(ModelError, match="cannot load"):
        curafilter.load_model(bundle)

    bundle = make_tiny_bundle(tmp_path / "g")
    card_path = bundle / "curafilter.json"
    card_path.unlink()
    with pytest.raises(ModelError, match="missing model card"):
        curafilter.load_model(bundle)
    card_path.write_text("{oops")
    with pytest.raises(ModelError, match="not valid JSON"):
        curafilter.load_model(bundle)

    with pytest.raises(InputError, match="no model bundle"):
        curafilter.load_model(tmp_path / "nothing-here")


@pytest.mark.parametrize("field,value", [
    ("tokenizer", "../../etc/passwd"),
    ("tokenizer", "/etc/passwd"),
    ("tokenizer", "sub/../../tokenizer.json"),
    ("variants", {"fp32": {"file": "../outside.onnx", "precision": "fp32"}}),
    ("variants", {"fp32": {"file": "/tmp/outside.onnx", "precision": "fp32"}}),
])
def test_card_paths_outside_the_bundle_are_refused(tmp_path: Path, field: str, value: object) -> None:
    bundle = make_tiny_bundle(tmp_path / "b")
    _edit_card(bundle, **{field: value})
    expected = "tokenizer" if field == "tokenizer" else r"variants\.fp32\.file"
    with pytest.raises(ModelError, match=rf"curafilter\.json: field `{expected}`.*inside the bundle"):
        curafilter.load_model(bundle, device="cpu")


def test_card_symlinks_resolving_outside_the_bundle_are_refused(tmp_path: Path) -> None:
    outside = make_tiny_bundle(tmp_path / "outside")
    bundle = make_tiny_bundle(tmp_path / "b")
    (bundle / "tok-link.json").symlink_to(outside / "tokenizer.json")
    _edit_card(bundle, tokenizer="tok-link.json")
    with pytest.raises(ModelError, match=r"field `tokenizer`.*resolves outside the bundle"):
        curafilter.load_model(bundle, device="cpu")

    bundle = make_tiny_bundle(tmp_path / "c")
    (bundle / "link.onnx").symlink_to(outside / "model.onnx")
    _edit_card(bundle, variants={"fp32": {"file": "link.onnx", "precision": "fp32"}})
    with pytest.raises(ModelError, match=r"field `variants\.fp32\.file`.*resolves outside the bundle"):
        curafilter.load_model(bundle, device="cpu")

    # A symlink that stays inside the bundle is fine.
    bundle = make_tiny_bundle(tmp_path / "d")
    (bundle / "sub").mkdir()
    (bundle / "sub" / "tok.json").symlink_to(bundle / "tokenizer.json")
    _edit_card(bundle, tokenizer="sub/tok.json")
    assert curafilter.load_model(bundle, device="cpu").tokenizer_path.name == "tok.json"


def test_corrupt_tokenizer_fails_at_load_naming_the_file(tmp_path: Path) -> None:
    bundle = make_tiny_bundle(tmp_path / "b")
    (bundle / "tokenizer.json").write_text('{"model": {"type": "WordPiece"')
    with pytest.raises((ModelError, TokenizerError), match=r"tokenizer\.json"):
        curafilter.load_model(bundle, device="cpu")


def test_cli_run_with_a_corrupt_tokenizer_exits_1_before_claiming_out(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from curafilter.cli import main

    shard = write_shard(tmp_path / "a.jsonl", doc_lines(3))
    bundle = make_tiny_bundle(tmp_path / "b")
    (bundle / "tokenizer.json").write_text("{oops")
    assert main(["run", str(shard), "-o", str(tmp_path / "out"), "--model", str(bundle), "--device", "cpu", "-q"]) == 1
    err = capsys.readouterr().err
    assert "tokenizer.json" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_tokenizer_larger_than_the_embedding_table_is_refused_at_load(tmp_path: Path) -> None:
    # The tiny tokenizer emits ids up to 135; a 100-row table cannot take them.
    bundle = make_tiny_bundle(tmp_path / "b", weights=tiny_weights(vocab=100))
    with pytest.raises(ModelError, match=r"136 token ids.*100 rows"):
        curafilter.load_model(bundle, device="cpu")
    # A larger table is fine (unused rows).
    bundle = make_tiny_bundle(tmp_path / "c", weights=tiny_weights(vocab=200))
    assert curafilter.load_model(bundle, device="cpu").score_texts(["hello world"]).shape == (1, 4)


def test_vocab_check_reads_bert_bundles_fp32_and_int8(tmp_path: Path) -> None:
    from curafilter.onnx_vocab import embedding_rows

    bundle = make_tiny_bert_bundle(tmp_path / "b", int8_copy=True)
    assert embedding_rows(bundle / "model.onnx") == (136, 64)
    assert embedding_rows(bundle / "model-int8.onnx") == (136, 64)
    assert curafilter.load_model(bundle, device="cpu", variant="int8").score_texts(["hi"]).shape == (1, 4)


def test_a_card_max_length_past_the_position_table_is_refused_at_load(tmp_path: Path) -> None:
    """It used to load, then fail inside ONNX Runtime with a traceback on the first long document."""
    import msgspec

    from curafilter.card import read_card, write_card

    bundle = make_tiny_bert_bundle(tmp_path / "b", max_length=64, int8_copy=True)
    write_card(bundle, msgspec.structs.replace(read_card(bundle), max_length=65))
    for variant in ("fp32", "int8"):
        with pytest.raises(ModelError, match=r"max_length is 65 but the model .* has 64 positions"):
            curafilter.load_model(bundle, device="cpu", variant=variant)
    write_card(bundle, msgspec.structs.replace(read_card(bundle), max_length=64))
    assert curafilter.load_model(bundle, device="cpu").score_texts(["word " * 200]).shape == (1, 4)


def test_vocab_check_agrees_with_onnx_and_loading_a_model_does_not_import_it(tmp_path: Path) -> None:
    """The check reads the graph with the protobuf runtime alone: importing the onnx package costs
    about a second at every start (it loads ml_dtypes), which a short run pays in full."""
    import subprocess
    import sys

    import onnx

    from curafilter.onnx_vocab import embedding_rows

    bundle = make_tiny_bert_bundle(tmp_path / "b", int8_copy=True)
    for name in ("model.onnx", "model-int8.onnx"):
        graph = onnx.load(bundle / name).graph
        table = next(t for t in graph.initializer if t.dims and t.dims[0] == 136 and len(t.dims) == 2)
        assert embedding_rows(bundle / name)[0] == table.dims[0]
    code = (f"import sys, curafilter; m = curafilter.load_model({str(bundle)!r}, device='cpu'); "
            "m.score_texts(['hi']); print('onnx' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_default_bundle_ships_a_principles_file_matching_its_card() -> None:
    from curafilter.bundle import bundle_dir
    from curafilter.card import read_card
    from curafilter.principles import load_principles

    bundle = bundle_dir("default")
    spec = load_principles(bundle / "principles.toml")
    card = read_card(bundle)
    assert spec.names == [p.name for p in card.principles] == ["deception", "power_seeking", "cruelty", "toxicity"]
    assert [p.description for p in spec.principle] == [p.description for p in card.principles]


def test_device_buffers_are_reused_per_shape_and_never_leak_between_batches(tiny_bundle: Path) -> None:
    """Each batch shape gets one IOBinding with its buffers, reused; a batch of a shape seen before
    must still score its own rows (the previous batch's output is not handed back), threads get
    their own buffers, and only the BUFFER_SHAPES most recent shapes are kept."""
    import threading

    from curafilter import model as model_mod

    m = curafilter.load_model(tiny_bundle, device="cpu")
    rng = np.random.default_rng(0)
    vocab = 30

    def fresh(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:  # a plain session.run, no binding
        feeds = {"input_ids": ids, "attention_mask": mask}
        names = {i.name for i in m.session.get_inputs()}
        if "token_type_ids" in names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        return m.session.run(["scores"], feeds)[0]

    batches = [rng.integers(1, vocab, (2, 5)), rng.integers(1, vocab, (3, 7)), rng.integers(1, vocab, (2, 5))]
    outs = [m._run(b, np.ones_like(b)) for b in batches]
    for b, out in zip(batches, outs):
        np.testing.assert_allclose(out, fresh(b, np.ones_like(b)), rtol=1e-6)
    assert not np.array_equal(outs[0], outs[2])  # same shape, different rows: its own scores
    assert list(m._buffers.by_shape) == [(3, 7), (2, 5)]  # two shapes, the last used last
    first = m._buffers.by_shape[(2, 5)][0]
    m._run(batches[0], np.ones_like(batches[0]))
    assert m._buffers.by_shape[(2, 5)][0] is first  # reused, not rebuilt
    seen: list[int] = []
    t = threading.Thread(target=lambda: (m._run(batches[0], np.ones_like(batches[0])), seen.append(len(m._buffers.by_shape))))
    t.start()
    t.join()
    assert seen == [1] and len(m._buffers.by_shape) == 2  # the other thread had its own cache
    for n in range(1, model_mod.BUFFER_SHAPES + 5):
        b = rng.integers(1, vocab, (1, n))
        np.testing.assert_allclose(m._run(b, np.ones_like(b)), fresh(b, np.ones_like(b)), rtol=1e-6)
    assert len(m._buffers.by_shape) == model_mod.BUFFER_SHAPES


def test_a_gpu_provider_that_cannot_start_falls_back_quietly_to_the_cpu(tmp_path: Path) -> None:
    """With an NVIDIA driver but no usable GPU (here a stand-in libcuda.so.1 whose cuInit fails),
    onnxruntime's own fallback printed a banner on stdout, so `run --json` was not JSON, and
    retried CUDA with its options dropped. curafilter tries TensorRT, CUDA, then the CPU itself."""
    import os
    import shutil
    import subprocess
    import sys

    import onnxruntime as ort

    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None or "CUDAExecutionProvider" not in ort.get_available_providers():
        pytest.skip("needs a C compiler and onnxruntime-gpu")
    lib = tmp_path / "lib"
    lib.mkdir()
    (tmp_path / "cuda.c").write_text("int cuInit(unsigned int flags) { return 100; }\n")
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(lib / "libcuda.so.1"), str(tmp_path / "cuda.c")], check=True)
    shard = write_shard(tmp_path / "a.jsonl", doc_lines(3))
    env = {**os.environ, "LD_LIBRARY_PATH": f"{lib}:{os.environ.get('LD_LIBRARY_PATH', '')}"}
    got = subprocess.run([sys.executable, "-m", "curafilter", "run", str(shard), "-o", str(tmp_path / "out"),
                          "--model", str(make_tiny_bundle(tmp_path / "b")), "--json", "-q"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert got.returncode == 0, got.stderr[-2000:]
    stats = json.loads(got.stdout)  # nothing but the JSON object on stdout
    assert stats["docs"] == 3
    from curafilter.device import trt_cache_dir

    # A bundle folder that cannot be written keeps TensorRT's engines in the user's cache instead.
    assert trt_cache_dir(tmp_path / "b") == tmp_path / "b" / ".trt-cache"
    if os.geteuid() != 0:  # root writes anywhere
        (tmp_path / "b").chmod(0o555)
        try:
            assert trt_cache_dir(tmp_path / "b").parts[-3:-1] == ("curafilter", "trt")
        finally:
            (tmp_path / "b").chmod(0o755)
