//! Scoring: answers in, per-competency scores, levels, bands and gaps out. Pure: no I/O, no
//! clock.
//!
//! A person's level in a competency rests on what they have done and how they place
//! themselves; scenario answers confirm it or question it (see [`crate::pack::Scoring`] and
//! rubrics/README.md, "Scoring"):
//!
//! 1. **Experience bounds the level.** Each experience statement shows a level. The highest
//!    level a true statement shows is the cap; with none true, the cap is the level below the
//!    pack's `doing_from` (levels from there up describe doing). The level below the highest
//!    shown is a floor.
//! 2. **The self-rating places it.** The rated level, held between floor and cap, puts the
//!    score at that level's midpoint (unrated: where the answers fit best within the bounds).
//! 3. **Answers move it, in proportion to how many there are.** The share answered right is
//!    compared with the share expected at that level; the score moves toward it by a weight
//!    that grows with the number of answers and never passes `knowledge_weight`. One or two
//!    answers move a score a few points, never a level.
//! 4. **Every score has a band**: the scenarios' sampling error and the self-report's own
//!    uncertainty. A level whose band reaches into another is reported as "could be" that one.

use std::collections::BTreeMap;

use crate::answers::{Answers, Value};
use crate::pack::{Competency, Pack, Profile, Question, QuestionKind};

/// How many standard errors each side of a score its band spans (about two chances in three
/// that a retake lands inside).
pub const BAND_SE: f64 = 1.0;

/// What a set of answers shows against one profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub profile: String,
    /// In the pack's order.
    pub competencies: Vec<CompetencyScore>,
    /// What the profile needs beyond its target levels and the facts do not show ("6 months
    /// leading projects or 23 hours of project-management education"); `None` when met or
    /// when the profile asks nothing more.
    pub requirement_unmet: Option<String>,
}

impl Assessment {
    /// Competencies with a gap, highest priority first (ties: larger gap, then pack order).
    pub fn ranked_gaps(&self) -> Vec<&CompetencyScore> {
        let mut gaps: Vec<&CompetencyScore> =
            self.competencies.iter().filter(|c| c.gap > 0).collect();
        gaps.sort_by(|a, b| b.priority.total_cmp(&a.priority).then(b.gap.cmp(&a.gap)));
        gaps
    }

    /// A competency's score by id.
    pub fn competency(&self, id: &str) -> Option<&CompetencyScore> {
        self.competencies.iter().find(|c| c.id == id)
    }
}

/// One competency's result.
#[derive(Debug, Clone, PartialEq)]
pub struct CompetencyScore {
    pub id: String,
    pub title: String,
    /// 0–100: the placed level's midpoint moved by the scenario answers, within the cap.
    pub score: f64,
    /// Index into the pack's levels.
    pub level: usize,
    pub target: usize,
    /// Levels still to climb to the target; 0 when met or exceeded.
    pub gap: usize,
    pub importance: f64,
    /// gap × importance: what the plan works on first.
    pub priority: f64,
    /// The level the person rated themselves at, if the competency has a rating question.
    pub self_rating: Option<usize>,
    /// The scenario answers, if any.
    pub knowledge: Option<Knowledge>,
    /// Share (0–100) of the experience that holds, if any experience was asked.
    pub experience: Option<f64>,
    /// The highest level a true experience statement shows.
    pub experience_shows: Option<usize>,
    /// The level rating and experience describe, before the answers move the score.
    pub placed: usize,
    /// Score and level from experience and answers alone, as if there were no self-rating.
    pub evidence: (f64, usize),
    /// The cap experience sets, present when the self-rating was above it: knowing the work
    /// carries a person only so far; the levels above need having done it.
    pub capped_at: Option<usize>,
    /// The floor experience sets, present when the self-rating was below it: the person has
    /// done more than they rated.
    pub lifted_to: Option<usize>,
    /// Where the scenario answers clearly fit another level than the rated one.
    pub calibration: Option<Direction>,
    /// Standard error of the score, in points.
    pub sem: f64,
    /// The band the score may lie in: `score` ± [`BAND_SE`] × `sem`, within 0 and the cap.
    pub band: (f64, f64),
    /// Another level the band reaches into, the nearer one when it reaches two.
    pub could_be: Option<usize>,
    /// What each question contributed, so the report can explain the score.
    pub items: Vec<Evidence>,
}

/// The scenario answers of one competency. (How many were right or partly right the report
/// reads from the evidence items.)
#[derive(Debug, Clone, PartialEq)]
pub struct Knowledge {
    /// Share of the weighted scenarios answered right, 0–100, one decimal.
    pub share: f64,
    /// The level the answers alone fit best.
    pub fits: usize,
}

/// Which way a self-rating misses the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Rated higher than the answers show.
    Over,
    /// Rated lower than the answers show.
    Under,
}

/// What one answered question added to its competency's score.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub question: String,
    pub kind: QuestionKind,
    /// 0–1 of the question's weight.
    pub fraction: f64,
    pub weight: f64,
}

/// Scores `answers` against `profile`. Only answered questions count: a run asks a few
/// scenarios of a bigger bank. The caller checks completeness first (see
/// [`crate::answers::check`]).
pub fn score(pack: &Pack, profile: &Profile, answers: &Answers) -> Assessment {
    let competencies = pack
        .competencies
        .iter()
        .map(|competency| score_competency(pack, profile, competency, &answers.answers))
        .collect();
    Assessment {
        profile: profile.id.clone(),
        competencies,
        requirement_unmet: requirement_unmet(pack, profile, &answers.facts),
    }
}

/// What `profile` needs beyond its target levels that `facts` do not show (its `requires`
/// text), or `None` when one of its conditions holds or it asks nothing more.
pub fn requirement_unmet(
    pack: &Pack,
    profile: &Profile,
    facts: &BTreeMap<String, Value>,
) -> Option<String> {
    let needs = profile.requires.as_ref()?;
    let met = needs
        .any_of
        .iter()
        .any(|condition| pack.conditions_hold(std::slice::from_ref(condition), facts));
    (!met).then(|| needs.text.clone())
}

/// The scenario answers of a competency as fractions, each with its weight.
pub fn scenario_fractions(
    pack: &Pack,
    competency: &Competency,
    answers: &BTreeMap<String, Value>,
) -> Vec<(f64, f64)> {
    competency
        .questions
        .iter()
        .filter(|q| q.kind.is_knowledge())
        .filter_map(|q| Some((fraction(pack, q, answers.get(q.id.as_str())?), q.weight)))
        .collect()
}

fn score_competency(
    pack: &Pack,
    profile: &Profile,
    competency: &Competency,
    answers: &BTreeMap<String, Value>,
) -> CompetencyScore {
    let items: Vec<Evidence> = competency
        .questions
        .iter()
        .filter_map(|q| {
            let value = answers.get(q.id.as_str())?;
            Some(Evidence {
                question: q.id.clone(),
                kind: q.kind,
                fraction: fraction(pack, q, value),
                weight: q.weight,
            })
        })
        .collect();
    let self_rating = competency
        .questions
        .iter()
        .find(|q| q.kind == QuestionKind::Rating)
        .and_then(|q| answers.get(q.id.as_str()))
        .and_then(Value::as_text)
        .and_then(|level| pack.level_index(level));
    let experience = experience_of(pack, competency, answers);
    let scenarios = scenario_fractions(pack, competency, answers);
    let knowledge = knowledge_of(pack, &scenarios);

    let estimate = estimate(pack, self_rating, &experience, &scenarios);
    let evidence = estimate_without_rating(pack, &experience, &scenarios);
    let calibration = self_rating.and_then(|rated| calibration(pack, rated, &scenarios));
    let (target, importance) = profile.targets.get(&competency.id).map_or((0, 0.0), |t| {
        (pack.level_index(&t.level).unwrap_or(0), t.importance)
    });
    let gap = target.saturating_sub(estimate.level);
    CompetencyScore {
        id: competency.id.clone(),
        title: competency.title.clone(),
        score: estimate.score,
        level: estimate.level,
        target,
        gap,
        importance,
        priority: gap as f64 * importance,
        self_rating,
        knowledge,
        experience: experience.share.map(|s| one_decimal(s * 100.0)),
        experience_shows: experience.shows,
        placed: estimate.placed,
        evidence: (evidence.score, evidence.level),
        capped_at: self_rating
            .filter(|&r| r > estimate.bounds.1)
            .map(|_| estimate.bounds.1),
        lifted_to: self_rating
            .filter(|&r| r < estimate.bounds.0)
            .map(|_| estimate.bounds.0),
        calibration,
        sem: estimate.sem,
        band: estimate.band,
        could_be: estimate.could_be,
        items,
    }
}

/// What a competency's experience questions show.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Experience {
    /// Whether any experience question was answered.
    pub asked: bool,
    /// Share (0–1) of the experience weight that holds.
    pub share: Option<f64>,
    /// The highest level a true statement (or a reached number band) shows.
    pub shows: Option<usize>,
}

/// The experience a competency's answers show.
pub fn experience_of(
    pack: &Pack,
    competency: &Competency,
    answers: &BTreeMap<String, Value>,
) -> Experience {
    let mut out = Experience::default();
    let (mut earned, mut possible) = (0.0, 0.0);
    for q in competency
        .questions
        .iter()
        .filter(|q| q.kind.is_experience())
    {
        let Some(value) = answers.get(q.id.as_str()) else {
            continue;
        };
        out.asked = true;
        earned += fraction(pack, q, value) * q.weight;
        possible += q.weight;
        let shown = match q.kind {
            QuestionKind::YesNo if value.as_bool() == Some(true) => q.shows.as_deref(),
            QuestionKind::Number => reached_band(q, value).and_then(|b| b.shows.as_deref()),
            _ => None,
        };
        if let Some(level) = shown.and_then(|id| pack.level_index(id)) {
            out.shows = Some(out.shows.map_or(level, |s: usize| s.max(level)));
        }
    }
    out.share = (possible > 0.0).then(|| earned / possible);
    out
}

/// A score, its level and band, as [`estimate`] works them out.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub score: f64,
    pub level: usize,
    /// The level rating and experience describe.
    pub placed: usize,
    /// Floor and cap from experience.
    pub bounds: (usize, usize),
    pub sem: f64,
    pub band: (f64, f64),
    pub could_be: Option<usize>,
}

/// The floor and cap that `experience` sets on a competency's level.
pub fn bounds(pack: &Pack, experience: &Experience) -> (usize, usize) {
    let top = pack.levels.len().saturating_sub(1);
    let below_doing = doing_from(pack).map_or(top, |d| d.saturating_sub(1));
    match experience.shows {
        Some(shown) => (shown.saturating_sub(1), shown.max(below_doing).min(top)),
        None if experience.asked => (0, below_doing),
        // A competency without experience questions: nothing bounds it.
        None => (0, top),
    }
}

/// Scores one competency from a self-rating, its experience and its scenario answers
/// (`(fraction, weight)` each). Pure arithmetic, shared by scoring and by the run's choice
/// of follow-up scenarios.
pub fn estimate(
    pack: &Pack,
    rated: Option<usize>,
    experience: &Experience,
    scenarios: &[(f64, f64)],
) -> Estimate {
    let (floor, cap) = bounds(pack, experience);
    let placed = match rated {
        Some(r) => r.clamp(floor, cap),
        None => return estimate_without_rating(pack, experience, scenarios),
    };
    finish(pack, placed, (floor, cap), scenarios, true)
}

/// [`estimate`] with the self-rating left out: experience bounds the level and the answers
/// place it within those bounds (at what experience shows, or the floor, without answers).
pub fn estimate_without_rating(
    pack: &Pack,
    experience: &Experience,
    scenarios: &[(f64, f64)],
) -> Estimate {
    let (floor, cap) = bounds(pack, experience);
    let placed = if scenarios.is_empty() {
        experience.shows.unwrap_or(floor).clamp(floor, cap)
    } else {
        best_fit(pack, scenarios).clamp(floor, cap)
    };
    finish(pack, placed, (floor, cap), scenarios, false)
}

fn finish(
    pack: &Pack,
    placed: usize,
    (floor, cap): (usize, usize),
    scenarios: &[(f64, f64)],
    rated: bool,
) -> Estimate {
    let model = &pack.scoring;
    let base = level_midpoint(pack, placed);
    let answered: f64 = scenarios.iter().map(|(_, w)| w).sum();
    let (moved, knowledge_se) = if answered > 0.0 {
        let share = scenarios.iter().map(|(f, w)| f * w).sum::<f64>() / answered;
        let weight = knowledge_weight(pack, answered);
        let moved = weight * 100.0 * (share - expected_right(pack, placed));
        // Laplace's estimate keeps the error of one or two answers from reading as zero.
        let p = (share * answered + 1.0) / (answered + 2.0);
        (moved, weight * 100.0 * (p * (1.0 - p) / answered).sqrt())
    } else {
        (0.0, 0.0)
    };
    let self_report = if rated { model.self_report_sem } else { 0.0 };
    let sem = one_decimal((knowledge_se.powi(2) + self_report.powi(2)).sqrt());
    let ceiling_points = ceiling_points(pack, cap);
    let score = one_decimal((base + moved).clamp(0.0, ceiling_points));
    let level = level_for(pack, score).min(cap);
    let low = one_decimal((score - BAND_SE * sem).max(0.0));
    let high = one_decimal((score + BAND_SE * sem).min(ceiling_points));
    let (below, above) = (level_for(pack, low), level_for(pack, high).min(cap));
    let could_be = match (below < level, above > level) {
        (true, true) => {
            let down = score - pack.levels[level].min_score;
            let up = pack.levels[level + 1].min_score - score;
            Some(if down <= up { level - 1 } else { level + 1 })
        }
        (true, false) => Some(level - 1),
        (false, true) => Some(level + 1),
        (false, false) => None,
    };
    Estimate {
        score,
        level,
        placed,
        bounds: (floor, cap),
        sem,
        band: (low, high),
        could_be,
    }
}

/// The weight scenario answers carry after `answered` of them: `knowledge_weight` ×
/// n / (n + `knowledge_half_at`).
pub fn knowledge_weight(pack: &Pack, answered: f64) -> f64 {
    let model = &pack.scoring;
    model.knowledge_weight * answered / (answered + model.knowledge_half_at.max(f64::EPSILON))
}

/// The highest score the cap allows: a point under the next level's threshold, so that a
/// score held there never reads, rounded, as that threshold.
fn ceiling_points(pack: &Pack, cap: usize) -> f64 {
    pack.levels.get(cap + 1).map_or(100.0, |above| {
        (above.min_score - 1.0).max(pack.levels[cap].min_score)
    })
}

/// The level of the pack's `doing_from`, if it names one.
pub fn doing_from(pack: &Pack) -> Option<usize> {
    pack.scoring
        .doing_from
        .as_deref()
        .and_then(|id| pack.level_index(id))
}

/// The share (0–1) of scenarios a person at `level` is expected to answer right: the pack's
/// `expected_right`, or evenly from 0.3 to 0.9 where it names none.
pub fn expected_right(pack: &Pack, level: usize) -> f64 {
    pack.levels
        .get(level)
        .and_then(|l| pack.scoring.expected_right.get(&l.id).copied())
        .unwrap_or_else(|| {
            let last = pack.levels.len().saturating_sub(1).max(1) as f64;
            0.3 + 0.6 * level as f64 / last
        })
        .clamp(0.01, 0.99)
}

/// The log-likelihood of scenario answers at `level`: each answer's fraction read as a share
/// of a right answer, against the share expected at that level.
pub fn log_likelihood(pack: &Pack, level: usize, scenarios: &[(f64, f64)]) -> f64 {
    let e = expected_right(pack, level);
    scenarios
        .iter()
        .map(|(f, w)| w * (f * e.ln() + (1.0 - f) * (1.0 - e).ln()))
        .sum()
}

/// The level the answers alone fit best (the lower one on a tie).
pub fn best_fit(pack: &Pack, scenarios: &[(f64, f64)]) -> usize {
    (0..pack.levels.len())
        .map(|l| (l, log_likelihood(pack, l, scenarios)))
        .fold((0, f64::NEG_INFINITY), |best, (l, ll)| {
            if ll > best.1 + 1e-12 {
                (l, ll)
            } else {
                best
            }
        })
        .0
}

/// How much better the answers fit the level next to `placed`, on the side they point to,
/// than `placed` itself (a log-likelihood ratio; above 0 they point away). Follow-up
/// scenarios go where this is largest.
pub fn pull_away(pack: &Pack, placed: usize, scenarios: &[(f64, f64)]) -> f64 {
    let answered: f64 = scenarios.iter().map(|(_, w)| w).sum();
    if answered <= 0.0 {
        return 0.0;
    }
    let share = scenarios.iter().map(|(f, w)| f * w).sum::<f64>() / answered;
    let neighbour = if share > expected_right(pack, placed) {
        placed + 1
    } else {
        match placed.checked_sub(1) {
            Some(n) => n,
            None => return 0.0,
        }
    };
    if neighbour >= pack.levels.len() {
        return 0.0;
    }
    log_likelihood(pack, neighbour, scenarios) - log_likelihood(pack, placed, scenarios)
}

/// `Over` or `Under` when at least two answers fit a level two or more steps from the rated
/// one at least `calibration_odds` times better than the rated level.
fn calibration(pack: &Pack, rated: usize, scenarios: &[(f64, f64)]) -> Option<Direction> {
    let answered: f64 = scenarios.iter().map(|(_, w)| w).sum();
    if answered < 2.0 {
        return None;
    }
    let fits = best_fit(pack, scenarios);
    let odds =
        (log_likelihood(pack, fits, scenarios) - log_likelihood(pack, rated, scenarios)).exp();
    if fits.abs_diff(rated) < 2 || odds < pack.scoring.calibration_odds {
        return None;
    }
    Some(if fits < rated {
        Direction::Over
    } else {
        Direction::Under
    })
}

fn knowledge_of(pack: &Pack, scenarios: &[(f64, f64)]) -> Option<Knowledge> {
    let answered: f64 = scenarios.iter().map(|(_, w)| w).sum();
    (answered > 0.0).then(|| Knowledge {
        share: one_decimal(scenarios.iter().map(|(f, w)| f * w).sum::<f64>() / answered * 100.0),
        fits: best_fit(pack, scenarios),
    })
}

/// The middle of a level's band of scores: where a placement at that level puts a score.
pub fn level_midpoint(pack: &Pack, level: usize) -> f64 {
    let low = pack.levels.get(level).map_or(0.0, |l| l.min_score);
    let high = pack.levels.get(level + 1).map_or(100.0, |l| l.min_score);
    (low + high) / 2.0
}

/// One decimal place: enough to explain, stable in snapshots.
fn one_decimal(n: f64) -> f64 {
    (n * 10.0).round() / 10.0
}

/// The highest level whose threshold `score` reaches.
pub fn level_for(pack: &Pack, score: f64) -> usize {
    pack.levels
        .iter()
        .rposition(|l| score >= l.min_score)
        .unwrap_or(0)
}

/// The band of a number question that `value` reaches, if any.
fn reached_band<'q>(question: &'q Question, value: &Value) -> Option<&'q crate::pack::Band> {
    let n = value.as_number()?;
    question.bands.iter().rev().find(|b| n >= b.from)
}

/// The 0–1 fraction of its weight that `value` earns on `question`.
pub fn fraction(pack: &Pack, question: &Question, value: &Value) -> f64 {
    match question.kind {
        QuestionKind::Rating => {
            let last = pack.levels.len().saturating_sub(1).max(1) as f64;
            value
                .as_text()
                .and_then(|l| pack.level_index(l))
                .map_or(0.0, |i| i as f64 / last)
        }
        QuestionKind::Choice => {
            let right = question.options.iter().find(|o| o.correct);
            match (value.as_text(), right) {
                (Some(picked), Some(right)) if picked == right.id => 1.0,
                _ => 0.0,
            }
        }
        QuestionKind::Multi => {
            let picked = value.as_list();
            let right = question.options.iter().filter(|o| o.correct).count();
            if right == 0 {
                return 0.0;
            }
            let (hits, misses) =
                picked.iter().fold((0usize, 0usize), |(h, m), id| {
                    match question.options.iter().find(|o| o.id == *id) {
                        Some(o) if o.correct => (h + 1, m),
                        _ => (h, m + 1),
                    }
                });
            (hits as f64 - misses as f64).max(0.0) / right as f64
        }
        QuestionKind::YesNo => match value.as_bool() {
            Some(true) => 1.0,
            _ => 0.0,
        },
        QuestionKind::Number => {
            let last = question.bands.len().saturating_sub(1);
            match reached_band(question, value) {
                Some(band) if last > 0 => {
                    let i = question
                        .bands
                        .iter()
                        .position(|b| std::ptr::eq(b, band))
                        .unwrap_or(0);
                    i as f64 / last as f64
                }
                Some(band) => f64::from(u8::from(band.shows.is_some())),
                None => 0.0,
            }
        }
    }
}

#[cfg(test)]
mod tests;
