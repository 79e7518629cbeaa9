//! The `diplostance` command: parse arguments, run, map errors to exit codes. Nothing else.
//!
//! Exit codes: 0 everything was read and scored; 1 the run finished but some inputs failed
//! (each named on stderr); 2 usage errors and fatal errors, and runs where nothing could be
//! read; 128 + N when stopped by signal N (130 for Ctrl-C, 143 for SIGTERM). A closed pipe
//! (`| head`) is not an error.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let result = cli::run(args);
    if cli::interrupted() {
        // The signal handler is tidying up and exits with 128 + signal; an error seen here is
        // only a consequence of the interruption (a staged file it removed).
        loop {
            std::thread::park();
        }
    }
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!(
                "diplostance: {}",
                diplostance::location::printable(&message(&err))
            );
            ExitCode::from(2)
        }
    }
}

/// The error and its causes on one line, each cause once: a cause whose text is already in
/// the message (an I/O error that a context repeated) is not printed again, and a cause that
/// starts with a file name already given is shortened to what it adds.
fn message(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        let mut add = text.as_str();
        if let Some((head, rest)) = text.split_once(": ")
            && out.contains(head)
            && !rest.is_empty()
        {
            add = rest;
            if out.contains(add) {
                continue;
            }
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(add);
    }
    out
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
