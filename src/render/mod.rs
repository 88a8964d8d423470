//! Output formats. Each lives in its own file behind [`Renderer`], so a new format touches
//! one file (the shape of hyperfine's `export/`).

mod json;
mod table;

pub use json::JsonRenderer;
pub use table::TableRenderer;

use crate::result::ResultDocument;

/// How output should look on the device it goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Columns available; reports are laid out to fit.
    pub width: usize,
    /// Whether ANSI colour may be used (never when NO_COLOR is set or output is not a terminal).
    pub color: bool,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            width: 80,
            color: false,
        }
    }
}

/// Turns a result document into bytes of one format.
pub trait Renderer {
    /// The whole output, ending in a newline.
    fn render(&self, doc: &ResultDocument, style: Style) -> String;
}

/// The renderer for a format name as given on the command line.
pub fn for_format(format: Format) -> Box<dyn Renderer> {
    match format {
        Format::Table => Box::new(TableRenderer),
        Format::Json => Box::new(JsonRenderer),
    }
}

/// The formats `assess` and `report` print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The gap report for a person to read.
    Table,
    /// The versioned result document.
    Json,
}

/// Eligibility alone, as a short list for the terminal.
pub fn eligibility_table(results: &[crate::eligibility::Eligibility], style: Style) -> String {
    table::eligibility_lines(results, style)
}
