//! The word scanner: one pass over the bytes, ASCII classified by table look-up (most of the
//! text), other characters decoded only when met.

use super::{
    FLAG_APOSTROPHE, FLAG_BRACKETED, FLAG_CAPITALIZED, FLAG_COMPOUND, FLAG_DOTTED, FLAG_NON_ASCII,
    FLAG_SPACED, Punct, Token, TokenKind,
};
use crate::span::Span;

const SPACE: u8 = 0;
const ALNUM: u8 = 1;
const PUNCT: u8 = 2;
const HIGH: u8 = 3;

/// Byte classes: ASCII whitespace, ASCII letter or digit, ASCII punctuation, non-ASCII byte.
static CLASS: [u8; 256] = {
    let mut t = [PUNCT; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            HIGH
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else if c.is_ascii_whitespace() || c < 0x20 || c == 0x7f {
            SPACE
        } else {
            PUNCT
        };
        b += 1;
    }
    t
};

/// The character at byte `i` (which must be a char boundary), if any.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Is the character at byte `i` a letter or digit, and how many bytes wide is it.
#[inline]
fn alnum_at(text: &str, i: usize) -> Option<usize> {
    let b = *text.as_bytes().get(i)?;
    match CLASS[b as usize] {
        ALNUM => Some(1),
        HIGH => {
            let c = char_at(text, i)?;
            c.is_alphanumeric().then(|| c.len_utf8())
        }
        _ => None,
    }
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// The en dash, a hyphen between names in some printed editions.
const EN_DASH: char = '\u{2013}';

/// Every character that may join the parts of a compound word: the hyphens and the en dash.
pub const COMPOUND_JOINERS: [char; 4] = ['-', '\u{2010}', '\u{2011}', EN_DASH];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// Length of an editorial page marker (`[Page 113]`, `[Pages 12-13]`) starting at `i`, if one
/// starts there.
fn page_marker_len(text: &str, i: usize) -> Option<usize> {
    let rest = text.get(i..)?;
    let after = rest
        .strip_prefix("[Page ")
        .or_else(|| rest.strip_prefix("[Pages "))
        .or_else(|| rest.strip_prefix("[page "))?;
    let body_len = after
        .bytes()
        .take(16)
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b' ' | b','))
        .count();
    if body_len == 0 || !after.as_bytes()[..body_len].iter().any(u8::is_ascii_digit) {
        return None;
    }
    (after.as_bytes().get(body_len) == Some(&b']')).then(|| rest.len() - after.len() + body_len + 1)
}

/// Length of a bracketed letter run glued to a word (`[umner]` in `S[umner]`), if one starts at
/// `i`: brackets round 1-20 letters with no space, closed on the same word.
fn glued_bracket_len(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    if b.get(i) != Some(&b'[') {
        return None;
    }
    let mut j = i + 1;
    while let Some(w) = alnum_at(text, j) {
        j += w;
        if j - i > 40 {
            return None;
        }
    }
    (j > i + 1 && b.get(j) == Some(&b']')).then(|| j + 1 - i)
}

/// Scan `text` into `out`.
pub(super) fn scan(text: &str, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        match CLASS[b as usize] {
            SPACE => {
                i += 1;
            }
            ALNUM => {
                i = scan_word(text, i, out);
            }
            PUNCT => {
                if b == b'['
                    && let Some(len) = page_marker_len(text, i)
                {
                    i += len;
                    continue;
                }
                let (p, len) = match b {
                    b'.' => (Punct::Period, 1),
                    b'?' | b'!' => (Punct::Terminal, 1),
                    b',' => (Punct::Comma, 1),
                    b';' => (Punct::Semicolon, 1),
                    b':' => (Punct::Colon, 1),
                    b'-' if bytes.get(i + 1) == Some(&b'-') => (Punct::Dash, 2),
                    b'-' => (Punct::Dash, 1),
                    b'(' | b'[' | b'{' => (Punct::Open, 1),
                    b')' | b']' | b'}' => (Punct::Close, 1),
                    b'"' | b'\'' | b'`' => (Punct::Quote, 1),
                    _ => (Punct::Other, 1),
                };
                out.push(Token {
                    span: Span::new(i, i + len),
                    kind: TokenKind::Punct(p),
                    flags: 0,
                });
                i += len;
            }
            _ => {
                let c = char_at(text, i).unwrap_or('\u{fffd}');
                let w = c.len_utf8();
                if c.is_alphanumeric() {
                    i = scan_word(text, i, out);
                    continue;
                }
                if !c.is_whitespace() && c != '\u{feff}' && c != '\u{fffd}' {
                    let p = match c {
                        '\u{2014}' | '\u{2013}' | '\u{2012}' | '\u{2015}' => Punct::Dash,
                        '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}' | '\u{ab}' | '\u{bb}'
                        | '\u{201e}' => Punct::Quote,
                        '\u{2026}' => Punct::Period,
                        _ => Punct::Other,
                    };
                    out.push(Token {
                        span: Span::new(i, i + w),
                        kind: TokenKind::Punct(p),
                        flags: 0,
                    });
                }
                i += w;
            }
        }
    }
}

/// Bytes after a run of ASCII letters and digits that may continue the word (a hyphen, an
/// apostrophe, a dot, a slash, a comma, a bracket, or the first byte of a non-ASCII character);
/// after any other byte, or at the end of the text, the word is the run.
static MAY_CONTINUE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c >= 0x80 || matches!(c, b'-' | b'\'' | b'.' | b'/' | b',' | b'[');
        b += 1;
    }
    t
};

/// Scan one word or number starting at `start` (a letter or digit); push it; return the index
/// after it.
fn scan_word(text: &str, start: usize, out: &mut Vec<Token>) -> usize {
    match scan_plain_word(text, start, out) {
        Some(end) => end,
        None => scan_any_word(text, start, out),
    }
}

/// The common case, most words of any text: ASCII letters and digits followed by a space or a
/// punctuation mark that cannot continue a word; pushes it and returns the index after it, or
/// `None` for any other word. [`scan_any_word`] gives the same token for it (no flag but the
/// capital), only slower.
#[inline(always)]
fn scan_plain_word(text: &str, start: usize, out: &mut Vec<Token>) -> Option<usize> {
    let bytes = text.as_bytes();
    if !bytes[start].is_ascii() {
        return None;
    }
    let run = bytes[start..]
        .iter()
        .position(|&b| CLASS[b as usize] != ALNUM)
        .unwrap_or(bytes.len() - start);
    let end = start + run;
    if bytes.get(end).is_some_and(|&b| MAY_CONTINUE[b as usize]) {
        return None;
    }
    let first_is_digit = bytes[start].is_ascii_digit();
    out.push(Token {
        span: Span::new(start, end),
        kind: if first_is_digit {
            TokenKind::Number
        } else {
            TokenKind::Word
        },
        flags: if bytes[start].is_ascii_uppercase() {
            FLAG_CAPITALIZED
        } else {
            0
        },
    });
    Some(end)
}

/// What a dot does to the word before it.
enum AtDot {
    /// The word goes on at this index (a decimal point, an abbreviation's inner dot).
    Continue(usize),
    /// The word ends at this index (after the final dot of an abbreviation, or before the dot).
    End(usize),
}

/// Where the word and the segment before a dot start.
struct Starts {
    word: usize,
    seg: usize,
}

/// At the dot at `i`, after a segment from `at.seg` (`seg_digits`: all digits): whether the
/// word goes on (`761.94`, the dots of `U.S.S.R.`, `p.m.`, `i.e.`, `U. S. S. R.`) or ends.
fn at_dot(text: &str, i: usize, at: Starts, seg_digits: bool, flags: &mut u8) -> AtDot {
    let bytes = text.as_bytes();
    let next = i + 1;
    let (word_start, seg_start) = (at.word, at.seg);
    let seg_len = i - seg_start;
    let after = alnum_at(text, next);
    if seg_digits && after.is_some() && bytes[next].is_ascii_digit() {
        // 761.94, 6.85
        return AtDot::Continue(next);
    }
    // dotted abbreviations: U.S.S.R., p.m., i.e. (segments of one or two letters)
    if !seg_digits && seg_len <= 2 && after.is_some() && !bytes[next].is_ascii_digit() {
        let mut j = next;
        let mut k = 0;
        while alnum_at(text, j).is_some() && k < 3 {
            j += alnum_at(text, j).unwrap_or(1);
            k += 1;
        }
        if k <= 2 && bytes.get(j) == Some(&b'.') {
            *flags |= FLAG_DOTTED;
            return AtDot::Continue(next);
        }
    }
    // spaced abbreviations: U. S. S. R., U. S. (capitals, one space after each inner dot)
    let spaced_so_far = if seg_start == word_start {
        *flags == 0
    } else {
        *flags == FLAG_DOTTED | FLAG_SPACED
    };
    if seg_len == 1
        && spaced_so_far
        && bytes[seg_start].is_ascii_uppercase()
        && spaced_capital_follows(bytes, next)
    {
        *flags |= FLAG_DOTTED | FLAG_SPACED;
        return AtDot::Continue(next + 1);
    }
    if *flags & FLAG_DOTTED != 0 && seg_len <= 2 {
        // the final dot of U.S.S.R.
        return AtDot::End(next);
    }
    AtDot::End(i)
}

/// After the dot of a single capital, the bytes from `next`: one space, a capital and a dot
/// (the ` S.` of `U. S.`). FRUS prints some abbreviations so (`U. S. S. R.`); read as one
/// word, the abbreviation is the same word as `U.S.S.R.` to the lexicon and to every
/// rule that counts tokens or clauses (a period inside it would end a clause). A single
/// capital's period never ends a sentence (it is an initial, see `sentences`), so the
/// sentences stay as they were; a name's initials (`C. A. Oumansky`) become one word too.
fn spaced_capital_follows(bytes: &[u8], next: usize) -> bool {
    matches!(bytes.get(next..next + 3), Some([b' ', c, b'.']) if c.is_ascii_uppercase())
}

/// Scan any word or number starting at `start`: compounds, apostrophes, dotted
/// abbreviations, decimals, file numbers, thousands separators, glued brackets.
fn scan_any_word(text: &str, start: usize, out: &mut Vec<Token>) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut flags = 0u8;
    let first_is_digit = bytes[start].is_ascii_digit();
    loop {
        // the current alphanumeric segment: where it starts, and whether it is all digits
        let seg_start = i;
        let mut seg_digits = true;
        while let Some(w) = alnum_at(text, i) {
            if w > 1 {
                flags |= FLAG_NON_ASCII;
                seg_digits = false;
            } else if !bytes[i].is_ascii_digit() {
                seg_digits = false;
            }
            i += w;
        }
        let Some(c) = char_at(text, i) else { break };
        let next = i + c.len_utf8();
        // an en dash joins names, not numbers or clauses: "the Soviet–Japanese conflict", not
        // "1931–1941"
        let joins = is_hyphen(c)
            || c == EN_DASH && !seg_digits && char_at(text, next).is_some_and(char::is_uppercase);
        if joins && alnum_at(text, next).is_some() {
            flags |= FLAG_COMPOUND | if c.is_ascii() { 0 } else { FLAG_NON_ASCII };
            i = next;
            continue;
        }
        if is_apostrophe(c) && !first_is_digit {
            if let Some(nc) = char_at(text, next)
                && nc.is_alphabetic()
            {
                flags |= FLAG_APOSTROPHE | if c.is_ascii() { 0 } else { FLAG_NON_ASCII };
                i = next;
                continue;
            }
            // a possessive apostrophe after a plural or a name in -s: "Welles’ warning"
            if bytes[i - 1] == b's' && !char_at(text, next).is_some_and(char::is_alphanumeric) {
                flags |= FLAG_APOSTROPHE | if c.is_ascii() { 0 } else { FLAG_NON_ASCII };
                i = next;
                break;
            }
            break;
        }
        if c == '.' {
            let at = Starts {
                word: start,
                seg: seg_start,
            };
            match at_dot(text, i, at, seg_digits, &mut flags) {
                AtDot::Continue(n) => {
                    i = n;
                    continue;
                }
                AtDot::End(n) => {
                    i = n;
                    break;
                }
            }
        }
        if c == '/' && (seg_digits || first_is_digit) {
            if alnum_at(text, next).is_some() && bytes[next].is_ascii_digit() {
                i = next;
                continue;
            }
            break;
        }
        if c == '/' && alnum_at(text, next).is_some() && bytes[next].is_ascii_digit() {
            // "Manchuria/50": a file number
            i = next;
            continue;
        }
        if c == ',' && seg_digits && first_is_digit {
            let three = bytes.get(next..next + 3);
            let fourth = bytes.get(next + 3);
            if three.is_some_and(|t| t.iter().all(u8::is_ascii_digit))
                && !fourth.is_some_and(u8::is_ascii_digit)
            {
                i = next + 3;
                continue;
            }
            break;
        }
        if c == '['
            && let Some(len) = glued_bracket_len(text, i)
        {
            flags |= FLAG_BRACKETED;
            i += len;
            continue;
        }
        break;
    }
    if char_at(text, start).is_some_and(char::is_uppercase) {
        flags |= FLAG_CAPITALIZED;
    }
    out.push(Token {
        span: Span::new(start, i),
        kind: if first_is_digit {
            TokenKind::Number
        } else {
            TokenKind::Word
        },
        flags,
    });
    i
}
