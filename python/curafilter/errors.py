"""Exceptions raised by curafilter.

Every error the Rust core can raise maps to exactly one class here. Bad *lines* are never raised:
they become quarantine records and the run goes on.
"""

from __future__ import annotations

__all__ = ["CurafilterError", "InputError", "ConfigError", "TokenizerError", "ModelError", "InternalError"]


class CurafilterError(Exception):
    """Base class of every curafilter error."""


class InputError(CurafilterError, OSError):
    """An input path is missing, unreadable, or matches no file. The message names it."""


class ConfigError(CurafilterError, ValueError):
    """An option has an invalid value. The message names the option."""


class TokenizerError(CurafilterError):
    """A tokenizer.json could not be loaded. The message names the file."""


class ModelError(CurafilterError):
    """A model bundle is broken or cannot run (bad card, missing file, unusable device).

    The message names the file and, for a bad card, the field."""


class InternalError(CurafilterError, RuntimeError):
    """A bug in curafilter (a pipeline thread died); never caused by input data."""
