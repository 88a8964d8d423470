//! Saved results: reading one, listing them, and finding one by reference (`latest`,
//! `latest~1`, a path).
//!
//! A damaged file never blocks the others: it is named once, with what is wrong, and
//! skipped. `latest` never silently means an older result — when a newer file had to be
//! skipped, the caller is told which.

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

/// A result found by reference, with the newer files that had to be passed over on the way.
#[derive(Debug, Clone)]
pub struct Found {
    /// The reference as given.
    pub reference: String,
    /// The file it was read from.
    pub path: PathBuf,
    pub doc: ResultDocument,
    /// Files newer than this one that cannot be read: with them, `latest` would have meant
    /// something else. Empty for a path.
    pub passed_over: Vec<Diagnostic>,
}

/// Every readable result in the data folder, newest first, and a problem for each file that
/// cannot be read (a damaged file, a folder or a dangling link named `*.json`, …).
pub fn entries(data_dir: &Path) -> Result<(Vec<Entry>, Vec<Diagnostic>)> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (path, read) in scan(data_dir)? {
        match read {
            Ok(doc) => {
                let reference = reference_for(out.len());
                out.push(Entry {
                    reference,
                    path,
                    doc,
                });
            }
            Err(problem) => problems.push(problem),
        }
    }
    Ok((out, problems))
}

fn reference_for(n: usize) -> String {
    match n {
        0 => "latest".to_string(),
        n => format!("latest~{n}"),
    }
}

/// Each `*.json` in the results folder, newest first, read or with why not.
fn scan(
    data_dir: &Path,
) -> Result<Vec<(PathBuf, std::result::Result<ResultDocument, Diagnostic>)>> {
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
    // File names start with the time taken, then a counter, so this is time order.
    paths.sort_by_cached_key(|p| sort_key(p));
    paths.reverse();
    Ok(paths
        .into_iter()
        .map(|path| {
            let read = read_with_hint(&path, MOVE_IT).map_err(|e| as_problem(&path, e));
            (path, read)
        })
        .collect())
}

/// `20261125T134618Z-07-project_manager.json` → (stamp, 7, rest): the counter compared as a
/// number, so the 100th result of a second sorts after the 99th.
fn sort_key(path: &Path) -> (String, u64, String) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut parts = name.splitn(3, '-');
    let stamp = parts.next().unwrap_or_default().to_string();
    match (parts.next().map(str::parse::<u64>), parts.next()) {
        (Some(Ok(n)), Some(rest)) => (stamp, n, rest.to_string()),
        _ => (name, 0, String::new()),
    }
}

const MOVE_IT: &str = "move the file out of the results folder if it is not a skillgap result";

/// Any error reading one result as a problem with that file.
fn as_problem(path: &Path, error: Error) -> Diagnostic {
    match error {
        Error::Invalid(mut problems) if !problems.is_empty() => problems.remove(0),
        Error::Read { source, .. } => Diagnostic::new(
            path.display().to_string(),
            format!("cannot read it: {source}"),
        )
        .hint(MOVE_IT),
        other => Diagnostic::new(path.display().to_string(), other.to_string()),
    }
}

/// Reads one result document from a file, as every command that shows a saved result does.
///
/// Bounded and tolerant: the file is read through the size cap (a FIFO or a device is refused,
/// never waited on), a byte-order mark is accepted, and every problem — not a regular file,
/// too large, empty, not UTF-8, not JSON, not a result — comes back as a readable error that
/// names the file (with line and column where there is one), never as a panic. Code that
/// reads many results calls this once per file.
pub fn read(path: &Path) -> Result<ResultDocument> {
    read_with_hint(
        path,
        "give the path of a result saved by skillgap, or `latest`; `skillgap history` lists them",
    )
}

fn read_with_hint(path: &Path, hint: &str) -> Result<ResultDocument> {
    let name = path.display().to_string();
    let text = crate::store::read_text_file(path, "result file", hint)?;
    parse(&name, &text).map_err(|d| Error::Invalid(vec![d]))
}

/// Parses the text of a result file named `name` in messages.
pub fn parse(name: &str, text: &str) -> std::result::Result<ResultDocument, Diagnostic> {
    const HINT: &str = "results are the JSON documents that `skillgap assess --format json` writes";
    if text.trim().is_empty() {
        return Err(Diagnostic::new(name, "the file is empty, not a skillgap result").hint(HINT));
    }
    serde_json::from_str(text).map_err(|e| {
        // serde_json ends its message with the position, which is shown already.
        let mut message = e.to_string();
        if let Some(cut) = message.rfind(" at line ") {
            message.truncate(cut);
        }
        let position = (e.line() > 0).then(|| (e.line(), e.column().max(1)));
        Diagnostic::new(name, format!("not a skillgap result: {message}"))
            .at(position)
            .hint(HINT)
    })
}

/// Finds a result by reference: `latest`, `latest~N`, or a file path.
pub fn find(data_dir: &Path, reference: &str) -> Result<Found> {
    let Some(back) = reference.strip_prefix("latest") else {
        let path = PathBuf::from(reference);
        return Ok(Found {
            reference: reference.to_string(),
            doc: read(&path)?,
            path,
            passed_over: Vec::new(),
        });
    };
    let n = match back.strip_prefix('~') {
        None if back.is_empty() => 0,
        Some(n) => n.parse::<usize>().map_err(|_| bad_reference(reference))?,
        None => return Err(bad_reference(reference)),
    };
    let mut passed_over = Vec::new();
    let mut readable = 0;
    for (path, read) in scan(data_dir)? {
        match read {
            Err(problem) => passed_over.push(problem),
            Ok(doc) if readable == n => {
                return Ok(Found {
                    reference: reference.to_string(),
                    path,
                    doc,
                    passed_over,
                })
            }
            Ok(_) => readable += 1,
        }
    }
    for problem in &passed_over {
        crate::diagnostic::warning(&format!("skipped {problem}"));
    }
    Err(Error::usage(
        format!(
            "there is no result `{}`: {readable} saved",
            crate::text::quote(reference)
        ),
        if readable == 0 {
            "finish an assessment first: `skillgap assess`".to_string()
        } else {
            "`skillgap history` lists the saved results and their references".to_string()
        },
    ))
}

/// Finds a result by reference (see [`find`]) and warns on stderr about each newer file
/// that was skipped on the way, so `latest` never silently means an older result.
pub fn resolve(data_dir: &Path, reference: &str) -> Result<(String, ResultDocument)> {
    let found = find(data_dir, reference)?;
    warn_passed_over(std::slice::from_ref(&found));
    Ok((found.reference, found.doc))
}

/// Warns once about each file that was passed over for any of `found`, and says which
/// result each reference means instead.
pub fn warn_passed_over(found: &[Found]) {
    let mut said: Vec<String> = Vec::new();
    let mut say = |line: String| {
        if !said.contains(&line) {
            crate::diagnostic::warning(&line);
            said.push(line);
        }
    };
    for f in found {
        if f.passed_over.is_empty() {
            continue;
        }
        for problem in &f.passed_over {
            say(format!("skipped {problem}"));
        }
        say(format!(
            "so `{}` is {}, older than the file{} skipped",
            crate::text::quote(&f.reference),
            f.path.display(),
            if f.passed_over.len() == 1 { "" } else { "s" }
        ));
    }
}

fn bad_reference(reference: &str) -> Error {
    Error::usage(
        format!(
            "`{}` is not a result reference",
            crate::text::quote(reference)
        ),
        "use `latest`, `latest~1` (the one before), … or a file path",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_sort_as_numbers() {
        let mut names = vec![
            "20261125T134618Z-99-pm.json",
            "20261125T134618Z-100-pm.json",
            "20261125T134618Z-09-pm.json",
            "20261124T000000Z-200-pm.json",
        ];
        names.sort_by_key(|n| sort_key(Path::new(n)));
        assert_eq!(
            names,
            [
                "20261124T000000Z-200-pm.json",
                "20261125T134618Z-09-pm.json",
                "20261125T134618Z-99-pm.json",
                "20261125T134618Z-100-pm.json",
            ]
        );
    }

    #[test]
    fn empty_and_broken_results_say_what_is_wrong() {
        let d = parse("r.json", "").unwrap_err();
        assert!(d.message.contains("empty"), "{}", d.message);
        assert_eq!(d.column, None);
        let d = parse("r.json", "{\"schema_version\": 1,").unwrap_err();
        assert_eq!(d.line, Some(1));
        assert!(d.column.is_some_and(|c| c > 0));
        assert!(!d.message.contains(" at line "), "{}", d.message);
    }
}
