//! One row per competency, safe to open in a spreadsheet, written with the `csv` crate.

use super::{Renderer, Style};
use crate::result::ResultDocument;
use crate::text::one_line;

/// CSV with a header row. Every cell that a spreadsheet would read as a formula is
/// neutralised with a leading apostrophe, so rubric text can never run as one.
pub struct CsvRenderer;

const HEADER: [&str; 17] = [
    "competency_id",
    "competency",
    "score",
    "score_low",
    "score_high",
    "level",
    "could_be",
    "target_level",
    "gap",
    "importance",
    "priority",
    "self_rating",
    "knowledge_score",
    "knowledge_level",
    "experience_shows",
    "calibration",
    "taken_at",
];

impl Renderer for CsvRenderer {
    fn render(&self, doc: &ResultDocument, _style: Style) -> String {
        let level = |id: &Option<String>| {
            id.as_deref()
                .map(|l| doc.level_title(l))
                .unwrap_or_default()
        };
        let mut rows = vec![HEADER.map(String::from).to_vec()];
        for c in &doc.competencies {
            rows.push(vec![
                c.id.to_string(),
                c.title.to_string(),
                format!("{:.1}", c.score),
                c.score_low.map(|s| format!("{s:.1}")).unwrap_or_default(),
                c.score_high.map(|s| format!("{s:.1}")).unwrap_or_default(),
                doc.level_title(&c.level),
                level(&c.could_be),
                doc.level_title(&c.target_level),
                c.gap.to_string(),
                crate::answers::format_number(c.importance),
                crate::answers::format_number(c.priority),
                level(&c.self_rating),
                c.knowledge_score
                    .map(|s| format!("{s:.1}"))
                    .unwrap_or_default(),
                level(&c.knowledge_level),
                level(&c.experience_shows),
                match c.calibration {
                    Some(crate::result::Calibration::Over) => "over".into(),
                    Some(crate::result::Calibration::Under) => "under".into(),
                    None => String::new(),
                },
                doc.taken_at.to_string(),
            ]);
        }
        write_rows(rows)
    }
}

/// Rows as CSV text (RFC 4180, CRLF line ends), each cell cleaned by [`cell`] and quoted
/// by the `csv` writer where needed.
fn write_rows(rows: Vec<Vec<String>>) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        // Writing to memory cannot fail.
        let _ = writer.write_record(row.iter().map(|text| cell(text)));
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A cell's text with spreadsheet formula triggers neutralised: text that a spreadsheet would
/// run (`=`, `+`, `-`, `@`, …) gets a leading apostrophe. Shared by every CSV output.
///
/// ```
/// use skillgap::render::neutralise_formula;
/// assert_eq!(neutralise_formula("=1+2"), "'=1+2");
/// assert_eq!(neutralise_formula("Risk"), "Risk");
/// ```
pub fn neutralise_formula(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r', '|', '%']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// One cell's text: control sequences made visible and white space folded ([`one_line`]),
/// then formula triggers neutralised; the `csv` writer quotes it where needed.
fn cell(text: &str) -> String {
    neutralise_formula(&one_line(text)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::write_rows;

    fn line(text: &str) -> String {
        write_rows(vec![vec![text.to_string()]])
    }

    #[test]
    fn formulas_are_neutralised_and_quotes_escaped() {
        assert_eq!(
            line("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"
        );
        assert_eq!(line("+1"), "'+1\r\n");
        assert_eq!(line("-2"), "'-2\r\n");
        assert_eq!(line("@SUM(A1)"), "'@SUM(A1)\r\n");
        assert_eq!(line("|cmd"), "'|cmd\r\n");
        assert_eq!(line("a, b"), "\"a, b\"\r\n");
        assert_eq!(line("plain"), "plain\r\n");
        assert_eq!(line("42.5"), "42.5\r\n");
    }

    #[test]
    fn control_sequences_are_shown_and_lines_folded() {
        assert_eq!(line("a\u{1b}[31mb"), "a\\e[31mb\r\n");
        // A leading tab or line break is white space folded away, not a formula trigger.
        assert_eq!(line("\t=1+2"), "'=1+2\r\n");
        assert_eq!(line("two\nlines"), "two lines\r\n");
    }

    #[test]
    fn rows_end_in_crlf() {
        let text = write_rows(vec![
            vec!["a".into(), "b".into()],
            vec!["1".into(), String::new()],
        ]);
        assert_eq!(text, "a,b\r\n1,\r\n");
    }
}
