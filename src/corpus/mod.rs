//! Documents and the readers that produce them.
//!
//! A corpus is one or more paths of mixed kinds (a FRUS TEI volume, a folder of `.txt` files with
//! optional front matter, a JSONL file, a CSV/TSV manifest, or `-` for standard input) read as one
//! stream of [`Document`]s. Readers stream: a whole FRUS volume is never held as a DOM, and a
//! scorer can start on the first document before the last is read.
//!
//! Nothing is dropped silently: an input that cannot be read becomes a [`Problem`] that names the
//! file (and line, column or document) and says what is wrong; the caller reports it.

mod date;
pub mod decode;
pub mod jsonl;
pub mod manifest;
mod stream;
pub mod tei;
pub mod textdir;

pub use date::{DatePrecision, PartialDate, civil_from_days, days_from_civil, days_in_month};
pub use stream::{DocStream, InputKind, ReadOptions, read};

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

use crate::location::Location;

/// Metadata of one document. Every field is optional: plain text files often have none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocMeta {
    /// Date of the document, with its precision (FRUS gives "1941-03" as often as a day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// The writer, e.g. "Kirk".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The writer's role, e.g. "Chargé in the Soviet Union".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_role: Option<String>,
    /// The addressee, e.g. "Secretary of State".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// Where it was written, e.g. "Moscow".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// File number or source, e.g. "761.94/1132" or a URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Where the document can be read online, e.g. its page on history.state.gov.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Title or heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// One report: its id, metadata, the text that is scored, and editorial notes that are not.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Unique id within a corpus, e.g. `frus1938v03-d465`.
    pub id: String,
    /// Metadata.
    #[serde(flatten)]
    pub meta: DocMeta,
    /// The scored text.
    pub text: String,
    /// Editorial footnotes, kept apart from the text and never scored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Where the document was read from (file, and line or element where known); not part of
    /// the document's content, so not serialized.
    #[serde(skip)]
    pub origin: Location,
}

impl Document {
    /// A document with only an id and text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            ..Document::default()
        }
    }
}

/// An input that could not be read, or a document that could not be used: kept and reported,
/// never dropped silently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// Where: file, line, column, document.
    pub location: Location,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::location::located(&self.location, &self.message))
    }
}

/// A fatal corpus error: the corpus as a whole cannot be read.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{problem}")]
pub struct CorpusError {
    /// What and where.
    pub problem: Problem,
}

impl From<Problem> for CorpusError {
    fn from(problem: Problem) -> Self {
        CorpusError { problem }
    }
}

/// A whole corpus, collected from a [`DocStream`]: documents in read order (callers sort by
/// date where they need to), the problems met, and the warnings to show the user.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The documents, in read order.
    pub docs: Vec<Document>,
    /// Inputs or documents that could not be used, each saying where and why.
    pub problems: Vec<Problem>,
    /// Things the user should know that did not stop a document from being used (undated
    /// documents, replaced bytes, skipped files).
    pub warnings: Vec<String>,
}

impl Corpus {
    /// How many documents have no date (kept, but left out of timelines).
    pub fn undated(&self) -> usize {
        self.docs.iter().filter(|d| d.meta.date.is_none()).count()
    }
}

/// Read `paths` as one corpus and collect it. See [`read`] for what is accepted and what is
/// fatal.
pub fn load(paths: &[PathBuf], opts: &ReadOptions) -> Result<Corpus, CorpusError> {
    let mut stream = read(paths, opts)?;
    let mut corpus = Corpus::default();
    for item in stream.by_ref() {
        match item {
            Ok(d) => corpus.docs.push(d),
            Err(p) => corpus.problems.push(p),
        }
    }
    corpus.warnings = stream.take_warnings();
    Ok(corpus)
}

/// The bundled sample corpus, compiled into the binary: five FRUS reports on Soviet-Japanese
/// relations, 1936-1941 (`corpus/seeds/`), so every command works with no files at all.
pub fn bundled() -> Vec<Document> {
    const SEEDS: [(&str, &str); 5] = [
        (
            "000_20e20530329bb00a.txt",
            include_str!("../../corpus/seeds/000_20e20530329bb00a.txt"),
        ),
        (
            "001_e38c27670da1ab01.txt",
            include_str!("../../corpus/seeds/001_e38c27670da1ab01.txt"),
        ),
        (
            "002_f7dd297497f529c9.txt",
            include_str!("../../corpus/seeds/002_f7dd297497f529c9.txt"),
        ),
        (
            "003_fe2760461df57255.txt",
            include_str!("../../corpus/seeds/003_fe2760461df57255.txt"),
        ),
        (
            "004_5d10813698d0fa4d.txt",
            include_str!("../../corpus/seeds/004_5d10813698d0fa4d.txt"),
        ),
    ];
    SEEDS
        .iter()
        .filter_map(|(name, text)| {
            let path = std::path::Path::new("<bundled>/corpus/seeds").join(name);
            // The files are compiled in and parsed by a unit test, so this never fails.
            textdir::parse_text(&path, None, text).ok()
        })
        .collect()
}

/// True when `text` has a word to score: a letter outside the editorial page markers
/// (`[Page 113]`). A document of punctuation, numbers, NULs or page markers alone is "no text",
/// like an empty one, instead of a document with made-up scores.
pub fn has_words(text: &str) -> bool {
    let mut rest = text;
    while let Some(i) = rest.find(char::is_alphabetic) {
        let before = &rest[..i];
        let after = &rest[i..];
        // A letter right after "[" that starts "[Page N]" or "[Pages N-M]" is the marker's.
        let marker = before.ends_with('[')
            && (after.starts_with("Page ") || after.starts_with("Pages "))
            && after.find(']').is_some_and(|end| {
                after[..end]
                    .trim_start_matches("Pages ")
                    .trim_start_matches("Page ")
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | ' ' | ','))
            });
        if !marker {
            return true;
        }
        rest = &after[after.find(']').map_or(after.len(), |e| e + 1)..];
    }
    false
}

/// Metadata as it will be printed: control characters (an escape sequence, a bell, a NUL, a
/// line break) in names and titles would drive a terminal, break a table row or make an SVG
/// ill-formed, so line breaks and tabs become spaces and the rest are dropped.
pub fn printable_meta(meta: &mut DocMeta) {
    let fields = [
        &mut meta.author,
        &mut meta.author_role,
        &mut meta.recipient,
        &mut meta.place,
        &mut meta.source,
        &mut meta.url,
        &mut meta.title,
    ];
    for v in fields.into_iter().flatten() {
        if v.chars().any(char::is_control) {
            *v = v
                .chars()
                .filter_map(|c| match c {
                    '\n' | '\r' | '\t' => Some(' '),
                    c if c.is_control() => None,
                    c => Some(c),
                })
                .collect::<String>()
                .trim()
                .to_string();
        }
    }
}

/// One JSONL line (no trailing newline) for a document: what `import frus` writes, and what
/// the JSONL reader reads back into an equal document.
pub fn to_jsonl_line(doc: &Document) -> String {
    // Serializing plain strings, options and a date to a String cannot fail.
    serde_json::to_string(doc).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_seeds_parse() {
        let docs = bundled();
        assert_eq!(docs.len(), 5);
        let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "frus1941v04-d63",
                "frus1940v01-d687",
                "frus1939v03-d58",
                "frus1937v03-d15",
                "frus1936v04-d48"
            ]
        );
        for d in &docs {
            assert!(d.meta.date.is_some() && d.meta.author.is_some(), "{}", d.id);
            assert!(!d.text.contains("Not printed."), "{}", d.id);
        }
    }

    #[test]
    fn jsonl_line_round_trips() {
        let mut d = Document::new("frus1938v03-d465", "Line one.\n\nLine \"two\".");
        d.meta.date = Some(PartialDate::ym(1938, 8));
        d.meta.author = Some("Kirk".into());
        d.notes = vec!["Not printed.".into()];
        let line = to_jsonl_line(&d);
        assert!(!line.contains('\n'));
        let (back, unknown) = jsonl::parse_line(std::path::Path::new("x"), 1, &line).unwrap();
        assert!(unknown.is_empty());
        assert_eq!(
            Document {
                origin: Default::default(),
                ..back
            },
            d
        );
    }
}
