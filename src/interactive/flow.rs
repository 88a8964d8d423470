//! The flow of an assessment: which steps it asks, in what order, what each answer stores,
//! and the walk through them with back, a closer look and the review.

use super::*;

/// One thing the assessment asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    Profile,
    Fact(usize),
    /// Yes/no facts side by side, asked as one checklist.
    Facts(Vec<usize>),
    /// Experience statements of several competencies, asked as one checklist:
    /// (competency index, question index).
    Checklist(Vec<(usize, usize)>),
    /// Competency index, question index.
    Question(usize, usize),
}

/// What the person chose on the review screen.
pub(super) enum ReviewChoice {
    Score,
    Change(usize),
}

/// The assessment flow over a pack: the questions a run asks (see [`crate::selection`]).
pub struct Flow<'p> {
    pub(super) pack: &'p Pack,
    pub(super) steps: Vec<Step>,
    /// How many competencies the run covers, for "3 of 12".
    competencies: Vec<usize>,
}

impl<'p> Flow<'p> {
    /// The steps for the questions `asked`: profile and background facts (when
    /// `with_facts`), the experience checklists, then each competency's self-rating,
    /// scenarios and any number questions.
    pub fn new(pack: &'p Pack, asked: &[String], with_facts: bool) -> Self {
        let mut steps = Vec::new();
        if with_facts {
            steps.push(Step::Profile);
            for group in crate::selection::fact_groups(pack) {
                steps.push(match group.as_slice() {
                    [one] => Step::Fact(*one),
                    _ => Step::Facts(group),
                });
            }
        }
        let index_of = |id: &str| {
            pack.competencies.iter().enumerate().find_map(|(c, comp)| {
                comp.questions
                    .iter()
                    .position(|q| q.id == id)
                    .map(|q| (c, q))
            })
        };
        for list in crate::selection::checklists(pack.competencies.iter(), asked) {
            steps.push(Step::Checklist(
                list.iter().filter_map(|(_, q)| index_of(&q.id)).collect(),
            ));
        }
        let mut competencies = Vec::new();
        for (c, competency) in pack.competencies.iter().enumerate() {
            let mine: Vec<usize> = (0..competency.questions.len())
                .filter(|&q| {
                    let question = &competency.questions[q];
                    asked.contains(&question.id) && question.kind != QuestionKind::YesNo
                })
                .collect();
            if mine.is_empty() && !competency.questions.iter().any(|q| asked.contains(&q.id)) {
                continue;
            }
            competencies.push(c);
            steps.extend(mine.into_iter().map(|q| Step::Question(c, q)));
        }
        Flow {
            pack,
            steps,
            competencies,
        }
    }

    /// How many prompts the assessment has at most (a conditional fact counts).
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether there is nothing to ask (never for a valid pack).
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    pub(super) fn question(&self, c: usize, q: usize) -> &'p crate::pack::Question {
        &self.pack.competencies[c].questions[q]
    }

    /// The yes/no facts of a group that this person is asked.
    pub(super) fn facts_asked(&self, session: &Session, group: &[usize]) -> Vec<usize> {
        group
            .iter()
            .copied()
            .filter(|&f| self.pack.fact_applies(&self.pack.facts[f], &session.facts))
            .collect()
    }

    /// The answer stored for a step; a checklist has one when every item has one, as the
    /// list of items that hold.
    pub(super) fn current(&self, session: &Session, step: &Step) -> Option<Value> {
        let ticked = |ids: Vec<&String>, map: &std::collections::BTreeMap<String, Value>| {
            let mut out = Vec::new();
            for id in ids {
                if map.get(id.as_str())?.as_bool()? {
                    out.push(id.to_string());
                }
            }
            Some(Value::List(out))
        };
        match step {
            Step::Profile => session.profile.clone().map(Value::Text),
            Step::Fact(f) => session.facts.get(self.pack.facts[*f].id.as_str()).cloned(),
            Step::Facts(group) => ticked(
                self.facts_asked(session, group)
                    .into_iter()
                    .map(|f| &self.pack.facts[f].id)
                    .collect(),
                &session.facts,
            ),
            Step::Checklist(items) => ticked(
                items
                    .iter()
                    .map(|&(c, q)| &self.question(c, q).id)
                    .collect(),
                &session.answers,
            ),
            Step::Question(c, q) => session
                .answers
                .get(self.question(*c, *q).id.as_str())
                .cloned(),
        }
    }

    pub(super) fn store(&self, session: &mut Session, step: &Step, value: Value) {
        match step {
            Step::Profile => session.profile = value.as_text().map(String::from),
            Step::Fact(f) => {
                session
                    .facts
                    .insert(self.pack.facts[*f].id.to_string(), value);
                self.drop_unasked_facts(session);
            }
            Step::Facts(group) => {
                let ticked = value.as_list();
                for f in self.facts_asked(session, group) {
                    let id = &self.pack.facts[f].id;
                    session
                        .facts
                        .insert(id.to_string(), Value::Bool(ticked.contains(&id.as_str())));
                }
                self.drop_unasked_facts(session);
            }
            Step::Checklist(items) => {
                let ticked = value.as_list();
                for &(c, q) in items {
                    let id = &self.question(c, q).id;
                    session
                        .answers
                        .insert(id.to_string(), Value::Bool(ticked.contains(&id.as_str())));
                }
            }
            Step::Question(c, q) => {
                session
                    .answers
                    .insert(self.question(*c, *q).id.to_string(), value);
            }
        }
    }

    /// A fact an earlier answer no longer calls for is not kept: it was never asked.
    pub(super) fn drop_unasked_facts(&self, session: &mut Session) {
        for fact in &self.pack.facts {
            if !self.pack.fact_applies(fact, &session.facts) {
                session.facts.remove(fact.id.as_str());
            }
        }
    }

    /// Whether a step is asked, given the answers so far (a fact's `ask_if`).
    pub(super) fn applies(&self, session: &Session, step: &Step) -> bool {
        match step {
            Step::Fact(f) => self.pack.fact_applies(&self.pack.facts[*f], &session.facts),
            Step::Facts(group) => !self.facts_asked(session, group).is_empty(),
            _ => true,
        }
    }

    /// Whether a step may still be asked: a fact skipped by `ask_if` is no prompt once the
    /// answers it depends on are in (until then it may still be asked).
    pub(super) fn counts(&self, session: &Session, step: &Step) -> bool {
        let undecided = |f: &usize| {
            self.pack.facts[*f]
                .ask_if
                .iter()
                .any(|c| !session.facts.contains_key(c.fact.as_str()))
        };
        match step {
            Step::Fact(f) => undecided(f) || self.applies(session, step),
            Step::Facts(group) => group.iter().any(undecided) || self.applies(session, step),
            _ => true,
        }
    }

    /// How far the person is: (steps done, steps in all). Every step keeps its number for the
    /// whole run, so the total the person reads never shifts under them ("[9/50]" then
    /// "[10/49]"): a fact an earlier answer rules out is done without being asked. Only the
    /// questions added at the end grow the total, and the person is told when they are.
    pub fn progress(&self, session: &Session) -> (usize, usize) {
        let done = self
            .steps
            .iter()
            .filter(|s| !self.counts(session, s) || self.current(session, s).is_some())
            .count();
        (done, self.steps.len())
    }

    /// The first step without an answer, or `len()` when all are answered.
    pub fn first_unanswered(&self, session: &Session) -> usize {
        self.steps
            .iter()
            .position(|s| self.applies(session, s) && self.current(session, s).is_none())
            .unwrap_or(self.steps.len())
    }

    /// The nearest step from `index` (moving forward or back) that is asked.
    pub(super) fn asked_from(&self, session: &Session, mut index: usize, forward: bool) -> usize {
        while index < self.steps.len() && !self.applies(session, &self.steps[index]) {
            if forward {
                index += 1;
            } else if index == 0 {
                return self.next_asked(session, 0);
            } else {
                index -= 1;
            }
        }
        index
    }

    pub(super) fn next_asked(&self, session: &Session, index: usize) -> usize {
        self.asked_from(session, index, true)
    }

    /// Asks until every step is answered and the person chooses to score on the review
    /// screen. `save` runs after every answer; an error from it stops the flow.
    pub fn run(
        &mut self,
        prompter: &mut dyn Prompter,
        session: &mut Session,
        save: &mut dyn FnMut(&Session) -> Result<()>,
    ) -> Result<std::result::Result<(), PromptError>> {
        let mut index = self.first_unanswered(session);
        let mut shown_section: Option<usize> = None;
        let mut told_follow_ups = false;
        loop {
            if index >= self.steps.len() {
                if let Some(id) = self.follow_up(session) {
                    let added = self.add_questions(session, &[id]);
                    if added > 0 {
                        save(session)?;
                        if !told_follow_ups {
                            told_follow_ups = true;
                            prompter.say(&if session.thorough {
                                "A few more scenarios that apply to the credentials you hold."
                                    .to_string()
                            } else {
                                format!(
                                    "A few more scenarios (at most {}) where your answers so far \
                                     point away from the level your self-rating and experience \
                                     describe: one more answer tells a slip from a real \
                                     difference.",
                                    self.follow_ups_left(session)
                                )
                            });
                        }
                        index = self.steps.len() - added;
                        continue;
                    }
                }
            }
            if index >= self.steps.len() {
                match self.review(prompter, session) {
                    Err(e) => return Ok(Err(e)),
                    Ok(Nav::Back) => {
                        index = self.asked_from(session, self.steps.len() - 1, false);
                        shown_section = None;
                    }
                    Ok(Nav::Answer(ReviewChoice::Score)) => return Ok(Ok(())),
                    Ok(Nav::Answer(ReviewChoice::Change(step))) => {
                        self.show_section(prompter, session, step, &mut None);
                        match self.ask(prompter, session, step) {
                            Err(e) => return Ok(Err(e)),
                            Ok(Nav::Answer(value)) => {
                                self.store(session, &self.steps[step], value);
                                save(session)?;
                            }
                            Ok(Nav::Back) => {}
                        }
                    }
                }
                continue;
            }
            index = self.next_asked(session, index);
            if index >= self.steps.len() {
                continue;
            }
            self.show_section(prompter, session, index, &mut shown_section);
            match self.ask(prompter, session, index) {
                Err(e) => return Ok(Err(e)),
                Ok(Nav::Answer(value)) => {
                    self.store(session, &self.steps[index], value);
                    save(session)?;
                    index += 1;
                }
                Ok(Nav::Back) => {
                    index = self.asked_from(session, index.saturating_sub(1), false);
                }
            }
        }
    }

    /// The next follow-up scenario the run should ask, if any (see
    /// [`crate::selection::follow_up`]): chosen one at a time, from the answers so far.
    pub(super) fn follow_up(&self, session: &Session) -> Option<String> {
        let scope = if session.thorough {
            crate::selection::Scope::Thorough
        } else {
            crate::selection::Scope::Default { draw: 0 }
        };
        crate::selection::follow_up(
            self.pack,
            &scope,
            &session.facts,
            &session.answers,
            &session.questions,
            session.only.is_empty(),
        )
    }

    /// The most follow-ups the run may still ask, for the line that announces them: the one
    /// about to be asked and the room left after it (see [`crate::selection::follow_up_room`]).
    fn follow_ups_left(&self, session: &Session) -> usize {
        1 + crate::selection::follow_up_room(
            self.pack,
            Some(&session.facts),
            &session.questions,
            session.only.is_empty(),
        )
    }

    /// Asks `ids` after the planned questions, each as a question of its own; returns how many
    /// were added (ids already asked or unknown are not). They join the session's questions,
    /// so a resumed run asks them too, and the total grows by as many.
    pub fn add_questions(&mut self, session: &mut Session, ids: &[String]) -> usize {
        let mut added = 0;
        for id in ids {
            if self.asks(id) {
                continue;
            }
            let found = self
                .pack
                .competencies
                .iter()
                .enumerate()
                .find_map(|(c, comp)| {
                    comp.questions
                        .iter()
                        .position(|q| q.id == *id)
                        .map(|q| (c, q))
                });
            if let Some((c, q)) = found {
                self.steps.push(Step::Question(c, q));
                if !self.competencies.contains(&c) {
                    self.competencies.push(c);
                    self.competencies.sort_unstable();
                }
                if !session.questions.contains(id) {
                    session.questions.push(id.clone());
                }
                added += 1;
            }
        }
        added
    }

    /// Whether a question is one of the steps.
    fn asks(&self, id: &str) -> bool {
        self.steps.iter().any(|s| match s {
            Step::Question(c, q) => self.question(*c, *q).id == id,
            Step::Checklist(items) => items.iter().any(|&(c, q)| self.question(c, q).id == id),
            _ => false,
        })
    }

    /// The competencies the run covers, in the order it asks them, for the opening line of
    /// a retake.
    pub fn competency_titles(&self) -> Vec<String> {
        self.competencies
            .iter()
            .map(|&c| self.short_title(c))
            .collect()
    }

    /// A competency's short title (its title where it has none), as one escaped line.
    pub(super) fn short_title(&self, c: usize) -> String {
        let competency = &self.pack.competencies[c];
        one_line(
            competency
                .short_title
                .as_deref()
                .unwrap_or(&competency.title),
        )
    }

    /// Section of a step: 0 for the opening (profile and facts), 1 for the experience
    /// checklists, 2 + competency index after.
    pub(super) fn section_of(&self, index: usize) -> usize {
        match self.steps[index] {
            Step::Profile | Step::Fact(_) | Step::Facts(_) => 0,
            Step::Checklist(_) => 1,
            Step::Question(c, _) => c + 2,
        }
    }

    pub(super) fn show_section(
        &self,
        prompter: &mut dyn Prompter,
        session: &Session,
        index: usize,
        shown: &mut Option<usize>,
    ) {
        let section = self.section_of(index);
        if *shown == Some(section) {
            return;
        }
        *shown = Some(section);
        let (answered, total) = self.progress(session);
        match section {
            0 => prompter.section("About you", None, answered, total),
            1 => prompter.section("What you have done", None, answered, total),
            _ => {
                let c = section - 2;
                let place = self.competencies.iter().position(|&i| i == c).unwrap_or(0);
                prompter.section(
                    &one_line(&self.pack.competencies[c].title),
                    Some((place + 1, self.competencies.len())),
                    answered,
                    total,
                )
            }
        }
    }
}
