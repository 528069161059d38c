"""Routing rules: ordered, first match wins, every aggregation stated explicitly.

A rules file is TOML::

    default = "keep"                 # route when no rule matches

    [[rule]]
    route = "drop"                   # keep | drop | revise | tag
    reason = "severe-toxicity"       # reason code written with the document
    when.any = { toxicity = 0.95, cruelty = 0.97 }     # any listed score >= its threshold

    [[rule]]
    route = "revise"
    reason = "deceptive"
    when.all = { deception = 0.6, power_seeking = 0.6 }  # every listed score >= its threshold

    [[rule]]
    route = "tag"
    reason = "borderline"
    when.max = { over = ["deception", "cruelty"], threshold = 0.4 }   # max over principles
    # when.weighted_mean = { weights = { toxicity = 2, cruelty = 1 }, threshold = 0.5 }

Scores are probabilities in [0, 1] that a document violates each principle. Rules are evaluated on
a whole batch at once (numpy), not per document.

A file with no ``[[rule]]`` and ``default = "keep"`` (an empty file, say) is refused: it would keep
everything silently. With no rules and another default, every document goes to that route.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
from pathlib import Path
from typing import Literal

import msgspec
import numpy as np

from curafilter.errors import ConfigError

ROUTES = ("keep", "drop", "revise", "tag")
Route = Literal["keep", "drop", "revise", "tag"]


class MaxOf(msgspec.Struct, forbid_unknown_fields=True):
    threshold: float
    over: list[str] | None = None  # None: every principle


class WeightedMean(msgspec.Struct, forbid_unknown_fields=True):
    weights: dict[str, float]
    threshold: float


class Condition(msgspec.Struct, forbid_unknown_fields=True):
    any: dict[str, float] | None = None
    all: dict[str, float] | None = None
    max: MaxOf | None = None
    weighted_mean: WeightedMean | None = None


class Rule(msgspec.Struct, forbid_unknown_fields=True):
    route: Route
    reason: str
    when: Condition


class RulesFile(msgspec.Struct, forbid_unknown_fields=True):
    default: Route = "keep"
    default_reason: str = "no-rule-matched"
    rule: list[Rule] = []


def _line_of(text: str, path: tuple[str | int, ...]) -> int | None:
    """Best-effort line number of a key path such as ("rule", 2, "when", "any") in TOML text
    (also used for principles files: ("principle", 0, "examples"))."""
    lines = text.splitlines()
    start = 0
    keys = list(path)
    in_rule = len(keys) >= 2 and isinstance(keys[0], str) and isinstance(keys[1], int)
    if in_rule:  # an entry of an array of tables ([[rule]], [[principle]])
        headers = [i for i, ln in enumerate(lines) if re.match(rf"\s*\[\[\s*{re.escape(keys[0])}\s*\]\]", ln)]
        if keys[1] >= len(headers):
            return None
        start = headers[keys[1]]
        keys = keys[2:]
        end = next((h for h in headers if h > start), len(lines))
    else:
        end = next((i for i, ln in enumerate(lines) if re.match(r"\s*\[", ln)), len(lines))
    names = [k for k in keys if isinstance(k, str)]
    for i in range(start, end):
        stripped = lines[i].split("#", 1)[0]
        for name in reversed(names):  # the most specific key that appears wins
            if re.search(rf"(^|[\s.{{,]){re.escape(name)}\s*[=.]", stripped):
                return i + 1
    return start + 1 if in_rule else None  # the entry's [[...]] line, the first one included


def validation_error(source: str, text: str, e: Exception) -> ConfigError:
    """msgspec's error for a TOML file, with the file, the line and the key it is about."""
    m = re.search(r"at `(\$[^`]*)`", str(e))
    # An unknown key is named in the message, not the path: looked up under the path for its line.
    unknown = re.search(r"unknown field `(\w+)`", str(e))
    at = m.group(1) if m else "$" if unknown else None  # a top-level error names no path
    loc, key = _where(source, text, at + (f".{unknown.group(1)}" if unknown else "")) if at else (source, "")
    if unknown:  # the key holding the unknown one (none at the top level)
        key = key.rsplit(".", 1)[0] if "." in key or "[" in key else ""
    return ConfigError(f"{loc}: {key + ': ' if key else ''}{str(e).split(' - at ')[0]}")


def _where(path: str, text: str, json_path: str) -> tuple[str, str]:
    parts: list[str | int] = []
    for m in re.finditer(r"\.(\w+)|\[(\d+)\]", json_path):
        parts.append(m.group(1) if m.group(1) is not None else int(m.group(2)))
    line = _line_of(text, tuple(parts))
    key = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in parts).replace(".[", "[")
    return f"{path}:{line}" if line else path, key


class Rules:
    """Compiled rules for a fixed list of principles."""

    def __init__(self, spec: RulesFile, principles: list[str], *, source: str = "<rules>", text: str = "") -> None:
        self.spec = spec
        self.principles = list(principles)
        self.source = source
        self.text = text
        index = {p: i for i, p in enumerate(self.principles)}

        def fail(i: int, key: str, msg: str) -> ConfigError:
            where = f"rule[{i}]" + (f".{key}" if key in ("reason", "route") else f".when.{key}" if key else ".when")
            loc, _ = _where(source, self.text, f"$.{where}")
            return ConfigError(f"{loc}: {where}: {msg}")

        def check(i: int, key: str, name: str, value: float, *, threshold: bool = True) -> None:
            if name not in index:
                raise fail(i, key, f"unknown principle {name!r} (the model scores {self.principles})")
            if threshold and not (0.0 <= value <= 1.0):
                raise fail(i, key, f"threshold for {name!r} must be within [0, 1], got {value}")

        for i, r in enumerate(spec.rule):
            c = r.when
            given = [k for k in ("any", "all", "max", "weighted_mean") if getattr(c, k) is not None]
            if len(given) != 1:
                raise fail(i, "", f"exactly one of any, all, max, weighted_mean is needed, got {given or 'none'}")
            if not r.reason.strip():
                raise fail(i, "reason", "must not be empty")
            if c.any is not None or c.all is not None:
                table = c.any if c.any is not None else c.all
                assert table is not None
                if not table:
                    raise fail(i, given[0], "lists no principle")
                for name, t in table.items():
                    check(i, given[0], name, t)
            if c.max is not None:
                if not 0.0 <= c.max.threshold <= 1.0:
                    raise fail(i, "max", f"threshold must be within [0, 1], got {c.max.threshold}")
                if c.max.over is not None and not c.max.over:
                    # Leaving `over` out means every principle; an empty list reads as none.
                    raise fail(i, "max", "over lists no principle (leave `over` out to take every principle)")
                for name in c.max.over or []:
                    check(i, "max", name, 0.0)
            if c.weighted_mean is not None:
                wm = c.weighted_mean
                if not 0.0 <= wm.threshold <= 1.0:
                    raise fail(i, "weighted_mean", f"threshold must be within [0, 1], got {wm.threshold}")
                for name, w in wm.weights.items():
                    check(i, "weighted_mean", name, w, threshold=False)
                    if not (math.isfinite(w) and w >= 0):  # NaN passed `w < 0`, and the rule never matched
                        raise fail(i, "weighted_mean", f"weight for {name!r} must be a finite number, 0 or more, got {w}")
                if sum(wm.weights.values()) <= 0:
                    raise fail(i, "weighted_mean", "weights must sum to more than 0")
        self._index = index
        self.routes = [r.route for r in spec.rule] + [spec.default]
        self.reasons = [r.reason for r in spec.rule] + [spec.default_reason]

    @property
    def digest(self) -> str:
        """Identifies the rules' meaning (not their formatting), for resume checks."""
        canonical = msgspec.json.encode(msgspec.to_builtins(self.spec), order="sorted")
        return hashlib.sha256(canonical).hexdigest()[:16]

    def _mask(self, c: Condition, scores: np.ndarray) -> np.ndarray:
        col = self._index
        if c.any is not None:
            return np.any([scores[:, col[p]] >= t for p, t in c.any.items()], axis=0)
        if c.all is not None:
            return np.all([scores[:, col[p]] >= t for p, t in c.all.items()], axis=0)
        if c.max is not None:
            cols = [col[p] for p in c.max.over] if c.max.over else list(range(len(self.principles)))
            return scores[:, cols].max(axis=1) >= c.max.threshold
        assert c.weighted_mean is not None
        wm = c.weighted_mean
        cols = [col[p] for p in wm.weights]
        w = np.array(list(wm.weights.values()), dtype=np.float64)
        return (scores[:, cols] @ w) / w.sum() >= wm.threshold

    def apply(self, scores: np.ndarray) -> np.ndarray:
        """Index of the first matching rule per row; ``len(spec.rule)`` means the default.

        Rows with a NaN score are never given a route by a rule nor the default: they get -1, and
        the caller must not keep them (fail closed)."""
        scores = np.asarray(scores)
        n = scores.shape[0]
        out = np.full(n, len(self.spec.rule), dtype=np.int32)
        undecided = np.ones(n, dtype=bool)
        for i, r in enumerate(self.spec.rule):
            hit = undecided & self._mask(r.when, scores)
            out[hit] = i
            undecided &= ~hit
        out[np.isnan(scores).any(axis=1)] = -1
        return out


def parse_rules(text: str, principles: list[str], *, source: str = "<rules>") -> Rules:
    try:
        spec = msgspec.toml.decode(text.encode(), type=RulesFile)
    except msgspec.ValidationError as e:
        raise validation_error(source, text, e) from None
    except msgspec.DecodeError as e:
        # The TOML parser's message carries the line and column.
        raise ConfigError(f"{source}: invalid TOML: {e}") from None
    if not spec.rule and spec.default == "keep":
        # Almost always a mistake (an empty or truncated file, a wrong path to a stub): it would
        # keep every document without a word. A file with no rules that routes everything
        # elsewhere (default = "drop" | "revise" | "tag") says so explicitly and is allowed.
        raise ConfigError(
            f"{source}: no [[rule]] entries and default = \"keep\": every document would be kept "
            "unfiltered. Add at least one [[rule]] (or, to send everything to one route, set default "
            "to \"drop\", \"revise\" or \"tag\")"
        )
    return Rules(spec, principles, source=source, text=text)


def load_rules(path: str | os.PathLike[str], principles: list[str]) -> Rules:
    if not isinstance(path, (str, os.PathLike)):
        raise ConfigError(f"rules must be a rules file path (or None for the bundle's), got {type(path).__name__} {path!r}")
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise ConfigError(f"cannot read rules file {p}: {e}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise ConfigError(f"{p}:{line}: not UTF-8 (byte {raw[e.start]:#04x} at offset {e.start}); "
                          "a rules file is UTF-8 TOML") from None
    return parse_rules(text, principles, source=str(p))


def default_rules_text(thresholds: dict[str, float]) -> str:
    """Rules derived from a model's suggested thresholds: drop what is far past a threshold,
    revise what crosses one, tag what comes close, keep the rest."""
    def table(scale: float) -> str:
        items = []
        for p, t in thresholds.items():
            v = t + (1.0 - t) * scale if scale >= 0 else t * (1.0 + scale)
            items.append(f"{p} = {round(min(max(v, 0.0), 1.0), 4)}")
        return "{ " + ", ".join(items) + " }"

    return f"""# Rules derived from the model's suggested thresholds (first match wins).
default = "keep"
default_reason = "clean"

[[rule]]
route = "drop"
reason = "far-past-threshold"
when.any = {table(0.75)}

[[rule]]
route = "revise"
reason = "past-threshold"
when.any = {table(0.0)}

[[rule]]
route = "tag"
reason = "near-threshold"
when.any = {table(-0.25)}
"""
