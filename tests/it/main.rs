//! End-to-end tests: one integration binary (faster to build than one per file).
//! Each module covers one part; the corpus is read from `../shared/`.

mod util;

/// Krippendorff's alpha and agreement on the shared analysts' ratings.
mod agreement_ratings;
/// Fitted models and the events file.
mod analysis_model;
