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
