//! Hedges: an evidential or modal ("it is rumoured", "may", "impression") is an uncertainty hit
//! of its own and damps the hostility and rapprochement cues in its scope by its factor: the
//! whole sentence, or for a modal verb its own clause and those after it up to a contrast
//! marker (`Hedges`). The
//! strongest hedge over a cue that is not itself negated applies ("no doubt" is a negated
//! hedge).

use super::negation::negator_of;
use super::sentence::{NONE, Sentence};
use crate::lexicon::ModifierClass;
use crate::score::matcher::Match;
use crate::text::TokenKind;

/// Modal verbs. Their hedge reaches from the start of their clause to the next "but" or
/// "however", or the end of the sentence:
/// "the concentration of troops was a provocation, but the talks would be concluded" leaves
/// the provocation asserted, while "an attack may come" and "Japan, which has massed troops,
/// may attack" hedge what the modal governs. Evidentials ("it is rumoured", "apparently") and
/// conditionals ("if") bear on the whole sentence wherever they stand.
const MODALS: &[&str] = &["may", "might", "would"];

/// The hedges of a sentence: the strongest that bears on all of it, and the modals in text
/// order, each with the strongest modal factor up to it. Cues are asked for in text order, so
/// a cursor over the modals finds each cue's hedge: linear in the sentence for the whole of it.
#[derive(Debug, Default)]
pub(super) struct Hedges {
    whole: Option<(u32, f64)>,
    /// (clause of the modal, the clause of the contrast marker after it that ends its reach,
    /// the strongest modal so far within that reach, its factor)
    modals: Vec<(u32, u32, u32, f64)>,
    /// How many modals stand in the clauses up to the last cue asked for.
    reached: usize,
}

impl Hedges {
    /// The hedges of `s` that are not negated ("no doubt" is a negated hedge) and damp (an
    /// idiom of degree, "in every way possible", factor 1, damps nothing).
    pub fn of(s: &Sentence) -> Hedges {
        let mut h = Hedges::default();
        for j in 0..s.matches.len() {
            let Some(e) = s
                .modifier(j)
                .filter(|e| e.class == ModifierClass::Hedge && e.factor < 1.0)
            else {
                continue;
            };
            let m = &s.matches[j];
            if negator_of(s, j).is_some() || is_no_hedge(s, m) {
                continue;
            }
            let this = (j as u32, e.factor);
            if is_modal(s, m) {
                let next = s.links(j).next_contrast;
                let limit = if next == NONE {
                    u32::MAX
                } else {
                    s.clause(s.at(next).first)
                };
                let best = match h.modals.last() {
                    Some(&(_, l, x, f)) if l == limit => stronger((x, f), this),
                    _ => this,
                };
                h.modals.push((s.clause(m.first), limit, best.0, best.1));
            } else {
                h.whole = Some(h.whole.map_or(this, |w| stronger(w, this)));
            }
        }
        h
    }

    /// The hedge that damps a cue at token `k`: the strongest (smallest factor, the first of
    /// equals) of those that bear on the whole sentence and the modals whose clause is the
    /// cue's or an earlier one. The cues of a sentence are asked for in text order.
    pub fn of_cue(&mut self, s: &Sentence, k: u32) -> Option<(u32, f64)> {
        let clause = s.clause(k);
        while self
            .modals
            .get(self.reached)
            .is_some_and(|&(c, _, _, _)| c <= clause)
        {
            self.reached += 1;
        }
        let modal = self
            .reached
            .checked_sub(1)
            .map(|i| self.modals[i])
            .filter(|&(_, limit, _, _)| clause < limit)
            .map(|(_, _, x, f)| (x, f));
        [self.whole, modal]
            .into_iter()
            .flatten()
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
    }
}

/// The stronger of two hedges (smaller factor), `a` on a tie.
fn stronger(a: (u32, f64), b: (u32, f64)) -> (u32, f64) {
    if b.1.total_cmp(&a.1).is_lt() { b } else { a }
}

/// Whether the hedge `m` is a modal verb.
fn is_modal(s: &Sentence, m: &Match) -> bool {
    m.end == m.first + 1
        && MODALS
            .iter()
            .any(|w| s.word(m.first).eq_ignore_ascii_case(w))
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

/// Whether the hedge `m` is the month of May: "May" capitalised inside a sentence ("the
/// present treaty expired in May, 1936"); at a sentence's start only before a number ("May 13",
/// which [`is_estimate`] finds too).
fn is_month(s: &Sentence, m: &Match) -> bool {
    m.end == m.first + 1 && m.first > s.first_tok as u32 && s.word(m.first) == "May"
}

/// Whether the hedge `m` is no hedge: an estimate, a modal of courtesy, an attributive
/// "possible", or the month of May.
pub(super) fn is_no_hedge(s: &Sentence, m: &Match) -> bool {
    is_estimate(s, m) || is_courtesy(s, m) || is_attributive_possible(s, m) || is_month(s, m)
}
