//! What every chart is built of: the theme (font sizes and strokes scaled to the width), the
//! frame (title, plot, legend panel), the axes and their grid, markers, the legend, and text
//! that is shortened or wrapped to the room it has.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::Drawn;
use crate::report::font::FAMILY;

pub(super) const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
pub(super) const MUTED: RGBColor = RGBColor(0x66, 0x66, 0x66);
pub(super) const GRID: RGBColor = RGBColor(0xe4, 0xe4, 0xe4);
pub(super) const OTHER: RGBColor = RGBColor(0x99, 0x99, 0x99);

/// Categorical colours for authors and clusters (Okabe-Ito without yellow, plus brown): told
/// apart by most colour-blind readers, and none is one of the dimension colours.
pub(super) const PALETTE: [RGBColor; 7] = [
    RGBColor(0xe6, 0x9f, 0x00),
    RGBColor(0x56, 0xb4, 0xe9),
    RGBColor(0x00, 0x9e, 0x73),
    RGBColor(0xcc, 0x79, 0xa7),
    RGBColor(0x00, 0x72, 0xb2),
    RGBColor(0xd5, 0x5e, 0x00),
    RGBColor(0x8c, 0x6d, 0x31),
];

/// The coordinates of every plot: numbers on both axes.
pub(super) type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Font sizes and strokes scaled to the chart width.
#[derive(Clone, Copy)]
pub(super) struct Theme {
    s: f64,
}

impl Theme {
    pub(super) fn new(w: u32) -> Theme {
        Theme {
            s: (w as f64 / 1200.0).clamp(0.4, 3.0),
        }
    }
    fn px(&self, base: f64, min: f64) -> f64 {
        (base * self.s).max(min)
    }
    pub(super) fn title(&self) -> f64 {
        self.px(26.0, 15.0)
    }
    pub(super) fn label(&self) -> f64 {
        self.px(18.0, 11.5)
    }
    pub(super) fn tick(&self) -> f64 {
        self.px(15.0, 10.0)
    }
    pub(super) fn small(&self) -> f64 {
        self.px(14.5, 10.0)
    }
    /// A length in pixels, scaled, at least `min`.
    pub(super) fn len(&self, base: f64, min: f64) -> i32 {
        self.px(base, min).round() as i32
    }
    pub(super) fn text(&self, size: f64, colour: &RGBColor) -> TextStyle<'static> {
        (FAMILY, size).into_font().color(colour)
    }
    /// The usual gap above a plot.
    pub(super) fn top(&self) -> i32 {
        self.len(12.0, 8.0)
    }
}

/// The chart frame: title on top, plot on the left, legend panel on the right.
pub(super) struct Frame<DB: DrawingBackend> {
    pub(super) plot: DrawingArea<DB, Shift>,
    legend: Option<DrawingArea<DB, Shift>>,
    pub(super) theme: Theme,
}

/// Fill `area` white, title it, and split off a legend panel of `legend` of the width.
pub(super) fn frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    legend: Option<f64>,
) -> Drawn<Frame<DB>> {
    let (w, _) = area.dim_in_pixel();
    let theme = Theme::new(w);
    area.fill(&WHITE)?;
    let title_h = (theme.title() * 2.0).round() as u32;
    let (top, body) = area.split_vertically(title_h);
    let style = theme
        .text(theme.title(), &INK)
        .pos(Pos::new(HPos::Center, VPos::Center));
    let shown = shorten_to_width(&top, title, &style, w.saturating_sub(20))?;
    top.draw_text(&shown, &style, (w as i32 / 2, title_h as i32 / 2 + 2))?;
    let (plot, legend) = if let Some(frac) = legend {
        let legend_w = (w as f64 * frac).clamp(150.0, 400.0) as u32;
        let (p, l) = body.split_horizontally(w.saturating_sub(legend_w));
        (p, Some(l))
    } else {
        (body, None)
    };
    Ok(Frame {
        plot,
        legend,
        theme,
    })
}

impl<DB: DrawingBackend> Frame<DB> {
    /// Draw `entries` in the legend panel (if the frame has one), starting `top` pixels down.
    pub(super) fn legend(&self, entries: &[Legend], top: i32) -> Drawn {
        match &self.legend {
            Some(panel) => draw_legend(panel, self.theme, entries, top),
            None => Ok(()),
        }
    }
}

/// The room around a plot: margins and the label areas on its left and bottom.
pub(super) struct Margins {
    pub(super) top: i32,
    pub(super) left: i32,
    pub(super) right: i32,
    /// Width of the label area left of the plot.
    pub(super) y_labels: i32,
}

impl Margins {
    /// The usual room for a plot with a numeric y axis.
    pub(super) fn standard(th: Theme) -> Margins {
        Margins {
            top: th.top(),
            left: th.len(10.0, 6.0),
            right: th.len(18.0, 10.0),
            y_labels: th.len(74.0, 48.0),
        }
    }
}

/// One axis: its title, how many labels, the step their decimals are chosen for, and whether
/// grid lines cross the plot at them.
pub(super) struct Axis<'a> {
    pub(super) desc: Option<&'a str>,
    pub(super) labels: usize,
    pub(super) step: f64,
    pub(super) grid: bool,
}

impl<'a> Axis<'a> {
    /// An axis titled `desc` with `labels` labels whose decimals suit `step`, and a grid.
    pub(super) fn new(desc: &'a str, labels: usize, step: f64) -> Axis<'a> {
        Axis {
            desc: Some(desc),
            labels,
            step,
            grid: true,
        }
    }
    /// An axis whose labels are drawn by hand (dates, names): no labels, no grid.
    pub(super) fn bare(desc: Option<&'a str>) -> Axis<'a> {
        Axis {
            desc,
            labels: 0,
            step: 1.0,
            grid: false,
        }
    }
}

/// The coordinates of a plot of `x` by `y` on `area` with margins `m`, nothing drawn yet.
pub(super) fn coordinates<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    th: Theme,
    m: Margins,
    (x_range, y_range): (std::ops::Range<f64>, std::ops::Range<f64>),
) -> Drawn<Plot<'_, DB>> {
    Ok(ChartBuilder::on(area)
        .margin_top(m.top)
        .margin_left(m.left)
        .margin_right(m.right)
        .margin_bottom(th.len(8.0, 5.0))
        .x_label_area_size(th.len(62.0, 40.0))
        .y_label_area_size(m.y_labels)
        .build_cartesian_2d(x_range, y_range)?)
}

/// Build the plot of `x` by `y` on `area` and draw its axes, labels and grid in the house style
/// (axis titles in `desc_font`).
pub(super) fn plot<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    th: Theme,
    m: Margins,
    ranges: (std::ops::Range<f64>, std::ops::Range<f64>),
    (x, y): (Axis, Axis),
    desc_font: f64,
) -> Drawn<Plot<'a, DB>> {
    let mut chart = coordinates(area, th, m, ranges)?;
    let (xs, ys) = (x.step, y.step);
    let fx = move |v: &f64| tick_number(*v, xs);
    let fy = move |v: &f64| tick_number(*v, ys);
    let mut mesh = chart.configure_mesh();
    mesh.axis_desc_style(th.text(desc_font, &INK))
        .label_style(th.text(th.tick(), &INK))
        .x_labels(x.labels)
        .y_labels(y.labels)
        .x_label_formatter(&fx)
        .y_label_formatter(&fy)
        .bold_line_style(GRID)
        .light_line_style(WHITE.mix(0.0))
        .axis_style(MUTED);
    if let Some(d) = x.desc {
        mesh.x_desc(d);
    }
    if let Some(d) = y.desc {
        mesh.y_desc(d);
    }
    if !x.grid {
        mesh.disable_x_mesh();
    }
    if !y.grid {
        mesh.disable_y_mesh();
    }
    mesh.draw()?;
    Ok(chart)
}

/// The pixel of data point `(x, y)` of `chart`, relative to `area`.
pub(super) fn pixel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    (x, y): (f64, f64),
) -> (i32, i32) {
    let base = area.get_base_pixel();
    let (px, py) = chart.backend_coord(&(x, y));
    (px - base.0, py - base.1)
}

/// Width in pixels of `text` in `style`.
pub(super) fn text_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
) -> Drawn<u32> {
    Ok(area.estimate_text_size(text, style)?.0)
}

/// `text`, shortened with "…" until it fits in `max_w` pixels.
pub(super) fn shorten_to_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max_w: u32,
) -> Drawn<String> {
    if text_width(area, text, style)? <= max_w {
        return Ok(text.to_string());
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let cand: String = chars[..mid].iter().collect::<String>() + "…";
        if text_width(area, &cand, style)? <= max_w {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let kept: String = chars[..lo].iter().collect();
    Ok(format!("{}…", kept.trim_end()))
}

/// Split `text` into at most `lines` lines that fit `max_w`, the last shortened with "…".
pub(super) fn wrap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max_w: u32,
    lines: usize,
) -> Drawn<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut i = 0;
    while i < words.len() {
        let cand = if current.is_empty() {
            words[i].to_string()
        } else {
            format!("{current} {}", words[i])
        };
        if text_width(area, &cand, style)? <= max_w || current.is_empty() {
            current = cand;
            i += 1;
        } else {
            if out.len() + 1 >= lines {
                break;
            }
            out.push(std::mem::take(&mut current));
        }
    }
    let rest: Vec<&str> = words[i..].to_vec();
    if !rest.is_empty() {
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&rest.join(" "));
    }
    if !current.is_empty() || out.is_empty() {
        out.push(current);
    }
    let mut fitted = Vec::with_capacity(out.len());
    for l in out {
        fitted.push(shorten_to_width(area, &l, style, max_w)?);
    }
    Ok(fitted)
}

/// Draw a message in the middle of an area (for charts without data).
pub(super) fn message<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: Theme,
    text: &str,
) -> Drawn {
    let (w, h) = area.dim_in_pixel();
    let style = theme
        .text(theme.label(), &MUTED)
        .pos(Pos::new(HPos::Center, VPos::Center));
    let shown = shorten_to_width(area, text, &style, w.saturating_sub(20))?;
    area.draw_text(&shown, &style, (w as i32 / 2, h as i32 / 2))?;
    Ok(())
}

/// Marker shapes, so that authors differ by shape as well as colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Shape {
    Circle,
    Triangle,
    Square,
    Diamond,
}

pub(super) const SHAPES: [Shape; 4] = [
    Shape::Circle,
    Shape::Triangle,
    Shape::Square,
    Shape::Diamond,
];

/// Draw a marker centred on pixel `(x, y)` of `area`.
pub(super) fn marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    shape: Shape,
    r: i32,
    colour: RGBColor,
    filled: bool,
) -> Drawn {
    let sw = (r / 3).max(1) as u32;
    let style = if filled {
        colour.mix(0.9).filled()
    } else {
        colour.stroke_width(sw)
    };
    let pts: Vec<(i32, i32)> = match shape {
        Shape::Circle => {
            area.draw(&Circle::new((x, y), r, style))?;
            return Ok(());
        }
        Shape::Triangle => vec![(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)],
        Shape::Square => {
            let q = r * 4 / 5 + 1;
            vec![
                (x - q, y - q),
                (x + q, y - q),
                (x + q, y + q),
                (x - q, y + q),
            ]
        }
        Shape::Diamond => vec![
            (x, y - r - 1),
            (x + r + 1, y),
            (x, y + r + 1),
            (x - r - 1, y),
        ],
    };
    if filled {
        area.draw(&Polygon::new(pts, style))?;
    } else {
        let mut closed = pts.clone();
        closed.push(pts[0]);
        area.draw(&PathElement::new(closed, style))?;
    }
    Ok(())
}

/// One legend entry.
pub(super) enum Legend {
    /// A bold heading.
    Heading(String),
    /// A marker.
    Marker {
        shape: Shape,
        colour: RGBColor,
        filled: bool,
        bar: bool,
        label: String,
    },
    /// A line.
    Line {
        colour: RGBColor,
        width: u32,
        label: String,
    },
    /// A shaded band.
    Band {
        colour: RGBColor,
        alpha: f64,
        label: String,
    },
    /// Free text (wrapped over up to three lines).
    Note(String),
}

impl Legend {
    /// A filled marker without a bar.
    pub(super) fn point(shape: Shape, colour: RGBColor, label: String) -> Legend {
        Legend::Marker {
            shape,
            colour,
            filled: true,
            bar: false,
            label,
        }
    }
}

/// Draw a legend label over up to three lines; returns the extra height used.
fn legend_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    label: &str,
    style: &TextStyle,
    max_w: u32,
    (x, y): (i32, i32),
    row: i32,
) -> Drawn<i32> {
    let lines = wrap(area, label, style, max_w, 3)?;
    let step = row * 4 / 5;
    for (i, l) in lines.iter().enumerate() {
        area.draw_text(l, style, (x, y + step * i as i32))?;
    }
    Ok(step * (lines.len() as i32 - 1).max(0))
}

/// The legend's text styles and the pixel grid its entries sit on.
struct LegendLayout<'a> {
    style: TextStyle<'a>,
    head: TextStyle<'a>,
    row: i32,
    sym_w: i32,
    x0: i32,
    text_x: i32,
    max_text: u32,
    /// Width for headings and notes, which use the whole panel.
    max_full: u32,
    r: i32,
}

fn legend_layout(w: u32, theme: Theme) -> LegendLayout<'static> {
    let font = theme.small();
    let row = (font * 1.55).round() as i32;
    let sym_w = (font * 2.0).round() as i32;
    let x0 = 6;
    let text_x = x0 + sym_w + 6;
    LegendLayout {
        style: theme
            .text(font, &INK)
            .pos(Pos::new(HPos::Left, VPos::Center)),
        head: theme
            .text(font, &MUTED)
            .pos(Pos::new(HPos::Left, VPos::Center)),
        row,
        sym_w,
        x0,
        text_x,
        max_text: (w as i32 - text_x - 6).max(20) as u32,
        max_full: (w as i32 - x0 - 6).max(20) as u32,
        r: theme.len(5.0, 3.0),
    }
}

fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: Theme,
    entries: &[Legend],
    top: i32,
) -> Drawn {
    let (w, h) = area.dim_in_pixel();
    let l = legend_layout(w, theme);
    let mut y = top + l.row / 2;
    for e in entries {
        if y + l.row / 2 > h as i32 {
            break;
        }
        y += legend_entry(area, &l, e, y)?;
        y += l.row;
    }
    Ok(())
}

/// Draw one legend entry on the row centred at `cy`; returns the extra height it took.
fn legend_entry<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    l: &LegendLayout,
    e: &Legend,
    cy: i32,
) -> Drawn<i32> {
    let (x0, sym_w) = (l.x0, l.sym_w);
    let label_at =
        |label: &str| legend_label(area, label, &l.style, l.max_text, (l.text_x, cy), l.row);
    match e {
        Legend::Heading(t) => {
            let t = shorten_to_width(area, t, &l.head, l.max_full)?;
            area.draw_text(&t, &l.head, (x0, cy))?;
            Ok(0)
        }
        Legend::Marker {
            shape,
            colour,
            filled,
            bar,
            label,
        } => {
            if *bar {
                area.draw(&PathElement::new(
                    vec![(x0, cy), (x0 + sym_w, cy)],
                    colour.stroke_width(2),
                ))?;
            }
            marker(area, (x0 + sym_w / 2, cy), *shape, l.r, *colour, *filled)?;
            label_at(label)
        }
        Legend::Line {
            colour,
            width,
            label,
        } => {
            area.draw(&PathElement::new(
                vec![(x0, cy), (x0 + sym_w, cy)],
                colour.stroke_width(*width),
            ))?;
            label_at(label)
        }
        Legend::Band {
            colour,
            alpha,
            label,
        } => {
            area.draw(&Rectangle::new(
                [(x0, cy - l.row / 3), (x0 + sym_w, cy + l.row / 3)],
                colour.mix(*alpha).filled(),
            ))?;
            label_at(label)
        }
        Legend::Note(t) => {
            let lines = wrap(area, t, &l.head, l.max_full, 3)?;
            let mut y = cy;
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    y += l.row;
                }
                area.draw_text(line, &l.head, (x0, y))?;
            }
            Ok(y - cy)
        }
    }
}

/// A finite value, or `None`.
pub(super) fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// A padded range covering `values` (finite ones), at least `min_span` wide; `fallback` when
/// there are none.
pub(super) fn padded_range(
    values: impl IntoIterator<Item = f64>,
    pad: f64,
    min_span: f64,
    fallback: (f64, f64),
) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for v in values.into_iter().filter_map(finite) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if lo > hi {
        return fallback;
    }
    let span = (hi - lo).max(min_span);
    let mid = (lo + hi) / 2.0;
    let (lo, hi) = (mid - span / 2.0, mid + span / 2.0);
    (lo - span * pad, hi + span * pad)
}

/// Format a number with few decimals for tick labels.
pub(super) fn tick_number(v: f64, step_hint: f64) -> String {
    let v = if v.abs() < 1e-9 { 0.0 } else { v };
    if step_hint >= 1.0 {
        format!("{v:.0}")
    } else if step_hint >= 0.1 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// `s` with its first letter in upper case.
pub(super) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// An author's name for a legend or label.
pub(super) fn author_display(a: &str) -> &str {
    if a.trim().is_empty() {
        "unknown author"
    } else {
        a
    }
}
