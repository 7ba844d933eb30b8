//! In an iframe, tells the parent page the content's height whenever it changes, so the
//! parent can size the iframe: a Datawrapper-style `{"influence-flows-height": {id: px}}`
//! message (read by `embed.js`) and the AMP `embed-size` message (read by `<amp-iframe>`).

use super::dom;
use serde::Serialize;
use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Serialize)]
struct HeightMessage {
    #[serde(rename = "influence-flows-height")]
    heights: HashMap<String, u32>,
}

#[derive(Serialize)]
struct AmpEmbedSize {
    sentinel: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    height: u32,
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
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let ours = HeightMessage {
            heights: HashMap::from([(id.clone(), height)]),
        };
        let amp = AmpEmbedSize {
            sentinel: "amp",
            kind: "embed-size",
            height,
        };
        // The height is not secret: any parent may read it.
        for message in [ours.serialize(&serializer), amp.serialize(&serializer)]
            .into_iter()
            .flatten()
        {
            let _ = parent.post_message(&message, "*");
        }
    });
    web_sys::ResizeObserver::new(send.as_ref().unchecked_ref())?.observe(&root);
    send.forget();
    Ok(())
}
