//! Files on disk: bounded reads of inputs (`-` is stdin), private writes that land whole or
//! not at all, and output that goes where the user points it.
//!
//! Every input goes through [`read_bytes`], so a file of any size — or `/dev/zero` — costs at
//! most [`MAX_INPUT_BYTES`] of memory, and every text through [`decode`], so a byte-order mark
//! is accepted and a byte that is not UTF-8 is named by its offset.

use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Error, Result};

mod identity;
mod stdout;

pub use identity::{find_under, FileId};
pub use stdout::check_stdout;

/// The most skillgap reads from one input: answers, rubric and result files are a few
/// hundred kilobytes at most.
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// [`MAX_INPUT_BYTES`] as messages say it.
pub const MAX_INPUT_TEXT: &str = "4 MiB";

/// How the temporary files of a save begin: `.skillgap-<pid>-`, so a later run can tell a
/// save in progress from one that was killed.
pub const TEMP_PREFIX: &str = ".skillgap-";

/// A temporary file older than this is left over from an interrupted save, whoever wrote it.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(10 * 60);

fn temp_prefix() -> String {
    format!("{TEMP_PREFIX}{}-", std::process::id())
}

/// An I/O error without the path of a temporary file that `tempfile` adds: messages name
/// the user's path, never the temporary one.
fn plain(error: std::io::Error) -> std::io::Error {
    if let Some(code) = error.raw_os_error() {
        return std::io::Error::from_raw_os_error(code);
    }
    // tempfile wraps the OS error as `<error> at path "<temporary path>"`.
    let mut text = error.to_string();
    if let Some(cut) = text.find(" at path ") {
        text.truncate(cut);
    }
    std::io::Error::new(error.kind(), text)
}

/// Writes `contents` to `path` whole or not at all: a temporary file in the same folder,
/// then a rename over whatever is there. The file is readable by its owner only — results
/// are personal.
pub fn write_private(path: &Path, contents: &[u8]) -> Result<()> {
    let file = private_temp(path, contents)?;
    file.persist(path).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        source: plain(e.error),
    })?;
    Ok(())
}

/// Like [`write_private`], but never replaces a file: `Ok(false)` (and nothing written) when
/// `path` exists already, so two saves at the same moment cannot overwrite each other.
pub fn write_private_new(path: &Path, contents: &[u8]) -> Result<bool> {
    let file = private_temp(path, contents)?;
    match file.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(e) if e.error.kind() == ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(Error::Write {
            path: path.to_path_buf(),
            source: plain(e.error),
        }),
    }
}

/// `contents` in an owner-only temporary file beside `path`, flushed to disk.
fn private_temp(path: &Path, contents: &[u8]) -> Result<tempfile::NamedTempFile> {
    temp_beside(path, contents, None).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source: plain(source),
    })
}

/// `contents` in a temporary file beside `path`, flushed to disk: owner-only, or with the
/// mode and owner of `like` (the file it is to replace) where given.
fn temp_beside(
    path: &Path,
    contents: &[u8],
    like: Option<&std::fs::Metadata>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    let prefix = temp_prefix();
    builder.prefix(&prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    let mut file = builder.tempfile_in(folder)?;
    file.write_all(contents)?;
    #[cfg(unix)]
    if let Some(like) = like {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // As `>` leaves them: the same owner where this user may give it (root may; others
        // keep their own), and the same permissions, set after the umask had its say.
        let _ = std::os::unix::fs::fchown(file.as_file(), Some(like.uid()), Some(like.gid()));
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(like.mode() & 0o777))?;
    }
    #[cfg(not(unix))]
    let _ = like;
    file.as_file().sync_all()?;
    Ok(file)
}

/// Removes the temporary files that interrupted saves left in `folder`: those whose writer
/// is no longer running, and any older than ten minutes. Others may be a save in progress.
pub fn remove_stale_temp_files(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(TEMP_PREFIX)) else {
            continue;
        };
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let writer_gone = rest
            .split_once('-')
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
            .is_some_and(|pid| !process_running(pid));
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if writer_gone || old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether process `pid` runs on this machine, where that can be told (Linux); elsewhere
/// every writer counts as running and only age makes a file stale.
fn process_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return true;
    }
    pid == std::process::id() || proc.join(pid.to_string()).exists()
}

/// Writes `contents` to stdout for `-` or no path, else to the file.
pub fn write_output(path: Option<&Path>, contents: &str) -> Result<()> {
    match path {
        Some(p) if p != Path::new("-") => write_file(p, contents.as_bytes()),
        _ => write_stdout(contents.as_bytes()),
    }
}

/// Writes to stdout. A reader that has gone (`| head`) ends the output quietly; any other
/// failure (a full disk, `> /dev/full`) is an error.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    stream_stdout(|out| out.write_all(bytes))
}

/// Writes to stdout whatever `write` writes, with the same handling of a reader that has
/// gone and of other failures as [`write_stdout`]. Stdout passes whole lines straight on, so
/// `write` should write in large pieces (a whole text, or the blocks JSON is written in)
/// rather than have them copied into one more buffer.
pub fn stream_stdout(
    write: impl FnOnce(&mut std::io::StdoutLock<'static>) -> std::io::Result<()>,
) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match write(&mut out).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::failed(
            format!("cannot write to standard output: {e}"),
            "check the disk or file that standard output goes to, or write with --output FILE",
        )),
    }
}

/// Writes `contents` to the file the user named with `--output`:
/// - a regular file or a new path is replaced whole (a temporary file, then a rename);
/// - a symbolic link is followed, and its target written, the link kept;
/// - a FIFO, a device or a socket is written directly, never replaced;
/// - a path that is this program's own stdout (`/dev/stdout`) is stdout.
pub fn write_file(path: &Path, contents: &[u8]) -> Result<()> {
    let failed = |source: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source: plain(source),
    };
    match std::fs::metadata(path) {
        Ok(meta) if is_stdout(&meta) => write_stdout(contents),
        Ok(meta) if meta.is_dir() => Err(failed(std::io::Error::from(ErrorKind::IsADirectory))),
        Ok(meta) if meta.is_file() => {
            let target = std::fs::canonicalize(path).map_err(failed)?;
            replace_existing(&target, &meta, contents).map_err(failed)
        }
        Ok(_) => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(failed)?;
            file.write_all(contents)
                .and_then(|_| file.flush())
                .map_err(failed)
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {
            let target = link_target(path).map_err(failed)?;
            replace(path, &target, contents)
        }
        Err(e) => Err(failed(e)),
    }
}

/// Replaces the regular file `target` (`meta` its metadata) as `>` would write it, but whole:
/// - a file the user may not write is refused, as the shell refuses it: it is opened for
///   writing first (root may write any file, and so may this);
/// - it is replaced by a temporary file with its mode (and owner, where that may be given),
///   then a rename, so it is never seen half written;
/// - where no temporary file can be made or renamed (a folder the user may not write, a
///   sticky folder and another's file), it is written in place, as `>` does: not atomic.
fn replace_existing(
    target: &Path,
    meta: &std::fs::Metadata,
    contents: &[u8],
) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).open(target)?;
    let error = match temp_beside(target, contents, Some(meta)) {
        Ok(temp) => match temp.persist(target) {
            Ok(_) => return Ok(()),
            Err(e) => e.error,
        },
        Err(e) => e,
    };
    if error.kind() != ErrorKind::PermissionDenied {
        return Err(error);
    }
    file.set_len(0)?;
    file.write_all(contents)?;
    file.sync_all()
}

/// Replaces `target` whole with a private file; errors name `shown`, the user's path.
fn replace(shown: &Path, target: &Path, contents: &[u8]) -> Result<()> {
    let name_error = |e: Error| match e {
        Error::Write { source, .. } => Error::Write {
            path: shown.to_path_buf(),
            source,
        },
        other => other,
    };
    write_private(target, contents).map_err(name_error)
}

/// Where a path that does not resolve leads: itself, or the end of its chain of links (a
/// dangling link is written through, so the link is kept).
fn link_target(path: &Path) -> std::io::Result<PathBuf> {
    let mut target = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&target) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let next = std::fs::read_link(&target)?;
                target = match target.parent() {
                    Some(parent) if next.is_relative() => parent.join(next),
                    _ => next,
                };
            }
            _ => return Ok(target),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Whether `meta` is the file this program's stdout writes to.
#[cfg(unix)]
fn is_stdout(meta: &std::fs::Metadata) -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() else {
        return false;
    };
    std::fs::File::from(fd)
        .metadata()
        .is_ok_and(|out| out.dev() == meta.dev() && out.ino() == meta.ino())
}

#[cfg(not(unix))]
fn is_stdout(_meta: &std::fs::Metadata) -> bool {
    false
}

/// Reads at most [`MAX_INPUT_BYTES`] from `reader`; `Ok(None)` if there is more.
pub fn read_bytes(reader: impl Read) -> std::io::Result<Option<Vec<u8>>> {
    read_bytes_expecting(reader, 0)
}

/// [`read_bytes`] for a reader whose length is likely `expected` (a regular file's size):
/// the buffer starts that large, so a file is read in one call rather than in doubling steps
/// from 32 bytes. The cap holds whatever the file turns out to hold.
fn read_bytes_expecting(reader: impl Read, expected: u64) -> std::io::Result<Option<Vec<u8>>> {
    // One byte over the size, so the read that finds the end needs no second allocation.
    let mut bytes = Vec::with_capacity(expected.min(MAX_INPUT_BYTES) as usize + 1);
    reader.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= MAX_INPUT_BYTES).then_some(bytes))
}

/// The diagnostic for an input past [`MAX_INPUT_BYTES`].
pub fn too_large(name: &str, what: &str) -> Diagnostic {
    Diagnostic::new(
        name,
        format!("larger than {MAX_INPUT_TEXT}, the most skillgap reads from one file"),
    )
    .hint(format!(
        "check that this is the {what} you meant; they are a few hundred kilobytes at most"
    ))
}

/// Bytes as text: a leading UTF-8 byte-order mark is dropped (positions count from the first
/// line as before), and bytes that are not UTF-8 are named by offset, line and column.
pub fn decode(name: &str, mut bytes: Vec<u8>) -> std::result::Result<String, Diagnostic> {
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    String::from_utf8(bytes).map_err(|e| not_utf8(name, e.as_bytes(), e.utf8_error().valid_up_to()))
}

/// [`decode`] without a copy, for readers that reuse one buffer (the cohort): one rule for
/// what counts as text, whichever command reads the file.
pub fn as_text<'a>(name: &str, bytes: &'a [u8]) -> std::result::Result<&'a str, Diagnostic> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| not_utf8(name, bytes, e.valid_up_to()))
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The diagnostic for `bytes` that stop being UTF-8 at `offset`.
fn not_utf8(name: &str, bytes: &[u8], offset: usize) -> Diagnostic {
    // The part before the bad byte is valid, so lines and characters can be counted.
    let before = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Diagnostic::new(
        name,
        format!(
            "not UTF-8 text: byte 0x{:02x} at byte offset {offset}",
            bytes[offset]
        ),
    )
    .at(Some((line, column)))
    .hint("save the file as UTF-8 text (most editors offer this under \"Save as\" or \"Encoding\")")
}

/// Opens `path` to read without waiting, with what the opened file is. A FIFO opened to read
/// waits for a writer, for ever if none comes: readers of files named on the command line
/// or found in a folder call this, then refuse what is not a regular file (see
/// [`not_a_file`]). The check is of the file opened, not of the path, which could change in
/// between.
pub fn open_to_read(path: &Path) -> std::io::Result<(std::fs::File, std::fs::Metadata)> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    Ok((file, meta))
}

/// What a file that is not a regular file is, for "this is …, not a result file".
pub fn not_a_file(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Reads a text file through the size cap. `hint` says what to do when it cannot be read
/// at all. Only regular files are read: a FIFO or a device would block or never end.
pub fn read_text_file(path: &Path, what: &str, hint: &str) -> Result<String> {
    let name = path.display().to_string();
    let failed = |source: std::io::Error| Error::Read {
        path: path.to_path_buf(),
        source,
        hint: hint.to_string(),
    };
    let not_a = |meta: &std::fs::Metadata| {
        Error::Invalid(vec![Diagnostic::new(
            &name,
            format!("this is {}, not a {what}", not_a_file(meta)),
        )
        .hint(hint.to_string())])
    };
    let (file, meta) = match open_to_read(path) {
        Ok(opened) => opened,
        // A socket cannot be opened at all: say what it is rather than why not.
        Err(e) => match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => return Err(not_a(&meta)),
            _ => return Err(failed(e)),
        },
    };
    if !meta.is_file() {
        return Err(not_a(&meta));
    }
    read_and_decode(file, meta.len(), &name, what).map_err(|e| match e {
        Ok(source) => failed(source),
        Err(d) => Error::Invalid(vec![d]),
    })
}

/// Reads and decodes through the cap: an I/O error, or a diagnostic about the content.
fn read_and_decode(
    reader: impl Read,
    expected: u64,
    name: &str,
    what: &str,
) -> std::result::Result<String, std::result::Result<std::io::Error, Diagnostic>> {
    let bytes = read_bytes_expecting(reader, expected)
        .map_err(Ok)?
        .ok_or_else(|| Err(too_large(name, what)))?;
    decode(name, bytes).map_err(Err)
}

/// Reads a text input; `-` is stdin. The name returned is how messages refer to it.
pub fn read_input(path: &Path, what: &str) -> Result<(String, String)> {
    if path == Path::new("-") {
        let name = "<stdin>".to_string();
        let text =
            read_and_decode(std::io::stdin().lock(), 0, &name, what).map_err(|e| match e {
                Ok(source) => Error::Read {
                    path: path.to_path_buf(),
                    source,
                    hint: format!("pipe a {what} in as UTF-8 text"),
                },
                Err(d) => Error::Invalid(vec![d]),
            })?;
        return Ok((name, text));
    }
    let name = path.display().to_string();
    let failed = |source: std::io::Error| {
        Error::Read {
        path: path.to_path_buf(),
        hint: match source.kind() {
            ErrorKind::NotFound => format!(
                "check the path; `skillgap answers template > answers.yaml` makes a {what} to fill in"
            ),
            _ => format!("the {what} must be a readable file"),
        },
        source,
    }
    };
    // A FIFO (`<(…)`) or a device is read too, through the same cap.
    let file = std::fs::File::open(path).map_err(failed)?;
    // A FIFO or a device reports no useful length; a regular file's is where reading starts.
    let expected = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map_or(0, |m| m.len());
    let text = read_and_decode(file, expected, &name, what).map_err(|e| match e {
        Ok(source) => failed(source),
        Err(d) => Error::Invalid(vec![d]),
    })?;
    Ok((name, text))
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

    #[test]
    fn a_new_private_write_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        assert!(write_private_new(&path, b"one").unwrap());
        assert!(!write_private_new(&path, b"two").unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn reads_stop_at_the_cap() {
        let endless = std::io::repeat(0);
        assert!(read_bytes(endless).unwrap().is_none());
        let exact = vec![b'a'; MAX_INPUT_BYTES as usize];
        assert!(read_bytes(&exact[..]).unwrap().is_some());
    }

    #[test]
    fn an_expected_length_only_sizes_the_buffer() {
        // A file that grew or shrank since its size was read is read whole, and the cap
        // holds whatever length was expected.
        let text = b"profile: senior\n".to_vec();
        for expected in [0, 3, text.len() as u64, 1 << 20, u64::MAX] {
            let read = read_bytes_expecting(&text[..], expected).unwrap();
            assert_eq!(read.as_deref(), Some(&text[..]), "expected {expected}");
        }
        assert!(read_bytes_expecting(std::io::repeat(0), u64::MAX)
            .unwrap()
            .is_none());
    }

    #[test]
    fn decode_drops_a_bom_and_names_the_first_bad_byte() {
        assert_eq!(
            decode("f", b"\xEF\xBB\xBFa: 1\n".to_vec()).unwrap(),
            "a: 1\n"
        );
        let d = decode("f", b"a: 1\nb: \xC3x\n".to_vec()).unwrap_err();
        assert_eq!((d.line, d.column), (Some(2), Some(4)));
        assert!(
            d.message.contains("byte 0xc3 at byte offset 8"),
            "{}",
            d.message
        );
    }

    #[test]
    fn stale_temp_files_go_and_live_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join(".skillgap-99999999-abc");
        let live = dir
            .path()
            .join(format!(".skillgap-{}-def", std::process::id()));
        let old = dir.path().join(".skillgap-ghi");
        let fresh = dir.path().join(".skillgap-jkl");
        let other = dir.path().join("keep.json");
        for p in [&gone, &live, &old, &fresh, &other] {
            std::fs::write(p, "x").unwrap();
        }
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
        remove_stale_temp_files(dir.path());
        if Path::new("/proc/self").exists() {
            assert!(!gone.exists());
        }
        assert!(!old.exists());
        assert!(live.exists() && fresh.exists() && other.exists());
    }

    #[test]
    fn temp_paths_never_reach_messages() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("out.json");
        let message = write_file(&path, b"x").unwrap_err().to_string();
        assert!(message.contains("out.json"), "{message}");
        assert!(!message.contains(".skillgap-"), "{message}");
    }
}
