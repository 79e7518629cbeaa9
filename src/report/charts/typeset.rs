//! Text in the PNG charts, set glyph by glyph with each glyph's side bearing and the font's
//! kerning, at fractional positions.
//!
//! plotters places each glyph's bitmap at the pen position rounded down, without the glyph's
//! left side bearing, so letters drift apart and together ("Docum ents"). [`Typeset`] wraps
//! the bitmap backend and draws text itself; everything else, and the size every chart lays
//! out with (advance widths plus kerning, as plotters measures), is the inner backend's. The
//! SVG path needs none of this: the viewer sets the text.

use ab_glyph::{Font, FontRef, GlyphId, ScaleFont, point};
use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
    text_anchor::{HPos, VPos},
};

use crate::report::font::DEJAVU_SANS;

/// A backend that draws text with [`set_text`] and hands everything else to `B`.
pub(super) struct Typeset<B>(pub(super) B);

type Res<B> = Result<(), DrawingErrorKind<<B as DrawingBackend>::ErrorType>>;

impl<B: DrawingBackend> DrawingBackend for Typeset<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Res<B> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Res<B> {
        self.0.present()
    }
    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> Res<B> {
        self.0.draw_pixel(p, c)
    }
    fn draw_line<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, s: &S) -> Res<B> {
        self.0.draw_line(a, b, s)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Res<B> {
        self.0.draw_rect(a, b, s, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Res<B> {
        self.0.draw_path(path, s)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        r: u32,
        s: &S,
        fill: bool,
    ) -> Res<B> {
        self.0.draw_circle(c, r, s, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        s: &S,
    ) -> Res<B> {
        self.0.fill_polygon(vert, s)
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        s: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        self.0.estimate_text_size(text, s)
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Res<B> {
        self.0.blit_bitmap(pos, size, src)
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, s: &S, pos: BackendCoord) -> Res<B> {
        set_text(&mut self.0, text, s, pos)
    }
}

/// Draw `text` on `b` anchored at `pos` as plotters would (same box, same anchor and
/// rotation), each glyph at its exact pen position plus its bearing.
fn set_text<B: DrawingBackend, S: BackendTextStyle>(
    b: &mut B,
    text: &str,
    s: &S,
    pos: BackendCoord,
) -> Res<B> {
    let colour = s.color();
    if colour.alpha == 0.0 {
        return Ok(());
    }
    let Ok(face) = FontRef::try_from_slice(DEJAVU_SANS) else {
        // the face was read when it was registered; fall back to plotters' own placement
        return b.draw_text(text, s, pos);
    };
    let (w, h) = b.estimate_text_size(text, s)?;
    let (w, h) = (w as i32, h as i32);
    let dx = match s.anchor().h_pos {
        HPos::Left => 0,
        HPos::Right => -w,
        HPos::Center => -w / 2,
    };
    let dy = match s.anchor().v_pos {
        VPos::Top => 0,
        VPos::Center => -h / 2,
        VPos::Bottom => -h,
    };
    let trans = s.transform();
    let (bw, bh) = b.get_size();
    let size = s.size() as f32;
    let font = face.as_scaled(size);
    let mut pen = 0f32;
    let mut prev: Option<GlyphId> = None;
    let mut result = Ok(());
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = prev {
            pen += font.kern(p, id);
        }
        prev = Some(id);
        let glyph = id.with_scale_and_position(font.scale(), point(pen, 0.0));
        pen += font.h_advance(id);
        let Some(outline) = font.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outline.px_bounds();
        // plotters' vertical placement: the glyph's top at half the size above its box top
        let (gx, gy) = (bounds.min.x as i32, (size / 2.0 + bounds.min.y) as i32);
        outline.draw(|x, y, cover| {
            let (x, y) = trans.transform(gx + x as i32 + dx, gy + y as i32 + dy);
            let (x, y) = (pos.0 + x, pos.1 + y);
            if result.is_ok() && x >= 0 && x < bw as i32 && y >= 0 && y < bh as i32 {
                result = b.draw_pixel((x, y), colour.mix(cover as f64));
            }
        });
        if result.is_err() {
            break;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The widest run of blank pixel columns between the first and the last ink of `text`
    /// drawn at 15 px on a white bitmap, through `Typeset` or plotters' own text.
    fn widest_gap(text: &str, typeset: bool) -> usize {
        crate::report::font::ensure_registered().unwrap();
        let (w, h) = (400u32, 40u32);
        let mut buf = vec![255u8; (w * h * 3) as usize];
        {
            let bitmap = BitMapBackend::with_buffer(&mut buf, (w, h));
            let style = ("sans-serif", 15.0).into_font().color(&BLACK);
            if typeset {
                let area = Typeset(bitmap).into_drawing_area();
                area.draw_text(text, &style, (10, 10)).unwrap();
            } else {
                let area = bitmap.into_drawing_area();
                area.draw_text(text, &style, (10, 10)).unwrap();
            }
        }
        let ink: Vec<bool> = (0..w as usize)
            .map(|x| (0..h as usize).any(|y| buf[(y * w as usize + x) * 3] < 160))
            .collect();
        let (first, last) = (
            ink.iter().position(|&i| i).unwrap(),
            ink.iter().rposition(|&i| i).unwrap(),
        );
        let mut widest = 0;
        let mut run = 0;
        for &i in &ink[first..=last] {
            run = if i { 0 } else { run + 1 };
            widest = widest.max(run);
        }
        widest
    }

    /// Issue 16, defect 4: "Documents" is one word in the PNG, not "Docum ents" (plotters drops
    /// each glyph's side bearing, so the "e" after the wide "m" drifts away).
    #[test]
    fn letters_of_a_word_keep_their_spacing() {
        for word in ["Documents", "Nomonhan", "Changkufeng"] {
            let gap = widest_gap(word, true);
            assert!(gap <= 2, "{word}: a gap of {gap} px between letters");
        }
        // the test can tell: plotters' own placement opens a gap in at least one of them
        let worst = ["Documents", "Nomonhan", "Changkufeng"]
            .iter()
            .map(|w| widest_gap(w, false))
            .max()
            .unwrap();
        assert!(worst > 2, "plotters' placement gives {worst} px");
    }
}
