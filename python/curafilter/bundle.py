"""Locate model bundles: the ones shipped inside the package, or a folder the user names."""

from __future__ import annotations

import os
from pathlib import Path

from curafilter.card import CARD_FILE
from curafilter.errors import InputError

BUNDLED = Path(__file__).parent / "models"  # also holds the default model's build scripts


def shipped_bundles() -> list[str]:
    """Names of the bundles shipped inside the package: the folders there that hold a card."""
    return sorted(p.name for p in BUNDLED.iterdir() if (p / CARD_FILE).is_file()) if BUNDLED.is_dir() else []


def bundle_dir(name_or_path: str | os.PathLike[str]) -> Path:
    """A bundle folder: a path, or the name of a bundle shipped with curafilter (e.g. ``"default"``)."""
    if not str(name_or_path).strip():  # Path("") is the current folder
        raise InputError("no model bundle named '' (give a bundle folder or a bundled name)")
    path = Path(name_or_path)
    if path.is_dir():
        return path
    shipped = BUNDLED / str(name_or_path)
    if os.sep not in str(name_or_path) and (shipped / CARD_FILE).is_file():
        return shipped
    raise InputError(f"no model bundle at {str(name_or_path)!r} (a folder, or one of the bundled: {shipped_bundles()})")


def tokenizer_file(spec: str | os.PathLike[str]) -> Path:
    """A tokenizer.json given directly, or the one inside a bundle folder or bundled name."""
    path = Path(spec)
    if path.is_file():
        return path
    found = bundle_dir(spec) / "tokenizer.json"
    if not found.is_file():
        raise InputError(f"bundle {str(spec)!r} has no tokenizer.json ({found})")
    return found
