//! One mounted figure: loads its dataset, fills the frame (title, legend, sources) and keeps
//! the canvas drawn at the container's width, in the page's theme.

use super::dom;
use super::measure::CanvasMeasure;
use crate::chart::{self, Chart, FONT_FAMILY};
use crate::draw::{self, Scale};
use crate::model::Dataset;
use crate::theme::Theme;
use crate::validate::{self, Problem};
use crate::view::Filters;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlElement};

const DEFAULT_DATA: &str = "data/mali.json";

pub struct App {
    figure: Element,
    stage: HtmlElement,
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    dataset: Dataset,
    filters: Filters,
    chart: Option<Chart>,
    /// Width and theme of the last drawing, to skip redraws that change nothing.
    drawn: Option<(f64, f64, bool)>,
}

/// Why a figure shows its error panel instead of a chart.
enum Failure {
    Load(String),
    Invalid(String, Vec<Problem>),
    Page(String),
}

impl From<JsValue> for Failure {
    fn from(value: JsValue) -> Self {
        Failure::Page(value.as_string().unwrap_or_else(|| format!("{value:?}")))
    }
}

impl App {
    /// Starts loading; the figure shows its loading line until the data is drawn or fails.
    pub fn mount(figure: Element) {
        set_state(&figure, "loading");
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(failure) = App::start(figure.clone()).await {
                show_failure(&figure, failure);
            }
        });
    }

    async fn start(figure: Element) -> Result<(), Failure> {
        let url = figure
            .get_attribute("data-src")
            .unwrap_or_else(|| DEFAULT_DATA.to_string());
        let text = fetch_text(&url).await?;
        let dataset = validate::load(&text).map_err(|problems| Failure::Invalid(url, problems))?;
        let stage: HtmlElement = dom::find_as(&figure, ".if-stage")?;
        let canvas: HtmlCanvasElement = dom::find_as(&figure, "canvas.if-canvas")?;
        let context: CanvasRenderingContext2d = canvas
            .get_context("2d")?
            .and_then(|c| c.dyn_into().ok())
            .ok_or_else(|| Failure::Page("this browser gives no 2D canvas".into()))?;
        fill_frame(&figure, &dataset)?;
        let app = Rc::new(RefCell::new(App {
            figure: figure.clone(),
            stage,
            canvas,
            context,
            dataset,
            filters: Filters::default(),
            chart: None,
            drawn: None,
        }));
        app.borrow_mut().render()?;
        watch_size_and_theme(&app)?;
        set_state(&figure, "ready");
        Ok(())
    }

    /// Lays out and draws at the stage's current width, unless nothing changed.
    fn render(&mut self) -> Result<(), JsValue> {
        let width = f64::from(self.stage.client_width());
        if width <= 0.0 {
            return Ok(());
        }
        let window = dom::window()?;
        let ratio = window.device_pixel_ratio().max(1.0);
        let dark = is_dark(&self.figure)?;
        if self.drawn == Some((width, ratio, dark)) {
            return Ok(());
        }
        let theme = if dark { Theme::DARK } else { Theme::LIGHT };
        let measure = CanvasMeasure {
            context: self.context.clone(),
            family: FONT_FAMILY.to_string(),
        };
        let chart = chart::build(&self.dataset, &self.filters, width, None, &theme, &measure);
        let height = chart.scene.height;
        self.canvas.set_width((width * ratio).round() as u32);
        self.canvas.set_height((height * ratio).round() as u32);
        let style = self.canvas.style();
        style.set_property("width", &format!("{width}px"))?;
        style.set_property("height", &format!("{height}px"))?;
        self.canvas
            .set_attribute("data-band-alpha", &theme.band_alpha.to_string())?;
        let backend = CanvasBackend::with_canvas_object(self.canvas.clone())
            .ok_or_else(|| JsValue::from_str("cannot draw on the canvas"))?;
        draw::paint(
            &chart.scene,
            &backend.into_drawing_area(),
            Scale::canvas(ratio),
        )
        .map_err(|e| JsValue::from_str(&format!("drawing failed: {e:?}")))?;
        self.canvas
            .set_attribute("aria-label", &chart::summary(&self.dataset, &chart.view))?;
        let counter = dom::find(&self.figure, ".if-counter")?;
        let counts = chart.view.counts;
        counter.set_text_content(Some(&format!(
            "Showing {} of {} flows",
            counts.shown, counts.total
        )));
        self.chart = Some(chart);
        self.drawn = Some((width, ratio, dark));
        Ok(())
    }
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

fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Title, subtitle, legend and source line, from the dataset.
fn fill_frame(figure: &Element, dataset: &Dataset) -> Result<(), JsValue> {
    dom::find(figure, ".if-title")?.set_text_content(Some(&dataset.title));
    if let Some(subtitle) = &dataset.subtitle {
        dom::find(figure, ".if-subtitle")?.set_text_content(Some(subtitle));
    }
    let legend = dom::find(figure, ".if-legend")?;
    dom::clear(&legend);
    let used: std::collections::BTreeSet<&str> =
        dataset.flows.iter().map(|f| f.kind.as_str()).collect();
    for kind in dataset
        .kinds
        .iter()
        .filter(|k| used.contains(k.id.as_str()))
    {
        let item = dom::element("li", "if-legend-item", None)?;
        item.set_attribute("data-kind", &kind.id)?;
        let swatch: HtmlElement = dom::append(&item, "span", "if-swatch", None)?.unchecked_into();
        swatch.set_attribute("aria-hidden", "true")?;
        swatch
            .style()
            .set_property("background-color", &kind.color)?;
        dom::append(&item, "span", "if-legend-label", Some(&kind.label))?;
        legend.append_child(&item)?;
    }
    let sources = dom::find(figure, ".if-sources")?;
    dom::clear(&sources);
    dom::append(&sources, "span", "", Some("Sources: "))?;
    for (i, source) in dataset.sources.iter().enumerate() {
        if i > 0 {
            dom::append(&sources, "span", "", Some("; "))?;
        }
        let is_web = source
            .url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://") || u.starts_with("http://"));
        let title = dom::append(
            &sources,
            if is_web { "a" } else { "cite" },
            "",
            Some(&source.title),
        )?;
        if let (true, Some(url)) = (is_web, &source.url) {
            title.set_attribute("href", url)?;
            title.set_attribute("rel", "noopener noreferrer")?;
        }
        let by: Vec<&str> = source
            .authors
            .iter()
            .map(String::as_str)
            .chain(source.publisher.as_deref())
            .chain(source.date.as_deref())
            .collect();
        if !by.is_empty() {
            dom::append(&sources, "span", "", Some(&format!(" ({})", by.join(", "))))?;
        }
    }
    Ok(())
}

fn watch_size_and_theme(app: &Rc<RefCell<App>>) -> Result<(), JsValue> {
    let stage = app.borrow().stage.clone();
    let weak = Rc::downgrade(app);
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        if let Some(app) = weak.upgrade() {
            redraw(&app);
        }
    });
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;
    observer.observe(&stage);
    on_resize.forget();
    let weak = Rc::downgrade(app);
    let on_scheme = Closure::<dyn FnMut()>::new(move || {
        if let Some(app) = weak.upgrade() {
            redraw(&app);
        }
    });
    if let Some(query) = dom::window()?.match_media("(prefers-color-scheme: dark)")? {
        query.add_event_listener_with_callback("change", on_scheme.as_ref().unchecked_ref())?;
    }
    on_scheme.forget();
    Ok(())
}

fn redraw(app: &Rc<RefCell<App>>) {
    let mut app = app.borrow_mut();
    if let Err(e) = app.render() {
        let figure = app.figure.clone();
        drop(app);
        show_failure(&figure, Failure::Page(js_message(&e)));
    }
}

/// The figure's theme: its `data-theme` attribute, else the reader's colour scheme.
fn is_dark(figure: &Element) -> Result<bool, JsValue> {
    Ok(match figure.get_attribute("data-theme").as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => dom::window()?
            .match_media("(prefers-color-scheme: dark)")?
            .is_some_and(|q| q.matches()),
    })
}

fn set_state(figure: &Element, state: &str) {
    let _ = figure.set_attribute("data-state", state);
    if let Some(root) = dom::document().ok().and_then(|d| d.document_element()) {
        // The page's state follows its figures; an error anywhere stays visible.
        if root.get_attribute("data-state").as_deref() != Some("error") {
            let _ = root.set_attribute("data-state", state);
        }
    }
}

/// Replaces the chart with a readable panel saying what went wrong and where.
fn show_failure(figure: &Element, failure: Failure) {
    let (heading, lines) = match failure {
        Failure::Load(message) => ("The data could not be loaded".to_string(), vec![message]),
        Failure::Invalid(url, problems) => (
            format!("The data in {url} has {} problem(s)", problems.len()),
            problems.iter().map(ToString::to_string).collect(),
        ),
        Failure::Page(message) => ("The chart could not be drawn".to_string(), vec![message]),
    };
    let result: Result<(), JsValue> = (|| {
        let panel = dom::find(figure, ".if-error")?;
        dom::clear(&panel);
        dom::append(&panel, "p", "if-error-heading", Some(&heading))?;
        let list = dom::append(&panel, "ul", "", None)?;
        for line in &lines {
            dom::append(&list, "li", "", Some(line))?;
        }
        panel.remove_attribute("hidden")?;
        dom::find(figure, ".if-stage")?.set_attribute("hidden", "")?;
        Ok(())
    })();
    if let Err(e) = result {
        web_sys::console::error_2(&JsValue::from_str("influence-flows:"), &e);
    }
    set_state(figure, "error");
}
