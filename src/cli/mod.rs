//! Command-line interface: one file per subcommand, shared argument groups here.

mod analysts;
mod args;
mod cluster;
mod compare;
mod dfm;
mod eval;
mod fit;
mod import;
mod kwic;
mod lexicon;
mod rated;
mod ratings;
mod report;
mod scale;
mod score;
mod signals;
mod timeline;

use std::process::ExitCode;

pub use signals::interrupted;

use clap::{Parser, Subcommand};

/// Measure how diplomats assess the relations between two states: explainable hostility,
/// rapprochement, uncertainty and tension scores for diplomatic reports.
///
/// Every command that takes a CORPUS accepts FRUS TEI volumes (.xml), folders of .txt files
/// (with optional TOML or YAML front matter), JSONL files, CSV/TSV manifests and `-` (standard
/// input), mixed; with none, the bundled sample of five FRUS reports is used.
#[derive(Debug, Parser)]
#[command(name = "diplostance", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score documents: hostility, rapprochement, uncertainty and tension, with the hits behind
    /// them (--explain).
    Score(score::ScoreCmd),
    /// Tension over time: scores per day, week, month, quarter or year, with intervals.
    Timeline(timeline::TimelineCmd),
    /// Kinds of assessment: cluster documents on their feature vectors.
    Cluster(cluster::ClusterCmd),
    /// Fit a clustering model that places new texts among the clusters (score --model).
    Fit(fit::FitCmd),
    /// Fit the calibration that reads each score on the codebook's scale, on rated corpora
    /// (score --scale).
    FitScale(scale::FitScaleCmd),
    /// Write the report (charts as PNG and SVG, index.html, data files) for a corpus.
    Report(report::ReportCmd),
    /// Compare analysts' ratings (and the tool as one more analyst), or authors, places and
    /// recipients (--by).
    Compare(compare::CompareCmd),
    /// How well the scores agree with analysts' ratings, dimension by dimension.
    Eval(eval::EvalCmd),
    /// How analysts differ: offsets, drift by year, widest disagreements, what drives each
    /// one (with --corpus), and a consensus rating per document (--consensus).
    Analysts(analysts::AnalystsCmd),
    /// Ratings files: convert any layout (wide, matrix, .xlsx, .ods) to the codebook's CSV.
    Ratings(ratings::RatingsCmd),
    /// Convert a corpus to JSONL so it can be inspected and edited.
    Import(import::ImportCmd),
    /// Lexicon tools: check, stats, import and export (LIWC, quanteda).
    Lexicon(lexicon::LexiconCmd),
    /// Keyword in context: every occurrence of a word, prefix (`host*`) or phrase, with the
    /// words around it.
    Kwic(kwic::KwicCmd),
    /// The document-feature matrix: counts of word stems or cue hits per document, as a
    /// dense CSV or a Matrix Market file, with the documents' metadata.
    Dfm(dfm::DfmCmd),
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Score(c) => c.run(),
        Command::Timeline(c) => c.run(),
        Command::Cluster(c) => c.run(),
        Command::Fit(c) => c.run(),
        Command::FitScale(c) => c.run(),
        Command::Report(c) => c.run(),
        Command::Compare(c) => c.run(),
        Command::Eval(c) => c.run(),
        Command::Analysts(c) => c.run(),
        Command::Ratings(c) => c.run(),
        Command::Import(c) => c.run(),
        Command::Lexicon(c) => c.run(),
        Command::Kwic(c) => c.run(),
        Command::Dfm(c) => c.run(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
