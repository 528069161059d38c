"""Leave-sources-out validation of the default build: folds that hold out whole sources, the rows
each fold trains on and scores, AUROC per held-out source, and the TF-IDF + logistic regression
baseline on the same folds."""

from __future__ import annotations

import numpy as np

from curafilter import distill, finetune
from framed import FRAMED
from in_context import CONTEXT, base_source

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
WRITTEN = "curafilter-written"  # and "curafilter-written-stance": text of ours is trained on, never scored
# Long benign pages (training_pages) are a source of their own, a negative for every head, so that
# validation folds sample them like any source rather than as a sliver of the background.
PAGES = WRITTEN + "-pages"
METHODS = ("finetuned", "tfidf+logreg", "finetuned+tfidf", "v1")


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
