//! Output formats. Each lives in its own file behind [`Renderer`], so a new format touches
//! one file (the shape of hyperfine's `export/`).

mod cohort_csv;
mod cohort_html;
mod cohort_items_csv;
mod cohort_items_html;
mod cohort_items_table;
mod cohort_json;
mod cohort_table;
mod csv;
mod html;
pub mod json;
mod lists;
mod markdown;
mod paint;
pub mod summary;
mod table;

pub use cohort_csv::CohortCsvRenderer;
pub use cohort_html::CohortHtmlRenderer;
pub use cohort_json::CohortJsonRenderer;
pub use cohort_table::CohortTableRenderer;
pub use csv::{neutralise_formula, CsvRenderer};
pub use html::HtmlRenderer;
pub use json::JsonRenderer;
pub use lists::{compare_table, history_table};
pub use markdown::MarkdownRenderer;
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
        Format::Csv => Box::new(CsvRenderer),
        Format::Markdown => Box::new(MarkdownRenderer),
        Format::Html => Box::new(HtmlRenderer),
    }
}

/// Every output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The gap report for a person to read in a terminal.
    Table,
    /// The versioned result document.
    Json,
    /// One row per competency, safe to open in a spreadsheet.
    Csv,
    /// A report to paste for a mentor.
    Markdown,
    /// One self-contained page with a radar chart, readable when printed.
    Html,
}

/// Eligibility alone, as a short list for the terminal.
pub fn eligibility_table(results: &[crate::eligibility::Eligibility], style: Style) -> String {
    table::eligibility_lines(results, style)
}

/// Turns a cohort view into bytes of one format.
pub trait CohortRenderer {
    /// The whole output, ending in a newline.
    fn render(&self, cohort: &crate::cohort::Cohort, style: Style) -> String;
}

/// The cohort renderer for a format name as given on the command line.
pub fn for_cohort_format(format: CohortFormat) -> Box<dyn CohortRenderer> {
    match format {
        CohortFormat::Table => Box::new(CohortTableRenderer),
        CohortFormat::Json => Box::new(CohortJsonRenderer),
        CohortFormat::Csv => Box::new(CohortCsvRenderer),
        CohortFormat::Html => Box::new(CohortHtmlRenderer),
    }
}

/// Formats of `skillgap cohort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CohortFormat {
    /// Per competency, certifications, group training and the heat map, for a terminal.
    Table,
    /// The versioned cohort document (schemas/cohort.schema.json); no per-person data.
    Json,
    /// One row per person: score, level and gap in each competency, certifications.
    Csv,
    /// One self-contained page with the heat map, readable when printed.
    Html,
}

/// "1 person", "3 people": a count and the word that goes with it.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
