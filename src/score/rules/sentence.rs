//! The shared context of the rules: one sentence's tokens and matches, with what every rule asks
//! of them (word positions, clauses, the nearest match of each kind) computed once, so that
//! each question a rule asks about a hit costs a constant or the size of a rule's window, and
//! the rules stay linear in the length of the sentence however many cues it holds.

use crate::lexicon::{Lexicon, ModifierClass, ModifierEntry};
use crate::score::Dimension;
use crate::score::matcher::{Entry, Match, TokInfo};
use crate::text::{Punct, Token, TokenKind};

/// No match of that kind.
pub(super) const NONE: u32 = u32::MAX;

/// For one match, the nearest matches of each kind before and after it (indices into the
/// sentence's matches, or [`NONE`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct Links {
    /// The last match before this one that starts a hit: a cue, or a modifier with an
    /// uncertainty weight of its own.
    pub prev_hit_start: u32,
    /// The last negator before.
    pub prev_negator: u32,
    /// The last reverser before, and the first after.
    pub prev_reverser: u32,
    /// The first reverser after.
    pub next_reverser: u32,
    /// The last intensifier or diminisher before.
    pub prev_intensity: u32,
    /// The last contrast or concessive marker before.
    pub prev_contrast: u32,
    /// The first contrast marker ("but", not "although") after.
    pub next_contrast: u32,
}

impl Default for Links {
    fn default() -> Self {
        Links {
            prev_hit_start: NONE,
            prev_negator: NONE,
            prev_reverser: NONE,
            next_reverser: NONE,
            prev_intensity: NONE,
            prev_contrast: NONE,
            next_contrast: NONE,
        }
    }
}

/// Buffers reused from sentence to sentence.
#[derive(Debug, Default)]
pub struct RuleScratch {
    lexpos: Vec<u32>,
    clause: Vec<u32>,
    links: Vec<Links>,
    quotes: Vec<u32>,
    actors: Vec<u64>,
    compounds: Vec<u64>,
    pub(super) reversers: Vec<u32>,
    /// The agreement last named with its parties in the current document.
    pub(super) antecedent: super::anaphora::Antecedent,
}

/// One sentence as the rules see it.
pub(super) struct Sentence<'a> {
    pub lex: &'a Lexicon,
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Its tokens are `first_tok..end_tok`.
    pub first_tok: usize,
    pub end_tok: usize,
    /// Its matches, in text order, not overlapping.
    pub matches: &'a [Match],
    lexpos: &'a [u32],
    clause: &'a [u32],
    links: &'a [Links],
    /// Token indices of its quotation marks, in order.
    pub quotes: &'a [u32],
    /// Per token, the actors it names (an actor's name, or a compound's parts).
    actors: &'a [u64],
    /// Per token, the actors a compound names ("Soviet-Japanese").
    compounds: &'a [u64],
}

/// What the rules need of a sentence besides its matches: its actor matches and the words'
/// descriptions (for the actors compounds name).
#[derive(Debug, Clone, Copy)]
pub(super) struct ActorInput<'a> {
    pub matches: &'a [Match],
    pub infos: &'a [TokInfo],
}

impl<'a> Sentence<'a> {
    /// Build the context in `scratch`: one pass over the tokens and two over the matches.
    pub fn new(
        lex: &'a Lexicon,
        input: super::SentenceInput<'a>,
        scratch: &'a mut RuleScratch,
    ) -> Sentence<'a> {
        let super::SentenceInput {
            text,
            tokens,
            first_tok,
            end_tok,
            matches,
            ..
        } = input;
        let actors = ActorInput {
            matches: input.actors,
            infos: input.infos,
        };
        positions(lex, text, tokens, (first_tok, end_tok), matches, scratch);
        links(lex, matches, &mut scratch.links);
        actor_positions(first_tok, end_tok, actors, scratch);
        Sentence {
            lex,
            text,
            tokens,
            first_tok,
            end_tok,
            matches,
            lexpos: &scratch.lexpos,
            clause: &scratch.clause,
            links: &scratch.links,
            quotes: &scratch.quotes,
            actors: &scratch.actors,
            compounds: &scratch.compounds,
        }
    }

    /// The actors token `k` names.
    #[inline]
    pub fn actor_at(&self, k: u32) -> u64 {
        self.actors[k as usize - self.first_tok]
    }

    /// The actors token `k` names as a compound.
    #[inline]
    pub fn compound_at(&self, k: u32) -> u64 {
        self.compounds[k as usize - self.first_tok]
    }

    /// `from + span`, or the sentence's end if that comes first.
    #[inline]
    pub fn end_within(&self, from: u32, span: u32) -> u32 {
        (from.saturating_add(span)).min(self.end_tok as u32)
    }

    /// The text of token `k`.
    #[inline]
    pub fn word(&self, k: u32) -> &'a str {
        &self.text[self.tokens[k as usize].span.range()]
    }

    /// The first of the `gap` tokens from `from` that is one of `words` (any case), in the
    /// clause of the token before `from`.
    pub fn word_after(&self, from: u32, gap: u32, words: &[&str]) -> Option<u32> {
        let clause = self.clause(from.saturating_sub(1).max(self.first_tok as u32));
        (from..self.end_within(from, gap))
            .take_while(|&k| self.clause(k) == clause)
            .find(|&k| words.iter().any(|x| self.word(k).eq_ignore_ascii_case(x)))
    }

    /// Whether one of `words` (any case) stands within `reach` tokens before token `first`, in
    /// its clause: the word that frames what follows it ("proposing to terminate", "afraid of
    /// an attack").
    pub fn word_before(&self, first: u32, reach: u32, words: &[&str]) -> bool {
        self.before_in_clause(first, reach)
            .any(|k| words.iter().any(|w| self.word(k).eq_ignore_ascii_case(w)))
    }

    /// The tokens within `reach` tokens before token `first` that are in its clause, in text
    /// order.
    pub fn before_in_clause(&self, first: u32, reach: u32) -> impl Iterator<Item = u32> + '_ {
        let from = first.saturating_sub(reach).max(self.first_tok as u32);
        (from..first).filter(move |&k| self.clause(k) == self.clause(first))
    }

    /// The ordinal of the word at or after token `k` in the sentence (numbers count as words).
    #[inline]
    pub fn lexpos(&self, k: u32) -> u32 {
        self.lexpos[k as usize - self.first_tok]
    }

    /// The clause of token `k`: a clause ends at `, ; : ( ) —`, at a sentence end, at a
    /// contrast marker, and before a coordinated "that" ("... and that war was out of the
    /// question").
    #[inline]
    pub fn clause(&self, k: u32) -> u32 {
        self.clause[k as usize - self.first_tok]
    }

    /// The nearest matches of each kind around match `j`.
    #[inline]
    pub fn links(&self, j: usize) -> Links {
        self.links[j]
    }

    /// The modifier entry of match `j`, if it is one.
    #[inline]
    pub fn modifier(&self, j: usize) -> Option<&'a ModifierEntry> {
        modifier_of(self.lex, &self.matches[j])
    }

    /// The dimension of the cue at index `j`, if it is a cue.
    #[inline]
    pub fn cue_dimension(&self, j: usize) -> Option<Dimension> {
        match self.matches[j].entry {
            Entry::Cue(i) => Some(self.lex.cues[i as usize].dimension),
            _ => None,
        }
    }

    /// The modifier entry of a match, if it is one.
    #[inline]
    pub fn entry_of(&self, m: &Match) -> Option<&'a ModifierEntry> {
        modifier_of(self.lex, m)
    }

    /// The match at index `j` (which must not be [`NONE`]).
    #[inline]
    pub fn at(&self, j: u32) -> &'a Match {
        &self.matches[j as usize]
    }
}

fn modifier_of<'l>(lex: &'l Lexicon, m: &Match) -> Option<&'l ModifierEntry> {
    match m.entry {
        Entry::Modifier(i) => Some(&lex.modifiers[i as usize]),
        _ => None,
    }
}

pub(super) fn class_of(lex: &Lexicon, m: &Match) -> Option<ModifierClass> {
    modifier_of(lex, m).map(|e| e.class)
}

/// Whether `t` is a "that" coordinated with the clause before it by `prev` ("the negotiations
/// would come to a successful conclusion and that war between Russia and Japan was out of the
/// question"): a second complement clause, which the first one's words do not reach.
fn coordinated_that(text: &str, prev: &Token, t: &Token) -> bool {
    let word = |t: &Token, w: &str| {
        t.kind == TokenKind::Word && text[t.span.range()].eq_ignore_ascii_case(w)
    };
    word(t, "that") && (word(prev, "and") || word(prev, "or"))
}

/// Word ordinals and clause ids of the sentence's tokens, and its quotation marks.
fn positions(
    lex: &Lexicon,
    text: &str,
    tokens: &[Token],
    (first_tok, end_tok): (usize, usize),
    matches: &[Match],
    scratch: &mut RuleScratch,
) {
    scratch.lexpos.clear();
    scratch.clause.clear();
    scratch.quotes.clear();
    // contrast markers open a clause; they come in text order, as the tokens do
    let mut markers = matches
        .iter()
        .filter(|m| {
            matches!(
                class_of(lex, m),
                Some(ModifierClass::Contrast | ModifierClass::Concessive)
            )
        })
        .map(|m| m.first as usize)
        .peekable();
    let (mut w, mut c) = (0u32, 0u32);
    for (k, t) in tokens.iter().enumerate().take(end_tok).skip(first_tok) {
        let mut boundary = t.punct().is_some_and(|p| p.is_clause_boundary())
            || k > first_tok && coordinated_that(text, &tokens[k - 1], t);
        while markers.peek().is_some_and(|&s| s <= k) {
            boundary |= markers.next() == Some(k);
        }
        if boundary {
            c += 1;
        }
        scratch.lexpos.push(w);
        scratch.clause.push(c);
        if matches!(t.kind, TokenKind::Word | TokenKind::Number) {
            w += 1;
        }
        if t.punct() == Some(Punct::Quote) {
            scratch.quotes.push(k as u32);
        }
    }
}

/// Per token of the sentence, the actors it names and those its compound names.
fn actor_positions(first_tok: usize, end_tok: usize, input: ActorInput, scratch: &mut RuleScratch) {
    scratch.compounds.clear();
    scratch.compounds.extend(
        input.infos[first_tok..end_tok]
            .iter()
            .map(|i| i.compound_actors),
    );
    scratch.actors.clear();
    scratch.actors.extend_from_slice(&scratch.compounds);
    for m in input.matches {
        if let Entry::Actor(a) = m.entry {
            for k in m.first as usize..m.end as usize {
                scratch.actors[k - first_tok] |= 1u64 << a;
            }
        }
    }
}

/// The [`Links`] of every match: a forward pass for the nearest before, a backward pass for the
/// nearest after.
fn links(lex: &Lexicon, matches: &[Match], out: &mut Vec<Links>) {
    out.clear();
    out.resize(matches.len(), Links::default());
    let mut last = Links::default();
    for (j, m) in matches.iter().enumerate() {
        let here = &mut out[j];
        here.prev_hit_start = last.prev_hit_start;
        here.prev_negator = last.prev_negator;
        here.prev_reverser = last.prev_reverser;
        here.prev_intensity = last.prev_intensity;
        here.prev_contrast = last.prev_contrast;
        let j = j as u32;
        match m.entry {
            Entry::Cue(_) => {
                last.prev_hit_start = j;
            }
            Entry::Modifier(i) => {
                let e = &lex.modifiers[i as usize];
                if e.weight > 0.0 {
                    last.prev_hit_start = j;
                }
                match e.class {
                    ModifierClass::Negator => last.prev_negator = j,
                    ModifierClass::Reverser => last.prev_reverser = j,
                    ModifierClass::Intensifier | ModifierClass::Diminisher => {
                        last.prev_intensity = j
                    }
                    ModifierClass::Contrast | ModifierClass::Concessive => last.prev_contrast = j,
                    ModifierClass::Hedge | ModifierClass::Reporting => {}
                }
            }
            Entry::Actor(_) | Entry::NotActor => {}
        }
    }
    let (mut next_reverser, mut next_contrast) = (NONE, NONE);
    for (j, m) in matches.iter().enumerate().rev() {
        out[j].next_reverser = next_reverser;
        out[j].next_contrast = next_contrast;
        match class_of(lex, m) {
            Some(ModifierClass::Reverser) => next_reverser = j as u32,
            Some(ModifierClass::Contrast) => next_contrast = j as u32,
            _ => {}
        }
    }
}
