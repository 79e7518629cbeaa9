//! The cue index: lexicon terms compiled to tries over word-pattern ids.
//!
//! Every word of every term becomes a *word pattern* (a stem, an exact word, or a prefix) with
//! an integer id. A document word is looked up once per worker (the [`WordCache`]): its normal
//! form is stemmed, and the ids of the patterns it satisfies are stored. Multi-word terms are
//! paths in a trie over those ids, so matching a sentence is a walk over integers; the longest
//! match wins and the words inside it are not counted again.

use crate::text::{Stemmer, stemmer};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::lexicon::pattern::patterns as pattern_words;
use crate::lexicon::{Lexicon, MatchMode};
use crate::text::{
    FLAG_APOSTROPHE, FLAG_BRACKETED, FLAG_CAPITALIZED, FLAG_COMPOUND, FLAG_NON_ASCII, FLAG_SPACED,
    Token, TokenKind, normalize_into,
};

/// What a trie path ends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A cue (index into [`Lexicon::cues`]).
    Cue(u32),
    /// A modifier (index into [`Lexicon::modifiers`]).
    Modifier(u32),
    /// An actor (index into [`Lexicon::actors`]).
    Actor(u32),
    /// A name that is no actor ([`Lexicon::not_actors`]): matched only to hide the actor
    /// words inside it.
    NotActor,
}

#[derive(Debug, Default)]
struct Trie {
    /// (node, pattern id) -> child node; node 0 is the root.
    edges: FxHashMap<(u32, u32), u32>,
    /// What ends at each node, if anything.
    terminal: Vec<Option<Entry>>,
}

impl Trie {
    fn new() -> Self {
        Trie {
            edges: FxHashMap::default(),
            terminal: vec![None],
        }
    }

    /// Insert a path; the first entry inserted at a node wins. Returns the entry already there,
    /// if any, so that duplicates are reported rather than silently merged.
    fn insert(&mut self, path: &[u32], entry: Entry) -> Option<Entry> {
        let mut node = 0u32;
        for &pid in path {
            let next = self.terminal.len() as u32;
            node = *self.edges.entry((node, pid)).or_insert_with(|| next);
            if node == next {
                self.terminal.push(None);
            }
        }
        let slot = &mut self.terminal[node as usize];
        match slot {
            Some(existing) => Some(*existing),
            None => {
                *slot = Some(entry);
                None
            }
        }
    }

    #[inline]
    fn child(&self, node: u32, pid: u32) -> Option<u32> {
        self.edges.get(&(node, pid)).copied()
    }
}

/// The compiled lexicon: word patterns and the two tries (cues and modifiers; actors).
#[derive(Debug)]
pub struct CueIndex {
    exact: FxHashMap<Box<str>, u32>,
    stem: FxHashMap<Box<str>, u32>,
    /// Which words can have a stem in `stem` at all, so that the others are not stemmed.
    stem_filter: StemFilter,
    prefix: Vec<(Box<str>, u32)>,
    cues: Trie,
    actors: Trie,
    /// One-word actor aliases, for the parts of compounds ("Soviet-Japanese").
    actor_words: FxHashMap<Box<str>, u32>,
    /// Entries that match exactly the same words as an earlier entry, which wins: (winner,
    /// loser). The second never matches.
    pub collisions: Vec<(Entry, Entry)>,
}

impl CueIndex {
    /// Compile a lexicon.
    pub fn new(lex: &Lexicon) -> Self {
        let stemmer = stemmer();
        let mut idx = CueIndex {
            exact: FxHashMap::default(),
            stem: FxHashMap::default(),
            stem_filter: StemFilter::new(std::iter::empty()),
            prefix: Vec::new(),
            cues: Trie::new(),
            actors: Trie::new(),
            actor_words: FxHashMap::default(),
            collisions: Vec::new(),
        };
        let mut next_id = 0u32;
        let mut id_of = |idx: &mut CueIndex, mode: MatchMode, w: &str| -> u32 {
            let map_get = match mode {
                MatchMode::Exact => idx.exact.get(w).copied(),
                MatchMode::Stem => idx.stem.get(w).copied(),
                MatchMode::Prefix => idx.prefix.iter().find(|(p, _)| &**p == w).map(|x| x.1),
            };
            if let Some(id) = map_get {
                return id;
            }
            let id = next_id;
            next_id += 1;
            match mode {
                MatchMode::Exact => {
                    idx.exact.insert(w.into(), id);
                }
                MatchMode::Stem => {
                    idx.stem.insert(w.into(), id);
                }
                MatchMode::Prefix => idx.prefix.push((w.into(), id)),
            }
            id
        };
        // the trie path of a pattern's words
        let mut path_of = |idx: &mut CueIndex, words: &[(MatchMode, String)]| -> Vec<u32> {
            words.iter().map(|(m, w)| id_of(idx, *m, w)).collect()
        };
        for (i, c) in lex.cues.iter().enumerate() {
            let path = path_of(&mut idx, &pattern_words(&c.term, c.mode, &stemmer));
            if let Some(w) = idx.cues.insert(&path, Entry::Cue(i as u32)) {
                idx.collisions.push((w, Entry::Cue(i as u32)));
            }
        }
        for (i, m) in lex.modifiers.iter().enumerate() {
            let path = path_of(&mut idx, &pattern_words(&m.term, m.mode, &stemmer));
            if let Some(w) = idx.cues.insert(&path, Entry::Modifier(i as u32)) {
                idx.collisions.push((w, Entry::Modifier(i as u32)));
            }
        }
        for (i, a) in lex.actors.iter().enumerate() {
            for alias in a.aliases.iter().flat_map(|al| spellings(al)) {
                let words = pattern_words(&alias, MatchMode::Exact, &stemmer);
                if words.len() == 1 {
                    idx.actor_words
                        .entry(words[0].1.clone().into())
                        .or_insert(i as u32);
                }
                let path = path_of(&mut idx, &words);
                idx.actors.insert(&path, Entry::Actor(i as u32));
            }
        }
        for name in &lex.not_actors {
            let path = path_of(&mut idx, &pattern_words(name, MatchMode::Exact, &stemmer));
            idx.actors.insert(&path, Entry::NotActor);
        }
        idx.stem_filter = StemFilter::new(idx.stem.keys().map(|s| &**s));
        idx
    }

    /// The pattern ids a normal-form word satisfies, and the actors named by its parts if it is
    /// a compound.
    fn describe(&self, norm: &str, stemmer: &Stemmer, ids: &mut Vec<u32>) -> u64 {
        if let Some(&id) = self.exact.get(norm) {
            ids.push(id);
        }
        if self.stem_filter.may_match(norm)
            && let Some(&id) = self.stem.get(&*stemmer.stem(norm))
            && !ids.contains(&id)
        {
            ids.push(id);
        }
        for (p, id) in &self.prefix {
            if norm.starts_with(&**p) && !ids.contains(id) {
                ids.push(*id);
            }
        }
        let mut actors = 0u64;
        if norm.contains('-') {
            for part in norm.split('-') {
                if let Some(&a) = self.actor_words.get(part) {
                    actors |= 1u64 << a;
                }
            }
        }
        actors
    }
}

/// An alias and its other romanizations: a Russian name in "-ov", "-ev" or "-sky" is printed
/// "-off", "-eff" or "-ski" in many FRUS documents ("Litvinoff", "Yureneff", "Krestinski"), and
/// the other way round, so an actor listed under one spelling is found under the other.
fn spellings(alias: &str) -> Vec<String> {
    const ENDINGS: [(&str, &str); 6] = [
        ("ov", "off"),
        ("ev", "eff"),
        ("sky", "ski"),
        ("off", "ov"),
        ("eff", "ev"),
        ("ski", "sky"),
    ];
    let mut out = vec![alias.to_string()];
    let last = alias.rsplit(' ').next().unwrap_or(alias);
    // a name: capitalized, longer than its ending
    let name = last.chars().next().is_some_and(char::is_uppercase) && last.len() > 4;
    if let Some((from, to)) = ENDINGS
        .iter()
        .find(|(from, _)| name && last.ends_with(from))
    {
        out.push(format!("{}{to}", &alias[..alias.len() - from.len()]));
    }
    out
}

/// A test on the first bytes of a word that says whether its Snowball stem can be one of the
/// lexicon's stems, so that most words of a corpus are never stemmed (stemming is most of the
/// cost of a word the cache has not seen).
///
/// Why it is exact: the English Snowball stemmer removes a suffix, or replaces it with one
/// whose last one or two letters were not in the word (`-biliti` -> `-ble`, `dying` -> `die`,
/// `-y` -> `-i`, an `e` added after `-at`, `-bl`, `-iz` or a short syllable, `ability` ->
/// `abl`), or changes nothing; it never touches the start of a word, and a word of our
/// tokenizer never starts with the apostrophe the stemmer strips. So a word whose stem is `s`
/// starts with all of `s` but its last two bytes, and with its first byte; and with all of `s`
/// when `s` does not end in a letter a replacement ends in (`e`, `i`, `y`, `l`). The filter
/// keeps, for each lexicon stem, the first two bytes a word must start with (one byte where
/// that is all that is known). An empty lexicon stem would turn it off. (Checked on the
/// 178,000 word types of the benchmark corpus and the TEI extract, and on 435,000 words built
/// from random roots and every Snowball suffix.)
#[derive(Debug, Clone)]
struct StemFilter {
    /// No filtering: some lexicon stem is empty.
    off: bool,
    /// `by_len[n]`: the first `n` bytes (packed in a `u64`) a word must start with for some
    /// lexicon stem, for the stems of which `n` bytes are known.
    by_len: Vec<FxHashSet<u64>>,
}

/// At most this many leading bytes are compared (they fit in a `u64`).
const FILTER_BYTES: usize = 8;

fn pack(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0u64, |k, &b| k << 8 | b as u64)
}

impl StemFilter {
    fn new<'a>(stems: impl Iterator<Item = &'a str>) -> Self {
        let mut f = StemFilter {
            off: false,
            by_len: vec![FxHashSet::default(); FILTER_BYTES + 1],
        };
        for s in stems {
            let b = s.as_bytes();
            // bytes of `s` a word with this stem surely starts with
            let sure = match b.last() {
                None => 0,
                Some(b'e' | b'i' | b'y' | b'l') => (b.len().saturating_sub(2)).max(1),
                Some(_) => b.len(),
            }
            .min(FILTER_BYTES);
            if sure == 0 {
                f.off = true;
            } else {
                f.by_len[sure].insert(pack(&b[..sure]));
            }
        }
        f
    }

    /// False only when no lexicon stem can be the stem of `word`.
    fn may_match(&self, word: &str) -> bool {
        let w = word.as_bytes();
        self.off
            || self
                .by_len
                .iter()
                .enumerate()
                .skip(1)
                .any(|(n, set)| !set.is_empty() && w.len() >= n && set.contains(&pack(&w[..n])))
    }
}

/// What is known about one distinct word: its pattern ids (a range in the cache's arena) and
/// the actors its compound parts name.
#[derive(Debug, Clone, Copy)]
struct WordInfo {
    start: u32,
    len: u32,
    actors: u64,
}

/// Per-worker cache from normal-form words to what the index says of them. Each distinct word
/// is normalised, stemmed and looked up once; afterwards a token costs one hash look-up.
pub struct WordCache {
    stemmer: Stemmer,
    words: FxHashMap<Box<str>, WordInfo>,
    arena: Vec<u32>,
    buf: String,
    scratch: Vec<u32>,
}

impl std::fmt::Debug for WordCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordCache")
            .field("words", &self.words.len())
            .finish()
    }
}

/// The cache holds at most this many words: its table is allocated at this size on first use
/// and cleared (not grown) when full, so a worker's memory is about the same on a small corpus
/// as on one with an unbounded vocabulary (OCR debris). 50,000 words hold the vocabulary of
/// about 5 MB of varied prose (the 51 MB benchmark corpus has 116,000 word types, most of them
/// rare); after a clear the frequent words come back at once, and a word costs a Snowball stem
/// again only if a lexicon stem could start like it (see [`StemFilter`]).
const MAX_CACHED_WORDS: usize = 50_000;

impl Default for WordCache {
    fn default() -> Self {
        WordCache::new()
    }
}

impl WordCache {
    /// An empty cache.
    pub fn new() -> Self {
        WordCache {
            stemmer: stemmer(),
            words: FxHashMap::default(),
            arena: Vec::new(),
            buf: String::new(),
            scratch: Vec::new(),
        }
    }
}

/// The per-token view the rules need: pattern ids (as a range in the cache arena) and actors.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokInfo {
    start: u32,
    len: u32,
    /// Actors named by the parts of a compound.
    pub compound_actors: u64,
}

/// Look up every token of a text; fills `out` (one entry per token).
pub fn describe_tokens(
    index: &CueIndex,
    cache: &mut WordCache,
    text: &str,
    tokens: &[Token],
    out: &mut Vec<TokInfo>,
) {
    out.clear();
    out.reserve(tokens.len());
    if cache.words.capacity() < MAX_CACHED_WORDS {
        cache.words.reserve(MAX_CACHED_WORDS);
    }
    if cache.words.len() + tokens.len() > MAX_CACHED_WORDS {
        // the arena holds only the current words' ids, so it is cleared with them
        cache.words.clear();
        cache.arena.clear();
    }
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Word {
            out.push(TokInfo::default());
            continue;
        }
        // the normal form; most words are already in it (lower-case ASCII letters, nothing
        // to strip), and are looked up as written, without a copy
        let raw = &text[t.span.range()];
        let norm: &str =
            if t.flags & (FLAG_BRACKETED | FLAG_APOSTROPHE | FLAG_NON_ASCII | FLAG_SPACED) == 0
                && !raw.bytes().any(|b| b.is_ascii_uppercase())
            {
                raw
            } else {
                normalize_into(text, t, &mut cache.buf);
                &cache.buf
            };
        if is_date_may(tokens, i, norm) {
            out.push(TokInfo::default());
            continue;
        }
        let info = match cache.words.get(norm) {
            Some(w) => *w,
            None => {
                cache.scratch.clear();
                let actors = index.describe(norm, &cache.stemmer, &mut cache.scratch);
                let info = WordInfo {
                    start: cache.arena.len() as u32,
                    len: cache.scratch.len() as u32,
                    actors: if t.flags & FLAG_COMPOUND != 0 {
                        actors
                    } else {
                        0
                    },
                };
                cache.arena.extend_from_slice(&cache.scratch);
                cache.words.insert(norm.into(), info);
                info
            }
        };
        out.push(TokInfo {
            start: info.start,
            len: info.len,
            compound_actors: info.actors,
        });
    }
}

/// "May 15": a capitalised month name before a number is a date, not the modal "may"; the
/// matcher does not look such a word up.
#[inline]
pub(crate) fn is_date_may(tokens: &[Token], i: usize, norm: &str) -> bool {
    tokens[i].flags & FLAG_CAPITALIZED != 0
        && norm == "may"
        && tokens
            .get(i + 1)
            .is_some_and(|n| n.kind == TokenKind::Number)
}

/// One match: what, and the token range `first..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// What matched.
    pub entry: Entry,
    /// First token.
    pub first: u32,
    /// One past the last token.
    pub end: u32,
}

/// Which trie to match against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Cues and modifiers.
    Cues,
    /// Actors.
    Actors,
}

/// What matching reads of a tokenized text: the compiled lexicon, the worker's word cache and
/// the per-token descriptions [`describe_tokens`] made.
#[derive(Clone, Copy)]
pub struct Lookup<'a> {
    /// The compiled lexicon.
    pub index: &'a CueIndex,
    /// The worker's word cache.
    pub cache: &'a WordCache,
    /// One description per token.
    pub infos: &'a [TokInfo],
}

impl Lookup<'_> {
    /// The longest matches of `which`, left to right, without overlap, in the tokens `range`
    /// (a sentence), appended to `out`.
    pub fn find(&self, range: std::ops::Range<usize>, which: Which, out: &mut Vec<Match>) {
        find_matches(
            self.index,
            self.cache,
            self.infos,
            range.start,
            range.end,
            which,
            out,
        );
    }
}

/// Find the longest matches, left to right, without overlap, in tokens `from..to`.
fn find_matches(
    index: &CueIndex,
    cache: &WordCache,
    infos: &[TokInfo],
    from: usize,
    to: usize,
    which: Which,
    out: &mut Vec<Match>,
) {
    let trie = match which {
        Which::Cues => &index.cues,
        Which::Actors => &index.actors,
    };
    let ids = |i: usize| -> &[u32] {
        let ti = infos[i];
        &cache.arena[ti.start as usize..(ti.start + ti.len) as usize]
    };
    let mut i = from;
    // small explicit stack: (node, next token)
    let mut stack: Vec<(u32, usize)> = Vec::new();
    while i < to {
        if infos[i].len == 0 {
            i += 1;
            continue;
        }
        let mut best: Option<(Entry, usize)> = None;
        stack.clear();
        for &pid in ids(i) {
            if let Some(n) = trie.child(0, pid) {
                stack.push((n, i + 1));
            }
        }
        while let Some((node, j)) = stack.pop() {
            if let Some(e) = trie.terminal[node as usize]
                && best.is_none_or(|(_, bj)| j > bj)
            {
                best = Some((e, j));
            }
            if j < to && infos[j].len > 0 {
                for &pid in ids(j) {
                    if let Some(n) = trie.child(node, pid) {
                        stack.push((n, j + 1));
                    }
                }
            }
        }
        match best {
            Some((entry, j)) => {
                out.push(Match {
                    entry,
                    first: i as u32,
                    end: j as u32,
                });
                i = j;
            }
            None => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn matches(lex: &Lexicon, text: &str, which: Which) -> Vec<(String, Entry)> {
        let idx = CueIndex::new(lex);
        let mut cache = WordCache::new();
        let t = tokenize(text);
        let mut infos = Vec::new();
        describe_tokens(&idx, &mut cache, text, &t.tokens, &mut infos);
        let mut out = Vec::new();
        let look = Lookup {
            index: &idx,
            cache: &cache,
            infos: &infos,
        };
        look.find(0..t.tokens.len(), which, &mut out);
        out.iter()
            .map(|m| {
                let s = t.tokens[m.first as usize].span.start as usize;
                let e = t.tokens[m.end as usize - 1].span.end as usize;
                (text[s..e].to_string(), m.entry)
            })
            .collect()
    }

    fn cue_terms(lex: &Lexicon, text: &str) -> Vec<String> {
        matches(lex, text, Which::Cues)
            .into_iter()
            .filter_map(|(_, e)| match e {
                Entry::Cue(i) => Some(lex.cues[i as usize].term.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn longest_multi_word_cue_wins() {
        let lex = Lexicon::builtin().unwrap();
        let text = "the conclusion of a non-aggression pact between the two countries is rumored";
        assert_eq!(
            cue_terms(&lex, text),
            vec!["conclusion", "non-aggression pact"]
        );
        let text = "to sign a pact of non-aggression with Japan";
        assert_eq!(cue_terms(&lex, text), vec!["pact of non-aggression"]);
        let text = "a cessation of hostilities was agreed";
        assert_eq!(
            cue_terms(&lex, text),
            vec!["cessation of hostilities", "agreed"]
        );
        let text = "there has been a revival of that extensive border friction";
        assert!(cue_terms(&lex, text).contains(&"border friction".to_string()));
    }

    #[test]
    fn stems_prefixes_and_exact() {
        let lex = Lexicon::builtin().unwrap();
        let terms = cue_terms(
            &lex,
            "Border incidents and provocative acts; the Japanese demands; an ultimatum",
        );
        assert_eq!(
            terms,
            vec!["border incident", "provocat", "demand", "ultimatum"]
        );
        // exact: "troops" but not "troop"
        assert_eq!(cue_terms(&lex, "troops and a troop"), vec!["troops"]);
        // multi-word cues do not match across punctuation
        assert!(!cue_terms(&lex, "the border, incident").contains(&"border incident".to_string()));
    }

    #[test]
    fn actors_and_compounds() {
        let lex = Lexicon::builtin().unwrap();
        let m = matches(
            &lex,
            "the Soviet Union and the Kwantung Army near Manchukuo",
            Which::Actors,
        );
        let names: Vec<&str> = m.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(names, vec!["Soviet Union", "Kwantung Army", "Manchukuo"]);
        let idx = CueIndex::new(&lex);
        let mut cache = WordCache::new();
        let text = "Soviet-Japanese relations";
        let t = tokenize(text);
        let mut infos = Vec::new();
        describe_tokens(&idx, &mut cache, text, &t.tokens, &mut infos);
        let su = lex.find_actor("soviet_union").unwrap();
        let jp = lex.find_actor("japan").unwrap();
        assert_eq!(infos[0].compound_actors, (1 << su) | (1 << jp));
    }

    /// The stem filter never hides a lexicon stem: on every word of the TEI extract and the
    /// seeds, a word the filter rejects has a stem outside the lexicon, and the filter does
    /// reject most words (it is worth having).
    #[test]
    fn stem_filter_rejects_only_words_without_a_lexicon_stem() {
        let lex = Lexicon::builtin().unwrap();
        let idx = CueIndex::new(&lex);
        assert!(!idx.stem_filter.off);
        let stemmer = stemmer();
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpus/frus1938v03-soviet-japanese-border.xml"
        );
        let mut text = std::fs::read_to_string(path).unwrap();
        for d in crate::corpus::bundled() {
            text.push_str(&d.text);
        }
        let t = tokenize(&text);
        let mut buf = String::new();
        let mut words = std::collections::BTreeSet::new();
        for tok in t.tokens.iter().filter(|t| t.is_word()) {
            normalize_into(&text, tok, &mut buf);
            words.insert(buf.clone());
        }
        let mut rejected = 0;
        for w in &words {
            let in_lexicon = idx.stem.contains_key(&*stemmer.stem(w));
            if !idx.stem_filter.may_match(w) {
                rejected += 1;
                assert!(!in_lexicon, "{w} rejected but its stem is a cue");
            }
        }
        assert!(
            words.len() > 3000 && rejected * 4 > words.len(),
            "{rejected} of {}",
            words.len()
        );
    }

    #[test]
    fn shipped_lexicon_has_no_entry_hidden_by_another() {
        let lex = Lexicon::builtin().unwrap();
        let idx = CueIndex::new(&lex);
        let name = |e: Entry| match e {
            Entry::Cue(i) => format!(
                "cue {:?} ({})",
                lex.cues[i as usize].term, lex.cues[i as usize].origin
            ),
            Entry::Modifier(i) => format!(
                "modifier {:?} ({})",
                lex.modifiers[i as usize].term, lex.modifiers[i as usize].origin
            ),
            Entry::Actor(i) => lex.actors[i as usize].name.clone(),
            Entry::NotActor => "a name that is no actor".into(),
        };
        let found: Vec<String> = idx
            .collisions
            .iter()
            .map(|(w, l)| format!("{} hides {}", name(*w), name(*l)))
            .collect();
        assert!(found.is_empty(), "{found:#?}");
    }

    /// A Russian name is found under its other romanization, and a common word is not taken
    /// for one.
    #[test]
    fn russian_names_are_found_in_either_romanization() {
        let lex = Lexicon::builtin().unwrap();
        let su = lex.find_actor("soviet_union").unwrap() as u32;
        // frus1938v03-d448 (Moscow, 1938) prints "Litvinoff"; the lexicon lists "Litvinov"
        let text = "The Embassy has learned from a thoroughly reliable source that since Shigemitsu presented to Litvinoff the Japanese demands, Krestinski and Yureneff were consulted.";
        let found: Vec<(String, Entry)> = matches(&lex, text, Which::Actors);
        for name in ["Litvinoff", "Krestinski", "Yureneff"] {
            assert!(
                found.contains(&(name.to_string(), Entry::Actor(su))),
                "{name}: {found:?}"
            );
        }
        assert_eq!(spellings("Litvinov"), ["Litvinov", "Litvinoff"]);
        assert_eq!(spellings("Soviet"), ["Soviet"]);
        assert_eq!(spellings("standoff"), ["standoff"]);
    }

    /// A name that is no actor hides the actor word inside it, and only there.
    #[test]
    fn a_name_that_is_no_actor_hides_the_actor_word_in_it() {
        let lex = Lexicon::builtin().unwrap();
        let text = "The Chinese Eastern Railway was sold; the Chinese protested.";
        let found = matches(&lex, text, Which::Actors);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[0],
            ("Chinese Eastern Railway".into(), Entry::NotActor)
        );
        assert!(
            matches!(found[1], (ref s, Entry::Actor(_)) if s == "Chinese"),
            "{found:?}"
        );
        // the émigrés are no Soviet actor; the Russians are
        let text = "White Russians in Harbin were arrested, and the Russians protested.";
        let found = matches(&lex, text, Which::Actors);
        assert_eq!(found[0], ("White Russians".into(), Entry::NotActor));
        assert!(
            matches!(found.last(), Some((s, Entry::Actor(_))) if s == "Russians"),
            "{found:?}"
        );
    }

    /// An alias written with dots matches the same letters printed with a space after each
    /// dot (`U. S. S. R.` in several FRUS documents), and only those.
    #[test]
    fn dotted_aliases_match_spaced_abbreviations() {
        let lex = Lexicon::builtin().unwrap();
        let names = |text: &str| -> Vec<(String, String)> {
            matches(&lex, text, Which::Actors)
                .into_iter()
                .filter_map(|(s, e)| match e {
                    Entry::Actor(a) => Some((s, lex.actors[a as usize].id.clone())),
                    _ => None,
                })
                .collect()
        };
        // frus1932v04-d8 (Geneva, 1932)
        let text = "I have the honor to communicate to you the following reply from the Government of the U. S. S. R.:";
        assert_eq!(
            names(text),
            [("U. S. S. R.".to_string(), "soviet_union".to_string())]
        );
        let us = names("the U. S. Government and the U. S. A. told us");
        let us: Vec<&str> = us
            .iter()
            .map(|(s, a)| {
                assert_eq!(a, "united_states");
                s.as_str()
            })
            .collect();
        assert_eq!(us, ["U. S.", "U. S. A."]);
        // a name's initials are a word of their own, and no alias
        let oumansky = names("C. A. Oumansky");
        assert_eq!(oumansky.len(), 1, "{oumansky:?}");
        assert_eq!(oumansky[0].0, "Oumansky");
    }

    #[test]
    fn may_the_month_is_not_a_hedge() {
        let lex = Lexicon::builtin().unwrap();
        let m = matches(&lex, "On May 15 the situation may change.", Which::Cues);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].0, "may");
    }
}
