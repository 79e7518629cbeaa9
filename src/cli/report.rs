//! `diplostance report`: the main job. Score a corpus and write the report: charts (PNG and
//! SVG), a self-contained index.html with every hit in context, and the data beside it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use diplostance::agreement::Ratings;
use diplostance::analysis::Granularity;
use diplostance::corpus::{self, Document, ReadOptions};
use diplostance::plural::count;
use diplostance::report::assemble::ReportCollector;
use diplostance::report::{ReportOptions, Summary, write_report};
use diplostance::score::{Analyzer, WorkspacePool};

use super::args::{ClusterArgs, CorpusArgs, LexiconArgs, Messages, RunArgs};
use super::timeline::load_events;

/// Write a report.
#[derive(Debug, Args)]
pub struct ReportCmd {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    lexicon: LexiconArgs,
    #[command(flatten)]
    run: RunArgs,
    #[command(flatten)]
    cluster: ClusterArgs,
    /// Report folder (created if missing; files in it are replaced atomically).
    #[arg(short, long, value_name = "DIR", default_value = "reports")]
    out: PathBuf,
    /// Analysts' ratings (CSV, see CODEBOOK) to compare the scores with (repeatable).
    #[arg(long, value_name = "CSV")]
    ratings: Vec<PathBuf>,
    /// Timeline period.
    #[arg(
        long,
        value_name = "day|week|month|quarter|year",
        default_value = "month"
    )]
    by: Granularity,
    /// Events file for the timeline (default: lexicons/events.toml, built in).
    #[arg(long, value_name = "FILE")]
    events: Option<PathBuf>,
    /// Title of the report.
    #[arg(long)]
    title: Option<String>,
}

impl ReportCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        self.run.init()?;
        let msg = Messages::new(self.run.quiet);
        let analyzer = self.lexicon.analyzer()?;
        let events = load_events(self.events.as_deref())?;
        let ratings = if self.ratings.is_empty() {
            None
        } else {
            let r = Ratings::read(&self.ratings)?;
            for w in r.warnings() {
                msg.warning(w);
            }
            Some(r)
        };
        let mut opts = ReportOptions {
            granularity: self.by,
            cluster: self.cluster.params(),
            events,
            ratings,
            ..ReportOptions::default()
        };
        if let Some(t) = self.title {
            opts.title = t;
        }
        let (collected, warnings) = score_corpus(&self.corpus, &analyzer, &msg, &opts)?;
        let used = collected.len();
        let lex = analyzer.lexicon();
        let mut summary = Summary {
            corpus: self.corpus.names(),
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

/// A batch is scored when it holds this many bytes of text or this many documents.
const BATCH_BYTES: usize = 2 << 20;
const BATCH_DOCS: usize = 512;

/// Read and score the corpus batch by batch, so that its text is never all in memory, and
/// collect what the report needs (see [`ReportCollector`]). Problems are reported as met; the
/// readers' warnings are shown and returned for the page.
fn score_corpus(
    corpus_args: &CorpusArgs,
    analyzer: &Analyzer,
    msg: &Messages,
    opts: &ReportOptions,
) -> anyhow::Result<(ReportCollector, Vec<String>)> {
    let pool = WorkspacePool::new();
    let mut collected = ReportCollector::new(opts);
    let score = |batch: &mut Vec<Document>, collected: &mut ReportCollector| {
        collected.add_batch(analyzer.score_batch(batch, true, &pool));
        batch.clear();
    };
    if corpus_args.inputs.is_empty() {
        score(&mut corpus::bundled(), &mut collected);
        return Ok((collected, Vec::new()));
    }
    let mut stream = corpus::read(
        &corpus_args.inputs,
        &ReadOptions {
            lossy: corpus_args.lossy,
            max_doc_bytes: corpus_args.max_doc_bytes,
            ..ReadOptions::default()
        },
    )?;
    let (mut batch, mut bytes) = (Vec::new(), 0usize);
    for item in stream.by_ref() {
        match item {
            Ok(d) => {
                bytes += d.text.len();
                batch.push(d);
                if bytes >= BATCH_BYTES || batch.len() >= BATCH_DOCS {
                    score(&mut batch, &mut collected);
                    bytes = 0;
                }
            }
            Err(p) => msg.problem(&p),
        }
    }
    score(&mut batch, &mut collected);
    let warnings = stream.take_warnings();
    for w in &warnings {
        msg.warning(w);
    }
    if collected.is_empty() {
        anyhow::bail!(
            "no document could be read from {}",
            corpus_args.names().join(", ")
        );
    }
    Ok((collected, warnings))
}
