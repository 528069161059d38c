"""The ``curafilter`` command line.

Exit codes: 0 success (quarantined lines are reported, not fatal); 1 fatal error (missing input,
bad option, unloadable tokenizer or model); 2 bad command-line usage; 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

import msgspec
from rich.console import Console
from rich.table import Table

from curafilter.errors import CurafilterError
from curafilter.progress import input_bytes, shard_progress
from curafilter.stream import stream


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


def cmd_stream(args: argparse.Namespace, console: Console) -> int:
    s = stream(
        args.inputs,
        tokenizer=args.tokenizer,
        max_length=args.max_length,
        batch_tokens=args.batch_tokens,
        threads=args.threads,
        text_key=args.text_key,
        id_key=args.id_key,
    )
    reasons: Counter[str] = Counter()
    truncated = padded = 0
    quarantine_out = open(args.quarantine, "wb") if args.quarantine else None
    started = time.perf_counter()
    total = input_bytes(s.shards)
    with s, shard_progress(console, disable=args.quiet) as progress:
        task = progress.add_task("stream", total=total)
        for batch in s:
            truncated += int((batch.n_tokens >= args.max_length).sum())
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
        sys.stdout.write(msgspec.json.encode(stats).decode() + "\n")
    else:
        console.print(stream_table(stats))
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
    report = evaluate(model, args.labels)
    if args.json:
        sys.stdout.write(msgspec.json.encode(report).decode() + "\n")
        return 0
    t = Table(title=f"{report.model} on {report.labels}")
    for col in ["principle", "rows", "positives", "AUROC", "threshold", "precision", "recall", "F1", "ECE"]:
        t.add_column(col, justify="left" if col == "principle" else "right")
    for r in report.principles:
        t.add_row(r.principle, f"{r.n:,}", f"{r.positives:,}", f"{r.auroc:.3f}", f"{r.threshold:.3f}",
                  f"{r.precision:.3f}", f"{r.recall:.3f}", f"{r.f1:.3f}", f"{r.calibration.ece:.3f}")
    console.print(t)
    cal = Table(title="calibration: mean score → observed positive rate (rows) per score bin")
    cal.add_column("principle")
    for r in report.principles:
        cells = [f"{b.lo:.1f}-{b.hi:.1f}: {b.mean_score:.2f}→{b.positive_rate:.2f} ({b.count})" for b in r.calibration.bins]
        cal.add_row(r.principle, "\n".join(cells))
    console.print(cal)
    if report.skipped_rows:
        console.print(f"[yellow]rows for principles the model does not score, skipped:[/] {report.skipped_rows}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="curafilter", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("stream", help="stream shards through the reader and tokeniser; print statistics")
    s.add_argument("inputs", nargs="+", help="files, directories or globs (.jsonl, .jsonl.gz, .jsonl.zst)")
    s.add_argument("--tokenizer", default="default", help="tokenizer.json, bundle folder or bundled name")
    s.add_argument("--max-length", type=int, default=256)
    s.add_argument("--batch-tokens", type=int, default=16384)
    s.add_argument("--threads", type=int, default=0, help="tokeniser threads (0: one per core)")
    s.add_argument("--text-key", default="text", help="field holding the text; dotted paths allowed")
    s.add_argument("--id-key", default=None)
    s.add_argument("--quarantine", metavar="FILE", help="write quarantine records here as JSONL")
    s.add_argument("--json", action="store_true", help="print the statistics as JSON")
    s.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    s.set_defaults(func=cmd_stream)

    e = sub.add_parser("evaluate", help="AUROC, precision/recall/F1 at the thresholds and calibration on labelled rows")
    e.add_argument("bundle", help="bundle folder or bundled name (e.g. default)")
    e.add_argument("labels", help="JSONL rows with text, principle, label (0/1)")
    e.add_argument("--device", default="auto", help="auto, cpu, cuda or cuda:N")
    e.add_argument("--json", action="store_true", help="print the report as JSON")
    e.set_defaults(func=cmd_evaluate)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Tables go to stdout; progress and errors to stderr.
    console = Console(stderr=True)
    try:
        return args.func(args, console)
    except CurafilterError as e:
        console.print(f"[bold red]error:[/] {e}")
        return 1
    except KeyboardInterrupt:
        console.print("[yellow]interrupted[/]")
        return 130


if __name__ == "__main__":
    sys.exit(main())
