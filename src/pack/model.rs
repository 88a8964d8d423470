//! A loaded pack: the files of [`super::files`] put together, with an index of its ids.

use std::collections::HashMap;

use serde::Serialize;

pub use super::files::*;

/// A loaded, validated pack: `pack.yaml` with everything the other files add.
#[derive(Debug, Clone)]
pub struct Pack {
    pub id: String,
    pub title: String,
    pub version: u32,
    pub description: String,
    pub levels: Vec<Level>,
    pub profiles: Vec<Profile>,
    pub facts: Vec<Fact>,
    pub competencies: Vec<Competency>,
    pub recommendations: Vec<Recommendation>,
    pub certifications: Vec<Certification>,
    pub scoring: Scoring,
    pub default_run: DefaultRun,
    /// Ids to positions, built on the first lookup; `PackIndex::default()` when building a
    /// pack by hand.
    pub index: PackIndex,
}

/// Where each question is, so that looking one up costs the same in a pack of ten questions
/// and in one of thirty thousand (a hostile pack, answered in full, would otherwise take a
/// scan per answer). Built on the first lookup; code that changes a pack's questions after
/// that resets it: `pack.index = PackIndex::default()`. The other lists are short and
/// scanned.
#[derive(Debug, Clone, Default)]
pub struct PackIndex(std::sync::OnceLock<HashMap<String, (usize, usize)>>);

impl Pack {
    /// The position of a level id on the scale, lowest 0.
    pub fn level_index(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }

    /// A profile by id.
    pub fn profile(&self, id: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    /// A competency by id.
    pub fn competency(&self, id: &str) -> Option<&Competency> {
        self.competencies.iter().find(|c| c.id == id)
    }

    /// A fact by id.
    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.id == id)
    }

    /// Whether `fact` is asked of someone whose facts so far are `known`: every `ask_if`
    /// condition holds. A fact that is not asked counts as none, zero or no.
    pub fn fact_applies(
        &self,
        fact: &Fact,
        known: &std::collections::BTreeMap<String, crate::answers::Value>,
    ) -> bool {
        self.conditions_hold(&fact.ask_if, known)
    }

    /// Whether every condition holds for `known` facts; a fact not given counts as none,
    /// zero or no.
    pub fn conditions_hold(
        &self,
        conditions: &[FactCondition],
        known: &std::collections::BTreeMap<String, crate::answers::Value>,
    ) -> bool {
        conditions.iter().all(|condition| {
            let value = known.get(condition.fact.as_str());
            let option_rank = |id: &str| {
                self.fact(&condition.fact)
                    .and_then(|f| f.options.iter().position(|o| o.id == id))
            };
            let at_least = condition.at_least.as_deref().is_none_or(|least| {
                let have = value.and_then(|v| v.as_text()).and_then(option_rank);
                matches!((have, option_rank(least)), (Some(h), Some(l)) if h >= l)
            });
            let number = value.and_then(|v| v.as_number()).unwrap_or(0.0);
            let min = condition.min.is_none_or(|min| number >= min);
            let below = condition.below.is_none_or(|limit| number < limit);
            let is = condition
                .is
                .is_none_or(|wanted| value.and_then(|v| v.as_bool()).unwrap_or(false) == wanted);
            let has = condition
                .has
                .as_deref()
                .is_none_or(|id| value.is_some_and(|v| v.as_list().contains(&id)));
            at_least && min && below && is && has
        })
    }

    /// A certification by id.
    pub fn certification(&self, id: &str) -> Option<&Certification> {
        self.certifications.iter().find(|c| c.id == id)
    }

    /// Every question with the competency it belongs to, in asking order.
    pub fn questions(&self) -> impl Iterator<Item = (&Competency, &Question)> {
        self.competencies
            .iter()
            .flat_map(|c| c.questions.iter().map(move |q| (c, q)))
    }

    /// A question and its competency by question id.
    pub fn question(&self, id: &str) -> Option<(&Competency, &Question)> {
        let index = self.index.0.get_or_init(|| {
            let mut index = HashMap::new();
            for (c, competency) in self.competencies.iter().enumerate() {
                for (q, question) in competency.questions.iter().enumerate() {
                    index.entry(question.id.clone()).or_insert((c, q));
                }
            }
            index
        });
        // A pack changed without resetting its index finds nothing rather than the wrong one.
        let &(c, q) = index.get(id)?;
        let competency = self.competencies.get(c)?;
        let question = competency.questions.get(q)?;
        (question.id == id).then_some((competency, question))
    }

    /// A copy whose text is fit for a terminal: every string escaped and of bounded length
    /// (see [`crate::text::for_display`]). Ids are valid ids already and stay the same.
    pub fn for_display(&self) -> Pack {
        use crate::text::{for_display, one_line};
        fn each<T: Clone + Serialize + serde::de::DeserializeOwned>(items: &[T]) -> Vec<T> {
            let items = items.to_vec();
            for_display(&items).unwrap_or(items)
        }
        Pack {
            id: self.id.clone(),
            title: one_line(&self.title),
            version: self.version,
            description: crate::text::escape(&self.description),
            levels: each(&self.levels),
            profiles: each(&self.profiles),
            facts: each(&self.facts),
            competencies: each(&self.competencies),
            recommendations: each(&self.recommendations),
            certifications: each(&self.certifications),
            scoring: self.scoring.clone(),
            default_run: self.default_run.clone(),
            index: PackIndex::default(),
        }
    }

    /// How many questions the pack asks, facts included.
    pub fn question_count(&self) -> usize {
        self.facts.len()
            + self
                .competencies
                .iter()
                .map(|c| c.questions.len())
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lookups_find_each_id_and_a_reset_index_sees_a_changed_pack() {
        let mut pack = crate::pack::load_embedded().unwrap();
        let (c, q) = pack.question("hipaa_rating").unwrap();
        assert_eq!((c.id.as_str(), q.id.as_str()), ("hipaa", "hipaa_rating"));
        assert!(pack.question("no_such_question").is_none());
        assert_eq!(pack.level_index("novice"), Some(0));
        assert!(pack.profile("project_manager").is_some());
        // A question added after the index was built: never a wrong one, and found once
        // the index is reset.
        let mut extra = pack.competencies[0].questions[0].clone();
        extra.id = "added_later".into();
        pack.competencies[1].questions.insert(0, extra);
        let moved = pack.competencies[1].questions[1].id.clone();
        assert!(pack.question(&moved).is_none_or(|(_, q)| q.id == moved));
        pack.index = super::PackIndex::default();
        assert_eq!(
            pack.question("added_later").unwrap().0.id,
            pack.competencies[1].id
        );
        assert_eq!(pack.question(&moved).unwrap().1.id, moved);
    }
}

#[cfg(test)]
mod display_tests {
    use crate::text::for_display;

    #[test]
    fn every_part_of_a_pack_reads_back_for_display() {
        let mut pack = crate::pack::load_embedded().unwrap();
        assert!(for_display(&pack.levels).is_some());
        assert!(for_display(&pack.profiles).is_some());
        assert!(for_display(&pack.facts).is_some());
        assert!(for_display(&pack.competencies).is_some());
        assert!(for_display(&pack.recommendations).is_some());
        assert!(for_display(&pack.certifications).is_some());
        pack.facts[1].unit = Some("months\u{1b}]0;x\u{7}".into());
        pack.levels[0].title = "Novice\u{9b}2J".into();
        let shown = pack.for_display();
        assert_eq!(shown.facts[1].unit.as_deref(), Some("months\\e]0;x\\a"));
        assert_eq!(shown.levels[0].title, "Novice\\u{9b}2J");
        assert_eq!(shown.question_count(), pack.question_count());
        assert!(shown.question("hipaa_rating").is_some());
    }
}
