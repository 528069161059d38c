//! Records for input that cannot become a document. Each names the shard, the line, the byte offset
//! and the reason, so a user can find and fix the line.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    InvalidJson,
    NotObject,
    MissingText,
    TextNotString,
    EmptyText,
    InvalidUtf8,
    LineTooLong,
    /// Truncated or corrupt compressed data: the rest of the shard is unreadable.
    CorruptCompressed,
    /// The shard could not be opened or read.
    UnreadableFile,
    /// The tokenizer rejected the text (rare: an internal tokenizer error).
    TokenizeFailed,
    /// A key on the path to the text or id occurs twice in one object: readers disagree on which
    /// value counts (most keep the last), so scoring either one could pass text unchecked.
    DuplicateKey,
    /// The whole file is not a format curafilter reads (Parquet mislabelled, CSV, Arrow, WARC,
    /// binary data): refused, never read as text, and its shard never marked complete.
    UnsupportedFormat,
}

impl Reason {
    pub const ALL: [Reason; 12] = [
        Reason::InvalidJson,
        Reason::NotObject,
        Reason::MissingText,
        Reason::TextNotString,
        Reason::EmptyText,
        Reason::InvalidUtf8,
        Reason::LineTooLong,
        Reason::CorruptCompressed,
        Reason::UnreadableFile,
        Reason::TokenizeFailed,
        Reason::DuplicateKey,
        Reason::UnsupportedFormat,
    ];

    /// Stable code used in outputs and counters.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::InvalidJson => "invalid_json",
            Reason::NotObject => "not_object",
            Reason::MissingText => "missing_text",
            Reason::TextNotString => "text_not_string",
            Reason::EmptyText => "empty_text",
            Reason::InvalidUtf8 => "invalid_utf8",
            Reason::LineTooLong => "line_too_long",
            Reason::CorruptCompressed => "corrupt_compressed",
            Reason::UnreadableFile => "unreadable_file",
            Reason::TokenizeFailed => "tokenize_failed",
            Reason::DuplicateKey => "duplicate_key",
            Reason::UnsupportedFormat => "unsupported_format",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quarantine {
    /// Index of the shard in the stream's shard list.
    pub shard: u32,
    /// 1-based line number in the decompressed shard (0 when the whole file is unreadable).
    pub line: u64,
    /// Byte offset of the line's start in the decompressed shard.
    pub offset: u64,
    pub reason: Reason,
    pub detail: String,
}
