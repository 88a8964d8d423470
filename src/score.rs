//! Scoring: answers in, per-competency scores, levels and gaps out. Pure: no I/O, no clock.

use crate::answers::{Answers, Value};
use crate::pack::{Competency, Pack, Profile, Question, QuestionKind};

/// What a set of answers shows against one profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub profile: String,
    /// In the pack's order.
    pub competencies: Vec<CompetencyScore>,
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
    /// 0–100: the evidence score moved by the self-rating, within what experience allows.
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
    /// Score and level of the scenario answers alone, if any were answered.
    pub knowledge: Option<(f64, usize)>,
    /// Share (0–100) of the experience that holds, if any experience was asked.
    pub experience: Option<f64>,
    /// 0–100 from scenarios and experience alone, before the self-rating, within the
    /// experience ceiling; and its level.
    pub evidence: (f64, usize),
    /// The highest level the experience supports, when it held the score below the level its
    /// points would reach.
    pub capped_at: Option<usize>,
    /// Where the self-rating and the evidence disagree by the pack's margin.
    pub calibration: Option<Direction>,
    /// What each question contributed, so the report can explain the score.
    pub items: Vec<Evidence>,
}

/// Which way a self-rating misses the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Rated higher than the answers and experience show.
    Over,
    /// Rated lower than the answers and experience show.
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

/// Scores `answers` against `profile`. Only answered questions count: the default run asks a
/// few scenarios from a bigger bank, and a share of those is comparable with a share of all.
/// The caller checks completeness first (see [`crate::answers::check`]).
pub fn score(pack: &Pack, profile: &Profile, answers: &Answers) -> Assessment {
    let competencies = pack
        .competencies
        .iter()
        .map(|competency| score_competency(pack, profile, competency, answers))
        .collect();
    Assessment {
        profile: profile.id.clone(),
        competencies,
    }
}

fn score_competency(
    pack: &Pack,
    profile: &Profile,
    competency: &Competency,
    answers: &Answers,
) -> CompetencyScore {
    let items: Vec<Evidence> = competency
        .questions
        .iter()
        .filter_map(|q| {
            let value = answers.answers.get(q.id.as_str())?;
            Some(Evidence {
                question: q.id.clone(),
                kind: q.kind,
                fraction: fraction(pack, q, value),
                weight: q.weight,
            })
        })
        .collect();
    let share_of = |keep: fn(QuestionKind) -> bool| -> Option<f64> {
        let (earned, possible) = items
            .iter()
            .filter(|e| keep(e.kind))
            .fold((0.0, 0.0), |(e, p), item| {
                (e + item.fraction * item.weight, p + item.weight)
            });
        (possible > 0.0).then(|| earned / possible)
    };
    let knowledge_share = share_of(QuestionKind::is_knowledge);
    let experience_share = share_of(QuestionKind::is_experience);
    let self_rating = competency
        .questions
        .iter()
        .find(|q| q.kind == QuestionKind::Rating)
        .and_then(|q| answers.answers.get(q.id.as_str()))
        .and_then(Value::as_text)
        .and_then(|level| pack.level_index(level));

    let model = &pack.scoring;
    let ceiling = experience_ceiling(pack, experience_share.unwrap_or(0.0));
    // Points of the kinds of evidence this competency has; a pack may leave one out.
    let parts = [
        (knowledge_share, model.knowledge_points),
        (experience_share, model.experience_points),
    ];
    let possible: f64 = parts
        .iter()
        .filter(|(s, _)| s.is_some())
        .map(|(_, p)| p)
        .sum();
    let raw_evidence = if possible > 0.0 {
        parts
            .iter()
            .filter_map(|(share, points)| share.map(|s| s * points))
            .sum::<f64>()
            * 100.0
            / possible
    } else {
        // Only a self-rating: it is all there is to go on.
        self_rating.map_or(0.0, |r| level_midpoint(pack, r))
    };
    let evidence = cap(pack, raw_evidence, ceiling);
    let pulled = match self_rating {
        Some(rated) => {
            let distance = level_midpoint(pack, rated) - raw_evidence;
            let limit = model.self_rating_max_points;
            (raw_evidence + (distance * model.self_rating_share).clamp(-limit, limit))
                .clamp(0.0, 100.0)
        }
        None => raw_evidence,
    };
    let score = cap(pack, pulled, ceiling);
    let capped_at = (level_for(pack, pulled) > ceiling).then_some(ceiling);
    let calibration = self_rating.and_then(|rated| {
        let distance = level_midpoint(pack, rated) - evidence.0;
        if distance >= model.calibration_margin {
            Some(Direction::Over)
        } else if -distance >= model.calibration_margin {
            Some(Direction::Under)
        } else {
            None
        }
    });
    let level = level_for(pack, score.0).min(ceiling);
    let (target, importance) = profile.targets.get(&competency.id).map_or((0, 0.0), |t| {
        (pack.level_index(&t.level).unwrap_or(0), t.importance)
    });
    let gap = target.saturating_sub(level);
    CompetencyScore {
        id: competency.id.clone(),
        title: competency.title.clone(),
        score: score.0,
        level,
        target,
        gap,
        importance,
        priority: gap as f64 * importance,
        self_rating,
        knowledge: knowledge_share.map(|s| {
            let points = one_decimal(s * 100.0);
            (points, level_for(pack, points))
        }),
        experience: experience_share.map(|s| one_decimal(s * 100.0)),
        evidence,
        capped_at,
        calibration,
        items,
    }
}

/// The highest level an experience share supports: each level named in `experience_needed`
/// (and every level above it) needs at least that share.
pub fn experience_ceiling(pack: &Pack, experience_share: f64) -> usize {
    let mut ceiling = pack.levels.len().saturating_sub(1);
    for (i, level) in pack.levels.iter().enumerate() {
        let needed = pack.scoring.experience_needed.get(&level.id);
        if needed.is_some_and(|n| experience_share + 1e-9 < *n) {
            ceiling = ceiling.min(i.saturating_sub(1));
        }
    }
    ceiling
}

/// `points` rounded to one decimal and held below the level above `ceiling`, with the level.
fn cap(pack: &Pack, points: f64, ceiling: usize) -> (f64, usize) {
    let mut points = one_decimal(points);
    if let Some(above) = pack.levels.get(ceiling + 1) {
        if points >= above.min_score {
            points = one_decimal(above.min_score - 0.1);
        }
    }
    (points, level_for(pack, points).min(ceiling))
}

/// The middle of a level's band of scores: where a self-rating at that level points.
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
            let n = value.as_number().unwrap_or(f64::NEG_INFINITY);
            question
                .bands
                .iter()
                .rev()
                .find(|b| n >= b.from)
                .map_or(0.0, |b| b.score)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{Band, Choice, DefaultRun, Level, Scoring, Target};
    use std::collections::BTreeMap;

    fn level(id: &str, min: f64) -> Level {
        Level {
            id: id.into(),
            title: id.into(),
            min_score: min,
            description: "d".into(),
            short_title: None,
        }
    }

    fn option(id: &str, correct: bool) -> Choice {
        Choice {
            id: id.into(),
            text: id.into(),
            correct,
        }
    }

    fn question(id: &str, kind: QuestionKind, weight: f64) -> Question {
        Question {
            id: id.into(),
            kind,
            prompt: "p".into(),
            label: None,
            weight,
            options: vec![],
            explanation: None,
            source: None,
            unit: None,
            min: None,
            max: None,
            bands: vec![],
        }
    }

    /// One competency: a rating, two scenarios (a choice and a multi), two experience
    /// statements and a number; the built-in pack's scoring model.
    fn pack() -> Pack {
        let mut choice = question("c_choice", QuestionKind::Choice, 1.0);
        choice.options = vec![option("a", false), option("b", true)];
        let mut multi = question("c_multi", QuestionKind::Multi, 1.0);
        multi.options = vec![option("a", true), option("b", true), option("c", false)];
        let mut number = question("c_number", QuestionKind::Number, 1.0);
        number.bands = vec![
            Band {
                from: 0.0,
                score: 0.0,
            },
            Band {
                from: 12.0,
                score: 0.5,
            },
            Band {
                from: 24.0,
                score: 1.0,
            },
        ];
        let competency = Competency {
            id: "c".into(),
            title: "C".into(),
            short_title: None,
            summary: "s".into(),
            levels: BTreeMap::new(),
            questions: vec![
                question("c_rating", QuestionKind::Rating, 2.0),
                choice,
                multi,
                question("c_did", QuestionKind::YesNo, 1.0),
                question("c_led", QuestionKind::YesNo, 1.0),
            ],
        };
        let mut with_number = competency.clone();
        with_number.id = "n".into();
        with_number.questions = vec![number];
        let mut targets = BTreeMap::new();
        targets.insert(
            "c".into(),
            Target {
                level: "expert".into(),
                importance: 3.0,
            },
        );
        let mut experience_needed = BTreeMap::new();
        experience_needed.insert("proficient".into(), 0.5);
        experience_needed.insert("expert".into(), 0.75);
        Pack {
            id: "p".into(),
            title: "P".into(),
            version: 1,
            description: "d".into(),
            levels: vec![
                level("novice", 0.0),
                level("advanced_beginner", 20.0),
                level("competent", 40.0),
                level("proficient", 60.0),
                level("expert", 80.0),
            ],
            profiles: vec![Profile {
                id: "pm".into(),
                title: "PM".into(),
                description: "d".into(),
                rationale: "r".into(),
                targets,
            }],
            facts: vec![],
            competencies: vec![competency, with_number],
            recommendations: vec![],
            certifications: vec![],
            scoring: Scoring {
                experience_needed,
                ..Scoring::default()
            },
            default_run: DefaultRun::default(),
            index: Default::default(),
        }
    }

    fn answers(pairs: &[(&str, Value)]) -> Answers {
        Answers {
            answers: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
            ..Answers::default()
        }
    }

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    fn list(ids: &[&str]) -> Value {
        Value::List(ids.iter().map(|s| s.to_string()).collect())
    }

    /// Scores competency `c` with a rating, scenario answers and the two statements.
    fn person(rating: &str, choice: &str, multi: &[&str], did: bool, led: bool) -> CompetencyScore {
        let pack = pack();
        let a = answers(&[
            ("c_rating", text(rating)),
            ("c_choice", text(choice)),
            ("c_multi", list(multi)),
            ("c_did", Value::Bool(did)),
            ("c_led", Value::Bool(led)),
        ]);
        score(&pack, &pack.profiles[0], &a).competencies[0].clone()
    }

    #[test]
    fn fractions_follow_the_documented_rules() {
        let pack = pack();
        let q = |id: &str| pack.question(id).unwrap().1.clone();
        assert_eq!(fraction(&pack, &q("c_rating"), &text("novice")), 0.0);
        assert_eq!(fraction(&pack, &q("c_rating"), &text("competent")), 0.5);
        assert_eq!(fraction(&pack, &q("c_rating"), &text("expert")), 1.0);
        assert_eq!(fraction(&pack, &q("c_choice"), &text("b")), 1.0);
        assert_eq!(fraction(&pack, &q("c_choice"), &text("a")), 0.0);
        assert_eq!(fraction(&pack, &q("c_multi"), &list(&["a", "b"])), 1.0);
        assert_eq!(fraction(&pack, &q("c_multi"), &list(&["a"])), 0.5);
        assert_eq!(fraction(&pack, &q("c_multi"), &list(&["a", "c"])), 0.0);
        assert_eq!(
            fraction(&pack, &q("c_multi"), &list(&["c"])),
            0.0,
            "never below zero"
        );
        assert_eq!(fraction(&pack, &q("c_did"), &Value::Bool(true)), 1.0);
        assert_eq!(fraction(&pack, &q("c_did"), &text("no")), 0.0);
        assert_eq!(fraction(&pack, &q("c_number"), &Value::Number(11.0)), 0.0);
        assert_eq!(fraction(&pack, &q("c_number"), &Value::Number(12.0)), 0.5);
        assert_eq!(fraction(&pack, &q("c_number"), &Value::Number(400.0)), 1.0);
    }

    #[test]
    fn knowledge_and_experience_each_earn_half_and_the_rating_pulls_a_quarter() {
        // Both scenarios right (50) and one statement of two (25): evidence 75. Rated expert
        // (midpoint 90): a quarter of the 15 points between is 3.75 → 78.8, proficient.
        let c = person("expert", "b", &["a", "b"], true, false);
        assert_eq!(c.knowledge, Some((100.0, 4)));
        assert_eq!(c.experience, Some(50.0));
        assert_eq!(c.evidence, (75.0, 3));
        assert_eq!(c.score, 78.8);
        assert_eq!(c.level, 3);
        assert_eq!(c.gap, 1);
        assert_eq!(c.priority, 3.0);
        assert_eq!(c.capped_at, None);
        assert_eq!(c.calibration, None);
    }

    #[test]
    fn knowing_everything_without_experience_stops_at_competent() {
        // Evidence 50; rated expert pulls 10 points up to 60, which proficient would start at,
        // but proficient needs half the experience: held at 59.9, competent.
        let c = person("expert", "b", &["a", "b"], false, false);
        assert_eq!(c.evidence, (50.0, 2));
        assert_eq!(c.score, 59.9);
        assert_eq!(c.level, 2);
        assert_eq!(c.capped_at, Some(2));
        assert_eq!(c.calibration, Some(Direction::Over), "90 against 50");
    }

    #[test]
    fn expert_needs_all_the_evidence() {
        let c = person("expert", "b", &["a", "b"], true, true);
        assert_eq!(c.evidence, (100.0, 4));
        assert_eq!(c.score, 97.5);
        assert_eq!(c.level, 4);
        assert_eq!(c.gap, 0);
        assert_eq!(c.calibration, None);
        // One statement short of all: proficient at most, however high the points.
        let c = person("expert", "b", &["a", "b"], true, false);
        assert_eq!(c.level, 3);
    }

    #[test]
    fn the_self_rating_moves_a_score_ten_points_at_most_either_way() {
        // Nothing right, nothing done: evidence 0. Rated expert: +10 at most.
        let high = person("expert", "a", &["c"], false, false);
        assert_eq!((high.evidence.0, high.score), (0.0, 10.0));
        assert_eq!(high.calibration, Some(Direction::Over));
        // Everything right and done, rated novice (midpoint 10): −10 at most.
        let low = person("novice", "b", &["a", "b"], true, true);
        assert_eq!((low.evidence.0, low.score), (100.0, 90.0));
        assert_eq!(low.calibration, Some(Direction::Under));
    }

    #[test]
    fn calibration_needs_a_meaningful_margin() {
        // Evidence 50 (competent); rated proficient (70): 20 apart, under the 30 margin.
        let c = person("proficient", "b", &["a", "b"], false, false);
        assert_eq!(c.calibration, None);
        // Rated advanced beginner (30): 20 apart the other way, still agreement.
        let c = person("advanced_beginner", "b", &["a", "b"], false, false);
        assert_eq!(c.calibration, None);
    }

    #[test]
    fn only_answered_questions_count() {
        // Only the choice is answered (right) and no experience was asked: the knowledge
        // share is 100% of what was asked, and the experience points are not in play.
        let pack = pack();
        let a = answers(&[("c_rating", text("competent")), ("c_choice", text("b"))]);
        let c = score(&pack, &pack.profiles[0], &a).competencies[0].clone();
        assert_eq!(c.knowledge, Some((100.0, 4)));
        assert_eq!(c.experience, None);
        assert_eq!(c.items.len(), 2);
        assert_eq!(
            c.capped_at,
            Some(2),
            "no experience, no level above competent"
        );
        assert_eq!(c.level, 2);
    }

    #[test]
    fn experience_alone_is_scored_on_its_own_scale() {
        let pack = pack();
        let a = answers(&[("c_number", Value::Number(30.0))]);
        let n = score(&pack, &pack.profiles[0], &a).competencies[1].clone();
        assert_eq!(n.experience, Some(100.0));
        assert_eq!(n.score, 100.0);
        assert_eq!(n.level, 4);
    }

    #[test]
    fn level_thresholds_are_inclusive_and_midpoints_split_bands() {
        let pack = pack();
        assert_eq!(level_for(&pack, 0.0), 0);
        assert_eq!(level_for(&pack, 19.9), 0);
        assert_eq!(level_for(&pack, 20.0), 1);
        assert_eq!(level_for(&pack, 100.0), 4);
        assert_eq!(level_midpoint(&pack, 0), 10.0);
        assert_eq!(level_midpoint(&pack, 4), 90.0);
        assert_eq!(experience_ceiling(&pack, 0.0), 2);
        assert_eq!(experience_ceiling(&pack, 0.5), 3);
        assert_eq!(experience_ceiling(&pack, 1.0), 4);
    }
}
