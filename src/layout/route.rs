//! Routing: where each band meets its nodes (ports), and each band's stations and lane.
//!
//! At each node, outgoing bands stack down its right edge from the top, incoming bands down
//! its left edge, without gaps: first the loops that go above (innermost on top, so their
//! legs nest), then forward bands in the order of their other ends (so bands sharing a node
//! never cross), then the loops that go below (innermost at the bottom).
//!
//! A loop's vertical legs stand in the gap next to its column: the legs of all loops leaving
//! a column (or entering one) get distinct positions, innermost nearest the node.

use super::layered::Layered;
use super::loops::Loops;
use super::order::Order;
use super::place::{leg_base, Scale, Xs};
use super::{Band, Link, LoopLane, NodeBox, Rect, Station};

/// Band thicknesses, node heights and port offsets.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Ports {
    /// Per link: drawn thickness.
    pub width: Vec<f64>,
    /// Per link: top edge of the band below its source's top, and below its target's top.
    pub out_offset: Vec<f64>,
    pub in_offset: Vec<f64>,
    /// Per node: `max(Σ in, Σ out, min_band)`.
    pub height: Vec<f64>,
}

pub(super) fn ports(
    links: &[Link],
    lg: &Layered,
    order: &Order,
    loops: &Loops,
    scale: &Scale,
) -> Ports {
    let n = lg.nodes;
    let width: Vec<f64> = links.iter().map(|l| scale.band(l.value)).collect();
    // Sort keys: (group, key, link); group 0 loops above, 1 forward, 2 loops below.
    let key = |l: usize, at_source: bool| -> (u8, usize, usize) {
        let i = loops.index[l];
        if i != usize::MAX {
            return if loops.above[i] {
                (0, i, l)
            } else {
                (2, usize::MAX - i, l)
            };
        }
        let segs = &lg.link_segs[l];
        let other = if at_source {
            lg.segs[segs.start].right
        } else {
            lg.segs[segs.end - 1].left
        };
        (1, order.pos[other], l)
    };
    let mut outs: Vec<Vec<(u8, usize, usize)>> = vec![Vec::new(); n];
    let mut ins: Vec<Vec<(u8, usize, usize)>> = vec![Vec::new(); n];
    for (l, link) in links.iter().enumerate() {
        outs[link.source].push(key(l, true));
        ins[link.target].push(key(l, false));
    }
    let mut out_offset = vec![0.0; links.len()];
    let mut in_offset = vec![0.0; links.len()];
    let mut height = vec![scale.min_band; n];
    for v in 0..n {
        for (list, offset) in [
            (&mut outs[v], &mut out_offset),
            (&mut ins[v], &mut in_offset),
        ] {
            crate::sort::sort(&mut list[..]);
            let mut at = 0.0;
            for &(_, _, l) in list.iter() {
                offset[l] = at;
                at += width[l];
            }
            height[v] = height[v].max(at);
        }
    }
    Ports {
        width,
        out_offset,
        in_offset,
        height,
    }
}

pub(super) fn node_boxes(lg: &Layered, tops: &[f64], ports: &Ports, xs: &Xs) -> Vec<NodeBox> {
    (0..lg.nodes)
        .map(|v| {
            let c = lg.col[v];
            let (y0, h) = (tops[v], ports.height[v]);
            NodeBox {
                column: c,
                rect: Rect {
                    x0: xs.x0[c],
                    y0,
                    x1: xs.x1(c),
                    y1: y0 + h,
                },
            }
        })
        .collect()
}

pub(super) fn bands(
    links: &[Link],
    lg: &Layered,
    tops: &[f64],
    ports: &Ports,
    xs: &Xs,
    loops: &Loops,
    scale: &Scale,
) -> Vec<Band> {
    let legs = Legs::new(loops, ports, xs, scale);
    links
        .iter()
        .enumerate()
        .map(|(l, link)| {
            let w = ports.width[l];
            let (s, t) = (link.source, link.target);
            let via = lg.link_segs[l]
                .clone()
                .skip(1)
                .map(|seg| {
                    let d = lg.segs[seg].left;
                    let c = lg.col[d];
                    Station {
                        x0: xs.x0[c],
                        x1: xs.x1(c),
                        y: tops[d] + w / 2.0,
                    }
                })
                .collect();
            let i = loops.index[l];
            let loop_lane = (i != usize::MAX).then(|| {
                let off = scale.stack.offset[i] + w / 2.0;
                let y = if loops.above[i] {
                    scale.top - scale.edge_gap() - off
                } else {
                    scale.bottom + scale.edge_gap() + off
                };
                LoopLane {
                    y: y.clamp(0.0, xs.height),
                    exit_x: legs.exit[i],
                    enter_x: legs.enter[i],
                }
            });
            Band {
                width: w,
                source_x: xs.x1(lg.col[s]),
                source_y: tops[s] + ports.out_offset[l] + w / 2.0,
                target_x: xs.x0[lg.col[t]],
                target_y: tops[t] + ports.in_offset[l] + w / 2.0,
                via,
                loop_lane,
            }
        })
        .collect()
}

/// The x of every loop's exit and entry legs (centre lines).
struct Legs {
    exit: Vec<f64>,
    enter: Vec<f64>,
}

impl Legs {
    fn new(loops: &Loops, ports: &Ports, xs: &Xs, scale: &Scale) -> Legs {
        let columns = xs.x0.len();
        let count = loops.links.len();
        let (mut exit, mut enter) = (vec![0.0; count], vec![0.0; count]);
        let mut by_col: Vec<Vec<usize>> = vec![Vec::new(); columns];
        // Legs in the same gap: loops above first, innermost nearest the node.
        let sorted =
            |list: &mut Vec<usize>| crate::sort::by_key(&mut list[..], |&i| (!loops.above[i], i));
        for (side, out) in [(true, &mut exit), (false, &mut enter)] {
            for list in by_col.iter_mut() {
                list.clear();
            }
            for i in 0..count {
                by_col[if side {
                    loops.exit_col[i]
                } else {
                    loops.enter_col[i]
                }]
                .push(i);
            }
            for (c, list) in by_col.iter_mut().enumerate() {
                if list.is_empty() {
                    continue;
                }
                sorted(list);
                let room = if side {
                    if c + 1 == columns {
                        xs.loop_right
                    } else {
                        0.45 * xs.gap_right(c)
                    }
                } else if c == 0 {
                    xs.loop_left
                } else {
                    0.45 * xs.gap_right(c - 1)
                };
                let mut at = leg_base(scale);
                let mut centre = Vec::with_capacity(list.len());
                for &i in list.iter() {
                    let w = ports.width[loops.links[i]];
                    centre.push(at + w / 2.0);
                    at += w + scale.lane_gap();
                }
                let k = if at > room && at > 0.0 {
                    room / at
                } else {
                    1.0
                };
                for (&i, x) in list.iter().zip(centre) {
                    out[i] = if side {
                        xs.x1(c) + k * x
                    } else {
                        xs.x0[c] - k * x
                    };
                    out[i] = out[i].clamp(0.0, xs.width);
                }
            }
        }
        Legs { exit, enter }
    }
}
