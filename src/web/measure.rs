//! Text measurement with the canvas's own `measureText`: no DOM reflow, right under CSP.

use crate::layout::TextMeasure;
use web_sys::CanvasRenderingContext2d;

pub struct CanvasMeasure {
    pub context: CanvasRenderingContext2d,
    pub family: String,
}

impl TextMeasure for CanvasMeasure {
    fn width(&self, text: &str, font_px: f64) -> f64 {
        self.context
            .set_font(&format!("{font_px}px {}", self.family));
        self.context
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(0.0)
    }
}
