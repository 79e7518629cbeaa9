//! Statistics shared by scoring, analysis and agreement: seeded random numbers, bootstrap,
//! ranks, correlations and permutation tests.
//!
//! Everything here is deterministic: randomness comes only from [`rng`] with an explicit seed,
//! so the same input and seed give byte-identical output on every run. Functions that cannot
//! give a meaningful answer (too few values, a constant vector) return `None` instead of `NaN`,
//! so callers must decide what an undefined statistic means for them.

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::Serialize;

/// The coverage of every interval the tool reports (documents' scores, timeline periods, group
/// means, agreement statistics, alpha): 90%, from the 5th to the 95th percentile of the
/// bootstrap replicates. One level everywhere, so that intervals from two commands can be set
/// side by side.
pub const INTERVAL_LEVEL: f64 = 0.9;

/// The seed used when the user gives none ("diplosta" in ASCII).
pub const DEFAULT_SEED: u64 = 0x6469_706c_6f73_7461;

/// A seeded random number generator. Xoshiro256++ is small, fast and gives the same stream on
/// every platform for a given seed, which is what reproducible bootstrap intervals need.
pub fn rng(seed: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(seed)
}

/// A seed derived from a base seed and a label (a document id, a period, a group, a
/// dimension), so that independent computations get independent streams that do not change
/// when other labels are added or removed: the base seed XOR the label's FNV-1a hash. The one
/// derivation of the crate (a document's score interval, a timeline period, a group, an
/// agreement statistic); [`rng`] expands it with SplitMix64, so labels that differ only in
/// their last byte still get unrelated streams.
pub fn derive_seed(seed: u64, label: &str) -> u64 {
    seed ^ crate::hash::fnv1a(label.as_bytes())
}

/// MurmurHash3's 64-bit finaliser: every input bit affects every output bit. For a decision
/// taken from the bits of a derived seed itself (such as which half of a split an id goes to),
/// where no generator mixes them first.
pub fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Arithmetic mean; `None` for an empty slice.
pub fn mean(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    Some(xs.iter().sum::<f64>() / xs.len() as f64)
}

/// Sample variance (divisor `n - 1`); `None` for fewer than two values.
pub fn variance(xs: &[f64]) -> Option<f64> {
    if xs.len() < 2 {
        return None;
    }
    let m = mean(xs)?;
    let ss: f64 = xs.iter().map(|x| (x - m) * (x - m)).sum();
    Some(ss / (xs.len() - 1) as f64)
}

/// Sample standard deviation; `None` for fewer than two values.
pub fn std_dev(xs: &[f64]) -> Option<f64> {
    variance(xs).map(f64::sqrt)
}

/// The `q`-quantile of an ascending `sorted` slice, by linear interpolation between order
/// statistics: with `h = (n - 1) q`, the result is `x[floor h] + (h - floor h) (x[floor h + 1] -
/// x[floor h])` (Hyndman and Fan's type 7, the default of R and NumPy). `q` is clamped to
/// `[0, 1]`. `None` for an empty slice or a `q` that is not a number.
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() || q.is_nan() {
        return None;
    }
    let q = q.clamp(0.0, 1.0);
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    let frac = h - lo as f64;
    Some(sorted[lo] + frac * (sorted[hi] - sorted[lo]))
}

/// Sort a vector of floats ascending in place (total order: `NaN`s go last).
pub fn sort_floats(xs: &mut [f64]) {
    xs.sort_by(f64::total_cmp);
}

/// 1-based ranks; tied values share the average of the ranks they span (so `[10, 20, 20, 30]`
/// gives `[1, 2.5, 2.5, 4]`). Values are ordered by `f64::total_cmp`, so `NaN`s rank last.
pub fn ranks(xs: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    let mut out = vec![0.0; xs.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i + 1;
        while j < order.len() && xs[order[j]].total_cmp(&xs[order[i]]).is_eq() {
            j += 1;
        }
        // Positions i..j (0-based) hold ranks i+1..=j; their average is (i + 1 + j) / 2.
        let avg = (i + 1 + j) as f64 / 2.0;
        for &k in &order[i..j] {
            out[k] = avg;
        }
        i = j;
    }
    out
}

/// Pearson's correlation coefficient. `None` when the lengths differ, there are fewer than three
/// pairs, a value is not finite, or either vector is constant (the coefficient is undefined).
pub fn pearson(a: &[f64], b: &[f64]) -> Option<f64> {
    if a.len() != b.len() || a.len() < 3 {
        return None;
    }
    if a.iter().chain(b).any(|x| !x.is_finite()) {
        return None;
    }
    let ma = mean(a)?;
    let mb = mean(b)?;
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        let (dx, dy) = (x - ma, y - mb);
        sab += dx * dy;
        saa += dx * dx;
        sbb += dy * dy;
    }
    // A vector whose spread is at rounding level is constant for our purposes.
    let tiny = f64::EPSILON * f64::EPSILON;
    if saa <= tiny * (ma * ma).max(1.0) || sbb <= tiny * (mb * mb).max(1.0) {
        return None;
    }
    Some((sab / (saa.sqrt() * sbb.sqrt())).clamp(-1.0, 1.0))
}

/// Spearman's rank correlation: Pearson's coefficient of the average ranks (the usual
/// definition that stays correct with ties). `None` in the same cases as [`pearson`].
pub fn spearman(a: &[f64], b: &[f64]) -> Option<f64> {
    if a.len() != b.len() || a.len() < 3 || a.iter().chain(b).any(|x| !x.is_finite()) {
        return None;
    }
    pearson(&ranks(a), &ranks(b))
}

/// A percentile bootstrap interval of a statistic over `n` items.
///
/// Each of `reps` replicates draws `n` indices uniformly with replacement (from [`rng`] with
/// `seed`) and calls `stat` on them; replicates where `stat` returns `None` or a non-finite
/// value are skipped. The interval runs from the `(1 - level) / 2` to the `(1 + level) / 2`
/// quantile of the replicate values ([`quantile`]). `None` when `n` or `reps` is zero or when
/// fewer than half of the replicates gave a value (the statistic is too often undefined for
/// its spread to mean anything).
pub fn bootstrap_interval(
    n: usize,
    reps: usize,
    seed: u64,
    level: f64,
    stat: impl FnMut(&[usize]) -> Option<f64>,
) -> Option<(f64, f64)> {
    let mut idx = Vec::with_capacity(n);
    let mut values = Vec::with_capacity(reps);
    bootstrap_interval_in(&mut idx, &mut values, n, reps, seed, level, stat)
}

/// [`bootstrap_interval`] with caller-provided buffers for the indices and the replicate
/// values, so that a caller computing many intervals allocates once.
pub fn bootstrap_interval_in(
    idx: &mut Vec<usize>,
    values: &mut Vec<f64>,
    n: usize,
    reps: usize,
    seed: u64,
    level: f64,
    mut stat: impl FnMut(&[usize]) -> Option<f64>,
) -> Option<(f64, f64)> {
    if n == 0 || reps == 0 || !(0.0..=1.0).contains(&level) {
        return None;
    }
    let mut r = rng(seed);
    values.clear();
    for _ in 0..reps {
        idx.clear();
        idx.extend((0..n).map(|_| r.gen_range(0..n)));
        if let Some(v) = stat(idx).filter(|v| v.is_finite()) {
            values.push(v);
        }
    }
    if values.len() * 2 < reps {
        return None;
    }
    sort_floats(values);
    let tail = (1.0 - level) / 2.0;
    Some((quantile(values, tail)?, quantile(values, 1.0 - tail)?))
}

/// The outcome of a two-sample permutation test.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PermutationResult {
    /// Size of the first group.
    pub n_a: usize,
    /// Size of the second group.
    pub n_b: usize,
    /// Mean of the first group minus mean of the second.
    pub diff_of_means: f64,
    /// Two-sided p-value: `(1 + #{|permuted diff| >= |observed diff|}) / (1 + reps)`. The `+1`
    /// counts the observed labelling as one of the permutations, so the p-value is never 0.
    pub p_value: f64,
    /// Cohen's d: difference of means over the pooled standard deviation. `None` when both
    /// groups are constant or there are fewer than three values in all.
    pub cohens_d: Option<f64>,
    /// Cliff's delta: `P(a > b) - P(a < b)` over all cross-group pairs, in `[-1, 1]`; robust to
    /// outliers and to the scale of the score.
    pub cliffs_delta: f64,
    /// Number of random permutations drawn.
    pub reps: usize,
}

/// A two-sided permutation test of the difference of means between `a` and `b`.
///
/// The pooled values are relabelled at random `reps` times (a partial Fisher-Yates shuffle from
/// [`rng`] with `seed`), and the p-value counts how often a relabelled difference is at least as
/// large in absolute value as the observed one (with a relative tolerance of 1e-9, so that
/// relabellings equal to the observed one up to rounding count). `None` when either group is
/// empty or a value is not finite.
pub fn permutation_test(a: &[f64], b: &[f64], reps: usize, seed: u64) -> Option<PermutationResult> {
    if a.is_empty() || b.is_empty() || a.iter().chain(b).any(|x| !x.is_finite()) {
        return None;
    }
    let (na, nb) = (a.len(), b.len());
    let observed = mean(a)? - mean(b)?;
    let mut pooled: Vec<f64> = a.iter().chain(b).copied().collect();
    let total: f64 = pooled.iter().sum();
    let scale = pooled.iter().fold(0.0f64, |m, x| m.max(x.abs())).max(1.0);
    let threshold = observed.abs() - 1e-9 * scale;
    let mut r = rng(seed);
    let mut extreme = 0usize;
    let n = pooled.len();
    for _ in 0..reps {
        // Draw the first group of a random relabelling: the first `na` slots after a partial
        // shuffle are a uniform random subset.
        let mut sum_a = 0.0;
        for i in 0..na {
            let j = r.gen_range(i..n);
            pooled.swap(i, j);
            sum_a += pooled[i];
        }
        let diff = sum_a / na as f64 - (total - sum_a) / nb as f64;
        if diff.abs() >= threshold {
            extreme += 1;
        }
    }
    let p_value = (extreme + 1) as f64 / (reps + 1) as f64;
    Some(PermutationResult {
        n_a: na,
        n_b: nb,
        diff_of_means: observed,
        p_value,
        cohens_d: cohens_d(a, b),
        cliffs_delta: cliffs_delta(a, b),
        reps,
    })
}

/// Cohen's d with the pooled standard deviation `sqrt(((na-1) va + (nb-1) vb) / (na + nb - 2))`
/// (a group of one contributes no variance). `None` when the pooled deviation is zero or
/// undefined.
pub fn cohens_d(a: &[f64], b: &[f64]) -> Option<f64> {
    let (na, nb) = (a.len(), b.len());
    if na == 0 || nb == 0 || na + nb < 3 {
        return None;
    }
    let ss = |xs: &[f64]| variance(xs).map_or(0.0, |v| v * (xs.len() - 1) as f64);
    let pooled = ((ss(a) + ss(b)) / (na + nb - 2) as f64).sqrt();
    // Also rejects NaN.
    if pooled.is_nan() || pooled <= 0.0 {
        return None;
    }
    Some((mean(a)? - mean(b)?) / pooled)
}

/// Cliff's delta, `(#{a > b} - #{a < b}) / (na nb)` over all pairs; 0 when either is empty.
/// Counted by binary search in the sorted second group, so it costs `O((na + nb) log nb)`.
pub fn cliffs_delta(a: &[f64], b: &[f64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut sb = b.to_vec();
    sort_floats(&mut sb);
    let mut score: i64 = 0;
    for &x in a {
        let below = sb.partition_point(|&y| y < x) as i64;
        let not_above = sb.partition_point(|&y| y <= x) as i64;
        let above = sb.len() as i64 - not_above;
        score += below - above;
    }
    score as f64 / (a.len() * b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn mean_variance_quantile() {
        let xs = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        assert_eq!(mean(&xs), Some(5.0));
        // Sum of squares 32, n - 1 = 7.
        assert!(close(variance(&xs).unwrap(), 32.0 / 7.0, 1e-12));
        assert_eq!(mean(&[]), None);
        assert_eq!(variance(&[1.0]), None);
        let s = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&s, 0.0), Some(1.0));
        assert_eq!(quantile(&s, 1.0), Some(4.0));
        // h = 3 * 0.5 = 1.5 -> halfway between 2 and 3.
        assert_eq!(quantile(&s, 0.5), Some(2.5));
        // h = 3 * 0.25 = 0.75 -> 1 + 0.75.
        assert_eq!(quantile(&s, 0.25), Some(1.75));
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&[7.0], 0.9), Some(7.0));
    }

    #[test]
    fn ranks_average_ties() {
        assert_eq!(ranks(&[10.0, 20.0, 20.0, 30.0]), vec![1.0, 2.5, 2.5, 4.0]);
        assert_eq!(ranks(&[3.0, 1.0, 2.0]), vec![3.0, 1.0, 2.0]);
        assert_eq!(ranks(&[5.0, 5.0, 5.0]), vec![2.0, 2.0, 2.0]);
        assert!(ranks(&[]).is_empty());
    }

    #[test]
    fn pearson_and_spearman_known_values() {
        // Perfect linear and perfect monotone relations.
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        let y = [2.0, 4.0, 6.0, 8.0, 10.0];
        assert!(close(pearson(&x, &y).unwrap(), 1.0, 1e-12));
        let cubed: Vec<f64> = x.iter().map(|v| v * v * v).collect();
        assert!(close(spearman(&x, &cubed).unwrap(), 1.0, 1e-12));
        assert!(pearson(&x, &cubed).unwrap() < 1.0);
        // Hand example without ties: rank differences d = (0, -1, 1, -1, 1), sum d^2 = 4,
        // rho = 1 - 6 * 4 / (5 * 24) = 0.8.
        let a = [1.0, 2.0, 3.0, 4.0, 5.0];
        let b = [1.0, 3.0, 2.0, 5.0, 4.0];
        assert!(close(spearman(&a, &b).unwrap(), 0.8, 1e-12));
        let c = [1.0, 4.0, 2.0, 5.0, 3.0];
        // d = (0, -2, 1, -1, 2), sum d^2 = 10 -> 1 - 60 / 120 = 0.5.
        assert!(close(spearman(&a, &c).unwrap(), 0.5, 1e-12));
        // Pearson of a and c by hand: dx = (-2, -1, 0, 1, 2), dy = (-2, 1, -1, 2, 0),
        // sum dx dy = 4 - 1 + 0 + 2 + 0 = 5, sum dx^2 = sum dy^2 = 10 -> 0.5.
        assert!(close(pearson(&a, &c).unwrap(), 0.5, 1e-12));
        // With a tie: t = (1, 3, 2, 5, 3) has average ranks (1, 3.5, 2, 5, 3.5); dy = (-2, 0.5,
        // -1, 2, 0.5), sum dx dy = 6.5, sum dy^2 = 9.5 -> rho = 6.5 / sqrt(95).
        let t = [1.0, 3.0, 2.0, 5.0, 3.0];
        assert_eq!(ranks(&t), vec![1.0, 3.5, 2.0, 5.0, 3.5]);
        assert!(close(spearman(&a, &t).unwrap(), 6.5 / 95f64.sqrt(), 1e-12));
    }

    #[test]
    fn correlations_undefined_cases() {
        assert_eq!(pearson(&[1.0, 2.0], &[1.0, 2.0]), None);
        assert_eq!(pearson(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]), None);
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[4.0, 4.0, 4.0]), None);
        assert_eq!(pearson(&[1.0, 2.0, 3.0], &[1.0, 2.0]), None);
        assert_eq!(pearson(&[1.0, f64::NAN, 3.0], &[1.0, 2.0, 3.0]), None);
    }

    #[test]
    fn bootstrap_is_deterministic_and_covers_the_mean() {
        let xs: Vec<f64> = (0..50).map(|i| (i % 7) as f64).collect();
        let stat = |idx: &[usize]| mean(&idx.iter().map(|&i| xs[i]).collect::<Vec<_>>());
        let a = bootstrap_interval(xs.len(), 500, 7, 0.9, stat).unwrap();
        let b = bootstrap_interval(xs.len(), 500, 7, 0.9, stat).unwrap();
        assert_eq!(a, b);
        let m = mean(&xs).unwrap();
        assert!(a.0 < m && m < a.1, "{a:?} around {m}");
        let c = bootstrap_interval(xs.len(), 500, 8, 0.9, stat).unwrap();
        assert_ne!(a, c);
        // Wider at a higher level.
        let w = bootstrap_interval(xs.len(), 500, 7, 0.99, stat).unwrap();
        assert!(w.0 <= a.0 && w.1 >= a.1);
        assert_eq!(bootstrap_interval(0, 500, 7, 0.9, stat), None);
        assert_eq!(bootstrap_interval(10, 100, 7, 0.9, |_| None), None);
    }

    #[test]
    fn permutation_identical_and_different_groups() {
        let a = [3.0, 4.0, 5.0, 4.0, 3.0, 5.0, 4.0, 4.0];
        let same = permutation_test(&a, &a, 999, 1).unwrap();
        assert_eq!(same.diff_of_means, 0.0);
        assert_eq!(same.p_value, 1.0, "every relabelling is as extreme as 0");
        assert_eq!(same.cliffs_delta, 0.0);
        let b = [8.0, 9.0, 9.5, 8.5, 10.0, 9.0, 8.0, 9.5];
        let diff = permutation_test(&b, &a, 999, 1).unwrap();
        assert!(diff.diff_of_means > 4.0);
        // Complete separation of 8 vs 8: exact p = 2 / C(16, 8) ~ 1.6e-4, so nearly no random
        // relabelling reaches it and p is at its floor of 1 / 1000 or close.
        assert!(diff.p_value <= 0.005, "{}", diff.p_value);
        assert_eq!(diff.cliffs_delta, 1.0);
        assert!(diff.cohens_d.unwrap() > 3.0);
        let again = permutation_test(&b, &a, 999, 1).unwrap();
        assert_eq!(diff, again);
        assert!(permutation_test(&[], &a, 10, 1).is_none());
    }

    #[test]
    fn effect_sizes_by_hand() {
        // a = (1, 2, 3): mean 2, ss 2; b = (3, 4, 5): mean 4, ss 2; pooled sd = sqrt(4 / 4) = 1.
        assert!(close(
            cohens_d(&[1.0, 2.0, 3.0], &[3.0, 4.0, 5.0]).unwrap(),
            -2.0,
            1e-12
        ));
        // Pairs a > b: none; a < b: 8 of 9 (3 vs 3 ties) -> -8/9.
        assert!(close(
            cliffs_delta(&[1.0, 2.0, 3.0], &[3.0, 4.0, 5.0]),
            -8.0 / 9.0,
            1e-12
        ));
        assert_eq!(cohens_d(&[1.0, 1.0], &[1.0, 1.0]), None);
    }
}
