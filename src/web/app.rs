//! One mounted figure: loads its dataset, fills the frame, and keeps the picture in step with
//! the reader: filters (`Filters`), pointer hover, pinned selection and keyboard focus.
//!
//! Two canvases: `.if-canvas` holds the laid-out scene and is repainted only when the view,
//! width or theme changes; `.if-overlay` holds the highlight and focus ring and is repainted
//! on every pointer move.

use super::controls::Controls;
use super::dom;
use super::evidence;
use super::measure::CanvasMeasure;
use super::table;
use crate::colour::theme::Theme;
use crate::data::model::Dataset;
use crate::picture::chart::{self, Chart, FONT_FAMILY};
use crate::picture::draw::{self, Overlay, Scale};
use crate::picture::highlight::{self, Target};
use crate::reader::hit::HitIndex;
use crate::reader::inspect;
use crate::reader::markup;
use crate::reader::nav::{self, Focus, Key};
use crate::reader::page;
use crate::reader::url_state::{self, Selection, UrlState};
use crate::validate::Problem;
use crate::view::order::GlobalOrder;
use crate::view::Filters;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlElement};

pub use crate::reader::hit::{MOUSE_HIT, TOUCH_HIT};

pub struct App {
    pub figure: Element,
    pub stage: HtmlElement,
    pub canvas: HtmlCanvasElement,
    pub overlay: HtmlCanvasElement,
    pub context: CanvasRenderingContext2d,
    pub tooltip: HtmlElement,
    pub panel: Element,
    pub controls: Controls,
    pub dataset: Dataset,
    /// The dataset's global order, which every view keeps: baked for the shipped data,
    /// searched once for any other.
    pub order: GlobalOrder,
    pub filters: Filters,
    /// The years the dated flows span, for the period controls and the player.
    pub years: Option<(i32, i32)>,
    /// Flows the validator rejected (drawn + filtered out + rejected = total).
    pub rejected: usize,
    pub chart: Option<Chart>,
    /// The chart's hit index, built when the page is idle after the chart's frame, or at
    /// the first hit test if that comes sooner (Mali: ~15 ms of the first frame otherwise;
    /// 500 actors / 2,000 flows: ~130 ms).
    pub hits: OnceCell<HitIndex>,
    pub theme: Theme,
    /// Width, pixel ratio and theme of the last drawing, to skip redraws that change nothing.
    pub drawn: Option<(f64, f64, bool)>,
    /// Under the pointer now.
    pub hover: Option<Target>,
    /// Pinned by click, tap or Enter; kept by ids so it survives a new layout.
    pub pinned: Option<Selection>,
    pub focus: Option<Focus>,
    /// What the evidence panel holds now.
    pub panel_shows: Option<Target>,
    /// The time player's interval, while playing.
    pub player: Option<i32>,
    /// What the tooltip holds now and its size, so a pointer move within one band only moves it.
    pub tooltip_shows: Option<(Target, f64, f64)>,
    /// The data table lags the chart: it is filled after the frame that shows the chart.
    pub table_stale: bool,
    /// This app, for callbacks it schedules itself.
    pub this: std::rc::Weak<RefCell<App>>,
}

/// Why a figure shows its error panel instead of a chart.
pub enum Failure {
    Load(String),
    Invalid(String, Vec<Problem>),
    Page(String),
}

impl From<JsValue> for Failure {
    fn from(value: JsValue) -> Self {
        Failure::Page(js_message(&value))
    }
}

impl App {
    /// Lays out and draws at the stage's current width, unless nothing changed.
    pub fn render(&mut self) -> Result<(), JsValue> {
        let width = f64::from(self.stage.client_width());
        if width <= 0.0 {
            return Ok(());
        }
        let ratio = dom::window()?.device_pixel_ratio().max(1.0);
        let dark = is_dark(&self.figure)?;
        if self.drawn == Some((width, ratio, dark)) {
            return Ok(());
        }
        self.theme = if dark { Theme::DARK } else { Theme::LIGHT };
        let measure = CanvasMeasure {
            context: self.context.clone(),
            family: FONT_FAMILY.into(),
        };
        let chart = chart::build_in_order(
            &self.dataset,
            &self.order,
            &self.filters,
            width,
            None,
            &self.theme,
            &measure,
        );
        dom::mark("influence-flows:laid-out");
        let height = chart.scene.height;
        for canvas in [&self.canvas, &self.overlay] {
            canvas.set_width((width * ratio).round() as u32);
            canvas.set_height((height * ratio).round() as u32);
            let style = canvas.style();
            style.set_property("width", &format!("{width}px"))?;
            style.set_property("height", &format!("{height}px"))?;
        }
        self.canvas
            .set_attribute("data-band-alpha", &self.theme.band_alpha.to_string())?;
        let backend = CanvasBackend::with_canvas_object(self.canvas.clone())
            .ok_or_else(|| JsValue::from_str("cannot draw on the canvas"))?;
        draw::paint(
            &chart.scene,
            &backend.into_drawing_area(),
            Scale::canvas(ratio),
        )
        .map_err(|e| JsValue::from_str(&format!("drawing failed: {e:?}")))?;
        dom::mark("influence-flows:drawn");
        self.canvas
            .set_attribute("aria-label", &chart::summary(&self.dataset, &chart.view))?;
        // The view line and the counter (`reader::markup`, as the prerendered page has them).
        let lines = markup::view_lines(
            &self.dataset,
            &self.filters,
            &chart.view.counts,
            self.rejected,
        );
        super::controls::apply(&self.figure, &lines)?;
        // One pending fill at a time: a burst of renders (resizing, the player) fills once.
        if !self.table_stale {
            self.table_stale = true;
            self.index_and_fill_table_when_idle()?;
        }
        self.figure
            .set_attribute("data-bands", &chart.scene.bands.len().to_string())?;
        // For tests: crossing searches run so far (none for the shipped data's views).
        self.figure.set_attribute(
            "data-crossing-searches",
            &crate::layout::searches().to_string(),
        )?;
        // For tests and tools: actors drawn, labels drawn, the smallest label font.
        let scene = &chart.scene;
        let smallest = scene
            .labels
            .iter()
            .map(|l| l.font_px)
            .fold(f64::INFINITY, f64::min);
        self.figure
            .set_attribute("data-actors", &scene.nodes.len().to_string())?;
        self.figure
            .set_attribute("data-labels", &scene.labels.len().to_string())?;
        self.figure
            .set_attribute("data-label-px", &smallest.to_string())?;
        self.hits = OnceCell::new();
        self.panel_shows = None;
        self.tooltip_shows = None;
        self.panel.set_attribute("hidden", "")?;
        self.chart = Some(chart);
        self.drawn = Some((width, ratio, dark));
        self.controls.sync(
            &self.dataset,
            &self.filters,
            self.years,
            self.player.is_some(),
        )?;
        self.paint_overlay()
    }

    /// Builds the hit index, then fills the data table, each when the page is idle after the
    /// frame that shows the chart: the table's hundreds of cells (every quote) would
    /// otherwise double the time to that frame. Two idle tasks, not one, so that input can be
    /// handled between them on large datasets.
    fn index_and_fill_table_when_idle(&self) -> Result<(), JsValue> {
        when_idle(&self.this, |app| {
            app.borrow().hit_index();
            let weak = Rc::downgrade(app);
            let result = when_idle(&weak, |app| {
                let result = app.borrow_mut().fill_table();
                report(app, result);
            });
            report(app, result);
        })
    }

    /// Fills the data table if the chart changed since; the first fill makes the figure ready.
    pub fn fill_table(&mut self) -> Result<(), JsValue> {
        let Some(chart) = &self.chart else {
            return Ok(());
        };
        if self.table_stale {
            table::fill(
                &dom::find(&self.figure, page::TABLE_BOX)?,
                &self.dataset,
                &chart.view,
            )?;
            self.table_stale = false;
            dom::mark("influence-flows:table");
        }
        if self.figure.get_attribute("data-state").as_deref() != Some("ready") {
            set_state(&self.figure, "ready");
        }
        Ok(())
    }

    /// Applies new filters: a new layout, with a short cross-fade unless motion is reduced.
    pub fn set_filters(&mut self, filters: Filters, push_history: bool) -> Result<(), JsValue> {
        if filters == self.filters {
            return self.controls.sync(
                &self.dataset,
                &self.filters,
                self.years,
                self.player.is_some(),
            );
        }
        self.snapshot_for_fade()?;
        self.filters = filters;
        self.hover = None;
        self.focus = None;
        self.drawn = None;
        self.render()?;
        self.write_url(push_history)
    }

    /// What the pointer, the pin or the focus makes the overlay show, in that order.
    fn active(&self) -> Option<Target> {
        self.hover
            .or_else(|| self.pinned_target())
            .or_else(|| self.focus.map(|f| f.target))
    }

    pub fn pinned_target(&self) -> Option<Target> {
        url_state::target_of(&self.chart.as_ref()?.view, self.pinned.as_ref()?)
    }

    /// Repaints the highlight layer, the tooltip and the evidence panel.
    pub fn paint_overlay(&mut self) -> Result<(), JsValue> {
        let Some(chart) = &self.chart else {
            return Ok(());
        };
        let ratio = dom::window()?.device_pixel_ratio().max(1.0);
        let context: CanvasRenderingContext2d = self
            .overlay
            .get_context("2d")?
            .and_then(|c| c.dyn_into().ok())
            .ok_or_else(|| JsValue::from_str("no 2D context for the overlay"))?;
        context.clear_rect(
            0.0,
            0.0,
            f64::from(self.overlay.width()),
            f64::from(self.overlay.height()),
        );
        let active = self.active();
        let lit = active.map(|t| highlight::highlight(&chart.view, t));
        let overlay = Overlay {
            lit: lit.as_ref(),
            ring: self.focus.map(|f| f.target),
            ring_color: Some(self.theme.text),
        };
        if overlay.lit.is_some() || overlay.ring.is_some() {
            let backend = CanvasBackend::with_canvas_object(self.overlay.clone())
                .ok_or_else(|| JsValue::from_str("cannot draw on the overlay"))?;
            draw::paint_overlay(
                &chart.scene,
                &overlay,
                &backend.into_drawing_area(),
                Scale::canvas(ratio),
            )
            .map_err(|e| JsValue::from_str(&format!("drawing failed: {e:?}")))?;
        }
        self.figure.set_attribute(
            "data-active",
            &match active {
                Some(Target::Band(b)) => format!("band:{b}"),
                Some(Target::Node(n)) => format!("node:{n}"),
                None => String::new(),
            },
        )?;
        // The panel is rebuilt only when the pinned item changes, not on every pointer move.
        let pinned = self.pinned_target();
        if pinned != self.panel_shows {
            match pinned {
                Some(target) => {
                    let description = inspect::describe(&self.dataset, &chart.view, target);
                    evidence::fill_panel(&self.panel, &description)?;
                    self.panel.remove_attribute("hidden")?;
                }
                None => self.panel.set_attribute("hidden", "")?,
            }
            self.panel_shows = pinned;
        }
        Ok(())
    }

    /// Shows the tooltip for `target` near (x, y) in stage coordinates, inside the viewport.
    pub fn show_tooltip(&mut self, target: Target, x: f64, y: f64) -> Result<(), JsValue> {
        let Some(chart) = &self.chart else {
            return Ok(());
        };
        let (tip_w, tip_h) = match self.tooltip_shows {
            Some((shown, w, h)) if shown == target => (w, h),
            _ => {
                evidence::fill_tooltip(
                    &self.tooltip,
                    &inspect::describe(&self.dataset, &chart.view, target),
                )?;
                self.tooltip.remove_attribute("hidden")?;
                // Reading the size lays the page out: once per new content, not per move.
                let size = (
                    f64::from(self.tooltip.offset_width()),
                    f64::from(self.tooltip.offset_height()),
                );
                self.tooltip_shows = Some((target, size.0, size.1));
                size
            }
        };
        let window = dom::window()?;
        let stage = self.stage.get_bounding_client_rect();
        let view_w = window.inner_width()?.as_f64().unwrap_or(stage.width());
        let view_h = window.inner_height()?.as_f64().unwrap_or(stage.height());
        // Prefer below-right of the point; flip or clamp to stay inside the viewport.
        let mut left = stage.left() + x + 14.0;
        if left + tip_w > view_w - 8.0 {
            left = (stage.left() + x - 14.0 - tip_w).max(8.0);
        }
        let mut top = stage.top() + y + 14.0;
        if top + tip_h > view_h - 8.0 {
            top = (stage.top() + y - 14.0 - tip_h).max(8.0);
        }
        let style = self.tooltip.style();
        style.set_property(
            "transform",
            &format!(
                "translate({}px, {}px)",
                (left - stage.left()).round(),
                (top - stage.top()).round()
            ),
        )?;
        Ok(())
    }

    /// The pointer left the chart and its tooltip: nothing is hovered any more.
    pub fn pointer_left(&mut self) -> Result<(), JsValue> {
        self.hover = None;
        self.hide_tooltip()?;
        self.paint_overlay()
    }

    pub fn hide_tooltip(&mut self) -> Result<(), JsValue> {
        self.tooltip_shows = None;
        self.tooltip.set_attribute("hidden", "")
    }

    pub fn hit(&self, x: f64, y: f64, min_hit: f64) -> Option<Target> {
        self.hit_index()?.at(x, y, min_hit)
    }

    fn hit_index(&self) -> Option<&HitIndex> {
        let chart = self.chart.as_ref()?;
        Some(self.hits.get_or_init(|| HitIndex::new(&chart.scene)))
    }

    /// Pins `target` (or clears the pin with None) and records it in the URL.
    pub fn pin(&mut self, target: Option<Target>) -> Result<(), JsValue> {
        self.pinned = target.and_then(|t| url_state::selection_of(&self.chart.as_ref()?.view, t));
        self.paint_overlay()?;
        self.write_url(true)
    }

    /// Clears hover, pin, tooltip and focus ring (Esc, a tap elsewhere).
    pub fn clear(&mut self) -> Result<(), JsValue> {
        self.hover = None;
        self.hide_tooltip()?;
        if self.pinned.is_some() {
            self.pinned = None;
            self.write_url(true)?;
        }
        self.paint_overlay()
    }

    /// A key on the focused stage.
    pub fn key(&mut self, key: Key) -> Result<(), JsValue> {
        let Some(chart) = &self.chart else {
            return Ok(());
        };
        let next = match self.focus {
            None => nav::first(&chart.layout, &chart.view),
            Some(focus) => Some(nav::step(&chart.layout, &chart.view, focus, key)),
        };
        self.focus_on(next)
    }

    pub fn focus_on(&mut self, focus: Option<Focus>) -> Result<(), JsValue> {
        self.focus = focus;
        self.hover = None;
        if let (Some(chart), Some(focus)) = (&self.chart, focus) {
            let text = inspect::announce(&self.dataset, &chart.view, focus.target);
            dom::find(&self.figure, page::LIVE)?.set_text_content(Some(&text));
            let (x, y) = anchor_point(chart, focus.target);
            self.show_tooltip(focus.target, x, y)?;
        }
        self.paint_overlay()
    }

    /// Downloads the current view as "png", "svg" or "csv".
    pub fn download(&self, format: &str) -> Result<(), JsValue> {
        let Some(chart) = &self.chart else {
            return Ok(());
        };
        match format {
            "png" => super::download::png(&self.dataset, chart, &self.theme),
            "svg" => super::download::svg(&self.dataset, chart, &self.theme),
            "csv" => super::download::csv(&self.dataset, chart),
            _ => Ok(()),
        }
    }

    /// Writes filters and selection to the URL hash (a new history entry, or in place).
    pub fn write_url(&self, push: bool) -> Result<(), JsValue> {
        let state = UrlState {
            filters: self.filters.clone(),
            selection: self.pinned.clone(),
        };
        let hash = url_state::hash_of(&state, &self.dataset);
        let window = dom::window()?;
        let location = window.location();
        if location.hash()?.trim_start_matches('#') == hash {
            return Ok(());
        }
        let url = format!(
            "{}{}{}",
            location.pathname()?,
            location.search()?,
            if hash.is_empty() {
                String::new()
            } else {
                format!("#{hash}")
            }
        );
        let history = window.history()?;
        if push {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        }
    }

    /// Back or forward: restores the state the URL hash holds.
    pub fn read_url(&mut self) -> Result<(), JsValue> {
        let hash = dom::window()?.location().hash()?;
        let (state, _) = url_state::read(&hash, &self.dataset);
        self.pinned = state.selection;
        if state.filters != self.filters {
            self.set_filters(state.filters, false)
        } else {
            self.paint_overlay()
        }
    }

    /// Lays a copy of the current picture over the canvas and fades it out, so a new layout
    /// arrives with a short cross-fade (none under prefers-reduced-motion).
    fn snapshot_for_fade(&self) -> Result<(), JsValue> {
        let window = dom::window()?;
        let reduced = window
            .match_media("(prefers-reduced-motion: reduce)")?
            .is_some_and(|q| q.matches());
        if reduced || self.canvas.width() == 0 {
            return Ok(());
        }
        let snapshot: HtmlCanvasElement =
            dom::element("canvas", "if-snapshot", None)?.unchecked_into();
        snapshot.set_attribute("aria-hidden", "true")?;
        snapshot.set_width(self.canvas.width());
        snapshot.set_height(self.canvas.height());
        let style = snapshot.style();
        style.set_property("width", &self.canvas.style().get_property_value("width")?)?;
        style.set_property("height", &self.canvas.style().get_property_value("height")?)?;
        let context: CanvasRenderingContext2d = snapshot
            .get_context("2d")?
            .and_then(|c| c.dyn_into().ok())
            .ok_or_else(|| JsValue::from_str("no 2D context"))?;
        context.draw_image_with_html_canvas_element(&self.canvas, 0.0, 0.0)?;
        self.stage.append_child(&snapshot)?;
        let fading = snapshot.clone();
        let start = Closure::once_into_js(move || {
            let _ = fading.class_list().add_1("if-fading");
            let gone = fading.clone();
            let remove = Closure::once_into_js(move || gone.remove());
            let _ = dom::window().map(|w| {
                w.set_timeout_with_callback_and_timeout_and_arguments_0(remove.unchecked_ref(), 300)
            });
        });
        window.request_animation_frame(start.unchecked_ref())?;
        Ok(())
    }
}

/// Where a tooltip for a keyboard-focused item points: a node's right edge, a band's middle.
fn anchor_point(chart: &Chart, target: Target) -> (f64, f64) {
    match target {
        Target::Node(n) => chart.scene.nodes.get(n).map_or((0.0, 0.0), |node| {
            (node.rect.x1, (node.rect.y0 + node.rect.y1) / 2.0)
        }),
        Target::Band(b) => chart.layout.bands.get(b).map_or((0.0, 0.0), |band| {
            (
                (band.source_x + band.target_x) / 2.0,
                (band.source_y + band.target_y) / 2.0,
            )
        }),
    }
}

pub fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".into())
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

/// Forces the next `render` to draw (theme or size may have changed).
pub fn redraw(app: &Rc<RefCell<App>>) {
    let result = app.borrow_mut().render();
    report(app, result);
}

/// Runs `then` with the app when the page is next idle (within 500 ms), if it still exists.
fn when_idle(
    app: &std::rc::Weak<RefCell<App>>,
    then: impl FnOnce(&Rc<RefCell<App>>) + 'static,
) -> Result<(), JsValue> {
    let weak = app.clone();
    let task = Closure::once_into_js(move || {
        if let Some(app) = weak.upgrade() {
            then(&app);
        }
    });
    let window = dom::window()?;
    // Safari has no requestIdleCallback: a timer after the next frame does nearly as well.
    if js_sys::Reflect::has(&window, &JsValue::from_str("requestIdleCallback"))? {
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(500);
        window.request_idle_callback_with_options(task.unchecked_ref(), &options)?;
    } else {
        let later = Closure::once_into_js(move || {
            let _ = dom::window().and_then(|w| {
                w.set_timeout_with_callback(task.unchecked_ref())
                    .map(|_| ())
            });
        });
        window.request_animation_frame(later.unchecked_ref())?;
    }
    Ok(())
}

/// Shows an unexpected failure of an event handler in the error panel.
pub fn report(app: &Rc<RefCell<App>>, result: Result<(), JsValue>) {
    if let Err(e) = result {
        let figure = app.borrow().figure.clone();
        show_failure(&figure, Failure::Page(js_message(&e)));
    }
}

pub fn set_state(figure: &Element, state: &str) {
    let _ = figure.set_attribute("data-state", state);
    if let Some(root) = dom::document().ok().and_then(|d| d.document_element()) {
        // The page's state follows its figures; an error anywhere stays visible.
        if root.get_attribute("data-state").as_deref() != Some("error") {
            let _ = root.set_attribute("data-state", state);
        }
    }
}

/// Replaces the chart with a readable panel saying what went wrong and where.
pub fn show_failure(figure: &Element, failure: Failure) {
    let (heading, lines) = match failure {
        Failure::Load(message) => ("The data could not be loaded".to_string(), vec![message]),
        Failure::Invalid(url, problems) => (
            format!("The data in {url} has {} problem(s)", problems.len()),
            problems.iter().map(ToString::to_string).collect(),
        ),
        Failure::Page(message) => ("The chart could not be drawn".to_string(), vec![message]),
    };
    let result: Result<(), JsValue> = (|| {
        let panel = dom::find(figure, page::ERROR)?;
        dom::clear(&panel);
        dom::append(&panel, "p", "if-error-heading", Some(&heading))?;
        let list = dom::append(&panel, "ul", "", None)?;
        for line in &lines {
            dom::append(&list, "li", "", Some(line))?;
        }
        panel.remove_attribute("hidden")?;
        dom::find(figure, page::STAGE)?.set_attribute("hidden", "")?;
        Ok(())
    })();
    if let Err(e) = result {
        web_sys::console::error_2(&JsValue::from_str("influence-flows:"), &e);
    }
    set_state(figure, "error");
}
