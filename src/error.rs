//! Errors of the library.
//!
//! Each stage has its own error enum, and [`Error`] wraps them. Every error carries what caused
//! it: a file, and where known a line, a column and a document id ([`Location`]). Messages start
//! with the location, then say what is wrong, then how to fix it when there is a fix.

use std::fmt;
use std::path::PathBuf;

/// Where something went wrong: any of file, line, column, document.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// The file, or `-` for standard input.
    pub path: Option<PathBuf>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column (in characters).
    pub column: Option<usize>,
    /// The document id, when one is known.
    pub doc: Option<String>,
}

impl Location {
    /// A location naming only a file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: Some(path.into()),
            ..Location::default()
        }
    }

    /// Add a line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Add a line.
    pub fn line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Add a document id.
    pub fn doc(mut self, doc: impl Into<String>) -> Self {
        self.doc = Some(doc.into());
        self
    }

    /// 1-based line and column of byte offset `offset` in `text`.
    pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let mut cut = offset;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let before = &text[..cut];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut wrote = false;
        if let Some(p) = &self.path {
            write!(f, "{}", p.display())?;
            wrote = true;
            if let Some(l) = self.line {
                write!(f, ":{l}")?;
                if let Some(c) = self.column {
                    write!(f, ":{c}")?;
                }
            }
        }
        if let Some(d) = &self.doc {
            if wrote {
                f.write_str(" ")?;
            }
            write!(f, "[document {d}]")?;
        }
        Ok(())
    }
}

/// Any error of the library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading a corpus failed.
    #[error(transparent)]
    Corpus(#[from] crate::corpus::CorpusError),
    /// A lexicon file is invalid.
    #[error(transparent)]
    Lexicon(#[from] crate::lexicon::LexiconError),
    /// An analysts' ratings file is invalid.
    #[error(transparent)]
    Ratings(#[from] crate::agreement::RatingsError),
    /// A fitted model cannot be used.
    #[error(transparent)]
    Model(#[from] crate::analysis::ModelError),
    /// Writing a report failed.
    #[error(transparent)]
    Report(#[from] crate::report::ReportError),
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Anything else, with a message that says what and where.
    #[error("{0}")]
    Other(String),
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_display() {
        let l = Location::file("lexicons/cues.toml").at(14, 9);
        assert_eq!(l.to_string(), "lexicons/cues.toml:14:9");
        let l = Location::file("a.xml").doc("frus1938v03-d423");
        assert_eq!(l.to_string(), "a.xml [document frus1938v03-d423]");
    }

    #[test]
    fn line_col_counts_chars() {
        let t = "ab\ncé d";
        assert_eq!(Location::line_col(t, 0), (1, 1));
        assert_eq!(Location::line_col(t, 3), (2, 1));
        assert_eq!(Location::line_col(t, t.find('d').unwrap()), (2, 4));
    }
}
