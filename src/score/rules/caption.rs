//! File captions: the archive's file designation at the head of a FRUS document ("740.0011
//! European War 1939/601", "761.9312 (Aggressor)/3") names a filing subject, not an event, so
//! a cue inside one is no statement about the relations. A caption is a decimal file number,
//! a few words, and a slash with a number after them; a cue between the two is skipped.
//!
//! Each question looks at most [`CAPTION_REACH`] tokens either side of the cue.

use super::sentence::Sentence;
use crate::score::matcher::Match;
use crate::text::TokenKind;

/// How many tokens a caption's file number and its slash may stand from the cue.
pub const CAPTION_REACH: u32 = 4;

/// Whether the match `m` lies inside a file caption.
pub(super) fn in_file_caption(s: &Sentence, m: &Match) -> bool {
    let from = m
        .first
        .saturating_sub(CAPTION_REACH)
        .max(s.first_tok as u32);
    let file_number = (from..m.first).any(|k| is_file_number(s, k));
    file_number && slash_after(s, m.end)
}

/// A decimal file number: digits, a dot, digits ("740.0011", "761.94").
fn is_file_number(s: &Sentence, k: u32) -> bool {
    if s.tokens[k as usize].kind != TokenKind::Number {
        return false;
    }
    let w = s.word(k);
    let mut parts = w.split('.');
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    [a, b]
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
}

/// Whether a slash followed by a digit comes within [`CAPTION_REACH`] tokens after token
/// `end` ("War 1939/601", "(Aggressor)/3").
fn slash_after(s: &Sentence, end: u32) -> bool {
    let stop = s.end_within(end, CAPTION_REACH);
    if end >= stop {
        return false;
    }
    let start = s.tokens[end as usize].span.start as usize;
    let last = s.tokens[stop as usize - 1].span.end as usize;
    let b = s.text.as_bytes();
    (start..last.min(b.len()).saturating_sub(1)).any(|i| b[i] == b'/' && b[i + 1].is_ascii_digit())
}
