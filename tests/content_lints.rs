//! Content lints for the built-in pack: what validation cannot judge alone, and the promises
//! the product makes about its facts (every one sourced and dated).

use std::collections::{HashMap, HashSet};

use skillgap::pack::{load_embedded, Pack, QuestionKind, RecommendationKind};

fn pack() -> Pack {
    load_embedded().expect("the built-in pack validates")
}

fn fail_if_any(problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_competency_describes_every_level() {
    let pack = pack();
    let mut problems = Vec::new();
    for c in &pack.competencies {
        for level in &pack.levels {
            match c.levels.get(&level.id) {
                Some(text) if text.trim().len() >= 40 => {}
                _ => problems.push(format!(
                    "{}: level {} needs a behavioural description",
                    c.id, level.id
                )),
            }
        }
    }
    fail_if_any(problems);
}

#[test]
fn every_competency_has_one_rating_four_scenarios_and_experience() {
    let pack = pack();
    let mut problems = Vec::new();
    for c in &pack.competencies {
        let count =
            |k: &dyn Fn(QuestionKind) -> bool| c.questions.iter().filter(|q| k(q.kind)).count();
        if count(&|k| k == QuestionKind::Rating) != 1 {
            problems.push(format!("{}: needs exactly one rating question", c.id));
        }
        if !(4..=8).contains(&count(&|k| k.is_knowledge())) {
            problems.push(format!("{}: needs four to eight scenario questions", c.id));
        }
        if count(&|k| matches!(k, QuestionKind::YesNo | QuestionKind::Number)) < 1 {
            problems.push(format!("{}: needs an experience question", c.id));
        }
    }
    fail_if_any(problems);
}

#[test]
fn every_scenario_has_one_right_answer_an_explanation_and_a_dated_https_source() {
    let pack = pack();
    let mut problems = Vec::new();
    for (c, q) in pack.questions() {
        if !q.kind.is_knowledge() {
            continue;
        }
        let right = q.options.iter().filter(|o| o.correct).count();
        if q.kind == QuestionKind::Choice && right != 1 {
            problems.push(format!("{}: {right} right answers", q.id));
        }
        if q.kind == QuestionKind::Multi && right < 2 {
            problems.push(format!(
                "{}: a multi question needs two or more right answers",
                q.id
            ));
        }
        if !(3..=5).contains(&q.options.len()) {
            problems.push(format!("{}: {} options; use 3 to 5", q.id, q.options.len()));
        }
        if q.explanation.as_deref().is_none_or(|e| e.trim().len() < 40) {
            problems.push(format!("{}: explanation missing or too thin", q.id));
        }
        match &q.source {
            Some(s) if s.url.starts_with("https://") && !s.title.trim().is_empty() => {}
            _ => problems.push(format!(
                "{} ({}): source needs a title and an https URL",
                q.id, c.id
            )),
        }
    }
    fail_if_any(problems);
}

#[test]
fn right_answers_are_not_all_in_the_same_place() {
    let pack = pack();
    let mut problems = Vec::new();
    for c in &pack.competencies {
        let positions: HashSet<usize> = c
            .questions
            .iter()
            .filter(|q| q.kind == QuestionKind::Choice)
            .filter_map(|q| q.options.iter().position(|o| o.correct))
            .collect();
        if positions.len() < 2 {
            problems.push(format!(
                "{}: every right answer is option {:?}",
                c.id, positions
            ));
        }
    }
    fail_if_any(problems);
}

#[test]
fn text_fits_a_terminal_and_carries_no_control_characters() {
    let pack = pack();
    let mut problems = Vec::new();
    let mut check = |what: String, text: &str, limit: usize| {
        if text.chars().count() > limit {
            problems.push(format!(
                "{what}: {} characters (limit {limit})",
                text.chars().count()
            ));
        }
        if text.chars().any(|c| c.is_control() && c != '\n') {
            problems.push(format!("{what}: contains a control character"));
        }
    };
    for c in &pack.competencies {
        for (level, text) in &c.levels {
            check(format!("{} level {level}", c.id), text, 240);
        }
        for q in &c.questions {
            check(format!("{} prompt", q.id), &q.prompt, 420);
            for o in &q.options {
                check(format!("{} option {}", q.id, o.id), &o.text, 170);
            }
        }
    }
    for r in &pack.recommendations {
        check(format!("{} title", r.id), &r.title, 72);
    }
    fail_if_any(problems);
}

#[test]
fn every_recommendation_has_a_url_and_a_recent_as_of_date() {
    let pack = pack();
    let today = jiff::Zoned::now().date();
    let mut problems = Vec::new();
    for r in &pack.recommendations {
        if !r.url.starts_with("https://") {
            problems.push(format!("{}: url must be https", r.id));
        }
        if r.as_of > today {
            problems.push(format!("{}: as_of {} is in the future", r.id, r.as_of));
        }
        // Advice older than three years is due for a re-check.
        if r.as_of < today.saturating_sub(jiff::Span::new().years(3)) {
            problems.push(format!(
                "{}: as_of {} is over three years old; re-check it",
                r.id, r.as_of
            ));
        }
    }
    fail_if_any(problems);
}

#[test]
fn the_plan_can_draw_on_every_kind_for_every_competency() {
    let pack = pack();
    let kinds: HashSet<RecommendationKind> = pack.recommendations.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds.len(),
        4,
        "education, certification, networking and experience all present"
    );
    let mut built: HashMap<&str, usize> = HashMap::new();
    for r in &pack.recommendations {
        for c in &r.builds {
            *built.entry(c.as_str()).or_default() += 1;
        }
    }
    let mut problems = Vec::new();
    for c in &pack.competencies {
        if built.get(c.id.as_str()).copied().unwrap_or(0) < 2 {
            problems.push(format!("{}: fewer than two recommendations build it", c.id));
        }
    }
    for cert in &pack.certifications {
        if !pack
            .recommendations
            .iter()
            .any(|r| r.certification.as_deref() == Some(&cert.id))
        {
            problems.push(format!("{}: no recommendation leads to it", cert.id));
        }
    }
    fail_if_any(problems);
}

#[test]
fn every_profile_targets_every_competency_with_a_rationale() {
    let pack = pack();
    let mut problems = Vec::new();
    for p in &pack.profiles {
        if p.rationale.trim().len() < 40 {
            problems.push(format!("{}: rationale missing or too thin", p.id));
        }
        for c in &pack.competencies {
            if !p.targets.contains_key(&c.id) {
                problems.push(format!("{}: no target for {}", p.id, c.id));
            }
        }
    }
    fail_if_any(problems);
}

#[test]
fn every_eligibility_rule_has_a_dated_source_and_a_note() {
    let pack = pack();
    let today = jiff::Zoned::now().date();
    let mut problems = Vec::new();
    for cert in &pack.certifications {
        if !cert.source.url.starts_with("https://") {
            problems.push(format!("{}: source url must be https", cert.id));
        }
        if cert.source.as_of > today {
            problems.push(format!("{}: as_of in the future", cert.id));
        }
        if cert.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
            problems.push(format!(
                "{}: say in a note what the rule simplifies or leaves unconfirmed",
                cert.id
            ));
        }
    }
    fail_if_any(problems);
}

// ------------------------------------------------------------------ item-writing standards
//
// Haladyna, Downing & Rodriguez (2002), as summarised in the design notes: options alike in
// length, so that the longest option is not a tell; keys spread over the positions; no "all
// of the above". A test-wise person who always picks the longest option should earn about
// chance on a sound bank.

/// Length of an option as a reader sees it: characters after folding white space.
fn option_length(text: &str) -> usize {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .count()
}

/// (question id, key length, lengths of the distractors) for every single-answer item.
fn single_answer_items(pack: &Pack) -> Vec<(String, usize, Vec<usize>)> {
    pack.questions()
        .filter(|(_, q)| q.kind == QuestionKind::Choice)
        .map(|(_, q)| {
            let key = q.options.iter().find(|o| o.correct).expect("a key");
            let distractors = q
                .options
                .iter()
                .filter(|o| !o.correct)
                .map(|o| option_length(&o.text))
                .collect();
            (q.id.to_string(), option_length(&key.text), distractors)
        })
        .collect()
}

#[test]
fn the_key_is_the_longest_option_in_at_most_thirty_percent_of_single_answer_items() {
    let items = single_answer_items(&pack());
    let longest: Vec<&str> = items
        .iter()
        .filter(|(_, key, distractors)| distractors.iter().all(|d| key > d))
        .map(|(id, _, _)| id.as_str())
        .collect();
    let share = longest.len() as f64 / items.len() as f64;
    assert!(
        share <= 0.30,
        "the key is the longest option in {} of {} items ({:.0}%): {}",
        longest.len(),
        items.len(),
        share * 100.0,
        longest.join(", ")
    );
}

#[test]
fn keys_are_as_long_as_distractors_on_median() {
    let items = single_answer_items(&pack());
    let mut ratios: Vec<f64> = items
        .iter()
        .map(|(_, key, d)| *key as f64 / (d.iter().sum::<usize>() as f64 / d.len() as f64))
        .collect();
    ratios.sort_by(f64::total_cmp);
    let median = ratios[ratios.len() / 2];
    assert!(
        (0.85..=1.15).contains(&median),
        "median key length / mean distractor length is {median:.2}; keep it within 0.85–1.15"
    );
}

#[test]
fn no_option_is_more_than_twice_as_long_as_its_shortest_sibling() {
    let pack = pack();
    let mut problems = Vec::new();
    for (_, q) in pack.questions().filter(|(_, q)| q.kind.is_knowledge()) {
        let lengths: Vec<usize> = q.options.iter().map(|o| option_length(&o.text)).collect();
        let (min, max) = (
            *lengths.iter().min().unwrap(),
            *lengths.iter().max().unwrap(),
        );
        if max > 2 * min {
            problems.push(format!(
                "{}: options run from {min} to {max} characters",
                q.id
            ));
        }
    }
    fail_if_any(problems);
}

#[test]
fn keys_are_spread_over_the_positions_and_no_option_is_all_or_none_of_the_above() {
    let pack = pack();
    let mut problems = Vec::new();
    let mut positions: HashMap<usize, usize> = HashMap::new();
    let mut items = 0;
    for (_, q) in pack.questions().filter(|(_, q)| q.kind.is_knowledge()) {
        for o in &q.options {
            let lower = o.text.to_lowercase();
            if lower.contains("all of the above") || lower.contains("none of the above") {
                problems.push(format!("{} option {}: {}", q.id, o.id, o.text));
            }
        }
        if q.kind == QuestionKind::Choice && q.options.len() == 4 {
            items += 1;
            *positions
                .entry(q.options.iter().position(|o| o.correct).unwrap())
                .or_default() += 1;
        }
    }
    for position in 0..4 {
        let share = positions.get(&position).copied().unwrap_or(0) as f64 / items as f64;
        if !(0.15..=0.35).contains(&share) {
            problems.push(format!(
                "the key is option {} in {:.0}% of four-option items; spread keys evenly",
                position + 1,
                share * 100.0
            ));
        }
    }
    fail_if_any(problems);
}

/// Runs of five words, lower-cased, for spotting an item answered by other text.
fn five_grams(text: &str) -> HashSet<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.windows(5).map(|w| w.join(" ")).collect()
}

#[test]
fn no_key_is_given_away_by_a_rating_statement_or_another_stem() {
    let pack = pack();
    let mut problems = Vec::new();
    for c in &pack.competencies {
        for q in c.questions.iter().filter(|q| q.kind.is_knowledge()) {
            for key in q.options.iter().filter(|o| o.correct) {
                let key_grams = five_grams(&key.text);
                for (level, statement) in &c.levels {
                    if let Some(shared) = key_grams.intersection(&five_grams(statement)).next() {
                        problems.push(format!(
                            "{} key {} shares \"{shared}\" with the {level} rating statement",
                            q.id, key.id
                        ));
                    }
                }
                for (_, other) in pack.questions().filter(|(_, o)| o.id != q.id) {
                    if let Some(shared) = key_grams.intersection(&five_grams(&other.prompt)).next()
                    {
                        problems.push(format!(
                            "{} key {} shares \"{shared}\" with the stem of {}",
                            q.id, key.id, other.id
                        ));
                    }
                }
            }
        }
    }
    fail_if_any(problems);
}

#[test]
fn every_question_has_a_short_label_unique_in_its_competency() {
    let pack = pack();
    let mut problems = Vec::new();
    for c in &pack.competencies {
        let mut seen = HashSet::new();
        for q in &c.questions {
            match q.label.as_deref().map(str::trim) {
                Some(label) if !label.is_empty() && label.chars().count() <= 40 => {
                    if !seen.insert(label.to_lowercase()) {
                        problems.push(format!("{}: label \"{label}\" is used twice", q.id));
                    }
                }
                Some(label) => problems.push(format!(
                    "{}: label \"{label}\" must be 1–40 characters",
                    q.id
                )),
                None => problems.push(format!("{}: needs a `label`", q.id)),
            }
        }
    }
    fail_if_any(problems);
}

#[test]
fn experience_is_three_first_person_statements_showing_the_levels_of_doing() {
    let pack = pack();
    let doing: Vec<&str> = pack
        .levels
        .iter()
        .skip(
            pack.level_index(pack.scoring.doing_from.as_deref().unwrap())
                .unwrap(),
        )
        .map(|l| l.id.as_str())
        .collect();
    let mut problems = Vec::new();
    for c in &pack.competencies {
        let experience: Vec<_> = c
            .questions
            .iter()
            .filter(|q| q.kind.is_experience())
            .collect();
        let mut shows: Vec<&str> = experience
            .iter()
            .filter_map(|q| q.shows.as_deref())
            .collect();
        shows.sort_by_key(|l| pack.level_index(l));
        if experience.iter().any(|q| q.kind != QuestionKind::YesNo) || shows != doing {
            problems.push(format!(
                "{}: needs one yes/no statement showing each of {doing:?}, found {shows:?}",
                c.id
            ));
        }
        for q in experience {
            // Shown as a checklist ("tick what is true of you"), so each reads as a statement.
            if !q.prompt.trim_start().starts_with("I have") || q.prompt.trim_end().ends_with('?') {
                problems.push(format!(
                    "{}: write experience as a first-person statement (\"I have …\")",
                    q.id
                ));
            }
        }
    }
    fail_if_any(problems);
}

// ------------------------------------------------------------------ items that need the field
//
// An item a sensible person from any office job answers by "consult people, document it, check
// before acting" measures judgement, not the role. Every scenario names the field knowledge it
// needs; judgement alone is the construct only in communication, leadership and ethics.

/// Competencies where judgement is what is measured.
const JUDGEMENT: [&str; 3] = ["communication", "leadership", "ethics"];

#[test]
fn every_scenario_names_the_field_knowledge_it_needs() {
    let pack = pack();
    let mut problems = Vec::new();
    for (c, q) in pack.questions().filter(|(_, q)| q.kind.is_knowledge()) {
        match &q.field {
            None => problems.push(format!("{}: say what field knowledge it needs", q.id)),
            Some(f) => {
                if !f.kind.needs_the_field() && !JUDGEMENT.contains(&c.id.as_str()) {
                    problems.push(format!(
                        "{}: judgement items belong to {JUDGEMENT:?}; name the rule, standard, \
                         method or figure it needs",
                        q.id
                    ));
                }
                if f.knowledge.trim().len() < 20 || f.knowledge.chars().count() > 160 {
                    problems.push(format!("{}: field.knowledge should be one line", q.id));
                }
            }
        }
    }
    fail_if_any(problems);
}

#[test]
fn every_competency_opens_with_field_items_and_most_of_the_bank_needs_the_field() {
    let pack = pack();
    let mut problems = Vec::new();
    let (mut field, mut all) = (0, 0);
    for c in &pack.competencies {
        // The default run opens every competency with one of these, rotating on retakes.
        let openers = skillgap::selection::opener_pool(c);
        let field_openers = openers
            .iter()
            .filter(|q| q.field.as_ref().is_some_and(|f| f.kind.needs_the_field()))
            .count();
        if field_openers < 3 || field_openers != openers.len() {
            problems.push(format!(
                "{}: {field_openers} ungated items that need the field; the run opens with them, \
                 so keep at least three",
                c.id
            ));
        }
        for q in c.questions.iter().filter(|q| q.kind.is_knowledge()) {
            all += 1;
            if q.field.as_ref().is_some_and(|f| f.kind.needs_the_field()) {
                field += 1;
            }
        }
    }
    if field * 4 < all * 3 {
        problems.push(format!(
            "only {field} of {all} scenarios need the field; keep at least three in four"
        ));
    }
    fail_if_any(problems);
}

#[test]
fn renewal_rules_go_only_to_holders_and_gated_items_read_a_credential() {
    let pack = pack();
    let mut problems = Vec::new();
    for (_, q) in pack.questions() {
        for condition in &q.ask_if {
            if condition.fact != "certifications_held" || condition.has.is_none() {
                problems.push(format!(
                    "{}: a scenario is gated only on a credential held",
                    q.id
                ));
            }
        }
        let text = format!("{} {}", q.label.as_deref().unwrap_or(""), q.prompt).to_lowercase();
        if q.kind.is_knowledge()
            && (text.contains("renew") || text.contains("recertif"))
            && q.ask_if.is_empty()
        {
            problems.push(format!(
                "{}: a credential's renewal rules go only to its holders (`ask_if`)",
                q.id
            ));
        }
    }
    fail_if_any(problems);
}

#[test]
fn multi_answer_keys_are_spread_over_the_positions() {
    let pack = pack();
    let items: Vec<_> = pack
        .questions()
        .filter(|(_, q)| q.kind == QuestionKind::Multi)
        .map(|(_, q)| q)
        .collect();
    let mut problems = Vec::new();
    let positions = items.iter().map(|q| q.options.len()).max().unwrap_or(0);
    for position in 0..positions {
        let keyed = items
            .iter()
            .filter(|q| q.options.get(position).is_some_and(|o| o.correct))
            .count();
        if keyed * 2 > items.len() {
            problems.push(format!(
                "option {} is a key in {keyed} of {} multi-answer items; no position may be \
                 a key in more than half",
                position + 1,
                items.len()
            ));
        }
    }
    fail_if_any(problems);
}

#[test]
fn a_default_run_fits_twenty_five_minutes_as_a_person_reads_and_answers() {
    // Reading at 200 words a minute, 20 s to decide a scenario, 10 s a self-rating, 3 s a
    // checklist row, 5 s a fact, and the review: the openers alone leave room for follow-ups
    // (counting every fact, including those asked only of some people).
    let pack = pack();
    for draw in 0..6 {
        let asked = skillgap::selection::questions(
            &pack,
            &skillgap::selection::Scope::Default { draw },
            &[],
        );
        let minutes = skillgap::selection::minutes(&pack, &asked, true);
        assert!(
            minutes <= pack.default_run.max_minutes.saturating_sub(1),
            "draw {draw}: the run before follow-ups takes {minutes} minutes"
        );
    }
}
