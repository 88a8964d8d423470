//! Text from rubric, answer and result files — and from the command line — is data: before it
//! reaches a terminal, every control character is turned into a visible escape.
//!
//! [`escape`] is the one function that does this; the renderers, the prompts and every message
//! go through it (or through [`one_line`], [`quote`] and [`for_display`], which build on it).
//! Nothing is dropped silently: a person sees `\e]0;…` where their file has an escape sequence,
//! so they can find and fix it.

/// How many characters of user data a message quotes before it cuts with `…`.
pub const QUOTE_LIMIT: usize = 200;

/// How many characters one string of a document keeps on screen (a screenful); longer text
/// is cut with `…` so that laying out a table stays quick.
pub const DISPLAY_LIMIT: usize = 2000;

/// Whether `c` could drive a terminal or disguise text: C0 and C1 controls (newline and tab
/// aside), DEL, and the bidirectional overrides and isolates.
pub(crate) fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Replaces every control character of `text` with a visible escape, keeping newlines and
/// tabs: ESC reads `\e`, BEL `\a`, CR `\r`, other C0 controls and DEL `\xNN`, C1 controls and
/// bidirectional overrides `\u{NNNN}`. Backslashes are left alone, so escaping twice changes
/// nothing. A rubric or result file could otherwise move the cursor, recolour the screen, set
/// the window title, or make text read differently from what it is.
///
/// ```
/// use skillgap::text::escape;
/// assert_eq!(
///     escape("Risk\u{1b}[2J management\u{1b}]0;title\u{7}"),
///     "Risk\\e[2J management\\e]0;title\\a"
/// );
/// assert_eq!(escape(&escape("a\u{9b}b")), "a\\u{9b}b");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// Appends the visible escape of the unsafe character `c` (see [`escape`]).
fn push_escaped(out: &mut String, c: char) {
    use std::fmt::Write as _;
    let _ = match c {
        '\u{1b}' => write!(out, "\\e"),
        '\u{7}' => write!(out, "\\a"),
        '\r' => write!(out, "\\r"),
        c if (c as u32) < 0x80 => write!(out, "\\x{:02x}", c as u32),
        c => write!(out, "\\u{{{:x}}}", c as u32),
    };
}

/// The name the crate used when control sequences were stripped; it now escapes them
/// (see [`escape`]).
pub fn sanitize(text: &str) -> String {
    escape(text)
}

/// Escapes `text` and folds runs of white space (YAML folded blocks end in a newline).
pub fn one_line(text: &str) -> String {
    // Escaping comes first: a carriage return or a form feed shows as `\r` or `\x0c` rather
    // than folding away; only the white space left after it folds.
    escape(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes and wraps `text` to `width` columns, each line after the first indented by `indent`.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    // First fit, as terminals and most people wrap: optimal fit weighed every break of the
    // report's many paragraphs, a tenth of the time to print it, for nothing a reader sees.
    let options = textwrap::Options::new(width.max(20))
        .subsequent_indent(indent)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    textwrap::fill(&one_line(text), options)
}

/// `text` cut to at most `limit` characters, the last of them `…` when anything was cut.
///
/// ```
/// assert_eq!(skillgap::text::clip("abcdef", 4), "abc…");
/// assert_eq!(skillgap::text::clip("abc", 4), "abc");
/// ```
pub fn clip(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        None => text.to_string(),
        Some(_) => {
            let end = text
                .char_indices()
                .nth(limit.saturating_sub(1))
                .map_or(text.len(), |(i, _)| i);
            format!("{}…", &text[..end])
        }
    }
}

/// User data as a message quotes it: on one line, escaped, at most [`QUOTE_LIMIT`] characters.
///
/// ```
/// let long = "x".repeat(5000);
/// assert_eq!(skillgap::text::quote(&long).chars().count(), 200);
/// assert_eq!(skillgap::text::quote("a\u{1b}[2Jb"), "a\\e[2Jb");
/// ```
pub fn quote(text: &str) -> String {
    // Look at the first few hundred characters only, so a huge input costs no more.
    let head: String = text.chars().take(QUOTE_LIMIT * 2).collect();
    let mut shown = one_line(&head);
    if head.len() < text.len() {
        shown.push('…');
    }
    clip(&shown, QUOTE_LIMIT)
}

/// Shortens every span quoted with backticks or double quotes in `message` that runs past
/// [`QUOTE_LIMIT`] characters, and escapes the whole: for messages of other libraries (the
/// YAML and JSON parsers) that quote a file's text in full.
pub fn clip_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(4 * QUOTE_LIMIT));
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"']) {
        let mark = rest.as_bytes()[open] as char;
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        match rest.find(mark) {
            Some(close) => {
                out.push_str(&quote(&rest[..close]));
                out.push(mark);
                rest = &rest[close + 1..];
            }
            None => {
                out.push_str(&quote(rest));
                rest = "";
            }
        }
    }
    out.push_str(rest);
    escape(&clip(&out, 4 * QUOTE_LIMIT))
}

/// A copy of `value` fit for a terminal: every string in it (map keys too) escaped and cut to
/// [`DISPLAY_LIMIT`] characters. Ids change the same way wherever they appear, so lookups
/// between parts of a document still match. `None` if the value does not read back from its
/// own JSON form (never for the crate's documents).
pub fn for_display<T: serde::Serialize + serde::de::DeserializeOwned>(value: &T) -> Option<T> {
    let mut tree = serde_json::to_value(value).ok()?;
    fn walk(node: &mut serde_json::Value) {
        match node {
            serde_json::Value::String(s) if s.chars().any(is_unsafe) || s.len() > DISPLAY_LIMIT => {
                *s = clip(&escape(s), DISPLAY_LIMIT);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(walk),
            serde_json::Value::Object(map) => {
                let old = std::mem::take(map);
                for (key, mut item) in old {
                    walk(&mut item);
                    let key = if key.chars().any(is_unsafe) || key.len() > DISPLAY_LIMIT {
                        clip(&escape(&key), DISPLAY_LIMIT)
                    } else {
                        key
                    };
                    map.insert(key, item);
                }
            }
            _ => {}
        }
    }
    walk(&mut tree);
    serde_json::from_value(tree).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_folds_white_space_and_shows_controls() {
        assert_eq!(one_line("  a\n\tb  c\u{2028}d \n"), "a b c d");
        assert_eq!(one_line("a\r\nb\u{c}c\u{85}d"), "a\\r b\\x0cc\\u{85}d");
        assert_eq!(one_line(" \n "), "");
    }

    #[test]
    fn escapes_csi_osc_and_control_characters_visibly() {
        assert_eq!(escape("a\u{1b}[31mred\u{1b}[0m b"), "a\\e[31mred\\e[0m b");
        assert_eq!(escape("x\u{1b}]0;pwned\u{7}y"), "x\\e]0;pwned\\ay");
        assert_eq!(
            escape("x\u{1b}]8;;http://e\u{1b}\\link\u{1b}]8;;\u{1b}\\y"),
            "x\\e]8;;http://e\\e\\link\\e]8;;\\e\\y"
        );
        assert_eq!(escape("bell\u{7} and \r return"), "bell\\a and \\r return");
        assert_eq!(escape("c1\u{9b}2Jclear"), "c1\\u{9b}2Jclear");
        assert_eq!(escape("nul\0del\u{7f}"), "nul\\x00del\\x7f");
        assert_eq!(escape("keep\nlines\tand tabs"), "keep\nlines\tand tabs");
        assert_eq!(escape("rtl\u{202e}evil"), "rtl\\u{202e}evil");
        assert_eq!(escape("plain – text ✓ \\e"), "plain – text ✓ \\e");
    }

    #[test]
    fn escaping_twice_is_escaping_once() {
        let hostile = "\u{1b}]0;t\u{7}\u{9b}31m\u{202e}x\r\u{0}";
        assert_eq!(escape(&escape(hostile)), escape(hostile));
        assert!(!escape(hostile).chars().any(is_unsafe));
    }

    #[test]
    fn wrap_folds_and_indents() {
        assert_eq!(
            wrap("alpha beta gamma\ndelta epsilon zeta", 20, "  "),
            "alpha beta gamma\n  delta epsilon zeta"
        );
    }

    #[test]
    fn clip_counts_characters_not_bytes() {
        assert_eq!(clip("ééééé", 3), "éé…");
        assert_eq!(clip("ééé", 3), "ééé");
        assert_eq!(clip("", 0), "");
    }

    #[test]
    fn quote_is_bounded_and_on_one_line() {
        let q = quote(&format!("a\nb{}", "y".repeat(1_000_000)));
        assert!(q.starts_with("a b"), "{q}");
        assert_eq!(q.chars().count(), QUOTE_LIMIT);
        assert!(q.ends_with('…'));
        // Escapes that push a short text past the limit are cut too.
        let q = quote(&"\u{1b}".repeat(150));
        assert_eq!(q.chars().count(), QUOTE_LIMIT);
    }

    #[test]
    fn clip_quoted_shortens_each_quoted_span() {
        let long = "k".repeat(10_000);
        let message = format!("unknown field `{long}`, expected one of `a`, `b`");
        let clipped = clip_quoted(&message);
        assert!(clipped.len() < 400, "{}", clipped.len());
        assert!(clipped.ends_with("expected one of `a`, `b`"), "{clipped}");
        assert_eq!(
            clip_quoted("invalid type: string \"\u{1b}[2J\""),
            "invalid type: string \"\\e[2J\""
        );
    }

    #[test]
    fn for_display_escapes_every_string_and_key() {
        let mut map = std::collections::BTreeMap::new();
        map.insert(
            "k\u{1b}".to_string(),
            vec!["v\u{7}".to_string(), "z".repeat(5000)],
        );
        let shown = for_display(&map).unwrap();
        let (key, values) = shown.iter().next().unwrap();
        assert_eq!(key, "k\\e");
        assert_eq!(values[0], "v\\a");
        assert_eq!(values[1].chars().count(), DISPLAY_LIMIT);
    }
}
