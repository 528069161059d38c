"""The cascade: a cheap first stage that decides which windows the transformer scores.

Scoring every window of a long document costs many times the tokens of its head, and most windows
of a real corpus are plainly ordinary. The cheap stage (``rust/cheap.rs``) is one linear model per
principle over a window's hashed token unigrams and bigrams; it scores every window on the
tokeniser threads at a tiny cost, and only a window whose cheap score for some principle reaches
that principle's *cut* becomes a row for the transformer. A document with no window escalated is
*cleared*: its score is the cheap stage's estimate (the sigmoid of its highest window logit),
which is below the card's thresholds because a cut is never set above its threshold's logit.

Distillation (``curafilter distill-cheap``, :func:`distill`): score a sample of a corpus window
by window with the transformer; fit, per principle, a ridge regression of the transformer's logit
on the window's IDF-weighted features (a regression rather than a classifier, because flags are rare and the
scores below them still say which windows come close; windows near a threshold weigh more); then set each
cut for a target recall: the share of the documents that scoring every window flags which the
cascade still flags (cross-fitted: each document scored by a fit that did not see it). Features
that the transformer flags most windows of become *triggers* (their weight passes any cut), so
that one strong word escalates a window however long and ordinary the rest of it is.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from curafilter._core import CheapStage, cheap_features
from curafilter.card import CARD_FILE, Card, Cascade, bundle_file
from curafilter.errors import ConfigError, ModelError
from curafilter.stream import SORT_WINDOW

__all__ = ["CASCADE_FILE", "load_stage", "estimate", "WindowSample", "sample_windows", "distill", "Distilled"]

CASCADE_FILE = "cascade.npy"
# 2^20 hashed uni- and bigram features. Measured on the default model's 28,610-window sample
# (cross-fitted): escalation at held-out recall 0.988 falls from 11.7% at 18 bits to 10.2% at 20
# (10.0% at 22, for a 64 MB file); fewer bigrams share a weight.
DEFAULT_BITS = 20
# Logits of the transformer's scores are clipped here before fitting: below, every window is
# equally ordinary, and a fit that chased -15 against -9 would spend itself where nothing is decided.
LOGIT_CLIP = 8.0
# Held-out flagged documents a principle needs for its cut to be set for a recall.
MIN_FLAGGED = 5
# Windows whose transformer logit comes within NEAR_MARGIN of a threshold's weigh NEAR_WEIGHT times
# the rest in the fit: the cuts are decided among them, and the mass of plainly ordinary windows
# otherwise pulls the fit toward ranking those among themselves. Measured on the default model's
# 28,610-window sample (cross-fitted, cuts for recall 0.98): 12.7% of windows escalated unweighted,
# 10.0% with these (held-out recall 0.988 and 0.985); clipping the target higher instead (at -4 or
# -2) escalated more (16% and 28%).
NEAR_WEIGHT, NEAR_MARGIN = 10.0, 2.0
# Ridge penalty of the fit on IDF-weighted features (`_fit`). Measured on default model 0.6.0's
# 28,610-window sample (cross-fitted, cuts for recall 0.99): binary features at penalty 1 (the
# earlier fit) escalated 10.7% of windows for held-out recall 0.9915; IDF-weighted, 9.4% at 4,
# 9.2% at 8 (recall 0.9915 both), 9.1% at 16 (recall 0.986).
ALPHA = 8.0
# Triggers: a feature that at least TRIGGER_SUPPORT windows of the sample hold, TRIGGER_SHARE or
# more of them flagged by the transformer for a principle, escalates any window that holds it (its
# weight is set to TRIGGER_WEIGHT, which passes every cut even scaled by 1/sqrt(512), the most
# features a 256-token window has). Why: the linear score is a mean over a window's features, so
# one strong word in a long ordinary window (an obscenity quoted in an article) is outweighed by
# the window's ordinary vocabulary; the cuts, set mostly on dense flagged passages, pass over it.
# Measured on default model 0.6.2's 28,610-window sample (cuts for recall 0.98), chosen by the
# lowest cross-fitted escalation at the same cross-fitted recall: support 8, share 0.6 escalated
# 8.49% (no triggers 8.53%; support 5 / share 0.5 8.87%; 10 / 0.5 8.71%; 5 / 0.4 10.1%; 5 / 0.7
# 8.56%); on the 1,685 held-out Wikipedia check documents they kept 23 of the 23 flags where the
# stage without them kept 22 (the lost one: "we said, fuck it" in an article).
TRIGGER_SUPPORT, TRIGGER_SHARE, TRIGGER_WEIGHT = 8, 0.6, 1e4


def load_stage(bundle: Path, card: Card) -> CheapStage | None:
    """The bundle's cheap stage, or None when its card has none."""
    c = card.cascade
    if c is None:
        return None
    path = bundle_file(bundle, c.file, "cascade.file", bundle / CARD_FILE)
    try:
        weights = np.load(path, allow_pickle=False)
    except (OSError, ValueError) as e:
        raise ModelError(f"{path}: cannot read the cascade's weights: {e}") from None
    names = [p.name for p in card.principles]
    if weights.dtype not in (np.float16, np.float32) or weights.shape != (len(names), 1 << c.bits):
        raise ModelError(f"{path}: expected float16 or float32 weights of shape ({len(names)}, {1 << c.bits}) "
                         f"for {c.bits} hash bits, got {weights.dtype} {weights.shape}")
    try:
        return CheapStage(c.bits, weights.astype(np.float32), [c.bias[n] for n in names], [c.cut[n] for n in names])
    except ConfigError as e:
        raise ModelError(f"{path}: {e}") from None


def estimate(cheap: np.ndarray) -> np.ndarray:
    """Scores of cleared documents from their cheap logits (``batch.cheap``)."""
    return (1.0 / (1.0 + np.exp(-np.clip(cheap, -30.0, 30.0)))).astype(np.float32)


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p.astype(np.float64), 1e-7, 1 - 1e-7)
    return np.clip(np.log(p / (1 - p)), -LOGIT_CLIP, LOGIT_CLIP)


@dataclass
class WindowSample:
    """Every window of a sample of documents: cheap-stage features (CSR), transformer scores."""

    indptr: np.ndarray  # int64 [rows + 1]
    indices: np.ndarray  # uint32
    scores: np.ndarray  # float32 [rows, P]
    doc: np.ndarray  # int64 [rows]: the row's document, numbered in the order the stream yields
    # documents (length-sorted within a batch), not in input order: it groups windows, nothing more
    docs: int
    bits: int = DEFAULT_BITS  # hash bits the features were computed with

    def save(self, path: Path) -> None:
        """Keep a sample (its transformer scores are the expensive part) to fit again later."""
        np.savez(path, indptr=self.indptr, indices=self.indices, scores=self.scores, doc=self.doc,
                 docs=np.int64(self.docs), bits=np.int64(self.bits))

    @classmethod
    def load(cls, path: Path) -> WindowSample:
        with np.load(path, allow_pickle=False) as z:
            bits = int(z["bits"]) if "bits" in z.files else 18  # saved before samples recorded it
            return cls(z["indptr"], z["indices"], z["scores"], z["doc"], int(z["docs"]), bits)

    def matrix(self, rows: np.ndarray | None = None):  # -> scipy.sparse.csr_matrix
        """Binary features scaled by 1/√n per row, as the Rust scorer weighs them."""
        from scipy.sparse import csr_matrix

        n = np.diff(self.indptr)
        data = np.repeat((1.0 / np.sqrt(np.maximum(n, 1))).astype(np.float32), n)
        m = csr_matrix((data, self.indices.astype(np.int64), self.indptr), shape=(len(n), 1 << self.bits))
        return m if rows is None else m[rows]


def sample_windows(model, paths, *, docs: int, bits: int = DEFAULT_BITS,
                   progress: Callable[[int], None] | None = None) -> WindowSample:
    """Score every window (up to the model's window count) of the first `docs` documents of
    `paths` with the transformer, and compute each window's cheap-stage features."""
    specials = model.tokenizer().specials
    indptr, indices, scores, doc = [np.zeros(1, np.int64)], [], [], []
    seen = total = 0
    # The stream sorts each `sort_window` documents longest first, so stopping inside one would
    # sample its longest documents, not the first `docs`: windows of equal size (at most the
    # stream's SORT_WINDOW) that end at `docs`, give or take one document per window.
    sort_window = -(-docs // -(-docs // SORT_WINDOW)) if docs > 0 else 1
    with model.stream(paths, cascade=False, sort_window=sort_window) as s:
        for batch in s:
            take = min(len(batch), docs - seen)
            rows = int(np.searchsorted(batch.row_doc, take)) if take < len(batch) else batch.input_ids.shape[0]
            ids, mask = batch.input_ids[:rows], batch.attention_mask[:rows]
            scores.append(model.score_arrays(ids, mask))
            ptr, idx = cheap_features(ids, mask, specials, bits)
            indptr.append(ptr[1:] + total)  # each batch's indptr starts at 0
            total += idx.size
            indices.append(idx)
            doc.append(batch.row_doc[:rows].astype(np.int64) + seen)
            seen += take
            if progress:
                progress(take)
            if seen >= docs:
                break
    return WindowSample(np.concatenate(indptr), np.concatenate(indices) if indices else np.zeros(0, np.uint32),
                        np.vstack(scores) if scores else np.zeros((0, len(model.principles)), np.float32),
                        np.concatenate(doc) if doc else np.zeros(0, np.int64), seen, bits)


@dataclass
class Distilled:
    weights: np.ndarray  # float32 [P, 2**bits]
    bias: np.ndarray  # [P]
    cut: np.ndarray  # [P]
    # Per principle with a flagged held-out document, and "all" (None when none was flagged).
    recall: dict[str, float | None]
    flagged: dict[str, int]  # documents flagged by every window, per principle (< MIN_FLAGGED: cut not
    # set for a recall, but where the cheap stage predicts a flag)
    triggers: dict[str, int]  # features that escalate any window holding them, per principle
    escalation_rate: float
    held_out_docs: int  # cross-fitted: every document is held out of one fit
    held_out_windows: int


def _fit(x, y: np.ndarray, alpha: float, weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ridge regression on features weighted by their inverse document frequency over the windows
    of `x`; the weights returned hold that factor, so the Rust scorer's binary features need none."""
    from scipy.sparse import diags
    from sklearn.linear_model import Ridge

    # A word seen in few windows says more about one than "the" does, and with the same penalty on
    # every weight the fit could not let a rare word count for much.
    idf = np.log((1 + x.shape[0]) / (1 + np.bincount(x.indices, minlength=x.shape[1]))).astype(np.float32)
    ridge = Ridge(alpha=alpha, solver="sparse_cg", fit_intercept=True, tol=1e-4)
    # A fit that diverges (a tiny alpha) is refused by `distill` with one message, not a page of
    # solver warnings.
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        ridge.fit(x @ diags(idf), y, sample_weight=weight)
    return (np.atleast_2d(ridge.coef_) * idf).astype(np.float32), np.atleast_1d(ridge.intercept_).astype(np.float32)


def _with_triggers(w: np.ndarray, sample: WindowSample, row_of: np.ndarray, over: np.ndarray,
                   rows: np.ndarray) -> np.ndarray:
    """`w` with the weight of every trigger feature (TRIGGER_SUPPORT, TRIGGER_SHARE) found among the
    windows of `rows` set to TRIGGER_WEIGHT. `row_of`: each feature entry's window; `over`: the
    transformer's flags [windows, P]."""
    keep = np.zeros(sample.doc.size, bool)
    keep[rows] = True
    entry = keep[row_of]
    idx, win = sample.indices[entry].astype(np.int64), row_of[entry]
    seen = np.bincount(idx, minlength=w.shape[1])
    w = w.copy()
    for p in range(w.shape[0]):
        hot = np.bincount(idx, weights=over[win, p], minlength=w.shape[1])
        w[p, (seen >= TRIGGER_SUPPORT) & (hot >= TRIGGER_SHARE * seen)] = TRIGGER_WEIGHT
    return w


def cascade_outcome(sample: WindowSample, rows: np.ndarray, cheap: np.ndarray, cut: np.ndarray,
                    thresholds: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For the documents of `rows`: flagged by scoring every window [docs, P], flagged by the
    cascade [docs, P], and which rows it escalates."""
    docs, inverse = np.unique(sample.doc[rows], return_inverse=True)
    scores = sample.scores[rows]
    escalated = (cheap >= cut).any(axis=1)
    full = np.full((docs.size, scores.shape[1]), -1.0, np.float32)
    np.maximum.at(full, inverse, scores)
    kept = np.full_like(full, -1.0)
    np.maximum.at(kept, inverse[escalated], scores[escalated])
    return full >= thresholds, kept >= thresholds, escalated


def _cuts(sample: WindowSample, rows: np.ndarray, cheap: np.ndarray, thresholds: np.ndarray, recall: float,
          flagged: dict[str, int] | None = None, names: list[str] | None = None) -> np.ndarray:
    """Per principle, the highest cut that still escalates, in `recall` of the documents of `rows`
    that scoring every window flags, one window over the threshold."""
    scores, doc = sample.scores[rows], sample.doc[rows]
    # Not clipped like the fit's targets: a cleared document's estimate must stay under a
    # threshold below sigmoid(-LOGIT_CLIP) too.
    t = np.clip(thresholds.astype(np.float64), 1e-12, 1 - 1e-12)
    limit = np.log(t / (1 - t))
    cut = np.empty(scores.shape[1], np.float32)
    for p in range(scores.shape[1]):
        # Each flagged document is caught when one of its windows over the threshold is
        # escalated; the best such window's cheap score is what the cut must not pass.
        over = scores[:, p] >= thresholds[p]
        docs, inverse = np.unique(doc[over], return_inverse=True)
        if flagged is not None and names is not None:
            flagged[names[p]] = int(docs.size)
        if docs.size < MIN_FLAGGED:
            # Nothing to measure a recall on: escalate where the cheap stage itself predicts a
            # flag. The report's `flagged` count tells the user to add text the model flags.
            cut[p] = limit[p]
            continue
        best = np.full(docs.size, -np.inf)
        np.maximum.at(best, inverse, cheap[over, p])
        cut[p] = min(float(np.quantile(best, 1 - recall, method="lower")), float(limit[p]))
    return cut


def _docs(n: int) -> str:
    return "1 document is" if n == 1 else f"{n:,} documents are"


def distill(sample: WindowSample, principles: list[str], thresholds: np.ndarray, *, recall: float = 0.98,
            folds: int = 5, alpha: float = ALPHA, seed: int = 0) -> Distilled:
    """Fit the cheap stage on `sample` and set its cuts from cross-fitted scores.

    Every document's windows are scored by a fit that never saw that document (`folds` fits), so
    the cuts are set on all of the sample's flagged documents rather than on a held-out part: with
    a 30% hold-out a principle the model rarely flags had a dozen documents to set a 99% cut on,
    which is the lowest of them, and the recall on other text fell short of the target. The recall
    reported is itself held out: each fold's documents are judged with cuts set on the other folds.
    The shipped weights are one more fit on every window."""
    if not 0 < recall <= 1 or folds < 2:
        raise ConfigError(f"recall must be in (0, 1] and folds at least 2, got {recall} and {folds}")
    if sample.docs < folds:
        raise ConfigError(f"{_docs(sample.docs)} too few to fit and check a cheap stage")
    fold_of_doc = np.random.default_rng(seed).permutation(sample.docs) % folds
    fold = fold_of_doc[sample.doc]
    x = sample.matrix()
    target = _logit(sample.scores)
    near = (target >= _logit(thresholds)[None, :] - NEAR_MARGIN).any(axis=1)
    weight = np.where(near, NEAR_WEIGHT, 1.0)
    row_of = np.repeat(np.arange(sample.doc.size), np.diff(sample.indptr))
    over = sample.scores >= thresholds
    cheap = np.empty(sample.scores.shape, np.float32)
    for k in range(folds):
        rows, rest = np.flatnonzero(fold == k), np.flatnonzero(fold != k)
        if not rest.size:
            raise ConfigError(f"{_docs(sample.docs)} too few to fit and check a cheap stage")
        if rows.size:
            w, b = _fit(x[rest], target[rest], alpha, weight[rest])
            cheap[rows] = np.asarray(x[rows] @ _with_triggers(w, sample, row_of, over, rest).T) + b
    # Held-out recall and escalation: fold k's documents under cuts set on the other folds.
    full_n = kept_n = escalated_n = 0
    per_full = np.zeros(len(principles))
    per_kept = np.zeros(len(principles))
    for k in range(folds):
        rows, rest = np.flatnonzero(fold == k), np.flatnonzero(fold != k)
        if not rows.size:
            continue
        full, kept, escalated = cascade_outcome(sample, rows, cheap[rows],
                                                _cuts(sample, rest, cheap[rest], thresholds, recall), thresholds)
        per_full += full.sum(0)
        per_kept += (kept & full).sum(0)
        full_n += int(full.sum())
        kept_n += int((kept & full).sum())
        escalated_n += int(escalated.sum())
    per = {name: round(float(per_kept[p] / per_full[p]), 4) for p, name in enumerate(principles) if per_full[p]}
    # With no document flagged held out there is no recall to measure: null, not 0.0 (which read
    # as a stage that loses every flag).
    per["all"] = round(kept_n / full_n, 4) if full_n else None
    flagged: dict[str, int] = {}
    every = np.arange(sample.doc.size)
    cut = _cuts(sample, every, cheap, thresholds, recall, flagged, principles)
    weights, bias = _fit(x, target, alpha, weight)
    # The bundle keeps float16 weights: a fit that diverged (a tiny alpha) would write inf or nan
    # and leave a bundle that no longer loads.
    with np.errstate(over="ignore"):
        finite = np.isfinite(weights.astype(np.float16)).all() and np.isfinite(bias).all() and np.isfinite(cut).all()
    if not finite:
        raise ConfigError(f"the cheap stage's fit diverged (alpha {alpha:g}): its weights are not finite in float16; "
                          f"use a larger alpha (default {ALPHA:g})")
    weights = _with_triggers(weights, sample, row_of, over, every)
    triggers = {name: int((weights[p] == TRIGGER_WEIGHT).sum()) for p, name in enumerate(principles)}
    return Distilled(weights, bias, cut, per, flagged, triggers, round(escalated_n / max(every.size, 1), 4),
                     sample.docs, int(every.size))


def write_stage(bundle: Path, card: Card, d: Distilled, *, distilled_on: str) -> Card:
    """Save the weights beside the card and return the card with its `cascade` section."""
    import msgspec

    # float16 on disk (a quarter of the file at 20 bits: 8 MB, not 16), float32 in memory; the rounding
    # moves a window's cheap logit by ~1e-3, far inside the margin the cuts leave.
    np.save(bundle / CASCADE_FILE, d.weights.astype(np.float16))
    names = [p.name for p in card.principles]
    cascade = Cascade(file=CASCADE_FILE, bits=int(np.log2(d.weights.shape[1])),
                      bias={n: float(d.bias[i]) for i, n in enumerate(names)},
                      cut={n: float(d.cut[i]) for i, n in enumerate(names)},
                      recall=d.recall["all"], escalation_rate=d.escalation_rate, distilled_on=distilled_on)
    return msgspec.structs.replace(card, cascade=cascade)
