//! Checks the built-in pack's YAML and embeds it as JSON, which a run reads quickly.
//!
//! Each file of `rubrics/healthcare-it-pm/` is read into the pack's own types (this script
//! includes `src/pack/files.rs`); a file that does not read stops the build with its file,
//! line and column. The whole pack goes to `OUT_DIR/built_in_pack.json` (serde_json), which
//! `src/pack/load.rs` deserializes at run time and validates in debug builds and tests.

use std::path::{Path, PathBuf};

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
    let mut paths = Vec::new();
    collect(&root.join(PACK), "", &mut paths);
    paths.sort();
    let text = |relative: &str| {
        let path = root.join(PACK).join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let competencies = paths
        .iter()
        .filter(|relative| relative.starts_with("competencies/"))
        .map(|relative| (relative.clone(), read(relative, &text(relative))))
        .collect();
    let pack = BuiltIn {
        pack: read("pack.yaml", &text("pack.yaml")),
        recommendations: read("recommendations.yaml", &text("recommendations.yaml")),
        certifications: read("certifications.yaml", &text("certifications.yaml")),
        competencies,
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let json = serde_json::to_string(&pack).expect("the pack's types write as JSON");
    std::fs::write(out.join("built_in_pack.json"), json).expect("write the pack into OUT_DIR");
}

/// The YAML `text` of the pack's file `relative`, read as a `T`; a fault stops the build.
fn read<T: serde::de::DeserializeOwned>(relative: &str, text: &str) -> T {
    serde_yaml::from_str(text).unwrap_or_else(|e| {
        let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or_default();
        panic!(
            "{PACK}/{relative}:{line}:{column}: {message} (`skillgap rubrics validate` says more)"
        )
    })
}

/// Every `.yaml` file under `dir`, as a path relative to the pack.
fn collect(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir)
        .expect("the pack folder reads")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() {
            collect(&entry.path(), &format!("{prefix}{name}/"), out);
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            out.push(format!("{prefix}{name}"));
        }
    }
}
