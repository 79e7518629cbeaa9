//! `diplostance fit-scale`: fit the codebook-scale calibration on rated corpora and save it
//! for `score --scale`. `models/scale.json` is made by it (see models/README.md).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use diplostance::agreement::ScaleModel;
use diplostance::atomic::write_atomic;
use diplostance::plural::count;

use super::rated::{RatedCorporaArgs, rated_sets};

/// Fit the codebook-scale calibration: on rated corpora as `eval` takes them, but with at
/// least one --corpus (there is no default one to fit on).
#[derive(Debug, Args)]
#[command(mut_arg("corpus_sets", |a| a.required(true)))]
pub struct FitScaleCmd {
    #[command(flatten)]
    rated: RatedCorporaArgs,
    /// Where to write the model (JSON).
    #[arg(short, long, value_name = "FILE")]
    out: PathBuf,
}

impl FitScaleCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        let rated = &self.rated;
        let msg = rated.scoring.start()?;
        let mut read: Vec<PathBuf> = rated.corpus_sets.clone();
        read.extend(rated.ratings.iter().cloned());
        read.extend(rated.scoring.corpus.inputs.iter().cloned());
        super::args::refuse_input_as_output(Some(&self.out), &read)?;
        let (analyzer, loaded) = rated.score("fit-scale", &msg)?;
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
