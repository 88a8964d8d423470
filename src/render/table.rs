//! The gap report a person reads in a terminal: a table of competencies with a small chart,
//! the top gaps and why, calibration, certifications, and the plan.

use super::paint::Painter;
use comfy_table::{Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};

use super::summary::*;
use super::{Renderer, Style};
use crate::eligibility::Eligibility;
use crate::result::{CompetencyResult, ResultDocument};
use crate::text::{clip, one_line, wrap};

/// comfy-table's preset characters; spaces draw nothing. Only the header rule is drawn.
const HEADER_RULE_ONLY: &str = "    ────           ";

/// Cells in the chart column: one per ten points of score.
const CHART_CELLS: usize = 10;

/// The terminal gap report.
pub struct TableRenderer;

impl Renderer for TableRenderer {
    fn render(&self, doc: &ResultDocument, style: Style) -> String {
        let width = style.width.clamp(60, 100);
        let p = Painter { color: style.color };
        let mut out = String::new();
        header(doc, width, &p, &mut out);
        out.push_str(&competency_table(doc, width));
        if let Some(note) = carried_note(doc) {
            out.push_str(&p.dim(&wrap(&note, width, "")));
            out.push('\n');
        }
        out.push('\n');
        top_gaps(doc, width, &p, &mut out);
        calibration(doc, width, &p, &mut out);
        if !doc.eligibility.is_empty() {
            out.push_str(&p.bold("Certifications"));
            out.push('\n');
            certification_lines(&doc.eligibility, width, &p, false, &mut out);
            out.push('\n');
        }
        plan(doc, width, &p, &mut out);
        out
    }
}

fn header(doc: &ResultDocument, width: usize, p: &Painter, out: &mut String) {
    let title = format!(
        "{} — gap report",
        clip(&one_line(&doc.pack.title), CELL_LIMIT)
    );
    out.push_str(&p.bold(&wrap(&title, width, "")));
    out.push('\n');
    let target = format!(
        "Target: {}",
        clip(&one_line(&doc.profile_title), CELL_LIMIT)
    );
    out.push_str(&wrap(&target, width, "  "));
    out.push('\n');
    let date = doc.taken_at.get(..10).unwrap_or(&doc.taken_at);
    let taken = format!(
        "Taken {} · pack {} v{}",
        one_line(date),
        clip(&one_line(&doc.pack.id), CELL_LIMIT),
        doc.pack.version
    );
    out.push_str(&p.dim(&wrap(&taken, width, "  ")));
    out.push_str("\n\n");
}

/// The most characters of one name a table cell or heading shows. Laying out a table takes
/// time that grows faster than the length of its longest word, so a name from a damaged or
/// hostile file is cut here and the report stays quick.
const CELL_LIMIT: usize = 120;

/// A cell's text: escaped, on one line, cut to [`CELL_LIMIT`].
fn cell_text(text: &str) -> String {
    clip(&one_line(text), CELL_LIMIT)
}

/// The score as a bar of ten cells: `█` earned, `░` still short of the target level's
/// threshold, blank beyond it.
pub fn score_chart(doc: &ResultDocument, c: &CompetencyResult) -> String {
    let target = doc
        .levels
        .iter()
        .find(|l| l.id == c.target_level)
        .map_or(0.0, |l| l.min_score);
    let cells =
        |points: f64| ((points / 100.0 * CHART_CELLS as f64).round() as usize).min(CHART_CELLS);
    let earned = cells(c.score);
    let wanted = cells(target).max(earned);
    format!(
        "{}{}{}",
        "█".repeat(earned),
        "░".repeat(wanted - earned),
        " ".repeat(CHART_CELLS - wanted)
    )
}

fn competency_table(doc: &ResultDocument, width: usize) -> String {
    let mut table = Table::new();
    table
        // Only a rule under the header: rows stay one line apart and easy to scan.
        .load_preset(HEADER_RULE_ONLY)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width as u16)
        .set_header(vec!["Competency", "Score", "", "Level", "Target", "Gap"]);
    for c in &doc.competencies {
        table.add_row(vec![
            Cell::new(cell_text(c.label())),
            Cell::new(format!(
                "{}{:.0}",
                if c.could_be.is_some() { "~" } else { "" },
                c.score
            ))
            .set_alignment(CellAlignment::Right),
            Cell::new(score_chart(doc, c)),
            Cell::new(cell_text(&doc.level_short_title(&c.level))),
            Cell::new(cell_text(&doc.level_short_title(&c.target_level))),
            Cell::new(gap_text(c)).set_alignment(CellAlignment::Right),
        ]);
    }
    for (index, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, 1));
        if index == 2 {
            column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(
                CHART_CELLS as u16 + 1,
            )));
        }
    }
    // comfy-table pads every cell to its column's width, the last one too: the spaces at the
    // end of a row show nowhere and linger in `skillgap report > file`.
    let mut text: String = table
        .to_string()
        .lines()
        .map(|line| format!("{}\n", line.trim_end_matches(' ')))
        .collect();
    let could_be = could_be_lines(doc);
    text.push_str(if could_be.is_empty() {
        "  █ score (10 points a cell)  ░ short of the target level\n"
    } else {
        "  █ score (10 points a cell)  ░ short of the target  ~ could be another level\n"
    });
    if !could_be.is_empty() {
        let line = format!("Could be another level: {}.", could_be.join("; "));
        text.push_str(&format!("  {}\n", wrap(&line, width - 2, "  ")));
    }
    if let Some(needs) = stage_needs_line(doc) {
        text.push_str(&format!("  {}\n", wrap(&needs, width - 2, "  ")));
    }
    text
}

fn top_gaps(doc: &ResultDocument, width: usize, p: &Painter, out: &mut String) {
    let gaps = doc.ranked_gaps();
    if gaps.is_empty() {
        out.push_str(&p.good("Every competency meets the target for this profile.\n\n"));
        return;
    }
    out.push_str(&p.bold("Top gaps"));
    out.push('\n');
    let line = |text: String| format!("   {}\n", wrap(&text, width - 3, "   "));
    for (i, c) in gaps.iter().take(TOP_GAPS).enumerate() {
        let heading = format!(
            "{}. {} (score {:.0}, importance {})",
            i + 1,
            gap_heading(doc, c),
            c.score,
            crate::answers::format_number(c.importance)
        );
        out.push_str(&wrap(&heading, width, "   "));
        out.push('\n');
        out.push_str(&line(format!("Why this score: {}", score_reasons(doc, c))));
        if let Some(next) = &c.next_level {
            out.push_str(&line(format!(
                "Next level looks like: “{}”",
                one_line(next)
            )));
        }
        let steps: Vec<String> = steps_for(doc, c, 2)
            .iter()
            .map(|r| one_line(&r.title))
            .collect();
        if !steps.is_empty() {
            out.push_str(&line(format!("Steps: {}", steps.join("; "))));
        }
    }
    out.push('\n');
}

fn calibration(doc: &ResultDocument, width: usize, p: &Painter, out: &mut String) {
    let groups = disagreement_groups(doc);
    if groups.is_empty() {
        return;
    }
    out.push_str(&p.bold("Where your self-rating and the evidence disagree"));
    out.push('\n');
    for (intro, notes) in groups {
        let text = format!("{intro}: {}.", notes.join("; "));
        out.push_str(&format!("- {}\n", wrap(&text, width - 2, "  ")));
    }
    out.push('\n');
}

/// The eligibility list on its own (`skillgap eligibility`), with each rule's note and source.
pub fn eligibility_lines(results: &[Eligibility], style: Style) -> String {
    let p = Painter { color: style.color };
    let mut out = String::new();
    certification_lines(results, style.width.clamp(60, 100), &p, true, &mut out);
    out
}

fn certification_lines(
    results: &[Eligibility],
    width: usize,
    p: &Painter,
    notes: bool,
    out: &mut String,
) {
    for e in results {
        let mark = match eligibility_mark(e) {
            "✓" => p.good("✓"),
            "✗" => p.warn("✗"),
            other => p.dim(other),
        };
        let line = format!("{}: {}", certification_name(e), eligibility_status(e));
        out.push_str(&format!("{mark} {}\n", wrap(&line, width - 2, "  ")));
        if notes {
            if let Some(note) = &e.note {
                out.push_str(&format!("  {}\n", p.dim(&wrap(note, width - 2, "  "))));
            }
            out.push_str(&format!(
                "  {}\n\n",
                p.dim(&format!("Source ({}): {}", e.as_of, one_line(&e.source)))
            ));
        }
    }
    out.push_str(
        &p.dim("  Rules as of the dates in the pack; confirm with the issuer before applying.\n"),
    );
}

fn plan(doc: &ResultDocument, width: usize, p: &Painter, out: &mut String) {
    let sections = plan_sections(doc);
    let later = later_lines(doc);
    if sections.is_empty() && later.is_empty() {
        return;
    }
    out.push_str(&p.bold("Plan"));
    out.push('\n');
    for intro in plan_intro(doc) {
        out.push_str(&wrap(&intro, width, ""));
        out.push('\n');
    }
    let line = |text: &str| format!("  {}\n", wrap(text, width - 2, "  "));
    for (heading, items) in sections {
        out.push_str(&format!("{heading}\n"));
        for (item, r) in items {
            out.push_str(&format!(
                "• {}\n",
                wrap(
                    &format!("{} [{}]", one_line(&r.title), r.kind),
                    width - 2,
                    "  "
                )
            ));
            out.push_str(&line(&r.detail));
            out.push_str(&format!(
                "  {}\n",
                p.dim(&wrap(&format!("Why: {}", item.why), width - 2, "  "))
            ));
            if let Some(costs) = effort_and_cost(r) {
                out.push_str(&line(&costs));
            }
            out.push_str(&format!("  {}\n", one_line(&r.url)));
        }
    }
    if !later.is_empty() {
        out.push_str("Later: not yet within reach\n");
        for text in later {
            out.push_str(&format!("• {}\n", wrap(&text, width - 2, "  ")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{self, Completeness};

    #[test]
    fn no_line_of_the_report_ends_in_spaces() {
        let pack = crate::pack::load_embedded().unwrap();
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/answers/pm-from-banking.yaml"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let (mut answers, spans) = answers::parse(path, &text).unwrap();
        let problems = answers::check(&pack, &mut answers, path, &spans, Completeness::Required);
        assert!(problems.is_empty(), "{problems:?}");
        answers::normalise(&pack, &mut answers);
        let profile = pack.profile(answers.profile.as_deref().unwrap()).unwrap();
        let doc = crate::result::build(&pack, profile, &answers, "2026-11-25T12:00:00Z");
        for width in [60, 80, 100] {
            let style = Style {
                width,
                ..Style::default()
            };
            let report = TableRenderer.render(&doc, style);
            assert!(report.contains("Competency"), "{report}");
            for line in report.lines() {
                assert!(!line.ends_with(' '), "{width} columns: {line:?}");
            }
        }
    }
}
