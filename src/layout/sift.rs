//! Global sifting of blocks (after Bachmaier, Brandenburg, Brunner and Hübner, "Global
//! k-level crossing reduction", JGAA 15(5), 2011), weighted.
//!
//! Moving one item at a time cannot move a long band: its dummies sit in several columns and
//! moving one of them alone only adds kinks. Here a *block* is either a node or the whole
//! chain of dummies of one long link, and the columns' orders are induced by one global order
//! of the blocks. Each block in turn is taken out and tried at every place of the global
//! order; it goes where the weighted crossings are lowest. Passing the block past another one
//! only changes crossings between their own segments, so trying every place costs one pass
//! over the blocks that share a column with it.

use super::layered::{Layered, Order};

/// A node, or the dummies of one long link (one per column, left to right).
#[derive(Debug, Clone)]
struct Block {
    first: usize,
    items: Vec<usize>,
}

impl Block {
    fn last(&self) -> usize {
        self.first + self.items.len() - 1
    }

    fn spans(&self, c: usize) -> bool {
        c >= self.first && c <= self.last()
    }
}

/// An end of one of the moving block's segments, in the column next to it: at a fixed coded
/// position (another block's item), or at the moving block's own slot in column `first + k`.
#[derive(Clone, Copy)]
enum OwnEnd {
    Fixed(usize),
    Slot(usize),
}

pub(super) struct Sifter<'a> {
    lg: &'a Layered,
    blocks: Vec<Block>,
    block_of: Vec<usize>,
    /// The moving block's segment ends with their weights, found once per sift: those of its
    /// item in column `first + k` on the left side are `own[own_start[2k]..own_start[2k + 1]]`,
    /// then those on the right side.
    own: Vec<(OwnEnd, f64)>,
    own_start: Vec<usize>,
    /// Scratch: ends of the block passed.
    theirs: Vec<(usize, f64)>,
    /// What the last sift expected to gain.
    last_gain: f64,
    /// Elementary steps done so far (deterministic, for the budget).
    pub work: f64,
}

impl<'a> Sifter<'a> {
    pub fn new(lg: &'a Layered) -> Self {
        let mut blocks: Vec<Block> = (0..lg.nodes)
            .map(|v| Block {
                first: lg.col[v],
                items: vec![v],
            })
            .collect();
        for segs in &lg.link_segs {
            let items: Vec<usize> = segs.clone().skip(1).map(|s| lg.segs[s].left).collect();
            if let Some(&first) = items.first() {
                blocks.push(Block {
                    first: lg.col[first],
                    items,
                });
            }
        }
        let mut block_of = vec![0; lg.items()];
        for (b, block) in blocks.iter().enumerate() {
            for &v in &block.items {
                block_of[v] = b;
            }
        }
        Sifter {
            lg,
            blocks,
            block_of,
            own: Vec::new(),
            own_start: Vec::new(),
            theirs: Vec::new(),
            last_gain: 0.0,
            work: 0.0,
        }
    }

    /// Work of one round (every block sifted once), roughly; known before building the
    /// sifter, which on large graphs (where it is not used) takes a few milliseconds.
    pub fn round_work(lg: &Layered) -> f64 {
        // A block per node and per link with dummies.
        let blocks = lg.nodes + lg.link_segs.iter().filter(|s| s.len() > 1).count();
        let b = blocks as f64;
        b * b * 2.0 + b * lg.segs.len() as f64 * 0.5
    }

    /// Sifts every block once, `rounds` times; returns the new order (its column orders are
    /// induced by a global block order, so chains of dummies never cross each other).
    pub fn run(&mut self, order: &Order, rounds: usize) -> Order {
        let mut global = self.global_order(order);
        let mut order = self.induce(&global, order.pos.len());
        for _ in 0..rounds {
            let mut moved = false;
            for b in global.clone() {
                moved |= self.sift(&mut global, &mut order, b);
            }
            if !moved {
                break;
            }
        }
        order
    }

    /// A global order of the blocks close to `order`: by mean relative position.
    fn global_order(&self, order: &Order) -> Vec<usize> {
        let key = |b: &Block| {
            let sum: f64 = b
                .items
                .iter()
                .map(|&v| {
                    let len = order.layers[self.lg.col[v]].len() as f64;
                    (order.pos[v] as f64 + 0.5) / len
                })
                .sum();
            sum / b.items.len() as f64
        };
        // Each key once, not twice per comparison.
        let keys: Vec<f64> = self.blocks.iter().map(key).collect();
        let mut global: Vec<usize> = (0..self.blocks.len()).collect();
        crate::util::sort::by(&mut global[..], |&a, &b| {
            keys[a].total_cmp(&keys[b]).then(a.cmp(&b))
        });
        global
    }

    fn induce(&self, global: &[usize], items: usize) -> Order {
        let mut layers: Vec<Vec<usize>> = vec![Vec::new(); self.lg.columns];
        for &b in global {
            let block = &self.blocks[b];
            for (k, &v) in block.items.iter().enumerate() {
                layers[block.first + k].push(v);
            }
        }
        let mut pos = vec![0; items];
        for layer in &layers {
            for (i, &v) in layer.iter().enumerate() {
                pos[v] = i;
            }
        }
        Order { layers, pos }
    }

    /// Moves block `b` to its best place in the global order; whether it moved.
    fn sift(&mut self, global: &mut Vec<usize>, order: &mut Order, b: usize) -> bool {
        let block = self.blocks[b].clone();
        let from = global.iter().position(|&x| x == b).unwrap_or(0);
        self.work += 2.0 * global.len() as f64;
        global.remove(from);
        // Take the block out of its columns: positions are now those of the others.
        let mut original = Vec::with_capacity(block.items.len());
        for (k, &v) in block.items.iter().enumerate() {
            let c = block.first + k;
            let i = order.pos[v];
            original.push(i);
            order.layers[c].remove(i);
            for (j, &u) in order.layers[c].iter().enumerate().skip(i) {
                order.pos[u] = j;
            }
        }
        self.find_own_ends(&block, order);
        // The block's slot in each of its columns, starting at the top.
        let mut slot = vec![0usize; block.items.len()];
        let (mut best, mut best_slot, mut best_cost) = (0, slot.clone(), 0.0f64);
        let mut cost = 0.0;
        let mut stay = None;
        for (p, &x) in global.iter().enumerate() {
            if p == from {
                stay = Some(cost);
            }
            let other = &self.blocks[x];
            let lo = block.first.max(other.first);
            let hi = block.last().min(other.last());
            if lo > hi {
                continue;
            }
            cost += self.pass(&block, &slot, order, x, lo, hi);
            for c in lo..hi + 1 {
                slot[c - block.first] += 1;
            }
            if cost < best_cost - 1e-12 * best_cost.abs() {
                best = p + 1;
                best_cost = cost;
                best_slot.clone_from(&slot);
            }
        }
        let stay = stay.unwrap_or(cost);
        let moved = best_cost < stay - 1e-9 * stay.abs().max(best_cost.abs());
        self.last_gain = stay - best_cost;
        let (at, slots) = if moved {
            (best, best_slot)
        } else {
            (from, original)
        };
        global.insert(at, b);
        for (k, &v) in block.items.iter().enumerate() {
            let c = block.first + k;
            order.layers[c].insert(slots[k], v);
            for (j, &u) in order.layers[c].iter().enumerate().skip(slots[k]) {
                order.pos[u] = j;
            }
        }
        moved
    }

    /// Change in crossings when the moving block goes from above block `x` to below it, in
    /// the columns `lo..=hi` both span.
    fn pass(
        &mut self,
        block: &Block,
        slot: &[usize],
        order: &Order,
        x: usize,
        lo: usize,
        hi: usize,
    ) -> f64 {
        let lg = self.lg;
        let other = &self.blocks[x];
        let mut delta = 0.0;
        // `lo..hi + 1`, not `lo..=hi`: an inclusive range's iterator is slower in hot loops.
        for c in lo..hi + 1 {
            for left in [true, false] {
                let Some(next) = (if left { c.checked_sub(1) } else { Some(c + 1) }) else {
                    continue;
                };
                if next >= lg.columns || (block.spans(next) && other.spans(next)) {
                    continue; // both swap there too: their mutual crossings stay
                }
                // Ends in column `next`, coded 2·index + 1 for others, 2·slot for the block.
                let side = 2 * (c - block.first) + usize::from(!left);
                let starts = &self.own_start[..];
                let mine = &self.own[..][starts[side]..starts[side + 1]];
                let mut theirs = std::mem::take(&mut self.theirs);
                self.ends(
                    block,
                    slot,
                    order,
                    other.items[c - other.first],
                    left,
                    &mut theirs,
                );
                self.work += (4 + mine.len() * theirs.len()) as f64;
                for &(end, wa) in mine {
                    let a = match end {
                        OwnEnd::Fixed(code) => code,
                        OwnEnd::Slot(k) => 2 * slot[k],
                    };
                    for &(t, wt) in &theirs {
                        // Above: crossing when our end is below theirs; below: when above.
                        if a > t {
                            delta -= wa * wt;
                        } else if a < t {
                            delta += wa * wt;
                        }
                    }
                }
                self.theirs = theirs;
            }
        }
        delta
    }

    /// Fills `own` and `own_start` for `block`, out of `order`: the positions of the other
    /// blocks' items stay put while it is tried at every place, its own slots do not.
    /// The same walk as [`Sifter::ends`], kept apart on purpose: `ends` runs for every block
    /// passed, and sharing one iterator of `OwnEnd`s with it made sifting 14 % slower.
    fn find_own_ends(&mut self, block: &Block, order: &Order) {
        let lg = self.lg;
        let me = self.block_of[block.items[0]];
        self.own.clear();
        self.own_start.clear();
        for &v in &block.items {
            for left in [true, false] {
                self.own_start.push(self.own.len());
                let segs = if left {
                    lg.in_segs.of(v)
                } else {
                    lg.out_segs.of(v)
                };
                for &s in segs {
                    let seg = &lg.segs[s];
                    let u = if left { seg.left } else { seg.right };
                    let end = if self.block_of[u] == me {
                        OwnEnd::Slot(lg.col[u] - block.first)
                    } else {
                        OwnEnd::Fixed(2 * order.pos[u] + 1)
                    };
                    self.own.push((end, seg.weight));
                }
            }
        }
        self.own_start.push(self.own.len());
    }

    /// The coded positions and weights of item `v`'s segments' other ends on one side.
    fn ends(
        &self,
        block: &Block,
        slot: &[usize],
        order: &Order,
        v: usize,
        left: bool,
        out: &mut Vec<(usize, f64)>,
    ) {
        let lg = self.lg;
        let me = self.block_of[block.items[0]];
        out.clear();
        let segs = if left {
            lg.in_segs.of(v)
        } else {
            lg.out_segs.of(v)
        };
        // Slices, not `Vec`s, in the loop (see `layered::Lists::of`).
        let (all, block_of, col, pos) = (
            &lg.segs[..],
            &self.block_of[..],
            &lg.col[..],
            &order.pos[..],
        );
        for &s in segs {
            let seg = &all[s];
            let u = if left { seg.left } else { seg.right };
            let code = if block_of[u] == me {
                2 * slot[col[u] - block.first]
            } else {
                2 * pos[u] + 1
            };
            out.push((code, seg.weight));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{columns, cycles, layered, order, sanitise};
    use super::*;
    use crate::benchmark::report as bench;

    /// Every sift gains exactly what it expected, measured by counting.
    #[test]
    fn sifting_predicts_its_gain() {
        for seed in 0..4 {
            let graph = bench::random_graph(30, 70, seed);
            let links = sanitise(&graph);
            let rank = cycles::acyclic_rank(graph.nodes.len(), &links);
            let column = columns::assign(graph.nodes.len(), &links, &rank);
            let lg = layered::build(&links, &column);
            let mut sifter = Sifter::new(&lg);
            let start = order::minimise_crossings(&lg, None, &[], false, &mut |_| {});
            let mut global = sifter.global_order(&start);
            let mut ord = sifter.induce(&global, start.pos.len());
            let mut moves = 0;
            for b in global.clone() {
                let before = order::count(&lg, &ord).weighted;
                let moved = sifter.sift(&mut global, &mut ord, b);
                let after = order::count(&lg, &ord).weighted;
                let gain = if moved { sifter.last_gain } else { 0.0 };
                moves += usize::from(moved);
                assert!(
                    ((before - after) - gain).abs() <= 1e-6 * before.max(1.0),
                    "seed {seed} block {b}: expected {gain}, got {}",
                    before - after
                );
            }
            assert!(moves > 0);
        }
    }
}
