//! Scoring: from a document and a lexicon to explained scores.
//!
//! An [`Analyzer`] is built once (it compiles the lexicon and resolves the dyad) and shared by
//! every worker; each worker has its own [`Workspace`] (token buffers and the word cache). For
//! each document:
//!
//! 1. tokenize (sentences, tokens, byte offsets);
//! 2. look each word up once per worker: normal form, Snowball stem, lexicon patterns;
//! 3. per sentence, find the actors named and the longest cue and modifier matches;
//! 4. apply the rules ([`rules`]): negation and reversal (clause-bounded), intensity, contrast,
//!    hedges, attribution, and the dyad weighting;
//! 5. sum the hits per dimension and sentence; roll up to document scores (hostility and
//!    rapprochement per 1,000 tokens, uncertainty per square root of the thousands of tokens)
//!    and the tension index; a bootstrap over sentences gives a 90% interval for each.

pub mod dfm;
pub mod kwic;
mod matcher;
pub mod rules;
pub mod sentences;
pub mod stream;
mod types;
pub mod usage;

pub use sentences::SentenceScore;
pub use stream::{BatchLimits, Sink, StreamError, StreamSummary, score_stream};
pub use types::{
    CodebookScale, DocScore, Features, Hit, Interval, Intervals, Modifier, ModifierKind, Scores,
    StatementKind,
};

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use crate::corpus::Document;
use crate::hash::fnv1a;
use crate::lexicon::{Lexicon, LexiconError, ModifierClass};
use crate::text::TokenizedText;
use crate::{dimension::Dimension, span::Span};
use matcher::{CueIndex, Entry, Lookup, Match, TokInfo, Which, WordCache};
use rules::{RawHit, RawModifier, RuleScratch, SentenceActors};

/// Documents shorter than this many tokens are scored as if they had this many, so that one cue
/// in a two-line telegram is not read as a document saturated with hostility.
pub const MIN_TOKENS: f64 = 100.0;
/// Tension of a document with no hostility: "correct but cool" on the codebook's scale.
pub const TENSION_BASE: f64 = 3.0;
/// The level of a hostility cue that gives none in the lexicon, and of hostility presupposed
/// by a cue of another dimension ("truce"): "strained" on the codebook's scale.
pub const DEFAULT_LEVEL: f64 = 5.0;
/// The hostility density (points per 1,000 tokens) that takes tension 63% of the way from the
/// base to the level of the document's hostility: a passing mention of fighting does not make a
/// document read like a battle report, a page of it does.
pub const TENSION_HOSTILITY: f64 = 25.0;
/// How fast tension falls with rapprochement (per unit of `ln(1 + rapprochement / 10)`): the
/// codebook's tension anchors are levels of conflict, and negotiation in a crisis presupposes
/// the crisis, so rapprochement moves tension little; but its low end ("0 cordial") is reached
/// only through rapprochement.
pub const TENSION_RAPPROCHEMENT: f64 = 0.5;
/// The net density of improvement over worsening (points per 1,000 tokens) at which the trend
/// reaches 2 tanh(1) = 1.52 of its range of -2 to 2 (see [`trend`]).
pub const TREND_SCALE: f64 = 50.0;
/// The least relevance (the weight of a document's hostility and rapprochement hits after the
/// rules) at which a document is taken to say something about the dyad: half a plain cue. Below it, tension is null, as an
/// analyst leaves it empty for a document with no Soviet-Japanese content.
pub const RELEVANCE_MIN: f64 = 0.5;
/// Bootstrap resamples of a document's sentences.
pub const BOOTSTRAP_RESAMPLES: usize = 200;
/// Seed of the per-document bootstrap (mixed with a hash of the document id, so a document's
/// interval does not depend on the other documents of the corpus).
pub const BOOTSTRAP_SEED: u64 = 0x00d1_9105_7a9c_e000;

/// The tension index, 0 (cordial) to 10 (open war), from the hostility and rapprochement
/// densities (points per 1,000 tokens) and the level of the hostility (the weighted mean of
/// the levels of its cues, see [`crate::lexicon::Cue::level`]):
///
/// `tension = clamp(3 + (L - 3) (1 - exp(-H/25)) - 0.5 ln(1 + R/10), 0, 10)`
///
/// The codebook's tension scale is a ladder of kinds of conflict (3 correct but cool,
/// 5 strained, 7 incidents and threats, 10 open war), so what kind of conflict a document
/// reports sets where tension is heading, and how much of it the document reports sets how far
/// it gets: protests alone (L = 5) stay below 5 however many there are, a page of fighting
/// (L = 8, H = 50) reaches 7.3. A document with no hostility sits at 3; rapprochement lowers
/// tension a little (R = 10 by 0.35, R = 40 by 0.8). Uncertainty does not enter: it says how
/// sure the writer is, not how tense relations are.
pub fn tension(hostility: f64, rapprochement: f64, level: f64) -> f64 {
    let t = TENSION_BASE
        + (level - TENSION_BASE) * (1.0 - (-hostility.max(0.0) / TENSION_HOSTILITY).exp())
        - TENSION_RAPPROCHEMENT * (1.0 + rapprochement.max(0.0) / 10.0).ln();
    t.clamp(0.0, 10.0)
}

/// The trend, -2 (clearly worsening) to +2 (clearly improving): the direction the writer sees,
/// from the densities (points per 1,000 tokens) of what reports improvement and of what reports
/// worsening:
///
/// `trend = 2 tanh((improvement - worsening) / 50)`
///
/// Improvement is rapprochement affirmed (agreements, a truce, talks) and hostility reversed
/// ("the attacks have subsided", "hostilities ceased"); worsening is rapprochement denied ("no
/// improvement", "ended without agreement") and hostility reported, by its level: fighting
/// (level 8) counts in full, a protest (5) for 0.4, wariness (4) for 0.2, because new fighting is
/// the plainest sign of relations getting worse and a protest a weaker one.
pub fn trend(improvement: f64, worsening: f64) -> f64 {
    2.0 * ((improvement - worsening) / TREND_SCALE).tanh()
}

/// How much a hostility hit of this level says that relations are getting worse: 0 at the
/// base ("correct but cool"), 1 for fighting (level 8).
fn worsening_share(level: f64) -> f64 {
    ((level - TENSION_BASE) / (8.0 - TENSION_BASE)).max(0.0)
}

/// The names of the features, in schema order.
pub const FEATURE_NAMES: &[&str] = &[
    "hostility",
    "rapprochement",
    "uncertainty",
    "tension",
    "hostility_level",
    "trend",
    "hostility_hits",
    "rapprochement_hits",
    "uncertainty_hits",
    "negated_share",
    "dyad_hostility",
    "dyad_rapprochement",
    "hedge_rate",
    "contrast_rate",
    "attributed_share",
    "dyad_sentence_share",
    "third_party_share",
];

/// Each feature in a few words, for legends and tables, in the wording of `docs/outputs.md`
/// ("share of sentences naming both sides", not `dyad_sentence_share`; rates are per 1,000
/// words); an unknown name is returned as it is.
pub fn feature_label(name: &str) -> &str {
    match name {
        "hostility" => "hostility",
        "rapprochement" => "rapprochement",
        "uncertainty" => "uncertainty",
        "tension" => "tension index",
        "hostility_level" => "level of the hostility reported",
        "trend" => "trend (towards improving)",
        "hostility_hits" => "rate of hostility hits",
        "rapprochement_hits" => "rate of rapprochement hits",
        "uncertainty_hits" => "rate of uncertainty hits",
        "negated_share" => "share of cue hits negated",
        "dyad_hostility" => "hostility between the two sides",
        "dyad_rapprochement" => "rapprochement between the two sides",
        "hedge_rate" => "rate of hedges",
        "contrast_rate" => "rate of contrasts (but, although)",
        "attributed_share" => "share of cues reporting another's view",
        "dyad_sentence_share" => "share of sentences naming both sides",
        "third_party_share" => "share of sentences naming a third party",
        other => other,
    }
}

/// Per-document densities are points per this many tokens.
const PER: f64 = 1000.0;

/// The pair of actors whose relations are measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dyad {
    /// Actor index of side A in the lexicon.
    pub a: usize,
    /// Actor index of side B.
    pub b: usize,
    /// Actors counted as side A (A and those on its side).
    pub a_mask: u64,
    /// Actors counted as side B.
    pub b_mask: u64,
    /// Display, e.g. "Soviet Union–Japan".
    pub label: String,
}

impl Dyad {
    /// Resolve `"Soviet Union,Japan"` (ids, names or aliases) against a lexicon.
    pub fn parse(spec: &str, lex: &Lexicon) -> Result<Dyad, LexiconError> {
        let parts: Vec<&str> = spec.split(',').map(str::trim).collect();
        let err = |m: String| LexiconError {
            location: Default::default(),
            message: m,
        };
        if parts.len() != 2 || parts.iter().any(|p| p.is_empty()) {
            return Err(err(format!(
                "dyad \"{spec}\" must name two actors separated by a comma, e.g. \"Soviet Union,Japan\""
            )));
        }
        let find = |name: &str| {
            lex.find_actor(name).ok_or_else(|| {
                let known: Vec<&str> = lex.actors.iter().map(|a| a.name.as_str()).collect();
                err(format!(
                    "unknown actor \"{name}\" in --dyad \"{spec}\" (known: {})",
                    known.join(", ")
                ))
            })
        };
        let (a, b) = (find(parts[0])?, find(parts[1])?);
        if a == b {
            return Err(err(format!("dyad \"{spec}\" names the same actor twice")));
        }
        let mask_of = |x: usize| {
            let id = &lex.actors[x].id;
            lex.actors
                .iter()
                .enumerate()
                .filter(|(i, act)| *i == x || act.side.as_deref() == Some(id))
                .fold(0u64, |m, (i, _)| m | (1u64 << i))
        };
        // An actor on the other's side ("Japan,Manchukuo") is that side by itself: the sides
        // never share an actor, or a sentence naming one would name both.
        let (ma, mb) = (mask_of(a), mask_of(b));
        let bit = |x: usize| 1u64 << x;
        Ok(Dyad {
            a,
            b,
            a_mask: if ma & bit(b) != 0 { ma & !mb } else { ma },
            b_mask: if mb & bit(a) != 0 { mb & !ma } else { mb },
            label: format!("{}–{}", lex.actors[a].name, lex.actors[b].name),
        })
    }

    /// Resolve several dyads, in the order given; a pair given twice (in either order, by any
    /// of its names) is refused, as it would score every document twice for nothing.
    pub fn parse_all<S: AsRef<str>>(specs: &[S], lex: &Lexicon) -> Result<Vec<Dyad>, LexiconError> {
        let mut dyads: Vec<(Dyad, &str)> = Vec::with_capacity(specs.len());
        for spec in specs {
            let spec = spec.as_ref();
            let d = Dyad::parse(spec, lex)?;
            if let Some((_, first)) = dyads.iter().find(|(o, _)| o.same_pair(&d)) {
                return Err(LexiconError {
                    location: Default::default(),
                    message: format!(
                        "--dyad \"{spec}\" names the same pair as --dyad \"{first}\": give each pair once"
                    ),
                });
            }
            dyads.push((d, spec));
        }
        if dyads.is_empty() {
            return Err(LexiconError {
                location: Default::default(),
                message: "no dyad given: name a pair of actors, e.g. \"Soviet Union,Japan\"".into(),
            });
        }
        Ok(dyads.into_iter().map(|(d, _)| d).collect())
    }

    /// Whether two dyads are the same two actors, in either order.
    pub fn same_pair(&self, other: &Dyad) -> bool {
        (self.a, self.b) == (other.a, other.b) || (self.a, self.b) == (other.b, other.a)
    }
}

/// The default dyad.
pub const DEFAULT_DYAD: &str = "Soviet Union,Japan";

/// Scores documents against a lexicon. Immutable and `Send + Sync`: build once, share.
#[derive(Debug)]
pub struct Analyzer {
    lexicon: Lexicon,
    index: CueIndex,
    /// One or more, in the order given; every document is scored once per dyad.
    dyads: Vec<Dyad>,
    /// Computed on first use: only models and the report's footer need it, and hashing the
    /// lexicon costs as much as scoring a few short documents.
    checksum: std::sync::OnceLock<String>,
}

/// Per-worker buffers: reused from document to document, never shared.
#[derive(Debug, Default)]
pub struct Workspace {
    text: TokenizedText,
    cache: WordCache,
    infos: Vec<TokInfo>,
    matches: Vec<Match>,
    /// every actor match of the document, and where each sentence's start
    actor_matches: Vec<Match>,
    actor_starts: Vec<u32>,
    /// per sentence, the actors it names (whatever the dyad)
    actor_masks: Vec<u64>,
    /// every cue and modifier match of the document, and where each sentence's start: found
    /// once, whatever the number of dyads
    cue_matches: Vec<Match>,
    cue_starts: Vec<u32>,
    /// per sentence, its actors seen from the dyad being scored
    sentence_actors: Vec<SentenceActors>,
    hits: Vec<RawHit>,
    mods: Vec<RawModifier>,
    scratch: RuleScratch,
    /// per sentence: see [`Sums`]
    sums: Vec<Sums>,
}

/// Workspaces kept across batches, one per concurrent task: a task takes a free one, so the
/// word caches stay warm for the whole corpus.
#[derive(Debug, Default)]
pub struct WorkspacePool {
    slots: std::sync::Mutex<Vec<Workspace>>,
}

impl Workspace {
    /// Benchmark hook (not part of the API): tokenize `text` into this workspace, as the first
    /// step of [`Analyzer::score`] does; returns the number of tokens.
    #[doc(hidden)]
    pub fn bench_tokenize(&mut self, text: &str) -> usize {
        self.text.tokenize(text);
        self.text.tokens.len()
    }
}

impl WorkspacePool {
    /// An empty pool (workspaces are created on demand).
    pub fn new() -> Self {
        WorkspacePool::default()
    }

    /// Run `f` with a workspace from the pool.
    pub fn with<T>(&self, f: impl FnOnce(&mut Workspace) -> T) -> T {
        let taken = self.slots.lock().map(|mut v| v.pop()).unwrap_or(None);
        let mut ws = taken.unwrap_or_default();
        let out = f(&mut ws);
        if let Ok(mut v) = self.slots.lock() {
            v.push(ws);
        }
        out
    }
}

impl Analyzer {
    /// Build an analyzer for a lexicon and a dyad such as `"Soviet Union,Japan"`.
    pub fn new(lexicon: Lexicon, dyad: &str) -> Result<Analyzer, LexiconError> {
        Analyzer::with_dyads(lexicon, &[dyad])
    }

    /// Build an analyzer that scores every document once per dyad, in the order given (see
    /// [`Dyad::parse_all`]); with more than one, each score says its dyad
    /// ([`DocScore::dyad`]).
    pub fn with_dyads<S: AsRef<str>>(
        lexicon: Lexicon,
        dyads: &[S],
    ) -> Result<Analyzer, LexiconError> {
        let dyads = Dyad::parse_all(dyads, &lexicon)?;
        let index = CueIndex::new(&lexicon);
        Ok(Analyzer {
            lexicon,
            index,
            dyads,
            checksum: std::sync::OnceLock::new(),
        })
    }

    /// The default lexicon and dyad.
    pub fn builtin() -> Result<Analyzer, LexiconError> {
        Analyzer::new(Lexicon::builtin()?, DEFAULT_DYAD)
    }

    /// The lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The lexicon's checksum.
    pub fn lexicon_checksum(&self) -> &str {
        self.checksum.get_or_init(|| self.lexicon.checksum())
    }

    /// The dyad (the first, when there are several).
    pub fn dyad(&self) -> &Dyad {
        &self.dyads[0]
    }

    /// Every dyad, in the order given.
    pub fn dyads(&self) -> &[Dyad] {
        &self.dyads
    }

    /// Score documents on all threads of the current rayon pool, in input order (with several
    /// dyads, each document's scores in dyad order: see [`Analyzer::score_each`]); the result
    /// is the same whatever the number of threads.
    pub fn score_all(&self, docs: &[Document], explain: bool) -> Vec<DocScore> {
        // a pool rather than one workspace per rayon job: the word caches stay warm
        self.score_batch(docs, explain, &WorkspacePool::new())
    }

    /// Score a batch of documents on all threads of the current rayon pool, in input order
    /// (each document's scores in dyad order), with workspaces (and their word caches) kept
    /// from batch to batch in `pool`.
    pub fn score_batch(
        &self,
        docs: &[Document],
        explain: bool,
        pool: &WorkspacePool,
    ) -> Vec<DocScore> {
        const CHUNK: usize = 4;
        let chunks: Vec<Vec<DocScore>> = docs
            .par_chunks(CHUNK)
            .map(|chunk| {
                pool.with(|ws| {
                    chunk
                        .iter()
                        .flat_map(|d| self.score_each(d, ws, explain))
                        .collect()
                })
            })
            .collect();
        chunks.into_iter().flatten().collect()
    }

    /// Benchmark hook (not part of the API): look every word of the text last tokenized in `ws`
    /// up in the cue index and find the cue matches of each sentence, as [`Analyzer::score`]
    /// does; returns the number of matches.
    #[doc(hidden)]
    pub fn bench_match(&self, text: &str, ws: &mut Workspace) -> usize {
        self.describe(text, ws);
        let look = Lookup {
            index: &self.index,
            cache: &ws.cache,
            infos: &ws.infos,
        };
        let mut n = 0;
        for s in &ws.text.sentences {
            ws.matches.clear();
            look.find(s.tokens(), Which::Cues, &mut ws.matches);
            n += ws.matches.len();
        }
        n
    }

    /// Score one document for the (first) dyad. With `explain`, every hit is returned with
    /// its context.
    pub fn score(&self, doc: &Document, ws: &mut Workspace, explain: bool) -> DocScore {
        self.read(doc.text.as_str(), ws);
        self.score_read(doc, ws, explain, self.dyad())
    }

    /// Score one document once per dyad, in dyad order. The words are looked up and the cues
    /// and actors found once; only the rules and the sums are done again for each dyad.
    pub fn score_each(&self, doc: &Document, ws: &mut Workspace, explain: bool) -> Vec<DocScore> {
        self.read(doc.text.as_str(), ws);
        self.dyads
            .iter()
            .map(|dyad| self.score_read(doc, ws, explain, dyad))
            .collect()
    }

    /// Score the document [`Analyzer::read`] last read into `ws` for one dyad.
    fn score_read(
        &self,
        doc: &Document,
        ws: &mut Workspace,
        explain: bool,
        dyad: &Dyad,
    ) -> DocScore {
        let text = doc.text.as_str();
        let doc_both = self.place_dyad(dyad, ws);
        let tally = self.weigh_sentences(text, ws, doc_both, dyad);

        let totals = rollup_totals(&ws.sums);
        let scores = scores_from_totals(totals);
        let interval = bootstrap(&ws.sums, BOOTSTRAP_SEED ^ fnv1a(doc.id.as_bytes()), scores);
        let values = self.features(ws, &tally, &totals, &scores);
        let relevance = relevance(ws);
        let hits = explain.then(|| self.explain(doc, ws));
        DocScore {
            id: doc.id.clone(),
            dyad: (self.dyads.len() > 1).then(|| dyad.label.clone()),
            meta: doc.meta.clone(),
            tokens: tally.tokens,
            sentences: ws.text.sentences.len(),
            scores,
            relevance,
            interval,
            features: Features {
                names: FEATURE_NAMES,
                values,
            },
            cluster: None,
            distance: None,
            scale: None,
            hits,
        }
    }

    /// The first steps of [`Analyzer::score`], which `lexicon stats` ([`usage`]) takes too:
    /// [`Analyzer::read`] `text` into `ws` and place each sentence's actors on the (first)
    /// dyad's sides; true when the document names both sides of the dyad.
    fn prepare(&self, text: &str, ws: &mut Workspace) -> bool {
        self.read(text, ws);
        self.place_dyad(self.dyad(), ws)
    }

    /// What does not depend on the dyad: tokenize `text` into `ws`, look its words up, and
    /// find each sentence's actors and cue matches.
    fn read(&self, text: &str, ws: &mut Workspace) {
        ws.text.tokenize(text);
        self.describe(text, ws);
        self.find_actors(ws);
        self.find_cues(text, ws);
    }

    /// Look every token of the text tokenized in `ws` up in the cue index (into `ws.infos`).
    fn describe(&self, text: &str, ws: &mut Workspace) {
        matcher::describe_tokens(
            &self.index,
            &mut ws.cache,
            text,
            &ws.text.tokens,
            &mut ws.infos,
        );
    }

    /// The actors each sentence names (into `ws.actor_matches` and `ws.actor_masks`).
    fn find_actors(&self, ws: &mut Workspace) {
        let look = Lookup {
            index: &self.index,
            cache: &ws.cache,
            infos: &ws.infos,
        };
        ws.actor_masks.clear();
        ws.actor_matches.clear();
        ws.actor_starts.clear();
        for s in &ws.text.sentences {
            let start = ws.actor_matches.len();
            ws.actor_starts.push(start as u32);
            look.find(s.tokens(), Which::Actors, &mut ws.actor_matches);
            let mut mask = 0u64;
            for m in &ws.actor_matches[start..] {
                if let Entry::Actor(a) = m.entry {
                    mask |= 1u64 << a;
                }
            }
            for k in s.tokens() {
                mask |= ws.infos[k].compound_actors;
            }
            ws.actor_masks.push(mask);
        }
        ws.actor_starts.push(ws.actor_matches.len() as u32);
    }

    /// Each sentence's cue and modifier matches (into `ws.cue_matches`), without the halves of
    /// a "not only ... but" ([`rules::correlative`]).
    fn find_cues(&self, text: &str, ws: &mut Workspace) {
        let look = Lookup {
            index: &self.index,
            cache: &ws.cache,
            infos: &ws.infos,
        };
        ws.cue_matches.clear();
        ws.cue_starts.clear();
        for s in &ws.text.sentences {
            let start = ws.cue_matches.len();
            ws.cue_starts.push(start as u32);
            look.find(s.tokens(), Which::Cues, &mut ws.cue_matches);
            rules::correlative::drop_correlatives(
                &self.lexicon,
                text,
                &ws.text.tokens,
                &mut ws.cue_matches,
                start,
            );
        }
        ws.cue_starts.push(ws.cue_matches.len() as u32);
    }

    /// Each sentence's actors seen from `dyad` (into `ws.sentence_actors`); true when the
    /// document names both its sides.
    fn place_dyad(&self, dyad: &Dyad, ws: &mut Workspace) -> bool {
        let all_dyad = dyad.a_mask | dyad.b_mask;
        ws.sentence_actors.clear();
        let mut doc_mask = 0u64;
        for &mask in &ws.actor_masks {
            doc_mask |= mask;
            ws.sentence_actors.push(SentenceActors {
                mask,
                a: mask & dyad.a_mask != 0,
                b: mask & dyad.b_mask != 0,
                third: mask & !all_dyad != 0,
            });
        }
        doc_mask & dyad.a_mask != 0 && doc_mask & dyad.b_mask != 0
    }

    /// Find each sentence's cue matches, apply the rules, and sum its hits (into `ws.hits`,
    /// `ws.mods`, `ws.sums`); return what the features count along the way.
    fn weigh_sentences(
        &self,
        text: &str,
        ws: &mut Workspace,
        doc_both: bool,
        dyad: &Dyad,
    ) -> Tally {
        let tokens = &ws.text.tokens;
        ws.hits.clear();
        ws.mods.clear();
        ws.sums.clear();
        let mut tally = Tally::default();
        for (si, s) in ws.text.sentences.iter().enumerate() {
            let lexical = s.tokens().filter(|&k| tokens[k].is_lexical()).count();
            tally.tokens += lexical;
            let matches =
                &ws.cue_matches[ws.cue_starts[si] as usize..ws.cue_starts[si + 1] as usize];
            tally.count_modifiers(&self.lexicon, matches);
            let here = ws.sentence_actors[si];
            let prev = match si {
                0 => SentenceActors::default(),
                _ => ws.sentence_actors[si - 1],
            };
            tally.dyad_sentences += usize::from(here.a && here.b);
            tally.third_sentences += usize::from(here.third);
            let before = ws.hits.len();
            rules::apply(
                &self.lexicon,
                rules::SentenceInput {
                    text,
                    tokens,
                    first_tok: s.first as usize,
                    end_tok: s.end as usize,
                    matches,
                    sentence: si as u32,
                    dyad: rules::dyad_factor(here, prev, doc_both),
                    actors: &ws.actor_matches
                        [ws.actor_starts[si] as usize..ws.actor_starts[si + 1] as usize],
                    infos: &ws.infos,
                    sides: rules::Sides {
                        a: dyad.a_mask,
                        b: dyad.b_mask,
                    },
                },
                &mut ws.scratch,
                &mut ws.hits,
                &mut ws.mods,
            );
            let sum = self.sum_sentence(&ws.hits[before..], &ws.mods, here, lexical, &mut tally);
            ws.sums.push(sum);
        }
        tally
    }

    /// The [`Sums`] of one sentence's hits, and their share of the trend and the dyad features.
    fn sum_sentence(
        &self,
        hits: &[RawHit],
        mods: &[RawModifier],
        here: SentenceActors,
        lexical: usize,
        tally: &mut Tally,
    ) -> Sums {
        let mut sum = [0.0, 0.0, 0.0, lexical as f64, 0.0, 0.0];
        for h in hits {
            sum[h.dimension.index()] += h.weight;
            if let Some(level) = self.level_of(h)
                && h.weight > 0.0
            {
                sum[4] += h.weight;
                sum[5] += h.weight * level;
                tally.worsening += h.weight * worsening_share(level);
            }
            let reversed = || {
                mods[h.mods.0 as usize..h.mods.1 as usize]
                    .iter()
                    .any(|m| m.kind == ModifierKind::Reversed)
            };
            match h.dimension {
                Dimension::Rapprochement if h.weight > 0.0 => tally.improvement += h.weight,
                Dimension::Rapprochement => tally.worsening -= h.weight,
                Dimension::Hostility if h.weight < 0.0 && reversed() => {
                    tally.improvement -= h.weight
                }
                _ => {}
            }
            if here.a && here.b {
                match h.dimension {
                    Dimension::Hostility => tally.dyad_h += h.weight,
                    Dimension::Rapprochement => tally.dyad_r += h.weight,
                    Dimension::Uncertainty => {}
                }
            }
        }
        sum
    }

    /// The feature vector, in the order of [`FEATURE_NAMES`].
    fn features(&self, ws: &Workspace, tally: &Tally, totals: &Sums, scores: &Scores) -> Vec<f64> {
        let denom = (tally.tokens as f64).max(MIN_TOKENS);
        let n_sent = ws.text.sentences.len().max(1) as f64;
        let mut counts = [0usize; 3];
        let (mut negated, mut attributed, mut cue_hits) = (0usize, 0usize, 0usize);
        for h in &ws.hits {
            counts[h.dimension.index()] += 1;
            if matches!(h.entry, Entry::Cue(_)) {
                cue_hits += 1;
                negated += usize::from(h.negated);
                attributed += usize::from(
                    ws.mods[h.mods.0 as usize..h.mods.1 as usize]
                        .iter()
                        .any(|m| m.kind == ModifierKind::Attributed),
                );
            }
        }
        let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let values = vec![
            scores.hostility,
            scores.rapprochement,
            scores.uncertainty,
            scores.tension,
            level_from_totals(totals),
            round6(trend(
                tally.improvement / denom * PER,
                tally.worsening / denom * PER,
            )),
            counts[0] as f64 / denom * PER,
            counts[1] as f64 / denom * PER,
            counts[2] as f64 / denom * PER,
            share(negated, cue_hits),
            tally.dyad_h.max(0.0) / denom * PER,
            tally.dyad_r.max(0.0) / denom * PER,
            tally.hedges as f64 / denom * PER,
            tally.contrasts as f64 / denom * PER,
            share(attributed, cue_hits),
            tally.dyad_sentences as f64 / n_sent,
            tally.third_sentences as f64 / n_sent,
        ];
        debug_assert_eq!(values.len(), FEATURE_NAMES.len());
        values
    }

    /// The level of a hostility hit (see [`crate::lexicon::Cue::level`]): its cue's, or
    /// [`DEFAULT_LEVEL`] for a cue without one; for hostility presupposed by a cue of another
    /// dimension, the level the presupposition gives ("truce": fighting) or the default; for an
    /// alignment counted as hostility, [`rules::ALIGNMENT_LEVEL`].
    /// `None` for hits of other dimensions.
    fn level_of(&self, h: &RawHit) -> Option<f64> {
        if h.dimension != Dimension::Hostility {
            return None;
        }
        let level = match h.entry {
            Entry::Cue(i) => {
                let cue = &self.lexicon.cues[i as usize];
                if cue.dimension == Dimension::Hostility {
                    cue.level.unwrap_or(DEFAULT_LEVEL)
                } else if let Some(p) = cue.presupposes {
                    p.level.unwrap_or(DEFAULT_LEVEL)
                } else if cue.alignment {
                    rules::ALIGNMENT_LEVEL
                } else {
                    DEFAULT_LEVEL
                }
            }
            _ => DEFAULT_LEVEL,
        };
        Some(level)
    }

    /// The ids of the actors in a mask, in lexicon order.
    fn actor_ids(&self, mask: u64) -> Vec<String> {
        self.lexicon
            .actors
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1u64 << i) != 0)
            .map(|(_, a)| a.id.clone())
            .collect()
    }

    fn explain(&self, doc: &Document, ws: &Workspace) -> Vec<Hit> {
        let text = doc.text.as_str();
        let tokens = &ws.text.tokens;
        let span_of = |first: u32, end: u32| {
            Span::new(
                tokens[first as usize].span.start as usize,
                tokens[end as usize - 1].span.end as usize,
            )
        };
        ws.hits
            .iter()
            .map(|h| {
                let span = span_of(h.first, h.end);
                let sentence = ws.text.sentences[h.sentence as usize];
                let term = match h.entry {
                    Entry::Cue(i) => self.lexicon.cues[i as usize].term.clone(),
                    Entry::Modifier(i) => self.lexicon.modifiers[i as usize].term.clone(),
                    Entry::Actor(i) => self.lexicon.actors[i as usize].name.clone(),
                    // hits come from cues and modifiers; names are matched only among actors
                    Entry::NotActor => String::new(),
                };
                let modifiers = ws.mods[h.mods.0 as usize..h.mods.1 as usize]
                    .iter()
                    .map(|m| {
                        let s = span_of(m.first, m.end);
                        Modifier {
                            kind: m.kind,
                            term: match m.kind {
                                ModifierKind::OffDyad => {
                                    "sentence does not name both sides".to_string()
                                }
                                ModifierKind::OtherPair => {
                                    "participants are another pair".to_string()
                                }
                                _ => collapse(&text[s.range()]),
                            },
                            start: s.start,
                            end: s.end,
                            factor: m.factor,
                        }
                    })
                    .collect();
                let actors = self.actor_ids(ws.sentence_actors[h.sentence as usize].mask);
                let participants = self.actor_ids(h.participants);
                let (context, context_match) = context_of(text, sentence.span, span);
                Hit {
                    term,
                    text: collapse(&text[span.range()]),
                    dimension: h.dimension,
                    base_weight: h.base_weight,
                    weight: round6(h.weight),
                    level: self.level_of(h),
                    negated: h.negated,
                    statement: h.statement,
                    modifiers,
                    actors,
                    participants,
                    sentence: h.sentence,
                    start: span.start,
                    end: span.end,
                    context,
                    context_match,
                }
            })
            .collect()
    }
}

/// Round to 6 decimals, so that outputs do not show float noise (0.30000000000000004).
pub fn round6(x: f64) -> f64 {
    // adding 0.0 turns -0.0 (a negated cue in a document off the dyad) into 0.0
    (x * 1e6).round() / 1e6 + 0.0
}

/// Whitespace runs collapsed to one space.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Longest context shown around a hit, in bytes of the original text on each side.
const CONTEXT_RADIUS: usize = 240;

/// The sentence around a hit (at most [`CONTEXT_RADIUS`] bytes either side), whitespace
/// collapsed, and where the hit is inside it.
fn context_of(text: &str, sentence: Span, hit: Span) -> (String, Span) {
    let mut from =
        (sentence.start as usize).max((hit.start as usize).saturating_sub(CONTEXT_RADIUS));
    let mut to = (sentence.end as usize).min(hit.end as usize + CONTEXT_RADIUS);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let before = collapse(&text[from..hit.start as usize]);
    let inner = collapse(&text[hit.range()]);
    let after = collapse(&text[hit.end as usize..to]);
    let ws_before = text[from..hit.start as usize]
        .chars()
        .last()
        .is_some_and(char::is_whitespace);
    let ws_after = text[hit.end as usize..to]
        .chars()
        .next()
        .is_some_and(char::is_whitespace);
    let mut ctx = String::with_capacity(before.len() + inner.len() + after.len() + 2);
    ctx.push_str(&before);
    if ws_before && !before.is_empty() {
        ctx.push(' ');
    }
    let m_start = ctx.len();
    ctx.push_str(&inner);
    let m_end = ctx.len();
    if ws_after && !after.is_empty() {
        ctx.push(' ');
    }
    ctx.push_str(&after);
    (ctx, Span::new(m_start, m_end))
}

/// How much a document says about the dyad: the summed absolute weight of its hostility and
/// rapprochement hits, after every rule (a cue about another pair, or in a document that never
/// names both sides, adds little or nothing). Uncertainty does not count: doubt about nothing
/// is not content.
fn relevance(ws: &Workspace) -> f64 {
    let weight: f64 = ws
        .hits
        .iter()
        .filter(|h| h.dimension != Dimension::Uncertainty)
        .map(|h| h.weight.abs())
        .sum();
    round6(weight)
}

/// What the features count while the sentences are weighed.
#[derive(Debug, Default)]
struct Tally {
    /// Words and numbers.
    tokens: usize,
    /// Sentences naming both sides, and naming a third party.
    dyad_sentences: usize,
    third_sentences: usize,
    /// Contrast markers and hedges matched.
    contrasts: usize,
    hedges: usize,
    /// Hostility and rapprochement in sentences naming both sides.
    dyad_h: f64,
    dyad_r: f64,
    /// What reports improvement and worsening (see [`trend`]).
    improvement: f64,
    worsening: f64,
}

impl Tally {
    /// Count the contrast markers and hedges among a sentence's matches.
    fn count_modifiers(&mut self, lex: &Lexicon, matches: &[Match]) {
        for m in matches {
            if let Entry::Modifier(i) = m.entry {
                match lex.modifiers[i as usize].class {
                    ModifierClass::Contrast | ModifierClass::Concessive => self.contrasts += 1,
                    ModifierClass::Hedge => self.hedges += 1,
                    _ => {}
                }
            }
        }
    }
}

/// Per-sentence sums: hostility, rapprochement and uncertainty weights, token count, and the
/// weight and level-weighted weight of the hostility hits that count toward the level (those
/// with a positive weight: what the writer reports, not what is denied).
type Sums = [f64; 6];

fn rollup_totals(sums: &[Sums]) -> Sums {
    let mut t = [0.0f64; 6];
    for s in sums {
        for k in 0..6 {
            t[k] += s[k];
        }
    }
    t
}

/// The weighted mean level of the hostility that counts (see [`tension`]); the base when there
/// is none.
fn level_from_totals(t: &Sums) -> f64 {
    if t[4] > 0.0 {
        round6(t[5] / t[4])
    } else {
        TENSION_BASE
    }
}

/// The scores from a document's (or a sentence's) sums. Hostility and rapprochement are rates
/// per 1,000 tokens, the densities the tension index reads. Uncertainty is its weight over the
/// square root of the length in thousands of tokens (the same at 1,000): a writer's doubt does
/// not thin out with the length of his report as conflict in it does, and per 1,000 words a
/// 1,300-word despatch that hedges five times would count less than a 150-word telegram that
/// hedges once. On the two rated sets the square root agrees better with the analysts
/// (1938 extract and seeds: Spearman 0.842 per 1,000 words, 0.866 so; 1931-1941: 0.706,
/// 0.708).
fn scores_from_totals(t: Sums) -> Scores {
    let denom = t[3].max(MIN_TOKENS);
    let h = round6(t[0].max(0.0) / denom * PER);
    let r = round6(t[1].max(0.0) / denom * PER);
    let u = round6(t[2].max(0.0) / (denom / PER).sqrt());
    Scores {
        hostility: h,
        rapprochement: r,
        uncertainty: u,
        tension: round6(tension(h, r, level_from_totals(&t))),
    }
}

/// The two ranks (floor and ceiling of the position) a linearly interpolated quantile reads.
fn quantile_ranks(f: f64) -> (usize, usize) {
    let pos = f * (BOOTSTRAP_RESAMPLES - 1) as f64;
    (pos.floor() as usize, pos.ceil() as usize)
}

/// The key [`f64::total_cmp`] orders by: comparing keys as integers is comparing the floats
/// with `total_cmp`. The map is its own inverse.
#[inline]
fn total_key(bits: i64) -> i64 {
    bits ^ ((((bits >> 63) as u64) >> 1) as i64)
}

/// At most this many order statistics are kept by the selection below; beyond that it sorts.
const MAX_KEPT: usize = 16;

/// The values at the given ranks (pairs `(lo, hi)` with `hi <= lo + 1`) of `v` sorted by
/// [`f64::total_cmp`]. The quantiles read ranks near either end (9 and 10, 189 and 190 of 200),
/// so one pass keeps the few smallest or largest keys in a small sorted buffer instead of
/// sorting the whole vector. Elements equal under `total_cmp` are the same bits, so the values
/// are exactly those a sort would place at those ranks. `v` may be reordered.
fn order_statistics(v: &mut [f64], ranks: [(usize, usize); 2]) -> [(f64, f64); 2] {
    let n = v.len();
    let mut out = [(0.0, 0.0); 2];
    for (slot, &(lo, hi)) in out.iter_mut().zip(&ranks) {
        debug_assert!(lo <= hi && hi <= lo + 1 && hi < n);
        *slot = if hi < MAX_KEPT {
            // the hi + 1 smallest, ascending
            let kept = extreme_keys(v, hi + 1, |a, b| a < b);
            (key_value(kept[lo]), key_value(kept[hi]))
        } else if n - lo <= MAX_KEPT {
            // the n - lo largest, descending: rank r is at n - 1 - r
            let kept = extreme_keys(v, n - lo, |a, b| a > b);
            (key_value(kept[n - 1 - lo]), key_value(kept[n - 1 - hi]))
        } else {
            v.sort_by(f64::total_cmp);
            (v[lo], v[hi])
        };
    }
    out
}

fn key_value(key: i64) -> f64 {
    f64::from_bits(total_key(key) as u64)
}

/// The `k` (at most [`MAX_KEPT`]) first keys of `v` in the order `before`, in that order.
fn extreme_keys(v: &[f64], k: usize, before: impl Fn(i64, i64) -> bool) -> [i64; MAX_KEPT] {
    let mut kept = [0i64; MAX_KEPT];
    let mut len = 0usize;
    for &x in v {
        let key = total_key(x.to_bits() as i64);
        if len == k && !before(key, kept[k - 1]) {
            continue;
        }
        // insertion into the sorted buffer, dropping the last when full
        let mut i = if len < k {
            len += 1;
            len - 1
        } else {
            k - 1
        };
        while i > 0 && before(key, kept[i - 1]) {
            kept[i] = kept[i - 1];
            i -= 1;
        }
        kept[i] = key;
    }
    kept
}

/// A 90% percentile bootstrap over sentences: resample the document's sentences with
/// replacement, recompute each score, take the 5th and 95th percentiles. The interval always
/// contains the point estimate (widened to it if the resamples miss it). One sentence or none:
/// the interval is the point.
fn bootstrap(sums: &[Sums], seed: u64, point: Scores) -> Intervals {
    let p = point.to_array();
    let degenerate = |k: usize| Interval {
        low: p[k],
        high: p[k],
    };
    let n = sums.len();
    // No hit in any sentence: every resample scores 0, 0, 0 and tension 3 exactly, so the
    // interval is the point (the quantiles of a constant, clamped to it and rounded, are that
    // constant); the resampling would only confirm it.
    let no_hits = sums
        .iter()
        .all(|s| s[0] == 0.0 && s[1] == 0.0 && s[2] == 0.0);
    if n < 2 || no_hits {
        return Intervals {
            hostility: degenerate(0),
            rapprochement: degenerate(1),
            uncertainty: degenerate(2),
            tension: degenerate(3),
        };
    }
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut reps: [Vec<f64>; 4] = Default::default();
    for r in reps.iter_mut() {
        r.reserve(BOOTSTRAP_RESAMPLES);
    }
    for _ in 0..BOOTSTRAP_RESAMPLES {
        let mut t = [0.0f64; 6];
        for _ in 0..n {
            let s = &sums[rng.gen_range(0..n)];
            for k in 0..6 {
                t[k] += s[k];
            }
        }
        let sc = scores_from_totals(t).to_array();
        for k in 0..4 {
            reps[k].push(sc[k]);
        }
    }
    let mut iv = [Interval::default(); 4];
    for k in 0..4 {
        // Only four order statistics are read, so they are selected rather than the whole
        // vector sorted: the same values as `sort_by(f64::total_cmp)` gives at those ranks.
        let ranks = [quantile_ranks(0.05), quantile_ranks(0.95)];
        let stats = order_statistics(&mut reps[k], ranks);
        let q = |i: usize, f: f64| {
            let pos = f * (BOOTSTRAP_RESAMPLES - 1) as f64;
            let w = pos - pos.floor();
            stats[i].0 * (1.0 - w) + stats[i].1 * w
        };
        iv[k] = Interval {
            low: round6(q(0, 0.05).min(p[k])),
            high: round6(q(1, 0.95).max(p[k])),
        };
    }
    Intervals {
        hostility: iv[0],
        rapprochement: iv[1],
        uncertainty: iv[2],
        tension: iv[3],
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod order_tests {
    use super::*;

    /// The selection gives the values a full sort gives, on vectors with ties, signed zeros,
    /// negative numbers and the ranks the bootstrap reads.
    #[test]
    fn order_statistics_match_a_sort() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        let ranks = [quantile_ranks(0.05), quantile_ranks(0.95)];
        for round in 0..300 {
            let v: Vec<f64> = (0..BOOTSTRAP_RESAMPLES)
                .map(|_| match round % 3 {
                    0 => rng.gen_range(-5.0..5.0),
                    1 => [0.0, -0.0, 1.5, -2.25, 3.0][rng.gen_range(0..5)],
                    _ => round6(rng.gen_range(0.0..1e-3)),
                })
                .collect();
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            let got = order_statistics(&mut v.clone(), ranks);
            for (i, &(lo, hi)) in ranks.iter().enumerate() {
                assert_eq!(got[i].0.to_bits(), sorted[lo].to_bits());
                assert_eq!(got[i].1.to_bits(), sorted[hi].to_bits());
            }
            // ranks away from both ends fall back to sorting
            let mid = order_statistics(&mut v.clone(), [(50, 51), (100, 100)]);
            assert_eq!(mid[0], (sorted[50], sorted[51]));
            assert_eq!(mid[1].0, sorted[100]);
        }
    }
}
