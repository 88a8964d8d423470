//! The flow driven by a scripted prompter: no terminal needed.

use std::collections::VecDeque;
use std::path::Path;

use super::*;
use crate::pack::load_dir;

/// What the scripted person does at each prompt, in order.
#[derive(Debug, Clone)]
enum Act {
    Pick(usize),
    Picks(Vec<usize>),
    Yes(bool),
    Num(f64),
    Back,
    Quit,
}

#[derive(Default)]
struct Script {
    acts: VecDeque<Act>,
    /// Every prompt shown, with the default offered.
    seen: Vec<(String, Option<String>)>,
    sections: Vec<String>,
}

impl Script {
    fn new(acts: &[Act]) -> Self {
        Script {
            acts: acts.iter().cloned().collect(),
            ..Default::default()
        }
    }

    fn next(&mut self, ask: &Ask, default: Option<String>) -> Act {
        self.seen.push((ask.prompt.to_string(), default));
        self.acts.pop_front().unwrap_or(Act::Quit)
    }
}

impl Prompter for Script {
    fn section(&mut self, title: &str, _: Option<(usize, usize)>, _: usize, _: usize) {
        self.sections.push(title.to_string());
    }
    fn select(&mut self, ask: &Ask, default: Option<usize>) -> Prompted<usize> {
        match self.next(ask, default.map(|d| d.to_string())) {
            Act::Pick(i) => Ok(Nav::Answer(i)),
            Act::Back => Ok(Nav::Back),
            Act::Quit => Err(PromptError::Interrupted),
            other => panic!("select got {other:?} at {}", ask.prompt),
        }
    }
    fn multi(&mut self, ask: &Ask, defaults: &[bool]) -> Prompted<Vec<usize>> {
        match self.next(ask, Some(format!("{defaults:?}"))) {
            Act::Picks(p) => Ok(Nav::Answer(p)),
            Act::Back => Ok(Nav::Back),
            Act::Quit => Err(PromptError::Interrupted),
            other => panic!("multi got {other:?} at {}", ask.prompt),
        }
    }
    fn yes_no(&mut self, ask: &Ask, default: Option<bool>) -> Prompted<bool> {
        match self.next(ask, default.map(|d| d.to_string())) {
            Act::Yes(b) => Ok(Nav::Answer(b)),
            Act::Back => Ok(Nav::Back),
            Act::Quit => Err(PromptError::Interrupted),
            other => panic!("yes_no got {other:?} at {}", ask.prompt),
        }
    }
    fn number(
        &mut self,
        ask: &Ask,
        _: (f64, f64),
        _: Option<&str>,
        default: Option<f64>,
    ) -> Prompted<f64> {
        match self.next(ask, default.map(|d| d.to_string())) {
            Act::Num(n) => Ok(Nav::Answer(n)),
            Act::Back => Ok(Nav::Back),
            Act::Quit => Err(PromptError::Interrupted),
            other => panic!("number got {other:?} at {}", ask.prompt),
        }
    }
    fn say(&mut self, _: &str) {}
}

fn tiny() -> Pack {
    load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny-pack")).unwrap()
}

/// Profile, degree, months, certifications, then alpha (rating, choice, yes/no) and beta
/// (rating, multi, number).
fn full_run() -> Vec<Act> {
    use Act::*;
    vec![
        Pick(1),
        Pick(1),
        Num(40.0),
        Picks(vec![0]),
        Pick(2),
        Pick(1),
        Yes(true),
        Pick(1),
        Picks(vec![0, 2]),
        Num(24.0),
    ]
}

fn run(
    pack: &Pack,
    session: &mut Session,
    script: &mut Script,
) -> (std::result::Result<(), PromptError>, usize) {
    let mut saves = 0;
    let outcome = Flow::new(pack)
        .run(script, session, &mut |_| {
            saves += 1;
            Ok(())
        })
        .unwrap();
    (outcome, saves)
}

#[test]
fn a_full_run_answers_everything_and_saves_after_each_answer() {
    let pack = tiny();
    let mut session = Session::new(&pack, "t");
    let mut acts = full_run();
    acts.push(Act::Pick(0)); // review: score now
    let mut script = Script::new(&acts);
    let (outcome, saves) = run(&pack, &mut session, &mut script);
    assert_eq!(outcome, Ok(()));
    assert_eq!(saves, 10, "one save per answer");
    assert_eq!(session.profile.as_deref(), Some("lead"));
    assert_eq!(session.facts["degree"], Value::Text("bachelor".into()));
    assert_eq!(
        session.facts["certifications_held"],
        Value::List(vec!["capm".into()])
    );
    assert_eq!(
        session.answers["alpha_rating"],
        Value::Text("expert".into())
    );
    assert_eq!(session.answers["alpha_choice"], Value::Text("b".into()));
    assert_eq!(session.answers["alpha_done"], Value::Bool(true));
    assert_eq!(
        session.answers["beta_multi"],
        Value::List(vec!["a".into(), "c".into()])
    );
    assert_eq!(session.answers["beta_months"], Value::Number(24.0));
    assert_eq!(
        script.sections,
        [
            "About you",
            "Alpha skill",
            "Beta skill",
            "Review your answers"
        ]
    );
}

#[test]
fn going_back_offers_the_earlier_answer_and_crosses_competencies() {
    use Act::*;
    let pack = tiny();
    let mut session = Session::new(&pack, "t");
    // Answer up to beta's rating, go back twice (into alpha), change yes to no, go on.
    let mut acts = full_run()[..8].to_vec();
    acts.extend([
        Back,
        Back,
        Yes(false),
        Pick(0),
        Picks(vec![0]),
        Num(3.0),
        Pick(0),
    ]);
    let mut script = Script::new(&acts);
    let (outcome, _) = run(&pack, &mut session, &mut script);
    assert_eq!(outcome, Ok(()));
    assert_eq!(session.answers["alpha_done"], Value::Bool(false));
    assert_eq!(session.answers["beta_rating"], Value::Text("novice".into()));
    // When it came back to alpha_done, the earlier yes was offered as the default.
    let revisit = script
        .seen
        .iter()
        .filter(|(p, _)| p == "Have you done alpha work?")
        .nth(1)
        .unwrap();
    assert_eq!(revisit.1.as_deref(), Some("true"));
    assert!(script
        .sections
        .windows(2)
        .any(|w| w[0] == "Beta skill" && w[1] == "Alpha skill"));
}

#[test]
fn review_changes_one_answer_then_returns_to_review() {
    use Act::*;
    let pack = tiny();
    let mut session = Session::new(&pack, "t");
    let mut acts = full_run();
    // Review lists: 0 = score, then steps 1.. ; step index 5 is alpha_choice → item 6.
    acts.extend([Pick(6), Pick(0), Pick(0)]);
    let mut script = Script::new(&acts);
    let (outcome, saves) = run(&pack, &mut session, &mut script);
    assert_eq!(outcome, Ok(()));
    assert_eq!(session.answers["alpha_choice"], Value::Text("a".into()));
    assert_eq!(saves, 11);
}

#[test]
fn an_interruption_keeps_what_was_answered_and_resume_starts_at_the_gap() {
    use Act::*;
    let pack = tiny();
    let mut session = Session::new(&pack, "t");
    let mut script = Script::new(&full_run()[..5]);
    let (outcome, saves) = run(&pack, &mut session, &mut script);
    assert_eq!(outcome, Err(PromptError::Interrupted));
    assert_eq!(saves, 5);
    assert_eq!(Flow::new(&pack).first_unanswered(&session), 5);
    // Resume: the next prompt is alpha's choice question.
    let mut rest = full_run()[5..].to_vec();
    rest.push(Pick(0));
    let mut script = Script::new(&rest);
    let (outcome, _) = run(&pack, &mut session, &mut script);
    assert_eq!(outcome, Ok(()));
    assert_eq!(script.seen[0].0, "Which option is right?");
    assert_eq!(session.answers.len(), 6);
}

#[test]
fn review_rows_name_the_competency_the_kind_of_question_and_its_label() {
    let pack = crate::pack::load_embedded().unwrap();
    let mut session = Session::new(&pack, "t");
    session.answers.insert(
        "hipaa_rating".into(),
        Value::Text("advanced_beginner".into()),
    );
    session.answers.insert(
        "hipaa_baa_terms".into(),
        Value::List(vec!["b".into(), "c".into()]),
    );
    session
        .answers
        .insert("hipaa_incident_experience".into(), Value::Bool(false));
    session
        .facts
        .insert("months_privacy_security".into(), Value::Number(0.0));
    let flow = Flow::new(&pack);
    let rows: Vec<String> = (0..flow.len()).map(|i| flow.summary(&session, i)).collect();
    let has = |row: &str| rows.iter().any(|r| r == row);
    assert!(
        has("Months of that work spent managing privacy or security in healthcare · (not asked)"),
        "a fact ruled out by an earlier answer: {rows:#?}"
    );
    assert!(
        has("HIPAA & regulation · self-rating · Advanced beginner"),
        "{rows:#?}"
    );
    assert!(
        has(
            "HIPAA & regulation · scenario · BAA: required terms · Report breaches of \
             unsecured PHI and security incidents to you; Bind any subcontractor that handles \
             the PHI to the same restrictions"
        ),
        "every pick, whole: {rows:#?}"
    );
    assert!(has(
        "HIPAA & regulation · experience · Did: worked an incident · no"
    ));
    assert!(has(
        "HIPAA & regulation · scenario · Minimum necessary: outbound feeds · (not answered)"
    ));
    // No two questions read alike, and none is cut short.
    let mut seen = std::collections::BTreeSet::new();
    for row in &rows {
        let asked = row
            .rsplit_once(" · ")
            .map_or(row.as_str(), |(head, _)| head);
        assert!(seen.insert(asked.to_string()), "two rows read {asked}");
        assert!(!row.contains('…'), "{row}");
    }
}

#[test]
fn review_rows_fall_back_to_the_title_and_prompt() {
    let pack = tiny();
    let mut session = Session::new(&pack, "t");
    session.profile = Some("lead".into());
    session
        .facts
        .insert("months_leading_projects".into(), Value::Number(40.0));
    session
        .answers
        .insert("alpha_choice".into(), Value::Text("b".into()));
    session
        .answers
        .insert("beta_months".into(), Value::Number(24.0));
    let flow = Flow::new(&pack);
    let rows: Vec<String> = (0..flow.len()).map(|i| flow.summary(&session, i)).collect();
    assert_eq!(rows[0], "Target career stage · Lead");
    assert!(rows.contains(&"Months leading projects · 40 months".to_string()));
    assert!(
        rows.contains(
            &"Alpha skill · scenario · Which option is right? · The right one".to_string()
        ),
        "{rows:#?}"
    );
    assert!(
        rows.contains(&"Beta skill · experience · Months of beta work · 24 months".to_string()),
        "{rows:#?}"
    );
    assert!(
        rows.contains(&"Alpha skill · self-rating · (not answered)".to_string()),
        "{rows:#?}"
    );
}
