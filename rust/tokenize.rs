//! Encode document text with an HF `tokenizers` tokenizer into windows of at most `max_length`
//! tokens.
//!
//! A document becomes up to `windows` windows: the first `max_length` tokens, then windows that
//! start `overlap` tokens before the previous one ended, each wrapped in the tokenizer's special
//! tokens. With `windows == 1` only the head is scored (the cheapest setting).
//!
//! Only as many tokens as the windows can hold are needed, so the text is cut to a prefix *before*
//! tokenising: tokenising a 200 KB article to keep 256 tokens wastes most of the work. The cut
//! lands on whitespace, so the words kept tokenise exactly as they would in the full text; when the
//! prefix turns out to hold too few tokens the full text is encoded instead, so the result always
//! equals cutting the full encoding.

use std::path::Path;

use tokenizers::{Tokenizer, TruncationParams};

use crate::error::{Error, Result};

/// Prefix sizes tried, in bytes of text per token of budget. English WordPiece averages ~4.6
/// bytes per token (99th percentile ~5.8 on Wikipedia), CJK ~3, so the first cut almost always
/// holds enough; text with unusually long tokens gets a 4× larger cut, then the whole document.
const PREFIX_BYTES_PER_TOKEN: [usize; 2] = [6, 24];

pub struct Encoder {
    /// Truncates to `max_length` with special tokens: the one-window path.
    tokenizer: Tokenizer,
    /// No truncation, no special tokens: the content tokens that windows are cut from.
    content: Tokenizer,
    max_length: usize,
    pad_id: u32,
    /// Special tokens around every window (`[CLS]` … `[SEP]` for BERT).
    prefix: Vec<u32>,
    suffix: Vec<u32>,
    windows: usize,
    overlap: usize,
}

/// One window of a document: its token ids (with special tokens) and the character offset in the
/// document's text where its first content token starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Window {
    pub tokens: Vec<u32>,
    pub start: u32,
}

impl Encoder {
    pub fn from_file(path: &Path, max_length: usize) -> Result<Self> {
        let tokenizer = Tokenizer::from_file(path).map_err(|e| Error::Tokenizer {
            path: path.to_path_buf(),
            msg: e.to_string(),
        })?;
        Self::new(tokenizer, max_length).map_err(|msg| Error::Tokenizer { path: path.to_path_buf(), msg })
    }

    pub fn from_json(json: &str, max_length: usize) -> Result<Self> {
        let tokenizer: Tokenizer = json.parse().map_err(|e: tokenizers::Error| Error::Tokenizer {
            path: "<json>".into(),
            msg: e.to_string(),
        })?;
        Self::new(tokenizer, max_length).map_err(|msg| Error::Tokenizer { path: "<json>".into(), msg })
    }

    fn new(mut tokenizer: Tokenizer, max_length: usize) -> Result<Self, String> {
        if max_length < 2 {
            return Err(format!("max_length must be at least 2, got {max_length}"));
        }
        // Padding and truncation baked into a tokenizer.json are ignored: batches pad themselves,
        // and truncation is ours to set.
        let pad_id = tokenizer.get_padding().map(|p| p.pad_id).or_else(|| {
            ["[PAD]", "<pad>", "<|padding|>"].iter().find_map(|t| tokenizer.token_to_id(t))
        });
        tokenizer.with_padding(None);
        let mut content = tokenizer.clone();
        content.with_truncation(None).map_err(|e| e.to_string())?;
        tokenizer
            .with_truncation(Some(TruncationParams { max_length, ..Default::default() }))
            .map_err(|e| e.to_string())?;
        // Which special tokens go before and after the content: encode one word with and without.
        let ids = |special| content.encode_fast("a", special).map(|e| e.get_ids().to_vec()).map_err(|e| e.to_string());
        let (with, bare) = (ids(true)?, ids(false)?);
        let at = (0..=with.len().saturating_sub(bare.len()))
            .find(|&i| with[i..].starts_with(&bare))
            .ok_or("cannot tell the tokenizer's special tokens apart from the text's")?;
        let (prefix, suffix) = (with[..at].to_vec(), with[at + bare.len()..].to_vec());
        Ok(Encoder { tokenizer, content, max_length, pad_id: pad_id.unwrap_or(0), prefix, suffix, windows: 1, overlap: 0 })
    }

    /// Score up to `windows` windows per document, each overlapping the previous by `overlap` tokens.
    pub fn with_windows(mut self, windows: usize, overlap: usize) -> Result<Self> {
        let body = self.body();
        if windows == 0 {
            return Err(Error::Config { name: "windows", msg: "must be at least 1".into() });
        }
        if windows > 1 && overlap >= body {
            return Err(Error::Config {
                name: "overlap",
                msg: format!("{overlap} tokens leaves nothing new in a window of {body} text tokens"),
            });
        }
        self.windows = windows;
        self.overlap = overlap;
        Ok(self)
    }

    /// Text tokens per window.
    fn body(&self) -> usize {
        self.max_length.saturating_sub(self.prefix.len() + self.suffix.len())
    }

    pub fn windows(&self) -> usize {
        self.windows
    }

    pub fn overlap(&self) -> usize {
        self.overlap
    }

    pub fn max_length(&self) -> usize {
        self.max_length
    }

    pub fn pad_id(&self) -> u32 {
        self.pad_id
    }

    /// The document's windows (at least one, even for empty text).
    pub fn encode_windows(&self, text: &str) -> Result<Vec<Window>, String> {
        if self.windows == 1 {
            return Ok(vec![Window { tokens: self.encode(text)?, start: 0 }]);
        }
        let (body, step) = (self.body(), self.body() - self.overlap);
        let need = body + (self.windows - 1) * step;
        let enc = self.content_prefix(text, need)?;
        let (ids, offsets) = (enc.get_ids(), enc.get_offsets());
        let mut out = Vec::new();
        let (mut start, mut byte, mut chars) = (0, 0, 0);
        loop {
            let end = (start + body).min(ids.len());
            let mut tokens = Vec::with_capacity(end - start + self.prefix.len() + self.suffix.len());
            tokens.extend_from_slice(&self.prefix);
            tokens.extend_from_slice(&ids[start..end]);
            tokens.extend_from_slice(&self.suffix);
            // Offsets are bytes; Python callers index text by characters. Windows go forward, so
            // count the characters since the previous window only.
            let at = offsets.get(start).map_or(0, |o| o.0).min(text.len());
            if let Some(piece) = text.get(byte..at) {
                chars += piece.chars().count();
                byte = at;
            }
            out.push(Window { tokens, start: chars as u32 });
            if end >= ids.len() || out.len() == self.windows {
                return Ok(out);
            }
            start += step;
        }
    }

    /// Content tokens (with byte offsets) of the shortest whitespace-cut prefix holding more than
    /// `need` of them, or of the whole text.
    fn content_prefix(&self, text: &str, need: usize) -> Result<tokenizers::Encoding, String> {
        for per_token in PREFIX_BYTES_PER_TOKEN {
            let limit = need.saturating_mul(per_token);
            if text.len() <= limit {
                break;
            }
            if let Some(prefix) = whitespace_cut(text, limit) {
                let enc = self.content.encode(prefix, false).map_err(|e| e.to_string())?;
                if enc.get_ids().len() > need {
                    return Ok(enc);
                }
            }
        }
        self.content.encode(text, false).map_err(|e| e.to_string())
    }

    /// Token ids with special tokens, at most `max_length` of them: the first window.
    pub fn encode(&self, text: &str) -> Result<Vec<u32>, String> {
        for per_token in PREFIX_BYTES_PER_TOKEN {
            let limit = self.max_length * per_token;
            if text.len() <= limit {
                break;
            }
            if let Some(prefix) = whitespace_cut(text, limit) {
                let enc = self.tokenizer.encode_fast(prefix, true).map_err(|e| e.to_string())?;
                if !enc.get_overflowing().is_empty() {
                    return Ok(enc.get_ids().to_vec());
                }
            }
        }
        let enc = self.tokenizer.encode_fast(text, true).map_err(|e| e.to_string())?;
        Ok(enc.get_ids().to_vec())
    }
}

/// The longest prefix of at most `limit` bytes that ends before whitespace; `None` when the head
/// has no whitespace (cutting inside a word would change its tokens).
fn whitespace_cut(text: &str, limit: usize) -> Option<&str> {
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    match head.rfind(char::is_whitespace) {
        Some(i) if i > 0 => Some(&head[..i]),
        _ => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn tiny() -> &'static str {
        include_str!("../tests/fixtures/tiny-tokenizer.json")
    }

    #[test]
    fn prefix_cut_equals_full_truncation() {
        let words = ["alpha", "beta", "gamma", "zz", "a", "déjà", "日本", "x1"];
        let text: String = (0..3000).map(|i| words[i * 7 % words.len()]).collect::<Vec<_>>().join(" ");
        for max_length in [2, 5, 16, 64, 256] {
            let enc = Encoder::from_json(tiny(), max_length).unwrap();
            let full = enc.tokenizer.encode(text.as_str(), true).unwrap();
            let got = enc.encode(&text).unwrap();
            assert_eq!(got, full.get_ids(), "max_length {max_length}");
            assert_eq!(got.len(), max_length);
        }
    }

    #[test]
    fn long_unbroken_tokens_fall_back_to_full_text() {
        // One 500-letter word: a prefix cut inside it would tokenise differently from the whole word.
        let enc = Encoder::from_json(tiny(), 8).unwrap();
        let text = "a".repeat(500);
        let full = enc.tokenizer.encode(text.as_str(), true).unwrap();
        assert_eq!(enc.encode(&text).unwrap(), full.get_ids());
    }

    #[test]
    fn baked_in_settings_are_ignored_and_specials_added() {
        let enc = Encoder::from_json(tiny(), 512).unwrap();
        let ids = enc.encode(&"word ".repeat(300)).unwrap();
        assert_eq!(ids.len(), 302, "the fixture bakes truncation at 128; ours must win");
        assert_eq!((ids[0], ids[301]), (2, 3), "[CLS] … [SEP]");
        assert_eq!(enc.pad_id(), 0);
    }

    #[test]
    fn windows_cover_the_text_with_overlap() {
        let words = ["alpha", "beta", "gamma", "zz", "a", "déjà", "日本", "x1"];
        let text: String = (0..400).map(|i| words[i * 7 % words.len()]).collect::<Vec<_>>().join(" ");
        let one = Encoder::from_json(tiny(), 16).unwrap();
        let full = one.content.encode(text.as_str(), false).unwrap();
        let (ids, offsets) = (full.get_ids(), full.get_offsets());
        for (windows, overlap) in [(1, 0), (3, 4), (1000, 0), (1000, 13)] {
            let enc = Encoder::from_json(tiny(), 16).unwrap().with_windows(windows, overlap).unwrap();
            let got = enc.encode_windows(&text).unwrap();
            assert_eq!(got[0].tokens, one.encode(&text).unwrap(), "the first window is the head");
            assert!(got.len() <= windows);
            let step = 14 - overlap;
            for (k, w) in got.iter().enumerate() {
                assert_eq!((w.tokens[0], *w.tokens.last().unwrap()), (2, 3), "[CLS] … [SEP]");
                let body = &w.tokens[1..w.tokens.len() - 1];
                assert_eq!(body, &ids[k * step..(k * step + 14).min(ids.len())]);
                let char_at = text[..offsets[k * step].0].chars().count();
                assert_eq!(w.start as usize, char_at, "window {k} starts at its first token");
            }
            if windows == 1000 {
                let last = got.len() - 1;
                assert!(last * step + 14 >= ids.len(), "every token is in some window");
            }
        }
        let short = Encoder::from_json(tiny(), 16).unwrap().with_windows(8, 2).unwrap();
        assert_eq!(short.encode_windows("").unwrap(), vec![Window { tokens: vec![2, 3], start: 0 }]);
        assert!(Encoder::from_json(tiny(), 16).unwrap().with_windows(2, 14).is_err(), "overlap must leave room");
        assert!(Encoder::from_json(tiny(), 16).unwrap().with_windows(0, 0).is_err());
    }

    #[test]
    fn bad_tokenizer_names_its_path() {
        let err = Encoder::from_file(Path::new("/no/tokenizer.json"), 16).err().unwrap();
        assert!(err.to_string().contains("/no/tokenizer.json"));
    }
}
