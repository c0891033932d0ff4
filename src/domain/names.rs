//! Unit-only enums read from their JSON names by one shared reader.
//!
//! serde's derived reader of a unit-only enum costs about 1 KB of the browser's wasm for each
//! enum (a visitor that also takes variant indexes and the `{"name": null}` form). The enums
//! of the JSON contracts are read instead by [`read`], one function for all of them:
//! [`by_name!`](crate::by_name) writes the impl from the list of names and variants. Its
//! exhaustive match makes the compiler refuse a list that misses a variant, and tests/names.rs
//! checks every name against the derived `Serialize` (which also writes the JSON Schema).

use serde::de::{Error, Visitor};
use serde::Deserializer;
use std::fmt;

/// A unit-only enum with its JSON names.
pub trait ByName: Sized + Copy + 'static {
    /// The JSON names, in the order of [`ByName::VARIANTS`].
    const NAMES: &'static [&'static str];
    /// Every variant.
    const VARIANTS: &'static [Self];
}

/// The JSON name of `value` (for messages: a derived `Debug` would link a name table of
/// its own).
pub fn name_of<T: ByName + PartialEq>(value: T) -> &'static str {
    T::VARIANTS.iter().position(|v| *v == value).map_or("", |i| T::NAMES[i])
}

/// Reads a `T` from its JSON name; another name is "unknown variant `x`, expected one of …",
/// as the derived reader says.
pub fn read<'de, D: Deserializer<'de>, T: ByName>(deserializer: D) -> Result<T, D::Error> {
    let index = deserializer.deserialize_str(NameVisitor(T::NAMES))?;
    T::VARIANTS.get(index).copied().ok_or_else(|| D::Error::custom("a name without a variant"))
}

/// Finds a name's position; not generic over the enum, so one copy serves every enum.
struct NameVisitor(&'static [&'static str]);

impl Visitor<'_> for NameVisitor {
    type Value = usize;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        // The names joined by hand: a `{:?}` of the list links the slice's `Debug`.
        formatter.write_str("one of ")?;
        formatter.write_str(&self.0.join(", "))
    }

    fn visit_str<E: Error>(self, name: &str) -> Result<usize, E> {
        self.0.iter().position(|known| *known == name).ok_or_else(|| E::unknown_variant(name, self.0))
    }
}

/// Implements [`ByName`] and `Deserialize` for a unit-only enum:
/// `by_name!(Frequency { "weekly" => Weekly, "monthly" => Monthly });`.
#[macro_export]
macro_rules! by_name {
    ($type:ident { $($name:literal => $variant:ident),+ $(,)? }) => {
        impl $crate::domain::names::ByName for $type {
            const NAMES: &'static [&'static str] = &[$($name),+];
            const VARIANTS: &'static [Self] = &[$($type::$variant),+];
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // Does not compile when the list above misses a variant.
                #[allow(dead_code)]
                fn every_variant_is_named(value: $type) {
                    match value {
                        $($type::$variant)|+ => {}
                    }
                }
                $crate::domain::names::read(deserializer)
            }
        }
    };
}
