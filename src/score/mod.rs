//! Scoring: from a tokenized document and a lexicon to explained scores.

mod types;

pub use types::{DocScore, Features, Hit, Interval, Intervals, Modifier, ModifierKind, Scores};
