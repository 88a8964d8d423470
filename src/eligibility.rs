//! Certification eligibility from background facts. Pure: the rules are data in the pack.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::answers::{format_number, Value};
use crate::pack::{Certification, Pack, Route, Source};

/// Whether a person may sit a certification now, and if not, what is missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Eligibility {
    pub id: String,
    pub title: String,
    pub issuer: String,
    pub eligible: bool,
    /// Already held (from `certifications_held`).
    #[serde(default)]
    pub held: bool,
    /// What the closest route still needs; empty when eligible.
    pub missing: Vec<String>,
    /// The route met, or the closest one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    pub source: String,
    pub as_of: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Evaluates every certification of the pack against `facts`. A fact not given counts as
/// none or zero, so the answer says what it would take from nothing.
pub fn evaluate_all(pack: &Pack, facts: &BTreeMap<String, Value>) -> Vec<Eligibility> {
    pack.certifications
        .iter()
        .map(|c| evaluate(pack, c, facts))
        .collect()
}

/// Evaluates one certification.
pub fn evaluate(pack: &Pack, cert: &Certification, facts: &BTreeMap<String, Value>) -> Eligibility {
    let held_list: Vec<&str> = facts
        .get("certifications_held")
        .map(Value::as_list)
        .unwrap_or_default();
    // The route with the fewest unmet requirements, then the smallest relative shortfall.
    let best = cert
        .routes
        .iter()
        .map(|route| (route, shortfalls(pack, route, facts, &held_list)))
        .min_by(|(_, a), (_, b)| a.len().cmp(&b.len()).then(total(a).total_cmp(&total(b))));
    let (route, missing) = match best {
        Some((route, gaps)) => (
            route.label.clone(),
            gaps.into_iter().map(|g| g.text).collect(),
        ),
        None => (
            None,
            vec!["the pack gives no route to this certification".to_string()],
        ),
    };
    let Source { url, as_of, .. } = &cert.source;
    Eligibility {
        id: cert.id.clone(),
        title: crate::text::one_line(&cert.title),
        issuer: crate::text::one_line(&cert.issuer),
        eligible: missing.is_empty(),
        held: held_list.contains(&cert.id.as_str()),
        missing,
        route,
        source: url.clone(),
        as_of: as_of.to_string(),
        note: cert.note.as_deref().map(crate::text::one_line),
    }
}

struct Shortfall {
    text: String,
    /// 0–1: how much of the requirement is still missing.
    share: f64,
}

fn total(gaps: &[Shortfall]) -> f64 {
    gaps.iter().map(|g| g.share).sum()
}

fn shortfalls(
    pack: &Pack,
    route: &Route,
    facts: &BTreeMap<String, Value>,
    held: &[&str],
) -> Vec<Shortfall> {
    let mut out = Vec::new();
    if let Some(needed) = &route.degree_at_least {
        if let Some(degree) = pack.fact("degree") {
            let rank = |id: &str| degree.options.iter().position(|o| o.id == id);
            let have = facts.get("degree").and_then(Value::as_text).and_then(rank);
            let need = rank(needed).unwrap_or(0);
            if have.is_none_or(|h| h < need) {
                let title = degree
                    .options
                    .get(need)
                    .map_or(needed.as_str(), |o| o.text.as_str());
                let or_higher = if need + 1 < degree.options.len() {
                    " or higher"
                } else {
                    ""
                };
                // The further the degree is out of reach, the more this route asks.
                let steps = match have {
                    Some(h) => need.saturating_sub(h),
                    None => need + 1,
                };
                out.push(Shortfall {
                    text: format!("{}{or_higher}", lower_first(title)),
                    share: steps as f64 / degree.options.len().max(1) as f64,
                });
            }
        }
    }
    for (fact_id, minimum) in &route.minimums {
        let waived = route
            .waived_by
            .get(fact_id)
            .is_some_and(|certs| certs.iter().any(|c| held.contains(&c.as_str())));
        let have = facts.get(fact_id).and_then(Value::as_number).unwrap_or(0.0);
        if waived || have >= *minimum {
            continue;
        }
        let fact = pack.fact(fact_id);
        let short = minimum - have;
        let unit = fact.and_then(|f| f.unit.as_deref()).unwrap_or("");
        let unit = if (short - 1.0).abs() < f64::EPSILON {
            unit.strip_suffix('s').unwrap_or(unit)
        } else {
            unit
        };
        let what = fact
            .and_then(|f| f.shortfall.clone())
            .unwrap_or_else(|| fact_id.replace('_', " "));
        let mut text = [format_number(short).as_str(), "more", unit, what.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(certs) = route.waived_by.get(fact_id) {
            let names: Vec<String> = certs.iter().map(|c| cert_name(pack, c)).collect();
            text.push_str(&format!(" (or hold {})", names.join(" or ")));
        }
        out.push(Shortfall {
            text,
            share: if *minimum > 0.0 { short / minimum } else { 1.0 },
        });
    }
    out
}

fn cert_name(pack: &Pack, id: &str) -> String {
    pack.certification(id)
        .map(|c| short_title(&c.title))
        .or_else(|| {
            pack.facts
                .iter()
                .flat_map(|f| f.options.iter())
                .find(|o| o.id == id)
                .map(|o| short_title(&o.text))
        })
        .unwrap_or_else(|| id.to_uppercase())
}

/// The short name people use: "Certified Associate in Project Management (CAPM)" → "CAPM";
/// "CAPM (PMI)" → "CAPM".
pub fn short_title(title: &str) -> String {
    match (title.rfind('('), title.rfind(')')) {
        (Some(open), Some(close)) if close > open => {
            let inner = &title[open + 1..close];
            if inner
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '-' || c == '+')
            {
                return inner.to_string();
            }
            title[..open].trim().to_string()
        }
        _ => title.to_string(),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // Keep acronyms and names ("Bachelor's" → "bachelor's", "GED" stays).
        Some(c) if chars.clone().next().is_some_and(|n| n.is_lowercase()) => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
}
