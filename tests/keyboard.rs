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
const PAGE_UP: &str = "\x1b[5~";
const PAGE_DOWN: &str = "\x1b[6~";
const HOME: &str = "\x1b[H";
const END: &str = "\x1b[F";

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
    &["2", ENTER],
    &["2", ENTER],
    &["y", ENTER],
    &["40", ENTER],
    &[ENTER],
    &["y", ENTER],
    &["3", ENTER],
    &["2", ENTER],
    &["2", ENTER],
    &[" ", ENTER],
    &["24", ENTER],
];

/// Answers prompts `from..=to` of the keys pack with [`KEYS`].
fn answer(t: &mut Tty, from: usize, to: usize) {
    for n in from..=to {
        t.at(n, TOTAL);
        t.send(KEYS[n - 1]);
    }
}

/// Answers prompts 1..=n.
fn answer_up_to(t: &mut Tty, n: usize) {
    answer(t, 1, n);
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
        marked(&screen).starts_with("❯ 1. I am starting out in alpha"),
        "{screen}"
    );
    // The self-rating is still asked: a digit moves its cursor.
    t.send(&["3"]);
    t.until("the cursor on 3", |s| {
        s.contains("❯ 3. I shape how the whole")
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
    t.send(&["2"]);
    t.until("the cursor on 2", |s| {
        s.contains("❯ 2. I do alpha work on my own")
    });
    let saved = session_file(data.path());
    assert!(saved.contains("alpha_done: true"), "{saved}");
    assert!(!saved.contains("alpha_rating:"), "{saved}");
}

#[test]
fn esc_goes_back_from_every_prompt_with_the_earlier_answer_and_leaves_no_stray_lines() {
    let data = tempfile::tempdir().unwrap();
    let mut t = Tty::keys(data.path(), 80, 30);
    answer_up_to(&mut t, 4);
    // From the checklist back to the number: 40 offered, the checklist gone.
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
    // From the number back to the yes/no, with Esc.
    t.send(&[ESC]);
    let screen = t.at(3, TOTAL);
    assert!(screen.contains("Enter keeps yes"), "{screen}");
    assert!(
        !screen.contains("[4/11]") && !screen.contains("→ yes"),
        "{screen}"
    );
    assert_eq!(screen.matches("[3/11]").count(), 1, "{screen}");
    // Enter keeps yes; then b at the number goes back too, and is not echoed.
    t.send(&[ENTER]);
    t.at(4, TOTAL);
    t.send(&["b", ENTER]);
    let screen = t.at(3, TOTAL);
    assert!(!screen.contains("[4/11]"), "{screen}");
    assert!(
        !screen
            .lines()
            .any(|l| l.trim() == "› b" || l.contains("→ b")),
        "{screen}"
    );
    // From a list back to the yes/no.
    t.send(&[ENTER]);
    t.at(4, TOTAL);
    t.send(&[ENTER]);
    t.at(5, TOTAL);
    t.send(&[ENTER]);
    t.at(6, TOTAL);
    t.send(&[ESC]);
    let screen = t.at(5, TOTAL);
    assert!(
        !screen.contains("[6/11]") && !screen.contains("→ none"),
        "{screen}"
    );
    let saved = session_file(data.path());
    assert!(saved.contains("works_in_healthcare: true"), "{saved}");
    assert!(saved.contains("months_leading_projects: 40"), "{saved}");
}

#[test]
fn typing_a_number_moves_to_that_option_and_enter_confirms() {
    let data = tempfile::tempdir().unwrap();
    let mut t = Tty::keys(data.path(), 80, 30);
    t.at(1, TOTAL);
    t.send(&["2"]);
    let screen = t.until("❯ on Lead", |s| s.contains("❯ 2. Lead"));
    assert!(screen.contains("  1. Starter"), "{screen}");
    t.send(&[ENTER]);
    answer(&mut t, 2, 4);
    t.at(5, TOTAL);
    // Two digits reach past nine.
    t.send(&["1", "2"]);
    let screen = t.until("❯ on 12", |s| s.contains("❯ [ ] 12. "));
    assert!(
        folded(marked(&screen)).contains("I have rebuilt"),
        "{screen}"
    );
    let saved = session_file(data.path());
    assert!(saved.contains("profile: lead"), "{saved}");
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
        .position(|l| l.starts_with("  2. Open a priority-one ticket"))
        .unwrap_or_else(|| panic!("{frame}"));
    let next = frame.lines().nth(first + 1).unwrap();
    assert!(
        next.starts_with("     ") && !next.trim().is_empty(),
        "{frame}"
    );
    t.send(&["2", ENTER]);
    let screen = t.at(9, TOTAL);
    assert!(
        folded(&screen).contains(&folded(&format!("→ {LONG_OPTION}"))),
        "the answer stays on screen whole: {screen}"
    );
}

#[test]
fn multi_select_shows_a_marker_and_ticks_pages_at_80x24_and_echoes_every_pick() {
    let data = tempfile::tempdir().unwrap();
    let mut t = Tty::keys(data.path(), 80, 24);
    answer_up_to(&mut t, 4);
    let screen = t.at(5, TOTAL);
    assert!(screen.contains("Enter with none ticked: none"), "{screen}");
    assert!(
        marked(&screen).starts_with("❯ [ ]  1. I have run a go-live"),
        "{screen}"
    );
    assert!(
        screen.contains("Options 1–"),
        "15 long options page at 80×24: {screen}"
    );
    assert!(
        screen.contains("of 15 shown · PgUp PgDn Home End"),
        "{screen}"
    );
    t.send(&[" "]);
    t.until("a tick", |s| s.contains("❯ [x]  1."));
    t.send(&[END, " "]);
    let screen = t.until("the last ticked", |s| s.contains("❯ [x] 15."));
    assert!(screen.contains("–15 of 15 shown"), "{screen}");
    t.send(&["1", "2", " "]);
    t.until("12 ticked", |s| s.contains("❯ [x] 12."));
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

#[test]
fn the_terminal_resized_mid_question_redraws_the_list_at_the_new_width() {
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
            && frame.lines().all(|l| l.chars().count() < width)
            && frame.trim_end().ends_with("Ctrl-C saves and quits")
    };
    t.resize(60, 30);
    let screen = t.until("a redraw at 60 columns", |s| whole(s, 60));
    assert!(
        screen.contains("  2. Open a priority-one ticket"),
        "{screen}"
    );
    t.resize(110, 30);
    let screen = t.until("a redraw at 110 columns", |s| {
        whole(s, 110) && s.lines().any(|l| l.chars().count() > 80)
    });
    assert_eq!(screen.matches("[8/11]").count(), 1, "{screen}");
    // Still answerable.
    t.send(&["2", ENTER]);
    t.at(9, TOTAL);
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

#[test]
fn the_review_pages_with_pgup_pgdn_home_and_end_and_its_rows_read_apart() {
    let data = tempfile::tempdir().unwrap();
    finished_session(data.path());
    let mut t = Tty::spawn(None, data.path(), &["--resume"], 80, 24);
    let screen = t.until("the review", |s| {
        s.contains("Pick an answer to change it")
            && s.trim_end().ends_with("Ctrl-C saves and quits")
    });
    assert!(
        marked(&screen).ends_with("1. Score my answers now"),
        "{screen}"
    );
    let pager = |s: &str| -> String {
        s.lines()
            .find(|l| l.starts_with("Options "))
            .unwrap_or_else(|| panic!("no pager line:\n{s}"))
            .to_string()
    };
    let first_page = pager(&screen);
    assert!(first_page.starts_with("Options 1–"), "{first_page}");
    let total: usize = first_page
        .split(" of ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(total > 90, "{first_page}");

    t.send(&[PAGE_DOWN]);
    let screen = t.until("the next page", |s| !s.contains("Options 1–"));
    let second = pager(&screen);
    assert!(!screen.contains("Score my answers now"), "{screen}");

    t.send(&[END]);
    let end = format!("–{total} of {total} shown");
    let screen = t.until("the last page", |s| s.contains(&end));
    assert!(marked(&screen).contains(&format!("{total}. ")), "{screen}");
    // Rows are recognisable: competency · kind · label · answer.
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| {
            l.len() > 6 && l[..6].trim_start().starts_with(char::is_numeric) || l.starts_with('❯')
        })
        .collect();
    assert!(
        !rows.is_empty() && rows.iter().all(|r| r.contains(" · ")),
        "{screen}"
    );

    t.send(&[PAGE_UP]);
    let screen = t.until("the page before", |s| !s.contains(&end));
    assert_ne!(pager(&screen), second);

    t.send(&[HOME]);
    let screen = t.until("the first page", |s| {
        s.contains("❯   1. Score my answers now")
    });
    assert_eq!(pager(&screen), first_page);
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
