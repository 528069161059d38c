"""Rewrite the documents routed to *revise* with an LLM, re-score every rewrite, keep what passes.

A SQLite ledger makes the queue durable: each document is ``pending``, ``in_flight``, ``done``
(revised and passing), ``dropped`` (still violating after the last attempt) or ``failed`` (the LLM
call failed for good), with its attempts, tokens and cost. Calls are at-least-once (a killed run
retries what was in flight); outputs are exactly-once, because they are written from the ledger,
one row per queued record, and renamed into place. Nothing unrevised is ever written as revised.

A record's ledger key is its position in the revise queue (queue file and line number), never its id
or content: records that share an id, or identical records in two shards, each get their own row.
Queue files are read in every format ``run`` writes or reads (``.jsonl``, ``.jsonl.gz``, ``.jsonl.zst``,
``.parquet``).

Outputs in ``-o``: ``revised/``, ``dropped/`` and ``failed/`` (zstd JSONL), ``ledger.sqlite``.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import io
import os
import sqlite3
import time
import warnings
from dataclasses import dataclass, field as dc_field
from pathlib import Path

import msgspec

from curafilter._core import ShardOutputs
from curafilter.parquet_out import is_parquet, parquet_records
from curafilter.raw_json import RecordError, UnreadableRecord, raw_string, raw_value, with_value
from curafilter.errors import ConfigError, CurafilterError, InputError
from curafilter.llm import ChatClient, LLMError, parse_usage, redact
from curafilter.labels import BOM
from curafilter.model import Model
from curafilter.outputs import ZstdFrames, claim_output_dir, lock_folder
from curafilter.principles import PrinciplesFile, revision_messages, unfence
from curafilter.rewrite_check import check_rewrite

STATES = ("pending", "in_flight", "done", "dropped", "failed")

SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    id TEXT PRIMARY KEY,           -- the record's position in the queue: "<queue file>:<line>"
    doc_id TEXT NOT NULL,          -- its id field (else the same as id), for the audit
    record BLOB NOT NULL,          -- the original JSON line as routed
    text TEXT NOT NULL,
    violated TEXT NOT NULL,        -- JSON list of principle names
    state TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'done', 'dropped', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    cost REAL NOT NULL DEFAULT 0,
    revised TEXT,
    scores_after TEXT,
    reason TEXT,
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS docs_state ON docs(state);
-- Batch result lines already applied (a digest of each): importing a file twice, or a line twice,
-- counts each answer once.
CREATE TABLE IF NOT EXISTS imported (line TEXT PRIMARY KEY);
"""


@dataclass
class Prices:
    """USD per million tokens."""

    prompt: float = 0.0
    completion: float = 0.0

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        return (prompt_tokens * self.prompt + completion_tokens * self.completion) / 1e6


class Ledger:
    def __init__(self, path: Path) -> None:
        claim_output_dir(path.parent)
        # One revise per folder at a time: a second one would put the first's in-flight records
        # back to pending (recover) and pay for them twice. Held as long as this ledger lives.
        self._lock = os.fdopen(lock_folder(path.parent), "rb")
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        columns = {r[1] for r in self.db.execute("PRAGMA table_info(docs)")}
        if "doc_id" not in columns:
            raise ConfigError(f"{path} is a ledger of an older curafilter (keyed by document id); "
                              "revise into a new -o folder")

    def close(self) -> None:
        self.db.close()
        self._lock.close()  # releases the folder

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def enqueue(self, rows: list[QueueRow]) -> int:
        """Queue records not in the ledger yet (by queue position); returns how many were new."""
        before = self.total()
        now = time.time()
        with self.db:
            self.db.executemany(
                "INSERT OR IGNORE INTO docs (id, doc_id, record, text, violated, state, updated) "
                "VALUES (?, ?, ?, ?, ?, 'pending', ?)",
                [(r.key, r.doc_id, r.record, r.text, msgspec.json.encode(r.violated).decode(), now) for r in rows],
            )
        return self.total() - before

    def retry_failed(self) -> int:
        """Failed records go back to pending with a fresh attempt budget (``--retry-failed``)."""
        with self.db:
            return self.db.execute(
                "UPDATE docs SET state = 'pending', attempts = 0, updated = ? WHERE state = 'failed'",
                (time.time(),)).rowcount

    def total(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]

    def counts(self) -> dict[str, int]:
        got = dict(self.db.execute("SELECT state, COUNT(*) FROM docs GROUP BY state").fetchall())
        return {s: got.get(s, 0) for s in STATES}

    def recover(self) -> int:
        """Work a killed run left in flight goes back to pending (calls are at-least-once)."""
        with self.db:
            return self.db.execute("UPDATE docs SET state = 'pending' WHERE state = 'in_flight'").rowcount

    def claim(self, limit: int) -> list[tuple[str, str, list[str], int]]:
        with self.db:
            rows = self.db.execute(
                "SELECT id, text, violated, attempts FROM docs WHERE state = 'pending' ORDER BY id LIMIT ?", (limit,)
            ).fetchall()
            self.db.executemany("UPDATE docs SET state = 'in_flight', updated = ? WHERE id = ?",
                                [(time.time(), r[0]) for r in rows])
        return [(i, t, msgspec.json.decode(v), a) for i, t, v, a in rows]

    def settle(self, doc_id: str, *, state: str, attempts: int, prompt_tokens: int = 0, completion_tokens: int = 0,
               cost: float = 0.0, revised: str | None = None, scores_after: dict | None = None, reason: str = "") -> None:
        with self.db:
            self.db.execute(
                "UPDATE docs SET state = ?, attempts = ?, prompt_tokens = prompt_tokens + ?, "
                "completion_tokens = completion_tokens + ?, cost = cost + ?, revised = ?, scores_after = ?, "
                "reason = ?, updated = ? WHERE id = ?",
                (state, attempts, prompt_tokens, completion_tokens, cost, revised,
                 msgspec.json.encode(scores_after).decode() if scores_after else None, reason, time.time(), doc_id),
            )

    def applied(self, digest: str) -> None:
        """Mark a batch result line as applied (see `import_batch`)."""
        with self.db:
            self.db.execute("INSERT OR IGNORE INTO imported (line) VALUES (?)", (digest,))

    def rows(self, state: str):
        return self.db.execute(
            "SELECT id, doc_id, record, text, attempts, prompt_tokens, completion_tokens, cost, revised, scores_after, reason "
            "FROM docs WHERE state = ? ORDER BY id", (state,))


class QueueRow(msgspec.Struct, frozen=True):
    key: str  # "<queue file>:<line>": unique, whatever the records hold
    doc_id: str
    record: bytes
    text: str
    violated: list[str]


QUEUE_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".parquet")


def _read_lines(path: Path) -> list[bytes]:
    """The lines of a queue file: plain, gzip or zstd (by magic bytes, as ``run`` reads them), every
    gzip member and zstd frame to the end."""
    if is_parquet(path):  # the revise route of a Parquet shard
        return list(parquet_records(path))
    try:
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        elif data[:4] == b"\x28\xb5\x2f\xfd":
            data = ZstdFrames(io.BytesIO(data), path).readall()
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        raise InputError(f"{path}: cannot read the revise queue file: {e}") from None
    return data.splitlines()


def queue_files(inputs: list[str]) -> list[Path]:
    files: list[Path] = []
    for i in inputs:
        p = Path(i)
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.is_file() and f.name.endswith(QUEUE_SUFFIXES))
        elif p.exists():
            files.append(p)
        else:
            raise InputError(f"revise queue not found: {p}")
    seen: set[Path] = set()
    out = []
    for f in files:  # a file named twice (a folder and a file in it) is one queue file
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            out.append(f)
    return out


def check_out(inputs: list[str], out: str | os.PathLike[str]) -> None:
    """Refuse an -o that the queue would read back (the queue folder itself or a folder inside
    it: every revised and dropped file would be queued again on the next call) or that holds a
    queue, and a run's output folder (its revise outputs would be mixed into the run's)."""
    dest = Path(out).resolve()
    if (dest / "run.json").is_file():
        raise ConfigError(f"-o {out} is a curafilter run's output folder; give revise a folder of its own")
    for i in inputs:
        src = Path(i).resolve()
        if dest == src or src in dest.parents or dest in src.parents:
            raise ConfigError(f"-o {out} and the revise queue {i} are inside one another; its outputs would be "
                              "queued again: give -o a folder outside the queue")


def queue_from(inputs: list[str], *, model: Model, field: str, text_key: str, id_key: str | None) -> list[QueueRow]:
    """Every record routed to revise, keyed by its position in the queue (file and line). Only the
    text, id and scores are read from a line; the line is queued as it is, byte for byte (it may hold
    values run accepts and no decoder here builds). A line that cannot be revised (not a JSON object,
    no text, a text no request can carry) is skipped with an UnreadableRecord warning naming its file
    and line: one bad line never stops the queue."""
    thresholds = dict(zip(model.principles, model.thresholds.tolist()))
    out = []
    for f in queue_files(inputs):
        where = os.fspath(f.resolve())
        for n, line in enumerate(_read_lines(f), 1):
            if not line.strip():
                continue
            try:
                out.append(_queue_row(line, f"{where}:{n}", thresholds, field=field, text_key=text_key, id_key=id_key))
            except RecordError as e:
                warnings.warn(f"{f}:{n}: not revised: {e}", UnreadableRecord, stacklevel=2)
    return out


def _queue_row(line: bytes, key: str, thresholds: dict[str, float], *, field: str, text_key: str,
               id_key: str | None) -> QueueRow:
    text = raw_string(line, text_key.split("."))
    if text is None:
        raise RecordError(f"no text at {text_key!r}")
    # The field run added; a queue record without one (not written by run) violates nothing known.
    scores: dict[str, float] = raw_value(line, [field, "scores"], dict[str, float]) or {}  # type: ignore[assignment]
    violated = [p for p, t in thresholds.items() if scores.get(p, 0.0) >= t]
    ident = raw_value(line, id_key.split(".")) if id_key else None
    return QueueRow(key, str(ident) if ident is not None else key, line, text, violated)


@dataclass
class ReviseStats:
    queued: int  # records in the ledger (every queue position ever enqueued into this -o)
    counts: dict[str, int]  # ledger states
    prompt_tokens: int
    completion_tokens: int
    cost: float
    seconds: float
    written: dict[str, int] = dc_field(default_factory=dict)  # rows written to revised/, dropped/, failed/
    read: int = 0  # records read from the queue files given now
    succeeded: int = 0  # records this run settled with an answer (done or dropped)
    failed: int = 0  # records this run settled as failed (the LLM call failed for good)
    skipped: int = 0  # records already settled by an earlier run, not asked again
    unknown: int = 0  # --import-batch: result lines for no record of this ledger (another queue's)

    @property
    def written_total(self) -> int:
        return sum(self.written.values())


async def _one(client: ChatClient, spec: PrinciplesFile, model: Model, prices: Prices, ledger: Ledger,
               doc: tuple[str, str, list[str], int], max_attempts: int, rescore_lock: asyncio.Lock) -> None:
    doc_id, text, violated, attempts = doc
    attempts += 1
    try:
        c = await client.complete(revision_messages(spec, text, violated))
    except LLMError as e:
        state = "failed" if attempts >= max_attempts else "pending"
        ledger.settle(doc_id, state=state, attempts=attempts, reason=client.redact(f"LLM call failed: {e}"))
        return
    await _judge(ledger, model, doc_id, text, c.text, attempts, max_attempts, prices, c.usage.prompt_tokens,
                 c.usage.completion_tokens, rescore_lock)


async def _judge(ledger: Ledger, model: Model, doc_id: str, original: str, rewrite: str, attempts: int,
                 max_attempts: int, prices: Prices, pt: int, ct: int, rescore_lock: asyncio.Lock) -> None:
    """Check a rewrite (:func:`curafilter.rewrite_check.check_rewrite`): done if it passes, else
    retry or, after the last attempt, drop."""
    cost = prices.cost(pt, ct)
    rewrite = unfence(rewrite, original)
    async with rescore_lock:  # one inference at a time; the session is shared
        verdict = await asyncio.to_thread(check_rewrite, model, original, rewrite)
    if verdict.problem is None:
        ledger.settle(doc_id, state="done", attempts=attempts, prompt_tokens=pt, completion_tokens=ct, cost=cost,
                      revised=rewrite, scores_after=verdict.scores, reason="revised")
    else:
        final = attempts >= max_attempts
        ledger.settle(doc_id, state="dropped" if final else "pending", attempts=attempts, prompt_tokens=pt,
                      completion_tokens=ct, cost=cost, scores_after=verdict.scores or None,
                      reason=verdict.problem + (f" after {attempts} attempts" if final else ""))


def write_outputs(ledger: Ledger, out: Path, *, text_key: str, field: str, model: Model, teacher: str) -> dict[str, int]:
    """Regenerate the output files from the ledger: one row per document, renamed into place. A row
    is the queued line byte for byte with its text replaced (when revised) and the audit field set:
    the rest of the record is never decoded (it may hold values run accepts and msgspec refuses)."""
    counts = {}
    enc = msgspec.json.Encoder()
    path = text_key.split(".")
    for state, folder in (("done", "revised"), ("dropped", "dropped"), ("failed", "failed")):
        w = ShardOutputs(os.fspath(out), "revise.jsonl.zst")
        lines = []
        for key, doc_id, record, text, attempts, pt, ct, cost, revised, scores_after, reason in ledger.rows(state):
            line = bytes(record)
            audit = {"id": doc_id, "queue": key, "attempts": attempts, "reason": reason, "prompt_tokens": pt,
                     "completion_tokens": ct, "cost": round(cost, 6), "teacher": teacher, "model": model.id,
                     "scores_after": msgspec.json.decode(scores_after) if scores_after else None}
            if state == "done":
                audit["original_text"] = text
                line = with_value(line, path, enc.encode(revised))
            lines.append(with_value(line, [f"{field}_revision"], enc.encode(audit)))
        w.write_lines(folder, lines)
        got = w.finish() if lines else {}
        if not lines:
            stale = out / folder / "revise.jsonl.zst"
            stale.unlink(missing_ok=True)
        counts[folder] = got.get(folder, 0)
    return counts


async def revise_async(
    inputs: list[str],
    out: str | os.PathLike[str],
    *,
    principles: PrinciplesFile,
    client: ChatClient,
    model: Model,
    max_attempts: int = 3,
    prices: Prices = Prices(),
    text_key: str = "text",
    id_key: str | None = None,
    field: str = "curafilter",
    batch: int = 64,
    retry_failed: bool = False,
    on_progress=None,
) -> ReviseStats:
    started = time.time()
    if max_attempts < 1:
        raise ConfigError(f"max_attempts must be at least 1, got {max_attempts}")
    check_out(inputs, out)
    out = Path(out)
    with Ledger(out / "ledger.sqlite") as ledger:
        rows = queue_from(inputs, model=model, field=field, text_key=text_key, id_key=id_key)
        ledger.enqueue(rows)
        ledger.recover()
        if retry_failed:
            ledger.retry_failed()
        before = ledger.counts()
        lock = asyncio.Lock()
        while True:
            docs = ledger.claim(batch)
            if not docs:
                break
            await asyncio.gather(*(_one(client, principles, model, prices, ledger, d, max_attempts, lock) for d in docs))
            if on_progress:
                on_progress(ledger.counts())
        return _finish(ledger, out, before, len(rows), started, text_key=text_key, field=field, model=model,
                       teacher=client.model)


def _finish(ledger: Ledger, out: Path, before: dict[str, int], read: int, started: float, *, text_key: str,
            field: str, model: Model, teacher: str) -> ReviseStats:
    """Write the outputs and check conservation: every settled record is written exactly once."""
    written = write_outputs(ledger, out, text_key=text_key, field=field, model=model, teacher=teacher)
    after = ledger.counts()
    settled = after["done"] + after["dropped"] + after["failed"]
    if sum(written.values()) != settled or settled + after["pending"] + after["in_flight"] != ledger.total():
        raise CurafilterError(f"revise lost records: {ledger.total():,} queued, {settled:,} settled, "
                              f"{sum(written.values()):,} written ({written})")
    pt, ct, cost = ledger.db.execute("SELECT SUM(prompt_tokens), SUM(completion_tokens), SUM(cost) FROM docs").fetchone()
    return ReviseStats(ledger.total(), after, pt or 0, ct or 0, cost or 0.0, time.time() - started, written=written,
                       read=read,
                       succeeded=(after["done"] + after["dropped"]) - (before["done"] + before["dropped"]),
                       failed=after["failed"] - before["failed"],
                       skipped=before["done"] + before["dropped"] + before["failed"])


def estimate(inputs: list[str], *, principles: PrinciplesFile, model: Model, prices: Prices, text_key: str,
             id_key: str | None, field: str, max_attempts: int, out: str | os.PathLike[str] | None = None) -> dict[str, float]:
    """Dry run: token counts of every prompt still to ask (with the model's tokenizer, an
    approximation of the LLM's) and an expected rewrite as long as the text; cost for one attempt
    and for the worst case. Records an earlier revise into `out` settled are left out (and counted)."""
    from tokenizers import Tokenizer as HF

    tok = HF.from_file(str(model.tokenizer_path))
    tok.no_truncation()
    tok.no_padding()
    docs = queue_from(inputs, model=model, field=field, text_key=text_key, id_key=id_key)
    settled: set[str] = set()
    ledger = Path(out) / "ledger.sqlite" if out is not None else None
    if ledger is not None and ledger.is_file():  # read only: a dry run takes no lock and writes nothing
        db = sqlite3.connect(f"file:{ledger}?mode=ro", uri=True)
        try:
            settled = {r[0] for r in db.execute("SELECT id FROM docs WHERE state IN ('done', 'dropped', 'failed')")}
        except sqlite3.Error:
            settled = set()
        finally:
            db.close()
    before = len(docs)
    docs = [d for d in docs if d.key not in settled]
    pt = ct = 0
    for d in docs:
        text, violated = d.text, d.violated
        msgs = revision_messages(principles, text, violated)
        pt += sum(len(tok.encode(m["content"]).ids) + 4 for m in msgs)
        ct += len(tok.encode(text).ids)
    one = prices.cost(pt, ct)
    return {"documents": len(docs), "settled": before - len(docs), "prompt_tokens": pt, "completion_tokens": ct,
            "cost_one_attempt": one, "cost_worst_case": one * max_attempts}


def export_batch(inputs: list[str], path: str | os.PathLike[str], *, principles: PrinciplesFile, client: ChatClient,
                 model: Model, out: str | os.PathLike[str], text_key: str, id_key: str | None, field: str) -> int:
    """Write OpenAI Batch API requests for every pending document (queued in the ledger first)."""
    from curafilter.outputs import check_replaceable

    if Path(path).is_dir():
        raise ConfigError(f"--export-batch {path} is a folder; give the requests file to write")
    check_replaceable(path, lambda head: head.startswith(b'{"custom_id":'), "revise --export-batch")
    check_out(inputs, out)
    with Ledger(Path(out) / "ledger.sqlite") as ledger:
        ledger.enqueue(queue_from(inputs, model=model, field=field, text_key=text_key, id_key=id_key))
        ledger.recover()
        enc = msgspec.json.Encoder()
        n = 0
        with open(path, "wb") as f:
            for doc_id, text, violated in ledger.db.execute(
                    "SELECT id, text, violated FROM docs WHERE state = 'pending' ORDER BY id").fetchall():
                req = {"custom_id": doc_id, "method": "POST", "url": "/v1/chat/completions",
                       "body": client.body(revision_messages(principles, text, msgspec.json.decode(violated)))}
                f.write(enc.encode(req) + b"\n")
                n += 1
    return n


async def import_batch(path: str | os.PathLike[str], out: str | os.PathLike[str], *, model: Model, teacher: str,
                       max_attempts: int, prices: Prices, text_key: str, field: str) -> ReviseStats:
    """Merge OpenAI Batch API results: each answer is re-scored exactly as a live call would be."""
    started = time.time()
    try:
        lines = Path(path).read_bytes().removeprefix(BOM).splitlines()
    except OSError as e:
        raise InputError(f"cannot read batch results {path}: {e.strerror or e}") from None
    # Every line is checked before any is applied: a bad line part-way left the earlier ones
    # applied and the outputs unwritten.
    results = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            r = msgspec.json.decode(line)
            doc_id = r["custom_id"]
        except (msgspec.DecodeError, KeyError, TypeError, RecursionError) as e:
            raise InputError(f"{path}:{n}: not a batch result line: {e}") from None
        if not isinstance(doc_id, str):
            raise InputError(f"{path}:{n}: not a batch result line: custom_id is {type(doc_id).__name__}, not a string")
        results.append((hashlib.sha256(line.strip()).hexdigest(), doc_id, r))
    with Ledger(Path(out) / "ledger.sqlite") as ledger:
        before = ledger.counts()
        lock = asyncio.Lock()
        unknown = 0
        for digest, doc_id, r in results:
            row = ledger.db.execute("SELECT state, attempts, text FROM docs WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                unknown += 1
                continue
            if row[0] in ("done", "dropped", "failed") or \
                    ledger.db.execute("SELECT 1 FROM imported WHERE line = ?", (digest,)).fetchone():
                continue  # settled, or this answer already applied: importing twice changes nothing
            attempts = row[1] + 1
            resp = r.get("response")
            resp = resp if isinstance(resp, dict) else {}
            body = resp.get("body")
            body = body if isinstance(body, dict) else {}
            if resp.get("status_code") != 200 or r.get("error"):
                state = "failed" if attempts >= max_attempts else "pending"
                ledger.settle(doc_id, state=state, attempts=attempts, reason=redact(f"batch request failed: {r.get('error') or resp.get('status_code')}"))
                ledger.applied(digest)
                continue
            try:
                text = body["choices"][0]["message"]["content"]
            except (KeyError, IndexError, TypeError):
                text = ""
            usage = parse_usage(body.get("usage"))  # a malformed usage counts as 0 tokens, never loses the answer
            await _judge(ledger, model, doc_id, row[2], text if isinstance(text, str) else "", attempts, max_attempts,
                         prices, usage.prompt_tokens, usage.completion_tokens, lock)
            ledger.applied(digest)  # after the answer is settled: a stop between applies it again, never loses it
        if results and unknown == len(results):  # paid-for answers: never dropped without a word
            raise InputError(f"{path}: none of its {len(results):,} results is for a record of {out}'s ledger; import "
                             "into the -o the batch was exported with (--export-batch)")
        st = _finish(ledger, Path(out), before, 0, started, text_key=text_key, field=field, model=model,
                     teacher=teacher)
        st.unknown = unknown
        return st
