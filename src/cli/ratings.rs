//! `diplostance ratings convert`: ratings kept in any layout (wide CSV, one table per
//! dimension, a reliability matrix, .xlsx or .ods) written as the codebook's long CSV.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use diplostance::agreement::consensus::ratings_csv;

use super::args::{Messages, RatingsArgs, emit, same_file};

/// Ratings files.
#[derive(Debug, Args)]
pub struct RatingsCmd {
    #[command(subcommand)]
    command: RatingsCommand,
}

#[derive(Debug, Subcommand)]
enum RatingsCommand {
    /// Write ratings of any layout as one long CSV in the codebook format.
    Convert(ConvertCmd),
}

#[derive(Debug, Args)]
struct ConvertCmd {
    /// Ratings files (CSV, TSV, .xlsx, .ods; any layout).
    #[arg(value_name = "RATINGS", required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    layout: RatingsArgs,
    /// No summary on stderr (errors are still shown).
    #[arg(short, long)]
    quiet: bool,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    out: Option<PathBuf>,
}

impl RatingsCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        match self.command {
            RatingsCommand::Convert(c) => c.run(),
        }
    }
}

impl ConvertCmd {
    fn run(self) -> anyhow::Result<ExitCode> {
        let msg = Messages::new(self.quiet);
        if let Some(out) = &self.out
            && let Some(f) = self.files.iter().find(|f| same_file(f, out))
        {
            anyhow::bail!("{} is also an input: refusing to overwrite it", f.display());
        }
        let ratings = self.layout.read(&self.files, &msg)?;
        emit(self.out.as_deref(), &ratings_csv(&ratings))?;
        msg.note(&format!(
            "{} analysts, {} documents",
            ratings.analysts().len(),
            ratings.documents().len()
        ));
        Ok(msg.exit_code())
    }
}
