"""The model card (``curafilter.json``): what a bundle holds and how to read its scores."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import msgspec

from curafilter.errors import ModelError

CARD_FILE = "curafilter.json"


class Principle(msgspec.Struct, frozen=True):
    name: str
    description: str


class Variant(msgspec.Struct, frozen=True):
    """One ONNX file of the bundle. ``device`` says where it is meant to run."""

    file: str
    precision: Literal["fp32", "fp16", "int8"]
    device: Literal["cpu", "gpu", "any"] = "any"


class Provenance(msgspec.Struct, frozen=True, kw_only=True):
    encoder: str
    encoder_license: str
    data: list[str] = []
    built_by: str = ""


class PrincipleMetrics(msgspec.Struct, frozen=True, kw_only=True):
    auroc: float
    f1: float
    precision: float
    recall: float
    threshold: float
    n_validation: int


class Cascade(msgspec.Struct, frozen=True, kw_only=True):
    """The cheap first stage (see :mod:`curafilter.cascade`): a window goes on to the transformer
    when its cheap score (a logit) for any principle reaches that principle's `cut`."""

    file: str  # .npy, float32 [principles, 2**bits]
    bits: int
    bias: dict[str, float]
    cut: dict[str, float]
    # Measured on held-out windows when it was distilled: the share of documents flagged by
    # scoring every window that the cascade still flags (None: none was flagged, nothing to
    # measure), and the share of windows escalated.
    recall: float | None = 0.0
    escalation_rate: float = 0.0
    distilled_on: str = ""


class Card(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    version: str
    principles: list[Principle]
    max_length: int
    variants: dict[str, Variant]
    thresholds: dict[str, float]
    output: str = "probability that the document violates the principle"
    truncation: Literal["head"] = "head"
    # Windows scored per document and their overlap in tokens: the windowing the thresholds were
    # set for. 1 window = the head only (`truncation`).
    windows: int = 1
    overlap: int = 0
    tokenizer: str = "tokenizer.json"
    provenance: Provenance | None = None
    metrics: dict[str, PrincipleMetrics] = {}
    validation: str = ""
    # Macro AUROC on the same held-out groups, per method then principle (ours included).
    baselines: dict[str, dict[str, float]] = {}
    variant_max_abs_diff: dict[str, float] = {}
    # Checks on unlabelled text, e.g. the fraction of encyclopedia documents flagged.
    sanity: dict[str, float] = {}
    # What a user must know before trusting the scores (coverage, known weak spots).
    notes: list[str] = []
    cascade: Cascade | None = None

    def check(self, where: Path) -> None:
        """Consistency the types alone cannot state."""
        names = [p.name for p in self.principles]
        if not names:
            raise ModelError(f"{where}: field `principles` is empty")
        if len(set(names)) != len(names):
            raise ModelError(f"{where}: field `principles` repeats a name: {names}")
        if self.max_length < 2:
            raise ModelError(f"{where}: field `max_length` must be at least 2, got {self.max_length}")
        if self.windows < 1 or self.overlap < 0:  # the tokenizer checks overlap against max_length
            raise ModelError(f"{where}: field `windows` must be at least 1 and `overlap` at least 0, "
                             f"got {self.windows} and {self.overlap}")
        if not self.variants:
            raise ModelError(f"{where}: field `variants` is empty")
        for name, t in self.thresholds.items():
            if name not in names:
                raise ModelError(f"{where}: field `thresholds.{name}` names no principle (principles: {names})")
            if not 0.0 <= t <= 1.0:
                raise ModelError(f"{where}: field `thresholds.{name}` must be within [0, 1], got {t}")
        bundle = where.parent
        bundle_file(bundle, self.tokenizer, "tokenizer", where)
        for name, v in self.variants.items():
            bundle_file(bundle, v.file, f"variants.{name}.file", where)
        if self.cascade is not None:
            c = self.cascade
            bundle_file(bundle, c.file, "cascade.file", where)
            if not 8 <= c.bits <= 24:
                raise ModelError(f"{where}: field `cascade.bits` must be 8..24, got {c.bits}")
            for field, values in (("bias", c.bias), ("cut", c.cut)):
                if set(values) != set(names):
                    raise ModelError(f"{where}: field `cascade.{field}` must name every principle {names}, "
                                     f"got {sorted(values)}")


def bundle_file(bundle: Path, relative: str, field: str, where: Path) -> Path:
    """``bundle / relative``, refusing a card field that points outside the bundle folder: an
    absolute path, ``..`` components, or a symlink that resolves outside it."""
    rel = Path(relative)
    if not relative or rel.is_absolute() or rel.anchor or ".." in rel.parts:
        raise ModelError(
            f"{where}: field `{field}` must be a path inside the bundle folder, got {relative!r}"
        )
    path = bundle / rel
    root = bundle.resolve()
    resolved = path.resolve()
    if resolved != root and root not in resolved.parents:
        raise ModelError(
            f"{where}: field `{field}` ({relative!r}) resolves outside the bundle folder ({resolved})"
        )
    return path


def read_card(bundle: Path) -> Card:
    path = bundle / CARD_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ModelError(f"{path}: missing model card (a bundle needs {CARD_FILE})") from None
    except OSError as e:
        raise ModelError(f"{path}: cannot read model card: {e}") from None
    try:
        card = msgspec.json.decode(raw, type=Card)
    except msgspec.ValidationError as e:
        # msgspec says e.g. "Expected `int`, got `str` - at `$.max_length`": the field is named.
        raise ModelError(f"{path}: invalid model card: {e}") from None
    except msgspec.DecodeError as e:
        raise ModelError(f"{path}: model card is not valid JSON: {e}") from None
    card.check(path)
    return card


def write_card(bundle: Path, card: Card) -> Path:
    path = bundle / CARD_FILE
    path.write_bytes(msgspec.json.format(msgspec.json.encode(card), indent=2) + b"\n")
    return path
