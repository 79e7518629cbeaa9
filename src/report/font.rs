//! The bundled font.
//!
//! plotters is built without system font support (no fontconfig/freetype, see `Cargo.toml`), so
//! a fresh machine with no font packages renders the same PNG bytes as a developer's machine.
//! DejaVu Sans (Bitstream Vera licence, `assets/fonts/LICENSE-DejaVu.txt`) is compiled into the
//! binary and registered once under the family name plotters uses by default.

use std::sync::OnceLock;

use plotters::style::{FontStyle, register_font};

use super::ReportError;

/// The family every chart asks for; plotters' default captions and labels use it too.
pub const FAMILY: &str = "sans-serif";

/// What SVG files name instead of [`FAMILY`]: the bundled face first (so that a viewer that has
/// it lays text out exactly as the PNG), then common fallbacks.
pub const SVG_FAMILY: &str = "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif";

pub(crate) static DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

static REGISTERED: OnceLock<bool> = OnceLock::new();

/// Register the bundled font with plotters (once per process; later calls are free).
pub fn ensure_registered() -> Result<(), ReportError> {
    let ok =
        *REGISTERED.get_or_init(|| register_font(FAMILY, FontStyle::Normal, DEJAVU_SANS).is_ok());
    if ok {
        Ok(())
    } else {
        Err(ReportError::Font(
            "the bundled font assets/fonts/DejaVuSans.ttf could not be read; rebuild from a clean \
             checkout"
                .to_string(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registers_twice_without_error() {
        ensure_registered().unwrap();
        ensure_registered().unwrap();
    }
}
