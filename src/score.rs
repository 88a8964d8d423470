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
    /// 0–100, the weighted mean of the question fractions.
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
    /// Score and level of the knowledge (scenario) questions alone, if there are any.
    pub knowledge: Option<(f64, usize)>,
    /// What each question contributed, so the report can explain the score.
    pub evidence: Vec<Evidence>,
}

impl CompetencyScore {
    /// Self-rating minus knowledge level: positive means rated higher than answers show.
    pub fn calibration(&self) -> Option<i64> {
        let (_, knowledge) = self.knowledge?;
        Some(self.self_rating? as i64 - knowledge as i64)
    }
}

/// What one question added to its competency's score.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub question: String,
    pub kind: QuestionKind,
    /// 0–1 of the question's weight.
    pub fraction: f64,
    pub weight: f64,
}

/// Scores `answers` against `profile`. Unanswered or unreadable answers count as 0: the caller
/// checks completeness first (see [`crate::answers::check`]).
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
    let evidence: Vec<Evidence> = competency
        .questions
        .iter()
        .map(|q| Evidence {
            question: q.id.clone(),
            kind: q.kind,
            fraction: answers
                .answers
                .get(&q.id)
                .map_or(0.0, |v| fraction(pack, q, v)),
            weight: q.weight,
        })
        .collect();
    let score = weighted_score(evidence.iter());
    let knowledge_items: Vec<&Evidence> =
        evidence.iter().filter(|e| e.kind.is_knowledge()).collect();
    let knowledge = (!knowledge_items.is_empty()).then(|| {
        let s = weighted_score(knowledge_items.into_iter());
        (s, level_for(pack, s))
    });
    let self_rating = competency
        .questions
        .iter()
        .find(|q| q.kind == QuestionKind::Rating)
        .and_then(|q| answers.answers.get(&q.id))
        .and_then(Value::as_text)
        .and_then(|level| pack.level_index(level));
    let level = level_for(pack, score);
    let (target, importance) = profile.targets.get(&competency.id).map_or((0, 0.0), |t| {
        (pack.level_index(&t.level).unwrap_or(0), t.importance)
    });
    let gap = target.saturating_sub(level);
    CompetencyScore {
        id: competency.id.clone(),
        title: competency.title.clone(),
        score,
        level,
        target,
        gap,
        importance,
        priority: gap as f64 * importance,
        self_rating,
        knowledge,
        evidence,
    }
}

fn weighted_score<'a>(items: impl Iterator<Item = &'a Evidence>) -> f64 {
    let (earned, possible) = items.fold((0.0, 0.0), |(e, p), item| {
        (e + item.fraction * item.weight, p + item.weight)
    });
    if possible > 0.0 {
        // One decimal place: enough to explain, stable in snapshots.
        (earned / possible * 1000.0).round() / 10.0
    } else {
        0.0
    }
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
    use crate::pack::{Band, Choice, Level, Target};
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
            weight,
            options: vec![],
            explanation: None,
            label: None,
            source: None,
            unit: None,
            min: None,
            max: None,
            bands: vec![],
        }
    }

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
                question("c_yes", QuestionKind::YesNo, 1.0),
                number,
            ],
        };
        let mut targets = BTreeMap::new();
        targets.insert(
            "c".to_string(),
            Target {
                level: "expert".into(),
                importance: 3.0,
            },
        );
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
            competencies: vec![competency],
            recommendations: vec![],
            certifications: vec![],
        }
    }

    fn answers(pairs: &[(&str, Value)]) -> Answers {
        Answers {
            person: None,
            profile: None,
            facts: BTreeMap::new(),
            answers: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        }
    }

    fn text(s: &str) -> Value {
        Value::Text(s.into())
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
        let list = |ids: &[&str]| Value::List(ids.iter().map(|s| s.to_string()).collect());
        assert_eq!(fraction(&pack, &q("c_multi"), &list(&["a", "b"])), 1.0);
        assert_eq!(fraction(&pack, &q("c_multi"), &list(&["a"])), 0.5);
        assert_eq!(fraction(&pack, &q("c_multi"), &list(&["a", "c"])), 0.0);
        assert_eq!(
            fraction(&pack, &q("c_multi"), &list(&["c"])),
            0.0,
            "never below zero"
        );
        assert_eq!(fraction(&pack, &q("c_yes"), &Value::Bool(true)), 1.0);
        assert_eq!(fraction(&pack, &q("c_yes"), &text("no")), 0.0);
        assert_eq!(fraction(&pack, &q("c_number"), &Value::Number(11.0)), 0.0);
        assert_eq!(fraction(&pack, &q("c_number"), &Value::Number(12.0)), 0.5);
        assert_eq!(fraction(&pack, &q("c_number"), &Value::Number(400.0)), 1.0);
    }

    #[test]
    fn competency_score_is_the_weighted_mean_and_sets_level_gap_priority() {
        let pack = pack();
        // rating competent (0.5 × 2) + choice right (1) + multi half (0.5) + no (0) + 12 (0.5)
        // = 3.0 of 6 → 50.0 → competent; target expert → gap 2, priority 6.
        let a = answers(&[
            ("c_rating", text("competent")),
            ("c_choice", text("b")),
            ("c_multi", Value::List(vec!["a".into()])),
            ("c_yes", Value::Bool(false)),
            ("c_number", Value::Number(12.0)),
        ]);
        let result = score(&pack, &pack.profiles[0], &a);
        let c = &result.competencies[0];
        assert_eq!(c.score, 50.0);
        assert_eq!(pack.levels[c.level].id, "competent");
        assert_eq!(c.gap, 2);
        assert_eq!(c.priority, 6.0);
        assert_eq!(c.self_rating, Some(2));
        // knowledge: (1 + 0.5) / 2 = 75 → proficient; rated competent → calibration −1.
        assert_eq!(c.knowledge, Some((75.0, 3)));
        assert_eq!(c.calibration(), Some(-1));
        assert_eq!(result.ranked_gaps().len(), 1);
    }

    #[test]
    fn meeting_the_target_leaves_no_gap() {
        let pack = pack();
        let a = answers(&[
            ("c_rating", text("expert")),
            ("c_choice", text("b")),
            ("c_multi", Value::List(vec!["a".into(), "b".into()])),
            ("c_yes", Value::Bool(true)),
            ("c_number", Value::Number(30.0)),
        ]);
        let result = score(&pack, &pack.profiles[0], &a);
        assert_eq!(result.competencies[0].score, 100.0);
        assert_eq!(result.competencies[0].gap, 0);
        assert!(result.ranked_gaps().is_empty());
    }

    #[test]
    fn level_thresholds_are_inclusive() {
        let pack = pack();
        assert_eq!(level_for(&pack, 0.0), 0);
        assert_eq!(level_for(&pack, 19.9), 0);
        assert_eq!(level_for(&pack, 20.0), 1);
        assert_eq!(level_for(&pack, 100.0), 4);
    }
}
