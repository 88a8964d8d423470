//! Checks on certifications.yaml: routes to eligibility that name real facts, and the
//! credentials that supersede or waive.

use std::collections::HashSet;

use super::facts::{has_fact, is_degree_option};
use super::pack_file::check_stages;
use super::{check_url, is_id, Located, ID_HINT};
use crate::diagnostic::Diagnostic;
use crate::pack::model::{CertificationsFile, FactKind, PackFile};

/// Certification ids the pack knows: those with rules, and the options of list facts
/// (`certifications_held`), which name credentials such as PgMP that have no rule here.
pub(super) fn known_credentials<'a>(
    pack: &'a PackFile,
    certifications: &HashSet<&'a str>,
) -> HashSet<&'a str> {
    pack.facts
        .iter()
        .filter(|f| f.kind == FactKind::List)
        .flat_map(|f| f.options.iter().map(|o| o.id.as_str()))
        .chain(certifications.iter().copied())
        .collect()
}

pub(super) fn check_certifications(
    at: &Located<CertificationsFile>,
    pack: &PackFile,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen = HashSet::new();
    let ids: HashSet<&str> = at
        .value
        .certifications
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    let held = known_credentials(pack, &ids);
    for (i, cert) in at.value.certifications.iter().enumerate() {
        let path = format!("certifications[{i}]");
        if !is_id(&cert.id, false) {
            out.push(at.problem(
                &format!("{path}.id"),
                format!("`{}` is not a valid id", cert.id),
                ID_HINT,
            ));
        }
        if !seen.insert(cert.id.as_str()) {
            out.push(at.problem(
                &format!("{path}.id"),
                format!("duplicate certification id `{}`", cert.id),
                "rename one",
            ));
        }
        if cert.routes.is_empty() {
            out.push(at.problem(
                &format!("{path}.routes"),
                format!("certification `{}` has no route to eligibility", cert.id),
                "add a route; an empty route `{}` means no prerequisite",
            ));
        }
        check_url(at, &format!("{path}.source.url"), &cert.source.url, out);
        check_stages(at, &format!("{path}.suits"), &cert.suits, pack, out);
        for (k, other) in cert.superseded_by.iter().enumerate() {
            if !held.contains(other.as_str()) || *other == cert.id {
                out.push(at.problem(
                    &format!("{path}.superseded_by[{k}]"),
                    format!("`{other}` cannot supersede `{}`", cert.id),
                    "name another certification of this file or an option of \
                     `certifications_held`",
                ));
            }
        }
        for (j, route) in cert.routes.iter().enumerate() {
            let route_path = format!("{path}.routes[{j}]");
            if let Some(level) = &route.degree_at_least {
                if !is_degree_option(pack, level) {
                    out.push(at.problem(
                        &format!("{route_path}.degree_at_least"),
                        format!("`{level}` is not an option of the `degree` fact"),
                        "use an option id of the select fact `degree` in pack.yaml",
                    ));
                }
            }
            for (fact, minimum) in &route.minimums {
                if !has_fact(pack, fact, FactKind::Number) {
                    out.push(at.problem(
                        &format!("{route_path}.minimums.{fact}"),
                        format!("`{fact}` is not a number fact of the pack"),
                        "use the id of a `kind: number` fact in pack.yaml",
                    ));
                }
                if !minimum.is_finite() || *minimum < 0.0 {
                    out.push(at.problem(
                        &format!("{route_path}.minimums.{fact}"),
                        format!("minimum {minimum} must be a number of 0 or more"),
                        "fix the number",
                    ));
                }
            }
            for (k, fact) in route.requires_yes.iter().enumerate() {
                if !has_fact(pack, fact, FactKind::YesNo) {
                    out.push(at.problem(
                        &format!("{route_path}.requires_yes[{k}]"),
                        format!("`{fact}` is not a yes_no fact of the pack"),
                        "use the id of a `kind: yes_no` fact in pack.yaml",
                    ));
                }
            }
            for (fact, certs) in &route.waived_by {
                let waivable = route.minimums.contains_key(fact)
                    || route.requires_yes.contains(fact)
                    || (fact == "degree" && route.degree_at_least.is_some());
                if !waivable {
                    out.push(at.problem(
                        &format!("{route_path}.waived_by.{fact}"),
                        format!("`{fact}` has no requirement in this route to waive"),
                        "waive a fact listed under `minimums` or `requires_yes`, or `degree` \
                         when the route has `degree_at_least`",
                    ));
                }
                for (k, c) in certs.iter().enumerate() {
                    if !held.contains(c.as_str()) {
                        out.push(at.problem(
                            &format!("{route_path}.waived_by.{fact}[{k}]"),
                            format!("unknown certification `{c}`"),
                            "use a certification id the pack knows",
                        ));
                    }
                }
            }
        }
    }
}
