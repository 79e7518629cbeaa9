//! Chart 4: mean tension per author, with its interval.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::dots::say;
use super::theme::{
    Axis, INK, MUTED, Margins, Plot, Shape, author_display, finite, frame, marker, message, pixel,
    plot, shorten_to_width, text_width, wrap,
};
use super::tips::tip;
use super::{Draw, Drawn, TENSION};
use crate::report::data::{AuthorChart, AuthorRow};

/// Authors with fewer documents than this are listed under the chart, not drawn.
pub const MIN_DOCUMENTS: usize = 2;

/// Chart 4: mean tension per author with its interval.
pub struct AuthorsChart<'a>(pub &'a AuthorChart);

impl Draw for AuthorsChart<'_> {
    fn name(&self) -> &'static str {
        "authors"
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn {
        let a = self.0;
        let f = frame(area, "Mean tension by author", None)?;
        let th = f.theme;
        let finite_rows: Vec<_> = a
            .rows
            .iter()
            .filter(|r| r.mean_tension.is_finite())
            .collect();
        if finite_rows.is_empty() {
            return message(&f.plot, th, "No authors to compare");
        }
        // an author with fewer documents than this has no mean worth a row
        let (rows, few): (Vec<_>, Vec<_>) = finite_rows
            .into_iter()
            .partition(|r| r.documents >= MIN_DOCUMENTS);
        if rows.is_empty() {
            return say(
                &f.plot,
                th,
                &format!(
                    "Too few documents per author to compare means: every author here has one document ({})",
                    few.len()
                ),
            );
        }
        let (_, ph) = f.plot.dim_in_pixel();
        let note_h = if few.is_empty() {
            0
        } else {
            (th.small() * 2.6) as u32
        };
        let (body, foot) = f.plot.split_vertically(ph.saturating_sub(note_h));
        if !few.is_empty() {
            let names: Vec<&str> = few.iter().map(|r| author_display(&r.author)).collect();
            let style = th
                .text(th.small(), &MUTED)
                .pos(Pos::new(HPos::Left, VPos::Top));
            let (fw, _) = foot.dim_in_pixel();
            let text = format!(
                "Not drawn, one document each ({}): {}",
                few.len(),
                names.join(", ")
            );
            for (i, l) in wrap(&foot, &text, &style, fw.saturating_sub(20), 2)?
                .iter()
                .enumerate()
            {
                foot.draw_text(l, &style, (10, i as i32 * (th.small() * 1.3) as i32))?;
            }
        }
        let f_plot = body;
        let (pw, _) = f_plot.dim_in_pixel();
        let label_style = th
            .text(th.tick(), &INK)
            .pos(Pos::new(HPos::Right, VPos::Center));
        let labels: Vec<String> = rows
            .iter()
            .map(|r| format!("{} (n={})", author_display(&r.author), r.documents))
            .collect();
        let mut label_w = 0u32;
        for l in &labels {
            label_w = label_w.max(text_width(&f_plot, l, &label_style)?);
        }
        let label_w = label_w.min(pw * 2 / 5) + 14;
        let hi = rows
            .iter()
            .flat_map(|r| [r.mean_tension, r.high])
            .filter_map(finite)
            .fold(10.0f64, f64::max);
        let lo = rows
            .iter()
            .flat_map(|r| [r.mean_tension, r.low])
            .filter_map(finite)
            .fold(0.0f64, f64::min);
        let chart = plot(
            &f_plot,
            th,
            Margins {
                top: th.top(),
                left: 0,
                right: th.len(30.0, 15.0),
                y_labels: label_w as i32,
            },
            (lo..hi, 0.0..rows.len() as f64),
            (
                Axis::new("Mean tension index (0-10), with interval", 11, 1.0),
                Axis::bare(None),
            ),
            th.label(),
        )?;
        let labelled = Labels {
            text: &labels,
            style: &label_style,
            width: label_w - 14,
        };
        // dots no taller than a third of a row
        let row_px = f_plot.dim_in_pixel().1 as f64 / rows.len() as f64;
        let r = th.len(6.0, 3.0).min((row_px / 3.0) as i32).max(2);
        draw_rows(area, &chart, &rows, &labelled, lo, r)
    }
}

/// The row labels, their style and the width they may take.
struct Labels<'a> {
    text: &'a [String],
    style: &'a TextStyle<'a>,
    width: u32,
}

/// One row per author: its label, its interval as a capped bar, its mean as a dot.
fn draw_rows<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    rows: &[&AuthorRow],
    labels: &Labels,
    lo: f64,
    r: i32,
) -> Drawn {
    let n = rows.len();
    let (plot_left, _) = pixel(area, chart, (lo, 0.0));
    let cap = (r as f64 * 0.9) as i32;
    for (i, (row, label)) in rows.iter().zip(labels.text).enumerate() {
        let y = n as f64 - i as f64 - 0.5;
        let (_, py) = pixel(area, chart, (lo, y));
        let shown = shorten_to_width(area, label, labels.style, labels.width)?;
        area.draw_text(&shown, labels.style, (plot_left - 8, py))?;
        if let (Some(l), Some(h)) = (finite(row.low), finite(row.high)) {
            let (x0, _) = pixel(area, chart, (l, y));
            let (x1, _) = pixel(area, chart, (h, y));
            let st = TENSION.stroke_width(2);
            for seg in [
                vec![(x0, py), (x1, py)],
                vec![(x0, py - cap), (x0, py + cap)],
                vec![(x1, py - cap), (x1, py + cap)],
            ] {
                area.draw(&PathElement::new(seg, st))?;
            }
        }
        let p = pixel(area, chart, (row.mean_tension, y));
        marker(area, p, Shape::Circle, r, TENSION, true)?;
        tip(
            area,
            p,
            r,
            format!(
                "{}: mean tension {:.2} [{:.2}, {:.2}], {} documents",
                author_display(&row.author),
                row.mean_tension,
                row.low,
                row.high,
                row.documents
            ),
        );
    }
    Ok(())
}
