//! Routing: each node's box, and each band's stations and lane, from the ports (`ports`)
//! and the placement (`place`).
//!
//! A loop's vertical legs stand in the gap next to its column: the legs of all loops leaving
//! a column (or entering one) get distinct positions, innermost nearest the node.

use super::layered::Layered;
use super::loops::Loops;
use super::place::Xs;
use super::ports::Ports;
use super::scale::{leg_base, Scale};
use super::{Band, Link, LoopLane, NodeBox, Rect, Station};

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
        let sorted = |list: &mut Vec<usize>| {
            crate::util::sort::by_key(&mut list[..], |&i| (!loops.above[i], i))
        };
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
