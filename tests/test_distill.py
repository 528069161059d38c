"""The bundle builder end to end on a tiny random BERT: features, grouped CV, export, load, score."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("sklearn")
pytest.importorskip("scipy")

import curafilter  # noqa: E402
from curafilter import distill  # noqa: E402
from curafilter.card import Card, Principle  # noqa: E402
from curafilter.labels import LabeledRow  # noqa: E402
from curafilter.onnx_export import build_classifier  # noqa: E402

from conftest import TINY_TOKENIZER  # noqa: E402
from test_onnx_export import TINY_CONFIG, tiny_weights  # noqa: E402

CONFIG = {**TINY_CONFIG, "vocab_size": 136}
WORDS = "the a word words alpha beta document number text this that was hello world".split()


def rows(n: int, seed: int) -> list[LabeledRow]:
    """Two principles with lexical signals ('gamma' → toxicity, 'deceive'-like 'beta beta' → deception),
    from two sources so that validation holds one source out."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        words = list(rng.choice(WORDS, size=int(rng.integers(3, 12))))
        label = int(rng.random() < 0.5)
        principle = "toxicity" if i % 2 else "deception"
        if label:
            words.insert(int(rng.integers(0, len(words))), "gamma" if principle == "toxicity" else "is")
        out.append(LabeledRow(text=" ".join(words), principle=principle, label=label, source=f"src{i % 4 // 2}"))
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, distill.Selection]:
    weights = tiny_weights(config=CONFIG)
    h = CONFIG["hidden_size"]
    # Both layers pooled, as build_bundle does; the frozen baseline gets the last layer's block.
    layers = (1, 2)
    encoder = build_classifier(weights, CONFIG, np.zeros((1, 2 * h), np.float32), np.zeros(1, np.float32),
                               pooled_layers=layers)
    ds = distill.Dataset.from_rows(rows(400, seed=0), ["deception", "toxicity"])
    assert sorted(set(ds.group)) == ["src0", "src1"]
    f = distill.featurize(ds.texts, encoder.SerializeToString(), TINY_TOKENIZER, 32, n_buckets=1024)
    assert f.embedding.shape == (400, 2 * h) and f.unigrams.shape == (400, 136)
    f.sentence = f.embedding[:, -h:]
    assert f.frozen_baseline().embedding.shape == (400, h) and f.subset(np.arange(3)).sentence.shape == (3, h)
    n_tokens = np.array([len(t.split()) + 2 for t in ds.texts])  # every tiny-vocab word is one piece
    np.testing.assert_allclose(np.asarray(f.unigrams.sum(1)).ravel(), 1.0, rtol=1e-5)
    np.testing.assert_allclose(np.asarray(f.bigrams.sum(1)).ravel(), (n_tokens - 1) / n_tokens, rtol=1e-5)
    grid = distill.Grid(C=(0.3, 3.0), lexical_scale=(30.0,), use_embedding=(True, False), tfidf_C=(1.0,), frozen_C=(1.0,))
    sel = distill.select(ds, f, grid=grid, log=lambda _: None)
    heads = distill.fit_final(ds, f, sel.params)
    card = Card(
        name="tiny-distilled", version="0", principles=[Principle("deception", "d"), Principle("toxicity", "t")],
        max_length=32, variants=distill.DEFAULT_VARIANTS, thresholds=sel.thresholds, metrics=sel.metrics,
    )
    out = tmp_path_factory.mktemp("bundle")
    distill.export_bundle(out, weights=weights, config=CONFIG, heads=heads, tokenizer=TINY_TOKENIZER,
                          card=card, check_texts=ds.texts[:64], pooled_layers=layers)
    return out, sel


def test_validation_holds_out_groups_and_learns_the_signal(built: tuple[Path, distill.Selection]) -> None:
    _, sel = built
    ours = [r for r in sel.results if r.method == "ours"]
    assert {r.principle for r in ours} == {"deception", "toxicity"}
    for r in ours:
        assert [g.group for g in r.groups] == ["src0", "src1"]
        assert r.macro_auroc > 0.9, r
    methods = {r.method for r in sel.results}
    assert methods == {"ours", "tfidf+logreg", "frozen-minilm+logreg"}
    assert set(sel.thresholds) == {"deception", "toxicity"}


def test_exported_bundle_loads_scores_and_agrees_across_variants(built: tuple[Path, distill.Selection]) -> None:
    out, _ = built
    card = curafilter.load_model(out, device="cpu").card
    assert set(card.variant_max_abs_diff) == {"int8", "fp16"}
    assert all(d < 0.2 for d in card.variant_max_abs_diff.values()), card.variant_max_abs_diff
    fp32 = curafilter.load_model(out, device="cpu", variant="fp32")
    test = rows(200, seed=7)
    scores = fp32.score_texts([r.text for r in test])
    tox = np.array([r.principle == "toxicity" for r in test])
    y = np.array([r.label for r in test], dtype=bool)
    from curafilter.metrics import auroc

    assert auroc(y[tox], scores[tox, 1]) > 0.95
    int8 = curafilter.load_model(out, device="cpu")
    assert int8.variant == "int8"
    assert np.abs(int8.score_texts([r.text for r in test]) - scores).max() < 0.2



def _label_line(i: int, scores: dict[str, float]) -> str:
    return json.dumps({"id": f"d{i}", "shard": "/x", "line": i + 1, "text": f"text number {i}", "scores": scores,
                       "reason": "r", "teacher": "t"})


def test_teacher_labels_of_a_rare_principle_are_validated_by_fold(tmp_path: Path) -> None:
    """One hash fold without a positive used to send the principle to grouping by source, and a
    single teacher is one source: distill refused labels it could validate."""
    from curafilter import distill
    from curafilter.annotate import teacher_rows

    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n".join(_label_line(i, {"deception": 0.9 if i % 2 == 0 else 0.1,
                                                "toxicity": 0.8 if i % 4 == 0 else 0.05}) for i in range(60)) + "\n\n")
    ds = distill.Dataset.from_rows(teacher_rows(labels), ["deception", "toxicity"])
    distill.check_labels(ds)  # passes: the folds are the groups
    assert len({g for g, p in zip(ds.group, ds.principle) if p == 1}) >= 4


def test_distill_refuses_bad_labels_names_and_options_before_any_work(tmp_path: Path, capsys) -> None:
    from curafilter.cli import main
    from test_llm import tiny_encoder

    encoder = tiny_encoder(tmp_path / "enc")  # 64 positions
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(_label_line(i, {"deception": 0.9 if i % 2 else 0.1}) for i in range(20)) + "\n")
    spaced = tmp_path / "spaced.jsonl"
    spaced.write_text("\n".join(_label_line(i, {"hate speech": 0.9 if i % 2 else 0.1}) for i in range(20)) + "\n")
    broken = tmp_path / "broken.jsonl"
    broken.write_text(_label_line(0, {"deception": 0.9}) + "\n{not json\n" + _label_line(2, {"deception": 0.1}) + "\n")
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    odd = tmp_path / "odd.jsonl"
    odd.write_text(_label_line(0, {"deception": 0.9}) + "\n" + _label_line(1, {"deception": 7.5}) + "\n")
    base = ["--frozen", "--no-baselines", "--encoder", str(encoder)]
    for argv, what in [
        (["distill", str(broken), "-o", str(tmp_path / "b1"), *base], "broken.jsonl:2"),
        (["distill", str(spaced), "-o", str(tmp_path / "b2"), *base], "unique identifiers"),
        (["distill", str(odd), "-o", str(tmp_path / "b2"), *base], "odd.jsonl:2: scores must be within [0, 1]"),
        (["distill", str(good), "-o", str(a_file), *base], "not a folder"),
        (["distill", str(good), "-o", str(tmp_path / "b3"), *base, "--max-length", "100"], "64 positions"),
        (["distill", str(good), "-o", str(tmp_path / "b3"), *base, "--max-length", "32", "--pooling", "attention"], "needs --fine-tune"),
    ]:
        assert main(argv) == 1, argv
        err = capsys.readouterr().err
        assert what in err and "Traceback" not in err, err
    assert not any((tmp_path / b).exists() for b in ("b1", "b2", "b3"))
