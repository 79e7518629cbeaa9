//! What drives each analyst: sparse linear models from the tool's document features to one
//! analyst's ratings, and to all analysts' ratings pooled, and the features whose weight for
//! one analyst differs from the pooled weight beyond a bootstrap interval.
//!
//! Decisions:
//! - Features are standardized over the rated documents (mean 0, standard deviation 1; a
//!   feature that does not vary is left out), ratings stay on their scale: a weight of +0.6
//!   means 0.6 scale points more per standard deviation of the feature.
//! - Elastic net (linfa-elasticnet), half lasso half ridge: lasso alone picks one of several
//!   correlated features (hedges, uncertainty cues, the uncertainty score) at random from one
//!   bootstrap replicate to the next; the ridge half spreads the weight among them. The penalty
//!   is chosen from a fixed grid by the pooled model's leave-one-year-out error, and the same
//!   penalty is used for every analyst of the dimension so that their weights compare.
//! - An analyst's weight "differs" when the pooled weight lies outside the analyst's
//!   percentile bootstrap interval (documents resampled with replacement, fixed seed; each
//!   replicate refits the analyst's model). The pooled weight is the point estimate the
//!   reader sees beside the interval, so the sentence and the test say the same thing.

use linfa::prelude::*;
use linfa_elasticnet::ElasticNet;
use ndarray::{Array1, Array2};
use serde::Serialize;

use crate::stats;

/// The candidate penalties (on standardized features).
pub const PENALTIES: [f64; 6] = [0.01, 0.03, 0.1, 0.2, 0.4, 0.8];

/// Share of the L1 penalty in the elastic net.
pub const L1_RATIO: f64 = 0.5;

/// Bootstrap replicates of the weights.
pub const DRIVER_REPS: usize = 300;

/// Confidence of the weights' intervals.
pub const DRIVER_CONFIDENCE: f64 = 0.9;

/// Fewer rated documents than this and an analyst's model is not fitted: too little data.
pub const MIN_DOCUMENTS: usize = 20;

/// Differences reported per analyst.
pub const TOP_DIFFERENCES: usize = 3;

/// The name of the pooled model.
pub const POOLED: &str = "pooled";

/// One analyst's (or the pooled) model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelFit {
    /// Analyst, or `pooled`.
    pub analyst: String,
    /// Rated documents behind the model (for the pooled model: ratings).
    pub n: usize,
    /// Leave-one-year-out R^2 (predictions for each year from a model fitted on the others);
    /// `None` with fewer than three years.
    pub r2_loyo: Option<f64>,
    /// Weights per feature, in the order of [`Drivers::features`].
    pub weights: Vec<f64>,
    /// Bootstrap interval of each weight, `[low, high]` (`None` when too many replicates
    /// failed); empty for the pooled model, whose weight is the reference.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub intervals: Vec<Option<[f64; 2]>>,
}

/// A feature whose weight for an analyst is compared with the pooled weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightDifference {
    /// The analyst.
    pub analyst: String,
    /// The feature.
    pub feature: String,
    /// The analyst's weight.
    pub weight: f64,
    /// Lower end of its bootstrap interval.
    pub low: f64,
    /// Upper end.
    pub high: f64,
    /// The pooled weight.
    pub pooled: f64,
    /// True when the pooled weight lies outside the analyst's interval.
    pub differs: bool,
    /// The finding in plain words.
    pub sentence: String,
}

/// The models of one dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drivers {
    /// Features used (those that vary), in schema order.
    pub features: Vec<String>,
    /// Documents with features and at least one rating.
    pub documents: usize,
    /// Penalty chosen.
    pub penalty: f64,
    /// Share of L1 in the penalty.
    pub l1_ratio: f64,
    /// Bootstrap replicates.
    pub reps: usize,
    /// Confidence of the intervals.
    pub confidence: f64,
    /// The pooled model first, then one per analyst with enough data.
    pub models: Vec<ModelFit>,
    /// Per analyst, the features whose weight differs most from the pooled one.
    pub differences: Vec<WeightDifference>,
    /// Per analyst, what can be said: too little data, or no feature differs.
    pub verdicts: Vec<String>,
}

/// The data of one dimension: standardized features of each document, and every rating.
pub struct DriverData<'a> {
    /// Feature names (all, schema order).
    pub names: &'a [&'a str],
    /// Raw features per document.
    pub features: Vec<Vec<f64>>,
    /// Year of each document, when known.
    pub years: Vec<Option<i32>>,
    /// `(analyst index, document index, value)` for every rating of the dimension.
    pub ratings: Vec<(usize, usize, f64)>,
}

/// Standardize columns; returns the matrix of the varying columns and their indices.
fn standardize(features: &[Vec<f64>], p: usize) -> (Array2<f64>, Vec<usize>) {
    let n = features.len();
    let mut keep = Vec::new();
    let mut cols: Vec<Vec<f64>> = Vec::new();
    for j in 0..p {
        let col: Vec<f64> = features
            .iter()
            .map(|f| f.get(j).copied().filter(|v| v.is_finite()).unwrap_or(0.0))
            .collect();
        let (Some(m), Some(sd)) = (stats::mean(&col), stats::std_dev(&col)) else {
            continue;
        };
        if sd <= 1e-12 {
            continue;
        }
        keep.push(j);
        cols.push(col.iter().map(|v| (v - m) / sd).collect());
    }
    let mut x = Array2::zeros((n, keep.len()));
    for (k, col) in cols.iter().enumerate() {
        for (i, v) in col.iter().enumerate() {
            x[[i, k]] = *v;
        }
    }
    (x, keep)
}

/// Fit one elastic net on the rows `rows` (document index, value) of `x`.
fn fit(x: &Array2<f64>, rows: &[(usize, f64)], penalty: f64) -> Option<ElasticNet<f64>> {
    if rows.len() < 3 {
        return None;
    }
    let p = x.ncols();
    let mut xs = Array2::zeros((rows.len(), p));
    let mut ys = Array1::zeros(rows.len());
    for (i, (d, y)) in rows.iter().enumerate() {
        xs.row_mut(i).assign(&x.row(*d));
        ys[i] = *y;
    }
    ElasticNet::params()
        .penalty(penalty)
        .l1_ratio(L1_RATIO)
        .max_iterations(2000)
        .tolerance(1e-6)
        .fit(&Dataset::new(xs, ys))
        .ok()
}

/// Leave-one-year-out R^2 of the model on `rows`; `None` with fewer than three years.
fn r2_loyo(
    x: &Array2<f64>,
    rows: &[(usize, f64)],
    years: &[Option<i32>],
    penalty: f64,
) -> Option<f64> {
    let mut distinct: Vec<i32> = rows.iter().filter_map(|(d, _)| years[*d]).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 3 {
        return None;
    }
    let ys: Vec<f64> = rows
        .iter()
        .filter(|(d, _)| years[*d].is_some())
        .map(|r| r.1)
        .collect();
    let mean = stats::mean(&ys)?;
    let (mut sse, mut sst) = (0.0, 0.0);
    for y in &distinct {
        let train: Vec<(usize, f64)> = rows
            .iter()
            .filter(|(d, _)| years[*d] != Some(*y))
            .copied()
            .collect();
        let model = fit(x, &train, penalty)?;
        for (d, v) in rows.iter().filter(|(d, _)| years[*d] == Some(*y)) {
            let pred = model.intercept() + x.row(*d).dot(model.hyperplane());
            sse += (v - pred) * (v - pred);
            sst += (v - mean) * (v - mean);
        }
    }
    (sst > 0.0).then(|| 1.0 - sse / sst)
}

/// The grid penalty with the smallest leave-one-year-out error of the pooled model (the
/// middle of the grid when years are too few to tell).
fn choose_penalty(x: &Array2<f64>, rows: &[(usize, f64)], years: &[Option<i32>]) -> f64 {
    let mut best = (PENALTIES[2], f64::NEG_INFINITY);
    for p in PENALTIES {
        if let Some(r2) = r2_loyo(x, rows, years, p)
            && r2 > best.1 + 1e-9
        {
            best = (p, r2);
        }
    }
    best.0
}

/// Rows of one analyst (`Some(a)`) or of everyone (`None`), restricted to resampled documents
/// `docs` (a document drawn twice counts twice).
fn rows_of(
    ratings: &[(usize, usize, f64)],
    analyst: Option<usize>,
    docs: &[usize],
    n_docs: usize,
) -> Vec<(usize, f64)> {
    let mut count = vec![0usize; n_docs];
    for d in docs {
        count[*d] += 1;
    }
    let mut out = Vec::new();
    for &(a, d, v) in ratings {
        if analyst.is_some_and(|x| x != a) {
            continue;
        }
        for _ in 0..count[d] {
            out.push((d, v));
        }
    }
    out
}

/// Fit the pooled and per-analyst models of one dimension and compare their weights.
/// `analysts` are the names by index; `dim` names the dimension in sentences.
pub fn drivers(data: &DriverData, analysts: &[String], dim: &str, seed: u64) -> Option<Drivers> {
    let n_docs = data.features.len();
    let (x, keep) = standardize(&data.features, data.names.len());
    if keep.is_empty() || n_docs < 3 {
        return None;
    }
    let all_docs: Vec<usize> = (0..n_docs).collect();
    let pooled_rows = rows_of(&data.ratings, None, &all_docs, n_docs);
    let penalty = choose_penalty(&x, &pooled_rows, &data.years);
    let pooled = fit(&x, &pooled_rows, penalty)?;
    let mut models = vec![ModelFit {
        analyst: POOLED.to_string(),
        n: pooled_rows.len(),
        r2_loyo: r2_loyo(&x, &pooled_rows, &data.years, penalty),
        weights: pooled.hyperplane().to_vec(),
        intervals: Vec::new(),
    }];
    let mut fitted = Vec::new();
    let mut verdicts = Vec::new();
    for (a, name) in analysts.iter().enumerate() {
        let rows = rows_of(&data.ratings, Some(a), &all_docs, n_docs);
        if rows.len() < MIN_DOCUMENTS {
            verdicts.push(format!(
                "{name}: too little data to tell what drives the {dim} ratings ({} rated documents with features, at least {MIN_DOCUMENTS} needed)",
                rows.len()
            ));
            continue;
        }
        let Some(m) = fit(&x, &rows, penalty) else {
            verdicts.push(format!("{name}: the {dim} model could not be fitted"));
            continue;
        };
        models.push(ModelFit {
            analyst: name.clone(),
            n: rows.len(),
            r2_loyo: r2_loyo(&x, &rows, &data.years, penalty),
            weights: m.hyperplane().to_vec(),
            intervals: Vec::new(),
        });
        fitted.push(a);
    }
    let features: Vec<String> = keep.iter().map(|j| data.names[*j].to_string()).collect();
    let intervals = bootstrap_weights(&x, data, &fitted, penalty, seed);
    for (model, iv) in models[1..].iter_mut().zip(&intervals) {
        model.intervals = iv.iter().map(|o| o.map(|(l, h)| [l, h])).collect();
    }
    let mut differences = Vec::new();
    for (k, &a) in fitted.iter().enumerate() {
        let model = &models[k + 1];
        let mut diffs: Vec<WeightDifference> = Vec::new();
        for (j, f) in features.iter().enumerate() {
            let Some((low, high)) = intervals[k][j] else {
                continue;
            };
            let (w, pw) = (model.weights[j], models[0].weights[j]);
            let differs = pw < low || pw > high;
            diffs.push(WeightDifference {
                analyst: analysts[a].clone(),
                feature: f.clone(),
                weight: w,
                low,
                high,
                pooled: pw,
                differs,
                sentence: sentence(&analysts[a], dim, f, w, low, high, pw, differs),
            });
        }
        if diffs.is_empty() {
            verdicts.push(format!(
                "{}: too little data to tell (the bootstrap replicates of the {dim} model failed too often)",
                analysts[a]
            ));
            continue;
        }
        diffs.sort_by(|p, q| {
            q.differs
                .cmp(&p.differs)
                .then(
                    (q.weight - q.pooled)
                        .abs()
                        .total_cmp(&(p.weight - p.pooled).abs()),
                )
                .then(p.feature.cmp(&q.feature))
        });
        if !diffs[0].differs {
            verdicts.push(format!(
                "{}: no feature's weight for {dim} differs from the pooled weight beyond its {:.0}% interval",
                analysts[a],
                DRIVER_CONFIDENCE * 100.0
            ));
        }
        diffs.truncate(TOP_DIFFERENCES);
        differences.extend(diffs);
    }
    Some(Drivers {
        features,
        documents: n_docs,
        penalty,
        l1_ratio: L1_RATIO,
        reps: DRIVER_REPS,
        confidence: DRIVER_CONFIDENCE,
        models,
        differences,
        verdicts,
    })
}

/// Percentile intervals of each fitted analyst's weights: `[analyst k][feature j]`.
fn bootstrap_weights(
    x: &Array2<f64>,
    data: &DriverData,
    fitted: &[usize],
    penalty: f64,
    seed: u64,
) -> Vec<Vec<Option<(f64, f64)>>> {
    use rand::Rng;
    let n_docs = data.features.len();
    let p = x.ncols();
    let mut draws: Vec<Vec<Vec<f64>>> =
        vec![vec![Vec::with_capacity(DRIVER_REPS); p]; fitted.len()];
    let mut rng = stats::rng(seed);
    let mut idx = Vec::with_capacity(n_docs);
    for _ in 0..DRIVER_REPS {
        idx.clear();
        idx.extend((0..n_docs).map(|_| rng.gen_range(0..n_docs)));
        for (k, &a) in fitted.iter().enumerate() {
            let rows = rows_of(&data.ratings, Some(a), &idx, n_docs);
            if let Some(m) = fit(x, &rows, penalty) {
                for (j, w) in m.hyperplane().iter().enumerate() {
                    draws[k][j].push(*w);
                }
            }
        }
    }
    let tail = (1.0 - DRIVER_CONFIDENCE) / 2.0;
    draws
        .into_iter()
        .map(|per_feature| {
            per_feature
                .into_iter()
                .map(|mut v| {
                    if v.len() * 2 < DRIVER_REPS {
                        return None;
                    }
                    stats::sort_floats(&mut v);
                    Some((stats::quantile(&v, tail)?, stats::quantile(&v, 1.0 - tail)?))
                })
                .collect()
        })
        .collect()
}

/// When a feature is high, in words.
pub fn feature_phrase(name: &str) -> String {
    match name {
        "hostility" => "the tool finds much hostility".into(),
        "rapprochement" => "the tool finds much rapprochement".into(),
        "uncertainty" => "the tool finds much uncertainty".into(),
        "tension" => "the tool's tension is high".into(),
        "hostility_level" => "the conflict named is grave".into(),
        "trend" => "the tool sees relations improving".into(),
        "hostility_hits" => "hostility cues are many".into(),
        "rapprochement_hits" => "rapprochement cues are many".into(),
        "uncertainty_hits" => "uncertainty cues (rumours, doubt) are many".into(),
        "negated_share" => "many cues are negated".into(),
        "dyad_hostility" => "the hostility is between the two states themselves".into(),
        "dyad_rapprochement" => "the rapprochement is between the two states themselves".into(),
        "hedge_rate" => "hedges are frequent".into(),
        "contrast_rate" => "contrasts (but, however) are frequent".into(),
        "attributed_share" => "many cues are attributed to someone else".into(),
        "dyad_sentence_share" => "many sentences name both states".into(),
        "third_party_share" => "third parties are often named".into(),
        other => format!("{other} is high"),
    }
}

#[allow(clippy::too_many_arguments)]
fn sentence(
    analyst: &str,
    dim: &str,
    feature: &str,
    w: f64,
    low: f64,
    high: f64,
    pooled: f64,
    differs: bool,
) -> String {
    let numbers = format!("weight {w:+.2} [{low:+.2}, {high:+.2}] vs {pooled:+.2} pooled");
    if differs {
        let how = if w > pooled { "higher" } else { "lower" };
        format!(
            "{analyst} rates {dim} {how} than the others when {} ({feature}: {numbers})",
            feature_phrase(feature)
        )
    } else {
        format!(
            "{analyst} weighs {feature} for {dim} as the others do, as far as the data tell ({numbers})"
        )
    }
}
