//! The plan's unit tests.

use std::collections::HashSet;

use super::*;
use crate::answers::{self, Completeness};

fn example(name: &str) -> (Pack, crate::answers::Answers) {
    let pack = crate::pack::load_embedded().unwrap();
    let path = format!("{}/examples/answers/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let (mut a, spans) = answers::parse(&path, &text).unwrap();
    assert!(answers::check(&pack, &mut a, &path, &spans, Completeness::Required).is_empty());
    answers::normalise(&pack, &mut a);
    (pack, a)
}

fn levels(pack: &Pack, level: &str) -> BTreeMap<String, usize> {
    let i = pack.level_index(level).unwrap();
    pack.competencies
        .iter()
        .map(|c| (c.id.clone(), i))
        .collect()
}

#[test]
fn the_plan_holds_at_most_three_steps_per_horizon_and_mixes_kinds() {
    let (pack, a) = example("software-engineer-to-healthcare.yaml");
    let profile = pack.profile("project_manager").unwrap();
    let levels = levels(&pack, "novice");
    let plan = make(
        &pack,
        Person {
            profile,
            levels: &levels,
            facts: &a.facts,
            today: None,
        },
    );
    for horizon in HORIZONS {
        let steps: Vec<_> = plan.steps.iter().filter(|s| s.horizon == horizon).collect();
        assert!(steps.len() <= STEPS_PER_HORIZON);
        let kinds: HashSet<_> = steps.iter().map(|s| s.recommendation.kind).collect();
        assert!(kinds.len() >= steps.len().min(2), "{horizon:?} mixes kinds");
    }
}

#[test]
fn months_that_accrue_give_a_date_and_say_what_they_assume() {
    let pack = crate::pack::load_embedded().unwrap();
    let mut facts = BTreeMap::new();
    facts.insert("degree".to_string(), Value::Text("bachelor".into()));
    facts.insert("months_leading_projects".to_string(), Value::Number(18.0));
    facts.insert("pm_education_hours".to_string(), Value::Number(35.0));
    facts.insert("on_project_now".to_string(), Value::Bool(true));
    facts.insert("leads_project".to_string(), Value::Bool(true));
    let pmp = pack.certification("pmp").unwrap();
    let today = Date::constant(2026, 11, 25);
    let later = within_reach(&pack, pmp, &facts, Some(today));
    assert_eq!(later.months, Some(18));
    assert_eq!(later.around.as_deref(), Some("2028-05"));
    assert!(later.text.contains("May 2028"), "{}", later.text);
    assert!(
        later.text.contains(" if "),
        "says what it assumes: {}",
        later.text
    );
    facts.insert("leads_project".to_string(), Value::Bool(false));
    let later = within_reach(&pack, pmp, &facts, Some(today));
    assert_eq!(later.months, None, "a member: months leading do not accrue");
    facts.insert("leads_project".to_string(), Value::Bool(true));
    facts.insert("on_project_now".to_string(), Value::Bool(false));
    let later = within_reach(&pack, pmp, &facts, Some(today));
    assert_eq!(later.months, None, "no project: the months do not accrue");
    assert!(
        later.text.starts_with("needs 18 more months"),
        "{}",
        later.text
    );
}

#[test]
fn a_missing_degree_is_named_not_dated() {
    let pack = crate::pack::load_embedded().unwrap();
    let mut facts = BTreeMap::new();
    facts.insert("degree".to_string(), Value::Text("secondary".into()));
    facts.insert("on_project_now".to_string(), Value::Bool(true));
    let chps = pack.certification("chps").unwrap();
    let later = within_reach(&pack, chps, &facts, None);
    assert_eq!(later.months, None);
    assert!(later.text.starts_with("needs "), "{}", later.text);
}
