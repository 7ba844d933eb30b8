//! Columns: longest path from the sources, sinks justified to the last column.
//!
//! Over the links that [`super::cycles`] keeps forward (an acyclic graph), each node goes one
//! column right of its furthest giver (its longest path from a source), as d3-sankey's
//! depth. Then, as d3-sankey's default `sankeyJustify`, the nodes that only receive go to the
//! last column, so every end use lines up on the right. Nodes with no forward link at all
//! (isolated, or whose links all run backwards) stay in column 0.
//!
//! This gives the column assignment of the published benchmark figures (on `wri.json`:
//! sources in column 0, the four gases in column 3, 5/17/29/4 items per column once long
//! links are split), so the crossing figures compare.

use super::Link;

/// The column of each node. Links `s → t` with `rank[s] < rank[t]` are the forward ones.
pub(super) fn assign(n: usize, links: &[Link], rank: &[usize]) -> Vec<usize> {
    let forward = |l: &Link| rank[l.source] < rank[l.target];
    let mut by_rank: Vec<usize> = (0..n).collect();
    crate::util::sort::by_key(&mut by_rank[..], |&v| rank[v]);
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut has_in = vec![false; n];
    for l in links.iter().filter(|l| forward(l)) {
        out[l.source].push(l.target);
        has_in[l.target] = true;
    }
    // Longest path: visiting in rank order visits every giver before its receivers.
    let mut column = vec![0usize; n];
    for &v in &by_rank {
        for &t in &out[v] {
            column[t] = column[t].max(column[v] + 1);
        }
    }
    let last = column.iter().copied().max().unwrap_or(0);
    for v in 0..n {
        if out[v].is_empty() && has_in[v] {
            column[v] = last;
        }
    }
    column
}

/// Columns given by a global order, without the empty ones: `[0, 2, 2, 5]` → `[0, 1, 1, 2]`.
pub(super) fn compress(given: &[usize]) -> Vec<usize> {
    let mut used: Vec<usize> = given.to_vec();
    crate::util::sort::by_key(&mut used[..], |&c| c);
    used.dedup();
    given
        .iter()
        .map(|c| used.binary_search(c).unwrap_or(0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(list: &[(usize, usize)]) -> Vec<Link> {
        list.iter()
            .map(|&(source, target)| Link {
                source,
                target,
                value: 1.0,
            })
            .collect()
    }

    #[test]
    fn longest_path_with_sinks_on_the_right() {
        // 0 → 1 → 2 → 3, 0 → 4 (a sink), 5 isolated.
        let l = links(&[(0, 1), (1, 2), (2, 3), (0, 4)]);
        let rank: Vec<usize> = (0..6).collect();
        assert_eq!(assign(6, &l, &rank), vec![0, 1, 2, 3, 3, 0]);
    }

    #[test]
    fn given_columns_lose_the_empty_ones() {
        assert_eq!(compress(&[0, 2, 2, 5]), vec![0, 1, 1, 2]);
        assert_eq!(compress(&[]), Vec::<usize>::new());
    }

    #[test]
    fn backward_links_do_not_push_columns() {
        // 0 → 1 → 2 and 2 → 0 running back.
        let l = links(&[(0, 1), (1, 2), (2, 0)]);
        assert_eq!(assign(3, &l, &[0, 1, 2]), vec![0, 1, 2]);
    }
}
