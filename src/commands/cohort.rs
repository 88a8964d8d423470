//! `skillgap cohort`: many people's results at once.

use super::*;

/// `skillgap cohort`: reads the results, names the files it skipped on stderr, prints the view;
/// with `--items`, reads the counted results again for the item analysis.
pub(super) fn cohort(source: &PackSource, args: CohortArgs) -> Result<()> {
    // Without PATHs: the personal data folder, one person's results.
    let one_person = args.paths.is_empty();
    let paths = if args.paths.is_empty() {
        let folder = crate::session::results_dir(&crate::session::data_dir()?);
        if !folder.is_dir() {
            return Err(Error::usage(
                format!("no saved results in {}", folder.display()),
                "name result files or folders: `skillgap cohort team-results/`",
            ));
        }
        vec![folder]
    } else {
        args.paths
    };
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    let named: Vec<(&Path, &str)> = paths
        .iter()
        .map(|p| (p.as_path(), "a result file"))
        .collect();
    // With --items the pack is an input too.
    check_output(output, &named, args.items.then_some(source))?;
    let options = crate::cohort::Options {
        profile: args.profile,
        since: args.since,
        output: output.and_then(store::FileId::of),
        one_person,
    };
    let mut gathered = crate::cohort::gather(&paths, &options)?;
    if let Some(read) = &gathered.output_read {
        let shown = |p: &Path| crate::text::quote(&p.display().to_string());
        let output = output.unwrap_or(read);
        let also = if output == read {
            String::new()
        } else {
            format!(" ({})", shown(read))
        };
        return Err(Error::usage(
            format!(
                "--output {} is a result file this command reads{also}: writing there would \
                 destroy it",
                shown(output)
            ),
            "write the output to another file",
        ));
    }
    for skipped in &gathered.skipped {
        crate::diagnostic::warning(&format!(
            "skipped {}: {}",
            crate::text::one_line(&skipped.path),
            crate::text::one_line(&skipped.error)
        ));
    }
    let latest = args.items.then(|| gathered.latest());
    let mut cohort = gathered.summarise()?;
    if let Some(files) = latest {
        let pack = pack::load_from(source)?;
        let layout = crate::cohort::items::Layout::new(&pack);
        let outcome = crate::cohort::items::read_answers(&layout, &files);
        for skipped in &outcome.skipped {
            crate::diagnostic::warning(&format!(
                "left out of the item analysis: {}: {}",
                crate::text::one_line(&skipped.path),
                crate::text::one_line(&skipped.error)
            ));
        }
        cohort.add_items(&layout, &outcome);
    }
    let to_file = args.output.as_deref().is_some_and(|p| p != Path::new("-"));
    let style = if to_file {
        Style::default()
    } else {
        stdout_style()
    };
    let text = render::for_cohort_format(args.format).render(&cohort, style);
    store::write_output(args.output.as_deref(), &text)?;
    if let Some(path) = args.output.as_deref().filter(|_| to_file) {
        crate::diagnostic::message(&format!("Wrote {}", path.display()));
    }
    Ok(())
}
