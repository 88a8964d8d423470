//! What each command does: I/O at the edges around the pure engine.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::answers::{self, Answers, Completeness, Value};
use crate::cli::{
    AnswersCommand, AssessArgs, Cli, CohortArgs, Command, EligibilityArgs, ListFormat,
    RubricsCommand,
};
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::eligibility;
use crate::pack::{self, FactKind, Pack, PackSource};
use crate::render::{self, Format, Style};
use crate::result::{self, ResultDocument};
use crate::store;
use crate::template;
use crate::text::one_line;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let source = PackSource::from_option(cli.rubrics.as_deref());
    match cli.command {
        Command::Assess(args) => assess(&source, args),
        Command::Answers(AnswersCommand::Template { profile }) => {
            let pack = pack::load_from(&source)?;
            if let Some(p) = &profile {
                check_profile(&pack, p, "--profile")?;
            }
            store::write_output(None, &template::answers_template(&pack, profile.as_deref()))
        }
        Command::Rubrics(RubricsCommand::Validate { dir }) => {
            let source = match dir {
                Some(d) => PackSource::Dir(d),
                None => source,
            };
            // The built-in pack from its YAML, not the pre-parsed form runs use: this is the
            // check, so it parses what people edit and points at file, line and column.
            let pack = match &source {
                PackSource::Embedded => pack::load_embedded()?,
                PackSource::Dir(d) => pack::load_dir(d)?,
            };
            let where_ = match &source {
                PackSource::Embedded => "built-in pack".to_string(),
                PackSource::Dir(d) => crate::text::escape(&d.display().to_string()),
            };
            store::write_output(
                None,
                &format!(
                    "ok: {where_}: pack {} v{} — {} competencies, {} questions, {} profiles, \
                     {} certifications, {} recommendations\n",
                    pack.id,
                    pack.version,
                    pack.competencies.len(),
                    pack.question_count(),
                    pack.profiles.len(),
                    pack.certifications.len(),
                    pack.recommendations.len()
                ),
            )
        }
        Command::Rubrics(RubricsCommand::List) => {
            let pack = pack::load_from(&source)?;
            store::write_output(None, &list(&pack))
        }
        Command::Eligibility(args) => eligibility_command(&source, args),
        Command::History { format } => history(format),
        Command::Report { result, format } => {
            let (_, doc) = crate::history::resolve(&crate::session::data_dir()?, &result)?;
            emit(&doc, format, None)
        }
        Command::Export {
            result,
            format,
            output,
        } => {
            let (_, doc) = crate::history::resolve(&crate::session::data_dir()?, &result)?;
            emit(&doc, format, output.as_deref())
        }
        Command::Compare { old, new, format } => compare(&old, &new, format),
        Command::Cohort(args) => cohort(args),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut command, "skillgap", &mut out);
            store::write_output(None, &String::from_utf8_lossy(&out))
        }
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut out)
                .map_err(|e| Error::Prompt(e.to_string()))?;
            store::write_output(None, &String::from_utf8_lossy(&out))
        }
    }
}

fn history(format: ListFormat) -> Result<()> {
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
            json_text(&list)
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

fn compare(old: &str, new: &str, format: ListFormat) -> Result<()> {
    let dir = crate::session::data_dir()?;
    let old = crate::history::find(&dir, old)?;
    let new = crate::history::find(&dir, new)?;
    crate::history::warn_passed_over(&[old.clone(), new.clone()]);
    let (old_ref, old_doc, new_ref, new_doc) = (old.reference, old.doc, new.reference, new.doc);
    let text = match format {
        ListFormat::Json => json_text(&crate::compare::compare(
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

/// `value` as pretty JSON ending in a newline, with every character a terminal could act on
/// written as an escape (see [`crate::text::json_safe`]).
fn json_text<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    crate::text::json_safe(text)
}

/// A copy of a result fit for a terminal: every string escaped and of bounded length (see
/// [`crate::text::for_display`]). Text formats render this copy; JSON keeps the data as it is.
fn for_display(doc: &ResultDocument) -> ResultDocument {
    crate::text::for_display(doc).unwrap_or_else(|| doc.clone())
}

/// `skillgap cohort`: reads the results, names the files it skipped on stderr, prints the view.
fn cohort(args: CohortArgs) -> Result<()> {
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
    let options = crate::cohort::Options {
        profile: args.profile,
        since: args.since,
    };
    let gathered = crate::cohort::gather(&paths, &options)?;
    for skipped in &gathered.skipped {
        crate::diagnostic::warning(&format!(
            "skipped {}: {}",
            crate::text::one_line(&skipped.path),
            crate::text::one_line(&skipped.error)
        ));
    }
    let cohort = gathered.summarise()?;
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

/// The style for stdout: its width when it is a terminal, colour unless NO_COLOR says no.
pub fn stdout_style() -> Style {
    let term = console::Term::stdout();
    let is_tty = std::io::stdout().is_terminal();
    let no_color = no_color();
    let dumb = std::env::var("TERM").map_or(true, |t| t == "dumb");
    let width = if is_tty {
        term.size_checked().map_or(80, |(_, w)| w as usize).min(100)
    } else {
        80
    };
    Style {
        width,
        color: is_tty && !no_color && !dumb,
    }
}

/// Whether the user asked for no colour (https://no-color.org: set and not empty).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

fn check_profile(pack: &Pack, profile: &str, origin: &str) -> Result<()> {
    if pack.profile(profile).is_none() {
        return Err(Error::Invalid(vec![answers::unknown_profile(
            pack, profile, origin,
        )]));
    }
    Ok(())
}

/// Reads and checks an answers file.
pub fn load_answers(pack: &Pack, path: &Path, completeness: Completeness) -> Result<Answers> {
    let (name, text) = store::read_input(path, "answers file")?;
    let (mut answers, spans) = answers::parse(&name, &text).map_err(Error::Invalid)?;
    let problems = answers::check(pack, &mut answers, &name, &spans, completeness);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    answers::normalise(pack, &mut answers);
    Ok(answers)
}

fn now() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

fn assess(source: &PackSource, args: AssessArgs) -> Result<()> {
    let pack = pack::load_from(source)?;
    if let Some(p) = &args.profile {
        check_profile(&pack, p, "--profile")?;
    }
    check_competencies(&pack, &args.competency)?;
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
fn finish(pack: &Pack, args: &AssessArgs, mut answers: Answers, file: &str) -> Result<()> {
    if args.person.is_some() {
        answers.person.clone_from(&args.person);
    }
    let (answers, carried_from) = if args.competency.is_empty() {
        (answers, None)
    } else {
        let base = retake_base(pack)?;
        let merged = crate::retake::merge(pack, &base, &answers, &args.competency);
        (merged, Some(base.taken_at))
    };
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
    if !args.no_save {
        keep(&doc)?;
    }
    emit(&doc, args.format, args.output.as_deref())
}

/// Refuses `--competency` ids the pack does not have.
fn check_competencies(pack: &Pack, ids: &[String]) -> Result<()> {
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

/// The latest result of this pack, which a retake carries the other competencies from. It
/// must still answer everything the pack asks outside the retaken competencies.
fn retake_base(pack: &Pack) -> Result<ResultDocument> {
    let dir = crate::session::data_dir()?;
    let (entries, _) = crate::history::entries(&dir)?;
    let Some(latest) = entries.into_iter().find(|e| e.doc.pack.id == pack.id) else {
        return Err(Error::usage(
            "--competency retakes part of an earlier assessment, and there is none saved",
            "take the whole assessment first: `skillgap assess`",
        ));
    };
    let mut carried = crate::retake::merge(pack, &latest.doc, &Answers::default(), &[]);
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
            "take the whole assessment again: `skillgap assess`",
        ));
    }
    Ok(latest.doc)
}

/// How many results of this pack are saved: the default run draws the next scenarios.
fn retakes(pack: &Pack) -> usize {
    crate::session::data_dir()
        .ok()
        .and_then(|dir| crate::history::entries(&dir).ok())
        .map_or(0, |(entries, _)| {
            entries.iter().filter(|e| e.doc.pack.id == pack.id).count()
        })
}

/// The questions a new interactive run asks.
fn run_questions(pack: &Pack, args: &AssessArgs) -> Vec<String> {
    let scope = if args.thorough {
        crate::selection::Scope::Thorough
    } else {
        crate::selection::Scope::Default {
            draw: retakes(pack),
        }
    };
    crate::selection::questions(pack, &scope, &args.competency)
}

/// Saves a finished result in the history and says where.
fn keep(doc: &ResultDocument) -> Result<()> {
    let dir = crate::session::data_dir()?;
    let json = render::for_format(Format::Json).render(doc, Style::default());
    // Every result saved must read back (a number too large for JSON would come back null).
    if let Err(problem) = crate::history::parse("the result", &json) {
        return Err(Error::failed(
            format!("the result was not saved: it would not read back ({problem})"),
            "check the rubric pack's numbers with `skillgap rubrics validate`",
        ));
    }
    let saved = crate::session::save_result(&dir, &doc.taken_at, &doc.profile, &json)?;
    crate::diagnostic::message(&format!("Result saved in {}", saved.display()));
    Ok(())
}

/// Held while a session file is written, so Ctrl-C never exits in the middle of a save.
static SAVING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// What Ctrl-C prints before exiting: changes once the session has a place on disk.
static ON_INTERRUPT: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

fn set_interrupt_message(message: String) {
    if let Ok(mut slot) = ON_INTERRUPT.lock() {
        *slot = message;
    }
}

/// Ctrl-C or a closed terminal: every answer is already on disk, so restore the cursor, say
/// how to continue and exit with 130. Exiting from here also covers plain mode, whose line
/// reads the signal would not interrupt.
fn install_interrupt_handler() {
    let _ = ctrlc::set_handler(exit_interrupted);
}

/// Restores the cursor, says where the answers are and exits with 130. Both the signal
/// handler and a prompt that reports the interruption come here; the lock makes the first
/// one the only one, and waits for a save in progress.
fn exit_interrupted() {
    let _saving = SAVING.lock();
    // A prompt may hold the terminal in raw mode (Ctrl-C from `kill`, a hang-up); the cursor is
    // hidden only by the terminal prompts, so never write escape codes elsewhere.
    crate::interactive::terminal::restore();
    if std::io::stderr().is_terminal() {
        let _ = console::Term::stderr().show_cursor();
    }
    let message = ON_INTERRUPT.lock().map(|m| m.clone()).unwrap_or_default();
    // Not eprintln!: after a hang-up stderr is gone, and a failed write must not panic.
    let _ = writeln!(std::io::stderr(), "\n{message}");
    std::process::exit(130);
}

fn resume_hint(source: &PackSource) -> String {
    match source {
        PackSource::Embedded => "skillgap assess --resume".into(),
        PackSource::Dir(dir) => format!("skillgap --rubrics {} assess --resume", dir.display()),
    }
}

fn interactive(source: &PackSource, pack: &Pack, args: &AssessArgs) -> Result<()> {
    use crate::interactive::{
        plain::PlainPrompter, terminal::TerminalPrompter, Flow, PromptError, Prompter,
    };
    use crate::session::{self, Session};

    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    let plain = args.plain || dumb;
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if !plain && !terminal {
        return Err(Error::usage(
            "`skillgap assess` asks its questions in a terminal, and there is none here",
            "score a file instead: `skillgap answers template > answers.yaml`, fill it in, then \
             `skillgap assess --answers answers.yaml`; or answer line by line with --plain",
        ));
    }
    let dir = session::data_dir()?;
    // Prompts go to stderr, so they wrap to its width, not stdout's.
    let prompt_width = console::Term::stderr()
        .size_checked()
        .map_or(80, |(_, w)| w as usize);
    let color = !plain && std::io::stderr().is_terminal() && !no_color();
    let mut prompter: Box<dyn Prompter> = if plain {
        Box::new(PlainPrompter::new(
            std::io::stdin().lock(),
            std::io::stderr(),
            prompt_width,
            !std::io::stdin().is_terminal(),
        ))
    } else {
        Box::new(TerminalPrompter::new(color))
    };

    // One interactive assessment per data folder: two would overwrite each other's session.
    let _lock = session::lock(&dir)?;
    set_interrupt_message("Interrupted. Nothing was changed.".into());
    install_interrupt_handler();
    // The prompts show the pack's text with control characters made visible.
    let shown = pack.for_display();
    let (mut session, resumed) = open_session(pack, prompter.as_mut(), args, &dir)?;
    let with_facts = session.only.is_empty();
    let mut flow = Flow::new(&shown, &session.questions, with_facts);
    let fresh = session.answered() == 0;
    if let Some(profile) = &args.profile {
        session.profile = Some(profile.clone());
    }
    let saved_message = format!(
        "Interrupted. Your answers are saved in {}.\nContinue with: {}",
        session::session_path(&dir).display(),
        resume_hint(source)
    );
    // Say the answers are saved only once a save has happened (or the session came from disk).
    if resumed {
        set_interrupt_message(saved_message.clone());
    }
    if fresh {
        let whole =
            crate::selection::questions(pack, &crate::selection::Scope::Thorough, &session.only);
        let run = if session.questions.len() < whole.len() {
            format!(
                " ({} of the bank's {} scenarios; `--thorough` asks them all)",
                session
                    .questions
                    .iter()
                    .filter(|id| pack
                        .question(id)
                        .is_some_and(|(_, q)| q.kind.is_knowledge()))
                    .count(),
                whole
                    .iter()
                    .filter(|id| pack
                        .question(id)
                        .is_some_and(|(_, q)| q.kind.is_knowledge()))
                    .count()
            )
        } else {
            String::new()
        };
        let what = if session.only.is_empty() {
            one_line(&pack.title)
        } else {
            format!(
                "Retaking {}",
                session
                    .only
                    .iter()
                    .filter_map(|id| pack.competency(id))
                    .map(|c| one_line(c.short_title.as_deref().unwrap_or(&c.title)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        prompter.say(&format!(
            "{what}: {} questions{run}, about {} minutes. Every answer is saved as you go; \
             Ctrl-C stops and `{}` continues.",
            crate::selection::prompt_count(pack, &session.questions, with_facts),
            crate::selection::minutes(pack, &session.questions, with_facts),
            resume_hint(source)
        ));
    }
    let mut said_saved = resumed;
    let mut save = |s: &Session| {
        let _saving = SAVING.lock();
        session::save(&dir, s)?;
        if !said_saved {
            set_interrupt_message(saved_message.clone());
            said_saved = true;
        }
        Ok(())
    };
    match flow.run(prompter.as_mut(), &mut session, &mut save)? {
        Ok(()) => {}
        Err(PromptError::Interrupted) => exit_interrupted(),
        Err(PromptError::Failed(e)) => return Err(Error::Prompt(e)),
    }
    drop(prompter);

    let mut answers = session.to_answers();
    answers.person.clone_from(&args.person);
    let name = session::session_path(&dir).display().to_string();
    let mut problems = answers::check(
        pack,
        &mut answers,
        &name,
        &Default::default(),
        Completeness::Partial,
    );
    let unanswered: Vec<&str> = session
        .questions
        .iter()
        .filter(|id| !answers.answers.contains_key(*id))
        .map(String::as_str)
        .collect();
    if !unanswered.is_empty() {
        problems.push(
            Diagnostic::new(&name, format!("unanswered: {}", unanswered.join(", ")))
                .hint("continue with `skillgap assess --resume` and answer them"),
        );
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    answers::normalise(pack, &mut answers);
    let args = AssessArgs {
        competency: session.only.clone(),
        ..args.clone()
    };
    if !args.no_save {
        crate::diagnostic::message("");
    }
    finish(pack, &args, answers, &name)?;
    session::discard(&dir)
}

/// The session to continue or begin: `--resume` continues the saved one (reconciled with
/// the pack as it is now); without it, a saved session is offered before it is replaced.
fn open_session(
    pack: &Pack,
    prompter: &mut dyn crate::interactive::Prompter,
    args: &AssessArgs,
    dir: &Path,
) -> Result<(crate::session::Session, bool)> {
    use crate::interactive::{Nav, PromptError};
    use crate::session::{self, Session};

    let existing = session::load(dir)?;
    Ok(match existing {
        None if args.resume => {
            return Err(Error::usage(
                "there is no unfinished assessment to resume",
                "start one with `skillgap assess`",
            ))
        }
        None => (
            Session::new(
                pack,
                &now(),
                run_questions(pack, args),
                args.competency.clone(),
            ),
            false,
        ),
        Some(mut saved) => {
            let resume = args.resume || {
                let ask = crate::interactive::Ask {
                    counter: String::new(),
                    prompt: &format!(
                        "You have an unfinished assessment from {} with {} answers saved.",
                        crate::text::quote(saved.started_at.get(..10).unwrap_or(&saved.started_at)),
                        saved.answered(),
                    ),
                    options: vec![
                        "Continue where I left off".into(),
                        "Start afresh (those answers are discarded)".into(),
                    ],
                    can_go_back: false,
                    help: None,
                };
                match prompter.select(&ask, Some(0)) {
                    Ok(Nav::Answer(choice)) => choice == 0,
                    Ok(Nav::Back) => true,
                    Err(PromptError::Interrupted) => {
                        return Err(Error::Interrupted(
                            "Interrupted; nothing was changed.".into(),
                        ))
                    }
                    Err(PromptError::Failed(e)) => return Err(Error::Prompt(e)),
                }
            };
            if resume {
                let changed = saved.pack != pack.id || saved.pack_version != pack.version;
                let dropped = session::reconcile(pack, &mut saved);
                // The ids come from the session file: quoted, and only the first few.
                let mut listed: Vec<String> = dropped
                    .iter()
                    .take(10)
                    .map(|d| crate::text::quote(d))
                    .collect();
                if dropped.len() > listed.len() {
                    listed.push(format!("and {} more", dropped.len() - listed.len()));
                }
                let listed = listed.join(", ");
                let note = match (changed, dropped.is_empty()) {
                    (true, true) => Some(format!(
                        "The rubric pack changed since you began (now {} v{}). All your \
                         answers still fit.",
                        pack.id, pack.version
                    )),
                    (true, false) => Some(format!(
                        "The rubric pack changed since you began (now {} v{}). These answers \
                         no longer fit and were dropped: {listed}.",
                        pack.id, pack.version
                    )),
                    (false, false) => Some(format!(
                        "These saved answers do not fit the pack and were dropped: {listed}."
                    )),
                    (false, true) => None,
                };
                if let Some(note) = note {
                    prompter.say(&note);
                }
                // Sessions saved before runs were chosen, or under another pack version,
                // ask the run chosen now; answers already given still count.
                if changed || saved.questions.is_empty() {
                    saved.questions = run_questions(pack, args);
                }
                (saved, true)
            } else {
                (
                    Session::new(
                        pack,
                        &now(),
                        run_questions(pack, args),
                        args.competency.clone(),
                    ),
                    false,
                )
            }
        }
    })
}

/// Renders `doc` to stdout or a file.
pub fn emit(doc: &ResultDocument, format: Format, output: Option<&Path>) -> Result<()> {
    let to_file = output.is_some_and(|p| p != Path::new("-"));
    let style = if to_file {
        Style::default()
    } else {
        stdout_style()
    };
    let text = if format == Format::Json {
        crate::text::json_safe(render::for_format(format).render(doc, style))
    } else {
        render::for_format(format).render(&for_display(doc), style)
    };
    store::write_output(output, &text)?;
    if let Some(path) = output.filter(|_| to_file) {
        crate::diagnostic::message(&format!("Wrote {}", path.display()));
    }
    Ok(())
}

fn list(pack: &Pack) -> String {
    let mut out = format!(
        "{} (pack {} v{})\n{}\n\nCompetencies\n",
        one_line(&pack.title),
        pack.id,
        pack.version,
        crate::text::wrap(&pack.description, 78, "")
    );
    for c in &pack.competencies {
        out.push_str(&format!(
            "  {:<26} {} ({} questions)\n",
            c.id,
            one_line(&c.title),
            c.questions.len()
        ));
    }
    out.push_str("\nProfiles (use with --profile)\n");
    for p in &pack.profiles {
        out.push_str(&format!("  {:<26} {}\n", p.id, one_line(&p.title)));
    }
    if !pack.certifications.is_empty() {
        out.push_str("\nCertifications\n");
        for c in &pack.certifications {
            out.push_str(&format!(
                "  {:<26} {} — {}\n",
                c.id,
                one_line(&c.title),
                one_line(&c.issuer)
            ));
        }
    }
    let short =
        crate::selection::questions(pack, &crate::selection::Scope::Default { draw: 0 }, &[]);
    let whole = crate::selection::questions(pack, &crate::selection::Scope::Thorough, &[]);
    let length = format!(
        "The default run asks {} questions, about {} minutes; `assess --thorough` asks {}, \
         about {} minutes.",
        crate::selection::prompt_count(pack, &short, true),
        crate::selection::minutes(pack, &short, true),
        crate::selection::prompt_count(pack, &whole, true),
        crate::selection::minutes(pack, &whole, true),
    );
    out.push_str(&format!("\n{}\n", crate::text::wrap(&length, 78, "")));
    out
}

fn eligibility_command(source: &PackSource, args: EligibilityArgs) -> Result<()> {
    let pack = pack::load_from(source)?;
    let (mut facts, profile): (BTreeMap<String, Value>, Option<String>) = match &args.answers {
        Some(path) => {
            let answers = load_answers(&pack, path, Completeness::Partial)?;
            (answers.facts, answers.profile)
        }
        None => (BTreeMap::new(), None),
    };
    let mut problems = Vec::new();
    for setting in &args.set {
        match parse_setting(&pack, setting) {
            Ok((key, value)) => {
                facts.insert(key, value);
            }
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    // The same checks as an answers file: ranges and option ids.
    let mut as_answers = Answers {
        facts,
        ..Answers::default()
    };
    let problems = answers::check(
        &pack,
        &mut as_answers,
        "--set",
        &Default::default(),
        Completeness::Partial,
    );
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let mut results = eligibility::evaluate_all(&pack, &as_answers.facts);
    // Open now first (those that suit the answers file's profile before the rest), then
    // not yet in reach, then held and not needed.
    let profile = profile.filter(|p| pack.profile(p).is_some());
    eligibility::sort_for_stage(&pack, profile.as_deref(), &mut results);
    let text = match args.format {
        ListFormat::Json => json_text(&results),
        ListFormat::Table => render::eligibility_table(&results, stdout_style()),
    };
    store::write_output(None, &text)
}

/// `key=value` → a fact value typed by the fact's kind (lists comma-separated).
fn parse_setting(pack: &Pack, setting: &str) -> std::result::Result<(String, Value), Diagnostic> {
    let Some((key, raw)) = setting.split_once('=') else {
        return Err(
            Diagnostic::new("--set", format!("`{setting}` is not KEY=VALUE"))
                .hint("write it like --set months_leading_projects=36"),
        );
    };
    let key = key.trim();
    let raw = raw.trim();
    let Some(fact) = pack.fact(key) else {
        return Err(
            Diagnostic::new("--set", format!("unknown fact `{key}`")).hint(format!(
                "facts: {}",
                pack.facts
                    .iter()
                    .map(|f| f.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        );
    };
    let value = match fact.kind {
        FactKind::Number => match raw.parse::<f64>() {
            Ok(n) => Value::Number(n),
            Err(_) => {
                return Err(Diagnostic::new(
                    "--set",
                    format!("`{key}` needs a number, not `{raw}`"),
                )
                .hint(format!("e.g. --set {key}=12")))
            }
        },
        FactKind::Select => Value::Text(raw.to_string()),
        FactKind::YesNo => match raw.to_ascii_lowercase().as_str() {
            "yes" | "y" | "true" => Value::Bool(true),
            "no" | "n" | "false" => Value::Bool(false),
            _ => {
                return Err(
                    Diagnostic::new("--set", format!("`{key}` is yes or no, not `{raw}`"))
                        .hint(format!("e.g. --set {key}=yes")),
                )
            }
        },
        FactKind::List => Value::List(
            raw.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        ),
    };
    Ok((key.to_string(), value))
}
