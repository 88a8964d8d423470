//! One row per competency, safe to open in a spreadsheet.

use super::{Renderer, Style};
use crate::result::ResultDocument;
use crate::text::one_line;

/// CSV with a header row. Every cell that a spreadsheet would read as a formula is
/// neutralised with a leading apostrophe, so rubric text can never run as one.
pub struct CsvRenderer;

const HEADER: [&str; 13] = [
    "competency_id",
    "competency",
    "score",
    "level",
    "target_level",
    "gap",
    "importance",
    "priority",
    "self_rating",
    "knowledge_score",
    "knowledge_level",
    "calibration",
    "taken_at",
];

impl Renderer for CsvRenderer {
    fn render(&self, doc: &ResultDocument, _style: Style) -> String {
        let mut out = String::new();
        push_row(&mut out, HEADER.iter().map(|h| h.to_string()));
        for c in &doc.competencies {
            let level = |id: &Option<String>| {
                id.as_deref()
                    .map(|l| doc.level_title(l))
                    .unwrap_or_default()
            };
            push_row(
                &mut out,
                [
                    c.id.clone(),
                    one_line(&c.title),
                    format!("{:.1}", c.score),
                    doc.level_title(&c.level),
                    doc.level_title(&c.target_level),
                    c.gap.to_string(),
                    crate::answers::format_number(c.importance),
                    crate::answers::format_number(c.priority),
                    level(&c.self_rating),
                    c.knowledge_score
                        .map(|s| format!("{s:.1}"))
                        .unwrap_or_default(),
                    level(&c.knowledge_level),
                    match c.calibration {
                        Some(crate::result::Calibration::Over) => "over".into(),
                        Some(crate::result::Calibration::Under) => "under".into(),
                        None => String::new(),
                    },
                    doc.taken_at.clone(),
                ]
                .into_iter(),
            );
        }
        out
    }
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let row: Vec<String> = cells.map(|c| cell(&c)).collect();
    out.push_str(&row.join(","));
    out.push_str("\r\n");
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

/// One cell: formula triggers neutralised, then quoted per RFC 4180 where needed.
pub fn cell(text: &str) -> String {
    let text = neutralise_formula(text).into_owned();
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_neutralised_and_quotes_escaped() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("42.5"), "42.5");
    }
}
