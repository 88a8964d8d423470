//! Checks on recommendations.yaml: references that resolve, and enough growth steps open
//! to everyone for every plan to reach three steps.

use std::collections::HashSet;

use super::certifications::known_credentials;
use super::facts::{check_any_conditions, has_fact, is_degree_option};
use super::pack_file::check_stages;
use super::{check_url, is_id, Located, ID_HINT};
use crate::diagnostic::Diagnostic;
use crate::pack::model::{FactKind, PackFile, RecommendationsFile};

/// How many `growth` steps a pack with recommendations needs, applicable to anyone, so
/// every plan can reach three steps.
pub const GROWTH_STEPS_NEEDED: usize = 3;

pub(super) fn check_recommendations(
    at: &Located<RecommendationsFile>,
    pack: &PackFile,
    levels: &[&str],
    competencies: &HashSet<&str>,
    certifications: &HashSet<&str>,
    out: &mut Vec<Diagnostic>,
) {
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
            if !is_degree_option(pack, degree) {
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
            if !has_fact(pack, fact, FactKind::Number) || !amount.is_finite() || *amount < 0.0 {
                out.push(at.problem(
                    &format!("{path}.provides.{fact}"),
                    format!("`provides` needs a number fact and an amount of 0 or more (`{fact}`)"),
                    "use the id of a `kind: number` fact in pack.yaml and the value the step reaches",
                ));
            }
        }
        check_url(at, &format!("{path}.url"), &r.url, out);
    }
    // A situation that asks for a way in needs steps made for its "no".
    for fact in &pack.facts {
        if !fact.situation.as_ref().is_some_and(|s| s.way_in) || at.value.recommendations.is_empty()
        {
            continue;
        }
        let made_for = at.value.recommendations.iter().any(|r| {
            r.when
                .iter()
                .any(|c| c.fact == fact.id && c.is == Some(false))
        });
        if !made_for {
            out.push(at.problem(
                "recommendations",
                format!(
                    "fact `{}` asks for a way in (`situation.way_in`), but no step is made for \
                     its `no`",
                    fact.id
                ),
                format!(
                    "add a step with `when: [{{ fact: {}, is: false }}]`, or drop `way_in`",
                    fact.id
                ),
            ));
        }
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
