//! Words spelled with letters that look like Latin ones (Cyrillic, Greek, Armenian, IPA, small
//! capitals, letters in squares: "іdіоt" with a Cyrillic і and о, "ɪᴅɪᴏᴛ", "🅸🅳🅸🅾🆃"), read as the
//! Latin word they show; words spelled with digits or symbols for letters ("1d10t", "k1ll"); and
//! words split letter by letter or broken by dots ("i.d.i.o.t", "id.iot"), read as the word they
//! spell when the vocabulary knows it.
//!
//! The model's vocabulary is English word pieces: a lookalike letter makes a word unknown pieces,
//! and a text written that way walked past every head (default model 0.6.0: toxicity 0.997 plain,
//! 0.008 with a few letters swapped). Only words made entirely of Latin letters, digits and such
//! lookalikes are folded; a word with any other letter of those scripts is Russian, Greek or
//! another language and stays as written (a word drawn only in such letters, Russian "сор", reads
//! as Latin "cop": unknown pieces to the model either way). One character becomes one character,
//! so character offsets into the text are unchanged. Doing this in the tokenizer's own pipeline
//! would take one `Replace` normalizer per letter, which halved tokenising speed and cannot look at
//! the word.

use std::borrow::Cow;

/// The Latin letter a non-ASCII character is drawn like: a Cyrillic or Greek letter drawn the same
/// in common fonts (this table: the skeleton data below maps more of those scripts' letters, "г"
/// as "r", Cyrillic "І" as "l", which would turn more Russian words into Latin noise), a "fancy
/// text" style letter (small capitals, negative squared and circled letters), or a letter of
/// another script that Unicode's confusables data (UTS #39 skeletons) draws as one Latin letter
/// (Armenian "օ", Cherokee "Ꭺ", IPA "ɑ", Lisu "ꓮ", Canadian syllabics "ᑭ").
fn latin(c: char) -> Option<char> {
    if c.is_ascii() {
        return None;
    }
    drawn_alike(c).or_else(|| styled(c)).or_else(|| confusable(c))
}

fn drawn_alike(c: char) -> Option<char> {
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

/// Letters of "fancy text" generators that neither NFKC nor the confusables data reads as Latin:
/// small capitals ("ʏᴏᴜ ᴀʀᴇ", toxicity 0.008 for a message scoring 0.998 plainly, on the default
/// model 0.6.0) and letters in negative (white on black) squares and circles ("🅸🅳🅸🅾🆃").
fn styled(c: char) -> Option<char> {
    let u = c as u32;
    let from = |first: u32| char::from_u32(u - first + 'A' as u32);
    match u {
        0x1F150..=0x1F169 => from(0x1F150), // NEGATIVE CIRCLED LATIN CAPITAL LETTER A..Z
        0x1F170..=0x1F189 => from(0x1F170), // NEGATIVE SQUARED LATIN CAPITAL LETTER A..Z
        _ => Some(match c {
            'ᴀ' => 'a',
            'ʙ' => 'b',
            'ᴅ' => 'd',
            'ᴇ' => 'e',
            'ғ' => 'f', // Cyrillic ghe with stroke: the generators' small-capital F
            'ɢ' => 'g',
            'ʜ' => 'h',
            'ᴊ' => 'j',
            'ᴋ' => 'k',
            'ʟ' => 'l',
            'ᴍ' => 'm',
            'ɴ' => 'n',
            'ᴘ' => 'p',
            'ʀ' => 'r',
            'ᴛ' => 't',
            _ => return None,
        }),
    }
}

/// A letter that Unicode's confusables data draws as one ASCII letter, in the blocks text is
/// disguised with (Latin extensions and IPA, Armenian, Cherokee, Canadian syllabics, phonetic
/// extensions, letterlike symbols, Coptic, Lisu, fullwidth); not Latin-1 and Latin extended-A,
/// whose letters are letters of living orthographies (Icelandic "þ" drawn as "p", Turkish "ı" as
/// "i", the long "ſ" as "f"), nor Greek and Cyrillic (the table above), nor right-to-left and East
/// Asian scripts, whose letters the data also draws as Latin ones (Hebrew "ו" as "l", Hangul "ㅇ"
/// as "o") but no one disguises English with. Built once (~1,000 letters, a few milliseconds),
/// then a binary search.
fn confusable(c: char) -> Option<char> {
    use std::sync::OnceLock;
    use unicode_security::confusable_detection::skeleton;
    const BLOCKS: [(u32, u32); 10] = [
        (0x0180, 0x036F),   // Latin extended-B, IPA, spacing modifiers
        (0x0530, 0x058F),   // Armenian
        (0x13A0, 0x167F),   // Cherokee, Canadian syllabics
        (0x1D00, 0x1EFF),   // phonetic extensions, Latin extended additional
        (0x2100, 0x218F),   // letterlike symbols, number forms
        (0x2C60, 0x2CFF),   // Latin extended-C, Coptic
        (0xA4D0, 0xA4FF),   // Lisu
        (0xA720, 0xA7FF),   // Latin extended-D
        (0xAB30, 0xABBF),   // Latin extended-E, Cherokee supplement
        (0xFF00, 0xFFEF),   // fullwidth
    ];
    static TABLE: OnceLock<Vec<(char, char)>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut buf = [0u8; 4];
        BLOCKS
            .iter()
            .flat_map(|&(a, b)| (a..=b).filter_map(char::from_u32))
            .filter(|c| c.is_alphabetic())
            .filter_map(|c| {
                let mut shown = skeleton(c.encode_utf8(&mut buf));
                match (shown.next(), shown.next()) {
                    // The data draws capital I (and letters like it) as "l".
                    (Some('l'), None) if c.is_uppercase() => Some((c, 'I')),
                    (Some(l), None) if l.is_ascii_alphabetic() => Some((c, l)),
                    _ => None,
                }
            })
            .collect()
    });
    table.binary_search_by_key(&c, |&(k, _)| k).ok().map(|i| table[i].1)
}

/// Whether `hit` holds at the index of some non-ASCII byte of `b`: ASCII runs, most of any
/// English text, are skipped by a search the compiler vectorises.
fn any_non_ascii(b: &[u8], mut hit: impl FnMut(usize) -> bool) -> bool {
    let mut i = 0;
    while let Some(k) = b[i..].iter().position(|&x| x >= 0x80) {
        i += k;
        if hit(i) {
            return true;
        }
        i += 1;
    }
    false
}

/// `text` with its lookalike-spelled words in Latin letters; borrowed when there are none.
pub fn fold(text: Cow<'_, str>) -> Cow<'_, str> {
    // Every letter `latin` knows starts with one of these UTF-8 lead bytes (U+0180..U+05BF,
    // U+1000..U+1FFF, U+2100..U+21BF, U+2C40..U+2CFF, U+A000..U+AFFF, U+F000..U+FFFF, the
    // enclosed letters beyond): a byte scan rules out most text, accented Latin and typographic
    // punctuation included, before any character is decoded.
    let b = text.as_bytes();
    let lead = |i: usize| match b[i] {
        0xC6..=0xD6 | 0xE1 | 0xEA | 0xEF | 0xF0 => true,
        0xE2 => matches!(b.get(i + 1), Some(0x84..=0x86 | 0xB1..=0xB3)),
        _ => false,
    };
    if !any_non_ascii(b, lead) || !text.chars().any(|c| latin(c).is_some()) {
        return text;
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
        // Letters in squares are symbols, not letters, to Unicode: part of a word all the same.
        if c.is_alphanumeric() || latin(c).is_some() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    Cow::Owned(out)
}

/// `text` as a reader sees it: blank letters as spaces, display order, upside-down text turned
/// upright, backspaces applied, lookalike letters as Latin, and words spelled with digits, letter
/// by letter, broken by dots or with every letter twice read as the words they spell. Every step
/// keeps one character for one, so character offsets into `text` hold. `joins`: the tokenizer
/// drops [`JOINER`] (the steps that need it are skipped otherwise); `pieces`: how many vocabulary
/// pieces a word is (None with an unknown one).
pub fn as_read(text: &str, joins: bool, pieces: impl Fn(&str) -> Option<usize>) -> Cow<'_, str> {
    let shown = turned_upright(shown_order(blanks_as_spaces(Cow::Borrowed(text))));
    let shown = if joins { erased(shown) } else { shown };
    let seen = leet(fold(shown), &pieces);
    if joins {
        doubled(broken_words(spelled_out(seen, &pieces), &pieces), &pieces)
    } else {
        seen
    }
}

/// Characters drawn as blank space that Unicode counts as a letter or symbol, not as space: the
/// Braille blank and the Hangul fillers. Put between words ("You\u{2800}are\u{2800}a..."), they
/// made a message one unknown word (toxicity 0.003 against 0.998 plainly, default model 0.6.0).
const BLANKS: [char; 5] = ['\u{2800}', '\u{3164}', '\u{115F}', '\u{1160}', '\u{FFA0}'];

/// `text` with [`BLANKS`] as spaces, one character for one.
pub fn blanks_as_spaces(text: Cow<'_, str>) -> Cow<'_, str> {
    // A SIMD search per blank is cheaper than decoding every character of every text.
    let mut buf = [0u8; 4];
    if !BLANKS.iter().any(|c| memchr::memmem::find(text.as_bytes(), c.encode_utf8(&mut buf).as_bytes()).is_some()) {
        return text;
    }
    Cow::Owned(text.chars().map(|c| if BLANKS.contains(&c) { ' ' } else { c }).collect())
}

/// Direction controls: embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069).
fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with each paragraph that holds a direction control in the order it is shown, not the
/// order it is stored: "\u{202E}toidi\u{202C}" shows as "idiot" (a right-to-left override of
/// reversed letters), and a message written that way word by word (inside a left-to-right
/// override, so that the spaces keep the words in order) scored 0.45 for toxicity against 0.998
/// plainly on the default model 0.6.0. The Unicode bidirectional algorithm
/// (unicode-bidi) gives each character its level and the shown order; the characters are only
/// moved, one for one, so a window's offsets stay inside the paragraph it came from. Paragraphs
/// without such a control, including plain Arabic or Hebrew, stay in stored order (what the
/// model reads for those scripts). No Wikipedia document of 6,509 holds one.
pub fn shown_order(text: Cow<'_, str>) -> Cow<'_, str> {
    use unicode_bidi::BidiInfo;
    // The controls are E2 80 AA..AE and E2 81 A6..A9 in UTF-8: a byte scan, no decoding.
    let b = text.as_bytes();
    let control_at = |i: usize| matches!((b.get(i + 1), b.get(i + 2)), (Some(0x80), Some(0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9)));
    if !memchr::memchr_iter(0xE2, b).any(control_at) {
        return text;
    }
    let info = BidiInfo::new(&text, None);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for para in &info.paragraphs {
        let range = para.range.clone();
        out.push_str(&text[last..range.start]);
        let stored = &text[range.clone()];
        if stored.chars().any(is_direction_control) {
            // Levels come per byte of the whole text: one per character of this paragraph.
            let by_byte = info.reordered_levels(para, range.clone());
            let (chars, levels): (Vec<char>, Vec<_>) = stored.char_indices().map(|(i, c)| (c, by_byte[range.start + i])).unzip();
            out.extend(BidiInfo::reorder_visual(&levels).into_iter().map(|i| chars[i]));
        } else {
            out.push_str(stored);
        }
        last = range.end;
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// The letter an upside-down letter shows when the text is turned the right way up, for letters
/// only upside-down text uses ("ɐ", "ǝ", "ʇ", "∀", "⅄"); ASCII letters in such text stand for
/// their turned forms too (`turned_ascii`).
fn turned(c: char) -> Option<char> {
    Some(match c {
        'ɐ' => 'a',
        'ɔ' => 'c',
        'ǝ' => 'e',
        'ɟ' => 'f',
        'ƃ' => 'g',
        'ɥ' => 'h',
        'ᴉ' | 'ı' => 'i',
        'ɾ' => 'j',
        'ʞ' => 'k',
        'ɯ' => 'm',
        'ɹ' => 'r',
        'ʇ' => 't',
        'ʌ' => 'v',
        'ʍ' => 'w',
        'ʎ' => 'y',
        '∀' => 'A',
        'Ɔ' => 'C',
        'Ǝ' => 'E',
        'Ⅎ' => 'F',
        '⅁' => 'G',
        'ſ' => 'J',
        '˥' => 'L',
        'Ԁ' => 'P',
        'ᴚ' => 'R',
        '⊥' => 'T',
        '∩' => 'U',
        'Λ' => 'V',
        '⅄' => 'Y',
        '¡' => '!',
        '¿' => '?',
        '˙' => '.',
        _ => return None,
    })
}

/// An ASCII character in upside-down text: the letters that turn into others (b q, d p, n u,
/// W M) swapped, the rest as they are.
fn turned_ascii(c: char) -> char {
    match c {
        'b' => 'q',
        'q' => 'b',
        'd' => 'p',
        'p' => 'd',
        'n' => 'u',
        'u' => 'n',
        'W' => 'M',
        'M' => 'W',
        _ => c,
    }
}

/// `text` with each upside-down paragraph turned the right way up: "ʇoıpı" is "idiot" read
/// upside down (the generators map each letter to a turned form and reverse the order), and a
/// message written that way scored 0.009 for toxicity against 0.998 plainly (default model
/// 0.6.0). A paragraph counts when at least a fifth of its letters, and three or more, are letters
/// only such text uses; IPA transcriptions inside prose (ʌ, ɔ, ɐ) are far fewer. Characters are
/// only moved and swapped, one for one.
pub fn turned_upright(text: Cow<'_, str>) -> Cow<'_, str> {
    // The turned letters beyond Latin-1 start with these UTF-8 lead bytes (U+0100..U+01FF,
    // U+0240..U+02FF, U+0380..U+03BF, U+0500..U+053F, U+1000..U+1FFF, U+2100..U+217F,
    // U+2200..U+22BF): a byte scan rules out most text before any character is decoded.
    let b = text.as_bytes();
    let lead = |i: usize| match b[i] {
        0xC4..=0xC7 | 0xC9..=0xCB | 0xCE | 0xD4 | 0xE1 => true,
        0xE2 => matches!(b.get(i + 1), Some(0x84 | 0x85 | 0x88 | 0x8A)),
        _ => false,
    };
    if !any_non_ascii(b, lead) || !text.chars().any(|c| c as u32 > 0xFF && turned(c).is_some()) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for (i, para) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let letters = para.chars().filter(|c| c.is_alphabetic()).count();
        let turned_letters = para.chars().filter(|&c| c.is_alphabetic() && turned(c).is_some()).count();
        if turned_letters >= 3 && turned_letters * 5 >= letters {
            out.extend(para.chars().rev().map(|c| turned(c).unwrap_or_else(|| turned_ascii(c))));
        } else {
            out.push_str(para);
        }
    }
    Cow::Owned(out)
}

/// `text` with what backspaces erase when shown ("idXq\u{8}\u{8}iot" shows as "idiot": each
/// backspace takes back the character before it) swapped for [`JOINER`], with the backspaces
/// themselves, so the letters around close up and one character still stands for one. Text with a
/// backspace between every few letters of a message scored 0.90 against 0.998 plainly. Only for a
/// tokenizer that drops the joiner.
pub fn erased(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.as_bytes().contains(&0x08) {
        return text;
    }
    let mut chars: Vec<char> = text.chars().collect();
    let mut shown: Vec<usize> = Vec::new(); // characters not erased so far, by index
    for i in 0..chars.len() {
        if chars[i] == '\u{8}' {
            chars[i] = JOINER;
            if let Some(k) = shown.pop() {
                chars[k] = JOINER;
            }
        } else if chars[i] != JOINER {
            shown.push(i);
        }
    }
    Cow::Owned(chars.into_iter().collect())
}

/// The letter a digit or symbol stands for in words written to dodge a filter ("1d10t", "h4te",
/// "b!tch"). A `1` may also be an `l` ("k1ll" is "kill" either way, "1ame" is "lame").
fn letter_for(c: char, one: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' => one,
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        '!' => 'i',
        _ => return None,
    })
}

/// `text` with words that spell a letter with a digit or symbol read as the word they spell, when
/// that is one piece of the vocabulary and the word as written is not (`pieces`: the count, None
/// for a word with an unknown piece): "1d10t" is four pieces, "idiot" one. A word needs two
/// letters and four characters, and a run of digits at its start or end beside fewer than four
/// letters is a number ("700th", "10Be"); ordinals and codes (1st, 70s, mp3, CH3) are one piece
/// as written, too short, or spell no word, so they stay. On Wikipedia 31 of 6,509 documents hold
/// a word this reads otherwise, and what it reads is harmless (Direct3D as "directed", POP3 as
/// "pope"). A word whose letters make two pieces ("sc@m": sc ##am) stays: allowing two folded
/// codes in 6.7% of Wikipedia's documents. One ASCII character becomes one, so character offsets
/// hold. Digits for letters had taken a bullying message from toxicity 0.997 to 0.008 on the
/// default model 0.6.0.
pub fn leet<'a>(text: Cow<'a, str>, pieces: impl Fn(&str) -> Option<usize>) -> Cow<'a, str> {
    let bytes = text.as_bytes();
    // A symbol belongs to a word only with a letter or digit after it: "idiot!" ends at the "t".
    let part_of_word = |i: usize| {
        let b = bytes[i];
        b.is_ascii_alphanumeric() || (b"@$!".contains(&b) && bytes.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric()))
    };
    let mut edits: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !part_of_word(i) || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && part_of_word(i) {
            i += 1;
        }
        let word = &text[start..i];
        let letters = word.bytes().filter(u8::is_ascii_alphabetic).count();
        // Most words are letters only: ruled out before anything else is looked at.
        if letters == word.len() || letters < 2 || word.len() < 4 {
            continue;
        }
        // A word glued to other letters (é, а) is not an ASCII word: leave it.
        let glued = text[i..].chars().next().is_some_and(char::is_alphanumeric)
            || text[..start].chars().next_back().is_some_and(char::is_alphanumeric);
        let digits = |b: &[u8]| b.len() >= 2 && b.iter().all(u8::is_ascii_digit);
        let edge_run = digits(&word.as_bytes()[..2]) || digits(&word.as_bytes()[word.len() - 2..]);
        let number = edge_run && letters < 4; // "700th", "10Be", not "w0rthle55"
        if glued || number {
            continue;
        }
        let upper = word.bytes().filter(u8::is_ascii_alphabetic).all(|b| b.is_ascii_uppercase());
        let stand_in = |c: char, one| letter_for(c, one).map(|l| if upper { l.to_ascii_uppercase() } else { l });
        let ones: &[char] = if word.contains('1') { &['i', 'l'] } else { &['i'] };
        // The tokenizer is asked only about words every character of which stands for a letter.
        let spelled = ones
            .iter()
            .filter_map(|&one| word.chars().map(|c| if c.is_ascii_alphabetic() { Some(c) } else { stand_in(c, one) }).collect())
            .find(|w: &String| pieces(w) == Some(1));
        if let Some(w) = spelled.filter(|_| pieces(word).is_none_or(|n| n > 1)) {
            edits.push((start, w));
        }
    }
    if edits.is_empty() {
        return text;
    }
    let mut out = text.into_owned();
    for (at, w) in edits {
        out.replace_range(at..at + w.len(), &w);
    }
    Cow::Owned(out)
}

/// An invisible joiner: BERT-style normalizers drop it (a format character), so a separator
/// swapped for it leaves the letters around it one word, and one character still stands for one.
pub const JOINER: char = '\u{200D}';

/// `text` with words spelled letter by letter between spaces, dots, dashes, slashes, underscores
/// or stars ("i d i o t" 0.848, "i.d.i.o.t" 0.517, "k-i-l-l" 0.874 for toxicity in a message
/// that scores 0.998 written plainly, on the default model 0.6.0) read as words: a run of single
/// letters is cut into the words of four letters or more that are one piece of the vocabulary
/// (`pieces`, as for [`leet`]; "a w o r t h l e s s i d i o t" is "a", "worthless", "idiot",
/// covering as many letters as can be), and the separators inside each such word become
/// [`JOINER`]; a run of exactly three letters between dashes, underscores, stars or slashes is
/// read whole when it is one piece ("Y-o-u a-r-e a w-o-r-t-h-l-e-s-s i-d-i-o-t" scored 0.009).
/// Letters that make no such word, and runs glued to a word, stay (U.S., J.R.R., A B C). Only for
/// a tokenizer that drops the joiner (the encoder checks).
pub fn spelled_out<'a>(text: Cow<'a, str>, pieces: impl Fn(&str) -> Option<usize>) -> Cow<'a, str> {
    const SEPARATORS: &[u8] = b" .-_*/";
    const LONGEST: usize = 24; // letters in one word
    const MOST_LETTERS: usize = 200;
    let b = text.as_bytes();
    // Quick rule-out: a letter, a separator, a letter, the same separator, a letter.
    let candidate = b.windows(5).any(|w| {
        w[0].is_ascii_alphabetic() && SEPARATORS.contains(&w[1]) && w[2].is_ascii_alphabetic() && w[3] == w[1] && w[4].is_ascii_alphabetic()
    });
    if !candidate {
        return text;
    }
    let mut seps: Vec<usize> = Vec::new();
    let mut i = 0;
    while i + 2 < b.len() {
        // A run starts at a letter after no letter or digit; after the same separator only for
        // spaces ("ab.c.d" is glued to "ab"; in "a b c" the run starts at "a").
        let starts = b[i].is_ascii_alphabetic()
            && SEPARATORS.contains(&b[i + 1])
            && b[i + 2].is_ascii_alphabetic()
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric() && (b[i + 1] == b' ' || b[i - 1] != b[i + 1]));
        if !starts {
            i += 1;
            continue;
        }
        let sep = b[i + 1];
        let mut j = i; // the last letter of the run
        while j + 2 < b.len() && b[j + 1] == sep && b[j + 2].is_ascii_alphabetic() && !b.get(j + 3).is_some_and(u8::is_ascii_alphanumeric) {
            j += 2;
        }
        let glued = b.get(j + 1).is_some_and(u8::is_ascii_alphanumeric);
        let letters: Vec<u8> = (i..=j).step_by(2).map(|k| b[k]).collect();
        // A run longer than MOST_LETTERS is not a few words spelled out (and would cost a
        // tokenizer call per letter and word length): it stays.
        // Three letters make a word only as the whole run, and not between spaces or dots:
        // "Y-o-u" reads "you", while "a b c" in a list and acronyms (C.A.R., W.E.B., I.C.E. in
        // 4.9% of Wikipedia's documents) stay.
        let shortest = if letters.len() == 3 && sep != b' ' && sep != b'.' { 3 } else { 4 };
        if !glued && (shortest..=MOST_LETTERS).contains(&letters.len()) {
            for (from, to) in words_in(&letters, shortest, LONGEST, &pieces) {
                seps.extend((i + 2 * from + 1..i + 2 * to - 1).step_by(2));
            }
        }
        // The last letter may begin a run with another separator ("a w.o.r.d": "a w", then "w.o.r.d").
        i = if j > i { j } else { i + 1 };
    }
    joined(text, &seps)
}

/// `text` with words broken by a dot, underscore or star ("id.iot", "worth_less", "k*ill") read
/// whole when the letters make one piece of the vocabulary: the separators become [`JOINER`]. The
/// same separator between every part, no digits, four letters or more, and the case of one word
/// (lower, upper or capitalised: "over.Come" is a missing space after a full stop, not a word).
/// Not dashes: hyphenated compounds that are one word joined (post-war, e-mail, co-operation) are
/// in 28% of Wikipedia's documents, and reading them joined would move scores on ordinary text;
/// with dots, underscores and stars 3 of 6,509 documents hold a join (will.i.am, PR.IX). Only
/// for a tokenizer that drops the joiner, as for [`spelled_out`], which handles runs of single
/// letters (with dashes too).
pub fn broken_words<'a>(text: Cow<'a, str>, pieces: impl Fn(&str) -> Option<usize>) -> Cow<'a, str> {
    const SEPARATORS: &[u8] = b"._*";
    const LONGEST: usize = 24; // letters in one word
    let b = text.as_bytes();
    // Quick rule-out: a letter, a separator, a letter somewhere (memchr finds the separators).
    let letter = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphabetic);
    if !memchr::memchr3_iter(b'.', b'_', b'*', b).any(|i| i > 0 && letter(i - 1) && letter(i + 1)) {
        return text;
    }
    let in_chunk = |c: u8| c.is_ascii_alphanumeric() || SEPARATORS.contains(&c);
    let mut seps: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !in_chunk(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && in_chunk(b[i]) {
            i += 1;
        }
        // Separators at the chunk's edges are punctuation ("...worth.less."), not inside a word.
        let (mut from, mut to) = (start, i);
        while from < to && SEPARATORS.contains(&b[from]) {
            from += 1;
        }
        while to > from && SEPARATORS.contains(&b[to - 1]) {
            to -= 1;
        }
        let word = &b[from..to];
        let Some(&sep) = word.iter().find(|c| SEPARATORS.contains(c)) else { continue };
        let parts: Vec<&[u8]> = word.split(|&c| c == sep).collect();
        let letters: Vec<u8> = parts.concat();
        let cased = letters.iter().all(u8::is_ascii_lowercase)
            || letters.iter().all(u8::is_ascii_uppercase)
            || letters[1..].iter().all(u8::is_ascii_lowercase) && letters[0].is_ascii_uppercase();
        // A word glued to other letters (é, а) is not an ASCII word: leave it.
        let glued = text[to..].chars().next().is_some_and(char::is_alphanumeric)
            || text[..from].chars().next_back().is_some_and(char::is_alphanumeric);
        let words = parts.iter().all(|p| !p.is_empty() && p.iter().all(u8::is_ascii_alphabetic));
        if !words || !cased || glued || parts.iter().all(|p| p.len() == 1) || !(4..=LONGEST).contains(&letters.len()) {
            continue;
        }
        if std::str::from_utf8(&letters).ok().and_then(&pieces) == Some(1) {
            seps.extend((from..to).filter(|&k| b[k] == sep));
        }
    }
    joined(text, &seps)
}

/// `text` with words written with every letter twice read as the word once ("YYoouu aarree aa
/// wwoorrtthhlleessss iiddiioott": toxicity 0.050 on the default model 0.6.0, against 0.998
/// written plainly): the second letter of each pair becomes [`JOINER`]. A word of ASCII letters
/// only, not glued to other letters or digits, of three pairs or more (each pair one letter, in
/// either case), whose halved letters are one piece of the vocabulary while the word as written is
/// not. Words that are doubled letters and nothing else are rare in prose; letters that merely
/// repeat ("aaargh", "bookkeeper") are not every letter twice. Only for a tokenizer that drops the
/// joiner, as for [`spelled_out`].
pub fn doubled<'a>(text: Cow<'a, str>, pieces: impl Fn(&str) -> Option<usize>) -> Cow<'a, str> {
    const LONGEST: usize = 24; // letters in the halved word
    let b = text.as_bytes();
    if !three_pairs(b) {
        return text;
    }
    let pair = |i: usize| b[i].is_ascii_alphabetic() && b[i].eq_ignore_ascii_case(&b[i + 1]);
    let mut seps: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphabetic() {
            i += 1;
        }
        let word = &b[start..i];
        let glued = text[i..].chars().next().is_some_and(char::is_alphanumeric)
            || text[..start].chars().next_back().is_some_and(char::is_alphanumeric);
        if glued || word.len() % 2 == 1 || !(6..=2 * LONGEST).contains(&word.len()) || !(start..i).step_by(2).all(pair) {
            continue;
        }
        let once: String = word.iter().step_by(2).map(|&c| c as char).collect();
        if pieces(&once) == Some(1) && std::str::from_utf8(word).ok().and_then(&pieces) != Some(1) {
            seps.extend((start + 1..i).step_by(2));
        }
    }
    joined(text, &seps)
}

/// Whether `b` holds three doubled ASCII letters in a row ("aabbcc", either case in a pair): the
/// quick rule-out for [`doubled`]. Fixed-size chunks in loops without an early exit, which the
/// compiler vectorises (a byte-by-byte search cost 2.6 ns a byte); chunks start 60 bytes apart,
/// so a run across a chunk's end is whole in the next.
fn three_pairs(b: &[u8]) -> bool {
    // Per byte: a letter equal to the next byte, ASCII case ignored (1 or 0).
    let same = |x: u8, y: u8| {
        let (x, y) = (x | 0x20, y | 0x20);
        u8::from(x == y) & u8::from(x.wrapping_sub(b'a') < 26)
    };
    let mut start = 0;
    while start + 65 <= b.len() {
        let chunk: &[u8; 65] = b[start..start + 65].try_into().expect("65 bytes");
        let mut eq = [0u8; 64];
        for k in 0..64 {
            eq[k] = same(chunk[k], chunk[k + 1]);
        }
        let mut hit = 0u8;
        for k in 0..60 {
            hit |= eq[k] & eq[k + 2] & eq[k + 4];
        }
        if hit != 0 {
            return true;
        }
        start += 60;
    }
    let tail = &b[start..];
    (0..tail.len().saturating_sub(5)).any(|k| (0..3).all(|p| same(tail[k + 2 * p], tail[k + 2 * p + 1]) == 1))
}

/// `text` with the separator bytes at `seps` (ascending) swapped for [`JOINER`].
fn joined<'a>(text: Cow<'a, str>, seps: &[usize]) -> Cow<'a, str> {
    if seps.is_empty() {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 2 * seps.len());
    let mut last = 0;
    for &at in seps {
        out.push_str(&text[last..at]);
        out.push(JOINER);
        last = at + 1;
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// The words (letter ranges) of `shortest` letters or more, each one vocabulary piece, that cover the
/// most of `letters`, in as few words as that allows ("worthless", not "worth" "less"): dynamic
/// programming over where each word ends.
fn words_in(letters: &[u8], shortest: usize, longest: usize, pieces: &impl Fn(&str) -> Option<usize>) -> Vec<(usize, usize)> {
    let n = letters.len();
    // Per prefix: letters covered, words used (fewer is better), and where its last word starts.
    let mut best = vec![(0usize, 0usize, None::<usize>); n + 1];
    for end in 1..=n {
        best[end] = (best[end - 1].0, best[end - 1].1, None);
        for len in shortest..=end.min(longest) {
            let from = end - len;
            let (covered, words) = (best[from].0 + len, best[from].1 + 1);
            let better = covered > best[end].0 || (covered == best[end].0 && words < best[end].1);
            if better && std::str::from_utf8(&letters[from..end]).ok().and_then(pieces) == Some(1) {
                best[end] = (covered, words, Some(from));
            }
        }
    }
    let mut words = Vec::new();
    let mut end = n;
    while end > 0 {
        match best[end].2 {
            Some(from) => {
                words.push((from, end));
                end = from;
            }
            None => end -= 1,
        }
    }
    words.reverse();
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookalike_words_fold_and_other_scripts_stay() {
        assert_eq!(fold(Cow::Borrowed("уоu аrе а wоrthlеss іdіоt")), "you are a worthless idiot");
        assert_eq!(fold(Cow::Borrowed("ΗΕLLΟ wοrld")), "HELLO world");
        // Fancy-text styles and other scripts' lookalikes: small capitals, negative squares and
        // circles, Armenian, IPA, Cherokee, Lisu; the case of a capital kept.
        assert_eq!(fold(Cow::Borrowed("ʏᴏᴜ ᴀʀᴇ ᴀ ᴡᴏʀᴛʜʟᴇss ɪᴅɪᴏᴛ, ɢᴏ ᴋɪʟʟ ʏᴏᴜʀsᴇʟғ")), "you are a worthless idiot, go kill yourself");
        assert_eq!(fold(Cow::Borrowed("🅸🅳🅸🅾🆃 🅐🅑")), "IDIOT AB");
        assert_eq!(fold(Cow::Borrowed("Yօu ɑrе ɑn іdіօt. ᎪꓮᏴ")), "You are an idiot. AAB");
        // Other scripts' words with letters the data draws as Latin stay: Hebrew, Hangul, IPA.
        for text in ["ו ס ㅇ", "/ˈɪŋɡlɪʃ/"] {
            assert_eq!(fold(Cow::Borrowed(text)), text);
        }
        // Russian and Greek words keep their letters, even beside a folded word.
        assert_eq!(fold(Cow::Borrowed("Привет, іdіоt! Москва и Αθήνα")), "Привет, idiot! Москва и Αθήνα");
        assert!(matches!(fold(Cow::Borrowed("plain ascii")), Cow::Borrowed(_)));
        assert!(matches!(fold(Cow::Borrowed("déjà vu – 日本")), Cow::Borrowed(_)));
        for text in ["уоu аrе", "Привет, іdіоt", "a\u{0301}о"] {
            assert_eq!(fold(Cow::Borrowed(text)).chars().count(), text.chars().count(), "one character for one");
        }
    }

    #[test]
    fn words_spelled_with_digits_and_symbols_read_as_known_words() {
        // Words of the vocabulary are one piece; others one per character ("scam": sc ##am).
        let vocab = ["you", "are", "idiot", "kill", "lame", "bitch", "stop", "hate", "scammers", "70s", "a320"];
        let pieces = |w: &str| match w.to_lowercase().as_str() {
            "scam" => Some(2),
            w if vocab.contains(&w) => Some(1),
            w => Some(w.len()),
        };
        let read = |t: &'static str| leet(Cow::Borrowed(t), pieces).into_owned();
        assert_eq!(read("y0u are an 1d10t!"), "y0u are an idiot!", "y0u: too short");
        assert_eq!(read("I'll k1ll, st0p it b!tch, so 1ame, I H4TE it"), "I'll kill, stop it bitch, so lame, I HATE it");
        assert_eq!(read("sc4mm3r5 sc@m"), "scammers sc@m");
        // One piece as written, a number, too short, two pieces spelled, glued to other letters: unchanged.
        for t in ["the 70s and the A320", "700th 10Be b4 mp3 h264 10.5 $100 bob@example.com", "sc@m", "1d10té", "idiot! $$$"] {
            assert!(matches!(leet(Cow::Borrowed(t), pieces), Cow::Borrowed(_)), "{t}");
        }
        assert_eq!(read("k1ll 1d10t").len(), "k1ll 1d10t".len(), "one character for one");
    }

    #[test]
    fn words_spelled_letter_by_letter_are_joined() {
        let vocab = ["idiot", "kill", "worthless", "worth", "less", "usa", "you"];
        let pieces = |w: &str| if vocab.contains(&w.to_lowercase().as_str()) { Some(1) } else { Some(w.len()) };
        let read = |t: &'static str| spelled_out(Cow::Borrowed(t), pieces).into_owned();
        let j = JOINER;
        assert_eq!(read("you i.d.i.o.t, I'll K-I-L-L you"), format!("you i{j}d{j}i{j}o{j}t, I'll K{j}I{j}L{j}L you"));
        assert_eq!(read("w_o_r_t_h_l_e_s_s."), format!("w{j}o{j}r{j}t{j}h{j}l{j}e{j}s{j}s."));
        assert_eq!(read("a k.i.l.l"), format!("a k{j}i{j}l{j}l"), "a run with another separator after a space");
        // Spaces: the run is cut into words, single letters between them stay.
        assert_eq!(read("you are a w o r t h l e s s i d i o t x"), format!("you are a w{j}o{j}r{j}t{j}h{j}l{j}e{j}s{j}s i{j}d{j}i{j}o{j}t x"));
        // Short runs, acronyms that spell no word, mixed separators, runs glued to a word: unchanged.
        let long = "i d i o t ".repeat(50);
        // A run of three letters is a word only whole and not between spaces.
        assert_eq!(read("Y-o-u u_s_a"), format!("Y{j}o{j}u u{j}s{j}a"));
        for t in ["the U.S.A. and J.R.R. Tolkien", "e.g. i.e. a.m.", "i.d-i.o.t", "xi.d.i.o.t", "A-B-C-D-E", "a b c d e", "y o u", "i d i o tx", &long] {
            assert!(matches!(spelled_out(Cow::Borrowed(t), pieces), Cow::Borrowed(_)), "{t}");
        }
        let t = "an i.d.i.o.t here";
        assert_eq!(read(t).chars().count(), t.chars().count(), "one character for one");
    }

    #[test]
    fn the_byte_scans_miss_no_lookalike_or_turned_letter() {
        for c in (0x80u32..0x20000).filter_map(char::from_u32).filter(|&c| latin(c).is_some()) {
            let text = format!("a{c}b");
            assert!(matches!(fold(Cow::Borrowed(&text)), Cow::Owned(_)), "{c} U+{:04X}", c as u32);
        }
        for c in (0x100u32..0x20000).filter_map(char::from_u32).filter(|&c| turned(c).is_some()) {
            let text = format!("{c}{c}{c}");
            assert!(matches!(turned_upright(Cow::Borrowed(&text)), Cow::Owned(_)), "{c} U+{:04X}", c as u32);
        }
    }

    /// What the folds cost on prose that needs none of them, which is most text:
    /// `cargo test --profile fast --lib fold_cost -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn fold_cost() {
        let para = "The café on the “old” road – opened in 1921 – served coffee, tea and cake to \
                    travellers; its owner, Zoë Müller, kept bees and wrote a local history. ";
        let text = para.repeat(15_000 / para.len());
        let pieces = |w: &str| Some(w.len() / 4 + 1);
        let start = std::time::Instant::now();
        let rounds = 2_000;
        for _ in 0..rounds {
            assert!(matches!(as_read(std::hint::black_box(&text), true, pieces), Cow::Borrowed(_)));
        }
        let ns = start.elapsed().as_nanos() as f64 / (rounds * text.len()) as f64;
        println!("as_read: {ns:.3} ns per byte, {:.1} µs per 15 kB document", ns * 15.0);
        let each: [(&str, &dyn Fn(&str) -> bool); 10] = [
            ("blanks", &|t| matches!(blanks_as_spaces(Cow::Borrowed(t)), Cow::Borrowed(_))),
            ("shown_order", &|t| matches!(shown_order(Cow::Borrowed(t)), Cow::Borrowed(_))),
            ("turned", &|t| matches!(turned_upright(Cow::Borrowed(t)), Cow::Borrowed(_))),
            ("erased", &|t| matches!(erased(Cow::Borrowed(t)), Cow::Borrowed(_))),
            ("fold", &|t| matches!(fold(Cow::Borrowed(t)), Cow::Borrowed(_))),
            ("leet", &|t| matches!(leet(Cow::Borrowed(t), pieces), Cow::Borrowed(_))),
            ("spelled_out", &|t| matches!(spelled_out(Cow::Borrowed(t), pieces), Cow::Borrowed(_))),
            ("broken_words", &|t| matches!(broken_words(Cow::Borrowed(t), pieces), Cow::Borrowed(_))),
            ("doubled", &|t| matches!(doubled(Cow::Borrowed(t), pieces), Cow::Borrowed(_))),
            ("none", &|t| !t.is_empty()),
        ];
        for (name, f) in each {
            let start = std::time::Instant::now();
            for _ in 0..rounds {
                assert!(f(std::hint::black_box(&text)));
            }
            println!("  {name}: {:.3} ns per byte", start.elapsed().as_nanos() as f64 / (rounds * text.len()) as f64);
        }
    }

    #[test]
    fn upside_down_paragraphs_are_turned_upright() {
        let text = "Hello there\n.ɟlǝsɹnoʎ llıʞ o⅁ .noʎ sǝʇɐɥ ǝuoʎɹǝʌǝ puɐ ʇoıpı ssǝlɥʇɹoʍ ɐ ǝɹɐ no⅄";
        let upright = turned_upright(Cow::Borrowed(text));
        assert_eq!(upright, "Hello there\nYou are a worthless idiot and everyone hates you. Go kill yourself.");
        assert_eq!(upright.chars().count(), text.chars().count(), "one character for one");
        // IPA inside prose, and plain text: unchanged.
        for t in ["English /ˈɪŋɡlɪʃ/ and but /bʌt/, cot /kɔt/", "plain", "¡Hola! ¿Qué tal?"] {
            assert_eq!(turned_upright(Cow::Borrowed(t)), t);
        }
    }

    #[test]
    fn blank_letters_are_spaces() {
        assert_eq!(blanks_as_spaces(Cow::Borrowed("You\u{2800}are\u{3164}a\u{FFA0}b")), "You are a b");
        assert!(matches!(blanks_as_spaces(Cow::Borrowed("서울 plain")), Cow::Borrowed(_)));
    }

    #[test]
    fn direction_overrides_read_as_shown_and_backspaces_erase() {
        let rlo = |w: &str| format!("\u{202E}{}\u{202C}", w.chars().rev().collect::<String>());
        let text = format!("You are an {} and {}.\nSecond line", rlo("idiot"), rlo("everyone hates you"));
        let shown = shown_order(Cow::Owned(text.clone()));
        let plain: String = shown.chars().filter(|&c| !is_direction_control(c)).collect();
        assert_eq!(plain, "You are an idiot and everyone hates you.\nSecond line");
        assert_eq!(shown.chars().count(), text.chars().count(), "one character for one");
        // Without a control, right-to-left text stays in stored order.
        for t in ["plain text", "שלום world", "مرحبا"] {
            assert!(matches!(shown_order(Cow::Borrowed(t)), Cow::Borrowed(_)), "{t}");
        }
        let j = JOINER;
        assert_eq!(erased(Cow::Borrowed("idXq\u{8}\u{8}iot \u{8}a")), format!("id{j}{j}{j}{j}iot{j}{j}a"));
        assert_eq!(erased(Cow::Borrowed("\u{8}ab")), format!("{j}ab"), "nothing before it to erase");
        assert!(matches!(erased(Cow::Borrowed("no backspace")), Cow::Borrowed(_)));
    }

    #[test]
    fn words_broken_by_a_separator_are_joined() {
        let vocab = ["idiot", "kill", "worthless", "email"];
        let pieces = |w: &str| if vocab.contains(&w.to_lowercase().as_str()) { Some(1) } else { Some(w.len()) };
        let read = |t: &'static str| broken_words(Cow::Borrowed(t), pieces).into_owned();
        let j = JOINER;
        assert_eq!(read("a worth.less id.iot."), format!("a worth{j}less id{j}iot."));
        assert_eq!(read("I'll K.ILL you, Id_iot (k*i*ll)"), format!("I'll K{j}ILL you, Id{j}iot (k{j}i{j}ll)"));
        // Case of two words, dashes, mixed or doubled separators, digits, single letters, glued, no word: unchanged.
        for t in ["over.The me", "Worth.Less", "e-mail", "id.i_ot", "id..iot", "id1.ot", "i.d.i.o.t", "idé.iot", "node.js www.example.com"] {
            assert!(matches!(broken_words(Cow::Borrowed(t), pieces), Cow::Borrowed(_)), "{t}");
        }
        let t = "an id.iot here";
        assert_eq!(read(t).chars().count(), t.chars().count(), "one character for one");
    }

    #[test]
    fn words_with_every_letter_twice_read_once() {
        let vocab = ["you", "are", "worthless", "idiot", "kill"];
        let pieces = |w: &str| if vocab.contains(&w.to_lowercase().as_str()) { Some(1) } else { Some(w.len()) };
        let read = |t: &'static str| doubled(Cow::Borrowed(t), pieces).into_owned();
        let j = JOINER;
        assert_eq!(read("YYoouu aarree aa iiddiioott!"), format!("Y{j}o{j}u{j} a{j}r{j}e{j} aa i{j}d{j}i{j}o{j}t{j}!"));
        assert_eq!(read("KKiiLLll"), format!("K{j}i{j}L{j}l{j}"), "either case within a pair");
        // Two pairs, an odd letter, no word halved, a word already, glued to a digit or letter: unchanged.
        for t in ["aa bb ee", "aarreee", "bookkeeper aaargh", "xxyyzz", "you", "iiddiioott1", "éiiddiioott", "AAGGTTCC"] {
            assert!(matches!(doubled(Cow::Borrowed(t), pieces), Cow::Borrowed(_)), "{t}");
        }
        // The chunked rule-out finds a run wherever it starts, across a chunk's end too.
        for at in 0..130 {
            let text = format!("{}iiddiioott{}", " ".repeat(at), " ".repeat(at % 7));
            assert!(three_pairs(text.as_bytes()), "{at}");
            assert!(!three_pairs(format!("{}iiddiot", " ".repeat(at)).as_bytes()), "{at}");
        }
        let t = "an iiddiioott here";
        assert_eq!(read(t).chars().count(), t.chars().count(), "one character for one");
    }
}
