//! `diplostance score`: stream documents through the analyzer and print their scores.
//!
//! The documents are scored in bounded batches by [`score_stream`], which hands each batch to
//! this command's sink ([`Writer`]) in input order: memory is bounded by the batches in flight,
//! whatever the size of the corpus, and the output is the same for any number of threads.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Args, ValueEnum};
use diplostance::agreement::ScaleModel;
use diplostance::analysis::FittedModel;
use diplostance::corpus::{Document, Problem};
use diplostance::output::{Format, ScoreFormatter, SentenceFormatter};
use diplostance::plural::count;
use diplostance::score::{
    Analyzer, BatchLimits, DocScore, FEATURE_NAMES, Sink, StreamError, WorkspacePool, score_stream,
};
use rayon::prelude::*;

use super::args::{Messages, Output, OutputArgs, ScoreFormat, ScoringArgs};

/// Score documents.
#[derive(Debug, Args)]
pub struct ScoreCmd {
    #[command(flatten)]
    scoring: ScoringArgs,
    #[command(flatten)]
    output: OutputArgs<ScoreFormat>,
    /// Add every hit: term, dimension, weight, modifiers, actors, offsets and context (with
    /// --format csv: one row per hit instead of one per document).
    #[arg(long)]
    explain: bool,
    /// Place each document among the clusters of a fitted model (see `diplostance fit`).
    #[arg(long, value_name = "MODEL")]
    model: Option<PathBuf>,
    /// Add each score on the codebook's scale (hostility_scale ... trend_scale), read by the
    /// calibration of a scale model (models/scale.json, see `diplostance fit-scale`).
    #[arg(long, value_name = "SCALE_MODEL")]
    scale: Option<PathBuf>,
    /// One row per document, or per sentence (its scores, the actors it names and its hits,
    /// always; see docs/outputs.md).
    #[arg(
        long,
        value_name = "UNIT",
        default_value = "document",
        conflicts_with_all = ["model", "scale"]
    )]
    by: Unit,
}

/// What one row of `score` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Unit {
    Document,
    Sentence,
}

/// How `score` renders what it scored.
enum Rows<'a> {
    /// One row per document.
    Documents(ScoreFormatter),
    /// One row per sentence: each document is scored again sentence by sentence.
    Sentences {
        fmt: SentenceFormatter,
        analyzer: &'a Analyzer,
        pool: WorkspacePool,
    },
}

impl Rows<'_> {
    fn header(&self) -> String {
        match self {
            Rows::Documents(f) => f.header(),
            Rows::Sentences { fmt, .. } => fmt.header(),
        }
    }

    fn footer(&self) -> String {
        match self {
            Rows::Documents(f) => f.footer(),
            Rows::Sentences { fmt, .. } => fmt.footer(),
        }
    }

    /// The text of a batch, rendered on the workers, in input order.
    fn render(&mut self, docs: &[Document], results: &[DocScore]) -> Vec<String> {
        match self {
            Rows::Documents(f) => {
                let base = f.written();
                let texts: Vec<String> = results
                    .par_iter()
                    .enumerate()
                    .map(|(i, r)| f.document_at(r, base + i))
                    .collect();
                f.advance(texts.len());
                texts
            }
            Rows::Sentences {
                fmt,
                analyzer,
                pool,
            } => {
                let scored: Vec<_> = docs
                    .par_iter()
                    .map(|d| pool.with(|ws| analyzer.score_sentences(d, ws)))
                    .collect();
                scored.iter().map(|s| fmt.sentences(s)).collect()
            }
        }
    }
}

impl ScoreCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        let msg = self.scoring.start()?;
        let analyzer = self.scoring.lexicon.analyzer_all()?;
        let model = match &self.model {
            Some(p) => {
                let text = std::fs::read_to_string(p)
                    .with_context(|| format!("cannot read model {}", p.display()))?;
                let m = FittedModel::from_json(&text, p)?;
                m.check_compatible(analyzer.lexicon_checksum(), FEATURE_NAMES)?;
                Some(m)
            }
            None => None,
        };
        let scale = match &self.scale {
            Some(p) => {
                let text = std::fs::read_to_string(p)
                    .with_context(|| format!("cannot read scale model {}", p.display()))?;
                let m = ScaleModel::from_json(&text, p)?;
                m.check_compatible(analyzer.lexicon_checksum())?;
                Some(m)
            }
            None => None,
        };
        let stream = self.scoring.corpus.stream()?;
        // several dyads: every row says which
        let dyads = analyzer.dyads().len() > 1;
        let rows = match self.by {
            Unit::Document => {
                let f = ScoreFormatter::new(self.output.format(), self.explain).dyad_column(dyads);
                Rows::Documents(if scale.is_some() { f.with_scale() } else { f })
            }
            Unit::Sentence => Rows::Sentences {
                fmt: SentenceFormatter::new(self.output.format()).dyad_column(dyads),
                analyzer: &analyzer,
                pool: WorkspacePool::new(),
            },
        };
        let mut sink = Writer {
            out: Output::open_checked(self.output.out.as_deref(), &self.scoring.corpus.inputs)?,
            header: Some(rows.header()),
            fmt: rows,
            docs: 0,
            model,
            scale,
            msg: &msg,
            progress: Progress::new(msg.interactive()),
            bytes: 0,
        };
        let done = score_stream(
            &analyzer,
            stream,
            self.explain && self.by == Unit::Document,
            BatchLimits::default(),
            &mut sink,
        )
        .map_err(|e| match e {
            StreamError::Sink(e) => e,
            e => anyhow::Error::new(e),
        })?;
        sink.progress.finish();
        // Nothing scored: a table heads no rows, so it prints nothing but the errors; CSV keeps
        // its header (a script still finds the columns) and JSON is an empty array.
        if let Some(h) = sink.header.take()
            && self.output.format() != Format::Table
        {
            sink.out.write_all(h.as_bytes())?;
        }
        sink.out.write_all(sink.fmt.footer().as_bytes())?;
        let (scored, failed) = (done.scored, done.problems);
        msg.note(&format!(
            "read {}, scored {scored}, skipped {failed}{}",
            count(scored + failed, "document"),
            if failed > 0 { " (see above)" } else { "" }
        ));
        if scored == 0 {
            // Nothing usable: a previous output file stays as it was.
            sink.out.abandon();
            if let Some(p) = &self.output.out {
                msg.note(&format!("{} was not written", p.display()));
            }
            return Ok(ExitCode::from(2));
        }
        sink.out.finish()?;
        Ok(msg.exit_code())
    }
}

/// Where `score` puts each batch: placed among the model's clusters, rendered and written in
/// input order.
struct Writer<'a> {
    out: Output,
    fmt: Rows<'a>,
    /// Documents written.
    docs: usize,
    model: Option<FittedModel>,
    /// Codebook-scale calibration (`--scale`).
    scale: Option<ScaleModel>,
    msg: &'a Messages,
    progress: Progress,
    bytes: usize,
    /// The header, until the first row is written under it.
    header: Option<String>,
}

impl Sink for Writer<'_> {
    type Error = anyhow::Error;

    fn problem(&mut self, p: Problem) -> anyhow::Result<()> {
        self.msg.problem(&p);
        Ok(())
    }

    fn scored(&mut self, docs: &[Document], mut results: Vec<DocScore>) -> anyhow::Result<()> {
        if let Some(m) = &self.model {
            for r in results.iter_mut() {
                m.annotate(r)?;
            }
        }
        if let Some(m) = &self.scale {
            for r in results.iter_mut() {
                r.scale = Some(m.codebook_scale(r));
            }
        }
        if results.is_empty() {
            return Ok(());
        }
        if let Some(h) = self.header.take() {
            self.out.write_all(h.as_bytes())?;
        }
        // rendered on the workers too (serialising is a tenth of the work), written in order
        for t in self.fmt.render(docs, &results) {
            self.out.write_all(t.as_bytes())?;
        }
        self.docs += docs.len();
        self.bytes += docs.iter().map(|d| d.text.len()).sum::<usize>();
        self.progress.update(self.docs, self.bytes);
        Ok(())
    }
}

/// A progress bar on stderr (documents and MB per second), only on a terminal.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    start: Instant,
}

impl Progress {
    pub fn new(show: bool) -> Self {
        let bar = show.then(|| {
            let b = indicatif::ProgressBar::new_spinner();
            b.enable_steady_tick(Duration::from_millis(200));
            b
        });
        Progress {
            bar,
            start: Instant::now(),
        }
    }

    pub fn update(&self, docs: usize, bytes: usize) {
        if let Some(b) = &self.bar {
            let secs = self.start.elapsed().as_secs_f64().max(1e-3);
            b.set_message(format!(
                "{docs} documents, {:.1} MB ({:.0} documents/s, {:.1} MB/s)",
                bytes as f64 / 1e6,
                docs as f64 / secs,
                bytes as f64 / 1e6 / secs
            ));
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
