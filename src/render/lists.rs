//! The history list and the comparison of two results, for the terminal.

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};

use super::Style;
use crate::compare::Comparison;
use crate::eligibility::short_title;
use crate::history::Entry;
use crate::result::ResultDocument;
use crate::text::one_line;

const HEADER_RULE_ONLY: &str = "    ────           ";

fn table(width: usize, header: Vec<&str>) -> Table {
    let mut t = Table::new();
    t.load_preset(HEADER_RULE_ONLY)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width.clamp(60, 100) as u16)
        .set_header(header);
    t
}

fn pad(t: &mut Table) -> String {
    for column in t.column_iter_mut() {
        column.set_padding((0, 1));
    }
    let mut s = t.to_string();
    s.push('\n');
    s
}

/// `skillgap history`: one row per saved result, newest first.
pub fn history_table(entries: &[Entry], style: Style) -> String {
    let mut t = table(
        style.width,
        vec!["Reference", "Taken", "Profile", "Top gaps"],
    );
    for e in entries {
        let taken = e.doc.taken_at.replace('T', " ");
        let taken = taken.get(..16).unwrap_or(&taken).to_string();
        let gaps: Vec<String> = e
            .doc
            .ranked_gaps()
            .iter()
            .take(3)
            .map(|c| one_line(c.label()))
            .collect();
        t.add_row(vec![
            Cell::new(&e.reference),
            Cell::new(taken),
            Cell::new(format!(
                "{} (pack v{})",
                one_line(&e.doc.profile),
                e.doc.pack.version
            )),
            Cell::new(if gaps.is_empty() {
                "none".into()
            } else {
                gaps.join("; ")
            }),
        ]);
    }
    let mut out = pad(&mut t);
    out.push_str("  Use a reference with `skillgap report`, `export` or `compare`.\n");
    out
}

/// `skillgap compare`: per competency the change in score and level, then what closed,
/// opened and came within reach.
pub fn compare_table(
    c: &Comparison,
    new: &ResultDocument,
    old: &ResultDocument,
    style: Style,
) -> String {
    let level = |doc: &ResultDocument, id: &Option<String>| {
        id.as_deref()
            .map_or("—".to_string(), |l| doc.level_short_title(l))
    };
    let date = |s: &str| s.get(..10).unwrap_or(s).to_string();
    let mut out = format!(
        "Compared {} ({}) → {} ({})\n",
        c.old.reference,
        date(&c.old.taken_at),
        c.new.reference,
        date(&c.new.taken_at)
    );
    if c.profile_changed {
        out.push_str(&format!(
            "Note: the target changed from {} to {}; gaps differ by target as well as by progress.\n",
            c.old.profile, c.new.profile
        ));
    }
    out.push('\n');
    let mut t = table(style.width, vec!["Competency", "Score", "Change", "Level"]);
    for change in &c.competencies {
        let score = |s: Option<f64>| s.map_or("—".to_string(), |s| format!("{s:.0}"));
        let delta = change.delta().map_or(String::new(), |d| match d {
            d if d > 0.05 => format!("+{d:.0}"),
            d if d < -0.05 => format!("−{:.0}", -d),
            _ => "±0".to_string(),
        });
        // A difference inside what the two bands allow is shown in brackets and its levels
        // are not presented as a move.
        let delta = if change.carried {
            "carried".to_string()
        } else if change.counts() || delta.is_empty() {
            delta
        } else {
            format!("({delta})")
        };
        let (old_level, new_level) = (level(old, &change.old_level), level(new, &change.new_level));
        let levels = if old_level == new_level || !change.counts() {
            new_level
        } else {
            format!("{old_level} → {new_level}")
        };
        t.add_row(vec![
            Cell::new(one_line(&change.title)),
            Cell::new(format!(
                "{} → {}",
                score(change.old_score),
                score(change.new_score)
            ))
            .set_alignment(CellAlignment::Right),
            Cell::new(delta).set_alignment(CellAlignment::Right),
            Cell::new(levels),
        ]);
    }
    out.push_str(&pad(&mut t));
    let mut notes = Vec::new();
    if c.competencies.iter().any(|x| !x.carried && !x.counts()) {
        notes.push(
            "(…) no reliable change: within what the two results' bands allow, as a retake \
             of someone who did not change would differ (reliable change index, Jacobson & \
             Truax 1991); the level shown is the newer one.",
        );
    }
    if c.competencies.iter().any(|x| x.carried) {
        notes.push("carried: not retaken in the newer result, so its score was carried over.");
    }
    for note in notes {
        out.push_str(&crate::text::wrap(note, style.width.clamp(60, 100), "  "));
        out.push('\n');
    }
    out.push('\n');
    let titles = |ids: &[String]| -> String {
        if ids.is_empty() {
            return "none".into();
        }
        ids.iter()
            .map(|id| {
                new.competencies
                    .iter()
                    .chain(old.competencies.iter())
                    .find(|c| &c.id == id)
                    .map_or_else(|| id.to_string(), |c| one_line(&c.title))
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let wrap = |label: &str, text: String| {
        crate::text::wrap(
            &format!("{label}: {text}"),
            style.width.clamp(60, 100),
            "  ",
        )
    };
    out.push_str(&wrap("Gaps closed", titles(&c.gaps_closed)));
    out.push('\n');
    out.push_str(&wrap("Gaps opened", titles(&c.gaps_opened)));
    out.push('\n');
    let certs: Vec<String> = c
        .newly_eligible
        .iter()
        .map(|id| {
            new.eligibility
                .iter()
                .find(|e| &e.id == id)
                .map_or_else(|| id.to_string(), |e| short_title(&one_line(&e.title)))
        })
        .collect();
    out.push_str(&wrap(
        "Certifications newly in reach",
        if certs.is_empty() {
            "none".into()
        } else {
            certs.join(", ")
        },
    ));
    out.push('\n');
    out
}
