"""Load a model bundle and score token batches or texts with ONNX Runtime.

A bundle is a folder: one or more ONNX variants, ``tokenizer.json`` and the card
``curafilter.json`` (see :mod:`curafilter.card`). Output: float32 ``[docs, principles]``, the
probability that each document violates each principle.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort

from curafilter._core import Batch, Tokenizer
from curafilter.bundle import bundle_dir
from curafilter.cascade import estimate, load_stage
from curafilter.card import CARD_FILE, Card, Variant, bundle_file, read_card
from curafilter.device import (
    CPU_BATCH_TOKENS,
    GPU_BATCH_TOKENS,
    GPU_PROVIDERS,
    DeviceRequest,
    cuda_driver_present,
    gpu_provider_options,
    session_options,
    trt_cache_dir,
)
from curafilter.errors import ConfigError, InputError, ModelError, TokenizerError
from curafilter.onnx_vocab import embedding_rows, tokenizer_vocab_size
from curafilter.stream import MAX_THREADS, PathsLike, Stream, check_int, stream

__all__ = ["Model", "load_model"]

SCORES = "scores"
# Batch shapes whose device buffers a thread keeps (least recently used dropped). Under TensorRT
# lengths come in buckets of TRT_BUCKET and most batches fill batch_tokens, so a run sees a few
# shapes; on the CPU each row runs alone at its own length and the buffers of the common ones stay.
BUFFER_SHAPES = 16


def _pick_variant(card: Card, on_gpu: bool, wanted: str | None, where: Path) -> str:
    if wanted is not None:
        if not isinstance(wanted, str):
            raise ConfigError(f"variant must be a variant's name (one of {sorted(card.variants)}), got {wanted!r}")
        if wanted not in card.variants:
            raise ModelError(f"{where}: no variant {wanted!r} (variants: {sorted(card.variants)})")
        return wanted
    # GPU: fp16, else fp32. CPU: int8, else fp32. Then whatever suits the device at all.
    order = ["fp16", "fp32"] if on_gpu else ["int8", "fp32"]
    device = "gpu" if on_gpu else "cpu"
    for precision in order:
        for name, v in card.variants.items():
            if v.precision == precision and v.device in (device, "any"):
                return name
    for name, v in card.variants.items():
        if v.device in (device, "any"):
            return name
    return next(iter(card.variants))


@functools.cache
def _quiet_run() -> Any:
    """Run options that log only fatal errors: a failed run raises ModelError with onnxruntime's
    message, which its own log line (in red, on stderr) said a second time."""
    import onnxruntime as ort

    opts = ort.RunOptions()
    opts.log_severity_level = 4
    return opts


class Model:
    """A loaded bundle with a live ONNX Runtime session.

    >>> import curafilter
    >>> model = curafilter.load_model("default", device="cpu")
    >>> model.score_texts(["Have a lovely day.", "I will hide this from my users."]).shape
    (2, 4)
    """

    def __init__(
        self,
        path: Path,
        card: Card,
        *,
        device: str = "auto",
        variant: str | None = None,
        threads: int = 0,
        windows: int | None = None,
        overlap: int | None = None,
        cascade: bool | None = None,
    ) -> None:
        # Options are checked by name before anything loads: a wrong type used to surface as a
        # TypeError or OverflowError from deep inside (or, for threads=10**6, to exhaust memory).
        if cascade is not None and not isinstance(cascade, (bool, np.bool_)):
            raise ConfigError(f"cascade must be True, False or None, got {cascade!r}")
        cascade = None if cascade is None else bool(cascade)
        threads = check_int("threads", threads, 0, MAX_THREADS)
        if windows == "all":
            windows = ALL_WINDOWS
        if windows is not None:
            # A plain int (it goes into run.json); any count past ALL_WINDOWS means the same, all.
            windows = min(check_int("windows", windows, 1), ALL_WINDOWS)
        if overlap is not None:
            overlap = check_int("overlap", overlap, 0)
        if not isinstance(device, str):
            raise ConfigError(f"device must be a string ('auto', 'cpu', 'cuda' or 'cuda:N'), got {device!r}")
        self.path = path
        self.card = card
        # The cascade (curafilter.cascade) is on by default where the bundle ships a cheap stage.
        self.cheap = load_stage(path, card)
        if cascade and self.cheap is None:
            raise ConfigError(f"{path}: the bundle has no cascade stage (build one with `curafilter distill-cheap`)")
        self.cascade = self.cheap is not None and cascade is not False
        # The card's windowing is the one its thresholds were set for; another is allowed (a
        # cheaper head-only pass, say) but shifts what the thresholds mean.
        self.windows = card.windows if windows is None else windows
        self.overlap = card.overlap if overlap is None else overlap
        request = DeviceRequest.parse(device)
        self.tokenizer_path = bundle_file(path, card.tokenizer, "tokenizer", path / CARD_FILE)
        if not self.tokenizer_path.is_file():
            raise ModelError(f"{path / 'curafilter.json'}: field `tokenizer` names a missing file {self.tokenizer_path}")
        # Load the tokenizer now: a corrupt tokenizer.json must fail here, before a run claims OUT.
        self._tokenizer: Tokenizer | None = self._load_tokenizer()
        self._tokenizers: dict[tuple[int, bool], Tokenizer] = {}  # by window count and cascade
        want_gpu = request.kind == "cuda" or (request.kind == "auto" and cuda_driver_present())
        if request.kind == "cuda" and not cuda_driver_present():
            raise ModelError(f"device {device!r} requested but no NVIDIA driver is loadable (libcuda.so.1)")
        self.variant = _pick_variant(card, want_gpu, variant, path)
        self.session = self._session(card.variants[self.variant], want_gpu, request, threads)
        self.providers: list[str] = self.session.get_providers()
        on_gpu = self.providers[0] in GPU_PROVIDERS
        if want_gpu and not on_gpu:
            if request.kind == "cuda":
                raise ModelError(
                    f"device {device!r} requested but ONNX Runtime could not start a GPU provider "
                    f"(session providers: {self.providers}); check the CUDA/cuDNN libraries"
                )
            # auto: the GPU did not work after all, so run the CPU variant on the CPU.
            self.variant = _pick_variant(card, False, variant, path)
            self.session = self._session(card.variants[self.variant], False, request, threads)
            self.providers = self.session.get_providers()
        self.device = f"cuda:{request.index}" if on_gpu else "cpu"
        self._check_io()
        self._check_tables()

    def _session(self, v: Variant, gpu: bool, request: DeviceRequest, threads: int) -> ort.InferenceSession:
        name = next((k for k, x in self.card.variants.items() if x is v), "?")
        file = bundle_file(self.path, v.file, f"variants.{name}.file", self.path / CARD_FILE)
        if not file.is_file():
            raise ModelError(f"{self.path / 'curafilter.json'}: variant file {v.file!r} is missing ({file})")
        # Provider lists tried in turn, each without onnxruntime's own fallback: that one printed a
        # banner to stdout (breaking --json) and retried CUDA with every option dropped (device_id:
        # cuda:1 ran on GPU 0). TensorRT fails to start without its libraries or a writable cache.
        gpus = gpu_provider_options(request.index, trt_cache_dir(self.path)) if gpu else []
        attempts = [gpus[i:] + ["CPUExecutionProvider"] for i in range(len(gpus))] + [["CPUExecutionProvider"]]
        errors = []
        for providers in attempts:
            try:
                return ort.InferenceSession(str(file), sess_options=session_options(threads), providers=providers,
                                            enable_fallback=0)
            except Exception as e:  # ORT raises its own untyped errors (Fail, InvalidGraph, ...)
                first = providers[0] if isinstance(providers[0], str) else providers[0][0]
                said = str(e).strip()
                errors.append(f"{first}: {said.splitlines()[0][:300] if said else type(e).__name__}")
        raise ModelError(f"{file}: ONNX Runtime cannot load it ({'; '.join(errors)})")

    def _check_io(self) -> None:
        inputs = {i.name for i in self.session.get_inputs()}
        missing = {"input_ids", "attention_mask"} - inputs
        if missing:
            raise ModelError(f"{self.model_file}: model lacks inputs {sorted(missing)} (has {sorted(inputs)})")
        outputs = {o.name: o for o in self.session.get_outputs()}
        if SCORES not in outputs:
            raise ModelError(f"{self.model_file}: model has no output {SCORES!r} (has {sorted(outputs)})")
        width = outputs[SCORES].shape[-1]
        if isinstance(width, int) and width != len(self.principles):
            raise ModelError(
                f"{self.model_file}: output {SCORES!r} has {width} columns but the card lists "
                f"{len(self.principles)} principles"
            )
        self._extra_inputs = inputs - {"input_ids", "attention_mask"}
        self._output_dtype = np.float16 if outputs[SCORES].type == "tensor(float16)" else np.float32
        self._buffers = _Buffers()

    def _check_tables(self) -> None:
        """Every id the tokenizer can emit must index the model's embedding table, and a window of
        the card's max_length must fit its position table, or ONNX Runtime fails mid-run on the
        first document that needs one."""
        try:
            vocab = tokenizer_vocab_size(self.tokenizer_path)
        except Exception as e:  # tokenizers raises its own exception type for a corrupt file
            raise TokenizerError(f"cannot load tokenizer {self.tokenizer_path}: {e}") from None
        try:
            rows, positions = embedding_rows(self.model_file)
        except Exception:  # noqa: BLE001 - protobuf's parse errors have no common base
            rows = positions = None  # ONNX Runtime loaded it; an unreadable layout only means we cannot check
        if rows is not None and vocab > rows:
            raise ModelError(
                f"{self.model_file}: the tokenizer ({self.tokenizer_path.name}) has {vocab} token ids "
                f"but the model's embedding table has {rows} rows; the bundle's tokenizer and model do not match"
            )
        if positions is not None and self.max_length > positions:
            raise ModelError(
                f"{self.path / CARD_FILE}: max_length is {self.max_length} but the model "
                f"({self.model_file.name}) has {positions} positions; set max_length to at most {positions}"
            )

    @property
    def model_file(self) -> Path:
        return self.path / self.card.variants[self.variant].file

    @property
    def principles(self) -> list[str]:
        """Principle names in output column order."""
        return [p.name for p in self.card.principles]

    @property
    def thresholds(self) -> np.ndarray:
        """The card's suggested thresholds, one per principle (0.5 where the card gives none)."""
        return np.array([self.card.thresholds.get(p, 0.5) for p in self.principles], dtype=np.float32)

    @property
    def max_length(self) -> int:
        return self.card.max_length

    @property
    def id(self) -> str:
        """Identifies the scores: bundle name, version and variant."""
        return f"{self.card.name}@{self.card.version}/{self.variant}"

    @functools.cached_property
    def digest(self) -> str:
        """The loaded variant's weights, as the first 16 hex digits of its file's SHA-256: what
        tells two bundles with one name and version apart (an output folder is resumed only by
        the model that began it)."""
        return _hash_file(hashlib.sha256(), self.model_file).hexdigest()[:16]

    @functools.cached_property
    def setup_digest(self) -> str:
        """What besides the weights decides the scores, hashed like :attr:`digest`: the tokenizer,
        the card's max length and, with the cascade on, its stage (weights, biases, cuts).
        `distill-cheap` rewrites a stage in place, and a folder resumed across that would mix two
        scorings."""
        import msgspec

        h = _hash_file(hashlib.sha256(), self.tokenizer_path)
        h.update(f"max_length={self.max_length}".encode())
        c = self.card.cascade
        if self.cascade and c is not None:
            h.update(msgspec.json.encode([c.bits, c.bias, c.cut]))
            _hash_file(h, bundle_file(self.path, c.file, "cascade.file", self.path / CARD_FILE))
        return h.hexdigest()[:16]

    def __repr__(self) -> str:
        return f"Model({self.id!r}, device={self.device!r}, providers={self.providers})"

    def score_arrays(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        """Scores for int64 ``[docs, seq]`` arrays, through IOBinding.

        On a GPU the inputs are copied to the device once and the output stays there until read;
        on the CPU the same binding calls run against host memory, so tests cover this path.

        On the CPU rows are run one at a time, each cut to its own length. Dynamic int8
        quantisation scales activations over the whole input tensor, so in a batch a row's score
        moved with its batch-mates and their padding (by up to 0.12 on the sample); alone, a
        document scores the same whatever batch it came in, and no time goes on padding (measured
        as fast as batching on CPU). GPU variants (fp16) have no such scale and keep the batch."""
        if not (isinstance(input_ids, np.ndarray) and isinstance(attention_mask, np.ndarray)
                and input_ids.ndim == 2 and input_ids.shape == attention_mask.shape):
            # Unequal shapes were scored silently (a document dropped, or cut to the mask's width).
            raise ConfigError("input_ids and attention_mask must be 2-D numpy arrays of one shape [docs, seq], got "
                              f"{getattr(input_ids, 'shape', type(input_ids).__name__)} and "
                              f"{getattr(attention_mask, 'shape', type(attention_mask).__name__)}")
        if not all(np.issubdtype(a.dtype, np.integer) or a.dtype == np.bool_ for a in (input_ids, attention_mask)):
            # Floats, strings and complex numbers were cast and scored silently; objects failed inside.
            raise ConfigError(f"input_ids and attention_mask must hold integers, got {input_ids.dtype} and {attention_mask.dtype}")
        if input_ids.shape[0] == 0:
            return np.zeros((0, len(self.principles)), dtype=np.float32)
        if input_ids.min(initial=0) < 0:
            raise ConfigError(f"input_ids holds a negative token id ({int(input_ids.min())})")
        if input_ids.shape[1] == 0 or not attention_mask.any(axis=1).all():
            # A batch of stream(tokenizer=None) has no tokens: it scored a constant for every document.
            raise ConfigError("a row of attention_mask attends to no token; a document needs at least one "
                              "(batches from stream(tokenizer=None) hold no tokens to score)")
        if self.device != "cpu":
            return self._run(input_ids, attention_mask)
        # Length of each row: up to its last attended token.
        lengths = attention_mask.shape[1] - np.argmax(attention_mask[:, ::-1] != 0, axis=1)
        return np.vstack([self._run(input_ids[i:i + 1, :n], attention_mask[i:i + 1, :n])
                          for i, n in enumerate(lengths.tolist())])

    def _run(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        binding, inputs, out = self._bound(input_ids.shape)
        inputs["input_ids"].update_inplace(np.ascontiguousarray(input_ids, dtype=np.int64))
        inputs["attention_mask"].update_inplace(np.ascontiguousarray(attention_mask, dtype=np.int64))
        try:
            self.session.run_with_iobinding(binding, _quiet_run())
        except Exception as e:  # onnxruntime's: RuntimeError, or its own Fail/EPFail (a token id past the vocabulary, ...)
            raise ModelError(f"{self.path}: the model could not score this input: {str(e).splitlines()[0][:300]}") from None
        # A copy: on the CPU the output's array shares the buffer the next batch of this shape
        # overwrites (on a GPU, reading it is the one device-to-host copy).
        return np.array(out.numpy(), dtype=np.float32)

    def _bound(self, shape: tuple[int, ...]) -> tuple[Any, dict[str, Any], Any]:
        """The IOBinding for a batch shape, with its input and output buffers on the model's
        device, made once and reused: a batch then costs one host-to-device copy per input and
        no allocation or re-binding. Kept per thread, so threads scoring at once never share one."""
        cache = self._buffers.by_shape
        hit = cache.get(shape)
        if hit is not None:
            cache.move_to_end(shape)
            return hit
        where = ("cuda", int(self.device.split(":")[1])) if self.device != "cpu" else ("cpu", 0)
        binding = self.session.io_binding()
        names = ["input_ids", "attention_mask"] + (["token_type_ids"] if "token_type_ids" in self._extra_inputs else [])
        inputs = {}
        for name in names:
            # token_type_ids stay zeros (one segment); the other two are written per batch.
            inputs[name] = ort.OrtValue.ortvalue_from_numpy(np.zeros(shape, np.int64), *where)
            binding.bind_ortvalue_input(name, inputs[name])
        out = ort.OrtValue.ortvalue_from_shape_and_type([shape[0], len(self.principles)], self._output_dtype, *where)
        binding.bind_ortvalue_output(SCORES, out)
        cache[shape] = (binding, inputs, out)
        if len(cache) > BUFFER_SHAPES:
            cache.popitem(last=False)
        return cache[shape]

    def score_batch(self, batch: Batch) -> np.ndarray:
        """Scores ``[docs, principles]`` for a batch from :func:`curafilter.stream`, documents in
        the batch's order: per principle, the highest score over each document's windows."""
        return self.score_batch_windows(batch)[0]

    def score_batch_windows(self, batch: Batch) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`score_batch` and, per document and principle, the character offset where the
        window that gave the score starts (the passage to show for a flag; -1 for a document the
        cascade cleared, whose score is the cheap stage's estimate)."""
        cleared = estimate(batch.cheap) if batch.cheap.shape[1] else None
        return pool_windows(self.score_arrays(batch.input_ids, batch.attention_mask), batch.row_doc, batch.row_start,
                            len(batch), cleared)

    def window_scores(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Scores of every window of `text`, however long (no cap on windows): ``[rows,
        principles]`` and each row's start and end character offsets. For checks that must see a
        whole text, such as a rewrite before it is accepted."""
        if not isinstance(text, str):
            raise ConfigError(f"window_scores takes one text (a str), got {type(text).__name__}")
        if _has_surrogate(text):
            raise InputError("the text holds a lone surrogate code point, which is not valid Unicode text; "
                             "clean it (e.g. text.encode('utf-8', 'replace').decode())")
        # A window holds at least one character, so one window per character always reaches the
        # end (windows stop at the end of the text); rounded up to a power of two so that texts of
        # similar length share a tokenizer.
        need = 1 << (len(text) + 1).bit_length()
        tok = self._cached_tokenizer(need, cascade=False)
        (batch,) = tok.encode_batches([text], batch_tokens=1)  # one document: one batch, whatever its size
        rows = self.score_arrays(batch.input_ids, batch.attention_mask)
        return rows, batch.row_start.astype(np.int64), batch.row_end.astype(np.int64)

    def _load_tokenizer(self, *, windows: int | None = None, cascade: bool | None = None) -> Tokenizer:
        try:
            return Tokenizer(os.fspath(self.tokenizer_path), max_length=self.max_length,
                             windows=self.windows if windows is None else windows, overlap=self.overlap,
                             cheap=self.cheap, cascade=self.cascade if cascade is None else cascade)
        except ConfigError as e:
            raise ConfigError(f"{self.path}: {e}") from None

    def _cached_tokenizer(self, windows: int, *, cascade: bool) -> Tokenizer:
        key = (windows, cascade)
        if key not in self._tokenizers:
            self._tokenizers[key] = self._load_tokenizer(windows=windows, cascade=cascade)
        return self._tokenizers[key]

    def tokenizer(self) -> Tokenizer:
        if self._tokenizer is None:
            self._tokenizer = self._load_tokenizer()
        return self._tokenizer

    @property
    def batch_tokens(self) -> int:
        """Default padded tokens per batch for this model's device."""
        return CPU_BATCH_TOKENS if self.device == "cpu" else GPU_BATCH_TOKENS

    @property
    def pad_multiple(self) -> int:
        """Batches are padded to a multiple of this: TensorRT builds (and caches, in the bundle's
        `.trt-cache`) an engine per input shape, so lengths go in buckets of 64 there; elsewhere
        each batch is padded only to its longest row."""
        return TRT_BUCKET if self.providers and self.providers[0] == "TensorrtExecutionProvider" else 1

    def score_texts(self, texts: Iterable[str], *, batch_tokens: int | None = None,
                    cascade: bool | None = None) -> np.ndarray:
        """Scores ``[len(texts), principles]`` for in-memory texts, rows in input order (tokenised
        by the Rust core). ``cascade=False`` scores every window even where the model's cascade is on.

        `texts`: any iterable of str (list, tuple, generator), a pyarrow string Array or
        ChunkedArray (string, large_string, string_view, or dictionary-encoded strings), or a pandas
        or polars Series of strings. A bare str is refused (it would be scored character by
        character), and so is a missing text (None, NaN, null): the error names its index."""
        items = text_list(texts)
        if batch_tokens is not None:
            check_int("batch_tokens", batch_tokens, 1)
        if cascade is not None and not isinstance(cascade, (bool, np.bool_)):
            raise ConfigError(f"cascade must be True, False or None, got {cascade!r}")
        if cascade and self.cheap is None:  # as load_model(..., cascade=True) says
            raise ConfigError(f"{self.path}: the bundle has no cascade stage (build one with `curafilter distill-cheap`)")
        out = np.zeros((len(items), len(self.principles)), dtype=np.float32)
        tok = self.tokenizer() if cascade is None or cascade == self.cascade else \
            self._cached_tokenizer(self.windows, cascade=bool(cascade) and self.cheap is not None)
        try:
            for batch in tok.encode_batches(items, batch_tokens=batch_tokens or self.batch_tokens,
                                            pad_multiple=self.pad_multiple):
                out[batch.line.astype(np.intp)] = self.score_batch(batch)
        except UnicodeEncodeError:  # a lone surrogate ("\ud800"): not Unicode text, cannot be tokenised
            bad = next((i for i, t in enumerate(items) if not t.isascii() and _has_surrogate(t)), None)
            raise InputError(f"texts[{bad}] holds a lone surrogate code point, which is not valid Unicode text; "
                             "clean it (e.g. text.encode('utf-8', 'replace').decode())") from None
        return out

    def stream(self, paths: PathsLike, **options: object) -> Stream:
        """:func:`curafilter.stream` with this model's tokenizer, max length, windows and batch size."""
        options = {"windows": self.windows, "overlap": self.overlap, "batch_tokens": self.batch_tokens,
                   "pad_multiple": self.pad_multiple, "cheap": self.cheap, "cascade": self.cascade, **options}
        return stream(paths, tokenizer=self.tokenizer_path, max_length=self.max_length, **options)  # type: ignore[arg-type]


def _hash_file(h: "hashlib._Hash", path: Path) -> "hashlib._Hash":
    """`h` updated with the bytes of `path`, a MiB at a time."""
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def text_list(texts: object, *, what: str = "texts") -> list[str]:
    """`texts` as a list of str, for :meth:`Model.score_texts`; see there for what is accepted.

    pyarrow, pandas and polars are optional: an object is treated as one of theirs only when its
    type comes from that package, so none of them is imported for a plain list."""
    if isinstance(texts, (str, bytes, bytearray)):
        raise ConfigError(f"{what} must be a list of texts, got a single {type(texts).__name__}; "
                          "pass a list, e.g. [text] (a str would be scored character by character)")
    if isinstance(texts, Mapping):  # iterating a dict (a datasets batch) yields its keys
        raise ConfigError(f"{what} is a mapping (keys {list(texts)[:5]}); pass its text column, e.g. batch[\"text\"]")
    package = type(texts).__module__.split(".")[0]
    items: list[Any]
    if package == "pyarrow":
        items = _arrow_texts(texts, what)
    elif package in ("pandas", "polars") and type(texts).__name__ in ("DataFrame", "LazyFrame"):
        # Iterating a pandas DataFrame yields its column names: refuse rather than score those.
        raise ConfigError(f"{what} is a {package} {type(texts).__name__}; pass one column of it "
                          "(df[\"text\"]), or score the whole table with curafilter.score_table")
    elif package == "pandas" and type(texts).__name__ == "Series":
        items = texts.tolist()  # type: ignore[attr-defined]  # missing values come back as None/NaN/NA
    elif package == "polars" and type(texts).__name__ == "Series":
        items = texts.to_list()  # type: ignore[attr-defined]
    else:
        try:
            items = list(texts)  # type: ignore[call-overload]
        except TypeError:
            raise ConfigError(f"{what} must be an iterable of str, got {type(texts).__name__}") from None
    _check_all_str(items, what)
    return items


def _arrow_texts(arr: Any, what: str) -> list[Any]:
    """A pyarrow Array or ChunkedArray of strings as a list (nulls as None, checked by the caller)."""
    import pyarrow as pa

    if isinstance(arr, (pa.Table, pa.RecordBatch)):
        raise ConfigError(f"{what} is a pyarrow {type(arr).__name__}; pass one column of it "
                          "(table[\"text\"]), or score the whole table with curafilter.score_table")
    if not isinstance(arr, (pa.Array, pa.ChunkedArray)):
        raise ConfigError(f"{what} must be an iterable of str, got pyarrow {type(arr).__name__}")
    if pa.types.is_dictionary(arr.type) and _is_arrow_string(arr.type.value_type):
        chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
        return [t for c in chunks for t in _dictionary_texts(c, what)]
    if not _is_arrow_string(arr.type):
        raise ConfigError(f"{what} is a pyarrow array of {arr.type}; it must hold strings "
                          "(string, large_string or string_view)")
    return _arrow_strings(arr, what)


def _arrow_strings(arr: Any, what: str, *, start: int = 0) -> list[Any]:
    """The Python strings of a pyarrow string array (nulls as None). to_numpy builds them in one
    pass (faster than to_pylist); bytes that are not UTF-8 (an array made with .view(string)) are
    an InputError naming the first such row, not pyarrow's error."""
    import pyarrow as pa

    if isinstance(arr, pa.ChunkedArray):
        out: list[Any] = []
        for c in arr.chunks:
            out += _arrow_strings(c, what, start=start + len(out))
        return out
    try:
        return arr.to_numpy(zero_copy_only=False).tolist()
    except (pa.ArrowException, UnicodeDecodeError):
        # The same bytes as binary (the same layout), to find the row.
        binary = pa.large_binary() if pa.types.is_large_string(arr.type) else \
            pa.binary() if pa.types.is_string(arr.type) else pa.binary_view()
        for i, b in enumerate(arr.view(binary).to_pylist()):
            try:
                b is None or b.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(f"{what}[{start + i}] is not valid UTF-8 text; decode or clean it first") from None
        raise


def _dictionary_texts(arr: Any, what: str) -> list[Any]:
    """A dictionary-encoded string array's texts, decoded by index (pyarrow has no take kernel
    for string_view dictionaries, what a polars Categorical column exports)."""
    values = np.asarray(_arrow_strings(arr.dictionary, what) + [None], dtype=object)
    idx = arr.indices.fill_null(len(values) - 1).to_numpy(zero_copy_only=False)
    return values[idx].tolist()


def _is_arrow_string(t: Any) -> bool:
    import pyarrow as pa

    is_view = getattr(pa.types, "is_string_view", None)  # pyarrow 16+
    return bool(pa.types.is_string(t) or pa.types.is_large_string(t) or (is_view is not None and is_view(t)))


def _check_all_str(items: list[Any], what: str) -> None:
    """Refuse a missing or non-text item, naming the first one's index: a missing text is never
    scored silently (its scores would say nothing about a document)."""
    if all(isinstance(t, str) for t in items):
        return
    i, bad = next((i, t) for i, t in enumerate(items) if not isinstance(t, str))
    # None (Python, Arrow, polars), NaN (pandas object columns), pandas.NA: a missing value.
    if bad is None or (isinstance(bad, float) and bad != bad) or type(bad).__name__ == "NAType":
        raise ConfigError(f"{what}[{i}] is missing ({bad!r}); curafilter never scores a missing text: "
                          "drop or fill the missing values first")
    raise ConfigError(f"{what}[{i}] is {type(bad).__name__}, not str; every text must be a str")


TRT_BUCKET = 64  # padded lengths under TensorRT: multiples of this

# `windows=ALL_WINDOWS`: as many windows as a document has (a window holds at least one character).
ALL_WINDOWS = 1 << 30


def pool_windows(rows: np.ndarray, row_doc: np.ndarray, row_start: np.ndarray, docs: int,
                 cleared: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per document, the highest row score per principle and the start offset of the (first)
    row that gave it. A document's rows are consecutive, which the reductions rely on. A document
    with no row (the cascade cleared every window) takes its row of `cleared` and offset -1."""
    if np.array_equal(row_doc, np.arange(docs)):  # one row each: nothing to pool
        return rows, np.repeat(row_start.astype(np.int64)[:, None], rows.shape[1], axis=1)
    width = rows.shape[1] if rows.ndim == 2 and rows.shape[0] else (cleared.shape[1] if cleared is not None else 0)
    scores = np.full((docs, width), np.nan, np.float32)
    at = np.full((docs, width), -1, np.int64)
    if rows.shape[0]:
        first = np.flatnonzero(np.r_[True, row_doc[1:] != row_doc[:-1]])
        pooled = np.maximum.reduceat(rows, first, axis=0)
        owner = np.repeat(np.arange(first.size), np.diff(np.r_[first, rows.shape[0]]))
        index = np.where(rows == pooled[owner], np.arange(rows.shape[0])[:, None], rows.shape[0])
        best = np.minimum.reduceat(index, first, axis=0)
        scores[row_doc[first]] = pooled
        at[row_doc[first]] = row_start.astype(np.int64)[best]
    if cleared is not None:
        none = np.ones(docs, bool)
        none[row_doc] = False
        scores[none] = cleared[none]
    return scores, at


class _Buffers(threading.local):
    """One thread's IOBindings and device buffers, by batch shape (see Model._bound)."""

    def __init__(self) -> None:
        self.by_shape: OrderedDict[tuple[int, ...], tuple[Any, dict[str, Any], Any]] = OrderedDict()


def load_model(
    name_or_path: str | os.PathLike[str] = "default",
    *,
    device: str = "auto",
    variant: str | None = None,
    threads: int = 0,
    windows: int | None = None,
    overlap: int | None = None,
    cascade: bool | None = None,
) -> Model:
    """Load a bundle folder, or a bundle shipped with curafilter by name (``"default"``).

    ``device``: ``"auto"`` (GPU when one really works, else CPU), ``"cpu"``, ``"cuda"``, ``"cuda:N"``.
    ``variant`` forces a variant by its card name; by default int8 on CPU, fp16 on GPU.
    ``windows`` / ``overlap``: token windows scored per document and their overlap in tokens; by
    default the card's, which its thresholds were set for (``windows=1`` scores the head only).
    ``cascade``: score only the windows the bundle's cheap stage escalates (on by default where
    the bundle has one; see :mod:`curafilter.cascade`).
    """
    if not isinstance(name_or_path, (str, os.PathLike)):
        raise ConfigError(f"a model is a bundle folder or a bundled name (e.g. 'default'), got {name_or_path!r}")
    path = bundle_dir(name_or_path)
    return Model(path, read_card(path), device=device, variant=variant, threads=threads, windows=windows,
                 overlap=overlap, cascade=cascade)
