//! How the terminal prompts look: the dialoguer [`Theme`] that draws each option and each
//! typed line, and the arithmetic of what fits on the screen.
//!
//! dialoguer is handed each option's number, not its text: the theme wraps the text itself
//! at the width the terminal had when the prompt was drawn. Every row it draws is then a
//! line break dialoguer counts, so its redraws erase exactly what was drawn, whatever the
//! text's bytes (dialoguer would otherwise guess a long line's rows from its byte length).
//!
//! A resize makes those counts wrong for a terminal that re-wraps what it shows. So the
//! first redraw after one (at the next key) stops the prompt with a formatting error, which
//! dialoguer passes back, and the prompter draws it again on a clear screen, where the
//! cursor, the ticks and the yes or no given so far are kept: [`Seen`] is what the theme saw
//! of them, the key that woke the redraw included.

use std::cell::RefCell;
use std::fmt;

use console::{measure_text_width, style, Term};
use dialoguer::theme::Theme;

use crate::text::wrap;

/// How text is styled: bold, dim and colour only with colour on (NO_COLOR turns them off).
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub color: bool,
}

impl Look {
    pub fn bold(self, text: &str) -> String {
        style(text).bold().force_styling(self.color).to_string()
    }

    pub fn dim(self, text: &str) -> String {
        style(text).dim().force_styling(self.color).to_string()
    }

    pub fn strong(self, text: &str) -> String {
        style(text)
            .cyan()
            .bold()
            .force_styling(self.color)
            .to_string()
    }

    pub fn warn(self, text: &str) -> String {
        style(text).yellow().force_styling(self.color).to_string()
    }
}

/// The columns text may use: one short of the terminal's width, so no line ever reaches the
/// last column (where terminals wrap on their own and the count of rows is lost).
pub fn room(cols: usize) -> usize {
    cols.saturating_sub(1).max(20)
}

/// `text` escaped and wrapped within `width` columns, as lines.
pub fn lines_of(text: &str, width: usize, indent: &str) -> Vec<String> {
    wrap(text, width, indent)
        .lines()
        .map(String::from)
        .collect()
}

/// The rows `lines` take on a terminal `cols` wide that wraps what is too long.
pub fn rows(lines: &[String], cols: usize) -> usize {
    let cols = cols.max(1);
    lines
        .iter()
        .map(|l| measure_text_width(l).max(1).div_ceil(cols))
        .sum()
}

/// What the theme saw of a prompt when it last drew it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seen {
    /// The option under the cursor.
    pub cursor: Option<usize>,
    /// The ticks of the options drawn (a list where several may be chosen).
    pub ticks: Vec<Option<bool>>,
    /// The yes or no shown, and how many times the line was drawn.
    pub yes: Option<bool>,
    pub drawn: usize,
    /// The terminal changed size: the prompt stopped to be drawn again.
    pub resized: bool,
}

/// The theme of one prompt, drawn for a terminal of `size` (rows, columns).
pub struct PromptTheme {
    look: Look,
    size: (u16, u16),
    /// The options of a list, in order.
    options: Vec<String>,
    /// Whether options have tick boxes.
    many: bool,
    /// Options per page of a long list (dialoguer's pages are this many options each).
    page: usize,
    /// Lines after the last option shown: the keys.
    footer: Vec<String>,
    seen: RefCell<Seen>,
}

impl PromptTheme {
    /// The theme of a typed line (yes or no, a number).
    pub fn line(look: Look, size: (u16, u16)) -> Self {
        PromptTheme::list(look, size, Vec::new(), false, Vec::new())
    }

    /// The theme of a list of `options`, with tick boxes when `many`; `footer` follows it.
    pub fn list(
        look: Look,
        size: (u16, u16),
        options: Vec<String>,
        many: bool,
        footer: Vec<String>,
    ) -> Self {
        let page = options.len().max(1);
        PromptTheme {
            look,
            size,
            options,
            many,
            page,
            footer,
            seen: RefCell::new(Seen::default()),
        }
    }

    /// Pages the list `page` options at a time.
    pub fn paged(mut self, page: usize) -> Self {
        self.page = page.max(1);
        self
    }

    pub fn seen(&self) -> Seen {
        self.seen.borrow().clone()
    }

    /// The keys dialoguer is given for the options: their numbers.
    pub fn keys(&self) -> Vec<String> {
        (0..self.options.len()).map(|i| i.to_string()).collect()
    }

    fn cols(&self) -> usize {
        self.size.1 as usize
    }

    /// Whether the terminal no longer has the size the prompt was drawn for (and noted so).
    fn resized(&self) -> bool {
        let resized = Term::stderr().size() != self.size;
        if resized {
            self.seen.borrow_mut().resized = true;
        }
        resized
    }

    /// The rows of option `i`: a marker, a tick box, the text wrapped beside them.
    pub fn option_lines(&self, i: usize, active: bool, ticked: Option<bool>) -> Vec<String> {
        option_lines(
            &self.options[i],
            self.cols(),
            self.many,
            active,
            ticked,
            self.look,
        )
    }

    /// Option `i` with what goes around it on a page: how many are above the first one shown,
    /// how many below the last, and the keys after the last.
    fn item(&self, i: usize, active: bool, ticked: Option<bool>) -> String {
        let len = self.options.len();
        let paged = len > self.page;
        let first = i.is_multiple_of(self.page);
        let last = i % self.page == self.page - 1 || i + 1 == len;
        let mut lines = Vec::new();
        if paged && first && i > 0 {
            lines.push(
                self.look
                    .dim(&format!("  ↑ {i} more above (← for the page before)")),
            );
        }
        lines.extend(self.option_lines(i, active, ticked));
        if last {
            if paged && i + 1 < len {
                lines.push(self.look.dim(&format!(
                    "  ↓ {} more below (→ for the next page)",
                    len - i - 1
                )));
            }
            lines.extend(self.footer.iter().cloned());
        }
        lines.join("\n")
    }

    fn record(&self, i: usize, active: bool, ticked: Option<bool>) {
        let mut seen = self.seen.borrow_mut();
        if active {
            seen.cursor = Some(i);
        }
        if seen.ticks.len() < self.options.len() {
            seen.ticks.resize(self.options.len(), None);
        }
        seen.ticks[i] = ticked;
    }

    fn option(
        &self,
        f: &mut dyn fmt::Write,
        key: &str,
        active: bool,
        ticked: Option<bool>,
    ) -> fmt::Result {
        let i: usize = key.parse().map_err(|_| fmt::Error)?;
        if i >= self.options.len() {
            return Err(fmt::Error);
        }
        self.record(i, active, ticked);
        if self.resized() {
            // The option under the cursor is drawn on every pass: stopping there, the key
            // that came after the resize has been seen, and nothing is lost.
            return if active { Err(fmt::Error) } else { Ok(()) };
        }
        write!(f, "{}", self.item(i, active, ticked))
    }
}

/// The rows of one option of a list `cols` wide: `❯ ` on the option under the cursor, a tick
/// box where several may be chosen, and the text wrapped beside them.
pub fn option_lines(
    text: &str,
    cols: usize,
    many: bool,
    active: bool,
    ticked: Option<bool>,
    look: Look,
) -> Vec<String> {
    let marker = if active { "❯ " } else { "  " };
    let tick = match (many, ticked) {
        (false, _) => "",
        (true, Some(true)) => "[x] ",
        (true, _) => "[ ] ",
    };
    let prefix = measure_text_width(marker) + measure_text_width(tick);
    let pad = " ".repeat(prefix);
    let body = lines_of(text, room(cols).saturating_sub(prefix), "");
    body.iter()
        .enumerate()
        .map(|(j, line)| {
            let row = if j == 0 {
                format!("{marker}{tick}{line}")
            } else {
                format!("{pad}{line}")
            };
            if active {
                look.strong(&row)
            } else {
                row
            }
        })
        .collect()
}

/// The rows each option takes in a list `cols` wide.
pub fn option_heights(options: &[String], cols: usize, many: bool) -> Vec<usize> {
    let look = Look { color: false };
    options
        .iter()
        .map(|o| option_lines(o, cols, many, false, Some(false), look).len())
        .collect()
}

/// The most options a page may hold so that every page, with its "more above" and "more
/// below" lines, fits in `room` rows; all of them when they fit unpaged. At least one.
pub fn page_size(heights: &[usize], room: usize) -> usize {
    let len = heights.len();
    if heights.iter().sum::<usize>() <= room {
        return len.max(1);
    }
    (1..len)
        .rev()
        .find(|&page| {
            heights.chunks(page).enumerate().all(|(p, chunk)| {
                let above = usize::from(p > 0);
                let below = usize::from((p + 1) * page < len);
                chunk.iter().sum::<usize>() + above + below <= room
            })
        })
        .unwrap_or(1)
}

/// Consecutive parts of a list, each fitting in `room` rows (an option taller than that is a
/// part of its own). A checklist is asked part by part, so that Enter never answers an
/// option the person has not seen.
pub fn parts(heights: &[usize], room: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut used = 0;
    for (i, h) in heights.iter().enumerate() {
        if i > start && used + h > room {
            out.push(start..i);
            start = i;
            used = 0;
        }
        used += h;
    }
    if start < heights.len() || out.is_empty() {
        out.push(start..heights.len());
    }
    out
}

impl Theme for PromptTheme {
    fn format_error(&self, f: &mut dyn fmt::Write, err: &str) -> fmt::Result {
        let text = lines_of(err, room(self.cols()), "").join(" ");
        write!(f, "{}", self.look.warn(&text))
    }

    /// The line of a yes/no prompt: what is typed so far.
    fn format_confirm_prompt(
        &self,
        f: &mut dyn fmt::Write,
        _prompt: &str,
        value: Option<bool>,
    ) -> fmt::Result {
        let drawn = {
            let mut seen = self.seen.borrow_mut();
            seen.yes = value;
            seen.drawn += 1;
            seen.drawn
        };
        if self.resized() {
            return Err(fmt::Error);
        }
        let typed = match value {
            Some(true) => "yes".to_string(),
            Some(false) => "no".to_string(),
            // Emptied by Esc (only a prompt that can go back draws again for it).
            None if drawn > 1 => self.look.dim("(Enter goes back)"),
            None => String::new(),
        };
        write!(f, "{} {typed}", self.look.strong("›"))
    }

    /// The line a number is typed into (the range and the keys are above it).
    fn format_input_prompt(
        &self,
        f: &mut dyn fmt::Write,
        _prompt: &str,
        _default: Option<&str>,
    ) -> fmt::Result {
        write!(f, "{} ", self.look.strong("›"))
    }

    fn format_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        active: bool,
    ) -> fmt::Result {
        self.option(f, text, active, None)
    }

    fn format_multi_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        checked: bool,
        active: bool,
    ) -> fmt::Result {
        self.option(f, text, active, Some(checked))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: Look = Look { color: false };

    fn long(n: usize) -> Vec<String> {
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
    fn a_long_option_is_wrapped_whole_within_the_width_beside_its_marker() {
        let text = &long(1)[0];
        let lines = option_lines(text, 80, true, true, Some(true), PLAIN);
        assert_eq!(lines.len(), 2, "{lines:#?}");
        assert!(lines[0].starts_with("❯ [x] Statement 1: I have led"));
        assert!(lines[1].starts_with("      "), "{lines:#?}");
        assert!(lines.iter().all(|l| measure_text_width(l) < 80));
        let joined = lines.join(" ");
        assert_eq!(
            joined.split_whitespace().collect::<Vec<_>>().join(" "),
            format!("❯ [x] {text}")
        );
        let lines = option_lines(text, 40, false, false, None, PLAIN);
        assert!(
            lines.iter().all(|l| measure_text_width(l) < 40),
            "{lines:#?}"
        );
        assert!(!lines.join("").contains('…'));
    }

    #[test]
    fn pages_fit_the_room_with_their_more_above_and_below_lines() {
        let heights = [2, 2, 2, 2, 2, 2, 2];
        assert_eq!(page_size(&heights, 14), 7, "all fit unpaged");
        // 13 rows: pages of 5 need 10 + 2 rows; of 6 would need 12 + 1 and then 2 + 1.
        assert_eq!(page_size(&heights, 13), 6);
        assert_eq!(page_size(&heights, 7), 2);
        assert_eq!(
            page_size(&[9], 3),
            1,
            "one option too tall is a page of its own"
        );
        for room in 3..20 {
            let heights = [1, 3, 2, 1, 1, 4, 2, 2, 1];
            let page = page_size(&heights, room);
            for (p, chunk) in heights.chunks(page).enumerate() {
                let extra = usize::from(p > 0) + usize::from((p + 1) * page < heights.len());
                assert!(
                    page == 1 || chunk.iter().sum::<usize>() + extra <= room,
                    "room {room}, page {page}"
                );
            }
        }
    }

    #[test]
    fn parts_cover_the_list_in_order_each_within_the_room() {
        let heights = [2, 2, 3, 1, 2, 2, 5, 1];
        let split = parts(&heights, 6);
        assert_eq!(split, vec![0..2, 2..5, 5..6, 6..8]);
        assert_eq!(parts(&heights, 100), vec![0..8]);
        assert_eq!(parts(&[], 5), vec![0..0]);
        assert_eq!(parts(&[9, 1], 5), vec![0..1, 1..2]);
    }

    #[test]
    fn the_last_option_of_a_page_says_how_many_are_below_and_the_first_how_many_above() {
        let size = Term::stderr().size();
        let theme = PromptTheme::list(
            PLAIN,
            size,
            (1..=7).map(|i| format!("Option {i}")).collect(),
            false,
            vec!["keys".into()],
        )
        .paged(3);
        assert_eq!(theme.item(0, true, None), "❯ Option 1");
        assert_eq!(
            theme.item(2, false, None),
            "  Option 3\n  ↓ 4 more below (→ for the next page)\nkeys"
        );
        assert_eq!(
            theme.item(3, false, None),
            "  ↑ 3 more above (← for the page before)\n  Option 4"
        );
        assert_eq!(
            theme.item(6, false, None),
            "  ↑ 6 more above (← for the page before)\n  Option 7\nkeys"
        );
        let unpaged = PromptTheme::list(PLAIN, size, vec!["A".into(), "B".into()], true, vec![]);
        assert_eq!(unpaged.item(1, false, Some(true)), "  [x] B");
    }

    #[test]
    fn what_is_drawn_is_recorded_and_a_resize_stops_the_prompt() {
        let size = Term::stderr().size();
        let theme = PromptTheme::list(PLAIN, size, vec!["A".into(), "B".into()], true, vec![]);
        let mut out = String::new();
        theme
            .format_multi_select_prompt_item(&mut out, "0", false, true)
            .unwrap();
        theme
            .format_multi_select_prompt_item(&mut out, "1", true, false)
            .unwrap();
        let seen = theme.seen();
        assert_eq!(seen.cursor, Some(0));
        assert_eq!(seen.ticks, vec![Some(false), Some(true)]);
        assert!(!seen.resized);

        // Drawn for another size: the prompt stops at the option under the cursor, having
        // noted where it is.
        let other = (size.0 + 1, size.1 + 7);
        let theme = PromptTheme::list(PLAIN, other, vec!["A".into(), "B".into()], false, vec![]);
        let mut out = String::new();
        assert!(theme
            .format_select_prompt_item(&mut out, "0", false)
            .is_ok());
        assert!(theme
            .format_select_prompt_item(&mut out, "1", true)
            .is_err());
        assert!(out.is_empty(), "nothing drawn at the old size");
        assert_eq!((theme.seen().cursor, theme.seen().resized), (Some(1), true));
        let theme = PromptTheme::line(PLAIN, other);
        assert!(theme
            .format_confirm_prompt(&mut out, "", Some(true))
            .is_err());
        assert_eq!((theme.seen().yes, theme.seen().resized), (Some(true), true));
        assert!(out.is_empty());
    }

    #[test]
    fn pack_text_is_escaped_before_it_is_drawn() {
        let lines = option_lines("Option\u{1b}[2J one", 80, false, true, None, PLAIN);
        assert!(!lines.concat().contains('\u{1b}'), "{lines:?}");
    }

    #[test]
    fn rows_count_what_a_narrower_terminal_wraps() {
        let lines = vec!["x".repeat(79), String::new(), "y".repeat(30)];
        assert_eq!(rows(&lines, 80), 3);
        assert_eq!(rows(&lines, 40), 4);
    }
}
