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

/// Creates `dir` (and parents) readable by the owner only.
pub fn ensure_private_dir(dir: &Path) -> Result<()> {
    let failed = |source| Error::Write {
        path: dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(failed)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(failed)?;
    }
    Ok(())
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
}

impl Session {
    /// A new, empty session for `pack`.
    pub fn new(pack: &Pack, started_at: &str) -> Self {
        Session {
            pack: pack.id.clone(),
            pack_version: pack.version,
            started_at: started_at.into(),
            profile: None,
            facts: BTreeMap::new(),
            answers: BTreeMap::new(),
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
    let mut text = String::from(
        "# An unfinished skillgap assessment. Continue it with: skillgap assess --resume\n",
    );
    text.push_str(&yaml::to_string(session));
    store::write_private(&session_path(dir), text.as_bytes())
}

/// The saved session, if there is one.
pub fn load(dir: &Path) -> Result<Option<Session>> {
    let path = session_path(dir);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(Error::Read {
                path,
                source,
                hint: "check the permissions of your skillgap data folder".into(),
            })
        }
    };
    let name = path.display().to_string();
    let (mut session, _) = yaml::parse::<Session>(&name, &text).map_err(|d| {
        Error::Invalid(vec![d.hint(format!(
            "the saved session is damaged; fix it or delete {name} to start afresh"
        ))])
    })?;
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
    session.pack = pack.id.clone();
    session.pack_version = pack.version;
    dropped
}

/// The folder of saved results.
pub fn results_dir(dir: &Path) -> PathBuf {
    dir.join("results")
}

/// Saves a finished result document and returns its path.
pub fn save_result(dir: &Path, taken_at: &str, profile: &str, json: &str) -> Result<PathBuf> {
    let folder = results_dir(dir);
    ensure_private_dir(&folder)?;
    // 2026-11-25T13:46:18Z → 20261125T134618Z-01-<profile>.json: name order is time order,
    // with a counter for results taken within the same second; safe on every file system.
    let stamp: String = taken_at
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let taken: Vec<String> = std::fs::read_dir(&folder)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let n = (1..)
        .find(|n| {
            !taken
                .iter()
                .any(|name| name.starts_with(&format!("{stamp}-{n:02}-")))
        })
        .unwrap_or(1);
    let path = folder.join(format!("{stamp}-{n:02}-{profile}.json"));
    store::write_private(&path, json.as_bytes())?;
    Ok(path)
}
