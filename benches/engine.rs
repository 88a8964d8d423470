//! Start-up and scoring costs: loading the embedded pack (from its YAML, validated, and from
//! the Rust code build.rs writes of it, which runs use), scoring one answers file into a
//! result document, and writing it out. Run with `cargo bench`.

use criterion::{criterion_group, criterion_main, Criterion};
use skillgap::answers::{self, Completeness};
use skillgap::pack;
use skillgap::render::{Renderer, Style, TableRenderer};
use skillgap::result;

fn load_pack(c: &mut Criterion) {
    // What `rubrics validate` does: parse the YAML, index every position, validate.
    c.bench_function("load and validate embedded pack from YAML", |b| {
        b.iter(|| pack::load_embedded().unwrap())
    });
    // What every other run does: the pack as build.rs wrote it in Rust (a release build
    // trusts it; a bench build is one).
    c.bench_function("load embedded pack, built in as code", |b| {
        b.iter(|| pack::embedded().unwrap())
    });
}

fn score_answers(c: &mut Criterion) {
    let pack = pack::load_embedded().unwrap();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/answers/pm-from-banking.yaml"
    );
    let text = std::fs::read_to_string(path).unwrap();
    c.bench_function("parse and check answers file", |b| {
        b.iter(|| {
            let (mut answers, spans) = answers::parse(path, &text).unwrap();
            let problems =
                answers::check(&pack, &mut answers, path, &spans, Completeness::Required);
            assert!(problems.is_empty());
            answers
        })
    });
    let (mut answers, _) = answers::parse(path, &text).unwrap();
    answers::normalise(&pack, &mut answers);
    let profile = pack.profile("project_manager").unwrap();
    c.bench_function("score, plan and build result document", |b| {
        b.iter(|| result::build(&pack, profile, &answers, "2026-11-25T12:00:00Z"))
    });
    let doc = result::build(&pack, profile, &answers, "2026-11-25T12:00:00Z");
    c.bench_function("render gap report", |b| {
        b.iter(|| TableRenderer.render(&doc, Style::default()))
    });
    // What `--format json` writes to stdout, block by block.
    let mut out = Vec::with_capacity(128 * 1024);
    c.bench_function("write result document as JSON", |b| {
        b.iter(|| {
            out.clear();
            skillgap::render::json::write_pretty(&mut out, &doc).unwrap();
            out.len()
        })
    });
}

criterion_group!(benches, load_pack, score_answers);
criterion_main!(benches);
