//! The only PyO3 code: thin bindings over [`crate::pipeline::Stream`].
//!
//! Batches cross into numpy without copying (the Vecs become the arrays' buffers). `__next__`
//! waits with the GIL released, waking every 100 ms to let Python deliver Ctrl-C.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use numpy::ndarray::Array2;
use numpy::{IntoPyArray, PyArray1, PyArray2, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyType};

use crate::batch::Batch;
use crate::cheap::{self, Cheap};
use crate::error::Error;
use crate::pipeline::{batch_texts, Next, Stream, StreamConfig};
use crate::tokenize::Encoder;
use crate::write::{object_head, BackgroundOutputs, Zstd};
use crate::quarantine::{Quarantine, Reason};

/// Map every core error to its class in `curafilter.errors` (the match is exhaustive on purpose:
/// a new variant must choose its Python class).
fn to_py(py: Python<'_>, e: Error) -> PyErr {
    let class = match &e {
        Error::NotFound(_) | Error::NoInputs(_) | Error::NonUtf8Path(_) | Error::Pattern { .. } | Error::Io { .. } => {
            "InputError"
        }
        Error::Tokenizer { .. } => "TokenizerError",
        Error::Config { .. } | Error::Write { .. } => "ConfigError",
        Error::Internal(_) => "InternalError",
    };
    let ty = py
        .import("curafilter.errors")
        .and_then(|m| m.getattr(class))
        .and_then(|c| c.downcast_into::<PyType>().map_err(PyErr::from));
    match ty {
        Ok(ty) => PyErr::from_type(ty, e.to_string()),
        Err(import_err) => import_err,
    }
}

#[pyclass(module = "curafilter._core", name = "QuarantineRecord", frozen, get_all)]
struct PyQuarantine {
    path: String,
    shard: u32,
    line: u64,
    offset: u64,
    reason: &'static str,
    detail: String,
}

#[pymethods]
impl PyQuarantine {
    fn __repr__(&self) -> String {
        format!("QuarantineRecord({}:{} offset {}: {}: {})", self.path, self.line, self.offset, self.reason, self.detail)
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("shard", &self.path)?;
        d.set_item("line", self.line)?;
        d.set_item("offset", self.offset)?;
        d.set_item("reason", self.reason)?;
        d.set_item("detail", &self.detail)?;
        Ok(d)
    }
}

fn quarantine(shards: &[PathBuf], q: Quarantine) -> PyQuarantine {
    PyQuarantine {
        path: shards[q.shard as usize].display().to_string(),
        shard: q.shard,
        line: q.line,
        offset: q.offset,
        reason: q.reason.as_str(),
        detail: q.detail,
    }
}

#[pyclass(module = "curafilter._core", name = "Batch", frozen)]
struct PyBatch {
    #[pyo3(get)]
    input_ids: Py<PyArray2<i64>>,
    #[pyo3(get)]
    attention_mask: Py<PyArray2<i64>>,
    #[pyo3(get)]
    shard: Py<PyArray1<u32>>,
    #[pyo3(get)]
    line: Py<PyArray1<u64>>,
    #[pyo3(get)]
    offset: Py<PyArray1<u64>>,
    #[pyo3(get)]
    n_tokens: Py<PyArray1<u32>>,
    /// Content tokens of each whole document, scored or not (counted, or extrapolated by bytes
    /// past the part the windows need): what token budgets count.
    #[pyo3(get)]
    doc_tokens: Py<PyArray1<u32>>,
    /// Per row of `input_ids`: its document's index in the batch, and the character offsets in
    /// the document's text where the row's window starts and ends.
    #[pyo3(get)]
    row_doc: Py<PyArray1<u32>>,
    #[pyo3(get)]
    row_start: Py<PyArray1<u32>>,
    #[pyo3(get)]
    row_end: Py<PyArray1<u32>>,
    /// Bytes of each document's line (for progress by bytes consumed, without copying lines out).
    #[pyo3(get)]
    raw_len: Py<PyArray1<u64>>,
    /// Windows each document has, scored or not: more than its rows when the cascade left some out.
    #[pyo3(get)]
    doc_windows: Py<PyArray1<u32>>,
    /// `[docs, principles]`: the cheap stage's highest window score per document (logits); zero
    /// columns without a cheap stage.
    #[pyo3(get)]
    cheap: Py<PyArray2<f32>>,
    #[pyo3(get)]
    ids: Vec<Option<String>>,
    /// Whether each document has `probe_key` at its top level (all false without one).
    #[pyo3(get)]
    has_key: Py<PyArray1<bool>>,
    /// The key the stream was asked to probe for (None: `has_key` says nothing).
    #[pyo3(get)]
    probe_key: Option<String>,
    raw: Vec<Vec<u8>>,
    quarantined: Vec<Py<PyQuarantine>>,
    #[pyo3(get)]
    shards_done: Vec<u32>,
}

impl PyBatch {
    fn new(py: Python<'_>, b: Batch, shards: &[PathBuf], probe_key: Option<String>) -> PyResult<Self> {
        let n = b.docs.len();
        let shape = (b.row_doc.len(), b.seq_len);
        let matrix = |v: Vec<i64>| -> PyResult<Py<PyArray2<i64>>> {
            let a = Array2::from_shape_vec(shape, v).map_err(|e| to_py(py, Error::Internal(e.to_string())))?;
            Ok(a.into_pyarray(py).unbind())
        };
        let (mut shard, mut line, mut offset, mut n_tokens) =
            (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
        let mut ids = Vec::with_capacity(n);
        let mut has_key = Vec::with_capacity(n);
        let mut raw = Vec::with_capacity(n);
        let mut doc_windows = Vec::with_capacity(n);
        let mut doc_tokens = Vec::with_capacity(n);
        let width = b.docs.first().map_or(0, |d| d.cheap.len());
        let mut cheap = Vec::with_capacity(n * width);
        for d in b.docs {
            doc_windows.push(d.windows_total);
            doc_tokens.push(d.doc_tokens);
            cheap.extend_from_slice(&d.cheap);
            shard.push(d.shard);
            line.push(d.line);
            offset.push(d.offset);
            n_tokens.push(d.n_tokens);
            ids.push(d.id);
            has_key.push(d.has_key);
            raw.push(d.raw);
        }
        let quarantined =
            b.quarantined.into_iter().map(|q| Py::new(py, quarantine(shards, q))).collect::<PyResult<_>>()?;
        Ok(PyBatch {
            input_ids: matrix(b.input_ids)?,
            attention_mask: matrix(b.attention_mask)?,
            shard: shard.into_pyarray(py).unbind(),
            line: line.into_pyarray(py).unbind(),
            offset: offset.into_pyarray(py).unbind(),
            n_tokens: n_tokens.into_pyarray(py).unbind(),
            doc_tokens: doc_tokens.into_pyarray(py).unbind(),
            row_doc: b.row_doc.into_pyarray(py).unbind(),
            row_start: b.row_start.into_pyarray(py).unbind(),
            row_end: b.row_end.into_pyarray(py).unbind(),
            raw_len: raw.iter().map(|r| r.len() as u64).collect::<Vec<_>>().into_pyarray(py).unbind(),
            doc_windows: doc_windows.into_pyarray(py).unbind(),
            cheap: Array2::from_shape_vec((n, width), cheap)
                .map_err(|e| to_py(py, Error::Internal(e.to_string())))?
                .into_pyarray(py)
                .unbind(),
            ids,
            has_key: has_key.into_pyarray(py).unbind(),
            probe_key,
            raw,
            quarantined,
            shards_done: b.shards_done,
        })
    }
}

#[pymethods]
impl PyBatch {
    fn __len__(&self) -> usize {
        self.raw.len()
    }

    /// The original JSON line of document `i`, as bytes.
    fn raw<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, PyBytes>> {
        match self.raw.get(i) {
            Some(r) => Ok(PyBytes::new(py, r)),
            None => Err(pyo3::exceptions::PyIndexError::new_err(format!("document {i} of a batch of {}", self.raw.len()))),
        }
    }

    #[getter]
    fn raws<'py>(&self, py: Python<'py>) -> Vec<Bound<'py, PyBytes>> {
        self.raw.iter().map(|r| PyBytes::new(py, r)).collect()
    }

    #[getter]
    fn quarantined(&self, py: Python<'_>) -> Vec<Py<PyQuarantine>> {
        self.quarantined.iter().map(|q| q.clone_ref(py)).collect()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let shape = self.input_ids.bind(py).shape().to_vec();
        format!(
            "Batch(docs={}, rows={}, seq_len={}, quarantined={})",
            self.raw.len(),
            shape[0],
            shape[1],
            self.quarantined.len()
        )
    }
}

#[pyclass(module = "curafilter._core", name = "Stream")]
struct PyStream {
    inner: Option<Stream>,
    shards: Arc<[PathBuf]>,
    probe_key: Option<String>,
}

#[pymethods]
impl PyStream {
    #[new]
    #[pyo3(signature = (paths, tokenizer, *, max_length=256, windows=1, overlap=0, cheap=None, cascade=false,
                        batch_tokens=16384, pad_multiple=1, max_batch=256, sort_window=4096, threads=0, resolved=false,
                        text_key="text".to_string(), id_key=None, probe_key=None, max_line_bytes=64<<20, chunk_bytes=1<<20))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        paths: Vec<PathBuf>,
        tokenizer: Option<PathBuf>,
        max_length: usize,
        windows: usize,
        overlap: usize,
        cheap: Option<PyRef<'_, PyCheapStage>>,
        cascade: bool,
        batch_tokens: usize,
        pad_multiple: usize,
        max_batch: usize,
        sort_window: usize,
        threads: usize,
        resolved: bool,
        text_key: String,
        id_key: Option<String>,
        probe_key: Option<String>,
        max_line_bytes: usize,
        chunk_bytes: usize,
    ) -> PyResult<Self> {
        let cfg = StreamConfig {
            text_key,
            id_key,
            probe_key: probe_key.clone(),
            max_length,
            windows,
            overlap,
            cheap: cheap.map(|c| c.inner.clone()),
            cascade,
            batch_tokens,
            pad_multiple,
            max_batch,
            sort_window,
            threads,
            max_line_bytes,
            chunk_bytes,
        };
        let stream = py
            .allow_threads(|| {
                if resolved {
                    Stream::open_shards(paths, tokenizer.as_deref(), cfg)
                } else {
                    Stream::open(&paths, tokenizer.as_deref(), cfg)
                }
            })
            .map_err(|e| to_py(py, e))?;
        let shards: Arc<[PathBuf]> = stream.shards().into();
        Ok(PyStream { inner: Some(stream), shards, probe_key })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<PyBatch>> {
        loop {
            let Some(stream) = self.inner.as_mut() else { return Ok(None) };
            match py.allow_threads(|| stream.next_timeout(Duration::from_millis(100))) {
                Ok(Next::Batch(b)) => return PyBatch::new(py, b, &self.shards, self.probe_key.clone()).map(Some),
                Ok(Next::End) => return Ok(None),
                Ok(Next::Pending) => {
                    if let Err(interrupt) = py.check_signals() {
                        self.close(py);
                        return Err(interrupt);
                    }
                }
                Err(e) => return Err(to_py(py, e)),
            }
        }
    }

    /// Stop the background threads and wait for them. Iteration then ends.
    fn close(&mut self, py: Python<'_>) {
        if let Some(mut s) = self.inner.take() {
            py.allow_threads(|| s.close());
        }
    }

    fn __enter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(&mut self, py: Python<'_>, _args: &Bound<'_, pyo3::types::PyTuple>) -> bool {
        self.close(py);
        false
    }

    /// Input shards in reading order.
    #[getter]
    fn shards(&self) -> Vec<String> {
        self.shards.iter().map(|p| p.display().to_string()).collect()
    }

    /// Running totals: bytes_read, bytes_decoded and lines run slightly ahead of the batches
    /// delivered; docs, tokens, quarantined, batches and shards_done count what was delivered.
    #[getter]
    fn counters<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        if let Some(s) = &self.inner {
            let c = s.counters();
            for (k, v) in [
                ("bytes_read", c.bytes_read),
                ("bytes_decoded", c.bytes_decoded),
                ("lines", c.lines),
                ("docs", c.docs),
                ("tokens", c.tokens),
                ("quarantined", c.quarantined),
                ("batches", c.batches),
                ("shards_done", c.shards_done),
            ] {
                d.set_item(k, v)?;
            }
        }
        Ok(d)
    }
}

/// A loaded tokenizer, for scoring in-memory texts with the same truncation as streams.
#[pyclass(module = "curafilter._core", name = "Tokenizer", frozen)]
struct PyTokenizer {
    encoder: Arc<Encoder>,
}

#[pymethods]
impl PyTokenizer {
    #[new]
    #[pyo3(signature = (path, *, max_length=256, windows=1, overlap=0, cheap=None, cascade=false))]
    fn new(
        py: Python<'_>,
        path: PathBuf,
        max_length: usize,
        windows: usize,
        overlap: usize,
        cheap: Option<PyRef<'_, PyCheapStage>>,
        cascade: bool,
    ) -> PyResult<Self> {
        let cheap = cheap.map(|c| c.inner.clone());
        let encoder = py
            .allow_threads(|| Ok::<_, Error>(Encoder::from_file(&path, max_length)?.with_windows(windows, overlap)?.with_cheap(cheap, cascade)))
            .map_err(|e| to_py(py, e))?;
        Ok(PyTokenizer { encoder: Arc::new(encoder) })
    }

    #[getter]
    fn max_length(&self) -> usize {
        self.encoder.max_length()
    }

    #[getter]
    fn windows(&self) -> usize {
        self.encoder.windows()
    }

    #[getter]
    fn overlap(&self) -> usize {
        self.encoder.overlap()
    }

    #[getter]
    fn cascade(&self) -> bool {
        self.encoder.cascade()
    }

    /// Special tokens before and after the text in every window (1 and 1 for BERT's [CLS], [SEP]).
    #[getter]
    fn specials(&self) -> (usize, usize) {
        self.encoder.specials()
    }

    /// Length-sorted batches over `texts`; each document's `line` is its index in `texts`.
    #[pyo3(signature = (texts, *, batch_tokens=16384, max_batch=256, threads=0, pad_multiple=1))]
    fn encode_batches(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        batch_tokens: usize,
        max_batch: usize,
        threads: usize,
        pad_multiple: usize,
    ) -> PyResult<Vec<PyBatch>> {
        let e = &self.encoder;
        let cfg = StreamConfig {
            max_length: e.max_length(),
            windows: e.windows(),
            overlap: e.overlap(),
            batch_tokens,
            pad_multiple,
            max_batch,
            threads,
            ..Default::default()
        };
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let batches = py.allow_threads(|| batch_texts(&refs, &self.encoder, &cfg)).map_err(|e| to_py(py, e))?;
        batches.into_iter().map(|b| PyBatch::new(py, b, &[], None)).collect()
    }
}

/// Writers for one input shard's outputs (`root/<route>/<name>`, zstd JSONL, renamed into place
/// by `finish`). Dropping it unfinished removes its temporary files.
#[pyclass(module = "curafilter._core", name = "ShardOutputs")]
struct PyShardOutputs {
    inner: Option<BackgroundOutputs>,
}

impl PyShardOutputs {
    fn get(&mut self) -> PyResult<&mut BackgroundOutputs> {
        self.inner.as_mut().ok_or_else(|| pyo3::exceptions::PyValueError::new_err("outputs already finished"))
    }
}

#[pymethods]
impl PyShardOutputs {
    #[new]
    #[pyo3(signature = (root, name, *, level=3, workers=0))]
    fn new(py: Python<'_>, root: PathBuf, name: String, level: i32, workers: u32) -> PyResult<Self> {
        let inner = BackgroundOutputs::new(&root, &name, Zstd { level, workers }).map_err(|e| to_py(py, e))?;
        Ok(PyShardOutputs { inner: Some(inner) })
    }

    /// Write each document of `batch` to its route: the original line with `members[i]` (bytes
    /// such as `"curafilter":{...}`) appended to the object; `replace[i]`, when given, stands in
    /// for the original line. An empty route skips the document (the caller wrote it elsewhere).
    #[pyo3(signature = (batch, routes, members, replace=None))]
    fn write_batch(
        &mut self,
        py: Python<'_>,
        batch: PyRef<'_, PyBatch>,
        routes: Vec<String>,
        members: Vec<Vec<u8>>,
        replace: Option<std::collections::HashMap<usize, Vec<u8>>>,
    ) -> PyResult<()> {
        let n = batch.raw.len();
        if routes.len() != n || members.len() != n {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "batch has {n} documents but {} routes and {} members were given",
                routes.len(),
                members.len()
            )));
        }
        let out = self.get()?;
        let replace = replace.unwrap_or_default();
        let raws = &batch.raw;
        py.allow_threads(|| {
            let mut lines = Vec::with_capacity(n);
            for (i, route) in routes.into_iter().enumerate().filter(|(_, r)| !r.is_empty()) {
                let raw = replace.get(&i).map(Vec::as_slice).unwrap_or(&raws[i]);
                let (head, sep) = object_head(raw)
                    .ok_or_else(|| Error::Internal(format!("document {i} is not a JSON object")))?;
                lines.push((route, [head, sep, &members[i], b"}"].concat()));
            }
            out.send(lines)
        })
        .map_err(|e| to_py(py, e))
    }

    /// Write whole lines (quarantine records, score rows) to `route`.
    fn write_lines(&mut self, py: Python<'_>, route: &str, lines: Vec<Vec<u8>>) -> PyResult<()> {
        let out = self.get()?;
        let lines = lines.into_iter().map(|l| (route.to_string(), l)).collect();
        py.allow_threads(|| out.send(lines)).map_err(|e| to_py(py, e))
    }

    /// Put every file in place; returns the lines written per route.
    fn finish(&mut self, py: Python<'_>) -> PyResult<std::collections::BTreeMap<String, u64>> {
        let out = self.inner.take().ok_or_else(|| pyo3::exceptions::PyValueError::new_err("outputs already finished"))?;
        py.allow_threads(|| out.finish()).map_err(|e| to_py(py, e))
    }

    /// Drop everything written so far.
    fn abort(&mut self) {
        self.inner = None;
    }
}

/// The cascade's cheap stage (see `rust/cheap.rs`): hashed token uni- and bigram features and a
/// linear model per principle.
#[pyclass(module = "curafilter._core", name = "CheapStage", frozen)]
struct PyCheapStage {
    inner: Arc<Cheap>,
}

#[pymethods]
impl PyCheapStage {
    #[new]
    fn new(py: Python<'_>, bits: u32, weights: numpy::PyReadonlyArray2<'_, f32>, bias: Vec<f32>, cut: Vec<f32>) -> PyResult<Self> {
        let weights = weights.as_array().iter().copied().collect();
        let inner = Cheap::new(bits, weights, bias, cut).map_err(|e| to_py(py, e))?;
        Ok(PyCheapStage { inner: Arc::new(inner) })
    }

    #[getter]
    fn bits(&self) -> u32 {
        self.inner.bits()
    }

    /// Logits per principle for one window's content tokens (special tokens left out).
    fn score<'py>(&self, py: Python<'py>, tokens: Vec<u32>) -> Bound<'py, PyArray1<f32>> {
        let mut out = vec![0.0; self.inner.principles()];
        self.inner.score(&tokens, &mut Vec::new(), &mut out);
        out.into_pyarray(py)
    }
}

/// Cheap-stage features of every row of a batch's `input_ids` (its attended tokens, less
/// `specials` = (before, after) special tokens): CSR `indptr` (int64, rows + 1) and `indices`
/// (uint32), for fitting a cheap stage on the same features the stream computes.
#[pyfunction]
fn cheap_features<'py>(
    py: Python<'py>,
    input_ids: numpy::PyReadonlyArray2<'py, i64>,
    attention_mask: numpy::PyReadonlyArray2<'py, i64>,
    specials: (usize, usize),
    bits: u32,
) -> PyResult<(Bound<'py, PyArray1<i64>>, Bound<'py, PyArray1<u32>>)> {
    if !(8..=24).contains(&bits) {
        return Err(to_py(py, Error::Config { name: "bits", msg: format!("must be 8..=24, got {bits}") }));
    }
    let (ids, mask) = (input_ids.as_array(), attention_mask.as_array());
    if ids.shape() != mask.shape() {
        return Err(to_py(py, Error::Config { name: "attention_mask", msg: "shape differs from input_ids'".into() }));
    }
    let (mut indptr, mut indices, mut scratch, mut row) = (vec![0i64], Vec::new(), Vec::new(), Vec::new());
    for (r, m) in ids.outer_iter().zip(mask.outer_iter()) {
        let n = m.iter().filter(|&&x| x != 0).count();
        row.clear();
        row.extend(r.iter().take(n).map(|&t| t as u32));
        let content = if n >= specials.0 + specials.1 { &row[specials.0..n - specials.1] } else { &row[..0] };
        cheap::features(content, bits, &mut scratch);
        indices.extend_from_slice(&scratch);
        indptr.push(indices.len() as i64);
    }
    Ok((indptr.into_pyarray(py), indices.into_pyarray(py)))
}

/// Whether the stream reads `path` as Parquet (a regular file starting with the Parquet magic):
/// writers pick Parquet route files by the same test, so the two never disagree.
#[pyfunction]
fn is_parquet(path: PathBuf) -> bool {
    crate::format::is_parquet(&path)
}

/// Shard paths for inputs (files, directories, globs), in the order a stream reads them.
#[pyfunction]
fn resolve_inputs(py: Python<'_>, paths: Vec<PathBuf>) -> PyResult<Vec<String>> {
    let found = crate::input::resolve(&paths).map_err(|e| to_py(py, e))?;
    Ok(found.iter().map(|p| p.display().to_string()).collect())
}

/// Read, decompress and split the shards' lines without parsing them (a benchmark stage).
/// Returns lines (non-blank), bytes read from disk and bytes decoded.
#[pyfunction]
#[pyo3(signature = (paths, *, max_line_bytes=64<<20))]
fn scan_lines(py: Python<'_>, paths: Vec<PathBuf>, max_line_bytes: usize) -> PyResult<(u64, u64, u64)> {
    let shards = crate::input::resolve(&paths).map_err(|e| to_py(py, e))?;
    Ok(py.allow_threads(|| {
        let mut totals = (0, 0, 0);
        for (i, path) in shards.iter().enumerate() {
            let t = crate::reader::read_shard(i as u32, path, max_line_bytes, &mut |_| {}, &mut |_| true);
            totals = (totals.0 + t.lines, totals.1 + t.bytes_read, totals.2 + t.bytes_decoded);
        }
        totals
    }))
}

/// Stable codes of every quarantine reason.
#[pyfunction]
fn quarantine_reasons() -> Vec<&'static str> {
    Reason::ALL.iter().map(|r| r.as_str()).collect()
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyStream>()?;
    m.add_class::<PyBatch>()?;
    m.add_class::<PyQuarantine>()?;
    m.add_class::<PyTokenizer>()?;
    m.add_class::<PyShardOutputs>()?;
    m.add_class::<PyCheapStage>()?;
    m.add_function(wrap_pyfunction!(cheap_features, m)?)?;
    m.add_function(wrap_pyfunction!(quarantine_reasons, m)?)?;
    m.add_function(wrap_pyfunction!(resolve_inputs, m)?)?;
    m.add_function(wrap_pyfunction!(is_parquet, m)?)?;
    m.add_function(wrap_pyfunction!(scan_lines, m)?)?;
    m.add("OUTPUT_MARKER", crate::input::OUTPUT_MARKER)?;
    Ok(())
}
