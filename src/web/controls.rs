//! The frame around the picture and its filter controls: `apply` puts `reader::markup`'s fills
//! on the page, building only what the page does not already hold as it should (the release
//! build prerenders the first view's frame: then nothing is rebuilt and nothing moves);
//! `Controls` then only mirror `Filters` (`sync`); the app turns their events into new
//! `Filters`.

use super::dom;
use crate::data::model::Dataset;
use crate::reader::markup::{Content, Fill, Markup, ANY_TIME};
use crate::reader::page;
use crate::util::lang::Lang;
use crate::view::family::{self, Shown};
use crate::view::Filters;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

pub struct Controls {
    pub legend: Element,
    pub from: HtmlSelectElement,
    pub to: HtmlSelectElement,
    pub play: HtmlElement,
    pub fold: HtmlInputElement,
    pub actors: Element,
    pub lang: Lang,
}

/// Sets `figure`'s `lang` (screen readers then speak its words in that language) and, for a
/// language other than the page's English, rewrites `index.html`'s own words: the elements
/// marked `data-say` (text), `data-say-label` (`aria-label`) and `data-say-role`
/// (`aria-roledescription`) with `util::lang`'s words. The dataset's texts are not touched.
pub fn say(figure: &Element, lang: Lang) -> Result<(), JsValue> {
    figure.set_attribute("lang", lang.code())?;
    if lang == Lang::En {
        return Ok(());
    }
    for (attribute, target) in [
        ("data-say", None),
        ("data-say-label", Some("aria-label")),
        ("data-say-role", Some("aria-roledescription")),
    ] {
        let marked = figure.query_selector_all(&format!("[{attribute}]"))?;
        for i in 0..marked.length() {
            let Some(element) = marked.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let key = element.get_attribute(attribute).unwrap_or_default();
            let Some(word) = lang.page_word(&key) else {
                continue;
            };
            // `src/web/lang.js` may have put the French in already: then nothing changes.
            match target {
                None if element.text_content().as_deref() != Some(word) => {
                    element.set_text_content(Some(word))
                }
                Some(name) if element.get_attribute(name).as_deref() != Some(word) => {
                    element.set_attribute(name, word)?
                }
                _ => {}
            }
        }
    }
    Ok(())
}

impl Controls {
    /// The controls of `figure`, once `apply` has filled them.
    pub fn find(figure: &Element) -> Result<Controls, JsValue> {
        Ok(Controls {
            legend: dom::find(figure, page::LEGEND)?,
            from: dom::find_as(figure, page::FROM)?,
            to: dom::find_as(figure, page::TO)?,
            play: dom::find_as(figure, page::PLAY)?,
            fold: dom::find_as(figure, page::FOLD)?,
            actors: dom::find(figure, page::ACTOR_LIST)?,
            lang: dom::lang(figure),
        })
    }

    /// Makes every control show `filters`.
    pub fn sync(
        &self,
        dataset: &Dataset,
        filters: &Filters,
        years: Option<(i32, i32)>,
        playing: bool,
    ) -> Result<(), JsValue> {
        let words = self.lang.words();
        let buttons = self
            .legend
            .query_selector_all("button[data-kind]:not([data-family])")?;
        for i in 0..buttons.length() {
            if let Some(button) = buttons.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let kind = button.get_attribute("data-kind").unwrap_or_default();
                let shown = !filters.hidden_kinds.contains(&kind);
                button.set_attribute("aria-pressed", if shown { "true" } else { "false" })?;
            }
        }
        let families = self.legend.query_selector_all("button[data-family]")?;
        for i in 0..families.length() {
            if let Some(button) = families.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let family = button.get_attribute("data-family").unwrap_or_default();
                let pressed = match family::shown(dataset, filters, &family) {
                    Shown::All => "true",
                    Shown::Part => "mixed",
                    Shown::None => "false",
                };
                button.set_attribute("aria-pressed", pressed)?;
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
            .set_text_content(Some(if playing { words.pause } else { words.play }));
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

/// Does each fill on the element of `root` it names: attributes that differ are set or
/// removed; content that differs (by tag, attributes and text, as `reader::markup` has it) is
/// built again, and content that matches is left alone, with its focus and its listeners.
pub fn apply(root: &Element, fills: &[Fill]) -> Result<(), JsValue> {
    for fill in fills {
        let element = dom::find(root, fill.hook)?;
        for (name, value) in &fill.attrs {
            match value {
                Some(value) if element.get_attribute(name).as_deref() != Some(value) => {
                    element.set_attribute(name, value)?;
                }
                None => element.remove_attribute(name)?,
                Some(_) => {}
            }
        }
        match &fill.content {
            Content::Keep => {}
            Content::Text(text) => {
                if element.child_element_count() > 0
                    || element.text_content().as_deref() != Some(text)
                {
                    element.set_text_content(Some(text));
                }
            }
            Content::Children(children) => {
                if !holds(&element, children) {
                    dom::clear(&element);
                    for child in children {
                        let node = build(child)?;
                        element.append_child(&node)?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// Whether `element`'s child nodes are exactly `children`.
fn holds(element: &Element, children: &[Markup]) -> bool {
    let nodes = element.child_nodes();
    nodes.length() as usize == children.len()
        && children.iter().enumerate().all(|(i, markup)| {
            nodes
                .item(i as u32)
                .and_then(|node| node.dyn_into::<Element>().ok())
                .is_some_and(|child| is(&child, markup))
        })
}

/// (The prerendered page's `data-fr…` attributes, the French that `src/web/lang.js` swaps
/// in, are not counted: they are not `reader::markup`'s.)
fn is(element: &Element, markup: &Markup) -> bool {
    let names = element.get_attribute_names();
    let own = (0..names.length())
        .filter(|&i| {
            !names
                .get(i)
                .as_string()
                .is_some_and(|n| n.starts_with("data-fr"))
        })
        .count();
    element.local_name() == markup.tag
        && own == markup.attrs.len()
        && markup
            .attrs
            .iter()
            .all(|(name, value)| element.get_attribute(name).as_deref() == Some(value))
        && match &markup.text {
            Some(text) => {
                element.child_element_count() == 0
                    && element.text_content().as_deref() == Some(text)
            }
            None => holds(element, &markup.children),
        }
}

/// The element `markup` describes, text set as text (never as HTML).
fn build(markup: &Markup) -> Result<Element, JsValue> {
    let document = dom::document()?;
    let element = if markup.is_svg() {
        document.create_element_ns(Some("http://www.w3.org/2000/svg"), markup.tag)?
    } else {
        document.create_element(markup.tag)?
    };
    for (name, value) in &markup.attrs {
        element.set_attribute(name, value)?;
    }
    if let Some(text) = &markup.text {
        element.set_text_content(Some(text));
    }
    for child in &markup.children {
        let node = build(child)?;
        element.append_child(&node)?;
    }
    Ok(element)
}
