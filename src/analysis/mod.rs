//! Analysis of a scored corpus: timeline, clusters, fitted models.
//!
//! * [`timeline`]: scores binned by day, ISO week, month, quarter or year, with intervals, a
//!   smoothed series and dated events.
//! * [`cluster`]: kinds of assessment, found by clustering standardized feature vectors, each
//!   described by the features that set it apart, with a 2-D map ([`projection`]).
//! * [`model`]: a clustering saved as JSON, to place new documents among the clusters.
//! * [`events`]: the dated events a timeline is drawn with (`lexicons/events.toml`).

pub mod cluster;
pub mod events;
pub mod model;
pub mod projection;
pub mod timeline;

pub use cluster::{ClusterParams, Clustering, KChoice, Method, ValidClusterParams};
pub use model::{Assignment, FittedModel, MODEL_FORMAT_VERSION, fit_model};
pub use timeline::{Granularity, Timeline, TimelineParams, timeline};

/// A fitted model cannot be used, or a clustering cannot be fitted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ModelError {
    /// What is wrong and how to fix it.
    pub message: String,
}
