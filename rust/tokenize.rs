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

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use tokenizers::normalizers::{Sequence, NFKC};
use tokenizers::{NormalizerWrapper, Tokenizer};
use unicode_normalization_alignments::{is_nfkc_quick, IsNormalized};

use crate::cheap::Cheap;
use crate::error::{Error, Result};
use crate::lookalike;

/// The first prefix tried, in bytes of text per token of budget. English WordPiece averages ~4.6
/// bytes per token (99th percentile ~5.8 on Wikipedia), CJK ~3, so the first cut almost always
/// holds enough; each retry reads 4× more, until the windows are full or the text is read.
const PREFIX_BYTES_PER_TOKEN: usize = 6;
/// From this many bytes per token on, a prefix with no whitespace to cut at is cut at a character:
/// WordPiece reads a word of more than 100 characters as one `[UNK]`, so text this dense is not
/// words a cut could change (below it, a long word cut in two would read as other tokens).
const DENSE_BYTES_PER_TOKEN: usize = 96;

pub struct Encoder {
    /// No truncation, no padding: the content tokens that windows are cut from.
    content: Tokenizer,
    /// The same with NFKC first (see `with_nfkc`), for text that is not already in NFKC.
    compat: Tokenizer,
    max_length: usize,
    pad_id: u32,
    /// The unknown token (a word read with it is not known to the vocabulary).
    unk: Option<u32>,
    /// Whether the tokenizer drops `lookalike::JOINER`, so that "i.d.i.o.t" can be read as a word.
    joins: bool,
    /// Special tokens around every window (`[CLS]` … `[SEP]` for BERT).
    prefix: Vec<u32>,
    suffix: Vec<u32>,
    windows: usize,
    overlap: usize,
    cheap: Option<Arc<Cheap>>,
    /// Send on only the windows the cheap stage escalates (else it only scores them).
    cascade: bool,
}

/// A document's windows as the transformer will see them, after the cascade.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Encoded {
    /// The windows to score: all of them, or those the cascade escalated (possibly none).
    pub windows: Vec<Window>,
    /// Windows the document has, escalated or not.
    pub total: u32,
    /// Per principle, the cheap stage's highest score over all the windows (empty without one).
    pub cheap: Vec<f32>,
    /// Content tokens of the whole document: counted when the tokeniser read all of it,
    /// extrapolated by bytes from the part it read otherwise (windows cover a capped prefix).
    /// Token budgets (`plan`) and reports count documents by it, whatever the windows scored.
    pub tokens: u32,
}

impl Encoded {
    /// A document read without a tokenizer: one empty window (for re-routing saved scores).
    pub fn untokenised() -> Self {
        Encoded { windows: vec![Window::default()], total: 1, cheap: Vec::new(), tokens: 0 }
    }
}

/// One window of a document: its token ids (with special tokens) and the character offsets in the
/// document's text where its first content token starts and its last one ends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Window {
    pub tokens: Vec<u32>,
    pub start: u32,
    pub end: u32,
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
        tokenizer.with_truncation(None).map_err(|e| e.to_string())?;
        let unk = ["[UNK]", "<unk>"].iter().find_map(|t| tokenizer.token_to_id(t));
        let compat = with_nfkc(tokenizer.clone())?;
        let content = tokenizer;
        // Which special tokens go before and after the content: encode one word with and without.
        let ids = |text: &str, special| content.encode_fast(text, special).map(|e| e.get_ids().to_vec()).map_err(|e| e.to_string());
        let (with, bare) = (ids("a", true)?, ids("a", false)?);
        let at = (0..=with.len().saturating_sub(bare.len()))
            .find(|&i| with[i..].starts_with(&bare))
            .ok_or("cannot tell the tokenizer's special tokens apart from the text's")?;
        let (prefix, suffix) = (with[..at].to_vec(), with[at + bare.len()..].to_vec());
        let joins = ids(&format!("ab{}cd", lookalike::JOINER), false).ok() == ids("abcd", false).ok();
        Ok(Encoder {
            content, compat, max_length, pad_id: pad_id.unwrap_or(0), unk, joins, prefix, suffix,
            windows: 1, overlap: 0, cheap: None, cascade: false,
        })
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

    /// Score every window with a cheap stage; with `cascade`, keep only the windows it escalates.
    pub fn with_cheap(mut self, cheap: Option<Arc<Cheap>>, cascade: bool) -> Self {
        self.cascade = cascade && cheap.is_some();
        self.cheap = cheap;
        self
    }

    /// Special tokens before and after the text in every window.
    pub fn specials(&self) -> (usize, usize) {
        (self.prefix.len(), self.suffix.len())
    }

    pub fn cascade(&self) -> bool {
        self.cascade
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

    /// The document's windows, their cheap scores and, with the cascade on, only those it escalates.
    pub fn encode(&self, text: &str) -> Result<Encoded, String> {
        let (mut windows, tokens) = self.windows_and_tokens(text)?;
        let total = windows.len() as u32;
        let Some(cheap) = &self.cheap else { return Ok(Encoded { windows, total, cheap: Vec::new(), tokens }) };
        let (mut best, mut scores, mut scratch) = (vec![f32::NEG_INFINITY; cheap.principles()], vec![0.0; cheap.principles()], Vec::new());
        let (front, back) = (self.prefix.len(), self.suffix.len());
        windows.retain(|w| {
            cheap.score(&w.tokens[front..w.tokens.len() - back], &mut scratch, &mut scores);
            for (b, s) in best.iter_mut().zip(&scores) {
                *b = b.max(*s);
            }
            !self.cascade || cheap.escalate(&scores)
        });
        Ok(Encoded { windows, total, cheap: best, tokens })
    }

    /// The document's windows (at least one, even for empty text).
    pub fn encode_windows(&self, text: &str) -> Result<Vec<Window>, String> {
        self.windows_and_tokens(text).map(|(w, _)| w)
    }

    /// The windows, and the document's content tokens (see [`Encoded::tokens`]).
    fn windows_and_tokens(&self, text: &str) -> Result<(Vec<Window>, u32), String> {
        let body = self.body();
        let step = (body - self.overlap).max(1); // with_windows keeps overlap < body when windows > 1
        let need = body + (self.windows - 1) * step;
        let (enc, read, seen) = self.content_prefix(text, need)?;
        let (ids, offsets) = (enc.get_ids(), enc.get_offsets());
        let doc_tokens = if read == 0 || read >= text.len() {
            ids.len()
        } else {
            (ids.len() as f64 * text.len() as f64 / read as f64).round() as usize
        };
        let doc_tokens = doc_tokens.min(u32::MAX as usize) as u32;
        let mut out = Vec::new();
        let mut chars = CharOffsets::new(&seen);
        let mut start = 0;
        loop {
            let end = (start + body).min(ids.len());
            let mut tokens = Vec::with_capacity(end - start + self.prefix.len() + self.suffix.len());
            tokens.extend_from_slice(&self.prefix);
            tokens.extend_from_slice(&ids[start..end]);
            tokens.extend_from_slice(&self.suffix);
            let (first, last) = if end > start { (offsets[start].0, offsets[end - 1].1) } else { (0, 0) };
            out.push(Window { tokens, start: chars.at(first), end: chars.at(last) });
            if end >= ids.len() || out.len() == self.windows {
                return Ok((out, doc_tokens));
            }
            start += step;
        }
    }

    /// The pieces the vocabulary reads `word` in; None with an unknown one (for `lookalike::leet`).
    fn pieces(&self, word: &str) -> Option<usize> {
        let enc = self.content.encode_fast(word, false).ok()?;
        (!enc.get_ids().iter().any(|&id| Some(id) == self.unk)).then_some(enc.len())
    }

    /// Content tokens (with byte offsets) of the shortest prefix (of 6, 24, 96, ... bytes per token
    /// of `need`) holding more than `need` of them, or of the whole text. A prefix is cut on
    /// whitespace where there is any and on a character boundary otherwise (from
    /// DENSE_BYTES_PER_TOKEN on), so that a huge document
    /// with no spaces (or in a script without them) costs memory for its windows only; a word cut
    /// in two there may end in other tokens than it would whole. There is no cap on the bytes read:
    /// with one (128 per token), half a MB of spaces or zero-width characters in front of a
    /// violating sentence left the windows empty and the document scored as empty. Also returns the
    /// bytes of `text` encoded, and the text the offsets index ([`lookalike::as_read`]: the same
    /// characters one for one, so character offsets hold for `text`).
    fn content_prefix<'a>(&self, text: &'a str, need: usize) -> Result<(tokenizers::Encoding, usize, Cow<'a, str>), String> {
        let encode = |t: &'a str| {
            let seen = lookalike::as_read(t, self.joins, |w| self.pieces(w));
            let nfkc = seen.is_ascii() || is_nfkc_quick(seen.chars()) == IsNormalized::Yes;
            let tokenizer = if nfkc { &self.content } else { &self.compat };
            tokenizer.encode(seen.as_ref(), false).map(|e| (e, t.len(), seen)).map_err(|e| e.to_string())
        };
        let need = need.max(1); // a window with room for no text still reads one token, harmlessly
        let mut per_token = PREFIX_BYTES_PER_TOKEN;
        loop {
            let limit = need.saturating_mul(per_token);
            if text.len() <= limit {
                return encode(text);
            }
            let prefix = whitespace_cut(text, limit).or_else(|| (per_token >= DENSE_BYTES_PER_TOKEN).then(|| char_cut(text, limit)));
            if let Some(prefix) = prefix {
                let got = encode(prefix)?;
                if got.0.get_ids().len() > need {
                    return Ok(got);
                }
            }
            per_token = per_token.saturating_mul(4);
        }
    }
}

/// Put NFKC before the tokenizer's own normalizer, so that compatibility forms read as the letters
/// they show. Fullwidth ｉｄｉｏｔ, mathematical 𝐢𝐝𝐢𝐨𝐭, circled ⓘⓓⓘⓞⓣ or ligatures are unknown or
/// rare pieces to a WordPiece vocabulary, and text written in them walked past every head (default
/// model 0.6.0: toxicity 0.997 plain, 0.003 fullwidth). NFKC is the identity on ordinary text, but
/// the crate's rebuilds every text's alignments (a quarter of tokenising Wikipedia), so the encoder
/// uses this tokenizer only for text that a quick check does not find already in NFKC.
/// `finetune._encode` does the same for training.
fn with_nfkc(mut tokenizer: Tokenizer) -> Result<Tokenizer, String> {
    let nfkc = NormalizerWrapper::from(NFKC);
    let folded = match tokenizer.get_normalizer() {
        Some(NormalizerWrapper::NFKC(_)) => return Ok(tokenizer),
        Some(own) => NormalizerWrapper::from(Sequence::new(vec![nfkc, own.clone()])),
        None => nfkc,
    };
    tokenizer.with_normalizer(Some(folded)).map_err(|e| e.to_string())?;
    Ok(tokenizer)
}

/// The longest prefix of at most `limit` bytes that ends on a character boundary.
fn char_cut(text: &str, limit: usize) -> &str {
    let mut end = limit.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Byte offsets to character offsets (Python indexes text by character), for offsets that only
/// grow or repeat: window starts and ends, in order, count each character about once.
struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        CharOffsets { text, byte: 0, chars: 0 }
    }

    fn at(&mut self, byte: usize) -> u32 {
        let byte = byte.min(self.text.len());
        if byte < self.byte {
            (self.chars - self.text[byte..self.byte].chars().count()) as u32
        } else {
            self.chars += self.text[self.byte..byte].chars().count();
            self.byte = byte;
            self.chars as u32
        }
    }
}

/// The longest prefix of at most `limit` bytes that ends before whitespace; `None` when the head
/// has no whitespace (cutting inside a word would change its tokens).
fn whitespace_cut(text: &str, limit: usize) -> Option<&str> {
    let head = char_cut(text, limit);
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

    /// What the tokenizers crate itself gives when truncating to `max_length` with special tokens.
    fn truncated(text: &str, max_length: usize) -> Vec<u32> {
        let mut t: Tokenizer = tiny().parse().unwrap();
        t.with_padding(None);
        t.with_truncation(Some(tokenizers::TruncationParams { max_length, ..Default::default() })).unwrap();
        t.encode(text, true).unwrap().get_ids().to_vec()
    }

    fn head(enc: &Encoder, text: &str) -> Vec<u32> {
        enc.encode_windows(text).unwrap().swap_remove(0).tokens
    }

    #[test]
    fn prefix_cut_equals_full_truncation() {
        let words = ["alpha", "beta", "gamma", "zz", "a", "déjà", "日本", "x1"];
        let text: String = (0..3000).map(|i| words[i * 7 % words.len()]).collect::<Vec<_>>().join(" ");
        for max_length in [2, 5, 16, 64, 256] {
            let enc = Encoder::from_json(tiny(), max_length).unwrap();
            let got = head(&enc, &text);
            assert_eq!(got, truncated(&text, max_length), "max_length {max_length}");
            assert_eq!(got.len(), max_length);
        }
    }

    #[test]
    fn long_unbroken_tokens_fall_back_to_full_text() {
        // One 500-letter word: a prefix cut inside it would tokenise differently from the whole word.
        let enc = Encoder::from_json(tiny(), 8).unwrap();
        let text = "a".repeat(500);
        assert_eq!(head(&enc, &text), truncated(&text, 8));
    }

    #[test]
    fn huge_text_without_spaces_is_cut_by_bytes() {
        let enc = Encoder::from_json(tiny(), 16).unwrap().with_windows(4, 2).unwrap();
        // 8 MB of CJK (3 bytes a character, no whitespace): its windows fill from the head.
        let text = "日本".repeat(1_400_000);
        let started = std::time::Instant::now();
        let got = enc.encode_windows(&text).unwrap();
        assert!(got.len() == 4 && got.iter().all(|w| w.tokens.len() <= 16 && (w.end as usize) <= 50 * 24));
        // One unbroken 8 MB word is one [UNK]: read whole (in growing prefixes), still quickly.
        let word = "ab".repeat(4_000_000);
        let got = enc.encode_windows(&word).unwrap();
        assert!(got.len() == 1 && got[0].tokens.len() == 3);
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }

    #[test]
    fn tokenless_padding_does_not_hide_what_follows() {
        // Half a MB of spaces or zero-width spaces in front of a sentence: with the read capped at
        // 128 bytes per window token the windows held nothing and the document scored as empty.
        let enc = Encoder::from_json(tiny(), 16).unwrap().with_windows(16, 2).unwrap();
        for pad in [" ".repeat(520_200), "\u{200B}".repeat(160_000), "x".repeat(100_000) + " "] {
            let text = format!("{pad}alpha beta gamma");
            let got = enc.encode_windows(&text).unwrap();
            let ids: Vec<u32> = got.iter().flat_map(|w| w.tokens.iter().copied()).collect();
            let gamma = enc.content.token_to_id("gamma").unwrap();
            assert!(ids.contains(&gamma), "{} bytes of padding hid the text", pad.len());
            assert_eq!(got.last().unwrap().end as usize, text.chars().count());
        }
    }

    #[test]
    fn compatibility_forms_and_lookalike_letters_read_as_the_letters_they_show() {
        let enc = Encoder::from_json(tiny(), 64).unwrap().with_windows(2, 1).unwrap();
        let plain = "alpha beta gamma";
        for folded in ["ａｌｐｈａ ｂｅｔａ ｇａｍｍａ", "𝐚𝐥𝐩𝐡𝐚 𝐛𝐞𝐭𝐚 𝐠𝐚𝐦𝐦𝐚", "ⓐⓛⓟⓗⓐ ⓑⓔⓣⓐ ⓖⓐⓜⓜⓐ", "аlрhа bеtа gаmmа"] {
            assert_ne!(truncated(folded, 64), truncated(plain, 64), "the bare tokenizer reads {folded} otherwise");
            let (w, p) = (&enc.encode_windows(folded).unwrap()[0], &enc.encode_windows(plain).unwrap()[0]);
            assert_eq!(w.tokens, p.tokens, "{folded}");
            // Offsets still index the original text: the window ends at its last character.
            assert_eq!((w.start, w.end), (0, folded.chars().count() as u32));
        }
    }

    #[test]
    fn baked_in_settings_are_ignored_and_specials_added() {
        let enc = Encoder::from_json(tiny(), 512).unwrap();
        let ids = head(&enc, &"word ".repeat(300));
        assert_eq!(ids.len(), 302, "the fixture bakes truncation at 128; ours must win");
        assert_eq!((ids[0], ids[301]), (2, 3), "[CLS] … [SEP]");
        assert_eq!(enc.pad_id(), 0);
    }

    #[test]
    fn the_cascade_keeps_only_escalated_windows_and_the_best_cheap_scores() {
        let base = Encoder::from_json(tiny(), 8).unwrap().with_windows(50, 2).unwrap();
        let gamma = base.content.token_to_id("gamma").unwrap();
        let bits = 8;
        let mut f = Vec::new();
        crate::cheap::features(&[gamma], bits, &mut f);
        let mut weights = vec![0.0; 1 << bits];
        weights[f[0] as usize] = 10.0;
        let cheap = std::sync::Arc::new(crate::cheap::Cheap::new(bits, weights, vec![-1.0], vec![0.0]).unwrap());
        let text = format!("{} gamma {}", "hello world ".repeat(20), "hello world ".repeat(20));
        let all = base.encode_windows(&text).unwrap();
        let enc = Encoder::from_json(tiny(), 8).unwrap().with_windows(50, 2).unwrap();
        let scored = enc.with_cheap(Some(cheap.clone()), false).encode(&text).unwrap();
        assert_eq!((scored.windows.len(), scored.total as usize), (all.len(), all.len()));
        assert!(scored.cheap[0] > 0.0, "the best window holds gamma");
        let enc = Encoder::from_json(tiny(), 8).unwrap().with_windows(50, 2).unwrap();
        let cascaded = enc.with_cheap(Some(cheap), true).encode(&text).unwrap();
        assert_eq!(cascaded.total as usize, all.len());
        assert!(!cascaded.windows.is_empty() && cascaded.windows.len() < 3);
        assert!(cascaded.windows.iter().all(|w| w.tokens.contains(&gamma)));
        assert_eq!(cascaded.cheap, scored.cheap);
        let clean = Encoder::from_json(tiny(), 8).unwrap().with_windows(50, 2).unwrap();
        let none = clean.with_cheap(Some(std::sync::Arc::new(crate::cheap::Cheap::new(bits, vec![0.0; 1 << bits], vec![-1.0], vec![0.0]).unwrap())), true);
        let cleared = none.encode(&text).unwrap();
        assert!(cleared.windows.is_empty() && cleared.cheap == vec![-1.0]);
    }

    #[test]
    fn a_documents_tokens_are_counted_whole_or_extrapolated() {
        let words = ["alpha", "beta", "gamma", "zz", "a", "déjà", "日本", "x1"];
        let text: String = (0..4000).map(|i| words[i * 7 % words.len()]).collect::<Vec<_>>().join(" ");
        let one = Encoder::from_json(tiny(), 16).unwrap();
        let exact = one.content.encode(text.as_str(), false).unwrap().get_ids().len() as f64;
        // Windows need far less than the text: the count is extrapolated from the part read.
        let got = one.encode(&text).unwrap().tokens as f64;
        assert!((got - exact).abs() / exact < 0.05, "{got} vs {exact}");
        // Short text is read whole: counted exactly, whatever the windows.
        let short = "alpha beta gamma déjà";
        let n = one.content.encode(short, false).unwrap().get_ids().len() as u32;
        assert_eq!(one.encode(short).unwrap().tokens, n);
        let many = Encoder::from_json(tiny(), 16).unwrap().with_windows(1000, 0).unwrap();
        assert_eq!(many.encode(&text).unwrap().tokens as f64, exact);
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
            assert_eq!(got[0].tokens, truncated(&text, 16), "the first window is the head");
            assert!(got.len() <= windows);
            let step = 14 - overlap;
            for (k, w) in got.iter().enumerate() {
                assert_eq!((w.tokens[0], *w.tokens.last().unwrap()), (2, 3), "[CLS] … [SEP]");
                let body = &w.tokens[1..w.tokens.len() - 1];
                assert_eq!(body, &ids[k * step..(k * step + 14).min(ids.len())]);
                let chars = |byte: usize| text[..byte].chars().count() as u32;
                let last = (k * step + 14).min(ids.len()) - 1;
                assert_eq!(w.start, chars(offsets[k * step].0), "window {k} starts at its first token");
                assert_eq!(w.end, chars(offsets[last].1), "window {k} ends at its last token");
            }
            if windows == 1000 {
                let last = got.len() - 1;
                assert!(last * step + 14 >= ids.len(), "every token is in some window");
            }
        }
        let short = Encoder::from_json(tiny(), 16).unwrap().with_windows(8, 2).unwrap();
        assert_eq!(short.encode_windows("").unwrap(), vec![Window { tokens: vec![2, 3], start: 0, end: 0 }]);
        assert!(Encoder::from_json(tiny(), 16).unwrap().with_windows(2, 14).is_err(), "overlap must leave room");
        assert!(Encoder::from_json(tiny(), 16).unwrap().with_windows(0, 0).is_err());
    }

    #[test]
    fn bad_tokenizer_names_its_path() {
        let err = Encoder::from_file(Path::new("/no/tokenizer.json"), 16).err().unwrap();
        assert!(err.to_string().contains("/no/tokenizer.json"));
    }
}
