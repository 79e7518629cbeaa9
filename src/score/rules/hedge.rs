//! Hedges: an evidential or modal ("it is rumoured", "may", "impression") is an uncertainty hit
//! of its own and damps every hostility and rapprochement cue of its sentence by its factor.
//! The strongest hedge of the sentence that is not itself negated applies ("no doubt" is a
//! negated hedge).

use super::negation::negator_of;
use super::sentence::Sentence;
use crate::lexicon::ModifierClass;

/// The hedge that damps the sentence, if any: the one with the smallest factor (the first of
/// equals), among those not negated.
pub(super) fn sentence_hedge(s: &Sentence) -> Option<(u32, f64)> {
    let mut best: Option<(u32, f64)> = None;
    for j in 0..s.matches.len() {
        let Some(e) = s.modifier(j).filter(|e| e.class == ModifierClass::Hedge) else {
            continue;
        };
        if negator_of(s, j).is_some() {
            continue;
        }
        if best.is_none_or(|(_, f)| e.factor.total_cmp(&f).is_lt()) {
            best = Some((j as u32, e.factor));
        }
    }
    best
}
