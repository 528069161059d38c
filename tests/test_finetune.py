"""Fine-tuning (curafilter.finetune) on a tiny random BERT: masked multi-head training, held-out
folds, and export through the same ONNX path as every bundle."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("safetensors")

import curafilter  # noqa: E402
from curafilter import distill, finetune  # noqa: E402
from curafilter.card import Card, Principle  # noqa: E402
from curafilter.errors import ConfigError  # noqa: E402
from curafilter.labels import LabeledRow  # noqa: E402
from curafilter.metrics import auroc  # noqa: E402

from conftest import TINY_TOKENIZER  # noqa: E402
from test_onnx_export import TINY_CONFIG, tiny_weights  # noqa: E402

CONFIG = {**TINY_CONFIG, "vocab_size": 136, "max_position_embeddings": 64}
WORDS = "the a word words document number text this that was hello world".split()
FAST = finetune.FineTune(epochs=8, lr=1e-3, head_lr=1e-2, batch_size=16, max_length=32)


def encoder_folder(folder: Path, seed: int = 0) -> Path:
    from safetensors.numpy import save_file

    folder.mkdir(parents=True, exist_ok=True)
    # Stored with a "bert." prefix, as BertFor* checkpoints are: loading must strip it.
    save_file({f"bert.{k}": v for k, v in tiny_weights(seed=seed, config=CONFIG).items()}, folder / "model.safetensors")
    (folder / "config.json").write_text(json.dumps(CONFIG))
    (folder / "tokenizer.json").write_text(TINY_TOKENIZER.read_text())
    return folder


def rows(n: int, seed: int) -> list[LabeledRow]:
    """'gamma' marks toxicity and 'beta' deception; each row is labelled for one principle only,
    from one of two sources."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        principle = ("toxicity", "deception")[i % 2]
        label = int(rng.random() < 0.5)
        words = list(rng.choice(WORDS, size=int(rng.integers(3, 10))))
        if label:
            words.insert(int(rng.integers(0, len(words) + 1)), "gamma" if principle == "toxicity" else "beta")
        out.append(LabeledRow(" ".join(words), principle, label, source=f"src{i % 4 // 2}"))
    return out


@pytest.fixture(scope="module")
def encoder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return encoder_folder(tmp_path_factory.mktemp("encoder"))


def test_targets_merge_texts_and_mask_principles() -> None:
    r = [LabeledRow("same text", "deception", 1, source="a"), LabeledRow("same text", "toxicity", 0, source="b"),
         LabeledRow("other", "toxicity", 1, source="b")]
    ds = distill.with_background(distill.Dataset.from_rows(r, ["deception", "toxicity"]), ["ordinary words"])
    t = finetune.Targets.from_dataset(ds)
    assert t.texts == ["same text", "other", "ordinary words"]
    np.testing.assert_array_equal(t.mask, [[True, True], [False, True], [True, True]])
    np.testing.assert_array_equal(t.y, [[1, 0], [0, 1], [0, 0]])
    assert t.source == ["a", "b", distill.BACKGROUND]
    assert [t.texts[i] for i in t.row_text] == ds.texts
    w = finetune.class_weights(t)
    assert w[1, 0] == 0 and (w[t.mask] > 0).all()
    # Within a principle, positives and negatives weigh the same in total.
    for p in range(2):
        m = t.mask[:, p]
        assert np.isclose(w[m & (t.y[:, p] == 1), p].sum(), w[m & (t.y[:, p] == 0), p].sum())


def test_a_principle_without_labels_gets_no_gradient(encoder: Path) -> None:
    """The loss is masked: rows labelled only for toxicity leave the deception head untouched
    (zero-initialised, so it must stay exactly zero)."""
    ds = distill.Dataset.from_rows([r for r in rows(64, 0) if r.principle == "toxicity"], ["deception", "toxicity"])
    trained = finetune.train(finetune.Targets.from_dataset(ds), encoder, finetune.FineTune(epochs=1, batch_size=16))
    assert not trained.head_w[0].any() and trained.head_b[0] == 0
    assert trained.head_w[1].any()
    assert all(np.isfinite(trained.losses))


def test_fine_tuning_learns_each_head_and_exports_the_same_model(encoder: Path, tmp_path: Path) -> None:
    ds = distill.Dataset.from_rows(rows(400, 0), ["deception", "toxicity"])
    trained = finetune.train(finetune.Targets.from_dataset(ds), encoder, FAST)
    test = rows(200, 1)
    texts = [r.text for r in test]
    torch_scores = trained.predict(texts)
    for p, name in enumerate(["deception", "toxicity"]):
        idx = [i for i, r in enumerate(test) if r.principle == name]
        y = np.array([test[i].label for i in idx], bool)
        assert auroc(y, torch_scores[idx, p]) > 0.9, name

    heads = trained.heads()
    card = Card(name="tiny-fine-tuned", version="0", principles=[Principle("deception", "d"), Principle("toxicity", "t")],
                max_length=32, variants=distill.DEFAULT_VARIANTS, thresholds={"deception": 0.5, "toxicity": 0.5})
    out = tmp_path / "bundle"
    distill.export_bundle(out, weights=trained.weights, config=trained.config, heads=heads,
                          tokenizer=trained.tokenizer, card=card, check_texts=texts[:64])
    onnx_scores = curafilter.load_model(out, device="cpu", variant="fp32").score_texts(texts)
    np.testing.assert_allclose(onnx_scores, torch_scores, atol=2e-4)
    int8 = curafilter.load_model(out, device="cpu", variant="int8").score_texts(texts)
    assert np.abs(int8 - torch_scores).max() < 0.2


def test_cross_validation_scores_only_held_out_rows(encoder: Path) -> None:
    ds = distill.Dataset.from_rows(rows(200, 0), ["deception", "toxicity"])
    t = finetune.Targets.from_dataset(ds)
    src = np.array(t.source)
    folds = [("src0", src == "src0")]
    oof = finetune.cross_validate(t, folds, encoder, finetune.FineTune(epochs=1, batch_size=32), log=lambda _: None)
    assert np.isnan(oof[src == "src1"]).all()
    assert np.isfinite(oof[src == "src0"]).all()


def test_cross_validation_never_trains_on_a_held_out_sources_unscored_rows(encoder: Path) -> None:
    # Only some rows of a held-out source are scored; the rest must still stay out of training.
    ds = distill.Dataset.from_rows(rows(120, 0), ["deception", "toxicity"])
    t = finetune.Targets.from_dataset(ds)
    src = np.array(t.source)
    scored = (src == "src0") & (np.arange(len(src)) % 2 == 0)
    said: list[str] = []
    finetune.cross_validate(t, [("src0", scored)], encoder, finetune.FineTune(epochs=1, batch_size=32),
                            held=[src == "src0"], log=said.append)
    assert f"training on {int((src != 'src0').sum()):,} texts" in said[0]


def test_fine_tuned_bundle_through_the_one_builder(encoder: Path, tmp_path: Path) -> None:
    ds = distill.Dataset.from_rows(rows(300, 0), ["deception", "toxicity"])
    card = distill.build_bundle(
        ds, tmp_path / "b", principles=[Principle("deception", "d"), Principle("toxicity", "t")], encoder=encoder,
        name="tiny", version="0", provenance=distill.Provenance(encoder="tiny", encoder_license="-"),
        max_length=32, fine_tune=finetune.FineTune(**{**FAST.__dict__, "folds": 2}), log=lambda _: None,
    )
    assert card.metrics["toxicity"].auroc > 0.8 and card.metrics["deception"].auroc > 0.8
    assert set(card.baselines) == {"ours", "tfidf+logreg"}
    model = curafilter.load_model(tmp_path / "b", device="cpu")
    s = model.score_texts(["hello world gamma the text", "hello world the text"])
    assert s[0, 1] > s[1, 1]
    assert (tmp_path / "b" / "rules.toml").is_file()


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ConfigError):
        finetune.FineTune(epochs=0)
    with pytest.raises(ConfigError):
        finetune.FineTune(folds=1)


def test_training_reads_text_as_run_time_does() -> None:
    # Training ids come from the same core as run time's: a text spelled to dodge a filter trains as
    # the words it spells, and a long text is cut to the same head.
    from curafilter._core import Tokenizer
    from curafilter.bundle import bundle_dir

    path = bundle_dir("default") / "tokenizer.json"
    texts = ["you are a w0rthle55 1d10t", "ｆｕｌｌｗｉｄｔｈ ｔｅｘｔ", "a long text " * 100, "you are a worthless idiot"]
    got = finetune._encode(texts, path, 32)
    assert got[0] == got[3] and len(got[2]) == 32
    (batch,) = Tokenizer(str(path), max_length=32).encode_batches([texts[1]])
    assert got[1] == batch.input_ids[0][batch.attention_mask[0] > 0].tolist()


def test_attention_pooling_learns_and_exports_the_same_model(encoder: Path, tmp_path: Path) -> None:
    """Each head's own attention-weighted mean: trained from the plain mean (a zero query), and the
    exported graph (fp32, int8, fp16) computes what torch does, padding and all."""
    cfg = finetune.FineTune(**{**FAST.__dict__, "pooling": "attention"})
    ds = distill.Dataset.from_rows(rows(400, 0), ["deception", "toxicity"])
    trained = finetune.train(finetune.Targets.from_dataset(ds), encoder, cfg)
    assert trained.attn_w is not None and trained.attn_w.shape == trained.head_w.shape and trained.attn_w.any()
    test = rows(200, 1)
    texts = [r.text for r in test]
    torch_scores = trained.predict(texts)
    for p, name in enumerate(["deception", "toxicity"]):
        idx = [i for i, r in enumerate(test) if r.principle == name]
        assert auroc(np.array([test[i].label for i in idx], bool), torch_scores[idx, p]) > 0.9, name

    card = Card(name="tiny-attention", version="0", principles=[Principle("deception", "d"), Principle("toxicity", "t")],
                max_length=32, variants=distill.DEFAULT_VARIANTS, thresholds={"deception": 0.5, "toxicity": 0.5})
    out = tmp_path / "bundle"
    distill.export_bundle(out, weights=trained.weights, config=trained.config, heads=trained.heads(),
                          tokenizer=trained.tokenizer, card=card, check_texts=texts[:64])
    # Texts of very different lengths share a batch, so padding must weigh nothing.
    np.testing.assert_allclose(curafilter.load_model(out, device="cpu", variant="fp32").score_texts(texts),
                               torch_scores, atol=2e-4)
    assert np.abs(curafilter.load_model(out, device="cpu", variant="fp16").score_texts(texts) - torch_scores).max() < 0.01
    assert np.abs(curafilter.load_model(out, device="cpu", variant="int8").score_texts(texts) - torch_scores).max() < 0.2
    with pytest.raises(ConfigError):
        finetune.FineTune(pooling="max")
