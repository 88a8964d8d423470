//! What every human-readable format says, computed once from the result document: the
//! reasons behind a score, the calibration notes, the steps for a gap, the plan by horizon.
//! Formats differ in markup only.

use crate::answers::format_number;
use crate::eligibility::{short_title, Eligibility};
use crate::result::{
    is_knowledge_kind, Calibration, CompetencyResult, PlanItem, RecommendationResult,
    ResultDocument,
};
use crate::text::one_line;

/// How many gaps the reports explain in detail.
pub const TOP_GAPS: usize = 3;

/// "self-rating novice; scenarios 1 of 2 right; experience 0 of 2 statements; held at
/// competent until experience backs the levels above".
pub fn score_reasons(doc: &ResultDocument, c: &CompetencyResult) -> String {
    let mut parts = Vec::new();
    if let Some(rated) = &c.self_rating {
        parts.push(format!(
            "self-rating {}",
            doc.level_title(rated).to_lowercase()
        ));
    }
    let tally = |keep: &dyn Fn(&str) -> bool| {
        let items: Vec<_> = c.evidence.iter().filter(|e| keep(&e.kind)).collect();
        let earned: f64 = items.iter().map(|e| e.earned).sum();
        let possible: f64 = items.iter().map(|e| e.possible).sum();
        let statements = items.iter().all(|e| e.kind == "yes_no");
        (!items.is_empty()).then(|| (round2(earned), round2(possible), statements))
    };
    if let Some((earned, possible, _)) = tally(&is_knowledge_kind) {
        parts.push(format!("scenarios {earned} of {possible} right"));
    }
    match tally(&|k| k == "yes_no" || k == "number") {
        Some((earned, possible, true)) => {
            parts.push(format!("{earned} of {possible} experience statements true"))
        }
        Some((earned, possible, false)) => {
            parts.push(format!("experience {earned} of {possible} points"))
        }
        None => {}
    }
    if let Some(ceiling) = &c.capped_at {
        parts.push(format!(
            "held at {} until experience backs the levels above",
            doc.level_title(ceiling).to_lowercase()
        ));
    }
    parts.join("; ")
}

/// "Carried over from your result of 2026-11-20 (not retaken): HIPAA & regulation, …", for a
/// result that retook only some competencies.
pub fn carried_note(doc: &ResultDocument) -> Option<String> {
    let carried: Vec<&CompetencyResult> = doc
        .competencies
        .iter()
        .filter(|c| c.carried_from.is_some())
        .collect();
    let from = carried.first()?.carried_from.as_deref()?;
    Some(format!(
        "Carried over from your result of {} (not retaken this time): {}.",
        from.get(..10).unwrap_or(from),
        carried
            .iter()
            .map(|c| one_line(c.label()))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

fn round2(n: f64) -> String {
    format_number((n * 100.0).round() / 100.0)
}

/// The heading of a top gap: "HIPAA & regulatory compliance — Novice → Competent".
pub fn gap_heading(doc: &ResultDocument, c: &CompetencyResult) -> String {
    format!(
        "{} — {} → {}",
        one_line(&c.title),
        doc.level_title(&c.level),
        doc.level_title(&c.target_level)
    )
}

/// Steps for one gap: those aimed first at it, then others that help it, best first.
pub fn steps_for<'d>(
    doc: &'d ResultDocument,
    c: &CompetencyResult,
    most: usize,
) -> Vec<&'d RecommendationResult> {
    let mut helping: Vec<_> = doc
        .recommendations
        .iter()
        .filter(|r| r.addresses.contains(&c.id))
        .collect();
    helping.sort_by_key(|r| r.builds.first() != Some(&c.id));
    helping.truncate(most);
    helping
}

/// Competencies where the self-rating and the evidence (scenarios and experience) disagree,
/// in `direction`, as "Title (rated proficient; answers and experience show competent)".
pub fn calibration_notes(doc: &ResultDocument, direction: Calibration) -> Vec<String> {
    doc.competencies
        .iter()
        .filter(|c| c.calibration == Some(direction))
        .filter_map(|c| {
            let rated = c.self_rating.as_ref()?;
            let shown = c.evidence_level.as_ref().or(c.knowledge_level.as_ref())?;
            Some(format!(
                "{} (rated {}; answers and experience show {})",
                one_line(&c.title),
                doc.level_title(rated).to_lowercase(),
                doc.level_title(shown).to_lowercase()
            ))
        })
        .collect()
}

/// Both directions of disagreement that have any notes, higher-than-shown first.
pub fn calibration_groups(doc: &ResultDocument) -> Vec<(Calibration, Vec<String>)> {
    [Calibration::Over, Calibration::Under]
        .into_iter()
        .map(|d| (d, calibration_notes(doc, d)))
        .filter(|(_, notes)| !notes.is_empty())
        .collect()
}

/// ✓ for held or eligible, – for not needed (outranked by a credential held), ✗ otherwise.
pub fn eligibility_mark(e: &Eligibility) -> &'static str {
    if e.held {
        "✓"
    } else if e.superseded_by.is_some() {
        "–"
    } else if e.eligible {
        "✓"
    } else {
        "✗"
    }
}

/// The sentence that introduces each calibration direction.
pub fn calibration_intro(direction: Calibration) -> &'static str {
    match direction {
        Calibration::Over => {
            "Rated well above what your scenario answers and experience show — read the \
             explanations of the questions you missed (the JSON result lists them) before you \
             rely on these"
        }
        Calibration::Under => {
            "Rated well below what your scenario answers and experience show — you may know and \
             have done more than you credit yourself with"
        }
    }
}

/// "CAPM (PMI)".
pub fn certification_name(e: &Eligibility) -> String {
    format!(
        "{} ({})",
        short_title(&one_line(&e.title)),
        one_line(&e.issuer)
    )
}

/// "held", "not needed: you hold PMP", "eligible now" or "needs 6 more months leading
/// projects".
pub fn eligibility_status(e: &Eligibility) -> String {
    if e.held {
        "held".into()
    } else if let Some(by) = &e.superseded_by {
        format!("not needed: you hold {}", one_line(by))
    } else if e.eligible {
        "eligible now".into()
    } else {
        format!("needs {}", one_line(&e.missing_texts().join(", ")))
    }
}

/// The lines that open the plan: which situation it assumed, and, when every target is
/// met, which stage the steps aim at instead.
pub fn plan_intro(doc: &ResultDocument) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(situation) = &doc.situation {
        let situation = one_line(situation);
        let mut chars = situation.chars();
        let lowered: String = match chars.next() {
            Some(c) => c.to_lowercase().chain(chars).collect(),
            None => String::new(),
        };
        lines.push(format!("Assumed: {lowered}"));
    }
    if let Some(basis) = doc.plan_basis.as_ref().filter(|b| b.targets_met) {
        let chosen = one_line(&doc.profile_title);
        let toward = basis.toward_title.as_deref().map(one_line);
        lines.push(match (basis.beyond_top, toward) {
            (true, Some(top)) if top == chosen => {
                format!("Every target of {chosen}, the top stage, is met. Programme-level growth:")
            }
            (true, Some(top)) => format!(
                "Every target of {chosen} and of every later stage up to {top} is met. \
                 Programme-level growth:"
            ),
            (false, Some(next)) => {
                format!("Every target of {chosen} is met. A stretch plan toward {next}:")
            }
            (_, None) => format!("Every target of {chosen} is met."),
        });
    }
    lines
}

/// "Later" lines: "PMP (PMI): within reach in about 18 months (around May 2028) if …".
pub fn later_lines(doc: &ResultDocument) -> Vec<String> {
    doc.later
        .iter()
        .map(|l| format!("{}: {}", one_line(&l.name), one_line(&l.text)))
        .collect()
}

/// The plan's steps with their recommendations, grouped under their horizon headings.
pub fn plan_sections(
    doc: &ResultDocument,
) -> Vec<(&'static str, Vec<(&PlanItem, &RecommendationResult)>)> {
    [
        ("30d", "Next 30 days"),
        ("90d", "Next 90 days"),
        ("12m", "Next 12 months"),
    ]
    .into_iter()
    .map(|(code, heading)| {
        let items = doc
            .plan
            .iter()
            .filter(|i| i.horizon == code)
            .filter_map(|i| doc.recommendation(&i.recommendation).map(|r| (i, r)))
            .collect();
        (heading, items)
    })
    .filter(|(_, items): &(_, Vec<_>)| !items.is_empty())
    .collect()
}

/// "effort · cost", where known.
pub fn effort_and_cost(r: &RecommendationResult) -> Option<String> {
    let parts: Vec<String> = [r.effort.as_ref(), r.cost.as_ref()]
        .into_iter()
        .flatten()
        .map(|s| one_line(s))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// A gap as a short word: "met" or "−2".
pub fn gap_text(c: &CompetencyResult) -> String {
    if c.gap == 0 {
        "met".into()
    } else {
        format!("−{}", c.gap)
    }
}
