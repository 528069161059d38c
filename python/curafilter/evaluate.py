"""Evaluate a bundle on labelled rows: AUROC, precision/recall/F1 at the thresholds, calibration."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable

import msgspec
import numpy as np

from curafilter.labels import read_labels
from curafilter.metrics import Calibration, auroc, calibration, prf_at
from curafilter.model import Model


class PrincipleReport(msgspec.Struct, kw_only=True):
    principle: str
    n: int
    positives: int
    auroc: float
    threshold: float
    precision: float
    recall: float
    f1: float
    calibration: Calibration


class EvaluationReport(msgspec.Struct, kw_only=True):
    model: str
    labels: str
    principles: list[PrincipleReport]
    skipped_rows: dict[str, int]


PROGRESS_ROWS = 256  # rows scored between progress updates


def evaluate(model: Model, labels_path: str | os.PathLike[str], *, thresholds: dict[str, float] | None = None,
             on_progress: Callable[[int, int], None] | None = None) -> EvaluationReport:
    """Score every labelled row with the model's column for its principle. `on_progress(done,
    total)` is called as rows are scored.

    >>> import curafilter
    >>> from curafilter.evaluate import evaluate
    >>> report = evaluate(curafilter.load_model("default"), "labels.jsonl")  # doctest: +SKIP
    """
    texts: dict[str, list[str]] = defaultdict(list)
    ys: dict[str, list[int]] = defaultdict(list)
    skipped: dict[str, int] = defaultdict(int)
    names = set(model.principles)
    for row in read_labels(labels_path):
        if row.principle in names:
            texts[row.principle].append(row.text)
            ys[row.principle].append(row.label)
        else:
            skipped[row.principle] += 1
    reports = []
    total, done = sum(len(v) for v in texts.values()), 0
    for col, name in enumerate(model.principles):
        if name not in texts:
            continue
        y = np.array(ys[name], dtype=bool)
        parts = []
        for start in range(0, len(texts[name]), PROGRESS_ROWS):
            parts.append(model.score_texts(texts[name][start:start + PROGRESS_ROWS])[:, col])
            done += len(parts[-1])
            if on_progress:
                on_progress(done, total)
        s = np.concatenate(parts)
        t = (thresholds or {}).get(name, float(model.thresholds[col]))
        m = prf_at(y, s, t)
        reports.append(PrincipleReport(
            principle=name, n=int(y.size), positives=int(y.sum()), auroc=auroc(y, s), threshold=t,
            precision=m.precision, recall=m.recall, f1=m.f1, calibration=calibration(y, s),
        ))
    return EvaluationReport(model=model.id, labels=os.fspath(labels_path), principles=reports, skipped_rows=dict(skipped))
