//! The preview's events, only with `?preview`: a file chosen with the input, or dropped
//! anywhere on the page (a drop outside the zone would otherwise open the file in place of
//! the page). The files go to `web::preview`, which reads them here, on this machine.

use super::on;
use crate::reader::{page, preview as words};
use crate::web::app::App;
use crate::web::dom;
use crate::web::preview;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, HtmlInputElement};

pub fn listen(app: &Rc<RefCell<App>>) -> Result<(), JsValue> {
    let window = dom::window()?;
    if !words::wanted(&window.location().search()?) {
        return Ok(());
    }
    let figure = app.borrow().figure.clone();
    // An element embed's figure (it has a home) belongs to the host page, not to an editor.
    if figure.has_attribute("data-home") {
        return Ok(());
    }
    dom::find(&figure, page::PREVIEW)?.remove_attribute("hidden")?;
    let zone = dom::find(&figure, page::PREVIEW_DROP)?;
    let input: HtmlInputElement = dom::find_as(&figure, page::PREVIEW_INPUT)?;

    let weak = Rc::downgrade(app);
    let chosen = input.clone();
    on(&input, "change", move |_| {
        if let (Some(files), Some(app)) = (chosen.files(), weak.upgrade()) {
            preview::show(&app, files);
        }
        // The same file chosen again is a change too.
        chosen.set_value("");
    })?;

    let over = zone.clone();
    on(&window, "dragover", move |event| {
        event.prevent_default();
        let _ = over.class_list().add_1("if-dragging");
    })?;
    let left = zone.clone();
    on(&window, "dragleave", move |_| {
        let _ = left.class_list().remove_1("if-dragging");
    })?;
    let weak = Rc::downgrade(app);
    on(&window, "drop", move |event| {
        event.prevent_default();
        let _ = zone.class_list().remove_1("if-dragging");
        let files = event
            .dyn_ref::<DragEvent>()
            .and_then(DragEvent::data_transfer)
            .and_then(|transfer| transfer.files());
        if let (Some(files), Some(app)) = (files, weak.upgrade()) {
            preview::show(&app, files);
        }
    })?;
    Ok(())
}
