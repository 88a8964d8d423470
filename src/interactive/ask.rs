//! Asking one step: the prompt each kind of step shows, and the answer it stores.

use super::flow::Step;
use super::*;

impl<'p> Flow<'p> {
    pub(super) fn ask(
        &self,
        prompter: &mut dyn Prompter,
        session: &Session,
        index: usize,
    ) -> Prompted<Value> {
        let step = &self.steps[index];
        let current = self.current(session, step);
        // Every step keeps its number (see `Flow::progress`): the total never shifts.
        let position = index + 1;
        let total = self.steps.len();
        let progress = self.progress(session);
        let ask = |prompt: &'p str, options: Vec<String>| Ask {
            counter: format!("[{position}/{total}]"),
            prompt,
            options,
            can_go_back: index > 0,
            help: None,
            progress: Some(progress),
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
                            Nav::Answer(Value::List(vec![question.id.to_string()]))
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
                        format!(
                            "{}: {}",
                            self.short_title(c),
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
}

/// One of `ids`, offering the current answer as the default.
pub(super) fn pick_one(
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
        Nav::Answer(i) => Nav::Answer(Value::Text(ids[i].to_string())),
        Nav::Back => Nav::Back,
    })
}

/// Yes or no, offering the current answer as the default.
pub(super) fn yes_no(
    prompter: &mut dyn Prompter,
    ask: &Ask,
    current: Option<Value>,
) -> Prompted<Value> {
    let default = current.as_ref().and_then(Value::as_bool);
    Ok(match prompter.yes_no(ask, default)? {
        Nav::Answer(b) => Nav::Answer(Value::Bool(b)),
        Nav::Back => Nav::Back,
    })
}

/// Any of `ids` ticked (a checklist of yes/no items), with the current ticks offered.
pub(super) fn tick_some(
    prompter: &mut dyn Prompter,
    ask: &Ask,
    ids: &[&String],
    current: Option<Value>,
) -> Prompted<Value> {
    let picked: Vec<&str> = current.as_ref().map(Value::as_list).unwrap_or_default();
    let defaults: Vec<bool> = ids.iter().map(|id| picked.contains(&id.as_str())).collect();
    Ok(match prompter.multi(ask, &defaults)? {
        Nav::Answer(chosen) => Nav::Answer(Value::List(
            chosen.into_iter().map(|i| ids[i].to_string()).collect(),
        )),
        Nav::Back => Nav::Back,
    })
}

/// Any of `options`, with the current picks ticked.
pub(super) fn pick_many(
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
            chosen
                .into_iter()
                .map(|i| options[i].id.to_string())
                .collect(),
        )),
        Nav::Back => Nav::Back,
    })
}

/// A number within the range (open ends count from 0 and go to the largest float).
pub(super) fn number(
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
