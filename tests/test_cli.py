"""The command line, in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curafilter.cli import main

from conftest import doc_lines, write_shard


def test_stream_command_prints_stats_and_writes_quarantine(tmp_path: Path, tiny_tokenizer: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_shard(tmp_path / "a.jsonl.zst", doc_lines(120) + [b"{broken", b'{"text": 3}'], fmt="zst")
    qfile = tmp_path / "q.jsonl"
    rc = main(["stream", str(tmp_path / "a.jsonl.zst"), "--tokenizer", str(tiny_tokenizer), "--json", "-q", "--quarantine", str(qfile)])
    assert rc == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["docs"] == 120 and stats["quarantined"] == 2 and stats["lines"] == 122
    assert stats["quarantined_by_reason"] == {"invalid_json": 1, "text_not_string": 1}
    records = [json.loads(line) for line in qfile.read_text().splitlines()]
    assert [(r["line"], r["reason"]) for r in records] == [(121, "invalid_json"), (122, "text_not_string")]
    assert all(r["shard"].endswith("a.jsonl.zst") for r in records)


def test_missing_input_exits_1_and_names_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stream", str(tmp_path / "gone.jsonl")]) == 1
    assert "gone.jsonl" in capsys.readouterr().err
