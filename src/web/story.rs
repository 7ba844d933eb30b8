//! The story's step control (previous, next, "Step n of N" and the quoted caption with its
//! source, announced by its live region) and the App's step changes.
//!
//! A step change goes the way a filter change goes: `App::set_filters` with the step's
//! filters (so a view transition applies), then the App's redraw for its annotations.

use super::app::App;
use super::dom;
use crate::reader::page;
use crate::reader::story;
use crate::reader::url_state::{self, Selection};
use wasm_bindgen::prelude::*;

impl App {
    /// Shows step `n` (from 1) of the story: its view, its highlight pinned, its annotations.
    /// `push`: a new history entry (the reader's buttons) or the current one replaced (an
    /// article scrolling, which must not fill the history).
    pub fn show_step(&mut self, n: usize, push: bool) -> Result<(), JsValue> {
        if n == 0 || n > self.dataset.story.len() {
            return Ok(());
        }
        self.hide_tooltip()?;
        let (state, notes) = url_state::step_state(&self.dataset, n);
        for note in notes {
            web_sys::console::warn_1(&JsValue::from_str(&format!(
                "influence-flows: step {n}: {note}"
            )));
        }
        self.step = Some(n);
        // The step's highlight lights its mark without opening the evidence panel.
        self.pinned = None;
        self.hover = None;
        if state.filters != self.filters {
            self.set_filters(state.filters, push)
        } else {
            // The same view: only the annotations and the highlight change.
            self.drawn = None;
            self.render()?;
            self.write_url(push)
        }
    }

    /// The mark the step shown lights up, as a selection.
    pub fn step_highlight(&self) -> Option<Selection> {
        story::highlight(&self.dataset, self.step?)
    }

    /// The mark the step shown lights up, in the chart drawn (under hover, pin and focus).
    pub fn step_target(&self) -> Option<crate::picture::highlight::Target> {
        url_state::target_of(&self.chart.as_ref()?.view, &self.step_highlight()?)
    }

    /// Shows the view a URL hash describes (`el.setView(hash)`), as a link would.
    pub fn show_hash(&mut self, hash: &str) -> Result<(), JsValue> {
        let (state, notes) = url_state::read(hash, &self.dataset);
        for note in notes {
            web_sys::console::warn_1(&JsValue::from_str(&format!("influence-flows: {note}")));
        }
        self.pinned = pin_of(&self.dataset, &state);
        let step_changed = state.step != self.step;
        self.step = state.step;
        if state.filters != self.filters {
            self.set_filters(state.filters, false)
        } else {
            if step_changed {
                self.drawn = None;
                self.render()?;
            } else {
                self.paint_overlay()?;
            }
            self.write_url(false)
        }
    }
}

/// What a hash pins: its selection, unless that is only its step's highlight (which lights
/// its mark without opening the evidence panel).
pub fn pin_of(
    dataset: &crate::data::model::Dataset,
    state: &url_state::UrlState,
) -> Option<Selection> {
    let highlight = state.step.and_then(|n| story::highlight(dataset, n));
    state
        .selection
        .clone()
        .filter(|s| Some(s) != highlight.as_ref())
}

/// Fills the step control from the App's step; hidden when the dataset tells no story.
/// Texts are set only when they change, so the live region speaks once per step.
pub fn sync(app: &App) -> Result<(), JsValue> {
    let control = dom::find(&app.figure, page::STORY)?;
    let steps = app.dataset.story.len();
    if steps == 0 {
        return control.set_attribute("hidden", "");
    }
    control.remove_attribute("hidden")?;
    let n = app.step.unwrap_or(0);
    app.figure.set_attribute(
        "data-step",
        &app.step.map_or(String::new(), |n| n.to_string()),
    )?;
    let (position, quote, source) = match story::caption(&app.dataset, n) {
        Some((caption, source)) => (app.lang.step_of(n, steps), caption, source),
        None => (app.lang.story_in(steps), String::new(), String::new()),
    };
    set_text(&dom::find(&control, ".if-story-position")?, &position)?;
    set_text(&dom::find(&control, ".if-story-quote")?, &quote)?;
    set_text(&dom::find(&control, ".if-story-source")?, &source)?;
    let prev = dom::find(&control, ".if-story-prev")?;
    let next = dom::find(&control, ".if-story-next")?;
    disable(&prev, n <= 1)?;
    disable(&next, n >= steps)?;
    let words = app.lang.words();
    set_text(
        &next,
        if n == 0 {
            words.start_story
        } else {
            words.next
        },
    )?;
    Ok(())
}

fn set_text(element: &web_sys::Element, text: &str) -> Result<(), JsValue> {
    if element.text_content().as_deref() != Some(text) {
        element.set_text_content(Some(text));
    }
    Ok(())
}

/// `aria-disabled`, not `disabled`: the button keeps its place in the tab order, so focus is
/// not lost when the last step disables it under the reader's finger.
fn disable(button: &web_sys::Element, off: bool) -> Result<(), JsValue> {
    button.set_attribute("aria-disabled", if off { "true" } else { "false" })
}
