//! The browser shell: finds the figures on the page, loads their data, draws them and turns
//! the reader's events into new views.
//!
//! Thin by design: it reads the DOM and the canvas and hands everything else to the core
//! (`validate`, `view`, `chart`, `hit`, `nav`, `inspect`, `url_state`, `draw`). Text from the
//! data reaches the DOM only as text.

mod app;
// Only in the benchmark's build (`trunk build --features bench`): the shipped module does
// not carry the layout timer, the plain-graph reader or the memory probe.
#[cfg(feature = "bench")]
mod bench;
mod controls;
mod dom;
mod download;
mod events;
mod evidence;
mod height;
mod measure;
// An editor's own file (`?preview`): only in the full module (feature `authoring`).
#[cfg(feature = "authoring")]
mod preview;
mod start;
mod story;
mod table;

use crate::reader::page;

// talc, not Rust's default dlmalloc: smaller in the wasm (issue 19, docs/PERFORMANCE.md).
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
use wasm_bindgen::prelude::*;

/// Mounts every `.if-figure` of the page. Called by `boot.js` once the module is loaded.
#[wasm_bindgen(js_name = mountAll)]
pub fn mount_all() -> Result<(), JsValue> {
    install_panic_hook();
    let document = dom::document()?;
    let figures = document.query_selector_all(page::FIGURE)?;
    for i in 0..figures.length() {
        if let Some(figure) = figures
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            start::mount(figure);
        }
    }
    height::report_to_parent()
}

/// Mounts one figure: the element embed (`embed-element.js`) calls it for each figure it puts
/// in a shadow root of the host page.
#[wasm_bindgen]
pub fn mount(figure: web_sys::Element) {
    install_panic_hook();
    start::mount(figure);
}

/// A panic (none should happen) goes to the console and to every figure's error panel, so
/// the page never stays blank.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!("influence-flows stopped: {info}");
        web_sys::console::error_1(&JsValue::from_str(&message));
        if let Ok(document) = dom::document() {
            if let Ok(figures) = document.query_selector_all(page::FIGURE) {
                for i in 0..figures.length() {
                    if let Some(figure) = figures.item(i).and_then(|n| n.dyn_into().ok()) {
                        app::show_failure(&figure, app::Failure::Page(message.clone()));
                    }
                }
            }
        }
    }));
}
