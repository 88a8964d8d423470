//! What each command does: I/O at the edges around the pure engine. One file per command
//! (or family of commands); shared output helpers live here.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::answers::{self, Answers, Completeness, Value};
use crate::cli::{
    AnswersCommand, AssessArgs, Cli, CohortArgs, Command, EligibilityArgs, ListFormat,
    RubricsCommand,
};
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::pack::{self, FactKind, Pack, PackSource};
use crate::render::{self, Format, Style};
use crate::result::{self, ResultDocument};
use crate::store;
use crate::template;
use crate::text::one_line;

mod assess;
mod cohort;
mod eligibility;
mod interactive;
mod results;
mod rubrics;

use assess::{assess, finish, run_questions};
use cohort::cohort;
use eligibility::eligibility_command;
use interactive::interactive;
use results::{compare, history};
use rubrics::list;

/// Whether `command` prints its data on stdout (every command but those given `-o FILE`).
fn writes_stdout(command: &Command) -> bool {
    let to_stdout =
        |output: &Option<std::path::PathBuf>| output.as_deref().is_none_or(|p| p == Path::new("-"));
    match command {
        Command::Assess(args) => to_stdout(&args.output),
        Command::Export { output, .. } => to_stdout(output),
        Command::Cohort(args) => to_stdout(&args.output),
        _ => true,
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    if writes_stdout(&cli.command) {
        store::check_stdout()?;
    }
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
            // Every check, and positions in the YAML should one fail.
            let pack = match &source {
                PackSource::Embedded => pack::check_embedded()?,
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
            let found = crate::history::find(&crate::session::data_dir()?, &result)?;
            check_output(output.as_deref(), &[(&found.path, "the result file")], None)?;
            crate::history::warn_passed_over(std::slice::from_ref(&found));
            emit(&found.doc, format, output.as_deref())
        }
        Command::Compare { old, new, format } => compare(&old, &new, format),
        Command::Cohort(args) => cohort(&source, args),
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
pub(super) fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

pub(super) fn check_profile(pack: &Pack, profile: &str, origin: &str) -> Result<()> {
    if pack.profile(profile).is_none() {
        return Err(Error::Invalid(vec![answers::unknown_profile(
            pack, profile, origin,
        )]));
    }
    Ok(())
}

/// The longest name a result keeps as its `person`, in characters. A name, not a file: it
/// bounds what an answers file or `--person` puts into a result, so that a saved result
/// always reads back (see [`store::MAX_INPUT_BYTES`]).
pub const MAX_PERSON_CHARS: usize = 200;

/// Why `person` is too long to keep, if it is.
fn person_too_long(person: &str) -> Option<String> {
    let chars = person.chars().count();
    (chars > MAX_PERSON_CHARS).then(|| {
        format!("the name is {chars} characters long; a result keeps at most {MAX_PERSON_CHARS}")
    })
}

/// Reads and checks an answers file.
pub fn load_answers(pack: &Pack, path: &Path, completeness: Completeness) -> Result<Answers> {
    let (name, text) = store::read_input(path, "answers file")?;
    let (mut answers, spans) = answers::parse(&name, &text).map_err(Error::Invalid)?;
    let mut problems = answers::check(pack, &mut answers, &name, &spans, completeness);
    if let Some(message) = answers.person.as_deref().and_then(person_too_long) {
        problems.insert(
            0,
            Diagnostic::new(&name, format!("person: {message}"))
                .at(spans.find("person"))
                .hint("give the person's name, or leave `person:` out"),
        );
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    answers::normalise(pack, &mut answers);
    Ok(answers)
}

pub(super) fn now() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// Refuses an `--output` that is a file this command reads — `files` (what each is, as the
/// message says it; `-` for stdin), the files of the pack folder, or a file of the data folder
/// (a saved result, the session): writing it would destroy the input (an answers file
/// replaced by its report, a saved result turned into CSV). Compared as files, not as paths
/// (see [`store::FileId`]), so a link or a second name is caught too. A new file or a FIFO
/// is never an input.
pub(super) fn check_output(
    output: Option<&Path>,
    files: &[(&Path, &str)],
    pack: Option<&PackSource>,
) -> Result<()> {
    let Some(output) = output.filter(|p| *p != Path::new("-")) else {
        return Ok(());
    };
    let Some(id) = store::FileId::of(output) else {
        return Ok(());
    };
    let refuse = |what: String| {
        Err(Error::usage(
            format!(
                "--output {} is {what}: writing there would destroy it",
                crate::text::quote(&output.display().to_string())
            ),
            "write the output to another file",
        ))
    };
    for (path, what) in files {
        let input = if *path == Path::new("-") {
            store::FileId::of_stdin()
        } else {
            store::FileId::of(path)
        };
        if input == Some(id) {
            return refuse(format!("{what} this command reads"));
        }
    }
    if let Some(PackSource::Dir(dir)) = pack {
        let yaml = |p: &Path| p.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if let Some(file) = store::find_under(dir, 2, &yaml, id) {
            return refuse(format!(
                "a file of the rubric pack this command reads ({})",
                crate::text::quote(&file.display().to_string())
            ));
        }
    }
    if let Ok(data) = crate::session::data_dir() {
        let session = [
            crate::session::session_path(&data),
            crate::session::lock_path(&data),
        ];
        if session.iter().any(|p| store::FileId::of(p) == Some(id)) {
            return refuse("your unfinished assessment in the data folder".into());
        }
        let results = crate::session::results_dir(&data);
        if let Some(file) = store::find_under(&results, 0, &|_| true, id) {
            return refuse(format!(
                "a saved result ({})",
                crate::text::quote(&file.display().to_string())
            ));
        }
    }
    Ok(())
}

/// Renders `doc` to stdout or a file.
pub fn emit(doc: &ResultDocument, format: Format, output: Option<&Path>) -> Result<()> {
    emit_with(doc, format, output, None)
}

/// Renders `doc` to stdout or a file; `saved` is its JSON when it was just saved, which
/// `--format json` writes rather than render it again. JSON bound for stdout is written as
/// it is made, with no copy of the document in memory.
pub(super) fn emit_with(
    doc: &ResultDocument,
    format: Format,
    output: Option<&Path>,
    saved: Option<&str>,
) -> Result<()> {
    let to_file = output.is_some_and(|p| p != Path::new("-"));
    let text = match (format, saved) {
        (Format::Json, Some(json)) => json.to_string(),
        (Format::Json, None) if !to_file => {
            return store::stream_stdout(|out| render::json::write_pretty(out, doc));
        }
        (Format::Json, None) => render::json::pretty(doc),
        _ => {
            let style = if to_file {
                Style::default()
            } else {
                stdout_style()
            };
            render::for_format(format).render(&for_display(doc), style)
        }
    };
    store::write_output(output, &text)?;
    if let Some(path) = output.filter(|_| to_file) {
        crate::diagnostic::message(&format!("Wrote {}", path.display()));
    }
    Ok(())
}

/// A copy of a result fit for a terminal: every string escaped and of bounded length (see
/// [`crate::text::for_display`]). Text formats render this copy; JSON keeps the data as it is.
pub(super) fn for_display(doc: &ResultDocument) -> ResultDocument {
    crate::text::for_display(doc).unwrap_or_else(|| doc.clone())
}
