//! Turning gaps, eligibility and the person's situation into a short, dated plan.
//!
//! Pure: no I/O and no clock; the day the result was taken is passed in. The plan:
//!
//! - offers only steps that fit the person's situation (`when` on each recommendation) and
//!   stage (`stages`), never a credential they hold or outrank;
//! - puts a certification into a horizon only when it is reachable there: eligible now, or
//!   missing only what steps in earlier horizons provide (`provides`, or a credential that
//!   stands in); otherwise it becomes a "later" line saying when it comes within reach at
//!   the person's pace (`accrues` on the facts), or what is missing;
//! - puts certifications the person may sit now and that suit the stage first;
//! - when every target is met, aims at the next stage that has gaps (a stretch plan), and at
//!   the top stage offers growth beyond it;
//! - always holds at least [`MIN_STEPS`] steps: the pack guarantees enough `growth` steps
//!   open to everyone (validation refuses a pack without them).

use std::collections::{BTreeMap, HashSet};

use jiff::civil::Date;

use crate::answers::{format_number, Value};
use crate::eligibility::{self, cert_name, Eligibility};
use crate::pack::{Horizon, Pack, Profile, Recommendation, RecommendationKind};

/// How many steps each horizon of the plan holds: enough to act on, few enough to finish.
pub const STEPS_PER_HORIZON: usize = 3;

/// The fewest steps a plan holds.
pub const MIN_STEPS: usize = 3;

/// How many certification exams one horizon holds: each takes weeks of study.
pub const CERTS_PER_HORIZON: usize = 1;

/// How many courses that count toward a certification (steps with `provides`) one horizon
/// holds, so the hours stay doable beside a job.
pub const COURSES_PER_HORIZON: usize = 1;

/// How many "later" lines the plan keeps, soonest first.
pub const LATER_LINES: usize = 4;

const HORIZONS: [Horizon; 3] = [Horizon::Days30, Horizon::Days90, Horizon::Months12];

/// Whom the plan is for.
#[derive(Debug, Clone, Copy)]
pub struct Person<'a> {
    /// The chosen target profile.
    pub profile: &'a Profile,
    /// The achieved level (index into the pack's levels) per competency id.
    pub levels: &'a BTreeMap<String, usize>,
    /// Background facts; a fact not given counts as none, zero or no.
    pub facts: &'a BTreeMap<String, Value>,
    /// The day the result was taken, for "within reach around May 2028"; none leaves the
    /// month out.
    pub today: Option<Date>,
}

/// The stage the plan's steps aim at.
#[derive(Debug, Clone, PartialEq)]
pub enum Aim {
    /// The gaps against the chosen profile.
    Chosen,
    /// Every target of the chosen profile is met: a stretch plan toward a later stage.
    Stretch { profile: String, title: String },
    /// Every target up to the top stage is met: growth beyond it.
    Beyond { profile: String, title: String },
}

/// A recommendation the plan considered, with why it fits.
#[derive(Debug, Clone)]
pub struct Step<'p> {
    pub recommendation: &'p Recommendation,
    /// Where the plan put it (for a candidate not placed: the horizon the pack gives it).
    pub horizon: Horizon,
    /// Competency ids with a gap that it builds, against the stage it serves, highest
    /// priority first; empty for growth steps and credentials that suit the stage.
    pub addresses: Vec<String>,
    /// Sum of the priorities of the gaps it builds.
    pub rank: f64,
    pub why: String,
    /// 0: a certification the person may sit now that suits the stage; 1: a step that
    /// makes a certification of the plan reachable, or such a certification; 2: the rest.
    pub tier: u8,
}

/// A certification the plan cannot reach within 12 months.
#[derive(Debug, Clone, PartialEq)]
pub struct Later {
    pub certification: String,
    /// "PMP (PMI)".
    pub name: String,
    /// "within reach in about 18 months (around May 2028), if you lead the project you are
    /// on now; also needs 27 more hours of project-management education".
    pub text: String,
    /// Months until it comes within reach at the person's pace, when that can be told.
    pub months: Option<u32>,
    /// The month it comes within reach, `YYYY-MM`, when the date is known.
    pub around: Option<String>,
}

/// The plan.
#[derive(Debug, Clone)]
pub struct Plan<'p> {
    /// The chosen steps, by horizon, best first within each.
    pub steps: Vec<Step<'p>>,
    /// Every recommendation that applies to the stage aimed at, best first, then any step
    /// taken from elsewhere to reach [`MIN_STEPS`].
    pub candidates: Vec<Step<'p>>,
    pub later: Vec<Later>,
    pub aim: Aim,
    /// Every target of the chosen profile is met.
    pub targets_met: bool,
    /// "You work in healthcare and are on a project now." from the facts' `situation`.
    pub situation: Option<String>,
}

/// Makes the plan for `person`.
pub fn make<'p>(pack: &'p Pack, person: Person<'_>) -> Plan<'p> {
    let stages = stages_from(pack, person.profile);
    let has_gap = |stage: &Profile| {
        pack.competencies
            .iter()
            .any(|c| gap(pack, stage, person.levels, &c.id).0 > 0)
    };
    let targets_met = !has_gap(person.profile);
    let primary = stages.iter().position(|s| has_gap(s));
    let top = stages.last().copied().unwrap_or(person.profile);
    let aim = match primary {
        Some(0) => Aim::Chosen,
        Some(i) => Aim::Stretch {
            profile: stages[i].id.clone(),
            title: stages[i].title.clone(),
        },
        None => Aim::Beyond {
            profile: top.id.clone(),
            title: top.title.clone(),
        },
    };

    let mut planner = Planner::new(pack, person);
    // The stage aimed at: its gaps, and credentials that suit it.
    let (aim_stage, growth_only) = match primary {
        Some(i) => (stages[i], false),
        None => (top, true),
    };
    let mut primary_pool = planner.candidates(aim_stage, &aim, !growth_only);
    if growth_only {
        primary_pool.extend(planner.growth(aim_stage, &aim));
    }
    let candidates = primary_pool.clone();
    planner.place(primary_pool, usize::MAX);

    // Fewer than three steps: later stages' gaps, then growth open to everyone.
    if planner.count() < MIN_STEPS {
        let after = primary.map_or(stages.len(), |i| i + 1);
        for stage in &stages[after.min(stages.len())..] {
            let toward = Aim::Stretch {
                profile: stage.id.clone(),
                title: stage.title.clone(),
            };
            let pool = planner.candidates(stage, &toward, true);
            planner.place(pool, MIN_STEPS);
            if planner.count() >= MIN_STEPS {
                break;
            }
        }
    }
    if planner.count() < MIN_STEPS {
        let pool = planner.growth(aim_stage, &aim);
        planner.place(pool, MIN_STEPS);
    }

    let later = planner.later(&candidates);
    let mut steps = planner.placed;
    steps.sort_by(|a, b| {
        a.horizon
            .cmp(&b.horizon)
            .then(a.tier.cmp(&b.tier))
            .then(b.rank.total_cmp(&a.rank))
            .then(a.recommendation.id.cmp(&b.recommendation.id))
    });
    let mut all = candidates;
    for step in &steps {
        if !all
            .iter()
            .any(|c| c.recommendation.id == step.recommendation.id)
        {
            all.push(step.clone());
        }
    }
    for candidate in &mut all {
        if let Some(step) = steps
            .iter()
            .find(|s| s.recommendation.id == candidate.recommendation.id)
        {
            candidate.horizon = step.horizon;
        }
    }
    Plan {
        steps,
        candidates: all,
        later,
        aim,
        targets_met,
        situation: situation(pack, person.facts),
    }
}

/// The line saying which situation the plan assumed, from the `situation` texts of the
/// pack's yes/no facts: "You work in healthcare and are on a project now."
pub fn situation(pack: &Pack, facts: &BTreeMap<String, Value>) -> Option<String> {
    let parts: Vec<&str> = pack
        .facts
        .iter()
        .filter_map(|f| {
            let text = f.situation.as_ref()?;
            let yes = facts.get(&f.id).and_then(Value::as_bool).unwrap_or(false);
            Some(if yes {
                text.yes.as_str()
            } else {
                text.no.as_str()
            })
        })
        .map(str::trim)
        .collect();
    (!parts.is_empty()).then(|| crate::text::one_line(&format!("You {}.", parts.join(" and "))))
}

/// The chosen profile and the ones after it, in pack order (lowest stage first).
fn stages_from<'p>(pack: &'p Pack, chosen: &'p Profile) -> Vec<&'p Profile> {
    let start = pack
        .profiles
        .iter()
        .position(|p| p.id == chosen.id)
        .unwrap_or(pack.profiles.len());
    std::iter::once(chosen)
        .chain(pack.profiles.iter().skip(start + 1))
        .collect()
}

/// (gap in levels, priority) of one competency against `stage`.
fn gap(pack: &Pack, stage: &Profile, levels: &BTreeMap<String, usize>, id: &str) -> (usize, f64) {
    let Some(target) = stage.targets.get(id) else {
        return (0, 0.0);
    };
    let want = pack.level_index(&target.level).unwrap_or(0);
    let have = levels.get(id).copied().unwrap_or(0);
    let gap = want.saturating_sub(have);
    (gap, gap as f64 * target.importance)
}

struct Planner<'p, 'a> {
    pack: &'p Pack,
    person: Person<'a>,
    /// Eligibility on the person's own facts.
    now: Vec<Eligibility>,
    /// The steps placed so far.
    placed: Vec<Step<'p>>,
}

impl<'p, 'a> Planner<'p, 'a> {
    fn new(pack: &'p Pack, person: Person<'a>) -> Self {
        Planner {
            pack,
            person,
            now: eligibility::evaluate_all(pack, person.facts),
            placed: Vec::new(),
        }
    }

    fn count(&self) -> usize {
        self.placed.len()
    }

    fn row(&self, cert: &str) -> Option<&Eligibility> {
        self.now.iter().find(|e| e.id == cert)
    }

    /// Whether the step fits the person at all: situation, degree, stage, credentials held
    /// or outranked, and something left for it to provide.
    fn fits(&self, r: &Recommendation, stage: &Profile) -> bool {
        let pack = self.pack;
        let facts = self.person.facts;
        let degree = facts
            .get("degree")
            .and_then(Value::as_text)
            .and_then(|d| eligibility::degree_rank(pack, d))
            .unwrap_or(0);
        let below_degree = r
            .degree_below
            .as_deref()
            .and_then(|d| eligibility::degree_rank(pack, d))
            .is_none_or(|limit| degree < limit);
        let stage_fits = r.stages.is_empty() || r.stages.contains(&stage.id);
        let held = eligibility::held(facts);
        let credential_open = r.certification.as_deref().is_none_or(|c| {
            !held.contains(&c) && self.row(c).is_none_or(|e| e.superseded_by.is_none())
        });
        let adds = r.provides.is_empty()
            || r.provides
                .iter()
                .any(|(f, v)| facts.get(f).and_then(Value::as_number).unwrap_or(0.0) < *v);
        below_degree
            && stage_fits
            && credential_open
            && adds
            && pack.conditions_hold(&r.when, facts)
    }

    /// Steps that build a gap against `stage` (with `gaps`), and certification steps that
    /// suit it, for the plan aiming at `aim`.
    fn candidates(&self, stage: &Profile, aim: &Aim, gaps: bool) -> Vec<Step<'p>> {
        let pack = self.pack;
        let mut out = Vec::new();
        for r in &pack.recommendations {
            if !self.fits(r, stage) {
                continue;
            }
            let below = r.below.as_deref().and_then(|l| pack.level_index(l));
            let mut addressed: Vec<(&str, f64, usize, usize)> = if gaps {
                r.builds
                    .iter()
                    .filter_map(|id| {
                        let (g, priority) = gap(pack, stage, self.person.levels, id);
                        let level = self.person.levels.get(id).copied().unwrap_or(0);
                        (g > 0 && below.is_none_or(|b| level < b)).then_some((
                            id.as_str(),
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
            let suits = self.suits(r, stage);
            if addressed.is_empty() && !suits {
                continue;
            }
            let rank: f64 = addressed.iter().map(|a| a.1).sum();
            let builds = addressed
                .iter()
                .take(2)
                .map(|(id, _, from, to)| {
                    let title = pack.competency(id).map_or(*id, |c| c.title.as_str());
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
                    if suits {
                        tier = 0;
                        lead.push_str(&format!(
                            ", and it suits the {} stage",
                            crate::text::one_line(&stage.title)
                        ));
                    }
                    why = join_sentences(&lead, &why);
                }
            }
            out.push(Step {
                recommendation: r,
                horizon: r.horizon,
                addresses: addressed.iter().map(|a| a.0.to_string()).collect(),
                rank,
                why,
                tier,
            });
        }
        // A credential outranked by another the person may sit now is left out (no CAPM
        // for someone who can sit the PMP).
        let open: Vec<&str> = out
            .iter()
            .filter_map(|s| self.rule_cert(s.recommendation))
            .filter(|c| self.row(c).is_some_and(Eligibility::open_now))
            .collect();
        let outranked: HashSet<String> = out
            .iter()
            .filter_map(|s| self.rule_cert(s.recommendation))
            .filter(|c| {
                self.pack.certification(c).is_some_and(|cert| {
                    cert.superseded_by
                        .iter()
                        .any(|x| open.contains(&x.as_str()))
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
            // Only certifications that build one of the gaps are worth a course of their
            // own; for the others a "later" line says what a course would cover.
            .filter(|s| !s.addresses.is_empty())
            .filter_map(|s| self.rule_cert(s.recommendation))
            .filter(|c| self.row(c).is_some_and(|e| !e.eligible))
            .collect();
        let mut enablers = Vec::new();
        for r in &pack.recommendations {
            if r.provides.is_empty()
                || out.iter().any(|s| s.recommendation.id == r.id)
                || !self.fits(r, stage)
            {
                continue;
            }
            let mut after = self.person.facts.clone();
            apply(r, None, &mut after);
            let unlocks = waiting.iter().any(|c| {
                pack.certification(c)
                    .is_some_and(|cert| eligibility::evaluate(pack, cert, &after).eligible)
            });
            if unlocks {
                enablers.push(Step {
                    recommendation: r,
                    horizon: r.horizon,
                    addresses: Vec::new(),
                    rank: 0.0,
                    why: String::new(),
                    tier: 2,
                });
            }
        }
        out.extend(enablers);
        sort_steps(&mut out);
        out
    }

    /// Growth steps for someone with no gap left to work on.
    fn growth(&self, stage: &Profile, aim: &Aim) -> Vec<Step<'p>> {
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
            })
            .collect();
        sort_steps(&mut out);
        out
    }

    /// A certification step that suits `stage`: its certification lists the stage in
    /// `suits`.
    fn suits(&self, r: &Recommendation, stage: &Profile) -> bool {
        r.kind == RecommendationKind::Certification
            && self
                .rule_cert(r)
                .and_then(|c| self.pack.certification(c))
                .is_some_and(|c| c.suits.contains(&stage.id))
    }

    /// The certification with an eligibility rule that a certification step leads to.
    fn rule_cert<'r>(&self, r: &'r Recommendation) -> Option<&'r str> {
        (r.kind == RecommendationKind::Certification)
            .then_some(r.certification.as_deref())
            .flatten()
            .filter(|c| self.pack.certification(c).is_some())
    }

    /// The facts once every step placed before `horizon` is done: what they provide, and
    /// the credentials they lead to.
    fn facts_before(&self, horizon: Horizon) -> BTreeMap<String, Value> {
        let mut facts = self.person.facts.clone();
        for step in self.placed.iter().filter(|s| s.horizon < horizon) {
            apply(
                step.recommendation,
                self.rule_cert(step.recommendation),
                &mut facts,
            );
        }
        facts
    }

    /// Places steps from `pool` horizon by horizon, up to [`STEPS_PER_HORIZON`] each and
    /// until the plan holds `until` steps; a certification goes to the first horizon (at or
    /// after its own) where it is reachable.
    fn place(&mut self, pool: Vec<Step<'p>>, until: usize) {
        let pack = self.pack;
        let mut pool: Vec<Step<'p>> = pool
            .into_iter()
            .filter(|s| {
                !self
                    .placed
                    .iter()
                    .any(|p| p.recommendation.id == s.recommendation.id)
            })
            .collect();
        for horizon in HORIZONS {
            if self.count() >= until {
                return;
            }
            let facts = self.facts_before(horizon);
            let reachable = |cert: &str| {
                pack.certification(cert)
                    .is_some_and(|c| eligibility::evaluate(pack, c, &facts).eligible)
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
                let adds = r.provides.is_empty()
                    || r.provides
                        .iter()
                        .any(|(f, v)| facts.get(f).and_then(Value::as_number).unwrap_or(0.0) < *v);
                if !fits || !adds || !pack.conditions_hold(&r.when, &facts) {
                    continue;
                }
                let mut step = step.clone();
                step.horizon = horizon;
                if let Some(cert) = self.rule_cert(r) {
                    if !self.row(cert).is_some_and(|e| e.eligible) {
                        // Reachable thanks to earlier steps; first among the rest when it
                        // builds one of the person's gaps.
                        if !step.addresses.is_empty() {
                            step.tier = step.tier.min(1);
                        }
                        let needs = self
                            .row(cert)
                            .map(|e| e.missing_texts().join(", "))
                            .unwrap_or_default();
                        step.why = join_sentences(
                            &format!(
                                "Within reach once the steps before it are done (they cover \
                                 {needs})"
                            ),
                            &step.why,
                        );
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
                            .map(|c| (c, !s.addresses.is_empty()))
                    })
                    .filter(|(c, _)| !reachable(c))
                    .collect()
            };
            for step in &mut here {
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
                            && pack.certification(c).is_some_and(|cert| {
                                eligibility::evaluate(pack, cert, &after).eligible
                            })
                    })
                    .collect();
                if let Some((cert, _)) = unlocks.first() {
                    // First among the rest when what it unlocks builds one of the gaps.
                    if unlocks.iter().any(|(_, builds)| *builds) {
                        step.tier = step.tier.min(1);
                    }
                    let needs = pack
                        .certification(cert)
                        .map(|c| eligibility::evaluate(pack, c, &facts))
                        .map(|e| e.missing_texts().join(", "))
                        .unwrap_or_default();
                    step.why = join_sentences(
                        &format!(
                            "Covers what {} still needs ({needs})",
                            cert_name(pack, cert)
                        ),
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
                    let taken = chosen
                        .iter()
                        .any(|c| c.recommendation.id == step.recommendation.id);
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
            pool.retain(|s| {
                !chosen
                    .iter()
                    .any(|c| c.recommendation.id == s.recommendation.id)
            });
            self.placed.extend(chosen);
        }
    }

    /// Certifications among `candidates` that no horizon could take: when each comes
    /// within reach at the person's pace, soonest first.
    fn later(&self, candidates: &[Step<'p>]) -> Vec<Later> {
        let pack = self.pack;
        let placed: Vec<&str> = self
            .placed
            .iter()
            .filter_map(|s| self.rule_cert(s.recommendation))
            .collect();
        let mut after_plan = self.person.facts.clone();
        for step in &self.placed {
            apply(
                step.recommendation,
                self.rule_cert(step.recommendation),
                &mut after_plan,
            );
        }
        let mut seen = HashSet::new();
        let mut out: Vec<Later> = candidates
            .iter()
            .filter_map(|s| self.rule_cert(s.recommendation))
            .filter(|c| !placed.contains(c) && seen.insert(*c))
            .filter_map(|c| pack.certification(c))
            .filter(|c| !c.superseded_by.iter().any(|x| placed.contains(&x.as_str())))
            // Counting what the plan's own steps provide (a course it schedules).
            .map(|c| within_reach(pack, c, &after_plan, self.person.today))
            // Open now but left out for room: not a "later" certification.
            .filter(|l| !(l.months == Some(0) && l.text.is_empty()))
            .collect();
        out.sort_by_key(|l| (l.months.is_none(), l.months));
        out.truncate(LATER_LINES);
        out
    }
}

/// `facts` after `r` is done: what it provides, and the credential it leads to.
fn apply(r: &Recommendation, cert: Option<&str>, facts: &mut BTreeMap<String, Value>) {
    for (fact, value) in &r.provides {
        let have = facts.get(fact).and_then(Value::as_number).unwrap_or(0.0);
        facts.insert(fact.clone(), Value::Number(have.max(*value)));
    }
    if let Some(cert) = cert {
        let mut held: Vec<String> = eligibility::held(facts)
            .into_iter()
            .map(String::from)
            .collect();
        if !held.iter().any(|h| h == cert) {
            held.push(cert.to_string());
        }
        facts.insert("certifications_held".into(), Value::List(held));
    }
}

fn sort_steps(steps: &mut [Step<'_>]) {
    steps.sort_by(|a, b| {
        a.tier
            .cmp(&b.tier)
            .then(b.rank.total_cmp(&a.rank))
            .then(a.horizon.cmp(&b.horizon))
            .then(a.recommendation.id.cmp(&b.recommendation.id))
    });
}

fn join_sentences(first: &str, second: &str) -> String {
    match (first.is_empty(), second.is_empty()) {
        (true, _) => second.to_string(),
        (_, true) => first.to_string(),
        _ => format!("{first}. {second}"),
    }
}

/// When `cert` comes within reach for someone with `facts`, at their pace: the route that
/// is reachable soonest, counting months only while the `accrues` conditions of each fact
/// hold (say what it assumes), hours of education as something a course covers, and a
/// missing degree or a route condition as not reachable by time alone.
pub fn within_reach(
    pack: &Pack,
    cert: &crate::pack::Certification,
    facts: &BTreeMap<String, Value>,
    today: Option<Date>,
) -> Later {
    struct Estimate {
        months: Option<u32>,
        texts: Vec<String>,
        assumptions: Vec<String>,
        count: usize,
    }
    let provided: HashSet<&str> = pack
        .recommendations
        .iter()
        .flat_map(|r| r.provides.keys().map(String::as_str))
        .collect();
    let estimates: Vec<Estimate> = eligibility::route_shortfalls(pack, cert, facts)
        .into_iter()
        .map(|(_, missing)| {
            let mut months = Some(0u32);
            let mut texts: Vec<String> = Vec::new();
            let mut assumptions = Vec::new();
            for m in &missing {
                let fact = m.fact.as_deref().and_then(|f| pack.fact(f));
                let short = match (&m.need, &m.have) {
                    (Some(need), Some(have)) => need
                        .as_number()
                        .zip(have.as_number())
                        .map(|(n, h)| (n - h).max(0.0).ceil() as u32),
                    _ => None,
                };
                match (fact.and_then(|f| f.accrues.as_ref()), short) {
                    (Some(accrual), Some(short)) if pack.conditions_hold(&accrual.when, facts) => {
                        months = months.map(|m| m.max(short));
                        let assumes = crate::text::one_line(&accrual.assumes);
                        if !assumptions.contains(&assumes) {
                            assumptions.push(assumes);
                        }
                    }
                    (Some(accrual), Some(_)) => {
                        months = None;
                        texts.push(format!(
                            "{}, which count {}",
                            m.text,
                            crate::text::one_line(&accrual.otherwise)
                        ));
                    }
                    _ if m.fact.as_deref().is_some_and(|f| provided.contains(f)) => {
                        texts.push(m.text.clone());
                    }
                    _ => {
                        months = None;
                        texts.push(m.text.clone());
                    }
                }
            }
            // "…information-systems work in healthcare" already says "…information-systems
            // work": keep only the fuller assumption.
            let all = assumptions.clone();
            assumptions.retain(|a| !all.iter().any(|b| b != a && b.starts_with(a.as_str())));
            Estimate {
                months,
                texts,
                assumptions,
                count: missing.len(),
            }
        })
        .collect();
    let best = estimates
        .iter()
        .filter(|e| e.months.is_some())
        .min_by_key(|e| (e.months, e.count))
        .or_else(|| estimates.iter().min_by_key(|e| e.count));
    let name = format!(
        "{} ({})",
        cert_name(pack, &cert.id),
        crate::text::one_line(&cert.issuer)
    );
    let Some(best) = best else {
        return Later {
            certification: cert.id.clone(),
            name,
            text: "the pack gives no route to it".into(),
            months: None,
            around: None,
        };
    };
    let around = best
        .months
        .zip(today)
        .and_then(|(m, d)| d.checked_add(jiff::Span::new().months(i64::from(m))).ok());
    let text = match best.months {
        Some(0) if best.texts.is_empty() => String::new(),
        Some(0) => format!(
            "needs only {}, which a course covers",
            best.texts.join("; ")
        ),
        Some(months) => {
            let when = match around {
                Some(date) => format!(
                    "within reach in about {} (around {})",
                    plural(months, "month"),
                    date.strftime("%B %Y")
                ),
                None => format!("within reach in about {}", plural(months, "month")),
            };
            let mut text = when;
            if !best.assumptions.is_empty() {
                text.push_str(&format!(" if {}", best.assumptions.join(" and ")));
            }
            if !best.texts.is_empty() {
                text.push_str(&format!("; also needs {}", best.texts.join("; ")));
            }
            text
        }
        None => format!("needs {}", best.texts.join("; ")),
    };
    Later {
        certification: cert.id.clone(),
        name,
        text,
        months: best.months,
        around: around.map(|d| d.strftime("%Y-%m").to_string()),
    }
}

fn plural(n: u32, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{} {unit}s", format_number(f64::from(n)))
    }
}

/// The achieved level per competency of an assessment, as the plan reads it.
pub fn levels_of(assessment: &crate::score::Assessment) -> BTreeMap<String, usize> {
    assessment
        .competencies
        .iter()
        .map(|c| (c.id.clone(), c.level))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{self, Completeness};

    fn example(name: &str) -> (Pack, crate::answers::Answers) {
        let pack = crate::pack::load_embedded().unwrap();
        let path = format!("{}/examples/answers/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        let (mut a, spans) = answers::parse(&path, &text).unwrap();
        assert!(answers::check(&pack, &mut a, &path, &spans, Completeness::Required).is_empty());
        answers::normalise(&pack, &mut a);
        (pack, a)
    }

    fn levels(pack: &Pack, level: &str) -> BTreeMap<String, usize> {
        let i = pack.level_index(level).unwrap();
        pack.competencies
            .iter()
            .map(|c| (c.id.clone(), i))
            .collect()
    }

    #[test]
    fn the_plan_holds_at_most_three_steps_per_horizon_and_mixes_kinds() {
        let (pack, a) = example("software-engineer-to-healthcare.yaml");
        let profile = pack.profile("project_manager").unwrap();
        let levels = levels(&pack, "novice");
        let plan = make(
            &pack,
            Person {
                profile,
                levels: &levels,
                facts: &a.facts,
                today: None,
            },
        );
        for horizon in HORIZONS {
            let steps: Vec<_> = plan.steps.iter().filter(|s| s.horizon == horizon).collect();
            assert!(steps.len() <= STEPS_PER_HORIZON);
            let kinds: HashSet<_> = steps.iter().map(|s| s.recommendation.kind).collect();
            assert!(kinds.len() >= steps.len().min(2), "{horizon:?} mixes kinds");
        }
    }

    #[test]
    fn months_that_accrue_give_a_date_and_say_what_they_assume() {
        let pack = crate::pack::load_embedded().unwrap();
        let mut facts = BTreeMap::new();
        facts.insert("degree".to_string(), Value::Text("bachelor".into()));
        facts.insert("months_leading_projects".to_string(), Value::Number(18.0));
        facts.insert("pm_education_hours".to_string(), Value::Number(35.0));
        facts.insert("on_project_now".to_string(), Value::Bool(true));
        let pmp = pack.certification("pmp").unwrap();
        let today = Date::constant(2026, 11, 25);
        let later = within_reach(&pack, pmp, &facts, Some(today));
        assert_eq!(later.months, Some(18));
        assert_eq!(later.around.as_deref(), Some("2028-05"));
        assert!(later.text.contains("May 2028"), "{}", later.text);
        assert!(
            later.text.contains(" if "),
            "says what it assumes: {}",
            later.text
        );
        facts.insert("on_project_now".to_string(), Value::Bool(false));
        let later = within_reach(&pack, pmp, &facts, Some(today));
        assert_eq!(later.months, None, "no project: the months do not accrue");
        assert!(
            later.text.starts_with("needs 18 more months"),
            "{}",
            later.text
        );
    }

    #[test]
    fn a_missing_degree_is_named_not_dated() {
        let pack = crate::pack::load_embedded().unwrap();
        let mut facts = BTreeMap::new();
        facts.insert("degree".to_string(), Value::Text("secondary".into()));
        facts.insert("on_project_now".to_string(), Value::Bool(true));
        let chps = pack.certification("chps").unwrap();
        let later = within_reach(&pack, chps, &facts, None);
        assert_eq!(later.months, None);
        assert!(later.text.starts_with("needs "), "{}", later.text);
    }
}
