"""Label documents with an LLM teacher against the principles (``curafilter annotate``).

Output rows (JSONL, one per labelled document)::

    {"id": ..., "shard": ..., "line": ..., "text": ..., "scores": {principle: p}, "reason": ..., "teacher": model}

Documents whose answer could not be used after retries go to ``<out>.failures.jsonl`` with the
reason; no score is ever invented. A re-run skips documents already in the output and documents
whose failure is recorded; ``retry_failed=True`` (``--retry-failed``) asks for the failures again
(the failures file then holds only the documents that failed again).
"""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
import heapq
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import msgspec

from curafilter._core import resolve_inputs
from curafilter.errors import ConfigError, InputError
from curafilter.llm import ChatClient, LLMError, parse_json_object
from curafilter.principles import PrinciplesFile, annotation_messages, validate_scores
from curafilter.raw_json import RecordError, UnreadableRecord, raw_string
from curafilter.stream import PathsLike, _paths, stream


class Doc(msgspec.Struct, frozen=True):
    id: str
    shard: str
    line: int
    text: str


class LabelRow(msgspec.Struct, kw_only=True):
    id: str
    shard: str
    line: int
    text: str
    scores: dict[str, float]
    reason: str
    teacher: str
    truncated: bool = False


class Failure(msgspec.Struct, kw_only=True):
    id: str
    shard: str
    line: int
    error: str
    teacher: str


@dataclass
class AnnotateStats:
    selected: int = 0
    skipped_done: int = 0
    skipped_failed: int = 0
    labelled: int = 0
    failed: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


def text_at(obj: object, dotted: str) -> str | None:
    for key in dotted.split("."):
        if not isinstance(obj, dict) or key not in obj:
            return None
        obj = obj[key]
    return obj if isinstance(obj, str) else None


def iter_docs(inputs: PathsLike, *, text_key: str = "text", id_key: str | None = None) -> Iterator[Doc]:
    """Every parseable document, with a stable id (its id field, else shard:line). Only the text is
    read from each line (see "Records" above); a line whose text cannot be read is skipped with an
    UnreadableRecord warning naming it."""
    path = text_key.split(".")
    with stream(_paths(inputs), tokenizer=None, text_key=text_key, id_key=id_key) as s:
        shards = s.shards
        for batch in s:
            for i in range(len(batch)):
                shard, line = shards[int(batch.shard[i])], int(batch.line[i])
                try:
                    text = raw_string(batch.raw(i), path)
                except RecordError as e:  # not expected: run's parser read this text
                    warnings.warn(f"{shard}:{line}: not labelled: {e}", UnreadableRecord, stacklevel=2)
                    continue
                if text is not None:
                    # By absolute path: a re-run that spells the input another way resumes.
                    yield Doc(batch.ids[i] or f"{os.path.abspath(shard)}:{line}", shard, line, text)


def sample(docs: Iterator[Doc], n: int | None, seed: int) -> list[Doc]:
    """A seeded sample of `n` documents: those with the smallest keyed hash of their id. It does
    not depend on the order documents arrive in, and a larger n keeps every smaller n's picks."""
    if n is None:
        return list(docs)

    def rank(d: Doc) -> int:
        return int.from_bytes(hashlib.blake2b(f"{seed}\x00{d.id}".encode(), digest_size=8).digest(), "big")

    picked = heapq.nsmallest(n, docs, key=rank)
    return sorted(picked, key=rank)


def read_done(path: Path) -> set[str]:
    """Ids already labelled. A torn last line (a killed run) is dropped from the file; any other
    line that is not a label row means the file is not one annotate wrote, and it is refused
    rather than rewritten (which would erase it)."""
    if not path.exists():
        return set()
    data = path.read_bytes()
    lines = data.splitlines()
    ids: set[str] = set()
    for n, line in enumerate(lines, 1):
        try:
            row = msgspec.json.decode(line, type=LabelRow)
            ids.add(row.id)
            if row.id == f"{row.shard}:{row.line}" and not os.path.isabs(row.shard):
                # Labelled before ids named the shard by its absolute path: resumed from the same
                # folder, the document is still known as done.
                ids.add(f"{os.path.abspath(row.shard)}:{row.line}")
        except (msgspec.DecodeError, msgspec.ValidationError) as e:
            # Torn: the last line, cut before its line end, of a row annotate began (rows open with
            # their id). Anything else, a one-line file of someone else's included, is refused.
            torn = n == len(lines) and not data.endswith((b"\n", b"\r")) and line.startswith(b'{"id":') \
                and not _is_json(line)  # cut short: a whole JSON line is someone else's record
            if not torn:
                raise ConfigError(f"{path}:{n}: not a label row written by curafilter annotate ({e}); "
                                  "-o names a labels file: choose another") from None
            path.write_bytes(b"".join(x + b"\n" for x in lines[:-1]))
    return ids


def _is_json(line: bytes) -> bool:
    try:
        msgspec.json.decode(line)
        return True
    except (msgspec.DecodeError, RecursionError):
        return False


def _failure_id(line: bytes) -> str | None:
    try:
        return msgspec.json.decode(line, type=Failure).id
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None  # a torn line (a killed run)


def read_failures(path: Path) -> set[str]:
    """Ids whose failure is recorded in the failures file. A last line without its line end (a
    kill mid-write) is cut, or ended when whole: the next failure appended to it was lost with it."""
    if not path.exists():
        return set()
    data = path.read_bytes()
    lines = data.splitlines()
    if data and not data.endswith((b"\n", b"\r")):
        whole = _failure_id(lines[-1]) is not None
        path.write_bytes(data + b"\n" if whole else b"".join(x + b"\n" for x in lines[:-1]))
    return {i for i in map(_failure_id, lines) if i is not None}


async def _label(client: ChatClient, spec: PrinciplesFile, doc: Doc, *, max_chars: int,
                 parse_retries: int) -> LabelRow | Failure:
    text = doc.text[:max_chars]
    error = ""
    for _ in range(parse_retries + 1):
        try:
            c = await client.complete(annotation_messages(spec, text), json_mode=True)
        except LLMError as e:
            error = client.redact(e)
            break
        got = validate_scores(parse_json_object(c.text), spec.names)
        if isinstance(got, tuple):
            scores, reason = got
            return LabelRow(id=doc.id, shard=doc.shard, line=doc.line, text=doc.text, scores=scores, reason=reason,
                            teacher=client.model, truncated=len(doc.text) > max_chars)
        error = client.redact(f"unusable answer: {got}")
    return Failure(id=doc.id, shard=doc.shard, line=doc.line, error=error, teacher=client.model)


async def annotate_async(
    inputs: PathsLike,
    out: str | os.PathLike[str],
    *,
    principles: PrinciplesFile,
    client: ChatClient,
    n: int | None = None,
    seed: int = 0,
    text_key: str = "text",
    id_key: str | None = None,
    max_chars: int = 8000,
    parse_retries: int = 2,
    retry_failed: bool = False,
    on_progress=None,
) -> AnnotateStats:
    out = Path(out)
    if out.is_dir():
        raise ConfigError(f"labels file {out} is a folder; -o names a JSONL file")
    failures = out.with_name(out.name.removesuffix(".jsonl") + ".failures.jsonl")
    named = {os.path.abspath(p) for p in _paths(inputs)}
    shards = []
    for shard in resolve_inputs(_paths(inputs)):
        mine = [m for m in (out, failures) if os.path.abspath(m) == os.path.abspath(shard)
                or (m.exists() and os.path.samefile(m, shard))]
        if mine and os.path.abspath(shard) in named:
            raise ConfigError(f"{mine[0]} is one of the inputs; annotate writes labels there: choose another -o")
        if not mine:  # its own files, found in an input folder, are not documents
            shards.append(shard)
    inputs = shards
    out.parent.mkdir(parents=True, exist_ok=True)
    fo = out.open("ab")
    try:
        fcntl.flock(fo, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released when fo closes, or the process ends
    except OSError:
        fo.close()
        raise ConfigError(f"{out} is being written by another curafilter annotate; wait for it or choose another -o") from None
    with fo:
        return await _annotate_into(fo, out, failures, inputs, principles=principles, client=client, n=n, seed=seed,
                                    text_key=text_key, id_key=id_key, max_chars=max_chars, parse_retries=parse_retries,
                                    retry_failed=retry_failed, on_progress=on_progress)


async def _annotate_into(fo, out: Path, failures: Path, inputs: PathsLike, *, principles: PrinciplesFile,
                         client: ChatClient, n: int | None, seed: int, text_key: str, id_key: str | None,
                         max_chars: int, parse_retries: int, retry_failed: bool, on_progress) -> AnnotateStats:
    done = read_done(out)
    failed_before = read_failures(failures)
    chosen = sample(iter_docs(inputs, text_key=text_key, id_key=id_key), n, seed)
    todo = [d for d in chosen if d.id not in done]
    skipped_done = len(chosen) - len(todo)
    if retry_failed:
        if failed_before:  # the documents asked again leave the file; the ones failing again come back
            again = {d.id for d in todo}
            kept = [x for x in failures.read_bytes().splitlines() if _failure_id(x) not in again]
            failures.write_bytes(b"".join(x + b"\n" for x in kept))
    else:
        todo = [d for d in todo if d.id not in failed_before]
    stats = AnnotateStats(selected=len(chosen), skipped_done=skipped_done,
                          skipped_failed=len(chosen) - skipped_done - len(todo))
    enc = msgspec.json.Encoder()
    with failures.open("ab") as ff:
        for fut in asyncio.as_completed([_label(client, principles, d, max_chars=max_chars,
                                                parse_retries=parse_retries) for d in todo]):
            row = await fut
            # One write per complete line, flushed: a kill leaves at most one torn line.
            if isinstance(row, LabelRow):
                fo.write(enc.encode(row) + b"\n")
                fo.flush()
                stats.labelled += 1
            else:
                ff.write(enc.encode(row) + b"\n")
                ff.flush()
                stats.failed += 1
            if on_progress:
                on_progress(1)
    stats.prompt_tokens = client.stats.usage.prompt_tokens
    stats.completion_tokens = client.stats.usage.completion_tokens
    return stats


def teacher_rows(path: str | os.PathLike[str], principles: list[str] | None = None, *, threshold: float = 0.5):
    """Labelled rows for the builder: one per document and principle, label = score >= threshold.

    Validation groups are five folds by a hash of the document id (documents of one shard stay
    apart from nothing else, so folds are the honest unit here)."""
    from curafilter.labels import BOM, LabeledRow

    rows = []
    for n, line in enumerate(Path(path).read_bytes().removeprefix(BOM).splitlines(), 1):
        if not line.strip():
            continue
        try:
            r = msgspec.json.decode(line, type=LabelRow)
        except (msgspec.DecodeError, msgspec.ValidationError) as e:
            raise InputError(f"{path}:{n}: not a label row written by curafilter annotate: {e}") from None
        odd = {p: s for p, s in r.scores.items() if not 0 <= s <= 1}
        if odd:
            raise InputError(f"{path}:{n}: scores must be within [0, 1], got {odd}")
        fold = int(hashlib.blake2b(r.id.encode(), digest_size=4).hexdigest(), 16) % 5
        for p, score in r.scores.items():
            if principles is None or p in principles:
                rows.append(LabeledRow(text=r.text, principle=p, label=int(score >= threshold),
                                       source=r.teacher, category=f"fold{fold}"))
    return rows
