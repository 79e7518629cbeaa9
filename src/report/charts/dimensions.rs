//! Chart 2: hostility, rapprochement and uncertainty, the period means over time.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::theme::{
    Axis, Legend, Margins, Plot, Shape, Theme, capitalise, finite, frame, marker, message,
    padded_range, pixel, plot,
};
use super::time::{draw_time_ticks, ticks_that_fit, time_axis, unbroken};
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

/// The score range drawn: from 0 (or below, if a mean is) to a little above the largest mean.
fn y_range(periods: &[&PeriodPoint]) -> (f64, f64) {
    let values: Vec<f64> = periods
        .iter()
        .flat_map(|p| Dimension::ALL.map(|d| p.mean.get(d)))
        .collect();
    let (_, hi) = padded_range(values.iter().copied(), 0.0, 0.0, (0.0, 1.0));
    let lo = values
        .iter()
        .copied()
        .filter_map(finite)
        .fold(0.0f64, f64::min);
    let hi = if hi - lo < 1e-9 {
        lo + 1.0
    } else {
        hi + (hi - lo) * 0.08
    };
    (lo, hi)
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
        let (lo, hi) = y_range(&periods);
        let chart = plot(
            &f.plot,
            th,
            Margins::standard(th),
            (axis.lo..axis.hi, lo..hi),
            (
                Axis::bare(Some("Period (mid-point)")),
                Axis::new("Score (points per 1,000 words)", 6, (hi - lo) / 6.0),
            ),
            th.label(),
        )?;
        draw_time_ticks(area, &chart, &axis, (lo, hi), th)?;
        draw_lines(area, &chart, &periods, th)?;
        f.legend(&legend(&periods), th.top())
    }
}

/// Each dimension's period means, joined by a line.
fn draw_lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    periods: &[&PeriodPoint],
    th: Theme,
) -> Drawn {
    let r = th.len(5.0, 3.0);
    for (k, d) in Dimension::ALL.into_iter().enumerate() {
        let colour = dimension_colour(d);
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
        for p in pts {
            marker(area, pixel(area, chart, p), SHAPES[k], r, colour, true)?;
        }
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
    let n: usize = periods.iter().map(|p| p.documents).sum();
    entries.push(Legend::Note(format!(
        "{} periods, {n} documents",
        periods.len()
    )));
    entries
}
