//! Turns the reader's events into `App` actions, by concern: `pointer`, `keys`, `filters`
//! (with the year `player`), `preview` (an editor's own file, with `?preview`), and here the
//! page's own: size, colour scheme, the evidence panel, the data table's toggle, downloads,
//! back and forward. Each listener is small: read
//! the event, call one method, report a failure in the error panel.

mod filters;
mod keys;
mod player;
mod pointer;
#[cfg(feature = "authoring")]
mod preview;
mod story;

use super::app::{redraw, report, App};
use super::dom;
use crate::reader::page;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget};

pub fn listen(app: &Rc<RefCell<App>>) -> Result<(), JsValue> {
    page(app)?;
    pointer::listen(app)?;
    keys::listen(app)?;
    story::listen(app)?;
    #[cfg(feature = "authoring")]
    preview::listen(app)?;
    filters::listen(app)
}

#[cfg(feature = "authoring")]
pub use player::stop as stop_player;

/// Size and colour scheme, the evidence panel, the data table's toggle, downloads, history.
fn page(app: &Rc<RefCell<App>>) -> Result<(), JsValue> {
    let (figure, stage) = {
        let a = app.borrow();
        (a.figure.clone(), a.stage.clone())
    };
    let window = dom::window()?;
    // Size and colour scheme.
    let observer_app = Rc::downgrade(app);
    let resize = Closure::<dyn FnMut()>::new(move || with(&observer_app, |app| app.render()));
    web_sys::ResizeObserver::new(resize.as_ref().unchecked_ref())?.observe(&stage);
    resize.forget();
    if let Some(query) = window.match_media("(prefers-color-scheme: dark)")? {
        let weak = Rc::downgrade(app);
        on(&query, "change", move |_| {
            if let Some(app) = weak.upgrade() {
                redraw(&app);
            }
        })?;
    }

    // The evidence panel's close button, and the data table's toggle.
    let weak = Rc::downgrade(app);
    let panel = dom::find(&figure, page::PANEL)?;
    on(&panel, "click", move |event| {
        if closest_attr(&event, ".if-panel-close", "class").is_some() {
            with(&weak, |app| app.pin(None));
        }
    })?;
    let toggle = dom::find(&figure, page::TABLE_TOGGLE)?;
    let table_box = dom::find(&figure, page::TABLE_BOX)?;
    let button = toggle.clone();
    let lang = dom::lang(&figure);
    let weak = Rc::downgrade(app);
    on(&toggle, "click", move |_| {
        with(&weak, |app| app.fill_table());
        let shown = table_box
            .class_list()
            .toggle("if-sr-only")
            .map(|hidden| !hidden)
            .unwrap_or(false);
        let _ = button.set_attribute("aria-expanded", if shown { "true" } else { "false" });
        let words = lang.words();
        button.set_text_content(Some(if shown {
            words.hide_table
        } else {
            words.show_table
        }));
    })?;

    // Downloads of the current view.
    let weak = Rc::downgrade(app);
    let downloads = dom::find(&figure, page::DOWNLOADS)?;
    on(&downloads, "click", move |event| {
        if let Some(format) = closest_attr(&event, "button[data-format]", "data-format") {
            with(&weak, |app| app.download(&format));
        }
    })?;

    // Back and forward.
    let weak = Rc::downgrade(app);
    on(&window, "popstate", move |_| {
        with(&weak, |app| app.read_url())
    })?;
    Ok(())
}

/// Adds a listener that lives as long as the page.
fn on(
    target: &EventTarget,
    name: &str,
    handler: impl FnMut(Event) + 'static,
) -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut(Event)>::new(handler);
    target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref())?;
    closure.forget();
    Ok(())
}

/// Runs `action` on the app if it still exists, showing a failure in the error panel.
fn with(weak: &Weak<RefCell<App>>, action: impl FnOnce(&mut App) -> Result<(), JsValue>) {
    if let Some(app) = weak.upgrade() {
        let result = action(&mut app.borrow_mut());
        report(&app, result);
    }
}

/// The attribute `name` of the closest ancestor of the event's target matching `selector`.
fn closest_attr(event: &Event, selector: &str, name: &str) -> Option<String> {
    let target: Element = event.target()?.dyn_into().ok()?;
    target.closest(selector).ok()??.get_attribute(name)
}
