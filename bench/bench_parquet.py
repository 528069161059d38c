"""Parquet against JSON Lines: read + tokenise, and end to end, on the same documents in one run.

A FineWeb-like Parquet shard (text, id, dump, url, date, language, language_score, token_count;
zstd, row groups of 1,000) is built in a temporary folder from the Wikipedia shards, with the same
documents as one JSON Lines zstd shard. Nothing is written into the project.

    python bench/bench_parquet.py                    # ../shared/data/corpus, bundled model
    python bench/bench_parquet.py --docs 300 --e2e-docs 200
    python bench/bench_parquet.py --smoke            # seconds, generated data and a tiny model (CI)

Stages: (1) curafilter's stream (read, parse, tokenise) over the Parquet and the JSONL.zst shard;
(2) what a Python user writes for Parquet: pyarrow batches + `tokenizers` batch encode (single
thread, as curafilter's figure is with its threads: docs/CPU-s is the fair column), with and
without cutting each text to a prefix before tokenising; (3) the whole
`run` (model included) over each shard, writing each input's own output format. Ratios are taken
within this one run.
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

DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpus"


def timed(fn):
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w0, time.process_time() - c0


def load_docs(paths: list[Path], limit: int) -> list[dict]:
    docs = []
    for p in paths:
        with open_text(str(p)) as f:
            for line in f.read().splitlines():
                if line.strip():
                    docs.append(json.loads(line))
                if len(docs) >= limit:
                    return docs
    return docs


def fineweb_like(docs: list[dict], out: Path) -> tuple[Path, Path]:
    """The documents as a FineWeb-like Parquet shard and as JSONL.zst, same order and fields."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    import zstandard

    rows = [{
        "text": d["text"],
        "id": f"<urn:uuid:{i:08x}-0000-4000-8000-000000000000>",
        "dump": "CC-MAIN-2024-10",
        "url": f"https://en.example.org/wiki/{i}",
        "date": "2024-02-21T00:00:00Z",
        "language": "en",
        "language_score": 0.95,
        "token_count": len(d["text"].split()),
    } for i, d in enumerate(docs)]
    parquet = out / "fineweb-like.parquet"
    pq.write_table(pa.Table.from_pylist(rows), parquet, row_group_size=1000, compression="zstd")
    jsonl = out / "fineweb-like.jsonl.zst"
    jsonl.write_bytes(zstandard.ZstdCompressor(level=3).compress(b"".join(json.dumps(r).encode() + b"\n" for r in rows)))
    return parquet, jsonl


def stream_stage(path: Path, tokenizer: str, max_length: int) -> tuple[int, float, float]:
    import curafilter

    def go():
        n = 0
        with curafilter.stream([str(path)], tokenizer=tokenizer, max_length=max_length) as s:
            for b in s:
                n += len(b)
        return n

    return timed(go)


def pyarrow_stage(path: Path, tokenizer: str, max_length: int, *, prefix_cut: bool) -> tuple[int, float, float]:
    import pyarrow.parquet as pq
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(tokenizer)
    tok.no_padding()
    tok.enable_truncation(max_length)

    def go():
        n = 0
        for rb in pq.ParquetFile(path).iter_batches(batch_size=1024, columns=["text"]):
            texts = rb.column(0).to_pylist()
            # The fair variant cuts each text to a prefix first, as curafilter does (exactly).
            n += len(tok.encode_batch([t[: max_length * 6] for t in texts] if prefix_cut else texts))
        return n

    return timed(go)


def run_stage(path: Path, out: Path, model: str, rules: str | None) -> tuple[int, float, float]:
    import curafilter

    def go():
        return curafilter.run([str(path)], out, model=model, rules=rules, device="cpu", progress=False).docs

    return timed(go)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", help=f"JSONL shards to build from (default {DEFAULT_CORPUS})")
    ap.add_argument("--docs", type=int, default=3000, help="documents in the stream comparison")
    ap.add_argument("--e2e-docs", type=int, default=300, help="documents in the end-to-end comparison (the model is slow on CPU)")
    ap.add_argument("--max-length", type=int, default=256)
    ap.add_argument("--smoke", action="store_true", help="tiny generated corpus and model, for CI")
    args = ap.parse_args(argv)

    from curafilter.bundle import tokenizer_file

    tmp = tempfile.TemporaryDirectory()
    work = Path(tmp.name)
    rules = None
    if args.smoke:
        sys.path.insert(0, str(ROOT / "tests"))
        from conftest import doc_lines, make_tiny_bundle

        docs = [json.loads(line) for line in doc_lines(400)]
        model = str(make_tiny_bundle(work / "bundle"))
        tokenizer = str(ROOT / "tests" / "fixtures" / "tiny-tokenizer.json")
        args.max_length, args.e2e_docs = 32, 200
    else:
        inputs = [Path(p) for p in args.paths] or sorted(DEFAULT_CORPUS.glob("*.jsonl*"))
        if not inputs or not all(p.exists() for p in inputs):
            print(f"no corpus at {args.paths or DEFAULT_CORPUS}; pass shard paths", file=sys.stderr)
            return 2
        docs = load_docs(inputs, args.docs)
        model, tokenizer = "default", str(tokenizer_file("default"))

    os.environ["RAYON_NUM_THREADS"] = "1"  # the Python tokeniser single-threaded, as in bench_stream
    parquet, jsonl = fineweb_like(docs, work)
    results = []
    for name, fn in [
        ("stream Parquet (curafilter)", lambda: stream_stage(parquet, tokenizer, args.max_length)),
        ("stream JSONL.zst (curafilter)", lambda: stream_stage(jsonl, tokenizer, args.max_length)),
        ("pyarrow + tokenizers (python)", lambda: pyarrow_stage(parquet, tokenizer, args.max_length, prefix_cut=False)),
        ("pyarrow + prefix cut + tokenizers", lambda: pyarrow_stage(parquet, tokenizer, args.max_length, prefix_cut=True)),
    ]:
        n, wall, cpu = fn()
        results.append((name, n, wall, cpu))
    small = docs[: args.e2e_docs]
    (work / "e2e").mkdir()
    e2e_parquet, e2e_jsonl = fineweb_like(small, work / "e2e")
    for name, path in [("run Parquet -> Parquet", e2e_parquet), ("run JSONL.zst -> JSONL.zst", e2e_jsonl)]:
        n, wall, cpu = run_stage(path, work / f"out-{path.suffix}", model, rules)
        results.append((name, n, wall, cpu))

    print(f"machine: {machine()}")
    print(f"documents: {len(docs):,} (stream stages), {len(small):,} (run stages); max_length {args.max_length}")
    print(f"{'stage':<34} {'docs':>7} {'docs/s':>9} {'docs/CPU-s':>11} {'ratio':>7}")
    for i, (name, n, wall, cpu) in enumerate(results):
        base = results[1] if i < 4 else results[5]  # JSONL.zst in the same group
        ratio = (n / wall) / (base[1] / base[2])
        print(f"{name:<34} {n:>7,} {n / wall:>9,.0f} {n / cpu:>11,.0f} {ratio:>7.2f}")
    counts = {name: n for name, n, *_ in results}
    if len({counts[r[0]] for r in results[:4]}) != 1 or counts[results[4][0]] != counts[results[5][0]]:
        print(f"MISMATCH: stages saw different document counts: {counts}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
