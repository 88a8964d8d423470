//! The result document: everything a report needs, in one stable, versioned JSON shape.
//!
//! Renderers read only this document, so a saved result prints the same report later without
//! the pack that made it. `schema_version` rises only when a field changes meaning or goes;
//! new fields may be added at any time.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::answers::{Answers, Value};
use crate::eligibility::{self, Eligibility};
use crate::pack::{Pack, Profile, QuestionKind};
use crate::plan;
use crate::score::{self, Assessment};
use crate::text::one_line;

/// The current document version.
pub const SCHEMA_VERSION: u32 = 1;

/// One finished assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ResultDocument {
    pub schema_version: u32,
    pub tool: Tool,
    /// Whose result this is, from the answers file's `person:` or `--person`; the cohort view
    /// tells people apart by it (by the file name where it is absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    pub pack: PackRef,
    pub profile: String,
    pub profile_title: String,
    /// RFC 3339.
    pub taken_at: String,
    /// The pack's level scale, lowest first, so the document explains its own levels.
    pub levels: Vec<LevelRef>,
    pub competencies: Vec<CompetencyResult>,
    pub eligibility: Vec<Eligibility>,
    /// Every recommendation that addresses a gap, best first.
    pub recommendations: Vec<RecommendationResult>,
    /// The chosen steps, by horizon.
    pub plan: Vec<PlanItem>,
    /// What the chosen stage needs beyond its target levels that the facts do not show ("6
    /// months leading projects or 23 hours of project-management education").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_needs: Option<String>,
    /// What the plan aims at: the chosen stage, or a stretch toward a later one when every
    /// target is met. Always written; absent in results saved before it existed.
    #[serde(default)]
    pub plan_basis: Option<PlanBasis>,
    /// The situation the plan assumed: "You work in healthcare and are on a project now."
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub situation: Option<String>,
    /// Certifications not reachable within 12 months, with when they come within reach at
    /// the person's pace, or what is missing. Always written; absent in results saved
    /// before it existed.
    #[serde(default)]
    pub later: Vec<LaterItem>,
    pub facts: BTreeMap<String, Value>,
    pub answers: BTreeMap<String, Value>,
}

/// The program that wrote the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

/// The pack the answers were scored against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PackRef {
    pub id: String,
    pub version: u32,
    pub title: String,
}

/// A level of the scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LevelRef {
    pub id: String,
    pub title: String,
    pub short_title: String,
    pub min_score: f64,
}

/// One competency's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CompetencyResult {
    pub id: String,
    pub title: String,
    /// For narrow tables; the title when the pack gives none.
    #[serde(default)]
    pub short_title: String,
    /// 0–100.
    pub score: f64,
    /// The band the score may lie in (about two chances in three that a retake of the same
    /// person lands inside): the scenarios' sampling error and the self-report's own
    /// uncertainty. Absent in results saved before bands existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_low: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_high: Option<f64>,
    /// Standard error of measurement of the score, in points; `compare` reports a change as
    /// reliable only when it exceeds what the two results' errors allow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sem: Option<f64>,
    pub level: String,
    /// Another level the band reaches into: "competent, could be proficient".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub could_be: Option<String>,
    /// The highest level a true experience statement shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experience_shows: Option<String>,
    /// The level the self-rating and experience describe, before the scenario answers move
    /// the score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placed: Option<String>,
    pub target_level: String,
    /// Levels below target; 0 when met.
    pub gap: usize,
    pub importance: f64,
    pub priority: f64,
    /// The level the person rated themselves at.
    pub self_rating: Option<String>,
    /// Score of the scenario questions alone (the share answered right, 0–100).
    pub knowledge_score: Option<f64>,
    pub knowledge_level: Option<String>,
    /// Share of the experience statements that hold (0–100).
    #[serde(default)]
    pub experience_score: Option<f64>,
    /// The score from scenarios and experience alone, as if there were no self-rating
    /// (0–100), and its level.
    #[serde(default)]
    pub evidence_score: Option<f64>,
    #[serde(default)]
    pub evidence_level: Option<String>,
    /// The highest level the experience supports, present when the self-rating was above it:
    /// knowing the work carries a competency only so far; the upper levels need having done it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capped_at: Option<String>,
    /// The level the experience shows at least, present when the self-rating was below it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifted_to: Option<String>,
    /// `over` when the scenario answers clearly fit a level well below the self-rating,
    /// `under` when well above; absent when they agree or are too few to tell.
    pub calibration: Option<Calibration>,
    /// When this competency was not retaken (`assess --competency`), the time of the result
    /// its answers were carried from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<String>,
    /// What the next level looks like in this competency, from the pack.
    pub next_level: Option<String>,
    /// Each question's part of the score.
    pub evidence: Vec<EvidenceItem>,
}

impl CompetencyResult {
    /// The short title for tables, or the title (results saved before short titles existed
    /// have none).
    pub fn label(&self) -> &str {
        if self.short_title.is_empty() {
            &self.title
        } else {
            &self.short_title
        }
    }
}

/// Where self-rating and knowledge disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Calibration {
    Over,
    Under,
}

/// What one question did to a score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EvidenceItem {
    pub question: String,
    pub kind: String,
    /// Points earned and possible (fraction × weight, weight).
    pub earned: f64,
    pub possible: f64,
    /// For a scenario answered wrongly: why the right answer is right, and where to read.
    pub explanation: Option<String>,
    pub source: Option<String>,
}

/// A recommendation that applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RecommendationResult {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub detail: String,
    pub url: String,
    pub as_of: String,
    pub effort: Option<String>,
    pub cost: Option<String>,
    /// Competency ids with a gap that it builds, highest priority first.
    pub addresses: Vec<String>,
    /// Every competency it builds, main one first, as the pack lists them.
    pub builds: Vec<String>,
}

/// One step of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PlanItem {
    /// `30d`, `90d` or `12m`.
    pub horizon: String,
    pub recommendation: String,
    pub why: String,
}

/// What the plan aims at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PlanBasis {
    /// Every target of the chosen profile is met.
    pub targets_met: bool,
    /// The profile a stretch plan aims at (when every target of the chosen one is met), or
    /// the top stage the person has gone beyond.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toward: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toward_title: Option<String>,
    /// Every target up to the top stage is met: the steps are growth beyond it.
    #[serde(default)]
    pub beyond_top: bool,
}

/// A certification the plan could not reach within 12 months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LaterItem {
    pub certification: String,
    /// "PMP (PMI)".
    pub name: String,
    /// "within reach in about 18 months (around May 2028) if you lead the project you are on
    /// now", or "needs bachelor's degree or higher".
    pub text: String,
    /// Months until it comes within reach at the person's pace, when that can be told.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    /// `YYYY-MM` it comes within reach, when the months can be told.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub around: Option<String>,
}

/// Scores `answers` against `profile` and builds the document. `taken_at` is passed in so
/// this stays pure (and snapshots stay stable); the plan dates "within reach" lines from it.
pub fn build(pack: &Pack, profile: &Profile, answers: &Answers, taken_at: &str) -> ResultDocument {
    let assessment = score::score(pack, profile, answers);
    let levels = plan::levels_of(&assessment);
    let today = taken_at
        .parse::<jiff::Timestamp>()
        .ok()
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date());
    let mut made = plan::make(
        pack,
        plan::Person {
            profile,
            levels: &levels,
            facts: &answers.facts,
            today,
        },
    );
    // The plan judged its steps by the same rows; they are shown in the stage's order.
    let mut eligibility = std::mem::take(&mut made.eligibility);
    eligibility::sort_for_stage(pack, Some(&profile.id), &mut eligibility);
    let plan_basis = Some(match &made.aim {
        plan::Aim::Chosen => PlanBasis {
            targets_met: made.targets_met,
            toward: None,
            toward_title: None,
            beyond_top: false,
        },
        plan::Aim::Stretch { profile, title } => PlanBasis {
            targets_met: made.targets_met,
            toward: Some(profile.clone()),
            toward_title: Some(one_line(title)),
            beyond_top: false,
        },
        plan::Aim::Beyond { profile, title } => PlanBasis {
            targets_met: made.targets_met,
            toward: Some(profile.clone()),
            toward_title: Some(one_line(title)),
            beyond_top: true,
        },
    });
    ResultDocument {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: String::from(env!("CARGO_PKG_NAME")),
            version: String::from(env!("CARGO_PKG_VERSION")),
        },
        person: answers
            .person
            .as_deref()
            .map(one_line)
            .filter(|p| !p.is_empty()),
        pack: PackRef {
            id: pack.id.clone(),
            version: pack.version,
            title: pack.title.clone(),
        },
        profile: profile.id.clone(),
        profile_title: profile.title.clone(),
        taken_at: taken_at.into(),
        levels: pack
            .levels
            .iter()
            .map(|l| LevelRef {
                id: l.id.clone(),
                title: l.title.clone(),
                short_title: l.short_title.clone().unwrap_or_else(|| l.title.clone()),
                min_score: l.min_score,
            })
            .collect(),
        stage_needs: assessment.requirement_unmet.clone(),
        competencies: competencies(pack, assessment),
        eligibility,
        recommendations: made
            .candidates
            .iter()
            .map(|a| {
                let r = a.recommendation;
                RecommendationResult {
                    id: r.id.clone(),
                    kind: String::from(r.kind.name()),
                    title: one_line(&r.title),
                    detail: one_line(&r.detail),
                    url: r.url.clone(),
                    as_of: r.as_of.to_string(),
                    effort: r.effort.clone(),
                    cost: r.cost.clone(),
                    addresses: a.addresses.iter().map(|&id| id.clone()).collect(),
                    builds: r.builds.clone(),
                }
            })
            .collect(),
        plan: made
            .steps
            .iter()
            .map(|a| PlanItem {
                horizon: String::from(a.horizon.code()),
                recommendation: a.recommendation.id.clone(),
                why: one_line(&a.why),
            })
            .collect(),
        plan_basis,
        // The plan is done with: what it worded moves in.
        situation: made.situation,
        later: made
            .later
            .into_iter()
            .map(|l| LaterItem {
                certification: l.certification,
                name: one_line(&l.name),
                text: one_line(&l.text),
                months: l.months,
                around: l.around,
            })
            .collect(),
        facts: answers.facts.clone(),
        answers: answers.answers.clone(),
    }
}

/// The scored competencies as the document shows them; the scores' ids and titles move in.
fn competencies(pack: &Pack, assessment: Assessment) -> Vec<CompetencyResult> {
    let level_id = |i: usize| pack.levels[i].id.clone();
    assessment
        .competencies
        .into_iter()
        .map(|c| {
            let competency = pack.competency(&c.id);
            let calibration = c.calibration.map(|d| match d {
                score::Direction::Over => Calibration::Over,
                score::Direction::Under => Calibration::Under,
            });
            let next_level = pack
                .levels
                .get(c.level + 1)
                .and_then(|l| competency.and_then(|comp| comp.levels.get(&l.id)))
                .map(|text| one_line(text));
            let evidence = c
                .items
                .into_iter()
                .map(|e| {
                    let question = pack.question(&e.question).map(|(_, q)| q);
                    let missed = e.kind.is_knowledge() && e.fraction < 1.0;
                    EvidenceItem {
                        question: e.question,
                        kind: e.kind.name().into(),
                        earned: (e.fraction * e.weight * 100.0).round() / 100.0,
                        possible: e.weight,
                        explanation: question
                            .filter(|_| missed)
                            .and_then(|q| q.explanation.as_deref().map(one_line)),
                        source: question
                            .filter(|_| missed)
                            .and_then(|q| q.source.as_ref().map(|s| s.url.clone())),
                    }
                })
                .collect();
            let short_title = competency
                .and_then(|comp| comp.short_title.as_deref())
                .map_or_else(|| c.title.clone(), one_line);
            CompetencyResult {
                id: c.id,
                title: c.title,
                short_title,
                score: c.score,
                score_low: Some(c.band.0),
                score_high: Some(c.band.1),
                sem: Some(c.sem),
                level: level_id(c.level),
                could_be: c.could_be.map(level_id),
                experience_shows: c.experience_shows.map(level_id),
                placed: Some(level_id(c.placed)),
                target_level: level_id(c.target),
                gap: c.gap,
                importance: c.importance,
                priority: c.priority,
                self_rating: c.self_rating.map(level_id),
                knowledge_score: c.knowledge.as_ref().map(|k| k.share),
                knowledge_level: c.knowledge.as_ref().map(|k| level_id(k.fits)),
                experience_score: c.experience,
                evidence_score: Some(c.evidence.0),
                evidence_level: Some(level_id(c.evidence.1)),
                capped_at: c.capped_at.map(level_id),
                lifted_to: c.lifted_to.map(level_id),
                carried_from: None,
                calibration,
                next_level,
                evidence,
            }
        })
        .collect()
}

impl ResultDocument {
    /// A level's title by id (the id itself if unknown).
    pub fn level_title(&self, id: &str) -> String {
        self.levels
            .iter()
            .find(|l| l.id == id)
            .map_or_else(|| id.to_string(), |l| l.title.to_string())
    }

    /// A level's short title by id, for narrow tables.
    pub fn level_short_title(&self, id: &str) -> String {
        self.levels
            .iter()
            .find(|l| l.id == id)
            .map_or_else(|| id.to_string(), |l| l.short_title.to_string())
    }

    /// A level's position on the scale.
    pub fn level_index(&self, id: &str) -> usize {
        self.levels.iter().position(|l| l.id == id).unwrap_or(0)
    }

    /// Competencies with a gap, highest priority first.
    pub fn ranked_gaps(&self) -> Vec<&CompetencyResult> {
        let mut gaps: Vec<&CompetencyResult> =
            self.competencies.iter().filter(|c| c.gap > 0).collect();
        gaps.sort_by(|a, b| b.priority.total_cmp(&a.priority).then(b.gap.cmp(&a.gap)));
        gaps
    }

    /// A recommendation of the document by id.
    pub fn recommendation(&self, id: &str) -> Option<&RecommendationResult> {
        self.recommendations.iter().find(|r| r.id == id)
    }
}

/// Whether a question kind is a knowledge question, by its name in the document.
pub fn is_knowledge_kind(kind: &str) -> bool {
    kind == QuestionKind::Choice.name() || kind == QuestionKind::Multi.name()
}
