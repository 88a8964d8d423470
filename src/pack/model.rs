//! The rubric pack as plain data: what the YAML files hold, checked by [`super::validate`].
//!
//! Every struct refuses unknown fields, and none uses `#[serde(flatten)]` or internally tagged
//! enums: serde_yaml reports wrong error positions under both.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

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

/// The scoring model: knowing is not doing.
///
/// A competency's evidence score is knowledge points times the share of scenarios answered
/// right plus experience points times the share of experience statements that hold. The
/// self-rating then pulls the score toward the rated level, by a share of the distance and at
/// most a few points. Finally a level above `competent` must be backed by experience: each
/// level in `experience_needed` is reached only with at least that share of the experience.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Scoring {
    /// Points (of 100) that scenario answers can earn.
    pub knowledge_points: f64,
    /// Points (of 100) that experience can earn; with `knowledge_points` they make 100.
    pub experience_points: f64,
    /// The share (0–1) of the distance between evidence and the self-rated level that the
    /// self-rating closes.
    pub self_rating_share: f64,
    /// The most points the self-rating can move a score, either way.
    pub self_rating_max_points: f64,
    /// Level id → the least share (0–1) of a competency's experience that the level needs.
    pub experience_needed: BTreeMap<String, f64>,
    /// Self-rating and evidence disagree (calibration) when the self-rated level's midpoint
    /// and the evidence score are at least this many points apart.
    pub calibration_margin: f64,
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            knowledge_points: 50.0,
            experience_points: 50.0,
            self_rating_share: 0.25,
            self_rating_max_points: 10.0,
            experience_needed: BTreeMap::new(),
            calibration_margin: 30.0,
        }
    }
}

/// The default run: a short assessment people finish, with a bigger bank behind it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct DefaultRun {
    /// Scenarios asked per competency; retakes draw the next ones from the bank.
    pub scenarios_per_competency: usize,
    /// The most prompts (facts included) the default run may ask; scenarios give way first.
    pub max_prompts: usize,
}

impl Default for DefaultRun {
    fn default() -> Self {
        DefaultRun {
            scenarios_per_competency: 2,
            max_prompts: 50,
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
    /// How a shortfall reads after "N more <unit>": "leading projects".
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

/// A scoring band of a number question.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub from: f64,
    pub score: f64,
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
    /// of `minimums`, or `degree` for `degree_at_least` (a CCA stands in for an associate
    /// degree on CHPS's route).
    #[serde(default)]
    pub waived_by: BTreeMap<String, Vec<String>>,
    /// yes_no fact ids that must be answered yes (`degree_gac_accredited`).
    #[serde(default)]
    pub requires_yes: Vec<String>,
}

/// A loaded, validated pack: `pack.yaml` with everything the other files add.
#[derive(Debug, Clone)]
pub struct Pack {
    pub id: String,
    pub title: String,
    pub version: u32,
    pub description: String,
    pub levels: Vec<Level>,
    pub profiles: Vec<Profile>,
    pub facts: Vec<Fact>,
    pub competencies: Vec<Competency>,
    pub recommendations: Vec<Recommendation>,
    pub certifications: Vec<Certification>,
    pub scoring: Scoring,
    pub default_run: DefaultRun,
    /// Ids to positions, built on the first lookup; `PackIndex::default()` when building a
    /// pack by hand.
    pub index: PackIndex,
}

/// Where each id of a [`Pack`] is, so that looking one up costs the same in a pack of ten
/// questions and in one of thirty thousand. Built once, on the first lookup. A pack changed
/// after that is still answered right when items were added or removed: every hit is checked
/// against the pack, and when the pack's shape no longer matches the index, lookups fall back
/// to a scan. Code that renames ids in place sets `pack.index = PackIndex::default()`.
#[derive(Debug, Clone, Default)]
pub struct PackIndex(std::sync::OnceLock<Index>);

#[derive(Debug, Clone)]
struct Index {
    shape: [usize; 6],
    levels: HashMap<String, usize>,
    profiles: HashMap<String, usize>,
    competencies: HashMap<String, usize>,
    facts: HashMap<String, usize>,
    certifications: HashMap<String, usize>,
    questions: HashMap<String, (usize, usize)>,
}

/// The first position of each id (as a scan would find it).
fn positions<'a>(ids: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
    let mut map = HashMap::default();
    for (i, id) in ids.enumerate() {
        map.entry(id.clone()).or_insert(i);
    }
    map
}

impl Pack {
    fn shape(&self) -> [usize; 6] {
        [
            self.levels.len(),
            self.profiles.len(),
            self.competencies.len(),
            self.facts.len(),
            self.certifications.len(),
            self.competencies.iter().map(|c| c.questions.len()).sum(),
        ]
    }

    /// The index, when it still fits the pack.
    fn index(&self) -> Option<&Index> {
        let index = self.index.0.get_or_init(|| {
            let mut questions = HashMap::default();
            for (c, competency) in self.competencies.iter().enumerate() {
                for (q, question) in competency.questions.iter().enumerate() {
                    questions.entry(question.id.clone()).or_insert((c, q));
                }
            }
            Index {
                shape: self.shape(),
                levels: positions(self.levels.iter().map(|l| &l.id)),
                profiles: positions(self.profiles.iter().map(|p| &p.id)),
                competencies: positions(self.competencies.iter().map(|c| &c.id)),
                facts: positions(self.facts.iter().map(|f| &f.id)),
                certifications: positions(self.certifications.iter().map(|c| &c.id)),
                questions,
            }
        });
        (index.shape == self.shape()).then_some(index)
    }

    /// Builds the index now rather than on the first lookup.
    pub fn build_index(&self) {
        let _ = self.index();
    }

    /// The position of a level id on the scale, lowest 0.
    pub fn level_index(&self, id: &str) -> Option<usize> {
        match self.index() {
            Some(index) => index
                .levels
                .get(id)
                .copied()
                .filter(|&i| self.levels.get(i).is_some_and(|l| l.id == id)),
            None => self.levels.iter().position(|l| l.id == id),
        }
    }

    /// A profile by id.
    pub fn profile(&self, id: &str) -> Option<&Profile> {
        match self.index() {
            Some(index) => index
                .profiles
                .get(id)
                .and_then(|&i| self.profiles.get(i))
                .filter(|p| p.id == id),
            None => self.profiles.iter().find(|p| p.id == id),
        }
    }

    /// A competency by id.
    pub fn competency(&self, id: &str) -> Option<&Competency> {
        match self.index() {
            Some(index) => index
                .competencies
                .get(id)
                .and_then(|&i| self.competencies.get(i))
                .filter(|c| c.id == id),
            None => self.competencies.iter().find(|c| c.id == id),
        }
    }

    /// A fact by id.
    pub fn fact(&self, id: &str) -> Option<&Fact> {
        match self.index() {
            Some(index) => index
                .facts
                .get(id)
                .and_then(|&i| self.facts.get(i))
                .filter(|f| f.id == id),
            None => self.facts.iter().find(|f| f.id == id),
        }
    }

    /// Whether `fact` is asked of someone whose facts so far are `known`: every `ask_if`
    /// condition holds. A fact that is not asked counts as none, zero or no.
    pub fn fact_applies(
        &self,
        fact: &Fact,
        known: &std::collections::BTreeMap<String, crate::answers::Value>,
    ) -> bool {
        self.conditions_hold(&fact.ask_if, known)
    }

    /// Whether every condition holds for `known` facts; a fact not given counts as none,
    /// zero or no.
    pub fn conditions_hold(
        &self,
        conditions: &[FactCondition],
        known: &std::collections::BTreeMap<String, crate::answers::Value>,
    ) -> bool {
        conditions.iter().all(|condition| {
            let value = known.get(&condition.fact);
            let option_rank = |id: &str| {
                self.fact(&condition.fact)
                    .and_then(|f| f.options.iter().position(|o| o.id == id))
            };
            let at_least = condition.at_least.as_deref().is_none_or(|least| {
                let have = value.and_then(|v| v.as_text()).and_then(option_rank);
                matches!((have, option_rank(least)), (Some(h), Some(l)) if h >= l)
            });
            let number = value.and_then(|v| v.as_number()).unwrap_or(0.0);
            let min = condition.min.is_none_or(|min| number >= min);
            let below = condition.below.is_none_or(|limit| number < limit);
            let is = condition
                .is
                .is_none_or(|wanted| value.and_then(|v| v.as_bool()).unwrap_or(false) == wanted);
            let has = condition
                .has
                .as_deref()
                .is_none_or(|id| value.is_some_and(|v| v.as_list().contains(&id)));
            at_least && min && below && is && has
        })
    }

    /// A certification by id.
    pub fn certification(&self, id: &str) -> Option<&Certification> {
        match self.index() {
            Some(index) => index
                .certifications
                .get(id)
                .and_then(|&i| self.certifications.get(i))
                .filter(|c| c.id == id),
            None => self.certifications.iter().find(|c| c.id == id),
        }
    }

    /// Every question with the competency it belongs to, in asking order.
    pub fn questions(&self) -> impl Iterator<Item = (&Competency, &Question)> {
        self.competencies
            .iter()
            .flat_map(|c| c.questions.iter().map(move |q| (c, q)))
    }

    /// A question and its competency by question id.
    pub fn question(&self, id: &str) -> Option<(&Competency, &Question)> {
        match self.index() {
            Some(index) => index.questions.get(id).and_then(|&(c, q)| {
                let competency = self.competencies.get(c)?;
                let question = competency.questions.get(q)?;
                (question.id == id).then_some((competency, question))
            }),
            None => self.questions().find(|(_, q)| q.id == id),
        }
    }

    /// A copy whose text is fit for a terminal: every string escaped and of bounded length
    /// (see [`crate::text::for_display`]). Ids are valid ids already and stay the same.
    pub fn for_display(&self) -> Pack {
        use crate::text::{for_display, one_line};
        fn each<T: Clone + Serialize + serde::de::DeserializeOwned>(items: &[T]) -> Vec<T> {
            let items = items.to_vec();
            for_display(&items).unwrap_or(items)
        }
        Pack {
            id: self.id.clone(),
            title: one_line(&self.title),
            version: self.version,
            description: crate::text::escape(&self.description),
            levels: each(&self.levels),
            profiles: each(&self.profiles),
            facts: each(&self.facts),
            competencies: each(&self.competencies),
            recommendations: each(&self.recommendations),
            certifications: each(&self.certifications),
            scoring: self.scoring.clone(),
            default_run: self.default_run.clone(),
            index: PackIndex::default(),
        }
    }

    /// How many questions the pack asks, facts included.
    pub fn question_count(&self) -> usize {
        self.facts.len()
            + self
                .competencies
                .iter()
                .map(|c| c.questions.len())
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lookups_use_the_index_and_survive_a_changed_pack() {
        let mut pack = crate::pack::load_embedded().unwrap();
        let (c, q) = pack.question("hipaa_rating").unwrap();
        assert_eq!((c.id.as_str(), q.id.as_str()), ("hipaa", "hipaa_rating"));
        assert!(pack.question("no_such_question").is_none());
        assert_eq!(pack.level_index("novice"), Some(0));
        assert!(pack.profile("project_manager").is_some());
        // A question added after the index was built is still found.
        let mut extra = pack.competencies[0].questions[0].clone();
        extra.id = "added_later".into();
        pack.competencies[1].questions.insert(0, extra);
        assert_eq!(
            pack.question("added_later").unwrap().0.id,
            pack.competencies[1].id
        );
        assert_eq!(pack.question("hipaa_rating").unwrap().1.id, "hipaa_rating");
    }
}

#[cfg(test)]
mod display_tests {
    use crate::text::for_display;

    #[test]
    fn every_part_of_a_pack_reads_back_for_display() {
        let mut pack = crate::pack::load_embedded().unwrap();
        assert!(for_display(&pack.levels).is_some());
        assert!(for_display(&pack.profiles).is_some());
        assert!(for_display(&pack.facts).is_some());
        assert!(for_display(&pack.competencies).is_some());
        assert!(for_display(&pack.recommendations).is_some());
        assert!(for_display(&pack.certifications).is_some());
        pack.facts[1].unit = Some("months\u{1b}]0;x\u{7}".into());
        pack.levels[0].title = "Novice\u{9b}2J".into();
        let shown = pack.for_display();
        assert_eq!(shown.facts[1].unit.as_deref(), Some("months\\e]0;x\\a"));
        assert_eq!(shown.levels[0].title, "Novice\\u{9b}2J");
        assert_eq!(shown.question_count(), pack.question_count());
        assert!(shown.question("hipaa_rating").is_some());
    }
}
