//! `diplostance score` on degenerate input: empty and whitespace-only files ("no text"), binary
//! files (not UTF-8; with --lossy, scored), a 50 MB file without a newline, a 10,000-character
//! word. Nothing panics, the good files of a run are still scored, the exit code says which.

use std::path::{Path, PathBuf};

use crate::util;

/// A real sentence from the seeds (Henderson, Moscow, 1936).
const KREMLIN: &str = "The Kremlin does not believe that the Japanese Government is deliberately planning a war against the Soviet Union this spring.";

fn write(dir: &Path, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(rel);
    std::fs::write(&p, content).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Run `score --format jsonl`; (exit code, one JSON value per document, stderr).
fn score(args: &[&str]) -> (i32, Vec<serde_json::Value>, String) {
    let out = util::cmd()
        .args(["score", "--format", "jsonl"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    let docs = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (out.status.code().unwrap_or(-1), docs, stderr)
}

fn ids(docs: &[serde_json::Value]) -> Vec<&str> {
    docs.iter().map(|d| d["id"].as_str().unwrap()).collect()
}

/// Every score is a finite number; tension may be null only for a document that says nothing
/// about the dyad (relevance below 0.5).
fn assert_finite(d: &serde_json::Value) {
    if d["tension"].is_null() {
        assert!(d["relevance"].as_f64().is_some_and(|r| r < 0.5), "{d}");
    }
    for k in ["hostility", "rapprochement", "uncertainty", "tension"] {
        if k == "tension" && d[k].is_null() {
            continue;
        }
        let v = d[k]
            .as_f64()
            .unwrap_or_else(|| panic!("{k} missing in {d}"));
        assert!(v.is_finite(), "{k} = {v}");
    }
}

/// The smallest valid PNG (1x1, one grey pixel): real binary content with NUL bytes.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3a, 0x7e, 0x9b,
    0x55, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x01, 0x48, 0xaf, 0xa4, 0x71, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

#[test]
fn empty_whitespace_and_binary_files_fail_alone_and_the_rest_is_scored() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let empty = write(d, "empty.txt", "");
    let blank = write(d, "blank.txt", " \n\t\r\n\u{a0}\u{2003}\n");
    let png = write(d, "chart.txt", PNG);
    // Pseudo-random bytes (fixed xorshift sequence), starting with an invalid UTF-8 byte.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let random: Vec<u8> = std::iter::once(0xffu8)
        .chain((0..4096).map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        }))
        .collect();
    let rnd = write(d, "random.txt", &random);
    let good = write(d, "good.txt", format!("{KREMLIN}\n"));

    let (code, docs, stderr) = score(&[s(&empty), s(&blank), s(&png), s(&rnd), s(&good)]);
    assert_eq!(code, 1, "some inputs failed: {stderr}");
    assert_eq!(ids(&docs), vec!["good"], "{stderr}");
    for name in ["empty.txt", "blank.txt"] {
        let line = stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not named: {stderr}"));
        assert!(line.contains("no text"), "{line}");
    }
    for name in ["chart.txt:1:1", "random.txt:1:1"] {
        let line = stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not named: {stderr}"));
        assert!(line.contains("UTF-8"), "{line}");
    }
    assert!(
        stderr.contains("skipped 4"),
        "the summary counts them: {stderr}"
    );

    // Only bad inputs: nothing to do, exit 2.
    let (code, docs, stderr) = score(&[s(&empty), s(&blank)]);
    assert_eq!(code, 2, "{stderr}");
    assert!(docs.is_empty());

    // With --lossy, binary files are text with replacement characters: scored, finite, and
    // the replaced bytes counted.
    let (code, docs, stderr) = score(&["--lossy", s(&png), s(&rnd)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(ids(&docs), vec!["chart", "random"]);
    docs.iter().for_each(assert_finite);
    assert!(
        stderr.contains("chart.txt: ") && stderr.contains("bytes replaced"),
        "{stderr}"
    );
}

#[test]
fn a_50_mb_line_without_newline_is_scored() {
    let dir = tempfile::tempdir().unwrap();
    let size = 50 << 20;
    let sentence = format!("{KREMLIN} ");
    let mut text = sentence.repeat(size / sentence.len() + 1);
    text.truncate(size);
    let n_sentences = text.matches("spring.").count();
    let p = write(dir.path(), "big.txt", &text);
    drop(text);
    let (code, docs, stderr) = score(&[s(&p)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_finite(d);
    // 20 words per sentence; the last one is cut.
    let tokens = d["tokens"].as_u64().unwrap() as usize;
    assert!(
        tokens >= n_sentences * 20 && tokens <= (n_sentences + 1) * 20,
        "{tokens}"
    );
    let sentences = d["sentences"].as_u64().unwrap() as usize;
    assert!(
        sentences == n_sentences || sentences == n_sentences + 1,
        "{sentences} vs {n_sentences}"
    );

    // The same rate as one copy of the sentence: a big file is scored like a small one.
    let one = write(dir.path(), "one.txt", sentence.repeat(10));
    let (_, small, _) = score(&[s(&one)]);
    for k in ["hostility", "rapprochement", "uncertainty", "tension"] {
        let (a, b) = (d[k].as_f64().unwrap(), small[0][k].as_f64().unwrap());
        assert!((a - b).abs() < 1e-6, "{k}: {a} vs {b}");
    }
}

#[test]
fn a_10000_character_word_is_one_token_and_does_not_disturb_its_neighbours() {
    let dir = tempfile::tempdir().unwrap();
    let word = "x".repeat(10_000);
    let alone = write(dir.path(), "word.txt", &word);
    let inside = write(
        dir.path(),
        "inside.txt",
        format!("{KREMLIN} A border incident {word} was reported by Moscow.\n"),
    );
    let plain = write(
        dir.path(),
        "plain.txt",
        format!("{KREMLIN} A border incident was reported by Moscow.\n"),
    );
    let (code, docs, stderr) = score(&["--explain", s(&alone), s(&inside), s(&plain)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(ids(&docs), vec!["word", "inside", "plain"]);
    docs.iter().for_each(assert_finite);
    assert_eq!(docs[0]["tokens"], 1);
    assert_eq!(
        docs[1]["tokens"].as_u64().unwrap(),
        docs[2]["tokens"].as_u64().unwrap() + 1
    );
    // The same cues are found with and without the long word.
    let terms = |d: &serde_json::Value| -> Vec<String> {
        d["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["term"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!terms(&docs[2]).is_empty());
    assert_eq!(terms(&docs[1]), terms(&docs[2]));
}

#[test]
fn standard_input_and_a_failing_file_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let out = util::cmd()
        .args(["score", "--format", "jsonl", "-", s(&missing)])
        .write_stdin(format!("{KREMLIN}\n"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("missing.txt"), "{stderr}");
    let v: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert!(v["tokens"].as_u64().unwrap() >= 20);

    // Empty standard input: "no text", exit 2.
    let out = util::cmd()
        .args(["score", "-"])
        .write_stdin("")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no text"), "{stderr}");
}

/// When the only document is refused, a table prints nothing but the error (no header over
/// no rows); CSV keeps its header, so that a script still finds the columns; JSON is `[]`.
/// The exit code is 2 in every format: nothing could be scored.
#[test]
fn nothing_scored_prints_no_table_header() {
    let dir = tempfile::tempdir().unwrap();
    let blank = write(dir.path(), "blank.txt", " \n\n 12. \n");
    let run = |args: &[&str]| {
        let out = util::cmd()
            .arg("score")
            .args(args)
            .arg(&blank)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("blank.txt") && err.contains("no text"),
            "{err}"
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(run(&[]), "");
    assert_eq!(run(&["--explain"]), "");
    assert_eq!(run(&["--by", "sentence"]), "");
    let csv = run(&["--format", "csv"]);
    assert!(
        csv.starts_with("id,date,") && csv.lines().count() == 1,
        "{csv}"
    );
    assert_eq!(run(&["--format", "json"]), "[]\n");
    assert_eq!(run(&["--format", "jsonl"]), "");
    // with a good document beside it, the table has its header again
    let out = util::cmd()
        .arg("score")
        .arg(&blank)
        .arg(util::repo().join("corpus/seeds"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.starts_with(b"id "));
}
