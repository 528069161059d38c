//! Output files: zstd JSONL written under a temporary name and renamed into place when complete,
//! so a reader (or a resumed run) never sees half a file under the final name.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

use crossbeam_channel::Sender;

use crate::error::{Error, Result};

/// How route files are compressed: the zstd level, and libzstd's own worker threads (0: compress
/// on the writing thread). One writer thread per shard compresses everything a run writes, ~140
/// MB/s per core at level 3 here, i.e. ~10k Wikipedia-sized documents/s: below what one GPU
/// scores, so a GPU run hands compression to a few zstd workers (still one standard frame).
#[derive(Debug, Clone, Copy)]
pub struct Zstd {
    pub level: i32,
    pub workers: u32,
}

impl Default for Zstd {
    fn default() -> Self {
        Zstd { level: 3, workers: 0 }
    }
}

pub struct AtomicZstdWriter {
    tmp: PathBuf,
    dest: PathBuf,
    enc: Option<zstd::stream::write::Encoder<'static, BufWriter<File>>>,
    lines: u64,
}

impl AtomicZstdWriter {
    pub fn create(dest: &Path, zstd: Zstd) -> Result<Self> {
        let dir = dest.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
        let name = dest.file_name().and_then(|n| n.to_str()).unwrap_or("out");
        // Per process: a partitioned worker that lost its claim (paused past the lease) and aborts
        // must not remove the temporary file of the worker that took the shard over.
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let file = File::create(&tmp).map_err(|e| Error::write(&tmp, e))?;
        let mut enc = zstd::stream::write::Encoder::new(BufWriter::with_capacity(1 << 20, file), zstd.level)
            .map_err(|e| Error::write(&tmp, e))?;
        if zstd.workers > 0 {
            enc.multithread(zstd.workers).map_err(|e| Error::write(&tmp, e))?;
        }
        Ok(AtomicZstdWriter { tmp, dest: dest.to_path_buf(), enc: Some(enc), lines: 0 })
    }

    /// Write the parts back to back, then a newline.
    pub fn write_line(&mut self, parts: &[&[u8]]) -> Result<()> {
        let enc = self.enc.as_mut().expect("write after finish");
        for p in parts {
            enc.write_all(p).map_err(|e| Error::write(&self.tmp, e))?;
        }
        enc.write_all(b"\n").map_err(|e| Error::write(&self.tmp, e))?;
        self.lines += 1;
        Ok(())
    }

    /// Complete the zstd frame, flush to disk, and rename into place. Returns the line count.
    pub fn finish(mut self) -> Result<u64> {
        let enc = self.enc.take().expect("finish twice");
        let buf = enc.finish().map_err(|e| Error::write(&self.tmp, e))?;
        let file = buf.into_inner().map_err(|e| Error::write(&self.tmp, e.into_error()))?;
        file.sync_all().map_err(|e| Error::write(&self.tmp, e))?;
        fs::rename(&self.tmp, &self.dest).map_err(|e| Error::write(&self.dest, e))?;
        Ok(self.lines)
    }
}

impl Drop for AtomicZstdWriter {
    fn drop(&mut self) {
        // Dropped unfinished (an error or an abort): leave no partial file behind.
        if self.enc.take().is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// Split a JSON object's bytes for appending a member without copying: the bytes before its
/// closing brace, and the separator to write before the new member (`,`, or nothing when the
/// object is empty). `None` when `raw` does not end in `}` (the stream only yields objects).
pub fn object_head(raw: &[u8]) -> Option<(&[u8], &'static [u8])> {
    let end = raw.iter().rposition(|b| !b.is_ascii_whitespace())?;
    if raw[end] != b'}' {
        return None;
    }
    let head = &raw[..end];
    let empty = head.iter().rposition(|b| !b.is_ascii_whitespace()).map(|i| head[i] == b'{')?;
    Some((head, if empty { b"" } else { b"," }))
}

/// One input shard's outputs: a file per route under `root/<route>/<name>`, opened on first use.
pub struct ShardOutputs {
    root: PathBuf,
    name: String,
    zstd: Zstd,
    writers: BTreeMap<String, AtomicZstdWriter>,
}

impl ShardOutputs {
    pub fn new(root: &Path, name: &str, zstd: Zstd) -> Self {
        ShardOutputs { root: root.to_path_buf(), name: name.to_string(), zstd, writers: BTreeMap::new() }
    }

    pub fn write(&mut self, route: &str, parts: &[&[u8]]) -> Result<()> {
        if !self.writers.contains_key(route) {
            let dest = self.root.join(route).join(&self.name);
            self.writers.insert(route.to_string(), AtomicZstdWriter::create(&dest, self.zstd)?);
        }
        self.writers.get_mut(route).expect("inserted above").write_line(parts)
    }

    /// Put every file in place; returns lines written per route.
    pub fn finish(self) -> Result<BTreeMap<String, u64>> {
        let mut counts = BTreeMap::new();
        for (route, w) in self.writers {
            counts.insert(route, w.finish()?);
        }
        Ok(counts)
    }
}

/// Lines for a [`BackgroundOutputs`]: (route, line without its newline), in write order.
pub type Lines = Vec<(String, Vec<u8>)>;

/// A [`ShardOutputs`] driven from its own thread. Compressing is most of what writing costs
/// (~0.1 ms for a 14 KB Wikipedia document at level 3), and on the caller's thread (the one
/// thread that routes every document) it capped a whole run however many cores tokenised; here the
/// caller only copies lines into a bounded channel. Lines keep their order; a write error stops
/// the thread, removes its temporary files, and is returned by the next `send` or by `finish`.
pub struct BackgroundOutputs {
    tx: Option<Sender<Lines>>,
    worker: Option<JoinHandle<Result<BTreeMap<String, u64>>>>,
    abort: Arc<AtomicBool>,
}

impl BackgroundOutputs {
    pub fn new(root: &Path, name: &str, zstd: Zstd) -> Result<Self> {
        // Four batches in flight: enough to keep the writer busy, bounded in memory.
        let (tx, rx) = crossbeam_channel::bounded::<Lines>(4);
        let abort = Arc::new(AtomicBool::new(false));
        let stop = abort.clone();
        let mut out = ShardOutputs::new(root, name, zstd);
        let worker = std::thread::Builder::new()
            .name("curafilter-writer".into())
            .spawn(move || {
                for lines in rx.iter() {
                    for (route, line) in &lines {
                        out.write(route, &[line])?;
                    }
                }
                if stop.load(Ordering::Acquire) {
                    return Ok(BTreeMap::new()); // dropped unfinished: `out`'s drop removes the temp files
                }
                out.finish()
            })
            .map_err(|e| Error::Internal(format!("cannot start an output writer thread: {e}")))?;
        Ok(BackgroundOutputs { tx: Some(tx), worker: Some(worker), abort })
    }

    pub fn send(&mut self, lines: Lines) -> Result<()> {
        if lines.is_empty() {
            return Ok(());
        }
        let tx = self.tx.as_ref().ok_or_else(|| Error::Internal("outputs already finished".into()))?;
        if tx.send(lines).is_err() {
            // The writer stopped early, which only an error does: report it.
            self.tx = None;
            return Err(self.join().err().unwrap_or_else(|| Error::Internal("output writer stopped".into())));
        }
        Ok(())
    }

    /// Put every file in place; returns lines written per route.
    pub fn finish(mut self) -> Result<BTreeMap<String, u64>> {
        self.tx = None;
        self.join()
    }

    fn join(&mut self) -> Result<BTreeMap<String, u64>> {
        match self.worker.take() {
            Some(w) => w.join().map_err(|_| Error::Internal("output writer thread panicked".into()))?,
            None => Err(Error::Internal("outputs already finished".into())),
        }
    }
}

impl Drop for BackgroundOutputs {
    fn drop(&mut self) {
        if self.worker.is_some() {
            self.abort.store(true, Ordering::Release);
            self.tx = None;
            let _ = self.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_head_keeps_bytes_and_handles_empty_objects() {
        let splice = |raw: &[u8]| {
            let (head, sep) = object_head(raw)?;
            Some([head, sep, br#""cf":{"r":"keep"}"#, b"}"].concat())
        };
        assert_eq!(splice(br#"{"a": 1 , "t":"x"}  "#).unwrap(), br#"{"a": 1 , "t":"x","cf":{"r":"keep"}}"#);
        assert_eq!(splice(b"{ }").unwrap(), br#"{ "cf":{"r":"keep"}}"#);
        assert!(splice(b"[1]").is_none());
    }

    #[test]
    fn files_appear_only_when_finished() {
        let tmp = tempfile::tempdir().unwrap();
        let mut out = ShardOutputs::new(tmp.path(), "s.jsonl.zst", Zstd::default());
        out.write("keep", &[b"{\"a\":1}"]).unwrap();
        out.write("drop", &[b"{\"a\":", b"2}"]).unwrap();
        out.write("keep", &[b"{\"a\":3}"]).unwrap();
        let final_keep = tmp.path().join("keep/s.jsonl.zst");
        assert!(!final_keep.exists());
        let counts = out.finish().unwrap();
        assert_eq!(counts.into_iter().collect::<Vec<_>>(), vec![("drop".into(), 1), ("keep".into(), 2)]);
        let text = zstd::decode_all(File::open(&final_keep).unwrap()).unwrap();
        assert_eq!(text, b"{\"a\":1}\n{\"a\":3}\n");

        let mut aborted = ShardOutputs::new(tmp.path(), "t.jsonl.zst", Zstd::default());
        aborted.write("keep", &[b"{}"]).unwrap();
        drop(aborted);
        let names: Vec<_> = fs::read_dir(tmp.path().join("keep")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("s.jsonl.zst")], "no temp file left behind");
    }

    #[test]
    fn zstd_workers_write_one_standard_frame_of_the_same_lines() {
        let tmp = tempfile::tempdir().unwrap();
        // Over a few MB, so the workers really split the input into jobs.
        let line = |i: usize| format!("{{\"i\":{i},\"text\":\"{}\"}}", "word ".repeat(50 + i % 200)).into_bytes();
        let mut text = Vec::new();
        for (dir, zstd) in [("one", Zstd::default()), ("mt", Zstd { level: 3, workers: 2 })] {
            let mut out = ShardOutputs::new(&tmp.path().join(dir), "s.jsonl.zst", zstd);
            for i in 0..8000 {
                out.write("keep", &[&line(i)]).unwrap();
            }
            assert_eq!(out.finish().unwrap()["keep"], 8000);
            let bytes = fs::read(tmp.path().join(dir).join("keep/s.jsonl.zst")).unwrap();
            // One frame: a reader that stops after the first frame still sees every line.
            let mut first = Vec::new();
            std::io::Read::read_to_end(&mut zstd::stream::read::Decoder::new(&bytes[..]).unwrap().single_frame(), &mut first)
                .unwrap();
            text.push(first);
        }
        assert!(text[0].len() > 4 << 20);
        assert_eq!(text[0], text[1]);
    }

    #[test]
    fn background_outputs_write_the_same_bytes_and_abort_cleanly() {
        let tmp = tempfile::tempdir().unwrap();
        let lines: Vec<(String, Vec<u8>)> =
            (0..500).map(|i| (["keep", "drop"][i % 3 / 2].to_string(), format!("{{\"i\":{i}}}").into_bytes())).collect();
        let mut direct = ShardOutputs::new(&tmp.path().join("a"), "s.jsonl.zst", Zstd::default());
        for (r, l) in &lines {
            direct.write(r, &[l]).unwrap();
        }
        let direct_counts = direct.finish().unwrap();
        let mut bg = BackgroundOutputs::new(&tmp.path().join("b"), "s.jsonl.zst", Zstd::default()).unwrap();
        for chunk in lines.chunks(37) {
            bg.send(chunk.to_vec()).unwrap();
        }
        assert_eq!(bg.finish().unwrap(), direct_counts);
        for route in ["keep", "drop"] {
            let a = fs::read(tmp.path().join("a").join(route).join("s.jsonl.zst")).unwrap();
            let b = fs::read(tmp.path().join("b").join(route).join("s.jsonl.zst")).unwrap();
            assert_eq!(a, b, "{route}: same bytes, same order");
        }

        let mut aborted = BackgroundOutputs::new(&tmp.path().join("c"), "t.jsonl.zst", Zstd::default()).unwrap();
        aborted.send(lines[..10].to_vec()).unwrap();
        drop(aborted);
        let left: Vec<_> = fs::read_dir(tmp.path().join("c").join("keep")).unwrap().collect();
        assert!(left.is_empty(), "no temp file left behind");
    }

    #[test]
    fn a_write_error_reaches_the_caller() {
        let tmp = tempfile::tempdir().unwrap();
        // A file where the route folder should be: the writer cannot create its output.
        fs::write(tmp.path().join("keep"), b"").unwrap();
        let mut bg = BackgroundOutputs::new(tmp.path(), "s.jsonl.zst", Zstd::default()).unwrap();
        let mut failed = bg.send(vec![("keep".into(), b"{}".to_vec())]).is_err();
        for _ in 0..10 {
            failed |= bg.send(vec![("keep".into(), b"{}".to_vec())]).is_err();
        }
        assert!(failed || bg.finish().is_err());
    }
}
