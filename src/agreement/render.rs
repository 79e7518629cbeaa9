//! Text renderings of a [`Comparison`]: a fixed-width table and long-format CSV. (JSON is the
//! serde serialization of the same value.)

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

/// Long-format CSV: `dimension,statistic,a,b,value` (empty value when undefined). Alphas have
/// empty `a`/`b`; `vs_others_*` rows have the analyst in `a` and `others` in `b`.
pub fn render_csv(c: &Comparison) -> String {
    let mut s = String::from("dimension,statistic,a,b,value\n");
    let val = |v: Option<f64>| v.map_or(String::new(), |x| x.to_string());
    let mut row = |dim: &str, stat: &str, a: &str, b: &str, v: String| {
        let _ = writeln!(s, "{dim},{stat},{},{},{v}", csv_field(a), csv_field(b));
    };
    for (dim, d) in c.dimensions.iter() {
        let dim = dim.name();
        for l in Level::ALL {
            row(
                dim,
                &format!("alpha_{}", l.name()),
                "",
                "",
                val(d.alpha.get(l)),
            );
        }
        row(dim, "alpha_interval_ci_low", "", "", val(d.alpha_ci.low));
        row(dim, "alpha_interval_ci_high", "", "", val(d.alpha_ci.high));
        if let Some(a) = &d.alpha_with_tool {
            for l in Level::ALL {
                row(
                    dim,
                    &format!("alpha_with_tool_{}", l.name()),
                    "",
                    "",
                    val(a.get(l)),
                );
            }
        }
        for p in &d.pairwise {
            row(dim, "kappa_linear", &p.a, &p.b, val(p.kappa_linear));
            row(dim, "kappa_quadratic", &p.a, &p.b, val(p.kappa_quadratic));
            row(dim, "spearman", &p.a, &p.b, val(p.spearman));
            row(dim, "pearson", &p.a, &p.b, val(p.pearson));
            row(dim, "n", &p.a, &p.b, p.n.to_string());
        }
        for v in &d.vs_others {
            row(
                dim,
                "vs_others_spearman",
                &v.analyst,
                "others",
                val(v.spearman),
            );
            row(
                dim,
                "vs_others_pearson",
                &v.analyst,
                "others",
                val(v.pearson),
            );
            row(dim, "vs_others_n", &v.analyst, "others", v.n.to_string());
        }
        if let Some(t) = &d.tool_vs_humans {
            row(dim, "tool_spearman", "", "", val(t.tool));
            row(dim, "weakest_human_spearman", "", "", val(t.weakest_human));
            row(dim, "median_human_spearman", "", "", val(t.median_human));
            let b = |x: bool| if x { "1" } else { "0" }.to_string();
            row(dim, "as_good_as_weakest", "", "", b(t.as_good_as_weakest));
            row(dim, "as_good_as_median", "", "", b(t.as_good_as_median));
        }
    }
    s
}

/// Quote a CSV field when it needs it.
pub(crate) fn csv_field(f: &str) -> String {
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_string()
    }
}
