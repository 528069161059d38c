"""Files that are not JSON Lines are refused whole, named, never read as text and never marked done."""

from __future__ import annotations

import gzip
from pathlib import Path

import zstandard

import curafilter
from curafilter.cli import main

from conftest import doc_lines, make_tiny_bundle, write_shard
from test_run import outputs


def foreign_files(d: Path) -> dict[str, bytes]:
    """Files of other formats, under names that would otherwise be read."""
    csv = b"".join(b"%d,some text %d\n" % (i, i) for i in range(2000))
    files = {
        "arrow.jsonl": b"ARROW1\x00\x00" + bytes(range(256)) * 4,
        "crawl.jsonl.gz": gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n"),
        "table.jsonl.zst": zstandard.ZstdCompressor().compress(csv),
        "rows.csv": b'{"text": "a JSON line in a file named as CSV"}\n',
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    return files


def test_foreign_files_are_refused_and_the_rest_is_routed(tmp_path: Path, capsys) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    data = tmp_path / "data"
    data.mkdir()
    write_shard(data / "good.jsonl", doc_lines(12))
    files = foreign_files(data)
    inputs = [str(data / "good.jsonl"), *(str(data / n) for n in files)]
    out = tmp_path / "out"
    code = main(["run", *inputs, "-o", str(out), "--model", str(bundle), "--device", "cpu", "-q"])
    assert code == 1, "a refused input must fail the run"
    err = capsys.readouterr().err
    got = outputs(out)
    refused = {Path(r["shard"]).name: r for r in got["quarantine"]}
    assert set(refused) == set(files)
    for name, r in refused.items():
        assert r["reason"] == "unsupported_format" and r["line"] == 0
        assert name in r["detail"] and name in err
    assert "CSV" in refused["rows.csv"]["detail"] and "WARC" in refused["crawl.jsonl.gz"]["detail"]
    assert "not JSON Lines" in refused["table.jsonl.zst"]["detail"]
    # Every document of the good shard is routed; nothing of the others was read as a line.
    assert sum(len(got.get(r, [])) for r in ("keep", "drop", "revise", "tag")) == 12
    # Only the good shard is complete: a re-run skips it and tries the refused files again.
    records = sorted(p.name for p in (out / "manifest").iterdir())
    assert len(records) == 1 and "good" in records[0]
    again = curafilter.run(inputs, out, model=bundle, device="cpu", progress=False)
    assert again.shards_skipped == 1 and set(map(lambda p: Path(p).name, again.refused)) == set(files)
    assert again.docs == 0 and again.quarantined == len(files)


def test_stream_refuses_them_too(tmp_path: Path) -> None:
    files = foreign_files(tmp_path)
    s = curafilter.stream([str(tmp_path / n) for n in files])
    bad = [q for b in s for q in b.quarantined]
    assert sorted((Path(q.path).name, q.reason) for q in bad) == sorted((n, "unsupported_format") for n in files)


def test_a_named_pipe_is_read_whole_by_the_json_lines_reader(tmp_path: Path) -> None:
    """Format detection must not eat a pipe's first bytes (Parquet detection only opens regular files)."""
    import os
    import threading

    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    lines = doc_lines(50)

    def feed() -> None:
        with open(fifo, "wb") as f:
            f.write(b"".join(line + b"\n" for line in lines))

    t = threading.Thread(target=feed)
    t.start()
    docs = sum(len(b) for b in curafilter.stream([str(fifo)], tokenizer=None))
    t.join()
    assert docs == 50
