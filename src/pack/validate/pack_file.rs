//! Checks on pack.yaml itself: its levels, scoring, the list of competencies, and the
//! profiles (career stages) that other files name.

use std::collections::{HashMap, HashSet};

use super::{finite_positive, is_id, shown, Located, Parsed, ID_HINT, MAX_WEIGHT};
use crate::diagnostic::Diagnostic;
use crate::pack::model::{Competency, PackFile};

pub(super) fn check_levels<'a>(
    pack: &'a Located<PackFile>,
    out: &mut Vec<Diagnostic>,
) -> Vec<&'a str> {
    let levels = &pack.value.levels;
    if levels.len() < 2 {
        out.push(pack.problem(
            "levels",
            "a pack needs at least two levels",
            "add levels, lowest first",
        ));
    }
    let mut seen = HashSet::new();
    let mut previous = None;
    for (i, level) in levels.iter().enumerate() {
        let path = format!("levels[{i}]");
        if !is_id(&level.id, false) {
            out.push(pack.problem(
                &format!("{path}.id"),
                format!("`{}` is not a valid id", level.id),
                ID_HINT,
            ));
        }
        if !seen.insert(level.id.as_str()) {
            out.push(pack.problem(
                &format!("{path}.id"),
                format!("duplicate level id `{}`", level.id),
                "rename one of the levels",
            ));
        }
        if level.description.trim().is_empty() {
            out.push(pack.problem(
                &format!("{path}.description"),
                format!("level `{}` has no description", level.id),
                "describe what a person at this level does",
            ));
        }
        let score = level.min_score;
        let path = format!("{path}.min_score");
        if !score.is_finite() || !(0.0..=100.0).contains(&score) {
            out.push(pack.problem(
                &path,
                format!("min_score {score} is outside 0–100"),
                "use a number from 0 to 100",
            ));
        } else if i == 0 && score != 0.0 {
            out.push(pack.problem(
                &path,
                "the lowest level must start at min_score 0",
                "set min_score: 0 so every score has a level",
            ));
        } else if previous.is_some_and(|p| score <= p) {
            out.push(pack.problem(
                &path,
                format!("min_score {score} is not above the level before it"),
                "list levels lowest first with rising min_score",
            ));
        }
        previous = Some(score);
    }
    levels.iter().map(|l| l.id.as_str()).collect()
}

pub(super) fn check_scoring(pack: &Located<PackFile>, levels: &[&str], out: &mut Vec<Diagnostic>) {
    let s = &pack.value.scoring;
    let mut number = |field: &str, value: f64, range: std::ops::RangeInclusive<f64>| {
        if !value.is_finite() || !range.contains(&value) {
            out.push(pack.problem(
                &format!("scoring.{field}"),
                format!(
                    "`{field}` is {value}; it must be from {} to {}",
                    range.start(),
                    range.end()
                ),
                "see the scoring section of rubrics/README.md",
            ));
        }
    };
    number("knowledge_weight", s.knowledge_weight, 0.0..=1.0);
    number("knowledge_half_at", s.knowledge_half_at, 0.1..=1000.0);
    number("self_report_sem", s.self_report_sem, 0.0..=50.0);
    number("calibration_odds", s.calibration_odds, 1.0..=1000.0);
    if let Some(level) = &s.doing_from {
        if !levels.contains(&level.as_str()) {
            out.push(pack.problem(
                "scoring.doing_from",
                format!("unknown level `{level}`"),
                format!(
                    "name the lowest level whose statements describe doing: one of {}",
                    levels.join(", ")
                ),
            ));
        }
    }
    let mut previous: Option<f64> = None;
    for (level, share) in &s.expected_right {
        let path = format!("scoring.expected_right.{level}");
        if !levels.contains(&level.as_str()) {
            out.push(pack.problem(
                &path,
                format!("unknown level `{level}`"),
                format!("use one of: {}", levels.join(", ")),
            ));
        }
        if !share.is_finite() || !(0.01..=0.99).contains(share) {
            out.push(pack.problem(
                &path,
                format!("{share} is not a share from 0.01 to 0.99"),
                "write the share of scenarios a person at this level answers right, e.g. 0.6",
            ));
        }
    }
    if !s.expected_right.is_empty() {
        for level in levels {
            match s.expected_right.get(*level) {
                Some(share) => {
                    if previous.is_some_and(|p| *share <= p) {
                        out.push(pack.problem(
                            &format!("scoring.expected_right.{level}"),
                            format!("{share} is not above the share of the level below"),
                            "the expected share must rise with the level",
                        ));
                    }
                    previous = Some(*share);
                }
                None => out.push(pack.problem(
                    "scoring.expected_right",
                    format!("`expected_right` leaves out level `{level}`"),
                    "give every level its expected share, or leave `expected_right` out",
                )),
            }
        }
    }
    let run = &pack.value.default_run;
    if run.openers_per_competency == 0 {
        out.push(pack.problem(
            "default_run.openers_per_competency",
            "the default run must ask at least one scenario per competency",
            "use 1 or more (1 is the default)",
        ));
    }
    if run.max_prompts == 0 {
        out.push(pack.problem(
            "default_run.max_prompts",
            "`max_prompts` must be at least 1",
            "use the most prompts a first run may ask (50 is the default)",
        ));
    }
    if run.max_minutes == 0 {
        out.push(pack.problem(
            "default_run.max_minutes",
            "`max_minutes` must be at least 1",
            "use the most minutes a first run may take (25 is the default)",
        ));
    }
}

pub(super) fn check_order(parsed: &Parsed, out: &mut Vec<Diagnostic>) {
    let pack = &parsed.pack;
    let files: HashSet<&str> = parsed
        .competencies
        .iter()
        .map(|c| c.value.id.as_str())
        .collect();
    let mut listed = HashSet::new();
    for (i, id) in pack.value.competencies.iter().enumerate() {
        let path = format!("competencies[{i}]");
        if !listed.insert(id.as_str()) {
            out.push(pack.problem(
                &path,
                format!("competency `{id}` is listed twice"),
                "list each competency once",
            ));
        } else if !files.contains(id.as_str()) {
            out.push(pack.problem(
                &path,
                format!("no file defines competency `{id}`"),
                format!("add competencies/{id}.yaml or remove `{id}` from this list"),
            ));
        }
    }
    let mut defined: HashMap<&str, &Located<Competency>> = HashMap::new();
    for competency in &parsed.competencies {
        let id = competency.value.id.as_str();
        if let Some(first) = defined.insert(id, competency) {
            out.push(competency.problem(
                "id",
                format!("competency `{id}` is also defined in {}", first.file),
                "give each competency its own id",
            ));
        }
        if !listed.contains(id) {
            out.push(competency.problem(
                "id",
                format!("competency `{id}` is not listed in pack.yaml's `competencies`"),
                "add its id to the `competencies` list in pack.yaml",
            ));
        }
    }
}

pub(super) fn check_profiles(
    pack: &Located<PackFile>,
    levels: &[&str],
    competencies: &HashSet<&str>,
    out: &mut Vec<Diagnostic>,
) {
    if pack.value.profiles.is_empty() {
        out.push(pack.problem(
            "profiles",
            "a pack needs at least one profile",
            "add a target career stage under `profiles`",
        ));
    }
    let mut seen = HashSet::new();
    for (i, profile) in pack.value.profiles.iter().enumerate() {
        let path = format!("profiles[{i}]");
        if !is_id(&profile.id, false) {
            out.push(pack.problem(
                &format!("{path}.id"),
                format!("`{}` is not a valid id", profile.id),
                ID_HINT,
            ));
        }
        if !seen.insert(profile.id.as_str()) {
            out.push(pack.problem(
                &format!("{path}.id"),
                format!("duplicate profile id `{}`", profile.id),
                "rename one of the profiles",
            ));
        }
        if let Some(needs) = &profile.requires {
            super::facts::check_any_conditions(
                pack,
                &format!("{path}.requires.any_of"),
                &needs.any_of,
                &pack.value.facts,
                out,
            );
            if needs.any_of.is_empty() || needs.text.trim().is_empty() {
                out.push(pack.problem(
                    &format!("{path}.requires"),
                    format!("profile `{}` has an empty `requires`", profile.id),
                    "list the conditions under `any_of` and say what they ask in `text`",
                ));
            }
        }
        for (competency, target) in &profile.targets {
            let at = format!("{path}.targets.{competency}");
            if !competencies.contains(competency.as_str()) {
                out.push(pack.problem(
                    &at,
                    format!(
                        "profile `{}` targets unknown competency `{competency}`",
                        profile.id
                    ),
                    "use a competency id from pack.yaml's `competencies` list",
                ));
            }
            if !levels.contains(&target.level.as_str()) {
                out.push(pack.problem(
                    &format!("{at}.level"),
                    format!("unknown level `{}`", target.level),
                    format!("use one of: {}", levels.join(", ")),
                ));
            }
            if !finite_positive(target.importance) {
                out.push(pack.problem(
                    &format!("{at}.importance"),
                    format!(
                        "importance {} must be a number above 0 and at most {MAX_WEIGHT}",
                        shown(target.importance)
                    ),
                    "use a positive number such as 1, 2 or 3",
                ));
            }
        }
        for competency in &pack.value.competencies {
            if !profile.targets.contains_key(competency) {
                out.push(pack.problem(
                    &format!("{path}.targets"),
                    format!(
                        "profile `{}` has no target for competency `{competency}`",
                        profile.id
                    ),
                    format!("add `{competency}: {{ level: …, importance: … }}` under its targets"),
                ));
            }
        }
    }
}

pub(super) fn check_stages<T>(
    at: &Located<T>,
    path: &str,
    stages: &[String],
    pack: &PackFile,
    out: &mut Vec<Diagnostic>,
) {
    for (k, stage) in stages.iter().enumerate() {
        if !pack.profiles.iter().any(|p| p.id == *stage) {
            out.push(at.problem(
                &format!("{path}[{k}]"),
                format!("unknown profile `{stage}`"),
                format!(
                    "use a profile id of pack.yaml: {}",
                    pack.profiles
                        .iter()
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
}
