//! Evaluation of the tool against the analysts (`diplostance eval`): how well the tool's raw
//! scores follow the analysts' mean, set beside how well each analyst follows the others.
//!
//! Correlations use the tool's *raw* scores (no mapping to the scale: Spearman only needs the
//! order, and Pearson is unchanged by a linear rescaling). The analysts' mean of a document is
//! the mean of the values present, over documents with at least one value of the dimension.

use std::fmt::Write as _;

use serde::Serialize;

use super::pairwise::{self, VsOthers};
use super::ratings::{RatedDimension, Ratings};
use super::{PerDimension, ToolScores, interval};
use crate::score::Interval;
use crate::stats;

/// Bootstrap replicates of the correlation intervals.
pub const EVAL_BOOTSTRAP_REPS: usize = 1000;

/// Confidence level of the correlation intervals.
pub const EVAL_CONFIDENCE: f64 = stats::INTERVAL_LEVEL;

/// How many of the most disagreeing documents are listed per dimension.
pub const DISAGREEMENTS: usize = 10;

/// A document where the tool and the analysts disagree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// Document id.
    pub doc_id: String,
    /// The tool's raw score.
    pub tool: f64,
    /// The analysts' mean.
    pub analysts_mean: f64,
    /// Rank of the tool's score among the evaluated documents (1 = lowest, ties averaged).
    pub rank_tool: f64,
    /// Rank of the analysts' mean.
    pub rank_mean: f64,
    /// `|rank_tool - rank_mean| / (n - 1)`: 0 same place, 1 opposite ends.
    pub rank_gap: f64,
}

/// The evaluation of one dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionEval {
    /// Documents with a tool score and at least one analyst's value.
    pub n: usize,
    /// Spearman of the tool's scores with the analysts' mean.
    pub spearman: Option<f64>,
    /// Its bootstrap interval (resampling documents).
    pub spearman_ci: Option<Interval>,
    /// Pearson of the tool's scores with the analysts' mean.
    pub pearson: Option<f64>,
    /// Its bootstrap interval.
    pub pearson_ci: Option<Interval>,
    /// Each analyst against the mean of the others.
    pub human_ceiling: Vec<VsOthers>,
    /// The lowest analyst's Spearman against the others.
    pub weakest_human: Option<f64>,
    /// The target the dimension must meet, in words (none for trend).
    pub target: Option<String>,
    /// Whether the target is met.
    pub meets_target: Option<bool>,
    /// The documents where the tool's rank and the analysts' rank differ most.
    pub disagreements: Vec<Disagreement>,
}

/// The output of `eval`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// Rated documents considered.
    pub documents: usize,
    /// Analysts.
    pub analysts: Vec<String>,
    /// Confidence level of the intervals (0.9).
    pub confidence: f64,
    /// Bootstrap replicates.
    pub reps: usize,
    /// Per dimension, codebook order; trend only when the tool scores it.
    pub dimensions: PerDimension<DimensionEval>,
    /// Rated documents the tool did not score, and reading warnings.
    pub warnings: Vec<String>,
}

/// Evaluate the tool's scores against the analysts' ratings.
pub fn evaluate(ratings: &Ratings, tool: &ToolScores, seed: u64) -> Evaluation {
    let mut warnings: Vec<String> = ratings.warnings().to_vec();
    let missing = tool.unscored(ratings);
    if !missing.is_empty() {
        warnings.push(format!(
            "{} rated document(s) not scored by the tool, left out: {}",
            missing.len(),
            missing.join(", ")
        ));
    }
    let humans = ratings.analysts().to_vec();
    let mut dims = Vec::new();
    for dim in RatedDimension::ALL {
        if dim == RatedDimension::Trend && !tool.has(dim) {
            continue;
        }
        if !ratings.has_values(dim) {
            continue;
        }
        dims.push((dim, evaluate_dimension(ratings, tool, dim, &humans, seed)));
    }
    Evaluation {
        documents: ratings.documents().len(),
        analysts: humans,
        confidence: EVAL_CONFIDENCE,
        reps: EVAL_BOOTSTRAP_REPS,
        dimensions: PerDimension(dims),
        warnings,
    }
}

/// [`evaluate`] on the rated documents among `ids` only (for tune and check halves).
pub fn evaluate_subset(
    ratings: &Ratings,
    tool: &ToolScores,
    ids: &[String],
    seed: u64,
) -> Evaluation {
    evaluate(&ratings.subset(ids), tool, seed)
}

/// Split ids into two halves, deterministically and independently of the other ids: an id goes
/// to the first half (tune) when the top bit of its mixed FNV-1a hash is 0, else to the second
/// (check). FNV-1a alone mixes the last bytes of a string poorly (ids such as
/// `frus1938v03-d423` and `frus1938v03-d424` differ only there, and their raw hashes share
/// their top bits), so the hash goes through the 64-bit finaliser of MurmurHash3 first. Both
/// halves are sorted and without repeats.
pub fn split_half(ids: &[String]) -> (Vec<String>, Vec<String>) {
    let mut sorted = ids.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted
        .into_iter()
        .partition(|id| stats::mix(stats::derive_seed(0, id)) >> 63 == 0)
}

fn evaluate_dimension(
    ratings: &Ratings,
    tool: &ToolScores,
    dim: RatedDimension,
    humans: &[String],
    seed: u64,
) -> DimensionEval {
    let mut ids = Vec::new();
    let mut t = Vec::new();
    let mut h = Vec::new();
    for (d, mean, _) in ratings.document_means(dim) {
        let id = &ratings.documents()[d];
        if let Some(x) = tool.get(id, dim) {
            ids.push(id.clone());
            t.push(x);
            h.push(mean);
        }
    }
    let n = t.len();
    let seed = stats::derive_seed(seed, dim.name());
    let (mut bt, mut bh) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut ci = |corr: fn(&[f64], &[f64]) -> Option<f64>| {
        stats::bootstrap_interval(n, EVAL_BOOTSTRAP_REPS, seed, EVAL_CONFIDENCE, |idx| {
            bt.clear();
            bh.clear();
            bt.extend(idx.iter().map(|&i| t[i]));
            bh.extend(idx.iter().map(|&i| h[i]));
            corr(&bt, &bh)
        })
    };
    let spearman_ci = interval(ci(stats::spearman));
    let pearson_ci = interval(ci(stats::pearson));
    let spearman = stats::spearman(&t, &h);
    let ceiling = pairwise::vs_others(ratings, dim, humans, humans);
    let weakest = ceiling
        .iter()
        .filter_map(|v| v.spearman)
        .min_by(f64::total_cmp);
    let (target, meets) = match dim {
        RatedDimension::Tension => (
            Some("Spearman >= 0.75 and >= the weakest analyst's Spearman against the others"),
            Some(spearman.is_some_and(|s| s >= 0.75 && weakest.is_none_or(|w| s >= w))),
        ),
        RatedDimension::Trend => (None, None),
        _ => (
            Some("Spearman >= 0.65"),
            Some(spearman.is_some_and(|s| s >= 0.65)),
        ),
    };
    DimensionEval {
        n,
        spearman,
        spearman_ci,
        pearson: stats::pearson(&t, &h),
        pearson_ci,
        human_ceiling: ceiling,
        weakest_human: weakest,
        target: target.map(str::to_string),
        meets_target: meets,
        disagreements: disagreements(&ids, &t, &h),
    }
}

/// The documents whose ranks differ most between the tool and the analysts' mean.
fn disagreements(ids: &[String], tool: &[f64], mean: &[f64]) -> Vec<Disagreement> {
    let n = ids.len();
    if n < 2 {
        return Vec::new();
    }
    let (rt, rm) = (stats::ranks(tool), stats::ranks(mean));
    let mut out: Vec<Disagreement> = (0..n)
        .map(|i| Disagreement {
            doc_id: ids[i].clone(),
            tool: tool[i],
            analysts_mean: mean[i],
            rank_tool: rt[i],
            rank_mean: rm[i],
            rank_gap: (rt[i] - rm[i]).abs() / (n - 1) as f64,
        })
        .collect();
    out.sort_by(|a, b| {
        b.rank_gap
            .total_cmp(&a.rank_gap)
            .then_with(|| a.doc_id.cmp(&b.doc_id))
    });
    out.truncate(DISAGREEMENTS);
    out
}

/// A readable text table of an evaluation.
pub fn render_eval_table(e: &Evaluation) -> String {
    let f = super::render::fmt3;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} rated documents, analysts: {}; {:.0}% bootstrap intervals ({} replicates)",
        e.documents,
        e.analysts.join(", "),
        e.confidence * 100.0,
        e.reps
    );
    for (dim, d) in e.dimensions.iter() {
        let _ = writeln!(s, "\n{dim} (n = {})", d.n);
        let ci = |c: &Option<Interval>| {
            c.map_or("-".to_string(), |c| {
                format!("[{}, {}]", f(Some(c.low)), f(Some(c.high)))
            })
        };
        let _ = writeln!(
            s,
            "  tool vs analysts' mean   spearman {} {}   pearson {} {}",
            f(d.spearman),
            ci(&d.spearman_ci),
            f(d.pearson),
            ci(&d.pearson_ci)
        );
        for v in &d.human_ceiling {
            let _ = writeln!(
                s,
                "  {:<22}   spearman {}   pearson {}   n {}",
                format!("{} vs others", v.analyst),
                f(v.spearman),
                f(v.pearson),
                v.n
            );
        }
        if let (Some(t), Some(m)) = (&d.target, d.meets_target) {
            let _ = writeln!(s, "  target: {t}: {}", if m { "met" } else { "NOT met" });
        }
        if !d.disagreements.is_empty() {
            let _ = writeln!(
                s,
                "  most disagreement:  {:<24} {:>9} {:>9} {:>8}",
                "document", "tool", "analysts", "rank gap"
            );
            for x in &d.disagreements {
                let _ = writeln!(
                    s,
                    "                      {:<24} {:>9.3} {:>9.3} {:>8.3}",
                    x.doc_id, x.tool, x.analysts_mean, x.rank_gap
                );
            }
        }
    }
    for w in &e.warnings {
        let _ = writeln!(s, "warning: {w}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn ratings() -> Ratings {
        let mut t = String::from("analyst,doc_id,hostility,tension\n");
        for (i, (h, x)) in [(0, 1), (1, 3), (2, 4), (3, 6), (4, 9), (1, 2), (2, 5)]
            .iter()
            .enumerate()
        {
            t.push_str(&format!("A,d{i},{h},{x}\n"));
            t.push_str(&format!("B,d{i},{h},{}\n", x + (i % 2)));
        }
        Ratings::parse(Path::new("e.csv"), &t).unwrap()
    }

    #[test]
    fn perfect_tool_meets_targets_and_order_flips_show_up() {
        let r = ratings();
        let mut tool = ToolScores::new();
        for (i, d) in r.documents().iter().enumerate() {
            let mean_t = r.document_means(RatedDimension::Tension)[i].1;
            let mean_h = r.document_means(RatedDimension::Hostility)[i].1;
            // Hostility follows the analysts except that d0 and d4 are swapped.
            let h = match d.as_str() {
                "d0" => 4.0,
                "d4" => 0.0,
                _ => mean_h,
            };
            tool.insert_values(d.clone(), [Some(h), None, None, Some(mean_t * 2.0), None]);
        }
        let e = evaluate(&r, &tool, 3);
        assert!(e.dimensions.get(RatedDimension::Trend).is_none());
        let t = e.dimensions.get(RatedDimension::Tension).unwrap();
        assert_eq!(t.n, 7);
        assert!((t.spearman.unwrap() - 1.0).abs() < 1e-12);
        assert_eq!(t.meets_target, Some(true));
        let h = e.dimensions.get(RatedDimension::Hostility).unwrap();
        assert_eq!(h.meets_target, Some(false));
        let top: Vec<&str> = h
            .disagreements
            .iter()
            .take(2)
            .map(|d| d.doc_id.as_str())
            .collect();
        assert_eq!(top, ["d0", "d4"]);
        assert_eq!(h.disagreements[0].rank_gap, 1.0);
        let table = render_eval_table(&e);
        assert!(table.contains("NOT met") && table.contains("d4"), "{table}");
        assert_eq!(e, evaluate(&r, &tool, 3));
    }

    #[test]
    fn split_half_is_stable_and_covers_all() {
        let ids: Vec<String> = (0..200).map(|i| format!("frus1938v03-d{i}")).collect();
        let (a, b) = split_half(&ids);
        assert_eq!(a.len() + b.len(), ids.len());
        assert!(a.len() > 80 && b.len() > 80, "{} {}", a.len(), b.len());
        // An id's half does not depend on the other ids.
        let (a2, _) = split_half(&ids[..50]);
        assert!(a2.iter().all(|x| a.contains(x)));
    }
}
