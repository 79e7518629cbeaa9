//! `diplostance eval`: how well the scores agree with analysts' ratings, with the human
//! ceiling beside them and the documents where they disagree most, with the hits behind them.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use diplostance::agreement::{EvalRun, ToolScores};

use super::args::{OutputArgs, RatingsArgs, ScoringArgs, TableJson};

/// Evaluate the scores against analysts' ratings.
#[derive(Debug, Args)]
pub struct EvalCmd {
    /// Analysts' ratings (CSV, .xlsx or .ods, any layout: see --layout and CODEBOOK.md;
    /// repeatable).
    #[arg(long, value_name = "CSV", required = true)]
    ratings: Vec<PathBuf>,
    #[command(flatten)]
    scoring: ScoringArgs,
    #[command(flatten)]
    layout: RatingsArgs,
    /// Also evaluate the two halves of a fixed split of the rated documents (by a hash of the
    /// id), to see overfitting: tune on one, check on the other.
    #[arg(long)]
    split: bool,
    #[command(flatten)]
    output: OutputArgs<TableJson>,
    /// Random seed of the bootstrap.
    #[arg(long, default_value_t = diplostance::stats::DEFAULT_SEED)]
    seed: u64,
}

impl EvalCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        let msg = self.scoring.start()?;
        let ratings = self.layout.read(&self.ratings, &msg)?;
        let (_, scored) = self.scoring.score_corpus(&msg, true)?;
        let unscored = ToolScores::from_doc_scores(scored.iter()).unscored(&ratings);
        if unscored.len() == ratings.documents().len() {
            anyhow::bail!(
                "none of the {} rated documents is in the corpus (rated: {}; read: {}): the \
                 ratings' doc_id values must be the corpus's document ids",
                ratings.documents().len(),
                ratings.documents().first().map_or("", String::as_str),
                scored.first().map_or("", |d| d.id.as_str())
            );
        }
        let run = EvalRun::new(&ratings, &scored, self.seed, self.split);
        for w in &run.evaluation.warnings {
            msg.warning(w);
        }
        self.output.write(&run)?;
        Ok(msg.exit_code())
    }
}
