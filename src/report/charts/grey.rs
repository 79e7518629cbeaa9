//! The grey palette: a layer that turns every colour it is given into the grey of the same
//! lightness, so one drawing code gives the colour chart and its black-and-white print
//! version, and no saturated pixel can slip through.

use plotters_backend::BackendColor;

use super::layer::{Change, Layer};

/// The grey of `c`'s lightness (Rec. 601 luma), same opacity.
pub(super) fn grey(c: BackendColor) -> BackendColor {
    let (r, g, b) = c.rgb;
    let l = (0.299 * r as f64 + 0.587 * g as f64 + 0.114 * b as f64).round() as u8;
    BackendColor {
        alpha: c.alpha,
        rgb: (l, l, l),
    }
}

/// Every colour in grey.
pub(super) struct Greys;

impl Change for Greys {
    fn colour(&self, c: BackendColor) -> BackendColor {
        grey(c)
    }
}

/// `b` drawn in greys.
pub(super) fn in_grey<B>(b: B) -> Layer<B, Greys> {
    Layer(b, Greys)
}
