//! What changed between two results. Pure: two documents in, a comparison out.

use serde::Serialize;

use crate::result::ResultDocument;

/// Two results side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub old: Side,
    pub new: Side,
    /// True when the two were scored against different profiles: gaps then differ by target
    /// as well as by progress.
    pub profile_changed: bool,
    pub competencies: Vec<Change>,
    /// Competency ids with a gap before and none now, by a reliable change.
    pub gaps_closed: Vec<String>,
    /// Competency ids with no gap before and one now, by a reliable change.
    pub gaps_opened: Vec<String>,
    /// Certification ids eligible now and not before (and not held).
    pub newly_eligible: Vec<String>,
}

/// One of the two results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    pub reference: String,
    pub taken_at: String,
    pub profile: String,
    pub pack_version: u32,
}

/// One competency's change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub id: String,
    pub title: String,
    pub old_score: Option<f64>,
    pub new_score: Option<f64>,
    pub old_level: Option<String>,
    pub new_level: Option<String>,
    pub old_gap: Option<usize>,
    pub new_gap: Option<usize>,
    /// The reliable change index (Jacobson & Truax, 1991): the change divided by the error
    /// of a difference of the two scores, √(SEM_old² + SEM_new²). Absent where either result
    /// has no band (saved before bands existed) or the competency was carried over.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rci: Option<f64>,
    /// Whether the change exceeds what the two bands allow (|RCI| > 1.96, the 95% level).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reliable: Option<bool>,
    /// The newer result did not retake this competency (`assess --competency`): its score
    /// was carried over, so there is nothing to compare.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub carried: bool,
}

/// |RCI| above this is a reliable change: a difference this large arises by chance in fewer
/// than 5 of 100 retakes of someone who did not change.
pub const RELIABLE_RCI: f64 = 1.96;

impl Change {
    /// New score minus old, where both exist.
    pub fn delta(&self) -> Option<f64> {
        Some(self.new_score? - self.old_score?)
    }

    /// Whether this counts as a change: reliable by the bands where both results have them;
    /// any difference where they do not (results saved before bands existed); never for a
    /// competency carried over.
    pub fn counts(&self) -> bool {
        !self.carried && self.reliable.unwrap_or(true)
    }
}

/// The reliable change index of `old` → `new`, where both have a standard error.
fn rci(
    old: &crate::result::CompetencyResult,
    new: &crate::result::CompetencyResult,
) -> Option<f64> {
    let error = (old.sem?.powi(2) + new.sem?.powi(2)).sqrt();
    (error > 0.0).then(|| ((new.score - old.score) / error * 100.0).round() / 100.0)
}

/// Compares `old` with `new`, competency by competency in the newer document's order;
/// competencies only in the older one come last.
pub fn compare(
    old_ref: &str,
    old: &ResultDocument,
    new_ref: &str,
    new: &ResultDocument,
) -> Comparison {
    let side = |reference: &str, d: &ResultDocument| Side {
        reference: reference.into(),
        taken_at: d.taken_at.clone(),
        profile: d.profile.clone(),
        pack_version: d.pack.version,
    };
    // Looked up by id, so a document of thousands of competencies compares in linear time.
    let old_by_id: std::collections::HashMap<&str, &crate::result::CompetencyResult> = old
        .competencies
        .iter()
        .rev()
        .map(|o| (o.id.as_str(), o))
        .collect();
    let new_ids: std::collections::HashSet<&str> =
        new.competencies.iter().map(|n| n.id.as_str()).collect();
    let mut competencies: Vec<Change> = new
        .competencies
        .iter()
        .map(|n| {
            let o = old_by_id.get(n.id.as_str()).copied();
            let carried = n.carried_from.is_some();
            let rci = o.and_then(|o| rci(o, n)).filter(|_| !carried);
            Change {
                id: n.id.clone(),
                title: n.title.clone(),
                old_score: o.map(|o| o.score),
                new_score: Some(n.score),
                old_level: o.map(|o| o.level.clone()),
                new_level: Some(n.level.clone()),
                old_gap: o.map(|o| o.gap),
                new_gap: Some(n.gap),
                rci,
                reliable: rci.map(|r| r.abs() > RELIABLE_RCI),
                carried,
            }
        })
        .collect();
    competencies.extend(
        old.competencies
            .iter()
            .filter(|o| !new_ids.contains(o.id.as_str()))
            .map(|o| Change {
                id: o.id.clone(),
                title: o.title.clone(),
                old_score: Some(o.score),
                new_score: None,
                old_level: Some(o.level.clone()),
                new_level: None,
                old_gap: Some(o.gap),
                new_gap: None,
                rci: None,
                reliable: None,
                carried: false,
            }),
    );
    let ids = |keep: &dyn Fn(&Change) -> bool| {
        competencies
            .iter()
            .filter(|c| keep(c))
            .map(|c| c.id.clone())
            .collect()
    };
    // A gap closes or opens only by a change the bands call reliable.
    let gaps_closed =
        ids(&|c| c.counts() && c.old_gap.is_some_and(|g| g > 0) && c.new_gap == Some(0));
    let gaps_opened =
        ids(&|c| c.counts() && c.old_gap == Some(0) && c.new_gap.is_some_and(|g| g > 0));
    let open_before: std::collections::HashSet<&str> = old
        .eligibility
        .iter()
        .filter(|o| o.eligible || o.held)
        .map(|o| o.id.as_str())
        .collect();
    let newly_eligible = new
        .eligibility
        .iter()
        // Open now: not held, and not outranked by a credential held.
        .filter(|e| e.open_now())
        .filter(|e| !open_before.contains(e.id.as_str()))
        .map(|e| e.id.clone())
        .collect();
    Comparison {
        old: side(old_ref, old),
        new: side(new_ref, new),
        profile_changed: old.profile != new.profile,
        competencies,
        gaps_closed,
        gaps_opened,
        newly_eligible,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{Answers, Value};
    use crate::pack::sample;

    fn doc(rating: &str, did: bool, right: bool) -> ResultDocument {
        let pack = sample::pack(&["c"], 5);
        let mut answers = Answers::default();
        let mut put = |id: &str, v: Value| {
            answers.answers.insert(id.to_string(), v);
        };
        put("c_rating", Value::Text(rating.into()));
        for s in ["c_did", "c_led", "c_set"] {
            put(s, Value::Bool(did));
        }
        put("c_s0", Value::Text(if right { "b" } else { "a" }.into()));
        crate::result::build(&pack, &pack.profiles[0], &answers, "2026-12-05T00:00:00Z")
    }

    #[test]
    fn a_difference_within_the_bands_is_no_reliable_change() {
        let (old, new) = (doc("competent", true, false), doc("competent", true, true));
        let c = compare("a", &old, "b", &new);
        let change = &c.competencies[0];
        assert!(change.delta().unwrap() > 0.0);
        assert_eq!(change.reliable, Some(false), "rci {:?}", change.rci);
        assert!(!change.counts());
    }

    #[test]
    fn doing_the_work_is_a_reliable_change_and_closes_the_gap() {
        let (old, new) = (doc("competent", false, false), doc("expert", true, true));
        let c = compare("a", &old, "b", &new);
        let change = &c.competencies[0];
        // From advanced beginner (30) to expert (90): RCI = 60 / √(5.x² + 5.x²) ≈ 8.
        assert!(change.rci.unwrap() > RELIABLE_RCI, "{:?}", change.rci);
        assert_eq!(change.reliable, Some(true));
        assert_eq!(c.gaps_closed, vec![String::from("c")]);
    }

    #[test]
    fn a_carried_competency_is_marked_not_compared() {
        let old = doc("competent", false, false);
        let mut new = doc("expert", true, true);
        new.competencies[0].carried_from = Some("2026-12-01T00:00:00Z".into());
        let c = compare("a", &old, "b", &new);
        assert!(c.competencies[0].carried);
        assert_eq!(c.competencies[0].reliable, None);
        assert!(c.gaps_closed.is_empty());
    }

    #[test]
    fn results_saved_without_bands_compare_as_before() {
        let mut old = doc("competent", false, false);
        let mut new = doc("expert", true, true);
        old.competencies[0].sem = None;
        new.competencies[0].sem = None;
        let c = compare("a", &old, "b", &new);
        assert_eq!(c.competencies[0].reliable, None);
        assert!(c.competencies[0].counts());
        assert_eq!(c.gaps_closed.len(), 1);
    }
}
