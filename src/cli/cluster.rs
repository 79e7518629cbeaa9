//! `diplostance cluster`: kinds of assessment, by clustering documents' feature vectors.

use std::process::ExitCode;

use clap::Args;
use diplostance::plural::count;

use super::args::{AnyFormat, ClusterArgs, CorpusArgs, LexiconArgs, Messages, OutputArgs, RunArgs};

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
    #[command(flatten)]
    output: OutputArgs<AnyFormat>,
}

impl ClusterCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        self.run.init()?;
        let msg = Messages::new(self.run.quiet);
        let (_, scored) = self.lexicon.score_corpus(&self.corpus, &msg, false)?;
        let c = self.cluster.params().check()?.fit(&scored)?;
        self.output.write(&c)?;
        msg.note(&format!(
            "clustered {} into {}",
            count(scored.len(), "document"),
            count(c.k, "cluster")
        ));
        Ok(msg.exit_code())
    }
}
