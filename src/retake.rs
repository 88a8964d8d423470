//! Retaking some competencies (`assess --competency`): the new answers for those, and
//! everything else carried from an earlier result. Pure: no I/O.

use crate::answers::Answers;
use crate::pack::Pack;
use crate::result::ResultDocument;

/// The answers of a retake: `new` for the competencies in `only`; the profile (unless `new`
/// names one), the background facts and every other competency's answers from `base`. Answers
/// that the pack no longer has are left behind.
pub fn merge(pack: &Pack, base: &ResultDocument, new: &Answers, only: &[String]) -> Answers {
    let retaken = |question: &str| {
        pack.question(question)
            .is_some_and(|(competency, _)| only.contains(&competency.id))
    };
    let mut answers: std::collections::BTreeMap<_, _> = base
        .answers
        .iter()
        .filter(|(id, _)| pack.question(id).is_some() && !retaken(id))
        .map(|(id, value)| (id.clone(), value.clone()))
        .collect();
    answers.extend(
        new.answers
            .iter()
            .filter(|(id, _)| retaken(id))
            .map(|(id, value)| (id.clone(), value.clone())),
    );
    Answers {
        person: new.person.clone().or_else(|| base.person.clone()),
        profile: new
            .profile
            .clone()
            .or_else(|| Some(base.profile.to_string())),
        facts: base
            .facts
            .iter()
            .filter(|(id, _)| pack.fact(id).is_some())
            .map(|(id, value)| (id.clone(), value.clone()))
            .collect(),
        answers,
    }
}

/// Marks every competency not in `only` as carried from the result taken at `from`, so the
/// report can say which scores are new.
pub fn mark_carried(doc: &mut ResultDocument, only: &[String], from: &str) {
    for competency in &mut doc.competencies {
        if !only.contains(&competency.id) {
            competency.carried_from = Some(from.into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{self, Completeness, Value};

    fn example(pack: &Pack) -> Answers {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/answers/pm-from-banking.yaml"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let (mut a, spans) = answers::parse(path, &text).unwrap();
        assert!(answers::check(pack, &mut a, path, &spans, Completeness::Required).is_empty());
        answers::normalise(pack, &mut a);
        a
    }

    #[test]
    fn a_retake_replaces_only_the_named_competencies_and_keeps_the_rest() {
        let pack = crate::pack::load_embedded().unwrap();
        let before = example(&pack);
        let profile = pack.profile("project_manager").unwrap();
        let base = crate::result::build(&pack, profile, &before, "2026-11-01T10:00:00Z");
        let mut new = Answers::default();
        new.answers
            .insert("hipaa_rating".into(), Value::Text("expert".into()));
        new.answers
            .insert("risk_rating".into(), Value::Text("novice".into()));
        let merged = merge(&pack, &base, &new, &["hipaa".to_string()]);
        assert_eq!(merged.answers["hipaa_rating"], Value::Text("expert".into()));
        assert!(
            !merged.answers.contains_key("hipaa_min_necessary_feeds")
                || new.answers.contains_key("hipaa_min_necessary_feeds"),
            "old hipaa answers are not carried"
        );
        assert_eq!(merged.answers["risk_rating"], before.answers["risk_rating"]);
        assert_eq!(merged.facts, before.facts);
        assert_eq!(merged.profile.as_deref(), Some("project_manager"));

        let mut doc = crate::result::build(&pack, profile, &merged, "2026-11-25T10:00:00Z");
        mark_carried(&mut doc, &["hipaa".to_string()], &base.taken_at);
        for c in &doc.competencies {
            assert_eq!(c.carried_from.is_none(), c.id == "hipaa", "{}", c.id);
        }
    }
}
