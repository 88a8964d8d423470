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
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
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
enum ReviewChoice {
    Score,
    Change(usize),
}

/// The assessment flow over a pack: the questions a run asks (see [`crate::selection`]).
pub struct Flow<'p> {
    pack: &'p Pack,
    steps: Vec<Step>,
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

    fn question(&self, c: usize, q: usize) -> &'p crate::pack::Question {
        &self.pack.competencies[c].questions[q]
    }

    /// The yes/no facts of a group that this person is asked.
    fn facts_asked(&self, session: &Session, group: &[usize]) -> Vec<usize> {
        group
            .iter()
            .copied()
            .filter(|&f| self.pack.fact_applies(&self.pack.facts[f], &session.facts))
            .collect()
    }

    /// The answer stored for a step; a checklist has one when every item has one, as the
    /// list of items that hold.
    fn current(&self, session: &Session, step: &Step) -> Option<Value> {
        let ticked = |ids: Vec<&String>, map: &std::collections::BTreeMap<String, Value>| {
            let mut out = Vec::new();
            for id in ids {
                if map.get(id)?.as_bool()? {
                    out.push(id.clone());
                }
            }
            Some(Value::List(out))
        };
        match step {
            Step::Profile => session.profile.clone().map(Value::Text),
            Step::Fact(f) => session.facts.get(&self.pack.facts[*f].id).cloned(),
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
            Step::Question(c, q) => session.answers.get(&self.question(*c, *q).id).cloned(),
        }
    }

    fn store(&self, session: &mut Session, step: &Step, value: Value) {
        match step {
            Step::Profile => session.profile = value.as_text().map(String::from),
            Step::Fact(f) => {
                session.facts.insert(self.pack.facts[*f].id.clone(), value);
                self.drop_unasked_facts(session);
            }
            Step::Facts(group) => {
                let ticked = value.as_list();
                for f in self.facts_asked(session, group) {
                    let id = &self.pack.facts[f].id;
                    session
                        .facts
                        .insert(id.clone(), Value::Bool(ticked.contains(&id.as_str())));
                }
                self.drop_unasked_facts(session);
            }
            Step::Checklist(items) => {
                let ticked = value.as_list();
                for &(c, q) in items {
                    let id = &self.question(c, q).id;
                    session
                        .answers
                        .insert(id.clone(), Value::Bool(ticked.contains(&id.as_str())));
                }
            }
            Step::Question(c, q) => {
                session
                    .answers
                    .insert(self.question(*c, *q).id.clone(), value);
            }
        }
    }

    /// A fact an earlier answer no longer calls for is not kept: it was never asked.
    fn drop_unasked_facts(&self, session: &mut Session) {
        for fact in &self.pack.facts {
            if !self.pack.fact_applies(fact, &session.facts) {
                session.facts.remove(&fact.id);
            }
        }
    }

    /// Whether a step is asked, given the answers so far (a fact's `ask_if`).
    fn applies(&self, session: &Session, step: &Step) -> bool {
        match step {
            Step::Fact(f) => self.pack.fact_applies(&self.pack.facts[*f], &session.facts),
            Step::Facts(group) => !self.facts_asked(session, group).is_empty(),
            _ => true,
        }
    }

    /// Whether a step counts toward the total shown: a fact skipped by `ask_if` is no
    /// prompt once the answers it depends on are in (until then it may still be asked).
    fn counts(&self, session: &Session, step: &Step) -> bool {
        let undecided = |f: &usize| {
            self.pack.facts[*f]
                .ask_if
                .iter()
                .any(|c| !session.facts.contains_key(&c.fact))
        };
        match step {
            Step::Fact(f) => undecided(f) || self.applies(session, step),
            Step::Facts(group) => group.iter().any(undecided) || self.applies(session, step),
            _ => true,
        }
    }

    /// The first step without an answer, or `len()` when all are answered.
    pub fn first_unanswered(&self, session: &Session) -> usize {
        self.steps
            .iter()
            .position(|s| self.applies(session, s) && self.current(session, s).is_none())
            .unwrap_or(self.steps.len())
    }

    /// The nearest step from `index` (moving forward or back) that is asked.
    fn asked_from(&self, session: &Session, mut index: usize, forward: bool) -> usize {
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

    fn next_asked(&self, session: &Session, index: usize) -> usize {
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
        let mut looked_closer = false;
        loop {
            if index >= self.steps.len() && !looked_closer {
                looked_closer = true;
                let added = self.look_closer(session);
                if added > 0 {
                    save(session)?;
                    prompter.say(&format!(
                        "{} more {}: where your self-rating and your answers so far point to \
                         different levels, two answers are too few to tell which is right.",
                        added,
                        if added == 1 { "scenario" } else { "scenarios" }
                    ));
                    index = self.steps.len() - added;
                    continue;
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

    /// Adds scenarios where the self-rating and the answers disagree, within the prompts the
    /// pack's `max_prompts` leaves (see [`crate::selection::extra_scenarios`]); returns how
    /// many. They join the session's questions, so a resumed run asks them too.
    fn look_closer(&mut self, session: &mut Session) -> usize {
        let asked = self
            .steps
            .iter()
            .filter(|s| self.applies(session, s))
            .count();
        let spare = self.pack.default_run.max_prompts.saturating_sub(asked);
        let extra = crate::selection::extra_scenarios(
            self.pack,
            &session.answers,
            &session.questions,
            spare,
        );
        for id in &extra {
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
                session.questions.push(id.clone());
            }
        }
        extra.len()
    }

    /// Section of a step: 0 for the opening (profile and facts), 1 for the experience
    /// checklists, 2 + competency index after.
    fn section_of(&self, index: usize) -> usize {
        match self.steps[index] {
            Step::Profile | Step::Fact(_) | Step::Facts(_) => 0,
            Step::Checklist(_) => 1,
            Step::Question(c, _) => c + 2,
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
            .filter(|s| self.applies(session, s) && self.current(session, s).is_some())
            .count();
        let total = self
            .steps
            .iter()
            .filter(|s| self.counts(session, s))
            .count();
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

    fn ask(&self, prompter: &mut dyn Prompter, session: &Session, index: usize) -> Prompted<Value> {
        let step = &self.steps[index];
        let current = self.current(session, step);
        // Count only what is asked of this person.
        let asked = |steps: &[Step]| steps.iter().filter(|s| self.counts(session, s)).count();
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
                let fact = &self.pack.facts[*f];
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
            Step::Facts(group) => {
                let facts: Vec<&crate::pack::Fact> = self
                    .facts_asked(session, group)
                    .into_iter()
                    .map(|f| &self.pack.facts[f])
                    .collect();
                let options = facts
                    .iter()
                    .map(|f| match &f.help {
                        // "I work in a healthcare organisation now — a hospital, clinic, …"
                        Some(help) => {
                            let help = one_line(help);
                            // Lower-case the first word unless it is an acronym ("PMI").
                            let first_word = help.split_whitespace().next().unwrap_or("");
                            let acronym =
                                first_word.chars().filter(|c| c.is_uppercase()).count() > 1;
                            let help = if acronym {
                                help
                            } else {
                                let mut chars = help.chars();
                                chars
                                    .next()
                                    .map(|c| c.to_lowercase().chain(chars).collect())
                                    .unwrap_or_default()
                            };
                            format!("{} — {help}", one_line(&f.prompt))
                        }
                        None => one_line(&f.prompt),
                    })
                    .collect();
                let ask = Ask {
                    help: Some("Enter with none ticked means none of these is true."),
                    ..ask("Tick each that is true for you now.", options)
                };
                let ids: Vec<&String> = facts.iter().map(|f| &f.id).collect();
                tick_some(prompter, &ask, &ids, current)
            }
            // A competency with a single statement: a plain yes or no.
            Step::Checklist(items) if items.len() == 1 => {
                let (c, q) = items[0];
                let question = self.question(c, q);
                let current = current.map(|v| Value::Bool(!v.as_list().is_empty()));
                Ok(
                    match yes_no(prompter, &ask(&question.prompt, vec![]), current)? {
                        Nav::Answer(Value::Bool(true)) => {
                            Nav::Answer(Value::List(vec![question.id.clone()]))
                        }
                        Nav::Answer(_) => Nav::Answer(Value::List(vec![])),
                        Nav::Back => Nav::Back,
                    },
                )
            }
            Step::Checklist(items) => {
                let options = items
                    .iter()
                    .map(|&(c, q)| {
                        let competency = &self.pack.competencies[c];
                        let title = competency
                            .short_title
                            .as_deref()
                            .unwrap_or(&competency.title);
                        format!(
                            "{}: {}",
                            one_line(title),
                            one_line(&self.question(c, q).prompt)
                        )
                    })
                    .collect();
                let ask = Ask {
                    help: Some(
                        "Only what you have done yourself, at work or as a volunteer. \
                         Enter with none ticked means none.",
                    ),
                    ..ask(
                        "Tick each statement that is true of your work so far.",
                        options,
                    )
                };
                let ids: Vec<&String> = items
                    .iter()
                    .map(|&(c, q)| &self.question(c, q).id)
                    .collect();
                tick_some(prompter, &ask, &ids, current)
            }
            Step::Question(c, q) => {
                let competency = &self.pack.competencies[*c];
                let question = &competency.questions[*q];
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
        let short_title = |c: usize| {
            let competency = &self.pack.competencies[c];
            one_line(
                competency
                    .short_title
                    .as_deref()
                    .unwrap_or(&competency.title),
            )
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
                let fact = &self.pack.facts[*f];
                let answer = shown(&value, &|id| {
                    fact.options
                        .iter()
                        .find(|o| o.id == id)
                        .map(|o| one_line(&o.text))
                });
                let unit = match (&value, &fact.unit) {
                    (Some(Value::Number(_)), Some(u)) => format!(" {}", one_line(u)),
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
                        .map(|q| one_line(q.label.as_deref().unwrap_or(&q.prompt)))
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
                    (Some(Value::Number(_)), Some(u)) => format!(" {}", one_line(u)),
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

    fn review(&self, prompter: &mut dyn Prompter, session: &Session) -> Prompted<ReviewChoice> {
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
        };
        Ok(match prompter.select(&ask, Some(0))? {
            Nav::Answer(0) => Nav::Answer(ReviewChoice::Score),
            Nav::Answer(i) => Nav::Answer(ReviewChoice::Change(asked[i - 1])),
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

/// Any of `ids` ticked (a checklist of yes/no items), with the current ticks offered.
fn tick_some(
    prompter: &mut dyn Prompter,
    ask: &Ask,
    ids: &[&String],
    current: Option<Value>,
) -> Prompted<Value> {
    let picked: Vec<&str> = current.as_ref().map(Value::as_list).unwrap_or_default();
    let defaults: Vec<bool> = ids.iter().map(|id| picked.contains(&id.as_str())).collect();
    Ok(match prompter.multi(ask, &defaults)? {
        Nav::Answer(chosen) => Nav::Answer(Value::List(
            chosen.into_iter().map(|i| ids[i].clone()).collect(),
        )),
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
