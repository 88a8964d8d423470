//! `skillgap cohort --items --format csv`: one row per scenario, for a spreadsheet.

use super::neutralise_formula;
use crate::cohort::items::DiscriminationMethod;
use crate::cohort::Cohort;
use crate::text::one_line;

/// One row per scenario, in the pack's order: its figures, the share choosing each option
/// (`a:0.130 b:0.613 …`), its flags, and its competency's reliability and SEM. Every cell is
/// neutralised against spreadsheet formulas before the writer quotes it.
pub fn render(cohort: &Cohort) -> String {
    let doc = &cohort.doc;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = [
        "competency",
        "scenario",
        "label",
        "kind",
        "answered",
        "difficulty",
        "discrimination",
        "discrimination_method",
        "discrimination_people",
        "key",
        "options",
        "unused_distractors",
        "flags",
        "competency_reliability",
        "competency_sem",
    ];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    let number = |x: Option<f64>| x.map_or_else(String::new, |x| format!("{x}"));
    for item in doc.items.as_deref().unwrap_or_default() {
        let reliability = doc
            .competencies
            .iter()
            .find(|c| c.id == item.competency)
            .and_then(|c| c.scenarios.as_ref());
        let ids = |list: &[String]| {
            list.iter()
                .map(|id| one_line(id))
                .collect::<Vec<_>>()
                .join(" ")
        };
        rows.push(vec![
            one_line(&item.competency),
            one_line(&item.id),
            item.label.as_deref().map(one_line).unwrap_or_default(),
            item.kind.clone(),
            item.answered.to_string(),
            number(item.difficulty),
            number(item.discrimination),
            match item.discrimination_method {
                Some(DiscriminationMethod::PointBiserial) => "point_biserial",
                Some(DiscriminationMethod::UpperLower27) => "upper_lower_27",
                None => "",
            }
            .to_string(),
            item.discrimination_people.to_string(),
            ids(&item.key),
            item.options
                .iter()
                .map(|(id, share)| format!("{}:{share:.3}", one_line(id)))
                .collect::<Vec<_>>()
                .join(" "),
            ids(&item.unused_distractors),
            item.flags
                .iter()
                .map(|f| f.id())
                .collect::<Vec<_>>()
                .join(" "),
            number(reliability.and_then(|r| r.reliability)),
            number(reliability.and_then(|r| r.sem)),
        ]);
    }
    for cells in rows {
        // Writing to memory cannot fail.
        let _ = writer.write_record(cells.iter().map(|c| neutralise_formula(c).into_owned()));
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}
