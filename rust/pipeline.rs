//! The threaded stream: one reader, N tokeniser workers, one batcher, joined by bounded channels.
//!
//! ```text
//! reader ──chunks(seq)──► workers (parse + tokenise) ──► batcher (reorder by seq, sort, cut) ──► consumer
//! ```
//! Chunks carry a sequence number and the batcher restores their order, so the documents and
//! their tokens are identical whatever the thread count. Every channel is bounded: a slow consumer
//! stalls the readers instead of filling memory. Dropping the consumer's receiver (see
//! [`Stream::close`]) makes every send fail, and each thread exits at its next send.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crossbeam_channel::{bounded, Receiver, RecvTimeoutError, Sender};

use crate::batch::{Batch, BatchConfig, Batcher, Doc};
use crate::error::{Error, Result};
use crate::quarantine::{Quarantine, Reason};
use crate::reader::{read_shard, Event};
use crate::parquet_shard::{read_parquet, RowEvent};
use crate::record::{Extracted, Extractor, FieldPath};
use crate::cheap::Cheap;
use crate::tokenize::{Encoded, Encoder};

#[derive(Debug, Clone)]
pub struct StreamConfig {
    pub text_key: String,
    pub id_key: Option<String>,
    /// A top-level key whose presence each document reports (`DocInfo::has_key`): a run's output
    /// field, which a document must not already have.
    pub probe_key: Option<String>,
    pub max_length: usize,
    /// Token windows scored per document (1: the head only), each overlapping the previous by
    /// `overlap` tokens.
    pub windows: usize,
    pub overlap: usize,
    /// The cascade's cheap stage, run on every window; with `cascade`, only the windows it
    /// escalates are batched (see [`crate::cheap`]).
    pub cheap: Option<Arc<Cheap>>,
    pub cascade: bool,
    /// Upper bound on `rows × padded length` per batch (a row is one token window).
    pub batch_tokens: usize,
    /// Pad batches to a multiple of this many tokens (see [`BatchConfig::pad_multiple`]).
    pub pad_multiple: usize,
    pub max_batch: usize,
    /// Documents sorted by length together (see [`crate::batch`]).
    pub sort_window: usize,
    /// Tokeniser threads; 0 means one per available core.
    pub threads: usize,
    /// Lines longer than this are quarantined, never buffered.
    pub max_line_bytes: usize,
    /// Decoded bytes per chunk handed to a worker.
    pub chunk_bytes: usize,
}

impl Default for StreamConfig {
    fn default() -> Self {
        StreamConfig {
            text_key: "text".into(),
            id_key: None,
            probe_key: None,
            max_length: 256,
            windows: 1,
            overlap: 0,
            cheap: None,
            cascade: false,
            batch_tokens: 16384,
            pad_multiple: 1,
            max_batch: 256,
            sort_window: 4096,
            threads: 0,
            max_line_bytes: 64 << 20,
            chunk_bytes: 1 << 20,
        }
    }
}

impl StreamConfig {
    fn validate(&self) -> Result<(Extractor, usize)> {
        let positive = |name: &'static str, v: usize| {
            if v == 0 {
                Err(Error::Config { name, msg: "must be positive".into() })
            } else {
                Ok(())
            }
        };
        positive("batch_tokens", self.batch_tokens)?;
        positive("max_batch", self.max_batch)?;
        positive("sort_window", self.sort_window)?;
        positive("max_line_bytes", self.max_line_bytes)?;
        positive("chunk_bytes", self.chunk_bytes)?;
        let path = |name, key: &str| {
            FieldPath::parse(key).ok_or_else(|| Error::Config { name, msg: format!("{key:?} is not a dotted field path") })
        };
        let text = path("text_key", &self.text_key)?;
        let id = self.id_key.as_deref().map(|k| path("id_key", k)).transpose()?;
        let threads = match self.threads {
            0 => std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            n => n,
        };
        Ok((Extractor::new(text, id).with_probe(self.probe_key.clone()), threads))
    }
}

/// Live totals. Read-side figures run slightly ahead of what the consumer has received.
#[derive(Debug, Default)]
pub struct Counters {
    pub bytes_read: AtomicU64,
    pub bytes_decoded: AtomicU64,
    pub lines: AtomicU64,
    pub docs: AtomicU64,
    pub tokens: AtomicU64,
    pub quarantined: AtomicU64,
    pub batches: AtomicU64,
    pub shards_done: AtomicU64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CountersSnapshot {
    pub bytes_read: u64,
    pub bytes_decoded: u64,
    pub lines: u64,
    pub docs: u64,
    pub tokens: u64,
    pub quarantined: u64,
    pub batches: u64,
    pub shards_done: u64,
}

impl Counters {
    pub fn snapshot(&self) -> CountersSnapshot {
        CountersSnapshot {
            bytes_read: self.bytes_read.load(Relaxed),
            bytes_decoded: self.bytes_decoded.load(Relaxed),
            lines: self.lines.load(Relaxed),
            docs: self.docs.load(Relaxed),
            tokens: self.tokens.load(Relaxed),
            quarantined: self.quarantined.load(Relaxed),
            batches: self.batches.load(Relaxed),
            shards_done: self.shards_done.load(Relaxed),
        }
    }
}

enum RawItem {
    Line { line: u64, offset: u64, bytes: Vec<u8> },
    /// A Parquet row, its text already taken out; `raw` is the row as a JSON object.
    Record { line: u64, offset: u64, rec: Extracted, raw: Vec<u8> },
    Bad(Quarantine),
}

enum DoneItem {
    Doc(Doc),
    Bad(Quarantine),
}

struct Chunk<T> {
    seq: u64,
    shard: u32,
    items: Vec<T>,
    /// The last chunk of its shard.
    shard_end: bool,
    /// The last chunk of the stream.
    last: bool,
}

pub enum Next {
    Batch(Batch),
    /// Nothing arrived within the timeout; ask again.
    Pending,
    End,
}

pub struct Stream {
    rx: Option<Receiver<Result<Batch>>>,
    handles: Vec<JoinHandle<()>>,
    stop: Arc<AtomicBool>,
    counters: Arc<Counters>,
    shards: Arc<[PathBuf]>,
}

impl Stream {
    /// Resolve `inputs` (files, directories, globs), load the tokenizer and start the threads.
    /// Without a tokenizer, documents are parsed but not tokenised (for re-routing saved scores).
    pub fn open(inputs: &[impl AsRef<Path>], tokenizer: Option<&Path>, cfg: StreamConfig) -> Result<Stream> {
        Stream::open_shards(crate::input::resolve(inputs)?, tokenizer, cfg)
    }

    /// [`Stream::open`] for shard paths already resolved (read each as given, never walked again:
    /// an entry a walk found broken is then quarantined by the reader).
    pub fn open_shards(shards: Vec<PathBuf>, tokenizer: Option<&Path>, cfg: StreamConfig) -> Result<Stream> {
        let encoder = tokenizer
            .map(|t| {
                Ok::<_, Error>(
                    Encoder::from_file(t, cfg.max_length)?
                        .with_windows(cfg.windows, cfg.overlap)?
                        .with_cheap(cfg.cheap.clone(), cfg.cascade),
                )
            })
            .transpose()?;
        Stream::start(shards, encoder.map(Arc::new), cfg)
    }

    pub fn start(shards: Vec<PathBuf>, encoder: Option<Arc<Encoder>>, cfg: StreamConfig) -> Result<Stream> {
        if let Some(e) = &encoder {
            for (name, ours, theirs) in [
                ("max_length", cfg.max_length, e.max_length()),
                ("windows", cfg.windows, e.windows()),
                ("overlap", cfg.overlap, e.overlap()),
            ] {
                if ours != theirs {
                    return Err(Error::Config { name, msg: format!("{ours} differs from the encoder's {theirs}") });
                }
            }
        }
        let (extractor, threads) = cfg.validate()?;
        let shards: Arc<[PathBuf]> = shards.into();
        let stop = Arc::new(AtomicBool::new(false));
        let counters = Arc::new(Counters::default());
        // Enough chunks in flight to keep every worker busy, few enough to bound memory.
        let (raw_tx, raw_rx) = bounded::<Chunk<RawItem>>(threads * 2);
        let (done_tx, done_rx) = bounded::<Chunk<DoneItem>>(threads * 2);
        let (batch_tx, batch_rx) = bounded::<Result<Batch>>(4);
        let mut handles = Vec::new();

        let spawn = |name: String, f: Box<dyn FnOnce() + Send>| {
            std::thread::Builder::new().name(name).spawn(f).map_err(|e| Error::Internal(format!("cannot start thread: {e}")))
        };
        {
            let (shards, stop, counters, cfg, ex) = (shards.clone(), stop.clone(), counters.clone(), cfg.clone(), extractor.clone());
            handles.push(spawn("curafilter-read".into(), Box::new(move || read_all(&shards, &cfg, &ex, &stop, &counters, raw_tx)))?);
        }
        for i in 0..threads {
            let (rx, tx, enc, ex) = (raw_rx.clone(), done_tx.clone(), encoder.clone(), extractor.clone());
            handles.push(spawn(format!("curafilter-tok-{i}"), Box::new(move || tokenize_chunks(rx, tx, &enc, &ex)))?);
        }
        drop((raw_rx, done_tx));
        {
            let bcfg = BatchConfig {
                batch_tokens: cfg.batch_tokens,
                max_batch: cfg.max_batch,
                window: cfg.sort_window,
                pad_id: encoder.as_ref().map_or(0, |e| e.pad_id()),
                pad_multiple: cfg.pad_multiple,
                max_seq: cfg.max_length,
            };
            handles.push(spawn("curafilter-batch".into(), Box::new(move || batch_in_order(done_rx, batch_tx, bcfg)))?);
        }
        Ok(Stream { rx: Some(batch_rx), handles, stop, counters, shards })
    }

    pub fn shards(&self) -> &[PathBuf] {
        &self.shards
    }

    pub fn counters(&self) -> CountersSnapshot {
        self.counters.snapshot()
    }

    /// Wait up to `timeout` for the next batch. Callers that must stay responsive (to Ctrl-C, say)
    /// poll with a short timeout.
    pub fn next_timeout(&mut self, timeout: Duration) -> Result<Next> {
        let Some(rx) = &self.rx else { return Ok(Next::End) };
        match rx.recv_timeout(timeout) {
            Ok(Ok(batch)) => {
                let c = &self.counters;
                c.docs.fetch_add(batch.docs.len() as u64, Relaxed);
                c.tokens.fetch_add(batch.docs.iter().map(|d| d.n_tokens as u64).sum(), Relaxed);
                c.quarantined.fetch_add(batch.quarantined.len() as u64, Relaxed);
                c.shards_done.fetch_add(batch.shards_done.len() as u64, Relaxed);
                c.batches.fetch_add(1, Relaxed);
                Ok(Next::Batch(batch))
            }
            Ok(Err(e)) => {
                self.close();
                Err(e)
            }
            Err(RecvTimeoutError::Timeout) => Ok(Next::Pending),
            Err(RecvTimeoutError::Disconnected) => {
                self.close();
                Ok(Next::End)
            }
        }
    }

    /// Stop the threads and wait for them. Safe to call more than once.
    pub fn close(&mut self) {
        self.stop.store(true, Relaxed);
        self.rx = None;
        for h in self.handles.drain(..) {
            let _ = h.join();
        }
    }
}

impl Iterator for Stream {
    type Item = Result<Batch>;
    fn next(&mut self) -> Option<Result<Batch>> {
        loop {
            match self.next_timeout(Duration::from_secs(3600)) {
                Ok(Next::Batch(b)) => return Some(Ok(b)),
                Ok(Next::Pending) => continue,
                Ok(Next::End) => return None,
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        self.close();
    }
}

/// Tokenise in-memory texts into batches, sorted and cut like a stream's. Each document's `line`
/// is its index in `texts`, so callers can restore input order. Empty texts are encoded as they
/// are (special tokens only): callers scoring a list want one row per input.
pub fn batch_texts(texts: &[&str], encoder: &Encoder, cfg: &StreamConfig) -> Result<Vec<Batch>> {
    let (_, threads) = cfg.validate()?;
    let per = texts.len().div_ceil(threads.max(1)).max(1);
    let encoded: Vec<std::result::Result<Encoded, String>> = std::thread::scope(|scope| {
        let parts: Vec<_> = texts
            .chunks(per)
            .map(|part| scope.spawn(move || part.iter().map(|t| encoder.encode(t)).collect::<Vec<_>>()))
            .collect();
        parts.into_iter().flat_map(|h| h.join().expect("tokeniser thread panicked")).collect()
    });
    let mut batcher = Batcher::new(BatchConfig {
        batch_tokens: cfg.batch_tokens,
        max_batch: cfg.max_batch,
        window: texts.len().max(1),
        pad_id: encoder.pad_id(),
        pad_multiple: cfg.pad_multiple,
        max_seq: encoder.max_length(),
    });
    let mut out = Vec::new();
    for (i, enc) in encoded.into_iter().enumerate() {
        let enc = enc.map_err(|msg| Error::Internal(format!("tokenizer failed on text {i}: {msg}")))?;
        batcher.push(Doc::new(0, i as u64, 0, None, false, Vec::new(), enc), &mut out);
    }
    batcher.end_shard(0, &mut out);
    out.retain(|b| !b.is_empty());
    for b in &mut out {
        b.shards_done.clear();
    }
    Ok(out)
}

fn read_all(shards: &[PathBuf], cfg: &StreamConfig, ex: &Extractor, stop: &AtomicBool, counters: &Counters, tx: Sender<Chunk<RawItem>>) {
    let mut seq = 0u64;
    let mut send = |shard: u32, items: Vec<RawItem>, shard_end: bool, last: bool| -> bool {
        let ok = !stop.load(Relaxed) && tx.send(Chunk { seq, shard, items, shard_end, last }).is_ok();
        seq += 1;
        ok
    };
    for (i, path) in shards.iter().enumerate() {
        let shard = i as u32;
        let mut items = Vec::new();
        let mut bytes = 0usize;
        let mut alive = true;
        let mut reported = 0u64;
        let mut progress = |read: u64| {
            counters.bytes_read.fetch_add(read - reported, Relaxed);
            reported = read;
        };
        let mut push = |item: RawItem, size: usize| {
            bytes += size;
            items.push(item);
            counters.lines.fetch_add(1, Relaxed);
            if bytes >= cfg.chunk_bytes {
                bytes = 0;
                alive = send(shard, std::mem::take(&mut items), false, false);
            }
            alive
        };
        let totals = if crate::format::is_parquet(path) {
            read_parquet(shard, path, ex.text_path(), ex.id_path(), ex.probe(), &mut progress, &mut |ev| match ev {
                RowEvent::Row { line, offset, rec, raw } => {
                    let size = raw.len();
                    push(RawItem::Record { line, offset, rec, raw }, size)
                }
                RowEvent::Bad(q) => push(RawItem::Bad(q), 0),
            })
        } else {
            read_shard(shard, path, cfg.max_line_bytes, &mut progress, &mut |ev| match ev {
                Event::Line { number, offset, bytes: b } => push(RawItem::Line { line: number, offset, bytes: b.to_vec() }, b.len()),
                Event::Bad(q) => push(RawItem::Bad(q), 0),
            })
        };
        if !alive {
            return;
        }
        counters.bytes_decoded.fetch_add(totals.bytes_decoded, Relaxed);
        if !send(shard, items, true, false) {
            return;
        }
    }
    send(0, Vec::new(), false, true);
}

fn tokenize_chunks(rx: Receiver<Chunk<RawItem>>, tx: Sender<Chunk<DoneItem>>, enc: &Option<Arc<Encoder>>, ex: &Extractor) {
    for chunk in rx {
        let items = chunk
            .items
            .into_iter()
            .map(|item| match item {
                RawItem::Bad(q) => DoneItem::Bad(q),
                RawItem::Line { line, offset, bytes } => match ex.extract(&bytes) {
                    Err((reason, detail)) => DoneItem::Bad(Quarantine { shard: chunk.shard, line, offset, reason, detail }),
                    Ok(rec) => encode(chunk.shard, line, offset, rec, bytes, enc),
                },
                RawItem::Record { line, offset, rec, raw } => encode(chunk.shard, line, offset, rec, raw, enc),
            })
            .collect();
        let out = Chunk { seq: chunk.seq, shard: chunk.shard, items, shard_end: chunk.shard_end, last: chunk.last };
        if tx.send(out).is_err() {
            return;
        }
    }
}

fn encode(shard: u32, line: u64, offset: u64, rec: Extracted, raw: Vec<u8>, enc: &Option<Arc<Encoder>>) -> DoneItem {
    match enc.as_ref().map_or_else(|| Ok(Encoded::untokenised()), |e| e.encode(&rec.text)) {
        Ok(encoded) => DoneItem::Doc(Doc::new(shard, line, offset, rec.id, rec.has_key, raw, encoded)),
        Err(detail) => DoneItem::Bad(Quarantine { shard, line, offset, reason: Reason::TokenizeFailed, detail }),
    }
}

fn batch_in_order(rx: Receiver<Chunk<DoneItem>>, tx: Sender<Result<Batch>>, cfg: BatchConfig) {
    let mut batcher = Batcher::new(cfg);
    let mut waiting = BTreeMap::new();
    let mut next_seq = 0u64;
    let mut out = Vec::new();
    for chunk in rx.iter() {
        waiting.insert(chunk.seq, chunk);
        while let Some(chunk) = waiting.remove(&next_seq) {
            next_seq += 1;
            if chunk.last {
                return;
            }
            for item in chunk.items {
                match item {
                    DoneItem::Doc(doc) => batcher.push(doc, &mut out),
                    DoneItem::Bad(q) => batcher.quarantine(q),
                }
            }
            if chunk.shard_end {
                batcher.end_shard(chunk.shard, &mut out);
            }
            for batch in out.drain(..) {
                if tx.send(Ok(batch)).is_err() {
                    return;
                }
            }
        }
    }
    // The workers hung up before the last chunk: one of them died. Say so rather than end quietly
    // with documents missing.
    let _ = tx.send(Err(Error::Internal("a tokeniser thread stopped before the end of the input".into())));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tests::tiny;

    fn write(dir: &Path, name: &str, data: &[u8]) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, data).unwrap();
        p
    }

    fn run(shards: Vec<PathBuf>, cfg: StreamConfig) -> (Vec<(u32, u64, Vec<u32>)>, Vec<Quarantine>, Vec<u32>) {
        let enc = Encoder::from_json(tiny(), cfg.max_length).unwrap().with_windows(cfg.windows, cfg.overlap).unwrap();
        let enc = Some(Arc::new(enc));
        let mut docs = Vec::new();
        let mut bad = Vec::new();
        let mut done = Vec::new();
        for batch in Stream::start(shards, enc, cfg).unwrap() {
            let batch = batch.unwrap();
            for (i, d) in batch.docs.iter().enumerate() {
                // The document's tokens, its windows' rows concatenated without padding.
                let ids: Vec<u32> = (0..batch.row_doc.len())
                    .filter(|&r| batch.row_doc[r] == i as u32)
                    .flat_map(|r| {
                        let row = &batch.input_ids[r * batch.seq_len..][..batch.seq_len];
                        let mask = &batch.attention_mask[r * batch.seq_len..][..batch.seq_len];
                        row.iter().zip(mask).filter(|(_, &m)| m == 1).map(|(&t, _)| t as u32).collect::<Vec<_>>()
                    })
                    .collect();
                assert_eq!(ids.len(), d.n_tokens as usize);
                docs.push((d.shard, d.line, ids));
            }
            bad.extend(batch.quarantined);
            done.extend(batch.shards_done);
        }
        (docs, bad, done)
    }

    fn corpus(dir: &Path) -> Vec<PathBuf> {
        let mut shards = Vec::new();
        for s in 0..4 {
            let mut data = String::new();
            for i in 0..(150 * s + 3) {
                let words = "the word alpha beta gamma ".repeat(i % 40 + 1);
                data.push_str(&format!("{{\"id\":\"{s}-{i}\",\"text\":\"{words}\"}}\n"));
                if i % 17 == 0 {
                    data.push_str("{\"text\": 1}\nnot json\n\n");
                }
            }
            let bytes = if s % 2 == 0 { zstd::encode_all(data.as_bytes(), 1).unwrap() } else { data.into_bytes() };
            shards.push(write(dir, &format!("s{s}.jsonl"), &bytes));
        }
        shards.push(write(dir, "empty.jsonl", b""));
        shards
    }

    #[test]
    fn same_documents_whatever_the_threads_and_all_accounted_for() {
        let tmp = tempfile::tempdir().unwrap();
        let shards = corpus(tmp.path());
        let cfg = cfg_small();
        let (mut one, bad1, done1) = run(shards.clone(), StreamConfig { threads: 1, ..cfg.clone() });
        let (mut four, bad4, done4) = run(shards.clone(), StreamConfig { threads: 4, ..cfg });
        assert_eq!(done1, vec![0, 1, 2, 3, 4]);
        assert_eq!((&bad1, &done1), (&bad4, &done4));
        // Batches come out length-sorted inside windows; the set and the per-doc tokens must match.
        assert_eq!(one, four);
        one.sort();
        four.sort();
        let expected_docs: usize = (0..4).map(|s| 150 * s + 3).sum();
        let expected_bad: usize = (0..4).map(|s| (150 * s + 3 + 16) / 17 * 2).sum();
        assert_eq!(one.len(), expected_docs);
        assert_eq!(bad1.len(), expected_bad);
        assert!(one.iter().all(|(_, _, ids)| ids.len() <= 32 && ids[0] == 2));

        // Windowed: the same documents; each one's first window is its head from above.
        let windowed = StreamConfig { windows: 4, overlap: 5, threads: 2, ..cfg_small() };
        let (mut win, bad_w, _) = run(shards, windowed);
        win.sort();
        assert_eq!(bad_w, bad1);
        assert_eq!(win.len(), one.len());
        for ((s1, l1, head), (s2, l2, all)) in one.iter().zip(&win) {
            assert_eq!((s1, l1), (s2, l2));
            assert_eq!(&all[..head.len()], &head[..]);
            assert!(all.len() <= 4 * 32);
        }
        assert!(win.iter().any(|(_, _, ids)| ids.len() > 32), "long documents get more windows");
    }

    fn cfg_small() -> StreamConfig {
        StreamConfig { max_length: 32, batch_tokens: 300, sort_window: 50, chunk_bytes: 2000, ..Default::default() }
    }

    #[test]
    fn closing_early_joins_threads() {
        let tmp = tempfile::tempdir().unwrap();
        let shards = corpus(tmp.path());
        let enc = Some(Arc::new(Encoder::from_json(tiny(), 16).unwrap()));
        let cfg = StreamConfig { max_length: 16, batch_tokens: 64, sort_window: 8, chunk_bytes: 500, ..Default::default() };
        let mut s = Stream::start(shards, enc, cfg).unwrap();
        assert!(s.next().unwrap().is_ok());
        s.close();
        assert!(s.next().is_none());
    }

    #[test]
    fn texts_batch_with_their_indices() {
        let enc = Encoder::from_json(tiny(), 8).unwrap();
        let texts = ["hello", "the word alpha beta gamma the word", "", "a b"];
        let cfg = StreamConfig { max_length: 8, batch_tokens: 16, threads: 3, ..Default::default() };
        let batches = batch_texts(&texts, &enc, &cfg).unwrap();
        let mut seen: Vec<(u64, u32)> = batches.iter().flat_map(|b| b.docs.iter().map(|d| (d.line, d.n_tokens))).collect();
        seen.sort();
        assert_eq!(seen, vec![(0, 3), (1, 8), (2, 2), (3, 4)]);
        assert!(batch_texts(&[], &enc, &cfg).unwrap().is_empty());
    }

    #[test]
    fn bad_options_are_named() {
        let enc = Some(Arc::new(Encoder::from_json(tiny(), 16).unwrap()));
        let cfg = StreamConfig { max_length: 16, text_key: "a..b".into(), ..Default::default() };
        let err = Stream::start(vec![], enc.clone(), cfg).err().unwrap();
        assert!(err.to_string().contains("text_key"), "{err}");
        let cfg = StreamConfig { max_length: 16, windows: 3, ..Default::default() };
        let err = Stream::start(vec![], enc, cfg).err().unwrap();
        assert!(err.to_string().contains("windows"), "{err}");
    }
}
