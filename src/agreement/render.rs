//! The readable table of a [`Comparison`] (its CSV and JSON forms are in [`crate::output`]).

use std::fmt::Write as _;

use super::{Comparison, Level};

/// A statistic with three decimals, or `-` when undefined.
pub(crate) fn fmt3(v: Option<f64>) -> String {
    v.map_or("-".to_string(), |x| format!("{x:.3}"))
}

/// A readable fixed-width table per dimension.
pub fn render_table(c: &Comparison) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} documents, analysts: {}",
        c.documents,
        c.analysts.join(", ")
    );
    if let Some(m) = &c.tool_mapping {
        let _ = writeln!(s, "tool scores mapped to the scales by {m}");
    }
    for (dim, d) in c.dimensions.iter() {
        let (lo, hi) = dim.scale();
        let _ = writeln!(s, "\n{dim} ({lo} to {hi}; {} documents rated)", d.documents);
        let levels: Vec<String> = Level::ALL
            .iter()
            .map(|l| format!("{} {}", l.name(), fmt3(d.alpha.get(*l))))
            .collect();
        let _ = writeln!(
            s,
            "  Krippendorff's alpha: {}; {:.0}% bootstrap interval of the {} alpha [{}, {}]",
            levels.join(", "),
            d.alpha_ci.confidence * 100.0,
            d.alpha_ci.level.name(),
            fmt3(d.alpha_ci.low),
            fmt3(d.alpha_ci.high)
        );
        if let Some(a) = &d.alpha_with_tool {
            let levels: Vec<String> = Level::ALL
                .iter()
                .map(|l| format!("{} {}", l.name(), fmt3(a.get(*l))))
                .collect();
            let _ = writeln!(s, "  alpha with the tool:  {}", levels.join(", "));
        }
        let w = c
            .analysts
            .iter()
            .map(|a| a.chars().count())
            .max()
            .unwrap_or(1)
            .max(7);
        let _ = writeln!(
            s,
            "  {:<pw$}  {:>9}  {:>10}  {:>8}  {:>8}  {:>4}",
            "pair",
            "kappa lin",
            "kappa quad",
            "spearman",
            "pearson",
            "n",
            pw = 2 * w + 3
        );
        for p in &d.pairwise {
            let _ = writeln!(
                s,
                "  {:<pw$}  {:>9}  {:>10}  {:>8}  {:>8}  {:>4}",
                format!("{} - {}", p.a, p.b),
                fmt3(p.kappa_linear),
                fmt3(p.kappa_quadratic),
                fmt3(p.spearman),
                fmt3(p.pearson),
                p.n,
                pw = 2 * w + 3
            );
        }
        let _ = writeln!(
            s,
            "  {:<pw$}  {:>8}  {:>8}  {:>4}",
            "against the mean of the others",
            "spearman",
            "pearson",
            "n",
            pw = 2 * w + 3 + 23
        );
        for v in &d.vs_others {
            let _ = writeln!(
                s,
                "  {:<pw$}  {:>8}  {:>8}  {:>4}",
                v.analyst,
                fmt3(v.spearman),
                fmt3(v.pearson),
                v.n,
                pw = 2 * w + 3 + 23
            );
        }
        if let Some(t) = &d.tool_vs_humans {
            let verdict = if t.tool.is_none() {
                "the tool has no score for this dimension"
            } else if t.as_good_as_median {
                "as good as the median analyst"
            } else if t.as_good_as_weakest {
                "as good as the weakest analyst, below the median"
            } else {
                "below the weakest analyst"
            };
            let _ = writeln!(
                s,
                "  tool: spearman {} against weakest analyst {}, median {}: {verdict}",
                fmt3(t.tool),
                fmt3(t.weakest_human),
                fmt3(t.median_human)
            );
        }
    }
    for w in &c.warnings {
        let _ = writeln!(s, "warning: {w}");
    }
    s
}
