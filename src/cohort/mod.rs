//! The cohort view: many people's results at once, for coaches, educators and PMO leads.
//!
//! [`gather`] finds result files and reads them in parallel, keeping of each person only their
//! latest result, boiled down to what the view needs. [`Gathered::summarise`] turns those into
//! the [`Cohort`]: per competency the median, quartiles, how many are below target and how many
//! at each level; per certification who may sit it now and who holds it; the recommendations
//! that serve the most people; and one heat-map row per person. Memory holds one small record
//! per person, never the documents, however many files there are.

pub mod items;
mod read;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::diagnostic::{Error, Result};

pub use read::{gather, Gathered, Options, MAX_FILE_BYTES};

/// The current version of the cohort document.
pub const SCHEMA_VERSION: u32 = 1;

/// What `skillgap cohort --format json` prints. Per-person data stays out of it: the heat map
/// is in the table, CSV and HTML outputs.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CohortDocument {
    pub schema_version: u32,
    /// People counted: each person's latest result.
    pub people: usize,
    /// Files that were not counted because they could not be read as a result, and why.
    pub skipped: Vec<Skipped>,
    /// The target profile every counted result is measured against.
    pub profile: String,
    pub profile_title: String,
    /// The level scale, lowest first.
    pub levels: Vec<LevelRef>,
    pub competencies: Vec<CompetencyStats>,
    pub eligibility: Vec<CertificationStats>,
    /// Recommendations that address someone's gap, the most people first: what to run as
    /// group training.
    pub recommendations: Vec<RecommendationStats>,
    /// With `--items`: every scenario of the pack, in its order, with how it performed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<items::ItemStats>>,
}

/// A file that was not counted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
pub struct Skipped {
    pub path: String,
    pub error: String,
}

/// A level of the scale.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LevelRef {
    pub id: String,
    pub title: String,
    pub short_title: String,
    /// A competency scoring at least this (0–100) reaches the level.
    pub min_score: f64,
}

/// One competency across the cohort. Scores are 0–100; quartiles interpolate linearly between
/// the closest ranks (as numpy's default and spreadsheets' PERCENTILE.INC do), rounded to one
/// decimal.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CompetencyStats {
    pub id: String,
    pub title: String,
    pub short_title: String,
    /// People with a score in this competency.
    pub people: usize,
    pub median: f64,
    pub p25: f64,
    pub p75: f64,
    /// The profile's target level here (from the latest result).
    pub target_level: String,
    /// People below their target level.
    pub below_target: usize,
    /// People at each level, by level id, lowest level first.
    #[serde(serialize_with = "as_map")]
    #[schemars(with = "BTreeMap<String, usize>")]
    pub levels: Vec<(String, usize)>,
    /// With `--items`: the reliability of its scenario part.
    #[serde(flatten)]
    pub scenarios: Option<items::ScenarioReliability>,
}

/// One certification across the cohort.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CertificationStats {
    pub id: String,
    pub title: String,
    /// People who may sit it now and do not hold it yet.
    pub eligible_now: usize,
    /// People who hold it.
    pub held: usize,
}

/// One recommendation across the cohort.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RecommendationStats {
    pub id: String,
    pub title: String,
    /// education, certification, networking or experience.
    pub kind: String,
    /// People it serves: their result has it building one of their gaps (a certification
    /// only where their plan schedules it, within reach in 12 months).
    pub people: usize,
}

fn as_map<S: serde::Serializer, V: Serialize>(
    pairs: &[(String, V)],
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(pairs.len()))?;
    for (key, value) in pairs {
        map.serialize_entry(key, value)?;
    }
    map.end()
}

/// The whole view: the document, and what only the pages show.
#[derive(Debug, Clone, PartialEq)]
pub struct Cohort {
    pub doc: CohortDocument,
    /// One row per person, by name.
    pub rows: Vec<PersonRow>,
    /// The first and last day a counted result was taken (UTC, `YYYY-MM-DD`).
    pub taken: (String, String),
    /// Result files read, counted or not.
    pub files: usize,
    /// Results left out on purpose, as sentences ("3 measured against senior").
    pub left_out: Vec<String>,
    /// The version of skillgap that made the view.
    pub tool_version: String,
    /// With `--items`: what the item analysis read, beside the document's figures.
    pub items: Option<items::ItemsView>,
}

impl Cohort {
    /// "taken 2026-11-25", or "taken 2026-11-01 to 2026-11-25" when the results span days.
    pub fn taken_text(&self) -> String {
        let (first, last) = &self.taken;
        if first == last {
            format!("taken {first}")
        } else {
            format!("taken {first} to {last}")
        }
    }
}

/// One person's latest result, for the heat map.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRow {
    pub name: String,
    /// RFC 3339, as in the result.
    pub taken_at: String,
    /// One per competency of the document, in its order; `None` where the result has none.
    pub cells: Vec<Option<Cell>>,
    /// Certification ids the person may sit now (not held).
    pub eligible_now: Vec<String>,
    /// Certification ids the person holds.
    pub held: Vec<String>,
}

/// One person in one competency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    pub score: f64,
    /// Index into the document's `levels`.
    pub level: usize,
    /// Levels below target; 0 when met.
    pub gap: usize,
}

/// The value at quantile `q` (0–1) of sorted `values`, interpolating linearly between the
/// closest ranks.
///
/// ```
/// use skillgap::cohort::quantile;
/// let v = [10.0, 20.0, 30.0, 40.0];
/// assert_eq!(quantile(&v, 0.5), 25.0);
/// assert_eq!(quantile(&v, 0.25), 17.5);
/// assert_eq!(quantile(&v, 0.75), 32.5);
/// assert_eq!(quantile(&[7.0], 0.25), 7.0);
/// ```
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => 0.0,
        1 => sorted[0],
        n => {
            let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
            let low = h.floor() as usize;
            let high = (low + 1).min(n - 1);
            sorted[low] + (h - low as f64) * (sorted[high] - sorted[low])
        }
    }
}

fn one_decimal(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Puts `ids` in the order of `preferred`, then the rest by id.
fn ordered<'a>(preferred: &[String], ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let rest: std::collections::BTreeSet<&str> = ids
        .into_iter()
        .filter(|id| !preferred.iter().any(|p| p == id))
        .collect();
    preferred
        .iter()
        .cloned()
        .chain(rest.into_iter().map(String::from))
        .collect()
}

/// "project_manager (12 people), senior (3 people)".
fn profile_counts(counts: &BTreeMap<String, usize>) -> String {
    let mut list: Vec<(&String, &usize)> = counts.iter().collect();
    list.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    list.iter()
        .map(|(id, n)| {
            format!(
                "{} ({n} {})",
                crate::text::one_line(id),
                if **n == 1 { "person" } else { "people" }
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Gathered {
    /// The cohort of the people gathered. Refuses, with what to do instead, when nobody is
    /// left to count or when the results measure against different profiles and `--profile`
    /// did not choose one (a median of gaps against different targets means nothing).
    pub fn summarise(self) -> Result<Cohort> {
        if self.people.is_empty() {
            return Err(self.nobody_error());
        }
        let catalog = self.catalog;
        let people: Vec<read::Person> = self.people.into_values().collect();
        let mut by_profile: BTreeMap<String, usize> = BTreeMap::new();
        for p in &people {
            *by_profile.entry(p.profile.clone()).or_default() += 1;
        }
        if by_profile.len() > 1 {
            let first = by_profile
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(id, _)| crate::text::one_line(id))
                .unwrap_or_default();
            return Err(Error::usage(
                format!(
                    "these results measure against {} target profiles: {}",
                    by_profile.len(),
                    profile_counts(&by_profile)
                ),
                format!("look at one profile at a time, e.g. add `--profile {first}`"),
            ));
        }
        let profile = by_profile.into_keys().next().unwrap_or_default();

        // The newest result's lists give the order; ids only older results have follow.
        let level_ids = ordered(
            &catalog.newest.levels,
            people
                .iter()
                .flat_map(|p| p.competencies.iter().map(|c| &*c.level)),
        );
        let competency_ids = ordered(
            &catalog.newest.competencies,
            people
                .iter()
                .flat_map(|p| p.competencies.iter().map(|c| &*c.id)),
        );
        let certification_ids = ordered(
            &catalog.newest.certifications,
            people
                .iter()
                .flat_map(|p| p.certifications.iter().map(|c| &*c.id)),
        );
        let level_index: HashMap<&str, usize> = level_ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let competency_index: HashMap<&str, usize> = competency_ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();

        let levels: Vec<LevelRef> = level_ids
            .iter()
            .map(|id| {
                let meta = catalog.level(id);
                LevelRef {
                    id: id.clone(),
                    title: meta.title.clone(),
                    short_title: meta.short_title.clone(),
                    min_score: meta.number,
                }
            })
            .collect();

        let mut scores: Vec<Vec<f64>> = vec![Vec::new(); competency_ids.len()];
        let mut at_level: Vec<Vec<usize>> = vec![vec![0; level_ids.len()]; competency_ids.len()];
        let mut below: Vec<usize> = vec![0; competency_ids.len()];
        let mut eligible_now: HashMap<&str, usize> = HashMap::new();
        let mut held: HashMap<&str, usize> = HashMap::new();
        let mut recommended: HashMap<&str, usize> = HashMap::new();
        let mut rows = Vec::with_capacity(people.len());
        for person in &people {
            let mut cells = vec![None; competency_ids.len()];
            for c in &person.competencies {
                let (Some(&i), Some(&level)) =
                    (competency_index.get(&*c.id), level_index.get(&*c.level))
                else {
                    continue;
                };
                scores[i].push(c.score);
                at_level[i][level] += 1;
                below[i] += usize::from(c.gap > 0);
                cells[i] = Some(Cell {
                    score: c.score,
                    level,
                    gap: c.gap,
                });
            }
            let mut row_eligible = Vec::new();
            let mut row_held = Vec::new();
            for c in &person.certifications {
                if c.held {
                    *held.entry(&*c.id).or_default() += 1;
                    row_held.push(c.id.to_string());
                } else if c.eligible {
                    *eligible_now.entry(&*c.id).or_default() += 1;
                    row_eligible.push(c.id.to_string());
                }
            }
            for r in &person.recommendations {
                *recommended.entry(&**r).or_default() += 1;
            }
            rows.push(PersonRow {
                name: person.name.clone(),
                taken_at: person.taken_at.clone(),
                cells,
                eligible_now: row_eligible,
                held: row_held,
            });
        }
        rows.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then_with(|| a.name.cmp(&b.name))
        });

        let competencies = competency_ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let values = &mut scores[i];
                values.sort_by(f64::total_cmp);
                let meta = catalog.competency(id);
                CompetencyStats {
                    id: id.clone(),
                    title: meta.title.clone(),
                    short_title: meta.short_title.clone(),
                    people: values.len(),
                    median: one_decimal(quantile(values, 0.5)),
                    p25: one_decimal(quantile(values, 0.25)),
                    p75: one_decimal(quantile(values, 0.75)),
                    target_level: meta.extra.clone(),
                    below_target: below[i],
                    levels: level_ids
                        .iter()
                        .cloned()
                        .zip(at_level[i].iter().copied())
                        .collect(),
                    scenarios: None,
                }
            })
            .collect();
        let eligibility = certification_ids
            .iter()
            .map(|id| CertificationStats {
                id: id.clone(),
                title: catalog.certification(id).title.clone(),
                eligible_now: eligible_now.get(id.as_str()).copied().unwrap_or(0),
                held: held.get(id.as_str()).copied().unwrap_or(0),
            })
            .collect();
        let mut recommendations: Vec<RecommendationStats> = recommended
            .iter()
            .map(|(id, n)| {
                let meta = catalog.recommendation(id);
                RecommendationStats {
                    id: id.to_string(),
                    title: meta.title.clone(),
                    kind: meta.extra.clone(),
                    people: *n,
                }
            })
            .collect();
        recommendations.sort_by(|a, b| b.people.cmp(&a.people).then(a.id.cmp(&b.id)));

        let first = people.iter().map(|p| p.timestamp).min();
        let last = people.iter().map(|p| p.timestamp).max();
        let day = |t: Option<jiff::Timestamp>| {
            t.map(|t| t.strftime("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        let mut left_out = Vec::new();
        if self.superseded > 0 {
            left_out.push(format!(
                "{} earlier {} of the same people",
                self.superseded,
                plural(self.superseded, "result", "results")
            ));
        }
        if !self.other_profiles.is_empty() {
            left_out.push(format!(
                "{} measured against other profiles: {}",
                self.other_profiles.values().sum::<usize>(),
                profile_counts(&self.other_profiles)
            ));
        }
        if self.too_old > 0 {
            left_out.push(format!("{} taken before --since", self.too_old));
        }
        let mut skipped = self.skipped;
        skipped.sort();
        Ok(Cohort {
            doc: CohortDocument {
                schema_version: SCHEMA_VERSION,
                people: people.len(),
                skipped,
                profile_title: catalog.profile(&profile).title.clone(),
                profile,
                levels,
                competencies,
                eligibility,
                recommendations,
                items: None,
            },
            rows,
            taken: (day(first), day(last)),
            files: self.files,
            left_out,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            items: None,
        })
    }

    fn nobody_error(&self) -> Error {
        if !self.other_profiles.is_empty() {
            return Error::usage(
                format!(
                    "no result measures against that profile; these do: {}",
                    profile_counts(&self.other_profiles)
                ),
                "choose one of those with --profile, or leave --profile out",
            );
        }
        if self.too_old > 0 {
            return Error::usage(
                format!(
                    "all {} {} taken before --since",
                    self.too_old,
                    plural(self.too_old, "result was", "results were")
                ),
                "give an earlier date, or leave --since out",
            );
        }
        if self.files == 0 {
            return Error::usage(
                "no result files found (results are the .json files skillgap saves)",
                "name result files or folders holding them: `skillgap cohort results/`; \
                 `skillgap assess --answers FILE --person NAME -o NAME.json` makes one",
            );
        }
        Error::usage(
            format!(
                "none of the {} {} could be read as a skillgap result",
                self.files,
                plural(self.files, "file", "files")
            ),
            "each is named above with the reason",
        )
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_between_ranks() {
        let v = [0.0, 10.0, 20.0, 30.0, 100.0];
        assert_eq!(quantile(&v, 0.5), 20.0);
        assert_eq!(quantile(&v, 0.25), 10.0);
        assert_eq!(quantile(&v, 0.75), 30.0);
        assert_eq!(quantile(&[1.0, 2.0], 0.5), 1.5);
        assert_eq!(quantile(&[], 0.5), 0.0);
        assert_eq!(one_decimal(33.333), 33.3);
        assert_eq!(one_decimal(66.66), 66.7);
    }

    #[test]
    fn order_follows_the_newest_list_then_ids() {
        let preferred = vec!["b".to_string(), "a".to_string()];
        let got = ordered(&preferred, ["c", "a", "d", "c"]);
        assert_eq!(got, ["b", "a", "c", "d"]);
    }
}
