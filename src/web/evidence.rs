//! Puts a `Description` on screen: in the tooltip (short) and in the evidence panel (all).
//! Every piece of data goes in as text; only http(s) URLs become links.

use super::dom;
use crate::reader::inspect::{self, Description, FlowText};
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// Flows shown in full in the tooltip; the panel shows them all.
const TOOLTIP_FLOWS: usize = 2;

pub fn fill_tooltip(tooltip: &Element, d: &Description) -> Result<(), JsValue> {
    dom::clear(tooltip);
    dom::append(tooltip, "p", "if-tip-title", Some(&d.title))?;
    for line in &d.lines {
        dom::append(tooltip, "p", "if-tip-line", Some(line))?;
    }
    for flow in d.flows.iter().take(TOOLTIP_FLOWS) {
        append_flow(tooltip, flow, 1)?;
    }
    let more = d.flows.len().saturating_sub(TOOLTIP_FLOWS);
    let hint = if more > 0 {
        d.lang.more_evidence(more)
    } else {
        d.lang.words().keep_open.to_string()
    };
    dom::append(tooltip, "p", "if-more", Some(&hint))?;
    Ok(())
}

pub fn fill_panel(panel: &Element, d: &Description) -> Result<(), JsValue> {
    dom::clear(panel);
    let head = dom::append(panel, "div", "if-panel-head", None)?;
    dom::append(&head, "h2", "if-panel-title", Some(&d.title))?;
    let close = dom::append(
        &head,
        "button",
        "if-panel-close",
        Some(d.lang.words().close),
    )?;
    close.set_attribute("type", "button")?;
    for line in &d.lines {
        dom::append(panel, "p", "if-tip-line", Some(line))?;
    }
    for flow in &d.flows {
        append_flow(panel, flow, usize::MAX)?;
    }
    Ok(())
}

/// One flow: who, what, when, how the document presents it, and its quotes.
fn append_flow(parent: &Element, flow: &FlowText, max_quotes: usize) -> Result<(), JsValue> {
    let item = dom::append(parent, "div", "if-flow", None)?;
    item.set_attribute("data-flow", &flow.id)?;
    dom::append(&item, "p", "if-flow-meta", Some(&flow_meta(flow)))?;
    if let Some(figures) = inspect::figures_line(flow) {
        dom::append(&item, "p", "if-flow-figures", Some(&figures))?;
    }
    dom::append(&item, "p", "if-flow-summary", Some(&flow.summary))?;
    for quote in flow.evidence.iter().take(max_quotes) {
        let block = dom::append(&item, "blockquote", "if-quote", None)?;
        dom::append(&block, "span", "", Some(&format!("“{}”", quote.quote)))?;
        let cite = dom::append(&block, "cite", "if-cite", None)?;
        match &quote.url {
            Some(url) => {
                let link = dom::append(&cite, "a", "", Some(&quote.source_title))?;
                link.set_attribute("href", url)?;
                link.set_attribute("rel", "noopener noreferrer")?;
                link.set_attribute("target", "_blank")?;
            }
            None => {
                dom::append(&cite, "span", "", Some(&quote.source_title))?;
            }
        }
        if let Some(detail) = &quote.source_detail {
            dom::append(&cite, "span", "", Some(&format!(" ({detail})")))?;
        }
        if let Some(voice) = &quote.voice {
            dom::append(&cite, "span", "if-voice", Some(&format!(" — {voice}")))?;
        }
    }
    let hidden = flow.evidence.len().saturating_sub(max_quotes);
    if hidden > 0 {
        dom::append(
            &item,
            "p",
            "if-flow-meta",
            Some(&flow.lang.more_quotes(hidden)),
        )?;
    }
    Ok(())
}

/// "Arms · March 2022 · Reported — according to media sources · $10 million a month"
pub fn flow_meta(flow: &FlowText) -> String {
    inspect::meta_line(flow)
}
