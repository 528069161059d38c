//! Words spelled with Cyrillic or Greek letters that look like Latin ones ("іdіоt" with a Cyrillic
//! і and о), read as the Latin word they show.
//!
//! The model's vocabulary is English word pieces: a lookalike letter makes a word unknown pieces,
//! and a text written that way walked past every head (default model 0.6.0: toxicity 0.997 plain,
//! 0.008 with a few letters swapped). Only words made entirely of Latin letters, digits and such
//! lookalikes are folded; a word with any other letter of those scripts is Russian, Greek or
//! another language and stays as written (a word drawn only in such letters, Russian "сор", reads
//! as Latin "cop": unknown pieces to the model either way). One character becomes one character, so character
//! offsets into the text are unchanged. Doing this in the tokenizer's own pipeline would take one
//! `Replace` normalizer per letter, which halved tokenising speed and cannot look at the word.

use std::borrow::Cow;

/// The Latin letter a Cyrillic or Greek letter is drawn like, for letters that are drawn the same
/// in common fonts.
fn latin(c: char) -> Option<char> {
    Some(match c {
        'а' | 'α' => 'a',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' => 'e',
        'һ' => 'h',
        'і' | 'ι' => 'i',
        'ј' => 'j',
        'κ' => 'k',
        'ӏ' => 'l',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'υ' => 'u',
        'ν' => 'v',
        'ԝ' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'С' => 'C',
        'Е' | 'Ε' => 'E',
        'Н' | 'Η' => 'H',
        'І' | 'Ι' => 'I',
        'Ј' => 'J',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'Ν' => 'N',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'Ԛ' => 'Q',
        'Ѕ' => 'S',
        'Т' | 'Τ' => 'T',
        'Ԝ' => 'W',
        'Х' | 'Χ' => 'X',
        'У' | 'Υ' => 'Y',
        'Ζ' => 'Z',
        _ => return None,
    })
}

/// `text` with its lookalike-spelled words in Latin letters; borrowed when there are none.
pub fn fold(text: &str) -> Cow<'_, str> {
    // Greek and Cyrillic letters (U+0370..U+052F) start with UTF-8 lead bytes 0xCD..=0xD4: a byte
    // scan rules out most text before any character is decoded.
    if !text.bytes().any(|b| (0xCD..=0xD4).contains(&b)) || !text.chars().any(|c| latin(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.chars().all(|c| c.is_ascii() || latin(c).is_some()) {
            out.extend(word.chars().map(|c| latin(c).unwrap_or(c)));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookalike_words_fold_and_other_scripts_stay() {
        assert_eq!(fold("уоu аrе а wоrthlеss іdіоt"), "you are a worthless idiot");
        assert_eq!(fold("ΗΕLLΟ wοrld"), "HELLO world");
        // Russian and Greek words keep their letters, even beside a folded word.
        assert_eq!(fold("Привет, іdіоt! Москва и Αθήνα"), "Привет, idiot! Москва и Αθήνα");
        assert!(matches!(fold("plain ascii"), Cow::Borrowed(_)));
        assert!(matches!(fold("déjà vu – 日本"), Cow::Borrowed(_)));
        for text in ["уоu аrе", "Привет, іdіоt", "a\u{0301}о"] {
            assert_eq!(fold(text).chars().count(), text.chars().count(), "one character for one");
        }
    }
}
