//! Output: every result the command line prints, in every format it offers, as text (no I/O).
//!
//! - [`Render`]: one trait for the results (scores, timelines, clusters, comparisons,
//!   evaluations, lexicon checks and statistics): a table, JSON, and CSV or JSON lines where
//!   the result has that shape. A command offers exactly the formats of its result.
//! - [`csv`]: the one CSV writer every CSV goes through.
//! - [`scores`]: scored documents, written as a stream (header, one document at a time,
//!   footer), so that `score` never holds a corpus in memory.

pub mod csv;
mod results;
pub mod scores;
pub mod sentences;

pub use results::{EvalReport, GroupReport, Scored};
pub use scores::{ScoreFormatter, modifier_label, render_all, signed_trend};
pub use sentences::SentenceFormatter;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// A readable fixed-width table (the default on a terminal).
    #[default]
    Table,
    /// One JSON document.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header row (scores with `--explain`: one row per hit).
    Csv,
}

impl Format {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
        }
    }
}

/// The table and JSON forms every result has.
pub const TABLE_JSON: &[Format] = &[Format::Table, Format::Json];
/// Results that are also a table of rows.
pub const TABLE_JSON_CSV: &[Format] = &[Format::Table, Format::Json, Format::Csv];
/// Results that are a list: every format.
pub const ALL_FORMATS: &[Format] = &[Format::Table, Format::Json, Format::Jsonl, Format::Csv];

/// A result the command line prints, in each format it has.
///
/// A result that is not a list has no JSON lines form, and one that is not a table of rows no
/// CSV form: [`Render::FORMATS`] says which it has, and the command offers exactly those
/// (a value outside them is refused with the list), so nothing is silently printed in another
/// format than the one asked for.
pub trait Render {
    /// The formats this result can be written in.
    const FORMATS: &'static [Format];

    /// A readable table.
    fn table(&self) -> String;

    /// One JSON document, pretty-printed, ending with a newline.
    fn json(&self) -> serde_json::Result<String>;

    /// CSV with a header row, written with [`csv`]; `None` when the result has no CSV form.
    fn csv(&self) -> Option<String> {
        None
    }

    /// One JSON object per line; `None` when the result is not a list.
    fn jsonl(&self) -> Option<serde_json::Result<String>> {
        None
    }

    /// The result in `format`.
    fn render(&self, format: Format) -> Result<String, RenderError> {
        let missing = || RenderError::Unavailable {
            format: format.name(),
            available: Self::FORMATS
                .iter()
                .map(|f| f.name())
                .collect::<Vec<_>>()
                .join(", "),
        };
        match format {
            Format::Table => Ok(self.table()),
            Format::Json => Ok(self.json()?),
            Format::Csv => self.csv().ok_or_else(missing),
            Format::Jsonl => Ok(self.jsonl().ok_or_else(missing)??),
        }
    }
}

/// Why a result could not be written.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The result has no form in this format.
    #[error("this result cannot be written as {format} (formats: {available})")]
    Unavailable {
        /// The format asked for.
        format: &'static str,
        /// The formats the result has.
        available: String,
    },
    /// Serialising to JSON failed.
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// Pretty JSON with a final newline, as every JSON output ends.
pub(crate) fn pretty<T: serde::Serialize + ?Sized>(v: &T) -> serde_json::Result<String> {
    Ok(serde_json::to_string_pretty(v)? + "\n")
}

/// One compact JSON object per line.
pub(crate) fn lines<'a, T: serde::Serialize + 'a>(
    items: impl IntoIterator<Item = &'a T>,
) -> serde_json::Result<String> {
    let mut s = String::new();
    for x in items {
        s.push_str(&serde_json::to_string(x)?);
        s.push('\n');
    }
    Ok(s)
}
