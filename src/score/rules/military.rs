//! Military alignments: an agreement whose clause speaks of mutual assistance or an alliance
//! ("an agreement involving mutual assistance between the Soviet Union and the Mongolian
//! People's Republic", "a secret agreement ... providing for cooperation and mutual
//! assistance", "a military alliance") binds its parties against someone. Made by one side
//! with another party, in a document about the dyad, that someone is the other side, though
//! the text need not say "against": the Soviet-Mongolian protocol of 1936 and the
//! German-Japanese agreement of the same year were read so in Tokyo and in Moscow.
//!
//! Found once per sentence that has an alignment cue, in one pass over its tokens.

use super::sentence::Sentence;

/// Words that make an agreement military by themselves.
const MILITARY_NOUNS: &[&str] = &["alliance", "alliances"];
/// Words that, after "military" or "mutual", make it so ("military pact", "mutual assistance").
const MILITARY_HEADS: &[&str] = &[
    "assistance",
    "aid",
    "alliance",
    "pact",
    "agreement",
    "convention",
    "cooperation",
    "co-operation",
];

/// The military alignments the sentence speaks of: per clause, the first one's tokens
/// `(clause, first, end)`, in order (usually none or one).
pub(super) fn military_clauses(s: &Sentence) -> Vec<(u32, u32, u32)> {
    let (first, end) = (s.first_tok as u32, s.end_tok as u32);
    let mut clauses: Vec<(u32, u32, u32)> = Vec::new();
    for k in first..end {
        let w = s.word(k);
        let len = if MILITARY_NOUNS.iter().any(|m| w.eq_ignore_ascii_case(m)) {
            1
        } else if (w.eq_ignore_ascii_case("military") || w.eq_ignore_ascii_case("mutual"))
            && k + 1 < end
            && MILITARY_HEADS
                .iter()
                .any(|m| s.word(k + 1).eq_ignore_ascii_case(m))
        {
            2
        } else {
            continue;
        };
        let clause = s.clause(k);
        if clauses.last().is_none_or(|c| c.0 != clause) {
            clauses.push((clause, k, k + len));
        }
    }
    clauses
}

/// The military alignment in the clause of token `k`, if any: its tokens.
pub(super) fn in_clause(clauses: &[(u32, u32, u32)], s: &Sentence, k: u32) -> Option<(u32, u32)> {
    let clause = s.clause(k);
    clauses
        .iter()
        .find(|c| c.0 == clause)
        .map(|&(_, first, end)| (first, end))
}
