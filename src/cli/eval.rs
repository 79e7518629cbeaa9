//! `diplostance eval`: how well the scores agree with analysts' ratings, with the human
//! ceiling beside them and the documents where they disagree most, with the hits behind them.

use std::process::ExitCode;

use clap::{Args, ValueEnum};
use diplostance::agreement::{EvalRun, ToolScores, evaluate_sets};

use super::args::{OutputArgs, TableJson};
use super::rated::{RatedCorporaArgs, rated_sets};

/// Evaluate the scores against analysts' ratings.
#[derive(Debug, Args)]
pub struct EvalCmd {
    #[command(flatten)]
    pub(super) rated: RatedCorporaArgs,
    /// Also evaluate the two halves of a fixed split of the rated documents (by a hash of the
    /// id), to see overfitting: tune on one, check on the other.
    #[arg(long)]
    split: bool,
    #[command(flatten)]
    output: OutputArgs<TableJson>,
    /// Also per year: each dimension's Spearman beside the analysts' own agreement that year.
    #[arg(long, value_enum, value_name = "year")]
    by: Option<By>,
    /// Random seed of the bootstrap.
    #[arg(long, default_value_t = diplostance::stats::DEFAULT_SEED)]
    seed: u64,
}

/// What `eval --by` breaks the figures down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum By {
    /// The year of each document (its date, else `frusYYYY` in its id).
    Year,
}

impl EvalCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        if !self.rated.corpus_sets.is_empty() || self.by.is_some() {
            return self.run_sets();
        }
        let msg = self.rated.scoring.start()?;
        let ratings = self.rated.layout.read(&self.rated.ratings, &msg)?;
        let (_, scored) = self.rated.scoring.score_corpus("eval", &msg, true)?;
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

impl EvalCmd {
    /// `eval --corpus A --ratings .. --corpus B --ratings ..` (or one set with `--by year`).
    fn run_sets(self) -> anyhow::Result<ExitCode> {
        let msg = self.rated.scoring.start()?;
        let (_, loaded) = self.rated.score("eval", &msg)?;
        let e = evaluate_sets(&rated_sets(&loaded), self.by == Some(By::Year), self.seed);
        for s in e.sets.iter().filter(|s| s.name != "union") {
            if s.unscored.len() == s.documents {
                anyhow::bail!(
                    "{}: none of its {} rated documents is in the corpus: the ratings' doc_id \
                     values must be the corpus's document ids",
                    s.name,
                    s.documents
                );
            }
        }
        self.output.write(&e)?;
        Ok(msg.exit_code())
    }
}
