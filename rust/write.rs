//! Output files: zstd JSONL written under a temporary name and renamed into place when complete,
//! so a reader (or a resumed run) never sees half a file under the final name.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub struct AtomicZstdWriter {
    tmp: PathBuf,
    dest: PathBuf,
    enc: Option<zstd::stream::write::Encoder<'static, BufWriter<File>>>,
    lines: u64,
}

impl AtomicZstdWriter {
    pub fn create(dest: &Path, level: i32) -> Result<Self> {
        let dir = dest.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let name = dest.file_name().and_then(|n| n.to_str()).unwrap_or("out");
        let tmp = dir.join(format!(".{name}.tmp"));
        let file = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        let enc = zstd::stream::write::Encoder::new(BufWriter::with_capacity(1 << 20, file), level)
            .map_err(|e| Error::io(&tmp, e))?;
        Ok(AtomicZstdWriter { tmp, dest: dest.to_path_buf(), enc: Some(enc), lines: 0 })
    }

    /// Write the parts back to back, then a newline.
    pub fn write_line(&mut self, parts: &[&[u8]]) -> Result<()> {
        let enc = self.enc.as_mut().expect("write after finish");
        for p in parts {
            enc.write_all(p).map_err(|e| Error::io(&self.tmp, e))?;
        }
        enc.write_all(b"\n").map_err(|e| Error::io(&self.tmp, e))?;
        self.lines += 1;
        Ok(())
    }

    /// Complete the zstd frame, flush to disk, and rename into place. Returns the line count.
    pub fn finish(mut self) -> Result<u64> {
        let enc = self.enc.take().expect("finish twice");
        let buf = enc.finish().map_err(|e| Error::io(&self.tmp, e))?;
        let file = buf.into_inner().map_err(|e| Error::io(&self.tmp, e.into_error()))?;
        file.sync_all().map_err(|e| Error::io(&self.tmp, e))?;
        fs::rename(&self.tmp, &self.dest).map_err(|e| Error::io(&self.dest, e))?;
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
    level: i32,
    writers: BTreeMap<String, AtomicZstdWriter>,
}

impl ShardOutputs {
    pub fn new(root: &Path, name: &str, level: i32) -> Self {
        ShardOutputs { root: root.to_path_buf(), name: name.to_string(), level, writers: BTreeMap::new() }
    }

    pub fn write(&mut self, route: &str, parts: &[&[u8]]) -> Result<()> {
        if !self.writers.contains_key(route) {
            let dest = self.root.join(route).join(&self.name);
            self.writers.insert(route.to_string(), AtomicZstdWriter::create(&dest, self.level)?);
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
        let mut out = ShardOutputs::new(tmp.path(), "s.jsonl.zst", 3);
        out.write("keep", &[b"{\"a\":1}"]).unwrap();
        out.write("drop", &[b"{\"a\":", b"2}"]).unwrap();
        out.write("keep", &[b"{\"a\":3}"]).unwrap();
        let final_keep = tmp.path().join("keep/s.jsonl.zst");
        assert!(!final_keep.exists());
        let counts = out.finish().unwrap();
        assert_eq!(counts.into_iter().collect::<Vec<_>>(), vec![("drop".into(), 1), ("keep".into(), 2)]);
        let text = zstd::decode_all(File::open(&final_keep).unwrap()).unwrap();
        assert_eq!(text, b"{\"a\":1}\n{\"a\":3}\n");

        let mut aborted = ShardOutputs::new(tmp.path(), "t.jsonl.zst", 3);
        aborted.write("keep", &[b"{}"]).unwrap();
        drop(aborted);
        let names: Vec<_> = fs::read_dir(tmp.path().join("keep")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("s.jsonl.zst")], "no temp file left behind");
    }
}
