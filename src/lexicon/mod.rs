//! Lexicons of cues, modifiers, actors and events.

/// A lexicon file is invalid.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{location}: {message}")]
pub struct LexiconError {
    /// File, line and column.
    pub location: crate::error::Location,
    /// What is wrong.
    pub message: String,
}

pub mod events;
