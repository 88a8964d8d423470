//! The result document as pretty JSON, and the JSON layout every command writes.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use super::{Renderer, Style};
use crate::result::ResultDocument;

/// Prints the result document; the stable machine-readable form.
pub struct JsonRenderer;

impl Renderer for JsonRenderer {
    fn render(&self, doc: &ResultDocument, _style: Style) -> String {
        pretty(doc)
    }
}

/// `value` as pretty JSON ending in a newline, safe to print (see [`write_pretty`]).
pub fn pretty<T: Serialize>(value: &T) -> String {
    let mut out = Vec::with_capacity(4096);
    match write_pretty(&mut out, value) {
        // serde_json writes UTF-8, and the escapes are ASCII.
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Writes `value` to `writer` as pretty JSON ending in a newline (serde_json's pretty layout),
/// with every character a terminal could act on (DEL, the C1 controls, the bidirectional
/// overrides, as well as the C0 controls JSON escapes anyway) written as a `\uNNNN` escape:
/// the document means the same, and printing it cannot drive the terminal. The text goes to
/// `writer` in blocks as it is made, so a large document needs no whole copy in memory.
pub fn write_pretty<W: Write, T: Serialize>(writer: W, value: &T) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(16 * 1024, writer);
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut out, Safe(PrettyFormatter::new()));
    // The writer's own error comes back as it was (a closed pipe stays a closed pipe).
    value.serialize(&mut serializer)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// serde_json's pretty layout, with the characters serde_json leaves raw but a terminal may
/// act on written as `\uNNNN` escapes. serde_json escapes the C0 controls, `"` and `\` itself
/// and hands the runs between them, in strings and keys alike, to `write_string_fragment`.
struct Safe<'a>(PrettyFormatter<'a>);

/// The layout methods, passed on to the pretty formatter.
macro_rules! layout {
    ($($method:ident($($arg:ident: $type:ty),*)),* $(,)?) => {$(
        fn $method<W: ?Sized + Write>(&mut self, writer: &mut W $(, $arg: $type)*) -> io::Result<()> {
            self.0.$method(writer $(, $arg)*)
        }
    )*};
}

impl Formatter for Safe<'_> {
    layout!(
        begin_array(),
        end_array(),
        begin_array_value(first: bool),
        end_array_value(),
        begin_object(),
        end_object(),
        begin_object_key(first: bool),
        begin_object_value(),
        end_object_value(),
    );

    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest
            .char_indices()
            .find(|&(_, c)| crate::text::is_unsafe(c))
        {
            writer.write_all(&rest.as_bytes()[..at])?;
            write!(writer, "\\u{:04x}", c as u32)?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    /// What `pretty` must write: serde_json's pretty text with each character a terminal
    /// acts on spelled `\uNNNN` (serde_json escapes C0 controls itself, so those left raw
    /// can only be inside strings).
    fn reference<T: Serialize>(value: &T) -> String {
        let text = serde_json::to_string_pretty(value).unwrap();
        let safe: String = text
            .chars()
            .map(|c| match crate::text::is_unsafe(c) {
                true => format!("\\u{:04x}", c as u32),
                false => c.to_string(),
            })
            .collect();
        safe + "\n"
    }

    /// `pretty`, and `write_pretty` into a writer that takes a few bytes at a time.
    fn both<T: Serialize>(value: &T) -> (String, String) {
        struct Trickle(Vec<u8>);
        impl Write for Trickle {
            fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
                let n = bytes.len().min(7);
                self.0.extend_from_slice(&bytes[..n]);
                Ok(n)
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut streamed = Trickle(Vec::new());
        write_pretty(&mut streamed, value).unwrap();
        (pretty(value), String::from_utf8(streamed.0).unwrap())
    }

    #[test]
    fn long_strings_around_the_block_size_are_escaped_whole() {
        for pad in 0..4 {
            let text = format!("{}\u{202e}\u{9b}é—\"\n", "x".repeat(16 * 1024 - 8 + pad));
            let list = vec![text.clone(), text.clone(), text];
            let (whole, streamed) = both(&list);
            assert_eq!(whole, reference(&list), "pad {pad}");
            assert_eq!(streamed, whole, "pad {pad}");
        }
    }

    #[test]
    fn the_layout_is_serde_jsons_and_only_unsafe_characters_change() {
        let value = serde_json::json!({
            "plain": ["a", 1, {"b": null}, [], -2.5e-7, 1e300, u64::MAX, i64::MIN, true],
            "unsafe": "a\u{9b}b\u{202e}c — d\u{7f}… \u{1b}[2J \u{0}\u{8}\u{c}\r\t\\",
            "k\u{202e}ey": {}
        });
        assert_eq!(pretty(&value), reference(&value));
        // Deeper than the indentation the layout keeps at hand.
        let mut deep = serde_json::json!([1, {"a": []}]);
        for _ in 0..40 {
            deep = serde_json::json!({"k": [deep, {}]});
        }
        assert_eq!(pretty(&deep), reference(&deep));
        assert!(pretty(&value).contains("a\\u009bb\\u202ec — d\\u007f… \\u001b[2J"));
        // The same document, spelled safely: it reads back as it was.
        let safe = pretty(&value);
        assert!(!safe.chars().any(crate::text::is_unsafe), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn every_shape_serde_can_describe_is_written_as_serde_json_writes_it() {
        #[derive(Serialize)]
        enum Shape {
            Unit,
            Newtype(Option<u8>),
            Tuple(i32, String),
            Struct { a: f64, b: Vec<()> },
        }
        #[derive(Serialize)]
        struct Unit;
        #[derive(Serialize)]
        struct Wrapper(char);
        #[derive(Serialize)]
        struct Pair(u16, f32);
        #[derive(Serialize)]
        struct Everything<'a> {
            shapes: Vec<Shape>,
            empty_shapes: Vec<Shape>,
            unit: Unit,
            nothing: (),
            wrapper: Wrapper,
            pair: Pair,
            tuple: (i8, u128, i128),
            #[serde(with = "serde_bytes_as_seq")]
            bytes: &'a [u8],
            numbered: BTreeMap<u32, &'a str>,
            signed: BTreeMap<i64, bool>,
            by_char: BTreeMap<char, Option<String>>,
            not_finite: [f64; 3],
            #[serde(skip_serializing_if = "Option::is_none")]
            skipped: Option<u8>,
        }
        mod serde_bytes_as_seq {
            pub fn serialize<S: serde::Serializer>(b: &&[u8], s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(b)
            }
        }
        let value = Everything {
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(Some(7)),
                Shape::Newtype(None),
                Shape::Tuple(-1, "t\u{2066}".into()),
                Shape::Struct {
                    a: 0.1,
                    b: vec![(), ()],
                },
                Shape::Struct { a: -0.0, b: vec![] },
            ],
            empty_shapes: vec![],
            unit: Unit,
            nothing: (),
            wrapper: Wrapper('\u{85}'),
            pair: Pair(65535, 1.5),
            tuple: (-128, u128::MAX, i128::MIN),
            bytes: b"\x00\xff",
            numbered: [(3, "three"), (10, "")].into(),
            signed: [(-4, true)].into(),
            by_char: [('"', None), ('\u{7f}', Some("x".into()))].into(),
            not_finite: [f64::NAN, f64::INFINITY, f64::MIN_POSITIVE],
            skipped: None,
        };
        let (whole, streamed) = both(&value);
        assert_eq!(whole, reference(&value));
        assert_eq!(streamed, whole);
    }

    #[test]
    fn keys_that_are_numbers_or_bools_are_quoted_as_serde_json_quotes_them() {
        /// A map whose keys are every kind serde_json takes.
        struct Keys(f64);
        impl Serialize for Keys {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = s.serialize_map(None)?;
                map.serialize_entry(&true, &1)?;
                map.serialize_entry(&self.0, &2)?;
                map.serialize_entry(&2.5f32, &3)?;
                map.serialize_entry(&Some(-7i8), &4)?;
                map.serialize_entry(&u128::MAX, &5)?;
                map.end()
            }
        }
        for key in [0.1, -0.0, 1e300, 12.0] {
            let (whole, streamed) = both(&Keys(key));
            assert_eq!(whole, reference(&Keys(key)));
            assert_eq!(streamed, whole);
        }
        for key in [f64::NAN, f64::INFINITY] {
            let ours = write_pretty(&mut Vec::new(), &Keys(key)).unwrap_err();
            let theirs = serde_json::to_string(&Keys(key)).unwrap_err();
            assert_eq!(ours.to_string(), theirs.to_string());
        }
    }

    #[test]
    fn a_key_json_cannot_hold_is_refused_not_written() {
        let by_list: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into();
        assert!(serde_json::to_string(&by_list).is_err());
        let mut out = Vec::new();
        let error = write_pretty(&mut out, &by_list).unwrap_err();
        assert!(
            error.to_string().contains("key must be a string"),
            "{error}"
        );
    }

    /// Any JSON value: strings rich in what must be escaped, numbers of every kind.
    fn any_json() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value;
        let text = "[a-z \"\\\n\t\r\u{0}-\u{1f}\u{7f}-\u{a0}\u{2000}-\u{206f}—é]{0,40}";
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            text.prop_map(Value::String),
            // Long plain runs, where whole blocks are copied.
            ("[a-z ]{30,90}", text).prop_map(|(a, b)| Value::String(a + &b)),
        ];
        leaf.prop_recursive(4, 64, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map(text, inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn any_value_is_written_as_serde_json_writes_it_then_made_safe(value in any_json()) {
            let (whole, streamed) = both(&value);
            prop_assert_eq!(&whole, &reference(&value));
            prop_assert_eq!(streamed, whole);
        }
    }
}
