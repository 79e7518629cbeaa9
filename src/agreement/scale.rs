//! The tool's scores on the codebook's own scale: a monotone (isotonic) calibration from a
//! score to the analysts' mean, judged by leave-one-year-out cross-validation.
//!
//! Isotonic regression (pool adjacent violators) is the least-squares fit among all
//! non-decreasing maps, so it keeps the tool's order (a calibrated score never reverses two
//! documents) while reading a rate per 1,000 words as 0-4 or 0-10 the way the analysts do.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::ratings::RatedDimension;
use super::sets::{RatedSet, union_rows};
use crate::score::{CodebookScale, DocScore};
use crate::stats;

/// A non-decreasing map from a raw score to the codebook scale: the fitted values at sorted
/// knots, linear between them and constant beyond the ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// `(raw score, value on the scale)`, raw scores strictly increasing, values
    /// non-decreasing.
    pub knots: Vec<(f64, f64)>,
}

impl Calibration {
    /// Fit by pool adjacent violators on `(raw, target)` pairs (ties in `raw` pooled first).
    /// `None` without pairs.
    pub fn fit(raw: &[f64], target: &[f64]) -> Option<Calibration> {
        let mut pairs: Vec<(f64, f64)> = raw
            .iter()
            .zip(target)
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .map(|(x, y)| (*x, *y))
            .collect();
        if pairs.is_empty() {
            return None;
        }
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        // blocks: (first raw, last raw, sum of targets, count)
        let mut tied: Vec<(f64, f64, f64)> = Vec::new();
        for (x, y) in pairs {
            match tied.last_mut() {
                Some(t) if t.0 == x => {
                    t.1 += y;
                    t.2 += 1.0;
                }
                _ => tied.push((x, y, 1.0)),
            }
        }
        let mut blocks: Vec<(f64, f64, f64, f64)> = Vec::new();
        for (x, sum, n) in tied {
            blocks.push((x, x, sum, n));
            while blocks.len() >= 2 {
                let n = blocks.len();
                let (a, b) = (blocks[n - 2], blocks[n - 1]);
                if a.2 / a.3 <= b.2 / b.3 {
                    break;
                }
                blocks[n - 2] = (a.0, b.1, a.2 + b.2, a.3 + b.3);
                blocks.pop();
            }
        }
        let mut knots = Vec::new();
        for (lo, hi, sum, n) in blocks {
            let v = sum / n;
            knots.push((lo, v));
            if hi > lo {
                knots.push((hi, v));
            }
        }
        Some(Calibration { knots })
    }

    /// The value on the scale of a raw score.
    pub fn apply(&self, x: f64) -> f64 {
        let k = &self.knots;
        let i = k.partition_point(|(kx, _)| *kx <= x);
        if i == 0 {
            return k[0].1;
        }
        if i == k.len() {
            return k[i - 1].1;
        }
        let ((x0, y0), (x1, y1)) = (k[i - 1], k[i]);
        y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    }
}

/// The calibration of one dimension judged two ways.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleFigure {
    /// The dimension.
    pub dimension: RatedDimension,
    /// Documents.
    pub n: usize,
    /// Years held out in turn.
    pub years: usize,
    /// Spearman of the calibrated score with the analysts' mean, fitted on all documents.
    pub plain_spearman: Option<f64>,
    /// Mean absolute error on the codebook scale, fitted on all documents.
    pub plain_mae: Option<f64>,
    /// Spearman when each year is predicted by a calibration fitted on the other years.
    pub loyo_spearman: Option<f64>,
    /// Mean absolute error of those predictions.
    pub loyo_mae: Option<f64>,
}

fn mae(a: &[f64], b: &[f64]) -> Option<f64> {
    let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| (x - y).abs()).collect();
    stats::mean(&d)
}

/// Fit on all `(year, raw, mean)` rows and predict them (plain), and predict each year from
/// the other years (leave-one-year-out).
pub fn judge(dim: RatedDimension, rows: &[(String, f64, f64)]) -> ScaleFigure {
    let raw: Vec<f64> = rows.iter().map(|r| r.1).collect();
    let mean: Vec<f64> = rows.iter().map(|r| r.2).collect();
    let plain: Option<Vec<f64>> =
        Calibration::fit(&raw, &mean).map(|c| raw.iter().map(|&x| c.apply(x)).collect());
    let years: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let mut loyo = vec![f64::NAN; rows.len()];
    for y in &years {
        let (mut x, mut t) = (Vec::new(), Vec::new());
        for r in rows.iter().filter(|r| r.0 != *y) {
            x.push(r.1);
            t.push(r.2);
        }
        if let Some(c) = Calibration::fit(&x, &t) {
            for (i, r) in rows.iter().enumerate().filter(|(_, r)| r.0 == *y) {
                loyo[i] = c.apply(r.1);
            }
        }
    }
    let loyo_ok = years.len() >= 2 && loyo.iter().all(|v| v.is_finite());
    ScaleFigure {
        dimension: dim,
        n: rows.len(),
        years: years.len(),
        plain_spearman: plain.as_ref().and_then(|p| stats::spearman(p, &mean)),
        plain_mae: plain.as_ref().and_then(|p| mae(p, &mean)),
        loyo_spearman: if loyo_ok {
            stats::spearman(&loyo, &mean)
        } else {
            None
        },
        loyo_mae: if loyo_ok { mae(&loyo, &mean) } else { None },
    }
}

/// The version of the scale model format this build reads and writes.
pub const SCALE_FORMAT_VERSION: u32 = 1;

/// The command that refits the shipped scale model (`models/scale.json`).
pub const SCALE_REFIT: &str = "diplostance fit-scale --corpus ../shared/corpus/frus1938v03-soviet-japanese-border.xml --ratings ../shared/corpus/analysts/*.csv --corpus ../shared/corpus/frus-1931-1941/texts --ratings ../shared/corpus/frus-1931-1941/ratings/*.csv --corpus corpus/seeds --ratings ../shared/corpus/analysts/*.csv -o models/scale.json";

/// The codebook-scale calibration of one dimension, as shipped: its knots, and how well it
/// reads the analysts on the documents it was fitted on, plain and leave-one-year-out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleDimension {
    /// The dimension.
    pub dimension: RatedDimension,
    /// Documents fitted on (rated by at least two analysts).
    pub documents: usize,
    /// Years among them (each held out in turn for the leave-one-year-out figures).
    pub years: usize,
    /// Spearman of the calibrated score with the analysts' mean, fitted on all documents.
    pub plain_spearman: Option<f64>,
    /// Mean absolute error on the codebook scale, fitted on all documents.
    pub plain_mae: Option<f64>,
    /// Spearman when each year is predicted by a calibration fitted on the other years.
    pub loyo_spearman: Option<f64>,
    /// Mean absolute error of those predictions.
    pub loyo_mae: Option<f64>,
    /// The calibration: `(raw score, value on the scale)`.
    pub calibration: Calibration,
}

/// Codebook-scale calibrations fitted on rated corpora and saved for `score --scale`.
///
/// The raw scores they read depend on the lexicon, so the model keeps the lexicon's checksum
/// and [`ScaleModel::check_compatible`] refuses another one rather than give confident,
/// wrong values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleModel {
    /// [`SCALE_FORMAT_VERSION`] when written.
    pub format_version: u32,
    /// Checksum of the lexicon the raw scores were computed with.
    pub lexicon_checksum: String,
    /// What the calibrations were fitted on, in words.
    pub rule: String,
    /// One calibration per dimension, codebook order.
    pub dimensions: Vec<ScaleDimension>,
    /// The file the model was read from (not stored).
    #[serde(skip)]
    pub origin: Option<PathBuf>,
}

/// A scale model cannot be fitted or used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ScaleModelError {
    /// What is wrong and how to fix it.
    pub message: String,
}

impl ScaleModel {
    /// Fit each dimension on the union of `sets` under the rule of `eval` over several sets
    /// (documents rated by at least two analysts; a null counts as the codebook's neutral
    /// value), so its figures are the union's of `eval`.
    pub fn fit(sets: &[RatedSet], lexicon_checksum: &str) -> Result<ScaleModel, ScaleModelError> {
        let mut dimensions = Vec::new();
        for (dim, rows) in union_rows(sets) {
            let raw: Vec<f64> = rows.iter().map(|r| r.1).collect();
            let mean: Vec<f64> = rows.iter().map(|r| r.2).collect();
            let Some(calibration) = Calibration::fit(&raw, &mean) else {
                return Err(ScaleModelError {
                    message: format!(
                        "no document is rated on {} by at least two analysts: nothing to fit",
                        dim.name()
                    ),
                });
            };
            let f = judge(dim, &rows);
            dimensions.push(ScaleDimension {
                dimension: dim,
                documents: f.n,
                years: f.years,
                plain_spearman: f.plain_spearman,
                plain_mae: f.plain_mae,
                loyo_spearman: f.loyo_spearman,
                loyo_mae: f.loyo_mae,
                calibration,
            });
        }
        Ok(ScaleModel {
            format_version: SCALE_FORMAT_VERSION,
            lexicon_checksum: lexicon_checksum.to_string(),
            rule: format!(
                "isotonic (pool adjacent violators) from each raw score to the analysts' mean, on \
                 the documents rated by at least two analysts, a null tension as 3 and a null \
                 trend as 0, over {} rated corpora",
                sets.len()
            ),
            dimensions,
            origin: None,
        })
    }

    /// Pretty JSON in shortest round-trip floats, ending in a newline.
    pub fn to_json(&self) -> String {
        // plain structs of strings and numbers: serializing cannot fail
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Read a model written by [`ScaleModel::to_json`]; `origin` names the file in errors.
    pub fn from_json(text: &str, origin: &Path) -> Result<ScaleModel, ScaleModelError> {
        let fail = |message: String| ScaleModelError { message };
        let at = |e: serde_json::Error| {
            fail(format!(
                "{}:{}:{}: not a valid scale model: {e}",
                origin.display(),
                e.line(),
                e.column()
            ))
        };
        let value: serde_json::Value = serde_json::from_str(text).map_err(at)?;
        match value
            .get("format_version")
            .and_then(serde_json::Value::as_u64)
        {
            Some(v) if v == u64::from(SCALE_FORMAT_VERSION) => {}
            Some(v) => {
                return Err(fail(format!(
                    "{}: scale model format_version {v} is not supported (this build reads \
                     version {SCALE_FORMAT_VERSION}); refit with `{SCALE_REFIT}`",
                    origin.display()
                )));
            }
            None => {
                return Err(fail(format!(
                    "{}: not a diplostance scale model (no numeric format_version)",
                    origin.display()
                )));
            }
        }
        let mut m: ScaleModel = serde_json::from_str(text).map_err(at)?;
        m.validate().map_err(|e| {
            fail(format!(
                "{}: damaged scale model: {e}; refit with `{SCALE_REFIT}`",
                origin.display()
            ))
        })?;
        m.origin = Some(origin.to_path_buf());
        Ok(m)
    }

    /// Knots that [`Calibration::apply`] can read: finite, raw scores strictly increasing,
    /// values non-decreasing, at least one per dimension, each dimension once.
    fn validate(&self) -> Result<(), String> {
        for (i, d) in self.dimensions.iter().enumerate() {
            let name = d.dimension.name();
            if self.dimensions[..i]
                .iter()
                .any(|e| e.dimension == d.dimension)
            {
                return Err(format!("{name} is given twice"));
            }
            let k = &d.calibration.knots;
            if k.is_empty() {
                return Err(format!("{name} has no knots"));
            }
            if k.iter().any(|(x, y)| !x.is_finite() || !y.is_finite()) {
                return Err(format!("{name} has a knot that is not a finite number"));
            }
            if k.windows(2).any(|w| w[0].0 >= w[1].0 || w[0].1 > w[1].1) {
                return Err(format!("{name}'s knots are not increasing"));
            }
        }
        Ok(())
    }

    /// Refuse raw scores computed with another lexicon.
    pub fn check_compatible(&self, lexicon_checksum: &str) -> Result<(), ScaleModelError> {
        if self.lexicon_checksum == lexicon_checksum {
            return Ok(());
        }
        let short = |c: &str| c.chars().take(12).collect::<String>();
        Err(ScaleModelError {
            message: format!(
                "{} was fitted with lexicon checksum {}, the current lexicon is {}; refit with \
                 `{SCALE_REFIT}`",
                self.origin.as_ref().map_or_else(
                    || "the scale model".to_string(),
                    |p| p.display().to_string()
                ),
                short(&self.lexicon_checksum),
                short(lexicon_checksum)
            ),
        })
    }

    /// The value on the scale of a raw score of `dim`, if the model calibrates it.
    fn apply(&self, dim: RatedDimension, raw: Option<f64>) -> Option<f64> {
        let raw = raw?;
        self.dimensions
            .iter()
            .find(|d| d.dimension == dim)
            .map(|d| d.calibration.apply(raw))
    }

    /// A document's scores on the codebook's scales; null where its raw score is null (a
    /// tension and trend of a document that says nothing about the dyad).
    pub fn codebook_scale(&self, d: &DocScore) -> CodebookScale {
        use RatedDimension as R;
        CodebookScale {
            hostility: self.apply(R::Hostility, Some(d.scores.hostility)),
            rapprochement: self.apply(R::Rapprochement, Some(d.scores.rapprochement)),
            uncertainty: self.apply(R::Uncertainty, Some(d.scores.uncertainty)),
            tension: self.apply(R::Tension, d.tension()),
            trend: self.apply(R::Trend, d.trend()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pav_is_monotone_and_pools_violators() {
        let c = Calibration::fit(&[1.0, 2.0, 3.0, 4.0, 4.0], &[1.0, 3.0, 2.0, 4.0, 2.0]).unwrap();
        // 3 and 2 pool to 2.5; the tie at 4 averages to 3
        assert_eq!(c.apply(2.0), 2.5);
        assert_eq!(c.apply(3.0), 2.5);
        assert_eq!(c.apply(4.0), 3.0);
        assert_eq!(c.apply(-5.0), 1.0);
        assert_eq!(c.apply(9.0), 3.0);
        let mut last = f64::NEG_INFINITY;
        for i in 0..100 {
            let v = c.apply(f64::from(i) * 0.05);
            assert!(v >= last);
            last = v;
        }
    }

    #[test]
    fn loyo_differs_from_plain_and_both_are_reported() {
        let rows: Vec<(String, f64, f64)> = (0..30)
            .map(|i| {
                let x = f64::from(i);
                (format!("{}", 1930 + i % 3), x, (x / 3.0).floor() % 5.0)
            })
            .collect();
        let f = judge(RatedDimension::Hostility, &rows);
        assert_eq!((f.n, f.years), (30, 3));
        assert!(f.loyo_mae.unwrap() >= f.plain_mae.unwrap());
        assert!(f.plain_spearman.is_some() && f.loyo_spearman.is_some());
    }
}
