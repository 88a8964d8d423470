//! Checks on a competency file: its level statements and questions that can be scored.

use super::facts::check_any_conditions;
use super::{
    check_options, check_range, check_url, finite_positive, is_id, shown, IdRegistry, Located,
    ID_HINT, MAX_WEIGHT,
};
use crate::diagnostic::Diagnostic;
use crate::pack::model::{Competency, Fact, Question, QuestionKind};

pub(super) fn check_competency(
    at: &Located<Competency>,
    levels: &[&str],
    facts: &[Fact],
    ids: &mut IdRegistry,
    out: &mut Vec<Diagnostic>,
) {
    let c = &at.value;
    if !is_id(&c.id, false) {
        out.push(at.problem("id", format!("`{}` is not a valid id", c.id), ID_HINT));
    }
    for level in levels {
        match c.levels.get(*level) {
            Some(text) if !text.trim().is_empty() => {}
            Some(_) => out.push(at.problem(&format!("levels.{level}"), format!("level `{level}` has an empty description"), "describe what a person at this level does")),
            None => out.push(at.problem("levels", format!("competency `{}` does not describe level `{level}`", c.id), format!("add `{level}: …` under `levels`: the rating question shows one statement per level"))),
        }
    }
    for level in c.levels.keys() {
        if !levels.contains(&level.as_str()) {
            out.push(at.problem(
                &format!("levels.{level}"),
                format!("unknown level `{level}`"),
                format!("use the pack's levels: {}", levels.join(", ")),
            ));
        }
    }
    if c.questions.is_empty() {
        out.push(at.problem(
            "questions",
            format!("competency `{}` has no questions", c.id),
            "add at least one question",
        ));
    }
    for (i, q) in c.questions.iter().enumerate() {
        check_question(at, &format!("questions[{i}]"), q, levels, ids, out);
        check_any_conditions(at, &format!("questions[{i}].ask_if"), &q.ask_if, facts, out);
    }
}

fn check_question(
    at: &Located<Competency>,
    path: &str,
    q: &Question,
    levels: &[&str],
    ids: &mut IdRegistry,
    out: &mut Vec<Diagnostic>,
) {
    ids.claim(&q.id, at, &format!("{path}.id"), out);
    let level_named = |field: &str, level: &str, out: &mut Vec<Diagnostic>| {
        if !levels.contains(&level) {
            out.push(at.problem(
                field,
                format!("unknown level `{level}`"),
                format!("use one of: {}", levels.join(", ")),
            ));
        }
    };
    let kind = q.kind.name();
    if !finite_positive(q.weight) {
        out.push(at.problem(
            &format!("{path}.weight"),
            format!(
                "weight {} must be a number above 0 and at most {MAX_WEIGHT}",
                shown(q.weight)
            ),
            "use a positive weight such as 1 or 2, or leave it out for 1",
        ));
    }
    if q.prompt.trim().is_empty() {
        out.push(at.problem(
            &format!("{path}.prompt"),
            "the prompt is empty",
            "write the question",
        ));
    }
    let refuse = |field: &str, present: bool, out: &mut Vec<Diagnostic>| {
        if present {
            out.push(at.problem(
                &format!("{path}.{field}"),
                format!("a `{kind}` question has no `{field}`"),
                format!("remove `{field}` from question `{}`", q.id),
            ));
        }
    };
    let has_options = !q.options.is_empty();
    let has_range = q.min.is_some() || q.max.is_some() || q.unit.is_some();
    match q.kind {
        QuestionKind::Choice | QuestionKind::Multi => {
            refuse("bands", !q.bands.is_empty(), out);
            refuse("min", has_range, out);
            refuse("shows", q.shows.is_some(), out);
            if let Some(field) = &q.field {
                if field.knowledge.trim().is_empty() {
                    out.push(at.problem(
                        &format!("{path}.field.knowledge"),
                        format!("question `{}` names no field knowledge", q.id),
                        "say in one line which rule, standard, method or figure the item needs",
                    ));
                }
            }
            if q.options.len() < 2 {
                out.push(at.problem(
                    path,
                    format!("question `{}` needs at least two options", q.id),
                    "add options, one of them marked `correct: true`",
                ));
            }
            check_options(at, path, &q.options, out);
            let right = q.options.iter().filter(|o| o.correct).count();
            if q.kind == QuestionKind::Choice && right != 1 {
                out.push(at.problem(
                    &format!("{path}.options"),
                    format!(
                        "choice question `{}` has {right} right answers; it needs exactly one",
                        q.id
                    ),
                    "mark exactly one option `correct: true`, or make it `kind: multi`",
                ));
            }
            if q.kind == QuestionKind::Multi && right == 0 {
                out.push(at.problem(
                    &format!("{path}.options"),
                    format!("multi question `{}` has no right answer", q.id),
                    "mark the right options `correct: true`",
                ));
            }
            if q.explanation.as_deref().is_none_or(|e| e.trim().is_empty()) {
                out.push(at.problem(
                    path,
                    format!("question `{}` has no explanation", q.id),
                    "add `explanation:` saying why the right answer is right",
                ));
            }
            if q.source.is_none() {
                out.push(at.problem(
                    path,
                    format!("question `{}` has no source", q.id),
                    "add `source: {title, url, as_of}` for the fact it rests on",
                ));
            }
        }
        QuestionKind::Rating | QuestionKind::YesNo => {
            refuse("options", has_options, out);
            refuse("bands", !q.bands.is_empty(), out);
            refuse("min", has_range, out);
            refuse("field", q.field.is_some(), out);
            refuse("ask_if", !q.ask_if.is_empty(), out);
            if q.kind == QuestionKind::Rating {
                refuse("shows", q.shows.is_some(), out);
            } else {
                match &q.shows {
                    Some(level) => level_named(&format!("{path}.shows"), level, out),
                    None => out.push(at.problem(
                        path,
                        format!("experience statement `{}` does not say what it shows", q.id),
                        "add `shows: <level id>`: the level that having done this shows",
                    )),
                }
            }
        }
        QuestionKind::Number => {
            refuse("options", has_options, out);
            refuse("field", q.field.is_some(), out);
            refuse("ask_if", !q.ask_if.is_empty(), out);
            refuse("shows", q.shows.is_some(), out);
            let range = check_range(at, path, q.min, q.max, out);
            if q.bands.is_empty() {
                out.push(at.problem(
                    path,
                    format!("number question `{}` has no bands", q.id),
                    "add `bands:` of `{from, shows}`, lowest first",
                ));
            }
            let mut previous: Option<f64> = None;
            for (i, band) in q.bands.iter().enumerate() {
                let band_path = format!("{path}.bands[{i}]");
                if let Some(level) = &band.shows {
                    level_named(&format!("{band_path}.shows"), level, out);
                }
                if !band.from.is_finite() || previous.is_some_and(|p| band.from <= p) {
                    out.push(at.problem(
                        &format!("{band_path}.from"),
                        "bands must rise: each `from` above the one before",
                        "list bands lowest first",
                    ));
                }
                if i == 0 {
                    if let Some((min, _)) = range {
                        if band.from > min {
                            out.push(at.problem(&format!("{band_path}.from"), format!("the first band starts at {} but answers may be as low as {min}", band.from), "start the first band at `min`"));
                        }
                    }
                }
                previous = Some(band.from);
            }
        }
    }
    if let Some(source) = &q.source {
        check_url(at, &format!("{path}.source.url"), &source.url, out);
    }
}
