//! The year player: Play steps through the years one by one (`view::change::player`),
//! replacing the URL rather than adding history; pause keeps the year shown.

use super::with;
use crate::view::change::player;
use crate::web::app::{report, App};
use crate::web::dom;
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Interval of the time player, per year.
const PLAYER_STEP_MS: i32 = 1400;

/// Play steps through the years one by one (replacing the URL, not adding history); pause
/// keeps the year shown. Stops by itself at the last year.
pub fn toggle(weak: &Weak<RefCell<App>>) {
    let Some(app) = weak.upgrade() else { return };
    let mut a = app.borrow_mut();
    if a.player.is_some() {
        stop(&mut a);
        let result = a.controls.sync(&a.filters, a.years, false);
        drop(a);
        report(&app, result);
        return;
    }
    let Some(span) = a.years else { return };
    let tick_app = weak.clone();
    let tick = Closure::<dyn FnMut()>::new(move || {
        with(&tick_app, |app| {
            let Some(span) = app.years else {
                return Ok(());
            };
            match player::next(&app.filters, span) {
                Some(filters) => app.set_filters(filters, false),
                None => {
                    stop(app);
                    app.controls.sync(&app.filters, app.years, false)
                }
            }
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
    let filters = player::start(&a.filters, span);
    let result = a
        .set_filters(filters, true)
        .and_then(|_| a.controls.sync(&a.filters, a.years, true));
    drop(a);
    report(&app, result);
}

pub fn stop(app: &mut App) {
    if let (Some(id), Ok(window)) = (app.player.take(), dom::window()) {
        window.clear_interval_with_handle(id);
    }
}
