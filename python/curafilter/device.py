"""Pick ONNX Runtime execution providers: TensorRT or CUDA when they really work, CPU otherwise."""

from __future__ import annotations

import ctypes
import os
import re
from dataclasses import dataclass
from pathlib import Path

import onnxruntime as ort

from curafilter.errors import ConfigError

GPU_PROVIDERS = ("TensorrtExecutionProvider", "CUDAExecutionProvider")


@dataclass(frozen=True)
class DeviceRequest:
    kind: str  # "auto" | "cpu" | "cuda"
    index: int = 0

    @classmethod
    def parse(cls, device: str) -> DeviceRequest:
        if not isinstance(device, str):
            raise ConfigError(f"device must be 'auto', 'cpu', 'cuda' or 'cuda:N', got {device!r}")
        m = re.fullmatch(r"(auto|cpu|cuda)(?::(\d+))?", device.strip().lower())
        if not m or (m.group(2) is not None and m.group(1) != "cuda"):
            raise ConfigError(f"device must be 'auto', 'cpu', 'cuda' or 'cuda:N', got {device!r}")
        return cls(m.group(1), int(m.group(2) or 0))


def cuda_driver_present() -> bool:
    """Whether an NVIDIA driver is loadable. Without one, trying the CUDA provider only logs noise."""
    try:
        ctypes.CDLL("libcuda.so.1")
        return True
    except OSError:
        return False


def trt_cache_dir(bundle: Path) -> Path:
    """Where TensorRT keeps its engines for `bundle`: beside the model, or where the bundle's
    folder cannot be written (a root-owned site-packages, a read-only image), in the user's
    cache, one folder per bundle path. TensorRT fails to start when it cannot create the folder."""
    beside = bundle / ".trt-cache"
    if os.access(beside if beside.is_dir() else bundle, os.W_OK):
        return beside
    import hashlib

    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return home / "curafilter" / "trt" / hashlib.sha1(os.fsencode(bundle.resolve())).hexdigest()[:16]


def gpu_provider_options(index: int, cache_dir: Path) -> list[tuple[str, dict[str, object]]]:
    available = set(ort.get_available_providers())
    providers: list[tuple[str, dict[str, object]]] = []
    if "TensorrtExecutionProvider" in available and os.environ.get("CURAFILTER_TENSORRT", "1") != "0":
        providers.append((
            "TensorrtExecutionProvider",
            {
                "device_id": index,
                "trt_fp16_enable": True,
                # Engines take minutes to build; keep them beside the model for the next run.
                "trt_engine_cache_enable": True,
                "trt_engine_cache_path": str(cache_dir),
            },
        ))
    if "CUDAExecutionProvider" in available:
        providers.append(("CUDAExecutionProvider", {"device_id": index}))
    return providers


# Padded tokens per batch when the caller gives none. On a CPU small batches are faster (less
# padding, activations that stay in cache) and keep peak memory low; a GPU needs large ones to be
# busy. Measured in bench/bench_batch_tokens.py.
CPU_BATCH_TOKENS = 2048
GPU_BATCH_TOKENS = 16384


def zstd_workers(on_gpu: bool) -> int:
    """libzstd worker threads for a run's route files. On a GPU one writer thread compressing at
    level 3 (~140 MB/s a core, ~10k Wikipedia-sized documents/s) would pace the run, so a quarter
    of the cores, 1 to 4, compress; on the CPU the model is the bottleneck by far and the writer
    thread compresses alone, leaving the cores to ONNX Runtime."""
    return min(4, max(1, (os.cpu_count() or 1) // 4)) if on_gpu else 0


def available_cpus() -> int:
    """CPUs this process may use: its affinity mask, capped by a cgroup (container) CPU quota.
    os.cpu_count() counts the machine's, which oversubscribes a container or a pinned job."""
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        n = os.cpu_count() or 1
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            n = min(n, max(1, int(int(quota) // int(period))))
    except (OSError, ValueError):
        pass
    return max(n, 1)


def session_options(threads: int) -> ort.SessionOptions:
    so = ort.SessionOptions()
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # The Rust tokeniser threads run beside inference; by default leave ORT one thread per CPU.
    so.intra_op_num_threads = threads if threads > 0 else available_cpus()
    so.inter_op_num_threads = 1
    # Spinning threads burn the CPUs that the tokeniser and any other process need: under load two
    # spinning threads ran slower than one. Off unless asked for (CURAFILTER_ORT_SPIN=1).
    spin = "1" if os.environ.get("CURAFILTER_ORT_SPIN", "0") == "1" else "0"
    so.add_session_config_entry("session.intra_op.allow_spinning", spin)
    so.log_severity_level = 3
    return so
