//! The keyboard in a real pseudo-terminal, read back as a person sees the screen: the output
//! goes through a terminal emulator (vt100), so "no stray lines" and "shown once" are checked
//! on what is on screen, not on the bytes sent. Every wait is for text, never a sleep.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::*;
use expectrl::{Eof, Regex, Session, Signal, WaitStatus};

const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const DOWN: &str = "\x1b[B";
const RIGHT: &str = "\x1b[C";
const LEFT: &str = "\x1b[D";
const CTRL_C: &str = "\x03";

/// The long go-live option of alpha_choice in the keys pack.
const LONG_OPTION: &str = "Open a priority-one ticket in the command centre, start the downtime \
    procedure for medication orders on that ward so that patients keep getting their medicines, \
    and call the interface analyst and the pharmacy lead together to trace the orders from the \
    ward to the pharmacy queue";

/// The first, twelfth and last statements of the keys pack's checklist.
const S01: &str = "I have run a go-live command centre for an EHR module, with super-users on \
    every unit and a daily huddle";
const S12: &str = "I have rebuilt a failing project's plan after an audit, agreed it with the \
    sponsor and delivered it";
const S15: &str = "I have planned the decommissioning of a legacy clinical system, including \
    archiving its records";

fn keys_pack() -> PathBuf {
    root().join("tests/fixtures/keys-pack")
}

/// Text with every run of white space (line ends included) folded to one space.
fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `skillgap assess` in a pseudo-terminal of a given size, its screen kept by an emulator.
struct Tty {
    p: Session,
    vt: vt100::Parser,
}

impl Tty {
    /// The keys pack (`rubrics` Some) or the built-in one.
    fn spawn(rubrics: Option<&Path>, data: &Path, args: &[&str], cols: u16, rows: u16) -> Tty {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_skillgap"));
        if let Some(dir) = rubrics {
            cmd.arg("--rubrics").arg(dir);
        }
        cmd.arg("assess").args(args);
        cmd.env("SKILLGAP_DATA_DIR", data)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env_remove("COLUMNS")
            .env_remove("LINES");
        let mut p = Session::spawn(cmd).expect("spawn in a pty");
        p.get_process_mut().set_window_size(cols, rows).unwrap();
        p.set_expect_timeout(Some(Duration::from_secs(20)));
        Tty {
            p,
            vt: vt100::Parser::new(rows.try_into().unwrap(), cols.try_into().unwrap(), 0),
        }
    }

    fn keys(data: &Path, cols: u16, rows: u16) -> Tty {
        Tty::spawn(Some(&keys_pack()), data, &[], cols, rows)
    }

    fn screen(&self) -> String {
        self.vt.screen().contents()
    }

    /// Reads output until `ok` holds for the screen, and returns the screen.
    fn until(&mut self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            match self.p.expect(Regex("(?s).+")) {
                Ok(found) => self.vt.process(found.as_bytes()),
                Err(e) => panic!("waiting for {what}: {e}\n--- screen ---\n{screen}"),
            }
        }
    }

    /// Like [`Tty::until`], for a screen whose prompt is drawn whole: its last line is the
    /// key hint of a list or the line typed into.
    fn until_drawn(&mut self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.until(what, |s| {
            let last = s.trim_end().lines().last().unwrap_or("");
            ok(s) && (last.ends_with("Ctrl-C saves and quits") || last.starts_with('›'))
        })
    }

    /// Waits for prompt `n` of `total` to be the one asked, drawn whole: the last counter on
    /// screen is its own, and the last line is the key hint of a list or the line typed into.
    fn at(&mut self, n: usize, total: usize) -> String {
        let counter = format!("[{n}/{total}]");
        let of_total = format!("/{total}]");
        self.until(&counter, |s| {
            let last = s.trim_end().lines().last().unwrap_or("");
            let asked = s
                .lines()
                .rev()
                .find(|l| l.starts_with('[') && l.contains(&of_total));
            asked.is_some_and(|l| l.starts_with(&counter))
                && (last.ends_with("Ctrl-C saves and quits") || last.starts_with('›'))
        })
    }

    fn send(&mut self, keys: &[&str]) {
        for key in keys {
            self.p.send(key).unwrap();
        }
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.p
            .get_process_mut()
            .set_window_size(cols, rows)
            .unwrap();
        self.vt
            .set_size(rows.try_into().unwrap(), cols.try_into().unwrap());
    }

    fn exit_code(&mut self) -> i32 {
        let rest = self.p.expect(Eof).map(|c| c.as_bytes().to_vec());
        if let Ok(bytes) = rest {
            self.vt.process(&bytes);
        }
        match self.p.get_process().wait().unwrap() {
            WaitStatus::Exited(_, code) => code,
            other => panic!("did not exit normally: {other:?}"),
        }
    }
}

/// The line of the screen the cursor marker ❯ is on.
fn marked(screen: &str) -> &str {
    screen
        .lines()
        .find(|l| l.starts_with('❯'))
        .unwrap_or_else(|| panic!("no ❯ on screen:\n{screen}"))
}

fn session_file(data: &Path) -> String {
    std::fs::read_to_string(data.join("session.yaml")).unwrap_or_default()
}

/// Prompts of the keys pack: 1 profile, 2 degree, 3 works in healthcare (y/n), 4 months
/// (number), 5 checklist (15 long options), 6 alpha done (the one experience statement, so a
/// y/n), 7 alpha rating, 8 alpha choice (a long option), 9 beta rating, 10 beta multi,
/// 11 beta months.
const TOTAL: usize = 11;

/// Simple answers to each prompt of the keys pack.
const KEYS: [&[&str]; TOTAL] = [
    &[DOWN, ENTER],
    &[DOWN, ENTER],
    &["y", ENTER],
    &["40", ENTER],
    &[ENTER],
    &["y", ENTER],
    &[DOWN, DOWN, ENTER],
    &[DOWN, ENTER],
    &[DOWN, ENTER],
    &[" ", ENTER],
    &["24", ENTER],
];

/// Answers prompts `from..=to` of the keys pack with [`KEYS`]. The checklist (5) is asked in
/// parts when the screen is short: Enter goes through them.
fn answer(t: &mut Tty, from: usize, to: usize) {
    for n in from..=to {
        let screen = t.at(n, TOTAL);
        t.send(KEYS[n - 1]);
        if n == 5 {
            let parts = part_of(&screen).map_or(0, |(_, end)| usize::from(end < 15));
            for _ in 0..parts {
                t.until_drawn("the next part", |s| {
                    part_of(s).is_none_or(|(_, end)| end == 15) && s.contains("none ticked")
                });
                t.send(&[ENTER]);
            }
        }
    }
}

/// Answers prompts 1..=n.
fn answer_up_to(t: &mut Tty, n: usize) {
    answer(t, 1, n);
}

/// Esc, then Enter, at a yes or no: Esc empties the line and says Enter goes back. A
/// person's Enter comes after the Esc is read; sent at once, the two would read as one key.
fn esc_enter(t: &mut Tty) {
    t.send(&[ESC]);
    t.until("the line emptied", |s| {
        s.trim_end().ends_with("› (Enter goes back)")
    });
    t.send(&[ENTER]);
}

/// The statements a part of the checklist shows ("Part 2 of 3: statements 6–10 of 15."), if
/// it is in parts.
fn part_of(screen: &str) -> Option<(usize, usize)> {
    let line = screen.lines().find(|l| l.starts_with("Part "))?;
    let range = line.split_once(": statements ")?.1.split(' ').next()?;
    let (a, b) = range.split_once('–')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// The progress bar's "N/11 done".
fn done(screen: &str) -> Option<usize> {
    let line = screen
        .lines()
        .map(str::trim_end)
        .find(|l| l.ends_with(&format!("/{TOTAL} done")))?;
    line.split_whitespace()
        .rev()
        .nth(1)?
        .split('/')
        .next()?
        .parse()
        .ok()
}

#[test]
fn n_then_enter_at_a_yes_no_does_not_answer_the_next_question() {
    let data = tempfile::tempdir().unwrap();
    let mut t = Tty::keys(data.path(), 80, 30);
    answer_up_to(&mut t, 5);
    let screen = t.at(6, TOTAL);
    assert!(screen.contains("y or n, then Enter"), "{screen}");
    // The habit: a key, then Enter, sent together.
    t.send(&["n", ENTER]);
    let screen = t.at(7, TOTAL);
    assert!(screen.contains("[6/11] I have done alpha work on a live clinical system\n→ no"));
    assert!(
        marked(&screen).starts_with("❯ I am starting out in alpha"),
        "{screen}"
    );
    // The self-rating is still asked: the cursor moves.
    t.send(&[DOWN, DOWN]);
    t.until("the cursor on the third", |s| {
        s.contains("❯ I shape how the whole")
    });
    let saved = session_file(data.path());
    assert!(saved.contains("alpha_done: false"), "{saved}");
    assert!(!saved.contains("alpha_rating:"), "{saved}");

    // Back to the yes/no: y and a double Enter sent at once answer it, and only it.
    t.send(&[ESC]);
    let screen = t.at(6, TOTAL);
    assert!(screen.contains("Enter keeps no"), "{screen}");
    t.send(&["y\r\r"]);
    let screen = t.at(7, TOTAL);
    assert!(screen.contains("→ yes"), "{screen}");
    t.send(&[DOWN]);
    t.until("the cursor on the second", |s| {
        s.contains("❯ I do alpha work on my own")
    });
    let saved = session_file(data.path());
    assert!(saved.contains("alpha_done: true"), "{saved}");
    assert!(!saved.contains("alpha_rating:"), "{saved}");
}

#[test]
fn going_back_works_from_every_prompt_with_the_earlier_answer_and_leaves_no_stray_lines() {
    let data = tempfile::tempdir().unwrap();
    let mut t = Tty::keys(data.path(), 80, 30);
    answer_up_to(&mut t, 4);
    // From the checklist (a list: Esc) back to the number: 40 offered, the checklist gone.
    t.at(5, TOTAL);
    t.send(&[ESC]);
    let screen = t.at(4, TOTAL);
    assert!(screen.contains("Enter keeps 40"), "{screen}");
    assert!(!screen.contains("[5/11]"), "{screen}");
    assert!(
        !screen.contains("→ 40 months"),
        "the old answer line is gone: {screen}"
    );
    assert_eq!(screen.matches("[4/11] Months leading projects").count(), 1);
    assert!(
        screen.contains("Count months you led a project as its manager, not team work."),
        "the help line: {screen}"
    );
    // From the number back to the yes/no: b then Enter, not echoed.
    t.send(&["b", ENTER]);
    let screen = t.at(3, TOTAL);
    assert!(screen.contains("Enter keeps yes"), "{screen}");
    assert!(
        !screen.contains("[4/11]") && !screen.contains("→ yes"),
        "{screen}"
    );
    assert!(!screen.lines().any(|l| l.contains("→ b")), "{screen}");
    assert_eq!(screen.matches("[3/11]").count(), 1, "{screen}");
    // From the yes/no back to the degree: Esc, then Enter.
    esc_enter(&mut t);
    let screen = t.at(2, TOTAL);
    assert!(!screen.contains("[3/11]"), "{screen}");
    assert!(marked(&screen).starts_with("❯ Bachelor"), "{screen}");
    // Enter keeps each answer on the way forward again.
    t.send(&[ENTER]);
    t.at(3, TOTAL);
    t.send(&[ENTER]);
    t.at(4, TOTAL);
    t.send(&[ENTER]);
    answer(&mut t, 5, 5);
    t.at(6, TOTAL);
    // From the yes/no back to the checklist, its "none" answer gone.
    esc_enter(&mut t);
    let screen = t.at(5, TOTAL);
    assert!(
        !screen.contains("[6/11]") && !screen.contains("→ none"),
        "{screen}"
    );
    let saved = session_file(data.path());
    assert!(saved.contains("degree: bachelor"), "{saved}");
    assert!(saved.contains("works_in_healthcare: true"), "{saved}");
    assert!(saved.contains("months_leading_projects: 40"), "{saved}");
}

#[test]
fn enter_alone_at_a_yes_no_with_no_answer_yet_asks_again() {
    let data = tempfile::tempdir().unwrap();
    let mut t = Tty::keys(data.path(), 80, 30);
    answer_up_to(&mut t, 2);
    t.at(3, TOTAL);
    t.send(&[ENTER]);
    let screen = t.until_drawn("the note", |s| s.contains("Type y or n, then Enter."));
    assert_eq!(screen.matches("[3/11]").count(), 1, "{screen}");
    assert!(!screen.contains("[2/11] Highest degree\n\n"), "{screen}");
    t.send(&["y", ENTER]);
    t.at(4, TOTAL);
    assert!(session_file(data.path()).contains("works_in_healthcare: true"));
}

#[test]
fn a_long_option_is_shown_once_whole_and_wrapped_inside_the_list() {
    let data = tempfile::tempdir().unwrap();
    let mut t = Tty::keys(data.path(), 80, 30);
    answer_up_to(&mut t, 7);
    let screen = t.at(8, TOTAL);
    let frame = &screen[screen.find("[8/11]").unwrap()..];
    assert_eq!(
        folded(frame).matches(&folded(LONG_OPTION)).count(),
        1,
        "{frame}"
    );
    assert!(!frame.contains('…'), "{frame}");
    assert!(frame.lines().all(|l| l.chars().count() < 80), "{frame}");
    // Wrapped inside the list: its lines after the first are indented under its text.
    let first = frame
        .lines()
        .position(|l| l.starts_with("  Open a priority-one ticket"))
        .unwrap_or_else(|| panic!("{frame}"));
    let next = frame.lines().nth(first + 1).unwrap();
    assert!(next.starts_with("  ") && !next.trim().is_empty(), "{frame}");
    t.send(&[DOWN, ENTER]);
    let screen = t.at(9, TOTAL);
    assert!(
        folded(&screen).contains(&folded(&format!("→ {LONG_OPTION}"))),
        "the answer stays on screen whole: {screen}"
    );
}

/// At 80×24 the 15 long statements do not fit: they are asked in parts, each whole on the
/// screen, so Enter never answers a statement the person has not seen.
#[test]
fn a_long_checklist_at_80x24_is_asked_in_parts_each_seen_whole_and_every_pick_is_echoed() {
    let data = tempfile::tempdir().unwrap();
    let mut t = Tty::keys(data.path(), 80, 24);
    answer_up_to(&mut t, 4);
    let screen = t.at(5, TOTAL);
    assert!(
        marked(&screen).starts_with("❯ [ ] I have run a go-live"),
        "{screen}"
    );
    let statements: Vec<String> = std::fs::read_to_string(keys_pack().join("pack.yaml"))
        .unwrap()
        .lines()
        .filter_map(|l| {
            l.split_once("text: \"")
                .map(|(_, t)| t.trim_end_matches("\" }").to_string())
        })
        .collect();
    assert_eq!(statements.len(), 15);
    let mut next = 1;
    let mut screen = screen;
    loop {
        let (a, b) = part_of(&screen).unwrap_or_else(|| panic!("not in parts at 80×24:\n{screen}"));
        assert_eq!(a, next, "parts follow each other: {screen}");
        assert!(screen.lines().count() <= 24);
        // Every statement of the part is on screen, whole.
        let shown = folded(&screen);
        for s in &statements[a - 1..b] {
            assert!(shown.contains(&folded(s)), "{s} not shown whole:\n{screen}");
        }
        assert!(
            screen.trim_end().ends_with("Ctrl-C saves and quits"),
            "{screen}"
        );
        // Tick the first, the twelfth and the last statement.
        let mut keys = Vec::new();
        let mut at = a;
        for want in [1, 12, 15] {
            if (a..=b).contains(&want) {
                keys.extend(std::iter::repeat_n(DOWN, want - at));
                keys.push(" ");
                at = want;
            }
        }
        t.send(&keys);
        let ticked = [1, 12, 15].iter().filter(|w| (a..=b).contains(*w)).count();
        t.until_drawn("the ticks", |s| s.matches("[x]").count() == ticked);
        if b == 15 {
            assert!(
                screen.contains("Enter confirms (none ticked: none)"),
                "{screen}"
            );
            break;
        }
        assert!(
            screen.contains("Enter goes on to the next ones"),
            "{screen}"
        );
        t.send(&[ENTER]);
        next = b + 1;
        screen = t.until_drawn("the next part", |s| {
            part_of(s).is_some_and(|(a, _)| a == next)
        });
    }
    // Esc goes back a part with its ticks kept; Enter goes on again.
    t.send(&[ESC]);
    let screen = t.until_drawn("the part before", |s| {
        part_of(s).is_some_and(|(a, _)| a < next)
    });
    let (a, b) = part_of(&screen).unwrap();
    let kept = [1, 12, 15].iter().filter(|w| (a..=b).contains(*w)).count();
    assert_eq!(screen.matches("[x]").count(), kept, "{screen}");
    t.send(&[ENTER]);
    t.until_drawn("the last part", |s| {
        part_of(s).is_some_and(|(_, b)| b == 15)
    });
    t.send(&[ENTER]);
    let screen = t.at(6, TOTAL);
    let folded_screen = folded(&screen);
    for pick in [S01, S12, S15] {
        assert!(
            folded_screen.contains(&folded(&format!("→ {pick}"))),
            "every pick echoed whole: {screen}"
        );
    }
    let saved = session_file(data.path());
    assert!(saved.contains("- s01\n") && saved.contains("- s12\n") && saved.contains("- s15\n"));
}

/// A resize is redrawn at the next key, on a clear screen at the new width: nothing of the
/// old frame is left, and nothing is cut.
#[test]
fn a_resize_mid_question_is_redrawn_whole_at_the_new_width_at_the_next_key() {
    let data = tempfile::tempdir().unwrap();
    let mut t = Tty::keys(data.path(), 80, 30);
    answer_up_to(&mut t, 7);
    t.at(8, TOTAL);
    let whole = |s: &str, width: usize| {
        let Some(start) = s.find("[8/11]") else {
            return false;
        };
        let frame = &s[start..];
        folded(frame).matches(&folded(LONG_OPTION)).count() == 1
            && s.lines().all(|l| l.trim_end().chars().count() < width)
            && folded(frame).ends_with("Ctrl-C saves and quits")
    };
    t.resize(60, 30);
    // A key that does nothing in a list.
    t.send(&["x"]);
    let screen = t.until("a redraw at 60 columns", |s| whole(s, 60));
    assert_eq!(screen.matches("[8/11]").count(), 1, "{screen}");
    assert!(screen.contains("  Open a priority-one ticket"), "{screen}");
    assert!(
        marked(&screen).starts_with("❯ Roll the whole system back"),
        "{screen}"
    );
    // The key that wakes the redraw counts: here it moves the cursor.
    t.resize(110, 30);
    t.send(&[DOWN]);
    let screen = t.until("a redraw at 110 columns", |s| {
        whole(s, 110) && s.lines().any(|l| l.chars().count() > 80)
    });
    assert_eq!(screen.matches("[8/11]").count(), 1, "{screen}");
    assert!(
        marked(&screen).starts_with("❯ Open a priority-one"),
        "{screen}"
    );
    t.send(&[ENTER]);
    t.at(9, TOTAL);
    assert!(session_file(data.path()).contains("alpha_choice: b"));
}

#[test]
fn the_progress_bar_moves_with_every_prompt() {
    let data = tempfile::tempdir().unwrap();
    let mut t = Tty::keys(data.path(), 80, 30);
    for n in 1..=4 {
        let screen = t.at(n, TOTAL);
        assert_eq!(done(&screen), Some(n - 1), "{screen}");
        t.send(KEYS[n - 1]);
    }
    // Going back: the bar counts what is answered, the prompt shown included.
    t.at(5, TOTAL);
    t.send(&[ESC]);
    let screen = t.at(4, TOTAL);
    assert_eq!(done(&screen), Some(4), "{screen}");
}

/// Answers prompts 1..=n, stops with Ctrl-C, and starts again: the offer to continue.
fn offered_after(data: &Path, n: usize) -> (Tty, String) {
    let mut t = Tty::keys(data, 80, 30);
    answer_up_to(&mut t, n);
    t.at(n + 1, TOTAL);
    t.send(&[CTRL_C]);
    assert_eq!(t.exit_code(), 130);
    let mut t = Tty::keys(data, 80, 30);
    let screen = t.until_drawn("the offer", |s| s.contains("Continue where I left off"));
    (t, screen)
}

/// The offer to continue counts questions as the screen numbered them: the checklist of 15
/// statements is one.
#[test]
fn the_offer_to_continue_counts_the_questions_the_person_answered() {
    let data = tempfile::tempdir().unwrap();
    let (mut t, screen) = offered_after(data.path(), 5);
    assert!(
        folded(&screen).contains("5 of 11 questions answered."),
        "{screen}"
    );
    t.send(&[ENTER]);
    t.at(6, TOTAL);
}

/// The same for the built-in pack, whose checklists tick a dozen statements each and whose
/// yes/no facts are asked together: each counts once.
#[test]
fn the_offer_to_continue_counts_a_checklist_as_one_question() {
    use skillgap::pack::QuestionKind;
    use skillgap::selection::{self, Scope};
    let data = tempfile::tempdir().unwrap();
    let pack = skillgap::pack::load_embedded().unwrap();
    let file = root().join("examples/answers/software-engineer-to-healthcare.yaml");
    let (answers, _) =
        skillgap::answers::parse("example", &std::fs::read_to_string(file).unwrap()).unwrap();
    let asked = selection::questions(&pack, &Scope::Default { draw: 0 }, &[]);
    let mut session =
        skillgap::session::Session::new(&pack, "2026-11-30T10:00:00Z", asked.clone(), vec![]);
    // Everything up to the questions of the competencies: profile, facts, both checklists.
    session.profile = answers.profile.clone();
    session.facts = answers.facts.clone();
    for (_, q) in pack.questions() {
        if q.kind == QuestionKind::YesNo && asked.contains(&q.id.to_string()) {
            session
                .answers
                .insert(q.id.to_string(), answers.answers[q.id.as_str()].clone());
        }
    }
    skillgap::session::save(data.path(), &session).unwrap();
    let checklists = selection::checklists(pack.competencies.iter(), &asked).len();
    let done = 1 + selection::fact_groups(&pack).len() + checklists;
    let total = done
        + pack
            .questions()
            .filter(|(_, q)| q.kind != QuestionKind::YesNo && asked.contains(&q.id.to_string()))
            .count();
    assert!(session.answered() > done + 10, "rows and facts one by one");
    let mut t = Tty::spawn(None, data.path(), &[], 80, 24);
    let screen = t.until_drawn("the offer", |s| s.contains("Continue where I left off"));
    assert!(
        folded(&screen).contains(&format!("{done} of {total} questions answered.")),
        "{screen}"
    );
    t.send(&[ENTER]);
    t.at(done + 1, total);
}

/// Ctrl-C at the offer to continue says so on a line of its own.
#[test]
fn ctrl_c_at_the_offer_to_continue_prints_its_message_on_its_own_line() {
    let data = tempfile::tempdir().unwrap();
    let (mut t, _) = offered_after(data.path(), 1);
    t.send(&[CTRL_C]);
    assert_eq!(t.exit_code(), 130);
    let screen = t.screen();
    let line = screen
        .lines()
        .find(|l| l.contains("Interrupted"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert_eq!(
        line.trim_end(),
        "Interrupted. Nothing was changed.",
        "{screen}"
    );
    assert!(session_file(data.path()).contains("profile: lead"));
}

/// The built-in pack with every answer given: `assess --resume` opens on the review.
fn finished_session(data: &Path) {
    let pack = skillgap::pack::load_embedded().unwrap();
    let file = root().join("examples/answers/software-engineer-to-healthcare.yaml");
    let text = std::fs::read_to_string(file).unwrap();
    let (answers, _) = skillgap::answers::parse("example", &text).unwrap();
    let everything =
        skillgap::selection::questions(&pack, &skillgap::selection::Scope::Thorough, &[]);
    let mut session =
        skillgap::session::Session::new(&pack, "2026-11-30T10:00:00Z", everything, vec![]);
    session.profile = answers.profile;
    session.facts = answers.facts;
    session.answers = answers.answers;
    skillgap::session::save(data, &session).unwrap();
}

/// "↓ N more below" on the pages of the review at 80×24, → and ← through them.
fn below(screen: &str) -> Option<usize> {
    let line = screen.lines().find(|l| l.contains(" more below"))?;
    line.trim_start()
        .strip_prefix("↓ ")?
        .split(' ')
        .next()?
        .parse()
        .ok()
}

fn above(screen: &str) -> usize {
    screen
        .lines()
        .find(|l| l.contains(" more above"))
        .and_then(|l| {
            l.trim_start()
                .strip_prefix("↑ ")?
                .split(' ')
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

#[test]
fn the_review_pages_say_how_many_rows_are_above_and_below_and_rows_read_whole() {
    let data = tempfile::tempdir().unwrap();
    finished_session(data.path());
    let mut t = Tty::spawn(None, data.path(), &["--resume"], 80, 24);
    let screen = t.until("the review", |s| {
        s.contains("Pick an answer to change it")
            && s.trim_end().ends_with("Ctrl-C saves and quits")
    });
    assert!(
        marked(&screen).ends_with("Score my answers now"),
        "{screen}"
    );
    assert_eq!(above(&screen), 0);
    let first_below = below(&screen).unwrap_or_else(|| panic!("no more below:\n{screen}"));
    assert!(screen.contains("←→ pages"), "{screen}");
    // Page by page to the last: what is above and below always adds up.
    let mut seen = Vec::new();
    let mut screen = screen;
    let total = loop {
        let (up, down) = (above(&screen), below(&screen));
        assert!(screen.lines().count() <= 24);
        seen.push(screen.clone());
        match down {
            None => {
                break up
                    + screen
                        .lines()
                        .filter(|l| {
                            l.starts_with("❯ ")
                                || l.starts_with("  ")
                                    && !l.starts_with("   ")
                                    && !l.contains(" more ")
                        })
                        .count()
            }
            Some(_) => {
                t.send(&[RIGHT]);
                screen = t.until_drawn("the next page", |s| above(s) > up);
            }
        }
    };
    assert!(total > 90, "{total} rows");
    assert!(seen.len() > 3, "{} pages", seen.len());
    assert!(first_below + 1 < total);
    // Rows are recognisable: competency · kind · label · answer; a checklist row shows its
    // statements, not a short label.
    let all = folded(&seen.join("\n"));
    assert!(all.contains("HIPAA & regulation · self-rating · "), "{all}");
    let pack = skillgap::pack::load_embedded().unwrap();
    let file = root().join("examples/answers/software-engineer-to-healthcare.yaml");
    let (answers, _) =
        skillgap::answers::parse("example", &std::fs::read_to_string(file).unwrap()).unwrap();
    let ticked: Vec<String> = pack
        .questions()
        .filter(|(_, q)| q.kind == skillgap::pack::QuestionKind::YesNo)
        .filter(|(_, q)| answers.answers.get(q.id.as_str()).and_then(|v| v.as_bool()) == Some(true))
        .map(|(_, q)| q.prompt.to_string())
        .collect();
    assert!(!ticked.is_empty());
    for statement in &ticked {
        assert!(
            all.contains(&folded(statement)),
            "{statement} not whole in {all}"
        );
    }
    // ← goes back a page; → from the last page comes round to the first.
    t.send(&[LEFT]);
    let before_last = above(&seen[seen.len() - 2]);
    t.until_drawn("the page before", |s| above(s) == before_last);
    t.send(&[RIGHT, RIGHT]);
    t.until("the first page", |s| {
        s.lines().any(|l| l == "❯ Score my answers now")
    });
    t.send(&[ENTER]);
    t.until("the result", |s| s.contains("Result saved in"));
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn a_hang_up_keeps_the_answers_and_leaves_the_terminal_as_it_was() {
    let data = tempfile::tempdir().unwrap();
    let mut t = Tty::keys(data.path(), 80, 30);
    answer_up_to(&mut t, 3);
    t.at(4, TOTAL);
    // What the kernel sends when the terminal closes.
    t.p.get_process_mut().signal(Signal::SIGHUP).unwrap();
    let rest = t.p.expect(Eof).unwrap();
    let tail = String::from_utf8_lossy(rest.as_bytes()).into_owned();
    assert!(tail.contains("\x1b[?25h"), "cursor shown: {tail:?}");
    match t.p.get_process().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 130),
        other => panic!("{other:?}"),
    }
    let saved = session_file(data.path());
    assert!(saved.contains("works_in_healthcare: true"), "{saved}");
}
