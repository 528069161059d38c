//! Length-sorted, token-budget batches.
//!
//! Documents are collected into a sort window, sorted by their longest token window (longest
//! first, ties in arrival order, so the result is deterministic) and cut greedily: a batch grows
//! while `rows × longest ≤ batch_tokens` and `rows ≤ max_batch`, where a document brings one row
//! per token window and all of them ride in the same batch, so a caller can pool a document's
//! scores without waiting for another batch. Each batch is padded only to its own longest row. A
//! shard's documents never share a sort window with the next shard's, so a batch can report the
//! shards it completes.

use crate::quarantine::Quarantine;
use crate::tokenize::{Encoded, Window};

/// A tokenised document and where it came from.
#[derive(Debug, Clone)]
pub struct Doc {
    pub shard: u32,
    /// 1-based line number in the decompressed shard.
    pub line: u64,
    /// Byte offset of the line in the decompressed shard.
    pub offset: u64,
    pub id: Option<String>,
    /// Whether the record has the stream's probe key at its top level (see `StreamConfig::probe_key`).
    pub has_key: bool,
    /// The line's bytes as read (without line ending and BOM), for writers.
    pub raw: Vec<u8>,
    /// The windows to score: at least one (an untokenised document has one empty window), unless
    /// the cascade cleared them all.
    pub windows: Vec<Window>,
    /// Windows the document has, scored or not.
    pub windows_total: u32,
    /// Per principle, the cheap stage's highest window score (empty without a cheap stage).
    pub cheap: Vec<f32>,
    /// See [`Encoded::tokens`].
    pub tokens: u32,
}

impl Doc {
    pub fn new(shard: u32, line: u64, offset: u64, id: Option<String>, has_key: bool, raw: Vec<u8>, enc: Encoded) -> Self {
        Doc { shard, line, offset, id, has_key, raw, windows: enc.windows, windows_total: enc.total, cheap: enc.cheap, tokens: enc.tokens }
    }
}

impl Doc {
    fn longest(&self) -> usize {
        self.windows.iter().map(|w| w.tokens.len()).max().unwrap_or(0)
    }
}

/// What a batch says about each of its documents.
#[derive(Debug, Clone)]
pub struct DocInfo {
    pub shard: u32,
    pub line: u64,
    pub offset: u64,
    pub id: Option<String>,
    pub has_key: bool,
    pub raw: Vec<u8>,
    /// Tokens over all of the document's scored windows.
    pub n_tokens: u32,
    /// Windows the document has, scored or not (see [`Doc::windows_total`]).
    pub windows_total: u32,
    /// See [`Doc::cheap`].
    pub cheap: Vec<f32>,
    /// The whole document's content tokens (see [`Encoded::tokens`]).
    pub doc_tokens: u32,
}

#[derive(Debug, Clone, Default)]
pub struct Batch {
    /// Padded length of every row.
    pub seq_len: usize,
    /// Row-major `[rows, seq_len]`, one row per token window; a document's rows are consecutive.
    pub input_ids: Vec<i64>,
    pub attention_mask: Vec<i64>,
    /// Per row: the index in `docs` of its document, and the character offsets in its text
    /// where the row's window starts and ends.
    pub row_doc: Vec<u32>,
    pub row_start: Vec<u32>,
    pub row_end: Vec<u32>,
    pub docs: Vec<DocInfo>,
    /// Lines quarantined since the previous batch.
    pub quarantined: Vec<Quarantine>,
    /// Shards (by index) all of whose documents and quarantine records have now been delivered.
    pub shards_done: Vec<u32>,
}

impl Batch {
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

#[derive(Debug, Clone, Copy)]
pub struct BatchConfig {
    pub batch_tokens: usize,
    pub max_batch: usize,
    /// Documents sorted together; larger windows pad less but hold more in memory.
    pub window: usize,
    pub pad_id: u32,
    /// Pad each batch's rows to a multiple of this (1: to its longest row), never past `max_seq`
    /// (0: no cap). TensorRT builds an engine per input shape: a few buckets keep that to a few.
    pub pad_multiple: usize,
    pub max_seq: usize,
}

impl BatchConfig {
    /// The padded length of a batch whose longest row is `longest`.
    fn seq_len(&self, longest: usize) -> usize {
        let m = self.pad_multiple.max(1);
        let bucket = longest.div_ceil(m) * m;
        if self.max_seq > 0 { bucket.min(self.max_seq.max(longest)) } else { bucket }
    }
}

pub struct Batcher {
    cfg: BatchConfig,
    window: Vec<Doc>,
    quarantined: Vec<Quarantine>,
    shards_done: Vec<u32>,
}

impl Batcher {
    pub fn new(cfg: BatchConfig) -> Self {
        Batcher { cfg, window: Vec::new(), quarantined: Vec::new(), shards_done: Vec::new() }
    }

    pub fn push(&mut self, doc: Doc, out: &mut Vec<Batch>) {
        self.window.push(doc);
        if self.window.len() >= self.cfg.window {
            self.flush(out);
        }
    }

    pub fn quarantine(&mut self, q: Quarantine) {
        self.quarantined.push(q);
    }

    /// Everything of `shard` has been pushed: flush it and mark it done. A shard with no documents
    /// left to send (empty, or all quarantined) still gets an empty batch carrying its records.
    pub fn end_shard(&mut self, shard: u32, out: &mut Vec<Batch>) {
        self.shards_done.push(shard);
        let before = out.len();
        self.flush(out);
        if out.len() == before {
            out.push(Batch {
                quarantined: std::mem::take(&mut self.quarantined),
                shards_done: std::mem::take(&mut self.shards_done),
                ..Batch::default()
            });
        }
    }

    fn flush(&mut self, out: &mut Vec<Batch>) {
        if self.window.is_empty() {
            return;
        }
        let mut docs = std::mem::take(&mut self.window);
        docs.sort_by_key(|d| std::cmp::Reverse(d.longest()));
        let mut first = 0;
        while first < docs.len() {
            let longest = self.cfg.seq_len(docs[first].longest().max(1));
            // A document too big for the budget on its own still goes, alone.
            let (mut end, mut rows) = (first, 0);
            while end < docs.len() {
                let more = rows + docs[end].windows.len();
                if end > first && (more * longest > self.cfg.batch_tokens || more > self.cfg.max_batch) {
                    break;
                }
                rows = more;
                end += 1;
            }
            out.push(self.build(&mut docs[first..end], longest, rows));
            first = end;
        }
        // Records ride on the last batch of the flush: by then every earlier document is out.
        let last = out.last_mut().expect("flush of a non-empty window emits a batch");
        last.quarantined = std::mem::take(&mut self.quarantined);
        last.shards_done = std::mem::take(&mut self.shards_done);
    }

    fn build(&self, docs: &mut [Doc], seq_len: usize, rows: usize) -> Batch {
        let mut input_ids = vec![self.cfg.pad_id as i64; rows * seq_len];
        let mut attention_mask = vec![0i64; rows * seq_len];
        let (mut row_doc, mut row_start, mut row_end) =
            (Vec::with_capacity(rows), Vec::with_capacity(rows), Vec::with_capacity(rows));
        let mut infos = Vec::with_capacity(docs.len());
        for (i, doc) in docs.iter_mut().enumerate() {
            let mut n_tokens = 0;
            for w in &doc.windows {
                let base = row_doc.len() * seq_len;
                for (j, &t) in w.tokens.iter().enumerate() {
                    input_ids[base + j] = t as i64;
                    attention_mask[base + j] = 1;
                }
                row_doc.push(i as u32);
                row_start.push(w.start);
                row_end.push(w.end);
                n_tokens += w.tokens.len() as u32;
            }
            infos.push(DocInfo {
                shard: doc.shard,
                line: doc.line,
                offset: doc.offset,
                id: doc.id.take(),
                has_key: doc.has_key,
                raw: std::mem::take(&mut doc.raw),
                n_tokens,
                windows_total: doc.windows_total,
                cheap: std::mem::take(&mut doc.cheap),
                doc_tokens: doc.tokens,
            });
        }
        Batch {
            seq_len,
            input_ids,
            attention_mask,
            row_doc,
            row_start,
            row_end,
            docs: infos,
            quarantined: Vec::new(),
            shards_done: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn doc(line: u64, n: usize) -> Doc {
        windowed(line, &[n])
    }

    /// A document whose windows hold `lens` tokens each.
    fn windowed(line: u64, lens: &[usize]) -> Doc {
        let windows = lens.iter().map(|&n| Window { tokens: (1..=n as u32).collect(), start: n as u32, end: 2 * n as u32 }).collect();
        let total = lens.len() as u32;
        Doc::new(0, line, line * 10, None, false, vec![b'x'; lens[0]], Encoded { windows, total, cheap: Vec::new(), tokens: 0 })
    }

    fn cfg(batch_tokens: usize, max_batch: usize, window: usize) -> BatchConfig {
        BatchConfig { batch_tokens, max_batch, window, pad_id: 0, pad_multiple: 1, max_seq: 0 }
    }

    #[test]
    fn lengths_bucketed_to_a_multiple_never_past_the_cap() {
        let mut b = Batcher::new(BatchConfig { pad_multiple: 8, max_seq: 12, ..cfg(1000, 2, 100) });
        let mut out = Vec::new();
        for (i, n) in [3, 9, 1, 12, 5, 8].into_iter().enumerate() {
            b.push(doc(i as u64 + 1, n), &mut out);
        }
        b.end_shard(0, &mut out);
        // Sorted 12,9 | 8,5 | 3,1: 12 and 9 round up to 16, capped at 12; 8 stays; 3 → 8.
        let lens: Vec<usize> = out.iter().map(|b| b.seq_len).collect();
        assert_eq!(lens, vec![12, 8, 8]);
        let last = &out[2];
        assert_eq!(last.attention_mask.iter().sum::<i64>(), 4, "padding is masked");
        assert_eq!(last.input_ids.len(), 2 * 8);
    }

    #[test]
    fn sorted_padded_and_within_budget() {
        let mut b = Batcher::new(cfg(20, 3, 100));
        let mut out = Vec::new();
        for (i, n) in [3, 9, 1, 4, 4, 2].into_iter().enumerate() {
            b.push(doc(i as u64 + 1, n), &mut out);
        }
        b.end_shard(0, &mut out);
        let shapes: Vec<(usize, Vec<u64>)> =
            out.iter().map(|b| (b.seq_len, b.docs.iter().map(|d| d.line).collect())).collect();
        // Sorted 9,4,4,3,2,1: 20/9 → 2 fit; 20/4 → 5, capped at 3 by max_batch; then the rest.
        assert_eq!(shapes, vec![(9, vec![2, 4]), (4, vec![5, 1, 6]), (1, vec![3])]);
        let b0 = &out[0];
        assert_eq!(&b0.input_ids[9..13], &[1, 2, 3, 4]);
        assert_eq!(&b0.input_ids[13..18], &[0; 5]);
        assert_eq!(b0.attention_mask[9..18].iter().sum::<i64>(), 4);
        assert_eq!(out.last().unwrap().shards_done, vec![0]);
        assert!(out[0].shards_done.is_empty());
    }

    #[test]
    fn shard_with_no_docs_still_reports() {
        let mut b = Batcher::new(cfg(100, 8, 100));
        let mut out = Vec::new();
        b.quarantine(Quarantine { shard: 4, line: 1, offset: 0, reason: crate::quarantine::Reason::EmptyText, detail: String::new() });
        b.end_shard(4, &mut out);
        assert_eq!(out.len(), 1);
        assert!(out[0].is_empty());
        assert_eq!((out[0].quarantined.len(), out[0].shards_done.clone()), (1, vec![4]));
    }

    #[test]
    fn a_documents_windows_share_its_batch() {
        let mut b = Batcher::new(cfg(24, 5, 100));
        let mut out = Vec::new();
        b.push(windowed(1, &[4, 4, 2]), &mut out);
        b.push(windowed(2, &[6]), &mut out);
        b.push(windowed(3, &[4, 3]), &mut out);
        b.push(windowed(4, &[2, 2, 2, 2, 2, 2, 2]), &mut out);
        b.end_shard(0, &mut out);
        // Sorted by longest window 6,4,4,2: rows 1+3 fit 24/6; 2 more rows would make 6×6 > 24.
        let shape: Vec<(usize, Vec<u64>, Vec<u32>)> =
            out.iter().map(|b| (b.seq_len, b.docs.iter().map(|d| d.line).collect(), b.row_doc.clone())).collect();
        assert_eq!(shape[0], (6, vec![2, 1], vec![0, 1, 1, 1]));
        assert_eq!(shape[1], (4, vec![3], vec![0, 0]));
        // More windows than max_batch: the document still goes, alone.
        assert_eq!(shape[2], (2, vec![4], vec![0; 7]));
        assert_eq!(out[0].row_start, vec![6, 4, 4, 2]);
        assert_eq!(out[0].docs[1].n_tokens, 10);
        assert_eq!(&out[0].input_ids[6..12], &[1, 2, 3, 4, 0, 0]);
    }

    #[test]
    fn a_document_the_cascade_cleared_rides_with_no_rows() {
        let mut b = Batcher::new(cfg(64, 8, 100));
        let mut out = Vec::new();
        b.push(windowed(1, &[4, 4]), &mut out);
        let cleared = Encoded { windows: Vec::new(), total: 3, cheap: vec![-2.0, -1.0], tokens: 0 };
        b.push(Doc::new(0, 2, 20, None, false, b"{}".to_vec(), cleared), &mut out);
        b.end_shard(0, &mut out);
        assert_eq!(out.len(), 1);
        let batch = &out[0];
        assert_eq!(batch.docs.iter().map(|d| d.line).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(batch.row_doc, vec![0, 0]);
        assert_eq!((batch.docs[1].windows_total, batch.docs[1].n_tokens, batch.docs[1].cheap.clone()), (3, 0, vec![-2.0, -1.0]));
        // A flush of cleared documents only still delivers them.
        let mut b = Batcher::new(cfg(64, 8, 100));
        let mut out = Vec::new();
        b.push(Doc::new(0, 7, 0, None, false, Vec::new(), Encoded { windows: Vec::new(), total: 1, cheap: vec![0.0], tokens: 0 }), &mut out);
        b.end_shard(0, &mut out);
        assert_eq!((out[0].len(), out[0].row_doc.len(), out[0].shards_done.clone()), (1, 0, vec![0]));
    }

    proptest! {
        #[test]
        fn every_doc_once_and_budget_kept(
            lens in proptest::collection::vec(1usize..64, 0..300),
            budget in 1usize..400, max_batch in 1usize..40, window in 1usize..100,
        ) {
            let mut b = Batcher::new(cfg(budget, max_batch, window));
            let mut out = Vec::new();
            for (i, &n) in lens.iter().enumerate() { b.push(doc(i as u64, n), &mut out); }
            b.end_shard(0, &mut out);
            let mut seen: Vec<u64> = out.iter().flat_map(|b| b.docs.iter().map(|d| d.line)).collect();
            seen.sort();
            prop_assert_eq!(seen, (0..lens.len() as u64).collect::<Vec<_>>());
            for batch in &out {
                prop_assert!(batch.len() <= max_batch);
                prop_assert!(batch.len() <= 1 || batch.len() * batch.seq_len <= budget);
                for d in &batch.docs { prop_assert!(d.n_tokens as usize <= batch.seq_len); }
            }
        }
    }
}
