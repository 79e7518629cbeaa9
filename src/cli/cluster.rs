//! `diplostance cluster`: kinds of assessment, by clustering documents' feature vectors.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use diplostance::analysis::cluster;
use diplostance::plural::count;

use super::args::{ClusterArgs, CorpusArgs, FormatArg, LexiconArgs, Messages, RunArgs, emit};

/// Cluster documents.
#[derive(Debug, Args)]
pub struct ClusterCmd {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    lexicon: LexiconArgs,
    #[command(flatten)]
    run: RunArgs,
    #[command(flatten)]
    cluster: ClusterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    out: Option<PathBuf>,
}

impl ClusterCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        self.run.init()?;
        let msg = Messages::new(self.run.quiet);
        let (_, scored) = self.lexicon.score_corpus(&self.corpus, &msg, false)?;
        let c = self.cluster.params().check()?.fit(&scored)?;
        let text = match self.format {
            FormatArg::Table => cluster::render_table(&c),
            FormatArg::Csv => cluster::render_csv(&c),
            FormatArg::Json | FormatArg::Jsonl => serde_json::to_string_pretty(&c)? + "\n",
        };
        emit(self.out.as_deref(), &text)?;
        msg.note(&format!(
            "clustered {} into {}",
            count(scored.len(), "document"),
            count(c.k, "cluster")
        ));
        Ok(msg.exit_code())
    }
}
