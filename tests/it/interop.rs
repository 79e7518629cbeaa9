//! Outputs for the tools researchers already use, on real text (the shared 1938 TEI extract and
//! the bundled seeds): keyword in context, the document-feature matrix, scores by sentence.

use diplostance::corpus::{self, Document, tei};
use diplostance::lexicon::Lexicon;
use diplostance::score::Analyzer;
use diplostance::score::kwic::{self, Pattern};

use crate::util;

fn tei_1938() -> Vec<Document> {
    tei::read_volume(&util::tei_1938(), false)
        .collect::<Result<Vec<_>, _>>()
        .expect("the shared extract reads")
}

/// Whitespace runs made one space, as kwic shows text.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text from the `n`th word (or number) before byte `at` up to `at`, as the tokenizer
/// reads the whole document.
fn window_before(text: &str, at: usize, n: usize) -> String {
    let t = diplostance::text::tokenize(text);
    let starts: Vec<usize> = t
        .tokens
        .iter()
        .filter(|t| t.is_lexical() && (t.span.end as usize) <= at)
        .map(|t| t.span.start as usize)
        .collect();
    let from = starts
        .get(starts.len().saturating_sub(n))
        .map_or(at, |&s| s.min(at));
    squash(&text[from..at])
}

/// The spans the scorer itself finds for a one-cue lexicon holding `term` (its hits of that
/// cue: the default modifiers come along, and weighted hedges are hits of their own).
fn scorer_spans(term: &str, docs: &[Document]) -> Vec<(String, u32, u32, u32)> {
    let toml = format!("[hostility]\ncues = [{{ term = \"{term}\", weight = 1.0 }}]\n");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("one.toml");
    std::fs::write(&p, toml).unwrap();
    let a = Analyzer::new(Lexicon::load(&[p]).unwrap(), "Soviet Union,Japan").unwrap();
    a.score_all(docs, true)
        .into_iter()
        .flat_map(|d| {
            let id = d.id.clone();
            d.hits
                .unwrap_or_default()
                .into_iter()
                .filter(|h| h.dimension == diplostance::Dimension::Hostility)
                .map(move |h| (id.clone(), h.sentence, h.start, h.end))
        })
        .collect()
}

#[test]
fn kwic_finds_what_the_scorer_matches_on_the_1938_extract() {
    let docs = tei_1938();
    for term in [
        "border incident*",
        "host*",
        "frontier",
        "non-aggression pact",
    ] {
        let p = Pattern::new(term, false).unwrap();
        let lines = kwic::kwic(&p, &docs, 5);
        let got: Vec<(String, u32, u32, u32)> = lines
            .iter()
            .map(|l| (l.doc.clone(), l.sentence, l.start, l.end))
            .collect();
        assert_eq!(got, scorer_spans(term, &docs), "{term}");
        if term != "non-aggression pact" {
            assert!(lines.len() >= 5, "{term}: {}", lines.len());
        }
        for l in &lines {
            let d = docs.iter().find(|d| d.id == l.doc).unwrap();
            let written = &d.text[l.start as usize..l.end as usize];
            assert_eq!(squash(written), l.keyword);
            assert_eq!(l.pre, window_before(&d.text, l.start as usize, 5), "{l:?}");
            // the window is the text right before and after the match
            let before = squash(&d.text[..l.start as usize]);
            assert!(before.ends_with(&l.pre), "{l:?}");
            let after = squash(&d.text[l.end as usize..]);
            assert!(after.starts_with(&l.post), "{l:?}");
        }
    }
    let hostile = kwic::kwic(&Pattern::new("host*", false).unwrap(), &docs, 0);
    assert!(hostile.iter().any(|l| l.keyword == "hostilities"));
    assert!(
        hostile
            .iter()
            .all(|l| l.pre.is_empty() && l.post.is_empty())
    );
}

#[test]
fn kwic_command_formats_agree() {
    let seeds = util::repo().join("corpus/seeds");
    let run = |format: &str| {
        let o = util::cmd()
            .args(["kwic", "host*", "--window", "3", "--format", format, "-q"])
            .arg(&seeds)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let csv = run("csv");
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        r.headers().unwrap(),
        vec!["doc", "sentence", "start", "end", "pre", "keyword", "post"]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let jsonl = run("jsonl");
    let objs: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let docs = corpus::bundled();
    let lib = kwic::kwic(&Pattern::new("host*", false).unwrap(), &docs, 3);
    assert_eq!(rows.len(), lib.len());
    assert_eq!(objs.len(), lib.len());
    assert!(!lib.is_empty());
    for ((row, obj), l) in rows.iter().zip(&objs).zip(&lib) {
        assert_eq!(&row[0], l.doc);
        assert_eq!(row[2].parse::<u32>().unwrap(), l.start);
        assert_eq!(&row[5], l.keyword);
        assert_eq!(obj["keyword"], l.keyword.as_str());
        assert_eq!(obj["post"], l.post.as_str());
    }
    let table = run("table");
    assert_eq!(table.lines().count(), lib.len());
    assert!(table.contains(&format!("| {} |", lib[0].keyword)));

    let o = util::cmd()
        .args(["kwic", "--", "--"])
        .arg(&seeds)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.contains("pattern \"--\"") && e.contains("no word"), "{e}");
}
