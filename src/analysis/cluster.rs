//! Kinds of assessment: documents clustered on their standardized feature vectors.
//!
//! Parameters follow linfa's checked-parameter pattern: [`ClusterParams`] is built freely,
//! [`ClusterParams::check`] validates it into [`ValidClusterParams`], and
//! [`ValidClusterParams::fit`] clusters scored documents into a [`Clustering`].
//!
//! Choices, and why:
//!
//! * **Space.** Features are z-scored over the corpus ([`Scaling`]), so a feature measured in
//!   large units does not dominate; a constant feature contributes 0.
//! * **k-means** (default) is linfa's, seeded with `Xoshiro256Plus::seed_from_u64(seed)` and
//!   [`KMEANS_RUNS`] restarts. linfa's update treats the old centroid as one more member, so
//!   its centroids are not exactly the members' means; a few plain Lloyd steps follow until the
//!   memberships no longer change, after which every centroid is its members' mean and every
//!   document is nearest its own centroid (which is what a fitted model's `assign` relies on).
//! * **GMM** is linfa's full-covariance Gaussian mixture (regularized by [`GMM_REG_COVAR`] on
//!   the diagonal, as a handful of documents per cluster make covariances singular). A
//!   document goes to its most probable component; a cluster's centroid is its members' mean.
//! * **DBSCAN** uses `min_points` = [`DBSCAN_MIN_POINTS`] and, as tolerance, the median over
//!   documents of the distance to their (`min_points` - 1)-th nearest other document, the
//!   usual knee-free reading of the k-distance plot: about half the documents are then core
//!   points. Noise documents have cluster `null`.
//! * **`--k auto`** tries k = 2..=8 (capped at n - 1) and keeps the k with the highest mean
//!   silhouette (Euclidean, in z units; the smallest k on a tie; on an evenly spaced sample of
//!   [`SILHOUETTE_SAMPLE`] documents for larger corpora). The silhouettes tried are in the
//!   output.
//! * **Cluster numbering** is by ascending mean `tension` of the members (then by the input
//!   position of the first member), so cluster 0 is always the calmest kind of assessment,
//!   whatever order the algorithm found them in.
//! * **Descriptions** name the (up to) three features whose cluster mean z-score is largest in
//!   absolute value, skipping those within [`DISTINCTIVE_MIN_Z`] of the corpus mean:
//!   "high hostility_rate, low rapprochement_rate".

use std::fmt::{self, Write as _};
use std::str::FromStr;

use linfa::DatasetBase;
use linfa::prelude::*;
use linfa_clustering::{Dbscan, GaussianMixtureModel, KMeans};
use ndarray::Array2;
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256Plus;
use serde::{Deserialize, Serialize};

use super::projection::{Pca2, Scaling};
use super::{LeftOut, ModelError};
use crate::score::{DocScore, Scores};

/// Default seed of every clustering.
pub const DEFAULT_SEED: u64 = 1938;
/// k-means restarts (the run with the lowest inertia is kept).
pub const KMEANS_RUNS: usize = 10;
/// Largest k tried by `--k auto`.
pub const AUTO_K_MAX: usize = 8;
/// Ridge added to GMM covariance diagonals, in squared z units.
pub const GMM_REG_COVAR: f64 = 1e-3;
/// DBSCAN's minimum neighbourhood size (the point itself included).
pub const DBSCAN_MIN_POINTS: usize = 3;
/// A feature whose cluster mean is within this many standard deviations of the corpus mean does
/// not describe the cluster.
pub const DISTINCTIVE_MIN_Z: f64 = 0.1;

/// How many clusters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KChoice {
    /// Exactly this many.
    Fixed(usize),
    /// Chosen by silhouette over 2..=8.
    #[default]
    Auto,
}

impl FromStr for KChoice {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("auto") {
            return Ok(KChoice::Auto);
        }
        s.parse::<usize>()
            .map(KChoice::Fixed)
            .map_err(|_| format!("bad k \"{s}\" (expected a number of clusters or \"auto\")"))
    }
}

/// Clustering algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// k-means (linfa-clustering).
    #[default]
    KMeans,
    /// Gaussian mixture (linfa-clustering).
    Gmm,
    /// Density-based clustering with noise (linfa-clustering).
    Dbscan,
}

impl Method {
    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Method::KMeans => "kmeans",
            Method::Gmm => "gmm",
            Method::Dbscan => "dbscan",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Method {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "kmeans" | "k-means" => Ok(Method::KMeans),
            "gmm" => Ok(Method::Gmm),
            "dbscan" => Ok(Method::Dbscan),
            _ => Err(format!(
                "unknown clustering method \"{s}\" (expected kmeans, gmm or dbscan)"
            )),
        }
    }
}

/// Clustering settings, unchecked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClusterParams {
    /// Number of clusters (ignored by DBSCAN, which must be given `Auto`).
    pub k: KChoice,
    /// Algorithm.
    pub method: Method,
    /// Seed of every random choice.
    pub seed: u64,
}

impl Default for ClusterParams {
    fn default() -> Self {
        ClusterParams {
            k: KChoice::Auto,
            method: Method::KMeans,
            seed: DEFAULT_SEED,
        }
    }
}

impl ClusterParams {
    /// Default settings: k-means, `k` auto, seed [`DEFAULT_SEED`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Set `k`.
    pub fn k(mut self, k: KChoice) -> Self {
        self.k = k;
        self
    }

    /// Set the method.
    pub fn method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    /// Set the seed.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Validate the settings (those that do not depend on the data).
    pub fn check(self) -> Result<ValidClusterParams, ModelError> {
        match (self.method, self.k) {
            (Method::Dbscan, KChoice::Fixed(_)) => Err(ModelError::new(
                "DBSCAN finds the number of clusters itself; drop --k or use --method kmeans",
            )),
            (_, KChoice::Fixed(k)) if k < 2 => Err(ModelError::new(format!(
                "k = {k}: clustering needs at least 2 clusters (or --k auto)"
            ))),
            _ => Ok(ValidClusterParams(self)),
        }
    }
}

/// Checked clustering settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValidClusterParams(ClusterParams);

impl ValidClusterParams {
    /// The settings.
    pub fn params(&self) -> &ClusterParams {
        &self.0
    }

    /// Cluster scored documents (all with the same feature names). Documents without a
    /// tension (nothing on the dyad) are left out and counted in [`Clustering::left_out`]:
    /// otherwise they gather in a cluster of their own, or pull others to the scale's middle.
    pub fn fit(&self, docs: &[DocScore]) -> Result<Clustering, ModelError> {
        let p = self.0;
        let (docs, no_tension) = super::with_tension(docs);
        let without = no_tension
            .as_ref()
            .map(|l| format!(" ({} left out: {})", l.count, l.reason))
            .unwrap_or_default();
        if docs.is_empty() {
            return Err(ModelError::new(format!("no documents to cluster{without}")));
        }
        let (names, rows) = feature_matrix(&docs)?;
        let n = rows.len();
        if n < 2 {
            return Err(ModelError::new(format!(
                "clustering needs at least 2 documents; got {n}{without}"
            )));
        }
        let scaling = Scaling::fit(&rows);
        let z: Vec<Vec<f64>> = rows.iter().map(|r| scaling.apply(r)).collect();
        let pca = Pca2::fit(&z);

        let mut k_scores = Vec::new();
        let labels = match (p.method, p.k) {
            (Method::Dbscan, _) => dbscan(&z)?,
            (m, KChoice::Fixed(k)) => {
                if k > n {
                    return Err(ModelError::new(format!(
                        "asked for {k} clusters but there are only {n} documents; use a smaller --k"
                    )));
                }
                run(m, &z, k, p.seed)?
            }
            (m, KChoice::Auto) => {
                let top = AUTO_K_MAX.min(n - 1);
                if top < 2 {
                    return Err(ModelError::new(format!(
                        "--k auto needs at least 3 documents; got {n} (use --k 2)"
                    )));
                }
                let mut best: Option<(f64, Vec<Option<usize>>)> = None;
                for k in 2..=top {
                    let labels = run(m, &z, k, p.seed)?;
                    let s = silhouette(&z, &labels).unwrap_or(-1.0);
                    k_scores.push(KScore { k, silhouette: s });
                    if best.as_ref().is_none_or(|(b, _)| s > *b) {
                        best = Some((s, labels));
                    }
                }
                best.map(|(_, l)| l).unwrap_or_default()
            }
        };
        let mut c = build(p, names, &docs, scaling, pca, &z, labels, k_scores);
        c.left_out = no_tension.into_iter().collect();
        Ok(c)
    }
}

/// The silhouette of one candidate k.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KScore {
    /// Number of clusters tried.
    pub k: usize,
    /// Mean silhouette of that clustering (-1 to 1; higher is better separated).
    pub silhouette: f64,
}

/// A feature that sets a cluster apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Distinctive {
    /// Feature name.
    pub feature: String,
    /// Mean z-score of the cluster's members on the feature.
    pub z: f64,
    /// `high` or `low`.
    pub direction: String,
}

/// One cluster: what sets it apart, and who is in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    /// Id (0 = lowest mean tension).
    pub id: usize,
    /// Number of members.
    pub size: usize,
    /// The distinctive features in words, e.g. "high hostility_rate, low rapprochement_rate".
    pub description: String,
    /// The distinctive features, strongest first.
    pub distinctive: Vec<Distinctive>,
    /// Mean scores of the members.
    pub mean: Scores,
    /// Member document ids, in input order.
    pub members: Vec<String>,
}

/// One document's place: cluster and map coordinates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocPoint {
    /// Document id.
    pub id: String,
    /// Cluster id, or `null` for DBSCAN noise.
    pub cluster: Option<usize>,
    /// Distance to the cluster's centroid in z units (`null` for noise).
    pub distance: Option<f64>,
    /// First principal component.
    pub x: f64,
    /// Second principal component.
    pub y: f64,
}

/// The result of clustering.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Clustering {
    /// Number of clusters found.
    pub k: usize,
    /// Algorithm.
    pub method: Method,
    /// Seed.
    pub seed: u64,
    /// Mean silhouette of the result (`null` with fewer than 2 clusters).
    pub silhouette: Option<f64>,
    /// Silhouette of each k tried by `--k auto` (empty otherwise).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub k_tried: Vec<KScore>,
    /// Share of the variance shown by the map's x and y axes.
    pub explained: [f64; 2],
    /// The clusters, by id.
    pub clusters: Vec<Cluster>,
    /// Every document clustered, in input order.
    pub documents: Vec<DocPoint>,
    /// Documents not clustered, by reason (only reasons with a count above zero).
    pub left_out: Vec<LeftOut>,
    /// Feature names, in schema order.
    #[serde(skip)]
    pub feature_names: Vec<String>,
    /// The standardization.
    #[serde(skip)]
    pub scaling: Scaling,
    /// The map.
    #[serde(skip)]
    pub projection: Pca2,
    /// Centroid of each cluster in z units, by id.
    #[serde(skip)]
    pub centroids: Vec<Vec<f64>>,
}

impl ModelError {
    /// An error with a message.
    pub fn new(message: impl Into<String>) -> Self {
        ModelError {
            message: message.into(),
        }
    }
}

/// Feature names and rows, checked to line up.
pub(crate) fn feature_matrix(
    docs: &[&DocScore],
) -> Result<(Vec<String>, Vec<Vec<f64>>), ModelError> {
    let Some(first) = docs.first() else {
        return Err(ModelError::new("no documents to cluster"));
    };
    let names = first.features.names;
    if names.is_empty() {
        return Err(ModelError::new(format!(
            "document {} has no features; score the corpus before clustering",
            first.id
        )));
    }
    let mut rows = Vec::with_capacity(docs.len());
    for d in docs {
        if d.features.names != names || d.features.values.len() != names.len() {
            return Err(ModelError::new(format!(
                "document {}: its features ({} values: {}) do not line up with those of document {} ({})",
                d.id,
                d.features.values.len(),
                d.features.names.join(", "),
                first.id,
                names.join(", ")
            )));
        }
        if let Some(i) = d.features.values.iter().position(|v| !v.is_finite()) {
            return Err(ModelError::new(format!(
                "document {}: feature {} is {}, not a number",
                d.id, names[i], d.features.values[i]
            )));
        }
        rows.push(d.features.values.clone());
    }
    Ok((names.iter().map(|s| s.to_string()).collect(), rows))
}

fn to_array(z: &[Vec<f64>]) -> Result<Array2<f64>, ModelError> {
    let d = z.first().map_or(0, Vec::len);
    Array2::from_shape_vec((z.len(), d), z.concat())
        .map_err(|e| ModelError::new(format!("feature matrix: {e}")))
}

fn sq_dist(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// Index of the nearest centroid (the lowest index on a tie) and the Euclidean distance.
pub(crate) fn nearest(centroids: &[Vec<f64>], z: &[f64]) -> Option<(usize, f64)> {
    let mut best: Option<(usize, f64)> = None;
    for (i, c) in centroids.iter().enumerate() {
        let d = sq_dist(c, z);
        if best.is_none_or(|(_, b)| d < b) {
            best = Some((i, d));
        }
    }
    best.map(|(i, d)| (i, d.sqrt()))
}

/// Members' mean of each label 0..k (`None` for a label without members).
fn member_means(z: &[Vec<f64>], labels: &[Option<usize>], k: usize) -> Vec<Option<Vec<f64>>> {
    let d = z.first().map_or(0, Vec::len);
    let mut sums = vec![vec![0.0; d]; k];
    let mut counts = vec![0usize; k];
    for (row, l) in z.iter().zip(labels) {
        if let Some(c) = *l
            && c < k
        {
            counts[c] += 1;
            for (s, v) in sums[c].iter_mut().zip(row) {
                *s += v;
            }
        }
    }
    sums.into_iter()
        .zip(counts)
        .map(|(s, c)| (c > 0).then(|| s.into_iter().map(|x| x / c as f64).collect()))
        .collect()
}

fn run(
    method: Method,
    z: &[Vec<f64>],
    k: usize,
    seed: u64,
) -> Result<Vec<Option<usize>>, ModelError> {
    match method {
        Method::KMeans => kmeans(z, k, seed),
        Method::Gmm => gmm(z, k, seed),
        Method::Dbscan => dbscan(z),
    }
}

fn kmeans(z: &[Vec<f64>], k: usize, seed: u64) -> Result<Vec<Option<usize>>, ModelError> {
    let data = DatasetBase::from(to_array(z)?);
    let model = KMeans::params_with_rng(k, Xoshiro256Plus::seed_from_u64(seed))
        .n_runs(KMEANS_RUNS)
        .check()
        .map_err(|e| ModelError::new(format!("k-means settings: {e}")))?
        .fit(&data)
        .map_err(|e| ModelError::new(format!("k-means failed: {e}")))?;
    let mut centroids: Vec<Vec<f64>> = model
        .centroids()
        .rows()
        .into_iter()
        .map(|r| r.to_vec())
        .collect();
    let mut labels: Vec<Option<usize>> = z
        .iter()
        .map(|r| nearest(&centroids, r).map(|x| x.0))
        .collect();
    // Lloyd polish: centroids become exact member means, members their nearest centroid.
    for _ in 0..100 {
        let means = member_means(z, &labels, k);
        for (c, m) in centroids.iter_mut().zip(means) {
            if let Some(m) = m {
                *c = m;
            }
        }
        let next: Vec<Option<usize>> = z
            .iter()
            .map(|r| nearest(&centroids, r).map(|x| x.0))
            .collect();
        if next == labels {
            break;
        }
        labels = next;
    }
    Ok(labels)
}

fn gmm(z: &[Vec<f64>], k: usize, seed: u64) -> Result<Vec<Option<usize>>, ModelError> {
    let x = to_array(z)?;
    let data = DatasetBase::from(x.clone());
    let model = GaussianMixtureModel::params_with_rng(k, Xoshiro256Plus::seed_from_u64(seed))
        .n_runs(3)
        .reg_covariance(GMM_REG_COVAR)
        .check()
        .map_err(|e| ModelError::new(format!("GMM settings: {e}")))?
        .fit(&data)
        .map_err(|e| {
            ModelError::new(format!(
                "GMM failed ({e}); try --method kmeans, or fewer clusters"
            ))
        })?;
    let proba = model.predict_proba(&x);
    let mut labels = Vec::with_capacity(z.len());
    for row in proba.rows() {
        let mut best: Option<(usize, f64)> = None;
        for (i, &p) in row.iter().enumerate() {
            if !p.is_finite() {
                return Err(ModelError::new(
                    "GMM gave non-finite probabilities; try --method kmeans",
                ));
            }
            if best.is_none_or(|(_, b)| p > b) {
                best = Some((i, p));
            }
        }
        labels.push(best.map(|b| b.0));
    }
    Ok(labels)
}

/// DBSCAN's tolerance: the median distance to the (min_points - 1)-th nearest other document.
fn dbscan_tolerance(z: &[Vec<f64>]) -> f64 {
    let kth = DBSCAN_MIN_POINTS - 1;
    let mut kd: Vec<f64> = z
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut d: Vec<f64> = z
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, b)| sq_dist(a, b).sqrt())
                .collect();
            d.sort_by(f64::total_cmp);
            d.get(kth - 1).or(d.last()).copied().unwrap_or(0.0)
        })
        .collect();
    kd.sort_by(f64::total_cmp);
    let median = if kd.is_empty() {
        0.0
    } else if kd.len() % 2 == 1 {
        kd[kd.len() / 2]
    } else {
        (kd[kd.len() / 2 - 1] + kd[kd.len() / 2]) / 2.0
    };
    // linfa requires a positive tolerance; identical documents still cluster at 1e-9.
    median.max(1e-9)
}

fn dbscan(z: &[Vec<f64>]) -> Result<Vec<Option<usize>>, ModelError> {
    let x = to_array(z)?;
    let tol = dbscan_tolerance(z);
    let labels = Dbscan::params(DBSCAN_MIN_POINTS)
        .tolerance(tol)
        .check()
        .map_err(|e| ModelError::new(format!("DBSCAN settings: {e}")))?
        .transform(&x);
    Ok(labels.to_vec())
}

/// The silhouette compares every pair of documents; above this many documents it is computed
/// on an evenly spaced sample of this size (the same sample every run), which keeps `--k auto`
/// fast on large corpora and leaves smaller corpora exactly as they were.
pub const SILHOUETTE_SAMPLE: usize = 1000;

/// Mean silhouette over clustered documents (noise excluded); a document alone in its cluster
/// scores 0. `None` with fewer than 2 clusters. Above [`SILHOUETTE_SAMPLE`] documents, over an
/// evenly spaced sample.
pub(crate) fn silhouette(z: &[Vec<f64>], labels: &[Option<usize>]) -> Option<f64> {
    if z.len() > SILHOUETTE_SAMPLE {
        // every (n / SILHOUETTE_SAMPLE)-th document: deterministic, spread over the corpus
        let step = z.len().div_ceil(SILHOUETTE_SAMPLE);
        let zs: Vec<Vec<f64>> = z.iter().step_by(step).cloned().collect();
        let ls: Vec<Option<usize>> = labels.iter().step_by(step).copied().collect();
        return silhouette(&zs, &ls);
    }
    let k = labels.iter().flatten().max().map_or(0, |m| m + 1);
    let sizes: Vec<usize> = (0..k)
        .map(|c| labels.iter().filter(|l| **l == Some(c)).count())
        .collect();
    if sizes.iter().filter(|s| **s > 0).count() < 2 {
        return None;
    }
    let (mut total, mut count) = (0.0, 0usize);
    for (i, li) in labels.iter().enumerate() {
        let Some(ci) = *li else { continue };
        count += 1;
        if sizes[ci] < 2 {
            continue;
        }
        let mut sums = vec![0.0; k];
        for (j, lj) in labels.iter().enumerate() {
            if let Some(cj) = *lj
                && j != i
            {
                sums[cj] += sq_dist(&z[i], &z[j]).sqrt();
            }
        }
        let a = sums[ci] / (sizes[ci] - 1) as f64;
        let b = (0..k)
            .filter(|&c| c != ci && sizes[c] > 0)
            .map(|c| sums[c] / sizes[c] as f64)
            .fold(f64::INFINITY, f64::min);
        let m = a.max(b);
        if m > 0.0 {
            total += (b - a) / m;
        }
    }
    (count > 0).then(|| total / count as f64)
}

/// The distinctive features of a centroid, strongest first.
pub(crate) fn distinctive(names: &[String], centroid: &[f64]) -> Vec<Distinctive> {
    let mut idx: Vec<usize> = (0..centroid.len())
        .filter(|&i| centroid[i].abs() >= DISTINCTIVE_MIN_Z)
        .collect();
    idx.sort_by(|&a, &b| {
        centroid[b]
            .abs()
            .total_cmp(&centroid[a].abs())
            .then(a.cmp(&b))
    });
    idx.into_iter()
        .take(3)
        .map(|i| Distinctive {
            feature: names[i].clone(),
            z: centroid[i],
            direction: if centroid[i] > 0.0 { "high" } else { "low" }.to_string(),
        })
        .collect()
}

/// "high hostility_rate, low rapprochement_rate", or a phrase for an average cluster.
pub(crate) fn describe(d: &[Distinctive]) -> String {
    if d.is_empty() {
        return "close to the corpus average on every feature".to_string();
    }
    d.iter()
        .map(|x| format!("{} {}", x.direction, x.feature))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Renumber, describe and place: the common end of every method.
#[allow(clippy::too_many_arguments)]
fn build(
    p: ClusterParams,
    feature_names: Vec<String>,
    docs: &[&DocScore],
    scaling: Scaling,
    projection: Pca2,
    z: &[Vec<f64>],
    labels: Vec<Option<usize>>,
    k_tried: Vec<KScore>,
) -> Clustering {
    let raw_k = labels.iter().flatten().max().map_or(0, |m| m + 1);
    // Order the non-empty raw clusters by mean tension, then by first member.
    let mut order: Vec<(f64, usize, usize)> = (0..raw_k)
        .filter_map(|c| {
            let members: Vec<usize> = (0..docs.len()).filter(|&i| labels[i] == Some(c)).collect();
            let first = *members.first()?;
            let t =
                members.iter().map(|&i| docs[i].scores.tension).sum::<f64>() / members.len() as f64;
            Some((t, first, c))
        })
        .collect();
    order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut new_id = vec![None; raw_k];
    for (id, (_, _, raw)) in order.iter().enumerate() {
        new_id[*raw] = Some(id);
    }
    let labels: Vec<Option<usize>> = labels.iter().map(|l| l.and_then(|c| new_id[c])).collect();
    let k = order.len();
    let centroids: Vec<Vec<f64>> = member_means(z, &labels, k).into_iter().flatten().collect();

    let clusters = (0..k)
        .map(|id| {
            let members: Vec<usize> = (0..docs.len()).filter(|&i| labels[i] == Some(id)).collect();
            let n = members.len().max(1) as f64;
            let mut mean = [0.0; 4];
            for &i in &members {
                for (m, v) in mean.iter_mut().zip(docs[i].scores.to_array()) {
                    *m += v / n;
                }
            }
            let dist = distinctive(&feature_names, &centroids[id]);
            Cluster {
                id,
                size: members.len(),
                description: describe(&dist),
                distinctive: dist,
                mean: Scores {
                    hostility: mean[0],
                    rapprochement: mean[1],
                    uncertainty: mean[2],
                    tension: mean[3],
                },
                members: members.iter().map(|&i| docs[i].id.clone()).collect(),
            }
        })
        .collect();
    let documents = docs
        .iter()
        .zip(z)
        .zip(&labels)
        .map(|((d, row), l)| {
            let (x, y) = projection.project(row);
            DocPoint {
                id: d.id.clone(),
                cluster: *l,
                distance: l.map(|c| sq_dist(&centroids[c], row).sqrt()),
                x,
                y,
            }
        })
        .collect();
    Clustering {
        k,
        method: p.method,
        seed: p.seed,
        silhouette: silhouette(z, &labels),
        k_tried,
        explained: projection.explained,
        clusters,
        documents,
        left_out: Vec::new(),
        feature_names,
        scaling,
        projection,
        centroids,
    }
}

/// A human-readable summary: one block per cluster, then noise if any.
pub fn render_table(c: &Clustering) -> String {
    let mut s = String::new();
    let _ = write!(s, "{} clusters ({}, seed {})", c.k, c.method, c.seed);
    if let Some(sil) = c.silhouette {
        let _ = write!(s, ", silhouette {sil:.3}");
    }
    s.push('\n');
    for k in &c.k_tried {
        let _ = writeln!(s, "  k = {}: silhouette {:.3}", k.k, k.silhouette);
    }
    for cl in &c.clusters {
        let _ = writeln!(
            s,
            "cluster {} ({} documents, mean tension {:.2}): {}",
            cl.id, cl.size, cl.mean.tension, cl.description
        );
        let _ = writeln!(s, "  {}", cl.members.join(" "));
    }
    let noise: Vec<&str> = c
        .documents
        .iter()
        .filter(|d| d.cluster.is_none())
        .map(|d| d.id.as_str())
        .collect();
    if !noise.is_empty() {
        let _ = writeln!(s, "noise ({} documents): {}", noise.len(), noise.join(" "));
    }
    for l in &c.left_out {
        let _ = writeln!(s, "left out ({} documents): {}", l.count, l.reason);
    }
    s
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::analysis::timeline::tests::doc;

    pub(crate) const NAMES: &[&str] = &["hostility_rate", "rapprochement_rate", "hedge_rate"];

    /// Three well-separated blobs of `per` documents each; tension rises with the blob.
    pub(crate) fn blobs(per: usize) -> Vec<DocScore> {
        let centres = [[0.0, 5.0, 1.0], [5.0, 0.0, 1.0], [10.0, 10.0, 6.0]];
        let mut docs = Vec::new();
        for (b, c) in centres.iter().enumerate() {
            for i in 0..per {
                let j = (i as f64 - per as f64 / 2.0) * 0.1;
                let v = vec![c[0] + j, c[1] - j * 0.5, c[2] + (i % 2) as f64 * 0.1];
                let tension = [5.0, 1.0, 9.0][b] + j;
                docs.push(doc(
                    &format!("b{b}-{i}"),
                    Some("1938-08-01"),
                    [c[0], c[1], c[2], tension],
                    (NAMES, v),
                ));
            }
        }
        docs
    }

    fn fit(docs: &[DocScore], p: ClusterParams) -> Result<Clustering, ModelError> {
        p.check()?.fit(docs)
    }

    #[test]
    fn auto_k_finds_three_blobs_numbered_by_tension() {
        let c = fit(&blobs(6), ClusterParams::new()).unwrap();
        assert_eq!(c.k, 3, "{:?}", c.k_tried);
        assert_eq!(c.k_tried.len(), 7);
        // Blob 1 has the lowest tension, blob 2 the highest.
        assert!(c.clusters[0].members.iter().all(|m| m.starts_with("b1-")));
        assert!(c.clusters[1].members.iter().all(|m| m.starts_with("b0-")));
        assert!(c.clusters[2].members.iter().all(|m| m.starts_with("b2-")));
        assert_eq!(c.clusters[2].size, 6);
        assert!(
            c.clusters[2].description.starts_with("high "),
            "{}",
            c.clusters[2].description
        );
        assert!(c.silhouette.unwrap() > 0.8);
        let json = serde_json::to_value(&c).unwrap();
        for key in ["k", "method", "seed", "clusters", "documents"] {
            assert!(json.get(key).is_some(), "{key}");
        }
        assert_eq!(json["method"], "kmeans");
        assert_eq!(json["documents"][0]["cluster"], 1);
        assert!(json["documents"][0]["x"].is_number());
    }

    #[test]
    fn clustering_is_byte_identical_across_runs() {
        let docs = blobs(5);
        for method in [Method::KMeans, Method::Gmm, Method::Dbscan] {
            let p = ClusterParams::new().method(method);
            let a = serde_json::to_string(&fit(&docs, p).unwrap()).unwrap();
            let b = serde_json::to_string(&fit(&docs, p).unwrap()).unwrap();
            assert_eq!(a, b, "{method}");
        }
    }

    #[test]
    fn gmm_and_dbscan_recover_the_blobs() {
        let docs = blobs(6);
        let g = fit(
            &docs,
            ClusterParams::new()
                .method(Method::Gmm)
                .k(KChoice::Fixed(3)),
        )
        .unwrap();
        assert_eq!(g.k, 3);
        assert!(g.clusters.iter().all(|c| c.size == 6));
        let d = fit(&docs, ClusterParams::new().method(Method::Dbscan)).unwrap();
        assert_eq!(d.k, 3);
        let mut far = docs.clone();
        far.push(doc(
            "outlier",
            None,
            [0.0; 4],
            (NAMES, vec![40.0, -30.0, 20.0]),
        ));
        let d = fit(&far, ClusterParams::new().method(Method::Dbscan)).unwrap();
        let out = d.documents.iter().find(|p| p.id == "outlier").unwrap();
        assert_eq!(out.cluster, None);
        assert!(serde_json::to_value(&d).unwrap()["documents"][18]["cluster"].is_null());
        assert!(render_table(&d).contains("noise (1 documents): outlier"));
    }

    #[test]
    fn small_inputs_give_clear_errors() {
        let docs = blobs(1);
        let err = fit(&docs[..1], ClusterParams::new().k(KChoice::Fixed(2))).unwrap_err();
        assert!(err.message.contains("at least 2 documents"), "{err}");
        let err = fit(&docs, ClusterParams::new().k(KChoice::Fixed(4))).unwrap_err();
        assert!(err.message.contains("only 3 documents"), "{err}");
        let err = fit(&docs[..2], ClusterParams::new()).unwrap_err();
        assert!(err.message.contains("--k auto needs at least 3"), "{err}");
        let err = ClusterParams::new()
            .k(KChoice::Fixed(1))
            .check()
            .unwrap_err();
        assert!(err.message.contains("at least 2 clusters"), "{err}");
        assert!(fit(&[], ClusterParams::new()).is_err());
        let ok = fit(&docs[..2], ClusterParams::new().k(KChoice::Fixed(2))).unwrap();
        assert_eq!(ok.k, 2);
    }

    #[test]
    fn mismatched_or_bad_features_are_rejected() {
        let mut docs = blobs(2);
        docs[3].features.values.pop();
        let err = fit(&docs, ClusterParams::new()).unwrap_err();
        assert!(err.message.contains("document b1-1"), "{err}");
        let mut docs = blobs(2);
        docs[0].features.values[1] = f64::NAN;
        let err = fit(&docs, ClusterParams::new()).unwrap_err();
        assert!(err.message.contains("rapprochement_rate is NaN"), "{err}");
    }

    #[test]
    fn constant_feature_does_not_describe_clusters() {
        let mut docs = blobs(4);
        for d in &mut docs {
            d.features.values[2] = 3.0;
        }
        let c = fit(&docs, ClusterParams::new().k(KChoice::Fixed(3))).unwrap();
        for cl in &c.clusters {
            assert!(
                cl.distinctive.iter().all(|d| d.feature != "hedge_rate"),
                "{cl:?}"
            );
        }
    }

    #[test]
    fn params_parse_from_text() {
        assert_eq!("auto".parse::<KChoice>(), Ok(KChoice::Auto));
        assert_eq!("4".parse::<KChoice>(), Ok(KChoice::Fixed(4)));
        assert!("four".parse::<KChoice>().is_err());
        assert_eq!("GMM".parse::<Method>(), Ok(Method::Gmm));
        assert!("spectral".parse::<Method>().unwrap_err().contains("dbscan"));
    }
}
