//! The whole pipeline in one call: dataset and filters in, view, layout and scene out.
//!
//! Both front ends (the web shell and the CLI) go through here, so they draw the same thing.

use crate::colour::theme::Theme;
use crate::data::model::Dataset;
use crate::layout::{self, Layout, LayoutOptions, TextMeasure};
use crate::picture::scene::{self, Scene};
use crate::view::order::GlobalOrder;
use crate::view::{Filters, Side, View};

/// Label font size in CSS pixels (WCAG-friendly, never below 12).
pub const FONT_PX: f64 = 13.0;
/// Label font family, the same for measuring and drawing.
pub const FONT_FAMILY: &str = "sans-serif";
/// Charts narrower than this (CSS px) get narrower nodes and taller rows; the page's
/// prerendered first picture has one drawing each side of it (`export::prerender`).
pub const NARROW_BELOW: f64 = 560.0;

pub struct Chart {
    pub view: View,
    pub layout: Layout,
    pub scene: Scene,
}

/// The height a chart of `width` needs for `view`: a label's line for each node of the
/// fuller side (givers or receivers); more where names wrap, two lines on phones.
pub fn natural_height(view: &View, width: f64) -> f64 {
    let rows = label_rows(view).max(1) as f64;
    (rows * row_height(width) + 40.0).clamp(240.0, 1600.0)
}

/// Nodes on the fuller side of `view` (givers or receivers): the rows of labels it needs.
pub fn label_rows(view: &View) -> usize {
    let count = |side: Side| {
        view.nodes
            .iter()
            .filter(|n| n.side == side || n.side == Side::Both)
            .count()
    };
    count(Side::Giver).max(count(Side::Receiver))
}

/// The height of a row of labels at `width`.
pub fn row_height(width: f64) -> f64 {
    // One height each side of NARROW_BELOW only: the prerendered picture relies on it.
    if width < NARROW_BELOW {
        FONT_PX * 2.4 + 14.0
    } else {
        FONT_PX * 1.5 + 14.0
    }
}

pub fn options(width: f64, height: f64) -> LayoutOptions {
    LayoutOptions {
        width,
        height,
        node_width: if width < NARROW_BELOW { 8.0 } else { 12.0 },
        // The narrower the screen, the more names wrap onto two lines: room between actors.
        node_padding: if width < NARROW_BELOW {
            24.0
        } else if width < 1000.0 {
            18.0
        } else {
            // A line of label (1.3 font sizes with its spacing) beside the thinnest actors.
            14.0
        },
        font_px: FONT_PX,
        ..LayoutOptions::default()
    }
}

/// [`build_in_order`] with the dataset's global order searched first (the CLI; the page
/// keeps the order it found or was shipped).
pub fn build(
    dataset: &Dataset,
    filters: &Filters,
    width: f64,
    height: Option<f64>,
    theme: &Theme,
    measure: &dyn TextMeasure,
) -> Chart {
    let order = GlobalOrder::compute(dataset);
    build_in_order(dataset, &order, filters, width, height, theme, measure)
}

/// The chart of one view, its actors in the dataset's global `order` (one order for every
/// view: a filter or a player step moves actors but never reorders them). Small multiples
/// (`filters.multiples`) are one chart of panels (`picture::multiples`), as tall as they
/// need: `height` is then ignored.
pub fn build_in_order(
    dataset: &Dataset,
    order: &GlobalOrder,
    filters: &Filters,
    width: f64,
    height: Option<f64>,
    theme: &Theme,
    measure: &dyn TextMeasure,
) -> Chart {
    if let Some(by) = filters.multiples {
        return crate::picture::multiples::build(
            dataset, order, filters, by, width, theme, measure,
        );
    }
    let view = View::new(dataset, filters);
    let height = height.unwrap_or_else(|| natural_height(&view, width));
    let ranks = order.ranks(&view, filters.arrangement);
    let layout = layout::layout_ranked(&view.graph, &ranks, &options(width, height), measure);
    let scene = scene::build(dataset, &view, &layout, theme, FONT_PX);
    Chart {
        view,
        layout,
        scene,
    }
}

/// A one-paragraph text alternative for the picture, in `lang` (names as the dataset has them).
pub fn summary(dataset: &Dataset, view: &View, lang: crate::util::lang::Lang) -> String {
    let mut givers: Vec<(&str, usize)> = Vec::new();
    for link in &view.links {
        let name = dataset
            .actors
            .iter()
            .find(|a| a.id == link.source_actor)
            .map_or(link.source_actor.as_str(), |a| a.name.as_str());
        match givers.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += link.flows.len(),
            None => givers.push((name, link.flows.len())),
        }
    }
    crate::util::sort::by(&mut givers, |a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let top: Vec<String> = givers
        .iter()
        .take(3)
        .map(|(name, n)| format!("{name} ({n})"))
        .collect();
    lang.chart_summary(
        &dataset.title,
        view.counts.shown,
        view.kinds_shown.len(),
        distinct(view.nodes.iter().map(|n| n.actor.as_str()).collect()),
        &top.join(", "),
    )
}

/// How many different names `names` holds (a sort, not a `BTreeSet`: one B-tree fewer in wasm).
fn distinct(mut names: Vec<&str>) -> usize {
    crate::util::sort::sort(&mut names);
    names.dedup();
    names.len()
}
