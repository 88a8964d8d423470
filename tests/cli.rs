//! Black-box tests of the command line: the real binary, real files.

mod common;

use common::*;
use predicates::prelude::*;
use predicates::str::contains;

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("stdout is JSON")
}

#[test]
fn every_example_scores_to_the_documented_json_shape() {
    let data = tempfile::tempdir().unwrap();
    for file in example_answers() {
        let out = skillgap(data.path())
            .args(["assess", "--format", "json", "--answers"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let doc = json(&out.stdout);
        assert_eq!(doc["schema_version"], 1);
        assert_eq!(doc["tool"]["name"], "skillgap");
        assert_eq!(doc["pack"]["id"], "healthcare-it-pm");
        assert!(doc["pack"]["version"].is_u64());
        assert!(doc["profile"].is_string());
        let taken = doc["taken_at"].as_str().unwrap();
        assert!(
            taken.parse::<jiff::Timestamp>().is_ok(),
            "RFC 3339: {taken}"
        );
        let competencies = doc["competencies"].as_array().unwrap();
        assert_eq!(competencies.len(), 12);
        for c in competencies {
            for field in ["id", "title", "score", "level", "target_level", "gap"] {
                assert!(!c[field].is_null(), "competency field {field}");
            }
        }
        let recs = doc["recommendations"].as_array().unwrap();
        assert!(!recs.is_empty());
        for r in recs {
            assert!(["education", "certification", "networking", "experience"]
                .contains(&r["kind"].as_str().unwrap()));
            for field in ["id", "title", "url", "addresses"] {
                assert!(!r[field].is_null(), "recommendation field {field}");
            }
        }
        let answers = doc["answers"].as_object().unwrap();
        assert!(answers.len() > 100, "every answer is carried");
        for item in doc["plan"].as_array().unwrap() {
            assert!(["30d", "90d", "12m"].contains(&item["horizon"].as_str().unwrap()));
        }
    }
}

#[test]
fn every_example_table_fits_80_columns_without_colour() {
    let data = tempfile::tempdir().unwrap();
    for file in example_answers() {
        let out = skillgap(data.path())
            .args(["assess", "--answers"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Top gaps") && text.contains("Plan"), "{text}");
        for line in text.lines() {
            // A web address is never broken (it would stop working when copied); it is the
            // only thing allowed past the edge, alone on its line.
            if line.trim_start().starts_with("https://") && !line.trim().contains(' ') {
                continue;
            }
            assert!(
                line.chars().count() <= 80,
                "{} is {} wide: {line}",
                file.display(),
                line.chars().count()
            );
        }
        assert!(
            !text.contains('\u{1b}'),
            "no escape codes when NO_COLOR is set or stdout is a pipe"
        );
    }
}

#[test]
fn the_three_example_people_get_different_top_gaps_and_plans() {
    let data = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    for file in example_answers() {
        let out = skillgap(data.path())
            .args(["assess", "--format", "json", "--answers"])
            .arg(&file)
            .output()
            .unwrap();
        let doc = json(&out.stdout);
        let mut gaps: Vec<(f64, String)> = doc["competencies"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["gap"].as_u64().unwrap() > 0)
            .map(|c| {
                (
                    c["priority"].as_f64().unwrap(),
                    c["id"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        gaps.sort_by(|a, b| b.0.total_cmp(&a.0));
        let top: Vec<String> = gaps.into_iter().take(2).map(|g| g.1).collect();
        let plan: Vec<String> = doc["plan"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["recommendation"].as_str().unwrap().to_string())
            .collect();
        seen.push((top, plan));
    }
    assert_eq!(seen.len(), 3);
    for i in 0..seen.len() {
        for j in i + 1..seen.len() {
            assert_ne!(seen[i].0, seen[j].0, "top gaps differ");
            assert_ne!(seen[i].1, seen[j].1, "plans differ");
        }
    }
}

#[test]
fn clinician_is_not_sent_to_hipaa_basics_but_the_engineer_is() {
    let data = tempfile::tempdir().unwrap();
    let plan_of = |name: &str| -> Vec<String> {
        let out = skillgap(data.path())
            .args(["assess", "--format", "json", "--answers"])
            .arg(root().join("examples/answers").join(name))
            .output()
            .unwrap();
        json(&out.stdout)["plan"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["recommendation"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!plan_of("clinician-to-informatics.yaml").contains(&"hhs_hipaa_guidance".to_string()));
    assert!(
        plan_of("software-engineer-to-healthcare.yaml").contains(&"hhs_hipaa_guidance".to_string())
    );
}

#[test]
fn answers_from_stdin_and_output_file_written_private() {
    let data = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("result.json");
    let file = &example_answers()[0];
    skillgap(data.path())
        .args(["assess", "--format", "json", "--answers", "-", "--output"])
        .arg(&target)
        .write_stdin(std::fs::read(file).unwrap())
        .assert()
        .success()
        .stdout("")
        .stderr(contains("Wrote"));
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(doc["schema_version"], 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn profile_flag_overrides_the_file() {
    let data = tempfile::tempdir().unwrap();
    let out = skillgap(data.path())
        .args([
            "assess",
            "--format",
            "json",
            "--profile",
            "senior",
            "--answers",
        ])
        .arg(&example_answers()[0])
        .output()
        .unwrap();
    assert_eq!(json(&out.stdout)["profile"], "senior");
}

#[test]
fn validate_accepts_the_embedded_pack() {
    let data = tempfile::tempdir().unwrap();
    skillgap(data.path())
        .args(["rubrics", "validate"])
        .assert()
        .success()
        .stdout(contains("ok: built-in pack").and(contains("12 competencies")));
}

#[test]
fn validate_reports_file_line_and_column_of_a_broken_copy() {
    let data = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let pack = pack_copy(tmp.path());
    let risk = pack.join("competencies/risk.yaml");
    edit(
        &risk,
        "title: Risk management",
        "title: Risk management\ntitel: typo",
    );
    let line = line_of(&risk, "titel:");
    skillgap(data.path())
        .args(["rubrics", "validate"])
        .arg(&pack)
        .assert()
        .code(2)
        .stderr(
            contains(format!("risk.yaml:{line}:1: unknown field `titel`")).and(contains("hint:")),
        );
}

#[test]
fn validate_reports_semantic_faults_with_positions() {
    let data = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let pack = pack_copy(tmp.path());
    let pack_yaml = pack.join("pack.yaml");
    edit(
        &pack_yaml,
        "risk: { level: advanced_beginner, importance: 2 }",
        "risk: { level: advanced_beginer, importance: 0 }",
    );
    let line = line_of(&pack_yaml, "advanced_beginer");
    let hipaa = pack.join("competencies/hipaa.yaml");
    // A second rating id duplicates a question id: a duplicate.
    let text = std::fs::read_to_string(&hipaa).unwrap();
    let first_id = text
        .lines()
        .find(|l| l.trim_start().starts_with("- id: hipaa_") && !l.contains("rating"))
        .unwrap()
        .trim()
        .trim_start_matches("- id: ")
        .to_string();
    edit(&hipaa, "id: hipaa_rating", &format!("id: {first_id}"));
    // A level without a description.
    let comm = pack.join("competencies/communication.yaml");
    let expert_line = std::fs::read_to_string(&comm)
        .unwrap()
        .lines()
        .find(|l| l.trim_start().starts_with("expert:"))
        .unwrap()
        .to_string();
    edit(&comm, &expert_line, "");
    // Weight not finite.
    let tech = pack.join("competencies/technical.yaml");
    edit(&tech, "weight: 2", "weight: .nan");
    // A dangling reference.
    let recs = pack.join("recommendations.yaml");
    edit(&recs, "builds: [", "builds: [nonexistent, ");
    let out = skillgap(data.path())
        .args(["rubrics", "validate"])
        .arg(&pack)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(&format!("pack.yaml:{line}:")), "{err}");
    assert!(err.contains("unknown level `advanced_beginer`"), "{err}");
    assert!(
        err.contains("importance 0 must be a number above 0"),
        "{err}"
    );
    assert!(err.contains(&format!("duplicate id `{first_id}`")), "{err}");
    assert!(err.contains("does not describe level `expert`"), "{err}");
    assert!(err.contains("weight NaN must be a number above 0"), "{err}");
    assert!(err.contains("unknown competency `nonexistent`"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn a_choice_without_exactly_one_right_answer_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let pack = pack_copy(tmp.path());
    let risk = pack.join("competencies/risk.yaml");
    // Mark a wrong option right as well: two right answers on a choice question.
    let text = std::fs::read_to_string(&risk).unwrap();
    // The first option `a` that is wrong, in a single-answer question.
    let mut kind = "";
    let wrong = text
        .lines()
        .find(|l| {
            if let Some(k) = l.trim_start().strip_prefix("kind: ") {
                kind = k.trim();
            }
            kind == "choice" && l.trim_start().starts_with("- { id: a,") && !l.contains("correct")
        })
        .unwrap()
        .to_string();
    let line = line_of(&risk, &wrong);
    edit(&risk, &wrong, &wrong.replace("\" }", "\", correct: true }"));
    skillgap(data.path())
        .args(["rubrics", "validate"])
        .arg(&pack)
        .assert()
        .code(2)
        .stderr(
            contains("has 2 right answers; it needs exactly one")
                .and(contains(format!("risk.yaml:{}:", line - 1))),
        );
}

#[test]
fn rubrics_flag_loads_another_pack() {
    let data = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let pack = pack_copy(tmp.path());
    edit(
        &pack.join("pack.yaml"),
        "title: Healthcare IT Project Manager",
        "title: My own pack",
    );
    skillgap(data.path())
        .arg("--rubrics")
        .arg(&pack)
        .args(["rubrics", "list"])
        .assert()
        .success()
        .stdout(contains("My own pack"));
}

#[test]
fn template_lists_every_question_and_a_filled_copy_scores() {
    let data = tempfile::tempdir().unwrap();
    let out = skillgap(data.path())
        .args(["answers", "template", "--profile", "associate"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let template = String::from_utf8(out.stdout).unwrap();
    assert!(template.contains("profile: associate"));
    // Fill the template with the values of an example person, by id.
    let example =
        std::fs::read_to_string(root().join("examples/answers/pm-from-banking.yaml")).unwrap();
    let values: std::collections::HashMap<&str, &str> = example
        .lines()
        .filter_map(|l| l.trim().split_once(": "))
        .collect();
    let filled: String = template
        .lines()
        .map(|l| {
            match l
                .trim()
                .strip_suffix(':')
                .or_else(|| l.trim().strip_suffix(": []"))
            {
                Some(id) if values.contains_key(id) && l.starts_with("  ") => {
                    format!("  {id}: {}\n", values[id])
                }
                _ => format!("{l}\n"),
            }
        })
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("filled.yaml");
    std::fs::write(&file, filled).unwrap();
    skillgap(data.path())
        .args(["assess", "--answers"])
        .arg(&file)
        .assert()
        .success()
        .stdout(contains("Top gaps"));
}

// ── Bad input: a clear message naming the file, exit code 2, nothing written ──

fn bad_answers(content: &str, expect: &[&str]) {
    let data = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("answers.yaml");
    std::fs::write(&file, content).unwrap();
    let target = tmp.path().join("out.json");
    let out = skillgap(data.path())
        .args(["assess", "--format", "json", "--answers"])
        .arg(&file)
        .arg("--output")
        .arg(&target)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("answers.yaml"), "names the file: {err}");
    for e in expect {
        assert!(err.contains(e), "expected {e:?} in: {err}");
    }
    assert!(!err.contains("panicked"));
    assert!(out.stdout.is_empty());
    assert!(!target.exists(), "no output file on bad input");
}

fn example_with(from: &str, to: &str) -> String {
    let text =
        std::fs::read_to_string(root().join("examples/answers/pm-from-banking.yaml")).unwrap();
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

#[test]
fn missing_answers_file() {
    let data = tempfile::tempdir().unwrap();
    skillgap(data.path())
        .args(["assess", "--answers", "no/such/file.yaml"])
        .assert()
        .code(2)
        .stderr(contains("cannot read no/such/file.yaml").and(contains("answers template")));
}

#[test]
fn malformed_yaml_names_line_and_column() {
    bad_answers(
        "profile: associate\nanswers:\n  hipaa_rating: [unclosed\n",
        &["answers.yaml:"],
    );
}

#[test]
fn unknown_question_id() {
    let text = example_with(
        "  hipaa_rating:",
        "  hipaa_ratting: competent\n  hipaa_rating:",
    );
    let line = text
        .lines()
        .position(|l| l.contains("hipaa_ratting"))
        .unwrap()
        + 1;
    bad_answers(
        &text,
        &[
            &format!("answers.yaml:{line}:"),
            "unknown question `hipaa_ratting`",
        ],
    );
}

#[test]
fn number_out_of_range() {
    bad_answers(
        &example_with("months_leading_projects: 84", "months_leading_projects: -3"),
        &[
            "fact `months_leading_projects`: -3 is out of range",
            "0 to 600 months",
        ],
    );
}

#[test]
fn value_not_among_the_options() {
    bad_answers(
        &example_with("hipaa_rating: competent", "hipaa_rating: guru"),
        &[
            "question `hipaa_rating`: `guru` is not one of the options",
            "novice",
        ],
    );
}

#[test]
fn missing_required_answer() {
    bad_answers(
        &example_with("  hipaa_rating: competent\n", ""),
        &["1 question not answered: hipaa_rating"],
    );
}

#[test]
fn unknown_profile_in_file() {
    bad_answers(
        &example_with("profile: project_manager", "profile: astronaut"),
        &["unknown profile `astronaut`", "aspiring"],
    );
}

#[test]
fn unknown_profile_on_command_line() {
    let data = tempfile::tempdir().unwrap();
    skillgap(data.path())
        .args(["assess", "--profile", "astronaut", "--answers"])
        .arg(&example_answers()[0])
        .assert()
        .code(2)
        .stderr(contains("unknown profile `astronaut`"));
}

#[test]
fn unknown_top_level_field_in_answers() {
    bad_answers(
        &example_with("profile:", "proflie: x\nprofile:"),
        &["unknown field `proflie`"],
    );
}

// ── Eligibility ──

#[test]
fn pmp_eligibility_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let run = |months: &str| {
        let out = skillgap(data.path())
            .args(["eligibility", "--set", "degree=bachelor", "--set"])
            .arg(format!("months_leading_projects={months}"))
            .args(["--set", "pm_education_hours=35", "--format", "json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let list = json(&out.stdout);
        list.as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == "pmp")
            .unwrap()
            .clone()
    };
    let pmp = run("36");
    assert_eq!(pmp["eligible"], true);
    assert_eq!(pmp["missing"], serde_json::json!([]));
    for field in ["id", "title", "issuer", "source", "as_of"] {
        assert!(pmp[field].is_string(), "{field}");
    }
    let pmp = run("30");
    assert_eq!(pmp["eligible"], false);
    assert_eq!(
        pmp["missing"],
        serde_json::json!([{
            "fact": "months_leading_projects",
            "have": 30,
            "need": 36,
            "text": "6 more months leading projects"
        }])
    );
}

#[test]
fn eligibility_rejects_unknown_facts_and_bad_values() {
    let data = tempfile::tempdir().unwrap();
    skillgap(data.path())
        .args(["eligibility", "--set", "shoe_size=9"])
        .assert()
        .code(2)
        .stderr(contains("unknown fact `shoe_size`"));
    skillgap(data.path())
        .args(["eligibility", "--set", "degree=phd"])
        .assert()
        .code(2)
        .stderr(contains("`phd` is not one of the options"));
    skillgap(data.path())
        .args(["eligibility", "--set", "months_agile=lots"])
        .assert()
        .code(2)
        .stderr(contains("needs a number"));
}

#[test]
fn assess_result_carries_eligibility() {
    let data = tempfile::tempdir().unwrap();
    let out = skillgap(data.path())
        .args(["assess", "--format", "json", "--answers"])
        .arg(root().join("examples/answers/pm-from-banking.yaml"))
        .output()
        .unwrap();
    let doc = json(&out.stdout);
    let pmp = doc["eligibility"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "pmp")
        .unwrap();
    assert_eq!(pmp["held"], true);
}

#[test]
fn help_and_version_work() {
    let data = tempfile::tempdir().unwrap();
    skillgap(data.path())
        .arg("--help")
        .assert()
        .success()
        .stdout(contains("assess"));
    skillgap(data.path())
        .arg("--version")
        .assert()
        .success()
        .stdout(contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn verify_cli_definition() {
    use clap::CommandFactory;
    skillgap::cli::Cli::command().debug_assert();
}

// ── Plain mode: piped input, no terminal ──

fn tiny_args(cmd: &mut assert_cmd::Command) -> &mut assert_cmd::Command {
    cmd.arg("--rubrics")
        .arg(root().join("tests/fixtures/tiny-pack"))
}

/// The tiny-answers fixture as typed into plain mode (profile, degree, months, certifications,
/// the experience checklist, alpha's rating and choice, beta's rating, multi and number), then
/// Enter to score on the review.
const TINY_TYPED: &str = "2\n2\n40\n1\ny\n3\n2\n2\n1,3\n24\n\n";

fn tiny_from_file(data: &std::path::Path) -> serde_json::Value {
    let out = tiny_args(&mut skillgap(data))
        .args(["assess", "--format", "json", "--answers"])
        .arg(root().join("tests/fixtures/tiny-answers.yaml"))
        .output()
        .unwrap();
    let mut doc = json(&out.stdout);
    doc.as_object_mut().unwrap().remove("taken_at");
    doc
}

#[test]
fn plain_mode_completes_a_whole_assessment_from_piped_input() {
    let data = tempfile::tempdir().unwrap();
    let out = tiny_args(&mut skillgap(data.path()))
        .args(["assess", "--plain", "--format", "json"])
        .write_stdin(TINY_TYPED)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("[1/10] Which career stage"), "{err}");
    assert!(err.contains("   1. Starter"), "options are numbered: {err}");
    assert!(!err.contains('\u{1b}'), "no escape codes in plain mode");
    let mut doc = json(&out.stdout);
    doc.as_object_mut().unwrap().remove("taken_at");
    let other = tempfile::tempdir().unwrap();
    assert_eq!(doc, tiny_from_file(other.path()));
}

#[test]
fn term_dumb_chooses_plain_mode() {
    let data = tempfile::tempdir().unwrap();
    tiny_args(&mut skillgap(data.path()))
        .env("TERM", "dumb")
        .args(["assess", "--format", "json"])
        .write_stdin(TINY_TYPED)
        .assert()
        .success()
        .stderr(contains("Number 1-2"));
}

#[test]
fn plain_mode_explains_a_bad_number_and_asks_again() {
    let data = tempfile::tempdir().unwrap();
    let typed = TINY_TYPED.replacen("40\n", "seven\n900\n40\n", 1);
    tiny_args(&mut skillgap(data.path()))
        .args(["assess", "--plain", "--format", "json"])
        .write_stdin(typed)
        .assert()
        .success()
        .stderr(contains("That is not a number").and(contains(
            "That is outside the range: give a number from 0 to 600 months",
        )));
}

#[test]
fn input_ending_early_keeps_the_answers_for_resume() {
    let data = tempfile::tempdir().unwrap();
    tiny_args(&mut skillgap(data.path()))
        .args(["assess", "--plain"])
        .write_stdin("2\n2\n40\n")
        .assert()
        .code(130)
        .stderr(contains("Your answers are saved").and(contains("assess --resume")));
    let session = std::fs::read_to_string(data.path().join("session.yaml")).unwrap();
    assert!(session.contains("months_leading_projects: 40"), "{session}");
    // The rest, resumed: certifications onwards.
    let rest: String = TINY_TYPED
        .lines()
        .skip(3)
        .map(|l| format!("{l}\n"))
        .collect();
    let out = tiny_args(&mut skillgap(data.path()))
        .args(["assess", "--plain", "--resume", "--format", "json"])
        .write_stdin(rest)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut doc = json(&out.stdout);
    doc.as_object_mut().unwrap().remove("taken_at");
    let other = tempfile::tempdir().unwrap();
    assert_eq!(doc, tiny_from_file(other.path()));
    assert!(!data.path().join("session.yaml").exists());
}

#[test]
fn resume_after_the_pack_changed_keeps_what_fits_and_names_what_was_dropped() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("session.yaml"),
        "pack: tiny\npack_version: 0\nstarted_at: 2026-11-01T10:00:00Z\nprofile: lead\n\
         facts:\n  degree: bachelor\n  months_leading_projects: 40\n  certifications_held: [capm]\n\
         answers:\n  alpha_rating: expert\n  alpha_choice: z\n  gamma_question: a\n",
    )
    .unwrap();
    // alpha_choice and gamma_question are dropped: the next prompts are the experience
    // checklist (never answered), alpha_rating again (Enter keeps it) and alpha_choice.
    let out = tiny_args(&mut skillgap(data.path()))
        .args(["assess", "--plain", "--resume", "--format", "json"])
        .write_stdin("y\n\n2\n2\n1,3\n24\n\n")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("The rubric pack changed since you began"),
        "{err}"
    );
    assert!(
        err.contains("dropped: alpha_choice, gamma_question"),
        "{err}"
    );
    assert!(err.contains("[5/10] I have done alpha work."), "{err}");
    assert!(err.contains("[7/10] Which option is right?"), "{err}");
}

#[test]
fn resume_without_a_session_says_how_to_start() {
    let data = tempfile::tempdir().unwrap();
    tiny_args(&mut skillgap(data.path()))
        .args(["assess", "--plain", "--resume"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(contains("no unfinished assessment"));
}

#[test]
fn a_new_assessment_over_an_unfinished_one_asks_first() {
    let data = tempfile::tempdir().unwrap();
    tiny_args(&mut skillgap(data.path()))
        .args(["assess", "--plain"])
        .write_stdin("2\n2\n")
        .assert()
        .code(130);
    // Choose "Start afresh", then answer everything.
    let out = tiny_args(&mut skillgap(data.path()))
        .args(["assess", "--plain", "--format", "json"])
        .write_stdin(format!("2\n{TINY_TYPED}"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("You have an unfinished assessment"), "{err}");
}

#[test]
fn no_profile_anywhere_says_how_to_choose_one() {
    bad_answers(
        &example_with("profile: project_manager", "profile:"),
        &["no target profile given", "--profile"],
    );
}

#[test]
fn control_sequences_in_a_bad_file_do_not_reach_the_terminal() {
    bad_answers(
        &example_with(
            "  hipaa_rating:",
            "  \"evil\\e[2J\\e]0;owned\\a\": 1\n  hipaa_rating:",
        ),
        &["unknown question `evil"],
    );
    let data = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("answers.yaml");
    std::fs::write(
        &file,
        example_with("  hipaa_rating:", "  \"evil\\e[2J\": 1\n  hipaa_rating:"),
    )
    .unwrap();
    let out = skillgap(data.path())
        .args(["assess", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !out.stderr.contains(&0x1b),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_folder_without_a_pack_is_named() {
    let data = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    skillgap(data.path())
        .args(["rubrics", "validate"])
        .arg(empty.path())
        .assert()
        .code(2)
        .stderr(contains(format!(
            "{}: no pack.yaml in this folder",
            empty.path().display()
        )));
}

// ── Retaking some competencies ──

#[test]
fn a_retake_from_a_file_carries_the_other_competencies_from_the_latest_result() {
    let data = tempfile::tempdir().unwrap();
    let example = root().join("examples/answers/pm-from-banking.yaml");
    skillgap(data.path())
        .args(["assess", "--format", "json", "--answers"])
        .arg(&example)
        .assert()
        .success();
    // Only workflows answered: a rating, its three statements and a scenario.
    let retake = data.path().join("workflows.yaml");
    std::fs::write(
        &retake,
        "answers:\n  workflows_rating: competent\n  workflows_redesign_owned: yes\n  \
         workflows_cross_department_readiness: no\n  workflows_method_set: no\n  \
         workflows_observation_notice: a\n",
    )
    .unwrap();
    let out = skillgap(data.path())
        .args([
            "assess",
            "--competency",
            "workflows",
            "--format",
            "json",
            "--answers",
        ])
        .arg(&retake)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json(&out.stdout);
    assert_eq!(doc["profile"], "project_manager", "the profile is carried");
    assert_eq!(
        doc["facts"]["months_leading_projects"], 84,
        "facts are carried"
    );
    for c in doc["competencies"].as_array().unwrap() {
        assert_eq!(
            c.get("carried_from").is_none(),
            c["id"] == "workflows",
            "{}",
            c["id"]
        );
    }
    let workflows = doc["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "workflows")
        .unwrap();
    assert_eq!(workflows["knowledge_score"], 100.0);
    assert_eq!(workflows["experience_score"], 33.3);
    assert_eq!(workflows["experience_shows"], "competent");
    let table = skillgap(data.path()).args(["report"]).output().unwrap();
    assert!(String::from_utf8_lossy(&table.stdout).contains("Carried over from your result of"));
}

#[test]
fn a_retake_needs_an_earlier_result_and_known_competencies() {
    let data = tempfile::tempdir().unwrap();
    let example = root().join("examples/answers/pm-from-banking.yaml");
    skillgap(data.path())
        .args(["assess", "--competency", "workflows", "--answers"])
        .arg(&example)
        .assert()
        .code(2)
        .stderr(contains("there is none saved").and(contains("skillgap assess")));
    skillgap(data.path())
        .args(["assess", "--competency", "workflow", "--answers"])
        .arg(&example)
        .assert()
        .code(2)
        .stderr(contains("unknown competency `workflow`").and(contains("workflows")));
}

#[test]
fn an_answers_file_with_too_few_scenarios_in_a_competency_is_refused() {
    let pack = skillgap::pack::load_embedded().unwrap();
    let scenarios: Vec<String> = pack
        .competency("workflows")
        .unwrap()
        .questions
        .iter()
        .filter(|q| q.kind.is_knowledge())
        .map(|q| format!("{}:", q.id))
        .collect();
    let text =
        std::fs::read_to_string(root().join("examples/answers/pm-from-banking.yaml")).unwrap();
    let kept: String = text
        .lines()
        .filter(|l| {
            !scenarios
                .iter()
                .any(|id| l.trim_start().starts_with(id.as_str()))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    bad_answers(
        &kept,
        &["competency `workflows`: 0 scenarios answered; it needs at least 1"],
    );
}
