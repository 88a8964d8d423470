//! The interactive assessment: one competency at a time, back to change an answer, a review
//! before scoring, and every answer saved the moment it is given.
//!
//! The flow is written against [`Prompter`], so the same code drives the terminal prompts on
//! dialoguer ([`terminal`]), the one-line-per-prompt plain mode ([`plain`]) and the scripted
//! fake the unit tests use.

pub mod plain;
pub mod terminal;

use crate::answers::{format_number, Value};
use crate::diagnostic::Result;
use crate::pack::{Choice, FactKind, Pack, QuestionKind};
use crate::session::Session;
use crate::text::one_line;

/// What the person did at a prompt.
#[derive(Debug, Clone, PartialEq)]
pub enum Nav<T> {
    /// Gave an answer.
    Answer(T),
    /// Asked to return to the previous question (Esc in a list; Esc then Enter at a yes or
    /// no; `b` then Enter where a number is typed, and in plain mode).
    Back,
}

/// Why a prompt gave no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptError {
    /// Ctrl-C, or the input closed.
    Interrupted,
    /// The terminal failed.
    Failed(String),
}

/// The result of one prompt.
pub type Prompted<T> = std::result::Result<Nav<T>, PromptError>;

impl From<std::io::Error> for PromptError {
    /// A terminal that went away (end of input, a broken pipe, EIO once the other end of a
    /// pseudo-terminal closed) counts as an interruption, as Ctrl-C does: the answers are
    /// saved and the person is told how to resume. Anything else is a failure.
    fn from(io: std::io::Error) -> Self {
        use std::io::ErrorKind;
        const EIO: i32 = 5;
        match io.kind() {
            ErrorKind::Interrupted | ErrorKind::UnexpectedEof | ErrorKind::BrokenPipe => {
                PromptError::Interrupted
            }
            _ if io.raw_os_error() == Some(EIO) => PromptError::Interrupted,
            _ => PromptError::Failed(io.to_string()),
        }
    }
}

/// A question as the prompter shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Ask<'a> {
    /// "[12/124]".
    pub counter: String,
    pub prompt: &'a str,
    /// Full option texts, in order.
    pub options: Vec<String>,
    /// Whether going back is possible from here.
    pub can_go_back: bool,
    /// One line under the prompt saying what counts, where people misread the question.
    pub help: Option<&'a str>,
    /// (questions done, questions in all) for a progress bar; `None` outside the questions.
    pub progress: Option<(usize, usize)>,
}

/// The person at the other end. Implementations render on stderr only.
pub trait Prompter {
    /// Announces a new part of the assessment ("3 of 12 · Risk management") with overall
    /// progress (`answered` of `total`).
    fn section(
        &mut self,
        title: &str,
        position: Option<(usize, usize)>,
        answered: usize,
        total: usize,
    );
    /// One option.
    fn select(&mut self, ask: &Ask, default: Option<usize>) -> Prompted<usize>;
    /// Any number of options.
    fn multi(&mut self, ask: &Ask, defaults: &[bool]) -> Prompted<Vec<usize>>;
    /// Yes or no.
    fn yes_no(&mut self, ask: &Ask, default: Option<bool>) -> Prompted<bool>;
    /// A number within a range.
    fn number(
        &mut self,
        ask: &Ask,
        range: (f64, f64),
        unit: Option<&str>,
        default: Option<f64>,
    ) -> Prompted<f64>;
    /// A line of information.
    fn say(&mut self, text: &str);
}

mod ask;
mod flow;
mod review;

pub use flow::Flow;

/// "0 to 600 months": the range a number prompt accepts, as both prompters say it.
pub fn range_text(range: (f64, f64), unit: Option<&str>) -> String {
    let unit = unit.map(|u| format!(" {u}")).unwrap_or_default();
    format!(
        "{} to {}{unit}",
        format_number(range.0),
        format_number(range.1)
    )
}

#[cfg(test)]
mod tests;
