"""Labelled rows (``text``, ``principle``, ``label``) as used by evaluate and the model builder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import msgspec

from curafilter.errors import InputError


class LabeledRow(msgspec.Struct, frozen=True):
    text: str
    principle: str
    label: int
    source: str = ""
    category: str = ""


_decoder = msgspec.json.Decoder(LabeledRow)

#: What editors on Windows put in front of a UTF-8 file; JSON Lines readers drop it.
BOM = b"\xef\xbb\xbf"


def read_labels(path: str | os.PathLike[str]) -> Iterator[LabeledRow]:
    """Rows of a labels JSONL file; a bad row is an error naming the file and line."""
    path = Path(path)
    try:
        f = path.open("rb")
    except OSError as e:
        raise InputError(f"cannot read labels {path}: {e}") from None
    with f:
        for n, line in enumerate(f, 1):
            if n == 1:
                line = line.removeprefix(BOM)
            if not line.strip():
                continue
            try:
                row = _decoder.decode(line)
            except (msgspec.ValidationError, msgspec.DecodeError) as e:
                raise InputError(f"{path}:{n}: bad labelled row: {e}") from None
            if row.label not in (0, 1):
                raise InputError(f"{path}:{n}: label must be 0 or 1, got {row.label}")
            yield row
