//! `skillgap cohort --items --format html`: the item analysis as one self-contained page,
//! built with askama from `templates/cohort_items.html`, which escapes every value it prints.

use askama::Template;

use super::plural;
use crate::cohort::items::{DiscriminationMethod, ItemStats};
use crate::cohort::Cohort;
use crate::text::one_line;

#[derive(Template)]
#[template(path = "cohort_items.html")]
struct Page {
    title: String,
    meta: String,
    notes: Vec<String>,
    summary: String,
    competencies: Vec<CompetencySection>,
    skipped: Vec<(String, String)>,
    version: String,
}

struct CompetencySection {
    title: String,
    reliability: String,
    items: Vec<ItemRow>,
}

struct ItemRow {
    id: String,
    label: String,
    answered: usize,
    right: String,
    discrimination: String,
    method: &'static str,
    options: Vec<OptionCell>,
    flags: Vec<String>,
}

struct OptionCell {
    text: String,
    class: &'static str,
    title: &'static str,
}

/// The item analysis as an HTML page.
pub fn render(cohort: &Cohort) -> String {
    let doc = &cohort.doc;
    let items = doc.items.as_deref().unwrap_or_default();
    let when = cohort.taken_text();
    let mut notes = Vec::new();
    if !cohort.left_out.is_empty() {
        notes.push(format!("Not counted: {}.", cohort.left_out.join("; ")));
    }
    if let Some(view) = &cohort.items {
        notes.push(format!(
            "Scenarios of {}, from the answers of {}.",
            one_line(&view.pack),
            plural(view.people, "person", "people")
        ));
        if !view.left_out.is_empty() {
            notes.push(format!(
                "Answers not counted: {}.",
                view.left_out.join("; ")
            ));
        }
    }
    let flagged = items.iter().filter(|i| !i.flags.is_empty()).count();
    let competencies = items
        .chunk_by(|a, b| a.competency == b.competency)
        .map(|run| {
            let id = &run[0].competency;
            let competency = doc.competencies.iter().find(|c| c.id == *id);
            let reliability = competency
                .and_then(|c| c.scenarios.as_ref())
                .map(|r| match (r.reliability, r.sem) {
                    (Some(rel), sem) => format!(
                        "Reliability {rel:.2}{} · {} answered {:.1} of its scenarios on \
                         average · {} pairs of scenarios, {} answered together by 20 people \
                         or more",
                        sem.map_or_else(String::new, |s| format!(
                            ", standard error of measurement {s:.1} points"
                        )),
                        plural(r.scenario_people, "person", "people"),
                        r.scenarios_per_person,
                        r.pairs.len(),
                        r.pairs.iter().filter(|p| p.correlation.is_some()).count()
                    ),
                    (None, _) => format!(
                        "Reliability not known: {}.",
                        r.reliability_note.as_deref().unwrap_or("too few pairs")
                    ),
                })
                .unwrap_or_default();
            CompetencySection {
                title: competency.map_or_else(|| one_line(id), |c| one_line(&c.title)),
                reliability,
                items: run.iter().map(row).collect(),
            }
        })
        .collect();
    let page = Page {
        title: format!("Item analysis — {}", one_line(&doc.profile_title)),
        meta: format!(
            "{} · the latest result of each, {when} · {} read{}",
            plural(doc.people, "person", "people"),
            plural(cohort.files, "file", "files"),
            if doc.skipped.is_empty() {
                String::new()
            } else {
                format!(", {} skipped (listed at the end)", doc.skipped.len())
            }
        ),
        notes,
        summary: format!(
            "{flagged} of {} flagged.",
            plural(items.len(), "scenario", "scenarios")
        ),
        competencies,
        skipped: doc
            .skipped
            .iter()
            .map(|s| (one_line(&s.path), one_line(&s.error)))
            .collect(),
        version: cohort.tool_version.clone(),
    };
    super::html::page_text(&page)
}

fn row(item: &ItemStats) -> ItemRow {
    ItemRow {
        id: one_line(&item.id),
        label: item.label.as_deref().map(one_line).unwrap_or_default(),
        answered: item.answered,
        right: item
            .difficulty
            .map_or_else(|| "–".into(), |d| format!("{d:.2}")),
        discrimination: match (item.discrimination, item.discrimination_method) {
            (Some(d), Some(DiscriminationMethod::UpperLower27)) => format!("{d:.2} D"),
            (Some(d), _) => format!("{d:.2}"),
            (None, _) => "–".into(),
        },
        method: match item.discrimination_method {
            Some(DiscriminationMethod::PointBiserial) => "corrected point-biserial correlation",
            Some(DiscriminationMethod::UpperLower27) => "upper–lower 27% index",
            None => "too few people to say",
        },
        options: if item.answered == 0 {
            Vec::new()
        } else {
            item.options
                .iter()
                .map(|(id, share)| {
                    let key = item.key.contains(id);
                    let unused = item.unused_distractors.contains(id);
                    OptionCell {
                        text: format!("{} {:.0}%", one_line(id), share * 100.0),
                        class: if key {
                            "key"
                        } else if unused {
                            "unused"
                        } else {
                            ""
                        },
                        title: if key {
                            "the key"
                        } else if unused {
                            "an unused distractor"
                        } else {
                            "a distractor"
                        },
                    }
                })
                .collect()
        },
        flags: item.flag_words(),
    }
}
