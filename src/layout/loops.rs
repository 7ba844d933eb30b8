//! Loops: the links that run backwards (or stay in one column) go around the diagram.
//!
//! Each loop leaves its source to the right, turns to a horizontal lane above or below the
//! diagram, runs left and turns back into its target from the left. The side is the one
//! where its two vertical legs pass fewer items of their columns. Lanes are stacked per side
//! like a skyline over the columns: shorter loops first, each laid just outside the loops
//! already there that share a column with it. So lanes never overlap, and a loop nests
//! outside the shorter loops it spans instead of crossing them.

use super::layered::{Layered, Order};
use super::Link;

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Loops {
    /// The loop links, innermost first (the order lanes are stacked in).
    pub links: Vec<usize>,
    /// Per loop (same order): runs above the diagram (else below).
    pub above: Vec<bool>,
    /// Column of the loop's source (its exit leg is right of it) and target (its entry leg).
    pub exit_col: Vec<usize>,
    pub enter_col: Vec<usize>,
    /// Per link: its index in `links`, or `usize::MAX` if it is not a loop.
    pub index: Vec<usize>,
}

/// Where the lanes go at a given band thickness.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Stack {
    /// Room taken above and below the diagram (0 when a side has no loop).
    pub above: f64,
    pub below: f64,
    /// Per loop: distance from the diagram's edge to the band's inner edge.
    pub offset: Vec<f64>,
}

/// Where a node sits in its column, from 0 (top) to 1 (bottom), by its rank in the order:
/// the first guess, before nodes have heights.
pub(super) fn rank_position<'a>(
    column: &'a [usize],
    order: &'a Order,
) -> impl Fn(usize) -> f64 + 'a {
    move |v| {
        let len = order.layers[column[v]].len().max(1) as f64;
        (order.pos[v] as f64 + 0.5) / len
    }
}

/// Chooses each loop's side and stacking order; `frac(v)` says where node `v` sits in its
/// column, from 0 (top) to 1 (bottom).
pub(super) fn plan(
    links: &[Link],
    column: &[usize],
    lg: &Layered,
    frac: &dyn Fn(usize) -> f64,
) -> Loops {
    let mut list: Vec<(usize, bool)> = lg
        .loops
        .iter()
        .map(|&l| {
            let Link { source, target, .. } = links[l];
            (l, frac(source) + frac(target) <= 1.0)
        })
        .collect();
    // Inner loops first: short spans, then sources nearer the loop's side.
    crate::util::sort::by(&mut list[..], |&(a, up_a), &(b, up_b)| {
        let span = |l: usize| column[links[l].source] - column[links[l].target];
        let near = |l: usize, up: bool| {
            let f = frac(links[l].source);
            if up {
                f
            } else {
                1.0 - f
            }
        };
        span(a)
            .cmp(&span(b))
            .then(near(a, up_a).total_cmp(&near(b, up_b)))
            .then(a.cmp(&b))
    });
    let mut index = vec![usize::MAX; links.len()];
    for (i, &(l, _)) in list.iter().enumerate() {
        index[l] = i;
    }
    Loops {
        exit_col: list.iter().map(|&(l, _)| column[links[l].source]).collect(),
        enter_col: list.iter().map(|&(l, _)| column[links[l].target]).collect(),
        above: list.iter().map(|&(_, up)| up).collect(),
        links: list.into_iter().map(|(l, _)| l).collect(),
        index,
    }
}

impl Loops {
    /// Stacks the lanes with band widths `width(link)`, `lane_gap` between lanes and
    /// `edge_gap` between the diagram and the first lane.
    pub fn stack(
        &self,
        columns: usize,
        width: &dyn Fn(usize) -> f64,
        lane_gap: f64,
        edge_gap: f64,
    ) -> Stack {
        let mut sky = [vec![0.0f64; columns], vec![0.0f64; columns]];
        let mut offset = Vec::with_capacity(self.links.len());
        for (i, &l) in self.links.iter().enumerate() {
            let side = &mut sky[usize::from(!self.above[i])];
            let span = &mut side[self.enter_col[i]..=self.exit_col[i]];
            let at = span.iter().copied().fold(0.0, f64::max);
            span.fill(at + width(l) + lane_gap);
            offset.push(at);
        }
        let room = |side: &[f64], up: bool| {
            if self.above.contains(&up) {
                side.iter().copied().fold(0.0, f64::max) + edge_gap
            } else {
                0.0
            }
        };
        let (above, below) = (room(&sky[0], true), room(&sky[1], false));
        Stack {
            above,
            below,
            offset,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{layered, order};
    use super::*;

    #[test]
    fn nested_loops_stack_without_overlap() {
        // 0 → 1 → 2, and loops 2 → 0 (long), 1 → 0 (short), 2 → 2 (self-loop).
        let links: Vec<Link> = [(0, 1), (1, 2), (2, 0), (1, 0), (2, 2)]
            .iter()
            .map(|&(source, target)| Link {
                source,
                target,
                value: 1.0,
            })
            .collect();
        let column = [0, 1, 2];
        let lg = layered::build(&links, &column);
        let order = order::minimise_crossings(&lg, None, &[], false, &mut |_| {});
        let loops = plan(&links, &column, &lg, &rank_position(&column, &order));
        assert_eq!(loops.links.len(), 3);
        // Shortest spans first: the self-loop, then 1 → 0, then 2 → 0.
        assert_eq!(loops.links, vec![4, 3, 2]);
        let all_above = Loops {
            above: vec![true; 3],
            ..loops
        };
        let stack = all_above.stack(3, &|_| 2.0, 1.0, 4.0);
        // 2 → 0 spans both others: outside them.
        assert_eq!(stack.offset, vec![0.0, 0.0, 3.0]);
        assert_eq!(stack.above, 4.0 + 6.0);
        assert_eq!(stack.below, 0.0);
    }
}
