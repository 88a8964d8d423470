//! Plain mode: one line per prompt, options numbered, answered by typing and Enter.
//!
//! No colour, no redraws, no cursor movement — it works with a screen reader, on a dumb
//! terminal, and with answers piped in.

use std::io::{BufRead, Write};

use super::{Ask, Nav, PromptError, Prompted, Prompter};
use crate::answers::format_number;
use crate::text::{escape, wrap};

/// The longest answer line read; the rest of a longer line is skipped, so piped input of
/// any size costs bounded memory.
const MAX_LINE: usize = 4096;

/// A prompter that reads lines from `input` and writes prompts to `output` (stderr).
pub struct PlainPrompter<R, W> {
    input: R,
    output: W,
    width: usize,
    echo: bool,
}

impl<R: BufRead, W: Write> PlainPrompter<R, W> {
    /// Prompts wrapped to `width` columns. With `echo`, each answer read is written after
    /// its prompt, so a transcript of piped input reads like a conversation.
    pub fn new(input: R, output: W, width: usize, echo: bool) -> Self {
        PlainPrompter {
            input,
            output,
            width: width.clamp(40, 100),
            echo,
        }
    }

    /// Writes a line with every control character shown escaped: the text may come from a
    /// rubric file (a number question's `unit`, say) or from the answers typed.
    fn line(&mut self, text: &str) {
        let _ = writeln!(self.output, "{}", escape(text));
    }

    fn show(&mut self, ask: &Ask) {
        let head = if ask.counter.is_empty() {
            ask.prompt.to_string()
        } else {
            format!("{} {}", ask.counter, ask.prompt)
        };
        let text = wrap(&head, self.width, "");
        self.line("");
        self.line(&text);
        if let Some(help) = ask.help {
            let help = wrap(help, self.width, "");
            self.line(&help);
        }
        let width = self.width;
        let numbered: Vec<String> = ask
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| format!("  {:>2}. {}", i + 1, wrap(o, width - 6, "      ")))
            .collect();
        for line in numbered {
            self.line(&line);
        }
    }

    /// Reads one answer line; `None` at end of input.
    fn read(&mut self, prompt: &str) -> Result<String, PromptError> {
        let _ = write!(self.output, "{} ", escape(prompt));
        let _ = self.output.flush();
        match self.read_line() {
            Ok(None) => Err(PromptError::Interrupted),
            Ok(Some(line)) => {
                let answer = line.trim().to_string();
                if self.echo {
                    self.line(&answer);
                }
                Ok(answer)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// One line of input, at most [`MAX_LINE`] bytes of it kept; bytes that are not UTF-8
    /// are replaced (the answer is then simply not valid). `None` at end of input.
    fn read_line(&mut self) -> std::io::Result<Option<String>> {
        let mut bytes = Vec::new();
        let mut got_any = false;
        loop {
            let chunk = self.input.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            got_any = true;
            let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
                Some(end) => (&chunk[..=end], true),
                None => (chunk, false),
            };
            let used = part.len();
            let room = MAX_LINE.saturating_sub(bytes.len());
            bytes.extend_from_slice(&part[..used.min(room)]);
            self.input.consume(used);
            if done {
                break;
            }
        }
        Ok(got_any.then(|| String::from_utf8_lossy(&bytes).into_owned()))
    }

    fn is_back(answer: &str, ask: &Ask) -> bool {
        ask.can_go_back && matches!(answer, "b" | "B" | "<" | "back")
    }

    fn back_hint(ask: &Ask) -> &'static str {
        if ask.can_go_back {
            ", b to go back"
        } else {
            ""
        }
    }
}

impl<R: BufRead, W: Write> Prompter for PlainPrompter<R, W> {
    fn section(
        &mut self,
        title: &str,
        position: Option<(usize, usize)>,
        answered: usize,
        total: usize,
    ) {
        let place = position
            .map(|(i, n)| format!("{i} of {n}: "))
            .unwrap_or_default();
        self.line("");
        self.line(&format!(
            "== {place}{title} ({answered} of {total} answered) =="
        ));
    }

    fn select(&mut self, ask: &Ask, default: Option<usize>) -> Prompted<usize> {
        self.show(ask);
        let keep = default
            .map(|d| format!(", Enter keeps {}", d + 1))
            .unwrap_or_default();
        loop {
            let prompt = format!(
                "Number 1-{}{}{keep}:",
                ask.options.len(),
                Self::back_hint(ask)
            );
            let answer = self.read(&prompt)?;
            if Self::is_back(&answer, ask) {
                return Ok(Nav::Back);
            }
            if answer.is_empty() {
                if let Some(d) = default {
                    return Ok(Nav::Answer(d));
                }
            }
            match answer.parse::<usize>() {
                Ok(n) if (1..=ask.options.len()).contains(&n) => return Ok(Nav::Answer(n - 1)),
                _ => self.line(&format!("Type a number from 1 to {}.", ask.options.len())),
            }
        }
    }

    fn multi(&mut self, ask: &Ask, defaults: &[bool]) -> Prompted<Vec<usize>> {
        self.show(ask);
        let kept: Vec<String> = defaults
            .iter()
            .enumerate()
            .filter(|(_, d)| **d)
            .map(|(i, _)| (i + 1).to_string())
            .collect();
        let keep = if kept.is_empty() {
            String::new()
        } else {
            format!(", Enter keeps {}", kept.join(","))
        };
        loop {
            let prompt = format!(
                "Numbers of all that apply, separated by commas (0 for none){}{keep}:",
                Self::back_hint(ask)
            );
            let answer = self.read(&prompt)?;
            if Self::is_back(&answer, ask) {
                return Ok(Nav::Back);
            }
            if answer.is_empty() && !kept.is_empty() {
                return Ok(Nav::Answer(
                    defaults
                        .iter()
                        .enumerate()
                        .filter(|(_, d)| **d)
                        .map(|(i, _)| i)
                        .collect(),
                ));
            }
            if answer == "0" {
                return Ok(Nav::Answer(vec![]));
            }
            let picked: Option<Vec<usize>> = answer
                .split([',', ' '])
                .filter(|s| !s.is_empty())
                .map(|s| {
                    s.parse::<usize>()
                        .ok()
                        .filter(|n| (1..=ask.options.len()).contains(n))
                        .map(|n| n - 1)
                })
                .collect();
            match picked {
                Some(mut p) if !p.is_empty() => {
                    p.sort_unstable();
                    p.dedup();
                    return Ok(Nav::Answer(p));
                }
                _ => self.line(&format!(
                    "Type numbers from 1 to {} separated by commas, or 0 for none.",
                    ask.options.len()
                )),
            }
        }
    }

    fn yes_no(&mut self, ask: &Ask, default: Option<bool>) -> Prompted<bool> {
        self.show(ask);
        let keep = match default {
            Some(true) => ", Enter keeps yes",
            Some(false) => ", Enter keeps no",
            None => "",
        };
        loop {
            let answer = self.read(&format!("y or n{}{keep}:", Self::back_hint(ask)))?;
            if Self::is_back(&answer, ask) {
                return Ok(Nav::Back);
            }
            match answer.to_ascii_lowercase().as_str() {
                "y" | "yes" => return Ok(Nav::Answer(true)),
                "n" | "no" => return Ok(Nav::Answer(false)),
                "" if default.is_some() => return Ok(Nav::Answer(default.unwrap_or(false))),
                _ => self.line("Type y for yes or n for no."),
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
        let keep = default
            .map(|d| format!(", Enter keeps {}", format_number(d)))
            .unwrap_or_default();
        loop {
            let answer = self.read(&format!(
                "A number from {span}{}{keep}:",
                Self::back_hint(ask)
            ))?;
            if Self::is_back(&answer, ask) {
                return Ok(Nav::Back);
            }
            if answer.is_empty() {
                if let Some(d) = default {
                    return Ok(Nav::Answer(d));
                }
            }
            match answer.parse::<f64>() {
                Ok(n) if n.is_finite() && n >= range.0 && n <= range.1 => {
                    return Ok(Nav::Answer(n))
                }
                Ok(_) => self.line(&format!(
                    "That is outside the range: give a number from {span}."
                )),
                Err(_) => self.line(&format!("That is not a number: give a number from {span}.")),
            }
        }
    }

    fn say(&mut self, text: &str) {
        let text = wrap(text, self.width, "");
        self.line(&text);
    }
}
