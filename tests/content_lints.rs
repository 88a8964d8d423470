//! Content lints for the built-in pack: what validation cannot judge alone, and the promises
//! the product makes about its facts (every one sourced and dated).

use std::collections::{HashMap, HashSet};

use skillgap::pack::{load_embedded, Pack, QuestionKind, RecommendationKind};

fn pack() -> Pack {
    load_embedded().expect("the built-in pack validates")
}

fn fail_if_any(problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_competency_describes_every_level() {
    let pack = pack();
    let mut problems = Vec::new();
    for c in &pack.competencies {
        for level in &pack.levels {
            match c.levels.get(&level.id) {
                Some(text) if text.trim().len() >= 40 => {}
                _ => problems.push(format!(
                    "{}: level {} needs a behavioural description",
                    c.id, level.id
                )),
            }
        }
    }
    fail_if_any(problems);
}

#[test]
fn every_competency_has_one_rating_four_scenarios_and_experience() {
    let pack = pack();
    let mut problems = Vec::new();
    for c in &pack.competencies {
        let count =
            |k: &dyn Fn(QuestionKind) -> bool| c.questions.iter().filter(|q| k(q.kind)).count();
        if count(&|k| k == QuestionKind::Rating) != 1 {
            problems.push(format!("{}: needs exactly one rating question", c.id));
        }
        if count(&|k| k.is_knowledge()) < 4 {
            problems.push(format!("{}: needs at least four scenario questions", c.id));
        }
        if count(&|k| matches!(k, QuestionKind::YesNo | QuestionKind::Number)) < 1 {
            problems.push(format!("{}: needs an experience question", c.id));
        }
    }
    fail_if_any(problems);
}

#[test]
fn every_scenario_has_one_right_answer_an_explanation_and_a_dated_https_source() {
    let pack = pack();
    let mut problems = Vec::new();
    for (c, q) in pack.questions() {
        if !q.kind.is_knowledge() {
            continue;
        }
        let right = q.options.iter().filter(|o| o.correct).count();
        if q.kind == QuestionKind::Choice && right != 1 {
            problems.push(format!("{}: {right} right answers", q.id));
        }
        if q.kind == QuestionKind::Multi && right < 2 {
            problems.push(format!(
                "{}: a multi question needs two or more right answers",
                q.id
            ));
        }
        if !(3..=5).contains(&q.options.len()) {
            problems.push(format!("{}: {} options; use 3 to 5", q.id, q.options.len()));
        }
        if q.explanation.as_deref().is_none_or(|e| e.trim().len() < 40) {
            problems.push(format!("{}: explanation missing or too thin", q.id));
        }
        match &q.source {
            Some(s) if s.url.starts_with("https://") && !s.title.trim().is_empty() => {}
            _ => problems.push(format!(
                "{} ({}): source needs a title and an https URL",
                q.id, c.id
            )),
        }
    }
    fail_if_any(problems);
}

#[test]
fn right_answers_are_not_all_in_the_same_place() {
    let pack = pack();
    let mut problems = Vec::new();
    for c in &pack.competencies {
        let positions: HashSet<usize> = c
            .questions
            .iter()
            .filter(|q| q.kind == QuestionKind::Choice)
            .filter_map(|q| q.options.iter().position(|o| o.correct))
            .collect();
        if positions.len() < 2 {
            problems.push(format!(
                "{}: every right answer is option {:?}",
                c.id, positions
            ));
        }
    }
    fail_if_any(problems);
}

#[test]
fn text_fits_a_terminal_and_carries_no_control_characters() {
    let pack = pack();
    let mut problems = Vec::new();
    let mut check = |what: String, text: &str, limit: usize| {
        if text.chars().count() > limit {
            problems.push(format!(
                "{what}: {} characters (limit {limit})",
                text.chars().count()
            ));
        }
        if text.chars().any(|c| c.is_control() && c != '\n') {
            problems.push(format!("{what}: contains a control character"));
        }
    };
    for c in &pack.competencies {
        for (level, text) in &c.levels {
            check(format!("{} level {level}", c.id), text, 240);
        }
        for q in &c.questions {
            check(format!("{} prompt", q.id), &q.prompt, 420);
            for o in &q.options {
                check(format!("{} option {}", q.id, o.id), &o.text, 170);
            }
        }
    }
    for r in &pack.recommendations {
        check(format!("{} title", r.id), &r.title, 72);
    }
    fail_if_any(problems);
}

#[test]
fn every_recommendation_has_a_url_and_a_recent_as_of_date() {
    let pack = pack();
    let today = jiff::Zoned::now().date();
    let mut problems = Vec::new();
    for r in &pack.recommendations {
        if !r.url.starts_with("https://") {
            problems.push(format!("{}: url must be https", r.id));
        }
        if r.as_of > today {
            problems.push(format!("{}: as_of {} is in the future", r.id, r.as_of));
        }
        // Advice older than three years is due for a re-check.
        if r.as_of < today.saturating_sub(jiff::Span::new().years(3)) {
            problems.push(format!(
                "{}: as_of {} is over three years old; re-check it",
                r.id, r.as_of
            ));
        }
    }
    fail_if_any(problems);
}

#[test]
fn the_plan_can_draw_on_every_kind_for_every_competency() {
    let pack = pack();
    let kinds: HashSet<RecommendationKind> = pack.recommendations.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds.len(),
        4,
        "education, certification, networking and experience all present"
    );
    let mut built: HashMap<&str, usize> = HashMap::new();
    for r in &pack.recommendations {
        for c in &r.builds {
            *built.entry(c.as_str()).or_default() += 1;
        }
    }
    let mut problems = Vec::new();
    for c in &pack.competencies {
        if built.get(c.id.as_str()).copied().unwrap_or(0) < 2 {
            problems.push(format!("{}: fewer than two recommendations build it", c.id));
        }
    }
    for cert in &pack.certifications {
        if !pack
            .recommendations
            .iter()
            .any(|r| r.certification.as_deref() == Some(&cert.id))
        {
            problems.push(format!("{}: no recommendation leads to it", cert.id));
        }
    }
    fail_if_any(problems);
}

#[test]
fn every_profile_targets_every_competency_with_a_rationale() {
    let pack = pack();
    let mut problems = Vec::new();
    for p in &pack.profiles {
        if p.rationale.trim().len() < 40 {
            problems.push(format!("{}: rationale missing or too thin", p.id));
        }
        for c in &pack.competencies {
            if !p.targets.contains_key(&c.id) {
                problems.push(format!("{}: no target for {}", p.id, c.id));
            }
        }
    }
    fail_if_any(problems);
}

#[test]
fn every_eligibility_rule_has_a_dated_source_and_a_note() {
    let pack = pack();
    let today = jiff::Zoned::now().date();
    let mut problems = Vec::new();
    for cert in &pack.certifications {
        if !cert.source.url.starts_with("https://") {
            problems.push(format!("{}: source url must be https", cert.id));
        }
        if cert.source.as_of > today {
            problems.push(format!("{}: as_of in the future", cert.id));
        }
        if cert.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
            problems.push(format!(
                "{}: say in a note what the rule simplifies or leaves unconfirmed",
                cert.id
            ));
        }
    }
    fail_if_any(problems);
}
