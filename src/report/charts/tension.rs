//! Chart 1: tension over time: documents by author, period means with their intervals, the
//! smoothed curve, and the events, each drawn as its own layer.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::theme::{
    Axis, INK, Legend, MUTED, Margins, OTHER, PALETTE, Plot, SHAPES, Shape, Theme, author_display,
    finite, frame, marker, message, pixel, plot, shorten_to_width, text_width,
};
use super::time::{TimeAxis, date_extent, draw_time_ticks, ticks_that_fit, time_axis};
use super::{Draw, Drawn, TENSION};
use crate::corpus::DatePrecision;
use crate::report::data::{EventMark, TimelineChart};

/// Chart 1: tension over time (documents by author, period means with intervals, the smoothed
/// curve, events).
pub struct TensionChart<'a>(pub &'a TimelineChart);

/// Authors in legend order: the most prolific first (ties by name); past the palette, the rest
/// share one grey "other authors" entry so the legend stays readable.
fn author_styles(t: &TimelineChart) -> (Vec<(String, usize)>, usize) {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for d in &t.docs {
        *counts.entry(d.author.as_str()).or_default() += 1;
    }
    let mut list: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(a, n)| (a.to_string(), n))
        .collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let keep = if list.len() > PALETTE.len() {
        PALETTE.len() - 1
    } else {
        list.len()
    };
    let others = list[keep..].iter().map(|(_, n)| n).sum();
    list.truncate(keep);
    (list, others)
}

/// The days the x axis must cover: documents (with the span of their dates), periods, events
/// and the curve.
fn x_days(t: &TimelineChart) -> Vec<f64> {
    let mut days: Vec<f64> = Vec::new();
    for d in &t.docs {
        if finite(d.day).is_some() && finite(d.tension).is_some() {
            let (a, b) = date_extent(d.day, d.precision);
            days.extend([a, b]);
        }
    }
    for p in t.periods.iter().filter(|p| p.documents > 0) {
        days.extend([p.start_day as f64, p.end_day as f64 + 1.0]);
    }
    for e in &t.events {
        days.extend([e.start_day as f64, e.end_day as f64 + 1.0]);
    }
    days.extend(t.smoothed.iter().map(|p| p.0));
    days
}

/// The tension range drawn: at least 0 to 10, wider when a value or interval lies outside.
fn y_range(t: &TimelineChart) -> (f64, f64) {
    let ymax = t
        .docs
        .iter()
        .map(|d| d.tension)
        .chain(t.periods.iter().map(|p| p.high.tension))
        .chain(t.smoothed.iter().map(|p| p.1))
        .filter_map(finite)
        .fold(10.0f64, f64::max);
    let ymin = t
        .docs
        .iter()
        .map(|d| d.tension)
        .chain(t.periods.iter().map(|p| p.low.tension))
        .filter_map(finite)
        .fold(0.0f64, f64::min);
    (ymin, ymax)
}

/// Event labels sit in rows above the plot, never over the data.
struct EventRows<'e> {
    events: Vec<&'e EventMark>,
    rows: usize,
    row_h: i32,
    style: TextStyle<'static>,
}

fn event_rows(t: &TimelineChart, th: Theme) -> EventRows<'_> {
    let label_font = th.small();
    let mut events: Vec<&EventMark> = t.events.iter().collect();
    events.sort_by(|a, b| a.start_day.cmp(&b.start_day).then(a.label.cmp(&b.label)));
    EventRows {
        rows: events.len().min(3),
        events,
        row_h: (label_font * 1.5).round() as i32,
        style: th
            .text(label_font, &INK)
            .pos(Pos::new(HPos::Left, VPos::Center)),
    }
}

impl Draw for TensionChart<'_> {
    fn name(&self) -> &'static str {
        "tension"
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn {
        let t = self.0;
        let title = if t.title.is_empty() {
            "Tension over time"
        } else {
            &t.title
        };
        let f = frame(area, title, Some(0.22))?;
        let th = f.theme;
        let days = x_days(t);
        if days.iter().all(|d| !d.is_finite()) {
            return message(&f.plot, th, "No dated documents to draw");
        }
        let axis = time_axis(&days, ticks_that_fit(f.plot.dim_in_pixel().0, th));
        let (ymin, ymax) = y_range(t);
        let ev = event_rows(t, th);
        let top_margin = th.top() + ev.rows as i32 * ev.row_h;
        let chart = plot(
            &f.plot,
            th,
            Margins {
                top: top_margin,
                ..Margins::standard(th)
            },
            (axis.lo..axis.hi, ymin..ymax),
            (
                Axis::bare(Some("Date of document")),
                Axis::new("Tension index (0-10)", 6, 1.0),
            ),
            th.label(),
        )?;
        draw_time_ticks(area, &chart, &axis, (ymin, ymax), th)?;
        draw_event_marks(&chart, &ev.events, (ymin, ymax))?;
        draw_event_labels(area, &chart, &axis, &ev, ymax, th)?;
        draw_periods(&chart, t, th)?;
        let (any_month, any_year) = draw_documents(area, &chart, t, th)?;
        draw_curve(&chart, t)?;
        f.legend(&legend(t, th, any_month, any_year), top_margin)
    }
}

/// Events: ranges shaded, single days as a dashed line.
fn draw_event_marks<DB: DrawingBackend>(
    chart: &Plot<DB>,
    events: &[&EventMark],
    (ymin, ymax): (f64, f64),
) -> Drawn {
    let plot_area = chart.plotting_area();
    for e in events {
        let (a, b) = (e.start_day as f64, e.end_day as f64 + 1.0);
        if e.end_day > e.start_day {
            plot_area.draw(&Rectangle::new(
                [(a, ymin), (b, ymax)],
                RGBColor(0x70, 0x70, 0x70).mix(0.12).filled(),
            ))?;
        } else {
            let x = (a + b) / 2.0;
            plot_area.draw(&DashedPathElement::new(
                vec![(x, ymin), (x, ymax)],
                5,
                4,
                MUTED.stroke_width(1),
            ))?;
        }
    }
    Ok(())
}

/// The event labels in their rows above the plot, each with a line down to its marker.
fn draw_event_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    axis: &TimeAxis,
    ev: &EventRows,
    ymax: f64,
    th: Theme,
) -> Drawn {
    let (rows, row_h, label_style) = (ev.rows, ev.row_h, &ev.style);
    let (plot_left, plot_top) = pixel(area, chart, (axis.lo, ymax));
    let (plot_right, _) = pixel(area, chart, (axis.hi, ymax));
    let mut row_end = vec![i32::MIN; rows.max(1)];
    for (i, e) in ev.events.iter().enumerate() {
        let x_day = if e.end_day > e.start_day {
            e.start_day as f64
        } else {
            e.start_day as f64 + 0.5
        };
        let (x, _) = pixel(area, chart, (x_day, ymax));
        let full_w = text_width(area, &e.label, label_style)? as i32;
        let gap = th.len(10.0, 6.0);
        // First row where the label fits after the previous one; otherwise the row that
        // ends soonest, the label starting after its neighbour (never over it) and
        // shortened to the room left.
        let free = (0..rows).find(|&r| row_end[r] + gap <= x);
        let row = free.unwrap_or_else(|| {
            (0..rows.max(1))
                .min_by_key(|&r| (row_end[r], r))
                .unwrap_or(i % rows.max(1))
        });
        let y = plot_top - (rows - row) as i32 * row_h + row_h / 2 - th.len(4.0, 2.0);
        let mut tx = if free.is_some() {
            x + 3
        } else {
            (x + 3).max(row_end[row] + gap)
        };
        let room_right = plot_right - tx - 2;
        let mut avail = room_right;
        if free.is_some() && full_w > room_right {
            // Right-align at the marker when there is more room on the left.
            let left_room = x - plot_left.max(row_end[row] + gap);
            if left_room > room_right {
                avail = left_room;
                tx = x - full_w.min(left_room) - 3;
            }
        }
        let shown = shorten_to_width(area, &e.label, label_style, avail.max(30) as u32)?;
        let w = text_width(area, &shown, label_style)? as i32;
        area.draw(&PathElement::new(
            vec![(x, y + row_h / 3), (x, plot_top)],
            MUTED.stroke_width(1),
        ))?;
        area.draw_text(&shown, label_style, (tx, y))?;
        row_end[row] = row_end[row].max(tx + w);
    }
    Ok(())
}

/// Period means and their intervals, as steps over each period.
fn draw_periods<DB: DrawingBackend>(chart: &Plot<DB>, t: &TimelineChart, th: Theme) -> Drawn {
    let plot_area = chart.plotting_area();
    for p in t.periods.iter().filter(|p| p.documents > 0) {
        let (a, b) = (p.start_day as f64, p.end_day as f64 + 1.0);
        if let (Some(lo), Some(hi)) = (finite(p.low.tension), finite(p.high.tension)) {
            plot_area.draw(&Rectangle::new(
                [(a, lo), (b, hi)],
                TENSION.mix(0.13).filled(),
            ))?;
        }
        if let Some(m) = finite(p.mean.tension) {
            plot_area.draw(&PathElement::new(
                vec![(a, m), (b, m)],
                TENSION.stroke_width(th.len(3.0, 2.0) as u32),
            ))?;
        }
    }
    Ok(())
}

/// The documents, by author; those dated only to the month or year as an open marker on a
/// thin line over that span. Returns whether any was dated to the month, to the year.
fn draw_documents<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    t: &TimelineChart,
    th: Theme,
) -> Drawn<(bool, bool)> {
    let (authors, _) = author_styles(t);
    let style_of = |a: &str| -> (RGBColor, Shape) {
        match authors.iter().position(|(n, _)| n == a) {
            Some(i) => (PALETTE[i % PALETTE.len()], SHAPES[i % SHAPES.len()]),
            None => (OTHER, Shape::Circle),
        }
    };
    let r = th.len(5.0, 3.0);
    let mut any_month = false;
    let mut any_year = false;
    for d in &t.docs {
        let (Some(day), Some(v)) = (finite(d.day), finite(d.tension)) else {
            continue;
        };
        let (colour, shape) = style_of(&d.author);
        let p = pixel(area, chart, (day, v));
        if d.precision == DatePrecision::Day {
            marker(area, p, shape, r, colour, true)?;
        } else {
            any_month |= d.precision == DatePrecision::Month;
            any_year |= d.precision == DatePrecision::Year;
            let (a, b) = date_extent(day, d.precision);
            // Thin and light, so it is not mistaken for a period mean.
            chart.plotting_area().draw(&PathElement::new(
                vec![(a, v), (b, v)],
                colour.mix(0.7).stroke_width(1),
            ))?;
            marker(area, p, shape, r, colour, false)?;
        }
    }
    Ok((any_month, any_year))
}

/// The smoothed curve, on top of everything.
fn draw_curve<DB: DrawingBackend>(chart: &Plot<DB>, t: &TimelineChart) -> Drawn {
    let curve: Vec<(f64, f64)> = t
        .smoothed
        .iter()
        .filter(|p| p.0.is_finite() && p.1.is_finite())
        .copied()
        .collect();
    if curve.len() >= 2 {
        chart
            .plotting_area()
            .draw(&PathElement::new(curve, INK.stroke_width(2)))?;
    }
    Ok(())
}

/// The legend: authors, how documents dated to the month or year look, the period layers and
/// the curve.
fn legend(t: &TimelineChart, th: Theme, any_month: bool, any_year: bool) -> Vec<Legend> {
    let (authors, others) = author_styles(t);
    let mut entries = vec![Legend::Heading("Documents by author".into())];
    for (i, (a, n)) in authors.iter().enumerate() {
        entries.push(Legend::point(
            SHAPES[i % SHAPES.len()],
            PALETTE[i % PALETTE.len()],
            format!("{} (n={n})", author_display(a)),
        ));
    }
    if others > 0 {
        entries.push(Legend::point(
            Shape::Circle,
            OTHER,
            format!("other authors (n={others})"),
        ));
    }
    for (any, what) in [(any_month, "month"), (any_year, "year")] {
        if any {
            entries.push(Legend::Marker {
                shape: Shape::Circle,
                colour: MUTED,
                filled: false,
                bar: true,
                label: format!("dated to the {what}"),
            });
        }
    }
    if t.periods.iter().any(|p| p.documents > 0) {
        entries.push(Legend::Heading("Per period".into()));
        entries.push(Legend::Line {
            colour: TENSION,
            width: th.len(3.0, 2.0) as u32,
            label: "mean tension".into(),
        });
        entries.push(Legend::Band {
            colour: TENSION,
            alpha: 0.13,
            label: "interval of the mean".into(),
        });
    }
    if t.smoothed.len() >= 2 {
        let label = if t.smoothing_label.is_empty() {
            "smoothed".to_string()
        } else {
            format!("smoothed: {}", t.smoothing_label)
        };
        entries.push(Legend::Line {
            colour: INK,
            width: 2,
            label,
        });
    }
    entries
}
