//! `skillgap cohort --items` for a terminal: per competency the reliability of its
//! scenarios, then each scenario with how many answered, the share right, its
//! discrimination, the options people chose and what to look at. Every line fits the width.

use console::{measure_text_width, pad_str, Alignment};

use super::cohort_table::header;
use super::paint::Painter;
use super::plural;
use super::Style;
use crate::cohort::items::{DiscriminationMethod, ItemStats, ScenarioReliability};
use crate::cohort::Cohort;
use crate::text::one_line;

/// Columns before the scenario: " N(6)  Right(5)  Discr.(6)  ".
const LEAD: usize = 1 + 6 + 2 + 5 + 2 + 6 + 2;

/// Marks a flagged scenario's line of flags.
const FLAG: &str = "▲";

/// The item analysis as text.
pub fn render(cohort: &Cohort, style: Style) -> String {
    let width = style.width.clamp(60, 100);
    let p = Painter { color: style.color };
    let mut out = String::new();
    header(cohort, width, &p, &mut out);
    let doc = &cohort.doc;
    let items = doc.items.as_deref().unwrap_or_default();
    if let Some(view) = &cohort.items {
        let mut line = format!(
            "Item analysis of the scenarios of {}, from the answers of {}.",
            one_line(&view.pack),
            plural(view.people, "person", "people")
        );
        if !view.left_out.is_empty() {
            line.push_str(&format!(
                " Answers not counted: {}.",
                view.left_out.join("; ")
            ));
        }
        out.push_str(&p.dim(&wrap(&line, width, "", "")));
        out.push('\n');
    }
    let flagged = items.iter().filter(|i| !i.flags.is_empty()).count();
    out.push_str(&format!(
        "{flagged} of {} flagged.\n\n",
        plural(items.len(), "scenario", "scenarios")
    ));
    for run in items.chunk_by(|a, b| a.competency == b.competency) {
        let id = &run[0].competency;
        let competency = doc.competencies.iter().find(|c| c.id == *id);
        let title = competency.map_or_else(|| one_line(id), |c| one_line(&c.short_title));
        out.push_str(&p.bold(&title));
        out.push('\n');
        if let Some(r) = competency.and_then(|c| c.scenarios.as_ref()) {
            out.push_str(&p.dim(&wrap(&reliability_line(r), width, "", "")));
            out.push('\n');
        }
        let head = format!(
            " {:>6}  {:>5}  {:>6}  Scenario; options chosen (%, * the key)",
            "N", "Right", "Discr."
        );
        let head = pad_str(&head, width, Alignment::Left, Some("…")).into_owned();
        out.push_str(head.trim_end());
        out.push('\n');
        out.push_str(&p.dim(&"─".repeat(measure_text_width(head.trim_end()))));
        out.push('\n');
        for item in run {
            item_lines(item, width, &p, &mut out);
        }
        out.push('\n');
    }
    out.push_str(&p.dim(&wrap(LEGEND, width, "", "")));
    out.push('\n');
    out
}

const LEGEND: &str =
    "N: people who answered. Right: the share right (the difficulty; multi-answer \
     items earn partial credit as scored). Discr.: the correlation of the scenario with the rest \
     of the competency's scenario score (the scenario left out), or, marked D, the upper–lower \
     27% index (20 to 100 people). Flags: too easy, over 0.95 right; too hard, under 0.20; \
     weak discrimination, under 0.15 or negative; unused distractor, a wrong option under 2%; \
     too few answers, under 20. Reliability: standardized alpha from the mean correlation of \
     pairs of the competency's scenarios answered together (20 people or more), at the number \
     a person answers; SEM in points of the 0–100 scenario score. rubrics/README.md says what \
     to do about each flag.";

/// `text` (escaped already) wrapped to `width`, the first line after `first`, the rest
/// after `rest`.
fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let options = textwrap::Options::new(width.max(20))
        .initial_indent(first)
        .subsequent_indent(rest);
    textwrap::fill(text, options)
}

fn reliability_line(r: &ScenarioReliability) -> String {
    let figure = match (r.reliability, r.sem) {
        (Some(rel), Some(sem)) => format!("Reliability {rel:.2} (SEM {sem:.1} points)"),
        (Some(rel), None) => format!("Reliability {rel:.2}"),
        _ => format!(
            "Reliability not known: {}",
            r.reliability_note.as_deref().unwrap_or("too few pairs")
        ),
    };
    let counted: Vec<usize> = r.pairs.iter().map(|p| p.people).collect();
    let pairs = match (counted.iter().min(), counted.iter().max()) {
        (Some(lo), Some(hi)) if lo == hi => format!(
            "{}, {} each",
            plural(counted.len(), "pair", "pairs"),
            plural(*lo, "person", "people")
        ),
        (Some(lo), Some(hi)) => format!(
            "{}, {lo}–{hi} people each",
            plural(counted.len(), "pair", "pairs")
        ),
        _ => "no pairs".to_string(),
    };
    format!(
        "{figure} · {} answered {:.1} of its scenarios on average · {pairs}",
        plural(r.scenario_people, "person", "people"),
        r.scenarios_per_person
    )
}

fn item_lines(item: &ItemStats, width: usize, p: &Painter, out: &mut String) {
    let right = item
        .difficulty
        .map_or_else(|| "–".to_string(), |d| format!("{d:.2}"));
    let discrimination = match (item.discrimination, item.discrimination_method) {
        (Some(d), Some(DiscriminationMethod::UpperLower27)) => format!("{d:.2}D"),
        (Some(d), _) => format!("{d:.2} "),
        (None, _) => "– ".to_string(),
    };
    let id = pad_str(
        &one_line(&item.id),
        width.saturating_sub(LEAD).max(10),
        Alignment::Left,
        Some("…"),
    )
    .into_owned();
    let line = format!(
        " {:>6}  {:>5}  {:>6}  {}",
        item.answered,
        right,
        discrimination,
        id.trim_end()
    );
    out.push_str(&line);
    out.push('\n');
    let indent = " ".repeat(LEAD);
    if item.answered > 0 {
        let options: Vec<String> = item
            .options
            .iter()
            .map(|(id, share)| {
                let key = if item.key.contains(id) { "*" } else { "" };
                format!("{}{key}\u{a0}{:.0}", one_line(id), share * 100.0)
            })
            .collect();
        let text = wrap(&options.join("  "), width, &indent, &indent).replace('\u{a0}', " ");
        out.push_str(&p.dim(&text));
        out.push('\n');
    }
    if !item.flags.is_empty() {
        let words = item.flag_words();
        let text = wrap(
            &format!("{FLAG} {}", words.join(" · ")),
            width,
            &indent,
            &format!("{indent}  "),
        );
        out.push_str(&p.warn(&text));
        out.push('\n');
    }
}
