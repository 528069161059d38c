//! Pull the text (and optional id) out of one JSON line without building a DOM.
//!
//! The whole line is validated (serde_json scans every value it skips), but only the fields on the
//! requested dotted paths are materialised. Keys are borrowed from the line where possible.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::quarantine::Reason;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub text: String,
    pub id: Option<String>,
    /// Whether the object has the extractor's probe key at its top level (see [`Extractor::with_probe`]).
    pub has_key: bool,
}

/// A dotted field path such as `text` or `meta.content`.
#[derive(Debug, Clone)]
pub struct FieldPath(Vec<String>);

impl FieldPath {
    pub fn parts(&self) -> &[String] {
        &self.0
    }

    pub fn parse(s: &str) -> Option<Self> {
        let parts: Vec<String> = s.split('.').map(str::to_owned).collect();
        if parts.iter().any(String::is_empty) {
            return None;
        }
        Some(FieldPath(parts))
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join("."))
    }
}

#[derive(Debug, Clone)]
pub struct Extractor {
    text: FieldPath,
    id: Option<FieldPath>,
    probe: Option<String>,
}

#[derive(Debug, Clone)]
enum Found {
    Str(String),
    Number(String),
    Other(&'static str),
}

impl Extractor {
    pub fn new(text: FieldPath, id: Option<FieldPath>) -> Self {
        Extractor { text, id, probe: None }
    }

    /// Also report whether each object has `key` at its top level (keys compared unescaped). A
    /// run asks for its output field: a document that has it already must not get a second one,
    /// and the parse that finds the text sees every top-level key anyway, so the answer is free
    /// here instead of a second parse per document on the routing thread.
    pub fn with_probe(mut self, key: Option<String>) -> Self {
        self.probe = key;
        self
    }

    pub fn probe(&self) -> Option<&str> {
        self.probe.as_deref()
    }

    pub fn text_path(&self) -> &FieldPath {
        &self.text
    }

    pub fn id_path(&self) -> Option<&FieldPath> {
        self.id.as_ref()
    }

    pub fn extract(&self, line: &[u8]) -> Result<Extracted, (Reason, String)> {
        let line = std::str::from_utf8(line)
            .map_err(|e| (Reason::InvalidUtf8, format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
        let mut paths: Vec<(usize, &[String])> = vec![(0, &self.text.0[..])];
        if let Some(id) = &self.id {
            paths.push((1, &id.0[..]));
        }
        let mut found: [Option<Found>; 2] = [None, None];
        let mut duplicate: Option<String> = None;
        let mut has_key = false;
        let mut de = serde_json::Deserializer::from_str(line);
        let top = Level { paths, found: &mut found, duplicate: &mut duplicate, probe: self.probe.as_deref(), probed: &mut has_key }
            .deserialize(&mut de)
            .and_then(|top| de.end().map(|_| top))
            .map_err(|e| match &duplicate {
                Some(key) => (Reason::DuplicateKey, format!("key {key:?} occurs twice in one object")),
                None => (Reason::InvalidJson, match lone_surrogate(line) {
                    // serde_json says "unexpected end of hex escape": name what is wrong instead.
                    Some((at, escape)) => format!(
                        "{escape} at byte {at} of the line is half of a UTF-16 surrogate pair, not a character (text written by a \
                         JSON encoder from broken Unicode; serde_json: {e})"
                    ),
                    None => e.to_string(),
                }),
            })?;
        if let Kind::Not(kind) = top {
            return Err((Reason::NotObject, format!("line is a JSON {kind}, not an object")));
        }
        let [text, id] = found;
        let text = match text {
            Some(Found::Str(s)) if s.trim().is_empty() => {
                return Err((Reason::EmptyText, format!("field {:?} is empty", self.text.to_string())))
            }
            Some(Found::Str(s)) => s,
            Some(Found::Number(_)) => return Err(not_string(&self.text, "number")),
            Some(Found::Other(kind)) => return Err(not_string(&self.text, kind)),
            None => return Err((Reason::MissingText, format!("no field {:?}", self.text.to_string()))),
        };
        let id = match id {
            Some(Found::Str(s)) | Some(Found::Number(s)) => Some(s),
            _ => None,
        };
        Ok(Extracted { text, id, has_key })
    }
}

/// The first `\uD800`-`\uDFFF` escape of `line` that is not one half of a high-low pair, with its
/// byte offset: JSON that parsers which insist on Unicode (serde_json, msgspec) refuse, and some
/// encoders write for text that was already broken.
fn lone_surrogate(line: &str) -> Option<(usize, &str)> {
    let b = line.as_bytes();
    let unit = |at: usize| -> Option<u16> {
        (b.get(at) == Some(&b'\\') && b.get(at + 1) == Some(&b'u'))
            .then(|| line.get(at + 2..at + 6).and_then(|h| u16::from_str_radix(h, 16).ok()))
            .flatten()
    };
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        match unit(i) {
            Some(0xD800..=0xDBFF) if matches!(unit(i + 6), Some(0xDC00..=0xDFFF)) => i += 12,
            Some(0xD800..=0xDFFF) => return Some((i, &line[i..i + 6])),
            Some(_) => i += 6,
            None => i += 2, // \" \\ \n ...: the escaped character is never the start of another escape
        }
    }
    None
}

fn not_string(path: &FieldPath, kind: &str) -> (Reason, String) {
    (Reason::TextNotString, format!("field {:?} is a {kind}, not a string", path.to_string()))
}

enum Kind {
    Object,
    Not(&'static str),
}

/// Walks one object level, capturing values whose path ends here and descending into those that
/// continue; everything else is skipped (but still validated).
struct Level<'a, 'p> {
    paths: Vec<(usize, &'p [String])>,
    found: &'a mut [Option<Found>; 2],
    /// Set, and parsing stopped, when a key on a wanted path repeats at this level.
    duplicate: &'a mut Option<String>,
    /// A key to look for at this level only (the top), and whether it was seen.
    probe: Option<&'p str>,
    probed: &'a mut bool,
}

impl<'de> DeserializeSeed<'de> for Level<'_, '_> {
    type Value = Kind;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Kind, D::Error> {
        d.deserialize_any(self)
    }
}

macro_rules! not_object {
    ($($method:ident($ty:ty) => $kind:literal),* $(,)?) => {
        $(fn $method<E: de::Error>(self, _: $ty) -> Result<Kind, E> { Ok(Kind::Not($kind)) })*
    };
}

impl<'de> Visitor<'de> for Level<'_, '_> {
    type Value = Kind;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    not_object! {
        visit_bool(bool) => "boolean", visit_i64(i64) => "number", visit_u64(u64) => "number",
        visit_f64(f64) => "number", visit_str(&str) => "string",
    }
    fn visit_unit<E: de::Error>(self) -> Result<Kind, E> {
        Ok(Kind::Not("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Kind, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Kind::Not("array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Kind, A::Error> {
        // Keys on a wanted path seen at this level: a repeat is refused rather than resolved,
        // because JSON readers differ (most keep the last value, this parser would see the first).
        let mut seen: Vec<Cow<'de, str>> = Vec::new();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            if self.probe == Some(&*key) {
                *self.probed = true;
            }
            if self.paths.iter().any(|(_, path)| path[0] == key) {
                if seen.contains(&key) {
                    *self.duplicate = Some(key.into_owned());
                    return Err(de::Error::custom("duplicate key"));
                }
                seen.push(key.clone());
            }
            let mut ends = None;
            let mut deeper = Vec::new();
            for &(slot, path) in &self.paths {
                if path[0] == key {
                    if path.len() == 1 {
                        ends.get_or_insert(Vec::new()).push(slot);
                    } else {
                        deeper.push((slot, &path[1..]));
                    }
                }
            }
            if let Some(slots) = ends {
                // An id alone is captured as its raw JSON text: a number keeps its digits
                // (18446744073709551617, 1e400 and 1.0 went through f64, or failed as out of range).
                let value = if slots == [1] { id_value(map.next_value::<&'de RawValue>()?)? } else { map.next_value_seed(Capture)? };
                for slot in slots {
                    self.found[slot] = Some(value.clone());
                }
            } else if !deeper.is_empty() {
                let mut below = false; // the probe is for the top level only
                map.next_value_seed(Level {
                    paths: deeper,
                    found: &mut *self.found,
                    duplicate: &mut *self.duplicate,
                    probe: None,
                    probed: &mut below,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(Kind::Object)
    }
}

struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

/// What an id's raw JSON text holds: a string (unescaped), a number as written, or another kind.
fn id_value<E: de::Error>(raw: &RawValue) -> Result<Found, E> {
    let text = raw.get();
    Ok(match text.as_bytes().first() {
        Some(b'"') => Found::Str(serde_json::from_str::<String>(text).map_err(E::custom)?),
        Some(b'-' | b'0'..=b'9') => Found::Number(text.to_owned()),
        Some(b't' | b'f') => Found::Other("boolean"),
        Some(b'n') => Found::Other("null"),
        Some(b'[') => Found::Other("array"),
        _ => Found::Other("object"),
    })
}

struct Capture;

impl<'de> DeserializeSeed<'de> for Capture {
    type Value = Found;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Found, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Capture {
    type Value = Found;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Found, E> {
        Ok(Found::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Found, E> {
        Ok(Found::Str(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Found, E> {
        Ok(Found::Number(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Found, E> {
        Ok(Found::Number(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Found, E> {
        Ok(Found::Number(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Found, E> {
        Ok(Found::Other("boolean"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Found, E> {
        Ok(Found::Other("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Found, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Found::Other("array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Found::Other("object"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(text: &str, id: Option<&str>) -> Extractor {
        Extractor::new(FieldPath::parse(text).unwrap(), id.map(|i| FieldPath::parse(i).unwrap()))
    }

    fn reason(line: &[u8]) -> Reason {
        ex("text", None).extract(line).unwrap_err().0
    }

    #[test]
    fn a_numeric_id_keeps_its_digits() {
        for (raw, want) in [("18446744073709551617", "18446744073709551617"), ("-9223372036854775809", "-9223372036854775809"),
                            ("1e400", "1e400"), ("1.0", "1.0"), ("17", "17"), ("\"a\\u00e9\"", "aé")] {
            let line = format!(r#"{{"id": {raw}, "text": "t"}}"#);
            assert_eq!(ex("text", Some("id")).extract(line.as_bytes()).unwrap().id.as_deref(), Some(want), "{raw}");
        }
        for raw in ["null", "true", "[1]", "{\"a\":1}"] {
            let line = format!(r#"{{"id": {raw}, "text": "t"}}"#);
            assert_eq!(ex("text", Some("id")).extract(line.as_bytes()).unwrap().id, None, "{raw}");
        }
        // The same path for text and id: the text is read as ever.
        let got = ex("text", Some("text")).extract(br#"{"text": "same"}"#).unwrap();
        assert_eq!((got.text.as_str(), got.id.as_deref()), ("same", Some("same")));
    }

    #[test]
    fn text_id_and_dotted_paths() {
        let got = ex("text", Some("id")).extract(br#"{"id":17,"text":"caf\u00e9 \"q\"","x":[1,{"y":null}]}"#);
        assert_eq!(got.unwrap(), Extracted { text: "café \"q\"".into(), id: Some("17".into()), has_key: false });
        let got = ex("meta.content", Some("meta.id")).extract(br#"{"meta":{"id":"a","content":"hi"},"text":5}"#);
        assert_eq!(got.unwrap(), Extracted { text: "hi".into(), id: Some("a".into()), has_key: false });
        assert!(FieldPath::parse("a..b").is_none());
    }

    #[test]
    fn the_probe_key_is_found_at_the_top_level_only_and_unescaped() {
        let probe = |line: &[u8]| ex("meta.content", None).with_probe(Some("cf".into())).extract(line).unwrap().has_key;
        assert!(probe(br#"{"meta":{"content":"a"},"cf":{"route":"keep"}}"#));
        assert!(probe(br#"{"\u0063f":1,"meta":{"content":"a"}}"#)); // the same key, escaped
        assert!(!probe(br#"{"meta":{"content":"a","cf":1},"x":{"cf":2}}"#)); // deeper levels do not count
        assert!(!probe(br#"{"meta":{"content":"a"},"cff":1,"text":"cf"}"#));
        assert!(!ex("text", None).extract(br#"{"text":"a","cf":1}"#).unwrap().has_key); // no probe asked
    }

    #[test]
    fn a_lone_surrogate_escape_is_named() {
        for (line, at) in [(r#"{"text": "a \ud800 b"}"#, 12), (r#"{"text": "\\\ud800 \udc00"}"#, 12), (r#"{"text": "\uDBFF"}"#, 10)] {
            let (reason, detail) = ex("text", None).extract(line.as_bytes()).unwrap_err();
            assert_eq!(reason, Reason::InvalidJson);
            assert!(detail.contains(&format!("at byte {at} of the line is half of a UTF-16 surrogate pair")), "{detail}");
        }
        // A pair, and an escaped backslash before "ud800", are not lone surrogates.
        assert_eq!(lone_surrogate(r#"{"text": "\ud83d\ude00 \\ud800"}"#), None);
        assert_eq!(ex("text", None).extract(r#"{"text": "\ud83d\ude00"}"#.as_bytes()).unwrap().text, "😀");
    }

    #[test]
    fn every_bad_kind_has_its_reason() {
        assert_eq!(reason(b"{\"text\": \"unterminated}"), Reason::InvalidJson);
        assert_eq!(reason(b"{\"text\": \"ok\"} trailing"), Reason::InvalidJson);
        assert_eq!(reason(b"{\"text\": \"ok\", \"x\": [1,}"), Reason::InvalidJson);
        assert_eq!(reason(b"[1, 2]"), Reason::NotObject);
        assert_eq!(reason(b"\"just a string\""), Reason::NotObject);
        assert_eq!(reason(b"{\"body\": \"no text\"}"), Reason::MissingText);
        assert_eq!(reason(b"{\"text\": 12}"), Reason::TextNotString);
        assert_eq!(reason(b"{\"text\": {\"a\": 1}}"), Reason::TextNotString);
        assert_eq!(reason(b"{\"text\": null}"), Reason::TextNotString);
        assert_eq!(reason(b"{\"text\": \"  \\n \"}"), Reason::EmptyText);
        assert_eq!(reason(b"{\"text\": \"caf\xE9\"}"), Reason::InvalidUtf8);
        // A repeated text/id key (or a parent of a dotted path) is refused: readers disagree on it.
        assert_eq!(reason(b"{\"text\": \"ok\", \"text\": \"other\"}"), Reason::DuplicateKey);
        assert_eq!(reason(b"{\"text\": \"ok\", \"te\\u0078t\": \"escaped\"}"), Reason::DuplicateKey);
        assert_eq!(ex("text", Some("id")).extract(b"{\"id\": 1, \"text\": \"ok\", \"id\": 2}").unwrap_err().0,
                   Reason::DuplicateKey);
        assert_eq!(ex("meta.content", None).extract(b"{\"meta\": {\"content\": \"a\"}, \"meta\": {}}").unwrap_err().0,
                   Reason::DuplicateKey);
        // Repeats of other keys, and the same name at another level, are fine.
        assert!(ex("text", None).extract(b"{\"x\": 1, \"x\": 2, \"text\": \"ok\", \"m\": {\"text\": 3}}").is_ok());
        let (_, detail) = ex("meta.content", None).extract(b"{\"meta\": 3}").unwrap_err();
        assert!(detail.contains("meta.content"), "{detail}");
    }
}
