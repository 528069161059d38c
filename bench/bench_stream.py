"""Read + parse + tokenise: curafilter's Rust stream against a pure-Python equivalent.

Both read the same shards, decompress, parse JSON, pull the text and tokenise it with the same
tokenizer, truncated to the same max length. The Python side is what a careful Python user
writes: zstandard/gzip streaming, orjson (json if missing), `tokenizers` batch encode.

    python bench/bench_stream.py                      # ../shared/data/corpus, bundled tokenizer
    python bench/bench_stream.py PATH... --max-length 256
    python bench/bench_stream.py --smoke              # seconds, generated data (CI)

Figures: wall docs/s and MB/s (decompressed), and docs per CPU-second (process CPU time over all
threads), which is the fair per-core figure. Ratios come from one run on one machine.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


try:
    import orjson

    loads = orjson.loads
    JSON = "orjson"
except ImportError:  # pragma: no cover - orjson is in the bench extra
    import json

    loads = json.loads
    JSON = "json"

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from common import machine, open_text, smoke_corpus  # noqa: E402
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpus"


@dataclass
class Result:
    name: str
    docs: int
    tokens: int
    decoded_bytes: int
    wall: float
    cpu: float

    @property
    def docs_s(self) -> float:
        return self.docs / self.wall

    @property
    def docs_cpu_s(self) -> float:
        return self.docs / self.cpu

    @property
    def mb_s(self) -> float:
        return self.decoded_bytes / self.wall / 1e6


def timed(fn):
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w0, time.process_time() - c0


def rust_stage(paths: list[str], tokenizer: str, max_length: int, threads: int) -> Result:
    import curafilter

    def go():
        docs = tokens = 0
        with curafilter.stream(paths, tokenizer=tokenizer, max_length=max_length, threads=threads) as s:
            for batch in s:
                docs += len(batch)
                tokens += int(batch.n_tokens.sum())
            return docs, tokens, s.counters["bytes_decoded"]

    (docs, tokens, nbytes), wall, cpu = timed(go)
    return Result(f"curafilter, {threads} tokeniser thread(s)", docs, tokens, nbytes, wall, cpu)


def python_stage(paths: list[str], tokenizer: str, max_length: int, *, prefix_cut: bool, batch: int = 1024) -> Result:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(tokenizer)
    tok.no_padding()
    tok.enable_truncation(max_length)
    cut = max_length * 6  # curafilter's first prefix cut, in characters here

    def go():
        docs = tokens = nbytes = 0
        texts: list[str] = []

        def flush():
            nonlocal tokens
            for enc in tok.encode_batch(texts):
                tokens += len(enc.ids)
            texts.clear()

        for path in paths:
            with open_text(path) as f:
                for line in io.BufferedReader(f, 1 << 20):
                    nbytes += len(line)
                    if not line.strip():
                        continue
                    text = loads(line)["text"]
                    texts.append(text[:cut] if prefix_cut else text)
                    docs += 1
                    if len(texts) == batch:
                        flush()
        flush()
        return docs, tokens, nbytes

    (docs, tokens, nbytes), wall, cpu = timed(go)
    label = "python + prefix cut" if prefix_cut else "python (zstandard + " + JSON + " + tokenizers)"
    return Result(label, docs, tokens, nbytes, wall, cpu)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", help=f"shards or folders (default {DEFAULT_CORPUS})")
    ap.add_argument("--tokenizer", default=None, help="tokenizer.json (default: the bundled one)")
    ap.add_argument("--max-length", type=int, default=256)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--smoke", action="store_true", help="tiny generated corpus and tokenizer, for CI")
    args = ap.parse_args(argv)

    from curafilter.bundle import tokenizer_file

    tmp = tempfile.TemporaryDirectory()
    if args.smoke:
        paths = smoke_corpus(Path(tmp.name))
        tokenizer = str(ROOT / "tests" / "fixtures" / "tiny-tokenizer.json")
    else:
        inputs = args.paths or [str(DEFAULT_CORPUS)]
        for p in inputs:
            if not Path(p).exists():
                print(f"no corpus at {p}; pass shard paths", file=sys.stderr)
                return 2
        paths = [str(p) for i in inputs for p in (sorted(Path(i).glob("*.jsonl*")) if Path(i).is_dir() else [Path(i)])]
        tokenizer = str(args.tokenizer or tokenizer_file("default"))

    # Single-threaded Python tokenisation for the per-core comparison.
    os.environ["RAYON_NUM_THREADS"] = "1"
    results = [
        python_stage(paths, tokenizer, args.max_length, prefix_cut=False),
        python_stage(paths, tokenizer, args.max_length, prefix_cut=True),
        rust_stage(paths, tokenizer, args.max_length, threads=1),
    ]
    if args.threads > 1:
        results.append(rust_stage(paths, tokenizer, args.max_length, threads=args.threads))
    base = results[0]

    print(f"machine: {machine()}")
    print(f"corpus: {len(paths)} shard(s), {base.docs:,} docs, {base.decoded_bytes / 1e6:,.1f} MB decoded; max_length {args.max_length}")
    print(f"{'stage':<48} {'docs/s':>9} {'MB/s':>7} {'docs/CPU-s':>11} {'x python/CPU-s':>15}")
    for r in results:
        print(f"{r.name:<48} {r.docs_s:>9,.0f} {r.mb_s:>7,.1f} {r.docs_cpu_s:>11,.0f} {r.docs_cpu_s / base.docs_cpu_s:>15.2f}")
    for r in results[1:]:
        if r.docs != base.docs:
            print(f"MISMATCH: {r.name} saw {r.docs} docs, python saw {base.docs}", file=sys.stderr)
            return 1
    if results[2].tokens != results[1].tokens and not args.smoke:
        # The prefix cut is exact in curafilter; a naive character cut may differ slightly.
        print(f"note: token totals differ (curafilter {results[2].tokens:,}, python + cut {results[1].tokens:,})")
    if results[2].tokens != base.tokens:
        print(f"MISMATCH: curafilter produced {results[2].tokens:,} tokens, full python {base.tokens:,}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
