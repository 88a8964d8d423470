//! When a certification comes within reach: the facts once the plan's steps are done, the
//! person's pace (months that accrue), and the "later" lines for what a plan cannot reach.

use std::collections::{BTreeMap, HashSet};

use jiff::civil::Date;

use super::{Later, Planner, Step};
use crate::answers::{format_number, Value};
use crate::eligibility::{self, cert_name};
use crate::pack::{Horizon, Pack, Profile, Recommendation};

impl<'p> Planner<'p, '_> {
    /// The facts once every step placed before `horizon` is done: what they provide, and
    /// the credentials they lead to; by the 12-month horizon also the months that accrue at
    /// the person's pace (see [`MONTHS_BEFORE_LAST_HORIZON`]).
    pub(super) fn facts_before(&self, horizon: Horizon) -> BTreeMap<String, Value> {
        let mut facts = self.person.facts.clone();
        for step in self.placed.iter().filter(|s| s.horizon < horizon) {
            apply(
                step.recommendation,
                self.rule_cert(step.recommendation),
                &mut facts,
            );
        }
        if horizon == Horizon::Months12 {
            accrue(self.pack, self.person.facts, &mut facts);
        }
        facts
    }

    /// Certifications among `candidates` that no horizon could take: when each comes
    /// within reach at the person's pace, soonest first.
    pub(super) fn later(&self, candidates: &[Step<'p>], stage: &Profile) -> Vec<Later> {
        let pack = self.pack;
        let placed: Vec<&str> = self
            .placed
            .iter()
            .filter_map(|s| self.rule_cert(s.recommendation))
            .collect();
        let mut after_plan = self.person.facts.clone();
        for step in &self.placed {
            apply(
                step.recommendation,
                self.rule_cert(step.recommendation),
                &mut after_plan,
            );
        }
        let mut seen = HashSet::new();
        let mut out: Vec<Later> = candidates
            .iter()
            .filter_map(|s| self.rule_cert(s.recommendation))
            .filter(|c| !placed.contains(c) && seen.insert(*c))
            .filter_map(|c| pack.certification(c))
            .filter(|c| !c.superseded_by.iter().any(|x| placed.contains(&x.as_str())))
            // Counting what the plan's own steps provide (a course it schedules).
            .filter_map(|c| {
                let mut l = within_reach(pack, c, &after_plan, self.person.today);
                if l.months == Some(0) && l.text.is_empty() {
                    // Open by the end of the plan, but every horizon already holds its
                    // exam: a credential of the stage is said, so that it never vanishes;
                    // another one's row says it is open.
                    let of_stage =
                        self.suits_id(&c.id, stage) || self.suits_id(&c.id, self.person.profile);
                    if !of_stage {
                        return None;
                    }
                    l.text = "open to you, after the exams this plan already holds (one a \
                              horizon)"
                        .into();
                }
                Some(l)
            })
            .collect();
        out.sort_by_key(|l| (l.months.is_none(), l.months));
        out
    }
}

/// Months of experience the plan counts as accrued by its 12-month horizon, for months that
/// accrue at the person's pace: a certification reachable by then leaves three months to
/// apply and prepare for the exam.
pub const MONTHS_BEFORE_LAST_HORIZON: f64 = 9.0;

/// Adds [`MONTHS_BEFORE_LAST_HORIZON`] to every months fact that accrues for someone with
/// `person` facts (the conditions are read on the person's own facts: a course does not put
/// them on a project).
pub(super) fn accrue(
    pack: &Pack,
    person: &BTreeMap<String, Value>,
    facts: &mut BTreeMap<String, Value>,
) {
    for fact in &pack.facts {
        let Some(accrual) = &fact.accrues else {
            continue;
        };
        if !pack.conditions_hold(&accrual.when, person) {
            continue;
        }
        let have = facts
            .get(fact.id.as_str())
            .and_then(Value::as_number)
            .unwrap_or(0.0);
        facts.insert(
            fact.id.to_string(),
            Value::Number(have + MONTHS_BEFORE_LAST_HORIZON),
        );
    }
}

/// `facts` after `r` is done: what it provides, and the credential it leads to.
pub(super) fn apply(r: &Recommendation, cert: Option<&str>, facts: &mut BTreeMap<String, Value>) {
    for (fact, value) in &r.provides {
        let have = facts
            .get(fact.as_str())
            .and_then(Value::as_number)
            .unwrap_or(0.0);
        facts.insert(fact.to_string(), Value::Number(have.max(*value)));
    }
    if let Some(cert) = cert {
        let mut held: Vec<String> = eligibility::held(facts)
            .into_iter()
            .map(String::from)
            .collect();
        if !held.iter().any(|h| h == cert) {
            held.push(cert.to_string());
        }
        facts.insert("certifications_held".into(), Value::List(held));
    }
}

/// When `cert` comes within reach for someone with `facts`, at their pace: the route that
/// is reachable soonest, counting months only while the `accrues` conditions of each fact
/// hold (say what it assumes), hours of education as something a course covers, and a
/// missing degree or a route condition as not reachable by time alone.
pub fn within_reach(
    pack: &Pack,
    cert: &crate::pack::Certification,
    facts: &BTreeMap<String, Value>,
    today: Option<Date>,
) -> Later {
    struct Estimate {
        months: Option<u32>,
        texts: Vec<String>,
        assumptions: Vec<String>,
        count: usize,
        nearest: bool,
    }
    let provided: HashSet<&str> = pack
        .recommendations
        .iter()
        .flat_map(|r| r.provides.keys().map(String::as_str))
        .collect();
    let nearest = eligibility::nearest_route(pack, cert, facts);
    let estimates: Vec<Estimate> = eligibility::route_shortfalls(pack, cert, facts)
        .into_iter()
        .map(|(route, missing)| {
            let mut months = Some(0u32);
            let mut texts: Vec<String> = Vec::new();
            let mut assumptions = Vec::new();
            for m in &missing {
                let fact = m.fact.as_deref().and_then(|f| pack.fact(f));
                let short = match (&m.need, &m.have) {
                    (Some(need), Some(have)) => need
                        .as_number()
                        .zip(have.as_number())
                        .map(|(n, h)| (n - h).max(0.0).ceil() as u32),
                    _ => None,
                };
                match (fact.and_then(|f| f.accrues.as_ref()), short) {
                    (Some(accrual), Some(short)) if pack.conditions_hold(&accrual.when, facts) => {
                        months = months.map(|m| m.max(short));
                        let assumes = crate::text::one_line(&accrual.assumes);
                        if !assumptions.contains(&assumes) {
                            assumptions.push(assumes);
                        }
                    }
                    (Some(accrual), Some(_)) => {
                        months = None;
                        texts.push(format!(
                            "{}, which count {}",
                            m.text,
                            crate::text::one_line(&accrual.otherwise)
                        ));
                    }
                    _ if m.fact.as_deref().is_some_and(|f| provided.contains(f)) => {
                        texts.push(m.text.clone());
                    }
                    _ => {
                        months = None;
                        texts.push(m.text.clone());
                    }
                }
            }
            // "…information-systems work in healthcare" already says "…information-systems
            // work": keep only the fuller assumption.
            let all = assumptions.clone();
            assumptions.retain(|a| !all.iter().any(|b| b != a && b.starts_with(a.as_str())));
            Estimate {
                months,
                texts,
                assumptions,
                count: missing.len(),
                nearest: nearest.is_some_and(|n| std::ptr::eq(n, route)),
            }
        })
        .collect();
    // The route soonest within reach at the person's pace; when none can be dated, the one
    // the eligibility row names (the nearest by its own measure).
    let best = estimates
        .iter()
        .filter(|e| e.months.is_some())
        .min_by_key(|e| (e.months, e.count))
        .or_else(|| estimates.iter().find(|e| e.nearest))
        .or_else(|| estimates.iter().min_by_key(|e| e.count));
    let name = format!(
        "{} ({})",
        cert_name(pack, &cert.id),
        crate::text::one_line(&cert.issuer)
    );
    let Some(best) = best else {
        return Later {
            certification: cert.id.clone(),
            name,
            text: "the pack gives no route to it".into(),
            months: None,
            around: None,
        };
    };
    let around = best
        .months
        .zip(today)
        .and_then(|(m, d)| d.checked_add(jiff::Span::new().months(i64::from(m))).ok());
    let text = match best.months {
        Some(0) if best.texts.is_empty() => String::new(),
        Some(0) => format!(
            "needs only {}, which a course covers",
            best.texts.join("; ")
        ),
        Some(months) => {
            let when = match around {
                Some(date) => format!(
                    "within reach in about {} (around {})",
                    plural(months, "month"),
                    date.strftime("%B %Y")
                ),
                None => format!("within reach in about {}", plural(months, "month")),
            };
            let mut text = when;
            if !best.assumptions.is_empty() {
                text.push_str(&format!(" if {}", best.assumptions.join(" and ")));
            }
            if !best.texts.is_empty() {
                text.push_str(&format!("; also needs {}", best.texts.join("; ")));
            }
            text
        }
        None => format!("needs {}", best.texts.join("; ")),
    };
    Later {
        certification: cert.id.clone(),
        name,
        text,
        months: best.months,
        around: around.map(|d| d.strftime("%Y-%m").to_string()),
    }
}

fn plural(n: u32, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{} {unit}s", format_number(f64::from(n)))
    }
}
