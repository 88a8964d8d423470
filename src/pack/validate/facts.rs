//! Checks on the facts of pack.yaml and the conditions that read them (`ask_if`, `when`,
//! `accrues.when`), and on what facts add for the plan.

use super::{check_options, check_range, IdRegistry, Located};
use crate::diagnostic::Diagnostic;
use crate::pack::model::{Fact, FactCondition, FactKind, PackFile};

pub(super) fn check_facts(
    pack: &Located<PackFile>,
    ids: &mut IdRegistry,
    out: &mut Vec<Diagnostic>,
) {
    for (i, fact) in pack.value.facts.iter().enumerate() {
        let path = format!("facts[{i}]");
        ids.claim(&fact.id, pack, &format!("{path}.id"), out);
        match fact.kind {
            FactKind::Select | FactKind::List => {
                if fact.options.is_empty() {
                    out.push(pack.problem(
                        &path,
                        format!("fact `{}` has no options", fact.id),
                        "add `options:` with an id and text each",
                    ));
                }
                check_options(pack, &path, &fact.options, out);
                if fact.min.is_some() || fact.max.is_some() || fact.unit.is_some() {
                    out.push(pack.problem(
                        &path,
                        format!(
                            "`min`, `max` and `unit` only apply to number facts, not `{}`",
                            fact.id
                        ),
                        "remove them",
                    ));
                }
            }
            FactKind::Number => {
                check_range(pack, &path, fact.min, fact.max, out);
                if !fact.options.is_empty() {
                    out.push(pack.problem(
                        &format!("{path}.options"),
                        "a number fact has no options",
                        "remove `options`, or make it `kind: select`",
                    ));
                }
            }
            FactKind::YesNo => {
                if !fact.options.is_empty()
                    || fact.min.is_some()
                    || fact.max.is_some()
                    || fact.unit.is_some()
                {
                    out.push(pack.problem(
                        &path,
                        format!(
                            "a yes_no fact has no `options`, `min`, `max` or `unit` (`{}`)",
                            fact.id
                        ),
                        "remove them",
                    ));
                }
            }
        }
        check_conditions(pack, i, fact, out);
    }
}

/// `ask_if` may only look back at facts asked before this one, with a test that fits the
/// earlier fact's kind.
fn check_conditions(
    pack: &Located<PackFile>,
    index: usize,
    fact: &Fact,
    out: &mut Vec<Diagnostic>,
) {
    let earlier = &pack.value.facts[..index];
    for (j, condition) in fact.ask_if.iter().enumerate() {
        let path = format!("facts[{index}].ask_if[{j}]");
        let Some(target) = earlier.iter().find(|f| f.id == condition.fact) else {
            out.push(pack.problem(
                &format!("{path}.fact"),
                format!(
                    "`ask_if` of fact `{}` names `{}`, which is not a fact asked before it",
                    fact.id, condition.fact
                ),
                "name a fact listed earlier in `facts`",
            ));
            continue;
        };
        check_condition_test(pack, &path, condition, target, out);
    }
}

/// One condition's test fits the kind of the fact it reads: `at_least` an option of a
/// select, `min` a number, `is` a yes/no.
fn check_condition_test<T>(
    at: &Located<T>,
    path: &str,
    condition: &FactCondition,
    target: &Fact,
    out: &mut Vec<Diagnostic>,
) {
    let tests = [
        condition.at_least.is_some(),
        condition.min.is_some(),
        condition.below.is_some(),
        condition.is.is_some(),
        condition.has.is_some(),
    ];
    let fits = match target.kind {
        FactKind::Select => condition.at_least.is_some(),
        FactKind::Number => condition
            .min
            .or(condition.below)
            .is_some_and(f64::is_finite),
        FactKind::YesNo => condition.is.is_some(),
        FactKind::List => condition.has.is_some(),
    };
    if tests.iter().filter(|t| **t).count() != 1 || !fits {
        out.push(at.problem(
            path,
            format!(
                "the condition on `{}` needs exactly one test that fits a {} fact",
                condition.fact,
                match target.kind {
                    FactKind::Select => "select",
                    FactKind::Number => "number",
                    FactKind::YesNo => "yes_no",
                    FactKind::List => "list",
                }
            ),
            "use `at_least: <option id>` for select, `min: <number>` or `below: <number>` for \
             number, `is: true|false` for yes_no, `has: <option id>` for list",
        ));
    }
    let option = condition
        .at_least
        .as_ref()
        .filter(|_| target.kind == FactKind::Select)
        .map(|o| ("at_least", o))
        .or_else(|| {
            condition
                .has
                .as_ref()
                .filter(|_| target.kind == FactKind::List)
                .map(|o| ("has", o))
        });
    if let Some((field, least)) = option {
        if !target.options.iter().any(|o| o.id == *least) {
            out.push(at.problem(
                &format!("{path}.{field}"),
                format!("`{least}` is not an option of `{}`", target.id),
                format!(
                    "use one of: {}",
                    target
                        .options
                        .iter()
                        .map(|o| o.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
}

/// Conditions that may read any fact of the pack (a recommendation's `when`, a fact's
/// `accrues.when`).
pub(super) fn check_any_conditions<T>(
    at: &Located<T>,
    path: &str,
    conditions: &[FactCondition],
    facts: &[Fact],
    out: &mut Vec<Diagnostic>,
) {
    for (j, condition) in conditions.iter().enumerate() {
        let path = format!("{path}[{j}]");
        match facts.iter().find(|f| f.id == condition.fact) {
            Some(target) => check_condition_test(at, &path, condition, target, out),
            None => out.push(at.problem(
                &format!("{path}.fact"),
                format!("unknown fact `{}`", condition.fact),
                format!(
                    "use a fact id of pack.yaml: {}",
                    facts
                        .iter()
                        .map(|f| f.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }
}

/// What facts add for the plan: `accrues` on months facts, `situation` on yes/no facts.
pub(super) fn check_fact_advice(pack: &Located<PackFile>, out: &mut Vec<Diagnostic>) {
    let facts = &pack.value.facts;
    for (i, fact) in facts.iter().enumerate() {
        let path = format!("facts[{i}]");
        if let Some(accrual) = &fact.accrues {
            if fact.kind != FactKind::Number || fact.unit.as_deref() != Some("months") {
                out.push(pack.problem(
                    &format!("{path}.accrues"),
                    format!(
                        "`accrues` fits only a number fact counted in months, not `{}`",
                        fact.id
                    ),
                    "remove `accrues`, or give the fact `kind: number` and `unit: months`",
                ));
            }
            check_any_conditions(
                pack,
                &format!("{path}.accrues.when"),
                &accrual.when,
                facts,
                out,
            );
            for (field, text) in [
                ("assumes", &accrual.assumes),
                ("otherwise", &accrual.otherwise),
            ] {
                if text.trim().is_empty() {
                    out.push(pack.problem(
                        &format!("{path}.accrues.{field}"),
                        format!("`accrues.{field}` of `{}` is empty", fact.id),
                        "say it in a few words; the report prints it",
                    ));
                }
            }
        }
        check_fact_links(pack, i, fact, out);
        if let Some(situation) = &fact.situation {
            if fact.kind != FactKind::YesNo {
                out.push(pack.problem(
                    &format!("{path}.situation"),
                    format!("`situation` fits only a yes_no fact, not `{}`", fact.id),
                    "remove `situation`, or make the fact `kind: yes_no`",
                ));
            }
            check_any_conditions(
                pack,
                &format!("{path}.situation.when"),
                &situation.when,
                facts,
                out,
            );
            for (field, text) in [("yes", &situation.yes), ("no", &situation.no)] {
                if text.trim().is_empty() {
                    out.push(pack.problem(
                        &format!("{path}.situation.{field}"),
                        format!("`situation.{field}` of `{}` is empty", fact.id),
                        "say how the answer reads after \"You\", e.g. `work in healthcare`",
                    ));
                }
            }
        }
    }
}

/// `part_of` and `may_include` name other number facts; a part has its whole's unit, and
/// following `part_of` never comes back to where it started.
fn check_fact_links(
    pack: &Located<PackFile>,
    index: usize,
    fact: &Fact,
    out: &mut Vec<Diagnostic>,
) {
    let facts = &pack.value.facts;
    let path = format!("facts[{index}]");
    let number = |id: &str| {
        facts
            .iter()
            .find(|f| f.id == id && f.kind == FactKind::Number)
    };
    if let Some(whole) = &fact.part_of {
        match number(whole) {
            _ if fact.kind != FactKind::Number => out.push(pack.problem(
                &format!("{path}.part_of"),
                format!("`part_of` fits only a number fact, not `{}`", fact.id),
                "remove `part_of`, or give the fact `kind: number`",
            )),
            None => out.push(pack.problem(
                &format!("{path}.part_of"),
                format!("`{whole}` is not a number fact of the pack"),
                "name the number fact this one counts a part of",
            )),
            Some(w) if w.unit != fact.unit => out.push(pack.problem(
                &format!("{path}.part_of"),
                format!(
                    "`{}` counts {} but its whole `{whole}` counts {}",
                    fact.id,
                    fact.unit.as_deref().unwrap_or("no unit"),
                    w.unit.as_deref().unwrap_or("no unit")
                ),
                "a part and its whole count the same unit",
            )),
            Some(_) => {
                // Follow the chain: it must end, not loop back.
                let mut seen = vec![fact.id.as_str()];
                let mut next = Some(whole.as_str());
                while let Some(id) = next {
                    if seen.contains(&id) {
                        out.push(pack.problem(
                            &format!("{path}.part_of"),
                            format!("`part_of` of `{}` loops back to itself", fact.id),
                            "a whole cannot be part of its own part",
                        ));
                        break;
                    }
                    seen.push(id);
                    next = facts
                        .iter()
                        .find(|f| f.id == id)
                        .and_then(|f| f.part_of.as_deref());
                }
            }
        }
    }
    for (k, other) in fact.may_include.iter().enumerate() {
        if fact.kind != FactKind::Number || number(other).is_none() || *other == fact.id {
            out.push(pack.problem(
                &format!("{path}.may_include[{k}]"),
                format!("`may_include` of `{}` names `{other}`", fact.id),
                "on a number fact, name other number facts of the pack",
            ));
        }
    }
}

/// Whether pack.yaml has a fact `id` of this kind (a route's `minimums`, what a step
/// `provides`, and `requires_yes` name one).
pub(super) fn has_fact(pack: &PackFile, id: &str, kind: FactKind) -> bool {
    pack.facts.iter().any(|f| f.id == id && f.kind == kind)
}

/// Whether `id` is an option of the select fact `degree` (`degree_below` of a step and
/// `degree_at_least` of a route name one).
pub(super) fn is_degree_option(pack: &PackFile, id: &str) -> bool {
    pack.facts
        .iter()
        .find(|f| f.id == "degree" && f.kind == FactKind::Select)
        .is_some_and(|d| d.options.iter().any(|o| o.id == id))
}
