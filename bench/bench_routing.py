"""What the routing thread costs per document, the cap it puts on a run whatever the GPU.

    python bench/bench_routing.py [SHARD] [--docs 3000]

Batches of a shard (default: the second Wikipedia shard of ../shared/data) are read and tokenised
first, then routed by the default bundle's rules with random scores (so every route and reason
occurs) into a temporary folder: everything `run` does on its main thread, and nothing else. The
cost is that thread's CPU time (time.thread_time, not disturbed by other work on the machine), per
document, at the batch size of a CPU run (2,048 padded tokens) and of a GPU run (16,384), for
routed documents and for --scores-only rows; "cap" is the documents/s that thread could sustain.
"with probe" is the current path (the stream reports whether a document already has the output
field); "per-document parse" is the fallback that parses each document on this thread. The wall
column also includes waiting on the writer thread (zstd), which `--zstd-workers` varies.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARD = ROOT.parent / "shared" / "data" / "corpus" / "enwiki-2015-01.jsonl.zst"


def main(argv: list[str] | None = None) -> int:
    import curafilter
    from curafilter.benchmark import machine
    from curafilter.outputs import OutputDir, RunIdentity
    from curafilter.run import Router, bundle_rules

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shard", nargs="?", type=Path, default=DEFAULT_SHARD)
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--zstd-workers", type=int, nargs="+", default=[0])
    args = ap.parse_args(argv)
    if not args.shard.is_file():
        raise SystemExit(f"{args.shard} is missing (../shared/data); name a .jsonl(.zst) shard")
    m = curafilter.load_model("default", device="cpu", windows=1, cascade=False)
    rules = bundle_rules(m, None)
    shard = os.path.abspath(args.shard)
    print(f"Machine: {machine()}. Shard: {args.shard.name}, first {args.docs:,} documents, one window each.\n")
    print("| batch tokens | docs/batch | rows | field check | zstd workers | routing thread CPU µs/doc | cap docs/s | wall docs/s |")
    print("|---:|---:|---|---|---:|---:|---:|---:|")
    for batch_tokens in (2048, 16384):
        for probe in (True, False):
            batches, n = [], 0
            with m.stream([shard], batch_tokens=batch_tokens, probe_key="curafilter" if probe else None) as s:
                for b in s:
                    batches.append(b)
                    n += len(b)
                    if n >= args.docs:
                        break
            rng = np.random.default_rng(0)
            scores = [(rng.random((len(b), len(m.principles))) ** 8).astype(np.float32) for b in batches]
            for scores_only in (False, True):
                if scores_only and not probe:
                    continue  # score rows need no field check
                for workers in args.zstd_workers:
                    with tempfile.TemporaryDirectory() as tmp:
                        identity = RunIdentity(model="bench", rules=rules.digest, principles=m.principles,
                                               scores_only=scores_only, field="curafilter", text_key="text")
                        od = OutputDir(tmp)
                        od.claim(identity)
                        router = Router(od, identity, rules, [shard], text_key="text", tag_prefix=None,
                                        scores_only=scores_only, zstd_workers=workers)
                        t0, c0 = time.perf_counter(), time.thread_time()
                        for b, x in zip(batches, scores):
                            router.route(b, x)
                        cpu = time.thread_time() - c0
                        for sh in list(router.open):
                            router.finish(sh, record=False)
                        wall = time.perf_counter() - t0
                    check = "-" if scores_only else ("with probe" if probe else "per-document parse")
                    print(f"| {batch_tokens:,} | {n / len(batches):.1f} | {'scores' if scores_only else 'documents'} | "
                          f"{check} | {workers} | {cpu / n * 1e6:.1f} | {n / cpu:,.0f} | {n / wall:,.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
