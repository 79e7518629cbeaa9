//! How analysts differ, beyond one agreement figure (`analysts`): each analyst's systematic
//! offset from the others, its drift from year to year, the documents where the analysts part
//! most, and (with the tool's document features) what drives each analyst's ratings
//! ([`super::drivers`]).
//!
//! An offset is the mean, over the documents an analyst rated with at least one other, of
//! the analyst's value minus the mean of the others' values, with a percentile bootstrap
//! interval over documents (fixed seed). It answers "does B rate tension higher than the
//! rest of the team?" in scale points.

use std::collections::BTreeMap;

use serde::Serialize;

use super::consensus::{Consensus, consensus};
use super::drivers::{DriverData, Drivers, drivers};
use super::{Level, PerDimension, RatedDimension, Ratings, Reliability};
use crate::stats;

/// Confidence of the offsets' intervals.
pub const OFFSET_CONFIDENCE: f64 = 0.9;

/// Bootstrap replicates of the offsets.
pub const OFFSET_REPS: usize = 2000;

/// Documents listed per dimension where the analysts part most.
pub const TOP_SPREAD: usize = 8;

/// What the tool knows of a rated document: its year and its features.
#[derive(Debug, Clone, PartialEq)]
pub struct DocFacts {
    /// Year of the document, when dated.
    pub year: Option<i32>,
    /// Feature values, in the order of the names given to [`analyse`].
    pub features: Vec<f64>,
}

impl DocFacts {
    /// The facts of scored documents by id: their year and their features (in the order of
    /// [`crate::score::FEATURE_NAMES`]), as `analysts` and `report --ratings` give them to
    /// [`analyse`].
    pub fn of_scores<'a>(
        docs: impl IntoIterator<Item = &'a crate::score::DocScore>,
    ) -> BTreeMap<String, DocFacts> {
        docs.into_iter()
            .map(|d| {
                (
                    d.id.clone(),
                    DocFacts {
                        year: d.meta.date.map(|x| x.year),
                        features: d.features.values.clone(),
                    },
                )
            })
            .collect()
    }
}

/// One analyst's systematic offset from the others on one dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Offset {
    /// The analyst.
    pub analyst: String,
    /// Mean of (own value - mean of the others' values).
    pub mean: Option<f64>,
    /// Lower end of the bootstrap interval.
    pub low: Option<f64>,
    /// Upper end.
    pub high: Option<f64>,
    /// Documents rated by the analyst and at least one other.
    pub n: usize,
}

/// Agreement and offsets in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearDrift {
    /// The year.
    pub year: i32,
    /// Documents of the year with a value of the dimension.
    pub documents: usize,
    /// Interval-level Krippendorff's alpha of the year's documents.
    pub alpha_interval: Option<f64>,
    /// Why that alpha is undefined, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpha_undefined: Option<String>,
    /// Each analyst's offset from the others in that year (no interval: few documents).
    pub offsets: Vec<Offset>,
}

/// A document where the analysts part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spread {
    /// The document.
    pub doc_id: String,
    /// Highest value minus lowest.
    pub range: f64,
    /// Standard deviation of the values.
    pub sd: f64,
    /// Each analyst's value (`None`: not rated), in analyst order.
    pub values: Vec<Option<f64>>,
}

/// Everything `analysts` says about one dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionAnalysts {
    /// Documents with at least one value.
    pub documents: usize,
    /// Each analyst's offset from the others.
    pub offsets: Vec<Offset>,
    /// Agreement and offsets by year (only when the documents' years are known).
    pub by_year: Vec<YearDrift>,
    /// The documents where the analysts part most, widest first.
    pub disagreements: Vec<Spread>,
    /// What drives each analyst (only with the tool's features).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drivers: Option<Drivers>,
}

/// The output of `analysts`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnalystsReport {
    /// Analysts, sorted.
    pub analysts: Vec<String>,
    /// Rated documents.
    pub documents: usize,
    /// Rated documents the tool scored (features and year known).
    pub with_features: usize,
    /// Per dimension with values, codebook order.
    pub dimensions: PerDimension<DimensionAnalysts>,
    /// Consensus per document.
    pub consensus: Vec<Consensus>,
    /// Things the reader should know.
    pub warnings: Vec<String>,
}

/// Analyse the analysts. `facts` holds the tool's knowledge of rated documents (empty
/// without a corpus); `feature_names` names the features of [`DocFacts::features`].
pub fn analyse(
    ratings: &Ratings,
    facts: &BTreeMap<String, DocFacts>,
    feature_names: &[&str],
    seed: u64,
) -> AnalystsReport {
    let mut warnings: Vec<String> = ratings.warnings().to_vec();
    let docs = ratings.documents();
    let years: Vec<Option<i32>> = docs
        .iter()
        .map(|d| facts.get(d).and_then(|f| f.year))
        .collect();
    let with_features = docs.iter().filter(|d| facts.contains_key(*d)).count();
    if facts.is_empty() {
        warnings.push(
            "no corpus given: drift by year and what drives each analyst need the documents (--corpus)"
                .into(),
        );
    } else if with_features < docs.len() {
        let missing: Vec<&str> = docs
            .iter()
            .filter(|d| !facts.contains_key(*d))
            .map(String::as_str)
            .collect();
        warnings.push(format!(
            "{} rated document(s) not in the corpus, left out of the models and of drift: {}",
            missing.len(),
            missing.join(", ")
        ));
    }
    if ratings.analysts().len() < 2 {
        warnings.push("one analyst only: offsets and disagreements need two or more".into());
    }
    let mut dims = Vec::new();
    for dim in RatedDimension::ALL {
        if !ratings.has_values(dim) {
            continue;
        }
        let all: Vec<usize> = (0..docs.len()).collect();
        let dseed = stats::derive_seed(seed, dim.name());
        let driver_data = driver_data(ratings, dim, facts, feature_names);
        dims.push((
            dim,
            DimensionAnalysts {
                documents: ratings.document_means(dim).len(),
                offsets: offsets(ratings, dim, &all, Some(dseed)),
                by_year: drift(ratings, dim, &years),
                disagreements: spreads(ratings, dim),
                drivers: driver_data
                    .and_then(|d| drivers(&d, ratings.analysts(), dim.name(), dseed)),
            },
        ));
    }
    AnalystsReport {
        analysts: ratings.analysts().to_vec(),
        documents: docs.len(),
        with_features,
        dimensions: PerDimension(dims),
        consensus: consensus(ratings),
        warnings,
    }
}

/// Each analyst's differences from the mean of the others on the documents `docs`.
fn differences(ratings: &Ratings, dim: RatedDimension, a: usize, docs: &[usize]) -> Vec<f64> {
    let n = ratings.analysts().len();
    docs.iter()
        .filter_map(|&d| {
            let own = ratings.value_at(a, d, dim)?;
            let others: Vec<f64> = (0..n)
                .filter(|&o| o != a)
                .filter_map(|o| ratings.value_at(o, d, dim))
                .collect();
            stats::mean(&others).map(|m| own - m)
        })
        .collect()
}

/// Offsets of every analyst on the documents `docs`; with a seed, with bootstrap intervals.
fn offsets(
    ratings: &Ratings,
    dim: RatedDimension,
    docs: &[usize],
    seed: Option<u64>,
) -> Vec<Offset> {
    (0..ratings.analysts().len())
        .map(|a| {
            let diffs = differences(ratings, dim, a, docs);
            let ci = seed.and_then(|s| {
                stats::bootstrap_interval(
                    diffs.len(),
                    OFFSET_REPS,
                    stats::derive_seed(s, &ratings.analysts()[a]),
                    OFFSET_CONFIDENCE,
                    |idx| stats::mean(&idx.iter().map(|i| diffs[*i]).collect::<Vec<_>>()),
                )
            });
            Offset {
                analyst: ratings.analysts()[a].clone(),
                mean: stats::mean(&diffs),
                low: ci.map(|c| c.0),
                high: ci.map(|c| c.1),
                n: diffs.len(),
            }
        })
        .collect()
}

/// Agreement and offsets per year of the documents.
fn drift(ratings: &Ratings, dim: RatedDimension, years: &[Option<i32>]) -> Vec<YearDrift> {
    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (d, y) in years.iter().enumerate() {
        if let Some(y) = y {
            by_year.entry(*y).or_default().push(d);
        }
    }
    by_year
        .into_iter()
        .filter_map(|(year, docs)| {
            let matrix: Vec<Vec<Option<f64>>> = (0..ratings.analysts().len())
                .map(|a| docs.iter().map(|&d| ratings.value_at(a, d, dim)).collect())
                .collect();
            let documents = (0..docs.len())
                .filter(|&i| matrix.iter().any(|row| row[i].is_some()))
                .count();
            let rel = Reliability::from_matrix(&matrix);
            (documents > 0).then(|| YearDrift {
                year,
                documents,
                alpha_interval: rel.alpha(Level::Interval),
                alpha_undefined: rel.why_undefined(Level::Interval),
                offsets: offsets(ratings, dim, &docs, None),
            })
        })
        .collect()
}

/// The documents where the analysts' values are furthest apart.
fn spreads(ratings: &Ratings, dim: RatedDimension) -> Vec<Spread> {
    let n = ratings.analysts().len();
    let mut out: Vec<Spread> = ratings
        .documents()
        .iter()
        .enumerate()
        .filter_map(|(d, id)| {
            let values: Vec<Option<f64>> = (0..n).map(|a| ratings.value_at(a, d, dim)).collect();
            let present: Vec<f64> = values.iter().flatten().copied().collect();
            if present.len() < 2 {
                return None;
            }
            let lo = present.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = present.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let range = hi - lo;
            (range > 0.0).then(|| Spread {
                doc_id: id.clone(),
                range,
                sd: stats::std_dev(&present).unwrap_or(0.0),
                values,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.range
            .total_cmp(&a.range)
            .then(b.sd.total_cmp(&a.sd))
            .then(a.doc_id.cmp(&b.doc_id))
    });
    out.truncate(TOP_SPREAD);
    out
}

/// The documents with features, and every rating of the dimension on them.
fn driver_data<'a>(
    ratings: &Ratings,
    dim: RatedDimension,
    facts: &BTreeMap<String, DocFacts>,
    names: &'a [&'a str],
) -> Option<DriverData<'a>> {
    if facts.is_empty() {
        return None;
    }
    let mut features = Vec::new();
    let mut years = Vec::new();
    let mut rows = Vec::new();
    for (d, id) in ratings.documents().iter().enumerate() {
        let Some(f) = facts.get(id) else { continue };
        let here: Vec<(usize, usize, f64)> = (0..ratings.analysts().len())
            .filter_map(|a| ratings.value_at(a, d, dim).map(|v| (a, features.len(), v)))
            .collect();
        if here.is_empty() {
            continue;
        }
        rows.extend(here);
        features.push(f.features.clone());
        years.push(f.year);
    }
    Some(DriverData {
        names,
        features,
        years,
        ratings: rows,
    })
}
