"""Stream shards into token batches (the Rust core does the work on background threads)."""

from __future__ import annotations

import operator
import os
from collections.abc import Iterable

from curafilter._core import Batch, CheapStage, QuarantineRecord, Stream, quarantine_reasons
from curafilter.bundle import tokenizer_file
from curafilter.errors import ConfigError

__all__ = ["stream", "Stream", "Batch", "QuarantineRecord", "QUARANTINE_REASONS"]

# Documents read ahead and sorted longest first before they are cut into batches (less padding).
SORT_WINDOW = 4096

QUARANTINE_REASONS: tuple[str, ...] = tuple(quarantine_reasons())

PathsLike = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


def _paths(paths: PathsLike) -> list[str]:
    # A name that is not UTF-8 passes as it is (surrogate escapes): the core refuses it by name.
    if isinstance(paths, (str, bytes, os.PathLike)):
        return [os.fsdecode(paths)]
    try:
        return [os.fsdecode(p) for p in paths]
    except TypeError as e:  # not iterable, or an item that is not a path
        raise ConfigError(f"inputs must be a path or a list of paths, got {paths!r} ({e})") from None


# The core takes counts as 64-bit integers; a larger one is a typo, refused by name rather than
# overflowing in the conversion.
MAX_COUNT = (1 << 63) - 1


def check_int(name: str, value: object, least: int, most: int = MAX_COUNT) -> int:
    """`value` as an int in [least, most], or a ConfigError naming the option (a bool, a float or
    a string is refused, not truncated)."""
    try:
        ok = not isinstance(value, bool) and least <= operator.index(value) <= most  # type: ignore[arg-type]
    except TypeError:
        ok = False
    if not ok:
        bound = f"of at least {least}" if most == MAX_COUNT else f"from {least} to {most}"
        raise ConfigError(f"invalid option {name}: must be an integer {bound}, got {value!r}")
    return operator.index(value)  # type: ignore[arg-type]


# Tokeniser threads beyond this only fail to start (the system's thread limit) or idle: a bound
# that a typo (--threads 100000) hits with a usage error rather than an internal one.
MAX_THREADS = 1024


def stream(
    paths: PathsLike,
    *,
    tokenizer: str | os.PathLike[str] | None = "default",
    max_length: int = 256,
    windows: int = 1,
    overlap: int = 0,
    cheap: CheapStage | None = None,
    cascade: bool = False,
    batch_tokens: int = 16384,
    pad_multiple: int = 1,
    max_batch: int = 256,
    sort_window: int = SORT_WINDOW,
    threads: int = 0,
    resolved: bool = False,
    text_key: str = "text",
    id_key: str | None = None,
    probe_key: str | None = None,
    max_line_bytes: int = 64 << 20,
) -> Stream:
    """Stream ``.jsonl`` / ``.jsonl.gz`` / ``.jsonl.zst`` shards as length-sorted token batches.

    ``paths`` are files, directories (walked recursively) or globs. ``tokenizer`` is a
    tokenizer.json, a model bundle folder, or a bundled model's name; ``None`` parses documents
    without tokenising them (empty token arrays), for work that needs no model. A document becomes
    up to ``windows`` rows of at most ``max_length`` tokens, each overlapping the previous by
    ``overlap`` tokens (``windows=1``: its head only). Each batch holds ``input_ids`` and
    ``attention_mask`` (int64 numpy arrays, one row per window, padded to the batch's longest),
    ``row_doc`` and ``row_start`` (each row's document and the character offset where it starts;
    a document's rows are consecutive), every document's ``shard`` / ``line`` / ``offset`` / ``ids``, its original line
    (``batch.raw(i)``), the lines ``quarantined`` since the previous batch, and ``shards_done``.
    Bad lines never stop the stream. ``threads=0`` uses one tokeniser thread per core.
    ``resolved=True`` reads ``paths`` as shard files exactly as given (say, a stream's
    ``shards``), with no walking or glob expansion. ``cheap``: a cascade's first stage, which
    scores every window on the tokeniser threads (``batch.cheap``); with ``cascade=True`` only
    the windows it escalates become rows, and ``batch.doc_windows`` says how many each document
    had (see :mod:`curafilter.cascade`). ``pad_multiple`` pads each batch to a multiple of that
    many tokens (never past ``max_length``): a few input shapes, for TensorRT's engine per shape.
    ``probe_key``: a top-level key each document reports having or not (``batch.has_key``, from
    the parse that finds the text), as `run` asks for its output field.

    >>> import curafilter
    >>> with curafilter.stream("examples/sample.jsonl.zst", max_length=128) as s:
    ...     docs = sum(len(batch) for batch in s)
    >>> docs > 0
    True
    """
    for name, value, least in (("max_length", max_length, 2), ("windows", windows, 1), ("overlap", overlap, 0),
                               ("batch_tokens", batch_tokens, 1), ("pad_multiple", pad_multiple, 1),
                               ("max_batch", max_batch, 1), ("sort_window", sort_window, 1),
                               ("max_line_bytes", max_line_bytes, 1)):
        check_int(name, value, least)
    check_int("threads", threads, 0, MAX_THREADS)
    # The rest would be TypeErrors from the bindings, naming no option.
    for name, flag in (("cascade", cascade), ("resolved", resolved)):
        if not isinstance(flag, bool) and type(flag).__name__ != "bool_":  # numpy's too
            raise ConfigError(f"{name} must be True or False, got {flag!r}")
    for name, key in (("text_key", text_key), ("id_key", id_key), ("probe_key", probe_key)):
        if not (isinstance(key, str) and key) and not (key is None and name != "text_key"):
            raise ConfigError(f"{name} must be a non-empty field name{'' if name == 'text_key' else ' or None'}, got {key!r}")
    if cheap is not None and not isinstance(cheap, CheapStage):
        raise ConfigError(f"cheap must be a cascade stage (curafilter.cascade.load_stage) or None, got {cheap!r}")
    if tokenizer is not None and not isinstance(tokenizer, (str, os.PathLike)):
        raise ConfigError(f"tokenizer must be a tokenizer.json, a bundle folder or name, or None; got {tokenizer!r}")
    return Stream(
        _paths(paths),
        None if tokenizer is None else os.fspath(tokenizer_file(tokenizer)),
        max_length=max_length,
        windows=windows,
        overlap=overlap,
        cheap=cheap,
        cascade=cascade,
        batch_tokens=batch_tokens,
        pad_multiple=pad_multiple,
        max_batch=max_batch,
        sort_window=sort_window,
        threads=threads,
        resolved=resolved,
        text_key=text_key,
        id_key=id_key,
        probe_key=probe_key,
        max_line_bytes=max_line_bytes,
    )
