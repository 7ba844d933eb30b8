//! Paints a `Scene` on any plotters `DrawingBackend`: the canvas in the browser, SVG natively.
//!
//! The scene is in CSS pixels; `Scale` converts to the backend's device pixels only here, so
//! bands stay smooth on HiDPI screens.

use crate::chart::FONT_FAMILY;
use crate::layout::Align;
use crate::scene::Scene;
use crate::theme::Rgb;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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

pub fn paint<DB: DrawingBackend>(
    scene: &Scene,
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * scale.pixels).round() as i32;
    area.fill(&color(scene.background))?;
    for band in &scene.bands {
        let points: Vec<(i32, i32)> = band.outline.iter().map(|&(x, y)| (px(x), px(y))).collect();
        area.draw(&Polygon::new(
            points,
            color(band.color).mix(band.alpha).filled(),
        ))?;
    }
    for node in &scene.nodes {
        let r = &node.rect;
        area.draw(&Rectangle::new(
            [(px(r.x0), px(r.y0)), (px(r.x1), px(r.y1).max(px(r.y0) + 1))],
            color(node.color).filled(),
        ))?;
    }
    for label in &scene.labels {
        let h = match label.align {
            Align::Start => HPos::Left,
            Align::End => HPos::Right,
        };
        let text_color = color(label.color);
        let style = TextStyle::from((FONT_FAMILY, label.font_px * scale.font).into_font())
            .color(&text_color)
            .pos(Pos::new(h, VPos::Center));
        area.draw(&Text::new(
            label.text.as_str(),
            (px(label.x), px(label.y)),
            style,
        ))?;
    }
    area.present()
}

fn color(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Renders a scene to an SVG document.
#[cfg(not(target_arch = "wasm32"))]
pub fn to_svg(scene: &Scene) -> String {
    let mut svg = String::new();
    {
        let size = (scene.width.ceil() as u32, scene.height.ceil() as u32);
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        // Writing to a String cannot fail.
        let _ = paint(scene, &root, Scale::SVG);
    }
    svg
}
