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

use serde::Serialize;

use crate::score::DocScore;

/// Documents an analysis leaves out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeftOut {
    /// How many documents.
    pub count: usize,
    /// Why they are left out.
    pub reason: String,
}

/// Why a document without a tension is left out of timelines, author comparisons and
/// clusters: it says nothing about the dyad, and a mean or a cluster of its 3.0 (the tension
/// of nothing) would pull every figure toward the middle of the scale.
pub fn no_tension_reason() -> String {
    format!(
        "no tension: says nothing about the dyad (relevance below {})",
        crate::score::RELEVANCE_MIN
    )
}

/// The documents with a tension, and the count of those without one, as a [`LeftOut`] when
/// there are any.
pub fn with_tension(docs: &[DocScore]) -> (Vec<&DocScore>, Option<LeftOut>) {
    let kept: Vec<&DocScore> = docs.iter().filter(|d| d.is_relevant()).collect();
    let count = docs.len() - kept.len();
    let left = (count > 0).then(|| LeftOut {
        count,
        reason: no_tension_reason(),
    });
    (kept, left)
}

/// A fitted model cannot be used, or a clustering cannot be fitted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ModelError {
    /// What is wrong and how to fix it.
    pub message: String,
}
