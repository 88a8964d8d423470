//! A report to paste for a mentor: Markdown that renders on GitHub, GitLab and most editors.

use super::summary::*;
use super::{Renderer, Style};
use crate::result::ResultDocument;
use crate::text::one_line;

/// The gap report as Markdown.
pub struct MarkdownRenderer;

/// Text from the pack, with Markdown's special characters escaped so it stays text.
pub fn md(text: &str) -> String {
    let mut out = String::new();
    for c in one_line(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A link target: web addresses only, with characters that would end the link encoded.
pub fn md_url(url: &str) -> Option<String> {
    let url = one_line(url);
    (url.starts_with("https://") || url.starts_with("http://")).then(|| {
        url.replace('(', "%28")
            .replace(')', "%29")
            .replace(' ', "%20")
    })
}

impl Renderer for MarkdownRenderer {
    fn render(&self, doc: &ResultDocument, _style: Style) -> String {
        let mut out = String::new();
        let date = doc.taken_at.get(..10).unwrap_or(&doc.taken_at);
        out.push_str(&format!("# {} — gap report\n\n", md(&doc.pack.title)));
        out.push_str(&format!(
            "**Target:** {} · **Taken:** {date} · pack `{}` v{}\n\n",
            md(&doc.profile_title),
            one_line(&doc.pack.id).replace('`', ""),
            doc.pack.version
        ));

        out.push_str("## Competencies\n\n");
        out.push_str("| Competency | Score | Level | Target | Gap |\n|---|---:|---|---|---:|\n");
        for c in &doc.competencies {
            out.push_str(&format!(
                "| {} | {:.0} | {} | {} | {} |\n",
                md(&c.title),
                c.score,
                md(&level_text(doc, c)),
                md(&doc.level_title(&c.target_level)),
                gap_text(c)
            ));
        }
        out.push('\n');
        if let Some(note) = carried_note(doc) {
            out.push_str(&format!("_{}_\n\n", md(&note)));
        }

        let gaps = doc.ranked_gaps();
        out.push_str("## Top gaps\n\n");
        if gaps.is_empty() {
            out.push_str("Every competency meets the target for this profile.\n\n");
        }
        for (i, c) in gaps.iter().take(TOP_GAPS).enumerate() {
            out.push_str(&format!(
                "{}. **{}** (score {:.0})\n",
                i + 1,
                md(&gap_heading(doc, c)),
                c.score
            ));
            out.push_str(&format!(
                "   - Why this score: {}\n",
                md(&score_reasons(doc, c))
            ));
            if let Some(next) = &c.next_level {
                out.push_str(&format!("   - Next level looks like: “{}”\n", md(next)));
            }
            for r in steps_for(doc, c, 2) {
                out.push_str(&format!("   - Step: {}\n", link(&r.title, &r.url)));
            }
        }
        out.push('\n');

        let groups = disagreement_groups(doc);
        if !groups.is_empty() {
            out.push_str("## Where the self-rating and the evidence disagree\n\n");
            for (intro, notes) in groups {
                out.push_str(&format!("- {}: {}.\n", md(intro), md(&notes.join("; "))));
            }
            out.push('\n');
        }

        if !doc.eligibility.is_empty() {
            out.push_str("## Certifications\n\n");
            for e in &doc.eligibility {
                let mark = eligibility_mark(e);
                out.push_str(&format!(
                    "- {mark} {}: {} (rule as of {})\n",
                    md(&certification_name(e)),
                    md(&eligibility_status(e)),
                    md(&e.as_of)
                ));
            }
            out.push('\n');
        }

        let sections = plan_sections(doc);
        let later = later_lines(doc);
        if !sections.is_empty() || !later.is_empty() {
            out.push_str("## Plan\n\n");
            for intro in plan_intro(doc) {
                out.push_str(&format!("{}\n\n", md(&intro)));
            }
            for (heading, items) in sections {
                out.push_str(&format!("### {heading}\n\n"));
                for (item, r) in items {
                    out.push_str(&format!(
                        "- {} *({})*  \n",
                        link(&r.title, &r.url),
                        md(&r.kind)
                    ));
                    out.push_str(&format!("  {}  \n", md(&r.detail)));
                    out.push_str(&format!("  Why: {}", md(&item.why)));
                    if let Some(costs) = effort_and_cost(r) {
                        out.push_str(&format!("  \n  {}", md(&costs)));
                    }
                    out.push('\n');
                }
                out.push('\n');
            }
            if !later.is_empty() {
                out.push_str("### Later: not yet within reach\n\n");
                for text in later {
                    out.push_str(&format!("- {}\n", md(&text)));
                }
                out.push('\n');
            }
        }
        out.push_str(&format!(
            "---\nMade with {} {} · facts carry their sources and as-of dates in the rubric pack.\n",
            doc.tool.name, doc.tool.version
        ));
        out
    }
}

fn link(title: &str, url: &str) -> String {
    match md_url(url) {
        Some(u) => format!("[{}]({u})", md(title)),
        None => md(title),
    }
}
