//! `skillgap cohort --items` on a simulated cohort of 2,000 people of varied ability who
//! answer the built-in pack's scenarios (the default run's, drawn as retakes draw them, and
//! more of the bank), with three planted items: one everyone gets right, one the weaker get
//! right more often than the stronger, one with a distractor nobody picks. The analysis must
//! flag those three and no other scenario, and its figures must agree with an independent
//! computation from the result documents (here in Rust, and `benches/items.py` where Python
//! is installed). Items are picked by kind and position, never by id: the bank changes.

mod common;
#[path = "support/sample_cohort.rs"]
mod sample_cohort;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use common::*;
use sample_cohort::{answers_for, Rng};
use skillgap::answers::{self, Completeness, Value};
use skillgap::pack::{Pack, Question, QuestionKind};
use skillgap::render::{for_format, Format, Style};
use skillgap::result::ResultDocument;
use skillgap::selection::{self, Scope};

const PEOPLE: usize = 2000;

/// The planted scenarios, and the distractor nobody picks.
struct Planted {
    easy: String,
    reversed: String,
    dead: String,
    dead_option: String,
}

/// The first choice scenario with at least three options of the first three competencies
/// that have one.
fn plant(pack: &Pack) -> Planted {
    let picks: Vec<&Question> = pack
        .competencies
        .iter()
        .filter_map(|c| {
            c.questions
                .iter()
                .find(|q| q.kind == QuestionKind::Choice && q.options.len() >= 3)
        })
        .take(3)
        .collect();
    assert_eq!(picks.len(), 3, "the pack has three such competencies");
    let dead_option = picks[2]
        .options
        .iter()
        .find(|o| !o.correct)
        .unwrap()
        .id
        .to_string();
    Planted {
        easy: picks[0].id.to_string(),
        reversed: picks[1].id.to_string(),
        dead: picks[2].id.to_string(),
        dead_option,
    }
}

fn logistic(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// One person's answer to scenario `q` (number `j` of the bank) at ability `theta`: right
/// with a chance that rises with ability (a two-parameter logistic curve above a guessing
/// floor), otherwise a distractor at random.
fn answer(q: &Question, j: usize, theta: f64, planted: &Planted, rng: &mut Rng) -> Value {
    let b = (j * 37 % 21) as f64 / 10.0 - 1.0;
    let p = 0.2 + 0.8 * logistic(1.7 * (theta - b));
    let wrong: Vec<&str> = q
        .options
        .iter()
        .filter(|o| !o.correct)
        .filter(|o| q.id != planted.dead || o.id != planted.dead_option)
        .map(|o| o.id.as_str())
        .collect();
    let key = || q.options.iter().find(|o| o.correct).unwrap().id.to_string();
    match q.kind {
        QuestionKind::Choice => {
            let p = if q.id == planted.easy {
                1.0
            } else if q.id == planted.reversed {
                0.2 + 0.6 * logistic(-1.7 * theta)
            } else {
                p
            };
            if rng.unit() < p {
                Value::Text(key())
            } else {
                Value::Text(wrong[rng.below(wrong.len())].to_string())
            }
        }
        _ => {
            let knows = logistic(1.7 * (theta - b));
            Value::List(
                q.options
                    .iter()
                    .filter(|o| {
                        if o.correct {
                            rng.unit() < 0.15 + 0.85 * knows
                        } else {
                            rng.unit() < 0.5 * (1.0 - knows) + 0.05
                        }
                    })
                    .map(|o| o.id.to_string())
                    .collect(),
            )
        }
    }
}

/// A result of person `i` at ability `theta`: the default run's scenarios as retake
/// `draw` draws them, and each other scenario of the bank with chance 0.4.
fn result(
    pack: &Pack,
    planted: &Planted,
    i: usize,
    theta: f64,
    draw: usize,
    taken_at: &str,
    rng: &mut Rng,
) -> ResultDocument {
    let mut a = answers_for(pack, "project_manager", rng);
    a.person = Some(format!("Person {:05}", i + 1));
    let default = selection::questions(pack, &Scope::Default { draw }, &[]);
    let scenarios = pack
        .competencies
        .iter()
        .flat_map(|c| c.questions.iter())
        .filter(|q| q.kind.is_knowledge());
    for (j, q) in scenarios.enumerate() {
        let asked = default.contains(&q.id) || rng.unit() < 0.4;
        if asked {
            a.answers
                .insert(q.id.to_string(), answer(q, j, theta, planted, rng));
        } else {
            a.answers.remove(q.id.as_str());
        }
    }
    let problems = answers::check(
        pack,
        &mut a,
        "sim",
        &Default::default(),
        Completeness::Partial,
    );
    assert!(problems.is_empty(), "{problems:?}");
    answers::normalise(pack, &mut a);
    skillgap::result::build(pack, pack.profile("project_manager").unwrap(), &a, taken_at)
}

fn write(path: &Path, doc: &ResultDocument) {
    std::fs::write(path, for_format(Format::Json).render(doc, Style::default())).unwrap();
}

/// Writes the cohort; returns the latest documents (those that count).
fn simulate(dir: &Path, pack: &Pack, planted: &Planted) -> Vec<ResultDocument> {
    let mut rng = Rng::new(2026);
    let mut latest = Vec::with_capacity(PEOPLE);
    for i in 0..PEOPLE {
        // Abilities spread evenly over −2…2, shuffled by the draw.
        let theta = rng.unit() * 4.0 - 2.0;
        let draw = i % 3;
        if i % 10 == 0 {
            // An earlier result of one person in ten, in which everyone misses the easy
            // item: it must not count.
            let mut early = result(
                pack,
                planted,
                i,
                theta,
                draw + 1,
                "2026-10-01T09:00:00Z",
                &mut rng,
            );
            if let Some(q) = pack.question(&planted.easy).map(|(_, q)| q) {
                let wrong = q.options.iter().find(|o| !o.correct).unwrap();
                early
                    .answers
                    .insert(planted.easy.clone(), Value::Text(wrong.id.to_string()));
            }
            write(&dir.join(format!("p{i:05}-early.json")), &early);
        }
        let doc = result(
            pack,
            planted,
            i,
            theta,
            draw,
            "2026-11-25T12:00:00Z",
            &mut rng,
        );
        write(&dir.join(format!("p{i:05}.json")), &doc);
        latest.push(doc);
    }
    latest
}

/// Scenario scores straight from the documents' evidence, as each result scored them:
/// per person, per competency, (scenario id, score 0–1, weight).
fn evidence(docs: &[ResultDocument]) -> Vec<Vec<Vec<(String, f64, f64)>>> {
    docs.iter()
        .map(|d| {
            d.competencies
                .iter()
                .map(|c| {
                    c.evidence
                        .iter()
                        .filter(|e| e.kind == "choice" || e.kind == "multi")
                        .map(|e| (e.question.to_string(), e.earned / e.possible, e.possible))
                        .collect()
                })
                .collect()
        })
        .collect()
}

fn pearson(pairs: &[(f64, f64)]) -> Option<f64> {
    let n = pairs.len() as f64;
    let mx = pairs.iter().map(|p| p.0).sum::<f64>() / n;
    let my = pairs.iter().map(|p| p.1).sum::<f64>() / n;
    let sxy: f64 = pairs.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let sxx: f64 = pairs.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let syy: f64 = pairs.iter().map(|p| (p.1 - my).powi(2)).sum();
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

/// The independent figures: difficulty, corrected item–rest correlation and answer count
/// per scenario; people per pair of scenarios.
struct Independent {
    items: HashMap<String, (usize, f64, Option<f64>)>,
    pairs: HashMap<(String, String), (usize, Option<f64>)>,
}

fn independent(docs: &[ResultDocument]) -> Independent {
    let mut scores: HashMap<String, Vec<f64>> = HashMap::new();
    let mut rests: HashMap<String, Vec<(f64, f64)>> = HashMap::new();
    let mut both: HashMap<(String, String), Vec<(f64, f64)>> = HashMap::new();
    for person in evidence(docs) {
        for answered in person {
            for (k, (id, x, _)) in answered.iter().enumerate() {
                scores.entry(id.clone()).or_default().push(*x);
                let others: Vec<&(String, f64, f64)> = answered
                    .iter()
                    .enumerate()
                    .filter(|(m, _)| *m != k)
                    .map(|(_, o)| o)
                    .collect();
                if !others.is_empty() {
                    let earned: f64 = others.iter().map(|o| o.1 * o.2).sum();
                    let possible: f64 = others.iter().map(|o| o.2).sum();
                    rests
                        .entry(id.clone())
                        .or_default()
                        .push((*x, earned / possible));
                }
                for (other, y, _) in &answered[k + 1..] {
                    both.entry((id.clone(), other.clone()))
                        .or_default()
                        .push((*x, *y));
                }
            }
        }
    }
    Independent {
        items: scores
            .iter()
            .map(|(id, xs)| {
                let r = rests.get(id).and_then(|p| pearson(p));
                (
                    id.clone(),
                    (xs.len(), xs.iter().sum::<f64>() / xs.len() as f64, r),
                )
            })
            .collect(),
        pairs: both
            .into_iter()
            .map(|(k, v)| {
                let r = if v.len() >= 20 { pearson(&v) } else { None };
                (k, (v.len(), r))
            })
            .collect(),
    }
}

fn near(got: &serde_json::Value, want: f64, what: &str) {
    let got = got.as_f64().unwrap_or_else(|| panic!("{what}: no figure"));
    assert!(
        (got - want).abs() <= 0.01,
        "{what}: skillgap says {got}, the independent computation {want:.4}"
    );
}

#[test]
fn a_simulated_cohort_flags_the_planted_items_and_agrees_with_an_independent_count() {
    let pack = skillgap::pack::load_embedded().unwrap();
    let planted = plant(&pack);
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let docs = simulate(dir.path(), &pack, &planted);

    let out = skillgap(data.path())
        .args(["cohort", "--items", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got["people"], PEOPLE);
    let items = got["items"].as_array().unwrap();
    let scenarios = pack
        .questions()
        .filter(|(_, q)| q.kind.is_knowledge())
        .count();
    assert_eq!(
        items.len(),
        scenarios,
        "every scenario of the pack, in its order"
    );

    // Exactly the planted items are flagged, each for what was planted.
    let flags: BTreeMap<&str, Vec<&str>> = items
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap(),
                i["flags"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f.as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    let flagged: Vec<&str> = flags
        .iter()
        .filter(|(_, f)| !f.is_empty())
        .map(|(id, _)| *id)
        .collect();
    let mut want = vec![
        planted.easy.as_str(),
        planted.reversed.as_str(),
        planted.dead.as_str(),
    ];
    want.sort();
    assert_eq!(flagged, want, "flags: {flags:#?}");
    // Everyone right: too easy, and so no distractor is chosen either.
    assert_eq!(
        flags[planted.easy.as_str()],
        ["too_easy", "unused_distractor"]
    );
    assert_eq!(flags[planted.reversed.as_str()], ["low_discrimination"]);
    assert_eq!(flags[planted.dead.as_str()], ["unused_distractor"]);
    let item = |id: &str| items.iter().find(|i| i["id"] == id).unwrap();
    assert_eq!(
        item(&planted.easy)["difficulty"],
        1.0,
        "earlier results do not count"
    );
    assert!(item(&planted.reversed)["discrimination"].as_f64().unwrap() < 0.0);
    assert_eq!(
        item(&planted.dead)["unused_distractors"],
        serde_json::json!([planted.dead_option])
    );

    // The figures agree with an independent computation from the documents.
    let check = independent(&docs);
    for i in items {
        let id = i["id"].as_str().unwrap();
        let (answered, difficulty, r) = check.items[id];
        assert_eq!(i["answered"], answered, "{id}");
        assert!(answered > 100, "{id}: enough people for the point-biserial");
        near(&i["difficulty"], difficulty, &format!("{id} difficulty"));
        assert_eq!(i["discrimination_method"], "point_biserial", "{id}");
        match r {
            Some(r) => near(&i["discrimination"], r, &format!("{id} point-biserial")),
            None => assert!(i["discrimination"].is_null(), "{id}"),
        }
    }
    for c in got["competencies"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let pairs = c["pairs"].as_array().unwrap();
        let mut rs = Vec::new();
        for p in pairs {
            let key = (
                p["items"][0].as_str().unwrap().to_string(),
                p["items"][1].as_str().unwrap().to_string(),
            );
            let (people, r) = check.pairs[&key];
            assert_eq!(p["people"], people, "{key:?}");
            match r {
                Some(r) => {
                    near(&p["correlation"], r, &format!("{key:?} correlation"));
                    rs.push(r);
                }
                None => assert!(p["correlation"].is_null()),
            }
        }
        let mean_r = rs.iter().sum::<f64>() / rs.len() as f64;
        let k = c["scenarios_per_person"].as_f64().unwrap();
        near(
            &c["reliability"],
            k * mean_r / (1.0 + (k - 1.0) * mean_r),
            &format!("{id} reliability"),
        );
        assert!(c["sem"].as_f64().unwrap() > 0.0, "{id}");
        assert_eq!(c["reliability_method"], "standardized_alpha_pairwise");
    }

    // The document follows the published schema.
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas/cohort.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&got).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");

    python_agrees(dir.path(), items);
}

/// `benches/items.py`, a second computation in another language from the same files, agrees
/// where Python is installed (it needs only the standard library).
fn python_agrees(dir: &Path, items: &[serde_json::Value]) {
    let script = root().join("benches/items.py");
    let Ok(out) = std::process::Command::new("python3")
        .arg(&script)
        .arg(dir)
        .output()
    else {
        eprintln!("python3 is not installed: benches/items.py not run");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let python: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for i in items {
        let id = i["id"].as_str().unwrap();
        let p = &python["items"][id];
        assert_eq!(i["answered"], p["answered"], "{id}");
        near(
            &i["difficulty"],
            p["difficulty"].as_f64().unwrap(),
            &format!("{id} difficulty (Python)"),
        );
        match p["point_biserial"].as_f64() {
            Some(r) => near(
                &i["discrimination"],
                r,
                &format!("{id} point-biserial (Python)"),
            ),
            None => assert!(i["discrimination"].is_null(), "{id}"),
        }
    }
}

/// Runs `skillgap cohort --items DIR ARGS`: (exit code, stdout, stderr).
fn items(data: &Path, dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = skillgap(data)
        .args(["cohort", "--items"])
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn every_format_shows_the_items_and_keeps_file_text_as_text() {
    let pack = skillgap::pack::load_embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    // 30 people answering the whole bank: the upper–lower index, every pair of 30.
    sample_cohort::write_cohort(dir.path(), &pack, "project_manager", 30, 1, 11);
    // A result made with another pack whose id is hostile: counted in the view, its answers
    // left out of the analysis, its id shown as text.
    let mut rng = Rng::new(3);
    let mut other = sample_cohort::result_for(
        &pack,
        "project_manager",
        Some("Other"),
        "2026-11-20T10:00:00Z",
        &mut rng,
    );
    other.pack.id = "\u{1b}[31m<script>=1+2".into();
    write(&dir.path().join("other.json"), &other);
    let scenarios: Vec<String> = pack
        .questions()
        .filter(|(_, q)| q.kind.is_knowledge())
        .map(|(_, q)| q.id.to_string())
        .collect();

    let (code, table, stderr) = items(data.path(), dir.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(table.starts_with("Cohort: 31 people"), "{table}");
    // Sentences as words, wherever lines wrap.
    let flat = table.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("from the answers of 30 people"), "{table}");
    assert!(flat.contains("1 result made with another pack"), "{table}");
    assert!(
        !table.contains('\u{1b}'),
        "no control character reaches the terminal"
    );
    assert!(
        table.contains("\\u{1b}") || table.contains("\\x1b") || table.contains("\\e"),
        "{table}"
    );
    for id in &scenarios {
        assert!(table.contains(id.as_str()), "{id} in the table");
    }
    assert!(table.contains("Reliability 0."), "{table}");
    assert!(
        table.contains("D  "),
        "the upper–lower index is marked: {table}"
    );
    for line in table.lines() {
        assert!(
            console::measure_text_width(line) <= 80,
            "fits 80 columns: {line:?}"
        );
    }

    let (code, json, _) = items(data.path(), dir.path(), &["--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = &json["items"][0];
    assert_eq!(first["answered"], 30);
    assert_eq!(first["discrimination_method"], "upper_lower_27");
    assert!(json["competencies"][0]["reliability"].is_number());

    let (code, csv_text, _) = items(data.path(), dir.path(), &["--format", "csv"]);
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[1], "scenario");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), scenarios.len());
    assert_eq!(&rows[0][1], scenarios[0].as_str());
    assert_eq!(&rows[0][4], "30");

    let (code, html, _) = items(data.path(), dir.path(), &["--format", "html"]);
    assert_eq!(code, 0);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script>"), "file text is never markup");
    assert!(
        html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"),
        "but shown"
    );
    for id in &scenarios {
        assert!(html.contains(id.as_str()), "{id} on the page");
    }

    // Without --items the document is as it was.
    let out = skillgap(data.path())
        .args(["cohort", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let plain: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(plain.get("items").is_none());
    assert!(plain["competencies"][0].get("reliability").is_none());
}

#[test]
fn too_few_people_are_too_few_to_judge() {
    let pack = skillgap::pack::load_embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    sample_cohort::write_cohort(dir.path(), &pack, "project_manager", 5, 2, 12);
    let (code, json, stderr) = items(data.path(), dir.path(), &["--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    for item in json["items"].as_array().unwrap() {
        let id = item["id"].as_str().unwrap();
        if !pack.question(id).unwrap().1.ask_if.is_empty() {
            // Asked only of holders of a credential: nobody here holds it.
            continue;
        }
        assert_eq!(item["answered"], 5, "the latest of each person");
        assert_eq!(item["flags"], serde_json::json!(["too_few_answers"]));
        assert!(item["discrimination"].is_null());
    }
    for c in json["competencies"].as_array().unwrap() {
        assert!(c["reliability"].is_null());
        assert!(c["reliability_note"]
            .as_str()
            .unwrap()
            .contains("too few pairs"));
    }
    let (_, table, _) = items(data.path(), dir.path(), &[]);
    let table = table.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(table.contains("too few answers to say"), "{table}");
    assert!(table.contains("Reliability not known"), "{table}");
}

#[test]
fn items_come_from_the_pack_given() {
    let pack = skillgap::pack::load_embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let packs = tempfile::tempdir().unwrap();
    sample_cohort::write_cohort(dir.path(), &pack, "project_manager", 3, 1, 13);
    // The same pack from a folder: the same analysis.
    let copy = pack_copy(packs.path());
    let rubrics = ["--rubrics", copy.to_str().unwrap(), "--format", "json"];
    let (code, from_dir, stderr) = items(data.path(), dir.path(), &rubrics);
    assert_eq!(code, 0, "{stderr}");
    let (_, built_in, _) = items(data.path(), dir.path(), &["--format", "json"]);
    assert_eq!(from_dir, built_in);
    // Another pack: the results' answers are not its answers.
    edit(
        &copy.join("pack.yaml"),
        "id: healthcare-it-pm",
        "id: another-pack",
    );
    let (code, table, stderr) = items(
        data.path(),
        dir.path(),
        &["--rubrics", copy.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stderr}");
    let table = table.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        table.contains("3 results made with another pack: healthcare-it-pm (3)"),
        "{table}"
    );
    assert!(table.contains("from the answers of 0 people"), "{table}");
    // A broken pack is an error naming it.
    std::fs::write(copy.join("pack.yaml"), "id: [").unwrap();
    let (code, _, stderr) = items(
        data.path(),
        dir.path(),
        &["--rubrics", copy.to_str().unwrap()],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("pack.yaml"), "{stderr}");
}
