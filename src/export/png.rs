//! PNG, natively: the frame and scene painted by the same code on plotters' bitmap backend,
//! encoded with `png`. Text is drawn from a TrueType font with ab_glyph.
//!
//! The font is given as bytes ([`PngFonts::from_bytes`]); the CLI reads DejaVu Sans from one of
//! [`FONT_PATHS`] (Debian's `fonts-dejavu-core`). Sizes and positions follow the canvas, so
//! the scale is [`Scale::canvas`]: a 13 px label is 13 device pixels per em at scale 1, 26 at
//! scale 2, and a centred label's middle (halfway between ascent and descent) is on its anchor.
//!
//! Why not plotters' own `ab_glyph` feature: it takes the font size as the ascent-to-descent
//! height (a factor of 1.164 for DejaVu Sans against the canvas's em), sets the baseline
//! about 0.1 em below a centred anchor instead of 0.35 em, and rounds every glyph to a whole
//! pixel, which spaces letters unevenly at 13 px. [`GlyphText`] draws text itself instead.

use super::{frame_in, paint_framed};
use crate::colour::theme::Theme;
use crate::data::model::Dataset;
use crate::layout::TextMeasure;
use crate::picture::chart::{self, Chart};
use crate::picture::draw::Scale;
use crate::util::lang::Lang;
use ab_glyph::{point, Font, FontVec, PxScale, ScaleFont};
use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

/// Where Linux distributions install DejaVu Sans: Debian and Ubuntu (`fonts-dejavu-core`),
/// Fedora (`dejavu-sans-fonts`), Arch (`ttf-dejavu`). The bold face sits beside it as
/// `DejaVuSans-Bold.ttf`.
pub const FONT_PATHS: [&str; 3] = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
];

/// The largest PNG side drawn, in device pixels (browsers cap canvases near here too).
pub const MAX_SIDE: u32 = 16384;

/// The faces PNG text is drawn with: regular, and bold for the title if there is one.
pub struct PngFonts {
    regular: FontVec,
    bold: Option<FontVec>,
}

impl PngFonts {
    /// Reads TrueType or OpenType font files' bytes.
    pub fn from_bytes(regular: Vec<u8>, bold: Option<Vec<u8>>) -> Result<PngFonts, String> {
        let parse = |bytes: Vec<u8>| {
            FontVec::try_from_vec(bytes)
                .map_err(|_| "not a TrueType or OpenType font file".to_string())
        };
        Ok(PngFonts {
            regular: parse(regular)?,
            bold: bold.map(parse).transpose()?,
        })
    }

    fn face(&self, bold: bool) -> &FontVec {
        match (&self.bold, bold) {
            (Some(face), true) => face,
            _ => &self.regular,
        }
    }
}

/// ab_glyph's scale for a font size in em pixels: it sizes the ascent-to-descent height.
fn px_scale(face: &FontVec, em_px: f64) -> PxScale {
    let per_em = face.units_per_em().unwrap_or(1000.0);
    PxScale::from(em_px as f32 * face.height_unscaled() / per_em)
}

/// Advance width of `text` in pixels, with kerning.
fn advance(face: &FontVec, scale: PxScale, text: &str) -> f32 {
    let font = face.as_scaled(scale);
    let mut width = 0.0;
    let mut previous = None;
    for c in text.chars() {
        let glyph = font.glyph_id(c);
        if let Some(p) = previous {
            width += font.kern(p, glyph);
        }
        width += font.h_advance(glyph);
        previous = Some(glyph);
    }
    width
}

/// Text widths in the PNG's regular face, so labels and the frame wrap to what is drawn.
impl TextMeasure for PngFonts {
    fn width(&self, text: &str, font_px: f64) -> f64 {
        f64::from(advance(
            &self.regular,
            px_scale(&self.regular, font_px),
            text,
        ))
    }
}

/// The chart in its frame as a PNG, `pixels` device pixels per CSS pixel (2 for a sharp
/// image on HiDPI screens and in print). The PNG records its density (96 dpi × `pixels`), so
/// it prints at the chart's CSS size, and carries the title and the text alternative.
pub fn png(
    dataset: &Dataset,
    chart: &Chart,
    theme: &Theme,
    pixels: f64,
    fonts: &PngFonts,
) -> Result<Vec<u8>, String> {
    png_in(dataset, chart, theme, pixels, fonts, Lang::En)
}

/// `png` with the frame's words and the description in `lang`.
pub fn png_in(
    dataset: &Dataset,
    chart: &Chart,
    theme: &Theme,
    pixels: f64,
    fonts: &PngFonts,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    let frame = frame_in(dataset, chart, theme, fonts, lang);
    let side = |css: f64| (css * pixels).ceil();
    let (w, h) = (side(frame.width), side(frame.height));
    if !(w >= 1.0 && h >= 1.0 && w <= f64::from(MAX_SIDE) && h <= f64::from(MAX_SIDE)) {
        return Err(format!(
            "the PNG would be {w} × {h} pixels; each side must be 1 to {MAX_SIDE}: \
             lower --width or --scale"
        ));
    }
    let (w, h) = (w as u32, h as u32);
    let mut rgb = vec![0u8; w as usize * h as usize * 3];
    {
        let bitmap = BitMapBackend::with_buffer(&mut rgb, (w, h));
        let root = GlyphText {
            inner: bitmap,
            fonts,
        }
        .into_drawing_area();
        paint_framed(&frame, &chart.scene, &root, Scale::canvas(pixels))
            .map_err(|e| format!("drawing the PNG: {e}"))?;
    }
    encode(&rgb, (w, h), pixels, dataset, chart, lang).map_err(|e| format!("encoding the PNG: {e}"))
}

fn encode(
    rgb: &[u8],
    (w, h): (u32, u32),
    pixels: f64,
    dataset: &Dataset,
    chart: &Chart,
    lang: Lang,
) -> Result<Vec<u8>, ::png::EncodingError> {
    let mut out = Vec::new();
    {
        let mut encoder = ::png::Encoder::new(&mut out, w, h);
        encoder.set_color(::png::ColorType::Rgb);
        encoder.set_depth(::png::BitDepth::Eight);
        encoder.set_compression(::png::Compression::Default);
        encoder.set_adaptive_filter(::png::AdaptiveFilterType::Adaptive);
        let per_metre = (96.0 / 0.0254 * pixels).round() as u32;
        encoder.set_pixel_dims(Some(::png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: ::png::Unit::Meter,
        }));
        encoder.add_itxt_chunk("Title".into(), dataset.title.clone())?;
        encoder.add_itxt_chunk(
            "Description".into(),
            chart::summary(dataset, &chart.view, lang),
        )?;
        encoder.write_header()?.write_image_data(rgb)?;
    }
    Ok(out)
}

/// A backend that draws text with ab_glyph as the canvas sets it (size in em pixels,
/// `VPos::Center` on the middle of ascent and descent, glyphs at fractional positions) and
/// passes everything else to `inner`. Rotated text is not supported (nothing draws any).
struct GlyphText<'f, B> {
    inner: B,
    fonts: &'f PngFonts,
}

impl<B: DrawingBackend> DrawingBackend for GlyphText<'_, B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha <= 0.0 {
            return Ok(());
        }
        let face = self.fonts.face(matches!(style.style(), FontStyle::Bold));
        let scale = px_scale(face, style.size());
        let font = face.as_scaled(scale);
        let width = advance(face, scale, text);
        let left = x as f32
            - match style.anchor().h_pos {
                HPos::Left => 0.0,
                HPos::Center => width / 2.0,
                HPos::Right => width,
            };
        let baseline = y as f32
            + match style.anchor().v_pos {
                VPos::Top => font.ascent(),
                VPos::Center => (font.ascent() + font.descent()) / 2.0,
                VPos::Bottom => font.descent(),
            };
        let mut caret = left;
        let mut previous = None;
        let mut result = Ok(());
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = previous {
                caret += font.kern(p, id);
            }
            previous = Some(id);
            let glyph = id.with_scale_and_position(scale, point(caret, baseline));
            caret += font.h_advance(id);
            let Some(outline) = face.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            let inner = &mut self.inner;
            outline.draw(|gx, gy, coverage| {
                if result.is_ok() && coverage > 0.0 {
                    let at = (
                        bounds.min.x as i32 + gx as i32,
                        bounds.min.y as i32 + gy as i32,
                    );
                    let ink = BackendColor {
                        alpha: color.alpha * f64::from(coverage.min(1.0)),
                        rgb: color.rgb,
                    };
                    result = inner.draw_pixel(at, ink);
                }
            });
            result
                .as_ref()
                .map_err(|_| DrawingErrorKind::FontError("drawing a glyph failed".into()))?;
        }
        Ok(())
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let face = self.fonts.face(matches!(style.style(), FontStyle::Bold));
        let scale = px_scale(face, style.size());
        Ok((
            advance(face, scale, text).ceil() as u32,
            scale.y.ceil() as u32,
        ))
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, size, src)
    }
}
