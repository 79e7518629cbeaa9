//! `--threads N` changes the speed, never the output: the TEI extract scored on one and on two
//! worker threads gives the same bytes, with and without `--explain`, in every format.

use crate::util::{cmd, stdout_of_success, tei_1938};

fn score(threads: &str, extra: &[&str]) -> Vec<u8> {
    stdout_of_success(
        cmd()
            .arg("score")
            .arg(tei_1938())
            .args(["--threads", threads, "--quiet"])
            .args(extra),
    )
}

#[test]
fn one_and_two_threads_give_the_same_bytes() {
    for extra in [
        &["--format", "jsonl"][..],
        &["--format", "jsonl", "--explain"][..],
        &["--format", "json", "--explain"][..],
        &["--format", "csv"][..],
        &["--format", "table", "--explain"][..],
    ] {
        let one = score("1", extra);
        let two = score("2", extra);
        // the extract has 64 documents: a real output, not an empty one
        assert!(
            one.iter().filter(|&&b| b == b'\n').count() >= 64,
            "{extra:?}"
        );
        assert!(one == two, "--threads 1 and 2 differ with {extra:?}");
    }
}
