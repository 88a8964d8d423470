//! Simulated cohorts: result files of made-up people, for the cohort tests, benchmarks and the
//! README picture. Generated on the fly, never committed.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use skillgap::answers::{self, Answers, Completeness, Value};
use skillgap::pack::{FactKind, Pack, QuestionKind};
use skillgap::render::{for_format, Format, Style};
use skillgap::result::{self, ResultDocument};

/// A small, seeded random number generator (splitmix64): the same seed, the same cohort.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in 0..1.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize % n.max(1)
    }
}

/// Answers of a made-up person whose ability in each competency is drawn around `base`.
pub fn answers_for(pack: &Pack, profile: &str, rng: &mut Rng) -> Answers {
    let base = rng.unit();
    let mut a = Answers {
        person: None,
        profile: Some(profile.to_string()),
        ..Answers::default()
    };
    for fact in &pack.facts {
        let value = match fact.kind {
            FactKind::Select => {
                Value::Text(fact.options[rng.below(fact.options.len())].id.to_string())
            }
            FactKind::Number => {
                let min = fact.min.unwrap_or(0.0);
                let max = fact.max.unwrap_or(min + 120.0).min(min + 120.0);
                Value::Number((min + rng.unit() * (max - min)).floor())
            }
            FactKind::List => Value::List(
                fact.options
                    .iter()
                    .filter(|_| rng.unit() < 0.15)
                    .map(|o| o.id.to_string())
                    .collect(),
            ),
            FactKind::YesNo => Value::Bool(rng.unit() < 0.5),
        };
        a.facts.insert(fact.id.to_string(), value);
    }
    // A part is never more than its whole (months in healthcare within months in systems).
    for fact in &pack.facts {
        if let Some(whole) = &fact.part_of {
            let most = a.facts.get(whole.as_str()).and_then(Value::as_number);
            if let (Some(most), Some(Value::Number(n))) = (most, a.facts.get_mut(fact.id.as_str()))
            {
                *n = n.min(most);
            }
        }
    }
    for competency in &pack.competencies {
        let ability = (base + (rng.unit() - 0.5) * 0.8).clamp(0.0, 1.0);
        let rated: Vec<&str> = pack
            .levels
            .iter()
            .map(|l| l.id.as_str())
            .filter(|l| competency.levels.contains_key(*l))
            .collect();
        // A scenario asked only of some people (a credential's renewal rules) is left blank
        // by everyone else, as the run leaves it out.
        for q in competency
            .questions
            .iter()
            .filter(|q| pack.conditions_hold(&q.ask_if, &a.facts))
        {
            let value = match q.kind {
                QuestionKind::Rating => {
                    let at = ((ability + (rng.unit() - 0.5) * 0.3) * rated.len() as f64) as usize;
                    Value::Text(rated[at.min(rated.len() - 1)].to_string())
                }
                QuestionKind::Choice => {
                    let right = q.options.iter().position(|o| o.correct).unwrap_or(0);
                    let pick = if rng.unit() < ability {
                        right
                    } else {
                        rng.below(q.options.len())
                    };
                    Value::Text(q.options[pick].id.to_string())
                }
                QuestionKind::Multi => Value::List(
                    q.options
                        .iter()
                        .filter(|o| {
                            if o.correct {
                                rng.unit() < ability
                            } else {
                                rng.unit() < (1.0 - ability) * 0.4
                            }
                        })
                        .map(|o| o.id.to_string())
                        .collect(),
                ),
                QuestionKind::YesNo => Value::Bool(rng.unit() < ability),
                QuestionKind::Number => {
                    let min = q.min.unwrap_or(0.0);
                    let max = q.max.unwrap_or(min + 60.0).min(min + 60.0);
                    Value::Number((min + ability * (max - min)).floor())
                }
            };
            a.answers.insert(q.id.to_string(), value);
        }
    }
    a
}

/// The result of one made-up person, taken at `taken_at`, named `person`.
pub fn result_for(
    pack: &Pack,
    profile: &str,
    person: Option<&str>,
    taken_at: &str,
    rng: &mut Rng,
) -> ResultDocument {
    let mut a = answers_for(pack, profile, rng);
    a.person = person.map(String::from);
    let problems = answers::check(
        pack,
        &mut a,
        "sample",
        &Default::default(),
        Completeness::Required,
    );
    assert!(
        problems.is_empty(),
        "a simulated answers file is valid: {problems:?}"
    );
    answers::normalise(pack, &mut a);
    result::build(pack, pack.profile(profile).unwrap(), &a, taken_at)
}

/// Writes the results of `people` made-up people, `per_person` results each (a day apart,
/// the last on `2026-11-25`), into `dir` as skillgap saves them; returns every document with
/// its path, in writing order.
pub fn write_cohort(
    dir: &Path,
    pack: &Pack,
    profile: &str,
    people: usize,
    per_person: usize,
    seed: u64,
) -> Vec<(PathBuf, ResultDocument)> {
    std::fs::create_dir_all(dir).unwrap();
    let mut rng = Rng::new(seed);
    let end: jiff::Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
    let mut out = Vec::with_capacity(people * per_person);
    for i in 0..people {
        let name = format!("Person {:05}", i + 1);
        for k in 0..per_person {
            let back = (per_person - 1 - k) as i64 * 24 + (i % 240) as i64;
            let taken = end
                .checked_sub(jiff::SignedDuration::from_hours(back))
                .unwrap()
                .to_string();
            let doc = result_for(pack, profile, Some(&name), &taken, &mut rng);
            let path = dir.join(format!("p{:05}-{k:03}.json", i + 1));
            std::fs::write(
                &path,
                for_format(Format::Json).render(&doc, Style::default()),
            )
            .unwrap();
            out.push((path, doc));
        }
    }
    out
}
