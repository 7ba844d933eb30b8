//! Pointer and touch on the chart: hover with a mouse, tap to select on touch, click to pin;
//! the tooltip stays while the pointer is on it.

use super::{on, with};
use crate::web::app::{App, MOUSE_HIT, TOUCH_HIT};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, PointerEvent};

pub fn listen(app: &Rc<RefCell<App>>) -> Result<(), JsValue> {
    let (canvas, tooltip) = {
        let a = app.borrow();
        (a.canvas.clone(), a.tooltip.clone())
    };
    let weak = Rc::downgrade(app);
    on(&canvas, "pointermove", move |event| {
        let event: PointerEvent = event.unchecked_into();
        if event.pointer_type() == "touch" {
            return;
        }
        with(&weak, |app| {
            let (x, y) = (f64::from(event.offset_x()), f64::from(event.offset_y()));
            let target = app.hit(x, y, MOUSE_HIT);
            if target != app.hover {
                app.hover = target;
                app.paint_overlay()?;
            }
            match target {
                Some(t) => app.show_tooltip(t, x, y),
                None if app.pinned.is_none() => app.hide_tooltip(),
                None => Ok(()),
            }
        });
    })?;
    let weak = Rc::downgrade(app);
    let tip = tooltip.clone();
    on(&canvas, "pointerleave", move |event| {
        let event: PointerEvent = event.unchecked_into();
        // A finger "leaves" right after lifting: a tap's tooltip stays until a tap elsewhere.
        if event.pointer_type() == "touch" {
            return;
        }
        // Moving onto the tooltip keeps it (WCAG 1.4.13: hoverable).
        let into_tooltip = event
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|n| tip.contains(Some(&n)));
        if !into_tooltip {
            with(&weak, App::pointer_left);
        }
    })?;
    let weak = Rc::downgrade(app);
    let cv = canvas.clone();
    on(&tooltip, "pointerleave", move |event| {
        let event: PointerEvent = event.unchecked_into();
        let onto_canvas = event.related_target().is_some_and(|t| {
            t.dyn_ref::<Element>()
                .is_some_and(|e| e == cv.unchecked_ref::<Element>())
        });
        if !onto_canvas {
            with(&weak, App::pointer_left);
        }
    })?;
    let weak = Rc::downgrade(app);
    on(&canvas, "pointerup", move |event| {
        let event: PointerEvent = event.unchecked_into();
        let touch = event.pointer_type() == "touch";
        with(&weak, |app| {
            let (x, y) = (f64::from(event.offset_x()), f64::from(event.offset_y()));
            let target = app.hit(x, y, if touch { TOUCH_HIT } else { MOUSE_HIT });
            match target {
                Some(t) if touch => app.tap(t, x, y),
                Some(_) => app.pin(target),
                None => {
                    app.pin(None)?;
                    app.clear()
                }
            }
        });
    })?;

    Ok(())
}
