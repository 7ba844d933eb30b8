//! A hook for the performance benchmark (`bench/`): lays out a plain `{nodes, links}` graph in
//! the page, so its time can be compared with d3-sankey's on the same graph.

use super::measure::CanvasMeasure;
use crate::benchmark::plain_graph::{self, Names};
use crate::colour::theme::Theme;
use crate::layout::{self, ApproxMeasure, LayoutOptions};
use crate::picture::chart::{self, FONT_FAMILY};
use crate::view::order::GlobalOrder;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Reads a plain graph (JSON text) once, then lays it out `runs` times at `width` ×
/// `height`; returns the milliseconds of the read, then of each layout. d3-sankey is timed on
/// an already parsed graph, so the layouts are timed apart from the read.
#[wasm_bindgen(js_name = benchLayout)]
pub fn bench_layout(json: &str, width: f64, height: f64, runs: u32) -> Result<Vec<f64>, JsValue> {
    let clock = web_sys::window()
        .and_then(|w| w.performance())
        .ok_or_else(|| JsValue::from_str("no performance clock"))?;
    let start = clock.now();
    let plain =
        plain_graph::parse(json, Names::Trim).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let mut times = vec![clock.now() - start];
    let options = LayoutOptions {
        width,
        height,
        ..LayoutOptions::default()
    };
    for _ in 0..runs {
        let start = clock.now();
        let layout = layout::layout(&plain.graph, &options, &ApproxMeasure);
        times.push(clock.now() - start);
        // Keep the result alive until timed, so nothing is optimised away.
        std::hint::black_box(layout);
    }
    Ok(times)
}

/// What a reader's own dataset costs in the page, from its JSON text to its laid-out first
/// view, as `web::start` does it for data with no baked order: `validate::check`, the global
/// order's crossing search (`GlobalOrder::compute`), then the first view's chart (layout in
/// that order, scene, story annotations) measured with the canvas's font at `width`, the
/// natural height. `runs` times; returns three milliseconds a run: validate, order, chart.
/// The first run in a page that has run none of this (the bench page opened with a missing
/// `?data=`) is the cold one, on the browser's baseline compiler.
#[wasm_bindgen(js_name = benchOwnDataset)]
pub fn bench_own_dataset(json: &str, width: f64, runs: u32) -> Result<Vec<f64>, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let clock = window
        .performance()
        .ok_or_else(|| JsValue::from_str("no performance clock"))?;
    let canvas: web_sys::HtmlCanvasElement = window
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?
        .create_element("canvas")?
        .unchecked_into();
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .and_then(|c| c.dyn_into().ok())
        .ok_or_else(|| JsValue::from_str("no 2D canvas"))?;
    let measure = CanvasMeasure {
        context,
        family: FONT_FAMILY.into(),
    };
    let mut times = Vec::with_capacity(3 * runs as usize);
    for _ in 0..runs {
        let start = clock.now();
        let report = crate::validate::check(json);
        let validated = clock.now();
        let dataset = report.dataset.ok_or_else(|| {
            JsValue::from_str(&format!(
                "invalid dataset: {} problems",
                report.problems.len()
            ))
        })?;
        let order = GlobalOrder::compute(&dataset);
        let ordered = clock.now();
        let (state, _) = crate::reader::url_state::read("", &dataset);
        let theme = Theme::LIGHT;
        let mut chart = chart::build_in_order(
            &dataset,
            &order,
            &state.filters,
            width,
            None,
            &theme,
            &measure,
        );
        crate::reader::story::annotate(&dataset, &mut chart, state.step, &measure, &theme);
        let laid_out = clock.now();
        times.extend([validated - start, ordered - validated, laid_out - ordered]);
        std::hint::black_box(chart);
    }
    Ok(times)
}

/// Bytes of wasm linear memory now. It only ever grows, so after the largest layout this is
/// the peak the page needed — which the JS heap figure does not see.
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length()
        .into()
}
