//! `diplostance score`: stream documents through the analyzer and print their scores.
//!
//! A reader thread parses inputs into batches and sends them down a bounded channel; the main
//! thread scores each batch on all cores and writes it before taking the next. Memory is bounded
//! by the batches in flight, whatever the size of the corpus, and the output is in input order,
//! the same for any number of threads.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use diplostance::analysis::FittedModel;
use diplostance::corpus::{Document, Problem};
use diplostance::output::ScoreFormatter;
use diplostance::plural::count;
use diplostance::score::{FEATURE_NAMES, WorkspacePool};
use rayon::prelude::*;

use super::args::{CorpusArgs, FormatArg, LexiconArgs, Messages, Output, RunArgs};

/// Score documents.
#[derive(Debug, Args)]
pub struct ScoreCmd {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    lexicon: LexiconArgs,
    #[command(flatten)]
    run: RunArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,
    /// Add every hit: term, dimension, weight, modifiers, actors, offsets and context.
    #[arg(long)]
    explain: bool,
    /// Place each document among the clusters of a fitted model (see `diplostance fit`).
    #[arg(long, value_name = "MODEL")]
    model: Option<PathBuf>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// A batch is sent to the scorers when it holds this many bytes of text (small enough that
/// the batches in flight stay a few megabytes; large enough to keep every core busy)...
const BATCH_BYTES: usize = 1 << 19;
/// ...or this many documents.
const BATCH_DOCS: usize = 128;

type Batch = Vec<Result<Document, Problem>>;

impl ScoreCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        self.run.init()?;
        let msg = Messages::new(self.run.quiet);
        let analyzer = self.lexicon.analyzer()?;
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
        let stream = self.corpus.stream()?;
        let mut out = Output::open_checked(self.out.as_deref(), &self.corpus.inputs)?;
        let mut fmt = ScoreFormatter::new(self.format.into(), self.explain);
        out.write_all(fmt.header().as_bytes())?;

        // reader thread: parse inputs into batches
        let (tx, rx) = mpsc::sync_channel::<Batch>(2);
        let reader = std::thread::spawn(move || {
            let mut batch: Batch = Vec::new();
            let mut bytes = 0usize;
            for item in stream {
                bytes += item.as_ref().map_or(0, |d| d.text.len());
                batch.push(item);
                if bytes >= BATCH_BYTES || batch.len() >= BATCH_DOCS {
                    if tx.send(std::mem::take(&mut batch)).is_err() {
                        return;
                    }
                    bytes = 0;
                }
            }
            if !batch.is_empty() {
                let _ = tx.send(batch);
            }
        });

        let progress = Progress::new(msg.interactive());
        let pool = WorkspacePool::new();
        let (mut scored, mut bytes) = (0usize, 0usize);
        let mut failed = 0usize;
        for batch in rx {
            let mut docs = Vec::with_capacity(batch.len());
            for item in batch {
                match item {
                    Ok(d) => docs.push(d),
                    Err(p) => {
                        failed += 1;
                        msg.problem(&p);
                    }
                }
            }
            bytes += docs.iter().map(|d| d.text.len()).sum::<usize>();
            let mut results = analyzer.score_batch(&docs, self.explain, &pool);
            if let Some(m) = &model {
                for r in results.iter_mut() {
                    m.annotate(r)?;
                }
            }
            // rendered on the workers too (serialising is a tenth of the work), written in order
            let base = fmt.written();
            let texts: Vec<String> = results
                .par_iter()
                .enumerate()
                .map(|(i, r)| fmt.document_at(r, base + i))
                .collect();
            fmt.advance(texts.len());
            for t in &texts {
                out.write_all(t.as_bytes())?;
            }
            scored += results.len();
            progress.update(scored, bytes);
        }
        reader
            .join()
            .map_err(|_| anyhow::anyhow!("the corpus reader stopped unexpectedly"))?;
        progress.finish();
        out.write_all(fmt.footer().as_bytes())?;
        msg.note(&format!(
            "read {}, scored {scored}, skipped {failed}{}",
            count(scored + failed, "document"),
            if failed > 0 { " (see above)" } else { "" }
        ));
        if scored == 0 {
            // Nothing usable: a previous output file stays as it was.
            out.abandon();
            if let Some(p) = &self.out {
                msg.note(&format!("{} was not written", p.display()));
            }
            return Ok(ExitCode::from(2));
        }
        out.finish()?;
        Ok(msg.exit_code())
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
