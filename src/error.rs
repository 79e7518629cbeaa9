//! Errors of the library.
//!
//! Each stage has its own error enum, and [`Error`] wraps them. Every error carries what caused
//! it: a file, and where known a line, a column and a document id ([`Location`](crate::location::Location)). Messages start
//! with the location, then say what is wrong, then how to fix it when there is a fix.

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
    /// A file could not be written.
    #[error(transparent)]
    Write(#[from] crate::atomic::WriteError),
    /// Anything else, with a message that says what and where.
    #[error("{0}")]
    Other(String),
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_error_names_the_file() {
        let e = Error::from(crate::atomic::WriteError::new(
            "a.csv",
            std::io::Error::other("disk full"),
        ));
        assert_eq!(e.to_string(), "a.csv: disk full");
    }
}
