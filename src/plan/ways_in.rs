//! Ways in: someone outside a situation the pack marks `way_in` (a healthcare job, a
//! project) gets at least one step made for that answer, and, where the pack offers
//! networking among those ways in, a networking step as well, whatever else competes for
//! the room in the plan.

use super::candidates::join_sentences;
use super::fits::adds;
use super::{Planner, Step, STEPS_PER_HORIZON};
use crate::answers::Value;
use crate::pack::{Fact, Profile, Recommendation, RecommendationKind};

impl<'p> Planner<'p, '_> {
    /// Adds (or swaps in) the steps the person's situation calls for; `pool` gives the steps
    /// already judged for the stage, whose reasons they keep.
    pub(super) fn ensure_ways_in(&mut self, stage: &Profile, pool: &[Step<'p>]) {
        let pack = self.pack;
        let facts = self.person.facts;
        // The situations the person is outside of, with the steps made for that answer.
        let outside: Vec<&'p Fact> = pack
            .facts
            .iter()
            .filter(|f| {
                f.situation
                    .as_ref()
                    .is_some_and(|s| s.way_in && pack.conditions_hold(&s.when, facts))
                    && !facts
                        .get(f.id.as_str())
                        .and_then(Value::as_bool)
                        .unwrap_or(false)
            })
            .filter(|f| pack.recommendations.iter().any(|r| made_for(r, f)))
            .collect();
        let mut protected: Vec<&'p Recommendation> = Vec::new();
        for fact in &outside {
            let why = format!(
                "For your situation: you {}",
                fact.situation.as_ref().map_or("", |s| s.no.trim())
            );
            let have = self
                .placed
                .iter()
                .find(|s| made_for(s.recommendation, fact))
                .map(|s| s.recommendation);
            match have {
                Some(r) => protected.push(r),
                None => {
                    if let Some(r) =
                        self.insert_best(stage, pool, &protected, &why, |r| made_for(r, fact))
                    {
                        protected.push(r);
                    }
                }
            }
        }
        // Where the ways in include meeting people, a networking step besides the way in.
        let networking_way_in = outside.iter().any(|f| {
            pack.recommendations
                .iter()
                .any(|r| made_for(r, f) && r.kind == RecommendationKind::Networking)
        });
        if networking_way_in {
            let networking: Vec<&Recommendation> = self
                .placed
                .iter()
                .filter(|s| s.recommendation.kind == RecommendationKind::Networking)
                .map(|s| s.recommendation)
                .collect();
            // A way in and a networking step that are two steps (informational interviews
            // are both, and count as one of the two).
            let ways: Vec<&Recommendation> = self
                .placed
                .iter()
                .map(|s| s.recommendation)
                .filter(|r| outside.iter().any(|f| made_for(r, f)))
                .collect();
            let both = networking
                .iter()
                .any(|n| ways.iter().any(|w| !std::ptr::eq(*w, *n)));
            if !both {
                let why = "Meeting people who do the work is how most people get in";
                let ways_ids: Vec<&str> = ways.iter().map(|r| r.id.as_str()).collect();
                self.insert_best(stage, pool, &protected, why, |r| {
                    r.kind == RecommendationKind::Networking && !ways_ids.contains(&r.id.as_str())
                });
            }
        }
    }

    /// Puts the best step that matches `wanted` and fits the person into its own horizon:
    /// in a free place, or instead of the weakest step there that nothing depends on (no
    /// certification, no course, not `protected`). The step chosen, if any.
    fn insert_best(
        &mut self,
        stage: &Profile,
        pool: &[Step<'p>],
        protected: &[&'p Recommendation],
        why: &str,
        wanted: impl Fn(&Recommendation) -> bool,
    ) -> Option<&'p Recommendation> {
        let pack = self.pack;
        let mut choices: Vec<Step<'p>> = pack
            .recommendations
            .iter()
            .filter(|r| wanted(r) && self.fits(r, stage))
            .filter(|r| !self.placed.iter().any(|s| s.is(r)))
            .filter(|r| r.certification.is_none() && r.provides.is_empty())
            .map(|r| {
                let mut step = pool
                    .iter()
                    .find(|s| s.is(r))
                    .cloned()
                    .unwrap_or(Step::plain(r));
                step.horizon = r.horizon;
                step.why = join_sentences(why, &step.why);
                step
            })
            .collect();
        // Those that build a gap first, then the sooner, then in pack order.
        choices.sort_by(|a, b| b.rank.total_cmp(&a.rank).then(a.horizon.cmp(&b.horizon)));
        for step in choices {
            let horizon = step.horizon;
            let facts = self.facts_before(horizon);
            let r = step.recommendation;
            if !adds(r, &facts) || !pack.conditions_hold(&r.when, &facts) {
                continue;
            }
            let here = self.placed.iter().filter(|s| s.horizon == horizon).count();
            if here < STEPS_PER_HORIZON {
                self.placed.push(step);
                return Some(r);
            }
            let weakest = self
                .placed
                .iter()
                .enumerate()
                .filter(|(_, s)| {
                    s.horizon == horizon
                        && s.tier == 2
                        && s.recommendation.certification.is_none()
                        && s.recommendation.provides.is_empty()
                        && !protected.iter().any(|p| s.is(p))
                })
                .min_by(|(_, a), (_, b)| a.rank.total_cmp(&b.rank))
                .map(|(i, _)| i);
            if let Some(i) = weakest {
                self.placed[i] = step;
                return Some(r);
            }
        }
        None
    }
}

/// Whether `r` is made for someone who answered no to the situation fact `fact` (its `when`
/// asks for that no).
fn made_for(r: &Recommendation, fact: &Fact) -> bool {
    r.when
        .iter()
        .any(|c| c.fact == fact.id && c.is == Some(false))
}
