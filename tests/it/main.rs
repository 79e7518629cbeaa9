//! End-to-end tests: one integration binary (faster to build than one per file).
//! Each module covers one part; the corpus is read from `../shared/`.

mod util;

/// Krippendorff's alpha and agreement on the shared analysts' ratings.
mod agreement_ratings;
/// Fitted models and the events file.
mod analysis_model;
/// `--threads N` gives the same output for any N.
mod cli_threads;
/// Every corpus kind in one call; duplicate ids, entity bombs, encodings, empty files.
mod corpus_formats;
/// The shared FRUS TEI extract: 64 documents, dates, authors, footnotes, page breaks.
mod corpus_tei;
/// The report page in headless Chromium: it renders, and no planted script runs.
mod report_browser;
/// Every chart as PNG and SVG, degenerate data, determinism.
mod report_charts;
/// The HTML page: escaping, content, determinism, safe paths.
mod report_html;
/// Synthetic report data shared by the report tests.
mod report_sample;
