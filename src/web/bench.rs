//! A hook for the performance benchmark (`bench/`): lays out a plain `{nodes, links}` graph in
//! the page, so its time can be compared with d3-sankey's on the same graph.

use crate::benchmark::plain_graph::{self, Names};
use crate::layout::{self, ApproxMeasure, LayoutOptions};
use wasm_bindgen::prelude::*;

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
