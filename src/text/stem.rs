//! Snowball (Porter2) English stems, with a cache so each distinct word is stemmed once.
//!
//! The stemmer does not lower-case (`HOSTILITIES` stays as it is), so callers pass the normal
//! form from [`super::normalize_into`]. Stemming is most of the cost of a naive scorer; corpora
//! follow Zipf's law, so a per-worker cache turns it into one hash look-up per token.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

/// Stem one lower-cased word (no cache). Compounds are stemmed as a whole:
/// `non-aggression` -> `non-aggress`.
pub fn stem_word(lower: &str) -> String {
    Stemmer::create(Algorithm::English).stem(lower).into_owned()
}

/// A stemmer with a cache of the words it has seen.
pub struct StemCache {
    stemmer: Stemmer,
    cache: FxHashMap<Box<str>, Box<str>>,
}

impl Default for StemCache {
    fn default() -> Self {
        StemCache::new()
    }
}

impl std::fmt::Debug for StemCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StemCache")
            .field("words", &self.cache.len())
            .finish()
    }
}

impl StemCache {
    /// An empty cache.
    pub fn new() -> Self {
        StemCache {
            stemmer: Stemmer::create(Algorithm::English),
            cache: FxHashMap::default(),
        }
    }

    /// The stem of a lower-cased word.
    pub fn stem(&mut self, lower: &str) -> &str {
        if !self.cache.contains_key(lower) {
            let s = self.stemmer.stem(lower).into_owned().into_boxed_str();
            self.cache.insert(lower.into(), s);
        }
        // just inserted or already present
        self.cache.get(lower).map(|s| &**s).unwrap_or("")
    }

    /// Number of distinct words stemmed so far.
    pub fn len(&self) -> usize {
        self.cache.len()
    }

    /// True when nothing has been stemmed yet.
    pub fn is_empty(&self) -> bool {
        self.cache.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_like_snowball_english() {
        let mut c = StemCache::new();
        for (w, s) in [
            ("negotiations", "negoti"),
            ("hostilities", "hostil"),
            ("provoked", "provok"),
            ("rapprochement", "rapproch"),
            ("apprehensive", "apprehens"),
            ("incidents", "incid"),
            ("rumored", "rumor"),
        ] {
            assert_eq!(c.stem(w), s, "{w}");
        }
        assert_eq!(c.stem("negotiations"), "negoti");
        assert_eq!(c.len(), 7);
        assert_eq!(stem_word("non-aggression"), "non-aggress");
    }
}
