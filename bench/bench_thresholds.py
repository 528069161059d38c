"""What a false-flag rate costs: the default model's thresholds at several calibration rates, and
what each gives on held-out Wikipedia and on the shipped sample.

    python bench/bench_thresholds.py [--bundle DIR] [--calibration ~/.cache/curafilter/calibration-scores.npz]
                                     [--rates 0.001 0.0025 0.005 0.01] [--wiki-docs 600]

The default build (models/build_default.py) sets each principle's threshold so that it flags at
most BACKGROUND_FLAG_RATE of each kind of held-out ordinary text, and keeps those scores in its
cache (calibration-scores.npz). This script redoes that rule at other rates and, for each, reports
the share of documents flagged (any principle past its threshold) on documents of the second
Wikipedia shard after its first CHECK_SKIP (never trained on or calibrated on) and, on examples/sample.jsonl.zst, the share of
benign documents flagged and of the documents written to show a principle that are caught. Scores
are the transformer's over every window (cascade off), as the thresholds are.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "python" / "curafilter" / "models"))
SHARED = ROOT.parent / "shared" / "data"


def main() -> int:
    from calibration import CHECK_SKIP, thresholds_from
    from inputs import sample_documents, whole_documents

    import curafilter

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bundle", default="default")
    ap.add_argument("--calibration", type=Path, default=Path.home() / ".cache" / "curafilter" / "calibration-scores.npz")
    ap.add_argument("--rates", type=float, nargs="+", default=[0.001, 0.0025, 0.005, 0.01])
    ap.add_argument("--wiki-docs", type=int, default=600, help="documents of the second Wikipedia shard's check part to score")
    args = ap.parse_args()

    kinds = list(np.load(args.calibration).values())
    model = curafilter.load_model(args.bundle, device="cpu", variant="int8", cascade=False)
    shards = sorted((SHARED / "corpus").glob("*.jsonl*"))
    wiki = model.score_texts(whole_documents(shards[1], args.wiki_docs, skip=CHECK_SKIP))
    ids, texts, labels = sample_documents()
    scores, intended = model.score_texts(texts), np.array([labels.get(i) is not None for i in ids])
    print(f"{model.card.name}@{model.card.version}; calibration kinds: {', '.join(str(len(k)) for k in kinds)} texts; "
          f"Wikipedia check {len(wiki)} docs of {shards[1].name}; sample {int((~intended).sum())} benign, {int(intended.sum())} intended")
    print("| rate per principle | thresholds (" + " / ".join(model.principles) + ") | Wikipedia flagged | "
          "sample benign flagged | sample intended caught |")
    print("|---:|---|---:|---:|---:|")
    for rate in args.rates:
        t = thresholds_from(kinds, rate)
        flagged = (scores >= t).any(1)
        print(f"| {rate:.2%} | {' / '.join(f'{x:.3f}' for x in t)} | {(wiki >= t).any(1).mean():.2%} | "
              f"{flagged[~intended].mean():.1%} | {flagged[intended].mean():.1%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
