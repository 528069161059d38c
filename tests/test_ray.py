"""The Ray engine on a local Ray cluster started by the tests: the same outputs as a local run,
also when a worker is killed mid-shard."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

import curafilter  # noqa: E402
import curafilter.ray  # noqa: E402
from curafilter.cli import main  # noqa: E402

from conftest import doc_lines, make_tiny_bundle, write_shard  # noqa: E402
from test_run import outputs  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def files(out: Path) -> dict[str, bytes]:
    """Every route, quarantine and manifest-independent output file, by relative path."""
    return {str(f.relative_to(out)): f.read_bytes() for route in ("keep", "drop", "revise", "tag", "quarantine")
            if (out / route).is_dir() for f in sorted((out / route).iterdir())}


def corpus(d: Path, shards: int, docs: int) -> Path:
    d.mkdir(parents=True)
    for i in range(shards):
        write_shard(d / f"s{i}.jsonl", doc_lines(docs, seed=i, prefix=f"s{i}-") + [b"not json"])
    return d


def test_ray_outputs_are_byte_identical_to_a_local_run(tmp_path: Path, cluster) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    data = corpus(tmp_path / "data", 5, 40)
    local = tmp_path / "local"
    curafilter.run([str(data)], local, model=bundle, device="cpu", progress=False)
    out = tmp_path / "ray"
    stats = curafilter.ray.run([str(data)], out, model=str(bundle), device="cpu", workers=2, progress=False)
    assert stats.shards_completed == 5 and stats.docs == 200 and stats.quarantined == 5 and stats.retries == 0
    assert files(out) == files(local)
    assert json.loads((out / "stats.json").read_text())["docs"] == 200
    # Done shards are not redone.
    again = curafilter.ray.run([str(data)], out, model=str(bundle), device="cpu", workers=2, progress=False)
    assert again.shards_skipped == 5 and again.docs == 0


def test_a_worker_killed_mid_shard_is_replaced_and_nothing_is_lost_or_doubled(tmp_path: Path, cluster) -> None:
    import psutil

    bundle = make_tiny_bundle(tmp_path / "bundle")
    data = corpus(tmp_path / "data", 4, 3000)
    local = tmp_path / "local"
    curafilter.run([str(data)], local, model=bundle, device="cpu", progress=False)
    killed: list[int] = []

    def kill_one_busy_worker() -> None:
        deadline = time.monotonic() + 60
        while not killed and time.monotonic() < deadline:
            for p in psutil.process_iter(["pid", "cmdline"]):
                if any("score_shard" in part for part in (p.info["cmdline"] or [])):
                    time.sleep(0.2)  # well inside the shard
                    os.kill(p.info["pid"], signal.SIGKILL)
                    killed.append(p.info["pid"])
                    return
            time.sleep(0.05)

    t = threading.Thread(target=kill_one_busy_worker)
    t.start()
    out = tmp_path / "ray"
    stats = curafilter.ray.run([str(data)], out, model=str(bundle), device="cpu", workers=2, progress=False)
    t.join()
    assert killed, "no worker was seen scoring a shard"
    assert stats.retries >= 1
    assert files(out) == files(local)
    assert outputs(out) == outputs(local)
    assert len(list((out / "manifest").iterdir())) == 4
    assert not list((out / "claims").glob("*.claim"))


def test_cli_engine_ray(tmp_path: Path, cluster, capsys) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    data = corpus(tmp_path / "data", 2, 10)
    out = tmp_path / "out"
    assert main(["run", str(data), "-o", str(out), "--model", str(bundle), "--device", "cpu", "-q",
                 "--engine", "ray", "--workers", "1", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["docs"] == 20 and printed["shards_completed"] == 2
    assert main(["run", str(data), "-o", str(out), "--model", str(bundle), "--engine", "ray",
                 "--partition", "0/2"]) == 1
    assert "not available with the Ray engine" in capsys.readouterr().err
