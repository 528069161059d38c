"""Throughput and peak memory of `curafilter run` against --batch-tokens (and ORT thread spinning).

    python bench/bench_batch_tokens.py                      # default bundle, 300 Wikipedia docs (../shared/data)
    python bench/bench_batch_tokens.py --docs 600 --windows 1 --sizes 1024 4096 16384
    python bench/bench_batch_tokens.py --smoke              # tiny bundle and corpus (CI)

Each setting is a fresh `curafilter run` process on the same documents (the first N of the
inputs in one shard), so its peak RSS is its own (from wait4). Settings run in an interleaved
order, `--repeat` times, and the table gives each one's median docs/s and its ratio to the
fastest, which is what to compare on a noisy machine. `--spin` adds the same runs with ORT
thread spinning on (CURAFILTER_ORT_SPIN=1) at the default size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpus"
sys.path.insert(0, str(ROOT / "bench"))

from bench_pipeline import first_docs  # noqa: E402
from common import machine, smoke_corpus  # noqa: E402


def one_run(shard: Path, bundle: str, batch_tokens: int, windows: int | None, env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one `curafilter run` in a child process."""
    out = Path(tempfile.mkdtemp())
    cmd = [sys.executable, "-m", "curafilter", "run", str(shard), "-o", str(out / "o"), "--model", bundle,
           "--device", "cpu", "--batch-tokens", str(batch_tokens), "-q"]
    if windows is not None:
        cmd += ["--windows", str(windows)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"run failed: {' '.join(cmd)}\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return seconds, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--bundle", default="default")
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--windows", type=int, default=None, help="override the card's windows")
    ap.add_argument("--sizes", type=int, nargs="+", default=[512, 1024, 2048, 4096, 8192, 16384])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--spin", action="store_true")
    ap.add_argument("--smoke", action="store_true")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp())
    if args.smoke:
        sys.path.insert(0, str(ROOT / "tests"))
        from conftest import make_tiny_bundle

        bundle = str(make_tiny_bundle(tmp / "bundle"))
        paths, args.docs, args.sizes, args.repeat = smoke_corpus(tmp), 200, [256, 4096], 1
    else:
        bundle = args.bundle
        paths = [str(p) for i in (args.paths or [str(DEFAULT_CORPUS)])
                 for p in (sorted(Path(i).glob("*.jsonl*")) if Path(i).is_dir() else [Path(i)])]
    shard = first_docs(paths, args.docs, tmp / "bench.jsonl.zst")
    from curafilter.device import CPU_BATCH_TOKENS

    settings = [(size, False) for size in args.sizes]
    if args.spin:
        settings.append((CPU_BATCH_TOKENS, True))
    results: dict[tuple[int, bool], list[tuple[float, float]]] = {s: [] for s in settings}
    for _ in range(args.repeat):
        for size, spin in settings:
            env = dict(os.environ, CURAFILTER_ORT_SPIN="1" if spin else "0")
            results[(size, spin)].append(one_run(shard, bundle, size, args.windows, env))
    rates = {s: args.docs / statistics.median(t for t, _ in r) for s, r in results.items()}
    best = max(rates.values())
    print(f"# --batch-tokens sweep: {args.docs} documents, bundle {bundle}, windows {args.windows or 'card'}")
    print(f"machine: {machine()}\n")
    print("| batch tokens | spinning | docs/s | vs fastest | peak RSS MB |")
    print("|---:|:---|---:|---:|---:|")
    for (size, spin), r in results.items():
        rss = max(m for _, m in r)
        print(f"| {size} | {'on' if spin else 'off'} | {rates[(size, spin)]:.1f} | {rates[(size, spin)] / best:.2f} | {rss:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
