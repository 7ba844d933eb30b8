//! What moves the story: the step control's buttons (a click, a tap, Enter or Space), the
//! element embed's `step` and `setView` (events on the figure, from `embed-element.js`), and
//! in an iframe the article's `postMessage({type: 'influence-flows:step', id, step})`.
//!
//! A message is obeyed only from the parent window (`event.source`), and from the parent's
//! origin when the page knows it (`location.ancestorOrigins`, else `document.referrer`); a
//! message of any other shape is ignored.

use super::{closest_attr, on, player, with};
use crate::reader::page;
use crate::web::app::App;
use crate::web::dom;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, MessageEvent};

/// The message type an article sends.
const STEP_MESSAGE: &str = "influence-flows:step";
/// The events `embed-element.js` dispatches on the figure.
const STEP_EVENT: &str = "influence-flows:step";
const VIEW_EVENT: &str = "influence-flows:view";

pub fn listen(app: &Rc<RefCell<App>>) -> Result<(), JsValue> {
    let figure = app.borrow().figure.clone();
    let control = dom::find(&figure, page::STORY)?;
    let weak = Rc::downgrade(app);
    on(&control, "click", move |event| {
        let Some(which) = closest_attr(&event, "button[data-story]", "data-story") else {
            return;
        };
        with(&weak, |app| {
            let steps = app.dataset.story.len();
            let n = app.step.unwrap_or(0);
            // A step is a view of its own: the year player would move off it.
            player::stop(app);
            match which.as_str() {
                "prev" if n > 1 => app.show_step(n - 1, true),
                "next" if n < steps => app.show_step(n + 1, true),
                _ => Ok(()),
            }
        });
    })?;

    let weak = Rc::downgrade(app);
    on(&figure, STEP_EVENT, move |event| {
        if let Some(n) = detail(&event, "step").and_then(|v| step_number(&v)) {
            with(&weak, |app| {
                player::stop(app);
                app.show_step(n, false)
            });
        }
    })?;
    let weak = Rc::downgrade(app);
    on(&figure, VIEW_EVENT, move |event| {
        if let Some(hash) = detail(&event, "hash").and_then(|v| v.as_string()) {
            with(&weak, |app| app.show_hash(&hash));
        }
    })?;

    // In an iframe: the article's messages.
    let window = dom::window()?;
    let Some(parent) = window.parent()? else {
        return Ok(());
    };
    if parent == window {
        return Ok(());
    }
    let parent_origin = parent_origin(&window);
    // The article may have scrolled to a step while the chart loaded: say it is listening.
    let ready = js_sys::Object::new();
    js_sys::Reflect::set(&ready, &"type".into(), &"influence-flows:ready".into())?;
    if let Some(id) = figure.get_attribute("data-embed-id") {
        js_sys::Reflect::set(&ready, &"id".into(), &id.into())?;
    }
    // Nothing secret: any parent may know the chart is ready.
    parent.post_message(&ready, "*")?;
    let weak = Rc::downgrade(app);
    let id = figure.get_attribute("data-embed-id");
    on(&window, "message", move |event| {
        let Some(event) = event.dyn_ref::<MessageEvent>() else {
            return;
        };
        // By identity: the parent's window is of another realm, so no `instanceof Window`.
        let from_parent = event
            .source()
            .is_some_and(|source| js_sys::Object::is(&source, &parent));
        let origin_ok = match parent_origin.as_deref() {
            Some(origin) => event.origin() == origin,
            None => true,
        };
        if !from_parent || !origin_ok {
            return;
        }
        if let Some(n) = step_message(&event.data(), id.as_deref()) {
            with(&weak, |app| {
                player::stop(app);
                app.show_step(n, false)?;
                chart_in_view(app)
            });
        }
    })
}

/// Scrolls the iframe's own page (never the article's) to the chart when the article shows
/// the frame shorter than its content (a sticky chart on a phone): the step is the chart's.
fn chart_in_view(app: &App) -> Result<(), JsValue> {
    let window = dom::window()?;
    let stage = app.stage.get_bounding_client_rect();
    let height = window.inner_height()?.as_f64().unwrap_or(0.0);
    if stage.top() < 0.0 || stage.bottom() > height {
        let y = window.scroll_y()? + stage.top() - 4.0;
        window.scroll_to_with_x_and_y(0.0, y.max(0.0));
    }
    Ok(())
}

/// The step of a message `{type: 'influence-flows:step', id, step}` meant for the figure
/// `figure_id` (any figure when the message names none); `None` for any other message.
fn step_message(data: &JsValue, figure_id: Option<&str>) -> Option<usize> {
    if !data.is_object() {
        return None;
    }
    let get = |key: &str| js_sys::Reflect::get(data, &JsValue::from_str(key)).ok();
    if get("type")?.as_string().as_deref() != Some(STEP_MESSAGE) {
        return None;
    }
    let id = get("id")?;
    if !id.is_undefined() {
        let id = id.as_string()?;
        if figure_id.is_some_and(|ours| ours != id) {
            return None;
        }
    }
    step_number(&get("step")?)
}

/// A step number: a whole number from 1 (its upper bound is the story's, checked later).
fn step_number(value: &JsValue) -> Option<usize> {
    let n = value.as_f64()?;
    (n.fract() == 0.0 && (1.0..=10_000.0).contains(&n)).then_some(n as usize)
}

/// `event.detail[key]` of a CustomEvent.
fn detail(event: &Event, key: &str) -> Option<JsValue> {
    let detail = js_sys::Reflect::get(event, &JsValue::from_str("detail")).ok()?;
    if !detail.is_object() {
        return None;
    }
    js_sys::Reflect::get(&detail, &JsValue::from_str(key)).ok()
}

/// The embedding page's origin, where the browser says it: `location.ancestorOrigins[0]`
/// (Chromium, Safari), else the referrer's origin; `None` when neither is known.
fn parent_origin(window: &web_sys::Window) -> Option<String> {
    let location = window.location();
    let ancestors = js_sys::Reflect::get(&location, &JsValue::from_str("ancestorOrigins")).ok()?;
    if !ancestors.is_undefined() && !ancestors.is_null() {
        let first = js_sys::Reflect::get(&ancestors, &JsValue::from_f64(0.0)).ok()?;
        return first.as_string().filter(|o| !o.is_empty() && o != "null");
    }
    let referrer = dom::document().ok()?.referrer();
    let url = web_sys::Url::new(&referrer).ok()?;
    Some(url.origin()).filter(|o| o != "null")
}
