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
    pub level: String,
    pub target_level: String,
    /// Levels below target; 0 when met.
    pub gap: usize,
    pub importance: f64,
    pub priority: f64,
    /// The level the person rated themselves at.
    pub self_rating: Option<String>,
    /// Score of the scenario questions alone.
    pub knowledge_score: Option<f64>,
    pub knowledge_level: Option<String>,
    /// `over` when the self-rating is a level or more above the scenario answers, `under`
    /// when below; absent when they agree.
    pub calibration: Option<Calibration>,
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

/// Scores `answers` against `profile` and builds the document. `taken_at` is passed in so
/// this stays pure (and snapshots stay stable).
pub fn build(pack: &Pack, profile: &Profile, answers: &Answers, taken_at: &str) -> ResultDocument {
    let assessment = score::score(pack, profile, answers);
    let eligibility = eligibility::evaluate_all(pack, &answers.facts);
    let candidates = plan::applicable(pack, &assessment, &eligibility, &answers.facts);
    let chosen = plan::plan(&candidates);
    ResultDocument {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: env!("CARGO_PKG_NAME").into(),
            version: env!("CARGO_PKG_VERSION").into(),
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
        competencies: competencies(pack, &assessment),
        eligibility,
        recommendations: candidates
            .iter()
            .map(|a| {
                let r = a.recommendation;
                RecommendationResult {
                    id: r.id.clone(),
                    kind: r.kind.name().into(),
                    title: one_line(&r.title),
                    detail: one_line(&r.detail),
                    url: r.url.clone(),
                    as_of: r.as_of.to_string(),
                    effort: r.effort.clone(),
                    cost: r.cost.clone(),
                    addresses: a.addresses.clone(),
                    builds: r.builds.clone(),
                }
            })
            .collect(),
        plan: chosen
            .iter()
            .map(|a| PlanItem {
                horizon: a.horizon.code().into(),
                recommendation: a.recommendation.id.clone(),
                why: a.why.clone(),
            })
            .collect(),
        facts: answers.facts.clone(),
        answers: answers.answers.clone(),
    }
}

fn competencies(pack: &Pack, assessment: &Assessment) -> Vec<CompetencyResult> {
    let level_id = |i: usize| pack.levels[i].id.clone();
    assessment
        .competencies
        .iter()
        .map(|c| {
            let competency = pack.competency(&c.id);
            let calibration = match c.calibration() {
                Some(d) if d >= 1 => Some(Calibration::Over),
                Some(d) if d <= -1 => Some(Calibration::Under),
                _ => None,
            };
            let next_level = pack
                .levels
                .get(c.level + 1)
                .and_then(|l| competency.and_then(|comp| comp.levels.get(&l.id)))
                .map(|t| one_line(t));
            let evidence = c
                .evidence
                .iter()
                .map(|e| {
                    let question = pack.question(&e.question).map(|(_, q)| q);
                    let missed = e.kind.is_knowledge() && e.fraction < 1.0;
                    EvidenceItem {
                        question: e.question.clone(),
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
            CompetencyResult {
                id: c.id.clone(),
                title: c.title.clone(),
                short_title: competency
                    .and_then(|comp| comp.short_title.as_deref())
                    .map_or_else(|| c.title.clone(), one_line),
                score: c.score,
                level: level_id(c.level),
                target_level: level_id(c.target),
                gap: c.gap,
                importance: c.importance,
                priority: c.priority,
                self_rating: c.self_rating.map(level_id),
                knowledge_score: c.knowledge.map(|(s, _)| s),
                knowledge_level: c.knowledge.map(|(_, l)| level_id(l)),
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
            .map_or_else(|| id.to_string(), |l| l.title.clone())
    }

    /// A level's short title by id, for narrow tables.
    pub fn level_short_title(&self, id: &str) -> String {
        self.levels
            .iter()
            .find(|l| l.id == id)
            .map_or_else(|| id.to_string(), |l| l.short_title.clone())
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
