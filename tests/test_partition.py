"""Partitioned runs: processes sharing one output folder, each shard claimed by exactly one."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import curafilter
from curafilter.claims import Claim, Claims
from curafilter.cli import main
from curafilter.errors import ConfigError
from curafilter.outputs import OutputDir, shard_name
from curafilter.run import in_partition

from conftest import doc_lines, make_tiny_bundle, write_shard
from test_run import outputs


def corpus(d: Path, shards: int = 6) -> list[Path]:
    d.mkdir(parents=True, exist_ok=True)
    return [write_shard(d / f"s{i:02d}.jsonl", doc_lines(15 + i, seed=i, prefix=f"s{i}-")) for i in range(shards)]


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_partitions_cover_every_shard_exactly_once() -> None:
    shards = [f"/data/corpus/shard-{i:05d}.jsonl.zst" for i in range(200)]
    parts = [in_partition(shards, i, 7) for i in range(7)]
    assert sorted(s for p in parts for s in p) == sorted(shards)
    assert all(len(p) > 10 for p in parts)
    # A shard keeps its partition when the corpus grows.
    grown = in_partition([*shards, *(f"/data/corpus/new-{i}.jsonl.zst" for i in range(50))], 3, 7)
    assert set(parts[3]) <= set(grown)
    with pytest.raises(ConfigError):
        in_partition(shards, 7, 7)


def test_concurrent_partitioned_processes_give_the_single_run_outputs(tmp_path: Path) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    data = tmp_path / "data"
    corpus(data, 8)
    single = tmp_path / "single"
    assert main(["run", str(data), "-o", str(single), "--model", str(bundle), "--device", "cpu", "-q"]) == 0
    shared = tmp_path / "shared"
    cmd = [sys.executable, "-m", "curafilter", "run", str(data), "-o", str(shared), "--model", str(bundle),
           "--device", "cpu", "-q", "--json", "--partition"]
    procs = [subprocess.Popen([*cmd, f"{i}/3"], stdout=subprocess.PIPE, stderr=subprocess.PIPE) for i in range(3)]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [err.decode() for _, err in results]
    per_run = [json.loads(out) for out, _ in results]
    assert sum(r["shards_completed"] for r in per_run) == 8
    # Byte for byte the same records (routes, scores, shard and line), however the shards were split.
    assert outputs(shared) == outputs(single)
    assert not list((shared / "claims").iterdir())
    assert main(["merge-stats", str(shared)]) == 0
    merged = json.loads((shared / "stats.json").read_text())
    alone = json.loads((single / "stats.json").read_text())
    assert {k: merged[k] for k in ("docs", "routes", "quarantined", "shards_completed")} == \
        {k: alone[k] for k in ("docs", "routes", "quarantined", "shards_completed")}


def write_claim(claims: Claims, shard: Path, *, host: str, pid: int, age: float = 0.0) -> Path:
    p = claims.path(str(shard))
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps({"host": host, "pid": pid, "started": time.time() - age}))
    os.utime(p, (time.time() - age, time.time() - age))
    return p


def test_live_claims_are_left_alone_and_stale_ones_are_taken_over(tmp_path: Path) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    shards = corpus(tmp_path / "data", 4)
    out = tmp_path / "out"
    claims = Claims(out)
    host = socket.gethostname()
    live = write_claim(claims, shards[0], host=host, pid=os.getpid())  # this process: alive
    far = write_claim(claims, shards[1], host="elsewhere", pid=1, age=10)  # another host, fresh heartbeat
    write_claim(claims, shards[2], host=host, pid=dead_pid())  # died on this host
    write_claim(claims, shards[3], host="elsewhere", pid=1, age=claims.lease + 60)  # heartbeat too old
    # What a worker that died mid-shard leaves: a temporary route file.
    (out / "keep").mkdir(parents=True)
    stray = out / "keep" / f".{shard_name(str(shards[2]))}.{dead_pid()}.tmp"
    stray.write_bytes(b"half a file")

    stats = curafilter.run([str(s) for s in shards], out, model=bundle, device="cpu", progress=False, partition=(0, 1))
    assert stats.shards_busy == 2 and stats.shards_completed == 2
    assert live.exists() and far.exists(), "live claims must stay"
    assert not stray.exists()
    done = {r.shard for r in OutputDir(out).records()}
    assert done == {str(shards[2]), str(shards[3])}
    # Once the holders are gone, a later run takes the rest.
    live.unlink()
    os.utime(far, (time.time() - claims.lease - 60,) * 2)
    again = curafilter.run([str(s) for s in shards], out, model=bundle, device="cpu", progress=False, partition=(0, 1))
    assert again.shards_completed == 2 and again.shards_skipped == 2
    assert not list((out / "claims").glob("*.claim"))


def test_racing_takers_get_one_claim(tmp_path: Path) -> None:
    a, b = Claims(tmp_path), Claims(tmp_path)
    assert a.take("/x/s.jsonl") and not b.take("/x/s.jsonl")
    a.release("/x/s.jsonl")
    assert b.take("/x/s.jsonl")
    held = json.loads(b.path("/x/s.jsonl").read_text())
    assert Claim(**held).pid == os.getpid()


def test_a_claim_taken_over_is_known_lost_and_left_to_its_taker(tmp_path: Path) -> None:
    # A worker paused past the lease (SIGSTOP) woke up, renamed the taker's half-written files into
    # place, wrote a record for them and deleted the taker's claim on release.
    a, b = Claims(tmp_path), Claims(tmp_path, lease=-1.0)  # to b, every claim is stale at once
    assert a.take("/x/s.jsonl") and a.still_held("/x/s.jsonl")
    assert b.take("/x/s.jsonl")
    assert not a.still_held("/x/s.jsonl") and b.still_held("/x/s.jsonl")
    a.release("/x/s.jsonl")
    assert b.path("/x/s.jsonl").exists() and b.still_held("/x/s.jsonl")


def test_a_worker_that_lost_its_claim_writes_no_outputs_for_the_shard(tmp_path: Path) -> None:
    import threading

    bundle = make_tiny_bundle(tmp_path / "bundle")
    shard = write_shard(tmp_path / "a.jsonl", doc_lines(400))
    out = tmp_path / "out"
    claims = Claims(out)

    def take_over() -> None:  # another worker's claim appears while this one is routing
        for _ in range(20000):
            mine = list(out.glob("*/.*.tmp"))
            if mine:
                break
            time.sleep(0.0005)
        write_claim(claims, shard, host="elsewhere", pid=1)
        names.extend(f.name for f in mine)
        taker.parent.mkdir(exist_ok=True)
        taker.write_bytes(b"the taker's half-written file")

    # Temporary names were per shard: the lost worker's abort removed the taker's file.
    taker = out / "keep" / f".{shard_name(str(shard))}.{dead_pid()}.tmp"
    names: list[str] = []
    t = threading.Thread(target=take_over)
    t.start()
    with pytest.raises(ConfigError, match="took this shard over"):
        curafilter.run([str(shard)], out, model=bundle, device="cpu", progress=False, partition=(0, 1), batch_tokens=256,
                       threads=1)
    t.join()
    assert not OutputDir(out).records() and not list((out / "keep").glob("*.jsonl.zst"))
    assert claims.path(str(shard)).exists(), "the taker's claim stays"
    assert taker.read_bytes() == b"the taker's half-written file"
    assert names and all(n.endswith(f".{os.getpid()}.tmp") for n in names), names


def test_a_whole_run_and_partitioned_runs_never_share_a_folder(tmp_path: Path) -> None:
    bundle = make_tiny_bundle(tmp_path / "bundle")
    shards = corpus(tmp_path / "data", 2)
    out = tmp_path / "out"
    with OutputDir(out).locked(shared=True):  # a partitioned run in progress
        with pytest.raises(ConfigError, match="partitioned"):
            curafilter.run([str(s) for s in shards], out, model=bundle, device="cpu", progress=False)
        # ...while another partitioned run may join it.
        stats = curafilter.run([str(s) for s in shards], out, model=bundle, device="cpu", progress=False,
                               partition=(0, 1))
        assert stats.shards_completed == 2
    with OutputDir(out).locked():
        with pytest.raises(ConfigError, match="in use"):
            curafilter.run([str(s) for s in shards], out, model=bundle, device="cpu", progress=False, partition=(0, 1))
