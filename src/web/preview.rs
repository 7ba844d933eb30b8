//! The preview of an editor's own file (`?preview`): its text is read here, on the reader's
//! machine (`Blob.text()`; nothing is fetched or sent, nothing stored), checked by
//! `reader::preview` as `validate` checks it, and drawn in the figure in place of the published
//! data, which comes back on reload. A file that cannot be drawn shows every problem in the
//! error panel; one drawn without some flows lists them there too, below the chart.

use super::app::{report, set_state, App};
use super::dom;
use crate::reader::page;
use crate::reader::preview::{self, Checked, DroppedFile};
use crate::view::order::GlobalOrder;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, FileList};

/// Reads `files` and shows them, later (reading is asynchronous).
pub fn show(app: &Rc<RefCell<App>>, files: FileList) {
    let weak = Rc::downgrade(app);
    // The list is live on some browsers: take the files before the input is cleared.
    let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    wasm_bindgen_futures::spawn_local(async move {
        let read = read_all(files).await;
        if let Some(app) = weak.upgrade() {
            let result = read.and_then(|files| show_checked(&app, preview::check(&files)));
            report(&app, result);
        }
    });
}

async fn read_all(files: Vec<web_sys::File>) -> Result<Vec<DroppedFile>, JsValue> {
    let mut read = Vec::with_capacity(files.len());
    for file in files {
        let text = JsFuture::from(file.text()).await?;
        read.push(DroppedFile {
            name: file.name(),
            text: text.as_string().unwrap_or_default(),
        });
    }
    Ok(read)
}

fn show_checked(
    app: &Rc<RefCell<App>>,
    checked: Result<Checked, preview::Refusal>,
) -> Result<(), JsValue> {
    let figure = app.borrow().figure.clone();
    let checked = match checked {
        Ok(checked) => checked,
        Err(refusal) => {
            status(&figure, "")?;
            list_problems(&figure, &refusal.heading, &refusal.lines)?;
            dom::find(&figure, page::STAGE)?.set_attribute("hidden", "")?;
            set_state(&figure, "error");
            return Ok(());
        }
    };
    status(&figure, &preview::status(&checked.name))?;
    let panel = checked.panel();
    let Some(dataset) = checked.report.dataset.clone() else {
        let (heading, lines) = panel.unwrap_or_default();
        list_problems(&figure, &heading, &lines)?;
        dom::find(&figure, page::STAGE)?.set_attribute("hidden", "")?;
        set_state(&figure, "error");
        return Ok(());
    };
    // Not baked: the order of a file nobody has published is searched here, once.
    let order = GlobalOrder::compute(&dataset);
    dom::find(&figure, page::STAGE)?.remove_attribute("hidden")?;
    match panel {
        Some((heading, lines)) => list_problems(&figure, &heading, &lines)?,
        None => dom::find(&figure, page::ERROR)?.set_attribute("hidden", "")?,
    }
    // The page's state follows this figure again (an earlier file's error is gone).
    if let Some(root) = dom::document()?.document_element() {
        root.set_attribute("data-state", "loading")?;
    }
    set_state(&figure, "loading");
    let rejected = checked.report.rejected_count();
    app.borrow_mut()
        .replace_dataset(&checked.name, dataset, order, rejected)
}

/// Fills the error panel (as `show_failure` does) without hiding the chart.
fn list_problems(figure: &Element, heading: &str, lines: &[String]) -> Result<(), JsValue> {
    let panel = dom::find(figure, page::ERROR)?;
    dom::clear(&panel);
    dom::append(&panel, "p", "if-error-heading", Some(heading))?;
    let list = dom::append(&panel, "ul", "", None)?;
    for line in lines {
        dom::append(&list, "li", "", Some(line))?;
    }
    panel.remove_attribute("hidden")
}

fn status(figure: &Element, text: &str) -> Result<(), JsValue> {
    dom::find(figure, page::PREVIEW_STATUS)?.set_text_content(Some(text));
    Ok(())
}
