"""PrincipleFilter in a real datatrove pipeline (reader → filter → writer), with a real tiny ONNX bundle."""

from __future__ import annotations

import copy
import gzip
import json
import pickle
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("datatrove")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader, ParquetReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter, ParquetWriter  # noqa: E402

import curafilter  # noqa: E402
from curafilter.errors import ConfigError  # noqa: E402
from curafilter.integrations.datatrove import PrincipleFilter  # noqa: E402
from curafilter.rules import load_rules  # noqa: E402

from conftest import TINY_PRINCIPLES, doc_lines, make_tiny_bundle, median_rules, write_shard  # noqa: E402


def read_outputs(folder: Path, fmt: str) -> list[dict]:
    # datatrove's JsonlWriter writes gzip by default: <rank>.jsonl.gz
    files = sorted(folder.glob("*.jsonl.gz" if fmt == "jsonl" else "*.parquet"))
    assert files, f"no {fmt} output in {folder}: {sorted(p.name for p in folder.iterdir()) if folder.exists() else []}"
    if fmt == "jsonl":
        return [json.loads(line) for f in files for line in gzip.decompress(f.read_bytes()).splitlines()]
    import pyarrow.parquet as pq

    return [row for f in files for row in pq.read_table(f).to_pylist()]


def io_steps(fmt: str, src: Path, lines: list[bytes]) -> tuple[type, type]:
    """Input shards in `fmt` and datatrove's reader and writer for it. JsonlReader and JsonlWriter
    need orjson; the Parquet ones need pyarrow."""
    if fmt == "jsonl":
        pytest.importorskip("orjson")
        write_shard(src / "a.jsonl", lines[:35])
        write_shard(src / "b.jsonl", lines[35:])
        return JsonlReader, JsonlWriter
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist([json.loads(x) for x in lines[:35]]), src / "a.parquet")
    pq.write_table(pa.Table.from_pylist([json.loads(x) for x in lines[35:]]), src / "b.parquet")
    return ParquetReader, ParquetWriter


@pytest.mark.parametrize("pass_model", [False, True], ids=["bundle-path", "loaded-model"])
@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_pipeline_keeps_and_excludes_every_document_once(tmp_path: Path, fmt: str, pass_model: bool) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    lines = doc_lines(60, seed=7)
    src = tmp_path / "in"
    src.mkdir()
    reader, writer = io_steps(fmt, src, lines)
    docs = {d["id"]: d for d in map(json.loads, lines)}

    model = curafilter.load_model(bundle, device="cpu")
    texts = [d["text"] for d in docs.values()]
    scores = dict(zip(docs, model.score_texts(texts)))
    rules = median_rules(tmp_path / "rules.toml", np.stack(list(scores.values())))
    r = load_rules(rules, model.principles)
    expected = {i: r.routes[d] for i, d in zip(docs, r.apply(np.stack(list(scores.values()))))}
    assert {"keep", "drop", "revise", "tag"} <= set(expected.values())

    out, excluded = tmp_path / "out", tmp_path / "excluded"
    step = PrincipleFilter(model if pass_model else bundle, rules, device="cpu", batch_size=16,
                           exclusion_writer=writer(str(excluded)))
    LocalPipelineExecutor(pipeline=[reader(str(src)), step, writer(str(out))], tasks=1,
                          logging_dir=str(tmp_path / "logs")).run()

    kept, dropped = read_outputs(out, fmt), read_outputs(excluded, fmt)
    assert len(kept) + len(dropped) == len(docs)
    assert sorted(d["id"] for d in kept + dropped) == sorted(docs)
    assert {d["id"] for d in dropped} == {i for i, route in expected.items() if route == "drop"}
    for d in kept + dropped:
        meta = d["metadata"]["curafilter"]
        assert list(meta["scores"]) == list(TINY_PRINCIPLES)
        np.testing.assert_allclose([meta["scores"][p] for p in TINY_PRINCIPLES], scores[d["id"]], rtol=1e-6)
        assert meta["route"] == expected[d["id"]] and meta["model"] == model.id
        assert d["text"] == docs[d["id"]]["text"]
    for d in kept:
        assert d["metadata"]["curafilter"]["route"] in ("keep", "tag", "revise")
        assert d["metadata"].get("filter_reason") is None  # parquet gives every row the column
    for d in dropped:
        assert d["metadata"]["filter_reason"] == d["metadata"]["curafilter"]["reason"] == "toxic"


def test_default_rules_and_single_document_filter(tmp_path: Path) -> None:
    # Thresholds of 0: the rules derived from them send every document to revise (past a threshold,
    # not far past it: that is 0.75), and revise is kept, marked.
    bundle = make_tiny_bundle(tmp_path / "bundle", thresholds={p: 0.0 for p in TINY_PRINCIPLES})
    doc = Document(text="hello world the text", id="x")
    assert PrincipleFilter(bundle, device="cpu", metadata_key="cf").filter(doc) is True
    assert doc.metadata["cf"]["route"] == "revise" and doc.metadata["cf"]["reason"] == "past-threshold"
    # A bundle's own rules.toml comes before derived rules.
    (bundle / "rules.toml").write_text('default = "drop"\ndefault_reason = "everything"\n')
    step = PrincipleFilter(bundle, device="cpu", metadata_key="cf")
    assert step.filter(doc) == (False, "everything")
    assert doc.metadata["cf"]["route"] == "drop"
    with pytest.raises(ConfigError, match="no text"):
        step.filter_batch([Document(text=None, id="y")])  # type: ignore[arg-type]


def test_the_step_copies_without_its_session(tmp_path: Path) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    model = curafilter.load_model(bundle, device="cpu", windows=2)
    step = PrincipleFilter(model, device="cpu")
    first = step.filter_batch([Document(text="hello world", id="a")])
    # datatrove deep-copies or pickles each step to its tasks; the copy loads the model again.
    for clone in (copy.deepcopy(step), pickle.loads(pickle.dumps(step))):
        assert clone._model is None
        assert clone.filter_batch([Document(text="hello world", id="a")]) == first
        assert clone._model is not None and clone._model.windows == 2 and clone._model.id == model.id


def test_bad_arguments_fail_at_construction(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="device"):
        PrincipleFilter(tmp_path, device="tpu")
    with pytest.raises(ConfigError, match="batch_size"):
        PrincipleFilter(tmp_path, batch_size=0)
    # These were AttributeError, datatrove's TypeError, or accepted and failing in every task.
    for kw, says in [(dict(device=None), "device"), (dict(device=0), "device"), (dict(batch_size="2"), "batch_size"),
                     (dict(batch_size=2.5), "batch_size")]:
        with pytest.raises(ConfigError, match=says):
            PrincipleFilter(tmp_path, **kw)
