//! JSON input files (answers), read with serde_json. JSON is not read as YAML: the two spell
//! strings differently (`"\ud83d\ude00"`, DEL and C1 controls inside strings, a raw NEL), and
//! a JSON file must mean what any JSON reader says it means.
//!
//! Faults carry the file, line and column as YAML ones do ([`crate::yaml`]); serde_json counts
//! columns in bytes, messages count characters.

use std::collections::{BTreeMap, HashMap};

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::diagnostic::{position_at, Diagnostic};
use crate::unique::{self, Unique};
use crate::yaml::{self, Spans};

/// Parses `source` (named `file` in messages) into `T`. A leading byte-order mark is
/// skipped; an empty document is refused.
pub fn parse<T: DeserializeOwned>(file: &str, source: &str) -> Result<(T, Spans), Diagnostic> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    if source.trim().is_empty() {
        return Err(yaml::empty(file));
    }
    let refused = |error| from_serde(file, source, &error);
    // One meaning per file: no object may give a key twice (see `crate::unique`).
    serde_json::from_str::<Unique>(source).map_err(refused)?;
    let value = serde_json::from_str(source).map_err(refused)?;
    Ok((value, Spans::of_json(source)))
}

fn from_serde(file: &str, source: &str, error: &serde_json::Error) -> Diagnostic {
    // serde_json appends "at line X column Y" to its message; the position is shown already.
    let mut message = error.to_string();
    if let Some(cut) = message.find(" at line ") {
        message.truncate(cut);
    }
    // serde_json's column is the byte's, from 1; 0 stands for the line break before the line.
    let offset = (error.line() > 0).then(|| {
        let line_start: usize = source
            .split_inclusive('\n')
            .take(error.line() - 1)
            .map(str::len)
            .sum();
        let mut offset = (line_start + error.column())
            .saturating_sub(1)
            .min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    });
    // A string that a line break or the end of the file cuts: its opening quote is the place.
    let cut_string = offset.filter(|&at| {
        message.starts_with("EOF while parsing a string")
            || (message.starts_with("control character") && source[at..].starts_with('\n'))
    });
    if let Some(quote) = cut_string.and_then(|at| open_string(source, at)) {
        return Diagnostic::new(file, "this text has no closing quote")
            .at(Some(position_at(source, quote)))
            .hint("close the quote on the same line (write a line break inside text as \\n)");
    }
    if message.starts_with(unique::DUPLICATE) {
        // serde_json stops just after the key (and any space after it): go back to its quote.
        let key = offset.and_then(|at| {
            let end = source[..=at.min(source.len() - 1)].trim_end().len();
            source[..end]
                .ends_with('"')
                .then(|| open_string(source, end - 1))?
        });
        return Diagnostic::new(file, message)
            .at(key.or(offset).map(|at| position_at(source, at)))
            .hint(unique::HINT);
    }
    let hint = if message.contains("unknown field") {
        "remove the field or correct its spelling; see `skillgap answers template`"
    } else {
        "check the JSON on that line: quotes around text, commas between entries, braces"
    };
    Diagnostic::new(file, message)
        .at(offset.map(|at| position_at(source, at)))
        .hint(hint)
}

/// The byte offset of the opening quote of the string that is open at byte `at`, if one is.
fn open_string(source: &str, at: usize) -> Option<usize> {
    let mut open = None;
    let mut escaped = false;
    for (i, byte) in source.bytes().enumerate().take(at) {
        match (open, byte) {
            (Some(_), _) if escaped => escaped = false,
            (Some(_), b'\\') => escaped = true,
            (Some(_), b'"') => open = None,
            (None, b'"') => open = Some(i),
            _ => {}
        }
    }
    open
}

/// The position of every node of a JSON document that [`parse`] accepted, by the same paths
/// as YAML's (`facts.degree`, `list[2]`): the place where each value starts.
pub(crate) fn index(source: &str) -> HashMap<String, (usize, usize)> {
    fn walk(source: &str, raw: &RawValue, path: String, out: &mut HashMap<String, (usize, usize)>) {
        // Every raw value is a slice of `source`, so where it starts is a pointer's distance.
        let text = raw.get();
        let offset = text.as_ptr() as usize - source.as_ptr() as usize;
        out.insert(path.clone(), position_at(source, offset));
        if let Ok(map) = serde_json::from_str::<BTreeMap<String, &RawValue>>(text) {
            for (key, value) in map {
                walk(source, value, yaml::join_key(&path, &key), out);
            }
        } else if let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(text) {
            for (i, value) in items.into_iter().enumerate() {
                walk(source, value, format!("{path}[{i}]"), out);
            }
        }
    }
    let mut out = HashMap::new();
    if let Ok(root) = serde_json::from_str::<&RawValue>(source) {
        walk(source, root, String::new(), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    type Any = BTreeMap<String, serde_json::Value>;

    fn fault(source: &str) -> Diagnostic {
        parse::<Any>("f.json", source).unwrap_err()
    }

    #[test]
    fn positions_count_characters_from_one() {
        let d = fault("{\"é\": \"ü\", \"b\": x}");
        assert_eq!((d.line, d.column), (Some(1), Some(17)), "{}", d.message);
        // serde_json finds this fault at the line break, which ends line 3.
        let d = fault("{\n  \"a\": 1,\n  \"b\": tru\n}");
        assert_eq!((d.line, d.column), (Some(3), Some(11)), "{}", d.message);
        assert!(d.message.starts_with("expected"), "{}", d.message);
    }

    #[test]
    fn an_unclosed_string_points_at_its_quote() {
        for end in ["\n\n", "", "\n  \"c\": 1}"] {
            let d = fault(&format!(
                "{{\"a\": \"x\\\"y\",\n \"b\": \"never closed{end}"
            ));
            assert_eq!(
                (d.line, d.column),
                (Some(2), Some(7)),
                "{end:?}: {}",
                d.message
            );
            assert_eq!(d.message, "this text has no closing quote");
        }
    }

    #[test]
    fn a_repeated_key_is_refused_at_its_opening_quote() {
        let d = fault("{\"a\": 1,\n  \"f\": {\"k\": 1,\n    \"k\"  : 2}}");
        assert_eq!(d.message, "duplicate key `k`");
        assert_eq!((d.line, d.column), (Some(3), Some(5)));
        let d = fault("{\"k\\\"\": 1, \"k\\u0022\": 2}");
        assert_eq!(d.message, "duplicate key `k\"`");
        assert_eq!((d.line, d.column), (Some(1), Some(12)));
    }

    #[test]
    fn escapes_and_characters_yaml_refuses_read_as_json() {
        let (value, _) = parse::<Any>(
            "f.json",
            "{\"a\": \"\\ud83d\\ude00 \u{7f}\u{85}\u{9b}\u{fffe}\"}",
        )
        .unwrap();
        assert_eq!(value["a"], "😀 \u{7f}\u{85}\u{9b}\u{fffe}");
    }

    #[test]
    fn an_empty_file_or_a_byte_order_mark_alone_says_so() {
        for text in ["", " \n", "\u{feff}"] {
            assert_eq!(fault(text).message, "the file is empty");
        }
    }

    #[test]
    fn nodes_are_indexed_where_their_values_start() {
        let source = "\u{feff}{\"a\": {\"é\": 1,\n  \"b\": [true, {\"c\": null}]}}";
        let (_, spans) = parse::<Any>("f.json", source).unwrap();
        assert_eq!(spans.find("a.é"), Some((1, 13)));
        assert_eq!(spans.find("a.b[1].c"), Some((2, 21)));
        assert_eq!(spans.find("a.b[1].missing"), Some((2, 15)));
    }
}
