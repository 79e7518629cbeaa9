//! Tokenizer: sentences and word tokens with byte offsets into the original text.
//!
//! Written for the prose of diplomatic reports: abbreviations that do not end sentences
//! (`Mr.`, `Gen.`, `No. 22`, `p.m.`, `U.S.S.R.`, `U. S.`; the last, printed with spaces, is one
//! word as `U.S.` is), editorial page markers such as `[Page 113]` (skipped, offsets
//! untouched), editorial brackets (`[ignoring]` is text, and `S[umner]` is one word), curly and
//! straight quotes and apostrophes, hyphenated compounds (`non-aggression`, `anti-Japanese`),
//! numbers, file numbers (`761.94/1132`) and numbered paragraphs.
//!
//! Invariant: every [`Token`] and [`Sentence`] span lies on character boundaries of the input
//! and tokens are in increasing order; `&text[span.range()]` is exactly what was written. No
//! later stage rewrites a span.

mod scan;
mod sentences;
mod stem;

pub use scan::COMPOUND_JOINERS;
pub use stem::{Stemmer, stemmer};

use crate::span::Span;

/// What kind of token this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word (letters, possibly with digits, inner hyphens, apostrophes or dots).
    Word,
    /// A number, file number or telegram number (`1938`, `761.94/1132`, `1,000`).
    Number,
    /// A numbered-paragraph marker (`1.` at the start of a line): not part of the prose.
    ListMarker,
    /// Punctuation.
    Punct(Punct),
}

/// Punctuation classes that matter to sentence and clause boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Punct {
    /// `.`
    Period,
    /// `?` or `!`
    Terminal,
    /// `,`
    Comma,
    /// `;`
    Semicolon,
    /// `:`
    Colon,
    /// A dash: `—`, `–`, `--`.
    Dash,
    /// `(` or `[`
    Open,
    /// `)` or `]`
    Close,
    /// A quotation mark, straight or curly.
    Quote,
    /// Anything else (`/`, `&`, `*`, ...).
    Other,
}

impl Punct {
    /// True for punctuation that ends a clause (and so bounds negation scope).
    pub fn is_clause_boundary(self) -> bool {
        matches!(
            self,
            Punct::Period
                | Punct::Terminal
                | Punct::Comma
                | Punct::Semicolon
                | Punct::Colon
                | Punct::Dash
                | Punct::Open
                | Punct::Close
        )
    }
}

/// Flag: the word was written with brackets inside it (`S[umner]`); its normal form drops them.
pub const FLAG_BRACKETED: u8 = 1;
/// Flag: the word starts with an upper-case letter.
pub const FLAG_CAPITALIZED: u8 = 2;
/// Flag: the word contains a hyphen (a compound such as `Soviet-Japanese`).
pub const FLAG_COMPOUND: u8 = 4;
/// Flag: the word contains an apostrophe.
pub const FLAG_APOSTROPHE: u8 = 8;
/// Flag: the word contains a non-ASCII character.
pub const FLAG_NON_ASCII: u8 = 16;
/// Flag: the word is an abbreviation written with dots (`U.S.S.R.`, `p.m.`).
pub const FLAG_DOTTED: u8 = 32;
/// Flag: the word is an abbreviation written with a space after each inner dot
/// (`U. S. S. R.`, `U. S.`); its normal form drops the spaces (`u.s.s.r.`), so it is the same
/// word as `U.S.S.R.`.
pub const FLAG_SPACED: u8 = 64;

/// One token: a byte span into the original text, a kind, and flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where the token is in the original text.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
    /// `FLAG_*` bits.
    pub flags: u8,
}

impl Token {
    /// True for words and numbers (what rates are counted per).
    pub fn is_lexical(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Number)
    }

    /// True for a word.
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// The punctuation class, if this is punctuation.
    pub fn punct(&self) -> Option<Punct> {
        match self.kind {
            TokenKind::Punct(p) => Some(p),
            _ => None,
        }
    }
}

/// One sentence: its span and the range of its tokens in [`TokenizedText::tokens`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// From the first token's start to the last token's end.
    pub span: Span,
    /// Index of the first token.
    pub first: u32,
    /// One past the index of the last token.
    pub end: u32,
}

impl Sentence {
    /// The token index range.
    pub fn tokens(&self) -> std::ops::Range<usize> {
        self.first as usize..self.end as usize
    }
}

/// A tokenized document: tokens in text order and the sentences that group them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenizedText {
    /// Every token, in text order.
    pub tokens: Vec<Token>,
    /// Every sentence, in text order; together they cover every token.
    pub sentences: Vec<Sentence>,
}

impl TokenizedText {
    /// Tokenize `text`.
    pub fn new(text: &str) -> Self {
        let mut t = TokenizedText::default();
        t.tokenize(text);
        t
    }

    /// Tokenize `text` into this value, reusing its buffers (the hot path of scoring a corpus).
    pub fn tokenize(&mut self, text: &str) {
        self.tokens.clear();
        self.sentences.clear();
        scan::scan(text, &mut self.tokens);
        sentences::split(text, &mut self.tokens, &mut self.sentences);
    }

    /// Number of words and numbers.
    pub fn lexical_count(&self) -> usize {
        self.tokens.iter().filter(|t| t.is_lexical()).count()
    }
}

/// Tokenize `text`.
pub fn tokenize(text: &str) -> TokenizedText {
    TokenizedText::new(text)
}

/// Write the normal form of a token into `buf`: lower-cased, curly apostrophes made straight,
/// brackets inside a word dropped (`S[umner]` -> `sumner`), and a possessive `'s` or final
/// apostrophe removed (`Japan’s` -> `japan`); the dots of `U.S.S.R.` are kept (so `U.S.` is
/// not the pronoun `us`) and the spaces of `U. S. S. R.` dropped (so it is `u.s.s.r.` too),
/// so that lexicon terms match however the writer (or the printer) spelled them.
pub fn normalize_into(text: &str, token: &Token, buf: &mut String) {
    buf.clear();
    let s = &text[token.span.range()];
    if token.flags & (FLAG_BRACKETED | FLAG_APOSTROPHE | FLAG_NON_ASCII | FLAG_SPACED) == 0 {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        for c in s.chars() {
            match c {
                '[' | ']' | ' ' => {}
                '\u{2019}' | '\u{2018}' | '`' => buf.push('\''),
                // the hyphens and the en dash a compound may be printed with
                c if scan::COMPOUND_JOINERS.contains(&c) => buf.push('-'),
                c if c.is_ascii() => buf.push(c.to_ascii_lowercase()),
                c => buf.extend(c.to_lowercase()),
            }
        }
        if token.flags & FLAG_APOSTROPHE != 0 {
            if buf.ends_with("'s") {
                buf.truncate(buf.len() - 2);
            } else if buf.ends_with('\'') {
                buf.truncate(buf.len() - 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of a text, as written (punctuation left out).
    fn words(text: &str) -> Vec<&str> {
        let t = tokenize(text);
        t.tokens
            .iter()
            .filter(|t| t.is_lexical())
            .map(|t| &text[t.span.range()])
            .collect()
    }

    fn sentences(text: &str) -> Vec<&str> {
        let t = tokenize(text);
        t.sentences.iter().map(|s| &text[s.span.range()]).collect()
    }

    fn norms(text: &str) -> Vec<String> {
        let t = tokenize(text);
        let mut buf = String::new();
        t.tokens
            .iter()
            .filter(|t| t.is_lexical())
            .map(|tok| {
                normalize_into(text, tok, &mut buf);
                buf.clone()
            })
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "Mr. Oumansky stated that he was entirely uninformed as to what would be said to \
                    Mr. Matsuoka when he visited Moscow. He indicated vaguely that his Government \
                    was apprehensive.";
        assert_eq!(sentences(text).len(), 2);
        let text = "See my telegram 39, January 31, 4 p.m. The Kremlin takes the position.";
        // "p.m." followed by a capital is ambiguous; we keep the sentence whole rather than split
        // inside a time expression.
        assert_eq!(words(text)[7], "p.m.");
        let text =
            "The U.S.S.R. and the U. S. Government. Gen. Ugaki spoke. See vol. iii, pp. 915 ff.";
        let s = sentences(text);
        assert_eq!(
            s,
            vec![
                "The U.S.S.R. and the U. S. Government.",
                "Gen. Ugaki spoke.",
                "See vol. iii, pp. 915 ff."
            ]
        );
    }

    /// FRUS prints some abbreviations with a space after each dot: `U. S. S. R.` is one word,
    /// the same word as `U.S.S.R.`, and its dots end neither a clause nor a sentence (as before,
    /// when they were initials).
    #[test]
    fn spaced_abbreviations_are_one_word() {
        // frus1939v03-d20 (Tokyo, 1939), as printed, with its line breaks
        let text = "pointing out that an alliance directed against U. S. S. R. was\nlikely sooner or later to involve Japan";
        let w = words(text);
        assert!(w.contains(&"U. S. S. R."), "{w:?}");
        assert!(norms(text).contains(&"u.s.s.r.".to_string()));
        let t = tokenize(text);
        let ussr = t
            .tokens
            .iter()
            .find(|t| t.flags & FLAG_SPACED != 0)
            .unwrap();
        assert_eq!(ussr.kind, TokenKind::Word);
        assert!(t.tokens.iter().all(|t| t.punct() != Some(Punct::Period)));
        // the short form, before a capital and at the end of a text; never the pronoun "us"
        let text = "The U. S. Government replied to us. It was the U. S.";
        assert_eq!(
            norms(text),
            [
                "the",
                "u.s.",
                "government",
                "replied",
                "to",
                "us",
                "it",
                "was",
                "the",
                "u.s."
            ]
        );
        assert_eq!(
            sentences(text),
            ["The U. S. Government replied to us.", "It was the U. S."]
        );
        // not an abbreviation: one capital, lower-case letters, two spaces, a word after
        for text in [
            "Joseph E. Davies",
            "vol. iii, p. 915",
            "a. b. c.",
            "U.  S.",
            "U. Sa.",
        ] {
            assert!(
                tokenize(text)
                    .tokens
                    .iter()
                    .all(|t| t.flags & FLAG_SPACED == 0),
                "{text}"
            );
        }
        // the FRUS documents that print it so are split into the same sentences and words as
        // when it is written without spaces
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpus/frus-1931-1941/texts/"
        );
        for id in [
            "frus1932v04-d8",
            "frus1936v04-d98",
            "frus1939v03-d20",
            "frus1940v01-d699",
        ] {
            let spaced = std::fs::read_to_string(format!("{dir}{id}.txt")).unwrap();
            assert!(spaced.contains("U. S. S. R."), "{id}");
            let joined = spaced.replace("U. S. S. R.", "U.S.S.R.");
            let unspace = |s: &str| s.replace("U. S. S. R.", "U.S.S.R.");
            let s: Vec<String> = sentences(&spaced).into_iter().map(unspace).collect();
            assert_eq!(s, sentences(&joined), "{id}");
            assert_eq!(norms(&spaced), norms(&joined), "{id}");
        }
    }

    #[test]
    fn numbered_paragraphs_and_telegram_numbers() {
        let text = "45. Your 19, February 6. It is extremely difficult to ascertain the views.\n\n1.\nThe Kremlin does not believe it.\n2.\nIt feels otherwise.";
        let t = tokenize(text);
        let s: Vec<&str> = t.sentences.iter().map(|s| &text[s.span.range()]).collect();
        assert_eq!(
            s,
            vec![
                "45. Your 19, February 6.",
                "It is extremely difficult to ascertain the views.",
                "1.\nThe Kremlin does not believe it.",
                "2.\nIt feels otherwise."
            ]
        );
        assert_eq!(t.tokens[0].kind, TokenKind::ListMarker);
        let list: Vec<&str> = t
            .tokens
            .iter()
            .filter(|t| t.kind == TokenKind::ListMarker)
            .map(|t| &text[t.span.range()])
            .collect();
        assert_eq!(list, vec!["45", "1", "2"]);
    }

    #[test]
    fn page_markers_are_dropped_with_offsets_intact() {
        let text = "when he visited Moscow. [Page 113] He indicated vaguely";
        let t = tokenize(text);
        let w: Vec<&str> = t
            .tokens
            .iter()
            .filter(|t| t.is_lexical())
            .map(|t| &text[t.span.range()])
            .collect();
        assert_eq!(
            w,
            vec![
                "when",
                "he",
                "visited",
                "Moscow",
                "He",
                "indicated",
                "vaguely"
            ]
        );
        let he = t
            .tokens
            .iter()
            .find(|t| &text[t.span.range()] == "He")
            .unwrap();
        assert_eq!(he.span.start as usize, text.find("He").unwrap());
        // a page marker inside a sentence does not split it
        let text =
            "the annual parade on Red Square yesterday [Page 63] in celebration of Youth Day.";
        assert_eq!(sentences(text).len(), 1);
    }

    #[test]
    fn editorial_brackets_are_text() {
        let text = "or [ignoring] the humorous aspects, he complained of the surveillance in [Japan]. S[umner] W[elles]";
        let w = words(text);
        assert!(w.contains(&"ignoring") && w.contains(&"Japan"));
        assert!(w.contains(&"S[umner]"));
        let n = norms(text);
        assert!(n.contains(&"sumner".to_string()) && n.contains(&"welles".to_string()));
    }

    #[test]
    fn compounds_quotes_and_apostrophes() {
        let text = "a non-aggression pact; anti-Japanese slogans; the Ambassador’s opinion; Mr. Welles’ warning; “uncontrollable” and \"Manchukuo.\"";
        let w = words(text);
        assert!(w.contains(&"non-aggression") && w.contains(&"anti-Japanese"));
        assert!(
            w.contains(&"Ambassador’s")
                && w.contains(&"uncontrollable")
                && w.contains(&"Manchukuo")
        );
        let n = norms(text);
        assert!(n.contains(&"ambassador".to_string()), "{n:?}");
        assert!(n.contains(&"welles".to_string()), "{n:?}");
        // printed hyphens and an en dash between names join a compound, normalized to "-";
        // an en dash between numbers or before a quotation mark does not
        let text = "the significance of the Stalin–Molotoff move; a non\u{2010}aggression pact; Volume 1931–1941; the Soviet–“Manchukuo” border";
        let w = words(text);
        assert!(w.contains(&"Stalin–Molotoff"), "{w:?}");
        assert!(w.contains(&"1931") && w.contains(&"1941"), "{w:?}");
        assert!(w.contains(&"Soviet") && w.contains(&"Manchukuo"), "{w:?}");
        let n = norms(text);
        assert!(n.contains(&"stalin-molotoff".to_string()), "{n:?}");
        assert!(n.contains(&"non-aggression".to_string()), "{n:?}");
        let compound = tokenize(text)
            .tokens
            .into_iter()
            .find(|t| &text[t.span.range()] == "Stalin–Molotoff")
            .map(|t| t.flags & FLAG_COMPOUND != 0);
        assert_eq!(compound, Some(true));
    }

    #[test]
    fn numbers_and_file_numbers() {
        let w =
            words("761.94/1132: Telegram. 793.943 Manchuria/50 of 1,000 men on September 1, 1939");
        assert_eq!(w[0], "761.94/1132");
        assert!(w.contains(&"793.943") && w.contains(&"1,000") && w.contains(&"1939"));
        let t = tokenize("761.94/873: Telegram");
        assert_eq!(t.tokens[0].kind, TokenKind::Number);
    }

    #[test]
    fn quoted_sentence_end_stays_with_its_sentence() {
        let text = "He said that the Japanese were “uncontrollable.” The Ambassador left.";
        assert_eq!(
            sentences(text),
            vec![
                "He said that the Japanese were “uncontrollable.”",
                "The Ambassador left."
            ]
        );
    }

    #[test]
    fn paragraph_breaks_end_sentences() {
        let text = "Respectfully yours,\n\nJoseph E. Davies\n[Enclosure-Extract]\n\nMemorandum Prepared by the Embassy";
        let s = sentences(text);
        assert_eq!(s[0], "Respectfully yours,");
        assert!(s.iter().any(|x| x.starts_with("Memorandum")));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            " ",
            "\n\n\n",
            "....",
            "[Page",
            "[Page 1",
            "a-",
            "-a",
            "’s",
            "S[",
            "x[y",
            "1.",
            "é.É. ü",
            "\u{feff}ok",
            "a.b.c.d.e.f",
            "1,00",
            "1/",
            "U.",
            "[]",
            "a[b]c[d]",
        ] {
            let t = tokenize(text);
            let mut prev = 0;
            for tok in &t.tokens {
                assert!(
                    tok.span.start as usize >= prev && tok.span.start < tok.span.end,
                    "{text:?}"
                );
                assert!(
                    text.is_char_boundary(tok.span.start as usize)
                        && text.is_char_boundary(tok.span.end as usize)
                );
                prev = tok.span.end as usize;
            }
            let n: usize = t.sentences.iter().map(|s| s.tokens().len()).sum();
            assert_eq!(n, t.tokens.len(), "{text:?}");
        }
    }

    #[test]
    fn real_seed_sentences() {
        let text = include_str!("../../../shared/seeds/004_5d10813698d0fa4d.txt");
        let t = tokenize(text);
        let s: Vec<&str> = t.sentences.iter().map(|s| &text[s.span.range()]).collect();
        assert!(s.contains(&"1.\nThe Kremlin does not believe that the Japanese Government is deliberately planning a war against the Soviet Union this spring, although it feels that Japan is energetically making preparations internally and externally for the eventuality of such a war."), "{s:#?}");
        assert!(
            s.iter()
                .any(|x| x.starts_with("(See my telegram 39, January 31, 4 p.m.)")),
            "{s:#?}"
        );
        // the page marker inside point 4 neither splits the sentence nor becomes a word
        assert!(!words(text).contains(&"Page"));
    }
}
