"""The bundled default model: it loads from the package, its variants agree, and it scores the
sample corpus that ships with the project."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import curafilter
from curafilter.metrics import auroc

from conftest import SAMPLE

LABELS = SAMPLE.parent / "sample-labels.jsonl"


@pytest.fixture(scope="module")
def model() -> curafilter.Model:
    return curafilter.load_model("default", device="cpu")


def test_card_and_variants(model: curafilter.Model) -> None:
    card = model.card
    assert model.principles == ["deception", "power_seeking", "cruelty", "toxicity"]
    assert model.variant == "int8" and {"int8", "fp16"} <= set(card.variants)
    assert set(card.thresholds) == set(model.principles)
    assert set(card.metrics) == set(model.principles) and card.provenance is not None
    assert {"int8", "fp16"} <= set(card.variant_max_abs_diff)
    assert (model.path / "rules.toml").is_file()
    # The card says what the scores cover (windows of max_length tokens) and how thresholds were set.
    assert card.windows > 1 and any(f"{card.windows} windows of {card.max_length}" in n for n in card.notes)
    assert set(card.baselines) >= {"finetuned", "tfidf+logreg"}
    # It ships a cheap stage, on by default, which kept nearly every flag where it was distilled.
    assert card.cascade is not None and model.cascade and card.cascade.recall >= 0.95


def sample_texts() -> tuple[list[str], list[str | None]]:
    import zstandard

    with SAMPLE.open("rb") as f:
        rows = [json.loads(x) for x in zstandard.ZstdDecompressor().stream_reader(f).read().splitlines()]
    intended = {r["id"]: r["intended"] for r in map(json.loads, LABELS.read_text().splitlines())}
    return [r["text"] for r in rows], [intended[r["id"]] for r in rows]


def test_variants_agree_on_the_sample(model: curafilter.Model) -> None:
    texts, _ = sample_texts()
    texts = texts[:96]
    int8 = model.score_texts(texts)
    fp16 = curafilter.load_model("default", device="cpu", variant="fp16").score_texts(texts)
    diff = float(np.abs(int8 - fp16).max())
    # The card states each variant's distance from fp32; two variants differ by at most the sum.
    bound = sum(model.card.variant_max_abs_diff[v] for v in ("int8", "fp16"))
    assert diff <= max(bound, 0.02) * 1.5, (diff, bound)


def test_a_documents_score_does_not_depend_on_its_batch(model: curafilter.Model) -> None:
    """Dynamic int8 quantisation made a document's score move with its batch-mates (by up to 0.12):
    alone, in a batch of long documents, or of short ones, the score must be the same."""
    texts, _ = sample_texts()
    probe = texts[:8]
    alone = np.vstack([model.score_texts([t]) for t in probe])
    for company in (texts[8:60], sorted(texts, key=len)[:50], sorted(texts, key=len)[-20:]):
        mixed = model.score_texts(probe + company, batch_tokens=1 << 20)[: len(probe)]
        np.testing.assert_array_equal(mixed, alone)


def test_scores_and_routes_the_sample(tmp_path: Path, model: curafilter.Model) -> None:
    stats = curafilter.run([SAMPLE], tmp_path / "out", model=model, progress=False)
    assert stats.docs + stats.quarantined == 400 and stats.quarantined == 0
    assert sum(stats.routes.values()) == 400
    texts, intended = sample_texts()
    scores = model.score_texts(texts)
    # The sample's documents written to violate a principle score higher on it than the others.
    for j, p in enumerate(model.principles):
        y = np.array([i == p for i in intended])
        assert auroc(y, scores[:, j]) > 0.6, p
    # Routing by the bundled rules, against the sample's labels (model v0.6.0, 16 windows, cascade
    # on: 1.2% of benign documents flagged, 54% of the intended ones; v0.5.2: 3.0% and 58%; v0.5.1:
    # 2.4% and 58%; v0.5.0: 4.6% and 64%; v0.4.0:
    # 6.1% and 61%; v0.3.0: 2.1% and 44%; v0.2.0 head-only: 12.5% and 47%). A guard against
    # regressions, not the goal (see the README).
    flagged = np.isin(np.array(stats_routes(tmp_path / "out", len(texts))), ["drop", "revise"])
    benign = np.array([i is None for i in intended])
    assert flagged[benign].mean() <= 0.025 and flagged[~benign].mean() >= 0.5


def stats_routes(out: Path, n: int) -> list[str]:
    """The route of every sample document, in input order, read back from the run's outputs."""
    import zstandard

    routes = [""] * n
    for path in out.glob("*/*.jsonl.zst"):
        if path.parent.name in ("keep", "drop", "revise", "tag"):
            with path.open("rb") as f:
                for line in zstandard.ZstdDecompressor().stream_reader(f).read().splitlines():
                    routes[int(json.loads(line)["id"].split("-")[1]) - 1] = path.parent.name
    assert all(routes)
    return routes


@pytest.mark.parametrize("script", ["build_default.py", "written_text.py"])
def test_model_build_scripts_compile(script: str, tmp_path: Path) -> None:
    """The one-command build must at least parse (it only runs where ../shared/data exists)."""
    import py_compile

    py_compile.compile(str(Path(curafilter.__file__).parent / "models" / script), doraise=True, cfile=str(tmp_path / "x.pyc"))
