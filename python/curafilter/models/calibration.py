"""Thresholds for a real base rate, the cascade's cheap stage and the checks of a built bundle:
what the default build does once the model is trained and exported."""

from __future__ import annotations

from pathlib import Path

import msgspec
import numpy as np
from rich.progress import Progress

from curafilter.card import Card
from in_context import injected_documents
from inputs import sample_documents, whole_documents

# Thresholds: each principle flags at most this share of each kind of held-out ordinary text. Four
# principles at 0.25% each flag at most 1% of ordinary documents together (less, as they overlap):
# in a real corpus violations are rare, so a false-flag rate of a few percent would fill revise
# with benign text (at 0.5% each, 0.4.0 flagged 1.76% of held-out Wikipedia).
BACKGROUND_FLAG_RATE = 0.0025
# Texts of a calibration kind that may score over a threshold whatever the rate (thresholds_from).
MIN_ABOVE = 4
# Whole Wikipedia documents for threshold calibration start after this many documents of the first
# shard: training's background pieces come from the documents before it (background_texts stops
# within the first 2,048 (one stream batch) for --background 2400).
CALIBRATION_SKIP = 2048
# The second shard's first documents calibrate too; the rest of it (1,685 documents) is the
# Wikipedia check, never trained or calibrated on. Why: the first shard leaves 1,176 documents after
# training's, and at 0.25% that is 3 documents over a threshold, below MIN_ABOVE, so whole documents
# were calibrated at 0.35% (4 of 1,150) with a quantile set by a handful of documents; the check on
# the second shard then flagged twice the rate (0.5.0: 0.34-0.83% per principle).
CHECK_SKIP = 1600


def wikipedia_flag_rate(bundle: Path, corpus: Path, limit: int | None, skip: int) -> dict[str, float]:
    """Share of whole documents of `corpus` (after the first `skip`) that the bundle's rules flag, as
    a run scores them (every window, cascade as the card ships it)."""
    import curafilter

    model = curafilter.load_model(bundle, device="cpu", variant="int8")
    hit = model.score_texts(whole_documents(corpus, limit, skip=skip)) >= model.thresholds
    out = {f"wikipedia_flagged_{p}": round(float(c), 4) for p, c in zip(model.principles, hit.mean(0))}
    out["wikipedia_flagged_any"] = round(float(hit.any(1).mean()), 4)
    out["wikipedia_docs_checked"] = float(len(hit))
    return out


def bundle_scores(bundle: Path, texts: list[str]) -> np.ndarray:
    """The transformer's scores over every window (cascade off: thresholds are the model's)."""
    import curafilter

    return curafilter.load_model(bundle, device="cpu", variant="int8", cascade=False).score_texts(texts)


def scores_key(bundle: Path) -> str:
    """What cached transformer scores depend on: the int8 graph that scored them."""
    import hashlib

    return hashlib.sha256((bundle / "model-int8.onnx").read_bytes()).hexdigest()[:16]


def stamp(cache_file: Path, bundle: Path) -> None:
    """Record beside a cache of scores which model gave them (see `reusable`)."""
    cache_file.with_name(cache_file.name + ".model").write_text(scores_key(bundle))


def reusable(cache_file: Path, bundle: Path) -> bool:
    """Whether cached scores (--reuse-scores) came from this bundle's model; refuse ones that did not."""
    if not cache_file.is_file():
        return False
    mark = cache_file.with_name(cache_file.name + ".model")
    if not mark.is_file() or mark.read_text() != scores_key(bundle):
        raise SystemExit(f"{cache_file} holds scores of another model than {bundle}; run without --reuse-scores")
    return True


def cheap_stage(bundle: Path, card: Card, shard: Path, passages: list[str], n: int, cache: Path,
                recall: float, reuse: bool = False) -> Card:
    """Distil the cascade's cheap stage from the shipped model (curafilter.cascade): every window
    of Wikipedia documents, a fifth of them with a labelled violating passage set deep inside, so
    that the held-out part has enough flagged documents to set the cuts for a recall. `reuse`: fit
    on the windows the last build scored (the model must be the same)."""
    import random

    import curafilter
    from curafilter import cascade

    model = curafilter.load_model(bundle, device="cpu", variant="int8", cascade=False)
    windows = cache / "cheap-windows.npz"
    if reuse and reusable(windows, bundle):
        sample = cascade.WindowSample.load(windows)
        if sample.bits != cascade.DEFAULT_BITS:
            raise SystemExit(f"{windows} holds {sample.bits}-bit features, not {cascade.DEFAULT_BITS}; run without --reuse-scores")
    else:
        docs = whole_documents(shard, n, skip=0)
        texts = injected_documents(docs[: n // 5], passages, seed=3) + docs[n // 5:]
        random.Random(0).shuffle(texts)
        path = cache / "cheap-sample.jsonl"
        path.write_bytes(b"".join(msgspec.json.encode({"id": i, "text": t}) + b"\n" for i, t in enumerate(texts)))
        with Progress() as progress:
            task = progress.add_task("cheap stage: scoring every window", total=len(texts))
            sample = cascade.sample_windows(model, path, docs=len(texts), progress=lambda k: progress.advance(task, k))
        sample.save(windows)  # the transformer's scores are the slow part: kept to fit again (--reuse-scores)
        stamp(windows, bundle)
    d = cascade.distill(sample, model.principles, model.thresholds, recall=recall)
    print(f"cheap stage: recall {d.recall}, escalation {d.escalation_rate}, flagged docs {d.flagged}")
    return cascade.write_stage(bundle, card, d, distilled_on=(
        f"{sample.docs:,} documents of {shard.name}, {n // 5:,} of them with a labelled violating passage inserted; "
        f"cuts and recall cross-fitted over all {d.held_out_docs:,} documents ({d.held_out_windows:,} windows)"))


def thresholds_from(kinds: list[np.ndarray], rate: float = BACKGROUND_FLAG_RATE, min_above: int = MIN_ABOVE) -> np.ndarray:
    """Per principle, the lowest threshold that flags at most `rate` of *each* kind of ordinary
    text. Pooled, short pieces and written text (which score low) let whole documents, with a
    window in which to find something, flag several times the rate. A kind too small for the rate
    is allowed `min_above` texts over the threshold instead: below that the quantile is the score
    of a single text, and the joined pages repeat each written piece in ~3 pages, so one piece
    that reads as deceit set all three thresholds at 0.98-0.99 (recall near zero)."""
    return np.max([np.quantile(k, 1 - max(rate, min_above / len(k)), axis=0, method="higher") for k in kinds], axis=0)


def sample_check(bundle: Path) -> dict[str, float]:
    """The shipped sample: share of benign documents flagged by the bundle's rules, and of the
    documents written to show a principle, the share routed away from keep."""
    import curafilter
    from curafilter.rules import load_rules

    model = curafilter.load_model(bundle, device="cpu", variant="int8")
    rules = load_rules(bundle / "rules.toml", model.principles)
    ids, texts, labels = sample_documents()
    scores = model.score_texts(texts)
    # Flagged = routed to drop or revise, i.e. past a threshold; "tag" (near one) is kept.
    routes = np.array(rules.routes + ["unscorable"])[rules.apply(scores)]
    flagged = np.isin(routes, ["drop", "revise"])
    intended = np.array([labels.get(i) is not None for i in ids])
    own = np.array([labels.get(i) is not None and scores[k, model.principles.index(labels[i])] >= model.thresholds[model.principles.index(labels[i])]
                    for k, i in enumerate(ids)])
    return {
        "sample_benign_flagged": round(float(flagged[~intended].mean()), 4),
        "sample_intended_caught": round(float(flagged[intended].mean()), 4),
        "sample_intended_caught_by_own_principle": round(float(own[intended].mean()), 4),
        "sample_docs": float(len(ids)),
    }
