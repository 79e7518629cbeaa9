//! `diplostance eval`: how well the scores agree with analysts' ratings, with the human
//! ceiling beside them and the documents where they disagree most, with the hits behind them.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use diplostance::agreement::{ToolScores, evaluate, evaluate_subset, split_half};
use diplostance::output::EvalReport;

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
        let tool = ToolScores::from_doc_scores(scored.iter());
        let unscored = tool.unscored(&ratings);
        if unscored.len() == ratings.documents().len() {
            anyhow::bail!(
                "none of the {} rated documents is in the corpus (rated: {}; read: {}): the \
                 ratings' doc_id values must be the corpus's document ids",
                ratings.documents().len(),
                ratings.documents().first().map_or("", String::as_str),
                scored.first().map_or("", |d| d.id.as_str())
            );
        }
        let e = evaluate(&ratings, &tool, self.seed);
        for w in &e.warnings {
            msg.warning(w);
        }
        let halves = self.split.then(|| {
            let ids: Vec<String> = ratings.documents().to_vec();
            let (tune, check) = split_half(&ids);
            (
                evaluate_subset(&ratings, &tool, &tune, self.seed),
                evaluate_subset(&ratings, &tool, &check, self.seed),
            )
        });
        self.output.write(&EvalReport::new(&e, halves, &scored))?;
        Ok(msg.exit_code())
    }
}
