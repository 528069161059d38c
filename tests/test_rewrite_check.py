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


def test_the_llm_talking_instead_of_the_document_is_refused(tmp_path: Path) -> None:
    model = scorer(tmp_path / "b", 400.0)
    original = "Dear Ann,\nhello gamma world, see you soon."
    fixed = "Dear Ann,\nhello kind world, see you soon."
    assert check_rewrite(model, original, fixed).problem is None
    for answer, where in [("I'm sorry, but I can't help with rewriting this text.", "opens"),
                          ("I cannot revise content like this.", "opens"),
                          ("I can’t help with that request.", "opens"),
                          ("As an AI, I won't repeat insults.", "opens"),
                          ("Here is the revised document:\n\n" + fixed, "opens"),
                          ("Sure! " + fixed, "opens"),
                          (fixed + "\n\nI have removed the insult to keep the letter kind.", "ends"),
                          (fixed + "\n\nLet me know if you want further changes.", "ends"),
                          (fixed + "\nNote: I replaced one word.", "ends")]:
        problem = check_rewrite(model, original, answer).problem
        assert problem is not None and problem.startswith(f"the rewrite {where} with the LLM's own words"), answer
    # The document's own voice is not the LLM's: an apology letter may open with an apology.
    letter = "I'm sorry I missed your party.\nhello gamma world"
    assert check_rewrite(model, letter, "I'm sorry I missed your party.\nhello kind world").problem is None


def test_a_summary_of_a_long_document_is_refused(tmp_path: Path) -> None:
    model = scorer(tmp_path / "b", 400.0)
    original = "The walk went along the river and up the hill to the old mill. " * 40 + "hello gamma world"
    summary = "A walk along a river to a mill."
    problem = check_rewrite(model, original, summary).problem
    assert problem is not None and "fewer than the 345 a revision of a 2,537-character original keeps" in problem
    assert check_rewrite(model, original, original.replace("gamma", "kind")).problem is None
    # Short originals may be rewritten freely: a lone insult can become a short kind line.
    assert check_rewrite(model, "gamma gamma gamma you gamma", "hello").problem is None


def test_another_text_in_place_of_a_revision_is_refused(tmp_path: Path) -> None:
    # An LLM that returns some other text (a canned answer, another document, a continuation) passes
    # every other check: it is clean, of a fair length and keeps nothing flagged. A revision keeps the
    # document outside the flagged passage.
    model = scorer(tmp_path / "b", 400.0)
    letter = " ".join(f"Line {i} of the letter says hello to the world number {i}." for i in range(30))
    original = letter + " And then gamma came."
    assert model.score_texts([original], cascade=False)[0, 3] < 0.5 and model.window_scores(original)[0][:, 3].max() > 0.5
    other = " ".join(f"A recipe step {i}: stir the pot and wait for minute {i}." for i in range(30)) + " Serve."
    verdict = check_rewrite(model, original, other)
    assert verdict.problem is not None and "another text, not a revision" in verdict.problem, verdict
    assert verdict.scores["toxicity"] < 0.5
    # The smallest edit, and a light edit of every sentence besides, are revisions.
    assert check_rewrite(model, original, letter + " And then kindness came.").problem is None
    edited = letter.replace("says hello", "said hello") + " And then kindness came."
    assert check_rewrite(model, original, edited).problem is None
    # A short document that is all flagged passage has no rest to keep: a free rewrite stands.
    assert check_rewrite(model, "gamma hello world", "good morning to everyone").problem is None
