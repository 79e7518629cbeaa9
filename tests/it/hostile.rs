//! Hostile corpora through the real `diplostance report`: ids that look like paths, markup and
//! scripts in text, ids and authors, a run killed part-way; and the inputs the fuzzers found,
//! replayed on every test run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use diplostance::corpus::tei;

use crate::util;

/// Real paragraphs from the seeds (Henderson 1936, Steinhardt 1939), so that documents are
/// scored as the corpus would be.
const KREMLIN: &str = "The Kremlin does not believe that the Japanese Government is deliberately planning a war against the Soviet Union this spring. It is rumoured that a non-aggression pact may soon be signed by Moscow and Tokyo.";

const SCRIPT: &str = "<script>document.title='pwned'</script>";
const IMG: &str = "\"><img src=x onerror=\"document.title='pwned'\">";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn jsonl_line(id: &str, author: &str, text: &str, date: &str) -> String {
    serde_json::json!({ "id": id, "author": author, "text": text, "date": date }).to_string()
}

/// The hostile corpus: ids with separators, `..`, control characters and 500 characters, and
/// markup planted in ids, authors and text.
fn hostile_corpus(dir: &Path) -> (PathBuf, Vec<String>) {
    let ids = vec![
        "../../escape".to_string(),
        "/etc/passwd".to_string(),
        "a/b".to_string(),
        "a_b".to_string(),
        "..".to_string(),
        "bell\u{7}and\u{1b}[31mescape".to_string(),
        "x".repeat(500),
        format!("id{SCRIPT}"),
        format!("id{IMG}"),
    ];
    let mut lines = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let author = if i % 2 == 0 { SCRIPT } else { IMG };
        let text = format!("{KREMLIN} {SCRIPT} The attaché wrote {IMG} about a border incident.");
        lines.push(jsonl_line(
            id,
            author,
            &text,
            &format!("1938-0{}-1{}", 1 + i % 9, i % 9),
        ));
    }
    let p = dir.join("hostile.jsonl");
    std::fs::write(&p, lines.join("\n") + "\n").unwrap();
    (p, ids)
}

#[test]
fn path_like_ids_write_nothing_outside_the_report_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let inner = tmp.path().join("a/b/c");
    std::fs::create_dir_all(&inner).unwrap();
    let (corpus, ids) = hostile_corpus(&inner);
    let out = inner.join("report");
    let o = util::cmd()
        .args(["report", "-q", "-o", s(&out), s(&corpus)])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    // The id with control characters is refused (exit 1), the others are all in the report.
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("control character"), "{stderr}");
    // Nothing was created anywhere but in the report folder.
    let all = util::files_under(tmp.path());
    for f in &all {
        assert!(
            f.starts_with("a/b/c/report") || f == Path::new("a/b/c/hostile.jsonl"),
            "file written outside the report folder: {}",
            f.display()
        );
    }
    // Output names are fixed, short, and unique; none is derived from an id unsafely.
    let names = util::files_under(&out);
    assert!(names.contains(&PathBuf::from("index.html")), "{names:?}");
    for n in &names {
        let name = n.to_string_lossy();
        assert!(!name.contains(".."), "{name}");
        assert!(!name.chars().any(char::is_control), "{name:?}");
        assert!(n.file_name().unwrap().len() <= 120, "{name}");
    }
    // Every document is in the page, its id escaped (and control characters not raw).
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        !html.contains('\u{7}') && !html.contains('\u{1b}'),
        "raw control characters"
    );
    for id in &ids {
        let escaped = id
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;");
        if id.chars().any(char::is_control) {
            continue; // refused: named among the skipped documents only
        } else {
            assert!(
                html.contains(&escaped),
                "document id {id:?} not in the page as {escaped:?}"
            );
        }
    }
    // Anchors are unique: `a/b` and `a_b` do not share one.
    let mut anchors: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    let n = anchors.len();
    anchors.sort_unstable();
    anchors.dedup();
    assert_eq!(anchors.len(), n, "duplicate element ids in the page");
}

#[test]
fn planted_markup_is_escaped_in_the_html_report() {
    let tmp = tempfile::tempdir().unwrap();
    let (corpus, _) = hostile_corpus(tmp.path());
    let out = tmp.path().join("report");
    util::cmd()
        .args(["report", "-q", "-o", s(&out), s(&corpus)])
        .assert()
        .code(1); // the id with control characters is refused
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let lower = html.to_ascii_lowercase();
    assert_eq!(
        lower.matches("<script").count(),
        1,
        "a raw <script in index.html"
    );
    assert!(html.contains(&format!(
        "<script>{}</script>",
        diplostance::report::workbench::SCRIPT
    )));
    assert!(!lower.contains("<img"), "a raw <img in index.html");
    // `onerror=` may appear only as text (between tags), never inside a tag.
    for (at, _) in lower.match_indices("onerror=") {
        let (lt, gt) = (lower[..at].rfind('<'), lower[..at].rfind('>'));
        assert!(
            lt <= gt,
            "an onerror attribute inside a tag: {}",
            &html[lt.unwrap_or(0)..(at + 40).min(html.len())]
        );
    }
    // The text is still there, escaped, so the analyst can read what the document said.
    assert!(html.contains("&lt;script&gt;document.title="), "text lost");
    assert!(html.contains("&lt;img src=x onerror="), "text lost");
    // The data files written beside the page carry the raw values (they are data, not HTML),
    // and are valid JSON/CSV, not broken by quotes.
    for f in util::files_under(&out) {
        let name = f.to_string_lossy().into_owned();
        if name.ends_with(".json") {
            let text = std::fs::read_to_string(out.join(&f)).unwrap();
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        } else if name.ends_with(".jsonl") {
            for line in std::fs::read_to_string(out.join(&f)).unwrap().lines() {
                serde_json::from_str::<serde_json::Value>(line)
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
            }
        }
    }
}

#[test]
fn real_report_on_a_hostile_corpus_runs_no_script_in_chromium() {
    let Some(bin) = crate::report_browser::browser() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let (corpus, _) = hostile_corpus(tmp.path());
    let out = tmp.path().join("report");
    util::cmd()
        .args([
            "report",
            "-q",
            "--title",
            "Hostile corpus",
            "-o",
            s(&out),
            s(&corpus),
        ])
        .assert()
        .code(1); // the id with control characters is refused
    let url = format!("file://{}", out.join("index.html").display());
    let o = crate::report_browser::run_browser(&bin, &url, &["--dump-dom".to_string()]);
    let dom = String::from_utf8_lossy(&o.stdout);
    assert!(
        dom.contains("<title>Hostile corpus</title>"),
        "page did not load or a planted script retitled it: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!dom.contains("<title>pwned"), "a planted script ran");
    let lower = dom.to_ascii_lowercase();
    // one script element, the page's own, which ran (it shows the search box)
    assert_eq!(
        lower.matches("<script").count(),
        1,
        "a planted script element exists"
    );
    assert!(
        dom.contains("<div id=\"tools\">"),
        "the page's script did not run"
    );
    assert!(!lower.contains("<img"), "an img element exists");
    assert!(dom.contains("&lt;script&gt;document.title"), "text lost");
}

/// Is `bytes` a complete file of its kind (judged by its name)?
fn complete(name: &str, bytes: &[u8]) -> Result<(), String> {
    let text = || String::from_utf8(bytes.to_vec()).map_err(|e| format!("{name}: {e}"));
    if name.ends_with(".html") {
        if !text()?.trim_end().ends_with("</html>") {
            return Err(format!("{name} does not end with </html>"));
        }
    } else if name.ends_with(".png") {
        if bytes.len() < 12 || &bytes[bytes.len() - 8..bytes.len() - 4] != b"IEND" {
            return Err(format!("{name} has no IEND chunk at its end"));
        }
    } else if name.ends_with(".svg") {
        if !text()?.trim_end().ends_with("</svg>") {
            return Err(format!("{name} does not end with </svg>"));
        }
    } else if name.ends_with(".json") {
        serde_json::from_str::<serde_json::Value>(&text()?).map_err(|e| format!("{name}: {e}"))?;
    } else if (name.ends_with(".jsonl") || name.ends_with(".csv"))
        && !bytes.is_empty()
        && !bytes.ends_with(b"\n")
    {
        return Err(format!("{name} does not end with a newline"));
    }
    Ok(())
}

/// A corpus of a few thousand documents: the 64 documents of the TEI extract, repeated.
fn large_corpus(dir: &Path, copies: usize) -> PathBuf {
    let docs: Vec<_> = tei::read_volume(&util::tei_1938(), false)
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(docs.len(), 64);
    let mut out = String::new();
    for c in 0..copies {
        for d in &docs {
            let mut v = serde_json::json!({ "id": format!("{}-{c}", d.id), "text": d.text });
            if let Some(a) = &d.meta.author {
                v["author"] = a.clone().into();
            }
            if let Some(date) = &d.meta.date {
                v["date"] = date.to_string().into();
            }
            out.push_str(&v.to_string());
            out.push('\n');
        }
    }
    let p = dir.join("large.jsonl");
    std::fs::write(&p, out).unwrap();
    p
}

#[test]
fn interrupted_report_leaves_no_partial_file_under_a_final_name() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = large_corpus(tmp.path(), 10);
    let out = tmp.path().join("report");
    let bin = assert_cmd::cargo::cargo_bin("diplostance");
    let report = |title: &str| {
        let mut c = Command::new(&bin);
        c.args(["report", "-q", "--title", title, "-o", s(&out), s(&corpus)])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    };
    // A complete first report to be protected; its duration places the later kills.
    let started = std::time::Instant::now();
    assert!(report("First").status().unwrap().success());
    let full = started.elapsed().as_millis() as u64;
    let first = std::fs::read(out.join("index.html")).unwrap();
    assert!(String::from_utf8_lossy(&first).contains("<title>First</title>"));

    // Kill later runs at different points: reading, scoring, charts, and (at 85% and 95% of
    // a full run) while the files are staged and renamed.
    let signals = [("INT", 2), ("TERM", 15)];
    let points = [50u64, 200, 1000, full * 85 / 100, full * 95 / 100];
    let mut titles = vec!["<title>First</title>".to_string()];
    for (i, ms) in points.iter().enumerate() {
        let (sig_name, sig) = signals[i % 2];
        let mut child = report(&format!("Run {ms}")).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(*ms));
        let _ = Command::new("kill")
            .args([&format!("-{sig}"), &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        let after = util::files_under(&out);
        for f in &after {
            let name = f.to_string_lossy();
            if name.starts_with('.') || name.contains("/.") {
                continue; // staging names, never final ones
            }
            let bytes = std::fs::read(out.join(f)).unwrap();
            if let Err(e) = complete(&name, &bytes) {
                panic!("after SIG{sig_name} at {ms} ms ({status}): partial file: {e}");
            }
        }
        // The page is the first report or one of the runs started since (a late kill may find
        // a run already finished); never a mixture.
        titles.push(format!("<title>Run {ms}</title>"));
        let html = std::fs::read_to_string(out.join("index.html")).unwrap();
        let found: Vec<&String> = titles
            .iter()
            .filter(|t| html.contains(t.as_str()))
            .collect();
        assert_eq!(found.len(), 1, "index.html has titles {found:?}");
    }

    // A later successful run leaves only final names: no staging or temporary file.
    assert!(report("Last").status().unwrap().success());
    for f in util::files_under(&out) {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            !name.starts_with('.') && !name.contains(".tmp") && !name.contains(".staged"),
            "left behind: {}",
            f.display()
        );
        complete(&name, &std::fs::read(out.join(&f)).unwrap()).unwrap();
    }
}

/// Inputs found by the fuzzers (fuzz/README.md), fed to the same functions on every test run.
#[test]
fn fuzz_regressions_replay() {
    let dir = util::repo().join("tests/data/fuzz");
    let mut n = 0;
    for target in ["tokenizer", "lexicon", "tei", "ratings"] {
        let Ok(entries) = std::fs::read_dir(dir.join(target)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for p in paths {
            let data = std::fs::read(&p).unwrap();
            replay(target, &data);
            n += 1;
        }
    }
    assert!(n > 0, "no regression inputs under {}", dir.display());
}

/// The body of each fuzz target (fuzz/fuzz_targets/*.rs), as a plain function.
fn replay(target: &str, data: &[u8]) {
    match target {
        "tokenizer" => {
            if let Ok(text) = std::str::from_utf8(data) {
                crate::props::check_tokens(text);
            }
        }
        "lexicon" => {
            if let Ok(text) = std::str::from_utf8(data) {
                let origin = Path::new("fuzz.toml");
                if let Ok(lex) = diplostance::lexicon::Lexicon::from_toml_str(text, origin) {
                    let _ = lex.checksum();
                    let _ =
                        diplostance::score::Analyzer::new(lex, diplostance::score::DEFAULT_DYAD);
                }
            }
        }
        "tei" => {
            for lossy in [false, true] {
                let r = tei::read_bytes(Path::new("fuzz.xml"), data.to_vec(), lossy);
                for item in r.take(100_000) {
                    if let Err(p) = item {
                        let _ = p.to_string();
                    }
                }
            }
        }
        "ratings" => {
            if let Ok(text) = std::str::from_utf8(data) {
                let path = Path::new("fuzz.csv");
                match diplostance::agreement::Ratings::parse(path, text) {
                    Ok(r) => {
                        for dim in diplostance::agreement::RatedDimension::ALL {
                            let _ = r.matrix(dim);
                            let _ = r.document_means(dim);
                        }
                    }
                    Err(e) => assert!(e.to_string().contains("fuzz.csv"), "{e}"),
                }
            }
        }
        _ => unreachable!(),
    }
}

/// What a run killed while staging leaves behind (a staged file, and the temporary file the
/// staged file was being written through) is removed by the next successful run.
#[test]
fn leftovers_of_a_killed_run_are_removed_by_the_next_run() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    util::cmd()
        .args(["report", "-q", "-o", s(&out)])
        .assert()
        .code(0);
    let leftovers = [
        ".index.html.staged-4242",
        "..index.html.staged-4242.4242.tmp",
        ".index.html.4242.tmp",
    ];
    for l in leftovers {
        std::fs::write(out.join(l), "<html><body>half").unwrap();
    }
    util::cmd()
        .args(["report", "-q", "-o", s(&out)])
        .assert()
        .code(0);
    let left: Vec<PathBuf> = util::files_under(&out)
        .into_iter()
        .filter(|f| f.to_string_lossy().starts_with('.'))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}
