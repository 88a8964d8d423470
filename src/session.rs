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
