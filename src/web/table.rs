//! The data table of the visible flows with their evidence: everything the picture says, for
//! screen readers always and for everyone on request.

use super::dom;
use super::evidence::flow_meta;
use crate::data::model::Dataset;
use crate::reader::inspect::{self, flow_text};
use crate::util::lang::Lang;
use crate::view::View;
use wasm_bindgen::prelude::*;
use web_sys::Element;

pub fn fill(
    container: &Element,
    dataset: &Dataset,
    view: &View,
    lang: Lang,
) -> Result<(), JsValue> {
    let words = lang.words();
    dom::clear(container);
    let table = dom::append(container, "table", "if-table", None)?;
    dom::append(
        &table,
        "caption",
        "",
        Some(&lang.table_caption(view.counts.shown)),
    )?;
    let head = dom::append(&dom::append(&table, "thead", "", None)?, "tr", "", None)?;
    for title in [
        words.giver,
        words.receiver,
        words.kind_period_presented,
        words.summary,
        words.evidence,
    ] {
        dom::append(&head, "th", "", Some(title))?.set_attribute("scope", "col")?;
    }
    let body = dom::append(&table, "tbody", "", None)?;
    for link in &view.links {
        for &i in &link.flows {
            let flow = flow_text(dataset, &dataset.flows[i], lang);
            let row = dom::append(&body, "tr", "", None)?;
            dom::append(&row, "td", "", Some(&flow.giver))?;
            dom::append(&row, "td", "", Some(&flow.receiver))?;
            let meta = dom::append(&row, "td", "", Some(&flow_meta(&flow)))?;
            if let Some(figures) = inspect::figures_line(&flow) {
                dom::append(&meta, "p", "", Some(&figures))?;
            }
            dom::append(&row, "td", "", Some(&flow.summary))?;
            let evidence = dom::append(&row, "td", "", None)?;
            for quote in &flow.evidence {
                dom::append(&evidence, "p", "", Some(&inspect::quote_line(quote)))?;
            }
        }
    }
    Ok(())
}
