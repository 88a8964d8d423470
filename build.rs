//! Checks the built-in pack's YAML and embeds it as JSON, which a run reads quickly.
//!
//! Each file of `rubrics/healthcare-it-pm/` is read into the pack's own types (this script
//! includes `src/pack/files.rs`); a file that does not read, or that gives a key twice, stops
//! the build with its file, line and column. The whole pack goes to
//! `OUT_DIR/built_in_pack.json` (serde_json), which `src/pack/load.rs` deserializes at run
//! time, and validates in debug builds, in tests and in `skillgap rubrics validate`.

use std::path::PathBuf;

#[path = "src/pack/files.rs"]
#[allow(dead_code)]
mod files;

const PACK: &str = "rubrics/healthcare-it-pm";

/// The built-in pack's files, as `src/pack/load.rs` reads them back (`BuiltIn`).
#[derive(serde::Serialize)]
struct BuiltIn {
    pack: files::PackFile,
    recommendations: files::RecommendationsFile,
    certifications: files::CertificationsFile,
    /// (path in the pack, competency)
    competencies: Vec<(String, files::Competency)>,
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/pack/files.rs");
    println!("cargo:rerun-if-changed={PACK}");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let folder = root.join(PACK).join("competencies");
    let mut competencies: Vec<String> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| entry.expect("the folder lists").file_name())
        .map(|name| format!("competencies/{}", name.to_string_lossy()))
        .filter(|name| name.ends_with(".yaml") || name.ends_with(".yml"))
        .collect();
    competencies.sort();
    let pack = BuiltIn {
        pack: read(&root, "pack.yaml"),
        recommendations: read(&root, "recommendations.yaml"),
        certifications: read(&root, "certifications.yaml"),
        competencies: competencies
            .into_iter()
            .map(|relative| (relative.clone(), read(&root, &relative)))
            .collect(),
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let json = serde_json::to_string(&pack).expect("the pack's types write as JSON");
    std::fs::write(out.join("built_in_pack.json"), json).expect("write the pack into OUT_DIR");
}

/// The pack's file `relative`, read as a `T`; a fault stops the build. serde_yaml's own
/// `Value` refuses a mapping that gives a key twice, where a `T` would keep the last.
fn read<T: serde::de::DeserializeOwned>(root: &std::path::Path, relative: &str) -> T {
    let path = root.join(PACK).join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{relative}: {e}"));
    let read = serde_yaml::from_str::<serde_yaml::Value>(&text);
    read.and_then(|_| serde_yaml::from_str(&text))
        .unwrap_or_else(|e| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or_default();
            panic!("{PACK}/{relative}:{line}:{column}: {message}")
        })
}
