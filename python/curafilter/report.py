"""One self-contained HTML page about an output folder: routes (documents and tokens), score
histograms with the rule thresholds, where principles flag together, quarantine reasons,
throughput, and a seeded sample of documents per route; for a ``curafilter revise`` folder, the
rewrites with their score change.

>>> from curafilter.report import write_report
>>> data = write_report("out/sample", "report.html", sample=5)  # doctest: +SKIP
>>> data["routes"]["keep"]  # doctest: +SKIP
289

The route files are read once, line by line, whatever the folder's size (memory: a block of score
rows and the sampled lines). Plots are matplotlib SVG written into the page; nothing in it fetches
anything, and every string from a document, a path or a rules file is escaped. The numbers shown
are also in the page as JSON (``<script type="application/json" id="report-data">``).
"""

from __future__ import annotations

import html
import io
import os
import re
import sqlite3
import time
from collections import Counter
from pathlib import Path
from typing import Any

import msgspec
import numpy as np

from curafilter import __version__
from curafilter.errors import ConfigError, CurafilterError, InputError
from curafilter.model import ALL_WINDOWS
from curafilter.outputs import (SCORE_ROW, Reservoir, RunIdentity, check_replaceable, document_id, flagged_offset,
                                read_identity, route_files, route_records, write_atomic)
from curafilter.raw_json import RecordError, raw_string, raw_value
from curafilter.rules import Rules, default_rules_text, load_rules, parse_rules
from curafilter.run import HIST_BINS, score_histogram

SAMPLE_ROUTES = ("drop", "revise", "tag", "keep")  # the order `inspect` shows them in
REVISE_STATES = ("revised", "dropped", "failed")
COLORS = {"keep": "#4c9a55", "tag": "#d9a400", "revise": "#3b75af", "drop": "#c0392b", "quarantine": "#8c8c8c",
          "scores": "#6a51a3", "revised": "#4c9a55", "dropped": "#c0392b", "failed": "#8c8c8c"}
# A principle with no threshold in any rule (or no rules file to read) counts as flagged from here.
FALLBACK_FLAG = 0.5
LEAD = 160  # characters shown before a flagged passage, for context
BLOCK = 8192  # score rows gathered before numpy counts them


class _Field(msgspec.Struct):
    """What run appends to a routed record (under --field)."""
    scores: dict[str, float]
    route: str = ""
    reason: str = ""
    at: dict[str, int] = {}
    tokens: int | None = None
    shard: str | None = None
    line: int | None = None


class _Quarantined(msgspec.Struct):
    reason: str
    shard: str = ""
    line: int = 0
    detail: str = ""


class _Audit(msgspec.Struct):
    """What revise appends (under <field>_revision)."""
    reason: str = ""
    attempts: int = 0
    scores_after: dict[str, float] | None = None
    original_text: str | None = None
    id: str = ""
    queue: str = ""  # "<queue file>:<line>": where the record was in the revise queue


# ---------------------------------------------------------------------------------------------
# Reading


class ScoreCounts:
    """Histograms and co-flag counts of score rows, counted a block at a time with numpy."""

    def __init__(self, principles: list[str], flag: np.ndarray) -> None:
        self.principles, self.flag = principles, flag
        n = len(principles)
        self.hist = np.zeros((n, HIST_BINS), dtype=np.int64)
        self.coflag = np.zeros((n, n), dtype=np.int64)
        self._rows: list[list[float]] = []

    def add(self, scores: dict[str, float]) -> None:
        self._rows.append([scores.get(p, np.nan) for p in self.principles])
        if len(self._rows) >= BLOCK:
            self.flush()

    def flush(self) -> None:
        if not self._rows:
            return
        a = np.array(self._rows, dtype=np.float64)
        self._rows = []
        self.hist += score_histogram(a)
        over = (a >= self.flag).astype(np.int64)  # a missing score (NaN) flags nothing
        self.coflag += over.T @ over


class _Probe:
    """Reads one top-level field of a record line. msgspec reads the line in one go, skipping the
    rest; a line it refuses (values run accepts and no decoder builds: 1e400, a lone surrogate
    escape, deep nesting) is read again with raw_json, which decodes only that field."""

    def __init__(self, name: str, kind: type) -> None:
        self.name, self.kind = name, kind
        probe = msgspec.defstruct("Probe", [("value", kind | None, None)], rename={"value": name})
        self.decoder = msgspec.json.Decoder(probe)

    def __call__(self, line: bytes) -> Any:
        try:
            return self.decoder.decode(line).value
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
            return raw_value(line, [self.name], self.kind)  # RecordError when it cannot


class FolderScan(msgspec.Struct, kw_only=True):
    """What one pass over a run folder's route files gathers."""
    docs: dict[str, int]
    tokens: dict[str, int | None]  # None: some record of the route has no token count
    unreadable: int
    quarantine: dict[str, int]
    samples: dict[str, list[tuple[str, int, bytes]]]  # route -> (file, line number, line)
    seen: dict[str, int]
    partial: int = 0  # .partial files read (shards a --limit cut short)


def scan_run(root: Path, identity: RunIdentity, counts: ScoreCounts, *, sample: int, seed: int) -> FolderScan:
    routes = ["scores"] if identity.scores_only else list(SAMPLE_ROUTES)
    field = _Probe(identity.field, _Field)
    quarantined = msgspec.json.Decoder(_Quarantined)
    docs: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    tokens: dict[str, int | None] = {}
    unreadable = 0
    samples, seen = {}, {}
    partial = 0
    for route in [*routes, "quarantine"]:
        res = Reservoir(sample, seed)
        total: int | None = 0
        whole, cut = route_files(root / route)
        partial += len(cut)
        for f in whole + cut:
            for k, line in enumerate(route_records(f), 1):
                if not line.strip():
                    continue
                res.offer((str(f), k, line))
                if route == "quarantine":
                    try:
                        reasons[quarantined.decode(line).reason] += 1
                    except (msgspec.DecodeError, msgspec.ValidationError):
                        reasons["(unreadable quarantine record)"] += 1
                    continue
                try:
                    ann = SCORE_ROW.decode(line) if route == "scores" else field(line)
                except (msgspec.DecodeError, msgspec.ValidationError, RecordError):
                    ann = None
                if ann is None:  # not written by run: counted, never guessed at
                    unreadable += 1
                    continue
                docs[route] += 1
                counts.add(ann.scores)
                # A negative count: run could not count this document's tokens.
                total = None if total is None or ann.tokens is None or ann.tokens < 0 else total + ann.tokens
        samples[route], seen[route] = res.sample(), res.seen
        tokens[route] = total
    counts.flush()
    return FolderScan(docs={r: docs[r] for r in routes}, tokens=tokens, unreadable=unreadable,
                      quarantine=dict(sorted(reasons.items())), samples=samples, seen=seen, partial=partial)


def _read_json(path: Path, what: str) -> Any:
    try:
        return msgspec.json.decode(path.read_bytes())
    except FileNotFoundError:
        raise InputError(f"{path.parent} has no {path.name} ({what})") from None
    except (OSError, msgspec.DecodeError) as e:
        raise InputError(f"{path}: cannot read {what}: {e}") from None


class RulesInfo(msgspec.Struct, kw_only=True):
    source: str
    digest: str
    status: str  # ok | changed | missing | unknown
    note: str = ""


def find_rules(spec: str, principles: list[str]) -> tuple[Rules | None, RulesInfo]:
    """The rules a run used, from its record "SOURCE (DIGEST)": the file if it is still there (and
    whether it changed since), the bundle's derived rules, or a note saying why there are none."""
    m = re.fullmatch(r"(.*) \(([0-9a-f]{16})\)", spec, re.S)
    if m is None:
        return None, RulesInfo(source=spec, digest="", status="unknown", note="the run does not name its rules file")
    source, digest = m.groups()
    try:
        if source.endswith(" (derived rules)"):
            from curafilter.card import read_card

            bundle = Path(source.removesuffix(" (derived rules)"))
            text = default_rules_text(read_card(bundle).thresholds)
            rules = parse_rules(text, principles, source=source)
        elif not Path(source).is_file():
            return None, RulesInfo(source=source, digest=digest, status="missing",
                                   note=f"the rules file {source} is gone (or the path was relative to where the "
                                        "run started): thresholds are not drawn")
        else:
            rules = load_rules(source, principles)
    except CurafilterError as e:
        return None, RulesInfo(source=source, digest=digest, status="missing", note=f"cannot read the rules: {e}")
    if rules.digest != digest:
        return rules, RulesInfo(source=source, digest=digest, status="changed",
                                note=f"{source} changed since the run (digest {rules.digest} now, {digest} then): "
                                     "the thresholds drawn are the file's now")
    return rules, RulesInfo(source=source, digest=digest, status="ok")


def rule_thresholds(rules: Rules | None, principles: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Per principle, each threshold a rule sets on its score (any, all, max); a weighted mean
    sets none on one principle."""
    out: dict[str, list[dict[str, Any]]] = {p: [] for p in principles}
    for r in rules.spec.rule if rules else []:
        c = r.when
        table = c.any or c.all or ({p: c.max.threshold for p in c.max.over or principles} if c.max else {})
        for p, t in table.items():
            out[p].append({"threshold": t, "route": r.route, "reason": r.reason})
    return out


# ---------------------------------------------------------------------------------------------
# Writing


_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _visible(m: re.Match[str]) -> str:
    c = ord(m.group())
    return chr(0x2400 + c) if c < 0x20 else "\u2421" if c == 0x7F else "\ufffd"


def esc(text: object) -> str:
    """Text for HTML: escaped, and control characters (which HTML forbids, and ESC drives
    terminals) and lone surrogates (which UTF-8 cannot hold) shown as visible symbols."""
    return html.escape(_UNPRINTABLE.sub(_visible, str(text)), quote=True)


def num(n: int | float | None, fmt: str = ",") -> str:
    return "n/a" if n is None else format(n, fmt)


def _table(head: list[str], rows: list[list[str]], attrs: list[str] | None = None) -> str:
    """An HTML table from cells that are already HTML."""
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join(f"<tr{' ' + attrs[i] if attrs else ''}>{''.join(f'<td>{c}</td>' for c in r)}</tr>"
                   for i, r in enumerate(rows))
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _figure(width: float, height: float, **kw: Any) -> Any:
    # A bare Figure, not pyplot: no global figure state and no GUI backend.
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained", **kw)


def svg(fig: Any, name: str, label: str) -> str:
    """`fig` as inline SVG. Every SVG in a page shares the page's id namespace: the ids of this
    one get the prefix `name` so its clip paths and glyphs never resolve to another plot's."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "curafilter", "svg.fonttype": "path"}):  # no fonts needed
        fig.savefig(buf, format="svg")
    text = buf.getvalue()
    text = text[text.index("<svg"):]  # no XML prolog nor DTD reference inside HTML
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r'\bid="', f'id="{name}-', text)
    text = text.replace("url(#", f"url(#{name}-").replace('href="#', f'href="#{name}-')
    return text.replace("<svg ", f'<svg role="img" aria-label="{esc(label)}" ', 1)


def routes_plot(rows: list[tuple[str, int, int | None]]) -> str:
    """Horizontal bars: documents per route, and tokens where known."""
    with_tokens = any(t for _, _, t in rows)
    fig = _figure(9 if with_tokens else 6, 0.4 * len(rows) + 0.9)
    axes = fig.subplots(1, 2 if with_tokens else 1, squeeze=False)[0]
    names = [r for r, _, _ in rows][::-1]
    for ax, values, title in zip(axes, ([d for _, d, _ in rows], [t for _, _, t in rows]), ("documents", "tokens")):
        bars = ax.barh(names, [v or 0 for v in values[::-1]], color=[COLORS.get(n, "#777") for n in names])
        ax.bar_label(bars, labels=["-" if v is None else f"{v:,}" for v in values[::-1]], padding=3, fontsize=8)
        ax.set_title(title, fontsize=10)
        ax.margins(x=0.18)
        ax.spines[["top", "right"]].set_visible(False)
    return svg(fig, "routes", "documents and tokens per route")


def histogram_plot(hist: dict[str, list[int]], thresholds: dict[str, list[dict[str, Any]]]) -> str:
    names = list(hist)
    cols = 2 if len(names) > 1 else 1
    nrows = -(-len(names) // cols)
    fig = _figure(10, 2.6 * nrows)
    axes = fig.subplots(nrows, cols, squeeze=False).ravel()
    edges = np.linspace(0.0, 1.0, HIST_BINS + 1)
    for ax, p in zip(axes, names):
        counts = hist[p]
        heights = [c or np.nan for c in counts]  # an empty bin draws nothing (log scale)
        ax.bar(edges[:-1], heights, width=1.0 / HIST_BINS, align="edge", color="#9db4cf", edgecolor="white")
        if max(counts, default=0) > 0:
            ax.set_yscale("log")  # most documents are clean: a linear axis hides the tail
            ax.set_ylim(0.7, max(counts) * 2)
        for t in thresholds.get(p, []):
            ax.axvline(t["threshold"], color=COLORS.get(t["route"], "#333"), linestyle="--", linewidth=1.4,
                       label=f"{t['route']} ≥ {t['threshold']:g}")
        ax.set_xlim(0, 1)
        ax.set_title(p, fontsize=10)
        ax.set_xlabel("score", fontsize=8)
        ax.tick_params(labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        if thresholds.get(p):
            ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)  # never over bars
    for ax in axes[len(names):]:
        ax.set_visible(False)
    return svg(fig, "scores", "score histograms per principle with the rule thresholds")


def coflag_plot(principles: list[str], m: np.ndarray) -> str:
    n = len(principles)
    fig = _figure(0.8 * n + 2.2, 0.7 * n + 1.1)
    ax = fig.subplots()
    mesh = ax.pcolormesh(m, cmap="Blues", vmin=0, vmax=max(int(m.max()), 1))  # vector, not a raster image
    top = max(int(m.max()), 1)
    for i in range(n):
        for j in range(n):
            ax.text(j + 0.5, i + 0.5, f"{int(m[i, j]):,}", ha="center", va="center", fontsize=8,
                    color="white" if m[i, j] > top * 0.6 else "black")
    ticks = np.arange(n) + 0.5
    ax.set_xticks(ticks, principles, rotation=30, ha="right", fontsize=8)
    ax.set_yticks(ticks, principles, fontsize=8)
    ax.invert_yaxis()
    ax.set_aspect("equal")
    fig.colorbar(mesh, ax=ax, shrink=0.8).ax.tick_params(labelsize=7)
    return svg(fig, "coflags", "documents over threshold for both principles")


def score_change_plot(change: dict[str, dict[str, dict[str, float]]]) -> str:
    states = [s for s in change if change[s]]
    fig = _figure(max(4.5 * len(states), 4.5), 2.8)
    axes = fig.subplots(1, max(len(states), 1), squeeze=False)[0]
    for ax, state in zip(axes, states):
        ps = list(change[state])
        x = np.arange(len(ps))
        ax.bar(x - 0.2, [change[state][p]["before"] for p in ps], 0.4, label="before", color="#c9a0a0")
        ax.bar(x + 0.2, [change[state][p]["after"] for p in ps], 0.4, label="after", color=COLORS[state])
        ax.set_xticks(x, ps, rotation=20, ha="right", fontsize=8)
        ax.set_ylim(0, 1)
        ax.set_title(f"{state}: mean score", fontsize=10)
        ax.legend(fontsize=7, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
    return svg(fig, "score-change", "mean score per principle before and after revision")


def passage(text: str, start: int | None, chars: int) -> str:
    """The text to show, as HTML: from the head, or with the flagged window (starting at `start`)
    marked and some context before it."""
    if start is None or start < 0:  # -1: the cascade cleared the document, no window scored
        return esc(text[:chars]) + ("…" if len(text) > chars else "")
    lead = max(0, start - LEAD)
    return ("…" if lead else "") + esc(text[lead:start]) + f"<mark>{esc(text[start:start + chars])}</mark>" + (
        "…" if start + chars < len(text) else "")


def _scores_html(scores: dict[str, float], flag: dict[str, float], at: dict[str, int] | None = None) -> str:
    cells = []
    for p, v in scores.items():
        hot = " hot" if v >= flag.get(p, FALLBACK_FLAG) else ""
        where = f' title="its window starts at character {at[p]:,}"' if at and at.get(p, -1) >= 0 else ""
        cells.append(f'<span class="score{hot}"{where}>{esc(p)} {v:.3f}</span>')
    return " ".join(cells)


def _doc_html(f: str, k: int, line: bytes, identity: RunIdentity, flag: dict[str, float], chars: int) -> str:
    where = f"{Path(f).name}:{k}"
    try:
        text = raw_string(line, identity.text_key.split("."))
        ident = document_id(line, identity)
        ann = raw_value(line, [identity.field], _Field)
    except RecordError as e:
        return f'<article class="doc"><p class="meta">{esc(where)}: unreadable record: {esc(e)}</p></article>'
    assert ann is None or isinstance(ann, _Field)
    meta = [f"id {esc(ident)}" if ident is not None else "", esc(where)]
    start = None
    if ann is not None:
        meta += [f"reason <b>{esc(ann.reason)}</b>", f"{ann.tokens:,} tokens" if ann.tokens is not None else ""]
        if ann.shard:
            meta.append(esc(f"{ann.shard}:{ann.line}"))
        if isinstance(text, str):  # the window of the highest score
            start = flagged_offset(ann.route, ann.scores, ann.at, text, identity.tag_prefix)
    body = passage(text, start, chars) if isinstance(text, str) else f"<i>no text at {esc(identity.text_key)}</i>"
    scores = _scores_html(ann.scores, flag, ann.at) if ann is not None else ""
    return (f'<article class="doc"><p class="meta">{" · ".join(m for m in meta if m)}</p>'
            f'<p class="scores">{scores}</p><div class="text">{body}</div></article>')


def _row_html(f: str, k: int, line: bytes, flag: dict[str, float]) -> str:
    try:
        r = SCORE_ROW.decode(line)
    except (msgspec.DecodeError, msgspec.ValidationError) as e:
        return f'<article class="doc"><p class="meta">{esc(Path(f).name)}:{k}: unreadable row: {esc(e)}</p></article>'
    meta = [f"id {esc(r.id)}" if r.id is not None else "", esc(f"{r.shard}:{r.line}"),
            f"{r.tokens:,} tokens" if r.tokens >= 0 else "",
            esc("windows start at " + ", ".join(f"{p} {c:,}" for p, c in r.at.items())) if r.at else ""]
    return (f'<article class="doc"><p class="meta">{" · ".join(m for m in meta if m)}</p>'
            f'<p class="scores">{_scores_html(r.scores, flag, r.at)}</p></article>')


def _quarantine_html(f: str, k: int, line: bytes) -> str:
    try:
        q = msgspec.json.decode(line, type=_Quarantined)
    except (msgspec.DecodeError, msgspec.ValidationError) as e:
        return f'<article class="doc"><p class="meta">{esc(Path(f).name)}:{k}: unreadable record: {esc(e)}</p></article>'
    return (f'<article class="doc"><p class="meta"><b>{esc(q.reason)}</b> · {esc(q.shard)}:{q.line}</p>'
            f'<div class="text">{esc(q.detail)}</div></article>')


def _section(ident: str, title: str, body: str) -> str:
    return f'<section id="{ident}"><h2>{esc(title)}</h2>{body}</section>'


def _sum_histograms(runs: list[dict[str, Any]], principles: list[str]) -> dict[str, list[int]]:
    return {p: np.sum([r["histograms"].get(p, [0] * HIST_BINS) for r in runs], axis=0).tolist() for p in principles}


def _throughput(runs: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    out = []
    for name, r in runs:
        secs = r.get("seconds") or 0.0
        route_tokens = r.get("route_tokens")  # absent in folders from before token counts
        tokens = sum(route_tokens.values()) if route_tokens else None
        docs = r.get("docs", 0)
        out.append({
            "file": name, "docs": docs, "quarantined": r.get("quarantined", 0), "seconds": secs,
            "docs_per_s": docs / secs if secs else 0.0,
            "mb_per_s": r.get("input_bytes", 0) / secs / 1e6 if secs else 0.0,
            "windows_scored": r.get("windows_scored", 0), "windows_total": r.get("windows_total", 0),
            "cascade": r.get("cascade", False), "escalation_rate": r.get("escalation_rate", 0.0),
            "tokens": tokens, "route_tokens": route_tokens, "tokens_per_s": tokens / secs if tokens and secs else None,
            "shards_completed": r.get("shards_completed", 0), "limited": r.get("limited", False),
        })
    return out


def run_report(root: Path, *, sample: int, seed: int, chars: int) -> tuple[dict[str, Any], list[str]]:
    """The data and the HTML sections of a run's (or a --scores-only run's) folder."""
    identity = read_identity(root)
    stats = _read_json(root / "stats.json", "the folder's totals; written when a run finishes")
    run_files = sorted((root / "runs").glob("*.json")) if (root / "runs").is_dir() else []
    runs = [(f"runs/{f.name}", _read_json(f, "a run's statistics")) for f in run_files]
    principles = identity.principles
    last = dict(runs).get(stats.get("last_run", ""), runs[-1][1] if runs else {})
    rules, rules_info = find_rules(last.get("rules", ""), principles)
    thresholds = rule_thresholds(rules, principles)
    flag = {p: min((t["threshold"] for t in ts if t["route"] != "keep"), default=FALLBACK_FLAG)
            for p, ts in thresholds.items()}
    counts = ScoreCounts(principles, np.array([flag[p] for p in principles]))
    scan = scan_run(root, identity, counts, sample=sample, seed=seed)

    # The runs' histograms are the scores as scored (float32); use them when those runs scored
    # exactly this folder's documents (no shard redone, none cut short), else count the scores.
    run_stats = [r for _, r in runs]
    covered = bool(runs) and sum(r.get("docs", 0) for r in run_stats) == stats.get("docs") and all(
        "histograms" in r for r in run_stats)
    if covered:
        hist, source = _sum_histograms(run_stats, principles), "runs"
        conflicts: dict[str, int] | None = {p: sum(r.get("conflicts", {}).get(p, 0) for r in run_stats)
                                            for p in principles}
    else:
        hist, source, conflicts = {p: counts.hist[j].tolist() for j, p in enumerate(principles)}, "scores", None
    scores_only = identity.scores_only
    routes = {"scores": stats.get("scores", 0)} if scores_only else dict(stats.get("routes", {}))
    if scan.partial:  # stats.json counts completed shards only: count what the files hold, as inspect does
        routes = dict(scan.docs)
    data: dict[str, Any] = {
        "kind": "scores-only" if scores_only else "run", "out": str(root), "model": identity.model,
        "principles": principles, "field": identity.field, "text_key": identity.text_key,
        "windows": identity.windows, "stats": stats, "routes": routes,
        "tokens": {r: scan.tokens.get(r) for r in routes}, "scanned": scan.docs, "unreadable": scan.unreadable,
        "partial_files": scan.partial,
        "quarantined": stats.get("quarantined", 0), "quarantine": scan.quarantine,
        "rules": msgspec.to_builtins(rules_info), "thresholds": thresholds, "flag_threshold": flag,
        "histograms": hist, "histogram_source": source, "conflicts": conflicts,
        "coflags": {p: {q: int(counts.coflag[i, j]) for j, q in enumerate(principles)} for i, p in enumerate(principles)},
        "runs": _throughput(runs),
        "samples": {r: {"total": scan.seen[r], "shown": [{"file": f, "line": k} for f, k, _ in s]}
                    for r, s in scan.samples.items()},
    }
    sections = [
        _summary_run(data, identity),
        _routes_section(data),
        _scores_section(data),
        _coflags_section(data),
        _quarantine_section(data),
        _throughput_section(data),
        _samples_section(data, scan, identity, flag, chars),
    ]
    return data, sections


def _kv(rows: list[tuple[str, str]]) -> str:
    return "<table class=\"kv\"><tbody>" + "".join(f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in rows) + \
        "</tbody></table>"


def _summary_run(d: dict[str, Any], identity: RunIdentity) -> str:
    st, rules = d["stats"], d["rules"]
    rows = [
        ("folder", esc(d["out"])),
        ("kind", esc("--scores-only run (score rows; no texts)" if d["kind"] == "scores-only" else "run")),
        ("model", esc(d["model"])),
        ("windows", f"{'all' if identity.windows >= ALL_WINDOWS else identity.windows} per document, "
                    f"{identity.overlap} tokens overlap"
                    + (", cascade on" if identity.cascade else "")),
        ("rules", esc(f"{rules['source']} ({rules['digest']})")
         + (f'<p class="note">{esc(rules["note"])}</p>' if rules["note"] else "")),
        ("principles", esc(", ".join(d["principles"]))),
        ("shards completed", num(st.get("shards_completed"))),
        ("documents", num(st.get("docs"))),
        ("quarantined", num(st.get("quarantined"))),
    ]
    if d.get("partial_files"):
        rows.append(("cut short", f'{d["partial_files"]:,} file(s) of shards a --limit cut short: their documents '
                                  'are counted and sampled here, not in the documents above'))
    if d["unreadable"]:
        rows.append(("unreadable lines", f'{d["unreadable"]:,} lines in route files without a readable '
                                          f'{esc(d["field"])} field (not counted)'))
    return _section("summary", "Summary", _kv(rows))


def _routes_section(d: dict[str, Any]) -> str:
    rows_data = [(r, n, d["tokens"].get(r)) for r, n in d["routes"].items()] + [("quarantine", d["quarantined"], None)]
    total = sum(n for _, n, _ in rows_data)
    rows = [[esc(r), num(n), f"{100 * n / max(total, 1):.1f}", "-" if r == "quarantine" else num(t)]
            for r, n, t in rows_data]
    attrs = [f'data-route="{esc(r)}" data-docs="{n}" data-tokens="{"" if t is None else t}"' for r, n, t in rows_data]
    if any(t is None for r, _, t in rows_data if r != "quarantine"):
        note = "tokens n/a: the records do not carry a token count (written before token counts)."
    else:
        note = ("Tokens of the whole documents under the model's tokenizer, whatever windows were scored "
                "(extrapolated by bytes past the first windows' reach for very long documents).")
    table = _table(["route", "documents", "%", "tokens"], rows, attrs)
    return _section("routes", "Routes", f'<div class="row">{table}{routes_plot(rows_data)}</div>'
                                        f'<p class="note">{note}</p>')


def _scores_section(d: dict[str, Any]) -> str:
    src = ("the runs' histograms (runs/*.json)" if d["histogram_source"] == "runs" else
           "the scores in the route files (the runs' histograms do not cover exactly this folder's documents)")
    notes = [f"Documents per score bin (0.1 wide, log scale), from {src}; dashed lines: the rule thresholds."]
    if d["rules"]["note"]:
        notes.append(d["rules"]["note"])
    rows = [[esc(p), " ".join(str(c) for c in h),
             ", ".join(f"{esc(t['route'])} ≥ {t['threshold']:g} ({esc(t['reason'])})" for t in d["thresholds"][p]) or "-"]
            for p, h in d["histograms"].items()]
    body = "".join(f'<p class="note">{esc(n)}</p>' for n in notes)
    return _section("scores", "Scores", body + histogram_plot(d["histograms"], d["thresholds"])
                    + _table(["principle", "counts per bin", "thresholds"], rows))


def _coflags_section(d: dict[str, Any]) -> str:
    ps, m = d["principles"], d["coflags"]
    flag = ", ".join(f"{p} ≥ {d['flag_threshold'][p]:g}" for p in ps)
    n = max(sum(d["scanned"].values()), 1)
    rows = [[esc(p)] + [f"{m[p][q]:,} ({100 * m[p][q] / n:.1f}%)" for q in ps] for p in ps]
    attrs = [f'data-principle="{esc(p)}"' for p in ps]
    conflicts = ("" if d["conflicts"] is None else
                 _table(["principle", "conflicts"], [[esc(p), num(d["conflicts"].get(p))] for p in ps]))
    return _section("coflags", "Principles flagged together", (
        f'<p class="note">Documents over the threshold of both principles (the diagonal: of one). A principle is '
        f'flagged at the lowest threshold a rule sets on it ({esc(flag)}; {FALLBACK_FLAG:g} where no rule sets one). '
        f'A large off-diagonal count: two principles flag the same documents (they agree); a small one beside '
        f'large diagonals: each flags documents the other does not.</p>'
        + '<div class="row">' + _table(["", *map(esc, ps)], rows, attrs)
        + coflag_plot(ps, np.array([[m[p][q] for q in ps] for p in ps])) + "</div>"
        + ('<p class="note">Conflicts (from the runs): documents one principle scores ≥ 0.9 while every other '
           'scores &lt; 0.1.</p>' + conflicts if conflicts else "")))


def _quarantine_section(d: dict[str, Any]) -> str:
    q = d["quarantine"]
    if not q:
        return _section("quarantine", "Quarantine", "<p>No line was quarantined.</p>")
    rows = [[esc(r), num(n)] for r, n in q.items()]
    attrs = [f'data-reason="{esc(r)}" data-count="{n}"' for r, n in q.items()]
    return _section("quarantine", "Quarantine", _table(["reason", "lines"], rows, attrs))


def _throughput_section(d: dict[str, Any]) -> str:
    runs = d["runs"]
    if not runs:
        return _section("throughput", "Throughput", "<p>No runs/*.json in the folder.</p>")
    rows = [[esc(r["file"].removeprefix("runs/").removesuffix(".json")), num(r["docs"]), f"{r['seconds']:.1f}",
             f"{r['docs_per_s']:,.1f}", f"{r['mb_per_s']:,.2f}", num(r["tokens"]),
             num(r["tokens_per_s"], ",.0f"), num(r["windows_scored"]), num(r["windows_total"]),
             f"{r['escalation_rate']:.1%}" if r["cascade"] else "cascade off", num(r["shards_completed"])
             + (" (limited)" if r["limited"] else "")] for r in runs]
    attrs = [f'data-file="{esc(r["file"])}" data-docs="{r["docs"]}" data-windows="{r["windows_scored"]}"' for r in runs]
    return _section("throughput", "Throughput", _table(
        ["run", "documents", "seconds", "docs/s", "MB/s in", "tokens", "tokens/s", "windows scored", "windows",
         "escalated", "shards"], rows, attrs))


def _samples_section(d: dict[str, Any], scan: FolderScan, identity: RunIdentity, flag: dict[str, float],
                     chars: int) -> str:
    parts = []
    if identity.scores_only:
        parts.append('<p class="note">Texts are not stored in a --scores-only folder: the rows show scores (and '
                     'where the window of each score starts). `curafilter route` routes them with the documents.</p>')
    elif identity.windows == 1:
        parts.append('<p class="note">One window per document: no window offsets are recorded; texts show their head.</p>')
    else:
        parts.append('<p class="note">Highlighted: the window that gave the highest score (from where it starts).</p>')
    for route, sample in scan.samples.items():
        total = scan.seen[route]
        if route == "quarantine":
            items = [_quarantine_html(f, k, line) for f, k, line in sample]
        elif route == "scores":
            items = [_row_html(f, k, line, flag) for f, k, line in sample]
        else:
            items = [_doc_html(f, k, line, identity, flag, chars) for f, k, line in sample]
        parts.append(f'<section class="route" id="sample-{route}" data-route="{route}" data-total="{total}">'
                     f'<h3 style="border-color:{COLORS.get(route, "#777")}">{route}: {len(sample)} of {total:,}</h3>'
                     + ("".join(items) or "<p>none</p>") + "</section>")
    return _section("samples", "Sample documents", "".join(parts))


# ---------------------------------------------------------------------------------------------
# revise folders


def _ledger(path: Path) -> dict[str, Any] | None:
    """States and totals of a revise ledger, opened read-only (None if it cannot be read)."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            states = dict(db.execute("SELECT state, COUNT(*) FROM docs GROUP BY state").fetchall())
            pt, ct, cost = db.execute(
                "SELECT SUM(prompt_tokens), SUM(completion_tokens), SUM(cost) FROM docs").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return {"states": states, "prompt_tokens": pt or 0, "completion_tokens": ct or 0, "cost": cost or 0.0}


def revise_report(root: Path, *, sample: int, seed: int, chars: int, field: str,
                  text_key: str) -> tuple[dict[str, Any], list[str]]:
    """The data and the HTML sections of a `curafilter revise` output folder."""
    audit_key, path = f"{field}_revision", text_key.split(".")
    written: dict[str, int] = {}
    sums: dict[str, dict[str, list[float]]] = {s: {} for s in REVISE_STATES}  # state -> p -> [n, before, after]
    samples: dict[str, list[str]] = {}
    unreadable = 0
    for state in REVISE_STATES:
        res = Reservoir(sample, seed)
        for f in route_files(root / state)[0]:  # revise writes no .partial files
            for k, line in enumerate(route_records(f), 1):
                if not line.strip():
                    continue
                res.offer((str(f), k, line))
                try:
                    audit = raw_value(line, [audit_key], _Audit)
                    before = raw_value(line, [field], _Field)
                except RecordError:
                    unreadable += 1
                    continue
                if not isinstance(audit, _Audit):
                    unreadable += 1
                    continue
                if isinstance(before, _Field) and audit.scores_after:
                    for p, v in before.scores.items():
                        if p in audit.scores_after:
                            s = sums[state].setdefault(p, [0, 0.0, 0.0])
                            s[0] += 1
                            s[1] += v
                            s[2] += audit.scores_after[p]
        written[state] = res.seen
        samples[state] = [_revision_html(f, k, line, audit_key, field, path, chars) for f, k, line in res.sample()]
    change = {s: {p: {"n": int(n), "before": b / n, "after": a / n} for p, (n, b, a) in ps.items()}
              for s, ps in sums.items()}
    ledger = _ledger(root / "ledger.sqlite")
    data: dict[str, Any] = {"kind": "revise", "out": str(root), "field": field, "text_key": text_key,
                            "written": written, "ledger": ledger, "score_change": change, "unreadable": unreadable}
    rows = [(s, f'<span data-state="{s}" data-written="{n}">{n:,}</span>') for s, n in written.items()]
    if ledger:
        rows += [("ledger states", esc(", ".join(f"{k} {v:,}" for k, v in sorted(ledger["states"].items())))),
                 ("LLM tokens", f"{ledger['prompt_tokens']:,} in, {ledger['completion_tokens']:,} out"),
                 ("cost", f"${ledger['cost']:,.4f}")]
    else:
        rows.append(("ledger", "ledger.sqlite could not be read"))
    if unreadable:
        rows.append(("unreadable", f"{unreadable:,} records without a readable {esc(audit_key)} field "
                                   "(another --field?)"))
    summary = _kv([("folder", esc(str(root))), ("kind", "revise output (revised / dropped / failed)")] + rows)
    table = [[esc(s), esc(p), num(c["n"]), f"{c['before']:.3f}", f"{c['after']:.3f}", f"{c['after'] - c['before']:+.3f}"]
             for s, ps in change.items() for p, c in ps.items()]
    change_html = (score_change_plot(change) + _table(["state", "principle", "documents", "mean before", "mean after",
                                                       "change"], table)) if table else "<p>No score changes recorded.</p>"
    parts = ['<p class="note">Revised: the original text, then the rewrite that passed. Dropped: the original (the '
             'rejected rewrites are not stored; their last scores are). Failed: the LLM call failed.</p>']
    for state in REVISE_STATES:
        parts.append(f'<section class="route" id="sample-{state}" data-route="{state}" data-total="{written[state]}">'
                     f'<h3 style="border-color:{COLORS[state]}">{state}: {len(samples[state])} of {written[state]:,}</h3>'
                     + ("".join(samples[state]) or "<p>none</p>") + "</section>")
    return data, [_section("summary", "Summary", summary), _section("score-change", "Score change", change_html),
                  _section("samples", "Sample documents", "".join(parts))]


def _revision_html(f: str, k: int, line: bytes, audit_key: str, field: str, path: list[str], chars: int) -> str:
    where = f"{Path(f).name}:{k}"
    try:
        text = raw_string(line, path)
        audit = raw_value(line, [audit_key], _Audit)
        before = raw_value(line, [field], _Field)
    except RecordError as e:
        return f'<article class="doc"><p class="meta">{esc(where)}: unreadable record: {esc(e)}</p></article>'
    if not isinstance(audit, _Audit):
        return f'<article class="doc"><p class="meta">{esc(where)}: no {esc(audit_key)} field</p></article>'
    old = audit.original_text if audit.original_text is not None else text
    after = audit.scores_after or {}
    change = " ".join(
        f'<span class="score">{esc(p)} {v:.3f} → {after[p]:.3f}</span>' if p in after else
        f'<span class="score">{esc(p)} {v:.3f}</span>'
        for p, v in (before.scores.items() if isinstance(before, _Field) else []))
    meta = [f"id {esc(audit.id)}" if audit.id != audit.queue else "",  # no --id-key: the id is the queue key
            esc(f"queue {Path(audit.queue).name}"), esc(where), f"<b>{esc(audit.reason)}</b>", f"attempts {audit.attempts}"]
    texts = f'<div class="text"><h4>before</h4>{passage(old or "", None, chars)}</div>'
    if audit.original_text is not None:
        texts += f'<div class="text"><h4>after</h4>{passage(text or "", None, chars)}</div>'
    return (f'<article class="doc"><p class="meta">{" · ".join(m for m in meta if m)}</p><p class="scores">{change}</p>'
            f'<div class="pair">{texts}</div></article>')


# ---------------------------------------------------------------------------------------------


CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;margin:0;background:#f6f6f4}
main{max-width:1100px;margin:0 auto;padding:16px 24px;background:#fff}
h1{font-size:22px;margin:8px 0 4px}h2{font-size:18px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}
h3{font-size:15px;border-left:5px solid #777;padding-left:8px;margin:18px 0 8px}h4{margin:0 0 4px;font-size:12px;color:#666}
nav a{margin-right:12px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}
table.kv th{text-align:left;background:#f3f3f3;font-weight:600}table.kv td{text-align:left}
svg{max-width:100%;height:auto;display:block}
.row{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}.row svg{flex:0 1 auto;min-width:0}
.note{color:#555;font-size:13px;margin:4px 0}
.doc{border:1px solid #e3e3e3;border-radius:4px;padding:6px 10px;margin:8px 0}
.meta{margin:0 0 4px;color:#555;font-size:12px;overflow-wrap:anywhere}
.scores{margin:0 0 4px}
.score{display:inline-block;font:12px ui-monospace,monospace;background:#eef2f6;border-radius:3px;padding:0 5px;margin:1px}
.score.hot{background:#f6d5d0;font-weight:700}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:13px;max-height:22em;overflow:auto;background:#fafafa;padding:4px 6px}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:8px}
mark{background:#ffe58a}
"""


def render(data: dict[str, Any], sections: list[str]) -> str:
    ids = re.findall(r'<section id="([^"]+)"><h2>([^<]*)</h2>', "".join(sections))
    nav = "<nav>" + "".join(f'<a href="#{i}">{t}</a>' for i, t in ids) + "</nav>"
    # The JSON is read by tools, never run: "<" escaped so no text in it can close the script element.
    blob = msgspec.json.encode(data).decode().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    title = f"curafilter report: {data['out']}"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        # Nothing in the page may load anything: a document that got past the escaping still could not.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{esc(title)}</title>"
        f"<style>{CSS}</style></head><body><main>"
        f"<h1>{esc(title)}</h1><p class=\"note\">curafilter {esc(__version__)}, "
        f"{time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}</p>{nav}"
        + "".join(sections)
        + f'<script type="application/json" id="report-data">{blob}</script>'
        "</main></body></html>\n"
    )


def write_report(out: str | os.PathLike[str], dest: str | os.PathLike[str], *, sample: int = 5, seed: int = 0,
                 chars: int = 600, field: str = "curafilter", text_key: str = "text") -> dict[str, Any]:
    """Write the HTML report of output folder `out` (a run's, a --scores-only run's or a revise
    output folder) to `dest`; returns the numbers it shows. `sample` documents per route are drawn
    with `seed`, `chars` characters of text shown each. `field` and `text_key` are for a revise
    folder (a run folder records its own)."""
    root = Path(out)
    if sample < 0 or chars < 1:
        raise ConfigError(f"sample must be 0 or more and chars at least 1, got {sample} and {chars}")
    if Path(dest).is_dir():
        raise ConfigError(f"{dest} is a folder; -o needs a file name (e.g. {Path(dest) / 'report.html'})")
    check_replaceable(dest, lambda head: b"<title>curafilter report: " in head, "report")
    if (root / "run.json").is_file():
        data, sections = run_report(root, sample=sample, seed=seed, chars=chars)
    elif (root / "ledger.sqlite").is_file():
        data, sections = revise_report(root, sample=sample, seed=seed, chars=chars, field=field, text_key=text_key)
    else:
        raise InputError(f"{root} is not a curafilter output folder (no run.json, nor a revise ledger.sqlite)")
    page = render(data, sections)
    target = Path(dest)
    try:
        write_atomic(target, page.encode("utf-8"))
    except OSError as e:
        raise ConfigError(f"cannot write {target}: {e.strerror or e}") from None
    return data
