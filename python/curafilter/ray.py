"""Run on a Ray cluster: actors holding a loaded model, one input shard at a time.

The driver lists the shards not yet done (their manifest records), starts the workers (an actor
with ``num_gpus=1`` per GPU when the cluster has GPUs, otherwise actors of ``cpus_per_worker``
CPUs), and hands each idle worker the next shard. A worker runs curafilter's own ``run`` on that one
shard as a partitioned run, so it claims the shard and writes its outputs straight into OUT (a
folder every node sees): atomic renames and the manifest record make each shard's outputs
exactly-once, as for a local run. A worker that dies mid-shard is replaced; its claim is broken by
the driver (Ray has declared its holder dead) and the shard is retried on another worker, up to
`max_retries` times. One progress bar covers the cluster (bytes of finished shards, documents,
docs/s, ETA). Ray Core does the scheduling; this module only keeps workers busy.

    import curafilter.ray
    curafilter.ray.run(["/data/corpus"], "/shared/out", address="auto")
"""

from __future__ import annotations

import os
import time
from collections import Counter, deque
from typing import Any

import msgspec
from rich.console import Console

from curafilter._core import resolve_inputs
from curafilter.claims import Claims
from curafilter.errors import ConfigError
from curafilter.outputs import OutputDir
from curafilter.progress import input_bytes, shard_progress
from curafilter.run import RunStats, _outside, merge_stats
from curafilter.stream import PathsLike, _paths

INSTALL_HINT = "the Ray engine needs Ray: pip install 'curafilter[ray]'"


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise ConfigError(INSTALL_HINT) from None
    return ray


class _Worker:
    """A Ray actor: loads the model once, then scores whole shards into OUT."""

    def __init__(self, model: str, device: str, load: dict[str, Any]) -> None:
        from curafilter.model import load_model

        self.model = load_model(model, device=device, **load)

    def pid(self) -> int:
        return os.getpid()

    def score_shard(self, shard: str, out: str, options: dict[str, Any]) -> bytes:
        from curafilter.run import run

        stats = run([shard], out, model=self.model, partition=(0, 1), progress=False, **options)
        return msgspec.json.encode(stats)


def run(
    inputs: PathsLike,
    out: str | os.PathLike[str],
    *,
    model: str | os.PathLike[str] = "default",
    address: str | None = None,
    workers: int | None = None,
    cpus_per_worker: float = 1.0,
    device: str = "auto",
    windows: int | None = None,
    overlap: int | None = None,
    cascade: bool | None = None,
    max_retries: int = 3,
    progress: bool = True,
    console: Console | None = None,
    **options: Any,
) -> RunStats:
    """:func:`curafilter.run` on a Ray cluster (``address``: ``"auto"`` for a running cluster,
    None for a local one started here). `workers` defaults to one per GPU, else to the cluster's
    CPUs / `cpus_per_worker`. `options` are `run`'s other keywords (rules, text_key, id_key, ...).
    Returns the totals over the shards this call routed; OUT/stats.json covers the whole folder."""
    ray = _ray()
    console = console or Console(stderr=True)
    started = time.perf_counter()
    out = os.path.abspath(out)
    for bad in ("partition", "limit"):
        if options.pop(bad, None) is not None:
            raise ConfigError(f"{bad} is not available with the Ray engine: it splits the work by shard itself")
    shards = _outside(out, [os.path.abspath(s) for s in resolve_inputs(_paths(inputs))], console)
    od = OutputDir(out)
    pending = [s for s in shards if od.completed(s) is None] if (od.root / "manifest").is_dir() else shards
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False, configure_logging=False)
    gpus = int(ray.cluster_resources().get("GPU", 0))
    use_gpu = gpus > 0 and device != "cpu"
    n = workers or (gpus if use_gpu else max(1, int(ray.cluster_resources().get("CPU", 1) // cpus_per_worker)))
    n = max(1, min(n, len(pending) or 1))
    resources = {"num_gpus": 1, "num_cpus": cpus_per_worker} if use_gpu else {"num_cpus": cpus_per_worker}
    actor = ray.remote(**resources)(_Worker)
    load = {"windows": windows, "overlap": overlap, "cascade": cascade}
    dev = "cuda" if use_gpu else ("cpu" if device == "auto" else device)

    def start() -> Any:
        return actor.remote(os.fspath(model), dev, load)

    pool = [start() for _ in range(min(n, len(pending)))]
    queue, busy = deque(pending), {}  # busy: object ref -> (worker index, shard)
    retries: Counter[str] = Counter()
    totals: list[RunStats] = []
    done_bytes, total_bytes, docs = 0, input_bytes(pending), 0
    with shard_progress(console, disable=not progress) as bar:
        task = bar.add_task(f"ray x{len(pool)}", total=total_bytes)
        while queue or busy:
            for i in range(len(pool)):
                if queue and i not in {w for w, _ in busy.values()}:
                    shard = queue.popleft()
                    busy[pool[i].score_shard.remote(shard, out, options)] = (i, shard)
            ready, _ = ray.wait(list(busy), num_returns=1, timeout=1.0)
            for ref in ready:
                i, shard = busy.pop(ref)
                try:
                    stats = msgspec.json.decode(ray.get(ref), type=RunStats)
                except ray.exceptions.RayActorError:
                    # The worker died (killed, out of memory, node lost): its claim is broken here,
                    # since Ray says its holder is gone, and the shard goes to a fresh worker.
                    retries[shard] += 1
                    if retries[shard] > max_retries:
                        raise ConfigError(f"{shard}: its worker died {retries[shard]} times; giving up") from None
                    Claims(od.root).path(shard).unlink(missing_ok=True)
                    pool[i] = start()
                    queue.appendleft(shard)
                    continue
                except ray.exceptions.RayTaskError as e:
                    raise e.as_instanceof_cause() from None  # the worker's own error (ConfigError, ...)
                if stats.shards_busy:  # claimed by a worker outside this driver: try again later
                    queue.append(shard)
                    time.sleep(1.0)
                    continue
                totals.append(stats)
                done_bytes += input_bytes([shard])
                docs += stats.docs
                bar.update(task, completed=min(done_bytes, total_bytes), docs=docs)
        bar.update(task, completed=total_bytes, docs=docs)
    for a in pool:
        ray.kill(a)
    merge_stats(out)
    return _combine(totals, out=out, shards_total=len(shards), skipped=len(shards) - len(pending),
                    seconds=time.perf_counter() - started, retries=sum(retries.values()))


def _combine(parts: list[RunStats], *, out: str, shards_total: int, skipped: int, seconds: float,
             retries: int) -> RunStats:
    """One RunStats over the per-shard ones of the workers."""
    if not parts:
        return RunStats(out=out, model="", rules="", principles=[], shards_total=shards_total, shards_skipped=skipped,
                        shards_completed=0, docs=0, routes={}, reasons={}, quarantined=0, quarantined_by_reason={},
                        histograms={}, conflicts={}, input_bytes=0, seconds=seconds, limited=False, retries=retries)
    first = parts[0]

    def add(field: str) -> dict[str, Any]:
        total: Counter[str] = Counter()
        for p in parts:
            total.update(getattr(p, field))
        return dict(sorted(total.items()))

    hist = {k: [sum(p.histograms[k][b] for p in parts) for b in range(len(v))] for k, v in first.histograms.items()}
    windows, windows_total = sum(p.windows_scored for p in parts), sum(p.windows_total for p in parts)
    return RunStats(
        out=out, model=first.model, rules=first.rules, principles=first.principles, shards_total=shards_total,
        shards_skipped=skipped, shards_completed=sum(p.shards_completed for p in parts), docs=sum(p.docs for p in parts),
        routes={k: sum(p.routes.get(k, 0) for p in parts) for k in first.routes}, reasons=add("reasons"),
        route_tokens={k: sum(p.route_tokens.get(k, 0) for p in parts) for k in first.route_tokens},
        quarantined=sum(p.quarantined for p in parts), quarantined_by_reason=add("quarantined_by_reason"),
        histograms=hist, conflicts=add("conflicts"), input_bytes=sum(p.input_bytes for p in parts), seconds=seconds,
        limited=False, windows_scored=windows, windows_total=windows_total, cascade=first.cascade,
        escalation_rate=round(windows / windows_total, 4) if windows_total else 0.0,
        refused={k: v for p in parts for k, v in p.refused.items()}, retries=retries,
    )
