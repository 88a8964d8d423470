//! The cohort document as JSON.

use super::{CohortRenderer, Style};
use crate::cohort::Cohort;

/// The versioned cohort document, pretty-printed.
pub struct CohortJsonRenderer;

impl CohortRenderer for CohortJsonRenderer {
    fn render(&self, cohort: &Cohort, _style: Style) -> String {
        let mut text = serde_json::to_string_pretty(&cohort.doc).unwrap_or_default();
        text.push('\n');
        text
    }
}
