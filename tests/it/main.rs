//! End-to-end tests: one integration binary (faster to build than one per file).
//! Each module covers one part; the corpus is read from `../shared/`.

mod util;

/// Krippendorff's alpha and agreement on the shared analysts' ratings.
mod agreement_ratings;
/// Fitted models and the events file.
mod analysis_model;
/// Analysts in depth: known answers, a planted bias, consensus, every ratings layout.
mod analysts;
/// A minimal DevTools-protocol client for driving headless Chromium as a user does.
mod cdp;
/// Every command through the binary: the examples of the issues and the output contracts.
mod cli_commands;
/// Bad input through the binary: encodings, malformed and hostile XML, bad lexicons and
/// ratings, a full disk, an unwritable folder.
mod cli_errors;
/// What the commands write: CSV neutralised against formulas, formats refused by name.
mod cli_output;
/// `score` on degenerate input: empty, blank, binary, 50 MB on one line, a 10,000-character word.
mod cli_score;
/// `--threads N` gives the same output for any N.
mod cli_threads;
/// Every corpus kind in one call; duplicate ids, entity bombs, encodings, empty files.
mod corpus_formats;
/// The shared FRUS TEI extract: 64 documents, dates, authors, footnotes, page breaks.
mod corpus_tei;
/// Dictionaries as distributed (MFD, LSD2015, newsmap...): counts, line ends, --map, errors.
mod dictionaries;
/// `--dyad` more than once: a row per document and dyad, in order, in every format of `score`.
mod dyads;
/// `eval` over several rated sets, against the project's validity script.
mod eval_sets;
/// Issue 15's defects, one test each: outputs onto devices and inputs, failed, concurrent and
/// interrupted runs, input lost without a word, control characters, size limits.
mod hardening;
/// Hostile corpora through `report`: path-like ids, planted scripts, interrupted runs; fuzz
/// regression inputs.
mod hostile;
/// Keyword in context, the document-feature matrix, scores by sentence, on real text.
mod interop;
/// Lexicon tools: check, usage statistics, LIWC and quanteda import and export, TOML writer.
mod lexicon_tools;
/// The pipeline on real text: Changkufeng peak, seeds, determinism, shipped model and report.
mod pipeline;
/// Property tests: tokenizer offsets, finite scores, independence, doubling.
mod props;
/// Documents without a tension left out of timelines, clusters and author comparisons.
mod relevance;
/// The report with analysts' ratings, and charts fit for a paper, on real text.
mod report_analysts;
/// The report page in headless Chromium: it renders, and no planted script runs.
mod report_browser;
/// Every chart as PNG and SVG, degenerate data, determinism.
mod report_charts;
/// The HTML page: escaping, content, determinism, safe paths.
mod report_html;
/// Synthetic report data shared by the report tests.
mod report_sample;
/// The report as a workbench in Chromium: search, sort, filters, phone width, the script's CSP.
mod report_workbench;
/// The stages import only downward.
mod stages;
