//! The shared FRUS TEI extract (1938, the Changkufeng border clash) read end to end: counts,
//! ids, dates, authors, footnotes kept out of the text, page breaks inside paragraphs.

use std::path::{Path, PathBuf};

use diplostance::corpus::{self, DatePrecision, Document, PartialDate, ReadOptions, tei};

use crate::util;

fn volume() -> Vec<Document> {
    tei::read_volume(&util::tei_1938(), false)
        .collect::<Result<Vec<_>, _>>()
        .expect("the shared extract reads without problems")
}

fn doc<'a>(docs: &'a [Document], id: &str) -> &'a Document {
    docs.iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("no document {id}"))
}

#[test]
fn tei_extract_has_64_dated_documents_in_file_order() {
    let docs = volume();
    assert_eq!(docs.len(), 64);
    assert_eq!(docs[0].id, "frus1938v03-d423");
    assert_eq!(docs[63].id, "frus1938v03-d486");
    assert!(docs.iter().all(|d| d.id.starts_with("frus1938v03-d")));
    let mut ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 64, "ids are unique");
    assert_eq!(docs[0].meta.date, Some(PartialDate::ymd(1938, 1, 25)));
    assert_eq!(docs[63].meta.date, Some(PartialDate::ymd(1938, 12, 22)));
    for d in &docs {
        let date = d
            .meta
            .date
            .unwrap_or_else(|| panic!("{} has no date", d.id));
        assert_eq!(date.precision(), DatePrecision::Day, "{}", d.id);
        assert_eq!(date.year, 1938);
        assert!(!d.text.trim().is_empty(), "{}", d.id);
    }
    // The undated Belgian memorandum takes its day from frus:doc-dateTime-min.
    assert_eq!(
        doc(&docs, "frus1938v03-d430").meta.date,
        Some(PartialDate::ymd(1938, 2, 23))
    );
}

#[test]
fn tei_kirk_the_charge_in_moscow_wrote_27() {
    let docs = volume();
    let kirk: Vec<_> = docs
        .iter()
        .filter(|d| d.meta.author.as_deref() == Some("Kirk"))
        .collect();
    assert_eq!(kirk.len(), 27);
    for d in &kirk {
        assert_eq!(
            d.meta.author_role.as_deref(),
            Some("Chargé in the Soviet Union"),
            "{}",
            d.id
        );
        assert_eq!(d.meta.place.as_deref(), Some("Moscow"), "{}", d.id);
        assert_eq!(d.meta.recipient.as_deref(), Some("Secretary of State"));
    }
    let d465 = doc(&docs, "frus1938v03-d465");
    assert_eq!(
        d465.meta.source.as_deref(),
        Some("761.93 Manchuria/157: Telegram")
    );
    assert_eq!(
        d465.meta.title.as_deref(),
        Some("The Chargé in the Soviet Union (Kirk) to the Secretary of State")
    );
    // A gloss names a role, not a person: it is both author and role.
    let d423 = doc(&docs, "frus1938v03-d423");
    assert_eq!(d423.meta.author.as_deref(), Some("Secretary of State"));
    assert_eq!(
        d423.meta.recipient.as_deref(),
        Some("Van der Straten-Ponthoz")
    );
    assert_eq!(d423.meta.place.as_deref(), Some("Washington"));
    // Memoranda carry no tagged author; the head names one.
    assert_eq!(
        doc(&docs, "frus1938v03-d429").meta.author.as_deref(),
        Some("Hamilton")
    );
}

#[test]
fn tei_footnotes_are_notes_never_text() {
    let docs = volume();
    let d423 = doc(&docs, "frus1938v03-d423");
    assert!(
        d423.notes.iter().any(|n| n == "Not printed."),
        "{:?}",
        d423.notes
    );
    assert!(
        d423.text
            .contains("January 24, 1938, making inquiry in regard to"),
        "the footnote call leaves the sentence whole"
    );
    for d in &docs {
        assert!(!d.text.contains("Not printed."), "{}", d.id);
        assert!(!d.text.contains("[Footnote in the original"), "{}", d.id);
    }
    let with_notes = docs.iter().filter(|d| !d.notes.is_empty()).count();
    assert!(with_notes > 30, "{with_notes}");
    // Head, dateline and signature are metadata, not scored text.
    let d465 = doc(&docs, "frus1938v03-d465");
    assert!(
        d465.text.starts_with("229. My 288, August 4"),
        "{}",
        d465.text
    );
    assert!(!d465.text.contains("[Received"));
    assert!(!d465.text.trim_end().ends_with("Kirk"));
}

#[test]
fn tei_page_break_inside_paragraph_keeps_words_apart_and_whole() {
    let docs = volume();
    let d445 = doc(&docs, "frus1938v03-d445");
    assert!(d445.text.contains("communicated to Tokyo by the Embassy"));
    assert!(
        doc(&docs, "frus1938v03-d465")
            .text
            .contains("Ambassador therefore is proposing")
    );
    assert!(
        doc(&docs, "frus1938v03-d425")
            .text
            .contains("ambiguity of official pronouncements in")
    );
}

/// The extract has no word actually broken by a `pb` (every `pb` in a paragraph sits between
/// words), so break one: `communi<pb .../>cated` in d445 must still read as one word.
#[test]
fn tei_word_split_by_page_break_stays_one_word() {
    let xml = std::fs::read_to_string(util::tei_1938()).unwrap();
    let at = xml
        .find("communicated <pb n=\"456\"")
        .expect("d445 page break");
    let mut broken = xml.clone();
    broken.replace_range(at..at + "communicated ".len(), "communi");
    let close = at + broken[at..].find("/>to Tokyo").unwrap() + 2;
    broken.insert_str(close, "cated ");
    assert!(broken.contains("communi<pb n=\"456\""));
    let docs: Vec<_> = tei::read_bytes(Path::new("broken.xml"), broken.into_bytes(), false)
        .collect::<Result<_, _>>()
        .unwrap();
    let text = &doc(&docs, "frus1938v03-d445").text;
    assert!(
        text.split_whitespace().any(|w| w == "communicated"),
        "{text}"
    );
    assert!(text.contains("communicated to Tokyo"));
}

#[test]
fn tei_paragraphs_are_blank_line_separated_and_whitespace_collapsed() {
    let docs = volume();
    for d in &docs {
        for para in d.text.split("\n\n") {
            assert!(
                !para.is_empty() && !para.contains('\n'),
                "{}: {para:?}",
                d.id
            );
            assert!(!para.contains("  "), "{}: {para:?}", d.id);
            assert_eq!(para, para.trim(), "{}", d.id);
        }
    }
    let d465 = doc(&docs, "frus1938v03-d465");
    assert!(d465.text.split("\n\n").count() >= 3, "{}", d465.text);
    // The list of d426 puts each labelled item in its own paragraph.
    let d426 = doc(&docs, "frus1938v03-d426");
    assert!(
        d426.text
            .contains("\n\n(1) Germany wants to disassociate herself"),
        "{}",
        d426.text
    );
}

#[test]
fn tei_import_to_jsonl_reads_back_equal() {
    let docs = volume();
    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("corpus.jsonl");
    let mut lines = String::new();
    for d in &docs {
        lines.push_str(&corpus::to_jsonl_line(d));
        lines.push('\n');
    }
    std::fs::write(&out, lines).unwrap();
    let back = corpus::load(&[out], &ReadOptions::default()).unwrap();
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(back.docs.len(), docs.len());
    for (a, b) in docs.iter().zip(&back.docs) {
        let strip = |d: &Document| Document {
            origin: Default::default(),
            ..d.clone()
        };
        assert_eq!(strip(a), strip(b));
    }
}

#[test]
fn tei_through_read_has_no_problems_or_warnings() {
    let c = corpus::load(&[util::tei_1938()], &ReadOptions::default()).unwrap();
    assert_eq!(c.docs.len(), 64);
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert_eq!(c.undated(), 0);
    // Each document knows where it came from.
    let d = &c.docs[0];
    assert_eq!(d.origin.path.as_deref(), Some(util::tei_1938().as_path()));
    assert!(d.origin.line.is_some_and(|l| l > 40));
}
