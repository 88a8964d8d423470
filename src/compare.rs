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
    /// Competency ids with a gap before and none now.
    pub gaps_closed: Vec<String>,
    /// Competency ids with no gap before and one now.
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
}

impl Change {
    /// New score minus old, where both exist.
    pub fn delta(&self) -> Option<f64> {
        Some(self.new_score? - self.old_score?)
    }
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
            Change {
                id: n.id.clone(),
                title: n.title.clone(),
                old_score: o.map(|o| o.score),
                new_score: Some(n.score),
                old_level: o.map(|o| o.level.clone()),
                new_level: Some(n.level.clone()),
                old_gap: o.map(|o| o.gap),
                new_gap: Some(n.gap),
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
            }),
    );
    let ids = |keep: &dyn Fn(&Change) -> bool| {
        competencies
            .iter()
            .filter(|c| keep(c))
            .map(|c| c.id.clone())
            .collect()
    };
    let gaps_closed = ids(&|c| c.old_gap.is_some_and(|g| g > 0) && c.new_gap == Some(0));
    let gaps_opened = ids(&|c| c.old_gap == Some(0) && c.new_gap.is_some_and(|g| g > 0));
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
