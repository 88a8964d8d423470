//! Checks that a parsed pack hangs together: unique ids, references that resolve, questions
//! that can be scored, facts that carry sources. Each fault names its file, line and column.

use std::collections::{HashMap, HashSet};

use super::model::*;
use crate::diagnostic::Diagnostic;
use crate::yaml::Spans;

/// A parsed file with what is needed to point into it.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    pub file: String,
    pub spans: Spans,
}

impl<T> Located<T> {
    /// A diagnostic at the node `path` of this file.
    fn problem(
        &self,
        path: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(&self.file, message)
            .at(self.spans.find(path))
            .hint(hint)
    }
}

/// A pack's files after parsing, before validation.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub pack: Located<PackFile>,
    pub competencies: Vec<Located<Competency>>,
    pub recommendations: Option<Located<RecommendationsFile>>,
    pub certifications: Option<Located<CertificationsFile>>,
}

/// Every problem in `parsed`; empty when the pack is sound.
pub fn validate(parsed: &Parsed) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let pack = &parsed.pack;
    let p = &pack.value;
    let mut ids = IdRegistry::default();

    if !is_id(&p.id, true) {
        out.push(pack.problem(
            "id",
            format!("pack id `{}` is not a valid id", p.id),
            ID_HINT,
        ));
    }
    let levels = check_levels(pack, &mut out);
    let competency_ids: HashSet<&str> = parsed
        .competencies
        .iter()
        .map(|c| c.value.id.as_str())
        .collect();

    check_order(parsed, &mut out);
    check_scoring(pack, &levels, &mut out);
    check_profiles(pack, &levels, &competency_ids, &mut out);
    check_facts(pack, &mut ids, &mut out);
    check_fact_advice(pack, &mut out);
    for competency in &parsed.competencies {
        check_competency(competency, &levels, &mut ids, &mut out);
    }
    let certification_ids: HashSet<&str> = parsed
        .certifications
        .iter()
        .flat_map(|c| c.value.certifications.iter().map(|c| c.id.as_str()))
        .collect();
    if let Some(recs) = &parsed.recommendations {
        check_recommendations(
            recs,
            p,
            &levels,
            &competency_ids,
            &certification_ids,
            &mut out,
        );
    }
    if let Some(certs) = &parsed.certifications {
        check_certifications(certs, p, &mut out);
    }
    out
}

const ID_HINT: &str = "ids use lower-case letters, digits and `_` (pack ids may also use `-`), \
                       and start with a letter";

fn is_id(id: &str, allow_dash: bool) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || (allow_dash && c == '-')
        })
}

/// Ids of questions and facts share one namespace: an answers file names them side by side.
#[derive(Default)]
struct IdRegistry {
    seen: HashMap<String, String>,
}

impl IdRegistry {
    fn claim<T>(&mut self, id: &str, at: &Located<T>, path: &str, out: &mut Vec<Diagnostic>) {
        if !is_id(id, false) {
            out.push(at.problem(path, format!("`{id}` is not a valid id"), ID_HINT));
        }
        let place = match at.spans.find(path) {
            Some((line, column)) => format!("{}:{line}:{column}", at.file),
            None => at.file.clone(),
        };
        if let Some(first) = self.seen.get(id) {
            out.push(at.problem(
                path,
                format!("duplicate id `{id}`; it is first used at {first}"),
                "ids of questions and facts must be unique across the pack; rename one",
            ));
        } else {
            self.seen.insert(id.to_string(), place);
        }
    }
}

/// The largest weight or importance a pack may give. Sums and products of them stay far
/// from overflowing, so every score and priority is a finite number a result can store.
pub const MAX_WEIGHT: f64 = 1000.0;

/// A number as a message shows it: `1e308`, not three hundred digits.
fn shown(value: f64) -> String {
    if value != 0.0 && (value.abs() >= 1e15 || value.abs() < 1e-6) {
        format!("{value:e}")
    } else {
        crate::answers::format_number(value)
    }
}

fn finite_positive(value: f64) -> bool {
    value.is_finite() && value > 0.0 && value <= MAX_WEIGHT
}

fn check_levels<'a>(pack: &'a Located<PackFile>, out: &mut Vec<Diagnostic>) -> Vec<&'a str> {
    let levels = &pack.value.levels;
    if levels.len() < 2 {
        out.push(pack.problem(
            "levels",
            "a pack needs at least two levels",
            "add levels, lowest first",
        ));
    }
    let mut seen = HashSet::new();
    let mut previous = None;
    for (i, level) in levels.iter().enumerate() {
        let path = format!("levels[{i}]");
        if !is_id(&level.id, false) {
            out.push(pack.problem(
                &format!("{path}.id"),
                format!("`{}` is not a valid id", level.id),
                ID_HINT,
            ));
        }
        if !seen.insert(level.id.as_str()) {
            out.push(pack.problem(
                &format!("{path}.id"),
                format!("duplicate level id `{}`", level.id),
                "rename one of the levels",
            ));
        }
        if level.description.trim().is_empty() {
            out.push(pack.problem(
                &format!("{path}.description"),
                format!("level `{}` has no description", level.id),
                "describe what a person at this level does",
            ));
        }
        let score = level.min_score;
        let path = format!("{path}.min_score");
        if !score.is_finite() || !(0.0..=100.0).contains(&score) {
            out.push(pack.problem(
                &path,
                format!("min_score {score} is outside 0–100"),
                "use a number from 0 to 100",
            ));
        } else if i == 0 && score != 0.0 {
            out.push(pack.problem(
                &path,
                "the lowest level must start at min_score 0",
                "set min_score: 0 so every score has a level",
            ));
        } else if previous.is_some_and(|p| score <= p) {
            out.push(pack.problem(
                &path,
                format!("min_score {score} is not above the level before it"),
                "list levels lowest first with rising min_score",
            ));
        }
        previous = Some(score);
    }
    levels.iter().map(|l| l.id.as_str()).collect()
}

fn check_scoring(pack: &Located<PackFile>, levels: &[&str], out: &mut Vec<Diagnostic>) {
    let s = &pack.value.scoring;
    let mut number = |field: &str, value: f64, range: std::ops::RangeInclusive<f64>| {
        if !value.is_finite() || !range.contains(&value) {
            out.push(pack.problem(
                &format!("scoring.{field}"),
                format!(
                    "`{field}` is {value}; it must be from {} to {}",
                    range.start(),
                    range.end()
                ),
                "see the scoring section of rubrics/README.md",
            ));
        }
    };
    number("knowledge_points", s.knowledge_points, 0.0..=100.0);
    number("experience_points", s.experience_points, 0.0..=100.0);
    number("self_rating_share", s.self_rating_share, 0.0..=1.0);
    number(
        "self_rating_max_points",
        s.self_rating_max_points,
        0.0..=100.0,
    );
    number("calibration_margin", s.calibration_margin, 1.0..=100.0);
    let sum = s.knowledge_points + s.experience_points;
    if sum.is_finite() && (sum - 100.0).abs() > 1e-9 {
        out.push(pack.problem(
            "scoring",
            format!("knowledge_points and experience_points add up to {sum}, not 100"),
            "split the 100 points of a score between knowledge and experience",
        ));
    }
    for (level, share) in &s.experience_needed {
        let path = format!("scoring.experience_needed.{level}");
        if !levels.contains(&level.as_str()) {
            out.push(pack.problem(
                &path,
                format!("unknown level `{level}`"),
                format!("use one of: {}", levels.join(", ")),
            ));
        }
        if !share.is_finite() || !(0.0..=1.0).contains(share) {
            out.push(pack.problem(
                &path,
                format!("{share} is not a share from 0 to 1"),
                "write the least share of experience the level needs, e.g. 0.5",
            ));
        }
    }
    let run = &pack.value.default_run;
    if run.scenarios_per_competency == 0 {
        out.push(pack.problem(
            "default_run.scenarios_per_competency",
            "the default run must ask at least one scenario per competency",
            "use 1 or more (2 is the default)",
        ));
    }
    if run.max_prompts == 0 {
        out.push(pack.problem(
            "default_run.max_prompts",
            "`max_prompts` must be at least 1",
            "use the most prompts a first run may ask (50 is the default)",
        ));
    }
}

fn check_order(parsed: &Parsed, out: &mut Vec<Diagnostic>) {
    let pack = &parsed.pack;
    let files: HashSet<&str> = parsed
        .competencies
        .iter()
        .map(|c| c.value.id.as_str())
        .collect();
    let mut listed = HashSet::new();
    for (i, id) in pack.value.competencies.iter().enumerate() {
        let path = format!("competencies[{i}]");
        if !listed.insert(id.as_str()) {
            out.push(pack.problem(
                &path,
                format!("competency `{id}` is listed twice"),
                "list each competency once",
            ));
        } else if !files.contains(id.as_str()) {
            out.push(pack.problem(
                &path,
                format!("no file defines competency `{id}`"),
                format!("add competencies/{id}.yaml or remove `{id}` from this list"),
            ));
        }
    }
    let mut defined: HashMap<&str, &Located<Competency>> = HashMap::new();
    for competency in &parsed.competencies {
        let id = competency.value.id.as_str();
        if let Some(first) = defined.insert(id, competency) {
            out.push(competency.problem(
                "id",
                format!("competency `{id}` is also defined in {}", first.file),
                "give each competency its own id",
            ));
        }
        if !listed.contains(id) {
            out.push(competency.problem(
                "id",
                format!("competency `{id}` is not listed in pack.yaml's `competencies`"),
                "add its id to the `competencies` list in pack.yaml",
            ));
        }
    }
}

fn check_profiles(
    pack: &Located<PackFile>,
    levels: &[&str],
    competencies: &HashSet<&str>,
    out: &mut Vec<Diagnostic>,
) {
    if pack.value.profiles.is_empty() {
        out.push(pack.problem(
            "profiles",
            "a pack needs at least one profile",
            "add a target career stage under `profiles`",
        ));
    }
    let mut seen = HashSet::new();
    for (i, profile) in pack.value.profiles.iter().enumerate() {
        let path = format!("profiles[{i}]");
        if !is_id(&profile.id, false) {
            out.push(pack.problem(
                &format!("{path}.id"),
                format!("`{}` is not a valid id", profile.id),
                ID_HINT,
            ));
        }
        if !seen.insert(profile.id.as_str()) {
            out.push(pack.problem(
                &format!("{path}.id"),
                format!("duplicate profile id `{}`", profile.id),
                "rename one of the profiles",
            ));
        }
        for (competency, target) in &profile.targets {
            let at = format!("{path}.targets.{competency}");
            if !competencies.contains(competency.as_str()) {
                out.push(pack.problem(
                    &at,
                    format!(
                        "profile `{}` targets unknown competency `{competency}`",
                        profile.id
                    ),
                    "use a competency id from pack.yaml's `competencies` list",
                ));
            }
            if !levels.contains(&target.level.as_str()) {
                out.push(pack.problem(
                    &format!("{at}.level"),
                    format!("unknown level `{}`", target.level),
                    format!("use one of: {}", levels.join(", ")),
                ));
            }
            if !finite_positive(target.importance) {
                out.push(pack.problem(
                    &format!("{at}.importance"),
                    format!(
                        "importance {} must be a number above 0 and at most {MAX_WEIGHT}",
                        shown(target.importance)
                    ),
                    "use a positive number such as 1, 2 or 3",
                ));
            }
        }
        for competency in &pack.value.competencies {
            if !profile.targets.contains_key(competency) {
                out.push(pack.problem(
                    &format!("{path}.targets"),
                    format!(
                        "profile `{}` has no target for competency `{competency}`",
                        profile.id
                    ),
                    format!("add `{competency}: {{ level: …, importance: … }}` under its targets"),
                ));
            }
        }
    }
}

fn check_options<T>(at: &Located<T>, path: &str, options: &[Choice], out: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    for (i, option) in options.iter().enumerate() {
        let option_path = format!("{path}.options[{i}].id");
        if !is_id(&option.id, false) {
            out.push(at.problem(
                &option_path,
                format!("`{}` is not a valid option id", option.id),
                ID_HINT,
            ));
        }
        if !seen.insert(option.id.as_str()) {
            out.push(at.problem(
                &option_path,
                format!("duplicate option id `{}`", option.id),
                "give each option its own id",
            ));
        }
        if option.text.trim().is_empty() {
            out.push(at.problem(
                &format!("{path}.options[{i}].text"),
                "option text is empty",
                "say what the option means",
            ));
        }
    }
}

fn check_range<T>(
    at: &Located<T>,
    path: &str,
    min: Option<f64>,
    max: Option<f64>,
    out: &mut Vec<Diagnostic>,
) -> Option<(f64, f64)> {
    match (min, max) {
        (Some(min), Some(max)) if min.is_finite() && max.is_finite() && min < max => {
            Some((min, max))
        }
        (Some(_), Some(_)) => {
            out.push(at.problem(
                &format!("{path}.max"),
                "`min` must be a number below `max`",
                "fix the range",
            ));
            None
        }
        _ => {
            out.push(at.problem(
                path,
                "a number needs `min` and `max`",
                "add `min:` and `max:` so answers can be checked",
            ));
            None
        }
    }
}

fn check_facts(pack: &Located<PackFile>, ids: &mut IdRegistry, out: &mut Vec<Diagnostic>) {
    for (i, fact) in pack.value.facts.iter().enumerate() {
        let path = format!("facts[{i}]");
        ids.claim(&fact.id, pack, &format!("{path}.id"), out);
        match fact.kind {
            FactKind::Select | FactKind::List => {
                if fact.options.is_empty() {
                    out.push(pack.problem(
                        &path,
                        format!("fact `{}` has no options", fact.id),
                        "add `options:` with an id and text each",
                    ));
                }
                check_options(pack, &path, &fact.options, out);
                if fact.min.is_some() || fact.max.is_some() || fact.unit.is_some() {
                    out.push(pack.problem(
                        &path,
                        format!(
                            "`min`, `max` and `unit` only apply to number facts, not `{}`",
                            fact.id
                        ),
                        "remove them",
                    ));
                }
            }
            FactKind::Number => {
                check_range(pack, &path, fact.min, fact.max, out);
                if !fact.options.is_empty() {
                    out.push(pack.problem(
                        &format!("{path}.options"),
                        "a number fact has no options",
                        "remove `options`, or make it `kind: select`",
                    ));
                }
            }
            FactKind::YesNo => {
                if !fact.options.is_empty()
                    || fact.min.is_some()
                    || fact.max.is_some()
                    || fact.unit.is_some()
                {
                    out.push(pack.problem(
                        &path,
                        format!(
                            "a yes_no fact has no `options`, `min`, `max` or `unit` (`{}`)",
                            fact.id
                        ),
                        "remove them",
                    ));
                }
            }
        }
        check_conditions(pack, i, fact, out);
    }
}

/// `ask_if` may only look back at facts asked before this one, with a test that fits the
/// earlier fact's kind.
fn check_conditions(
    pack: &Located<PackFile>,
    index: usize,
    fact: &Fact,
    out: &mut Vec<Diagnostic>,
) {
    let earlier = &pack.value.facts[..index];
    for (j, condition) in fact.ask_if.iter().enumerate() {
        let path = format!("facts[{index}].ask_if[{j}]");
        let Some(target) = earlier.iter().find(|f| f.id == condition.fact) else {
            out.push(pack.problem(
                &format!("{path}.fact"),
                format!(
                    "`ask_if` of fact `{}` names `{}`, which is not a fact asked before it",
                    fact.id, condition.fact
                ),
                "name a fact listed earlier in `facts`",
            ));
            continue;
        };
        check_condition_test(pack, &path, condition, target, out);
    }
}

/// One condition's test fits the kind of the fact it reads: `at_least` an option of a
/// select, `min` a number, `is` a yes/no.
fn check_condition_test<T>(
    at: &Located<T>,
    path: &str,
    condition: &FactCondition,
    target: &Fact,
    out: &mut Vec<Diagnostic>,
) {
    let tests = [
        condition.at_least.is_some(),
        condition.min.is_some(),
        condition.below.is_some(),
        condition.is.is_some(),
        condition.has.is_some(),
    ];
    let fits = match target.kind {
        FactKind::Select => condition.at_least.is_some(),
        FactKind::Number => condition
            .min
            .or(condition.below)
            .is_some_and(f64::is_finite),
        FactKind::YesNo => condition.is.is_some(),
        FactKind::List => condition.has.is_some(),
    };
    if tests.iter().filter(|t| **t).count() != 1 || !fits {
        out.push(at.problem(
            path,
            format!(
                "the condition on `{}` needs exactly one test that fits a {} fact",
                condition.fact,
                match target.kind {
                    FactKind::Select => "select",
                    FactKind::Number => "number",
                    FactKind::YesNo => "yes_no",
                    FactKind::List => "list",
                }
            ),
            "use `at_least: <option id>` for select, `min: <number>` or `below: <number>` for \
             number, `is: true|false` for yes_no, `has: <option id>` for list",
        ));
    }
    let option = condition
        .at_least
        .as_ref()
        .filter(|_| target.kind == FactKind::Select)
        .map(|o| ("at_least", o))
        .or_else(|| {
            condition
                .has
                .as_ref()
                .filter(|_| target.kind == FactKind::List)
                .map(|o| ("has", o))
        });
    if let Some((field, least)) = option {
        if !target.options.iter().any(|o| o.id == *least) {
            out.push(at.problem(
                &format!("{path}.{field}"),
                format!("`{least}` is not an option of `{}`", target.id),
                format!(
                    "use one of: {}",
                    target
                        .options
                        .iter()
                        .map(|o| o.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
}

/// Conditions that may read any fact of the pack (a recommendation's `when`, a fact's
/// `accrues.when`).
fn check_any_conditions<T>(
    at: &Located<T>,
    path: &str,
    conditions: &[FactCondition],
    facts: &[Fact],
    out: &mut Vec<Diagnostic>,
) {
    for (j, condition) in conditions.iter().enumerate() {
        let path = format!("{path}[{j}]");
        match facts.iter().find(|f| f.id == condition.fact) {
            Some(target) => check_condition_test(at, &path, condition, target, out),
            None => out.push(at.problem(
                &format!("{path}.fact"),
                format!("unknown fact `{}`", condition.fact),
                format!(
                    "use a fact id of pack.yaml: {}",
                    facts
                        .iter()
                        .map(|f| f.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }
}

/// What facts add for the plan: `accrues` on months facts, `situation` on yes/no facts.
fn check_fact_advice(pack: &Located<PackFile>, out: &mut Vec<Diagnostic>) {
    let facts = &pack.value.facts;
    for (i, fact) in facts.iter().enumerate() {
        let path = format!("facts[{i}]");
        if let Some(accrual) = &fact.accrues {
            if fact.kind != FactKind::Number || fact.unit.as_deref() != Some("months") {
                out.push(pack.problem(
                    &format!("{path}.accrues"),
                    format!(
                        "`accrues` fits only a number fact counted in months, not `{}`",
                        fact.id
                    ),
                    "remove `accrues`, or give the fact `kind: number` and `unit: months`",
                ));
            }
            check_any_conditions(
                pack,
                &format!("{path}.accrues.when"),
                &accrual.when,
                facts,
                out,
            );
            for (field, text) in [
                ("assumes", &accrual.assumes),
                ("otherwise", &accrual.otherwise),
            ] {
                if text.trim().is_empty() {
                    out.push(pack.problem(
                        &format!("{path}.accrues.{field}"),
                        format!("`accrues.{field}` of `{}` is empty", fact.id),
                        "say it in a few words; the report prints it",
                    ));
                }
            }
        }
        if let Some(situation) = &fact.situation {
            if fact.kind != FactKind::YesNo {
                out.push(pack.problem(
                    &format!("{path}.situation"),
                    format!("`situation` fits only a yes_no fact, not `{}`", fact.id),
                    "remove `situation`, or make the fact `kind: yes_no`",
                ));
            }
            for (field, text) in [("yes", &situation.yes), ("no", &situation.no)] {
                if text.trim().is_empty() {
                    out.push(pack.problem(
                        &format!("{path}.situation.{field}"),
                        format!("`situation.{field}` of `{}` is empty", fact.id),
                        "say how the answer reads after \"You\", e.g. `work in healthcare`",
                    ));
                }
            }
        }
    }
}

fn check_competency(
    at: &Located<Competency>,
    levels: &[&str],
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
        check_question(at, &format!("questions[{i}]"), q, ids, out);
    }
}

fn check_question(
    at: &Located<Competency>,
    path: &str,
    q: &Question,
    ids: &mut IdRegistry,
    out: &mut Vec<Diagnostic>,
) {
    ids.claim(&q.id, at, &format!("{path}.id"), out);
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
        }
        QuestionKind::Number => {
            refuse("options", has_options, out);
            let range = check_range(at, path, q.min, q.max, out);
            if q.bands.is_empty() {
                out.push(at.problem(
                    path,
                    format!("number question `{}` has no bands", q.id),
                    "add `bands:` of `{from, score}`, lowest first",
                ));
            }
            let mut previous: Option<f64> = None;
            for (i, band) in q.bands.iter().enumerate() {
                let band_path = format!("{path}.bands[{i}]");
                if !band.score.is_finite() || !(0.0..=1.0).contains(&band.score) {
                    out.push(at.problem(
                        &format!("{band_path}.score"),
                        format!("band score {} is outside 0–1", band.score),
                        "use a fraction from 0 to 1",
                    ));
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

fn check_url<T>(at: &Located<T>, path: &str, url: &str, out: &mut Vec<Diagnostic>) {
    if !(url.starts_with("https://") || url.starts_with("http://"))
        || url.contains(char::is_whitespace)
    {
        out.push(at.problem(
            path,
            format!("`{url}` is not a web address"),
            "use a full https:// address",
        ));
    }
}

/// Certification ids the pack knows: those with rules, and the options of list facts
/// (`certifications_held`), which name credentials such as PgMP that have no rule here.
fn known_credentials<'a>(
    pack: &'a PackFile,
    certifications: &HashSet<&'a str>,
) -> HashSet<&'a str> {
    pack.facts
        .iter()
        .filter(|f| f.kind == FactKind::List)
        .flat_map(|f| f.options.iter().map(|o| o.id.as_str()))
        .chain(certifications.iter().copied())
        .collect()
}

fn check_stages<T>(
    at: &Located<T>,
    path: &str,
    stages: &[String],
    pack: &PackFile,
    out: &mut Vec<Diagnostic>,
) {
    for (k, stage) in stages.iter().enumerate() {
        if !pack.profiles.iter().any(|p| p.id == *stage) {
            out.push(at.problem(
                &format!("{path}[{k}]"),
                format!("unknown profile `{stage}`"),
                format!(
                    "use a profile id of pack.yaml: {}",
                    pack.profiles
                        .iter()
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
}

/// How many `growth` steps a pack with recommendations needs, applicable to anyone, so
/// every plan can reach three steps.
pub const GROWTH_STEPS_NEEDED: usize = 3;

fn check_recommendations(
    at: &Located<RecommendationsFile>,
    pack: &PackFile,
    levels: &[&str],
    competencies: &HashSet<&str>,
    certifications: &HashSet<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let degrees = pack
        .facts
        .iter()
        .find(|f| f.id == "degree" && f.kind == FactKind::Select);
    let credentials = known_credentials(pack, certifications);
    let mut seen = HashSet::new();
    for (i, r) in at.value.recommendations.iter().enumerate() {
        let path = format!("recommendations[{i}]");
        if !is_id(&r.id, false) {
            out.push(at.problem(
                &format!("{path}.id"),
                format!("`{}` is not a valid id", r.id),
                ID_HINT,
            ));
        }
        if !seen.insert(r.id.as_str()) {
            out.push(at.problem(
                &format!("{path}.id"),
                format!("duplicate recommendation id `{}`", r.id),
                "rename one",
            ));
        }
        if r.builds.is_empty() {
            out.push(at.problem(
                &format!("{path}.builds"),
                format!("recommendation `{}` builds no competency", r.id),
                "list the competency ids it helps close",
            ));
        }
        for (j, c) in r.builds.iter().enumerate() {
            if !competencies.contains(c.as_str()) {
                out.push(at.problem(
                    &format!("{path}.builds[{j}]"),
                    format!("unknown competency `{c}`"),
                    "use a competency id from pack.yaml's `competencies` list",
                ));
            }
        }
        if let Some(level) = &r.below {
            if !levels.contains(&level.as_str()) {
                out.push(at.problem(
                    &format!("{path}.below"),
                    format!("unknown level `{level}`"),
                    format!("use one of: {}", levels.join(", ")),
                ));
            }
        }
        if let Some(degree) = &r.degree_below {
            let known = degrees.is_some_and(|d| d.options.iter().any(|o| o.id == *degree));
            if !known {
                out.push(at.problem(
                    &format!("{path}.degree_below"),
                    format!("`{degree}` is not an option of the `degree` fact"),
                    "use an option id of the select fact `degree` in pack.yaml",
                ));
            }
        }
        if let Some(cert) = &r.certification {
            if !credentials.contains(cert.as_str()) {
                out.push(at.problem(
                    &format!("{path}.certification"),
                    format!("unknown certification `{cert}`"),
                    "use an id from certifications.yaml or an option of `certifications_held`",
                ));
            }
        }
        check_any_conditions(at, &format!("{path}.when"), &r.when, &pack.facts, out);
        check_stages(at, &format!("{path}.stages"), &r.stages, pack, out);
        for (fact, amount) in &r.provides {
            let numeric = pack
                .facts
                .iter()
                .any(|f| f.id == *fact && f.kind == FactKind::Number);
            if !numeric || !amount.is_finite() || *amount < 0.0 {
                out.push(at.problem(
                    &format!("{path}.provides.{fact}"),
                    format!("`provides` needs a number fact and an amount of 0 or more (`{fact}`)"),
                    "use the id of a `kind: number` fact in pack.yaml and the value the step reaches",
                ));
            }
        }
        check_url(at, &format!("{path}.url"), &r.url, out);
    }
    let open_to_all = at
        .value
        .recommendations
        .iter()
        .filter(|r| {
            r.growth
                && r.when.is_empty()
                && r.stages.is_empty()
                && r.certification.is_none()
                && r.degree_below.is_none()
        })
        .count();
    if !at.value.recommendations.is_empty() && open_to_all < GROWTH_STEPS_NEEDED {
        out.push(at.problem(
            "recommendations",
            format!(
                "only {open_to_all} `growth: true` step(s) apply to everyone; a plan needs \
                 {GROWTH_STEPS_NEEDED} to fall back on"
            ),
            "mark at least three steps without `when`, `stages`, `certification` or \
             `degree_below` as `growth: true` (mentoring, speaking, writing), so every person \
             gets a plan of three steps",
        ));
    }
}

fn check_certifications(
    at: &Located<CertificationsFile>,
    pack: &PackFile,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen = HashSet::new();
    let degree = pack
        .facts
        .iter()
        .find(|f| f.id == "degree" && f.kind == FactKind::Select);
    let ids: HashSet<&str> = at
        .value
        .certifications
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    let held = known_credentials(pack, &ids);
    for (i, cert) in at.value.certifications.iter().enumerate() {
        let path = format!("certifications[{i}]");
        if !is_id(&cert.id, false) {
            out.push(at.problem(
                &format!("{path}.id"),
                format!("`{}` is not a valid id", cert.id),
                ID_HINT,
            ));
        }
        if !seen.insert(cert.id.as_str()) {
            out.push(at.problem(
                &format!("{path}.id"),
                format!("duplicate certification id `{}`", cert.id),
                "rename one",
            ));
        }
        if cert.routes.is_empty() {
            out.push(at.problem(
                &format!("{path}.routes"),
                format!("certification `{}` has no route to eligibility", cert.id),
                "add a route; an empty route `{}` means no prerequisite",
            ));
        }
        check_url(at, &format!("{path}.source.url"), &cert.source.url, out);
        check_stages(at, &format!("{path}.suits"), &cert.suits, pack, out);
        for (k, other) in cert.superseded_by.iter().enumerate() {
            if !held.contains(other.as_str()) || *other == cert.id {
                out.push(at.problem(
                    &format!("{path}.superseded_by[{k}]"),
                    format!("`{other}` cannot supersede `{}`", cert.id),
                    "name another certification of this file or an option of \
                     `certifications_held`",
                ));
            }
        }
        for (j, route) in cert.routes.iter().enumerate() {
            let route_path = format!("{path}.routes[{j}]");
            if let Some(level) = &route.degree_at_least {
                let known = degree.is_some_and(|d| d.options.iter().any(|o| o.id == *level));
                if !known {
                    out.push(at.problem(
                        &format!("{route_path}.degree_at_least"),
                        format!("`{level}` is not an option of the `degree` fact"),
                        "use an option id of the select fact `degree` in pack.yaml",
                    ));
                }
            }
            for (fact, minimum) in &route.minimums {
                let numeric = pack
                    .facts
                    .iter()
                    .any(|f| f.id == *fact && f.kind == FactKind::Number);
                if !numeric {
                    out.push(at.problem(
                        &format!("{route_path}.minimums.{fact}"),
                        format!("`{fact}` is not a number fact of the pack"),
                        "use the id of a `kind: number` fact in pack.yaml",
                    ));
                }
                if !minimum.is_finite() || *minimum < 0.0 {
                    out.push(at.problem(
                        &format!("{route_path}.minimums.{fact}"),
                        format!("minimum {minimum} must be a number of 0 or more"),
                        "fix the number",
                    ));
                }
            }
            for (k, fact) in route.requires_yes.iter().enumerate() {
                let yes_no = pack
                    .facts
                    .iter()
                    .any(|f| f.id == *fact && f.kind == FactKind::YesNo);
                if !yes_no {
                    out.push(at.problem(
                        &format!("{route_path}.requires_yes[{k}]"),
                        format!("`{fact}` is not a yes_no fact of the pack"),
                        "use the id of a `kind: yes_no` fact in pack.yaml",
                    ));
                }
            }
            for (fact, certs) in &route.waived_by {
                let waivable = route.minimums.contains_key(fact)
                    || (fact == "degree" && route.degree_at_least.is_some());
                if !waivable {
                    out.push(at.problem(
                        &format!("{route_path}.waived_by.{fact}"),
                        format!("`{fact}` has no requirement in this route to waive"),
                        "waive a fact listed under `minimums`, or `degree` when the route has \
                         `degree_at_least`",
                    ));
                }
                for (k, c) in certs.iter().enumerate() {
                    if !held.contains(c.as_str()) {
                        out.push(at.problem(
                            &format!("{route_path}.waived_by.{fact}[{k}]"),
                            format!("unknown certification `{c}`"),
                            "use a certification id the pack knows",
                        ));
                    }
                }
            }
        }
    }
}
