//! Snapshots of the gap report, so a change to what a person reads is seen in review.

use skillgap::answers::{self, Completeness};
use skillgap::pack;
use skillgap::render::{Renderer, Style, TableRenderer};
use skillgap::result;

fn document(name: &str) -> result::ResultDocument {
    let pack = pack::load_embedded().unwrap();
    let path = format!("{}/examples/answers/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let (mut answers, spans) = answers::parse(&path, &text).unwrap();
    let problems = answers::check(&pack, &mut answers, &path, &spans, Completeness::Required);
    assert!(problems.is_empty(), "{problems:?}");
    answers::normalise(&pack, &mut answers);
    let profile = pack.profile(answers.profile.as_deref().unwrap()).unwrap();
    result::build(&pack, profile, &answers, "2026-11-25T12:00:00Z")
}

#[test]
fn gap_report_of_the_engineer_new_to_healthcare() {
    let doc = document("software-engineer-to-healthcare.yaml");
    insta::assert_snapshot!(TableRenderer.render(&doc, Style::default()));
}

#[test]
fn building_the_same_answers_twice_gives_the_same_document() {
    let a = document("clinician-to-informatics.yaml");
    let b = document("clinician-to-informatics.yaml");
    assert_eq!(a, b);
}

mod every_format {
    use super::document;
    use skillgap::render::{for_format, Format, Style};

    fn render(format: Format) -> String {
        let doc = document("software-engineer-to-healthcare.yaml");
        for_format(format).render(&doc, Style::default())
    }

    #[test]
    fn json() {
        insta::assert_snapshot!(render(Format::Json));
    }

    #[test]
    fn csv() {
        insta::assert_snapshot!(render(Format::Csv));
    }

    #[test]
    fn markdown() {
        insta::assert_snapshot!(render(Format::Markdown));
    }

    #[test]
    fn html() {
        insta::assert_snapshot!(render(Format::Html));
    }
}

/// Text from a rubric pack is data in every format: a hostile title cannot inject markup,
/// a formula, or a terminal escape.
#[test]
fn hostile_rubric_text_is_neutralised_in_every_format() {
    use skillgap::render::{for_format, Format, Style};
    let mut doc = document("software-engineer-to-healthcare.yaml");
    let hostile =
        "=HYPERLINK(\"http://evil\")<script>alert(1)</script>\u{1b}]0;owned\u{7}\u{1b}[2J|*x*";
    doc.competencies[0].title = hostile.to_string();
    doc.recommendations[0].url = "javascript:alert(1)".to_string();
    let table = for_format(Format::Table).render(&doc, Style::default());
    assert!(!table.contains('\u{1b}'), "no escape reaches the terminal");
    let html = for_format(Format::Html).render(&doc, Style::default());
    // askama writes numeric entities; either form is the text shown, never a tag.
    assert!(
        !html.contains("<script>")
            && (html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"))
    );
    assert!(!html.contains("href=\"javascript:"));
    assert!(!html.contains('\u{1b}'));
    let csv = for_format(Format::Csv).render(&doc, Style::default());
    assert!(csv.contains("\"'=HYPERLINK("), "formula neutralised: {csv}");
    let markdown = for_format(Format::Markdown).render(&doc, Style::default());
    assert!(markdown.contains("\\<script\\>") && markdown.contains("\\|\\*x\\*"));
    assert!(!markdown.contains("(javascript:"));
}
