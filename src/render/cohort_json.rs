//! The cohort document as JSON.

use super::{CohortRenderer, Style};
use crate::cohort::Cohort;

/// The versioned cohort document, pretty-printed (text a terminal could act on escaped).
pub struct CohortJsonRenderer;

impl CohortRenderer for CohortJsonRenderer {
    fn render(&self, cohort: &Cohort, _style: Style) -> String {
        super::json::pretty(&cohort.doc)
    }
}
