//! Adding up people's scenario answers: per scenario and per pair of scenarios of a
//! competency only sums, never the answers themselves, so memory stays the same however
//! many results are read.

use std::collections::HashMap;
use std::ops::Range;

use super::stats::{fixed, Moments};
use crate::answers::Value;
use crate::pack::{Pack, Question};

/// Up to this many people with a rest score, an item's discrimination is the upper–lower
/// index, for which their (rest, item) scores are kept; from one more on, the corrected
/// point-biserial correlation, for which sums do.
pub const POINT_BISERIAL_FROM: usize = 100;

/// The scenarios of a pack, numbered in its order, competency by competency.
#[derive(Debug)]
pub struct Layout<'p> {
    pub pack: &'p Pack,
    pub items: Vec<Item<'p>>,
    pub competencies: Vec<Group<'p>>,
    index: HashMap<&'p str, usize>,
    pairs: usize,
}

/// One scenario.
#[derive(Debug)]
pub struct Item<'p> {
    pub question: &'p Question,
    /// Index into [`Layout::competencies`].
    pub competency: usize,
}

/// One competency's scenarios.
#[derive(Debug)]
pub struct Group<'p> {
    pub id: &'p str,
    /// Its items, a run of [`Layout::items`].
    pub items: Range<usize>,
    /// Where its pairs start in the tally's list of pairs.
    first_pair: usize,
}

impl Group<'_> {
    /// The position of pair (a, b), a < b, local item numbers, among all pairs.
    fn pair(&self, a: usize, b: usize) -> usize {
        let m = self.items.len();
        self.first_pair + a * (2 * m - a - 1) / 2 + (b - a - 1)
    }

    /// Where its pairs are in the tally's list of pairs.
    pub fn pair_range(&self) -> Range<usize> {
        let m = self.items.len();
        self.first_pair..self.first_pair + m * m.saturating_sub(1) / 2
    }

    /// The pairs of its items (local numbers), in the order of the tally's list.
    pub fn pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let m = self.items.len();
        (0..m).flat_map(move |a| (a + 1..m).map(move |b| (a, b)))
    }
}

impl<'p> Layout<'p> {
    /// The scenarios (choice and multi questions) of `pack`.
    pub fn new(pack: &'p Pack) -> Self {
        let mut items = Vec::new();
        let mut competencies = Vec::new();
        let mut pairs = 0;
        for competency in &pack.competencies {
            let start = items.len();
            for question in competency
                .questions
                .iter()
                .filter(|q| q.kind.is_knowledge())
            {
                items.push(Item {
                    question,
                    competency: competencies.len(),
                });
            }
            let m = items.len() - start;
            competencies.push(Group {
                id: competency.id.as_str(),
                items: start..items.len(),
                first_pair: pairs,
            });
            pairs += m * m.saturating_sub(1) / 2;
        }
        let index = items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.question.id.as_str(), i))
            .collect();
        Layout {
            pack,
            items,
            competencies,
            index,
            pairs,
        }
    }

    /// The item number of a scenario id.
    pub fn item(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }
}

/// The sums of many people's answers.
#[derive(Debug, Clone)]
pub struct Tally {
    pub(super) items: Vec<ItemSums>,
    pub(super) pairs: Vec<Moments>,
    pub(super) competencies: Vec<GroupSums>,
    /// People whose answers were added.
    pub people: u64,
}

#[derive(Debug, Clone, Default)]
pub(super) struct ItemSums {
    /// People who answered, and the sum of their scores (fixed point).
    pub answered: u64,
    pub score: i128,
    /// How many chose each option, in the question's order.
    pub picks: Vec<u64>,
    /// (item score, rest score) of those who answered another scenario of the competency.
    pub rest: Moments,
    /// The same pairs as (rest, item) in fixed point, while there are few of them.
    pub few: Vec<(i64, i64)>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct GroupSums {
    /// People who answered at least one scenario of the competency.
    pub people: u64,
    /// Scenarios they answered, all told.
    pub answered: u64,
    /// Their scenario scores (the weighted share right, 0–1), as (score, score).
    pub score: Moments,
}

impl Tally {
    /// Nothing added yet.
    pub fn new(layout: &Layout<'_>) -> Self {
        Tally {
            items: layout
                .items
                .iter()
                .map(|item| ItemSums {
                    picks: vec![0; item.question.options.len()],
                    ..ItemSums::default()
                })
                .collect(),
            pairs: vec![Moments::default(); layout.pairs],
            competencies: vec![GroupSums::default(); layout.competencies.len()],
            people: 0,
        }
    }

    /// Adds one person's scenario answers, given as (item number, answer) in any order.
    /// Each scores as the pack scores it ([`crate::score::fraction`]); blank answers count
    /// as not answered, and an item given twice counts once.
    pub fn add(&mut self, layout: &Layout<'_>, answers: &mut Vec<(usize, &Value)>) {
        answers.retain(|(_, v)| !matches!(v, Value::Null));
        answers.sort_by_key(|(item, _)| *item);
        answers.dedup_by_key(|(item, _)| *item);
        self.people += 1;
        // (item, score, weight) of the answers, competency by competency.
        let scored: Vec<(usize, f64, f64)> = answers
            .iter()
            .map(|&(i, value)| {
                let question = layout.items[i].question;
                self.pick(i, question, value);
                let x = crate::score::fraction(layout.pack, question, value);
                (i, x, question.weight.max(0.0))
            })
            .collect();
        for run in
            scored.chunk_by(|a, b| layout.items[a.0].competency == layout.items[b.0].competency)
        {
            let c = layout.items[run[0].0].competency;
            let group = &layout.competencies[c];
            let earned: f64 = run.iter().map(|&(_, x, w)| x * w).sum();
            let possible: f64 = run.iter().map(|&(_, _, w)| w).sum();
            let sums = &mut self.competencies[c];
            sums.people += 1;
            sums.answered += run.len() as u64;
            if possible > 0.0 {
                let share = earned / possible;
                sums.score.add(share, share);
            }
            for (at, &(i, x, w)) in run.iter().enumerate() {
                let item = &mut self.items[i];
                item.answered += 1;
                item.score += i128::from(fixed(x));
                let rest_possible = possible - w;
                if run.len() > 1 && rest_possible > 0.0 {
                    let rest = ((earned - x * w) / rest_possible).clamp(0.0, 1.0);
                    item.rest.add(x, rest);
                    if item.rest.n() as usize <= POINT_BISERIAL_FROM {
                        item.few.push((fixed(rest), fixed(x)));
                    } else if !item.few.is_empty() {
                        item.few = Vec::new();
                    }
                }
                for &(j, y, _) in &run[at + 1..] {
                    let (a, b) = (i - group.items.start, j - group.items.start);
                    self.pairs[group.pair(a, b)].add(x, y);
                }
            }
        }
    }

    /// Counts the options `value` chooses; ids the question does not have count for none.
    fn pick(&mut self, item: usize, question: &Question, value: &Value) {
        let picks = &mut self.items[item].picks;
        let mut choose = |id: &str| {
            if let Some(o) = question.options.iter().position(|o| o.id == id) {
                picks[o] += 1;
            }
        };
        match value {
            Value::Text(id) => choose(id),
            Value::List(ids) => {
                for (k, id) in ids.iter().enumerate() {
                    // A list naming an option twice chose it once.
                    if !ids[..k].contains(id) {
                        choose(id);
                    }
                }
            }
            _ => {}
        }
    }

    /// Adds another tally of the same layout.
    pub fn merge(&mut self, other: Tally) {
        self.people += other.people;
        for (mine, theirs) in self.items.iter_mut().zip(other.items) {
            mine.answered += theirs.answered;
            mine.score += theirs.score;
            for (a, b) in mine.picks.iter_mut().zip(&theirs.picks) {
                *a += b;
            }
            mine.rest.merge(&theirs.rest);
            if mine.rest.n() as usize <= POINT_BISERIAL_FROM {
                mine.few.extend(theirs.few);
            } else {
                mine.few = Vec::new();
            }
        }
        for (mine, theirs) in self.pairs.iter_mut().zip(&other.pairs) {
            mine.merge(theirs);
        }
        for (mine, theirs) in self.competencies.iter_mut().zip(other.competencies) {
            mine.people += theirs.people;
            mine.answered += theirs.answered;
            mine.score.merge(&theirs.score);
        }
    }
}
