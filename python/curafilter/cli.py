"""The ``curafilter`` command line.

Exit codes: 0 success (quarantined lines are reported, not fatal); 1 fatal error (missing input,
bad option, unloadable tokenizer or model), or a run that refused an input file of a format it
does not read (the other files are routed); 2 bad command-line usage; 130 interrupted; 143 terminated
(SIGTERM).
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import re
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
import time
from collections import Counter

import msgspec
import numpy as np
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from curafilter import __version__
from curafilter.cascade import ALPHA as CASCADE_ALPHA
from curafilter.device import CPU_BATCH_TOKENS, GPU_BATCH_TOKENS
from curafilter.errors import ConfigError, CurafilterError, InputError
from curafilter.model import ALL_WINDOWS
from curafilter.progress import doc_progress, input_bytes, shard_progress
from curafilter.stream import MAX_THREADS, stream

if TYPE_CHECKING:
    from curafilter.annotate import AnnotateStats
    from curafilter.outputs import RunIdentity
    from curafilter.revise import ReviseStats
    from curafilter.run import RunStats


# C0 controls except tab and newline, DEL, and C1 controls (ESC starts terminal escape sequences;
# C1 0x9b is a one-byte CSI).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: object) -> str:
    """`text` without terminal control characters (newline and tab kept)."""
    return _CONTROL.sub("", str(text))


def plain(text: object, style: str = "") -> Text:
    """Untrusted text (paths, names, reasons, document text, error messages) for rich: no markup,
    no emoji codes, no control sequences. A ``[/]`` in it is shown, never parsed."""
    return Text(strip_controls(text), style=style)


def _number_type(convert, ok, expected: str):
    """An argparse type: `convert` the text, then require `ok(value)`; else a usage error (exit 2)."""
    def parse(text: str):
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}") from None
        if not ok(value):
            raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")
        return value

    parse.__name__ = expected  # argparse names the type in some messages
    return parse


positive_int = _number_type(int, lambda v: v >= 1, "an integer of at least 1")


def _split_partition(text: str) -> tuple[int, int]:
    i, n = text.split("/")
    return int(i), int(n)


partition_arg = _number_type(_split_partition, lambda v: 0 <= v[0] < v[1], "I/N with 0 <= I < N, e.g. 0/4")
non_negative_int = _number_type(int, lambda v: v >= 0, "an integer of 0 or more")
threads_int = _number_type(int, lambda v: 0 <= v <= MAX_THREADS, f"an integer from 0 to {MAX_THREADS}")
max_length_int = _number_type(int, lambda v: v >= 2, "an integer of at least 2")
on_off = _number_type(lambda t: {"on": True, "off": False}.get(t), lambda v: v is not None, "on or off")
windows_type = _number_type(lambda t: ALL_WINDOWS if t == "all" else int(t), lambda v: v >= 1,
                            "a positive integer or 'all'")
positive_float = _number_type(float, lambda v: math.isfinite(v) and v > 0, "a number greater than 0")
non_negative_float = _number_type(float, lambda v: math.isfinite(v) and v >= 0, "a number of 0 or more")
recall_float = _number_type(float, lambda v: 0 < v <= 1, "a number in (0, 1]")


class StreamStats(msgspec.Struct, kw_only=True):
    shards: int
    input_bytes: int
    decoded_bytes: int
    lines: int
    docs: int
    quarantined: int
    quarantined_by_reason: dict[str, int]
    tokens: int
    truncated_docs: int
    padded_tokens: int
    batches: int
    seconds: float

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0


def _same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): not the same file
        return False


def cmd_stream(args: argparse.Namespace, console: Console) -> int:
    s = stream(
        args.inputs,
        tokenizer=args.tokenizer,
        max_length=args.max_length,
        windows=args.windows,
        overlap=args.overlap,
        batch_tokens=args.batch_tokens,
        threads=args.threads,
        text_key=args.text_key,
        id_key=args.id_key,
    )
    reasons: Counter[str] = Counter()
    truncated = padded = 0
    if args.quarantine and any(_same_file(args.quarantine, shard) for shard in s.shards):
        s.close()
        raise ConfigError(f"--quarantine {args.quarantine} is one of the inputs; writing it would erase that input")
    if args.quarantine:
        from curafilter.outputs import check_replaceable

        try:
            check_replaceable(args.quarantine, lambda head: head.startswith(b'{"shard":'), "stream --quarantine")
        except ConfigError:
            s.close()
            raise
    try:
        quarantine_out = open(args.quarantine, "wb") if args.quarantine else None
    except OSError as e:
        raise ConfigError(f"cannot write --quarantine file {args.quarantine}: {e.strerror or e}") from None
    started = time.perf_counter()
    total = input_bytes(s.shards)
    with s, shard_progress(console, disable=args.quiet) as progress:
        task = progress.add_task("stream", total=total)
        for batch in s:
            # Cut short: every window used, and full (a document of exactly that size counts too).
            rows = np.bincount(batch.row_doc, minlength=len(batch))
            truncated += int(((rows == args.windows) & (batch.n_tokens >= args.windows * args.max_length)).sum())
            padded += batch.input_ids.size
            for q in batch.quarantined:
                reasons[q.reason] += 1
                if quarantine_out:
                    quarantine_out.write(msgspec.json.encode(q.to_dict()) + b"\n")
            c = s.counters
            progress.update(task, completed=c["bytes_read"], docs=c["docs"])
        c = s.counters
        progress.update(task, completed=total, docs=c["docs"])
    if quarantine_out:
        quarantine_out.close()
    stats = StreamStats(
        shards=len(s.shards),
        input_bytes=c["bytes_read"],
        decoded_bytes=c["bytes_decoded"],
        lines=c["lines"],
        docs=c["docs"],
        quarantined=c["quarantined"],
        quarantined_by_reason=dict(sorted(reasons.items())),
        tokens=c["tokens"],
        truncated_docs=truncated,
        padded_tokens=padded,
        batches=c["batches"],
        seconds=time.perf_counter() - started,
    )
    if args.json:
        print_json(stats)
    else:
        results_console().print(stream_table(stats))
    return 0


def stream_table(st: StreamStats) -> Table:
    t = Table(title="stream", show_header=False)
    secs = st.seconds or float("nan")
    rows = [
        ("shards", f"{st.shards:,}"),
        ("lines (non-blank)", f"{st.lines:,}"),
        ("documents", f"{st.docs:,}"),
        ("quarantined", f"{st.quarantined:,}"),
        *((f"  {reason}", f"{n:,}") for reason, n in st.quarantined_by_reason.items()),
        ("tokens", f"{st.tokens:,} ({st.tokens / max(st.docs, 1):.1f}/doc)"),
        ("truncated at max length", f"{st.truncated_docs:,} ({100 * st.truncated_docs / max(st.docs, 1):.1f}%)"),
        ("padding efficiency", f"{100 * st.tokens / max(st.padded_tokens, 1):.1f}% real tokens"),
        ("batches", f"{st.batches:,}"),
        ("time", f"{st.seconds:.2f} s"),
        ("throughput", f"{st.docs / secs:,.0f} docs/s, {st.decoded_bytes / secs / 1e6:,.1f} MB/s decoded"),
    ]
    for k, v in rows:
        t.add_row(k, v)
    return t


def cmd_evaluate(args: argparse.Namespace, console: Console) -> int:
    from curafilter.evaluate import evaluate
    from curafilter.model import load_model

    model = load_model(args.bundle, device=args.device)
    with doc_progress(console, disable=args.quiet or args.json) as bar:
        task = bar.add_task("evaluate", total=None)
        report = evaluate(model, args.labels, on_progress=lambda done, total: bar.update(task, completed=done, total=total))
    if not report.principles:  # an empty table and exit 0 would read as a measured result
        raise InputError(f"{args.labels}: no labelled rows for the principles {model.principles}"
                         + (f" (rows for others: {report.skipped_rows})" if report.skipped_rows else ""))
    if args.json:
        print_json(report)
        return 0
    out = results_console()
    t = Table(title=plain(f"{report.model} on {report.labels}"))
    for col in ["principle", "rows", "positives", "AUROC", "threshold", "precision", "recall", "F1", "ECE"]:
        t.add_column(col, justify="left" if col == "principle" else "right")
    for r in report.principles:
        t.add_row(plain(r.principle), f"{r.n:,}", f"{r.positives:,}", f"{r.auroc:.3f}", f"{r.threshold:.3f}",
                  f"{r.precision:.3f}", f"{r.recall:.3f}", f"{r.f1:.3f}", f"{r.calibration.ece:.3f}")
    out.print(t)
    cal = Table(title="calibration: mean score → observed positive rate (rows) per score bin")
    cal.add_column("principle")
    for r in report.principles:
        cells = [f"{b.lo:.1f}-{b.hi:.1f}: {b.mean_score:.2f}→{b.positive_rate:.2f} ({b.count})" for b in r.calibration.bins]
        cal.add_row(plain(r.principle), "\n".join(cells))
    out.print(cal)
    if report.skipped_rows:
        console.print(f"[yellow]rows for principles the model does not score, skipped:[/] "
                      f"{escape(strip_controls(report.skipped_rows))}")
    return 0


SPARK = " ▁▂▃▄▅▆▇█"


def sparkline(counts: list[int]) -> str:
    top = max(counts) or 1
    return "".join(SPARK[min(8, -(-8 * c // top))] for c in counts)


def run_tables(st: "RunStats") -> list[Table]:
    total = st.docs + st.quarantined
    routes = Table(title="routes")
    routes.add_column("route")
    routes.add_column("documents", justify="right")
    routes.add_column("%", justify="right")
    for route, n in [*st.routes.items(), ("quarantine", st.quarantined)]:
        routes.add_row(route, f"{n:,}", f"{100 * n / max(total, 1):.1f}")
    routes.add_row("[bold]total", f"[bold]{total:,}", "100.0")
    scores = Table(title="scores (histogram over 0 … 1)")
    for col in ["principle", "histogram", "counts", "conflicts"]:
        scores.add_column(col)
    for p, h in st.histograms.items():
        scores.add_row(plain(p), sparkline(h), " ".join(str(c) for c in h), str(st.conflicts[p]))
    info = Table(show_header=False, title="run")
    secs = st.seconds or float("nan")
    rows = [
        ("model", st.model),
        ("rules", st.rules),
        ("shards", f"{st.shards_total} ({st.shards_skipped} already done, {st.shards_completed} completed now)"),
        ("reasons", ", ".join(f"{k}: {v:,}" for k, v in st.reasons.items()) or "-"),
        ("quarantined", ", ".join(f"{k}: {v:,}" for k, v in st.quarantined_by_reason.items()) or "none"),
        ("throughput", f"{st.docs / secs:,.1f} docs/s, {st.input_bytes / secs / 1e6:,.2f} MB/s in, {st.seconds:.1f} s"),
        ("windows", (f"{st.windows_scored:,} scored, {st.windows_scored / max(st.docs, 1):.2f} per document"
                     + (f"; cascade escalated {st.escalation_rate:.1%} of {st.windows_total:,}" if st.cascade else ""))
                    if st.windows_scored else "none scored"),
    ]
    if st.limited:
        rows.append(("limited", "stopped at --limit: the last shards are not marked complete"))
    for k, v in rows:
        info.add_row(k, plain(v))  # rule reasons come from the rules file: never parsed as markup
    return [routes, scores, info]


def results_console() -> Console:
    """Where tables and results go: stdout (progress, warnings and errors go to stderr)."""
    return Console()


def print_json(obj: object) -> None:
    """``--json``: the summary as one JSON object on stdout, and nothing else there (progress and
    messages still go to stderr)."""
    sys.stdout.write(msgspec.json.encode(obj).decode() + "\n")


@contextlib.contextmanager
def reporting_skips(console: Console) -> Iterator[list[str]]:
    """Records a stage skipped (UnreadableRecord warnings, each naming its file and line): printed
    to stderr as they come, and collected for the ``--json`` summary."""
    from curafilter.raw_json import UnreadableRecord

    skipped: list[str] = []
    with warnings.catch_warnings():  # restores warnings.showwarning on the way out
        warnings.simplefilter("always", UnreadableRecord)  # every record, not once per call site
        others = warnings.showwarning

        def show(message, category, *rest, **kw) -> None:  # type: ignore[no-untyped-def]
            if not issubclass(category, UnreadableRecord):
                return others(message, category, *rest, **kw)
            skipped.append(str(message))
            console.print(plain(message, "yellow"), soft_wrap=True)  # "FILE:LINE: not revised: why"

        warnings.showwarning = show
        yield skipped


def cmd_run(args: argparse.Namespace, console: Console) -> int:
    from curafilter.run import run

    options = dict(
        rules=args.rules, batch_tokens=args.batch_tokens, threads=args.threads, text_key=args.text_key,
        id_key=args.id_key, scores_only=args.scores_only, field_name=args.field, tag_prefix=args.tag_prefix,
        provenance=args.provenance, output_format=args.output_format,
    )
    load = dict(model=args.model, device=args.device, windows=args.windows, overlap=args.overlap, cascade=args.cascade)
    if args.engine == "ray":
        import curafilter.ray

        stats = curafilter.ray.run(args.inputs, args.out, address=args.address, workers=args.workers,
                                   cpus_per_worker=args.cpus_per_worker, limit=args.limit, partition=args.partition,
                                   progress=not args.quiet, console=console, **load, **options)
        if stats.retries:
            console.print(plain(f"{stats.retries} shard(s) retried after their worker died", "yellow"))
    else:
        stats = run(args.inputs, args.out, limit=args.limit, partition=args.partition, progress=not args.quiet,
                    console=console, **load, **options)
    print_run(stats, args.json)
    if stats.quarantined:
        console.print(plain(f"{stats.quarantined:,} lines quarantined: see {args.out}/quarantine/", "yellow"),
                      soft_wrap=True)
    for why in stats.refused.values():
        console.print(plain(f"error: {why}", "red"), soft_wrap=True)
    # Refused files are not done: exit non-zero so a pipeline notices, and a re-run retries them.
    return 1 if stats.refused else 0


def cmd_bench(args: argparse.Namespace, console: Console) -> int:
    from curafilter._core import resolve_inputs
    from curafilter.benchmark import bench
    from curafilter.outputs import write_atomic

    if args.out:  # checked before the benchmark runs, not after
        dest = Path(args.out)
        if dest.is_dir() or not dest.parent.is_dir():
            raise ConfigError(f"-o {dest}: " + ("is a folder" if dest.is_dir() else f"folder {dest.parent} does not exist")
                              + "; -o names the JSON report file")
        if any(_same_file(dest, shard) for shard in resolve_inputs(args.inputs)):
            raise ConfigError(f"-o {dest} is one of the inputs; writing the report would erase it")
        from curafilter.outputs import check_replaceable

        check_replaceable(dest, lambda head: head.replace(b" ", b"").startswith(b'{\n"machine":'), "bench")
    report = bench(args.inputs, model=args.model, device=args.device, docs=args.docs, model_docs=args.model_docs,
                   lengths=args.lengths, windows=args.windows, cascade=args.cascade, console=console)
    if args.out:
        write_atomic(Path(args.out), msgspec.json.format(msgspec.json.encode(report), indent=2) + b"\n")
    if args.json:
        print_json(report)
        return 0
    t = Table(title=f"{report.model} on {report.device}: {report.machine}")
    for col in ("stage", "docs", "seconds", "docs/s", "detail"):
        t.add_column(col, justify="right" if col in ("docs", "seconds", "docs/s") else "left")
    for m in report.measures:
        t.add_row(m.stage, f"{m.docs:,}", f"{m.seconds:.2f}", f"{m.docs_per_s:,.1f}", plain(m.detail))
    results_console().print(t)
    return 0


def cmd_merge_stats(args: argparse.Namespace, console: Console) -> int:
    from curafilter.run import merge_stats

    totals = merge_stats(args.out)
    if args.json:
        print_json(totals)
    else:
        console.print(plain(f"{args.out}: {totals.shards_completed:,} shards, {totals.docs:,} documents "
                            f"({', '.join(f'{k} {v:,}' for k, v in totals.routes.items())}), "
                            f"{totals.quarantined:,} quarantined"), soft_wrap=True)
    return 0


def cmd_route(args: argparse.Namespace, console: Console) -> int:
    from curafilter.run import reroute

    stats = reroute(args.scores, args.out, rules=args.rules, batch_tokens=args.batch_tokens, threads=args.threads,
                    tag_prefix=args.tag_prefix, field_name=args.field, progress=not args.quiet, console=console)
    print_run(stats, args.json)
    return 0


def cmd_plan(args: argparse.Namespace, console: Console) -> int:
    from curafilter.plan import plan, plan_tables, projection_path

    projection = plan(args.scores, args.goals, args.out, model=args.model, holdout=args.holdout)
    if args.json:
        print_json(projection)
    else:
        out = results_console()
        for t in plan_tables(projection):
            out.print(t)
    for note in projection.notes:
        console.print(plain(note, "yellow"), soft_wrap=True)
    console.print(plain(f"wrote {args.out} and {projection_path(args.out)}"), soft_wrap=True)
    return 0


def print_run(stats: "RunStats", as_json: bool) -> None:
    if as_json:
        print_json(stats)
        return
    out = results_console()
    for t in run_tables(stats):
        out.print(t)


def sample_lines(files: list[Path], n: int, seed: int) -> tuple[list[tuple[Path, int, bytes]], int]:
    """A reproducible uniform sample of `n` records (file, line number, raw line) over `files`, in
    reading order, by reservoir sampling (one pass, `n` records in memory); and the record count."""
    from curafilter.outputs import Reservoir, route_records

    res = Reservoir(n, seed)
    for f in files:
        for k, line in enumerate(route_records(f), 1):
            if line.strip():
                res.offer((f, k, line))
    return res.sample(), res.seen


def _cell(value: object) -> str:
    return "-" if value is None else str(value)


def cmd_inspect(args: argparse.Namespace, console: Console) -> int:
    from curafilter.outputs import read_identity, route_files

    root = Path(args.out)
    identity = read_identity(root)
    default = ["scores", "quarantine"] if identity.scores_only else ["drop", "revise", "tag", "keep", "quarantine"]
    routes = [args.route] if args.route else default
    out = results_console()
    shown = []
    # Document text, ids, paths and reasons are untrusted: shown with plain() (no markup, no
    # terminal control sequences: an ESC in a document must not drive the terminal).
    for route in routes:
        # A --limit run leaves its last shards' files as .partial: shown too (a --scores-only
        # sample for `plan` is often nothing else), and said so.
        whole, partial = route_files(root / route)
        files = whole + partial
        sample, total = sample_lines(files, args.n, args.seed)
        if args.json:  # each record as it is in the route file, not decoded
            shown.append({"route": route, "total": total, "partial_files": len(partial), "sample": [
                {"file": str(f), "line": n, "record": msgspec.Raw(line.rstrip(b"\r\n"))} for f, n, line in sample]})
            continue
        if not sample:
            continue
        note = f" ({len(partial)} file(s) of shards a --limit cut short)" if partial else ""
        t = Table(title=f"{route}: {len(sample)} of {total:,}{note}", show_lines=True)
        if route == "quarantine":
            for col in ("shard", "line", "reason", "detail"):
                t.add_column(col, overflow="fold")
        elif route == "scores":
            t.add_column("id", overflow="fold")
            t.add_column("shard:line", overflow="fold")
            t.add_column("scores")
        else:
            t.add_column("id", overflow="fold", max_width=16)
            t.add_column("text", ratio=3)
            t.add_column("scores / reason", ratio=1)
        for f, n, line in sample:
            if route == "quarantine":  # quarantine records and score rows are curafilter's own JSON
                obj = msgspec.json.decode(line)
                t.add_row(plain(obj["shard"]), str(obj["line"]), plain(obj["reason"]), plain(obj["detail"]))
            elif route == "scores":
                obj = msgspec.json.decode(line)
                scores = "\n".join(f"{k}={v:.2f}" for k, v in obj["scores"].items())
                t.add_row(plain(_cell(obj.get("id"))), plain(f"{obj['shard']}:{obj['line']}"), scores)
            else:
                t.add_row(*_document_cells(line, identity, args.chars, f"{f}:{n}"))
        out.print(t)
    if args.json:
        print_json({"out": str(root), "routes": shown})
    return 0


class _Annotation(msgspec.Struct):
    scores: dict[str, float]
    reason: str
    route: str = ""
    at: dict[str, int] = {}  # where the window that gave each score starts (several windows)


def _passage(text: str, ann: "_Annotation", chars: int, tag_prefix: str | None) -> str:
    """What to show of a routed document: from the window of its highest score, when that is not
    the head."""
    from curafilter.outputs import flagged_offset

    start = flagged_offset(ann.route, ann.scores, ann.at, text, tag_prefix)
    if start is None or not text[:start].removeprefix(tag_prefix or ""):
        return text[:chars]
    return "…" + text[start:start + chars]


def _document_cells(line: bytes, identity: "RunIdentity", chars: int, where: str) -> tuple[Text, Text, Text]:
    """id, text and scores of a routed record. Only those fields are read: the document's other
    fields may hold what run accepts and no decoder here builds (1e400, a lone surrogate escape,
    nesting thousands deep)."""
    from curafilter.outputs import document_id
    from curafilter.raw_json import RecordError, raw_string, raw_value

    try:
        text = raw_string(line, identity.text_key.split("."))
        ident = document_id(line, identity)
        ann = raw_value(line, [identity.field], _Annotation)
    except RecordError as e:
        return plain("-"), plain(f"{where}: unreadable record: {e}", "red"), plain("")
    if not isinstance(ann, _Annotation):
        return plain(_cell(ident)), plain(_cell(text)[:chars]), plain("-")
    scores = " ".join(f"{k}={v:.2f}" for k, v in ann.scores.items())
    shown = _passage(text, ann, chars, identity.tag_prefix) if isinstance(text, str) else _cell(text)[:chars]
    return plain(_cell(ident)), plain(shown), plain(f"{scores}\n{ann.reason}")


def cmd_report(args: argparse.Namespace, console: Console) -> int:
    from curafilter.report import write_report

    data = write_report(args.out, args.output, sample=args.sample, seed=args.seed, chars=args.chars,
                        field=args.field, text_key=args.text_key)
    if args.json:
        print_json(data)
    console.print(plain(f"wrote {args.output} ({data['kind']} folder {args.out})"), soft_wrap=True)
    return 0


def _client(args: argparse.Namespace):
    from curafilter.llm import ChatClient

    return ChatClient(args.endpoint, args.llm_model, api_key_env=args.api_key_env, concurrency=args.concurrency,
                      timeout=args.timeout, max_retries=args.retries)


def cmd_annotate(args: argparse.Namespace, console: Console) -> int:
    import asyncio

    from curafilter.annotate import annotate_async
    from curafilter.principles import load_principles

    spec = load_principles(args.principles)

    async def go():
        async with _client(args) as client:
            with doc_progress(console, disable=args.quiet) as bar:
                task = bar.add_task("annotate", total=args.n)
                return await annotate_async(
                    args.inputs, args.out, principles=spec, client=client, n=args.n, seed=args.seed,
                    text_key=args.text_key, id_key=args.id_key, max_chars=args.max_chars,
                    retry_failed=args.retry_failed, on_progress=lambda k: bar.advance(task, k),
                )

    with reporting_skips(console) as skipped:
        st = asyncio.run(go())
    if args.json:
        print_json({**msgspec.to_builtins(st), "unreadable": skipped})
    else:
        _annotate_table(st, args.out)
    console.print(f"annotate: {st.labelled:,} succeeded, {st.failed:,} failed, "
                  f"{st.skipped_done + st.skipped_failed:,} skipped")
    if st.labelled == 0 and st.failed > 0:
        console.print(plain(f"error: every one of {st.failed:,} LLM calls failed (see the .failures.jsonl file)"))
        return 1
    return 0


def _annotate_table(st: "AnnotateStats", out: str) -> None:
    t = Table(title=plain(f"annotate → {out}"), show_header=False)
    for k, v in [("selected", st.selected), ("already labelled (skipped)", st.skipped_done),
                 ("failed before (skipped; --retry-failed asks again)", st.skipped_failed), ("labelled now", st.labelled),
                 ("failed (see .failures.jsonl)", st.failed), ("prompt tokens", st.prompt_tokens),
                 ("completion tokens", st.completion_tokens)]:
        t.add_row(k, f"{v:,}")
    results_console().print(t)


def cmd_distill(args: argparse.Namespace, console: Console) -> int:
    from rich.progress import Progress

    from curafilter import distill
    from curafilter.annotate import teacher_rows
    from curafilter.card import Principle, Provenance

    labels = Path(args.labels)
    if not labels.is_file():
        raise InputError(f"labels file {args.labels} does not exist" if not labels.exists()
                         else f"labels file {args.labels} is not a file")
    if Path(args.out).exists() and not Path(args.out).is_dir():  # checked before the work, not after
        raise ConfigError(f"output folder {args.out} exists and is not a folder; choose another -o")
    distill.require_train()  # before reading labels or computing anything
    try:
        rows = teacher_rows(labels, threshold=args.label_threshold)
    except OSError as e:
        raise InputError(f"cannot read labels file {args.labels}: {e}") from None
    if args.principles:
        from curafilter.principles import load_principles

        spec = load_principles(args.principles)
        principles = [Principle(p.name, p.description) for p in spec.principle]
    else:
        from curafilter.principles import check_names

        names = sorted({r.principle for r in rows})
        check_names(names, f"labels file {args.labels}")  # they become keys of the bundle's rules.toml
        principles = [Principle(n, n) for n in names]
    ds = distill.Dataset.from_rows(rows, [p.name for p in principles])
    distill.check_labels(ds)
    encoder = Path(args.encoder) if args.encoder else distill.find_encoder()
    try:  # the encoder's own checks come later; this one only needs its position count
        positions = msgspec.json.decode((encoder / "config.json").read_bytes()).get("max_position_embeddings")
    except (OSError, msgspec.DecodeError, AttributeError):
        positions = None
    if isinstance(positions, int) and args.max_length > positions:
        raise ConfigError(f"--max-length {args.max_length}: the encoder {encoder} has {positions} positions; "
                          f"use at most {positions}")
    fine_tune = None
    if args.pooling != "mean" and not args.fine_tune:
        raise ConfigError(f"--pooling {args.pooling} needs --fine-tune: frozen heads read the plain mean")
    if args.fine_tune:
        from curafilter.finetune import FineTune, require_torch

        require_torch()  # before any work: fail now, not after the features are computed
        fine_tune = FineTune(epochs=args.epochs, lr=args.lr, folds=args.folds, pooling=args.pooling)
    with Progress(console=console) as progress:
        if fine_tune is None:
            task = progress.add_task("embedding", total=len(ds.texts))
        else:  # each validation fold trains on the other folds' texts, then the final model on all
            n = len(set(ds.texts))
            task = progress.add_task("fine-tuning", total=int(fine_tune.epochs * n * fine_tune.folds))
        card = distill.build_bundle(
            ds, Path(args.out), principles=principles, encoder=encoder, name=args.name, version=args.version,
            provenance=Provenance(encoder=str(encoder) + (" (fine-tuned)" if fine_tune else " (frozen)"),
                                  encoder_license="see the encoder's card",
                                  data=[f"teacher labels {args.labels}"], built_by="curafilter distill"),
            max_length=args.max_length, baselines=not args.no_baselines, fine_tune=fine_tune,
            log=lambda m: progress.console.print(m), progress=lambda n: progress.advance(task, n),
        )
    if args.json:
        print_json({"out": args.out, "metrics": card.metrics})
        return 0
    t = Table(title=plain(f"agreement with the teacher on held-out folds → {args.out}"))
    for col in ["principle", "AUROC", "threshold", "F1", "precision", "recall"]:
        t.add_column(col)
    for p, m in card.metrics.items():
        t.add_row(plain(p), f"{m.auroc:.3f}", f"{m.threshold:.3f}", f"{m.f1:.3f}", f"{m.precision:.3f}",
                  f"{m.recall:.3f}")
    results_console().print(t)
    return 0


def cmd_distill_cheap(args: argparse.Namespace, console: Console) -> int:
    from curafilter import cascade
    from curafilter.bundle import bundle_dir
    from curafilter.card import read_card, write_card
    from curafilter.model import load_model
    from curafilter.progress import doc_progress

    try:
        import scipy.sparse  # noqa: F401
        import sklearn.linear_model  # noqa: F401
    except ImportError:
        raise ConfigError("distill-cheap needs scikit-learn: pip install 'curafilter[train]'") from None
    if not Path(args.bundle).is_dir():
        # A bundled name resolves to curafilter's installed files: writing there would change the
        # model every user of this installation gets (and a reinstall would undo it).
        raise ConfigError(f"distill-cheap writes into the bundle: {args.bundle!r} is not a bundle folder; for a "
                          "bundled model, copy its folder first (python -c \"import curafilter; "
                          f"print(curafilter.load_model('{args.bundle}').path)\") and pass the copy")
    bundle = bundle_dir(args.bundle)
    model = load_model(bundle, device=args.device, cascade=False)
    with doc_progress(console, disable=args.quiet) as progress:
        task = progress.add_task("scoring every window", total=args.docs)
        sample = cascade.sample_windows(model, args.inputs, docs=args.docs, bits=args.bits or cascade.DEFAULT_BITS,
                                        progress=lambda n: progress.advance(task, n))
    d = cascade.distill(sample, model.principles, model.thresholds, recall=args.recall,
                        folds=args.folds, alpha=args.alpha)
    card = cascade.write_stage(bundle, read_card(bundle), d, distilled_on=f"{sample.docs:,} documents of "
                               + ", ".join(args.inputs) + f"; recall target {args.recall}")
    write_card(bundle, card)
    report = {"bundle": str(bundle), "docs": sample.docs, "windows": int(sample.doc.size),
              "flagged_docs": d.flagged, "triggers": d.triggers, "recall": d.recall, "escalation_rate": d.escalation_rate,
              "transformer_windows_saved": round(1 - d.escalation_rate, 4),
              # Transformer work without the cascade over work with it: the end-to-end gain is
              # somewhat lower (tokenising, and escalated windows are full-length while every
              # document's last window is short): the default model's 8.5% gave 11.8 here, 11.6x measured.
              "expected_speedup": round(1 / max(d.escalation_rate, 1 / max(int(sample.doc.size), 1)), 1),
              "cut": dict(zip(model.principles, np.round(d.cut.astype(float), 4).tolist())),
              # In the JSON too: a stage distilled on a corpus the model hardly flags is written all the same.
              "warnings": [f"{name}: only {n} document{'' if n == 1 else 's'} flagged (fewer than {cascade.MIN_FLAGGED}), so its cut is at "
                           "its threshold's logit rather than set for the recall, and its recall is measured on those "
                           "few; add documents the model flags" for name, n in d.flagged.items() if n < cascade.MIN_FLAGGED]}
    if args.json:
        print_json(report)
        return 0
    t = Table(title=plain(f"cheap stage → {bundle}"), show_header=False)
    for k in ("docs", "windows", "flagged_docs", "triggers", "recall", "escalation_rate", "expected_speedup", "cut"):
        t.add_row(k, plain(str(report[k])))
    results_console().print(t)
    for warning in report["warnings"]:
        console.print(plain(warning, "yellow"))
    return 0


def cmd_revise(args: argparse.Namespace, console: Console) -> int:
    import sqlite3

    try:
        return _revise(args, console)
    except sqlite3.Error as e:  # "database or disk is full", a ledger on a read-only disk
        raise ConfigError(f"{Path(args.out) / 'ledger.sqlite'}: {e}") from None


def _revise(args: argparse.Namespace, console: Console) -> int:
    import asyncio

    from curafilter.model import load_model
    from curafilter.principles import load_principles
    from curafilter.revise import Prices, estimate, export_batch, import_batch, revise_async

    spec = load_principles(args.principles)
    model = load_model(args.model, device=args.device)
    prices = Prices(args.price_in, args.price_out)
    common = dict(text_key=args.text_key, field=args.field)
    with reporting_skips(console) as skipped:  # queue lines that cannot be revised: named, then skipped
        if args.dry_run:
            est = estimate(args.inputs, principles=spec, model=model, prices=prices, id_key=args.id_key,
                           max_attempts=args.max_attempts, out=args.out, **common)
            if args.json:
                print_json({**est, "unreadable": skipped})
                return 0
            t = Table(title="revise: dry run (token counts by the model's tokenizer, an approximation)",
                      show_header=False)
            for k, v in est.items():
                t.add_row(k, f"{v:,.4f}" if isinstance(v, float) else f"{v:,}")
            results_console().print(t)
            return 0
        if args.export_batch:
            from curafilter.llm import ChatClient

            client = ChatClient(args.endpoint or "http://unused", args.llm_model)
            n = export_batch(args.inputs, args.export_batch, principles=spec, client=client, model=model,
                             out=args.out, id_key=args.id_key, **common)
            if args.json:
                print_json({"requests": n, "file": args.export_batch, "unreadable": skipped})
            console.print(plain(f"wrote {n:,} batch requests to {args.export_batch}"))
            return 0
        if args.import_batch:
            from curafilter.revise import check_out

            check_out(args.inputs, args.out)  # as the other modes, which read the queue, check it
            st = asyncio.run(import_batch(args.import_batch, args.out, model=model, teacher=args.llm_model,
                                          max_attempts=args.max_attempts, prices=prices, **common))
            if st.unknown:
                console.print(plain(f"{st.unknown:,} result(s) in {args.import_batch} are for no record of this "
                                    "ledger (another queue's batch?): not applied", "yellow"))
        else:
            if not args.endpoint:
                raise CurafilterError("--endpoint is needed (or --dry-run / --export-batch / --import-batch)")

            async def go():
                async with _client(args) as client:
                    with doc_progress(console, disable=args.quiet) as bar:
                        task = bar.add_task("revise", total=None)
                        return await revise_async(
                            args.inputs, args.out, principles=spec, client=client, model=model,
                            max_attempts=args.max_attempts, prices=prices, id_key=args.id_key,
                            retry_failed=args.retry_failed, on_progress=lambda c: bar.update(
                                task, total=sum(c.values()), completed=c["done"] + c["dropped"] + c["failed"]), **common,
                        )

            st = asyncio.run(go())
    if args.json:
        print_json({**msgspec.to_builtins(st), "written_total": st.written_total, "unreadable": skipped})
    else:
        _revise_table(st, args.out)
    w = st.written
    console.print(f"queued {st.queued:,}; written {st.written_total:,} = {w.get('revised', 0):,} revised + "
                  f"{w.get('dropped', 0):,} dropped + {w.get('failed', 0):,} failed"
                  + (f"; {st.counts['pending']:,} still pending" if st.counts.get("pending") else ""))
    console.print(f"this run: {st.succeeded:,} succeeded, {st.failed:,} failed, {st.skipped:,} skipped (settled before)")
    if skipped:  # every queue line is queued or named here
        console.print(plain(f"{len(skipped):,} queue lines could not be read and were not queued (named above)",
                            "yellow"))
    console.print(f"tokens: {st.prompt_tokens:,} in, {st.completion_tokens:,} out; cost ${st.cost:,.4f}; {st.seconds:.1f} s")
    if st.succeeded == 0 and st.failed > 0:
        console.print(plain(f"error: every LLM call failed ({st.failed:,} records in {args.out}/failed/)"))
        return 1
    return 0


def _revise_table(st: "ReviseStats", out: str) -> None:
    t = Table(title=plain(f"revise → {out}"))
    t.add_column("state")
    t.add_column("documents", justify="right")
    for k, v in st.counts.items():
        t.add_row(k, f"{v:,}")
    t.add_row("[bold]queued", f"[bold]{st.queued:,}")
    t.add_row("[bold]written", f"[bold]{st.written_total:,}")
    results_console().print(t)


def _llm_options(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--endpoint", required=required, help="OpenAI-compatible API base, e.g. http://localhost:8000/v1")
    p.add_argument("--model", dest="llm_model", required=required, help="the LLM's model name")
    p.add_argument("--api-key-env", default="OPENAI_API_KEY", help="environment variable holding the API key")
    p.add_argument("--concurrency", type=positive_int, default=8, help="requests in flight at once (at least 1)")
    p.add_argument("--timeout", type=positive_float, default=60.0, help="seconds per request (more than 0)")
    p.add_argument("--retries", type=non_negative_int, default=5, help="retries per request (0 or more)")


class _DefaultsHelpFormatter(argparse.HelpFormatter):
    """Show each option's default, like argparse.ArgumentDefaultsHelpFormatter, but not for flags
    and options without one (no "(default: None)" / "(default: False)"), nor where the help text
    already says its default."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        if ("default" in text or default is None or default is False or default is argparse.SUPPRESS
                or action.nargs == 0  # flags: --quiet, --frozen, --help, --version
                or not (action.option_strings or action.nargs in (argparse.OPTIONAL, argparse.ZERO_OR_MORE))):
            return action.help
        return f"{text} (default: %(default)s)" if text else "(default: %(default)s)"


DESCRIPTION = ("curafilter: score pre-training documents against principles with a small ONNX classifier, "
               "route them by rules, and label, distill and revise with an LLM. Exit codes: 0 success; "
               "1 fatal error; 2 bad usage; 130 interrupted; 143 terminated.")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="curafilter", description=DESCRIPTION, formatter_class=_DefaultsHelpFormatter)
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True,
                           parser_class=lambda **kw: argparse.ArgumentParser(  # every subcommand shows defaults
                               **{"formatter_class": _DefaultsHelpFormatter, **kw}))

    s = sub.add_parser("stream", help="stream shards through the reader and tokeniser; print statistics")
    s.add_argument("inputs", nargs="+", help="files, directories or globs (.jsonl, .jsonl.gz, .jsonl.zst)")
    s.add_argument("--tokenizer", default="default", help="tokenizer.json, bundle folder or bundled name")
    s.add_argument("--max-length", type=max_length_int, default=256, help="tokens per window")
    s.add_argument("--windows", type=positive_int, default=1, help="token windows per document (1: the head only)")
    s.add_argument("--overlap", type=non_negative_int, default=0, help="tokens each window shares with the previous one")
    s.add_argument("--batch-tokens", type=positive_int, default=16384, help="padded tokens per batch")
    s.add_argument("--threads", type=threads_int, default=0, help="tokeniser threads (0: one per core)")
    s.add_argument("--text-key", default="text", help="field holding the text; dotted paths allowed")
    s.add_argument("--id-key", default=None, help="field holding the document id (default: none)")
    s.add_argument("--quarantine", metavar="FILE", help="write quarantine records here as JSONL")
    s.add_argument("--json", action="store_true", help="print the statistics as JSON")
    s.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    s.set_defaults(func=cmd_stream)

    r = sub.add_parser("run", help="score and route every document; write per-route outputs, manifest and stats")
    r.add_argument("inputs", nargs="+", help="files, directories or globs (.jsonl, .jsonl.gz, .jsonl.zst)")
    r.add_argument("-o", "--out", required=True, help="output folder (re-running into it resumes)")
    r.add_argument("--model", default="default", help="bundle folder or bundled name")
    r.add_argument("--rules", default=None, help="rules TOML (default: the bundle's rules)")
    r.add_argument("--device", default="auto", help="auto, cpu, cuda or cuda:N")
    r.add_argument("--windows", type=windows_type, default=None,
                   help="token windows scored per document, the score being the highest, or 'all' (default: the "
                        "model card's, which its thresholds were set for; 1 scores only the head of each document)")
    r.add_argument("--overlap", "--window-overlap", dest="overlap", type=non_negative_int, default=None,
                   help="tokens each window shares with the previous one (default: the model card's)")
    r.add_argument("--cascade", type=on_off, default=None, metavar="on|off",
                   help="on: the bundle's cheap stage picks the windows the model scores; off: score them all "
                        "(default: on where the bundle has a cheap stage)")
    r.add_argument("--batch-tokens", type=positive_int, default=None,
                   help=f"padded tokens per batch (default: {CPU_BATCH_TOKENS} on CPU, {GPU_BATCH_TOKENS} on GPU)")
    r.add_argument("--threads", type=threads_int, default=0, help="tokeniser threads (0: one per core)")
    r.add_argument("--text-key", default="text", help="field holding the text; dotted paths allowed")
    r.add_argument("--id-key", default=None, help="field holding the document id (default: none)")
    r.add_argument("--scores-only", action="store_true", help="write compact score rows instead of documents")
    r.add_argument("--limit", type=non_negative_int, default=None, help="stop after this many documents")
    r.add_argument("--field", default="curafilter",
                   help="name of the field added to each record (not the --text-key or --id-key field; "
                        "a document that already has it is quarantined as field_collision)")
    r.add_argument("--tag-prefix", default=None, help="prepend this to the text of tagged documents")
    r.add_argument("--provenance", action="store_true",
                   help="add the input shard and line to each routed record's field (route files are in "
                        "scoring order, not input order); documents without an id always get them")
    r.add_argument("--engine", choices=["local", "ray"], default="local",
                   help="local: this process; ray: workers on a Ray cluster, one shard at a time (pip install "
                        "'curafilter[ray]')")
    r.add_argument("--address", default=None,
                   help="with --engine ray: the cluster (auto: the one `ray start` runs here; default: start a local one)")
    r.add_argument("--workers", type=positive_int, default=None,
                   help="with --engine ray: worker actors (default: one per GPU, else CPUs / --cpus-per-worker)")
    r.add_argument("--cpus-per-worker", type=positive_float, default=1.0, help="with --engine ray: CPUs per worker actor")
    r.add_argument("--partition", type=partition_arg, default=None, metavar="I/N",
                   help="process only partition I (0-based) of N, by a hash of each shard's path; partitioned "
                        "runs on any machines sharing -o may run at once (each shard is claimed first)")
    r.add_argument("--output-format", choices=["auto", "jsonl.zst", "parquet"], default="auto",
                   help="route files' format: auto = each input's own (Parquet shards get Parquet files with "
                        "every original column plus the field as a struct column), or one format for all")
    r.add_argument("--json", action="store_true", help="print the run's statistics as one JSON object")
    r.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    r.set_defaults(func=cmd_run)

    ro = sub.add_parser("route", help="route again from a --scores-only run's folder, without the model")
    ro.add_argument("scores", help="output folder of a `curafilter run --scores-only`")
    ro.add_argument("-o", "--out", required=True, help="output folder for the routed documents")
    ro.add_argument("--rules", required=True, help="rules TOML")
    ro.add_argument("--batch-tokens", type=positive_int, default=None,
                    help=f"documents read per batch, in padded tokens (default: {GPU_BATCH_TOKENS})")
    ro.add_argument("--threads", type=threads_int, default=0, help="threads (0: one per core)")
    ro.add_argument("--field", default="curafilter", help="name of the field added to each record")
    ro.add_argument("--tag-prefix", default=None, help="prepend this to the text of tagged documents")
    ro.add_argument("--json", action="store_true", help="print the statistics as one JSON object")
    ro.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    ro.set_defaults(func=cmd_route)

    pl = sub.add_parser("plan", help="fit rules to goals (kept share, residual per principle, revise and drop "
                                     "budgets, priorities) on a run's stored scores, with a projection")
    pl.add_argument("scores", help="output folder of a `curafilter run --scores-only` (e.g. of a --limit sample) "
                                   "or of a normal run")
    pl.add_argument("--goals", required=True, help="goals TOML (see examples/goals.toml)")
    pl.add_argument("-o", "--out", required=True,
                    help="rules TOML to write; the projection goes beside it as NAME.projection.json")
    pl.add_argument("--model", default=None,
                    help="the bundle that scored the folder, for its thresholds as the reference (default: a "
                         "bundled model of the same name and version; else [reference] in the goals)")
    pl.add_argument("--holdout", type=_number_type(float, lambda v: 0 <= v < 1, "a share within [0, 1)"),
                    default=0.2, help="share of documents held out to measure the projection's error (0: none)")
    pl.add_argument("--json", action="store_true", help="print the projection as one JSON object")
    pl.set_defaults(func=cmd_plan)

    b = sub.add_parser("bench", help="measure throughput on this machine: read+tokenise, the pipeline with a "
                                     "zero-cost model, the model per variant and length, end to end")
    b.add_argument("inputs", nargs="+", help="corpus files, directories or globs")
    b.add_argument("--model", default="default", help="bundle name or folder")
    b.add_argument("--device", default="auto", help="auto, cpu, cuda or cuda:N")
    b.add_argument("--docs", type=positive_int, default=2000, help="documents for the stream and pipeline measures")
    b.add_argument("--model-docs", type=positive_int, default=256,
                   help="documents per model measure, and for the end-to-end run")
    b.add_argument("--lengths", type=positive_int, nargs="+", default=[128, 256, 512], help="max lengths for the model")
    b.add_argument("--windows", type=windows_type, default=None,
                   help="windows per document for the stream, pipeline and end-to-end measures, or 'all' "
                        "(default: the model card's; 1: the head only, what a GPU scoring one window sees)")
    b.add_argument("--cascade", type=on_off, default=None, metavar="on|off", help="the cascade (default: the card's)")
    b.add_argument("-o", "--out", default=None, help="also write the report here as JSON")
    b.add_argument("--json", action="store_true", help="print the report as one JSON object")
    b.set_defaults(func=cmd_bench)
    ms = sub.add_parser("merge-stats", help="recompute OUT/stats.json from every shard's manifest record "
                                            "(after partitioned runs; safe to re-run)")
    ms.add_argument("out", help="a run's output folder")
    ms.add_argument("--json", action="store_true", help="print the totals as one JSON object")
    ms.set_defaults(func=cmd_merge_stats)
    i = sub.add_parser("inspect", help="show sample documents of a run with their scores and reasons")
    i.add_argument("out", help="a run's output folder")
    i.add_argument("--route", choices=["keep", "drop", "revise", "tag", "quarantine", "scores"], default=None,
                   help="one route (default: every route; scores and quarantine for a --scores-only folder)")
    i.add_argument("-n", type=positive_int, default=5, help="records sampled per route")
    i.add_argument("--seed", type=non_negative_int, default=0, help="sampling seed (the same seed shows the same records)")
    i.add_argument("--chars", type=positive_int, default=300, help="characters of text to show")
    i.add_argument("--json", action="store_true",
                   help="print the samples as one JSON object (each record as it is in its route file)")
    i.set_defaults(func=cmd_inspect)

    rp = sub.add_parser("report", help="write one self-contained HTML page about an output folder (run, "
                                       "--scores-only run or revise): routes, score histograms, samples")
    rp.add_argument("out", help="a run's output folder, or a `curafilter revise` output folder")
    rp.add_argument("-o", "--output", required=True, help="the HTML file to write")
    rp.add_argument("--sample", type=non_negative_int, default=5, help="documents sampled per route")
    rp.add_argument("--seed", type=non_negative_int, default=0, help="sampling seed (the same records as `inspect` with it)")
    rp.add_argument("--chars", type=positive_int, default=600, help="characters of text shown per document")
    rp.add_argument("--field", default="curafilter", help="a revise folder's field (a run folder records its own)")
    rp.add_argument("--text-key", default="text", help="a revise folder's text field (a run folder records its own)")
    rp.add_argument("--json", action="store_true", help="also print the report's numbers as one JSON object")
    rp.set_defaults(func=cmd_report)

    a = sub.add_parser("annotate", help="label documents with an LLM teacher against the principles")
    a.add_argument("inputs", nargs="+", help="files, directories or globs (.jsonl, .jsonl.gz, .jsonl.zst)")
    a.add_argument("--principles", required=True, help="principles TOML")
    _llm_options(a, required=True)
    a.add_argument("-o", "--out", required=True, help="labels JSONL (appended to; re-runs skip labelled documents)")
    a.add_argument("-n", type=positive_int, default=None, help="sample this many documents (seeded)")
    a.add_argument("--seed", type=int, default=0, help="sampling seed")
    a.add_argument("--text-key", default="text", help="field holding the text; dotted paths allowed")
    a.add_argument("--id-key", default=None, help="field holding the document id (default: none)")
    a.add_argument("--max-chars", type=positive_int, default=8000, help="characters of each document sent")
    a.add_argument("--retry-failed", action="store_true",
                   help="ask again for documents in the .failures.jsonl file (a re-run skips them otherwise)")
    a.add_argument("--json", action="store_true", help="print the counts as one JSON object")
    a.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    a.set_defaults(func=cmd_annotate)

    d = sub.add_parser("distill", help="train a classifier bundle on teacher labels")
    d.add_argument("labels", help="labels JSONL from `curafilter annotate`")
    d.add_argument("-o", "--out", required=True, help="bundle folder to write")
    d.add_argument("--encoder", default=None, help="folder with model.safetensors, config.json, tokenizer.json")
    d.add_argument("--principles", default=None, help="principles TOML (descriptions for the card)")
    d.add_argument("--name", default="distilled", help="bundle name for the card")
    d.add_argument("--version", default="0.1.0", help="bundle version for the card")
    d.add_argument("--max-length", type=max_length_int, default=256, help="tokens per document the bundle reads")
    d.add_argument("--label-threshold", type=_number_type(float, lambda v: 0 < v <= 1, "a number in (0, 1]"), default=0.5,
                   help="teacher score counted as a violation (in (0, 1]; NaN made every label 0)")
    d.add_argument("--no-baselines", action="store_true", help="skip the baseline methods in validation (faster)")
    mode = d.add_mutually_exclusive_group()
    mode.add_argument("--fine-tune", dest="fine_tune", action="store_true", default=True,
                      help="fine-tune the encoder with one head per principle (default; needs the train extra: torch)")
    mode.add_argument("--frozen", dest="fine_tune", action="store_false",
                      help="keep the encoder frozen and fit linear wide-and-deep heads (fast, no torch)")
    d.add_argument("--epochs", type=positive_float, default=1.0, help="fine-tuning epochs (default: 1)")
    d.add_argument("--lr", type=positive_float, default=4e-5, help="fine-tuning learning rate of the encoder (default: 4e-5)")
    d.add_argument("--pooling", choices=("mean", "attention"), default="mean",
                   help="fine-tuning: each head reads the mean of the last layer (default) or its own "
                        "attention-weighted mean, which a sentence inside a long window moves more")
    d.add_argument("--folds", type=_number_type(int, lambda v: v >= 2, "an integer of at least 2"), default=3, help="validation folds when fine-tuning; each trains a model (default: 3)")
    d.add_argument("--json", action="store_true", help="print the held-out agreement as one JSON object")
    d.set_defaults(func=cmd_distill)

    c = sub.add_parser("distill-cheap", help="fit a bundle's cascade stage on a corpus sample (writes into the bundle)")
    c.add_argument("bundle", help="bundle folder to add the cheap stage to")
    c.add_argument("inputs", nargs="+", help="corpus files, directories or globs: text like what the bundle will score, "
                   "with some documents the model flags")
    c.add_argument("--docs", type=positive_int, default=2000, help="documents scored in every window (default: 2000)")
    c.add_argument("--recall", type=recall_float, default=0.98,
                   help="share of the documents flagged by scoring every window that the cascade must still flag "
                        "(cross-fitted; default: 0.98)")
    c.add_argument("--folds", type=_number_type(int, lambda v: v >= 2, "an integer of at least 2"), default=5,
                   help="cross-fitting folds: each document's windows are scored by a fit that did not see it, and "
                        "the cuts are set on those scores (default: 5)")
    c.add_argument("--bits", type=_number_type(int, lambda v: 8 <= v <= 24, "an integer from 8 to 24"), default=None,
                   help="hash bits of the features, 8 to 24 (default: curafilter.cascade.DEFAULT_BITS, 20)")
    c.add_argument("--alpha", type=positive_float, default=CASCADE_ALPHA, help="ridge penalty (default: %(default)s)")
    c.add_argument("--device", default="auto", help="auto, cpu, cuda or cuda:N")
    c.add_argument("--json", action="store_true", help="print the report as one JSON object")
    c.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    c.set_defaults(func=cmd_distill_cheap)

    v = sub.add_parser("revise", help="rewrite the revise queue with an LLM; re-score; keep what passes")
    v.add_argument("inputs", nargs="+", help="OUT/revise folder(s) or files of a run")
    v.add_argument("-o", "--out", required=True, help="output folder (ledger.sqlite, revised/, dropped/, failed/)")
    v.add_argument("--principles", required=True, help="principles TOML")
    _llm_options(v, required=False)
    v.add_argument("--scorer", dest="model", default="default", help="bundle that re-scores rewrites")
    v.add_argument("--device", default="auto", help="auto, cpu, cuda or cuda:N")
    v.add_argument("--max-attempts", type=positive_int, default=3, help="rewrites tried per document before it is dropped")
    v.add_argument("--price-in", type=non_negative_float, default=0.0, help="USD per million prompt tokens")
    v.add_argument("--price-out", type=non_negative_float, default=0.0, help="USD per million completion tokens")
    v.add_argument("--text-key", default="text", help="field holding the text; dotted paths allowed")
    v.add_argument("--id-key", default=None, help="field holding the document id (default: none)")
    v.add_argument("--field", default="curafilter", help="name of the field added to each record")
    v.add_argument("--dry-run", action="store_true", help="print a token and cost estimate; call nothing")
    v.add_argument("--export-batch", metavar="FILE", help="write OpenAI Batch API requests instead of calling")
    v.add_argument("--import-batch", metavar="FILE", help="merge OpenAI Batch API results")
    v.add_argument("--retry-failed", action="store_true",
                   help="re-queue records whose LLM calls failed in an earlier run (a re-run skips them otherwise)")
    v.add_argument("--json", action="store_true",
                   help="print the summary (with --dry-run the estimate, with --export-batch the count) "
                        "as one JSON object")
    v.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    v.set_defaults(func=cmd_revise)

    e = sub.add_parser("evaluate", help="AUROC, precision/recall/F1 at the thresholds and calibration on labelled rows")
    e.add_argument("bundle", help="bundle folder or bundled name (e.g. default)")
    e.add_argument("labels", help="JSONL rows with text, principle, label (0/1)")
    e.add_argument("--device", default="auto", help="auto, cpu, cuda or cuda:N")
    e.add_argument("--json", action="store_true", help="print the report as JSON")
    e.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    e.set_defaults(func=cmd_evaluate)
    return p


class Terminated(BaseException):
    """SIGTERM, as a scheduler sends to preempt a job: it unwinds like Ctrl-C, so what a stop
    cleans up (temporary files, stats.json, a revise ledger's connection) is cleaned up."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


def main(argv: list[str] | None = None) -> int:
    import signal
    import threading

    args = build_parser().parse_args(argv)
    # Tables go to stdout; progress and errors to stderr.
    console = Console(stderr=True)
    previous = None
    if threading.current_thread() is threading.main_thread():  # handlers can only be set there
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return args.func(args, console)
    except Terminated:
        console.print("[yellow]terminated[/]")
        return 143
    except OSError as e:
        # What the environment refuses past the checks (a disk that fills mid-run, a folder made
        # read-only): one line naming the file, as for every other error.
        where = f"{e.filename}: " if e.filename else ""
        console.print(Text.assemble(("error:", "bold red"), " ", strip_controls(f"{where}{e.strerror or e}")), soft_wrap=True)
        return 1
    except CurafilterError as e:
        # The message names paths, keys and rule reasons: print it as plain text, never as markup.
        from curafilter.llm import redact  # URL credentials never reach the terminal

        console.print(Text.assemble(("error:", "bold red"), " ", strip_controls(redact(e))), soft_wrap=True)
        return 1
    except KeyboardInterrupt:
        console.print("[yellow]interrupted[/]")
        return 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
