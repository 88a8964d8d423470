//! Reading a pack's files, from the binary or from a folder, into a validated [`Pack`].

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use super::model::*;
use super::validate::{validate, Located, Parsed};
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::store;
use crate::yaml::{self, Spans};

/// The default pack, compiled in so the binary works with no files beside it.
pub static EMBEDDED_PACK: Dir<'static> =
    include_dir!("$CARGO_MANIFEST_DIR/rubrics/healthcare-it-pm");

/// Where a pack comes from: the built-in one or a folder the user names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackSource {
    Embedded,
    Dir(PathBuf),
}

impl PackSource {
    /// The pack from `--rubrics DIR`, or the embedded one.
    pub fn from_option(dir: Option<&Path>) -> Self {
        dir.map_or(PackSource::Embedded, |d| PackSource::Dir(d.to_path_buf()))
    }
}

/// Loads and validates the pack named by `source`; the built-in one from the JSON build.rs
/// made of it.
pub fn load_from(source: &PackSource) -> Result<Pack> {
    match source {
        PackSource::Embedded => embedded(),
        PackSource::Dir(dir) => load_dir(dir),
    }
}

/// The files of the built-in pack, as `build.rs` wrote them: checked when the binary was
/// built, and embedded as JSON, which reads in a fraction of the time its YAML takes.
#[derive(serde::Deserialize)]
struct BuiltIn {
    pack: PackFile,
    recommendations: RecommendationsFile,
    certifications: CertificationsFile,
    /// (path in the pack, competency)
    competencies: Vec<(String, Competency)>,
}

static BUILT_IN: &str = include_str!(concat!(env!("OUT_DIR"), "/built_in_pack.json"));

/// The built-in pack, quickly: from the JSON build.rs made of its YAML. A release run trusts
/// it, as the build checked it; every debug build validates it like any pack. Should the
/// JSON not read back, the YAML is loaded instead, so a fault is still reported with file,
/// line and column; the tests below fail loudly whenever that fallback is taken.
pub fn embedded() -> Result<Pack> {
    load_built_in(!cfg!(debug_assertions)).or_else(|_| load_embedded())
}

/// The built-in pack as `rubrics validate` checks it: the JSON the build made of its YAML
/// (the build read every file, and refused one giving a key twice), with every check a pack
/// read from files gets. Should one fail, the YAML is read again, so that each message names
/// the file, line and column.
pub fn check_embedded() -> Result<Pack> {
    load_built_in(false).or_else(|_| load_embedded())
}

/// The built-in pack from its JSON, validated unless `trusted`.
fn load_built_in(trusted: bool) -> Result<Pack> {
    let built: BuiltIn = serde_json::from_str(BUILT_IN).map_err(|e| {
        Error::Invalid(vec![Diagnostic::new(
            "rubrics/healthcare-it-pm",
            format!("the built-in pack, as the build wrote it, does not read back: {e}"),
        )])
    })?;
    fn located<T>(relative: &str, value: T) -> Located<T> {
        Located {
            value,
            file: format!("rubrics/healthcare-it-pm/{relative}"),
            spans: Spans::default(),
        }
    }
    let parsed = Parsed {
        pack: located("pack.yaml", built.pack),
        competencies: built
            .competencies
            .into_iter()
            .map(|(relative, c)| located(&relative, c))
            .collect(),
        recommendations: Some(located("recommendations.yaml", built.recommendations)),
        certifications: Some(located("certifications.yaml", built.certifications)),
    };
    assemble(parsed, trusted)
}

/// Loads and validates the embedded default pack from its YAML files, as `rubrics validate`
/// and the tests do: every fault with its file, line and column.
pub fn load_embedded() -> Result<Pack> {
    let mut files = Vec::new();
    collect_embedded(&EMBEDDED_PACK, &mut files);
    let files = files
        .into_iter()
        .map(|(relative, text)| {
            (
                format!("rubrics/healthcare-it-pm/{relative}"),
                relative,
                text,
            )
        })
        .collect();
    load_texts(files)
}

fn collect_embedded(dir: &Dir<'static>, out: &mut Vec<(String, String)>) {
    for file in dir.files() {
        if let Some(text) = file.contents_utf8() {
            out.push((
                file.path().to_string_lossy().replace('\\', "/"),
                text.to_string(),
            ));
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

/// Loads and validates the pack in folder `dir`.
pub fn load_dir(dir: &Path) -> Result<Pack> {
    let read_dir = |path: &Path| {
        std::fs::read_dir(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
            hint: "name a folder that holds pack.yaml (see rubrics/README.md)".into(),
        })
    };
    if dir.is_dir() && !dir.join("pack.yaml").is_file() {
        return Err(Error::Invalid(vec![Diagnostic::new(
            dir.display().to_string(),
            "no pack.yaml in this folder",
        )
        .hint(
            "a pack folder holds pack.yaml and competencies/*.yaml; see rubrics/README.md",
        )]));
    }
    let mut files = Vec::new();
    let mut total: u64 = 0;
    let mut pending = vec![(dir.to_path_buf(), String::new(), 0)];
    while let Some((folder, prefix, depth)) = pending.pop() {
        for entry in read_dir(&folder)? {
            let entry = entry.map_err(|source| Error::Read {
                path: folder.clone(),
                source,
                hint: "check the folder's permissions".into(),
            })?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let relative = format!("{prefix}{name}");
            if path.is_dir() {
                // A pack is pack.yaml and competencies/*.yaml: deeper folders (or a link
                // back up, which would never end) are not read.
                if depth < MAX_FOLDER_DEPTH {
                    pending.push((path, format!("{relative}/"), depth + 1));
                }
            } else if name.ends_with(".yaml") || name.ends_with(".yml") {
                if files.len() >= MAX_FILES {
                    return Err(Error::Invalid(vec![Diagnostic::new(
                        dir.display().to_string(),
                        format!("more than {MAX_FILES} YAML files in this pack"),
                    )
                    .hint("check that this is the pack folder you meant")]));
                }
                let text = store::read_text_file(
                    &path,
                    "rubric file",
                    "rubric files must be readable UTF-8 text",
                )?;
                total += text.len() as u64;
                if total > MAX_PACK_BYTES {
                    return Err(Error::Invalid(vec![Diagnostic::new(
                        dir.display().to_string(),
                        format!("the pack's files are larger than {MAX_PACK_TEXT} together, the most skillgap reads"),
                    )
                    .hint("check that this is the pack folder you meant")]));
                }
                files.push((path.display().to_string(), relative, text));
            }
        }
    }
    load_texts(files)
}

/// Folders below the pack folder that are read (`competencies/`, and one more so that a
/// misplaced file is reported rather than ignored).
const MAX_FOLDER_DEPTH: usize = 2;

/// The most YAML files one pack may have.
const MAX_FILES: usize = 1000;

/// The most text one pack may have, all files together.
const MAX_PACK_BYTES: u64 = 4 * store::MAX_INPUT_BYTES;
const MAX_PACK_TEXT: &str = "16 MiB";

/// Loads a pack from texts in memory: (name shown in messages, path relative to the pack,
/// text). Parses each file by its place in the pack, then validates the whole.
pub fn load_texts(mut files: Vec<(String, String, String)>) -> Result<Pack> {
    files.sort_by(|a, b| a.1.cmp(&b.1));
    let mut problems = Vec::new();
    let mut pack = None;
    let mut competencies = Vec::new();
    let mut recommendations = None;
    let mut certifications = None;

    fn parse_file<T: serde::de::DeserializeOwned>(
        name: &str,
        text: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Located<T>> {
        match yaml::parse::<T>(name, text) {
            Ok((value, spans)) => Some(Located {
                value,
                file: name.to_string(),
                spans,
            }),
            Err(diagnostic) => {
                problems.push(diagnostic);
                None
            }
        }
    }

    for (name, relative, text) in &files {
        match relative.as_str() {
            "pack.yaml" => pack = parse_file::<PackFile>(name, text, &mut problems),
            "recommendations.yaml" => recommendations = parse_file(name, text, &mut problems),
            "certifications.yaml" => certifications = parse_file(name, text, &mut problems),
            other if other.starts_with("competencies/") && !other[13..].contains('/') => {
                competencies.extend(parse_file::<Competency>(name, text, &mut problems));
            }
            _ => problems.push(
                Diagnostic::new(name, "this file is not part of the pack format").hint(
                    "a pack holds pack.yaml, recommendations.yaml, certifications.yaml and \
                 competencies/*.yaml; move or rename the file",
                ),
            ),
        }
    }
    let Some(pack) = pack else {
        if problems.is_empty() {
            let folder = files.first().map_or("the folder".to_string(), |f| {
                f.0.strip_suffix(&f.1).unwrap_or(&f.0).to_string()
            });
            problems.push(
                Diagnostic::new(folder, "no pack.yaml found")
                    .hint("a pack folder needs pack.yaml; see rubrics/README.md"),
            );
        }
        return Err(Error::Invalid(problems));
    };
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let parsed = Parsed {
        pack,
        competencies,
        recommendations,
        certifications,
    };
    assemble(parsed, false)
}

/// Validates `parsed` (unless it is `trusted`: the built-in pack, which its build proved)
/// and puts the pack together.
fn assemble(parsed: Parsed, trusted: bool) -> Result<Pack> {
    let problems = if trusted {
        Vec::new()
    } else {
        validate(&parsed)
    };
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let Parsed {
        pack,
        competencies,
        recommendations,
        certifications,
    } = parsed;
    let PackFile {
        id,
        title,
        version,
        description,
        competencies: order,
        levels,
        profiles,
        facts,
        scoring,
        default_run,
    } = pack.value;
    let mut competencies: Vec<Competency> = competencies.into_iter().map(|c| c.value).collect();
    let rank: std::collections::HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .rev()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    competencies.sort_by_key(|c| rank.get(c.id.as_str()).copied());
    Ok(Pack {
        id,
        title,
        version,
        description,
        levels,
        profiles,
        facts,
        competencies,
        recommendations: recommendations
            .map(|r| r.value.recommendations)
            .unwrap_or_default(),
        certifications: certifications
            .map(|c| c.value.certifications)
            .unwrap_or_default(),
        scoring,
        default_run,
        index: PackIndex::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The run-time path for the built-in pack must give exactly what the YAML gives, without
    /// falling back: a type whose JSON form does not read back as it was fails here.
    #[test]
    fn the_built_in_json_is_the_yaml_pack() {
        let yaml = load_embedded().expect("the built-in pack is valid");
        let fast = load_built_in(false).unwrap_or_else(|e| {
            panic!(
                "the built-in pack's JSON does not read back, so every run parses the YAML:\n{e}"
            )
        });
        // The id index is a cache (built on first use, in hash order): compare the data.
        let (mut fast, mut yaml) = (fast, yaml);
        fast.index = PackIndex::default();
        yaml.index = PackIndex::default();
        assert_eq!(format!("{fast:?}"), format!("{yaml:?}"));
    }
}
