//! The keyboard: the chart is one tab stop (arrows move, Enter pins, Esc clears); Esc
//! anywhere and a tap outside the chart dismiss the tooltip and the selection.

use super::{on, with};
use crate::reader::nav::Key;
use crate::reader::page;
use crate::web::app::App;
use crate::web::dom;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

pub fn listen(app: &Rc<RefCell<App>>) -> Result<(), JsValue> {
    let (figure, stage) = {
        let a = app.borrow();
        (a.figure.clone(), a.stage.clone())
    };
    let weak = Rc::downgrade(app);
    on(&stage, "keydown", move |event| {
        let event: KeyboardEvent = event.unchecked_into();
        let key = match event.key().as_str() {
            "ArrowUp" => Some(Key::Up),
            "ArrowDown" => Some(Key::Down),
            "ArrowLeft" => Some(Key::Left),
            "ArrowRight" => Some(Key::Right),
            "Home" => Some(Key::Home),
            "End" => Some(Key::End),
            _ => None,
        };
        match (key, event.key().as_str()) {
            (Some(key), _) => {
                event.prevent_default();
                with(&weak, |app| app.key(key));
            }
            (None, "Enter") => {
                event.prevent_default();
                with(&weak, |app| {
                    let target = app.focus.map(|f| f.target);
                    app.pin(target)
                });
            }
            _ => {}
        }
    })?;
    let weak = Rc::downgrade(app);
    on(&stage, "blur", move |_| {
        with(&weak, |app| {
            app.focus = None;
            if app.pinned.is_none() {
                app.hide_tooltip()?;
            }
            app.paint_overlay()
        });
    })?;

    // Esc anywhere and a tap outside the chart dismiss the tooltip and the selection.
    let weak = Rc::downgrade(app);
    let document = dom::document()?;
    on(&document, "keydown", move |event| {
        let event: KeyboardEvent = event.unchecked_into();
        if event.key() == "Escape" {
            with(&weak, |app| app.clear());
        }
    })?;
    let weak = Rc::downgrade(app);
    // The chart (with its tooltip) and the evidence panel keep the selection.
    let keep: [JsValue; 2] = [
        stage.clone().into(),
        dom::find(&figure, page::PANEL)?.into(),
    ];
    on(&document, "pointerdown", move |event| {
        // composedPath sees through the shadow root of an element embed.
        let inside = event
            .composed_path()
            .iter()
            .any(|node| keep.contains(&node));
        if !inside {
            with(&weak, |app| app.clear());
        }
    })?;

    Ok(())
}
