//! A hook for the performance benchmark (`bench/`): lays out a plain `{nodes, links}` graph in
//! the page, so its time can be compared with d3-sankey's on the same graph.

use crate::layout::{self, ApproxMeasure, LayoutOptions};
use crate::plain_graph::{self, Names};
use wasm_bindgen::prelude::*;

/// Lays out a plain graph (JSON text) at `width` × `height`; returns the number of bands.
/// The caller times the call.
#[wasm_bindgen(js_name = layoutPlainGraph)]
pub fn layout_plain_graph(json: &str, width: f64, height: f64) -> Result<u32, JsValue> {
    let plain =
        plain_graph::parse(json, Names::Trim).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let options = LayoutOptions {
        width,
        height,
        ..LayoutOptions::default()
    };
    let layout = layout::layout(&plain.graph, &options, &ApproxMeasure);
    Ok(layout.bands.len() as u32)
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
