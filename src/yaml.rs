//! Every YAML call of the crate lives here, so the parser can be swapped in one place.
//!
//! serde_yaml gives positions for syntax and type errors. Faults found later — a duplicate id,
//! a reference to nothing — need positions too, so [`parse`] also walks the document's events
//! (with yaml-rust2, which reports markers) and keeps the line and column of every node by its
//! path (`profiles[2].targets.hipaa.level`).

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostic::{position_at, Diagnostic};
use crate::unique::{self, Unique};

/// Where each node of a YAML document starts, by path.
///
/// Only a message about a fault needs a position, so the document is indexed the first time
/// one is asked for: a sound file is parsed by serde_yaml and a depth count alone.
#[derive(Debug, Default, Clone)]
pub struct Spans {
    source: std::sync::Arc<str>,
    json: bool,
    positions: std::sync::OnceLock<HashMap<String, (usize, usize)>>,
}

impl Spans {
    /// The positions of the YAML `source`'s nodes, worked out when a message first needs one.
    pub(crate) fn of(source: &str) -> Self {
        Spans {
            source: source.into(),
            json: false,
            positions: std::sync::OnceLock::new(),
        }
    }

    /// The same for a JSON document (see [`crate::json`]).
    pub(crate) fn of_json(source: &str) -> Self {
        Spans {
            json: true,
            ..Spans::of(source)
        }
    }

    /// The 1-based line and column of the node at `path`, or of its nearest ancestor.
    pub fn find(&self, path: &str) -> Option<(usize, usize)> {
        let positions = self.positions.get_or_init(|| match self.json {
            true => crate::json::index(&self.source),
            false => index(&self.source),
        });
        let mut path = path;
        loop {
            if let Some(position) = positions.get(path) {
                return Some(*position);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }
}

/// How deeply collections may nest. The deepest a pack or answers file goes is a handful of
/// levels; a document refused for any reason that nests deeper than this is told so.
pub const MAX_DEPTH: usize = 64;

/// Parses `source` (named `file` in messages) into `T`, and indexes the position of every node.
///
/// A leading byte-order mark is skipped (positions still count from its line); an empty
/// document is refused, and a refused one that nests deeper than [`MAX_DEPTH`] is told so,
/// with the position where it passes that depth.
pub fn parse<T: DeserializeOwned>(file: &str, source: &str) -> Result<(T, Spans), Diagnostic> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    if source.trim().is_empty() {
        return Err(empty(file));
    }
    // libyaml slows with the square of flow nesting ([[[[…), so a document with more brackets
    // than MAX_DEPTH is measured before serde_yaml sees it. One with fewer cannot nest that
    // deeply in flow style, and block nesting costs serde_yaml no more than its length (it
    // stops recursing at 128 levels, and no type read here takes a collection more than a
    // few levels down): such a document is measured only if it is refused, so that one
    // refused for its depth is told so.
    let flow_opens = source.bytes().filter(|b| matches!(b, b'[' | b'{')).count();
    let measured = || {
        too_deep(source).map(|position| {
            Diagnostic::new(file, format!("nested more than {MAX_DEPTH} levels deep"))
                .at(Some(position))
                .hint("no skillgap file nests this deeply; check the brackets and indentation here")
        })
    };
    if flow_opens > MAX_DEPTH {
        if let Some(too_deep) = measured() {
            return Err(too_deep);
        }
    }
    let refused = |error| measured().unwrap_or_else(|| from_serde(file, source, &error));
    // One meaning per file: no mapping may give a key twice (see `crate::unique`).
    serde_yaml::from_str::<Unique>(source).map_err(refused)?;
    let value: T = serde_yaml::from_str(source).map_err(refused)?;
    Ok((value, Spans::of(source)))
}

/// The fault of a file with nothing in it.
pub(crate) fn empty(file: &str) -> Diagnostic {
    Diagnostic::new(file, "the file is empty")
        .hint("check that this is the file you meant; it has nothing in it to read")
}

/// Where nesting first passes [`MAX_DEPTH`], if it does. A syntax error ends the walk early
/// (serde_yaml reports it, with its own words).
fn too_deep(source: &str) -> Option<(usize, usize)> {
    let mut parser = Parser::new_from_str(source);
    let mut depth = 0usize;
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => return None,
            Ok((Event::MappingStart(..) | Event::SequenceStart(..), mark)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some((mark.line(), mark.col() + 1));
                }
            }
            Ok((Event::MappingEnd | Event::SequenceEnd, _)) => depth = depth.saturating_sub(1),
            Ok(_) => {}
            // The scanner has its own limit on flow nesting ([[[[…); past it, too deep too.
            Err(e) if e.info().contains("recursion limit") => {
                return Some((e.marker().line(), e.marker().col() + 1));
            }
            Err(_) => return None,
        }
    }
}

/// Renders a value as YAML (for templates and session files).
pub fn to_string<T: serde::Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).unwrap_or_default()
}

fn from_serde(file: &str, source: &str, error: &serde_yaml::Error) -> Diagnostic {
    let mut position = error.location().map(|l| (l.line(), l.column()));
    // libyaml's words: "<problem> at line L column C[, while <context> at line L column C]";
    // the position is shown already. Some faults are placed better by the context.
    let full = error.to_string();
    let (problem, context) = match full.split_once(", while ") {
        Some((problem, context)) => (problem, context),
        None => (full.as_str(), ""),
    };
    let message = problem.split(" at line ").next().unwrap_or(problem);
    let (context, context_at) = match context.split_once(" at line ") {
        Some((what, at)) => (what, line_column(at)),
        None => (context, None),
    };
    let (message, hint) = if context == "scanning a simple key" && context_at.is_some() {
        // A word alone on its line, which libyaml notices only at the next line.
        position = context_at;
        (
            "this key has no ':' after it".to_string(),
            "write `key: value`; a line that goes on with the value above is indented more",
        )
    } else if context == "scanning a quoted scalar" && context_at.is_some() {
        // Quoted text may span lines, so libyaml notices only at the end of the file.
        position = context_at;
        (
            "this text has no closing quote".to_string(),
            "close the quote where the text ends",
        )
    } else if let Some(at) = control_character(message) {
        let at = (0..=at.min(source.len()))
            .rev()
            .find(|&i| source.is_char_boundary(i))
            .unwrap_or(0);
        position = Some(position_at(source, at));
        let c = source[at..].chars().next().unwrap_or_default();
        (
            format!(
                "control character `{}` in the text",
                crate::text::escape(&c.to_string())
            ),
            "delete it: YAML files cannot hold control characters (editors may show a box or ^A)",
        )
    } else if message.contains("more than one document") {
        position = second_document(source).or(position);
        (
            "a second document starts here; the file may hold one".to_string(),
            "delete this `---` line and what follows it, or move that to a file of its own",
        )
    } else if let Some((_, key)) = message.split_once(unique::DUPLICATE) {
        // serde_yaml places it at the mapping; the key it repeats is the place to look.
        let key = key.strip_suffix('`').unwrap_or(key);
        let mut walker = Walker::default();
        walk(source, &mut walker);
        if let Some((_, at)) = walker.repeated.filter(|(repeated, _)| repeated == key) {
            position = Some(at);
        }
        (message.to_string(), unique::HINT)
    } else {
        let hint = if message.contains("unknown field") {
            "remove the field or correct its spelling; see rubrics/README.md for the fields allowed"
        } else if message.contains("missing field") {
            "add the field; see rubrics/README.md for what each entry needs"
        } else if message.contains("duplicate") {
            unique::HINT
        } else {
            "check the indentation and quoting on that line; text with ': ' or '#' needs quotes"
        };
        (message.to_string(), hint)
    };
    Diagnostic::new(file, message).at(position).hint(hint)
}

/// "4 column 3" as (4, 3).
fn line_column(text: &str) -> Option<(usize, usize)> {
    let (line, column) = text.split_once(" column ")?;
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// The byte offset libyaml gives a control character ("… are not allowed at position 39").
fn control_character(message: &str) -> Option<usize> {
    message
        .strip_prefix("control characters are not allowed at position ")?
        .parse()
        .ok()
}

/// Where the second document of `source` starts (its `---`), if it has one.
fn second_document(source: &str) -> Option<(usize, usize)> {
    let mut parser = Parser::new_from_str(source);
    let mut starts = 0;
    loop {
        match parser.next_token() {
            Ok((Event::DocumentStart, mark)) => {
                starts += 1;
                if starts == 2 {
                    return Some((mark.line(), mark.col() + 1));
                }
            }
            Ok((Event::StreamEnd, _)) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// The position of every node of a document that [`parse`] accepted (so nesting is bounded).
/// A syntax error ends the index early.
fn index(source: &str) -> HashMap<String, (usize, usize)> {
    let mut walker = Walker::default();
    walk(source, &mut walker);
    walker.positions
}

/// Hands the events of `source` to `walker`, up to the end or the first syntax error.
fn walk(source: &str, walker: &mut Walker) {
    let mut parser = Parser::new_from_str(source);
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) | Err(_) => break,
            Ok((event, mark)) => walker.on_event(event, mark),
        }
    }
}

enum Frame {
    Mapping {
        key: Option<String>,
        keys: std::collections::HashSet<String>,
    },
    Sequence {
        index: usize,
    },
}

#[derive(Default)]
struct Walker {
    stack: Vec<(Frame, String)>,
    positions: HashMap<String, (usize, usize)>,
    /// The first key that a mapping gives a second time, and where it does.
    repeated: Option<(String, (usize, usize))>,
}

impl Walker {
    /// The path of the node that starts now, and whether it is a mapping key.
    fn next_path(&mut self) -> (String, bool) {
        match self.stack.last() {
            None => (String::new(), false),
            Some((Frame::Mapping { key: None, .. }, _)) => (String::new(), true),
            Some((Frame::Mapping { key: Some(key), .. }, path)) => (join_key(path, key), false),
            Some((Frame::Sequence { index }, path)) => (format!("{path}[{index}]"), false),
        }
    }

    fn finish_node(&mut self) {
        match self.stack.last_mut() {
            Some((Frame::Mapping { key, .. }, _)) => *key = None,
            Some((Frame::Sequence { index }, _)) => *index += 1,
            None => {}
        }
    }
}

/// `key` under `path`, as paths are spelled: `facts.degree`.
pub(crate) fn join_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl MarkedEventReceiver for Walker {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let position = (mark.line(), mark.col() + 1);
        match event {
            Event::Scalar(text, ..) => {
                let (path, is_key) = self.next_path();
                if is_key {
                    if let Some((Frame::Mapping { key, keys }, parent)) = self.stack.last_mut() {
                        // A key's own position stands in for its value until the value starts.
                        self.positions
                            .entry(join_key(parent, &text))
                            .or_insert(position);
                        if !keys.insert(text.clone()) && self.repeated.is_none() {
                            self.repeated = Some((text.clone(), position));
                        }
                        *key = Some(text);
                    }
                } else {
                    self.positions.insert(path, position);
                    self.finish_node();
                }
            }
            Event::Alias(_) => {
                let (path, _) = self.next_path();
                self.positions.insert(path, position);
                self.finish_node();
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let (path, _) = self.next_path();
                self.positions.entry(path.clone()).or_insert(position);
                let frame = if matches!(event, Event::MappingStart(..)) {
                    Frame::Mapping {
                        key: None,
                        keys: Default::default(),
                    }
                } else {
                    Frame::Sequence { index: 0 }
                };
                self.stack.push((frame, path));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.finish_node();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_nested_paths_with_one_based_positions() {
        let source = "a: 1\nlist:\n  - id: x\n    deep: {k: v}\n  - id: y\n";
        let spans = Spans::of(source);
        assert_eq!(spans.find("a"), Some((1, 4)));
        assert_eq!(spans.find("list[0].id"), Some((3, 9)));
        assert_eq!(spans.find("list[1].id"), Some((5, 9)));
        assert_eq!(spans.find("list[0].deep.k"), Some((4, 15)));
        // An unknown path falls back to its nearest known ancestor.
        assert_eq!(spans.find("list[1].missing").map(|p| p.0), Some(5));
    }

    #[test]
    fn serde_errors_carry_position_and_hint() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Thing {
            id: String,
        }
        let error = parse::<Thing>("f.yaml", "id: a\nidd: b\n").unwrap_err();
        assert_eq!((error.line, error.column), (Some(2), Some(1)));
        assert!(
            error.message.contains("unknown field `idd`"),
            "{}",
            error.message
        );
        assert!(error.hint.contains("remove the field"));
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Any {
        a: serde_yaml::Value,
    }

    #[test]
    fn a_repeated_key_is_refused_where_it_is_repeated() {
        let text = "a: 1\nlist:\n  - {k: 1}\n  - k: 1\n    j: 2\n    'k': 3\n";
        let error = parse::<Any>("f.yaml", text).unwrap_err();
        assert_eq!(error.message, "list[1]: duplicate key `k`");
        assert_eq!((error.line, error.column), (Some(6), Some(5)));
        assert_eq!(error.hint, crate::unique::HINT);
    }

    #[test]
    fn syntax_faults_are_placed_where_a_person_looks() {
        let fault = |text: &str| {
            let d = parse::<Any>("f.yaml", text).unwrap_err();
            (d.message, d.line, d.column)
        };
        let (message, line, column) = fault("a: 1\nb: ééé\u{1}\n");
        assert_eq!(message, "control character `\\x01` in the text");
        assert_eq!((line, column), (Some(2), Some(7)));
        let (message, line, column) = fault("a: 1\nb:\n  c: d\n  lonely\ne: f\n");
        assert_eq!(message, "this key has no ':' after it");
        assert_eq!((line, column), (Some(4), Some(3)));
        let (message, line, column) = fault("a: 1\nb: \"open\n\nc: d\n");
        assert_eq!(message, "this text has no closing quote");
        assert_eq!((line, column), (Some(2), Some(4)));
        let (message, line, column) = fault("a: 1\n---\na: 2\n");
        assert_eq!(
            message,
            "a second document starts here; the file may hold one"
        );
        assert_eq!((line, column), (Some(2), Some(1)));
    }

    #[test]
    fn a_byte_order_mark_keeps_positions() {
        let error = parse::<Any>("f.yaml", "\u{feff}a: 1\nb: 2\n").unwrap_err();
        assert!(
            error.message.contains("unknown field `b`"),
            "{}",
            error.message
        );
        assert_eq!((error.line, error.column), (Some(2), Some(1)));
    }

    #[test]
    fn an_empty_file_says_so() {
        for text in ["", "\n  \n", "\u{feff}"] {
            let error = parse::<Any>("f.yaml", text).unwrap_err();
            assert_eq!(error.message, "the file is empty");
            assert_eq!(error.line, None);
        }
    }

    #[test]
    fn deep_nesting_is_refused_quickly_with_a_position() {
        let start = std::time::Instant::now();
        for text in [
            "a: ".to_string() + &"{a: ".repeat(100_000),
            "a: ".to_string() + &"[".repeat(100_000),
            "- ".repeat(100_000) + "x",
            format!(
                "a: {}1{}",
                "[".repeat(MAX_DEPTH + 1),
                "]".repeat(MAX_DEPTH + 1)
            ),
        ] {
            let error = parse::<Any>("f.yaml", &text).unwrap_err();
            assert!(
                error.message.contains("nested more than"),
                "{}",
                error.message
            );
            assert_eq!(error.line, Some(1));
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
        let fine = format!("a: {}1{}", "[".repeat(20), "]".repeat(20));
        assert!(parse::<Any>("f.yaml", &fine).is_ok());
    }
}
