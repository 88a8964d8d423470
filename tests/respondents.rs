//! Simulated respondents: answers filled in from the pack by rule, scored as a person's would
//! be. A sound instrument gives a guesser about chance, stops someone who knows but never did
//! at competent, and calls a seasoned expert an expert without a calibration warning
//! (see ../shared/design/MEASUREMENT.md).

mod common;

use std::collections::BTreeMap;

use skillgap::answers::{self, Answers, Completeness, Value};
use skillgap::pack::{load_embedded, Pack, Question, QuestionKind};
use skillgap::score::{score, Assessment, Direction};
use skillgap::selection::{self, Scope};

/// How a simulated person answers each kind of question.
struct Rules<'a> {
    rating: &'a dyn Fn(&Pack) -> String,
    choice: &'a mut dyn FnMut(&Question) -> String,
    multi: &'a mut dyn FnMut(&Question) -> Vec<String>,
    experience: bool,
}

/// An answers document for the questions in `asked`, filled in by `rules`, with the background
/// facts of someone starting out.
fn fill(pack: &Pack, asked: &[String], rules: Rules<'_>) -> Answers {
    let Rules {
        rating,
        choice,
        multi,
        experience,
    } = rules;
    let mut answers = BTreeMap::new();
    for (_, q) in pack.questions().filter(|(_, q)| asked.contains(&q.id)) {
        let value = match q.kind {
            QuestionKind::Rating => Value::Text(rating(pack)),
            QuestionKind::Choice => Value::Text(choice(q)),
            QuestionKind::Multi => Value::List(multi(q)),
            QuestionKind::YesNo => Value::Bool(experience),
            QuestionKind::Number => {
                Value::Number(if experience { q.max } else { q.min }.unwrap_or(0.0))
            }
        };
        answers.insert(q.id.to_string(), value);
    }
    let facts = [
        ("degree", Value::Text("bachelor".into())),
        ("months_leading_projects", Value::Number(0.0)),
        ("pm_education_hours", Value::Number(0.0)),
        ("months_agile", Value::Number(0.0)),
        ("agile_training_hours", Value::Number(0.0)),
        ("months_information_systems", Value::Number(0.0)),
        ("months_privacy_security", Value::Number(0.0)),
        ("certifications_held", Value::List(vec![])),
        ("works_in_healthcare", Value::Bool(false)),
        ("on_project_now", Value::Bool(false)),
        ("degree_gac_accredited", Value::Bool(false)),
        ("degree_in_computing", Value::Bool(false)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let mut doc = Answers {
        profile: Some("senior".into()),
        facts,
        answers,
        ..Answers::default()
    };
    let problems = answers::check(
        pack,
        &mut doc,
        "simulated",
        &Default::default(),
        Completeness::Required,
    );
    assert!(problems.is_empty(), "{problems:?}");
    doc
}

fn assess(pack: &Pack, answers: &Answers) -> Assessment {
    score(pack, pack.profile("senior").unwrap(), answers)
}

/// The runs a person may take: the whole bank, and the default run's first three draws.
fn runs(pack: &Pack) -> Vec<(String, Vec<String>)> {
    let mut out = vec![(
        "the whole bank".to_string(),
        selection::questions(pack, &Scope::Thorough, &[]),
    )];
    for draw in 0..3 {
        out.push((
            format!("default run {draw}"),
            selection::questions(pack, &Scope::Default { draw }, &[]),
        ));
    }
    out
}

fn middle_rating(pack: &Pack) -> String {
    pack.levels[pack.levels.len() / 2].id.to_string()
}

fn length(text: &str) -> usize {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .count()
}

fn longest(q: &Question) -> String {
    q.options
        .iter()
        .max_by_key(|o| length(&o.text))
        .unwrap()
        .id
        .to_string()
}

fn longer_half(q: &Question) -> Vec<String> {
    let mut by_length: Vec<_> = q.options.iter().collect();
    by_length.sort_by_key(|o| std::cmp::Reverse(length(&o.text)));
    by_length
        .iter()
        .take(q.options.len().div_ceil(2))
        .map(|o| o.id.to_string())
        .collect()
}

fn keys(q: &Question) -> Vec<String> {
    q.options
        .iter()
        .filter(|o| o.correct)
        .map(|o| o.id.to_string())
        .collect()
}

/// Someone who answers every scenario right, rates themselves at level `rating` and has done
/// everything (`experience`) or nothing.
fn knows_every_key(pack: &Pack, asked: &[String], rating: usize, experience: bool) -> Answers {
    fill(
        pack,
        asked,
        Rules {
            rating: &|pack: &Pack| pack.levels[rating].id.to_string(),
            choice: &mut |q: &Question| keys(q)[0].clone(),
            multi: &mut keys,
            experience,
        },
    )
}

fn mean_knowledge(a: &Assessment) -> f64 {
    let scores: Vec<f64> = a
        .competencies
        .iter()
        .filter_map(|c| c.knowledge.map(|(s, _)| s))
        .collect();
    scores.iter().sum::<f64>() / scores.len() as f64
}

fn competent(pack: &Pack) -> usize {
    pack.level_index("competent").unwrap()
}

fn above_competent(pack: &Pack, a: &Assessment) -> Vec<String> {
    a.competencies
        .iter()
        .filter(|c| c.level > competent(pack))
        .map(|c| format!("{} ({})", c.id, pack.levels[c.level].id))
        .collect()
}

#[test]
fn a_test_wise_guesser_earns_about_chance_and_nothing_above_competent() {
    let pack = load_embedded().unwrap();
    for (run, asked) in runs(&pack) {
        let answers = fill(
            &pack,
            &asked,
            Rules {
                rating: &middle_rating,
                choice: &mut longest,
                multi: &mut longer_half,
                experience: false,
            },
        );
        let a = assess(&pack, &answers);
        let knowledge = mean_knowledge(&a);
        assert!(
            knowledge <= 40.0,
            "{run}: the longest option earns {knowledge:.0}/100"
        );
        assert_eq!(above_competent(&pack, &a), Vec::<String>::new(), "{run}");
    }
}

/// xorshift64*: a small, seeded generator, so the test is the same on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn a_random_guesser_earns_about_chance() {
    let pack = load_embedded().unwrap();
    let asked = selection::questions(&pack, &Scope::Thorough, &[]);
    let rng = std::cell::RefCell::new(Random(0x5EED_1234_ABCD_0001));
    let mut total = 0.0;
    let people = 200;
    for _ in 0..people {
        let answers = fill(
            &pack,
            &asked,
            Rules {
                rating: &|pack: &Pack| {
                    let i = rng.borrow_mut().below(pack.levels.len());
                    pack.levels[i].id.to_string()
                },
                choice: &mut |q: &Question| {
                    let i = rng.borrow_mut().below(q.options.len());
                    q.options[i].id.to_string()
                },
                // Any non-empty subset, each equally likely.
                multi: &mut |q: &Question| {
                    let n = q.options.len();
                    let mask = 1 + rng.borrow_mut().below((1 << n) - 1);
                    (0..n)
                        .filter(|i| mask & (1 << i) != 0)
                        .map(|i| q.options[i].id.to_string())
                        .collect()
                },
                experience: false,
            },
        );
        total += mean_knowledge(&assess(&pack, &answers));
    }
    let mean = total / people as f64;
    assert!(mean <= 35.0, "a random guesser earns {mean:.0}/100");
}

#[test]
fn knowing_every_answer_without_experience_stops_at_competent() {
    let pack = load_embedded().unwrap();
    for (run, asked) in runs(&pack) {
        let answers = knows_every_key(&pack, &asked, 0, false);
        let a = assess(&pack, &answers);
        assert_eq!(above_competent(&pack, &a), Vec::<String>::new(), "{run}");
        assert!(
            a.competencies
                .iter()
                .all(|c| c.knowledge == Some((100.0, 4))),
            "{run}: every key right"
        );
    }
}

#[test]
fn a_seasoned_expert_is_an_expert_everywhere_with_no_calibration_warning() {
    let pack = load_embedded().unwrap();
    let expert = pack.levels.len() - 1;
    for (run, asked) in runs(&pack) {
        let answers = knows_every_key(&pack, &asked, pack.levels.len() - 1, true);
        let a = assess(&pack, &answers);
        for c in &a.competencies {
            assert_eq!(c.level, expert, "{run}: {}", c.id);
            assert_eq!(c.calibration, None, "{run}: {}", c.id);
        }
    }
}

#[test]
fn calibration_flags_only_real_disagreement() {
    // Someone whose self-ratings match what they know and did gets no warning; someone who
    // rates themselves expert with nothing behind it is warned everywhere, as over.
    let pack = load_embedded().unwrap();
    let asked = selection::questions(&pack, &Scope::Thorough, &[]);
    let honest = knows_every_key(&pack, &asked, 2, false);
    let a = assess(&pack, &honest);
    assert!(a.competencies.iter().all(|c| c.calibration.is_none()));
    let boastful = fill(
        &pack,
        &asked,
        Rules {
            rating: &|pack: &Pack| pack.levels.last().unwrap().id.to_string(),
            choice: &mut |q: &Question| {
                q.options
                    .iter()
                    .find(|o| !o.correct)
                    .unwrap()
                    .id
                    .to_string()
            },
            multi: &mut |q: &Question| {
                vec![q
                    .options
                    .iter()
                    .find(|o| !o.correct)
                    .unwrap()
                    .id
                    .to_string()]
            },
            experience: false,
        },
    );
    let a = assess(&pack, &boastful);
    assert!(a
        .competencies
        .iter()
        .all(|c| c.calibration == Some(Direction::Over)));
}

/// The example people, scored against the stage each aims at.
fn example(pack: &Pack, name: &str) -> Assessment {
    let path = common::root().join("examples/answers").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let (mut a, spans) = answers::parse(name, &text).unwrap();
    assert!(answers::check(pack, &mut a, name, &spans, Completeness::Required).is_empty());
    answers::normalise(pack, &mut a);
    let profile = pack.profile(a.profile.as_deref().unwrap()).unwrap();
    score(pack, profile, &a)
}

fn top_gaps(a: &Assessment, n: usize) -> Vec<&str> {
    a.ranked_gaps()
        .iter()
        .take(n)
        .map(|c| c.id.as_str())
        .collect()
}

#[test]
fn the_example_people_get_the_gaps_a_coach_would_name() {
    let pack = load_embedded().unwrap();
    let nurse = example(&pack, "clinician-to-informatics.yaml");
    let engineer = example(&pack, "software-engineer-to-healthcare.yaml");
    let banker = example(&pack, "pm-from-banking.yaml");
    let (nurse_gaps, engineer_gaps, banker_gaps) = (
        top_gaps(&nurse, 3),
        top_gaps(&engineer, 3),
        top_gaps(&banker, 3),
    );
    assert_ne!(nurse_gaps.first(), engineer_gaps.first());
    assert_ne!(engineer_gaps.first(), banker_gaps.first());
    // A nurse's gaps are on the technical and project side, never privacy or clinical work.
    for strength in ["hipaa", "workflows", "ethics"] {
        assert!(!nurse_gaps.contains(&strength), "nurse: {nurse_gaps:?}");
    }
    assert!(
        nurse_gaps.iter().any(|g| [
            "technical",
            "delivery",
            "professional_development",
            "documentation"
        ]
        .contains(g)),
        "nurse: {nurse_gaps:?}"
    );
    // An engineer new to healthcare lacks HIPAA and clinical workflows first.
    assert!(
        engineer_gaps.contains(&"hipaa"),
        "engineer: {engineer_gaps:?}"
    );
    assert!(engineer.competency("workflows").unwrap().gap > 0);
    assert!(
        !engineer_gaps.contains(&"technical"),
        "engineer: {engineer_gaps:?}"
    );
    // A PMP from banking lacks the healthcare side, not delivery or risk.
    for gap in ["workflows", "hipaa"] {
        assert!(banker_gaps.contains(&gap), "banker: {banker_gaps:?}");
    }
    for strength in ["delivery", "risk", "communication"] {
        assert_eq!(banker.competency(strength).unwrap().gap, 0, "{strength}");
    }
    // Nobody real-looking is an expert across the board, and calibration does not fire on
    // everything.
    for a in [&nurse, &engineer, &banker] {
        let experts = a.competencies.iter().filter(|c| c.level == 4).count();
        assert!(experts <= 4, "{experts} expert competencies");
        let flagged = a
            .competencies
            .iter()
            .filter(|c| c.calibration.is_some())
            .count();
        assert!(flagged <= 4, "{flagged} calibration flags");
    }
}
