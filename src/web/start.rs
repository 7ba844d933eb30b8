//! Start-up of one figure: read its embed options, fetch and validate its dataset, fill the
//! frame (`reader::markup`), build the `App` and its listeners, and draw the first picture. A failure at any
//! step shows the error panel instead of a chart.

use super::app::{js_message, set_state, show_failure, App, Failure};
use super::controls::{self, Controls};
use super::dom;
use super::events;
use crate::colour::theme::Theme;
use crate::data::model::Dataset;
use crate::reader::markup;
use crate::reader::page;
use crate::reader::url_state;
use crate::view;
use crate::view::options::{EmbedOptions, ThemeChoice};
use crate::view::order::GlobalOrder;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};

const DEFAULT_DATA: &str = "data/mali.json";
/// The event by which the reader's module hands a figure to the full module.
const FULL_MODULE_EVENT: &str = "influence-flows:full-module";
/// The global order of the shipped dataset, baked by `influence-flows order` (a native test
/// fails when it is stale): the page then runs no crossing search for it.
const SHIPPED_ORDER: &str = include_str!("../../data/mali.order.json");

thread_local! {
    static MOUNTED: RefCell<Vec<Rc<RefCell<App>>>> = const { RefCell::new(Vec::new()) };
}

/// Starts loading; the figure shows its loading line until the data is drawn or fails.
pub fn mount(figure: Element) {
    set_state(&figure, "loading");
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(failure) = start(figure.clone()).await {
            show_failure(&figure, failure);
        }
    });
}

async fn start(figure: Element) -> Result<(), Failure> {
    let window = dom::window()?;
    let (options, mut notes) = read_options(&figure)?;
    // The `lang=` option, else the page's language: the host's nearest `lang` for an element
    // embed (`embed-element.js` passes it as `data-page-lang`), else the document's.
    let page_lang = figure.get_attribute("data-page-lang").or_else(|| {
        dom::document()
            .ok()?
            .document_element()
            .map(|root| root.get_attribute("lang").unwrap_or_default())
    });
    let lang = options.language(page_lang.as_deref());
    controls::say(&figure, lang)?;
    apply_frame_options(&figure, &options)?;
    let url = options
        .data
        .clone()
        .or_else(|| figure.get_attribute("data-src"))
        .unwrap_or_else(|| DEFAULT_DATA.to_string());
    // Only the site's own data (or a build-time allowlisted origin): a crafted link must not
    // put other "evidence" on a publisher's page. An element embed's home is its script's.
    let home = match figure.get_attribute("data-home") {
        Some(home) => home,
        None => window.location().href()?,
    };
    crate::data::origin::check_data_url(&url, &home).map_err(Failure::Load)?;
    let text = fetch_text(&url).await?;
    dom::mark("influence-flows:fetched");
    let Some(Loaded {
        dataset,
        order,
        rejected,
    }) = load(&url, &text)?
    else {
        return hand_to_full_module(&figure);
    };
    dom::mark("influence-flows:validated");
    let canvas: HtmlCanvasElement = dom::find_as(&figure, page::CANVAS)?;
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .and_then(|c| c.dyn_into().ok())
        .ok_or_else(|| Failure::Page("this browser gives no 2D canvas".into()))?;
    let years = view::year_span(&dataset);
    // A shared link (the URL hash) wins over the embed's initial options.
    let hash = window.location().hash().unwrap_or_default();
    // Without a hash: the embed's kinds or period if it sets them, else the dataset's first
    // view (`url_state::read`).
    let (state, hash_notes) = url_state::read(&hash, &dataset);
    let pinned = super::story::pin_of(&dataset, &state);
    notes.extend(hash_notes);
    let embed_sets_filters = options.sets_filters();
    let filters = if hash.trim_start_matches('#').is_empty() && embed_sets_filters {
        options.initial_filters(&dataset, &mut notes)
    } else {
        state.filters
    };
    for note in notes {
        web_sys::console::warn_1(&JsValue::from_str(&format!("influence-flows: {note}")));
    }
    // Title, legend, period, actors and sources: already on the page for the first view of
    // the shipped data (prerendered), built here for any other.
    controls::apply(&figure, &markup::frame(&dataset, &filters, years, lang))?;
    let controls = Controls::find(&figure)?;
    let app = Rc::new(RefCell::new(App {
        stage: dom::find_as(&figure, page::STAGE)?,
        overlay: dom::find_as(&figure, page::OVERLAY)?,
        tooltip: dom::find_as(&figure, page::TOOLTIP)?,
        panel: dom::find(&figure, page::PANEL)?,
        figure: figure.clone(),
        canvas,
        context,
        controls,
        dataset,
        order,
        filters,
        years,
        rejected,
        chart: None,
        hits: OnceCell::new(),
        theme: Theme::LIGHT,
        drawn: None,
        hover: None,
        pinned,
        step: state.step,
        focus: None,
        panel_shows: None,
        player: None,
        tooltip_shows: None,
        table_stale: false,
        table_rows: None,
        overlay_inked: false,
        this: std::rc::Weak::new(),
        motion: None,
        previewing: None,
        lang,
    }));
    app.borrow_mut().this = Rc::downgrade(&app);
    dom::mark("influence-flows:controls");
    app.borrow_mut().render()?;
    events::listen(&app)?;
    // Listeners hold weak references: the page's list of figures keeps each app alive.
    MOUNTED.with(|mounted| mounted.borrow_mut().push(app));
    // "ready" (for tests and hosts) once the data table has followed the chart.
    Ok(())
}

/// A dataset ready to draw, with its global order and the count of flows left out.
struct Loaded {
    dataset: Dataset,
    order: GlobalOrder,
    rejected: usize,
}

/// The full module (feature `authoring`): any dataset, checked, with its problems and the
/// story's in the console; the order baked for the shipped text, else searched.
#[cfg(feature = "authoring")]
fn load(url: &str, text: &str) -> Result<Option<Loaded>, Failure> {
    let report = crate::validate::check(text);
    let rejected = report.rejected_count();
    let Some(dataset) = report.dataset else {
        return Err(Failure::Invalid(url.to_string(), report.problems));
    };
    let story = crate::reader::story::problems(&dataset);
    for problem in report.problems.iter().chain(&story) {
        web_sys::console::warn_1(&JsValue::from_str(&format!(
            "influence-flows: {url}: {problem}"
        )));
    }
    let order = GlobalOrder::from_baked(SHIPPED_ORDER, text)
        .unwrap_or_else(|| GlobalOrder::compute(&dataset));
    Ok(Some(Loaded {
        dataset,
        order,
        rejected,
    }))
}

/// The reader's module: only the text whose order was baked, which the bake checked, read
/// without checking it again. `None` for any other text: the full module takes the figure.
#[cfg(not(feature = "authoring"))]
fn load(url: &str, text: &str) -> Result<Option<Loaded>, Failure> {
    let Some(order) = GlobalOrder::from_baked(SHIPPED_ORDER, text) else {
        return Ok(None);
    };
    let dataset =
        crate::validate::read_checked(text).map_err(|e| Failure::Load(format!("{url}: {e}")))?;
    Ok(Some(Loaded {
        dataset,
        order,
        rejected: 0,
    }))
}

/// Asks the page's loader (`boot.js`, `embed-element.js`) to mount this figure with the full
/// module: its dataset is not the one baked into this module.
fn hand_to_full_module(figure: &Element) -> Result<(), Failure> {
    set_state(figure, "full-module");
    figure.dispatch_event(&web_sys::Event::new(FULL_MODULE_EVENT)?)?;
    Ok(())
}

async fn fetch_text(url: &str) -> Result<String, Failure> {
    let window = dom::window()?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| Failure::Load(format!("could not load {url}: {}", js_message(&e))))?;
    let response: web_sys::Response = response.dyn_into()?;
    if !response.ok() {
        return Err(Failure::Load(format!(
            "could not load {url}: the server answered {} {}",
            response.status(),
            response.status_text()
        )));
    }
    let text = JsFuture::from(response.text()?)
        .await
        .map_err(|e| Failure::Load(format!("could not read {url}: {}", js_message(&e))))?;
    text.as_string()
        .ok_or_else(|| Failure::Load(format!("{url} is not text")))
}

/// The embed options: the figure's data attributes, then the page URL's query string, which
/// is how an iframe snippet sets them and so wins.
fn read_options(figure: &Element) -> Result<(EmbedOptions, Vec<String>), JsValue> {
    let mut pairs: Vec<(String, String)> = crate::view::options::KEYS
        .iter()
        .filter(|key| **key != "data")
        .filter_map(|key| {
            figure
                .get_attribute(&format!("data-{key}"))
                .map(|v| (key.to_string(), v))
        })
        .collect();
    pairs.extend(crate::view::options::query_pairs(
        &dom::window()?.location().search()?,
    ));
    Ok(EmbedOptions::from_pairs(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    ))
}

/// Theme override and title visibility, before anything is drawn.
fn apply_frame_options(figure: &Element, options: &EmbedOptions) -> Result<(), JsValue> {
    match options.theme {
        ThemeChoice::Dark => figure.set_attribute("data-theme", "dark")?,
        ThemeChoice::Light => figure.set_attribute("data-theme", "light")?,
        ThemeChoice::Auto => {}
    }
    if !options.show_title {
        dom::find(figure, page::HEADER)?.set_attribute("hidden", "")?;
    }
    if let Some(id) = &options.embed_id {
        figure.set_attribute("data-embed-id", id)?;
    }
    Ok(())
}
