//! Participants: who acts on whom. A cue's participants are the actors that its own words tie
//! it to, found by the patterns event coders use for the source and target slots of a verb or
//! noun (no parser: each pattern looks a few words either side of the cue, in its clause):
//!
//! * a compound naming two actors just before it ("Sino-Japanese conflict", "Soviet-Japanese
//!   war");
//! * "between X and Y" just after it ("an agreement between Japan and Germany"), or a
//!   reciprocal near it ("between themselves", "with each other") standing for the actors its
//!   clause named before;
//! * a target after a preposition ("attack on Japan", "war with China", "protest to the
//!   Soviet Government", "aid to China"), or the object of a noun after "of" ("the Soviet
//!   invasion of Poland");
//! * an agent just before it ("Japanese troops", "the Soviet Government protested", "Japan's
//!   attack"), with its partner when the nearer one is the object of "with" ("the Chinese
//!   Government signed with the Soviet Government a non-aggression treaty").
//!
//! A cue whose participants are the two sides of the dyad is about their relations, whatever
//! else the sentence names; one whose participants are another pair (one side and a third
//! party, third parties only, or allies of one side among themselves) is about that other
//! relationship and counts
//! [`OTHER_PAIR`] times; one with one side or none among its participants is left to the
//! sentence-level weighting of [`super::actors`]. An alignment cue (see
//! [`crate::lexicon::Cue::alignment`]) between one side and another party, the other side not
//! among them, is hostility toward that other side ([`ALIGNMENT_FACTOR`]).

use super::sentence::Sentence;
use crate::lexicon::Lexicon;
use crate::score::matcher::Entry;
use crate::text::COMPOUND_JOINERS;

/// Weight of a cue whose participants are another pair than the dyad: "the Sino-Japanese
/// conflict" is not Soviet-Japanese hostility.
pub const OTHER_PAIR: f64 = 0.1;
/// Weight of an alignment of one side with another party, counted as hostility toward the
/// other side: an alliance aimed at a state is a threat to it, and counts as a threat named
/// in words does (at [`ALIGNMENT_LEVEL`]); the factor marks the hit in explanations.
pub const ALIGNMENT_FACTOR: f64 = 1.0;
/// The level (see [`crate::lexicon::Cue::level`]) of the hostility an alignment aimed at one
/// side counts as: an alliance against a state is a threat to it (the codebook's 7,
/// "incidents and threats"), whatever the level of the words that name it.
pub const ALIGNMENT_LEVEL: f64 = 7.0;
/// How many tokens before a cue a compound naming two actors may stand.
const COMPOUND_REACH: u32 = 3;
/// How many tokens after a cue "between" may stand (in its clause: "a truce ... had been
/// signed in Moscow between Japan and the Soviet Union"), and how far its actors reach.
const BETWEEN_REACH: u32 = 20;
const BETWEEN_SPAN: u32 = 8;
/// Prepositions that introduce the target of a cue, how many tokens after the cue one may
/// stand, and how many tokens after it the target's name may come ("to the Soviet
/// Government").
const TARGET_PREPOSITIONS: &[&str] = &[
    "with", "against", "on", "upon", "to", "toward", "towards", "from", "by", "into", "over", "at",
    "in", "of",
];
const TARGET_GAP: u32 = 2;
const TARGET_SPAN: u32 = 5;
/// How many tokens before a cue its agent may be named.
const AGENT_REACH: u32 = 6;

/// What a cue's participants say about the dyad.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// Both sides are participants.
    Dyad,
    /// The participants are another pair.
    OtherPair,
    /// An alignment of one side with another party, directed at the other side.
    Alignment,
    /// One side or none among the participants: the sentence decides.
    Open,
}

/// What a cue is, as far as its participants' relation goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueRole {
    /// An alignment (a pact, an alliance).
    Alignment,
    /// Hostility: what allies named with it do together.
    Hostility,
    /// Anything else: what allies named with it do between themselves.
    Other,
}

/// The dyad's two sides as actor masks.
#[derive(Debug, Clone, Copy)]
pub struct Sides {
    /// Side A and its allies.
    pub a: u64,
    /// Side B and its allies.
    pub b: u64,
}

/// The participants of the match at `j`, as an actor mask.
pub(super) fn participants_of(s: &Sentence, j: usize) -> u64 {
    let m = &s.matches[j];
    let compound = compound_before(s, m.first);
    if compound.count_ones() >= 2 {
        return compound;
    }
    let between = between_after(s, m.end);
    if between.count_ones() >= 2 {
        return between;
    }
    let reciprocal = reciprocal_near(s, m.first, m.end);
    if reciprocal.count_ones() >= 2 {
        return reciprocal;
    }
    compound | between | target_after(s, m.end) | agent_before(s, m.first)
}

/// How the participants bear on the dyad; `alignment` says whether the cue is an alignment,
/// `against` which actors it is said to be directed against ("an alliance against the Soviet
/// Union"), and `military` whether it is a military alignment in a document about the dyad
/// (see [`super::military`]). An alignment of one side with another party is hostility
/// toward the other side when the text says it is aimed at it or it is military; otherwise
/// it is another pair's business (the Tripartite Pact reported for itself, a German-Soviet
/// treaty). An alignment whose parties are not named beside it but that is aimed at one side
/// ("a military alliance against Japan", "an anti-Comintern agreement") is hostility toward
/// that side: whoever makes it, it is not made with the side it is aimed at. Allies named
/// together with a hostility cue act together ("Japano-Manchurian detachments"): their
/// target is for the sentence to say.
pub(super) fn relation(
    participants: u64,
    sides: Sides,
    cue: CueRole,
    against: u64,
    military: bool,
) -> Relation {
    let alignment = cue == CueRole::Alignment;
    let (a, b) = (participants & sides.a != 0, participants & sides.b != 0);
    let both = sides.a | sides.b;
    let others = participants & !both != 0;
    let target = if a { sides.b } else { sides.a };
    if a && b {
        Relation::Dyad
    } else if alignment && aligned(participants, a || b, military, against & target != 0)
        || participants == 0 && against & both != 0
    {
        Relation::Alignment
    } else if others || cue != CueRole::Hostility && allies(participants, sides) {
        Relation::OtherPair
    } else {
        Relation::Open
    }
}

/// Whether the participants are two or more actors of one side ("the Soviet-Mongolian
/// agreement", "Japan and Manchukuo"): what allies do between themselves is not the dyad's
/// business, unless it is aimed at the other side (an alignment).
fn allies(participants: u64, sides: Sides) -> bool {
    participants.count_ones() >= 2 && (participants & !sides.a == 0 || participants & !sides.b == 0)
}

/// Whether an alignment with `participants`, one side among them (`one_side`), binds that
/// side to another party against the other side: military, or said to be aimed at it.
fn aligned(participants: u64, one_side: bool, military: bool, aimed_at_other: bool) -> bool {
    one_side && participants.count_ones() >= 2 && (military || aimed_at_other)
}

/// How many tokens after an alignment cue "against" or "directed" may stand, and how far the
/// actors it is aimed at reach.
const AGAINST_REACH: u32 = 8;
const AGAINST_SPAN: u32 = 6;

/// The actors the alignment cue at `first..end` is said to be aimed at: named after "against"
/// or "directed at" that follows it in its clause, or by an "anti-" compound just before it
/// ("the anti-Comintern agreement between Japan, Germany and Italy" is aimed at the Soviet
/// Union, not made with it).
pub(super) fn aimed_at(s: &Sentence, first: u32, end: u32) -> u64 {
    anti_compound_before(s, first) | against_after(s, end)
}

fn against_after(s: &Sentence, end: u32) -> u64 {
    let Some(k) = s.word_after(end, AGAINST_REACH, &["against", "directed", "aimed"]) else {
        return 0;
    };
    actors_in(s, k + 1, AGAINST_SPAN, s.clause(k))
}

/// The actors an "anti-" compound among the few tokens before `first` names, in its clause.
fn anti_compound_before(s: &Sentence, first: u32) -> u64 {
    s.before_in_clause(first, COMPOUND_REACH)
        .filter(|&k| is_anti(s.word(k)))
        .fold(0, |m, k| m | s.compound_at(k))
}

/// The span of the alignment cue that the "anti-" compound matched at `j` names the aim of
/// ("the anti-Comintern agreement"), when that cue follows it at once: the alignment counts
/// the hostility the compound names, which is not counted a second time.
pub(super) fn aim_of_alignment(lex: &Lexicon, s: &Sentence, j: usize) -> Option<(u32, u32)> {
    let (m, next) = (&s.matches[j], s.matches.get(j + 1)?);
    let alignment = matches!(next.entry, Entry::Cue(i) if lex.cues[i as usize].alignment);
    (alignment && next.first == m.end && m.end == m.first + 1 && is_anti(s.word(m.first)))
        .then_some((next.first, next.end))
}

/// Whether a word is an "anti-" compound ("anti-Comintern", "Anti-Soviet").
fn is_anti(word: &str) -> bool {
    word.get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("anti"))
        && word[4..].starts_with(COMPOUND_JOINERS)
}

/// A compound naming actors among the few tokens before `first`, in its clause. A compound
/// whose last part begins a name of two words goes on into the name after it: "the
/// Soviet-Outer Mongolian agreement" names the Soviet Union and Outer Mongolia.
fn compound_before(s: &Sentence, first: u32) -> u64 {
    s.before_in_clause(first, COMPOUND_REACH)
        .map(|k| match s.compound_at(k) {
            c if c.count_ones() == 1 => c | name_continued(s, k, first),
            c => c,
        })
        .find(|m| m.count_ones() >= 2)
        .unwrap_or(0)
}

/// The actors of the name that the compound at `k` runs into ("Soviet-Outer" + "Mongolian"),
/// before `first`: the token after it, when that token and the compound's last part
/// ("Outer") are one actor's name.
fn name_continued(s: &Sentence, k: u32, first: u32) -> u64 {
    let next = k + 1;
    if next >= first {
        return 0;
    }
    let last = s.word(k).rsplit(COMPOUND_JOINERS).next().unwrap_or("");
    let after = s.word(next);
    let is_name = |alias: &str| {
        alias
            .split_once(' ')
            .is_some_and(|(a, b)| a.eq_ignore_ascii_case(last) && b.eq_ignore_ascii_case(after))
    };
    s.lex
        .actors
        .iter()
        .enumerate()
        .filter(|(_, a)| a.aliases.iter().any(|al| is_name(al)))
        .fold(0, |m, (i, _)| m | 1u64 << i)
}

/// The actors of "between X and Y" after the cue ending at `end`, in its clause: up to the
/// first actor named after the "and". A list goes on across its commas ("between Japan,
/// Germany and Italy"), though a comma ends a clause.
fn between_after(s: &Sentence, end: u32) -> u64 {
    let Some(k) = s.word_after(end, BETWEEN_REACH, &["between"]) else {
        return 0;
    };
    let mut clause = s.clause(k);
    let (mut mask, mut after_and) = (0u64, false);
    for t in k + 1..s.end_within(k + 1, BETWEEN_SPAN) {
        if s.clause(t) != clause {
            if !(s.word(t) == "," && s.actor_at(t - 1) != 0) {
                break;
            }
            clause = s.clause(t);
        }
        let a = s.actor_at(t);
        if a != 0 {
            mask |= a;
            if after_and {
                break;
            }
        } else if s.word(t).eq_ignore_ascii_case("and") {
            after_and = true;
        }
    }
    mask
}

/// How many tokens before or after a cue a reciprocal ("between themselves") may stand, and
/// how far before it the actors it stands for may be named.
const RECIPROCAL_REACH: u32 = 4;
const RECIPROCAL_SPAN: u32 = 12;

/// The actors a reciprocal near the cue at `first..end` stands for ("the German and Soviet
/// Governments ... their intention to conclude between themselves a treaty", "with each
/// other"): every actor named before it in its clause, within [`RECIPROCAL_SPAN`] tokens.
fn reciprocal_near(s: &Sentence, first: u32, end: u32) -> u64 {
    let before = s.before_in_clause(first, RECIPROCAL_REACH);
    let after = (end..s.end_within(end, RECIPROCAL_REACH))
        .take_while(|&k| s.clause(k) == s.clause(end - 1));
    let Some(k) = before.chain(after).find(|&k| is_reciprocal(s, k)) else {
        return 0;
    };
    s.before_in_clause(k, RECIPROCAL_SPAN)
        .fold(0, |m, t| m | s.actor_at(t))
}

/// Whether token `k` ends a reciprocal: "between themselves", "between them", "with each
/// other", "with one another".
fn is_reciprocal(s: &Sentence, k: u32) -> bool {
    let first = s.first_tok as u32;
    let is = |t: u32, w: &str| t >= first && s.word(t).eq_ignore_ascii_case(w);
    let w = s.word(k);
    if w.eq_ignore_ascii_case("themselves") || w.eq_ignore_ascii_case("them") {
        return k > first && is(k - 1, "between");
    }
    (w.eq_ignore_ascii_case("other") && k > first && is(k - 1, "each")
        || w.eq_ignore_ascii_case("another") && k > first && is(k - 1, "one"))
        && k > first + 1
        && is(k - 2, "with")
}

/// The first actor named after a preposition that follows the cue ending at `end`, or after
/// the "in" of a relative clause that says where it takes place.
fn target_after(s: &Sentence, end: u32) -> u64 {
    let preposition = s
        .word_after(end, TARGET_GAP, TARGET_PREPOSITIONS)
        .filter(|&k| !(k > end && is_complex_preposition(s.word(k - 1))));
    let Some(k) = preposition.or_else(|| arena_after(s, end)) else {
        return 0;
    };
    let clause = s.clause(k);
    (k + 1..s.end_within(k + 1, TARGET_SPAN))
        .take_while(|&t| s.clause(t) == clause)
        .map(|t| s.actor_at(t))
        .find(|&m| m != 0)
        .unwrap_or(0)
}

/// The words that make the preposition after them part of a preposition of their own ("a
/// pact of nonaggression because of fear of the Japanese"): what follows is a cause or a
/// circumstance, not the cue's target.
const COMPLEX_PREPOSITION_HEADS: &[&str] = &["because", "instead", "regardless", "ahead", "out"];

fn is_complex_preposition(word: &str) -> bool {
    COMPLEX_PREPOSITION_HEADS
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
}

/// How many tokens after its relative pronoun the "in" of an event's place may stand ("which
/// are now taking place in").
const ARENA_GAP: u32 = 5;
/// The words a verb of occurrence ends with, just before its "in": "taking place", "going on",
/// "in progress", "raging", "occurring".
const OCCURRENCE: &[&str] = &[
    "place",
    "on",
    "progress",
    "raging",
    "occurring",
    "proceeding",
];

/// The "in" of a relative clause of occurrence just after the cue ending at `end`, in its
/// clause: "the armed conflicts which are taking place in China" are China's conflicts, and
/// a verb of occurrence has no other complement than where the event is.
fn arena_after(s: &Sentence, end: u32) -> Option<u32> {
    let which = s.word_after(end, 1, &["which", "that"])?;
    let k = s.word_after(which + 1, ARENA_GAP, &["in"])?;
    let verb = s.word(k - 1);
    OCCURRENCE
        .iter()
        .any(|w| verb.eq_ignore_ascii_case(w))
        .then_some(k)
}

/// The nearest actor named before `first`, in its clause; when that actor is the object of
/// "with" ("the Chinese Government signed with the Soviet Government a non-aggression
/// treaty", "Japan's negotiations with the Soviet Union on the fisheries"), the nearest actor
/// before the "with" too: the two are partners in what the cue names.
fn agent_before(s: &Sentence, first: u32) -> u64 {
    let clause = s.clause(first);
    let Some(k) = actor_before(s, first, clause) else {
        return 0;
    };
    let partner = with_before(s, k)
        .and_then(|w| actor_before(s, w, clause))
        .map_or(0, |p| s.actor_at(p));
    s.actor_at(k) | partner
}

/// The nearest token naming an actor within [`AGENT_REACH`] tokens before `first`, in `clause`.
fn actor_before(s: &Sentence, first: u32, clause: u32) -> Option<u32> {
    let from = first.saturating_sub(AGENT_REACH).max(s.first_tok as u32);
    (from..first)
        .rev()
        .take_while(|&k| s.clause(k) == clause)
        .find(|&k| s.actor_at(k) != 0)
}

/// The "with" that governs the actor named at token `k` ("with the Soviet Government"): the
/// token before the actor's name, or before its article.
fn with_before(s: &Sentence, k: u32) -> Option<u32> {
    let first_tok = s.first_tok as u32;
    let name = s.actor_at(k);
    let mut t = k;
    while t > first_tok && t + NAME_REACH > k && s.actor_at(t - 1) & name != 0 {
        t -= 1;
    }
    if t > first_tok && s.word(t - 1).eq_ignore_ascii_case("the") {
        t -= 1;
    }
    (t > first_tok && s.word(t - 1).eq_ignore_ascii_case("with")).then(|| t - 1)
}

/// How many tokens an actor's name may span ("the Union of Soviet Socialist Republics").
const NAME_REACH: u32 = 6;

/// Every actor named in the `span` tokens from `from`, in the clause.
fn actors_in(s: &Sentence, from: u32, span: u32, clause: u32) -> u64 {
    (from..s.end_within(from, span))
        .take_while(|&k| s.clause(k) == clause)
        .fold(0, |m, k| m | s.actor_at(k))
}
