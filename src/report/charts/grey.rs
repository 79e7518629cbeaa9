//! The grey palette: a backend that turns every colour it is given into the grey of the same
//! lightness, so one drawing code gives the colour chart and its black-and-white print
//! version, and no saturated pixel can slip through.

use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontFamily,
    FontStyle, FontTransform, text_anchor::Pos,
};

/// The grey of `c`'s lightness (Rec. 601 luma), same opacity.
pub(super) fn grey(c: BackendColor) -> BackendColor {
    let (r, g, b) = c.rgb;
    let l = (0.299 * r as f64 + 0.587 * g as f64 + 0.114 * b as f64).round() as u8;
    BackendColor {
        alpha: c.alpha,
        rgb: (l, l, l),
    }
}

/// A backend that draws on `B` in greys.
pub(super) struct Grey<B>(pub(super) B);

/// A shape style with its colour in grey.
struct GreyStyle {
    colour: BackendColor,
    width: u32,
}

impl GreyStyle {
    fn of<S: BackendStyle>(s: &S) -> GreyStyle {
        GreyStyle {
            colour: grey(s.color()),
            width: s.stroke_width(),
        }
    }
}

impl BackendStyle for GreyStyle {
    fn color(&self) -> BackendColor {
        self.colour
    }
    fn stroke_width(&self) -> u32 {
        self.width
    }
}

/// A text style with its colour in grey.
struct GreyText<'a, S>(&'a S);

impl<S: BackendTextStyle> BackendTextStyle for GreyText<'_, S> {
    type FontError = S::FontError;
    fn color(&self) -> BackendColor {
        grey(self.0.color())
    }
    fn size(&self) -> f64 {
        self.0.size()
    }
    fn transform(&self) -> FontTransform {
        self.0.transform()
    }
    fn style(&self) -> FontStyle {
        self.0.style()
    }
    fn anchor(&self) -> Pos {
        self.0.anchor()
    }
    fn family(&self) -> FontFamily<'_> {
        self.0.family()
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        self.0.layout_box(text)
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        pos: BackendCoord,
        mut draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        self.0.draw(text, pos, |x, y, c| draw(x, y, grey(c)))
    }
}

type Res<B> = Result<(), DrawingErrorKind<<B as DrawingBackend>::ErrorType>>;

impl<B: DrawingBackend> DrawingBackend for Grey<B> {
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
        self.0.draw_pixel(p, grey(c))
    }
    fn draw_line<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, s: &S) -> Res<B> {
        self.0.draw_line(a, b, &GreyStyle::of(s))
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Res<B> {
        self.0.draw_rect(a, b, &GreyStyle::of(s), fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Res<B> {
        self.0.draw_path(path, &GreyStyle::of(s))
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        r: u32,
        s: &S,
        fill: bool,
    ) -> Res<B> {
        self.0.draw_circle(c, r, &GreyStyle::of(s), fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        s: &S,
    ) -> Res<B> {
        self.0.fill_polygon(vert, &GreyStyle::of(s))
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        s: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        self.0.estimate_text_size(text, s)
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Res<B> {
        let greyed: Vec<u8> = src
            .chunks(3)
            .flat_map(|p| {
                let c = grey(BackendColor {
                    alpha: 1.0,
                    rgb: (p[0], p[1], p[2.min(p.len() - 1)]),
                });
                [c.rgb.0; 3]
            })
            .collect();
        self.0.blit_bitmap(pos, size, &greyed)
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, s: &S, pos: BackendCoord) -> Res<B> {
        self.0.draw_text(text, &GreyText(s), pos)
    }
}
