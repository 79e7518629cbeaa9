//! Presupposition: a cue may presuppose another dimension ("truce" and "cessation of
//! hostilities" presuppose hostilities). The presupposed part is a hit of its own that survives
//! the cue's negation ("no cessation of hostilities" still says there are hostilities) and its
//! intensity, but keeps the cue's contrast, hedge, attribution and dyad factors.

use super::{RawHit, RawModifier};
use crate::lexicon::Lexicon;
use crate::score::ModifierKind;
use crate::score::matcher::{Entry, Match};

/// Push the hit that the cue hit `cue` (its modifiers at `mods[cue.mods]`) presupposes, if its
/// lexicon entry presupposes anything.
pub(super) fn presupposed(
    lex: &Lexicon,
    m: &Match,
    cue: &RawHit,
    hits: &mut Vec<RawHit>,
    mods: &mut Vec<RawModifier>,
) {
    let Entry::Cue(i) = m.entry else { return };
    let Some(p) = lex.cues[i as usize].presupposes else {
        return;
    };
    let start = mods.len() as u32;
    let mut w = p.weight;
    for k in cue.mods.0..cue.mods.1 {
        let x = mods[k as usize];
        if matches!(
            x.kind,
            ModifierKind::AfterContrast
                | ModifierKind::BeforeContrast
                | ModifierKind::Hedged
                | ModifierKind::Attributed
                | ModifierKind::OffDyad
                | ModifierKind::OtherPair
        ) {
            w *= x.factor;
            mods.push(x);
        }
    }
    mods.push(RawModifier {
        kind: ModifierKind::Presupposed,
        first: m.first,
        end: m.end,
        factor: 1.0,
    });
    hits.push(RawHit {
        entry: m.entry,
        dimension: p.dimension,
        base_weight: p.weight,
        weight: w,
        negated: false,
        first: m.first,
        end: m.end,
        sentence: cue.sentence,
        mods: (start, mods.len() as u32),
        participants: cue.participants,
        statement: cue.statement,
    });
}
