//! The cohort view for a terminal: where the group stands per competency, who may sit which
//! certification, the steps to run as group training, and the heat map, one row per person.
//! Every line fits the width (80 columns when the output is not a terminal).

use console::{measure_text_width, pad_str, Alignment};

use super::paint::Painter;
use super::plural;

use super::{CohortRenderer, Style};
use crate::cohort::{Cohort, CohortDocument};
use crate::eligibility::short_title;
use crate::text::{one_line, wrap};

/// The cohort view as text.
pub struct CohortTableRenderer;

/// Steps listed under group training; the JSON has all.
const TOP_STEPS: usize = 10;

/// A heat-map cell: score in three columns and a mark, then a space before the next.
const CELL: usize = 5;

/// The narrowest the name column of the heat map gets before its columns split in blocks.
const MIN_NAME: usize = 12;

/// Marks a heat-map score below the person's target level.
const BELOW: &str = "▼";

/// `text` cut to `width` columns (with `…`) and padded to it.
fn fit(text: &str, width: usize, align: Alignment) -> String {
    pad_str(text, width, align, Some("…")).into_owned()
}

/// Short labels for the levels, from the initials of their titles ("Advanced beginner" →
/// "AB"), or L1, L2, … where initials would be long or alike.
pub fn level_abbreviations(doc: &CohortDocument) -> Vec<String> {
    let initials: Vec<String> = doc
        .levels
        .iter()
        .map(|l| {
            one_line(&l.title)
                .split_whitespace()
                .filter_map(|w| w.chars().next())
                .flat_map(char::to_uppercase)
                .collect()
        })
        .collect();
    let mut unique = initials.clone();
    unique.sort();
    unique.dedup();
    if unique.len() == initials.len() && initials.iter().all(|i| (1..=3).contains(&i.len())) {
        initials
    } else {
        (1..=doc.levels.len()).map(|i| format!("L{i}")).collect()
    }
}

impl CohortRenderer for CohortTableRenderer {
    fn render(&self, cohort: &Cohort, style: Style) -> String {
        if cohort.items.is_some() {
            return super::cohort_items_table::render(cohort, style);
        }
        let width = style.width.clamp(60, 100);
        let p = Painter { color: style.color };
        let mut out = String::new();
        header(cohort, width, &p, &mut out);
        competencies(&cohort.doc, width, &p, &mut out);
        certifications(&cohort.doc, width, &p, &mut out);
        steps(&cohort.doc, width, &p, &mut out);
        heat_map(cohort, width, &p, &mut out);
        out
    }
}

pub(super) fn header(cohort: &Cohort, width: usize, p: &Painter, out: &mut String) {
    let doc = &cohort.doc;
    let title = format!(
        "Cohort: {} measured against {}",
        plural(doc.people, "person", "people"),
        one_line(&doc.profile_title)
    );
    out.push_str(&p.bold(&wrap(&title, width, "")));
    out.push('\n');
    let when = cohort.taken_text();
    let mut line = format!(
        "The latest result of each person, {when} · {} read",
        plural(cohort.files, "file", "files")
    );
    if !doc.skipped.is_empty() {
        line.push_str(&format!(
            ", {} skipped (named on stderr)",
            doc.skipped.len()
        ));
    }
    out.push_str(&p.dim(&wrap(&line, width, "")));
    out.push('\n');
    if !cohort.left_out.is_empty() {
        let line = format!("Not counted: {}.", cohort.left_out.join("; "));
        out.push_str(&p.dim(&wrap(&line, width, "")));
        out.push('\n');
    }
    out.push('\n');
}

fn competencies(doc: &CohortDocument, width: usize, p: &Painter, out: &mut String) {
    let abbreviations = level_abbreviations(doc);
    let count_width = doc.people.to_string().len();
    let level_widths: Vec<usize> = abbreviations
        .iter()
        .map(|a| a.len().max(count_width).max(2))
        .collect();
    let number = doc.competencies.len().to_string().len();
    let below = "Below".len().max(count_width) + 1;
    // " # name  Median  P25–P75  Below  N  AB …"
    let fixed =
        1 + number + 1 + 7 + 10 + 1 + below + level_widths.iter().map(|w| w + 1).sum::<usize>();
    let longest = doc
        .competencies
        .iter()
        .map(|c| measure_text_width(&one_line(&c.short_title)))
        .max()
        .unwrap_or(10)
        .max("Competency".len());
    let name = width.saturating_sub(fixed).clamp(10, longest);

    out.push_str(&p.bold("Competencies"));
    out.push('\n');
    let mut head = format!(
        " {} {} {:>6} {:>9} {:>below$}",
        " ".repeat(number),
        fit("Competency", name, Alignment::Left),
        "Median",
        "P25–P75",
        "Below"
    );
    for (a, w) in abbreviations.iter().zip(&level_widths) {
        head.push_str(&format!(" {a:>w$}"));
    }
    let rule = "─".repeat(measure_text_width(&head));
    out.push_str(&head);
    out.push('\n');
    out.push_str(&p.dim(&rule));
    out.push('\n');
    for (i, c) in doc.competencies.iter().enumerate() {
        let mut row = format!(
            " {:>number$} {} {:>6.0} {:>9} {:>below$}",
            i + 1,
            fit(&one_line(&c.short_title), name, Alignment::Left),
            c.median,
            format!("{:.0}–{:.0}", c.p25, c.p75),
            c.below_target
        );
        for ((_, count), w) in c.levels.iter().zip(&level_widths) {
            row.push_str(&format!(" {count:>w$}"));
        }
        out.push_str(&row);
        out.push('\n');
    }
    let levels: Vec<String> = abbreviations
        .iter()
        .zip(&doc.levels)
        .map(|(a, l)| format!("{a} {}", one_line(&l.title)))
        .collect();
    let legend = format!(
        "Scores 0–100. P25–P75: the middle half of the scores. Below: people under their \
         target level. People at each level: {}.",
        levels.join(", ")
    );
    out.push_str(&p.dim(&wrap(&legend, width, "")));
    out.push_str("\n\n");
}

fn certifications(doc: &CohortDocument, width: usize, p: &Painter, out: &mut String) {
    if doc.eligibility.is_empty() {
        return;
    }
    out.push_str(&p.bold("Certifications"));
    out.push('\n');
    let names: Vec<String> = doc
        .eligibility
        .iter()
        .map(|e| short_title(&one_line(&e.title)))
        .collect();
    let name = names
        .iter()
        .map(|n| measure_text_width(n))
        .max()
        .unwrap_or(10)
        .max("Certification".len())
        .min(width.saturating_sub(1 + 13 + 8));
    let head = format!(
        " {} {:>12} {:>7}",
        fit("Certification", name, Alignment::Left),
        "Eligible now",
        "Hold it"
    );
    out.push_str(&head);
    out.push('\n');
    out.push_str(&p.dim(&"─".repeat(measure_text_width(&head))));
    out.push('\n');
    for (e, n) in doc.eligibility.iter().zip(&names) {
        out.push_str(&format!(
            " {} {:>12} {:>7}\n",
            fit(n, name, Alignment::Left),
            e.eligible_now,
            e.held
        ));
    }
    out.push_str(&p.dim(&wrap(
        "Eligible now: may sit it today by the rules in each result, and does not hold it. \
         Confirm with the issuer before anyone applies.",
        width,
        "",
    )));
    out.push_str("\n\n");
}

fn steps(doc: &CohortDocument, width: usize, p: &Painter, out: &mut String) {
    if doc.recommendations.is_empty() {
        return;
    }
    out.push_str(&p.bold("Group training: the steps that build the most people's gaps"));
    out.push('\n');
    let count = "People".len().max(doc.people.to_string().len());
    let kind = doc
        .recommendations
        .iter()
        .take(TOP_STEPS)
        .map(|r| measure_text_width(&one_line(&r.kind)))
        .max()
        .unwrap_or(4)
        .max(4);
    let title = width.saturating_sub(1 + count + 2 + 1 + kind).max(10);
    let head = format!(
        " {:>count$}  {} {}",
        "People",
        fit("Step", title, Alignment::Left),
        fit("Kind", kind, Alignment::Left)
    );
    out.push_str(head.trim_end());
    out.push('\n');
    out.push_str(&p.dim(&"─".repeat(measure_text_width(&head))));
    out.push('\n');
    for r in doc.recommendations.iter().take(TOP_STEPS) {
        let line = format!(
            " {:>count$}  {} {}",
            r.people,
            fit(&one_line(&r.title), title, Alignment::Left),
            fit(&one_line(&r.kind), kind, Alignment::Left)
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if doc.recommendations.len() > TOP_STEPS {
        out.push_str(&p.dim(&format!(
            " … and {} more (all are in --format json)",
            doc.recommendations.len() - TOP_STEPS
        )));
        out.push('\n');
    }
    out.push_str(&p.dim(&wrap(
        "People: those with a gap the step builds; a certification counts only for those \
         whose plan schedules it.",
        width,
        "",
    )));
    out.push_str("\n\n");
}

fn heat_map(cohort: &Cohort, width: usize, p: &Painter, out: &mut String) {
    let doc = &cohort.doc;
    let columns = doc.competencies.len();
    if columns == 0 {
        return;
    }
    out.push_str(&p.bold("Heat map"));
    out.push('\n');
    out.push_str(&p.dim(&wrap(
        &format!(
            "Each person's score per competency, columns numbered as above; {BELOW} below \
             the target level."
        ),
        width,
        "",
    )));
    out.push('\n');
    let per_block = (width.saturating_sub(1 + MIN_NAME) / CELL)
        .max(1)
        .min(columns);
    let blocks: Vec<(usize, usize)> = (0..columns)
        .step_by(per_block)
        .map(|start| (start, (start + per_block).min(columns)))
        .collect();
    let longest = cohort
        .rows
        .iter()
        .map(|r| measure_text_width(&r.name))
        .max()
        .unwrap_or(6)
        .max("Person".len());
    for (start, end) in &blocks {
        let name = width
            .saturating_sub(1 + CELL * (end - start))
            .clamp(MIN_NAME.min(longest), longest);
        if blocks.len() > 1 {
            out.push_str(&p.dim(&format!("Competencies {}–{}", start + 1, end)));
            out.push('\n');
        }
        let mut head = format!(" {}", fit("Person", name, Alignment::Left));
        for i in *start..*end {
            head.push_str(&format!(" {:>3} ", i + 1));
        }
        out.push_str(head.trim_end());
        out.push('\n');
        out.push_str(&p.dim(&"─".repeat(measure_text_width(head.trim_end()))));
        out.push('\n');
        for row in &cohort.rows {
            let mut line = format!(" {}", fit(&row.name, name, Alignment::Left));
            for cell in &row.cells[*start..*end] {
                match cell {
                    Some(c) if c.gap > 0 => {
                        line.push(' ');
                        line.push_str(&p.warn(&format!("{:>3.0}{BELOW}", c.score)));
                    }
                    Some(c) => line.push_str(&format!(" {:>3.0} ", c.score)),
                    None => line.push_str("   – "),
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out.push('\n');
    }
}
