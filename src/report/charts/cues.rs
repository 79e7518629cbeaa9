//! Chart 5: the cues that contribute most to each dimension, one panel per dimension.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::theme::{Axis, INK, Margins, Plot, Theme, capitalise, frame, message, plot, wrap};
use super::{Draw, Drawn, dimension_colour};
use crate::dimension::Dimension;
use crate::report::data::TopCues;

/// Chart 5: the cues that contribute most to each dimension.
pub struct CuesChart<'a>(pub &'a TopCues);

impl Draw for CuesChart<'_> {
    fn name(&self) -> &'static str {
        "cues"
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn {
        let c = self.0;
        let f = frame(area, "Cues contributing most to each dimension", None)?;
        let th = f.theme;
        if c.per_dimension.iter().all(|(_, v)| v.is_empty()) {
            return message(&f.plot, th, "No cues matched");
        }
        // The same number of rows in every panel, so bars have one thickness.
        let rows = c
            .per_dimension
            .iter()
            .map(|(_, v)| v.iter().filter(|c| c.1.is_finite()).count())
            .max()
            .unwrap_or(0)
            .clamp(4, TopCues::MAX_PER_PANEL);
        let panels = f.plot.split_evenly((1, c.per_dimension.len().max(1)));
        for (panel, (dim, cues)) in panels.iter().zip(&c.per_dimension) {
            draw_cue_panel(area, panel, th, *dim, cues, rows)?;
        }
        Ok(())
    }
}

/// One dimension's panel: its name in its colour over a bar per cue.
fn draw_cue_panel<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    panel: &DrawingArea<DB, Shift>,
    th: Theme,
    dim: Dimension,
    cues: &[(String, f64)],
    rows: usize,
) -> Drawn {
    let colour = dimension_colour(dim);
    let (pw, _) = panel.dim_in_pixel();
    let head_h = (th.label() * 1.8) as u32;
    let (head, body) = panel.split_vertically(head_h);
    let hs = th
        .text(th.label(), &colour)
        .pos(Pos::new(HPos::Center, VPos::Center));
    head.draw_text(
        &capitalise(dim.name()),
        &hs,
        (pw as i32 / 2, head_h as i32 / 2),
    )?;
    let cues: Vec<&(String, f64)> = cues
        .iter()
        .filter(|c| c.1.is_finite())
        .take(TopCues::MAX_PER_PANEL)
        .collect();
    if cues.is_empty() {
        return message(&body, th, "no cues");
    }
    let label_w = (pw as f64 * 0.42) as u32;
    let hi = cues.iter().map(|c| c.1).fold(0.0f64, f64::max);
    let lo = cues.iter().map(|c| c.1).fold(0.0f64, f64::min);
    let (lo, hi) = if hi - lo < 1e-9 {
        (lo, lo + 1.0)
    } else {
        (lo, hi + (hi - lo) * 0.05)
    };
    let rows = rows.max(cues.len());
    let chart = plot(
        &body,
        th,
        Margins {
            top: th.len(4.0, 2.0),
            left: 0,
            right: th.len(22.0, 12.0),
            y_labels: label_w as i32,
        },
        (lo..hi, 0.0..rows as f64),
        (
            Axis::new("Summed hit weight", 5, (hi - lo) / 4.0),
            Axis::bare(None),
        ),
        th.small(),
    )?;
    let layout = BarLayout {
        lo,
        rows,
        label_w,
        row_px: panel.dim_in_pixel().1 as f64 / rows as f64,
    };
    draw_bars(root, &chart, &cues, colour, &layout, th)
}

/// Where a panel's bars go: the axis start, the number of rows, the width of the labels and
/// the height of a row in pixels.
#[derive(Clone, Copy)]
struct BarLayout {
    lo: f64,
    rows: usize,
    label_w: u32,
    row_px: f64,
}

/// A bar per cue (paler when its sum is negative) and its term left of it, on two lines when
/// rows are tall enough.
fn draw_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    cues: &[&(String, f64)],
    colour: RGBColor,
    layout: &BarLayout,
    th: Theme,
) -> Drawn {
    let BarLayout {
        lo,
        rows,
        label_w,
        row_px,
    } = *layout;
    let label_style = th
        .text(th.small(), &INK)
        .pos(Pos::new(HPos::Right, VPos::Center));
    let rows = rows as f64;
    let base = root.get_base_pixel();
    let two_lines = row_px >= th.small() * 2.6;
    for (i, (term, w)) in cues.iter().map(|c| (&c.0, c.1)).enumerate() {
        let y = rows - i as f64 - 0.5;
        let bar = if w >= 0.0 {
            colour.filled()
        } else {
            colour.mix(0.35).filled()
        };
        chart
            .plotting_area()
            .draw(&Rectangle::new([(0.0, y - 0.32), (w, y + 0.32)], bar))?;
        let (px, py) = chart.backend_coord(&(lo, y));
        let max_w = label_w.saturating_sub(12);
        let lines = wrap(
            root,
            term,
            &label_style,
            max_w,
            if two_lines { 2 } else { 1 },
        )?;
        let step = (th.small() * 1.15) as i32;
        let top = py - base.1 - step * (lines.len() as i32 - 1) / 2;
        for (k, l) in lines.iter().enumerate() {
            root.draw_text(l, &label_style, (px - base.0 - 6, top + step * k as i32))?;
        }
    }
    Ok(())
}
