"""The main job: stream shards → score → route by rules → write per-route outputs and a manifest.

>>> import curafilter
>>> stats = curafilter.run(["examples/sample.jsonl.zst"], "out/sample")  # doctest: +SKIP
>>> stats.routes["keep"] + stats.routes["drop"] + stats.routes["revise"] + stats.routes["tag"] + stats.quarantined  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import msgspec
import numpy as np
from rich.console import Console

from curafilter._core import Batch, ShardOutputs, resolve_inputs
from curafilter.claims import Claims
from curafilter.parquet_out import ParquetShardOutputs, check_tag_prefix, is_parquet, parquet_rows
from curafilter.device import GPU_BATCH_TOKENS, zstd_workers
from curafilter.errors import ConfigError, InputError, InternalError
from curafilter.raw_json import RecordError, raw_string, value_span, with_value
from curafilter.model import Model, load_model
from curafilter.outputs import OutputDir, RunIdentity, read_identity, shard_identity, score_rows, shard_name, write_atomic
from curafilter.progress import input_bytes, shard_progress
from curafilter.rules import ROUTES, Rules, default_rules_text, load_rules, parse_rules
from curafilter.stream import MAX_THREADS, PathsLike, Stream, _paths, check_int, stream

# A principle "flags strongly" at or above HIGH; the others are "clean" below LOW. Documents like
# that are reported as principle conflicts: worth a look when tuning rules or the model.
CONFLICT_HIGH, CONFLICT_LOW = 0.9, 0.1
HIST_BINS = 10


class RunStats(msgspec.Struct, kw_only=True):
    out: str
    model: str
    rules: str
    principles: list[str]
    shards_total: int
    shards_skipped: int
    shards_completed: int
    docs: int
    routes: dict[str, int]
    reasons: dict[str, int]
    quarantined: int
    quarantined_by_reason: dict[str, int]
    histograms: dict[str, list[int]]
    conflicts: dict[str, int]
    input_bytes: int
    seconds: float
    limited: bool
    windows_scored: int = 0  # token windows the model scored (a document has one or more)
    windows_total: int = 0  # token windows the documents have: more than scored when the cascade is on
    cascade: bool = False
    escalation_rate: float = 0.0  # windows_scored / windows_total
    # Input files not read, or not read to the end: a format curafilter does not read (quarantined
    # whole as unsupported_format) or a file that could not be read (unreadable_file); never marked
    # complete, so a later run tries them again: path → why.
    refused: dict[str, str] = msgspec.field(default_factory=dict)
    shards_busy: int = 0  # a partitioned run's shards left to other live workers (claimed by them)
    retries: int = 0  # the Ray engine: shards retried after their worker died
    # Tokens of the documents per route (see Router.route for what a document's tokens are); a
    # `route` over score rows written before token counts were stored counts none.
    route_tokens: dict[str, int] = msgspec.field(default_factory=dict)

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0


@dataclass
class _Tally:
    routes: Counter[str] = field(default_factory=Counter)
    route_tokens: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    quarantine: Counter[str] = field(default_factory=Counter)
    hist: np.ndarray | None = None
    conflicts: np.ndarray | None = None
    docs: int = 0
    windows: int = 0
    windows_total: int = 0

    def add_scores(self, scores: np.ndarray) -> None:
        n_p = scores.shape[1]
        if self.hist is None:
            self.hist = np.zeros((n_p, HIST_BINS), dtype=np.int64)
            self.conflicts = np.zeros(n_p, dtype=np.int64)
        assert self.conflicts is not None
        # Once per batch for all principles (this is the routing thread, which caps a GPU run).
        self.hist += score_histogram(scores)
        if n_p > 1:
            # The highest of the *other* principles' scores: the row's top score, or its second
            # where this principle holds the top.
            top = scores.argmax(1)
            first = scores.max(1)
            second = np.partition(scores, n_p - 2, axis=1)[:, n_p - 2]
            others = np.where(np.arange(n_p) == top[:, None], second[:, None], first[:, None])
            self.conflicts += ((scores >= CONFLICT_HIGH) & (others < CONFLICT_LOW)).sum(0)


_EDGES = np.linspace(0.0, 1.0, HIST_BINS + 1)


def score_histogram(scores: np.ndarray) -> np.ndarray:
    """Counts ``[principles, HIST_BINS]`` of scores in equal bins over [0, 1], as np.histogram
    counts each column (a score on an edge goes to the upper bin, 1.0 to the last; NaN and scores
    outside [0, 1] to none), for every column in one pass."""
    a = np.asarray(scores, dtype=np.float64)
    n_p = a.shape[1]
    inside = (a >= 0.0) & (a <= 1.0)
    bins = np.minimum(np.searchsorted(_EDGES, a, side="right") - 1, HIST_BINS - 1)
    flat = (np.arange(n_p) * HIST_BINS + bins)[inside]
    return np.bincount(flat, minlength=n_p * HIST_BINS).reshape(n_p, HIST_BINS)


def bundle_rules(model: Model, rules: str | os.PathLike[str] | None) -> Rules:
    """The rules given, else the bundle's rules.toml, else rules derived from its thresholds."""
    if rules is not None:
        return load_rules(rules, model.principles)
    shipped = model.path / "rules.toml"
    if shipped.is_file():
        return load_rules(shipped, model.principles)
    thresholds = {p: float(t) for p, t in zip(model.principles, model.thresholds)}
    return parse_rules(default_rules_text(thresholds), model.principles, source=f"{model.path} (derived rules)")


def check_run_options(out: object, *, text_key: object, id_key: object, limit: object, partition: object,
                      threads: object = 0, batch_tokens: object = None, scores_only: object = False,
                      provenance: object = False, tag_prefix: object = None) -> None:
    """The API's arguments a wrong type of would only fail deep inside, with a Python error, or
    after the output folder was made, or be written to its run.json (which then refuses every
    resume); the stream checks threads and batch_tokens again."""
    if not isinstance(out, (str, os.PathLike)):
        raise ConfigError(f"out must be a folder path, got {out!r}")
    check_int("threads", threads, 0, MAX_THREADS)
    if batch_tokens is not None:
        check_int("batch_tokens", batch_tokens, 1)
    for name, flag in (("scores_only", scores_only), ("provenance", provenance)):
        if not isinstance(flag, (bool, np.bool_)):
            raise ConfigError(f"{name} must be True or False, got {flag!r}")
    if tag_prefix is not None and not isinstance(tag_prefix, str):
        raise ConfigError(f"tag_prefix must be a string or None, got {tag_prefix!r}")
    for name, key in (("text_key", text_key), ("id_key", id_key)):
        if not (isinstance(key, str) and key) and not (key is None and name == "id_key"):
            raise ConfigError(f"{name} must be a non-empty field name, got {key!r}")
    if limit is not None:
        check_int("limit", limit, 0)
    if partition is not None:
        try:
            index, count = partition  # type: ignore[misc]
            check_int("partition index", index, 0)
            check_int("partition count", count, 1)
        except (TypeError, ValueError, ConfigError):
            raise ConfigError(f"partition must be a pair (index, count) of integers, got {partition!r}") from None


def check_field_name(field_name: str, *, text_key: str, id_key: str | None = None) -> None:
    """Refuse an output field that would overwrite the document's own text or id: the field is
    added at the top level, so it must differ from the first key of ``--text-key`` and ``--id-key``.
    (Any other document that already has the field is quarantined as ``field_collision``.)"""
    if not isinstance(field_name, str) or not field_name:
        raise ConfigError(f"field must be a non-empty name, got {field_name!r}")
    # A key needing JSON escapes cannot be probed for in the documents (field_collision): the
    # decoder that looks for it takes plain names only.
    if any(c in '"\\' or ord(c) < 0x20 for c in field_name):
        raise ConfigError(f"--field {field_name!r}: a field name cannot hold a quote, a backslash or a control character")
    for option, key in (("--text-key", text_key), ("--id-key", id_key)):
        if key and key.split(".")[0] == field_name:
            raise ConfigError(
                f"--field {field_name!r} would overwrite the documents' own {key!r} ({option}); "
                "choose another --field")


def _field_probe(field_name: str) -> msgspec.json.Decoder:
    """A decoder that reads only whether a JSON object has the top-level key `field_name` (escaped
    spellings of the key included); every other value is skipped without being built."""
    probe = msgspec.defstruct("FieldProbe", [("value", msgspec.Raw, msgspec.UNSET)], rename={"value": field_name})
    return msgspec.json.Decoder(probe)


def _set_path(raw: bytes, dotted: str, fn: Callable[[str], str], *, origin: str) -> bytes:
    """`raw` with the string at `dotted` replaced by ``fn(string)``. Only that value's bytes change:
    the rest of the record is never decoded, because it may hold what run's parser accepts and
    msgspec refuses to build (a lone surrogate escape, 1e400, nesting thousands deep)."""

    path = dotted.split(".")
    try:
        text = raw_string(raw, path)
        if text is None:
            raise RecordError(f"no string at {dotted!r}")
        return with_value(raw, path, msgspec.json.encode(fn(text)))
    except RecordError as e:  # run's parser read this line and its text: a bug, not bad input
        raise InternalError(f"{origin}: cannot replace the text of a tagged document: {e}") from None


class Router:
    """Routes scored batches of one run into per-shard outputs."""

    def __init__(self, out: OutputDir, identity: RunIdentity, rules: Rules, shards: Sequence[str],
                 *, text_key: str, tag_prefix: str | None, scores_only: bool, provenance: bool = False,
                 has_ids: bool = False, claims: Claims | None = None,
                 tokens_of: Callable[[Batch], np.ndarray] | None = None, zstd_workers: int = 0) -> None:
        self.out, self.identity, self.rules, self.shards = out, identity, rules, shards
        # Each shard's size and mtime before it is read, for its record: taken when it finished, a
        # shard that grew during the run was recorded as read whole and its new lines never read.
        self.seen = [shard_identity(s) for s in shards]
        self.zstd_workers = zstd_workers  # libzstd threads per route file (device.zstd_workers)
        # Tokens per document of a batch, -1 where unknown; default: the tokeniser's count. `route`
        # reads documents without a tokenizer, so it passes the counts saved with the scores.
        self.tokens_of = tokens_of
        self.text_key, self.tag_prefix, self.scores_only = text_key, tag_prefix, scores_only
        # Route files are in scoring order: a document without an id gets its shard and line (row)
        # in the field, so it can be joined back to its input, whether or not provenance was asked.
        self.provenance, self.has_ids = provenance, has_ids
        self.claims = claims
        self.open: dict[int, ShardOutputs] = {}
        self.tally = _Tally()
        self.completed = 0
        self.refused: dict[int, str] = {}
        self._field = msgspec.json.encode(identity.field)
        self._probe = _field_probe(identity.field)
        self._enc = msgspec.json.Encoder()

    @property
    def probe_key(self) -> str | None:
        """The key a stream feeding this router should probe for (stream(probe_key=...)): the
        output field, which a document must not have already."""
        return None if self.scores_only else self.identity.field

    def outputs(self, shard: int) -> ShardOutputs | ParquetShardOutputs:
        if shard not in self.open:
            path, ident = self.shards[shard], self.identity
            # A Parquet shard whose footer cannot be read has only its quarantine record to write
            # (unreadable_file), in a JSON Lines file like any shard's.
            rows = parquet_rows(path) if not ident.scores_only and ident.output_format != "jsonl.zst" \
                and is_parquet(path) else None
            if rows is not None:
                self.open[shard] = ParquetShardOutputs(
                    os.fspath(self.out.root), path, rows=rows, field=ident.field, principles=ident.principles,
                    model=ident.model, text_key=ident.text_key, tag_prefix=self.tag_prefix,
                    provenance=self.provenance or not self.has_ids)
            else:
                self.open[shard] = ShardOutputs(os.fspath(self.out.root), shard_name(path), workers=self.zstd_workers)
        return self.open[shard]

    def quarantine(self, batch: Batch) -> None:
        by_shard: dict[int, list[bytes]] = {}
        for q in batch.quarantined:
            self.tally.quarantine[q.reason] += 1
            # A file that is there but cannot be read (permissions, an I/O error) holds documents
            # this run did not route: like a foreign format, it is not marked done, so the run
            # exits 1 and a later one reads it. A dangling link or a link loop is no file: its
            # record has no identity (outputs.shard_identity) and is redone once the link resolves.
            if q.reason == "unsupported_format" or (q.reason == "unreadable_file"
                                                    and os.path.isfile(self.shards[q.shard])):
                self.refused[q.shard] = q.detail
            by_shard.setdefault(q.shard, []).append(self._enc.encode(q.to_dict()))
        for shard, lines in by_shard.items():
            self.outputs(shard).write_lines("quarantine", lines)

    def _has_field(self, raw: bytes) -> bool:
        try:
            return self._probe.decode(raw).value is not msgspec.UNSET
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
            pass
        # What the probe refuses and run's parser accepts (a lone surrogate escape, nesting thousands
        # deep): read only the top-level keys, every value skipped unbuilt. Answering False here
        # would write the document with a second key of the field's name.
        try:
            return value_span(raw, [self.identity.field]) is not None
        except RecordError:  # the key occurs twice: it is there
            return True

    def route(self, batch: Batch, scores: np.ndarray, at: np.ndarray | None = None, *, take: int | None = None) -> int:
        """Route a batch's documents by their scores; `at` (per document and principle) is the
        character offset of the window that gave each score, recorded when documents have several.
        With `take`, only the batch's rows up to its `take`-th document are routed (the end of a
        --limit; rows quarantined here are not documents). Returns the rows routed."""
        if take is None or take >= len(batch):
            n = len(batch)
        else:
            bad = self._problems(batch, scores, len(batch))
            ok_before = np.cumsum([i not in bad for i in range(len(batch))])
            n = min(int(np.searchsorted(ok_before, take)) + 1, len(batch)) if take > 0 else 0
        if n == 0:
            return 0
        shard = int(batch.shard[0])
        decision = self.rules.apply(scores)
        principles = self.identity.principles
        problem = self._problems(batch, scores, n, decision)
        # Documents past `take` get no route, so nothing of them is written.
        routes = ["" if i in problem or i >= n else self.rules.routes[d] for i, d in enumerate(decision)]
        reasons = [self.rules.reasons[d] if d >= 0 else "" for d in decision]
        ok = [i for i in range(n) if i not in problem]
        # Quarantined rows are counted as quarantined, not as documents: docs + quarantined = lines.
        self.tally.docs += len(ok)
        self.tally.windows += int(np.count_nonzero(batch.row_doc < n))
        self.tally.windows_total += int(batch.doc_windows[:n].sum())
        # Routes and reasons counted per rule with numpy: both follow from the rule that decided.
        per_rule = np.bincount(decision[ok], minlength=len(self.rules.routes)) if ok else np.zeros(0, np.int64)
        for d in np.flatnonzero(per_rule):
            self.tally.routes[self.rules.routes[d]] += int(per_rule[d])
            self.tally.reasons[self.rules.reasons[d]] += int(per_rule[d])
        # A document's tokens are batch.doc_tokens: the whole document's content tokens (counted, or
        # extrapolated by bytes past what the tokeniser read of a huge one), whatever windows the
        # model scored. Goals in tokens and money (`plan`) are computed from them.
        tokens = self.tokens_of(batch) if self.tokens_of is not None else batch.doc_tokens.astype(np.int64)
        if ok:  # summed per rule with numpy, not per document on this (the routing) thread
            idx = np.asarray(ok)
            idx = idx[tokens[idx] >= 0]
            sums = np.bincount(decision[idx], weights=tokens[idx], minlength=len(self.rules.routes))
            for d in np.flatnonzero(sums):
                self.tally.route_tokens[self.rules.routes[d]] += int(sums[d])
        if ok:
            self.tally.add_scores(scores[ok] if len(ok) < n else scores)
        out = self.outputs(shard)
        rows = np.round(scores.astype(np.float64), 5).tolist()
        where = at.tolist() if at is not None else None
        if problem:
            self.tally.quarantine.update(reason for reason, _ in problem.values())
            out.write_lines("quarantine", [self._enc.encode({
                "shard": self.shards[shard], "line": int(batch.line[i]), "offset": int(batch.offset[i]),
                "reason": reason, "detail": detail}) for i, (reason, detail) in sorted(problem.items())])
        if self.scores_only:
            lines = [self._enc.encode({
                "shard": self.shards[shard], "line": int(batch.line[i]), "id": batch.ids[i],
                "scores": dict(zip(principles, rows[i])), "model": self.identity.model, "tokens": int(tokens[i]),
                **({"at": dict(zip(principles, where[i]))} if where is not None else {}),
            }) for i in ok]
            out.write_lines("scores", lines)
            return n
        if isinstance(out, ParquetShardOutputs):
            out.record(batch.offset[ok], [routes[i] for i in ok], [reasons[i] for i in ok], scores[ok],
                       at[ok] if at is not None else None)
            return n
        members, replace = [b""] * len(batch), {}
        for i in range(n):
            appended = {"scores": dict(zip(principles, rows[i])), "route": routes[i], "reason": reasons[i],
                        "model": self.identity.model}
            if tokens[i] >= 0:
                appended["tokens"] = int(tokens[i])
            if where is not None:  # where in the text each score's window starts (characters)
                appended["at"] = dict(zip(principles, where[i]))
            if self.provenance or batch.ids[i] is None:
                appended["shard"], appended["line"] = self.shards[shard], int(batch.line[i])
            members[i] = self._field + b":" + self._enc.encode(appended)
            if routes[i] == "tag" and self.tag_prefix:
                prefix = self.tag_prefix
                replace[i] = _set_path(batch.raw(i), self.text_key, lambda t: prefix + t,
                                       origin=f"{self.shards[shard]}:{int(batch.line[i])}")
        out.write_batch(batch, routes, members, replace or None)
        return n

    def _problems(self, batch: Batch, scores: np.ndarray, n: int,
                  decision: np.ndarray | None = None) -> dict[int, tuple[str, str]]:
        """The first `n` rows that are quarantined here rather than routed, with reason and detail.
        Fail closed: a row the model could not score (NaN) goes to quarantine, never to keep. A
        document that already has the output field would get a second key of that name (and most
        readers keep the last one, silently replacing the document's own value): it is quarantined
        too, never written with the field overwritten."""
        if decision is None:
            decision = self.rules.apply(scores)
        problem: dict[int, tuple[str, str]] = {}
        for i in np.flatnonzero(decision[:n] < 0).tolist():
            problem[i] = ("unscorable", "the model returned NaN for this document")
        if not self.scores_only:
            # The stream's parser reports the field when asked for it (stream(probe_key=...)),
            # which spares the routing thread a parse per document; otherwise probe each one.
            if batch.probe_key == self.identity.field:
                has = np.flatnonzero(batch.has_key[:n]).tolist()
            else:
                has = [i for i in range(n) if self._has_field(batch.raw(i))]
            for i in has:
                problem.setdefault(i, ("field_collision", f"the document already has a top-level "
                                       f"{self.identity.field!r} field, which the output field would overwrite; "
                                       "run with another --field"))
        return problem

    def finish(self, shard: int, *, record: bool = True) -> None:
        """Close a shard's files. Without `record` (a shard a --limit cut short) they keep a
        `.partial` suffix and get no manifest record: globbing `*.jsonl.zst` never reads half a
        shard as if it were whole, and a later run redoes the shard."""
        if self.claims is not None and not self.claims.still_held(self.shards[shard]):
            # Renaming files into place now would put another worker's half-written ones there
            # (temporary names are per shard), and a record would mark them done.
            raise ConfigError(f"{self.shards[shard]}: another worker took this shard over while this process was "
                              "paused past the claim lease; stopping without writing its outputs (run again to go on)")
        out = self.open.pop(shard, None)
        if out is None:
            counts: dict[str, int] = {}
        elif isinstance(out, ParquetShardOutputs):
            # A shard the stream could not read whole gets its quarantine records only.
            counts = out.finish(routes=shard not in self.refused)
        else:
            counts = out.finish()
        if shard in self.refused:
            pass  # its quarantine record is written; no manifest record, so a later run tries again
        elif record:
            self.out.complete(self.shards[shard], counts, self.identity, seen=self.seen[shard])
            self.completed += 1
        else:
            self.out.mark_partial(self.shards[shard])
        if self.claims is not None:  # after the record: the record, not the claim, says it is done
            self.claims.release(self.shards[shard])

    def abort(self) -> None:
        for o in self.open.values():
            o.abort()
        self.open.clear()


def run(
    inputs: PathsLike,
    out: str | os.PathLike[str],
    *,
    model: str | os.PathLike[str] | Model = "default",
    rules: str | os.PathLike[str] | None = None,
    device: str = "auto",
    windows: int | None = None,
    overlap: int | None = None,
    cascade: bool | None = None,
    batch_tokens: int | None = None,
    threads: int = 0,
    text_key: str = "text",
    id_key: str | None = None,
    scores_only: bool = False,
    limit: int | None = None,
    field_name: str = "curafilter",
    tag_prefix: str | None = None,
    provenance: bool = False,
    output_format: str = "auto",
    partition: tuple[int, int] | None = None,
    progress: bool = True,
    console: Console | None = None,
) -> RunStats:
    """Score and route every document of `inputs` into `out`; see the CLI's ``curafilter run``.

    `partition` (index, count) takes only the shards of that partition (see `in_partition`), and
    lets other partitioned processes, on this machine or others sharing the folder, write into
    `out` at the same time: each shard is claimed first (curafilter.claims), so no two processes
    ever work on one shard, and a dead worker's shard is taken over by the next run.

    `output_format` "auto" writes each shard's route files in its own format (Parquet for a Parquet
    shard, with every original column and a struct column `field_name`); "jsonl.zst" writes JSON
    Lines for every shard; "parquet" requires every shard to be Parquet.

    Re-running into the same `out` skips shards already completed and redoes interrupted or changed
    ones. `provenance` adds the input shard and line to each routed record's field (documents in a
    route file are in scoring order, not input order). `windows` / `overlap` override the model
    card's windowing (token windows scored per document, max over them); `cascade` turns the
    bundle's cheap first stage on or off (default: on where the bundle has one). Without
    `partition`, only one process at a time may write `out`.
    """
    started = time.perf_counter()
    if console is not None and not isinstance(console, Console):
        raise ConfigError(f"console must be a rich Console or None, got {console!r}")
    console = console or Console(stderr=True)
    check_run_options(out, text_key=text_key, id_key=id_key, limit=limit, partition=partition, threads=threads,
                      batch_tokens=batch_tokens, scores_only=scores_only, provenance=provenance, tag_prefix=tag_prefix)
    scores_only, provenance = bool(scores_only), bool(provenance)
    if partition is not None:
        partition = (int(partition[0]), int(partition[1]))
    if not scores_only:
        check_field_name(field_name, text_key=text_key, id_key=id_key)
    if isinstance(model, Model):
        if (windows, overlap, cascade) != (None, None, None):
            raise ConfigError("windows/overlap/cascade are set when the model is loaded: "
                              "load_model(..., windows=, overlap=, cascade=)")
        m = model
    else:
        m = load_model(model, device=device, windows=windows, overlap=overlap, cascade=cascade)
    r = bundle_rules(m, rules)
    identity = RunIdentity(model=m.id, model_digest=m.digest, setup_digest=m.setup_digest, windows=m.windows, overlap=m.overlap, cascade=m.cascade, rules=r.digest,
                           principles=m.principles,
                           scores_only=scores_only,
                           field=field_name, text_key=text_key, id_key=id_key, tag_prefix=tag_prefix,
                           provenance=provenance, output_format=output_format)
    od = OutputDir(out)
    # Absolute paths: score rows, quarantine rows and manifest records name the shard, and `route`
    # (or a reader) may run from another folder.
    all_shards = _outside(out, [os.path.abspath(s) for s in resolve_inputs(_paths(inputs))], console)
    _check_output_format(output_format, all_shards, scores_only=scores_only, text_key=text_key, tag_prefix=tag_prefix)
    if partition is not None:
        all_shards = in_partition(all_shards, *partition)
    claims = Claims(od.root) if partition is not None else None
    with od.locked(shared=claims is not None), claims or contextlib.nullcontext():
        pending, busy = _claim_pending(od, identity, all_shards, claims)
        if busy:
            console.print(f"{busy} shard(s) are being processed by other workers: left to them",
                          markup=False, highlight=False)
        router = Router(od, identity, r, pending, text_key=text_key, tag_prefix=tag_prefix,
                        scores_only=scores_only, provenance=provenance, has_ids=id_key is not None,
                        claims=claims, zstd_workers=zstd_workers(m.device != "cpu"))
        total_bytes = input_bytes(pending)
        limited = False
        if pending:
            s = m.stream(pending, resolved=True, batch_tokens=batch_tokens or m.batch_tokens, threads=threads,
                         text_key=text_key, id_key=id_key, probe_key=router.probe_key)
            limited = _drive(s, router, _scorer(m), limit=limit, total_bytes=total_bytes,
                             console=console, progress=progress, label="run")
        return _finish_stats(router, out, r, len(all_shards), len(all_shards) - len(pending) - busy, total_bytes,
                             started, limited, busy=busy)


def in_partition(shards: Sequence[str], index: int, count: int) -> list[str]:
    """The shards of partition `index` (0-based) of `count`, chosen by a hash of each shard's
    absolute path: the same on every machine that sees the corpus at the same path, and a shard
    keeps its partition when the corpus grows."""
    if not 0 <= index < count:
        raise ConfigError(f"partition must be I/N with 0 <= I < N, got {index}/{count}")
    return [s for s in shards if int(hashlib.sha1(os.fsencode(s)).hexdigest(), 16) % count == index]


def _outside(out: str | os.PathLike[str], shards: list[str], console: Console) -> list[str]:
    """Inputs that are not in the output folder: a glob or folder over the inputs can reach
    earlier outputs, which must never be read back as documents."""
    root = os.path.join(os.path.abspath(out), "")
    kept = [s for s in shards if not s.startswith(root)]
    if len(kept) < len(shards):
        console.print(f"skipping {len(shards) - len(kept)} input file(s) inside the output folder {out}",
                      markup=False, highlight=False)
    if not kept:
        raise InputError(f"every input file is inside the output folder {out}")
    return kept


def _claim_pending(od: OutputDir, identity: RunIdentity, all_shards: list[str],
                   claims: Claims | None = None) -> tuple[list[str], int]:
    """Under the folder's lock: check/record the run identity, and list the shards to (re)do with
    every earlier output of theirs removed (a changed or interrupted shard starts clean). With
    `claims` (a partitioned run), only shards this process could claim; the count of the others,
    held by live workers, comes second."""
    od.claim(identity, sweep=claims is None)
    pending, busy = [], 0
    for shard in all_shards:
        if od.completed(shard) is not None:
            continue
        if claims is not None:
            if not claims.take(shard):
                busy += 1
                continue
            if od.completed(shard) is not None:  # finished by another worker since the first look
                claims.release(shard)
                continue
        od.reset(shard)
        pending.append(shard)
    return pending, busy


def _scorer(m: Model) -> Callable[[Batch], tuple[np.ndarray, np.ndarray | None]]:
    """Scores per document and, when documents are scored in several windows, where each came from."""
    if m.windows == 1 and not m.cascade:
        return lambda batch: (m.score_batch(batch), None)
    return m.score_batch_windows


class _Consumed:
    """Input bytes whose documents have been scored, for the progress bar. The reader runs ahead
    of the model (a whole small corpus is read before the first batch is scored), so bytes read
    would show 100% at the start: count the shards finished (their file sizes) plus the documents
    routed from open shards (their line lengths, scaled by the compression ratio so far)."""

    def __init__(self, shards: Sequence[str]) -> None:
        self.size = [os.path.getsize(p) if os.path.isfile(p) else 0 for p in shards]
        self.done = 0
        self.open: dict[int, int] = {}  # shard -> decompressed bytes of its routed documents

    def routed(self, batch: Batch) -> None:
        shard = int(batch.shard[0])
        self.open[shard] = self.open.get(shard, 0) + int(batch.raw_len.sum()) + len(batch)  # + line ends

    def finished(self, shard: int) -> None:
        self.open.pop(shard, None)
        self.done += self.size[shard]

    def bytes(self, counters: dict[str, int]) -> int:
        ratio = counters["bytes_read"] / counters["bytes_decoded"] if counters["bytes_decoded"] else 1.0
        return self.done + int(sum(self.open.values()) * ratio)


OUTPUT_FORMATS = ("auto", "jsonl.zst", "parquet")


def _check_output_format(output_format: str, shards: Sequence[str], *, scores_only: bool, text_key: str,
                         tag_prefix: str | None) -> None:
    if output_format not in OUTPUT_FORMATS:
        raise ConfigError(f"output format must be one of {', '.join(OUTPUT_FORMATS)}, not {output_format!r}")
    if output_format == "jsonl.zst":
        return
    if output_format == "parquet":
        if scores_only:
            raise ConfigError("--scores-only writes JSON Lines score records; drop --output-format parquet")
        # Route files keep the input's columns: JSON Lines have no schema to write Parquet with.
        for shard in shards:
            if not is_parquet(shard):
                raise ConfigError(f"{shard}: Parquet output needs Parquet input, and this is not Parquet; "
                                  "use --output-format auto or jsonl.zst")
    if not scores_only and any(is_parquet(s) for s in shards):
        check_tag_prefix(text_key, tag_prefix)


Scores = tuple[np.ndarray, "np.ndarray | None"]
# Batches scored ahead of routing: two keep a GPU busy while the previous batch is routed and
# written (double buffering) and bound what is held in memory.
SCORE_AHEAD = 2


def _scored_ahead(batches: Iterable[Batch], score: Callable[[Batch], Scores],
                  depth: int = SCORE_AHEAD) -> Iterator[tuple[Batch, Scores | None]]:
    """(batch, score(batch)) in input order, the scoring done on its own thread up to `depth`
    batches ahead of the caller: inference (ONNX Runtime releases the GIL) overlaps reading the
    next batches and routing and writing the previous one. The stream itself is only touched by
    the caller's thread. Batches without documents (quarantine records, finished shards) pass
    through unscored. Leaving early (a --limit) cancels what was queued; at most the batch being
    scored finishes."""
    pending: deque[tuple[Batch, Future[Scores] | None]] = deque()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="curafilter-score") as pool:
        try:
            for batch in batches:
                pending.append((batch, pool.submit(score, batch) if len(batch) else None))
                while len(pending) > depth:
                    done, f = pending.popleft()
                    yield done, f.result() if f else None
            while pending:
                done, f = pending.popleft()
                yield done, f.result() if f else None
        finally:
            for _, f in pending:
                if f:
                    f.cancel()


def _drive(s: Stream, router: Router, score: Callable[[Batch], Scores], *, limit: int | None,
           total_bytes: int, console: Console, progress: bool, label: str) -> bool:
    """Feed every batch of `s` through `score` and `router`; True when stopped by `limit`."""
    limited = False
    consumed = _Consumed(s.shards)
    try:
        with s, shard_progress(console, disable=not progress) as bar:
            task = bar.add_task(label, total=total_bytes)
            for batch, scored in _scored_ahead(s, score, SCORE_AHEAD):
                router.quarantine(batch)
                left = None if limit is None else limit - router.tally.docs
                if scored is not None:
                    taken = router.route(batch, *scored, take=left)
                    consumed.routed(batch)
                    if taken < len(batch):  # the limit falls inside this batch
                        limited = True
                        break
                for shard in batch.shards_done:
                    router.finish(shard)
                    consumed.finished(shard)
                bar.update(task, completed=min(consumed.bytes(s.counters), total_bytes), docs=router.tally.docs)
                if limit is not None and router.tally.docs >= limit:
                    limited = True
                    break
            bar.update(task, completed=min(consumed.bytes(s.counters), total_bytes) if limited else total_bytes,
                       docs=router.tally.docs)
        # A limited run leaves its last shards incomplete: their files are kept for a look, as
        # .partial, with no manifest record, so a full run redoes them.
        for shard in list(router.open):
            router.finish(shard, record=False)
    except BaseException:
        router.abort()
        # Shards finished before the stop (Ctrl-C, a fatal error) have their records: stats.json
        # is brought up to them, as after any invocation. Best effort: the stop is what to report.
        with contextlib.suppress(Exception):
            merge_stats(router.out.root)
        raise
    return limited


def _finish_stats(router: Router, out: str | os.PathLike[str], r: Rules, shards_total: int, skipped: int,
                  total_bytes: int, started: float, limited: bool, *, busy: int = 0, scored: bool = True) -> RunStats:
    """`scored`: False for `route`, which runs no model (no cascade to report on)."""
    t = router.tally
    principles = router.identity.principles
    hist = t.hist if t.hist is not None else np.zeros((len(principles), HIST_BINS), dtype=np.int64)
    conflicts = t.conflicts if t.conflicts is not None else np.zeros(len(principles), dtype=np.int64)
    stats = RunStats(
        out=os.fspath(out), model=router.identity.model, rules=f"{r.source} ({r.digest})", principles=principles,
        shards_total=shards_total, shards_skipped=skipped, shards_completed=router.completed,
        docs=t.docs, routes={k: t.routes.get(k, 0) for k in ROUTES}, reasons=dict(sorted(t.reasons.items())),
        route_tokens={k: t.route_tokens.get(k, 0) for k in ROUTES},
        quarantined=sum(t.quarantine.values()), quarantined_by_reason=dict(sorted(t.quarantine.items())),
        histograms={p: hist[j].tolist() for j, p in enumerate(principles)},
        conflicts={p: int(conflicts[j]) for j, p in enumerate(principles)},
        input_bytes=total_bytes, seconds=time.perf_counter() - started, limited=limited,
        # route's batches are parsed, not tokenised (one row per document): no window was scored.
        windows_scored=t.windows if scored else 0, windows_total=t.windows_total if scored else 0,
        cascade=router.identity.cascade and scored,
        escalation_rate=round(t.windows / t.windows_total, 4) if t.windows_total and scored else 0.0,
        refused={router.shards[i]: why for i, why in sorted(router.refused.items())}, shards_busy=busy,
    )
    runs = Path(out, "runs")
    runs.mkdir(exist_ok=True)
    now = time.time_ns()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now // 10**9)) + f".{now % 10**9:09d}Z"
    last = runs / f"{stamp}.json"
    write_atomic(last, _pretty(stats))
    totals = folder_totals(router.out, router.identity, last=f"runs/{last.name}")
    write_atomic(Path(out, "stats.json"), _pretty(totals))
    return stats


def _pretty(obj: object) -> bytes:
    return msgspec.json.format(msgspec.json.encode(obj), indent=2) + b"\n"


class FolderStats(msgspec.Struct, kw_only=True):
    """OUT/stats.json: totals over every completed shard of the folder (its manifest records), so
    a re-run that skips every shard leaves them as they were. Per-invocation statistics
    (histograms, reasons, throughput) are in OUT/runs/<timestamp>.json; `last_run` names the latest."""
    model: str
    rules: str
    principles: list[str]
    scores_only: bool
    shards_completed: int
    docs: int
    routes: dict[str, int]
    scores: int
    quarantined: int
    last_run: str


def folder_totals(od: OutputDir, identity: RunIdentity, *, last: str) -> FolderStats:
    counts: Counter[str] = Counter()
    records = od.records()
    for rec in records:
        counts.update(rec.counts)
    routes = {k: counts.get(k, 0) for k in ROUTES}
    return FolderStats(
        model=identity.model, rules=identity.rules, principles=identity.principles,
        scores_only=identity.scores_only, shards_completed=len(records),
        docs=sum(routes.values()) + counts.get("scores", 0), routes=routes, scores=counts.get("scores", 0),
        quarantined=counts.get("quarantine", 0), last_run=last)


def merge_stats(out: str | os.PathLike[str]) -> FolderStats:
    """Recompute OUT/stats.json from every manifest record: the totals of all partitioned runs
    into one folder, whichever finished last. Idempotent; safe while workers still run (it then
    counts the shards finished so far)."""
    od = OutputDir(out)
    identity = read_identity(od.root)
    runs = sorted((od.root / "runs").glob("*.json")) if (od.root / "runs").is_dir() else []
    totals = folder_totals(od, identity, last=f"runs/{runs[-1].name}" if runs else "")
    write_atomic(od.root / "stats.json", _pretty(totals))
    return totals


def reroute(
    scores: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    rules: str | os.PathLike[str],
    batch_tokens: int | None = None,
    threads: int = 0,
    tag_prefix: str | None = None,
    field_name: str = "curafilter",
    progress: bool = True,
    console: Console | None = None,
) -> RunStats:
    """Route documents again from a ``--scores-only`` run's folder, without running the model.

    The original shards named in the score rows are read again (parsed, not tokenised) and each
    document is routed by `rules` with its saved scores. A document with no saved score (changed
    input) is quarantined as ``unscorable``, never kept."""
    started = time.perf_counter()
    console = console or Console(stderr=True)
    src = Path(scores)
    old = read_identity(src)
    if not old.scores_only:
        raise ConfigError(f"{src} was not written with --scores-only; route needs score rows")
    check_field_name(field_name, text_key=old.text_key)
    check_run_options(out, text_key=old.text_key, id_key=None, limit=None, partition=None, threads=threads,
                      batch_tokens=batch_tokens, tag_prefix=tag_prefix)
    r = load_rules(rules, old.principles)
    table: dict[str, dict[int, np.ndarray]] = {}
    saved_tokens: dict[str, dict[int, int]] = {}
    # Where each score's window starts (rows of a windowed run have them): carried to the routed
    # records, so that inspect and report show the flagged passage as after a direct run.
    saved_at: dict[str, dict[int, list[int]]] = {}
    for _, _, row in score_rows(sorted((src / "scores").glob("*.jsonl.zst"))):
        # Older folders recorded shard paths as given (relative to where run was started).
        shard = os.path.abspath(row.shard)
        table.setdefault(shard, {})[row.line] = np.array([row.scores[p] for p in old.principles])
        saved_tokens.setdefault(shard, {})[row.line] = row.tokens
        if row.at:
            saved_at.setdefault(shard, {})[row.line] = [row.at.get(p, -1) for p in old.principles]
    # The scores' windowing goes with them: a later `run` into this folder must score alike.
    identity = RunIdentity(model=old.model, model_digest=old.model_digest, setup_digest=old.setup_digest, windows=old.windows, overlap=old.overlap,
                           cascade=old.cascade, rules=r.digest, principles=old.principles, scores_only=False,
                           field=field_name, text_key=old.text_key, id_key=old.id_key, tag_prefix=tag_prefix)
    od = OutputDir(out)
    if (od.root / "run.json").is_file():
        prior = read_identity(od.root)
        if (prior.windows, prior.overlap, prior.cascade) == (1, 0, False):
            # Written by a `route` that recorded no windowing (the defaults): resumed as before.
            identity = msgspec.structs.replace(identity, windows=1, overlap=0, cascade=False)
    # Every shard the scores folder completed, those with no score row too (every line of them
    # quarantined): their quarantine records are routed again like any other shard's.
    records = OutputDir(src).records()
    # The shards the scores folder completed (the score rows of one it did not, cut short by a
    # stop, are not all there and were never checked against an edit since).
    all_shards = sorted({os.path.abspath(rec.shard) for rec in records})
    for shard in all_shards:
        if not Path(shard).exists():
            raise InputError(f"{shard}: the shard these scores came from is gone; routing needs the documents")
    for rec in records:
        if (rec.size, rec.mtime_ns) != shard_identity(rec.shard):
            # Scores are matched to documents by line: after an edit they would score other text.
            raise InputError(f"{rec.shard}: changed since its scores were written ({src}); "
                             "score it again with `curafilter run --scores-only` before routing")
    nan = np.full(len(old.principles), np.nan)
    with od.locked():
        pending, _ = _claim_pending(od, identity, all_shards)

        def tokens(batch: Batch) -> np.ndarray:  # documents are read untokenised: the saved counts
            counts = saved_tokens.get(pending[int(batch.shard[0])], {})
            return np.array([counts.get(int(line), -1) for line in batch.line], dtype=np.int64)

        # No model here: routing is as fast as reading, so compression gets workers as on a GPU.
        # Ids read as the scoring run read them, so records get provenance only where a run would.
        id_key = old.id_key if isinstance(old.id_key, str) else None
        router = Router(od, identity, r, pending, text_key=old.text_key, tag_prefix=tag_prefix, scores_only=False,
                        has_ids=id_key is not None, tokens_of=tokens, zstd_workers=zstd_workers(True))

        unplaced = [-1] * len(old.principles)

        def saved(batch: Batch) -> tuple[np.ndarray, np.ndarray | None]:
            shard = pending[int(batch.shard[0])]
            rows = table.get(shard, {})
            scores = np.stack([rows.get(int(line), nan) for line in batch.line]).astype(np.float32)
            if shard not in saved_at:
                return scores, None
            at = saved_at[shard]
            return scores, np.array([at.get(int(line), unplaced) for line in batch.line], dtype=np.int64)

        total_bytes = input_bytes(pending)
        if pending:
            s = stream(pending, tokenizer=None, resolved=True, batch_tokens=batch_tokens or GPU_BATCH_TOKENS,
                       threads=threads, text_key=old.text_key, id_key=id_key, probe_key=router.probe_key)
            _drive(s, router, saved, limit=None, total_bytes=total_bytes, console=console, progress=progress,
                   label="route")
        return _finish_stats(router, out, r, len(all_shards), len(all_shards) - len(pending), total_bytes,
                             started, False, scored=False)
