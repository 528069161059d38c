"""``curafilter plan``: routing rules compiled from goals, over the scores a run stored.

The scores come from a ``run --scores-only`` folder (usually a ``--limit`` sample of a big corpus)
or from a normal run's folder (each routed record's field). The goals are a TOML file; see
examples/goals.toml for every key. Definitions:

- kept = keep + tag: documents that stay in the corpus as written (not dropped, not revised).
- residual of a principle: kept documents scoring at or above its reference threshold, as a share
  of all documents. Tagged documents are kept, so they count.
- a document's tokens: what the run stored, the whole document's tokens by the model's tokenizer
  (extrapolated by bytes past what it read of a huge one; see Router.route).

The rules written set, per principle p, a revise threshold r_p and a drop threshold d_p >= r_p
(either may be absent): score >= d_p drops, r_p <= score < d_p revises. Rule order: without
``[priority]``, by severity (every drop rule, then every revise rule; the principle order only
picks the reason); with ``[priority] order``, principle by principle, so the first principle whose
rule matches decides the route ("when deception and toxicity disagree, deception wins"). Tag rules
at the reference thresholds come last (``[tag] residual``), then ``default = "keep"``.

Solver: coordinate descent, evaluated exactly on every stored row. Only principles with a residual
goal get drop and revise rules. A step sets one threshold of one principle to its best candidate,
given the others; the candidates are every distinct stored score of that principle (plus its
reference threshold and "off"), all evaluated at once: a row's route changes only where the
threshold passes its score, so each candidate's counts are a cumulative sum over the rows sorted by
score. A pair step moves a principle's revise and drop thresholds together over a coarser grid (the
scores at which the share of rows at or above lies on a geometric grid from 1/n to 1, 160 levels),
for moves neither threshold makes alone. Sweeps run until nothing changes, from two starts (nothing
removed; each residual goal met by its own principle's threshold) and the better end wins. "Better"
compares, in order: hard goals' squared violations (summed), soft goals' weight x violation, the
share of documents removed (dropped or revised), the share dropped. So the plan meets the hard
goals, then the soft ones, then removes no more than it must and revises rather than drops within
the revise budget; between principles of equal effect, the earlier in priority order is searched
first and so gets the budget first. It is a local search: a goal set reported infeasible may have a
plan it missed, but a plan written always meets its hard goals on the rows it was fitted to.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import msgspec
import numpy as np

from curafilter.errors import ConfigError, InputError, InternalError
from curafilter.outputs import PARTIAL, ScoreRow, check_replaceable, read_identity, route_records, score_rows, write_atomic
from curafilter.rules import ROUTES, parse_rules

INF = math.inf
MAX_SWEEPS = 50
PAIR_GRID = 160  # candidates per threshold when both of a principle's move together
MARK = "# Written by curafilter plan"  # first line of a rules file plan may overwrite
Z95 = 1.959964


# ----------------------------------------------------------------------------------------- goals

class Corpus(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    documents: int | None = None
    tokens: int | None = None


class KeptGoal(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    min_docs: float | None = None
    min_tokens: float | None = None
    weight: float | None = None


class ResidualGoal(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    max: float
    weight: float | None = None


class ReviseGoal(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    max_docs: float | None = None
    max_tokens: float | None = None
    max_cost: float | None = None
    price_in: float = 0.0  # USD per million tokens, as `curafilter revise --price-in`
    price_out: float = 0.0
    output_ratio: float = 1.0  # output tokens per input token of a rewrite
    prompt_tokens: int = 0  # input tokens per request besides the document (the instructions)
    weight: float | None = None


class DropGoal(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    max_docs: float | None = None
    max_tokens: float | None = None
    weight: float | None = None


class Priority(msgspec.Struct, forbid_unknown_fields=True):
    order: list[str]


class TagSpec(msgspec.Struct, forbid_unknown_fields=True):
    residual: bool = True  # tag kept documents past a reference threshold


class GoalsFile(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    reference: dict[str, float] = {}
    corpus: Corpus | None = None
    kept: KeptGoal | None = None
    residual: dict[str, float | ResidualGoal] = {}
    revise: ReviseGoal | None = None
    drop: DropGoal | None = None
    priority: Priority | None = None
    tag: TagSpec = msgspec.field(default_factory=TagSpec)


@dataclass(frozen=True)
class Goal:
    name: str  # as in the goals file, e.g. "residual.deception.max"
    metric: str  # key of the metrics dict
    limit: float
    at_least: bool
    weight: float | None  # None: hard
    scale: float = 1.0  # violations are shares; money is divided by its budget

    def violation(self, m: dict[str, np.ndarray] | dict[str, float]) -> np.ndarray:
        v = m[self.metric]  # a float, or an array of many plans' values
        return np.maximum(0.0, self.limit - v if self.at_least else v - self.limit) / self.scale


@dataclass
class Goals:
    path: str
    spec: GoalsFile
    goals: list[Goal]
    reference: dict[str, float]
    order: list[str]  # principles, first wins
    by_priority: bool
    revise_allowed: bool


def _line(text: str, parts: list[str]) -> int | None:
    """Line of key path `parts` (e.g. ["residual", "deception", "max"]) in TOML `text`: the key
    under the deepest table header that matches, else the first line naming the last key."""
    lines = text.splitlines()
    for depth in range(len(parts), 0, -1):
        header = r"\s*\[\s*" + r"\s*\.\s*".join(re.escape(p) for p in parts[:depth]) + r"\s*\]"
        start = next((i for i, ln in enumerate(lines) if re.match(header, ln)), None)
        if start is None:
            continue
        for i in range(start + 1, len(lines) if depth < len(parts) else start):
            if re.match(r"\s*\[", lines[i]):
                break
            if re.match(rf"\s*{re.escape(parts[depth])}\s*[=.]", lines[i]):
                return i + 1
        return start + 1
    key = re.escape(parts[-1]) if parts else ""
    return next((i + 1 for i, ln in enumerate(lines) if key and re.search(rf"(^|[\s.{{,]){key}\s*=", ln)), None)


def _fail(path: str, text: str, key: str, msg: str) -> ConfigError:
    line = _line(text, key.replace("[...]", "").split(".")) if key else None
    return ConfigError(f"{path}{f':{line}' if line else ''}: {key + ': ' if key else ''}{msg}")


def load_goals(path: str | os.PathLike[str], sample: Sample, *, model: str | os.PathLike[str] | None = None) -> Goals:
    """Read and check a goals file against the scores it will be planned on."""
    p = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read goals file {p}: {e}") from None
    try:
        spec = msgspec.toml.decode(text.encode(), type=GoalsFile)
    except msgspec.ValidationError as e:
        m = re.search(r"at `\$\.?([^`]*)`", str(e))
        key = re.sub(r"\[(\d+)\]", r".\1", m.group(1)) if m else ""
        unknown = re.search(r"unknown field `([^`]*)`", str(e))
        key = f"{key}.{unknown.group(1)}".lstrip(".") if unknown else key
        raise _fail(p, text, key, str(e).split(" - at ")[0]) from None
    except msgspec.DecodeError as e:
        raise ConfigError(f"{p}: invalid TOML: {e}") from None
    fail = lambda key, msg: _fail(p, text, key, msg)  # noqa: E731
    names = sample.principles

    def principle(key: str, name: str) -> None:
        if name not in names:
            raise fail(key, f"unknown principle {name!r} (the scores have {names})")

    def share(key: str, v: float | None) -> None:
        if v is not None and not 0.0 <= v <= 1.0:
            raise fail(key, f"must be a share within [0, 1], got {v}")

    def weight(key: str, w: float | None) -> None:
        if w is not None and not (math.isfinite(w) and w > 0):
            raise fail(key, f"must be a number greater than 0, got {w}")

    for name, t in spec.reference.items():
        principle(f"reference.{name}", name)
        share(f"reference.{name}", t)
    reference = {**card_thresholds(sample, model), **spec.reference}
    goals: list[Goal] = []
    token_keys: list[str] = []
    if spec.kept is not None:
        k = spec.kept
        weight("kept.weight", k.weight)
        for key, v, metric in (("min_docs", k.min_docs, "kept_docs"), ("min_tokens", k.min_tokens, "kept_tokens")):
            share(f"kept.{key}", v)
            if v is not None:
                goals.append(Goal(f"kept.{key}", metric, v, True, k.weight))
        token_keys += ["kept.min_tokens"] if k.min_tokens is not None else []
    for name, g in spec.residual.items():
        principle(f"residual.{name}", name)
        key = f"residual.{name}" if isinstance(g, float) else f"residual.{name}.max"
        g = ResidualGoal(max=g) if isinstance(g, float) else g
        share(key, g.max)
        weight(f"residual.{name}.weight", g.weight)
        if name not in reference:
            raise fail(f"residual.{name}", f"needs a reference threshold for {name!r}: the card of {sample.model} "
                       "was not found (give --model BUNDLE) or has none; or set [reference] " + f"{name} = ...")
        goals.append(Goal(f"residual.{name}.max", f"residual:{name}", g.max, False, g.weight))
    for table, budget in (("drop", spec.drop), ("revise", spec.revise)):
        if budget is None:
            continue
        weight(f"{table}.weight", budget.weight)
        for key in ("max_docs", "max_tokens"):
            v = getattr(budget, key)
            share(f"{table}.{key}", v)
            if v is not None:
                goals.append(Goal(f"{table}.{key}", f"{table}_{key[4:]}", v, False, budget.weight))
        token_keys += [f"{table}.max_tokens"] if budget.max_tokens is not None else []
    if spec.revise is not None:
        r = spec.revise
        for key in ("price_in", "price_out", "output_ratio", "prompt_tokens"):
            if not (math.isfinite(getattr(r, key)) and getattr(r, key) >= 0):
                raise fail(f"revise.{key}", f"must be 0 or more, got {getattr(r, key)}")
        if r.max_cost is not None:
            if not (math.isfinite(r.max_cost) and r.max_cost >= 0):
                raise fail("revise.max_cost", f"must be 0 or more (USD), got {r.max_cost}")
            if r.price_in == 0 and r.price_out == 0:
                raise fail("revise.max_cost", "needs revise.price_in and/or revise.price_out (USD per million tokens)")
            goals.append(Goal("revise.max_cost", "revise_cost", r.max_cost, False, r.weight, max(r.max_cost, 1.0)))
            token_keys.append("revise.max_cost")
    if spec.corpus is not None:
        c = spec.corpus
        if (c.documents is None) == (c.tokens is None):
            raise fail("corpus", "give exactly one of documents, tokens (the size of the corpus the sample stands for)")
        for key, v in (("documents", c.documents), ("tokens", c.tokens)):
            if v is not None and v <= 0:
                raise fail(f"corpus.{key}", f"must be at least 1, got {v}")
        token_keys += ["corpus.tokens"] if c.tokens is not None else []
    if token_keys and sample.tokens is None:
        raise fail(token_keys[0], f"needs token counts, and {sample.tokens_note}")
    if not goals:
        raise ConfigError(f"{p}: no goal: give at least one of [kept], [residual], [revise], [drop] "
                          "(see examples/goals.toml)")
    order = list(spec.priority.order) if spec.priority else []
    for i, name in enumerate(order):
        principle(f"priority.order.{i}", name)
    if len(set(order)) != len(order):
        raise fail("priority.order", f"names a principle twice: {order}")
    order += [n for n in names if n not in order]
    return Goals(p, spec, goals, reference, order, spec.priority is not None, spec.revise is not None)


def card_thresholds(sample: Sample, model: str | os.PathLike[str] | None) -> dict[str, float]:
    """The suggested thresholds of the bundle that scored `sample`: `model` if given (it must be
    the same name and version), else a bundled model of that name and version; {} if none."""
    from curafilter.bundle import BUNDLED, bundle_dir, shipped_bundles
    from curafilter.card import read_card
    from curafilter.errors import ModelError

    wanted = sample.model.rsplit("/", 1)[0]  # "name@version/variant"
    if model is not None:
        card = read_card(bundle_dir(model))
        if f"{card.name}@{card.version}" != wanted:
            raise ConfigError(f"--model {model} is {card.name}@{card.version}, but {sample.folder} was scored "
                              f"by {sample.model}")
        return dict(card.thresholds)
    for name in shipped_bundles():
        try:
            card = read_card(BUNDLED / name)
        except (ModelError, OSError):
            continue
        if f"{card.name}@{card.version}" == wanted:
            return dict(card.thresholds)
    return {}


# ---------------------------------------------------------------------------------------- scores

@dataclass
class Sample:
    folder: str
    model: str
    principles: list[str]
    scores: np.ndarray  # float32 [n, principles]: what `route` compares with the thresholds
    tokens: np.ndarray | None  # int64 [n]; None when the folder's counts cannot be used
    keys: list[str]  # "shard:line" (or file:line of a route file), for the held-out split
    partial: int = 0  # rows from shards a --limit cut short (`route` skips those shards)
    tokens_note: str = ""  # why `tokens` is None

    def subset(self, rows: np.ndarray) -> Sample:
        return replace(self, scores=self.scores[rows], tokens=None if self.tokens is None else self.tokens[rows],
                       keys=[self.keys[i] for i in np.flatnonzero(rows)])


class _Field(msgspec.Struct):
    scores: dict[str, float]
    tokens: int = -1
    shard: str | None = None
    line: int | None = None


def _scored(files: list[Path]) -> Iterator[tuple[Path, int, str, ScoreRow]]:
    for f, n, row in score_rows(files):
        # Older folders recorded shard paths as given; `route` makes them absolute too.
        yield f, n, f"{os.path.abspath(row.shard)}:{row.line}", row


def _routed(files: list[Path], field: str) -> Iterator[tuple[Path, int, str, _Field]]:
    """The scores a run appended to each routed record, keyed by its shard and line where the
    record has them (--provenance), else by the route file's own line."""
    from curafilter.raw_json import RecordError, raw_value

    for f in files:
        for n, line in enumerate(route_records(f), 1):
            try:
                row = raw_value(line, [field], _Field)
            except (msgspec.ValidationError, msgspec.DecodeError, RecordError) as e:
                raise InputError(f"{f}:{n}: bad score row: {e}") from None
            if row is None:
                raise InputError(f"{f}:{n}: no {field!r} field")
            # Without provenance, the route folder is part of the key: keep/, drop/, ... hold files
            # of one name, and keyed by the file name alone their lines overwrote each other.
            yield f, n, f"{row.shard}:{row.line}" if row.shard is not None else f"{f.parent.name}/{f.name}:{n}", row


def load_sample(folder: str | os.PathLike[str]) -> Sample:
    """The scores stored in a run's output folder, one row per document."""
    root = Path(folder)
    ident = read_identity(root)
    routes = ["scores"] if ident.scores_only else ["keep", "drop", "revise", "tag"]
    files = [f for r in routes for suffix in ("", PARTIAL) for f in sorted((root / r).glob("*.jsonl.zst" + suffix))]
    if not ident.scores_only and any(next((root / r).glob("*.parquet*"), None) for r in routes):
        raise ConfigError(f"{root} has Parquet route files, which plan does not read: score a sample with "
                          "`curafilter run --scores-only` and plan on that")
    rows: dict[str, tuple[list[float], int]] = {}
    partial = 0
    for f, n, key, row in (_scored(files) if ident.scores_only else _routed(files, ident.field)):
        try:
            rows[key] = ([row.scores[p] for p in ident.principles], row.tokens)
        except KeyError as e:
            raise InputError(f"{f}:{n}: no score for principle {e.args[0]!r}") from None
        partial += f.name.endswith(PARTIAL)
    if not rows:
        raise InputError(f"{root} holds no scores (no {' / '.join(routes)} files)")
    tokens = np.array([t for _, t in rows.values()], dtype=np.int64)
    note = ""
    if (tokens < 0).any():
        note = (f"{root} has score rows without token counts (written by an older curafilter); score it again "
                "for goals in tokens or money")
    # The float32 cast is the one `route` makes: thresholds compare with exactly these values.
    scores = np.array([v for v, _ in rows.values()], dtype=np.float64).astype(np.float32)
    return Sample(os.fspath(folder), ident.model, list(ident.principles), scores, None if note else tokens,
                  list(rows), partial, note)


# ----------------------------------------------------------------------------------------- solver

@dataclass
class State:
    revise: list[float]  # per principle: remove (revise or drop) at or above; INF: off
    drop: list[float]  # drop at or above max(revise, drop); -INF: drop all it removes, INF: none

    def drop_at(self, j: int) -> float:
        return max(self.revise[j], self.drop[j])

    def but(self, coord: str, j: int, value: float) -> State:
        st = State(list(self.revise), list(self.drop))
        getattr(st, coord)[j] = value
        return st


KEEP, DROP, REVISE = 0, 1, 2
Objective = tuple[float, float, float, float]


class Problem:
    """The stored scores and the goals, with an exact evaluation of any thresholds."""

    def __init__(self, sample: Sample, goals: Goals, scale: float) -> None:
        self.sample, self.goals, self.scale = sample, goals, scale  # scale: corpus / sample, for money
        names = sample.principles
        self.cols = [names.index(p) for p in goals.order]  # principle columns, first wins
        # Only a principle with a residual goal gets drop and revise rules: removing documents by
        # another principle's score (which may correlate) would give them a misleading reason.
        wanted = {g.metric.split(":", 1)[1] for g in goals.goals if g.metric.startswith("residual:")}
        self.active = [j for j in self.cols if names[j] in wanted]
        self.judged = [p for p in names if p in goals.reference]  # principles with a residual
        ref = np.array([goals.reference.get(p, INF) for p in names], dtype=np.float32)
        self.residual = sample.scores >= ref
        # Candidate thresholds: every distinct score (and the reference), highest first; and the
        # coarser grid of pair steps: the scores with a share of rows at or above them on a
        # geometric grid from 1/n to 1.
        n = len(sample.scores)
        ranks = np.unique(np.ceil(np.geomspace(1.0 / max(n, 1), 1.0, PAIR_GRID) * n).astype(np.int64) - 1)
        self.candidates, self.grid, self.rank, self.grid_first = [], [], [], []
        for j, p in enumerate(names):
            values = np.unique(sample.scores[:, j])
            if p in goals.reference:
                values = np.union1d(values, np.float32(goals.reference[p]))
            cand = values[::-1].astype(np.float32)
            grid = np.unique(np.sort(sample.scores[:, j])[::-1][ranks])[::-1] if n else values[:0]
            self.candidates.append(cand)
            self.grid.append(grid)
            # Each row's index among the candidates (its own score), and per candidate the first
            # grid entry (after "off" at 0) at or below it: which thresholds turn a row on, found once.
            self.rank.append(len(cand) - 1 - np.searchsorted(values, sample.scores[:, j]))
            self.grid_first.append(len(grid) + 1 - np.searchsorted(grid[::-1], cand, side="right"))
        self.columns = ["kept_docs", "drop_docs", "revise_docs"]
        if sample.tokens is not None:
            self.columns += ["kept_tokens", "drop_tokens", "revise_tokens"]
        self.columns += [f"residual:{p}" for p in self.judged]

    def routes(self, st: State, scores: np.ndarray | None = None) -> np.ndarray:
        """KEEP, DROP or REVISE per row under `st`, as the written rules route them: in priority order
        the first principle that removes a row decides; by severity any drop threshold reached drops."""
        s = self.sample.scores if scores is None else scores
        removed, drop = np.zeros(len(s), dtype=bool), np.zeros(len(s), dtype=bool)
        for j in self.cols:
            if st.revise[j] == INF:
                continue
            # float32 thresholds: the comparison Rules makes (a Python float against float32 scores).
            hit = s[:, j] >= np.float32(st.revise[j])
            dropped = s[:, j] >= np.float32(st.drop_at(j))
            if self.goals.by_priority:
                hit &= ~removed
                dropped &= hit
            drop |= dropped
            removed |= hit
        return np.where(drop, DROP, np.where(removed, REVISE, KEEP)).astype(np.int8)

    def table(self, codes: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """Each row's contribution to every counted quantity (`columns`), as integers."""
        kept, drop, revise = codes == KEEP, codes == DROP, codes == REVISE
        parts = [kept, drop, revise]
        if self.sample.tokens is not None:
            t = self.sample.tokens if rows is None else self.sample.tokens[rows]
            parts += [t * kept, t * drop, t * revise]
        residual = self.residual if rows is None else self.residual[rows]
        names = self.sample.principles
        parts += [kept & residual[:, names.index(p)] for p in self.judged]
        return np.stack(parts, axis=1).astype(np.int64)

    def total(self, codes: np.ndarray) -> np.ndarray:
        """`table(codes).sum(axis=0)`, without building the table."""
        kept, drop, revise = codes == KEEP, codes == DROP, codes == REVISE
        sums = [np.count_nonzero(kept), np.count_nonzero(drop), np.count_nonzero(revise)]
        t = self.sample.tokens
        if t is not None:
            sums += [t[kept].sum(), t[drop].sum(), t[revise].sum()]
        names = self.sample.principles
        sums += [np.count_nonzero(kept & self.residual[:, names.index(p)]) for p in self.judged]
        return np.array(sums, dtype=np.int64)

    def metrics(self, counts: np.ndarray, docs: int, tokens: int) -> dict[str, np.ndarray]:
        """Shares (and revise cost) from summed `table` rows; `counts` may hold many plans at once."""
        c = {name: counts[..., i] for i, name in enumerate(self.columns)}
        m = {k: v / max(tokens if _in_tokens(k) else docs, 1) for k, v in c.items()}
        # From the counts, not the sum of two shares: plans that remove as many documents must tie.
        m["removed_docs"] = (c["drop_docs"] + c["revise_docs"]) / max(docs, 1)
        r = self.goals.spec.revise
        if r is not None and "revise_tokens" in c:
            tokens_in = c["revise_tokens"] + r.prompt_tokens * c["revise_docs"]
            m["revise_cost"] = self.scale * (tokens_in * r.price_in + tokens_in * r.output_ratio * r.price_out) / 1e6
        return m

    def evaluate(self, st: State) -> dict[str, float]:
        n, total = self._size()
        m = self.metrics(self.total(self.routes(st)), n, total)
        return {k: float(v) for k, v in m.items()}

    def _size(self) -> tuple[int, int]:
        t = self.sample.tokens
        return len(self.sample.scores), int(t.sum()) if t is not None else 0

    def _objective(self, counts: np.ndarray, goals: list[Goal]) -> tuple[np.ndarray, ...]:
        m = self.metrics(counts, *self._size())
        zero = np.zeros(counts.shape[:-1])
        hard = sum((g.violation(m) ** 2 for g in goals if g.weight is None), zero)
        soft = sum((g.weight * g.violation(m) for g in goals if g.weight is not None), zero)
        return hard, soft, m["removed_docs"], m["drop_docs"]

    def objective(self, st: State, goals: list[Goal]) -> Objective:
        """Hard goals' squared violations, soft goals' penalty, share removed, share dropped: less is
        better, compared in that order."""
        h, s, r, d = self._objective(self.total(self.routes(st)), goals)
        return float(h), float(s), float(r), float(d)

    def solve(self, goals: list[Goal], start: State | None = None) -> State:
        """The best plan from `start`; without one, the better of two starts: nothing removed, and
        each principle's residual goal met by its own threshold alone. (From nothing removed, the
        first principle searched may remove documents the others would have removed more cheaply.)"""
        if start is not None:
            return self._descend(goals, start)
        k = len(self.sample.principles)
        starts = [State([INF] * k, [-INF] * k), self._own_thresholds(goals)]
        return min((self._descend(goals, st) for st in starts), key=lambda st: self.objective(st, goals))

    def _own_thresholds(self, goals: list[Goal]) -> State:
        k, n = len(self.sample.principles), len(self.sample.scores)
        st = State([INF] * k, [-INF] * k)
        for g in goals:
            if g.metric.startswith("residual:"):
                j = self.sample.principles.index(g.metric.split(":", 1)[1])
                past = np.sort(self.sample.scores[self.residual[:, j], j])
                allowed = next(a for a in range(min(int(g.limit * n) + 1, len(past)), -1, -1) if a / n <= g.limit)
                # The lowest past-reference scores may stay: remove from the next one up.
                st.revise[j] = float(past[allowed]) if allowed < len(past) else INF
        return st

    def _descend(self, goals: list[Goal], start: State, sweeps: int = MAX_SWEEPS) -> State:
        """Coordinate descent: each principle's revise, then drop threshold, set to its best
        candidate given the others, until a sweep changes nothing."""
        st = State(list(start.revise), list(start.drop))
        for _ in range(sweeps):
            changed = False
            for j in self.active:
                if self.goals.revise_allowed:
                    changed |= self._pair_step(goals, st, j)
                changed |= self._step(goals, st, j, "revise")
                if self.goals.revise_allowed and st.revise[j] < INF:
                    changed |= self._step(goals, st, j, "drop")
            if not changed:
                break
        return st

    def _counts(self, first: np.ndarray, size: int, on: State, off: State) -> np.ndarray:
        """Counts under each of `size` candidate thresholds of one principle: a row routes as under
        `on` from candidate first[row] on (the first at or below its score), as under `off` before.
        Only rows the two route apart matter: each adds its difference at its first candidate."""
        low, high = self.routes(off), self.routes(on)
        rows = np.flatnonzero(low != high)
        lo, hi, first = low[rows], high[rows], first[rows]
        d = [(hi == code).astype(np.float64) - (lo == code) for code in (KEEP, DROP, REVISE)]
        weights = list(d)
        if self.sample.tokens is not None:
            t = self.sample.tokens[rows]
            weights += [t * x for x in d]
        names = self.sample.principles
        weights += [d[KEEP] * self.residual[rows, names.index(p)] for p in self.judged]
        steps = np.stack([np.bincount(first, weights=w, minlength=size + 1)[:size] for w in weights], axis=1)
        return self.total(low) + np.cumsum(steps, axis=0).round().astype(np.int64)

    def _pair_step(self, goals: list[Goal], st: State, j: int) -> bool:
        """Both of a principle's thresholds at once, on the coarse grid: moving one alone may be no
        better where the pair is (revising more of it frees drop budget only if it drops less)."""
        at = np.concatenate([[INF], self.grid[j]]).astype(np.float32)  # 0: off (revise) / never (drop)
        first = self.grid_first[j][self.rank[j]]
        hit = st.but("revise", j, -INF)
        # Removed by p at or above the revise threshold (index ka); dropped at or above the drop one (kd).
        removed = self._counts(first, len(at), hit.but("drop", j, INF), st.but("revise", j, INF))
        dropped = self._counts(first, len(at), hit.but("drop", j, -INF), hit.but("drop", j, INF))
        base = self.total(self.routes(hit.but("drop", j, INF)))
        counts = removed[:, None, :] + (dropped - base)[None, :, :]
        obj = self._objective(counts, goals)
        ka, kd = np.indices(counts.shape[:2])
        hard = np.where(kd <= ka, obj[0], np.inf)  # the drop threshold at or above the revise one
        order = np.lexsort((obj[3].ravel(), obj[2].ravel(), obj[1].ravel(), hard.ravel()))
        a, d = np.unravel_index(int(order[0]), hard.shape)
        if (float(hard[a, d]), *(float(o[a, d]) for o in obj[1:])) < self.objective(st, goals):
            st.revise[j] = float(at[a])
            st.drop[j] = float(at[d]) if 0 < d < a else (INF if d == 0 and a > 0 else -INF)
            return True
        return False

    def _step(self, goals: list[Goal], st: State, j: int, coord: str) -> bool:
        """Set one threshold to its best candidate; True if it changed. Every candidate is evaluated
        exactly and at once: a row takes its route with the threshold "on" (below its score) or
        "off", so each candidate's counts are a cumulative sum over rows by the first candidate that
        turns them on."""
        cand, rank = self.candidates[j], self.rank[j]
        if coord == "revise":  # off, then every candidate from the highest
            values = np.concatenate([[INF], cand])
            first = rank + 1
        else:  # never (revise all p removes), the candidates above the revise threshold, -INF: at it
            above = int(np.count_nonzero(cand > np.float32(st.revise[j])))
            values = np.concatenate([[INF], cand[:above], [-INF]])
            first = np.where(rank <= above, rank + 1, above + 2)  # below the revise threshold: never
        counts = self._counts(first, len(values), st.but(coord, j, -INF), st.but(coord, j, INF))
        obj = self._objective(counts, goals)
        best = int(np.lexsort(obj[::-1])[0])  # lexsort keys: last is primary; ties: first candidate
        current = self.objective(st, goals)
        if tuple(float(o[best]) for o in obj) < current:
            getattr(st, coord)[j] = float(values[best])
            return True
        return False


def fmt(value: float) -> str:
    """The shortest text that reads back as the same float32: the threshold `route` compares."""
    return np.format_float_positional(np.float32(value), trim="-")


# ------------------------------------------------------------------------------------------ rules

def rules_text(problem: Problem, st: State, header: list[str]) -> str:
    names, goals = problem.sample.principles, problem.goals
    drops: list[tuple[str, str, float]] = []
    revises: list[tuple[str, str, float]] = []
    for p in goals.order:
        j = names.index(p)
        if st.revise[j] == INF:
            continue
        if st.drop_at(j) < INF:
            drops.append(("drop", p, st.drop_at(j)))
        if st.revise[j] < st.drop_at(j):
            revises.append(("revise", p, st.revise[j]))
    if goals.by_priority:  # principle by principle: drop_p, revise_p, then the next principle
        actions = [r for p in goals.order for r in drops + revises if r[1] == p]
    else:
        actions = drops + revises
    tags = [("tag", p, goals.reference[p]) for p in goals.order if p in goals.reference and goals.spec.tag.residual]
    if not actions and not tags:
        raise ConfigError(f"{goals.path}: the goals need no document dropped, revised or tagged, so there is no rule "
                          "to write (every document would be kept): tighten a goal, or turn on [tag] residual")
    # TOML comments may hold no control character but tab: a path with one made a file that did not parse.
    out = [MARK, *(re.sub(r"[\x00-\x08\x0a-\x1f\x7f]", "?", f"# {h}") for h in header), 'default = "keep"',
           'default_reason = "clean"', ""]
    quote = lambda x: msgspec.json.encode(x).decode()  # noqa: E731  (a JSON string is a TOML string)
    for route, p, t in actions + tags:
        key = p if re.fullmatch(r"[A-Za-z0-9_-]+", p) else quote(p)
        out += ["[[rule]]", f'route = "{route}"', f"reason = {quote(f'{route}-{p}')}",
                f"when.any = {{ {key} = {fmt(t)} }}", ""]
    return "\n".join(out)


# ------------------------------------------------------------------------------------- projection

class RouteFigures(msgspec.Struct):
    documents: int
    share: float
    tokens: int | None
    token_share: float | None


class Threshold(msgspec.Struct):
    reference: float | None
    revise: float | None  # None: no revise rule
    drop: float | None  # None: no drop rule


class GoalStatus(msgspec.Struct):
    goal: str
    kind: str  # "hard" | "soft"
    weight: float | None
    limit: float
    projected: float
    met: bool
    tight: bool  # hard goals: relaxing it would let the plan keep more or drop less


class Disagreement(msgspec.Struct):
    """Documents where `winner`'s rule decided `route` and `loser`'s rule said `loser_route`."""
    winner: str
    route: str
    loser: str
    loser_route: str
    documents: int


class Check(msgspec.Struct):
    metric: str
    projected: float  # on the fit rows
    observed: float  # on the held-out rows, under the rules fitted without them
    low: float
    high: float  # 95% interval of `observed`
    error: float  # observed - projected


class Validation(msgspec.Struct):
    fit_documents: int
    held_out_documents: int
    method: str
    checks: list[Check] = []
    note: str = ""


class Projection(msgspec.Struct, kw_only=True):
    scores: str
    goals: str
    rules: str
    model: str
    principles: list[str]
    documents: int
    partial_rows: int
    tokens: int | None
    order: str  # "severity" | "priority"
    priority: list[str]
    thresholds: dict[str, Threshold]
    routes: dict[str, RouteFigures]
    reasons: dict[str, int]
    kept_docs: float
    kept_tokens: float | None
    residual: dict[str, float]
    revise_tokens_in: int | None
    revise_tokens_out: int | None
    revise_cost: float | None  # USD, for the [corpus] (else the scored sample)
    cost_scope: str
    goals_status: list[GoalStatus]
    disagreements: list[Disagreement]
    validation: Validation | None
    notes: list[str]


class Infeasible(ConfigError):
    """The hard goals cannot all be met; the message names them and the nearest values."""


def _disagreements(problem: Problem, st: State, routes: np.ndarray, reasons: list[str]) -> list[Disagreement]:
    """Documents two principles' rules would route differently, and which one decided: the
    trade-off the rule order makes, counted rather than hidden."""
    s, names = problem.sample.scores, problem.sample.principles
    label = ("", "drop", "revise")
    decided = np.where(routes == "drop", 1, np.where(routes == "revise", 2, 0))
    winner = np.array([r.split("-", 1)[1] if r.startswith(("drop-", "revise-")) else "" for r in reasons])
    found = []
    for j, q in enumerate(names):  # q's own verdict: 1 drop, 2 revise, 0 none
        own = np.where(s[:, j] >= np.float32(st.drop_at(j)), 1, np.where(s[:, j] >= np.float32(st.revise[j]), 2, 0))
        differs = (own > 0) & (decided > 0) & (own != decided)
        for p in names:
            for r in (1, 2):
                for lr in (1, 2):
                    n = int(np.count_nonzero(differs & (winner == p) & (decided == r) & (own == lr)))
                    if n and p != q:
                        found.append(Disagreement(p, label[r], q, label[lr], n))
    return sorted(found, key=lambda d: (d.winner, d.route, d.loser, d.loser_route))


def wilson(k: int, n: int) -> tuple[float, float]:
    if n == 0:
        return 0.0, 1.0
    p, z2 = k / n, Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    # At 0 or n the bound is exactly 0 or 1 (the formula leaves rounding dust there).
    return 0.0 if k == 0 else max(0.0, centre - half), 1.0 if k == n else min(1.0, centre + half)


def ratio_interval(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """95% interval of sum(x)/sum(y) over sampled documents (delta method). Where none or all of
    the documents count (no spread to estimate), Wilson's interval for that count of documents."""
    total = float(y.sum())
    counted = int(np.count_nonzero(x))
    if total == 0 or counted in (0, len(x)):
        return wilson(counted, len(x))
    r = float(x.sum()) / total
    se = math.sqrt(float(((x - r * y) ** 2).sum())) / total
    return max(0.0, r - Z95 * se), min(1.0, r + Z95 * se)


def held_out(keys: list[str], share: float) -> np.ndarray:
    """Rows held out: a hash of each row's key, so the split is the same on every run."""
    cut = int(share * 10_000)
    return np.array([int.from_bytes(hashlib.sha1(k.encode()).digest()[:8], "big") % 10_000 < cut for k in keys],
                    dtype=bool)


def _validate(problem: Problem, share: float) -> Validation | None:
    if share <= 0:
        return None
    out = held_out(problem.sample.keys, share)
    n_fit, n_out = int((~out).sum()), int(out.sum())
    method = ("the plan fitted again on the other rows, then applied to the held-out rows (a hash of shard:line); "
              "interval: Wilson for document shares, delta method for token shares (Wilson on the document count "
              "where none or all count)")
    if n_out == 0 or n_fit == 0:
        return Validation(n_fit, n_out, method, note="too few rows to hold some out")
    fit = Problem(problem.sample.subset(~out), problem.goals, problem.scale)
    st = fit.solve(problem.goals.goals)
    projected = fit.evaluate(st)
    rows = problem.table(problem.routes(st, problem.sample.scores[out]), out)
    note = "" if fit.objective(st, problem.goals.goals)[0] == 0 else "the hard goals cannot all be met on the fit rows"
    t = problem.sample.tokens[out].astype(np.float64) if problem.sample.tokens is not None else None
    checks = []
    for c, metric in enumerate(problem.columns):
        if _in_tokens(metric):
            assert t is not None
            lo, hi = ratio_interval(rows[:, c].astype(np.float64), t)
            observed = float(rows[:, c].sum() / max(t.sum(), 1))
        else:
            lo, hi = wilson(int(rows[:, c].sum()), n_out)
            observed = float(rows[:, c].sum() / n_out)
        checks.append(Check(metric, projected[metric], observed, lo, hi, observed - projected[metric]))
    return Validation(n_fit, n_out, method, checks, note)


def _scale(sample: Sample, spec: GoalsFile) -> tuple[float, str]:
    c = spec.corpus
    if c is None:
        return 1.0, "the scored sample"
    if c.documents is not None:
        return c.documents / len(sample.scores), f"a corpus of {c.documents:,} documents"
    assert c.tokens is not None and sample.tokens is not None
    return c.tokens / max(int(sample.tokens.sum()), 1), f"a corpus of {c.tokens:,} tokens"


def plan(scores: str | os.PathLike[str], goals_path: str | os.PathLike[str], out: str | os.PathLike[str], *,
         model: str | os.PathLike[str] | None = None, holdout: float = 0.2) -> Projection:
    """Fit rules to the goals on the stored scores, write them to `out` (and the projection beside
    them, ``<stem>.projection.json``), and return the projection. Raises Infeasible, writing
    nothing, when the hard goals cannot all be met."""
    if not 0.0 <= holdout < 1.0:
        raise ConfigError(f"holdout must be within [0, 1), got {holdout}")
    target = Path(out)
    if target.is_dir():
        raise ConfigError(f"-o {out} is a folder; give the rules file to write")
    # Both files are checked before either is written: rules without their projection, or a
    # projection file of someone else's replaced, were both possible.
    check_replaceable(target, lambda head: head.startswith(MARK.encode()), "plan")
    beside = projection_path(target)
    if beside.is_dir():
        raise ConfigError(f"{beside} is a folder; plan writes its projection there: choose another -o")
    check_replaceable(beside, lambda head: head.replace(b" ", b"").startswith(b'{\n"scores":'), "plan")
    sample = load_sample(scores)
    goals = load_goals(goals_path, sample, model=model)
    scale, scope = _scale(sample, goals.spec)
    problem = Problem(sample, goals, scale)
    st = problem.solve(goals.goals)
    codes = problem.routes(st)
    m = problem.evaluate(st)
    violated = [g for g in goals.goals if g.weight is None and g.violation(m) > 0]
    if violated:
        raise Infeasible(_infeasible(problem, st, violated))
    header = [f"from {sample.folder} ({len(sample.scores):,} documents scored by {sample.model})",
              f"for the goals in {goals.path}; projection in {target.with_suffix('').name}.projection.json"]
    text = rules_text(problem, st, header)
    rules = parse_rules(text, sample.principles, source=str(target))
    decision = rules.apply(sample.scores)
    routes = np.array(rules.routes)[decision]
    reasons = [rules.reasons[d] for d in decision]
    # The projection is what `route` will do: the written rules applied to the same float32 scores.
    # The search's own evaluation must agree with it exactly.
    if not (np.array_equal(routes == "drop", codes == DROP) and np.array_equal(routes == "revise", codes == REVISE)):
        raise InternalError("plan: the written rules route differently from the search's evaluation")
    projection = _projection(problem, st, routes, reasons, m, str(target), holdout)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, text.encode())
    write_atomic(projection_path(target), msgspec.json.format(msgspec.json.encode(projection), indent=2) + b"\n")
    return projection


def _in_tokens(metric: str) -> bool:
    """A metric that is a share of tokens (kept_tokens, ...), not of documents; a residual is
    always of documents, whatever its principle is called (a principle "api_tokens" was divided
    by the token total)."""
    return metric.endswith("_tokens") and not metric.startswith("residual:")


def projection_path(rules: str | os.PathLike[str]) -> Path:
    p = Path(rules)
    return p.with_name(p.with_suffix("").name + ".projection.json")


def _infeasible(problem: Problem, st: State, violated: list[Goal]) -> str:
    m = problem.evaluate(st)
    missed = ", ".join(f"{g.name} = {g.limit:g} (the plan reaches {m[g.metric]:.4g})" for g in violated)
    near = []
    for g in violated:
        # The nearest value this goal can take with every other hard goal met: the same search with
        # this goal made soft (and heavy), so its violation is as small as the others allow.
        others = [replace(x, weight=1e6) if x is g else x for x in problem.goals.goals]
        alt = min(problem.solve(others), problem.solve(others, st), key=lambda x: problem.objective(x, others))
        am = problem.evaluate(alt)
        if not any(x.weight is None and x.violation(am) > 0 for x in others):
            near.append(f"{g.name} = {am[g.metric]:.6g}")
    hint = (f"Nearest feasible, one goal at a time with the other hard goals met: {'; '.join(near)}." if near else
            "No one of them can be relaxed alone to meet the others: relax several, or make some soft (weight).")
    return f"{problem.goals.path}: infeasible goals: the best plan found misses {missed}. {hint} Nothing written."


def _projection(problem: Problem, st: State, routes: np.ndarray, reasons: list[str], m: dict[str, float],
                rules_path: str, holdout: float) -> Projection:
    sample, goals = problem.sample, problem.goals
    n = len(sample.scores)
    t = sample.tokens
    total = int(t.sum()) if t is not None else None
    figures = {}
    for r in ROUTES:
        sel = routes == r
        tok = int(t[sel].sum()) if t is not None else None
        figures[r] = RouteFigures(int(sel.sum()), float(sel.sum() / n), tok,
                                  None if tok is None else tok / max(total or 0, 1))
    status = []
    base = problem.objective(st, goals.goals)[1:]
    for g in goals.goals:
        tight = False
        if g.weight is None:  # binding: without it, one sweep of the search finds a better plan
            others = [x for x in goals.goals if x is not g]
            tight = problem.objective(problem._descend(others, st, sweeps=1), others)[1:] < base
        status.append(GoalStatus(g.name, "hard" if g.weight is None else "soft", g.weight, g.limit, m[g.metric],
                                 bool(g.violation(m) == 0), tight))
    r = goals.spec.revise
    tokens_in = tokens_out = cost = None
    if t is not None:
        revised = routes == "revise"
        tokens_in = int(t[revised].sum()) + (r.prompt_tokens if r else 0) * int(revised.sum())
        tokens_out = round(tokens_in * (r.output_ratio if r else 1.0))
        cost = m.get("revise_cost") if r is not None and (r.price_in or r.price_out) else None
    names = sample.principles
    # A revise threshold at or past the drop one writes no revise rule (rules_text): none shown.
    thresholds = {p: Threshold(goals.reference.get(p),
                               None if st.revise[j] >= st.drop_at(j) else float(fmt(st.revise[j])),
                               None if st.drop_at(j) == INF else float(fmt(st.drop_at(j))))
                  for j, p in enumerate(names)}
    notes = []
    if sample.partial:
        notes.append(f"{sample.partial:,} of the rows come from shards a --limit cut short: `curafilter route` "
                     "skips those shards, so its counts cover only the other rows")
    if sample.tokens is None:
        notes.append(f"token figures unavailable: {sample.tokens_note}")
    if not goals.revise_allowed:
        notes.append("no [revise] table in the goals: nothing is revised")
    return Projection(
        scores=sample.folder, goals=goals.path, rules=rules_path, model=sample.model, principles=names,
        documents=n, partial_rows=sample.partial, tokens=total,
        order="priority" if goals.by_priority else "severity", priority=goals.order, thresholds=thresholds,
        routes=figures, reasons=dict(sorted(Counter(reasons).items())), kept_docs=m["kept_docs"],
        kept_tokens=m.get("kept_tokens"), residual={p: m[f"residual:{p}"] for p in names if f"residual:{p}" in m},
        revise_tokens_in=tokens_in, revise_tokens_out=tokens_out, revise_cost=cost,
        cost_scope=_scale(sample, goals.spec)[1], goals_status=status,
        disagreements=_disagreements(problem, st, routes, reasons), validation=_validate(problem, holdout),
        notes=notes)


def plan_tables(pr: Projection) -> list[object]:
    """The projection as rich tables, for the command line."""
    from rich.table import Table

    from curafilter.cli import plain

    def pct(x: float | None) -> str:
        return "-" if x is None else f"{100 * x:.2f}"

    routes = Table(title=plain(f"projection: {pr.documents:,} documents of {pr.scores}"))
    for col in ("route", "documents", "%", "tokens", "% tokens"):
        routes.add_column(col, justify="left" if col == "route" else "right")
    for r, f in pr.routes.items():
        routes.add_row(r, f"{f.documents:,}", pct(f.share), "-" if f.tokens is None else f"{f.tokens:,}",
                       pct(f.token_share))
    thresholds = Table(title=f"thresholds (rule order: {pr.order}, {' > '.join(pr.priority)})")
    for col in ("principle", "reference", "revise at", "drop at", "residual %"):
        thresholds.add_column(col, justify="left" if col == "principle" else "right")
    for p, t in pr.thresholds.items():
        cells = ["-" if v is None else fmt(v) for v in (t.reference, t.revise, t.drop)]
        thresholds.add_row(plain(p), *cells, pct(pr.residual.get(p)))
    goals = Table(title="goals")
    for col in ("goal", "kind", "limit", "projected", "status"):
        goals.add_column(col, justify="right" if col in ("limit", "projected") else "left")
    for g in pr.goals_status:
        kind = "hard" if g.weight is None else f"soft (weight {g.weight:g})"
        status = ("tight" if g.tight else "met") if g.met else "not met"
        goals.add_row(plain(g.goal), kind, f"{g.limit:.6g}", f"{g.projected:.6g}", status)
    out: list[object] = [routes, thresholds, goals]
    if pr.revise_cost is not None or pr.revise_tokens_in is not None:
        cost = Table(title=plain(f"revise, for {pr.cost_scope}"), show_header=False)
        cost.add_row("input tokens (sample)", f"{pr.revise_tokens_in:,}")
        cost.add_row("output tokens (sample)", f"{pr.revise_tokens_out:,}")
        if pr.revise_cost is not None:
            cost.add_row("cost (USD)", f"{pr.revise_cost:,.2f}")
        out.append(cost)
    if pr.disagreements:
        d = Table(title="where principles disagree, the rule order decides")
        for col in ("decided by", "route", "over", "which said", "documents"):
            d.add_column(col, justify="right" if col == "documents" else "left")
        for x in pr.disagreements:
            d.add_row(plain(x.winner), x.route, plain(x.loser), x.loser_route, f"{x.documents:,}")
        out.append(d)
    v = pr.validation
    if v is not None and v.checks:
        check = Table(title=f"held out: fitted on {v.fit_documents:,}, measured on {v.held_out_documents:,} "
                            "other documents (95% interval)")
        for col in ("share", "projected %", "held-out %", "interval %", "error %"):
            check.add_column(col, justify="left" if col == "share" else "right")
        for c in v.checks:
            check.add_row(plain(c.metric), pct(c.projected), pct(c.observed), f"{pct(c.low)} - {pct(c.high)}",
                          f"{100 * c.error:+.2f}")
        out.append(check)
    return out
