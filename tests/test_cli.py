"""The command line, in-process."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
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


def test_stream_refuses_a_quarantine_file_that_is_an_input(tmp_path: Path, tiny_tokenizer: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Opening it for writing used to empty the input before a line was read."""
    shard = tmp_path / "a.jsonl"
    write_shard(shard, doc_lines(5) + [b"[1]"])
    before = shard.read_bytes()
    link = tmp_path / "same.jsonl"
    link.symlink_to(shard)
    for q in (shard, link):
        assert main(["stream", str(tmp_path), "--tokenizer", str(tiny_tokenizer), "-q", "--quarantine", str(q)]) == 1
        assert "is one of the inputs" in capsys.readouterr().err
    assert shard.read_bytes() == before


def test_missing_input_exits_1_and_names_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stream", str(tmp_path / "gone.jsonl")]) == 1
    assert "gone.jsonl" in capsys.readouterr().err


def test_evaluate_command(tmp_path: Path, tiny_bundle: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import curafilter

    model = curafilter.load_model(tiny_bundle, device="cpu")
    texts = [f"hello world {w} " * 3 for w in ["alpha", "beta", "gamma", "the", "text", "number"] * 10]
    scores = model.score_texts(texts)[:, 3]
    # Labels that the tiny model predicts perfectly for toxicity: AUROC must come out 1.
    cut = float(np.median(scores))
    rows = [{"text": t, "principle": "toxicity", "label": int(s > cut)} for t, s in zip(texts, scores)]
    rows.append({"text": "x", "principle": "unknown", "label": 0})
    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    assert main(["evaluate", str(tiny_bundle), str(labels), "--device", "cpu", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (tox,) = report["principles"]
    assert tox["principle"] == "toxicity" and tox["n"] == 60 and tox["auroc"] == 1.0
    assert report["skipped_rows"] == {"unknown": 1}
    assert sum(b["count"] for b in tox["calibration"]["bins"]) == 60
    labels.write_text('{"text": "a", "principle": "toxicity"}\n')
    assert main(["evaluate", str(tiny_bundle), str(labels)]) == 1
    assert "labels.jsonl:1" in capsys.readouterr().err
    # Nothing the model scores: an error, not an empty table with exit 0.
    labels.write_text('{"text": "a", "principle": "unknown", "label": 1}\n')
    assert main(["evaluate", str(tiny_bundle), str(labels)]) == 1
    assert "no labelled rows for the principles" in capsys.readouterr().err
