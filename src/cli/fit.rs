//! `diplostance fit`: fit and save a clustering model, to place new texts among its clusters
//! (`score --model`). `models/default.json` is made by `diplostance fit -o models/default.json`
//! on the bundled corpus.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use diplostance::analysis::fit_model;
use diplostance::atomic::write_atomic;
use diplostance::plural::count;

use super::args::{ClusterArgs, CorpusArgs, LexiconArgs, Messages, RunArgs};

/// Fit a model.
#[derive(Debug, Args)]
pub struct FitCmd {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    lexicon: LexiconArgs,
    #[command(flatten)]
    run: RunArgs,
    #[command(flatten)]
    cluster: ClusterArgs,
    /// Where to write the model (JSON).
    #[arg(short, long, value_name = "FILE")]
    out: PathBuf,
}

impl FitCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        self.run.init()?;
        super::args::refuse_input_as_output(Some(&self.out), &self.corpus.inputs)?;
        let msg = Messages::new(self.run.quiet);
        let (analyzer, scored) = self.lexicon.score_corpus(&self.corpus, &msg, false)?;
        let model = fit_model(&scored, &self.cluster.params(), analyzer.lexicon_checksum())?;
        write_atomic(&self.out, model.to_json().as_bytes())?;
        msg.note(&format!(
            "fitted {} on {}; wrote {}",
            count(model.k, "cluster"),
            count(scored.len(), "document"),
            self.out.display()
        ));
        Ok(msg.exit_code())
    }
}
