//! The output contract of scoring: what one scored document looks like.

use serde::{Serialize, Serializer};

use crate::corpus::DocMeta;
use crate::{dimension::Dimension, span::Span};

/// The four scores of a document.
///
/// `hostility`, `rapprochement` and `uncertainty` are weighted cue densities (after negation,
/// hedging, intensity, contrast and actor weighting; points per 1,000 tokens, uncertainty per
/// square root of the thousands of tokens, see the README); `tension` is the
/// 0-10 index computed from them (see [`crate::score::tension`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Conflict, threat, coercion or enmity between the dyad.
    pub hostility: f64,
    /// Movement toward better relations.
    pub rapprochement: f64,
    /// How hedged the assessment is.
    pub uncertainty: f64,
    /// The overall level of tension, 0 (cordial) to 10 (open war).
    pub tension: f64,
}

impl Scores {
    /// The names of the four scores, in output order.
    pub const NAMES: [&'static str; 4] = ["hostility", "rapprochement", "uncertainty", "tension"];

    /// The scores as an array in [`Scores::NAMES`] order.
    pub fn to_array(&self) -> [f64; 4] {
        [
            self.hostility,
            self.rapprochement,
            self.uncertainty,
            self.tension,
        ]
    }

    /// The score of one dimension.
    pub fn get(&self, d: Dimension) -> f64 {
        match d {
            Dimension::Hostility => self.hostility,
            Dimension::Rapprochement => self.rapprochement,
            Dimension::Uncertainty => self.uncertainty,
        }
    }

    /// A score by name (`hostility`, `rapprochement`, `uncertainty`, `tension`).
    pub fn by_name(&self, name: &str) -> Option<f64> {
        Scores::NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| self.to_array()[i])
    }
}

/// A 90% interval around a score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Interval {
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

/// One interval per score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Intervals {
    /// Interval of `hostility`.
    pub hostility: Interval,
    /// Interval of `rapprochement`.
    pub rapprochement: Interval,
    /// Interval of `uncertainty`.
    pub uncertainty: Interval,
    /// Interval of `tension`.
    pub tension: Interval,
}

/// Why a hit's weight differs from its cue's base weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ModifierKind {
    /// Inside the clause-bounded scope of a negator ("no prospect of improvement").
    Negated,
    /// Near a reverser that says what the cue names is ending or avoided ("attacks ... have
    /// subsided", "to avoid war").
    Reversed,
    /// Scaled up by an intensifier ("grave danger").
    Intensified,
    /// Scaled down by a diminisher ("minor matters").
    Diminished,
    /// Follows a contrast marker ("but", "however") in its sentence: the writer's weight.
    AfterContrast,
    /// Precedes a contrast marker in its sentence: conceded, then outweighed.
    BeforeContrast,
    /// Within the scope of a hedge or evidential ("it is rumoured", "may").
    Hedged,
    /// Attributed to another party by a reporting verb ("the Ambassador said").
    Attributed,
    /// In a sentence that does not name both actors of the dyad.
    OffDyad,
    /// Its participants are another pair than the dyad ("the Sino-Japanese conflict").
    OtherPair,
    /// An agreement referred back to ("the pact"): its participants are those of the
    /// agreement last named with its parties, whose words this modifier marks.
    Antecedent,
    /// An alignment of one side with another party ("an agreement between Japan and
    /// Germany"), counted as hostility toward the other side; on an "anti-" compound that
    /// names the aim of the alignment cue after it ("the anti-Comintern agreement"), factor 0,
    /// marking that cue: the alignment counts that hostility.
    Alignment,
    /// A hostility cue in the terms of a treaty ("neither party would take aggressive action
    /// against the other"): what a party would do, not what it does.
    TreatyTerm,
    /// Presupposed by a cue of another dimension ("cessation of hostilities" presupposes
    /// hostilities); a presupposition survives negation.
    Presupposed,
}

/// What kind of statement a hit's sentence makes about what its cue names (see
/// [`crate::score::rules::statement`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    /// Stated as a fact by the writer.
    #[default]
    Asserted,
    /// Another party's statement, relayed ("the Ambassador said").
    Reported,
    /// Reported and confirmed ("the Mission confirmed newspaper reports").
    Endorsed,
    /// Hedged: rumoured, possible, believed.
    Doubted,
    /// Negated: "no possibility of armed conflict".
    Denied,
    /// Ended, avoided, foiled or untrue: "a truce to terminate the fighting".
    Ended,
    /// Under a condition: "if Japan should attack".
    Hypothetical,
    /// Proposed or demanded: "proposals concerning the cessation of military operations".
    Proposed,
    /// Feared: "afraid of a Japanese attack".
    Feared,
    /// Intended, decided or threatened: "is resolved to denounce the treaty".
    Intended,
    /// A treaty's terms: "neither party would take aggressive action against the other".
    TreatyTerm,
}

/// One modifier applied to a hit: what, the words that caused it, and the factor applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Modifier {
    /// Kind of modifier.
    pub kind: ModifierKind,
    /// The modifier's words as written.
    pub term: String,
    /// Byte offsets of those words.
    pub start: u32,
    /// End byte offset.
    pub end: u32,
    /// Factor multiplied into the weight.
    pub factor: f64,
}

/// One explained contribution to a score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The cue as written in the lexicon, e.g. `non-aggression pact`.
    pub term: String,
    /// The words of the document that matched, as written.
    pub text: String,
    /// The dimension the cue feeds.
    pub dimension: Dimension,
    /// The cue's weight in the lexicon.
    pub base_weight: f64,
    /// The weight after all modifiers (negative when negation turned the cue around).
    pub weight: f64,
    /// For hostility hits, the level on the tension scale of the kind of conflict the cue
    /// names (see [`crate::lexicon::Cue::level`]); a hit with a positive weight pulls the
    /// document's tension toward it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<f64>,
    /// True when the cue is negated.
    pub negated: bool,
    /// What kind of statement its sentence makes about what the cue names.
    pub statement: StatementKind,
    /// Every modifier applied, in order.
    pub modifiers: Vec<Modifier>,
    /// Actors named in the hit's sentence (ids from the actor lexicon), sorted.
    pub actors: Vec<String>,
    /// The actors the cue's own words tie it to (agent, target, "between X and Y", a compound
    /// such as "Sino-Japanese"), sorted; empty when none is found or for hedges.
    pub participants: Vec<String>,
    /// Index of the sentence in the document (0-based).
    pub sentence: u32,
    /// First byte of the matched words in the document text.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// The sentence the hit is in, as written (whitespace collapsed).
    pub context: String,
    /// Byte range of the matched words within `context`, for highlighting.
    #[serde(skip)]
    pub context_match: Span,
}

/// Named, ordered features of a document. Names come from a shared schema so that vectors of
/// different documents line up column by column.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Features {
    /// Feature names, in schema order.
    pub names: &'static [&'static str],
    /// Values, same order.
    pub values: Vec<f64>,
}

impl Features {
    /// The value of a feature by name.
    pub fn get(&self, name: &str) -> Option<f64> {
        self.names
            .iter()
            .position(|n| *n == name)
            .map(|i| self.values[i])
    }
}

impl Serialize for Features {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.names.len()))?;
        for (n, v) in self.names.iter().zip(&self.values) {
            m.serialize_entry(n, v)?;
        }
        m.end()
    }
}

/// A document's scores on the codebook's own scales (hostility, rapprochement and uncertainty
/// 0-4, tension 0-10, trend -2..2), read from its raw scores by a calibration fitted on
/// analysts' ratings (`score --scale`, see `agreement::scale`); `None` where the raw
/// score is null.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct CodebookScale {
    /// Hostility, 0-4.
    #[serde(rename = "hostility_scale")]
    pub hostility: Option<f64>,
    /// Rapprochement, 0-4.
    #[serde(rename = "rapprochement_scale")]
    pub rapprochement: Option<f64>,
    /// Uncertainty, 0-4.
    #[serde(rename = "uncertainty_scale")]
    pub uncertainty: Option<f64>,
    /// Tension, 0-10.
    #[serde(rename = "tension_scale")]
    pub tension: Option<f64>,
    /// Trend, -2..2.
    #[serde(rename = "trend_scale")]
    pub trend: Option<f64>,
}

impl CodebookScale {
    /// The names of the values, in output order.
    pub const NAMES: [&'static str; 5] = [
        "hostility_scale",
        "rapprochement_scale",
        "uncertainty_scale",
        "tension_scale",
        "trend_scale",
    ];

    /// The values in [`CodebookScale::NAMES`] order.
    pub fn to_array(&self) -> [Option<f64>; 5] {
        [
            self.hostility,
            self.rapprochement,
            self.uncertainty,
            self.tension,
            self.trend,
        ]
    }
}

/// A scored document: the output contract of `score` (and the input of every analysis).
#[derive(Debug, Clone, PartialEq)]
pub struct DocScore {
    /// Document id.
    pub id: String,
    /// The dyad scored (its label, "Japan–China"), when the document was scored for several
    /// (`--dyad` given more than once); `None` for the one dyad of a plain run.
    pub dyad: Option<String>,
    /// Metadata of the document.
    pub meta: DocMeta,
    /// Number of word tokens.
    pub tokens: usize,
    /// Number of sentences.
    pub sentences: usize,
    /// The scores.
    pub scores: Scores,
    /// How much the document says about the dyad: the weight of its hostility and
    /// rapprochement hits after the rules (see [`crate::score::RELEVANCE_MIN`]).
    pub relevance: f64,
    /// 90% bootstrap intervals (resampling sentences, fixed seed).
    pub interval: Intervals,
    /// The feature vector.
    pub features: Features,
    /// Nearest cluster of a fitted model (`score --model`).
    pub cluster: Option<usize>,
    /// Distance to that cluster's centroid, in standardized feature units.
    pub distance: Option<f64>,
    /// The scores on the codebook's scales (`score --scale`).
    pub scale: Option<CodebookScale>,
    /// Every hit, in text order (only with `--explain`, or when a report needs them).
    pub hits: Option<Vec<Hit>>,
}

impl DocScore {
    /// Whether the document says enough about the dyad for its tension to mean anything
    /// (relevance at least [`crate::score::RELEVANCE_MIN`]); when it does not, outputs give its
    /// tension as null, as an analyst leaves it empty.
    pub fn is_relevant(&self) -> bool {
        self.relevance >= crate::score::RELEVANCE_MIN
    }

    /// The tension, or `None` for a document that says nothing about the dyad.
    pub fn tension(&self) -> Option<f64> {
        self.is_relevant().then_some(self.scores.tension)
    }

    /// The trend, or `None` for a document that says nothing about the dyad (as its tension):
    /// an analyst leaves both empty. The feature `trend` keeps the number.
    pub fn trend(&self) -> Option<f64> {
        self.features.get("trend").filter(|_| self.is_relevant())
    }
}

/// The JSON shape of a [`DocScore`]: the scores flattened beside the metadata, and tension
/// and trend null for a document that says nothing about the dyad.
#[derive(Serialize)]
struct DocScoreJson<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    dyad: Option<&'a str>,
    #[serde(flatten)]
    meta: &'a DocMeta,
    tokens: usize,
    sentences: usize,
    hostility: f64,
    rapprochement: f64,
    uncertainty: f64,
    tension: Option<f64>,
    trend: Option<f64>,
    relevance: f64,
    interval: &'a Intervals,
    features: &'a Features,
    #[serde(skip_serializing_if = "Option::is_none")]
    cluster: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    distance: Option<f64>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    scale: Option<&'a CodebookScale>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hits: Option<&'a Vec<Hit>>,
}

impl Serialize for DocScore {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        DocScoreJson {
            id: &self.id,
            dyad: self.dyad.as_deref(),
            meta: &self.meta,
            tokens: self.tokens,
            sentences: self.sentences,
            hostility: self.scores.hostility,
            rapprochement: self.scores.rapprochement,
            uncertainty: self.scores.uncertainty,
            tension: self.tension(),
            trend: self.trend(),
            relevance: self.relevance,
            interval: &self.interval,
            features: &self.features,
            cluster: self.cluster,
            distance: self.distance,
            scale: self.scale.as_ref(),
            hits: self.hits.as_ref(),
        }
        .serialize(s)
    }
}
