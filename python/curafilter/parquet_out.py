"""Route files in Parquet for a Parquet input shard.

While a shard is scored, only each row's decision is kept (route, reason, scores: a few bytes a
row). When the shard is done, the input is read again batch by batch and each route's rows are
written with every original column, types and values as they were, plus one struct column (the
run's field) with scores, route, reason and model. Files are written under a temporary name and
renamed when complete, like the JSON Lines outputs. Quarantine records stay JSON Lines: they are
records about rows, not rows.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any
from pathlib import Path

import numpy as np

from curafilter._core import ShardOutputs
from curafilter._core import is_parquet as _core_is_parquet
from curafilter.errors import ConfigError, InputError
from curafilter.outputs import PARQUET_SUFFIX, output_name, shard_name, temp_name
from curafilter.rules import ROUTES

# Rows read back per step when writing: bounds memory whatever the row groups' size.
READ_ROWS = 16384


def is_parquet(path: str | os.PathLike[str]) -> bool:
    """Whether the stream reads `path` as Parquet: the Rust reader's own test (a regular file that
    starts with the magic bytes; a named pipe's bytes belong to the reader)."""
    return _core_is_parquet(os.fspath(path))


def parquet_records(path: str | os.PathLike[str]) -> Iterator[bytes]:
    """Each row of a Parquet file as one JSON object, batch by batch: how `inspect` and `revise`
    read Parquet route files with the code that reads JSON Lines ones."""
    import msgspec

    enc = msgspec.json.Encoder(enc_hook=_json_value)
    for rb in _batches(path):
        for row in rb.to_pylist():
            yield enc.encode(row)


def _batches(path: str | os.PathLike[str]) -> Iterator[Any]:
    """The record batches of Parquet file `path`; a damaged file is an InputError naming it, not
    a pyarrow traceback (or a bare "ZSTD decompression failed")."""
    pa, pq = _pyarrow()
    try:
        yield from pq.ParquetFile(path).iter_batches(batch_size=READ_ROWS)
    except (pa.ArrowException, OSError) as e:
        raise InputError(f"{path}: cannot read this Parquet file: {e}") from None


def parquet_rows(path: str | os.PathLike[str]) -> int | None:
    """Rows of Parquet file `path`, or None when its footer cannot be read (truncated, damaged):
    the stream has quarantined it as unreadable_file, and there is nothing to route."""
    pa, pq = _pyarrow()
    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except (pa.ArrowException, OSError):
        return None


def _json_value(obj: object) -> object:
    """What msgspec does not encode itself: pyarrow gives nanosecond timestamps and durations as
    pandas objects (subclasses of datetime and timedelta, which msgspec refuses)."""
    import datetime

    if isinstance(obj, (datetime.datetime, datetime.date, datetime.time)):
        return obj.isoformat()
    if isinstance(obj, datetime.timedelta):
        return obj.total_seconds()
    raise NotImplementedError(f"cannot write a {type(obj).__name__} as JSON")


def _without_views(pa, rb):
    """`rb` with string_view / binary_view columns as string / binary: pyarrow has no take or
    filter kernel for the view types (polars and recent pandas write them)."""
    plain = {pa.string_view(): pa.string(), pa.binary_view(): pa.binary()}
    if not any(f.type in plain for f in rb.schema):
        return rb
    return rb.cast(pa.schema([f.with_type(plain.get(f.type, f.type)) for f in rb.schema]))


def _pyarrow():
    # Imported on first use: most runs never touch Parquet, and pyarrow takes a while to import.
    import pyarrow as pa
    import pyarrow.parquet as pq

    return pa, pq


class ParquetShardOutputs:
    """The outputs of one Parquet input shard: what `ShardOutputs` is for JSON Lines."""

    def __init__(self, root: str, shard: str, *, rows: int, field: str, principles: Sequence[str], model: str,
                 text_key: str, tag_prefix: str | None, provenance: bool) -> None:
        self.root, self.shard, self.field = Path(root), shard, field
        self.principles, self.model = list(principles), model
        self.text_key, self.tag_prefix, self.provenance = text_key, tag_prefix, provenance
        self.name = output_name(shard, PARQUET_SUFFIX)
        self.records = ShardOutputs(root, shard_name(shard))
        self.rows = rows
        self.route = np.full(self.rows, -1, dtype=np.int8)
        self.reason = np.zeros(self.rows, dtype=np.int32)
        self.scores = np.zeros((self.rows, len(self.principles)), dtype=np.float32)
        self.at: np.ndarray | None = None
        self.reasons: dict[str, int] = {}
        self._tmp: list[Path] = []

    def write_lines(self, route: str, lines: list[bytes]) -> None:
        self.records.write_lines(route, lines)

    def record(self, rows: np.ndarray, routes: Sequence[str], reasons: Sequence[str], scores: np.ndarray,
               at: np.ndarray | None) -> None:
        """Remember the decisions for input rows `rows` (0-based row indices)."""
        self.route[rows] = [ROUTES.index(r) for r in routes]
        self.reason[rows] = [self.reasons.setdefault(r, len(self.reasons)) for r in reasons]
        self.scores[rows] = scores
        if at is not None:
            if self.at is None:
                self.at = np.zeros((self.rows, len(self.principles)), dtype=np.int64)
            self.at[rows] = at

    def _field(self, pa, rows: np.ndarray):
        """The appended struct column for input rows `rows`."""
        names = np.array(list(self.reasons) or [""], dtype=object)
        fields = {
            "scores": pa.StructArray.from_arrays([pa.array(self.scores[rows, j]) for j in range(len(self.principles))],
                                                 names=self.principles),
            "route": pa.array(np.array(ROUTES, dtype=object)[self.route[rows]], pa.string()),
            "reason": pa.array(names[self.reason[rows]], pa.string()),
            "model": pa.array([self.model] * len(rows), pa.string()),
        }
        if self.at is not None:
            fields["at"] = pa.StructArray.from_arrays([pa.array(self.at[rows, j]) for j in range(len(self.principles))],
                                                      names=self.principles)
        if self.provenance:
            fields["shard"] = pa.array([self.shard] * len(rows), pa.string())
            fields["row"] = pa.array(rows, pa.int64())
        return pa.StructArray.from_arrays(list(fields.values()), names=list(fields))

    def finish(self, *, routes: bool = True) -> dict[str, int]:
        """Write each route's rows, rename the files into place; counts per route file. Without
        `routes` (a shard the stream could not read whole) only its quarantine records are
        written: reading it again for its rows would fail the same way."""
        pa, pq = _pyarrow()
        import pyarrow.compute as pc

        counts = self.records.finish()
        if not routes:
            return counts
        writers: dict[str, object] = {}
        n = {r: 0 for r in ROUTES}
        try:
            start = 0
            schema = None
            for rb in self._readable_batches():
                rb = _without_views(pa, rb)
                idx = np.arange(start, start + rb.num_rows)
                start += rb.num_rows
                codes = self.route[idx]
                for k, route in enumerate(ROUTES):
                    sel = np.flatnonzero(codes == k)
                    if not len(sel):
                        continue
                    part = rb.take(pa.array(sel))
                    column = self._field(pa, idx[sel])
                    if schema is None:
                        schema = rb.schema.append(pa.field(self.field, column.type))
                    arrays = list(part.columns)
                    if route == "tag" and self.tag_prefix:
                        j = part.schema.get_field_index(self.text_key)
                        arrays[j] = pc.binary_join_element_wise(self.tag_prefix, arrays[j], "")
                    if route not in writers:
                        tmp = self.root / route / temp_name(self.name)
                        tmp.parent.mkdir(parents=True, exist_ok=True)
                        self._tmp.append(tmp)
                        writers[route] = pq.ParquetWriter(tmp, schema, compression="zstd")
                    writers[route].write_batch(pa.RecordBatch.from_arrays([*arrays, column], schema=schema))
                    n[route] += len(sel)
            # Fewer rows than counted is damage the stream stopped at too, unless rows past it were
            # routed; more is a file that changed during the run.
            if start > self.rows or (start < self.rows and (self.route[start:] != -1).any()):
                raise ConfigError(f"{self.shard}: read {start:,} rows back, expected {self.rows:,}; the file changed during the run")
            for route, w in writers.items():
                w.close()
                os.replace(self.root / route / temp_name(self.name), self.root / route / self.name)
            self._tmp.clear()
        except BaseException:
            for w in writers.values():
                try:
                    w.close()
                except Exception:  # the original error matters, not this one
                    pass
            self.abort()
            raise
        counts.update({r: c for r, c in n.items() if c})
        return counts

    def _readable_batches(self) -> Iterator[Any]:
        """The shard's batches up to damage past which no row was routed: the stream stopped
        there too (its corrupt_compressed record says where), so the rows before it are written."""
        start = 0
        try:
            for rb in _batches(self.shard):
                yield rb
                start += rb.num_rows
        except InputError:
            if (self.route[start:] != -1).any():
                raise

    def abort(self) -> None:
        self.records.abort()
        for tmp in self._tmp:
            tmp.unlink(missing_ok=True)
        self._tmp.clear()


def check_tag_prefix(text_key: str, tag_prefix: str | None) -> None:
    if tag_prefix and "." in text_key:
        raise ConfigError(f"--tag-prefix with Parquet output needs a top-level text column, not {text_key!r}; "
                          "use --output-format jsonl.zst")
