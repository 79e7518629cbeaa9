//! The lexicon tools on the shipped lexicon and the development corpus (the shared TEI extract
//! and the bundled seeds): check, usage statistics, LIWC and quanteda import and export, and
//! the TOML writer.

use std::path::Path;

use diplostance::corpus::{self, Document, tei};
use diplostance::lexicon::check::{self, LintKind, Severity};
use diplostance::lexicon::{Lexicon, MatchMode, liwc, quanteda, write};
use diplostance::score::Analyzer;
use diplostance::score::usage;

use crate::util;

/// The 69 development documents.
fn dev_corpus() -> Vec<Document> {
    let mut docs: Vec<Document> = tei::read_volume(&util::tei_1938(), false)
        .collect::<Result<Vec<_>, _>>()
        .expect("the shared extract reads without problems");
    docs.extend(corpus::bundled());
    docs
}

/// The errors `lexicon check` finds in the shipped lexicon, until lexicons/*.toml are edited:
/// "detente" has the stem of "detention" (both `detent`), and the hedge "speculative" the stem
/// of the cue "speculation". Editing the lexicon may only shrink this list.
const KNOWN_ERRORS: [(&str, LintKind); 2] = [
    ("detente", LintKind::DimensionConflict),
    ("speculative", LintKind::ModifierConflict),
];

#[test]
fn check_builtin_lexicon_has_no_new_errors() {
    let lex = Lexicon::builtin().unwrap();
    let r = check::check(&lex, None);
    for l in r.lints.iter().filter(|l| l.severity == Severity::Error) {
        assert!(
            KNOWN_ERRORS.contains(&(l.term.as_str(), l.kind)),
            "new error: {} {}",
            l.location,
            l.message
        );
        assert!(l.location.starts_with("lexicons/"), "{}", l.location);
    }
    // the 1938 extract and seeds: the stems that over-match on real text
    let docs = dev_corpus();
    assert_eq!(docs.len(), 69);
    let wc = check::word_counts(docs.iter());
    let r = check::check(&lex, Some(&wc));
    let text = check::render_check(&r);
    let over: Vec<&str> = r
        .lints
        .iter()
        .filter(|l| l.kind == LintKind::OverMatch)
        .map(|l| l.term.as_str())
        .collect();
    // "relatively" (a diminisher) has the stem of "relations"; "reportedly" (a hedge) that
    // of "report"; "severe" (an intensifier) that of "several".
    // (once an entry is made exact, it no longer over-matches and need not be flagged)
    for t in ["relatively", "reportedly", "severe", "accord"] {
        let stem_cue = lex
            .cues
            .iter()
            .any(|c| c.term == t && c.mode == MatchMode::Stem);
        let stem_mod = lex
            .modifiers
            .iter()
            .any(|m| m.term == t && m.mode == MatchMode::Stem);
        assert!(
            !(stem_cue || stem_mod) || over.contains(&t),
            "{t} not flagged:\n{text}"
        );
    }
    let rel = r
        .lints
        .iter()
        .find(|l| l.term == "relatively" && l.kind == LintKind::OverMatch);
    if let Some(rel) = rel {
        assert_eq!(rel.words[0].word, "relations");
        assert!(rel.words[0].count >= 20, "{:?}", rel.words);
    }
}

#[test]
fn check_flags_the_host_prefix_on_real_text() {
    let lex = Lexicon::from_toml_str(
        "[hostility]\ncues = [{ term = \"host*\", weight = 2.0 }]\n",
        Path::new("host.toml"),
    )
    .unwrap();
    let mut docs = dev_corpus();
    // the extract has "hostilities" only; a report on the Nomonhan prisoners adds the others
    docs.push(Document::new(
        "extra",
        "The Japanese held two Soviet airmen as hostages. The host of the dinner, the Soviet \
         Ambassador, and his hostess spoke of the hostile press.",
    ));
    let wc = check::word_counts(docs.iter());
    let r = check::check(&lex, Some(&wc));
    let l = &r.lints[0];
    assert_eq!(
        (l.severity, l.kind),
        (Severity::Warning, LintKind::OverMatch)
    );
    assert_eq!(l.location, "host.toml:2:18");
    let words: Vec<&str> = l.words.iter().map(|w| w.word.as_str()).collect();
    assert_eq!(words[0], "hostilities");
    for w in ["hostages", "host", "hostess", "hostile"] {
        assert!(words.contains(&w), "{words:?}");
    }
    assert!(!r.has_errors());
}

/// `lexicon stats` on the development corpus: every negated or reversed hit of the scorer is
/// attributed to its entry (none lost by the attribution through start bytes), and the corpus
/// figures are those of a real corpus.
#[test]
fn usage_on_dev_corpus_attributes_every_negated_hit() {
    let a = Analyzer::builtin().unwrap();
    let docs = dev_corpus();
    let r = usage::usage(&a, &docs);
    let scored = a.score_all(&docs, true);
    let negated = scored
        .iter()
        .flat_map(|d| d.hits.iter().flatten())
        .filter(|h| h.negated)
        .count();
    assert!(negated > 20, "{negated} negated hits");
    assert_eq!(r.entries.iter().map(|e| e.negated).sum::<usize>(), negated);
    let cue_hits: usize = r
        .entries
        .iter()
        .filter(|e| e.kind == usage::EntryKind::Cue)
        .map(|e| e.hits)
        .sum();
    assert!(cue_hits > 300, "{cue_hits} cue hits");
    assert_eq!(r.documents, 69);
    assert!(r.coverage > 0.2 && r.coverage < 0.9, "{}", r.coverage);
    assert!(r.dyad_sentences > 50);
    assert_eq!(r.unmatched.len(), usage::DEFAULT_TOP);
    println!("{}", usage::render_usage(&r));
}

/// A LIWC file as real ones come: BOM, CRLF, a header with a long name, repeated tabs, a
/// duplicate, a LIWC2007 conditional category, a phrase and Latin-1 bytes.
const UNTIDY_DIC: &[u8] =
    b"\xEF\xBB\xBF%\r\n1\tanger (Anger words)\r\n2\tposemo\r\n3\tfunct\r\n%\r\n\
hostil*\t\t1\r\nborder incident*\t1\r\nwar\t1  3\r\nwar\t1\r\npact\t2\r\n\
like\t3 (02 134)126\r\nentente cordiale\t2\r\nd\xE9tente\t2\r\n\r\n";

#[test]
fn liwc_import_writes_a_lexicon_that_scores() {
    let dir = tempfile::tempdir().unwrap();
    let dic = dir.path().join("untidy.dic");
    std::fs::write(&dic, UNTIDY_DIC).unwrap();
    let map = liwc::CategoryMap::from_specs(&["anger=hostility", "posemo=rapprochement"]).unwrap();
    let bytes = std::fs::read(&dic).unwrap();
    let imp = liwc::import_dic(&bytes, &dic, &map).unwrap();
    let w = imp.warnings.join("\n");
    for expected in [
        "not UTF-8; read as Latin-1",
        "untidy.dic:9: duplicate term \"war\" (first at line 8): categories merged",
        "untidy.dic:11: conditional categories",
        "categories with no dimension, skipped: funct",
    ] {
        assert!(w.contains(expected), "{expected}\n{w}");
    }
    let terms: Vec<String> = imp
        .lexicon
        .cues
        .iter()
        .map(|c| format!("{}:{}:{}", c.dimension, c.mode.name(), c.term))
        .collect();
    assert_eq!(
        terms,
        [
            "hostility:prefix:hostil",
            "hostility:prefix:border incident",
            "hostility:exact:war",
            "rapprochement:exact:pact",
            "rapprochement:exact:entente cordiale",
            "rapprochement:exact:détente",
        ]
    );
    assert_eq!(
        imp.lexicon.cues[0].origin.to_string(),
        format!("{}:6", dic.display())
    );

    // written in our format, loaded as a user lexicon, it scores real text
    let toml_path = dir.path().join("imported.toml");
    std::fs::write(&toml_path, write::to_toml_string(&imp.lexicon)).unwrap();
    let lex = Lexicon::load(std::slice::from_ref(&toml_path)).unwrap();
    assert_eq!(lex.cues.len(), 6);
    let a = Analyzer::new(lex, "Soviet Union,Japan").unwrap();
    let docs = dev_corpus();
    let scored = a.score_all(&docs, true);
    let hits: Vec<&str> = scored
        .iter()
        .flat_map(|d| d.hits.iter().flatten())
        .map(|h| h.term.as_str())
        .collect();
    assert!(hits.iter().filter(|t| **t == "hostil").count() >= 20);
    assert!(hits.contains(&"border incident"));
    assert!(
        check::check(a.lexicon(), None)
            .lints
            .iter()
            .all(|l| l.severity != Severity::Error)
    );
}

#[test]
fn builtin_round_trips_through_every_format() {
    let lex = Lexicon::builtin().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let key = |l: &Lexicon| {
        // phrases of weight 0 block the cue inside them and are not exported as cues
        let mut v: Vec<String> = l
            .cues
            .iter()
            .filter(|c| c.weight > 0.0)
            .map(|c| {
                let star = if c.mode == MatchMode::Prefix { "*" } else { "" };
                format!("{}:{}{star}", c.dimension, c.term.to_lowercase())
            })
            .collect();
        v.sort();
        v.dedup();
        v
    };
    // TOML: everything but origins
    let p = dir.path().join("all.toml");
    std::fs::write(&p, write::to_toml_string(&lex)).unwrap();
    let back = Lexicon::load(std::slice::from_ref(&p)).unwrap();
    assert_eq!(back.checksum(), lex.checksum());
    assert_eq!(back.cues.len(), lex.cues.len());
    // LIWC and quanteda: terms and dimensions
    let dic = liwc::export_dic(&lex);
    let none = liwc::CategoryMap::default();
    let from_dic = liwc::import_dic(dic.text.as_bytes(), Path::new("x.dic"), &none).unwrap();
    assert_eq!(key(&from_dic.lexicon), key(&lex));
    let yml = quanteda::export_yaml(&lex);
    let from_yml = quanteda::import_yaml(yml.text.as_bytes(), Path::new("x.yml"), &none).unwrap();
    assert_eq!(key(&from_yml.lexicon), key(&lex));
    for w in [&dic.warnings, &yml.warnings] {
        assert!(w.iter().any(|x| x.contains("weights of")), "{w:?}");
        assert!(w.iter().any(|x| x.contains("modifiers")), "{w:?}");
        assert!(w.iter().any(|x| x.contains("phrases of weight 0")), "{w:?}");
    }
}
