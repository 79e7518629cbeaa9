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
        util::text_of_success(
            util::cmd()
                .args(["kwic", "host*", "--window", "3", "--format", format, "-q"])
                .arg(&seeds),
        )
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

    let e = util::stderr_of_exit(util::cmd().args(["kwic", "--", "--"]).arg(&seeds), 2);
    assert!(e.contains("pattern \"--\"") && e.contains("no word"), "{e}");
}

/// A Matrix Market reader written here, apart from the writer: the header line, `%` comments,
/// the size line, then 1-based `row col value` triples.
struct Mtx {
    rows: usize,
    cols: usize,
    cells: std::collections::BTreeMap<(usize, usize), u64>,
}

fn read_mtx(text: &str) -> Mtx {
    let mut lines = text.lines();
    let banner: Vec<String> = lines
        .next()
        .unwrap()
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    assert_eq!(
        banner,
        [
            "%%matrixmarket",
            "matrix",
            "coordinate",
            "integer",
            "general"
        ]
    );
    let mut body = lines.filter(|l| !l.starts_with('%') && !l.trim().is_empty());
    let size: Vec<usize> = body
        .next()
        .unwrap()
        .split_whitespace()
        .map(|x| x.parse().unwrap())
        .collect();
    let (rows, cols, nnz) = (size[0], size[1], size[2]);
    let mut cells = std::collections::BTreeMap::new();
    for l in body {
        let v: Vec<u64> = l.split_whitespace().map(|x| x.parse().unwrap()).collect();
        assert_eq!(v.len(), 3, "{l}");
        let (i, j) = (v[0] as usize, v[1] as usize);
        assert!((1..=rows).contains(&i) && (1..=cols).contains(&j), "{l}");
        assert!(v[2] > 0, "a stored zero: {l}");
        assert!(cells.insert((i - 1, j - 1), v[2]).is_none(), "twice: {l}");
    }
    assert_eq!(cells.len(), nnz);
    Mtx { rows, cols, cells }
}

#[test]
fn dfm_matrix_market_reads_back_and_counts_the_words() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.mtx");
    util::cmd()
        .args(["dfm", "--by", "stem", "-q", "-o"])
        .arg(&out)
        .arg(util::tei_1938())
        .assert()
        .success();
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    let m = read_mtx(&read("m.mtx"));
    let rows: Vec<String> = read("m.rows.txt").lines().map(String::from).collect();
    let cols: Vec<String> = read("m.cols.txt").lines().map(String::from).collect();
    let docs = tei_1938();
    assert_eq!(m.rows, docs.len());
    assert_eq!(rows, docs.iter().map(|d| d.id.clone()).collect::<Vec<_>>());
    assert_eq!(m.cols, cols.len());
    let mut sorted = cols.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, cols, "columns sorted and unique");

    // the longest document (d465): each row sums to its words, as the tokenizer reads them,
    // and a plain word's count is the count of its forms in the text
    let k = rows.iter().position(|r| r == "frus1938v03-d465").unwrap();
    let text = &docs[k].text;
    let t = diplostance::text::tokenize(text);
    let words: Vec<String> = t
        .tokens
        .iter()
        .filter(|t| t.is_word())
        .map(|t| text[t.span.range()].to_lowercase())
        .collect();
    let row_sum: u64 = m
        .cells
        .iter()
        .filter(|((i, _), _)| *i == k)
        .map(|x| x.1)
        .sum();
    assert_eq!(row_sum as usize, words.len());
    let mut seen = 0;
    for (stem, forms) in [
        ("border", &["border", "borders"][..]),
        ("frontier", &["frontier", "frontiers"][..]),
        ("hostil", &["hostile", "hostility", "hostilities"][..]),
        ("soviet", &["soviet", "soviets"][..]),
    ] {
        let want = words.iter().filter(|w| forms.contains(&w.as_str())).count() as u64;
        let got = match cols.iter().position(|c| c == stem) {
            Some(j) => m.cells.get(&(k, j)).copied().unwrap_or(0),
            None => 0,
        };
        assert_eq!(got, want, "{stem}");
        seen += want;
    }
    assert!(seen >= 10, "{seen}");
    // the metadata, row for row
    let meta = read("m.docs.csv");
    let mut r = csv::Reader::from_reader(meta.as_bytes());
    assert_eq!(&r.headers().unwrap()[0], "doc_id");
    let ids: Vec<String> = r.records().map(|x| x.unwrap()[0].to_string()).collect();
    assert_eq!(ids, rows);
}

#[test]
fn dfm_dense_csv_of_cues_counts_the_scorer_hits() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cues.csv");
    util::cmd()
        .args(["dfm", "--by", "cue", "-q", "-o"])
        .arg(&out)
        .arg(util::repo().join("corpus/seeds"))
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[0], "doc_id");
    assert!(
        header
            .iter()
            .any(|h| h == "rapprochement:non-aggression pact")
    );
    let docs = corpus::bundled();
    let scored = Analyzer::builtin().unwrap().score_all(&docs, true);
    for (rec, d) in r.records().map(Result::unwrap).zip(&scored) {
        assert_eq!(&rec[0], d.id);
        let total: usize = rec
            .iter()
            .skip(1)
            .map(|c| c.parse::<usize>().unwrap())
            .sum();
        assert_eq!(total, d.hits.as_ref().unwrap().len(), "{}", d.id);
    }
    assert!(dir.path().join("cues.docs.csv").exists());
    let o = util::cmd()
        .args(["dfm", "-o"])
        .arg(dir.path().join("m.txt"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(".csv file (dense counts) or a .mtx"));
}

/// `score --by sentence`: one row per sentence of every document in each format, the hits of
/// `score --explain` shared out among them, offsets that cut the sentence out of the text, and
/// tension empty for a sentence that says nothing about the dyad.
#[test]
fn score_by_sentence_gives_every_sentence_with_its_hits() {
    let run = |args: &[&str]| {
        let out = util::cmd()
            .args(["score", "-q"])
            .args(args)
            .arg(util::tei_1938())
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let docs = run(&["--format", "csv"]);
    let mut r = csv::Reader::from_reader(docs.as_bytes());
    let h = r.headers().unwrap().clone();
    let sent_col = h.iter().position(|c| c == "sentences").unwrap();
    let sentences: usize = r
        .records()
        .map(|x| x.unwrap()[sent_col].parse::<usize>().unwrap())
        .sum();
    let hits = run(&["--explain", "--format", "csv"]).lines().count() - 1;

    let csv_text = run(&["--by", "sentence", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        diplostance::output::sentences::SENTENCE_COLUMNS.to_vec()
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), sentences);
    assert!(sentences > 400, "{sentences}");
    let hit_col: usize = rows.iter().map(|x| x[11].parse::<usize>().unwrap()).sum();
    assert_eq!(hit_col, hits);
    // every cue cell lists as many hits as the count says
    for x in &rows {
        let n: usize = x[11].parse().unwrap();
        assert_eq!(
            x[12].split(';').filter(|c| !c.is_empty()).count(),
            n,
            "{x:?}"
        );
        let relevance: f64 = x[9].parse().unwrap();
        assert_eq!(x[8].is_empty(), relevance < 0.5, "{x:?}");
    }
    // offsets cut the sentence out of its document's text
    let text: std::collections::BTreeMap<String, String> = tei_1938()
        .into_iter()
        .map(|d| (d.id.clone(), d.text.clone()))
        .collect();
    for x in rows.iter().step_by(17) {
        let (s, e): (usize, usize) = (x[2].parse().unwrap(), x[3].parse().unwrap());
        assert_eq!(
            squash(&text[&x[0]][s..e]),
            x[13].trim_start_matches('\''),
            "{x:?}"
        );
    }
    // a Changkufeng sentence with fighting is hostile and names both sides
    assert!(rows.iter().any(|x| x[13].contains("Changkufeng")
        && x[5].parse::<f64>().unwrap() > 0.0
        && x[10].contains("soviet_union")
        && x[10].contains("japan")));

    let jsonl = run(&["--by", "sentence", "--format", "jsonl"]);
    assert_eq!(jsonl.lines().count(), sentences);
    let json: serde_json::Value =
        serde_json::from_str(&run(&["--by", "sentence", "--format", "json"])).unwrap();
    let arr = json.as_array().unwrap();
    assert_eq!(arr.len(), sentences);
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(first, arr[0]);
    let json_hits: usize = arr
        .iter()
        .map(|s| s["hits"].as_array().unwrap().len())
        .sum();
    assert_eq!(json_hits, hits);
    let table = run(&["--by", "sentence"]);
    assert!(table.starts_with("id "), "{}", &table[..80]);
    assert!(table.lines().count() > sentences);
}
