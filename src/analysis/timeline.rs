//! How the assessment of tension moved over time: scored documents binned by day, ISO week,
//! month, quarter or year.
//!
//! Choices, and why:
//!
//! * **Partial dates are never guessed.** A document dated only to a month is placed in its month
//!   (and quarter and year) but left out of day and week bins; one dated to a year only appears
//!   in yearly bins; undated documents appear in none. Every document left out is counted in
//!   [`Timeline::left_out`] with the reason, so nothing disappears silently.
//! * **Empty periods between the first and the last are emitted** with `documents: 0` and `null`
//!   means, so that a chart's x axis is a true calendar and a gap in the record shows as a gap.
//!   (Above [`MAX_FILLED_PERIODS`] calendar periods, for example daily bins over a century
//!   because of one stray date, only periods with documents are emitted and
//!   [`Timeline::empty_periods`] is false.)
//! * **Documents without a tension are left out** (those that say nothing about the dyad, see
//!   [`DocScore::is_relevant`]), of every mean and not just of tension: an analyst leaves such a
//!   document unrated, and its 3.0 would floor the monthly means. They are counted in
//!   [`Timeline::left_out`] like the undated ones.
//! * **Intervals** are percentile bootstrap 90% intervals of the period mean, resampling the
//!   period's documents with replacement ([`TimelineParams::resamples`] times). The seed of each
//!   period is derived from a constant and the period label, so adding documents to one period
//!   never moves another period's interval. With one document the interval is the point itself.
//!   The interval is widened, if need be, to contain the mean (percentile intervals of very
//!   skewed tiny samples can miss it by a hair).
//! * **Smoothing** is a centred rolling mean of `tension` over the period and its calendar
//!   neighbours ([`TimelineParams::window`] periods, 3 by default), weighted by document
//!   counts, so a period of one telegram does not pull as hard as a period of twenty. It is
//!   computed for periods that have documents only; an empty neighbour weighs nothing. The
//!   method is named in [`Timeline::smoothing`].
//! * **Events** overlapping the covered range (first period's start to last period's end) are
//!   carried into the output, with day numbers for charts.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::str::FromStr;

use serde::Serialize;

use crate::analysis::LeftOut;
use crate::analysis::events::Event;
use crate::corpus::{DatePrecision, PartialDate, civil_from_days, days_from_civil};
use crate::csv_writer::Table;
use crate::score::{DocScore, Interval, Intervals, Scores};
use crate::stats;

/// Above this many calendar periods, empty periods are not filled in.
pub const MAX_FILLED_PERIODS: i64 = 10_000;

/// Constant mixed into every period's bootstrap seed.
const TIMELINE_SEED: u64 = 0x7469_6d65_6c69_6e65; // "timeline"

/// The width of a timeline bin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// One calendar day: `1938-08-05`.
    Day,
    /// One ISO 8601 week, Monday to Sunday: `1938-W31`.
    Week,
    /// One calendar month: `1938-08`.
    Month,
    /// One calendar quarter: `1938-Q3`.
    Quarter,
    /// One calendar year: `1938`.
    Year,
}

impl Granularity {
    /// All granularities, finest first.
    pub const ALL: [Granularity; 5] = [
        Granularity::Day,
        Granularity::Week,
        Granularity::Month,
        Granularity::Quarter,
        Granularity::Year,
    ];

    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Quarter => "quarter",
            Granularity::Year => "year",
        }
    }

    /// The least precise date that can be placed in a bin of this width.
    fn needs(self) -> DatePrecision {
        match self {
            Granularity::Day | Granularity::Week => DatePrecision::Day,
            Granularity::Month | Granularity::Quarter => DatePrecision::Month,
            Granularity::Year => DatePrecision::Year,
        }
    }

    /// The period containing a day number.
    pub fn period_of_day(self, day: i64) -> PeriodSpan {
        let (y, m, d) = civil_from_days(day);
        match self {
            Granularity::Day => PeriodSpan {
                label: format!("{y:04}-{m:02}-{d:02}"),
                start_day: day,
                end_day: day,
            },
            Granularity::Week => {
                let (iso_year, week, monday) = iso_week(day);
                PeriodSpan {
                    label: format!("{iso_year:04}-W{week:02}"),
                    start_day: monday,
                    end_day: monday + 6,
                }
            }
            Granularity::Month => PeriodSpan {
                label: format!("{y:04}-{m:02}"),
                start_day: days_from_civil(y, m, 1),
                end_day: next_month_start(y, m) - 1,
            },
            Granularity::Quarter => {
                let q = (m - 1) / 3 + 1;
                let first = (q - 1) * 3 + 1;
                PeriodSpan {
                    label: format!("{y:04}-Q{q}"),
                    start_day: days_from_civil(y, first, 1),
                    end_day: next_month_start(y, first + 2) - 1,
                }
            }
            Granularity::Year => PeriodSpan {
                label: format!("{y:04}"),
                start_day: days_from_civil(y, 1, 1),
                end_day: days_from_civil(y + 1, 1, 1) - 1,
            },
        }
    }

    /// The period of a date, or why the date cannot be placed in a bin of this width.
    pub fn period_of(self, date: &PartialDate) -> Result<PeriodSpan, DatePrecision> {
        let p = date.precision();
        if p < self.needs() {
            return Err(p);
        }
        Ok(self.period_of_day(date.start_day_number()))
    }
}

/// Most calendar periods [`Granularity::for_dates`] lets a timeline span.
pub const MAX_CHOSEN_PERIODS: usize = 48;
/// Fewest documents per period with documents that [`Granularity::for_dates`] accepts.
pub const MIN_DOCUMENTS_PER_PERIOD: f64 = 2.5;

impl Granularity {
    /// The period that suits a corpus with these dates, from its span and density: the finest
    /// of week, month, quarter and year at which at least two thirds of the dated documents can be
    /// placed (the rest, dated more coarsely, still show on the chart as spans), the calendar between the first and the last holds at most
    /// [`MAX_CHOSEN_PERIODS`] periods, and the periods that have documents have
    /// [`MIN_DOCUMENTS_PER_PERIOD`] on average. A crisis year of daily telegrams comes out by
    /// week or month, a decade of scattered reports by quarter or year. Year when none
    /// qualifies; month for no dated document.
    pub fn for_dates<'a>(dates: impl IntoIterator<Item = &'a PartialDate>) -> Granularity {
        let dates: Vec<&PartialDate> = dates.into_iter().collect();
        if dates.is_empty() {
            return Granularity::Month;
        }
        let suits = |g: Granularity| {
            let spans: Vec<PeriodSpan> = dates.iter().filter_map(|d| g.period_of(d).ok()).collect();
            if (spans.len() * 3) < dates.len() * 2 {
                return false;
            }
            let starts: std::collections::BTreeSet<i64> =
                spans.iter().map(|s| s.start_day).collect();
            let (Some(&first), Some(&last)) = (starts.first(), starts.last()) else {
                return false;
            };
            let mut calendar = 0usize;
            let mut day = first;
            while day <= last && calendar <= MAX_CHOSEN_PERIODS {
                calendar += 1;
                day = g.period_of_day(day).end_day + 1;
            }
            calendar <= MAX_CHOSEN_PERIODS
                && spans.len() as f64 / starts.len() as f64 >= MIN_DOCUMENTS_PER_PERIOD
        };
        [Granularity::Week, Granularity::Month, Granularity::Quarter]
            .into_iter()
            .find(|&g| suits(g))
            .unwrap_or(Granularity::Year)
    }
}

impl fmt::Display for Granularity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Granularity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Granularity::ALL
            .into_iter()
            .find(|g| g.name() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| {
                format!("unknown period \"{s}\" (expected day, week, month, quarter or year)")
            })
    }
}

/// A calendar period: label and first and last day numbers (days since 1970-01-01).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodSpan {
    /// `1938-08-05`, `1938-W31`, `1938-08`, `1938-Q3` or `1938`.
    pub label: String,
    /// First day.
    pub start_day: i64,
    /// Last day (inclusive).
    pub end_day: i64,
}

fn next_month_start(y: i32, m: u8) -> i64 {
    if m == 12 {
        days_from_civil(y + 1, 1, 1)
    } else {
        days_from_civil(y, m + 1, 1)
    }
}

/// ISO 8601 week of a day number: (ISO year, week 1-53, day number of its Monday). The ISO year
/// is the year of the week's Thursday, so 1938-01-01 (a Saturday) is in 1937-W52.
fn iso_week(day: i64) -> (i32, u32, i64) {
    // 1970-01-01 was a Thursday: Monday = 0.
    let weekday = (day + 3).rem_euclid(7);
    let monday = day - weekday;
    let thursday = monday + 3;
    let (iso_year, _, _) = civil_from_days(thursday);
    let week = (thursday - days_from_civil(iso_year, 1, 1)) / 7 + 1;
    (iso_year, week as u32, monday)
}

/// Settings of [`timeline`].
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineParams {
    /// Bootstrap resamples per period.
    pub resamples: usize,
    /// Coverage of the interval (0.90 for a 90% interval).
    pub level: f64,
    /// Seed mixed with each period label.
    pub seed: u64,
    /// Width of the centred smoothing window, in periods (odd; an even value is rounded up).
    pub window: usize,
}

impl Default for TimelineParams {
    fn default() -> Self {
        TimelineParams {
            resamples: 1000,
            level: crate::stats::INTERVAL_LEVEL,
            seed: TIMELINE_SEED,
            window: 3,
        }
    }
}

/// One period of a timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    /// `1938-08-05`, `1938-W31`, `1938-08`, `1938-Q3` or `1938`.
    pub period: String,
    /// First day of the period (days since 1970-01-01), for charts.
    pub start_day: i64,
    /// Last day of the period (inclusive).
    pub end_day: i64,
    /// Number of documents in the period.
    pub documents: usize,
    /// Mean hostility (`null` for an empty period).
    pub hostility: Option<f64>,
    /// Mean rapprochement.
    pub rapprochement: Option<f64>,
    /// Mean uncertainty.
    pub uncertainty: Option<f64>,
    /// Mean tension.
    pub tension: Option<f64>,
    /// Bootstrap interval of each mean (`null` for an empty period).
    pub interval: Option<Intervals>,
    /// Smoothed tension (see [`Timeline::smoothing`]; `null` for an empty period).
    pub smoothed: Option<f64>,
    /// Mean trend (the documents' `trend` feature, -2 worsening to +2 improving; `null` for
    /// an empty period or documents scored without it). No interval.
    pub trend: Option<f64>,
}

impl Period {
    /// The mean of a score by name (`hostility`, `rapprochement`, `uncertainty`, `tension`,
    /// `trend`).
    pub fn mean(&self, score: &str) -> Option<f64> {
        match score {
            "hostility" => self.hostility,
            "rapprochement" => self.rapprochement,
            "uncertainty" => self.uncertainty,
            "tension" => self.tension,
            "trend" => self.trend,
            _ => None,
        }
    }
}

/// An event carried into a timeline, with day numbers for charts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventMark {
    /// The event.
    #[serde(flatten)]
    pub event: Event,
    /// First day covered (days since 1970-01-01).
    pub start_day: i64,
    /// Last day covered.
    pub end_day: i64,
}

/// Scores over time: the output of [`timeline`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// Width of the bins.
    pub by: Granularity,
    /// How `smoothed` is computed, in words.
    pub smoothing: String,
    /// How `interval` is computed, in words.
    pub intervals: String,
    /// True when empty periods between the first and the last are included.
    pub empty_periods: bool,
    /// The periods, in calendar order.
    pub periods: Vec<Period>,
    /// Documents in no period, by reason (only reasons with a count above zero).
    pub left_out: Vec<LeftOut>,
    /// Events overlapping the covered range, in the order of the events file.
    pub events: Vec<EventMark>,
}

impl Timeline {
    /// The period with the highest mean of `score` among periods with at least `min_documents`
    /// documents (the earliest on a tie); `None` for an unknown score or no such period.
    pub fn peak(&self, score: &str, min_documents: usize) -> Option<&Period> {
        let mut best: Option<(&Period, f64)> = None;
        for p in &self.periods {
            if p.documents == 0 || p.documents < min_documents {
                continue;
            }
            if let Some(v) = p.mean(score)
                && best.is_none_or(|(_, b)| v > b)
            {
                best = Some((p, v));
            }
        }
        best.map(|(p, _)| p)
    }

    /// Total number of documents placed in periods.
    pub fn placed(&self) -> usize {
        self.periods.iter().map(|p| p.documents).sum()
    }
}

/// Bin scored documents by `by`, with means, bootstrap intervals, a smoothed tension series,
/// counts of documents left out, and the events that overlap the covered range.
pub fn timeline(
    docs: &[DocScore],
    by: Granularity,
    events: &[Event],
    params: &TimelineParams,
) -> Timeline {
    let (bins, left_out) = bin_documents(docs, by);
    let level = if params.level > 0.0 && params.level < 1.0 {
        params.level
    } else {
        crate::stats::INTERVAL_LEVEL
    };
    let mut filled = period_means(&bins, params, level);
    let half = params.window.max(1) / 2;
    smooth(&mut filled, by, half);
    let (first, last) = match (filled.values().next(), filled.values().next_back()) {
        (Some(f), Some(l)) => (f.start_day, l.end_day),
        _ => (0, -1),
    };
    let (periods, empty_periods) = fill_calendar(filled, by, first, last);
    let events = events
        .iter()
        .filter(|e| first <= last && e.end_day() >= first && e.start_day() <= last)
        .map(|e| EventMark {
            event: e.clone(),
            start_day: e.start_day(),
            end_day: e.end_day(),
        })
        .collect();

    Timeline {
        by,
        smoothing: format!(
            "centred rolling mean of tension over {} {by} periods, weighted by document count; \
             periods without documents are skipped",
            2 * half + 1
        ),
        intervals: format!(
            "bootstrap {:.0}% percentile interval of the mean, {} resamples of the period's \
             documents, fixed seed; one document gives the point itself",
            level * 100.0,
            params.resamples.max(1)
        ),
        empty_periods,
        periods,
        left_out,
        events,
    }
}

/// The documents of one period: its span, each document's scores, and the trends of those
/// that have one.
type Bin = (PeriodSpan, Vec<[f64; 4]>, Vec<f64>);

/// The documents of each period (by first day), and those in no period counted by reason.
fn bin_documents(docs: &[DocScore], by: Granularity) -> (BTreeMap<i64, Bin>, Vec<LeftOut>) {
    let mut bins: BTreeMap<i64, Bin> = BTreeMap::new();
    let (mut undated, mut month_only, mut year_only) = (0usize, 0usize, 0usize);
    let (docs, no_tension) = super::with_tension(docs);
    for d in docs {
        let Some(date) = &d.meta.date else {
            undated += 1;
            continue;
        };
        match by.period_of(date) {
            Ok(span) => {
                let bin = bins
                    .entry(span.start_day)
                    .or_insert_with(|| (span, Vec::new(), Vec::new()));
                bin.1.push(d.scores.to_array());
                if let Some(t) = d.features.get("trend") {
                    bin.2.push(t);
                }
            }
            Err(DatePrecision::Month) => month_only += 1,
            Err(_) => year_only += 1,
        }
    }

    let mut left_out: Vec<LeftOut> = no_tension.into_iter().collect();
    let mut note = |count: usize, reason: String| {
        if count > 0 {
            left_out.push(LeftOut { count, reason });
        }
    };
    note(
        month_only,
        format!("dated only to the month; too coarse for {by} bins (use --by month or coarser)"),
    );
    note(
        year_only,
        format!("dated only to the year; too coarse for {by} bins (use --by year)"),
    );
    note(undated, "undated".to_string());
    (bins, left_out)
}

/// Means, counts and intervals of the periods with documents (not yet smoothed).
fn period_means(
    bins: &BTreeMap<i64, Bin>,
    params: &TimelineParams,
    level: f64,
) -> BTreeMap<i64, Period> {
    let mut filled: BTreeMap<i64, Period> = BTreeMap::new();
    for (start, (span, rows, trends)) in bins {
        let means = column_means(rows);
        let seed = stats::derive_seed(params.seed, &span.label);
        let iv = bootstrap_intervals(rows, &means, params.resamples, level, seed);
        filled.insert(
            *start,
            Period {
                period: span.label.clone(),
                start_day: span.start_day,
                end_day: span.end_day,
                documents: rows.len(),
                hostility: Some(means[0]),
                rapprochement: Some(means[1]),
                uncertainty: Some(means[2]),
                tension: Some(means[3]),
                interval: Some(iv),
                smoothed: None,
                trend: (!trends.is_empty())
                    .then(|| trends.iter().sum::<f64>() / trends.len() as f64),
            },
        );
    }
    filled
}

/// Smoothing over `half` calendar neighbours either side, weighted by document counts.
fn smooth(filled: &mut BTreeMap<i64, Period>, by: Granularity, half: usize) {
    let smoothed: Vec<(i64, f64)> = filled
        .values()
        .map(|p| {
            let mut starts = vec![p.start_day];
            let (mut lo, mut hi) = (p.start_day, p.end_day);
            for _ in 0..half {
                let prev = by.period_of_day(lo - 1);
                let next = by.period_of_day(hi + 1);
                lo = prev.start_day;
                hi = next.end_day;
                starts.push(prev.start_day);
                starts.push(next.start_day);
            }
            let (mut sum, mut weight) = (0.0, 0.0);
            for start in starts {
                if let Some(q) = filled.get(&start)
                    && let Some(t) = q.tension
                {
                    sum += t * q.documents as f64;
                    weight += q.documents as f64;
                }
            }
            (p.start_day, sum / weight)
        })
        .collect();
    for (start, s) in smoothed {
        if let Some(p) = filled.get_mut(&start) {
            p.smoothed = Some(s);
        }
    }
}

/// The periods in calendar order, with the empty periods between the first (day `first`) and
/// the last (ending on day `last`) filled in, unless that is absurdly long; true when filled.
fn fill_calendar(
    mut filled: BTreeMap<i64, Period>,
    by: Granularity,
    first: i64,
    last: i64,
) -> (Vec<Period>, bool) {
    let span_periods = span_count(by, first, last);
    let empty_periods = span_periods <= MAX_FILLED_PERIODS;
    let mut periods = Vec::new();
    if empty_periods && first <= last {
        let mut day = first;
        while day <= last {
            let span = by.period_of_day(day);
            day = span.end_day + 1;
            match filled.remove(&span.start_day) {
                Some(p) => periods.push(p),
                None => periods.push(Period {
                    period: span.label,
                    start_day: span.start_day,
                    end_day: span.end_day,
                    documents: 0,
                    hostility: None,
                    rapprochement: None,
                    uncertainty: None,
                    tension: None,
                    interval: None,
                    smoothed: None,
                    trend: None,
                }),
            }
        }
    } else {
        periods.extend(filled.into_values());
    }
    (periods, empty_periods)
}

/// Roughly how many periods of width `by` lie between two day numbers (an upper bound).
fn span_count(by: Granularity, first: i64, last: i64) -> i64 {
    if first > last {
        return 0;
    }
    let days = last - first + 1;
    match by {
        Granularity::Day => days,
        Granularity::Week => days / 7 + 2,
        Granularity::Month => days / 28 + 2,
        Granularity::Quarter => days / 90 + 2,
        Granularity::Year => days / 365 + 2,
    }
}

fn column_means(rows: &[[f64; 4]]) -> [f64; 4] {
    let mut m = [0.0; 4];
    for r in rows {
        for (a, v) in m.iter_mut().zip(r) {
            *a += v;
        }
    }
    m.map(|s| s / rows.len().max(1) as f64)
}

/// Percentile bootstrap interval of each column mean of `rows` ([`stats::bootstrap_interval_in`],
/// one seed for all four, so the four columns are resampled by the same draws of documents),
/// widened if need be to hold the mean itself. A single document gives the mean as both bounds.
fn bootstrap_intervals(
    rows: &[[f64; 4]],
    means: &[f64; 4],
    resamples: usize,
    level: f64,
    seed: u64,
) -> Intervals {
    let (mut idx, mut values) = (
        Vec::with_capacity(rows.len()),
        Vec::with_capacity(resamples),
    );
    let out: [Interval; 4] = std::array::from_fn(|col| {
        let mean = means[col];
        let column_mean = |draw: &[usize]| {
            let sum: f64 = draw.iter().map(|&i| rows[i][col]).sum();
            Some(sum / rows.len() as f64)
        };
        let bounds = (rows.len() > 1)
            .then(|| {
                stats::bootstrap_interval_in(
                    &mut idx,
                    &mut values,
                    rows.len(),
                    resamples.max(1),
                    seed,
                    level,
                    column_mean,
                )
            })
            .flatten();
        bounds.map_or(
            Interval {
                low: mean,
                high: mean,
            },
            |(low, high)| Interval {
                low: low.min(mean),
                high: high.max(mean),
            },
        )
    });
    Intervals {
        hostility: out[0],
        rapprochement: out[1],
        uncertainty: out[2],
        tension: out[3],
    }
}

fn fmt_opt(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |x| format!("{x:.2}"))
}

/// A human-readable table: one row per period, then the documents left out and the events.
pub fn render_table(t: &Timeline) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<10} {:>5} {:>9} {:>13} {:>11} {:>7} {:>15} {:>8} {:>6}",
        "period",
        "docs",
        "hostility",
        "rapprochement",
        "uncertainty",
        "tension",
        "tension 90%",
        "smoothed",
        "trend"
    );
    for p in &t.periods {
        let iv = p.interval.map_or_else(
            || "-".to_string(),
            |i| format!("{:.2}-{:.2}", i.tension.low, i.tension.high),
        );
        let _ = writeln!(
            s,
            "{:<10} {:>5} {:>9} {:>13} {:>11} {:>7} {:>15} {:>8} {:>6}",
            p.period,
            p.documents,
            fmt_opt(p.hostility),
            fmt_opt(p.rapprochement),
            fmt_opt(p.uncertainty),
            fmt_opt(p.tension),
            iv,
            fmt_opt(p.smoothed),
            fmt_opt(p.trend)
        );
    }
    let _ = writeln!(s, "smoothed: {}", t.smoothing);
    for l in &t.left_out {
        let _ = writeln!(s, "left out: {} {}", l.count, l.reason);
    }
    for e in &t.events {
        match &e.event.end {
            Some(end) => {
                let _ = writeln!(s, "event: {} to {} {}", e.event.start, end, e.event.label);
            }
            None => {
                let _ = writeln!(s, "event: {} {}", e.event.start, e.event.label);
            }
        }
    }
    s
}

/// A day number as an ISO 8601 date (`1938-07-29`).
fn iso_day(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    PartialDate::ymd(y, m, d).to_string()
}

/// CSV, one row per period: label, first and last day (ISO 8601 dates, so that a spreadsheet,
/// R or pandas read them as dates), count, the four means with their interval bounds, the
/// smoothed tension and the mean trend. Empty cells for empty periods.
pub fn render_csv(t: &Timeline) -> String {
    let mut header = vec![
        "period".to_string(),
        "start_day".into(),
        "end_day".into(),
        "documents".into(),
    ];
    for n in Scores::NAMES {
        header.extend([n.to_string(), format!("{n}_low"), format!("{n}_high")]);
    }
    header.extend(["smoothed".to_string(), "trend".into()]);
    let mut table = Table::new(header);
    let num = |v: Option<f64>| v.map_or_else(String::new, |x| x.to_string());
    for p in &t.periods {
        let mut row = vec![
            p.period.clone(),
            iso_day(p.start_day),
            iso_day(p.end_day),
            p.documents.to_string(),
        ];
        let ivs = p
            .interval
            .map(|i| [i.hostility, i.rapprochement, i.uncertainty, i.tension]);
        for (i, n) in Scores::NAMES.iter().enumerate() {
            let iv = ivs.map(|a| a[i]);
            row.extend([
                num(p.mean(n)),
                num(iv.map(|x| x.low)),
                num(iv.map(|x| x.high)),
            ]);
        }
        row.extend([num(p.smoothed), num(p.trend)]);
        table.row(row);
    }
    table.finish()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::corpus::DocMeta;
    use crate::score::Features;

    /// A scored document with only what analysis reads.
    pub(crate) fn doc(
        id: &str,
        date: Option<&str>,
        scores: [f64; 4],
        features: (&'static [&'static str], Vec<f64>),
    ) -> DocScore {
        DocScore {
            id: id.to_string(),
            dyad: None,
            meta: DocMeta {
                date: date.map(|d| PartialDate::parse(d).unwrap()),
                ..DocMeta::default()
            },
            tokens: 100,
            sentences: 5,
            scores: Scores {
                hostility: scores[0],
                rapprochement: scores[1],
                uncertainty: scores[2],
                tension: scores[3],
            },
            relevance: 1.0,
            interval: Intervals::default(),
            features: Features {
                names: features.0,
                values: features.1,
            },
            cluster: None,
            distance: None,
            hits: None,
        }
    }

    fn dated(id: &str, date: &str, h: f64) -> DocScore {
        doc(id, Some(date), [h, 1.0, 0.5, h / 2.0], (&[], vec![]))
    }

    fn run(docs: &[DocScore], by: Granularity) -> Timeline {
        timeline(docs, by, &[], &TimelineParams::default())
    }

    /// A period's trend is the mean of its documents' trend features; a period whose documents
    /// have none (scored without it) says so with no value, in JSON, CSV and the table.
    #[test]
    fn periods_average_the_trend() {
        const T: &[&str] = &["trend"];
        let docs = [
            doc(
                "a",
                Some("1938-07-30"),
                [50.0, 0.0, 1.0, 8.0],
                (T, vec![-2.0]),
            ),
            doc(
                "b",
                Some("1938-07-31"),
                [40.0, 5.0, 1.0, 7.0],
                (T, vec![-1.0]),
            ),
            doc(
                "c",
                Some("1938-08-12"),
                [5.0, 40.0, 1.0, 4.0],
                (T, vec![1.5]),
            ),
            doc("d", Some("1938-09-01"), [1.0, 1.0, 1.0, 3.0], (&[], vec![])),
        ];
        let t = run(&docs, Granularity::Month);
        let by: Vec<(&str, Option<f64>)> = t
            .periods
            .iter()
            .map(|p| (p.period.as_str(), p.trend))
            .collect();
        assert_eq!(
            by,
            [
                ("1938-07", Some(-1.5)),
                ("1938-08", Some(1.5)),
                ("1938-09", None)
            ]
        );
        assert_eq!(t.periods[0].mean("trend"), Some(-1.5));
        let csv = render_csv(&t);
        assert!(
            csv.lines().next().unwrap().ends_with(",smoothed,trend"),
            "{csv}"
        );
        assert!(csv.lines().nth(1).unwrap().ends_with(",-1.5"), "{csv}");
        // the period's first and last day are dates, not day numbers
        assert!(
            csv.lines()
                .nth(2)
                .unwrap()
                .starts_with("1938-08,1938-08-01,1938-08-31,1,"),
            "{csv}"
        );
        assert!(csv.lines().nth(3).unwrap().ends_with(','), "{csv}");
        assert!(render_table(&t).lines().next().unwrap().ends_with("trend"));
    }

    /// Issue 16, defect 3: the period follows the corpus: a decade of scattered reports by
    /// quarter or year, a crisis year by month, three weeks of daily telegrams by week.
    #[test]
    fn period_is_chosen_from_span_and_density() {
        let parse = |v: Vec<String>| -> Vec<PartialDate> {
            v.iter().map(|d| PartialDate::parse(d).unwrap()).collect()
        };
        // a decade, about one report a month, some only to the month
        let decade = parse(
            (0..120)
                .map(|i| {
                    let (y, m) = (1931 + i / 12, i % 12 + 1);
                    if i % 3 == 0 {
                        format!("{y}-{m:02}")
                    } else {
                        format!("{y}-{m:02}-15")
                    }
                })
                .collect(),
        );
        let by = Granularity::for_dates(&decade);
        assert!(
            matches!(by, Granularity::Quarter | Granularity::Year),
            "{by}"
        );
        // a crisis year: six reports a month
        let year = parse(
            (0..72)
                .map(|i| format!("1938-{:02}-{:02}", i / 6 + 1, i % 6 * 4 + 2))
                .collect(),
        );
        assert_eq!(Granularity::for_dates(&year), Granularity::Month);
        // three weeks, four telegrams a day
        let weeks = parse(
            (0..84)
                .map(|i| format!("1938-08-{:02}", i / 4 + 1))
                .collect(),
        );
        assert_eq!(Granularity::for_dates(&weeks), Granularity::Week);
        // nothing dated: month, the old default
        assert_eq!(Granularity::for_dates(&[]), Granularity::Month);
    }

    #[test]
    fn iso_week_labels_at_year_boundaries() {
        let label = |y, m, d| {
            Granularity::Week
                .period_of_day(days_from_civil(y, m, d))
                .label
        };
        assert_eq!(label(1938, 1, 1), "1937-W52");
        assert_eq!(label(1938, 1, 3), "1938-W01");
        assert_eq!(label(1937, 1, 1), "1936-W53");
        assert_eq!(label(1936, 12, 31), "1936-W53");
        assert_eq!(label(1941, 12, 29), "1942-W01");
        assert_eq!(label(1938, 8, 5), "1938-W31");
        let w = Granularity::Week.period_of_day(days_from_civil(1938, 8, 5));
        assert_eq!(w.start_day, days_from_civil(1938, 8, 1)); // a Monday
        assert_eq!(w.end_day, days_from_civil(1938, 8, 7));
    }

    #[test]
    fn period_labels_for_each_granularity() {
        let day = days_from_civil(1938, 8, 5);
        let labels: Vec<String> = Granularity::ALL
            .iter()
            .map(|g| g.period_of_day(day).label)
            .collect();
        assert_eq!(
            labels,
            ["1938-08-05", "1938-W31", "1938-08", "1938-Q3", "1938"]
        );
        let q4 = Granularity::Quarter.period_of_day(days_from_civil(1939, 12, 31));
        assert_eq!(q4.label, "1939-Q4");
        assert_eq!(q4.start_day, days_from_civil(1939, 10, 1));
        assert_eq!(
            Granularity::Quarter
                .period_of_day(days_from_civil(1940, 1, 1))
                .label,
            "1940-Q1"
        );
        assert_eq!("Quarter".parse::<Granularity>(), Ok(Granularity::Quarter));
        assert!(
            "fortnight"
                .parse::<Granularity>()
                .unwrap_err()
                .contains("quarter")
        );
    }

    #[test]
    fn partial_dates_are_binned_by_month_and_left_out_of_weeks() {
        let docs = vec![
            dated("a", "1938-07-30", 4.0),
            dated("b", "1938-07", 2.0),
            dated("c", "1938-08-02", 6.0),
            dated("d", "1938", 1.0),
            doc("e", None, [1.0; 4], (&[], vec![])),
        ];
        let m = run(&docs, Granularity::Month);
        let labels: Vec<&str> = m.periods.iter().map(|p| p.period.as_str()).collect();
        assert_eq!(labels, ["1938-07", "1938-08"]);
        assert_eq!(m.periods[0].documents, 2);
        assert_eq!(m.periods[0].hostility, Some(3.0));
        assert_eq!(m.placed(), 3);
        assert_eq!(m.left_out.len(), 2);
        assert_eq!((m.left_out[0].count, m.left_out[1].count), (1, 1));
        assert!(m.left_out[0].reason.contains("year"));
        assert_eq!(m.left_out[1].reason, "undated");

        let w = run(&docs, Granularity::Week);
        assert_eq!(w.placed(), 2);
        assert_eq!(w.periods.len(), 2);
        assert_eq!(w.periods[0].period, "1938-W30");
        assert_eq!(w.periods[1].period, "1938-W31");
        let month_only = w
            .left_out
            .iter()
            .find(|l| l.reason.contains("month"))
            .unwrap();
        assert_eq!(month_only.count, 1);

        let y = run(&docs, Granularity::Year);
        assert_eq!(y.placed(), 4);
        assert_eq!(
            y.left_out,
            vec![LeftOut {
                count: 1,
                reason: "undated".into()
            }]
        );
    }

    #[test]
    fn empty_periods_between_are_emitted() {
        let docs = vec![dated("a", "1938-01-10", 1.0), dated("b", "1938-04-02", 2.0)];
        let t = run(&docs, Granularity::Month);
        let labels: Vec<&str> = t.periods.iter().map(|p| p.period.as_str()).collect();
        assert_eq!(labels, ["1938-01", "1938-02", "1938-03", "1938-04"]);
        assert_eq!(t.periods[1].documents, 0);
        assert_eq!(t.periods[1].hostility, None);
        assert_eq!(t.periods[1].smoothed, None);
        assert!(t.empty_periods);
        let json = serde_json::to_value(&t).unwrap();
        assert!(json["periods"][1]["tension"].is_null());
        assert_eq!(json["by"], "month");
        assert!(json["smoothing"].as_str().unwrap().contains("rolling mean"));
    }

    #[test]
    fn interval_contains_mean_and_is_reproducible() {
        let docs: Vec<DocScore> = (0..12)
            .map(|i| dated(&format!("d{i}"), "1938-08-05", (i * i % 7) as f64))
            .collect();
        let a = run(&docs, Granularity::Month);
        let b = run(&docs, Granularity::Month);
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&b).unwrap()
        );
        let p = &a.periods[0];
        let iv = p.interval.unwrap().hostility;
        let mean = p.hostility.unwrap();
        assert!(iv.low <= mean && mean <= iv.high);
        assert!(iv.low < iv.high, "12 varied documents give a real interval");
        // One document: the interval is the point.
        let one = run(&docs[..1], Granularity::Month);
        let iv = one.periods[0].interval.unwrap().tension;
        assert_eq!((iv.low, iv.high), (0.0, 0.0));
    }

    #[test]
    fn adding_a_period_elsewhere_keeps_intervals() {
        let mut docs: Vec<DocScore> = (0..6)
            .map(|i| dated(&format!("d{i}"), "1938-08-05", i as f64))
            .collect();
        let before = run(&docs, Granularity::Month).periods[0].interval;
        docs.push(dated("x", "1938-02-01", 9.0));
        let t = run(&docs, Granularity::Month);
        let aug = t.periods.iter().find(|p| p.period == "1938-08").unwrap();
        assert_eq!(aug.interval, before);
    }

    #[test]
    fn smoothing_is_weighted_by_counts() {
        let docs = vec![
            dated("a", "1938-01-05", 2.0),  // tension 1
            dated("b", "1938-02-05", 6.0),  // tension 3
            dated("c", "1938-02-06", 6.0),  // tension 3
            dated("d", "1938-03-05", 10.0), // tension 5
        ];
        let t = run(&docs, Granularity::Month);
        let s: Vec<f64> = t.periods.iter().map(|p| p.smoothed.unwrap()).collect();
        assert_eq!(
            s,
            [
                (1.0 + 6.0) / 3.0,
                (1.0 + 6.0 + 5.0) / 4.0,
                (6.0 + 5.0) / 3.0
            ]
        );
    }

    #[test]
    fn peak_is_found_on_a_constructed_series() {
        let mut docs = Vec::new();
        for (m, h) in [(5, 1.0), (6, 1.5), (7, 6.0), (8, 4.0), (9, 0.5)] {
            for k in 0..3 {
                docs.push(dated(
                    &format!("{m}-{k}"),
                    &format!("1938-{m:02}-1{k}"),
                    h + k as f64 * 0.1,
                ));
            }
        }
        docs.push(dated("lone", "1938-10-01", 50.0));
        let t = run(&docs, Granularity::Month);
        assert_eq!(t.peak("hostility", 1).unwrap().period, "1938-10");
        assert_eq!(t.peak("hostility", 2).unwrap().period, "1938-07");
        assert!(t.peak("bogus", 1).is_none());
    }

    #[test]
    fn events_in_range_are_carried() {
        let events = crate::analysis::events::builtin_events();
        let docs = vec![dated("a", "1938-07-01", 1.0), dated("b", "1938-09-30", 1.0)];
        let t = timeline(
            &docs,
            Granularity::Month,
            &events,
            &TimelineParams::default(),
        );
        let labels: Vec<&str> = t.events.iter().map(|e| e.event.label.as_str()).collect();
        assert_eq!(labels, ["Changkufeng (Lake Khasan) fighting"]);
        let json = serde_json::to_value(&t).unwrap();
        assert_eq!(json["events"][0]["start"], "1938-07-29");
        assert_eq!(json["events"][0]["end"], "1938-08-11");
    }

    #[test]
    fn table_and_csv_have_one_row_per_period() {
        let docs = vec![dated("a", "1938-01-10", 1.0), dated("b", "1938-03-02", 2.0)];
        let t = run(&docs, Granularity::Month);
        let csv = render_csv(&t);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 4);
        assert!(lines[0].starts_with("period,start_day,end_day,documents,hostility,hostility_low"));
        assert!(lines[2].starts_with("1938-02,"));
        assert_eq!(lines[2].split(',').count(), lines[0].split(',').count());
        let table = render_table(&t);
        assert!(table.contains("1938-03"));
        assert!(table.contains("smoothed: centred rolling mean"));
    }

    #[test]
    fn no_documents_gives_empty_timeline() {
        let t = run(&[], Granularity::Week);
        assert!(t.periods.is_empty());
        assert!(t.left_out.is_empty());
    }
}
