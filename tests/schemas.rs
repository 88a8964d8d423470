//! The published JSON Schemas match the code, and the project's own files validate against
//! them. Run with UPDATE_SCHEMAS=1 to rewrite `schemas/` after changing a type.

use std::path::Path;

mod common;

use common::root;
use skillgap::answers::{self, Completeness};
use skillgap::{pack, result, schema};

fn load(name: &str) -> serde_json::Value {
    let path = root().join("schemas").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} missing; run UPDATE_SCHEMAS=1 cargo test --test schemas",
            path.display()
        )
    }))
    .unwrap()
}

fn check(schema_name: &str, what: &str, instance: &serde_json::Value) {
    let schema = load(schema_name);
    let validator = jsonschema::draft7::new(&schema).expect("a valid draft-07 schema");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} against {schema_name}:\n{}",
        errors.join("\n")
    );
}

fn yaml_file(path: &Path) -> serde_json::Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn schemas_match_the_code() {
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
    let mut drifted = Vec::new();
    for (name, schema) in schema::all() {
        let path = root().join("schemas").join(name);
        let text = schema::to_file_text(&schema);
        if update {
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            drifted.push(name);
        }
    }
    assert!(drifted.is_empty(), "{drifted:?} differ from the code: run UPDATE_SCHEMAS=1 cargo test --test schemas and commit schemas/");
}

#[test]
fn example_results_validate_against_the_result_schema() {
    let pack = pack::load_embedded().unwrap();
    for entry in std::fs::read_dir(root().join("examples/answers")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.display().to_string();
        let (mut a, spans) = answers::parse(&name, &text).unwrap();
        assert!(answers::check(&pack, &mut a, &name, &spans, Completeness::Required).is_empty());
        answers::normalise(&pack, &mut a);
        let doc = result::build(
            &pack,
            pack.profile(a.profile.as_deref().unwrap()).unwrap(),
            &a,
            "2026-11-25T12:00:00Z",
        );
        check(
            "result.schema.json",
            &name,
            &serde_json::to_value(&doc).unwrap(),
        );
        check("answers.schema.json", &name, &yaml_file(&path));
    }
}

#[test]
fn the_rubric_files_validate_and_point_editors_at_their_schema() {
    let dir = root().join("rubrics/healthcare-it-pm");
    let mut files = vec![
        (dir.join("pack.yaml"), "rubric-pack.schema.json"),
        (
            dir.join("recommendations.yaml"),
            "rubric-recommendations.schema.json",
        ),
        (
            dir.join("certifications.yaml"),
            "rubric-certifications.schema.json",
        ),
    ];
    for entry in std::fs::read_dir(dir.join("competencies")).unwrap() {
        files.push((entry.unwrap().path(), "rubric-competency.schema.json"));
    }
    for (path, schema_name) in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let first = text.lines().next().unwrap_or("");
        let target = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{}: first line names no schema", path.display()));
        let resolved = path.parent().unwrap().join(target);
        assert!(
            resolved.ends_with(schema_name) && resolved.exists(),
            "{}: schema comment points at {}",
            path.display(),
            resolved.display()
        );
        check(schema_name, &path.display().to_string(), &yaml_file(&path));
    }
}

#[test]
fn the_result_schema_refuses_a_document_missing_a_stable_field() {
    let schema = load("result.schema.json");
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let doc = serde_json::json!({"schema_version": 1});
    assert!(!validator.is_valid(&doc));
}

#[test]
fn a_cohort_document_validates_against_the_cohort_schema() {
    #[path = "support/sample_cohort.rs"]
    mod sample_cohort;
    let pack = pack::load_embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    sample_cohort::write_cohort(dir.path(), &pack, "senior", 5, 2, 42);
    std::fs::write(dir.path().join("broken.json"), "[").unwrap();
    let cohort = skillgap::cohort::gather(&[dir.path().to_path_buf()], &Default::default())
        .unwrap()
        .summarise()
        .unwrap();
    assert_eq!(cohort.doc.people, 5);
    assert_eq!(cohort.doc.skipped.len(), 1);
    let json = skillgap::render::for_cohort_format(skillgap::render::CohortFormat::Json)
        .render(&cohort, Default::default());
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    check("cohort.schema.json", "a generated cohort", &value);
    let validator = jsonschema::draft7::new(&load("cohort.schema.json")).unwrap();
    assert!(!validator.is_valid(&serde_json::json!({"schema_version": 1, "people": 3})));
}
