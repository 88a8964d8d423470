//! Text from rubric and answer files is data: it is cleaned before it reaches a terminal.

/// Removes terminal control sequences and other control characters from `text`, keeping
/// newlines and tabs. A rubric file could otherwise move the cursor, recolour the screen or
/// set the window title of whoever prints a report.
///
/// ```
/// use skillgap::text::sanitize;
/// assert_eq!(sanitize("Risk\u{1b}[2J management\u{1b}]0;title\u{7}"), "Risk management");
/// ```
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 control sequence introducer and friends.
            '\u{9b}' => skip_until_final(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            // Bidirectional overrides can make text read differently from what it is.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => skip_until_final(chars),
        Some(']') | Some('P') | Some('^') | Some('_') | Some('X') => skip_string(chars),
        // Two-character sequences such as ESC c, ESC 7; intermediates such as ESC ( B.
        Some(c) if (' '..='/').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI: parameters and intermediates, then one final byte in @..~.
fn skip_until_final(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

/// OSC/DCS/PM/APC: until BEL or ST (ESC \).
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        if c == '\u{7}' || c == '\u{9c}' {
            break;
        }
        if c == '\u{1b}' && chars.peek() == Some(&'\\') {
            chars.next();
            break;
        }
    }
}

/// Cleans `text` and folds runs of white space (YAML folded blocks end in a newline).
pub fn one_line(text: &str) -> String {
    sanitize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Cleans and wraps `text` to `width` columns, each line after the first indented by `indent`.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let options = textwrap::Options::new(width.max(20)).subsequent_indent(indent);
    textwrap::fill(&one_line(text), options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_csi_osc_and_control_characters() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize("x\u{1b}]0;pwned\u{7}y"), "xy");
        assert_eq!(
            sanitize("x\u{1b}]8;;http://e\u{1b}\\link\u{1b}]8;;\u{1b}\\y"),
            "xlinky"
        );
        assert_eq!(sanitize("bell\u{7} and \r return"), "bell and  return");
        assert_eq!(sanitize("c1\u{9b}2Jclear"), "c1clear");
        assert_eq!(sanitize("keep\nlines\tand tabs"), "keep\nlines\tand tabs");
        assert_eq!(sanitize("rtl\u{202e}evil"), "rtlevil");
        assert_eq!(sanitize("plain – text ✓"), "plain – text ✓");
    }

    #[test]
    fn wrap_folds_and_indents() {
        assert_eq!(
            wrap("alpha beta gamma\ndelta epsilon zeta", 20, "  "),
            "alpha beta gamma\n  delta epsilon zeta"
        );
    }
}
