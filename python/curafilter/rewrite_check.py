"""Decide whether an LLM rewrite may replace a flagged document.

A rewrite is accepted only when it is a real revision: not empty, not the original again, not far
longer than the original (padding a flagged text with benign prose dilutes a head-only score),
not still carrying the passage that was flagged, and under every threshold over its *whole*
length (every window, however long the rewrite is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from curafilter.model import Model

# A rewrite may add this much to the original (a revision can add context) and no more.
LENGTH_FACTOR = 1.5
LENGTH_SLACK = 500  # characters, so that short documents can still be rewritten freely
# A flagged window counts as kept when this share of its word 8-grams is in the rewrite: a real
# revision of a passage changes at least a sentence of it, which removes far more than 5%.
SHINGLE = 8
KEPT_SHARE = 0.95


@dataclass(frozen=True)
class Verdict:
    scores: dict[str, float]  # highest score per principle over the rewrite's windows (empty if not scored)
    problem: str | None  # why the rewrite is refused; None when accepted


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _keeps(passage: str, rewrite_words: list[str], rewrite_shingles: set[tuple[str, ...]]) -> bool:
    words = _words(passage)
    if not words:
        return False
    if len(words) < SHINGLE:  # a short passage: kept if it appears whole
        return " ".join(words) in " ".join(rewrite_words)
    own = _shingles(words)
    return len(own & rewrite_shingles) >= KEPT_SHARE * len(own)


def check_rewrite(model: Model, original: str, rewrite: str) -> Verdict:
    if not rewrite.strip():
        return Verdict({}, "the rewrite was empty")
    if _words(rewrite) == _words(original):
        return Verdict({}, "the rewrite is the original text")
    limit = LENGTH_FACTOR * len(original) + LENGTH_SLACK
    if len(rewrite) > limit:
        return Verdict({}, f"the rewrite is {len(rewrite):,} characters, more than the {int(limit):,} allowed "
                           f"for a {len(original):,}-character original")
    thresholds = model.thresholds
    rows, _, _ = model.window_scores(rewrite)
    best = rows.max(0)
    scores = dict(zip(model.principles, np.round(best.astype(float), 5).tolist()))
    still = [p for p, s, t in zip(model.principles, best, thresholds) if s >= t]
    if still:
        return Verdict(scores, f"rewrite still violates {', '.join(still)}")
    # Windows of the original over a threshold: the flagged passages.
    rows, starts, ends = model.window_scores(original)
    flagged = np.flatnonzero((rows >= thresholds).any(1))
    words = _words(rewrite)
    shingles = _shingles(words)
    for k in flagged:
        if _keeps(original[starts[k]:ends[k]], words, shingles):
            return Verdict(scores, f"the rewrite keeps the flagged passage at characters {starts[k]}-{ends[k]} "
                                   "of the original")
    return Verdict(scores, None)
