"""Classification metrics in numpy (no scikit-learn at run time): AUROC, P/R/F1, calibration."""

from __future__ import annotations

import msgspec
import numpy as np


def auroc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve by the rank-sum formula, ties averaged. NaN if one class is absent."""
    labels = np.asarray(labels, dtype=bool)
    n_pos = int(labels.sum())
    n_neg = labels.size - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = np.argsort(scores, kind="mergesort")
    sorted_scores = np.asarray(scores)[order]
    ranks = np.empty(labels.size, dtype=np.float64)
    # Average ranks over runs of equal scores.
    _, first, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    avg = first + (counts + 1) / 2.0
    ranks[order] = np.repeat(avg, counts)
    return float((ranks[labels].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


class PRF(msgspec.Struct, frozen=True):
    precision: float
    recall: float
    f1: float


def prf_at(labels: np.ndarray, scores: np.ndarray, threshold: float) -> PRF:
    labels = np.asarray(labels, dtype=bool)
    pred = np.asarray(scores) >= threshold
    tp = int((pred & labels).sum())
    fp = int((pred & ~labels).sum())
    fn = int((~pred & labels).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f)


def best_f1_threshold(labels: np.ndarray, scores: np.ndarray) -> float:
    """The threshold (one of the scores) that maximises F1."""
    labels = np.asarray(labels, dtype=bool)
    order = np.argsort(-np.asarray(scores), kind="mergesort")
    s, y = np.asarray(scores)[order], labels[order]
    tp = np.cumsum(y)
    fp = np.cumsum(~y)
    f1 = 2 * tp / (tp + fp + y.sum())
    # Only cut between distinct scores: the last index of each run of equal scores.
    last = np.r_[s[1:] != s[:-1], True]
    i = int(np.argmax(np.where(last, f1, -1)))
    return float(s[i])


class CalibrationBin(msgspec.Struct, frozen=True):
    lo: float
    hi: float
    count: int
    mean_score: float
    positive_rate: float


class Calibration(msgspec.Struct, frozen=True):
    ece: float
    bins: list[CalibrationBin]


def calibration(labels: np.ndarray, scores: np.ndarray, n_bins: int = 10) -> Calibration:
    """Reliability bins of equal width and the expected calibration error (count-weighted gap)."""
    labels = np.asarray(labels, dtype=np.float64)
    scores = np.asarray(scores, dtype=np.float64)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    idx = np.clip(np.digitize(scores, edges[1:-1]), 0, n_bins - 1)
    bins, ece = [], 0.0
    for b in range(n_bins):
        m = idx == b
        n = int(m.sum())
        if n == 0:
            continue
        ms, pr = float(scores[m].mean()), float(labels[m].mean())
        ece += n / max(labels.size, 1) * abs(ms - pr)
        bins.append(CalibrationBin(float(edges[b]), float(edges[b + 1]), n, ms, pr))
    return Calibration(ece, bins)
