//! The rules that turn matches into weighted hits, one file per rule over a shared sentence
//! context ([`sentence`]): negation scope ([`negation`]), reversal ([`reversal`]), intensity
//! ([`intensity`]), contrast ([`contrast`]), hedging ([`hedge`]), attribution
//! ([`attribution`]), presupposition ([`presupposition`]), the dyad ([`actors`]) and who acts
//! on whom ([`participants`]), treaty terms ([`treaty`]), and file captions ([`caption`]).
//! Before them, [`correlative`] takes the halves of a "not only ... but" out of the matches.
//!
//! All of them work inside one sentence, and negation and reversal inside one clause: a clause
//! ends at `, ; : ( ) —`, at a sentence end, and at a contrast marker. Each rule asks the
//! context for the nearest match of a kind, and walks at most its window from there, so a
//! sentence is scored in time linear in its length. The constants of the rule files are the
//! whole of the rule set's arithmetic; the README documents them.

pub mod actors;
pub mod anaphora;
pub mod attribution;
pub mod caption;
pub mod contrast;
pub mod correlative;
pub mod hedge;
pub mod intensity;
pub mod military;
pub mod negation;
pub mod participants;
pub mod presupposition;
pub mod reversal;
mod sentence;
pub mod statement;
pub mod treaty;

pub use actors::{SentenceActors, dyad_factor, dyad_weight};
pub use attribution::QUOTED_FACTOR;
pub use contrast::{AFTER_CONTRAST, BEFORE_CONTRAST};
pub use intensity::INTENSITY_WINDOW;
pub use negation::{CHAIN_PREPOSITIONS, NEGATION_FACTOR, NEGATION_WINDOW};
pub use participants::{ALIGNMENT_FACTOR, ALIGNMENT_LEVEL, CueRole, OTHER_PAIR, Relation, Sides};
pub use reversal::{REVERSER_BACK_WINDOW, REVERSER_WINDOW};
pub use sentence::RuleScratch;
pub use treaty::TREATY_TERM;

use crate::dimension::Dimension;
use crate::lexicon::{Lexicon, ModifierClass};
use crate::score::matcher::{Entry, Match, TokInfo};
use crate::score::{ModifierKind, StatementKind};
use crate::text::Token;
use sentence::Sentence;

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
    /// Its participants, as an actor mask (see [`participants`]).
    pub participants: u64,
    /// What kind of statement its sentence makes (see [`statement`]).
    pub statement: StatementKind,
}

/// One sentence to apply the rules to: its tokens `first_tok..end_tok` of `tokens`, its
/// matches, its index, and its dyad factor ([`dyad_factor`]).
#[derive(Debug, Clone, Copy)]
pub struct SentenceInput<'a> {
    /// The document's text.
    pub text: &'a str,
    /// The document's tokens.
    pub tokens: &'a [Token],
    /// First token of the sentence.
    pub first_tok: usize,
    /// One past its last token.
    pub end_tok: usize,
    /// Its cue and modifier matches, in text order.
    pub matches: &'a [Match],
    /// Its index in the document.
    pub sentence: u32,
    /// Its dyad factor.
    pub dyad: f64,
    /// Its actor matches.
    pub actors: &'a [Match],
    /// The document's word descriptions (for the actors compounds name).
    pub infos: &'a [TokInfo],
    /// The dyad's sides.
    pub sides: Sides,
}

/// Apply the rules to one sentence's matches; push hits and their modifiers.
pub fn apply(
    lex: &Lexicon,
    input: SentenceInput,
    scratch: &mut RuleScratch,
    hits: &mut Vec<RawHit>,
    mods: &mut Vec<RawModifier>,
) {
    if input.sentence == 0 {
        scratch.antecedent = anaphora::Antecedent::default();
    }
    if input.matches.is_empty() {
        return;
    }
    let mut reversers = std::mem::take(&mut scratch.reversers);
    let mut antecedent = scratch.antecedent;
    let s = Sentence::new(lex, input, scratch);
    let kinds = CueKinds::of(lex, input.matches);
    // the hedges and the reporting verb damp the cues of the sentence: found once for it
    let mut damping = Damping {
        hedges: hedge::Hedges::of(&s),
        report: attribution::reporting_verb(&s),
        treaty: kinds.hostility.then(|| treaty::treaty_terms(&s)).flatten(),
    };
    let military = match kinds.alignment {
        true => military::military_clauses(&s),
        false => Vec::new(),
    };
    let reported = damping.report.is_some() || !s.quotes.is_empty();
    let facts = statement::SentenceFacts::of(&s, reported);
    for (j, m) in input.matches.iter().enumerate() {
        let Some((mut dimension, base)) = hit_kind(lex, m) else {
            continue;
        };
        if caption::in_file_caption(&s, m) || hedge::is_no_hedge(&s, m) {
            continue;
        }
        let start = mods.len() as u32;
        let mut hit = Weighing {
            weight: base,
            mods: &mut *mods,
        };
        let negated = hit.negation(&s, j, &mut reversers);
        hit.intensity(&s, j);
        hit.contrast(&s, j);
        let alignment = matches!(m.entry, Entry::Cue(i) if lex.cues[i as usize].alignment);
        // the condition of a treaty's terms ("in case either of them becomes involved in a
        // war") is the terms' own, not the alignment's that states them
        let hedge = damping.hedges.of_cue(&s, m.first).filter(|&(x, _)| {
            !(alignment && damping.treaty.is_some() && statement::is_conditional(&s, Some(x)))
        });
        if dimension != Dimension::Uncertainty {
            hit.attribution(&s, j, hedge, &damping);
        }
        let hedge = hedge.map(|(x, _)| x);
        let against = match alignment {
            true => participants::aimed_at(&s, m.first, m.end),
            false => 0,
        };
        // the actors an alignment is aimed at are not its parties
        let mut participants = match m.entry {
            Entry::Cue(_) => participants::participants_of(&s, j) & !against,
            _ => 0,
        };
        if alignment {
            participants = hit.agreement(&s, m, participants, &mut antecedent);
        }
        let sentence_span = (input.first_tok as u32, input.end_tok as u32);
        let military = match alignment && input.dyad > 0.0 {
            true => military::in_clause(&military, &s, m.first),
            false => None,
        };
        let role = match (alignment, dimension) {
            (true, _) => CueRole::Alignment,
            (false, Dimension::Hostility) => CueRole::Hostility,
            _ => CueRole::Other,
        };
        let relation =
            participants::relation(participants, input.sides, role, against, military.is_some());
        match relation {
            Relation::Dyad => {}
            Relation::Alignment => {
                dimension = Dimension::Hostility;
                let marker = military.unwrap_or((m.first, m.end));
                hit.apply(ModifierKind::Alignment, marker, ALIGNMENT_FACTOR);
                if input.dyad == 0.0 {
                    hit.apply(ModifierKind::OffDyad, sentence_span, 0.0);
                }
            }
            Relation::OtherPair => {
                hit.apply(ModifierKind::OtherPair, sentence_span, OTHER_PAIR);
                if input.dyad == 0.0 {
                    hit.apply(ModifierKind::OffDyad, sentence_span, 0.0);
                }
            }
            Relation::Open if input.dyad < 1.0 => {
                hit.apply(ModifierKind::OffDyad, sentence_span, input.dyad)
            }
            Relation::Open => {}
        }
        if dimension == Dimension::Hostility
            && let Some(aim) = participants::aim_of_alignment(lex, &s, j)
        {
            hit.apply(ModifierKind::Alignment, aim, 0.0);
        }
        // the terms' hypotheses are damped, not the alignment that states them
        let hypothesis = dimension == Dimension::Hostility && relation != Relation::Alignment;
        if let Some(terms) = damping.treaty.filter(|_| hypothesis) {
            hit.apply(ModifierKind::TreatyTerm, terms, TREATY_TERM);
        }
        let raw = RawHit {
            entry: m.entry,
            dimension,
            base_weight: base,
            weight: hit.weight,
            negated,
            first: m.first,
            end: m.end,
            sentence: input.sentence,
            mods: (start, mods.len() as u32),
            participants,
            statement: statement::kind_of(&s, j, &mods[start as usize..], facts, hedge),
        };
        hits.push(raw);
        presupposition::presupposed(lex, m, &raw, hits, mods);
    }
    scratch.reversers = reversers;
    scratch.antecedent = antecedent;
}

/// Which kinds of cue a sentence holds, found in one pass over its matches: a treaty's terms
/// are looked for only with a hostility cue, military alignments only with an alignment cue.
#[derive(Default)]
struct CueKinds {
    hostility: bool,
    alignment: bool,
}

impl CueKinds {
    fn of(lex: &Lexicon, matches: &[Match]) -> CueKinds {
        let mut kinds = CueKinds::default();
        for m in matches {
            if let Entry::Cue(i) = m.entry {
                let c = &lex.cues[i as usize];
                kinds.hostility |= c.dimension == Dimension::Hostility;
                kinds.alignment |= c.alignment;
            }
        }
        kinds
    }
}

/// The hedges and the reporting verb of a sentence, with their factors, and the words that
/// make it a treaty's terms.
struct Damping {
    hedges: hedge::Hedges,
    report: Option<(u32, f64)>,
    treaty: Option<(u32, u32)>,
}

/// The dimension and base weight of the hit a match makes, if it makes one: a cue of non-zero
/// weight, or a modifier with an uncertainty weight of its own (a hedge, a denial). A cue of
/// weight 0 is a phrase that holds a cue but is not one ("War Office"): matched so that the cue
/// inside it is not, and counting for nothing.
fn hit_kind(lex: &Lexicon, m: &Match) -> Option<(Dimension, f64)> {
    match m.entry {
        Entry::Cue(i) => {
            let c = &lex.cues[i as usize];
            (c.weight != 0.0).then_some((c.dimension, c.weight))
        }
        Entry::Modifier(i) => {
            let e = &lex.modifiers[i as usize];
            (e.weight > 0.0).then_some((Dimension::Uncertainty, e.weight))
        }
        Entry::Actor(_) | Entry::NotActor => None,
    }
}

/// A hit being weighed: its weight so far and the modifier arena it records its modifiers in.
struct Weighing<'m> {
    weight: f64,
    mods: &'m mut Vec<RawModifier>,
}

impl Weighing<'_> {
    /// Record a modifier on tokens `first..end` and scale the weight by its factor.
    fn apply(&mut self, kind: ModifierKind, (first, end): (u32, u32), factor: f64) {
        self.weight *= factor;
        self.record(kind, (first, end), factor);
    }

    /// Record a modifier without scaling.
    fn record(&mut self, kind: ModifierKind, (first, end): (u32, u32), factor: f64) {
        self.mods.push(RawModifier {
            kind,
            first,
            end,
            factor,
        });
    }

    /// An agreement cue's participants: its own, or those of the agreement it refers back to
    /// ("the pact"), recorded as a modifier of factor 1 on the antecedent's tokens. One named
    /// with its parties becomes the antecedent of those that follow.
    fn agreement(
        &mut self,
        s: &Sentence,
        m: &Match,
        own: u64,
        antecedent: &mut anaphora::Antecedent,
    ) -> u64 {
        if own.count_ones() >= 2 {
            *antecedent = anaphora::Antecedent {
                participants: own,
                first: m.first,
                end: m.end,
            };
            return own;
        }
        match anaphora::refers_to(s, m, own, *antecedent) {
            Some(a) => {
                self.record(ModifierKind::Antecedent, (a.first, a.end), 1.0);
                a.participants
            }
            None => own,
        }
    }

    /// Negation and reversal: the parity of the negator and the reversers in scope decides. A
    /// hedge's own hit is not reversed, and a denial is not negated by itself.
    fn negation(&mut self, s: &Sentence, j: usize, reversers: &mut Vec<u32>) -> bool {
        let own = s.modifier(j);
        let is_hedge_hit = own.is_some();
        let negator = if own.is_some_and(|e| e.class == ModifierClass::Negator) {
            None
        } else {
            negation::negator_of(s, j).filter(|&n| !reversal::negator_spent(s, n, j))
        };
        reversers.clear();
        if !is_hedge_hit {
            reversal::reversers_of(s, j, reversers);
        }
        let negated = (usize::from(negator.is_some()) + reversers.len()) % 2 == 1;
        let factor = if negated { NEGATION_FACTOR } else { 1.0 };
        if let Some(n) = negator {
            let n = s.at(n);
            self.record(ModifierKind::Negated, (n.first, n.end), factor);
        }
        for &r in reversers.iter() {
            let r = s.at(r);
            self.record(ModifierKind::Reversed, (r.first, r.end), factor);
        }
        if negated {
            self.weight *= NEGATION_FACTOR;
        }
        negated
    }

    /// Intensity, for cues (not a hedge's own hit).
    fn intensity(&mut self, s: &Sentence, j: usize) {
        if s.modifier(j).is_some() {
            return;
        }
        if let Some((x, f)) = intensity::intensity_of(s, j) {
            let kind = if f >= 1.0 {
                ModifierKind::Intensified
            } else {
                ModifierKind::Diminished
            };
            let x = s.at(x);
            self.apply(kind, (x.first, x.end), f);
        }
    }

    /// Contrast.
    fn contrast(&mut self, s: &Sentence, j: usize) {
        if let Some((kind, x, f)) = contrast::contrast_of(s, j) {
            let x = s.at(x);
            self.apply(kind, (x.first, x.end), f);
        }
    }

    /// The hedge over the cue, a quotation around it (when the sentence has no reporting
    /// verb), and the reporting verb.
    fn attribution(&mut self, s: &Sentence, j: usize, hedge: Option<(u32, f64)>, d: &Damping) {
        if let Some((x, f)) = hedge {
            let x = s.at(x);
            self.apply(ModifierKind::Hedged, (x.first, x.end), f);
        }
        if d.report.is_none()
            && let Some(q) = attribution::quotation_around(s, j)
        {
            self.apply(ModifierKind::Attributed, q, QUOTED_FACTOR);
        }
        if let Some((x, f)) = d.report {
            let x = s.at(x);
            self.apply(ModifierKind::Attributed, (x.first, x.end), f);
        }
    }
}
