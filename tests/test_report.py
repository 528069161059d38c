"""`curafilter report`: one self-contained HTML page about a run, a --scores-only run and a revise
folder, made from real runs of a tiny model; its numbers checked against stats.json and runs/*.json."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

import curafilter
from curafilter.cli import main

from conftest import TINY_PRINCIPLES, doc_lines, make_tiny_bundle, tiny_token_id, write_shard
from test_run import outputs

RULES = """
default = "keep"
default_reason = "clean"

[[rule]]
route = "drop"
reason = "toxic <b>"
when.any = { toxicity = 0.8, cruelty = 0.85 }

[[rule]]
route = "revise"
reason = "deceptive"
when.any = { deception = 0.6, power_seeking = 0.7 }

[[rule]]
route = "tag"
reason = "borderline"
when.max = { threshold = 0.55 }
"""
# The lowest threshold each principle gets from RULES: where it counts as flagged.
FLAG = {"deception": 0.55, "power_seeking": 0.55, "cruelty": 0.55, "toxicity": 0.55}
SECTIONS = ("summary", "routes", "scores", "coflags", "quarantine", "throughput", "samples")
LONG = "hello world " * 60 + "gamma " * 20 + "hello world " * 20
EVIL = "<script>alert('x')</script> \x1b[31mred\x00 & </textarea><img src=http://evil.example/x.png>"
VOID = {"meta", "br", "img", "input", "hr", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


class Page(HTMLParser):
    """Parses the page, checks every element is closed in order, and collects what the tests read."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.rows: list[dict[str, str | None]] = []
        self.marks: list[str] = []
        self._in: list[str] = []
        self.feed(text)
        self.close()
        assert not self.stack, f"unclosed elements: {self.stack}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])  # type: ignore[arg-type]
        self.links += [v or "" for k, v in attrs if k in ("src", "href", "xlink:href", "action", "srcset")]
        if tag == "script":
            self.scripts.append(a)
        if tag == "tr" and "data-route" in a:
            self.rows.append(a)
        if tag == "mark":
            self.marks.append("")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:] or 'nothing'}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "mark" in self.stack:
            self.marks[-1] += data


def report_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html, re.S)
    assert m, "the numbers are embedded as JSON"
    return json.loads(m.group(1))


def make_report(out: Path, *args: str) -> tuple[str, dict, Page]:
    dest = out.parent / f"{out.name}-report.html"
    assert main(["report", str(out), "-o", str(dest), *args]) == 0
    html = dest.read_text(encoding="utf-8")
    return html, report_data(html), Page(html)


def assert_self_contained(html: str, page: Page) -> None:
    for link in page.links:
        assert link.startswith(("#", "data:")), f"external reference {link!r}"
    # In a tag (document text, escaped, may say src=http://: it is text, not an attribute).
    assert not re.search(r"""<[^<>]*\s(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "<link" not in html and "@import" not in html and "url(http" not in html
    assert [s.get("type") for s in page.scripts] == ["application/json"], "no script runs in the page"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    lines = doc_lines(60)
    lines += [json.dumps({"id": f"long{i}", "text": LONG}).encode() for i in range(3)]
    lines += [json.dumps({"id": "evil", "text": EVIL}).encode(), b'{"id": "broken", "text": ', b'{"id": 7, "text": 12}',
              # Fields run accepts and msgspec refuses: the report reads this record's field all the same.
              b'{"id": "odd", "text": "odd fields beside it", "meta": "\\ud800", "n": 1e400}']
    return write_shard(tmp_path / "in.jsonl", lines)


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    w = (np.random.default_rng(3).normal(size=(136, 4)) * 2.0).astype(np.float32)
    w[tiny_token_id("gamma"), 2:] = 40.0  # cruelty and toxicity fire on 'gamma': a passage past the head
    return make_tiny_bundle(tmp_path / "bundle", weights=w)


def coflags_of(records: list[dict], scores_of) -> dict[str, dict[str, int]]:
    over = np.array([[scores_of(r)[p] >= FLAG[p] for p in TINY_PRINCIPLES] for r in records], dtype=np.int64)
    m = over.T @ over
    return {p: {q: int(m[i, j]) for j, q in enumerate(TINY_PRINCIPLES)} for i, p in enumerate(TINY_PRINCIPLES)}


def test_report_of_a_run_matches_its_stats_and_escapes_documents(tmp_path: Path, corpus: Path, bundle: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES)
    out = tmp_path / "out"
    curafilter.run([corpus], out, model=bundle, rules=rules, device="cpu", progress=False, windows=8, overlap=4)
    stats = json.loads((out / "stats.json").read_text())
    run = json.loads((out / stats["last_run"]).read_text())
    html, data, page = make_report(out, "--sample", "1000")

    assert set(SECTIONS) <= page.ids and "report-data" in page.ids
    assert html.count("<svg") == 3, "routes, score histograms, co-flag matrix"
    assert_self_contained(html, page)
    # The numbers shown are the folder's.
    assert data["kind"] == "run" and data["stats"] == stats
    assert data["routes"] == stats["routes"] and data["scanned"] == stats["routes"]
    assert data["quarantined"] == stats["quarantined"] == sum(data["quarantine"].values()) == 2
    assert data["quarantine"] == run["quarantined_by_reason"]
    assert data["histogram_source"] == "runs" and data["histograms"] == run["histograms"]
    assert data["conflicts"] == run["conflicts"]
    assert [(r["docs"], r["windows_scored"], r["windows_total"]) for r in data["runs"]] == [
        (run["docs"], run["windows_scored"], run["windows_total"])]
    assert data["runs"][0]["docs_per_s"] == pytest.approx(run["docs"] / run["seconds"])
    assert {r["data-route"]: int(r["data-docs"]) for r in page.rows} == {**stats["routes"], "quarantine": 2}
    if "route_tokens" in run:  # token counts, where run records them
        assert data["tokens"] == run["route_tokens"]
    else:
        assert all(t is None for t in data["tokens"].values()) and "tokens n/a" in html
    # Thresholds from the rules file, and the co-flag matrix from every routed record's scores.
    assert data["rules"]["status"] == "ok" and data["flag_threshold"] == FLAG
    assert {t["threshold"] for t in data["thresholds"]["toxicity"]} == {0.8, 0.55}
    routed = [r for route in ("keep", "drop", "revise", "tag") for r in outputs(out).get(route, [])]
    assert data["coflags"] == coflags_of(routed, lambda r: r["curafilter"]["scores"])
    # Every document is sampled (--sample 1000); its text escaped, controls made visible.
    assert sum(s["total"] for r, s in data["samples"].items() if r != "quarantine") == stats["docs"]
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html and "&lt;/textarea&gt;" in html
    assert "\x1b" not in html and "\x00" not in html and "\u241b[31mred\u2400" in html
    assert "odd fields beside it" in html and data["unreadable"] == 0
    assert "toxic &lt;b&gt;" in html and "toxic <b>" not in html
    # The flagged window of a long document is highlighted: it is not the head.
    assert any("gamma" in m for m in page.marks) and not LONG.startswith("gamma")
    # The sample is inspect's for the same seed.
    capsys.readouterr()
    assert main(["report", str(out), "-o", str(tmp_path / "r.html"), "--sample", "3", "--seed", "5"]) == 0
    assert main(["inspect", str(out), "--route", "keep", "-n", "3", "--seed", "5", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)["routes"][0]["sample"]
    small = report_data((tmp_path / "r.html").read_text())
    assert [(s["file"], s["line"]) for s in shown] == [(s["file"], s["line"]) for s in small["samples"]["keep"]["shown"]]


def test_report_of_a_scores_only_run_says_texts_are_not_stored(tmp_path: Path, corpus: Path, bundle: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES)
    out = tmp_path / "scores"
    curafilter.run([corpus], out, model=bundle, rules=rules, device="cpu", progress=False, scores_only=True,
                   id_key="id", windows=8, overlap=4)
    stats = json.loads((out / "stats.json").read_text())
    run = json.loads((out / stats["last_run"]).read_text())
    html, data, page = make_report(out, "--sample", "1000")
    assert set(SECTIONS) <= page.ids and "sample-scores" in page.ids and "sample-keep" not in page.ids
    assert_self_contained(html, page)
    assert data["kind"] == "scores-only" and data["routes"] == {"scores": stats["scores"]} == data["scanned"]
    assert data["histograms"] == run["histograms"] and data["quarantined"] == stats["quarantined"] == 2
    rows = outputs(out)["scores"]
    assert data["coflags"] == coflags_of(rows, lambda r: r["scores"])
    assert "Texts are not stored" in html and "&lt;script&gt;" not in html, "score rows hold no text"
    assert "id evil" in html
    if "route_tokens" in run:  # scores-only rows carry their token counts too
        assert data["tokens"]["scores"] == sum(run["route_tokens"].values()) > 0


def test_report_of_a_revise_folder_shows_before_after_and_the_score_change(tmp_path: Path) -> None:
    import sqlite3

    from llm_server import FakeLLM
    from test_llm import read_out, revise_setup, reviser

    bundle, queue, principles = revise_setup(tmp_path, 16)
    out = tmp_path / "revised"
    with FakeLLM(reviser()) as server:
        assert main(["revise", str(queue), "-o", str(out), "--principles", str(principles), "--endpoint", server.url,
                     "--model", "rewriter", "--scorer", str(bundle), "--device", "cpu", "--max-attempts", "1",
                     "--retries", "0", "-q"]) == 0
    got = read_out(out)
    html, data, page = make_report(out, "--sample", "100")
    assert {"summary", "score-change", "samples", "sample-revised", "sample-dropped", "sample-failed"} <= page.ids
    assert_self_contained(html, page)
    assert data["kind"] == "revise" and data["written"] == {s: len(rows) for s, rows in got.items()}
    db = sqlite3.connect(out / "ledger.sqlite")
    assert data["ledger"]["states"] == dict(db.execute("SELECT state, COUNT(*) FROM docs GROUP BY state").fetchall())
    change = data["score_change"]["revised"]["toxicity"]
    assert change["n"] == len(got["revised"]) > 0 and change["before"] > 0.5 > change["after"]
    first = got["revised"][0]
    assert first["curafilter_revision"]["original_text"] in html and first["text"] in html, "before and after"
    assert "LLM call failed" in html


def test_report_without_the_rules_file_or_with_runs_that_overlap(tmp_path: Path, corpus: Path, bundle: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES)
    out = tmp_path / "out"
    # A --limit run leaves a shard unfinished; the next run redoes it: the runs together counted more
    # documents than the folder holds, so the histograms are counted from the route files.
    curafilter.run([corpus], out, model=bundle, rules=rules, device="cpu", progress=False, limit=10)
    curafilter.run([corpus], out, model=bundle, rules=rules, device="cpu", progress=False)
    rules.unlink()
    html, data, page = make_report(out)
    stats = json.loads((out / "stats.json").read_text())
    assert data["rules"]["status"] == "missing" and "is gone" in html
    assert data["thresholds"] == {p: [] for p in TINY_PRINCIPLES} and set(data["flag_threshold"].values()) == {0.5}
    assert data["histogram_source"] == "scores" and data["conflicts"] is None
    assert all(sum(h) == stats["docs"] for h in data["histograms"].values())
    assert len(data["runs"]) == 2 and set(SECTIONS) <= page.ids


def test_report_reads_parquet_route_files(tmp_path: Path, bundle: Path) -> None:
    from test_parquet import parquet_shard

    out = tmp_path / "out"
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES)
    curafilter.run([parquet_shard(tmp_path / "in.parquet", 50)], out, model=bundle, rules=rules, device="cpu",
                   progress=False, id_key="doc_id")
    assert list(out.glob("*/*.parquet"))
    stats = json.loads((out / "stats.json").read_text())
    html, data, page = make_report(out)
    assert data["routes"] == data["scanned"] == stats["routes"]
    assert data["quarantined"] == sum(data["quarantine"].values()) == stats["quarantined"] > 0
    assert_self_contained(html, page)


def test_report_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["report", str(tmp_path), "-o", str(tmp_path / "r.html")]) == 1
    err = capsys.readouterr().err
    assert "not a curafilter output folder" in err and len(err.strip().splitlines()) == 1
    (tmp_path / "run.json").write_text("{}")
    assert main(["report", str(tmp_path), "-o", str(tmp_path / "r.html")]) == 1
    assert "run.json" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        main(["report", str(tmp_path), "-o", "r.html", "--sample", "-1"])
    assert e.value.code == 2


def test_a_document_the_cascade_cleared_is_shown_from_its_head_not_whole() -> None:
    """Its window offsets are -1: used as a slice start, that embedded the whole document (and
    marked its last character) whatever --chars said."""
    from curafilter.report import _scores_html, passage

    text = "head of a long document " + "A" * 100_000
    shown = passage(text, -1, 600)
    assert len(shown) < 700 and "<mark>" not in shown and shown.startswith("head of")
    assert "starts at character" not in _scores_html({"toxicity": 0.1}, {}, {"toxicity": -1})
