//! `--dyad` given more than once, on real text: each document scored once per pair, in order,
//! every output saying its dyad; a pair's own conflict counts for that pair; one dyad gives
//! the output it always gave.

use crate::util;

const SJ: &str = "Soviet Union,Japan";
const JC: &str = "Japan,China";
const SJ_LABEL: &str = "Soviet Union–Japan";
const JC_LABEL: &str = "Japan–China";

/// Sun Fo on Soviet arms for China, with Japanese offensives against China (1938).
fn d201() -> std::path::PathBuf {
    util::shared_file("corpus/frus-1931-1941/texts/frus1938v03-d201.txt")
}

/// `score` with these arguments, quiet; its standard output (the run must succeed).
fn score(args: &[&str]) -> String {
    let out = util::cmd()
        .arg("score")
        .args(args)
        .arg("-q")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn jsonl(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// Two dyads: two rows per document of the 1938 extract, documents in input order and the
/// dyads in the order given, in JSON lines, JSON, CSV and the table.
#[test]
fn two_dyads_give_two_rows_per_document_in_order() {
    let tei = util::tei_1938();
    let tei = tei.to_str().unwrap();
    let one = jsonl(&score(&[tei, "--format", "jsonl"]));
    let two = jsonl(&score(&[
        tei, "--format", "jsonl", "--dyad", SJ, "--dyad", JC,
    ]));
    assert_eq!(one.len(), 64);
    assert_eq!(two.len(), 2 * one.len());
    for (i, d) in one.iter().enumerate() {
        assert!(d.get("dyad").is_none(), "one dyad, no dyad field: {d}");
        for (k, label) in [SJ_LABEL, JC_LABEL].iter().enumerate() {
            let row = &two[2 * i + k];
            assert_eq!(row["id"], d["id"]);
            assert_eq!(row["dyad"], *label);
        }
    }
    // the other way round, the other order
    let swapped = jsonl(&score(&[
        tei, "--format", "jsonl", "--dyad", JC, "--dyad", SJ,
    ]));
    assert_eq!(swapped[0]["dyad"], JC_LABEL);
    assert_eq!(swapped[0]["hostility"], two[1]["hostility"]);

    let json: serde_json::Value = serde_json::from_str(&score(&[
        tei, "--format", "json", "--dyad", SJ, "--dyad", JC,
    ]))
    .unwrap();
    let labels: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["dyad"].as_str().unwrap())
        .collect();
    assert_eq!(labels.len(), 128);
    assert!(labels.chunks(2).all(|c| c == [SJ_LABEL, JC_LABEL]));

    let (header, rows) = csv_rows(&score(&[
        tei, "--format", "csv", "--dyad", SJ, "--dyad", JC,
    ]));
    assert_eq!(&header[..3], ["id", "dyad", "date"]);
    assert_eq!(rows.len(), 128);
    for (i, d) in one.iter().enumerate() {
        assert_eq!(rows[2 * i][0], d["id"].as_str().unwrap());
        assert_eq!(
            [rows[2 * i][1].as_str(), rows[2 * i + 1][1].as_str()],
            [SJ_LABEL, JC_LABEL]
        );
    }

    let table = score(&[tei, "--dyad", SJ, "--dyad", JC]);
    let mut lines = table.lines();
    let head: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(&head[..3], ["id", "dyad", "date"]);
    let first: Vec<&str> = lines.take(2).collect();
    assert!(
        first[0].contains(SJ_LABEL) && first[1].contains(JC_LABEL),
        "{first:?}"
    );
}

/// frus1938v03-d201: the Japanese offensive against Hankow and China fighting on are Japan's
/// and China's conflict. Scored for Japan–China its hostility is higher than for the Soviet
/// Union and Japan, and the offensive counts in full there, while for the Soviet Union and
/// Japan it is another pair's.
#[test]
fn a_pairs_own_conflict_counts_for_that_pair() {
    let path = d201();
    let rows = jsonl(&score(&[
        path.to_str().unwrap(),
        "--format",
        "jsonl",
        "--explain",
        "--dyad",
        SJ,
        "--dyad",
        JC,
    ]));
    assert_eq!(rows.len(), 2);
    let (sj, jc) = (&rows[0], &rows[1]);
    assert_eq!(
        (sj["dyad"].as_str(), jc["dyad"].as_str()),
        (Some(SJ_LABEL), Some(JC_LABEL))
    );
    let h = |r: &serde_json::Value| r["hostility"].as_f64().unwrap();
    assert!(
        h(jc) > 2.0 * h(sj),
        "Japan–China {} vs Soviet–Japanese {}",
        h(jc),
        h(sj)
    );
    assert!(jc["tension"].as_f64().unwrap() > sj["tension"].as_f64().unwrap());
    let offensive = |r: &serde_json::Value| -> serde_json::Value {
        r["hits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["term"] == "offensive")
            .cloned()
            .expect("an offensive hit")
    };
    let kinds = |h: &serde_json::Value| -> Vec<String> {
        h["modifiers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["kind"].as_str().unwrap().to_string())
            .collect()
    };
    let (o_sj, o_jc) = (offensive(sj), offensive(jc));
    for o in [&o_sj, &o_jc] {
        assert_eq!(o["participants"], serde_json::json!(["japan", "china"]));
    }
    assert!(kinds(&o_sj).contains(&"other_pair".to_string()), "{o_sj}");
    assert!(!kinds(&o_jc).contains(&"other_pair".to_string()), "{o_jc}");
    assert!(o_jc["weight"].as_f64().unwrap() > 5.0 * o_sj["weight"].as_f64().unwrap());
}

/// The hits CSV (`--explain`) and the sentences (`--by sentence`) say the dyad of each row,
/// after the id, in the same order.
#[test]
fn hits_and_sentences_say_their_dyad() {
    let path = d201();
    let path = path.to_str().unwrap();
    let both = ["--dyad", SJ, "--dyad", JC];
    let (header, rows) = csv_rows(&score(
        &[&[path, "--format", "csv", "--explain"][..], &both].concat(),
    ));
    assert_eq!(&header[..3], ["id", "dyad", "sentence"]);
    let dyads: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    let split = dyads.iter().position(|d| *d == JC_LABEL).unwrap();
    assert!(split > 0 && dyads[..split].iter().all(|d| *d == SJ_LABEL));
    assert!(dyads[split..].iter().all(|d| *d == JC_LABEL));
    // each dyad's hits are the single-dyad hits CSV's, with the dyad column added
    for (spec, label) in [(SJ, SJ_LABEL), (JC, JC_LABEL)] {
        let (h1, alone) = csv_rows(&score(&[
            path,
            "--format",
            "csv",
            "--explain",
            "--dyad",
            spec,
        ]));
        assert_eq!(h1.len() + 1, header.len());
        let mine: Vec<Vec<String>> = rows
            .iter()
            .filter(|r| r[1] == label)
            .map(|r| [&r[..1], &r[2..]].concat())
            .collect();
        assert_eq!(mine, alone, "{spec}");
    }

    let (header, rows) = csv_rows(&score(
        &[&[path, "--format", "csv", "--by", "sentence"][..], &both].concat(),
    ));
    assert_eq!(&header[..3], ["id", "dyad", "sentence"]);
    let sentences = rows.len() / 2;
    assert!(sentences >= 4 && rows.len() == 2 * sentences);
    assert!(rows[..sentences].iter().all(|r| r[1] == SJ_LABEL));
    assert!(rows[sentences..].iter().all(|r| r[1] == JC_LABEL));
    let by_sentence = jsonl(&score(
        &[&[path, "--format", "jsonl", "--by", "sentence"][..], &both].concat(),
    ));
    assert_eq!(by_sentence[sentences]["dyad"], JC_LABEL);
    assert_eq!(by_sentence[sentences]["sentence"], 0);
}

/// One dyad gives the output it always gave: no dyad column or field, the default and the
/// pair named explicitly alike; and the Soviet–Japanese rows of a run with two dyads are that
/// output, row for row, once the dyad column is dropped.
#[test]
fn one_dyad_output_is_unchanged() {
    let tei = util::tei_1938();
    let tei = tei.to_str().unwrap();
    let default = score(&[tei, "--format", "csv"]);
    assert_eq!(default, score(&[tei, "--format", "csv", "--dyad", SJ]));
    assert!(
        !default
            .lines()
            .next()
            .unwrap()
            .split(',')
            .any(|c| c == "dyad")
    );
    let (_, two) = csv_rows(&score(&[
        tei, "--format", "csv", "--dyad", SJ, "--dyad", JC,
    ]));
    let (_, one) = csv_rows(&default);
    let sj: Vec<Vec<String>> = two
        .iter()
        .filter(|r| r[1] == SJ_LABEL)
        .map(|r| [&r[..1], &r[2..]].concat())
        .collect();
    assert_eq!(sj, one);
    let table = score(&[tei]);
    assert!(!table.contains(SJ_LABEL) && !table.lines().next().unwrap().contains("dyad"));
}

/// `score --dyad ... ` run on 1 and 2 threads: the same bytes.
#[test]
fn two_dyads_are_the_same_on_any_number_of_threads() {
    let tei = util::tei_1938();
    let tei = tei.to_str().unwrap();
    let run = |t: &str| {
        score(&[
            tei,
            "--format",
            "jsonl",
            "--explain",
            "--threads",
            t,
            "--dyad",
            JC,
            "--dyad",
            SJ,
        ])
    };
    assert_eq!(run("1"), run("2"));
}

fn refused(args: &[&str]) -> String {
    let out = util::cmd().args(args).arg("-q").output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// An unknown actor in the second `--dyad` is named with its pair; a pair given twice (by
/// other names, the other way round) is refused with both spellings.
#[test]
fn bad_second_dyads_are_refused_by_name() {
    let err = refused(&["score", "--dyad", SJ, "--dyad", "Japan,Atlantis"]);
    assert!(
        err.starts_with("diplostance: unknown actor \"Atlantis\" in --dyad \"Japan,Atlantis\""),
        "{err}"
    );
    let err = refused(&["score", "--dyad", SJ, "--dyad", "japan,soviet_union"]);
    assert!(
        err.contains(
            "--dyad \"japan,soviet_union\" names the same pair as --dyad \"Soviet Union,Japan\""
        ),
        "{err}"
    );
}

/// The commands that work with one dyad say so rather than use the first.
#[test]
fn single_dyad_commands_refuse_two() {
    let d = tempfile::tempdir().unwrap();
    let model = d.path().join("m.json");
    let model = model.to_str().unwrap();
    let ratings = util::shared_file("corpus/frus-1931-1941/ratings/analyst-A.csv");
    let ratings = ratings.to_str().unwrap();
    let texts = util::shared_file("corpus/frus-1931-1941/texts");
    let texts = texts.to_str().unwrap();
    let two = ["--dyad", SJ, "--dyad", JC];
    let report = d.path().join("report");
    for (command, args) in [
        ("timeline", vec!["timeline", texts]),
        ("cluster", vec!["cluster", texts]),
        ("fit", vec!["fit", texts, "-o", model]),
        (
            "report",
            vec!["report", texts, "-o", report.to_str().unwrap()],
        ),
        ("eval", vec!["eval", texts, "--ratings", ratings]),
        ("compare", vec!["compare", "--by", "author", texts]),
    ] {
        let err = refused(&[&args[..], &two].concat());
        assert!(
            err.contains(&format!("{command} takes one --dyad; got 2")),
            "{command}: {err}"
        );
    }
    assert!(!report.exists() && !std::path::Path::new(model).exists());
}
