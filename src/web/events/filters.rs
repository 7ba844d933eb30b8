//! The filter controls: the legend's kinds, the period selects, the folding switch, the actor
//! list and the year player's button. Each turns its control's state into new `Filters`
//! through `view::change`.

use super::{closest_attr, on, player, with};
use crate::web::app::App;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

pub fn listen(app: &Rc<RefCell<App>>) -> Result<(), JsValue> {
    let weak = Rc::downgrade(app);
    let legend = app.borrow().controls.legend.clone();
    on(&legend, "click", move |event| {
        let Some(kind) = closest_attr(&event, "button[data-kind]", "data-kind") else {
            return;
        };
        with(&weak, |app| {
            let filters = app.filters.toggle_kind(&kind);
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
                player::stop(app);
                let filters = app.filters.with_years(app.controls.period());
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
            let filters = app.filters.with_folding(checked);
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
            let filters = app.filters.show_actor(&actor, input.checked());
            app.set_filters(filters, true)
        });
    })?;
    let weak = Rc::downgrade(app);
    on(&play, "click", move |_| player::toggle(&weak))?;

    Ok(())
}
