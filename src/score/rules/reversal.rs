//! Reversal: a reverser ("subsided", "averted", "to avoid") says that what a nearby cue names
//! is ending or avoided, and turns it around as a negator does. Before the cue it reaches the
//! first cue after it within [`REVERSER_WINDOW`] words, with no negator between ("ended without
//! any agreement" is not an agreement ending); after the cue it reaches back
//! [`REVERSER_BACK_WINDOW`] words, since a reverser is often the predicate of the cue's clause.
//! A reverser that is itself negated does not reverse ("nothing has occurred to diminish the
//! bitterness").

use super::negation::negator_of;
use super::sentence::{NONE, Sentence};

/// How many words after a reverser it reaches (within the clause): "to avoid a war".
pub const REVERSER_WINDOW: u32 = 6;
/// How many words before a reverser it reaches (within the clause): a reverser is often the
/// predicate of the cue's clause, after a relative clause ("the attacks against Japan which in
/// the past have been characteristic of the Soviet press have recently subsided").
pub const REVERSER_BACK_WINDOW: u32 = 16;

/// The reversers that reach the cue at `j`, in text order, into `out`. Each side is walked
/// outward from the cue and stops at the first reverser out of reach, so the cost is the
/// number of reversers within the windows.
pub(super) fn reversers_of(s: &Sentence, j: usize, out: &mut Vec<u32>) {
    out.clear();
    let m = &s.matches[j];
    let links = s.links(j);
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
        if negator_of(s, i as usize).is_none() {
            out.push(i);
        }
        i = s.links(i as usize).prev_reverser;
    }
    out.reverse();
    let mut i = links.next_reverser;
    while i != NONE {
        let r = s.at(i);
        if s.clause(r.first) != s.clause(m.first)
            || s.lexpos(r.first) - s.lexpos(m.first) > REVERSER_BACK_WINDOW
        {
            break;
        }
        if negator_of(s, i as usize).is_none() {
            out.push(i);
        }
        i = s.links(i as usize).next_reverser;
    }
}
