//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/` beside the repository (CI has it too).
pub fn shared() -> PathBuf {
    match std::env::var_os("DIPLOSTANCE_SHARED") {
        Some(p) => PathBuf::from(p),
        None => repo().join("../shared"),
    }
}

/// A file under `../shared/`.
pub fn shared_file(rel: &str) -> PathBuf {
    shared().join(rel)
}

/// The shared FRUS TEI extract (1938, Changkufeng).
pub fn tei_1938() -> PathBuf {
    shared_file("corpus/frus1938v03-soviet-japanese-border.xml")
}

/// The `diplostance` binary under test.
pub fn cmd() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("diplostance").expect("binary built by cargo test")
}

/// Every file under `dir`, relative, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push(p.strip_prefix(base).unwrap().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out.sort();
    out
}

/// The files under `dir` whose names start with a dot: a run's staged output left behind.
pub fn hidden_files(dir: &Path) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|f| f.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect()
}

/// No staged output (a file whose name starts with a dot) is left under `dir`; `what` says
/// which run, in the failure message.
pub fn assert_nothing_staged(dir: &Path, what: &str) {
    assert!(
        hidden_files(dir).is_empty(),
        "{what} left staged files: {:?}",
        files_under(dir)
    );
}

/// Run `c` and return its standard output; a run that fails fails the test with its standard
/// error.
pub fn stdout_of_success(c: &mut assert_cmd::Command) -> Vec<u8> {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// [`stdout_of_success`] read as JSON.
pub fn json_of_success(c: &mut assert_cmd::Command) -> serde_json::Value {
    serde_json::from_slice(&stdout_of_success(c)).unwrap()
}

/// [`stdout_of_success`] as text.
pub fn text_of_success(c: &mut assert_cmd::Command) -> String {
    String::from_utf8(stdout_of_success(c)).unwrap()
}

/// `text` says each of `wants` (the failure names the first it lacks).
pub fn assert_says(text: &str, wants: &[&str]) {
    for want in wants {
        assert!(text.contains(want), "{text} should say {want}");
    }
}

/// Run `c`, which must exit with `code`, and return its standard error.
pub fn stderr_of_exit(c: &mut assert_cmd::Command, code: i32) -> String {
    let out = c.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A lexicon of one hostility cue ("war") written in `dir`: another lexicon than the default,
/// whose checksum no shipped model was fitted with.
pub fn one_cue_lexicon(dir: &Path) -> PathBuf {
    let lex = dir.join("mine.toml");
    std::fs::write(
        &lex,
        "[hostility]\ncues = [{ term = \"war\", weight = 1.0 }]\n",
    )
    .unwrap();
    lex
}
