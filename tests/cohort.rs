//! `skillgap cohort` against cohorts generated here: the aggregates are checked against numbers
//! computed independently from the generated documents, with a damaged file and a person with
//! two results among them; then people, profiles, dates, bad files and hostile text.

mod common;
#[path = "support/sample_cohort.rs"]
mod sample_cohort;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use common::*;
use sample_cohort::{result_for, write_cohort, Rng};
use skillgap::pack::{self, Pack};
use skillgap::render::{for_format, Format, Style};
use skillgap::result::ResultDocument;

fn pack() -> Pack {
    pack::load_embedded().unwrap()
}

fn write_doc(path: &Path, doc: &ResultDocument) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, for_format(Format::Json).render(doc, Style::default())).unwrap();
}

/// Runs `skillgap cohort ARGS` and returns (exit code, stdout, stderr).
fn cohort(data: &Path, args: &[&str]) -> (i32, String, String) {
    let out = skillgap(data).arg("cohort").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn cohort_json(data: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let (code, stdout, stderr) = cohort(data, &all);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).expect("stdout is JSON")
}

/// Quantile by the textbook rule, written apart from the crate's: position p·(n−1) in the
/// sorted list, interpolated between its neighbours.
fn expected_quantile(values: &[f64], p: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pos = p * (v.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    let x = v[lo] + (v[hi] - v[lo]) * (pos - lo as f64);
    (x * 10.0).round() / 10.0
}

#[test]
fn aggregates_match_an_independent_count() {
    let pack = pack();
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let results = dir.path().join("results");
    let mut docs: Vec<(PathBuf, ResultDocument)> =
        write_cohort(&results, &pack, "project_manager", 30, 1, 7);
    // One person takes the assessment again a week later; the later result counts. It sits
    // in a sub-folder, which is searched too.
    let mut rng = Rng::new(99);
    let again = result_for(
        &pack,
        "project_manager",
        Some("person 00005"), // names match whatever the case
        "2026-12-02T09:00:00Z",
        &mut rng,
    );
    let again_path = results.join("later/person-5-again.json");
    write_doc(&again_path, &again);
    docs.push((again_path, again));
    // A damaged file and a JSON file that is not a result: skipped, named, the rest counted.
    std::fs::write(
        results.join("damaged.json"),
        r#"{"schema_version": 1, "tool": {"#,
    )
    .unwrap();
    std::fs::write(results.join("later/package.json"), r#"{"name": "x"}"#).unwrap();
    // Not JSON by name: not read at all.
    std::fs::write(results.join("notes.txt"), "hello").unwrap();

    let (code, stdout, stderr) = cohort(
        data.path(),
        &[results.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(code, 0, "{stderr}");
    let got: serde_json::Value = serde_json::from_str(&stdout).unwrap();

    // Independently: the latest document of each person (names compared in lower case).
    let mut latest: HashMap<String, &ResultDocument> = HashMap::new();
    for (_, doc) in &docs {
        let key = doc.person.clone().unwrap().to_lowercase();
        let newer = latest.get(&key).is_none_or(|have| {
            doc.taken_at.parse::<jiff::Timestamp>().unwrap()
                > have.taken_at.parse::<jiff::Timestamp>().unwrap()
        });
        if newer {
            latest.insert(key, doc);
        }
    }
    assert_eq!(latest.len(), 30);
    assert_eq!(got["schema_version"], 1);
    assert_eq!(got["people"], 30);
    assert_eq!(got["profile"], "project_manager");
    let skipped: Vec<&str> = got["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(skipped.iter().any(|p| p.ends_with("damaged.json")));
    assert!(skipped.iter().any(|p| p.ends_with("package.json")));
    assert!(stderr.contains("damaged.json"), "named on stderr: {stderr}");
    for s in got["skipped"].as_array().unwrap() {
        assert!(s["error"]
            .as_str()
            .unwrap()
            .contains("not a skillgap result"));
    }

    let people: Vec<&&ResultDocument> = latest.values().collect();
    let competencies = got["competencies"].as_array().unwrap();
    assert_eq!(competencies.len(), pack.competencies.len());
    for (c, want) in competencies.iter().zip(&pack.competencies) {
        assert_eq!(c["id"], want.id.as_str(), "pack order");
        let mine: Vec<&skillgap::result::CompetencyResult> = people
            .iter()
            .map(|d| d.competencies.iter().find(|x| x.id == want.id).unwrap())
            .collect();
        let scores: Vec<f64> = mine.iter().map(|x| x.score).collect();
        assert_eq!(c["people"], 30);
        assert_eq!(
            c["median"].as_f64().unwrap(),
            expected_quantile(&scores, 0.5),
            "{}",
            want.id
        );
        assert_eq!(
            c["p25"].as_f64().unwrap(),
            expected_quantile(&scores, 0.25),
            "{}",
            want.id
        );
        assert_eq!(
            c["p75"].as_f64().unwrap(),
            expected_quantile(&scores, 0.75),
            "{}",
            want.id
        );
        let below = mine.iter().filter(|x| x.gap > 0).count();
        assert_eq!(c["below_target"], below, "{}", want.id);
        let mut at_level: BTreeMap<String, u64> = BTreeMap::new();
        for level in &pack.levels {
            at_level.insert(level.id.to_string(), 0);
        }
        for x in &mine {
            *at_level.get_mut(x.level.as_str()).unwrap() += 1;
        }
        let levels = c["levels"].as_object().unwrap();
        let ids: Vec<&String> = levels.keys().collect();
        let scale: Vec<&str> = pack.levels.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids.len(), scale.len());
        for (id, n) in &at_level {
            assert_eq!(levels[id.as_str()], *n, "{} at {id}", want.id);
        }
        assert_eq!(at_level.values().sum::<u64>(), 30);
    }

    let eligibility = got["eligibility"].as_array().unwrap();
    assert_eq!(eligibility.len(), pack.certifications.len());
    for e in eligibility {
        let id = e["id"].as_str().unwrap();
        let of = |d: &&&ResultDocument| d.eligibility.iter().find(|x| x.id == id).cloned().unwrap();
        let held = people.iter().filter(|d| of(d).held).count();
        let eligible = people
            .iter()
            .filter(|d| of(d).eligible && !of(d).held)
            .count();
        assert_eq!(e["held"], held, "{id} held");
        assert_eq!(e["eligible_now"], eligible, "{id} eligible now");
    }

    // A recommendation serves a person when it builds one of their gaps; a certification
    // only when their plan schedules it.
    let mut recommended: HashMap<&str, usize> = HashMap::new();
    let mut unplanned_exams = 0;
    for d in &people {
        for r in &d.recommendations {
            let planned = d.plan.iter().any(|p| p.recommendation == r.id);
            let exam = r.kind == "certification";
            unplanned_exams += usize::from(exam && !planned && !r.addresses.is_empty());
            if !r.addresses.is_empty() && (!exam || planned) {
                *recommended.entry(r.id.as_str()).or_default() += 1;
            }
        }
    }
    assert!(
        unplanned_exams > 0,
        "the cohort should hold a certification that builds a gap but is not planned yet"
    );
    let recs = got["recommendations"].as_array().unwrap();
    assert_eq!(recs.len(), recommended.len());
    let counts: Vec<u64> = recs.iter().map(|r| r["people"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most people first");
    for r in recs {
        let id = r["id"].as_str().unwrap();
        assert_eq!(r["people"], recommended[id], "{id}");
        assert!(["education", "certification", "networking", "experience"]
            .contains(&r["kind"].as_str().unwrap()));
    }

    // The heat map has one row per person, the later result of the one who came back.
    let csv = cohort(data.path(), &[results.to_str().unwrap(), "--format", "csv"]).1;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 30);
    let five: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| r[0].eq_ignore_ascii_case("person 00005"))
        .collect();
    assert_eq!(five.len(), 1);
    assert_eq!(&five[0][1], "2026-12-02T09:00:00Z");
}

#[test]
fn results_are_told_apart_by_person_or_file_name() {
    let pack = pack();
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut rng = Rng::new(3);
    // No `person`: each file is a person, named by its file name.
    for name in ["ana", "ben"] {
        let doc = result_for(&pack, "senior", None, "2026-10-01T10:00:00Z", &mut rng);
        assert!(doc.person.is_none());
        write_doc(&dir.path().join(format!("{name}.json")), &doc);
    }
    let csv = cohort(
        data.path(),
        &[dir.path().to_str().unwrap(), "--format", "csv"],
    )
    .1;
    let names: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(names, ["ana", "ben"]);
}

#[test]
fn assess_carries_the_person_from_the_file_or_the_option() {
    let data = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let example =
        std::fs::read_to_string(root().join("examples/answers/pm-from-banking.yaml")).unwrap();
    let file = tmp.path().join("dana.yaml");
    std::fs::write(&file, format!("person: Dana Whitfield\n{example}")).unwrap();
    let run = |extra: &[&str]| {
        let out = skillgap(data.path())
            .args(["assess", "--format", "json", "--answers"])
            .arg(&file)
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["person"].as_str().map(String::from)
    };
    assert_eq!(run(&[]).as_deref(), Some("Dana Whitfield"));
    assert_eq!(run(&["--person", "D. W."]).as_deref(), Some("D. W."));
    // Both were saved. Named as files, they are told apart by name; the data folder alone
    // is one person's, shown by the latest name.
    let results = data.path().join("results");
    let got = cohort_json(data.path(), &[results.to_str().unwrap()]);
    assert_eq!(got["people"], 2);
    let (code, table, _) = cohort(data.path(), &[results.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        table.contains("Dana Whitfield") && table.contains("D. W."),
        "{table}"
    );
    assert_eq!(cohort_json(data.path(), &[])["people"], 1);
    let (code, table, _) = cohort(data.path(), &[]);
    assert_eq!(code, 0);
    assert!(
        table.contains("D. W.") && !table.contains("Dana Whitfield"),
        "{table}"
    );
}

#[test]
fn several_profiles_need_a_choice() {
    let pack = pack();
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut rng = Rng::new(11);
    for (i, profile) in ["senior", "senior", "associate"].iter().enumerate() {
        let name = format!("p{i}");
        let doc = result_for(
            &pack,
            profile,
            Some(&name),
            "2026-10-01T10:00:00Z",
            &mut rng,
        );
        write_doc(&dir.path().join(format!("{name}.json")), &doc);
    }
    let path = dir.path().to_str().unwrap();
    let (code, _, stderr) = cohort(data.path(), &[path]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("senior (2 people), associate (1 person)"),
        "{stderr}"
    );
    assert!(stderr.contains("--profile senior"), "{stderr}");

    let got = cohort_json(data.path(), &[path, "--profile", "associate"]);
    assert_eq!(got["people"], 1);
    assert_eq!(got["profile"], "associate");
    let (code, table, _) = cohort(data.path(), &[path, "--profile", "associate"]);
    assert_eq!(code, 0);
    assert!(
        table.contains("2 measured against other profiles"),
        "{table}"
    );

    let (code, _, stderr) = cohort(data.path(), &[path, "--profile", "aspiring"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no result measures against that profile"),
        "{stderr}"
    );
}

#[test]
fn since_leaves_out_older_results() {
    let pack = pack();
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut rng = Rng::new(5);
    for (name, taken) in [
        ("old", "2026-08-31T23:59:59Z"),
        ("new", "2026-09-01T00:00:00Z"),
    ] {
        let doc = result_for(&pack, "aspiring", Some(name), taken, &mut rng);
        write_doc(&dir.path().join(format!("{name}.json")), &doc);
    }
    let path = dir.path().to_str().unwrap();
    assert_eq!(cohort_json(data.path(), &[path])["people"], 2);
    assert_eq!(
        cohort_json(data.path(), &[path, "--since", "2026-09-01"])["people"],
        1
    );
    let (code, _, stderr) = cohort(data.path(), &[path, "--since", "2026-12-01"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("taken before --since"), "{stderr}");
    let (code, _, stderr) = cohort(data.path(), &[path, "--since", "September"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("2026-09-01"),
        "says how to write a date: {stderr}"
    );
}

#[test]
fn bad_files_are_skipped_and_named_never_fatal() {
    let pack = pack();
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut rng = Rng::new(8);
    let doc = result_for(
        &pack,
        "associate",
        Some("Kim"),
        "2026-10-01T10:00:00Z",
        &mut rng,
    );
    write_doc(&dir.path().join("kim.json"), &doc);
    let text = for_format(Format::Json).render(&doc, Style::default());
    // Over the size cap.
    let big = format!("{}{}", " ".repeat(5 * 1024 * 1024), text);
    std::fs::write(dir.path().join("big.json"), big).unwrap();
    // Not UTF-8 where a name is read.
    let mut bytes = text.replace("\"Kim\"", "\"K\u{1}m\"").into_bytes();
    let at = bytes.windows(4).position(|w| w == b"K\x01m\"").unwrap();
    bytes[at + 1] = 0xff;
    std::fs::write(dir.path().join("latin1.json"), bytes).unwrap();
    // A newer schema, a time that is no time, a score off the scale, an empty file.
    std::fs::write(
        dir.path().join("future.json"),
        text.replacen("\"schema_version\": 1", "\"schema_version\": 2", 1),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("when.json"),
        text.replace("2026-10-01T10:00:00Z", "last tuesday"),
    )
    .unwrap();
    let score = format!("\"score\": {}", doc.competencies[0].score);
    assert!(text.contains(&score));
    std::fs::write(
        dir.path().join("score.json"),
        text.replacen(&score, "\"score\": 180", 1),
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.json"), "").unwrap();

    let got = cohort_json(data.path(), &[dir.path().to_str().unwrap()]);
    assert_eq!(got["people"], 1);
    let errors: HashMap<String, String> = got["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let path = PathBuf::from(s["path"].as_str().unwrap());
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                s["error"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(errors.len(), 6, "{errors:?}");
    assert!(errors["big.json"].contains("larger than 4 MiB"));
    assert!(errors["latin1.json"].contains("not UTF-8 text"));
    assert!(errors["future.json"].contains("schema_version 2"));
    assert!(errors["when.json"].contains("not an RFC 3339 time"));
    assert!(errors["score.json"].contains("outside 0–100"));
    assert!(errors["empty.json"].contains("not a skillgap result"));
}

#[test]
fn nothing_to_count_is_a_clear_error() {
    let data = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    let (code, _, stderr) = cohort(data.path(), &[empty.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no result files found"), "{stderr}");
    let (code, _, stderr) = cohort(data.path(), &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no saved results"), "{stderr}");
    let (code, _, stderr) = cohort(data.path(), &["no/such/folder"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no/such/folder"), "{stderr}");
}

#[test]
fn hostile_text_stays_text_in_every_format() {
    let pack = pack();
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut rng = Rng::new(13);
    let names = [
        "\u{1b}]0;owned\u{7}\u{1b}[2JMallory <script>alert(1)</script>",
        "=HYPERLINK(\"http://example.invalid\",\"x\")",
        "A person with a very long name that would never fit any column of the table",
    ];
    for (i, name) in names.iter().enumerate() {
        let mut doc = result_for(
            &pack,
            "project_manager",
            None,
            "2026-10-01T10:00:00Z",
            &mut rng,
        );
        // Written by something other than skillgap, which would have cleaned the name.
        doc.person = Some((*name).into());
        // A title from a file is data too.
        doc.competencies[0].short_title = "Risk \u{1b}[31mred\u{1b}[0m & <b>bold</b>".into();
        // And so is an id, which the CSV prints.
        doc.eligibility[0].id = "capm\u{1b}[31m".into();
        doc.eligibility[0].eligible = true;
        doc.eligibility[0].held = false;
        write_doc(&dir.path().join(format!("p{i}.json")), &doc);
    }
    // A damaged file whose name carries an escape sequence.
    std::fs::write(dir.path().join("evil\u{1b}[31m.json"), "{").unwrap();
    let path = dir.path().to_str().unwrap();

    let (code, table, stderr) = cohort(data.path(), &[path]);
    assert_eq!(code, 0, "{stderr}");
    for text in [&table, &stderr] {
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
    }
    for line in table.lines() {
        assert!(
            console::measure_text_width(line) <= 80,
            "fits 80 columns: {line:?}"
        );
    }
    // Shown escaped, so a coach sees what the file held.
    assert!(table.contains("\\e]0;owned"), "{table}");

    let (_, html, _) = cohort(data.path(), &[path, "--format", "html"]);
    assert!(
        html.contains("Mallory &#60;script&#62;alert(1)&#60;/script&#62;")
            || html.contains("Mallory &lt;script&gt;alert(1)&lt;/script&gt;"),
        "escaped"
    );
    assert!(!html.contains("<script"), "no script gets in");
    assert!(!html.contains("<b>bold"));
    assert!(!html.contains('\u{1b}'));

    let (_, csv, _) = cohort(data.path(), &[path, "--format", "csv"]);
    assert!(!csv.contains('\u{1b}'), "{csv:?}");
    assert!(
        csv.lines().skip(1).all(|l| l.contains("capm")),
        "the id is kept, cleaned of its escape sequence"
    );
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let people: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert!(
        people.iter().any(|p| p.starts_with("'=HYPERLINK")),
        "{people:?}"
    );
    assert!(people.iter().all(|p| !p.starts_with('=')));
}

#[test]
fn output_goes_to_a_file_when_asked() {
    let pack = pack();
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write_cohort(dir.path(), &pack, "project_manager", 3, 1, 1);
    let target = dir.path().join("out/cohort.html");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    let (code, stdout, stderr) = cohort(
        data.path(),
        &[
            dir.path().to_str().unwrap(),
            "--format",
            "html",
            "-o",
            target.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("Wrote"));
    let html = std::fs::read_to_string(&target).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Heat map"));
}
