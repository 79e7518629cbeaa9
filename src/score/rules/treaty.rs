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
/// Other nouns for a treaty's party, and the words that, just before them, make them one:
/// "either country", "neither power" ("the other power" or "one country" is too common
/// outside treaties to count).
const PARTY_NOUNS: &[&str] = &["power", "powers", "country", "countries", "signatory"];
const PARTY_NOUN_MARKERS: &[&str] = &["either", "neither"];

/// The token of the first "party"/"parties" phrase that marks the sentence as treaty terms,
/// if any: "either party", "neither party", "the other party", "one party", "contracting
/// parties", "either of the parties", "either country", "either of them".
pub(super) fn treaty_terms(s: &Sentence) -> Option<(u32, u32)> {
    let (first, end) = (s.first_tok as u32, s.end_tok as u32);
    (first + 1..end).find_map(|k| party_at(s, first, k).then_some((k.saturating_sub(1), k + 1)))
}

/// Whether token `k` (after the sentence's first token `first`) ends a treaty's party phrase.
fn party_at(s: &Sentence, first: u32, k: u32) -> bool {
    let is = |k: u32, w: &str| s.word(k).eq_ignore_ascii_case(w);
    let any = |k: u32, ws: &[&str]| ws.iter().any(|w| is(k, w));
    // "either of the parties", "either of them"
    let either_of =
        |k: u32| k >= first + 2 && is(k - 1, "of") && any(k - 2, &["either", "neither"]);
    if is(k, "party") || is(k, "parties") {
        any(k - 1, PARTY_MARKERS) || (is(k - 1, "the") && either_of(k - 1))
    } else if any(k, PARTY_NOUNS) {
        any(k - 1, PARTY_NOUN_MARKERS)
    } else {
        is(k, "them") && either_of(k)
    }
}
