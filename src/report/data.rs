//! The plain data each chart draws.
//!
//! Charts do not read analysis results directly: timelines, clusters and agreement are computed
//! elsewhere, and the caller copies what a chart needs into these structs. That keeps drawing
//! independent of how the numbers were made, and lets tests feed charts any data, including
//! degenerate data (nothing, one point, all values equal).
//!
//! Days are day numbers since 1970-01-01, as given by [`crate::corpus::days_from_civil`] and
//! [`crate::corpus::PartialDate::mid_day_number`].

use crate::corpus::DatePrecision;
use crate::dimension::Dimension;
use crate::score::Scores;

/// Tension over time and the three dimensions over time (two charts from one input).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimelineChart {
    /// Chart title, e.g. "Soviet-Japanese tension, 1938".
    pub title: String,
    /// Period summaries, in time order.
    pub periods: Vec<PeriodPoint>,
    /// A smoothed tension curve: `(day, tension)` in day order.
    pub smoothed: Vec<(f64, f64)>,
    /// What the smoothed curve is, for the legend, e.g. "LOESS, span 0.3".
    pub smoothing_label: String,
    /// One point per dated document.
    pub docs: Vec<DocPoint>,
    /// Events to mark on the time axis.
    pub events: Vec<EventMark>,
}

/// One period of a timeline: its extent, how many documents fall in it, the mean scores and
/// their interval.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PeriodPoint {
    /// Label, e.g. "1938-07".
    pub label: String,
    /// First day of the period.
    pub start_day: i64,
    /// Last day of the period (inclusive).
    pub end_day: i64,
    /// Number of documents in the period.
    pub documents: usize,
    /// Mean scores.
    pub mean: Scores,
    /// Lower bound of each score's interval.
    pub low: Scores,
    /// Upper bound of each score's interval.
    pub high: Scores,
}

/// One document on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct DocPoint {
    /// Document id.
    pub id: String,
    /// Middle day of its date ([`crate::corpus::PartialDate::mid_day_number`]).
    pub day: f64,
    /// How precisely it is dated: month- and year-dated documents are drawn as spans.
    pub precision: DatePrecision,
    /// Its tension index (0-10).
    pub tension: f64,
    /// Its author; empty when unknown.
    pub author: String,
}

/// An event to mark: a day (`start_day == end_day`) or a range of days.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventMark {
    /// First day.
    pub start_day: i64,
    /// Last day (inclusive); equal to `start_day` for a one-day event.
    pub end_day: i64,
    /// Short label, e.g. "Changkufeng clash".
    pub label: String,
}

/// A 2-D projection of the documents, coloured by cluster.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClusterMap {
    /// One point per document.
    pub points: Vec<ClusterPoint>,
    /// Description of each cluster, indexed by cluster number.
    pub cluster_names: Vec<String>,
    /// X axis label, e.g. "Principal component 1 (38% of variance)"; a default is used when empty.
    pub x_label: String,
    /// Y axis label; a default is used when empty.
    pub y_label: String,
    /// Mean silhouette of the clustering (-1 to 1), when defined.
    pub silhouette: Option<f64>,
}

/// One document in the projection.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClusterPoint {
    /// Document id.
    pub id: String,
    /// First coordinate.
    pub x: f64,
    /// Second coordinate.
    pub y: f64,
    /// Its cluster, or `None` for noise / unassigned.
    pub cluster: Option<usize>,
}

/// Mean tension per author.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuthorChart {
    /// One row per author (drawn in the order given, top to bottom).
    pub rows: Vec<AuthorRow>,
}

/// One author's mean tension and its interval.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuthorRow {
    /// The author; empty when unknown.
    pub author: String,
    /// Number of documents.
    pub documents: usize,
    /// Mean tension (0-10).
    pub mean_tension: f64,
    /// Lower bound of the interval.
    pub low: f64,
    /// Upper bound of the interval.
    pub high: f64,
}

/// The cues that contribute most to each dimension across the corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TopCues {
    /// One panel per dimension, in the order given. Each panel lists `(term, total weight)`,
    /// largest first; at most [`TopCues::MAX_PER_PANEL`] are drawn.
    pub per_dimension: Vec<(Dimension, Vec<(String, f64)>)>,
}

impl TopCues {
    /// How many cues each panel shows at most.
    pub const MAX_PER_PANEL: usize = 10;
}

/// Agreement between analysts and the tool.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgreementChart {
    /// Rater names (analysts, and the tool as one more rater), in matrix order.
    pub names: Vec<String>,
    /// Pairwise agreement, `matrix[i][j]` between `names[i]` and `names[j]`; `None` when it
    /// could not be computed (too few shared documents).
    pub matrix: Vec<Vec<Option<f64>>>,
    /// What the matrix holds, e.g. "Spearman's rho, tension".
    pub statistic_label: String,
    /// One point per document rated by at least one analyst.
    pub scatter: Vec<AgreementPoint>,
    /// Y axis label of the scatter, e.g. "Analysts' mean tension rating (0-4)"; a default is
    /// used when empty.
    pub analysts_label: String,
}

/// The tool's tension and the analysts' mean rating of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgreementPoint {
    /// Document id.
    pub doc: String,
    /// The tool's tension index (0-10).
    pub tool: f64,
    /// The analysts' mean rating.
    pub analysts_mean: f64,
}

/// Everything [`crate::report::build_charts`] can draw; each chart is drawn when its data is
/// present.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartInputs {
    /// Tension over time and the dimensions over time.
    pub timeline: Option<TimelineChart>,
    /// Cluster map.
    pub clusters: Option<ClusterMap>,
    /// Mean tension per author.
    pub authors: Option<AuthorChart>,
    /// Top cues per dimension.
    pub cues: Option<TopCues>,
    /// Analysts vs tool.
    pub agreement: Option<AgreementChart>,
    /// Analysts compared with each other.
    pub analysts: Option<AnalystsCharts>,
    /// Size in pixels of every chart (PNG size; the SVG has the same view box).
    pub size: (u32, u32),
    /// Colours, or greys for print.
    pub palette: Palette,
}

impl Default for ChartInputs {
    fn default() -> Self {
        ChartInputs {
            timeline: None,
            clusters: None,
            authors: None,
            cues: None,
            agreement: None,
            analysts: None,
            size: (1200, 800),
            palette: Palette::Colour,
        }
    }
}

/// The colours of the charts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Palette {
    /// The house colours (colour-blind safe).
    #[default]
    Colour,
    /// Every colour turned into the grey of its lightness, for print in black and white:
    /// series then differ by shape, panel and line.
    Grey,
}

impl std::str::FromStr for Palette {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "colour" | "color" => Ok(Palette::Colour),
            "grey" | "gray" => Ok(Palette::Grey),
            other => Err(format!("palette `{other}` is not colour or grey")),
        }
    }
}

/// The analysts compared with each other: what the `analysts` command computes
/// ([`crate::agreement::analyse`]), copied into the three analysts charts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnalystsCharts {
    /// Analysts, in the order of their colours.
    pub analysts: Vec<String>,
    /// Each analyst's offset from the others, per dimension (codebook order).
    pub offsets: Vec<OffsetRow>,
    /// Agreement by year, per dimension.
    pub drift: Vec<DriftSeries>,
    /// What drives each analyst, per dimension with models.
    pub drivers: Vec<DriverPanel>,
    /// Confidence of the intervals, e.g. 0.9.
    pub confidence: f64,
}

/// One dimension's offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct OffsetRow {
    /// The dimension.
    pub dimension: crate::agreement::RatedDimension,
    /// Per analyst (in [`AnalystsCharts::analysts`] order): mean offset and its interval, in
    /// scale points; `None` when the analyst shares no document with another.
    pub values: Vec<Option<(f64, f64, f64)>>,
}

/// One dimension's agreement by year.
#[derive(Debug, Clone, PartialEq)]
pub struct DriftSeries {
    /// The dimension.
    pub dimension: crate::agreement::RatedDimension,
    /// `(year, documents, interval alpha)` in year order.
    pub years: Vec<(i32, usize, Option<f64>)>,
}

/// What drives the analysts on one dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct DriverPanel {
    /// The dimension.
    pub dimension: crate::agreement::RatedDimension,
    /// Feature names (schema names), in the order of the weights.
    pub features: Vec<String>,
    /// The pooled model's weights.
    pub pooled: Vec<f64>,
    /// One per analyst with a model: name, weights, their intervals, leave-one-year-out R^2.
    pub analysts: Vec<DriverWeights>,
    /// Documents behind the models.
    pub documents: usize,
}

/// One analyst's model on one dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct DriverWeights {
    /// The analyst.
    pub analyst: String,
    /// Weight per feature (scale points per standard deviation of the feature).
    pub weights: Vec<f64>,
    /// The bootstrap interval of each weight.
    pub intervals: Vec<Option<(f64, f64)>>,
    /// Leave-one-year-out R^2.
    pub r2: Option<f64>,
}
