//! Bad input gets an error, never a panic: mangled answers files and rubric files, generated.

use proptest::prelude::*;
use skillgap::answers::{self, Completeness};
use skillgap::pack::{load_embedded, load_texts, EMBEDDED_PACK};

const EXAMPLE: &str = include_str!("../examples/answers/pm-from-banking.yaml");

/// Deletes line `drop`, and overwrites the character at `at` with `with`.
fn mangle(text: &str, drop: usize, at: usize, with: char) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let drop = drop % lines.len().max(1);
    let mut out: String = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != drop)
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    if !out.is_empty() {
        let mut at = at % out.len();
        while !out.is_char_boundary(at) {
            at -= 1;
        }
        let end = at + out[at..].chars().next().map_or(0, char::len_utf8);
        out.replace_range(at..end, &with.to_string());
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn mangled_answers_files_never_panic(drop in 0usize..400, at in 0usize..20_000, with in any::<char>()) {
        let pack = load_embedded().unwrap();
        let text = mangle(EXAMPLE, drop, at, with);
        if let Ok((mut a, spans)) = answers::parse("mangled.yaml", &text) {
            let problems = answers::check(&pack, &mut a, "mangled.yaml", &spans, Completeness::Required);
            for p in problems {
                prop_assert!(!p.message.is_empty());
            }
        }
    }

    #[test]
    fn arbitrary_text_as_answers_never_panics(text in ".{0,400}") {
        let pack = load_embedded().unwrap();
        if let Ok((mut a, spans)) = answers::parse("any.yaml", &text) {
            let _ = answers::check(&pack, &mut a, "any.yaml", &spans, Completeness::Partial);
        }
    }

    #[test]
    fn mangled_rubric_files_never_panic(file in 0usize..16, drop in 0usize..400, at in 0usize..40_000, with in any::<char>()) {
        let mut files: Vec<(String, String, String)> = Vec::new();
        collect(&EMBEDDED_PACK, &mut files);
        files.sort();
        let target = file % files.len();
        files[target].2 = mangle(&files[target].2, drop, at, with);
        if let Err(error) = load_texts(files) {
            prop_assert_eq!(error.exit_code(), 2);
            prop_assert!(!error.to_string().is_empty());
        }
    }
}

fn collect(dir: &include_dir::Dir<'static>, out: &mut Vec<(String, String, String)>) {
    for f in dir.files() {
        let rel = f.path().to_string_lossy().into_owned();
        out.push((rel.clone(), rel, f.contents_utf8().unwrap().to_string()));
    }
    for d in dir.dirs() {
        collect(d, out);
    }
}
