"""Score a table held in memory: a pyarrow Table, or a polars or pandas DataFrame.

>>> import pyarrow as pa, curafilter
>>> t = pa.table({"id": [1, 2], "text": ["Have a lovely day.", "I will hide this from my users."]})
>>> curafilter.score_table(t, device="cpu").column_names  # doctest: +SKIP
['id', 'text', 'score_deception', 'score_power_seeking', 'score_cruelty', 'score_toxicity']

pyarrow is imported on the first call, not when curafilter is imported.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import numpy as np

from curafilter.errors import ConfigError
from curafilter.model import Model, load_model, text_list
from curafilter.rules import Rules, load_rules
from curafilter.stream import check_int

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["score_table"]

# Rows converted to Python strings and scored at a time: bounds the memory beyond the table itself.
CHUNK_ROWS = 4096


def score_table(
    table: object,
    text_column: str = "text",
    *,
    model: str | os.PathLike[str] | Model = "default",
    rules: str | os.PathLike[str] | Rules | None = None,
    device: str = "auto",
    prefix: str = "score_",
    batch_tokens: int | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> pa.Table:
    """`table`'s columns plus one float32 score column per principle, named ``<prefix><principle>``,
    rows in the input order.

    `table`: a pyarrow Table, or anything with the Arrow C stream interface
    (``__arrow_c_stream__``: a polars or pandas DataFrame, a RecordBatchReader); the result is a
    pyarrow Table either way (``polars.from_arrow(result)``, ``result.to_pandas()``).
    `text_column`: the column to score; a dotted name such as ``"meta.content"`` reaches into a
    struct column when no column has that exact name. A missing text (null) is an error naming its
    row: it is never scored silently.
    `model`: a bundle name or folder (loaded on `device`), or a loaded :class:`Model` (`device` is
    then unused).
    `rules`: a rules file or a :class:`Rules`; when given, string columns ``route`` and ``reason``
    are added too. A row the model could not score (a NaN score) gets a null route and the reason
    ``"unscorable"``, so a filter on ``route == "keep"`` never keeps it.
    """
    import pyarrow as pa

    check_int("chunk_rows", chunk_rows, 1)
    for name, value in (("text_column", text_column), ("prefix", prefix)):
        if not isinstance(value, str) or (name == "text_column" and not value):
            raise ConfigError(f"{name} must be a {'non-empty ' if name == 'text_column' else ''}string, got {value!r}")
    t = _as_table(table)
    texts = _text_column(t, text_column)
    _check_no_nulls(texts, text_column)
    text_list(texts.slice(0, 0), what=f"column {text_column!r}")  # a non-string column: refused before loading
    m = model if isinstance(model, Model) else load_model(model, device=device)
    r = _rules(rules, m)
    names = [f"{prefix}{p}" for p in m.principles] + (["route", "reason"] if r is not None else [])
    clash = [n for n in names if n in t.column_names]
    if clash:
        raise ConfigError(f"the table already has column(s) {clash}, which score_table would add; "
                          "rename or drop them (or, for score columns, choose another prefix=)")

    scores = np.zeros((t.num_rows, len(m.principles)), dtype=np.float32)
    for start in range(0, t.num_rows, chunk_rows):
        # A slice of a ChunkedArray is zero-copy; only this chunk's texts become Python strings.
        chunk = text_list(texts.slice(start, chunk_rows), what=f"column {text_column!r}")
        scores[start:start + len(chunk)] = m.score_texts(chunk, batch_tokens=batch_tokens)

    out = t
    for j, name in enumerate(names[:len(m.principles)]):
        out = out.append_column(name, pa.array(scores[:, j], type=pa.float32()))
    if r is not None:
        route, reason = _routes(r, scores)
        out = out.append_column("route", pa.array(route, type=pa.string()))
        out = out.append_column("reason", pa.array(reason, type=pa.string()))
    return out


def _as_table(obj: object) -> pa.Table:
    import pyarrow as pa

    if isinstance(obj, pa.Table):
        return obj
    if isinstance(obj, (str, bytes, os.PathLike)):
        raise ConfigError(f"score_table takes a table in memory, got {type(obj).__name__} {obj!r}; "
                          "to score files, use curafilter.run")
    try:
        # Polars and pandas DataFrames, RecordBatch, RecordBatchReader: the Arrow C stream
        # interface (pandas also through pyarrow's own conversion).
        return pa.table(obj)
    except (TypeError, ValueError) as e:
        raise ConfigError(f"score_table needs a pyarrow Table or an object with the Arrow C stream "
                          f"interface (a polars or pandas DataFrame), got {type(obj).__name__}: {e}") from None


def _text_column(t: pa.Table, name: str) -> pa.ChunkedArray:
    """The column `name`, or for a dotted name with no such column, a field inside struct columns."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if t.column_names.count(name) > 1:
        raise ConfigError(f"the table has {t.column_names.count(name)} columns named {name!r}; rename them so one is the text")
    if name in t.column_names:
        return t.column(name)
    head, *rest = name.split(".")
    if not rest or head not in t.column_names:
        raise ConfigError(f"text_column {name!r} is not a column of the table (columns: {t.column_names})")
    col = t.column(head)
    for depth, field in enumerate(rest):
        where = ".".join([head, *rest[:depth]])
        if not pa.types.is_struct(col.type):
            raise ConfigError(f"text_column {name!r}: {where!r} is {col.type}, not a struct")
        fields = [col.type.field(i).name for i in range(col.type.num_fields)]
        if field not in fields:
            raise ConfigError(f"text_column {name!r}: struct {where!r} has no field {field!r} (fields: {fields})")
        col = pc.struct_field(col, field)  # a null struct gives a null field
    return col


def _check_no_nulls(col: pa.ChunkedArray, name: str) -> None:
    """Refuse a null text, naming the first one's row (checked on the whole column up front: a
    chunk's own check would name the index within the chunk, not the row of the table)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_dictionary(col.type):
        # A null may sit in the dictionary, where null_count does not see it: one mask per chunk.
        masks = [pc.or_(pc.is_null(c.indices), pc.take(pc.is_null(c.dictionary), c.indices.fill_null(0)))
                 if len(c.dictionary) else pc.is_null(c.indices) for c in col.chunks]
        missing = pa.chunked_array(masks, type=pa.bool_())
    else:
        if col.null_count == 0:
            return
        missing = pc.is_null(col)
    count = pc.sum(missing).as_py() or 0
    if not count:
        return
    row = pc.indices_nonzero(missing)[0].as_py()
    raise ConfigError(f"column {name!r} is null at row {row} ({count} null(s) in all); curafilter "
                      "never scores a missing text: drop or fill the nulls first")


def _rules(rules: str | os.PathLike[str] | Rules | None, m: Model) -> Rules | None:
    if rules is None:
        return None
    if not isinstance(rules, Rules):
        return load_rules(rules, m.principles)
    if rules.principles != m.principles:
        raise ConfigError(f"rules {rules.source} were compiled for principles {rules.principles}, "
                          f"but the model scores {m.principles}")
    return rules


def _routes(r: Rules, scores: np.ndarray) -> tuple[list[str | None], list[str]]:
    """Route and reason per row; a negative decision (a NaN score) gets no route (fail closed)."""
    decision = r.apply(scores).tolist()
    route = [r.routes[d] if d >= 0 else None for d in decision]
    reason = [r.reasons[d] if d >= 0 else "unscorable" for d in decision]
    return route, reason
