//! Statement kinds: what kind of statement a hit's sentence makes about what the cue names
//! (asserted, reported, endorsed, doubted, denied, ended, hypothetical, proposed, feared,
//! intended, a treaty's term), from the modifiers the other rules applied and from the words
//! that frame the cue in its clause. Each hit carries its kind, so an explanation says not only
//! what weighed the cue but how the writer put it; the kinds' effects on the scores are those of
//! the rules that found them (negation, reversal, hedging, attribution, treaty terms). Proposed,
//! feared and intended cues count as asserted ones: a proposal to end fighting says it goes on,
//! and the fear or the plan of an attack is itself a sign of tension between the two.
//!
//! A frame is looked for at most [`FRAME_REACH`] words before the cue, in its clause: constant
//! work per hit.

use super::RawModifier;
use super::sentence::Sentence;
use crate::lexicon::ModifierClass;
use crate::score::{ModifierKind, StatementKind};

/// How many tokens before a cue the word that frames it may stand ("afraid of a Japanese
/// attack", "determined to erase Russian interests").
pub const FRAME_REACH: u32 = 8;
/// Words of fear that frame a cue after them.
const FEAR: &[&str] = &[
    "fear",
    "fears",
    "feared",
    "fearing",
    "afraid",
    "apprehensive",
    "apprehension",
    "dread",
    "dreaded",
    "anxiety",
    "alarmed",
    "worried",
    "anticipation",
];
/// Words of intention, decision or readiness that frame a cue after them.
const INTENT: &[&str] = &[
    "intend",
    "intends",
    "intended",
    "intention",
    "intentions",
    "plan",
    "plans",
    "planned",
    "planning",
    "determined",
    "resolved",
    "decided",
    "decision",
    "prepared",
    "preparing",
    "ready",
    "threatened",
    "threatens",
    "threaten",
    "aim",
    "aims",
    "aimed",
];
/// Words of proposal and demand that frame what follows them: what is proposed or demanded is
/// not yet so ("proposed a mixed commission", "demanded the withdrawal of the troops").
/// One list for the two rules that ask it: a cue after one is of the
/// [`StatementKind::Proposed`] kind, and a reverser after one does not reverse ("is proposing
/// to terminate military actions"; [`super::reversal`] adds its words of condition and aim).
pub const PROPOSAL: &[&str] = &[
    "propose",
    "proposes",
    "proposed",
    "proposing",
    "proposal",
    "proposals",
    "suggest",
    "suggests",
    "suggested",
    "suggesting",
    "demand",
    "demands",
    "demanded",
];
/// Words of asking another to act, which make a cue after them proposed as [`PROPOSAL`] does.
/// They do not keep a reverser from reversing: with them, "whom he urged to prevent defeated
/// Tsitsihar soldiers" (frus1931v03-d477) counted the soldiers at full weight, and the
/// 1931-1941 set's hostility Spearman fell from 0.706 to 0.700.
const REQUEST: &[&str] = &["urged", "requested"];
/// Words by which a writer confirms a report ("the Japanese Mission confirmed newspaper
/// reports").
const CONFIRM: &[&str] = &[
    "confirmed",
    "confirms",
    "confirm",
    "corroborated",
    "verified",
];

/// What the kinds need to know of the whole sentence, found once for it.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct SentenceFacts {
    /// It confirms what it reports.
    pub confirmed: bool,
}

impl SentenceFacts {
    /// The facts of a sentence; `reported` says whether anything in it is attributed (only
    /// then is confirmation looked for).
    pub fn of(s: &Sentence, reported: bool) -> SentenceFacts {
        let confirmed = reported
            && (s.first_tok as u32..s.end_tok as u32)
                .any(|k| CONFIRM.iter().any(|w| s.word(k).eq_ignore_ascii_case(w)));
        SentenceFacts { confirmed }
    }
}

/// Whether the hedge match `hedge` is a conditional: a hedge with no uncertainty weight of its
/// own ("if", "unless", "in the event of", "would").
pub(super) fn is_conditional(s: &Sentence, hedge: Option<u32>) -> bool {
    hedge
        .and_then(|x| s.modifier(x as usize))
        .is_some_and(|e| e.class == ModifierClass::Hedge && e.weight == 0.0)
}

/// The kind of statement of the hit of match `j`, given its modifiers, its sentence's facts
/// and the hedge over it, if any.
pub(super) fn kind_of(
    s: &Sentence,
    j: usize,
    mods: &[RawModifier],
    facts: SentenceFacts,
    hedge: Option<u32>,
) -> StatementKind {
    let has = |k: ModifierKind| mods.iter().any(|m| m.kind == k);
    if has(ModifierKind::TreatyTerm) {
        return StatementKind::TreatyTerm;
    }
    if has(ModifierKind::Negated) && !has(ModifierKind::Reversed) {
        return StatementKind::Denied;
    }
    if has(ModifierKind::Reversed) {
        return StatementKind::Ended;
    }
    if has(ModifierKind::Hedged) && is_conditional(s, hedge) {
        return StatementKind::Hypothetical;
    }
    let first = s.matches[j].first;
    if s.word_before(first, FRAME_REACH, PROPOSAL) || s.word_before(first, FRAME_REACH, REQUEST) {
        return StatementKind::Proposed;
    }
    if s.word_before(first, FRAME_REACH, FEAR) {
        return StatementKind::Feared;
    }
    if s.word_before(first, FRAME_REACH, INTENT) {
        return StatementKind::Intended;
    }
    if has(ModifierKind::Hedged) {
        return StatementKind::Doubted;
    }
    if has(ModifierKind::Attributed) {
        return match facts.confirmed {
            true => StatementKind::Endorsed,
            false => StatementKind::Reported,
        };
    }
    StatementKind::Asserted
}
