//! Compact JSON straight into a byte buffer, for `accord batch` and for every file and message
//! the browser's bundles write (the agreement, the draft, host messages, the hashes' input:
//! one serializer per type in a bundle, and no serde_json writer in the debtor's): the same
//! bytes as
//! `serde_json::to_writer` (no spaces; `"`, `\` and control characters escaped the way it
//! escapes them, nothing else), written faster where a batch spends its time — a string that
//! needs no escape is copied whole after one scan, integers are written without a formatter,
//! and nothing is allocated besides the buffer's growth.
//!
//! Floating-point numbers are refused ([`Unsupported`]): no output of Accord holds one, and
//! serde_json's float format is not worth copying. A caller that may meet one falls back to
//! serde_json. `tests/json_writer.rs` checks the bytes against serde_json's over whole plans.

use serde::ser::{self, Serialize};
use std::fmt;

/// Why a value could not be written: a float, or a map key that is not a string or an
/// integer. What was written before it is left in the buffer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot write as JSON here: {0}")]
pub struct Unsupported(String);

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Unsupported(message.to_string())
    }
}

/// Appends `value` as compact JSON to `out`.
///
/// # Errors
/// [`Unsupported`] for a float or a map key that is neither a string nor an integer.
pub fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Unsupported> {
    value.serialize(&mut Writer { out })
}

/// `value` as compact JSON text; `None` for what [`write`] refuses (no type given here holds
/// a float). What the browser's bundles write their files and messages with.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    let mut bytes = Vec::new();
    write(&mut bytes, value).ok()?;
    String::from_utf8(bytes).ok()
}

/// `value` as a JSON string the way `Decimal`'s `Display` writes it (`"-1234.50"`,
/// `"0.05"`): digits straight from the mantissa, without a `str` to check or scan. What
/// every amount of a plan is (see `money::Amount`'s serde).
pub fn write_decimal(out: &mut Vec<u8>, value: rust_decimal::Decimal) {
    let mantissa = value.mantissa();
    if value.is_sign_negative() != (mantissa < 0) {
        // A negative zero: left to `Display`.
        write_string(out, &value.to_string());
        return;
    }
    // The magnitude's digits, right-aligned over zeros (a mantissa has at most 29). An
    // amount fits 64 bits, where dividing by 10 is a multiplication; 128 bits is a call.
    let mut digits = [b'0'; 29];
    let mut count = 0usize;
    match u64::try_from(mantissa.unsigned_abs()) {
        Ok(mut rest) => {
            while rest > 0 {
                count += 1;
                digits[29 - count] = b'0' + (rest % 10) as u8;
                rest /= 10;
            }
        }
        Err(_) => {
            let mut rest = mantissa.unsigned_abs();
            while rest > 0 {
                count += 1;
                digits[29 - count] = b'0' + (rest % 10) as u8;
                rest /= 10;
            }
        }
    }
    let scale = (value.scale() as usize).min(28);
    // At least one digit before the point: the zeros in front of a small amount.
    let shown = &digits[29 - count.max(scale + 1)..];
    let (whole, fraction) = shown.split_at(shown.len() - scale);
    out.reserve(shown.len() + 4);
    out.push(b'"');
    if mantissa < 0 {
        out.push(b'-');
    }
    // Byte by byte into reserved room: a figure is a dozen bytes, less than a `memcpy` call.
    whole.iter().for_each(|&digit| out.push(digit));
    if scale > 0 {
        out.push(b'.');
        fraction.iter().for_each(|&digit| out.push(digit));
    }
    out.push(b'"');
}

/// `date` as a JSON string `"YYYY-MM-DD"`, as chrono's `Display` writes it (which adds a
/// sign outside years 0–9999: those are left to it).
pub fn write_date(out: &mut Vec<u8>, date: chrono::NaiveDate) {
    use chrono::Datelike;
    let Ok(year) = u32::try_from(date.year()).map_err(drop).and_then(|y| if y <= 9999 { Ok(y) } else { Err(()) })
    else {
        write_string(out, &date.to_string());
        return;
    };
    let two = |n: u32| [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
    out.push(b'"');
    out.extend_from_slice(&two(year / 100));
    out.extend_from_slice(&two(year % 100));
    out.push(b'-');
    out.extend_from_slice(&two(date.month()));
    out.push(b'-');
    out.extend_from_slice(&two(date.day()));
    out.push(b'"');
}

/// An object written field by field, for a caller that writes some of its fields by hand.
pub struct Object<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Object<'a> {
    /// Opens an object in `out`.
    pub fn open(out: &'a mut Vec<u8>) -> Self {
        out.push(b'{');
        Object { out, first: true }
    }

    /// `"key":` after a comma when a field came before.
    fn key(&mut self, key: &str) -> &mut Vec<u8> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        write_string(self.out, key);
        self.out.push(b':');
        self.out
    }

    /// A field whose value is written by serde.
    ///
    /// # Errors
    /// [`Unsupported`] as [`write`].
    pub fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Unsupported> {
        write(self.key(key), value)
    }

    /// A field whose value `write_value` writes as JSON.
    ///
    /// # Errors
    /// What `write_value` returns.
    pub fn field_with(
        &mut self,
        key: &str,
        write_value: impl FnOnce(&mut Vec<u8>) -> Result<(), Unsupported>,
    ) -> Result<(), Unsupported> {
        write_value(self.key(key))
    }

    /// Closes the object.
    pub fn close(self) {
        self.out.push(b'}');
    }
}

/// The serializer: a buffer written in place.
struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

/// `text` as a JSON string: quoted, with `"`, `\` and U+0000–U+001F escaped as serde_json
/// escapes them (`\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`, otherwise `\u00XX`).
fn write_string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // Keys and figures are short: copied byte by byte as they are checked, which beats a
    // scan and a `memcpy` call.
    let plain = bytes.iter().take_while(|&&b| b >= 0x20 && b != b'"' && b != b'\\').count();
    if plain == bytes.len() && plain <= 32 {
        for &byte in bytes {
            out.push(byte);
        }
    } else if plain == bytes.len() {
        out.extend_from_slice(bytes);
    } else {
        for &byte in bytes {
            match byte {
                b'"' => out.extend_from_slice(b"\\\""),
                b'\\' => out.extend_from_slice(b"\\\\"),
                0x08 => out.extend_from_slice(b"\\b"),
                b'\t' => out.extend_from_slice(b"\\t"),
                b'\n' => out.extend_from_slice(b"\\n"),
                0x0c => out.extend_from_slice(b"\\f"),
                b'\r' => out.extend_from_slice(b"\\r"),
                0x00..=0x1f => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.extend_from_slice(b"\\u00");
                    out.extend_from_slice(&[HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xf)]]);
                }
                _ => out.push(byte),
            }
        }
    }
    out.push(b'"');
}

/// An unsigned integer in decimal.
pub fn write_unsigned(out: &mut Vec<u8>, mut value: u128) {
    let mut digits = [0u8; 39];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[start..]);
}

/// A signed integer in decimal.
fn write_signed(out: &mut Vec<u8>, value: i128) {
    if value < 0 {
        out.push(b'-');
    }
    write_unsigned(out, value.unsigned_abs());
}

/// An object, array or variant being written: whether the next element is the first.
struct Compound<'w, 'a> {
    writer: &'w mut Writer<'a>,
    first: bool,
    /// Closing brackets: `]` or `}`, and one more `}` for a variant's wrapper.
    close: &'static [u8],
}

impl Compound<'_, '_> {
    fn separate(&mut self) {
        if !self.first {
            self.writer.out.push(b',');
        }
        self.first = false;
    }

    /// A struct's field name: an identifier as serde renames it, which never needs an
    /// escape, so copied whole (tests/json_writer.rs holds whole plans to serde_json's bytes).
    fn key(&mut self, key: &str) {
        self.separate();
        let out = &mut *self.writer.out;
        out.reserve(key.len() + 3);
        out.push(b'"');
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(b"\":");
    }

    fn end(self) -> Result<(), Unsupported> {
        self.writer.out.extend_from_slice(self.close);
        Ok(())
    }
}

impl<'w, 'a> Writer<'a> {
    fn open(&'w mut self, open: &[u8], close: &'static [u8]) -> Compound<'w, 'a> {
        self.out.extend_from_slice(open);
        Compound { writer: self, first: true, close }
    }

    fn signed(&mut self, value: i128) -> Result<(), Unsupported> {
        write_signed(self.out, value);
        Ok(())
    }

    fn unsigned(&mut self, value: u128) -> Result<(), Unsupported> {
        write_unsigned(self.out, value);
        Ok(())
    }

    /// `{"variant":` before a variant's content.
    fn variant_key(&mut self, variant: &str) {
        self.out.push(b'{');
        write_string(self.out, variant);
        self.out.push(b':');
    }
}

/// A serializer's integer methods, each widened to 128 bits and written by the serializer's
/// own `signed` or `unsigned`.
macro_rules! integer_methods {
    () => {
        integer_methods!(signed: serialize_i8 i8, serialize_i16 i16, serialize_i32 i32, serialize_i64 i64,
            serialize_i128 i128);
        integer_methods!(unsigned: serialize_u8 u8, serialize_u16 u16, serialize_u32 u32, serialize_u64 u64,
            serialize_u128 u128);
    };
    (signed: $($method:ident $type:ty),*) => {$(
        fn $method(self, value: $type) -> Result<(), Unsupported> {
            self.signed(i128::from(value))
        }
    )*};
    (unsigned: $($method:ident $type:ty),*) => {$(
        fn $method(self, value: $type) -> Result<(), Unsupported> {
            self.unsigned(u128::from(value))
        }
    )*};
}

impl<'w, 'a> ser::Serializer for &'w mut Writer<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'w, 'a>;
    type SerializeTuple = Compound<'w, 'a>;
    type SerializeTupleStruct = Compound<'w, 'a>;
    type SerializeTupleVariant = Compound<'w, 'a>;
    type SerializeMap = Compound<'w, 'a>;
    type SerializeStruct = Compound<'w, 'a>;
    type SerializeStructVariant = Compound<'w, 'a>;

    fn serialize_bool(self, value: bool) -> Result<(), Unsupported> {
        self.out.extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }
    integer_methods!();
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        Err(Unsupported("a floating-point number".into()))
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        Err(Unsupported("a floating-point number".into()))
    }
    fn serialize_char(self, value: char) -> Result<(), Unsupported> {
        write_string(self.out, value.encode_utf8(&mut [0u8; 4]));
        Ok(())
    }
    fn serialize_str(self, value: &str) -> Result<(), Unsupported> {
        write_string(self.out, value);
        Ok(())
    }
    fn serialize_bytes(self, value: &[u8]) -> Result<(), Unsupported> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(value.len()))?;
        for byte in value {
            seq.serialize_element(byte)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Unsupported> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.variant_key(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'w, 'a>, Unsupported> {
        Ok(self.open(b"[", b"]"))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'w, 'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'w, 'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w, 'a>, Unsupported> {
        self.variant_key(variant);
        Ok(self.open(b"[", b"]}"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'w, 'a>, Unsupported> {
        Ok(self.open(b"{", b"}"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'w, 'a>, Unsupported> {
        Ok(self.open(b"{", b"}"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w, 'a>, Unsupported> {
        self.variant_key(variant);
        Ok(self.open(b"{", b"}}"))
    }
}

/// Arrays, tuples and their variants: elements after commas, then the closing bracket.
macro_rules! sequence_of_elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Unsupported;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
                self.separate();
                value.serialize(&mut *self.writer)
            }
            fn end(self) -> Result<(), Unsupported> {
                Compound::end(self)
            }
        }
    )*};
}

sequence_of_elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        self.separate();
        key.serialize(MapKey { out: self.writer.out })?;
        self.writer.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Unsupported> {
        Compound::end(self)
    }
}

/// Objects and struct variants: `"key":value` after commas, then the closing braces.
macro_rules! object_of_fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Unsupported;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Unsupported> {
                self.key(key);
                value.serialize(&mut *self.writer)
            }
            fn end(self) -> Result<(), Unsupported> {
                Compound::end(self)
            }
        }
    )*};
}

object_of_fields!(SerializeStruct, SerializeStructVariant);

/// A map key: a string as is, an integer quoted (as serde_json writes them); anything
/// else is [`Unsupported`].
struct MapKey<'a> {
    out: &'a mut Vec<u8>,
}

impl MapKey<'_> {
    fn refuse<T>(what: &str) -> Result<T, Unsupported> {
        Err(Unsupported(format!("{what} as a map key")))
    }

    fn quoted(self, write: impl FnOnce(&mut Vec<u8>)) -> Result<(), Unsupported> {
        self.out.push(b'"');
        write(self.out);
        self.out.push(b'"');
        Ok(())
    }

    fn signed(self, value: i128) -> Result<(), Unsupported> {
        self.quoted(|out| write_signed(out, value))
    }

    fn unsigned(self, value: u128) -> Result<(), Unsupported> {
        self.quoted(|out| write_unsigned(out, value))
    }
}

impl ser::Serializer for MapKey<'_> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = ser::Impossible<(), Unsupported>;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = ser::Impossible<(), Unsupported>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_str(self, value: &str) -> Result<(), Unsupported> {
        write_string(self.out, value);
        Ok(())
    }
    fn serialize_char(self, value: char) -> Result<(), Unsupported> {
        self.serialize_str(value.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Unsupported> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    integer_methods!();
    fn serialize_bool(self, _: bool) -> Result<(), Unsupported> {
        Self::refuse("a boolean")
    }
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        Self::refuse("a float")
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        Self::refuse("a float")
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Self::refuse("bytes")
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        Self::refuse("null")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Unsupported> {
        Self::refuse("an option")
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        Self::refuse("null")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        Self::refuse("null")
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Self::refuse("a variant")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Self::refuse("a sequence")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Self::refuse("a tuple")
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Self::refuse("a tuple")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Self::refuse("a variant")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Self::refuse("a map")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Unsupported> {
        Self::refuse("a struct")
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Self::refuse("a variant")
    }
}
