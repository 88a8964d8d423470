//! The cohort view at scale: gather, aggregate and render the JSON of a generated cohort, and
//! the item analysis (`--items`) of the same files. Run with `cargo bench --bench cohort`;
//! `benches/cohort.sh` times 10,000 files against jq and 100,000 with and without `--items`.

#[path = "../tests/support/sample_cohort.rs"]
mod sample_cohort;

use criterion::{criterion_group, criterion_main, Criterion};
use skillgap::cohort::items::{read_answers, Layout};
use skillgap::cohort::{gather, Options};
use skillgap::render::{for_cohort_format, CohortFormat, Style};

fn cohort(c: &mut Criterion) {
    let pack = skillgap::pack::load_embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // 1,000 people, the last 100 with a second result: 1,100 files of about 75 KB.
    sample_cohort::write_cohort(dir.path(), &pack, "project_manager", 900, 1, 1);
    sample_cohort::write_cohort(
        &dir.path().join("again"),
        &pack,
        "project_manager",
        100,
        2,
        2,
    );
    let paths = [dir.path().to_path_buf()];
    let mut group = c.benchmark_group("cohort");
    group.sample_size(10);
    group.bench_function("gather and summarise 1,100 result files", |b| {
        b.iter(|| {
            gather(&paths, &Options::default())
                .unwrap()
                .summarise()
                .unwrap()
        })
    });
    group.bench_function(
        "gather, summarise and analyse the items of 1,100 result files",
        |b| {
            b.iter(|| {
                let mut gathered = gather(&paths, &Options::default()).unwrap();
                let latest = gathered.latest();
                let mut view = gathered.summarise().unwrap();
                let layout = Layout::new(&pack);
                let outcome = read_answers(&layout, &latest);
                view.add_items(&layout, &outcome);
                view
            })
        },
    );
    let view = gather(&paths, &Options::default())
        .unwrap()
        .summarise()
        .unwrap();
    for (name, format) in [
        ("render table", CohortFormat::Table),
        ("render HTML", CohortFormat::Html),
        ("render CSV", CohortFormat::Csv),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| for_cohort_format(format).render(&view, Style::default()))
        });
    }
    group.finish();
}

criterion_group!(benches, cohort);
criterion_main!(benches);
