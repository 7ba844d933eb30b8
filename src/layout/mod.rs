//! Sankey layout: a weighted directed multigraph in, columns, node boxes and band routes out.
//!
//! Pure geometry in CSS pixels (`f64`); no browser types, no drawing. Deterministic: the same
//! input gives the same layout. Cycles and self-loops are normal input, never an error.

use serde::Serialize;

/// The graph to lay out: what the filtered view aggregates to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub links: Vec<GraphLink>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GraphNode {
    /// Stable identifier (actor id, or benchmark node name).
    pub id: String,
    /// Text of the node's label.
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GraphLink {
    /// Index into `Graph::nodes`.
    pub source: usize,
    /// Index into `Graph::nodes`.
    pub target: usize,
    /// Band weight; finite and >= 0 (zero-weight links still get the minimum thickness).
    pub value: f64,
}

/// Measures label text; the web shell measures with the canvas, native code estimates.
pub trait TextMeasure {
    /// Width in CSS pixels of `text` set at `font_px`.
    fn width(&self, text: &str, font_px: f64) -> f64;
}

/// A rough measure for native rendering and tests: an average glyph of 0.56 em.
pub struct ApproxMeasure;

impl TextMeasure for ApproxMeasure {
    fn width(&self, text: &str, font_px: f64) -> f64 {
        text.chars().count() as f64 * font_px * 0.56
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LayoutOptions {
    /// Extent in CSS pixels; everything laid out lies inside `[0, width] × [0, height]`.
    pub width: f64,
    pub height: f64,
    pub node_width: f64,
    /// Minimum vertical gap between two nodes of a column.
    pub node_padding: f64,
    /// Thinnest band drawn, so thin flows stay visible and hoverable.
    pub min_band: f64,
    /// Label font size in CSS pixels.
    pub font_px: f64,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            width: 960.0,
            height: 600.0,
            node_width: 12.0,
            node_padding: 12.0,
            min_band: 2.0,
            font_px: 13.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// The laid-out picture: one `NodeBox` per input node, one `Band` per input link, same order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub columns: usize,
    pub nodes: Vec<NodeBox>,
    pub bands: Vec<Band>,
    pub labels: Vec<Label>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeBox {
    pub column: usize,
    pub rect: Rect,
}

/// A band's route. The band is horizontal where it leaves its source (right edge), where it
/// enters its target (left edge) and at every intermediate column it passes; between those
/// stations it is an S-curve of constant vertical thickness `width`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Band {
    pub width: f64,
    /// Centre of the band where it leaves the source: x at the source's right edge.
    pub source_x: f64,
    pub source_y: f64,
    /// Centre of the band where it enters the target: x at the target's left edge.
    pub target_x: f64,
    pub target_y: f64,
    /// Intermediate columns passed, left to right (or in travel order for loops).
    pub via: Vec<Station>,
    /// For links that run backwards (cycles, self-loops): the lane around the diagram.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loop_lane: Option<LoopLane>,
}

/// Where a band crosses an intermediate column: horizontal from `x0` to `x1` at height `y`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Station {
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
}

/// A backward band leaves its source to the right, turns to a horizontal lane above or below
/// the diagram at height `y`, runs left, and turns back into its target from the left.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoopLane {
    pub y: f64,
    /// x where the band turns away from the source (right of it).
    pub exit_x: f64,
    /// x where the band turns into the target (left of it).
    pub enter_x: f64,
}

/// A node's label, placed and possibly shortened to fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Label {
    pub node: usize,
    /// The text shown (may end in "…"); the full text is the node's label.
    pub text: String,
    /// Anchor point: the text's left edge (`Align::Start`) or right edge (`Align::End`),
    /// vertically its middle.
    pub x: f64,
    pub y: f64,
    pub align: Align,
    pub rect: Rect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    Start,
    End,
}

mod naive;

/// Lays out `graph` within `options`' extent.
pub fn layout(graph: &Graph, options: &LayoutOptions, measure: &dyn TextMeasure) -> Layout {
    naive::layout(graph, options, measure)
}
