//! The filter controls around the picture: kind toggles in the legend, the period selects, the
//! actor list and the group fold. They are built once from the dataset and then only mirror
//! `Filters` (`sync`); the app turns their events into new `Filters`.

use super::dom;
use crate::data::model::Dataset;
use crate::reader::page;
use crate::view::Filters;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// The value of the "From" select that means: no period filter, undated flows included.
pub const ANY_TIME: &str = "";

pub struct Controls {
    pub legend: Element,
    pub from: HtmlSelectElement,
    pub to: HtmlSelectElement,
    pub play: HtmlElement,
    pub fold: HtmlInputElement,
    pub actors: Element,
}

impl Controls {
    pub fn build(
        figure: &Element,
        dataset: &Dataset,
        years: Option<(i32, i32)>,
    ) -> Result<Controls, JsValue> {
        let controls = Controls {
            legend: dom::find(figure, page::LEGEND)?,
            from: dom::find_as(figure, page::FROM)?,
            to: dom::find_as(figure, page::TO)?,
            play: dom::find_as(figure, page::PLAY)?,
            fold: dom::find_as(figure, page::FOLD)?,
            actors: dom::find(figure, page::ACTOR_LIST)?,
        };
        controls.build_legend(dataset)?;
        controls.build_period(years)?;
        controls.build_actors(dataset)?;
        Ok(controls)
    }

    fn build_legend(&self, dataset: &Dataset) -> Result<(), JsValue> {
        dom::clear(&self.legend);
        for kind in dataset
            .kinds
            .iter()
            .filter(|k| dataset.flows.iter().any(|f| f.kind == k.id))
        {
            let item = dom::append(&self.legend, "li", "if-legend-item", None)?;
            let button = dom::append(&item, "button", "", None)?;
            button.set_attribute("type", "button")?;
            button.set_attribute("aria-pressed", "true")?;
            button.set_attribute("data-kind", &kind.id)?;
            if let Some(description) = &kind.description {
                button.set_attribute("title", description)?;
            }
            let swatch: HtmlElement =
                dom::append(&button, "span", "if-swatch", None)?.unchecked_into();
            swatch.set_attribute("aria-hidden", "true")?;
            swatch
                .style()
                .set_property("background-color", &kind.color)?;
            dom::append(&button, "span", "if-legend-label", Some(&kind.label))?;
        }
        Ok(())
    }

    fn build_period(&self, years: Option<(i32, i32)>) -> Result<(), JsValue> {
        let (from, to): (&Element, &Element) = (&self.from, &self.to);
        dom::clear(from);
        dom::clear(to);
        let any = dom::append(from, "option", "", Some("Any time"))?;
        any.set_attribute("value", ANY_TIME)?;
        if let Some((first, last)) = years {
            for year in first..=last {
                for select in [from, to] {
                    let option = dom::append(select, "option", "", Some(&year.to_string()))?;
                    option.set_attribute("value", &year.to_string())?;
                }
            }
        } else {
            self.play.set_attribute("disabled", "")?;
        }
        Ok(())
    }

    fn build_actors(&self, dataset: &Dataset) -> Result<(), JsValue> {
        dom::clear(&self.actors);
        let mut actors: Vec<_> = dataset.actors.iter().collect();
        crate::util::sort::by(&mut actors, |a, b| {
            crate::util::caseless::cmp(&a.name, &b.name)
        });
        for actor in actors {
            let item = dom::append(&self.actors, "li", "", None)?;
            let label = dom::append(&item, "label", "", None)?;
            let input: HtmlInputElement = dom::append(&label, "input", "", None)?.unchecked_into();
            input.set_type("checkbox");
            input.set_checked(true);
            input.set_attribute("data-actor", &actor.id)?;
            dom::append(&label, "span", "", Some(&actor.name))?;
        }
        Ok(())
    }

    /// Makes every control show `filters`.
    pub fn sync(
        &self,
        filters: &Filters,
        years: Option<(i32, i32)>,
        playing: bool,
    ) -> Result<(), JsValue> {
        let buttons = self.legend.query_selector_all("button[data-kind]")?;
        for i in 0..buttons.length() {
            if let Some(button) = buttons.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let kind = button.get_attribute("data-kind").unwrap_or_default();
                let shown = !filters.hidden_kinds.contains(&kind);
                button.set_attribute("aria-pressed", if shown { "true" } else { "false" })?;
            }
        }
        match (filters.years, years) {
            (Some((a, b)), _) => {
                self.from.set_value(&a.to_string());
                self.to.set_value(&b.to_string());
                self.to.set_disabled(false);
            }
            (None, span) => {
                self.from.set_value(ANY_TIME);
                if let Some((_, last)) = span {
                    self.to.set_value(&last.to_string());
                }
                self.to.set_disabled(true);
            }
        }
        self.play
            .set_attribute("aria-pressed", if playing { "true" } else { "false" })?;
        self.play
            .set_text_content(Some(if playing { "Pause" } else { "Play years" }));
        self.fold.set_checked(filters.fold_groups);
        let inputs = self.actors.query_selector_all("input[data-actor]")?;
        for i in 0..inputs.length() {
            if let Some(input) = inputs
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
            {
                let actor = input.get_attribute("data-actor").unwrap_or_default();
                input.set_checked(!filters.hidden_actors.contains(&actor));
            }
        }
        Ok(())
    }

    /// The period the selects ask for: None for "Any time"; the two years in order otherwise.
    pub fn period(&self) -> Option<(i32, i32)> {
        let from = self.from.value().parse::<i32>().ok()?;
        let to = self.to.value().parse::<i32>().unwrap_or(from);
        Some((from.min(to), from.max(to)))
    }
}
