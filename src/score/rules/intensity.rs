//! Intensity: an intensifier ("grave danger", x1.5) or diminisher ("desultory fighting", x0.6)
//! within [`INTENSITY_WINDOW`] words before a cue, in its clause, scales it. Only the nearest
//! one before the cue can be in reach: clauses and word positions only grow along a sentence.

use super::sentence::{NONE, Sentence};

/// How many words before a cue an intensifier or diminisher may stand.
pub const INTENSITY_WINDOW: u32 = 3;

/// The intensifier or diminisher that scales the cue at `j`, and its factor.
pub(super) fn intensity_of(s: &Sentence, j: usize) -> Option<(u32, f64)> {
    let i = s.links(j).prev_intensity;
    if i == NONE {
        return None;
    }
    let (x, m) = (s.at(i), &s.matches[j]);
    let in_reach = s.clause(x.first) == s.clause(m.first)
        && s.lexpos(m.first) - s.lexpos(x.end - 1) <= INTENSITY_WINDOW;
    in_reach.then(|| (i, s.modifier(i as usize).map_or(1.0, |e| e.factor)))
}
