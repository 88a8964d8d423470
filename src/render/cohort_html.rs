//! The cohort view as one self-contained HTML page, built with askama from
//! `templates/cohort.html`. askama escapes every value it prints (the template's `.html`
//! extension turns HTML escaping on), so names and titles from result files are text, never
//! markup; the page has no scripts, loads nothing, and prints cleanly.

use askama::Template;

use super::cohort_table::level_abbreviations;
use super::{CohortRenderer, Style};
use crate::cohort::Cohort;
use crate::eligibility::short_title;
use crate::text::one_line;

/// The cohort view as an HTML page.
pub struct CohortHtmlRenderer;

#[derive(Template)]
#[template(path = "cohort.html")]
struct Page {
    title: String,
    meta: String,
    notes: Vec<String>,
    levels: Vec<LevelKey>,
    competencies: Vec<CompetencyRow>,
    certifications: Vec<CertificationRow>,
    steps: Vec<StepRow>,
    more_steps: usize,
    heat_head: Vec<String>,
    heat_rows: Vec<HeatRow>,
    skipped: Vec<(String, String)>,
    version: String,
}

struct LevelKey {
    abbreviation: String,
    title: String,
    style: String,
}

struct CompetencyRow {
    number: usize,
    title: String,
    people: usize,
    median: String,
    quartiles: String,
    /// Positions on the 0–100 track of the middle half, the median and the target level.
    box_style: String,
    median_style: String,
    target_style: String,
    target: String,
    below: usize,
    below_share: String,
    levels: Vec<LevelCount>,
}

struct LevelCount {
    count: usize,
    style: String,
}

struct CertificationRow {
    name: String,
    title: String,
    eligible_now: usize,
    held: usize,
    eligible_style: String,
    held_style: String,
}

struct StepRow {
    title: String,
    kind: String,
    people: usize,
    bar_style: String,
}

struct HeatRow {
    name: String,
    taken: String,
    cells: Vec<HeatCell>,
}

struct HeatCell {
    text: String,
    class: &'static str,
    style: String,
    label: String,
}

/// Steps listed under group training.
const TOP_STEPS: usize = 15;

/// Background and text colour for level `index` of `count`, light to dark blue; `alpha`
/// below 1 pales the background (the text stays readable).
fn level_colours(index: usize, count: usize, alpha: f64) -> String {
    let t = if count > 1 {
        index as f64 / (count - 1) as f64
    } else {
        1.0
    };
    let lightness = 94.0 - t * 62.0;
    let ink = if lightness < 58.0 && alpha > 0.55 {
        "#ffffff"
    } else {
        "#1d2430"
    };
    format!("background:hsla(214,72%,{lightness:.0}%,{alpha:.2});color:{ink}")
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        n as f64 * 100.0 / of as f64
    }
}

impl CohortRenderer for CohortHtmlRenderer {
    fn render(&self, cohort: &Cohort, _style: Style) -> String {
        if cohort.items.is_some() {
            return super::cohort_items_html::render(cohort);
        }
        let doc = &cohort.doc;
        let abbreviations = level_abbreviations(doc);
        let level_count = doc.levels.len();
        let people = super::plural(doc.people, "person", "people");
        let when = cohort.taken_text();
        let mut notes = Vec::new();
        if !cohort.left_out.is_empty() {
            notes.push(format!("Not counted: {}.", cohort.left_out.join("; ")));
        }
        let target_of = |level: &str| {
            doc.levels
                .iter()
                .find(|l| l.id == level)
                .map(|l| (l.min_score, one_line(&l.title)))
        };
        let max_level = doc
            .competencies
            .iter()
            .flat_map(|c| c.levels.iter().map(|(_, n)| *n))
            .max()
            .unwrap_or(0);
        let competencies = doc
            .competencies
            .iter()
            .enumerate()
            .map(|(i, c)| {
                // The target level's band of the scale starts at its least score.
                let (target_at, target) = target_of(&c.target_level).unwrap_or_default();
                CompetencyRow {
                    number: i + 1,
                    title: one_line(&c.title),
                    people: c.people,
                    median: format!("{:.0}", c.median),
                    quartiles: format!("{:.0}–{:.0}", c.p25, c.p75),
                    box_style: format!(
                        "left:{:.1}%;width:{:.1}%",
                        c.p25.clamp(0.0, 100.0),
                        (c.p75 - c.p25).clamp(0.0, 100.0)
                    ),
                    median_style: format!("left:{:.1}%", c.median.clamp(0.0, 100.0)),
                    target_style: format!("left:{:.1}%", target_at.clamp(0.0, 100.0)),
                    target,
                    below: c.below_target,
                    below_share: format!("{:.0}%", share(c.below_target, c.people)),
                    levels: c
                        .levels
                        .iter()
                        .enumerate()
                        .map(|(l, (_, n))| LevelCount {
                            count: *n,
                            style: if *n == 0 {
                                String::new()
                            } else {
                                // Stronger where more people are: a heat map of the spread.
                                let strength = 0.2 + 0.8 * share(*n, max_level) / 100.0;
                                level_colours(l, level_count, strength)
                            },
                        })
                        .collect(),
                }
            })
            .collect();
        let certifications = doc
            .eligibility
            .iter()
            .map(|e| CertificationRow {
                name: short_title(&one_line(&e.title)),
                title: one_line(&e.title),
                eligible_now: e.eligible_now,
                held: e.held,
                eligible_style: format!("width:{:.1}%", share(e.eligible_now, doc.people)),
                held_style: format!("width:{:.1}%", share(e.held, doc.people)),
            })
            .collect();
        let most = doc.recommendations.first().map_or(1, |r| r.people.max(1));
        let steps = doc
            .recommendations
            .iter()
            .take(TOP_STEPS)
            .map(|r| StepRow {
                title: one_line(&r.title),
                kind: one_line(&r.kind),
                people: r.people,
                bar_style: format!("width:{:.1}%", share(r.people, most)),
            })
            .collect();
        let heat_rows = cohort
            .rows
            .iter()
            .map(|row| HeatRow {
                name: row.name.clone(),
                taken: row.taken_at.get(..10).unwrap_or(&row.taken_at).to_string(),
                cells: row
                    .cells
                    .iter()
                    .zip(&doc.competencies)
                    .map(|(cell, c)| match cell {
                        Some(cell) => HeatCell {
                            text: format!(
                                "{:.0}{}",
                                cell.score,
                                if cell.gap > 0 { "▼" } else { "" }
                            ),
                            class: if cell.gap > 0 { "below" } else { "" },
                            style: level_colours(cell.level, level_count, 1.0),
                            label: format!(
                                "{}: score {:.0}, {}{}",
                                one_line(&c.short_title),
                                cell.score,
                                doc.levels
                                    .get(cell.level)
                                    .map(|l| one_line(&l.title))
                                    .unwrap_or_default(),
                                if cell.gap > 0 {
                                    format!(
                                        ", {} below target",
                                        if cell.gap == 1 {
                                            "1 level".to_string()
                                        } else {
                                            format!("{} levels", cell.gap)
                                        }
                                    )
                                } else {
                                    String::new()
                                }
                            ),
                        },
                        None => HeatCell {
                            text: "–".into(),
                            class: "none",
                            style: String::new(),
                            label: format!("{}: no score", one_line(&c.short_title)),
                        },
                    })
                    .collect(),
            })
            .collect();
        let page = Page {
            title: format!("Cohort — {}", one_line(&doc.profile_title)),
            meta: format!(
                "{people} · the latest result of each, {when} · {} read{}",
                if cohort.files == 1 {
                    "1 file".to_string()
                } else {
                    format!("{} files", cohort.files)
                },
                if doc.skipped.is_empty() {
                    String::new()
                } else {
                    format!(", {} skipped (listed at the end)", doc.skipped.len())
                }
            ),
            notes,
            levels: abbreviations
                .iter()
                .zip(&doc.levels)
                .enumerate()
                .map(|(i, (a, l))| LevelKey {
                    abbreviation: a.clone(),
                    title: one_line(&l.title),
                    style: level_colours(i, level_count, 1.0),
                })
                .collect(),
            competencies,
            certifications,
            steps,
            more_steps: doc.recommendations.len().saturating_sub(TOP_STEPS),
            heat_head: doc
                .competencies
                .iter()
                .map(|c| one_line(&c.short_title))
                .collect(),
            heat_rows,
            skipped: doc
                .skipped
                .iter()
                .map(|s| (one_line(&s.path), one_line(&s.error)))
                .collect(),
            version: cohort.tool_version.clone(),
        };
        super::html::page_text(&page)
    }
}
