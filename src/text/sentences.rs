//! Sentence boundaries over the scanned tokens.
//!
//! A sentence ends at `.`, `?` or `!` (with any closing quotes or brackets glued to it) when the
//! next token, after whitespace, starts a sentence (a capital, a number, an opening quote or
//! bracket), unless the period closes an abbreviation (`Mr.`, `Gen.`, `No. 22`, an initial such
//! as the `E.` of `Joseph E. Davies`). A blank line always ends a sentence, and a numbered
//! paragraph (`1.` at the start of a line) always starts one.

use super::{Punct, Sentence, Token, TokenKind};
use crate::span::Span;

/// Words that a period after them does not end a sentence (lower case, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "messrs", "ms", "dr", "gen", "lt", "col", "capt", "maj", "adm", "sgt", "cmdr",
    "gov", "sen", "rep", "hon", "rev", "st", "vol", "vols", "pp", "p", "cf", "viz", "ibid", "op",
    "cit", "art", "arts", "sec", "secs", "ch", "chap", "fig", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "ft", "mt", "co", "corp", "inc",
    "ltd", "jr", "sr", "esq", "mme", "mlle", "m", "amb", "govt", "dept", "telegr",
];

/// A sentence is cut after this many tokens (words and punctuation): no sentence of diplomatic
/// prose comes near it (the longest of the shared FRUS corpora has a few hundred), but text
/// without sentence punctuation (OCR output, word lists) would otherwise be one sentence, and
/// a clause, a bootstrap unit and a hit's context all assume a sentence is of readable size.
pub const MAX_SENTENCE_TOKENS: usize = 1_000;

/// Abbreviations that do not end a sentence only before a number (`No. 22`, `Nos. 4 and 5`).
const NUMBER_ABBREVIATIONS: &[&str] = &["no", "nos"];

/// Bytes, not `&str`: this runs between every two tokens, and slicing bytes skips the
/// char-boundary checks (a gap lies between two tokens, so it is whole characters anyway).
fn gap_has_blank_line(gap: &[u8]) -> bool {
    let mut newlines = 0;
    for &b in gap {
        match b {
            b'\n' => {
                newlines += 1;
                if newlines >= 2 {
                    return true;
                }
            }
            b' ' | b'\t' | b'\r' => {}
            _ => newlines = 0,
        }
    }
    false
}

fn is_abbreviation(text: &str, tok: &Token, next: Option<&Token>) -> bool {
    if !tok.is_word() {
        return false;
    }
    let w = &text[tok.span.range()];
    if w.len() > 7 {
        return false;
    }
    // compared without a lower-cased copy: this runs before every period
    if ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(w)) {
        // "etc." and month names can end a sentence: only keep going before a lower-case word
        // or a number.
        if w.eq_ignore_ascii_case("etc") {
            return next.is_some_and(|n| !is_sentence_start(text, n));
        }
        return true;
    }
    if NUMBER_ABBREVIATIONS
        .iter()
        .any(|a| a.eq_ignore_ascii_case(w))
    {
        return next.is_some_and(|n| n.kind == TokenKind::Number);
    }
    // an initial: a single upper-case letter ("Joseph E. Davies"); "U. S." is one word (a
    // spaced abbreviation, see `scan`), and so is "C. A." before "Oumansky"
    let mut chars = w.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

fn is_sentence_start(text: &str, tok: &Token) -> bool {
    match tok.kind {
        TokenKind::Word => text[tok.span.range()]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase()),
        TokenKind::Number | TokenKind::ListMarker => true,
        TokenKind::Punct(p) => matches!(p, Punct::Open | Punct::Quote),
    }
}

/// Mark numbered-paragraph markers: a number at the start of a line followed by a glued period.
fn mark_list_markers(text: &str, tokens: &mut [Token]) {
    for k in 0..tokens.len() {
        if tokens[k].kind != TokenKind::Number
            || text[tokens[k].span.range()].contains(['.', '/', ','])
        {
            continue;
        }
        let line_start = if k == 0 {
            text[..tokens[k].span.start as usize]
                .trim_matches([' ', '\t'])
                .is_empty()
                || text[..tokens[k].span.start as usize].ends_with('\n')
        } else {
            let gap = &text[tokens[k - 1].span.end as usize..tokens[k].span.start as usize];
            gap.contains('\n') && gap.rsplit('\n').next().is_some_and(|l| l.trim().is_empty())
        };
        let period_follows = tokens.get(k + 1).is_some_and(|p| {
            p.kind == TokenKind::Punct(Punct::Period) && p.span.start == tokens[k].span.end
        });
        let gap_after = tokens
            .get(k + 2)
            .is_none_or(|n| n.span.start > tokens[k].span.end + 1);
        if line_start && period_follows && gap_after {
            tokens[k].kind = TokenKind::ListMarker;
        }
    }
}

/// Split the tokens into sentences.
pub(super) fn split(text: &str, tokens: &mut [Token], out: &mut Vec<Sentence>) {
    mark_list_markers(text, tokens);
    let n = tokens.len();
    let mut first = 0usize;
    let push = |out: &mut Vec<Sentence>, a: usize, b: usize| {
        if a < b {
            out.push(Sentence {
                span: Span::new(
                    tokens[a].span.start as usize,
                    tokens[b - 1].span.end as usize,
                ),
                first: a as u32,
                end: b as u32,
            });
        }
    };
    let mut k = 0;
    while k < n {
        // hard boundaries before token k
        if k > first {
            let gap =
                &text.as_bytes()[tokens[k - 1].span.end as usize..tokens[k].span.start as usize];
            let hard = gap_has_blank_line(gap)
                || (tokens[k].kind == TokenKind::ListMarker && gap.contains(&b'\n'))
                || k - first >= MAX_SENTENCE_TOKENS;
            if hard {
                push(out, first, k);
                first = k;
            }
        }
        let is_end = matches!(
            tokens[k].kind,
            TokenKind::Punct(Punct::Period) | TokenKind::Punct(Punct::Terminal)
        );
        if !is_end {
            k += 1;
            continue;
        }
        // closing quotes and brackets glued to the terminal belong to this sentence
        let mut j = k + 1;
        while j < n
            && matches!(
                tokens[j].kind,
                TokenKind::Punct(Punct::Quote) | TokenKind::Punct(Punct::Close)
            )
            && tokens[j].span.start == tokens[j - 1].span.end
            && tokens
                .get(j + 1)
                .is_none_or(|t| t.span.start > tokens[j].span.end)
        {
            j += 1;
        }
        if j >= n {
            break;
        }
        let spaced = tokens[j].span.start > tokens[j - 1].span.end;
        let prev = if k > first { tokens.get(k - 1) } else { None };
        let after_abbreviation = tokens[k].kind == TokenKind::Punct(Punct::Period)
            && prev.is_some_and(|p| {
                p.span.end == tokens[k].span.start
                    && (p.kind == TokenKind::ListMarker || is_abbreviation(text, p, tokens.get(j)))
            });
        if spaced && !after_abbreviation && is_sentence_start(text, &tokens[j]) {
            push(out, first, j);
            first = j;
        }
        k = j;
    }
    push(out, first, n);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_line_detection() {
        assert!(gap_has_blank_line(b"\n\n"));
        assert!(gap_has_blank_line(b" \n \t\n "));
        assert!(!gap_has_blank_line(b" \n "));
    }

    /// Text without sentence punctuation is cut into sentences of at most
    /// [`MAX_SENTENCE_TOKENS`] tokens, which cover it whole and in order.
    #[test]
    fn unpunctuated_text_is_cut_at_the_cap() {
        let text = "war and peace ".repeat(1_000);
        let t = crate::text::tokenize(&text);
        assert_eq!(t.tokens.len(), 3_000);
        let sizes: Vec<u32> = t.sentences.iter().map(|s| s.end - s.first).collect();
        assert_eq!(sizes, vec![1_000, 1_000, 1_000]);
        assert!(t.sentences.windows(2).all(|w| w[0].end == w[1].first));
    }
}
