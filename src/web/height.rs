//! In an iframe, tells the parent page the content's height whenever it changes, so the
//! parent can size the iframe: a Datawrapper-style `{"influence-flows-height": {id: px}}`
//! message (read by `embed.js`) and the AMP `embed-size` message (read by `<amp-iframe>`).

use super::dom;
use js_sys::{Object, Reflect};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A plain object of `entries`, built with `Reflect` (serde-wasm-bindgen cost 7.6 KB of wasm
/// for these two messages, issue 19).
fn object(entries: &[(&str, JsValue)]) -> Result<JsValue, JsValue> {
    let object = Object::new();
    for (key, value) in entries {
        Reflect::set(&object, &JsValue::from_str(key), value)?;
    }
    Ok(object.into())
}

/// Starts reporting; does nothing outside an iframe.
pub fn report_to_parent() -> Result<(), JsValue> {
    let window = dom::window()?;
    let Some(parent) = window.parent()? else {
        return Ok(());
    };
    if parent == window {
        return Ok(());
    }
    let document = dom::document()?;
    let Some(root) = document.document_element() else {
        return Ok(());
    };
    let id = document
        .query_selector(".if-figure[data-embed-id]")?
        .and_then(|f| f.get_attribute("data-embed-id"))
        .or_else(|| {
            crate::view::options::EmbedOptions::from_query(&window.location().search().ok()?)
                .0
                .embed_id
        })
        .unwrap_or_else(|| "influence-flows".to_string());
    let last = Rc::new(Cell::new(0u32));
    let measured = root.clone();
    let send = Closure::<dyn FnMut()>::new(move || {
        let height = measured.get_bounding_client_rect().height().ceil() as u32;
        if height == 0 || height == last.get() {
            return;
        }
        last.set(height);
        let pixels = JsValue::from(height);
        let heights = object(&[(&id, pixels.clone())]);
        let ours = heights.and_then(|h| object(&[("influence-flows-height", h)]));
        let amp = object(&[
            ("sentinel", "amp".into()),
            ("type", "embed-size".into()),
            ("height", pixels),
        ]);
        // The height is not secret: any parent may read it.
        for message in [ours, amp].into_iter().flatten() {
            let _ = parent.post_message(&message, "*");
        }
    });
    web_sys::ResizeObserver::new(send.as_ref().unchecked_ref())?.observe(&root);
    send.forget();
    Ok(())
}
