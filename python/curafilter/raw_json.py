"""Read or replace one value of a JSON line without decoding the rest of it.

Records: a stage reads the few fields it needs from a JSON line and carries the rest through byte
for byte. run's parser skips unwanted fields without building them, so a line it accepts may hold
values no decoder here builds (a lone surrogate escape, 1e400, nesting thousands deep): decoding
the whole line would refuse what run accepted. The helpers below walk only the objects on the
wanted path, skip every other value by matching its brackets and strings (no recursion, no
number parsing) and decode just the wanted value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import msgspec


class RecordError(ValueError):
    """A line a stage cannot read; the message says why, the caller adds the file and line."""


class UnreadableRecord(UserWarning):
    """A record a stage skipped: the message names its file and line and says why."""


_WS = re.compile(rb"[ \t\r\n]*")
_SCALAR = re.compile(rb"[^ \t\r\n,\]}]+")  # a number, true, false or null (checked by whoever decodes it)
# Inside an array or object being skipped: strings (which may hold brackets), brackets, and a quote
# that starts no complete string (an unterminated string).
_NESTED = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]|"', re.DOTALL)
_CLOSER = {b"[": b"]", b"{": b"}"}


def _ws(raw: bytes, pos: int) -> int:
    return _WS.match(raw, pos).end()  # type: ignore[union-attr]  # matches the empty string too


def _string_end(raw: bytes, pos: int) -> int:
    """Where the string opening at `pos` ends. Texts are long: quotes are found with bytes.find
    (many times faster than a regular expression over every character)."""
    start = pos + 1
    while True:
        quote = raw.find(b'"', start)
        if quote < 0:
            raise RecordError(f"unterminated string at byte {pos}")
        escapes = quote
        while raw[escapes - 1] == 0x5C:  # a backslash; the opening quote stops the walk
            escapes -= 1
        if (quote - escapes) % 2 == 0:  # not itself escaped
            return quote + 1
        start = quote + 1


def _value_end(raw: bytes, pos: int) -> int:
    """Where the JSON value starting at `pos` ends."""
    c = raw[pos:pos + 1]
    if c == b'"':
        return _string_end(raw, pos)
    if c in _CLOSER:
        open_ = [_CLOSER[c]]  # closers expected, innermost last: a list, never the call stack
        for m in _NESTED.finditer(raw, pos + 1):
            t = m.group()
            if t in _CLOSER:
                open_.append(_CLOSER[t])
            elif t in (b"]", b"}"):
                if t != open_.pop():
                    raise RecordError(f"mismatched {t.decode()} at byte {m.start()}")
                if not open_:
                    return m.end()
            elif t == b'"':
                raise RecordError(f"unterminated string at byte {m.start()}")
        raise RecordError(f"unclosed {c.decode()} at byte {pos}")
    m = _SCALAR.match(raw, pos)
    if m is None:
        raise RecordError(f"expected a value at byte {pos}")
    return m.end()


def _key(token: bytes) -> str:
    """A key as text: an escaped spelling (te\\u0078t) is the same key, as for run's parser."""
    text = token.decode("utf-8", "replace")
    if "\\" not in text:
        return text[1:-1]
    try:
        return json.loads(text)  # unlike msgspec, json reads lone surrogates (which match no wanted key)
    except ValueError as e:
        raise RecordError(f"bad key {text[:40]!r}: {e}") from None


def _members(raw: bytes, pos: int) -> tuple[list[tuple[str, int, int]], int]:
    """The (key, value start, value end) of the object opening at `pos`, and where its `}` is."""
    members: list[tuple[str, int, int]] = []
    pos = _ws(raw, pos + 1)
    if raw[pos:pos + 1] == b"}":
        return members, pos
    while True:
        if raw[pos:pos + 1] != b'"':
            raise RecordError(f"expected a key at byte {pos}")
        key_end = _string_end(raw, pos)
        colon = _ws(raw, key_end)
        if raw[colon:colon + 1] != b":":
            raise RecordError(f"expected ':' at byte {colon}")
        start = _ws(raw, colon + 1)
        end = _value_end(raw, start)
        members.append((_key(raw[pos:key_end]), start, end))
        pos = _ws(raw, end)
        sep = raw[pos:pos + 1]
        if sep == b"}":
            return members, pos
        if sep != b",":
            raise RecordError(f"expected ',' or '}}' at byte {pos}")
        pos = _ws(raw, pos + 1)


def _top(raw: bytes) -> tuple[list[tuple[str, int, int]], int]:
    """The top-level members of a record line, and where its closing `}` is."""
    pos = _ws(raw, 0)
    if raw[pos:pos + 1] != b"{":
        raise RecordError("the line is not a JSON object")
    members, close = _members(raw, pos)
    if _ws(raw, close + 1) != len(raw):
        raise RecordError(f"trailing characters at byte {close + 1}")
    return members, close


def value_span(raw: bytes, path: Sequence[str]) -> tuple[int, int] | None:
    """The bytes ``raw[start:end]`` of the value at `path` (keys from the top level down), or None
    when it is absent. A key on the path that occurs twice in one object is refused: readers
    disagree on which one counts (run quarantines such lines as duplicate_key)."""
    members, _ = _top(raw)
    span = None
    for depth, key in enumerate(path):
        if depth:
            start = span[0]  # type: ignore[index]
            if raw[start:start + 1] != b"{":
                return None
            members, _ = _members(raw, start)
        found = [(s, e) for k, s, e in members if k == key]
        if len(found) > 1:
            raise RecordError(f"key {key!r} occurs twice in one object")
        if not found:
            return None
        span = found[0]
    return span


def raw_value(raw: bytes, path: Sequence[str], as_type: object = object) -> object:
    """The value at `path` decoded as `as_type` (None when absent); nothing else of the line is decoded."""
    span = value_span(raw, path)
    if span is None:
        return None
    try:
        return msgspec.json.decode(raw[span[0]:span[1]], type=as_type)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError) as e:
        raise RecordError(f"field {'.'.join(path)!r}: {e}") from None


def raw_string(raw: bytes, path: Sequence[str]) -> str | None:
    """The string at `path`; None when absent or not a string. A string that is not valid Unicode
    (a lone surrogate escape) is a RecordError: it could not be sent, stored or written as text."""
    span = value_span(raw, path)
    if span is None or raw[span[0]:span[0] + 1] != b'"':
        return None
    try:
        return msgspec.json.decode(raw[span[0]:span[1]], type=str)
    except (msgspec.DecodeError, msgspec.ValidationError) as e:
        raise RecordError(f"field {'.'.join(path)!r} is not a valid string (a lone surrogate escape, a bad "
                          f"escape or invalid UTF-8): {e}") from None


def with_value(raw: bytes, path: Sequence[str], value: bytes) -> bytes:
    """`raw` with the value at `path` replaced by the JSON `value`: every other byte is kept. An
    absent top-level key is added as the object's last member."""
    span = value_span(raw, path)
    if span is not None:
        return raw[:span[0]] + value + raw[span[1]:]
    if len(path) != 1:
        raise RecordError(f"no field {'.'.join(path)!r} to replace")
    members, close = _top(raw)
    member = msgspec.json.encode(path[0]) + b":" + value
    return raw[:close] + (b"," if members else b"") + member + raw[close:]
