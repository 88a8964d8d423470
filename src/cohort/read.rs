//! Finding result files and reading them, in parallel, into one small record per person.
//!
//! Each file is read through a size cap into a reused buffer and parsed into a view that
//! borrows from it and names only the fields the cohort needs, so the rest of a result (the
//! evidence, the answers, the plan, fields added later) is skipped over without being kept.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::iter::{ParallelBridge, ParallelIterator};
use serde::Deserialize;

use super::Skipped;
use crate::diagnostic::{Error, Result};
use crate::text::one_line;

/// A result file larger than this is refused unread: results are tens of kilobytes. The
/// same cap as every other reader's, which is also what `assess` refuses to save past, so a
/// result it keeps is never one the cohort skips.
pub const MAX_FILE_BYTES: u64 = crate::store::MAX_INPUT_BYTES;

/// Which results count.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only results measured against this profile id.
    pub profile: Option<String>,
    /// Only results taken on or after this day (UTC).
    pub since: Option<jiff::civil::Date>,
    /// The file `--output` replaces: found among the results read, it is named in
    /// [`Gathered::output_read`] so the command can refuse to write over it.
    pub output: Option<crate::store::FileId>,
    /// Every result is the same person's: the personal data folder, where retakes without a
    /// `person:` would otherwise count as different people by their file names.
    pub one_person: bool,
}

/// What reading found: each person's latest result, and what was left out.
#[derive(Debug, Default)]
pub struct Gathered {
    /// By person key (the name in lower case; one key for the personal data folder).
    pub(super) people: HashMap<String, Person>,
    pub(super) catalog: Catalog,
    /// Files that could not be read as a result.
    pub skipped: Vec<Skipped>,
    /// Result files read, counted or not.
    pub files: usize,
    /// Results replaced by a later one of the same person.
    pub superseded: usize,
    /// Results measured against a profile other than `--profile`, by profile id.
    pub other_profiles: BTreeMap<String, usize>,
    /// Results taken before `--since`.
    pub too_old: usize,
    /// A file read that is [`Options::output`].
    pub output_read: Option<PathBuf>,
}

/// One person's latest result, boiled down.
#[derive(Debug, Clone)]
pub(super) struct Person {
    /// Who this is, whatever the case of the name: results with one key are one person.
    key: String,
    pub name: String,
    pub profile: String,
    pub taken_at: String,
    pub timestamp: jiff::Timestamp,
    pub path: Arc<str>,
    /// The file itself, for reading it again (`--items`).
    pub file: PathBuf,
    pub competencies: Vec<Score>,
    pub certifications: Vec<Certification>,
    pub recommendations: Vec<Arc<str>>,
}

impl Person {
    /// Which of two results of one person counts: the later, and of two taken in the same
    /// second, the one whose path sorts last (so the choice never depends on reading order).
    fn is_newer_than(&self, other: &Person) -> bool {
        (self.timestamp, &self.path) > (other.timestamp, &other.path)
    }
}

#[derive(Debug, Clone)]
pub(super) struct Score {
    pub id: Arc<str>,
    pub score: f64,
    pub level: Arc<str>,
    pub gap: usize,
}

#[derive(Debug, Clone)]
pub(super) struct Certification {
    pub id: Arc<str>,
    pub eligible: bool,
    pub held: bool,
}

/// Titles and orders, each from the newest counted result that has it.
#[derive(Debug, Default)]
pub(super) struct Catalog {
    levels: HashMap<Arc<str>, Meta>,
    competencies: HashMap<Arc<str>, Meta>,
    certifications: HashMap<Arc<str>, Meta>,
    recommendations: HashMap<Arc<str>, Meta>,
    profiles: HashMap<Arc<str>, Meta>,
    pub newest: Newest,
}

/// The lists of the newest counted result, which order the cohort's.
#[derive(Debug, Default, Clone)]
pub(super) struct Newest {
    stamp: Option<Stamp>,
    pub levels: Vec<String>,
    pub competencies: Vec<String>,
    pub certifications: Vec<String>,
}

type Stamp = (jiff::Timestamp, Arc<str>);

/// What is shown for an id: title, short title, and one more field (a competency's target
/// level, a recommendation's kind).
#[derive(Debug, Clone, Default)]
pub(super) struct Meta {
    stamp: Option<Stamp>,
    pub title: String,
    pub short_title: String,
    pub extra: String,
    /// A level's least score.
    pub number: f64,
}

impl Catalog {
    pub fn level(&self, id: &str) -> Meta {
        lookup(&self.levels, id)
    }
    pub fn competency(&self, id: &str) -> Meta {
        lookup(&self.competencies, id)
    }
    pub fn certification(&self, id: &str) -> Meta {
        lookup(&self.certifications, id)
    }
    pub fn recommendation(&self, id: &str) -> Meta {
        lookup(&self.recommendations, id)
    }
    pub fn profile(&self, id: &str) -> Meta {
        lookup(&self.profiles, id)
    }

    fn note(&mut self, view: &View<'_>, stamp: &Stamp, pool: &mut Pool) {
        let mut note = |map: &mut HashMap<Arc<str>, Meta>,
                        id: &str,
                        title: &str,
                        short: Option<&str>,
                        extra: &str,
                        number: f64| {
            if let Some(meta) = map.get(id) {
                if meta.stamp.as_ref() >= Some(stamp) {
                    return;
                }
            }
            let title = one_line(title);
            map.insert(
                pool.get(id),
                Meta {
                    stamp: Some(stamp.clone()),
                    short_title: short.map(one_line).unwrap_or_else(|| title.clone()),
                    title,
                    extra: extra.to_string(),
                    number,
                },
            );
        };
        for l in &view.levels {
            note(
                &mut self.levels,
                &l.id,
                &l.title,
                l.short_title.as_deref(),
                "",
                l.min_score,
            );
        }
        for c in &view.competencies {
            note(
                &mut self.competencies,
                &c.id,
                &c.title,
                c.short_title.as_deref(),
                &c.target_level,
                0.0,
            );
        }
        for e in &view.eligibility {
            note(&mut self.certifications, &e.id, &e.title, None, "", 0.0);
        }
        for r in &view.recommendations {
            note(
                &mut self.recommendations,
                &r.id,
                &r.title,
                None,
                &r.kind,
                0.0,
            );
        }
        note(
            &mut self.profiles,
            &view.profile,
            view.profile_title.as_deref().unwrap_or(&view.profile),
            None,
            "",
            0.0,
        );
        if self.newest.stamp.as_ref() < Some(stamp) {
            self.newest = Newest {
                stamp: Some(stamp.clone()),
                levels: view.levels.iter().map(|l| l.id.to_string()).collect(),
                competencies: view.competencies.iter().map(|c| c.id.to_string()).collect(),
                certifications: view.eligibility.iter().map(|e| e.id.to_string()).collect(),
            };
        }
    }

    fn merge(&mut self, other: Catalog) {
        fn merge_map(into: &mut HashMap<Arc<str>, Meta>, from: HashMap<Arc<str>, Meta>) {
            for (id, meta) in from {
                match into.get(&id) {
                    Some(have) if have.stamp >= meta.stamp => {}
                    _ => {
                        into.insert(id, meta);
                    }
                }
            }
        }
        merge_map(&mut self.levels, other.levels);
        merge_map(&mut self.competencies, other.competencies);
        merge_map(&mut self.certifications, other.certifications);
        merge_map(&mut self.recommendations, other.recommendations);
        merge_map(&mut self.profiles, other.profiles);
        if self.newest.stamp < other.newest.stamp {
            self.newest = other.newest;
        }
    }
}

/// An id's meta, or the id itself as its title when no counted result named it.
fn lookup(map: &HashMap<Arc<str>, Meta>, id: &str) -> Meta {
    map.get(id).cloned().unwrap_or_else(|| Meta {
        title: one_line(id),
        short_title: one_line(id),
        ..Meta::default()
    })
}

/// One copy of each id string per reading thread: a person's record holds pointers, not
/// copies, so ten thousand people cost kilobytes each, not more.
#[derive(Debug, Default)]
struct Pool(HashSet<Arc<str>>);

impl Pool {
    fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(shared) = self.0.get(s) {
            return shared.clone();
        }
        let shared: Arc<str> = s.into();
        self.0.insert(shared.clone());
        shared
    }
}

// ── The part of a result document the cohort reads ──

#[derive(Deserialize)]
struct View<'a> {
    schema_version: u32,
    #[serde(default, borrow)]
    person: Option<Cow<'a, str>>,
    #[serde(borrow)]
    profile: Cow<'a, str>,
    #[serde(default, borrow)]
    profile_title: Option<Cow<'a, str>>,
    #[serde(borrow)]
    taken_at: Cow<'a, str>,
    #[serde(default, borrow)]
    levels: Vec<LevelView<'a>>,
    #[serde(borrow)]
    competencies: Vec<CompetencyView<'a>>,
    #[serde(default, borrow)]
    eligibility: Vec<EligibilityView<'a>>,
    #[serde(default, borrow)]
    recommendations: Vec<RecommendationView<'a>>,
    #[serde(default, borrow)]
    plan: Vec<PlanView<'a>>,
}

#[derive(Deserialize)]
struct LevelView<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    title: Cow<'a, str>,
    #[serde(default, borrow)]
    short_title: Option<Cow<'a, str>>,
    #[serde(default)]
    min_score: f64,
}

#[derive(Deserialize)]
struct CompetencyView<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    title: Cow<'a, str>,
    #[serde(default, borrow)]
    short_title: Option<Cow<'a, str>>,
    score: f64,
    #[serde(borrow)]
    level: Cow<'a, str>,
    #[serde(borrow)]
    target_level: Cow<'a, str>,
    gap: usize,
}

#[derive(Deserialize)]
struct EligibilityView<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    title: Cow<'a, str>,
    eligible: bool,
    #[serde(default)]
    held: bool,
}

#[derive(Deserialize)]
struct RecommendationView<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    title: Cow<'a, str>,
    #[serde(borrow)]
    kind: Cow<'a, str>,
    /// The gaps it builds: only how many matters here.
    #[serde(default)]
    addresses: Vec<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct PlanView<'a> {
    #[serde(borrow)]
    recommendation: Cow<'a, str>,
}

// ── Finding files ──

/// A path found while walking: a result file to read, or a folder that could not be listed.
enum Found {
    File(PathBuf),
    Unreadable(PathBuf, String),
}

/// Walks the given paths lazily: named files as they are, folders recursively for `*.json`.
/// Symbolic links to folders are not followed, so a loop cannot trap the walk.
struct Walk {
    files: std::vec::IntoIter<PathBuf>,
    folders: Vec<PathBuf>,
    open: Option<(PathBuf, std::fs::ReadDir)>,
}

impl Iterator for Walk {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        if let Some(file) = self.files.next() {
            return Some(Found::File(file));
        }
        loop {
            let Some((folder, entries)) = &mut self.open else {
                let folder = self.folders.pop()?;
                match std::fs::read_dir(&folder) {
                    Ok(entries) => self.open = Some((folder, entries)),
                    Err(e) => return Some(Found::Unreadable(folder, e.to_string())),
                }
                continue;
            };
            let Some(entry) = entries.next() else {
                self.open = None;
                continue;
            };
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => return Some(Found::Unreadable(folder.clone(), e.to_string())),
            };
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                return Some(Found::Unreadable(path, "cannot tell what it is".into()));
            };
            if kind.is_dir() {
                self.folders.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            {
                // Whatever it is — a file, a link that dangles or loops, a FIFO — it is
                // read or listed as skipped with why, never passed over in silence.
                return Some(Found::File(path));
            }
        }
    }
}

// ── Reading in parallel ──

/// One reading thread's share: the people it has seen and what it left out.
#[derive(Default)]
struct Share {
    gathered: Gathered,
    pool: Pool,
    buffer: Vec<u8>,
}

/// Reads every result under `paths` (files, or folders searched recursively for `*.json`)
/// in parallel and keeps each person's latest result that `options` lets count. Unreadable
/// and damaged files are listed in `skipped`, never fatal; a path that does not exist is.
pub fn gather(paths: &[PathBuf], options: &Options) -> Result<Gathered> {
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => folders.push(path.clone()),
            Ok(_) => files.push(path.clone()),
            Err(source) => {
                return Err(Error::Read {
                    path: path.clone(),
                    source,
                    hint: "name result files or folders that hold them".into(),
                })
            }
        }
    }
    let since = match options.since {
        Some(day) => Some(
            day.to_zoned(jiff::tz::TimeZone::UTC)
                .map_err(|e| Error::usage(format!("--since {day}: {e}"), "give a plain date"))?
                .timestamp(),
        ),
        None => None,
    };
    let walk = Walk {
        files: files.into_iter(),
        folders,
        open: None,
    };
    let share = walk
        .par_bridge()
        .fold(Share::default, |mut share, found| {
            share.take(found, options, since);
            share
        })
        .reduce(Share::default, |mut a, b| {
            a.merge(b.gathered);
            a
        });
    Ok(share.gathered)
}

impl Share {
    fn take(&mut self, found: Found, options: &Options, since: Option<jiff::Timestamp>) {
        let path = match found {
            Found::File(path) => path,
            Found::Unreadable(path, error) => {
                self.gathered
                    .skip(&path, format!("cannot read this folder: {error}"));
                return;
            }
        };
        self.gathered.files += 1;
        let mut id = None;
        let read = read_capped(&path, &mut self.buffer, &mut id);
        if id.is_some() && id == options.output {
            self.gathered.output_read = Some(path.clone());
        }
        if let Err(error) = read {
            self.gathered.skip(&path, error);
            return;
        }
        let text = match crate::store::as_text("", &self.buffer) {
            Ok(text) => text,
            Err(d) => {
                let at = match (d.line, d.column) {
                    (Some(line), Some(column)) => format!(" (line {line}, column {column})"),
                    _ => String::new(),
                };
                self.gathered.skip(&path, format!("{}{at}", d.message));
                return;
            }
        };
        let view: View<'_> = match serde_json::from_str(text) {
            Ok(view) => view,
            Err(e) => {
                self.gathered
                    .skip(&path, format!("not a skillgap result: {e}"));
                return;
            }
        };
        let person = match boil_down(&mut self.pool, &path, &view, options.one_person) {
            Ok(person) => person,
            Err(error) => {
                self.gathered.skip(&path, error);
                return;
            }
        };
        if let Some(wanted) = &options.profile {
            if person.profile != *wanted {
                *self
                    .gathered
                    .other_profiles
                    .entry(person.profile)
                    .or_default() += 1;
                return;
            }
        }
        if since.is_some_and(|since| person.timestamp < since) {
            self.gathered.too_old += 1;
            return;
        }
        let stamp = (person.timestamp, person.path.clone());
        self.gathered.catalog.note(&view, &stamp, &mut self.pool);
        self.gathered.keep(person);
    }

    fn merge(&mut self, other: Gathered) {
        let g = &mut self.gathered;
        g.files += other.files;
        g.superseded += other.superseded;
        g.too_old += other.too_old;
        g.output_read = g.output_read.take().or(other.output_read);
        g.skipped.extend(other.skipped);
        for (profile, n) in other.other_profiles {
            *g.other_profiles.entry(profile).or_default() += n;
        }
        g.catalog.merge(other.catalog);
        for person in other.people.into_values() {
            g.keep(person);
        }
    }
}

/// Checks a view and boils it down; the error says what is wrong with the file. With
/// `one_person` the result is the one person's whose data folder it is.
fn boil_down(
    pool: &mut Pool,
    path: &Path,
    view: &View<'_>,
    one_person: bool,
) -> std::result::Result<Person, String> {
    if view.schema_version != crate::result::SCHEMA_VERSION {
        return Err(format!(
            "schema_version {} is not one this skillgap reads ({}); a newer skillgap \
             may read it",
            view.schema_version,
            crate::result::SCHEMA_VERSION
        ));
    }
    let timestamp: jiff::Timestamp = view.taken_at.parse().map_err(|_| {
        format!(
            "taken_at `{}` is not an RFC 3339 time",
            one_line(&view.taken_at)
        )
    })?;
    if view.competencies.is_empty() {
        return Err("the result has no competencies".into());
    }
    let mut competencies = Vec::with_capacity(view.competencies.len());
    for c in &view.competencies {
        if !(0.0..=100.0).contains(&c.score) {
            return Err(format!(
                "competency `{}` has score {}, outside 0–100",
                one_line(&c.id),
                c.score
            ));
        }
        competencies.push(Score {
            id: pool.get(&c.id),
            score: c.score,
            level: pool.get(&c.level),
            gap: c.gap,
        });
    }
    let name = view
        .person
        .as_deref()
        .map(one_line)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| {
            if one_person {
                return "You".to_string();
            }
            one_line(
                &path
                    .file_stem()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default(),
            )
        });
    Ok(Person {
        key: if one_person {
            String::new()
        } else {
            name.to_lowercase()
        },
        name,
        profile: view.profile.to_string(),
        taken_at: view.taken_at.to_string(),
        timestamp,
        path: path.to_string_lossy().into(),
        file: path.to_path_buf(),
        competencies,
        certifications: view
            .eligibility
            .iter()
            .map(|e| Certification {
                id: pool.get(&e.id),
                eligible: e.eligible,
                held: e.held,
            })
            .collect(),
        // What serves this person: a step that builds one of their gaps, and a certification
        // only where their plan schedules it (within reach in 12 months), not one they
        // cannot sit yet.
        recommendations: view
            .recommendations
            .iter()
            .filter(|r| !r.addresses.is_empty())
            .filter(|r| {
                r.kind != "certification" || view.plan.iter().any(|p| p.recommendation == r.id)
            })
            .map(|r| pool.get(&r.id))
            .collect(),
    })
}

impl Gathered {
    fn skip(&mut self, path: &Path, error: String) {
        self.skipped.push(Skipped {
            path: path.to_string_lossy().into_owned(),
            error,
        });
    }

    /// Keeps `person` unless the same person has a newer result already.
    fn keep(&mut self, person: Person) {
        match self.people.get_mut(&person.key) {
            Some(have) => {
                self.superseded += 1;
                if person.is_newer_than(have) {
                    *have = person;
                }
            }
            None => {
                self.people.insert(person.key.clone(), person);
            }
        }
    }
}

/// Reads `path` into `buffer` whole, refusing files over [`MAX_FILE_BYTES`]; `id` says
/// which file it opened.
pub(super) fn read_capped(
    path: &Path,
    buffer: &mut Vec<u8>,
    id: &mut Option<crate::store::FileId>,
) -> std::result::Result<(), String> {
    let too_big = || {
        format!(
            "larger than {}, the most a result file may be (they are tens of KiB)",
            crate::store::MAX_INPUT_TEXT
        )
    };
    let not_a = |meta: &std::fs::Metadata| {
        format!(
            "this is {}, not a result file",
            crate::store::not_a_file(meta)
        )
    };
    // Never waits on a FIFO: the kind of file is checked once it is open.
    let (file, meta) = match crate::store::open_to_read(path) {
        Ok(opened) => opened,
        Err(e) => match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => return Err(not_a(&meta)),
            _ => return Err(format!("cannot read it: {e}")),
        },
    };
    if !meta.is_file() {
        return Err(not_a(&meta));
    }
    *id = crate::store::FileId::of_metadata(&meta);
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    buffer.clear();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(buffer)
        .map_err(|e| format!("cannot read it: {e}"))?;
    if buffer.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    Ok(())
}
