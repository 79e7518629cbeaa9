//! Agreement between analysts' ratings, and between analysts and the tool.
//!
//! - [`ratings`]: reading ratings files in the codebook format ([`Ratings`]).
//! - [`alpha`]: Krippendorff's alpha at four levels, with a bootstrap interval.
//! - [`pairwise`]: Cohen's weighted kappa and correlations per pair, and each analyst against
//!   the mean of the others (the human ceiling).
//! - [`compare`]: all of it per dimension, with the tool as one more analyst (`compare`).
//! - [`eval`]: the tool's raw scores against the analysts' mean (`eval`).
//! - [`analysts`]: how analysts differ: offsets, drift by year, widest disagreements, and
//!   what drives each one ([`drivers`]); a consensus per document ([`consensus`]).
//! - [`groups`]: diplomats (or places, recipients) compared by permutation tests.
//!
//! Every output is ordered (sorted names, codebook order of dimensions) and every random draw
//! seeded, so the same inputs give byte-identical output.

pub mod alpha;
pub mod analysts;
mod analysts_render;
pub mod consensus;
pub mod drivers;
pub mod eval;
pub mod groups;
pub mod layouts;
pub mod pairwise;
pub mod ratings;
mod render;
pub mod scale;
pub mod sets;

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

pub use alpha::{AlphaLevels, Level, Reliability};
pub use analysts::{AnalystsReport, DocFacts, analyse};
pub use analysts_render::{clean, render_analysts_csv, render_analysts_table};
pub use eval::{
    DimensionEval, Disagreement, EvalRun, Evaluation, evaluate, evaluate_subset, render_eval_table,
    split_half,
};
pub use groups::{GroupComparison, GroupSummary, GroupTest, compare_groups, render_groups_table};
pub use layouts::{Layout, ReadRatings};
pub use pairwise::{KappaWeights, PairAgreement, VsOthers, weighted_kappa};
pub use ratings::{RatedDimension, Ratings, RatingsBuilder};
pub use render::render_table;
pub use scale::{SCALE_REFIT, ScaleModel, ScaleModelError};
pub use sets::{RatedSet, SetsEvaluation, evaluate_sets, render_sets_table};

use crate::score::{DocScore, Interval};
use crate::stats;

/// An analysts' ratings file is invalid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{location}: {message}")]
pub struct RatingsError {
    /// File and line.
    pub location: crate::location::Location,
    /// What is wrong, and how to fix it.
    pub message: String,
}

/// The name under which the tool joins the analysts.
pub const TOOL_NAME: &str = "diplostance";

/// Bootstrap replicates for the interval of alpha.
pub const ALPHA_BOOTSTRAP_REPS: usize = 1000;

/// Confidence level of the interval of alpha.
pub const ALPHA_CONFIDENCE: f64 = stats::INTERVAL_LEVEL;

/// The rule that puts the tool's raw scores on an analysts' scale, as stated in outputs.
pub const TOOL_MAPPING: &str = "equipercentile: for each dimension, the tool's raw scores on the \
rated documents are given mid-rank percentiles (r - 0.5) / n (ties averaged) and mapped to that \
quantile of the pooled distribution of the human analysts' values for the dimension on the same \
documents, then rounded to the nearest scale point (rank-preserving)";

/// Values per dimension, serialized as a map from dimension name in codebook order.
#[derive(Debug, Clone, PartialEq)]
pub struct PerDimension<T>(pub Vec<(RatedDimension, T)>);

impl<T> Default for PerDimension<T> {
    fn default() -> Self {
        PerDimension(Vec::new())
    }
}

impl<T> PerDimension<T> {
    /// The entry for a dimension, if present.
    pub fn get(&self, dim: RatedDimension) -> Option<&T> {
        self.0.iter().find(|(d, _)| *d == dim).map(|(_, v)| v)
    }

    /// Entries in codebook order.
    pub fn iter(&self) -> impl Iterator<Item = &(RatedDimension, T)> {
        self.0.iter()
    }

    /// Number of dimensions present.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when no dimension is present.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: Serialize> Serialize for PerDimension<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (d, v) in &self.0 {
            m.serialize_entry(d.name(), v)?;
        }
        m.end()
    }
}

/// The tool's raw scores per document: hostility, rapprochement, uncertainty and tension, and a
/// trend score when the scorer gives one (0 where the document's trend is null, as in every
/// evaluation).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ToolScores {
    docs: BTreeMap<String, [Option<f64>; 5]>,
}

impl ToolScores {
    /// No scores.
    pub fn new() -> ToolScores {
        ToolScores::default()
    }

    /// From scored documents, under the rule of every evaluation ([`sets::tool_value`]: a
    /// null tension counts as 3, "correct but cool", and a null trend as 0), with a trend only
    /// when the scorer gives one ([`sets::evaluated_trend`]).
    pub fn from_doc_scores<'a>(docs: impl IntoIterator<Item = &'a DocScore>) -> ToolScores {
        let mut t = ToolScores::new();
        for d in docs {
            let mut values = RatedDimension::ALL.map(|dim| Some(sets::tool_value(d, dim)));
            values[RatedDimension::Trend.index()] = sets::evaluated_trend(d);
            t.insert_values(d.id.clone(), values);
        }
        t
    }

    /// Add (or replace) a document's scores given per dimension in [`RatedDimension::ALL`]
    /// order (non-finite values count as missing).
    pub fn insert_values(&mut self, id: impl Into<String>, values: [Option<f64>; 5]) {
        self.docs
            .insert(id.into(), values.map(|v| v.filter(|x| x.is_finite())));
    }

    /// A raw score.
    pub fn get(&self, id: &str, dim: RatedDimension) -> Option<f64> {
        self.docs
            .get(id)
            .and_then(|v| v[dim.index()])
            .filter(|x| x.is_finite())
    }

    /// The rated documents the tool has no scores for, in the ratings' order.
    pub fn unscored<'r>(&self, ratings: &'r Ratings) -> Vec<&'r str> {
        ratings
            .documents()
            .iter()
            .filter(|d| !self.contains(d))
            .map(String::as_str)
            .collect()
    }

    /// True when the document has scores.
    pub fn contains(&self, id: &str) -> bool {
        self.docs.contains_key(id)
    }

    /// True when at least one document has a score for the dimension.
    pub fn has(&self, dim: RatedDimension) -> bool {
        self.docs.values().any(|v| v[dim.index()].is_some())
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when there is no document.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

/// The interval of alpha.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AlphaCi {
    /// The level of measurement the interval is for (always `interval`).
    pub level: Level,
    /// Confidence (0.9, [`stats::INTERVAL_LEVEL`]).
    pub confidence: f64,
    /// Lower bound.
    pub low: Option<f64>,
    /// Upper bound.
    pub high: Option<f64>,
    /// Bootstrap replicates (resampling documents).
    pub reps: usize,
}

/// Whether the tool agrees with the analysts as well as they agree with each other, by
/// Spearman's correlation with the mean of the human analysts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ToolVerdict {
    /// The tool's Spearman against the human analysts' mean.
    pub tool: Option<f64>,
    /// The lowest human analyst's Spearman against the mean of the other humans.
    pub weakest_human: Option<f64>,
    /// The median of the human analysts' Spearmans against the others.
    pub median_human: Option<f64>,
    /// The tool's correlation is at least the weakest analyst's.
    pub as_good_as_weakest: bool,
    /// The tool's correlation is at least the median analyst's.
    pub as_good_as_median: bool,
}

/// Agreement statistics of one dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionComparison {
    /// Krippendorff's alpha of the human analysts at each level.
    pub alpha: AlphaLevels,
    /// Why alpha is undefined at a level, for each level where it is (`"ratio": "..."`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub alpha_undefined: BTreeMap<&'static str, String>,
    /// Bootstrap interval of the human analysts' interval-level alpha.
    pub alpha_ci: AlphaCi,
    /// Alpha with the tool as one more analyst (only with the tool).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpha_with_tool: Option<AlphaLevels>,
    /// Documents with at least one human value of this dimension.
    pub documents: usize,
    /// Every pair of analysts (the tool included), sorted by names.
    pub pairwise: Vec<PairAgreement>,
    /// Each analyst (the tool included) against the mean of the *human* others.
    pub vs_others: Vec<VsOthers>,
    /// The plain verdict on the tool (only with the tool).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool_vs_humans: Option<ToolVerdict>,
}

impl Comparison {
    /// One line per alpha that is undefined, saying why (the table shows such a value as `-`).
    pub fn undefined_alpha_notes(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (dim, d) in self.dimensions.iter() {
            for (level, why) in &d.alpha_undefined {
                out.push(format!("{dim}: {level} alpha is undefined ({why})"));
            }
        }
        out
    }
}

/// The output of `compare`: agreement per dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Analysts, sorted, followed by the tool when it takes part.
    pub analysts: Vec<String>,
    /// Number of rated documents.
    pub documents: usize,
    /// Per dimension with at least one value, in codebook order.
    pub dimensions: PerDimension<DimensionComparison>,
    /// How the tool's raw scores were put on the analysts' scales (only with the tool).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool_mapping: Option<String>,
    /// Things the reader should know: rated documents the tool did not score, ignored columns.
    pub warnings: Vec<String>,
}

/// Map the tool's raw scores of one dimension onto the analysts' scale by equipercentile
/// mapping (see [`TOOL_MAPPING`]): `raw` and the returned values are in the same order;
/// `human` is the pooled human values on the same documents. Rank-preserving: a higher raw
/// score never gets a lower scale value. Empty when `human` is empty.
pub fn map_to_scale(raw: &[f64], human: &[f64], dim: RatedDimension) -> Vec<f64> {
    let mut pooled = human.to_vec();
    stats::sort_floats(&mut pooled);
    if pooled.is_empty() {
        return Vec::new();
    }
    let n = raw.len() as f64;
    stats::ranks(raw)
        .into_iter()
        .filter_map(|r| stats::quantile(&pooled, (r - 0.5) / n))
        .map(|q| dim.nearest_point(q) as f64)
        .collect()
}

/// Compare the analysts with each other, and with the tool when its scores are given.
///
/// The tool joins as one more analyst, [`TOOL_NAME`], after its raw scores are mapped to each
/// dimension's scale by [`map_to_scale`] on the documents that have at least one human value of
/// that dimension. Rated documents the tool did not score are listed in `warnings` and left out
/// of the tool's statistics only. Krippendorff's alpha and the human ceiling (`vs_others`) are
/// always those of the human analysts, so adding the tool does not move the reference; the
/// alpha with the tool is given separately.
pub fn compare(ratings: &Ratings, tool: Option<&ToolScores>, seed: u64) -> Comparison {
    let humans: Vec<String> = ratings.analysts().to_vec();
    let mut warnings: Vec<String> = ratings.warnings().to_vec();
    let mut analysts = humans.clone();
    let mut tool_name = None;
    let mut joined = None;
    if let Some(tool) = tool {
        let name = if humans.iter().any(|h| h == TOOL_NAME) {
            warnings.push(format!(
                "an analyst is named {TOOL_NAME}; the tool is shown as {TOOL_NAME}-tool"
            ));
            format!("{TOOL_NAME}-tool")
        } else {
            TOOL_NAME.to_string()
        };
        let missing = tool.unscored(ratings);
        if !missing.is_empty() {
            warnings.push(format!(
                "{} rated document(s) not scored by the tool, left out of the tool's comparison: {}",
                missing.len(),
                missing.join(", ")
            ));
        }
        let mapped = mapped_tool_values(ratings, tool);
        joined = Some(ratings.with_analyst(&name, &mapped));
        analysts.push(name.clone());
        tool_name = Some(name);
    }
    let mut dims = Vec::new();
    for dim in RatedDimension::ALL {
        if !ratings.has_values(dim) {
            continue;
        }
        let rel = Reliability::from_matrix(&ratings.matrix(dim));
        let ci = rel.bootstrap(
            Level::Interval,
            ALPHA_BOOTSTRAP_REPS,
            stats::derive_seed(seed, dim.name()),
            ALPHA_CONFIDENCE,
        );
        let all = joined.as_ref().unwrap_or(ratings);
        let vs = pairwise::vs_others(all, dim, &analysts, &humans);
        let verdict = tool_name.as_ref().map(|t| verdict(&vs, t, &humans));
        dims.push((
            dim,
            DimensionComparison {
                alpha: rel.alpha_levels(),
                alpha_undefined: Level::ALL
                    .iter()
                    .filter_map(|l| rel.why_undefined(*l).map(|w| (l.name(), w)))
                    .collect(),
                alpha_ci: AlphaCi {
                    level: Level::Interval,
                    confidence: ALPHA_CONFIDENCE,
                    low: ci.map(|c| c.0),
                    high: ci.map(|c| c.1),
                    reps: ALPHA_BOOTSTRAP_REPS,
                },
                alpha_with_tool: joined
                    .as_ref()
                    .map(|j| Reliability::from_matrix(&j.matrix(dim)).alpha_levels()),
                documents: ratings.document_means(dim).len(),
                pairwise: pairwise::pairwise(all, dim),
                vs_others: vs,
                tool_vs_humans: verdict,
            },
        ));
    }
    Comparison {
        analysts,
        documents: ratings.documents().len(),
        dimensions: PerDimension(dims),
        tool_mapping: tool.map(|_| TOOL_MAPPING.to_string()),
        warnings,
    }
}

/// The tool's values on the analysts' scales, per rated document it scored.
fn mapped_tool_values(ratings: &Ratings, tool: &ToolScores) -> BTreeMap<String, [Option<f64>; 5]> {
    let mut out: BTreeMap<String, [Option<f64>; 5]> = BTreeMap::new();
    for dim in RatedDimension::ALL {
        let mut docs = Vec::new();
        let mut raw = Vec::new();
        let mut human = Vec::new();
        for (d, doc) in ratings.documents().iter().enumerate() {
            let vals: Vec<f64> = (0..ratings.analysts().len())
                .filter_map(|a| ratings.value_at(a, d, dim))
                .collect();
            if vals.is_empty() {
                continue;
            }
            let Some(t) = tool.get(doc, dim) else {
                continue;
            };
            docs.push(doc);
            raw.push(t);
            human.extend(vals);
        }
        for (doc, v) in docs.into_iter().zip(map_to_scale(&raw, &human, dim)) {
            out.entry(doc.clone()).or_insert([None; 5])[dim.index()] = Some(v);
        }
    }
    out
}

fn verdict(vs: &[VsOthers], tool: &str, humans: &[String]) -> ToolVerdict {
    let t = vs
        .iter()
        .find(|v| v.analyst == tool)
        .and_then(|v| v.spearman);
    let mut h: Vec<f64> = vs
        .iter()
        .filter(|v| humans.contains(&v.analyst))
        .filter_map(|v| v.spearman)
        .collect();
    stats::sort_floats(&mut h);
    let weakest = h.first().copied();
    let median = stats::quantile(&h, 0.5);
    let at_least = |x: Option<f64>| matches!((t, x), (Some(t), Some(x)) if t >= x);
    ToolVerdict {
        tool: t,
        weakest_human: weakest,
        median_human: median,
        as_good_as_weakest: at_least(weakest),
        as_good_as_median: at_least(median),
    }
}

/// A bootstrap interval as an [`Interval`].
fn interval(ci: Option<(f64, f64)>) -> Option<Interval> {
    ci.map(|(low, high)| Interval { low, high })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn mapping_is_rank_preserving_onto_the_human_scale() {
        let raw = [0.1, 5.0, 2.0, 2.0, 9.0];
        let human = [0.0, 0.0, 1.0, 1.0, 2.0, 2.0, 3.0, 4.0, 4.0, 4.0];
        let m = map_to_scale(&raw, &human, RatedDimension::Hostility);
        assert_eq!(m.len(), raw.len());
        for i in 0..raw.len() {
            for j in 0..raw.len() {
                if raw[i] < raw[j] {
                    assert!(m[i] <= m[j], "{m:?}");
                }
            }
            assert_eq!(m[i].fract(), 0.0);
        }
        assert_eq!(m[2], m[3], "ties stay tied");
        assert_eq!(m[0], 0.0);
        assert_eq!(m[4], 4.0);
    }

    #[test]
    fn tool_joins_as_an_analyst() {
        let text = "analyst,doc_id,tension,trend
A,d1,1,
A,d2,3,
A,d3,5,
A,d4,8,
B,d1,2,
B,d2,3,
B,d3,6,
B,d4,8,
";
        let r = Ratings::parse(Path::new("t.csv"), text).unwrap();
        let mut tool = ToolScores::new();
        for (id, t) in [("d1", 0.5), ("d2", 2.0), ("d3", 4.0)] {
            tool.insert_values(id, [None, None, None, Some(t), None]);
        }
        let c = compare(&r, Some(&tool), 1);
        assert_eq!(c.analysts, ["A", "B", "diplostance"]);
        assert_eq!(c.dimensions.len(), 1, "no values of trend: absent");
        assert!(c.warnings.iter().any(|w| w.contains("d4")));
        let t = c.dimensions.get(RatedDimension::Tension).unwrap();
        assert_eq!(t.pairwise.len(), 3);
        let tool_vs = t.vs_others.iter().find(|v| v.analyst == TOOL_NAME).unwrap();
        assert_eq!(tool_vs.n, 3);
        assert!(t.tool_vs_humans.is_some());
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.starts_with("{\"analysts\":[\"A\",\"B\",\"diplostance\"],\"documents\":4,\"dimensions\":{\"tension\":{\"alpha\":{\"nominal\""), "{json}");
        assert_eq!(
            json,
            serde_json::to_string(&compare(&r, Some(&tool), 1)).unwrap()
        );
    }
}
