//! JSON Schemas (draft-07) generated from the Rust types, so editors can check rubric and
//! answers files as people type, and programs can check result documents. The files in
//! `schemas/` are these, written out; a test fails when they drift from the code.

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;

use crate::answers::Answers;
use crate::pack::{CertificationsFile, Competency, PackFile, RecommendationsFile};
use crate::result::ResultDocument;

fn draft07<T: JsonSchema>(title: &str, description: &str) -> serde_json::Value {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    schema.insert("description".into(), description.into());
    schema.to_value()
}

/// Every published schema: (file name in `schemas/`, schema).
pub fn all() -> Vec<(&'static str, serde_json::Value)> {
    vec![
        ("result.schema.json", draft07::<ResultDocument>("skillgap result document", "What `skillgap assess --format json` and `skillgap export --format json` write (schema_version 1).")),
        ("answers.schema.json", draft07::<Answers>("skillgap answers file", "Answers to score with `skillgap assess --answers FILE`.")),
        ("rubric-pack.schema.json", draft07::<PackFile>("skillgap rubric pack: pack.yaml", "Levels, profiles and background facts of a rubric pack.")),
        ("rubric-competency.schema.json", draft07::<Competency>("skillgap rubric pack: competencies/<id>.yaml", "One competency: level descriptions and questions.")),
        ("rubric-recommendations.schema.json", draft07::<RecommendationsFile>("skillgap rubric pack: recommendations.yaml", "Steps the plan can recommend.")),
        ("rubric-certifications.schema.json", draft07::<CertificationsFile>("skillgap rubric pack: certifications.yaml", "Certifications and their eligibility routes.")),
        ("cohort.schema.json", draft07::<crate::cohort::CohortDocument>("skillgap cohort document", "What `skillgap cohort --format json` writes (schema_version 1).")),
    ]
}

/// A schema as it is written to disk: pretty, ending in a newline.
pub fn to_file_text(schema: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}
