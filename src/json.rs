//! JSON text and its tree, written for the browser's bundles: one small parser (RFC 8259)
//! and one compact writer, for every document the pages read (a signed offer, the
//! deployment's settings and keys, a host's message, the intake's answer) and the agreement's
//! hash. Pure; natively `serde_json` still reads and writes what the command-line tool
//! handles in bulk.
//!
//! Why not `serde_json::Value` in the browser: its parser reads every number as a float
//! (tables for decimal ⇄ binary conversion), its objects are B-trees, and its errors go
//! through serde's formatting; measured on the debtor's page, that was most of its JSON's
//! bytes. Here a number keeps the text it was written as (an amount in a policy stays the
//! decimal it was, never a float), an object is its members in order, and a key given twice
//! is refused (a hash over a tree that silently kept one of two values would not cover what a
//! reader of the text sees; serde's derived readers refuse a repeated field too).
//!
//! Messages are serde_json's words with the line and column (`expected `,` or `}` at line 1
//! column 9`), so a person fixing a file reads the same thing from the page and the CLI.

use std::borrow::Cow;
use std::fmt;

/// The deepest nesting of arrays and objects read (serde_json's limit): deeper is refused,
/// so a crafted document cannot exhaust the stack.
pub const MAX_DEPTH: usize = 128;

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// A number as its JSON text (`-12`, `0.5`, `1e3`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number(String);

/// An object's members in the order given, each key once.
#[derive(Debug, Clone, Default)]
pub struct Map(Vec<(String, Value)>);

impl Number {
    /// The number's text as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether it is written as an integer (no fraction, no exponent).
    pub fn is_integer(&self) -> bool {
        !self.0.contains(['.', 'e', 'E'])
    }

    /// The number when it is an integer from 0 to `u64::MAX`.
    pub fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok().filter(|_| self.is_integer())
    }

    /// The number when it is an integer within `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        self.0.parse().ok().filter(|_| self.is_integer())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::String(text)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Map {
    pub fn new() -> Self {
        Map(Vec::new())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets member `key` (in its place when it is there, else last); returns the value it
    /// replaced.
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        match self.get_mut(&key) {
            Some(old) => Some(std::mem::replace(old, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let index = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(index).1)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The members sorted by key ([`Sorted`]).
    pub fn sorted(&self) -> Sorted<'_> {
        Sorted::of(&self.0)
    }
}

/// Equal when they hold the same members, in any order (as JSON objects are): pairwise for
/// small objects, through their sorted members for large ones (no quadratic time on a
/// crafted file).
impl PartialEq for Map {
    fn eq(&self, other: &Map) -> bool {
        if self.len() != other.len() {
            return false;
        }
        if self.len() <= SMALL {
            return self.iter().all(|(k, v)| other.get(k) == Some(v));
        }
        self.sorted().members == other.sorted().members
    }
}

/// Up to this many members, an object is searched member by member.
const SMALL: usize = 16;

/// An object's members sorted by key in RFC 8785's order (UTF-16 code units), looked up by
/// binary search: what the canonical form writes, and how a large object is compared.
pub struct Sorted<'a> {
    pub members: Vec<(&'a String, &'a Value)>,
}

impl<'a> Sorted<'a> {
    fn of(members: &'a [(String, Value)]) -> Self {
        let mut members: Vec<(&String, &Value)> = members.iter().map(|(k, v)| (k, v)).collect();
        merge_sort(&mut members, &mut Vec::new());
        Sorted { members }
    }

    /// Member `key`.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        let key_units = || key.encode_utf16();
        let at = self.members.binary_search_by(|(k, _)| k.encode_utf16().cmp(key_units())).ok()?;
        Some(self.members[at].1)
    }
}

/// Sorts members by [`utf16_order`] of their keys: a merge sort (stable, n log n), by hand
/// because the standard library's sorts are ≈ 3 KB of each bundle's wasm. `scratch` holds
/// the left half of each merge.
fn merge_sort<'a>(members: &mut [(&'a String, &'a Value)], scratch: &mut Vec<(&'a String, &'a Value)>) {
    if members.len() < 2 {
        return;
    }
    let middle = members.len() / 2;
    merge_sort(&mut members[..middle], scratch);
    merge_sort(&mut members[middle..], scratch);
    if utf16_order(members[middle - 1].0, members[middle].0).is_le() {
        return;
    }
    scratch.clear();
    scratch.extend_from_slice(&members[..middle]);
    // `to` never passes `right`: the right half is read before it is written over.
    let (mut left, mut right, mut to) = (0, middle, 0);
    while left < scratch.len() {
        if right < members.len() && utf16_order(members[right].0, scratch[left].0).is_lt() {
            members[to] = members[right];
            right += 1;
        } else {
            members[to] = scratch[left];
            left += 1;
        }
        to += 1;
    }
}

impl Eq for Map {}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (String, Value)>, fn(&'a (String, Value)) -> Self::Item>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(flag) => Some(*flag),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// Member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }
}

/// The value as compact JSON, strings escaped as serde_json and ECMAScript's
/// `JSON.stringify` escape them.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        write(self, &mut out);
        f.write_str(&out)
    }
}

/// Appends `value` as compact JSON to `out`.
pub fn write(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n.as_str()),
        Value::String(text) => write_string(text, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write(item, out);
            }
            out.push('}');
        }
    }
}

/// Appends `text` as a JSON string: `"` and `\` escaped, the short escapes for backspace,
/// form feed, newline, carriage return and tab, other control characters as `\u00xx`;
/// everything else as it is.
pub fn write_string(text: &str, out: &mut String) {
    out.push('"');
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| c < ' ' || c == '"' || c == '\\') {
        out.push_str(&rest[..at]);
        let byte = rest.as_bytes()[at];
        match byte {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\x08' => out.push_str("\\b"),
            b'\x0c' => out.push_str("\\f"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 15)]));
            }
        }
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

/// Why a text is not JSON (or repeats a key), and where: serde_json's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    message: Cow<'static, str>,
    line: usize,
    column: usize,
    eof: bool,
}

impl ParseError {
    /// Whether the text ended before the value did (a truncated file).
    pub fn is_eof(&self) -> bool {
        self.eof
    }

    /// The line of the error, from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column of the error (bytes from the line's start).
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

impl std::error::Error for ParseError {}

/// Parses `text`, one JSON value with whitespace around it.
///
/// # Errors
/// [`ParseError`] for anything that is not one JSON value, an object with a key twice, or
/// nesting deeper than [`MAX_DEPTH`]; never a panic.
pub fn parse(text: &str) -> Result<Value, ParseError> {
    let mut parser = Parser { text, at: 0, depth: 0 };
    let value = parser.value()?;
    parser.skip_whitespace();
    if parser.at < text.len() {
        parser.at += 1;
        return Err(parser.error("trailing characters"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    /// The next byte to read.
    at: usize,
    /// Arrays and objects open around the value being read.
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// An error at the byte before `at` (the last one read, as serde_json counts).
    fn error(&self, message: impl Into<Cow<'static, str>>) -> ParseError {
        let before = &self.text.as_bytes()[..self.at.min(self.text.len())];
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        ParseError { message: message.into(), line, column: before.len() - line_start, eof: false }
    }

    fn eof(&self, what: &'static str) -> ParseError {
        ParseError { eof: true, ..self.error(what) }
    }

    fn value(&mut self) -> Result<Value, ParseError> {
        self.skip_whitespace();
        let Some(byte) = self.peek() else { return Err(self.eof("EOF while parsing a value")) };
        match byte {
            b'n' => self.word("null", Value::Null),
            b't' => self.word("true", Value::Bool(true)),
            b'f' => self.word("false", Value::Bool(false)),
            b'"' => self.string().map(Value::String),
            b'-' | b'0'..=b'9' => self.number(),
            b'[' | b'{' => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    self.at += 1;
                    return Err(self.error("recursion limit exceeded"));
                }
                let value = if byte == b'[' { self.array() } else { self.object() };
                self.depth -= 1;
                value
            }
            _ => {
                self.at += 1;
                Err(self.error("expected value"))
            }
        }
    }

    fn word(&mut self, word: &'static str, value: Value) -> Result<Value, ParseError> {
        for &expected in word.as_bytes() {
            match self.peek() {
                None => return Err(self.eof("EOF while parsing a value")),
                Some(byte) => {
                    self.at += 1;
                    if byte != expected {
                        return Err(self.error("expected ident"));
                    }
                }
            }
        }
        Ok(value)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as written.
    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            None => return Err(self.eof("EOF while parsing a value")),
            Some(_) => return Err(self.invalid_number()),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.invalid_number());
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.invalid_number());
            }
            self.digits();
        }
        Ok(Value::Number(Number(self.text[start..self.at].to_string())))
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
    }

    fn invalid_number(&mut self) -> ParseError {
        if self.peek().is_none() {
            return self.eof("EOF while parsing a value");
        }
        self.at += 1;
        self.error("invalid number")
    }

    /// A string from its opening quote.
    fn string(&mut self) -> Result<String, ParseError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.at..];
            let Some(end) = rest.find(|c: char| c < ' ' || c == '"' || c == '\\') else {
                self.at = self.text.len();
                return Err(self.eof("EOF while parsing a string"));
            };
            out.push_str(&rest[..end]);
            self.at += end + 1;
            match rest.as_bytes()[end] {
                b'"' => return Ok(out),
                b'\\' => self.escape(&mut out)?,
                _ => return Err(self.error("control character (\\u0000-\\u001F) found while parsing a string")),
            }
        }
    }

    /// The escape after a backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let Some(byte) = self.peek() else { return Err(self.eof("EOF while parsing a string")) };
        self.at += 1;
        out.push(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\x08',
            b'f' => '\x0c',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4()?;
                let code = match unit {
                    0xD800..=0xDBFF => {
                        if !self.text[self.at..].starts_with("\\u") {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        self.at += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        0x1_0000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(self.error("lone trailing surrogate in hex escape")),
                    unit => unit,
                };
                char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))?
            }
            _ => return Err(self.error("invalid escape")),
        });
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut unit = 0;
        for _ in 0..4 {
            let Some(byte) = self.peek() else { return Err(self.eof("EOF while parsing a string")) };
            self.at += 1;
            let digit = char::from(byte).to_digit(16).ok_or_else(|| self.error("invalid escape"))?;
            unit = unit * 16 + digit;
        }
        Ok(unit)
    }

    /// An array from its `[`.
    fn array(&mut self) -> Result<Value, ParseError> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.skip_whitespace();
                    if self.peek() == Some(b']') {
                        self.at += 1;
                        return Err(self.error("trailing comma"));
                    }
                }
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                None => return Err(self.eof("EOF while parsing a list")),
                Some(_) => {
                    self.at += 1;
                    return Err(self.error("expected `,` or `]`"));
                }
            }
        }
    }

    /// An object from its `{`; a key given twice is refused.
    fn object(&mut self) -> Result<Value, ParseError> {
        self.at += 1;
        let mut members: Vec<(String, Value)> = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(Map(members)));
        }
        loop {
            self.skip_whitespace();
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.eof("EOF while parsing an object")),
                Some(b'}') if !members.is_empty() => {
                    self.at += 1;
                    return Err(self.error("trailing comma"));
                }
                Some(_) => {
                    self.at += 1;
                    return Err(self.error("key must be a string"));
                }
            }
            let key = self.string()?;
            self.skip_whitespace();
            match self.peek() {
                Some(b':') => self.at += 1,
                None => return Err(self.eof("EOF while parsing an object")),
                Some(_) => {
                    self.at += 1;
                    return Err(self.error("expected `:`"));
                }
            }
            let value = self.value()?;
            members.push((key, value));
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    if let Some(key) = repeated_key(&members) {
                        return Err(self.error(format!("duplicate key `{key}`")));
                    }
                    return Ok(Value::Object(Map(members)));
                }
                None => return Err(self.eof("EOF while parsing an object")),
                Some(_) => {
                    self.at += 1;
                    return Err(self.error("expected `,` or `}`"));
                }
            }
        }
    }
}

/// A key that two members share, if any: pairwise for a small object, sorted for a large one
/// (a crafted object of 100,000 keys is checked in milliseconds, not minutes).
fn repeated_key(members: &[(String, Value)]) -> Option<&str> {
    if members.len() <= SMALL {
        return members
            .iter()
            .enumerate()
            .find_map(|(i, (key, _))| members[i + 1..].iter().any(|(other, _)| other == key).then_some(key.as_str()));
    }
    let sorted = Sorted::of(members);
    sorted.members.windows(2).find(|pair| pair[0].0 == pair[1].0).map(|pair| pair[0].0.as_str())
}

/// The order of RFC 8785 §3.2.3: by UTF-16 code units, which differs from the order of UTF-8
/// bytes when characters above U+FFFF meet ones from U+E000.
fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// The tree of a `serde_json` value (numbers as serde_json writes them), for the native code
/// and the workspace, whose readers get their documents from serde.
impl From<serde_json::Value> for Value {
    fn from(value: serde_json::Value) -> Self {
        match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(flag) => Value::Bool(flag),
            serde_json::Value::Number(n) => Value::Number(Number(n.to_string())),
            serde_json::Value::String(text) => Value::String(text),
            serde_json::Value::Array(items) => Value::Array(items.into_iter().map(Value::from).collect()),
            serde_json::Value::Object(members) => {
                Value::Object(Map(members.into_iter().map(|(k, v)| (k, Value::from(v))).collect()))
            }
        }
    }
}

/// serde writes a value as it is (a number with a fraction or an exponent as the float it
/// reads as, where serde has no other way).
impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(flag) => serializer.serialize_bool(*flag),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(whole), _) => serializer.serialize_u64(whole),
                (None, Some(whole)) => serializer.serialize_i64(whole),
                _ => serializer.serialize_f64(n.as_str().parse().unwrap_or(f64::NAN)),
            },
            Value::String(text) => serializer.serialize_str(text),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                items.iter().try_for_each(|item| seq.serialize_element(item))?;
                seq.end()
            }
            Value::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                members.iter().try_for_each(|(key, item)| map.serialize_entry(key, item))?;
                map.end()
            }
        }
    }
}

/// serde reads a value through serde_json's tree (numbers as serde_json writes them).
impl<'de> serde::Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <serde_json::Value as serde::Deserialize>::deserialize(deserializer).map(Value::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The merge sort puts members in the order the standard library's sort gives by UTF-16
    /// code units (U+E000 after U+10000's surrogates), for every length up to 300 and
    /// keys in shuffled, sorted and reversed order, with repeats.
    #[test]
    fn members_sort_by_utf16_code_units() {
        let mut seed = 0x5eed_u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as u32
        };
        let alphabet = ['a', 'b', 'Z', '\u{e000}', '\u{10000}', '\u{ffff}', '中'];
        for length in 0..300 {
            let mut keys: Vec<String> = (0..length)
                .map(|_| (0..1 + next() % 3).map(|_| alphabet[next() as usize % alphabet.len()]).collect())
                .collect();
            for arrangement in 0..3 {
                match arrangement {
                    1 => keys.sort(),
                    2 => keys.reverse(),
                    _ => {}
                }
                let members: Vec<(String, Value)> = keys.iter().map(|k| (k.clone(), Value::Null)).collect();
                let sorted: Vec<&String> = Sorted::of(&members).members.iter().map(|(k, _)| *k).collect();
                let mut expected: Vec<&String> = keys.iter().collect();
                expected.sort_by(|a, b| utf16_order(a, b));
                assert_eq!(sorted, expected, "{length} keys, arrangement {arrangement}");
            }
        }
    }

    /// serde_json's reading of `text` (or its message).
    fn serde_reads(text: &str) -> Result<serde_json::Value, String> {
        serde_json::from_str::<serde_json::Value>(text).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_what_serde_json_reads_and_refuses_what_it_refuses() {
        let documents = [
            r#"{"a":[1,-2,0.5,1e3,-0,true,false,null],"b":{"c":"x\"y\\z\/\b\f\n\r\t\u00e9\ud83d\ude00"}}"#,
            " [ ] ",
            "{}",
            "\"\"",
            "0",
            "-12.50E+2",
            r#"{"z":1,"a":2}"#,
            "",
            "   ",
            "[1,]",
            r#"{"a":1,}"#,
            "{,}",
            "[1 2]",
            r#"{"a" 1}"#,
            r#"{1:2}"#,
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "tru",
            "nul",
            "truex",
            "[1] 2",
            "\"\u{1}\"",
            r#""\x""#,
            r#""\u12""#,
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            "\"abc",
            "[1,",
            r#"{"a":"#,
            "NaN",
            "[\u{a0}]",
            "\u{feff}{}",
        ];
        for text in documents {
            // Numbers compared as serde_json reads the text written here.
            match (serde_reads(text), parse(text).map(|ours| serde_reads(&ours.to_string()))) {
                (Ok(serde), Ok(ours)) => assert_eq!(Ok(serde), ours, "{text}"),
                (Err(_), Err(_)) => {}
                (serde, ours) => panic!("{text:?}: serde_json {serde:?}, here {ours:?}"),
            }
        }
    }

    #[test]
    fn messages_say_where_in_serde_json_words() {
        for text in ["[1 2]", "{\"a\":1,}", "[1,", "\"abc", "{\"a\" 1}", "1 x", "[tru]", "{1:2}", "\n\n  -x"] {
            let serde = serde_json::from_str::<serde_json::Value>(text).unwrap_err().to_string();
            let ours = parse(text).unwrap_err().to_string();
            assert_eq!(ours, serde, "{text:?}");
        }
        assert!(parse("[1,").unwrap_err().is_eof());
        assert!(!parse("[1 2]").unwrap_err().is_eof());
    }

    #[test]
    fn numbers_keep_their_text() {
        let value = parse(r#"[0.10, 12345678901234567890123, -0, 1E2]"#).unwrap();
        let texts: Vec<&str> = value
            .as_array()
            .unwrap()
            .iter()
            .map(|v| match v {
                Value::Number(n) => n.as_str(),
                _ => "",
            })
            .collect();
        assert_eq!(texts, ["0.10", "12345678901234567890123", "-0", "1E2"]);
        assert_eq!(parse("7").unwrap().as_u64(), Some(7));
        assert_eq!(parse("7.0").unwrap().as_u64(), None);
        assert_eq!(parse("-7").unwrap().as_u64(), None);
    }

    #[test]
    fn a_key_given_twice_is_refused_at_any_depth_and_size() {
        assert!(parse(r#"{"a":1,"b":{"c":1,"c":2}}"#).unwrap_err().to_string().starts_with("duplicate key `c`"));
        let many: Vec<String> = (0..50_000).map(|i| format!("\"k{i}\":0")).collect();
        assert!(parse(&format!("{{{}}}", many.join(","))).is_ok());
        let repeated = format!("{{{},\"k17\":1}}", many.join(","));
        assert!(parse(&repeated).unwrap_err().to_string().starts_with("duplicate key `k17`"));
    }

    #[test]
    fn large_objects_compare_and_look_up_by_their_sorted_members() {
        // Keys whose UTF-8 and UTF-16 orders disagree, in two different orders.
        let keys: Vec<String> = (0..30_000u32)
            .map(|i| {
                format!("{}{i}", char::from_u32(if i % 2 == 0 { 0x1_0000 + i } else { 0xE000 + i % 0x1000 }).unwrap())
            })
            .collect();
        let object = |order: &mut dyn Iterator<Item = &String>| {
            Map(order.map(|k| (k.clone(), Value::String(k.clone()))).collect())
        };
        let forward = object(&mut keys.iter());
        let mut backward = object(&mut keys.iter().rev());
        assert!(forward == backward);
        let sorted = backward.sorted();
        assert!(keys.iter().all(|k| sorted.get(k) == Some(&Value::String(k.clone()))));
        assert_eq!(sorted.get("absent"), None);
        *backward.get_mut(&keys[777]).unwrap() = Value::Null;
        assert!(forward != backward);
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_refused_without_overflowing_the_stack() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&deep(MAX_DEPTH)).is_ok());
        assert!(parse(&deep(MAX_DEPTH + 1)).unwrap_err().to_string().starts_with("recursion limit exceeded"));
        assert!(parse(&"{\"a\":".repeat(100_000)).is_err());
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let text = r#"{"a":[1,-2.5,true,null,{}],"s":"q\"b\\c\u0001\u001f\b\f\n\r\t/é😀\u007f"}"#;
        let serde = serde_json::from_str::<serde_json::Value>(text).unwrap().to_string();
        assert_eq!(parse(text).unwrap().to_string(), serde);
    }
}
