//! Attribution: a reporting verb ("he said", "according to") marks the sentence as someone
//! else's view and damps its hostility and rapprochement cues by its factor; so does a
//! quotation that opens and closes in the sentence around a cue ([`QUOTED_FACTOR`]) when the
//! sentence has no reporting verb.

use super::sentence::Sentence;
use crate::lexicon::ModifierClass;

/// Weight of a cue inside a quotation that opens and closes in its sentence: someone else's
/// words ("our stupid neighbors"), as with a reporting verb.
pub const QUOTED_FACTOR: f64 = 0.85;

/// The first reporting verb of the sentence and its factor.
pub(super) fn reporting_verb(s: &Sentence) -> Option<(u32, f64)> {
    (0..s.matches.len()).find_map(|j| {
        s.modifier(j)
            .filter(|e| e.class == ModifierClass::Reporting)
            .map(|e| (j as u32, e.factor))
    })
}

/// The quotation marks around the match at `j` (tokens `open..close`), if a quotation opens
/// before it and closes after it within the sentence (an odd number of quote marks before, and
/// one after). Quotations running over several sentences (a whole telegram quoted) are not
/// counted: they are usually the reports of the writer's own colleagues. Two binary searches
/// over the sentence's quotation marks.
pub(super) fn quotation_around(s: &Sentence, j: usize) -> Option<(u32, u32)> {
    let m = &s.matches[j];
    let before = s.quotes.partition_point(|&q| q < m.first);
    if before % 2 == 0 {
        return None;
    }
    let open = s.quotes[before - 1];
    let after = s.quotes.partition_point(|&q| q < m.end);
    let close = *s.quotes.get(after)?;
    Some((open, close + 1))
}
