//! Load, faults and hostile files (issue 10): one black-box test per case found.
//!
//! Every FIFO, device and link is made inside a temp folder; the machine's own `/dev` paths
//! are never given to the tool as an output. `SKILLGAP_TEST_BIN=/path/to/skillgap` runs the
//! same tests against another build of the tool (an older one, to see them fail).
#![cfg(unix)]

mod common;

use std::io::{Read, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{pack_copy, root};

const BANKING: &str = "examples/answers/pm-from-banking.yaml";

fn bin() -> PathBuf {
    std::env::var_os("SKILLGAP_TEST_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_skillgap")))
}

/// The tool with a private data folder and no colour, as assert_cmd runs it.
fn tool(data: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(bin());
    cmd.env("SKILLGAP_DATA_DIR", data)
        .env("NO_COLOR", "1")
        .env_remove("SKILLGAP_PROFILE")
        .timeout(Duration::from_secs(60));
    cmd
}

/// The same, as a std command, for plumbing assert_cmd does not offer.
fn raw(data: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(bin());
    cmd.env("SKILLGAP_DATA_DIR", data)
        .env("NO_COLOR", "1")
        .env_remove("SKILLGAP_PROFILE");
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Saves `n` results of the banking example and returns the results folder.
fn save_results(data: &Path, n: usize) -> PathBuf {
    for _ in 0..n {
        tool(data)
            .args(["assess", "--format", "json", "--answers"])
            .arg(root().join(BANKING))
            .assert()
            .success();
    }
    data.join("results")
}

/// The result files of a results folder, oldest first.
fn result_files(results: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(results)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn no_escape(what: &str, bytes: &[u8]) {
    assert!(
        !bytes.contains(&0x1b) && !bytes.contains(&0x07),
        "{what} carries a control character: {:?}",
        text(bytes)
    );
    let s = text(bytes);
    assert!(
        !s.contains('\u{9b}') && !s.contains('\u{202e}'),
        "{what}: {s:?}"
    );
}

// ── Saves never collide ──

#[test]
fn fifty_parallel_assessments_keep_fifty_results() {
    let data = tempfile::tempdir().unwrap();
    let children: Vec<_> = (0..50)
        .map(|_| {
            raw(data.path())
                .args(["assess", "--format", "json", "--answers"])
                .arg(root().join(BANKING))
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut said = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        let err = text(&out.stderr);
        assert!(out.status.success(), "{err}");
        let saved = err
            .lines()
            .find_map(|l| l.strip_prefix("Result saved in "))
            .unwrap_or_else(|| panic!("no save reported: {err}"))
            .to_string();
        said.push(saved);
    }
    said.sort();
    said.dedup();
    assert_eq!(said.len(), 50, "each run names its own file");
    let files = result_files(&data.path().join("results"));
    assert_eq!(files.len(), 50, "{files:?}");
    for file in &files {
        skillgap::history::read(file).unwrap();
    }
    tool(data.path())
        .arg("history")
        .assert()
        .success()
        .stdout(predicates::str::contains("latest~49"));
}

#[test]
fn a_second_interactive_assessment_on_the_same_folder_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let tiny = root().join("tests/fixtures/tiny-pack");
    let mut first = raw(data.path())
        .arg("--rubrics")
        .arg(&tiny)
        .args(["assess", "--plain"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the first prompt: by then the first run holds the folder.
    let mut stderr = first.stderr.take().unwrap();
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !text(&seen).contains("[1/") && Instant::now() < deadline {
        let mut buf = [0u8; 256];
        match stderr.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
    }
    assert!(text(&seen).contains("[1/"), "{}", text(&seen));
    let second = tool(data.path())
        .arg("--rubrics")
        .arg(&tiny)
        .args(["assess", "--plain"])
        .write_stdin("2\n")
        .output()
        .unwrap();
    drop(first.stdin.take());
    let _ = first.wait();
    let err = text(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "{err}");
    assert!(err.contains("another assessment is in progress"), "{err}");
    // The first one's session was not touched by the second.
    assert!(!data.path().join("session.yaml").exists());
}

// ── --output goes where the user points, and replaces only regular files ──

fn export_to(data: &Path, output: &Path, format: &str) -> std::process::Output {
    raw(data)
        .args(["export", "latest", "--format", format, "-o"])
        .arg(output)
        .output()
        .unwrap()
}

#[test]
fn output_through_a_symlink_writes_its_target_and_keeps_the_link() {
    let data = tempfile::tempdir().unwrap();
    save_results(data.path(), 1);
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.csv");
    let link = dir.path().join("link.csv");
    std::fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink("real.csv", &link).unwrap();
    let out = export_to(data.path(), &link, "csv");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real)
        .unwrap()
        .starts_with("competency_id,"));
    // A link to a file not there yet: the file is made, the link kept.
    let dangling = dir.path().join("dangling.csv");
    std::os::unix::fs::symlink("made.csv", &dangling).unwrap();
    let out = export_to(data.path(), &dangling, "csv");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::symlink_metadata(&dangling)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(dir.path().join("made.csv").is_file());
}

#[test]
fn output_to_a_fifo_writes_into_it() {
    let data = tempfile::tempdir().unwrap();
    save_results(data.path(), 1);
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.csv");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    // Open the reading end without blocking, so a tool that never opens the FIFO cannot
    // hang the test.
    use std::os::unix::fs::OpenOptionsExt;
    let mut reader = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo)
        .unwrap();
    let mut child = raw(data.path())
        .args(["export", "latest", "--format", "csv", "-o"])
        .arg(&fifo)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut got = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let mut buf = [0u8; 4096];
        match reader.read(&mut buf) {
            Ok(0) if !got.is_empty() => break,
            Ok(n) if n > 0 => got.extend_from_slice(&buf[..n]),
            _ => {
                if child.try_wait().unwrap().is_some() || Instant::now() > deadline {
                    // One last read for what the tool wrote before it exited.
                    let _ = reader.read_to_end(&mut got);
                    break;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&got).starts_with("competency_id,"), "{:?}", text(&got));
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
}

#[test]
fn output_to_a_character_device_writes_through_it() {
    let data = tempfile::tempdir().unwrap();
    save_results(data.path(), 1);
    let dir = tempfile::tempdir().unwrap();
    let device = dir.path().join("null");
    let c = std::ffi::CString::new(device.as_os_str().as_encoded_bytes()).unwrap();
    // The null device's numbers (1, 3), made here; only root may, and only where the file
    // system allows devices.
    let made = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o600, libc::makedev(1, 3)) };
    if made != 0
        || std::fs::OpenOptions::new()
            .write(true)
            .open(&device)
            .is_err()
    {
        eprintln!("skipped: cannot make a character device here");
        return;
    }
    let out = export_to(data.path(), &device, "json");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let kind = std::fs::symlink_metadata(&device).unwrap().file_type();
    assert!(kind.is_char_device(), "the device was replaced");
}

#[test]
fn output_to_a_link_to_stdout_writes_stdout_and_appends_as_the_shell_asked() {
    let data = tempfile::tempdir().unwrap();
    save_results(data.path(), 1);
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("out");
    std::os::unix::fs::symlink("/proc/self/fd/1", &link).unwrap();
    // Like `skillgap export -o /dev/stdout >> log`.
    let log = dir.path().join("log.txt");
    std::fs::write(&log, "before\n").unwrap();
    let append = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    let out = raw(data.path())
        .args(["export", "latest", "--format", "csv", "-o"])
        .arg(&link)
        .stdout(append)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let written = std::fs::read_to_string(&log).unwrap();
    assert!(written.starts_with("before\ncompetency_id,"), "{written}");
    assert!(
        !text(&out.stderr).contains(".skillgap"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_failed_output_names_the_users_path_never_a_temporary_file() {
    let data = tempfile::tempdir().unwrap();
    save_results(data.path(), 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("report.md");
    let out = export_to(data.path(), &path, "markdown");
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("no-such-folder/report.md"), "{err}");
    assert!(!err.contains(".skillgap"), "{err}");
}

// ── Write failures are errors; a closed pipe ends quietly; stderr never panics ──

/// Runs `cmd` with writes past `limit` bytes failing (EFBIG), as on a full disk.
fn with_file_size_limit(cmd: &mut std::process::Command, limit: u64) {
    use std::os::unix::process::CommandExt;
    unsafe {
        cmd.pre_exec(move || {
            let rl = libc::rlimit {
                rlim_cur: limit as libc::rlim_t,
                rlim_max: limit as libc::rlim_t,
            };
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            if libc::setrlimit(libc::RLIMIT_FSIZE, &rl) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[test]
fn a_failed_write_to_stdout_is_an_error() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let stdout = std::fs::File::create(dir.path().join("stdout")).unwrap();
    let mut cmd = raw(data.path());
    cmd.args(["assess", "--no-save", "--format", "json", "--answers"])
        .arg(root().join(BANKING))
        .stdout(stdout);
    with_file_size_limit(&mut cmd, 1000);
    let out = cmd.output().unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot write to standard output"), "{err}");
}

#[test]
fn a_closed_pipe_on_stdout_ends_quietly() {
    let data = tempfile::tempdir().unwrap();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = raw(data.path())
        .args(["assess", "--no-save", "--format", "json", "--answers"])
        .arg(root().join(BANKING))
        .stdout(writer)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
}

/// Runs the tool with a stderr nobody reads (a pipe whose reader is gone).
fn with_closed_stderr(cmd: &mut std::process::Command) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    cmd.stderr(writer).output().unwrap()
}

#[test]
fn a_closed_stderr_never_panics() {
    let data = tempfile::tempdir().unwrap();
    let results = save_results(data.path(), 2);
    std::fs::write(results.join("20990101T000000Z-01-a.json"), "{").unwrap();
    std::fs::write(results.join("20990101T000000Z-02-b.json"), "[").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let runs: Vec<(&str, Vec<std::ffi::OsString>, i32)> = vec![
        (
            "assess --answers",
            vec![
                "assess".into(),
                "--answers".into(),
                root().join(BANKING).into(),
            ],
            0,
        ),
        ("history", vec!["history".into()], 0),
        ("report", vec!["report".into(), "latest".into()], 0),
        (
            "export -o",
            vec![
                "export".into(),
                "latest".into(),
                "-o".into(),
                dir.path().join("x.md").into(),
                "--format".into(),
                "markdown".into(),
            ],
            0,
        ),
        (
            "assess --plain",
            vec![
                "--rubrics".into(),
                root().join("tests/fixtures/tiny-pack").into(),
                "assess".into(),
                "--plain".into(),
            ],
            0,
        ),
    ];
    let typed = dir.path().join("typed.txt");
    std::fs::write(&typed, "2\n2\n40\n1\ny\n3\n2\n2\n1,3\n24\n\n").unwrap();
    for (what, args, code) in runs {
        let out = with_closed_stderr(
            raw(data.path())
                .args(&args)
                .stdin(std::fs::File::open(&typed).unwrap())
                .stdout(Stdio::null()),
        );
        assert_eq!(out.status.code(), Some(code), "{what}");
    }
}

#[test]
fn history_piped_to_head_with_damaged_results_does_not_panic() {
    let data = tempfile::tempdir().unwrap();
    let results = save_results(data.path(), 1);
    // More warnings than a pipe holds, so the tool is still writing when the reader goes.
    for i in 0..500 {
        std::fs::write(results.join(format!("20990101T000000Z-{i:03}-x.json")), "{").unwrap();
    }
    // `skillgap history 2>&1 | head -1`: stdout and stderr are one pipe that closes early.
    let (mut reader, writer) = std::io::pipe().unwrap();
    let mut child = raw(data.path())
        .arg("history")
        .stdout(writer.try_clone().unwrap())
        .stderr(writer)
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    reader.read_exact(&mut first).unwrap();
    drop(reader);
    let status = child.wait().unwrap();
    assert_ne!(status.code(), Some(101), "panicked");
    assert_eq!(status.code(), Some(0));
}

// ── Bounded work ──

#[test]
fn an_endless_answers_stream_stops_at_the_cap() {
    let data = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let mut child = raw(data.path())
        .args(["assess", "--answers", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let block = vec![b'a'; 1 << 16];
        // 64 MiB at most: a tool that reads it all still ends.
        for _ in 0..1024 {
            if stdin.write_all(&block).is_err() {
                break;
            }
        }
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("larger than 4 MiB"), "{err}");
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[test]
fn a_device_that_never_ends_stops_at_the_cap() {
    // Reading from /dev/zero is an input, not an output: nothing is written to it.
    let data = tempfile::tempdir().unwrap();
    tool(data.path())
        .args(["assess", "--answers", "/dev/zero"])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("larger than 4 MiB"));
}

#[test]
fn deep_nesting_is_refused_in_time_with_a_position() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in [
        ("flow.yaml", "{a: ".repeat(100_000)),
        (
            "seq.yaml",
            format!("answers:\n  x: {}", "[".repeat(100_000)),
        ),
        ("block.yaml", format!("{}x\n", "- ".repeat(100_000))),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, body).unwrap();
        let start = Instant::now();
        let out = tool(data.path())
            .args(["assess", "--answers"])
            .arg(&file)
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains("nested more than 64 levels"), "{name}: {err}");
        assert!(err.contains(&format!("{name}:")), "{err}");
        assert!(start.elapsed() < Duration::from_secs(10), "{name}");
    }
}

/// A saved result with one field made hostile by `edit`.
fn edited_result(data: &Path, edit: impl Fn(&mut serde_json::Value)) -> PathBuf {
    let results = save_results(data, 1);
    let file = result_files(&results).pop().unwrap();
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    edit(&mut doc);
    std::fs::write(&file, serde_json::to_string(&doc).unwrap()).unwrap();
    file
}

fn fits_80_columns(what: &str, out: &str) {
    for line in out.lines() {
        if line.trim_start().starts_with("https://") {
            continue;
        }
        assert!(
            line.chars().count() <= 80,
            "{what}: {} wide: {}",
            line.chars().count(),
            line.chars().take(100).collect::<String>()
        );
    }
}

#[test]
fn a_huge_title_renders_in_time_and_fits_the_page() {
    let data = tempfile::tempdir().unwrap();
    let word = "W".repeat(100_000);
    edited_result(data.path(), |doc| {
        doc["competencies"][0]["short_title"] = word.clone().into();
        doc["levels"][1]["short_title"] = word.clone().into();
        doc["pack"]["title"] = word.clone().into();
        doc["profile"] = word.clone().into();
    });
    for args in [
        vec!["report", "latest"],
        vec!["history"],
        vec!["compare", "latest", "latest"],
    ] {
        let start = Instant::now();
        let out = tool(data.path())
            .args(&args)
            .timeout(Duration::from_secs(30))
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        assert!(start.elapsed() < Duration::from_secs(10), "{args:?}");
        fits_80_columns(&format!("{args:?}"), &text(&out.stdout));
        assert!(out.stdout.len() < 200_000, "{args:?}: output is bounded");
    }
}

/// A copy of the built-in pack with `n` more yes/no questions, and answers to all of them.
fn big_pack(dir: &Path, n: usize) -> (PathBuf, PathBuf) {
    let pack = pack_copy(dir);
    let mut extra = String::new();
    for i in 0..n {
        extra.push_str(&format!(
            "  - {{ id: extra_{i:05}, kind: yes_no, shows: expert, prompt: Did you do thing {i}? }}\n"
        ));
    }
    let ethics = pack.join("competencies/ethics.yaml");
    let mut text = std::fs::read_to_string(&ethics).unwrap();
    text.push_str(&extra);
    std::fs::write(&ethics, text).unwrap();
    let mut answers = std::fs::read_to_string(root().join(BANKING)).unwrap();
    for i in 0..n {
        answers.push_str(&format!("  extra_{i:05}: yes\n"));
    }
    let file = dir.join("answers.yaml");
    std::fs::write(&file, answers).unwrap();
    (pack, file)
}

#[test]
fn a_thirty_thousand_question_pack_is_scored_in_time() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (pack, answers) = big_pack(dir.path(), 30_000);
    let start = Instant::now();
    tool(data.path())
        .arg("--rubrics")
        .arg(&pack)
        .args(["assess", "--no-save", "--format", "json", "--answers"])
        .arg(&answers)
        .timeout(Duration::from_secs(60))
        .assert()
        .success();
    // A debug build on a busy machine; a release build takes a fraction of this.
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    // Thirty thousand unknown answers: quick, and the message lists only the first few.
    let unknown = dir.path().join("unknown.yaml");
    std::fs::write(
        &unknown,
        std::fs::read_to_string(&answers)
            .unwrap()
            .replace("extra_", "nope_"),
    )
    .unwrap();
    let start = Instant::now();
    let out = tool(data.path())
        .arg("--rubrics")
        .arg(&pack)
        .args(["assess", "--no-save", "--answers"])
        .arg(&unknown)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("more not shown") && err.len() < 20_000,
        "{}",
        err.len()
    );
}

#[test]
fn a_huge_value_is_quoted_short() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.yaml");
    let answers = std::fs::read_to_string(root().join(BANKING)).unwrap();
    let value = "k".repeat(1_000_000);
    std::fs::write(
        &file,
        answers.replacen("  degree: ", &format!("  degree: {value}"), 1),
    )
    .unwrap();
    let out = tool(data.path())
        .args(["assess", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("`kkk"), "{}", &err[..err.len().min(300)]);
    assert!(err.len() < 2_000, "the message quotes {} bytes", err.len());
}

// ── History that tolerates damage ──

#[test]
fn a_truncated_newest_result_is_named_and_latest_says_which_it_means() {
    let data = tempfile::tempdir().unwrap();
    let results = save_results(data.path(), 2);
    let files = result_files(&results);
    let (older, newest) = (&files[0], &files[1]);
    let whole = std::fs::read(newest).unwrap();
    std::fs::write(newest, &whole[..whole.len() / 2]).unwrap();
    let newest_name = newest.file_name().unwrap().to_string_lossy().into_owned();
    let older_name = older.file_name().unwrap().to_string_lossy().into_owned();
    for args in [
        vec!["report", "latest"],
        vec!["export", "latest", "--format", "json"],
        vec!["compare", "latest", "latest"],
    ] {
        let out = tool(data.path()).args(&args).output().unwrap();
        let err = text(&out.stderr);
        assert!(out.status.success(), "{args:?}: {err}");
        assert!(
            err.contains(&newest_name),
            "{args:?} names the skipped file: {err}"
        );
        assert!(
            err.contains(&older_name),
            "{args:?} says which result it used: {err}"
        );
        assert_eq!(err.matches(&newest_name).count(), 1, "named once: {err}");
    }
}

#[test]
fn odd_files_in_the_results_folder_are_named_and_skipped() {
    let data = tempfile::tempdir().unwrap();
    let results = save_results(data.path(), 2);
    std::fs::write(
        results.join("20000101T000000Z-01-bin.json"),
        b"{\"a\": \"\xff\"}",
    )
    .unwrap();
    std::fs::create_dir(results.join("20000101T000000Z-02-dir.json")).unwrap();
    std::os::unix::fs::symlink("nowhere", results.join("20000101T000000Z-03-link.json")).unwrap();
    std::fs::write(results.join("20000101T000000Z-04-empty.json"), "").unwrap();
    let out = tool(data.path()).arg("history").output().unwrap();
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    for name in ["bin", "dir", "link", "empty"] {
        assert_eq!(
            err.matches(&format!("-{name}.json")).count(),
            1,
            "{name}: {err}"
        );
    }
    assert!(err.contains("byte offset 7"), "{err}");
    assert!(err.contains("empty.json: the file is empty"), "{err}");
    assert!(!err.contains(":1:0"), "{err}");
    let stdout = text(&out.stdout);
    assert!(stdout.contains("latest~1"), "{stdout}");
    for args in [
        vec!["report", "latest"],
        vec!["export", "latest~1", "--format", "csv"],
        vec!["compare", "latest~1", "latest"],
    ] {
        tool(data.path()).args(&args).assert().success();
    }
}

#[test]
fn a_pack_whose_numbers_would_not_read_back_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pack = pack_copy(dir.path());
    let file = pack.join("competencies/communication.yaml");
    common::edit(&file, "    weight: 2\n", "    weight: 1e308\n");
    let line = common::line_of(&file, "weight: 1e308");
    let out = tool(data.path())
        .arg("--rubrics")
        .arg(&pack)
        .args(["assess", "--answers"])
        .arg(root().join(BANKING))
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("communication.yaml:{line}:")),
        "{err}"
    );
    assert!(err.contains("at most 1000"), "{err}");
    assert!(!err.contains("Result saved"), "{err}");
    assert!(!data.path().join("results").exists());
}

#[test]
fn stale_temporary_files_are_removed_on_the_next_run() {
    let data = tempfile::tempdir().unwrap();
    let results = save_results(data.path(), 1);
    // Left by saves that were killed: one whose writer is gone, one an hour old.
    let gone = results.join(".skillgap-99999999-Abc123");
    let old = data.path().join(".skillgap-Xyz789");
    let live = results.join(format!(".skillgap-{}-Def456", std::process::id()));
    for p in [&gone, &old, &live] {
        std::fs::write(p, "{").unwrap();
    }
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    save_results(data.path(), 1);
    assert!(!gone.exists(), "a dead writer's file stays");
    assert!(!old.exists(), "an hour-old file stays");
    assert!(live.exists(), "a live writer's file was removed");
}

// ── Folders ──

#[test]
fn existing_folders_and_link_targets_keep_their_mode() {
    let data = tempfile::tempdir().unwrap();
    std::fs::set_permissions(data.path(), std::fs::Permissions::from_mode(0o1777)).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::set_permissions(elsewhere.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), data.path().join("results")).unwrap();
    save_results(data.path(), 1);
    // An interactive run saves its session in the data folder itself.
    tool(data.path())
        .arg("--rubrics")
        .arg(root().join("tests/fixtures/tiny-pack"))
        .args(["assess", "--plain"])
        .write_stdin("2\n")
        .assert()
        .code(130);
    assert!(data.path().join("session.yaml").exists());
    assert_eq!(mode(data.path()), 0o1777);
    assert_eq!(mode(elsewhere.path()), 0o755);
    assert!(std::fs::symlink_metadata(data.path().join("results"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(result_files(elsewhere.path()).len(), 1);
    // Folders the tool makes are its owner's alone.
    let fresh = tempfile::tempdir().unwrap();
    let nested = fresh.path().join("a/b");
    save_results(&nested, 1);
    for folder in [
        fresh.path().join("a"),
        nested.clone(),
        nested.join("results"),
    ] {
        assert_eq!(mode(&folder) & 0o777, 0o700, "{}", folder.display());
    }
}

// ── Control sequences never reach the terminal ──

const HOSTILE: &str = "\\e]0;owned\\a\\e[2J\\u009b31m\\u202e";

/// The tiny pack with escape sequences in level titles, short titles and a unit.
fn hostile_tiny_pack(dir: &Path) -> PathBuf {
    let pack = dir.join("tiny");
    for sub in ["", "competencies"] {
        std::fs::create_dir_all(pack.join(sub)).unwrap();
    }
    let from = root().join("tests/fixtures/tiny-pack");
    for file in [
        "pack.yaml",
        "certifications.yaml",
        "recommendations.yaml",
        "competencies/alpha.yaml",
        "competencies/beta.yaml",
    ] {
        std::fs::copy(from.join(file), pack.join(file)).unwrap();
    }
    common::edit(
        &pack.join("pack.yaml"),
        "{ id: competent, title: Competent,",
        &format!(
            "{{ id: competent, title: \"Competent{HOSTILE}\", short_title: \"Comp{HOSTILE}\","
        ),
    );
    common::edit(
        &pack.join("pack.yaml"),
        "    unit: months\n",
        &format!("    unit: \"months{HOSTILE}\"\n"),
    );
    common::edit(
        &pack.join("competencies/beta.yaml"),
        "    unit: months\n",
        &format!("    unit: \"months{HOSTILE}\"\n"),
    );
    pack
}

#[test]
fn level_titles_and_units_from_a_pack_are_shown_escaped() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pack = hostile_tiny_pack(dir.path());
    let answers = root().join("tests/fixtures/tiny-answers.yaml");
    for format in ["table", "markdown", "csv", "html", "json"] {
        let out = tool(data.path())
            .arg("--rubrics")
            .arg(&pack)
            .args(["assess", "--no-save", "--format", format, "--answers"])
            .arg(&answers)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        no_escape(format, &out.stdout);
        if format != "json" {
            // Shown, not dropped (Markdown escapes its backslashes and brackets once more).
            assert!(
                text(&out.stdout).contains("0;owned"),
                "{format}: {}",
                text(&out.stdout)
            );
        }
    }
    // A number question's unit in plain-mode prompts, and the review list.
    let out = tool(data.path())
        .arg("--rubrics")
        .arg(&pack)
        .args(["assess", "--plain", "--no-save", "--format", "json"])
        .write_stdin("2\n2\n40\n1\ny\n3\n2\n2\n1,3\n24\n\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    no_escape("plain prompts", &out.stderr);
    assert!(
        text(&out.stderr).contains("months\\e]0;owned"),
        "{}",
        text(&out.stderr)
    );
    // The answers template is stdout too.
    let out = tool(data.path())
        .arg("--rubrics")
        .arg(&pack)
        .args(["answers", "template"])
        .output()
        .unwrap();
    no_escape("template", &out.stdout);
}

#[test]
fn fields_of_a_result_file_are_shown_escaped() {
    let data = tempfile::tempdir().unwrap();
    let evil = "x\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202e}y";
    edited_result(data.path(), |doc| {
        doc["taken_at"] = format!("2026-11-25T00:00:00Z{evil}").into();
        doc["profile"] = evil.into();
        doc["profile_title"] = evil.into();
        doc["levels"][0]["title"] = evil.into();
        doc["levels"][1]["short_title"] = evil.into();
        doc["competencies"][0]["title"] = evil.into();
    });
    for args in [
        vec!["history"],
        vec!["history", "--format", "json"],
        vec!["report", "latest"],
        vec!["export", "latest", "--format", "csv"],
        vec!["export", "latest", "--format", "markdown"],
        vec!["export", "latest", "--format", "json"],
        vec!["compare", "latest", "latest"],
        vec!["compare", "latest", "latest", "--format", "json"],
    ] {
        let out = tool(data.path()).args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        no_escape(&format!("{args:?} stdout"), &out.stdout);
        no_escape(&format!("{args:?} stderr"), &out.stderr);
    }
}

#[test]
fn file_names_and_arguments_are_echoed_escaped() {
    let data = tempfile::tempdir().unwrap();
    let evil = "evil\u{1b}]0;owned\u{7}\u{1b}[2J.yaml";
    for args in [
        vec!["assess", "--answers", evil],
        vec!["report", evil],
        vec!["report", "latest\u{1b}[2J"],
        vec!["compare", evil, "latest"],
        vec!["eligibility", "--set", "months_leading_projects=\u{1b}[2J"],
        vec!["eligibility", "--set", "\u{1b}]0;x\u{7}=1"],
        vec!["--rubrics", evil, "rubrics", "validate"],
        vec!["assess", "--profile", "\u{1b}[2J"],
    ] {
        let out = tool(data.path()).args(&args).output().unwrap();
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        no_escape(&format!("{args:?}"), &out.stderr);
        assert!(
            text(&out.stderr).contains("\\e"),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

// ── Positions everywhere ──

#[test]
fn a_byte_order_mark_keeps_line_and_column() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.yaml");
    let answers = std::fs::read_to_string(root().join(BANKING)).unwrap();
    // A fault found after parsing: its position comes from the index of the document.
    let broken = answers.replacen("  degree: master", "  degree: nope", 1);
    std::fs::write(&file, format!("\u{feff}{broken}")).unwrap();
    let plain = dir.path().join("plain.yaml");
    std::fs::write(&plain, &broken).unwrap();
    let with_bom = text(
        &tool(data.path())
            .args(["assess", "--answers"])
            .arg(&file)
            .output()
            .unwrap()
            .stderr,
    );
    let without = text(
        &tool(data.path())
            .args(["assess", "--answers"])
            .arg(&plain)
            .output()
            .unwrap()
            .stderr,
    );
    let position = |err: &str, name: &str| {
        err.split(&format!("{name}:"))
            .nth(1)
            .map(|rest| rest.split(": ").next().unwrap_or_default().to_string())
    };
    let expected = position(&without, "plain.yaml").unwrap();
    assert!(expected.contains(':'), "{without}");
    assert_eq!(
        position(&with_bom, "answers.yaml"),
        Some(expected),
        "{with_bom}"
    );
    // A correct file with a BOM is accepted.
    std::fs::write(&file, format!("\u{feff}{answers}")).unwrap();
    tool(data.path())
        .args(["assess", "--no-save", "--answers"])
        .arg(&file)
        .assert()
        .success();
    // And a rubric file with a BOM.
    let pack = pack_copy(dir.path());
    let pack_yaml = pack.join("pack.yaml");
    let text_ = std::fs::read_to_string(&pack_yaml).unwrap();
    std::fs::write(&pack_yaml, format!("\u{feff}{text_}")).unwrap();
    tool(data.path())
        .args(["rubrics", "validate"])
        .arg(&pack)
        .assert()
        .success();
}

#[test]
fn bytes_that_are_not_utf8_are_named_by_offset() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.yaml");
    std::fs::write(
        &file,
        b"profile: project_manager\nfacts:\n  degree: b\xe9\n",
    )
    .unwrap();
    tool(data.path())
        .args(["assess", "--answers"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "answers.yaml:3:12: not UTF-8 text: byte 0xe9 at byte offset 43",
        ));
    // A session file in that state is called damaged, not a permissions problem.
    std::fs::write(data.path().join("session.yaml"), b"pack: x\xff\n").unwrap();
    let out = tool(data.path())
        .args(["assess", "--plain", "--resume"])
        .write_stdin("")
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("byte offset 7") && err.contains("damaged"),
        "{err}"
    );
    assert!(!err.contains("permissions"), "{err}");
}

#[test]
fn empty_files_say_they_are_empty() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, "").unwrap();
    let out = tool(data.path())
        .arg("report")
        .arg(&empty)
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("empty.json: the file is empty"), "{err}");
    assert!(
        !err.contains("column 0") && !err.contains(":0:") && !err.contains(":1:0"),
        "{err}"
    );
    let answers = dir.path().join("answers.yaml");
    std::fs::write(&answers, "").unwrap();
    tool(data.path())
        .args(["assess", "--answers"])
        .arg(&answers)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("answers.yaml: the file is empty"));
}

// ── Plain mode ──

#[test]
fn plain_mode_at_end_of_input_claims_no_save_and_writes_no_escape_codes() {
    let data = tempfile::tempdir().unwrap();
    let out = tool(data.path())
        .args(["assess", "--plain"])
        .write_stdin("")
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(!err.contains("saved in"), "{err}");
    assert!(!data.path().join("session.yaml").exists());
    no_escape("plain mode stderr", &out.stderr);
}

#[test]
fn dropping_unknown_answers_does_not_say_the_pack_changed() {
    let data = tempfile::tempdir().unwrap();
    // Same pack and version as now; one answer the pack does not know.
    std::fs::write(
        data.path().join("session.yaml"),
        "pack: tiny\npack_version: 1\nstarted_at: 2026-11-01T10:00:00Z\nprofile: lead\n\
         facts:\n  degree: bachelor\n  months_leading_projects: 40\n  certifications_held: [capm]\n\
         answers:\n  alpha_rating: expert\n  no_such_question: a\n",
    )
    .unwrap();
    let out = tool(data.path())
        .arg("--rubrics")
        .arg(root().join("tests/fixtures/tiny-pack"))
        .args(["assess", "--plain", "--resume"])
        .write_stdin("")
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert!(!err.contains("pack changed"), "{err}");
    assert!(err.contains("dropped: no_such_question"), "{err}");
}

// ---- issue 21, second campaign: files, outputs and cohort

/// The banking example with a `person:` of `chars` characters first.
fn answers_with_person(dir: &Path, chars: usize) -> PathBuf {
    let file = dir.join("named.yaml");
    let answers = std::fs::read_to_string(root().join(BANKING)).unwrap();
    std::fs::write(&file, format!("person: {}\n{answers}", "p".repeat(chars))).unwrap();
    file
}

#[test]
fn a_person_too_long_for_a_result_is_refused_where_it_is_given() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Just under the 4 MiB an answers file may be: its result would be over 4 MiB.
    let file = answers_with_person(dir.path(), 4 * 1024 * 1024 - 6_000);
    let out = tool(data.path())
        .args(["assess", "--format", "json", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{}", &err[..err.len().min(500)]);
    assert!(err.contains("named.yaml:1:9: person:"), "{err}");
    assert!(err.contains("at most 200"), "{err}");
    assert!(!data.path().join("results").exists(), "nothing saved");
    // The same from the command line.
    let out = tool(data.path())
        .args(["assess", "--no-save", "--answers"])
        .arg(root().join(BANKING))
        .arg("--person")
        .arg("q".repeat(201))
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--person: the name is 201 characters"),
        "{err}"
    );
    // A name of 200 characters is kept.
    let file = answers_with_person(dir.path(), 200);
    tool(data.path())
        .args(["assess", "--answers"])
        .arg(&file)
        .assert()
        .success();
    tool(data.path()).arg("history").assert().success();
}

#[test]
fn a_result_too_large_to_read_back_is_not_saved() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pack = pack_copy(dir.path());
    // Twelve 250,000-character titles: the result would be over 4 MiB.
    for entry in std::fs::read_dir(pack.join("competencies")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let start = text.find("\ntitle: ").unwrap() + 1;
        let end = start + text[start..].find('\n').unwrap();
        let text = format!(
            "{}title: {}{}",
            &text[..start],
            "T".repeat(250_000),
            &text[end..]
        );
        std::fs::write(&path, text).unwrap();
    }
    let out = tool(data.path())
        .arg("--rubrics")
        .arg(&pack)
        .args(["assess", "--format", "json", "--answers"])
        .arg(root().join(BANKING))
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("the result was not saved")
            && err.contains("at most 4 MiB")
            && err.contains("most of it is `")
            && err.contains("--no-save"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "nothing printed");
    assert!(!data.path().join("results").exists(), "nothing saved");
    // Not saved, it is shown.
    tool(data.path())
        .arg("--rubrics")
        .arg(&pack)
        .args(["assess", "--no-save", "--format", "json", "--answers"])
        .arg(root().join(BANKING))
        .assert()
        .success();
}

#[test]
fn a_session_cut_short_in_its_question_list_asks_the_rest_before_scoring() {
    let data = tempfile::tempdir().unwrap();
    // Alpha answered; the file ends inside `questions:`, so beta was never listed.
    std::fs::write(
        data.path().join("session.yaml"),
        "pack: tiny\npack_version: 1\nstarted_at: 2026-11-01T10:00:00Z\nprofile: lead\n\
         facts:\n  degree: bachelor\n  months_leading_projects: 40\n  certifications_held: [capm]\n\
         answers:\n  alpha_rating: expert\n  alpha_choice: b\n  alpha_done: true\n\
         questions:\n- alpha_rating\n- alpha_choice\n- alpha_do",
    )
    .unwrap();
    let tiny = root().join("tests/fixtures/tiny-pack");
    // Enter alone: the old binary scores at once, with beta never asked.
    let out = tool(data.path())
        .arg("--rubrics")
        .arg(&tiny)
        .args(["assess", "--plain", "--resume", "--format", "json"])
        .write_stdin("\n")
        .output()
        .unwrap();
    let err = text(&out.stderr);
    // The note wraps to the terminal's width.
    let words = err.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("added back, 3 of them still to answer"),
        "{err}"
    );
    assert!(!data.path().join("results").exists(), "scored: {err}");
    assert!(data.path().join("session.yaml").exists());
    // Beta's rating, multi and number, then score.
    let out = tool(data.path())
        .arg("--rubrics")
        .arg(&tiny)
        .args(["assess", "--plain", "--resume", "--format", "json"])
        .write_stdin("2\n1,3\n24\n\n")
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["answers"]["beta_months"], 24.0, "{err}");
    assert_eq!(doc["answers"]["beta_multi"], serde_json::json!(["a", "c"]));
}

/// Runs the tool and checks it refused to write `kept` over itself: exit 2, a message naming
/// `--output`, and the file as it was.
fn refuses_to_overwrite(cmd: &mut assert_cmd::Command, kept: &Path) {
    let before = std::fs::read(kept).unwrap();
    let out = cmd.output().unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--output") && err.contains("would destroy it"),
        "{err}"
    );
    assert_eq!(std::fs::read(kept).unwrap(), before, "{err}");
}

#[test]
fn an_output_onto_the_answers_file_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine.yaml");
    std::fs::copy(root().join(BANKING), &mine).unwrap();
    let link = dir.path().join("link.yaml");
    std::os::unix::fs::symlink("mine.yaml", &link).unwrap();
    let hard = dir.path().join("hard.yaml");
    std::fs::hard_link(&mine, &hard).unwrap();
    for output in [&mine, &link, &hard] {
        refuses_to_overwrite(
            tool(data.path())
                .args(["assess", "--format", "json", "--answers"])
                .arg(&mine)
                .arg("-o")
                .arg(output),
            &mine,
        );
    }
    // Read from stdin (`< mine.yaml`).
    let out = raw(data.path())
        .args(["assess", "--format", "json", "--answers", "-", "-o"])
        .arg(&mine)
        .stdin(std::fs::File::open(&mine).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read(&mine).unwrap(),
        std::fs::read(root().join(BANKING)).unwrap()
    );
    assert!(!data.path().join("results").exists(), "nothing saved");
    // A file of the rubric pack is an input too.
    let pack = pack_copy(dir.path());
    refuses_to_overwrite(
        tool(data.path())
            .arg("--rubrics")
            .arg(&pack)
            .args(["assess", "--no-save", "--answers"])
            .arg(&mine)
            .arg("-o")
            .arg(pack.join("competencies/hipaa.yaml")),
        &pack.join("competencies/hipaa.yaml"),
    );
}

#[test]
fn an_output_onto_a_saved_result_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let results = save_results(data.path(), 2);
    let files = result_files(&results);
    let newest = files.last().unwrap();
    refuses_to_overwrite(
        tool(data.path())
            .args(["export", "latest", "--format", "csv", "-o"])
            .arg(newest),
        newest,
    );
    // Another saved result than the one exported, and a saved result as assess's output.
    refuses_to_overwrite(
        tool(data.path())
            .args(["export", "latest", "--format", "csv", "-o"])
            .arg(&files[0]),
        &files[0],
    );
    refuses_to_overwrite(
        tool(data.path())
            .args(["assess", "--no-save", "--format", "json", "--answers"])
            .arg(root().join(BANKING))
            .arg("-o")
            .arg(&files[0]),
        &files[0],
    );
    // A result file outside the data folder, exported onto itself.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.json");
    std::fs::copy(newest, &copy).unwrap();
    refuses_to_overwrite(
        tool(data.path())
            .arg("export")
            .arg(&copy)
            .args(["--format", "markdown", "-o"])
            .arg(&copy),
        &copy,
    );
    let out = tool(data.path()).arg("history").output().unwrap();
    assert_eq!(text(&out.stderr), "", "every result still reads");
}

#[test]
fn a_cohort_output_onto_a_result_it_reads_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let results = save_results(data.path(), 1);
    let team = tempfile::tempdir().unwrap();
    let amy = team.path().join("nested").join("amy.json");
    std::fs::create_dir(amy.parent().unwrap()).unwrap();
    std::fs::copy(result_files(&results).pop().unwrap(), &amy).unwrap();
    refuses_to_overwrite(
        tool(data.path())
            .arg("cohort")
            .arg(team.path())
            .args(["--format", "json", "-o"])
            .arg(&amy),
        &amy,
    );
    refuses_to_overwrite(
        tool(data.path())
            .arg("cohort")
            .arg(&amy)
            .args(["--format", "json", "-o"])
            .arg(&amy),
        &amy,
    );
    // A page written beside the results, then written again: not an input.
    let page = team.path().join("cohort.html");
    for _ in 0..2 {
        tool(data.path())
            .arg("cohort")
            .arg(team.path())
            .args(["--format", "html", "-o"])
            .arg(&page)
            .assert()
            .success();
    }
}

// -o and permissions: what `>` does, for the user running the tool.

/// The user the permission cases run as: this one, or when the tests run as root (who may
/// write any file, so no case means anything) `nobody` through setpriv. `None` when root
/// cannot become another user here.
fn unprivileged_uid() -> Option<u32> {
    let uid = unsafe { libc::geteuid() };
    if uid != 0 {
        return Some(uid);
    }
    let works = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(bin())
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    works.then_some(65534)
}

/// `program` run as `uid` (see [`unprivileged_uid`]).
fn run_as(uid: u32, program: &Path) -> std::process::Command {
    if unsafe { libc::geteuid() } == uid {
        return std::process::Command::new(program);
    }
    let mut cmd = std::process::Command::new("setpriv");
    cmd.args([
        format!("--reuid={uid}"),
        format!("--regid={uid}"),
        "--clear-groups".into(),
        "--".into(),
    ])
    .arg(program);
    cmd
}

/// A temporary folder that `uid` owns.
fn folder_of(uid: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::chown(dir.path(), Some(uid), Some(uid)).unwrap();
    dir
}

/// A file of `uid` with `mode`, holding "keep".
fn file_of(uid: u32, path: &Path, mode: u32) {
    std::fs::write(path, "keep").unwrap();
    std::os::unix::fs::chown(path, Some(uid), Some(uid)).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Whether `sh -c 'echo x > path'` as `uid` may write `path` (it is not changed: a copy is
/// made and put back).
fn shell_writes(uid: u32, path: &Path) -> bool {
    let before = std::fs::read(path).unwrap();
    let status = run_as(uid, Path::new("/bin/sh"))
        .arg("-c")
        .arg("echo x > \"$0\"")
        .arg(path)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    std::fs::write(path, before).unwrap();
    status.success()
}

/// `assess --no-save --answers BANKING -o output` as `uid`.
fn assess_to_as(uid: u32, data: &Path, output: &Path) -> std::process::Output {
    run_as(uid, &bin())
        .env("SKILLGAP_DATA_DIR", data)
        .env("NO_COLOR", "1")
        .args(["assess", "--no-save", "--format", "markdown", "--answers"])
        .arg(root().join(BANKING))
        .arg("-o")
        .arg(output)
        .output()
        .unwrap()
}

#[test]
fn an_output_the_user_may_not_write_is_refused_as_the_shell_refuses_it() {
    let Some(uid) = unprivileged_uid() else {
        eprintln!("skipped: running as root and cannot run as another user (setpriv)");
        return;
    };
    let dir = folder_of(uid);
    let target = dir.path().join("read-only.md");
    file_of(uid, &target, 0o444);
    assert!(!shell_writes(uid, &target), "the shell refuses it");
    let out = assess_to_as(uid, dir.path(), &target);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("read-only.md") && err.contains("Permission denied"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
    assert_eq!(mode(&target), 0o444);
}

#[test]
fn a_writable_output_in_a_folder_the_user_may_not_write_is_written_in_place() {
    let Some(uid) = unprivileged_uid() else {
        eprintln!("skipped: running as root and cannot run as another user (setpriv)");
        return;
    };
    let dir = folder_of(uid);
    let target = dir.path().join("report.md");
    file_of(uid, &target, 0o640);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    assert!(shell_writes(uid, &target), "the shell writes it");
    let inode = std::fs::metadata(&target).unwrap().ino();
    let out = assess_to_as(uid, dir.path(), &target);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("# "), "{written}");
    assert_eq!(std::fs::metadata(&target).unwrap().ino(), inode, "in place");
    assert_eq!(mode(&target), 0o640);
}

#[test]
fn a_replaced_output_keeps_its_mode() {
    let data = tempfile::tempdir().unwrap();
    save_results(data.path(), 1);
    let dir = tempfile::tempdir().unwrap();
    for mode_before in [0o640, 0o664, 0o604] {
        let target = dir.path().join(format!("out-{mode_before:o}.csv"));
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(mode_before)).unwrap();
        let out = export_to(data.path(), &target, "csv");
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("competency_id,"));
        assert_eq!(mode(&target), mode_before, "{mode_before:o}");
    }
    // A new file is readable by its owner only.
    let new = dir.path().join("new.csv");
    export_to(data.path(), &new, "csv");
    assert_eq!(mode(&new), 0o600);
    // Where the shell may write a read-only file (root may), so may skillgap, and the
    // file stays read-only.
    let read_only = dir.path().join("read-only.csv");
    std::fs::write(&read_only, "old").unwrap();
    std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o444)).unwrap();
    let uid = unsafe { libc::geteuid() };
    let shell = shell_writes(uid, &read_only);
    let out = export_to(data.path(), &read_only, "csv");
    assert_eq!(out.status.success(), shell, "{}", text(&out.stderr));
    assert_eq!(mode(&read_only), 0o444);
}

/// Every command that prints its data on stdout.
fn stdout_commands(dir: &Path) -> Vec<Vec<std::ffi::OsString>> {
    let answers = root().join(BANKING).into_os_string();
    let tiny = root().join("tests/fixtures/tiny-pack").into_os_string();
    let args = |list: &[&str]| list.iter().map(Into::into).collect::<Vec<_>>();
    let with = |mut list: Vec<std::ffi::OsString>, more: &[&std::ffi::OsStr]| {
        list.extend(more.iter().map(|a| a.to_os_string()));
        list
    };
    vec![
        with(args(&["assess", "--no-save", "--answers"]), &[&answers]),
        with(
            args(&["assess", "--answers"]),
            &[&answers, "-o".as_ref(), "-".as_ref()],
        ),
        with(
            args(&["--rubrics"]),
            &[&tiny, "assess".as_ref(), "--plain".as_ref()],
        ),
        args(&["answers", "template"]),
        args(&["rubrics", "validate"]),
        args(&["rubrics", "list"]),
        args(&["eligibility", "--set", "degree=bachelor"]),
        args(&["history"]),
        args(&["report", "latest"]),
        args(&["export", "latest", "--format", "csv"]),
        args(&["compare", "latest", "latest"]),
        with(args(&["cohort"]), &[dir.as_os_str()]),
        args(&["completions", "bash"]),
        args(&["man"]),
    ]
}

#[test]
fn a_closed_or_read_only_stdout_is_refused_before_any_work() {
    let data = tempfile::tempdir().unwrap();
    let results = save_results(data.path(), 1);
    let dir = tempfile::tempdir().unwrap();
    let kept = std::fs::read(root().join(BANKING)).unwrap();
    use std::os::unix::process::CommandExt;
    for args in stdout_commands(&results) {
        // `>&-`
        let mut cmd = raw(data.path());
        cmd.args(&args).stdin(Stdio::null());
        unsafe {
            cmd.pre_exec(|| {
                libc::close(1);
                Ok(())
            });
        }
        let out = cmd.output().unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?} >&-: {err}");
        assert!(err.contains("standard output is closed"), "{args:?}: {err}");
        // `1< answers.yaml`
        let out = raw(data.path())
            .args(&args)
            .stdin(Stdio::null())
            .stdout(std::fs::File::open(root().join(BANKING)).unwrap())
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?} 1<: {err}");
        assert!(err.contains("open for reading only"), "{args:?}: {err}");
    }
    assert_eq!(result_files(&results).len(), 1, "nothing more saved");
    assert_eq!(std::fs::read(root().join(BANKING)).unwrap(), kept);
    // With --output FILE, stdout is not needed.
    let mut cmd = raw(data.path());
    cmd.args(["export", "latest", "--format", "csv", "-o"])
        .arg(dir.path().join("out.csv"));
    unsafe {
        cmd.pre_exec(|| {
            libc::close(1);
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(dir.path().join("out.csv").is_file());
}

// The cohort reads what the other readers read.

/// A FIFO at `path`.
fn fifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// `cohort --format json PATHS` as a document, and stderr; bounded in time.
fn cohort_json(data: &Path, paths: &[&Path]) -> (serde_json::Value, String) {
    let out = tool(data)
        .args(["cohort", "--format", "json"])
        .args(paths)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    (serde_json::from_slice(&out.stdout).unwrap(), err)
}

/// The file names under `skipped`, with their errors.
fn skipped(doc: &serde_json::Value) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = doc["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let path = Path::new(s["path"].as_str().unwrap());
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                s["error"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    list.sort();
    list
}

#[test]
fn a_fifo_named_to_the_cohort_is_refused_not_waited_on() {
    let data = tempfile::tempdir().unwrap();
    let results = save_results(data.path(), 1);
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("p.json");
    fifo(&pipe);
    let start = Instant::now();
    // The old binary waits for a writer for ever; the timeout ends it and fails the test.
    let (doc, err) = cohort_json(data.path(), &[&pipe, &result_files(&results)[0]]);
    assert!(start.elapsed() < Duration::from_secs(10));
    assert_eq!(doc["people"], 1);
    let skipped = skipped(&doc);
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0].1.contains("not a regular file"), "{skipped:?}");
    assert!(err.contains("p.json"), "{err}");
    // `report` says the same of it.
    let out = tool(data.path())
        .arg("report")
        .arg(&pipe)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not a regular file"));
}

#[test]
fn links_that_dangle_or_loop_and_fifos_in_a_cohort_folder_are_listed_as_skipped() {
    let data = tempfile::tempdir().unwrap();
    let results = save_results(data.path(), 1);
    let team = tempfile::tempdir().unwrap();
    std::fs::copy(&result_files(&results)[0], team.path().join("amy.json")).unwrap();
    std::os::unix::fs::symlink("nowhere.json", team.path().join("dangling.json")).unwrap();
    std::os::unix::fs::symlink("loop.json", team.path().join("loop.json")).unwrap();
    fifo(&team.path().join("pipe.json"));
    // Not `*.json`: not a result, not listed.
    std::os::unix::fs::symlink("nowhere", team.path().join("notes.txt")).unwrap();
    let (doc, err) = cohort_json(data.path(), &[team.path()]);
    assert_eq!(doc["people"], 1);
    let skipped = skipped(&doc);
    let names: Vec<&str> = skipped.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["dangling.json", "loop.json", "pipe.json"],
        "{skipped:?}"
    );
    for name in names {
        assert_eq!(err.matches(name).count(), 1, "{name}: {err}");
    }
}

#[test]
fn cohort_and_history_read_text_by_one_rule() {
    let data = tempfile::tempdir().unwrap();
    let results = save_results(data.path(), 3);
    let files = result_files(&results);
    // One with a byte-order mark (read by both), one with a byte that is not UTF-8 inside
    // a string (skipped by both).
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(std::fs::read(&files[1]).unwrap());
    std::fs::write(&files[1], bom).unwrap();
    let text_of = std::fs::read_to_string(&files[2]).unwrap();
    let mut bytes = text_of
        .replacen("\"profile\": \"", "\"profile\": \"\u{1}", 1)
        .into_bytes();
    let at = bytes.iter().position(|b| *b == 1).unwrap();
    bytes[at] = 0xff;
    std::fs::write(&files[2], bytes).unwrap();
    let bad = files[2].file_name().unwrap().to_string_lossy().into_owned();

    let out = tool(data.path())
        .args(["history", "--format", "json"])
        .output()
        .unwrap();
    let err = text(&out.stderr);
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2, "{err}");
    assert!(err.contains(&bad) && err.contains("not UTF-8"), "{err}");

    // Named as files, each result is its own person: two counted, the same one skipped.
    let (doc, _) = cohort_json(data.path(), &[&results]);
    assert_eq!(doc["people"], 2, "{doc}");
    let skipped = skipped(&doc);
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0].0, bad);
    assert!(skipped[0].1.contains("not UTF-8"), "{skipped:?}");
}

#[test]
fn the_personal_data_folder_is_one_person() {
    let data = tempfile::tempdir().unwrap();
    save_results(data.path(), 2);
    let (doc, _) = cohort_json(data.path(), &[]);
    assert_eq!(doc["people"], 1, "two retakes of one person");
    let out = tool(data.path()).arg("cohort").output().unwrap();
    let table = text(&out.stdout);
    assert!(table.starts_with("Cohort: 1 person"), "{table}");
    assert!(table.contains("\n You "), "{table}");
}

// ---- issue 21, second campaign: parsing

/// The 1-based number of the line of `text` that is `line`.
fn line_of(text: &str, line: &str) -> usize {
    1 + text
        .lines()
        .position(|l| l == line)
        .unwrap_or_else(|| panic!("no line {line:?}"))
}

/// `text` with `line` inserted after its line `after`; the inserted line's number.
fn with_line_after(text: &str, after: &str, line: &str) -> (String, usize) {
    let at = line_of(text, after);
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(at, line);
    (lines.join("\n") + "\n", at + 1)
}

/// Runs `assess --answers` on `body` saved as `name`; exit code and stderr.
fn assess_text(name: &str, body: &str) -> (Option<i32>, String) {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join(name), body).unwrap();
    let out = tool(data.path())
        .current_dir(data.path())
        .args(["assess", "--no-save", "--format", "json", "--answers", name])
        .output()
        .unwrap();
    (out.status.code(), text(&out.stderr))
}

/// The banking example as pretty JSON, as a program would write it.
fn banking_json() -> String {
    let yaml = std::fs::read_to_string(root().join(BANKING)).unwrap();
    let value: serde_json::Value = serde_yaml::from_str(&yaml).unwrap();
    serde_json::to_string_pretty(&value).unwrap()
}

/// A key given twice in an answers file, YAML or JSON, used to score with the last one
/// silently (today's binary: exit 0, `risk_rating: novice` scored). It is refused at the second
/// key, with a hint.
#[test]
fn a_key_given_twice_in_an_answers_file_is_refused_at_the_second() {
    let example = std::fs::read_to_string(root().join(BANKING)).unwrap();
    let json = banking_json();
    // serde_json writes `profile` last: with one put first, the example's is the second.
    let (profile_twice, _) = with_line_after(&json, "{", "  \"profile\": \"senior\",");
    let cases = [
        (
            "twice.yaml",
            with_line_after(&example, "  risk_rating: expert", "  risk_rating: novice"),
            3,
            "answers: duplicate key `risk_rating`",
        ),
        (
            "twice.yaml",
            with_line_after(&example, "  degree: master", "  degree: none"),
            3,
            "facts: duplicate key `degree`",
        ),
        (
            "twice.json",
            with_line_after(
                &json,
                "    \"degree\": \"master\",",
                "    \"degree\": \"none\",",
            ),
            5,
            "duplicate key `degree`",
        ),
        (
            "twice.json",
            (profile_twice.clone(), profile_twice.lines().count() - 1),
            3,
            "duplicate key `profile`",
        ),
    ];
    for (name, (text, line), column, message) in cases {
        let (code, err) = assess_text(name, &text);
        assert_eq!(code, Some(2), "{name} {message}: {err}");
        assert!(
            err.contains(&format!("{name}:{line}:{column}: {message}")),
            "{name}:{line}:{column}: {message}\n{err}"
        );
        assert!(err.contains("hint: each key may appear once"), "{err}");
    }
}

/// A rubric pack with two `hipaa:` targets in one profile validated as "ok" on today's binary,
/// its target silently the second. `rubrics validate` and every run refuse it at the second.
#[test]
fn a_key_given_twice_in_a_rubric_pack_is_refused_at_the_second() {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack_copy(dir.path());
    let file = pack.join("pack.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    let first = "      hipaa: { level: advanced_beginner, importance: 3 }";
    let (twice, line) = with_line_after(
        &yaml,
        first,
        "      hipaa: { level: expert, importance: 3 }",
    );
    std::fs::write(&file, twice).unwrap();
    for args in [vec!["rubrics", "validate"], vec!["rubrics", "list"]] {
        let out = tool(dir.path())
            .arg("--rubrics")
            .arg(&pack)
            .args(&args)
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(&format!(
                "pack.yaml:{line}:7: profiles[0].targets: duplicate key `hipaa`"
            )),
            "{args:?}: line {line}\n{err}"
        );
    }
}

/// Syntax faults were placed where libyaml noticed them, not where a person looks: a control
/// character at `1:1` (its byte offset left in the message), a quote never closed at the end of
/// the file, a key without `:` on the next line, a second document with no position at all
/// (today's binary). Each is now placed on the character, the opening quote, the key's line and
/// the second `---`.
#[test]
fn syntax_faults_point_where_a_person_looks() {
    let example = std::fs::read_to_string(root().join(BANKING)).unwrap();
    let degree = line_of(&example, "  degree: master");
    let last = example.lines().count();
    let json = banking_json();
    let cases = [
        (
            "control.yaml",
            example.replace("  degree: master", "  degree: mas\u{1}ter"),
            (degree, 14),
            "control character `\\x01` in the text",
        ),
        (
            "quote.yaml",
            format!("{example}person: \"Dana\n\n"),
            (last + 1, 9),
            "this text has no closing quote",
        ),
        (
            "colon.yaml",
            with_line_after(&example, "  degree: master", "  months_agile").0,
            (degree + 1, 3),
            "this key has no ':' after it",
        ),
        (
            "documents.yaml",
            with_line_after(&example, "  degree: master", "---").0,
            (degree + 1, 1),
            "a second document starts here",
        ),
        (
            "quote.json",
            json.replace("\"degree\": \"master\",", "\"degree\": \"master,"),
            (line_of(&json, "    \"degree\": \"master\","), 15),
            "this text has no closing quote",
        ),
    ];
    for (name, body, (line, column), message) in cases {
        let (code, err) = assess_text(name, &body);
        assert_eq!(code, Some(2), "{name}: {err}");
        assert!(
            err.contains(&format!("{name}:{line}:{column}: {message}")),
            "{name}:{line}:{column}: {message}\n{err}"
        );
    }
}

/// JSON answers were read as YAML: Python's `json.dumps` spelling of an emoji
/// (`"\ud83d\ude00"`) was refused at 1:4533, DEL, C1 controls and U+FFFE inside strings at 1:1,
/// and a raw NEL folded into a space (today's binary). JSON is read as JSON.
#[test]
fn json_answers_mean_what_json_says() {
    let mut value: serde_json::Value = serde_json::from_str(&banking_json()).unwrap();
    value["person"] = serde_json::Value::String("PERSON".into());
    let json = serde_json::to_string(&value).unwrap();
    for (spelled, meant) in [
        (r#""\ud83d\ude00 Dana""#, "\u{1f600} Dana"),
        (
            "\"a\u{7f}b\u{9b}c\u{fffe}d\u{85}e\"",
            // The result keeps a name with its control characters shown escaped.
            "a\\x7fb\\u{9b}c\u{fffe}d\\u{85}e",
        ),
    ] {
        for name in ["person.json", "person.txt"] {
            let data = tempfile::tempdir().unwrap();
            std::fs::write(data.path().join(name), json.replace("\"PERSON\"", spelled)).unwrap();
            let out = tool(data.path())
                .current_dir(data.path())
                .args(["assess", "--no-save", "--format", "json", "--answers", name])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
            let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(doc["person"], meant, "{name}");
        }
    }
}

/// One file has one meaning: for generated answers files, what the tool scores is what
/// serde_yaml (YAML) or serde_json (JSON) reads, or both refuse, for LF and CRLF copies alike.
/// Through the library, so that thousands of files take seconds.
///
/// Today's reader fails it: its quick path for the template's plain shape ends a comment only
/// at `\n`, where YAML also ends it at NEL, U+2028 and U+2029 (the entry after one is lost or
/// gained), takes control characters in comments that YAML refuses, and reads JSON as YAML
/// (`"\ud83d\ude00"`, DEL and C1 inside strings are refused).
mod differential {
    use proptest::prelude::*;
    use skillgap::answers::{self, Answers, Completeness, Value};
    use skillgap::pack::Pack;

    fn pack() -> &'static Pack {
        static PACK: std::sync::OnceLock<Pack> = std::sync::OnceLock::new();
        PACK.get_or_init(|| skillgap::pack::load_embedded().unwrap())
    }

    /// The three examples, as serde_yaml reads them: the answers the files are made from.
    fn examples() -> &'static [Answers] {
        static EXAMPLES: std::sync::OnceLock<Vec<Answers>> = std::sync::OnceLock::new();
        EXAMPLES.get_or_init(|| {
            let dir = super::root().join("examples/answers");
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            files.sort();
            files
                .iter()
                .map(|f| serde_yaml::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
                .collect()
        })
    }

    /// What scoring `answers` gives: the normalised answers and the assessment, or a refusal.
    fn scored(mut a: Answers) -> Option<String> {
        let pack = pack();
        a.facts.retain(|_, v| *v != Value::Null);
        a.answers.retain(|_, v| *v != Value::Null);
        let spans = Default::default();
        if !answers::check(pack, &mut a, "f", &spans, Completeness::Required).is_empty() {
            return None;
        }
        answers::normalise(pack, &mut a);
        let profile = pack.profile(a.profile.as_deref()?)?;
        let assessment = skillgap::score::score(pack, profile, &a);
        Some(format!("{a:?}\n{assessment:?}"))
    }

    /// What the tool makes of `text` named `name`.
    fn by_the_tool(name: &str, text: &str) -> Option<String> {
        let (a, _) = answers::parse(name, text).ok()?;
        scored(a)
    }

    /// One way to write each kind of value in YAML, picked by `how`: one that means the value,
    /// or (`odd`) one that YAML or the answers' rules read otherwise.
    fn yaml_value(value: &Value, how: u8, odd: bool) -> String {
        match (value, odd) {
            (Value::Null, _) => ["", "~", "null"][usize::from(how % 3)].to_string(),
            (Value::Bool(b), _) => {
                let pairs = [
                    ("yes", "no"),
                    ("true", "false"),
                    ("True", "False"),
                    ("'yes'", "'no'"),
                    ("on", "off"),
                    ("y", "n"),
                ];
                let pick = if odd { 4 + how % 2 } else { how % 4 };
                let (yes, no) = pairs[usize::from(pick)];
                if *b { yes } else { no }.to_string()
            }
            (Value::Number(n), false) => match how % 4 {
                0 => format!("{n}"),
                1 => format!("{n:.1}"),
                2 => format!("{n}e0"),
                _ => format!("+{n}"),
            },
            (Value::Number(n), true) => match how % 3 {
                0 => format!("'{n}'"),
                1 => format!("0{n}"),
                _ => format!("0x{:x}", *n as u64),
            },
            (Value::Text(t), false) => match how % 5 {
                0 => t.clone(),
                1 => format!("'{t}'"),
                2 => format!("\"{t}\""),
                3 => format!("!!str {t}"),
                _ => format!("{t} # {t}"),
            },
            (Value::Text(t), true) => match how % 3 {
                0 => format!("{t}#{t}"),
                1 => format!("[{t}]"),
                _ => format!("{t}: x"),
            },
            (Value::List(items), _) => match how % 4 {
                0 => format!("[{}]", items.join(", ")),
                1 => format!("[{}]", items.join(",")),
                2 if !items.is_empty() => items.iter().map(|i| format!("\n    - {i}")).collect(),
                _ if odd => format!("[{}, ]", items.join(", ")),
                _ => format!(
                    "[ {} ]",
                    items
                        .iter()
                        .map(|i| format!("\"{i}\""))
                        .collect::<Vec<_>>()
                        .join(" , ")
                ),
            },
        }
    }

    /// Comment text: plain, with characters YAML refuses, or with a character that ends a
    /// line in YAML followed by what reads as an entry after it.
    fn comment() -> impl Strategy<Value = String> {
        let plain = "[a-z :#\té]{0,12}";
        let odd = "[a-z ]{0,4}[\u{1}\u{7f}\u{1b}\u{9b}\u{85}\u{2028}\u{2029}][a-z :]{0,4}";
        let entry = (
            "[a-z ]{0,6}",
            prop::sample::select(vec!['\u{85}', '\u{2028}', '\u{2029}', '\u{1}']),
            prop::sample::select(vec![
                "  risk_rating: novice",
                "  degree: none",
                "  certifications_held: [pmp]",
                "profile: senior",
                "  no_such_key: x",
            ]),
        )
            .prop_map(|(a, brk, after)| format!("{a}{brk}{after}"));
        prop_oneof![
            4 => proptest::string::string_regex(plain).unwrap(),
            1 => proptest::string::string_regex(odd).unwrap(),
            1 => entry,
        ]
    }

    /// A YAML answers file made from one example: each value written one of several ways,
    /// comments on lines of their own and after values, now and then a key given twice.
    fn yaml_file() -> impl Strategy<Value = String> {
        (
            0..examples().len(),
            prop::collection::vec(any::<u8>(), 160),
            prop_oneof![3 => Just(Vec::new()), 1 => prop::collection::vec(0usize..200, 1..3)],
            prop::collection::vec((0usize..200, any::<bool>(), comment()), 0..4),
            prop::option::weighted(0.1, (0usize..200, any::<u8>())),
            prop::sample::select(vec![
                "",
                "person: Dana\n",
                "person: 'Dana O''Neil'\n",
                "person: \"Zo\\u00eb\\x85 \\U0001F600\"\n",
                "person: Dana\u{85}profile: senior\n",
                "person:\n",
            ]),
        )
            .prop_map(|(example, how, odd, comments, twice, person)| {
                let base = &examples()[example];
                let mut lines = vec![person.to_string()];
                lines.push(format!("profile: {}\n", base.profile.as_deref().unwrap()));
                let mut n = 0;
                for (section, map) in [("facts", &base.facts), ("answers", &base.answers)] {
                    lines.push(format!("{section}:\n"));
                    for (key, value) in map {
                        let written = yaml_value(value, how[n % how.len()], odd.contains(&n));
                        lines.push(format!("  {key}: {written}\n"));
                        if let Some((_, other)) = twice.filter(|(at, _)| *at == n) {
                            lines.push(format!("  {key}: {}\n", yaml_value(value, other, false)));
                        }
                        n += 1;
                    }
                }
                for (at, own_line, text) in comments {
                    let at = at % lines.len();
                    if own_line {
                        lines.insert(at, format!("  # {text}\n"));
                    } else if let Some(line) = lines[at].strip_suffix('\n') {
                        lines[at] = format!("{line} # {text}\n");
                    }
                }
                lines.concat()
            })
    }

    /// A JSON string literal for `text`: each character as it is or as a `\u` escape
    /// (astral ones as surrogate pairs, as Python's `json.dumps` writes them).
    fn json_string(text: &str, escape: &[bool]) -> String {
        let mut out = String::from("\"");
        for (i, c) in text.chars().enumerate() {
            let forced = matches!(c, '"' | '\\') || (c as u32) < 0x20;
            if forced || escape[i % escape.len()] {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            } else {
                out.push(c);
            }
        }
        out + "\""
    }

    /// One way to write each kind of value in JSON, picked by `how`: one that means the value,
    /// or (`odd`) one that the answers' rules refuse.
    fn json_value(value: &Value, how: u8, odd: bool, escape: &[bool]) -> String {
        match value {
            Value::Null => "null".into(),
            Value::Bool(b) if odd => json_string(if *b { "on" } else { "off" }, escape),
            Value::Bool(b) if how.is_multiple_of(3) => {
                json_string(if *b { "yes" } else { "no" }, escape)
            }
            Value::Bool(b) => b.to_string(),
            Value::Number(n) if odd => json_string(&n.to_string(), escape),
            Value::Number(n) => match how % 3 {
                0 => format!("{n}"),
                1 => format!("{n:.1}"),
                _ => format!("{n}e0"),
            },
            Value::Text(t) => json_string(t, escape),
            Value::List(items) => {
                let items: Vec<String> = items.iter().map(|i| json_string(i, escape)).collect();
                format!(
                    "[{}]",
                    items.join(if how.is_multiple_of(2) { ", " } else { ",\n\t" })
                )
            }
        }
    }

    /// A JSON answers file made from one example, and whether it gives a key twice.
    fn json_file() -> impl Strategy<Value = (String, bool)> {
        (
            0..examples().len(),
            prop::collection::vec(any::<u8>(), 160),
            prop_oneof![3 => Just(Vec::new()), 1 => prop::collection::vec(0usize..200, 1..3)],
            prop::collection::vec(any::<bool>(), 1..8),
            prop::option::weighted(0.1, 0usize..200),
            prop::sample::select(vec![
                None,
                Some("Dana"),
                Some("\u{1f600} Zoë"),
                Some("a\u{7f}b\u{85}c\u{9b}d\u{2028}e\u{fffe}f"),
                Some("\u{1b}[2J\u{202e}"),
            ]),
            prop::sample::select(vec![" ", "", "\n  ", "\n\t"]),
        )
            .prop_map(|(example, how, odd, escape, twice, person, space)| {
                let base = &examples()[example];
                let mut top = Vec::new();
                if let Some(person) = person {
                    top.push(format!(
                        "\"person\":{space}{}",
                        json_string(person, &escape)
                    ));
                }
                let profile = json_string(base.profile.as_deref().unwrap(), &escape);
                top.push(format!("\"profile\": {profile}"));
                let mut repeated = false;
                let mut n = 0;
                for (section, map) in [("facts", &base.facts), ("answers", &base.answers)] {
                    let mut entries = Vec::new();
                    for (key, value) in map {
                        let written =
                            json_value(value, how[n % how.len()], odd.contains(&n), &escape);
                        entries.push(format!("\"{key}\":{space}{written}"));
                        if twice == Some(n) {
                            entries.push(format!("\"{key}\": null"));
                            repeated = true;
                        }
                        n += 1;
                    }
                    top.push(format!(
                        "\"{section}\": {{{space}{}}}",
                        entries.join(",\n    ")
                    ));
                }
                (format!("{{\n  {}\n}}\n", top.join(",\n  ")), repeated)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..Default::default() })]

        #[test]
        fn a_yaml_answers_file_means_what_serde_yaml_reads(text in yaml_file()) {
            for text in [text.clone(), text.replace('\n', "\r\n")] {
                // serde_yaml's own Value refuses a key given twice; the typed read lets the
                // last one win, which is the silent second meaning the tool refuses.
                let read = serde_yaml::from_str::<serde_yaml::Value>(&text)
                    .and_then(|_| serde_yaml::from_str::<Answers>(&text));
                let expected = read.ok().and_then(scored);
                prop_assert_eq!(by_the_tool("f.yaml", &text), expected, "{:?}", text);
            }
        }

        #[test]
        fn a_json_answers_file_means_what_serde_json_reads((text, repeated) in json_file()) {
            for text in [text.clone(), text.replace('\n', "\r\n")] {
                let read = serde_json::from_str::<Answers>(&text).ok().filter(|_| !repeated);
                let expected = read.and_then(scored);
                prop_assert_eq!(by_the_tool("f.json", &text), expected.clone(), "{:?}", text);
                // Named otherwise, the text tells: it starts with `{`.
                prop_assert_eq!(by_the_tool("<stdin>", &text), expected, "{:?}", text);
            }
        }
    }
}
