//! The vertical scale: how many pixels a unit of value is, and the gaps.
//!
//! A band is `max(value × ky, min_band)` thick; a node is as tall as the larger of
//! its incoming and outgoing stacks. We take the largest `ky` for which every column (nodes,
//! the bands passing between them, and the gaps) plus the loop lanes above and below fit in
//! the height. The fixed part (gaps and `min_band`) is kept to two thirds of the height at
//! most, so that values always get a third: beyond that the padding shrinks first, then
//! `min_band`. Gaps: `node_padding` between two nodes, half of it between a node and a band
//! passing by, a quarter between two bands passing by and between loop lanes.
//!

use super::layered::{Layered, Order};
use super::loops::{Loops, Stack};
use super::{LayoutOptions, Link};

/// Fraction of the height that gaps and minimum thicknesses may take before they shrink.
const FIXED_SHARE: f64 = 2.0 / 3.0;
/// The vertical scale and the gaps, as fitted to the extent.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Scale {
    /// Pixels per unit of value.
    pub ky: f64,
    pub min_band: f64,
    /// Gap between two nodes of a column (`node_padding`, unless it had to shrink).
    pub padding: f64,
    /// Where the loop lanes go.
    pub stack: Stack,
    /// The diagram (nodes and forward bands) lies in `top..=bottom`; lanes outside.
    pub top: f64,
    pub bottom: f64,
}

impl Scale {
    pub fn band(&self, value: f64) -> f64 {
        band(value, self.ky, self.min_band)
    }

    /// Gap between two consecutive items of a column.
    pub fn gap(&self, a_dummy: bool, b_dummy: bool) -> f64 {
        gap(self.padding, a_dummy, b_dummy)
    }

    pub fn lane_gap(&self) -> f64 {
        self.padding / 4.0
    }

    pub fn edge_gap(&self) -> f64 {
        self.padding / 2.0
    }
}

fn band(value: f64, ky: f64, min_band: f64) -> f64 {
    (value * ky).max(min_band)
}

fn gap(padding: f64, a_dummy: bool, b_dummy: bool) -> f64 {
    match (a_dummy, b_dummy) {
        (false, false) => padding,
        (true, true) => padding / 4.0,
        _ => padding / 2.0,
    }
}

/// Fits the scale, the padding and `min_band` to the height (see the module doc).
pub(super) fn fit_scale(
    o: &LayoutOptions,
    links: &[Link],
    lg: &Layered,
    order: &Order,
    loops: &Loops,
) -> Scale {
    let h = o.height;
    let fit = Fit::new(links, lg, order, loops);
    let (mut padding, mut min_band) = (o.node_padding, o.min_band);
    let room = h * FIXED_SHARE;
    let fits = |min_band: f64, padding: f64| fit.required(0.0, min_band, padding) <= room;
    if !fits(min_band, padding) {
        if fits(min_band, 0.0) {
            padding = convex_max(0.0, padding, room, |p| fit.required(0.0, min_band, p));
        } else {
            // Even without padding it does not fit: searching the padding would only
            // halve it towards 0 (up to 64 evaluations on a large graph).
            padding = 0.0;
            min_band = convex_max(0.0, min_band, room, |m| fit.required(0.0, m, 0.0));
        }
    }
    let max_value = links.iter().map(|l| l.value).fold(0.0, f64::max);
    let ky = if max_value > 0.0 {
        // At h / max_value the heaviest band alone is as tall as the extent.
        convex_max(0.0, h / max_value, h, |ky| {
            fit.required(ky, min_band, padding)
        })
    } else {
        0.0
    };
    // A fixed scale (small multiples) never exceeds what fits: the layout stays in its extent.
    let ky = o.value_px.map_or(ky, |fixed| fixed.min(ky));
    let stack = fit.stack(ky, min_band, padding);
    Scale {
        ky,
        min_band,
        padding,
        top: stack.above,
        bottom: h - stack.below,
        stack,
    }
}

/// The largest x in `[lo, hi]` with `f(x) <= target` (to a relative 1e-10), given
/// `f(lo) <= target` and `f` convex and non-decreasing, as the height required is in each
/// of the scale, the padding and `min_band` (sums and maxima of `max(a·x + b, c)`).
///
/// Convexity gives both bounds cheaply: the chord from a feasible point to an infeasible
/// one lies above `f`, so where it meets `target` is feasible; the line through two feasible
/// points lies below `f` beyond them, so where it meets `target` is not. On a
/// piecewise-linear `f` they close in within a few evaluations (bisection when they stall),
/// where bisection alone takes about 34. Every point is tested, so the answer is feasible
/// even where rounding bends `f`.
fn convex_max(lo: f64, hi: f64, target: f64, f: impl Fn(f64) -> f64) -> f64 {
    let (mut hi, mut f_hi) = (hi, f(hi));
    if f_hi <= target {
        return hi;
    }
    let (mut lo, mut f_lo) = (lo, f(lo));
    let mut before: Option<(f64, f64)> = None; // the feasible point found before `lo`
    for step in 0..64 {
        if hi - lo <= 1e-10 * hi {
            break;
        }
        let chord = lo + (target - f_lo) * (hi - lo) / (f_hi - f_lo);
        let beyond = before
            .filter(|&(_, fx)| f_lo > fx)
            .map(|(x, fx)| lo + (target - f_lo) * (lo - x) / (f_lo - fx));
        // Alternate the two guesses, halving when one falls outside. A line through two
        // feasible points that meets `target` at `lo` says `lo` is the answer: probe just
        // past it, which ends the search if so.
        let tol = 0.5e-10 * hi;
        let mid = 0.5 * (lo + hi);
        let x = if step % 2 == 0 {
            Some(chord).filter(|&x| x > lo && x < hi).unwrap_or(mid)
        } else {
            match beyond {
                Some(x) if x <= lo + tol => lo + tol,
                Some(x) if x < hi => x,
                _ => mid,
            }
        };
        let fx = f(x);
        if fx <= target {
            before = Some((lo, f_lo));
            (lo, f_lo) = (x, fx);
        } else {
            (hi, f_hi) = (x, fx);
        }
    }
    lo
}

/// What the height requirement depends on, gathered once.
struct Fit<'a> {
    links: &'a [Link],
    lg: &'a Layered,
    loops: &'a Loops,
    /// Per column: the number of node–node, node–dummy and dummy–dummy neighbours.
    pairs: Vec<[f64; 3]>,
    /// Per column: the values of the bands passing by, ascending, and their prefix sums.
    passing: Vec<(Vec<f64>, Vec<f64>)>,
}

impl<'a> Fit<'a> {
    fn new(links: &'a [Link], lg: &'a Layered, order: &Order, loops: &'a Loops) -> Self {
        let pairs = order
            .layers
            .iter()
            .map(|layer| {
                let mut p = [0.0; 3];
                for w in layer.windows(2) {
                    p[usize::from(lg.is_dummy(w[0])) + usize::from(lg.is_dummy(w[1]))] += 1.0;
                }
                p
            })
            .collect();
        // Links by value, then each link's value pushed to the columns its dummies are in:
        // every column's list comes out sorted without sorting ~120,000 values column by
        // column on large graphs.
        let mut by_value: Vec<usize> = (0..links.len()).collect();
        crate::util::sort::by(&mut by_value[..], |&a, &b| {
            links[a].value.total_cmp(&links[b].value)
        });
        let mut values: Vec<Vec<f64>> = vec![Vec::new(); lg.columns];
        for l in by_value {
            let segs = &lg.segs[lg.link_segs[l].clone()];
            // Every segment but the last ends at a dummy.
            for seg in segs.iter().take(segs.len().saturating_sub(1)) {
                values[lg.col[seg.right]].push(links[l].value);
            }
        }
        let passing = values
            .into_iter()
            .map(|v| {
                let mut sums = Vec::with_capacity(v.len() + 1);
                sums.push(0.0);
                for x in &v {
                    sums.push(sums[sums.len() - 1] + x);
                }
                (v, sums)
            })
            .collect();
        Fit {
            links,
            lg,
            loops,
            pairs,
            passing,
        }
    }

    fn stack(&self, ky: f64, min_band: f64, padding: f64) -> Stack {
        let width = |l: usize| band(self.links[l].value, ky, min_band);
        self.loops
            .stack(self.lg.columns, &width, padding / 4.0, padding / 2.0)
    }

    /// Height needed by the tallest column plus the loop lanes.
    fn required(&self, ky: f64, min_band: f64, padding: f64) -> f64 {
        let lg = self.lg;
        let n = lg.nodes;
        let (mut ins, mut outs) = (vec![0.0; n], vec![0.0; n]);
        for l in self.links {
            let w = band(l.value, ky, min_band);
            outs[l.source] += w;
            ins[l.target] += w;
        }
        let mut column = vec![0.0; lg.columns];
        for v in 0..n {
            column[lg.col[v]] += ins[v].max(outs[v]).max(min_band);
        }
        for (total, (values, sums)) in column.iter_mut().zip(&self.passing) {
            // Bands thinner than min_band at this scale count as min_band.
            let thin = if ky > 0.0 {
                values.partition_point(|&v| v * ky < min_band)
            } else {
                values.len()
            };
            *total += thin as f64 * min_band + ky * (sums[values.len()] - sums[thin]);
        }
        let tallest = column
            .iter()
            .zip(&self.pairs)
            .map(|(h, p)| {
                h + p[0] * gap(padding, false, false)
                    + p[1] * gap(padding, false, true)
                    + p[2] * gap(padding, true, true)
            })
            .fold(0.0, f64::max);
        let stack = self.stack(ky, min_band, padding);
        tallest + stack.above + stack.below
    }
}

/// Horizontal distance from a node to the nearest loop leg.
pub(super) fn leg_base(scale: &Scale) -> f64 {
    scale.padding.clamp(2.0, 8.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn convex_search_finds_the_largest_feasible_value() {
        let calls = std::cell::Cell::new(0);
        let x = convex_max(0.0, 10.0, 2.0, |x| {
            calls.set(calls.get() + 1);
            x * x
        });
        assert!((x - 2f64.sqrt()).abs() < 1e-9 && x * x <= 2.0);
        // Piecewise linear, as the height required: exact in a few evaluations.
        calls.set(0);
        let f = |x: f64| {
            calls.set(calls.get() + 1);
            (3.0 * x).max(5.0 * x - 4.0).max(1.0)
        };
        let x = convex_max(0.0, 10.0, 11.0, f);
        assert!((x - 3.0).abs() < 1e-9 && f(x) <= 11.0, "{x}");
        assert!(calls.get() <= 12, "{} evaluations", calls.get());
    }
}
