//! `skillgap answers template`: the whole questionnaire as a commented answers file, for people
//! who prefer an editor, and for coaches who hand it out.

use crate::pack::{FactKind, Pack, QuestionKind};
use crate::text::one_line;

const WIDTH: usize = 78;

/// A YAML answers file with every fact and question blank, each with its prompt and allowed
/// values as comments.
pub fn answers_template(pack: &Pack, profile: Option<&str>) -> String {
    let mut out = String::new();
    comment(
        &mut out,
        "",
        &format!(
            "skillgap answers for pack {} v{} ({}).",
            pack.id, pack.version, pack.title
        ),
    );
    comment(
        &mut out,
        "",
        "Fill in the facts, and in each competency the self-rating, the experience statements \
         and at least one scenario: the one marked [opens the run] is what the interactive \
         run asks first. Scenarios marked [bank] are optional; the more you answer, the more \
         they count (your self-rating and experience place your level; scenario answers \
         confirm or question it). Leave blank the ones marked [only if …] unless that is you. \
         Then run: skillgap assess --answers FILE",
    );
    out.push('\n');
    comment(
        &mut out,
        "",
        "Your name, if a coach, educator or PMO lead puts your result beside others' \
         (`skillgap cohort`); leave it blank otherwise.",
    );
    out.push_str("person:\n\n");
    let ids: Vec<&str> = pack.profiles.iter().map(|p| p.id.as_str()).collect();
    comment(
        &mut out,
        "",
        &format!("Target career stage, one of: {}", ids.join(", ")),
    );
    for p in &pack.profiles {
        comment(
            &mut out,
            "",
            &format!("  {}: {}", p.id, one_line(&p.description)),
        );
    }
    // Left blank unless asked for: a person should choose their target, not inherit one.
    match profile {
        Some(p) => out.push_str(&format!("profile: {p}\n\n")),
        None => out.push_str("profile:\n\n"),
    }

    out.push_str("facts:\n");
    for fact in &pack.facts {
        comment(&mut out, "  ", &fact.prompt);
        if let Some(help) = &fact.help {
            comment(&mut out, "  ", help);
        }
        if !fact.ask_if.is_empty() {
            comment(
                &mut out,
                "  ",
                &format!("Only needed {}.", conditions(pack, fact)),
            );
        }
        match fact.kind {
            FactKind::YesNo => {
                comment(&mut out, "  ", "yes or no");
                out.push_str(&format!("  {}:\n", fact.id));
            }
            FactKind::Select => {
                for o in &fact.options {
                    comment(&mut out, "  ", &format!("  {}: {}", o.id, o.text));
                }
                out.push_str(&format!("  {}:\n", fact.id));
            }
            FactKind::List => {
                comment(&mut out, "  ", "A list of any of these, [] for none:");
                for o in &fact.options {
                    comment(&mut out, "  ", &format!("  {}: {}", o.id, o.text));
                }
                out.push_str(&format!("  {}: []\n", fact.id));
            }
            FactKind::Number => {
                comment(
                    &mut out,
                    "  ",
                    &range(fact.min, fact.max, fact.unit.as_deref()),
                );
                out.push_str(&format!("  {}:\n", fact.id));
            }
        }
    }
    out.push_str("\nanswers:\n");
    let default_set =
        crate::selection::questions(pack, &crate::selection::Scope::Default { draw: 0 }, &[]);
    for competency in &pack.competencies {
        out.push_str(&format!("\n  # ── {} ──\n", one_line(&competency.title)));
        for q in &competency.questions {
            let mark = match (q.kind.is_knowledge(), default_set.contains(&q.id)) {
                (true, _) if !q.ask_if.is_empty() => format!(
                    "[only if {}] ",
                    crate::selection::conditions_text(pack, &q.ask_if)
                ),
                (true, true) => "[opens the run] ".to_string(),
                (true, false) => "[bank] ".to_string(),
                (false, _) => String::new(),
            };
            comment(&mut out, "  ", &format!("{mark}{}", q.prompt));
            match q.kind {
                QuestionKind::Rating => {
                    comment(&mut out, "  ", "One of these level ids:");
                    for level in &pack.levels {
                        if let Some(text) = competency.levels.get(&level.id) {
                            comment(&mut out, "  ", &format!("  {}: {}", level.id, text));
                        }
                    }
                }
                QuestionKind::Choice | QuestionKind::Multi => {
                    if q.kind == QuestionKind::Multi {
                        comment(
                            &mut out,
                            "  ",
                            "A list of every option that applies, e.g. [a, c]:",
                        );
                    } else {
                        comment(&mut out, "  ", "One option id:");
                    }
                    for o in &q.options {
                        comment(&mut out, "  ", &format!("  {}: {}", o.id, o.text));
                    }
                }
                QuestionKind::YesNo => comment(&mut out, "  ", "yes or no"),
                QuestionKind::Number => {
                    comment(&mut out, "  ", &range(q.min, q.max, q.unit.as_deref()))
                }
            }
            out.push_str(&format!("  {}:\n", q.id));
        }
    }
    out
}

/// "when degree is bachelor or higher and months_privacy_security is at least 1".
fn conditions(pack: &Pack, fact: &crate::pack::Fact) -> String {
    let parts: Vec<String> = fact
        .ask_if
        .iter()
        .map(|c| {
            let test = if let Some(least) = &c.at_least {
                let last = pack
                    .fact(&c.fact)
                    .and_then(|f| f.options.last())
                    .is_some_and(|o| o.id == *least);
                if last {
                    format!("is {least}")
                } else {
                    format!("is {least} or higher")
                }
            } else if let Some(min) = c.min {
                format!("is at least {}", crate::answers::format_number(min))
            } else if let Some(is) = c.is {
                format!("is {}", if is { "yes" } else { "no" })
            } else {
                String::new()
            };
            format!("{} {test}", c.fact)
        })
        .collect();
    format!("when {}", parts.join(" and "))
}

fn range(min: Option<f64>, max: Option<f64>, unit: Option<&str>) -> String {
    let n = |v: Option<f64>| v.map_or("…".to_string(), crate::answers::format_number);
    format!(
        "A number from {} to {}{}",
        n(min),
        n(max),
        unit.map(|u| format!(" ({u})")).unwrap_or_default()
    )
}

/// Appends `text` as wrapped comment lines, continuation lines indented under the first.
fn comment(out: &mut String, indent: &str, text: &str) {
    let text = one_line(text);
    let lead = text.len() - text.trim_start().len();
    let hanging = format!("{indent}#   {}", " ".repeat(lead));
    // First fit, as a person wraps by hand: the optimal-fit default spends most of the
    // template's time on its 700-odd comments and buys nothing a reader of a comment sees.
    let options = textwrap::Options::new(WIDTH)
        .initial_indent("")
        .subsequent_indent("")
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    let first = format!("{indent}# ");
    let wrapped = textwrap::wrap(&text, options.width(WIDTH - first.len()));
    for (i, line) in wrapped.iter().enumerate() {
        if i == 0 {
            out.push_str(&first);
        } else {
            out.push_str(&hanging);
        }
        out.push_str(line.trim_start());
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_lists_every_question_and_parses_as_blank_answers() {
        let pack = crate::pack::load_embedded().unwrap();
        let text = answers_template(&pack, Some("senior"));
        let (answers, _) = crate::answers::parse("template", &text).unwrap();
        assert_eq!(answers.profile.as_deref(), Some("senior"));
        assert!(answers.answers.is_empty(), "blanks count as unanswered");
        for (_, q) in pack.questions() {
            assert!(
                text.contains(&format!("\n  {}:\n", q.id)),
                "{} missing",
                q.id
            );
        }
        assert!(
            text.lines().all(|l| l.chars().count() <= 80),
            "lines fit 80 columns"
        );
    }
}
