//! The analysts in the report (`report --ratings`): what `diplostance analysts` computes
//! ([`crate::agreement::analyse`], run once on the report's own scored documents), drawn as
//! three kinds of chart and summed up in a section of the page.

use crate::agreement::drivers::Drivers;
use crate::agreement::{AnalystsReport, DocFacts, RatedDimension, Ratings, analyse};
use crate::report::data::{AnalystsCharts, DriftSeries, DriverPanel, DriverWeights, OffsetRow};
use crate::report::html::{Html, doc_anchor};
use crate::score::{DocScore, FEATURE_NAMES, feature_label};

/// The `analysts` analysis of `ratings`, with the report's documents as the corpus.
pub fn analyse_report(ratings: &Ratings, docs: &[DocScore], seed: u64) -> AnalystsReport {
    analyse(ratings, &DocFacts::of_scores(docs), FEATURE_NAMES, seed)
}

/// What the analysts charts draw, copied from the analysis.
pub fn charts_of(r: &AnalystsReport) -> AnalystsCharts {
    let offsets = r
        .dimensions
        .iter()
        .map(|(dim, d)| OffsetRow {
            dimension: *dim,
            values: r
                .analysts
                .iter()
                .map(|a| {
                    let o = d.offsets.iter().find(|o| o.analyst == *a)?;
                    Some((o.mean?, o.low?, o.high?))
                })
                .collect(),
        })
        .collect();
    let drift = r
        .dimensions
        .iter()
        .map(|(dim, d)| DriftSeries {
            dimension: *dim,
            years: d
                .by_year
                .iter()
                .map(|y| (y.year, y.documents, y.alpha_interval))
                .collect(),
        })
        .collect();
    let drivers = r
        .dimensions
        .iter()
        .filter_map(|(dim, d)| d.drivers.as_ref().map(|x| driver_panel(*dim, x)))
        .collect();
    AnalystsCharts {
        analysts: r.analysts.clone(),
        offsets,
        drift,
        drivers,
        confidence: crate::agreement::analysts::OFFSET_CONFIDENCE,
    }
}

fn driver_panel(dimension: RatedDimension, d: &Drivers) -> DriverPanel {
    let pooled = d
        .models
        .first()
        .map(|m| m.weights.clone())
        .unwrap_or_default();
    DriverPanel {
        dimension,
        features: d.features.clone(),
        pooled,
        analysts: d
            .models
            .iter()
            .skip(1)
            .map(|m| DriverWeights {
                analyst: m.analyst.clone(),
                weights: m.weights.clone(),
                intervals: m.intervals.iter().map(|i| i.map(|[l, h]| (l, h))).collect(),
                r2: m.r2_loyo,
            })
            .collect(),
        documents: d.documents,
    }
}

/// Title and caption of an analysts chart, by name.
pub fn chart_caption(name: &str) -> Option<(&'static str, &'static str)> {
    Some(match name {
        "analyst-offsets" => (
            "How each analyst departs from the others",
            "Each analyst's mean rating minus the mean of the other analysts' ratings of the same documents, per dimension, with its 90% bootstrap interval; 0 means no systematic difference. Offsets are in each dimension's own scale points.",
        ),
        "analyst-agreement-by-year" => (
            "Agreement among the analysts by year",
            "Krippendorff's alpha (interval level) of each year's documents per dimension, to show whether the analysts read one year more alike than another.",
        ),
        n if n.starts_with("analyst-drivers-") => (
            "What drives each analyst",
            "Weights of the elastic-net models from the tool's document features to each analyst's ratings (coloured, with 90% bootstrap intervals) and to all analysts pooled (black diamond): rating points per standard deviation of the feature. An analyst whose interval leaves out the pooled weight responds to that feature differently from the team.",
        ),
        _ => return None,
    })
}

/// `+0.04 [-0.01, +0.09]`, or "–".
fn push_estimate(h: &mut Html, mean: Option<f64>, low: Option<f64>, high: Option<f64>) {
    match mean {
        Some(m) => {
            h.text(&format!("{m:+.2}"));
            if let (Some(l), Some(u)) = (low, high) {
                h.raw(" <span class=\"note\">[")
                    .text(&format!("{l:+.2}, {u:+.2}"))
                    .raw("]</span>");
            }
        }
        None => {
            h.raw("–");
        }
    }
}

/// The analysts section of the page; `docs` are the page's documents (those listed with their
/// hits are linked to).
pub fn push_section(h: &mut Html, r: &AnalystsReport, docs: &[DocScore]) {
    h.raw("<h2 id=\"analysts\">Analysts compared</h2>\n<p>");
    h.int(r.documents)
        .raw(" rated documents, ")
        .int(r.with_features)
        .raw(" of them in this corpus; analysts: ")
        .text(&r.analysts.join(", "))
        .raw(". The figures of <code>diplostance analysts</code> (all of them in <a href=\"analysts.json\">analysts.json</a>); charts: <a href=\"#chart-analyst-offsets\">offsets</a>, <a href=\"#chart-analyst-agreement-by-year\">agreement by year</a> and what drives each analyst, per dimension.</p>\n");
    push_offsets(h, r);
    push_years(h, r);
    push_drivers(h, r);
    let listed: std::collections::BTreeSet<&str> = docs
        .iter()
        .filter(|d| d.hits.is_some())
        .map(|d| d.id.as_str())
        .collect();
    push_disagreements(h, r, &listed);
}

fn dimension_header(h: &mut Html, r: &AnalystsReport, first: &'static str) {
    h.raw("<div class=\"scroll\"><table class=\"analysts\"><thead><tr><th>")
        .raw(first)
        .raw("</th>");
    for (dim, _) in r.dimensions.iter() {
        h.raw("<th class=\"n\">").text(dim.name()).raw("</th>");
    }
    h.raw("</tr></thead><tbody>\n");
}

fn push_offsets(h: &mut Html, r: &AnalystsReport) {
    h.raw("<h3>Offset from the others</h3>\n<p class=\"note\">Mean of (own rating − mean of the others' ratings) over the documents rated by the analyst and another, in scale points, with its 90% bootstrap interval.</p>\n");
    dimension_header(h, r, "Analyst");
    for a in &r.analysts {
        h.raw("<tr><td>").text(a).raw("</td>");
        for (_, d) in r.dimensions.iter() {
            h.raw("<td class=\"n\">");
            match d.offsets.iter().find(|o| o.analyst == *a) {
                Some(o) => push_estimate(h, o.mean, o.low, o.high),
                None => push_estimate(h, None, None, None),
            }
            h.raw("</td>");
        }
        h.raw("</tr>\n");
    }
    h.raw("</tbody></table></div>\n");
}

fn push_years(h: &mut Html, r: &AnalystsReport) {
    let mut years: Vec<(i32, usize)> = r
        .dimensions
        .iter()
        .flat_map(|(_, d)| d.by_year.iter().map(|y| (y.year, y.documents)))
        .collect();
    // the most documents any dimension has in a year
    years.sort_unstable_by_key(|y| (y.0, std::cmp::Reverse(y.1)));
    years.dedup_by_key(|y| y.0);
    h.raw("<h3>Agreement by year</h3>\n");
    if years.is_empty() {
        h.raw("<p class=\"note\">No rated document of this corpus is dated.</p>\n");
        return;
    }
    h.raw(
        "<p class=\"note\">Krippendorff's alpha (interval level) of each year's documents.</p>\n",
    );
    dimension_header(h, r, "Year (documents)");
    for (year, n) in years {
        h.raw("<tr><td>")
            .text(&year.to_string())
            .raw(" (")
            .int(n)
            .raw(")</td>");
        for (_, d) in r.dimensions.iter() {
            h.raw("<td class=\"n\">");
            match d
                .by_year
                .iter()
                .find(|y| y.year == year)
                .and_then(|y| y.alpha_interval)
            {
                Some(a) => h.num(a, 3),
                None => h.raw("–"),
            };
            h.raw("</td>");
        }
        h.raw("</tr>\n");
    }
    h.raw("</tbody></table></div>\n");
}

fn push_drivers(h: &mut Html, r: &AnalystsReport) {
    h.raw("<h3>What drives each analyst</h3>\n");
    let with: Vec<(RatedDimension, &Drivers)> = r
        .dimensions
        .iter()
        .filter_map(|(dim, d)| d.drivers.as_ref().map(|x| (*dim, x)))
        .collect();
    if with.is_empty() {
        h.raw("<p class=\"note\">Too few rated documents of this corpus to fit the models.</p>\n");
        return;
    }
    h.raw("<p class=\"note\">Elastic-net models from the tool's document features to each analyst's ratings and to all ratings pooled; a finding is stated when the pooled weight lies outside the analyst's 90% bootstrap interval.</p>\n<ul>\n");
    for (dim, d) in &with {
        for x in d.differences.iter().filter(|x| x.differs) {
            h.raw("<li>").text(&x.sentence).raw("</li>\n");
        }
        // "A: no feature's weight ... differs" for several analysts, said once
        let (same, other): (Vec<&String>, Vec<&String>) = d
            .verdicts
            .iter()
            .partition(|v| v.contains(": no feature's weight"));
        if !same.is_empty() {
            let names: Vec<&str> = same.iter().filter_map(|v| v.split(": ").next()).collect();
            h.raw("<li class=\"note\">")
                .text(&format!(
                    "{}: no feature's weight differs from the pooled weight beyond its {:.0}% interval for {}",
                    dim.name(),
                    d.confidence * 100.0,
                    names.join(", ")
                ))
                .raw("</li>\n");
        }
        for v in other {
            h.raw("<li class=\"note\">").text(v).raw("</li>\n");
        }
    }
    h.raw("</ul>\n<div class=\"scroll\"><table class=\"analysts\"><thead><tr><th>Dimension</th><th>Model</th><th class=\"n\">Ratings</th><th class=\"n\">R² out of year</th><th>Largest weights</th></tr></thead><tbody>\n");
    for (dim, d) in &with {
        for m in &d.models {
            h.raw("<tr><td>")
                .text(dim.name())
                .raw("</td><td>")
                .text(&m.analyst);
            h.raw("</td><td class=\"n\">")
                .int(m.n)
                .raw("</td><td class=\"n\">");
            match m.r2_loyo {
                Some(v) => h.num(v, 2),
                None => h.raw("–"),
            };
            h.raw("</td><td>")
                .text(&largest_weights(&d.features, &m.weights));
            h.raw("</td></tr>\n");
        }
    }
    h.raw("</tbody></table></div>\n");
}

/// The three largest weights in words, e.g. "share of sentences naming both sides +0.23".
fn largest_weights(features: &[String], weights: &[f64]) -> String {
    let mut idx: Vec<usize> = (0..weights.len().min(features.len()))
        .filter(|&j| weights[j].abs() > 1e-6)
        .collect();
    idx.sort_by(|&a, &b| {
        weights[b]
            .abs()
            .total_cmp(&weights[a].abs())
            .then(a.cmp(&b))
    });
    let parts: Vec<String> = idx
        .iter()
        .take(3)
        .map(|&j| format!("{} {:+.2}", feature_label(&features[j]), weights[j]))
        .collect();
    if parts.is_empty() {
        "none (every weight 0)".into()
    } else {
        parts.join("; ")
    }
}

fn push_disagreements(h: &mut Html, r: &AnalystsReport, listed: &std::collections::BTreeSet<&str>) {
    h.raw("<h3>Where the analysts part most</h3>\n<p class=\"note\">Per dimension, the documents with the widest range of ratings (values in the order ")
        .text(&r.analysts.join(" / "))
        .raw("; – not rated): where the codebook may need a sharper rule. Each document in this corpus links to its hits.</p>\n");
    h.raw("<div class=\"scroll\"><table class=\"analysts\"><thead><tr><th>Dimension</th><th>Document</th><th class=\"n\">Range</th><th>Ratings</th></tr></thead><tbody>\n");
    for (dim, d) in r.dimensions.iter() {
        for x in d.disagreements.iter().take(5) {
            h.raw("<tr><td>").text(dim.name()).raw("</td><td>");
            if listed.contains(x.doc_id.as_str()) {
                h.raw("<a href=\"#")
                    .text(&doc_anchor(&x.doc_id))
                    .raw("\">")
                    .text(&x.doc_id)
                    .raw("</a>");
            } else {
                h.text(&x.doc_id)
                    .raw(" <span class=\"note\">(not in this corpus)</span>");
            }
            h.raw("</td><td class=\"n\">");
            h.num(x.range, 1).raw("</td><td>");
            let values: Vec<String> = x
                .values
                .iter()
                .map(|v| {
                    v.map_or("–".into(), |v| {
                        crate::agreement::consensus::format_value(v)
                    })
                })
                .collect();
            h.text(&values.join(" / ")).raw("</td></tr>\n");
        }
    }
    h.raw("</tbody></table></div>\n");
}
