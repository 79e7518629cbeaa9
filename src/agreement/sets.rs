//! Evaluation over several rated corpora at once (`eval --corpus A --ratings .. --corpus B
//! --ratings ..`): each set, their union, and optionally per year.
//!
//! The rule is the one the project's targets are stated in: a document counts for a dimension
//! when at least two analysts rated it on that dimension, and a tool null counts as "correct but
//! cool" (tension 3, any other dimension 0), so that leaving a hard case null does not pay.
//! The analysts' agreement of a year is each analyst against the mean of the others over that
//! year's documents, averaged over the analysts.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::interval;
use super::ratings::{RatedDimension, Ratings};
use crate::score::{DocScore, Interval};
use crate::stats;

/// Fewest documents of a year for its correlation to be reported as more than a count.
pub const MIN_YEAR_DOCS: usize = 6;

/// Analysts' agreement (Spearman, each against the others' mean) below which a year's figure
/// does not bind the tool.
pub const BINDING_AGREEMENT: f64 = 0.7;

/// A year's analysts' means whose standard deviation is below this share of the codebook
/// scale's width have too little spread for a rank correlation to say much.
pub const LOW_SPREAD: f64 = 0.05;

/// Minimum analysts' values for a document to count.
pub const MIN_RATERS: usize = 2;

/// One rated corpus: a name, its analysts' ratings and the tool's scores of its documents.
#[derive(Debug, Clone, Copy)]
pub struct RatedSet<'a> {
    /// How the set is named in the output (the corpus path as given).
    pub name: &'a str,
    /// The analysts' ratings.
    pub ratings: &'a Ratings,
    /// The tool's scores of the corpus.
    pub scored: &'a [DocScore],
}

/// The agreement on one dimension over some documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionFigure {
    /// The dimension.
    pub dimension: RatedDimension,
    /// Documents scored by the tool and rated by at least two analysts.
    pub n: usize,
    /// Spearman of the tool with the analysts' mean.
    pub spearman: Option<f64>,
    /// Its bootstrap interval.
    pub spearman_ci: Option<Interval>,
}

/// One year of one dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearFigure {
    /// The year ("?" when neither the date nor the id gives one).
    pub year: String,
    /// The dimension.
    pub dimension: RatedDimension,
    /// Documents of the year scored and rated by at least two analysts.
    pub n: usize,
    /// Spearman of the tool with the analysts' mean (none below [`MIN_YEAR_DOCS`]).
    pub spearman: Option<f64>,
    /// Each analyst against the others' mean, averaged over the analysts.
    pub analysts_agreement: Option<f64>,
    /// Whether the analysts agree at [`BINDING_AGREEMENT`] or more.
    pub binding: bool,
    /// Standard deviation of the analysts' means.
    pub spread: Option<f64>,
    /// Whether that spread is below [`LOW_SPREAD`] of the scale.
    pub low_spread: bool,
}

/// The figures of one set (or of the union).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetFigures {
    /// The set's name ("union" for all of them).
    pub name: String,
    /// Rated documents of the set.
    pub documents: usize,
    /// Rated documents the tool did not score.
    pub unscored: Vec<String>,
    /// Per dimension.
    pub dimensions: Vec<DimensionFigure>,
    /// Each dimension on the codebook scale by an isotonic calibration fitted on these
    /// documents: plain and leave-one-year-out.
    pub scale: Vec<super::scale::ScaleFigure>,
    /// Per year and dimension, with `--by year`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub years: Vec<YearFigure>,
}

/// The output of `eval` over several sets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetsEvaluation {
    /// The rule, in words.
    pub rule: String,
    /// Confidence level of the intervals.
    pub confidence: f64,
    /// Bootstrap replicates.
    pub reps: usize,
    /// Each set, in the order given, then the union.
    pub sets: Vec<SetFigures>,
}

/// One evaluated document: its year, the tool's value and the analysts' values by analyst.
#[derive(Debug, Clone)]
struct Row {
    year: String,
    tool: f64,
    values: BTreeMap<String, f64>,
}

impl Row {
    fn mean(&self) -> f64 {
        self.values.values().sum::<f64>() / self.values.len() as f64
    }
}

/// The dimensions evaluated: the four the analysts and the tool share, and trend when the
/// tool scores it.
fn dimensions(sets: &[RatedSet]) -> Vec<RatedDimension> {
    let trend = sets
        .iter()
        .any(|s| s.scored.iter().any(|d| evaluated_trend(d).is_some()));
    RatedDimension::ALL
        .into_iter()
        .filter(|&d| d != RatedDimension::Trend || trend)
        .collect()
}

/// The tool's value of a document under the rule (a null counts as "correct but cool").
pub fn tool_value(d: &DocScore, dim: RatedDimension) -> f64 {
    match dim {
        RatedDimension::Hostility => d.scores.hostility,
        RatedDimension::Rapprochement => d.scores.rapprochement,
        RatedDimension::Uncertainty => d.scores.uncertainty,
        RatedDimension::Tension => d.tension().unwrap_or(3.0),
        RatedDimension::Trend => evaluated_trend(d).unwrap_or(0.0),
    }
}

/// The tool's trend of a document as every evaluation takes it: none when the scorer gives no
/// trend; else the trend, where a null one (a document that says nothing about the dyad, as
/// its tension) counts as the codebook's "no change", 0, rather than the number the feature
/// keeps.
pub fn evaluated_trend(d: &DocScore) -> Option<f64> {
    d.features.get("trend").map(|_| d.trend().unwrap_or(0.0))
}

/// The year of a document: its date's, else the first `frusYYYY` of its id, else "?".
pub fn year_of(d: &DocScore) -> String {
    if let Some(date) = &d.meta.date {
        return date.year.to_string();
    }
    let id = d.id.as_str();
    id.find("frus")
        .map(|i| &id[i + 4..])
        .filter(|r| r.len() >= 4 && r.as_bytes()[..4].iter().all(u8::is_ascii_digit))
        .map_or_else(|| "?".to_string(), |r| r[..4].to_string())
}

/// The rows of one set and dimension, in the ratings' document order.
fn rows(set: &RatedSet, dim: RatedDimension) -> Vec<Row> {
    let by_id: BTreeMap<&str, &DocScore> = set.scored.iter().map(|d| (d.id.as_str(), d)).collect();
    let analysts = set.ratings.analysts();
    let mut out = Vec::new();
    for (i, id) in set.ratings.documents().iter().enumerate() {
        let Some(d) = by_id.get(id.as_str()) else {
            continue;
        };
        let values: BTreeMap<String, f64> = analysts
            .iter()
            .enumerate()
            .filter_map(|(a, name)| set.ratings.value_at(a, i, dim).map(|v| (name.clone(), v)))
            .collect();
        if values.len() >= MIN_RATERS {
            out.push(Row {
                year: year_of(d),
                tool: tool_value(d, dim),
                values,
            });
        }
    }
    out
}

fn figure(rows: &[Row], dim: RatedDimension, seed: u64) -> DimensionFigure {
    let t: Vec<f64> = rows.iter().map(|r| r.tool).collect();
    let h: Vec<f64> = rows.iter().map(Row::mean).collect();
    let seed = stats::derive_seed(seed, dim.name());
    let (mut bt, mut bh) = (Vec::new(), Vec::new());
    let ci = stats::bootstrap_interval(
        t.len(),
        super::eval::EVAL_BOOTSTRAP_REPS,
        seed,
        super::eval::EVAL_CONFIDENCE,
        |idx| {
            bt.clear();
            bh.clear();
            bt.extend(idx.iter().map(|&i| t[i]));
            bh.extend(idx.iter().map(|&i| h[i]));
            stats::spearman(&bt, &bh)
        },
    );
    DimensionFigure {
        dimension: dim,
        n: t.len(),
        spearman: stats::spearman(&t, &h),
        spearman_ci: interval(ci),
    }
}

/// Each analyst against the mean of the others over `rows`, averaged (undefined ones left out).
fn analysts_agreement(rows: &[Row]) -> Option<f64> {
    let names: std::collections::BTreeSet<&String> =
        rows.iter().flat_map(|r| r.values.keys()).collect();
    let mut per = Vec::new();
    for a in names {
        let (mut x, mut y) = (Vec::new(), Vec::new());
        for r in rows {
            let Some(v) = r.values.get(a) else { continue };
            let others: Vec<f64> = r
                .values
                .iter()
                .filter(|(k, _)| *k != a)
                .map(|(_, v)| *v)
                .collect();
            if let Some(m) = stats::mean(&others) {
                x.push(*v);
                y.push(m);
            }
        }
        per.extend(stats::spearman(&x, &y));
    }
    stats::mean(&per)
}

fn years(rows: &[Row], dim: RatedDimension) -> Vec<YearFigure> {
    let mut by: BTreeMap<&str, Vec<Row>> = BTreeMap::new();
    for r in rows {
        by.entry(r.year.as_str()).or_default().push(r.clone());
    }
    let (lo, hi) = dim.scale();
    let width = f64::from(hi - lo);
    by.into_iter()
        .map(|(year, rs)| {
            let t: Vec<f64> = rs.iter().map(|r| r.tool).collect();
            let h: Vec<f64> = rs.iter().map(Row::mean).collect();
            let enough = rs.len() >= MIN_YEAR_DOCS;
            let agreement = analysts_agreement(&rs);
            let spread = stats::mean(&h).map(|m| {
                (h.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / h.len() as f64).sqrt()
            });
            YearFigure {
                year: year.to_string(),
                dimension: dim,
                n: rs.len(),
                spearman: if enough {
                    stats::spearman(&t, &h)
                } else {
                    None
                },
                analysts_agreement: agreement,
                binding: enough && agreement.is_some_and(|a| a >= BINDING_AGREEMENT),
                spread,
                low_spread: spread.is_none_or(|s| s < LOW_SPREAD * width),
            }
        })
        .collect()
}

fn set_figures(
    name: &str,
    per_dim: &[(RatedDimension, Vec<Row>)],
    documents: usize,
    unscored: Vec<String>,
    by_year: bool,
    seed: u64,
) -> SetFigures {
    SetFigures {
        name: name.to_string(),
        documents,
        unscored,
        dimensions: per_dim
            .iter()
            .map(|(dim, rs)| figure(rs, *dim, seed))
            .collect(),
        scale: per_dim
            .iter()
            .map(|(dim, rs)| {
                let rows: Vec<(String, f64, f64)> = rs
                    .iter()
                    .map(|r| (r.year.clone(), r.tool, r.mean()))
                    .collect();
                super::scale::judge(*dim, &rows)
            })
            .collect(),
        years: if by_year {
            per_dim
                .iter()
                .flat_map(|(dim, rs)| years(rs, *dim))
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// A document as a calibration sees it: its year, the tool's value and the analysts' mean.
pub type ScaleRow = (String, f64, f64);

/// The dimensions the sets are evaluated on, each with the `(year, tool value, analysts'
/// mean)` of every document of every set under the rule of the module: what the codebook-scale
/// calibration of the union is fitted and judged on.
pub fn union_rows(sets: &[RatedSet]) -> Vec<(RatedDimension, Vec<ScaleRow>)> {
    dimensions(sets)
        .into_iter()
        .map(|dim| {
            let rs = sets
                .iter()
                .flat_map(|set| rows(set, dim))
                .map(|r| (r.year.clone(), r.tool, r.mean()))
                .collect();
            (dim, rs)
        })
        .collect()
}

/// Evaluate every set and their union under the rule of the module.
pub fn evaluate_sets(sets: &[RatedSet], by_year: bool, seed: u64) -> SetsEvaluation {
    let dims = dimensions(sets);
    let mut union: Vec<(RatedDimension, Vec<Row>)> =
        dims.iter().map(|&d| (d, Vec::new())).collect();
    let mut out = Vec::new();
    let (mut docs, mut unscored_all) = (0, Vec::new());
    for set in sets {
        let per: Vec<(RatedDimension, Vec<Row>)> =
            dims.iter().map(|&d| (d, rows(set, d))).collect();
        for ((_, u), (_, rs)) in union.iter_mut().zip(&per) {
            u.extend(rs.iter().cloned());
        }
        let scored: std::collections::BTreeSet<&str> =
            set.scored.iter().map(|d| d.id.as_str()).collect();
        let unscored: Vec<String> = set
            .ratings
            .documents()
            .iter()
            .filter(|d| !scored.contains(d.as_str()))
            .cloned()
            .collect();
        docs += set.ratings.documents().len();
        unscored_all.extend(unscored.iter().cloned());
        out.push(set_figures(
            set.name,
            &per,
            set.ratings.documents().len(),
            unscored,
            by_year,
            seed,
        ));
    }
    if sets.len() > 1 {
        out.push(set_figures(
            "union",
            &union,
            docs,
            unscored_all,
            by_year,
            seed,
        ));
    }
    SetsEvaluation {
        rule: format!(
            "Spearman with the analysts' mean over documents rated by at least {MIN_RATERS} \
             analysts; a tool null counts as tension 3 (other dimensions 0)"
        ),
        confidence: super::eval::EVAL_CONFIDENCE,
        reps: super::eval::EVAL_BOOTSTRAP_REPS,
        sets: out,
    }
}

/// A readable text table of [`evaluate_sets`].
pub fn render_sets_table(e: &SetsEvaluation) -> String {
    let f = super::render::fmt3;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}; {:.0}% bootstrap intervals ({} replicates)",
        e.rule,
        e.confidence * 100.0,
        e.reps
    );
    let _ = writeln!(
        s,
        "\n{:<40} {:<14} {:>4} {:>9}  interval",
        "set", "dimension", "n", "spearman"
    );
    for set in &e.sets {
        for d in &set.dimensions {
            let ci = d.spearman_ci.map_or("-".to_string(), |c| {
                format!("[{}, {}]", f(Some(c.low)), f(Some(c.high)))
            });
            let _ = writeln!(
                s,
                "{:<40} {:<14} {:>4} {:>9}  {ci}",
                clip(&set.name),
                d.dimension.name(),
                d.n,
                f(d.spearman)
            );
        }
    }
    render_scale(&mut s, e);
    for set in e.sets.iter().filter(|s| !s.years.is_empty()) {
        render_years(&mut s, set);
    }
    for set in &e.sets {
        if !set.unscored.is_empty() && set.name != "union" {
            let _ = writeln!(
                s,
                "warning: {}: {} rated document(s) not scored by the tool, left out: {}",
                set.name,
                set.unscored.len(),
                set.unscored.join(", ")
            );
        }
    }
    s
}

fn render_scale(s: &mut String, e: &SetsEvaluation) {
    let f = super::render::fmt3;
    let _ = writeln!(
        s,
        "\non the codebook scale (isotonic calibration fitted on the set; plain, and each year \
         predicted from the other years)"
    );
    let _ = writeln!(
        s,
        "{:<40} {:<14} {:>4} {:>5} {:>9} {:>9} {:>9} {:>9}",
        "set", "dimension", "n", "years", "spearman", "mae", "loyo rho", "loyo mae"
    );
    for set in &e.sets {
        for d in &set.scale {
            let _ = writeln!(
                s,
                "{:<40} {:<14} {:>4} {:>5} {:>9} {:>9} {:>9} {:>9}",
                clip(&set.name),
                d.dimension.name(),
                d.n,
                d.years,
                f(d.plain_spearman),
                f(d.plain_mae),
                f(d.loyo_spearman),
                f(d.loyo_mae)
            );
        }
    }
}

fn render_years(s: &mut String, set: &SetFigures) {
    let f = super::render::fmt3;
    let _ = writeln!(s, "\n{} by year", set.name);
    let _ = writeln!(
        s,
        "  {:<5} {:<14} {:>3} {:>9} {:>9} {:>7}  note",
        "year", "dimension", "n", "spearman", "analysts", "spread"
    );
    for y in &set.years {
        let mut notes = Vec::new();
        if y.n < MIN_YEAR_DOCS {
            notes.push(format!("fewer than {MIN_YEAR_DOCS} documents"));
        } else if !y.binding {
            notes.push("not binding (analysts agree below 0.7)".to_string());
        }
        if y.low_spread {
            notes.push("little spread".to_string());
        }
        let _ = writeln!(
            s,
            "  {:<5} {:<14} {:>3} {:>9} {:>9} {:>7}  {}",
            y.year,
            y.dimension.name(),
            y.n,
            f(y.spearman),
            f(y.analysts_agreement),
            y.spread.map_or("-".to_string(), |x| format!("{x:.2}")),
            notes.join("; ")
        );
    }
}

/// A set name cut to the table's column, keeping its end (the most telling part of a path).
fn clip(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() <= 40 {
        name.to_string()
    } else {
        let tail: String = chars[chars.len() - 39..].iter().collect();
        format!("…{tail}")
    }
}
