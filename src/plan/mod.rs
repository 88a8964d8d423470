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
//!
//! The parts: `fits` (what applies to this person: the situation the plan assumes, and
//! which steps fit it), `candidates` (the steps that could serve a stage, and growth),
//! `horizons` (placing steps horizon by horizon), `reach` (when a certification comes
//! within reach, and the "later" lines).

mod candidates;
mod fits;
mod horizons;
mod reach;
#[cfg(test)]
mod tests;
mod ways_in;

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::answers::Value;
use crate::eligibility::{self, Eligibility};
use crate::pack::{Horizon, Pack, Profile, Recommendation};

pub use fits::situation;
pub use reach::within_reach;

/// How many steps each horizon of the plan holds: enough to act on, few enough to finish.
pub const STEPS_PER_HORIZON: usize = 3;

/// The fewest steps a plan holds.
pub const MIN_STEPS: usize = 3;

/// How many certification exams one horizon holds: each takes weeks of study.
pub const CERTS_PER_HORIZON: usize = 1;

/// How many courses that count toward a certification (steps with `provides`) one horizon
/// holds, so the hours stay doable beside a job.
pub const COURSES_PER_HORIZON: usize = 1;

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
    pub addresses: Vec<&'p String>,
    /// Sum of the priorities of the gaps it builds.
    pub rank: f64,
    pub why: String,
    /// 0: a certification the person may sit now that suits the stage; 1: a step that
    /// makes a certification of the plan reachable, or such a certification; 2: the rest.
    pub tier: u8,
    /// A certification step whose credential suits the stage aimed at or the one chosen,
    /// for someone who holds no credential of that stage yet: it comes first among the rest
    /// once a course brings it within reach.
    pub suits: bool,
}

impl<'p> Step<'p> {
    /// `r` as a step of its own horizon that builds no gap: a way in, or a course that makes
    /// a certification reachable.
    fn plain(r: &'p Recommendation) -> Step<'p> {
        Step {
            recommendation: r,
            horizon: r.horizon,
            addresses: Vec::new(),
            rank: 0.0,
            why: String::new(),
            tier: 2,
            suits: false,
        }
    }

    /// Whether this step is `r`: a pack's recommendation ids are unique, so the same entry of
    /// the pack is the same id, and telling them apart needs no string compared.
    fn is(&self, r: &Recommendation) -> bool {
        std::ptr::eq(self.recommendation, r)
    }
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
    /// Eligibility for every certification on the person's own facts, in pack order: the
    /// plan judges its steps by it, and the result shows it.
    pub eligibility: Vec<Eligibility>,
    pub aim: Aim,
    /// Every target of the chosen profile is met.
    pub targets_met: bool,
    /// "You work in healthcare and are on a project now." from the facts' `situation`.
    pub situation: Option<String>,
}

/// Makes the plan for `person`.
pub fn make<'p>(pack: &'p Pack, person: Person<'_>) -> Plan<'p> {
    let stages = stages_from(pack, person.profile);
    // A stage is not met while a target level is missed or the background it requires (an
    // associate PM has led something or studied project management) is missing.
    let has_gap = |stage: &Profile| {
        pack.competencies
            .iter()
            .any(|c| gap(pack, stage, person.levels, &c.id).0 > 0)
            || crate::score::requirement_unmet(pack, stage, person.facts).is_some()
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
    // Someone outside a situation (a healthcare job, a project, the lead of it) gets a step
    // made for that, and an outsider a networking step, whatever else competes.
    planner.ensure_ways_in(aim_stage, &candidates);

    let later = planner.later(&candidates, aim_stage);
    // A certification the plan cannot reach is no step to list under a gap (a "later" line
    // says when it comes within reach).
    let within_plan: Vec<bool> = candidates
        .iter()
        .map(|c| {
            planner
                .rule_cert(c.recommendation)
                .is_none_or(|cert| planner.reachable_in_plan(cert, aim_stage))
                || planner.placed.iter().any(|s| s.is(c.recommendation))
        })
        .collect();
    let eligibility = planner.now;
    let mut steps = planner.placed;
    steps.sort_by(|a, b| {
        a.horizon
            .cmp(&b.horizon)
            .then(a.tier.cmp(&b.tier))
            .then(b.rank.total_cmp(&a.rank))
            .then(a.recommendation.id.cmp(&b.recommendation.id))
    });
    let mut all: Vec<Step<'p>> = candidates
        .into_iter()
        .zip(within_plan)
        .filter_map(|(c, keep)| keep.then_some(c))
        .collect();
    for step in &steps {
        if !all.iter().any(|c| c.is(step.recommendation)) {
            all.push(step.clone());
        }
    }
    for candidate in &mut all {
        if let Some(step) = steps.iter().find(|s| s.is(candidate.recommendation)) {
            candidate.horizon = step.horizon;
        }
    }
    Plan {
        steps,
        candidates: all,
        later,
        eligibility,
        aim,
        targets_met,
        situation: situation(pack, person.facts),
    }
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

/// The plan as it is being made, with what judging a step needs; its methods live in the
/// parts by concern.
struct Planner<'p, 'a> {
    pack: &'p Pack,
    person: Person<'a>,
    /// Eligibility on the person's own facts.
    now: Vec<Eligibility>,
    /// The rank of the person's degree among the `degree` options (0 without one), and the
    /// certifications they hold: every step is judged against both.
    degree: usize,
    held: Vec<&'a str>,
    /// The steps placed so far.
    placed: Vec<Step<'p>>,
}

impl<'p, 'a> Planner<'p, 'a> {
    fn new(pack: &'p Pack, person: Person<'a>) -> Self {
        Planner {
            pack,
            person,
            now: eligibility::evaluate_all(pack, person.facts),
            degree: person
                .facts
                .get("degree")
                .and_then(Value::as_text)
                .and_then(|d| eligibility::degree_rank(pack, d))
                .unwrap_or(0),
            held: eligibility::held(person.facts),
            placed: Vec::new(),
        }
    }

    fn count(&self) -> usize {
        self.placed.len()
    }

    fn row(&self, cert: &str) -> Option<&Eligibility> {
        self.now.iter().find(|e| e.id == cert)
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
