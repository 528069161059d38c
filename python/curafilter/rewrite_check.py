"""Decide whether an LLM rewrite may replace a flagged document.

A rewrite is accepted only when it is a real revision: not empty, not the original again, not far
longer than the original (padding a flagged text with benign prose dilutes a head-only score),
not far shorter (a summary or a fragment), not the LLM talking instead of the document (a refusal,
"Here is the revised text:", "Let me know if..."), not still carrying the passage that was flagged,
keeping the document outside that passage (not another text), and under every threshold over its
*whole* length (every window, however long the rewrite is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from curafilter.model import Model

# A rewrite may add this much to the original (a revision can add context) and no more.
LENGTH_FACTOR = 1.5
LENGTH_SLACK = 500  # characters, so that short documents can still be rewritten freely
# ... and keep at least this share of it: removing a violating passage rarely removes more, and a
# summary of a long document (what an LLM asked to "fix" it often returns) is far shorter.
SHRINK_FACTOR = 1 / 3
# A flagged window counts as kept when this share of its word 8-grams is in the rewrite: a real
# revision of a passage changes at least a sentence of it, which removes far more than 5%.
SHINGLE = 8
KEPT_SHARE = 0.95
# Outside its flagged windows a revision keeps the document (the prompt asks for the smallest edits
# and to keep everything that does not violate): at least this share of the word 4-grams there must
# be in the rewrite, where there are enough of them to judge. A light edit of every sentence (a word
# in each) still keeps over half; an unrelated text, another document or a continuation keeps none.
REST_SHINGLE = 4
REST_KEPT_SHARE = 1 / 3
REST_MIN_SHINGLES = 20


@dataclass(frozen=True)
class Verdict:
    scores: dict[str, float]  # highest score per principle over the rewrite's windows (empty if not scored)
    problem: str | None  # why the rewrite is refused; None when accepted


# An answer that opens with the LLM's own voice (a refusal, a preamble) or ends with a note about its
# edits: text of the chat, not of the document. Counted only when the original's own first or last
# line does not read the same way (an apology letter may open with "I'm sorry").
_OPENS = re.compile(
    r"\W*(?:i['’]?m sorry|i am sorry|sorry,? (?:but )?i|i apologi[sz]e,? but|i can(?:no|['’])t (?:help|assist|"
    r"comply|do|provide|revise|rewrite|edit|fulfil)|i cannot|i won['’]?t be able|i['’]?m (?:not able|unable)|"
    r"i am (?:not able|unable)|as an ai\b|i must decline|(?:sure|certainly|of course|absolutely)[,.!]|"
    r"here(?:['’]s| is| are) (?:the|a|an|your|my) (?:revised|rewritten|edited|updated|cleaned|modified|"
    r"corrected|new|minimally)|below is (?:the|a|your)|the (?:revised|rewritten|edited) (?:document|text|"
    r"version)|revised (?:document|text|version):)",
    re.IGNORECASE)
_CLOSES = re.compile(
    r"\W*(?:let me know if|i hope this (?:helps|revision|version)|(?:changes|edits|revisions) made\b|"
    r"i(?: have|['’]ve) (?:removed|revised|rewritten|changed|edited|replaced|softened|toned)\b|"
    r"note: (?:i\b|the (?:revised|rewritten|original|changes|edits)|this (?:revision|version|rewrite)))",
    re.IGNORECASE)


def _first_line(text: str) -> str:
    return next((line for line in text.splitlines() if line.strip()), "")


def _last_line(text: str) -> str:
    return next((line for line in reversed(text.splitlines()) if line.strip()), "")


def _chat_voice(original: str, rewrite: str) -> str | None:
    for pattern, line_of, where in ((_OPENS, _first_line, "opens"), (_CLOSES, _last_line, "ends")):
        line = line_of(rewrite)
        if pattern.match(line) and not pattern.match(line_of(original)):
            return f"the rewrite {where} with the LLM's own words, not the document's: {line.strip()[:80]!r}"
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _shingles(words: list[str], n: int = SHINGLE) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _rest(original: str, starts: np.ndarray, ends: np.ndarray, flagged: np.ndarray) -> list[str]:
    """The stretches of `original` outside its flagged windows."""
    pieces, at = [], 0
    for a, b in sorted((int(starts[k]), int(ends[k])) for k in flagged):
        if a > at:
            pieces.append(original[at:a])
        at = max(at, b)
    pieces.append(original[at:])
    return pieces


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
    floor = SHRINK_FACTOR * len(original) - LENGTH_SLACK
    if len(rewrite) < floor:
        return Verdict({}, f"the rewrite is {len(rewrite):,} characters, fewer than the {int(floor):,} a revision "
                           f"of a {len(original):,}-character original keeps (a summary or a fragment)")
    talk = _chat_voice(original, rewrite)
    if talk:
        return Verdict({}, talk)
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
    if flagged.size:
        rest = set().union(*(_shingles(_words(piece), REST_SHINGLE) for piece in _rest(original, starts, ends, flagged)))
        if len(rest) >= REST_MIN_SHINGLES:
            kept = len(rest & _shingles(words, REST_SHINGLE)) / len(rest)
            if kept < REST_KEPT_SHARE:
                return Verdict(scores, f"the rewrite keeps {kept:.0%} of the original outside its flagged passages "
                                       f"(a revision keeps at least {REST_KEPT_SHARE:.0%}): another text, not a revision")
    return Verdict(scores, None)
