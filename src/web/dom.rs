//! Small DOM helpers. Data text goes in with `set_text_content`, never as HTML.

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

pub fn window() -> Result<web_sys::Window, JsValue> {
    web_sys::window().ok_or_else(|| JsValue::from_str("no window"))
}

pub fn document() -> Result<Document, JsValue> {
    window()?
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))
}

/// The language of `figure`'s interface: its `lang` attribute, which `start` sets.
pub fn lang(figure: &Element) -> crate::util::lang::Lang {
    figure
        .get_attribute("lang")
        .and_then(|tag| crate::util::lang::Lang::parse(&tag))
        .unwrap_or_default()
}

/// A User Timing mark (`performance.mark`), so a profile or the benchmark can split the time
/// to the first frame into its steps. Does nothing where the page has no `performance`.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Creates `<tag class="class">text</tag>`.
pub fn element(tag: &str, class: &str, text: Option<&str>) -> Result<Element, JsValue> {
    let el = document()?.create_element(tag)?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    if let Some(text) = text {
        el.set_text_content(Some(text));
    }
    Ok(el)
}

/// The first descendant of `root` matching `selector`.
pub fn find(root: &Element, selector: &str) -> Result<Element, JsValue> {
    root.query_selector(selector)?
        .ok_or_else(|| JsValue::from_str(&format!("the page has no {selector}")))
}

/// Replaces all children of `el` with nothing.
pub fn clear(el: &Element) {
    el.set_text_content(None);
}

/// The first descendant of `root` matching `selector`, as a `T` (a canvas, an HTML element).
pub fn find_as<T: JsCast>(root: &Element, selector: &str) -> Result<T, JsValue> {
    find(root, selector)?
        .dyn_into::<T>()
        .map_err(|_| JsValue::from_str(&format!("{selector} is not the expected element")))
}

/// Appends `<tag class="class">text</tag>` to `parent` and returns it.
pub fn append(
    parent: &Element,
    tag: &str,
    class: &str,
    text: Option<&str>,
) -> Result<Element, JsValue> {
    let el = element(tag, class, text)?;
    parent.append_child(&el)?;
    Ok(el)
}
