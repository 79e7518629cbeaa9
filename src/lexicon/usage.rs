//! `lexicon stats`: how a lexicon is used by a corpus.
//!
//! Coverage (the share of sentences with a cue hit), hits per entry (with how many were
//! negated), the entries never hit, and the most frequent words left unmatched in sentences that
//! name both actors of the dyad: those sentences are about the relationship, so a frequent word
//! there that no entry matches is where a new cue may hide.
//!
//! Cue hits and negation come from the scorer itself ([`Analyzer::score`] with explanations).
//! Modifiers that are not hits of their own (negators, intensifiers...) and the words no entry
//! covers need the matches themselves, which the scorer does not expose; they are found here by
//! the same longest-match rule over the same word patterns (see [`super::check`]), and a test
//! checks that this finds exactly the scorer's cue hits.

use std::collections::{BTreeMap, HashMap};

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use super::check::{WordCount, is_stop_word};
use super::pattern::{EntryView, Pattern, Role, entry_views};
use super::{Lexicon, MatchMode};
use crate::corpus::Document;
use crate::score::{Analyzer, Workspace};
use crate::text::{
    FLAG_CAPITALIZED, FLAG_COMPOUND, Token, TokenKind, TokenizedText, normalize_into,
};

/// How many unmatched words to list by default.
pub const DEFAULT_TOP: usize = 40;

/// Options of [`usage_with`].
#[derive(Debug, Clone)]
pub struct UsageOptions {
    /// How many unmatched words to list.
    pub top: usize,
}

impl Default for UsageOptions {
    fn default() -> Self {
        UsageOptions { top: DEFAULT_TOP }
    }
}

/// Whether an entry is a cue or a modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// A cue of a dimension.
    Cue,
    /// A modifier (negator, hedge...).
    Modifier,
}

/// How often one entry matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryUsage {
    /// Cue or modifier.
    pub kind: EntryKind,
    /// The term as written (a prefix with its `*`).
    pub term: String,
    /// `hostility cue`, `negator`, ... (`hostility cue, weight 0` for a phrase that blocks the
    /// cue inside it)
    pub entry: String,
    /// Matches in the corpus (for a cue of weight 0, which blocks the cue inside it, matches
    /// that are not hits).
    pub hits: usize,
    /// Of those, hits the scorer counted as negated or reversed (cues and weighted hedges).
    pub negated: usize,
    /// Documents with at least one match.
    pub documents: usize,
    /// Where the entry is defined.
    pub location: String,
}

/// The result of [`usage`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UsageReport {
    /// The dyad, e.g. `Soviet Union–Japan`.
    pub dyad: String,
    /// Documents read.
    pub documents: usize,
    /// Sentences read.
    pub sentences: usize,
    /// Sentences with at least one cue hit.
    pub sentences_with_cue: usize,
    /// `sentences_with_cue / sentences` (0 when there are none).
    pub coverage: f64,
    /// Sentences that name both sides of the dyad.
    pub dyad_sentences: usize,
    /// Of those, sentences with a cue hit.
    pub dyad_sentences_with_cue: usize,
    /// `dyad_sentences_with_cue / dyad_sentences`.
    pub dyad_coverage: f64,
    /// Every cue and modifier in lexicon order.
    pub entries: Vec<EntryUsage>,
    /// How many entries were never hit.
    pub never_hit: usize,
    /// The most frequent words (normal forms) in dyad sentences that no entry matches, leaving
    /// out stop words, numbers and actor names.
    pub unmatched: Vec<WordCount>,
}

/// What a match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Entry(usize),
    Actor(usize),
}

/// Word patterns indexed by their first word, matched longest-first as the scorer does.
struct MiniIndex {
    /// (key, target) in insertion order: the first of equal keys wins.
    paths: Vec<(Vec<Pattern>, Target)>,
    by_exact: HashMap<String, Vec<usize>>,
    by_stem: HashMap<String, Vec<usize>>,
    by_prefix: Vec<(String, usize)>,
    /// One-word actor aliases, for the parts of compounds.
    actor_words: HashMap<String, usize>,
    /// Prefix patterns in the order the scorer numbers them (it breaks ties by that order).
    prefix_order: HashMap<String, usize>,
}

impl MiniIndex {
    fn new(views: &[EntryView], lex: &Lexicon, stemmer: &Stemmer) -> MiniIndex {
        let mut idx = MiniIndex {
            paths: Vec::new(),
            by_exact: HashMap::new(),
            by_stem: HashMap::new(),
            by_prefix: Vec::new(),
            actor_words: HashMap::new(),
            prefix_order: HashMap::new(),
        };
        for (i, v) in views.iter().enumerate() {
            idx.add(v.key.clone(), Target::Entry(i));
        }
        for (a, actor) in lex.actors.iter().enumerate() {
            for alias in &actor.aliases {
                let key = super::pattern::patterns(alias, MatchMode::Exact, stemmer);
                if key.len() == 1 {
                    idx.actor_words.entry(key[0].1.clone()).or_insert(a);
                }
                idx.add(key, Target::Actor(a));
            }
        }
        idx
    }

    fn add(&mut self, key: Vec<Pattern>, t: Target) {
        let Some(first) = key.first().cloned() else {
            return;
        };
        for p in key.iter().filter(|p| p.0 == MatchMode::Prefix) {
            let next = self.prefix_order.len();
            self.prefix_order.entry(p.1.clone()).or_insert(next);
        }
        let n = self.paths.len();
        match first.0 {
            MatchMode::Exact => self.by_exact.entry(first.1).or_default().push(n),
            MatchMode::Stem => self.by_stem.entry(first.1).or_default().push(n),
            MatchMode::Prefix => self.by_prefix.push((first.1, n)),
        }
        self.paths.push((key, t));
    }

    /// The scorer's preference between two matches of equal length: it looks a word's patterns
    /// up as exact, stem, then prefixes in order, and explores the last one first; so the later
    /// pattern type wins, word by word.
    fn rank(&self, key: &[Pattern]) -> Vec<usize> {
        key.iter()
            .map(|p| match p.0 {
                MatchMode::Exact => 0,
                MatchMode::Stem => 1,
                MatchMode::Prefix => 2 + self.prefix_order.get(&p.1).copied().unwrap_or(0),
            })
            .collect()
    }
}

/// A word of a sentence as the matcher sees it: normal form and stem, or `None` for tokens that
/// never match (numbers, punctuation, "May" before a number).
type Word = Option<(String, String)>;

fn describe(text: &str, tokens: &[Token], stemmer: &Stemmer) -> Vec<Word> {
    let mut buf = String::new();
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if t.kind != TokenKind::Word {
                return None;
            }
            normalize_into(text, t, &mut buf);
            if t.flags & FLAG_CAPITALIZED != 0
                && buf == "may"
                && tokens
                    .get(i + 1)
                    .is_some_and(|n| n.kind == TokenKind::Number)
            {
                return None;
            }
            Some((buf.clone(), stemmer.stem(&buf).into_owned()))
        })
        .collect()
}

/// Longest matches, left to right, without overlap, in `words[from..to]`, for entries
/// (`actors == false`) or actors.
fn find(
    idx: &MiniIndex,
    words: &[Word],
    from: usize,
    to: usize,
    actors: bool,
) -> Vec<(Target, usize, usize)> {
    let wanted = |t: &Target| matches!(t, Target::Actor(_)) == actors;
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let Some((norm, stem)) = &words[i] else {
            i += 1;
            continue;
        };
        let mut cands: Vec<usize> = Vec::new();
        cands.extend(idx.by_exact.get(norm).into_iter().flatten());
        cands.extend(idx.by_stem.get(stem).into_iter().flatten());
        cands.extend(
            idx.by_prefix
                .iter()
                .filter(|(p, _)| norm.starts_with(p.as_str()))
                .map(|x| x.1),
        );
        cands.sort_unstable();
        let mut best: Option<(usize, usize)> = None;
        for c in cands {
            let (key, t) = &idx.paths[c];
            if !wanted(t) || i + key.len() > to {
                continue;
            }
            let ok = key.iter().enumerate().all(|(k, p)| {
                words[i + k]
                    .as_ref()
                    .is_some_and(|(n, s)| super::pattern::pattern_matches(p, n, s))
            });
            let better = |(b, e): (usize, usize)| {
                i + key.len() > e
                    || (i + key.len() == e && idx.rank(key) > idx.rank(&idx.paths[b].0))
            };
            if ok && best.is_none_or(better) {
                best = Some((c, i + key.len()));
            }
        }
        match best {
            Some((c, end)) => {
                out.push((idx.paths[c].1, i, end));
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// Usage statistics with the default options.
pub fn usage(analyzer: &Analyzer, docs: &[Document]) -> UsageReport {
    usage_with(analyzer, docs, &UsageOptions::default())
}

/// Usage statistics of the analyzer's lexicon over documents.
pub fn usage_with(analyzer: &Analyzer, docs: &[Document], opts: &UsageOptions) -> UsageReport {
    let lex = analyzer.lexicon();
    let dyad = analyzer.dyad();
    let stemmer = Stemmer::create(Algorithm::English);
    let views = entry_views(lex, &stemmer);
    let idx = MiniIndex::new(&views, lex, &stemmer);
    let mut hits = vec![0usize; views.len()];
    let mut negated = vec![0usize; views.len()];
    let mut in_docs = vec![0usize; views.len()];
    let mut unmatched: BTreeMap<String, u64> = BTreeMap::new();
    let (mut sentences, mut with_cue, mut dyad_s, mut dyad_cue) = (0, 0, 0, 0);
    let mut ws = Workspace::default();
    let mut tt = TokenizedText::default();
    for doc in docs {
        let text = doc.text.as_str();
        tt.tokenize(text);
        let words = describe(text, &tt.tokens, &stemmer);
        let mut seen = vec![false; views.len()];
        // start byte -> entry, to attribute the scorer's negated hits
        let mut at_byte: HashMap<u32, usize> = HashMap::new();
        for s in &tt.sentences {
            let (from, to) = (s.first as usize, s.end as usize);
            let mut mask = 0u64;
            for (t, _, _) in find(&idx, &words, from, to, true) {
                if let Target::Actor(a) = t {
                    mask |= 1u64 << a;
                }
            }
            for (tok, word) in tt.tokens[from..to].iter().zip(&words[from..to]) {
                if tok.flags & FLAG_COMPOUND != 0
                    && let Some((norm, _)) = word
                {
                    for part in norm.split('-') {
                        if let Some(&a) = idx.actor_words.get(part) {
                            mask |= 1u64 << a;
                        }
                    }
                }
            }
            let both = mask & dyad.a_mask != 0 && mask & dyad.b_mask != 0;
            let ms = find(&idx, &words, from, to, false);
            let mut covered = vec![false; to - from];
            let mut cue_here = false;
            for &(t, a, z) in &ms {
                if let Target::Entry(e) = t {
                    hits[e] += 1;
                    seen[e] = true;
                    at_byte.insert(tt.tokens[a].span.start, e);
                    // a phrase of weight 0 ("War Office") blocks the cue inside it and is
                    // counted as a match, but is not a cue hit
                    cue_here |= matches!(views[e].role, Role::Cue(_)) && views[e].weight > 0.0;
                    covered[a - from..z - from]
                        .iter_mut()
                        .for_each(|c| *c = true);
                }
            }
            sentences += 1;
            with_cue += usize::from(cue_here);
            if both {
                dyad_s += 1;
                dyad_cue += usize::from(cue_here);
                let actor_tokens: Vec<(usize, usize)> = find(&idx, &words, from, to, true)
                    .into_iter()
                    .map(|(_, a, z)| (a, z))
                    .collect();
                for k in from..to {
                    let Some((norm, _)) = &words[k] else { continue };
                    let in_actor = actor_tokens.iter().any(|&(a, z)| (a..z).contains(&k));
                    let compound_actor = tt.tokens[k].flags & FLAG_COMPOUND != 0
                        && norm.split('-').any(|p| idx.actor_words.contains_key(p));
                    if covered[k - from]
                        || in_actor
                        || compound_actor
                        || is_stop_word(norm)
                        || norm.chars().count() < 3
                        || !norm.chars().any(char::is_alphabetic)
                    {
                        continue;
                    }
                    *unmatched.entry(norm.clone()).or_insert(0) += 1;
                }
            }
        }
        for (e, s) in seen.iter().enumerate() {
            in_docs[e] += usize::from(*s);
        }
        let scored = analyzer.score(doc, &mut ws, true);
        for h in scored.hits.iter().flatten().filter(|h| h.negated) {
            if let Some(&e) = at_byte.get(&h.start) {
                negated[e] += 1;
            }
        }
    }
    let entries: Vec<EntryUsage> = views
        .iter()
        .enumerate()
        .map(|(i, v)| EntryUsage {
            kind: match v.role {
                Role::Cue(_) => EntryKind::Cue,
                Role::Modifier(_) => EntryKind::Modifier,
            },
            term: v.display(),
            entry: match v.role {
                // a phrase that blocks the cue inside it ("War Office")
                Role::Cue(_) if v.weight == 0.0 => format!("{}, weight 0", v.role.label()),
                _ => v.role.label(),
            },
            hits: hits[i],
            negated: negated[i],
            documents: in_docs[i],
            location: v.origin.to_string(),
        })
        .collect();
    let mut top: Vec<WordCount> = unmatched
        .into_iter()
        .map(|(word, count)| WordCount { word, count })
        .collect();
    top.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
    top.truncate(opts.top);
    let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    UsageReport {
        dyad: dyad.label.clone(),
        documents: docs.len(),
        sentences,
        sentences_with_cue: with_cue,
        coverage: share(with_cue, sentences),
        dyad_sentences: dyad_s,
        dyad_sentences_with_cue: dyad_cue,
        dyad_coverage: share(dyad_cue, dyad_s),
        never_hit: entries.iter().filter(|e| e.hits == 0).count(),
        entries,
        unmatched: top,
    }
}

/// The report as text: coverage, the entries by hits, the entries never hit, and the unmatched
/// words of dyad sentences.
pub fn render_usage(r: &UsageReport) -> String {
    let pct = |x: f64| format!("{:.1}%", x * 100.0);
    let mut out = format!(
        "{} documents, {} sentences: {} with a cue hit ({})\n\
         {} sentences name both sides of {}: {} with a cue hit ({})\n",
        r.documents,
        r.sentences,
        r.sentences_with_cue,
        pct(r.coverage),
        r.dyad_sentences,
        r.dyad,
        r.dyad_sentences_with_cue,
        pct(r.dyad_coverage)
    );
    let mut used: Vec<&EntryUsage> = r.entries.iter().filter(|e| e.hits > 0).collect();
    used.sort_by(|a, b| b.hits.cmp(&a.hits).then_with(|| a.term.cmp(&b.term)));
    let tw = used
        .iter()
        .map(|e| e.term.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    out.push_str(&format!(
        "\nHits per entry ({} of {} entries hit)\n{:>6} {:>7} {:>5}  {:<tw$}  entry\n",
        used.len(),
        r.entries.len(),
        "hits",
        "negated",
        "docs",
        "term"
    ));
    for e in &used {
        out.push_str(&format!(
            "{:>6} {:>7} {:>5}  {:<tw$}  {}\n",
            e.hits, e.negated, e.documents, e.term, e.entry
        ));
    }
    out.push_str(&format!("\nNever hit ({}):\n", r.never_hit));
    let mut line = String::new();
    for e in r.entries.iter().filter(|e| e.hits == 0) {
        let item = format!("{} ({})", e.term, e.entry);
        if !line.is_empty() && line.len() + item.len() + 2 > 96 {
            out.push_str(&format!("  {}\n", line.trim_end_matches(", ")));
            line.clear();
        }
        line.push_str(&item);
        line.push_str(", ");
    }
    if !line.is_empty() {
        out.push_str(&format!("  {}\n", line.trim_end_matches(", ")));
    }
    out.push_str(&format!(
        "\nMost frequent unmatched words in sentences naming both sides ({}):\n",
        r.unmatched.len()
    ));
    for w in &r.unmatched {
        out.push_str(&format!("{:>6}  {}\n", w.count, w.word));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn analyzer(cues: &str) -> Analyzer {
        let mut lex = Lexicon::from_toml_str(cues, Path::new("t.toml")).unwrap();
        let b = Lexicon::builtin().unwrap();
        lex.modifiers = b.modifiers;
        lex.actors = b.actors;
        Analyzer::new(lex, "Soviet Union,Japan").unwrap()
    }

    #[test]
    fn counts_hits_negation_coverage_and_unmatched() {
        let a = analyzer(
            "[hostility]\ncues = [{ term = \"clash\", weight = 2.0 }, { term = \"border clash\", weight = 3.0 }, { term = \"ultimatum\", weight = 2.0 }]\n",
        );
        let docs = [Document::new(
            "d1",
            "The Soviet Union and Japan had a border clash. There was no clash today between \
             Soviet and Japanese guards. The weather was fine. Japan and the Soviets exchanged \
             prisoners and prisoners.",
        )];
        let r = usage(&a, &docs);
        assert_eq!(r.sentences, 4);
        assert_eq!(r.sentences_with_cue, 2);
        assert_eq!(r.dyad_sentences, 3);
        let e = |t: &str| r.entries.iter().find(|e| e.term == t).unwrap();
        assert_eq!((e("clash").hits, e("clash").negated), (1, 1));
        assert_eq!((e("border clash").hits, e("border clash").negated), (1, 0));
        assert_eq!(e("ultimatum").hits, 0);
        assert_eq!(e("no").hits, 1);
        assert_eq!(e("no").kind, EntryKind::Modifier);
        assert_eq!(r.unmatched[0].word, "prisoners");
        assert_eq!(r.unmatched[0].count, 2);
        // actors, stop words and matched words are not "unmatched"
        for w in [
            "japan", "soviets", "the", "clash", "border", "no", "weather",
        ] {
            assert!(r.unmatched.iter().all(|x| x.word != w), "{w}");
        }
        let text = render_usage(&r);
        assert!(
            text.contains("4 sentences: 2 with a cue hit (50.0%)"),
            "{text}"
        );
        assert!(text.contains("ultimatum (hostility cue)"), "{text}");
    }
}
