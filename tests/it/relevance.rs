//! Documents without a tension (nothing on the dyad) on the 1931-1941 set: left out of the
//! timeline, the author comparison, the clusters and a fitted model, and counted.

use serde_json::Value;

use crate::util::{cmd, shared_file};

fn decade() -> std::path::PathBuf {
    shared_file("corpus/frus-1931-1941/texts")
}

/// Runs `args` on the decade set; its stdout as JSON and its stderr.
fn run_json(args: &[&str]) -> (Value, String) {
    let out = cmd().args(args).arg(decade()).assert().success();
    let o = out.get_output();
    let json = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    (json, String::from_utf8_lossy(&o.stderr).into_owned())
}

/// The ids of the documents scored with a null tension, and the number of documents.
fn null_tension_ids() -> (Vec<String>, usize) {
    let (scores, _) = run_json(&["score", "--format", "json"]);
    let docs = scores.as_array().unwrap();
    let ids = docs
        .iter()
        .filter(|d| d["tension"].is_null())
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    (ids, docs.len())
}

/// The count of the left-out entry that names the missing tension.
fn no_tension_count(left_out: &Value) -> u64 {
    left_out
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["reason"].as_str().unwrap().starts_with("no tension"))
        .map_or(0, |l| l["count"].as_u64().unwrap())
}

#[test]
fn timeline_leaves_out_documents_without_tension_and_counts_them() {
    let (nulls, total) = null_tension_ids();
    assert!(!nulls.is_empty(), "the set has documents without a tension");
    let (t, stderr) = run_json(&["timeline", "--by", "year", "--format", "json"]);
    assert_eq!(no_tension_count(&t["left_out"]), nulls.len() as u64);
    let placed: u64 = t["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["documents"].as_u64().unwrap())
        .sum();
    // every document of the set is dated to the day
    assert_eq!(placed as usize, total - nulls.len());
    assert!(
        stderr.contains(&format!("{} document(s) left out: no tension", nulls.len())),
        "{stderr}"
    );
}

#[test]
fn clusters_and_models_leave_out_documents_without_tension() {
    let (nulls, total) = null_tension_ids();
    let (c, stderr) = run_json(&["cluster", "--format", "json"]);
    let ids: Vec<&str> = c["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), total - nulls.len());
    assert!(nulls.iter().all(|n| !ids.contains(&n.as_str())));
    assert_eq!(no_tension_count(&c["left_out"]), nulls.len() as u64);
    assert!(stderr.contains("left out: no tension"), "{stderr}");

    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model.json");
    cmd()
        .args(["fit", "-o"])
        .arg(&model)
        .arg(decade())
        .assert()
        .success();
    let m: Value = serde_json::from_slice(&std::fs::read(&model).unwrap()).unwrap();
    assert_eq!(
        m["trained_on"].as_u64().unwrap() as usize,
        total - nulls.len()
    );
    let (scored, _) = run_json(&[
        "score",
        "--format",
        "json",
        "--model",
        model.to_str().unwrap(),
    ]);
    for d in scored.as_array().unwrap() {
        assert_eq!(
            d["tension"].is_null(),
            d.get("cluster").is_none(),
            "{}: a cluster exactly when it has a tension",
            d["id"]
        );
    }
}

#[test]
fn author_comparison_leaves_out_documents_without_tension() {
    let (nulls, _) = null_tension_ids();
    let (g, stderr) = run_json(&["compare", "--by", "author", "--format", "json"]);
    assert!(
        stderr.contains(&format!("{} document(s) left out: no tension", nulls.len())),
        "{stderr}"
    );
    // 82 documents, one without an author, and those without a tension
    assert_eq!(
        g["documents"].as_u64().unwrap() as usize,
        82 - 1 - nulls.len()
    );
    let n: u64 = g["scores"]["tension"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["n"].as_u64().unwrap())
        .sum();
    assert_eq!(n, g["documents"].as_u64().unwrap(), "{g}");
}

/// The trend is null exactly where the tension is, in JSON and CSV (the feature keeps the
/// number), and a year's mean trend in the timeline is the mean of its documents' trends.
#[test]
fn trend_is_null_with_the_tension() {
    let (scores, _) = run_json(&["score", "--format", "json"]);
    let docs = scores.as_array().unwrap();
    let nulls = docs.iter().filter(|d| d["tension"].is_null()).count();
    assert!(nulls > 0, "the set has documents without a tension");
    for d in docs {
        assert_eq!(d["trend"].is_null(), d["tension"].is_null(), "{}", d["id"]);
        assert!(d["features"]["trend"].is_number(), "{}", d["id"]);
        if !d["trend"].is_null() {
            assert_eq!(d["trend"], d["features"]["trend"], "{}", d["id"]);
        }
    }

    let out = cmd()
        .args(["score", "--format", "csv"])
        .arg(decade())
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header = rows.headers().unwrap().clone();
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let (tension, trend) = (col("tension"), col("trend"));
    let mut empty = 0;
    for r in rows.records() {
        let r = r.unwrap();
        assert_eq!(r[trend].is_empty(), r[tension].is_empty(), "{}", &r[0]);
        empty += usize::from(r[trend].is_empty());
    }
    assert_eq!(empty, nulls);

    let (t, _) = run_json(&["timeline", "--by", "year", "--format", "json"]);
    for p in t["periods"].as_array().unwrap() {
        let year = p["period"].as_str().unwrap();
        let trends: Vec<f64> = docs
            .iter()
            .filter(|d| d["date"].as_str().is_some_and(|x| x.starts_with(year)))
            .filter_map(|d| d["trend"].as_f64())
            .collect();
        let mean = trends.iter().sum::<f64>() / trends.len() as f64;
        assert!(
            (p["trend"].as_f64().unwrap() - mean).abs() < 1e-9,
            "{year}: {} against {mean}",
            p["trend"]
        );
    }
}
