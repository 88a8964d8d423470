//! Writes the result files of a simulated cohort, to try `skillgap cohort` on or to time it.
//!
//! ```sh
//! cargo run --release --example sample_cohort -- DIR [PEOPLE] [RESULTS_PER_PERSON]
//! skillgap cohort DIR
//! ```

#[path = "../tests/support/sample_cohort.rs"]
mod sample_cohort;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        anyhow::bail!("usage: sample_cohort DIR [PEOPLE] [RESULTS_PER_PERSON]");
    };
    let people: usize = args.next().map_or(Ok(40), |n| n.parse())?;
    let per_person: usize = args.next().map_or(Ok(1), |n| n.parse())?;
    let pack = skillgap::pack::load_embedded()?;
    let written = sample_cohort::write_cohort(
        std::path::Path::new(&dir),
        &pack,
        "project_manager",
        people,
        per_person,
        2026,
    );
    eprintln!("wrote {} result files in {dir}", written.len());
    Ok(())
}
