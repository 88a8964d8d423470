//! The flow driven by a scripted prompter: no terminal needed.

use std::collections::VecDeque;
use std::path::Path;

use super::flow::Step;
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
    /// The counter and progress of every prompt shown.
    counters: Vec<(String, Option<(usize, usize)>)>,
    sections: Vec<String>,
    said: Vec<String>,
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
        self.counters.push((ask.counter.clone(), ask.progress));
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
    fn say(&mut self, text: &str) {
        self.said.push(text.to_string());
    }
}

fn tiny() -> Pack {
    load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny-pack")).unwrap()
}

/// Profile, degree, months, certifications, the experience checklist (alpha's statement),
/// then alpha (rating, choice) and beta (rating, multi, number).
fn full_run() -> Vec<Act> {
    use Act::*;
    vec![
        Pick(1),
        Pick(1),
        Num(40.0),
        Picks(vec![0]),
        Yes(true),
        Pick(2),
        Pick(1),
        Pick(1),
        Picks(vec![0, 2]),
        Num(24.0),
    ]
}

/// Every question of the pack, as a thorough run asks them.
fn everything(pack: &Pack) -> Vec<String> {
    pack.questions().map(|(_, q)| q.id.to_string()).collect()
}

fn new_session(pack: &Pack) -> Session {
    Session::new(pack, "t", everything(pack), vec![])
}

fn run(
    pack: &Pack,
    session: &mut Session,
    script: &mut Script,
) -> (std::result::Result<(), PromptError>, usize) {
    let mut saves = 0;
    let outcome = Flow::new(pack, &session.questions.clone(), session.only.is_empty())
        .run(script, session, &mut |_| {
            saves += 1;
            Ok(())
        })
        .unwrap();
    (outcome, saves)
}

/// The tiny pack's one experience statement, asked as a yes/no.
const CHECKLIST: &str = "I have done alpha work.";

#[test]
fn a_full_run_answers_everything_and_saves_after_each_answer() {
    let pack = tiny();
    let mut session = new_session(&pack);
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
            "What you have done",
            "Alpha skill",
            "Beta skill",
            "Review your answers"
        ]
    );
}

#[test]
fn going_back_offers_the_earlier_answer_and_crosses_sections() {
    use Act::*;
    let pack = tiny();
    let mut session = new_session(&pack);
    // Answer up to beta's rating, go back four times (to the checklist), untick, go on.
    let mut acts = full_run()[..8].to_vec();
    acts.extend([
        Back,
        Back,
        Back,
        Back,
        Yes(false),
        Pick(2),
        Pick(1),
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
    // When it came back to the checklist, the earlier tick was offered.
    let revisit = script
        .seen
        .iter()
        .filter(|(p, _)| p == CHECKLIST)
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
    let mut session = new_session(&pack);
    let mut acts = full_run();
    // Review lists: 0 = score, then steps 1.. ; step index 6 is alpha_choice → item 7.
    acts.extend([Pick(7), Pick(0), Pick(0)]);
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
    let mut session = new_session(&pack);
    let mut script = Script::new(&full_run()[..6]);
    let (outcome, saves) = run(&pack, &mut session, &mut script);
    assert_eq!(outcome, Err(PromptError::Interrupted));
    assert_eq!(saves, 6);
    assert_eq!(
        Flow::new(&pack, &session.questions, true).first_unanswered(&session),
        6
    );
    // Resume: the next prompt is alpha's choice question.
    let mut rest = full_run()[6..].to_vec();
    rest.push(Pick(0));
    let mut script = Script::new(&rest);
    let (outcome, _) = run(&pack, &mut session, &mut script);
    assert_eq!(outcome, Ok(()));
    assert_eq!(script.seen[0].0, "Which option is right?");
    assert_eq!(session.answers.len(), 6);
}

#[test]
fn a_retake_asks_only_its_competencies_without_the_opening() {
    use Act::*;
    let pack = tiny();
    let asked: Vec<String> = pack
        .competencies
        .iter()
        .filter(|c| c.id == "beta")
        .flat_map(|c| c.questions.iter().map(|q| q.id.to_string()))
        .collect();
    let mut session = Session::new(&pack, "t", asked, vec!["beta".into()]);
    let mut script = Script::new(&[Pick(1), Picks(vec![0, 2]), Num(24.0), Pick(0)]);
    let (outcome, saves) = run(&pack, &mut session, &mut script);
    assert_eq!(outcome, Ok(()));
    assert_eq!(saves, 3);
    assert_eq!(script.sections, ["Beta skill", "Review your answers"]);
    assert!(session.profile.is_none() && session.facts.is_empty());
}

#[test]
fn a_fact_an_earlier_answer_rules_out_is_skipped_and_not_counted() {
    let pack = crate::pack::load_embedded().unwrap();
    let mut session = Session::new(&pack, "t", vec![], vec![]);
    let flow = Flow::new(&pack, &[], true);
    // Everything up to months_information_systems, answered 0: months_healthcare is not asked.
    session.profile = Some("aspiring".into());
    for (id, value) in [
        ("degree", Value::Text("secondary".into())),
        ("months_leading_projects", Value::Number(0.0)),
        ("pm_education_hours", Value::Number(0.0)),
        ("months_agile", Value::Number(0.0)),
        ("agile_training_hours", Value::Number(0.0)),
        ("months_information_systems", Value::Number(0.0)),
    ] {
        session.facts.insert(id.into(), value);
    }
    let next = flow.first_unanswered(&session);
    let fact = |i: usize| match &flow.steps[i] {
        Step::Fact(f) => pack.facts[*f].id.to_string(),
        other => format!("{other:?}"),
    };
    assert_eq!(fact(next), "months_privacy_security");
    // The group of yes/no facts leaves out the GAC question below a bachelor's degree.
    let group = flow
        .steps
        .iter()
        .find_map(|s| match s {
            Step::Facts(g) => Some(g.clone()),
            _ => None,
        })
        .unwrap();
    let asked: Vec<&str> = flow
        .facts_asked(&session, &group)
        .into_iter()
        .map(|f| pack.facts[f].id.as_str())
        .collect();
    assert_eq!(asked, ["works_in_healthcare", "on_project_now"]);
}

#[test]
fn review_rows_name_the_competency_the_kind_of_question_and_its_label() {
    let pack = crate::pack::load_embedded().unwrap();
    let mut session = new_session(&pack);
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
        .insert("hipaa_phi_flow_signed_off".into(), Value::Bool(false));
    session
        .facts
        .insert("months_privacy_security".into(), Value::Number(0.0));
    let flow = Flow::new(&pack, &everything(&pack), true);
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
    let baa = pack.question("hipaa_baa_terms").unwrap().1;
    let picked = |id: &str| {
        baa.options
            .iter()
            .find(|o| o.id == id)
            .unwrap()
            .text
            .to_string()
    };
    assert!(
        has(&format!(
            "HIPAA & regulation · scenario · {} · {}; {}",
            baa.label.as_deref().unwrap(),
            picked("b"),
            picked("c")
        )),
        "every pick, whole: {rows:#?}"
    );
    assert!(
        has("Experience, HIPAA & regulation to Technical depth · (not answered)"),
        "the experience checklists: {rows:#?}"
    );
    let feeds = pack.question("hipaa_min_necessary_feeds").unwrap().1;
    assert!(has(&format!(
        "HIPAA & regulation · scenario · {} · (not answered)",
        feeds.label.as_deref().unwrap()
    )));
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
    let mut session = new_session(&pack);
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
    let flow = Flow::new(&pack, &everything(&pack), true);
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
    // One of a unit reads in the singular.
    session
        .facts
        .insert("months_leading_projects".into(), Value::Number(1.0));
    assert!(
        (0..flow.len())
            .map(|i| flow.summary(&session, i))
            .any(|row| row == "Months leading projects · 1 month"),
        "{:#?}",
        (0..flow.len())
            .map(|i| flow.summary(&session, i))
            .collect::<Vec<_>>()
    );
}

#[test]
fn every_step_keeps_its_number_and_a_ruled_out_fact_counts_as_done() {
    let pack = crate::pack::load_embedded().unwrap();
    let flow = Flow::new(&pack, &[], true);
    let mut session = Session::new(&pack, "t", vec![], vec![]);
    let total = flow.len();
    assert_eq!(flow.progress(&session), (0, total));
    // months_information_systems answered 0: the healthcare months that follow are not asked,
    // and are done; the total stays.
    let is_step = |id: &str| {
        flow.steps
            .iter()
            .position(|s| matches!(s, Step::Fact(f) if pack.facts[*f].id == id))
            .unwrap()
    };
    let information_systems = is_step("months_information_systems");
    let healthcare = flow.steps[information_systems + 1].clone();
    assert!(
        flow.counts(&session, &healthcare),
        "undecided: it may still be asked"
    );
    session
        .facts
        .insert("months_information_systems".into(), Value::Number(0.0));
    assert!(!flow.applies(&session, &healthcare));
    assert_eq!(
        flow.progress(&session),
        (2, total),
        "answered one, skipped one"
    );
    // The next question asked keeps its own number: the one after the skipped step.
    let mut script = Script::new(&[]);
    let next = flow.next_asked(&session, information_systems + 1);
    assert_eq!(next, information_systems + 2);
    let _ = flow.ask(&mut script, &session, next);
    let (prompt, _) = &script.seen[0];
    assert!(
        prompt.contains("privacy or information security"),
        "{prompt}"
    );
}

#[test]
fn the_progress_moves_with_every_prompt_and_the_total_holds() {
    let pack = tiny();
    let mut session = new_session(&pack);
    let mut acts = full_run();
    acts.push(Act::Pick(0));
    let mut script = Script::new(&acts);
    let (outcome, _) = run(&pack, &mut session, &mut script);
    assert_eq!(outcome, Ok(()));
    for (n, (counter, progress)) in script.counters[..10].iter().enumerate() {
        assert_eq!(counter, &format!("[{}/10]", n + 1));
        assert_eq!(*progress, Some((n, 10)));
    }
    // The review has no counter and no bar.
    assert_eq!(script.counters[10], (String::new(), None));
    assert!(script.said.is_empty(), "{:?}", script.said);
}

#[test]
fn questions_added_at_the_end_grow_the_total_once_and_join_the_session() {
    let pack = tiny();
    // A run that asks alpha's rating and checklist only, then adds alpha's choice question.
    let asked: Vec<String> = vec!["alpha_rating".into(), "alpha_done".into()];
    let mut session = Session::new(&pack, "t", asked.clone(), vec!["alpha".into()]);
    let mut flow = Flow::new(&pack, &asked, false);
    assert_eq!(flow.len(), 2);
    let extra = vec![
        "alpha_choice".to_string(),
        "alpha_rating".into(),
        "nonsense".into(),
    ];
    assert_eq!(
        flow.add_questions(&mut session, &extra),
        1,
        "known, not asked yet"
    );
    assert_eq!(flow.len(), 3);
    assert!(session.questions.contains(&"alpha_choice".to_string()));
    assert_eq!(flow.add_questions(&mut session, &extra), 0, "never twice");
    let mut script = Script::new(&[]);
    let _ = flow.ask(&mut script, &session, 2);
    assert_eq!(script.seen[0].0, "Which option is right?");
}

#[test]
fn a_retake_names_its_competencies_in_the_order_it_asks_them() {
    let pack = tiny();
    let asked: Vec<String> = pack.questions().map(|(_, q)| q.id.to_string()).collect();
    let flow = Flow::new(&pack, &asked, false);
    assert_eq!(flow.competency_titles(), ["Alpha skill", "Beta skill"]);
}

#[test]
fn a_checklist_row_of_the_review_shows_each_statement_ticked_whole() {
    let pack = crate::pack::load_embedded().unwrap();
    let mut session = new_session(&pack);
    let flow = Flow::new(&pack, &everything(&pack), true);
    let (index, items) = flow
        .steps
        .iter()
        .enumerate()
        .find_map(|(i, s)| match s {
            Step::Checklist(items) => Some((i, items.clone())),
            _ => None,
        })
        .unwrap();
    for (n, &(c, q)) in items.iter().enumerate() {
        let id = flow.question(c, q).id.to_string();
        session.answers.insert(id, Value::Bool(n < 2));
    }
    let row = flow.summary(&session, index);
    for &(c, q) in &items[..2] {
        let question = flow.question(c, q);
        assert!(
            row.contains(&one_line(&question.prompt)),
            "{} in {row}",
            question.prompt
        );
        if let Some(label) = &question.label {
            assert!(!row.contains(&format!("· {label}")), "{row}");
        }
    }
}
