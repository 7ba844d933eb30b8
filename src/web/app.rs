//! One mounted figure: loads its dataset, fills the frame, and keeps the picture in step with
//! the reader: filters (`Filters`), pointer hover, pinned selection and keyboard focus.
//!
//! Two canvases: `.if-canvas` holds the laid-out scene and is repainted only when the view,
//! width or theme changes (and, for ~400 ms after a view change, once a frame while the
//! picture moves to its new places: `picture::transition`); `.if-overlay` holds the
//! highlight and focus ring and is repainted on every pointer move.

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
use crate::picture::scene::Scene;
use crate::picture::transition::{self, Frame, Transition};
use crate::reader::hit::HitIndex;
use crate::reader::inspect;
use crate::reader::markup;
use crate::reader::nav::{self, Focus, Key};
use crate::reader::page;
use crate::reader::url_state::{self, Selection, UrlState};
use crate::util::lang::Lang;
#[cfg(feature = "authoring")]
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
    /// The chart's hit index, built in a task after the chart's frame, or at the first hit
    /// test if that comes sooner (Mali: ~15 ms of the first frame otherwise;
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
    /// The story's step shown (from 1), whose annotations are drawn; `web::story`.
    pub step: Option<usize>,
    /// Whether the overlay holds any ink since it was last sized (which clears it): a blank
    /// overlay is not cleared again, so its full-size bitmap (DPR 3 on a phone) is not even
    /// allocated until something is lit.
    pub overlay_inked: bool,
    /// The data table lags the chart: it is filled after the frame that shows the chart.
    pub table_stale: bool,
    /// The data table being written, a slice at a time (`fill_table_within`).
    pub table_rows: Option<table::Pending>,
    /// This app, for callbacks it schedules itself.
    pub this: std::rc::Weak<RefCell<App>>,
    /// The picture moving to the new view, while it moves.
    pub motion: Option<Motion>,
    /// The name of the editor's own file shown in its place (`?preview`), if any: its views
    /// stay out of the URL, which is the published data's.
    pub previewing: Option<String>,
    /// The language of the interface's words (`util::lang`); the dataset's stay as written.
    pub lang: Lang,
}

/// A transition on screen: the chart (hit tests, tooltips, keys) is already the new one;
/// only the canvas and the overlay show the picture in between.
pub struct Motion {
    pub transition: Transition,
    /// `performance.now()` when it started, in ms.
    pub start: f64,
    /// The eased progress of the frame on screen, and that frame's scene (the overlay paints
    /// its highlight over it; a new change starts from it).
    pub shown: f64,
    pub scene: Scene,
    /// The animation frame requested, to cancel.
    pub request: Option<i32>,
}

/// Why a figure shows its error panel instead of a chart.
pub enum Failure {
    Load(String),
    /// The validator's problems with a dataset (the full module only: the reader's module
    /// reads a baked dataset, checked when baked).
    #[cfg(feature = "authoring")]
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
        self.render_from(None)
    }

    /// [`App::render`]; with `from` (the picture on screen), the new picture is reached by a
    /// transition rather than drawn at once.
    fn render_from(&mut self, from: Option<Frame>) -> Result<(), JsValue> {
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
        let mut chart = chart::build_in_order(
            &self.dataset,
            &self.order,
            &self.filters,
            width,
            None,
            &self.theme,
            &measure,
        );
        crate::reader::story::annotate(&self.dataset, &mut chart, self.step, &measure, &self.theme);
        dom::mark("influence-flows:laid-out");
        self.stop_motion()?;
        self.canvas
            .set_attribute("data-band-alpha", &self.theme.band_alpha.to_string())?;
        // Small multiples are several pictures: a change to or from them is drawn at once.
        let motion = from.filter(|_| chart.scene.panels.is_empty()).map(|from| {
            let to = Frame::of(&chart.view, &chart.layout, &chart.scene);
            (from.height, Transition::new(&from, &to))
        });
        match &motion {
            // Room for both pictures while one moves into the other.
            Some((from, _)) => self.size_canvases(width, from.max(chart.scene.height))?,
            None => {
                self.size_canvases(width, chart.scene.height)?;
                paint_on(&self.canvas, &chart.scene)?;
            }
        }
        dom::mark("influence-flows:drawn");
        self.canvas.set_attribute(
            "aria-label",
            &chart::summary(&self.dataset, &chart.view, self.lang),
        )?;
        // The view line and the counter (`reader::markup`, as the prerendered page has them).
        let lines = markup::view_lines(
            &self.dataset,
            &self.filters,
            &chart.view.counts,
            self.rejected,
            self.lang,
        );
        super::controls::apply(&self.figure, &lines)?;
        // One pending fill at a time: a burst of renders (resizing, the player) fills once,
        // and a fill under way starts again from this chart.
        self.table_rows = None;
        if !self.table_stale {
            self.table_stale = true;
            self.index_then_fill_table()?;
        }
        self.figure
            .set_attribute("data-bands", &chart.scene.bands.len().to_string())?;
        // For tests: small multiples' panels, "X0 Y0 X1 Y1 TITLE" a line.
        let panels = crate::picture::multiples::panels_attribute(&chart.scene);
        self.figure.set_attribute("data-panels", &panels)?;
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
        self.figure
            .set_attribute("data-actor-order", &actor_order(&chart))?;
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
        if let Some((_, transition)) = motion {
            self.start_motion(transition)?;
        }
        super::story::sync(self)?;
        self.paint_overlay()
    }

    /// Sizes both canvases to `width` × `height` CSS pixels (which clears them).
    fn size_canvases(&mut self, width: f64, height: f64) -> Result<(), JsValue> {
        let ratio = dom::window()?.device_pixel_ratio().max(1.0);
        for canvas in [&self.canvas, &self.overlay] {
            canvas.set_width((width * ratio).round() as u32);
            canvas.set_height((height * ratio).round() as u32);
            let style = canvas.style();
            style.set_property("width", &format!("{width}px"))?;
            style.set_property("height", &format!("{height}px"))?;
        }
        self.overlay_inked = false;
        Ok(())
    }

    /// The picture on screen now: the frame a transition shows, or the chart's.
    fn shown_frame(&self) -> Option<Frame> {
        if let Some(motion) = &self.motion {
            return Some(motion.transition.at(motion.shown));
        }
        let chart = self.chart.as_ref().filter(|c| c.scene.panels.is_empty())?;
        Some(Frame::of(&chart.view, &chart.layout, &chart.scene))
    }

    /// Shows the first frame of `transition` now (the picture as it was, so nothing flashes)
    /// and asks for the next.
    fn start_motion(&mut self, transition: Transition) -> Result<(), JsValue> {
        let start = now()?;
        self.figure.set_attribute("data-animating", "true")?;
        let first = transition.at(0.0).scene();
        self.motion = Some(Motion {
            transition,
            start,
            shown: 0.0,
            scene: first,
            request: None,
        });
        self.paint_motion()?;
        self.request_frame()
    }

    fn request_frame(&mut self) -> Result<(), JsValue> {
        let weak = self.this.clone();
        let callback = Closure::once_into_js(move |time: f64| {
            if let Some(app) = weak.upgrade() {
                let result = app.borrow_mut().step_motion(time);
                report(&app, result);
            }
        });
        let request = dom::window()?.request_animation_frame(callback.unchecked_ref())?;
        if let Some(motion) = &mut self.motion {
            motion.request = Some(request);
        }
        Ok(())
    }

    /// One animation frame at `time` (the frame's `performance.now()` time): the next
    /// picture in between, or the new picture itself once the time is up.
    fn step_motion(&mut self, time: f64) -> Result<(), JsValue> {
        let Some(motion) = &mut self.motion else {
            return Ok(());
        };
        motion.request = None;
        let t = transition::progress(motion.start, time);
        if t >= 1.0 {
            return self.finish_motion();
        }
        if t > motion.shown {
            let costs = now()?;
            motion.shown = t;
            motion.scene = motion.transition.at(t).scene();
            self.paint_motion()?;
            self.count_frame(now()? - costs)?;
        }
        self.request_frame()
    }

    /// Paints the frame in motion on the canvas, and the overlay over it if it shows anything.
    fn paint_motion(&mut self) -> Result<(), JsValue> {
        if let Some(motion) = &self.motion {
            paint_on(&self.canvas, &motion.scene)?;
        }
        if self.active().is_some() || self.focus.is_some() {
            self.paint_overlay()?;
        }
        Ok(())
    }

    /// Counts a frame of motion and its cost (building and painting it), for the tests and
    /// `docs/PERFORMANCE.md`: `data-frames` and `data-frame-ms` (their sum) on the figure.
    fn count_frame(&self, ms: f64) -> Result<(), JsValue> {
        let read = |name: &str| {
            self.figure
                .get_attribute(name)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        let (frames, total) = (read("data-frames") + 1.0, read("data-frame-ms") + ms);
        self.figure
            .set_attribute("data-frames", &frames.to_string())?;
        self.figure
            .set_attribute("data-frame-ms", &format!("{total:.2}"))?;
        let worst = read("data-frame-ms-max").max(ms);
        self.figure
            .set_attribute("data-frame-ms-max", &format!("{worst:.2}"))
    }

    /// The transition is over: the new picture, exactly as a render without motion draws it.
    fn finish_motion(&mut self) -> Result<(), JsValue> {
        self.stop_motion()?;
        let Some((width, height)) = self.chart.as_ref().map(|c| (c.scene.width, c.scene.height))
        else {
            return Ok(());
        };
        self.size_canvases(width, height)?;
        if let Some(chart) = &self.chart {
            paint_on(&self.canvas, &chart.scene)?;
        }
        self.paint_overlay()
    }

    /// Ends a transition where it is (its frame is no longer asked for).
    fn stop_motion(&mut self) -> Result<(), JsValue> {
        if let Some(motion) = self.motion.take() {
            if let Some(request) = motion.request {
                dom::window()?.cancel_animation_frame(request)?;
            }
            self.figure.remove_attribute("data-animating")?;
        }
        Ok(())
    }

    /// Builds the hit index in a task right after the frame that shows the chart, so that it
    /// is there before a first tap (on a phone the page is seldom idle that soon, and a tap
    /// then built it itself: issue 19); then fills the data table when the page is idle, in
    /// slices of [`TABLE_SLICE_MS`]: its hundreds of cells (every quote) take 120 ms on a
    /// 4×-throttled phone, and a tap then waited for them all.
    fn index_then_fill_table(&self) -> Result<(), JsValue> {
        after_frame(&self.this, |app| {
            app.borrow().hit_index();
            report(app, fill_table_when_idle(&Rc::downgrade(app)));
        })
    }

    /// Fills the data table if the chart changed since, all at once (the reader opened it);
    /// the first fill makes the figure ready.
    pub fn fill_table(&mut self) -> Result<(), JsValue> {
        self.fill_table_within(None).map(|_| ())
    }

    /// Writes the data table's rows for `budget` ms (all of them without one); `true` once the
    /// table shows the chart's view, and the figure is ready.
    fn fill_table_within(&mut self, budget: Option<f64>) -> Result<bool, JsValue> {
        let Some(chart) = &self.chart else {
            return Ok(true);
        };
        if self.table_stale {
            let clock = dom::window()?.performance();
            let now = || clock.as_ref().map_or(0.0, |c| c.now());
            let started = now();
            if self.table_rows.is_none() {
                let container = dom::find(&self.figure, page::TABLE_BOX)?;
                self.table_rows = Some(table::start(&container, &chart.view, self.lang)?);
            }
            let Some(rows) = self.table_rows.as_mut() else {
                return Ok(false);
            };
            let within = || budget.map_or(true, |budget| now() - started < budget);
            if !table::write(rows, &self.dataset, self.lang, within)? {
                return Ok(false);
            }
            self.figure
                .set_attribute("data-table-slices", &rows.slices.to_string())?;
            self.table_rows = None;
            self.table_stale = false;
            dom::mark("influence-flows:table");
        }
        if self.figure.get_attribute("data-state").as_deref() != Some("ready") {
            set_state(&self.figure, "ready");
        }
        Ok(true)
    }

    /// Applies new filters: a new layout, which the picture moves to unless motion is reduced.
    pub fn set_filters(&mut self, filters: Filters, push_history: bool) -> Result<(), JsValue> {
        if filters == self.filters {
            return self.controls.sync(
                &self.dataset,
                &self.filters,
                self.years,
                self.player.is_some(),
            );
        }
        // From the picture on screen (mid-transition too), unless motion is reduced.
        let from = if reduced_motion()? {
            None
        } else {
            self.shown_frame()
        };
        self.filters = filters;
        self.hover = None;
        self.focus = None;
        self.drawn = None;
        self.render_from(from)?;
        self.write_url(push_history)
    }

    /// What the pointer, the pin or the focus makes the overlay show, in that order.
    fn active(&self) -> Option<Target> {
        self.hover
            .or_else(|| self.pinned_target())
            .or_else(|| self.focus.map(|f| f.target))
            .or_else(|| self.step_target())
    }

    pub fn pinned_target(&self) -> Option<Target> {
        url_state::target_of(&self.chart.as_ref()?.view, self.pinned.as_ref()?)
    }

    /// Repaints the highlight layer and the evidence panel.
    pub fn paint_overlay(&mut self) -> Result<(), JsValue> {
        self.paint_highlight()?;
        self.sync_panel()
    }

    /// Repaints the highlight layer (and the figure's `data-active`).
    fn paint_highlight(&mut self) -> Result<(), JsValue> {
        let Some(chart) = &self.chart else {
            return Ok(());
        };
        let ratio = dom::window()?.device_pixel_ratio().max(1.0);
        if self.overlay_inked {
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
            self.overlay_inked = false;
        }
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
            // While the picture moves, the highlight follows it: its marks are the new
            // view's, first and in order, in every frame in between.
            let scene = self.motion.as_ref().map_or(&chart.scene, |m| &m.scene);
            draw::paint_overlay(
                scene,
                &overlay,
                &backend.into_drawing_area(),
                Scale::canvas(ratio),
            )
            .map_err(|e| JsValue::from_str(&format!("drawing failed: {e:?}")))?;
            self.overlay_inked = true;
        }
        self.figure.set_attribute(
            "data-active",
            &match active {
                Some(Target::Band(b)) => format!("band:{b}"),
                Some(Target::Node(n)) => format!("node:{n}"),
                None => String::new(),
            },
        )?;
        Ok(())
    }

    /// Fills the evidence panel with the pinned item, or hides it. The panel is rebuilt only
    /// when the pinned item changes, not on every pointer move.
    fn sync_panel(&mut self) -> Result<(), JsValue> {
        let Some(chart) = &self.chart else {
            return Ok(());
        };
        let pinned = self.pinned_target();
        if pinned != self.panel_shows {
            match pinned {
                Some(target) => {
                    let description =
                        inspect::describe(&self.dataset, &chart.view, target, self.lang);
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
                    &inspect::describe(&self.dataset, &chart.view, target, self.lang),
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

    /// A tap on `target` at (x, y): pins it and answers with its highlight and tooltip at
    /// once; the evidence panel (below the chart on a phone) and the URL follow when the page
    /// is next idle after the frame that shows the answer (issue 19: a third of the tap's
    /// work, which also held back whatever the reader did next).
    pub fn tap(&mut self, target: Target, x: f64, y: f64) -> Result<(), JsValue> {
        self.pinned = url_state::selection_of(
            &self
                .chart
                .as_ref()
                .ok_or_else(|| JsValue::from_str("no chart"))?
                .view,
            target,
        );
        self.paint_highlight()?;
        self.show_tooltip(target, x, y)?;
        when_idle(&self.this, |app| {
            let result = {
                let mut a = app.borrow_mut();
                a.sync_panel().and_then(|()| a.write_url(true))
            };
            report(app, result);
        })
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
            let text = inspect::announce(&self.dataset, &chart.view, focus.target, self.lang);
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
            "png" => super::download::png(&self.dataset, chart, &self.theme, self.lang),
            "svg" => super::download::svg(&self.dataset, chart, &self.theme, self.lang),
            "csv" => super::download::csv(&self.dataset, chart),
            _ => Ok(()),
        }
    }

    /// Shows another dataset in this figure (an editor's own file, `web::preview`): its own
    /// global order, its frame and first view, nothing pinned, focused or playing.
    #[cfg(feature = "authoring")]
    pub fn replace_dataset(
        &mut self,
        name: &str,
        dataset: Dataset,
        order: GlobalOrder,
        rejected: usize,
    ) -> Result<(), JsValue> {
        self.stop_motion()?;
        super::events::stop_player(self);
        let years = crate::view::year_span(&dataset);
        let (state, _) = url_state::read("", &dataset);
        super::controls::apply(
            &self.figure,
            &markup::frame(&dataset, &state.filters, years, self.lang),
        )?;
        self.pinned = super::story::pin_of(&dataset, &state);
        self.step = state.step;
        self.filters = state.filters;
        self.dataset = dataset;
        self.order = order;
        self.years = years;
        self.rejected = rejected;
        self.previewing = Some(name.to_string());
        self.chart = None;
        self.hover = None;
        self.focus = None;
        self.drawn = None;
        self.hide_tooltip()?;
        self.render()
    }

    /// Writes filters and selection to the URL hash (a new history entry, or in place).
    pub fn write_url(&self, push: bool) -> Result<(), JsValue> {
        if self.previewing.is_some() {
            return Ok(());
        }
        let state = UrlState {
            filters: self.filters.clone(),
            selection: self.pinned.clone().or_else(|| self.step_highlight()),
            step: self.step,
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
        if self.previewing.is_some() {
            return Ok(());
        }
        let hash = dom::window()?.location().hash()?;
        let (state, _) = url_state::read(&hash, &self.dataset);
        self.pinned = super::story::pin_of(&self.dataset, &state);
        let step_changed = state.step != self.step;
        self.step = state.step;
        if state.filters != self.filters {
            self.set_filters(state.filters, false)
        } else if step_changed {
            // Same view, other annotations: drawn again.
            self.drawn = None;
            self.render()
        } else {
            self.paint_overlay()
        }
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

/// The actors drawn, top to bottom on each side (`giver:a,b;receiver:c,d`), for the tests
/// that check a view change moves actors without reordering them.
fn actor_order(chart: &Chart) -> String {
    use crate::view::Side;
    let mut sides = Vec::new();
    for (side, name) in [
        (Side::Giver, "giver"),
        (Side::Receiver, "receiver"),
        (Side::Both, "both"),
    ] {
        let mut nodes: Vec<(f64, &str)> = chart
            .view
            .nodes
            .iter()
            .zip(&chart.scene.nodes)
            .filter(|(n, _)| n.side == side)
            .map(|(n, mark)| (mark.rect.y0, n.actor.as_str()))
            .collect();
        if nodes.is_empty() {
            continue;
        }
        crate::util::sort::by(&mut nodes, |a, b| a.0.total_cmp(&b.0));
        let actors: Vec<&str> = nodes.iter().map(|n| n.1).collect();
        sides.push(format!("{name}:{}", actors.join(",")));
    }
    sides.join(";")
}

/// Paints `scene` over the whole of `canvas`, at the page's pixel ratio.
fn paint_on(canvas: &HtmlCanvasElement, scene: &Scene) -> Result<(), JsValue> {
    let ratio = dom::window()?.device_pixel_ratio().max(1.0);
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| JsValue::from_str("cannot draw on the canvas"))?;
    draw::paint(scene, &backend.into_drawing_area(), Scale::canvas(ratio))
        .map_err(|e| JsValue::from_str(&format!("drawing failed: {e:?}")))
}

/// `performance.now()`, in ms.
fn now() -> Result<f64, JsValue> {
    Ok(dom::window()?
        .performance()
        .ok_or_else(|| JsValue::from_str("no performance clock"))?
        .now())
}

/// Whether the reader asked for less motion (asked at each change: it may change).
fn reduced_motion() -> Result<bool, JsValue> {
    Ok(dom::window()?
        .match_media("(prefers-reduced-motion: reduce)")?
        .is_some_and(|q| q.matches()))
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

/// Runs `then` with the app in a task after the next frame (its animation frame callbacks,
/// then a task), if it still exists: work the frame need not wait for.
fn after_frame(
    app: &std::rc::Weak<RefCell<App>>,
    then: impl FnOnce(&Rc<RefCell<App>>) + 'static,
) -> Result<(), JsValue> {
    let task = task_with(app, then);
    let later = Closure::once_into_js(move || {
        let _ = dom::window().and_then(|w| {
            w.set_timeout_with_callback(task.unchecked_ref())
                .map(|_| ())
        });
    });
    dom::window()?.request_animation_frame(later.unchecked_ref())?;
    Ok(())
}

/// A JS callback that runs `then` with the app, if it still exists.
fn task_with(
    app: &std::rc::Weak<RefCell<App>>,
    then: impl FnOnce(&Rc<RefCell<App>>) + 'static,
) -> JsValue {
    let weak = app.clone();
    Closure::once_into_js(move || {
        if let Some(app) = weak.upgrade() {
            then(&app);
        }
    })
}

/// How long one idle task writes the data table's rows: input waits at most this long.
const TABLE_SLICE_MS: f64 = 8.0;

/// Fills the data table a slice at a time, each slice when the page is next idle.
fn fill_table_when_idle(app: &std::rc::Weak<RefCell<App>>) -> Result<(), JsValue> {
    when_idle(app, |app| {
        let result = app.borrow_mut().fill_table_within(Some(TABLE_SLICE_MS));
        match result {
            Ok(true) => {}
            Ok(false) => report(app, fill_table_when_idle(&Rc::downgrade(app))),
            Err(e) => report(app, Err(e)),
        }
    })
}

/// Runs `then` with the app when the page is next idle (within 500 ms), if it still exists.
fn when_idle(
    app: &std::rc::Weak<RefCell<App>>,
    then: impl FnOnce(&Rc<RefCell<App>>) + 'static,
) -> Result<(), JsValue> {
    let task = task_with(app, then);
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
/// The heading is in the figure's language; the problems are the validator's, in English as
/// the CLI prints them.
pub fn show_failure(figure: &Element, failure: Failure) {
    let lang = dom::lang(figure);
    let words = lang.words();
    let (heading, lines) = match failure {
        Failure::Load(message) => (words.not_loaded.to_string(), vec![message]),
        #[cfg(feature = "authoring")]
        Failure::Invalid(url, problems) => (
            lang.problems_in(&url, problems.len()),
            problems.iter().map(ToString::to_string).collect(),
        ),
        Failure::Page(message) => (words.not_drawn.to_string(), vec![message]),
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
