//! Properties of the tokenizer and the scorer on generated input (proptest): offsets are valid
//! on any string, scores are always finite, a document's score does not depend on the rest of
//! the corpus, and a document repeated twice keeps its rates and doubles its hits.
//!
//! The case counts are modest so the suite stays fast; a long run is
//! `PROPTEST_CASES=20000 cargo test --release --test it props::` (see fuzz/README.md).

use std::sync::OnceLock;

use diplostance::corpus::Document;
use diplostance::score::{Analyzer, DocScore, Hit, ModifierKind, Scores};
use diplostance::text::tokenize;
use proptest::prelude::*;

use crate::util;

/// Check the tokenizer's invariants on `text`; panics with the first violation.
pub fn check_tokens(text: &str) {
    let t = tokenize(text);
    let mut prev: Option<(usize, usize)> = None;
    for tok in &t.tokens {
        let (s, e) = (tok.span.start as usize, tok.span.end as usize);
        assert!(s < e, "empty token at {s}");
        assert!(
            e <= text.len(),
            "token {s}..{e} past the end ({})",
            text.len()
        );
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "token {s}..{e} cuts a character"
        );
        if let Some((ps, pe)) = prev {
            assert!(s > ps, "token starts not increasing: {ps} then {s}");
            assert!(s >= pe, "tokens overlap: {ps}..{pe} and {s}..{e}");
        }
        prev = Some((s, e));
    }
    let mut next = 0usize;
    for sent in &t.sentences {
        let r = sent.tokens();
        assert_eq!(r.start, next, "sentences must cover every token, in order");
        assert!(r.start < r.end, "empty sentence");
        assert!(r.end <= t.tokens.len());
        for tok in &t.tokens[r.clone()] {
            assert!(
                sent.span.start <= tok.span.start && tok.span.end <= sent.span.end,
                "sentence {:?} does not cover token {:?}",
                sent.span,
                tok.span
            );
        }
        assert!(text.is_char_boundary(sent.span.start as usize));
        assert!(text.is_char_boundary(sent.span.end as usize));
        next = r.end;
    }
    assert_eq!(next, t.tokens.len(), "tokens after the last sentence");
}

/// `cases` cases, or `PROPTEST_CASES` when set (for a long run by hand); no persistence file.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer::builtin().expect("built-in lexicon"))
}

/// The sentences of the five seed reports, as the tokenizer splits them.
fn seed_sentences() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        let mut out = Vec::new();
        let mut paths: Vec<_> = std::fs::read_dir(util::shared_file("seeds"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).unwrap();
            let t = tokenize(&text);
            for s in &t.sentences {
                let words = t.tokens[s.tokens()].iter().filter(|t| t.is_word()).count();
                let sent = text[s.span.range()].trim();
                // Whole sentences only: a header line or a fragment would join its neighbour.
                if words >= 4 && sent.ends_with(['.', '?', '!']) {
                    out.push(sent.replace('\n', " "));
                }
            }
        }
        assert!(out.len() > 40, "{} seed sentences", out.len());
        out
    })
}

/// A document of real sentences picked by `picks`, at least 100 words (MIN_TOKENS) long.
fn doc_from(picks: &[usize]) -> String {
    let pool = seed_sentences();
    let mut text = String::new();
    let mut i = 0;
    while text.split_whitespace().count() < 110 || i < picks.len() {
        let k = picks.get(i % picks.len().max(1)).copied().unwrap_or(i) + i / picks.len().max(1);
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&pool[k % pool.len()]);
        i += 1;
    }
    text
}

fn score_one(id: &str, text: &str) -> DocScore {
    let docs = vec![Document::new(id, text)];
    analyzer().score_all(&docs, true).remove(0)
}

fn assert_scores_finite(d: &DocScore) {
    for v in d.scores.to_array() {
        assert!(v.is_finite(), "{}: score {v}", d.id);
    }
    for (n, v) in d.features.names.iter().zip(&d.features.values) {
        assert!(v.is_finite(), "{}: feature {n} = {v}", d.id);
    }
    for i in [
        d.interval.hostility,
        d.interval.rapprochement,
        d.interval.uncertainty,
        d.interval.tension,
    ] {
        assert!(i.low.is_finite() && i.high.is_finite(), "{}: {i:?}", d.id);
    }
}

/// Text made of the pieces diplomatic prose and OCR debris are made of.
fn prose_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Soviet".to_string()),
        Just("non-aggression pact".to_string()),
        Just("not".to_string()),
        Just("U.S.S.R.".to_string()),
        Just("[Page 113]".to_string()),
        Just("761.94/1132".to_string()),
        Just("Mr.".to_string()),
        Just("’s".to_string()),
        Just("“".to_string()),
        Just("...".to_string()),
        Just("\n\n".to_string()),
        Just("1.".to_string()),
        Just("border incident".to_string()),
        Just("it is rumoured".to_string()),
        "[a-zA-Z]{1,12}",
        "[0-9.,:/-]{1,6}",
        "[\\[\\](){}<>\"'.!?;:-]{1,3}",
        any::<String>(),
        "\\PC{1,8}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn token_offsets_are_on_char_boundaries_and_increasing(text in prose_like()) {
        check_tokens(&text);
    }

    #[test]
    fn token_offsets_hold_on_arbitrary_strings(text in any::<String>()) {
        check_tokens(&text);
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn scores_are_never_nan_or_infinite(text in prose_like()) {
        let d = score_one("p", &text);
        assert_scores_finite(&d);
        if let Some(hits) = &d.hits {
            for h in hits {
                prop_assert!(h.weight.is_finite());
                prop_assert!(text.is_char_boundary(h.start as usize) && text.is_char_boundary(h.end as usize));
            }
        }
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn a_score_does_not_depend_on_the_other_documents(
        target in prop::collection::vec(0usize..1000, 1..12),
        others in prop::collection::vec(prop::collection::vec(0usize..1000, 1..8), 0..8),
        at in 0usize..9,
    ) {
        let mine = Document::new("target", doc_from(&target));
        let alone = analyzer().score_all(std::slice::from_ref(&mine), true).remove(0);
        let mut docs: Vec<Document> = others
            .iter()
            .enumerate()
            .map(|(i, p)| Document::new(format!("other{i}"), doc_from(p)))
            .collect();
        let at = at.min(docs.len());
        docs.insert(at, mine);
        let all = analyzer().score_all(&docs, true);
        prop_assert_eq!(all.len(), docs.len());
        prop_assert_eq!(&all[at], &alone);
    }

    #[test]
    fn a_document_twice_doubles_its_hits_and_keeps_its_rates(
        picks in prop::collection::vec(0usize..1000, 1..12),
    ) {
        // A cue-free opening sentence: the scorer looks one sentence back for the actors (the
        // dyad context rule in src/score/rules.rs), so the second copy's first sentence must
        // follow the same sentence as the first copy's did for the copies to score alike.
        let text = format!("{OPENING} {}", doc_from(&picks));
        let once = score_one("d", &text);
        let twice = score_one("d", &format!("{text}\n\n{text}"));
        prop_assert!(once.tokens >= 100, "{} tokens", once.tokens);
        prop_assert_eq!(twice.tokens, 2 * once.tokens);
        prop_assert_eq!(twice.sentences, 2 * once.sentences);
        let (h1, h2) = (once.hits.as_ref().unwrap(), twice.hits.as_ref().unwrap());
        prop_assert!(h1.iter().all(|h| h.sentence > 0), "the opening has a cue");
        prop_assert_eq!(h2.len(), 2 * h1.len());
        // The second copy's hits are the first copy's, shifted by the text before them.
        let shift = (text.len() + 2) as u32;
        for (a, b) in h1.iter().zip(&h2[h1.len()..]) {
            prop_assert_eq!(&a.term, &b.term);
            prop_assert_eq!(a.start + shift, b.start);
        }
        // "The pact" in the second copy may refer back to the first copy's last agreement
        // (agreement anaphora reaches across the document): then weights may differ.
        if refers_across(h1, &h2[h1.len()..], shift) {
            return Ok(());
        }
        for (a, b) in h1.iter().zip(&h2[h1.len()..]) {
            prop_assert!((a.weight - b.weight).abs() < 1e-12, "first copy {:?}\nsecond copy {:?}", a, b);
        }
        // Scores are published rounded to 6 decimals (round6): at a rounding boundary float
        // noise may move them by one unit in the last place; everything else within 1e-9.
        // Uncertainty grows with the square root of the length: twice the text, its weight
        // twice over the square root of twice the length.
        let expected = |n: &str, a: f64| if n == "uncertainty" { a * 2f64.sqrt() } else { a };
        for ((n, a), b) in Scores::NAMES.iter().zip(once.scores.to_array()).zip(twice.scores.to_array()) {
            prop_assert!((expected(n, a) - b).abs() <= 2.0 * ROUNDED, "scores {:?} vs {:?}", once.scores, twice.scores);
        }
        for ((n, a), b) in once.features.names.iter().zip(&once.features.values).zip(&twice.features.values) {
            let tol = if once.scores.by_name(n).is_some() { 2.0 * ROUNDED } else { 1e-9 };
            prop_assert!((expected(n, *a) - b).abs() <= tol, "feature {}: {} vs {}", n, a, b);
        }
    }

    #[test]
    fn without_a_neutral_opening_only_the_join_sentence_may_differ(
        picks in prop::collection::vec(0usize..1000, 1..12),
    ) {
        let text = doc_from(&picks);
        let once = score_one("d", &text);
        let twice = score_one("d", &format!("{text}\n\n{text}"));
        let (h1, h2) = (once.hits.as_ref().unwrap(), twice.hits.as_ref().unwrap());
        prop_assert_eq!(h2.len(), 2 * h1.len());
        for (a, b) in h1.iter().zip(&h2[h1.len()..]) {
            prop_assert_eq!(&a.term, &b.term);
            prop_assert_eq!(a.negated, b.negated);
            if a.sentence > 0 && !refers_across(std::slice::from_ref(a), std::slice::from_ref(b), b.start - a.start) {
                prop_assert!((a.weight - b.weight).abs() < 1e-12, "{:?}\n{:?}", a, b);
            }
        }
        // Counts per 1,000 tokens do not depend on weights: unchanged.
        for name in ["hostility_hits", "rapprochement_hits", "uncertainty_hits", "hedge_rate", "contrast_rate"] {
            let (a, b) = (once.features.get(name).unwrap(), twice.features.get(name).unwrap());
            prop_assert!((a - b).abs() < 1e-9, "{}: {} vs {}", name, a, b);
        }
    }
}

/// Whether the second copy's hits `b` refer back to an agreement other than the one the first
/// copy's hits `a` refer to (shifted by `shift` bytes): the one place where a hit's weight
/// depends on text before its sentence's predecessor.
fn refers_across(a: &[Hit], b: &[Hit], shift: u32) -> bool {
    let antecedent = |h: &Hit| {
        h.modifiers
            .iter()
            .find(|m| m.kind == ModifierKind::Antecedent)
            .map(|m| m.start)
    };
    a.iter()
        .zip(b)
        .any(|(a, b)| antecedent(a).map(|s| s + shift) != antecedent(b))
}

/// One unit in the sixth decimal place, with room for float noise.
const ROUNDED: f64 = 1.000_001e-6;

/// An opening sentence with no cue and no actor.
const OPENING: &str = "The text follows.";
