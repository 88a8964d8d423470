//! A small pack built in code for unit tests of scoring and selection: five levels, the
//! built-in pack's scoring model, and competencies with a rating, three experience statements
//! (showing competent, proficient and expert) and a bank of scenarios.

use std::collections::BTreeMap;

use super::*;

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

/// A question of `kind` with nothing else set.
pub fn question(id: &str, kind: QuestionKind) -> Question {
    Question {
        id: id.into(),
        kind,
        prompt: "p".into(),
        label: None,
        weight: 1.0,
        options: vec![],
        explanation: None,
        source: None,
        unit: None,
        min: None,
        max: None,
        bands: vec![],
        field: None,
        shows: None,
        ask_if: vec![],
    }
}

/// A single-answer scenario whose key is `b`, needing field knowledge unless `judgement`.
pub fn scenario(id: &str, judgement: bool) -> Question {
    let mut q = question(id, QuestionKind::Choice);
    q.options = vec![
        option("a", false),
        option("b", true),
        option("c", false),
        option("d", false),
    ];
    q.field = Some(FieldKnowledge {
        kind: if judgement {
            FieldKind::Judgement
        } else {
            FieldKind::Rule
        },
        knowledge: "k".into(),
    });
    q
}

/// A multi-answer scenario whose keys are `a` and `b` of `a`, `b`, `c`.
pub fn multi(id: &str) -> Question {
    let mut q = question(id, QuestionKind::Multi);
    q.options = vec![option("a", true), option("b", true), option("c", false)];
    q.field = Some(FieldKnowledge {
        kind: FieldKind::Standard,
        knowledge: "k".into(),
    });
    q
}

/// A competency `id` with a rating `<id>_rating`, statements `<id>_did` (competent),
/// `<id>_led` (proficient) and `<id>_set` (expert), and `scenarios` scenarios `<id>_s0`… (the
/// last one a multi-answer item).
pub fn competency(id: &str, scenarios: usize) -> Competency {
    let mut questions = vec![question(&format!("{id}_rating"), QuestionKind::Rating)];
    for (suffix, shows) in [
        ("did", "competent"),
        ("led", "proficient"),
        ("set", "expert"),
    ] {
        let mut q = question(&format!("{id}_{suffix}"), QuestionKind::YesNo);
        q.shows = Some(shows.into());
        questions.push(q);
    }
    for i in 0..scenarios {
        let sid = format!("{id}_s{i}");
        questions.push(if i + 1 == scenarios && scenarios > 1 {
            multi(&sid)
        } else {
            scenario(&sid, false)
        });
    }
    Competency {
        id: id.into(),
        title: id.to_uppercase(),
        short_title: None,
        summary: "s".into(),
        levels: [
            "novice",
            "advanced_beginner",
            "competent",
            "proficient",
            "expert",
        ]
        .into_iter()
        .map(|l| (String::from(l), format!("{id} at {l}")))
        .collect(),
        questions,
    }
}

/// The built-in pack's scoring model and default run.
pub fn scoring() -> Scoring {
    Scoring {
        doing_from: Some("competent".into()),
        expected_right: [
            ("novice", 0.30),
            ("advanced_beginner", 0.45),
            ("competent", 0.60),
            ("proficient", 0.75),
            ("expert", 0.90),
        ]
        .into_iter()
        .map(|(l, e)| (String::from(l), e))
        .collect(),
        ..Scoring::default()
    }
}

/// A pack of `competencies` (each with `scenarios` scenarios), one profile `pm` targeting
/// proficient everywhere with importance 2, and a `certifications_held` fact.
pub fn pack(competencies: &[&str], scenarios: usize) -> Pack {
    let targets: BTreeMap<String, Target> = competencies
        .iter()
        .map(|c| {
            (
                String::from(*c),
                Target {
                    level: "proficient".into(),
                    importance: 2.0,
                },
            )
        })
        .collect();
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
            requires: None,
        }],
        facts: vec![Fact {
            id: "certifications_held".into(),
            prompt: "Certifications you hold".into(),
            kind: FactKind::List,
            options: vec![option("pmp", false)],
            unit: None,
            min: None,
            max: None,
            shortfall: None,
            help: None,
            ask_if: vec![],
            accrues: None,
            situation: None,
            part_of: None,
            may_include: vec![],
        }],
        competencies: competencies
            .iter()
            .map(|c| competency(c, scenarios))
            .collect(),
        recommendations: vec![],
        certifications: vec![],
        scoring: scoring(),
        default_run: DefaultRun::default(),
        index: Default::default(),
    }
}
