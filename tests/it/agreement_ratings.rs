//! Analysts' ratings: the three shared sample files, agreement figures, and bad input.

use std::path::PathBuf;

use diplostance::agreement::{
    Level, RatedDimension, Ratings, ToolScores, compare, evaluate, render_table, split_half,
};
use diplostance::output::Render;
use diplostance::stats::DEFAULT_SEED;

use crate::util::shared_file;

fn analyst_files() -> Vec<PathBuf> {
    ["A", "B", "C"]
        .iter()
        .map(|a| shared_file(&format!("corpus/analysts/analyst-{a}.csv")))
        .collect()
}

fn shared_ratings() -> Ratings {
    Ratings::read(&analyst_files()).expect("shared ratings files are valid")
}

#[test]
fn shared_files_three_analysts_69_documents() {
    let r = shared_ratings();
    assert_eq!(r.analysts(), ["A", "B", "C"]);
    assert_eq!(r.documents().len(), 69);
    assert!(r.warnings().is_empty(), "{:?}", r.warnings());
    // Seeds and the 1938 extract are both present.
    assert!(r.documents().iter().any(|d| d == "frus1939v03-d58"));
    assert!(
        r.documents()
            .iter()
            .filter(|d| d.starts_with("frus1938v03"))
            .count()
            >= 60
    );
    // Manchukuo-only documents leave tension empty, and that is a missing value.
    assert_eq!(
        r.value("A", "frus1938v03-d423", RatedDimension::Hostility),
        Some(0.0)
    );
    assert_eq!(
        r.value("A", "frus1938v03-d423", RatedDimension::Tension),
        None
    );
}

#[test]
fn shared_files_agreement_matches_the_readme() {
    let r = shared_ratings();
    let c = compare(&r, None, DEFAULT_SEED);
    assert_eq!(c.dimensions.len(), 5);
    // Interval alphas stated in analysts/README.md.
    let readme = [
        (RatedDimension::Hostility, 0.98),
        (RatedDimension::Rapprochement, 0.96),
        (RatedDimension::Uncertainty, 0.95),
        (RatedDimension::Tension, 0.93),
        (RatedDimension::Trend, 0.89),
    ];
    for (dim, want) in readme {
        let d = c.dimensions.get(dim).expect("dimension present");
        let got = d.alpha.get(Level::Interval).expect("alpha defined");
        assert!(
            (got - want).abs() <= 0.02,
            "{dim}: interval alpha {got:.3}, README {want}"
        );
        let (lo, hi) = (d.alpha_ci.low.unwrap(), d.alpha_ci.high.unwrap());
        assert!(
            lo <= got && got <= hi && hi <= 1.0,
            "{dim}: [{lo}, {hi}] around {got}"
        );
        assert_eq!(d.pairwise.len(), 3);
        for p in &d.pairwise {
            let s = p.spearman.expect("spearman defined");
            assert!(s > 0.8, "{dim} {}-{}: spearman {s}", p.a, p.b);
            assert!(p.kappa_quadratic.unwrap() > 0.8, "{dim}: {p:?}");
        }
        for v in &d.vs_others {
            assert!(v.spearman.unwrap() > 0.8, "{dim}: {v:?}");
        }
    }
    // Tension and trend are empty for the ~20 Manchukuo-only documents.
    let t = c.dimensions.get(RatedDimension::Tension).unwrap();
    assert!(t.documents < 69 && t.documents > 40, "{}", t.documents);
    let h = c.dimensions.get(RatedDimension::Hostility).unwrap();
    assert_eq!(h.documents, 69);
    // Renderings carry every dimension; the same input gives the same bytes.
    let table = render_table(&c);
    for dim in RatedDimension::ALL {
        assert!(table.contains(dim.name()), "{table}");
    }
    assert!(c.csv().unwrap().contains("tension,alpha_interval,,,"));
    let again = compare(&shared_ratings(), None, DEFAULT_SEED);
    assert_eq!(
        serde_json::to_string(&c).unwrap(),
        serde_json::to_string(&again).unwrap()
    );
}

#[test]
fn a_tool_that_copies_the_mean_agrees_like_an_analyst() {
    // A stand-in tool whose raw scores are a monotone transform of the analysts' mean: it must
    // rank like the analysts, so it is at least as good as the weakest of them.
    let r = shared_ratings();
    let mut tool = ToolScores::new();
    for (i, id) in r.documents().iter().enumerate() {
        let mut v = [None; 5];
        for dim in RatedDimension::ALL {
            v[dim.index()] = r
                .document_means(dim)
                .iter()
                .find(|(d, _, _)| *d == i)
                .map(|(_, m, _)| (m * 3.0).exp());
        }
        // Leave one rated document unscored: a warning, not an error.
        if id != "frus1939v03-d58" {
            tool.insert_values(id.clone(), v);
        }
    }
    let c = compare(&r, Some(&tool), DEFAULT_SEED);
    assert_eq!(c.analysts, ["A", "B", "C", "diplostance"]);
    assert!(
        c.tool_mapping
            .as_deref()
            .unwrap()
            .contains("equipercentile")
    );
    assert!(c.warnings.iter().any(|w| w.contains("frus1939v03-d58")));
    for (dim, d) in c.dimensions.iter() {
        let v = d.tool_vs_humans.expect("verdict with a tool");
        assert!(v.as_good_as_weakest, "{dim}: {v:?}");
        assert_eq!(d.pairwise.len(), 6);
    }
    let e = evaluate(&r, &tool, DEFAULT_SEED);
    let t = e.dimensions.get(RatedDimension::Tension).unwrap();
    assert!(t.spearman.unwrap() > 0.999 && t.meets_target == Some(true));
    let ci = t.spearman_ci.unwrap();
    assert!(ci.low <= ci.high);
    let (tune, check) = split_half(r.documents());
    assert_eq!(tune.len() + check.len(), 69);
    assert!(
        tune.len() > 20 && check.len() > 20,
        "{} {}",
        tune.len(),
        check.len()
    );
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn bad_input_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let header = "analyst,doc_id,hostility,rapprochement,uncertainty,tension,trend,note\n";
    let cases = [
        (
            "range.csv",
            format!("{header}A,d1,1,2,3,4,1,ok\nA,d2,1,2,3,11,0,tension too high\n"),
            "range.csv:3:",
            "out of range for tension (0 to 10)",
        ),
        (
            "dup.csv",
            format!("{header}A,d1,1,2,3,4,1,\nA,d2,1,2,3,4,1,\nA,d1,0,0,0,1,0,\n"),
            "dup.csv:4:",
            "second rating of d1 by analyst A",
        ),
        (
            "fields.csv",
            format!("{header}A,d1,1,2,3,4,1,note, with a comma\n"),
            "fields.csv:2:",
            "9 fields, but the header has 8",
        ),
    ];
    for (name, text, at, what) in cases {
        let p = write(&dir, name, &text);
        let err = Ratings::read(&[&p]).unwrap_err().to_string();
        assert!(err.contains(at), "{err} should name {at}");
        assert!(err.contains(what), "{err} should say {what}");
    }
    // A shared file merged with a copy of itself: every row is a duplicate.
    let a = shared_file("corpus/analysts/analyst-A.csv");
    let copy = write(&dir, "copy.csv", &std::fs::read_to_string(&a).unwrap());
    let err = Ratings::read(&[a, copy]).unwrap_err().to_string();
    assert!(
        err.contains("copy.csv:2:") && err.contains("analyst-A.csv:2"),
        "{err}"
    );
}
