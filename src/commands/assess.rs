//! `skillgap assess` from an answers file, and what every assessment does when it ends:
//! merge a retake with the latest result, score, save and print.

use super::*;

pub(super) fn assess(source: &PackSource, args: AssessArgs) -> Result<()> {
    let pack = pack::load_from(source)?;
    if let Some(p) = &args.profile {
        check_profile(&pack, p, "--profile")?;
    }
    check_competencies(&pack, &args.competency)?;
    if let Some(message) = args.person.as_deref().and_then(person_too_long) {
        return Err(Error::usage(
            format!("--person: {message}"),
            "give the person's name",
        ));
    }
    let answers_file = args.answers.as_deref().map(|p| (p, "the answers file"));
    check_output(
        args.output.as_deref(),
        answers_file.as_slice(),
        Some(source),
    )?;
    // A bad --set stops the run before any question is asked.
    settings(&pack, &args.set)?;
    let Some(path) = &args.answers else {
        return interactive(source, &pack, &args);
    };
    let completeness = if args.competency.is_empty() {
        Completeness::Required
    } else {
        Completeness::Competencies(&args.competency)
    };
    let answers = load_answers(&pack, path, completeness)?;
    let file = if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    finish(&pack, &args, answers, &file)
}

/// Scores finished answers (merged with the latest result for a retake), saves and prints.
pub(super) fn finish(
    pack: &Pack,
    args: &AssessArgs,
    mut answers: Answers,
    file: &str,
) -> Result<()> {
    if args.person.is_some() {
        answers.person.clone_from(&args.person);
    }
    let sets = settings(pack, &args.set)?;
    let (mut answers, carried_from) = if args.competency.is_empty() {
        (answers, None)
    } else {
        let base = retake_base(pack, &sets)?;
        let merged = crate::retake::merge(pack, &base, &answers, &args.competency);
        (merged, Some(base.taken_at))
    };
    if !sets.is_empty() {
        answers.facts.extend(sets);
        // The facts as set must still agree with each other (a part within its whole).
        let problems = answers::check(
            pack,
            &mut answers,
            "--set",
            &Default::default(),
            Completeness::Partial,
        );
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
    }
    let profile_id = args
        .profile
        .clone()
        .or_else(|| answers.profile.clone())
        .ok_or_else(|| {
            Error::Invalid(vec![Diagnostic::new(file, "no target profile given").hint(
                format!(
                    "add `profile:` to the answers file or pass --profile, one of: {}",
                    pack.profiles
                        .iter()
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )])
        })?;
    let profile = pack.profile(&profile_id).ok_or_else(|| {
        Error::Invalid(vec![answers::unknown_profile(
            pack,
            &profile_id,
            "--profile",
        )])
    })?;
    let mut doc = result::build(pack, profile, &answers, &now());
    if let Some(from) = &carried_from {
        crate::retake::mark_carried(&mut doc, &args.competency, from);
    }
    let saved = if args.no_save {
        None
    } else {
        Some(keep(&doc)?)
    };
    emit_with(&doc, args.format, args.output.as_deref(), saved.as_deref())
}

/// Refuses `--competency` ids the pack does not have.
pub(super) fn check_competencies(pack: &Pack, ids: &[String]) -> Result<()> {
    let unknown: Vec<&String> = ids
        .iter()
        .filter(|id| pack.competency(id).is_none())
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    Err(Error::Invalid(vec![Diagnostic::new(
        "--competency",
        format!(
            "unknown competency {}",
            unknown
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
    .hint(format!(
        "use ids from: {}",
        pack.competencies
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ))]))
}

/// `--set KEY=VALUE` settings as typed facts; every bad one named, exit 2.
fn settings(pack: &Pack, set: &[String]) -> Result<Vec<(String, Value)>> {
    let (ok, problems): (Vec<_>, Vec<_>) = set
        .iter()
        .map(|s| super::eligibility::parse_setting(pack, s))
        .partition(std::result::Result::is_ok);
    if problems.is_empty() {
        Ok(ok.into_iter().filter_map(std::result::Result::ok).collect())
    } else {
        Err(Error::Invalid(
            problems
                .into_iter()
                .filter_map(std::result::Result::err)
                .collect(),
        ))
    }
}

/// The latest result of this pack, which a retake carries the other competencies from. It
/// must still answer everything the pack asks outside the retaken competencies, counting
/// the facts given with --set.
pub(super) fn retake_base(pack: &Pack, sets: &[(String, Value)]) -> Result<ResultDocument> {
    let dir = crate::session::data_dir()?;
    let (entries, _) = crate::history::entries(&dir)?;
    let Some(latest) = entries.into_iter().find(|e| e.doc.pack.id == pack.id) else {
        return Err(Error::usage(
            "--competency retakes part of an earlier assessment, and there is none saved",
            "take the whole assessment first: `skillgap assess`",
        ));
    };
    let mut carried = crate::retake::merge(pack, &latest.doc, &Answers::default(), &[]);
    carried.facts.extend(sets.iter().cloned());
    // Facts set that contradict the carried ones are the --set's fault, said as such.
    let conflicts =
        crate::eligibility::part_problems(pack, &carried.facts, "--set", &|_: &str| None);
    if !sets.is_empty() && !conflicts.is_empty() {
        return Err(Error::Invalid(conflicts));
    }
    let problems = answers::check(
        pack,
        &mut carried,
        &latest.path.display().to_string(),
        &Default::default(),
        Completeness::Required,
    );
    if !problems.is_empty() {
        return Err(Error::usage(
            format!(
                "your latest result ({}) no longer answers everything pack {} v{} asks, so it \
                 cannot be carried over",
                latest
                    .doc
                    .taken_at
                    .get(..10)
                    .unwrap_or(&latest.doc.taken_at),
                pack.id,
                pack.version
            ),
            format!(
                "take the whole assessment again: `skillgap assess`, or give what it lacks \
                 with --set ({})",
                problems
                    .iter()
                    .map(|p| p.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        ));
    }
    Ok(latest.doc)
}

/// How many results of this pack are saved: the default run draws the next scenarios.
pub(super) fn retakes(pack: &Pack) -> usize {
    crate::session::data_dir()
        .ok()
        .and_then(|dir| crate::history::entries(&dir).ok())
        .map_or(0, |(entries, _)| {
            entries.iter().filter(|e| e.doc.pack.id == pack.id).count()
        })
}

/// The questions a new interactive run asks.
pub(super) fn run_questions(pack: &Pack, args: &AssessArgs) -> Vec<String> {
    let scope = if args.thorough {
        crate::selection::Scope::Thorough
    } else {
        crate::selection::Scope::Default {
            draw: retakes(pack),
        }
    };
    crate::selection::questions(pack, &scope, &args.competency)
}

/// Saves a finished result in the history, says where, and gives back the JSON saved.
pub(super) fn keep(doc: &ResultDocument) -> Result<String> {
    let dir = crate::session::data_dir()?;
    let json = render::for_format(Format::Json).render(doc, Style::default());
    // Every result saved must read back (a number too large for JSON would come back null).
    if let Err(problem) = crate::history::parse("the result", &json) {
        return Err(Error::failed(
            format!("the result was not saved: it would not read back ({problem})"),
            "check the rubric pack's numbers with `skillgap rubrics validate`",
        ));
    }
    if let Some(error) = too_large_to_keep(&json) {
        return Err(error);
    }
    let saved = crate::session::save_result(&dir, &doc.taken_at, &doc.profile, &json)?;
    crate::diagnostic::message(&format!("Result saved in {}", saved.display()));
    Ok(json)
}

/// The refusal of a result too large to read back: every reader stops at
/// [`store::MAX_INPUT_BYTES`], so a larger result would be saved and then skipped by
/// `history`, `report` and `cohort` alike. The message names the part that makes it large
/// and what to do about it.
fn too_large_to_keep(json: &str) -> Option<Error> {
    let size = json.len() as u64;
    if size <= store::MAX_INPUT_BYTES {
        return None;
    }
    let mib = |bytes: u64| format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0));
    // Only on this path: which top-level field holds most of it.
    let largest = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(json)
        .ok()
        .and_then(|fields| {
            fields
                .into_iter()
                .map(|(key, value)| (value.to_string().len() as u64, key))
                .max()
        });
    let (part, hint) = match &largest {
        Some((bytes, key)) => {
            let hint = match key.as_str() {
                "person" => "give a shorter name with `person:` or --person",
                // Everything else comes from the pack: its texts, or answers to its questions.
                _ => {
                    "the rubric pack's texts or questions are too many or too long for one \
                     result: shorten them, or pass --no-save to see the result without saving it"
                }
            };
            (format!("; most of it is `{key}` ({})", mib(*bytes)), hint)
        }
        None => (
            String::new(),
            "pass --no-save to see the result without saving it",
        ),
    };
    Some(Error::usage(
        format!(
            "the result was not saved: it is {} as JSON, and skillgap reads back at most {} \
             from a result file{part}",
            mib(size),
            store::MAX_INPUT_TEXT
        ),
        hint,
    ))
}
