//! The tool's scores on the codebook's own scale: a monotone (isotonic) calibration from a
//! score to the analysts' mean, judged by leave-one-year-out cross-validation.
//!
//! Isotonic regression (pool adjacent violators) is the least-squares fit among all
//! non-decreasing maps, so it keeps the tool's order (a calibrated score never reverses two
//! documents) while reading a rate per 1,000 words as 0-4 or 0-10 the way the analysts do.

use serde::Serialize;

use super::ratings::RatedDimension;
use crate::stats;

/// A non-decreasing map from a raw score to the codebook scale: the fitted values at sorted
/// knots, linear between them and constant beyond the ends.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
