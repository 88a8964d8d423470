//! The cohort as a spreadsheet: one row per person, written with the `csv` crate.

use super::{neutralise_formula, CohortRenderer, Style};
use crate::cohort::Cohort;
use crate::text::one_line;

/// One row per person (the heat map as data): when the result was taken, then score, level
/// and gap in each competency, then the certifications the person may sit now and holds.
/// Every cell is neutralised against spreadsheet formulas before the writer quotes it.
pub struct CohortCsvRenderer;

impl CohortRenderer for CohortCsvRenderer {
    fn render(&self, cohort: &Cohort, _style: Style) -> String {
        if cohort.items.is_some() {
            return super::cohort_items_csv::render(cohort);
        }
        let doc = &cohort.doc;
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let mut header = vec!["person".to_string(), "taken_at".to_string()];
        for c in &doc.competencies {
            for suffix in ["score", "level", "gap"] {
                header.push(format!("{}_{suffix}", one_line(&c.id)));
            }
        }
        header.push("eligible_now".into());
        header.push("held".into());
        let mut rows = vec![header];
        for row in &cohort.rows {
            let mut cells = vec![row.name.clone(), row.taken_at.clone()];
            for cell in &row.cells {
                match cell {
                    Some(c) => {
                        cells.push(format!("{:.1}", c.score));
                        cells.push(
                            doc.levels
                                .get(c.level)
                                .map(|l| l.title.clone())
                                .unwrap_or_default(),
                        );
                        cells.push(c.gap.to_string());
                    }
                    None => cells.extend([String::new(), String::new(), String::new()]),
                }
            }
            let ids = |list: &[String]| {
                list.iter()
                    .map(|id| one_line(id))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            cells.push(ids(&row.eligible_now));
            cells.push(ids(&row.held));
            rows.push(cells);
        }
        for cells in rows {
            // Writing to memory cannot fail.
            let _ = writer.write_record(cells.iter().map(|c| neutralise_formula(c).into_owned()));
        }
        String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}
