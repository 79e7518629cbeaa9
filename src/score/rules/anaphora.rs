//! Agreement anaphora: "the pact", "this treaty" refer to the agreement last named with its
//! parties. A report on the Sino-Soviet non-aggression treaty names its parties once ("a
//! treaty ... signed between China and the Soviet Union") and then speaks of "the treaty"
//! for a page; a report on the Tripartite Pact names "the German-Italian-Japanese pact" and
//! then "the pact". Those later mentions are about the same parties' agreement, not about
//! the dyad, though their sentences may name both of its sides.
//!
//! An alignment cue (an agreement, pact, treaty) whose own participants are fewer than two,
//! and all among the antecedent's, takes the antecedent's participants when a definite
//! determiner ("the", "this", "that", "said", "such") stands just before it in its clause,
//! or when it is a singular noun with no determiner at all: a telegram drops its articles
//! ("He stated that text of treaty has been communicated to Chinese missions"). An
//! indefinite determiner ("a", "another", "any", "new") names a new agreement, and a bare
//! plural ("agreements") speaks of agreements in general. Every alignment
//! cue with two or more participants becomes the antecedent of those that follow, in its
//! document. One look back of at most [`DETERMINER_REACH`] tokens per cue: linear.

use super::sentence::Sentence;
use crate::score::matcher::Match;

/// How many tokens before an agreement cue its determiner may stand ("the tripartite pact").
pub const DETERMINER_REACH: u32 = 3;
/// Determiners that refer back to an agreement already named.
const DEFINITE: &[&str] = &["the", "this", "that", "said", "such", "its"];
/// Determiners that introduce a new agreement.
const INDEFINITE: &[&str] = &["a", "an", "another", "any", "new", "no", "some", "similar"];

/// The agreement last named with its parties in the document: their actor mask and the tokens
/// of its cue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Antecedent {
    /// Its participants.
    pub participants: u64,
    /// Its cue's tokens `first..end`.
    pub first: u32,
    /// One past the last token.
    pub end: u32,
}

/// The antecedent an agreement cue at `first` with participants `own` refers to, if it refers
/// to one; `None` when it names its parties itself or is not definite.
pub(super) fn refers_to(
    s: &Sentence,
    m: &Match,
    own: u64,
    antecedent: Antecedent,
) -> Option<Antecedent> {
    let inherits = antecedent.participants != 0
        && own.count_ones() < 2
        && own & !antecedent.participants == 0
        && definite(s, m);
    inherits.then_some(antecedent)
}

/// Whether the cue `m` is definite: a definite determiner stands just before it in its clause,
/// with no indefinite one between (an actor's name may stand between: "the Soviet pact"), or
/// it is a singular with no determiner.
fn definite(s: &Sentence, m: &Match) -> bool {
    let from = m
        .first
        .saturating_sub(DETERMINER_REACH)
        .max(s.first_tok as u32);
    for k in (from..m.first).rev() {
        if s.clause(k) != s.clause(m.first) {
            break;
        }
        let w = s.word(k);
        if INDEFINITE.iter().any(|d| w.eq_ignore_ascii_case(d)) {
            return false;
        }
        if DEFINITE.iter().any(|d| w.eq_ignore_ascii_case(d)) {
            return true;
        }
    }
    !is_plural(s.word(m.end - 1))
}

/// Whether a noun is plural by its ending ("treaties", "agreements", "Accords").
fn is_plural(word: &str) -> bool {
    word.ends_with(['s', 'S']) && !word.ends_with("ss")
}
