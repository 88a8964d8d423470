//! Certification eligibility from background facts. Pure: the rules are data in the pack.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use crate::answers::{format_number, Value};
use crate::pack::{Certification, Pack, Route, Source};

/// Whether a person may sit a certification now, and if not, what is missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Eligibility {
    pub id: String,
    pub title: String,
    pub issuer: String,
    /// A route's requirements are met (see `superseded_by`: met, but not needed).
    pub eligible: bool,
    /// Already held (from `certifications_held`).
    #[serde(default)]
    pub held: bool,
    /// A credential the person holds that outranks this one (PMP over CAPM): not needed, and
    /// never recommended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
    /// What the closest route still needs; empty when eligible. Results saved before this
    /// was structured held plain sentences here; they read as items with only `text`.
    #[serde(deserialize_with = "missing_items")]
    pub missing: Vec<Missing>,
    /// The route met, or the closest one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    pub source: String,
    pub as_of: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Eligibility {
    /// Eligible, and neither held nor outranked by a held credential: worth taking now.
    pub fn open_now(&self) -> bool {
        self.eligible && !self.held && self.superseded_by.is_none()
    }

    /// The sentences of `missing`, as a person reads them.
    pub fn missing_texts(&self) -> Vec<&str> {
        self.missing.iter().map(|m| m.text.as_str()).collect()
    }
}

/// One requirement the closest route still needs, as data and as the sentence the report
/// prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Missing {
    /// The fact the requirement reads (`months_leading_projects`, `degree`); null when the
    /// pack gives no route at all.
    #[schemars(required)]
    pub fact: Option<String>,
    /// The person's value (null when not answered).
    #[schemars(required)]
    pub have: Option<Value>,
    /// The value the route needs.
    #[schemars(required)]
    pub need: Option<Value>,
    /// "6 more months leading projects".
    pub text: String,
}

/// Reads `missing` as written now (objects) or as saved before (sentences).
fn missing_items<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Missing>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Item {
        Structured(Missing),
        Sentence(String),
    }
    let items = Vec::<Item>::deserialize(deserializer)?;
    Ok(items
        .into_iter()
        .map(|item| match item {
            Item::Structured(m) => m,
            Item::Sentence(text) => Missing {
                fact: None,
                have: None,
                need: None,
                text,
            },
        })
        .collect())
}

/// Evaluates every certification of the pack against `facts`. A fact not given counts as
/// none or zero, so the answer says what it would take from nothing.
pub fn evaluate_all(pack: &Pack, facts: &BTreeMap<String, Value>) -> Vec<Eligibility> {
    pack.certifications
        .iter()
        .map(|c| evaluate(pack, c, facts))
        .collect()
}

/// Orders rows for a person aiming at `profile`: certifications open now that suit the
/// stage first, then the other open ones, then those not yet in reach, then held ones and
/// those not needed. Pack order within each group.
pub fn sort_for_stage(pack: &Pack, profile: Option<&str>, rows: &mut [Eligibility]) {
    let suits = |id: &str| {
        profile.is_some_and(|p| {
            pack.certification(id)
                .is_some_and(|c| c.suits.iter().any(|s| s == p))
        })
    };
    rows.sort_by_key(|e| {
        if e.open_now() && suits(&e.id) {
            0
        } else if e.open_now() {
            1
        } else if !e.held && e.superseded_by.is_none() {
            2
        } else if e.held {
            3
        } else {
            4
        }
    });
}

/// The certifications a person holds, from `certifications_held`.
pub fn held(facts: &BTreeMap<String, Value>) -> Vec<&str> {
    facts
        .get("certifications_held")
        .map(Value::as_list)
        .unwrap_or_default()
}

/// Evaluates one certification.
pub fn evaluate(pack: &Pack, cert: &Certification, facts: &BTreeMap<String, Value>) -> Eligibility {
    let held_list = held(facts);
    let routes = routes_worded(pack, cert, facts, &held_list);
    let (route, missing) = match nearest(&routes) {
        Some(i) => {
            let (route, gaps) = &routes[i];
            let mut missing: Vec<Missing> = gaps.iter().map(|g| g.missing.clone()).collect();
            // A missing degree: say what the nearest route without one would ask instead.
            if let Some(degree) = missing
                .iter_mut()
                .find(|m| m.fact.as_deref() == Some("degree"))
            {
                let without: Vec<(&Route, Vec<Shortfall>)> = routes
                    .iter()
                    .filter(|(_, gaps)| {
                        !gaps
                            .iter()
                            .any(|g| g.missing.fact.as_deref() == Some("degree"))
                    })
                    .map(|(r, gaps)| (*r, gaps.clone()))
                    .collect();
                if let Some(j) = nearest(&without).filter(|&j| without[j].1.cost().is_some()) {
                    let texts: Vec<&str> = without[j]
                        .1
                        .iter()
                        .map(|g| g.missing.text.as_str())
                        .collect();
                    degree.text = format!("{} (without one: {})", degree.text, texts.join(" and "));
                }
            }
            (route.label.clone(), missing)
        }
        None => (
            None,
            vec![Missing {
                fact: None,
                have: None,
                need: None,
                text: "the pack gives no route to this certification".to_string(),
            }],
        ),
    };
    let superseded_by = cert
        .superseded_by
        .iter()
        .find(|id| held_list.contains(&id.as_str()))
        .map(|id| cert_name(pack, id));
    let Source { url, as_of, .. } = &cert.source;
    Eligibility {
        id: cert.id.clone(),
        title: crate::text::one_line(&cert.title),
        issuer: crate::text::one_line(&cert.issuer),
        eligible: missing.is_empty(),
        held: held_list.contains(&cert.id.as_str()),
        superseded_by,
        missing,
        route,
        source: url.clone(),
        as_of: as_of.to_string(),
        note: cert.note.as_deref().map(crate::text::one_line),
    }
}

/// The index of the route nearest to reach among `routes` (each with what it still needs):
/// the fewest months away (a missing degree counts [`DEGREE_STEP_MONTHS`] a step, hours of
/// education as the weeks a course takes, a yes/no that is not in the person's hands as out
/// of reach), then the one needing the least degree, then the fewest requirements, then the
/// smallest share still missing.
fn nearest(routes: &[(&Route, Vec<Shortfall>)]) -> Option<usize> {
    routes
        .iter()
        .enumerate()
        .min_by(|(_, (_, a)), (_, (_, b))| {
            let key = |gaps: &Vec<Shortfall>| {
                (
                    gaps.cost().is_none(),
                    gaps.cost().unwrap_or(u32::MAX),
                    gaps.iter().map(|g| g.degree_steps).sum::<usize>(),
                    gaps.len(),
                )
            };
            key(a).cmp(&key(b)).then(total(a).total_cmp(&total(b)))
        })
        .map(|(i, _)| i)
}

/// The route [`evaluate`] reports for `cert`: the one nearest to reach (see `nearest`).
pub fn nearest_route<'c>(
    pack: &Pack,
    cert: &'c Certification,
    facts: &BTreeMap<String, Value>,
) -> Option<&'c Route> {
    let routes = routes_worded(pack, cert, facts, &held(facts));
    nearest(&routes).map(|i| routes[i].0)
}

/// Every route of `cert` with what it still asks of the person, worded.
fn routes_worded<'c>(
    pack: &Pack,
    cert: &'c Certification,
    facts: &BTreeMap<String, Value>,
    held: &[&str],
) -> Vec<(&'c Route, Vec<Shortfall>)> {
    cert.routes
        .iter()
        .map(|route| (route, shortfalls(pack, route, facts, held)))
        .collect()
}

/// How many months a degree one step up (an associate degree, a bachelor's after an
/// associate, a master's after a bachelor's) counts when routes are compared: two years of
/// full-time study, more beside a job. A route that needs a degree is far away, so a route
/// 12 months of work away is nearer than a master's degree.
pub const DEGREE_STEP_MONTHS: u32 = 36;

/// Hours of education that count as a month when routes are compared: a 35-hour course
/// takes four to six weeks beside a job.
pub const COURSE_HOURS_PER_MONTH: f64 = 35.0;

/// Whether the rules of `cert` are met by `facts` (any route fully met): the question the
/// planner asks while it tries futures.
pub fn is_eligible(pack: &Pack, cert: &Certification, facts: &BTreeMap<String, Value>) -> bool {
    let held_list = held(facts);
    cert.routes
        .iter()
        .any(|route| shortfalls(pack, route, facts, &held_list).is_empty())
}

/// What each route of `cert` still needs, route by route (for estimating when one comes
/// within reach).
pub fn route_shortfalls<'c>(
    pack: &Pack,
    cert: &'c Certification,
    facts: &BTreeMap<String, Value>,
) -> Vec<(&'c Route, Vec<Missing>)> {
    routes_worded(pack, cert, facts, &held(facts))
        .into_iter()
        .map(|(route, gaps)| (route, gaps.into_iter().map(|g| g.missing).collect()))
        .collect()
}

#[derive(Clone)]
struct Shortfall {
    missing: Missing,
    /// 0–1: how much of the requirement is still missing.
    share: f64,
    /// How many months it takes to meet, for comparing routes; none when it is not in the
    /// person's hands (a degree from an accredited programme they do not have).
    months: Option<u32>,
    /// How many steps of degree it is short (0 for other requirements).
    degree_steps: usize,
}

/// How far a route is, in months: a degree first, while the rest (months of work, a course)
/// can run side by side; none when some requirement is not in the person's hands.
trait Cost {
    fn cost(&self) -> Option<u32>;
}

impl Cost for Vec<Shortfall> {
    fn cost(&self) -> Option<u32> {
        let mut degree = 0u32;
        let mut rest = 0u32;
        for gap in self {
            let months = gap.months?;
            if gap.degree_steps > 0 {
                degree = degree.saturating_add(months);
            } else {
                rest = rest.max(months);
            }
        }
        Some(degree.saturating_add(rest))
    }
}

fn total(gaps: &[Shortfall]) -> f64 {
    gaps.iter().map(|g| g.share).sum()
}

/// The position of a `degree` option, lowest 0.
pub fn degree_rank(pack: &Pack, id: &str) -> Option<usize> {
    pack.fact("degree")
        .and_then(|f| f.options.iter().position(|o| o.id == id))
}

fn or_hold(pack: &Pack, certs: &[String]) -> String {
    let names: Vec<String> = certs.iter().map(|c| cert_name(pack, c)).collect();
    let list = match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    };
    format!(" (or hold {list})")
}

/// What `route` still needs of `facts`, requirement by requirement.
fn shortfalls(
    pack: &Pack,
    route: &Route,
    facts: &BTreeMap<String, Value>,
    held: &[&str],
) -> Vec<Shortfall> {
    let mut out = Vec::new();
    let waived = |fact_id: &str| {
        route
            .waived_by
            .get(fact_id)
            .is_some_and(|certs| certs.iter().any(|c| held.contains(&c.as_str())))
    };
    if let Some(needed) = &route.degree_at_least {
        if let Some(degree) = pack.fact("degree") {
            let have_id = facts.get("degree").and_then(Value::as_text);
            // The fact is at hand: its options rank the degrees (as `degree_rank` does).
            let rank = |id: &str| degree.options.iter().position(|o| o.id == id);
            let have = have_id.and_then(rank);
            let need = rank(needed).unwrap_or(0);
            if have.is_none_or(|h| h < need) && !waived("degree") {
                let text = {
                    let title = degree
                        .options
                        .get(need)
                        .map_or(needed.as_str(), |o| o.text.as_str());
                    let or_higher = if need + 1 < degree.options.len() {
                        " or higher"
                    } else {
                        ""
                    };
                    let mut text = format!("{}{or_higher}", lower_first(title));
                    if let Some(certs) = route.waived_by.get("degree") {
                        text.push_str(&or_hold(pack, certs));
                    }
                    text
                };
                // The further the degree is out of reach, the more this route asks.
                let steps = match have {
                    Some(h) => need.saturating_sub(h),
                    None => need + 1,
                };
                out.push(Shortfall {
                    missing: Missing {
                        fact: Some(String::from("degree")),
                        have: have_id.map(|id| Value::Text(id.to_string())),
                        need: Some(Value::Text(needed.to_string())),
                        text,
                    },
                    share: steps as f64 / degree.options.len().max(1) as f64,
                    months: Some(DEGREE_STEP_MONTHS.saturating_mul(steps as u32)),
                    degree_steps: steps,
                });
            }
        }
    }
    for fact_id in &route.requires_yes {
        let answer = facts.get(fact_id.as_str()).and_then(Value::as_bool);
        if answer == Some(true) || waived(fact_id) {
            continue;
        }
        let text = pack
            .fact(fact_id)
            .and_then(|f| f.shortfall.as_deref().map(str::to_string))
            .unwrap_or_else(|| format!("{}: yes", fact_id.replace('_', " ")));
        out.push(Shortfall {
            missing: Missing {
                fact: Some(fact_id.clone()),
                have: answer.map(Value::Bool),
                need: Some(Value::Bool(true)),
                text,
            },
            // A yes/no that is not in the person's hands weighs as a whole requirement.
            share: 1.0,
            months: None,
            degree_steps: 0,
        });
    }
    for (fact_id, minimum) in &route.minimums {
        let have = facts
            .get(fact_id.as_str())
            .and_then(Value::as_number)
            .unwrap_or(0.0);
        if waived(fact_id) || have >= *minimum {
            continue;
        }
        let short = minimum - have;
        let text = {
            let fact = pack.fact(fact_id);
            let unit = crate::answers::unit_after(
                short,
                fact.and_then(|f| f.unit.as_deref()).unwrap_or(""),
            );
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
                text.push_str(&or_hold(pack, certs));
            }
            let may_count = may_count(pack, fact, facts);
            if !may_count.is_empty() {
                text.push_str(&format!("; {may_count}"));
            }
            text
        };
        let unit = pack.fact(fact_id).and_then(|f| f.unit.as_deref());
        let months = if unit == Some("hours") {
            (short / COURSE_HOURS_PER_MONTH).ceil().max(1.0)
        } else {
            short.ceil()
        };
        out.push(Shortfall {
            missing: Missing {
                fact: Some(fact_id.clone()),
                have: Some(Value::Number(have)),
                need: Some(Value::Number(*minimum)),
                text,
            },
            share: if *minimum > 0.0 { short / minimum } else { 1.0 },
            months: Some(months.min(f64::from(u32::MAX)) as u32),
            degree_steps: 0,
        });
    }
    out
}

/// "your 40 hours of agile training may count": what the person has of the facts that
/// `fact` says may count toward it (empty when they have none).
fn may_count(
    pack: &Pack,
    fact: Option<&crate::pack::Fact>,
    facts: &BTreeMap<String, Value>,
) -> String {
    let Some(fact) = fact else {
        return String::new();
    };
    let parts: Vec<String> = fact
        .may_include
        .iter()
        .filter_map(|id| {
            let have = facts.get(id.as_str()).and_then(Value::as_number)?;
            let other = pack.fact(id)?;
            (have > 0.0).then(|| {
                [
                    format_number(have).as_str(),
                    crate::answers::unit_after(have, other.unit.as_deref().unwrap_or("")),
                    other.shortfall.as_deref().unwrap_or(id.as_str()),
                ]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
            })
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("your {} may count", parts.join(" and "))
    }
}

/// A part larger than its whole: `months_healthcare` (the months of information-systems
/// work spent in healthcare) above `months_information_systems`.
#[derive(Debug, Clone, PartialEq)]
pub struct PartConflict {
    pub part: String,
    pub part_value: f64,
    pub whole: String,
    /// Zero when the whole was not given (a fact not given counts as none).
    pub whole_value: f64,
}

/// Every fact of `facts` larger than the fact the pack says it is part of (`part_of`).
pub fn part_conflicts(pack: &Pack, facts: &BTreeMap<String, Value>) -> Vec<PartConflict> {
    pack.facts
        .iter()
        .filter_map(|fact| {
            let whole = fact.part_of.as_ref()?;
            let part_value = facts.get(fact.id.as_str()).and_then(Value::as_number)?;
            let whole_value = facts
                .get(whole.as_str())
                .and_then(Value::as_number)
                .unwrap_or(0.0);
            (part_value > whole_value).then(|| PartConflict {
                part: fact.id.clone(),
                part_value,
                whole: whole.clone(),
                whole_value,
            })
        })
        .collect()
}

/// [`part_conflicts`] as errors of `file`, each at the part's position (`at` finds the
/// position of a path such as `facts.months_healthcare`).
pub fn part_problems(
    pack: &Pack,
    facts: &BTreeMap<String, Value>,
    file: &str,
    at: &dyn Fn(&str) -> Option<(usize, usize)>,
) -> Vec<crate::diagnostic::Diagnostic> {
    part_conflicts(pack, facts)
        .into_iter()
        .map(|c| {
            let prompt = |id: &str| {
                pack.fact(id)
                    .map_or(id.to_string(), |f| crate::text::one_line(&f.prompt))
            };
            crate::diagnostic::Diagnostic::new(
                file,
                format!(
                    "fact `{}` ({}) is more than `{}` ({}), which it is part of",
                    c.part,
                    format_number(c.part_value),
                    c.whole,
                    format_number(c.whole_value)
                ),
            )
            .at(at(&format!("facts.{}", c.part)))
            .hint(format!(
                "“{}” counts within “{}”: raise `{}` to at least {} or lower `{}`",
                prompt(&c.part),
                prompt(&c.whole),
                c.whole,
                format_number(c.part_value),
                c.part
            ))
        })
        .collect()
}

/// A certification's short name by id, from the certifications or the options of a list
/// fact (`pgmp` → "PgMP").
pub fn cert_name(pack: &Pack, id: &str) -> String {
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
/// "CAPM (PMI)" → "CAPM" (a single word before the brackets is the name, the brackets the
/// issuer).
pub fn short_title(title: &str) -> String {
    match (title.rfind('('), title.rfind(')')) {
        (Some(open), Some(close)) if close > open => {
            let before = title[..open].trim();
            let inner = &title[open + 1..close];
            let acronym = inner.chars().any(|c| c.is_ascii_uppercase())
                && inner
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '+')
                && inner.chars().filter(char::is_ascii_lowercase).count() <= 1;
            if acronym && before.contains(' ') {
                inner.to_string()
            } else {
                before.to_string()
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_check_agrees_with_the_full_evaluation() {
        let pack = crate::pack::load_embedded().unwrap();
        let examples = [
            "clinician-to-informatics",
            "pm-from-banking",
            "software-engineer-to-healthcare",
        ];
        for example in examples {
            let path = format!(
                "{}/examples/answers/{example}.yaml",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(&path).unwrap();
            let (answers, _) = crate::answers::parse(&path, &text).unwrap();
            // The person's own facts, then each number fact at nothing and at plenty, and each
            // yes/no flipped: futures on both sides of every rule.
            let mut futures = vec![answers.facts.clone()];
            for fact in &pack.facts {
                for value in [
                    Value::Number(0.0),
                    Value::Number(1000.0),
                    Value::Bool(true),
                    Value::Bool(false),
                ] {
                    let mut facts = answers.facts.clone();
                    facts.insert(fact.id.to_string(), value);
                    futures.push(facts);
                }
            }
            for facts in &futures {
                for cert in &pack.certifications {
                    assert_eq!(
                        is_eligible(&pack, cert, facts),
                        evaluate(&pack, cert, facts).eligible,
                        "{example}: {}",
                        cert.id
                    );
                }
            }
        }
    }

    #[test]
    fn short_titles_keep_mixed_case_acronyms() {
        assert_eq!(
            short_title("Certified Associate in Project Management (CAPM)"),
            "CAPM"
        );
        assert_eq!(short_title("CAPM (PMI)"), "CAPM");
        assert_eq!(short_title("PgMP (PMI)"), "PgMP");
        assert_eq!(short_title("Security+ (CompTIA)"), "Security+");
        assert_eq!(short_title("CCS-P (AHIMA)"), "CCS-P");
        assert_eq!(short_title("Fellow of ACHE (FACHE)"), "FACHE");
        assert_eq!(short_title("CompTIA Security+"), "CompTIA Security+");
    }

    #[test]
    fn results_saved_with_sentences_in_missing_still_read() {
        let old = r#"{"id":"pmp","title":"PMP","issuer":"PMI","eligible":false,"held":false,
            "missing":["6 more months leading projects"],"source":"https://x","as_of":"2026-11-25"}"#;
        let e: Eligibility = serde_json::from_str(old).unwrap();
        assert_eq!(e.missing_texts(), ["6 more months leading projects"]);
        assert_eq!(e.missing[0].fact, None);
        let new = serde_json::to_string(&e).unwrap();
        let again: Eligibility = serde_json::from_str(&new).unwrap();
        assert_eq!(again, e, "what is written now reads back the same");
    }
}
