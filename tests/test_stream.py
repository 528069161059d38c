"""The streaming core through its Python API: formats, bad input, ordering, conservation."""

from __future__ import annotations

import gzip
import json
import os
import signal
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import zstandard

import curafilter
from curafilter.errors import ConfigError, InputError, TokenizerError

from conftest import SAMPLE, doc_lines, non_blank_lines, write_shard


def collect(s: curafilter.Stream):
    docs, bad, done = [], [], []
    with s:
        for batch in s:
            assert batch.input_ids.shape == batch.attention_mask.shape
            for i in range(len(batch)):
                n = int(batch.n_tokens[i])
                row = batch.input_ids[i]
                docs.append((s.shards[batch.shard[i]], int(batch.line[i]), tuple(row[:n].tolist())))
                assert batch.attention_mask[i, :n].all() and not batch.attention_mask[i, n:].any()
            bad.extend(batch.quarantined)
            done.extend(batch.shards_done)
    return docs, bad, done


def test_every_format_and_conservation(tmp_path: Path, tiny_tokenizer: Path) -> None:
    lines = doc_lines(300)
    shards = [
        write_shard(tmp_path / "a.jsonl", lines[:100]),
        write_shard(tmp_path / "b.jsonl.gz", lines[100:200], fmt="gz"),
        write_shard(tmp_path / "c.jsonl.zst", lines[200:], fmt="zst"),
    ]
    docs, bad, done = collect(curafilter.stream(tmp_path, tokenizer=tiny_tokenizer, max_length=32, batch_tokens=256))
    assert len(docs) + len(bad) == 300
    assert not bad
    assert sorted(done) == [0, 1, 2]
    assert {d[0] for d in docs} == {str(p) for p in shards}
    assert all(len(d[2]) <= 32 and d[2][0] == 2 for d in docs)  # [CLS] first, truncated


def test_concatenated_zstd_frames_and_gzip_members(tmp_path: Path, tiny_tokenizer: Path) -> None:
    lines = doc_lines(50)
    blob = b"".join(line + b"\n" for line in lines)
    z = zstandard.ZstdCompressor()
    (tmp_path / "frames.jsonl.zst").write_bytes(z.compress(blob[:1000]) + z.compress(blob[1000:]))
    (tmp_path / "members.jsonl.gz").write_bytes(gzip.compress(blob[:777]) + gzip.compress(blob[777:]))
    for name in ["frames.jsonl.zst", "members.jsonl.gz"]:
        docs, bad, _ = collect(curafilter.stream(tmp_path / name, tokenizer=tiny_tokenizer))
        assert (len(docs), len(bad)) == (50, 0), name


def test_every_bad_input_kind_is_quarantined_with_reason(tmp_path: Path, tiny_tokenizer: Path) -> None:
    good = json.dumps({"text": "hello world"}).encode()
    rows = [
        b"\xef\xbb\xbf" + good,  # 1 BOM: accepted
        good + b"\r",  # 2 CRLF: accepted
        b"",  # 3 blank: skipped, not a document
        b'{"text": "unterminated',  # 4
        b"[1, 2, 3]",  # 5
        b'{"body": "no text field"}',  # 6
        b'{"text": 42}',  # 7
        b'{"text": "   "}',  # 8
        b'{"text": "caf\xe9"}',  # 9 latin-1 byte
        json.dumps({"text": "x" * 500}).encode(),  # 10 over the line limit below
        b"   \t ",  # 11 whitespace only: skipped
        good,  # 12
    ]
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"\n".join(rows))  # no final newline either
    docs, bad, done = collect(
        curafilter.stream(path, tokenizer=tiny_tokenizer, max_line_bytes=200, id_key="id")
    )
    assert [d[1] for d in sorted(docs, key=lambda d: d[1])] == [1, 2, 12]
    got = {q.line: q.reason for q in bad}
    assert got == {
        4: "invalid_json",
        5: "not_object",
        6: "missing_text",
        7: "text_not_string",
        8: "empty_text",
        9: "invalid_utf8",
        10: "line_too_long",
    }
    assert set(got.values()) <= set(curafilter.QUARANTINE_REASONS)
    for q in bad:
        assert q.path == str(path) and q.detail
        assert path.read_bytes()[q.offset :].startswith(rows[q.line - 1][:5])
    assert len(docs) + len(bad) == non_blank_lines(path.read_bytes())
    assert done == [0]


def test_truncated_zstd_reports_where_and_the_next_shard_is_read(tmp_path: Path, tiny_tokenizer: Path) -> None:
    lines = doc_lines(20000)
    full = zstandard.ZstdCompressor(level=1).compress(b"".join(line + b"\n" for line in lines))
    (tmp_path / "a-truncated.jsonl.zst").write_bytes(full[: len(full) // 2])
    write_shard(tmp_path / "b-after.jsonl", doc_lines(10, prefix="b"))
    docs, bad, done = collect(curafilter.stream(tmp_path, tokenizer=tiny_tokenizer, max_length=16))
    head = [d for d in docs if Path(d[0]).name.startswith("a-")]
    assert 0 < len(head) < 20000
    assert sorted(d[1] for d in head) == list(range(1, len(head) + 1)), "a prefix of the shard, in full"
    assert len(bad) == 1
    (q,) = bad
    assert q.reason == "corrupt_compressed" and q.line == len(head) + 1
    assert "compressed byte" in q.detail and Path(q.path).name.startswith("a-")
    assert len([d for d in docs if Path(d[0]).name.startswith("b-")]) == 10
    assert done == [0, 1]


def test_empty_files_yield_nothing_and_finish(tmp_path: Path, tiny_tokenizer: Path) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "empty.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(b""))
    docs, bad, done = collect(curafilter.stream(tmp_path, tokenizer=tiny_tokenizer))
    assert (docs, bad, sorted(done)) == ([], [], [0, 1])


def test_same_documents_whatever_the_thread_count(tmp_path: Path, tiny_tokenizer: Path) -> None:
    for i in range(3):
        write_shard(tmp_path / f"s{i}.jsonl.zst", doc_lines(400, seed=i) + [b"not json"], fmt="zst")
    opts = dict(tokenizer=tiny_tokenizer, max_length=48, batch_tokens=512, sort_window=64)
    one = collect(curafilter.stream(tmp_path, threads=1, **opts))
    three = collect(curafilter.stream(tmp_path, threads=3, **opts))
    assert one[0] == three[0]
    assert [(q.path, q.line) for q in one[1]] == [(q.path, q.line) for q in three[1]]


def test_batches_are_sorted_budgeted_and_zero_copy(tmp_path: Path, tiny_tokenizer: Path) -> None:
    write_shard(tmp_path / "s.jsonl", doc_lines(500))
    with curafilter.stream(tmp_path, tokenizer=tiny_tokenizer, max_length=64, batch_tokens=1024, max_batch=40) as s:
        for batch in s:
            ids = batch.input_ids
            assert ids.dtype == np.int64 and ids.flags.c_contiguous
            assert len(batch) <= 40 and (len(batch) == 1 or ids.size <= 1024)
            assert ids.shape[1] == batch.n_tokens.max(), "padded only to the longest in the batch"
            assert list(batch.n_tokens) == sorted(batch.n_tokens, reverse=True)
            # The array's memory is the Rust buffer, handed over without a copy.
            assert not ids.flags.owndata and type(ids.base).__name__ == "PySliceContainer"


def test_raw_records_ids_and_dotted_keys(tmp_path: Path, tiny_tokenizer: Path) -> None:
    rows = [json.dumps({"meta": {"body": f"hello {i}", "key": i}, "keep": "é"}, ensure_ascii=False).encode() for i in range(5)]
    path = write_shard(tmp_path / "d.jsonl", rows)
    with curafilter.stream(path, tokenizer=tiny_tokenizer, text_key="meta.body", id_key="meta.key") as s:
        (batch,) = list(s)
        assert sorted(batch.ids) == ["0", "1", "2", "3", "4"]
        for i in range(len(batch)):
            assert batch.raw(i) == rows[int(batch.line[i]) - 1]
            assert batch.raws[i] == batch.raw(i)
        with pytest.raises(IndexError):
            batch.raw(5)
        c = s.counters
        assert (c["docs"], c["lines"], c["quarantined"], c["shards_done"]) == (5, 5, 0, 1)
        assert c["bytes_read"] == path.stat().st_size


def test_errors_name_what_is_wrong(tmp_path: Path, tiny_tokenizer: Path) -> None:
    with pytest.raises(InputError, match="nowhere.jsonl") as e:
        curafilter.stream(tmp_path / "nowhere.jsonl", tokenizer=tiny_tokenizer)
    assert isinstance(e.value, OSError)
    with pytest.raises(InputError, match="no input files matched"):
        curafilter.stream(str(tmp_path / "*.jsonl.zst"), tokenizer=tiny_tokenizer)
    write_shard(tmp_path / "ok.jsonl", doc_lines(2))
    bad_tok = tmp_path / "tok.json"
    bad_tok.write_text("{not a tokenizer")
    with pytest.raises(TokenizerError, match="tok.json"):
        curafilter.stream(tmp_path, tokenizer=bad_tok)
    with pytest.raises(ConfigError, match="text_key"):
        curafilter.stream(tmp_path, tokenizer=tiny_tokenizer, text_key="a..b")
    with pytest.raises(ConfigError, match="batch_tokens"):
        curafilter.stream(tmp_path, tokenizer=tiny_tokenizer, batch_tokens=0)
    with pytest.raises(InputError, match="no model bundle"):
        curafilter.stream(tmp_path, tokenizer="no-such-bundle")


def test_close_stops_early(tmp_path: Path, tiny_tokenizer: Path) -> None:
    for i in range(4):
        write_shard(tmp_path / f"s{i}.jsonl", doc_lines(3000, seed=i))
    s = curafilter.stream(tmp_path, tokenizer=tiny_tokenizer, sort_window=100, batch_tokens=256)
    next(s)
    s.close()
    assert list(s) == []
    before = threading.active_count()
    with curafilter.stream(tmp_path, tokenizer=tiny_tokenizer) as s2:
        next(s2)
    assert threading.active_count() == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_ctrl_c_is_honoured_while_waiting(tmp_path: Path, tiny_tokenizer: Path) -> None:
    fifo = tmp_path / "slow.jsonl"
    os.mkfifo(fifo)
    s = curafilter.stream(fifo, tokenizer=tiny_tokenizer)

    def interrupt_then_unblock() -> None:
        time.sleep(0.3)
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.3)
        with open(fifo, "wb"):  # lets the blocked reader see end of input, so close() can join
            pass

    # A shell starts background jobs with SIGINT ignored, and Python keeps it so: under
    # `.ci/run &` the interrupt never came and this failed. Ctrl-C's handler, as in a terminal.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    t = threading.Thread(target=interrupt_then_unblock)
    t.start()
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            next(s)
    finally:
        t.join()
        signal.signal(signal.SIGINT, previous)
    assert time.monotonic() - started < 10
    assert list(s) == []


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample corpus not built")
def test_bundled_tokenizer_streams_the_sample() -> None:
    with SAMPLE.open("rb") as f:
        raw = zstandard.ZstdDecompressor().stream_reader(f).read()
    docs, bad, _ = collect(curafilter.stream(SAMPLE))
    assert len(docs) + len(bad) == non_blank_lines(raw) == 400


def test_pad_multiple_buckets_batch_lengths(tiny_tokenizer: Path, tmp_path: Path) -> None:
    """Batches padded to multiples of 8 (TensorRT's buckets), never past max_length; same tokens."""
    from conftest import doc_lines, write_shard

    shard = write_shard(tmp_path / "a.jsonl", doc_lines(200))
    plain = {}
    for b in curafilter.stream(shard, tokenizer=tiny_tokenizer, max_length=30, batch_tokens=60):
        for i, line in enumerate(b.line.tolist()):
            plain[line] = b.input_ids[b.row_doc == i][:, : b.n_tokens[i]].tolist()
    lens = set()
    for b in curafilter.stream(shard, tokenizer=tiny_tokenizer, max_length=30, batch_tokens=60, pad_multiple=8):
        lens.add(b.input_ids.shape[1])
        for i, line in enumerate(b.line.tolist()):
            assert b.input_ids[b.row_doc == i][:, : b.n_tokens[i]].tolist() == plain[line]
            assert b.attention_mask[b.row_doc == i].sum() == b.n_tokens[i]
    assert lens <= {8, 16, 24, 30} and len(lens) > 1


def test_the_stream_reports_a_probed_top_level_key(tmp_path: Path) -> None:
    """stream(probe_key=K) says which documents already have K at their top level, found by the
    parse that reads the text (escaped spellings included, nested keys not), so run's routing
    thread need not parse each document again."""
    lines = [
        b'{"text": "a", "cf": 1}',
        b'{"text": "b", "\\u0063f": {"x": 1}}',
        b'{"text": "c", "meta": {"cf": 2}, "cff": 3}',
        b'{"cf": null, "text": "d"}',
        b'{"text": "e"}',
    ]
    shard = tmp_path / "p.jsonl"
    shard.write_bytes(b"\n".join(lines) + b"\n")
    with curafilter.stream(shard, tokenizer=None, probe_key="cf") as s:
        got = {int(line): bool(k) for b in s for line, k in zip(b.line, b.has_key) if b.probe_key == "cf"}
    assert got == {1: True, 2: True, 3: False, 4: True, 5: False}
    with curafilter.stream(shard, tokenizer=None) as s:
        batches = [b for b in s if len(b)]
    assert all(b.probe_key is None and not b.has_key.any() for b in batches)
