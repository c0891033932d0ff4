//! JSON canonicalization (RFC 8785, JCS) and SHA-256, on [`crate::json`]'s tree (whose
//! parser refuses a key given twice, so a hash covers what every reader of the text sees).
//!
//! The canonical form sorts object members by their keys' UTF-16 code units, writes no
//! whitespace, and writes strings the way ECMAScript's `JSON.stringify` does (which is what
//! `serde_json` writes: `\"`, `\\`, `\b \f \n \r \t`, other controls as `\u00xx` in lower
//! case, everything else literally). Numbers must be integers of magnitude below 2^53, whose
//! ECMAScript form is their decimal digits: agreements carry every amount, rate and date as a
//! string, so a fraction or a huge number is refused rather than formatted.

use crate::json::{self, Value};
use sha2::{Digest, Sha256};

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
        Value::Number(n) => {
            // The integer's digits: `-0` and `1` as ECMAScript writes them.
            let safe = match (n.as_u64(), n.as_i64()) {
                (Some(whole), _) if whole <= MAX_SAFE_INTEGER => whole.to_string(),
                (None, Some(whole)) if whole.unsigned_abs() <= MAX_SAFE_INTEGER => whole.to_string(),
                _ => return Err(CanonicalError::Number(n.to_string())),
            };
            out.push_str(&safe);
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
            // RFC 8785 §3.2.3: by UTF-16 code units (an O(n log n) sort: the insertion sort
            // it replaced took 15 s on 130,000 keys alternating U+E000.. and U+10000..).
            out.push('{');
            for (i, (key, item)) in members.sorted().members.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json::write_string(key, out);
                out.push(':');
                write_canonical(item, out)?;
            }
            out.push('}');
        }
        other => json::write(other, out),
    }
    Ok(())
}

/// The RFC 8785 form of `value`, a type whose JSON holds no float (every amount, rate and
/// date of Accord's files is a string); `None` for one that does.
pub fn canonical_of<T: serde::Serialize + ?Sized>(value: &T) -> Option<String> {
    canonical_json(&tree_of(value)?).ok()
}

/// `value` as a JSON tree, which the verification compares member by member with the file as
/// read. Every type given here writes its numbers as integers and its decimals as strings;
/// `Null` for one that holds a float.
pub fn json_value<T: serde::Serialize + ?Sized>(value: &T) -> Value {
    tree_of(value).unwrap_or_default()
}

/// `value` as a JSON tree, through its compact text ([`super::json`], the writer every bundle
/// carries for its files anyway); `None` for a float.
pub fn tree_of<T: serde::Serialize + ?Sized>(value: &T) -> Option<Value> {
    json::parse(&super::json::to_string(value)?).ok()
}

/// SHA-256 of `bytes` as 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree of `json!(…)`.
    macro_rules! json {
        ($($t:tt)+) => { Value::from(serde_json::json!($($t)+)) };
    }

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
        let mut members = crate::json::Map::new();
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
}
