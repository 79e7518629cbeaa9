//! Hedges: an evidential or modal ("it is rumoured", "may", "impression") is an uncertainty hit
//! of its own and damps every hostility and rapprochement cue of its sentence by its factor.
//! The strongest hedge of the sentence that is not itself negated applies ("no doubt" is a
//! negated hedge).

use super::negation::negator_of;
use super::sentence::Sentence;
use crate::lexicon::ModifierClass;
use crate::score::matcher::Match;
use crate::text::TokenKind;

/// The hedge that damps the sentence, if any: the one with the smallest factor (the first of
/// equals), among those not negated. An idiom of degree ("in every way possible", factor 1)
/// damps nothing, and so is no hedge of the sentence.
pub(super) fn sentence_hedge(s: &Sentence) -> Option<(u32, f64)> {
    let mut best: Option<(u32, f64)> = None;
    for j in 0..s.matches.len() {
        let Some(e) = s
            .modifier(j)
            .filter(|e| e.class == ModifierClass::Hedge && e.factor < 1.0)
        else {
            continue;
        };
        if negator_of(s, j).is_some() || is_no_hedge(s, &s.matches[j]) {
            continue;
        }
        if best.is_none_or(|(_, f)| e.factor.total_cmp(&f).is_lt()) {
            best = Some((j as u32, e.factor));
        }
    }
    best
}

/// Number words that make a hedge before them an estimate ("perhaps thirty divisions").
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "half",
    "several",
    "dozen",
];

/// Whether the hedge `m` is an estimate: a number follows it, after at most an article
/// ("perhaps thirty divisions", "possibly 5,000 men", "perhaps a hundred planes"). An estimate
/// says how many, not whether: it is no uncertainty about the assessment, and damps nothing.
pub(super) fn is_estimate(s: &Sentence, m: &Match) -> bool {
    if s.entry_of(m)
        .is_none_or(|e| e.class != ModifierClass::Hedge)
    {
        return false;
    }
    let end = s.end_tok as u32;
    let mut k = m.end;
    if k < end && (s.word(k).eq_ignore_ascii_case("a") || s.word(k).eq_ignore_ascii_case("an")) {
        k += 1;
    }
    k < end
        && (s.tokens[k as usize].kind == TokenKind::Number
            || NUMBER_WORDS
                .iter()
                .any(|w| s.word(k).eq_ignore_ascii_case(w)))
}

/// Modals that a request or an offer of help uses for courtesy.
const COURTESY_MODALS: &[&str] = &["might", "could", "would", "may"];

/// Whether the hedge `m` is a modal of courtesy, not of doubt: addressed to the reader ("any
/// help or advice which you might give us", "would you") or offering help ("it might be of
/// great help"). A request says what the writer asks, not how sure the assessment is.
pub(super) fn is_courtesy(s: &Sentence, m: &Match) -> bool {
    if m.end != m.first + 1
        || s.entry_of(m)
            .is_none_or(|e| e.class != ModifierClass::Hedge)
    {
        return false;
    }
    let w = s.word(m.first);
    if !COURTESY_MODALS.iter().any(|c| w.eq_ignore_ascii_case(c)) {
        return false;
    }
    let (first, end) = (s.first_tok as u32, s.end_tok as u32);
    let near = |k: u32, word: &str| k >= first && k < end && s.word(k).eq_ignore_ascii_case(word);
    near(m.first.wrapping_sub(1), "you")
        || near(m.first + 1, "you")
        || (near(m.first + 1, "be") && near(m.first + 2, "of"))
}

/// Words after which "possible" modifies the noun that follows it.
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "any", "for", "of", "its", "their", "his", "her", "such",
];

/// Whether the hedge `m` is "possible" used attributively, after a determiner: "preparation
/// for a possible attack on Russia", "the possible motives". It names a contingency the writer
/// weighs, not doubt about what he reports; "it is possible that" hedges, and counts.
fn is_attributive_possible(s: &Sentence, m: &Match) -> bool {
    m.end == m.first + 1
        && m.first > s.first_tok as u32
        && s.word(m.first).eq_ignore_ascii_case("possible")
        && DETERMINERS
            .iter()
            .any(|d| s.word(m.first - 1).eq_ignore_ascii_case(d))
}

/// Whether the hedge `m` is no hedge: an estimate, a modal of courtesy, or an attributive
/// "possible".
pub(super) fn is_no_hedge(s: &Sentence, m: &Match) -> bool {
    is_estimate(s, m) || is_courtesy(s, m) || is_attributive_possible(s, m)
}
