"""Type stubs for the native module. Import from ``curafilter``, not from here."""

import os
from collections.abc import Iterator
from types import TracebackType

import numpy as np
import numpy.typing as npt

class QuarantineRecord:
    path: str
    shard: int
    line: int
    offset: int
    reason: str
    detail: str
    def to_dict(self) -> dict[str, str | int]: ...

class Batch:
    input_ids: npt.NDArray[np.int64]
    attention_mask: npt.NDArray[np.int64]
    shard: npt.NDArray[np.uint32]
    line: npt.NDArray[np.uint64]
    offset: npt.NDArray[np.uint64]
    n_tokens: npt.NDArray[np.uint32]
    doc_tokens: npt.NDArray[np.uint32]
    row_doc: npt.NDArray[np.uint32]
    row_start: npt.NDArray[np.uint32]
    row_end: npt.NDArray[np.uint32]
    raw_len: npt.NDArray[np.uint64]
    doc_windows: npt.NDArray[np.uint32]
    cheap: npt.NDArray[np.float32]
    ids: list[str | None]
    has_key: npt.NDArray[np.bool_]
    probe_key: str | None
    raws: list[bytes]
    quarantined: list[QuarantineRecord]
    shards_done: list[int]
    def __len__(self) -> int: ...
    def raw(self, i: int) -> bytes: ...

class Stream:
    def __init__(
        self,
        paths: list[str | os.PathLike[str]],
        tokenizer: str | None,
        *,
        max_length: int = 256,
        windows: int = 1,
        overlap: int = 0,
        cheap: CheapStage | None = None,
        cascade: bool = False,
        batch_tokens: int = 16384,
        pad_multiple: int = 1,
        max_batch: int = 256,
        sort_window: int = 4096,
        threads: int = 0,
        resolved: bool = False,
        text_key: str = "text",
        id_key: str | None = None,
        probe_key: str | None = None,
        max_line_bytes: int = 67108864,
        chunk_bytes: int = 1048576,
    ) -> None: ...
    def __iter__(self) -> Iterator[Batch]: ...
    def __next__(self) -> Batch: ...
    def close(self) -> None: ...
    def __enter__(self) -> Stream: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool: ...
    @property
    def shards(self) -> list[str]: ...
    @property
    def counters(self) -> dict[str, int]: ...

class Tokenizer:
    def __init__(
        self,
        path: str,
        *,
        max_length: int = 256,
        windows: int = 1,
        overlap: int = 0,
        cheap: CheapStage | None = None,
        cascade: bool = False,
    ) -> None: ...
    @property
    def max_length(self) -> int: ...
    @property
    def windows(self) -> int: ...
    @property
    def overlap(self) -> int: ...
    @property
    def cascade(self) -> bool: ...
    @property
    def specials(self) -> tuple[int, int]: ...
    def encode_batches(
        self, texts: list[str], *, batch_tokens: int = 16384, max_batch: int = 256, threads: int = 0,
        pad_multiple: int = 1
    ) -> list[Batch]: ...

class ShardOutputs:
    def __init__(self, root: str, name: str, *, level: int = 3, workers: int = 0) -> None: ...
    def write_batch(
        self, batch: Batch, routes: list[str], members: list[bytes], replace: dict[int, bytes] | None = None
    ) -> None: ...
    def write_lines(self, route: str, lines: list[bytes]) -> None: ...
    def finish(self) -> dict[str, int]: ...
    def abort(self) -> None: ...

class CheapStage:
    def __init__(self, bits: int, weights: npt.NDArray[np.float32], bias: list[float], cut: list[float]) -> None: ...
    @property
    def bits(self) -> int: ...
    def score(self, tokens: list[int]) -> npt.NDArray[np.float32]: ...

OUTPUT_MARKER: str

def cheap_features(
    input_ids: npt.NDArray[np.int64], attention_mask: npt.NDArray[np.int64], specials: tuple[int, int], bits: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint32]]: ...

def quarantine_reasons() -> list[str]: ...
def resolve_inputs(paths: list[str | os.PathLike[str]]) -> list[str]: ...
def is_parquet(path: str | os.PathLike[str]) -> bool: ...
def scan_lines(paths: list[str | os.PathLike[str]], *, max_line_bytes: int = 67108864) -> tuple[int, int, int]: ...
