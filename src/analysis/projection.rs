//! The standardized feature space that clusters live in, and its 2-D map.
//!
//! * [`Scaling`] turns raw feature values into z-scores (population standard deviation). A
//!   feature that is constant over the corpus gets scale 1, so its z-score is 0 for every
//!   document of the corpus: it contributes nothing to distances instead of dividing by zero.
//! * [`Pca2`] is a principal component analysis with two components, computed exactly from the
//!   covariance matrix of the z-scores with the cyclic Jacobi eigenvalue method. We do not use
//!   `linfa-reduction`'s `Pca` here: it solves with LOBPCG from a random start, which panics when
//!   the smaller of (documents, features) is below ten and can fail on rank-deficient data;
//!   small corpora and constant features are normal for us, and the map must never panic and
//!   must be identical from run to run. Each component's sign is fixed (its largest entry is
//!   positive) so the map does not flip between runs or machines. A component whose variance is
//!   zero (fewer than three documents, or rank-deficient data) is the zero vector, so that
//!   coordinate is 0.

use serde::{Deserialize, Serialize};

/// Per-feature standardization: `z = (value - mean) / scale`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scaling {
    /// Mean of each feature over the fitted documents.
    pub mean: Vec<f64>,
    /// Population standard deviation of each feature, or 1 for a constant feature.
    pub scale: Vec<f64>,
}

impl Scaling {
    /// Fit on rows of equal length (one row per document). An empty input gives empty scaling.
    pub fn fit(rows: &[Vec<f64>]) -> Scaling {
        let d = rows.first().map_or(0, Vec::len);
        let n = rows.len().max(1) as f64;
        let mut mean = vec![0.0; d];
        for r in rows {
            for (m, v) in mean.iter_mut().zip(r) {
                *m += v;
            }
        }
        mean.iter_mut().for_each(|m| *m /= n);
        let mut var = vec![0.0; d];
        for r in rows {
            for ((s, v), m) in var.iter_mut().zip(r).zip(&mean) {
                *s += (v - m) * (v - m);
            }
        }
        let scale = var
            .iter()
            .zip(&mean)
            .map(|(s, m)| {
                let sd = (s / n).sqrt();
                // Constant up to rounding: treat as constant.
                if sd <= 1e-12 * m.abs().max(1.0) {
                    1.0
                } else {
                    sd
                }
            })
            .collect();
        Scaling { mean, scale }
    }

    /// The z-scores of one feature vector (same length as the fitted rows).
    pub fn apply(&self, x: &[f64]) -> Vec<f64> {
        x.iter()
            .zip(self.mean.iter().zip(&self.scale))
            .map(|(v, (m, s))| (v - m) / s)
            .collect()
    }
}

/// A two-component PCA of standardized vectors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pca2 {
    /// Mean of the standardized vectors the PCA was fitted on (close to 0 by construction, kept
    /// so a model can place new documents exactly as the fitted ones were placed).
    pub mean: Vec<f64>,
    /// The two unit components (rows), or zero vectors where there is no variance left.
    pub components: [Vec<f64>; 2],
    /// Share of the total variance each component explains (0 when there is none).
    pub explained: [f64; 2],
}

impl Pca2 {
    /// Fit on rows of equal length.
    // Index loops mirror the formulas of the covariance matrix.
    #[allow(clippy::needless_range_loop)]
    pub fn fit(rows: &[Vec<f64>]) -> Pca2 {
        let d = rows.first().map_or(0, Vec::len);
        let n = rows.len();
        let mut mean = vec![0.0; d];
        for r in rows {
            for (m, v) in mean.iter_mut().zip(r) {
                *m += v;
            }
        }
        mean.iter_mut().for_each(|m| *m /= n.max(1) as f64);
        let mut cov = vec![vec![0.0; d]; d];
        for r in rows {
            let c: Vec<f64> = r.iter().zip(&mean).map(|(v, m)| v - m).collect();
            for i in 0..d {
                for j in i..d {
                    cov[i][j] += c[i] * c[j];
                }
            }
        }
        let denom = (n.max(2) - 1) as f64;
        for i in 0..d {
            for j in i..d {
                cov[i][j] /= denom;
                cov[j][i] = cov[i][j];
            }
        }
        let (values, vectors) = jacobi_eigen(cov);
        let total: f64 = values.iter().map(|v| v.max(0.0)).sum();
        let mut order: Vec<usize> = (0..d).collect();
        order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
        let mut components = [vec![0.0; d], vec![0.0; d]];
        let mut explained = [0.0; 2];
        for (slot, &idx) in order.iter().take(2).enumerate() {
            let value = values[idx];
            // Variance that is rounding noise is no direction at all.
            if total <= 0.0 || value <= 1e-10 * total {
                continue;
            }
            let mut v: Vec<f64> = (0..d).map(|r| vectors[r][idx]).collect();
            let mut big = 0;
            for (i, x) in v.iter().enumerate() {
                if x.abs() > v[big].abs() + 1e-12 {
                    big = i;
                }
            }
            if v[big] < 0.0 {
                v.iter_mut().for_each(|x| *x = -*x);
            }
            components[slot] = v;
            explained[slot] = value / total;
        }
        Pca2 {
            mean,
            components,
            explained,
        }
    }

    /// The map coordinates of one standardized vector.
    pub fn project(&self, z: &[f64]) -> (f64, f64) {
        let dot = |c: &[f64]| -> f64 {
            z.iter()
                .zip(&self.mean)
                .zip(c)
                .map(|((v, m), w)| (v - m) * w)
                .sum()
        };
        (dot(&self.components[0]), dot(&self.components[1]))
    }
}

/// Eigenvalues and eigenvectors (columns) of a symmetric matrix by the cyclic Jacobi method:
/// slow for large matrices but exact, deterministic and unconditionally convergent, which is
/// what a matrix of a few dozen features needs.
// Index loops mirror the textbook rotation formulas.
#[allow(clippy::needless_range_loop)]
fn jacobi_eigen(mut a: Vec<Vec<f64>>) -> (Vec<f64>, Vec<Vec<f64>>) {
    let d = a.len();
    let mut v: Vec<Vec<f64>> = (0..d)
        .map(|i| (0..d).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect();
    let norm: f64 = a.iter().flatten().map(|x| x * x).sum::<f64>().sqrt();
    for _sweep in 0..100 {
        let off: f64 = (0..d)
            .flat_map(|i| (0..d).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum::<f64>()
            .sqrt();
        if off <= 1e-14 * norm.max(f64::MIN_POSITIVE) {
            break;
        }
        for p in 0..d {
            for q in p + 1..d {
                if a[p][q].abs() <= f64::MIN_POSITIVE {
                    continue;
                }
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..d {
                    let (akp, akq) = (a[k][p], a[k][q]);
                    a[k][p] = c * akp - s * akq;
                    a[k][q] = s * akp + c * akq;
                }
                for k in 0..d {
                    let (apk, aqk) = (a[p][k], a[q][k]);
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
                for row in v.iter_mut() {
                    let (vkp, vkq) = (row[p], row[q]);
                    row[p] = c * vkp - s * vkq;
                    row[q] = s * vkp + c * vkq;
                }
            }
        }
    }
    ((0..d).map(|i| a[i][i]).collect(), v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_feature_gets_scale_one() {
        let rows = vec![vec![1.0, 5.0], vec![3.0, 5.0]];
        let s = Scaling::fit(&rows);
        assert_eq!(s.mean, [2.0, 5.0]);
        assert_eq!(s.scale, [1.0, 1.0]);
        assert_eq!(s.apply(&[3.0, 5.0]), [1.0, 0.0]);
    }

    #[test]
    fn pca_finds_the_main_direction() {
        // Points along y = 2x, each offset both ways across the line, so that the offsets
        // are uncorrelated with the position along it: the first component is (1, 2)/sqrt(5).
        let rows: Vec<Vec<f64>> = (0..10)
            .map(|i| {
                let t = (i / 2) as f64 - 2.0;
                let e = if i % 2 == 0 { 0.1 } else { -0.1 };
                vec![t - 2.0 * e, 2.0 * t + e]
            })
            .collect();
        let p = Pca2::fit(&rows);
        let c = &p.components[0];
        assert!((c[0] - 1.0 / 5f64.sqrt()).abs() < 1e-12, "{c:?}");
        assert!((c[1] - 2.0 / 5f64.sqrt()).abs() < 1e-12, "{c:?}");
        assert!(c[0] > 0.0 && c[1] > 0.0);
        let dot: f64 = p.components[0]
            .iter()
            .zip(&p.components[1])
            .map(|(a, b)| a * b)
            .sum();
        assert!(dot.abs() < 1e-9);
        assert!(p.explained[0] > 0.99);
        let (x0, _) = p.project(&rows[0]);
        let (x5, _) = p.project(&rows[9]);
        assert!(x5 > x0);
    }

    #[test]
    fn degenerate_inputs_do_not_panic() {
        let one = Pca2::fit(&[vec![1.0, 2.0, 3.0]]);
        assert_eq!(one.project(&[1.0, 2.0, 3.0]), (0.0, 0.0));
        let two = Pca2::fit(&[vec![0.0, 0.0, 1.0], vec![2.0, 0.0, 1.0]]);
        let (x, y) = two.project(&[2.0, 0.0, 1.0]);
        assert!((x - 1.0).abs() < 1e-12 && y == 0.0);
        let none = Pca2::fit(&[]);
        assert_eq!(none.project(&[]), (0.0, 0.0));
        let flat = Pca2::fit(&[vec![1.0], vec![1.0], vec![1.0]]);
        assert_eq!(flat.components, [vec![0.0], vec![0.0]]);
    }
}
