//! `diplostance timeline`: how the assessment of tension moved over time.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use diplostance::analysis::events::{builtin_events, parse_events};
use diplostance::analysis::{Granularity, TimelineParams, timeline};
use diplostance::plural::count;

use super::args::{AnyFormat, OutputArgs, ScoringArgs};

/// Scores per period, with intervals and a smoothed series.
#[derive(Debug, Args)]
pub struct TimelineCmd {
    #[command(flatten)]
    scoring: ScoringArgs,
    /// Period length.
    #[arg(
        long,
        value_name = "day|week|month|quarter|year",
        default_value = "month"
    )]
    by: Granularity,
    /// Events file to carry into the output (default: lexicons/events.toml, built in).
    #[arg(long, value_name = "FILE")]
    events: Option<PathBuf>,
    #[command(flatten)]
    output: OutputArgs<AnyFormat>,
}

/// The events of `--events FILE`, or the built-in ones.
pub fn load_events(
    path: Option<&std::path::Path>,
) -> anyhow::Result<Vec<diplostance::analysis::events::Event>> {
    match path {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read events file {}", p.display()))?;
            Ok(parse_events(&text, p)?)
        }
        None => Ok(builtin_events()),
    }
}

impl TimelineCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        let msg = self.scoring.start()?;
        let events = load_events(self.events.as_deref())?;
        let (_, scored) = self.scoring.score_corpus("timeline", &msg, false)?;
        let t = timeline(&scored, self.by, &events, &TimelineParams::default());
        for l in &t.left_out {
            msg.warning(&format!("{} document(s) left out: {}", l.count, l.reason));
        }
        self.output.write(&t)?;
        msg.note(&format!(
            "read {}, placed {} in {}",
            count(scored.len(), "document"),
            t.placed(),
            count(
                t.periods.iter().filter(|p| p.documents > 0).count(),
                "period"
            )
        ));
        Ok(msg.exit_code())
    }
}
