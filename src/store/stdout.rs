//! Whether stdout can take what a command prints, told before any work is done.

use crate::diagnostic::{Error, Result};

/// How stdout was when the process began: [`UNKNOWN`] until [`note_stdout`] runs.
static STDOUT_AT_START: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(UNKNOWN);
const UNKNOWN: u8 = 0;
const WRITABLE: u8 = 1;
const CLOSED: u8 = 2;
const READ_ONLY: u8 = 3;

/// Notes how stdout is before `main`. Rust's runtime puts `/dev/null` in the place of a
/// closed stdout (`>&-`) before `main` runs, after which the output would vanish with exit 0;
/// the loader runs this first, so the closed stdout can still be told.
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_os = "netbsd",
    target_os = "openbsd",
    target_os = "dragonfly",
    target_os = "illumos",
    target_os = "solaris"
))]
#[used]
#[link_section = ".init_array"]
static NOTE_STDOUT: extern "C" fn() = note_stdout;

#[cfg(target_vendor = "apple")]
#[used]
#[link_section = "__DATA,__mod_init_func"]
static NOTE_STDOUT: extern "C" fn() = note_stdout;

#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_os = "netbsd",
    target_os = "openbsd",
    target_os = "dragonfly",
    target_os = "illumos",
    target_os = "solaris",
    target_vendor = "apple"
))]
extern "C" fn note_stdout() {
    STDOUT_AT_START.store(stdout_now(), std::sync::atomic::Ordering::Relaxed);
}

/// Whether stdout is open, and for writing.
fn stdout_now() -> u8 {
    #[cfg(unix)]
    {
        // SAFETY: F_GETFL reads the flags of a descriptor and changes nothing.
        let flags = unsafe { libc::fcntl(1, libc::F_GETFL) };
        if flags == -1 {
            CLOSED
        } else if flags & libc::O_ACCMODE == libc::O_RDONLY {
            READ_ONLY
        } else {
            WRITABLE
        }
    }
    #[cfg(not(unix))]
    UNKNOWN
}

/// Refuses to start a command that prints its data to a stdout that cannot take it: closed
/// (`>&-`) or open for reading only (`1< file`). Without this the work would be done and
/// its output lost, with exit 0. Failures while writing are caught as they happen.
pub fn check_stdout() -> Result<()> {
    let state = match STDOUT_AT_START.load(std::sync::atomic::Ordering::Relaxed) {
        UNKNOWN => stdout_now(),
        known => known,
    };
    let hint = "send it to a file or a pipe (`> FILE`, `| less`), or write with --output FILE \
                where the command has it";
    match state {
        CLOSED => Err(Error::failed(
            "standard output is closed: what this command prints would be lost",
            hint,
        )),
        READ_ONLY => Err(Error::failed(
            "standard output is open for reading only: what this command prints would be lost",
            hint,
        )),
        _ => Ok(()),
    }
}
