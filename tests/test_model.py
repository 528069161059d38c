"""Model bundles and the ONNX Runtime path, on a real (tiny) ONNX model built here."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import curafilter
from curafilter.errors import ConfigError, InputError, ModelError

from conftest import TINY_PRINCIPLES, doc_lines, make_tiny_bundle, tiny_reference_scores, tiny_weights, write_shard


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
