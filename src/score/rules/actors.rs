//! Actors: a cue is about the two states of the dyad only if the text says so. Each sentence's
//! actors are found from the lexicon's actors (with their sides), and a hit counts by which of
//! them its sentence, the previous sentence and the document name ([`dyad_factor`]).

/// How much a hit counts given which actors its sentence names (the dyad weighting):
/// a cue is about the two states only if the text says so.
pub mod dyad_weight {
    /// The sentence names both sides.
    pub const BOTH: f64 = 1.0;
    /// Both sides are named in this or the previous sentence, and no third party in either:
    /// a sentence on Japanese divisions after one on Soviet arms for China continues the
    /// story of China's war, not of the dyad.
    pub const BOTH_NEARBY: f64 = 0.8;
    /// One side or none is named here, no third party, and the document names both sides.
    pub const CONTEXT: f64 = 0.6;
    /// The document never names both sides: nothing in it is about their relations (the
    /// codebook rates only what a document reports on the two states), so its cues count for
    /// nothing; they are still listed as hits, with this factor, so the zero can be checked.
    pub const NO_DYAD: f64 = 0.0;
    /// The sentence names a third party (China, Germany...) and not both sides: the cue is
    /// probably about that other relationship.
    pub const THIRD_PARTY: f64 = 0.25;
}

/// The dyad sides of a sentence, as bit masks over actors.
#[derive(Debug, Clone, Copy, Default)]
pub struct SentenceActors {
    /// Every actor named.
    pub mask: u64,
    /// Names side A.
    pub a: bool,
    /// Names side B.
    pub b: bool,
    /// Names an actor on neither side.
    pub third: bool,
}

/// The dyad factor of a sentence given its actors, the previous sentence's, and the document's.
pub fn dyad_factor(here: SentenceActors, prev: SentenceActors, doc_both: bool) -> f64 {
    if !doc_both {
        dyad_weight::NO_DYAD
    } else if here.a && here.b {
        dyad_weight::BOTH
    } else if here.third {
        dyad_weight::THIRD_PARTY
    } else if (here.a || prev.a) && (here.b || prev.b) && !prev.third {
        dyad_weight::BOTH_NEARBY
    } else {
        dyad_weight::CONTEXT
    }
}
