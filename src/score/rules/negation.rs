//! Negation: a negator ("not", "no", "without", "deny") turns around the first cue after it in
//! its clause, within [`NEGATION_WINDOW`] words, and the cues that cue governs through a
//! preposition ("not to be provoked into a war" negates the war too, "no possibility of armed
//! conflict" the conflict). An odd number of negators in scope negates.
//!
//! Each question costs the number of negators in the window (at most its width), plus at most
//! [`MAX_CHAIN`] steps along a chain of prepositions: linear in the sentence overall.

use super::sentence::{NONE, Sentence};
use crate::score::Dimension;

/// A negated (or reversed) cue counts this many times its weight: it lowers its dimension
/// ("the Kremlin does not believe that Japan is planning a war" lowers hostility) rather than
/// vanishing, but by less than an affirmed cue raises it.
pub const NEGATION_FACTOR: f64 = -0.5;
/// Prepositions through which a negated cue carries its negation to the next cue
/// ("provoked into a war", "preparations for war" written apart).
pub const CHAIN_PREPOSITIONS: &[&str] = &["into", "of", "for", "to", "toward", "towards"];
/// How many words after a negator its scope reaches (within the clause).
pub const NEGATION_WINDOW: u32 = 10;
/// How many cues a chain of prepositions is followed back through, beyond the first.
const MAX_CHAIN: usize = 8;

/// The cue or weighted hedge that the match at `j` hangs from through a preposition, if any: the
/// previous one in the clause, one to three tokens before, followed by one of
/// [`CHAIN_PREPOSITIONS`]. A hedge noun carries its negation to what it governs: "no
/// possibility of armed conflict" denies the conflict. A step toward better relations does
/// not carry it to the conflict it would settle, which it presupposes: "no solution of the
/// controversy" leaves the controversy standing.
fn head_of(s: &Sentence, j: usize) -> Option<usize> {
    let p = s.links(j).prev_hit_start;
    if p == NONE {
        return None;
    }
    if s.cue_dimension(p as usize) == Some(Dimension::Rapprochement)
        && s.cue_dimension(j) == Some(Dimension::Hostility)
    {
        return None;
    }
    let (prev, c) = (s.at(p), s.matches[j].first);
    let gap = c - prev.end;
    if gap == 0 || gap > 3 || s.clause(prev.end) != s.clause(c) {
        return None;
    }
    let link = s.word(prev.end);
    CHAIN_PREPOSITIONS
        .iter()
        .any(|w| link.eq_ignore_ascii_case(w))
        .then_some(p as usize)
}

/// Where the scope of the match at `j` starts: the head of its chain of prepositions.
pub(super) fn scope_start(s: &Sentence, j: usize) -> usize {
    let mut c = j;
    let mut steps = 0;
    while let Some(h) = head_of(s, c) {
        c = h;
        steps += 1;
        if steps > MAX_CHAIN {
            break;
        }
    }
    c
}

/// The negator that negates the match at `j` (the nearest of an odd number in scope), if any.
/// A negator reaches the first cue after it only: a cue (or weighted hedge) between them cuts
/// it off.
pub(super) fn negator_of(s: &Sentence, j: usize) -> Option<u32> {
    let h = scope_start(s, j);
    let first = s.matches[h].first;
    let links = s.links(h);
    let mut i = links.prev_negator;
    let (mut count, mut nearest) = (0usize, None);
    while i != NONE {
        let n = s.at(i);
        let cut_off = links.prev_hit_start != NONE && links.prev_hit_start > i;
        if cut_off
            || s.clause(n.end - 1) != s.clause(first)
            || s.lexpos(first) - s.lexpos(n.end - 1) > NEGATION_WINDOW
        {
            break;
        }
        count += 1;
        nearest.get_or_insert(i);
        i = s.links(i as usize).prev_negator;
    }
    if count % 2 == 1 { nearest } else { None }
}
