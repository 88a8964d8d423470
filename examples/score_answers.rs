//! Scores an answers file through the library, without the command line.
//!
//! cargo run --example score_answers -- examples/answers/pm-from-banking.yaml

use skillgap::answers::{self, Completeness};
use skillgap::{pack, result, Error};

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/answers/pm-from-banking.yaml".into());
    if let Err(error) = run(&path) {
        eprintln!("error: {error}");
        std::process::exit(error.exit_code());
    }
}

fn run(path: &str) -> Result<(), Error> {
    let pack = pack::load_embedded()?;
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.into(),
        source,
        hint: "give the path of an answers file".into(),
    })?;
    let (mut answers, spans) = answers::parse(path, &text).map_err(Error::Invalid)?;
    let problems = answers::check(&pack, &mut answers, path, &spans, Completeness::Required);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    answers::normalise(&pack, &mut answers);
    let profile_id = answers
        .profile
        .clone()
        .unwrap_or_else(|| pack.profiles[0].id.to_string());
    let profile = pack
        .profile(&profile_id)
        .ok_or_else(|| Error::usage(format!("unknown profile {profile_id}"), "fix `profile:`"))?;
    let doc = result::build(&pack, profile, &answers, "1970-01-01T00:00:00Z");

    println!("{} against “{}”", path, doc.profile_title);
    for c in doc.ranked_gaps() {
        println!(
            "  {:<45} {:>5.1}  {} → {}",
            c.title,
            c.score,
            doc.level_title(&c.level),
            doc.level_title(&c.target_level)
        );
    }
    let eligible: Vec<&str> = doc
        .eligibility
        .iter()
        .filter(|e| e.eligible && !e.held)
        .map(|e| e.id.as_str())
        .collect();
    println!("  eligible now: {}", eligible.join(", "));
    Ok(())
}
