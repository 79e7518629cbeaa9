//! `eval` over the shared rated sets at once, checked against the project's validity script
//! (`../shared/hooks/validity.py`, run with python3) figure by figure.

use std::path::PathBuf;
use std::process::Command;

use diplostance::agreement::sets::tool_value;
use diplostance::agreement::{RatedDimension, ToolScores};
use diplostance::corpus::{Document, ReadOptions, load};
use diplostance::score::{Analyzer, Workspace};

use crate::util::{cmd, json_of_success, repo, shared_file, tei_1938};

/// The three shared sets: (corpus, its ratings files).
pub fn sets() -> Vec<(PathBuf, Vec<PathBuf>)> {
    let analysts: Vec<PathBuf> = ["A", "B", "C"]
        .iter()
        .map(|a| shared_file(&format!("corpus/analysts/analyst-{a}.csv")))
        .collect();
    let decade: Vec<PathBuf> = ["A", "B", "C"]
        .iter()
        .map(|a| shared_file(&format!("corpus/frus-1931-1941/ratings/analyst-{a}.csv")))
        .collect();
    vec![
        (tei_1938(), analysts.clone()),
        (shared_file("corpus/frus-1931-1941/texts"), decade),
        (repo().join("corpus/seeds"), analysts),
    ]
}

/// `eval --corpus .. --ratings .. (x3) --by year --format json`.
fn eval_json() -> serde_json::Value {
    let mut c = cmd();
    c.args(["eval", "-q", "--by", "year", "--format", "json"]);
    for (corpus, ratings) in sets() {
        c.arg("--corpus").arg(corpus).arg("--ratings");
        c.args(ratings);
    }
    json_of_success(&mut c)
}

/// validity.py's `spearman = X  n = N` and `YEAR: tension rho = X (n = N), analysts' own
/// agreement H` lines on one set, as (key, rho, n, agreement) rows.
fn validity(corpus: &PathBuf, ratings: &[PathBuf]) -> Vec<(String, f64, Option<f64>)> {
    let dir = tempfile::tempdir().unwrap();
    let scores = dir.path().join("scores.jsonl");
    cmd()
        .args(["score", "-q", "--format", "jsonl", "--out"])
        .arg(&scores)
        .arg(corpus)
        .assert()
        .success();
    let py = Command::new("python3")
        .arg(shared_file("hooks/validity.py"))
        .arg(&scores)
        .args(ratings)
        .arg("--years")
        .output()
        .expect("python3 runs ../shared/hooks/validity.py (apt-get install python3)");
    let text = String::from_utf8(py.stdout).unwrap();
    let mut rows = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("set: ") else {
            continue;
        };
        let num = |s: &str| {
            s.trim()
                .trim_matches(|c| c == '(' || c == ')')
                .parse::<f64>()
                .ok()
        };
        if let Some((dim, r)) = rest.split_once(": spearman = ") {
            let rho = num(r.split_whitespace().next().unwrap());
            rows.push((dim.to_string(), rho.unwrap_or(f64::NAN), None));
        } else if let Some((year, r)) = rest.split_once(": tension rho = ") {
            let rho = num(r.split_whitespace().next().unwrap()).unwrap_or(f64::NAN);
            let h = r
                .split("agreement ")
                .nth(1)
                .and_then(|x| num(x.split(' ').next().unwrap()));
            rows.push((format!("year {year}"), rho, h));
        }
    }
    assert!(rows.len() >= 4, "validity.py said: {text}");
    rows
}

#[test]
fn eval_over_the_shared_sets_matches_the_validity_script() {
    let e = eval_json();
    let figures = e["sets"].as_array().unwrap();
    assert_eq!(figures.len(), 4, "three sets and the union");
    assert_eq!(figures[3]["name"], "union");
    let mut years_checked = 0;
    for ((corpus, ratings), set) in sets().iter().zip(figures) {
        for (key, rho, human) in validity(corpus, ratings) {
            let close = |x: &serde_json::Value, want: f64| {
                let got = x.as_f64().unwrap_or(f64::NAN);
                assert!(
                    (got - want).abs() <= 0.0005 || (got.is_nan() && want.is_nan()),
                    "{}: {key}: eval {got}, validity.py {want}",
                    corpus.display()
                );
            };
            if let Some(year) = key.strip_prefix("year ") {
                let y = set["years"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|y| y["year"] == year && y["dimension"] == "tension")
                    .unwrap();
                close(&y["spearman"], rho);
                close(&y["analysts_agreement"], human.unwrap());
                assert_eq!(y["binding"], human.unwrap() >= 0.7, "{year}");
                years_checked += 1;
            } else {
                let d = set["dimensions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|d| d["dimension"] == key.as_str())
                    .unwrap();
                close(&d["spearman"], rho);
            }
        }
    }
    assert!(years_checked >= 10, "{years_checked} years compared");
    // the union is more documents than any set
    let n = |s: &serde_json::Value| s["dimensions"][0]["n"].as_u64().unwrap();
    assert_eq!(
        n(&figures[3]),
        n(&figures[0]) + n(&figures[1]) + n(&figures[2])
    );
}

#[test]
fn eval_sets_refuses_ratings_before_any_corpus() {
    let (corpus, ratings) = sets().remove(0);
    let out = cmd()
        .args(["eval", "-q", "--ratings"])
        .arg(&ratings[0])
        .arg("--corpus")
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("before any --corpus"), "{err}");
}

/// A document that says nothing about the dyad has a null tension and a null trend, and every
/// evaluation counts that trend as the codebook's "no change", 0: the tool's scores of one-set
/// `eval` and of `compare` too, not the number the trend feature keeps. On the 1938 extract,
/// its documents and each of their sentences taken as a document: a sentence such as "It is
/// furthermore reported that the Japanese Ambassador admitted yesterday that the Russian
/// troops were believed to be in occupancy of some part ..." says too little about the dyad
/// for a tension, yet its feature holds a trend other than 0.
#[test]
fn a_null_tension_counts_as_3_and_a_null_trend_as_no_change_in_every_evaluation() {
    let corpus = load(&[tei_1938()], &ReadOptions::default()).unwrap();
    let analyzer = Analyzer::builtin().unwrap();
    let mut ws = Workspace::default();
    let mut docs = corpus.docs.clone();
    for d in &corpus.docs {
        for s in analyzer.score_sentences(d, &mut ws) {
            let text = &d.text[s.start as usize..s.end as usize];
            docs.push(Document::new(format!("{}#{}", d.id, s.sentence), text));
        }
    }
    let scored = analyzer.score_all(&docs, false);
    let tool = ToolScores::from_doc_scores(scored.iter());
    let mut nulls_with_a_number = 0;
    for d in &scored {
        let got = tool.get(&d.id, RatedDimension::Trend);
        assert_eq!(got, Some(tool_value(d, RatedDimension::Trend)), "{}", d.id);
        let tension = tool.get(&d.id, RatedDimension::Tension);
        assert_eq!(
            tension,
            Some(tool_value(d, RatedDimension::Tension)),
            "{}",
            d.id
        );
        if d.tension().is_none() {
            assert_eq!(got, Some(0.0), "{}", d.id);
            assert_eq!(tension, Some(3.0), "{}", d.id);
            nulls_with_a_number += usize::from(d.features.get("trend") != Some(0.0));
        } else {
            assert_eq!(got, d.trend(), "{}", d.id);
        }
    }
    assert!(
        nulls_with_a_number >= 2,
        "{nulls_with_a_number} texts of the 1938 extract with a null tension have a trend \
         feature other than 0"
    );
}
