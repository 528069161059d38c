//! Encode document text with an HF `tokenizers` tokenizer, truncated to `max_length`.
//!
//! Only the head of a document is scored, so the text is cut to a prefix *before* tokenising:
//! tokenising a 7 KB article to keep 256 tokens wastes most of the work. The cut lands on
//! whitespace, so the words kept tokenise exactly as they would in the full text; when the prefix
//! turns out to hold fewer than `max_length` tokens the full text is encoded instead, so the result
//! always equals truncating the full encoding.

use std::path::Path;

use tokenizers::{Tokenizer, TruncationParams};

use crate::error::{Error, Result};

/// Prefix sizes tried, in bytes of text per token of budget. English WordPiece averages ~4.6
/// bytes per token (99th percentile ~5.8 on Wikipedia), CJK ~3, so the first cut almost always
/// holds enough; text with unusually long tokens gets a 4× larger cut, then the whole document.
const PREFIX_BYTES_PER_TOKEN: [usize; 2] = [6, 24];

pub struct Encoder {
    tokenizer: Tokenizer,
    max_length: usize,
    pad_id: u32,
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
        tokenizer
            .with_truncation(Some(TruncationParams { max_length, ..Default::default() }))
            .map_err(|e| e.to_string())?;
        Ok(Encoder { tokenizer, max_length, pad_id: pad_id.unwrap_or(0) })
    }

    pub fn max_length(&self) -> usize {
        self.max_length
    }

    pub fn pad_id(&self) -> u32 {
        self.pad_id
    }

    /// Token ids with special tokens, at most `max_length` of them.
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
    fn bad_tokenizer_names_its_path() {
        let err = Encoder::from_file(Path::new("/no/tokenizer.json"), 16).err().unwrap();
        assert!(err.to_string().contains("/no/tokenizer.json"));
    }
}
