//! Which questions a run asks, and how long that takes. Pure: no I/O, no clock.
//!
//! The default run asks every competency's self-rating and experience statements and opens
//! it with one scenario drawn from its field items (retakes draw the next ones, so that
//! `compare` shows growth rather than memory of the last test). Then it spends what is left of
//! its prompts and minutes adaptively: a follow-up scenario goes to the competency whose
//! answers point furthest from the level its rating and experience describe, one at a time,
//! until none does or the budget is spent. `--thorough` asks the whole bank. Scores count what
//! was answered, so both runs share one scale.

use std::collections::BTreeMap;

use crate::answers::Value;
use crate::pack::{Competency, FactCondition, FactKind, Pack, Question, QuestionKind};
use crate::score;

/// At most this many experience statements share one checklist prompt: one screen's worth.
pub const CHECKLIST_MAX: usize = 12;

/// Reading speed used for time estimates, in words a minute.
pub const WORDS_PER_MINUTE: usize = 200;

/// Seconds to decide a scenario once it is read.
pub const SECONDS_PER_SCENARIO: usize = 20;

/// Seconds to pick a self-rating once its statements are read.
pub const SECONDS_PER_RATING: usize = 10;

/// Seconds to tick or pass one row of a checklist once it is read.
pub const SECONDS_PER_CHECKLIST_ROW: usize = 3;

/// Seconds to answer a background fact (or choose the target stage) once it is read.
pub const SECONDS_PER_FACT: usize = 5;

/// Seconds the review before scoring takes for each answer it lists.
pub const SECONDS_PER_REVIEW_ROW: usize = 1;

/// What a run asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The short run: self-ratings, experience, an opening scenario per competency drawn by
    /// `draw` (the number of earlier results, so each retake moves on through the bank), and
    /// adaptive follow-ups.
    Default { draw: usize },
    /// Every question of the pack that applies to the person.
    Thorough,
}

/// The ids of the questions a run starts with, in the pack's order, for the competencies in
/// `only` (all when empty): self-ratings, experience and the opening scenarios (the default
/// run) or every scenario asked without a condition (the whole bank). Scenarios asked only
/// under a condition on the facts come later, from [`follow_up`], once the facts are known.
pub fn questions(pack: &Pack, scope: &Scope, only: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for competency in pack
        .competencies
        .iter()
        .filter(|c| only.is_empty() || only.contains(&c.id))
    {
        let opening: Vec<&str> = match scope {
            Scope::Thorough => Vec::new(),
            Scope::Default { draw } => {
                openers(competency, pack.default_run.openers_per_competency, *draw)
            }
        };
        for q in &competency.questions {
            let asked = match scope {
                _ if !q.kind.is_knowledge() => true,
                Scope::Thorough => q.ask_if.is_empty(),
                Scope::Default { .. } => opening.contains(&q.id.as_str()),
            };
            if asked {
                out.push(q.id.to_string());
            }
        }
    }
    out
}

/// The scenarios of a competency, in bank order.
fn scenarios(competency: &Competency) -> impl Iterator<Item = &Question> {
    competency
        .questions
        .iter()
        .filter(|q| q.kind.is_knowledge())
}

/// The scenarios that may open a competency: asked without conditions and, where the pack
/// says what each needs, the ones that need knowledge of the field (not judgement alone).
pub fn opener_pool(competency: &Competency) -> Vec<&Question> {
    let open: Vec<&Question> = scenarios(competency)
        .filter(|q| q.ask_if.is_empty())
        .collect();
    let field: Vec<&Question> = open
        .iter()
        .copied()
        .filter(|q| q.field.as_ref().is_some_and(|f| f.kind.needs_the_field()))
        .collect();
    if field.is_empty() {
        open
    } else {
        field
    }
}

/// `count` opening scenarios of `competency` for retake number `draw`: its pool taken in
/// turn, so consecutive retakes open with different scenarios until the pool comes round.
fn openers(competency: &Competency, count: usize, draw: usize) -> Vec<&str> {
    let pool = opener_pool(competency);
    if pool.is_empty() || count == 0 {
        return Vec::new();
    }
    let start = draw.wrapping_mul(count) % pool.len();
    (0..count.min(pool.len()))
        .map(|i| pool[(start + i) % pool.len()].id.as_str())
        .collect()
}

/// The next scenario a run should ask, or `None` when it is done asking.
///
/// The whole bank: the next scenario asked only under a condition that the facts now meet.
/// The default run: a follow-up for the competency whose answers so far point furthest from
/// the level its rating and experience describe ([`score::pull_away`]), at most the pack's
/// `follow_ups_per_competency` each, while the run stays within `max_prompts` and
/// `max_minutes`. `asked` is every question asked so far; `with_facts` whether the run asked
/// the background facts (a whole run, not a retake of some competencies).
pub fn follow_up(
    pack: &Pack,
    scope: &Scope,
    facts: &BTreeMap<String, Value>,
    answers: &BTreeMap<String, Value>,
    asked: &[String],
    with_facts: bool,
) -> Option<String> {
    let is_asked = |q: &Question| asked.contains(&q.id);
    let applies = |q: &Question| pack.conditions_hold(&q.ask_if, facts);
    let in_run = |c: &Competency| {
        c.questions
            .iter()
            .any(|q| !q.kind.is_knowledge() && is_asked(q))
    };
    if *scope == Scope::Thorough {
        return pack
            .competencies
            .iter()
            .filter(|c| in_run(c))
            .flat_map(scenarios)
            .find(|q| !is_asked(q) && applies(q))
            .map(|q| q.id.to_string());
    }
    let run = &pack.default_run;
    if prompt_count(pack, asked, with_facts) + 1 > run.max_prompts {
        return None;
    }
    let mut longer = asked.to_vec();
    longer.push(String::new());
    let mut best: Option<(f64, &Question)> = None;
    for competency in pack.competencies.iter().filter(|c| in_run(c)) {
        let asked_here = scenarios(competency).filter(|q| is_asked(q)).count();
        if asked_here >= run.openers_per_competency + run.follow_ups_per_competency {
            continue;
        }
        let rated = competency
            .questions
            .iter()
            .find(|q| q.kind == QuestionKind::Rating)
            .and_then(|q| answers.get(q.id.as_str()))
            .and_then(Value::as_text)
            .and_then(|level| pack.level_index(level));
        let experience = score::experience_of(pack, competency, answers);
        let answered = score::scenario_fractions(pack, competency, answers);
        let placed = score::estimate(pack, rated, &experience, &answered).placed;
        let pull = score::pull_away(pack, placed, &answered);
        if pull <= 0.0 || best.is_some_and(|(b, _)| pull <= b) {
            continue;
        }
        // The next scenario of the bank after the last one asked, going round.
        let bank: Vec<&Question> = scenarios(competency).collect();
        let after = bank.iter().rposition(|q| is_asked(q)).unwrap_or(0);
        let next = (1..=bank.len())
            .map(|i| bank[(after + i) % bank.len()])
            .find(|q| !is_asked(q) && applies(q));
        if let Some(next) = next {
            longer.pop();
            longer.push(next.id.to_string());
            let seconds = seconds_given(pack, &longer, with_facts, Some(facts));
            if seconds.div_ceil(60) <= run.max_minutes {
                best = Some((pull, next));
            }
        }
    }
    best.map(|(_, q)| q.id.to_string())
}

/// How many follow-up scenarios the default run still has room for after `asked`: what is
/// left of its prompts, and of its minutes at the time the shortest scenario left takes, at
/// most `follow_ups_per_competency` for each competency in the run: an upper bound. The welcome line and the line that announces follow-ups use it; [`follow_up`]
/// decides each one.
pub fn follow_up_room(
    pack: &Pack,
    facts: Option<&BTreeMap<String, Value>>,
    asked: &[String],
    with_facts: bool,
) -> usize {
    let run = &pack.default_run;
    let in_run: Vec<&Competency> = pack
        .competencies
        .iter()
        .filter(|c| c.questions.iter().any(|q| asked.contains(&q.id)))
        .collect();
    let by_prompts = run
        .max_prompts
        .saturating_sub(prompt_count(pack, asked, with_facts));
    let each: Vec<usize> = in_run
        .iter()
        .flat_map(|c| scenarios(c))
        .filter(|q| !asked.contains(&q.id))
        .map(|q| seconds(pack, std::slice::from_ref(&q.id.to_string()), false))
        .collect();
    // The shortest scenario left: the room is a most, never an underestimate.
    let Some(&shortest) = each.iter().min() else {
        return 0;
    };
    let spent = seconds_given(pack, asked, with_facts, facts);
    let by_minutes = (run.max_minutes * 60).saturating_sub(spent) / shortest.max(1);
    by_prompts
        .min(by_minutes)
        .min(in_run.len() * run.follow_ups_per_competency)
}

/// The conditions of a question's `ask_if` as a person reads them after "asked only when":
/// "you hold PMP (PMI)".
pub fn conditions_text(pack: &Pack, conditions: &[FactCondition]) -> String {
    let parts: Vec<String> = conditions
        .iter()
        .map(|c| {
            let fact = pack.fact(&c.fact);
            let option = |id: &str| {
                fact.and_then(|f| f.options.iter().find(|o| o.id == id))
                    .map_or_else(|| id.to_string(), |o| o.text.to_string())
            };
            let name = fact.map_or_else(|| c.fact.to_string(), |f| f.prompt.to_string());
            if let Some(id) = &c.has {
                format!("you hold {}", option(id))
            } else if let Some(least) = &c.at_least {
                format!("{name}: {} or higher", option(least))
            } else if let Some(is) = c.is {
                format!("{name}: {}", if is { "yes" } else { "no" })
            } else if let Some(min) = c.min {
                format!("{name}: at least {}", crate::answers::format_number(min))
            } else if let Some(below) = c.below {
                format!("{name}: under {}", crate::answers::format_number(below))
            } else {
                name
            }
        })
        .collect();
    parts.join(" and ")
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

/// About how many minutes a run takes a person: every word read at [`WORDS_PER_MINUTE`],
/// plus the time to decide each prompt ([`SECONDS_PER_SCENARIO`], [`SECONDS_PER_RATING`],
/// [`SECONDS_PER_CHECKLIST_ROW`], [`SECONDS_PER_FACT`]) and the review
/// ([`SECONDS_PER_REVIEW_ROW`] for each answer). Rounded up.
pub fn minutes(pack: &Pack, asked: &[String], with_facts: bool) -> usize {
    seconds(pack, asked, with_facts).div_ceil(60).max(1)
}

/// [`minutes`] in seconds.
pub fn seconds(pack: &Pack, asked: &[String], with_facts: bool) -> usize {
    seconds_given(pack, asked, with_facts, None)
}

/// [`seconds`] once the facts are known (`known`): a fact asked only under a condition counts
/// only where it was asked. Without them, every fact counts (the most a run can take).
pub fn seconds_given(
    pack: &Pack,
    asked: &[String],
    with_facts: bool,
    known: Option<&BTreeMap<String, Value>>,
) -> usize {
    let words = |text: &str| text.split_whitespace().count();
    let mut words_read = 0;
    let mut deciding = 0;
    let mut rows = 0;
    if with_facts {
        words_read += pack
            .profiles
            .iter()
            .map(|p| words(&p.title) + words(&p.description))
            .sum::<usize>();
        deciding += SECONDS_PER_FACT;
        rows += 1;
        for fact in pack
            .facts
            .iter()
            .filter(|f| known.is_none_or(|k| pack.fact_applies(f, k)))
        {
            words_read += words(&fact.prompt) + fact.help.as_deref().map_or(0, words);
            words_read += fact.options.iter().map(|o| words(&o.text)).sum::<usize>();
            deciding += SECONDS_PER_FACT;
            rows += 1;
        }
    }
    for (competency, q) in pack.questions().filter(|(_, q)| asked.contains(&q.id)) {
        words_read += words(&q.prompt);
        words_read += q.options.iter().map(|o| words(&o.text)).sum::<usize>();
        rows += 1;
        deciding += match q.kind {
            QuestionKind::Rating => {
                words_read += competency.levels.values().map(|t| words(t)).sum::<usize>();
                SECONDS_PER_RATING
            }
            QuestionKind::Choice | QuestionKind::Multi => SECONDS_PER_SCENARIO,
            QuestionKind::YesNo => SECONDS_PER_CHECKLIST_ROW,
            QuestionKind::Number => SECONDS_PER_FACT,
        };
    }
    words_read * 60 / WORDS_PER_MINUTE + deciding + rows * SECONDS_PER_REVIEW_ROW
}

#[cfg(test)]
mod tests;
