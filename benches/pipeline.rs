//! Criterion benchmarks of the scoring pipeline, stage by stage, with throughput in bytes of
//! input text: the tokenizer, the matcher (word look-up and cue matching over a tokenized
//! text), and whole-document scoring with and without explanations.
//!
//! Each group also times a baseline over the same text in the same run (a plain
//! `split_whitespace` word count), so the figures read as ratios: "scoring runs at 1/N of the
//! speed of splitting the text on whitespace" holds from machine to machine where seconds do not.
//!
//! Texts: the five bundled FRUS seed telegrams, and the 64 documents of the shared TEI extract
//! (`../shared/corpus/frus1938v03-soviet-japanese-border.xml`; skipped if it is missing).
//! Run with `cargo bench --bench pipeline` (add `-- tokenize` etc. to pick a group).

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use diplostance::corpus::{self, Document, ReadOptions};
use diplostance::score::{Analyzer, Workspace};

/// The benchmark texts: (name, documents).
fn texts() -> Vec<(&'static str, Vec<Document>)> {
    let mut out = vec![("seeds", corpus::bundled())];
    let tei = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/frus1938v03-soviet-japanese-border.xml"
    ));
    if tei.exists() {
        match corpus::load(&[tei], &ReadOptions::default()) {
            Ok(c) if !c.docs.is_empty() => out.push(("tei", c.docs)),
            Ok(_) => eprintln!("pipeline bench: the TEI extract has no document; skipped"),
            Err(e) => eprintln!("pipeline bench: TEI extract not read ({e}); skipped"),
        }
    }
    out
}

fn bytes(docs: &[Document]) -> u64 {
    docs.iter().map(|d| d.text.len() as u64).sum()
}

/// The baseline: split on whitespace and count, the least any word-level pass does.
fn split_count(docs: &[Document]) -> usize {
    docs.iter().map(|d| d.text.split_whitespace().count()).sum()
}

fn tokenizer(c: &mut Criterion) {
    for (name, docs) in texts() {
        let mut g = c.benchmark_group(format!("tokenize/{name}"));
        g.throughput(Throughput::Bytes(bytes(&docs)));
        g.bench_function("baseline split_whitespace", |b| {
            b.iter(|| split_count(black_box(&docs)))
        });
        let mut ws = Workspace::default();
        g.bench_function("tokenize", |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| ws.bench_tokenize(black_box(&d.text)))
                    .sum::<usize>()
            })
        });
        g.finish();
    }
}

fn matcher(c: &mut Criterion) {
    let Ok(analyzer) = Analyzer::builtin() else {
        eprintln!("pipeline bench: the built-in lexicon does not load; matcher skipped");
        return;
    };
    for (name, docs) in texts() {
        let mut g = c.benchmark_group(format!("match/{name}"));
        g.throughput(Throughput::Bytes(bytes(&docs)));
        g.bench_function("baseline split_whitespace", |b| {
            b.iter(|| split_count(black_box(&docs)))
        });
        // one tokenized workspace per document, word caches warm: only the matcher is timed
        let mut spaces: Vec<Workspace> = docs
            .iter()
            .map(|d| {
                let mut ws = Workspace::default();
                ws.bench_tokenize(&d.text);
                analyzer.bench_match(&d.text, &mut ws);
                ws
            })
            .collect();
        g.bench_function("describe + find_matches", |b| {
            b.iter(|| {
                docs.iter()
                    .zip(spaces.iter_mut())
                    .map(|(d, ws)| analyzer.bench_match(black_box(&d.text), ws))
                    .sum::<usize>()
            })
        });
        g.finish();
    }
}

fn scoring(c: &mut Criterion) {
    let Ok(analyzer) = Analyzer::builtin() else {
        eprintln!("pipeline bench: the built-in lexicon does not load; scoring skipped");
        return;
    };
    for (name, docs) in texts() {
        let mut g = c.benchmark_group(format!("score/{name}"));
        g.throughput(Throughput::Bytes(bytes(&docs)));
        g.bench_function("baseline split_whitespace", |b| {
            b.iter(|| split_count(black_box(&docs)))
        });
        for explain in [false, true] {
            let mut ws = Workspace::default();
            for d in &docs {
                analyzer.score(d, &mut ws, explain); // warm the word cache
            }
            let label = if explain { "score --explain" } else { "score" };
            g.bench_function(label, |b| {
                b.iter(|| {
                    docs.iter()
                        .map(|d| analyzer.score(black_box(d), &mut ws, explain).tokens)
                        .sum::<usize>()
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, tokenizer, matcher, scoring);
criterion_main!(benches);
