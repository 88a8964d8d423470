//! Which questions a run asks, and how long that takes. Pure: no I/O, no clock.
//!
//! The default run asks every competency's self-rating and experience statements and a few
//! of its scenarios; retakes draw the next scenarios from the bank, so that `compare` shows
//! growth rather than memory of the last test. `--thorough` asks the whole bank. Scores are
//! shares of what was asked, so both runs share one scale.

use crate::pack::{Competency, FactKind, Pack, Question, QuestionKind};

/// At most this many experience statements share one checklist prompt: one screen's worth.
pub const CHECKLIST_MAX: usize = 12;

/// Reading speed used for time estimates, in words a minute.
pub const WORDS_PER_MINUTE: usize = 200;

/// Seconds a prompt takes beyond reading it: choosing, typing, confirming.
pub const SECONDS_PER_PROMPT: usize = 5;

/// What a run asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The short run: self-ratings, experience, a few scenarios drawn by `draw` (the number of
    /// earlier results, so each retake moves on through the bank).
    Default { draw: usize },
    /// Every question of the pack.
    Thorough,
}

/// The ids of the questions a run asks, in the pack's order, for the competencies in `only`
/// (all when empty). Without `only` the background facts and profile are asked too, so the
/// default run keeps to the pack's `max_prompts` by asking fewer scenarios, from the last
/// competency backwards, never fewer than one.
pub fn questions(pack: &Pack, scope: &Scope, only: &[String]) -> Vec<String> {
    let competencies: Vec<&Competency> = pack
        .competencies
        .iter()
        .filter(|c| only.is_empty() || only.contains(&c.id))
        .collect();
    let per = pack.default_run.scenarios_per_competency.max(1);
    let mut counts: Vec<usize> = competencies
        .iter()
        .map(|c| match scope {
            Scope::Thorough => scenarios(c).len(),
            Scope::Default { .. } => per.min(scenarios(c).len()),
        })
        .collect();
    if matches!(scope, Scope::Default { .. }) {
        let fixed = competencies
            .iter()
            .map(|c| {
                c.questions
                    .iter()
                    .filter(|q| q.kind == QuestionKind::Rating || q.kind == QuestionKind::Number)
                    .count()
            })
            .sum::<usize>()
            + checklist_prompts(competencies.iter().copied())
            + if only.is_empty() {
                1 + fact_prompts(pack)
            } else {
                0
            };
        let budget = pack.default_run.max_prompts;
        while fixed + counts.iter().sum::<usize>() > budget {
            let Some(i) = counts.iter().rposition(|n| *n > 1) else {
                break;
            };
            counts[i] -= 1;
        }
    }
    let draw = match scope {
        Scope::Default { draw } => *draw,
        Scope::Thorough => 0,
    };
    let mut out = Vec::new();
    for (competency, count) in competencies.iter().zip(counts) {
        let drawn = drawn_scenarios(competency, count, draw);
        for q in &competency.questions {
            if !q.kind.is_knowledge() || drawn.contains(&q.id.as_str()) {
                out.push(q.id.to_string());
            }
        }
    }
    out
}

fn scenarios(competency: &Competency) -> Vec<&Question> {
    competency
        .questions
        .iter()
        .filter(|q| q.kind.is_knowledge())
        .collect()
}

/// `count` scenarios of `competency` for retake number `draw`: the bank taken in turn, so
/// consecutive retakes see different scenarios until the bank comes round again.
fn drawn_scenarios(competency: &Competency, count: usize, draw: usize) -> Vec<&str> {
    let bank = scenarios(competency);
    if bank.is_empty() || count == 0 {
        return Vec::new();
    }
    let start = draw.wrapping_mul(count) % bank.len();
    (0..count.min(bank.len()))
        .map(|i| bank[(start + i) % bank.len()].id.as_str())
        .collect()
}

/// Scenarios to add at the end of a run where the answers so far are too few to trust: the
/// self-rating and the share of scenarios answered right are at least half the scale apart
/// (rated proficient, no scenario right; rated novice, every one right). At most `spare` of
/// them, the widest disagreements first, one per competency, each the next unasked scenario
/// of the competency's bank. Two answers are a small sample: one more tells a lucky or
/// unlucky pair from a real gap before the report calls it one.
pub fn extra_scenarios(
    pack: &Pack,
    answers: &std::collections::BTreeMap<String, crate::answers::Value>,
    asked: &[String],
    spare: usize,
) -> Vec<String> {
    let last = pack.levels.len().saturating_sub(1).max(1) as f64;
    let mut candidates: Vec<(f64, String)> = Vec::new();
    for competency in &pack.competencies {
        let rated = competency
            .questions
            .iter()
            .find(|q| q.kind == QuestionKind::Rating)
            .and_then(|q| answers.get(q.id.as_str()))
            .and_then(|v| v.as_text())
            .and_then(|level| pack.level_index(level));
        let bank = scenarios(competency);
        let answered: Vec<f64> = bank
            .iter()
            .filter(|q| asked.contains(&q.id))
            .filter_map(|q| {
                answers
                    .get(q.id.as_str())
                    .map(|v| crate::score::fraction(pack, q, v))
            })
            .collect();
        let (Some(rated), false) = (rated, answered.is_empty()) else {
            continue;
        };
        let right = answered.iter().sum::<f64>() / answered.len() as f64;
        let distance = (rated as f64 / last - right).abs();
        // The next scenario of the bank after the last one asked, going round.
        let after = bank
            .iter()
            .rposition(|q| asked.contains(&q.id))
            .unwrap_or(0);
        let next = (1..=bank.len())
            .map(|i| bank[(after + i) % bank.len()])
            .find(|q| !asked.contains(&q.id));
        if let (true, Some(next)) = (distance >= 0.5, next) {
            candidates.push((distance, next.id.to_string()));
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    candidates
        .into_iter()
        .take(spare)
        .map(|(_, id)| id)
        .collect()
}

/// How many prompts the background facts take at most: yes/no facts side by side share one
/// checklist, and a fact asked only under a condition counts (it may be asked).
pub fn fact_prompts(pack: &Pack) -> usize {
    fact_groups(pack).len()
}

/// The facts as prompts: each fact alone, except runs of yes/no facts, which are asked
/// together as one checklist. Indexes into `pack.facts`.
pub fn fact_groups(pack: &Pack) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, fact) in pack.facts.iter().enumerate() {
        let joins = fact.kind == FactKind::YesNo
            && groups
                .last()
                .and_then(|g| g.last())
                .is_some_and(|&j| pack.facts[j].kind == FactKind::YesNo);
        match groups.last_mut() {
            Some(group) if joins => group.push(i),
            _ => groups.push(vec![i]),
        }
    }
    groups
}

/// The yes/no experience questions of `competencies` in checklists of at most
/// [`CHECKLIST_MAX`], a competency's statements never split across two.
pub fn checklists<'p>(
    competencies: impl Iterator<Item = &'p Competency>,
    asked: &[String],
) -> Vec<Vec<(&'p Competency, &'p Question)>> {
    let mut lists: Vec<Vec<(&Competency, &Question)>> = Vec::new();
    for competency in competencies {
        let statements: Vec<(&Competency, &Question)> = competency
            .questions
            .iter()
            .filter(|q| q.kind == QuestionKind::YesNo && asked.contains(&q.id))
            .map(|q| (competency, q))
            .collect();
        if statements.is_empty() {
            continue;
        }
        match lists.last_mut() {
            Some(list) if list.len() + statements.len() <= CHECKLIST_MAX => list.extend(statements),
            _ => lists.push(statements),
        }
    }
    lists
}

fn checklist_prompts<'p>(competencies: impl Iterator<Item = &'p Competency> + Clone) -> usize {
    let every: Vec<String> = competencies
        .clone()
        .flat_map(|c| c.questions.iter().map(|q| q.id.to_string()))
        .collect();
    checklists(competencies, &every).len()
}

/// How many prompts a run asks at most: profile and facts (when `with_facts`), experience
/// checklists, then each asked rating, scenario and number question.
pub fn prompt_count(pack: &Pack, asked: &[String], with_facts: bool) -> usize {
    let questions = pack
        .questions()
        .filter(|(_, q)| asked.contains(&q.id) && q.kind != QuestionKind::YesNo)
        .count();
    let lists = checklists(pack.competencies.iter(), asked).len();
    let facts = if with_facts {
        1 + fact_prompts(pack)
    } else {
        0
    };
    facts + lists + questions
}

/// About how many minutes a run takes: every word a person reads at
/// [`WORDS_PER_MINUTE`], plus [`SECONDS_PER_PROMPT`] for each prompt.
pub fn minutes(pack: &Pack, asked: &[String], with_facts: bool) -> usize {
    let words = |text: &str| text.split_whitespace().count();
    let mut total = 0;
    if with_facts {
        total += pack
            .profiles
            .iter()
            .map(|p| words(&p.title) + words(&p.description))
            .sum::<usize>();
        for fact in &pack.facts {
            total += words(&fact.prompt) + fact.help.as_deref().map_or(0, words);
            total += fact.options.iter().map(|o| words(&o.text)).sum::<usize>();
        }
    }
    for (competency, q) in pack.questions().filter(|(_, q)| asked.contains(&q.id)) {
        total += words(&q.prompt);
        total += q.options.iter().map(|o| words(&o.text)).sum::<usize>();
        if q.kind == QuestionKind::Rating {
            total += competency.levels.values().map(|t| words(t)).sum::<usize>();
        }
    }
    let seconds =
        total * 60 / WORDS_PER_MINUTE + prompt_count(pack, asked, with_facts) * SECONDS_PER_PROMPT;
    seconds.div_ceil(60).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack() -> Pack {
        crate::pack::load_embedded().unwrap()
    }

    #[test]
    fn the_default_run_keeps_to_fifty_prompts_even_when_every_fact_is_asked() {
        let pack = pack();
        for draw in 0..6 {
            let asked = questions(&pack, &Scope::Default { draw }, &[]);
            let prompts = prompt_count(&pack, &asked, true);
            assert!(prompts <= 50, "draw {draw}: {prompts} prompts");
            assert!(prompts >= 40, "draw {draw}: only {prompts} prompts");
        }
    }

    #[test]
    fn every_competency_keeps_its_rating_experience_and_at_least_one_scenario() {
        let pack = pack();
        let asked = questions(&pack, &Scope::Default { draw: 0 }, &[]);
        for c in &pack.competencies {
            let mine: Vec<&Question> = c
                .questions
                .iter()
                .filter(|q| asked.contains(&q.id))
                .collect();
            assert!(
                mine.iter().any(|q| q.kind == QuestionKind::Rating),
                "{}",
                c.id
            );
            assert_eq!(
                mine.iter().filter(|q| q.kind.is_experience()).count(),
                c.questions
                    .iter()
                    .filter(|q| q.kind.is_experience())
                    .count(),
                "{}",
                c.id
            );
            let scenarios = mine.iter().filter(|q| q.kind.is_knowledge()).count();
            assert!((1..=2).contains(&scenarios), "{}: {scenarios}", c.id);
        }
    }

    #[test]
    fn retakes_draw_different_scenarios_where_the_bank_allows() {
        let pack = pack();
        let first = questions(&pack, &Scope::Default { draw: 0 }, &[]);
        let second = questions(&pack, &Scope::Default { draw: 1 }, &[]);
        for c in &pack.competencies {
            let drawn = |asked: &[String]| -> Vec<String> {
                c.questions
                    .iter()
                    .filter(|q| q.kind.is_knowledge() && asked.contains(&q.id))
                    .map(|q| q.id.to_string())
                    .collect()
            };
            let (a, b) = (drawn(&first), drawn(&second));
            if scenarios(c).len() >= a.len() + b.len() {
                assert!(
                    a.iter().all(|id| !b.contains(id)),
                    "{}: {a:?} then {b:?}",
                    c.id
                );
            }
        }
    }

    #[test]
    fn thorough_asks_everything_and_only_narrows_to_the_named_competencies() {
        let pack = pack();
        let all = questions(&pack, &Scope::Thorough, &[]);
        assert_eq!(all.len(), pack.questions().count());
        let only = questions(&pack, &Scope::Default { draw: 0 }, &["risk".to_string()]);
        assert!(only.iter().all(|id| id.starts_with("risk_")), "{only:?}");
        assert_eq!(
            only.len(),
            1 + 2 + 2,
            "rating, two statements, two scenarios"
        );
    }

    #[test]
    fn extra_scenarios_go_where_the_rating_and_the_answers_disagree_most() {
        use crate::answers::Value;
        let pack = pack();
        let asked = questions(&pack, &Scope::Default { draw: 0 }, &[]);
        let mut answers = std::collections::BTreeMap::new();
        let drawn = |c: &str| -> Vec<&Question> {
            pack.competency(c)
                .unwrap()
                .questions
                .iter()
                .filter(|q| q.kind.is_knowledge() && asked.contains(&q.id))
                .collect()
        };
        let wrong = |q: &Question| match q.kind {
            QuestionKind::Choice => Value::Text(
                q.options
                    .iter()
                    .find(|o| !o.correct)
                    .unwrap()
                    .id
                    .to_string(),
            ),
            _ => Value::List(vec![q
                .options
                .iter()
                .find(|o| !o.correct)
                .unwrap()
                .id
                .to_string()]),
        };
        let right = |q: &Question| match q.kind {
            QuestionKind::Choice => {
                Value::Text(q.options.iter().find(|o| o.correct).unwrap().id.to_string())
            }
            _ => Value::List(
                q.options
                    .iter()
                    .filter(|o| o.correct)
                    .map(|o| o.id.to_string())
                    .collect(),
            ),
        };
        // Rated expert, both wrong (1.0 apart); rated competent, both wrong (0.5);
        // rated competent, one right (0.0); rated novice, both right (1.0).
        for (c, rating, answer) in [
            ("ethics", "expert", &wrong as &dyn Fn(&Question) -> Value),
            ("technical", "competent", &wrong),
            ("risk", "novice", &right),
        ] {
            answers.insert(format!("{c}_rating"), Value::Text(rating.into()));
            for q in drawn(c) {
                answers.insert(q.id.to_string(), answer(q));
            }
        }
        answers.insert("hipaa_rating".into(), Value::Text("competent".into()));
        let hipaa = drawn("hipaa");
        answers.insert(hipaa[0].id.to_string(), right(hipaa[0]));
        answers.insert(hipaa[1].id.to_string(), wrong(hipaa[1]));

        let extra = extra_scenarios(&pack, &answers, &asked, 2);
        assert_eq!(extra.len(), 2, "{extra:?}");
        assert!(extra.iter().all(|id| !asked.contains(id)));
        let of = |id: &str| pack.question(id).unwrap().0.id.to_string();
        let mut competencies: Vec<String> = extra.iter().map(|id| of(id)).collect();
        competencies.sort();
        assert_eq!(competencies, ["ethics", "risk"], "the widest first");
        let all = extra_scenarios(&pack, &answers, &asked, 10);
        assert_eq!(all.len(), 3, "technical qualifies, hipaa does not: {all:?}");
        assert!(extra_scenarios(&pack, &answers, &asked, 0).is_empty());
    }

    #[test]
    fn yes_no_facts_side_by_side_share_one_prompt() {
        let pack = pack();
        let groups = fact_groups(&pack);
        let last = groups.last().unwrap();
        assert!(last.len() >= 2);
        assert!(last.iter().all(|&i| pack.facts[i].kind == FactKind::YesNo));
        assert_eq!(groups.iter().map(Vec::len).sum::<usize>(), pack.facts.len());
    }

    #[test]
    fn the_estimate_counts_words_and_prompts() {
        let pack = pack();
        let short = questions(&pack, &Scope::Default { draw: 0 }, &[]);
        let long = questions(&pack, &Scope::Thorough, &[]);
        let (a, b) = (minutes(&pack, &short, true), minutes(&pack, &long, true));
        assert!(a < b, "{a} < {b}");
        assert!((10..=30).contains(&a), "the default run takes {a} minutes");
    }
}
