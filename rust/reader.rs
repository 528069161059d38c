//! Read one shard: detect compression from magic bytes, decompress as a stream, split lines.
//!
//! Multi-frame zstd and multi-member gzip are read to the end. Truncated or corrupt compressed
//! data ends the shard with one `corrupt_compressed` record saying where; the lines before it are
//! kept. Blank lines are skipped (they are not documents); a UTF-8 BOM on the first line is dropped.
//! A file that is not JSON Lines (see [`crate::format`]) ends as one `unsupported_format` record.

use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use crate::format;
use crate::lines::{Line, LineSplitter};
use crate::quarantine::{Quarantine, Reason};

const READ_CHUNK: usize = 1 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    Plain,
    Gzip,
    Zstd,
}

pub fn detect(magic: &[u8]) -> Compression {
    if magic.starts_with(&[0x28, 0xB5, 0x2F, 0xFD]) {
        Compression::Zstd
    } else if magic.starts_with(&[0x1F, 0x8B]) {
        Compression::Gzip
    } else {
        Compression::Plain
    }
}

/// What reading a shard produces, in order.
#[derive(Debug)]
pub enum Event<'a> {
    Line { number: u64, offset: u64, bytes: &'a [u8] },
    Bad(Quarantine),
}

/// Totals for one shard, for progress and stats.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ShardTotals {
    /// Bytes read from the file (compressed size when compressed).
    pub bytes_read: u64,
    pub bytes_decoded: u64,
    /// Non-blank lines, including those quarantined.
    pub lines: u64,
}

/// Counts the bytes pulled from the file, to say where corruption was found.
struct Counting<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace)
}

/// Read `path` and pass each event to `emit`, which returns `false` to stop early.
/// `progress` is called after each decoded chunk with the bytes read from the file so far.
pub fn read_shard(
    shard: u32,
    path: &Path,
    max_line_bytes: usize,
    progress: &mut dyn FnMut(u64),
    emit: &mut dyn FnMut(Event<'_>) -> bool,
) -> ShardTotals {
    let mut totals = ShardTotals::default();
    let bad = |line, offset, reason, detail: String| Quarantine { shard, line, offset, reason, detail };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            emit(Event::Bad(bad(0, 0, Reason::UnreadableFile, format!("cannot open {}: {e}", path.display()))));
            return totals;
        }
    };
    let read_pos = Rc::new(Cell::new(0u64));
    let mut buffered = BufReader::with_capacity(READ_CHUNK, Counting { inner: file, count: read_pos.clone() });
    let refuse = |emit: &mut dyn FnMut(Event<'_>) -> bool, why: String| {
        let detail = format!("{} is not read: {why}; curafilter reads JSON Lines (plain, gzip, zstd) and Parquet", path.display());
        emit(Event::Bad(bad(0, 0, Reason::UnsupportedFormat, detail)));
    };
    let compression = match buffered.fill_buf() {
        Ok(head) => {
            if let Some(what) = format::by_magic(head) {
                refuse(emit, format!("it is {what}"));
                return totals;
            }
            detect(head)
        }
        Err(e) => {
            emit(Event::Bad(bad(0, 0, Reason::UnreadableFile, format!("cannot read {}: {e}", path.display()))));
            return totals;
        }
    };
    if let Some(what) = format::by_name(path) {
        refuse(emit, format!("its name says {what}"));
        return totals;
    }
    let mut decoder: Box<dyn Read> = match compression {
        Compression::Plain => Box::new(buffered),
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(buffered)),
        Compression::Zstd => match zstd::stream::read::Decoder::with_buffer(buffered) {
            Ok(mut d) => {
                // Accept shards written with long-distance matching (large windows).
                let _ = d.window_log_max(31);
                Box::new(d)
            }
            Err(e) => {
                emit(Event::Bad(bad(0, 0, Reason::CorruptCompressed, format!("zstd decoder failed to start: {e}"))));
                return totals;
            }
        },
    };

    let mut splitter = LineSplitter::new(max_line_bytes);
    let mut buf = vec![0u8; READ_CHUNK];
    let mut keep_going = true;
    let mut lines = 0u64;
    // The decoded head, held back until it is known to be JSON Lines (see `format`).
    let mut head: Option<Vec<u8>> = Some(Vec::new());
    // The head is judged on whole lines (format::HeadScan), so a first line longer than a read (a
    // cut-off record of a few MB) is not taken for the whole head; held up to the longest line the
    // splitter would hold anyway.
    let mut scan = format::HeadScan::default();
    let head_cap = max_line_bytes.saturating_add(format::SNIFF_BYTES);
    let mut on_line = |line: Line<'_>, keep_going: &mut bool| {
        let ev = match line {
            Line::Text { number, offset, mut bytes } => {
                if number == 1 {
                    bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
                }
                if is_blank(bytes) {
                    return;
                }
                Event::Line { number, offset, bytes }
            }
            Line::TooLong { number, offset, len } => Event::Bad(bad(
                number,
                offset,
                Reason::LineTooLong,
                format!("line is {len} bytes, over the limit of {max_line_bytes}"),
            )),
        };
        lines += 1;
        *keep_going &= emit(ev);
    };
    loop {
        let got = decoder.read(&mut buf);
        if matches!(&got, Err(e) if e.kind() == io::ErrorKind::Interrupted) {
            continue;
        }
        if let Some(held) = &mut head {
            if let Ok(n) = got {
                held.extend_from_slice(&buf[..n]);
                scan.feed(held);
                if n > 0 && (held.len() < format::SNIFF_BYTES || !scan.enough()) && held.len() < head_cap {
                    continue;
                }
            }
            // The head is complete (or the data ended or broke): judge it, then pass it on.
            if let Some(why) = format::not_json_lines(held) {
                refuse(emit, why);
                totals.bytes_read = read_pos.get();
                progress(totals.bytes_read);
                return totals;
            }
            splitter.feed(held, &mut |l| on_line(l, &mut keep_going));
            head = None;
            if matches!(got, Ok(n) if n > 0) {
                progress(read_pos.get());
                if !keep_going {
                    break;
                }
                continue;
            }
        }
        match got {
            Ok(0) => {
                splitter.finish(&mut |l| on_line(l, &mut keep_going));
                break;
            }
            Ok(n) => {
                splitter.feed(&buf[..n], &mut |l| on_line(l, &mut keep_going));
                progress(read_pos.get());
                if !keep_going {
                    break;
                }
            }
            Err(e) => {
                // The partial line at the break is part of what is lost; the record stands for it.
                splitter.discard_partial();
                let (reason, what) = match compression {
                    Compression::Plain => (Reason::UnreadableFile, "read error"),
                    Compression::Gzip => (Reason::CorruptCompressed, "corrupt or truncated gzip data"),
                    Compression::Zstd => (Reason::CorruptCompressed, "corrupt or truncated zstd data"),
                };
                let detail = format!(
                    "{what} in {} near compressed byte {} ({e}); the rest of the shard is skipped",
                    path.display(),
                    read_pos.get()
                );
                lines += 1;
                emit(Event::Bad(bad(splitter.next_number(), splitter.consumed(), reason, detail)));
                break;
            }
        }
    }
    totals.bytes_read = read_pos.get();
    totals.bytes_decoded = splitter.consumed();
    totals.lines = lines;
    progress(totals.bytes_read);
    totals
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn collect(path: &Path, max: usize) -> (Vec<(u64, u64, String)>, Vec<Quarantine>, ShardTotals) {
        let mut lines = Vec::new();
        let mut bad = Vec::new();
        let totals = read_shard(7, path, max, &mut |_| {}, &mut |ev| {
            match ev {
                Event::Line { number, offset, bytes } => {
                    lines.push((number, offset, String::from_utf8_lossy(bytes).into_owned()))
                }
                Event::Bad(q) => bad.push(q),
            }
            true
        });
        (lines, bad, totals)
    }

    fn zst(data: &[u8]) -> Vec<u8> {
        zstd::encode_all(data, 3).unwrap()
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn formats_by_magic_multi_frame_and_members() {
        let tmp = tempfile::tempdir().unwrap();
        let part1 = b"\xEF\xBB\xBF{\"a\":1}\r\n\n  \n";
        let part2 = b"{\"a\":2}\n{\"a\":3}";
        let plain: Vec<u8> = [&part1[..], &part2[..]].concat();
        let expected = vec![
            (1, 0, "{\"a\":1}".to_string()),
            (4, 16, "{\"a\":2}".to_string()),
            (5, 24, "{\"a\":3}".to_string()),
        ];
        // Misleading extensions on purpose: detection is by content.
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("plain.gz", plain.clone()),
            ("frames.jsonl", [zst(part1), zst(part2)].concat()),
            ("members.jsonl", [gz(part1), gz(part2)].concat()),
        ];
        for (name, bytes) in cases {
            let p = tmp.path().join(name);
            std::fs::write(&p, &bytes).unwrap();
            let (lines, bad, totals) = collect(&p, 1000);
            assert_eq!(lines, expected, "{name}");
            assert!(bad.is_empty(), "{name}: {bad:?}");
            assert_eq!(totals.lines, 3);
            assert_eq!(totals.bytes_decoded, plain.len() as u64);
            assert_eq!(totals.bytes_read, bytes.len() as u64);
        }
    }

    #[test]
    fn truncated_compressed_keeps_the_head_and_says_where() {
        let tmp = tempfile::tempdir().unwrap();
        let data: String = (0..40000).map(|i| format!("{{\"text\":\"document number {i}\"}}\n")).collect();
        for (name, full) in [("t.zst", zst(data.as_bytes())), ("t.gz", gz(data.as_bytes()))] {
            let p = tmp.path().join(name);
            std::fs::write(&p, &full[..full.len() / 2]).unwrap();
            let (lines, bad, _) = collect(&p, 1000);
            assert!(!lines.is_empty() && lines.len() < 40000, "{name}: {}", lines.len());
            for (i, (n, _, text)) in lines.iter().enumerate() {
                assert_eq!(*n, i as u64 + 1);
                assert_eq!(text, &format!("{{\"text\":\"document number {i}\"}}"));
            }
            assert_eq!(bad.len(), 1, "{name}");
            assert_eq!(bad[0].reason, Reason::CorruptCompressed);
            assert_eq!(bad[0].line, lines.len() as u64 + 1);
            assert!(bad[0].detail.contains("compressed byte"), "{}", bad[0].detail);
        }
    }

    #[test]
    fn other_formats_are_refused_whole_and_named() {
        let tmp = tempfile::tempdir().unwrap();
        let csv: Vec<u8> = (0..5000).map(|i| format!("{i},some text {i}\n")).collect::<String>().into_bytes();
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("part-0.jsonl", b"PAR1\x15\x04\x15\x10".to_vec(), "Parquet"),
            ("table.jsonl.zst", zst(b"ARROW1\x00\x00\xff\xff"), "Arrow IPC file"),
            ("crawl.jsonl.gz", gz(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n\r\n"), "WARC"),
            ("data.jsonl.zst", zst(&csv), "not JSON Lines"),
            ("rows.csv", b"{\"text\": \"json in a csv name\"}\n".to_vec(), "CSV"),
            ("blob.jsonl", (0..70_000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect(), "JSON"),
        ];
        for (name, bytes, says) in cases {
            let p = tmp.path().join(name);
            std::fs::write(&p, &bytes).unwrap();
            let (lines, bad, _) = collect(&p, 1 << 20);
            assert!(lines.is_empty(), "{name}: {} lines read", lines.len());
            assert_eq!(bad.len(), 1, "{name}: {bad:?}");
            assert_eq!((bad[0].line, bad[0].reason), (0, Reason::UnsupportedFormat), "{name}");
            assert!(bad[0].detail.contains(name) && bad[0].detail.contains(says), "{name}: {}", bad[0].detail);
        }
    }

    #[test]
    fn a_first_line_longer_than_a_read_is_judged_with_the_lines_after_it() {
        // A cut-off record of 1.5 MB first, objects after: the head was judged on the first 1 MiB
        // read, one partial line that is not an object, and the whole file refused.
        let tmp = tempfile::tempdir().unwrap();
        let mut data = vec![b'y'; 1_500_000];
        data.extend_from_slice(b"\"}\n{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n");
        for (name, bytes) in [("p.jsonl", data.clone()), ("g.jsonl.gz", gz(&data)), ("z.jsonl.zst", zst(&data))] {
            let p = tmp.path().join(name);
            std::fs::write(&p, &bytes).unwrap();
            let (lines, bad, _) = collect(&p, 4 << 20);
            assert!(bad.is_empty(), "{name}: {bad:?}");
            assert_eq!(lines.iter().map(|l| l.0).collect::<Vec<_>>(), vec![1, 2, 3, 4], "{name}");
        }
        // Blank lines first, or 19 long garbage lines: still judged on 20 non-blank lines.
        let mut blank_first = b"\n\n\n".to_vec();
        blank_first.extend_from_slice(&data);
        let mut garbage: Vec<u8> = (0..19).flat_map(|_| [vec![b'h'; 200_000], b"\n".to_vec()].concat()).collect();
        garbage.extend_from_slice(b"{\"a\":1}\n");
        for (name, bytes, docs) in [("b.jsonl.gz", gz(&blank_first), 3), ("h.jsonl", garbage, 1)] {
            let p = tmp.path().join(name);
            std::fs::write(&p, &bytes).unwrap();
            let (lines, bad, _) = collect(&p, 4 << 20);
            assert!(bad.is_empty(), "{name}: {bad:?}");
            assert_eq!(lines.iter().filter(|l| l.2.starts_with('{')).count(), docs, "{name}");
        }
    }

    #[test]
    fn empty_missing_and_too_long() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("empty.jsonl.zst");
        std::fs::write(&p, b"").unwrap();
        let (lines, bad, totals) = collect(&p, 10);
        assert!(lines.is_empty() && bad.is_empty());
        assert_eq!(totals, ShardTotals::default());

        let (_, bad, _) = collect(&tmp.path().join("gone.jsonl"), 10);
        assert_eq!(bad[0].reason, Reason::UnreadableFile);
        assert!(bad[0].detail.contains("gone.jsonl"));

        let p = tmp.path().join("long.jsonl");
        std::fs::write(&p, b"{\"s\":1}\n{\"t\":\"this line is too long\"}\n{}\n").unwrap();
        let (lines, bad, totals) = collect(&p, 10);
        assert_eq!(lines.len(), 2);
        assert_eq!((bad[0].line, bad[0].offset, bad[0].reason), (2, 8, Reason::LineTooLong));
        assert_eq!(totals.lines, 3);
    }
}
