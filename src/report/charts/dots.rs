//! Dot plots with intervals: labelled rows, each holding one or more marks (a value and its
//! interval) set one under the other, and a reference line at 0. The analysts' offsets and
//! the weights of what drives them are drawn this way.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::Drawn;
use super::theme::{
    Axis, GRID, INK, MUTED, Margins, Shape, Theme, marker, padded_range, pixel, plot,
    shorten_to_width, text_width, wrap,
};
use super::tips::tip;

/// One mark: a value, its interval, how it is drawn and its hover label.
pub(super) struct Dot {
    pub(super) value: f64,
    pub(super) interval: Option<(f64, f64)>,
    pub(super) colour: RGBColor,
    pub(super) shape: Shape,
    pub(super) tip: String,
}

/// One row: its label and its marks.
pub(super) struct DotRow {
    pub(super) label: String,
    pub(super) dots: Vec<Dot>,
}

/// The x range: every value and interval end, and 0.
fn x_range(rows: &[DotRow]) -> (f64, f64) {
    let values = rows.iter().flat_map(|r| {
        r.dots.iter().flat_map(|d| {
            let (lo, hi) = d.interval.unwrap_or((d.value, d.value));
            [d.value, lo, hi]
        })
    });
    padded_range(values.chain(std::iter::once(0.0)), 0.08, 0.2, (-1.0, 1.0))
}

/// Draw `rows` top to bottom on `panel` (a part of `root`), labels on the left, the x axis
/// titled `x_label`.
pub(super) fn draw_dot_rows<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    panel: &DrawingArea<DB, Shift>,
    th: Theme,
    rows: &[DotRow],
    x_label: &str,
) -> Drawn {
    let (pw, _) = panel.dim_in_pixel();
    let label_style = th
        .text(th.tick(), &INK)
        .pos(Pos::new(HPos::Right, VPos::Center));
    let mut widest = 0;
    for r in rows {
        widest = widest.max(text_width(panel, &r.label, &label_style)?);
    }
    let label_w = (widest as i32 + th.len(16.0, 10.0)).min(pw as i32 * 9 / 20);
    let n = rows.len().max(1) as f64;
    let (x0, x1) = x_range(rows);
    let chart = plot(
        panel,
        th,
        Margins {
            y_labels: label_w,
            ..Margins::standard(th)
        },
        (x0..x1, 0.0..n),
        (Axis::new(x_label, 7, (x1 - x0) / 6.0), Axis::bare(None)),
        th.label(),
    )?;
    let area = chart.plotting_area();
    area.draw(&PathElement::new(
        vec![(0.0, 0.0), (0.0, n)],
        MUTED.stroke_width(th.len(1.5, 1.0) as u32),
    ))?;
    let r = th.len(6.0, 3.0);
    let bar = th.len(2.5, 1.5) as u32;
    for (i, row) in rows.iter().enumerate() {
        let top = n - i as f64;
        if i > 0 {
            area.draw(&PathElement::new(
                vec![(x0, top), (x1, top)],
                GRID.stroke_width(1),
            ))?;
        }
        let (lx, ly) = pixel(root, &chart, (x0, top - 0.5));
        let shown = shorten_to_width(
            root,
            &row.label,
            &label_style,
            (label_w - 10).max(20) as u32,
        )?;
        root.draw_text(&shown, &label_style, (lx - 8, ly))?;
        let m = row.dots.len().max(1) as f64;
        for (k, d) in row.dots.iter().enumerate() {
            if !d.value.is_finite() {
                continue;
            }
            let y = top - 0.5 + (((m - 1.0) / 2.0 - k as f64) * 0.7 / m);
            if let Some((lo, hi)) = d.interval.filter(|(l, h)| l.is_finite() && h.is_finite()) {
                area.draw(&PathElement::new(
                    vec![(lo, y), (hi, y)],
                    d.colour.stroke_width(bar),
                ))?;
            }
            let px = pixel(root, &chart, (d.value, y));
            marker(root, px, d.shape, r, d.colour, true)?;
            tip(root, px, r, d.tip.clone());
        }
    }
    Ok(())
}

/// A longer message, wrapped over up to four lines in the middle of `area` (for charts that
/// say why they are not drawn).
pub(super) fn say<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    th: Theme,
    text: &str,
) -> Drawn {
    let (w, h) = area.dim_in_pixel();
    let style = th
        .text(th.label(), &MUTED)
        .pos(Pos::new(HPos::Center, VPos::Center));
    let lines = wrap(area, text, &style, w.saturating_sub(60).max(40), 4)?;
    let step = (th.label() * 1.5) as i32;
    let mut y = h as i32 / 2 - step * (lines.len() as i32 - 1) / 2;
    for l in lines {
        area.draw_text(&l, &style, (w as i32 / 2, y))?;
        y += step;
    }
    Ok(())
}
