"""``curafilter bench``: throughput on the user's own machine, corpus and device.

Four measures, each on the first `docs` documents of the inputs:

- ``read+tokenise``: the Rust stream alone (read, decompress, parse, tokenise, batch);
- ``pipeline ceiling``: all of ``run`` (stream, routing, writing route files) with a zero-cost model
  that returns zeros: whether this machine's CPUs can feed its GPU;
- ``model``: the model alone, per variant and max length, on batches tokenised beforehand;
- ``end to end``: ``run`` with the model.

The repository's ``bench/`` compares curafilter with other tools; this is what a user runs.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Sequence

import msgspec
import numpy as np
from rich.console import Console

from curafilter.device import GPU_BATCH_TOKENS, zstd_workers
from curafilter.errors import ConfigError, InputError
from curafilter.model import ALL_WINDOWS, load_model
from curafilter.onnx_vocab import embedding_rows
from curafilter.stream import PathsLike, _paths, stream


class Measure(msgspec.Struct):
    stage: str
    docs: int
    seconds: float
    docs_per_s: float
    detail: str = ""


class BenchReport(msgspec.Struct):
    machine: str
    device: str
    model: str
    inputs: list[str]
    measures: list[Measure]


def _measure(stage: str, docs: int, seconds: float, detail: str = "") -> Measure:
    return Measure(stage, docs, round(seconds, 4), round(docs / seconds, 1) if seconds else 0.0, detail)


def cpu_name() -> str:
    import platform

    try:
        with open("/proc/cpuinfo") as f:
            return next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or "unknown CPU"


def machine() -> str:
    import platform

    return f"{cpu_name()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def _windows(n: int) -> str:
    return "all" if n >= ALL_WINDOWS else str(n)


def bench(inputs: PathsLike, *, model: str | os.PathLike[str] = "default", device: str = "auto", docs: int = 2000,
          model_docs: int = 256, lengths: Sequence[int] = (128, 256, 512), windows: int | None = None,
          cascade: bool | None = None, console: Console | None = None) -> BenchReport:
    from curafilter.run import Router, _drive, bundle_rules
    from curafilter.outputs import OutputDir, RunIdentity

    console = console or Console(stderr=True)
    paths = _paths(inputs)
    m = load_model(model, device=device, windows=windows, cascade=cascade)
    for variant in sorted(m.card.variants):  # before any work: ONNX Runtime would fail mid-way
        _, positions = embedding_rows(m.path / m.card.variants[variant].file)
        too_long = [n for n in lengths if positions is not None and n > positions]
        if too_long:
            raise ConfigError(f"--lengths {too_long}: the model ({variant}) has {positions} positions")
    measures = []

    console.print(f"[bold]read+tokenise[/] ({docs:,} docs)")
    t0, n = time.perf_counter(), 0
    with stream(paths, tokenizer=m.tokenizer_path, max_length=m.max_length, windows=m.windows,
                overlap=m.overlap) as s:
        for b in s:
            n += len(b)
            if n >= docs:
                break
    if n == 0:  # a table of zeros would read as a measurement
        raise InputError(f"no documents to measure in {', '.join(map(str, paths))} (every line quarantined, "
                         "or no JSON Lines input)")
    measures.append(_measure("read+tokenise", n, time.perf_counter() - t0, f"{_windows(m.windows)} window(s) of {m.max_length}"))

    console.print("[bold]pipeline ceiling[/] (zero-cost model)")
    with tempfile.TemporaryDirectory() as tmp:
        from curafilter._core import resolve_inputs

        shards = [os.path.abspath(p) for p in resolve_inputs(paths)]
        r = bundle_rules(m, None)
        identity = RunIdentity(model="zero-cost", rules=r.digest, principles=m.principles, scores_only=False,
                               field="curafilter", text_key="text")
        od = OutputDir(tmp)
        od.claim(identity)
        # Batched and written as a GPU run would be: the question is whether these CPUs can feed one.
        router = Router(od, identity, r, shards, text_key="text", tag_prefix=None, scores_only=False,
                        zstd_workers=zstd_workers(True))
        zeros = np.zeros(len(m.principles), np.float32)
        t0 = time.perf_counter()
        st = m.stream(shards, resolved=True, probe_key=router.probe_key, batch_tokens=GPU_BATCH_TOKENS)
        _drive(st, router, lambda batch: (np.broadcast_to(zeros, (len(batch), len(zeros))), None), limit=docs,
               total_bytes=1, console=console, progress=False, label="ceiling")
        measures.append(_measure("pipeline ceiling", router.tally.docs, time.perf_counter() - t0,
                                 "run with a model that returns zeros, GPU batches and compression"))

    console.print("[bold]model[/] (per variant and max length)")
    for variant in sorted(m.card.variants):
        v = load_model(model, device=device, variant=variant)
        for length in lengths:
            batches, n = [], 0
            with stream(paths, tokenizer=v.tokenizer_path, max_length=length, batch_tokens=32 * length, max_batch=32) as s:
                for b in s:
                    batches.append(b)
                    n += len(b)
                    if n >= model_docs + 32:
                        break
            if not batches:
                continue
            v.score_batch(batches[0])  # warm-up: session and kernels
            t0 = time.perf_counter()
            # A corpus of one batch is timed on that batch again, not reported as 0 documents.
            done = sum(len(v.score_batch(b)) for b in batches[1:] or batches)
            measures.append(_measure(f"model {variant} @{length}", done, time.perf_counter() - t0, f"on {v.device}"))

    console.print("[bold]end to end[/]")
    from curafilter.run import run

    with tempfile.TemporaryDirectory() as tmp:
        limit = min(docs, model_docs)
        t0 = time.perf_counter()
        stats = run(paths, tmp, model=m, limit=limit, progress=False, console=console)
        measures.append(_measure("end to end", stats.docs, time.perf_counter() - t0,
                                 f"{_windows(m.windows)} window(s), cascade {'on' if m.cascade else 'off'}"))
    return BenchReport(machine=machine(), device=m.device, model=m.id, inputs=[str(p) for p in paths], measures=measures)
