//! Scores per sentence (`score --by sentence`): every sentence of a document with its scores,
//! the actors it names and its hits, for reading a document's assessment line by line or for
//! models that work on sentences.
//!
//! A sentence is scored exactly as inside its document (the rules see the same neighbours and
//! the same document-wide facts, such as whether the document names both sides), and its sums
//! are turned into scores by the document formula (points per 1,000 words, uncertainty per
//! square root of the thousands of words), a sentence counting as [`super::MIN_TOKENS`] words
//! at least, so that a sentence's scores are on the same scale
//! as a short document's.

use serde::Serialize;

use super::{
    Analyzer, DocScore, Hit, RELEVANCE_MIN, Workspace, collapse, round6, scores_from_totals,
};
use crate::corpus::Document;
use crate::dimension::Dimension;

/// One sentence of a document, scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceScore {
    /// Document id.
    pub id: String,
    /// The dyad scored, when the document was scored for several (see
    /// [`crate::score::DocScore::dyad`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dyad: Option<String>,
    /// Sentence number in the document, from 0.
    pub sentence: u32,
    /// Byte offsets of the sentence in the document's text (end exclusive).
    pub start: u32,
    /// End offset.
    pub end: u32,
    /// Words and numbers scored.
    pub tokens: usize,
    /// Hostility, points per 1,000 words.
    pub hostility: f64,
    /// Rapprochement, points per 1,000 words.
    pub rapprochement: f64,
    /// Uncertainty, points per square root of the thousands of words.
    pub uncertainty: f64,
    /// Tension (0-10), or `None` when the sentence says nothing about the dyad (relevance below
    /// [`RELEVANCE_MIN`]).
    pub tension: Option<f64>,
    /// The summed absolute weight of its hostility and rapprochement hits.
    pub relevance: f64,
    /// The actor ids the sentence names, in lexicon order.
    pub actors: Vec<String>,
    /// Its hits, in text order.
    pub hits: Vec<Hit>,
    /// The sentence, whitespace collapsed.
    pub text: String,
}

impl Analyzer {
    /// Every sentence of `doc`, scored, in text order; with several dyads, all its sentences
    /// for the first dyad, then for the next.
    pub fn score_sentences(&self, doc: &Document, ws: &mut Workspace) -> Vec<SentenceScore> {
        self.read(doc.text.as_str(), ws);
        let mut out = Vec::new();
        for dyad in self.dyads() {
            let scored = self.score_read(doc, ws, true, dyad);
            out.extend(self.sentences_of(doc, ws, scored));
        }
        out
    }

    /// The sentences of `doc` from its score `scored`, the score [`Analyzer::score_read`] just
    /// left its sums in `ws` for.
    fn sentences_of(&self, doc: &Document, ws: &Workspace, scored: DocScore) -> Vec<SentenceScore> {
        let mut hits: Vec<Vec<Hit>> = vec![Vec::new(); ws.text.sentences.len()];
        for h in scored.hits.into_iter().flatten() {
            if let Some(v) = hits.get_mut(h.sentence as usize) {
                v.push(h);
            }
        }
        ws.text
            .sentences
            .iter()
            .zip(&ws.sums)
            .zip(hits)
            .enumerate()
            .map(|(i, ((s, sums), hits))| {
                let scores = scores_from_totals(*sums);
                let relevance = round6(
                    hits.iter()
                        .filter(|h| h.dimension != Dimension::Uncertainty)
                        .map(|h| h.weight.abs())
                        .sum(),
                );
                SentenceScore {
                    id: doc.id.clone(),
                    dyad: scored.dyad.clone(),
                    sentence: i as u32,
                    start: s.span.start,
                    end: s.span.end,
                    tokens: sums[3] as usize,
                    hostility: scores.hostility,
                    rapprochement: scores.rapprochement,
                    uncertainty: scores.uncertainty,
                    tension: (relevance >= RELEVANCE_MIN).then_some(scores.tension),
                    relevance,
                    actors: self.actor_ids(ws.sentence_actors[i].mask),
                    hits,
                    text: collapse(&doc.text[s.span.range()]),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::{ReadOptions, load};
    use crate::score::{Analyzer, Workspace};

    /// On the 1938 extract: one row per sentence of each document, the hits of the document
    /// shared out among its sentences, and a document's hostility the length-weighted sum of
    /// its sentences' (for documents of at least 100 words, where no floor applies).
    #[test]
    fn sentences_share_out_the_document() {
        let path = std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpus/frus1938v03-soviet-japanese-border.xml"
        ));
        let corpus = load(&[path], &ReadOptions::default()).unwrap();
        let a = Analyzer::builtin().unwrap();
        let mut ws = Workspace::default();
        let mut checked = 0;
        for doc in &corpus.docs {
            let d = a.score(doc, &mut ws, true);
            let s = a.score_sentences(doc, &mut ws);
            assert_eq!(s.len(), d.sentences, "{}", doc.id);
            let hits: usize = s.iter().map(|x| x.hits.len()).sum();
            assert_eq!(hits, d.hits.as_ref().unwrap().len());
            assert_eq!(s.iter().map(|x| x.tokens).sum::<usize>(), d.tokens);
            for x in &s {
                assert!(
                    doc.text[x.start as usize..x.end as usize]
                        .contains(x.text.split_whitespace().next().unwrap_or(""))
                );
                assert!(x.hits.iter().all(|h| h.start >= x.start && h.end <= x.end));
            }
            let no_negative =
                d.hits.iter().flatten().all(|h| {
                    h.dimension != crate::dimension::Dimension::Hostility || h.weight >= 0.0
                });
            if d.tokens >= 100 && no_negative {
                // a sentence's density is over max(its words, 100): undo it and add up
                let points: f64 = s
                    .iter()
                    .map(|x| x.hostility * (x.tokens as f64).max(100.0) / 1000.0)
                    .sum();
                let total = points / d.tokens as f64 * 1000.0;
                assert!(
                    (total - d.scores.hostility).abs() < 1e-3,
                    "{}: {total} vs {}",
                    doc.id,
                    d.scores.hostility
                );
                checked += 1;
            }
        }
        assert!(checked > 10);
    }
}
