//! The codebook-scale calibration: `models/scale.json` is what `fit-scale` writes on the three
//! shared rated sets, its figures are `eval`'s for their union, and `score --scale` reads real
//! text on the codebook's scales, in the raw scores' order.

use std::fs;

use serde_json::Value;

use crate::eval_sets::sets;
use crate::util::{assert_says, cmd, one_cue_lexicon, repo, shared_file, stderr_of_exit};

fn shipped() -> std::path::PathBuf {
    repo().join("models/scale.json")
}

#[test]
fn shipped_scale_model_is_what_fit_scale_writes() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("scale.json");
    let mut c = cmd();
    c.args(["fit-scale", "-q", "-o"]).arg(&out);
    for (corpus, ratings) in sets() {
        c.arg("--corpus").arg(corpus).arg("--ratings");
        c.args(ratings);
    }
    let o = c.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let fresh = fs::read_to_string(&out).unwrap();
    assert!(
        fresh == fs::read_to_string(shipped()).unwrap(),
        "models/scale.json differs from a fresh fit: refit it (see models/README.md)"
    );

    // its figures are those eval gives the union of the three sets
    let mut c = cmd();
    c.args(["eval", "-q", "--format", "json"]);
    for (corpus, ratings) in sets() {
        c.arg("--corpus").arg(corpus).arg("--ratings");
        c.args(ratings);
    }
    let e: Value = serde_json::from_slice(&c.output().unwrap().stdout).unwrap();
    let union = e["sets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "union")
        .unwrap();
    let m: Value = serde_json::from_str(&fresh).unwrap();
    let dims = m["dimensions"].as_array().unwrap();
    assert_eq!(dims.len(), 5);
    for (d, f) in dims.iter().zip(union["scale"].as_array().unwrap()) {
        assert_eq!(d["dimension"], f["dimension"]);
        assert_eq!(d["documents"], f["n"]);
        for k in ["plain_spearman", "plain_mae", "loyo_spearman", "loyo_mae"] {
            assert_eq!(d[k], f[k], "{} {k}", d["dimension"]);
        }
    }
    // 151 rated documents over eleven years
    assert_eq!(dims[0]["documents"], 151);
    assert_eq!(dims[0]["years"], 11);
}

/// The raw score and the value on the scale of each document, for one dimension.
fn pairs(docs: &[Value], raw: &str, scaled: &str) -> Vec<(f64, Option<f64>, Option<f64>)> {
    docs.iter()
        .map(|d| {
            (
                d[raw].as_f64().unwrap_or(f64::NAN),
                d[raw].as_f64(),
                d[scaled].as_f64(),
            )
        })
        .collect()
}

#[test]
fn score_scale_reads_the_codebook_scales_in_the_raw_order() {
    let out = cmd()
        .args(["score", "-q", "--format", "json", "--scale"])
        .arg(shipped())
        .arg(shared_file("corpus/frus-1931-1941/texts"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = v.as_array().unwrap();
    assert_eq!(docs.len(), 82);
    for (raw, lo, hi) in [
        ("hostility", 0.0, 4.0),
        ("rapprochement", 0.0, 4.0),
        ("uncertainty", 0.0, 4.0),
        ("tension", 0.0, 10.0),
        ("trend", -2.0, 2.0),
    ] {
        let scaled = format!("{raw}_scale");
        let mut p = pairs(docs, raw, &scaled);
        for (_, r, s) in &p {
            // null exactly where the raw score is null
            assert_eq!(r.is_none(), s.is_none(), "{scaled}");
            if let Some(s) = s {
                assert!((lo..=hi).contains(s), "{scaled} = {s} outside {lo}..{hi}");
            }
        }
        p.retain(|(_, r, _)| r.is_some());
        p.sort_by(|a, b| a.0.total_cmp(&b.0));
        for w in p.windows(2) {
            assert!(
                w[0].2.unwrap() <= w[1].2.unwrap(),
                "{scaled} falls from {:?} to {:?} while {raw} rises",
                w[0],
                w[1]
            );
        }
        let distinct: std::collections::BTreeSet<u64> =
            p.iter().map(|x| x.2.unwrap().to_bits()).collect();
        assert!(
            distinct.len() >= 3,
            "{scaled}: a real spread, not a constant"
        );
    }
    assert!(docs.iter().any(|d| d["tension_scale"].is_null()));

    // CSV: the five columns at the end; without --scale, none of them
    let csv_of = |scale: bool| {
        let mut c = cmd();
        c.args(["score", "-q", "--format", "csv"]);
        if scale {
            c.arg("--scale").arg(shipped());
        }
        let o = c.arg(repo().join("corpus/seeds")).output().unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    let with = csv_of(true);
    let plain = csv_of(false);
    assert!(with.lines().next().unwrap().ends_with(
        ",cluster,distance,hostility_scale,rapprochement_scale,uncertainty_scale,tension_scale,trend_scale"
    ));
    assert!(!plain.contains("_scale"));
    assert_eq!(with.lines().count(), plain.lines().count());
}

#[test]
fn a_scale_model_of_another_lexicon_is_refused() {
    let d = tempfile::tempdir().unwrap();
    // `score --scale` on the bundled seeds with `c`'s options: refused (exit 2), with why
    let refusal =
        |c: &mut assert_cmd::Command| stderr_of_exit(c.arg(repo().join("corpus/seeds")), 2);
    let lex = one_cue_lexicon(d.path());
    let err = refusal(
        cmd()
            .arg("score")
            .arg("--lexicon")
            .arg(&lex)
            .arg("--scale")
            .arg(shipped()),
    );
    assert_says(&err, &["checksum", "fit-scale"]);

    // a damaged one names the file
    let bad = d.path().join("scale.json");
    let text = fs::read_to_string(shipped()).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["dimensions"][0]["calibration"]["knots"] = serde_json::json!([[1.0, 2.0], [0.5, 3.0]]);
    fs::write(&bad, v.to_string()).unwrap();
    let err = refusal(cmd().arg("score").arg("--scale").arg(&bad));
    assert_says(&err, &["scale.json", "not increasing"]);
}

/// fit-scale pairs each --corpus with the ratings after it as eval does, and refuses a corpus
/// left without ratings before anything is read or written.
#[test]
fn fit_scale_refuses_a_corpus_without_ratings() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("scale.json");
    let (corpus, ratings) = sets().remove(0);
    let mut c = cmd();
    c.args(["fit-scale", "-q", "-o"])
        .arg(&out)
        .arg("--corpus")
        .arg(repo().join("corpus/seeds"))
        .arg("--corpus")
        .arg(&corpus)
        .arg("--ratings")
        .args(&ratings);
    let err = stderr_of_exit(&mut c, 2);
    assert_says(&err, &["has no --ratings after it", "corpus/seeds"]);
    assert!(!out.exists());
}
