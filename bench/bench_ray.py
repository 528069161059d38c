"""The Ray engine against the local engine on the same shards, and 2 Ray workers against 1.

    python bench/bench_ray.py                 # 4 shards of 100 Wikipedia documents, default model
    python bench/bench_ray.py --shards 8 --docs 50

Shards are cut from ../shared/data/corpus/enwiki-2015-01.jsonl.zst into a temporary folder. Each
mode is a fresh output folder on the same shards, in one run: the local engine (`curafilter.run`),
then Ray with 1 worker of all CPUs and with one worker per CPU, on a local Ray instance started
here (its start-up is not timed; each Ray run's time includes starting its actors and loading the
model in them, as the local run's includes loading it once).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from common import machine, open_text  # noqa: E402

SHARD = ROOT.parent / "shared" / "data" / "corpus" / "enwiki-2015-01.jsonl.zst"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--docs", type=int, default=100, help="documents per shard")
    ap.add_argument("--model", default="default")
    args = ap.parse_args(argv)
    if not SHARD.exists():
        print(f"no corpus at {SHARD}", file=sys.stderr)
        return 2
    import ray
    import zstandard

    import curafilter
    import curafilter.ray

    tmp = Path(tempfile.mkdtemp())
    with open_text(str(SHARD)) as f:
        lines = [line for line in f.read().splitlines() if line.strip()][: args.shards * args.docs]
    data = tmp / "data"
    data.mkdir()
    for i in range(args.shards):
        part = lines[i * args.docs:(i + 1) * args.docs]
        (data / f"part-{i}.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(b"\n".join(part) + b"\n"))

    cpus = os.cpu_count() or 1
    results = []
    t = time.perf_counter()
    local = curafilter.run([str(data)], tmp / "local", model=args.model, device="cpu", progress=False)
    results.append(("local engine", local.docs, time.perf_counter() - t))
    ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False, configure_logging=False)
    for workers in (1, cpus):
        t = time.perf_counter()
        s = curafilter.ray.run([str(data)], tmp / f"ray{workers}", model=args.model, device="cpu", workers=workers,
                               cpus_per_worker=cpus / workers, progress=False)
        results.append((f"ray, {workers} worker(s)", s.docs, time.perf_counter() - t))
    ray.shutdown()

    same = all(
        json.loads((tmp / d / "stats.json").read_text())["routes"] == json.loads((tmp / "local" / "stats.json").read_text())["routes"]
        for d in (f"ray{w}" for w in (1, cpus)))
    print(f"machine: {machine()}")
    print(f"{args.shards} shards x {args.docs} Wikipedia documents, model {args.model} on CPU")
    print(f"{'engine':<22} {'docs':>6} {'seconds':>8} {'docs/s':>8} {'vs local':>9}")
    base = results[0][1] / results[0][2]
    for name, docs, secs in results:
        print(f"{name:<22} {docs:>6} {secs:>8.1f} {docs / secs:>8.1f} {docs / secs / base:>9.2f}")
    print(f"ray {cpus} workers vs 1 worker: {results[2][1] / results[2][2] / (results[1][1] / results[1][2]):.2f}x")
    print(f"routes identical to the local run: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
