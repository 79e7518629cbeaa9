//! The date axis of the time charts: its range, the month starts it labels, and the extent of a
//! date known only to the month or year.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::Drawn;
use super::theme::{GRID, INK, MUTED, Plot, Theme, padded_range, pixel};
use crate::corpus::{DatePrecision, civil_from_days, days_from_civil, days_in_month};
use crate::report::data::PeriodPoint;

/// A date axis: range in day numbers and the month starts to label.
pub(super) struct TimeAxis {
    pub(super) lo: f64,
    pub(super) hi: f64,
    ticks: Vec<f64>,
    step_months: i64,
}

/// Month index (year*12 + month-1) of a day number.
fn month_index(day: f64) -> i64 {
    let (y, m, _) = civil_from_days(day.floor() as i64);
    y as i64 * 12 + (m as i64 - 1)
}

fn month_start(index: i64) -> i64 {
    let y = index.div_euclid(12) as i32;
    let m = (index.rem_euclid(12) + 1) as u8;
    days_from_civil(y, m, 1)
}

/// First and one-past-last day of the month or year a document's date covers.
pub(super) fn date_extent(day: f64, precision: DatePrecision) -> (f64, f64) {
    let (y, m, _) = civil_from_days(day.floor() as i64);
    match precision {
        DatePrecision::Day => (day, day),
        DatePrecision::Month => {
            let s = days_from_civil(y, m, 1) as f64;
            (s, s + days_in_month(y, m) as f64)
        }
        DatePrecision::Year => (
            days_from_civil(y, 1, 1) as f64,
            days_from_civil(y + 1, 1, 1) as f64,
        ),
    }
}

/// How many date labels fit across a plot `plot_w` pixels wide.
pub(super) fn ticks_that_fit(plot_w: u32, th: Theme) -> usize {
    ((plot_w as f64 - 100.0) / (th.tick() * 5.2 * 1.7)) as usize
}

/// The axis covering `days` (padded a little, at least four weeks), labelled at month starts
/// spaced so that at most `max_ticks` labels are drawn.
pub(super) fn time_axis(days: &[f64], max_ticks: usize) -> TimeAxis {
    let (mut lo, mut hi) = padded_range(days.iter().copied(), 0.0, 0.0, (f64::NAN, f64::NAN));
    if !lo.is_finite() {
        lo = days_from_civil(1970, 1, 1) as f64;
        hi = lo + 365.0;
    }
    if hi - lo < 28.0 {
        let mid = (lo + hi) / 2.0;
        lo = mid - 14.0;
        hi = mid + 14.0;
    }
    let pad = (hi - lo) * 0.02;
    lo -= pad;
    hi += pad;
    let max_ticks = max_ticks.max(2) as i64;
    let first = month_index(lo);
    let last = month_index(hi) + 1;
    let months = last - first;
    let step = [1i64, 2, 3, 6, 12, 24, 60, 120, 240, 600]
        .into_iter()
        .find(|s| months / s <= max_ticks)
        .unwrap_or(1200);
    let mut ticks = Vec::new();
    let mut i = first - first.rem_euclid(step);
    while i <= last {
        let d = month_start(i) as f64;
        if d >= lo && d <= hi {
            ticks.push(d);
        }
        i += step;
    }
    TimeAxis {
        lo,
        hi,
        ticks,
        step_months: step,
    }
}

/// Draw the date ticks of `axis`: a light vertical grid line across the plot and a label under
/// the axis at each tick. (Done by hand: plotters' key-point axis has no label formatter.)
pub(super) fn draw_time_ticks<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    axis: &TimeAxis,
    (ymin, ymax): (f64, f64),
    th: Theme,
) -> Drawn {
    let style = th
        .text(th.tick(), &INK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let tick = th.len(5.0, 3.0);
    for &d in &axis.ticks {
        chart.plotting_area().draw(&PathElement::new(
            vec![(d, ymin), (d, ymax)],
            GRID.stroke_width(1),
        ))?;
        let (px, py) = pixel(area, chart, (d, ymin));
        area.draw(&PathElement::new(
            vec![(px, py), (px, py + tick)],
            MUTED.stroke_width(1),
        ))?;
        area.draw_text(
            &format_tick_day(d, axis.step_months),
            &style,
            (px, py + tick + 3),
        )?;
    }
    Ok(())
}

fn format_tick_day(day: f64, step_months: i64) -> String {
    let (y, m, _) = civil_from_days(day.round() as i64);
    if step_months >= 12 {
        format!("{y}")
    } else {
        format!("{y}-{m:02}")
    }
}

/// The days covered by runs of adjacent periods: `[first day, one past the last day)` of each
/// run of `periods` (in order) with no empty period between them.
fn runs(periods: &[&PeriodPoint]) -> Vec<(f64, f64)> {
    let mut out: Vec<(i64, i64)> = Vec::new();
    for p in periods {
        match out.last_mut() {
            Some(last) if p.start_day <= last.1 + 1 => last.1 = last.1.max(p.end_day),
            _ => out.push((p.start_day, p.end_day)),
        }
    }
    out.into_iter()
        .map(|(a, b)| (a as f64, b as f64 + 1.0))
        .collect()
}

/// `points` (by day, in order, finite) cut where a period without documents lies between two
/// neighbours, so that no line is drawn across a gap in the record. Two neighbours stay
/// joined when one run of adjacent `periods` holds both (or when no periods are known).
pub(super) fn unbroken(points: &[(f64, f64)], periods: &[&PeriodPoint]) -> Vec<Vec<(f64, f64)>> {
    let runs = runs(periods);
    let run_of = |x: f64| runs.iter().position(|&(a, b)| x >= a && x < b);
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    for &p in points {
        let joined = match out.last().and_then(|l| l.last()) {
            Some(prev) => {
                runs.is_empty() || (run_of(prev.0).is_some() && run_of(prev.0) == run_of(p.0))
            }
            None => false,
        };
        match out.last_mut() {
            Some(line) if joined => line.push(p),
            _ => out.push(vec![p]),
        }
    }
    out
}
