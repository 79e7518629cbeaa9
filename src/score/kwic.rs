//! Keyword in context (quanteda's `kwic`) for any word, prefix (`host*`) or phrase, not only
//! for lexicon cues.
//!
//! A pattern is compiled as a lexicon of one cue, by the lexicon's own parser, and found by the
//! scorer's own matcher: a pattern means here exactly what the same term means in a lexicon
//! file (a trailing `*` is a prefix, other words match by their stem unless `exact`), and
//! matching exists once.

use std::path::Path;

use serde::Serialize;

use super::matcher::{self, CueIndex, Lookup, Match, TokInfo, Which, WordCache};
use crate::corpus::Document;
use crate::lexicon::{Lexicon, MatchMode};
use crate::text::TokenizedText;

/// Words shown either side of a match by default (quanteda's default window).
pub const DEFAULT_WINDOW: usize = 5;

/// A pattern that is not a term a lexicon could hold.
#[derive(Debug, Clone, thiserror::Error)]
#[error("pattern \"{pattern}\": {message}")]
pub struct PatternError {
    /// The pattern as given.
    pub pattern: String,
    /// What is wrong with it.
    pub message: String,
}

/// A compiled pattern.
#[derive(Debug)]
pub struct Pattern {
    lexicon: Lexicon,
    index: CueIndex,
}

/// One occurrence of a pattern, with the words around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KwicLine {
    /// Document id.
    pub doc: String,
    /// Sentence number in the document (0-based, as in hits).
    pub sentence: u32,
    /// Byte offsets of the match in the document's text.
    pub start: u32,
    /// One past the last byte of the match.
    pub end: u32,
    /// The words before the match (at most the window), whitespace collapsed.
    pub pre: String,
    /// The match as written.
    pub keyword: String,
    /// The words after the match.
    pub post: String,
}

/// Scratch space reused from one document to the next.
#[derive(Debug, Default)]
pub struct KwicScratch {
    text: TokenizedText,
    cache: WordCache,
    infos: Vec<TokInfo>,
    matches: Vec<Match>,
}

impl Pattern {
    /// Compile a pattern: a word, a phrase, or either with a trailing `*`. With `exact`, words
    /// without a `*` match only as written (case-insensitive) instead of by their stem.
    pub fn new(pattern: &str, exact: bool) -> Result<Pattern, PatternError> {
        let term = toml::Value::String(pattern.trim().to_string());
        let mode = if exact && !pattern.trim().ends_with('*') {
            ", match = \"exact\""
        } else {
            ""
        };
        let source = format!("[hostility]\ncues = [{{ term = {term}, weight = 1.0{mode} }}]\n");
        let lexicon =
            Lexicon::from_toml_str(&source, Path::new("PATTERN")).map_err(|e| PatternError {
                pattern: pattern.to_string(),
                message: e.message,
            })?;
        let index = CueIndex::new(&lexicon);
        Ok(Pattern { lexicon, index })
    }

    /// How the pattern matches: by stem, as written, or as a prefix.
    pub fn mode(&self) -> MatchMode {
        self.lexicon.cues[0].mode
    }

    /// Every occurrence in a document, in text order, with `window` words either side.
    pub fn find(&self, doc: &Document, window: usize, ws: &mut KwicScratch) -> Vec<KwicLine> {
        let text = doc.text.as_str();
        ws.text.tokenize(text);
        let tokens = &ws.text.tokens;
        matcher::describe_tokens(&self.index, &mut ws.cache, text, tokens, &mut ws.infos);
        let look = Lookup {
            index: &self.index,
            cache: &ws.cache,
            infos: &ws.infos,
        };
        // the words (and numbers) of the document, by token index, for the window
        let words: Vec<usize> = (0..tokens.len())
            .filter(|&k| tokens[k].is_lexical())
            .collect();
        let mut out = Vec::new();
        for (si, s) in ws.text.sentences.iter().enumerate() {
            ws.matches.clear();
            look.find(s.tokens(), Which::Cues, &mut ws.matches);
            for m in &ws.matches {
                let (first, last) = (m.first as usize, m.end as usize - 1);
                let start = tokens[first].span.start as usize;
                let end = tokens[last].span.end as usize;
                let w_first = words.partition_point(|&k| k < first);
                let w_after = words.partition_point(|&k| k <= last);
                let from = words
                    .get(w_first.saturating_sub(window))
                    .map_or(start, |&k| tokens[k].span.start as usize)
                    .min(start);
                let to = match window {
                    0 => end,
                    n => words
                        .get((w_after + n - 1).min(words.len().saturating_sub(1)))
                        .map_or(end, |&k| tokens[k].span.end as usize)
                        .max(end),
                };
                out.push(KwicLine {
                    doc: doc.id.clone(),
                    sentence: si as u32,
                    start: start as u32,
                    end: end as u32,
                    pre: clean(&text[from..start]),
                    keyword: clean(&text[start..end]),
                    post: clean(&text[end..to]),
                });
            }
        }
        out
    }
}

/// Text for a line of output: whitespace runs made one space, control characters dropped.
fn clean(s: &str) -> String {
    super::collapse(s)
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

/// Every occurrence in a corpus, documents in input order.
pub fn kwic(pattern: &Pattern, docs: &[Document], window: usize) -> Vec<KwicLine> {
    let mut ws = KwicScratch::default();
    docs.iter()
        .flat_map(|d| pattern.find(d, window, &mut ws))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::new("d", text)
    }

    #[test]
    fn words_prefixes_and_phrases_as_a_lexicon_reads_them() {
        let d = doc(
            "The border incidents grew. Hostile acts and hostility followed.\n\
             A border incident, they said, was closed.",
        );
        let p = Pattern::new("border incident", false).unwrap();
        assert_eq!(p.mode(), MatchMode::Stem);
        let lines = kwic(&p, std::slice::from_ref(&d), 2);
        let kw: Vec<(&str, u32)> = lines
            .iter()
            .map(|l| (l.keyword.as_str(), l.sentence))
            .collect();
        assert_eq!(kw, [("border incidents", 0), ("border incident", 2)]);
        assert_eq!(lines[0].pre, "The");
        assert_eq!(lines[0].post, "grew. Hostile");
        assert_eq!(lines[1].pre, "followed. A");
        assert_eq!(
            &d.text[lines[1].start as usize..lines[1].end as usize],
            "border incident"
        );

        let p = Pattern::new("host*", false).unwrap();
        assert_eq!(p.mode(), MatchMode::Prefix);
        let kw: Vec<String> = kwic(&p, std::slice::from_ref(&d), 0)
            .into_iter()
            .map(|l| l.keyword)
            .collect();
        assert_eq!(kw, ["Hostile", "hostility"]);

        let exact = Pattern::new("incident", true).unwrap();
        let kw: Vec<String> = kwic(&exact, std::slice::from_ref(&d), 0)
            .into_iter()
            .map(|l| l.keyword)
            .collect();
        assert_eq!(kw, ["incident"]);
    }

    #[test]
    fn a_pattern_without_a_word_is_refused() {
        let e = Pattern::new("*", false).unwrap_err().to_string();
        assert!(e.contains("pattern \"*\""), "{e}");
        let e = Pattern::new("--", false).unwrap_err().to_string();
        assert!(e.contains("has no word"), "{e}");
    }
}
