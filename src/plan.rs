//! Turning gaps and eligibility into a short, dated plan. Pure: no I/O, no clock.

use std::collections::{BTreeMap, HashMap};

use crate::answers::Value;

use crate::eligibility::Eligibility;
use crate::pack::{Horizon, Pack, Recommendation, RecommendationKind};
use crate::score::Assessment;

/// How many steps each horizon of the plan holds: enough to act on, few enough to finish.
pub const STEPS_PER_HORIZON: usize = 3;

/// A recommendation that applies to this person, with why.
#[derive(Debug, Clone)]
pub struct Applicable<'p> {
    pub recommendation: &'p Recommendation,
    /// Competency ids with a gap that it builds, highest priority first.
    pub addresses: Vec<String>,
    /// Sum of the addressed priorities, plus a bonus when it leads to a certification the
    /// person is eligible for now.
    pub rank: f64,
    /// The horizon after eligibility is considered (a certification not yet in reach moves
    /// to 12 months).
    pub horizon: Horizon,
    pub why: String,
}

/// Every recommendation that addresses a gap, best first.
pub fn applicable<'p>(
    pack: &'p Pack,
    assessment: &Assessment,
    eligibility: &[Eligibility],
    facts: &BTreeMap<String, Value>,
) -> Vec<Applicable<'p>> {
    let degree_rank = |id: &str| {
        pack.fact("degree")
            .and_then(|f| f.options.iter().position(|o| o.id == id))
    };
    let degree_held = facts
        .get("degree")
        .and_then(Value::as_text)
        .and_then(degree_rank)
        .unwrap_or(0);
    let by_cert: HashMap<&str, &Eligibility> =
        eligibility.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut out: Vec<Applicable<'p>> = pack
        .recommendations
        .iter()
        .filter(|r| {
            r.degree_below
                .as_deref()
                .and_then(degree_rank)
                .is_none_or(|limit| degree_held < limit)
        })
        .filter_map(|r| {
            let below = r.below.as_deref().and_then(|l| pack.level_index(l));
            let mut addressed: Vec<_> = r
                .builds
                .iter()
                .filter_map(|id| assessment.competency(id))
                .filter(|c| c.gap > 0 && below.is_none_or(|b| c.level < b))
                .collect();
            if addressed.is_empty() {
                return None;
            }
            addressed.sort_by(|a, b| b.priority.total_cmp(&a.priority));
            let mut rank: f64 = addressed.iter().map(|c| c.priority).sum();
            let mut horizon = r.horizon;
            let gaps = addressed
                .iter()
                .take(2)
                .map(|c| {
                    format!(
                        "{} ({} → {})",
                        c.title,
                        pack.levels[c.level].title.to_lowercase(),
                        pack.levels[c.target].title.to_lowercase()
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            let mut why = format!("Builds {gaps}");
            if let Some(cert) = r.certification.as_deref().and_then(|c| by_cert.get(c)) {
                if cert.held {
                    return None;
                }
                if cert.eligible {
                    rank += 1.0;
                    why = format!(
                        "You are eligible for {} now. {why}",
                        crate::eligibility::short_title(&cert.title)
                    );
                } else {
                    horizon = Horizon::Months12;
                    rank *= 0.5;
                    why = format!("{why}. Not eligible yet: {}", cert.missing.join(", "));
                }
            }
            Some(Applicable {
                recommendation: r,
                addresses: addressed.iter().map(|c| c.id.clone()).collect(),
                rank,
                horizon,
                why,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.rank
            .total_cmp(&a.rank)
            .then(a.horizon.cmp(&b.horizon))
            .then(a.recommendation.id.cmp(&b.recommendation.id))
    });
    out
}

/// The plan: up to [`STEPS_PER_HORIZON`] steps per horizon, mixing kinds where the candidates
/// allow, so a person is not told to take three courses and meet nobody.
pub fn plan<'a, 'p>(candidates: &'a [Applicable<'p>]) -> Vec<&'a Applicable<'p>> {
    let mut picked: Vec<&Applicable<'p>> = Vec::new();
    for horizon in [Horizon::Days30, Horizon::Days90, Horizon::Months12] {
        let pool: Vec<&Applicable<'p>> =
            candidates.iter().filter(|a| a.horizon == horizon).collect();
        let mut chosen: Vec<&Applicable<'p>> = Vec::new();
        let mut kinds: Vec<RecommendationKind> = Vec::new();
        for candidate in &pool {
            if chosen.len() < STEPS_PER_HORIZON && !kinds.contains(&candidate.recommendation.kind) {
                kinds.push(candidate.recommendation.kind);
                chosen.push(candidate);
            }
        }
        for candidate in &pool {
            if chosen.len() < STEPS_PER_HORIZON
                && !chosen.iter().any(|c| std::ptr::eq(*c, *candidate))
            {
                chosen.push(candidate);
            }
        }
        // Keep the pool's ranking within the horizon.
        chosen.sort_by(|a, b| b.rank.total_cmp(&a.rank));
        picked.extend(chosen);
    }
    picked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{self, Completeness};
    use crate::eligibility::evaluate_all;
    use crate::score::score;

    fn example(name: &str) -> (Pack, crate::answers::Answers) {
        let pack = crate::pack::load_embedded().unwrap();
        let path = format!("{}/examples/answers/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        let (mut a, spans) = answers::parse(&path, &text).unwrap();
        assert!(answers::check(&pack, &mut a, &path, &spans, Completeness::Required).is_empty());
        answers::normalise(&pack, &mut a);
        (pack, a)
    }

    #[test]
    fn held_certifications_are_never_recommended_and_unreachable_ones_wait() {
        let (pack, a) = example("pm-from-banking.yaml");
        let assessment = score(&pack, pack.profile("senior").unwrap(), &a);
        let eligibility = evaluate_all(&pack, &a.facts);
        let candidates = applicable(&pack, &assessment, &eligibility, &a.facts);
        assert!(candidates
            .iter()
            .all(|c| c.recommendation.certification.as_deref() != Some("pmp")));
        for c in &candidates {
            let Some(cert) = c.recommendation.certification.as_deref() else {
                continue;
            };
            let e = eligibility.iter().find(|e| e.id == cert).unwrap();
            if !e.eligible {
                assert_eq!(
                    c.horizon,
                    Horizon::Months12,
                    "{cert} waits until it is in reach"
                );
                assert!(c.why.contains("Not eligible yet"), "{}", c.why);
            }
        }
    }

    #[test]
    fn every_candidate_addresses_a_real_gap_and_ranks_are_sorted() {
        let (pack, a) = example("clinician-to-informatics.yaml");
        let assessment = score(&pack, pack.profile("aspiring").unwrap(), &a);
        let candidates = applicable(&pack, &assessment, &evaluate_all(&pack, &a.facts), &a.facts);
        assert!(!candidates.is_empty());
        for c in &candidates {
            assert!(!c.addresses.is_empty());
            for id in &c.addresses {
                assert!(assessment.competency(id).unwrap().gap > 0);
            }
        }
        assert!(candidates.windows(2).all(|w| w[0].rank >= w[1].rank));
    }

    #[test]
    fn the_plan_holds_at_most_three_steps_per_horizon_and_mixes_kinds() {
        let (pack, a) = example("software-engineer-to-healthcare.yaml");
        let assessment = score(&pack, pack.profile("project_manager").unwrap(), &a);
        let candidates = applicable(&pack, &assessment, &evaluate_all(&pack, &a.facts), &a.facts);
        let chosen = plan(&candidates);
        for horizon in [Horizon::Days30, Horizon::Days90, Horizon::Months12] {
            let steps: Vec<_> = chosen.iter().filter(|c| c.horizon == horizon).collect();
            assert!(steps.len() <= STEPS_PER_HORIZON);
            let kinds: std::collections::HashSet<_> =
                steps.iter().map(|c| c.recommendation.kind).collect();
            let available: std::collections::HashSet<_> = candidates
                .iter()
                .filter(|c| c.horizon == horizon)
                .map(|c| c.recommendation.kind)
                .collect();
            assert_eq!(
                kinds.len(),
                steps.len().min(available.len()),
                "{horizon:?} mixes kinds"
            );
        }
    }
}
