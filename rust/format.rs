//! What a shard is, from its name and first bytes. A file that is not JSON Lines (or Parquet, which
//! has its own reader) is refused whole, never read line by line as if it were text: read as text,
//! a Parquet or Arrow file becomes a thousand `invalid_json` lines and a shard marked done.

use std::path::Path;

/// Bytes of decoded text looked at before the first line is handed on.
pub const SNIFF_BYTES: usize = 64 << 10;
/// Non-blank lines of that head looked at.
const SNIFF_LINES: usize = 20;

pub const PARQUET_MAGIC: &[u8] = b"PAR1";

/// Leading bytes of formats that are not JSON Lines, looked for in the file and again after
/// decompression (a gzipped WARC, say).
const MAGICS: &[(&[u8], &str)] = &[
    (PARQUET_MAGIC, "a Parquet file"),
    (b"ARROW1", "an Arrow IPC file"),
    (b"\xFF\xFF\xFF\xFF", "an Arrow IPC stream"),
    (b"WARC/", "a WARC file"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"%PDF-", "a PDF document"),
    (b"BZh", "bzip2-compressed (use zstd or gzip)"),
    (b"\xFD7zXZ\x00", "xz-compressed (use zstd or gzip)"),
    (b"\x04\x22\x4D\x18", "LZ4-compressed (use zstd or gzip)"),
    (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"Obj\x01", "an Avro file"),
    (b"ORC", "an ORC file"),
];

/// Name endings (after any `.gz`/`.zst`) of formats that are not JSON Lines.
const EXTENSIONS: &[(&str, &str)] = &[
    // Parquet files start with PAR1 and go to their own reader: one named so without it is not one.
    (".parquet", "Parquet, but it does not start with PAR1"),
    (".csv", "CSV"),
    (".tsv", "TSV"),
    (".arrow", "Arrow IPC"),
    (".feather", "Arrow IPC (Feather)"),
    (".ipc", "Arrow IPC"),
    (".warc", "WARC"),
    (".avro", "Avro"),
    (".orc", "ORC"),
];

/// The name without its compression suffix.
pub fn stem(path: &Path) -> Option<&str> {
    let name = path.file_name()?.to_str()?;
    Some(name.strip_suffix(".gz").or_else(|| name.strip_suffix(".zst")).or_else(|| name.strip_suffix(".zstd")).unwrap_or(name))
}

/// Whether the file at `path` starts like Parquet. Only a regular file is looked at: Parquet is
/// read by seeking to its footer, and peeking into a named pipe or /dev/stdin would eat the bytes
/// the JSON Lines reader needs. A file that cannot be opened is left to that reader to name.
pub fn is_parquet(path: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 4];
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
        && std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut magic)).is_ok()
        && magic == PARQUET_MAGIC
}

/// What a file's first bytes say it is, when that is not JSON Lines.
pub fn by_magic(head: &[u8]) -> Option<&'static str> {
    MAGICS.iter().find(|(magic, _)| head.starts_with(magic)).map(|&(_, what)| what)
}

/// What a file's name says it is, when that is not JSON Lines.
pub fn by_name(path: &Path) -> Option<&'static str> {
    let stem = stem(path)?.to_ascii_lowercase();
    EXTENSIONS.iter().find(|(ext, _)| stem.ends_with(ext)).map(|&(_, what)| what)
}

/// Whether a growing head holds enough to be judged: a whole non-blank line that opens an object,
/// or SNIFF_LINES whole non-blank lines. A first line longer than a read, or a run of long garbage
/// lines, is no reason to judge on less (blank lines are not counted). Each call scans only the
/// bytes added since the last.
#[derive(Default)]
pub struct HeadScan {
    scanned: usize,
    line_start: usize,
    lines: usize,
    object: bool,
}

impl HeadScan {
    pub fn feed(&mut self, head: &[u8]) {
        while let Some(i) = head[self.scanned..].iter().position(|&b| b == b'\n') {
            let end = self.scanned + i;
            let mut line = &head[self.line_start..end];
            if self.line_start == 0 {
                line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
            }
            let line = line.trim_ascii();
            if !line.is_empty() {
                self.lines += 1;
                self.object |= line.starts_with(b"{");
            }
            self.scanned = end + 1;
            self.line_start = end + 1;
        }
        self.scanned = head.len();
    }

    pub fn enough(&self) -> bool {
        self.object || self.lines >= SNIFF_LINES
    }
}

/// Why the decoded head of a shard is not JSON Lines, if it is not: none of its first lines opens
/// a JSON object (CSV, plain text, HTML, a JSON array), or it holds NUL bytes (binary data) and
/// most of those lines do not. One bad line among objects is not this: it is quarantined alone.
pub fn not_json_lines(head: &[u8]) -> Option<String> {
    if let Some(what) = by_magic(head) {
        return Some(format!("its content is {what}"));
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let lines: Vec<&[u8]> = head
        .split(|&b| b == b'\n')
        .map(|l| l.trim_ascii_start())
        .filter(|l| !l.trim_ascii_end().is_empty())
        .take(SNIFF_LINES)
        .collect();
    let first = lines.first()?;
    let objects = lines.iter().filter(|l| l.starts_with(b"{")).count();
    let preview: String = String::from_utf8_lossy(&first[..first.len().min(40)]).chars().take(40).collect();
    if objects == 0 {
        return Some(format!(
            "it is not JSON Lines: none of its first {} non-blank lines starts a JSON object (the first begins {preview:?})",
            lines.len()
        ));
    }
    if head.contains(&0) && objects * 2 < lines.len() {
        return Some(format!("it looks binary: NUL bytes, and {objects} of its first {} lines start a JSON object", lines.len()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_pass_and_other_formats_are_named() {
        assert_eq!(not_json_lines(b""), None);
        assert_eq!(not_json_lines(b"\xEF\xBB\xBF\n  {\"text\": \"a\"}\nnot json\n{\"te"), None);
        // One broken line among objects is a line to quarantine, not a foreign file.
        assert_eq!(not_json_lines(b"garbage\x00\n{\"a\":1}\n{\"a\":2}\n"), None);
        let csv = not_json_lines(b"id,text\n1,hello\n").unwrap();
        assert!(csv.contains("not JSON Lines") && csv.contains("id,text"), "{csv}");
        assert!(not_json_lines(b"[{\"text\": \"a\"}]").unwrap().contains("not JSON Lines"));
        assert!(not_json_lines(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n").unwrap().contains("WARC"));
        assert!(not_json_lines(b"\x00\x01{\n\x00\x00\n\x07\x00\n{\x00\n").unwrap().contains("binary"));
        assert_eq!(by_magic(b"PAR1\x15\x04"), Some("a Parquet file"));
        assert_eq!(by_magic(b"ARROW1\x00\x00"), Some("an Arrow IPC file"));
        assert_eq!(by_name(Path::new("/d/part-0.CSV.gz")), Some("CSV"));
        assert_eq!(by_name(Path::new("/d/a.jsonl.zst")), None);
    }
}
