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
                out.push(q.id.clone());
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
        .flat_map(|c| c.questions.iter().map(|q| q.id.clone()))
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
                    .map(|q| q.id.clone())
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
