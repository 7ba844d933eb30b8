//! Turns the reader's events into `App` actions. Each listener is small: read the event, call
//! one method, report a failure in the error panel.

use super::app::{redraw, report, App, MOUSE_HIT, TOUCH_HIT};
use super::dom;
use crate::reader::nav::Key;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget, HtmlInputElement, KeyboardEvent, PointerEvent};

/// Interval of the time player, per year.
const PLAYER_STEP_MS: i32 = 1400;

pub fn listen(app: &Rc<RefCell<App>>) -> Result<(), JsValue> {
    let (figure, stage, canvas, tooltip) = {
        let a = app.borrow();
        (
            a.figure.clone(),
            a.stage.clone(),
            a.canvas.clone(),
            a.tooltip.clone(),
        )
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

    // Pointer: hover with a mouse, tap to select on touch, click to pin.
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
            app.pin(target)?;
            match target {
                Some(t) if touch => app.show_tooltip(t, x, y),
                Some(_) => Ok(()),
                None => app.clear(),
            }
        });
    })?;

    // Keyboard on the chart: one tab stop, arrows move, Enter pins, Esc clears.
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
        dom::find(&figure, ".if-panel")?.into(),
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

    // Filters.
    let weak = Rc::downgrade(app);
    let legend = app.borrow().controls.legend.clone();
    on(&legend, "click", move |event| {
        let Some(kind) = closest_attr(&event, "button[data-kind]", "data-kind") else {
            return;
        };
        with(&weak, |app| {
            let mut filters = app.filters.clone();
            if !filters.hidden_kinds.remove(&kind) {
                filters.hidden_kinds.insert(kind.clone());
            }
            app.set_filters(filters, true)
        });
    })?;
    let (from, to, play, fold, actors) = {
        let c = &app.borrow().controls;
        (
            c.from.clone(),
            c.to.clone(),
            c.play.clone(),
            c.fold.clone(),
            c.actors.clone(),
        )
    };
    for select in [from, to] {
        let weak = Rc::downgrade(app);
        on(&select, "change", move |_| {
            with(&weak, |app| {
                stop_player(app);
                let filters = crate::view::Filters {
                    years: app.controls.period(),
                    ..app.filters.clone()
                };
                app.set_filters(filters, true)
            });
        })?;
    }
    let weak = Rc::downgrade(app);
    on(&fold, "change", move |event| {
        let checked = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            .is_some_and(|i| i.checked());
        with(&weak, |app| {
            let filters = crate::view::Filters {
                fold_groups: checked,
                ..app.filters.clone()
            };
            app.set_filters(filters, true)
        });
    })?;
    let weak = Rc::downgrade(app);
    on(&actors, "change", move |event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(actor) = input.get_attribute("data-actor") else {
            return;
        };
        with(&weak, |app| {
            let mut filters = app.filters.clone();
            if input.checked() {
                filters.hidden_actors.remove(&actor);
            } else {
                filters.hidden_actors.insert(actor.clone());
            }
            app.set_filters(filters, true)
        });
    })?;
    let weak = Rc::downgrade(app);
    on(&play, "click", move |_| toggle_player(&weak))?;

    // The evidence panel's close button, and the data table's toggle.
    let weak = Rc::downgrade(app);
    let panel = dom::find(&figure, ".if-panel")?;
    on(&panel, "click", move |event| {
        if closest_attr(&event, ".if-panel-close", "class").is_some() {
            with(&weak, |app| app.pin(None));
        }
    })?;
    let toggle = dom::find(&figure, ".if-table-toggle")?;
    let table_box = dom::find(&figure, ".if-table-box")?;
    let button = toggle.clone();
    let weak = Rc::downgrade(app);
    on(&toggle, "click", move |_| {
        with(&weak, |app| app.fill_table());
        let shown = table_box
            .class_list()
            .toggle("if-sr-only")
            .map(|hidden| !hidden)
            .unwrap_or(false);
        let _ = button.set_attribute("aria-expanded", if shown { "true" } else { "false" });
        button.set_text_content(Some(if shown {
            "Hide the data table"
        } else {
            "Show the data table"
        }));
    })?;

    // Downloads of the current view.
    let weak = Rc::downgrade(app);
    let downloads = dom::find(&figure, ".if-downloads")?;
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

/// Play steps through the years one by one (replacing the URL, not adding history); pause
/// keeps the year shown. Stops by itself at the last year.
fn toggle_player(weak: &Weak<RefCell<App>>) {
    let Some(app) = weak.upgrade() else { return };
    let mut a = app.borrow_mut();
    if a.player.is_some() {
        stop_player(&mut a);
        let result = a.controls.sync(&a.filters, a.years, false);
        drop(a);
        report(&app, result);
        return;
    }
    let Some((first, last)) = a.years else { return };
    let start = match a.filters.years {
        Some((y, _)) if y < last => y,
        _ => first,
    };
    let tick_app = weak.clone();
    let tick = Closure::<dyn FnMut()>::new(move || {
        with(&tick_app, |app| {
            let Some((first, last)) = app.years else {
                return Ok(());
            };
            let next = match app.filters.years {
                Some((y, _)) => y + 1,
                None => first,
            };
            if next > last {
                stop_player(app);
                return app.controls.sync(&app.filters, app.years, false);
            }
            let filters = crate::view::Filters {
                years: Some((next, next)),
                ..app.filters.clone()
            };
            app.set_filters(filters, false)
        });
    });
    let id = dom::window().and_then(|w| {
        w.set_interval_with_callback_and_timeout_and_arguments_0(
            tick.as_ref().unchecked_ref(),
            PLAYER_STEP_MS,
        )
    });
    tick.forget();
    let Ok(id) = id else { return };
    a.player = Some(id);
    let filters = crate::view::Filters {
        years: Some((start, start)),
        ..a.filters.clone()
    };
    let result = a
        .set_filters(filters, true)
        .and_then(|_| a.controls.sync(&a.filters, a.years, true));
    drop(a);
    report(&app, result);
}

fn stop_player(app: &mut App) {
    if let (Some(id), Ok(window)) = (app.player.take(), dom::window()) {
        window.clear_interval_with_handle(id);
    }
}
