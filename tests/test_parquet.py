"""Parquet shards: read in the Rust core row group by row group, routed like JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import curafilter
from curafilter.cli import main
from curafilter.errors import ConfigError

from conftest import doc_lines, make_tiny_bundle, write_shard
from test_run import outputs

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def parquet_shard(path: Path, n: int, *, group: int = 64, seed: int = 0) -> Path:
    """`n` rows: an int id, a text (every 9th null, every 13th a number in a string column's place
    is impossible in Arrow, so every 13th empty), a struct and a list column, `group` rows per row group."""
    texts = [json.loads(line)["text"] for line in doc_lines(n, seed=seed)]
    text = [None if i % 9 == 4 else ("   " if i % 13 == 6 else t) for i, t in enumerate(texts)]
    table = pa.table({
        "doc_id": pa.array(range(n), pa.int64()),
        "text": text,
        "meta": [{"url": f"https://example.org/{i}", "lang": "en", "body": texts[i]} for i in range(n)],
        "tags": [[f"t{i % 3}"] * (i % 4) for i in range(n)],
    })
    pq.write_table(table, path, row_group_size=group, compression="zstd")
    return path


def bad_rows(n: int) -> dict[int, str]:
    return {i: ("text_not_string" if i % 9 == 4 else "empty_text") for i in range(n) if i % 9 == 4 or i % 13 == 6}


def test_stream_reads_every_row_once_and_quarantines_bad_texts_by_row(tmp_path: Path) -> None:
    n = 1000
    p = parquet_shard(tmp_path / "a.parquet", n)
    seen, bad = [], []
    for b in curafilter.stream([str(p)], id_key="doc_id"):
        seen += list(zip(b.line.tolist(), b.offset.tolist(), b.ids))
        bad += b.quarantined
    want_bad = bad_rows(n)
    assert sorted((q.offset, q.reason) for q in bad) == sorted(want_bad.items())
    assert all(q.line == q.offset + 1 and f"row {q.offset}" in q.detail for q in bad)
    assert sorted(seen) == [(i + 1, i, str(i)) for i in range(n) if i not in want_bad]


def test_run_routes_parquet_with_jsonl_and_conserves_documents(tmp_path: Path) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    data = tmp_path / "data"
    data.mkdir()
    parquet_shard(data / "a.parquet", 300, group=50)
    # Detected by its magic bytes, whatever the name; found by a folder walk by its name.
    parquet_shard(data / "b.jsonl", 40, seed=3)
    write_shard(data / "c.jsonl", doc_lines(25, prefix="c"))
    out = tmp_path / "out"
    assert main(["run", str(data), "-o", str(out), "--model", str(bundle), "--device", "cpu", "-q",
                 "--output-format", "jsonl.zst"]) == 0
    got = outputs(out)
    routed = [r for route in ("keep", "drop", "revise", "tag") for r in got.get(route, [])]
    quarantined = got["quarantine"]
    assert len(routed) + len(quarantined) == 300 + 40 + 25
    assert len(quarantined) == len(bad_rows(300)) + len(bad_rows(40))
    # Every column of a Parquet row is kept, nested values included, plus the appended field.
    row = next(r for r in routed if "doc_id" in r and r["doc_id"] == 10)
    assert row["meta"] == {"url": "https://example.org/10", "lang": "en", "body": row["meta"]["body"]}
    assert row["tags"] == ["t1", "t1"] and set(row["curafilter"]["scores"]) and row["curafilter"]["route"]
    assert len(list((out / "manifest").iterdir())) == 3


def test_text_column_by_dotted_path_into_a_struct(tmp_path: Path) -> None:
    p = parquet_shard(tmp_path / "a.parquet", 50)
    docs = sum(len(b) for b in curafilter.stream([str(p)], text_key="meta.body"))
    assert docs == 50
    bad = [q for b in curafilter.stream([str(p)], text_key="meta.nope") for q in b.quarantined]
    assert len(bad) == 50 and {q.reason for q in bad} == {"missing_text"}


def test_a_damaged_parquet_file_is_named(tmp_path: Path) -> None:
    p = parquet_shard(tmp_path / "a.parquet", 200)
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])
    bad = [q for b in curafilter.stream([str(p)]) for q in b.quarantined]
    assert len(bad) == 1 and bad[0].reason == "unreadable_file" and "a.parquet" in bad[0].detail
    # run with Parquet output: the damaged file's record is written and a good file beside it
    # routed (opening its Parquet route files read the footer unguarded: a pyarrow traceback).
    for cut in (len(data) // 2, len(data) - 30):
        p.write_bytes(data[:cut])
        good = parquet_shard(tmp_path / "good.parquet", 20)
        out = tmp_path / f"out{cut}"
        stats = curafilter.run([str(p), str(good)], out, model=make_tiny_bundle(tmp_path / "b"), device="cpu", progress=False)
        assert stats.quarantined_by_reason["unreadable_file"] == 1 and list(stats.refused) == [str(p)]
        assert stats.docs + stats.quarantined == 20 + 1 and stats.docs > 0
        routed = [f for route in ("keep", "drop", "revise", "tag") for f in (out / route).glob("*.parquet")]
        assert sum(pq.read_table(f).num_rows for f in routed) == stats.docs
    # Damaged data pages, footer intact: re-reading the shard for its route files stopped the run
    # with an error naming no file, the good shard beside it unrouted.
    whole = parquet_shard(tmp_path / "mid.parquet", 200).read_bytes()
    p.write_bytes(whole[:60] + bytes(b ^ 0x5A for b in whole[60:400]) + whole[400:])
    out = tmp_path / "outmid"
    stats = curafilter.run([str(p), str(good)], out, model=make_tiny_bundle(tmp_path / "b"), device="cpu", progress=False)
    # As for a damaged zstd shard: done, with a record saying where the damage begins.
    assert stats.quarantined_by_reason.get("corrupt_compressed") == 1 and stats.shards_completed == 2
    routed = [f for route in ("keep", "drop", "revise", "tag") for f in (out / route).glob("*.parquet")]
    assert sum(pq.read_table(f).num_rows for f in routed) == stats.docs
    # A damaged route file: inspect names it (a pyarrow traceback before).
    victim = routed[0]
    victim.write_bytes(victim.read_bytes()[:8] + victim.read_bytes()[-8:])
    assert main(["inspect", str(out)]) == 1
    # Named .parquet but not Parquet: refused, not read as text.
    (tmp_path / "fake.parquet").write_text('{"text": "json in disguise"}\n')
    bad = [q for b in curafilter.stream([str(tmp_path / "fake.parquet")]) for q in b.quarantined]
    assert [(q.reason, q.line) for q in bad] == [("unsupported_format", 0)]


def drop_above(rules: Path, bundle: Path, cut: float) -> Path:
    """Rules: drop where the first principle scores at least `cut`, keep the rest."""
    first = curafilter.load_model(bundle, device="cpu").principles[0]
    rules.write_text(f'default = "keep"\n[[rule]]\nroute = "drop"\nreason = "high"\nwhen.any = {{ {first} = {cut} }}\n')
    return rules


def read_routes(out: Path) -> dict[str, "pa.Table"]:
    got = {}
    for route in ("keep", "drop", "revise", "tag"):
        files = sorted((out / route).glob("*.parquet")) if (out / route).is_dir() else []
        if files:
            got[route] = pa.concat_tables(pq.read_table(f) for f in files)
    return got


def test_parquet_in_parquet_out_keeps_every_column_and_value(tmp_path: Path) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    src = parquet_shard(tmp_path / "a.parquet", 700, group=100)
    out = tmp_path / "out"
    # A rule that flags about half the rows (tiny model scores spread around the middle) so that
    # more than one route file is written.
    scores = curafilter.load_model(bundle, device="cpu").score_texts(
        [t for t in pq.read_table(src).column("text").to_pylist() if t and t.strip()])
    cut = float(sorted(scores[:, 0])[len(scores) // 2])
    rules = tmp_path / "rules.toml"
    drop_above(rules, bundle, cut)
    stats = curafilter.run([str(src)], out, model=bundle, rules=rules, device="cpu", progress=False,
                           id_key="doc_id", tag_prefix=None)
    routed = read_routes(out)
    assert set(routed) >= {"keep", "drop"}
    source = pq.read_table(src)
    bad = bad_rows(700)
    assert sum(t.num_rows for t in routed.values()) + stats.quarantined == 700
    assert stats.quarantined == len(bad)
    for route, table in routed.items():
        # The input's schema, unchanged, then one struct column.
        assert table.schema.names == [*source.schema.names, "curafilter"]
        assert table.schema.field("tags").type == source.schema.field("tags").type
        ids = table.column("doc_id").to_pylist()
        assert not set(ids) & set(bad)
        want = source.take(pa.array(ids)).to_pylist()
        got = table.drop_columns(["curafilter"]).to_pylist()
        assert got == want, route
        field = table.column("curafilter").to_pylist()
        assert {f["route"] for f in field} == {route}
        assert all(set(f["scores"]) == set(curafilter.load_model(bundle, device="cpu").principles) for f in field)
    # Nothing is left behind: no temporary files, one manifest record.
    assert not list(out.rglob(".*.tmp"))
    assert len(list((out / "manifest").iterdir())) == 1
    # A re-run finds it done; --output-format parquet over JSON Lines is refused up front.
    assert curafilter.run([str(src)], out, model=bundle, rules=rules, device="cpu", progress=False,
                          id_key="doc_id").shards_skipped == 1
    write_shard(tmp_path / "j.jsonl", doc_lines(5))
    with pytest.raises(ConfigError, match="j.jsonl"):
        curafilter.run([str(tmp_path / "j.jsonl")], tmp_path / "o2", model=bundle, device="cpu", progress=False,
                       output_format="parquet")


@pytest.mark.parametrize("reader", ["pandas", "polars", "duckdb", "datasets"])
def test_route_files_load_in_common_tools_without_options(tmp_path: Path, reader: str) -> None:
    mod = pytest.importorskip(reader)
    bundle = make_tiny_bundle(tmp_path / "bundle")
    src = parquet_shard(tmp_path / "a.parquet", 120)
    out = tmp_path / "out"
    rules = drop_above(tmp_path / "rules.toml", bundle, 1.0)
    curafilter.run([str(src)], out, model=bundle, rules=rules, device="cpu", progress=False)
    (f,) = (out / "keep").glob("*.parquet")
    if reader == "pandas":
        df = mod.read_parquet(f)
        n, cols = len(df), list(df.columns)
    elif reader == "polars":
        df = mod.read_parquet(f)
        n, cols = df.height, df.columns
    elif reader == "duckdb":
        con = mod.connect()
        n = con.execute(f"select count(*) from read_parquet('{f}')").fetchone()[0]
        cols = [d[0] for d in con.execute(f"select * from read_parquet('{f}') limit 1").description]
        assert con.execute(f"select min(curafilter.scores.{curafilter.load_model(bundle).principles[0]}) "
                           f"from read_parquet('{f}')").fetchone()[0] is not None
    else:
        ds = mod.load_dataset("parquet", data_files=str(f), split="train")
        n, cols = ds.num_rows, ds.column_names
    assert n == 120 - len(bad_rows(120))
    assert cols == ["doc_id", "text", "meta", "tags", "curafilter"]


def test_tagged_rows_get_the_prefix_and_a_colliding_column_is_quarantined(tmp_path: Path) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    first = curafilter.load_model(bundle, device="cpu").principles[0]
    rules = tmp_path / "rules.toml"
    rules.write_text(f'default = "keep"\n[[rule]]\nroute = "tag"\nreason = "all"\nwhen.any = {{ {first} = 0.0 }}\n')
    table = pa.table({"text": ["one text", "two texts"], "curafilter": [None, {"x": 1}], "n": [1, 2]})
    src = tmp_path / "t.parquet"
    pq.write_table(pa.table({"text": ["one text", "two texts"], "n": [1, 2]}), src)
    out = tmp_path / "out"
    curafilter.run([str(src)], out, model=bundle, rules=rules, device="cpu", progress=False, tag_prefix="<flag> ")
    (f,) = (out / "tag").glob("*.parquet")
    assert sorted(pq.read_table(f).column("text").to_pylist()) == ["<flag> one text", "<flag> two texts"]
    # A column with the output field's name would be overwritten: those rows are quarantined.
    clash = tmp_path / "clash.parquet"
    pq.write_table(table, clash)
    stats = curafilter.run([str(clash)], tmp_path / "out2", model=bundle, rules=rules, device="cpu", progress=False)
    assert stats.docs == 0 and stats.quarantined_by_reason == {"field_collision": 2}


def test_inspect_and_the_revise_queue_read_parquet_route_files(tmp_path: Path, capsys) -> None:
    from curafilter.revise import _read_lines

    bundle = make_tiny_bundle(tmp_path / "bundle")
    src = parquet_shard(tmp_path / "a.parquet", 60)
    out = tmp_path / "out"
    curafilter.run([str(src)], out, model=bundle, rules=drop_above(tmp_path / "r.toml", bundle, 0.0),
                   device="cpu", progress=False)
    capsys.readouterr()
    assert main(["inspect", str(out), "--route", "drop", "-n", "5", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)["routes"][0]
    assert shown["total"] == 60 - len(bad_rows(60)) and len(shown["sample"]) == 5
    assert all(s["record"]["curafilter"]["route"] == "drop" and s["record"]["text"] for s in shown["sample"])
    (f,) = (out / "drop").glob("*.parquet")
    rows = [json.loads(line) for line in _read_lines(f)]
    assert [r["doc_id"] for r in rows] == pq.read_table(f).column("doc_id").to_pylist()


def test_columns_pandas_and_polars_write_are_read_routed_and_shown(tmp_path: Path, capsys) -> None:
    """Nanosecond timestamps (pandas' default) broke inspect and revise on Parquet route files; a
    named time zone quarantined every row of the shard as unsupported; a string_view text column
    (polars) broke Parquet output."""
    import datetime

    bundle = make_tiny_bundle(tmp_path / "bundle")
    day = datetime.datetime(2020, 1, 1, 12, 30)
    table = pa.table({
        "text": pa.array(["hello world one", "the text two", "a number three"], pa.string_view()),
        "ns": pa.array([day, None, day], pa.timestamp("ns")),
        "zoned": pa.array([day, day, None], pa.timestamp("us", tz="Europe/Paris")),
        "took": pa.array([datetime.timedelta(seconds=3), None, None], pa.duration("ns")),
    })
    shard = tmp_path / "frame.parquet"
    pq.write_table(table, shard)
    for fmt in ("parquet", "jsonl.zst"):
        out = tmp_path / fmt
        stats = curafilter.run([shard], out, model=bundle, device="cpu", progress=False, output_format=fmt)
        assert (stats.docs, stats.quarantined, stats.refused) == (3, 0, {})
        assert main(["inspect", str(out), "-n", "10"]) == 0
        shown = capsys.readouterr().out
        assert all(t in shown for t in ("hello world one", "the text two", "a number three")), shown
    back = pa.concat_tables([pq.read_table(f) for f in (tmp_path / "parquet").glob("*/*.parquet")])
    assert back.num_rows == 3 and back.column("ns").to_pylist().count(None) == 1
    rows = [r for route in outputs(tmp_path / "jsonl.zst").values() for r in route]
    assert len(rows) == 3 and sorted(r["zoned"] is None for r in rows) == [False, False, True]
