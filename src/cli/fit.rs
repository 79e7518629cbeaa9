//! `diplostance fit`: fit and save a clustering model, to place new texts among its clusters
//! (`score --model`). `models/default.json` is made by `diplostance fit -o models/default.json`
//! on the bundled corpus.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use diplostance::analysis::fit_model;
use diplostance::atomic::write_atomic;
use diplostance::plural::count;

use super::args::{ClusterArgs, ScoringArgs};

/// Fit a model.
#[derive(Debug, Args)]
pub struct FitCmd {
    #[command(flatten)]
    scoring: ScoringArgs,
    #[command(flatten)]
    cluster: ClusterArgs,
    /// Where to write the model (JSON).
    #[arg(short, long, value_name = "FILE")]
    out: PathBuf,
}

impl FitCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        let msg = self.scoring.start()?;
        super::args::refuse_input_as_output(Some(&self.out), &self.scoring.corpus.inputs)?;
        let (analyzer, scored) = self.scoring.score_corpus("fit", &msg, false)?;
        let model = fit_model(&scored, &self.cluster.params(), analyzer.lexicon_checksum())?;
        write_atomic(&self.out, model.to_json().as_bytes())?;
        let left = scored.len() - model.trained_on;
        if left > 0 {
            msg.warning(&format!(
                "{left} document(s) left out: {}",
                diplostance::analysis::no_tension_reason()
            ));
        }
        msg.note(&format!(
            "fitted {} on {}; wrote {}",
            count(model.k, "cluster"),
            count(model.trained_on, "document"),
            self.out.display()
        ));
        Ok(msg.exit_code())
    }
}
