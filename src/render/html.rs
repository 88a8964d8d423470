//! One self-contained HTML page: no scripts, no external assets, an SVG radar chart of
//! achieved against target levels, the gap table and the plan; readable when printed.
//!
//! The page is the askama template `templates/report.html`. askama escapes every value it
//! prints (the template's `.html` extension turns HTML escaping on), so text from a pack or a
//! result file is text, never markup. This file gathers the values: every text passes
//! through [`one_line`] (control sequences made visible, white space folded), the wording
//! comes from [`super::summary`], and the radar chart's geometry is computed here and handed
//! over as formatted numbers.

use std::f64::consts::PI;

use askama::Template;

use super::summary::*;
use super::{Renderer, Style};
use crate::result::ResultDocument;
use crate::text::one_line;

/// The gap report as an HTML page.
pub struct HtmlRenderer;

/// Text with its control sequences made visible, escaped for HTML text and attribute values
/// alike. The page itself is escaped by askama; this is for the few bytes of HTML written by
/// hand when a template cannot be rendered.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[derive(Template)]
#[template(path = "report.html")]
struct Page<'a> {
    title: String,
    profile_title: String,
    date: String,
    pack_id: String,
    pack_version: String,
    radar: Radar,
    competencies: Vec<CompetencyRow>,
    carried: Option<String>,
    gaps: Vec<GapItem>,
    /// Each direction's introduction and its notes.
    calibration: Vec<(&'static str, String)>,
    certifications: Vec<CertificationItem>,
    plan_intro: Vec<String>,
    plan: Vec<Horizon<'a>>,
    later: Vec<String>,
    tool_name: String,
    tool_version: String,
}

/// A link, or plain text when the address is not a web address (no `javascript:` links).
struct Link {
    text: String,
    href: Option<String>,
}

impl Link {
    fn new(text: &str, url: &str) -> Self {
        let url = one_line(url);
        let web = url.starts_with("https://") || url.starts_with("http://");
        Link {
            text: one_line(text),
            href: web.then_some(url),
        }
    }
}

struct CompetencyRow {
    title: String,
    score: String,
    /// The least score of the target level.
    target_from: String,
    /// Widths and positions on the 0–100 bar, in percent.
    fill: String,
    target_at: String,
    level: String,
    target_level: String,
    /// "−2", or none when the target is met.
    gap: Option<String>,
}

struct GapItem {
    heading: String,
    score: String,
    reasons: String,
    next: Option<String>,
    steps: Vec<Link>,
}

struct CertificationItem {
    mark: &'static str,
    name: String,
    status: String,
    as_of: String,
    source: Link,
}

struct Horizon<'a> {
    heading: &'a str,
    steps: Vec<PlanStep>,
}

struct PlanStep {
    link: Link,
    kind: String,
    detail: String,
    why: String,
    costs: Option<String>,
}

/// The radar chart's geometry: one axis per competency, a ring per level, the target and
/// achieved polygons. Every field but the labels is a number formatted here.
struct Radar {
    cx: String,
    cy: String,
    rings: Vec<Ring>,
    axes: Vec<Axis>,
    target_points: String,
    achieved_points: String,
}

struct Ring {
    r: String,
    label_x: String,
    label_y: String,
    label: String,
}

struct Axis {
    x: String,
    y: String,
    label_x: String,
    label_y: String,
    anchor: &'static str,
    lines: Vec<LabelLine>,
}

struct LabelLine {
    dy: String,
    text: String,
}

impl Renderer for HtmlRenderer {
    fn render(&self, doc: &ResultDocument, _style: Style) -> String {
        let level_from = |id: &str| {
            doc.levels
                .iter()
                .find(|l| l.id == id)
                .map_or(0.0, |l| l.min_score)
        };
        let competencies = doc
            .competencies
            .iter()
            .map(|c| {
                let target = level_from(&c.target_level);
                CompetencyRow {
                    title: one_line(&c.title),
                    score: format!("{:.0}", c.score),
                    target_from: format!("{target:.0}"),
                    fill: format!("{:.1}", c.score.clamp(0.0, 100.0)),
                    target_at: format!("{:.1}", target.clamp(0.0, 100.0)),
                    level: one_line(&level_text(doc, c)),
                    target_level: one_line(&doc.level_title(&c.target_level)),
                    gap: (c.gap > 0).then(|| one_line(&gap_text(c))),
                }
            })
            .collect();
        let gaps = doc
            .ranked_gaps()
            .into_iter()
            .take(TOP_GAPS)
            .map(|c| GapItem {
                heading: one_line(&gap_heading(doc, c)),
                score: format!("{:.0}", c.score),
                reasons: one_line(&score_reasons(doc, c)),
                next: c.next_level.as_deref().map(one_line),
                steps: steps_for(doc, c, 2)
                    .into_iter()
                    .map(|r| Link::new(&r.title, &r.url))
                    .collect(),
            })
            .collect();
        let certifications = doc
            .eligibility
            .iter()
            .map(|e| CertificationItem {
                mark: eligibility_mark(e),
                name: one_line(&certification_name(e)),
                status: one_line(&eligibility_status(e)),
                as_of: one_line(&e.as_of),
                source: Link::new("source", &e.source),
            })
            .collect();
        let plan = plan_sections(doc)
            .into_iter()
            .map(|(heading, items)| Horizon {
                heading,
                steps: items
                    .into_iter()
                    .map(|(item, r)| PlanStep {
                        link: Link::new(&r.title, &r.url),
                        kind: one_line(&r.kind),
                        detail: one_line(&r.detail),
                        why: one_line(&item.why),
                        costs: effort_and_cost(r).as_deref().map(one_line),
                    })
                    .collect(),
            })
            .collect();
        let page = Page {
            title: format!("{} — gap report", one_line(&doc.pack.title)),
            profile_title: one_line(&doc.profile_title),
            date: one_line(doc.taken_at.get(..10).unwrap_or(&doc.taken_at)),
            pack_id: one_line(&doc.pack.id),
            pack_version: doc.pack.version.to_string(),
            radar: radar(doc),
            competencies,
            carried: carried_note(doc).as_deref().map(one_line),
            gaps,
            calibration: disagreement_groups(doc)
                .into_iter()
                .map(|(intro, notes)| (intro, one_line(&notes.join("; "))))
                .collect(),
            certifications,
            plan_intro: plan_intro(doc).iter().map(|l| one_line(l)).collect(),
            plan,
            later: later_lines(doc).iter().map(|l| one_line(l)).collect(),
            tool_name: one_line(&doc.tool.name),
            tool_version: one_line(&doc.tool.version),
        };
        page_text(&page)
    }
}

/// A filled-in page template as text ending in a line break. askama fails only when a
/// value's Display fails, which ours never do; should it, the page says so instead.
pub(super) fn page_text(page: &impl askama::Template) -> String {
    let mut html = page.render().unwrap_or_else(|e| {
        format!(
            "<!DOCTYPE html><title>skillgap</title><p>The page could not be made: {}</p>",
            esc(&e.to_string())
        )
    });
    if !html.ends_with('\n') {
        html.push('\n');
    }
    html
}

/// The radar chart: one axis per competency, a ring per level, the achieved polygon filled
/// and the target polygon dashed (drawn by the template).
fn radar(doc: &ResultDocument) -> Radar {
    let (cx, cy, radius) = (340.0, 250.0, 165.0);
    let n = doc.competencies.len().max(3);
    let levels = doc.levels.len().max(1) as f64;
    let angle = |i: usize| -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
    let point = |i: usize, r: f64| (cx + r * angle(i).cos(), cy + r * angle(i).sin());
    let ring = |level: usize| radius * (level as f64 + 1.0) / levels;
    let polygon = |pick: &dyn Fn(usize) -> usize| {
        (0..doc.competencies.len())
            .map(|i| {
                let (x, y) = point(i, ring(pick(i)));
                format!("{x:.1},{y:.1}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let rings = doc
        .levels
        .iter()
        .enumerate()
        .map(|(level, l)| Ring {
            r: format!("{:.1}", ring(level)),
            label_x: format!("{:.1}", cx + 3.0),
            label_y: format!("{:.1}", cy - ring(level) + 11.0),
            label: one_line(&l.short_title),
        })
        .collect();
    let axes = doc
        .competencies
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (x, y) = point(i, radius);
            let (lx, ly) = point(i, radius + 16.0);
            let cos = angle(i).cos();
            let anchor = if cos > 0.3 {
                "start"
            } else if cos < -0.3 {
                "end"
            } else {
                "middle"
            };
            let lines = label_lines(&one_line(&c.title), 20);
            // Labels above the centre grow upwards, so their last line sits by the axis.
            let first_dy = if angle(i).sin() < -0.5 {
                -(lines.len() as f64 - 1.0) * 13.0
            } else {
                4.0
            };
            Axis {
                x: format!("{x:.1}"),
                y: format!("{y:.1}"),
                label_x: format!("{lx:.1}"),
                label_y: format!("{ly:.1}"),
                anchor,
                lines: lines
                    .into_iter()
                    .enumerate()
                    .map(|(k, text)| LabelLine {
                        dy: format!("{:.1}", if k == 0 { first_dy } else { 13.0 }),
                        text,
                    })
                    .collect(),
            }
        })
        .collect();
    let level = |id: &str| doc.level_index(id);
    Radar {
        cx: format!("{cx}"),
        cy: format!("{cy}"),
        rings,
        axes,
        target_points: polygon(&|i| level(&doc.competencies[i].target_level)),
        achieved_points: polygon(&|i| level(&doc.competencies[i].level)),
    }
}

/// Splits a label into lines of at most `width` characters at spaces.
fn label_lines(text: &str, width: usize) -> Vec<String> {
    textwrap::wrap(text, width)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_markup_and_shows_control_sequences() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(esc("a\u{1b}[31mb"), "a\\e[31mb");
    }
}
