//! Paints a `Scene` on any plotters `DrawingBackend`: the canvas in the browser, SVG (and natively
//! a bitmap) for exports.
//!
//! The scene is in CSS pixels; `Scale` converts to the backend's device pixels only here, so
//! bands stay smooth on HiDPI screens.

use crate::colour::Rgb;
use crate::layout::Align;
use crate::picture::highlight::Highlight;
use crate::picture::highlight::Target;
use crate::picture::scene::Scene;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// [`crate::picture::chart::FONT_FAMILY`] for plotters. `FontFamily::from(&str)` would do, but it calls
/// `str::to_lowercase`, which links Unicode case tables (about 15 KB) into the wasm.
pub(crate) const FONT: FontFamily<'static> = FontFamily::SansSerif;

/// How scene units map to the backend.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// Device pixels per CSS pixel (devicePixelRatio on the web, 1 for SVG).
    pub pixels: f64,
    /// Factor on font sizes: plotters' SVG backend writes `size / 1.24`, the canvas `size`.
    pub font: f64,
}

impl Scale {
    pub const SVG: Scale = Scale {
        pixels: 1.0,
        font: 1.24,
    };

    pub fn canvas(device_pixel_ratio: f64) -> Scale {
        Scale {
            pixels: device_pixel_ratio,
            font: device_pixel_ratio,
        }
    }
}

/// A mark being painted, for a backend that can name what it draws (the SVG export groups
/// each band and each label in an element carrying its data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Index into `Scene::bands`.
    Band(usize),
    /// Index into `Scene::labels`.
    Label(usize),
}

/// Told when the painting of a mark begins and ends; the default does nothing.
pub trait Marker {
    fn open(&self, _mark: Mark) {}
    fn close(&self, _mark: Mark) {}
}

/// The marker for backends that only paint (canvas, bitmap).
pub struct NoMarker;
impl Marker for NoMarker {}

/// Paints the whole scene over its background.
pub fn paint<DB: DrawingBackend>(
    scene: &Scene,
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    paint_marked(scene, area, scale, &NoMarker)
}

/// [`paint`], telling `marker` where each band and label begins and ends.
pub fn paint_marked<DB: DrawingBackend>(
    scene: &Scene,
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
    marker: &dyn Marker,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&color(scene.background))?;
    let all = |_: usize| true;
    paint_marks(scene, area, scale, &all, &all, marker)?;
    paint_panels(scene, area, scale)?;
    paint_annotations(scene, area, scale)?;
    area.present()
}

/// Small multiples: each panel's title over its chart, and in an empty panel why it is
/// empty (said, never silently dropped).
fn paint_panels<DB: DrawingBackend>(
    scene: &Scene,
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * scale.pixels).round() as i32;
    for panel in &scene.panels {
        let fill = color(panel.color);
        let title = FontDesc::new(FONT, panel.font_px * scale.font, FontStyle::Bold);
        let style = TextStyle::from(title)
            .color(&fill)
            .pos(Pos::new(HPos::Left, VPos::Center));
        let mut y = panel.title_y;
        for line in &panel.lines {
            let at = (px(panel.rect.x0), px(y));
            area.draw(&Text::new(line.as_str(), at, style.clone()))?;
            y += panel.line_px;
        }
        if let Some(note) = &panel.note {
            let font = FontDesc::new(FONT, 13.0 * scale.font, FontStyle::Normal);
            let style = TextStyle::from(font)
                .color(&fill)
                .pos(Pos::new(HPos::Left, VPos::Center));
            let y = y - panel.line_px + panel.font_px * 1.8;
            area.draw(&Text::new(note.as_str(), (px(panel.rect.x0), px(y)), style))?;
        }
    }
    Ok(())
}

/// What the overlay shows over the painted scene.
#[derive(Debug, Clone, Default)]
pub struct Overlay<'a> {
    /// Marks kept at full strength while the rest is dimmed; None dims nothing.
    pub lit: Option<&'a Highlight>,
    /// The keyboard focus, drawn as a ring.
    pub ring: Option<Target>,
    /// Ring colour: the theme's text colour (well over 3:1 on the background).
    pub ring_color: Option<Rgb>,
}

/// Paints the highlight layer: a veil that dims the scene, the lit marks again on top, and
/// the focus ring. Drawn on its own transparent canvas, so a pointer move repaints only this.
pub fn paint_overlay<DB: DrawingBackend>(
    scene: &Scene,
    overlay: &Overlay,
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * scale.pixels).round() as i32;
    if let Some(lit) = overlay.lit {
        area.fill(&color(scene.background).mix(0.72))?;
        let band_lit = |b: usize| lit.bands.contains(&b);
        let node_lit = |n: usize| lit.nodes.contains(&n);
        paint_marks(scene, area, scale, &band_lit, &node_lit, &NoMarker)?;
        // A step's annotations stay legible over the veil.
        paint_annotations(scene, area, scale)?;
    }
    if let (Some(item), Some(ring)) = (overlay.ring, overlay.ring_color) {
        let style = ShapeStyle {
            color: color(ring).to_rgba(),
            filled: false,
            stroke_width: (2.5 * scale.pixels).round().max(2.0) as u32,
        };
        let mut outline: Vec<(i32, i32)> = match item {
            Target::Band(b) => scene.bands.get(b).map_or_else(Vec::new, |band| {
                band.outline.iter().map(|&(x, y)| (px(x), px(y))).collect()
            }),
            Target::Node(n) => scene.nodes.get(n).map_or_else(Vec::new, |node| {
                let r = &node.rect;
                let (x0, y0) = (px(r.x0 - 3.0), px(r.y0 - 3.0));
                let (x1, y1) = (px(r.x1 + 3.0), px(r.y1 + 3.0));
                vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
            }),
        };
        if let Some(&first) = outline.first() {
            outline.push(first);
            area.draw(&PathElement::new(outline, style))?;
        }
    }
    area.present()
}

/// Opacity of hatch lines and dashes: strong enough to read on either theme.
const STROKE_ALPHA: f64 = 0.9;

/// Bands, then nodes, then labels, keeping only the marks `band_on` and `node_on` accept
/// (a label goes with its node). A band is its fill (lighter or none for claims less sure
/// than facts) and then its certainty strokes.
fn paint_marks<DB: DrawingBackend>(
    scene: &Scene,
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
    band_on: &dyn Fn(usize) -> bool,
    node_on: &dyn Fn(usize) -> bool,
    marker: &dyn Marker,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * scale.pixels).round() as i32;
    for (b, band) in scene.bands.iter().enumerate().filter(|(b, _)| band_on(*b)) {
        marker.open(Mark::Band(b));
        let alpha = band.alpha * band.certainty.fill();
        if alpha > 0.0 {
            let points: Vec<(i32, i32)> =
                band.outline.iter().map(|&(x, y)| (px(x), px(y))).collect();
            area.draw(&Polygon::new(points, color(band.color).mix(alpha).filled()))?;
        }
        let stroke = ShapeStyle {
            color: color(band.color).mix(STROKE_ALPHA),
            filled: false,
            stroke_width: (band.certainty.stroke_px() * scale.pixels).round().max(1.0) as u32,
        };
        for line in &band.certainty.strokes {
            let points: Vec<(i32, i32)> = line.iter().map(|&(x, y)| (px(x), px(y))).collect();
            area.draw(&PathElement::new(points, stroke))?;
        }
        marker.close(Mark::Band(b));
    }
    for node in scene.nodes.iter().filter(|n| node_on(n.node)) {
        let r = &node.rect;
        area.draw(&Rectangle::new(
            [(px(r.x0), px(r.y0)), (px(r.x1), px(r.y1).max(px(r.y0) + 1))],
            color(node.color).filled(),
        ))?;
    }
    for (l, label) in scene
        .labels
        .iter()
        .enumerate()
        .filter(|(_, l)| node_on(l.node))
    {
        marker.open(Mark::Label(l));
        let h = match label.align {
            Align::Start => HPos::Left,
            Align::End => HPos::Right,
        };
        let text_color = color(label.color);
        let style = TextStyle::from((FONT, label.font_px * scale.font).into_font())
            .color(&text_color)
            .pos(Pos::new(h, VPos::Center));
        // Lines 1.2 font sizes apart, centred together on the anchor.
        let step = 1.2 * label.font_px;
        let first = label.y - step * (label.lines.len().max(1) - 1) as f64 / 2.0;
        for (i, line) in label.lines.iter().enumerate() {
            let at = (px(label.x), px(first + step * i as f64));
            area.draw(&Text::new(line.as_str(), at, style.clone()))?;
        }
        marker.close(Mark::Label(l));
    }
    Ok(())
}

/// Each annotation: its leader line, then its box (the background, outlined) and its text.
fn paint_annotations<DB: DrawingBackend>(
    scene: &Scene,
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * scale.pixels).round() as i32;
    for note in &scene.annotations {
        let line = ShapeStyle {
            color: color(note.color).to_rgba(),
            filled: false,
            stroke_width: scale.pixels.round().max(1.0) as u32,
        };
        let [from, to] = note.leader;
        area.draw(&PathElement::new(
            vec![(px(from.0), px(from.1)), (px(to.0), px(to.1))],
            line,
        ))?;
        area.draw(&Circle::new(
            (px(from.0), px(from.1)),
            (2.5 * scale.pixels).round() as i32,
            color(note.color).filled(),
        ))?;
        let r = &note.rect;
        let corners = [(px(r.x0), px(r.y0)), (px(r.x1), px(r.y1))];
        area.draw(&Rectangle::new(
            corners,
            color(note.background).mix(0.92).filled(),
        ))?;
        area.draw(&Rectangle::new(corners, line))?;
        let text_color = color(note.color);
        let style = TextStyle::from((FONT, note.font_px * scale.font).into_font())
            .color(&text_color)
            .pos(Pos::new(HPos::Left, VPos::Center));
        let step = 1.2 * note.font_px;
        let inner = (r.y1 - r.y0 - step * note.lines.len() as f64) / 2.0;
        for (i, text) in note.lines.iter().enumerate() {
            let y = r.y0 + inner + step * (i as f64 + 0.5);
            let at = (px(r.x0 + crate::picture::annotate::PADDING), px(y));
            area.draw(&Text::new(text.as_str(), at, style.clone()))?;
        }
    }
    Ok(())
}

fn color(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Renders a scene to an SVG document: the bare picture (`export::svg` adds the frame).
pub fn to_svg(scene: &Scene) -> String {
    let buffer = crate::picture::svg::Buffer::default();
    {
        let size = (scene.width.ceil() as u32, scene.height.ceil() as u32);
        let root = crate::picture::svg::SvgWriter::new(buffer.clone(), size).into_drawing_area();
        // Writing to a String cannot fail.
        let _ = paint(scene, &root, Scale::SVG);
    }
    let mut document = buffer.borrow_mut();
    document.finish()
}

#[cfg(test)]
mod tests {
    #[test]
    fn font_is_the_chart_font_family() {
        assert_eq!(super::FONT.as_str(), crate::picture::chart::FONT_FAMILY);
    }
}
