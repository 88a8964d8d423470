//! The review screen: one recognisable row per answer, and the choice to score or change.

use super::flow::{ReviewChoice, Step};
use super::*;

impl<'p> Flow<'p> {
    /// A row of the review list: what was asked, recognisably, and the answer given. A
    /// question reads "HIPAA & regulation · self-rating · Advanced beginner": the competency's
    /// short title, the kind of question, its short label, then the answer. Rows are whole,
    /// never cut: the list wraps them.
    pub(super) fn summary(&self, session: &Session, index: usize) -> String {
        let step = &self.steps[index];
        let value = self.current(session, step);
        // A fact that earlier answers rule out was never a question for this person.
        let unanswered = if self.applies(session, step) {
            "(not answered)"
        } else {
            "(not asked)"
        };
        let shown = |value: &Option<Value>, label: &dyn Fn(&str) -> Option<String>| -> String {
            match value {
                None => unanswered.into(),
                Some(Value::Text(id)) => label(id).unwrap_or_else(|| id.clone()),
                Some(Value::List(ids)) if ids.is_empty() => "none".into(),
                Some(Value::List(ids)) => {
                    // "First pick; second pick." rather than "First pick.; second pick."
                    let picks: Vec<String> = ids
                        .iter()
                        .map(|i| label(i).unwrap_or_else(|| i.clone()))
                        .collect();
                    let last = picks.len() - 1;
                    picks
                        .iter()
                        .enumerate()
                        .map(|(n, p)| if n < last { p.trim_end_matches('.') } else { p })
                        .collect::<Vec<_>>()
                        .join("; ")
                }
                Some(Value::Number(n)) => format_number(*n),
                Some(other) => other.display(),
            }
        };
        let short_title = |c: usize| self.short_title(c);
        match step {
            Step::Profile => format!(
                "Target career stage · {}",
                shown(&value, &|id| self
                    .pack
                    .profile(id)
                    .map(|p| one_line(&p.title)))
            ),
            Step::Fact(f) => {
                let fact = &self.pack.facts[*f];
                let answer = shown(&value, &|id| {
                    fact.options
                        .iter()
                        .find(|o| o.id == id)
                        .map(|o| one_line(&o.text))
                });
                let unit = match (&value, &fact.unit) {
                    (Some(Value::Number(n)), Some(u)) => {
                        format!(" {}", one_line(crate::answers::unit_after(*n, u)))
                    }
                    _ => String::new(),
                };
                format!("{} · {answer}{unit}", one_line(&fact.prompt))
            }
            Step::Facts(group) => {
                let facts: Vec<&crate::pack::Fact> =
                    group.iter().map(|&f| &self.pack.facts[f]).collect();
                let answer = shown(&value, &|id| {
                    facts
                        .iter()
                        .find(|f| f.id == id)
                        .map(|f| one_line(&f.prompt))
                });
                format!("True for you now · {answer}")
            }
            Step::Checklist(items) => {
                let first = items.first().map(|&(c, _)| short_title(c));
                let last = items.last().map(|&(c, _)| short_title(c));
                let answer = shown(&value, &|id| {
                    items
                        .iter()
                        .map(|&(c, q)| self.question(c, q))
                        .find(|q| q.id == id)
                        // The statement itself: a label would drop its meaning.
                        .map(|q| one_line(&q.prompt))
                });
                format!(
                    "Experience, {} to {} · {answer}",
                    first.unwrap_or_default(),
                    last.unwrap_or_default()
                )
            }
            Step::Question(c, q) => {
                let question = self.question(*c, *q);
                let answer = match question.kind {
                    QuestionKind::Rating => shown(&value, &|id| {
                        self.pack
                            .levels
                            .iter()
                            .find(|l| l.id == id)
                            .map(|l| one_line(&l.title))
                    }),
                    QuestionKind::Choice | QuestionKind::Multi => shown(&value, &|id| {
                        question
                            .options
                            .iter()
                            .find(|o| o.id == id)
                            .map(|o| one_line(&o.text))
                    }),
                    _ => shown(&value, &|id| Some(id.to_string())),
                };
                let unit = match (&value, &question.unit) {
                    (Some(Value::Number(n)), Some(u)) => {
                        format!(" {}", one_line(crate::answers::unit_after(*n, u)))
                    }
                    _ => String::new(),
                };
                let kind = match question.kind {
                    QuestionKind::Rating => "self-rating",
                    QuestionKind::Choice | QuestionKind::Multi => "scenario",
                    QuestionKind::YesNo | QuestionKind::Number => "experience",
                };
                let mut parts = vec![short_title(*c), kind.to_string()];
                // The label, unless it only repeats the kind ("Self-rating"); a question
                // without one is named by the start of its prompt.
                match question.label.as_deref().map(one_line) {
                    Some(label) if label.eq_ignore_ascii_case(kind) => {}
                    Some(label) => parts.push(label),
                    None if question.kind == QuestionKind::Rating => {}
                    None => parts.push(shorten(&one_line(&question.prompt), 40)),
                }
                parts.push(format!("{answer}{unit}"));
                parts.join(" · ")
            }
        }
    }

    pub(super) fn review(
        &self,
        prompter: &mut dyn Prompter,
        session: &Session,
    ) -> Prompted<ReviewChoice> {
        let asked: Vec<usize> = (0..self.steps.len())
            .filter(|&i| self.applies(session, &self.steps[i]))
            .collect();
        prompter.section("Review your answers", None, asked.len(), asked.len());
        let mut options = vec!["Score my answers now".to_string()];
        options.extend(asked.iter().map(|&i| self.summary(session, i)));
        let ask = Ask {
            counter: String::new(),
            prompt: "Pick an answer to change it, or score your answers.",
            options,
            can_go_back: true,
            help: None,
            progress: None,
        };
        Ok(match prompter.select(&ask, Some(0))? {
            Nav::Answer(0) => Nav::Answer(ReviewChoice::Score),
            Nav::Answer(i) => Nav::Answer(ReviewChoice::Change(asked[i - 1])),
            Nav::Back => Nav::Back,
        })
    }
}

/// `text` cut to `room` characters with an ellipsis.
pub(super) fn shorten(text: &str, room: usize) -> String {
    if text.chars().count() <= room {
        return text.to_string();
    }
    let mut out: String = text.chars().take(room.saturating_sub(1)).collect();
    out.push('…');
    out
}
