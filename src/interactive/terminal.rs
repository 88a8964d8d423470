//! Prompts in a terminal, on stderr, drawn by dialoguer: ↑↓ and Enter in lists, Space to
//! tick, y or n then Enter, a number then Enter; Esc (or `b` then Enter where a number is
//! typed) goes back.
//!
//! Around dialoguer, only what a person needs and it cannot do:
//! - a frame above each prompt (progress bar, question, help, keys) that is erased with the
//!   prompt, so what stays on screen is each question and the answer given, and going back
//!   leaves no stray lines;
//! - long checklists asked part by part and long lists paged with "N more below", so that no
//!   option is answered unseen (see [`theme`]);
//! - a resize redraws the prompt at the next key on a clear screen;
//! - echo off and typed-ahead keys dropped ([`tty`]).

mod theme;
mod tty;

use std::sync::atomic::{AtomicBool, Ordering};

use console::Term;
use dialoguer::{Confirm, Input, MultiSelect, Select};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use self::theme::{lines_of, room, rows, Look, PromptTheme};
use super::{Ask, Nav, PromptError, Prompted, Prompter};
use crate::answers::format_number;

/// Whether a prompt may have hidden the cursor; only then does [`restore`] write the escape
/// that shows it again (plain mode writes no escape codes at all).
static CURSOR_HIDDEN: AtomicBool = AtomicBool::new(false);

/// Leaves the terminal as the run found it: its settings, and the cursor shown if a prompt
/// had hidden it. Safe from any thread (the Ctrl-C handler calls it), any number of times.
pub fn restore() {
    tty::restore();
    if CURSOR_HIDDEN.swap(false, Ordering::SeqCst) {
        let _ = Term::stderr().show_cursor();
    }
}

/// Prompts on stderr.
pub struct TerminalPrompter {
    term: Term,
    look: Look,
    /// Rows of the frame printed above what dialoguer draws (bar, question, help, keys).
    live: usize,
    /// Rows of each answered question printed since anything else was, latest last: going
    /// back erases the latest, so the question asked again takes its place.
    answered: Vec<usize>,
    /// The terminal's size (rows, columns) when those rows were counted.
    size: (u16, u16),
    /// The prompt on screen is drawn again after a resize: keys typed meanwhile are for it.
    redrawing: bool,
    _echo: tty::EchoOff,
}

impl TerminalPrompter {
    /// A prompter for the terminal on stderr; `color` false draws without colour or bold.
    pub fn new(color: bool) -> Self {
        CURSOR_HIDDEN.store(true, Ordering::SeqCst);
        install_panic_hook();
        let term = Term::stderr();
        let size = term.size();
        TerminalPrompter {
            term,
            look: Look { color },
            live: 0,
            answered: Vec::new(),
            size,
            redrawing: false,
            _echo: tty::EchoOff::new(),
        }
    }

    fn cols(&self) -> usize {
        self.size.1 as usize
    }

    /// Prints `lines` and returns the rows they took.
    fn print(&self, lines: &[String]) -> usize {
        for line in lines {
            let _ = self.term.write_line(line);
        }
        rows(lines, self.cols())
    }

    /// Erases the frame on screen, and with `also_answered` the answered question above it.
    /// After a resize the rows counted no longer hold (a terminal may re-wrap what it shows):
    /// the screen is cleared instead.
    fn erase(&mut self, also_answered: bool) {
        let mut up = std::mem::take(&mut self.live);
        if also_answered {
            up += self.answered.pop().unwrap_or(0);
        }
        if self.term.size() != self.size {
            self.clear_screen();
        } else {
            let _ = self.term.clear_last_lines(up);
        }
    }

    fn clear_screen(&mut self) {
        let _ = self.term.clear_screen();
        self.answered.clear();
        self.live = 0;
        self.size = self.term.size();
    }

    /// Other text is about to be printed: answered questions above it stay.
    fn settle(&mut self) {
        self.answered.clear();
    }

    /// The question, bold, after a blank line: counter and prompt.
    fn question(&self, ask: &Ask) -> Vec<String> {
        let text = if ask.counter.is_empty() {
            ask.prompt.to_string()
        } else {
            format!("{} {}", ask.counter, ask.prompt)
        };
        let mut lines = vec![String::new()];
        lines.extend(
            lines_of(&text, room(self.cols()), "")
                .iter()
                .map(|l| self.look.bold(l)),
        );
        lines
    }

    /// Dim lines of text, wrapped.
    fn dim(&self, text: &str) -> Vec<String> {
        lines_of(text, room(self.cols()), "")
            .iter()
            .map(|l| self.look.dim(l))
            .collect()
    }

    /// Draws the frame above a prompt: a blank line, the progress bar, the question, the help
    /// and `extra` lines. Keys typed before it shows are dropped first, unless it is the same
    /// prompt drawn again after a resize.
    fn begin(&mut self, ask: &Ask, extra: &[String]) {
        if !std::mem::take(&mut self.redrawing) {
            tty::drop_typed_ahead();
        }
        self.size = self.term.size();
        let mut lines = self.question(ask);
        let _ = self.term.write_line(&lines.remove(0));
        self.live = 1;
        if let Some((done, total)) = ask.progress {
            self.live += self.bar(done, total);
        }
        if let Some(help) = ask.help {
            lines.extend(self.dim(help));
        }
        lines.extend(extra.iter().cloned());
        self.live += self.print(&lines);
    }

    /// A bar of how many questions are done, drawn once and left in place: it is redrawn with
    /// each prompt (it never ticks over one). Returns the rows it took: none where indicatif
    /// draws nothing.
    fn bar(&self, done: usize, total: usize) -> usize {
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        if bar.is_hidden() {
            return 0;
        }
        let width = self.cols().saturating_sub(22).clamp(5, 30);
        let template = format!("{{bar:{width}}} {{pos}}/{{len}} done");
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style.progress_chars("█▓░"));
        }
        bar.set_position(done as u64);
        bar.abandon();
        // The bar leaves the cursor at its end: the next line starts below it.
        let _ = self.term.write_line("");
        1
    }

    /// Replaces the frame with the question and its answer, which stay on screen.
    fn keep(&mut self, ask: &Ask, answers: &[String]) {
        self.erase(false);
        let mut lines = self.question(ask);
        for answer in answers {
            lines.extend(
                lines_of(&format!("→ {answer}"), room(self.cols()), "  ")
                    .iter()
                    .map(|l| self.look.dim(l)),
            );
        }
        let rows = self.print(&lines);
        self.answered.push(rows);
    }

    /// Going back: the prompt and the answer it follows are erased, leaving no stray lines.
    fn back(&mut self) {
        self.erase(true);
    }

    /// The key hints of a list, wrapped and dimmed.
    fn list_keys(&self, ask: &Ask, many: bool, paged: bool, more_parts: bool) -> Vec<String> {
        let back = if ask.can_go_back {
            " · Esc goes back"
        } else {
            ""
        };
        let pages = if paged { " · ←→ pages" } else { "" };
        let mut lines = Vec::new();
        if many {
            let enter = if more_parts {
                "Enter goes on to the next ones"
            } else {
                "Enter confirms (none ticked: none)"
            };
            lines.extend(self.dim(&format!("Space ticks or unticks · {enter}")));
            lines.extend(self.dim(&format!("↑↓ moves{back} · Ctrl-C saves and quits")));
        } else {
            lines.extend(self.dim(&format!(
                "↑↓ moves{pages} · Enter chooses{back} · Ctrl-C saves and quits"
            )));
        }
        lines
    }

    /// The key hints of a typed answer: what to type, what Enter keeps, how to go back.
    fn line_keys(&self, ask: &Ask, what: &str, kept: Option<String>, back: &str) -> Vec<String> {
        let keep = kept
            .map(|k| format!(" · Enter keeps {k}"))
            .unwrap_or_default();
        let back = if ask.can_go_back {
            format!("{back} goes back · ")
        } else {
            String::new()
        };
        let mut lines = self.dim(&format!("{what}, then Enter{keep}"));
        lines.extend(self.dim(&format!("{back}Ctrl-C saves and quits")));
        lines
    }

    /// Rows left for options under a frame of `above` rows and above `below` rows of keys,
    /// with one spare: a frame as tall as the screen would scroll its first line away.
    fn room_for_options(&self, above: usize, below: usize) -> usize {
        (self.size.0 as usize)
            .saturating_sub(above + below + 1)
            .max(1)
    }

    /// Rows the frame above the options takes for `ask` (with `extra` lines).
    fn frame_rows(&self, ask: &Ask, extra: &[String]) -> usize {
        let mut lines = self.question(ask);
        if let Some(help) = ask.help {
            lines.extend(self.dim(help));
        }
        lines.extend(extra.iter().cloned());
        let bar = usize::from(ask.progress.is_some());
        rows(&lines, self.cols()) + bar
    }

    /// After dialoguer stopped for a resize: everything is drawn again on a clear screen.
    fn resized(&mut self) {
        self.clear_screen();
        self.redrawing = true;
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

/// What a dialoguer error means for the run (see `PromptError`'s `From<io::Error>`).
fn failed(error: dialoguer::Error) -> PromptError {
    let dialoguer::Error::IO(io) = error;
    io.into()
}

impl Prompter for TerminalPrompter {
    fn section(
        &mut self,
        title: &str,
        position: Option<(usize, usize)>,
        _answered: usize,
        _total: usize,
    ) {
        self.settle();
        let place = position
            .map(|(i, n)| format!("{i} of {n} · "))
            .unwrap_or_default();
        let heading = lines_of(&format!("── {place}{title} ──"), room(self.cols()), "");
        let _ = self.term.write_line("");
        for line in heading {
            let _ = self.term.write_line(&self.look.bold(&line));
        }
    }

    fn select(&mut self, ask: &Ask, default: Option<usize>) -> Prompted<usize> {
        if ask.options.is_empty() {
            return Err(PromptError::Failed("a list with nothing to choose".into()));
        }
        let mut cursor = default.unwrap_or(0).min(ask.options.len() - 1);
        loop {
            self.size = self.term.size();
            let heights = theme::option_heights(&ask.options, self.cols(), false);
            let above = self.frame_rows(ask, &[]);
            let mut keys = self.list_keys(ask, false, false, false);
            let mut page = theme::page_size(&heights, self.room_for_options(above, keys.len()));
            if page < ask.options.len() {
                keys = self.list_keys(ask, false, true, false);
                page = theme::page_size(&heights, self.room_for_options(above, keys.len()));
            }
            let theme = PromptTheme::list(self.look, self.size, ask.options.clone(), false, keys)
                .paged(page);
            self.begin(ask, &[]);
            let select = Select::with_theme(&theme)
                .items(theme.keys())
                .default(cursor)
                .max_length(page)
                .report(false);
            let chosen = if ask.can_go_back {
                select.interact_on_opt(&self.term)
            } else {
                select.interact_on(&self.term).map(Some)
            };
            match chosen {
                Ok(Some(i)) => {
                    self.keep(ask, &[ask.options[i].clone()]);
                    return Ok(Nav::Answer(i));
                }
                Ok(None) => {
                    self.back();
                    return Ok(Nav::Back);
                }
                Err(_) if theme.seen().resized => {
                    cursor = theme.seen().cursor.unwrap_or(cursor);
                    self.resized();
                }
                Err(e) => return Err(failed(e)),
            }
        }
    }

    fn multi(&mut self, ask: &Ask, defaults: &[bool]) -> Prompted<Vec<usize>> {
        let len = ask.options.len();
        let mut ticks: Vec<bool> = (0..len)
            .map(|i| defaults.get(i).copied().unwrap_or(false))
            .collect();
        // The first option of the part on screen.
        let mut first = 0;
        loop {
            self.size = self.term.size();
            let heights = theme::option_heights(&ask.options, self.cols(), true);
            let part_line = |k: usize, n: usize, range: &std::ops::Range<usize>| {
                self.dim(&format!(
                    "Part {} of {n}: statements {}–{} of {len}.",
                    k + 1,
                    range.start + 1,
                    range.end
                ))
            };
            let keys_rows = self.list_keys(ask, true, false, false).len();
            let above = self.frame_rows(ask, &[]);
            let mut parts = theme::parts(&heights, self.room_for_options(above, keys_rows));
            if parts.len() > 1 {
                // The line that says which part is shown takes room too.
                let above = self.frame_rows(ask, &part_line(0, parts.len(), &parts[0]));
                parts = theme::parts(&heights, self.room_for_options(above, keys_rows));
            }
            let k = parts.iter().position(|r| r.contains(&first)).unwrap_or(0);
            let range = parts[k].clone();
            let last = k + 1 == parts.len();
            let extra = if parts.len() > 1 {
                part_line(k, parts.len(), &range)
            } else {
                Vec::new()
            };
            let keys = self.list_keys(ask, true, false, !last);
            let theme = PromptTheme::list(
                self.look,
                self.size,
                ask.options[range.clone()].to_vec(),
                true,
                keys,
            );
            self.begin(ask, &extra);
            let chosen = MultiSelect::with_theme(&theme)
                .items(theme.keys())
                .defaults(&ticks[range.clone()])
                .max_length(range.len())
                .report(false)
                .interact_on_opt(&self.term);
            match chosen {
                Ok(Some(picked)) => {
                    for (j, tick) in ticks[range.clone()].iter_mut().enumerate() {
                        *tick = picked.contains(&j);
                    }
                    if !last {
                        self.erase(false);
                        first = range.end;
                        continue;
                    }
                    let picked: Vec<usize> = (0..len).filter(|&i| ticks[i]).collect();
                    let names: Vec<String> = if picked.is_empty() {
                        vec!["none".into()]
                    } else {
                        picked.iter().map(|&i| ask.options[i].clone()).collect()
                    };
                    self.keep(ask, &names);
                    return Ok(Nav::Answer(picked));
                }
                Ok(None) => {
                    // Esc: the ticks of this part are kept for when it is shown again.
                    let seen = theme.seen();
                    for (j, tick) in ticks[range.clone()].iter_mut().enumerate() {
                        if let Some(Some(t)) = seen.ticks.get(j) {
                            *tick = *t;
                        }
                    }
                    if k > 0 {
                        self.erase(false);
                        first = parts[k - 1].start;
                    } else if ask.can_go_back {
                        self.back();
                        return Ok(Nav::Back);
                    } else {
                        self.erase(false);
                    }
                }
                Err(_) if theme.seen().resized => {
                    let seen = theme.seen();
                    for (j, tick) in ticks[range.clone()].iter_mut().enumerate() {
                        if let Some(Some(t)) = seen.ticks.get(j) {
                            *tick = *t;
                        }
                    }
                    first = range.start + seen.cursor.unwrap_or(0);
                    self.resized();
                }
                Err(e) => return Err(failed(e)),
            }
        }
    }

    fn yes_no(&mut self, ask: &Ask, default: Option<bool>) -> Prompted<bool> {
        let mut value = default;
        let mut note: Option<&str> = None;
        loop {
            let kept = default.map(|d| if d { "yes" } else { "no" }.to_string());
            let mut extra = self.line_keys(ask, "y or n", kept, "Esc then Enter");
            if let Some(note) = note {
                extra.push(self.look.warn(note));
            }
            let theme = PromptTheme::line(self.look, self.term.size());
            self.begin(ask, &extra);
            let mut confirm = Confirm::with_theme(&theme)
                .wait_for_newline(true)
                .report(false);
            if let Some(v) = value {
                confirm = confirm.default(v);
            }
            let answer = if ask.can_go_back {
                confirm.interact_on_opt(&self.term)
            } else {
                confirm.interact_on(&self.term).map(Some)
            };
            match answer {
                Ok(Some(yes)) => {
                    self.keep(ask, &[if yes { "yes" } else { "no" }.to_string()]);
                    return Ok(Nav::Answer(yes));
                }
                // Esc empties the line; Enter on an empty line then goes back. Enter alone,
                // before anything was typed, asks again.
                Ok(None) if theme.seen().drawn > 1 => {
                    self.back();
                    return Ok(Nav::Back);
                }
                Ok(None) => {
                    self.erase(false);
                    note = Some("Type y or n, then Enter.");
                }
                Err(_) if theme.seen().resized => {
                    value = theme.seen().yes.or(value);
                    self.resized();
                }
                Err(e) => return Err(failed(e)),
            }
        }
    }

    fn number(
        &mut self,
        ask: &Ask,
        range: (f64, f64),
        unit: Option<&str>,
        default: Option<f64>,
    ) -> Prompted<f64> {
        let span = super::range_text(range, unit);
        let what = format!("A number from {span}");
        let extra = self.line_keys(ask, &what, default.map(format_number), "b then Enter");
        let theme = PromptTheme::line(self.look, self.term.size());
        self.begin(ask, &extra);
        let can_go_back = ask.can_go_back;
        let check = span.clone();
        let mut input = Input::<String>::with_theme(&theme)
            .report(false)
            .show_default(false)
            .validate_with(move |text: &String| -> Result<(), String> {
                let text = text.trim();
                if can_go_back && matches!(text, "b" | "B") {
                    return Ok(());
                }
                match text.parse::<f64>() {
                    Ok(n) if n.is_finite() && n >= range.0 && n <= range.1 => Ok(()),
                    Ok(_) => Err(format!("Outside the range: give {check}.")),
                    Err(_) => Err(format!("Not a number: give {check}.")),
                }
            });
        if let Some(d) = default {
            input = input.default(format_number(d));
        }
        let text = input.interact_text_on(&self.term).map_err(failed)?;
        let text = text.trim();
        if can_go_back && matches!(text, "b" | "B") {
            self.back();
            return Ok(Nav::Back);
        }
        let n = text
            .parse::<f64>()
            .map_err(|e| PromptError::Failed(e.to_string()))?;
        let unit = unit
            .map(|u| format!(" {}", crate::answers::unit_after(n, u)))
            .unwrap_or_default();
        self.keep(ask, &[format!("{}{unit}", format_number(n))]);
        Ok(Nav::Answer(n))
    }

    fn say(&mut self, text: &str) {
        self.settle();
        let cols = self.term.size().1 as usize;
        for line in lines_of(text, room(cols), "") {
            let _ = self.term.write_line(&line);
        }
    }
}
