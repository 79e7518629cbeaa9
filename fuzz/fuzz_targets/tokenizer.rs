//! Tokenizer: never panics, and every token and sentence lies on char boundaries inside the
//! input, in strictly increasing order.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let t = diplostance::text::tokenize(text);
    let mut prev_end = 0usize;
    for tok in &t.tokens {
        let (s, e) = (tok.span.start as usize, tok.span.end as usize);
        assert!(s < e && e <= text.len(), "token {s}..{e} outside 0..{}", text.len());
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        assert!(s >= prev_end, "tokens overlap or go backwards at {s}");
        prev_end = e;
    }
    let mut next_first = 0usize;
    for sent in &t.sentences {
        let r = sent.tokens();
        assert_eq!(r.start, next_first, "sentences must cover every token in order");
        assert!(r.start < r.end && r.end <= t.tokens.len());
        next_first = r.end;
    }
    assert_eq!(next_first, t.tokens.len());
});
