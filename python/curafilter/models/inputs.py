"""The default build's inputs: where the repository and ../shared/data are, Wikipedia text read
from the corpus shards, and the shipped sample (a check, never trained on)."""

from __future__ import annotations

from pathlib import Path

import msgspec
import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent if (HERE.parent.name == "curafilter") else HERE.parent
SHARED = REPO.parent / "shared" / "data"


def background_texts(shard: Path, n: int, seed: int = 0, skip: int = 0) -> list[str]:
    """Ordinary text for the negatives, n of each kind: the head of a document (what the model
    sees of one), a random paragraph of another, and pieces of one or two consecutive sentences
    from further documents. The short pieces matter: labelled rows are a sentence or two long, and with only
    long ordinary text among the negatives a head learns "short" as a sign of a violation."""
    import re

    import curafilter
    from curafilter.annotate import text_at

    rng = np.random.default_rng(seed)
    kinds: tuple[list[str], list[str], list[str]] = ([], [], [])
    heads, paragraphs, snippets = kinds
    seen = 0
    with curafilter.stream(shard, tokenizer=None) as s:
        for batch in s:
            for i in range(len(batch)):
                seen += 1
                if seen <= skip:  # documents another caller took (training vs threshold calibration)
                    continue
                text = text_at(msgspec.json.decode(batch.raw(i)), "text") or ""
                if len(heads) < n:
                    heads.append(text[:1500])
                    continue
                paras = [p for p in text.split("\n") if len(p) > 200]
                if not paras:
                    continue
                para = paras[int(rng.integers(len(paras)))]
                if len(paragraphs) < n:
                    paragraphs.append(para[:1500])
                else:  # up to three pieces per document: one shard has too few documents for one each
                    for _ in range(3):
                        sentences = re.split(r"(?<=[.!?])\s+", paras[int(rng.integers(len(paras)))])
                        start = int(rng.integers(len(sentences)))
                        piece = " ".join(sentences[start:start + int(rng.integers(1, 3))])
                        if 30 <= len(piece) <= 300 and len(snippets) < n:
                            snippets.append(piece)
            if len(snippets) >= n:
                break
    return heads + paragraphs + snippets


def whole_documents(shard: Path, n: int | None, skip: int) -> list[str]:
    """The full text of n documents (None: all) after the first `skip`: thresholds must hold for
    whole documents scored as a run scores them (every window), not only for the heads the model
    trains on."""
    import curafilter
    from curafilter.annotate import text_at

    out: list[str] = []
    with curafilter.stream(shard, tokenizer=None) as s:
        for batch in s:
            for i in range(len(batch)):
                if skip > 0:
                    skip -= 1
                elif n is None or len(out) < n:
                    out.append(text_at(msgspec.json.decode(batch.raw(i)), "text") or "")
            if n is not None and len(out) >= n:
                break
    return out


def sample_documents() -> tuple[list[str], list[str], dict[str, str | None]]:
    """The shipped sample's ids and texts, in order, and each id's `intended` principle (None: benign)."""
    import curafilter
    from curafilter.annotate import text_at

    labels = {r["id"]: r["intended"] for r in map(msgspec.json.decode, (REPO / "examples" / "sample-labels.jsonl").read_bytes().splitlines())}
    ids, texts = [], []
    with curafilter.stream(REPO / "examples" / "sample.jsonl.zst", tokenizer=None) as s:
        for batch in s:
            for i in range(len(batch)):
                doc = msgspec.json.decode(batch.raw(i))
                ids.append(doc["id"])
                texts.append(text_at(doc, "text") or "")
    return ids, texts, labels
