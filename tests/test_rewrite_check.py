"""A rewrite replaces a flagged document only when it is a real revision, checked over its whole length."""

from __future__ import annotations

from pathlib import Path

import numpy as np

import curafilter
from curafilter.rewrite_check import check_rewrite

from conftest import make_tiny_bundle, tiny_token_id


def scorer(folder: Path, gamma: float) -> curafilter.Model:
    """Toxicity is the mean over a window's tokens of +gamma for 'gamma' and -4 for anything else:
    'gamma' in a short text is flagged, diluted in a full window it is not."""
    w = np.full((136, 4), -4.0, dtype=np.float32)
    w[tiny_token_id("gamma"), 3] = gamma
    return curafilter.load_model(make_tiny_bundle(folder, weights=w), device="cpu")


def test_refusals_and_a_real_revision(tmp_path: Path) -> None:
    model = scorer(tmp_path / "b", 400.0)
    original = "hello gamma world"
    assert check_rewrite(model, original, "   ").problem == "the rewrite was empty"
    assert check_rewrite(model, original, "Hello  GAMMA\nworld!").problem == "the rewrite is the original text"
    padded = "hello world. " * 100 + original
    assert "more than the 525 allowed" in check_rewrite(model, original, padded).problem
    good = check_rewrite(model, original, "hello kind world")
    assert good.problem is None and good.scores["toxicity"] < 0.5


def test_a_violation_past_the_head_of_a_long_rewrite_is_seen(tmp_path: Path) -> None:
    model = scorer(tmp_path / "b", 400.0)
    original = "hello world " * 100 + "gamma"
    # Same length budget, the flagged word moved to the end of a much longer text: a head-only
    # re-score (64 tokens here) would pass it.
    rewrite = "hello there world " * 60 + "and gamma at last"
    assert model.windows == 1 and model.score_texts([rewrite])[0, 3] < 0.5, "the head alone passes it"
    verdict = check_rewrite(model, original, rewrite)
    assert verdict.problem == "rewrite still violates toxicity" and verdict.scores["toxicity"] > 0.5


def test_the_flagged_passage_kept_under_benign_padding_is_refused(tmp_path: Path) -> None:
    model = scorer(tmp_path / "b", 200.0)
    original = "gamma hello world"
    assert model.score_texts([original])[0, 3] > 0.5, "flagged alone"
    rewrite = "hello world " * 30 + original  # the same passage, diluted below the threshold
    verdict = check_rewrite(model, original, rewrite)
    assert verdict.scores["toxicity"] < 0.5
    assert verdict.problem == "the rewrite keeps the flagged passage at characters 0-17 of the original"
