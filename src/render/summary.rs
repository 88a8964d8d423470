//! What every human-readable format says, computed once from the result document: the
//! reasons behind a score, the calibration notes, the steps for a gap, the plan by horizon.
//! Formats differ in markup only.

use crate::eligibility::{short_title, Eligibility};
use crate::result::{
    is_knowledge_kind, Calibration, CompetencyResult, PlanItem, RecommendationResult,
    ResultDocument,
};
use crate::text::one_line;

/// How many gaps the reports explain in detail.
pub const TOP_GAPS: usize = 3;

/// Why a competency scored what it did, as a person reads it: "self-rating competent;
/// experience shows competent (1 of 3 statements true); scenarios 1 of 2 right (−3 points)".
/// Results saved before levels were placed by rating and experience read as they were
/// scored then.
pub fn score_reasons(doc: &ResultDocument, c: &CompetencyResult) -> String {
    let lower = |id: &str| doc.level_title(id).to_lowercase();
    let mut parts = Vec::new();
    if let Some(rated) = &c.self_rating {
        parts.push(format!("self-rating {}", lower(rated)));
    }
    let statements: Vec<_> = c.evidence.iter().filter(|e| e.kind == "yes_no").collect();
    if !statements.is_empty() {
        let held = statements.iter().filter(|e| e.earned > 0.0).count();
        let total = statements.len();
        parts.push(match &c.experience_shows {
            Some(shows) => format!(
                "experience shows {} ({held} of {total} statements true)",
                lower(shows)
            ),
            None if c.placed.is_some() => {
                format!("no experience statement true yet (0 of {total})")
            }
            None => format!("{held} of {total} experience statements true"),
        });
    }
    let scenarios: Vec<_> = c
        .evidence
        .iter()
        .filter(|e| is_knowledge_kind(&e.kind))
        .collect();
    if !scenarios.is_empty() {
        let right = scenarios.iter().filter(|e| e.earned >= e.possible).count();
        let partly = scenarios
            .iter()
            .filter(|e| e.earned > 0.0 && e.earned < e.possible)
            .count();
        let mut text = format!("scenarios {right} of {} right", scenarios.len());
        if partly > 0 {
            text.push_str(&format!(", {partly} partly"));
        }
        if let Some(placed) = &c.placed {
            let moved = (c.score - level_midpoint(doc, placed)).round();
            if moved.abs() >= 1.0 {
                text.push_str(&format!(
                    " ({}{} point{})",
                    if moved > 0.0 { "+" } else { "−" },
                    moved.abs(),
                    if moved.abs() == 1.0 { "" } else { "s" }
                ));
            }
        }
        parts.push(text);
    }
    if let Some(cap) = &c.capped_at {
        parts.push(format!(
            "held at {} until experience shows more",
            lower(cap)
        ));
    }
    if let Some(floor) = &c.lifted_to {
        parts.push(format!(
            "raised to {}, what your experience shows",
            lower(floor)
        ));
    }
    parts.join("; ")
}

/// The middle of a level's band of scores, from the document's own scale.
fn level_midpoint(doc: &ResultDocument, id: &str) -> f64 {
    let i = doc.level_index(id);
    let low = doc.levels.get(i).map_or(0.0, |l| l.min_score);
    let high = doc.levels.get(i + 1).map_or(100.0, |l| l.min_score);
    (low + high) / 2.0
}

/// "Competent, could be proficient" where the band reaches another level, else the level.
pub fn level_text(doc: &ResultDocument, c: &CompetencyResult) -> String {
    let level = one_line(&doc.level_title(&c.level));
    match &c.could_be {
        Some(other) => format!(
            "{level}, could be {}",
            one_line(&doc.level_title(other)).to_lowercase()
        ),
        None => level,
    }
}

/// Competencies whose band reaches another level: "Risk management: competent, could be
/// proficient".
pub fn could_be_lines(doc: &ResultDocument) -> Vec<String> {
    doc.competencies
        .iter()
        .filter(|c| c.could_be.is_some())
        .map(|c| {
            format!(
                "{}: {}",
                one_line(c.label()),
                level_text(doc, c).to_lowercase()
            )
        })
        .collect()
}

/// What the chosen stage needs beyond its target levels that the facts do not show yet.
pub fn stage_needs_line(doc: &ResultDocument) -> Option<String> {
    doc.stage_needs.as_ref().map(|needs| {
        format!(
            "{} also needs {}: your background facts do not show it yet.",
            one_line(&doc.profile_title),
            one_line(needs)
        )
    })
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

/// The ways a self-rating can disagree with the evidence, each with the sentence that
/// introduces its notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disagreement {
    /// Rated above what the experience statements show: the level is held at their cap.
    AboveExperience,
    /// Rated below what the experience statements show: the level follows them.
    BelowExperience,
    /// The scenario answers clearly fit a level well below the rated one.
    AboveAnswers,
    /// The scenario answers clearly fit a level well above the rated one.
    BelowAnswers,
}

impl Disagreement {
    /// The sentence that introduces the notes of this kind.
    pub fn intro(self) -> &'static str {
        match self {
            Disagreement::AboveExperience => {
                "Rated above what your experience statements show, so the level is held where \
                 they put it until you have done the work (no statement true caps a level at \
                 the one below those that describe doing)"
            }
            Disagreement::BelowExperience => {
                "Rated below what your experience shows, so the level follows your experience"
            }
            Disagreement::AboveAnswers => {
                "Rated well above what your scenario answers show — read the explanations of \
                 the questions you missed (the JSON result lists them) before you rely on these"
            }
            Disagreement::BelowAnswers => {
                "Rated well below what your scenario answers show — you may know more than you \
                 credit yourself with"
            }
        }
    }
}

/// Notes of one kind of disagreement: "Leadership (rated competent; held at advanced
/// beginner)", "HIPAA & regulatory compliance (rated expert; 0 of 2 scenarios right)".
pub fn disagreement_notes(doc: &ResultDocument, kind: Disagreement) -> Vec<String> {
    let lower = |id: &str| doc.level_title(id).to_lowercase();
    doc.competencies
        .iter()
        .filter_map(|c| {
            let rated = c.self_rating.as_ref()?;
            let detail = match kind {
                Disagreement::AboveExperience => {
                    format!("held at {}", lower(c.capped_at.as_ref()?))
                }
                Disagreement::BelowExperience => {
                    format!("experience shows {}", lower(c.lifted_to.as_ref()?))
                }
                Disagreement::AboveAnswers | Disagreement::BelowAnswers => {
                    let wanted = if kind == Disagreement::AboveAnswers {
                        Calibration::Over
                    } else {
                        Calibration::Under
                    };
                    if c.calibration != Some(wanted) {
                        return None;
                    }
                    let scenarios: Vec<_> = c
                        .evidence
                        .iter()
                        .filter(|e| is_knowledge_kind(&e.kind))
                        .collect();
                    let right = scenarios.iter().filter(|e| e.earned >= e.possible).count();
                    match &c.knowledge_level {
                        // Two or three answers say which way, not how far: a level is named
                        // only from five answers on.
                        Some(fits) if c.placed.is_some() && scenarios.len() >= 5 => format!(
                            "{right} of {} scenarios right, which fits {}",
                            scenarios.len(),
                            lower(fits)
                        ),
                        Some(_) if c.placed.is_some() => {
                            format!("{right} of {} scenarios right", scenarios.len())
                        }
                        // Results scored before levels were placed: their evidence level.
                        _ => format!(
                            "answers and experience show {}",
                            lower(c.evidence_level.as_ref().or(c.knowledge_level.as_ref())?)
                        ),
                    }
                }
            };
            Some(format!(
                "{} (rated {}; {detail})",
                one_line(&c.title),
                lower(rated)
            ))
        })
        .collect()
}

/// Every kind of disagreement that has notes, with its introduction.
pub fn disagreement_groups(doc: &ResultDocument) -> Vec<(&'static str, Vec<String>)> {
    [
        Disagreement::AboveExperience,
        Disagreement::AboveAnswers,
        Disagreement::BelowExperience,
        Disagreement::BelowAnswers,
    ]
    .into_iter()
    .map(|kind| (kind.intro(), disagreement_notes(doc, kind)))
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
