//! Full-screen prompts with dialoguer: arrow keys, Esc to go back, a progress bar between
//! questions (never over one).

use console::{style, Term};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, Input, MultiSelect, Select};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{Ask, Nav, PromptError, Prompted, Prompter};
use crate::answers::format_number;
use crate::text::wrap;

/// Up to this many options, options too long for one line are printed in full above the
/// menu; longer lists are only paged through.
const FULL_TEXT_MAX_OPTIONS: usize = 8;

/// Prompts on stderr with dialoguer.
pub struct TerminalPrompter {
    term: Term,
    theme: Box<dyn Theme>,
    color: bool,
}

impl TerminalPrompter {
    /// A prompter for the terminal on stderr; `color` false gives the plain theme.
    pub fn new(color: bool) -> Self {
        let theme: Box<dyn Theme> = if color {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        };
        TerminalPrompter {
            term: Term::stderr(),
            theme,
            color,
        }
    }

    fn width(&self) -> usize {
        self.term
            .size_checked()
            .map_or(80, |(_, w)| w as usize)
            .clamp(40, 100)
    }

    /// Prints the question (wrapped) and, where options are too long for one line each,
    /// the full options numbered; returns the one-line labels for the menu.
    fn show(&self, ask: &Ask) -> Vec<String> {
        let width = self.width();
        let head = if ask.counter.is_empty() {
            ask.prompt.to_string()
        } else {
            format!("{} {}", ask.counter, ask.prompt)
        };
        let _ = self.term.write_line("");
        let _ = self
            .term
            .write_line(&self.bold(&wrap(&head, width - 1, "")));
        if let Some(help) = ask.help {
            let _ = self.term.write_line(&self.dim(&wrap(help, width - 1, "")));
        }
        let room = width.saturating_sub(6);
        let long = ask
            .options
            .iter()
            .any(|o| console::measure_text_width(o) > room);
        if !long {
            return ask.options.clone();
        }
        // A long list (the review) is a paged menu: printing it in full first would only
        // scroll the question off the screen.
        if ask.options.len() > FULL_TEXT_MAX_OPTIONS {
            return ask.options.iter().map(|o| truncate(o, room)).collect();
        }
        for (i, option) in ask.options.iter().enumerate() {
            let _ = self.term.write_line(&format!(
                "  {}. {}",
                i + 1,
                wrap(option, width - 6, "     ")
            ));
        }
        ask.options
            .iter()
            .enumerate()
            .map(|(i, o)| truncate(&format!("{}. {o}", i + 1), room))
            .collect()
    }

    fn bold(&self, text: &str) -> String {
        style(text).bold().force_styling(self.color).to_string()
    }

    fn dim(&self, text: &str) -> String {
        style(text).dim().force_styling(self.color).to_string()
    }

    /// Leaves the answer on screen once the menu is cleared away.
    fn echo(&self, answer: &str) {
        let width = self.width();
        let _ = self
            .term
            .write_line(&self.dim(&truncate(&format!("→ {answer}"), width - 1)));
    }
}

fn truncate(text: &str, room: usize) -> String {
    if console::measure_text_width(text) <= room {
        return text.to_string();
    }
    let mut out: String = text.chars().take(room.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Ctrl-C, and a terminal that went away (end of input, a broken pipe, EIO after a hang-up),
/// count as an interruption: the answers are saved and the person is told how to resume.
fn failed(error: dialoguer::Error) -> PromptError {
    use std::io::ErrorKind;
    let dialoguer::Error::IO(io) = error;
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
        let place = position
            .map(|(i, n)| format!("{i} of {n} · "))
            .unwrap_or_default();
        let _ = self.term.write_line("");
        let _ = self
            .term
            .write_line(&self.bold(&format!("── {place}{title} ──")));
        // A bar drawn once and left in place: it never redraws over a prompt.
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        if let Ok(bar_style) = ProgressStyle::with_template("{bar:30} {pos}/{len} answered") {
            bar.set_style(bar_style.progress_chars("█▓░"));
        }
        bar.set_position(answered as u64);
        if bar.is_hidden() {
            let _ = self
                .term
                .write_line(&format!("{answered}/{total} answered"));
        }
        bar.abandon();
        let _ = self
            .term
            .write_line(&self.dim("↑↓ move · Enter choose · Esc back · Ctrl-C saves and quits"));
    }

    fn select(&mut self, ask: &Ask, default: Option<usize>) -> Prompted<usize> {
        let labels = self.show(ask);
        loop {
            let chosen = Select::with_theme(self.theme.as_ref())
                .items(&labels)
                .default(default.unwrap_or(0))
                .max_length(12)
                .interact_on_opt(&self.term)
                .map_err(failed)?;
            match chosen {
                Some(i) => {
                    self.echo(&ask.options[i]);
                    return Ok(Nav::Answer(i));
                }
                None if ask.can_go_back => return Ok(Nav::Back),
                None => {}
            }
        }
    }

    fn multi(&mut self, ask: &Ask, defaults: &[bool]) -> Prompted<Vec<usize>> {
        let labels = self.show(ask);
        let _ = self
            .term
            .write_line(&self.dim("Space ticks an option · Enter confirms"));
        loop {
            let chosen = MultiSelect::with_theme(self.theme.as_ref())
                .items(&labels)
                .defaults(defaults)
                .max_length(12)
                .interact_on_opt(&self.term)
                .map_err(failed)?;
            match chosen {
                Some(picked) => {
                    let names: Vec<&str> =
                        picked.iter().map(|i| ask.options[*i].as_str()).collect();
                    self.echo(&if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join("; ")
                    });
                    return Ok(Nav::Answer(picked));
                }
                None if ask.can_go_back => return Ok(Nav::Back),
                None => {}
            }
        }
    }

    fn yes_no(&mut self, ask: &Ask, default: Option<bool>) -> Prompted<bool> {
        self.show(ask);
        loop {
            let mut confirm = Confirm::with_theme(self.theme.as_ref()).with_prompt("y or n");
            if let Some(d) = default {
                confirm = confirm.default(d);
            }
            match confirm.interact_on_opt(&self.term).map_err(failed)? {
                Some(b) => return Ok(Nav::Answer(b)),
                None if ask.can_go_back => return Ok(Nav::Back),
                None => {}
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
        self.show(ask);
        let span = super::range_text(range, unit);
        let back = if ask.can_go_back {
            ", b to go back"
        } else {
            ""
        };
        let can_go_back = ask.can_go_back;
        let mut input = Input::<String>::with_theme(self.theme.as_ref())
            .with_prompt(format!("A number from {span}{back}"))
            .validate_with(move |text: &String| -> Result<(), String> {
                let text = text.trim();
                if can_go_back && text == "b" {
                    return Ok(());
                }
                match text.parse::<f64>() {
                    Ok(n) if n.is_finite() && n >= range.0 && n <= range.1 => Ok(()),
                    Ok(_) => Err(format!("outside the range: give a number from {span}")),
                    Err(_) => Err(format!("not a number: give a number from {span}")),
                }
            });
        if let Some(d) = default {
            input = input.default(format_number(d));
        }
        let text = input.interact_text_on(&self.term).map_err(failed)?;
        let text = text.trim();
        if can_go_back && text == "b" {
            return Ok(Nav::Back);
        }
        text.parse::<f64>()
            .map(Nav::Answer)
            .map_err(|e| PromptError::Failed(e.to_string()))
    }

    fn say(&mut self, text: &str) {
        let width = self.width();
        let _ = self.term.write_line(&wrap(text, width - 1, ""));
    }
}
