//! The browser shell: finds the figures on the page, loads their data and draws them.
//!
//! Thin by design: it reads the DOM and the canvas, and hands everything else to the core
//! (`validate`, `chart`, `draw`). Text from the data reaches the DOM only as text.

mod app;
mod dom;
mod measure;

use wasm_bindgen::prelude::*;

/// Mounts every `.if-figure` of the page. Called by `boot.js` once the module is loaded.
#[wasm_bindgen(js_name = mountAll)]
pub fn mount_all() -> Result<(), JsValue> {
    let document = dom::document()?;
    let figures = document.query_selector_all(".if-figure")?;
    for i in 0..figures.length() {
        if let Some(figure) = figures
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            app::App::mount(figure);
        }
    }
    Ok(())
}
