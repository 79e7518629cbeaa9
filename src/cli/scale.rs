//! `diplostance fit-scale`: fit the codebook-scale calibration on rated corpora and save it
//! for `score --scale`. `models/scale.json` is made by it (see models/README.md).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use diplostance::agreement::ScaleModel;
use diplostance::atomic::write_atomic;
use diplostance::plural::count;

use super::args::{RatingsArgs, ScoringArgs};
use super::eval::{Ordered, load_sets, pair_by_order, rated_sets};

/// Fit the codebook-scale calibration.
pub type FitScaleCmd = Ordered<FitScaleArgs>;

/// The options of `fit-scale`.
#[derive(Debug, Args)]
pub struct FitScaleArgs {
    /// Analysts' ratings of the --corpus before them (CSV, .xlsx or .ods, any layout: see
    /// --layout and CODEBOOK.md; repeatable).
    #[arg(long, value_name = "CSV", required = true)]
    ratings: Vec<PathBuf>,
    #[command(flatten)]
    scoring: ScoringArgs,
    #[command(flatten)]
    layout: RatingsArgs,
    /// A rated corpus (repeatable): each --corpus takes the --ratings given after it, up to
    /// the next --corpus, as in `eval`.
    #[arg(long = "corpus", value_name = "CORPUS", required = true)]
    corpus_sets: Vec<PathBuf>,
    /// Where to write the model (JSON).
    #[arg(short, long, value_name = "FILE")]
    out: PathBuf,
}

impl Ordered<FitScaleArgs> {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        let order = self.order;
        self.args.run(&order)
    }
}

impl FitScaleArgs {
    fn run(self, order: &super::eval::Positions) -> anyhow::Result<ExitCode> {
        let msg = self.scoring.start()?;
        let mut read: Vec<PathBuf> = self.corpus_sets.clone();
        read.extend(self.ratings.iter().cloned());
        read.extend(self.scoring.corpus.inputs.iter().cloned());
        super::args::refuse_input_as_output(Some(&self.out), &read)?;
        let pairs = pair_by_order(&self.corpus_sets, order)?;
        let analyzer = self.scoring.lexicon.analyzer("fit-scale")?;
        let loaded = load_sets(&self.scoring, &self.layout, &analyzer, pairs, &msg)?;
        let model = ScaleModel::fit(&rated_sets(&loaded), analyzer.lexicon_checksum())?;
        write_atomic(&self.out, model.to_json().as_bytes())?;
        let n = model
            .dimensions
            .iter()
            .map(|d| d.documents)
            .max()
            .unwrap_or(0);
        msg.note(&format!(
            "fitted {} on up to {}; wrote {}",
            count(model.dimensions.len(), "dimension"),
            count(n, "document"),
            self.out.display()
        ));
        Ok(msg.exit_code())
    }
}
