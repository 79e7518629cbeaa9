//! The charts: one drawing function per chart, generic over plotters' `DrawingBackend`, so the
//! PNG and the SVG of a chart come from the same code and cannot disagree.
//!
//! Layout is done in pixels from the chart size: font sizes scale with the width (readable at
//! 1200x800 and at a journal column's 700x450), legends sit in their own panel to the right of
//! the plot so they never cover data, and long labels are shortened with "…" to the space they
//! have. Every function accepts degenerate data (nothing, one point, all values equal,
//! non-finite values) and draws a chart that says so instead of failing.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ReportError;
use super::data::{AgreementChart, AuthorChart, ClusterMap, TimelineChart, TopCues};
use super::font::{self, FAMILY};
use crate::corpus::{DatePrecision, civil_from_days, days_from_civil, days_in_month};
use crate::dimension::Dimension;

/// Hostility, everywhere.
pub const HOSTILITY: RGBColor = RGBColor(0xc0, 0x39, 0x2b);
/// Rapprochement, everywhere.
pub const RAPPROCHEMENT: RGBColor = RGBColor(0x16, 0xa0, 0x85);
/// Uncertainty, everywhere.
pub const UNCERTAINTY: RGBColor = RGBColor(0x8e, 0x44, 0xad);
/// The tension index, everywhere.
pub const TENSION: RGBColor = RGBColor(0x1f, 0x3a, 0x93);

const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const MUTED: RGBColor = RGBColor(0x66, 0x66, 0x66);
const GRID: RGBColor = RGBColor(0xe4, 0xe4, 0xe4);
const OTHER: RGBColor = RGBColor(0x99, 0x99, 0x99);

/// Categorical colours for authors and clusters (Okabe-Ito without yellow, plus brown): told
/// apart by most colour-blind readers, and none is one of the dimension colours.
const PALETTE: [RGBColor; 7] = [
    RGBColor(0xe6, 0x9f, 0x00),
    RGBColor(0x56, 0xb4, 0xe9),
    RGBColor(0x00, 0x9e, 0x73),
    RGBColor(0xcc, 0x79, 0xa7),
    RGBColor(0x00, 0x72, 0xb2),
    RGBColor(0xd5, 0x5e, 0x00),
    RGBColor(0x8c, 0x6d, 0x31),
];

/// The colour of a dimension (the same in every chart).
pub fn dimension_colour(d: Dimension) -> RGBColor {
    match d {
        Dimension::Hostility => HOSTILITY,
        Dimension::Rapprochement => RAPPROCHEMENT,
        Dimension::Uncertainty => UNCERTAINTY,
    }
}

/// A chart that can be drawn on any backend.
pub trait Draw {
    /// Short name, used in file names (`charts/<name>.png`) and error messages.
    fn name(&self) -> &'static str;
    /// Draw the chart on `area` (filling all of it).
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ReportError>;
}

/// Largest width or height accepted, so a mistyped size cannot allocate gigabytes.
const MAX_SIDE: u32 = 8000;

fn check_size(w: u32, h: u32) -> Result<(), ReportError> {
    if w < 200 || h < 150 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(ReportError::Draw {
            chart: "size".into(),
            message: format!(
                "chart size {w}x{h} is out of range (200x150 to {MAX_SIDE}x{MAX_SIDE})"
            ),
        });
    }
    Ok(())
}

/// Draw `chart` into a `w` x `h` RGB bitmap and encode it as PNG bytes (deterministic: same
/// input, same bytes).
pub fn render_png<C: Draw + ?Sized>(w: u32, h: u32, chart: &C) -> Result<Vec<u8>, ReportError> {
    check_size(w, h)?;
    font::ensure_registered()?;
    let mut buf = vec![255u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        chart.draw(&root)?;
        root.present().map_err(de(chart.name()))?;
    }
    encode_png(&buf, w, h)
}

/// Draw `chart` as an SVG document of `w` x `h` (view box of the same size).
pub fn render_svg<C: Draw + ?Sized>(w: u32, h: u32, chart: &C) -> Result<String, ReportError> {
    check_size(w, h)?;
    font::ensure_registered()?;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        chart.draw(&root)?;
        root.present().map_err(de(chart.name()))?;
    }
    // plotters writes the registered family name; name the bundled face first so viewers that
    // have it lay text out as in the PNG. Text content is escaped by plotters (`"` becomes
    // `&quot;`), so this exact attribute cannot occur inside document text.
    let family = format!("font-family=\"{}\"", font::SVG_FAMILY);
    Ok(out.replace(&format!("font-family=\"{FAMILY}\""), &family))
}

/// Encode an RGB buffer as PNG.
pub fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, ReportError> {
    let mut out = Vec::new();
    let enc_err = |e: png::EncodingError| ReportError::Encode(e.to_string());
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().map_err(enc_err)?;
        writer.write_image_data(rgb).map_err(enc_err)?;
        writer.finish().map_err(enc_err)?;
    }
    Ok(out)
}

/// Turn a plotters error into a [`ReportError`] naming the chart.
fn de<E: std::fmt::Display>(chart: &'static str) -> impl Fn(E) -> ReportError {
    move |e| ReportError::Draw {
        chart: chart.to_string(),
        message: e.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Layout helpers

/// Font sizes and strokes scaled to the chart width.
#[derive(Clone, Copy)]
struct Theme {
    s: f64,
}

impl Theme {
    fn new(w: u32) -> Theme {
        Theme {
            s: (w as f64 / 1200.0).clamp(0.4, 3.0),
        }
    }
    fn px(&self, base: f64, min: f64) -> f64 {
        (base * self.s).max(min)
    }
    fn title(&self) -> f64 {
        self.px(26.0, 15.0)
    }
    fn label(&self) -> f64 {
        self.px(18.0, 11.5)
    }
    fn tick(&self) -> f64 {
        self.px(15.0, 10.0)
    }
    fn small(&self) -> f64 {
        self.px(14.5, 10.0)
    }
    /// A length in pixels, scaled, at least `min`.
    fn len(&self, base: f64, min: f64) -> i32 {
        self.px(base, min).round() as i32
    }
    fn text(&self, size: f64, colour: &RGBColor) -> TextStyle<'static> {
        (FAMILY, size).into_font().color(colour)
    }
}

/// The chart frame: title on top, plot on the left, legend panel on the right.
struct Frame<DB: DrawingBackend> {
    plot: DrawingArea<DB, Shift>,
    legend: Option<DrawingArea<DB, Shift>>,
    theme: Theme,
}

fn frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    name: &'static str,
    title: &str,
    legend: Option<f64>,
) -> Result<Frame<DB>, ReportError> {
    let (w, _) = area.dim_in_pixel();
    let theme = Theme::new(w);
    area.fill(&WHITE).map_err(de(name))?;
    let title_h = (theme.title() * 2.0).round() as u32;
    let (top, body) = area.split_vertically(title_h);
    let style = theme
        .text(theme.title(), &INK)
        .pos(Pos::new(HPos::Center, VPos::Center));
    let shown = shorten_to_width(&top, title, &style, w.saturating_sub(20))?;
    top.draw_text(&shown, &style, (w as i32 / 2, title_h as i32 / 2 + 2))
        .map_err(de(name))?;
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

/// `text`, shortened with "…" until it fits in `max_w` pixels.
fn shorten_to_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max_w: u32,
) -> Result<String, ReportError> {
    let width = |t: &str| -> Result<u32, ReportError> {
        area.estimate_text_size(t, style)
            .map(|(w, _)| w)
            .map_err(de("text"))
    };
    if width(text)? <= max_w {
        return Ok(text.to_string());
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let cand: String = chars[..mid].iter().collect::<String>() + "…";
        if width(&cand)? <= max_w {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let kept: String = chars[..lo].iter().collect();
    Ok(format!("{}…", kept.trim_end()))
}

/// Split `text` into at most `lines` lines that fit `max_w`, the last shortened with "…".
fn wrap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max_w: u32,
    lines: usize,
) -> Result<Vec<String>, ReportError> {
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
        let w = area.estimate_text_size(&cand, style).map_err(de("text"))?.0;
        if w <= max_w || current.is_empty() {
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
fn message<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: Theme,
    text: &str,
    name: &'static str,
) -> Result<(), ReportError> {
    let (w, h) = area.dim_in_pixel();
    let style = theme
        .text(theme.label(), &MUTED)
        .pos(Pos::new(HPos::Center, VPos::Center));
    let shown = shorten_to_width(area, text, &style, w.saturating_sub(20))?;
    area.draw_text(&shown, &style, (w as i32 / 2, h as i32 / 2))
        .map_err(de(name))
}

/// Marker shapes, so that authors differ by shape as well as colour.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    Circle,
    Triangle,
    Square,
    Diamond,
}

const SHAPES: [Shape; 4] = [
    Shape::Circle,
    Shape::Triangle,
    Shape::Square,
    Shape::Diamond,
];

/// Draw a marker centred on pixel `(x, y)` of `area`.
fn marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    shape: Shape,
    r: i32,
    colour: RGBColor,
    filled: bool,
    name: &'static str,
) -> Result<(), ReportError> {
    let sw = (r / 3).max(1) as u32;
    let style = if filled {
        colour.mix(0.9).filled()
    } else {
        colour.stroke_width(sw)
    };
    let pts: Vec<(i32, i32)> = match shape {
        Shape::Circle => {
            return area.draw(&Circle::new((x, y), r, style)).map_err(de(name));
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
        area.draw(&Polygon::new(pts, style)).map_err(de(name))
    } else {
        let mut closed = pts.clone();
        closed.push(pts[0]);
        area.draw(&PathElement::new(closed, style))
            .map_err(de(name))
    }
}

/// One legend entry.
enum Legend {
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
    /// Free text (wrapped over up to two lines).
    Note(String),
}

/// Draw a legend label over up to two lines; returns the extra height used.
fn legend_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    label: &str,
    style: &TextStyle,
    max_w: u32,
    (x, y): (i32, i32),
    row: i32,
    name: &'static str,
) -> Result<i32, ReportError> {
    let lines = wrap(area, label, style, max_w, 2)?;
    let step = row * 4 / 5;
    for (i, l) in lines.iter().enumerate() {
        area.draw_text(l, style, (x, y + step * i as i32))
            .map_err(de(name))?;
    }
    Ok(step * (lines.len() as i32 - 1).max(0))
}

fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: Theme,
    entries: &[Legend],
    top: i32,
    name: &'static str,
) -> Result<(), ReportError> {
    let (w, h) = area.dim_in_pixel();
    let font = theme.small();
    let style = theme
        .text(font, &INK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let head = theme
        .text(font, &MUTED)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let row = (font * 1.55).round() as i32;
    let sym_w = (font * 2.0).round() as i32;
    let x0 = 6;
    let text_x = x0 + sym_w + 6;
    let max_text = (w as i32 - text_x - 6).max(20) as u32;
    let mut y = top + row / 2;
    let r = theme.len(5.0, 3.0);
    for e in entries {
        if y + row / 2 > h as i32 {
            break;
        }
        let cy = y;
        let cx = x0 + sym_w / 2;
        match e {
            Legend::Heading(t) => {
                let t = shorten_to_width(area, t, &head, (w as i32 - x0 - 6).max(20) as u32)?;
                area.draw_text(&t, &head, (x0, cy)).map_err(de(name))?;
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
                    ))
                    .map_err(de(name))?;
                }
                marker(area, (cx, cy), *shape, r, *colour, *filled, name)?;
                y += legend_label(area, label, &style, max_text, (text_x, cy), row, name)?;
            }
            Legend::Line {
                colour,
                width,
                label,
            } => {
                area.draw(&PathElement::new(
                    vec![(x0, cy), (x0 + sym_w, cy)],
                    colour.stroke_width(*width),
                ))
                .map_err(de(name))?;
                y += legend_label(area, label, &style, max_text, (text_x, cy), row, name)?;
            }
            Legend::Band {
                colour,
                alpha,
                label,
            } => {
                area.draw(&Rectangle::new(
                    [(x0, cy - row / 3), (x0 + sym_w, cy + row / 3)],
                    colour.mix(*alpha).filled(),
                ))
                .map_err(de(name))?;
                y += legend_label(area, label, &style, max_text, (text_x, cy), row, name)?;
            }
            Legend::Note(t) => {
                let lines = wrap(area, t, &head, (w as i32 - x0 - 6).max(20) as u32, 3)?;
                for (i, l) in lines.iter().enumerate() {
                    if i > 0 {
                        y += row;
                    }
                    area.draw_text(l, &head, (x0, y)).map_err(de(name))?;
                }
            }
        }
        y += row;
    }
    Ok(())
}

/// A finite value, or `None`.
fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// A padded range covering `values` (finite ones), at least `min_span` wide; `fallback` when
/// there are none.
fn padded_range(
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
fn tick_number(v: f64, step_hint: f64) -> String {
    let v = if v.abs() < 1e-9 { 0.0 } else { v };
    if step_hint >= 1.0 {
        format!("{v:.0}")
    } else if step_hint >= 0.1 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

// ---------------------------------------------------------------------------------------------
// Time axis

/// A date axis: range in day numbers and the month starts to label.
struct TimeAxis {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
    step_months: i64,
}

/// Month index (year*12 + month-1) of a day number.
fn month_index(day: f64) -> i64 {
    let (y, m, _) = civil_from_days(day.floor() as i64);
    y as i64 * 12 + (m as i64 - 1)
}

fn month_start(index: i64) -> i64 {
    let y = index.div_euclid(12) as i32;
    let m = (index.rem_euclid(12) + 1) as u8;
    days_from_civil(y, m, 1)
}

/// First and one-past-last day of the month or year a document's date covers.
fn date_extent(day: f64, precision: DatePrecision) -> (f64, f64) {
    let (y, m, _) = civil_from_days(day.floor() as i64);
    match precision {
        DatePrecision::Day => (day, day),
        DatePrecision::Month => {
            let s = days_from_civil(y, m, 1) as f64;
            (s, s + days_in_month(y, m) as f64)
        }
        DatePrecision::Year => (
            days_from_civil(y, 1, 1) as f64,
            days_from_civil(y + 1, 1, 1) as f64,
        ),
    }
}

fn time_axis(days: &[f64], max_ticks: usize) -> TimeAxis {
    let (mut lo, mut hi) = padded_range(days.iter().copied(), 0.0, 0.0, (f64::NAN, f64::NAN));
    if !lo.is_finite() {
        lo = days_from_civil(1970, 1, 1) as f64;
        hi = lo + 365.0;
    }
    if hi - lo < 28.0 {
        let mid = (lo + hi) / 2.0;
        lo = mid - 14.0;
        hi = mid + 14.0;
    }
    let pad = (hi - lo) * 0.02;
    lo -= pad;
    hi += pad;
    let max_ticks = max_ticks.max(2) as i64;
    let first = month_index(lo);
    let last = month_index(hi) + 1;
    let months = last - first;
    let step = [1i64, 2, 3, 6, 12, 24, 60, 120, 240, 600]
        .into_iter()
        .find(|s| months / s <= max_ticks)
        .unwrap_or(1200);
    let mut ticks = Vec::new();
    let mut i = first - first.rem_euclid(step);
    while i <= last {
        let d = month_start(i) as f64;
        if d >= lo && d <= hi {
            ticks.push(d);
        }
        i += step;
    }
    TimeAxis {
        lo,
        hi,
        ticks,
        step_months: step,
    }
}

/// Draw the date ticks of `axis`: a light vertical grid line across the plot and a label under
/// the axis at each tick. (Done by hand: plotters' key-point axis has no label formatter.)
fn draw_time_ticks<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &ChartContext<DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    axis: &TimeAxis,
    (ymin, ymax): (f64, f64),
    th: Theme,
    name: &'static str,
) -> Result<(), ReportError> {
    let base = area.get_base_pixel();
    let style = th
        .text(th.tick(), &INK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let tick = th.len(5.0, 3.0);
    for &d in &axis.ticks {
        chart
            .plotting_area()
            .draw(&PathElement::new(
                vec![(d, ymin), (d, ymax)],
                GRID.stroke_width(1),
            ))
            .map_err(de(name))?;
        let (px, py) = chart.backend_coord(&(d, ymin));
        let (px, py) = (px - base.0, py - base.1);
        area.draw(&PathElement::new(
            vec![(px, py), (px, py + tick)],
            MUTED.stroke_width(1),
        ))
        .map_err(de(name))?;
        area.draw_text(
            &format_tick_day(d, axis.step_months),
            &style,
            (px, py + tick + 3),
        )
        .map_err(de(name))?;
    }
    Ok(())
}

fn format_tick_day(day: f64, step_months: i64) -> String {
    let (y, m, _) = civil_from_days(day.round() as i64);
    if step_months >= 12 {
        format!("{y}")
    } else {
        format!("{y}-{m:02}")
    }
}

// ---------------------------------------------------------------------------------------------
// 1. Tension over time

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

fn author_display(a: &str) -> &str {
    if a.trim().is_empty() {
        "unknown author"
    } else {
        a
    }
}

impl Draw for TensionChart<'_> {
    fn name(&self) -> &'static str {
        "tension"
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ReportError> {
        let t = self.0;
        let name = self.name();
        let title = if t.title.is_empty() {
            "Tension over time"
        } else {
            &t.title
        };
        let f = frame(area, name, title, Some(0.22))?;
        let th = f.theme;

        // X extent: documents (with the span of their dates), periods, events, curve.
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
        if days.iter().all(|d| !d.is_finite()) {
            return message(&f.plot, th, "No dated documents to draw", name);
        }

        let (pw, _) = f.plot.dim_in_pixel();
        let tick_w = th.tick() * 5.2;
        let axis = time_axis(&days, ((pw as f64 - 100.0) / (tick_w * 1.7)) as usize);

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

        // Event labels sit in rows above the plot, never over the data.
        let label_font = th.small();
        let label_style = th
            .text(label_font, &INK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        let mut events: Vec<&super::data::EventMark> = t.events.iter().collect();
        events.sort_by(|a, b| a.start_day.cmp(&b.start_day).then(a.label.cmp(&b.label)));
        let rows = events.len().min(3);
        let row_h = (label_font * 1.5).round() as i32;
        let top_margin = th.len(12.0, 8.0) + rows as i32 * row_h;

        let mut chart = ChartBuilder::on(&f.plot)
            .margin_top(top_margin)
            .margin_left(th.len(10.0, 6.0))
            .margin_right(th.len(18.0, 10.0))
            .margin_bottom(th.len(8.0, 5.0))
            .x_label_area_size(th.len(62.0, 40.0))
            .y_label_area_size(th.len(74.0, 48.0))
            .build_cartesian_2d(axis.lo..axis.hi, ymin..ymax)
            .map_err(de(name))?;
        chart
            .configure_mesh()
            .x_desc("Date of document")
            .y_desc("Tension index (0-10)")
            .axis_desc_style(th.text(th.label(), &INK))
            .label_style(th.text(th.tick(), &INK))
            .x_labels(0)
            .disable_x_mesh()
            .y_labels(6)
            .y_label_formatter(&|v| tick_number(*v, 1.0))
            .bold_line_style(GRID)
            .light_line_style(WHITE.mix(0.0))
            .axis_style(MUTED)
            .draw()
            .map_err(de(name))?;
        draw_time_ticks(area, &chart, &axis, (ymin, ymax), th, name)?;

        let base = area.get_base_pixel();
        let to_px = |x: f64, y: f64| {
            let (px, py) = chart.backend_coord(&(x, y));
            (px - base.0, py - base.1)
        };
        let plot_area = chart.plotting_area();

        // Events: ranges shaded, single days as a dashed line; labels above.
        for e in &events {
            let (a, b) = (e.start_day as f64, e.end_day as f64 + 1.0);
            if e.end_day > e.start_day {
                plot_area
                    .draw(&Rectangle::new(
                        [(a, ymin), (b, ymax)],
                        RGBColor(0x70, 0x70, 0x70).mix(0.12).filled(),
                    ))
                    .map_err(de(name))?;
            } else {
                let x = (a + b) / 2.0;
                plot_area
                    .draw(&DashedPathElement::new(
                        vec![(x, ymin), (x, ymax)],
                        5,
                        4,
                        MUTED.stroke_width(1),
                    ))
                    .map_err(de(name))?;
            }
        }
        let (plot_left, plot_top) = to_px(axis.lo, ymax);
        let (plot_right, _) = to_px(axis.hi, ymax);
        let mut row_end = vec![i32::MIN; rows.max(1)];
        for (i, e) in events.iter().enumerate() {
            let x_day = if e.end_day > e.start_day {
                e.start_day as f64
            } else {
                e.start_day as f64 + 0.5
            };
            let (x, _) = to_px(x_day, ymax);
            let full_w = area
                .estimate_text_size(&e.label, &label_style)
                .map_err(de(name))?
                .0 as i32;
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
            let shown = shorten_to_width(area, &e.label, &label_style, avail.max(30) as u32)?;
            let w = area
                .estimate_text_size(&shown, &label_style)
                .map_err(de(name))?
                .0 as i32;
            area.draw(&PathElement::new(
                vec![(x, y + row_h / 3), (x, plot_top)],
                MUTED.stroke_width(1),
            ))
            .map_err(de(name))?;
            area.draw_text(&shown, &label_style, (tx, y))
                .map_err(de(name))?;
            row_end[row] = row_end[row].max(tx + w);
        }

        // Period means and their intervals, as steps over each period.
        for p in t.periods.iter().filter(|p| p.documents > 0) {
            let (a, b) = (p.start_day as f64, p.end_day as f64 + 1.0);
            if let (Some(lo), Some(hi)) = (finite(p.low.tension), finite(p.high.tension)) {
                plot_area
                    .draw(&Rectangle::new(
                        [(a, lo), (b, hi)],
                        TENSION.mix(0.13).filled(),
                    ))
                    .map_err(de(name))?;
            }
            if let Some(m) = finite(p.mean.tension) {
                plot_area
                    .draw(&PathElement::new(
                        vec![(a, m), (b, m)],
                        TENSION.stroke_width(th.len(3.0, 2.0) as u32),
                    ))
                    .map_err(de(name))?;
            }
        }

        // Documents.
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
            let p = to_px(day, v);
            if d.precision == DatePrecision::Day {
                marker(area, p, shape, r, colour, true, name)?;
            } else {
                any_month |= d.precision == DatePrecision::Month;
                any_year |= d.precision == DatePrecision::Year;
                let (a, b) = date_extent(day, d.precision);
                // Thin and light, so it is not mistaken for a period mean.
                plot_area
                    .draw(&PathElement::new(
                        vec![(a, v), (b, v)],
                        colour.mix(0.7).stroke_width(1),
                    ))
                    .map_err(de(name))?;
                marker(area, p, shape, r, colour, false, name)?;
            }
        }

        // Smoothed curve on top.
        let curve: Vec<(f64, f64)> = t
            .smoothed
            .iter()
            .filter(|p| p.0.is_finite() && p.1.is_finite())
            .copied()
            .collect();
        if curve.len() >= 2 {
            plot_area
                .draw(&PathElement::new(curve, INK.stroke_width(2)))
                .map_err(de(name))?;
        }

        // Legend.
        let (authors, others) = author_styles(t);
        let mut entries = vec![Legend::Heading("Documents by author".into())];
        for (i, (a, n)) in authors.iter().enumerate() {
            entries.push(Legend::Marker {
                shape: SHAPES[i % SHAPES.len()],
                colour: PALETTE[i % PALETTE.len()],
                filled: true,
                bar: false,
                label: format!("{} (n={n})", author_display(a)),
            });
        }
        if others > 0 {
            entries.push(Legend::Marker {
                shape: Shape::Circle,
                colour: OTHER,
                filled: true,
                bar: false,
                label: format!("other authors (n={others})"),
            });
        }
        if any_month {
            entries.push(Legend::Marker {
                shape: Shape::Circle,
                colour: MUTED,
                filled: false,
                bar: true,
                label: "dated to the month".into(),
            });
        }
        if any_year {
            entries.push(Legend::Marker {
                shape: Shape::Circle,
                colour: MUTED,
                filled: false,
                bar: true,
                label: "dated to the year".into(),
            });
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
        if let Some(legend) = &f.legend {
            draw_legend(legend, th, &entries, top_margin, name)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// 2. The three dimensions over time

/// Chart 2: hostility, rapprochement and uncertainty period means over time.
pub struct DimensionsChart<'a>(pub &'a TimelineChart);

impl Draw for DimensionsChart<'_> {
    fn name(&self) -> &'static str {
        "dimensions"
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ReportError> {
        let t = self.0;
        let name = self.name();
        let f = frame(
            area,
            name,
            "Hostility, rapprochement and uncertainty over time",
            Some(0.2),
        )?;
        let th = f.theme;
        let periods: Vec<_> = t.periods.iter().filter(|p| p.documents > 0).collect();
        if periods.is_empty() {
            return message(&f.plot, th, "No periods with documents to draw", name);
        }
        let mid =
            |p: &super::data::PeriodPoint| (p.start_day as f64 + p.end_day as f64 + 1.0) / 2.0;
        let mut days: Vec<f64> = Vec::new();
        for p in &periods {
            days.extend([p.start_day as f64, p.end_day as f64 + 1.0]);
        }
        let (pw, _) = f.plot.dim_in_pixel();
        let axis = time_axis(
            &days,
            ((pw as f64 - 100.0) / (th.tick() * 5.2 * 1.7)) as usize,
        );
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

        let mut chart = ChartBuilder::on(&f.plot)
            .margin_top(th.len(12.0, 8.0))
            .margin_left(th.len(10.0, 6.0))
            .margin_right(th.len(18.0, 10.0))
            .margin_bottom(th.len(8.0, 5.0))
            .x_label_area_size(th.len(62.0, 40.0))
            .y_label_area_size(th.len(74.0, 48.0))
            .build_cartesian_2d(axis.lo..axis.hi, lo..hi)
            .map_err(de(name))?;
        let ystep = (hi - lo) / 6.0;
        let fmt_y = move |v: &f64| tick_number(*v, ystep);
        chart
            .configure_mesh()
            .x_desc("Period (mid-point)")
            .y_desc("Score (points per 1,000 words)")
            .axis_desc_style(th.text(th.label(), &INK))
            .label_style(th.text(th.tick(), &INK))
            .x_labels(0)
            .disable_x_mesh()
            .y_labels(6)
            .y_label_formatter(&fmt_y)
            .bold_line_style(GRID)
            .light_line_style(WHITE.mix(0.0))
            .axis_style(MUTED)
            .draw()
            .map_err(de(name))?;
        draw_time_ticks(area, &chart, &axis, (lo, hi), th, name)?;
        let base = area.get_base_pixel();
        let r = th.len(5.0, 3.0);
        let shapes = [Shape::Circle, Shape::Triangle, Shape::Square];
        for (k, d) in Dimension::ALL.into_iter().enumerate() {
            let colour = dimension_colour(d);
            let pts: Vec<(f64, f64)> = periods
                .iter()
                .filter_map(|p| finite(p.mean.get(d)).map(|v| (mid(p), v)))
                .collect();
            if pts.len() >= 2 {
                chart
                    .plotting_area()
                    .draw(&PathElement::new(
                        pts.clone(),
                        colour.stroke_width(th.len(2.5, 2.0) as u32),
                    ))
                    .map_err(de(name))?;
            }
            for (x, y) in pts {
                let (px, py) = chart.backend_coord(&(x, y));
                marker(
                    area,
                    (px - base.0, py - base.1),
                    shapes[k],
                    r,
                    colour,
                    true,
                    name,
                )?;
            }
        }
        let mut entries = vec![Legend::Heading("Mean per period".into())];
        for (k, d) in Dimension::ALL.into_iter().enumerate() {
            entries.push(Legend::Marker {
                shape: shapes[k],
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
        if let Some(legend) = &f.legend {
            draw_legend(legend, th, &entries, th.len(12.0, 8.0), name)?;
        }
        Ok(())
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Cluster map

/// Chart 3: the 2-D projection of the documents, coloured by cluster.
pub struct ClusterChart<'a>(pub &'a ClusterMap);

impl Draw for ClusterChart<'_> {
    fn name(&self) -> &'static str {
        "clusters"
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ReportError> {
        let c = self.0;
        let name = self.name();
        let f = frame(
            area,
            name,
            "Documents by cluster (2-D projection)",
            Some(0.3),
        )?;
        let th = f.theme;
        let pts: Vec<_> = c
            .points
            .iter()
            .filter(|p| p.x.is_finite() && p.y.is_finite())
            .collect();
        if pts.is_empty() {
            return message(&f.plot, th, "No documents to project", name);
        }
        let (x0, x1) = padded_range(pts.iter().map(|p| p.x), 0.06, 1e-6, (0.0, 1.0));
        let (y0, y1) = padded_range(pts.iter().map(|p| p.y), 0.06, 1e-6, (0.0, 1.0));
        let x_label = if c.x_label.is_empty() {
            "Component 1"
        } else {
            &c.x_label
        };
        let y_label = if c.y_label.is_empty() {
            "Component 2"
        } else {
            &c.y_label
        };
        let mut chart = ChartBuilder::on(&f.plot)
            .margin_top(th.len(12.0, 8.0))
            .margin_left(th.len(10.0, 6.0))
            .margin_right(th.len(18.0, 10.0))
            .margin_bottom(th.len(8.0, 5.0))
            .x_label_area_size(th.len(62.0, 40.0))
            .y_label_area_size(th.len(74.0, 48.0))
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(de(name))?;
        let (xs, ys) = ((x1 - x0) / 6.0, (y1 - y0) / 6.0);
        let fx = move |v: &f64| tick_number(*v, xs);
        let fy = move |v: &f64| tick_number(*v, ys);
        chart
            .configure_mesh()
            .x_desc(x_label)
            .y_desc(y_label)
            .axis_desc_style(th.text(th.label(), &INK))
            .label_style(th.text(th.tick(), &INK))
            .x_labels(7)
            .y_labels(7)
            .x_label_formatter(&fx)
            .y_label_formatter(&fy)
            .bold_line_style(GRID)
            .light_line_style(WHITE.mix(0.0))
            .axis_style(MUTED)
            .draw()
            .map_err(de(name))?;
        let style_of = |k: Option<usize>| match k {
            Some(i) => (
                PALETTE[i % PALETTE.len()],
                SHAPES[(i / PALETTE.len()) % SHAPES.len()],
            ),
            None => (OTHER, Shape::Circle),
        };
        let base = area.get_base_pixel();
        let r = th.len(6.0, 3.0);
        for p in &pts {
            let (colour, shape) = style_of(p.cluster);
            let (px, py) = chart.backend_coord(&(p.x, p.y));
            marker(
                area,
                (px - base.0, py - base.1),
                shape,
                r,
                colour,
                p.cluster.is_some(),
                name,
            )?;
        }
        // Legend: every cluster named, with its size.
        let mut counts: std::collections::BTreeMap<Option<usize>, usize> = Default::default();
        for p in &pts {
            *counts.entry(p.cluster).or_default() += 1;
        }
        let mut entries = vec![Legend::Heading("Cluster (documents)".into())];
        let n_clusters = c.cluster_names.len().max(
            counts
                .keys()
                .filter_map(|k| k.map(|i| i + 1))
                .max()
                .unwrap_or(0),
        );
        for i in 0..n_clusters {
            let (colour, shape) = style_of(Some(i));
            let desc = c.cluster_names.get(i).map(String::as_str).unwrap_or("");
            let n = counts.get(&Some(i)).copied().unwrap_or(0);
            // The count first, so that shortening a long description never hides it.
            let label = if desc.is_empty() {
                format!("{} (n={n})", i)
            } else {
                format!("{} (n={n}): {desc}", i)
            };
            entries.push(Legend::Marker {
                shape,
                colour,
                filled: true,
                bar: false,
                label,
            });
        }
        if let Some(n) = counts.get(&None) {
            entries.push(Legend::Marker {
                shape: Shape::Circle,
                colour: OTHER,
                filled: false,
                bar: false,
                label: format!("no cluster (n={n})"),
            });
        }
        if let Some(legend) = &f.legend {
            draw_legend(legend, th, &entries, th.len(12.0, 8.0), name)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// 4. By author

/// Chart 4: mean tension per author with its interval.
pub struct AuthorsChart<'a>(pub &'a AuthorChart);

impl Draw for AuthorsChart<'_> {
    fn name(&self) -> &'static str {
        "authors"
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ReportError> {
        let a = self.0;
        let name = self.name();
        let f = frame(area, name, "Mean tension by author", None)?;
        let th = f.theme;
        let rows: Vec<_> = a
            .rows
            .iter()
            .filter(|r| r.mean_tension.is_finite())
            .collect();
        if rows.is_empty() {
            return message(&f.plot, th, "No authors to compare", name);
        }
        let (pw, ph) = f.plot.dim_in_pixel();
        let label_style = th
            .text(th.tick(), &INK)
            .pos(Pos::new(HPos::Right, VPos::Center));
        let labels: Vec<String> = rows
            .iter()
            .map(|r| format!("{} (n={})", author_display(&r.author), r.documents))
            .collect();
        let mut label_w = 0u32;
        for l in &labels {
            label_w = label_w.max(
                f.plot
                    .estimate_text_size(l, &label_style)
                    .map_err(de(name))?
                    .0,
            );
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
        let n = rows.len();
        let mut chart = ChartBuilder::on(&f.plot)
            .margin_top(th.len(12.0, 8.0))
            .margin_right(th.len(30.0, 15.0))
            .margin_bottom(th.len(8.0, 5.0))
            .x_label_area_size(th.len(62.0, 40.0))
            .y_label_area_size(label_w)
            .build_cartesian_2d(lo..hi, 0.0..n as f64)
            .map_err(de(name))?;
        chart
            .configure_mesh()
            .x_desc("Mean tension index (0-10), with interval")
            .axis_desc_style(th.text(th.label(), &INK))
            .label_style(th.text(th.tick(), &INK))
            .x_labels(11)
            .x_label_formatter(&|v| tick_number(*v, 1.0))
            .y_labels(0)
            .disable_y_mesh()
            .bold_line_style(GRID)
            .light_line_style(WHITE.mix(0.0))
            .axis_style(MUTED)
            .draw()
            .map_err(de(name))?;
        let base = area.get_base_pixel();
        let to_px = |x: f64, y: f64| {
            let (px, py) = chart.backend_coord(&(x, y));
            (px - base.0, py - base.1)
        };
        let row_px = ph as f64 / n as f64;
        let r = th.len(6.0, 3.0).min((row_px / 3.0) as i32).max(2);
        let cap = (r as f64 * 0.9) as i32;
        let (plot_left, _) = to_px(lo, 0.0);
        for (i, (row, label)) in rows.iter().zip(&labels).enumerate() {
            let y = n as f64 - i as f64 - 0.5;
            let (_, py) = to_px(lo, y);
            let shown = shorten_to_width(area, label, &label_style, label_w - 14)?;
            area.draw_text(&shown, &label_style, (plot_left - 8, py))
                .map_err(de(name))?;
            if let (Some(l), Some(h)) = (finite(row.low), finite(row.high)) {
                let (x0, _) = to_px(l, y);
                let (x1, _) = to_px(h, y);
                let st = TENSION.stroke_width(2);
                for seg in [
                    vec![(x0, py), (x1, py)],
                    vec![(x0, py - cap), (x0, py + cap)],
                    vec![(x1, py - cap), (x1, py + cap)],
                ] {
                    area.draw(&PathElement::new(seg, st)).map_err(de(name))?;
                }
            }
            let p = to_px(row.mean_tension, y);
            marker(area, p, Shape::Circle, r, TENSION, true, name)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// 5. Top cues

/// Chart 5: the cues that contribute most to each dimension.
pub struct CuesChart<'a>(pub &'a TopCues);

impl Draw for CuesChart<'_> {
    fn name(&self) -> &'static str {
        "cues"
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ReportError> {
        let c = self.0;
        let name = self.name();
        let f = frame(area, name, "Cues contributing most to each dimension", None)?;
        let th = f.theme;
        if c.per_dimension.iter().all(|(_, v)| v.is_empty()) {
            return message(&f.plot, th, "No cues matched", name);
        }
        // The same number of rows in every panel, so bars have one thickness.
        let rows = c
            .per_dimension
            .iter()
            .map(|(_, v)| v.iter().filter(|c| c.1.is_finite()).count())
            .max()
            .unwrap_or(0)
            .clamp(4, super::data::TopCues::MAX_PER_PANEL);
        let panels = f.plot.split_evenly((1, c.per_dimension.len().max(1)));
        for (panel, (dim, cues)) in panels.iter().zip(&c.per_dimension) {
            draw_cue_panel(area, panel, th, *dim, cues, rows, name)?;
        }
        Ok(())
    }
}

fn draw_cue_panel<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    panel: &DrawingArea<DB, Shift>,
    th: Theme,
    dim: Dimension,
    cues: &[(String, f64)],
    rows: usize,
    name: &'static str,
) -> Result<(), ReportError> {
    let colour = dimension_colour(dim);
    let (pw, ph) = panel.dim_in_pixel();
    let head_h = (th.label() * 1.8) as u32;
    let (head, body) = panel.split_vertically(head_h);
    let hs = th
        .text(th.label(), &colour)
        .pos(Pos::new(HPos::Center, VPos::Center));
    head.draw_text(
        &capitalise(dim.name()),
        &hs,
        (pw as i32 / 2, head_h as i32 / 2),
    )
    .map_err(de(name))?;
    let cues: Vec<&(String, f64)> = cues
        .iter()
        .filter(|c| c.1.is_finite())
        .take(super::data::TopCues::MAX_PER_PANEL)
        .collect();
    if cues.is_empty() {
        return message(&body, th, "no cues", name);
    }
    let label_style = th
        .text(th.small(), &INK)
        .pos(Pos::new(HPos::Right, VPos::Center));
    let label_w = (pw as f64 * 0.42) as u32;
    let hi = cues.iter().map(|c| c.1).fold(0.0f64, f64::max);
    let lo = cues.iter().map(|c| c.1).fold(0.0f64, f64::min);
    let (lo, hi) = if hi - lo < 1e-9 {
        (lo, lo + 1.0)
    } else {
        (lo, hi + (hi - lo) * 0.05)
    };
    let n = cues.len();
    let mut chart = ChartBuilder::on(&body)
        .margin_top(th.len(4.0, 2.0))
        .margin_right(th.len(22.0, 12.0))
        .margin_bottom(th.len(8.0, 5.0))
        .x_label_area_size(th.len(62.0, 40.0))
        .y_label_area_size(label_w)
        .build_cartesian_2d(lo..hi, 0.0..rows.max(n) as f64)
        .map_err(de(name))?;
    let xs = (hi - lo) / 4.0;
    let fx = move |v: &f64| tick_number(*v, xs);
    chart
        .configure_mesh()
        .x_desc("Summed hit weight")
        .axis_desc_style(th.text(th.small(), &INK))
        .label_style(th.text(th.tick(), &INK))
        .x_labels(5)
        .x_label_formatter(&fx)
        .y_labels(0)
        .disable_y_mesh()
        .bold_line_style(GRID)
        .light_line_style(WHITE.mix(0.0))
        .axis_style(MUTED)
        .draw()
        .map_err(de(name))?;
    let rows = rows.max(n) as f64;
    let base = root.get_base_pixel();
    let row_px = ph as f64 / rows;
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
            .draw(&Rectangle::new([(0.0, y - 0.32), (w, y + 0.32)], bar))
            .map_err(de(name))?;
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
            root.draw_text(l, &label_style, (px - base.0 - 6, top + step * k as i32))
                .map_err(de(name))?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 6. Analysts vs tool

/// Chart 6: pairwise agreement heatmap and the tool's tension against the analysts' mean.
pub struct AgreementPlot<'a>(pub &'a AgreementChart);

impl Draw for AgreementPlot<'_> {
    fn name(&self) -> &'static str {
        "agreement"
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ReportError> {
        let a = self.0;
        let name = self.name();
        let f = frame(area, name, "Analysts and the tool", None)?;
        let th = f.theme;
        if a.names.is_empty() && a.scatter.is_empty() {
            return message(&f.plot, th, "No analysts' ratings were given", name);
        }
        let (pw, _) = f.plot.dim_in_pixel();
        let (left, right) = f.plot.split_horizontally(pw / 2);
        draw_heatmap(area, &left, th, a, name)?;
        draw_scatter(area, &right, th, a, name)
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

fn draw_heatmap<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    panel: &DrawingArea<DB, Shift>,
    th: Theme,
    a: &AgreementChart,
    name: &'static str,
) -> Result<(), ReportError> {
    let n = a.names.len();
    if n == 0 {
        return message(panel, th, "No agreement matrix", name);
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
        name_w = name_w.max(panel.estimate_text_size(nm, &small).map_err(de(name))?.0);
    }
    let label_w = (name_w + 12).min(pw * 2 / 5) as i32;
    let margin = th.len(14.0, 8.0);
    let grid_w = pw as i32 - label_w - 2 * margin;
    let grid_h = ph as i32 - note_h - 2 * margin - (th.small() * 2.0) as i32;
    let cell = (grid_w.min(grid_h) / n as i32).max(4);
    let gx = off.0 + margin + label_w;
    let gy = off.1 + margin;
    let numbered = name_w as i32 + 6 > cell;
    let right = small.pos(Pos::new(HPos::Right, VPos::Center));
    let centre = small.pos(Pos::new(HPos::Center, VPos::Top));
    for (i, nm) in a.names.iter().enumerate() {
        let label = if numbered {
            format!("{} {}", i + 1, nm)
        } else {
            nm.clone()
        };
        let shown = shorten_to_width(root, &label, &right, (label_w - 8).max(10) as u32)?;
        root.draw_text(&shown, &right, (gx - 6, gy + cell * i as i32 + cell / 2))
            .map_err(de(name))?;
        let col = if numbered {
            format!("{}", i + 1)
        } else {
            nm.clone()
        };
        let shown = shorten_to_width(root, &col, &centre, cell.max(10) as u32)?;
        root.draw_text(
            &shown,
            &centre,
            (gx + cell * i as i32 + cell / 2, gy + cell * n as i32 + 4),
        )
        .map_err(de(name))?;
    }
    let value_font = (cell as f64 / 3.2).clamp(8.0, th.small());
    for i in 0..n {
        for j in 0..n {
            let v = a.matrix.get(i).and_then(|r| r.get(j)).copied().flatten();
            let v = v.filter(|v| v.is_finite());
            let (x0, y0) = (gx + cell * j as i32, gy + cell * i as i32);
            let fill = v.map(heat_colour).unwrap_or(RGBColor(0xf2, 0xf2, 0xf2));
            root.draw(&Rectangle::new(
                [(x0, y0), (x0 + cell, y0 + cell)],
                fill.filled(),
            ))
            .map_err(de(name))?;
            root.draw(&Rectangle::new(
                [(x0, y0), (x0 + cell, y0 + cell)],
                WHITE.stroke_width(1),
            ))
            .map_err(de(name))?;
            let text = v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "–".into());
            let ink = match v {
                Some(v) if v.abs() > 0.55 => WHITE,
                _ => INK,
            };
            let st = th
                .text(value_font, &ink)
                .pos(Pos::new(HPos::Center, VPos::Center));
            if cell >= 18 {
                root.draw_text(&text, &st, (x0 + cell / 2, y0 + cell / 2))
                    .map_err(de(name))?;
            }
        }
    }
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
    let mut y = gy + cell * n as i32 + (th.small() * 2.0) as i32;
    for l in lines {
        root.draw_text(&l, &note, (off.0 + margin, y))
            .map_err(de(name))?;
        y += (th.small() * 1.3) as i32;
    }
    Ok(())
}

fn draw_scatter<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    panel: &DrawingArea<DB, Shift>,
    th: Theme,
    a: &AgreementChart,
    name: &'static str,
) -> Result<(), ReportError> {
    let pts: Vec<_> = a
        .scatter
        .iter()
        .filter(|p| p.tool.is_finite() && p.analysts_mean.is_finite())
        .collect();
    if pts.is_empty() {
        return message(panel, th, "No documents rated by analysts", name);
    }
    let x_hi = pts.iter().map(|p| p.tool).fold(10.0f64, f64::max);
    let x_lo = pts.iter().map(|p| p.tool).fold(0.0f64, f64::min);
    let (y0, y1) = padded_range(pts.iter().map(|p| p.analysts_mean), 0.08, 1.0, (0.0, 1.0));
    let y_label = if a.analysts_label.is_empty() {
        "Analysts' mean rating"
    } else {
        &a.analysts_label
    };
    let mut chart = ChartBuilder::on(panel)
        .margin_top(th.len(12.0, 8.0))
        .margin_right(th.len(20.0, 10.0))
        .margin_bottom(th.len(8.0, 5.0))
        .x_label_area_size(th.len(62.0, 40.0))
        .y_label_area_size(th.len(74.0, 48.0))
        .build_cartesian_2d(x_lo..x_hi, y0..y1)
        .map_err(de(name))?;
    let ys = (y1 - y0) / 6.0;
    let fy = move |v: &f64| tick_number(*v, ys);
    chart
        .configure_mesh()
        .x_desc("Tool: tension index (0-10)")
        .y_desc(y_label)
        .axis_desc_style(th.text(th.label(), &INK))
        .label_style(th.text(th.tick(), &INK))
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&|v| tick_number(*v, 1.0))
        .y_label_formatter(&fy)
        .bold_line_style(GRID)
        .light_line_style(WHITE.mix(0.0))
        .axis_style(MUTED)
        .draw()
        .map_err(de(name))?;
    let base = root.get_base_pixel();
    let r = th.len(5.0, 3.0);
    for p in pts {
        let (px, py) = chart.backend_coord(&(p.tool, p.analysts_mean));
        marker(
            root,
            (px - base.0, py - base.1),
            Shape::Circle,
            r,
            TENSION,
            true,
            name,
        )?;
    }
    Ok(())
}
