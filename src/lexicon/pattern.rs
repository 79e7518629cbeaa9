//! Compiled term patterns: a lexicon term as the scorer sees it.
//!
//! Every word of a term becomes a *word pattern*: a Snowball stem, an exact word, or (for the
//! last word of a prefix entry) a prefix. The scorer's cue index ([`crate::score`]) is built
//! from these patterns, `lexicon check` judges duplicates, conflicts and shadowing on them, and
//! `lexicon stats` labels its entries with them; so all three agree on what an entry matches
//! because there is only this one definition.

use super::{Lexicon, MatchMode, ModifierClass};
use crate::dimension::Dimension;
use crate::location::Location;
use crate::text::{Stemmer, normalize_into, tokenize};

/// One word pattern of a term, as the scorer compiles it.
pub(crate) type Pattern = (MatchMode, String);

/// The word patterns of a term, exactly as the scorer's cue index builds them (every lexical
/// token normalised; stem mode stems each word; prefix mode keeps the last word as a prefix).
pub(crate) fn patterns(term: &str, mode: MatchMode, stemmer: &Stemmer) -> Vec<Pattern> {
    let text = tokenize(term);
    let mut buf = String::new();
    let lexical: Vec<_> = text.tokens.iter().filter(|t| t.is_lexical()).collect();
    let n = lexical.len();
    lexical
        .iter()
        .enumerate()
        .map(|(i, t)| {
            normalize_into(term, t, &mut buf);
            match mode {
                MatchMode::Exact => (MatchMode::Exact, buf.clone()),
                MatchMode::Prefix if i + 1 == n => (MatchMode::Prefix, buf.clone()),
                _ => (MatchMode::Stem, stemmer.stem(&buf).into_owned()),
            }
        })
        .collect()
}

/// What an entry is, for grouping: a cue of a dimension or a modifier of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A cue.
    Cue(Dimension),
    /// A modifier.
    Modifier(ModifierClass),
}

impl Role {
    /// `hostility cue`, `negator`, ...
    pub(crate) fn label(self) -> String {
        match self {
            Role::Cue(d) => format!("{d} cue"),
            Role::Modifier(c) => {
                let l = c.list_name();
                match c {
                    ModifierClass::Contrast | ModifierClass::Concessive => "contrast marker".into(),
                    ModifierClass::Hedge => "hedge".into(),
                    ModifierClass::Reporting => "reporting verb".into(),
                    _ => l.trim_end_matches('s').to_string(),
                }
            }
        }
    }

    /// Two roles that are the same list (a concessive marker is in the contrast list).
    pub(crate) fn same_list(self, other: Role) -> bool {
        match (self, other) {
            (Role::Cue(a), Role::Cue(b)) => a == b,
            (Role::Modifier(a), Role::Modifier(b)) => a.list_name() == b.list_name(),
            _ => false,
        }
    }
}

/// A cue or modifier seen the way the scorer sees it.
#[derive(Debug, Clone)]
pub(crate) struct EntryView {
    /// The term as written (without `*`).
    pub term: String,
    /// Match mode.
    pub mode: MatchMode,
    /// Cue or modifier.
    pub role: Role,
    /// Where defined.
    pub origin: Location,
    /// Compiled word patterns.
    pub key: Vec<Pattern>,
    /// Weight (cues), or uncertainty weight (modifiers).
    pub weight: f64,
}

impl EntryView {
    /// The term as a user writes it (`provocat*`).
    pub(crate) fn display(&self) -> String {
        if self.mode == MatchMode::Prefix {
            format!("{}*", self.term)
        } else {
            self.term.clone()
        }
    }
}

/// Every cue, then every modifier, in the order the scorer inserts them (first wins).
pub(crate) fn entry_views(lex: &Lexicon, stemmer: &Stemmer) -> Vec<EntryView> {
    let cues = lex.cues.iter().map(|c| EntryView {
        term: c.term.clone(),
        mode: c.mode,
        role: Role::Cue(c.dimension),
        origin: c.origin.clone(),
        key: patterns(&c.term, c.mode, stemmer),
        weight: c.weight,
    });
    let mods = lex.modifiers.iter().map(|m| EntryView {
        term: m.term.clone(),
        mode: m.mode,
        role: Role::Modifier(m.class),
        origin: m.origin.clone(),
        key: patterns(&m.term, m.mode, stemmer),
        weight: m.weight,
    });
    cues.chain(mods).collect()
}
