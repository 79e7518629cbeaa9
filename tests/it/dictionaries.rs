//! Dictionaries as people distribute them: every file of `../shared/extdata/lexicons/`, read
//! and checked against the counts its `SOURCES.md` gives, then imported with `--map` for the
//! categories that stand for a dimension.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use diplostance::dimension::Dimension;
use diplostance::lexicon::liwc::{CategoryMap, Dictionary};
use diplostance::lexicon::{Lexicon, MatchMode, lc3, liwc, quanteda};

use crate::util;

fn dir() -> PathBuf {
    util::shared_file("extdata/lexicons")
}

fn read(name: &str) -> (Vec<u8>, PathBuf) {
    let p = dir().join(name);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    (bytes, p)
}

/// The dictionary a file holds, read by the reader its extension calls for (as `lexicon
/// import` does).
fn parse(name: &str) -> Dictionary {
    let (bytes, p) = read(name);
    let d = match Path::new(name).extension().and_then(|e| e.to_str()) {
        Some("dic") => liwc::parse_dic(&bytes, &p),
        Some("lc3") => lc3::parse_lc3(&bytes, &p),
        Some("yml") => quanteda::parse_yaml(&bytes, &p),
        other => panic!("{name}: no reader for {other:?}"),
    };
    d.unwrap_or_else(|e| panic!("{e}"))
}

/// (term, category) pairs after duplicates were merged: a term on two lines with two
/// categories counts twice.
fn pairs(d: &Dictionary) -> usize {
    d.entries.iter().map(|e| e.categories.len()).sum()
}

fn in_category(d: &Dictionary, cat: &str) -> usize {
    d.entries
        .iter()
        .filter(|e| e.categories.iter().any(|c| c == cat))
        .count()
}

fn globs(d: &Dictionary) -> usize {
    d.entries.iter().filter(|e| e.prefix).count()
}

fn multi_word(d: &Dictionary) -> usize {
    d.entries
        .iter()
        .filter(|e| e.term.split_whitespace().count() > 1)
        .count()
}

/// Every key of a nested YAML dictionary: the leaf categories and each of their parents.
fn keys(d: &Dictionary) -> usize {
    let mut all = BTreeSet::new();
    for c in &d.categories {
        let parts: Vec<&str> = c.split('.').collect();
        for n in 1..=parts.len() {
            all.insert(parts[..n].join("."));
        }
    }
    all.len()
}

fn import(name: &str, map: &[&str]) -> Result<liwc::Imported, String> {
    let (bytes, p) = read(name);
    let map = CategoryMap::from_specs(map).unwrap();
    let r = match Path::new(name).extension().and_then(|e| e.to_str()) {
        Some("dic") => liwc::import_dic(&bytes, &p, &map),
        Some("lc3") => lc3::import_lc3(&bytes, &p, &map),
        _ => quanteda::import_yaml(&bytes, &p, &map),
    };
    r.map_err(|e| e.to_string())
}

fn cues_in(l: &Lexicon, d: Dimension) -> usize {
    l.cues.iter().filter(|c| c.dimension == d).count()
}

/// Each file with its checks; a file added to the folder fails here until it has some.
const FILES: [&str; 13] = [
    "J-MFD_2018r1.dic",
    "LSD2015.lc3",
    "lsx_dictionary.yml",
    "mfd2.0_cr.dic",
    "mfd2.0_lf.dic",
    "mfd_original.dic",
    "newsmap_english.yml",
    "newsmap_hebrew.yml",
    "newsmap_japanese.yml",
    "newsmap_russian.yml",
    "newsmap_turkish.yml",
    "seededlda_topics.yml",
    "SOURCES.md",
];

#[test]
fn every_file_of_the_folder_is_checked() {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<&str> = FILES.to_vec();
    want.sort();
    assert_eq!(names, want);
}

#[test]
fn moral_foundations_dictionaries() {
    let d = parse("mfd_original.dic");
    assert_eq!(d.categories.len(), 11);
    assert_eq!(d.categories[0], "care.virtue");
    assert_eq!(d.categories[10], "moral");
    assert_eq!(d.entries.len(), 324);
    assert_eq!(globs(&d), 166);
    let preserve = d.entries.iter().find(|e| e.term == "preserve").unwrap();
    assert_eq!(preserve.categories.len(), 3, "{preserve:?}");
    let benefit = d.entries.iter().find(|e| e.term == "benefit").unwrap();
    assert!(
        benefit.prefix,
        "trailing spaces before the tab: {benefit:?}"
    );

    // MFD 2.0 with bare CR line ends reads as the LF copy does
    let cr = parse("mfd2.0_cr.dic");
    let lf = parse("mfd2.0_lf.dic");
    assert_eq!(cr.categories.len(), 10);
    assert_eq!(pairs(&cr), 2_103);
    assert_eq!(globs(&cr), 0);
    assert_eq!(multi_word(&cr), 110);
    assert_eq!(cr.read, 2_103);
    assert_eq!(cr.categories, lf.categories);
    let key = |d: &Dictionary| -> Vec<(String, bool, Vec<String>)> {
        let e = d.entries.iter();
        e.map(|e| (e.term.clone(), e.prefix, e.categories.clone()))
            .collect()
    };
    assert_eq!(key(&cr), key(&lf));
    assert!(cr.warnings.iter().all(|w| w.contains("duplicate term")));
    let protector = cr.entries.iter().find(|e| e.term == "protector").unwrap();
    assert_eq!(protector.categories, ["care.virtue", "authority.virtue"]);

    let j = parse("J-MFD_2018r1.dic");
    assert_eq!(j.categories.len(), 11);
    assert_eq!(j.categories[0], "HarmVirtue");
    assert_eq!(j.entries.len(), 714);
    assert_eq!(globs(&j), 570);
    assert_eq!(
        j.entries.iter().filter(|e| e.categories.len() > 1).count(),
        40
    );
}

#[test]
fn lexicoder_sentiment_dictionary() {
    let d = parse("LSD2015.lc3");
    assert_eq!(d.categories, ["negative", "positive"]);
    assert_eq!(in_category(&d, "negative"), 2_858);
    assert_eq!(in_category(&d, "positive"), 1_709);
    assert_eq!(d.entries.len(), 4_567);
    assert_eq!(d.read, 4_567);
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    assert_eq!(multi_word(&d), 158);
    assert_eq!(globs(&d), 3_100);
    assert!(d.entries.iter().any(|e| e.term == "no man's land"));
    assert!(d.entries.iter().all(|e| e.term == e.term.trim()));

    let imp = import(
        "LSD2015.lc3",
        &["negative=hostility", "positive=rapprochement"],
    )
    .unwrap();
    assert_eq!(cues_in(&imp.lexicon, Dimension::Hostility), 2_858);
    assert_eq!(cues_in(&imp.lexicon, Dimension::Rapprochement), 1_709);
    let heckl = imp.lexicon.cues.iter().find(|c| c.term == "heckl").unwrap();
    assert_eq!(heckl.mode, MatchMode::Prefix);
}

#[test]
fn quanteda_yaml_dictionaries() {
    // (file, keys, patterns) as SOURCES.md counts them
    for (name, n_keys, n_patterns) in [
        ("newsmap_english.yml", Some(268), Some(819)),
        ("newsmap_japanese.yml", None, Some(505)),
        ("newsmap_turkish.yml", None, Some(806)),
        ("newsmap_russian.yml", None, Some(737)),
        ("newsmap_hebrew.yml", None, None),
        ("seededlda_topics.yml", Some(5), Some(31)),
    ] {
        let d = parse(name);
        if let Some(k) = n_keys {
            assert_eq!(keys(&d), k, "{name}");
        }
        // patterns with a glob inside a phrase (Russian `Южн* Судан*`) are skipped with a
        // warning each: the matcher globs only the last word
        let skipped = d
            .warnings
            .iter()
            .filter(|w| w.contains(": skipped \""))
            .count();
        if let Some(n) = n_patterns {
            assert_eq!(d.read + skipped, n, "{name}");
        }
        assert!(pairs(&d) <= d.read, "{name}");
        assert!(d.categories.len() >= 5, "{name}");
    }
    let he = parse("newsmap_hebrew.yml");
    assert_eq!(he.categories, parse("newsmap_english.yml").categories);
    assert!(he.entries.iter().any(|e| e.term == "ארה\"ב"));
    let lsx = parse("lsx_dictionary.yml");
    assert!(lsx.categories.contains(&"energy".to_string()));
    assert!(lsx.categories.contains(&"hostility.hostile".to_string()));
    assert!(lsx.entries.iter().any(|e| e.term == "United States"));

    let imp = import(
        "lsx_dictionary.yml",
        &[
            "hostility.hostile=hostility",
            "hostility.friendly=rapprochement",
        ],
    )
    .unwrap();
    assert_eq!(
        cues_in(&imp.lexicon, Dimension::Hostility),
        in_category(&lsx, "hostility.hostile")
    );
    assert!(cues_in(&imp.lexicon, Dimension::Rapprochement) > 0);
    let seeded = import(
        "seededlda_topics.yml",
        &["military=hostility", "diplomacy=rapprochement"],
    )
    .unwrap();
    assert!(seeded.lexicon.cues.iter().any(|c| c.term == "air force"));
}

#[test]
fn moral_foundations_import_with_a_map() {
    let imp = import(
        "mfd2.0_cr.dic",
        &[
            "care.vice=hostility",
            "loyalty.vice=hostility",
            "care.virtue=rapprochement",
        ],
    )
    .unwrap();
    let d = parse("mfd2.0_cr.dic");
    let vice = d
        .entries
        .iter()
        .filter(|e| {
            e.categories
                .iter()
                .any(|c| c == "care.vice" || c == "loyalty.vice")
        })
        .count();
    assert_eq!(cues_in(&imp.lexicon, Dimension::Hostility), vice);
    assert_eq!(
        cues_in(&imp.lexicon, Dimension::Rapprochement),
        in_category(&d, "care.virtue")
    );
    let w = imp.warnings.join("\n");
    assert!(
        w.contains("categories with no dimension, skipped: fairness.virtue"),
        "{w}"
    );
    let j = import("J-MFD_2018r1.dic", &["HarmVice=hostility"]).unwrap();
    assert!(j.lexicon.cues.iter().any(|c| c.term.starts_with('攻')));
}

#[test]
fn no_category_with_a_dimension_is_a_short_clear_error() {
    for name in ["newsmap_english.yml", "newsmap_japanese.yml"] {
        let e = import(name, &[]).unwrap_err();
        assert!(
            e.contains("none of its 241 categories is a dimension"),
            "{e}"
        );
        assert!(
            e.contains("AFRICA.EAST.BI") && e.contains("and 233 more"),
            "{e}"
        );
        assert!(e.contains("--map CATEGORY=hostility"), "{e}");
        let message = e.split_once(": ").unwrap().1;
        assert!(message.len() < 300, "{} chars: {e}", message.len());
        assert!(!e.contains('\n'), "{e}");
    }
    let e = import("LSD2015.lc3", &["anger=hostility"]).unwrap_err();
    assert!(
        e.contains("--map names anger, which the dictionary does not define"),
        "{e}"
    );
    assert!(e.contains("negative, positive"), "{e}");
}

#[test]
fn liwc_entries_with_undefined_categories() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("undefined.dic");
    let err = |src: &[u8]| {
        liwc::import_dic(src, &p, &CategoryMap::default())
            .unwrap_err()
            .to_string()
    };
    let e = err(b"%\n1\thostility\n%\nwar\t2\nattack*\t2 3\n");
    assert!(
        e.contains("no entry has a category that the header defines"),
        "{e}"
    );
    assert!(e.contains("categories 2 (2×), 3 (1×)"), "{e}");
    assert!(e.contains("defines only 1 hostility"), "{e}");
    assert!(!e.contains("no entry maps to a dimension"), "{e}");
    // some defined: the others are a warning, and the defined ones import
    let ok = liwc::import_dic(
        b"%\n1\thostility\n%\nwar\t1\nattack*\t2\n",
        &p,
        &CategoryMap::default(),
    )
    .unwrap();
    assert_eq!(ok.lexicon.cues.len(), 1);
    assert!(
        ok.warnings
            .iter()
            .any(|w| w.contains("categories not in the header, ignored: 2 (1×)"))
    );
}

#[test]
fn imported_lexicoder_dictionary_scores_the_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("lsd.toml");
    util::cmd()
        .args(["lexicon", "import"])
        .arg(dir_file("LSD2015.lc3"))
        .args([
            "--map",
            "negative=hostility",
            "--map",
            "positive=rapprochement",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let csv = util::text_of_success(
        util::cmd()
            .args(["score", "--format", "csv", "--lexicon"])
            .arg(&out)
            .arg(util::repo().join("corpus/seeds")),
    );
    assert!(csv.lines().count() > 1, "{csv}");
    // a newsmap file is refused on one short line, with nothing written
    let bad = dir.path().join("places.toml");
    let o = util::cmd()
        .args(["lexicon", "import"])
        .arg(dir_file("newsmap_turkish.yml"))
        .arg("-o")
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!o.status.success());
    let e = String::from_utf8(o.stderr).unwrap();
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(!bad.exists());
}

fn dir_file(name: &str) -> PathBuf {
    dir().join(name)
}
