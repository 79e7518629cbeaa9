//! Chart 6: analysts and the tool: the pairwise agreement heatmap on the left, the tool's
//! tension against the analysts' mean rating on the right.

use std::collections::BTreeMap;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::theme::{
    Axis, INK, MUTED, Margins, Shape, Theme, frame, marker, message, pixel, plot, shorten_to_width,
    text_width, wrap,
};
use super::tips::tip;
use super::{Draw, Drawn, TENSION};
use crate::report::data::{AgreementChart, AgreementPoint};

/// Chart 6: pairwise agreement heatmap and the tool's tension against the analysts' mean.
pub struct AgreementPlot<'a>(pub &'a AgreementChart);

impl Draw for AgreementPlot<'_> {
    fn name(&self) -> &'static str {
        "agreement"
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn {
        let a = self.0;
        let f = frame(area, "Analysts and the tool", None)?;
        let th = f.theme;
        if a.names.is_empty() && a.scatter.is_empty() {
            return message(&f.plot, th, "No analysts' ratings were given");
        }
        let (pw, _) = f.plot.dim_in_pixel();
        let (left, right) = f.plot.split_horizontally(pw / 2);
        draw_heatmap(area, &left, th, a)?;
        draw_scatter(area, &right, th, a)
    }
}

/// Fill colour of an agreement value in -1..1: white at 0, tension blue towards 1, orange
/// towards -1.
fn heat_colour(v: f64) -> RGBColor {
    let v = v.clamp(-1.0, 1.0);
    let target = if v >= 0.0 {
        TENSION
    } else {
        RGBColor(0xd5, 0x5e, 0x00)
    };
    let t = v.abs() * 0.85;
    let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
    RGBColor(mix(255, target.0), mix(255, target.1), mix(255, target.2))
}

/// Where the heatmap's grid sits, in pixels of the root area.
struct Grid {
    /// Left and top of the first cell.
    x: i32,
    y: i32,
    /// Side of a cell.
    cell: i32,
    n: usize,
}

fn draw_heatmap<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    panel: &DrawingArea<DB, Shift>,
    th: Theme,
    a: &AgreementChart,
) -> Drawn {
    let n = a.names.len();
    if n == 0 {
        return message(panel, th, "No agreement matrix");
    }
    let base = root.get_base_pixel();
    let pb = panel.get_base_pixel();
    let (pw, ph) = panel.dim_in_pixel();
    let off = (pb.0 - base.0, pb.1 - base.1);
    let small = th.text(th.small(), &INK);
    let note_h = (th.small() * 3.2) as i32;
    // Row labels: names (numbered when the columns cannot show names).
    let mut name_w = 0u32;
    for nm in &a.names {
        name_w = name_w.max(text_width(panel, nm, &small)?);
    }
    let label_w = (name_w + 12).min(pw * 2 / 5) as i32;
    let margin = th.len(14.0, 8.0);
    let grid_w = pw as i32 - label_w - 2 * margin;
    let grid_h = ph as i32 - note_h - 2 * margin - (th.small() * 2.0) as i32;
    let grid = Grid {
        x: off.0 + margin + label_w,
        y: off.1 + margin,
        cell: (grid_w.min(grid_h) / n as i32).max(4),
        n,
    };
    let numbered = name_w as i32 + 6 > grid.cell;
    draw_rater_names(root, &grid, a, th, label_w, numbered)?;
    draw_cells(root, &grid, a, th)?;
    let label = if a.statistic_label.is_empty() {
        "Pairwise agreement"
    } else {
        &a.statistic_label
    };
    let note = th
        .text(th.small(), &MUTED)
        .pos(Pos::new(HPos::Left, VPos::Top));
    let lines = wrap(
        root,
        &format!("{label}; – = too few shared documents"),
        &note,
        (pw as i32 - 2 * margin).max(20) as u32,
        2,
    )?;
    let mut y = grid.y + grid.cell * n as i32 + (th.small() * 2.0) as i32;
    for l in lines {
        root.draw_text(&l, &note, (off.0 + margin, y))?;
        y += (th.small() * 1.3) as i32;
    }
    Ok(())
}

/// The raters' names left of the rows and under the columns (numbers under the columns, and
/// before the row names, when names do not fit a cell).
fn draw_rater_names<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    g: &Grid,
    a: &AgreementChart,
    th: Theme,
    label_w: i32,
    numbered: bool,
) -> Drawn {
    let small = th.text(th.small(), &INK);
    let right = small.pos(Pos::new(HPos::Right, VPos::Center));
    let centre = small.pos(Pos::new(HPos::Center, VPos::Top));
    let cell = g.cell;
    for (i, nm) in a.names.iter().enumerate() {
        let label = if numbered {
            format!("{} {}", i + 1, nm)
        } else {
            nm.clone()
        };
        let shown = shorten_to_width(root, &label, &right, (label_w - 8).max(10) as u32)?;
        root.draw_text(&shown, &right, (g.x - 6, g.y + cell * i as i32 + cell / 2))?;
        let col = if numbered {
            format!("{}", i + 1)
        } else {
            nm.clone()
        };
        let shown = shorten_to_width(root, &col, &centre, cell.max(10) as u32)?;
        root.draw_text(
            &shown,
            &centre,
            (
                g.x + cell * i as i32 + cell / 2,
                g.y + cell * g.n as i32 + 4,
            ),
        )?;
    }
    Ok(())
}

/// One coloured cell per pair, with its value when the cell is large enough ("–" when none).
fn draw_cells<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    g: &Grid,
    a: &AgreementChart,
    th: Theme,
) -> Drawn {
    let cell = g.cell;
    let value_font = (cell as f64 / 3.2).clamp(8.0, th.small());
    for i in 0..g.n {
        for j in 0..g.n {
            let v = a.matrix.get(i).and_then(|r| r.get(j)).copied().flatten();
            let v = v.filter(|v| v.is_finite());
            let (x0, y0) = (g.x + cell * j as i32, g.y + cell * i as i32);
            let fill = v.map(heat_colour).unwrap_or(RGBColor(0xf2, 0xf2, 0xf2));
            let corners = [(x0, y0), (x0 + cell, y0 + cell)];
            root.draw(&Rectangle::new(corners, fill.filled()))?;
            root.draw(&Rectangle::new(corners, WHITE.stroke_width(1)))?;
            let text = v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "–".into());
            let ink = match v {
                Some(v) if v.abs() > 0.55 => WHITE,
                _ => INK,
            };
            let st = th
                .text(value_font, &ink)
                .pos(Pos::new(HPos::Center, VPos::Center));
            if cell >= 18 {
                root.draw_text(&text, &st, (x0 + cell / 2, y0 + cell / 2))?;
            }
        }
    }
    Ok(())
}

/// Points of the scatter that fall on the same spot (tied ratings, to 0.05 on the tool's axis
/// and 0.01 on the analysts'), drawn once with their count.
fn tied_groups<'a>(pts: &[&'a AgreementPoint]) -> Vec<(f64, f64, Vec<&'a str>)> {
    let mut groups: BTreeMap<(i64, i64), Vec<&AgreementPoint>> = BTreeMap::new();
    for p in pts {
        let key = (
            (p.tool * 20.0).round() as i64,
            (p.analysts_mean * 100.0).round() as i64,
        );
        groups.entry(key).or_default().push(p);
    }
    groups
        .into_values()
        .map(|g| {
            let n = g.len() as f64;
            let x = g.iter().map(|p| p.tool).sum::<f64>() / n;
            let y = g.iter().map(|p| p.analysts_mean).sum::<f64>() / n;
            (x, y, g.iter().map(|p| p.doc.as_str()).collect())
        })
        .collect()
}

/// The hover label of a group of documents on one spot.
fn group_tip(x: f64, y: f64, ids: &[&str]) -> String {
    let mut names: Vec<&str> = ids.iter().take(8).copied().collect();
    if ids.len() > 8 {
        names.push("…");
    }
    let who = if ids.len() == 1 {
        ids[0].to_string()
    } else {
        format!("{} documents: {}", ids.len(), names.join(", "))
    };
    format!("{who}; tool {x:.2}, analysts {y:.2}")
}

fn draw_scatter<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    panel: &DrawingArea<DB, Shift>,
    th: Theme,
    a: &AgreementChart,
) -> Drawn {
    let pts: Vec<_> = a
        .scatter
        .iter()
        .filter(|p| p.tool.is_finite() && p.analysts_mean.is_finite())
        .collect();
    if pts.is_empty() {
        return message(panel, th, "No documents rated by analysts");
    }
    // one range for both axes, so that the identity line is the diagonal
    let all = || pts.iter().flat_map(|p| [p.tool, p.analysts_mean]);
    let hi = all().fold(10.0f64, f64::max) + 0.3;
    let lo = all().fold(0.0f64, f64::min) - 0.3;
    let y_label = if a.analysts_label.is_empty() {
        "Analysts' mean rating"
    } else {
        &a.analysts_label
    };
    let chart = plot(
        panel,
        th,
        Margins {
            left: 0,
            right: th.len(20.0, 10.0),
            ..Margins::standard(th)
        },
        (lo..hi, lo..hi),
        (
            Axis::new("Tool: tension index (0-10)", 6, 1.0),
            Axis::new(y_label, 6, 1.0),
        ),
        th.label(),
    )?;
    chart.plotting_area().draw(&PathElement::new(
        vec![(lo, lo), (hi, hi)],
        MUTED.stroke_width(th.len(1.5, 1.0) as u32),
    ))?;
    let note = th
        .text(th.small(), &MUTED)
        .pos(Pos::new(HPos::Left, VPos::Top));
    let at = lo + (hi - lo) * 0.72;
    let p = pixel(root, &chart, (at, at));
    root.draw_text(
        "tool = analysts",
        &note,
        (p.0 + th.len(10.0, 6.0), p.1 + th.len(4.0, 3.0)),
    )?;
    let r = th.len(5.0, 3.0);
    let groups = tied_groups(&pts);
    let mut counts = Vec::new();
    for (x, y, ids) in &groups {
        let px = pixel(root, &chart, (*x, *y));
        let n = ids.len();
        // area grows with the count
        let rr = ((r as f64) * (n as f64).sqrt()).min(r as f64 * 3.0).round() as i32;
        marker(root, px, Shape::Circle, rr, TENSION, true)?;
        if n > 1 {
            counts.push((n, rr, px));
        }
        tip(root, px, rr, group_tip(*x, *y, ids));
    }
    // each count inside its mark, in white, over every mark so that no neighbour hides it
    for (n, rr, at) in counts {
        let style = th
            .text((rr as f64 * 1.5).clamp(8.0, th.small()), &WHITE)
            .pos(Pos::new(HPos::Center, VPos::Center));
        root.draw_text(&format!("{n}"), &style, at)?;
    }
    Ok(())
}
