//! `skillgap rubrics list`: what a pack asks, and how long a run takes.

use super::*;

/// A row of an id column and its text, the text wrapped under itself to fit 80 columns.
fn row(id: &str, text: &str) -> String {
    const ID: usize = 26;
    let indent = " ".repeat(ID + 3);
    let wrapped = crate::text::wrap(text, 78 - ID - 3, "");
    let mut lines = wrapped.lines();
    let mut out = format!("  {:<ID$} {}\n", id, lines.next().unwrap_or(""));
    for line in lines {
        out.push_str(&format!("{indent}{line}\n"));
    }
    out
}

pub(super) fn list(pack: &Pack) -> String {
    let mut out = format!(
        "{} (pack {} v{})\n{}\n\nCompetencies\n",
        one_line(&pack.title),
        pack.id,
        pack.version,
        crate::text::wrap(&pack.description, 78, "")
    );
    for c in &pack.competencies {
        out.push_str(&row(
            &c.id,
            &format!("{} ({} questions)", one_line(&c.title), c.questions.len()),
        ));
    }
    out.push_str("\nProfiles (use with --profile)\n");
    for p in &pack.profiles {
        out.push_str(&row(&p.id, &one_line(&p.title)));
    }
    if !pack.certifications.is_empty() {
        out.push_str("\nCertifications\n");
        for c in &pack.certifications {
            out.push_str(&row(
                &c.id,
                &format!("{} — {}", one_line(&c.title), one_line(&c.issuer)),
            ));
        }
    }
    let short =
        crate::selection::questions(pack, &crate::selection::Scope::Default { draw: 0 }, &[]);
    let whole = crate::selection::questions(pack, &crate::selection::Scope::Thorough, &[]);
    let run = &pack.default_run;
    let length = format!(
        "The default run asks {} questions, about {} minutes as a person reads and answers, \
         then follow-up scenarios where the answers point away from the level the rating and \
         experience describe, within {} questions and {} minutes in all; `assess --thorough` \
         asks {}, about {} minutes.",
        crate::selection::prompt_count(pack, &short, true),
        crate::selection::minutes(pack, &short, true),
        run.max_prompts,
        run.max_minutes,
        crate::selection::prompt_count(pack, &whole, true),
        crate::selection::minutes(pack, &whole, true),
    );
    out.push_str(&format!("\n{}\n", crate::text::wrap(&length, 78, "")));
    out
}
