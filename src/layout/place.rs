//! Placement: the columns' x, and the y of every node and dummy, once the scale (`scale`)
//! and the ports (`ports`) are known.
//!
//! *Vertical positions.* With the order fixed, we look for the positions that make bands as
//! straight as possible: minimise Σ w·(y at one end − y at the other end)² over all segments,
//! w the band's thickness, under the constraints that each column keeps its order, its gaps
//! and stays within the extent. This is a convex problem; we solve it by block-coordinate
//! descent, one column at a time with its neighbours fixed, sweeping left to right and back.
//! Each column's sub-problem is solved exactly by isotonic regression (pool adjacent
//! violators) once positions are shifted by the cumulative heights and gaps above them.

use super::layered::{Layered, Order};
use super::loops::Loops;
use super::ports::Ports;
use super::scale::{leg_base, Scale};
use super::{Graph, LayoutOptions, Link, TextMeasure};

/// Sweeps (left to right and back) of the vertical relaxation, at most; fewer for large
/// graphs, so that sweeps × (items + segment ends) stays near `SWEEP_WORK`.
const SWEEPS: usize = 24;
const MIN_SWEEPS: usize = 4;
const SWEEP_WORK: f64 = 4e5;
/// A sweep that moves no item by more than this (pixels) ends the relaxation: the rest
/// would not show.
const SETTLED: f64 = 0.01;

/// Horizontal layout: where each column is, and the room kept in the margins.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Xs {
    pub width: f64,
    pub height: f64,
    /// Left edge of each column's nodes.
    pub x0: Vec<f64>,
    pub node_width: f64,
    /// Room for the labels left of column 0 (0 when they go right) and right of the last one.
    pub label_left: f64,
    pub label_right: f64,
    /// Room for the loops' legs left of column 0 and right of the last column.
    pub loop_left: f64,
    pub loop_right: f64,
    /// Space between the labels and what they label.
    pub label_pad: f64,
}

impl Xs {
    pub fn x1(&self, c: usize) -> f64 {
        self.x0[c] + self.node_width
    }

    /// Width of the gap right of column `c` (the right margin's room for the last one).
    pub fn gap_right(&self, c: usize) -> f64 {
        if c + 1 < self.x0.len() {
            self.x0[c + 1] - self.x1(c)
        } else {
            self.width - self.x1(c)
        }
    }
}

/// Places the columns across the width, keeping margins for the first and last columns'
/// labels and for the legs of loops that leave the last column or enter the first.
pub(super) fn columns_x(
    o: &LayoutOptions,
    graph: &Graph,
    measure: &dyn TextMeasure,
    lg: &Layered,
    loops: &Loops,
    scale: &Scale,
    links: &[Link],
) -> Xs {
    let (w, columns) = (o.width, lg.columns);
    let label_pad = (0.4 * o.font_px).min(w / 50.0);
    let node_width = o.node_width.min(w * 0.5 / columns.max(1) as f64);
    let widest = |c: usize| {
        (0..lg.nodes)
            .filter(|&v| lg.col[v] == c)
            .map(|v| measure.width(&graph.nodes[v].label, o.font_px))
            .filter(|x| x.is_finite())
            .fold(0.0, f64::max)
    };
    let last = columns.saturating_sub(1);
    let free = (w - columns as f64 * node_width).max(0.0);
    let cap = (free / (columns + 1) as f64).max(0.15 * w).min(0.3 * w);
    let want = |x: f64| {
        if x > 0.0 {
            (x + 2.0 * label_pad).min(cap)
        } else {
            0.0
        }
    };
    let mut label_left = if columns > 1 { want(widest(0)) } else { 0.0 };
    let mut label_right = if columns > 0 { want(widest(last)) } else { 0.0 };
    let legs = |pick: &dyn Fn(usize) -> bool| {
        let ws: Vec<f64> = (0..loops.links.len())
            .filter(|&i| pick(i))
            .map(|i| scale.band(links[loops.links[i]].value))
            .collect();
        if ws.is_empty() {
            0.0
        } else {
            leg_base(scale) * 2.0 + ws.iter().map(|x| x + scale.lane_gap()).sum::<f64>()
        }
    };
    let mut loop_left = legs(&|i| loops.enter_col[i] == 0).min(0.15 * w);
    let mut loop_right = legs(&|i| loops.exit_col[i] == last).min(0.15 * w);
    // Margins never take more than half the free width.
    let margins = label_left + label_right + loop_left + loop_right;
    if margins > 0.5 * free {
        let k = 0.5 * free / margins;
        label_left *= k;
        label_right *= k;
        loop_left *= k;
        loop_right *= k;
    }
    // Yet every outer label keeps room for its narrowest form (two lines, a smaller font, a
    // short name): a name is never dropped for want of margin while the middle has room.
    let floor = |c: usize| {
        (0..lg.nodes)
            .filter(|&v| lg.col[v] == c && v < graph.nodes.len())
            .map(|v| super::labels::narrowest(&graph.nodes[v], measure, o.font_px))
            .filter(|x| x.is_finite())
            .fold(0.0, f64::max)
    };
    if columns > 1 {
        label_left = label_left.max((floor(0) + 2.0 * label_pad).min(0.34 * w));
    }
    if columns > 0 {
        label_right = label_right.max((floor(last) + 2.0 * label_pad).min(0.34 * w));
    }
    let left = label_left + loop_left;
    let inner = (w - left - label_right - loop_right - columns as f64 * node_width).max(0.0);
    let x0 = (0..columns)
        .map(|c| {
            if columns == 1 {
                left + inner / 2.0
            } else {
                left + c as f64 * (node_width + inner / (columns - 1) as f64)
            }
        })
        .collect();
    Xs {
        width: o.width,
        height: o.height,
        x0,
        node_width,
        label_left,
        label_right,
        loop_left,
        loop_right,
        label_pad,
    }
}

/// The top of every item (node or dummy), straightening bands (see the module doc).
pub(super) fn vertical(lg: &Layered, order: &Order, ports: &Ports, scale: &Scale) -> Vec<f64> {
    let items = lg.items();
    // Items renumbered column by column, top to bottom: neighbours are then close in memory.
    let mut start = Vec::with_capacity(order.layers.len() + 1);
    let mut item_at = Vec::with_capacity(items);
    let mut index = vec![0; items];
    for layer in &order.layers {
        start.push(item_at.len());
        for &v in layer {
            index[v] = item_at.len();
            item_at.push(v);
        }
    }
    start.push(items);
    let height: Vec<f64> = item_at
        .iter()
        .map(|&v| {
            if lg.is_dummy(v) {
                ports.width[lg.link[v]]
            } else {
                ports.height[v]
            }
        })
        .collect();
    // Top of each item when its column is packed from 0.
    let mut offset = vec![0.0; items];
    for c in 0..order.layers.len() {
        for i in start[c] + 1..start[c + 1] {
            let gap = scale.gap(lg.is_dummy(item_at[i - 1]), lg.is_dummy(item_at[i]));
            offset[i] = offset[i - 1] + height[i - 1] + gap;
        }
    }
    // Where a segment meets an item, below the item's top.
    let meet = |s: &super::layered::Seg, left: bool| {
        let w = ports.width[s.link];
        let (v, port) = if left {
            (s.left, ports.out_offset[s.link])
        } else {
            (s.right, ports.in_offset[s.link])
        };
        if lg.is_dummy(v) {
            w / 2.0
        } else {
            port + w / 2.0
        }
    };
    // The segments by column gap, with their ends as positions within their columns:
    // straight means y(right) = y(left) + shift. A column's pass reads the two gaps beside it
    // in order and touches only its own and its neighbours' positions, which on large graphs
    // is several times faster than a neighbour list per item (fewer cache misses).
    let columns = order.layers.len();
    let mut gaps: Vec<Vec<GapSeg>> = Vec::with_capacity(columns.saturating_sub(1));
    for segs in &lg.gap_segs {
        gaps.push(
            segs.iter()
                .map(|&s| {
                    let seg = &lg.segs[s];
                    let (l, r) = (index[seg.left], index[seg.right]);
                    GapSeg {
                        left: l - start[lg.col[seg.left]],
                        right: r - start[lg.col[seg.right]],
                        shift: meet(seg, true) - meet(seg, false),
                        pull: ports.width[seg.link] + 1e-2,
                    }
                })
                .collect(),
        );
    }

    // Start spread evenly over the height.
    let mut y = vec![0.0; items];
    for c in 0..order.layers.len() {
        let (a, b) = (start[c], start[c + 1]);
        if a == b {
            continue;
        }
        let extent = offset[b - 1] + height[b - 1];
        let step = (scale.bottom - scale.top - extent).max(0.0) / (b - a + 1) as f64;
        for i in a..b {
            y[i] = scale.top + offset[i] + step * (i - a + 1) as f64;
        }
    }
    let sweeps = ((SWEEP_WORK / (items + 2 * lg.segs.len()).max(1) as f64) as usize)
        .clamp(MIN_SWEEPS, SWEEPS);
    let (mut want, mut weight, mut blocks, mut old) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..sweeps {
        let mut moved = 0.0f64;
        for c in (0..columns).chain((0..columns).rev()) {
            let (a, b) = (start[c], start[c + 1]);
            if a == b {
                continue;
            }
            // Σ pull · (where each neighbour would have the item), and Σ pull, per item.
            want.clear();
            want.resize(b - a, 0.0);
            weight.clear();
            weight.resize(b - a, 0.0);
            // Slices, not `Vec`s, in the loops: indexing a `Vec` is a call in the
            // size-optimised wasm, and the first layout runs on the browser's baseline compiler.
            let (want_of, weight_of) = (&mut want[..], &mut weight[..]);
            if c > 0 {
                let left = &y[start[c - 1]..start[c]];
                for g in &gaps[c - 1] {
                    want_of[g.right] += g.pull * (left[g.left] + g.shift);
                    weight_of[g.right] += g.pull;
                }
            }
            if c + 1 < columns {
                let right = &y[start[c + 1]..start[c + 2]];
                for g in &gaps[c] {
                    want_of[g.left] += g.pull * (right[g.right] - g.shift);
                    weight_of[g.left] += g.pull;
                }
            }
            for (i, (w, total)) in want.iter_mut().zip(weight.iter_mut()).enumerate() {
                if *total > 0.0 {
                    *w /= *total;
                } else {
                    *w = y[a + i];
                    *total = 1e-6;
                }
            }
            let extent = offset[b - 1] + height[b - 1];
            let bounds = (scale.top, (scale.bottom - extent).max(scale.top));
            old.clear();
            old.extend_from_slice(&y[a..b]);
            project(
                &offset[a..b],
                &want,
                &weight,
                bounds,
                &mut blocks,
                &mut y[a..b],
            );
            moved = (old.iter().zip(&y[a..b]))
                .map(|(p, q)| (p - q).abs())
                .fold(moved, f64::max);
        }
        if moved < SETTLED {
            break;
        }
    }
    let mut tops = vec![0.0; items];
    for (i, &v) in item_at.iter().enumerate() {
        tops[v] = y[i];
    }
    tops
}

/// A segment between two columns, for the vertical relaxation.
struct GapSeg {
    /// Position of its left end in the left column, of its right end in the right column.
    left: usize,
    right: usize,
    /// Straight when y(right end) = y(left end) + shift.
    shift: f64,
    pull: f64,
}

/// One column's placement: minimise Σ weight·(y − want)² keeping the order and the packed
/// offsets' gaps (`y[i+1] − y[i] ≥ offset[i+1] − offset[i]`), with `y − offset` within
/// `bounds`. Pool adjacent violators on z = y − offset (z must not decrease), then clamp,
/// which keeps the weighted least-squares optimum.
fn project(
    offset: &[f64],
    want: &[f64],
    weight: &[f64],
    (lo, hi): (f64, f64),
    blocks: &mut Vec<(f64, f64, usize)>,
    y: &mut [f64],
) {
    blocks.clear();
    for ((&o, &d), &w) in offset.iter().zip(want).zip(weight) {
        blocks.push((w * (d - o), w, 1));
        while blocks.len() > 1 {
            let (b, a) = (blocks[blocks.len() - 1], blocks[blocks.len() - 2]);
            if a.0 / a.1 <= b.0 / b.1 {
                break;
            }
            blocks.pop();
            if let Some(last) = blocks.last_mut() {
                *last = (a.0 + b.0, a.1 + b.1, a.2 + b.2);
            }
        }
    }
    let mut i = 0;
    for &(wz, w, k) in blocks.iter() {
        let z = (wz / w).clamp(lo, hi);
        for _ in 0..k {
            y[i] = z + offset[i];
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isotonic_projection_keeps_order_gaps_and_bounds() {
        let mut y = [0.0; 3];
        // Items 5 tall at offsets 0, 10, 20 within 0..60: z wants 50, −10, 80; pooled
        // (50, −10) → 20, then 80 clamps to 60 − 25 = 35.
        project(
            &[0.0, 10.0, 20.0],
            &[50.0, 0.0, 100.0],
            &[1.0; 3],
            (0.0, 35.0),
            &mut Vec::new(),
            &mut y,
        );
        assert_eq!(y, [20.0, 30.0, 55.0]);
    }
}
