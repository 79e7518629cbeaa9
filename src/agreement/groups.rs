//! Diplomats compared: does one writer (or post, or addressee) assess the relationship
//! differently from the others, by more than chance?
//!
//! For one score at a time: per group, the mean with a bootstrap interval; then, for every group
//! with at least [`MIN_TESTED`] documents, a permutation test against all other documents, and
//! one for every pair of such groups. p-values are two-sided with the `+1` correction (see
//! [`crate::stats::permutation_test`]); since many tests are run, each family (against the rest,
//! pairs) also gets Holm's adjusted p-values, which keep the chance of any false alarm in the
//! family at the nominal level.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::score::Interval;
use crate::stats;

/// Groups with fewer documents get a mean but no test.
pub const MIN_TESTED: usize = 3;

/// Confidence level of the group means' intervals.
pub const GROUP_CONFIDENCE: f64 = stats::INTERVAL_LEVEL;

/// The name used for "all other documents".
pub const REST: &str = "(rest)";

/// One group's summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupSummary {
    /// Group name (an author, place or recipient).
    pub group: String,
    /// Number of documents.
    pub n: usize,
    /// Mean score.
    pub mean: f64,
    /// Bootstrap interval of the mean (resampling the group's documents); none for `n < 2`.
    pub interval: Option<Interval>,
}

/// A permutation test between two groups (or one group and the rest).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupTest {
    /// First group.
    pub a: String,
    /// Second group, or [`REST`].
    pub b: String,
    /// Documents in `a`.
    pub n_a: usize,
    /// Documents in `b`.
    pub n_b: usize,
    /// Mean of `a` minus mean of `b`.
    pub diff_of_means: f64,
    /// Two-sided permutation p-value.
    pub p_value: f64,
    /// Holm-adjusted p-value within the test's family.
    pub p_holm: f64,
    /// Cohen's d (pooled standard deviation).
    pub cohens_d: Option<f64>,
    /// Cliff's delta.
    pub cliffs_delta: f64,
}

/// Groups compared on one score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupComparison {
    /// Permutations per test, and bootstrap replicates per interval.
    pub reps: usize,
    /// Confidence of the intervals of the means (0.9).
    pub confidence: f64,
    /// Every group, sorted by name.
    pub groups: Vec<GroupSummary>,
    /// Each group with `n >= 3` against all other documents.
    pub vs_rest: Vec<GroupTest>,
    /// Each pair of groups with `n >= 3`, sorted by names.
    pub pairs: Vec<GroupTest>,
    /// Values that were not finite numbers and were left out.
    pub dropped: usize,
}

/// Compare groups of values (e.g. `(author, tension)` per document). Deterministic for a seed:
/// each test and interval has its own stream derived from the seed and the group names, so a
/// result does not change when another group is added.
pub fn compare_groups(groups: &[(String, f64)], reps: usize, seed: u64) -> GroupComparison {
    let mut by: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    let mut dropped = 0;
    for (g, v) in groups {
        if v.is_finite() {
            by.entry(g.as_str()).or_default().push(*v);
        } else {
            dropped += 1;
        }
    }
    let summaries = by
        .iter()
        .filter_map(|(g, vals)| {
            let mean = stats::mean(vals)?;
            let ci = if vals.len() >= 2 {
                let mut buf = Vec::with_capacity(vals.len());
                stats::bootstrap_interval(
                    vals.len(),
                    reps,
                    stats::derive_seed(seed, g),
                    GROUP_CONFIDENCE,
                    |idx| {
                        buf.clear();
                        buf.extend(idx.iter().map(|&i| vals[i]));
                        stats::mean(&buf)
                    },
                )
            } else {
                None
            };
            Some(GroupSummary {
                group: g.to_string(),
                n: vals.len(),
                mean,
                interval: ci.map(|(low, high)| Interval { low, high }),
            })
        })
        .collect();
    let tested: Vec<&str> = by
        .iter()
        .filter(|(_, v)| v.len() >= MIN_TESTED)
        .map(|(g, _)| *g)
        .collect();
    let test = |a: &str, av: &[f64], b: &str, bv: &[f64]| {
        let s = stats::derive_seed(seed, &format!("{a}\u{1f}{b}"));
        stats::permutation_test(av, bv, reps, s).map(|r| GroupTest {
            a: a.to_string(),
            b: b.to_string(),
            n_a: r.n_a,
            n_b: r.n_b,
            diff_of_means: r.diff_of_means,
            p_value: r.p_value,
            p_holm: r.p_value,
            cohens_d: r.cohens_d,
            cliffs_delta: r.cliffs_delta,
        })
    };
    let mut vs_rest: Vec<GroupTest> = tested
        .iter()
        .filter_map(|g| {
            let rest: Vec<f64> = by
                .iter()
                .filter(|(o, _)| *o != g)
                .flat_map(|(_, v)| v.iter().copied())
                .collect();
            test(g, &by[g], REST, &rest)
        })
        .collect();
    let mut pairs = Vec::new();
    for (i, a) in tested.iter().enumerate() {
        for b in &tested[i + 1..] {
            pairs.extend(test(a, &by[a], b, &by[b]));
        }
    }
    holm(&mut vs_rest);
    holm(&mut pairs);
    GroupComparison {
        reps,
        confidence: GROUP_CONFIDENCE,
        groups: summaries,
        vs_rest,
        pairs,
        dropped,
    }
}

/// Holm's step-down adjustment: the i-th smallest of m p-values is multiplied by `m - i`
/// (0-based i), made non-decreasing in that order and capped at 1.
fn holm(tests: &mut [GroupTest]) {
    let m = tests.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&x, &y| tests[x].p_value.total_cmp(&tests[y].p_value));
    let mut running: f64 = 0.0;
    for (i, &k) in order.iter().enumerate() {
        running = running.max(((m - i) as f64 * tests[k].p_value).min(1.0));
        tests[k].p_holm = running;
    }
}

/// A readable table of a group comparison on one score.
pub fn render_groups_table(score: &str, g: &GroupComparison) -> String {
    let f = super::render::fmt3;
    let mut s = String::new();
    let w = g
        .groups
        .iter()
        .map(|x| x.group.chars().count())
        .max()
        .unwrap_or(5)
        .max(6);
    let _ = writeln!(
        s,
        "{score}: mean per group, {:.0}% bootstrap interval",
        g.confidence * 100.0
    );
    let _ = writeln!(
        s,
        "  {:<w$}  {:>4}  {:>8}  {:>19}",
        "group", "n", "mean", "interval"
    );
    for x in &g.groups {
        let ci = x.interval.map_or("-".to_string(), |c| {
            format!("[{}, {}]", f(Some(c.low)), f(Some(c.high)))
        });
        let _ = writeln!(
            s,
            "  {:<w$}  {:>4}  {:>8.3}  {:>19}",
            x.group, x.n, x.mean, ci
        );
    }
    let mut tests = |title: &str, list: &[GroupTest]| {
        if list.is_empty() {
            return;
        }
        let _ = writeln!(
            s,
            "{score}: {title} (permutation test, {} permutations; p Holm-adjusted within this table)",
            g.reps
        );
        let tw = 2 * w + 3;
        let _ = writeln!(
            s,
            "  {:<tw$}  {:>8}  {:>7}  {:>7}  {:>9}  {:>13}",
            "groups", "diff", "p", "p holm", "cohen's d", "cliff's delta"
        );
        for t in list {
            let _ = writeln!(
                s,
                "  {:<tw$}  {:>8.3}  {:>7.4}  {:>7.4}  {:>9}  {:>13.3}",
                format!("{} - {}", t.a, t.b),
                t.diff_of_means,
                t.p_value,
                t.p_holm,
                f(t.cohens_d),
                t.cliffs_delta
            );
        }
    };
    tests("each group against the rest", &g.vs_rest);
    tests("pairs of groups", &g.pairs);
    if g.dropped > 0 {
        let _ = writeln!(
            s,
            "warning: {} values were not numbers and were left out",
            g.dropped
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Vec<(String, f64)> {
        let mut v = Vec::new();
        for x in [7.0, 8.0, 7.5, 8.5, 7.0, 8.0] {
            v.push(("Grew".to_string(), x));
        }
        for x in [3.0, 4.0, 3.5, 2.5, 4.0] {
            v.push(("Davies".to_string(), x));
        }
        for x in [3.5, 3.0, 4.5, 3.0] {
            v.push(("Henderson".to_string(), x));
        }
        v.push(("Kirk".to_string(), 5.0));
        v.push(("Kirk".to_string(), f64::NAN));
        v
    }

    #[test]
    fn clear_difference_and_no_difference() {
        let g = compare_groups(&data(), 999, 5);
        let names: Vec<&str> = g.groups.iter().map(|x| x.group.as_str()).collect();
        assert_eq!(names, ["Davies", "Grew", "Henderson", "Kirk"]);
        assert_eq!(g.dropped, 1);
        assert!(g.groups[3].interval.is_none(), "one value: no interval");
        assert_eq!(g.vs_rest.len(), 3, "Kirk has fewer than 3");
        assert_eq!(g.pairs.len(), 3);
        let grew_rest = g.vs_rest.iter().find(|t| t.a == "Grew").unwrap();
        assert!(grew_rest.diff_of_means > 3.0 && grew_rest.p_value < 0.01);
        let dh = g
            .pairs
            .iter()
            .find(|t| t.a == "Davies" && t.b == "Henderson")
            .unwrap();
        assert!(dh.p_value > 0.3, "{}", dh.p_value);
        for t in g.vs_rest.iter().chain(&g.pairs) {
            assert!(t.p_holm >= t.p_value && t.p_holm <= 1.0);
        }
        assert_eq!(g, compare_groups(&data(), 999, 5));
        let table = render_groups_table("tension", &g);
        assert!(table.contains("Grew - (rest)"), "{table}");
    }

    #[test]
    fn holm_by_hand() {
        let t = |p: f64| GroupTest {
            a: String::new(),
            b: String::new(),
            n_a: 3,
            n_b: 3,
            diff_of_means: 0.0,
            p_value: p,
            p_holm: p,
            cohens_d: None,
            cliffs_delta: 0.0,
        };
        let mut v = vec![t(0.04), t(0.01), t(0.03)];
        holm(&mut v);
        // Sorted 0.01, 0.03, 0.04 -> 0.03, 0.06, max(0.06, 0.04) = 0.06.
        let got: Vec<f64> = v.iter().map(|x| x.p_holm).collect();
        assert!((got[0] - 0.06).abs() < 1e-12 && (got[1] - 0.03).abs() < 1e-12);
        assert!((got[2] - 0.06).abs() < 1e-12);
    }
}
