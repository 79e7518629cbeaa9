//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::path::PathBuf;

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
