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
    doc.competencies[0].title = hostile.into();
    doc.recommendations[0].url = "javascript:alert(1)".into();
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

/// The HTML page keeps every section the other formats have, stays self-contained and
/// script-free, and has a print style.
#[test]
fn the_html_page_has_every_section_and_loads_nothing() {
    use skillgap::render::{for_format, Format, Style};
    let mut doc = document("software-engineer-to-healthcare.yaml");
    doc.competencies[1].carried_from = Some("2026-11-20T09:00:00Z".into());
    let html = for_format(Format::Html).render(&doc, Style::default());
    for part in [
        "<h2>Where you stand</h2>",
        "<svg ",
        "<polygon points=\"",
        "<h2>Competencies</h2>",
        "<p class=\"note\">Carried over from your result of 2026-11-20 (not retaken this time): Risk management.</p>",
        "<h2>Top gaps</h2>",
        "Why this score: ",
        "<h2>Where the self-rating and the answers disagree</h2>",
        "<h2>Certifications</h2>",
        "Confirm with the issuer before applying.",
        "<h2>Plan</h2>",
        "<p>Assumed: you work outside healthcare organisations",
        "<h3>Next 30 days</h3>",
        "<h3>Later: not yet within reach</h3>",
        "<li>PMP (PMI): within reach in about",
        "@media print",
        "<footer>Made with skillgap ",
    ] {
        assert!(html.contains(part), "missing {part:?}");
    }
    assert!(html.ends_with("</html>\n"));
    for outside in ["<script", "src=", "url(", "<link", "@import"] {
        assert!(
            !html.contains(outside),
            "loads or runs something: {outside}"
        );
    }
}

/// Hostile text in attribute values and in the chart's labels is escaped too.
#[test]
fn hostile_text_in_links_and_chart_labels_stays_text() {
    use skillgap::render::{for_format, Format, Style};
    let mut doc = document("software-engineer-to-healthcare.yaml");
    doc.recommendations[0].url = "https://x.example/\"><script>alert(1)</script>".into();
    doc.levels[0].short_title = "<b onmouseover=alert(1)>Novice</b>\u{1b}[2J".into();
    doc.competencies[2].title = "A & B <i>\u{9b}31m</i> 'quoted'".into();
    let html = for_format(Format::Html).render(&doc, Style::default());
    assert!(!html.contains("<script") && !html.contains("<b ") && !html.contains("<i>"));
    assert!(!html.contains('\u{1b}') && !html.contains('\u{9b}'));
    assert!(
        html.contains("href=\"https://x.example/&#34;&#62;&#60;script&#62;"),
        "the address is escaped inside its attribute"
    );
    assert!(html.contains("&#60;b onmouseover=alert(1)&#62;Novice&#60;/b&#62;\\e[2J"));
    assert!(html.contains("A &#38; B &#60;i&#62;\\u{9b}31m&#60;/i&#62; &#39;quoted&#39;"));
}
