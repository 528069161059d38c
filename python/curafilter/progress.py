"""Rich progress for long work: over shards (docs/s, MB/s and an ETA from input bytes), or over
documents (done of total, docs/s and an ETA)."""

from __future__ import annotations

import os
from collections.abc import Sequence

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.text import Text


class DocsPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        docs = task.fields.get("docs", 0)
        rate = docs / task.elapsed if task.elapsed else 0.0
        return Text(f"{docs:,} docs {rate:,.0f} docs/s", style="cyan")


def input_bytes(paths: Sequence[str]) -> int:
    return sum(os.path.getsize(p) for p in paths if os.path.exists(p))


def shard_progress(console: Console, *, disable: bool = False) -> Progress:
    """Bar over input bytes (compressed bytes for compressed shards), with docs/s beside MB/s."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        DownloadColumn(binary_units=False),
        TransferSpeedColumn(),
        DocsPerSecond(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=disable,
        transient=False,
    )


def doc_progress(console: Console, *, disable: bool = False) -> Progress:
    """Bar over documents: ``completed`` and ``total`` count documents (total None: unknown yet)."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("docs"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=disable,
        transient=False,
    )
