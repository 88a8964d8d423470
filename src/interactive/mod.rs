//! The interactive assessment: one competency at a time, back to change an answer, a review
//! before scoring, and every answer saved the moment it is given.
//!
//! The flow is written against [`Prompter`], so the same code drives the full-screen terminal
//! prompts ([`terminal`]), the one-line-per-prompt plain mode ([`plain`]) and the scripted fake
//! the unit tests use.

pub mod plain;
pub mod terminal;
mod widget;

use crate::answers::{format_number, Value};
use crate::diagnostic::Result;
use crate::pack::{Choice, FactKind, Pack, QuestionKind};
use crate::session::Session;
use crate::text::one_line;

/// What the person did at a prompt.
#[derive(Debug, Clone, PartialEq)]
pub enum Nav<T> {
    /// Gave an answer.
    Answer(T),
    /// Asked to return to the previous question (Esc; `b` where a number is typed and in
    /// plain mode).
    Back,
}

/// Why a prompt gave no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptError {
    /// Ctrl-C, or the input closed.
    Interrupted,
    /// The terminal failed.
    Failed(String),
}

/// The result of one prompt.
pub type Prompted<T> = std::result::Result<Nav<T>, PromptError>;

/// A question as the prompter shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Ask<'a> {
    /// "[12/124]".
    pub counter: String,
    pub prompt: &'a str,
    /// Full option texts, in order.
    pub options: Vec<String>,
    /// Whether going back is possible from here.
    pub can_go_back: bool,
    /// One line under the prompt saying what counts, where people misread the question.
    pub help: Option<&'a str>,
}

/// The person at the other end. Implementations render on stderr only.
pub trait Prompter {
    /// Announces a new part of the assessment ("3 of 12 · Risk management") with overall
    /// progress (`answered` of `total`).
    fn section(
        &mut self,
        title: &str,
        position: Option<(usize, usize)>,
        answered: usize,
        total: usize,
    );
    /// One option.
    fn select(&mut self, ask: &Ask, default: Option<usize>) -> Prompted<usize>;
    /// Any number of options.
    fn multi(&mut self, ask: &Ask, defaults: &[bool]) -> Prompted<Vec<usize>>;
    /// Yes or no.
    fn yes_no(&mut self, ask: &Ask, default: Option<bool>) -> Prompted<bool>;
    /// A number within a range.
    fn number(
        &mut self,
        ask: &Ask,
        range: (f64, f64),
        unit: Option<&str>,
        default: Option<f64>,
    ) -> Prompted<f64>;
    /// A line of information.
    fn say(&mut self, text: &str);
}

/// One thing the assessment asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Profile,
    Fact(usize),
    /// Competency index, question index.
    Question(usize, usize),
}

/// What the person chose on the review screen.
enum ReviewChoice {
    Score,
    Change(usize),
}

/// The assessment flow over a pack.
pub struct Flow<'p> {
    pack: &'p Pack,
    steps: Vec<Step>,
}

impl<'p> Flow<'p> {
    /// The steps of `pack`: profile, background facts, then each competency's questions.
    pub fn new(pack: &'p Pack) -> Self {
        let mut steps = vec![Step::Profile];
        steps.extend((0..pack.facts.len()).map(Step::Fact));
        for (c, competency) in pack.competencies.iter().enumerate() {
            steps.extend((0..competency.questions.len()).map(|q| Step::Question(c, q)));
        }
        Flow { pack, steps }
    }

    /// How many prompts the assessment has.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether there is nothing to ask (never for a valid pack).
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    fn current(&self, session: &Session, step: Step) -> Option<Value> {
        match step {
            Step::Profile => session.profile.clone().map(Value::Text),
            Step::Fact(f) => session.facts.get(&self.pack.facts[f].id).cloned(),
            Step::Question(c, q) => session
                .answers
                .get(&self.pack.competencies[c].questions[q].id)
                .cloned(),
        }
    }

    fn store(&self, session: &mut Session, step: Step, value: Value) {
        match step {
            Step::Profile => session.profile = value.as_text().map(String::from),
            Step::Fact(f) => {
                session.facts.insert(self.pack.facts[f].id.clone(), value);
                // A later fact this answer no longer calls for is not kept: it was never asked.
                for later in &self.pack.facts[f + 1..] {
                    if !self.pack.fact_applies(later, &session.facts) {
                        session.facts.remove(&later.id);
                    }
                }
            }
            Step::Question(c, q) => {
                session
                    .answers
                    .insert(self.pack.competencies[c].questions[q].id.clone(), value);
            }
        }
    }

    /// Whether `step` is asked, given the answers so far (a fact's `ask_if`).
    fn applies(&self, session: &Session, step: Step) -> bool {
        match step {
            Step::Fact(f) => self.pack.fact_applies(&self.pack.facts[f], &session.facts),
            _ => true,
        }
    }

    /// The first step without an answer, or `len()` when all are answered.
    pub fn first_unanswered(&self, session: &Session) -> usize {
        self.steps
            .iter()
            .position(|s| self.applies(session, *s) && self.current(session, *s).is_none())
            .unwrap_or(self.steps.len())
    }

    /// The nearest step from `index` (moving by `direction`) that is asked.
    fn asked_from(&self, session: &Session, mut index: usize, forward: bool) -> usize {
        while index < self.steps.len() && !self.applies(session, self.steps[index]) {
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

    fn next_asked(&self, session: &Session, index: usize) -> usize {
        self.asked_from(session, index, true)
    }

    /// Asks until every step is answered and the person chooses to score on the review
    /// screen. `save` runs after every answer; an error from it stops the flow.
    pub fn run(
        &self,
        prompter: &mut dyn Prompter,
        session: &mut Session,
        save: &mut dyn FnMut(&Session) -> Result<()>,
    ) -> Result<std::result::Result<(), PromptError>> {
        let mut index = self.first_unanswered(session);
        let mut shown_section: Option<usize> = None;
        loop {
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
                                self.store(session, self.steps[step], value);
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
                    self.store(session, self.steps[index], value);
                    save(session)?;
                    index += 1;
                }
                Ok(Nav::Back) => {
                    index = self.asked_from(session, index.saturating_sub(1), false);
                }
            }
        }
    }

    /// Section of a step: 0 for the opening (profile and facts), 1 + competency index after.
    fn section_of(&self, index: usize) -> usize {
        match self.steps[index] {
            Step::Profile | Step::Fact(_) => 0,
            Step::Question(c, _) => c + 1,
        }
    }

    fn show_section(
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
        let answered = self
            .steps
            .iter()
            .filter(|s| self.current(session, **s).is_some())
            .count();
        if section == 0 {
            prompter.section("About you", None, answered, self.steps.len());
        } else {
            let competency = &self.pack.competencies[section - 1];
            prompter.section(
                &one_line(&competency.title),
                Some((section, self.pack.competencies.len())),
                answered,
                self.steps.len(),
            );
        }
    }

    fn ask(&self, prompter: &mut dyn Prompter, session: &Session, index: usize) -> Prompted<Value> {
        let step = self.steps[index];
        let current = self.current(session, step);
        // Count only what is asked of this person: a fact skipped by `ask_if` is no prompt
        // once the answers it depends on are in (until then it may still be asked).
        let counts = |step: &Step| match step {
            Step::Fact(f) => {
                let fact = &self.pack.facts[*f];
                let undecided = fact
                    .ask_if
                    .iter()
                    .any(|c| !session.facts.contains_key(&c.fact));
                undecided || self.applies(session, *step)
            }
            _ => true,
        };
        let asked = |steps: &[Step]| steps.iter().filter(|s| counts(s)).count();
        let position = asked(&self.steps[..index]) + 1;
        let total = asked(&self.steps);
        let ask = |prompt: &'p str, options: Vec<String>| Ask {
            counter: format!("[{position}/{total}]"),
            prompt,
            options,
            can_go_back: index > 0,
            help: None,
        };
        let texts = |options: &[Choice]| options.iter().map(|o| one_line(&o.text)).collect();
        match step {
            Step::Profile => {
                let profiles = &self.pack.profiles;
                let texts = profiles
                    .iter()
                    .map(|p| format!("{} — {}", one_line(&p.title), one_line(&p.description)))
                    .collect();
                let prompt = "Which career stage do you want to measure yourself against?";
                pick_one(
                    prompter,
                    &ask(prompt, texts),
                    profiles.iter().map(|p| &p.id).collect(),
                    current,
                )
            }
            Step::Fact(f) => {
                let fact = &self.pack.facts[f];
                let ask = Ask {
                    help: fact.help.as_deref(),
                    ..ask(&fact.prompt, texts(&fact.options))
                };
                match fact.kind {
                    FactKind::YesNo => yes_no(prompter, &ask, current),
                    FactKind::Select => pick_one(
                        prompter,
                        &ask,
                        fact.options.iter().map(|o| &o.id).collect(),
                        current,
                    ),
                    FactKind::List => pick_many(prompter, &ask, &fact.options, current),
                    FactKind::Number => number(
                        prompter,
                        &ask,
                        (fact.min, fact.max),
                        fact.unit.as_deref(),
                        current,
                    ),
                }
            }
            Step::Question(c, q) => {
                let competency = &self.pack.competencies[c];
                let question = &competency.questions[q];
                match question.kind {
                    QuestionKind::Rating => {
                        // The competency's level statements, in the pack's level order.
                        let levels: Vec<_> = self
                            .pack
                            .levels
                            .iter()
                            .filter(|l| competency.levels.contains_key(&l.id))
                            .collect();
                        let texts = levels
                            .iter()
                            .map(|l| one_line(&competency.levels[&l.id]))
                            .collect();
                        pick_one(
                            prompter,
                            &ask(&question.prompt, texts),
                            levels.iter().map(|l| &l.id).collect(),
                            current,
                        )
                    }
                    QuestionKind::Choice => {
                        let ask = ask(&question.prompt, texts(&question.options));
                        pick_one(
                            prompter,
                            &ask,
                            question.options.iter().map(|o| &o.id).collect(),
                            current,
                        )
                    }
                    QuestionKind::Multi => pick_many(
                        prompter,
                        &ask(&question.prompt, texts(&question.options)),
                        &question.options,
                        current,
                    ),
                    QuestionKind::YesNo => {
                        yes_no(prompter, &ask(&question.prompt, vec![]), current)
                    }
                    QuestionKind::Number => number(
                        prompter,
                        &ask(&question.prompt, vec![]),
                        (question.min, question.max),
                        question.unit.as_deref(),
                        current,
                    ),
                }
            }
        }
    }

    /// A row of the review list: what was asked, recognisably, and the answer given. A
    /// question reads "HIPAA & regulation · self-rating · Advanced beginner": the competency's
    /// short title, the kind of question, its short label, then the answer. Rows are whole,
    /// never cut: the list wraps them.
    fn summary(&self, session: &Session, index: usize) -> String {
        let step = self.steps[index];
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
        match step {
            Step::Profile => format!(
                "Target career stage · {}",
                shown(&value, &|id| self
                    .pack
                    .profile(id)
                    .map(|p| one_line(&p.title)))
            ),
            Step::Fact(f) => {
                let fact = &self.pack.facts[f];
                let answer = shown(&value, &|id| {
                    fact.options
                        .iter()
                        .find(|o| o.id == id)
                        .map(|o| one_line(&o.text))
                });
                let unit = match (&value, &fact.unit) {
                    (Some(Value::Number(_)), Some(u)) => format!(" {u}"),
                    _ => String::new(),
                };
                format!("{} · {answer}{unit}", one_line(&fact.prompt))
            }
            Step::Question(c, q) => {
                let competency = &self.pack.competencies[c];
                let question = &competency.questions[q];
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
                    (Some(Value::Number(_)), Some(u)) => format!(" {u}"),
                    _ => String::new(),
                };
                let kind = match question.kind {
                    QuestionKind::Rating => "self-rating",
                    QuestionKind::Choice | QuestionKind::Multi => "scenario",
                    QuestionKind::YesNo | QuestionKind::Number => "experience",
                };
                let title = competency
                    .short_title
                    .as_deref()
                    .unwrap_or(&competency.title);
                let mut parts = vec![one_line(title), kind.to_string()];
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

    fn review(&self, prompter: &mut dyn Prompter, session: &Session) -> Prompted<ReviewChoice> {
        prompter.section(
            "Review your answers",
            None,
            self.steps.len(),
            self.steps.len(),
        );
        let mut options = vec!["Score my answers now".to_string()];
        options.extend((0..self.steps.len()).map(|i| self.summary(session, i)));
        let ask = Ask {
            counter: String::new(),
            prompt: "Pick an answer to change it, or score your answers.",
            options,
            can_go_back: true,
            help: None,
        };
        Ok(match prompter.select(&ask, Some(0))? {
            Nav::Answer(0) => Nav::Answer(ReviewChoice::Score),
            Nav::Answer(i) => Nav::Answer(ReviewChoice::Change(i - 1)),
            Nav::Back => Nav::Back,
        })
    }
}

/// "0 to 600 months": the range a number prompt accepts, as both prompters say it.
pub fn range_text(range: (f64, f64), unit: Option<&str>) -> String {
    let unit = unit.map(|u| format!(" {u}")).unwrap_or_default();
    format!(
        "{} to {}{unit}",
        format_number(range.0),
        format_number(range.1)
    )
}

/// One of `ids`, offering the current answer as the default.
fn pick_one(
    prompter: &mut dyn Prompter,
    ask: &Ask,
    ids: Vec<&String>,
    current: Option<Value>,
) -> Prompted<Value> {
    let default = current
        .as_ref()
        .and_then(Value::as_text)
        .and_then(|c| ids.iter().position(|id| *id == c));
    Ok(match prompter.select(ask, default)? {
        Nav::Answer(i) => Nav::Answer(Value::Text(ids[i].clone())),
        Nav::Back => Nav::Back,
    })
}

/// Yes or no, offering the current answer as the default.
fn yes_no(prompter: &mut dyn Prompter, ask: &Ask, current: Option<Value>) -> Prompted<Value> {
    let default = current.as_ref().and_then(Value::as_bool);
    Ok(match prompter.yes_no(ask, default)? {
        Nav::Answer(b) => Nav::Answer(Value::Bool(b)),
        Nav::Back => Nav::Back,
    })
}

/// Any of `options`, with the current picks ticked.
fn pick_many(
    prompter: &mut dyn Prompter,
    ask: &Ask,
    options: &[Choice],
    current: Option<Value>,
) -> Prompted<Value> {
    let picked: Vec<&str> = current.as_ref().map(Value::as_list).unwrap_or_default();
    let defaults: Vec<bool> = options
        .iter()
        .map(|o| picked.contains(&o.id.as_str()))
        .collect();
    Ok(match prompter.multi(ask, &defaults)? {
        Nav::Answer(chosen) => Nav::Answer(Value::List(
            chosen.into_iter().map(|i| options[i].id.clone()).collect(),
        )),
        Nav::Back => Nav::Back,
    })
}

/// A number within the range (open ends count from 0 and go to the largest float).
fn number(
    prompter: &mut dyn Prompter,
    ask: &Ask,
    (min, max): (Option<f64>, Option<f64>),
    unit: Option<&str>,
    current: Option<Value>,
) -> Prompted<Value> {
    let range = (min.unwrap_or(0.0), max.unwrap_or(f64::MAX));
    let default = current.as_ref().and_then(Value::as_number);
    Ok(match prompter.number(ask, range, unit, default)? {
        Nav::Answer(n) => Nav::Answer(Value::Number(n)),
        Nav::Back => Nav::Back,
    })
}

/// `text` cut to `room` characters with an ellipsis.
fn shorten(text: &str, room: usize) -> String {
    if text.chars().count() <= room {
        return text.to_string();
    }
    let mut out: String = text.chars().take(room.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests;
