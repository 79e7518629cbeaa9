//! `diplostance cluster`: kinds of assessment, by clustering documents' feature vectors.

use std::process::ExitCode;

use clap::Args;
use diplostance::plural::count;

use super::args::{AnyFormat, ClusterArgs, OutputArgs, ScoringArgs};

/// Cluster documents.
#[derive(Debug, Args)]
pub struct ClusterCmd {
    #[command(flatten)]
    scoring: ScoringArgs,
    #[command(flatten)]
    cluster: ClusterArgs,
    #[command(flatten)]
    output: OutputArgs<AnyFormat>,
}

impl ClusterCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        let msg = self.scoring.start()?;
        let (_, scored) = self.scoring.score_corpus("cluster", &msg, false)?;
        let c = self.cluster.params().check()?.fit(&scored)?;
        for l in &c.left_out {
            msg.warning(&format!("{} document(s) left out: {}", l.count, l.reason));
        }
        self.output.write(&c)?;
        msg.note(&format!(
            "clustered {} into {}",
            count(c.documents.len(), "document"),
            count(c.k, "cluster")
        ));
        Ok(msg.exit_code())
    }
}
