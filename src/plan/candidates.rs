//! The steps that could serve a stage: those that build its gaps, certifications that suit
//! it, courses that make one of them reachable, and growth steps for when no gap is left.

use std::collections::HashSet;

use super::reach::{accrue, apply};
use super::{gap, Aim, Planner, Step};
use crate::eligibility::{self, cert_name, Eligibility};
use crate::pack::Profile;

impl<'p> Planner<'p, '_> {
    /// Steps that build a gap against `stage` (with `gaps`), and certification steps that
    /// suit it, for the plan aiming at `aim`.
    pub(super) fn candidates(&self, stage: &Profile, aim: &Aim, gaps: bool) -> Vec<Step<'p>> {
        let pack = self.pack;
        // Someone who holds a credential of the stage has its own credential already: others
        // that suit it wait their turn among the rest rather than come first.
        let holds_stage_credential = self
            .held
            .iter()
            .any(|h| self.suits_id(h, stage) || self.suits_id(h, self.person.profile));
        let mut out = Vec::new();
        for r in &pack.recommendations {
            if !self.fits(r, stage) {
                continue;
            }
            let below = r.below.as_deref().and_then(|l| pack.level_index(l));
            let mut addressed: Vec<(&String, f64, usize, usize)> = if gaps {
                r.builds
                    .iter()
                    .filter_map(|id| {
                        let (g, priority) = gap(pack, stage, self.person.levels, id);
                        let level = self.person.levels.get(id.as_str()).copied().unwrap_or(0);
                        (g > 0 && below.is_none_or(|b| level < b)).then_some((
                            id,
                            priority,
                            level,
                            level + g,
                        ))
                    })
                    .collect()
            } else {
                Vec::new()
            };
            addressed.sort_by(|a, b| b.1.total_cmp(&a.1));
            // A credential of the stage aimed at, or of the stage the person chose (a stretch
            // plan keeps the chosen stage's own credential: it still counts there).
            let suited_stage = [stage, self.person.profile]
                .into_iter()
                .find(|s| self.suits(r, s));
            let suits = suited_stage.is_some();
            if addressed.is_empty() && !suits {
                continue;
            }
            let rank: f64 = addressed.iter().map(|a| a.1).sum();
            let builds = addressed
                .iter()
                .take(2)
                .map(|(id, _, from, to)| {
                    let title = pack
                        .competency(id)
                        .map_or(id.as_str(), |c| c.title.as_str());
                    format!(
                        "{title} ({} → {})",
                        pack.levels[*from].title.to_lowercase(),
                        pack.levels[(*to).min(pack.levels.len() - 1)]
                            .title
                            .to_lowercase()
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            let mut why = if builds.is_empty() {
                String::new()
            } else {
                format!("Builds {builds}")
            };
            if let Aim::Stretch { title, .. } = aim {
                why = if why.is_empty() {
                    format!("Toward {}", crate::text::one_line(title))
                } else {
                    format!("Toward {}: b{}", crate::text::one_line(title), &why[1..])
                };
            }
            let mut tier = 2;
            if let Some(cert) = self.rule_cert(r) {
                let e = self.row(cert);
                if e.is_some_and(Eligibility::open_now) {
                    let name = cert_name(pack, cert);
                    let mut lead = format!("You are eligible for {name} now");
                    if let Some(suited) = suited_stage {
                        tier = 0;
                        lead.push_str(&format!(
                            ", and it suits the {} stage",
                            crate::text::one_line(&suited.title)
                        ));
                    }
                    why = join_sentences(&lead, &why);
                }
            }
            out.push(Step {
                recommendation: r,
                horizon: r.horizon,
                addresses: addressed.iter().map(|a| a.0).collect(),
                rank,
                why,
                tier,
                suits: suits && !holds_stage_credential,
            });
        }
        // A credential outranked by another the person may sit now is left out (no CAPM
        // for someone who can sit the PMP), and so is a credential below the stage the
        // person aims at when that stage's own credential, which outranks it, is within
        // the plan's reach (no CAPM as the exam of someone aiming to be a PM who can take
        // the PMP after a course).
        let open: Vec<&str> = out
            .iter()
            .filter_map(|s| self.rule_cert(s.recommendation))
            .filter(|c| self.row(c).is_some_and(Eligibility::open_now))
            .collect();
        let of_the_stage: Vec<&str> = out
            .iter()
            .filter(|s| self.suits(s.recommendation, stage))
            .filter_map(|s| self.rule_cert(s.recommendation))
            .filter(|c| self.reachable_in_plan(c, stage))
            .collect();
        let outranked: HashSet<String> = out
            .iter()
            .filter_map(|s| self.rule_cert(s.recommendation))
            .filter(|c| {
                let below_stage =
                    !self.suits_id(c, stage) && !self.suits_id(c, self.person.profile);
                self.pack.certification(c).is_some_and(|cert| {
                    cert.superseded_by.iter().any(|x| {
                        open.contains(&x.as_str())
                            || (below_stage && of_the_stage.contains(&x.as_str()))
                    })
                })
            })
            .map(String::from)
            .collect();
        out.retain(|s| {
            self.rule_cert(s.recommendation)
                .is_none_or(|c| !outranked.contains(c))
        });
        // The obvious first step: a course that covers what a certification of the plan
        // still needs, even when it builds no gap of its own.
        let waiting: Vec<&str> = out
            .iter()
            // Only certifications that build one of the gaps or suit the stage are worth a
            // course of their own; for the others a "later" line says what a course would
            // cover.
            .filter(|s| !s.addresses.is_empty() || s.suits)
            .filter_map(|s| self.rule_cert(s.recommendation))
            .filter(|c| self.row(c).is_some_and(|e| !e.eligible))
            .collect();
        let mut enablers = Vec::new();
        for r in &pack.recommendations {
            if r.provides.is_empty() || out.iter().any(|s| s.is(r)) || !self.fits(r, stage) {
                continue;
            }
            let mut after = self.person.facts.clone();
            apply(r, None, &mut after);
            let unlocks = waiting.iter().any(|c| {
                pack.certification(c)
                    .is_some_and(|cert| eligibility::is_eligible(pack, cert, &after))
            });
            if unlocks {
                enablers.push(Step::plain(r));
            }
        }
        out.extend(enablers);
        sort_steps(&mut out);
        out
    }

    /// Growth steps for someone with no gap left to work on.
    pub(super) fn growth(&self, stage: &Profile, aim: &Aim) -> Vec<Step<'p>> {
        let why = match aim {
            Aim::Beyond { title, .. } => format!(
                "Growth beyond {}, the top stage",
                crate::text::one_line(title)
            ),
            Aim::Stretch { title, .. } => format!(
                "Growth while you work toward {}",
                crate::text::one_line(title)
            ),
            Aim::Chosen => "Growth beyond your targets".to_string(),
        };
        let mut out: Vec<Step<'p>> = self
            .pack
            .recommendations
            .iter()
            .enumerate()
            .filter(|(_, r)| r.growth && self.fits(r, stage))
            .map(|(i, r)| Step {
                recommendation: r,
                horizon: r.horizon,
                addresses: Vec::new(),
                // Before steps that only build toward a certification; steps made for this
                // stage before general ones; then in pack order.
                rank: 1.0 + if r.stages.is_empty() { 0.0 } else { 1.0 }
                    - i as f64 / (self.pack.recommendations.len() + 1) as f64,
                why: why.clone(),
                tier: 2,
                suits: false,
            })
            .collect();
        sort_steps(&mut out);
        out
    }

    /// Whether `cert` can be sat within the plan: eligible now, or once the courses that fit
    /// the person (`provides`) are done.
    pub(super) fn reachable_in_plan(&self, cert: &str, stage: &Profile) -> bool {
        let Some(c) = self.pack.certification(cert) else {
            return false;
        };
        if self.row(cert).is_some_and(|e| e.eligible) {
            return true;
        }
        let mut after = self.person.facts.clone();
        for r in &self.pack.recommendations {
            if !r.provides.is_empty() && self.fits(r, stage) {
                apply(r, None, &mut after);
            }
        }
        accrue(self.pack, self.person.facts, &mut after);
        eligibility::is_eligible(self.pack, c, &after)
    }
}

pub(super) fn sort_steps(steps: &mut [Step<'_>]) {
    steps.sort_by(|a, b| {
        a.tier
            .cmp(&b.tier)
            .then(b.rank.total_cmp(&a.rank))
            .then(a.horizon.cmp(&b.horizon))
            .then(a.recommendation.id.cmp(&b.recommendation.id))
    });
}

pub(super) fn join_sentences(first: &str, second: &str) -> String {
    match (first.is_empty(), second.is_empty()) {
        (true, _) => second.to_string(),
        (_, true) => first.to_string(),
        _ => format!("{first}. {second}"),
    }
}
