//! The result document as pretty JSON.

use super::{Renderer, Style};
use crate::result::ResultDocument;

/// Prints the result document; the stable machine-readable form.
pub struct JsonRenderer;

impl Renderer for JsonRenderer {
    fn render(&self, doc: &ResultDocument, _style: Style) -> String {
        let mut text = serde_json::to_string_pretty(doc).unwrap_or_default();
        text.push('\n');
        text
    }
}
