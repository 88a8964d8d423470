//! Colour for the terminal formats, applied only when the output's [`super::Style`] allows it
//! (a terminal, and no `NO_COLOR`).

use console::Style as Paint;

/// Paints text when colour is on; returns it unchanged when it is off.
pub(super) struct Painter {
    pub(super) color: bool,
}

impl Painter {
    fn paint(&self, style: Paint, text: &str) -> String {
        style.force_styling(self.color).apply_to(text).to_string()
    }
    pub(super) fn bold(&self, text: &str) -> String {
        self.paint(Paint::new().bold(), text)
    }
    pub(super) fn dim(&self, text: &str) -> String {
        self.paint(Paint::new().dim(), text)
    }
    pub(super) fn good(&self, text: &str) -> String {
        self.paint(Paint::new().green(), text)
    }
    pub(super) fn warn(&self, text: &str) -> String {
        self.paint(Paint::new().yellow(), text)
    }
}
