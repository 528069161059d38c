"""Pipeline overhead: `curafilter run` end to end against the model alone on the same batches.

    python bench/bench_pipeline.py                   # default bundle, first 400 docs of ../shared/data/corpus
    python bench/bench_pipeline.py --docs 1000 --bundle B PATH...
    python bench/bench_pipeline.py --smoke           # tiny bundle and corpus (CI)

Both sides see the same documents (the first N of the inputs, copied into one temporary shard),
the same model variant and the same batching. "Model alone" scores batches that were tokenised
beforehand; "end to end" is the whole job: read, decompress, parse, tokenise, score, route, write.
Overhead = 1 - end-to-end docs/s / model-alone docs/s.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

import zstandard

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpus"
sys.path.insert(0, str(ROOT / "bench"))

from common import machine, open_text, smoke_corpus  # noqa: E402


def first_docs(paths: list[str], n: int, dest: Path) -> Path:
    lines: list[bytes] = []
    for p in paths:
        with open_text(p) as f:
            for line in io.BufferedReader(f, 1 << 20):
                if line.strip():
                    lines.append(line.rstrip(b"\n"))
                if len(lines) >= n:
                    break
        if len(lines) >= n:
            break
    dest.write_bytes(zstandard.ZstdCompressor(level=3).compress(b"\n".join(lines) + b"\n"))
    return dest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--bundle", default="default")
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--batch-tokens", type=int, default=8192)
    ap.add_argument("--smoke", action="store_true")
    args = ap.parse_args(argv)

    import curafilter

    tmp = Path(tempfile.mkdtemp())
    if args.smoke:
        sys.path.insert(0, str(ROOT / "tests"))
        from conftest import make_tiny_bundle

        bundle: str | Path = make_tiny_bundle(tmp / "bundle")
        paths = smoke_corpus(tmp)
        args.docs = 400
    else:
        bundle = args.bundle
        paths = [str(p) for i in (args.paths or [str(DEFAULT_CORPUS)])
                 for p in (sorted(Path(i).glob("*.jsonl*")) if Path(i).is_dir() else [Path(i)])]
    shard = first_docs(paths, args.docs, tmp / "bench.jsonl.zst")
    model = curafilter.load_model(bundle, device=args.device)

    with model.stream(shard, batch_tokens=args.batch_tokens) as s:
        batches = [b for b in s]
    model.score_batch(batches[0])  # warm-up (graph optimisation, allocations)
    t0 = time.perf_counter()
    n_model = sum(len(model.score_batch(b)) for b in batches)
    model_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    stats = curafilter.run([shard], tmp / "out", model=model, batch_tokens=args.batch_tokens, progress=False)
    e2e_s = time.perf_counter() - t0
    assert stats.docs + stats.quarantined == n_model, (stats.docs, n_model)

    model_rate, e2e_rate = n_model / model_s, stats.docs / e2e_s
    print(f"machine: {machine()}")
    print(f"model: {model.id} on {model.device} ({', '.join(model.providers)}); {n_model} docs, max length {model.max_length}")
    print(f"model alone   {model_rate:10.1f} docs/s")
    print(f"end to end    {e2e_rate:10.1f} docs/s")
    print(f"overhead      {100 * (1 - e2e_rate / model_rate):9.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
