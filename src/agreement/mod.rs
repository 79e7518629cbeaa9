//! Agreement between analysts' ratings, and between analysts and the tool.

/// An analysts' ratings file is invalid.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{location}: {message}")]
pub struct RatingsError {
    /// File and line.
    pub location: crate::error::Location,
    /// What is wrong.
    pub message: String,
}
