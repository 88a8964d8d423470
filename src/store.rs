//! Files on disk: atomic, private writes and reading inputs (`-` is stdin).

use std::io::{Read, Write};
use std::path::Path;

use crate::diagnostic::{Error, Result};

/// Writes `contents` to `path` whole or not at all: a temporary file in the same folder,
/// then a rename. The file is readable by its owner only — results are personal.
pub fn write_private(path: &Path, contents: &[u8]) -> Result<()> {
    let failed = |source: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".skillgap-")
        .tempfile_in(folder)
        .map_err(failed)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(failed)?;
    }
    file.write_all(contents).map_err(failed)?;
    file.as_file().sync_all().map_err(failed)?;
    file.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}

/// Writes `contents` to stdout for `-` or no path, else privately to the file.
pub fn write_output(path: Option<&Path>, contents: &str) -> Result<()> {
    match path {
        Some(p) if p != Path::new("-") => write_private(p, contents.as_bytes()),
        _ => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = out.write_all(contents.as_bytes()).and_then(|_| out.flush());
            Ok(())
        }
    }
}

/// Reads a text input; `-` is stdin. The name returned is how messages refer to it.
pub fn read_input(path: &Path, what: &str) -> Result<(String, String)> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|source| Error::Read {
                path: path.to_path_buf(),
                source,
                hint: format!("pipe a {what} in as UTF-8 text"),
            })?;
        return Ok(("<stdin>".into(), text));
    }
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        hint: match source.kind() {
            std::io::ErrorKind::NotFound => format!(
                "check the path; `skillgap answers template > answers.yaml` makes a {what} to fill in"
            ),
            _ => format!("the {what} must be readable UTF-8 text"),
        },
        source,
    })?;
    Ok((path.display().to_string(), text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_write_replaces_whole_file_with_owner_only_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("result.json");
        write_private(&path, b"first").unwrap();
        write_private(&path, b"second").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // No temporary files left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
