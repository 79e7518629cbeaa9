//! Reversal: a reverser ("subsided", "averted", "to avoid") says that what a nearby cue names
//! is ending or avoided, and turns it around as a negator does. Before the cue it reaches the
//! first cue after it within [`REVERSER_WINDOW`] words, with no negator between ("ended without
//! any agreement" is not an agreement ending); after the cue it reaches back
//! [`REVERSER_BACK_WINDOW`] words, since a reverser is often the predicate of the cue's clause,
//! unless it governs what follows it ("a truce to terminate the fighting" ends the fighting, not
//! the truce; see [`GOVERNING_NEXT`]).
//! A reverser that is itself negated does not reverse ("nothing has occurred to diminish the
//! bitterness").

use super::negation::{negator_of, scope_start};
use super::sentence::{NONE, Sentence};
use super::statement::PROPOSAL;

/// How many words after a reverser it reaches (within the clause): "to avoid a war".
pub const REVERSER_WINDOW: u32 = 6;
/// How many words before a reverser it reaches (within the clause): a reverser is often the
/// predicate of the cue's clause, after a relative clause ("the attacks against Japan which in
/// the past have been characteristic of the Soviet press have recently subsided").
pub const REVERSER_BACK_WINDOW: u32 = 16;

/// Words after a reverser that show it takes its object ahead ("termination of", "to end the
/// fighting", "put an end to"): such a reverser does not reach back to a cue before it.
pub const GOVERNING_NEXT: &[&str] = &["of", "to", "the", "a", "an", "all", "any"];

/// Words that frame a reverser as a condition, an aim or an insistence rather than done ("if
/// the Japanese will terminate the attacks", "steps towards a cessation of clashes", "it is
/// time to put an end to the incidents", "insisted on the cessation"), beside the words of
/// proposal and demand ([`PROPOSAL`]: "is proposing to terminate military actions"): what it
/// would end is still going on, so it does not reverse. They frame a reverser only: a cue
/// after "if" is already hypothetical (the lexicon's conditional hedge), "towards" before a
/// cue names its target ("hostility towards Japan"), and "insisted that" often asserts ("the
/// Japanese Ambassador insisted that this had constituted a violation", frus1935v03-d297).
pub const CONDITION_FRAME: &[&str] = &[
    "if", "towards", "toward", "time", "insist", "insists", "insisted",
];
/// How many tokens before a reverser its proposal frame may stand.
const FRAME_REACH: u32 = 4;

/// Whether the reverser at match `i` is framed as proposed or conditional (see [`PROPOSAL`]
/// and [`CONDITION_FRAME`]).
fn proposed(s: &Sentence, i: u32) -> bool {
    let first = s.at(i).first;
    s.word_before(first, FRAME_REACH, PROPOSAL)
        || s.word_before(first, FRAME_REACH, CONDITION_FRAME)
}

/// Whether the reverser at match `i` governs the words after it (see [`GOVERNING_NEXT`]).
fn governs_ahead(s: &Sentence, i: u32) -> bool {
    s.word_after(s.at(i).end, 1, GOVERNING_NEXT).is_some()
}

/// Whether the negator at match `n` is spent on a reverser between it and the cue at `j`, in
/// the cue's clause and reach ("nothing has occurred to diminish the bitterness", "no
/// intention of breaking off the negotiations"): it negates the reverser, which then does not
/// reverse, and the cue stands. The walk goes back over the reversers after the negator only,
/// which lie within the negation window.
pub(super) fn negator_spent(s: &Sentence, n: u32, j: usize) -> bool {
    let m = &s.matches[j];
    let mut i = s.links(j).prev_reverser;
    while i != NONE && i > n {
        let r = s.at(i);
        if s.clause(r.first) == s.clause(m.first)
            && s.lexpos(m.first) - s.lexpos(r.first) <= REVERSER_WINDOW
            && negator_of(s, i as usize) == Some(n)
        {
            return true;
        }
        i = s.links(i as usize).prev_reverser;
    }
    false
}

/// The reversers that reach the cue at `j`, in text order, into `out`. A reverser before the
/// cue reaches it through the cue it hangs from, as a negator does ("the failure of the
/// renewed negotiations for the sale of the railway" ends the sale too; see
/// [`super::negation`]). Each side is walked outward from the cue (or the head of its chain)
/// and stops at the first reverser out of reach, so the cost is the number of reversers within
/// the windows.
pub(super) fn reversers_of(s: &Sentence, j: usize, out: &mut Vec<u32>) {
    out.clear();
    let head = scope_start(s, j);
    let (m, links) = (&s.matches[head], s.links(head));
    let mut i = links.prev_reverser;
    while i != NONE {
        let r = s.at(i);
        let blocked = (links.prev_hit_start != NONE && links.prev_hit_start > i)
            || (links.prev_negator != NONE && links.prev_negator > i);
        if blocked
            || s.clause(r.first) != s.clause(m.first)
            || s.lexpos(m.first) - s.lexpos(r.first) > REVERSER_WINDOW
        {
            break;
        }
        if negator_of(s, i as usize).is_none() && !proposed(s, i) {
            out.push(i);
        }
        i = s.links(i as usize).prev_reverser;
    }
    out.reverse();
    let (m, links) = (&s.matches[j], s.links(j));
    let mut i = links.next_reverser;
    while i != NONE {
        let r = s.at(i);
        if s.clause(r.first) != s.clause(m.first)
            || s.lexpos(r.first) - s.lexpos(m.first) > REVERSER_BACK_WINDOW
        {
            break;
        }
        if negator_of(s, i as usize).is_none() && !governs_ahead(s, i) && !proposed(s, i) {
            out.push(i);
        }
        i = s.links(i as usize).next_reverser;
    }
}
