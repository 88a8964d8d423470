use super::*;
use crate::pack::sample;

fn scenarios_of<'a>(pack: &Pack, competency: &str, asked: &'a [String]) -> Vec<&'a str> {
    asked
        .iter()
        .filter(|id| {
            pack.question(id)
                .is_some_and(|(c, q)| c.id == competency && q.kind.is_knowledge())
        })
        .map(String::as_str)
        .collect()
}

#[test]
fn the_default_run_opens_each_competency_with_one_field_item() {
    let mut pack = sample::pack(&["a", "b"], 5);
    // A judgement item and a gated item never open a competency.
    pack.competencies[0].questions[4] = sample::scenario("a_s0", true);
    pack.competencies[0].questions[5].ask_if = vec![FactCondition {
        fact: "certifications_held".into(),
        at_least: None,
        min: None,
        below: None,
        is: None,
        has: Some("pmp".into()),
    }];
    for draw in 0..6 {
        let asked = questions(&pack, &Scope::Default { draw }, &[]);
        for c in ["a", "b"] {
            let opened = scenarios_of(&pack, c, &asked);
            assert_eq!(opened.len(), 1, "{c}: {opened:?}");
            assert!(asked.contains(&format!("{c}_rating")));
            for s in ["did", "led", "set"] {
                assert!(asked.contains(&format!("{c}_{s}")));
            }
        }
        let a = scenarios_of(&pack, "a", &asked)[0];
        assert!(a != "a_s0" && a != "a_s1", "draw {draw} opened with {a}");
    }
}

#[test]
fn retakes_open_with_each_field_item_in_turn() {
    let pack = sample::pack(&["a"], 5);
    let opened: Vec<String> = (0..5)
        .map(|draw| {
            let asked = questions(&pack, &Scope::Default { draw }, &[]);
            scenarios_of(&pack, "a", &asked)[0].to_string()
        })
        .collect();
    let mut distinct = opened.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 5, "{opened:?}");
}

#[test]
fn thorough_asks_every_ungated_scenario_then_the_gated_ones_that_apply() {
    let mut pack = sample::pack(&["a"], 4);
    pack.competencies[0].questions[5].ask_if = vec![FactCondition {
        fact: "certifications_held".into(),
        at_least: None,
        min: None,
        below: None,
        is: None,
        has: Some("pmp".into()),
    }];
    let asked = questions(&pack, &Scope::Thorough, &[]);
    assert_eq!(scenarios_of(&pack, "a", &asked), ["a_s0", "a_s2", "a_s3"]);
    let none = BTreeMap::new();
    assert_eq!(
        follow_up(&pack, &Scope::Thorough, &none, &none, &asked, true),
        None,
        "not a PMP holder"
    );
    let mut facts = BTreeMap::new();
    facts.insert(
        "certifications_held".to_string(),
        Value::List(vec!["pmp".into()]),
    );
    assert_eq!(
        follow_up(&pack, &Scope::Thorough, &facts, &none, &asked, true).as_deref(),
        Some("a_s1")
    );
    assert_eq!(
        conditions_text(&pack, &pack.competencies[0].questions[5].ask_if),
        "you hold pmp"
    );
}

/// Answers for competencies rated `rating` with the competent statement true and their
/// opening scenario right or wrong.
fn answered(
    pack: &Pack,
    asked: &[String],
    people: &[(&str, &str, bool)],
) -> BTreeMap<String, Value> {
    let mut answers = BTreeMap::new();
    for (c, rating, right) in people {
        answers.insert(format!("{c}_rating"), Value::Text(rating.to_string()));
        answers.insert(format!("{c}_did"), Value::Bool(true));
        answers.insert(format!("{c}_led"), Value::Bool(true));
        answers.insert(format!("{c}_set"), Value::Bool(true));
        for id in scenarios_of(pack, c, asked) {
            let q = pack.question(id).unwrap().1;
            let value = match (q.kind, right) {
                (QuestionKind::Choice, true) => Value::Text("b".into()),
                (QuestionKind::Choice, false) => Value::Text("a".into()),
                (_, true) => Value::List(vec!["a".into(), "b".into()]),
                (_, false) => Value::List(vec!["c".into()]),
            };
            answers.insert(id.to_string(), value);
        }
    }
    answers
}

#[test]
fn follow_ups_go_where_the_answers_point_furthest_from_the_level() {
    let pack = sample::pack(&["a", "b", "c"], 5);
    let scope = Scope::Default { draw: 0 };
    let asked = questions(&pack, &scope, &[]);
    let facts = BTreeMap::new();
    // a: expert, opener wrong (pulls hardest); b: proficient, wrong; c: expert, right.
    let answers = answered(
        &pack,
        &asked,
        &[
            ("a", "expert", false),
            ("b", "proficient", false),
            ("c", "expert", true),
        ],
    );
    let next = follow_up(&pack, &scope, &facts, &answers, &asked, false).unwrap();
    assert!(next.starts_with("a_s"), "{next}");
    assert!(!asked.contains(&next));
    // A right answer at the top of the scale points nowhere: c never gets a follow-up.
    let mut more = asked.clone();
    let mut answers = answers;
    for _ in 0..10 {
        let Some(id) = follow_up(&pack, &scope, &facts, &answers, &more, false) else {
            break;
        };
        assert!(!id.starts_with("c_s"), "{id}");
        answers.insert(id.clone(), Value::Text("a".into()));
        more.push(id);
    }
    for c in ["a", "b"] {
        assert_eq!(
            scenarios_of(&pack, c, &more).len(),
            1 + pack.default_run.follow_ups_per_competency,
            "{c}: at most two follow-ups"
        );
    }
}

#[test]
fn follow_ups_stop_at_the_prompt_and_minute_budget() {
    let mut pack = sample::pack(&["a", "b"], 5);
    let scope = Scope::Default { draw: 0 };
    let asked = questions(&pack, &scope, &[]);
    let answers = answered(
        &pack,
        &asked,
        &[("a", "expert", false), ("b", "expert", false)],
    );
    let facts = BTreeMap::new();
    pack.default_run.max_prompts = prompt_count(&pack, &asked, false);
    assert_eq!(
        follow_up(&pack, &scope, &facts, &answers, &asked, false),
        None
    );
    pack.default_run.max_prompts = 50;
    pack.default_run.max_minutes = minutes(&pack, &asked, false);
    // One more scenario of a few words fits in the same rounded-up minute or not; with the
    // budget set a minute below, none fits.
    pack.default_run.max_minutes -= 1;
    assert_eq!(
        follow_up(&pack, &scope, &facts, &answers, &asked, false),
        None
    );
}

#[test]
fn the_estimate_counts_reading_deciding_and_the_review() {
    let pack = sample::pack(&["a"], 2);
    let asked: Vec<String> = ["a_rating", "a_did", "a_s0"].map(String::from).to_vec();
    // Words: rating prompt 1 + five statements of 3 words; statement 1; scenario 1 + 4
    // options of 1 word = 1 + 15 + 1 + 5 = 22 words → 6 s. Deciding: 10 + 3 + 20 = 33 s.
    // Review: 3 rows → 3 s.
    assert_eq!(seconds(&pack, &asked, false), 6 + 33 + 3);
    assert_eq!(minutes(&pack, &asked, false), 1);
}

#[test]
fn the_room_for_follow_ups_is_what_the_prompts_and_minutes_leave() {
    let mut pack = sample::pack(&["a", "b"], 5);
    let asked = questions(&pack, &Scope::Default { draw: 0 }, &[]);
    // Plenty of minutes and prompts: two follow-ups for each of the two competencies.
    pack.default_run.max_minutes = 100;
    assert_eq!(follow_up_room(&pack, None, &asked, false), 4);
    // Three prompts left: three.
    pack.default_run.max_prompts = prompt_count(&pack, &asked, false) + 3;
    assert_eq!(follow_up_room(&pack, None, &asked, false), 3);
    // No minute left: none.
    pack.default_run.max_prompts = 50;
    pack.default_run.max_minutes = seconds(&pack, &asked, false) / 60;
    assert_eq!(follow_up_room(&pack, None, &asked, false), 0);
}
