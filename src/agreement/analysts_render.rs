//! Text renderings of an [`AnalystsReport`]: a readable table and a long CSV (JSON is the
//! serde serialization of the same value).

use std::fmt::Write as _;

use super::analysts::{AnalystsReport, Offset};
use super::drivers::POOLED;
use crate::csv_writer::Table;

/// A name from a ratings file as shown on a terminal: control characters (escapes, line
/// breaks) removed, so a name cannot move the cursor or break the table's rows.
pub fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

fn num(v: Option<f64>) -> String {
    v.map_or("-".to_string(), |x| format!("{x:+.2}"))
}

fn offset_cell(o: &Offset) -> String {
    match (o.mean, o.low, o.high) {
        (Some(m), Some(l), Some(h)) => format!("{m:+.2} [{l:+.2}, {h:+.2}]"),
        (Some(m), _, _) => format!("{m:+.2}"),
        _ => "-".to_string(),
    }
}

/// A readable report, dimension by dimension.
pub fn render_analysts_table(r: &AnalystsReport) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} rated documents ({} with the tool's features), analysts: {}",
        r.documents,
        r.with_features,
        clean(&r.analysts.join(", "))
    );
    for (dim, d) in r.dimensions.iter() {
        let (lo, hi) = dim.scale();
        let _ = writeln!(s, "\n{dim} ({lo} to {hi}; {} documents rated)", d.documents);
        let _ = writeln!(
            s,
            "  offset from the others (mean difference, 90% interval):"
        );
        for o in &d.offsets {
            let _ = writeln!(
                s,
                "    {:<12} {:<24} n {}",
                clean(&o.analyst),
                offset_cell(o),
                o.n
            );
        }
        if !d.by_year.is_empty() {
            let _ = writeln!(
                s,
                "  by year: documents, interval alpha, offset of {}",
                clean(&r.analysts.join(" / "))
            );
            for y in &d.by_year {
                let offs: Vec<String> = y.offsets.iter().map(|o| num(o.mean)).collect();
                let alpha = y.alpha_interval.map_or("-".into(), |a| format!("{a:.3}"));
                let _ = writeln!(
                    s,
                    "    {}  {:>3}  {:>6}  {}",
                    y.year,
                    y.documents,
                    alpha,
                    offs.join(" / ")
                );
                if let Some(why) = &y.alpha_undefined {
                    let _ = writeln!(s, "          (alpha undefined: {why})");
                }
            }
        }
        if !d.disagreements.is_empty() {
            let _ = writeln!(
                s,
                "  widest disagreements (values of {}):",
                clean(&r.analysts.join(" / "))
            );
            for x in &d.disagreements {
                let vals: Vec<String> = x
                    .values
                    .iter()
                    .map(|v| v.map_or("-".into(), |v| format!("{v}")))
                    .collect();
                let _ = writeln!(
                    s,
                    "    {:<26} range {:<4} {}",
                    clean(&x.doc_id),
                    x.range,
                    vals.join(" / ")
                );
            }
        }
        if let Some(dr) = &d.drivers {
            let _ = writeln!(
                s,
                "  what drives the ratings: elastic net on {} standardized features, {} documents, \
                 penalty {} (L1 share {}), {:.0}% bootstrap intervals ({} replicates)",
                dr.features.len(),
                dr.documents,
                dr.penalty,
                dr.l1_ratio,
                dr.confidence * 100.0,
                dr.reps
            );
            for m in &dr.models {
                let r2 = m.r2_loyo.map_or("-".into(), |v| format!("{v:.3}"));
                let what = if m.analyst == POOLED {
                    "ratings"
                } else {
                    "documents"
                };
                let _ = writeln!(
                    s,
                    "    {:<12} leave-one-year-out R^2 {r2}  ({} {what})",
                    clean(&m.analyst),
                    m.n
                );
            }
            for x in &dr.differences {
                let _ = writeln!(s, "    {}", clean(&x.sentence));
            }
            for v in &dr.verdicts {
                let _ = writeln!(s, "    {}", clean(v));
            }
        }
    }
    for w in &r.warnings {
        let _ = writeln!(s, "warning: {}", clean(w));
    }
    s
}

/// A long CSV: `section,dimension,analyst,item,value,low,high,n,pooled`, one row per offset,
/// year offset, year alpha, model fit, weight difference (with the pooled weight) and
/// disagreement.
pub fn render_analysts_csv(r: &AnalystsReport) -> String {
    let f = |v: Option<f64>| v.map_or(String::new(), |x| format!("{x}"));
    let mut rows: Vec<[String; 9]> = Vec::new();
    for (dim, d) in r.dimensions.iter() {
        let dn = dim.name().to_string();
        for o in &d.offsets {
            rows.push([
                "offset".into(),
                dn.clone(),
                o.analyst.clone(),
                String::new(),
                f(o.mean),
                f(o.low),
                f(o.high),
                o.n.to_string(),
                String::new(),
            ]);
        }
        for y in &d.by_year {
            rows.push([
                "year_alpha".into(),
                dn.clone(),
                String::new(),
                y.year.to_string(),
                f(y.alpha_interval),
                String::new(),
                String::new(),
                y.documents.to_string(),
                String::new(),
            ]);
            for o in &y.offsets {
                rows.push([
                    "year_offset".into(),
                    dn.clone(),
                    o.analyst.clone(),
                    y.year.to_string(),
                    f(o.mean),
                    String::new(),
                    String::new(),
                    o.n.to_string(),
                    String::new(),
                ]);
            }
        }
        for x in &d.disagreements {
            rows.push([
                "disagreement".into(),
                dn.clone(),
                String::new(),
                x.doc_id.clone(),
                format!("{}", x.range),
                String::new(),
                String::new(),
                x.values.iter().flatten().count().to_string(),
                String::new(),
            ]);
        }
        if let Some(dr) = &d.drivers {
            for m in &dr.models {
                rows.push([
                    "r2_loyo".into(),
                    dn.clone(),
                    m.analyst.clone(),
                    String::new(),
                    f(m.r2_loyo),
                    String::new(),
                    String::new(),
                    m.n.to_string(),
                    String::new(),
                ]);
            }
            for x in &dr.differences {
                rows.push([
                    "weight".into(),
                    dn.clone(),
                    x.analyst.clone(),
                    x.feature.clone(),
                    format!("{}", x.weight),
                    format!("{}", x.low),
                    format!("{}", x.high),
                    String::new(),
                    format!("{}", x.pooled),
                ]);
            }
        }
    }
    let mut t = Table::new([
        "section",
        "dimension",
        "analyst",
        "item",
        "value",
        "low",
        "high",
        "n",
        "pooled",
    ]);
    for row in &rows {
        t.row(row);
    }
    t.finish()
}
