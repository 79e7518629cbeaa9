//! Each command through the binary, on the shared corpus and ratings: the examples of the
//! issues and the output contracts other tools rely on.

use std::fs;

use crate::util::{cmd, json_of_success, repo, shared_file, stderr_of_exit, tei_1938};

fn ratings_args() -> Vec<std::ffi::OsString> {
    ["A", "B", "C"]
        .iter()
        .map(|a| shared_file(&format!("corpus/analysts/analyst-{a}.csv")).into_os_string())
        .collect()
}

/// `diplostance eval` with the three analysts' ratings on the 69 development documents.
fn eval_dev() -> assert_cmd::Command {
    let mut c = cmd();
    c.arg("eval");
    for r in ratings_args() {
        c.arg("--ratings").arg(r);
    }
    c.arg(tei_1938()).arg(repo().join("corpus/seeds"));
    c
}

#[test]
fn score_reads_stdin_and_explains_the_hedged_pact() {
    let out = cmd()
        .args(["score", "--format", "jsonl", "--explain", "-"])
        .write_stdin(
            "It is rumoured that a non-aggression pact may soon be signed by Moscow and Tokyo.",
        )
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "stdin");
    assert!(v["rapprochement"].as_f64().unwrap() > 0.0);
    assert!(v["uncertainty"].as_f64().unwrap() > 0.0);
    let hits = v["hits"].as_array().unwrap();
    let pact = hits
        .iter()
        .find(|h| h["term"] == "non-aggression pact")
        .unwrap();
    assert_eq!(pact["dimension"], "rapprochement");
    assert_eq!(pact["start"], 22);
    assert_eq!(pact["end"], 41);
    assert_eq!(pact["actors"], serde_json::json!(["soviet_union", "japan"]));
    assert!(pact["modifiers"].to_string().contains("hedged"));
    for k in ["low", "high"] {
        assert!(v["interval"]["tension"][k].is_f64());
    }
}

#[test]
fn score_a_seed_file_as_a_table_and_as_csv() {
    let seed = shared_file("seeds/004_5d10813698d0fa4d.txt");
    let out = cmd().arg("score").arg(&seed).output().unwrap();
    assert!(out.status.success());
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(
        t.starts_with("id ") && t.contains("004_5d10813698d0fa4d"),
        "{t}"
    );
    let out = cmd()
        .args(["score", "--format", "csv"])
        .arg(repo().join("corpus/seeds"))
        .output()
        .unwrap();
    let c = String::from_utf8(out.stdout).unwrap();
    assert_eq!(c.lines().count(), 6);
    assert!(c.lines().next().unwrap().contains("tension_low"));
}

#[test]
fn a_missing_file_is_named_and_the_others_are_still_scored() {
    let out = cmd()
        .args(["score", "--format", "jsonl", "no/such/file.txt"])
        .arg(shared_file("seeds/002_f7dd297497f529c9.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/file.txt"));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

#[test]
fn a_broken_lexicon_line_is_named_with_line_and_column() {
    let d = tempfile::tempdir().unwrap();
    let lex = d.path().join("bad.toml");
    fs::write(
        &lex,
        "[hostility]\ncues = [\n  { term = \"war\", weight = 2.0, match = \"fuzzy\" },\n]\n",
    )
    .unwrap();
    let err = stderr_of_exit(cmd().args(["score", "--lexicon"]).arg(&lex), 2);
    assert!(
        err.contains("bad.toml:3:") && err.contains("fuzzy"),
        "{err}"
    );
}

#[test]
fn another_dyad_changes_which_sentences_count() {
    let text = "China protested against the Japanese attack. The Soviet Union said nothing.";
    let run = |dyad: &str| {
        let out = cmd()
            .args(["score", "--format", "jsonl", "--dyad", dyad, "-"])
            .write_stdin(text)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["hostility"].as_f64().unwrap()
    };
    assert!(run("China,Japan") > run("Soviet Union,Japan"));
    let out = cmd()
        .args(["score", "--dyad", "Japan,Atlantis"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Atlantis"));
}

#[test]
fn import_frus_writes_jsonl_that_scores_like_the_volume() {
    let d = tempfile::tempdir().unwrap();
    let jsonl = d.path().join("v.jsonl");
    cmd()
        .args(["import", "frus", "-q"])
        .arg(tei_1938())
        .arg("-o")
        .arg(&jsonl)
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&jsonl).unwrap().lines().count(), 64);
    let score = |p: &std::path::Path| {
        cmd()
            .args(["score", "--format", "jsonl", "-q"])
            .arg(p)
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(score(&jsonl), score(&tei_1938()));
}

#[test]
fn compare_json_contract_with_the_tool_as_an_analyst() {
    let v = json_of_success(
        cmd()
            .arg("compare")
            .args(ratings_args())
            .arg("--corpus")
            .arg(tei_1938())
            .arg("--corpus")
            .arg(repo().join("corpus/seeds"))
            .args(["--format", "json", "-q"]),
    );
    assert_eq!(v["documents"], 69);
    assert!(v["analysts"].to_string().contains("diplostance"));
    let t = &v["dimensions"]["tension"];
    for k in ["nominal", "ordinal", "interval", "ratio"] {
        assert!(t["alpha"][k].is_f64(), "alpha {k}");
    }
    assert!(t["alpha_ci"].is_object());
    let p = &t["pairwise"][0];
    for k in [
        "kappa_linear",
        "kappa_quadratic",
        "spearman",
        "pearson",
        "n",
    ] {
        assert!(p.get(k).is_some(), "pairwise lacks {k}");
    }
    assert!(t["vs_others"][0].get("spearman").is_some());
}

/// The table says, for each document of the largest disagreements, what its tension is made
/// of and which hits (with their levels) drove it.
#[test]
fn eval_table_explains_the_disagreements() {
    let out = eval_dev().arg("-q").output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    let tail = &s[s
        .find("hits behind the largest disagreements")
        .expect("section")..];
    assert!(
        tail.contains(" at level ") && tail.contains("; trend "),
        "{tail}"
    );
    assert!(tail.contains(" L8 ") || tail.contains(" L7 "), "{tail}");
}

/// A corpus given where ratings are expected is named and the user is told where it goes.
#[test]
fn compare_says_where_a_corpus_goes() {
    cmd()
        .arg("compare")
        .args(ratings_args())
        .arg(tei_1938())
        .arg("-q")
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "frus1938v03-soviet-japanese-border.xml looks like a corpus",
        ))
        .stderr(predicates::str::contains("--corpus"));
}

#[test]
fn compare_by_author_tests_kirk_against_the_rest() {
    let out = cmd()
        .args(["compare", "--by", "author", "--format", "json", "-q"])
        .arg(tei_1938())
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = v["scores"]["tension"].to_string();
    assert!(s.contains("Kirk") && s.contains("p_value"), "{s}");
}

#[test]
fn eval_reports_every_dimension_and_the_split() {
    let v = json_of_success(eval_dev().args(["--split", "--format", "json", "-q"]));
    // The validity targets of the development set (issue 7) hold: a lexicon or rule change that
    // loses them fails here. Spearman with the analysts' mean, all documents.
    for (d, target) in [
        ("hostility", 0.65),
        ("rapprochement", 0.65),
        ("uncertainty", 0.65),
        ("tension", 0.75),
    ] {
        let s = v["dimensions"][d]["spearman"].as_f64().unwrap();
        assert!(s >= target, "{d}: Spearman {s} below the target {target}");
        // and the half no edit was judged on does not fall far behind
        let c = v["check_half"]["dimensions"][d]["spearman"]
            .as_f64()
            .unwrap();
        assert!(c >= 0.6, "{d}: check half Spearman {c}");
    }
    // the trend, which the issue sets no target for, is evaluated beside the analysts' ratings
    let t = v["dimensions"]["trend"]["spearman"].as_f64().unwrap();
    assert!(t > 0.6, "trend: Spearman {t}");
    assert!(
        v["tune_half"]["documents"].as_u64().unwrap()
            + v["check_half"]["documents"].as_u64().unwrap()
            == 69
    );
    assert!(v["disagreement_hits"].is_object());
}

#[test]
fn report_with_ratings_adds_the_agreement_chart() {
    let d = tempfile::tempdir().unwrap();
    cmd()
        .args(["report", "-q", "-o"])
        .arg(d.path())
        .arg(tei_1938())
        .arg(repo().join("corpus/seeds"))
        .arg("--ratings")
        .args(ratings_args().iter().take(1))
        .arg("--ratings")
        .args(ratings_args().iter().skip(1).take(1))
        .assert()
        .success();
    for f in [
        "agreement.json",
        "charts/agreement.png",
        "charts/agreement.svg",
        "index.html",
        "scores.csv",
        "scores.jsonl",
        "timeline.csv",
        "clusters.json",
    ] {
        assert!(d.path().join(f).exists(), "{f} missing");
    }
}

#[test]
fn lexicon_export_and_import_round_trip_through_liwc() {
    let d = tempfile::tempdir().unwrap();
    let dic = d.path().join("ours.dic");
    cmd()
        .args(["lexicon", "export", "--to", "liwc", "-o"])
        .arg(&dic)
        .assert()
        .success();
    let toml = d.path().join("back.toml");
    cmd()
        .args(["lexicon", "import"])
        .arg(&dic)
        .arg("-o")
        .arg(&toml)
        .assert()
        .success();
    let v = json_of_success(
        cmd()
            .args(["score", "--format", "jsonl", "--lexicon"])
            .arg(&toml)
            .arg("-")
            .write_stdin(
                "The border clash was followed by a truce between Japan and the Soviet Union.",
            ),
    );
    assert!(v["hostility"].as_f64().unwrap() > 0.0 && v["rapprochement"].as_f64().unwrap() > 0.0);
}

#[test]
fn lexicon_check_and_stats_run_on_the_shipped_lexicon() {
    let out = cmd().args(["lexicon", "check"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 errors"));
    let out = cmd()
        .args(["lexicon", "stats", "-q"])
        .arg(tei_1938())
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        s.contains("64 documents") && s.contains("with a cue hit"),
        "{s}"
    );
}
