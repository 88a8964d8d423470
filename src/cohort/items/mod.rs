//! Item analysis (`skillgap cohort --items`): which scenarios measure, from many people's
//! answers, as exam boards check every form.
//!
//! Per scenario: how many answered it; its difficulty (the mean score, partial credit for
//! multi-answer items as scored); its discrimination (the corrected item–rest correlation,
//! or the upper–lower 27% index where few answered); the share choosing each option; and
//! flags for what a pack author should look at. Per competency: the reliability of the
//! scenario part of the score and its standard error of measurement.
//!
//! Retakes draw other scenarios from the bank and the default run asks only some, so people
//! answer different sets. Everything here uses the data each figure can have: an item's
//! figures come from those who answered it, a pair's correlation from those who answered
//! both (pairwise-complete cases), and reliability is the standardized alpha of the mean
//! pairwise correlation, at the number of scenarios a person answers on average.
//!
//! [`tally`] adds answers up (only sums are kept); [`Tally::analyse`] turns the sums into
//! figures; [`read`] is the I/O that feeds the tally from result files.

pub mod read;
pub mod stats;
pub mod tally;

use std::collections::BTreeMap;

use serde::Serialize;

pub use read::{read_answers, Outcome};
pub use tally::{Layout, Tally, POINT_BISERIAL_FROM};

/// Fewer answers than this are too few to judge an item or a pair by.
pub const MIN_ANSWERS: usize = 20;
/// An item more people than this get right tells them apart from almost no one.
pub const TOO_EASY: f64 = 0.95;
/// An item fewer get right than this is below what guessing earns on most items: often a
/// wrong key or a trick.
pub const TOO_HARD: f64 = 0.20;
/// A discrimination below this: the item barely tells the stronger from the weaker.
pub const LOW_DISCRIMINATION: f64 = 0.15;
/// A wrong option chosen by fewer than this share of those who answered does no work.
pub const UNUSED_DISTRACTOR: f64 = 0.02;

/// How reliability is estimated, as the JSON names it.
pub const RELIABILITY_METHOD: &str = "standardized_alpha_pairwise";

/// One scenario across the cohort.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ItemStats {
    pub id: String,
    /// The pack's few words for it, if it has them.
    pub label: Option<String>,
    /// The competency it belongs to.
    pub competency: String,
    /// `choice` (one right option) or `multi` (several).
    pub kind: String,
    /// People whose latest result answers it.
    pub answered: usize,
    /// The mean score of those who answered, 0–1: the share right, with partial credit for
    /// multi-answer items as they are scored. Null when nobody answered.
    pub difficulty: Option<f64>,
    /// How well it tells the stronger from the weaker, −1 to 1, by
    /// `discrimination_method`. Null with too few people or where everyone compared scored
    /// the same on it (or on the rest).
    pub discrimination: Option<f64>,
    /// `point_biserial`: the correlation of the item's score with the rest of the person's
    /// scenario score in its competency (the item left out), when more than 100 people
    /// answered it and another of the competency's scenarios; `upper_lower_27`: the mean item
    /// score of the 27% with the highest rest scores less that of the 27% with the lowest,
    /// for 20 to 100 such people; null below 20.
    pub discrimination_method: Option<DiscriminationMethod>,
    /// People who answered it and at least one other scenario of its competency: those its
    /// discrimination compares.
    pub discrimination_people: usize,
    /// The share of those who answered that chose each option (for multi-answer items, that
    /// ticked it), in the pack's order.
    #[serde(serialize_with = "super::as_map")]
    #[schemars(with = "BTreeMap<String, f64>")]
    pub options: Vec<(String, f64)>,
    /// The right options.
    pub key: Vec<String>,
    /// Wrong options fewer than 2% chose (listed from 20 answers on).
    pub unused_distractors: Vec<String>,
    pub flags: Vec<Flag>,
}

impl ItemStats {
    /// Its flags in a few words each, naming the unused distractors.
    pub fn flag_words(&self) -> Vec<String> {
        self.flags
            .iter()
            .map(|f| match f {
                Flag::UnusedDistractor => format!(
                    "{}: {}",
                    f.words(),
                    self.unused_distractors
                        .iter()
                        .map(|o| crate::text::one_line(o))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                _ => f.words().to_string(),
            })
            .collect()
    }
}

/// How an item's discrimination is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DiscriminationMethod {
    PointBiserial,
    #[serde(rename = "upper_lower_27")]
    UpperLower27,
}

/// What a pack author should look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Fewer than 20 answered it (or answered it together with another of its competency's
    /// scenarios, which discrimination needs): too few to say anything.
    TooFewAnswers,
    /// More than 95% got it right.
    TooEasy,
    /// Fewer than 20% got it right.
    TooHard,
    /// Discrimination below 0.15, or negative.
    LowDiscrimination,
    /// A wrong option fewer than 2% chose.
    UnusedDistractor,
}

impl Flag {
    /// The flag as the JSON names it.
    pub fn id(self) -> &'static str {
        match self {
            Flag::TooFewAnswers => "too_few_answers",
            Flag::TooEasy => "too_easy",
            Flag::TooHard => "too_hard",
            Flag::LowDiscrimination => "low_discrimination",
            Flag::UnusedDistractor => "unused_distractor",
        }
    }

    /// A few words for tables.
    pub fn words(self) -> &'static str {
        match self {
            Flag::TooFewAnswers => "too few answers to say",
            Flag::TooEasy => "too easy",
            Flag::TooHard => "too hard",
            Flag::LowDiscrimination => "weak discrimination",
            Flag::UnusedDistractor => "unused distractor",
        }
    }
}

/// The scenario part of one competency across the cohort. Added to the competency's entry
/// of the cohort document by `--items`.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ScenarioReliability {
    /// The reliability of the scenario score (the weighted share of its scenarios a person
    /// answered right), 0–1: standardized coefficient alpha, k·r̄ / (1 + (k − 1)·r̄), where
    /// r̄ is the mean correlation of the pairs of its scenarios that 20 people or more
    /// answered together (each pair on the people who answered both), and k the number of
    /// its scenarios a person answered on average. Null, with `reliability_note` saying why,
    /// where no pair has 20 people.
    pub reliability: Option<f64>,
    /// The standard error of measurement of the scenario score in points (0–100):
    /// its standard deviation across people × √(1 − reliability). Null with reliability.
    pub sem: Option<f64>,
    /// Always `standardized_alpha_pairwise`: the estimate described under `reliability`.
    pub reliability_method: String,
    /// Why reliability is null, when it is.
    pub reliability_note: Option<String>,
    /// People who answered at least one of its scenarios.
    pub scenario_people: usize,
    /// The scenarios each of them answered, on average: the k of alpha.
    pub scenarios_per_person: f64,
    /// The standard deviation of their scenario scores, 0–100.
    pub scenario_sd: Option<f64>,
    /// r̄: the mean correlation of the pairs used.
    pub mean_correlation: Option<f64>,
    /// Every pair of its scenarios: how many people answered both, and the correlation of
    /// the two scores among them (null below 20 people or where either did not vary; such
    /// pairs are not used).
    pub pairs: Vec<PairStats>,
}

/// Two scenarios of a competency, answered together.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PairStats {
    pub items: [String; 2],
    pub people: usize,
    pub correlation: Option<f64>,
}

/// What the tally shows: a line per scenario, and per competency of the layout the
/// reliability of its scenario part (by competency id).
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub items: Vec<ItemStats>,
    pub competencies: Vec<(String, ScenarioReliability)>,
}

fn round(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

impl Tally {
    /// The figures of every scenario and competency of `layout`.
    pub fn analyse(&self, layout: &Layout<'_>) -> Analysis {
        let items = layout
            .items
            .iter()
            .zip(&self.items)
            .map(|(item, sums)| item_stats(layout, item, sums))
            .collect();
        let competencies = layout
            .competencies
            .iter()
            .zip(&self.competencies)
            .map(|(group, sums)| {
                let pairs: Vec<PairStats> = group
                    .pairs()
                    .zip(&self.pairs[group.pair_range()])
                    .map(|((a, b), m)| PairStats {
                        items: [a, b]
                            .map(|k| layout.items[group.items.start + k].question.id.to_string()),
                        people: m.n() as usize,
                        correlation: (m.n() as usize >= MIN_ANSWERS)
                            .then(|| m.correlation())
                            .flatten(),
                    })
                    .collect();
                (
                    group.id.to_string(),
                    reliability(group.items.len(), sums, pairs),
                )
            })
            .collect();
        Analysis {
            items,
            competencies,
        }
    }
}

fn item_stats(layout: &Layout<'_>, item: &tally::Item<'_>, sums: &tally::ItemSums) -> ItemStats {
    let q = item.question;
    let answered = sums.answered as usize;
    let share = |n: u64| {
        if answered == 0 {
            0.0
        } else {
            n as f64 / answered as f64
        }
    };
    let difficulty = (answered > 0).then(|| stats::unfixed_sum(sums.score) / answered as f64);
    let compared = sums.rest.n() as usize;
    let method = if compared < MIN_ANSWERS {
        None
    } else if compared <= POINT_BISERIAL_FROM {
        Some(DiscriminationMethod::UpperLower27)
    } else {
        Some(DiscriminationMethod::PointBiserial)
    };
    // Where the item or the rest does not vary there is nothing to tell apart; the
    // difficulty flags say why.
    let discrimination = match (method, sums.rest.correlation()) {
        (Some(DiscriminationMethod::PointBiserial), r) => r,
        (Some(DiscriminationMethod::UpperLower27), Some(_)) => stats::upper_lower(&sums.few),
        _ => None,
    };
    let unused: Vec<String> = if answered < MIN_ANSWERS {
        Vec::new()
    } else {
        q.options
            .iter()
            .zip(&sums.picks)
            .filter(|(o, n)| !o.correct && share(**n) < UNUSED_DISTRACTOR)
            .map(|(o, _)| o.id.to_string())
            .collect()
    };
    let mut flags = Vec::new();
    if answered < MIN_ANSWERS || method.is_none() {
        flags.push(Flag::TooFewAnswers);
    }
    if answered >= MIN_ANSWERS {
        match difficulty {
            Some(d) if d > TOO_EASY => flags.push(Flag::TooEasy),
            Some(d) if d < TOO_HARD => flags.push(Flag::TooHard),
            _ => {}
        }
    }
    if discrimination.is_some_and(|d| d < LOW_DISCRIMINATION) {
        flags.push(Flag::LowDiscrimination);
    }
    if !unused.is_empty() {
        flags.push(Flag::UnusedDistractor);
    }
    ItemStats {
        id: q.id.to_string(),
        label: q.label.as_ref().map(|l| l.to_string()),
        competency: layout.competencies[item.competency].id.to_string(),
        kind: q.kind.name().to_string(),
        answered,
        difficulty: difficulty.map(|d| round(d, 3)),
        discrimination: discrimination.map(|d| round(d, 3)),
        discrimination_method: method,
        discrimination_people: compared,
        options: q
            .options
            .iter()
            .zip(&sums.picks)
            .map(|(o, n)| (o.id.to_string(), round(share(*n), 3)))
            .collect(),
        key: q
            .options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.id.to_string())
            .collect(),
        unused_distractors: unused,
        flags,
    }
}

fn reliability(
    scenarios: usize,
    sums: &tally::GroupSums,
    pairs: Vec<PairStats>,
) -> ScenarioReliability {
    let people = sums.people as usize;
    let per_person = if people == 0 {
        0.0
    } else {
        sums.answered as f64 / people as f64
    };
    let used: Vec<f64> = pairs.iter().filter_map(|p| p.correlation).collect();
    let pairs = pairs
        .into_iter()
        .map(|p| PairStats {
            correlation: p.correlation.map(|r| round(r, 3)),
            ..p
        })
        .collect();
    let mean_r = (!used.is_empty()).then(|| used.iter().sum::<f64>() / used.len() as f64);
    let sd = sums.score.sd_x().map(|sd| sd * 100.0);
    let alpha = mean_r.and_then(|r| stats::standardized_alpha(r, per_person));
    let note = match (alpha, mean_r) {
        (Some(_), _) => None,
        (None, Some(r)) => Some(format!(
            "its scenarios disagree (mean correlation {r:.2}): they do not measure one thing"
        )),
        (None, None) if scenarios < 2 => {
            Some("it has fewer than two scenarios: no pair to correlate".to_string())
        }
        (None, None) => Some(format!(
            "too few pairs: no two of its scenarios were answered together by {MIN_ANSWERS} \
             people or more (with scores that vary)"
        )),
    };
    ScenarioReliability {
        reliability: alpha.map(|a| round(a, 3)),
        sem: match (alpha, sd) {
            (Some(a), Some(sd)) => Some(round(stats::sem(sd, a), 1)),
            _ => None,
        },
        reliability_method: RELIABILITY_METHOD.to_string(),
        reliability_note: note,
        scenario_people: people,
        scenarios_per_person: round(per_person, 2),
        scenario_sd: sd.map(|sd| round(sd, 1)),
        mean_correlation: mean_r.map(|r| round(r, 3)),
        pairs,
    }
}

/// What the pages show of the item analysis beside the document's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemsView {
    /// The pack the scenarios come from: "healthcare-it-pm v2".
    pub pack: String,
    /// People whose answers count.
    pub people: usize,
    /// Counted results whose answers do not, as sentences.
    pub left_out: Vec<String>,
}

impl crate::cohort::Cohort {
    /// Adds the item analysis of `outcome`: the items and each competency's reliability to
    /// the document, what was read to the view.
    pub fn add_items(&mut self, layout: &Layout<'_>, outcome: &Outcome) {
        let analysis = outcome.tally.analyse(layout);
        for (id, reliability) in analysis.competencies {
            if let Some(c) = self.doc.competencies.iter_mut().find(|c| c.id == id) {
                c.scenarios = Some(reliability);
            }
        }
        self.doc.items = Some(analysis.items);
        let mut left_out = Vec::new();
        let others: usize = outcome.other_packs.values().sum();
        if others > 0 {
            let packs: Vec<String> = outcome
                .other_packs
                .iter()
                .map(|(id, n)| format!("{id} ({n})"))
                .collect();
            left_out.push(format!(
                "{others} {} made with another pack: {} (give that pack with --rubrics DIR \
                 to analyse its items)",
                if others == 1 { "result" } else { "results" },
                packs.join(", ")
            ));
        }
        if !outcome.skipped.is_empty() {
            left_out.push(format!(
                "{} {} not read again for the answers (named on stderr)",
                outcome.skipped.len(),
                if outcome.skipped.len() == 1 {
                    "result was"
                } else {
                    "results were"
                }
            ));
        }
        self.items = Some(ItemsView {
            pack: format!("{} v{}", layout.pack.id, layout.pack.version),
            people: outcome.tally.people as usize,
            left_out,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Value;
    use crate::pack::{Competency, Pack};

    /// One competency of three scenarios: q1 (choice, key a), q2 (choice, key b), q3 (multi,
    /// keys a and b), weight 1 each.
    fn pack() -> Pack {
        let competency: Competency = serde_yaml::from_str(
            r#"
id: c
title: C
summary: s
levels: {}
questions:
  - { id: r, kind: rating, prompt: p }
  - id: q1
    kind: choice
    prompt: p
    options: [{ id: a, text: a, correct: true }, { id: b, text: b }, { id: c, text: c }]
  - id: q2
    kind: choice
    prompt: p
    options: [{ id: a, text: a }, { id: b, text: b, correct: true }, { id: c, text: c }]
  - { id: x, kind: yes_no, prompt: p }
  - id: q3
    kind: multi
    prompt: p
    options:
      [{ id: a, text: a, correct: true }, { id: b, text: b, correct: true },
       { id: c, text: c }, { id: d, text: d }]
"#,
        )
        .unwrap();
        let mut pack = crate::pack::load_embedded().unwrap();
        pack.competencies = vec![competency];
        pack.index = Default::default();
        pack
    }

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }
    fn list(s: &[&str]) -> Value {
        Value::List(s.iter().map(|s| s.to_string()).collect())
    }

    /// Five people; their scores on q1, q2, q3:
    /// P1 1, 1, 1 · P2 1, 0, ½ · P3 0, 1, 0 (a right, c wrong) · P4 0, 0, 0 (ticked none) ·
    /// P5 1, –, ½ (a, b right, c wrong). P5 did not answer q2.
    fn people() -> Vec<Vec<(&'static str, Value)>> {
        vec![
            vec![
                ("q1", text("a")),
                ("q2", text("b")),
                ("q3", list(&["a", "b"])),
            ],
            vec![("q1", text("a")), ("q2", text("a")), ("q3", list(&["a"]))],
            vec![
                ("q1", text("b")),
                ("q2", text("b")),
                ("q3", list(&["a", "c"])),
            ],
            vec![("q1", text("c")), ("q2", text("a")), ("q3", list(&[]))],
            vec![
                ("q1", text("a")),
                ("q2", Value::Null),
                ("q3", list(&["a", "b", "c"])),
                ("r", text("expert")),
            ],
        ]
    }

    /// The table, each person `copies` times.
    fn analyse(copies: usize) -> Analysis {
        let pack = pack();
        let layout = Layout::new(&pack);
        let mut tally = Tally::new(&layout);
        for _ in 0..copies {
            for person in people() {
                let mut answers: Vec<(usize, &Value)> = person
                    .iter()
                    .filter_map(|(id, v)| Some((layout.item(id)?, v)))
                    .collect();
                tally.add(&layout, &mut answers);
            }
        }
        // Adding in two halves and merging gives the same sums.
        let analysis = tally.analyse(&layout);
        let mut halves = Tally::new(&layout);
        let mut other = Tally::new(&layout);
        for k in 0..copies {
            for person in people() {
                let mut answers: Vec<(usize, &Value)> = person
                    .iter()
                    .filter_map(|(id, v)| Some((layout.item(id)?, v)))
                    .collect();
                if k % 2 == 0 { &mut halves } else { &mut other }.add(&layout, &mut answers);
            }
        }
        halves.merge(other);
        assert_eq!(halves.analyse(&layout), analysis);
        analysis
    }

    fn close(got: Option<f64>, want: f64) {
        let got = got.expect("a figure");
        assert!((got - want).abs() <= 0.0005, "{got} is not {want:.4}");
    }

    #[test]
    fn a_small_table_by_hand() {
        // 25 copies: 125 people answered q1 and q3 (point-biserial), 100 answered q2
        // (upper–lower index). Copies change no mean or correlation.
        let a = analyse(25);
        let [q1, q2, q3] = &a.items[..] else {
            panic!("three scenarios: {:?}", a.items)
        };
        assert_eq!((q1.id.as_str(), q1.kind.as_str()), ("q1", "choice"));
        assert_eq!((q1.answered, q2.answered, q3.answered), (125, 100, 125));

        // q1: scores 1 1 0 0 1, rests (mean of the others answered) 1, ¼, ½, 0, ½.
        // Deviations from .6 and .45: Σdx·dr = .4, Σdx² = 1.2, Σdr² = .55.
        close(q1.difficulty, 0.6);
        close(q1.discrimination, 0.4 / (1.2f64 * 0.55).sqrt());
        assert_eq!(
            q1.discrimination_method,
            Some(DiscriminationMethod::PointBiserial)
        );
        assert_eq!(
            q1.options,
            [("a".into(), 0.6), ("b".into(), 0.2), ("c".into(), 0.2)]
        );
        assert_eq!(q1.key, ["a"]);
        assert!(q1.flags.is_empty(), "{:?}", q1.flags);

        // q2: scores 1 0 1 0, rests 1, ¾, 0, 0; 25 of each. Upper 27 of 100: 25 at rest 1
        // (right) and 2 at ¾ (wrong) → 25/27; lower 27: all from the 50 tied at 0, half
        // right → ½.
        close(q2.difficulty, 0.5);
        close(q2.discrimination, 25.0 / 27.0 - 0.5);
        assert_eq!(
            q2.discrimination_method,
            Some(DiscriminationMethod::UpperLower27)
        );
        assert_eq!(q2.unused_distractors, ["c"]);
        assert_eq!(q2.flags, [Flag::UnusedDistractor]);

        // q3: scores 1 ½ 0 0 ½, rests 1 ½ ½ 0 1: Σdx·dr = .55, Σdx² = Σdr² = .7.
        close(q3.difficulty, 0.4);
        close(q3.discrimination, 0.55 / 0.7);
        assert_eq!(
            q3.options,
            [
                ("a".into(), 0.8),
                ("b".into(), 0.4),
                ("c".into(), 0.4),
                ("d".into(), 0.0)
            ]
        );
        assert_eq!(q3.key, ["a", "b"]);
        assert_eq!(q3.flags, [Flag::UnusedDistractor]);

        // Pairs: q1–q2 r = 0 (P1–P4), q1–q3 r = .8/√(1.2·.7), q2–q3 r = .25/√.6875.
        let (id, c) = &a.competencies[0];
        assert_eq!(id, "c");
        let pairs: Vec<(usize, Option<f64>)> =
            c.pairs.iter().map(|p| (p.people, p.correlation)).collect();
        assert_eq!(pairs.len(), 3);
        assert_eq!(c.pairs[1].items, ["q1".to_string(), "q3".to_string()]);
        assert_eq!((pairs[0].0, pairs[1].0, pairs[2].0), (100, 125, 100));
        let r = [0.0, 0.8 / (1.2f64 * 0.7).sqrt(), 0.25 / 0.6875f64.sqrt()];
        for (got, want) in pairs.iter().zip(r) {
            close(got.1, want);
        }
        // k = 14 answers / 5 people = 2.8; alpha = k·r̄ / (1 + (k − 1)·r̄).
        let mean_r = r.iter().sum::<f64>() / 3.0;
        let alpha = 2.8 * mean_r / (1.0 + 1.8 * mean_r);
        assert_eq!(c.scenario_people, 125);
        assert_eq!(c.scenarios_per_person, 2.8);
        close(c.mean_correlation, mean_r);
        close(c.reliability, alpha);
        // Scenario scores 1, ½, ⅓, 0, ¾ (mean 31/60): Σd² = 0.588889 per copy; sample sd
        // over 125 people, in points.
        let sd = (0.588_888_9 * 25.0 / 124.0f64).sqrt() * 100.0;
        assert!((c.scenario_sd.unwrap() - sd).abs() < 0.05);
        assert!((c.sem.unwrap() - sd * (1.0 - alpha).sqrt()).abs() < 0.1);
        assert_eq!(c.reliability_method, RELIABILITY_METHOD);
        assert_eq!(c.reliability_note, None);
    }

    #[test]
    fn too_few_people_say_so_rather_than_guess() {
        // Four copies: 20 answered q1 and q3 (enough to judge, by the upper–lower index),
        // 16 answered q2 (too few); one copy: nothing to say.
        let a = analyse(4);
        assert_eq!(
            a.items[0].discrimination_method,
            Some(DiscriminationMethod::UpperLower27)
        );
        assert_eq!(a.items[1].answered, 16);
        assert_eq!(a.items[1].flags, [Flag::TooFewAnswers]);
        assert_eq!(a.items[1].discrimination, None);
        assert!(a.items[1].unused_distractors.is_empty(), "not judged");
        close(a.items[1].difficulty, 0.5);

        let a = analyse(1);
        for item in &a.items {
            assert_eq!(item.flags, [Flag::TooFewAnswers], "{}", item.id);
            assert_eq!(item.discrimination, None);
        }
        let (_, c) = &a.competencies[0];
        assert_eq!(c.reliability, None);
        assert_eq!(c.sem, None);
        assert!(c
            .reliability_note
            .as_deref()
            .unwrap()
            .contains("too few pairs"));
        assert!(c.pairs.iter().all(|p| p.correlation.is_none()));
    }

    #[test]
    fn names_match_the_json() {
        for flag in [
            Flag::TooFewAnswers,
            Flag::TooEasy,
            Flag::TooHard,
            Flag::LowDiscrimination,
            Flag::UnusedDistractor,
        ] {
            assert_eq!(serde_json::to_value(flag).unwrap(), flag.id());
        }
        assert_eq!(
            serde_json::to_value(DiscriminationMethod::UpperLower27).unwrap(),
            "upper_lower_27"
        );
    }

    #[test]
    fn everyone_right_is_too_easy_and_tells_no_one_apart() {
        let pack = pack();
        let layout = Layout::new(&pack);
        let mut tally = Tally::new(&layout);
        let right = [text("a"), text("b")];
        let wrong = text("c");
        for k in 0..200 {
            let mut answers = vec![
                (0, &right[0]),
                (1, if k % 3 == 0 { &wrong } else { &right[1] }),
            ];
            tally.add(&layout, &mut answers);
        }
        let a = tally.analyse(&layout);
        assert_eq!(a.items[0].difficulty, Some(1.0));
        assert_eq!(a.items[0].discrimination, None);
        assert_eq!(
            a.items[0].flags,
            [Flag::TooEasy, Flag::UnusedDistractor],
            "nobody chose its distractors either"
        );
        assert_eq!(a.items[2].answered, 0);
        assert_eq!(a.items[2].difficulty, None);
        assert_eq!(a.items[2].flags, [Flag::TooFewAnswers]);
    }
}
