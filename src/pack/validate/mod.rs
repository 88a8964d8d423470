//! Checks that a parsed pack hangs together: unique ids, references that resolve, questions
//! that can be scored, facts that carry sources. Each fault names its file, line and column.
//!
//! The checks by what they check: `pack_file` (pack.yaml's id, levels, scoring, competency
//! list and profiles), `facts` (facts and the conditions that read them), `questions`
//! (competencies and their questions), `recommendations`, `certifications`. The helpers
//! they share are here.

mod certifications;
mod facts;
mod pack_file;
mod questions;
mod recommendations;

use std::collections::{HashMap, HashSet};

use super::model::*;
use crate::diagnostic::Diagnostic;
use crate::yaml::Spans;
use certifications::check_certifications;
use facts::{check_fact_advice, check_facts};
use pack_file::{check_levels, check_order, check_profiles, check_scoring};
use questions::check_competency;
use recommendations::check_recommendations;

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
        check_competency(competency, &levels, &p.facts, &mut ids, &mut out);
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
