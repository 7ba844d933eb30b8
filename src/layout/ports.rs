//! Ports: each band's thickness, each node's height, and where each band meets its nodes.
//!
//! At each node, outgoing bands stack down its right edge from the top, incoming bands down
//! its left edge, without gaps: first the loops that go above (innermost on top, so their
//! legs nest), then forward bands in the order of their other ends (so bands sharing a node
//! never cross), then the loops that go below (innermost at the bottom).

use super::layered::{Layered, Order};
use super::loops::Loops;
use super::scale::Scale;
use super::Link;

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
            crate::util::sort::sort(&mut list[..]);
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
