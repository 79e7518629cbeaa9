//! Fitted models: a clustering saved as JSON, to place new documents among its clusters.
//!
//! A model stores what placing a document needs and nothing else: the feature names and their
//! scaling, the centroids (in standardized units), the clusters' descriptions, and the PCA map.
//! It also stores the checksum of the lexicon it was fitted with: a model applied to features
//! computed with another lexicon would give confident, wrong answers, so
//! [`FittedModel::check_compatible`] refuses instead and says how to refit.
//!
//! JSON is written with `serde_json`'s shortest round-trip float format and read with its
//! `float_roundtrip` parser, so `to_json` then `from_json` gives back exactly the same numbers.
//!
//! A new document is assigned to the nearest centroid (Euclidean, standardized units). For a
//! k-means model that is exactly the rule the fit ended with; for GMM and DBSCAN models, whose
//! centroids are their members' means, a document near a boundary may be assigned differently
//! from the fit, and DBSCAN noise has no counterpart: every document gets its nearest cluster,
//! and `distance` says how far it is.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::ModelError;
use super::cluster::{self, ClusterParams, Distinctive, Method};
use super::projection::{Pca2, Scaling};
use crate::score::DocScore;

/// The version of the model format this build reads and writes.
pub const MODEL_FORMAT_VERSION: u32 = 1;

/// The largest magnitude a model's number may have (see `FittedModel::check_magnitudes`).
pub const MAX_MODEL_VALUE: f64 = 1e6;

/// Mean scores of a cluster's members when the model was fitted.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeanScores {
    /// Mean hostility.
    pub hostility: f64,
    /// Mean rapprochement.
    pub rapprochement: f64,
    /// Mean uncertainty.
    pub uncertainty: f64,
    /// Mean tension.
    pub tension: f64,
}

/// A cluster as stored in a model (members are not stored: they are the training corpus).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelCluster {
    /// Id (0 = lowest mean tension).
    pub id: usize,
    /// Number of training documents in it.
    pub size: usize,
    /// The distinctive features in words.
    pub description: String,
    /// The distinctive features, strongest first.
    pub distinctive: Vec<Distinctive>,
    /// Mean scores of its training documents.
    pub mean: MeanScores,
}

/// A clustering saved for reuse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FittedModel {
    /// [`MODEL_FORMAT_VERSION`] when written.
    pub format_version: u32,
    /// Checksum of the lexicon the features were computed with.
    pub lexicon_checksum: String,
    /// Algorithm of the fit.
    pub method: Method,
    /// Number of clusters.
    pub k: usize,
    /// Seed of the fit.
    pub seed: u64,
    /// Number of documents fitted on.
    pub trained_on: usize,
    /// Feature names, in schema order.
    pub feature_names: Vec<String>,
    /// Standardization of each feature.
    pub scaling: Scaling,
    /// Centroid of each cluster in standardized units, by cluster id.
    pub centroids: Vec<Vec<f64>>,
    /// The clusters, by id.
    pub clusters: Vec<ModelCluster>,
    /// The 2-D map.
    pub projection: Pca2,
    /// The file the model was read from (not stored).
    #[serde(skip)]
    pub origin: Option<PathBuf>,
}

/// Where a document falls among a model's clusters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Assignment {
    /// Nearest cluster.
    pub cluster: usize,
    /// Euclidean distance to its centroid, in standardized units.
    pub distance: f64,
    /// Map x.
    pub x: f64,
    /// Map y.
    pub y: f64,
}

/// Cluster `docs` with `params` and keep what placing new documents needs.
/// `lexicon_checksum` identifies the lexicon the documents were scored with.
pub fn fit_model(
    docs: &[DocScore],
    params: &ClusterParams,
    lexicon_checksum: &str,
) -> Result<FittedModel, ModelError> {
    let c = params.check()?.fit(docs)?;
    let clusters = c
        .clusters
        .iter()
        .map(|cl| ModelCluster {
            id: cl.id,
            size: cl.size,
            description: cl.description.clone(),
            distinctive: cl.distinctive.clone(),
            mean: MeanScores {
                hostility: cl.mean.hostility,
                rapprochement: cl.mean.rapprochement,
                uncertainty: cl.mean.uncertainty,
                tension: cl.mean.tension,
            },
        })
        .collect();
    Ok(FittedModel {
        format_version: MODEL_FORMAT_VERSION,
        lexicon_checksum: lexicon_checksum.to_string(),
        method: c.method,
        k: c.k,
        seed: c.seed,
        trained_on: c.documents.len(),
        feature_names: c.feature_names,
        scaling: c.scaling,
        centroids: c.centroids,
        clusters,
        projection: c.projection,
        origin: None,
    })
}

fn short(checksum: &str) -> String {
    if checksum.chars().count() > 12 {
        format!("{}…", checksum.chars().take(12).collect::<String>())
    } else {
        checksum.to_string()
    }
}

impl FittedModel {
    /// Pretty JSON, keys in a fixed order, floats in shortest round-trip form, ending in a
    /// newline.
    pub fn to_json(&self) -> String {
        // Serializing plain structs of strings and numbers to a String cannot fail.
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Read a model written by [`FittedModel::to_json`]. `origin` names the file in errors.
    pub fn from_json(text: &str, origin: &Path) -> Result<FittedModel, ModelError> {
        let at = |e: serde_json::Error| {
            ModelError::new(format!(
                "{}:{}:{}: not a valid model: {e}",
                origin.display(),
                e.line(),
                e.column()
            ))
        };
        // The version is checked before the layout, so an old or newer model gets a message
        // about its version rather than about a field it lacks.
        let value: serde_json::Value = serde_json::from_str(text).map_err(at)?;
        match value.get("format_version").and_then(|v| v.as_u64()) {
            Some(v) if v == MODEL_FORMAT_VERSION as u64 => {}
            Some(v) => {
                return Err(ModelError::new(format!(
                    "{}: model format_version {v} is not supported (this build reads version \
                     {MODEL_FORMAT_VERSION}); refit with `diplostance fit -o {}`",
                    origin.display(),
                    origin.display()
                )));
            }
            None => {
                return Err(ModelError::new(format!(
                    "{}: not a diplostance model (no numeric format_version)",
                    origin.display()
                )));
            }
        }
        let mut model: FittedModel = serde_json::from_str(text).map_err(at)?;
        model.validate().map_err(|m| {
            ModelError::new(format!(
                "{}: damaged model: {m}; refit with `diplostance fit -o {}`",
                origin.display(),
                origin.display()
            ))
        })?;
        model.origin = Some(origin.to_path_buf());
        Ok(model)
    }

    /// Check that the parts of the model agree with each other.
    fn validate(&self) -> Result<(), String> {
        let d = self.feature_names.len();
        if d == 0 {
            return Err("no features".into());
        }
        if self.scaling.mean.len() != d || self.scaling.scale.len() != d {
            return Err(format!("scaling does not have {d} values"));
        }
        if self
            .scaling
            .scale
            .iter()
            .any(|s| !s.is_finite() || *s <= 0.0)
        {
            return Err("a scale is not a positive number".into());
        }
        if self.k == 0 || self.centroids.len() != self.k || self.clusters.len() != self.k {
            return Err(format!(
                "k = {} but {} centroids and {} clusters",
                self.k,
                self.centroids.len(),
                self.clusters.len()
            ));
        }
        if self.centroids.iter().any(|c| c.len() != d) {
            return Err(format!("a centroid does not have {d} values"));
        }
        if self.projection.mean.len() != d
            || self.projection.components.iter().any(|c| c.len() != d)
        {
            return Err(format!("the projection does not have {d} values"));
        }
        if self.clusters.iter().enumerate().any(|(i, c)| c.id != i) {
            return Err("cluster ids are not 0..k in order".into());
        }
        self.check_magnitudes()
    }

    /// Every number of the model within what a fit can give: features are densities per
    /// thousand words and shares, standardized units are a few deviations, so a value beyond
    /// [`MAX_MODEL_VALUE`] (or not finite) means a damaged or forged file, whose distances
    /// would overflow to infinity or swamp every other feature.
    fn check_magnitudes(&self) -> Result<(), String> {
        let groups: [(&str, Vec<f64>); 5] = [
            (
                "scaling",
                self.scaling
                    .mean
                    .iter()
                    .chain(&self.scaling.scale)
                    .copied()
                    .collect(),
            ),
            (
                "centroid",
                self.centroids.iter().flatten().copied().collect(),
            ),
            (
                "projection",
                self.projection
                    .mean
                    .iter()
                    .chain(self.projection.components.iter().flatten())
                    .chain(&self.projection.explained)
                    .copied()
                    .collect(),
            ),
            (
                "cluster mean score",
                self.clusters
                    .iter()
                    .flat_map(|c| {
                        [
                            c.mean.hostility,
                            c.mean.rapprochement,
                            c.mean.uncertainty,
                            c.mean.tension,
                        ]
                    })
                    .collect(),
            ),
            (
                "distinctive feature",
                self.clusters
                    .iter()
                    .flat_map(|c| c.distinctive.iter().map(|d| d.z))
                    .collect(),
            ),
        ];
        for (what, values) in groups {
            if let Some(v) = values
                .iter()
                .find(|v| !v.is_finite() || v.abs() > MAX_MODEL_VALUE)
            {
                return Err(format!(
                    "a {what} value is {v:e}, beyond what a fit can give (at most {MAX_MODEL_VALUE:e} in magnitude)"
                ));
            }
        }
        Ok(())
    }

    fn name(&self) -> String {
        match &self.origin {
            Some(p) => format!("model {}", p.display()),
            None => "the model".to_string(),
        }
    }

    fn refit(&self) -> String {
        let out = self.origin.as_ref().map_or_else(
            || "models/NAME.json".to_string(),
            |p| p.display().to_string(),
        );
        format!("refit with `diplostance fit -o {out}`")
    }

    /// Refuse features computed with another lexicon or feature schema.
    pub fn check_compatible(
        &self,
        lexicon_checksum: &str,
        feature_names: &[&str],
    ) -> Result<(), ModelError> {
        if self.lexicon_checksum != lexicon_checksum {
            return Err(ModelError::new(format!(
                "{} was fitted with lexicon checksum {}, the current lexicon is {}; {}",
                self.name(),
                short(&self.lexicon_checksum),
                short(lexicon_checksum),
                self.refit()
            )));
        }
        if self
            .feature_names
            .iter()
            .map(String::as_str)
            .ne(feature_names.iter().copied())
        {
            let added: Vec<&str> = feature_names
                .iter()
                .copied()
                .filter(|f| !self.feature_names.iter().any(|m| m == f))
                .collect();
            let dropped: Vec<&str> = self
                .feature_names
                .iter()
                .map(String::as_str)
                .filter(|m| !feature_names.contains(m))
                .collect();
            let mut what = Vec::new();
            if !added.is_empty() {
                what.push(format!("new: {}", added.join(", ")));
            }
            if !dropped.is_empty() {
                what.push(format!("missing: {}", dropped.join(", ")));
            }
            if what.is_empty() {
                what.push("same features in another order".to_string());
            }
            return Err(ModelError::new(format!(
                "{} expects {} features, the scorer gives {} ({}); {}",
                self.name(),
                self.feature_names.len(),
                feature_names.len(),
                what.join("; "),
                self.refit()
            )));
        }
        Ok(())
    }

    /// The nearest cluster of a raw feature vector (in the model's feature order), its
    /// distance, and the document's place on the map. Call
    /// [`check_compatible`](Self::check_compatible) first; this only checks the length.
    pub fn assign(&self, features: &[f64]) -> Result<Assignment, ModelError> {
        if features.len() != self.feature_names.len() {
            return Err(ModelError::new(format!(
                "{} expects {} feature values, got {}; {}",
                self.name(),
                self.feature_names.len(),
                features.len(),
                self.refit()
            )));
        }
        if let Some(i) = features.iter().position(|v| !v.is_finite()) {
            return Err(ModelError::new(format!(
                "feature {} is {}, not a number",
                self.feature_names[i], features[i]
            )));
        }
        let z = self.scaling.apply(features);
        let (cluster, distance) = cluster::nearest(&self.centroids, &z)
            .ok_or_else(|| ModelError::new(format!("{} has no clusters", self.name())))?;
        let (x, y) = self.projection.project(&z);
        Ok(Assignment {
            cluster,
            distance,
            x,
            y,
        })
    }

    /// Fill a scored document's `cluster` and `distance` (checking its feature names); a
    /// document without a tension (nothing on the dyad) is placed in no cluster, as
    /// [`fit_model`] leaves such documents out, and gives `None`.
    pub fn annotate(&self, doc: &mut DocScore) -> Result<Option<Assignment>, ModelError> {
        if self
            .feature_names
            .iter()
            .map(String::as_str)
            .ne(doc.features.names.iter().copied())
        {
            return Err(ModelError::new(format!(
                "document {}: its features do not match {}; {}",
                doc.id,
                self.name(),
                self.refit()
            )));
        }
        if !doc.is_relevant() {
            doc.cluster = None;
            doc.distance = None;
            return Ok(None);
        }
        let a = self.assign(&doc.features.values)?;
        doc.cluster = Some(a.cluster);
        doc.distance = Some(a.distance);
        Ok(Some(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::cluster::tests::{NAMES, blobs};
    use crate::analysis::cluster::{KChoice, Method};

    const SUM: &str = "3f2a9c1be0d4475aa1c2d3e4f5a6b7c8";

    fn model() -> FittedModel {
        fit_model(&blobs(5), &ClusterParams::new(), SUM).unwrap()
    }

    #[test]
    fn round_trip_is_exact_and_assign_matches_fit() {
        let docs = blobs(5);
        let m = model();
        let json = m.to_json();
        let mut back = FittedModel::from_json(&json, Path::new("models/t.json")).unwrap();
        assert_eq!(back.origin.as_deref(), Some(Path::new("models/t.json")));
        back.origin = None;
        assert_eq!(back, m);
        assert_eq!(back.to_json(), json);

        let fit = ClusterParams::new().check().unwrap().fit(&docs).unwrap();
        for (d, p) in docs.iter().zip(&fit.documents) {
            let a = back.assign(&d.features.values).unwrap();
            assert_eq!(Some(a.cluster), p.cluster, "{}", d.id);
            assert_eq!((a.x, a.y), (p.x, p.y), "{}", d.id);
            assert_eq!(Some(a.distance), p.distance, "{}", d.id);
        }
        assert_eq!(m.k, 3);
        assert_eq!(m.trained_on, 15);
    }

    #[test]
    fn annotate_fills_cluster_and_distance() {
        let m = model();
        let mut d = blobs(5).remove(12); // blob 2, the tensest
        m.annotate(&mut d).unwrap();
        assert_eq!(d.cluster, Some(2));
        let json = serde_json::to_value(&d).unwrap();
        assert!(json["distance"].as_f64().unwrap() < 1.0);
    }

    #[test]
    fn mismatches_are_refused_with_a_fix() {
        let m = FittedModel::from_json(&model().to_json(), Path::new("models/x.json")).unwrap();
        let err = m
            .check_compatible("0123456789abcdef0123", NAMES)
            .unwrap_err();
        assert_eq!(
            err.message,
            "model models/x.json was fitted with lexicon checksum 3f2a9c1be0d4…, the current \
             lexicon is 0123456789ab…; refit with `diplostance fit -o models/x.json`"
        );
        let err = m
            .check_compatible(SUM, &["hostility_rate", "hedge_rate", "threat_rate"])
            .unwrap_err();
        assert!(
            err.message
                .contains("expects 3 features, the scorer gives 3"),
            "{err}"
        );
        assert!(
            err.message
                .contains("new: threat_rate; missing: rapprochement_rate"),
            "{err}"
        );
        let err = m
            .check_compatible(SUM, &["rapprochement_rate", "hostility_rate", "hedge_rate"])
            .unwrap_err();
        assert!(err.message.contains("another order"), "{err}");
        assert!(m.check_compatible(SUM, NAMES).is_ok());
        assert!(
            m.assign(&[1.0, 2.0])
                .unwrap_err()
                .message
                .contains("expects 3 feature values")
        );
    }

    #[test]
    fn bad_files_name_the_file_and_position() {
        let p = Path::new("models/bad.json");
        let err = FittedModel::from_json("{\n  \"format_version\": 1,\n  oops\n}", p).unwrap_err();
        assert!(
            err.message
                .starts_with("models/bad.json:3:3: not a valid model"),
            "{err}"
        );
        let json = model()
            .to_json()
            .replacen("\"format_version\": 1", "\"format_version\": 7", 1);
        let err = FittedModel::from_json(&json, p).unwrap_err();
        assert!(
            err.message.contains("format_version 7 is not supported"),
            "{err}"
        );
        let json = model().to_json().replacen("\"k\": 3", "\"k\": 4", 1);
        let err = FittedModel::from_json(&json, p).unwrap_err();
        assert!(
            err.message.contains("damaged model: k = 4 but 3 centroids"),
            "{err}"
        );
        let json = model().to_json().replacen("\"seed\"", "\"sede\"", 1);
        let err = FittedModel::from_json(&json, p).unwrap_err();
        assert!(err.message.contains("sede"), "{err}");
    }

    #[test]
    fn small_inputs_are_errors_not_panics() {
        let docs = blobs(1);
        assert!(fit_model(&docs[..1], &ClusterParams::new(), SUM).is_err());
        let p = ClusterParams::new().k(KChoice::Fixed(5));
        assert!(fit_model(&docs, &p, SUM).is_err());
        let g = fit_model(&blobs(4), &ClusterParams::new().method(Method::Gmm), SUM).unwrap();
        assert_eq!(g.method, Method::Gmm);
    }
}
