//! Hover labels in the SVG charts: a chart names each point it draws ([`tip`]); while an SVG
//! is rendered the names are collected, and [`add_to_svg`] lays an invisible circle with a
//! `<title>` over each point, which browsers show on hover. The PNG path collects nothing.

use std::cell::RefCell;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::report::html::escape;

/// One hover label: centre and radius in pixels of the whole chart, and the text.
struct Tip {
    x: i32,
    y: i32,
    r: i32,
    text: String,
}

thread_local! {
    /// The labels of the SVG being drawn on this thread; `None` when not collecting.
    static TIPS: RefCell<Option<Vec<Tip>>> = const { RefCell::new(None) };
}

/// Name the point drawn at pixel `(x, y)` of `area` with radius `r`.
pub(super) fn tip<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    r: i32,
    text: impl Into<String>,
) {
    TIPS.with(|t| {
        if let Some(v) = t.borrow_mut().as_mut() {
            let base = area.get_base_pixel();
            v.push(Tip {
                x: base.0 + x,
                y: base.1 + y,
                r: r.max(3),
                text: text.into(),
            });
        }
    });
}

/// Collect the labels named while `draw` runs.
pub(super) fn collecting<T>(draw: impl FnOnce() -> T) -> (T, Vec<String>) {
    TIPS.with(|t| *t.borrow_mut() = Some(Vec::new()));
    let out = draw();
    let tips = TIPS.with(|t| t.borrow_mut().take()).unwrap_or_default();
    let marks = tips
        .into_iter()
        .map(|t| {
            format!(
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#000\" fill-opacity=\"0\"><title>{}</title></circle>",
                t.x,
                t.y,
                t.r + 1,
                escape(&t.text)
            )
        })
        .collect();
    (out, marks)
}

/// `svg` with the hover marks laid over everything else, before its closing tag.
pub(super) fn add_to_svg(svg: String, marks: &[String]) -> String {
    if marks.is_empty() {
        return svg;
    }
    let Some(end) = svg.rfind("</svg>") else {
        return svg;
    };
    let mut out = String::with_capacity(svg.len() + marks.iter().map(String::len).sum::<usize>());
    out.push_str(&svg[..end]);
    out.push_str("<g class=\"tips\">\n");
    for m in marks {
        out.push_str(m);
        out.push('\n');
    }
    out.push_str("</g>\n");
    out.push_str(&svg[end..]);
    out
}
