//! Property tests with a fixed budget: the answers reader, the pack loader and the result
//! reader take any bytes without panicking, in bounded time, and what they accept renders
//! with no control character left for a terminal.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use skillgap::answers::{self, Completeness};
use skillgap::pack::{load_embedded, load_texts, EMBEDDED_PACK};
use skillgap::render::{for_format, Format, Style};
use skillgap::{history, store};

const ESC: char = '\u{1b}';
const CSI: char = '\u{9b}';

/// Each case is one small input: far below a second even in a debug build on a busy machine.
const PER_CASE: Duration = Duration::from_secs(3);

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// YAML's structural characters and a few words: inputs that reach deep into the parser.
fn yamlish() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "([\\[\\]{}:,\\- \\n\"'#&*!|>?%@`\\t\\\\]|a|b|yes|no|1|-1e308|nan|.inf|profile|facts|answers|\u{feff}|\u{1b}|\u{9b}){0,400}",
    )
    .unwrap()
}

/// Deep nesting of one kind, as a hostile file would have it.
fn nested() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["[", "{a: ", "- ", "? ", "a:\n ", "&x [", "!t {"]),
        0usize..5000,
        prop::sample::select(vec!["", "answers:\n  x: ", "facts: "]),
    )
        .prop_map(|(open, depth, head)| format!("{head}{}", open.repeat(depth)))
}

fn answers_input() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..2000),
        yamlish().prop_map(String::into_bytes),
        nested().prop_map(String::into_bytes),
    ]
}

fn pack() -> &'static skillgap::pack::Pack {
    static PACK: std::sync::OnceLock<skillgap::pack::Pack> = std::sync::OnceLock::new();
    PACK.get_or_init(|| load_embedded().unwrap())
}

fn read_answers(bytes: Vec<u8>) {
    let pack = pack();
    let Ok(text) = store::decode("any.yaml", bytes) else {
        return;
    };
    if let Ok((mut a, spans)) = answers::parse("any.yaml", &text) {
        for problem in answers::check(pack, &mut a, "any.yaml", &spans, Completeness::Required) {
            assert!(!problem.to_string().contains(ESC));
        }
    }
}

fn pack_files() -> Vec<(String, String, String)> {
    fn collect(dir: &include_dir::Dir<'static>, out: &mut Vec<(String, String, String)>) {
        for f in dir.files() {
            let rel = f.path().to_string_lossy().into_owned();
            out.push((rel.clone(), rel, f.contents_utf8().unwrap().to_string()));
        }
        for d in dir.dirs() {
            collect(d, out);
        }
    }
    let mut files = Vec::new();
    collect(&EMBEDDED_PACK, &mut files);
    files.sort();
    files
}

/// A real result document as JSON, to mutate.
fn result_json() -> &'static str {
    static JSON: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    JSON.get_or_init(|| {
        let pack = pack();
        let text = include_str!("../examples/answers/pm-from-banking.yaml");
        let (mut a, _) = answers::parse("x", text).unwrap();
        answers::normalise(pack, &mut a);
        let profile = pack.profile("project_manager").unwrap();
        let doc = skillgap::result::build(pack, profile, &a, "2026-11-25T00:00:00Z");
        serde_json::to_string_pretty(&doc).unwrap()
    })
}

/// Cuts, overwrites or splices `json` at `at`.
fn mutate(json: &str, how: u8, at: usize, with: &str) -> String {
    let mut at = at % json.len().max(1);
    while !json.is_char_boundary(at) {
        at -= 1;
    }
    match how % 3 {
        0 => json[..at].to_string(),
        1 => format!("{}{with}{}", &json[..at], &json[at..]),
        _ => {
            let end = (at + with.len()).min(json.len());
            let mut end = end;
            while !json.is_char_boundary(end) {
                end -= 1;
            }
            format!("{}{with}{}", &json[..at], &json[end..])
        }
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn the_answers_reader_takes_any_bytes(bytes in answers_input()) {
        let start = Instant::now();
        read_answers(bytes);
        prop_assert!(start.elapsed() < PER_CASE, "{:?}", start.elapsed());
    }

    #[test]
    fn the_pack_loader_takes_any_file(file in 0usize..16, text in prop_oneof![yamlish(), nested()]) {
        let mut files = pack_files();
        let target = file % files.len();
        files[target].2 = text;
        let start = Instant::now();
        if let Err(error) = load_texts(files) {
            prop_assert_eq!(error.exit_code(), 2);
            let message = error.to_string();
            prop_assert!(!message.is_empty() && !message.contains(ESC), "{}", message);
        }
        prop_assert!(start.elapsed() < PER_CASE, "{:?}", start.elapsed());
    }

    #[test]
    fn the_result_reader_takes_any_damage(
        how in any::<u8>(),
        at in 0usize..80_000,
        with in "(\"|\\{|\\[|\\]|,|:|-1e999|1e308|null|\u{1b}]0;x\u{7}|\u{9b}2J|\u{202e}|[a-z ]){0,20}",
    ) {
        let json = mutate(result_json(), how, at, &with);
        let start = Instant::now();
        match history::parse("r.json", &json) {
            Err(problem) => prop_assert!(!problem.to_string().contains(ESC), "{}", problem),
            Ok(doc) => {
                let shown = skillgap::text::for_display(&doc).unwrap();
                for format in [Format::Table, Format::Markdown, Format::Csv, Format::Html] {
                    let out = for_format(format).render(&shown, Style::default());
                    prop_assert!(!out.contains(ESC) && !out.contains(CSI), "{:?}", format);
                }
            }
        }
        prop_assert!(start.elapsed() < PER_CASE, "{:?}", start.elapsed());
    }

    #[test]
    fn the_result_reader_takes_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        std::fs::write(&path, &bytes).unwrap();
        let start = Instant::now();
        if let Err(error) = history::read(&path) {
            prop_assert_eq!(error.exit_code(), 2);
        }
        prop_assert!(start.elapsed() < PER_CASE, "{:?}", start.elapsed());
    }
}
