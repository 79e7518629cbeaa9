//! `diplostance import`: convert a corpus to JSONL, one document per line, so that what was
//! read can be inspected and edited (and read back by every command).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use diplostance::corpus::{self, ReadOptions};

use super::args::{Messages, Output};

/// Convert a corpus to JSONL.
#[derive(Debug, Args)]
pub struct ImportCmd {
    #[command(subcommand)]
    what: ImportWhat,
}

#[derive(Debug, Subcommand)]
enum ImportWhat {
    /// A FRUS TEI volume (or any corpus path) to JSONL.
    Frus {
        /// The volume(s): TEI XML as published by the Office of the Historian.
        #[arg(value_name = "VOLUME", required = true)]
        volumes: Vec<PathBuf>,
        /// Write here (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Decode text that is not valid UTF-8 with replacement characters.
        #[arg(long)]
        lossy: bool,
        /// No summary on stderr.
        #[arg(short, long)]
        quiet: bool,
    },
}

impl ImportCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        let ImportWhat::Frus {
            volumes,
            out,
            lossy,
            quiet,
        } = self.what;
        let msg = Messages::new(quiet);
        let mut stream = corpus::read(
            &volumes,
            &ReadOptions {
                lossy,
                ..ReadOptions::default()
            },
        )?;
        let mut o = Output::open_checked(out.as_deref(), &volumes)?;
        let mut n = 0usize;
        for item in stream.by_ref() {
            match item {
                Ok(d) => {
                    o.write_all(corpus::to_jsonl_line(&d).as_bytes())?;
                    o.write_all(b"\n")?;
                    n += 1;
                }
                Err(p) => msg.problem(&p),
            }
        }
        for w in stream.take_warnings() {
            msg.warning(&w);
        }
        msg.note(&format!(
            "imported {n} documents, skipped {}",
            msg.skipped_count()
        ));
        if n == 0 {
            // Nothing usable: a previous output file stays as it was.
            o.abandon();
            return Ok(ExitCode::from(2));
        }
        o.finish()?;
        Ok(msg.exit_code())
    }
}
