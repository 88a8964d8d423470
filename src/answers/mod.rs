//! Answer files: what a person answered, checked against the pack before anything is scored.
//!
//! The same shape serves `--answers FILE` (YAML or JSON), the interactive session file and the
//! `answers` of the result document, so a run can always be replayed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::pack::{FactKind, Pack, Question, QuestionKind};
use crate::yaml::{self, Spans};

/// An answers file as written.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// Whose answers these are, for a coach's cohort view (`skillgap cohort`); `--person`
    /// overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// The target profile; `--profile` overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// Background facts by fact id.
    #[serde(default)]
    pub facts: BTreeMap<String, Value>,
    /// Answers by question id.
    #[serde(default)]
    pub answers: BTreeMap<String, Value>,
}

// Read by a visitor rather than `#[serde(untagged)]`, which buffers every answer and tries
// each shape in turn: that was a quarter of the time of scoring an answers file. (A plain
// comment, so the schemas' description stays the doc line below.)
/// One answer: a yes/no, a number, an id, or a list of ids.
#[derive(Debug, Clone, PartialEq, schemars::JsonSchema)]
#[schemars(untagged)]
pub enum Value {
    /// Left blank (as in a fresh template); treated as not answered.
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<String>),
}

/// What an answer may be, as messages say when a value has another shape.
const VALUE_SHAPES: &str = "a word, number, yes/no or list of words";

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> serde::de::Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(VALUE_SHAPES)
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, inner: D) -> Result<Value, D::Error> {
        inner.deserialize_any(self)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n as f64))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n as f64))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Value::Number(n))
    }
    fn visit_str<E>(self, text: &str) -> Result<Value, E> {
        Ok(Value::Text(text.to_owned()))
    }
    fn visit_string<E>(self, text: String) -> Result<Value, E> {
        Ok(Value::Text(text))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut words = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(Word(word)) = seq.next_element()? {
            words.push(word);
        }
        Ok(Value::List(words))
    }
}

/// What each item of a list answer must be, as messages say.
const WORD_IN_LIST: &str = "a word (an option id) in the list";

/// One word of a list answer: a string and nothing else, as `Vec<String>` read it before.
struct Word(String);

impl<'de> Deserialize<'de> for Word {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WordVisitor;
        impl serde::de::Visitor<'_> for WordVisitor {
            type Value = Word;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(WORD_IN_LIST)
            }
            fn visit_str<E>(self, text: &str) -> Result<Word, E> {
                Ok(Word(text.to_owned()))
            }
            fn visit_string<E>(self, text: String) -> Result<Word, E> {
                Ok(Word(text))
            }
        }
        deserializer.deserialize_any(WordVisitor)
    }
}

impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_none(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            // Whole numbers print as integers: "36", not "36.0".
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
                serializer.serialize_i64(*n as i64)
            }
            Value::Number(n) => serializer.serialize_f64(*n),
            Value::Text(t) => serializer.serialize_str(t),
            Value::List(l) => l.serialize(serializer),
        }
    }
}

impl Value {
    /// The value as a number, if it is one.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The value as an id, if it is one.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The value as a list of ids (a single id counts as a list of one).
    pub fn as_list(&self) -> Vec<&str> {
        match self {
            Value::List(l) => l.iter().map(String::as_str).collect(),
            Value::Text(t) => vec![t.as_str()],
            _ => Vec::new(),
        }
    }

    /// The value as yes/no; `yes`/`no` text counts (YAML 1.2 reads them as strings).
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            Value::Text(t) if t.eq_ignore_ascii_case("yes") => Some(true),
            Value::Text(t) if t.eq_ignore_ascii_case("no") => Some(false),
            _ => None,
        }
    }

    /// How the value reads in a sentence.
    pub fn display(&self) -> String {
        match self {
            Value::Null => "nothing".into(),
            Value::Bool(true) => "yes".into(),
            Value::Bool(false) => "no".into(),
            Value::Number(n) => format_number(*n),
            Value::Text(t) => t.clone(),
            Value::List(l) if l.is_empty() => "none".into(),
            Value::List(l) => l.join(", "),
        }
    }
}

/// `unit` as it reads after the number `n`: singular for exactly one ("1 month", "36
/// months"). Packs write units in the plural; one that does not end in `s` stays as it is.
///
/// ```
/// assert_eq!(skillgap::answers::unit_after(1.0, "months"), "month");
/// assert_eq!(skillgap::answers::unit_after(2.5, "hours"), "hours");
/// ```
pub fn unit_after(n: f64, unit: &str) -> &str {
    if n == 1.0 {
        unit.strip_suffix('s').unwrap_or(unit)
    } else {
        unit
    }
}

/// A number without a needless ".0".
///
/// ```
/// assert_eq!(skillgap::answers::format_number(36.0), "36");
/// assert_eq!(skillgap::answers::format_number(2.5), "2.5");
/// ```
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Parses an answers file named `file` in messages: JSON (with serde_json) when the name
/// ends in `.json`, or, when the name does not say (stdin, `answers.txt`), when the text
/// starts with `{`; YAML (with serde_yaml) otherwise. Blank values (`key:` with nothing after
/// it) count as not answered.
pub fn parse(file: &str, source: &str) -> Result<(Answers, Spans), Vec<Diagnostic>> {
    let parsed = if is_json(file, source) {
        crate::json::parse::<Answers>(file, source)
    } else {
        yaml::parse::<Answers>(file, source)
    };
    let (mut answers, spans) = parsed.map_err(|d| {
        // serde's words: "invalid type: map, expected a word, number, yes/no or list of words".
        let wrong_shape = d.message.contains(VALUE_SHAPES) || d.message.contains(WORD_IN_LIST);
        // The reader's hint says how to mend a syntax fault or a repeated key; its words on
        // fields are for rubric files.
        let hint = if wrong_shape {
            "an answer is a word (an option id), a number, yes/no, or a list such as [a, c]"
        } else if d.message.contains("unknown field") || d.message.contains("missing field") {
            "see `skillgap answers template` for the shape of an answers file"
        } else {
            &d.hint
        };
        let message = match d.message.split_once("invalid type: ") {
            Some((path, rest)) if wrong_shape => {
                let (found, expected) = rest
                    .split_once(", expected ")
                    .unwrap_or((rest, VALUE_SHAPES));
                let what = if expected == WORD_IN_LIST {
                    "this"
                } else {
                    "this answer"
                };
                // serde names a shape bare ("map") and a value with its text ("integer `3`").
                let article = if found.contains(['`', '"']) { "" } else { "a " };
                format!("{path}{what} should be {expected}, not {article}{found}")
            }
            _ => d.message.clone(),
        };
        let hint = hint.to_string();
        vec![Diagnostic { message, ..d }.hint(hint)]
    })?;
    answers.facts.retain(|_, v| *v != Value::Null);
    answers.answers.retain(|_, v| *v != Value::Null);
    Ok((answers, spans))
}

/// Whether the answers file `file` is JSON: by its name, or by its first character when the
/// name says neither JSON nor YAML.
fn is_json(file: &str, source: &str) -> bool {
    let name = file.to_ascii_lowercase();
    if name.ends_with(".json") {
        return true;
    }
    let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
    !yaml
        && source
            .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
            .starts_with('{')
}

/// How strictly [`check`] treats unanswered questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completeness<'a> {
    /// Scoring a whole assessment: every fact that applies; in each competency the
    /// self-rating, every experience question and at least the default run's number of
    /// opening scenarios (a default run or the whole bank both score); no scenario whose
    /// `ask_if` the facts do not meet.
    Required,
    /// Retaking some competencies: those competencies as in `Required`, no facts (they come
    /// from the latest result).
    Competencies(&'a [String]),
    /// Anything may be missing (a session in progress, eligibility from a few facts).
    Partial,
}

/// Checks `answers` against `pack`: every id known, every value allowed; with
/// [`Completeness::Required`] nothing missing. Normalises `yes`/`no` text to booleans.
pub fn check(
    pack: &Pack,
    answers: &mut Answers,
    file: &str,
    spans: &Spans,
    completeness: Completeness<'_>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let at = |path: &str| spans.find(path);
    if let Some(profile) = &answers.profile {
        if pack.profile(profile).is_none() {
            out.push(unknown_profile(pack, profile, file).at(at("profile")));
        }
    }
    for (id, value) in answers.facts.iter_mut() {
        // Written out only for a message: most answers have none.
        let path = || format!("facts.{id}");
        match pack.fact(id) {
            None => out.push(
                Diagnostic::new(file, format!("unknown fact `{id}`"))
                    .at(at(&path()))
                    .hint(format!(
                        "facts this pack asks: {}",
                        join_ids(pack.facts.iter().map(|f| &f.id))
                    )),
            ),
            Some(fact) => {
                let problem = match fact.kind {
                    FactKind::Number => {
                        check_number(value, fact.min, fact.max, fact.unit.as_deref())
                    }
                    FactKind::Select => check_one_of(value, fact.options.iter().map(|o| &o.id)),
                    FactKind::List => check_some_of(value, fact.options.iter().map(|o| &o.id)),
                    FactKind::YesNo => check_yes_no(value),
                };
                if let Some((message, hint)) = problem {
                    out.push(
                        Diagnostic::new(file, format!("fact `{id}`: {message}"))
                            .at(at(&path()))
                            .hint(hint),
                    );
                }
            }
        }
    }
    out.extend(crate::eligibility::part_problems(
        pack,
        &answers.facts,
        file,
        &at,
    ));
    for (id, value) in answers.answers.iter_mut() {
        let path = || format!("answers.{id}");
        match pack.question(id) {
            None => out.push(
                Diagnostic::new(file, format!("unknown question `{id}`"))
                    .at(at(&path()))
                    .hint(
                        "check the spelling; `skillgap answers template` lists every question id",
                    ),
            ),
            Some((competency, question)) => {
                let levels = || competency.levels.keys().filter(|_| true);
                let problem = match question.kind {
                    QuestionKind::Rating => check_one_of(
                        value,
                        pack.levels
                            .iter()
                            .map(|l| &l.id)
                            .filter(|l| levels().any(|k| k == *l)),
                    ),
                    QuestionKind::Choice => {
                        check_one_of(value, question.options.iter().map(|o| &o.id))
                    }
                    QuestionKind::Multi => {
                        check_some_of(value, question.options.iter().map(|o| &o.id))
                    }
                    QuestionKind::YesNo => check_yes_no(value),
                    QuestionKind::Number => {
                        check_number(value, question.min, question.max, question.unit.as_deref())
                    }
                };
                if let Some((message, hint)) = problem {
                    out.push(
                        Diagnostic::new(file, format!("question `{id}`: {message}"))
                            .at(at(&path()))
                            .hint(hint),
                    );
                }
            }
        }
    }
    if completeness == Completeness::Required {
        let missing_facts: Vec<&str> = pack
            .facts
            .iter()
            .filter(|f| f.kind != FactKind::List && !answers.facts.contains_key(f.id.as_str()))
            .filter(|f| pack.fact_applies(f, &answers.facts))
            .map(|f| f.id.as_str())
            .collect();
        if !missing_facts.is_empty() {
            out.push(missing(file, "fact", &missing_facts, at("facts")));
        }
    }
    let competencies: &[String] = match completeness {
        Completeness::Required => &[],
        Completeness::Competencies(ids) => ids,
        Completeness::Partial => return out,
    };
    let scenarios_needed = pack.default_run.openers_per_competency.max(1);
    let mut missing_questions: Vec<&str> = Vec::new();
    for competency in pack
        .competencies
        .iter()
        .filter(|c| competencies.is_empty() || competencies.contains(&c.id))
    {
        missing_questions.extend(
            competency
                .questions
                .iter()
                .filter(|q| !q.kind.is_knowledge() && !answers.answers.contains_key(q.id.as_str()))
                .map(|q| q.id.as_str()),
        );
        // Scenarios: the default set or the whole bank; any `scenarios_needed` of them score.
        // One asked only under a condition on the facts (a credential's renewal rules) counts
        // only where it applies, and is an error where it does not.
        let mut bank: Vec<&str> = Vec::new();
        for q in competency
            .questions
            .iter()
            .filter(|q| q.kind.is_knowledge())
        {
            let applies = pack.conditions_hold(&q.ask_if, &answers.facts);
            if applies {
                bank.push(q.id.as_str());
            } else if completeness == Completeness::Required
                && answers.answers.contains_key(q.id.as_str())
            {
                out.push(
                    Diagnostic::new(
                        file,
                        format!(
                            "question `{}` is asked only when {}, which these facts do not show",
                            q.id,
                            crate::selection::conditions_text(pack, &q.ask_if)
                        ),
                    )
                    .at(at(&format!("answers.{}", q.id)))
                    .hint("leave it blank, or correct the facts if they are wrong"),
                );
            }
        }
        let answered = bank
            .iter()
            .filter(|id| answers.answers.contains_key(**id))
            .count();
        let needed = scenarios_needed.min(bank.len());
        if answered < needed {
            let unanswered: Vec<&str> = bank
                .iter()
                .filter(|id| !answers.answers.contains_key(**id))
                .copied()
                .collect();
            out.push(
                Diagnostic::new(
                    file,
                    format!(
                        "competency `{}`: {answered} scenario{} answered; it needs at least {needed}",
                        competency.id,
                        if answered == 1 { "" } else { "s" }
                    ),
                )
                .at(at("answers"))
                .hint(format!(
                    "answer at least {needed} of: {}",
                    unanswered.join(", ")
                )),
            );
        }
    }
    if !missing_questions.is_empty() {
        out.push(missing(file, "question", &missing_questions, at("answers")));
    }
    out
}

/// The error for a profile id the pack does not have.
pub fn unknown_profile(pack: &Pack, profile: &str, file: &str) -> Diagnostic {
    Diagnostic::new(file, format!("unknown profile `{profile}`")).hint(format!(
        "choose one of: {}",
        join_ids(pack.profiles.iter().map(|p| &p.id))
    ))
}

fn missing(file: &str, what: &str, ids: &[&str], position: Option<(usize, usize)>) -> Diagnostic {
    let shown: Vec<&str> = ids.iter().take(8).copied().collect();
    let more = if ids.len() > shown.len() {
        format!(" and {} more", ids.len() - shown.len())
    } else {
        String::new()
    };
    let plural = if ids.len() == 1 { "" } else { "s" };
    Diagnostic::new(
        file,
        format!(
            "{} {what}{plural} not answered: {}{more}",
            ids.len(),
            shown.join(", ")
        ),
    )
    .at(position)
    .hint("answer every question; `skillgap answers template` prints a file with all of them")
}

fn join_ids<'a, S: AsRef<str> + ?Sized + 'a>(ids: impl Iterator<Item = &'a S>) -> String {
    ids.map(AsRef::as_ref).collect::<Vec<_>>().join(", ")
}

type Problem = Option<(String, String)>;

fn check_one_of<'a>(value: &Value, allowed: impl Iterator<Item = &'a String>) -> Problem {
    let allowed: Vec<&str> = allowed.map(String::as_str).collect();
    match value {
        Value::Text(t) if allowed.contains(&t.as_str()) => None,
        other => Some((
            format!("`{}` is not one of the options", other.display()),
            format!("use one of: {}", join_ids(allowed.into_iter())),
        )),
    }
}

fn check_some_of<'a>(value: &Value, allowed: impl Iterator<Item = &'a String>) -> Problem {
    let allowed: Vec<&str> = allowed.map(String::as_str).collect();
    let Value::List(picked) = value else {
        return Some((
            format!("`{}` is not a list", value.display()),
            format!(
                "write a list such as [{}] (or [] for none)",
                allowed.first().copied().unwrap_or("a")
            ),
        ));
    };
    let unknown: Vec<&String> = picked
        .iter()
        .filter(|p| !allowed.contains(&p.as_str()))
        .collect();
    if !unknown.is_empty() {
        return Some((
            format!("{} not among the options", join_ids(unknown.into_iter())),
            format!("use ids from: {}", join_ids(allowed.into_iter())),
        ));
    }
    let mut sorted = picked.clone();
    sorted.sort();
    sorted.dedup();
    if sorted.len() != picked.len() {
        return Some((
            "an option is listed twice".into(),
            "list each option once".into(),
        ));
    }
    None
}

fn check_yes_no(value: &Value) -> Problem {
    match value.as_bool() {
        Some(_) => None,
        None => Some((
            format!("`{}` is not yes or no", value.display()),
            "answer `yes` or `no` (or true / false)".into(),
        )),
    }
}

fn check_number(value: &Value, min: Option<f64>, max: Option<f64>, unit: Option<&str>) -> Problem {
    // The range is worded only for a message.
    let give = || {
        let unit = unit.map(|u| format!(" {u}")).unwrap_or_default();
        format!(
            "give a number from {} to {}{unit}",
            format_number(min.unwrap_or(0.0)),
            max.map_or("any".to_string(), format_number)
        )
    };
    let Some(n) = value.as_number() else {
        return Some((format!("`{}` is not a number", value.display()), give()));
    };
    let below = min.is_some_and(|m| n < m);
    let above = max.is_some_and(|m| n > m);
    if !n.is_finite() || below || above {
        return Some((format!("{} is out of range", format_number(n)), give()));
    }
    None
}

/// Sets `yes`/`no` text to booleans and multi picks in option order, so documents show the
/// same answer the same way.
pub fn normalise(pack: &Pack, answers: &mut Answers) {
    for (id, value) in answers.facts.iter_mut() {
        if pack.fact(id).is_some_and(|f| f.kind == FactKind::YesNo) {
            if let Some(b) = value.as_bool() {
                *value = Value::Bool(b);
            }
        }
    }
    for (id, value) in answers.answers.iter_mut() {
        match pack.question(id) {
            Some((
                _,
                Question {
                    kind: QuestionKind::YesNo,
                    ..
                },
            )) => {
                if let Some(b) = value.as_bool() {
                    *value = Value::Bool(b);
                }
            }
            // Picks in option order: `[c, a]` and `[a, c]` are the same answer.
            Some((
                _,
                Question {
                    kind: QuestionKind::Multi,
                    options,
                    ..
                },
            )) => {
                if let Value::List(picked) = value {
                    picked.sort_by_key(|id| options.iter().position(|o| o.id == *id));
                }
            }
            _ => {}
        }
    }
}
