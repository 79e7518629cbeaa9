//! `lexicon stats`: how a lexicon is used by a corpus.
//!
//! Coverage (the share of sentences with a cue hit), hits per entry (with how many were
//! negated), the entries never hit, and the most frequent words left unmatched in sentences that
//! name both actors of the dyad: those sentences are about the relationship, so a frequent word
//! there that no entry matches is where a new cue may hide.
//!
//! Built on the scorer's own matcher (`score/matcher.rs`): the same word look-up, the same
//! longest-match walk over the same tries, and the same actors per sentence, so an entry is
//! counted here exactly where the scorer finds it. Whether a cue hit was negated or reversed is
//! the scorer's own verdict ([`Analyzer::score`] with explanations).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::matcher::{Entry, Lookup, Which, is_date_may};
use super::{Analyzer, Workspace};
use crate::corpus::Document;
use crate::lexicon::check::{WordCount, is_stop_word};
use crate::lexicon::pattern::{EntryView, Role, entry_views};
use crate::text::{Token, TokenKind, normalize_into, stemmer};

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

/// Usage statistics with the default options.
pub fn usage(analyzer: &Analyzer, docs: &[Document]) -> UsageReport {
    usage_with(analyzer, docs, &UsageOptions::default())
}

/// Usage statistics of the analyzer's lexicon over documents.
pub fn usage_with(analyzer: &Analyzer, docs: &[Document], opts: &UsageOptions) -> UsageReport {
    let views = entry_views(analyzer.lexicon(), &stemmer());
    let mut counts = Counts::new(views.len());
    let mut ws = Workspace::default();
    for doc in docs {
        let at_byte = count_document(analyzer, &views, doc, &mut ws, &mut counts);
        let scored = analyzer.score(doc, &mut ws, true);
        for h in scored.hits.iter().flatten().filter(|h| h.negated) {
            if let Some(&e) = at_byte.get(&h.start) {
                counts.negated[e] += 1;
            }
        }
    }
    counts.report(&analyzer.dyad().label, &views, docs.len(), opts)
}

/// What [`usage_with`] counts, document after document.
struct Counts {
    /// Per entry (in [`entry_views`] order): matches, negated hits, documents with a match.
    hits: Vec<usize>,
    negated: Vec<usize>,
    in_docs: Vec<usize>,
    /// Unmatched words of dyad sentences.
    unmatched: BTreeMap<String, u64>,
    sentences: usize,
    with_cue: usize,
    dyad_sentences: usize,
    dyad_with_cue: usize,
}

impl Counts {
    fn new(entries: usize) -> Counts {
        Counts {
            hits: vec![0; entries],
            negated: vec![0; entries],
            in_docs: vec![0; entries],
            unmatched: BTreeMap::new(),
            sentences: 0,
            with_cue: 0,
            dyad_sentences: 0,
            dyad_with_cue: 0,
        }
    }

    fn report(
        self,
        dyad: &str,
        views: &[EntryView],
        documents: usize,
        opts: &UsageOptions,
    ) -> UsageReport {
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
                hits: self.hits[i],
                negated: self.negated[i],
                documents: self.in_docs[i],
                location: v.origin.to_string(),
            })
            .collect();
        let mut top: Vec<WordCount> = self
            .unmatched
            .into_iter()
            .map(|(word, count)| WordCount { word, count })
            .collect();
        top.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
        top.truncate(opts.top);
        let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        UsageReport {
            dyad: dyad.to_string(),
            documents,
            sentences: self.sentences,
            sentences_with_cue: self.with_cue,
            coverage: share(self.with_cue, self.sentences),
            dyad_sentences: self.dyad_sentences,
            dyad_sentences_with_cue: self.dyad_with_cue,
            dyad_coverage: share(self.dyad_with_cue, self.dyad_sentences),
            never_hit: entries.iter().filter(|e| e.hits == 0).count(),
            entries,
            unmatched: top,
        }
    }
}

/// Count one document's matches with the scorer's matcher; returns, by start byte, the entry
/// matched there, to attribute the scorer's negated hits.
fn count_document(
    analyzer: &Analyzer,
    views: &[EntryView],
    doc: &Document,
    ws: &mut Workspace,
    c: &mut Counts,
) -> HashMap<u32, usize> {
    let text = doc.text.as_str();
    analyzer.prepare(text, ws);
    let look = Lookup {
        index: &analyzer.index,
        cache: &ws.cache,
        infos: &ws.infos,
    };
    let tokens = &ws.text.tokens;
    let n_cues = analyzer.lexicon().cues.len();
    let mut seen = vec![false; views.len()];
    let mut at_byte = HashMap::new();
    for (si, s) in ws.text.sentences.iter().enumerate() {
        ws.matches.clear();
        look.find(s.tokens(), Which::Cues, &mut ws.matches);
        let (from, to) = (s.first as usize, s.end as usize);
        let mut covered = vec![false; to - from];
        let mut cue_here = false;
        for m in &ws.matches {
            let e = match m.entry {
                Entry::Cue(i) => i as usize,
                Entry::Modifier(i) => n_cues + i as usize,
                Entry::Actor(_) | Entry::NotActor => continue,
            };
            c.hits[e] += 1;
            seen[e] = true;
            at_byte.insert(tokens[m.first as usize].span.start, e);
            // a phrase of weight 0 ("War Office") blocks the cue inside it and is counted as
            // a match, but is not a cue hit
            cue_here |= matches!(views[e].role, Role::Cue(_)) && views[e].weight > 0.0;
            covered[m.first as usize - from..m.end as usize - from].fill(true);
        }
        c.sentences += 1;
        c.with_cue += usize::from(cue_here);
        let here = ws.sentence_actors[si];
        if here.a && here.b {
            c.dyad_sentences += 1;
            c.dyad_with_cue += usize::from(cue_here);
            let actors =
                &ws.actor_matches[ws.actor_starts[si] as usize..ws.actor_starts[si + 1] as usize];
            for k in from..to {
                let in_actor = actors
                    .iter()
                    .any(|m| (m.first as usize..m.end as usize).contains(&k));
                if !covered[k - from] && !in_actor && ws.infos[k].compound_actors == 0 {
                    count_unmatched(text, tokens, k, &mut c.unmatched);
                }
            }
        }
    }
    for (e, s) in seen.iter().enumerate() {
        c.in_docs[e] += usize::from(*s);
    }
    at_byte
}

/// Count word `k` as unmatched unless it is not a word the matcher looks at (numbers,
/// punctuation, "May" before a number), a stop word, shorter than three letters or without a
/// letter.
fn count_unmatched(text: &str, tokens: &[Token], k: usize, out: &mut BTreeMap<String, u64>) {
    if tokens[k].kind != TokenKind::Word {
        return;
    }
    let mut norm = String::new();
    normalize_into(text, &tokens[k], &mut norm);
    if is_date_may(tokens, k, &norm)
        || is_stop_word(&norm)
        || norm.chars().count() < 3
        || !norm.chars().any(char::is_alphabetic)
    {
        return;
    }
    *out.entry(norm).or_insert(0) += 1;
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
    use crate::lexicon::Lexicon;
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
