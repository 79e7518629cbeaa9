//! Analysis of a scored corpus: timeline, clusters, fitted models.

/// A fitted model cannot be used.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct ModelError {
    /// What is wrong and how to fix it.
    pub message: String,
}
