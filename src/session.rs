//! The data folder: the unfinished session (saved after every answer) and finished results.
//!
//! `SKILLGAP_DATA_DIR` overrides the location; otherwise it is the XDG data folder
//! (`~/.local/share/skillgap` on Linux). Everything here is personal, so folders are created
//! owner-only and files written owner-only, whole or not at all.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::answers::{self, Answers, Completeness, Value};
use crate::diagnostic::{Error, Result};
use crate::pack::Pack;
use crate::store;
use crate::yaml;

/// The environment variable that moves the data folder.
pub const DATA_DIR_ENV: &str = "SKILLGAP_DATA_DIR";

/// The folder for sessions and results.
pub fn data_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy()
        .map(|s| s.data_dir().join("skillgap"))
        .map_err(|e| {
            Error::usage(
                format!("cannot find your data folder: {e}"),
                format!("set {DATA_DIR_ENV} to a folder where skillgap may keep your answers"),
            )
        })
}

/// Creates `dir` and any missing parents readable by the owner only. A folder that exists
/// already — or the target of a link — is left exactly as it is: its owner chose its mode.
pub fn ensure_private_dir(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })
}

/// Holds the data folder for one interactive assessment; released when dropped (or when
/// the process ends, however it ends).
#[derive(Debug)]
pub struct SessionLock {
    _file: std::fs::File,
}

/// Where the lock of the data folder's session is kept.
pub fn lock_path(dir: &Path) -> PathBuf {
    dir.join("session.lock")
}

/// Takes the data folder's session for this process, so two interactive assessments cannot
/// write the same session file. Fails (exit 1) while another one holds it.
pub fn lock(dir: &Path) -> Result<SessionLock> {
    ensure_private_dir(dir)?;
    let path = lock_path(dir);
    let mut options = std::fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(&path).map_err(|source| Error::Write {
        path: path.clone(),
        source,
    })?;
    match file.try_lock() {
        Ok(()) => Ok(SessionLock { _file: file }),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::failed(
            format!("another assessment is in progress in {}", dir.display()),
            "finish or stop that one first (Ctrl-C there keeps its answers); \
             `skillgap assess --resume` then continues it",
        )),
        Err(std::fs::TryLockError::Error(source)) => Err(Error::Write { path, source }),
    }
}

/// An assessment in progress, as saved after every answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub pack: String,
    pub pack_version: u32,
    pub started_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    #[serde(default)]
    pub facts: BTreeMap<String, Value>,
    #[serde(default)]
    pub answers: BTreeMap<String, Value>,
    /// The questions this run asks (see [`crate::selection`]), chosen when it began so that a
    /// resumed run asks the same ones. Empty in sessions saved before runs were chosen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
    /// The competencies being retaken (`assess --competency`); empty for a whole assessment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only: Vec<String>,
    /// Whether the run asks the whole bank (`--thorough`) rather than the default run's
    /// openers and follow-ups.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub thorough: bool,
}

impl Session {
    /// A new, empty session for `pack` that asks `questions` (of the competencies in `only`,
    /// or of all when it is empty).
    pub fn new(pack: &Pack, started_at: &str, questions: Vec<String>, only: Vec<String>) -> Self {
        Session {
            pack: pack.id.to_string(),
            pack_version: pack.version,
            started_at: started_at.into(),
            profile: None,
            facts: BTreeMap::new(),
            answers: BTreeMap::new(),
            questions,
            only,
            thorough: false,
        }
    }

    /// The answers so far in the shape of an answers file.
    pub fn to_answers(&self) -> Answers {
        Answers {
            person: None,
            profile: self.profile.clone(),
            facts: self.facts.clone(),
            answers: self.answers.clone(),
        }
    }

    /// How many answers (profile and facts included) are saved.
    pub fn answered(&self) -> usize {
        usize::from(self.profile.is_some()) + self.facts.len() + self.answers.len()
    }
}

/// Where the session of the data folder is kept.
pub fn session_path(dir: &Path) -> PathBuf {
    dir.join("session.yaml")
}

/// Saves the session whole (temp file + rename), owner-only.
pub fn save(dir: &Path, session: &Session) -> Result<()> {
    ensure_private_dir(dir)?;
    store::remove_stale_temp_files(dir);
    let mut text = String::from(
        "# An unfinished skillgap assessment. Continue it with: skillgap assess --resume\n",
    );
    text.push_str(&yaml::to_string(session));
    store::write_private(&session_path(dir), text.as_bytes())
}

/// The saved session, if there is one.
pub fn load(dir: &Path) -> Result<Option<Session>> {
    let path = session_path(dir);
    let name = path.display().to_string();
    let damaged = format!("the saved session is damaged; fix it or delete {name} to start afresh");
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    let text = store::read_text_file(&path, "session file", &damaged).map_err(|e| match e {
        Error::Read { source, .. } if source.kind() == std::io::ErrorKind::PermissionDenied => {
            Error::Read {
                path: path.clone(),
                source,
                hint: "check the permissions of your skillgap data folder".into(),
            }
        }
        Error::Invalid(problems) => Error::Invalid(
            problems
                .into_iter()
                .map(|d| d.hint(damaged.clone()))
                .collect(),
        ),
        other => other,
    })?;
    let (mut session, _) = yaml::parse::<Session>(&name, &text)
        .map_err(|d| Error::Invalid(vec![d.hint(damaged.clone())]))?;
    session.facts.retain(|_, v| *v != Value::Null);
    session.answers.retain(|_, v| *v != Value::Null);
    Ok(Some(session))
}

/// Deletes the saved session (after it has been scored).
pub fn discard(dir: &Path) -> Result<()> {
    match std::fs::remove_file(session_path(dir)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::Write {
            path: session_path(dir),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// Keeps the answers of `session` that still fit `pack` and returns the ids it dropped, so
/// a session begun under an older pack can go on.
pub fn reconcile(pack: &Pack, session: &mut Session) -> Vec<String> {
    let mut dropped = Vec::new();
    let fits = |single: &mut Answers| {
        answers::check(pack, single, "", &Default::default(), Completeness::Partial).is_empty()
    };
    if let Some(profile) = session.profile.clone() {
        if pack.profile(&profile).is_none() {
            dropped.push(format!("profile {profile}"));
            session.profile = None;
        }
    }
    session.facts.retain(|id, value| {
        let mut single = Answers::default();
        single.facts.insert(id.clone(), value.clone());
        let ok = fits(&mut single);
        if !ok {
            dropped.push(id.clone());
        }
        ok
    });
    session.answers.retain(|id, value| {
        let mut single = Answers::default();
        single.answers.insert(id.clone(), value.clone());
        let ok = fits(&mut single);
        if !ok {
            dropped.push(id.clone());
        }
        ok
    });
    session.questions.retain(|id| pack.question(id).is_some());
    session.only.retain(|id| pack.competency(id).is_some());
    session.pack = pack.id.to_string();
    session.pack_version = pack.version;
    dropped
}

/// Adds back the questions a scored run needs that the session's list lacks, and says so.
///
/// A session file cut short inside `questions:` still parses, and its answers all fit: without
/// this, the review would say "15 of 15 answered" and the competencies never asked would be
/// scored as novice. Each competency of the run (those in `only`, or all) needs what an answers
/// file needs: its self-rating and experience statements, and as many scenarios as the
/// default run asks of it. Scenarios already answered come back first, then the default
/// run's, then the rest of the bank. `None` when nothing was missing.
pub fn complete_questions(pack: &Pack, session: &mut Session) -> Option<String> {
    use crate::selection::{questions, Scope};
    let default_run = questions(pack, &Scope::Default { draw: 0 }, &session.only);
    let mut repaired = Vec::new();
    let mut added = Vec::new();
    for competency in pack
        .competencies
        .iter()
        .filter(|c| session.only.is_empty() || session.only.contains(&c.id))
    {
        let listed = |id: &str| session.questions.iter().any(|q| q == id);
        let mut add: Vec<String> = competency
            .questions
            .iter()
            .filter(|q| !q.kind.is_knowledge() && !listed(&q.id))
            .map(|q| q.id.to_string())
            .collect();
        let bank: Vec<&str> = competency
            .questions
            .iter()
            .filter(|q| q.kind.is_knowledge())
            .map(|q| q.id.as_str())
            .collect();
        let needed = default_run
            .iter()
            .filter(|id| bank.contains(&id.as_str()))
            .count();
        let have = bank.iter().filter(|id| listed(id)).count();
        if have < needed {
            let answered = bank.iter().filter(|id| session.answers.contains_key(**id));
            let drawn = default_run
                .iter()
                .map(String::as_str)
                .filter(|id| bank.contains(id));
            let mut scenarios: Vec<&str> = Vec::new();
            for id in answered.copied().chain(drawn).chain(bank.iter().copied()) {
                if !listed(id) && !scenarios.contains(&id) {
                    scenarios.push(id);
                }
            }
            add.extend(
                scenarios
                    .into_iter()
                    .take(needed - have)
                    .map(str::to_string),
            );
        }
        if !add.is_empty() {
            repaired.push(crate::text::one_line(
                competency
                    .short_title
                    .as_deref()
                    .unwrap_or(&competency.title),
            ));
            added.extend(add);
        }
    }
    if added.is_empty() {
        return None;
    }
    let count = added.len();
    let to_answer = added
        .iter()
        .filter(|id| !session.answers.contains_key(*id))
        .count();
    session.questions.extend(added);
    let mut named: Vec<String> = repaired.iter().take(5).cloned().collect();
    if repaired.len() > named.len() {
        named.push(format!("{} more", repaired.len() - named.len()));
    }
    Some(format!(
        "The saved session did not list every question a scored assessment asks (the file \
         may have been cut short). {count} question{} of {} {} added back, {to_answer} of \
         them still to answer.",
        if count == 1 { "" } else { "s" },
        named.join(", "),
        if count == 1 { "was" } else { "were" },
    ))
}

/// The folder of saved results.
pub fn results_dir(dir: &Path) -> PathBuf {
    dir.join("results")
}

/// Saves a finished result document and returns its path. Never replaces a result: the
/// file is created only if its name is free, and a clash (another run saving in the same
/// second) moves on to the next counter.
pub fn save_result(dir: &Path, taken_at: &str, profile: &str, json: &str) -> Result<PathBuf> {
    let folder = results_dir(dir);
    ensure_private_dir(dir)?;
    ensure_private_dir(&folder)?;
    store::remove_stale_temp_files(&folder);
    store::remove_stale_temp_files(dir);
    // 2026-11-25T13:46:18Z → 20261125T134618Z-01-<profile>.json: name order is time order,
    // with a counter for results taken within the same second; safe on every file system.
    let stamp: String = taken_at
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(32)
        .collect();
    let profile: String = profile
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .take(64)
        .collect();
    // The listing is only where to start counting; the create-new write decides.
    let taken: Vec<String> = std::fs::read_dir(&folder)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name.starts_with(&format!("{stamp}-")))
                .collect()
        })
        .unwrap_or_default();
    let first = taken.len() + 1;
    for n in first..first + 10_000 {
        let path = folder.join(format!("{stamp}-{n:02}-{profile}.json"));
        if store::write_private_new(&path, json.as_bytes())? {
            return Ok(path);
        }
    }
    Err(Error::failed(
        format!(
            "cannot find a free name for the result in {}",
            folder.display()
        ),
        "more than 10,000 results were saved in the same second; try again",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole_run(pack: &Pack) -> Session {
        let run =
            crate::selection::questions(pack, &crate::selection::Scope::Default { draw: 0 }, &[]);
        Session::new(pack, "2026-11-30T10:00:00Z", run, Vec::new())
    }

    #[test]
    fn a_whole_question_list_is_left_alone() {
        let pack = crate::pack::embedded().unwrap();
        let mut session = whole_run(&pack);
        let before = session.questions.clone();
        assert_eq!(complete_questions(&pack, &mut session), None);
        assert_eq!(session.questions, before);
        let mut thorough = Session::new(
            &pack,
            "2026-11-30T10:00:00Z",
            crate::selection::questions(&pack, &crate::selection::Scope::Thorough, &[]),
            Vec::new(),
        );
        assert_eq!(complete_questions(&pack, &mut thorough), None);
    }

    #[test]
    fn a_list_cut_short_gets_back_what_a_scored_run_needs() {
        let pack = crate::pack::embedded().unwrap();
        let whole = whole_run(&pack);
        let mut session = whole.clone();
        session.questions.truncate(5);
        // A scenario answered before the cut comes back rather than a new one.
        let first = &pack.competencies[0];
        let answered = first
            .questions
            .iter()
            .filter(|q| q.kind.is_knowledge())
            .find(|q| !whole.questions.contains(&q.id))
            .unwrap();
        session
            .answers
            .insert(answered.id.to_string(), Value::Text("a".into()));
        session.questions.retain(|id| {
            pack.question(id)
                .is_some_and(|(_, q)| !q.kind.is_knowledge())
        });
        let note = complete_questions(&pack, &mut session).unwrap();
        assert!(note.contains("added back"), "{note}");
        assert!(session.questions.contains(&answered.id));
        let mut sorted = session.questions.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), session.questions.len(), "no question twice");
        assert_eq!(session.questions.len(), whole.questions.len());
        // Now whole: nothing more to add.
        assert_eq!(complete_questions(&pack, &mut session), None);
    }

    #[test]
    fn a_retake_is_completed_only_within_its_competencies() {
        let pack = crate::pack::embedded().unwrap();
        let only = vec![pack.competencies[1].id.to_string()];
        let mut session = Session::new(&pack, "2026-11-30T10:00:00Z", Vec::new(), only.clone());
        assert!(complete_questions(&pack, &mut session).is_some());
        assert!(session
            .questions
            .iter()
            .all(|id| pack.question(id).is_some_and(|(c, _)| c.id == only[0])));
    }
}
