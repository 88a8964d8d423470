//! What applies to this person: the situation the plan assumes, and whether a step fits
//! their situation, degree, stage and the credentials they hold.

use std::collections::BTreeMap;

use super::Planner;
use crate::answers::Value;
use crate::eligibility;
use crate::pack::{Pack, Profile, Recommendation, RecommendationKind};

/// The line saying which situation the plan assumed, from the `situation` texts of the
/// pack's yes/no facts whose `when` holds: "You work in healthcare, are on a project now
/// and lead it."
pub fn situation(pack: &Pack, facts: &BTreeMap<String, Value>) -> Option<String> {
    let parts: Vec<&str> = pack
        .facts
        .iter()
        .filter_map(|f| {
            let text = f.situation.as_ref()?;
            if !pack.conditions_hold(&text.when, facts) {
                return None;
            }
            let yes = facts
                .get(f.id.as_str())
                .and_then(Value::as_bool)
                .unwrap_or(false);
            Some(if yes {
                text.yes.as_str()
            } else {
                text.no.as_str()
            })
        })
        .map(str::trim)
        .collect();
    let said = match parts.as_slice() {
        [] => return None,
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    Some(crate::text::one_line(&format!("You {said}.")))
}

impl Planner<'_, '_> {
    /// Whether the step fits the person at all: situation, degree, stage, credentials held
    /// or outranked, and something left for it to provide.
    pub(super) fn fits(&self, r: &Recommendation, stage: &Profile) -> bool {
        let pack = self.pack;
        let facts = self.person.facts;
        let below_degree = r
            .degree_below
            .as_deref()
            .and_then(|d| eligibility::degree_rank(pack, d))
            .is_none_or(|limit| self.degree < limit);
        let stage_fits = r.stages.is_empty() || r.stages.contains(&stage.id);
        let credential_open = r.certification.as_deref().is_none_or(|c| {
            !self.held.contains(&c) && self.row(c).is_none_or(|e| e.superseded_by.is_none())
        });
        below_degree
            && stage_fits
            && credential_open
            && adds(r, facts)
            && pack.conditions_hold(&r.when, facts)
    }

    /// A certification step that suits `stage`: its certification lists the stage in
    /// `suits`.
    pub(super) fn suits(&self, r: &Recommendation, stage: &Profile) -> bool {
        r.kind == RecommendationKind::Certification
            && self
                .rule_cert(r)
                .and_then(|c| self.pack.certification(c))
                .is_some_and(|c| c.suits.contains(&stage.id))
    }

    /// Whether the certification `cert` lists `stage` in `suits`.
    pub(super) fn suits_id(&self, cert: &str, stage: &Profile) -> bool {
        self.pack
            .certification(cert)
            .is_some_and(|c| c.suits.contains(&stage.id))
    }

    /// The certification with an eligibility rule that a certification step leads to.
    pub(super) fn rule_cert<'r>(&self, r: &'r Recommendation) -> Option<&'r str> {
        (r.kind == RecommendationKind::Certification)
            .then_some(r.certification.as_deref())
            .flatten()
            .filter(|c| self.pack.certification(c).is_some())
    }
}

/// Whether `r` still adds something for someone with `facts`: it provides nothing, or more
/// of some fact than they have (no second course for hours already covered).
pub(super) fn adds(r: &Recommendation, facts: &BTreeMap<String, Value>) -> bool {
    r.provides.is_empty()
        || r.provides.iter().any(|(f, v)| {
            facts
                .get(f.as_str())
                .and_then(Value::as_number)
                .unwrap_or(0.0)
                < *v
        })
}
