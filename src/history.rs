//! Saved results: listing them and finding one by reference (`latest`, `latest~1`, a path).

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Error, Result};
use crate::result::ResultDocument;
use crate::session::results_dir;

/// A saved result with the reference that names it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// `latest`, `latest~1`, …
    pub reference: String,
    pub path: PathBuf,
    pub doc: ResultDocument,
}

/// Every readable result in the data folder, newest first. Unreadable files are reported, not
/// skipped silently.
pub fn entries(data_dir: &Path) -> Result<(Vec<Entry>, Vec<Diagnostic>)> {
    let folder = results_dir(data_dir);
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&folder) {
        Ok(read) => read
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(source) => {
            return Err(Error::Read {
                path: folder,
                source,
                hint: "check the permissions of your skillgap data folder".into(),
            })
        }
    };
    // File names start with the time taken, so name order is time order.
    paths.sort();
    paths.reverse();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match read(&path) {
            Ok(doc) => {
                let reference = match out.len() {
                    0 => "latest".to_string(),
                    n => format!("latest~{n}"),
                };
                out.push(Entry {
                    reference,
                    path,
                    doc,
                });
            }
            Err(Error::Invalid(mut d)) => problems.append(&mut d),
            Err(other) => return Err(other),
        }
    }
    Ok((out, problems))
}

/// Reads a result document from a file.
pub fn read(path: &Path) -> Result<ResultDocument> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
        hint: "give the path of a result saved by skillgap, or `latest`; `skillgap history` lists them".into(),
    })?;
    serde_json::from_str(&text).map_err(|e| {
        Error::Invalid(vec![Diagnostic::new(
            path.display().to_string(),
            format!("not a skillgap result: {e}"),
        )
        .at(Some((e.line(), e.column())))
        .hint(
            "results are the JSON documents that `skillgap assess --format json` writes",
        )])
    })
}

/// Finds a result by reference: `latest`, `latest~N`, or a file path.
pub fn resolve(data_dir: &Path, reference: &str) -> Result<(String, ResultDocument)> {
    if let Some(back) = reference.strip_prefix("latest") {
        let n = match back.strip_prefix('~') {
            None if back.is_empty() => 0,
            Some(n) => n.parse::<usize>().map_err(|_| bad_reference(reference))?,
            None => return Err(bad_reference(reference)),
        };
        let (entries, _) = entries(data_dir)?;
        let count = entries.len();
        return entries
            .into_iter()
            .nth(n)
            .map(|e| (e.reference, e.doc))
            .ok_or_else(|| {
                Error::usage(
                    format!("there is no result `{reference}`: {count} saved"),
                    if count == 0 {
                        "finish an assessment first: `skillgap assess`".to_string()
                    } else {
                        "`skillgap history` lists the saved results and their references"
                            .to_string()
                    },
                )
            });
    }
    let path = Path::new(reference);
    Ok((reference.to_string(), read(path)?))
}

fn bad_reference(reference: &str) -> Error {
    Error::usage(
        format!("`{reference}` is not a result reference"),
        "use `latest`, `latest~1` (the one before), … or a file path",
    )
}
