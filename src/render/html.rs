//! One self-contained HTML page: no scripts, no external assets, an SVG radar chart of
//! achieved against target levels, the gap table and the plan; readable when printed.

use std::f64::consts::PI;
use std::fmt::Write as _;

use super::summary::*;
use super::{Renderer, Style};
use crate::result::ResultDocument;
use crate::text::one_line;

/// The gap report as an HTML page.
pub struct HtmlRenderer;

/// Text from the pack, its control sequences made visible, escaped for HTML text and
/// attribute values alike.
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

/// A link, or plain text when the address is not a web address (no `javascript:` links).
fn link(title: &str, url: &str) -> String {
    let url = one_line(url);
    if url.starts_with("https://") || url.starts_with("http://") {
        format!("<a href=\"{}\">{}</a>", esc(&url), esc(title))
    } else {
        esc(title)
    }
}

const CSS: &str = r#"
:root { --ink: #1d2430; --muted: #5b6575; --line: #d9dee7; --accent: #1f6feb; --target: #d1242f; --ok: #1a7f37; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
.meta, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { position: relative; height: .8rem; background: #eef1f5; border-radius: .2rem; min-width: 8rem; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.bar .fill { position: absolute; inset: 0 auto 0 0; background: var(--accent); border-radius: .2rem; }
.bar .target { position: absolute; top: -.2rem; bottom: -.2rem; width: 2px; background: var(--target); }
.gap { color: var(--target); font-weight: 600; }
.met { color: var(--ok); }
figure { margin: 0; text-align: center; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .9rem; }
.legend-achieved { color: var(--accent); font-weight: 600; }
.legend-target { color: var(--target); font-weight: 600; }
ol.gaps > li, ul.plan > li { margin-bottom: .75rem; }
ul.certs { list-style: none; padding: 0; }
ul.certs li::before { content: attr(data-mark) " "; font-weight: 700; }
a { color: var(--accent); }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .8em; color: var(--muted); word-break: break-all; }
  section { break-inside: avoid; }
  .bar { border: 1px solid #999; }
}
"#;

impl Renderer for HtmlRenderer {
    fn render(&self, doc: &ResultDocument, _style: Style) -> String {
        let mut o = String::new();
        let title = format!("{} — gap report", one_line(&doc.pack.title));
        let date = doc.taken_at.get(..10).unwrap_or(&doc.taken_at);
        let _ = write!(
            o,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
             <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n\
             <p class=\"meta\">Target: <strong>{}</strong> · taken {} · pack {} v{}</p>\n</header>\n",
            esc(&title),
            esc(&title),
            esc(&doc.profile_title),
            esc(date),
            esc(&doc.pack.id),
            doc.pack.version
        );

        o.push_str("<section>\n<h2>Where you stand</h2>\n<figure>\n");
        o.push_str(&radar(doc));
        o.push_str(
            "<figcaption><span class=\"legend-achieved\">■ achieved level</span> · \
             <span class=\"legend-target\">– – target level</span></figcaption>\n</figure>\n</section>\n",
        );

        o.push_str("<section>\n<h2>Competencies</h2>\n<table>\n<thead><tr><th>Competency</th><th class=\"num\">Score</th><th>Score vs target</th><th>Level</th><th>Target</th><th class=\"num\">Gap</th></tr></thead>\n<tbody>\n");
        for c in &doc.competencies {
            let target = doc
                .levels
                .iter()
                .find(|l| l.id == c.target_level)
                .map_or(0.0, |l| l.min_score);
            let gap = if c.gap == 0 {
                "<span class=\"met\">met</span>".to_string()
            } else {
                format!("<span class=\"gap\">{}</span>", esc(&gap_text(c)))
            };
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td class=\"num\">{:.0}</td><td><div class=\"bar\" role=\"img\" aria-label=\"score {:.0} of 100, target level from {:.0}\"><div class=\"fill\" style=\"width:{:.1}%\"></div><div class=\"target\" style=\"left:{:.1}%\"></div></div></td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
                esc(&c.title),
                c.score,
                c.score,
                target,
                c.score.clamp(0.0, 100.0),
                target.clamp(0.0, 100.0),
                esc(&doc.level_title(&c.level)),
                esc(&doc.level_title(&c.target_level)),
                gap
            );
        }
        o.push_str("</tbody>\n</table>\n");
        if let Some(note) = carried_note(doc) {
            let _ = writeln!(o, "<p class=\"note\">{}</p>", esc(&note));
        }
        o.push_str("</section>\n");

        o.push_str("<section>\n<h2>Top gaps</h2>\n");
        let gaps = doc.ranked_gaps();
        if gaps.is_empty() {
            o.push_str("<p>Every competency meets the target for this profile.</p>\n");
        } else {
            o.push_str("<ol class=\"gaps\">\n");
            for c in gaps.iter().take(TOP_GAPS) {
                let _ = write!(
                    o,
                    "<li><strong>{}</strong> (score {:.0})<br>Why this score: {}",
                    esc(&gap_heading(doc, c)),
                    c.score,
                    esc(&score_reasons(doc, c))
                );
                if let Some(next) = &c.next_level {
                    let _ = write!(o, "<br>Next level looks like: “{}”", esc(next));
                }
                let steps: Vec<String> = steps_for(doc, c, 2)
                    .iter()
                    .map(|r| link(&r.title, &r.url))
                    .collect();
                if !steps.is_empty() {
                    let _ = write!(o, "<br>Steps: {}", steps.join("; "));
                }
                o.push_str("</li>\n");
            }
            o.push_str("</ol>\n");
        }
        o.push_str("</section>\n");

        let groups = calibration_groups(doc);
        if !groups.is_empty() {
            o.push_str(
                "<section>\n<h2>Where the self-rating and the answers disagree</h2>\n<ul>\n",
            );
            for (direction, notes) in groups {
                let _ = writeln!(
                    o,
                    "<li>{}: {}.</li>",
                    esc(calibration_intro(direction)),
                    esc(&notes.join("; "))
                );
            }
            o.push_str("</ul>\n</section>\n");
        }

        if !doc.eligibility.is_empty() {
            o.push_str("<section>\n<h2>Certifications</h2>\n<ul class=\"certs\">\n");
            for e in &doc.eligibility {
                let mark = eligibility_mark(e);
                let _ = writeln!(
                    o,
                    "<li data-mark=\"{mark}\">{}: {} <span class=\"muted\">(rule as of {}; {})</span></li>",
                    esc(&certification_name(e)),
                    esc(&eligibility_status(e)),
                    esc(&e.as_of),
                    link("source", &e.source)
                );
            }
            o.push_str("</ul>\n<p class=\"muted\">Confirm with the issuer before applying.</p>\n</section>\n");
        }

        let sections = plan_sections(doc);
        let later = later_lines(doc);
        if !sections.is_empty() || !later.is_empty() {
            o.push_str("<section>\n<h2>Plan</h2>\n");
            for intro in plan_intro(doc) {
                let _ = writeln!(o, "<p>{}</p>", esc(&intro));
            }
            for (heading, items) in sections {
                let _ = writeln!(o, "<h3>{heading}</h3>\n<ul class=\"plan\">");
                for (item, r) in items {
                    let _ = write!(
                        o,
                        "<li>{} <span class=\"muted\">[{}]</span><br>{}<br><span class=\"muted\">Why: {}</span>",
                        link(&r.title, &r.url),
                        esc(&r.kind),
                        esc(&r.detail),
                        esc(&item.why)
                    );
                    if let Some(costs) = effort_and_cost(r) {
                        let _ = write!(o, "<br><span class=\"muted\">{}</span>", esc(&costs));
                    }
                    o.push_str("</li>\n");
                }
                o.push_str("</ul>\n");
            }
            if !later.is_empty() {
                o.push_str("<h3>Later: not yet within reach</h3>\n<ul class=\"later\">\n");
                for text in later {
                    let _ = writeln!(o, "<li>{}</li>", esc(&text));
                }
                o.push_str("</ul>\n");
            }
            o.push_str("</section>\n");
        }
        let _ = write!(
            o,
            "<footer>Made with {} {}. Facts carry their sources and as-of dates in the rubric pack.</footer>\n</body>\n</html>\n",
            esc(&doc.tool.name),
            esc(&doc.tool.version)
        );
        o
    }
}

/// The SVG radar chart: one axis per competency, a ring per level, the achieved polygon
/// filled and the target polygon dashed.
fn radar(doc: &ResultDocument) -> String {
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
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 680 500\" width=\"680\" height=\"500\" role=\"img\" aria-label=\"Radar chart of achieved and target levels per competency\">"
    );
    for level in 0..doc.levels.len() {
        let _ = writeln!(
            s,
            "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{:.1}\" fill=\"none\" stroke=\"#d9dee7\"/>",
            ring(level)
        );
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#5b6575\">{}</text>",
            cx + 3.0,
            cy - ring(level) + 11.0,
            esc(&doc.levels[level].short_title)
        );
    }
    for (i, c) in doc.competencies.iter().enumerate() {
        let (x, y) = point(i, radius);
        let _ = writeln!(
            s,
            "<line x1=\"{cx}\" y1=\"{cy}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"#d9dee7\"/>"
        );
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
        let first_dy = if angle(i).sin() < -0.5 {
            -(lines.len() as f64 - 1.0) * 13.0
        } else {
            4.0
        };
        let _ = write!(s, "<text x=\"{lx:.1}\" y=\"{ly:.1}\" font-size=\"12\" text-anchor=\"{anchor}\" fill=\"#1d2430\">");
        for (k, line) in lines.iter().enumerate() {
            let dy = if k == 0 { first_dy } else { 13.0 };
            let _ = write!(
                s,
                "<tspan x=\"{lx:.1}\" dy=\"{dy:.1}\">{}</tspan>",
                esc(line)
            );
        }
        s.push_str("</text>\n");
    }
    let level = |id: &str| doc.level_index(id);
    let _ = writeln!(
        s,
        "<polygon points=\"{}\" fill=\"none\" stroke=\"#d1242f\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
        polygon(&|i| level(&doc.competencies[i].target_level))
    );
    let _ = writeln!(
        s,
        "<polygon points=\"{}\" fill=\"#1f6feb\" fill-opacity=\"0.25\" stroke=\"#1f6feb\" stroke-width=\"2\"/>",
        polygon(&|i| level(&doc.competencies[i].level))
    );
    s.push_str("</svg>\n");
    s
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
