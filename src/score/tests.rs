use super::*;
use crate::answers::Answers;
use crate::pack::sample;

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

/// One person's answers on competency `c` of a sample pack with `bank` scenarios: a rating,
/// which of the three statements (competent, proficient, expert) are true, and how many of
/// the first `answered` scenarios are right (the first `right` of them).
struct Person<'a> {
    rating: Option<&'a str>,
    did: [bool; 3],
    answered: usize,
    right: usize,
}

fn answers_of(pack: &Pack, p: &Person) -> Answers {
    let c = &pack.competencies[0];
    let mut answers = BTreeMap::new();
    if let Some(r) = p.rating {
        answers.insert(format!("{}_rating", c.id), text(r));
    }
    for (suffix, did) in ["did", "led", "set"].iter().zip(p.did) {
        answers.insert(format!("{}_{suffix}", c.id), Value::Bool(did));
    }
    for (i, q) in c
        .questions
        .iter()
        .filter(|q| q.kind.is_knowledge())
        .enumerate()
    {
        if i >= p.answered {
            break;
        }
        let right = i < p.right;
        let value = match q.kind {
            QuestionKind::Choice => text(if right { "b" } else { "a" }),
            _ => Value::List(if right {
                vec!["a".into(), "b".into()]
            } else {
                vec!["c".into()]
            }),
        };
        answers.insert(q.id.to_string(), value);
    }
    Answers {
        answers,
        ..Answers::default()
    }
}

fn scored(p: Person) -> CompetencyScore {
    let pack = sample::pack(&["c"], 7);
    score(&pack, &pack.profiles[0], &answers_of(&pack, &p)).competencies[0].clone()
}

const NONE: [bool; 3] = [false, false, false];
const DID: [bool; 3] = [true, false, false];
const ALL: [bool; 3] = [true, true, true];

#[test]
fn fractions_follow_the_documented_rules() {
    let pack = sample::pack(&["c"], 7);
    let q = |id: &str| pack.question(id).unwrap().1.clone();
    assert_eq!(fraction(&pack, &q("c_rating"), &text("novice")), 0.0);
    assert_eq!(fraction(&pack, &q("c_rating"), &text("competent")), 0.5);
    assert_eq!(fraction(&pack, &q("c_s0"), &text("b")), 1.0);
    assert_eq!(fraction(&pack, &q("c_s0"), &text("a")), 0.0);
    let list = |ids: &[&str]| Value::List(ids.iter().map(|s| s.to_string()).collect());
    assert_eq!(fraction(&pack, &q("c_s6"), &list(&["a", "b"])), 1.0);
    assert_eq!(fraction(&pack, &q("c_s6"), &list(&["a"])), 0.5);
    assert_eq!(fraction(&pack, &q("c_s6"), &list(&["a", "c"])), 0.0);
    assert_eq!(
        fraction(&pack, &q("c_s6"), &list(&["c"])),
        0.0,
        "never below zero"
    );
    assert_eq!(fraction(&pack, &q("c_did"), &Value::Bool(true)), 1.0);
    assert_eq!(fraction(&pack, &q("c_did"), &text("no")), 0.0);
}

#[test]
fn experience_caps_and_floors_the_level() {
    let pack = sample::pack(&["c"], 7);
    let exp = |asked, shows| Experience {
        asked,
        share: None,
        shows,
    };
    assert_eq!(
        bounds(&pack, &exp(true, None)),
        (0, 1),
        "no statement true: up to AB"
    );
    assert_eq!(bounds(&pack, &exp(true, Some(2))), (1, 2));
    assert_eq!(bounds(&pack, &exp(true, Some(3))), (2, 3));
    assert_eq!(bounds(&pack, &exp(true, Some(4))), (3, 4));
    assert_eq!(
        bounds(&pack, &exp(false, None)),
        (0, 4),
        "no experience asked: open"
    );
}

#[test]
fn the_rating_places_the_score_at_a_midpoint_within_what_experience_allows() {
    let c = scored(Person {
        rating: Some("competent"),
        did: DID,
        answered: 0,
        right: 0,
    });
    assert_eq!((c.score, c.level, c.placed), (50.0, 2, 2));
    assert_eq!((c.capped_at, c.lifted_to), (None, None));
    // Rated expert with only the competent statement: held at competent.
    let c = scored(Person {
        rating: Some("expert"),
        did: DID,
        answered: 0,
        right: 0,
    });
    assert_eq!((c.score, c.level, c.capped_at), (50.0, 2, Some(2)));
    // Rated novice having set the organisation's standard: lifted to proficient.
    let c = scored(Person {
        rating: Some("novice"),
        did: ALL,
        answered: 0,
        right: 0,
    });
    assert_eq!((c.score, c.level, c.lifted_to), (70.0, 3, Some(3)));
}

#[test]
fn no_statement_true_never_reaches_a_level_that_describes_doing() {
    // Knows every answer of the whole bank, rated expert, has done none of it.
    let c = scored(Person {
        rating: Some("expert"),
        did: NONE,
        answered: 7,
        right: 7,
    });
    assert_eq!(c.level, 1, "advanced beginner at most");
    assert!(c.score < 40.0, "{}", c.score);
    assert_eq!(c.capped_at, Some(1));
    assert_eq!(c.band.1, 39.0, "the band stops at the cap too");
}

#[test]
fn one_or_two_answers_move_a_score_a_few_points_and_never_a_level() {
    for rating in [
        "novice",
        "advanced_beginner",
        "competent",
        "proficient",
        "expert",
    ] {
        for answered in 1..=2 {
            for right in 0..=answered {
                let c = scored(Person {
                    rating: Some(rating),
                    did: ALL,
                    answered,
                    right,
                });
                // With every statement true the floor is proficient: rated lower is lifted.
                assert_eq!(
                    c.level, c.placed,
                    "{rating} {right}/{answered}: {}",
                    c.score
                );
                assert!(
                    (c.score - level_midpoint(&sample::pack(&["c"], 7), c.placed)).abs() < 10.0
                );
            }
        }
    }
}

#[test]
fn answers_at_the_expected_share_leave_the_score_where_it_was_placed() {
    // Competent expects 0.6 right; a multi half right on top of… simpler: 3 of 5 is 0.6.
    let c = scored(Person {
        rating: Some("competent"),
        did: DID,
        answered: 5,
        right: 3,
    });
    assert_eq!(c.score, 50.0);
    assert_eq!(c.knowledge.as_ref().unwrap().share, 60.0);
}

#[test]
fn many_answers_can_question_a_level_by_one_step() {
    // Rated expert with every statement true, every one of seven scenarios wrong:
    // 90 − 0.5 × 7/15 × 100 × 0.9 = 69.
    let c = scored(Person {
        rating: Some("expert"),
        did: ALL,
        answered: 7,
        right: 0,
    });
    assert_eq!(c.score, 69.0);
    assert_eq!(c.level, 3);
    assert_eq!(c.calibration, Some(Direction::Over));
}

#[test]
fn a_seasoned_expert_is_an_expert_without_a_calibration_note() {
    let c = scored(Person {
        rating: Some("expert"),
        did: ALL,
        answered: 7,
        right: 7,
    });
    assert_eq!(c.level, 4);
    assert_eq!(c.calibration, None);
    assert_eq!(c.could_be, None);
}

#[test]
fn the_band_joins_the_self_report_and_the_scenarios_sampling_error() {
    // No scenarios: the self-report's five points alone.
    let c = scored(Person {
        rating: Some("competent"),
        did: DID,
        answered: 0,
        right: 0,
    });
    assert_eq!((c.sem, c.band), (5.0, (45.0, 55.0)));
    assert_eq!(c.could_be, None);
    // Rated expert, both of two answers wrong: 90 − 0.1 × 100 × 0.9 = 81; the band reaches
    // below 80, so the level could be proficient.
    let c = scored(Person {
        rating: Some("expert"),
        did: ALL,
        answered: 2,
        right: 0,
    });
    assert_eq!(c.score, 81.0);
    assert_eq!(c.level, 4);
    // Laplace: p = 1/4; 0.1 × 100 × √(3/16 / 2) = 3.06; √(5² + 3.06²) = 5.9.
    assert_eq!(c.sem, 5.9);
    assert_eq!(c.could_be, Some(3));
}

#[test]
fn calibration_needs_clear_evidence_two_levels_away() {
    let c = |rating, answered, right| {
        scored(Person {
            rating: Some(rating),
            did: ALL,
            answered,
            right,
        })
        .calibration
    };
    assert_eq!(c("expert", 1, 0), None, "one answer is too few");
    assert_eq!(c("expert", 2, 0), Some(Direction::Over), "odds 49");
    assert_eq!(c("competent", 2, 0), None, "odds about 3, under 4");
    assert_eq!(c("novice", 3, 3), Some(Direction::Under));
    assert_eq!(c("proficient", 3, 2), None);
}

#[test]
fn answers_pull_away_toward_the_neighbour_they_fit_better() {
    let pack = sample::pack(&["c"], 7);
    // Placed competent (0.6 expected): a wrong answer fits advanced beginner better.
    assert!(pull_away(&pack, 2, &[(0.0, 1.0)]) > 0.0);
    // Placed expert: a wrong answer pulls harder than at competent.
    assert!(pull_away(&pack, 4, &[(0.0, 1.0)]) > pull_away(&pack, 2, &[(0.0, 1.0)]));
    // At the ends nothing lies beyond.
    assert_eq!(pull_away(&pack, 4, &[(1.0, 1.0)]), 0.0);
    assert_eq!(pull_away(&pack, 0, &[(0.0, 1.0)]), 0.0);
    assert_eq!(pull_away(&pack, 2, &[]), 0.0);
}

#[test]
fn without_a_rating_the_answers_place_the_level_within_the_bounds() {
    let c = scored(Person {
        rating: None,
        did: DID,
        answered: 4,
        right: 4,
    });
    assert_eq!(c.placed, 2, "the answers fit expert; the cap is competent");
    assert_eq!(c.level, 2);
    assert!(c.sem < 5.0, "no self-report error without a self-rating");
    // The evidence-only score of a rated person is the same calculation.
    let rated = scored(Person {
        rating: Some("novice"),
        did: DID,
        answered: 4,
        right: 4,
    });
    assert_eq!(rated.evidence, (c.score, c.level));
}

#[test]
fn a_stage_requirement_unmet_by_the_facts_is_named() {
    let mut pack = sample::pack(&["c"], 7);
    pack.profiles[0].requires = Some(crate::pack::StageRequirement {
        any_of: vec![crate::pack::FactCondition {
            fact: "certifications_held".into(),
            at_least: None,
            min: None,
            below: None,
            is: None,
            has: Some("pmp".into()),
        }],
        text: "a PMP".into(),
    });
    let mut answers = Answers::default();
    let a = score(&pack, &pack.profiles[0], &answers);
    assert_eq!(a.requirement_unmet.as_deref(), Some("a PMP"));
    answers.facts.insert(
        "certifications_held".into(),
        Value::List(vec!["pmp".into()]),
    );
    assert_eq!(
        score(&pack, &pack.profiles[0], &answers).requirement_unmet,
        None
    );
}
