"""Training text for the default model beyond the labelled rows: labelled rows set inside ordinary
text, and junk that a window of a real document can hold.

Why in context: a labelled row is a sentence or two, but a run scores windows of 256 tokens, and a
violating passage in a real document (a cruel paragraph in a story, a scam line in a chat) shares
its window with ordinary text. The encoder's output is a mean over the window's tokens, so a head
trained only on bare rows sees the passage's signal diluted by its neighbours and under-scores it.
Training on the same rows framed by ordinary text (label unchanged: the behaviour is still there;
a label-0 row stays 0) teaches the heads to find a passage wherever it sits.

Why junk: windows of only special tokens, one unknown token, digits or symbols are real (tables,
empty fields, non-Latin scripts) and scored high on some heads when nothing of the kind was ever a
negative.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

from curafilter.labels import LabeledRow

# Appended to a source's name for its rows set in context: they are held out with their source in
# validation but never scored there (the held-out rows are the labelled sets' own).
CONTEXT = " +context"
SEPARATORS = ("\n\n", " ", "\n", "\n\n* * *\n\n", "\n\n---\n\n", "\n\n\n")
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def base_source(source: str) -> str:
    """The labelled source a derived row comes from: rows set in context (CONTEXT) or retold
    (third_person.THIRD) carry a " +..." suffix."""
    return source.split(" +", 1)[0]


def _cut(ordinary: Sequence[str], max_chars: int, rng: random.Random) -> str:
    """Whole sentences, at most `max_chars`, from a random place in a random ordinary text; a few
    tries, then nothing (a piece cut mid-sentence would teach that cut text is ordinary)."""
    for _ in range(6):
        sentences = SENTENCE.split(rng.choice(ordinary).strip())
        out = ""
        for s in sentences[rng.randrange(len(sentences)):]:
            if len(out) + len(s) + 1 > max_chars:
                break
            out = f"{out} {s}" if out else s
        if out:
            return out
    return ""


def in_context_rows(rows: Sequence[LabeledRow], ordinary: Sequence[str], count_tokens: Callable[[list[str]], list[int]],
                    *, per_key: int, max_tokens: int = 250, seed: int = 0) -> list[LabeledRow]:
    """Up to `per_key` rows per (source, principle, label), each set among one to three pieces of
    `ordinary` text at a random place, the whole at most `max_tokens` tokens (so training at 256
    never cuts the labelled passage off). The ordinary text is from half to six times as long as
    the labelled passage, within that limit."""
    rng = random.Random(seed)
    by_key: dict[tuple[str, str, int], list[LabeledRow]] = {}
    for r in rows:
        by_key.setdefault((r.source, r.principle, r.label), []).append(r)
    chosen = [r for key in sorted(by_key) for r in rng.sample(by_key[key], min(per_key, len(by_key[key])))]
    core_tokens = count_tokens([r.text for r in chosen])
    drafts: list[tuple[LabeledRow, str]] = []
    for r, n in zip(chosen, core_tokens):
        room = max_tokens - n - 4
        if room < 24:
            continue
        budget = min(room, max(24, int(n * rng.uniform(0.5, 6.0))))  # tokens of ordinary text
        pieces = rng.randint(1, 3)
        context = [_cut(ordinary, int(4.0 * budget / pieces), rng) for _ in range(pieces)]
        at = rng.randint(0, pieces)
        parts = context[:at] + [r.text] + context[at:]
        sep = rng.choice(SEPARATORS)
        drafts.append((r, sep.join(p.strip() for p in parts if p.strip())))
    lengths = count_tokens([text for _, text in drafts])
    return [LabeledRow(text=text, principle=r.principle, label=r.label, source=r.source + CONTEXT,
                       category=f"context:{r.category}")
            for (r, text), n in zip(drafts, lengths) if n <= max_tokens]


def junk_texts(n: int = 240, seed: int = 0) -> list[str]:
    """Text with nothing to judge: empty, whitespace, digits and tables, symbols, scripts the
    vocabulary barely covers, code, URLs and encoded blobs. Negatives for every head."""
    rng = random.Random(seed)
    scripts = ("\u4e00", "\u0600", "\u0400", "\u0900", "\u3040", "\uac00", "\u0e00", "\u05d0", "\U0001F600")
    makers: list[Callable[[], str]] = [
        lambda: "",
        lambda: rng.choice([" ", "\n", "\n\n\n", "\t \t"]),
        lambda: " ".join(str(rng.randint(0, 10 ** rng.randint(1, 7))) for _ in range(rng.randint(1, 80))),
        lambda: "\n".join(" | ".join(f"{rng.uniform(0, 1000):.{rng.randint(0, 3)}f}" for _ in range(rng.randint(2, 6)))
                          for _ in range(rng.randint(1, 12))),
        lambda: "".join(rng.choice("-=*#_~.|/\\<>[]{}()!?:;,+^%$@&") for _ in range(rng.randint(1, 200))),
        lambda: "".join(chr(ord(rng.choice(scripts)) + rng.randint(0, 90)) for _ in range(rng.randint(1, 200))),
        lambda: " ".join("".join(chr(ord(rng.choice(scripts)) + rng.randint(0, 90)) for _ in range(rng.randint(1, 6)))
                         for _ in range(rng.randint(1, 40))),
        lambda: "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                        for _ in range(rng.randint(8, 600))),
        lambda: " ".join(f"https://{rng.choice(['www.', ''])}{rng.choice(['example', 'files', 'cdn', 'archive'])}"
                         f".{rng.choice(['org', 'com', 'net'])}/{rng.randint(0, 99999)}?id={rng.randint(0, 9999)}"
                         for _ in range(rng.randint(1, 10))),
        lambda: "\n".join(rng.choice(["def f(x):", "    return x + 1", "for i in range(10):", "    print(i)", "}", "{",
                                      "int main(void) {", "  return 0;", "x = [1, 2, 3]", "SELECT * FROM t WHERE id = 4;",
                                      "<div class=\"row\">", "</div>", "import os", "#include <stdio.h>"])
                          for _ in range(rng.randint(1, 20))),
        lambda: rng.choice("abcdefghijklmnopqrstuvwxyz!.?-") * rng.randint(1, 300),
        lambda: " ".join(rng.choice(["[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]"]) for _ in range(rng.randint(1, 30))),
    ]
    out = [makers[i % len(makers)]() for i in range(n)]
    # Distinct texts only (several makers can repeat a short output); order is fixed by the seed.
    return list(dict.fromkeys(out))


def injected_documents(documents: Sequence[str], passages: Sequence[str], *, seed: int = 0) -> list[str]:
    """Each document with one passage set between two of its paragraphs, past its first third:
    a violation deep inside a long clean document, which a head-only scorer never sees."""
    rng = random.Random(seed)
    out = []
    for doc in documents:
        paras = doc.split("\n")
        at = rng.randint(max(1, len(paras) // 3), max(1, len(paras) - 1))
        out.append("\n".join(paras[:at] + [rng.choice(passages)] + paras[at:]))
    return out
