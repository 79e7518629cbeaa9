//! A backend laid over another: it hands every call to the backend it wraps, changing only
//! the colours and the way text is set as its [`Change`] says. The grey palette and the PNG
//! charts' typesetting are two such changes; the delegation is written once, here.

use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontFamily,
    FontStyle, FontTransform, text_anchor::Pos,
};

/// What a [`Layer`] changes of the drawing it passes on.
pub(super) trait Change {
    /// The colour drawn for `c`.
    fn colour(&self, c: BackendColor) -> BackendColor {
        c
    }
    /// Draw `text` on `b` (by default as `b` would, in this change's colours).
    fn text<B: DrawingBackend, S: BackendTextStyle>(
        &self,
        b: &mut B,
        text: &str,
        s: &S,
        pos: BackendCoord,
    ) -> Res<B> {
        b.draw_text(
            text,
            &ChangedText {
                style: s,
                change: self,
            },
            pos,
        )
    }
}

/// A backend that draws on `B` with the change `C`.
pub(super) struct Layer<B, C>(pub(super) B, pub(super) C);

pub(super) type Res<B> = Result<(), DrawingErrorKind<<B as DrawingBackend>::ErrorType>>;

/// A shape style with its colour changed.
struct ChangedStyle {
    colour: BackendColor,
    width: u32,
}

impl ChangedStyle {
    fn of<S: BackendStyle, C: Change>(s: &S, change: &C) -> ChangedStyle {
        ChangedStyle {
            colour: change.colour(s.color()),
            width: s.stroke_width(),
        }
    }
}

impl BackendStyle for ChangedStyle {
    fn color(&self) -> BackendColor {
        self.colour
    }
    fn stroke_width(&self) -> u32 {
        self.width
    }
}

/// A text style with its colours changed.
struct ChangedText<'a, S, C: ?Sized> {
    style: &'a S,
    change: &'a C,
}

impl<S: BackendTextStyle, C: Change + ?Sized> BackendTextStyle for ChangedText<'_, S, C> {
    type FontError = S::FontError;
    fn color(&self) -> BackendColor {
        self.change.colour(self.style.color())
    }
    fn size(&self) -> f64 {
        self.style.size()
    }
    fn transform(&self) -> FontTransform {
        self.style.transform()
    }
    fn style(&self) -> FontStyle {
        self.style.style()
    }
    fn anchor(&self) -> Pos {
        self.style.anchor()
    }
    fn family(&self) -> FontFamily<'_> {
        self.style.family()
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        self.style.layout_box(text)
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        pos: BackendCoord,
        mut draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        self.style
            .draw(text, pos, |x, y, c| draw(x, y, self.change.colour(c)))
    }
}

impl<B: DrawingBackend, C: Change> DrawingBackend for Layer<B, C> {
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
        self.0.draw_pixel(p, self.1.colour(c))
    }
    fn draw_line<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, s: &S) -> Res<B> {
        self.0.draw_line(a, b, &ChangedStyle::of(s, &self.1))
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Res<B> {
        self.0.draw_rect(a, b, &ChangedStyle::of(s, &self.1), fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Res<B> {
        self.0.draw_path(path, &ChangedStyle::of(s, &self.1))
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        r: u32,
        s: &S,
        fill: bool,
    ) -> Res<B> {
        self.0
            .draw_circle(c, r, &ChangedStyle::of(s, &self.1), fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        s: &S,
    ) -> Res<B> {
        self.0.fill_polygon(vert, &ChangedStyle::of(s, &self.1))
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        s: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        self.0.estimate_text_size(text, s)
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Res<B> {
        let changed: Vec<u8> = src
            .chunks(3)
            .flat_map(|p| {
                let c = self.1.colour(BackendColor {
                    alpha: 1.0,
                    rgb: (p[0], p[1], p[2.min(p.len() - 1)]),
                });
                [c.rgb.0, c.rgb.1, c.rgb.2]
            })
            .collect();
        self.0.blit_bitmap(pos, size, &changed)
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, s: &S, pos: BackendCoord) -> Res<B> {
        self.1.text(&mut self.0, text, s, pos)
    }
}
