//! Errors a user can act on: every one names where the problem is and what to do next.

use std::fmt;
use std::path::PathBuf;

/// One problem found in an input file, with where it is and how to fix it.
///
/// Rubric packs and answer files are written by people, so a fault is reported the way a
/// compiler would: `file:line:column: what is wrong`, then a hint saying what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user knows it (a path, `-` for stdin, or `embedded:…`).
    pub file: String,
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// 1-based column, where known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to change (may be empty).
    pub hint: String,
}

impl Diagnostic {
    /// A problem in `file` at an unknown position.
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: String::new(),
        }
    }

    /// Adds the position (1-based line and column).
    pub fn at(mut self, position: Option<(usize, usize)>) -> Self {
        if let Some((line, column)) = position {
            self.line = Some(line);
            self.column = Some(column);
        }
        self
    }

    /// Adds a hint saying what to change.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }
}

impl fmt::Display for Diagnostic {
    /// Messages quote the user's files (ids, keys, values): control sequences in them are
    /// shown escaped, so an error can never drive the terminal, and each quoted part is cut
    /// to a couple of hundred characters, so a huge key makes no huge message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::text::clip_quoted;
        write!(f, "{}", shown_name(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", clip_quoted(&self.message))?;
        if !self.hint.is_empty() {
            write!(f, "\n  hint: {}", clip_quoted(&self.hint))?;
        }
        Ok(())
    }
}

/// The 1-based line and column (in characters) of the byte `offset` of `source`.
pub(crate) fn position_at(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset];
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// A file name or path as a message shows it: escaped and at most a couple of hundred
/// characters long.
pub fn shown_name(name: &str) -> String {
    crate::text::clip(&crate::text::escape(name), crate::text::QUOTE_LIMIT)
}

fn shown_path(path: &std::path::Path) -> String {
    shown_name(&path.display().to_string())
}

/// Everything that can stop a command. [`Error::exit_code`] maps each to the documented code:
/// 2 for bad usage or bad input, 1 for a failure while working, 130 for an interruption.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more problems in input files.
    #[error("{}", display_diagnostics(.0))]
    Invalid(Vec<Diagnostic>),

    /// An input file could not be read.
    #[error("cannot read {}: {source}\n  hint: {hint}", shown_path(.path))]
    Read {
        path: PathBuf,
        source: std::io::Error,
        hint: String,
    },

    /// The command line asks for something that cannot be done.
    #[error("{message}\n  hint: {hint}")]
    Usage { message: String, hint: String },

    /// A file could not be written.
    #[error("cannot write {}: {source}\n  hint: check that the folder exists and you may write to it", shown_path(.path))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },

    /// Work could not go on for a reason outside the input: the output cannot be written,
    /// another assessment holds the data folder.
    #[error("{message}\n  hint: {hint}")]
    Failed { message: String, hint: String },

    /// A terminal prompt failed for a reason other than an interruption.
    #[error("the terminal prompt failed: {0}")]
    Prompt(String),

    /// The user pressed Ctrl-C or closed the terminal; answers so far are saved.
    #[error("{0}")]
    Interrupted(String),
}

/// The most problems one error lists; the rest are counted.
pub const MAX_SHOWN: usize = 50;

fn display_diagnostics(diagnostics: &[Diagnostic]) -> String {
    let mut text = diagnostics
        .iter()
        .take(MAX_SHOWN)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        // `main` prefixes the first with "error: "; the rest get the same prefix here.
        .join("\nerror: ");
    if diagnostics.len() > MAX_SHOWN {
        text.push_str(&format!(
            "\n… and {} more not shown",
            diagnostics.len() - MAX_SHOWN
        ));
    }
    if diagnostics.len() > 1 {
        text.push_str(&format!("\n{} problems found", diagnostics.len()));
    }
    text
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Invalid(_) | Error::Read { .. } | Error::Usage { .. } => 2,
            Error::Write { .. } | Error::Failed { .. } | Error::Prompt(_) => 1,
            Error::Interrupted(_) => 130,
        }
    }

    /// A usage error with a hint.
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// A failure while working, with a hint.
    pub fn failed(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Failed {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

/// Writes one line of information to stderr, its control characters shown escaped. A
/// closed or full stderr is no reason to stop (or to panic, as `eprintln!` would): the
/// message is lost and the work goes on.
pub fn message(text: &str) {
    use std::io::Write;
    let mut line = crate::text::escape(text);
    line.push('\n');
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// [`message`] with `warning: ` in front.
pub fn warning(text: &str) {
    message(&format!("warning: {text}"));
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
