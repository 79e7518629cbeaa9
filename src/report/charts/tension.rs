//! Chart 1: tension over time: documents by author, period means with their intervals, the
//! smoothed curve, and the events, each drawn as its own layer.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::theme::{
    Axis, INK, Legend, MUTED, Margins, OTHER, PALETTE, Plot, SHAPES, Shape, Theme, author_display,
    coordinates, finite, frame, marker, message, pixel, plot, text_width, wrap,
};
use super::time::{TimeAxis, date_extent, draw_time_ticks, ticks_that_fit, time_axis, unbroken};
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

/// Event labels sit in rows above the plot, never over the data nor over each other's marker
/// lines. When the whole labels cannot all be laid out so, each event gets a number and the
/// labels are listed under the chart as a key.
struct EventLabels<'e> {
    events: Vec<&'e EventMark>,
    /// Where each event's label goes, in `events` order.
    placed: Vec<Placed>,
    rows: usize,
    row_h: i32,
    style: TextStyle<'static>,
    /// The key under the chart, one string per line (empty when the labels are whole).
    key: Vec<String>,
}

/// A label laid out in a row: its text, left edge and width, and the marker's x.
#[derive(Debug, Clone)]
struct Placed {
    text: String,
    x: i32,
    row: usize,
    tx: i32,
    w: i32,
}

/// Most rows of labels above the plot.
const MAX_LABEL_ROWS: usize = 3;

/// Lay out labels `(x, text, width)` (in x order) in `rows` rows within `left..right`, row
/// `rows - 1` nearest the plot: each label starts just right of its marker, or ends just left
/// of it, never within `gap` of another label in its row, and (when `strict`) not over a
/// marker line that crosses its row nor with its own line crossing a label below it. A small
/// search (each label's row and side, nearest the plot first, backtracking a bounded number of
/// steps); `None` when no layout is found.
fn place_labels(
    labels: &[(i32, String, i32)],
    rows: usize,
    (left, right): (i32, i32),
    gap: i32,
    strict: bool,
) -> Option<Vec<Placed>> {
    let fits = |placed: &[Placed], x: i32, w: i32, row: usize, tx: i32| {
        tx >= left
            && tx + w <= right
            && placed.iter().all(|p| {
                let apart = p.row != row || p.tx > tx + w + gap || p.tx + p.w + gap < tx;
                let line_clear = p.row >= row || p.x < tx - gap / 2 || p.x > tx + w + gap / 2;
                let own_clear = p.row <= row || x < p.tx - gap / 2 || x > p.tx + p.w + gap / 2;
                apart && (!strict || (line_clear && own_clear))
            })
    };
    let mut placed: Vec<Placed> = Vec::with_capacity(labels.len());
    // per label, the next option to try: option k is row `rows - 1 - k / 2`, side `k % 2`
    let mut next = vec![0usize; labels.len()];
    let mut steps = 0usize;
    while placed.len() < labels.len() {
        steps += 1;
        if steps > 20_000 {
            return None;
        }
        let i = placed.len();
        let (x, text, w) = &labels[i];
        let option = (next[i]..2 * rows).find(|&k| {
            let row = rows - 1 - k / 2;
            let tx = if k % 2 == 0 { x + 3 } else { x - 3 - w };
            fits(&placed, *x, *w, row, tx)
        });
        match option {
            Some(k) => {
                next[i] = k + 1;
                let row = rows - 1 - k / 2;
                let tx = if k % 2 == 0 { x + 3 } else { x - 3 - w };
                placed.push(Placed {
                    text: text.clone(),
                    x: *x,
                    row,
                    tx,
                    w: *w,
                });
            }
            None => {
                // no option left here: try the previous label's next option
                next[i] = 0;
                placed.pop()?;
            }
        }
    }
    Some(placed)
}

/// The event labels of `t` for a plot whose x pixel of a day is `x_of`, spanning
/// `left..right` pixels: whole labels in as few rows as will hold them, otherwise numbers
/// and a key of lines at most `key_w` wide.
fn event_labels<'e, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    t: &'e TimelineChart,
    th: Theme,
    x_of: impl Fn(f64) -> i32,
    (left, right): (i32, i32),
    key_w: u32,
) -> Drawn<EventLabels<'e>> {
    let label_font = th.small();
    let style = th
        .text(label_font, &INK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let mut events: Vec<&EventMark> = t.events.iter().collect();
    events.sort_by(|a, b| a.start_day.cmp(&b.start_day).then(a.label.cmp(&b.label)));
    let gap = th.len(10.0, 6.0);
    let marker_x = |e: &EventMark| {
        let day = if e.end_day > e.start_day {
            e.start_day as f64
        } else {
            e.start_day as f64 + 0.5
        };
        x_of(day)
    };
    let layout = |texts: &[String], strict: bool| -> Drawn<Option<(usize, Vec<Placed>)>> {
        let mut labels = Vec::with_capacity(texts.len());
        for (e, text) in events.iter().zip(texts) {
            let w = text_width(area, text, &style)? as i32;
            labels.push((marker_x(e), text.clone(), w));
        }
        Ok((1..=MAX_LABEL_ROWS).find_map(|rows| {
            place_labels(&labels, rows, (left, right), gap, strict).map(|p| (rows, p))
        }))
    };
    let whole: Vec<String> = events.iter().map(|e| e.label.clone()).collect();
    let numbers: Vec<String> = (1..=events.len()).map(|i| i.to_string()).collect();
    let (rows, placed, key) = if events.is_empty() {
        (0, Vec::new(), Vec::new())
    } else if let Some((rows, placed)) = layout(&whole, true)? {
        (rows, placed, Vec::new())
    } else {
        let key = key_lines(area, &events, &style, key_w)?;
        // numbers clear of every line if they can be, else at least clear of each other
        match (layout(&numbers, true)?).or(layout(&numbers, false)?) {
            Some((rows, placed)) => (rows, placed, key),
            None => (1, crowded(&events, numbers, marker_x), key),
        }
    };
    Ok(EventLabels {
        events,
        placed,
        rows,
        row_h: (label_font * 1.5).round() as i32,
        style,
        key,
    })
}

/// Numbers placed at their markers regardless of overlap (only when even numbers do not fit).
fn crowded(
    events: &[&EventMark],
    numbers: Vec<String>,
    marker_x: impl Fn(&EventMark) -> i32,
) -> Vec<Placed> {
    events
        .iter()
        .zip(numbers)
        .map(|(e, text)| {
            let x = marker_x(e);
            Placed {
                text,
                x,
                row: 0,
                tx: x + 3,
                w: 0,
            }
        })
        .collect()
}

/// The key under the chart: "1 label" entries side by side, as many to a line as fit in
/// `width` (an entry longer than a line is wrapped, never cut).
fn key_lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    events: &[&EventMark],
    style: &TextStyle,
    width: u32,
) -> Drawn<Vec<String>> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, e) in events.iter().enumerate() {
        let entry = format!("{} {}", i + 1, e.label);
        let cand = if current.is_empty() {
            entry.clone()
        } else {
            format!("{current}    {entry}")
        };
        if text_width(area, &cand, style)? <= width {
            current = cand;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        let parts = wrap(area, &entry, style, width, usize::MAX)?;
        let n = parts.len();
        for (k, part) in parts.into_iter().enumerate() {
            if k + 1 < n {
                lines.push(part);
            } else {
                current = part;
            }
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    Ok(lines)
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
        let ranges = (axis.lo..axis.hi, ymin..ymax);
        let margins = |top| Margins {
            top,
            ..Margins::standard(th)
        };
        // The x pixels do not depend on the room above and below the plot: lay the event
        // labels out first, then give them that room.
        let probe = coordinates(&f.plot, th, margins(th.top()), ranges.clone())?;
        let x_of = |day: f64| pixel(area, &probe, (day, ymax)).0;
        let span = (x_of(axis.lo), x_of(axis.hi));
        let key_w = f.plot.dim_in_pixel().0.saturating_sub(20);
        let ev = event_labels(area, t, th, x_of, span, key_w)?;
        let top_margin = th.top() + ev.rows as i32 * ev.row_h;
        let (upper, key_area) = split_key(&f.plot, &ev, th);
        let chart = plot(
            &upper,
            th,
            margins(top_margin),
            ranges,
            (
                Axis::bare(Some("Date of document")),
                Axis::new("Tension index (0-10)", 6, 1.0),
            ),
            th.label(),
        )?;
        draw_time_ticks(area, &chart, &axis, (ymin, ymax), th)?;
        draw_event_marks(&chart, &ev.events, (ymin, ymax))?;
        draw_event_labels(area, &chart, &axis, &ev, ymax, th)?;
        if let Some(k) = &key_area {
            draw_key(area, k, &ev, span.0)?;
        }
        draw_periods(&chart, t, th)?;
        let (any_month, any_year) = draw_documents(area, &chart, t, th)?;
        draw_curve(&chart, t)?;
        f.legend(&legend(t, th, any_month, any_year), top_margin)
    }
}

/// Split the room for the event key off the bottom of `plot` (when there is a key).
fn split_key<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    ev: &EventLabels,
    th: Theme,
) -> (DrawingArea<DB, Shift>, Option<DrawingArea<DB, Shift>>) {
    if ev.key.is_empty() {
        return (plot.clone(), None);
    }
    let (_, h) = plot.dim_in_pixel();
    let key_h = (ev.key.len() as i32 * ev.row_h + th.len(8.0, 5.0)) as u32;
    let (upper, lower) = plot.split_vertically(h.saturating_sub(key_h.min(h / 2)));
    (upper, Some(lower))
}

/// The key of numbered events, under the chart, starting at the plot's left edge `left`
/// (a pixel of `root`).
fn draw_key<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    key: &DrawingArea<DB, Shift>,
    ev: &EventLabels,
    left: i32,
) -> Drawn {
    let (rb, kb) = (root.get_base_pixel(), key.get_base_pixel());
    let x = (left - (kb.0 - rb.0)).max(4);
    for (i, line) in ev.key.iter().enumerate() {
        key.draw_text(line, &ev.style, (x, ev.row_h / 2 + ev.row_h * i as i32))?;
    }
    Ok(())
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

/// The event labels (or numbers) in their rows above the plot, each with a line down to its
/// marker.
fn draw_event_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    axis: &TimeAxis,
    ev: &EventLabels,
    ymax: f64,
    th: Theme,
) -> Drawn {
    let (_, plot_top) = pixel(area, chart, (axis.lo, ymax));
    for p in &ev.placed {
        let y = plot_top - (ev.rows - p.row) as i32 * ev.row_h + ev.row_h / 2 - th.len(4.0, 2.0);
        area.draw(&PathElement::new(
            vec![(p.x, y + ev.row_h / 3), (p.x, plot_top)],
            MUTED.stroke_width(1),
        ))?;
        area.draw_text(&p.text, &ev.style, (p.tx, y))?;
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
        let who = if d.author.is_empty() {
            String::new()
        } else {
            format!(", {}", d.author)
        };
        super::tips::tip(area, p, r, format!("{}{who}: tension {v:.2}", d.id));
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

/// The smoothed curve, on top of everything, broken where periods without documents lie
/// between two of its points.
fn draw_curve<DB: DrawingBackend>(chart: &Plot<DB>, t: &TimelineChart) -> Drawn {
    let curve: Vec<(f64, f64)> = t
        .smoothed
        .iter()
        .filter(|p| p.0.is_finite() && p.1.is_finite())
        .copied()
        .collect();
    let periods: Vec<_> = t.periods.iter().filter(|p| p.documents > 0).collect();
    for line in unbroken(&curve, &periods) {
        if line.len() >= 2 {
            chart
                .plotting_area()
                .draw(&PathElement::new(line, INK.stroke_width(2)))?;
        }
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
        entries.push(Legend::Line {
            colour: INK,
            width: 2,
            label: "smoothed tension".into(),
        });
        if !t.smoothing_label.is_empty() {
            entries.push(Legend::Note(t.smoothing_label.clone()));
        }
    }
    entries
}
