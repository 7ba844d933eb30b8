//! The reader's downloads of the current view: PNG at 2×, SVG and CSV, all made by the core's
//! `export` (the PNG with the same `paint_framed` as the SVG, on an off-screen canvas).

use super::dom;
use super::measure::CanvasMeasure;
use crate::colour::theme::Theme;
use crate::data::model::Dataset;
use crate::export;
use crate::picture::chart::{Chart, FONT_FAMILY};
use crate::picture::draw::Scale;
use crate::util::lang::Lang;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, CanvasRenderingContext2d, HtmlCanvasElement, Url};

/// Device pixels per CSS pixel of the PNG download.
const PNG_SCALE: f64 = 2.0;

pub fn csv(dataset: &Dataset, chart: &Chart) -> Result<(), JsValue> {
    save_text(
        &export::csv(dataset, &chart.view),
        "text/csv;charset=utf-8",
        "influence-flows.csv",
    )
}

pub fn svg(dataset: &Dataset, chart: &Chart, theme: &Theme, lang: Lang) -> Result<(), JsValue> {
    save_text(
        &export::svg_in(dataset, chart, theme, lang),
        "image/svg+xml",
        "influence-flows.svg",
    )
}

pub fn png(dataset: &Dataset, chart: &Chart, theme: &Theme, lang: Lang) -> Result<(), JsValue> {
    let canvas: HtmlCanvasElement = dom::document()?.create_element("canvas")?.unchecked_into();
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .and_then(|c| c.dyn_into().ok())
        .ok_or_else(|| JsValue::from_str("no 2D canvas for the PNG"))?;
    let measure = CanvasMeasure {
        context,
        family: FONT_FAMILY.into(),
    };
    let frame = export::frame_in(dataset, chart, theme, &measure, lang);
    canvas.set_width((frame.width * PNG_SCALE).round() as u32);
    canvas.set_height((frame.height * PNG_SCALE).round() as u32);
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| JsValue::from_str("cannot draw the PNG"))?;
    export::paint_framed(
        &frame,
        &chart.scene,
        &backend.into_drawing_area(),
        Scale::canvas(PNG_SCALE),
    )
    .map_err(|e| JsValue::from_str(&format!("drawing the PNG failed: {e:?}")))?;
    let done = Closure::once_into_js(move |blob: Option<Blob>| {
        if let Some(blob) = blob {
            let _ = save_blob(&blob, "influence-flows.png");
        }
    });
    canvas.to_blob(done.unchecked_ref())
}

fn save_text(text: &str, mime: &str, name: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    save_blob(
        &Blob::new_with_str_sequence_and_options(&parts, &options)?,
        name,
    )
}

/// Offers `blob` as a download named `name`.
fn save_blob(blob: &Blob, name: &str) -> Result<(), JsValue> {
    let url = Url::create_object_url_with_blob(blob)?;
    let link: web_sys::HtmlAnchorElement = dom::element("a", "", None)?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    Url::revoke_object_url(&url)
}
