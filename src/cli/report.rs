//! `diplostance report`: the main job. Score a corpus and write the report: charts (PNG and
//! SVG), a self-contained index.html with every hit in context, and the data beside it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use diplostance::agreement::Ratings;
use diplostance::analysis::Granularity;
use diplostance::report::{ReportOptions, Summary, assemble, write_report};

use super::args::{ClusterArgs, CorpusArgs, LexiconArgs, Messages, RunArgs, score_all};
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
        let loaded = self.corpus.load(&msg)?;
        let mut scored = score_all(&analyzer, &loaded.docs, true);
        let lex = analyzer.lexicon();
        let mut summary = Summary {
            corpus: loaded.names.clone(),
            read: loaded.docs.len() + msg.skipped_count(),
            used: scored.len(),
            skipped: msg.skipped.lock().map(|s| s.clone()).unwrap_or_default(),
            warnings: loaded.warnings.clone(),
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
        let files = assemble(&mut scored, &mut summary, &opts)?;
        super::signals::clean_staged_on_interrupt(self.out.clone())?;
        write_report(&self.out, &files)?;
        msg.note(&format!(
            "read {} documents, scored {}, skipped {}; wrote {} files to {}",
            summary.read,
            summary.used,
            summary.skipped.len(),
            files.files.len(),
            self.out.display()
        ));
        Ok(msg.exit_code())
    }
}
