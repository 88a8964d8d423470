//! A quick reader for answers files written in the plain shape every template and example
//! has: comments, `profile:`/`person:` words, and `facts:` / `answers:` blocks of
//! `id: value` lines whose values are words, whole or decimal numbers, or `[a, b]` lists.
//!
//! Parsing such a file with serde_yaml was a quarter of a scored run. This reader accepts
//! only what it can read exactly as serde_yaml does and answers `None` for anything else (a
//! quoted string, an anchor, a block list, a tab, a duplicate key, a word YAML reads as a
//! bool, null or number, …), which then goes to serde_yaml, with its positions and messages.
//! A property test holds the two to the same result.

use super::{Answers, Value};

/// `source` read as an answers file, if it keeps to the plain shape.
pub(super) fn parse(source: &str) -> Option<Answers> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    if source.bytes().any(|b| b == b'\t' || b == b'\r') {
        return None;
    }
    let mut answers = Answers::default();
    let mut block: Option<Block> = None;
    let mut block_indent = None;
    let mut seen_top: Vec<&str> = Vec::new();
    for line in source.split('\n') {
        let content = without_comment(line)?;
        if content.is_empty() {
            continue;
        }
        let indent = content.len() - content.trim_start_matches(' ').len();
        let (key, value) = entry(&content[indent..])?;
        if indent == 0 {
            if let Some(open) = block.take() {
                // A block with no entries is null in YAML: serde_yaml says what it makes of it.
                if !open.filled {
                    return None;
                }
            }
            if seen_top.contains(&key) {
                return None;
            }
            seen_top.push(key);
            match (key, value) {
                ("facts" | "answers", "") => {
                    block = Some(Block {
                        answers: key == "answers",
                        filled: false,
                    });
                    block_indent = None;
                }
                // Left blank, as in a fresh template: null, so none.
                ("person" | "profile", "") => {}
                ("person", text) => answers.person = Some(name(text)?.to_string()),
                ("profile", text) => answers.profile = Some(word(text)?.to_string()),
                _ => return None,
            }
            continue;
        }
        let open = block.as_mut()?;
        if *block_indent.get_or_insert(indent) != indent {
            return None;
        }
        open.filled = true;
        let map = if open.answers {
            &mut answers.answers
        } else {
            &mut answers.facts
        };
        let value = value_of(value)?;
        match map.entry(word(key)?.to_string()) {
            std::collections::btree_map::Entry::Vacant(slot) => slot.insert(value),
            std::collections::btree_map::Entry::Occupied(_) => return None,
        };
    }
    match block {
        Some(open) if !open.filled => None,
        // Nothing but comments is no document: serde_yaml says so.
        _ if seen_top.is_empty() => None,
        _ => Some(answers),
    }
}

/// The `facts:` or `answers:` block being read.
struct Block {
    answers: bool,
    filled: bool,
}

/// `line` without its comment and trailing spaces; `None` if a `#` could be something other
/// than a comment.
fn without_comment(line: &str) -> Option<&str> {
    let code = match line.find('#') {
        // A comment starts a line (after spaces) or follows a space.
        Some(at) if line[..at].trim_start_matches(' ').is_empty() || line[..at].ends_with(' ') => {
            &line[..at]
        }
        Some(_) => return None,
        None => line,
    };
    Some(code.trim_end_matches(' '))
}

/// `key: value` or `key:` (an empty value).
fn entry(text: &str) -> Option<(&str, &str)> {
    match text.split_once(':') {
        Some((key, "")) => Some((key, "")),
        Some((key, value)) => {
            let value = value.strip_prefix(' ')?.trim_start_matches(' ');
            // A second `: ` would be a mapping in a value.
            (!value.contains(": ") && !value.ends_with(':')).then_some((key, value))
        }
        None => None,
    }
}

/// A value: empty (not answered), a word, a number, or a flow list of words.
fn value_of(text: &str) -> Option<Value> {
    if text.is_empty() {
        return Some(Value::Null);
    }
    if let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        let inner = inner.trim_matches(' ');
        if inner.is_empty() {
            return Some(Value::List(Vec::new()));
        }
        return inner
            .split(',')
            .map(|item| word(item.trim_matches(' ')).map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .map(Value::List);
    }
    if let Some(n) = number(text) {
        return Some(Value::Number(n));
    }
    word(text).map(|w| Value::Text(w.to_string()))
}

/// A whole number without leading zeros (`0`, `36`) or a decimal (`2.5`): what YAML and Rust
/// read alike.
fn number(text: &str) -> Option<f64> {
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (whole.len() > 1 && whole.starts_with('0')) || whole.len() > 15 {
        return None;
    }
    if fraction.is_some_and(|f| !digits(f)) {
        return None;
    }
    text.parse().ok()
}

/// An id-like word that YAML reads as a string: a letter or `_` first, then letters, digits,
/// `_` and `-`; not one of the words YAML reads as null, a bool or a number.
fn word(text: &str) -> Option<&str> {
    let (&first, rest) = text.as_bytes().split_first()?;
    let shaped = (first.is_ascii_alphabetic() || first == b'_')
        && rest.iter().all(|&b| IN_WORD[usize::from(b)]);
    (shaped && !reserved(text)).then_some(text)
}

/// The bytes a word may hold after its first: letters, digits, `_` and `-` (a table, as
/// every id of an answers file is checked byte by byte).
const IN_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-';
        b += 1;
    }
    table
};

/// A person's name: words of letters, digits and `.'-`, single spaces between them.
fn name(text: &str) -> Option<&str> {
    if text.split(' ').count() == 1 {
        return word(text);
    }
    let shaped = text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text.split(' ').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'\'' | b'-'))
        });
    shaped.then_some(text)
}

/// Words YAML (as serde_yaml reads it) takes for null, a bool or a number, and words Rust
/// reads as a float (`inf`, `nan`; a word starts with a letter, so no other float).
fn reserved(word: &str) -> bool {
    matches!(
        word,
        "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    ) || (word.starts_with(['i', 'I', 'n', 'N']) && word.parse::<f64>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn by_serde(text: &str) -> Option<Answers> {
        serde_yaml::from_str::<Answers>(text).ok()
    }

    #[test]
    fn every_example_and_template_takes_the_quick_path() {
        let root = env!("CARGO_MANIFEST_DIR");
        for entry in std::fs::read_dir(format!("{root}/examples/answers")).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let quick = parse(&text).unwrap_or_else(|| panic!("{} fell back", path.display()));
            assert_eq!(Some(&quick), by_serde(&text).as_ref(), "{}", path.display());
        }
        let pack = crate::pack::load_embedded().unwrap();
        for profile in [None, Some("project_manager")] {
            let template = crate::template::answers_template(&pack, profile);
            let quick = parse(&template).expect("the template takes the quick path");
            assert_eq!(Some(&quick), by_serde(&template).as_ref());
        }
    }

    #[test]
    fn what_it_cannot_read_exactly_goes_to_serde_yaml() {
        for text in [
            "answers:\n  a: \"quoted\"\n",
            "answers:\n  a: &x b\n",
            "answers:\n  a:\n    - b\n",
            "answers:\n\ta: b\n",
            "answers:\n  a: true\n",
            "answers:\n  a: null\n",
            "answers:\n  a: 1e3\n",
            "answers:\n  a: 007\n",
            "answers:\n  a: .inf\n",
            "answers:\n  a: b\n  a: c\n",
            "answers:\n  a: b\n    c: d\n",
            "answers:\n",
            "facts: {}\n",
            "profile: pm\nprofile: pm\n",
            "unknown: x\n",
            "answers:\n  a: b#c\n",
            "answers:\n  a: [b, ]\n",
            "answers:\r\n  a: b\r\n",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn plain_files_read_as_serde_yaml_reads_them() {
        let text = "# Dana\nperson: Dana O'Neil-Smith\nprofile: project_manager # stage\n\
                    facts:\n  degree: master\n  months: 84\n  hours: 2.5\n  held: [pmp, capm]\n  \
                    none: []\n  blank:\nanswers:\n  q1: b\n  q2: [a, c]\n  q3: yes\n  q4: No\n";
        let quick = parse(text).unwrap();
        assert_eq!(Some(&quick), by_serde(text).as_ref());
        assert_eq!(quick.person.as_deref(), Some("Dana O'Neil-Smith"));
        assert_eq!(quick.facts.len(), 6);
    }

    /// A value, mostly plain, sometimes one YAML reads otherwise.
    fn value() -> impl Strategy<Value = &'static str> {
        let plain = prop::sample::select(vec![
            "", "b", "yes", "No", "on", "off", "y", "n", "x-y", "_k", "e5", "info", "0", "36",
            "2.5", "[]", "[a]", "[a, b]", "[a,b]", "[ a ]", "b # note",
        ]);
        let tricky = prop::sample::select(vec![
            "True",
            "null",
            "~",
            "NULL",
            "inf",
            "nan",
            "Infinity",
            "NaN",
            ".inf",
            "007",
            "1e3",
            "-1",
            "+2",
            "0x1F",
            "1_000",
            "[a, 1]",
            "[a, true]",
            "[a, ]",
            "\"q\"",
            "'q'",
            "a b",
            "a: b",
            "a#c",
            "{}",
            "[[a]]",
            "&x a",
            "*x",
            "!!str 1",
            "- a",
            "a:",
            "1.",
            ".5",
        ]);
        prop_oneof![12 => plain, 1 => tricky]
    }

    /// A block of `facts:` or `answers:` entries.
    fn block(name: &'static str) -> impl Strategy<Value = String> {
        let key = prop::sample::select(vec!["a", "b", "q_1", "x-y", "yes", "true", "1", "a"]);
        let indent = prop_oneof![8 => Just("  "), 1 => Just("    "), 1 => Just(" ")];
        prop::collection::vec((indent, key, value(), any::<bool>()), 0..5).prop_map(move |rows| {
            let mut text = format!("{name}:\n");
            for (indent, key, value, comment) in rows {
                if comment {
                    text.push_str("  # a note\n");
                }
                text.push_str(&format!("{indent}{key}: {value}\n"));
            }
            text
        })
    }

    /// An answers file: mostly plain, with now and then a line YAML reads otherwise.
    fn file() -> impl Strategy<Value = String> {
        let person = prop::sample::select(vec![
            "",
            "person: Dana Smith\n",
            "person: dana\n",
            "person:\n",
            "person: x: y\n",
            "person: null\n",
        ]);
        let profile =
            prop::sample::select(vec!["profile: pm\n", "profile:\n", "profile: True\n", ""]);
        (
            person,
            profile,
            block("facts"),
            block("answers"),
            any::<bool>(),
        )
            .prop_map(|(person, profile, facts, answers, swap)| {
                if swap {
                    format!("# file\n{answers}{profile}{facts}{person}")
                } else {
                    format!("{person}{profile}{facts}\n{answers}")
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]
        /// Whatever the quick reader accepts, serde_yaml reads the same.
        #[test]
        fn the_quick_reader_agrees_with_serde_yaml(text in file()) {
            if let Some(quick) = parse(&text) {
                prop_assert_eq!(Some(quick), by_serde(&text), "{:?}", text);
            }
        }
    }
}
