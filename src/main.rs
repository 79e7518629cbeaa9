//! The `diplostance` command: parse arguments, run, map errors to exit codes. Nothing else.
//!
//! Exit codes: 0 everything was read and scored; 1 the run finished but some inputs failed
//! (each named on stderr); 2 usage errors and fatal errors. A closed pipe (`| head`) is not
//! an error.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("diplostance: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
