//! Analysis of a scored corpus: timeline, clusters, fitted models.

pub mod timeline;

pub use timeline::{Granularity, Timeline, TimelineParams, timeline};

/// A fitted model cannot be used.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct ModelError {
    /// What is wrong and how to fix it.
    pub message: String,
}
