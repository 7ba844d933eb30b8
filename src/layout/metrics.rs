//! Measuring a finished layout: weighted crossings, as in `shared/benchmarks/README.md`.
//!
//! Each forward band is cut at its stations into one segment per column gap; for every pair
//! of segments in the same gap whose ends are in opposite vertical order, add the product of
//! the two links' values (and count one crossing). Measured on the geometry itself, so it
//! applies to any layout of the same graph. Loops (bands with a lane) run around the diagram
//! and are not counted; the benchmark graphs have none.

use super::{Graph, Layout};

/// Weighted crossings and the number of crossing pairs.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Crossings {
    pub weighted: f64,
    pub count: u64,
}

/// The crossings of `layout`, a layout of `graph`.
pub fn crossings(graph: &Graph, layout: &Layout) -> Crossings {
    // Per gap: (y at the left end, y at the right end, value).
    let mut gaps: Vec<Vec<(f64, f64, f64)>> = vec![Vec::new(); layout.columns.saturating_sub(1)];
    for (link, band) in graph.links.iter().zip(&layout.bands) {
        if band.loop_lane.is_some() {
            continue;
        }
        let value = if link.value.is_finite() && link.value > 0.0 {
            link.value
        } else {
            0.0
        };
        let mut ys = vec![band.source_y];
        ys.extend(band.via.iter().map(|s| s.y));
        ys.push(band.target_y);
        let first = layout.nodes[link.source].column;
        for (k, pair) in ys.windows(2).enumerate() {
            if let Some(gap) = gaps.get_mut(first + k) {
                gap.push((pair[0], pair[1], value));
            }
        }
    }
    gaps.into_iter().fold(Crossings::default(), |acc, gap| {
        let c = inversions(gap);
        Crossings {
            weighted: acc.weighted + c.weighted,
            count: acc.count + c.count,
        }
    })
}

/// Weighted pairs (a, b) with a's left end strictly above b's and its right end strictly below.
fn inversions(mut segs: Vec<(f64, f64, f64)>) -> Crossings {
    crate::util::sort::by(&mut segs[..], |a, b| {
        a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1))
    });
    let mut rights: Vec<f64> = segs.iter().map(|s| s.1).collect();
    crate::util::sort::by(&mut rights[..], f64::total_cmp);
    rights.dedup();
    let n = rights.len();
    // Fenwick trees over right ends in reverse order: a prefix sums the ends strictly below.
    let (mut weight, mut number) = (vec![0.0; n + 1], vec![0u64; n + 1]);
    let mut out = Crossings::default();
    let mut i = 0;
    while i < segs.len() {
        // Segments with the same left end never cross each other: count the group first.
        let mut j = i;
        while j < segs.len() && segs[j].0 == segs[i].0 {
            j += 1;
        }
        for &(_, r, w) in &segs[i..j] {
            let rank = rights.partition_point(|&x| x < r);
            let mut k = n - 1 - rank;
            let (mut sw, mut sn) = (0.0, 0);
            while k > 0 {
                sw += weight[k];
                sn += number[k];
                k &= k - 1;
            }
            out.weighted += w * sw;
            out.count += sn;
        }
        for &(_, r, w) in &segs[i..j] {
            let rank = rights.partition_point(|&x| x < r);
            let mut k = n - rank;
            while k <= n {
                weight[k] += w;
                number[k] += 1;
                k += k & k.wrapping_neg();
            }
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_opposite_orders_only() {
        let c = inversions(vec![(0.0, 10.0, 2.0), (5.0, 1.0, 3.0), (7.0, 20.0, 1.0)]);
        assert_eq!(
            c,
            Crossings {
                weighted: 6.0,
                count: 1
            }
        );
        // Equal ends do not cross.
        let c = inversions(vec![(0.0, 1.0, 2.0), (0.0, 0.0, 3.0), (1.0, 1.0, 1.0)]);
        assert_eq!(
            c,
            Crossings {
                weighted: 0.0,
                count: 0
            }
        );
    }
}
