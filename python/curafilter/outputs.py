"""The output folder of a run: per-route files, the manifest of completed shards, run identity.

::

    OUT/run.json                       model id, rules digest and options the folder was written with
    OUT/<route>/<shard>.jsonl.zst      keep | drop | revise | tag | quarantine | scores
    OUT/manifest/<shard>.json          one completion record per input shard, written last
    OUT/stats.json                     totals over the manifest records (the whole folder)
    OUT/runs/<timestamp>.json          statistics of one invocation

A shard's files are renamed into place before its manifest record is written (atomically, by
rename), so a record always means complete outputs. A re-run skips recorded shards and redoes the
rest from scratch: every earlier output of a shard it redoes (record first, then each route file)
is removed before the shard is written again, so nothing is duplicated or left stale.

One process at a time writes into a folder: `OutputDir.locked` holds an exclusive lock on
``OUT/.lock`` for the whole run.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import glob
import hashlib
import io
import os
import random
import time
from collections.abc import Callable, Iterator
from typing import Any
from pathlib import Path

import msgspec
import zstandard

from curafilter._core import OUTPUT_MARKER
from curafilter.errors import ConfigError, InputError

ROUTE_DIRS = ("keep", "drop", "revise", "tag", "quarantine", "scores")
PARTIAL = ".partial"  # suffix of the files of a shard that a --limit cut short


class RunIdentity(msgspec.Struct, frozen=True, kw_only=True):
    model: str
    # The weights (Model.digest): two bundles with one name and version (every `distill` output is
    # distilled@0.1.0 unless named) are told apart. Empty in folders written before it was kept.
    model_digest: str = ""
    # The tokenizer, max length and cascade stage (Model.setup_digest); empty in older folders.
    setup_digest: str = ""
    # Windowing changes what a score means: a folder is not resumed under another one.
    windows: int = 1
    overlap: int = 0
    # A cascade scores fewer windows (cleared documents get the cheap stage's estimate).
    cascade: bool = False
    rules: str
    principles: list[str]
    scores_only: bool
    field: str
    text_key: str
    # Where each document's id is (--id-key), for inspect and report to show; UNSET in folders
    # written before it was kept (their resume accepts any, as before).
    id_key: str | None | msgspec.UnsetType = msgspec.UNSET
    tag_prefix: str | None = None
    provenance: bool = False
    # "auto": each shard's own format (Parquet route files for a Parquet shard); or "jsonl.zst".
    output_format: str = "auto"


class ShardRecord(msgspec.Struct, kw_only=True):
    shard: str
    size: int
    mtime_ns: int
    counts: dict[str, int]
    model: str
    rules: str
    completed_at: float
    # "<route>/<file name>" -> bytes of each output file of the shard when it was recorded: a
    # resume redoes a shard whose file was deleted or cut since (records older than this have none).
    files: dict[str, int] = {}


# File names longer than this are refused by common filesystems (ext4, xfs, btrfs, tmpfs: bytes).
NAME_MAX = 255
# Every output is first written as ".<name>.<pid>.tmp" (temp_name; the Rust writer too), so that
# must fit; Linux pids have at most 7 digits.
TEMP_EXTRA = len(b".") + len(b".4194304") + len(b".tmp")
SHARD_SUFFIX = ".jsonl.zst"
PARQUET_SUFFIX = ".parquet"  # route files of a Parquet shard written as Parquet
RECORD_SUFFIX = ".json"


def _shard_stem(path: str) -> str:
    stem = Path(path).name
    for ext in (".zst", ".zstd", ".gz"):
        stem = stem.removesuffix(ext)
    return stem.removesuffix(".jsonl").removesuffix(".ndjson").removesuffix(".json").removesuffix(".parquet")


def output_name(path: str, suffix: str) -> str:
    """The one place output file names are made: readable stem of input shard `path`, a hash of its
    absolute path (so two shards with the same name in different folders never collide), `suffix`.
    The stem is cut (at a character boundary) so the name and its temporary ".<name>.tmp" fit
    NAME_MAX bytes; the hash keeps cut names unique."""
    digest = hashlib.sha1(os.fsencode(Path(path).resolve())).hexdigest()[:8]
    tail = f".{digest}{suffix}"
    budget = NAME_MAX - TEMP_EXTRA - len(os.fsencode(tail))
    raw = os.fsencode(_shard_stem(path))
    if len(raw) > budget:
        n = budget
        while n > 0 and (raw[n] & 0xC0) == 0x80:  # do not split a UTF-8 character
            n -= 1
        raw = raw[:n]
    return os.fsdecode(raw) + tail


def temp_name(name: str) -> str:
    """The temporary name output `name` is written under: per process, so that no process removes
    or renames another's (a partitioned worker paused past its claim lease aborts beside the
    worker that took its shard over)."""
    return f".{name}.{os.getpid()}.tmp"


def shard_name(path: str) -> str:
    """Name of the route, quarantine and score files of input shard `path`."""
    return output_name(path, SHARD_SUFFIX)


def read_identity(root: Path) -> RunIdentity:
    """The run identity of output folder `root`: an error naming it when it is not one (a missing
    folder, a file given in its place, a damaged run.json)."""
    path = Path(root) / "run.json"
    try:
        return msgspec.json.decode(path.read_bytes(), type=RunIdentity)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(f"{root} is not a curafilter output folder (no run.json)") from None
    except (msgspec.DecodeError, msgspec.ValidationError) as e:
        raise InputError(f"{path} is not a curafilter run record: {e}") from None


def route_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """A route folder's files in reading order: the completed ones, and the `.partial` ones of
    shards a --limit cut short (a --scores-only sample for `plan` is often nothing else), which
    inspect and report read too and say so. Temporary files are never read."""
    whole = sorted([*folder.glob(f"*{SHARD_SUFFIX}"), *folder.glob(f"*{PARQUET_SUFFIX}")])
    partial = sorted(f for f in folder.glob(f"*{PARTIAL}")
                     if f.name.endswith((SHARD_SUFFIX + PARTIAL, PARQUET_SUFFIX + PARTIAL)))
    return whole, partial


def check_replaceable(path: str | os.PathLike[str], written_by: Callable[[bytes], bool], command: str) -> None:
    """Refuse to replace an existing file that `command` did not write (`written_by` judges its
    first 4 KiB): an input, a run's own run.json or a user's file would be lost. An empty file
    holds nothing to lose."""
    p = Path(path)
    if not p.is_file():  # nothing there, a folder (the write names it), or a FIFO or device:
        return           # writing to those loses nothing, and reading a FIFO would wait forever
    try:
        with open(p, "rb") as f:
            head = f.read(4096)
    except OSError:
        return  # the write that follows names the problem
    if head and not written_by(head):
        raise ConfigError(f"{p} exists and was not written by curafilter {command}; it would be lost: "
                          "choose another -o or remove it")


def document_id(line: bytes, identity: RunIdentity) -> Any:
    """The id of a routed record as the run read it (its --id-key); a folder that recorded none
    shows the record's `id` field, if it has one. Raises RecordError as raw_value does."""
    from curafilter.raw_json import raw_string, value_span

    path = (identity.id_key if isinstance(identity.id_key, str) else "id").split(".")
    span = value_span(line, path)
    if span is None:
        return None
    raw = line[span[0]:span[1]]
    if raw[:1] == b'"':
        return raw_string(line, path)
    # A number as written, as run keeps it (decoded, 1e400 failed and long decimals lost digits).
    return raw.decode() if raw[:1].isdigit() or raw[:1] == b"-" else None


def flagged_offset(route: str, scores: dict[str, float], at: dict[str, int], text: str,
                   tag_prefix: str | None) -> int | None:
    """Where in a routed record's `text` the window of its highest score starts, for inspect and
    report to show that passage rather than the head (which may say nothing about the flag).
    None: show the head (a kept record, no offsets, or the cascade cleared it: -1)."""
    if route == "keep" or not at or not scores:
        return None
    start = at.get(max(scores, key=lambda p: scores[p]), -1)
    if start < 0:
        return None
    if route == "tag" and tag_prefix and text.startswith(tag_prefix):
        start += len(tag_prefix)  # offsets are into the text before the prefix was put in front
    return start


def record_name(path: str) -> str:
    """Name of the manifest record of input shard `path`."""
    return output_name(path, RECORD_SUFFIX)


def ensure_dir(path: Path, what: str = "output folder") -> None:
    """Create folder `path` (and its parents), or fail with a message naming it: an existing file
    there, or a folder that cannot be made, is a user error, not a traceback."""
    if path.exists() and not path.is_dir():
        raise ConfigError(f"{what} {path} exists and is not a folder; choose another -o")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ConfigError(f"cannot create {what} {path}: {e.strerror or e}") from None


def shard_identity(shard: str) -> tuple[int, int]:
    """Size and mtime that tell whether a shard changed; (-1, 0) for one that cannot be read (a
    dangling link, quarantined as unreadable_file), until it can."""
    try:
        st = os.stat(shard)
    except OSError:
        return -1, 0
    return st.st_size, st.st_mtime_ns


def lock_folder(root: Path, *, shared: bool = False) -> int:
    """Lock ROOT/.lock and return its descriptor (closing it, or the process ending however it
    ends, releases the lock): exclusive for one writer (two processes writing one folder would
    remove each other's temporary files and interleave shards, or ask an LLM twice for one
    document), shared for partitioned runs. A folder held by another process is a ConfigError
    naming its pid."""
    ensure_dir(root)
    path = root / ".lock"
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise ConfigError(f"cannot create lock file {path}: {e.strerror or e}") from None
    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except OSError as e:
        holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
        os.close(fd)
        if e.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            raise ConfigError(f"cannot lock {path}: {e.strerror or e}") from None
        who = f"another curafilter process (pid {holder})" if holder else "partitioned curafilter runs"
        how = " (partitioned runs share a folder only with other partitioned runs)" if shared or not holder else ""
        raise ConfigError(f"{root} is in use by {who}{how}; wait for it to finish or choose another -o") from None
    if not shared:  # the pid names the one holder; shared holders leave it empty
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except OSError as e:
            os.close(fd)
            raise ConfigError(f"cannot write {path}: {e.strerror or e}") from None
    return fd


def claim_output_dir(path: Path) -> None:
    """Create an output folder and mark it as curafilter's, so that a directory walk over inputs
    never reads it back (an output folder inside an input folder is common)."""
    ensure_dir(path)
    marker = path / OUTPUT_MARKER
    if not marker.exists():
        try:
            marker.write_text("curafilter wrote this folder: its files are outputs, never read as inputs.\n")
        except OSError as e:
            raise ConfigError(f"cannot write in output folder {path}: {e.strerror or e}") from None


def write_atomic(path: Path, data: bytes) -> None:
    # The pid in the temporary name: processes of a partitioned run may write one file (stats.json)
    # at once, and must never rename each other's half-written copy.
    tmp = path.with_name(temp_name(path.name))
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:  # a full disk, a folder made read-only: named, and no half file left
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise ConfigError(f"cannot write {path}: {e.strerror or e}") from None
    except BaseException:  # Ctrl-C or SIGTERM mid-write: no temporary file left either
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


class OutputDir:
    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.manifest = self.root / "manifest"

    @contextlib.contextmanager
    def locked(self, *, shared: bool = False) -> Iterator[None]:
        """Hold the folder's lock (`lock_folder`) for a whole run; shared for a partitioned one
        (each shard is then claimed, see curafilter.claims)."""
        fd = lock_folder(self.root, shared=shared)
        try:
            yield
        finally:
            os.close(fd)  # releases the lock

    def claim(self, identity: RunIdentity, *, sweep: bool = True) -> None:
        """Create the folder for `identity`, or check that an existing one was made by the same.
        `sweep` removes every temporary file: only for a process that holds the folder alone."""
        claim_output_dir(self.root)
        ensure_dir(self.manifest)
        path = self.root / "run.json"
        if path.exists():
            try:
                old = msgspec.json.decode(path.read_bytes(), type=RunIdentity)
            except (msgspec.ValidationError, msgspec.DecodeError) as e:
                raise ConfigError(f"{path} is not a curafilter run record ({e}); choose another -o") from None
            if not old.model_digest:  # written before digests were recorded: the name and version decide
                old = msgspec.structs.replace(old, model_digest=identity.model_digest)
            if not old.setup_digest:
                old = msgspec.structs.replace(old, setup_digest=identity.setup_digest)
            if old.id_key is msgspec.UNSET:
                old = msgspec.structs.replace(old, id_key=identity.id_key)
            if old != identity:
                from curafilter.model import ALL_WINDOWS

                def shown(f: str, v: object) -> str:
                    return "all" if f == "windows" and v == ALL_WINDOWS else repr(v)

                diffs = [
                    f"{f}: {shown(f, getattr(old, f))} there, {shown(f, getattr(identity, f))} now"
                    for f in identity.__struct_fields__
                    if getattr(old, f) != getattr(identity, f)
                ]
                raise ConfigError(
                    f"{self.root} holds a run with different settings ({'; '.join(diffs)}). "
                    "Resume only with the same model, rules and options; write to a new -o folder, "
                    "or delete this one to start over."
                )
        else:
            write_atomic(path, msgspec.json.format(msgspec.json.encode(identity), indent=2))
        if sweep:
            self.sweep_temp_files()

    def sweep_temp_files(self) -> None:
        """Temp files are what an interrupted run leaves; their shards will be redone."""
        for d in [self.root, self.manifest, self.root / "runs", *(self.root / r for r in ROUTE_DIRS)]:
            if d.is_dir():
                for f in d.glob(".*.tmp"):
                    f.unlink(missing_ok=True)
        # Shard claims of partitioned runs: none is live while one process holds the folder.
        if (self.root / "claims").is_dir():
            for f in (self.root / "claims").iterdir():
                f.unlink(missing_ok=True)

    def record_path(self, shard: str) -> Path:
        return self.manifest / record_name(shard)

    def reset(self, shard: str) -> None:
        """Remove every output of `shard` from an earlier run before it is redone: its manifest
        record first (so no record ever describes missing files), then its file in every route
        folder. A redo may route nothing where the old run did; an old file there would stay."""
        self.record_path(shard).unlink(missing_ok=True)
        for name in (shard_name(shard), output_name(shard, PARQUET_SUFFIX)):
            for route in ROUTE_DIRS:
                for f in (name, name + PARTIAL):
                    (self.root / route / f).unlink(missing_ok=True)
                # Its temporary files too: a worker that died mid-shard leaves them.
                for f in (self.root / route).glob(f".{glob.escape(name)}.*tmp"):
                    f.unlink(missing_ok=True)

    def mark_partial(self, shard: str) -> None:
        """Rename a shard's finished route files to `<name>.partial`: the shard was cut short."""
        for name in (shard_name(shard), output_name(shard, PARQUET_SUFFIX)):
            for route in ROUTE_DIRS:
                f = self.root / route / name
                if f.exists():
                    os.replace(f, f.with_name(name + PARTIAL))

    def completed(self, shard: str) -> ShardRecord | None:
        """The shard's completion record, if the input has not changed since."""
        path = self.record_path(shard)
        if not path.exists():
            return None
        try:
            rec = msgspec.json.decode(path.read_bytes(), type=ShardRecord)
        except (msgspec.DecodeError, msgspec.ValidationError):
            return None  # a damaged record (records are written atomically, so not by us): redo the shard
        if (rec.size, rec.mtime_ns) != shard_identity(shard):
            return None
        if rec.files != {rel: size for rel, size in self._files(shard).items() if rel in rec.files}:
            return None  # an output file deleted, cut or replaced by hand since: redo the shard
        return rec

    def _files(self, shard: str) -> dict[str, int]:
        """The shard's output files in place now, with their sizes."""
        out = {}
        for name in (shard_name(shard), output_name(shard, PARQUET_SUFFIX)):
            for route in ROUTE_DIRS:
                try:
                    out[f"{route}/{name}"] = (self.root / route / name).stat().st_size
                except FileNotFoundError:
                    pass
        return out

    def complete(self, shard: str, counts: dict[str, int], identity: RunIdentity,
                 seen: tuple[int, int] | None = None) -> ShardRecord:
        """Record `shard` as done; `seen`: its size and mtime before it was read (else now)."""
        size, mtime_ns = seen if seen is not None else shard_identity(shard)
        rec = ShardRecord(shard=shard, size=size, mtime_ns=mtime_ns, counts=counts,
                          model=identity.model, rules=identity.rules, completed_at=time.time(),
                          files=self._files(shard))
        write_atomic(self.record_path(shard), msgspec.json.encode(rec))
        return rec

    def records(self) -> list[ShardRecord]:
        out = []
        for p in sorted(self.manifest.glob("*.json")):
            try:
                out.append(msgspec.json.decode(p.read_bytes(), type=ShardRecord))
            except (msgspec.DecodeError, msgspec.ValidationError) as e:
                raise ConfigError(f"{p}: damaged manifest record ({e}); delete it and re-run to redo its shard") from None
        return out


class ZstdFrames(io.RawIOBase):
    """The decompressed bytes of every frame of a zstd file, streamed. Damaged data, or a file
    that ends inside a frame, raises InputError naming the file: python-zstandard's stream_reader
    returns what it has decoded and stops at a cut, so a truncated route file used to read as
    fewer records (or none) without a word."""

    # Compressed bytes decoded at a time: all their output is held at once, and repetitive text
    # expands by thousands (a MiB of it held ~450 MB), so the piece is small.
    CHUNK = 1 << 16

    def __init__(self, fh: Any, path: Path | str) -> None:
        self._fh, self._path = fh, path
        self._dctx = zstandard.ZstdDecompressor()
        self._frame: Any = None  # the frame being decoded; None between frames
        self._left = b""  # compressed bytes past the last frame's end, not yet decoded
        self._out, self._pos = b"", 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while self._pos == len(self._out):
            data, self._left = (self._left or self._fh.read(self.CHUNK)), b""
            if not data:
                if self._frame is not None:
                    raise InputError(f"{self._path}: truncated zstd data (the file ends inside a frame); "
                                     "the file is damaged")
                return 0
            if self._frame is None:
                self._frame = self._dctx.decompressobj()
            try:
                self._out, self._pos = self._frame.decompress(data), 0
            except zstandard.ZstdError as e:
                raise InputError(f"{self._path}: corrupt zstd data ({e}); the file is damaged") from None
            if self._frame.eof:
                self._left, self._frame = self._frame.unused_data, None
        n = min(len(b), len(self._out) - self._pos)
        b[:n] = memoryview(self._out)[self._pos:self._pos + n]
        self._pos += n
        return n


def route_records(f: Path) -> Iterator[bytes]:
    """The lines of a route file, streamed (a Parquet route file's rows as JSON objects)."""
    if f.name.removesuffix(PARTIAL).endswith(".parquet"):
        from curafilter.parquet_out import parquet_records

        yield from parquet_records(f)
        return
    with f.open("rb") as fh:
        yield from io.BufferedReader(ZstdFrames(fh, f), buffer_size=1 << 16)


class ScoreRow(msgspec.Struct):
    """One row of a ``--scores-only`` folder's ``scores/`` files, as `run` writes it."""

    shard: str
    line: int
    scores: dict[str, float]
    id: Any = None
    model: str = ""
    at: dict[str, int] = {}  # per principle, where the window of the highest score starts
    tokens: int = -1  # -1: a row written before token counts were stored


SCORE_ROW = msgspec.json.Decoder(ScoreRow)


def score_rows(files: list[Path]) -> Iterator[tuple[Path, int, ScoreRow]]:
    """Every score row of `files`, with its file and line; a bad row is an InputError naming both."""
    for f in files:
        for n, line in enumerate(route_records(f), 1):
            try:
                yield f, n, SCORE_ROW.decode(line)
            except (msgspec.ValidationError, msgspec.DecodeError) as e:
                raise InputError(f"{f}:{n}: bad score row: {e}") from None


class Reservoir:
    """A seeded uniform sample of `n` items of a stream, in stream order: reservoir sampling, one
    pass, `n` items held. `inspect` and `report` both draw with it, so one seed shows the
    same records."""

    def __init__(self, n: int, seed: int) -> None:
        self.n, self.rng, self.seen = n, random.Random(seed), 0
        self.items: list[tuple[int, Any]] = []

    def offer(self, item: Any) -> None:
        if len(self.items) < self.n:
            self.items.append((self.seen, item))
        else:
            j = self.rng.randrange(self.seen + 1)
            if j < self.n:
                self.items[j] = (self.seen, item)
        self.seen += 1

    def sample(self) -> list[Any]:
        return [item for _, item in sorted(self.items, key=lambda x: x[0])]
