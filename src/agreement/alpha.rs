//! Krippendorff's alpha: agreement among any number of coders, with missing values, at the
//! nominal, ordinal, interval and ratio levels.
//!
//! Computed from the coincidence matrix (Krippendorff, "Computing Krippendorff's
//! Alpha-Reliability", 2011): every unit (document) with `m >= 2` values contributes each
//! ordered pair of its values with weight `1 / (m - 1)`; units with fewer than two values are
//! not pairable and drop out. With `o_ck` the coincidences, `n_c` their row sums, `n` the number
//! of pairable values and `d_ck` the level's squared difference,
//!
//! ```text
//! alpha = 1 - (n - 1) * sum o_ck d_ck / sum n_c n_k d_ck
//! ```
//!
//! The interval comes from a percentile bootstrap over units: units are drawn with replacement,
//! the coincidence matrix is rebuilt from the drawn units and alpha recomputed (replicates where
//! alpha is undefined are skipped). This is simpler than Krippendorff's own bootstrap over
//! pairable values, and it respects that ratings of one document are not independent.

use serde::Serialize;

use crate::stats;

/// The level of measurement, which decides how much two different values disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Any two different values disagree equally.
    Nominal,
    /// Disagreement grows with the number of values coded between the two (rank distance).
    Ordinal,
    /// Squared difference of the values.
    Interval,
    /// Squared difference relative to the sum: `((c - k) / (c + k))^2`; needs an absolute zero,
    /// so it is undefined when a value is negative.
    Ratio,
}

impl Level {
    /// The four levels, in output order.
    pub const ALL: [Level; 4] = [
        Level::Nominal,
        Level::Ordinal,
        Level::Interval,
        Level::Ratio,
    ];

    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Level::Nominal => "nominal",
            Level::Ordinal => "ordinal",
            Level::Interval => "interval",
            Level::Ratio => "ratio",
        }
    }
}

/// Alpha at each level (`None` where undefined: no pairable values, no variation, or a ratio
/// level over negative values).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct AlphaLevels {
    /// Nominal alpha.
    pub nominal: Option<f64>,
    /// Ordinal alpha.
    pub ordinal: Option<f64>,
    /// Interval alpha.
    pub interval: Option<f64>,
    /// Ratio alpha.
    pub ratio: Option<f64>,
}

impl AlphaLevels {
    /// The value at one level.
    pub fn get(&self, level: Level) -> Option<f64> {
        match level {
            Level::Nominal => self.nominal,
            Level::Ordinal => self.ordinal,
            Level::Interval => self.interval,
            Level::Ratio => self.ratio,
        }
    }
}

/// Reliability data prepared once for alpha at every level and for its bootstrap.
#[derive(Debug, Clone, PartialEq)]
pub struct Reliability {
    /// Distinct values, ascending.
    values: Vec<f64>,
    /// Pairable units only, each as its coincidence contributions `(c, k, weight)` with
    /// `c`, `k` indices into `values` (both orders present for `c != k`).
    units: Vec<Vec<(usize, usize, f64)>>,
}

impl Reliability {
    /// From units, each the list of values the coders gave it (missing values left out).
    /// Non-finite values are ignored.
    pub fn new(units: &[Vec<f64>]) -> Reliability {
        let mut values: Vec<f64> = units
            .iter()
            .flatten()
            .copied()
            .filter(|v| v.is_finite())
            .collect();
        stats::sort_floats(&mut values);
        values.dedup();
        let mut out = Vec::new();
        let mut counts: Vec<(usize, f64)> = Vec::new();
        for unit in units {
            counts.clear();
            for v in unit.iter().filter(|v| v.is_finite()) {
                // Every finite value is in `values`, so the search finds it.
                let Ok(i) = values.binary_search_by(|x| x.total_cmp(v)) else {
                    continue;
                };
                match counts.iter_mut().find(|(c, _)| *c == i) {
                    Some((_, n)) => *n += 1.0,
                    None => counts.push((i, 1.0)),
                }
            }
            let m: f64 = counts.iter().map(|(_, n)| n).sum();
            if m < 2.0 {
                continue;
            }
            let mut entries = Vec::with_capacity(counts.len() * counts.len());
            for &(c, nc) in &counts {
                for &(k, nk) in &counts {
                    let pairs = if c == k { nc * (nc - 1.0) } else { nc * nk };
                    if pairs > 0.0 {
                        entries.push((c, k, pairs / (m - 1.0)));
                    }
                }
            }
            out.push(entries);
        }
        Reliability { values, units: out }
    }

    /// From a coder-by-unit table (`matrix[coder][unit]`, `None` for missing).
    pub fn from_matrix(matrix: &[Vec<Option<f64>>]) -> Reliability {
        let n_units = matrix.iter().map(Vec::len).max().unwrap_or(0);
        let units: Vec<Vec<f64>> = (0..n_units)
            .map(|u| {
                matrix
                    .iter()
                    .filter_map(|c| c.get(u).copied().flatten())
                    .collect()
            })
            .collect();
        Reliability::new(&units)
    }

    /// Number of pairable units (with at least two values).
    pub fn pairable_units(&self) -> usize {
        self.units.len()
    }

    /// Alpha at one level over all pairable units.
    pub fn alpha(&self, level: Level) -> Option<f64> {
        let mut o = vec![0.0; self.values.len() * self.values.len()];
        self.add_units(&mut o, 0..self.units.len());
        self.alpha_from(&o, level)
    }

    /// Alpha at all four levels.
    pub fn alpha_levels(&self) -> AlphaLevels {
        AlphaLevels {
            nominal: self.alpha(Level::Nominal),
            ordinal: self.alpha(Level::Ordinal),
            interval: self.alpha(Level::Interval),
            ratio: self.alpha(Level::Ratio),
        }
    }

    /// Percentile bootstrap interval of alpha at `level`, resampling pairable units with
    /// replacement `reps` times (seeded); `confidence` is e.g. 0.95.
    pub fn bootstrap(
        &self,
        level: Level,
        reps: usize,
        seed: u64,
        confidence: f64,
    ) -> Option<(f64, f64)> {
        let v = self.values.len();
        let mut o = vec![0.0; v * v];
        stats::bootstrap_interval(self.units.len(), reps, seed, confidence, |idx| {
            o.iter_mut().for_each(|x| *x = 0.0);
            self.add_units(&mut o, idx.iter().copied());
            self.alpha_from(&o, level)
        })
    }

    /// Why alpha at `level` is undefined, in words for a reader of the table; `None` when it
    /// is defined. A bare "-" in a table leaves the reader guessing between "too few data",
    /// "nothing to disagree about" and "not meaningful at this level".
    pub fn why_undefined(&self, level: Level) -> Option<String> {
        if self.alpha(level).is_some() {
            return None;
        }
        let pairable: f64 = self.units.iter().flatten().map(|e| e.2).sum();
        Some(if self.units.is_empty() || pairable < 2.0 {
            "no document has values from two analysts, so there is nothing to compare".to_string()
        } else if level == Level::Ratio && self.values.iter().any(|&x| x < 0.0) {
            "ratio alpha needs a scale with a true zero and no negative values".to_string()
        } else {
            "every value of the documents rated by two or more analysts is the same: with no \
             variation, agreement cannot be told from chance"
                .to_string()
        })
    }

    fn add_units(&self, o: &mut [f64], units: impl Iterator<Item = usize>) {
        let v = self.values.len();
        for u in units {
            for &(c, k, w) in &self.units[u] {
                o[c * v + k] += w;
            }
        }
    }

    /// Alpha from a coincidence matrix.
    fn alpha_from(&self, o: &[f64], level: Level) -> Option<f64> {
        let v = self.values.len();
        let nc: Vec<f64> = (0..v).map(|c| o[c * v..(c + 1) * v].iter().sum()).collect();
        let n: f64 = nc.iter().sum();
        if n < 2.0 {
            return None;
        }
        if level == Level::Ratio && self.values.iter().any(|&x| x < 0.0) {
            return None;
        }
        // Cumulative sums of n_c for the ordinal metric: sum_{g=c}^{k} n_g = cum[k+1] - cum[c].
        let mut cum = vec![0.0; v + 1];
        for c in 0..v {
            cum[c + 1] = cum[c] + nc[c];
        }
        let (mut observed, mut expected) = (0.0, 0.0);
        for c in 0..v {
            for k in 0..v {
                if c == k {
                    continue;
                }
                let d = self.delta(level, c, k, &nc, &cum);
                observed += o[c * v + k] * d;
                expected += nc[c] * nc[k] * d;
            }
        }
        if expected <= 0.0 {
            return None;
        }
        Some(1.0 - (n - 1.0) * observed / expected)
    }

    /// Squared difference of values `c` and `k` (indices) at a level.
    fn delta(&self, level: Level, c: usize, k: usize, nc: &[f64], cum: &[f64]) -> f64 {
        let (a, b) = (self.values[c], self.values[k]);
        match level {
            Level::Nominal => 1.0,
            Level::Ordinal => {
                let (lo, hi) = (c.min(k), c.max(k));
                let s = cum[hi + 1] - cum[lo] - (nc[c] + nc[k]) / 2.0;
                s * s
            }
            Level::Interval => (a - b) * (a - b),
            Level::Ratio => {
                let s = a + b;
                if s == 0.0 {
                    0.0
                } else {
                    ((a - b) / s) * ((a - b) / s)
                }
            }
        }
    }
}

/// Krippendorff's alpha of units given as lists of values (missing values left out).
pub fn alpha(units: &[Vec<f64>], level: Level) -> Option<f64> {
    Reliability::new(units).alpha(level)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
    /// coders (rows A-D), twelve units (columns), `.` for a missing value.
    const KRIPPENDORFF_2011: &str = "
        A: 1 2 3 3 2 1 4 1 2 . . .
        B: 1 2 3 3 2 2 4 1 2 5 . 3
        C: . 3 3 3 2 3 4 2 2 5 1 .
        D: 1 2 3 3 2 4 4 1 2 5 1 .
    ";

    fn parse_table(t: &str) -> Vec<Vec<Option<f64>>> {
        t.lines()
            .filter_map(|l| l.split_once(':'))
            .map(|(_, vals)| {
                vals.split_whitespace()
                    .map(|v| v.parse::<f64>().ok())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn krippendorff_published_example() {
        let r = Reliability::from_matrix(&parse_table(KRIPPENDORFF_2011));
        // Unit 12 has a single value and drops out.
        assert_eq!(r.pairable_units(), 11);
        let expected = [
            (Level::Nominal, 0.743),
            (Level::Ordinal, 0.815),
            (Level::Interval, 0.849),
            (Level::Ratio, 0.797),
        ];
        for (level, want) in expected {
            let got = r.alpha(level).unwrap();
            assert!(
                (got - want).abs() < 0.0005,
                "{}: {got:.4} != {want}",
                level.name()
            );
        }
    }

    #[test]
    fn identical_coders_agree_perfectly() {
        let row: Vec<Option<f64>> = [0.0, 1.0, 4.0, 2.0, 2.0, 3.0].map(Some).to_vec();
        let r = Reliability::from_matrix(&[row.clone(), row.clone(), row]);
        for level in Level::ALL {
            assert_eq!(r.alpha(level), Some(1.0), "{}", level.name());
        }
        // No variation at all: alpha is undefined, not 1.
        assert_eq!(
            alpha(&[vec![2.0, 2.0], vec![2.0, 2.0]], Level::Interval),
            None
        );
        // No pairable unit.
        assert_eq!(alpha(&[vec![1.0], vec![2.0]], Level::Nominal), None);
    }

    #[test]
    fn systematic_disagreement_is_negative_and_ratio_needs_zero() {
        // Two coders who always disagree on a binary code: alpha below zero.
        let a = alpha(
            &[
                vec![0.0, 1.0],
                vec![1.0, 0.0],
                vec![0.0, 1.0],
                vec![1.0, 0.0],
            ],
            Level::Nominal,
        )
        .unwrap();
        assert!(a < 0.0, "{a}");
        assert_eq!(
            alpha(&[vec![-1.0, 1.0], vec![2.0, 2.0]], Level::Ratio),
            None
        );
    }

    #[test]
    fn bootstrap_brackets_alpha_and_is_deterministic() {
        let r = Reliability::from_matrix(&parse_table(KRIPPENDORFF_2011));
        let (lo, hi) = r.bootstrap(Level::Interval, 500, 11, 0.95).unwrap();
        assert!(lo < 0.849 && 0.849 < hi + 1e-9, "{lo} {hi}");
        assert!(hi <= 1.0);
        assert_eq!(r.bootstrap(Level::Interval, 500, 11, 0.95), Some((lo, hi)));
    }
}
