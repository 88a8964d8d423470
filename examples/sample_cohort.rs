//! Writes the result files of a simulated cohort, to try `skillgap cohort` on or to time it.
//!
//! ```sh
//! cargo run --release --example sample_cohort -- DIR [PEOPLE] [RESULTS_PER_PERSON] [--names]
//! skillgap cohort DIR
//! ```
//!
//! People are named "Person 00001", …; with `--names` the first 24 get made-up names instead
//! (as in the README's picture).

#[path = "../tests/support/sample_cohort.rs"]
mod sample_cohort;

use skillgap::render::{for_format, Format, Style};

const NAMES: [&str; 24] = [
    "Amara Okafor",
    "Ben Castillo",
    "Chloe Martin",
    "Dev Patel",
    "Elena Rossi",
    "Farid Haddad",
    "Grace Liu",
    "Hannah Becker",
    "Isaac Mensah",
    "Julia Novak",
    "Kenji Sato",
    "Leila Ahmadi",
    "Marco Silva",
    "Nadia Petrova",
    "Omar Khalil",
    "Priya Nair",
    "Quinn Murphy",
    "Rosa Jiménez",
    "Samuel Adeyemi",
    "Tessa van Dijk",
    "Umar Farouk",
    "Vera Lindqvist",
    "Wei Zhang",
    "Yusuf Demir",
];

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let names = args.iter().any(|a| a == "--names");
    let mut args = args.into_iter().filter(|a| a != "--names");
    let Some(dir) = args.next() else {
        anyhow::bail!("usage: sample_cohort DIR [PEOPLE] [RESULTS_PER_PERSON] [--names]");
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
    if names {
        for (i, (path, mut doc)) in written.iter().cloned().enumerate() {
            if let Some(name) = NAMES.get(i / per_person.max(1)) {
                doc.person = Some((*name).into());
                std::fs::write(
                    &path,
                    for_format(Format::Json).render(&doc, Style::default()),
                )?;
            }
        }
    }
    eprintln!("wrote {} result files in {dir}", written.len());
    Ok(())
}
