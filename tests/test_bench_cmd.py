"""`curafilter bench`: every measure, on a tiny model and corpus."""

from __future__ import annotations

import json
from pathlib import Path

from curafilter.cli import main

from conftest import doc_lines, make_tiny_bundle, write_shard


def test_bench_measures_every_stage_and_writes_json(tmp_path: Path, capsys) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    data = tmp_path / "data"
    data.mkdir()
    write_shard(data / "a.jsonl", doc_lines(150))
    write_shard(data / "b.jsonl", doc_lines(150, seed=2))
    report = tmp_path / "bench.json"
    assert main(["bench", str(data), "--model", str(bundle), "--device", "cpu", "--docs", "250",
                 "--model-docs", "40", "--lengths", "16", "32", "-o", str(report), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(report.read_text())
    stages = {m["stage"]: m for m in printed["measures"]}
    assert {"read+tokenise", "pipeline ceiling", "end to end"} <= set(stages)
    assert {s for s in stages if s.startswith("model ")} == {"model fp32 @16", "model fp32 @32"}  # the tiny bundle's one variant
    assert stages["read+tokenise"]["docs"] >= 250 and stages["pipeline ceiling"]["docs"] == 250
    assert stages["end to end"]["docs"] == 40
    assert all(m["docs_per_s"] > 0 for m in printed["measures"])
    # The table form names every stage.
    assert main(["bench", str(data), "--model", str(bundle), "--device", "cpu", "--docs", "50",
                 "--model-docs", "8", "--lengths", "16"]) == 0
    assert "pipeline ceiling" in capsys.readouterr().out
    # --windows sets what the stream, the ceiling and the end-to-end run cut documents into.
    assert main(["bench", str(data), "--model", str(bundle), "--device", "cpu", "--docs", "50",
                 "--model-docs", "8", "--lengths", "16", "--windows", "3", "--json"]) == 0
    stages = {m["stage"]: m for m in json.loads(capsys.readouterr().out)["measures"]}
    assert stages["read+tokenise"]["detail"].startswith("3 window(s)")


def test_bench_refuses_what_would_fail_after_the_work_and_measures_a_small_corpus(tmp_path: Path, capsys) -> None:
    """--lengths past the model's positions was an ONNX Runtime traceback mid-benchmark; -o an
    input overwrote it, -o a folder was a traceback after the run; a corpus of one batch measured
    the model on 0 documents."""
    from conftest import make_tiny_bert_bundle

    bundle = make_tiny_bert_bundle(tmp_path / "bundle", max_length=64)
    shard = write_shard(tmp_path / "a.jsonl", doc_lines(12))
    before = shard.read_bytes()
    base = ["bench", str(shard), "--model", str(bundle), "--device", "cpu", "--docs", "12", "--model-docs", "8"]
    for extra, what in [(["--lengths", "128"], "64 positions"), (["--lengths", "32", "-o", str(shard)], "is one of the inputs"),
                        (["--lengths", "32", "-o", str(tmp_path)], "is a folder"),
                        (["--lengths", "32", "-o", str(tmp_path / "no" / "r.json")], "does not exist")]:
        assert main([*base, *extra]) == 1
        err = capsys.readouterr().err
        assert what in err and "Traceback" not in err, err
    assert shard.read_bytes() == before
    assert main([*base, "--lengths", "32", "--json"]) == 0
    stages = {m["stage"]: m for m in json.loads(capsys.readouterr().out)["measures"]}
    assert stages["model fp32 @32"]["docs"] > 0
    # Nothing to measure was a table of zeros, exit 0; --windows all showed its sentinel count.
    empty = write_shard(tmp_path / "e.jsonl", [b"{bad"])
    assert main(["bench", str(empty), *base[2:], "--lengths", "32"]) == 1
    assert "no documents to measure" in capsys.readouterr().err
    assert main([*base, "--lengths", "32", "--windows", "all", "--json"]) == 0
    details = [m["detail"] for m in json.loads(capsys.readouterr().out)["measures"]]
    assert any("all window(s)" in d for d in details) and not any("1073741824" in d for d in details)
