//! The files of a rubric pack as plain data: what `pack.yaml`, `competencies/*.yaml`,
//! `recommendations.yaml` and `certifications.yaml` hold, checked by [`super::validate`].
//!
//! Every struct refuses unknown fields, and none uses `#[serde(flatten)]` or internally tagged
//! enums: serde_yaml reports wrong error positions under both.
//!
//! This file stands alone (std, serde, jiff and schemars only): `build.rs` includes it to check
//! the built-in pack when the binary is built and embed it as JSON.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// `pack.yaml`: the pack's identity, its level scale, the career-stage profiles and the
/// background facts.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    pub id: String,
    pub title: String,
    pub version: u32,
    pub description: String,
    /// Competency ids in asking and reporting order; each has a file `competencies/<id>.yaml`.
    pub competencies: Vec<String>,
    pub levels: Vec<Level>,
    pub profiles: Vec<Profile>,
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// How answers become a score; the defaults are documented in rubrics/README.md.
    #[serde(default)]
    pub scoring: Scoring,
    /// What the default (short) run asks; `assess --thorough` asks everything.
    #[serde(default)]
    pub default_run: DefaultRun,
}

/// The scoring model: the self-rating and the experience checklist place a person at a level;
/// scenario answers confirm or question it.
///
/// Each experience statement `shows` a level: the highest level a true statement shows caps a
/// competency (no true statement: the level below `doing_from`, whose statements describe
/// knowing rather than doing), and the level below it is a floor. The self-rating, held
/// between floor and cap, places the score at its level's midpoint. Scenario answers then move
/// it toward what they show — the share answered right against the share `expected_right` at
/// that level — by at most `knowledge_weight` of the way, half of that after
/// `knowledge_half_at` answers: two answers cannot move a level, many can move one.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Scoring {
    /// The lowest level whose statements describe doing: reached only with an experience
    /// statement true that shows it (or a higher level). Absent: every level is open to
    /// scenario answers and the self-rating alone.
    pub doing_from: Option<String>,
    /// Level id → the share (0–1) of scenarios a person at that level is expected to answer
    /// right; rising with the level. Answers above it move a score up, below it down.
    pub expected_right: BTreeMap<String, f64>,
    /// The most (0–1) that scenario answers can move a score toward what they show, reached
    /// only with very many answers.
    pub knowledge_weight: f64,
    /// How many scenario answers give half of `knowledge_weight`.
    pub knowledge_half_at: f64,
    /// Points of uncertainty the self-report itself carries (rating and checklist): a person
    /// may place themselves a little differently on another day. With the scenarios' own
    /// sampling error it makes each score's band, and a change between two results is
    /// reported only when it exceeds what the two bands allow.
    pub self_report_sem: f64,
    /// Scenario answers question a self-rating (calibration) when they are at least this many
    /// times as likely at a level two or more steps away from the rated one.
    pub calibration_odds: f64,
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            doing_from: None,
            expected_right: BTreeMap::new(),
            knowledge_weight: 0.5,
            knowledge_half_at: 8.0,
            self_report_sem: 5.0,
            calibration_odds: 4.0,
        }
    }
}

/// The default run: a short assessment people finish, with a bigger bank behind it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct DefaultRun {
    /// Scenarios that open each competency, drawn from its field items; retakes draw the next
    /// ones from the bank.
    pub openers_per_competency: usize,
    /// The most follow-up scenarios one competency gets where its answers point away from the
    /// level its rating and experience describe.
    pub follow_ups_per_competency: usize,
    /// The most prompts (facts included) the default run may ask; follow-ups give way first.
    pub max_prompts: usize,
    /// The most minutes the default run may take, estimated as a person reads and answers
    /// (see `selection::minutes`); follow-ups stop at it.
    pub max_minutes: usize,
}

impl Default for DefaultRun {
    fn default() -> Self {
        DefaultRun {
            openers_per_competency: 1,
            follow_ups_per_competency: 2,
            max_prompts: 50,
            max_minutes: 25,
        }
    }
}

/// One step of the scale every competency is measured on.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub title: String,
    /// A competency scoring at least this (0–100) reaches the level.
    pub min_score: f64,
    pub description: String,
    /// A shorter title for narrow tables ("Adv. beginner").
    pub short_title: Option<String>,
}

/// A target career stage: the level wanted in each competency and how much it matters.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub id: String,
    pub title: String,
    pub description: String,
    pub rationale: String,
    pub targets: BTreeMap<String, Target>,
    /// What the stage asks beyond its target levels, from the background facts: a stage is
    /// met only when one of these holds too (an associate PM has led something or studied
    /// project management).
    pub requires: Option<StageRequirement>,
}

/// Background a career stage needs besides its target levels.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StageRequirement {
    /// Met when any one of these conditions holds.
    pub any_of: Vec<FactCondition>,
    /// What is needed, as it reads after "needs": "6 months leading projects or 23 hours of
    /// project-management education".
    pub text: String,
}

/// The wanted level in one competency under a profile.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub level: String,
    /// How much a gap here matters; priority = gap × importance.
    pub importance: f64,
}

/// A background fact, asked once; eligibility rules read these.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    pub prompt: String,
    pub kind: FactKind,
    /// For `select` (ordered lowest first) and `list`.
    #[serde(default)]
    pub options: Vec<Choice>,
    pub unit: Option<String>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// How a shortfall reads after "N more" and the unit: "leading projects".
    pub shortfall: Option<String>,
    /// One line shown under the prompt saying what counts, for facts people misread
    /// ("superuser and go-live work counts as information-systems work").
    pub help: Option<String>,
    /// Ask only when every condition holds (about facts asked earlier); a fact not asked
    /// counts as none, zero or no. Keeps the run short: nobody without a degree is asked
    /// whether it was accredited.
    #[serde(default)]
    pub ask_if: Vec<FactCondition>,
    /// For a number fact counted in months: how it grows while the person does that work,
    /// so the plan can say when a certification comes within reach at their pace.
    pub accrues: Option<Accrual>,
    /// For a yes_no fact: how each answer reads in the line that says which situation the
    /// plan assumed ("You work in healthcare and are on a project now").
    pub situation: Option<SituationText>,
    /// For a number fact: the number fact it counts a part of (`months_healthcare` is part
    /// of `months_information_systems`). A part larger than its whole contradicts itself, so
    /// answers files, `--set` and the eligibility check refuse it, naming both facts.
    pub part_of: Option<String>,
    /// For a number fact: other number facts whose amount the issuer may also count toward
    /// this one, depending on what was covered (agile courses toward project-management
    /// education). The rule does not add them; a shortfall says they may count.
    #[serde(default)]
    pub may_include: Vec<String>,
}

/// How a months fact grows: one a month while every condition holds.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Accrual {
    /// Conditions on other facts under which the months accrue ("on a project now").
    #[serde(default)]
    pub when: Vec<FactCondition>,
    /// What the estimate assumes, after "if": "you lead the project you are on now".
    pub assumes: String,
    /// When the conditions do not hold, when the months start to count: "once you lead a
    /// project".
    pub otherwise: String,
}

/// How a yes_no fact reads after "You …": `yes: work in healthcare`, `no: work outside
/// healthcare`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SituationText {
    pub yes: String,
    pub no: String,
    /// Said only when every condition holds (whether you lead the project you are on is said
    /// only of someone on one).
    #[serde(default)]
    pub when: Vec<FactCondition>,
    /// Someone who answers no needs a way in: their plan holds at least one step made for
    /// that answer (`when: [{ fact: <this>, is: false }]`) and, where the pack offers
    /// networking among those steps, a networking step too, whatever else competes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub way_in: bool,
}

/// A condition on an earlier fact's answer: the fact, and one test of its value.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactCondition {
    pub fact: String,
    /// For a `select` fact: this option or a later one.
    pub at_least: Option<String>,
    /// For a `number` fact: at least this much.
    pub min: Option<f64>,
    /// For a `number` fact: less than this (an entry-level step for someone with under 24
    /// months leading projects).
    pub below: Option<f64>,
    /// For a `yes_no` fact: this answer.
    pub is: Option<bool>,
    /// For a `list` fact: this option is among the answers (`certifications_held` has
    /// `pmp`).
    pub has: Option<String>,
}

/// The shape of a fact's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    Select,
    Number,
    List,
    /// Yes or no ("I work in a healthcare organisation now").
    YesNo,
}

/// `competencies/<id>.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    pub id: String,
    pub title: String,
    /// A shorter title for narrow tables ("Clinical workflows").
    pub short_title: Option<String>,
    pub summary: String,
    /// What the person does at each level, keyed by level id; these are the statements of the
    /// competency's `rating` question, so a self-rating is never a bare number.
    pub levels: BTreeMap<String, String>,
    pub questions: Vec<Question>,
}

/// One question. Fields that do not fit its `kind` are refused by validation.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub prompt: String,
    /// A few words naming what the question is about ("Minimum necessary: treatment"), for
    /// the review list and the report, where the whole prompt would not fit one line.
    pub label: Option<String>,
    #[serde(default = "one")]
    pub weight: f64,
    #[serde(default)]
    pub options: Vec<Choice>,
    pub explanation: Option<String>,
    pub source: Option<Source>,
    pub unit: Option<String>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    #[serde(default)]
    pub bands: Vec<Band>,
    /// For a scenario: the field knowledge it needs, so a reviewer can tell an item that
    /// measures the role from one that common sense answers.
    pub field: Option<FieldKnowledge>,
    /// For an experience statement: the level that doing it shows.
    pub shows: Option<String>,
    /// Ask only when every condition on the background facts holds: a question about a
    /// credential's renewal rules goes only to people who hold it.
    #[serde(default)]
    pub ask_if: Vec<FactCondition>,
}

/// What a scenario needs that an outsider would not know.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldKnowledge {
    pub kind: FieldKind,
    /// The rule, standard, method or figure, in one line, with where it comes from.
    pub knowledge: String,
}

/// The kind of knowledge a scenario tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// A regulation or an issuer's rule (HIPAA, Part 2, information blocking, PMI's rules).
    Rule,
    /// A technical or professional standard (HL7 v2, FHIR, NIST, SAFER).
    Standard,
    /// A method of the field (earned value, root cause analysis, workflow mapping).
    Method,
    /// A number the field works with (a deadline, a threshold, a figure).
    Figure,
    /// Judgement, where judgement is what the competency is (communication, leadership,
    /// ethics).
    Judgement,
}

impl FieldKind {
    /// Whether the item needs knowledge of the field rather than judgement alone.
    pub fn needs_the_field(self) -> bool {
        self != FieldKind::Judgement
    }
}

fn one() -> f64 {
    1.0
}

/// What a question asks for and how it is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Self-rating against the competency's level statements.
    Rating,
    /// A scenario with exactly one right option.
    Choice,
    /// A scenario with several right options.
    Multi,
    /// An experience fact.
    YesNo,
    /// An experience amount, scored by bands.
    Number,
}

impl QuestionKind {
    /// Whether the question tests knowledge (a scenario).
    pub fn is_knowledge(self) -> bool {
        matches!(self, QuestionKind::Choice | QuestionKind::Multi)
    }

    /// Whether the question asks what the person has done.
    pub fn is_experience(self) -> bool {
        matches!(self, QuestionKind::YesNo | QuestionKind::Number)
    }

    /// The name used in the YAML files.
    pub fn name(self) -> &'static str {
        match self {
            QuestionKind::Rating => "rating",
            QuestionKind::Choice => "choice",
            QuestionKind::Multi => "multi",
            QuestionKind::YesNo => "yes_no",
            QuestionKind::Number => "number",
        }
    }
}

/// An option of a choice, multi, select or list.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub correct: bool,
}

/// A band of a number experience question: from this amount on, the answer shows a level.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub from: f64,
    /// The level that this much experience shows; absent for a band that shows none.
    pub shows: Option<String>,
}

/// Where a fact comes from, and when it was last checked.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    pub url: String,
    pub as_of: Date,
}

/// `recommendations.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendationsFile {
    pub recommendations: Vec<Recommendation>,
}

/// A concrete step a person can take.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub id: String,
    pub kind: RecommendationKind,
    pub title: String,
    pub detail: String,
    /// Competency ids this step helps close.
    pub builds: Vec<String>,
    /// Applies only while a built competency is below this level.
    pub below: Option<String>,
    pub horizon: Horizon,
    pub effort: Option<String>,
    pub cost: Option<String>,
    pub url: String,
    pub as_of: Date,
    /// The certification this step leads to, if any.
    pub certification: Option<String>,
    /// Applies only to people whose `degree` fact is below this option (a degree programme
    /// is no advice for someone who holds one already).
    pub degree_below: Option<String>,
    /// Applies only when every condition on the person's facts holds: a step that needs a
    /// hospital job says `{ fact: works_in_healthcare, is: true }`. A fact not answered counts
    /// as none, zero or no.
    #[serde(default)]
    pub when: Vec<FactCondition>,
    /// Offered only when the plan aims at one of these profiles (the chosen one, or the stage
    /// a stretch plan aims at). Empty: any stage.
    #[serde(default)]
    pub stages: Vec<String>,
    /// Offered without a gap when a plan would otherwise have fewer than three steps: growth
    /// for someone who meets every target.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub growth: bool,
    /// What completing the step gives: number fact id → the value it reaches at least (a
    /// 35-hour course gives `pm_education_hours: 35`). The plan counts it before placing a
    /// certification in a later horizon, and offers the step only while it adds something.
    #[serde(default)]
    pub provides: BTreeMap<String, f64>,
}

/// The four kinds of step the plan mixes.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RecommendationKind {
    Education,
    Certification,
    Networking,
    Experience,
}

impl RecommendationKind {
    /// The lower-case name used in files and output.
    pub fn name(self) -> &'static str {
        match self {
            RecommendationKind::Education => "education",
            RecommendationKind::Certification => "certification",
            RecommendationKind::Networking => "networking",
            RecommendationKind::Experience => "experience",
        }
    }
}

/// When a step is worth starting.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, schemars::JsonSchema,
)]
pub enum Horizon {
    #[serde(rename = "30d")]
    Days30,
    #[serde(rename = "90d")]
    Days90,
    #[serde(rename = "12m")]
    Months12,
}

impl Horizon {
    /// The heading a person reads.
    pub fn heading(self) -> &'static str {
        match self {
            Horizon::Days30 => "Next 30 days",
            Horizon::Days90 => "Next 90 days",
            Horizon::Months12 => "Next 12 months",
        }
    }

    /// The short code used in files and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Horizon::Days30 => "30d",
            Horizon::Days90 => "90d",
            Horizon::Months12 => "12m",
        }
    }
}

/// `certifications.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificationsFile {
    pub certifications: Vec<Certification>,
}

/// A certification and the routes to being eligible for it.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    pub id: String,
    pub title: String,
    pub issuer: String,
    pub routes: Vec<Route>,
    pub source: Source,
    pub note: Option<String>,
    /// Profile ids of the career stages this credential suits; eligible-now certifications
    /// that suit the chosen stage come first in the report and the plan.
    #[serde(default)]
    pub suits: Vec<String>,
    /// Credentials that outrank this one (a PMP holder needs no CAPM): holding one marks the
    /// row "not needed" and the plan never offers it.
    #[serde(default)]
    pub superseded_by: Vec<String>,
}

/// One way to become eligible; every requirement in it must be met.
#[derive(Debug, Clone, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub label: Option<String>,
    /// An option id of the `degree` fact; any option at or after it qualifies.
    pub degree_at_least: Option<String>,
    /// Numeric fact id → the least value needed.
    #[serde(default)]
    pub minimums: BTreeMap<String, f64>,
    /// Fact id → certifications whose holding meets that requirement instead: a numeric fact
    /// of `minimums`, `degree` for `degree_at_least` (a CCA stands in for an associate
    /// degree on CHPS's route), or a fact of `requires_yes`.
    #[serde(default)]
    pub waived_by: BTreeMap<String, Vec<String>>,
    /// yes_no fact ids that must be answered yes (`degree_gac_accredited`); `waived_by` may
    /// name credentials that stand in for one.
    #[serde(default)]
    pub requires_yes: Vec<String>,
}
