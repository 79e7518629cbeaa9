//! Agreement anaphora: "the pact", "this treaty" refer to the agreement last named with its
//! parties. A report on the Sino-Soviet non-aggression treaty names its parties once ("a
//! treaty ... signed between China and the Soviet Union") and then speaks of "the treaty"
//! for a page; a report on the Tripartite Pact names "the German-Italian-Japanese pact" and
//! then "the pact". Those later mentions are about the same parties' agreement, not about
//! the dyad, though their sentences may name both of its sides.
//!
//! An alignment cue (an agreement, pact, treaty) whose own participants are fewer than two,
//! and all among the antecedent's, takes the antecedent's participants when a definite
//! determiner ("the", "this", "that", "said", "such") stands just before it in its clause;
//! an indefinite one ("a", "another", "any", "new") names a new agreement. Every alignment
//! cue with two or more participants becomes the antecedent of those that follow, in its
//! document. One look back of at most [`DETERMINER_REACH`] tokens per cue: linear.

use super::sentence::Sentence;

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
    first: u32,
    own: u64,
    antecedent: Antecedent,
) -> Option<Antecedent> {
    let inherits = antecedent.participants != 0
        && own.count_ones() < 2
        && own & !antecedent.participants == 0
        && definite_before(s, first);
    inherits.then_some(antecedent)
}

/// Whether a definite determiner stands just before `first` in its clause, with no
/// indefinite one between (an actor's name may stand between: "the Soviet pact").
fn definite_before(s: &Sentence, first: u32) -> bool {
    let from = first
        .saturating_sub(DETERMINER_REACH)
        .max(s.first_tok as u32);
    for k in (from..first).rev() {
        if s.clause(k) != s.clause(first) {
            return false;
        }
        let w = s.word(k);
        if INDEFINITE.iter().any(|d| w.eq_ignore_ascii_case(d)) {
            return false;
        }
        if DEFINITE.iter().any(|d| w.eq_ignore_ascii_case(d)) {
            return true;
        }
    }
    false
}
