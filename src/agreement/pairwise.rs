//! Agreement between two analysts, and of each analyst with the others (the human ceiling).
//!
//! Cohen's weighted kappa treats the dimension's integer scale points as the categories (all of
//! them, used or not: hostility 0-4 has five, tension 0-10 eleven, trend -2..2 five). A decimal
//! rating is rounded to the nearest scale point first (halves away from zero); the correlations
//! use the values as given.

use serde::Serialize;

use super::ratings::{RatedDimension, Ratings};
use crate::stats;

/// How much a disagreement between categories `i` and `j` of `k` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KappaWeights {
    /// `|i - j| / (k - 1)`.
    Linear,
    /// `((i - j) / (k - 1))^2`: large disagreements count much more than near misses.
    Quadratic,
}

/// Cohen's weighted kappa of two raters over the integer categories `lo..=hi`:
/// `1 - sum w O / sum w E`, with `O` the observed and `E` the chance-expected (product of the
/// marginals) proportions. Values are rounded to the nearest category and clamped to the scale.
/// `None` when the lengths differ, there is no pair, a value is not finite, or chance
/// disagreement is zero (both raters used one and the same category throughout).
pub fn weighted_kappa(a: &[f64], b: &[f64], lo: i32, hi: i32, w: KappaWeights) -> Option<f64> {
    if a.len() != b.len() || a.is_empty() || hi <= lo {
        return None;
    }
    if a.iter().chain(b).any(|x| !x.is_finite()) {
        return None;
    }
    let k = (hi - lo + 1) as usize;
    let cat = |x: f64| ((x.round() as i32).clamp(lo, hi) - lo) as usize;
    let mut observed = vec![0.0; k * k];
    let mut row = vec![0.0; k];
    let mut col = vec![0.0; k];
    let n = a.len() as f64;
    for (&x, &y) in a.iter().zip(b) {
        let (i, j) = (cat(x), cat(y));
        observed[i * k + j] += 1.0 / n;
        row[i] += 1.0 / n;
        col[j] += 1.0 / n;
    }
    let (mut wo, mut we) = (0.0, 0.0);
    for i in 0..k {
        for j in 0..k {
            let d = i.abs_diff(j) as f64 / (k - 1) as f64;
            let wt = match w {
                KappaWeights::Linear => d,
                KappaWeights::Quadratic => d * d,
            };
            wo += wt * observed[i * k + j];
            we += wt * row[i] * col[j];
        }
    }
    if we <= 1e-15 {
        return None;
    }
    Some(1.0 - wo / we)
}

/// Agreement of two analysts on one dimension, over the documents both rated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairAgreement {
    /// First analyst (the names are in sorted order, `a < b`).
    pub a: String,
    /// Second analyst.
    pub b: String,
    /// Cohen's kappa, linear weights.
    pub kappa_linear: Option<f64>,
    /// Cohen's kappa, quadratic weights.
    pub kappa_quadratic: Option<f64>,
    /// Spearman's rank correlation.
    pub spearman: Option<f64>,
    /// Pearson's correlation.
    pub pearson: Option<f64>,
    /// Documents both rated on this dimension.
    pub n: usize,
}

/// One analyst against the mean of the others.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VsOthers {
    /// The analyst.
    pub analyst: String,
    /// Spearman's correlation with the others' mean.
    pub spearman: Option<f64>,
    /// Pearson's correlation with the others' mean.
    pub pearson: Option<f64>,
    /// Documents the analyst rated and at least one other analyst rated too.
    pub n: usize,
}

/// Pairwise agreement of every pair of analysts (in sorted order) on one dimension.
pub fn pairwise(ratings: &Ratings, dim: RatedDimension) -> Vec<PairAgreement> {
    let m = ratings.matrix(dim);
    let names = ratings.analysts();
    let (lo, hi) = dim.scale();
    let mut out = Vec::new();
    for i in 0..names.len() {
        for j in i + 1..names.len() {
            let (x, y): (Vec<f64>, Vec<f64>) = m[i]
                .iter()
                .zip(&m[j])
                .filter_map(|(a, b)| Some(((*a)?, (*b)?)))
                .unzip();
            out.push(PairAgreement {
                a: names[i].clone(),
                b: names[j].clone(),
                kappa_linear: weighted_kappa(&x, &y, lo, hi, KappaWeights::Linear),
                kappa_quadratic: weighted_kappa(&x, &y, lo, hi, KappaWeights::Quadratic),
                spearman: stats::spearman(&x, &y),
                pearson: stats::pearson(&x, &y),
                n: x.len(),
            });
        }
    }
    out
}

/// Each analyst in `who` against the mean of the analysts in `others` (excluding itself), on
/// the documents where it and at least one of those others have a value. Passing the human
/// analysts as `others` keeps the ceiling the same whether or not the tool takes part.
pub fn vs_others(
    ratings: &Ratings,
    dim: RatedDimension,
    who: &[String],
    others: &[String],
) -> Vec<VsOthers> {
    let m = ratings.matrix(dim);
    let names = ratings.analysts();
    let pos = |n: &String| names.iter().position(|x| x == n);
    let mut out = Vec::new();
    for name in who {
        let Some(me) = pos(name) else { continue };
        let rest: Vec<usize> = others
            .iter()
            .filter(|o| *o != name)
            .filter_map(pos)
            .collect();
        let (mut x, mut y) = (Vec::new(), Vec::new());
        for (d, mine) in m[me].iter().enumerate() {
            let Some(v) = *mine else { continue };
            let vals: Vec<f64> = rest.iter().filter_map(|&o| m[o][d]).collect();
            if let Some(mean) = stats::mean(&vals) {
                x.push(v);
                y.push(mean);
            }
        }
        out.push(VsOthers {
            analyst: name.clone(),
            spearman: stats::spearman(&x, &y),
            pearson: stats::pearson(&x, &y),
            n: x.len(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn kappa_hand_example() {
        // Two categories used (0 and 1) of a 0-4 scale. Agreement 4/5; marginals a: 2/5, 3/5,
        // b: 1/5, 4/5; chance agreement 2/25 + 12/25 = 14/25; kappa = (0.8 - 0.56) / 0.44 =
        // 6/11. All disagreements are one step apart, so both weightings give the same.
        let a = [0.0, 1.0, 0.0, 1.0, 1.0];
        let b = [0.0, 1.0, 1.0, 1.0, 1.0];
        for w in [KappaWeights::Linear, KappaWeights::Quadratic] {
            let k = weighted_kappa(&a, &b, 0, 4, w).unwrap();
            assert!((k - 6.0 / 11.0).abs() < 1e-12, "{k}");
        }
    }

    #[test]
    fn kappa_weights_differ_on_large_disagreements() {
        // Categories 0..=2 (k = 3). Pairs: (0,0), (1,1), (2,2), (0,2), (2,0), (1,0).
        // O (sixths): (0,0)=1, (1,1)=1, (2,2)=1, (0,2)=1, (2,0)=1, (1,0)=1.
        // Row marginals a: 0: 2/6, 1: 2/6, 2: 2/6; columns b: 0: 3/6, 1: 1/6, 2: 2/6.
        // Linear weights (|i-j|/2): wO = (1 + 1 + 0.5) / 6 = 2.5/6;
        //   wE = sum_ij w_ij r_i c_j = (1/3) * [ (0*3 + .5*1 + 1*2) + (.5*3 + 0 + .5*2)
        //        + (1*3 + .5*1 + 0) ] / 6 = (1/3) * (2.5 + 2.5 + 3.5) / 6 = 8.5/18;
        //   kappa = 1 - (2.5/6) / (8.5/18) = 1 - 7.5/8.5 = 2/17.
        // Quadratic ((i-j)/2)^2: wO = (1 + 1 + 0.25) / 6 = 2.25/6;
        //   wE = (1/3) * [(0.25 + 2) + (0.75 + 0.5) + (3 + 0.25)] / 6 = (1/3) * 6.75 / 6;
        //   kappa = 1 - 2.25 / 2.25 = 0.
        let a = [0.0, 1.0, 2.0, 0.0, 2.0, 1.0];
        let b = [0.0, 1.0, 2.0, 2.0, 0.0, 0.0];
        let lin = weighted_kappa(&a, &b, 0, 2, KappaWeights::Linear).unwrap();
        assert!((lin - 2.0 / 17.0).abs() < 1e-12, "{lin}");
        let quad = weighted_kappa(&a, &b, 0, 2, KappaWeights::Quadratic).unwrap();
        assert!(quad.abs() < 1e-12, "{quad}");
        // Perfect agreement, and the undefined case.
        assert_eq!(
            weighted_kappa(&a, &a, 0, 2, KappaWeights::Linear),
            Some(1.0)
        );
        assert_eq!(
            weighted_kappa(&[1.0, 1.0], &[1.0, 1.0], 0, 2, KappaWeights::Linear),
            None
        );
    }

    #[test]
    fn pairs_and_vs_others_on_small_file() {
        let text = "analyst,doc_id,tension
A,d1,1
A,d2,3
A,d3,5
A,d4,7
B,d1,2
B,d2,3
B,d3,6
B,d4,8
C,d1,0
C,d2,4
C,d3,4
";
        let r = Ratings::parse(Path::new("t.csv"), text).unwrap();
        let p = pairwise(&r, RatedDimension::Tension);
        assert_eq!(p.len(), 3);
        assert_eq!((p[0].a.as_str(), p[0].b.as_str(), p[0].n), ("A", "B", 4));
        assert!((p[0].spearman.unwrap() - 1.0).abs() < 1e-12);
        assert_eq!((p[1].a.as_str(), p[1].b.as_str(), p[1].n), ("A", "C", 3));
        let names = r.analysts().to_vec();
        let v = vs_others(&r, RatedDimension::Tension, &names, &names);
        assert_eq!(v.len(), 3);
        // A against mean(B, C): d1 1.0, d2 3.5, d3 5.0, d4 8 (only B) -> monotone.
        assert_eq!(v[0].n, 4);
        assert!((v[0].spearman.unwrap() - 1.0).abs() < 1e-12);
        assert_eq!(v[2].n, 3);
    }
}
