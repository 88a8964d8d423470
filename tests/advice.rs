//! Advice that fits the person (issue 9), table-driven over simulated people, each inside
//! and outside a healthcare job: every plan has at least three steps, never offers a
//! credential the person holds or outranks, puts every certification into a horizon where
//! it can be reached, puts eligible-now certifications that suit the stage first, and gives
//! people outside healthcare no step that needs a hospital job.
//!
//! The people are built from competency levels and facts directly, so the checks hold
//! whatever the scoring model does; only the last tests go through real scoring.

mod common;

use std::collections::BTreeMap;

use common::*;
use predicates::str::contains;
use skillgap::answers::{self, Completeness, Value};
use skillgap::eligibility;
use skillgap::pack::{self, Horizon, Pack, RecommendationKind};
use skillgap::plan::{self, Aim, Person};
use skillgap::result;

/// A simulated person: facts, the profile they aim at, and their level per competency.
struct Simulated {
    name: &'static str,
    profile: &'static str,
    facts: &'static [(&'static str, &'static str)],
    /// The level of every competency not named in `levels`.
    default_level: &'static str,
    levels: &'static [(&'static str, &'static str)],
}

const PEOPLE: &[Simulated] = &[
    Simulated {
        name: "graduate with 30 hours of PM coursework",
        profile: "aspiring",
        facts: &[
            ("degree", "bachelor"),
            ("pm_education_hours", "30"),
            ("on_project_now", "no"),
        ],
        default_level: "advanced_beginner",
        levels: &[("communication", "competent"), ("ethics", "competent")],
    },
    Simulated {
        name: "PMP holder new to healthcare",
        profile: "project_manager",
        facts: &[
            ("degree", "bachelor"),
            ("months_leading_projects", "72"),
            ("pm_education_hours", "40"),
            ("months_information_systems", "60"),
            ("months_agile", "12"),
            ("certifications_held", "pmp"),
            ("on_project_now", "yes"),
        ],
        default_level: "proficient",
        levels: &[("hipaa", "novice"), ("workflows", "novice")],
    },
    Simulated {
        name: "senior with PMP and CPHIMS who meets every target",
        profile: "senior",
        facts: &[
            ("degree", "master"),
            ("months_leading_projects", "120"),
            ("pm_education_hours", "80"),
            ("months_information_systems", "150"),
            ("months_healthcare", "120"),
            ("certifications_held", "pmp,cphims"),
            ("on_project_now", "yes"),
        ],
        default_level: "expert",
        levels: &[],
    },
    Simulated {
        name: "engineer with 48 agile months and 16 agile hours",
        profile: "project_manager",
        facts: &[
            ("degree", "bachelor"),
            ("months_leading_projects", "18"),
            ("months_information_systems", "96"),
            ("months_agile", "48"),
            ("agile_training_hours", "16"),
            ("pm_education_hours", "8"),
            ("certifications_held", "security_plus"),
            ("on_project_now", "yes"),
        ],
        default_level: "competent",
        levels: &[("hipaa", "novice"), ("workflows", "novice")],
    },
    Simulated {
        name: "nurse with a BSN and no PM education",
        profile: "associate",
        facts: &[
            ("degree", "bachelor"),
            ("months_information_systems", "6"),
            ("months_healthcare", "6"),
            ("on_project_now", "no"),
        ],
        default_level: "advanced_beginner",
        levels: &[
            ("workflows", "proficient"),
            ("ethics", "competent"),
            ("communication", "competent"),
            ("delivery", "novice"),
        ],
    },
];

fn facts_of(person: &Simulated, in_healthcare: bool) -> BTreeMap<String, Value> {
    let mut facts: BTreeMap<String, Value> = person
        .facts
        .iter()
        .map(|(k, v)| {
            let value = if *k == "certifications_held" {
                Value::List(v.split(',').map(String::from).collect())
            } else if *v == "yes" || *v == "no" {
                Value::Bool(*v == "yes")
            } else if let Ok(n) = v.parse::<f64>() {
                Value::Number(n)
            } else {
                Value::Text(v.to_string())
            };
            (k.to_string(), value)
        })
        .collect();
    facts.insert("works_in_healthcare".into(), Value::Bool(in_healthcare));
    facts
}

fn levels_of(pack: &Pack, person: &Simulated) -> BTreeMap<String, usize> {
    pack.competencies
        .iter()
        .map(|c| {
            let level = person
                .levels
                .iter()
                .find(|(id, _)| *id == c.id)
                .map_or(person.default_level, |(_, l)| *l);
            (c.id.clone(), pack.level_index(level).unwrap())
        })
        .collect()
}

fn today() -> jiff::civil::Date {
    jiff::civil::Date::constant(2026, 11, 25)
}

/// Every simulated person, inside and outside a healthcare job, with their plan.
fn each_plan(check: impl Fn(&Pack, &Simulated, bool, &BTreeMap<String, Value>, &plan::Plan)) {
    let pack = pack::load_embedded().unwrap();
    for person in PEOPLE {
        for in_healthcare in [true, false] {
            let facts = facts_of(person, in_healthcare);
            let levels = levels_of(&pack, person);
            let made = plan::make(
                &pack,
                Person {
                    profile: pack.profile(person.profile).unwrap(),
                    levels: &levels,
                    facts: &facts,
                    today: Some(today()),
                },
            );
            check(&pack, person, in_healthcare, &facts, &made);
        }
    }
}

/// The plan's step for recommendation `id`; without one the test fails with `missing()`.
fn step<'a, 'p>(
    made: &'a plan::Plan<'p>,
    id: &str,
    missing: impl Fn() -> String,
) -> &'a plan::Step<'p> {
    made.steps
        .iter()
        .find(|s| s.recommendation.id == id)
        .unwrap_or_else(|| panic!("{}", missing()))
}

fn who(person: &Simulated, in_healthcare: bool) -> String {
    format!(
        "{} ({} healthcare)",
        person.name,
        if in_healthcare { "in" } else { "outside" }
    )
}

#[test]
fn every_plan_has_at_least_three_steps() {
    each_plan(|_, person, inside, _, made| {
        assert!(
            made.steps.len() >= plan::MIN_STEPS,
            "{}: {} steps",
            who(person, inside),
            made.steps.len()
        );
    });
}

#[test]
fn no_plan_offers_a_credential_held_or_outranked() {
    each_plan(|pack, person, inside, facts, made| {
        let rows = eligibility::evaluate_all(pack, facts);
        let held = eligibility::held(facts);
        for step in &made.steps {
            let Some(cert) = step.recommendation.certification.as_deref() else {
                continue;
            };
            assert!(
                !held.contains(&cert),
                "{}: {} leads to {cert}, which they hold",
                who(person, inside),
                step.recommendation.id
            );
            if let Some(row) = rows.iter().find(|e| e.id == cert) {
                assert!(
                    row.superseded_by.is_none(),
                    "{}: {} leads to {cert}, outranked by {:?}",
                    who(person, inside),
                    step.recommendation.id,
                    row.superseded_by
                );
            }
        }
        for later in &made.later {
            assert!(!held.contains(&later.certification.as_str()));
        }
    });
}

/// A certification step sits in a horizon only when it is reachable there: eligible now,
/// or eligible once the steps of earlier horizons are done (what they provide, and the
/// credentials they lead to).
#[test]
fn every_certification_step_is_reachable_in_its_horizon() {
    each_plan(|pack, person, inside, facts, made| {
        for step in &made.steps {
            let r = step.recommendation;
            let Some(cert) = r
                .certification
                .as_deref()
                .filter(|_| r.kind == RecommendationKind::Certification)
                .and_then(|c| pack.certification(c))
            else {
                continue;
            };
            let mut then = facts.clone();
            for earlier in made.steps.iter().filter(|s| s.horizon < step.horizon) {
                for (fact, value) in &earlier.recommendation.provides {
                    let have = then
                        .get(fact.as_str())
                        .and_then(Value::as_number)
                        .unwrap_or(0.0);
                    then.insert(fact.to_string(), Value::Number(have.max(*value)));
                }
                if earlier.recommendation.kind == RecommendationKind::Certification {
                    if let Some(c) = &earlier.recommendation.certification {
                        let mut held: Vec<String> = eligibility::held(&then)
                            .into_iter()
                            .map(String::from)
                            .collect();
                        held.push(c.to_string());
                        then.insert("certifications_held".into(), Value::List(held));
                    }
                }
            }
            let e = eligibility::evaluate(pack, cert, &then);
            assert!(
                e.eligible,
                "{}: {} in {:?} but still needs {:?}",
                who(person, inside),
                r.id,
                step.horizon,
                e.missing_texts()
            );
            assert!(
                step.horizon >= r.horizon,
                "never earlier than the pack says"
            );
        }
    });
}

/// Certification steps the person may take now and that suit the stage come first: before
/// every other step of their horizon, and no other certification comes before them.
#[test]
fn eligible_now_certifications_that_suit_the_stage_come_first() {
    each_plan(|pack, person, inside, facts, made| {
        let rows = eligibility::evaluate_all(pack, facts);
        let stage = match &made.aim {
            Aim::Chosen => person.profile.to_string(),
            Aim::Stretch { profile, .. } | Aim::Beyond { profile, .. } => profile.to_string(),
        };
        let first_class = |r: &skillgap::pack::Recommendation| {
            r.kind == RecommendationKind::Certification
                && r.certification.as_deref().is_some_and(|c| {
                    rows.iter().any(|e| e.id == c && e.open_now())
                        && pack
                            .certification(c)
                            .is_some_and(|cert| cert.suits.contains(&stage))
                })
        };
        let mut seen_other_cert = false;
        for horizon in [Horizon::Days30, Horizon::Days90, Horizon::Months12] {
            let steps: Vec<_> = made.steps.iter().filter(|s| s.horizon == horizon).collect();
            let mut seen_other = false;
            for step in steps {
                let first = first_class(step.recommendation);
                assert!(
                    !(first && (seen_other || seen_other_cert)),
                    "{}: {} comes after other steps",
                    who(person, inside),
                    step.recommendation.id
                );
                if !first {
                    seen_other = true;
                    seen_other_cert |=
                        step.recommendation.kind == RecommendationKind::Certification;
                }
            }
        }
        // And first in the eligibility list.
        let mut sorted = rows.clone();
        eligibility::sort_for_stage(pack, Some(&stage), &mut sorted);
        let firsts = sorted
            .iter()
            .take_while(|e| {
                e.open_now()
                    && pack
                        .certification(&e.id)
                        .is_some_and(|c| c.suits.contains(&stage))
            })
            .count();
        let all = rows
            .iter()
            .filter(|e| {
                e.open_now()
                    && pack
                        .certification(&e.id)
                        .is_some_and(|c| c.suits.contains(&stage))
            })
            .count();
        assert_eq!(firsts, all, "{}: eligibility order", who(person, inside));
    });
}

/// Steps that need a hospital job go only to people who have one; steps about "your
/// project" only to people on one. Checked against the steps' own words, not only the
/// conditions they declare.
#[test]
fn outsiders_get_no_hospital_only_step_and_nobody_a_project_they_lack() {
    let pack = pack::load_embedded().unwrap();
    let needs_hospital = |r: &skillgap::pack::Recommendation| {
        // A step made for people outside healthcare means their own manager.
        let for_outsiders = r
            .when
            .iter()
            .any(|c| c.fact == "works_in_healthcare" && c.is == Some(false));
        let text = format!("{} {}", r.title, r.detail).to_lowercase();
        [
            "your manager",
            "unit leader",
            "your cio",
            "your organisation",
            "walk a unit",
        ]
        .iter()
        .any(|p| text.contains(p))
            && !for_outsiders
            || r.id == "go_live_super_user"
    };
    let needs_project = |r: &skillgap::pack::Recommendation| {
        let text = format!("{} {}", r.title, r.detail).to_lowercase();
        ["your current project", "your project"]
            .iter()
            .any(|p| text.contains(p))
    };
    let declares = |r: &skillgap::pack::Recommendation, fact: &str| {
        r.when.iter().any(|c| c.fact == fact && c.is == Some(true))
    };
    for r in &pack.recommendations {
        if needs_hospital(r) {
            assert!(
                declares(r, "works_in_healthcare"),
                "{} needs a hospital job",
                r.id
            );
        }
        if needs_project(r) {
            assert!(declares(r, "on_project_now"), "{} needs a project", r.id);
        }
    }
    each_plan(|_, person, inside, facts, made| {
        let on_project = facts
            .get("on_project_now")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        for step in &made.steps {
            let r = step.recommendation;
            if !inside {
                assert!(!needs_hospital(r), "{}: {}", who(person, inside), r.id);
                assert!(
                    !declares(r, "works_in_healthcare"),
                    "{}: {}",
                    who(person, inside),
                    r.id
                );
            }
            if !on_project {
                assert!(!needs_project(r), "{}: {}", who(person, inside), r.id);
            }
        }
        let situation = made.situation.as_deref().unwrap_or_default();
        assert!(
            situation.contains(if inside {
                "work in a healthcare"
            } else {
                "outside"
            }),
            "{situation}"
        );
        assert!(situation.contains(if on_project {
            "are on a project"
        } else {
            "not on a project"
        }));
    });
}

#[test]
fn people_outside_healthcare_get_the_routes_open_to_them() {
    let pack = pack::load_embedded().unwrap();
    let outsider_routes: Vec<&str> = pack
        .recommendations
        .iter()
        .filter(|r| {
            r.when
                .iter()
                .any(|c| c.fact == "works_in_healthcare" && c.is == Some(false))
        })
        .map(|r| r.id.as_str())
        .collect();
    for id in [
        "volunteer_hospital_clinic",
        "informational_interviews",
        "student_chapter_events",
        "vendor_consulting_roles",
        "virtual_shadowing",
    ] {
        assert!(
            outsider_routes.contains(&id),
            "{id} is a route for outsiders"
        );
    }
    each_plan(|_, person, inside, _, made| {
        if !inside && !made.steps.is_empty() && made.aim == Aim::Chosen {
            let workflows_gap = made
                .candidates
                .iter()
                .any(|c| c.addresses.iter().any(|&a| a == "workflows"));
            if workflows_gap {
                assert!(
                    made.steps
                        .iter()
                        .any(|s| outsider_routes.contains(&s.recommendation.id.as_str())),
                    "{}: a clinical-workflow gap and no outsider route",
                    who(person, inside)
                );
            }
        }
    });
}

#[test]
fn the_graduate_is_told_to_take_the_capm_she_can_sit_now() {
    each_plan(|_, person, inside, _, made| {
        if person.name.starts_with("graduate") {
            let capm = step(made, "cert_capm", || {
                format!("{}: no CAPM", who(person, inside))
            });
            assert!(
                capm.why.starts_with("You are eligible for CAPM now"),
                "{}",
                capm.why
            );
            assert!(capm.horizon <= Horizon::Days90);
        }
    });
}

#[test]
fn the_engineer_twelve_hours_away_is_told_about_the_pmi_acp() {
    each_plan(|_, person, inside, _, made| {
        if person.name.starts_with("engineer") {
            let training = step(made, "agile_training_28h", || {
                format!("{}: no agile training", who(person, inside))
            });
            assert!(
                training.why.contains("12 more hours of agile training"),
                "{}",
                training.why
            );
            let acp = step(made, "cert_pmi_acp", || {
                format!("{}: no PMI-ACP", who(person, inside))
            });
            assert!(acp.horizon > training.horizon);
        }
    });
}

#[test]
fn a_pmp_holder_is_not_told_to_take_the_capm() {
    each_plan(|pack, person, inside, facts, made| {
        if eligibility::held(facts).contains(&"pmp") {
            let capm = eligibility::evaluate(pack, pack.certification("capm").unwrap(), facts);
            assert_eq!(capm.superseded_by.as_deref(), Some("PMP"));
            assert!(made
                .steps
                .iter()
                .all(|s| s.recommendation.id != "cert_capm"));
            assert!(
                made.steps
                    .iter()
                    .all(|s| s.recommendation.id != "pm_contact_hours"),
                "{}: no PM course toward a PMP they hold",
                who(person, inside)
            );
        }
    });
}

/// Whoever meets every target gets a stretch plan toward the next stage, or at the top
/// stage programme-level growth, never an empty plan.
#[test]
fn meeting_every_target_gives_a_stretch_or_growth_plan() {
    let pack = pack::load_embedded().unwrap();
    let senior = &PEOPLE[2];
    let facts = facts_of(senior, true);
    // At the top stage, at expert: growth beyond it.
    let levels = levels_of(&pack, senior);
    let top = plan::make(
        &pack,
        Person {
            profile: pack.profile("senior").unwrap(),
            levels: &levels,
            facts: &facts,
            today: Some(today()),
        },
    );
    assert!(top.targets_met);
    assert!(matches!(top.aim, Aim::Beyond { .. }), "{:?}", top.aim);
    assert!(top.steps.len() >= plan::MIN_STEPS);
    assert!(top
        .steps
        .iter()
        .all(|s| s.recommendation.growth
            || s.recommendation.kind == RecommendationKind::Certification));
    assert!(
        top.steps.iter().any(|s| s.recommendation.id == "cert_pgmp"),
        "programme-level growth for a PMP with 120 months"
    );
    // Exactly at the project manager targets: a stretch toward senior.
    let pm = pack.profile("project_manager").unwrap();
    let at_targets: BTreeMap<String, usize> = pm
        .targets
        .iter()
        .map(|(id, t)| (id.clone(), pack.level_index(&t.level).unwrap()))
        .collect();
    let stretch = plan::make(
        &pack,
        Person {
            profile: pm,
            levels: &at_targets,
            facts: &facts,
            today: Some(today()),
        },
    );
    assert!(stretch.targets_met);
    assert_eq!(
        stretch.aim,
        Aim::Stretch {
            profile: "senior".into(),
            title: pack.profile("senior").unwrap().title.clone()
        }
    );
    assert!(stretch.steps.len() >= plan::MIN_STEPS);
    assert!(stretch.steps.iter().all(|s| s.why.starts_with("Toward ")
        || s.why.starts_with("You are eligible")
        || s.recommendation.growth));
}

/// The only check over real scoring: every profile × every example person.
#[test]
fn every_profile_and_example_person_has_a_plan_of_three_steps() {
    let pack = pack::load_embedded().unwrap();
    for file in example_answers() {
        let path = file.display().to_string();
        let text = std::fs::read_to_string(&file).unwrap();
        let (mut a, spans) = answers::parse(&path, &text).unwrap();
        assert!(answers::check(&pack, &mut a, &path, &spans, Completeness::Required).is_empty());
        answers::normalise(&pack, &mut a);
        for profile in &pack.profiles {
            let doc = result::build(&pack, profile, &a, "2026-11-25T12:00:00Z");
            assert!(
                doc.plan.len() >= plan::MIN_STEPS,
                "{path} × {}: {} steps",
                profile.id,
                doc.plan.len()
            );
            assert!(doc.situation.is_some());
            for item in &doc.plan {
                assert!(doc.recommendation(&item.recommendation).is_some());
            }
        }
    }
}

/// The README shows the plan of someone who meets every target; keep it true.
#[test]
fn the_readme_shows_a_plan_for_someone_who_meets_every_target() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        readme.contains("Every target of"),
        "README shows a met-every-target plan"
    );
    assert!(readme.contains("Assumed: you"));
}

/// Results saved before `missing` was structured (and before the plan's new fields) still
/// print, compare and export.
#[test]
fn results_saved_with_the_old_shape_still_read() {
    let data = tempfile::tempdir().unwrap();
    let file = root().join("examples/answers/software-engineer-to-healthcare.yaml");
    for _ in 0..2 {
        skillgap(data.path())
            .args(["assess", "--answers"])
            .arg(&file)
            .assert()
            .success();
    }
    let folder = data.path().join("results");
    let saved: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(saved.len(), 2);
    for path in &saved {
        let mut doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for row in doc["eligibility"].as_array_mut().unwrap() {
            let texts: Vec<serde_json::Value> = row["missing"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["text"].clone())
                .collect();
            row["missing"] = serde_json::Value::Array(texts);
            row.as_object_mut().unwrap().remove("superseded_by");
        }
        let object = doc.as_object_mut().unwrap();
        for field in ["plan_basis", "situation", "later"] {
            object.remove(field);
        }
        std::fs::write(path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    }
    skillgap(data.path())
        .args(["report", "latest"])
        .assert()
        .success()
        .stdout(contains("needs 18 more months leading projects"));
    skillgap(data.path())
        .args(["compare", "latest~1", "latest"])
        .assert()
        .success();
    skillgap(data.path())
        .args(["export", "latest", "--format", "markdown"])
        .assert()
        .success();
}

#[test]
fn eligibility_set_accepts_every_new_fact() {
    let data = tempfile::tempdir().unwrap();
    let out = skillgap(data.path())
        .args([
            "eligibility",
            "--set",
            "degree=bachelor",
            "--set",
            "degree_gac_accredited=yes",
            "--set",
            "months_leading_projects=24",
            "--set",
            "pm_education_hours=35",
            "--set",
            "works_in_healthcare=no",
            "--set",
            "on_project_now=yes",
            "--set",
            "leads_project=yes",
            "--set",
            "degree_in_computing=yes",
            "--set",
            "months_privacy_security=30",
            "--set",
            "months_healthcare_privacy_security=24",
            "--set",
            "certifications_held=ccs,pgmp",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = |id: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(row("pmp")["eligible"], true, "GAC route: 24 months");
    assert_eq!(row("chps")["eligible"], true, "bachelor's + 2 years");
    assert_eq!(row("capm")["superseded_by"], "PgMP");
    let missing = &row("cissp")["missing"][0];
    assert_eq!(missing["fact"], "months_privacy_security");
    assert_eq!(missing["have"], 30);
    assert_eq!(missing["need"], 48);
    // Open now first.
    let order: Vec<bool> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["eligible"] == true && e["held"] == false && e["superseded_by"].is_null())
        .collect();
    let first_closed = order.iter().position(|open| !open).unwrap_or(order.len());
    assert!(order[first_closed..].iter().all(|open| !open), "{order:?}");

    skillgap(data.path())
        .args(["eligibility", "--set", "certifications_held=pmp"])
        .assert()
        .success()
        .stdout(contains("CAPM (PMI): not needed: you hold PMP"));
}

/// The new fields are validated like the others: file, line, column and a hint.
#[test]
fn validation_points_at_faults_in_the_new_fields() {
    use predicates::prelude::*;
    let data = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let pack = pack_copy(tmp.path());
    let recs = pack.join("recommendations.yaml");
    let certs = pack.join("certifications.yaml");
    let pack_yaml = pack.join("pack.yaml");
    edit(
        &recs,
        "- { fact: works_in_healthcare, is: true }",
        "- { fact: works_in_hospital, is: true }",
    );
    edit(&recs, "stages: [senior]", "stages: [seniour]");
    edit(
        &recs,
        "- { fact: months_leading_projects, below: 24 }",
        "- { fact: months_leading_projects, is: true }",
    );
    edit(&certs, "superseded_by: [cissp]", "superseded_by: [cisp]");
    edit(
        &certs,
        "requires_yes: [degree_gac_accredited]",
        "requires_yes: [degree]",
    );
    edit(&certs, "suits: [senior]", "suits: [seniors]");
    edit(
        &pack_yaml,
        "      yes: are on a project now",
        "      yes: \"\"",
    );
    let when_line = line_of(&recs, "works_in_hospital");
    let stage_line = line_of(&recs, "seniour");
    let test_line = line_of(&recs, "months_leading_projects, is: true");
    let cisp_line = line_of(&certs, "[cisp]");
    let yes_line = line_of(&certs, "requires_yes: [degree]");
    let suits_line = line_of(&certs, "[seniors]");
    let situation_line = line_of(&pack_yaml, "yes: \"\"");
    skillgap(data.path())
        .args(["rubrics", "validate"])
        .arg(&pack)
        .assert()
        .code(2)
        .stderr(
            contains(format!(
                "recommendations.yaml:{when_line}:17: unknown fact `works_in_hospital`"
            ))
            .and(contains(format!(
                "recommendations.yaml:{stage_line}:14: unknown profile `seniour`"
            )))
            .and(contains(format!(
                "recommendations.yaml:{test_line}:9: the condition on `months_leading_projects` \
                 needs exactly one test that fits a number fact"
            )))
            .and(contains(format!(
                "certifications.yaml:{cisp_line}:21: `cisp` cannot supersede `security_plus`"
            )))
            .and(contains(format!(
                "certifications.yaml:{yes_line}:24: `degree` is not a yes_no fact of the pack"
            )))
            .and(contains(format!(
                "certifications.yaml:{suits_line}:13: unknown profile `seniors`"
            )))
            .and(contains(format!(
                "pack.yaml:{situation_line}:12: `situation.yes` of `on_project_now` is empty"
            )))
            .and(contains("hint:")),
        );
}

#[test]
fn a_pack_without_three_growth_steps_for_everyone_is_refused() {
    use predicates::prelude::*;
    let data = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let pack = pack_copy(tmp.path());
    let recs = pack.join("recommendations.yaml");
    let text = std::fs::read_to_string(&recs).unwrap();
    std::fs::write(&recs, text.replace("    growth: true\n", "")).unwrap();
    skillgap(data.path())
        .args(["rubrics", "validate"])
        .arg(&pack)
        .assert()
        .code(2)
        .stderr(
            contains("only 0 `growth: true` step(s) apply to everyone").and(
                predicates::str::contains("so every person gets a plan of three steps"),
            ),
        );
}

/// Text from the pack that reaches the plan's new lines is data in every format.
#[test]
fn hostile_text_in_the_situation_and_later_lines_is_neutralised() {
    use skillgap::render::{for_format, Format, Style};
    let pack = pack::load_embedded().unwrap();
    let file = root().join("examples/answers/software-engineer-to-healthcare.yaml");
    let path = file.display().to_string();
    let text = std::fs::read_to_string(&file).unwrap();
    let (mut a, spans) = answers::parse(&path, &text).unwrap();
    assert!(answers::check(&pack, &mut a, &path, &spans, Completeness::Required).is_empty());
    answers::normalise(&pack, &mut a);
    let profile = pack.profile("associate").unwrap();
    let mut doc = result::build(&pack, profile, &a, "2026-11-25T12:00:00Z");
    let hostile = "<script>x</script>\u{1b}[2J|*y*";
    doc.situation = Some(format!("You {hostile}."));
    doc.later[0].text = hostile.into();
    let table = for_format(Format::Table).render(&doc, Style::default());
    assert!(!table.contains('\u{1b}'));
    let html = for_format(Format::Html).render(&doc, Style::default());
    // askama writes numeric entities; either form is the text shown, never a tag.
    assert!(
        !html.contains("<script>")
            && (html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"))
    );
    let markdown = for_format(Format::Markdown).render(&doc, Style::default());
    assert!(markdown.contains("\\<script\\>") && markdown.contains("\\|\\*y\\*"));
}
