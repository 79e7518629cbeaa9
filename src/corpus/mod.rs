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

pub use date::{DatePrecision, PartialDate, civil_from_days, days_from_civil, days_in_month};

use serde::{Deserialize, Serialize};

use crate::error::Location;

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
        let loc = self.location.to_string();
        if loc.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{loc}: {}", self.message)
        }
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
