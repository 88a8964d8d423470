//! `skillgap eligibility`: certifications from a few facts, without an assessment.

use super::*;
use crate::eligibility;

pub(super) fn eligibility_command(source: &PackSource, args: EligibilityArgs) -> Result<()> {
    let pack = pack::load_from(source)?;
    let (mut facts, profile): (BTreeMap<String, Value>, Option<String>) = match &args.answers {
        Some(path) => {
            let answers = load_answers(&pack, path, Completeness::Partial)?;
            (answers.facts, answers.profile)
        }
        None => (BTreeMap::new(), None),
    };
    let mut problems = Vec::new();
    for setting in &args.set {
        match parse_setting(&pack, setting) {
            Ok((key, value)) => {
                facts.insert(key, value);
            }
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    // The same checks as an answers file: ranges and option ids.
    let mut as_answers = Answers {
        facts,
        ..Answers::default()
    };
    let problems = answers::check(
        &pack,
        &mut as_answers,
        "--set",
        &Default::default(),
        Completeness::Partial,
    );
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let mut results = eligibility::evaluate_all(&pack, &as_answers.facts);
    // Open now first (those that suit the answers file's profile before the rest), then
    // not yet in reach, then held and not needed.
    let profile = profile.filter(|p| pack.profile(p).is_some());
    eligibility::sort_for_stage(&pack, profile.as_deref(), &mut results);
    let text = match args.format {
        ListFormat::Json => render::json::pretty(&results),
        ListFormat::Table => render::eligibility_table(&results, stdout_style()),
    };
    store::write_output(None, &text)
}

/// `key=value` → a fact value typed by the fact's kind (lists comma-separated).
pub(super) fn parse_setting(
    pack: &Pack,
    setting: &str,
) -> std::result::Result<(String, Value), Diagnostic> {
    let Some((key, raw)) = setting.split_once('=') else {
        return Err(
            Diagnostic::new("--set", format!("`{setting}` is not KEY=VALUE"))
                .hint("write it like --set months_leading_projects=36"),
        );
    };
    let key = key.trim();
    let raw = raw.trim();
    let Some(fact) = pack.fact(key) else {
        return Err(
            Diagnostic::new("--set", format!("unknown fact `{key}`")).hint(format!(
                "facts: {}",
                pack.facts
                    .iter()
                    .map(|f| f.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        );
    };
    let value = match fact.kind {
        FactKind::Number => match raw.parse::<f64>() {
            Ok(n) => Value::Number(n),
            Err(_) => {
                return Err(Diagnostic::new(
                    "--set",
                    format!("`{key}` needs a number, not `{raw}`"),
                )
                .hint(format!("e.g. --set {key}=12")))
            }
        },
        FactKind::Select => Value::Text(raw.to_string()),
        FactKind::YesNo => match raw.to_ascii_lowercase().as_str() {
            "yes" | "y" | "true" => Value::Bool(true),
            "no" | "n" | "false" => Value::Bool(false),
            _ => {
                return Err(
                    Diagnostic::new("--set", format!("`{key}` is yes or no, not `{raw}`"))
                        .hint(format!("e.g. --set {key}=yes")),
                )
            }
        },
        FactKind::List => Value::List(
            raw.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        ),
    };
    Ok((key.to_string(), value))
}
