"""The main job end to end on generated shards and a tiny real ONNX model."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import msgspec
import numpy as np
import pytest
import zstandard

import curafilter
from curafilter.cli import main
from curafilter.errors import ConfigError
from curafilter.rules import parse_rules

from conftest import TINY_PRINCIPLES, doc_lines, make_tiny_bundle, non_blank_lines, write_shard

RULES = """
default = "keep"
default_reason = "clean"

[[rule]]
route = "drop"
reason = "toxic"
when.any = { toxicity = 0.8 }

[[rule]]
route = "revise"
reason = "deceptive-and-cruel"
when.all = { deception = 0.5, cruelty = 0.5 }

[[rule]]
route = "tag"
reason = "borderline"
when.max = { threshold = 0.6 }
"""


def read_jsonl_zst(path: Path) -> list[dict]:
    with path.open("rb") as f:
        data = zstandard.ZstdDecompressor().stream_reader(f).read()
    return [json.loads(line) for line in data.splitlines()]


def outputs(out: Path) -> dict[str, list[dict]]:
    """Every output record by route folder, sorted for comparison."""
    got: dict[str, list[dict]] = {}
    for route in ["keep", "drop", "revise", "tag", "quarantine", "scores"]:
        rows = [r for f in sorted((out / route).glob("*.jsonl.zst")) for r in read_jsonl_zst(f)]
        if rows:
            got[route] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))
    return got


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    bad = [b'{"text": "unterminated', b"[1]", b'{"body": "x"}', b'{"text": 5}', b'{"text": ""}', b'{"text": "\xff"}']
    write_shard(d / "a.jsonl.zst", doc_lines(150, seed=1, prefix="a") + bad[:3], fmt="zst")
    write_shard(d / "b.jsonl.gz", doc_lines(90, seed=2, prefix="b") + bad[3:], fmt="gz")
    write_shard(d / "c.jsonl", doc_lines(40, seed=3, prefix="c"))
    (d / "empty.jsonl").write_bytes(b"")
    return d


def test_run_routes_every_document_once_with_fields_intact(tmp_path: Path, corpus: Path) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES)
    out = tmp_path / "out"
    stats = curafilter.run([corpus], out, model=bundle, rules=rules, device="cpu", progress=False, batch_tokens=512)

    lines = sum(non_blank_lines(_plain(p)) for p in corpus.iterdir())
    assert stats.docs + stats.quarantined == lines == 150 + 90 + 40 + 6
    assert sum(stats.routes.values()) == stats.docs
    assert stats.quarantined_by_reason == {
        "invalid_json": 1, "not_object": 1, "missing_text": 1, "text_not_string": 1, "empty_text": 1, "invalid_utf8": 1,
    }
    assert stats.shards_completed == 4 and stats.shards_total == 4

    got = outputs(out)
    # Per shard: in = keep + drop + revise + tag + quarantine, from the files and the manifest.
    records = {Path(r["shard"]).name: r for r in map(json.loads, (p.read_text() for p in (out / "manifest").glob("*.json")))}
    assert set(records) == {"a.jsonl.zst", "b.jsonl.gz", "c.jsonl", "empty.jsonl"}
    for name, rec in records.items():
        assert sum(rec["counts"].values()) == non_blank_lines(_plain(corpus / name)), name
    assert sum(len(v) for k, v in got.items()) == lines

    originals = {json.loads(line)["id"]: json.loads(line) for p in corpus.iterdir() for line in _plain(p).splitlines()
                 if line.strip() and _is_doc(line)}
    model = curafilter.load_model(bundle, device="cpu")
    for route in ["keep", "drop", "revise", "tag"]:
        for rec in got.get(route, []):
            ann = rec.pop("curafilter")
            assert rec == originals[rec["id"]], "original fields intact"
            assert ann["route"] == route and ann["model"] == model.id
            assert list(ann["scores"]) == list(TINY_PRINCIPLES)
            s = ann["scores"]
            expected = ("drop" if s["toxicity"] >= 0.8 else "revise" if s["deception"] >= 0.5 and s["cruelty"] >= 0.5
                        else "tag" if max(s.values()) >= 0.6 else "keep")
            # Scores are rounded to 5 places in the record; allow for a threshold at the edge.
            assert route == expected or min(abs(v - t) for v in s.values() for t in (0.5, 0.6, 0.8)) < 1e-4
    assert {r["reason"] for r in got["quarantine"]} == set(stats.quarantined_by_reason)
    assert all({"shard", "line", "offset", "reason", "detail"} <= set(r) for r in got["quarantine"])
    stats_file = json.loads((out / "stats.json").read_text())
    assert stats_file["routes"] == stats.routes


def _plain(p: Path) -> bytes:
    data = p.read_bytes()
    if data[:4] == b"\x28\xb5\x2f\xfd":
        return zstandard.ZstdDecompressor().stream_reader(data).read()
    if data[:2] == b"\x1f\x8b":
        import gzip

        return gzip.decompress(data)
    return data


def _is_doc(line: bytes) -> bool:
    try:
        obj = json.loads(line)
    except ValueError:
        return False
    return isinstance(obj, dict) and isinstance(obj.get("text"), str) and obj["text"].strip() != ""


def test_rerun_skips_and_a_changed_model_or_rules_is_refused(tmp_path: Path, corpus: Path) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    out = tmp_path / "out"
    first = curafilter.run([corpus], out, model=bundle, device="cpu", progress=False)
    again = curafilter.run([corpus], out, model=bundle, device="cpu", progress=False)
    assert (again.shards_skipped, again.docs) == (4, 0)
    assert first.docs > 0
    other = make_tiny_bundle(tmp_path / "other", seed=5)
    card = json.loads((other / "curafilter.json").read_text())
    card["version"] = "9.9"
    (other / "curafilter.json").write_text(json.dumps(card))
    with pytest.raises(ConfigError, match="different settings.*model.*new -o"):
        curafilter.run([corpus], out, model=other, device="cpu", progress=False)
    rules = tmp_path / "r.toml"
    rules.write_text(RULES)
    with pytest.raises(ConfigError, match="rules"):
        curafilter.run([corpus], out, model=bundle, rules=rules, device="cpu", progress=False)


RESUME_SCRIPT = """
import sys, curafilter
curafilter.run([sys.argv[1]], sys.argv[2], model=sys.argv[3], device="cpu", progress=False, batch_tokens=256)
"""


def _shards(folder: Path, n: int) -> Path:
    """`n` zstd shards of 1,500 documents: a run over them lasts long enough to stop mid-way."""
    folder.mkdir()
    for i in range(n):
        write_shard(folder / f"s{i:02d}.jsonl.zst", doc_lines(1500, seed=i, prefix=f"s{i}-"), fmt="zst")
    return folder


def _records_once_done(out: Path, proc: subprocess.Popen, n: int) -> None:
    """Wait (up to 2 minutes) until `out` holds `n` manifest records or `proc` has ended."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if (out / "manifest").is_dir() and len(list((out / "manifest").glob("*.json"))) >= n:
            return
        time.sleep(0.005)


def test_killed_run_resumes_to_the_same_outputs(tmp_path: Path) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    corpus = _shards(tmp_path / "in", 24)
    reference = tmp_path / "reference"
    curafilter.run([corpus], reference, model=bundle, device="cpu", progress=False, batch_tokens=256)

    out = tmp_path / "out"
    args = [sys.executable, "-c", RESUME_SCRIPT, str(corpus), str(out), str(bundle)]
    proc = subprocess.Popen(args)
    _records_once_done(out, proc, 2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = len(list((out / "manifest").glob("*.json")))
    assert 0 < killed_at < 24, f"the kill should land mid-run (completed shards: {killed_at})"

    stats = curafilter.run([corpus], out, model=bundle, device="cpu", progress=False, batch_tokens=256)
    assert stats.shards_skipped == killed_at
    assert outputs(out) == outputs(reference)
    leftovers = [p for p in out.rglob(".*.tmp")]
    assert leftovers == []


def test_a_resume_redoes_shards_whose_output_files_were_deleted_or_cut(tmp_path: Path, corpus: Path) -> None:
    """Records used to be trusted: a route file deleted or cut by hand after the run stayed lost
    on every resume, and stats.json still counted its documents."""
    bundle = make_tiny_bundle(tmp_path / "bundle")
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES)
    out = tmp_path / "out"
    curafilter.run([corpus], out, model=bundle, rules=rules, device="cpu", progress=False, batch_tokens=512)
    reference = outputs(out)
    a_file, b_file = (next(out.glob(f"*/{p}.*.jsonl.zst")) for p in ("a", "b"))
    a_file.unlink()
    b_file.write_bytes(b_file.read_bytes()[:-20])
    stats = curafilter.run([corpus], out, model=bundle, rules=rules, device="cpu", progress=False, batch_tokens=512)
    assert stats.shards_skipped == 2 and stats.shards_completed == 2  # c and empty kept; a and b redone
    assert outputs(out) == reference
    again = curafilter.run([corpus], out, model=bundle, rules=rules, device="cpu", progress=False, batch_tokens=512)
    assert again.shards_skipped == 4


def test_an_interrupted_run_brings_stats_json_up_to_its_finished_shards(tmp_path: Path) -> None:
    """Ctrl-C used to leave no stats.json (or the previous run's), though shards had finished."""
    bundle = make_tiny_bundle(tmp_path / "bundle")
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(4):
        write_shard(corpus / f"s{i}.jsonl", doc_lines(30, seed=i, prefix=f"s{i}-"))
    model = curafilter.load_model(bundle, device="cpu")
    calls = 0
    real = model.score_batch

    def score_then_stop(batch):
        nonlocal calls
        calls += 1
        if calls > 2:
            raise KeyboardInterrupt
        return real(batch)

    model.score_batch = score_then_stop  # one shard a batch: the third batch is the stop
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        curafilter.run([corpus], out, model=model, progress=False, batch_tokens=1 << 16, threads=1)
    done = len(list((out / "manifest").glob("*.json")))
    assert 0 < done < 4
    totals = json.loads((out / "stats.json").read_text())
    assert (totals["shards_completed"], totals["docs"]) == (done, 30 * done)


def test_sigterm_stops_a_run_cleanly_and_it_resumes(tmp_path: Path) -> None:
    """A scheduler's SIGTERM used to end the process where it stood: stats.json stale, temporary
    files left for the next run to sweep. It now unwinds as Ctrl-C does, exit 143."""
    bundle = make_tiny_bundle(tmp_path / "bundle")
    corpus = _shards(tmp_path / "in", 16)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "curafilter", "run", str(corpus), "-o", str(out), "--model", str(bundle),
                             "--device", "cpu", "-q", "--batch-tokens", "256"])
    _records_once_done(out, proc, 2)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 143
    done = len(list((out / "manifest").glob("*.json")))
    assert 0 < done < 16, f"the signal should land mid-run (completed shards: {done})"
    assert json.loads((out / "stats.json").read_text())["shards_completed"] == done
    assert not [p for p in out.rglob(".*.tmp")]
    stats = curafilter.run([corpus], out, model=bundle, device="cpu", progress=False, batch_tokens=256)
    assert stats.shards_skipped == done and json.loads((out / "stats.json").read_text())["docs"] == 16 * 1500


def test_scores_only_and_limit(tmp_path: Path, corpus: Path) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    out = tmp_path / "scores"
    stats = curafilter.run([corpus], out, model=bundle, device="cpu", progress=False, scores_only=True, id_key="id")
    rows = outputs(out)["scores"]
    assert len(rows) == stats.docs == 280
    assert {"shard", "line", "id", "scores", "model"} <= set(rows[0])
    assert list(rows[0]["scores"]) == list(TINY_PRINCIPLES)
    assert not (out / "keep").exists()

    for limit, batch_tokens in [(10, 128), (37, 16384)]:
        lim = tmp_path / f"lim{limit}"
        limited = curafilter.run([corpus], lim, model=bundle, device="cpu", progress=False,
                                 limit=limit, batch_tokens=batch_tokens)
        assert limited.limited and limited.docs == limit, "--limit is exact, not a batch boundary"
        assert limited.shards_completed < 4
        routed = [f for route in ("keep", "drop", "revise", "tag") for f in (lim / route).glob("*")]
        whole = [f for f in routed if f.name.endswith(".jsonl.zst")]
        partial = [f for f in routed if f.name.endswith(".jsonl.zst.partial")]
        assert partial and len(whole) + len(partial) == len(routed), "cut-short shards are marked .partial"
        assert sum(len(read_jsonl_zst(f)) for f in routed) == limit
        full = curafilter.run([corpus], lim, model=bundle, device="cpu", progress=False)
        assert full.docs + sum(len(read_jsonl_zst(f)) for f in whole) == 280, "completed shards are not redone"
        assert not [f for route in ("keep", "drop", "revise", "tag") for f in (lim / route).glob("*.partial")]


def test_limit_counts_documents_not_rows_quarantined_while_routing(tmp_path: Path) -> None:
    # Rows that routing quarantines (a field collision) are not documents: --limit 4 stopped after
    # 2 documents when half the first rows already had the output field.
    bundle = make_tiny_bundle(tmp_path / "bundle")
    lines = [json.dumps({"id": i, "text": f"note {i} about birds", **({"curafilter": 1} if i % 2 == 0 else {})}).encode()
             for i in range(10)]
    shard = write_shard(tmp_path / "x.jsonl", lines)
    for limit in (1, 4, 5):
        stats = curafilter.run([shard], tmp_path / f"o{limit}", model=bundle, device="cpu", progress=False, limit=limit)
        assert (stats.docs, stats.limited) == (limit, True)
        assert stats.quarantined == limit  # the collisions before the limit-th document
    whole = curafilter.run([shard], tmp_path / "o4", model=bundle, device="cpu", progress=False)
    assert (whole.docs, whole.quarantined) == (5, 5)


def test_tag_prefix_is_added_to_the_text(tmp_path: Path, corpus: Path) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    rules = tmp_path / "tag-all.toml"
    rules.write_text('default = "tag"\ndefault_reason = "all"\n')
    out = tmp_path / "out"
    curafilter.run([corpus / "c.jsonl"], out, model=bundle, rules=rules, device="cpu", progress=False,
                   tag_prefix="<|flagged|> ")
    tagged = outputs(out)["tag"]
    assert len(tagged) == 40
    assert all(r["text"].startswith("<|flagged|> ") for r in tagged)


def test_rules_errors_name_key_and_line() -> None:
    p = list(TINY_PRINCIPLES)
    cases = {
        'default = "keep"\n[[rule]]\nroute = "drop"\nreason = "x"\nwhen.any = { toxicty = 0.5 }\n': r"rules\.toml:5: rule\[0\].*unknown principle 'toxicty'",
        '[[rule]]\nroute = "drop"\nreason = "x"\n\nwhen.any = { toxicity = 1.5 }\n': r"rules\.toml:5:.*within \[0, 1\]",
        '[[rule]]\nroute = "explode"\nreason = "x"\nwhen.max = { threshold = 0.5 }\n': r"rules\.toml:2: rule\[0\]\.route",
        '[[rule]]\nroute = "drop"\nreason = "  "\nwhen.max = { threshold = 0.5 }\n': r"rules\.toml:3: rule\[0\]\.reason: must not be empty",
        '[[rule]]\nroute = "drop"\nreason = "x"\nwhen.weighted_mean = { weights = { toxicity = nan, cruelty = 1 }, threshold = 0.5 }\n': r"rules\.toml:4: .*finite number",
        '[[rule]]\nroute = "drop"\nreason = "x"\n\nwhen.max = { threshold = 0.5 }\nextra = 3\n': r"rules\.toml:6: rule\[0\]: .*unknown field `extra`",
        '[[rule]]\nroute = "drop"\nreason = "x"\nwhen.any = { toxicity = "high" }\n': r"rules\.toml:4: rule\[0\]\.when\.any: Expected `float`",
        '[[rule]]\nroute = "drop"\nreason = "x"\nwhen = {}\n': r"rule\[0\]\.when: exactly one of any, all, max, weighted_mean",
        # An empty `over` used to mean every principle.
        '[[rule]]\nroute = "drop"\nreason = "x"\nwhen.max = { threshold = 0.5, over = [] }\n': r"rule\[0\]\.when\.max: over lists no principle",
        '[[rule]]\nroute = "drop"\nreason = "x"\nwhen.any = { toxicity = 0.5 }\nwhen.max = { threshold = 0.5 }\n': r"exactly one",
        'default = "keep"\n[[rule]\nroute = "drop"\n': r"invalid TOML.*line 2",
        '[[rule]]\nroute = "drop"\nreason = "x"\nwhen.weighted_mean = { weights = { toxicity = 0 }, threshold = 0.5 }\n': r"sum to more than 0",
    }
    for text, pattern in cases.items():
        with pytest.raises(ConfigError, match=pattern):
            parse_rules(text, p, source="rules.toml")
    with pytest.raises(ConfigError, match=r"rules\.toml:2: Object contains unknown field `bogus`"):
        parse_rules('default = "keep"\nbogus = 1\n', p, source="rules.toml")


def test_principles_file_errors_name_the_line(tmp_path: Path) -> None:
    # They named no line, where rules and goals files do.
    from curafilter.principles import load_principles

    f = tmp_path / "p.toml"
    for text, pattern in [('[[principle]]\nname = "a"\ndescription = "d"\nexamples = 3\n', r"p\.toml:4: principle\[0\]: .*`examples`"),
                          ('[[principle]]\nname = "a"\ndescription = "d"\n\n[[principle]]\nname = "b"\ndescription = 7\n',
                           r"p\.toml:7: principle\[1\]\.description: Expected `str`"),
                          ('x = 1\n[[principle]]\nname = "a"\ndescription = "d"\n', r"p\.toml:1: Object contains unknown field `x`")]:
        f.write_text(text)
        with pytest.raises(ConfigError, match=pattern):
            load_principles(f)


def test_rules_semantics_first_match_wins() -> None:
    rules = parse_rules(
        RULES + '\n[[rule]]\nroute = "tag"\nreason = "wm"\nwhen.weighted_mean = { weights = { toxicity = 3, deception = 1 }, threshold = 0.4 }\n',
        list(TINY_PRINCIPLES),
    )
    scores = np.array([
        [0.0, 0.0, 0.0, 0.9],  # drop (any toxicity >= 0.8)
        [0.6, 0.0, 0.7, 0.0],  # revise (all) — also max >= 0.6, but first match wins
        [0.0, 0.65, 0.0, 0.0],  # tag by max
        [0.4, 0.0, 0.0, 0.45],  # weighted mean (0.4 + 1.35) / 4 = 0.4375 >= 0.4
        [0.1, 0.1, 0.1, 0.1],  # default
        [np.nan, 0.0, 0.0, 0.0],  # unscorable: never a route
    ], dtype=np.float32)
    got = [rules.routes[i] if i >= 0 else None for i in rules.apply(scores)]
    assert got == ["drop", "revise", "tag", "tag", "keep", None]
    assert rules.reasons[rules.apply(scores)[3]] == "wm"


def test_cli_run_and_inspect(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    out = tmp_path / "out"
    assert main(["run", str(corpus), "-o", str(out), "--model", str(bundle), "--device", "cpu", "-q"]) == 0
    shown = capsys.readouterr().out
    assert "routes" in shown and "quarantine" in shown and "conflicts" in shown
    assert main(["inspect", str(out), "-n", "2"]) == 0
    shown = capsys.readouterr().out
    assert "quarantine" in shown and "toxicity=" in shown
    assert main(["run", str(tmp_path / "missing"), "-o", str(out), "--model", str(bundle), "-q"]) == 1
    assert main(["run", str(corpus), "-o", str(out), "--model", str(bundle), "--rules", str(tmp_path / "nope.toml"), "-q"]) == 1


def test_route_from_scores_equals_a_full_run(tmp_path: Path, corpus: Path) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES)
    scores = tmp_path / "scores"
    curafilter.run([corpus], scores, model=bundle, device="cpu", progress=False, scores_only=True)
    direct = tmp_path / "direct"
    curafilter.run([corpus], direct, model=bundle, rules=rules, device="cpu", progress=False)
    routed = tmp_path / "routed"
    assert main(["route", str(scores), "-o", str(routed), "--rules", str(rules), "-q"]) == 0
    a, b = outputs(direct), outputs(routed)
    assert {k: len(v) for k, v in a.items()} == {k: len(v) for k, v in b.items()}
    # Same routes and reasons per document (scores were rounded when saved, so compare those).
    key = lambda r: (r["id"], r["curafilter"]["route"], r["curafilter"]["reason"])  # noqa: E731
    for route in ["keep", "drop", "revise", "tag"]:
        assert sorted(map(key, a.get(route, []))) == sorted(map(key, b.get(route, [])))
    from curafilter.run import reroute

    with pytest.raises(ConfigError, match="scores-only"):
        reroute(direct, tmp_path / "x", rules=rules, progress=False)


def test_route_keeps_every_shard_refuses_edited_ones_and_carries_the_windowing(tmp_path: Path) -> None:
    """A shard whose every line was quarantined used to vanish from the routed folder (no score
    row named it); an edited shard got the old scores of other lines; run.json said windows 1."""
    import time

    from curafilter.errors import InputError
    from curafilter.run import reroute

    bundle = make_tiny_bundle(tmp_path / "bundle")
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES)
    data = tmp_path / "in"
    data.mkdir()
    write_shard(data / "a.jsonl", doc_lines(10))
    write_shard(data / "b.jsonl", [b"{bad", b"[1, 2]", b'{"no": "text"}'])
    scores = tmp_path / "scores"
    model = curafilter.load_model(bundle, device="cpu", windows=3, overlap=4)
    first = curafilter.run([data], scores, model=model, progress=False, scores_only=True)
    routed = reroute(scores, tmp_path / "routed", rules=rules, progress=False)
    assert (routed.shards_total, routed.docs, routed.quarantined) == (2, first.docs, first.quarantined) == (2, 10, 3)
    # route runs no model: it scores no window (its summary said one per document).
    assert (routed.windows_scored, routed.windows_total, routed.cascade) == (0, 0, False)
    assert first.windows_scored > 0
    # Where each score's window starts goes with the scores, as in a direct windowed run's records
    # (inspect and report show the passage from it).
    curafilter.run([data], tmp_path / "direct", model=model, rules=rules, progress=False)
    at = lambda folder: sorted((r["id"], r["curafilter"].get("at")) for rs in outputs(folder).values() for r in rs if "id" in r)  # noqa: E731
    assert at(tmp_path / "routed") == at(tmp_path / "direct") and all(a for _, a in at(tmp_path / "direct"))
    ident = json.loads((tmp_path / "routed" / "run.json").read_text())
    assert (ident["windows"], ident["overlap"]) == (3, 4)
    # A folder an earlier `route` wrote (windowing left at the defaults) still resumes.
    (tmp_path / "routed" / "run.json").write_text(json.dumps({**ident, "windows": 1, "overlap": 0, "cascade": False}))
    again = reroute(scores, tmp_path / "routed", rules=rules, progress=False)
    assert (again.shards_skipped, again.cascade) == (2, False)
    time.sleep(0.01)
    write_shard(data / "a.jsonl", list(reversed(doc_lines(10))))  # same lines, other order
    with pytest.raises(InputError, match=r"a\.jsonl: changed since its scores were written"):
        reroute(scores, tmp_path / "routed2", rules=rules, progress=False)
    # A shard the scores folder never completed (no record: a stop between its score file and its
    # record) is not routed on score rows that no edit check covers.
    for rec in (scores / "manifest").glob("a.*.json"):
        rec.unlink()
    partial = reroute(scores, tmp_path / "routed3", rules=rules, progress=False)
    assert (partial.shards_total, partial.docs) == (1, 0)


def test_noop_rerun_keeps_the_folder_totals_in_stats_json(tmp_path: Path, corpus: Path) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    out = tmp_path / "out"
    first = curafilter.run([corpus], out, model=bundle, device="cpu", progress=False)
    totals = json.loads((out / "stats.json").read_text())
    assert totals["routes"] == first.routes and totals["docs"] == first.docs
    assert totals["quarantined"] == first.quarantined and totals["shards_completed"] == 4
    again = curafilter.run([corpus], out, model=bundle, device="cpu", progress=False)
    assert again.docs == 0 and again.shards_skipped == 4
    assert json.loads((out / "stats.json").read_text())["routes"] == first.routes
    runs = sorted((out / "runs").glob("*.json"))
    assert len(runs) == 2
    assert [json.loads(p.read_text())["docs"] for p in runs] == [first.docs, 0]
    assert json.loads((out / "stats.json").read_text())["last_run"] == f"runs/{runs[-1].name}"


def test_route_works_from_another_directory(tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES)
    monkeypatch.chdir(tmp_path)
    curafilter.run(["in"], "scores", model=bundle, device="cpu", progress=False, scores_only=True)
    assert all(Path(r["shard"]).is_absolute() for r in outputs(tmp_path / "scores")["scores"])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["route", str(tmp_path / "scores"), "-o", str(tmp_path / "routed"), "--rules", str(rules), "-q"]) == 0
    got = outputs(tmp_path / "routed")
    assert sum(len(got.get(r, [])) for r in ["keep", "drop", "revise", "tag"]) == 280


def test_inspect_scores_only_quarantine_table_and_seeded_sample(tmp_path: Path, corpus: Path,
                                                                capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    bundle = make_tiny_bundle(tmp_path / "bundle")
    out = tmp_path / "scores"
    curafilter.run([corpus / "c.jsonl", corpus / "b.jsonl.gz"], out, model=bundle, device="cpu", progress=False,
                   scores_only=True, id_key="id")
    capsys.readouterr()
    assert main(["inspect", str(out), "-n", "3"]) == 0
    shown = capsys.readouterr().out
    assert "toxicity=" in shown and "scores: 3 of 130" in shown
    # Quarantine rows get their own columns, not the text / scores headers.
    quarantine = shown[shown.index("quarantine: "):]
    assert "reason" in quarantine and "detail" in quarantine and "text_not_string" in quarantine
    assert "scores / reason" not in shown
    # A reproducible sample over every file, not the first records; ids shown.
    def ids(seed: int) -> list[str]:
        assert main(["inspect", str(out), "--route", "scores", "-n", "3", "--seed", str(seed)]) == 0
        return re.findall(r"\b([bc]\d+)\b", capsys.readouterr().out)
    assert ids(7) == ids(7) and len(ids(7)) == 3
    samples = {tuple(ids(s)) for s in range(5)}
    assert len(samples) > 1 and any(not all(i.startswith("c") for i in s) for s in samples)


def test_tables_go_to_stdout_with_short_titles_at_80_columns(tmp_path: Path, corpus: Path, tiny_tokenizer: Path,
                                                             capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    bundle = make_tiny_bundle(tmp_path / "bundle")
    rules = tmp_path / ("a-rather-long-folder-name-for-the-rules-file" * 2) / "rules.toml"
    rules.parent.mkdir()
    rules.write_text(RULES)
    assert main(["stream", str(corpus), "--tokenizer", str(tiny_tokenizer), "-q"]) == 0
    got = capsys.readouterr()
    assert "documents" in got.out and "documents" not in got.err
    for argv in (["run", str(corpus), "-o", str(tmp_path / "out"), "--model", str(bundle), "--rules", str(rules),
                  "--device", "cpu", "-q"],
                 ["inspect", str(tmp_path / "out"), "-n", "2"]):
        assert main(argv) == 0
        got = capsys.readouterr()
        assert got.out.strip() and "┃" not in got.err, argv
        assert max(len(line) for line in got.out.splitlines()) <= 80, argv
    assert main(["run", str(corpus), "-o", str(tmp_path / "out"), "--model", str(bundle), "--rules", str(rules),
                 "--device", "cpu", "-q"]) == 0
    shown = capsys.readouterr().out
    title = shown.splitlines()[0].strip()
    assert title == "routes"
    assert "rules" in shown and "tiny@" in shown  # model and rules are rows of the "run" table


def test_progress_counts_bytes_scored_not_bytes_read(tmp_path: Path) -> None:
    """The reader runs ahead of scoring: the bar must follow the documents scored."""
    from curafilter.run import _Consumed

    shard = write_shard(tmp_path / "a.jsonl.zst", doc_lines(400), fmt="zst")
    size = shard.stat().st_size
    seen = []
    with curafilter.stream(shard, tokenizer=None, batch_tokens=64, max_batch=20) as s:
        consumed = _Consumed(s.shards)
        batches = list(s)  # everything read before anything is "scored"
        assert s.counters["bytes_read"] == size
        for batch in batches:
            if len(batch):
                consumed.routed(batch)
            for done in batch.shards_done:
                consumed.finished(done)
            seen.append(consumed.bytes(s.counters))
    assert seen == sorted(seen) and seen[-1] == size
    assert seen[0] < size / 4 < seen[len(seen) // 2] < size, "proportional to what was scored"


def test_scoring_runs_ahead_on_its_own_thread_in_order() -> None:
    """The pipeline overlaps inference with routing: batches come back in order, scored on another
    thread while the caller still holds the previous one; errors surface; leaving early stops it."""
    import threading
    import time

    from curafilter.run import _scored_ahead

    main_thread = threading.get_ident()
    scored_at: dict[int, float] = {}

    def score(batch: list[int]) -> tuple[list[int], None]:
        assert threading.get_ident() != main_thread
        time.sleep(0.01)
        scored_at[batch[0]] = time.monotonic()
        return [x * 2 for x in batch], None

    batches = [[i] for i in range(8)] + [[]] + [[9]]
    got = []
    for batch, scores in _scored_ahead(iter(batches), score, depth=2):
        if batch == [3]:
            time.sleep(0.1)  # routing batch 3 slowly: batches 4 and 5 are scored meanwhile
            assert 4 in scored_at and 5 in scored_at
        got.append((batch, scores))
    assert got == [(b, ([x * 2 for x in b], None) if b else None) for b in batches]

    def fail(batch: list[int]) -> tuple[list[int], None]:
        raise RuntimeError(f"cannot score {batch}")

    with pytest.raises(RuntimeError, match=r"cannot score \[0\]"):
        list(_scored_ahead(iter(batches), fail))
    scored_at.clear()
    for batch, _ in _scored_ahead(iter(batches), score, depth=2):
        break  # a --limit reached in the first batch
    assert len(scored_at) <= 4, "leaving early must not score the rest"


def test_documents_carry_their_token_counts_through_run_and_route(tmp_path: Path, corpus: Path) -> None:
    from tokenizers import Tokenizer

    from conftest import TINY_TOKENIZER

    bundle = make_tiny_bundle(tmp_path / "bundle", max_length=64)
    tok = Tokenizer.from_file(str(TINY_TOKENIZER))
    tok.no_padding()
    tok.no_truncation()
    specials = len(tok.encode("a").ids) - len(tok.encode("a", add_special_tokens=False).ids)
    texts = {json.loads(line)["id"]: json.loads(line)["text"] for s, p in ((1, "a"), (2, "b"), (3, "c"))
             for line in doc_lines({"a": 150, "b": 90, "c": 40}[p], seed=s, prefix=p)}
    # The whole document's tokens without the special ones, also past the head the model reads.
    expected = {i: len(tok.encode(t, add_special_tokens=False).ids) for i, t in texts.items()}
    assert len(set(expected.values())) > 10 and max(expected.values()) > 64 - specials  # varied, some cut short

    scores = tmp_path / "scores"
    st = curafilter.run([corpus], scores, model=bundle, device="cpu", progress=False, scores_only=True, id_key="id")
    rows = outputs(scores)["scores"]
    got = {r["id"]: r["tokens"] for r in rows if r["id"] in expected}
    # Exact for a document the tokeniser read whole; past what the windows need, extrapolated by bytes.
    assert {i: n for i, n in got.items() if expected[i] <= 64 - specials} == {
        i: n for i, n in expected.items() if n <= 64 - specials}
    assert all(abs(got[i] - n) <= 0.05 * n for i, n in expected.items())
    assert sum(st.route_tokens.values()) == sum(r["tokens"] for r in rows)

    rules = tmp_path / "rules.toml"
    rules.write_text(RULES)
    direct = curafilter.run([corpus], tmp_path / "direct", model=bundle, rules=rules, device="cpu", progress=False,
                            id_key="id")
    routed = outputs(tmp_path / "direct")
    for route in ("keep", "drop", "revise", "tag"):
        records = routed.get(route, [])
        assert direct.route_tokens[route] == sum(r["curafilter"]["tokens"] for r in records)
        assert all(r["curafilter"]["tokens"] == got[r["id"]] for r in records if r["id"] in got)
    # `route` reads documents untokenised: the counts come from the score rows.
    from curafilter.run import reroute

    again = reroute(scores, tmp_path / "routed", rules=rules, progress=False)
    assert again.route_tokens == direct.route_tokens and again.routes == direct.routes
    for route, records in outputs(tmp_path / "routed").items():
        if route != "quarantine":
            assert all(r["curafilter"]["tokens"] == got[r["id"]] for r in records if r["id"] in got)


def test_a_folder_is_resumed_only_by_the_weights_that_began_it(tmp_path: Path) -> None:
    """Bundles with one name and version (every unnamed `distill` output) counted as one model:
    a folder could mix two classifiers' scores."""
    from curafilter.outputs import RunIdentity

    shard = write_shard(tmp_path / "a.jsonl", doc_lines(5))
    first, other = make_tiny_bundle(tmp_path / "b1", seed=0), make_tiny_bundle(tmp_path / "b2", seed=1)
    out = tmp_path / "out"
    curafilter.run([shard], out, model=first, device="cpu", progress=False)
    write_shard(tmp_path / "b.jsonl", doc_lines(5, seed=3))
    with pytest.raises(ConfigError, match="model_digest"):
        curafilter.run([tmp_path / "a.jsonl", tmp_path / "b.jsonl"], out, model=other, device="cpu", progress=False)
    # A folder written before digests were recorded resumes by name and version, as it did.
    ident = msgspec.json.decode((out / "run.json").read_bytes(), type=RunIdentity)
    (out / "run.json").write_bytes(msgspec.json.encode(msgspec.structs.replace(ident, model_digest="")))
    again = curafilter.run([tmp_path / "a.jsonl", tmp_path / "b.jsonl"], out, model=first, device="cpu", progress=False)
    assert (again.shards_skipped, again.docs) == (1, 5)


def test_a_shard_that_grows_during_a_run_is_redone_by_the_next(tmp_path: Path) -> None:
    """A shard's record took its size and mtime when it finished: lines appended while the run
    read other shards were recorded as read, and the resume skipped them forever."""
    import threading

    bundle = make_tiny_bundle(tmp_path / "bundle")
    data = tmp_path / "in"
    data.mkdir()
    write_shard(data / "a.jsonl", doc_lines(400, prefix="a"))
    late = write_shard(data / "b.jsonl", doc_lines(5, prefix="b"))
    out = tmp_path / "out"

    def watcher() -> None:
        import time

        for _ in range(20000):  # routing has begun once a route file is being written
            if any(out.glob("*/.*.tmp")) or any(out.glob("manifest/*.json")):
                break
            time.sleep(0.0005)
        with late.open("ab") as f:
            f.write(json.dumps({"id": "b-late", "text": "hello world late"}).encode() + b"\n")

    t = threading.Thread(target=watcher)
    t.start()
    first = curafilter.run([data], out, model=bundle, device="cpu", progress=False, id_key="id", batch_tokens=256, threads=1)
    t.join()
    again = curafilter.run([data], out, model=bundle, device="cpu", progress=False, id_key="id")
    ids = [r["id"] for rs in outputs(out).values() for r in rs if "id" in r]
    assert ids.count("b-late") == 1 and len(ids) == len(set(ids)) == 406, (first.docs, again.docs)
