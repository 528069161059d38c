from __future__ import annotations

import numpy as np

from curafilter.metrics import auroc, best_f1_threshold, calibration, prf_at


def test_auroc_matches_pair_counting() -> None:
    rng = np.random.default_rng(1)
    y = rng.random(300) < 0.3
    s = np.round(rng.random(300) + y * 0.3, 1)  # rounding makes ties
    pos, neg = s[y], s[~y]
    pairs = (pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean()
    assert abs(auroc(y, s) - pairs) < 1e-12
    assert auroc(np.array([1, 1, 0, 0]), np.array([0.9, 0.8, 0.2, 0.1])) == 1.0
    assert np.isnan(auroc(np.array([1, 1]), np.array([0.1, 0.2])))


def test_prf_threshold_and_calibration() -> None:
    y = np.array([1, 1, 1, 0, 0, 0, 0, 1])
    s = np.array([0.9, 0.8, 0.4, 0.7, 0.1, 0.2, 0.3, 0.6])
    m = prf_at(y, s, 0.5)
    assert (m.precision, m.recall) == (0.75, 0.75)
    t = best_f1_threshold(y, s)
    assert prf_at(y, s, t).f1 >= max(prf_at(y, s, c).f1 for c in s)
    cal = calibration(y, s, n_bins=2)
    assert sum(b.count for b in cal.bins) == 8
    assert 0 <= cal.ece <= 1
