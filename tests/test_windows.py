"""Windowed scoring: every window of a long document is scored and the document gets the highest
score, with the offset of the window that gave it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import curafilter
from curafilter.errors import ConfigError, ModelError
from curafilter.model import pool_windows

from conftest import make_tiny_bundle, tiny_reference_scores, tiny_token_id, tiny_weights, write_shard

from test_run import outputs


def gamma_bundle(folder: Path, **card: object) -> Path:
    """A tiny model whose toxicity column fires on the token 'gamma' and nothing else."""
    w = np.full((136, 4), -4.0, dtype=np.float32)
    w[tiny_token_id("gamma"), 3] = 400.0
    bundle = make_tiny_bundle(folder, weights=w)
    if card:
        path = bundle / "curafilter.json"
        path.write_text(json.dumps(json.loads(path.read_text()) | card))
    return bundle


LONG = "hello world " * 120 + "gamma " + "hello world " * 30


def test_a_passage_past_the_head_is_caught_and_located(tmp_path: Path) -> None:
    bundle = gamma_bundle(tmp_path / "b")
    head = curafilter.load_model(bundle, device="cpu")
    windowed = curafilter.load_model(bundle, device="cpu", windows=64, overlap=8)
    texts = ["hello world", LONG, "gamma first"]
    assert (head.score_texts(texts)[:, 3] > 0.5).tolist() == [False, False, True]
    assert (windowed.score_texts(texts)[:, 3] > 0.5).tolist() == [False, True, True]
    (batch,) = windowed.tokenizer().encode_batches([LONG])
    assert len(batch) == 1 and batch.input_ids.shape[0] > 5 and set(batch.row_doc.tolist()) == {0}
    scores, at = windowed.score_batch_windows(batch)
    where = int(at[0, 3])
    # The window that gave the score starts before 'gamma' and within one window (64 tokens) of it.
    assert 0 < where <= LONG.index("gamma") < where + 64 * 5


def test_pooling_is_the_max_over_a_documents_rows(tiny_bundle: Path) -> None:
    model = curafilter.load_model(tiny_bundle, device="cpu", windows=5, overlap=3)
    texts = ["alpha beta " * (i * 7 % 60 + 1) + str(i) for i in range(40)] + [""]


    weights = tiny_weights()
    got = np.zeros((len(texts), 4), np.float32)
    for batch in model.tokenizer().encode_batches(texts, batch_tokens=300):
        rows = tiny_reference_scores(weights, batch.input_ids, batch.attention_mask)
        scores, at = model.score_batch_windows(batch)
        for d in range(len(batch)):
            mine = rows[batch.row_doc == d]
            np.testing.assert_allclose(scores[d], mine.max(0), rtol=1e-5)
            best = batch.row_start[batch.row_doc == d][mine.argmax(0)]
            assert at[d].tolist() == best.tolist()
        got[batch.line.astype(np.intp)] = scores
    np.testing.assert_allclose(model.score_texts(texts), got, rtol=1e-5)
    assert max(len(t) for t in texts) > 5 * 64, "some documents need more windows than allowed"


def test_pool_windows_on_plain_arrays() -> None:
    rows = np.array([[0.1, 0.9], [0.5, 0.2], [0.3, 0.3], [0.7, 0.1]], np.float32)
    scores, at = pool_windows(rows, np.array([0, 0, 1, 2], np.uint32), np.array([0, 40, 0, 0], np.uint32), 3)
    np.testing.assert_allclose(scores, [[0.5, 0.9], [0.3, 0.3], [0.7, 0.1]])
    assert at.tolist() == [[40, 0], [0, 0], [0, 0]]


def test_run_records_where_and_refuses_to_resume_under_other_windows(tmp_path: Path) -> None:
    bundle = gamma_bundle(tmp_path / "b", windows=64, overlap=8)
    assert curafilter.load_model(bundle, device="cpu").windows == 64, "the card's windowing is the default"
    docs = [json.dumps({"id": f"d{i}", "text": LONG if i % 3 == 0 else "hello world " * (i + 1)}).encode()
            for i in range(30)]
    shard = write_shard(tmp_path / "in.jsonl", docs)
    out = tmp_path / "out"
    stats = curafilter.run([shard], out, model=bundle, device="cpu", progress=False)
    assert stats.docs == 30
    got = outputs(out)
    flagged = [r for route in ("drop", "revise", "tag") for r in got.get(route, [])]
    assert sorted(r["id"] for r in flagged) == sorted(f"d{i}" for i in range(0, 30, 3))
    for r in flagged:
        assert 0 < r["curafilter"]["at"]["toxicity"] <= LONG.index("gamma")
    with pytest.raises(ConfigError, match="windows"):
        curafilter.run([shard], out, model=bundle, device="cpu", progress=False, windows=1)
    head_only = curafilter.run([shard], tmp_path / "head", model=bundle, device="cpu", progress=False, windows=1)
    assert head_only.routes.get("keep") == 30, "the head never shows the passage"
    assert "at" not in outputs(tmp_path / "head")["keep"][0]["curafilter"]


def test_bad_windowing_is_named(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="windows"):
        curafilter.load_model(gamma_bundle(tmp_path / "zero", windows=0), device="cpu")
    with pytest.raises(ConfigError, match="overlap"):
        curafilter.load_model(gamma_bundle(tmp_path / "b"), device="cpu", windows=4, overlap=62)
    with pytest.raises(ConfigError, match="windows"):
        curafilter.stream(tmp_path, windows=0)


def test_inspect_shows_the_flagged_window_of_a_long_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from curafilter.cli import main

    bundle = gamma_bundle(tmp_path / "b", windows=64, overlap=8)
    shard = write_shard(tmp_path / "in.jsonl", [json.dumps({"id": "long", "text": LONG}).encode()])
    out = tmp_path / "out"
    curafilter.run([shard], out, model=bundle, device="cpu", progress=False)
    routes = [p.parent.name for p in out.glob("*/*.jsonl.zst") if p.parent.name != "quarantine"]
    assert routes and routes != ["keep"]
    capsys.readouterr()
    assert main(["inspect", str(out), "--route", routes[0], "--chars", "400"]) == 0
    assert "gamma" in capsys.readouterr().out, "the passage shown is the flagged window, not the head"


def test_cli_windows_all_and_windows_per_document_in_the_stats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from curafilter.cli import main

    bundle = gamma_bundle(tmp_path / "b")  # card: one window
    docs = [json.dumps({"text": LONG}).encode(), b'{"text": "hello world"}']
    shard = write_shard(tmp_path / "in.jsonl", docs)
    out = tmp_path / "out"
    assert main(["run", str(shard), "-o", str(out), "--model", str(bundle), "--device", "cpu", "--windows", "all",
                 "--window-overlap", "4", "--json", "-q"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["docs"] == 2 and stats["windows_scored"] > 5 and stats["routes"]["keep"] == 1
    with pytest.raises(SystemExit) as usage:
        main(["run", str(shard), "-o", str(tmp_path / "x"), "--model", str(bundle), "--windows", "some"])
    assert usage.value.code == 2


def test_inspect_shifts_a_tagged_documents_passage_past_the_tag_prefix() -> None:
    # A window's offset is into the text before --tag-prefix was put in front of it: inspect showed
    # the passage that many characters early (report already shifted it).
    from curafilter.cli import _Annotation, _passage

    text = "[FLAGGED] " + "hello world " * 3 + "gamma here"
    at = len("hello world " * 3)
    tagged = _Annotation(scores={"toxicity": 0.9, "cruelty": 0.1}, reason="r", route="tag", at={"toxicity": at, "cruelty": 0})
    assert _passage(text, tagged, 10, "[FLAGGED] ") == "…gamma here"
    dropped = _Annotation(scores={"toxicity": 0.9}, reason="r", route="drop", at={"toxicity": at})
    assert _passage(text[len("[FLAGGED] "):], dropped, 10, "[FLAGGED] ") == "…gamma here"


def test_inspect_and_report_point_at_the_same_passage() -> None:
    # inspect and report each worked out the flagged window's start; report shifted a cleared
    # (-1) tagged record's offset past the prefix and marked a passage that was never scored.
    from curafilter.cli import _Annotation, _passage
    from curafilter.outputs import RunIdentity, flagged_offset
    from curafilter.report import _doc_html

    prefix = "[FLAGGED] "
    text = prefix + "hello world " * 3 + "gamma here"
    at = len("hello world " * 3)
    assert flagged_offset("tag", {"toxicity": 0.9}, {"toxicity": at}, text, prefix) == at + len(prefix)
    assert flagged_offset("tag", {"toxicity": 0.4}, {"toxicity": -1}, text, prefix) is None
    assert flagged_offset("keep", {"toxicity": 0.9}, {"toxicity": at}, text, prefix) is None
    identity = RunIdentity(model="m", rules="r", principles=["toxicity"], scores_only=False, field="curafilter",
                           text_key="text", tag_prefix=prefix)
    # (offset, report's marked passage, inspect's text): a window at 0 is the head for inspect.
    for where, marked, shown in ((at, "gamma here", "…gamma here"), (-1, None, text[:10]), (0, "hello worl", text[:10])):
        field = {"scores": {"toxicity": 0.9}, "route": "tag", "reason": "r", "at": {"toxicity": where}}
        line = json.dumps({"text": text, "curafilter": field}).encode()
        html = _doc_html("f", 1, line, identity, {"toxicity": 0.5}, 10)
        assert (f"<mark>{marked}</mark>" in html) if marked else "<mark>" not in html
        assert _passage(text, _Annotation(scores=field["scores"], reason="r", route="tag", at=field["at"]), 10, prefix) == shown


def test_windows_past_all_mean_all(tmp_path: Path) -> None:
    # --windows 99999999999 and --windows all score alike: one setting in run.json, so a folder
    # begun with one resumes with the other, and the report says "all".
    from curafilter.model import ALL_WINDOWS
    from curafilter.report import write_report

    bundle = gamma_bundle(tmp_path / "b")
    assert curafilter.load_model(bundle, device="cpu", windows=99999999999).windows == ALL_WINDOWS
    write_shard(tmp_path / "a.jsonl", [json.dumps({"text": LONG}).encode()])
    write_shard(tmp_path / "b.jsonl", [b'{"text": "gamma"}'])
    out = tmp_path / "out"
    curafilter.run([tmp_path / "a.jsonl"], out, model=bundle, device="cpu", windows=99999999999, progress=False)
    again = curafilter.run([tmp_path / "a.jsonl", tmp_path / "b.jsonl"], out, model=bundle, device="cpu", windows="all", progress=False)
    assert again.shards_skipped == 1
    with pytest.raises(ConfigError, match="windows: all there, 2 now"):
        curafilter.run([tmp_path / "a.jsonl"], out, model=bundle, device="cpu", windows=2, progress=False)
    write_report(out, tmp_path / "r.html")
    assert "all per document" in (tmp_path / "r.html").read_text()
