//! Choosing the steps of each horizon: at most a few per horizon, a mix of kinds, one exam
//! and one course each, and a certification only where it is reachable by then.

use super::candidates::{join_sentences, sort_steps};
use super::fits::adds;
use super::reach::apply;
use super::{Planner, Step, CERTS_PER_HORIZON, COURSES_PER_HORIZON, HORIZONS, STEPS_PER_HORIZON};
use crate::eligibility::{self, cert_name};
use crate::pack::{Horizon, RecommendationKind};

impl<'p> Planner<'p, '_> {
    /// Places steps from `pool` horizon by horizon, up to [`STEPS_PER_HORIZON`] each and
    /// until the plan holds `until` steps; a certification goes to the first horizon (at or
    /// after its own) where it is reachable.
    pub(super) fn place(&mut self, pool: Vec<Step<'p>>, until: usize) {
        let pack = self.pack;
        let mut pool: Vec<Step<'p>> = pool
            .into_iter()
            .filter(|s| !self.placed.iter().any(|p| p.is(s.recommendation)))
            .collect();
        for horizon in HORIZONS {
            if self.count() >= until {
                return;
            }
            let facts = self.facts_before(horizon);
            let reachable = |cert: &str| {
                pack.certification(cert)
                    .is_some_and(|c| eligibility::is_eligible(pack, c, &facts))
            };
            let free = STEPS_PER_HORIZON
                .saturating_sub(self.placed.iter().filter(|s| s.horizon == horizon).count());
            // What may go here: steps of this horizon, and certifications of this or an
            // earlier one that are reachable by now.
            let mut here: Vec<Step<'p>> = Vec::new();
            for step in &pool {
                let r = step.recommendation;
                // Certifications, and courses that lead to them, may wait for a later
                // horizon; other steps keep the one the pack gives them.
                let fits = match self.rule_cert(r) {
                    Some(cert) => r.horizon <= horizon && reachable(cert),
                    None if !r.provides.is_empty() => r.horizon <= horizon,
                    None => r.horizon == horizon,
                };
                // Conditions and what a course adds are judged on the facts as the plan
                // expects them by then (no second course for hours already covered).
                if !fits || !adds(r, &facts) || !pack.conditions_hold(&r.when, &facts) {
                    continue;
                }
                let mut step = step.clone();
                step.horizon = horizon;
                if let Some(cert) = self.rule_cert(r) {
                    if !self.row(cert).is_some_and(|e| e.eligible) {
                        // Reachable thanks to earlier steps; first among the rest when it
                        // builds one of the person's gaps or suits the stage.
                        if !step.addresses.is_empty() || step.suits {
                            step.tier = step.tier.min(1);
                        }
                        step.why = join_sentences(&self.reached_how(cert), &step.why);
                    }
                }
                here.push(step);
            }
            // Steps that make a certification of the pool reachable in a later horizon.
            let waiting: Vec<(&str, bool)> = if horizon == Horizon::Months12 {
                Vec::new()
            } else {
                pool.iter()
                    .filter_map(|s| {
                        self.rule_cert(s.recommendation)
                            .map(|c| (c, !s.addresses.is_empty() || s.suits))
                    })
                    .filter(|(c, _)| !reachable(c))
                    .collect()
            };
            for step in &mut here {
                // A step that adds no fact and no certification leaves every waiting one as
                // out of reach as it was.
                if step.recommendation.provides.is_empty()
                    && self.rule_cert(step.recommendation).is_none()
                {
                    continue;
                }
                let mut after = facts.clone();
                apply(
                    step.recommendation,
                    self.rule_cert(step.recommendation),
                    &mut after,
                );
                let unlocks: Vec<(&str, bool)> = waiting
                    .iter()
                    .copied()
                    .filter(|(c, _)| {
                        Some(*c) != self.rule_cert(step.recommendation)
                            && pack
                                .certification(c)
                                .is_some_and(|cert| eligibility::is_eligible(pack, cert, &after))
                    })
                    .collect();
                if let Some((cert, _)) = unlocks.first() {
                    // First among the rest when what it unlocks builds one of the gaps or
                    // suits the stage.
                    if unlocks.iter().any(|(_, builds)| *builds) {
                        step.tier = step.tier.min(1);
                    }
                    let needs = pack
                        .certification(cert)
                        .map(|c| eligibility::evaluate(pack, c, &facts))
                        .map(|e| e.missing_texts().join(", "))
                        .unwrap_or_default();
                    step.why = join_sentences(
                        &format!("Covers what {} still needs: {needs}", cert_name(pack, cert)),
                        &step.why,
                    );
                }
            }
            sort_steps(&mut here);
            // A credential outranked by another placed here or earlier is left out.
            let mut chosen: Vec<Step<'p>> = Vec::new();
            let limit = free.min(until.saturating_sub(self.count()));
            let outranked = |step: &Step<'p>, chosen: &[Step<'p>], placed: &[Step<'p>]| {
                self.rule_cert(step.recommendation)
                    .and_then(|c| pack.certification(c))
                    .is_some_and(|c| {
                        c.superseded_by.iter().any(|x| {
                            chosen
                                .iter()
                                .chain(placed.iter())
                                .any(|s| self.rule_cert(s.recommendation) == Some(x.as_str()))
                        })
                    })
            };
            // First the priority tiers, then one of each kind, then the best of the rest.
            let mut kinds: Vec<RecommendationKind> = Vec::new();
            for pass in 0..3 {
                for step in &here {
                    if chosen.len() >= limit {
                        break;
                    }
                    let taken = chosen.iter().any(|c| c.is(step.recommendation));
                    let wanted = match pass {
                        0 => step.tier < 2,
                        1 => !kinds.contains(&step.recommendation.kind),
                        _ => true,
                    };
                    let exams = chosen
                        .iter()
                        .chain(self.placed.iter().filter(|s| s.horizon == horizon))
                        .filter(|s| s.recommendation.kind == RecommendationKind::Certification)
                        .count();
                    let room_for_exam = step.recommendation.kind
                        != RecommendationKind::Certification
                        || exams < CERTS_PER_HORIZON;
                    let courses = chosen
                        .iter()
                        .chain(self.placed.iter().filter(|s| s.horizon == horizon))
                        .filter(|s| !s.recommendation.provides.is_empty())
                        .count();
                    let room_for_course =
                        step.recommendation.provides.is_empty() || courses < COURSES_PER_HORIZON;
                    if !taken
                        && wanted
                        && room_for_exam
                        && room_for_course
                        && !outranked(step, &chosen, &self.placed)
                    {
                        // Priority steps come on top of the mix of kinds.
                        if pass > 0 {
                            kinds.push(step.recommendation.kind);
                        }
                        chosen.push(step.clone());
                    }
                }
            }
            pool.retain(|s| !chosen.iter().any(|c| c.is(s.recommendation)));
            self.placed.extend(chosen);
        }
    }
}

impl Planner<'_, '_> {
    /// How a certification not open now comes within reach by its horizon: what the steps
    /// before it cover, and which months accrue at the person's pace (and on what
    /// assumption).
    fn reached_how(&self, cert: &str) -> String {
        let pack = self.pack;
        let Some(row) = self.row(cert) else {
            return String::new();
        };
        let mut covered = Vec::new();
        let mut accrued = Vec::new();
        let mut assumes = Vec::new();
        for m in &row.missing {
            let accrual = m
                .fact
                .as_deref()
                .and_then(|f| pack.fact(f))
                .and_then(|f| f.accrues.as_ref())
                .filter(|a| pack.conditions_hold(&a.when, self.person.facts));
            match accrual {
                Some(a) => {
                    accrued.push(m.text.as_str());
                    let a = crate::text::one_line(&a.assumes);
                    if !assumes.contains(&a) {
                        assumes.push(a);
                    }
                }
                None => covered.push(m.text.as_str()),
            }
        }
        match (covered.is_empty(), accrued.is_empty()) {
            (false, true) => format!(
                "Within reach once the steps before it are done; they cover {}",
                covered.join(", ")
            ),
            (true, false) => format!(
                "Within reach by then if {}; it needs {}",
                assumes.join(" and "),
                accrued.join(", ")
            ),
            (false, false) => format!(
                "Within reach by then: the steps before it cover {}, and {} come if {}",
                covered.join(", "),
                accrued.join(", "),
                assumes.join(" and ")
            ),
            (true, true) => String::new(),
        }
    }
}
