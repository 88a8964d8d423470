//! `skillgap history` and `skillgap compare`: saved results over time.

use super::*;

pub(super) fn history(format: ListFormat) -> Result<()> {
    let dir = crate::session::data_dir()?;
    let (entries, problems) = crate::history::entries(&dir)?;
    for problem in &problems {
        crate::diagnostic::warning(&format!("skipped {problem}"));
    }
    let text = match format {
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = entries
                .iter()
                .map(|e| {
                    serde_json::json!({
                        "reference": e.reference,
                        "path": e.path,
                        "taken_at": e.doc.taken_at,
                        "profile": e.doc.profile,
                        "pack": e.doc.pack,
                        "top_gaps": e.doc.ranked_gaps().iter().take(3).map(|c| c.id.clone()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            render::json::pretty(&list)
        }
        ListFormat::Table if entries.is_empty() => {
            crate::diagnostic::message(&format!(
                "No saved results yet in {}. Take the assessment with `skillgap assess`.",
                crate::session::results_dir(&dir).display()
            ));
            return Ok(());
        }
        ListFormat::Table => {
            let shown: Vec<crate::history::Entry> = entries
                .into_iter()
                .map(|mut e| {
                    e.doc = for_display(&e.doc);
                    e
                })
                .collect();
            render::history_table(&shown, stdout_style())
        }
    };
    store::write_output(None, &text)
}

pub(super) fn compare(old: &str, new: &str, format: ListFormat) -> Result<()> {
    let dir = crate::session::data_dir()?;
    let old = crate::history::find(&dir, old)?;
    let new = crate::history::find(&dir, new)?;
    crate::history::warn_passed_over(&[old.clone(), new.clone()]);
    let (old_ref, old_doc, new_ref, new_doc) = (old.reference, old.doc, new.reference, new.doc);
    let text = match format {
        ListFormat::Json => render::json::pretty(&crate::compare::compare(
            &old_ref, &old_doc, &new_ref, &new_doc,
        )),
        ListFormat::Table => {
            let (old_doc, new_doc) = (for_display(&old_doc), for_display(&new_doc));
            let (old_ref, new_ref) = (crate::text::quote(&old_ref), crate::text::quote(&new_ref));
            let comparison = crate::compare::compare(&old_ref, &old_doc, &new_ref, &new_doc);
            render::compare_table(&comparison, &new_doc, &old_doc, stdout_style())
        }
    };
    store::write_output(None, &text)
}
