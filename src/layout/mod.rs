//! Sankey layout: a weighted directed multigraph in, columns, node boxes and band routes out.
//!
//! Pure geometry in CSS pixels (`f64`); no browser types, no drawing. Deterministic: the same
//! input gives the same layout. Cycles and self-loops are normal input, never an error.
//!
//! # The steps, and why
//! [`layout`] reads as the list of its steps, each a function in its own file:
//!
//! 1. `cycles.rs` — which links run backwards. Influence data is full of cycles (Russia →
//!    Mali arms, Mali → Russia UN votes), so a cycle is input, not an error. We break them
//!    with a *weighted minimum feedback arc set* heuristic, the greedy of Eades, Lin and Smyth
//!    (1993) with link values as weights, O(E log V): it sequences the actors so that the
//!    links running against the sequence weigh as little as it can find, and those become
//!    loops. Heavy flows run forward; light counter-flows go around. Unlike the
//!    elementary-circuit enumeration of d3-sankey-circular and plotly (exponential in the
//!    number of cycles, known to hang on a few thousand links), its cost does not depend on
//!    how many cycles there are: 10,000 links take a few milliseconds. We chose loops around
//!    the diagram over drawing each actor twice (giver and receiver sides) so that every
//!    actor stays one box, one place to look and hover.
//! 2. `columns.rs` — longest path over the links kept forward (each actor one column right
//!    of its furthest giver), then sinks justified to the last column, as d3-sankey's default
//!    `sankeyJustify`. Actors with no forward link stay in column 0. A link the arc set named
//!    is still drawn forward if its target ends up right of its source: only links that really
//!    run backwards (or stay in their column) are loops. On `wri.json` this gives the column
//!    assignment of the published optimum (5/17/29/4 items per column).
//! 3. `layered.rs` — each forward link spanning several columns is split into one segment
//!    per column gap, with a dummy item at each intermediate column: the band passes
//!    *between* the actors of that column, through the slot its dummy gets.
//! 4. `order.rs`, `sift.rs` — order each column to minimise *weighted* crossings (Σ wₐ·w_b
//!    over crossing segment pairs: the benchmarks' metric). Starts from weighted barycentre
//!    sweeps; per-column exact pair-cost tables with insertion local search; global sifting
//!    of blocks (a node, or a long link's whole chain of dummies) so long bands move as one;
//!    then iterated local search (kicks). Work is budgeted by counted steps, never by the
//!    clock. Bands are stacked at each actor in the order of their other ends, so bands
//!    sharing an actor never cross: the crossings drawn are exactly the ones counted.
//! 5. `loops.rs` — each backward link goes around the diagram, above or below (the side
//!    nearer its ends, decided again once nodes have positions), in a lane stacked outside
//!    the shorter loops it overlaps: lanes never overlap and loops nest instead of crossing.
//! 6. `place.rs` — the vertical scale (the largest that fits, keeping `min_band`), the
//!    columns' x (margins for the outer labels and loop legs), and the y of every actor and
//!    dummy: least-squares straightening of all bands under the order, gap and extent
//!    constraints, each column solved exactly by isotonic regression, sweeping back and forth.
//! 7. `route.rs` — stack the bands at each actor (ports) and build each band's stations
//!    and loop lane.
//! 8. `labels.rs` — labels beside their actors, never over each other or a node, wrapped
//!    onto two lines, a font step smaller or by their short name to fit; never cut.
//!
//! [`metrics`] measures a finished layout (weighted crossings); `crate::benchmark::report` runs the benchmark.
//!
//! # Measured (release build, default options, `layout-bench`)
//! Weighted crossings on `wri.json`: 162.23, 3.6 % above the ILP optimum 156.64 (d3-sankey
//! 587.09, Li et al. 269.21); `heur.json`: 83.31 (Li et al. 82.79, Alemasoom et al. 146.77);
//! `energy.json`: 252,010 (d3-sankey 0.12.3 measured by us at 928×600: 278,004). The order
//! does not depend on the extent, so neither do these figures. Time (release profile as set,
//! `opt-level = "z"`, a quiet 2-core machine): 14–24 ms for the benchmark graphs (the
//! ordering search: about 2 million counted steps), 7 ms for a random graph of 120 nodes and
//! 300 links, 30 ms for 500 / 2,000, about 0.26 s for 2,000 / 10,000 (78 columns, 120,000
//! dummies, 3,000 loops), where one barycentre sweep, the crossing counts and the placement
//! of every dummy take most of it. `layout-bench` prints the time of each step.

//! # Invariants (checked by `tests/layout_props.rs`)
//! - One [`NodeBox`] per input node and one [`Band`] per input link, in input order; every
//!   coordinate finite and inside `[0, width] × [0, height]`, whatever the values.
//! - A band's drawn width is `max(value × scale, min_band)`; a node's height is
//!   `max(Σ widths in, Σ widths out, min_band)` over all its bands, loops included. At each
//!   node the outgoing bands stack down its right edge from its top without gaps or overlaps,
//!   and the incoming ones down its left edge: the larger side adds up to the height exactly.
//! - Nodes (and the bands passing between them) of a column never overlap. The gap between
//!   two nodes is at least `node_padding` unless gaps and `min_band` alone would take more
//!   than two thirds of the height; then padding shrinks first, then `min_band`, so values
//!   always keep a third of the height. A band passing between nodes keeps half the padding
//!   from them, and a quarter from another passing band.
//! - Labels never overlap each other or any node and stay inside the extent; a label with no
//!   room at all is left out of [`Layout::labels`] (its text is the node's label, for hover).

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
    /// A shorter label, used where the full one does not fit even on two lines.
    pub short: Option<String>,
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
    /// At most this many pixels per unit of value: small multiples draw every panel at the
    /// scale of the one that fits least, so widths compare across panels. None: as many as
    /// the height allows.
    pub value_px: Option<f64>,
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
            value_px: None,
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

/// The laid-out picture: one `NodeBox` per input node, one `Band` per input link, same order;
/// at most one `Label` per node, ordered by node (a label with no room is left out).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub columns: usize,
    pub nodes: Vec<NodeBox>,
    pub bands: Vec<Band>,
    pub labels: Vec<Label>,
    /// Pixels per unit of value (a band is `max(value × value_px, min_band)` thick).
    #[serde(skip)]
    pub value_px: f64,
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
    /// Intermediate columns passed, left to right: the band runs between the nodes of each.
    /// Empty for loops, which go around the diagram instead.
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
///
/// Lanes of different loops never overlap: `y ± width / 2` is clear of every other lane
/// that shares an x with it. `y` above the nodes' tops means the lane runs above.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoopLane {
    /// Centre of the lane.
    pub y: f64,
    /// Centre line of the vertical leg after the source (right of it). Legs of loops that
    /// leave the same column get distinct x, innermost loop nearest the column.
    pub exit_x: f64,
    /// Centre line of the vertical leg before the target (left of it).
    pub enter_x: f64,
}

/// A node's label, placed on one or two lines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Label {
    pub node: usize,
    /// The text shown: the node's label, or its short form; never cut.
    pub text: String,
    /// `text` as drawn, one or two lines, top to bottom.
    pub lines: Vec<String>,
    /// Font size: the layout's, or one step smaller where that makes the label fit.
    pub font_px: f64,
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

mod columns;
mod cycles;
mod labels;
mod layered;
mod loops;
pub mod metrics;
mod order;
mod place;
mod ports;
pub mod rng;
mod route;
mod scale;
mod sift;

/// Lays out `graph` within `options`' extent.
///
/// Every link must name nodes of `graph` (`source`, `target` < `nodes.len()`); a value that is
/// not finite or negative counts as zero.
pub fn layout(graph: &Graph, options: &LayoutOptions, measure: &dyn TextMeasure) -> Layout {
    layout_steps(graph, None, options, measure, &mut |_| {})
}

/// How a view keeps a global order (see [`layout_ranked`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InOrder {
    /// Per node, its rank in the global order, lowest on top (a node beyond the end goes
    /// below the others).
    pub rank: Vec<usize>,
    /// Per node, its column in the global order's graph: the view keeps these columns (empty
    /// ones left out) instead of its own longest paths, so that the nodes of a column are
    /// those the global search ordered together. Empty: the view's own columns.
    pub column: Vec<usize>,
    /// Editor pins: `(a, b)` puts node `a` above node `b` wherever they share a column;
    /// kept always, refined or not.
    pub pins: Vec<(usize, usize)>,
    /// Let the search move nodes against their ranks where that lowers the crossings, up to
    /// one pair in 20 of the nodes sharing a column (Kendall τ ≥ 0.9 against the order).
    pub refine: bool,
}

impl InOrder {
    /// The strict order `rank`, in the view's own columns, without pins.
    pub fn ranks(rank: Vec<usize>) -> InOrder {
        InOrder {
            rank,
            ..InOrder::default()
        }
    }
}

/// [`layout`] with the nodes of each column kept in the order of `order.rank` (and its pins):
/// views that share a global order draw their shared actors in the same relative order. Only
/// the long bands' slots are searched for (unless `order.refine`), so a graph without long
/// links (two columns, as every giver–receiver view) runs no crossing search at all.
pub fn layout_ranked(
    graph: &Graph,
    order: &InOrder,
    options: &LayoutOptions,
    measure: &dyn TextMeasure,
) -> Layout {
    layout_steps(graph, Some(order), options, measure, &mut |_| {})
}

/// A global order of a graph's nodes (see [`node_order`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NodeOrder {
    /// The nodes, top to bottom.
    pub nodes: Vec<usize>,
    /// Per node, its column.
    pub column: Vec<usize>,
}

/// The nodes of `graph` top to bottom, for a global order that views then keep with
/// [`layout_ranked`]: cycles, columns and the crossing search only (no geometry), then every
/// node by its relative height in its column (the middle of its slot over the column's
/// length), so that nodes of different columns interleave by height: a view that puts them in
/// one column then finds them in a sensible order. `pins` (node `a` above node `b`) are kept
/// by the search and by the interleaving, so every view keeps them.
pub fn node_order(graph: &Graph, pins: &[(usize, usize)]) -> NodeOrder {
    let links = sanitise(graph);
    let n = graph.nodes.len();
    let rank = cycles::acyclic_rank(n, &links);
    let column = columns::assign(n, &links, &rank);
    let layered = layered::build(&links, &column);
    let order = order::minimise_crossings(&layered, None, pins, false, &mut |_| {});
    let mut height: Vec<(f64, usize, usize)> = (0..n)
        .map(|v| {
            let len = order.layers[column[v]].len() as f64;
            ((order.pos[v] as f64 + 0.5) / len, column[v], v)
        })
        .collect();
    crate::util::sort::by(&mut height[..], |a, b| {
        a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
    });
    let mut nodes: Vec<usize> = height.into_iter().map(|(_, _, v)| v).collect();
    if !pins.is_empty() {
        // Pinned nodes of different columns may meet in a view's column.
        let above = order::closure(n, pins);
        let mut is_pinned = vec![false; n];
        for &(a, b) in &above {
            is_pinned[a] = true;
            is_pinned[b] = true;
        }
        let mut pinned: Vec<usize> = nodes.iter().copied().filter(|&v| is_pinned[v]).collect();
        order::repair(&mut pinned, &above);
        let mut next = pinned.iter();
        for slot in nodes.iter_mut() {
            if is_pinned[*slot] {
                *slot = *next.next().unwrap_or(slot);
            }
        }
    }
    NodeOrder { nodes, column }
}

/// How many crossing searches this process has run (every [`layout`] of a graph with
/// crossings to avoid runs one; [`layout_ranked`] only when long bands need their slots):
/// tests use it to check that the page's shipped data needs none.
pub fn searches() -> usize {
    order::searches()
}

/// [`layout`], calling `done(step)` each time a step (or part of one) ends, so that the
/// benchmark can time the steps: "cycles", "columns", "layered", "order", "sift", "loops",
/// "place", "route", "labels". A step may be reported several times (its parts). `in_order`
/// as for [`layout_ranked`].
pub fn layout_steps(
    graph: &Graph,
    in_order: Option<&InOrder>,
    options: &LayoutOptions,
    measure: &dyn TextMeasure,
    done: &mut dyn FnMut(&'static str),
) -> Layout {
    let options = sanitise_options(options);
    let links = sanitise(graph);
    let n = graph.nodes.len();
    let rank = cycles::acyclic_rank(n, &links);
    done("cycles");
    let column = match in_order {
        Some(o) if o.column.len() == n => columns::compress(&o.column),
        _ => columns::assign(n, &links, &rank),
    };
    done("columns");
    let layered = layered::build(&links, &column);
    done("layered");
    let order = order::minimise_crossings(
        &layered,
        in_order.map(|o| &o.rank[..]),
        in_order.map_or(&[], |o| &o.pins[..]),
        in_order.is_some_and(|o| o.refine),
        done,
    );
    let first = loops::plan(
        &links,
        &column,
        &layered,
        &loops::rank_position(&column, &order),
    );
    done("loops");
    let (loops, scale, ports, tops) =
        vertical(&options, &links, &column, &layered, &order, first, done);
    let xs = place::columns_x(&options, graph, measure, &layered, &loops, &scale, &links);
    done("place");
    let nodes = route::node_boxes(&layered, &tops, &ports, &xs);
    let bands = route::bands(&links, &layered, &tops, &ports, &xs, &loops, &scale);
    done("route");
    let labels = labels::place(graph, &options, measure, &nodes, &xs);
    done("labels");
    Layout {
        width: xs.width,
        height: xs.height,
        columns: layered.columns,
        nodes,
        bands,
        labels,
        value_px: scale.ky,
    }
}

/// Largest layered graph (items) for which the loops' sides get a second look (a second
/// placement: beyond this it costs more than it shows).
const REPLAN_MAX: usize = 5_000;

/// Vertical placement: the scale, the ports and every item's top. Loops first go to the
/// side nearer their ends by rank in the column; once nodes have heights and positions, the
/// sides are chosen again by actual position and, if any changed, placement is redone once.
fn vertical(
    options: &LayoutOptions,
    links: &[Link],
    column: &[usize],
    layered: &layered::Layered,
    order: &layered::Order,
    loops: loops::Loops,
    done: &mut dyn FnMut(&'static str),
) -> (loops::Loops, scale::Scale, ports::Ports, Vec<f64>) {
    let mut place = |loops: &loops::Loops| {
        let scale = scale::fit_scale(options, links, layered, order, loops);
        let ports = ports::ports(links, layered, order, loops, &scale);
        let tops = place::vertical(layered, order, &ports, &scale);
        done("place");
        (scale, ports, tops)
    };
    let (scale, ports, tops) = place(&loops);
    if loops.links.is_empty() || layered.items() > REPLAN_MAX {
        return (loops, scale, ports, tops);
    }
    let span = (scale.bottom - scale.top).max(f64::MIN_POSITIVE);
    let by_height = |v: usize| (tops[v] + ports.height[v] / 2.0 - scale.top) / span;
    let again = loops::plan(links, column, layered, &by_height);
    if again == loops {
        return (loops, scale, ports, tops);
    }
    let (scale, ports, tops) = place(&again);
    (again, scale, ports, tops)
}

/// Options made usable: a positive extent, non-negative sizes, all finite.
fn sanitise_options(o: &LayoutOptions) -> LayoutOptions {
    let d = LayoutOptions::default();
    let pick = |x: f64, default: f64, min: f64| {
        if x.is_finite() && x >= min {
            x
        } else {
            default.max(min)
        }
    };
    let width = pick(o.width, d.width, 1.0);
    let height = pick(o.height, d.height, 1.0);
    LayoutOptions {
        width,
        height,
        node_width: pick(o.node_width, d.node_width, 0.0).min(width),
        node_padding: pick(o.node_padding, d.node_padding, 0.0),
        min_band: pick(o.min_band, d.min_band, 0.0),
        font_px: pick(o.font_px, d.font_px, 0.0),
        value_px: o.value_px.filter(|v| v.is_finite() && *v >= 0.0),
    }
}

/// A link as the steps use it: endpoints and a finite, non-negative value.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Link {
    source: usize,
    target: usize,
    value: f64,
}

/// Copies the links, with values that are not finite or negative set to zero.
fn sanitise(graph: &Graph) -> Vec<Link> {
    let n = graph.nodes.len();
    graph
        .links
        .iter()
        .enumerate()
        .map(|(i, l)| {
            assert!(
                l.source < n && l.target < n,
                "layout: link {i} names node {} → {}, but the graph has {n} nodes",
                l.source,
                l.target
            );
            let value = if l.value.is_finite() && l.value > 0.0 {
                l.value
            } else {
                0.0
            };
            Link {
                source: l.source,
                target: l.target,
                value,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(graph: &Graph) -> (Vec<Link>, layered::Layered, layered::Order) {
        let links = sanitise(graph);
        let rank = cycles::acyclic_rank(graph.nodes.len(), &links);
        let column = columns::assign(graph.nodes.len(), &links, &rank);
        let lg = layered::build(&links, &column);
        let order = order::minimise_crossings(&lg, None, &[], false, &mut |_| {});
        (links, lg, order)
    }

    /// On wri.json the columns are those of the published optimum: 5/17/29/4 items.
    #[test]
    fn wri_gets_the_published_column_assignment() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/benchmarks/wri.json");
        let Ok(text) = std::fs::read_to_string(path) else {
            return;
        };
        let graph =
            crate::benchmark::plain_graph::parse(&text, crate::benchmark::plain_graph::Names::Trim)
                .unwrap()
                .graph;
        let (_, lg, order) = steps(&graph);
        let sizes: Vec<usize> = order.layers.iter().map(Vec::len).collect();
        assert_eq!(sizes, vec![5, 17, 29, 4]);
        assert_eq!(lg.items(), 55);
    }

    /// The crossings drawn are exactly those the ordering counted.
    #[test]
    fn drawn_crossings_are_the_counted_ones() {
        for seed in 0..6 {
            let mut graph = crate::benchmark::report::random_graph(60, 150, seed);
            // (Zero values count a little when ordering, nothing when measuring.)
            graph
                .links
                .iter_mut()
                .filter(|l| l.value == 0.0)
                .for_each(|l| l.value = 1.0);
            let (_, lg, order) = steps(&graph);
            let counted = order::count(&lg, &order);
            let drawn = metrics::crossings(
                &graph,
                &layout(&graph, &LayoutOptions::default(), &ApproxMeasure),
            );
            assert_eq!(counted.count, drawn.count, "seed {seed}");
            assert!((counted.weighted - drawn.weighted).abs() <= 1e-9 * counted.weighted.max(1.0));
        }
    }
}
