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

/// A table being written: its body and the flows still to add as rows, in the view's order.
pub struct Pending {
    body: Element,
    rows: Vec<usize>,
    next: usize,
    /// The calls of [`write`] so far (`data-table-slices`, for the browser tests).
    pub slices: usize,
}

/// Starts the table of `view`'s flows in `container`: caption and head now, the rows by
/// [`write`] (a few hundred rows with every quote: written in slices, input is answered
/// between them).
pub fn start(container: &Element, view: &View, lang: Lang) -> Result<Pending, JsValue> {
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
    Ok(Pending {
        body: dom::append(&table, "tbody", "", None)?,
        rows: view
            .links
            .iter()
            .flat_map(|link| link.flows.iter().copied())
            .collect(),
        next: 0,
        slices: 0,
    })
}

/// Writes rows while `more()` says so (asked before each row after the first); `true` once
/// every row is written.
pub fn write(
    pending: &mut Pending,
    dataset: &Dataset,
    lang: Lang,
    mut more: impl FnMut() -> bool,
) -> Result<bool, JsValue> {
    pending.slices += 1;
    let mut first = true;
    while let Some(&i) = pending.rows.get(pending.next) {
        if !first && !more() {
            return Ok(false);
        }
        first = false;
        row(&pending.body, dataset, i, lang)?;
        pending.next += 1;
    }
    Ok(true)
}

fn row(body: &Element, dataset: &Dataset, i: usize, lang: Lang) -> Result<(), JsValue> {
    let flow = flow_text(dataset, &dataset.flows[i], lang);
    let row = dom::append(body, "tr", "", None)?;
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
    Ok(())
}
