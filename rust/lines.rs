//! Push-based line splitting with a hard cap on line length.
//!
//! Chunks arrive in whatever sizes the decompressor hands out; lines are emitted with their 1-based
//! number and byte offset. A line longer than the cap is counted and skipped, never buffered, so one
//! huge line cannot exhaust memory. CRLF endings are accepted: the `\r` is stripped.

#[derive(Debug, PartialEq, Eq)]
pub enum Line<'a> {
    Text { number: u64, offset: u64, bytes: &'a [u8] },
    /// The line exceeded the cap; `len` is its full length without the line ending.
    TooLong { number: u64, offset: u64, len: u64 },
}

pub struct LineSplitter {
    max_len: usize,
    /// Bytes of the current line that arrived in earlier chunks.
    pending: Vec<u8>,
    /// Length of the current line so far, once it is over the cap (its bytes are dropped).
    overflow: Option<u64>,
    /// Whether the last dropped byte of an overflowing line was '\r' (not part of its length).
    overflow_cr: bool,
    number: u64,
    line_start: u64,
    consumed: u64,
}

impl LineSplitter {
    pub fn new(max_len: usize) -> Self {
        LineSplitter { max_len, pending: Vec::new(), overflow: None, overflow_cr: false, number: 1, line_start: 0, consumed: 0 }
    }

    /// Number the next line will get; after `finish`, one past the last line.
    pub fn next_number(&self) -> u64 {
        self.number
    }

    /// Decompressed bytes fed so far.
    pub fn consumed(&self) -> u64 {
        self.consumed
    }

    /// Whether a partial line is held (useful when the input is cut short).
    pub fn has_partial(&self) -> bool {
        !self.pending.is_empty() || self.overflow.is_some()
    }

    pub fn feed(&mut self, mut chunk: &[u8], emit: &mut impl FnMut(Line<'_>)) {
        while !chunk.is_empty() {
            match memchr::memchr(b'\n', chunk) {
                Some(i) => {
                    let (head, rest) = (&chunk[..i], &chunk[i + 1..]);
                    self.consumed += i as u64 + 1;
                    self.end_line(head, emit);
                    self.line_start = self.consumed;
                    chunk = rest;
                }
                None => {
                    self.consumed += chunk.len() as u64;
                    self.extend(chunk);
                    break;
                }
            }
        }
    }

    /// Emit a last line that had no trailing newline.
    pub fn finish(&mut self, emit: &mut impl FnMut(Line<'_>)) {
        if self.has_partial() {
            self.end_line(&[], emit);
            self.line_start = self.consumed;
        }
    }

    /// Forget a partial line (the input was cut short; the caller reports it).
    pub fn discard_partial(&mut self) {
        self.pending.clear();
        self.overflow = None;
    }

    fn extend(&mut self, part: &[u8]) {
        self.overflow_cr = part.last() == Some(&b'\r');
        match &mut self.overflow {
            Some(len) => *len += part.len() as u64,
            None if self.pending.len() + part.len() > self.max_len + 1 => {
                // +1 leaves room for a '\r' that a CRLF ending will strip.
                self.overflow = Some((self.pending.len() + part.len()) as u64);
                self.pending = Vec::new();
            }
            None => self.pending.extend_from_slice(part),
        }
    }

    fn end_line(&mut self, tail: &[u8], emit: &mut impl FnMut(Line<'_>)) {
        let (number, offset) = (self.number, self.line_start);
        self.number += 1;
        if let Some(len) = self.overflow.take() {
            let ends_cr = if tail.is_empty() { self.overflow_cr } else { tail.last() == Some(&b'\r') };
            let len = len + tail.len() as u64 - ends_cr as u64;
            emit(Line::TooLong { number, offset, len });
            return;
        }
        let whole: &[u8] = if self.pending.is_empty() {
            tail
        } else {
            self.pending.extend_from_slice(tail);
            &self.pending
        };
        let bytes = whole.strip_suffix(b"\r").unwrap_or(whole);
        if bytes.len() > self.max_len {
            emit(Line::TooLong { number, offset, len: bytes.len() as u64 });
        } else {
            emit(Line::Text { number, offset, bytes });
        }
        self.pending.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, PartialEq, Eq)]
    enum Owned {
        Text(u64, u64, Vec<u8>),
        TooLong(u64, u64, u64),
    }

    fn split(chunks: &[&[u8]], max: usize) -> Vec<Owned> {
        let mut out = Vec::new();
        let mut s = LineSplitter::new(max);
        let mut emit = |l: Line<'_>| {
            out.push(match l {
                Line::Text { number, offset, bytes } => Owned::Text(number, offset, bytes.to_vec()),
                Line::TooLong { number, offset, len } => Owned::TooLong(number, offset, len),
            })
        };
        for c in chunks {
            s.feed(c, &mut emit);
        }
        s.finish(&mut emit);
        out
    }

    #[test]
    fn numbers_offsets_crlf_and_caps() {
        let got = split(&[b"ab\r\n\ncdef\nxyz"], 3);
        assert_eq!(
            got,
            vec![
                Owned::Text(1, 0, b"ab".to_vec()),
                Owned::Text(2, 4, b"".to_vec()),
                Owned::TooLong(3, 5, 4),
                Owned::Text(4, 10, b"xyz".to_vec()),
            ]
        );
    }

    #[test]
    fn long_line_is_not_buffered() {
        let mut s = LineSplitter::new(10);
        let big = vec![b'x'; 1 << 20];
        let mut n = 0;
        for _ in 0..8 {
            s.feed(&big, &mut |_| n += 1);
            assert!(s.pending.capacity() <= 1 << 20, "overflowing line must not accumulate");
        }
        let mut got = Vec::new();
        s.feed(b"\nok\n", &mut |l| got.push(format!("{l:?}")));
        assert_eq!(n, 0);
        assert_eq!(got.len(), 2);
        assert!(got[0].contains("TooLong") && got[0].contains("len: 8388608"), "{got:?}");
    }

    proptest! {
        /// Splitting across arbitrary chunk boundaries equals splitting the whole buffer.
        #[test]
        fn chunking_does_not_matter(
            data in proptest::collection::vec(prop_oneof![Just(b'\n'), Just(b'\r'), Just(b'a'), Just(b'b')], 0..400),
            cuts in proptest::collection::vec(0usize..400, 0..20),
            max in 0usize..12,
        ) {
            let whole = split(&[&data], max);
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(data.len())).collect();
            cuts.sort();
            let mut chunks = Vec::new();
            let mut prev = 0;
            for c in cuts { chunks.push(&data[prev..c]); prev = c; }
            chunks.push(&data[prev..]);
            prop_assert_eq!(split(&chunks, max), whole);
        }
    }
}
