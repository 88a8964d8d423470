//! Prompts in a terminal, on stderr: arrow keys or an option's number to move, Enter to
//! answer, Esc to go back, PgUp/PgDn/Home/End through long lists, and a redraw at the new
//! width when the terminal is resized.
//!
//! Drawn by hand on crossterm rather than with dialoguer, which cannot go back with Esc from
//! a typed answer, answers yes/no on a single key (so the habitual Enter carried into the
//! next prompt), ignores digits, cuts long options with "…" and never hears of a resize.
//! What each prompt shows and how it answers keys lives in `widget.rs`; this file only
//! reads keys and draws.
//!
//! The terminal is in raw mode only while a prompt waits for keys, and a guard leaves it on
//! every way out, a panic included; the Ctrl-C handler calls [`restore`] too.

use std::io::{self, Write};
use std::time::Duration;

use console::{style, Term};
use crossterm::event::{self, Event, KeyEventKind};
use crossterm::{cursor, queue, terminal};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::widget::{self, Line, List, Look, Outcome, Typed};
use super::{Ask, Nav, PromptError, Prompted, Prompter};
use crate::answers::format_number;
use crate::text::wrap;

/// Prompts on stderr.
pub struct TerminalPrompter {
    look: Look,
    /// The lines of the prompt now on screen, the cursor at the end of the last.
    live: Vec<String>,
    /// Rows of each answered question printed since anything else was, latest last: going
    /// back erases the latest, so the question asked again takes its place.
    answered: Vec<usize>,
}

impl TerminalPrompter {
    /// A prompter for the terminal on stderr; `color` false draws without colour or bold.
    pub fn new(color: bool) -> Self {
        TerminalPrompter {
            look: Look { color },
            live: Vec::new(),
            answered: Vec::new(),
        }
    }

    /// Erases the prompt on screen; `also_answered` erases the answered question above it.
    fn erase(&mut self, out: &mut Vec<u8>, also_answered: bool) {
        let (width, _) = size();
        let mut up = widget::rows(&self.live, width).saturating_sub(1);
        if also_answered {
            if let Some(rows) = self.answered.pop() {
                up += rows;
            }
        }
        self.live.clear();
        let _ = queue!(out, cursor::MoveToColumn(0));
        if up > 0 {
            let _ = queue!(out, cursor::MoveUp(up.min(u16::MAX as usize) as u16));
        }
        let _ = queue!(out, terminal::Clear(terminal::ClearType::FromCursorDown));
    }

    /// Draws `lines` over the prompt on screen.
    fn draw(&mut self, lines: Vec<String>, show_cursor: bool) {
        let mut out = Vec::new();
        self.erase(&mut out, false);
        let _ = if show_cursor {
            queue!(out, cursor::Show)
        } else {
            queue!(out, cursor::Hide)
        };
        out.extend_from_slice(lines.join("\r\n").as_bytes());
        self.live = lines;
        write_out(&out);
    }

    /// Replaces the prompt with the question and its answer, which stay on screen.
    fn keep(&mut self, ask: &Ask, answers: &[String]) {
        let (width, _) = size();
        let lines = widget::answered(ask, answers, width, self.look);
        let mut out = Vec::new();
        self.erase(&mut out, false);
        for line in &lines {
            out.extend_from_slice(line.as_bytes());
            out.extend_from_slice(b"\r\n");
        }
        write_out(&out);
        self.answered.push(widget::rows(&lines, width));
    }

    /// Going back: the prompt and the answer it follows are erased, leaving no stray lines.
    fn back(&mut self) {
        let mut out = Vec::new();
        self.erase(&mut out, true);
        write_out(&out);
    }

    /// Other text is about to be printed: answered questions above it stay.
    fn settle(&mut self) {
        self.answered.clear();
    }

    /// Keys for a list until it is answered.
    fn run_list(&mut self, ask: &Ask, list: &mut List) -> Prompted<Vec<usize>> {
        let _raw = Raw::enter()?;
        drain()?;
        loop {
            let (width, height) = size();
            let lines = list.layout(ask, width, height, self.look);
            self.draw(lines, false);
            let key = match next_input()? {
                Input::Key(key) => key,
                Input::Resize => continue,
            };
            match list.key(&key, ask.can_go_back) {
                Outcome::Continue => {}
                Outcome::Done(picked) => return Ok(Nav::Answer(picked)),
                Outcome::Back => {
                    self.back();
                    return Ok(Nav::Back);
                }
                Outcome::Interrupt => return Err(PromptError::Interrupted),
            }
        }
    }

    /// Keys for a typed answer until it is given.
    fn run_line(&mut self, ask: &Ask, line: &mut Line, span: &str) -> Prompted<Typed> {
        let _raw = Raw::enter()?;
        drain()?;
        loop {
            let (width, _) = size();
            let lines = line.layout(ask, span, width, self.look);
            self.draw(lines, true);
            let key = match next_input()? {
                Input::Key(key) => key,
                Input::Resize => continue,
            };
            match line.key(&key, ask.can_go_back, span) {
                Outcome::Continue => {}
                Outcome::Done(typed) => return Ok(Nav::Answer(typed)),
                Outcome::Back => {
                    self.back();
                    return Ok(Nav::Back);
                }
                Outcome::Interrupt => return Err(PromptError::Interrupted),
            }
        }
    }
}

/// The terminal's width and height; 80 × 24 when it does not say.
fn size() -> (usize, usize) {
    match terminal::size() {
        Ok((w, h)) if w > 0 && h > 0 => (w as usize, h as usize),
        _ => {
            let env = |name: &str, or: usize| {
                std::env::var(name)
                    .ok()
                    .and_then(|v| v.parse().ok())
                    .filter(|n| *n > 0)
                    .unwrap_or(or)
            };
            (env("COLUMNS", 80), env("LINES", 24))
        }
    }
}

fn write_out(bytes: &[u8]) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(bytes);
    let _ = err.flush();
}

/// Raw mode for as long as it lives.
struct Raw;

impl Raw {
    fn enter() -> Result<Raw, PromptError> {
        install_panic_hook();
        terminal::enable_raw_mode().map_err(failed)?;
        Ok(Raw)
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves raw mode and shows the cursor, if a prompt had taken the terminal; otherwise does
/// nothing (and writes nothing). Safe to call from any thread, any number of times.
pub fn restore() {
    if terminal::is_raw_mode_enabled().unwrap_or(false) {
        let _ = terminal::disable_raw_mode();
        let mut out = Vec::new();
        let _ = queue!(out, cursor::Show);
        write_out(&out);
    }
}

/// A panic while a prompt waits leaves the terminal as it found it before the message prints.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// What a prompt waits for.
enum Input {
    Key(crossterm::event::KeyEvent),
    Resize,
}

fn next_input() -> Result<Input, PromptError> {
    loop {
        match event::read().map_err(failed)? {
            Event::Key(key) if key.kind != KeyEventKind::Release => return Ok(Input::Key(key)),
            Event::Resize(..) => return Ok(Input::Resize),
            _ => {}
        }
    }
}

/// Throws away keys typed before the prompt was shown, so that no key meant for one question
/// answers the next; a Ctrl-C among them still stops.
fn drain() -> Result<(), PromptError> {
    while event::poll(Duration::ZERO).map_err(failed)? {
        if let Event::Key(key) = event::read().map_err(failed)? {
            if widget::is_ctrl_c(&key) {
                return Err(PromptError::Interrupted);
            }
        }
    }
    Ok(())
}

/// A terminal that went away (end of input, a broken pipe, EIO after a hang-up) counts as an
/// interruption: the answers are saved and the person is told how to resume.
fn failed(io: io::Error) -> PromptError {
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

impl Prompter for TerminalPrompter {
    fn section(
        &mut self,
        title: &str,
        position: Option<(usize, usize)>,
        answered: usize,
        total: usize,
    ) {
        self.settle();
        let term = Term::stderr();
        let place = position
            .map(|(i, n)| format!("{i} of {n} · "))
            .unwrap_or_default();
        let _ = term.write_line("");
        let _ = term.write_line(
            &style(format!("── {place}{title} ──"))
                .bold()
                .force_styling(self.look.color)
                .to_string(),
        );
        // A bar drawn once and left in place: it never redraws over a prompt.
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        if let Ok(bar_style) = ProgressStyle::with_template("{bar:30} {pos}/{len} answered") {
            bar.set_style(bar_style.progress_chars("█▓░"));
        }
        bar.set_position(answered as u64);
        if bar.is_hidden() {
            let _ = term.write_line(&format!("{answered}/{total} answered"));
        } else {
            bar.abandon();
            // The bar leaves the cursor at its end: the prompt starts below it.
            let _ = term.write_line("");
        }
    }

    fn select(&mut self, ask: &Ask, default: Option<usize>) -> Prompted<usize> {
        let mut list = List::one(ask.options.len(), default);
        Ok(match self.run_list(ask, &mut list)? {
            Nav::Answer(picked) => {
                let i = picked.first().copied().unwrap_or(list.cursor);
                self.keep(ask, &[ask.options[i].clone()]);
                Nav::Answer(i)
            }
            Nav::Back => Nav::Back,
        })
    }

    fn multi(&mut self, ask: &Ask, defaults: &[bool]) -> Prompted<Vec<usize>> {
        let mut list = List::many(ask.options.len(), defaults);
        Ok(match self.run_list(ask, &mut list)? {
            Nav::Answer(picked) => {
                let names: Vec<String> = if picked.is_empty() {
                    vec!["none".into()]
                } else {
                    picked.iter().map(|i| ask.options[*i].clone()).collect()
                };
                self.keep(ask, &names);
                Nav::Answer(picked)
            }
            Nav::Back => Nav::Back,
        })
    }

    fn yes_no(&mut self, ask: &Ask, default: Option<bool>) -> Prompted<bool> {
        let mut line = Line::yes_no(default);
        Ok(match self.run_line(ask, &mut line, "")? {
            Nav::Answer(typed) => {
                let yes = typed == Typed::Yes(true);
                self.keep(ask, &[if yes { "yes" } else { "no" }.to_string()]);
                Nav::Answer(yes)
            }
            Nav::Back => Nav::Back,
        })
    }

    fn number(
        &mut self,
        ask: &Ask,
        range: (f64, f64),
        unit: Option<&str>,
        default: Option<f64>,
    ) -> Prompted<f64> {
        let span = super::range_text(range, unit);
        let mut line = Line::number(range, default.map(format_number));
        Ok(match self.run_line(ask, &mut line, &span)? {
            Nav::Answer(Typed::Number(n)) => {
                let unit = unit
                    .map(|u| format!(" {}", crate::answers::unit_after(n, u)))
                    .unwrap_or_default();
                self.keep(ask, &[format!("{}{unit}", format_number(n))]);
                Nav::Answer(n)
            }
            Nav::Answer(Typed::Yes(_)) => {
                return Err(PromptError::Failed(
                    "a number prompt answered yes or no".into(),
                ))
            }
            Nav::Back => Nav::Back,
        })
    }

    fn say(&mut self, text: &str) {
        self.settle();
        let (width, _) = size();
        let _ = Term::stderr().write_line(&wrap(text, widget::room(width), ""));
    }
}
