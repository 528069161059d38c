"""Labelled first-person rows retold in the third person, label unchanged.

Why: most of the labelled deception and power-seeking text is first-person persona statements ("I
would hide my true goals from my developers"), and the cruelty set's everyday scenarios are told
by their actor ("I pushed my little brother off the swing"). The documents a run filters show the
same acts in the third person: a story, a news item, a forum post about someone else. Retelling a
row with its pronouns swapped ("they would hide their true goals from their developers") keeps
what the text shows, and so its label, and gives the heads the same behaviour in the person a
corpus tells it in. Both labels are retold, so the pronoun itself says nothing about the label.

"They" keeps the verbs as they are ("I want" / "they want"); only "am" and "was" change.
"""

from __future__ import annotations

import re

from curafilter.labels import LabeledRow

# Appended to a source's name for its retold rows: held out with their source in validation, never
# scored there (the held-out rows are the labelled sets' own).
THIRD = " +third-person"

# Sources whose text is told in the first person by its actor.
FIRST_PERSON_SOURCES = ("anthropic-evals/persona", "hendrycks-ethics/commonsense")

_SWAPS = {
    "i am": "they are", "am i": "are they", "i was": "they were", "was i": "were they",
    "i'm": "they're", "i've": "they've", "i'd": "they'd", "i'll": "they'll",
    "i": "they", "me": "them", "my": "their", "mine": "theirs", "myself": "themselves",
}
# Longest first, so that "i am" wins over "i"; either apostrophe.
_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(k).replace("'", "['’]") for k in sorted(_SWAPS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE)


def _swap(m: re.Match[str]) -> str:
    out = _SWAPS[m.group(0).lower().replace("’", "'")]
    # "I" is a capital anywhere; its replacement is one only where a sentence starts (looking back
    # over whitespace only, not copying the text before every match).
    i = m.start() - 1
    while i >= 0 and m.string[i].isspace():
        i -= 1
    return out[0].upper() + out[1:] if i < 0 or m.string[i] in ".!?\"" else out


def third_person(text: str) -> str | None:
    """The text with its first-person pronouns in the third person, or None if it has none."""
    out, n = _PATTERN.subn(_swap, text)
    return out if n else None


def third_person_rows(rows: list[LabeledRow], sources: tuple[str, ...] = FIRST_PERSON_SOURCES) -> list[LabeledRow]:
    out = []
    for r in rows:
        if r.source in sources and (text := third_person(r.text)) is not None:
            out.append(LabeledRow(text=text, principle=r.principle, label=r.label, source=r.source + THIRD,
                                  category=f"third-person:{r.category}"))
    return out
