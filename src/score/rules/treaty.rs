//! Treaty terms: a sentence that speaks of the parties in a treaty's own terms ("neither party
//! would take aggressive action against the other", "where a third party takes aggressive
//! action against either of the parties", "the High Contracting Parties") states what a party
//! would do under the treaty, not what it does: its hostility cues are the treaty's
//! hypotheses and count [`TREATY_TERM`] times. Its rapprochement cues (the treaty itself)
//! count in full.
//!
//! Found once per sentence, in one pass over its tokens.

use super::sentence::Sentence;

/// Weight of a hostility cue in the terms of a treaty.
pub const TREATY_TERM: f64 = 0.2;
/// Words that, just before "party" or "parties", make it a treaty's party.
const PARTY_MARKERS: &[&str] = &["either", "neither", "other", "one", "contracting"];

/// The token of the first "party"/"parties" phrase that marks the sentence as treaty terms,
/// if any: "either party", "neither party", "the other party", "one party", "contracting parties", "either
/// of the parties".
pub(super) fn treaty_terms(s: &Sentence) -> Option<(u32, u32)> {
    let (first, end) = (s.first_tok as u32, s.end_tok as u32);
    (first + 1..end).find_map(|k| {
        let w = s.word(k);
        if !(w.eq_ignore_ascii_case("party") || w.eq_ignore_ascii_case("parties")) {
            return None;
        }
        let before = s.word(k - 1);
        let marked = PARTY_MARKERS.iter().any(|m| before.eq_ignore_ascii_case(m))
            || (before.eq_ignore_ascii_case("the")
                && k >= first + 3
                && s.word(k - 2).eq_ignore_ascii_case("of")
                && s.word(k - 3).eq_ignore_ascii_case("either"));
        marked.then_some((k.saturating_sub(1), k + 1))
    })
}
