"""Model-only throughput: each variant of a bundle at several max lengths, on real documents.

    python bench/bench_model.py                       # default bundle, ../shared/data/corpus
    python bench/bench_model.py --bundle B --lengths 128 256 512 --docs 256 PATH...
    python bench/bench_model.py --bundle OLD default  # two bundles in one run, with the ratio
    python bench/bench_model.py --smoke               # tiny bundle and corpus built here (CI)

Documents are tokenised once per length (not timed), then the same batches are scored by each
variant; docs/s counts only `Model.score_batch`. One warm-up batch per variant is not counted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpus"
sys.path.insert(0, str(ROOT / "bench"))

from common import machine, smoke_corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--bundle", nargs="+", default=["default"], help="one or more bundles, measured in one run")
    ap.add_argument("--lengths", type=int, nargs="+", default=[128, 256, 512])
    ap.add_argument("--docs", type=int, default=256, help="documents scored per variant and length")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--smoke", action="store_true")
    args = ap.parse_args(argv)

    import curafilter

    tmp = tempfile.TemporaryDirectory()
    if args.smoke:
        sys.path.insert(0, str(ROOT / "tests"))
        from conftest import make_tiny_bundle

        bundles = [make_tiny_bundle(Path(tmp.name) / "bundle", max_length=512)]
        paths = smoke_corpus(Path(tmp.name))
        args.docs, args.lengths = 64, [32, 64]
    else:
        bundles = args.bundle
        paths = args.paths or [str(DEFAULT_CORPUS)]
    print(f"machine: {machine()}")
    print(f"device {args.device}; batch {args.batch}; {args.docs} docs per cell")
    rates: dict[str, list[float]] = {}
    for bundle in bundles:
        first = curafilter.load_model(bundle, device=args.device)
        print(f"bundle: {first.card.name}@{first.card.version} ({bundle})")
        print(f"{'variant':<10} " + " ".join(f"{L:>10}" for L in args.lengths) + "   (docs/s at max length)")
        for variant in sorted(first.card.variants):
            model = curafilter.load_model(bundle, device=args.device, variant=variant)
            cells = []
            for L in args.lengths:
                batches = []
                with curafilter.stream(paths, tokenizer=model.tokenizer_path, max_length=L,
                                       batch_tokens=args.batch * L, max_batch=args.batch) as s:
                    n = 0
                    for b in s:
                        batches.append(b)
                        n += len(b)
                        if n >= args.docs + args.batch:
                            break
                model.score_batch(batches[0])  # warm-up
                t0 = time.perf_counter()
                done = sum(len(model.score_batch(b)) for b in batches[1:])
                cells.append(done / (time.perf_counter() - t0))
            rates.setdefault(variant, []).extend(cells)
            print(f"{variant:<10} " + " ".join(f"{c:>10,.1f}" for c in cells))
    if len(bundles) == 2:
        k = len(args.lengths)
        print(f"ratio {bundles[1]} / {bundles[0]}, same run:")
        for variant, cells in rates.items():
            if len(cells) == 2 * k:
                print(f"{variant:<10} " + " ".join(f"{b / a:>10.2f}" for a, b in zip(cells[:k], cells[k:])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
