//! Bad input through the real binary: every error is one line on stderr that names the file
//! (and line and column where the format has them), the exit code says what happened (1: some
//! inputs failed, the others were scored; 2: nothing could be done), and nothing panics.

use std::path::{Path, PathBuf};

use crate::util;

/// A real sentence from the seeds (Henderson, Moscow, 1936).
const KREMLIN: &str = "The Kremlin does not believe that the Japanese Government is deliberately planning a war against the Soviet Union this spring.";

fn write(dir: &Path, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(rel);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, content).unwrap();
    p
}

/// Run the binary; (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = util::cmd().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// No panic message, no backtrace hint: errors are reported, not crashed on.
fn assert_no_panic(stderr: &str) {
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "the binary panicked: {stderr}"
    );
}

#[test]
fn non_utf8_is_an_error_naming_the_file_and_lossy_counts_replacements() {
    let dir = tempfile::tempdir().unwrap();
    // Latin-1 "é" (0xE9) twice, as a spreadsheet saved in the wrong encoding would write it.
    let mut bytes = b"The attach\xe9 reported that ".to_vec();
    bytes.extend_from_slice(KREMLIN.as_bytes());
    bytes.extend_from_slice(b" Caf\xe9 talk.\n");
    let bad = write(dir.path(), "latin1.txt", &bytes);
    let good = write(dir.path(), "good.txt", format!("{KREMLIN}\n"));

    // Strict: the bad file is named with line and column, the good one is still scored.
    let (code, stdout, stderr) = run(&["score", "--format", "jsonl", s(&bad), s(&good)]);
    assert_no_panic(&stderr);
    assert_eq!(code, 1, "some inputs failed: exit 1; stderr: {stderr}");
    assert!(stderr.contains("latin1.txt"), "{stderr}");
    assert!(
        stderr.contains("latin1.txt:1:11"),
        "line and column: {stderr}"
    );
    assert!(stderr.to_lowercase().contains("utf-8"), "{stderr}");
    assert!(
        stderr.contains("--lossy"),
        "the error says how to fix it: {stderr}"
    );
    let ids: Vec<String> = stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect();
    assert_eq!(ids, vec!["\"good\"".to_string()]);

    // Lossy: scored, two bytes replaced, and stderr says so.
    let (code, stdout, stderr) = run(&["score", "--lossy", "--format", "jsonl", s(&bad)]);
    assert_no_panic(&stderr);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("latin1.txt"), "{stderr}");
    assert!(
        stderr.contains("2 bytes") || stderr.contains("2 invalid bytes"),
        "the count of replaced bytes is shown: {stderr}"
    );
    let v: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(v["id"], "latin1");
    assert!(v["tokens"].as_u64().unwrap() >= 20, "{v}");
}

#[test]
fn malformed_xml_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    // Line 4 closes <p> with </div>: a mismatched end tag.
    let bad = write(
        dir.path(),
        "bad.xml",
        "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xml:id=\"frus1938v03\"><text><body>\n\
         <div type=\"document\" xml:id=\"d1\">\n\
         <p>The Soviet Government protested.\n\
         </div></p>\n\
         </body></text></TEI>\n",
    );
    let (code, _, stderr) = run(&["score", s(&bad)]);
    assert_no_panic(&stderr);
    assert!(code == 1 || code == 2, "exit {code}: {stderr}");
    let line = stderr
        .lines()
        .find(|l| l.contains("bad.xml"))
        .unwrap_or_else(|| panic!("no line names the file: {stderr}"));
    // `bad.xml:LINE:COL`, with the line of the mismatched tag.
    let after = &line[line.find("bad.xml:").expect("file:line") + "bad.xml:".len()..];
    let mut parts = after.split(':');
    let l: usize = parts.next().unwrap().trim().parse().expect(line);
    let c: usize = parts
        .next()
        .unwrap()
        .split(|ch: char| !ch.is_ascii_digit())
        .next()
        .unwrap()
        .parse()
        .expect(line);
    assert_eq!(l, 4, "{line}");
    assert!(c >= 1, "{line}");

    // Truncated file: the end of input is reported, not silently accepted.
    let cut = write(
        dir.path(),
        "cut.xml",
        "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body>\n<div type=\"document\" xml:id=\"d1\"><p>The Soviet",
    );
    let (code, _, stderr) = run(&["score", s(&cut)]);
    assert_no_panic(&stderr);
    assert!(code == 1 || code == 2, "exit {code}: {stderr}");
    assert!(stderr.contains("cut.xml:"), "{stderr}");
}

#[test]
fn entity_definitions_are_refused_fast_without_expansion() {
    let dir = tempfile::tempdir().unwrap();
    let mut laughs =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    laughs.push_str("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
    for i in 2..=9 {
        let prev = format!("&lol{};", i - 1).repeat(10);
        laughs.push_str(&format!("<!ENTITY lol{i} \"{prev}\">\n"));
    }
    laughs.push_str("]>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><div type=\"document\" xml:id=\"d1\"><p>&lol9;</p></div></body></text></TEI>\n");
    let bomb = write(dir.path(), "laughs.xml", laughs);
    let external = write(
        dir.path(),
        "xxe.xml",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n\
         <TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><div type=\"document\" xml:id=\"d1\"><p>&xxe;</p></div></body></text></TEI>\n",
    );
    for (f, name) in [(&bomb, "laughs.xml"), (&external, "xxe.xml")] {
        let out = util::cmd()
            .args(["score", "--format", "jsonl", s(f)])
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_no_panic(&stderr);
        let code = out
            .status
            .code()
            .expect("exited, not killed by the time limit");
        assert!(code == 1 || code == 2, "{name}: exit {code}: {stderr}");
        assert!(stderr.contains(name), "{stderr}");
        assert!(stderr.to_lowercase().contains("entit"), "{stderr}");
        assert!(!stdout.contains("lollol"), "expanded: {stdout}");
        assert!(!stdout.contains("root:"), "external entity read: {stdout}");
    }
}

#[test]
fn deeply_nested_xml_does_not_overflow_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 100_000;
    let mut xml = String::with_capacity(depth * 12 + 400);
    xml.push_str("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xml:id=\"frus1938v03\"><text><body>\n<div type=\"document\" xml:id=\"d1\"><p>");
    xml.push_str(KREMLIN);
    xml.push(' ');
    for _ in 0..depth {
        xml.push_str("<hi>");
    }
    xml.push_str("deep");
    for _ in 0..depth {
        xml.push_str("</hi>");
    }
    xml.push_str("</p></div>\n</body></text></TEI>\n");
    let deep = write(dir.path(), "deep.xml", &xml);
    let (code, stdout, stderr) = run(&["score", "--format", "jsonl", s(&deep)]);
    assert_no_panic(&stderr);
    // Either scored or refused with a message naming the file; never a crash.
    match code {
        0 => {
            let v: serde_json::Value =
                serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
            assert_eq!(v["id"], "frus1938v03-d1");
        }
        1 | 2 => assert!(stderr.contains("deep.xml"), "{stderr}"),
        other => panic!("exit {other}: {stderr}"),
    }

    // Unclosed deep nesting: an error with a position, not a stack overflow.
    let open = write(
        dir.path(),
        "open.xml",
        format!(
            "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><div type=\"document\" xml:id=\"d1\"><p>{}",
            "<hi>".repeat(depth)
        ),
    );
    let (code, _, stderr) = run(&["score", s(&open)]);
    assert_no_panic(&stderr);
    assert!(code == 1 || code == 2, "exit {code}: {stderr}");
    assert!(stderr.contains("open.xml"), "{stderr}");
}

/// A lexicon file: the default header and one hostility cue, with `body` appended.
fn lexicon(body: &str) -> String {
    format!(
        "format = 1\n\n[hostility]\ncues = [\n  {{ term = \"border incident\", weight = 2.0 }},\n{body}]\n"
    )
}

/// `file:line:col` where `col` is a number, anywhere in `stderr`.
fn location_in(stderr: &str, file: &str) -> Option<(usize, usize)> {
    let i = stderr.find(&format!("{file}:"))? + file.len() + 1;
    let mut it = stderr[i..].split(':');
    let line = it.next()?.parse().ok()?;
    let col = it
        .next()?
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()?;
    Some((line, col))
}

#[test]
fn every_kind_of_lexicon_error_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let doc = write(dir.path(), "doc.txt", format!("{KREMLIN}\n"));
    // (file name, contents, expected line, words the message must contain)
    let cases: Vec<(&str, String, usize, &[&str])> = vec![
        (
            "syntax.toml",
            lexicon("  { term = \"clash\", weight = 2.0 \n"),
            7,
            &[],
        ),
        (
            "dimension.toml",
            "format = 1\n\n[hostility]\ncues = [{ term = \"clash\", weight = 2.0 }]\n\n[friendship]\ncues = [{ term = \"accord\", weight = 1.0 }]\n".to_string(),
            6,
            &["friendship"],
        ),
        (
            "weight.toml",
            lexicon("  { term = \"clash\", weight = -3.0 },\n"),
            6,
            &["weight"],
        ),
        (
            "weight_text.toml",
            lexicon("  { term = \"clash\", weight = \"heavy\" },\n"),
            6,
            &[],
        ),
        (
            "match.toml",
            lexicon("  { term = \"clash\", weight = 1.0, match = \"fuzzy\" },\n"),
            6,
            &["fuzzy"],
        ),
        (
            "actors.toml",
            format!(
                "{}\n[[actor]]\nid = \"japan\"\nname = \"Japan\"\naliases = [\"Japan\"]\n\n[[actor]]\nid = \"japan\"\nname = \"Nippon\"\naliases = [\"Nippon\"]\n",
                lexicon("")
            ),
            14,
            &["japan"],
        ),
    ];
    for (name, text, line, words) in &cases {
        let p = write(dir.path(), name, text);
        let (code, stdout, stderr) = run(&["score", "--lexicon", s(&p), s(&doc)]);
        assert_no_panic(&stderr);
        assert_eq!(code, 2, "{name}: a bad lexicon stops the run: {stderr}");
        assert!(stdout.is_empty(), "{name}: nothing scored: {stdout}");
        let first = stderr.lines().next().unwrap_or("");
        let (l, c) = location_in(first, name)
            .unwrap_or_else(|| panic!("{name}: no file:line:col in the first error: {stderr}"));
        assert_eq!(l, *line, "{name}: {first}");
        assert!(c >= 1, "{name}: {first}");
        for w in *words {
            assert!(first.contains(w), "{name}: `{w}` missing from: {first}");
        }
    }

    // Non-UTF-8 lexicon: named, with the position of the bad byte.
    let mut bytes = lexicon("").into_bytes();
    bytes.extend_from_slice(b"# caf\xe9\n");
    let p = write(dir.path(), "latin1.toml", bytes);
    let (code, _, stderr) = run(&["score", "--lexicon", s(&p), s(&doc)]);
    assert_no_panic(&stderr);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("latin1.toml"), "{stderr}");
    assert!(stderr.to_lowercase().contains("utf-8"), "{stderr}");
    assert_eq!(
        location_in(&stderr, "latin1.toml").map(|x| x.0),
        Some(7),
        "{stderr}"
    );
}

#[test]
fn every_kind_of_ratings_error_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let header = "analyst,doc_id,hostility,rapprochement,uncertainty,tension,trend,note\n";
    let good_row = "A,frus1938v03-d423,3,0,1,6,-1,border clash\n";
    let cases: Vec<(&str, String, usize, &str)> = vec![
        (
            "range.csv",
            format!("{header}{good_row}A,frus1938v03-d424,7,0,1,6,0,\n"),
            3,
            "out of range for hostility",
        ),
        (
            "duplicate.csv",
            format!("{header}{good_row}{good_row}"),
            3,
            "frus1938v03-d423",
        ),
        (
            "malformed.csv",
            format!("{header}{good_row}A,frus1938v03-d424,2,\"unclosed\n"),
            3,
            "",
        ),
        (
            "fields.csv",
            format!("{header}{good_row}A,frus1938v03-d424,2,1\n"),
            3,
            "",
        ),
        (
            "not_a_number.csv",
            format!("{header}A,frus1938v03-d424,high,0,1,6,0,\n"),
            2,
            "high",
        ),
        (
            "column.csv",
            "doc_id,hostility,rapprochement\nfrus1938v03-d424,2,1\n".to_string(),
            1,
            "analyst",
        ),
    ];
    for (name, text, line, word) in &cases {
        let p = write(dir.path(), name, text);
        let (code, stdout, stderr) = run(&["compare", s(&p)]);
        assert_no_panic(&stderr);
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(stdout.is_empty(), "{name}: {stdout}");
        let first = stderr.lines().next().unwrap_or("");
        let want = format!("{name}:{line}");
        assert!(
            first.contains(&want),
            "{name}: `{want}` missing from: {first}"
        );
        assert!(
            first.contains(word),
            "{name}: `{word}` missing from: {first}"
        );
    }
    let mut bytes = header.as_bytes().to_vec();
    bytes.extend_from_slice(b"A,frus1938v03-d424,2,0,1,6,0,caf\xe9\n");
    let p = write(dir.path(), "latin1.csv", bytes);
    let (code, _, stderr) = run(&["compare", s(&p)]);
    assert_no_panic(&stderr);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("latin1.csv:2"), "{stderr}");
    assert!(stderr.to_lowercase().contains("utf-8"), "{stderr}");
}

/// A report of the bundled sample into `out`, checked to succeed.
fn report_ok(out: &Path) {
    let (code, _, stderr) = run(&["report", "-q", "-o", s(out)]);
    assert_eq!(code, 0, "{stderr}");
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = walk(dir)
        .into_iter()
        .map(|p| {
            (
                p.strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn full_disk_gives_a_clear_error_and_keeps_the_previous_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report");
    report_ok(&out);
    let before = snapshot(&out);
    assert!(before.iter().any(|(n, _)| n == "index.html"), "{before:?}");
    let bin = assert_cmd::cargo::cargo_bin("diplostance");
    // A 50-block (25 KiB) file-size limit: the first large chart fails with EFBIG. The shell
    // ignores SIGXFSZ, and the ignored disposition is inherited across exec.
    let script = format!(
        "trap '' XFSZ; ulimit -f 50; exec '{}' report -q --title 'Second run' -o '{}'",
        bin.display(),
        out.display()
    );
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_no_panic(&stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(s(&out)), "the folder is named: {stderr}");
    assert!(
        stderr.contains("too large") || stderr.contains("File too large"),
        "the system's reason is shown: {stderr}"
    );
    assert_eq!(
        snapshot(&out),
        before,
        "the previous report is byte for byte intact and no staging file is left"
    );
}

#[test]
fn unwritable_output_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "file.txt", "a regular file");
    let out = file.join("sub");
    let (code, _, stderr) = run(&["report", "-q", "-o", s(&out)]);
    assert_no_panic(&stderr);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("file.txt/sub"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "a regular file");

    // score -o into the same impossible place.
    let (code, _, stderr) = run(&["score", "-o", s(&out.join("scores.json"))]);
    assert_no_panic(&stderr);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("file.txt/sub"), "{stderr}");
}
