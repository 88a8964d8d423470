//! One meaning per file: a mapping that gives a key twice is refused, in YAML and JSON alike.
//!
//! serde reads a repeated key into a map by letting the last one win, so `risk_rating: expert`
//! then `risk_rating: novice` would silently score novice. [`Unique`] reads any document
//! through the same parser (serde_yaml or serde_json) before it is read into its real type,
//! and fails at the first key a mapping repeats, with that parser's position.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// The words of the message for a repeated key, which the readers find to place it.
pub(crate) const DUPLICATE: &str = "duplicate key `";

/// What to do about a repeated key.
pub(crate) const HINT: &str =
    "each key may appear once in a mapping; remove one of the two or correct its name";

/// Any document in which no mapping gives a key twice.
pub(crate) struct Unique;

impl<'de> Deserialize<'de> for Unique {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(UniqueVisitor)
    }
}

struct UniqueVisitor;

/// Scalars of every kind are fine as they are.
macro_rules! scalars {
    ($($method:ident($type:ty)),*) => {$(
        fn $method<E>(self, _: $type) -> Result<Unique, E> {
            Ok(Unique)
        }
    )*};
}

impl<'de> Visitor<'de> for UniqueVisitor {
    type Value = Unique;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    scalars!(
        visit_bool(bool),
        visit_i64(i64),
        visit_u64(u64),
        visit_i128(i128),
        visit_u128(u128),
        visit_f64(f64),
        visit_str(&str),
        visit_bytes(&[u8])
    );
    fn visit_unit<E>(self) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_none<E>(self) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<Unique, D::Error> {
        Unique::deserialize(inner)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, inner: D) -> Result<Unique, D::Error> {
        Unique::deserialize(inner)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Unique, A::Error> {
        while seq.next_element::<Unique>()?.is_some() {}
        Ok(Unique)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unique, A::Error> {
        let mut seen = HashSet::new();
        while let Some(Key(key)) = map.next_key()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("{DUPLICATE}{key}`")));
            }
            map.next_value::<Unique>()?;
        }
        Ok(Unique)
    }
}

/// A mapping's key as the crate's types read keys: as text (`1` and `1.0` differ, `true` and
/// `"true"` do not). A key that is a list or a mapping is refused, as those types refuse it.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E>(self, text: &str) -> Result<Key, E> {
                Ok(Key(text.to_owned()))
            }
        }
        deserializer.deserialize_string(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Result<(), String> {
        serde_yaml::from_str::<Unique>(text)
            .map(drop)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn a_repeated_key_is_refused_at_any_depth() {
        let error = yaml("a: 1\nb:\n  - c: {d: 1, e: 2}\n  - c: {d: 1, 'd': 2}\n").unwrap_err();
        assert!(error.contains("duplicate key `d`"), "{error}");
        let error = serde_json::from_str::<Unique>(r#"{"a": [{"k": 1, "\u006b": 2}]}"#)
            .map(drop)
            .unwrap_err();
        assert!(error.to_string().contains("duplicate key `k`"), "{error}");
    }

    #[test]
    fn keys_are_compared_as_the_text_the_types_read() {
        assert!(yaml("1: a\n1.0: b\ntrue: c\nTrue: d\n~: e\nnull: f\n").is_ok());
        assert!(yaml("true: a\n'true': b\n").is_err());
        // The same key in different mappings is no repeat.
        assert!(yaml("a: {k: 1}\nb: {k: 1}\n").is_ok());
    }
}
