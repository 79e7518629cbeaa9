//! Correlatives: "not only X but (also) Y" asserts both X and Y. Its "not" negates nothing and
//! its "but" contrasts nothing, so both are taken out of a sentence's matches before the rules
//! see them: "the Japanese Government not only protested against the border violation but
//! also demanded the withdrawal of Soviet troops" is a protest and a demand, neither denied nor
//! conceded. A "not" after "not only" ("would not only not render assistance but counseled")
//! still negates.

use super::sentence::class_of;
use crate::lexicon::{Lexicon, ModifierClass};
use crate::score::matcher::Match;
use crate::text::{Token, TokenKind};

/// The words that make a "not" before them the first half of a correlative.
const FOCUS: &[&str] = &["only", "merely", "simply", "solely"];

/// Remove from `matches[from..]` (one sentence's, in text order) each "not" of a "not only"
/// and the first "but" after it. One pass.
pub fn drop_correlatives(
    lex: &Lexicon,
    text: &str,
    tokens: &[Token],
    matches: &mut Vec<Match>,
    from: usize,
) {
    let word = |k: usize| -> &str { &text[tokens[k].span.range()] };
    let mut open = false;
    let mut keep = |m: &Match| {
        let single = m.end == m.first + 1;
        let k = m.first as usize;
        match class_of(lex, m) {
            Some(ModifierClass::Negator) if single && word(k).eq_ignore_ascii_case("not") => {
                let focus = tokens.get(k + 1).is_some_and(|t| {
                    t.kind == TokenKind::Word
                        && FOCUS
                            .iter()
                            .any(|f| text[t.span.range()].eq_ignore_ascii_case(f))
                });
                open |= focus;
                !focus
            }
            Some(ModifierClass::Contrast)
                if open && single && word(k).eq_ignore_ascii_case("but") =>
            {
                open = false;
                false
            }
            _ => true,
        }
    };
    let mut w = from;
    for i in from..matches.len() {
        let m = matches[i];
        if keep(&m) {
            matches[w] = m;
            w += 1;
        }
    }
    matches.truncate(w);
}
