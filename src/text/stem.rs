//! The one stemmer: Snowball (Porter2) English, chosen here for every stage that stems (the
//! matcher, the lexicon's patterns and lints, `lexicon stats`), so that a word and a lexicon
//! entry are always reduced the same way.
//!
//! The stemmer does not lower-case (`HOSTILITIES` stays as it is), so callers pass the normal
//! form from [`super::normalize_into`]. It is not cached here: the matcher caches what it needs
//! per word (the stem and the cues it can start), which is what makes stemming cheap.

pub use rust_stemmers::Stemmer;

/// The stemmer of the crate (Snowball English). Compounds are stemmed as a whole:
/// `non-aggression` -> `non-aggress`.
pub fn stemmer() -> Stemmer {
    Stemmer::create(rust_stemmers::Algorithm::English)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_like_snowball_english() {
        let s = stemmer();
        for (w, stem) in [
            ("negotiations", "negoti"),
            ("hostilities", "hostil"),
            ("provoked", "provok"),
            ("rapprochement", "rapproch"),
            ("apprehensive", "apprehens"),
            ("incidents", "incid"),
            ("rumored", "rumor"),
            ("non-aggression", "non-aggress"),
        ] {
            assert_eq!(s.stem(w), stem, "{w}");
        }
    }
}
