//! Snapshots of the gap report, so a change to what a person reads is seen in review.

use skillgap::answers::{self, Completeness};
use skillgap::pack;
use skillgap::render::{Renderer, Style, TableRenderer};
use skillgap::result;

fn document(name: &str) -> result::ResultDocument {
    let pack = pack::load_embedded().unwrap();
    let path = format!("{}/examples/answers/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let (mut answers, spans) = answers::parse(&path, &text).unwrap();
    let problems = answers::check(&pack, &mut answers, &path, &spans, Completeness::Required);
    assert!(problems.is_empty(), "{problems:?}");
    answers::normalise(&pack, &mut answers);
    let profile = pack.profile(answers.profile.as_deref().unwrap()).unwrap();
    result::build(&pack, profile, &answers, "2026-11-25T12:00:00Z")
}

#[test]
fn gap_report_of_the_engineer_new_to_healthcare() {
    let doc = document("software-engineer-to-healthcare.yaml");
    insta::assert_snapshot!(TableRenderer.render(&doc, Style::default()));
}

#[test]
fn building_the_same_answers_twice_gives_the_same_document() {
    let a = document("clinician-to-informatics.yaml");
    let b = document("clinician-to-informatics.yaml");
    assert_eq!(a, b);
}
