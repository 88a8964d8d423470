//! `skillgap assess` in a terminal: the session on disk, the lock, Ctrl-C and resume.

use super::*;

/// Held while a session file is written, so Ctrl-C never exits in the middle of a save.
pub(super) static SAVING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// What Ctrl-C prints before exiting: changes once the session has a place on disk.
pub(super) static ON_INTERRUPT: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

pub(super) fn set_interrupt_message(message: String) {
    if let Ok(mut slot) = ON_INTERRUPT.lock() {
        *slot = message;
    }
}

/// Ctrl-C or a closed terminal: every answer is already on disk, so restore the cursor, say
/// how to continue and exit with 130. Exiting from here also covers plain mode, whose line
/// reads the signal would not interrupt.
pub(super) fn install_interrupt_handler() {
    let _ = ctrlc::set_handler(|| exit_interrupted());
}

/// Restores the cursor, says where the answers are and exits with 130. Both the signal
/// handler and a prompt that reports the interruption come here; the lock makes the first
/// one the only one, and waits for a save in progress.
pub(super) fn exit_interrupted() -> ! {
    let _saving = SAVING.lock();
    // The terminal prompts turn echo off and hide the cursor; this puts both back, and writes
    // nothing where they never ran (plain mode writes no escape codes).
    crate::interactive::terminal::restore();
    let message = ON_INTERRUPT.lock().map(|m| m.clone()).unwrap_or_default();
    // Not eprintln!: after a hang-up stderr is gone, and a failed write must not panic.
    let _ = writeln!(std::io::stderr(), "\n{message}");
    std::process::exit(130);
}

pub(super) fn resume_hint(source: &PackSource) -> String {
    match source {
        PackSource::Embedded => "skillgap assess --resume".into(),
        PackSource::Dir(dir) => format!("skillgap --rubrics {} assess --resume", dir.display()),
    }
}

pub(super) fn interactive(source: &PackSource, pack: &Pack, args: &AssessArgs) -> Result<()> {
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
        "Interrupted. Your answers are saved in\n  {}\nContinue with: {}",
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
        let scenarios = |ids: &[String]| {
            ids.iter()
                .filter(|id| {
                    pack.question(id)
                        .is_some_and(|(_, q)| q.kind.is_knowledge())
                })
                .count()
        };
        let run = if session.questions.len() < whole.len() {
            format!(
                " ({} of the bank's {} scenarios; `--thorough` asks them all)",
                scenarios(&session.questions),
                scenarios(&whole)
            )
        } else {
            String::new()
        };
        // What is announced is what the flow asks, in its order.
        let what = if session.only.is_empty() {
            one_line(&pack.title)
        } else {
            format!("Retaking {}", flow.competency_titles().join(", "))
        };
        let minutes = crate::selection::minutes(pack, &session.questions, with_facts);
        let more = if session.thorough {
            String::new()
        } else {
            match crate::selection::follow_up_room(pack, None, &session.questions, with_facts) {
                0 => String::new(),
                _ => format!(
                    ", and a few follow-ups where your answers leave a level unsure, within {} \
                     minutes in all",
                    pack.default_run.max_minutes.max(minutes)
                ),
            }
        };
        prompter.say(&format!(
            "{what}: {} questions{run}, about {minutes} minutes{more}. Every answer is saved as \
             you go; Ctrl-C stops and `{}` continues.",
            flow.len(),
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
pub(super) fn open_session(
    pack: &Pack,
    prompter: &mut dyn crate::interactive::Prompter,
    args: &AssessArgs,
    dir: &Path,
) -> Result<(crate::session::Session, bool)> {
    use crate::interactive::{Nav, PromptError};
    use crate::session::{self, Session};

    let existing = session::load(dir)?;
    let fresh = || {
        let mut session = Session::new(
            pack,
            &now(),
            run_questions(pack, args),
            args.competency.clone(),
        );
        session.thorough = args.thorough;
        session
    };
    Ok(match existing {
        None if args.resume => {
            return Err(Error::usage(
                "there is no unfinished assessment to resume",
                "start one with `skillgap assess`",
            ))
        }
        None => (fresh(), false),
        Some(mut saved) => {
            let resume = args.resume || {
                // Counted as the person saw them: a checklist is one question, however many
                // statements it ticks.
                let questions = if saved.questions.is_empty() {
                    run_questions(pack, args)
                } else {
                    saved.questions.clone()
                };
                let (done, total) =
                    crate::interactive::Flow::new(pack, &questions, saved.only.is_empty())
                        .progress(&saved);
                let ask = crate::interactive::Ask {
                    counter: String::new(),
                    prompt: &format!(
                        "You have an unfinished assessment from {}: {done} of {total} questions \
                         answered.",
                        crate::text::quote(saved.started_at.get(..10).unwrap_or(&saved.started_at)),
                    ),
                    options: vec![
                        "Continue where I left off".into(),
                        "Start afresh (those answers are discarded)".into(),
                    ],
                    can_go_back: false,
                    help: None,
                    progress: None,
                };
                match prompter.select(&ask, Some(0)) {
                    Ok(Nav::Answer(choice)) => choice == 0,
                    Ok(Nav::Back) => true,
                    // The message says nothing was changed (set before the session opened).
                    Err(PromptError::Interrupted) => exit_interrupted(),
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
                if let Some(note) = session::complete_questions(pack, &mut saved) {
                    prompter.say(&note);
                }
                (saved, true)
            } else {
                (fresh(), false)
            }
        }
    })
}
