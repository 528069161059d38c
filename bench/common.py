"""Helpers shared by the benchmarks: input reading as a Python user would, the machine, smoke data."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import zstandard

from curafilter.benchmark import cpu_name, machine  # noqa: F401  (the benches' machine line)

ROOT = Path(__file__).resolve().parent.parent


def open_text(path: str) -> io.BufferedIOBase:
    f = open(path, "rb")
    magic = f.read(4)
    f.seek(0)
    if magic.startswith(b"\x28\xb5\x2f\xfd"):
        return zstandard.ZstdDecompressor().stream_reader(f, read_across_frames=True, closefd=True)
    if magic.startswith(b"\x1f\x8b"):
        return gzip.GzipFile(fileobj=f)
    return f



def smoke_corpus(tmp: Path) -> list[str]:
    """Two small generated shards (zstd and gzip), for the CI smoke runs."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import doc_lines, write_shard

    return [
        str(write_shard(tmp / "a.jsonl.zst", doc_lines(300), fmt="zst")),
        str(write_shard(tmp / "b.jsonl.gz", doc_lines(300, seed=1), fmt="gz")),
    ]
