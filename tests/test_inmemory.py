"""Scoring data already in memory: score_texts on Arrow/pandas/polars columns, score_table on
tables, and the Hugging Face `datasets` one-liner of the README. A real tiny ONNX bundle throughout."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import curafilter
from curafilter.errors import ConfigError
from curafilter.rules import load_rules

from conftest import TINY_PRINCIPLES, doc_lines, make_tiny_bundle, median_rules

TEXTS = [json.loads(line)["text"] for line in doc_lines(40, seed=4)] + ["", "hello"]


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> curafilter.Model:
    return curafilter.load_model(make_tiny_bundle(tmp_path_factory.mktemp("inmemory") / "bundle"), device="cpu")


@pytest.fixture(scope="module")
def reference(model: curafilter.Model) -> np.ndarray:
    scores = model.score_texts(TEXTS)
    assert scores.shape == (len(TEXTS), len(TINY_PRINCIPLES)) and scores.dtype == np.float32
    return scores


# score_texts: what it accepts


def test_score_texts_takes_any_iterable(model: curafilter.Model, reference: np.ndarray) -> None:
    assert np.array_equal(model.score_texts(tuple(TEXTS)), reference)
    assert np.array_equal(model.score_texts(t for t in TEXTS), reference)  # a generator has no len()
    assert np.array_equal(model.score_texts(np.array(TEXTS)), reference)
    assert model.score_texts(iter([])).shape == (0, len(TINY_PRINCIPLES))


def test_score_texts_takes_arrow_arrays(model: curafilter.Model, reference: np.ndarray) -> None:
    pa = pytest.importorskip("pyarrow")
    for t in (pa.string(), pa.large_string(), pa.string_view()):
        assert np.array_equal(model.score_texts(pa.array(TEXTS, type=t)), reference), t
    chunked = pa.chunked_array([TEXTS[:5], TEXTS[5:6], [], TEXTS[6:]], type=pa.large_string())
    assert np.array_equal(model.score_texts(chunked), reference)
    assert np.array_equal(model.score_texts(pa.array(TEXTS).dictionary_encode()), reference)
    # A string_view dictionary (what a polars Categorical exports): pyarrow cannot decode it itself.
    assert np.array_equal(model.score_texts(pa.array(TEXTS, pa.string_view()).dictionary_encode()), reference)
    with pytest.raises(ConfigError, match="int64"):
        model.score_texts(pa.array([1, 2]))
    # Bytes that are not UTF-8 in a string array: the row, not pyarrow's error.
    bad = pa.chunked_array([pa.array([b"ok"], pa.binary()).view(pa.string()),
                            pa.array([b"a", b"\xff b"], pa.binary()).view(pa.string())])
    with pytest.raises(curafilter.errors.InputError, match=r"texts\[2\] is not valid UTF-8"):
        model.score_texts(bad)


def test_score_texts_takes_pandas_and_polars_series(model: curafilter.Model, reference: np.ndarray) -> None:
    pd = pytest.importorskip("pandas")
    for dtype in (object, "string"):
        assert np.array_equal(model.score_texts(pd.Series(TEXTS, dtype=dtype)), reference), dtype
    # A label index (reversed) does not change the order: rows come back in the Series' order.
    assert np.array_equal(model.score_texts(pd.Series(TEXTS, index=range(len(TEXTS))[::-1])), reference)
    pl = pytest.importorskip("polars")
    assert np.array_equal(model.score_texts(pl.Series("text", TEXTS)), reference)


def test_a_bare_string_or_a_whole_table_is_refused(model: curafilter.Model, capfd: pytest.CaptureFixture[str]) -> None:
    for single in ("I will hide this from my users.", b"bytes too"):
        with pytest.raises(ConfigError, match="pass a list"):
            model.score_texts(single)  # type: ignore[arg-type]
    assert issubclass(ConfigError, curafilter.errors.CurafilterError)
    # A dict (a datasets batch) scored its keys; the others were silent or Python errors.
    with pytest.raises(ConfigError, match="mapping"):
        model.score_texts({"text": TEXTS[:2], "id": [1, 2]})  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="no cascade stage"):
        model.score_texts(TEXTS[:2], cascade=True)
    with pytest.raises(ConfigError, match="one text"):
        model.window_scores(TEXTS[:2])  # type: ignore[arg-type]
    with pytest.raises(curafilter.errors.InputError, match="lone surrogate"):
        model.window_scores("a\ud800b")
    ids = np.array([[1, 5, 2, 0], [1, 5, 6, 2]])
    for mask in ((ids != 0)[:1], (ids != 0)[:, :3], list(ids != 0)):
        with pytest.raises(ConfigError, match="one shape"):
            model.score_arrays(ids, mask)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="attends to no token"):
        model.score_arrays(ids, np.zeros_like(ids))
    with pytest.raises(ConfigError, match="must hold integers"):
        model.score_arrays(ids.astype(np.float64), (ids != 0).astype(np.float64))
    with pytest.raises(ConfigError, match="negative token id"):
        model.score_arrays(-ids, (ids != 0).astype(np.int64))
    with pytest.raises(curafilter.errors.ModelError, match="could not score"):  # onnxruntime's error, named
        model.score_arrays(ids + 10**6, (ids != 0).astype(np.int64))
    assert capfd.readouterr().err == ""  # said once, in the error: onnxruntime's own log line is silenced
    pa = pytest.importorskip("pyarrow")
    with pytest.raises(ConfigError, match="score_table"):
        model.score_texts(pa.table({"text": TEXTS}))  # type: ignore[arg-type]
    pd = pytest.importorskip("pandas")
    with pytest.raises(ConfigError, match="score_table"):  # iterating it would score the column names
        model.score_texts(pd.DataFrame({"text": TEXTS}))  # type: ignore[arg-type]


def test_a_missing_text_is_refused_by_its_index(model: curafilter.Model) -> None:
    with pytest.raises(ConfigError, match=r"texts\[2\] is missing"):
        model.score_texts(["a", "b", None, None])  # type: ignore[list-item]
    with pytest.raises(ConfigError, match=r"texts\[1\] is int, not str"):
        model.score_texts(["a", 5])  # type: ignore[list-item]
    pa = pytest.importorskip("pyarrow")
    with pytest.raises(ConfigError, match=r"texts\[1\] is missing"):
        model.score_texts(pa.array(["a", None]))
    # In a ChunkedArray the index counts across chunks.
    with pytest.raises(ConfigError, match=r"texts\[4\] is missing"):
        model.score_texts(pa.chunked_array([["a", "b", "c"], ["d", None]]))
    pd = pytest.importorskip("pandas")
    for dtype in (object, "string"):  # None / NaN / pandas.NA
        with pytest.raises(ConfigError, match=r"texts\[1\] is missing"):
            model.score_texts(pd.Series(["a", None, "c"], dtype=dtype))
    pl = pytest.importorskip("polars")
    with pytest.raises(ConfigError, match=r"texts\[0\] is missing"):
        model.score_texts(pl.Series([None, "a"], dtype=pl.String))


def test_scoring_a_list_imports_no_dataframe_library(tmp_path: Path) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    code = (
        "import sys, curafilter\n"
        f"curafilter.load_model({str(bundle)!r}, device='cpu').score_texts(['hello', 'world'])\n"
        "print(sorted(m for m in ('pyarrow', 'pandas', 'polars', 'datatrove') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# score_table


def _check_scored(table, original: list[str], reference: np.ndarray, routes: list[str | None] | None) -> None:
    import pyarrow as pa

    names = [f"score_{p}" for p in TINY_PRINCIPLES]
    assert isinstance(table, pa.Table)
    assert table.column_names == original + names + (["route", "reason"] if routes is not None else [])
    for j, name in enumerate(names):
        assert table.schema.field(name).type == pa.float32()
        assert np.array_equal(table.column(name).to_numpy(), reference[:, j]), name
    if routes is not None:
        assert table.column("route").to_pylist() == routes


def test_score_table_on_arrow_polars_and_pandas(tmp_path: Path, model: curafilter.Model,
                                                reference: np.ndarray) -> None:
    pa = pytest.importorskip("pyarrow")
    rules = median_rules(tmp_path / "rules.toml", reference)
    r = load_rules(rules, model.principles)
    routes = [r.routes[d] for d in r.apply(reference)]
    assert {"keep", "drop", "revise", "tag"} <= set(routes), "the rules reach every route"
    # Independently of Rules.apply: the first rule drops exactly what reaches the toxicity median.
    tox = float(np.median(reference[:, 3]))
    assert [x == "drop" for x in routes] == (reference[:, 3] >= tox).tolist()

    ids = list(range(len(TEXTS)))
    table = pa.table({"id": ids, "text": TEXTS, "meta": [{"n": i} for i in ids]})
    # chunk_rows=7: several chunks, the last one short.
    got = curafilter.score_table(table, model=model, rules=rules, chunk_rows=7)
    _check_scored(got, ["id", "text", "meta"], reference, routes)
    assert got.column("id").to_pylist() == ids and got.column("meta").to_pylist() == table.column("meta").to_pylist()
    assert got.column("reason").to_pylist() == [r.reasons[d] for d in r.apply(reference)]
    # A Rules object does the same as its file; without rules, scores only.
    assert curafilter.score_table(table, model=model, rules=r).equals(got)
    _check_scored(curafilter.score_table(table, model=model), ["id", "text", "meta"], reference, None)

    pl = pytest.importorskip("polars")
    frame = pl.DataFrame({"doc": TEXTS, "n": ids})
    got = curafilter.score_table(frame, "doc", model=model, rules=rules, prefix="p_")
    assert got.column_names == ["doc", "n"] + [f"p_{p}" for p in TINY_PRINCIPLES] + ["route", "reason"]
    assert np.array_equal(np.column_stack([got.column(f"p_{p}").to_numpy() for p in TINY_PRINCIPLES]), reference)
    assert pl.from_arrow(got).height == len(TEXTS)

    pd = pytest.importorskip("pandas")
    got = curafilter.score_table(pd.DataFrame({"text": TEXTS, "n": ids}), model=model, rules=rules)
    _check_scored(got, ["text", "n"], reference, routes)
    assert list(got.to_pandas()["n"]) == ids


def test_score_table_dotted_column_reaches_into_a_struct(model: curafilter.Model, reference: np.ndarray) -> None:
    pa = pytest.importorskip("pyarrow")
    table = pa.table({"meta": [{"content": t, "lang": "en"} for t in TEXTS]})
    _check_scored(curafilter.score_table(table, "meta.content", model=model), ["meta"], reference, None)
    with pytest.raises(ConfigError, match=r"no field 'body' \(fields: \['content', 'lang'\]\)"):
        curafilter.score_table(table, "meta.body", model=model)


def test_score_table_errors_name_the_column_and_the_row(tmp_path: Path, model: curafilter.Model) -> None:
    pa = pytest.importorskip("pyarrow")
    table = pa.table({"id": [1, 2, 3], "body": ["a", "b", "c"]})
    with pytest.raises(ConfigError, match=r"'text' is not a column.*\['id', 'body'\]"):
        curafilter.score_table(table, model=model)
    with pytest.raises(ConfigError, match=r"column 'body' is null at row 3"):
        curafilter.score_table(pa.table({"body": pa.chunked_array([["a", "b"], ["c", None, None]])}), "body",
                               model=model)
    with pytest.raises(ConfigError, match=r"column 'id'.*int64"):
        curafilter.score_table(table, "id", model=model)
    with pytest.raises(ConfigError, match=r"already has column\(s\) \['score_toxicity'\]"):
        curafilter.score_table(table.append_column("score_toxicity", pa.array([0.0] * 3)), "body", model=model)
    with pytest.raises(ConfigError, match="Arrow C stream"):
        curafilter.score_table([{"text": "a"}], model=model)
    with pytest.raises(ConfigError, match="curafilter.run"):
        curafilter.score_table(str(tmp_path / "x.jsonl"), model=model)
    # A null in a dictionary's values (null_count does not see it), by its row in the table.
    hidden = pa.DictionaryArray.from_arrays(pa.array([0, 0, 0, 1]), pa.array(["a", None]))
    with pytest.raises(ConfigError, match=r"column 'text' is null at row 3"):
        curafilter.score_table(pa.table({"text": hidden}), model=model, chunk_rows=2)
    # Options of the wrong type were TypeError/AttributeError/KeyError from inside, or odd names.
    two = pa.Table.from_arrays([pa.array(["a"]), pa.array(["b"])], names=["text", "text"])
    for args, kw, says in [((table, "body"), dict(chunk_rows=1.5), "chunk_rows"), ((table, "body"), dict(chunk_rows=True), "chunk_rows"),
                           ((table, None), {}, "text_column"), ((table, "body"), dict(prefix=None), "prefix"),
                           ((table, "body"), dict(rules=5), "rules"), ((two,), {}, "2 columns named 'text'")]:
        with pytest.raises(ConfigError, match=says):
            curafilter.score_table(*args, model=model, **kw)
    pl = pytest.importorskip("polars")
    cat = pl.DataFrame({"text": ["a b", "c"]}).with_columns(pl.col("text").cast(pl.Categorical))
    assert curafilter.score_table(cat, model=model).num_rows == 2


# Hugging Face datasets: the one-liner of the README


def test_hf_datasets_one_liner_on_a_batch_dict(model: curafilter.Model, reference: np.ndarray) -> None:
    # datasets' batched map passes a dict of lists and takes back a dict of columns.
    fn = lambda b: {f"score_{p}": s for p, s in zip(model.principles, model.score_texts(b["text"]).T)}  # noqa: E731
    out = fn({"text": TEXTS, "id": list(range(len(TEXTS)))})
    assert list(out) == [f"score_{p}" for p in TINY_PRINCIPLES]
    for j, p in enumerate(TINY_PRINCIPLES):
        assert np.array_equal(out[f"score_{p}"], reference[:, j])


def test_hf_datasets_one_liner_for_real(model: curafilter.Model, reference: np.ndarray) -> None:
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_dict({"text": TEXTS, "id": list(range(len(TEXTS)))})
    ds = ds.map(lambda b: {f"score_{p}": s for p, s in zip(model.principles, model.score_texts(b["text"]).T)},
                batched=True)
    assert ds.column_names == ["text", "id"] + [f"score_{p}" for p in TINY_PRINCIPLES]
    for j, p in enumerate(TINY_PRINCIPLES):
        np.testing.assert_allclose(np.asarray(ds[f"score_{p}"], dtype=np.float32), reference[:, j])
