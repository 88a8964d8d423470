//! Simulated respondents: answers filled in from the pack by rule, scored as a person's would
//! be (see ../shared/design/MEASUREMENT.md). A sound instrument gives a guesser about chance,
//! never places someone who has done none of the work at a level that describes doing, calls
//! a seasoned expert an expert without a calibration warning — and gives one person of fixed
//! ability the same level on every retake, reporting change only when it is real.

mod common;

use std::collections::BTreeMap;

use skillgap::answers::{self, Answers, Completeness, Value};
use skillgap::compare;
use skillgap::pack::{load_embedded, Pack, Question, QuestionKind};
use skillgap::result::{self, ResultDocument};
use skillgap::score::{score, Assessment, Direction};
use skillgap::selection::{self, Scope};

/// xorshift64*: a small, seeded generator, so every test is the same on every run.
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
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// How a simulated person answers.
struct Rules<'a> {
    /// The level id they rate themselves at, per competency.
    rating: &'a mut dyn FnMut(&str) -> String,
    choice: &'a mut dyn FnMut(&Question) -> String,
    multi: &'a mut dyn FnMut(&Question) -> Vec<String>,
    /// Whether an experience statement is true of them.
    did: &'a mut dyn FnMut(&Question) -> bool,
}

/// The background facts of someone starting out, as every simulated person has them.
fn facts() -> BTreeMap<String, Value> {
    [
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
    .collect()
}

fn answer(q: &Question, rules: &mut Rules<'_>) -> Value {
    match q.kind {
        QuestionKind::Rating => unreachable!("ratings are answered per competency"),
        QuestionKind::Choice => Value::Text((rules.choice)(q)),
        QuestionKind::Multi => Value::List((rules.multi)(q)),
        QuestionKind::YesNo => Value::Bool((rules.did)(q)),
        QuestionKind::Number => {
            Value::Number(if (rules.did)(q) { q.max } else { q.min }.unwrap_or(0.0))
        }
    }
}

/// The answers a person gives to a run: the whole bank, or the default run of retake
/// number `draw`, whose follow-ups are chosen one at a time from the answers so far, as the
/// interactive run chooses them.
fn take(pack: &Pack, scope: &Scope, rules: &mut Rules<'_>) -> Answers {
    let facts = facts();
    let mut asked = selection::questions(pack, scope, &[]);
    let mut given = BTreeMap::new();
    let give = |id: &str, given: &mut BTreeMap<String, Value>, rules: &mut Rules<'_>| {
        let (c, q) = pack.question(id).unwrap();
        let value = if q.kind == QuestionKind::Rating {
            Value::Text((rules.rating)(&c.id))
        } else {
            answer(q, rules)
        };
        given.insert(id.to_string(), value);
    };
    for id in asked.clone() {
        give(&id, &mut given, rules);
    }
    while let Some(id) = selection::follow_up(pack, scope, &facts, &given, &asked, true) {
        give(&id, &mut given, rules);
        asked.push(id);
    }
    let mut doc = Answers {
        profile: Some("project_manager".into()),
        facts,
        answers: given,
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
    score(pack, pack.profile("project_manager").unwrap(), answers)
}

/// The runs a person may take: the whole bank, and the default run's first three draws.
fn scopes() -> Vec<(String, Scope)> {
    let mut out = vec![("the whole bank".to_string(), Scope::Thorough)];
    for draw in 0..3 {
        out.push((format!("default run {draw}"), Scope::Default { draw }));
    }
    out
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

fn a_distractor(q: &Question) -> String {
    q.options
        .iter()
        .find(|o| !o.correct)
        .unwrap()
        .id
        .to_string()
}

fn mean_knowledge(a: &Assessment) -> f64 {
    let scores: Vec<f64> = a
        .competencies
        .iter()
        .filter_map(|c| c.knowledge.as_ref().map(|k| k.share))
        .collect();
    scores.iter().sum::<f64>() / scores.len() as f64
}

/// The lowest level whose statements describe doing.
fn doing_from(pack: &Pack) -> usize {
    pack.level_index(pack.scoring.doing_from.as_deref().unwrap())
        .unwrap()
}

/// Competencies placed at a level that describes doing.
fn doing_levels(pack: &Pack, a: &Assessment) -> Vec<String> {
    a.competencies
        .iter()
        .filter(|c| c.level >= doing_from(pack))
        .map(|c| format!("{} ({})", c.id, pack.levels[c.level].id))
        .collect()
}

#[test]
fn a_test_wise_guesser_earns_about_chance_and_no_level_that_describes_doing() {
    let pack = load_embedded().unwrap();
    let middle = pack.levels[pack.levels.len() / 2].id.to_string();
    for (run, scope) in scopes() {
        let answers = take(
            &pack,
            &scope,
            &mut Rules {
                rating: &mut |_| middle.clone(),
                choice: &mut longest,
                multi: &mut longer_half,
                did: &mut |_| false,
            },
        );
        let a = assess(&pack, &answers);
        let knowledge = mean_knowledge(&a);
        assert!(
            knowledge <= 40.0,
            "{run}: the longest option earns {knowledge:.0}/100"
        );
        assert_eq!(doing_levels(&pack, &a), Vec::<String>::new(), "{run}");
    }
}

#[test]
fn a_random_guesser_earns_about_chance() {
    let pack = load_embedded().unwrap();
    let rng = std::cell::RefCell::new(Random(0x5EED_1234_ABCD_0001));
    let mut total = 0.0;
    let people = 200;
    for _ in 0..people {
        let answers = take(
            &pack,
            &Scope::Thorough,
            &mut Rules {
                rating: &mut |_| {
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
                did: &mut |_| false,
            },
        );
        total += mean_knowledge(&assess(&pack, &answers));
    }
    let mean = total / people as f64;
    assert!(mean <= 35.0, "a random guesser earns {mean:.0}/100");
}

#[test]
fn knowing_every_answer_without_having_done_any_of_it_reaches_no_level_of_doing() {
    let pack = load_embedded().unwrap();
    for rating in &pack.levels {
        for (run, scope) in scopes() {
            let answers = take(
                &pack,
                &scope,
                &mut Rules {
                    rating: &mut |_| rating.id.to_string(),
                    choice: &mut |q: &Question| keys(q)[0].clone(),
                    multi: &mut keys,
                    did: &mut |_| false,
                },
            );
            let a = assess(&pack, &answers);
            assert_eq!(
                doing_levels(&pack, &a),
                Vec::<String>::new(),
                "{run}, rated {}",
                rating.id
            );
            assert!(
                a.competencies
                    .iter()
                    .all(|c| c.knowledge.as_ref().unwrap().share == 100.0),
                "{run}: every key right"
            );
        }
    }
}

#[test]
fn a_seasoned_expert_is_an_expert_everywhere_with_no_calibration_warning() {
    let pack = load_embedded().unwrap();
    let expert = pack.levels.len() - 1;
    for (run, scope) in scopes() {
        let answers = take(
            &pack,
            &scope,
            &mut Rules {
                rating: &mut |_| pack.levels[expert].id.to_string(),
                choice: &mut |q: &Question| keys(q)[0].clone(),
                multi: &mut keys,
                did: &mut |_| true,
            },
        );
        let a = assess(&pack, &answers);
        for c in &a.competencies {
            assert_eq!(c.level, expert, "{run}: {}", c.id);
            assert_eq!(c.calibration, None, "{run}: {}", c.id);
            assert_eq!(c.could_be, None, "{run}: {}", c.id);
        }
    }
}

#[test]
fn calibration_flags_only_real_disagreement() {
    // Someone whose answers fit the level they rate gets no warning; someone who rates
    // themselves expert and misses every scenario of the bank is warned everywhere, as over.
    let pack = load_embedded().unwrap();
    let honest = take(
        &pack,
        &Scope::Thorough,
        &mut Rules {
            rating: &mut |_| "expert".into(),
            choice: &mut |q: &Question| keys(q)[0].clone(),
            multi: &mut keys,
            did: &mut |_| true,
        },
    );
    assert!(assess(&pack, &honest)
        .competencies
        .iter()
        .all(|c| c.calibration.is_none()));
    let boastful = take(
        &pack,
        &Scope::Thorough,
        &mut Rules {
            rating: &mut |_| "expert".into(),
            choice: &mut a_distractor,
            multi: &mut |q: &Question| vec![a_distractor(q)],
            did: &mut |_| true,
        },
    );
    let a = assess(&pack, &boastful);
    for c in &a.competencies {
        assert_eq!(c.calibration, Some(Direction::Over), "{}", c.id);
        assert!(
            c.level < pack.levels.len() - 1,
            "{}: the answers question it",
            c.id
        );
    }
}

#[test]
fn no_one_with_every_experience_statement_false_is_placed_at_a_level_of_doing() {
    // Whatever they rate and however they answer.
    let pack = load_embedded().unwrap();
    let mut rng = Random(0x00D0_1E50_F0DD);
    for person in 0..60 {
        let scope = if person % 3 == 0 {
            Scope::Thorough
        } else {
            Scope::Default { draw: person }
        };
        let rng = std::cell::RefCell::new(&mut rng);
        let answers = take(
            &pack,
            &scope,
            &mut Rules {
                rating: &mut |_| {
                    let i = rng.borrow_mut().below(pack.levels.len());
                    pack.levels[i].id.to_string()
                },
                choice: &mut |q: &Question| {
                    if rng.borrow_mut().chance(0.8) {
                        keys(q)[0].clone()
                    } else {
                        a_distractor(q)
                    }
                },
                multi: &mut keys,
                did: &mut |_| false,
            },
        );
        let a = assess(&pack, &answers);
        assert_eq!(
            doing_levels(&pack, &a),
            Vec::<String>::new(),
            "person {person}"
        );
    }
}

// ------------------------------------------------------------------ stability over retakes

/// A person of fixed ability: in each competency the same self-rating and the same
/// experience statements true (the first `did` of the competency's statements, lowest level
/// first), and each scenario answered right with probability `p`.
#[derive(Clone)]
struct Fixed {
    rating: BTreeMap<String, usize>,
    did: BTreeMap<String, usize>,
    p: f64,
}

impl Fixed {
    fn random(pack: &Pack, p: f64, rng: &mut Random) -> Fixed {
        let mut rating = BTreeMap::new();
        let mut did = BTreeMap::new();
        for c in &pack.competencies {
            rating.insert(c.id.to_string(), rng.below(pack.levels.len()));
            let statements = c
                .questions
                .iter()
                .filter(|q| q.kind.is_experience())
                .count();
            did.insert(c.id.to_string(), rng.below(statements + 1));
        }
        Fixed { rating, did, p }
    }

    /// The same person with `more` further statements true in every competency (as far as
    /// there are) and answering right with probability `p`.
    fn grown(&self, pack: &Pack, more: usize, p: f64) -> Fixed {
        let mut grown = self.clone();
        for c in &pack.competencies {
            let statements = c
                .questions
                .iter()
                .filter(|q| q.kind.is_experience())
                .count();
            let did = grown.did.get_mut(c.id.as_str()).unwrap();
            *did = (*did + more).min(statements);
        }
        grown.p = p;
        grown
    }

    /// One take of the default run of retake number `draw`, as a saved result.
    fn take(&self, pack: &Pack, draw: usize, rng: &mut Random) -> ResultDocument {
        let rng = std::cell::RefCell::new(rng);
        let order = |q: &Question| {
            let (c, _) = pack.question(&q.id).unwrap();
            let mut statements: Vec<&Question> = c
                .questions
                .iter()
                .filter(|s| s.kind.is_experience())
                .collect();
            statements.sort_by_key(|s| {
                s.shows
                    .as_deref()
                    .and_then(|l| pack.level_index(l))
                    .unwrap_or(0)
            });
            let position = statements.iter().position(|s| s.id == q.id).unwrap();
            position < self.did[c.id.as_str()]
        };
        let answers = take(
            pack,
            &Scope::Default { draw },
            &mut Rules {
                rating: &mut |c| pack.levels[self.rating[c]].id.to_string(),
                choice: &mut |q: &Question| {
                    if rng.borrow_mut().chance(self.p) {
                        keys(q)[0].clone()
                    } else {
                        a_distractor(q)
                    }
                },
                multi: &mut |q: &Question| {
                    if rng.borrow_mut().chance(self.p) {
                        keys(q)
                    } else {
                        vec![a_distractor(q)]
                    }
                },
                did: &mut |q| order(q),
            },
        );
        let profile = pack.profile("project_manager").unwrap();
        result::build(pack, profile, &answers, "2026-12-05T00:00:00Z")
    }
}

/// Counts over pairs of takes: how often a competency's level is the same, and how often
/// `compare` reports no reliable change.
#[derive(Default)]
struct Agreement {
    pairs: usize,
    same_level: usize,
    no_reliable_change: usize,
}

impl Agreement {
    fn add(&mut self, old: &ResultDocument, new: &ResultDocument) {
        let comparison = compare::compare("old", old, "new", new);
        for change in &comparison.competencies {
            self.pairs += 1;
            if change.old_level == change.new_level {
                self.same_level += 1;
            }
            if change.reliable == Some(false) {
                self.no_reliable_change += 1;
            }
        }
    }
    fn share(n: usize, of: usize) -> f64 {
        n as f64 / of as f64
    }
}

#[test]
fn one_person_of_fixed_ability_gets_the_same_level_on_retakes_and_no_reliable_change() {
    let pack = load_embedded().unwrap();
    let mut rng = Random(0x0057_AB1E_0000_0001);
    for p in [0.5, 0.7, 0.9] {
        let mut agreement = Agreement::default();
        for _person in 0..3 {
            let person = Fixed::random(&pack, p, &mut rng);
            let takes: Vec<ResultDocument> = (0..100)
                .map(|draw| person.take(&pack, draw, &mut rng))
                .collect();
            for pair in takes.windows(2) {
                agreement.add(&pair[0], &pair[1]);
            }
        }
        let same = Agreement::share(agreement.same_level, agreement.pairs);
        let steady = Agreement::share(agreement.no_reliable_change, agreement.pairs);
        eprintln!("p = {p}: same level {same:.3}, no reliable change {steady:.3}");
        assert!(
            same >= 0.90,
            "p = {p}: the level agrees in {same:.3} of retakes"
        );
        assert!(
            steady >= 0.95,
            "p = {p}: compare reports no reliable change in {steady:.3}"
        );
    }
}

#[test]
fn a_real_change_is_reported_as_change() {
    // Two more experience statements true and scenarios right with probability 0.9 instead
    // of 0.5: `compare` calls it a reliable change in at least 80% of competencies.
    let pack = load_embedded().unwrap();
    let mut rng = Random(0x0C4A_4E6E_0000_0002);
    let (mut changes, mut reliable) = (0, 0);
    for person in 0..40 {
        let mut before = Fixed::random(&pack, 0.5, &mut rng);
        // Room for two more statements in every competency.
        for did in before.did.values_mut() {
            *did = (*did).min(1);
        }
        let after = before.grown(&pack, 2, 0.9);
        let old = before.take(&pack, person, &mut rng);
        let new = after.take(&pack, person + 1, &mut rng);
        for change in compare::compare("old", &old, "new", &new).competencies {
            changes += 1;
            if change.reliable == Some(true) {
                reliable += 1;
            }
        }
    }
    let share = reliable as f64 / changes as f64;
    eprintln!("a real change is reported as reliable in {share:.3}");
    assert!(share >= 0.80, "a real change is reported in {share:.3}");
}

// ------------------------------------------------------------------ the stage itself

#[test]
fn the_associate_stage_needs_some_leading_or_pm_education_whatever_the_answers() {
    let pack = load_embedded().unwrap();
    let mut answers = take(
        &pack,
        &Scope::Thorough,
        &mut Rules {
            rating: &mut |_| "expert".into(),
            choice: &mut |q: &Question| keys(q)[0].clone(),
            multi: &mut keys,
            did: &mut |_| true,
        },
    );
    let associate = pack.profile("associate").unwrap();
    let a = score(&pack, associate, &answers);
    assert!(a.competencies.iter().all(|c| c.gap == 0));
    assert!(
        a.requirement_unmet.is_some(),
        "0 months leading, 0 hours of PM education"
    );
    let doc = result::build(&pack, associate, &answers, "2026-12-05T00:00:00Z");
    assert!(doc.stage_needs.is_some());
    assert!(
        !doc.plan_basis.as_ref().unwrap().targets_met,
        "the stage is not met"
    );
    answers
        .facts
        .insert("pm_education_hours".into(), Value::Number(23.0));
    assert_eq!(score(&pack, associate, &answers).requirement_unmet, None);
    let doc = result::build(&pack, associate, &answers, "2026-12-05T00:00:00Z");
    assert!(doc.stage_needs.is_none());
    assert!(doc.plan_basis.as_ref().unwrap().targets_met);
}

// ------------------------------------------------------------------ the example people

/// The example people, scored against the stage each aims at.
fn example(pack: &Pack, name: &str) -> Assessment {
    let path = common::root().join("examples/answers").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let (mut a, spans) = answers::parse(name, &text).unwrap();
    let problems = answers::check(pack, &mut a, name, &spans, Completeness::Required);
    assert!(problems.is_empty(), "{name}: {problems:?}");
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
    // Two people new to healthcare may both lack HIPAA first; their gaps still differ.
    assert_ne!(nurse_gaps.first(), engineer_gaps.first());
    assert_ne!(engineer_gaps, banker_gaps);
    // A nurse's gaps are on the technical and project side, never privacy or clinical work.
    for strength in ["hipaa", "workflows", "ethics"] {
        assert!(!nurse_gaps.contains(&strength), "nurse: {nurse_gaps:?}");
    }
    // An engineer new to healthcare lacks HIPAA and clinical workflows, not technical depth.
    assert!(
        engineer_gaps.contains(&"hipaa") || engineer_gaps.contains(&"workflows"),
        "engineer: {engineer_gaps:?}"
    );
    assert!(engineer.competency("workflows").unwrap().gap > 0);
    assert!(
        !engineer_gaps.contains(&"technical"),
        "engineer: {engineer_gaps:?}"
    );
    // A PMP from banking lacks the healthcare side, not delivery or risk.
    for gap in ["workflows", "hipaa"] {
        assert!(
            banker.competency(gap).unwrap().gap > 0,
            "banker: {banker_gaps:?}"
        );
    }
    // Her project practice transfers: competent at least; proficient in healthcare delivery
    // waits for a clinical go-live.
    assert_eq!(banker.competency("risk").unwrap().gap, 0);
    for strength in ["delivery", "risk", "communication"] {
        assert!(
            banker.competency(strength).unwrap().level >= 2,
            "{strength}"
        );
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
