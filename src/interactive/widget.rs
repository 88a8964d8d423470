//! What the terminal prompts show and how they answer keys, with no terminal attached: a list
//! (one or several options) and a line (a number, or yes or no).
//!
//! [`super::terminal`] feeds keys in and draws the lines these return. Keeping the two apart
//! lets the unit tests below check layout at any size and every key without a terminal.
//!
//! Every text from the pack goes through [`crate::text::wrap`], which cleans it; the rest
//! (counters, hints) is ours.

use console::{measure_text_width, style};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Ask;
use crate::text::wrap;

/// What a key did to a prompt.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome<T> {
    /// Still asking: draw again.
    Continue,
    /// Answered.
    Done(T),
    /// Esc (or `b` typed where text is typed): back to the previous question.
    Back,
    /// Ctrl-C.
    Interrupt,
}

/// Ctrl-C, which reaches a prompt as a key while the terminal is in raw mode.
pub fn is_ctrl_c(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('C'))
}

/// How text is styled: bold and dim only with colour on (NO_COLOR turns both off).
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub color: bool,
}

impl Look {
    fn bold(self, text: &str) -> String {
        style(text).bold().force_styling(self.color).to_string()
    }

    fn dim(self, text: &str) -> String {
        style(text).dim().force_styling(self.color).to_string()
    }

    fn strong(self, text: &str) -> String {
        style(text)
            .cyan()
            .bold()
            .force_styling(self.color)
            .to_string()
    }

    fn warn(self, text: &str) -> String {
        style(text).yellow().force_styling(self.color).to_string()
    }
}

/// The columns text may use: one short of the terminal's width, so no line ever reaches the
/// last column (where terminals wrap on their own and redraws lose count).
pub fn room(width: usize) -> usize {
    width.saturating_sub(1).max(20)
}

/// `text` wrapped to `width` and cleaned, as lines.
fn lines_of(text: &str, width: usize, indent: &str) -> Vec<String> {
    wrap(text, width, indent)
        .lines()
        .map(String::from)
        .collect()
}

/// The question after a blank line: counter and prompt in bold, then the one-line help,
/// dimmed.
pub fn head(ask: &Ask, width: usize, look: Look, with_help: bool) -> Vec<String> {
    let text = if ask.counter.is_empty() {
        ask.prompt.to_string()
    } else {
        format!("{} {}", ask.counter, ask.prompt)
    };
    let mut out = vec![String::new()];
    out.extend(
        lines_of(&text, room(width), "")
            .iter()
            .map(|l| look.bold(l)),
    );
    if with_help {
        if let Some(help) = ask.help {
            out.extend(lines_of(help, room(width), "").iter().map(|l| look.dim(l)));
        }
    }
    out
}

/// What stays on screen once a prompt is answered: the question and the answer.
pub fn answered(ask: &Ask, answers: &[String], width: usize, look: Look) -> Vec<String> {
    let mut out = head(ask, width, look, false);
    for answer in answers {
        out.extend(
            lines_of(&format!("→ {answer}"), room(width), "  ")
                .iter()
                .map(|l| look.dim(l)),
        );
    }
    out
}

/// A hint line of keys, wrapped and dimmed.
fn hint(text: &str, width: usize, look: Look) -> Vec<String> {
    lines_of(text, room(width), "")
        .iter()
        .map(|l| look.dim(l))
        .collect()
}

/// A list of options: one to choose, or any number to tick.
#[derive(Debug, Clone)]
pub struct List {
    pub cursor: usize,
    /// Ticks, for a list where several may be chosen.
    pub ticks: Option<Vec<bool>>,
    /// First option shown when the list is taller than the screen.
    top: usize,
    /// Last option shown at the latest layout (for PgDn), exclusive.
    end: usize,
    /// Digits typed so far: "1" then "2" moves to option 12.
    digits: String,
    note: Option<String>,
    len: usize,
}

impl List {
    /// Pick one of `len`, starting at `default`.
    pub fn one(len: usize, default: Option<usize>) -> Self {
        List::new(len, default.filter(|d| *d < len).unwrap_or(0), None)
    }

    /// Tick any of `len`, with `defaults` ticked; the cursor starts on the first tick.
    pub fn many(len: usize, defaults: &[bool]) -> Self {
        let ticks: Vec<bool> = (0..len)
            .map(|i| defaults.get(i).copied().unwrap_or(false))
            .collect();
        let cursor = ticks.iter().position(|t| *t).unwrap_or(0);
        List::new(len, cursor, Some(ticks))
    }

    fn new(len: usize, cursor: usize, ticks: Option<Vec<bool>>) -> Self {
        List {
            cursor,
            ticks,
            top: 0,
            end: len,
            digits: String::new(),
            note: None,
            len,
        }
    }

    /// The options ticked, in order.
    pub fn picked(&self) -> Vec<usize> {
        self.ticks
            .iter()
            .flatten()
            .enumerate()
            .filter(|(_, t)| **t)
            .map(|(i, _)| i)
            .collect()
    }

    /// Reacts to one key. The index chosen (pick one) or the ticked ones (pick many).
    pub fn key(&mut self, key: &KeyEvent, can_go_back: bool) -> Outcome<Vec<usize>> {
        if is_ctrl_c(key) {
            return Outcome::Interrupt;
        }
        let last = self.len.saturating_sub(1);
        self.note = None;
        if let KeyCode::Char(d) = key.code {
            if d.is_ascii_digit() && !key.modifiers.contains(KeyModifiers::CONTROL) {
                self.digit(d);
                return Outcome::Continue;
            }
        }
        self.digits.clear();
        match key.code {
            KeyCode::Up => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Down => self.cursor = (self.cursor + 1).min(last),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = last,
            KeyCode::PageDown => {
                // The option after the last one shown, at the top of the next page.
                let next = self.end.min(last).max(self.cursor + 1).min(last);
                self.cursor = next;
                self.top = next;
            }
            KeyCode::PageUp => {
                // The option before the first one shown, at the bottom of the page before.
                self.cursor = self.top.saturating_sub(1).min(self.cursor);
                self.top = usize::MAX;
            }
            KeyCode::Char(' ') => match &mut self.ticks {
                Some(ticks) => ticks[self.cursor] = !ticks[self.cursor],
                None => self.note = Some("Enter chooses the option marked ❯".into()),
            },
            KeyCode::Enter if self.len == 0 && self.ticks.is_none() => {
                self.note = Some("There is nothing to choose.".into())
            }
            KeyCode::Enter => {
                return Outcome::Done(match &self.ticks {
                    Some(_) => self.picked(),
                    None => vec![self.cursor],
                })
            }
            KeyCode::Esc if can_go_back => return Outcome::Back,
            KeyCode::Esc => self.note = Some("There is no earlier question.".into()),
            _ => {}
        }
        Outcome::Continue
    }

    fn digit(&mut self, d: char) {
        let joined = format!("{}{d}", self.digits);
        let fits = |text: &str| {
            text.parse::<usize>()
                .ok()
                .filter(|n| (1..=self.len).contains(n))
        };
        if let Some(n) = fits(&joined) {
            self.digits = joined;
            self.cursor = n - 1;
        } else if let Some(n) = fits(&d.to_string()) {
            self.digits = d.to_string();
            self.cursor = n - 1;
        } else {
            self.digits.clear();
            self.note = Some(format!(
                "There is no option {joined}: type 1 to {}.",
                self.len
            ));
        }
    }

    /// The lines to draw for `ask` in a terminal of `width` × `height`: the question, the
    /// options (wrapped, each shown whole once; paged when they do not all fit) and the keys.
    pub fn layout(&mut self, ask: &Ask, width: usize, height: usize, look: Look) -> Vec<String> {
        let text_room = room(width);
        let mut lines = head(ask, width, look, true);
        let many = self.ticks.is_some();
        let back = if ask.can_go_back {
            " · Esc goes back"
        } else {
            ""
        };
        let mut footer = if many {
            let mut f = hint(
                "Space ticks or unticks · Enter confirms (Enter with none ticked: none)",
                width,
                look,
            );
            f.extend(hint(
                &format!("↑↓ or a number moves{back} · Ctrl-C saves and quits"),
                width,
                look,
            ));
            f
        } else {
            hint(
                &format!("↑↓ or a number moves · Enter chooses{back} · Ctrl-C saves and quits"),
                width,
                look,
            )
        };
        if let Some(note) = &self.note {
            footer.insert(0, look.warn(note));
        }

        // Each option wrapped beside its marker, number and tick box.
        let number_width = self.len.to_string().len();
        let prefix = 2 + number_width + 2 + if many { 4 } else { 0 };
        let bodies: Vec<Vec<String>> = ask
            .options
            .iter()
            .map(|o| lines_of(o, text_room.saturating_sub(prefix).max(10), ""))
            .collect();
        let heights: Vec<usize> = bodies.iter().map(|b| b.len().max(1)).collect();

        // Rows left for options: the screen less the question, the keys and one spare row.
        let fixed = lines.len() + footer.len() + 1;
        let room_all = height.saturating_sub(fixed).max(1);
        let total: usize = heights.iter().sum();
        let paged = total > room_all;
        let pager = |top: usize, end: usize| {
            hint(
                &format!(
                    "Options {}–{} of {} shown · PgUp PgDn Home End",
                    top + 1,
                    end,
                    self.len
                ),
                width,
                look,
            )
        };
        let pager_rows = pager(self.len, self.len).len();
        let rows = if paged {
            room_all.saturating_sub(pager_rows).max(1)
        } else {
            room_all
        };
        let (top, end) = if paged {
            window(&heights, self.cursor, self.top, rows)
        } else {
            (0, self.len)
        };
        self.top = top;
        self.end = end;

        let mut shown = 0;
        for (i, body) in bodies.iter().enumerate().take(end).skip(top) {
            let here = i == self.cursor;
            let marker = if here { "❯ " } else { "  " };
            let tick = match &self.ticks {
                Some(t) if t[i] => "[x] ",
                Some(_) => "[ ] ",
                None => "",
            };
            let number = format!("{:>number_width$}. ", i + 1);
            let pad = " ".repeat(prefix);
            for (j, line) in body.iter().enumerate() {
                if shown >= rows {
                    break;
                }
                let text = if j == 0 {
                    format!("{marker}{tick}{number}{line}")
                } else {
                    format!("{pad}{line}")
                };
                lines.push(if here { look.strong(&text) } else { text });
                shown += 1;
            }
        }
        if paged {
            lines.extend(pager(top, end));
        }
        lines.extend(footer);
        lines
    }
}

/// The options `top..end` to show so that `cursor` is among them within `rows` rows: the
/// window moves only as far as it must. `top` of `usize::MAX` puts the cursor last (PgUp).
fn window(heights: &[usize], cursor: usize, top: usize, rows: usize) -> (usize, usize) {
    let len = heights.len();
    if len == 0 {
        return (0, 0);
    }
    let cursor = cursor.min(len - 1);
    // A top past the cursor asks for the cursor to end the page (PgUp): fill upwards.
    let end_at_cursor = top == usize::MAX;
    let mut top = top.min(cursor);
    if end_at_cursor {
        let mut used = heights[cursor];
        while top > 0 && used + heights[top - 1] <= rows {
            top -= 1;
            used += heights[top];
        }
    }
    // Move the top down until the cursor fits.
    while top < cursor && heights[top..=cursor].iter().sum::<usize>() > rows {
        top += 1;
    }
    let mut used: usize = heights[top..=cursor].iter().sum();
    let mut end = cursor + 1;
    while end < len && used + heights[end] <= rows {
        used += heights[end];
        end += 1;
    }
    // At the end of the list, use the spare rows for options above.
    while top > 0 && used + heights[top - 1] <= rows {
        top -= 1;
        used += heights[top];
    }
    (top, end)
}

/// What a line prompt reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LineKind {
    YesNo { default: Option<bool> },
    Number { min: f64, max: f64 },
}

/// A typed answer: y or n then Enter, or a number then Enter.
#[derive(Debug, Clone)]
pub struct Line {
    pub kind: LineKind,
    pub buffer: String,
    /// The earlier answer, which Enter keeps ("40", "yes").
    pub default: Option<String>,
    note: Option<String>,
}

/// A line prompt's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed {
    Yes(bool),
    Number(f64),
}

impl Line {
    pub fn yes_no(default: Option<bool>) -> Self {
        Line {
            kind: LineKind::YesNo { default },
            buffer: String::new(),
            default: default.map(|d| if d { "yes" } else { "no" }.to_string()),
            note: None,
        }
    }

    pub fn number(range: (f64, f64), default: Option<String>) -> Self {
        Line {
            kind: LineKind::Number {
                min: range.0,
                max: range.1,
            },
            buffer: String::new(),
            default,
            note: None,
        }
    }

    /// Reacts to one key; `span` is the range as words ("0 to 600 months").
    pub fn key(&mut self, key: &KeyEvent, can_go_back: bool, span: &str) -> Outcome<Typed> {
        if is_ctrl_c(key) {
            return Outcome::Interrupt;
        }
        self.note = None;
        let control = key.modifiers.contains(KeyModifiers::CONTROL);
        match (key.code, self.kind) {
            (KeyCode::Esc, _) if can_go_back => return Outcome::Back,
            (KeyCode::Esc, _) => self.note = Some("There is no earlier question.".into()),
            (KeyCode::Backspace, _) => {
                self.buffer.pop();
                if matches!(self.kind, LineKind::YesNo { .. }) {
                    self.buffer.clear();
                }
            }
            (KeyCode::Char('u'), _) if control => self.buffer.clear(),
            (KeyCode::Char(c), LineKind::YesNo { .. }) if !control => {
                match c.to_ascii_lowercase() {
                    'y' => self.buffer = "yes".into(),
                    'n' => self.buffer = "no".into(),
                    _ => self.note = Some("Type y or n, then Enter.".into()),
                }
            }
            (KeyCode::Char(c), LineKind::Number { .. })
                if !control && !c.is_control() && self.buffer.chars().count() < 24 =>
            {
                self.buffer.push(c);
            }
            (KeyCode::Enter, LineKind::YesNo { default }) => {
                return match (self.buffer.as_str(), default) {
                    ("yes", _) => Outcome::Done(Typed::Yes(true)),
                    ("no", _) => Outcome::Done(Typed::Yes(false)),
                    (_, Some(d)) => Outcome::Done(Typed::Yes(d)),
                    _ => {
                        self.note = Some("Type y or n, then Enter.".into());
                        Outcome::Continue
                    }
                };
            }
            (KeyCode::Enter, LineKind::Number { min, max }) => {
                let text = self.buffer.trim().to_string();
                if can_go_back && matches!(text.as_str(), "b" | "B") {
                    return Outcome::Back;
                }
                let text = match (&self.default, text.is_empty()) {
                    (Some(d), true) => d.clone(),
                    _ => text,
                };
                match text.parse::<f64>() {
                    Ok(n) if n.is_finite() && n >= min && n <= max => {
                        return Outcome::Done(Typed::Number(n))
                    }
                    Ok(_) => self.note = Some(format!("Outside the range: give {span}.")),
                    Err(_) if text.is_empty() => self.note = Some(format!("Give {span}.")),
                    Err(_) => self.note = Some(format!("Not a number: give {span}.")),
                }
            }
            _ => {}
        }
        Outcome::Continue
    }

    /// The lines to draw: the question, what to type, any note, then the line typed in, last,
    /// so the cursor rests at its end.
    pub fn layout(&self, ask: &Ask, span: &str, width: usize, look: Look) -> Vec<String> {
        let mut lines = head(ask, width, look, true);
        let keep = self
            .default
            .as_ref()
            .map(|d| format!(" · Enter keeps {d}"))
            .unwrap_or_default();
        let (what, back) = match self.kind {
            LineKind::YesNo { .. } => ("y or n, then Enter".to_string(), "Esc goes back · "),
            LineKind::Number { .. } => (
                format!("A number from {span}, then Enter"),
                "Esc or b goes back · ",
            ),
        };
        let back = if ask.can_go_back { back } else { "" };
        lines.extend(hint(&format!("{what}{keep}"), width, look));
        lines.extend(hint(&format!("{back}Ctrl-C saves and quits"), width, look));
        if let Some(note) = &self.note {
            lines.extend(lines_of(note, room(width), "").iter().map(|l| look.warn(l)));
        }
        // What was typed is shown cleaned and cut to fit one line: it is never pack text.
        let typed: String = crate::text::one_line(&self.buffer)
            .chars()
            .take(room(width).saturating_sub(4))
            .collect();
        lines.push(format!("{} {typed}", look.strong("›")));
        lines
    }
}

/// The rows `lines` take on a terminal `width` columns wide that wraps what is too long.
pub fn rows(lines: &[String], width: usize) -> usize {
    let width = width.max(1);
    lines
        .iter()
        .map(|l| measure_text_width(l).max(1).div_ceil(width))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEvent;

    const PLAIN: Look = Look { color: false };

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ask<'a>(prompt: &'a str, options: Vec<String>) -> Ask<'a> {
        Ask {
            counter: "[3/9]".into(),
            prompt,
            options,
            can_go_back: true,
            help: Some("What counts: only paid work."),
        }
    }

    fn long_options(n: usize) -> Vec<String> {
        (1..=n)
            .map(|i| {
                format!(
                    "Statement {i}: I have led a clinical go-live with super-users on every \
                     unit and a command centre open around the clock"
                )
            })
            .collect()
    }

    #[test]
    fn a_long_option_is_wrapped_whole_within_the_width() {
        let options = long_options(4);
        let a = ask("Which applies?", options.clone());
        let mut list = List::one(4, None);
        let lines = list.layout(&a, 80, 30, PLAIN);
        let screen = lines.join("\n");
        assert!(lines.iter().all(|l| measure_text_width(l) < 80), "{screen}");
        assert!(!screen.contains('…'), "{screen}");
        // Each option once, its words in order across its lines.
        let joined = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        for o in &options {
            assert_eq!(joined.matches(o.as_str()).count(), 1, "{o} in {screen}");
        }
        assert!(lines.iter().any(|l| l.starts_with("❯ 1. Statement 1")));
        assert!(lines.iter().any(|l| l.starts_with("  2. Statement 2")));
        assert!(lines.contains(&"What counts: only paid work.".to_string()));
    }

    #[test]
    fn a_list_taller_than_the_screen_is_paged_and_follows_the_cursor() {
        let options = long_options(30);
        let a = ask("Which applies?", options);
        let mut list = List::many(30, &[]);
        let lines = list.layout(&a, 80, 24, PLAIN);
        assert!(lines.len() < 24, "{}", lines.join("\n"));
        let pager = lines.iter().find(|l| l.starts_with("Options 1–")).unwrap();
        assert!(
            pager.ends_with("of 30 shown · PgUp PgDn Home End"),
            "{pager}"
        );
        // End shows the last option; PgUp goes back a page; Home to the first.
        list.key(&press(KeyCode::End), true);
        let lines = list.layout(&a, 80, 24, PLAIN);
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("❯ [ ] 30. Statement 30")),
            "{}",
            lines.join("\n")
        );
        assert!(lines
            .iter()
            .any(|l| l.ends_with("–30 of 30 shown · PgUp PgDn Home End")));
        let first_shown = list.top;
        list.key(&press(KeyCode::PageUp), true);
        list.layout(&a, 80, 24, PLAIN);
        assert_eq!(list.cursor, first_shown - 1);
        assert!(list.end == first_shown, "PgUp shows the page before");
        list.key(&press(KeyCode::Home), true);
        list.layout(&a, 80, 24, PLAIN);
        assert_eq!((list.cursor, list.top), (0, 0));
        // PgDn: the option after the last shown, at the top.
        let end = list.end;
        list.key(&press(KeyCode::PageDown), true);
        list.layout(&a, 80, 24, PLAIN);
        assert_eq!((list.cursor, list.top), (end, end));
    }

    #[test]
    fn digits_move_the_cursor_and_two_digits_reach_past_nine() {
        let mut list = List::one(15, None);
        list.key(&press(KeyCode::Char('3')), true);
        assert_eq!(list.cursor, 2);
        let mut list = List::one(15, None);
        list.key(&press(KeyCode::Char('1')), true);
        list.key(&press(KeyCode::Char('2')), true);
        assert_eq!(list.cursor, 11);
        // 123 is no option: 3 starts afresh.
        list.key(&press(KeyCode::Char('3')), true);
        assert_eq!(list.cursor, 2);
        let mut list = List::one(4, Some(1));
        list.key(&press(KeyCode::Char('9')), true);
        assert_eq!(list.cursor, 1, "no option 9: the cursor stays");
        assert_eq!(
            list.key(&press(KeyCode::Enter), true),
            Outcome::Done(vec![1])
        );
    }

    #[test]
    fn ticks_space_and_enter_with_none_ticked() {
        let mut list = List::many(3, &[false, true, false]);
        assert_eq!(list.cursor, 1, "the cursor starts on the first tick");
        list.key(&press(KeyCode::Char(' ')), true);
        assert_eq!(
            list.key(&press(KeyCode::Enter), true),
            Outcome::Done(vec![])
        );
        list.key(&press(KeyCode::Char('3')), true);
        list.key(&press(KeyCode::Char(' ')), true);
        list.key(&press(KeyCode::Home), true);
        list.key(&press(KeyCode::Char(' ')), true);
        assert_eq!(
            list.key(&press(KeyCode::Enter), true),
            Outcome::Done(vec![0, 2])
        );
        let a = ask("Which?", vec!["A".into(), "B".into(), "C".into()]);
        let screen = list.layout(&a, 80, 24, PLAIN).join("\n");
        assert!(screen.contains("❯ [x] 1. A"), "{screen}");
        assert!(screen.contains("  [ ] 2. B"), "{screen}");
        assert!(screen.contains("Enter with none ticked: none"), "{screen}");
    }

    #[test]
    fn esc_goes_back_only_where_there_is_somewhere_to_go() {
        let mut list = List::one(2, None);
        assert_eq!(list.key(&press(KeyCode::Esc), true), Outcome::Back);
        assert_eq!(list.key(&press(KeyCode::Esc), false), Outcome::Continue);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(list.key(&ctrl_c, true), Outcome::Interrupt);
        let mut line = Line::number((0.0, 10.0), None);
        assert_eq!(
            line.key(&press(KeyCode::Esc), true, "0 to 10"),
            Outcome::Back
        );
        assert_eq!(line.key(&ctrl_c, true, "0 to 10"), Outcome::Interrupt);
    }

    #[test]
    fn an_empty_list_answers_nothing() {
        let mut list = List::one(0, None);
        list.key(&press(KeyCode::Down), true);
        list.key(&press(KeyCode::PageDown), true);
        list.key(&press(KeyCode::End), true);
        assert_eq!(list.cursor, 0);
        assert_eq!(list.key(&press(KeyCode::Enter), true), Outcome::Continue);
        let a = ask("Nothing?", vec![]);
        assert!(list
            .layout(&a, 80, 24, PLAIN)
            .join("\n")
            .contains("nothing to choose"));
    }

    #[test]
    fn yes_or_no_needs_enter_and_enter_alone_needs_an_answer() {
        let mut line = Line::yes_no(None);
        assert_eq!(
            line.key(&press(KeyCode::Char('n')), true, ""),
            Outcome::Continue
        );
        assert_eq!(line.buffer, "no");
        assert_eq!(
            line.key(&press(KeyCode::Enter), true, ""),
            Outcome::Done(Typed::Yes(false))
        );
        let mut line = Line::yes_no(None);
        assert_eq!(
            line.key(&press(KeyCode::Enter), true, ""),
            Outcome::Continue
        );
        let a = ask("Done?", vec![]);
        let screen = line.layout(&a, "", 80, PLAIN).join("\n");
        assert!(screen.contains("Type y or n, then Enter."), "{screen}");
        let mut line = Line::yes_no(Some(true));
        assert_eq!(
            line.key(&press(KeyCode::Enter), true, ""),
            Outcome::Done(Typed::Yes(true)),
            "Enter keeps the earlier answer"
        );
    }

    #[test]
    fn numbers_are_checked_and_b_goes_back() {
        let span = "0 to 600 months";
        let mut line = Line::number((0.0, 600.0), Some("40".into()));
        assert_eq!(
            line.key(&press(KeyCode::Enter), true, span),
            Outcome::Done(Typed::Number(40.0))
        );
        for c in "900".chars() {
            line.key(&press(KeyCode::Char(c)), true, span);
        }
        assert_eq!(
            line.key(&press(KeyCode::Enter), true, span),
            Outcome::Continue
        );
        let a = ask("Months?", vec![]);
        let screen = line.layout(&a, span, 80, PLAIN).join("\n");
        assert!(screen.contains("Outside the range: give 0 to 600 months."));
        assert!(
            screen.contains("then Enter · Enter keeps 40\nEsc or b goes back"),
            "{screen}"
        );
        assert!(screen.ends_with("› 900"), "{screen}");
        let mut line = Line::number((0.0, 600.0), None);
        line.key(&press(KeyCode::Char('b')), true, span);
        assert_eq!(line.key(&press(KeyCode::Enter), true, span), Outcome::Back);
    }

    #[test]
    fn pack_text_is_cleaned_before_it_is_drawn() {
        let a = Ask {
            counter: String::new(),
            prompt: "Evil\u{1b}]0;title\u{7} prompt",
            options: vec!["Option\u{1b}[2J one".into()],
            can_go_back: false,
            help: Some("help\u{1b}[31m"),
        };
        let screen = List::one(1, None).layout(&a, 80, 24, PLAIN).join("\n");
        assert!(!screen.contains('\u{1b}'), "{screen:?}");
    }

    #[test]
    fn narrow_and_short_terminals_still_fit() {
        let a = ask("Which applies?", long_options(15));
        for (w, h) in [(40, 12), (60, 16), (80, 24), (120, 40)] {
            let mut list = List::many(15, &[]);
            let lines = list.layout(&a, w, h, Look { color: true });
            assert!(lines.len() < h, "{w}×{h}: {} lines", lines.len());
            assert!(
                lines.iter().all(|l| measure_text_width(l) < w),
                "{w}×{h}: {}",
                lines.join("\n")
            );
        }
    }

    #[test]
    fn rows_count_what_a_narrower_terminal_wraps() {
        let lines = vec!["x".repeat(79), String::new(), "y".repeat(30)];
        assert_eq!(rows(&lines, 80), 3);
        assert_eq!(rows(&lines, 40), 4);
    }
}
