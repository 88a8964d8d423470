//! The gap report a person reads in a terminal: a table of competencies, the top gaps and
//! why, certifications, and the plan.

use comfy_table::{Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};
use console::Style as Paint;

use super::{Renderer, Style};
use crate::eligibility::Eligibility;
use crate::result::{is_knowledge_kind, Calibration, CompetencyResult, ResultDocument};
use crate::text::{one_line, wrap};

/// comfy-table's preset characters; spaces draw nothing. Only the header rule is drawn.
const HEADER_RULE_ONLY: &str = "    ────           ";

/// The terminal gap report.
pub struct TableRenderer;

/// How many gaps the report explains in detail.
const TOP_GAPS: usize = 3;

struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, style: Paint, text: &str) -> String {
        style.force_styling(self.color).apply_to(text).to_string()
    }
    fn bold(&self, text: &str) -> String {
        self.paint(Paint::new().bold(), text)
    }
    fn dim(&self, text: &str) -> String {
        self.paint(Paint::new().dim(), text)
    }
    fn good(&self, text: &str) -> String {
        self.paint(Paint::new().green(), text)
    }
    fn warn(&self, text: &str) -> String {
        self.paint(Paint::new().yellow(), text)
    }
}

impl Renderer for TableRenderer {
    fn render(&self, doc: &ResultDocument, style: Style) -> String {
        let width = style.width.clamp(60, 100);
        let p = Painter { color: style.color };
        let mut out = String::new();
        header(doc, &p, &mut out);
        out.push_str(&competency_table(doc, width));
        out.push('\n');
        top_gaps(doc, width, &p, &mut out);
        calibration(doc, width, &p, &mut out);
        certifications(doc, width, &p, &mut out);
        plan(doc, width, &p, &mut out);
        out
    }
}

fn header(doc: &ResultDocument, p: &Painter, out: &mut String) {
    out.push_str(&p.bold(&format!("{} — gap report", one_line(&doc.pack.title))));
    out.push('\n');
    let date = doc.taken_at.get(..10).unwrap_or(&doc.taken_at);
    out.push_str(&format!("Target: {}\n", one_line(&doc.profile_title)));
    out.push_str(&p.dim(&format!(
        "Taken {} · pack {} v{}",
        date,
        one_line(&doc.pack.id),
        doc.pack.version
    )));
    out.push_str("\n\n");
}

/// Five marks per row: filled up to the achieved level, hollow up to the target.
fn level_bar(doc: &ResultDocument, c: &CompetencyResult) -> String {
    let achieved = doc.level_index(&c.level);
    let target = doc.level_index(&c.target_level);
    (0..doc.levels.len())
        .map(|i| {
            if i <= achieved {
                '■'
            } else if i <= target {
                '□'
            } else {
                '·'
            }
        })
        .collect()
}

fn competency_table(doc: &ResultDocument, width: usize) -> String {
    let mut table = Table::new();
    table
        // Only a rule under the header: rows stay one line apart and easy to scan.
        .load_preset(HEADER_RULE_ONLY)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width as u16)
        .set_header(vec!["Competency", "Score", "Level", "Target", "Gap", ""]);
    for c in &doc.competencies {
        let gap = if c.gap == 0 {
            "met".to_string()
        } else {
            format!("−{}", c.gap)
        };
        table.add_row(vec![
            Cell::new(one_line(&c.title)),
            Cell::new(format!("{:.0}", c.score)).set_alignment(CellAlignment::Right),
            Cell::new(doc.level_short_title(&c.level)),
            Cell::new(doc.level_short_title(&c.target_level)),
            Cell::new(gap).set_alignment(CellAlignment::Right),
            Cell::new(level_bar(doc, c)),
        ]);
    }
    for (index, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, 1));
        if index == 5 {
            column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(6)));
        }
    }
    let mut text = table.to_string();
    text.push('\n');
    text.push_str("  ■ achieved level  □ still to reach  · beyond target\n");
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
    for (i, c) in gaps.iter().take(TOP_GAPS).enumerate() {
        let heading = format!(
            "{}. {} — {} → {} (score {:.0}, importance {})",
            i + 1,
            one_line(&c.title),
            doc.level_title(&c.level),
            doc.level_title(&c.target_level),
            c.score,
            crate::answers::format_number(c.importance)
        );
        out.push_str(&wrap(&heading, width, "   "));
        out.push('\n');
        out.push_str(&format!(
            "   {}\n",
            wrap(
                &format!("Why this score: {}", score_reasons(doc, c)),
                width - 3,
                "   "
            )
        ));
        if let Some(next) = &c.next_level {
            out.push_str(&format!(
                "   {}\n",
                wrap(
                    &format!("Next level looks like: “{}”", one_line(next)),
                    width - 3,
                    "   "
                )
            ));
        }
        // Steps aimed first at this competency, then the rest that help it, best first.
        let mut helping: Vec<_> = doc
            .recommendations
            .iter()
            .filter(|r| r.addresses.contains(&c.id))
            .collect();
        helping.sort_by_key(|r| r.builds.first() != Some(&c.id));
        let steps: Vec<String> = helping
            .into_iter()
            .take(2)
            .map(|r| one_line(&r.title))
            .collect();
        if !steps.is_empty() {
            out.push_str(&format!(
                "   {}\n",
                wrap(&format!("Steps: {}", steps.join("; ")), width - 3, "   ")
            ));
        }
    }
    out.push('\n');
}

/// "self-rating Novice; 2 of 5 scenarios right; experience 1 of 2 points".
fn score_reasons(doc: &ResultDocument, c: &CompetencyResult) -> String {
    let mut parts = Vec::new();
    if let Some(rated) = &c.self_rating {
        parts.push(format!(
            "self-rating {}",
            doc.level_title(rated).to_lowercase()
        ));
    }
    let scenarios: Vec<_> = c
        .evidence
        .iter()
        .filter(|e| is_knowledge_kind(&e.kind))
        .collect();
    if !scenarios.is_empty() {
        let earned: f64 = scenarios.iter().map(|e| e.earned).sum();
        let possible: f64 = scenarios.iter().map(|e| e.possible).sum();
        parts.push(format!(
            "scenarios {} of {} points",
            trim(earned),
            trim(possible)
        ));
    }
    let experience: Vec<_> = c
        .evidence
        .iter()
        .filter(|e| e.kind == "yes_no" || e.kind == "number")
        .collect();
    if !experience.is_empty() {
        let earned: f64 = experience.iter().map(|e| e.earned).sum();
        let possible: f64 = experience.iter().map(|e| e.possible).sum();
        parts.push(format!(
            "experience {} of {} points",
            trim(earned),
            trim(possible)
        ));
    }
    parts.join("; ")
}

fn trim(n: f64) -> String {
    crate::answers::format_number((n * 100.0).round() / 100.0)
}

fn calibration(doc: &ResultDocument, width: usize, p: &Painter, out: &mut String) {
    let group = |wanted: Calibration| -> Vec<String> {
        doc.competencies
            .iter()
            .filter(|c| c.calibration == Some(wanted))
            .filter_map(|c| {
                let (rated, shown) = (c.self_rating.as_ref()?, c.knowledge_level.as_ref()?);
                Some(format!(
                    "{} (rated {}, answers show {})",
                    one_line(&c.title),
                    doc.level_title(rated).to_lowercase(),
                    doc.level_title(shown).to_lowercase()
                ))
            })
            .collect()
    };
    let over = group(Calibration::Over);
    let under = group(Calibration::Under);
    if over.is_empty() && under.is_empty() {
        return;
    }
    out.push_str(&p.bold("Where your self-rating and your answers disagree"));
    out.push('\n');
    if !over.is_empty() {
        let line = format!(
            "Rated higher than your scenario answers show — read the explanations of the \
             questions you missed (`--format json` lists them) before you rely on these: {}.",
            over.join("; ")
        );
        out.push_str(&format!("- {}\n", wrap(&line, width - 2, "  ")));
    }
    if !under.is_empty() {
        let line = format!(
            "Rated lower than your scenario answers show — you may know more than you \
             credit yourself with: {}.",
            under.join("; ")
        );
        out.push_str(&format!("- {}\n", wrap(&line, width - 2, "  ")));
    }
    out.push('\n');
}

fn certifications(doc: &ResultDocument, width: usize, p: &Painter, out: &mut String) {
    if doc.eligibility.is_empty() {
        return;
    }
    out.push_str(&p.bold("Certifications"));
    out.push('\n');
    certification_lines(&doc.eligibility, width, p, false, out);
    out.push('\n');
}

/// The eligibility list on its own (`skillgap eligibility`).
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
        let (mark, status) = if e.held {
            (p.good("✓"), "held".to_string())
        } else if e.eligible {
            (p.good("✓"), "eligible now".to_string())
        } else {
            (p.warn("✗"), format!("needs {}", e.missing.join(", ")))
        };
        let line = format!(
            "{} ({}): {status}",
            crate::eligibility::short_title(&one_line(&e.title)),
            one_line(&e.issuer)
        );
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
    if doc.plan.is_empty() {
        return;
    }
    out.push_str(&p.bold("Plan"));
    out.push('\n');
    for (code, heading) in [
        ("30d", "Next 30 days"),
        ("90d", "Next 90 days"),
        ("12m", "Next 12 months"),
    ] {
        let items: Vec<_> = doc.plan.iter().filter(|i| i.horizon == code).collect();
        if items.is_empty() {
            continue;
        }
        out.push_str(&format!("{heading}\n"));
        for item in items {
            let Some(r) = doc.recommendation(&item.recommendation) else {
                continue;
            };
            out.push_str(&format!(
                "• {}\n",
                wrap(
                    &format!("{} [{}]", one_line(&r.title), r.kind),
                    width - 2,
                    "  "
                )
            ));
            out.push_str(&format!("  {}\n", wrap(&r.detail, width - 2, "  ")));
            out.push_str(&format!(
                "  {}\n",
                p.dim(&wrap(&format!("Why: {}", item.why), width - 2, "  "))
            ));
            let costs: Vec<String> = [r.effort.as_ref(), r.cost.as_ref()]
                .into_iter()
                .flatten()
                .map(|s| one_line(s))
                .collect();
            if !costs.is_empty() {
                out.push_str(&format!(
                    "  {}\n",
                    wrap(&costs.join(" · "), width - 2, "  ")
                ));
            }
            out.push_str(&format!("  {}\n", one_line(&r.url)));
        }
    }
}
