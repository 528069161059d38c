"""Shard claims: which process works on which shard of an output folder shared by several.

Partitioned runs (``run --partition I/N``), on one machine or many sharing a filesystem, write into
one folder at once. Each takes a shard only by creating its claim file,
``OUT/claims/<shard>.<hash>.claim``, with ``O_CREAT | O_EXCL`` (atomic, also on NFS v3+): of two
workers reaching for one shard, exactly one gets it. The file holds the holder's host, pid and start
time, and its modification time is a heartbeat, renewed every ``lease / 4`` seconds while the holder
lives.

The rule for a claim found in place:

- on the same host, a claim whose pid is no longer running is stale (the process died);
- on any host, a claim whose heartbeat is older than ``lease`` seconds is stale (the process or its
  machine died, or hung);
- otherwise the shard belongs to the holder, and is left alone.

A stale claim is replaced under a takeover lock file (``<claim>.takeover``, created the same way),
so of several workers racing for it one wins; the taker then removes the shard's partial outputs
before redoing it.
A claim is removed when the shard's manifest record is written (the record, not the claim, says a
shard is done) and when its process ends.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import msgspec

from curafilter.outputs import output_name

LEASE = 300.0  # seconds without a heartbeat before another host may take a claim over
CLAIM_SUFFIX = ".claim"


class Claim(msgspec.Struct):
    host: str
    pid: int
    started: float


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


class Claims:
    """The claims this process holds in `root`/claims, with their heartbeat thread."""

    def __init__(self, root: Path, *, lease: float = LEASE) -> None:
        self.dir = root / "claims"
        self.lease = lease
        self.host = socket.gethostname()
        self.held: dict[str, Path] = {}
        self._mine: dict[str, bytes] = {}  # what this process wrote into each claim it holds
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None

    def path(self, shard: str) -> Path:
        return self.dir / output_name(shard, CLAIM_SUFFIX)

    def holder(self, shard: str) -> Claim | None:
        """The live claim on `shard`, if another process holds one."""
        p = self.path(shard)
        try:
            claim = msgspec.json.decode(p.read_bytes(), type=Claim)
            age = time.time() - p.stat().st_mtime
        except FileNotFoundError:
            return None
        except (OSError, msgspec.DecodeError, msgspec.ValidationError):
            # Being written this instant, or damaged: stale only once its lease has run out.
            try:
                return None if time.time() - p.stat().st_mtime > self.lease else Claim("?", 0, 0.0)
            except FileNotFoundError:
                return None
        if claim.host == self.host and not _alive(claim.pid):
            return None
        return claim if age <= self.lease else None

    def take(self, shard: str) -> bool:
        """Claim `shard`; False when another live process holds it (or is taking it over)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        p = self.path(shard)
        data = msgspec.json.encode(Claim(self.host, os.getpid(), time.time()))
        try:
            fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return self._take_over(shard, p, data)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        with self._lock:
            self.held[shard], self._mine[shard] = p, data
        return True

    def _take_over(self, shard: str, p: Path, data: bytes) -> bool:
        """Replace a stale claim. Checking and replacing happen under a takeover lock file, so of
        several workers that found the claim stale, one replaces it and the others then find it live."""
        if self.holder(shard) is not None:
            return False
        lock = p.with_name(p.name + ".takeover")
        try:
            os.close(os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        except FileExistsError:
            try:  # a taker that died holding it: clear it for the next attempt
                if time.time() - lock.stat().st_mtime > self.lease:
                    lock.unlink(missing_ok=True)
            except FileNotFoundError:
                pass
            return False
        try:
            if self.holder(shard) is not None:
                return False
            tmp = p.with_name(f".{p.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, p)
            with self._lock:
                self.held[shard], self._mine[shard] = p, data
            return True
        finally:
            lock.unlink(missing_ok=True)

    def still_held(self, shard: str) -> bool:
        """Whether the claim file on `shard` is still this process's: a process paused past the
        lease (SIGSTOP, a frozen VM) finds its claim taken over, and must then write nothing."""
        with self._lock:
            mine = self._mine.get(shard)
        try:
            return mine is not None and self.path(shard).read_bytes() == mine
        except OSError:
            return False

    def release(self, shard: str) -> None:
        ours = self.still_held(shard)  # a claim taken over is the taker's now: left in place
        with self._lock:
            p = self.held.pop(shard, None)
            self._mine.pop(shard, None)
        if p is not None and ours:
            p.unlink(missing_ok=True)

    def heartbeat(self) -> None:
        now = time.time()
        with self._lock:
            held = list(self.held.values())
        for p in held:
            try:
                os.utime(p, (now, now))
            except FileNotFoundError:  # released meanwhile
                pass

    def __enter__(self) -> Claims:
        def beat() -> None:
            while not self._stop.wait(self.lease / 4):
                self.heartbeat()

        self._beat = threading.Thread(target=beat, name="curafilter-claims", daemon=True)
        self._beat.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._beat is not None:
            self._beat.join()
        for shard in list(self.held):
            self.release(shard)
