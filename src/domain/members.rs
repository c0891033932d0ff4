//! Readers written by hand for the JSON documents the browser's bundles take: the signed
//! offer (with its claim, waivers and policy), the deployment's settings and keys, a host's
//! configuration, a draft, a plan request, an agreement, an approval's statement, a profiles
//! file. Each reads a [`Value`] of [`crate::json`], member by member; this module holds the
//! helpers, each type's reader (`from_json`) sits beside its type.
//!
//! Why not serde's derived readers: each one is a visitor monomorphized for serde_json's
//! parser, with a drop path for every partly read member. Measured on the debtor's wasm
//! (gzip): 181.8 KB with them; 152.6 KB with no reading of these documents at all; 171.4 KB
//! read by hand from a `serde_json::Value`, 156.9 KB from [`crate::json`]'s (no serde_json
//! left in the page). Every document is parsed once into a [`Value`] and each member is one
//! call whose error is recorded, not returned early ([`Members`]).
//!
//! They accept and refuse what the derived readers do — a missing, unknown, `null` or
//! mistyped member, an unknown name — and say so in the same words (`missing field `claim``),
//! after the member's path (`choices.0: missing field `maxCount``). Two differences, both
//! stricter: a document must be an object (serde also takes an array of the members in
//! order), and a number is read from its text (a policy's `0.1` is exactly 0.1, where serde
//! goes through a float). A member given twice is refused by the parser, as serde's derived
//! readers refuse it. The differential tests beside the policy, the offer (with its claim
//! and waivers), the deployment's settings and keys, the draft, the plan request, the
//! agreement, the approval's statement and the profiles file mutate every member of full
//! documents and check that both readers agree (serde's derived readers compiled natively
//! and for tests only); the host's configuration has its own tests in `export::embed`.

use super::names::ByName;
use crate::json::Map;
pub use crate::json::Value;
use std::fmt;

/// Why a document could not be read: the message, and where (`choices.0.waivers.1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The member's path, dot-separated; empty for the document itself.
    pub path: String,
    /// What is wrong, in serde's words.
    pub message: String,
}

impl ReadError {
    /// An error of the value itself (no path yet), e.g. a value of the right type that does
    /// not parse.
    pub fn custom(message: String) -> Self {
        ReadError { path: String::new(), message }
    }

    /// An error in serde's own words: its `de::Error` methods (`missing_field`,
    /// `unknown_field`, `unknown_variant`) written by serde's value error.
    fn serde(error: serde::de::value::Error) -> Self {
        ReadError::custom(error.to_string())
    }

    /// The same error one level down: in member (or item) `name` of the value read.
    #[must_use]
    pub fn within(mut self, name: &str) -> Self {
        self.path = if self.path.is_empty() { name.to_string() } else { format!("{name}.{}", self.path) };
        self
    }

    /// As an error of the serde reader that called a hand-written one: the message first, as
    /// serde's own start (callers look at how a message starts), then the member.
    pub fn into_serde<E: serde::de::Error>(self) -> E {
        if self.path.is_empty() {
            E::custom(self.message)
        } else {
            E::custom(format_args!("{} (member {})", self.message, self.path))
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReadError {}

/// Parses `text` as JSON ([`crate::json`], whose message says where it stopped).
///
/// # Errors
/// A [`ReadError`] with the parser's message.
pub fn parse(text: &str) -> Result<Value, ReadError> {
    crate::json::parse(text).map_err(|e| ReadError::custom(e.to_string()))
}

/// "invalid type: integer `5`, expected a string", as serde says it.
pub fn invalid_type(value: &Value, expected: &str) -> ReadError {
    let found = match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_integer() => format!("integer `{n}`"),
        Value::Number(n) => format!("floating point `{n}`"),
        Value::String(s) => format!("string \"{s}\""),
        Value::Array(_) => "sequence".to_string(),
        Value::Object(_) => "map".to_string(),
    };
    ReadError::custom(format!("invalid type: {found}, expected {expected}"))
}

/// "unknown field `name`, expected one of `a`, `b`", in serde's words.
pub fn unknown_field(name: &str, known: &'static [&'static str]) -> ReadError {
    ReadError::serde(serde::de::Error::unknown_field(name, known))
}

/// The members of an object, taken one by one by name. A member that cannot be read is
/// recorded (the first such error is kept) and read as its type's default, so a reader
/// builds its value in one expression with no early return (each `?` inside a struct
/// expression would add a path dropping every member read before it) and asks
/// [`Members::finish`] at the end.
pub struct Members {
    map: Map,
    error: Option<ReadError>,
}

impl Members {
    /// The members of `value`, which must be an object (`what` names it in the message,
    /// e.g. "struct Policy") with no member outside `known`.
    ///
    /// # Errors
    /// Not an object; an unknown member ("unknown field `x`, expected one of …").
    pub fn of(value: Value, what: &str, known: &'static [&'static str]) -> Result<Members, ReadError> {
        let members = Members::lenient(value, what)?;
        members.only(known)?;
        Ok(members)
    }

    /// The members of `value`, which must be an object; members it does not read are
    /// ignored, as serde's derived reader ignores them in a struct without
    /// `deny_unknown_fields` (a draft saved by a later version still opens).
    ///
    /// # Errors
    /// Not an object.
    pub fn lenient(value: Value, what: &str) -> Result<Members, ReadError> {
        let Value::Object(map) = value else { return Err(invalid_type(&value, what)) };
        Ok(Members { map, error: None })
    }

    /// Refuses a member left that is not in `known` (for a value whose members depend on
    /// another member, read first: a plan's `type`).
    ///
    /// # Errors
    /// "unknown field `x`, expected one of …".
    pub fn only(&self, known: &'static [&'static str]) -> Result<(), ReadError> {
        match self.map.keys().find(|name| !known.contains(&name.as_str())) {
            Some(name) => Err(unknown_field(name, known)),
            None => Ok(()),
        }
    }

    /// Keeps `error` if it is the first.
    pub fn fail(&mut self, error: ReadError) {
        self.error.get_or_insert(error);
    }

    /// Member `name`: taken out when given (and not `null` where `null_is_absent`); when
    /// absent and `required`, "missing field `name`" is recorded.
    fn take(&mut self, name: &str, required: bool, null_is_absent: bool) -> Option<Value> {
        match self.map.remove(name) {
            Some(Value::Null) if null_is_absent => None,
            Some(value) => Some(value),
            None => {
                if required {
                    self.fail(ReadError::custom(format!("missing field `{name}`")));
                }
                None
            }
        }
    }

    /// `read(value)`, its error recorded within `name`.
    fn read<T>(&mut self, name: &str, value: Value, read: fn(Value) -> Result<T, ReadError>) -> Option<T> {
        read(value).map_err(|e| self.fail(e.within(name))).ok()
    }

    /// A member that must be given.
    pub fn required<T: Default>(&mut self, name: &str, read: fn(Value) -> Result<T, ReadError>) -> T {
        let Some(value) = self.take(name, true, false) else { return T::default() };
        self.read(name, value, read).unwrap_or_default()
    }

    /// A member that must be given, read as a unit-only enum's name.
    pub fn required_name<T: ByName>(&mut self, name: &str) -> T {
        let index = self.required(name, |value| by_name(value, T::NAMES));
        T::VARIANTS[index]
    }

    /// A member read by `read` when given (`null` as `read` takes it), else `None`: serde's
    /// `#[serde(default)]` on a member that is not an `Option`, and `deserialize_with = "given"`.
    pub fn given<T>(&mut self, name: &str, read: fn(Value) -> Result<T, ReadError>) -> Option<T> {
        let value = self.take(name, false, false)?;
        self.read(name, value, read)
    }

    /// An optional member (`Option` with `#[serde(default)]`): absent or `null` is `None`.
    pub fn optional<T>(&mut self, name: &str, read: fn(Value) -> Result<T, ReadError>) -> Option<T> {
        let value = self.take(name, false, true)?;
        self.read(name, value, read)
    }

    /// A member with a default (`#[serde(default)]`): the default when absent; `null` is
    /// read by `read` (and refused by every reader here).
    pub fn or_default<T: Default>(&mut self, name: &str, read: fn(Value) -> Result<T, ReadError>) -> T {
        self.given(name, read).unwrap_or_default()
    }

    /// A member of a struct with `#[serde(default)]` on the struct: `fallback` (the struct's
    /// default's value) when absent; `null` is read by `read`.
    pub fn or<T>(&mut self, name: &str, read: fn(Value) -> Result<T, ReadError>, fallback: T) -> T {
        self.given(name, read).unwrap_or(fallback)
    }

    /// A text member that may be left out (`#[serde(default)]`): empty when absent.
    pub fn text_or_empty(&mut self, name: &str) -> String {
        self.or_default(name, text)
    }

    /// A list member that must be given, each item read by `item`.
    pub fn required_list<T>(&mut self, name: &str, item: fn(Value) -> Result<T, ReadError>) -> Vec<T> {
        self.take_list(name, true, false, item).unwrap_or_default()
    }

    /// A list member that may be left out (`#[serde(default)]`): empty when absent.
    pub fn list_or_empty<T>(&mut self, name: &str, item: fn(Value) -> Result<T, ReadError>) -> Vec<T> {
        self.given_list(name, item).unwrap_or_default()
    }

    /// A list member, `None` when absent (`null` refused).
    pub fn given_list<T>(&mut self, name: &str, item: fn(Value) -> Result<T, ReadError>) -> Option<Vec<T>> {
        self.take_list(name, false, false, item)
    }

    /// An optional list member: absent or `null` is `None`.
    pub fn optional_list<T>(&mut self, name: &str, item: fn(Value) -> Result<T, ReadError>) -> Option<Vec<T>> {
        self.take_list(name, false, true, item)
    }

    /// A list member taken as [`Members::take`] takes it, each item read by `item`; its
    /// error recorded within `name`.
    fn take_list<T>(
        &mut self,
        name: &str,
        required: bool,
        null_is_absent: bool,
        item: fn(Value) -> Result<T, ReadError>,
    ) -> Option<Vec<T>> {
        let value = self.take(name, required, null_is_absent)?;
        list(value, item).map_err(|e| self.fail(e.within(name))).ok()
    }

    /// The value built from the members, or the first member's error.
    ///
    /// # Errors
    /// The first error recorded.
    pub fn finish<T>(self, value: T) -> Result<T, ReadError> {
        match self.error {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }
}

/// A string.
///
/// # Errors
/// Another type.
pub fn text(value: Value) -> Result<String, ReadError> {
    match value {
        Value::String(text) => Ok(text),
        other => Err(invalid_type(&other, "a string")),
    }
}

/// `true` or `false`.
///
/// # Errors
/// Another type.
pub fn flag(value: Value) -> Result<bool, ReadError> {
    value.as_bool().ok_or_else(|| invalid_type(&value, "a boolean"))
}

/// A whole number from 0 to `u32::MAX`, as a JSON number.
///
/// # Errors
/// Another type, a fraction, a negative number or one too large.
pub fn whole(value: Value) -> Result<u32, ReadError> {
    unsigned(value, u64::from(u32::MAX), "u32").map(|n| n as u32)
}

/// A whole number from 0 to `u64::MAX`, as a JSON number.
///
/// # Errors
/// Another type, a fraction, a negative number or one too large.
pub fn whole_u64(value: Value) -> Result<u64, ReadError> {
    unsigned(value, u64::MAX, "u64")
}

/// A position in a list (`usize`: 32 bits in the browser, 64 natively, as serde reads it).
///
/// # Errors
/// Another type, a fraction, a negative number or one too large.
pub fn index(value: Value) -> Result<usize, ReadError> {
    unsigned(value, usize::MAX as u64, "usize").map(|n| n as usize)
}

/// A JSON integer from 0 to `max`; `what` names the type in serde's words.
fn unsigned(value: Value, max: u64, what: &str) -> Result<u64, ReadError> {
    match &value {
        Value::Number(n) if n.is_integer() => n
            .as_u64()
            .filter(|n| *n <= max)
            .ok_or_else(|| ReadError::custom(format!("invalid value: integer `{n}`, expected {what}"))),
        _ => Err(invalid_type(&value, what)),
    }
}

/// Any JSON value, kept as it is (a member typed `Value`).
///
/// # Errors
/// None.
pub fn any(value: Value) -> Result<Value, ReadError> {
    Ok(value)
}

/// An array of exactly `N` items, each read by `item` (serde's reader of `[T; N]`).
///
/// # Errors
/// Not an array, another length, or the first item's error.
pub fn array<T, const N: usize>(value: Value, item: fn(Value) -> Result<T, ReadError>) -> Result<[T; N], ReadError> {
    let items = list(value, item)?;
    let found = items.len();
    items.try_into().map_err(|_| ReadError::custom(format!("invalid length {found}, expected an array of length {N}")))
}

/// An array, each item read by `item` (an error says which item).
///
/// # Errors
/// Not an array, or the first item's error.
pub fn list<T>(value: Value, item: fn(Value) -> Result<T, ReadError>) -> Result<Vec<T>, ReadError> {
    let Value::Array(items) = value else { return Err(invalid_type(&value, "a sequence")) };
    items.into_iter().enumerate().map(|(i, value)| item(value).map_err(|e| e.within(&i.to_string()))).collect()
}

/// A unit-only enum by its JSON name.
///
/// # Errors
/// Not a string, or not one of the names.
pub fn named<T: ByName>(value: Value) -> Result<T, ReadError> {
    let index = by_name(value, T::NAMES)?;
    Ok(T::VARIANTS[index])
}

/// The position of a name in `names`; not generic, so one copy serves every enum.
fn by_name(value: Value, names: &'static [&'static str]) -> Result<usize, ReadError> {
    let Value::String(name) = value else {
        return Err(invalid_type(&value, &format!("one of {}", names.join(", "))));
    };
    names
        .iter()
        .position(|known| *known == name)
        .ok_or_else(|| ReadError::serde(serde::de::Error::unknown_variant(&name, names)))
}

/// Test support: the mutations of a document that the differential tests feed both readers.
#[cfg(test)]
pub(crate) mod mutations {
    use super::ReadError;
    use serde::de::DeserializeOwned;
    use serde_json::{json, Value};
    use std::fmt::Debug;

    /// Checks that serde's derived reader (from the text, as the page read it before) and the
    /// hand-written `hand` accept the same documents with the same value and refuse the same
    /// ones, over `document` (which both must accept) and every mutation of it; returns how
    /// many mutations were accepted and refused, for the caller to check neither is zero.
    pub(crate) fn readers_agree<T: DeserializeOwned + PartialEq + Debug>(
        document: &Value,
        hand: fn(super::Value) -> Result<T, ReadError>,
    ) -> (usize, usize) {
        readers_agree_with(document, |text| serde_json::from_str::<T>(text).map_err(|e| e.to_string()), hand)
    }

    /// [`readers_agree`] with the derived reader given (a `#[serde(remote)]` one, for a type
    /// whose `Deserialize` is the hand-written reader).
    pub(crate) fn readers_agree_with<T: PartialEq + Debug>(
        document: &Value,
        derived: fn(&str) -> Result<T, String>,
        hand: fn(super::Value) -> Result<T, ReadError>,
    ) -> (usize, usize) {
        // Both from the same text: serde's reader, and the page's parser then `hand`.
        let read = |doc: &Value| {
            let text = doc.to_string();
            (derived(&text), super::parse(&text).and_then(hand))
        };
        let (derived, written) = read(document);
        assert_eq!(derived.expect("serde reads the document"), written.expect("the hand reader reads it"));
        let (mut accepted, mut refused) = (0, 0);
        for doc in of(document) {
            match read(&doc) {
                (Ok(derived), Ok(written)) => {
                    assert_eq!(derived, written, "{doc}");
                    accepted += 1;
                }
                (Err(_), Err(_)) => refused += 1,
                // The one difference on purpose (see the module's notes): serde also takes a
                // struct as the array of its members in order, so `[]` where every member has
                // a default; the hand readers want an object.
                (Ok(_), Err(e)) if e.message.starts_with("invalid type: sequence, expected struct") => refused += 1,
                (derived, written) => panic!("{doc}\nserde: {derived:?}\nhand: {written:?}"),
            }
        }
        (accepted, refused)
    }

    /// Every document made from `document` by changing one member (anywhere in it): left
    /// out, set to `null`, `true`, `5`, `-1`, `1.5`, `4294967296`, `"x"`, `"2025-01-15"`,
    /// `"1.5"`, `[]`, `{}`; and every object with one unknown member added.
    pub(crate) fn of(document: &Value) -> Vec<Value> {
        let mut out = Vec::new();
        let mut paths = Vec::new();
        collect(document, &mut Vec::new(), &mut paths);
        let replacements = [
            json!(null),
            json!(true),
            json!(5),
            json!(-1),
            json!(1.5),
            json!(4_294_967_296u64),
            json!("x"),
            json!("2025-01-15"),
            json!("1.5"),
            json!([]),
            json!({}),
        ];
        for path in &paths {
            let mut removed = document.clone();
            let Some(name) = path.last() else {
                continue;
            };
            if let Some(parent) = pointer_mut(&mut removed, &path[..path.len() - 1]) {
                match parent {
                    Value::Object(members) => {
                        members.remove(name);
                    }
                    Value::Array(items) => {
                        items.remove(name.parse::<usize>().unwrap_or_default());
                    }
                    _ => {}
                }
            }
            out.push(removed);
            for replacement in &replacements {
                let mut changed = document.clone();
                if let Some(target) = pointer_mut(&mut changed, path) {
                    *target = replacement.clone();
                }
                out.push(changed);
            }
        }
        for path in paths.iter().chain(std::iter::once(&Vec::new())) {
            let mut added = document.clone();
            if let Some(Value::Object(members)) = pointer_mut(&mut added, path) {
                members.insert("surprise".into(), json!(1));
                out.push(added);
            }
        }
        out
    }

    fn collect(value: &Value, path: &mut Vec<String>, paths: &mut Vec<Vec<String>>) {
        let children: Vec<(String, &Value)> = match value {
            Value::Object(members) => members.iter().map(|(k, v)| (k.clone(), v)).collect(),
            Value::Array(items) => items.iter().enumerate().map(|(i, v)| (i.to_string(), v)).collect(),
            _ => return,
        };
        for (name, child) in children {
            path.push(name);
            paths.push(path.clone());
            collect(child, path, paths);
            path.pop();
        }
    }

    fn pointer_mut<'a>(value: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
        path.iter().try_fold(value, |value, name| match value {
            Value::Object(members) => members.get_mut(name),
            Value::Array(items) => items.get_mut(name.parse::<usize>().ok()?),
            _ => None,
        })
    }
}
