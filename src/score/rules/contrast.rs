//! Contrast: after "but" or "however" a cue counts [`AFTER_CONTRAST`] times, before it
//! [`BEFORE_CONTRAST`] times; in a clause opened by "although" or "despite" a cue is conceded
//! (x[`BEFORE_CONTRAST`]) and after that clause it is the point (x[`AFTER_CONTRAST`]). The
//! nearest marker before the cue decides; with none before, the first "but" after it.

use super::sentence::{NONE, Sentence};
use crate::lexicon::ModifierClass;
use crate::score::ModifierKind;

/// Weight of a cue after a contrast marker in its sentence ("..., but X").
pub const AFTER_CONTRAST: f64 = 1.25;
/// Weight of a cue before a contrast marker, or inside a conceded clause ("although X, ...").
pub const BEFORE_CONTRAST: f64 = 0.75;

/// The contrast that applies to the match at `j`: its kind, marker and factor.
pub(super) fn contrast_of(s: &Sentence, j: usize) -> Option<(ModifierKind, u32, f64)> {
    let links = s.links(j);
    let m = &s.matches[j];
    let (kind, x) = if links.prev_contrast != NONE {
        let x = links.prev_contrast;
        let conceded = s.modifier(x as usize).map(|e| e.class) == Some(ModifierClass::Concessive)
            && s.clause(s.at(x).first) == s.clause(m.first);
        if conceded {
            (ModifierKind::BeforeContrast, x)
        } else {
            (ModifierKind::AfterContrast, x)
        }
    } else if links.next_contrast != NONE {
        (ModifierKind::BeforeContrast, links.next_contrast)
    } else {
        return None;
    };
    let f = if kind == ModifierKind::AfterContrast {
        AFTER_CONTRAST
    } else {
        BEFORE_CONTRAST
    };
    Some((kind, x, f))
}
