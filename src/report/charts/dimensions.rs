//! Chart 2: hostility, rapprochement and uncertainty, the period means over time.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::theme::{
    Axis, Legend, MUTED, Margins, Plot, Shape, Theme, capitalise, finite, frame, marker, message,
    pixel, plot,
};
use super::time::{draw_time_ticks, ticks_that_fit, time_axis, unbroken};
use super::tips::tip;
use super::{Draw, Drawn, dimension_colour};
use crate::dimension::Dimension;
use crate::report::data::{PeriodPoint, TimelineChart};

/// Chart 2: hostility, rapprochement and uncertainty period means over time.
pub struct DimensionsChart<'a>(pub &'a TimelineChart);

/// One shape per dimension, in [`Dimension::ALL`] order.
const SHAPES: [Shape; 3] = [Shape::Circle, Shape::Triangle, Shape::Square];

/// The middle day of a period.
fn mid(p: &PeriodPoint) -> f64 {
    (p.start_day as f64 + p.end_day as f64 + 1.0) / 2.0
}

/// The score range of one dimension: from 0 (or below, if a bound is) to a little above the
/// highest interval bound.
fn y_range(periods: &[&PeriodPoint], d: Dimension) -> (f64, f64) {
    let values: Vec<f64> = periods
        .iter()
        .flat_map(|p| [p.mean.get(d), p.low.get(d), p.high.get(d)])
        .filter_map(finite)
        .collect();
    let lo = values.iter().copied().fold(0.0f64, f64::min);
    let hi = values.iter().copied().fold(lo, f64::max);
    if hi - lo < 1e-9 {
        (lo, lo + 1.0)
    } else {
        (lo, hi + (hi - lo) * 0.08)
    }
}

impl Draw for DimensionsChart<'_> {
    fn name(&self) -> &'static str {
        "dimensions"
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn {
        let t = self.0;
        let f = frame(
            area,
            "Hostility, rapprochement and uncertainty over time",
            Some(0.2),
        )?;
        let th = f.theme;
        let periods: Vec<_> = t.periods.iter().filter(|p| p.documents > 0).collect();
        if periods.is_empty() {
            return message(&f.plot, th, "No periods with documents to draw");
        }
        let mut days: Vec<f64> = Vec::new();
        for p in &periods {
            days.extend([p.start_day as f64, p.end_day as f64 + 1.0]);
        }
        let axis = time_axis(&days, ticks_that_fit(f.plot.dim_in_pixel().0, th));
        // one panel per dimension, each on its own scale: hostility runs to tens of points
        // where rapprochement and uncertainty stay at a few, and would be flattened
        let panels = f.plot.split_evenly((Dimension::ALL.len(), 1));
        for (k, (d, panel)) in Dimension::ALL.into_iter().zip(&panels).enumerate() {
            let (lo, hi) = y_range(&periods, d);
            let last = k + 1 == Dimension::ALL.len();
            let desc = format!("{} {}", capitalise(d.name()), d.unit());
            let chart = plot(
                panel,
                th,
                Margins::standard(th),
                (axis.lo..axis.hi, lo..hi),
                (
                    Axis::bare(last.then_some("Period (mid-point)")),
                    Axis::new(&desc, 4, (hi - lo) / 4.0),
                ),
                th.tick(),
            )?;
            draw_time_ticks(area, &chart, &axis, (lo, hi), th)?;
            draw_series(area, &chart, &periods, (k, d), th)?;
        }
        f.legend(&legend(&periods), th.top())
    }
}

/// A period's interval of `d` as a bar: only when both bounds are finite and apart (the
/// interval of a single document is its own score, and shows nothing).
fn interval_bar(p: &PeriodPoint, d: Dimension) -> Option<(f64, f64)> {
    let (l, h) = (finite(p.low.get(d))?, finite(p.high.get(d))?);
    (h > l).then_some((l, h))
}

/// One dimension's period means, joined by a line, with their intervals as bars.
fn draw_series<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    periods: &[&PeriodPoint],
    (k, d): (usize, Dimension),
    th: Theme,
) -> Drawn {
    let r = th.len(5.0, 3.0);
    let colour = dimension_colour(d);
    for p in periods {
        if let Some((l, h)) = interval_bar(p, d) {
            chart.plotting_area().draw(&PathElement::new(
                vec![(mid(p), l), (mid(p), h)],
                colour.mix(0.45).stroke_width(th.len(3.0, 2.0) as u32),
            ))?;
        }
    }
    let pts: Vec<(f64, f64)> = periods
        .iter()
        .filter_map(|p| finite(p.mean.get(d)).map(|v| (mid(p), v)))
        .collect();
    // a line joins adjacent periods only, never across a period without documents
    for line in unbroken(&pts, periods) {
        if line.len() >= 2 {
            chart.plotting_area().draw(&PathElement::new(
                line,
                colour.stroke_width(th.len(2.5, 2.0) as u32),
            ))?;
        }
    }
    for p in periods {
        let Some(v) = finite(p.mean.get(d)) else {
            continue;
        };
        let px = pixel(area, chart, (mid(p), v));
        marker(area, px, SHAPES[k], r, colour, true)?;
        tip(
            area,
            px,
            r,
            format!(
                "{}: {} {v:.2} [{:.2}, {:.2}], {} documents",
                p.label,
                d.name(),
                p.low.get(d),
                p.high.get(d),
                p.documents
            ),
        );
    }
    Ok(())
}

fn legend(periods: &[&PeriodPoint]) -> Vec<Legend> {
    let mut entries = vec![Legend::Heading("Mean per period".into())];
    for (k, d) in Dimension::ALL.into_iter().enumerate() {
        entries.push(Legend::Marker {
            shape: SHAPES[k],
            colour: dimension_colour(d),
            filled: true,
            bar: true,
            label: capitalise(d.name()),
        });
    }
    // the key names the bars only where one is drawn
    let bars = periods.iter().any(|p| {
        Dimension::ALL
            .into_iter()
            .any(|d| interval_bar(p, d).is_some())
    });
    if bars {
        entries.push(Legend::Line {
            colour: MUTED,
            width: 3,
            label: "90% interval of the period's mean".into(),
        });
    }
    let n: usize = periods.iter().map(|p| p.documents).sum();
    entries.push(Legend::Note(format!(
        "Each panel has its own scale. {} periods, {n} documents",
        periods.len()
    )));
    entries
}
