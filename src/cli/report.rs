//! `diplostance report`: the main job. Score a corpus and write the report: charts (PNG and
//! SVG), a self-contained index.html with every hit in context, and the data beside it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use diplostance::analysis::Granularity;
use diplostance::corpus::{self, Document, Problem, ReadOptions};
use diplostance::plural::count;
use diplostance::report::assemble::ReportCollector;
use diplostance::report::{Palette, ReportOptions, Summary, write_report};
use diplostance::score::{Analyzer, BatchLimits, DocScore, Sink, StreamError, score_stream};

use super::args::{ClusterArgs, CorpusArgs, Messages, RatingsArgs, ScoringArgs};
use super::timeline::load_events;

/// Write a report.
#[derive(Debug, Args)]
pub struct ReportCmd {
    #[command(flatten)]
    scoring: ScoringArgs,
    #[command(flatten)]
    cluster: ClusterArgs,
    /// Report folder (created if missing; files in it are replaced atomically).
    #[arg(short, long, value_name = "DIR", default_value = "reports")]
    out: PathBuf,
    /// Analysts' ratings to compare the scores with, and the analysts with each other
    /// (repeatable): long or wide CSV, a reliability matrix, .xlsx or .ods, as `analysts`
    /// reads them (see CODEBOOK.md).
    #[arg(long, value_name = "FILE")]
    ratings: Vec<PathBuf>,
    #[command(flatten)]
    layout: RatingsArgs,
    /// Width of every chart in pixels (the PNG's width; the SVG's view box).
    #[arg(long, value_name = "PX", default_value_t = 1200,
          value_parser = clap::value_parser!(u32).range(200..=8000))]
    width: u32,
    /// Height of every chart in pixels.
    #[arg(long, value_name = "PX", default_value_t = 800,
          value_parser = clap::value_parser!(u32).range(150..=8000))]
    height: u32,
    /// Chart colours: colour, or grey for print in black and white.
    #[arg(long, value_enum, default_value_t = PaletteArg::Colour)]
    palette: PaletteArg,
    /// Timeline period (default: chosen from the corpus's span and density: the finest of
    /// week, month, quarter and year with at most 48 periods and 2.5 documents per period).
    #[arg(long, value_name = "day|week|month|quarter|year")]
    by: Option<Granularity>,
    /// Events file for the timeline (default: lexicons/events.toml, built in).
    #[arg(long, value_name = "FILE")]
    events: Option<PathBuf>,
    /// Title of the report.
    #[arg(long)]
    title: Option<String>,
    /// List the hits of this many documents on the page (the first in date order); the rows
    /// of the others link to hits.csv, which has every hit. Bounds the page's size and the
    /// memory a large corpus needs.
    #[arg(long, value_name = "N", default_value_t = ReportOptions::default().max_documents_with_hits)]
    max_docs_with_hits: usize,
}

/// The palettes on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PaletteArg {
    /// The house colours (colour-blind safe).
    Colour,
    /// Greys only.
    Grey,
}

impl ReportCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        let msg = self.scoring.start()?;
        let analyzer = self.scoring.lexicon.analyzer("report")?;
        let events = load_events(self.events.as_deref())?;
        let ratings = if self.ratings.is_empty() {
            None
        } else {
            Some(self.layout.read(&self.ratings, &msg)?)
        };
        let mut opts = ReportOptions {
            granularity: self.by,
            cluster: self.cluster.params(),
            events,
            ratings,
            max_documents_with_hits: self.max_docs_with_hits,
            chart_size: (self.width, self.height),
            palette: match self.palette {
                PaletteArg::Colour => Palette::Colour,
                PaletteArg::Grey => Palette::Grey,
            },
            ..ReportOptions::default()
        };
        if let Some(t) = self.title {
            opts.title = t;
        }
        let (collected, warnings) = score_corpus(&self.scoring.corpus, &analyzer, &msg, &opts)?;
        let used = collected.len();
        let lex = analyzer.lexicon();
        let mut summary = Summary {
            corpus: self.scoring.corpus.names(),
            read: used + msg.skipped_count(),
            used,
            skipped: msg.skipped.lock().map(|s| s.clone()).unwrap_or_default(),
            warnings,
            lexicon: format!(
                "{} cues, {} modifiers, {} actors from {} (checksum {})",
                lex.cues.len(),
                lex.modifiers.len(),
                lex.actors.len(),
                lex.sources.join(", "),
                &analyzer.lexicon_checksum()[..12]
            ),
            dyad: analyzer.dyad().label.clone(),
            generated_by: format!("diplostance {}", env!("CARGO_PKG_VERSION")),
        };
        let (files, _) = collected.assemble(&mut summary, &opts)?;
        super::signals::clean_staged_on_interrupt(self.out.clone())?;
        write_report(&self.out, &files)?;
        msg.note(&format!(
            "read {}, scored {}, skipped {}; wrote {} to {}",
            count(summary.read, "document"),
            summary.used,
            summary.skipped.len(),
            count(files.files.len(), "file"),
            self.out.display()
        ));
        Ok(msg.exit_code())
    }
}

/// Where `report` puts each batch: problems to stderr, scores to the collector of what the
/// report needs.
struct Collect<'a> {
    collected: ReportCollector,
    msg: &'a Messages,
}

impl Sink for Collect<'_> {
    type Error = std::convert::Infallible;

    fn problem(&mut self, p: Problem) -> Result<(), Self::Error> {
        self.msg.problem(&p);
        Ok(())
    }

    fn scored(&mut self, _: &[Document], scores: Vec<DocScore>) -> Result<(), Self::Error> {
        self.collected.add_batch(scores);
        Ok(())
    }
}

/// Read and score the corpus batch by batch, so that its text is never all in memory, and
/// collect what the report needs (see [`ReportCollector`]). Problems are reported as met; the
/// readers' warnings are shown and returned for the page.
fn score_corpus(
    corpus_args: &CorpusArgs,
    analyzer: &Analyzer,
    msg: &Messages,
    opts: &ReportOptions,
) -> anyhow::Result<(ReportCollector, Vec<String>)> {
    let mut sink = Collect {
        collected: ReportCollector::new(opts),
        msg,
    };
    let limits = BatchLimits::default();
    let stream_error = |e: StreamError<std::convert::Infallible>| anyhow::Error::new(e);
    if corpus_args.inputs.is_empty() {
        let bundled = corpus::bundled().into_iter().map(Ok);
        score_stream(analyzer, bundled, true, limits, &mut sink).map_err(stream_error)?;
        return Ok((sink.collected, Vec::new()));
    }
    let mut stream = corpus::read(
        &corpus_args.inputs,
        &ReadOptions {
            lossy: corpus_args.lossy,
            max_doc_bytes: corpus_args.max_doc_bytes,
            ..ReadOptions::default()
        },
    )?;
    score_stream(analyzer, &mut stream, true, limits, &mut sink).map_err(stream_error)?;
    let warnings = stream.take_warnings();
    for w in &warnings {
        msg.warning(w);
    }
    if sink.collected.is_empty() {
        anyhow::bail!(
            "no document could be read from {}",
            corpus_args.names().join(", ")
        );
    }
    Ok((sink.collected, warnings))
}
