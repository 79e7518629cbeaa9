//! The charts: one drawing type per chart, generic over plotters' `DrawingBackend`, so the
//! PNG and the SVG of a chart come from the same code and cannot disagree.
//!
//! Layout is done in pixels from the chart size: font sizes scale with the width (readable at
//! 1200x800 and at a journal column's 700x450), legends sit in their own panel to the right of
//! the plot so they never cover data, and long labels are shortened with "…" to the space they
//! have. Every chart accepts degenerate data (nothing, one point, all values equal,
//! non-finite values) and draws a chart that says so instead of failing.
//!
//! This module holds what every chart shares: the colours, the [`Draw`] trait and the PNG and
//! SVG encoding. [`theme`] lays out frames, axes and legends; [`time`] the date axis; each
//! other file is one chart, its `draw` cut into the layers it paints.

mod agreement;
mod analysts;
mod authors;
mod clusters;
mod cues;
mod dimensions;
mod dots;
mod grey;
mod layer;
mod tension;
mod theme;
mod time;
mod tips;
mod typeset;

use plotters::coord::Shift;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::*;

pub use agreement::AgreementPlot;
pub use analysts::{AgreementByYearChart, DriversChart, OffsetsChart};
pub use authors::AuthorsChart;
pub use clusters::ClusterChart;
pub use cues::CuesChart;
pub use dimensions::DimensionsChart;
pub use tension::TensionChart;

use super::ReportError;
use super::data::Palette;
use super::font::{self, FAMILY};
use crate::agreement::RatedDimension;
use crate::dimension::Dimension;

/// Hostility, everywhere.
pub const HOSTILITY: RGBColor = RGBColor(0xc0, 0x39, 0x2b);
/// Rapprochement, everywhere.
pub const RAPPROCHEMENT: RGBColor = RGBColor(0x16, 0xa0, 0x85);
/// Uncertainty, everywhere.
pub const UNCERTAINTY: RGBColor = RGBColor(0x8e, 0x44, 0xad);
/// The tension index, everywhere.
pub const TENSION: RGBColor = RGBColor(0x1f, 0x3a, 0x93);

/// The colour of a dimension (the same in every chart).
pub fn dimension_colour(d: Dimension) -> RGBColor {
    match d {
        Dimension::Hostility => HOSTILITY,
        Dimension::Rapprochement => RAPPROCHEMENT,
        Dimension::Uncertainty => UNCERTAINTY,
    }
}

/// The trend, where a rated dimension needs a colour of its own.
pub const TREND: RGBColor = RGBColor(0x8c, 0x6d, 0x31);

/// The colour of a rated dimension (the dimension colours, tension blue, trend brown).
pub fn rated_colour(d: RatedDimension) -> RGBColor {
    match d.as_dimension() {
        Some(x) => dimension_colour(x),
        None if d == RatedDimension::Tension => TENSION,
        None => TREND,
    }
}

/// Drawing a chart failed: what plotters said. Every plotters call converts into it with `?`;
/// [`render_png`] and [`render_svg`] add the chart's name when they turn it into a
/// [`ReportError`].
#[derive(Debug)]
pub struct DrawError(String);

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for DrawError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        DrawError(e.to_string())
    }
}

impl DrawError {
    /// The report error naming `chart`.
    fn named(self, chart: &str) -> ReportError {
        ReportError::Draw {
            chart: chart.to_string(),
            message: self.0,
        }
    }
}

/// What drawing returns.
pub type Drawn<T = ()> = Result<T, DrawError>;

/// A chart that can be drawn on any backend.
pub trait Draw {
    /// Short name, used in file names (`charts/<name>.png`) and error messages.
    fn name(&self) -> &'static str;
    /// Draw the chart on `area` (filling all of it).
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn;
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

/// Draw `chart` on `root` and present it.
fn draw_on<C: Draw + ?Sized, DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &C,
) -> Result<(), ReportError> {
    let drawn = chart.draw(root).and_then(|()| Ok(root.present()?));
    drawn.map_err(|e| e.named(chart.name()))
}

/// Draw `chart` into a `w` x `h` RGB bitmap and encode it as PNG bytes (deterministic: same
/// input, same bytes).
pub fn render_png<C: Draw + ?Sized>(w: u32, h: u32, chart: &C) -> Result<Vec<u8>, ReportError> {
    render_png_in(w, h, Palette::Colour, chart)
}

/// [`render_png`] in `palette`.
pub fn render_png_in<C: Draw + ?Sized>(
    w: u32,
    h: u32,
    palette: Palette,
    chart: &C,
) -> Result<Vec<u8>, ReportError> {
    check_size(w, h)?;
    font::ensure_registered()?;
    let mut buf = vec![255u8; w as usize * h as usize * 3];
    let bitmap = typeset::typeset(BitMapBackend::with_buffer(&mut buf, (w, h)));
    match palette {
        Palette::Colour => draw_on(&bitmap.into_drawing_area(), chart)?,
        Palette::Grey => draw_on(&grey::in_grey(bitmap).into_drawing_area(), chart)?,
    }
    encode_png(&buf, w, h)
}

/// Draw `chart` as an SVG document of `w` x `h` (view box of the same size), each point that
/// the chart names labelled on hover (`<title>`).
pub fn render_svg<C: Draw + ?Sized>(w: u32, h: u32, chart: &C) -> Result<String, ReportError> {
    render_svg_in(w, h, Palette::Colour, chart)
}

/// [`render_svg`] in `palette`.
pub fn render_svg_in<C: Draw + ?Sized>(
    w: u32,
    h: u32,
    palette: Palette,
    chart: &C,
) -> Result<String, ReportError> {
    check_size(w, h)?;
    font::ensure_registered()?;
    let mut out = String::new();
    let (drawn, marks) = tips::collecting(|| {
        let svg = SVGBackend::with_string(&mut out, (w, h));
        match palette {
            Palette::Colour => draw_on(&svg.into_drawing_area(), chart),
            Palette::Grey => draw_on(&grey::in_grey(svg).into_drawing_area(), chart),
        }
    });
    drawn?;
    let out = tips::add_to_svg(out, &marks);
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
