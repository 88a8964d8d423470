//! Results over time: saved, listed, reprinted, compared and exported.

mod common;

use common::*;
use predicates::prelude::*;
use predicates::str::contains;

/// Two assessments of the engineer: the second with HIPAA studied and more experience.
fn two_results(data: &std::path::Path) {
    let first = root().join("examples/answers/software-engineer-to-healthcare.yaml");
    skillgap(data)
        .args(["assess", "--answers"])
        .arg(&first)
        .assert()
        .success()
        .stderr(contains("Result saved in"));
    let text = std::fs::read_to_string(&first).unwrap();
    let pack = skillgap::pack::load_embedded().unwrap();
    let hipaa = pack.competency("hipaa").unwrap();
    let mut better = text
        .replace("months_leading_projects: 18", "months_leading_projects: 36")
        .replace("pm_education_hours: 8", "pm_education_hours: 35");
    // Knowing more moves a score a few points; having done the work (the experience
    // statements) and rating it so moves the level.
    for q in hipaa.questions.iter().filter(|q| !q.kind.is_knowledge()) {
        let value = if q.kind == skillgap::pack::QuestionKind::Rating {
            "proficient"
        } else {
            "yes"
        };
        let line = better
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{}:", q.id)))
            .unwrap()
            .to_string();
        better = better.replace(&line, &format!("  {}: {value}", q.id));
    }
    for q in hipaa.questions.iter().filter(|q| q.kind.is_knowledge()) {
        let right: Vec<&str> = q
            .options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.id.as_str())
            .collect();
        let value = if q.kind == skillgap::pack::QuestionKind::Choice {
            right[0].to_string()
        } else {
            format!("[{}]", right.join(", "))
        };
        let line = better
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{}:", q.id)))
            .unwrap()
            .to_string();
        better = better.replace(&line, &format!("  {}: {value}", q.id));
    }
    let tmp = tempfile::tempdir().unwrap();
    let second = tmp.path().join("second.yaml");
    std::fs::write(&second, better).unwrap();
    skillgap(data)
        .args(["assess", "--answers"])
        .arg(&second)
        .assert()
        .success();
}

#[test]
fn history_lists_both_newest_first() {
    let data = tempfile::tempdir().unwrap();
    two_results(data.path());
    let out = skillgap(data.path())
        .args(["history", "--format", "json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["reference"], "latest");
    assert_eq!(list[1]["reference"], "latest~1");
    assert!(list[0]["taken_at"].as_str() >= list[1]["taken_at"].as_str());
    // The newer one is the improved second run.
    assert!(list[0]["top_gaps"]
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g != "hipaa"));
    skillgap(data.path())
        .arg("history")
        .assert()
        .success()
        .stdout(contains("latest~1").and(contains("associate")));
}

#[test]
fn compare_shows_what_changed() {
    let data = tempfile::tempdir().unwrap();
    two_results(data.path());
    let out = skillgap(data.path())
        .args(["compare", "latest~1", "latest", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hipaa = c["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "hipaa")
        .unwrap();
    assert!(hipaa["new_score"].as_f64() > hipaa["old_score"].as_f64());
    assert!(c["gaps_closed"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("hipaa")));
    assert!(c["newly_eligible"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("pmp")));
    skillgap(data.path())
        .args(["compare", "latest~1", "latest"])
        .assert()
        .success()
        .stdout(
            contains("Gaps closed: HIPAA & regulatory compliance")
                .and(contains("Certifications newly in reach:"))
                .and(contains("PMP")),
        );
}

#[test]
fn report_reprints_a_saved_result() {
    let data = tempfile::tempdir().unwrap();
    two_results(data.path());
    skillgap(data.path())
        .args(["report", "latest~1"])
        .assert()
        .success()
        .stdout(contains("gap report").and(contains("Top gaps")));
    skillgap(data.path())
        .args(["report", "latest~7"])
        .assert()
        .code(2)
        .stderr(contains("there is no result `latest~7`: 2 saved"));
    skillgap(data.path())
        .args(["report", "newest"])
        .assert()
        .code(2)
        .stderr(contains("no such file").or(contains("No such file")));
}

#[test]
fn every_export_format_from_one_result() {
    let data = tempfile::tempdir().unwrap();
    two_results(data.path());
    let out_dir = tempfile::tempdir().unwrap();
    for (format, needle) in [
        ("json", "\"schema_version\": 1"),
        ("csv", "competency_id,competency,score"),
        ("markdown", "## Plan"),
        ("html", "<svg"),
    ] {
        let target = out_dir.path().join(format!("report.{format}"));
        skillgap(data.path())
            .args(["export", "latest", "--format", format, "-o"])
            .arg(&target)
            .assert()
            .success();
        let text = std::fs::read_to_string(&target).unwrap();
        assert!(text.contains(needle), "{format}: {needle}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }
    // `-` is stdout.
    skillgap(data.path())
        .args(["export", "--format", "csv", "-o", "-"])
        .assert()
        .success()
        .stdout(contains("hipaa,"));
}

#[test]
fn no_history_yet_says_what_to_do() {
    let data = tempfile::tempdir().unwrap();
    skillgap(data.path())
        .arg("history")
        .assert()
        .success()
        .stderr(contains("No saved results yet"));
    skillgap(data.path())
        .args(["report"])
        .assert()
        .code(2)
        .stderr(contains("finish an assessment first"));
}

#[test]
fn no_save_keeps_history_clean() {
    let data = tempfile::tempdir().unwrap();
    skillgap(data.path())
        .args(["assess", "--no-save", "--answers"])
        .arg(root().join("examples/answers/pm-from-banking.yaml"))
        .assert()
        .success()
        .stderr(contains("Result saved").not());
    assert!(!data.path().join("results").exists());
}

#[test]
fn a_damaged_result_is_reported_not_fatal() {
    let data = tempfile::tempdir().unwrap();
    two_results(data.path());
    std::fs::write(
        data.path().join("results/00000000T000000Z-x.json"),
        "{ not json",
    )
    .unwrap();
    skillgap(data.path())
        .arg("history")
        .assert()
        .success()
        .stderr(contains("warning: skipped"))
        .stdout(contains("latest~1"));
}

#[test]
fn completions_and_man_page() {
    let data = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        skillgap(data.path())
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(contains("assess"));
    }
    skillgap(data.path())
        .arg("man")
        .assert()
        .success()
        .stdout(contains(".TH skillgap").and(contains("assess")));
}
