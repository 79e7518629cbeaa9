//! The rules that turn matches into weighted hits: negation scope, reversal, intensity,
//! contrast, hedging, attribution, and the dyad.
//!
//! All of them work inside one sentence, and negation and reversal inside one clause: a clause
//! ends at `, ; : ( ) —`, at a sentence end, and at a contrast marker. The constants below are
//! the whole of the rule set's arithmetic; the README documents them.

use crate::dimension::Dimension;
use crate::lexicon::{Lexicon, ModifierClass};
use crate::score::ModifierKind;
use crate::score::matcher::{Entry, Match};
use crate::text::{Token, TokenKind};

/// A negated (or reversed) cue counts this many times its weight: it lowers its dimension
/// ("the Kremlin does not believe that Japan is planning a war" lowers hostility) rather than
/// vanishing, but by less than an affirmed cue raises it.
pub const NEGATION_FACTOR: f64 = -0.5;
/// Prepositions through which a negated cue carries its negation to the next cue
/// ("provoked into a war", "preparations for war" written apart).
pub const CHAIN_PREPOSITIONS: &[&str] = &["into", "of", "for", "to", "toward", "towards"];
/// How many words after a negator its scope reaches (within the clause).
pub const NEGATION_WINDOW: u32 = 10;
/// How many words after a reverser it reaches (within the clause): "to avoid a war".
pub const REVERSER_WINDOW: u32 = 6;
/// How many words before a reverser it reaches (within the clause): a reverser is often the
/// predicate of the cue's clause, after a relative clause ("the attacks against Japan which in
/// the past have been characteristic of the Soviet press have recently subsided").
pub const REVERSER_BACK_WINDOW: u32 = 16;
/// How many words before a cue an intensifier or diminisher may stand.
pub const INTENSITY_WINDOW: u32 = 3;
/// Weight of a cue after a contrast marker in its sentence ("..., but X").
pub const AFTER_CONTRAST: f64 = 1.25;
/// Weight of a cue before a contrast marker, or inside a conceded clause ("although X, ...").
pub const BEFORE_CONTRAST: f64 = 0.75;

/// How much a hit counts given which actors its sentence names (the dyad weighting):
/// a cue is about the two states only if the text says so.
pub mod dyad_weight {
    /// The sentence names both sides.
    pub const BOTH: f64 = 1.0;
    /// Both sides are named in this or the previous sentence, and no third party here.
    pub const BOTH_NEARBY: f64 = 0.8;
    /// One side or none is named here, no third party, and the document names both sides.
    pub const CONTEXT: f64 = 0.6;
    /// The document never names both sides: nothing in it is about their relations (the
    /// codebook rates only what a document reports on the two states), so its cues count for
    /// nothing; they are still listed as hits, with this factor, so the zero can be checked.
    pub const NO_DYAD: f64 = 0.0;
    /// The sentence names a third party (China, Germany...) and not both sides: the cue is
    /// probably about that other relationship.
    pub const THIRD_PARTY: f64 = 0.25;
}

/// One modifier applied to a hit, before it is turned into an explained [`crate::score::Modifier`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RawModifier {
    /// Kind.
    pub kind: ModifierKind,
    /// Tokens of the words that caused it (`first..end`); for the dyad, the sentence.
    pub first: u32,
    /// One past the last token.
    pub end: u32,
    /// Factor applied.
    pub factor: f64,
}

/// A weighted hit, before explanation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RawHit {
    /// What matched (a cue, or a hedge or denial counted as uncertainty).
    pub entry: Entry,
    /// Dimension it feeds.
    pub dimension: Dimension,
    /// Lexicon weight.
    pub base_weight: f64,
    /// Weight after modifiers.
    pub weight: f64,
    /// Negated or reversed.
    pub negated: bool,
    /// Tokens `first..end`.
    pub first: u32,
    /// One past the last token.
    pub end: u32,
    /// Sentence index.
    pub sentence: u32,
    /// Range of its modifiers in the modifier arena.
    pub mods: (u32, u32),
}

/// The dyad sides of a sentence, as bit masks over actors.
#[derive(Debug, Clone, Copy, Default)]
pub struct SentenceActors {
    /// Every actor named.
    pub mask: u64,
    /// Names side A.
    pub a: bool,
    /// Names side B.
    pub b: bool,
    /// Names an actor on neither side.
    pub third: bool,
}

/// The dyad factor of a sentence given its actors, the previous sentence's, and the document's.
pub fn dyad_factor(here: SentenceActors, prev: SentenceActors, doc_both: bool) -> f64 {
    if !doc_both {
        dyad_weight::NO_DYAD
    } else if here.a && here.b {
        dyad_weight::BOTH
    } else if here.third {
        dyad_weight::THIRD_PARTY
    } else if (here.a || prev.a) && (here.b || prev.b) {
        dyad_weight::BOTH_NEARBY
    } else {
        dyad_weight::CONTEXT
    }
}

/// Weight of a cue inside a quotation that opens and closes in its sentence: someone else's
/// words (“our stupid neighbors”), as with a reporting verb.
pub const QUOTED_FACTOR: f64 = 0.85;

/// The quotation marks around tokens `first..end`, if a quotation opens before them and closes
/// after them within the sentence `from..to` (an odd number of quote marks before, and one
/// after). Quotations running over several sentences (a whole telegram quoted) are not counted:
/// they are usually the reports of the writer's own colleagues.
fn quotation_around(
    tokens: &[Token],
    from: usize,
    to: usize,
    first: u32,
    end: u32,
) -> Option<(u32, u32)> {
    let is_quote = |k: usize| tokens[k].punct() == Some(crate::text::Punct::Quote);
    let before: Vec<usize> = (from..first as usize).filter(|&k| is_quote(k)).collect();
    if before.len().is_multiple_of(2) {
        return None;
    }
    let open = *before.last()?;
    let close = (end as usize..to).find(|&k| is_quote(k))?;
    Some((open as u32, close as u32 + 1))
}

/// Scratch buffers reused from sentence to sentence.
#[derive(Debug, Default)]
pub struct RuleScratch {
    lexpos: Vec<u32>,
    clause: Vec<u32>,
}

/// Apply the rules to one sentence's matches; push hits and their modifiers.
#[allow(clippy::too_many_arguments)]
pub fn apply(
    lex: &Lexicon,
    text: &str,
    tokens: &[Token],
    first_tok: usize,
    end_tok: usize,
    matches: &[Match],
    sentence: u32,
    dyad: f64,
    scratch: &mut RuleScratch,
    hits: &mut Vec<RawHit>,
    mods: &mut Vec<RawModifier>,
) {
    if matches.is_empty() {
        return;
    }
    // word ordinals and clause ids of the sentence's tokens
    let n = end_tok - first_tok;
    scratch.lexpos.clear();
    scratch.clause.clear();
    let mut boundaries_at: Vec<usize> = Vec::new();
    for m in matches {
        if let Entry::Modifier(i) = m.entry
            && matches!(
                lex.modifiers[i as usize].class,
                ModifierClass::Contrast | ModifierClass::Concessive
            )
        {
            boundaries_at.push(m.first as usize);
        }
    }
    let (mut w, mut c) = (0u32, 0u32);
    for (k, t) in tokens.iter().enumerate().take(end_tok).skip(first_tok) {
        if t.punct().is_some_and(|p| p.is_clause_boundary()) || boundaries_at.contains(&k) {
            c += 1;
        }
        scratch.lexpos.push(w);
        scratch.clause.push(c);
        if matches!(t.kind, TokenKind::Word | TokenKind::Number) {
            w += 1;
        }
    }
    debug_assert_eq!(scratch.lexpos.len(), n);
    let lexpos = |k: u32| scratch.lexpos[k as usize - first_tok];
    let clause = |k: u32| scratch.clause[k as usize - first_tok];

    // the hedges, negators etc. of the sentence
    let modifier = |m: &Match| match m.entry {
        Entry::Modifier(i) => Some(&lex.modifiers[i as usize]),
        _ => None,
    };
    let negators: Vec<&Match> = matches
        .iter()
        .filter(|m| modifier(m).is_some_and(|e| e.class == ModifierClass::Negator))
        .collect();
    // a negator's scope is the first cue after it in its clause, within the window: "will not
    // go to war over this incident" negates the war, not the incident; chains such as "danger of
    // war" are multi-word cues and so are negated whole
    let cue_starts: Vec<u32> = matches
        .iter()
        .filter(|m| match m.entry {
            Entry::Cue(_) => true,
            Entry::Modifier(i) => lex.modifiers[i as usize].weight > 0.0,
            Entry::Actor(_) => false,
        })
        .map(|m| m.first)
        .collect();
    let cue_ends: Vec<(u32, u32)> = matches
        .iter()
        .filter(|m| matches!(m.entry, Entry::Cue(_)))
        .map(|m| (m.first, m.end))
        .collect();
    // ...and the cues its first cue governs through a preposition: "not to be provoked into a
    // war" negates the war too. `head[k]` is the cue a cue at token k hangs from, if any.
    let head_of = |c: u32| -> Option<u32> {
        let prev = cue_ends
            .iter()
            .filter(|(_, e)| *e <= c)
            .max_by_key(|(_, e)| *e)?;
        let gap = c - prev.1;
        if gap == 0 || gap > 3 || clause(prev.1) != clause(c) {
            return None;
        }
        let link = &text[tokens[prev.1 as usize].span.range()];
        CHAIN_PREPOSITIONS
            .iter()
            .any(|p| link.eq_ignore_ascii_case(p))
            .then_some(prev.0)
    };
    let scope_start = |first: u32| -> u32 {
        let mut c = first;
        let mut guard = 0;
        while let Some(h) = head_of(c) {
            c = h;
            guard += 1;
            if guard > 8 {
                break;
            }
        }
        c
    };
    let negations_of = |first: u32, skip: &Match| -> Option<&Match> {
        let first = scope_start(first);
        // an odd number of negators in scope negates; report the nearest
        let (count, last) = negators
            .iter()
            .filter(|n| {
                !std::ptr::eq(**n, skip)
                    && n.end <= first
                    && clause(n.end - 1) == clause(first)
                    && lexpos(first) - lexpos(n.end - 1) <= NEGATION_WINDOW
                    && !cue_starts.iter().any(|&c| c >= n.end && c < first)
            })
            .fold((0usize, None), |(k, _), n| (k + 1, Some(*n)));
        if count % 2 == 1 { last } else { None }
    };

    // the strongest hedge that is not itself negated, and the first reporting verb: they damp
    // every hostility and rapprochement cue of the sentence, so they are found once for it
    let hedge = matches
        .iter()
        .filter(|x| {
            modifier(x).is_some_and(|e| e.class == ModifierClass::Hedge)
                && negations_of(x.first, x).is_none()
        })
        .min_by(|a, b| {
            let fa = modifier(a).map_or(1.0, |e| e.factor);
            let fb = modifier(b).map_or(1.0, |e| e.factor);
            fa.total_cmp(&fb)
        });
    let report = matches
        .iter()
        .find(|x| modifier(x).is_some_and(|e| e.class == ModifierClass::Reporting));

    for m in matches {
        // what kind of hit this match makes, if any
        let (dimension, base) = match m.entry {
            Entry::Cue(i) => {
                let c = &lex.cues[i as usize];
                if c.weight == 0.0 {
                    // a phrase that holds a cue but is not one ("War Office"): matched so
                    // that the cue inside it is not, and counting for nothing
                    continue;
                }
                (c.dimension, c.weight)
            }
            Entry::Modifier(i) => {
                let e = &lex.modifiers[i as usize];
                if e.weight > 0.0 {
                    (Dimension::Uncertainty, e.weight)
                } else {
                    continue;
                }
            }
            Entry::Actor(_) => continue,
        };
        let is_hedge_hit = matches!(m.entry, Entry::Modifier(_));
        let start_mods = mods.len() as u32;
        let mut weight = base;

        // negation and reversal: parity of negators and reversers in scope
        let negator =
            if is_hedge_hit && modifier(m).is_some_and(|e| e.class == ModifierClass::Negator) {
                None // a denial is not negated by itself
            } else {
                negations_of(m.first, m)
            };
        // the reversers in reach (none for a hedge's own hit); a filter, not a list, so that
        // no hit allocates
        let reverses = |r: &&Match| {
            !is_hedge_hit
                && modifier(r).is_some_and(|e| e.class == ModifierClass::Reverser)
                && clause(r.first) == clause(m.first)
                && if r.first < m.first {
                    // before the cue, a reverser reaches the first cue after it, with
                    // no negator between ("ended without any agreement" is not an
                    // agreement ending)
                    lexpos(m.first) - lexpos(r.first) <= REVERSER_WINDOW
                        && !cue_starts.iter().any(|&c| c >= r.end && c < m.first)
                        && !negators.iter().any(|n| n.first >= r.end && n.first < m.first)
                } else {
                    lexpos(r.first) - lexpos(m.first) <= REVERSER_BACK_WINDOW
                }
                // a reverser that is itself negated does not reverse
                && negations_of(r.first, r).is_none()
        };
        let reversers = matches.iter().filter(reverses).count();
        let flips = negator.is_some() as usize + reversers;
        let negated = flips % 2 == 1;
        if let Some(nm) = negator {
            mods.push(RawModifier {
                kind: ModifierKind::Negated,
                first: nm.first,
                end: nm.end,
                factor: if negated { NEGATION_FACTOR } else { 1.0 },
            });
        }
        for r in matches.iter().filter(reverses) {
            mods.push(RawModifier {
                kind: ModifierKind::Reversed,
                first: r.first,
                end: r.end,
                factor: if negated { NEGATION_FACTOR } else { 1.0 },
            });
        }
        if negated {
            weight *= NEGATION_FACTOR;
        }

        // intensity: the nearest intensifier or diminisher just before the cue
        if !is_hedge_hit {
            let near = matches.iter().rev().find(|x| {
                x.end <= m.first
                    && modifier(x).is_some_and(|e| {
                        matches!(
                            e.class,
                            ModifierClass::Intensifier | ModifierClass::Diminisher
                        )
                    })
                    && clause(x.first) == clause(m.first)
                    && lexpos(m.first) - lexpos(x.end - 1) <= INTENSITY_WINDOW
            });
            if let Some(x) = near {
                let e = modifier(x).map_or(1.0, |e| e.factor);
                weight *= e;
                mods.push(RawModifier {
                    kind: if e >= 1.0 {
                        ModifierKind::Intensified
                    } else {
                        ModifierKind::Diminished
                    },
                    first: x.first,
                    end: x.end,
                    factor: e,
                });
            }
        }

        // contrast: after "but"/"however" counts more; before it, or in a conceded clause, less
        let mut contrast: Option<(ModifierKind, &Match)> = None;
        for x in matches {
            let Some(e) = modifier(x) else { continue };
            match e.class {
                ModifierClass::Contrast if x.end <= m.first => {
                    contrast = Some((ModifierKind::AfterContrast, x))
                }
                ModifierClass::Contrast if x.first >= m.end && contrast.is_none() => {
                    contrast = Some((ModifierKind::BeforeContrast, x))
                }
                ModifierClass::Concessive if x.end <= m.first => {
                    if clause(x.first) == clause(m.first) {
                        contrast = Some((ModifierKind::BeforeContrast, x));
                    } else {
                        contrast = Some((ModifierKind::AfterContrast, x));
                    }
                }
                _ => {}
            }
        }
        if let Some((kind, x)) = contrast {
            let f = if kind == ModifierKind::AfterContrast {
                AFTER_CONTRAST
            } else {
                BEFORE_CONTRAST
            };
            weight *= f;
            mods.push(RawModifier {
                kind,
                first: x.first,
                end: x.end,
                factor: f,
            });
        }

        // hedges and attribution damp the hostility and rapprochement cues of their sentence
        if dimension != Dimension::Uncertainty {
            if let Some(x) = hedge {
                let f = modifier(x).map_or(1.0, |e| e.factor);
                weight *= f;
                mods.push(RawModifier {
                    kind: ModifierKind::Hedged,
                    first: x.first,
                    end: x.end,
                    factor: f,
                });
            }
            let quote = quotation_around(tokens, first_tok, end_tok, m.first, m.end);
            if let (None, Some((qa, qb))) = (report, quote) {
                weight *= QUOTED_FACTOR;
                mods.push(RawModifier {
                    kind: ModifierKind::Attributed,
                    first: qa,
                    end: qb,
                    factor: QUOTED_FACTOR,
                });
            }
            if let Some(x) = report {
                let f = modifier(x).map_or(1.0, |e| e.factor);
                weight *= f;
                mods.push(RawModifier {
                    kind: ModifierKind::Attributed,
                    first: x.first,
                    end: x.end,
                    factor: f,
                });
            }
        }

        if dyad < 1.0 {
            weight *= dyad;
            mods.push(RawModifier {
                kind: ModifierKind::OffDyad,
                first: first_tok as u32,
                end: end_tok as u32,
                factor: dyad,
            });
        }

        hits.push(RawHit {
            entry: m.entry,
            dimension,
            base_weight: base,
            weight,
            negated,
            first: m.first,
            end: m.end,
            sentence,
            mods: (start_mods, mods.len() as u32),
        });

        // what the cue presupposes survives its negation: "no cessation of hostilities" still
        // says there are hostilities
        if let Entry::Cue(i) = m.entry
            && let Some(p) = lex.cues[i as usize].presupposes
        {
            let start = mods.len() as u32;
            let mut w = p.weight;
            for k in start_mods..start {
                let x = mods[k as usize];
                if matches!(
                    x.kind,
                    ModifierKind::AfterContrast
                        | ModifierKind::BeforeContrast
                        | ModifierKind::Hedged
                        | ModifierKind::Attributed
                        | ModifierKind::OffDyad
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
                sentence,
                mods: (start, mods.len() as u32),
            });
        }
    }
}
