//! JSON canonicalization (RFC 8785, JCS), SHA-256, and a strict parser that refuses
//! duplicate keys.
//!
//! The canonical form sorts object members by their keys' UTF-16 code units, writes no
//! whitespace, and writes strings the way ECMAScript's `JSON.stringify` does (which is what
//! `serde_json` writes: `\"`, `\\`, `\b \f \n \r \t`, other controls as `\u00xx` in lower
//! case, everything else literally). Numbers must be integers of magnitude below 2^53, whose
//! ECMAScript form is their decimal digits: agreements carry every amount, rate and date as a
//! string, so a fraction or a huge number is refused rather than formatted.

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::fmt;

/// Largest integer written in canonical form (2^53 − 1).
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Why a value has no canonical form here.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CanonicalError {
    #[error("the number {0} is not an integer below 2^53; amounts and rates must be strings")]
    Number(String),
}

/// The RFC 8785 canonical form of `value`.
///
/// # Errors
/// [`CanonicalError::Number`] for a fraction or an integer of magnitude 2^53 or more.
pub fn canonical_json(value: &Value) -> Result<String, CanonicalError> {
    let mut out = String::new();
    write_canonical(value, &mut out)?;
    Ok(out)
}

fn write_canonical(value: &Value, out: &mut String) -> Result<(), CanonicalError> {
    match value {
        Value::Null | Value::Bool(_) | Value::String(_) => out.push_str(&value.to_string()),
        Value::Number(n) => {
            let safe = n.as_u64().is_some_and(|u| u <= MAX_SAFE_INTEGER)
                || n.as_i64().is_some_and(|i| i.unsigned_abs() <= MAX_SAFE_INTEGER);
            if !safe {
                return Err(CanonicalError::Number(n.to_string()));
            }
            out.push_str(&n.to_string());
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out)?;
            }
            out.push(']');
        }
        Value::Object(members) => {
            // RFC 8785 §3.2.3: by UTF-16 code units, which differ from the byte order `Map`
            // keeps when characters above U+FFFF meet ones from U+E000. An O(n log n) sort:
            // the insertion sort it replaces took 15 s on 130,000 keys alternating the two.
            let mut keys: Vec<&String> = members.keys().collect();
            keys.sort_unstable_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
            out.push('{');
            for (i, key) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String((*key).clone()).to_string());
                out.push(':');
                write_canonical(&members[key.as_str()], out)?;
            }
            out.push('}');
        }
    }
    Ok(())
}

/// `value` as a JSON [`Value`]. In the browser through its compact text: the bundles
/// serialize the agreement and its terms as text already, and `serde_json::to_value` would add
/// a second serializer of each type to their wasm (measured: 6.8 KB gzip of the debtor's page
/// for the agreement, 3.8 KB of the workspace for the terms, 3.1 KB of the follow-up page for
/// the verification's outcome). Natively straight, which the same value costs less (the text
/// made `accord status --batch` 3–8 % slower). Every type given here writes its numbers as
/// integers and its decimals as strings, so both ways give the same value (the wasm tests and
/// the end-to-end suite verify agreements the browser made).
pub fn json_value<T: serde::Serialize>(value: &T) -> Value {
    if cfg!(target_arch = "wasm32") {
        serde_json::to_string(value).ok().and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
    } else {
        serde_json::to_value(value).unwrap_or_default()
    }
}

/// SHA-256 of `bytes` as 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses JSON into a [`Value`], refusing an object with the same key twice (which
/// `serde_json::Value` would silently resolve to the last one, so a hash over the parsed
/// value would not cover what a reader of the file sees).
///
/// # Errors
/// The parser's error; a duplicate key is a data error naming the key.
pub fn parse_strict(text: &str) -> Result<Value, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = StrictValue.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// A [`Value`] seed that refuses duplicate keys.
struct StrictValue;

impl<'de> DeserializeSeed<'de> for StrictValue {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictValue {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(StrictValue)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if members.contains_key(&key) {
                return Err(serde::de::Error::custom(format_args!("duplicate key `{key}`")));
            }
            let value = map.next_value_seed(StrictValue)?;
            members.insert(key, value);
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn members_are_sorted_by_utf16_code_units_without_whitespace() {
        // RFC 8785 §3.2.3: U+E000 (one unit, 0xE000) sorts after U+1F600 (0xD83D 0xDE00),
        // the reverse of their UTF-8 byte order.
        let value = json!({ "\u{e000}": 1, "\u{1f600}": 2, "b": [true, null, "x"], "a": { "d": 1, "c": -2 } });
        assert_eq!(
            canonical_json(&value).unwrap(),
            "{\"a\":{\"c\":-2,\"d\":1},\"b\":[true,null,\"x\"],\"\u{1f600}\":2,\"\u{e000}\":1}"
        );
    }

    #[test]
    fn many_keys_that_utf8_and_utf16_order_differently_sort_by_utf16() {
        // Adversarial for an insertion sort: keys alternate U+E000.. and U+10000.. so every
        // key of one range moves past all of the other.
        let mut members = Map::new();
        for i in 0..20_000u32 {
            let high = char::from_u32(0x1_0000 + i).unwrap();
            let private = char::from_u32(0xE000 + i % 0x1000).unwrap();
            members.insert(format!("{high}{i}"), Value::Null);
            members.insert(format!("{private}{i}"), Value::Null);
        }
        let text = canonical_json(&Value::Object(members)).unwrap();
        let keys: Vec<Vec<u16>> = text
            .trim_start_matches("{\"")
            .trim_end_matches("\":null}")
            .split("\":null,\"")
            .map(|k| k.encode_utf16().collect())
            .collect();
        assert_eq!(keys.len(), 40_000);
        assert!(keys.windows(2).all(|pair| pair[0] < pair[1]), "keys in UTF-16 order");
        // Every supplementary-plane key (0xD800.. in UTF-16) sorts before every U+E000 key.
        assert!(keys[..20_000].iter().all(|k| (0xD800..0xDC00).contains(&k[0])));
    }

    #[test]
    fn strings_are_escaped_as_ecmascript_does() {
        // RFC 8785 §3.2.2.2: controls as \uXXXX in lower case, the short escapes, the rest
        // literal.
        let value = json!("\u{1}\u{1f}\u{8}\t\n\u{c}\r\"\\/€\u{7f}");
        assert_eq!(canonical_json(&value).unwrap(), "\"\\u0001\\u001f\\b\\t\\n\\f\\r\\\"\\\\/€\u{7f}\"");
    }

    #[test]
    fn fractions_and_unsafe_integers_are_refused() {
        assert!(canonical_json(&json!(1.5)).is_err());
        assert!(canonical_json(&json!(9_007_199_254_740_992_u64)).is_err());
        assert_eq!(canonical_json(&json!(-9_007_199_254_740_991_i64)).unwrap(), "-9007199254740991");
    }

    #[test]
    fn sha256_matches_the_fips_180_example() {
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn duplicate_keys_are_refused_at_any_depth() {
        assert!(parse_strict(r#"{"a":1,"b":{"c":1,"c":2}}"#).unwrap_err().to_string().contains("duplicate key `c`"));
        assert_eq!(parse_strict(r#"{"a":[1,{"b":2}]}"#).unwrap(), json!({"a":[1,{"b":2}]}));
        assert!(parse_strict(r#"{"a":1} x"#).is_err());
    }
}
