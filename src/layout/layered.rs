//! The layered graph: forward links split into one segment per column gap.
//!
//! Items are the graph's nodes (item `v` is node `v`) followed by dummies, one for each
//! intermediate column a forward link passes. A dummy is a slot the band goes through between
//! the nodes of that column: ordering and placement treat it like a node as tall as the band.
//! Links whose target is not in a later column than their source are loops and have no
//! segments.

use super::Link;
use std::ops::Range;

/// One column gap of a forward link, from an item of column `c` to one of column `c + 1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Seg {
    pub left: usize,
    pub right: usize,
    pub link: usize,
    /// What a crossing with this segment costs: the link's value (see `cycles::arc_weights`).
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Layered {
    pub columns: usize,
    /// Items `0..nodes` are the graph's nodes, the others dummies.
    pub nodes: usize,
    /// Column of each item.
    pub col: Vec<usize>,
    /// The link a dummy belongs to (`usize::MAX` for nodes).
    pub link: Vec<usize>,
    pub segs: Vec<Seg>,
    /// Per item, its segments to the next column / from the previous column.
    pub out_segs: SegLists,
    pub in_segs: SegLists,
    /// Per gap `c` (between columns `c` and `c + 1`), the segments crossing it.
    pub gap_segs: Vec<Vec<usize>>,
    /// Per link, its segments left to right (empty for loops).
    pub link_segs: Vec<Range<usize>>,
    /// Links drawn as loops, in input order.
    pub loops: Vec<usize>,
    /// Column of each node.
    pub node_col: Vec<usize>,
}

/// A list per item, all in one buffer: a `Vec` per item would be two small allocations per
/// dummy, slow to build and to walk on large graphs (a 2,000 / 10,000 graph has ~120,000
/// dummies).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Lists<T> {
    start: Vec<usize>,
    list: Vec<T>,
}

/// Each item's segments (indices into `Layered::segs`).
pub(super) type SegLists = Lists<usize>;

impl<T> Lists<T> {
    /// Item `v`'s list is what `list_of(v)` yields, in that order; `len` is their total.
    pub fn collect<I: IntoIterator<Item = T>>(
        items: usize,
        len: usize,
        mut list_of: impl FnMut(usize) -> I,
    ) -> Self {
        let mut start = Vec::with_capacity(items + 1);
        let mut list = Vec::with_capacity(len);
        for v in 0..items {
            start.push(list.len());
            list.extend(list_of(v));
        }
        start.push(list.len());
        Lists { start, list }
    }

    /// Indexes slices, not the `Vec`s: in the size-optimised wasm a `Vec` index is a call,
    /// which the browser's baseline compiler (running the first layout) makes costly.
    pub fn of(&self, item: usize) -> &[T] {
        let start = &self.start[..];
        &self.list.as_slice()[start[item]..start[item + 1]]
    }
}

impl SegLists {
    /// Segment `s` goes to the list of item `owner(s)`; each list keeps segments in order.
    fn group(items: usize, segs: &[Seg], owner: impl Fn(&Seg) -> usize) -> Self {
        let mut start = vec![0; items + 1];
        for seg in segs {
            start[owner(seg) + 1] += 1;
        }
        for v in 0..items {
            start[v + 1] += start[v];
        }
        let mut next = start.clone();
        let mut list = vec![0; segs.len()];
        for (s, seg) in segs.iter().enumerate() {
            let v = owner(seg);
            list[next[v]] = s;
            next[v] += 1;
        }
        Lists { start, list }
    }
}

impl Layered {
    pub fn items(&self) -> usize {
        self.col.len()
    }

    pub fn is_dummy(&self, item: usize) -> bool {
        item >= self.nodes
    }
}

pub(super) fn build(links: &[Link], column: &[usize]) -> Layered {
    let n = column.len();
    let columns = column.iter().max().map_or(0, |c| c + 1);
    let weight = super::cycles::arc_weights(links);
    let mut col = column.to_vec();
    let mut link_of = vec![usize::MAX; n];
    let mut segs = Vec::new();
    let mut link_segs = Vec::with_capacity(links.len());
    let mut loops = Vec::new();
    for (i, l) in links.iter().enumerate() {
        let (cs, ct) = (column[l.source], column[l.target]);
        if cs >= ct {
            loops.push(i);
            link_segs.push(segs.len()..segs.len());
            continue;
        }
        let first = segs.len();
        let mut prev = l.source;
        for c in cs + 1..=ct {
            let next = if c == ct {
                l.target
            } else {
                col.push(c);
                link_of.push(i);
                col.len() - 1
            };
            segs.push(Seg {
                left: prev,
                right: next,
                link: i,
                weight: weight[i],
            });
            prev = next;
        }
        link_segs.push(first..segs.len());
    }
    let items = col.len();
    let out_segs = SegLists::group(items, &segs, |seg| seg.left);
    let in_segs = SegLists::group(items, &segs, |seg| seg.right);
    let mut gap_segs = vec![Vec::new(); columns.saturating_sub(1)];
    for (s, seg) in segs.iter().enumerate() {
        gap_segs[col[seg.left]].push(s);
    }
    Layered {
        columns,
        nodes: n,
        col,
        link: link_of,
        segs,
        out_segs,
        in_segs,
        gap_segs,
        link_segs,
        loops,
        node_col: column.to_vec(),
    }
}

/// Items of each column, top to bottom, and each item's position in its column.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Order {
    pub layers: Vec<Vec<usize>>,
    pub pos: Vec<usize>,
}

impl Order {
    pub(super) fn new(layers: Vec<Vec<usize>>, items: usize) -> Order {
        let mut pos = vec![0; items];
        for layer in &layers {
            for (i, &v) in layer.iter().enumerate() {
                pos[v] = i;
            }
        }
        Order { layers, pos }
    }

    pub(super) fn renumber(&mut self, c: usize) {
        let pos = &mut self.pos[..];
        for (i, &v) in self.layers[c].iter().enumerate() {
            pos[v] = i;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_links_get_one_dummy_per_intermediate_column() {
        let links = [
            Link {
                source: 0,
                target: 1,
                value: 1.0,
            },
            Link {
                source: 0,
                target: 2,
                value: 2.0,
            },
            Link {
                source: 2,
                target: 0,
                value: 1.0,
            },
        ];
        let lg = build(&links, &[0, 3, 3]);
        assert_eq!(lg.columns, 4);
        assert_eq!(lg.items(), 3 + 4);
        assert_eq!(lg.loops, vec![2]);
        assert_eq!(lg.link_segs[0].len(), 3);
        assert_eq!(lg.link_segs[2].len(), 0);
        let chain: Vec<usize> = lg.link_segs[1].clone().map(|s| lg.segs[s].right).collect();
        assert_eq!(chain, vec![5, 6, 2]);
        assert_eq!(
            lg.gap_segs.iter().map(Vec::len).collect::<Vec<_>>(),
            vec![2, 2, 2]
        );
        // Each item's segment lists, in segment order: node 0 leaves by the first segment of
        // each link (0 and 3), and each target is entered by its link's last.
        assert_eq!(lg.out_segs.of(0), &[0, 3]);
        assert_eq!(lg.in_segs.of(1), &[2]);
        assert_eq!(lg.in_segs.of(2), &[5]);
        for v in 0..lg.items() {
            for &s in lg.out_segs.of(v) {
                assert_eq!(lg.segs[s].left, v);
            }
            for &s in lg.in_segs.of(v) {
                assert_eq!(lg.segs[s].right, v);
            }
        }
        let listed: usize = (0..lg.items()).map(|v| lg.out_segs.of(v).len()).sum();
        assert_eq!(listed, lg.segs.len());
    }
}
