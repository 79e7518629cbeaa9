//! Hostile and unlucky conditions, one test per defect of issue 15: outputs onto devices, pipes
//! and inputs, failed runs, concurrent and interrupted reports, and input that used to be lost
//! without a word.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::util;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Real sentences from the seeds (Henderson 1936), so documents are scored as the corpus is.
const KREMLIN: &str = "The Kremlin does not believe that the Japanese Government is deliberately planning a war against the Soviet Union this spring.";

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
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

fn hidden(files: &[PathBuf]) -> Vec<&PathBuf> {
    files
        .iter()
        .filter(|f| f.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect()
}

// ---- 1. -o onto something that is not a regular file ----

#[test]
fn output_onto_a_device_or_a_link_to_one_is_written_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let link = tmp.path().join("null");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    for args in [
        vec!["score", "-q", "--format", "jsonl", "-o"],
        vec!["lexicon", "export", "--to", "quanteda", "-o"],
        vec!["fit", "-q", "-o"],
    ] {
        let mut a = args.clone();
        a.push(s(&link));
        util::cmd().args(&a).assert().code(0);
        let m = std::fs::symlink_metadata(&link).unwrap();
        assert!(m.file_type().is_symlink(), "{args:?} replaced the link");
    }
    assert!(hidden(&files_under(tmp.path())).is_empty());
}

#[test]
fn a_full_device_is_an_error_naming_it() {
    let tei = util::tei_1938();
    for args in [
        vec!["score", "--format", "jsonl", "-o", "/dev/full"],
        vec!["import", "frus", "-o", "/dev/full"],
        vec!["fit", "-o", "/dev/full"],
    ] {
        let mut a = args.clone();
        if a[0] == "import" {
            a.push(s(&tei));
        }
        let out = util::cmd().args(&a).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr_of(&out);
        assert!(
            err.contains("/dev/full") && err.contains("No space left"),
            "{err}"
        );
        assert!(
            std::fs::metadata("/dev/full")
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }
}

use std::os::unix::fs::FileTypeExt;

#[test]
fn dash_is_standard_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = util::cmd()
        .current_dir(tmp.path())
        .args(["score", "-q", "--format", "jsonl", "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 5);
    assert!(!tmp.path().join("-").exists());
}

#[test]
fn closed_standard_output_is_an_error() {
    let bin = assert_cmd::cargo::cargo_bin("diplostance");
    let out = Command::new("sh")
        .args([
            "-c",
            &format!("'{}' score --format jsonl >&-", bin.display()),
        ])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(
        stderr_of(&out).contains("standard output is closed"),
        "{}",
        stderr_of(&out)
    );
    // A redirection to /dev/null is not a closed output.
    let out = Command::new("sh")
        .args(["-c", &format!("'{}' score -q >/dev/null", bin.display())])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

// ---- 2. a failed run keeps the previous output ----

#[test]
fn a_run_that_reads_nothing_keeps_the_previous_output() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.txt");
    std::fs::write(&bad, b"a \xff\n").unwrap();
    for format in ["csv", "jsonl", "json", "table"] {
        let k = tmp.path().join(format!("k.{format}"));
        std::fs::write(&k, "GOOD\n").unwrap();
        util::cmd()
            .args(["score", "--format", format, "-o", s(&k), s(&bad)])
            .assert()
            .code(2);
        assert_eq!(std::fs::read_to_string(&k).unwrap(), "GOOD\n", "{format}");
    }
    let k = tmp.path().join("k.jsonl");
    let empty = tmp.path().join("empty.xml");
    std::fs::write(&empty, "").unwrap();
    util::cmd()
        .args(["import", "frus", "-o", s(&k), s(&empty)])
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&k).unwrap(), "GOOD\n");
    assert!(hidden(&files_under(tmp.path())).is_empty());
}

// ---- 3. -o equal to an input ----

#[test]
fn output_equal_to_an_input_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let c = tmp.path().join("c.jsonl");
    let line = serde_json::json!({"id": "a", "text": KREMLIN}).to_string() + "\n";
    std::fs::write(&c, &line).unwrap();
    let link = tmp.path().join("alias.jsonl");
    std::os::unix::fs::symlink(&c, &link).unwrap();
    for out in [&c, &link] {
        for args in [
            vec!["score", "-o"],
            vec!["import", "frus", "-o"],
            vec!["fit", "-o"],
        ] {
            let mut a = args.clone();
            a.extend([s(out), s(&c)]);
            let o = util::cmd().args(&a).output().unwrap();
            assert_eq!(o.status.code(), Some(2), "{a:?}");
            assert!(
                stderr_of(&o).contains("is also an input"),
                "{}",
                stderr_of(&o)
            );
        }
    }
    assert_eq!(std::fs::read_to_string(&c).unwrap(), line);
    let lex = util::repo().join("lexicons/cues.toml");
    let copy = tmp.path().join("cues.toml");
    std::fs::copy(&lex, &copy).unwrap();
    let o = util::cmd()
        .args([
            "lexicon",
            "export",
            "--to",
            "quanteda",
            "-o",
            s(&copy),
            s(&copy),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&lex).unwrap());
}

// ---- 4-6. the report folder: all new or all old, concurrent runs, SIGTERM ----

#[test]
fn a_failed_rename_leaves_the_whole_previous_report() {
    let tmp = tempfile::tempdir().unwrap();
    let rep = tmp.path().join("rep");
    util::cmd()
        .args(["report", "-q", "-o", s(&rep)])
        .assert()
        .code(0);
    let before: Vec<(PathBuf, Vec<u8>)> = files_under(&rep)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(rep.join(&f)).unwrap()))
        .collect();
    // A folder where the page goes: its rename fails after the data files were renamed.
    let names: Vec<String> = before
        .iter()
        .map(|(f, _)| f.to_string_lossy().into_owned())
        .collect();
    assert!(names.contains(&"index.html".to_string()), "{names:?}");
    std::fs::remove_file(rep.join("index.html")).unwrap();
    std::fs::create_dir_all(rep.join("index.html/x")).unwrap();
    let o = util::cmd()
        .args(["report", "-q", "-o", s(&rep), s(&util::tei_1938())])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr_of(&o).contains("left as it was"),
        "{}",
        stderr_of(&o)
    );
    for (f, bytes) in &before {
        if f == Path::new("index.html") {
            continue;
        }
        assert!(
            std::fs::read(rep.join(f)).unwrap() == *bytes,
            "{} changed",
            f.display()
        );
    }
    assert!(
        hidden(&files_under(&rep)).is_empty(),
        "{:?}",
        files_under(&rep)
    );
}

#[test]
fn two_reports_into_one_folder_never_break_each_other() {
    let tmp = tempfile::tempdir().unwrap();
    let rep = tmp.path().join("rep");
    let bin = assert_cmd::cargo::cargo_bin("diplostance");
    for _ in 0..4 {
        let spawn = || {
            Command::new(&bin)
                .args(["report", "-q", "-o", s(&rep), s(&util::tei_1938())])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        let mut ok = 0;
        for c in [a, b] {
            let out = c.wait_with_output().unwrap();
            let err = stderr_of(&out);
            match out.status.code() {
                Some(0) => ok += 1,
                _ => assert!(err.contains("another diplostance run"), "{err}"),
            }
        }
        assert!(ok >= 1);
        assert!(
            hidden(&files_under(&rep)).is_empty(),
            "{:?}",
            files_under(&rep)
        );
    }
}

#[test]
fn sigterm_leaves_no_staged_files_and_exits_143() {
    let tmp = tempfile::tempdir().unwrap();
    let rep = tmp.path().join("rep");
    let bin = assert_cmd::cargo::cargo_bin("diplostance");
    let run = || {
        Command::new(&bin)
            .args(["report", "-q", "-o", s(&rep), s(&util::tei_1938())])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let started = std::time::Instant::now();
    assert!(run().wait().unwrap().success());
    let full = started.elapsed().as_millis() as u64;
    for pct in [60u64, 75, 85, 90, 95, 98] {
        let child = run();
        std::thread::sleep(Duration::from_millis(full * pct / 100));
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let out = child.wait_with_output().unwrap();
        let code = out.status.code();
        // Before the handler is installed (nothing staged yet) the signal ends the run as usual.
        let killed = std::os::unix::process::ExitStatusExt::signal(&out.status) == Some(15);
        assert!(
            code == Some(143) || code == Some(0) || killed,
            "{pct}%: {code:?} {}",
            stderr_of(&out)
        );
        assert!(
            hidden(&files_under(&rep)).is_empty(),
            "{pct}%: {:?}",
            files_under(&rep)
        );
    }
}
