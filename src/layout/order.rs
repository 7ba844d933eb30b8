//! Ordering the columns to minimise weighted crossings.
//!
//! The objective is the benchmarks' metric: over each column gap, Σ wₐ·w_b for every pair of
//! segments whose ends are in opposite order, w being the links' values. Segments sharing an
//! end never cross, because [`super::route`] stacks the bands at each item in the order of
//! their other ends; so the count here is exactly the count of the drawn layout.
//!
//! Method (deterministic):
//! - *Starts*: depth-first from the left column, input order, then seeded shuffles; each
//!   refined by sweeps of *weighted* barycentres (an item goes to the value-weighted mean
//!   position of its neighbours in the column just fixed), keeping the best sweep.
//! - *Polish*: column by column, left to right and back, the column's order is improved
//!   with its neighbours fixed. That one-column problem is a linear ordering problem: the
//!   cost of `a` above `b` depends only on the neighbours' positions, so we tabulate it for
//!   every pair and move items to their best positions (insertion local search) until none
//!   helps. Columns too large for the table (over 400 items) use adjacent swaps instead.
//!   Only columns next to a change are looked at again; the total never rises.
//! - *Global sifting* (`sift.rs`): a node, or a long link's whole chain of dummies, is moved
//!   as one block to its best place, which single-item moves cannot do; then polish again.
//! - *Kicks* (iterated local search) from the best few starts: a few items moved at random,
//!   half of the time followed by barycentre sweeps that spread the change, then polished;
//!   the result is kept if it is no worse. An order without crossings is not kicked.
//! - The best order by weighted crossings, then crossings, wins.
//!
//! Work is counted in elementary steps (never timed), so the result is deterministic. The
//! search stops when it stops paying: starts after [`START_PATIENCE`] in a row found nothing
//! better, a run of kicks after [`KICK_PATIENCE`] kicks in a row did not improve it (its
//! unused share goes to the next run). The budget caps both: [`BUDGET`] up to
//! [`BUDGET_KNEE`] items + segments, then falling as the inverse square of the size, because
//! large graphs' steps cost more (memory) and their time must stay near linear. Whatever the
//! budget, the first start gets its barycentre sweeps (about [`FIRST_START_WORK`] per unit
//! of size); sifting is skipped when its rounds would not fit in half the budget.
//!
//! Measured (`layout-bench`): the small benchmarks need about 1.5 million steps to reach
//! the figures in the module doc of `layout`; with 1.2 million wri falls back to 281 and
//! energy to 340,000, hence the budget of 2 million.

use super::layered::{Layered, Lists, Order};
use super::rng::XorShift;
use super::sift::Sifter;
use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// What the order must keep within a column: the ranks of a global order shared by several
/// views (every pair of nodes, unless refining), and the editor's pins (pairs of nodes, one
/// above the other whenever they share a column; always). Dummies are free. Every move of the
/// search either keeps these (insertion, swaps) or is followed by [`Pinned::keep`], which puts
/// the column's constrained items back in order in the slots they hold.
#[derive(Debug, Clone)]
struct Pinned {
    /// Per item, its rank (`usize::MAX` for a dummy, or for every item without a global order).
    rank: Vec<usize>,
    ranked: bool,
    /// Pins, transitively closed: `(a, b)` puts node `a` above node `b`.
    above: HashSet<(usize, usize)>,
    /// Per item, whether a pin names it.
    in_pin: Vec<bool>,
    scratch: std::cell::RefCell<Vec<usize>>,
}

impl Pinned {
    fn new(lg: &Layered, rank: Option<&[usize]>, pins: &[(usize, usize)]) -> Pinned {
        let mut ranks = vec![usize::MAX; lg.items()];
        if let Some(rank) = rank {
            for (v, r) in ranks.iter_mut().enumerate().take(lg.nodes) {
                // A node the rank does not cover goes below the ranked ones, in input order.
                *r = rank.get(v).copied().unwrap_or(usize::MAX / 2 + v);
            }
        }
        let above = closure(lg.nodes, pins);
        let mut in_pin = vec![false; lg.items()];
        for &(a, b) in &above {
            in_pin[a] = true;
            in_pin[b] = true;
        }
        Pinned {
            rank: ranks,
            ranked: rank.is_some(),
            above,
            in_pin,
            scratch: Default::default(),
        }
    }

    fn is_ranked(&self, v: usize) -> bool {
        self.rank[v] != usize::MAX
    }

    /// Whether a pin orders `u` and `v`.
    fn hard(&self, u: usize, v: usize) -> bool {
        self.in_pin[u]
            && self.in_pin[v]
            && (self.above.contains(&(u, v)) || self.above.contains(&(v, u)))
    }

    /// Whether `u` may not pass `v` in the search (refining passes ranks, never pins).
    fn blocks(&self, u: usize, v: usize) -> bool {
        (self.is_ranked(u) && self.is_ranked(v)) || self.hard(u, v)
    }

    /// Column `c`'s ranked items put back in rank order, then its pinned ones in pin order,
    /// each in the slots they hold.
    fn keep(&self, order: &mut Order, c: usize) {
        let mut items = self.scratch.borrow_mut();
        if self.ranked {
            items.clear();
            items.extend(
                order.layers[c]
                    .iter()
                    .copied()
                    .filter(|&v| self.is_ranked(v)),
            );
            // Ranks are distinct, but ties would still sort by item: deterministic either way.
            crate::util::sort::by_key(&mut items[..], |&v| (self.rank[v], v));
            let mut next = items.iter();
            for slot in order.layers[c].iter_mut() {
                if self.is_ranked(*slot) {
                    *slot = *next.next().unwrap_or(slot);
                }
            }
        }
        if !self.above.is_empty() {
            items.clear();
            items.extend(order.layers[c].iter().copied().filter(|&v| self.in_pin[v]));
            repair(&mut items[..], &self.above);
            let mut next = items.iter();
            for slot in order.layers[c].iter_mut() {
                if self.in_pin[*slot] {
                    *slot = *next.next().unwrap_or(slot);
                }
            }
        }
        order.renumber(c);
    }

    fn keep_all(&self, order: &mut Order) {
        for c in 0..order.layers.len() {
            self.keep(order, c);
        }
    }
}

/// The pins `(a, b)` (node `a` above node `b`) closed under transitivity: a chain `a` above
/// `b` above `c` puts `a` above `c` too, which matters when `b` is not in their column.
pub(super) fn closure(nodes: usize, pins: &[(usize, usize)]) -> HashSet<(usize, usize)> {
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); nodes];
    for &(a, b) in pins {
        if a < nodes && b < nodes && a != b {
            next[a].push(b);
        }
    }
    let mut above = HashSet::new();
    let mut stack = Vec::new();
    for a in (0..nodes).filter(|&a| !next[a].is_empty()) {
        stack.clear();
        stack.extend(next[a].iter().copied());
        while let Some(b) = stack.pop() {
            if b != a && above.insert((a, b)) {
                stack.extend(next[b].iter().copied());
            }
        }
    }
    above
}

/// `items` in an order that keeps every pin among them, as near their order as can be: each
/// time, the first item that no remaining item must be above. A cycle of pins (which
/// validation refuses) is broken at its first item rather than looping. O(k²) for k items.
pub(super) fn repair(items: &mut [usize], above: &HashSet<(usize, usize)>) {
    let k = items.len();
    if k < 2 || above.is_empty() {
        return;
    }
    let mut waiting = vec![0usize; k];
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); k];
    for (i, &a) in items.iter().enumerate() {
        for (j, &b) in items.iter().enumerate() {
            if i != j && above.contains(&(a, b)) {
                next[i].push(j);
                waiting[j] += 1;
            }
        }
    }
    let mut placed = vec![false; k];
    let mut out = Vec::with_capacity(k);
    for _ in 0..k {
        let pick = (0..k)
            .find(|&i| !placed[i] && waiting[i] == 0)
            .or_else(|| (0..k).find(|&i| !placed[i]))
            .unwrap_or(0);
        placed[pick] = true;
        out.push(items[pick]);
        for &j in &next[pick] {
            waiting[j] = waiting[j].saturating_sub(1);
        }
    }
    items.copy_from_slice(&out);
}

/// Weighted crossings, and the number of crossing pairs.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(super) struct Cost {
    pub weighted: f64,
    pub count: u64,
}

impl Cost {
    /// Strictly better, by weighted crossings (beyond rounding noise), then by count.
    pub fn better_than(self, other: Cost) -> bool {
        let tol = 1e-9 * other.weighted.abs();
        self.weighted < other.weighted - tol
            || (self.weighted <= other.weighted + tol && self.count < other.count)
    }
}

/// Work budget for a small graph, in elementary steps as counted by [`Search::work`].
const BUDGET: f64 = 2e6;
/// Size (items + segments) beyond which the budget falls as the inverse square of the size:
/// each step costs more there (memory), barycentre sweeps already do most of the good, and
/// time must stay near linear in the size.
const BUDGET_KNEE: f64 = 500.0;
/// Work per unit of size that the first start may always take, whatever the budget: its
/// barycentre sweeps and a polish.
const FIRST_START_WORK: f64 = 3.0;
/// Share of the budget after which no new start is tried (the rest goes to kicks).
const START_SHARE: f64 = 0.6;
const MAX_STARTS: usize = 32;
/// Starts in a row that did not find a better order, after which no new start is tried.
const START_PATIENCE: usize = 8;
/// Starts that kicks continue from.
const RUNS: usize = 4;
/// Kicks in a row that did not improve a run, after which the run ends.
const KICK_PATIENCE: usize = 40;
/// Barycentre sweeps from one start, and sweeps without improvement before stopping.
const MAX_SWEEPS: usize = 12;
const PATIENCE: usize = 2;
/// Largest column that gets a table of pair costs.
const TABLE_MAX: usize = 400;
/// Rounds of global sifting after each start.
const SIFT_ROUNDS: usize = 3;

/// Searches run so far by this process (see [`super::searches`]).
static SEARCHES: AtomicUsize = AtomicUsize::new(0);

pub(super) fn searches() -> usize {
    SEARCHES.load(Relaxed)
}

/// The order of least weighted crossings found; `done` is told when the search ends a part
/// ("order", or "sift" for global sifting), for the benchmark's per-step times.
///
/// With `rank` (one per node), the nodes of each column keep their rank order, lowest on top,
/// and only the dummies (the long bands' slots) are searched for; with no dummy there is
/// nothing to search and the order is returned at once. With `refine` as well, the search then
/// moves nodes against their ranks where that lowers the crossings, as long as at most one in
/// [`REFINE_SHARE`] of the pairs of nodes sharing a column is against them (Kendall τ ≥ 0.9).
/// `pins` (node `a` above node `b` wherever they share a column) are kept always.
pub(super) fn minimise_crossings(
    lg: &Layered,
    rank: Option<&[usize]>,
    pins: &[(usize, usize)],
    refine: bool,
    done: &mut dyn FnMut(&'static str),
) -> Order {
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); lg.columns];
    for v in 0..lg.items() {
        layers[lg.col[v]].push(v);
    }
    let mut input = Order::new(layers, lg.items());
    let pinned = (rank.is_some() || !pins.is_empty()).then(|| Pinned::new(lg, rank, pins));
    if let Some(pinned) = &pinned {
        pinned.keep_all(&mut input);
    }
    let free = match rank {
        Some(_) => lg.items() - lg.nodes,
        None => lg.items(),
    };
    let refine = refine && rank.is_some();
    if lg.columns < 2 || lg.segs.is_empty() || (free == 0 && !refine) {
        return input;
    }
    SEARCHES.fetch_add(1, Relaxed);
    let size = (lg.items() + lg.segs.len()) as f64;
    let budget = BUDGET * (BUDGET_KNEE / size.max(BUDGET_KNEE)).powi(2);
    let mut search = Search::new(lg);
    search.pinned = pinned;
    search.limit = (2.0 * budget).max(FIRST_START_WORK * size);
    let best = if free == 0 {
        None
    } else {
        let sift = Sifter::round_work(lg) * SIFT_ROUNDS as f64 <= budget / 2.0;
        let mut sifter = sift.then(|| Sifter::new(lg));
        let found = starts(&mut search, &mut sifter, &input, budget, done);
        let left = (budget - search.work - sift_work(&sifter)).max(0.0);
        kicks(&mut search, found, left)
    };
    let mut best = best.unwrap_or(input);
    if refine {
        best = refined(&mut search, best);
    }
    done("order");
    best
}

/// One pair of nodes in this many sharing a column may be drawn against the global order
/// when refining: Kendall τ = 1 − 2 × discordant / pairs ≥ 0.9.
pub(super) const REFINE_SHARE: usize = 20;

/// `order` polished with nodes free to pass each other against their ranks while the
/// discordant pairs stay within the allowance (never against a pin).
fn refined(search: &mut Search, order: Order) -> Order {
    let Some(pinned) = &search.pinned else {
        return order;
    };
    let pairs: usize = order
        .layers
        .iter()
        .map(|l| {
            let k = l.iter().filter(|&&v| pinned.is_ranked(v)).count();
            k * k.saturating_sub(1) / 2
        })
        .sum();
    search.slack = Some(pairs / REFINE_SHARE);
    // Bounded all the same: each polish pass only lowers the crossings.
    search.limit = search.work + BUDGET;
    let out = search.polish(order, None).1;
    search.slack = None;
    out
}

/// Orders from several starts (depth-first, input order, shuffles), each refined by
/// barycentre sweeps, polish, global sifting and polish again; the best few distinct ones,
/// best first. Stops after a share of the budget, or when starts stop finding better orders.
fn starts(
    search: &mut Search,
    sifter: &mut Option<Sifter>,
    input: &Order,
    budget: f64,
    done: &mut dyn FnMut(&'static str),
) -> Vec<(Cost, Order)> {
    let lg = search.lg;
    let mut found: Vec<(Cost, Order)> = Vec::new();
    let mut best: Option<Cost> = None;
    let mut stale = 0;
    for k in 0..MAX_STARTS {
        if k >= 1
            && (search.work + sift_work(sifter) >= START_SHARE * budget || stale >= START_PATIENCE)
        {
            break;
        }
        let mut start = match k {
            0 => depth_first(lg),
            1 => input.clone(),
            _ => shuffled(
                input,
                &mut XorShift((k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1),
            ),
        };
        search.keep_pins(&mut start);
        let swept = search.sweeps(start);
        let mut result = search.polish(swept.1, Some(swept.0));
        done("order");
        if let Some(sifter) = sifter {
            let mut sifted = sifter.run(&result.1, SIFT_ROUNDS);
            search.keep_pins(&mut sifted);
            done("sift");
            let polished = search.polish(sifted, None);
            if polished.0.better_than(result.0) {
                result = polished;
            }
        }
        if best.map_or(true, |b| result.0.better_than(b)) {
            best = Some(result.0);
            stale = 0;
        } else {
            stale += 1;
        }
        found.push(result);
    }
    // The best few distinct starts, best first.
    crate::util::sort::by(&mut found[..], |a, b| {
        a.0.weighted
            .total_cmp(&b.0.weighted)
            .then(a.0.count.cmp(&b.0.count))
    });
    found.dedup_by(|a, b| !a.0.better_than(b.0) && !b.0.better_than(a.0));
    found.truncate(RUNS);
    found
}

fn sift_work(sifter: &Option<Sifter>) -> f64 {
    sifter.as_ref().map_or(0.0, |s| s.work)
}

/// Iterated local search from each of `found`, sharing `budget` between them: perturb, let
/// half of the kicks spread by barycentre sweeps, polish, and keep the result if it is no
/// worse. A run ends at its share of the budget or after [`KICK_PATIENCE`] kicks in a row
/// that did not improve it. The best order of all runs.
fn kicks(search: &mut Search, found: Vec<(Cost, Order)>, budget: f64) -> Option<Order> {
    let lg = search.lg;
    let runs = found.len();
    let end = search.work + budget;
    let mut best: Option<(Cost, Order)> = None;
    for (r, (mut cost, mut order)) in found.into_iter().enumerate() {
        // An equal share of what is left: a run that ends early leaves its share to the next.
        let until = search.work + (end - search.work).max(0.0) / (runs - r) as f64;
        let mut rng = XorShift((0x5EED + r as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let mut stale = 0;
        // No crossings is optimal: nothing to kick for.
        while search.work < until && stale < KICK_PATIENCE && cost.count > 0 {
            let mut kicked = order.clone();
            let mut columns = kick(&mut kicked, &mut rng);
            search.keep_pins(&mut kicked);
            if rng.below(2) == 0 {
                let first = columns.iter().position(|&x| x).unwrap_or(0);
                for c in first + 1..lg.columns {
                    search.barycentre(&mut kicked, c, true);
                }
                for c in (0..lg.columns - 1).rev() {
                    search.barycentre(&mut kicked, c, false);
                }
                columns = vec![true; lg.columns];
            }
            let (c, o) = search.polish_stale(kicked, columns, None);
            stale = if c.better_than(cost) { 0 } else { stale + 1 };
            if !cost.better_than(c) {
                cost = c;
                order = o;
            }
        }
        if best.as_ref().map_or(true, |(b, _)| cost.better_than(*b)) {
            best = Some((cost, order));
        }
    }
    best.map(|b| b.1)
}

/// Weighted crossings of a whole order.
#[cfg(test)]
pub(super) fn count(lg: &Layered, order: &Order) -> Cost {
    Search::new(lg).cost(order)
}

/// Counts weighted inversions with two Fenwick trees (weights and counts) over positions
/// reversed, so that a query sums the segments ending strictly lower without cancellation.
#[derive(Default)]
struct Counter {
    ends: Vec<(usize, usize, f64)>,
    by_right: Vec<(usize, usize, f64)>,
    bucket: Vec<usize>,
    weight: Vec<f64>,
    number: Vec<u64>,
}

impl Counter {
    /// Crossings in gap `g`, whose segments are `segs` (left item, right item, weight).
    fn gap(&mut self, segs: &[(usize, usize, f64)], order: &Order, g: usize) -> Cost {
        let (pos, left_len) = (&order.pos[..], order.layers[g].len());
        let right_len = order.layers[g + 1].len();
        self.ends.clear();
        self.ends
            .extend(segs.iter().map(|&(l, r, w)| (pos[l], pos[r], w)));
        // Ends by left position, then right: two counting passes (by right, then stably by
        // left), linear where a comparison sort took a third of a count on large graphs.
        bucket_pass(
            &self.ends,
            &mut self.by_right,
            right_len,
            |e| e.1,
            &mut self.bucket,
        );
        bucket_pass(
            &self.by_right,
            &mut self.ends,
            left_len,
            |e| e.0,
            &mut self.bucket,
        );
        self.weight.clear();
        self.weight.resize(right_len + 1, 0.0);
        self.number.clear();
        self.number.resize(right_len + 1, 0);
        // Slices, not `Vec`s, in the loop: indexing a `Vec` is a call in the size-optimised
        // wasm, and the first layout runs on the browser's baseline compiler.
        let (weight, number) = (&mut self.weight[..], &mut self.number[..]);
        let mut cost = Cost::default();
        for &(_, r, w) in &self.ends {
            // Segments already seen (above on the left) that end strictly below r.
            let mut i = right_len - 1 - r; // reversed index; prefix over [0, i) = ends > r
            let (mut sw, mut sn) = (0.0, 0);
            while i > 0 {
                sw += weight[i];
                sn += number[i];
                i &= i - 1;
            }
            cost.weighted += w * sw;
            cost.count += sn;
            let mut i = right_len - r; // 1-based index of reversed position
            while i <= right_len {
                weight[i] += w;
                number[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
        cost
    }
}

/// Stable counting sort of `from` into `to` by `key`, whose values are below `keys`.
fn bucket_pass<T: Copy>(
    from: &[T],
    to: &mut Vec<T>,
    keys: usize,
    key: impl Fn(&T) -> usize,
    bucket: &mut Vec<usize>,
) {
    bucket.clear();
    bucket.resize(keys + 1, 0);
    let bucket = &mut bucket[..];
    for e in from {
        bucket[key(e) + 1] += 1;
    }
    for k in 0..keys {
        bucket[k + 1] += bucket[k];
    }
    to.clear();
    to.extend_from_slice(from);
    let to = &mut to[..];
    for e in from {
        let k = key(e);
        to[bucket[k]] = *e;
        bucket[k] += 1;
    }
}

/// A neighbour of an item, seen from its column: position in the combined numbering of the
/// left then the right column, the bounds of that side, and the segment's weight.
#[derive(Debug, Clone, Copy)]
struct End {
    at: usize,
    side_start: usize,
    side_end: usize,
    weight: f64,
}

/// Each item's neighbours on one side (left: `in_segs`), with the segment weights.
fn neighbours(lg: &Layered, left: bool) -> Lists<(usize, f64)> {
    Lists::collect(lg.items(), lg.segs.len(), |v| {
        let segs = if left {
            lg.in_segs.of(v)
        } else {
            lg.out_segs.of(v)
        };
        segs.iter().map(move |&s| {
            let seg = &lg.segs[s];
            (if left { seg.left } else { seg.right }, seg.weight)
        })
    })
}

/// Search state and scratch buffers.
struct Search<'a> {
    lg: &'a Layered,
    /// Neighbours on the left and on the right.
    left: Lists<(usize, f64)>,
    right: Lists<(usize, f64)>,
    /// Per column gap, its segments as (left item, right item, weight), in segment order:
    /// read in order by the counts and the barycentres, where walking the items' own lists
    /// missed the cache on large graphs.
    gap_ends: Vec<Vec<(usize, usize, f64)>>,
    /// Per position in a column: Σ weight × neighbour position, and Σ weight.
    sums: Vec<(f64, f64)>,
    counter: Counter,
    keys: Vec<(f64, usize, usize)>,
    ends: Vec<End>,
    first: Vec<usize>,
    prefix: Vec<f64>,
    table: Vec<f64>,
    /// The largest entry of `table` (0 if none is positive).
    table_max: f64,
    perm: Vec<usize>,
    a: Vec<(usize, f64)>,
    b: Vec<(usize, f64)>,
    /// Elementary steps done so far (deterministic, for the budget).
    work: f64,
    /// Work after which polishing stops, even within the first start.
    limit: f64,
    /// Nodes kept in a given order, if any.
    pinned: Option<Pinned>,
    /// Scratch: whether each position of the column being improved holds a ranked item.
    pinned_at: Vec<bool>,
    /// When refining: how many more pairs of nodes may be put against their ranks.
    slack: Option<usize>,
}

impl<'a> Search<'a> {
    fn new(lg: &'a Layered) -> Self {
        Search {
            lg,
            left: neighbours(lg, true),
            right: neighbours(lg, false),
            gap_ends: lg
                .gap_segs
                .iter()
                .map(|segs| {
                    segs.iter()
                        .map(|&s| (lg.segs[s].left, lg.segs[s].right, lg.segs[s].weight))
                        .collect()
                })
                .collect(),
            sums: Vec::new(),
            counter: Counter::default(),
            keys: Vec::new(),
            ends: Vec::new(),
            first: Vec::new(),
            prefix: Vec::new(),
            table: Vec::new(),
            table_max: 0.0,
            perm: Vec::new(),
            a: Vec::new(),
            b: Vec::new(),
            work: 0.0,
            limit: f64::INFINITY,
            pinned: None,
            pinned_at: Vec::new(),
            slack: None,
        }
    }

    fn keep_pins(&self, order: &mut Order) {
        if let Some(pinned) = &self.pinned {
            pinned.keep_all(order);
        }
    }

    fn both_pinned(&self, u: usize, v: usize) -> bool {
        self.pinned.as_ref().is_some_and(|p| p.blocks(u, v))
    }

    fn cost(&mut self, order: &Order) -> Cost {
        let lg = self.lg;
        self.work += 4.0 * lg.segs.len() as f64 + lg.items() as f64;
        let mut total = Cost::default();
        for g in 0..lg.gap_segs.len() {
            let c = self.counter.gap(&self.gap_ends[g], order, g);
            total.weighted += c.weighted;
            total.count += c.count;
        }
        total
    }

    /// Barycentre sweeps, left to right then back, from `order`; the best order seen, with
    /// its cost.
    fn sweeps(&mut self, mut order: Order) -> (Cost, Order) {
        let columns = self.lg.columns;
        let mut best = (self.cost(&order), order.clone());
        let mut stall = 0;
        for _ in 0..MAX_SWEEPS {
            if self.work > self.limit {
                break;
            }
            for c in 1..columns {
                self.barycentre(&mut order, c, true);
            }
            for c in (0..columns - 1).rev() {
                self.barycentre(&mut order, c, false);
            }
            let cost = self.cost(&order);
            if cost.better_than(best.0) {
                best = (cost, order.clone());
                stall = 0;
            } else {
                stall += 1;
                if stall >= PATIENCE {
                    break;
                }
            }
        }
        best
    }

    /// Improves each column in turn, its neighbours fixed, sweeping left to right and back
    /// until no column changes. Only columns next to a change are looked at again. `cost`,
    /// if known, is the order's: counting again is skipped when nothing changed (on large
    /// graphs, where the budget allows no polishing, a count is a third of the search).
    fn polish(&mut self, order: Order, cost: Option<Cost>) -> (Cost, Order) {
        let stale = vec![true; self.lg.columns];
        self.polish_stale(order, stale, cost)
    }

    fn polish_stale(
        &mut self,
        mut order: Order,
        mut stale: Vec<bool>,
        mut cost: Option<Cost>,
    ) -> (Cost, Order) {
        let columns = self.lg.columns;
        for _ in 0..64 {
            if !stale.iter().any(|&s| s) || self.work > self.limit {
                break;
            }
            for c in (0..columns).chain((0..columns).rev()) {
                if !stale[c] || self.work > self.limit {
                    continue;
                }
                stale[c] = false;
                if self.improve_column(&mut order, c) {
                    cost = None;
                    if c > 0 {
                        stale[c - 1] = true;
                    }
                    if c + 1 < columns {
                        stale[c + 1] = true;
                    }
                }
            }
        }
        match cost {
            Some(cost) => (cost, order),
            None => (self.cost(&order), order),
        }
    }

    /// Sorts column `c` by the weighted mean position of each item's neighbours in the
    /// column on its left (`from_left`) or right; items without such neighbours keep theirs.
    fn barycentre(&mut self, order: &mut Order, c: usize, from_left: bool) {
        let lg = self.lg;
        let other = if from_left { c - 1 } else { c + 1 };
        let other_len = order.layers[other].len() as f64;
        let own_len = order.layers[c].len() as f64;
        self.work += 4.0 * own_len + 2.0 * lg.gap_segs[c.min(other)].len() as f64;
        // Each item's sums, adding its neighbours in segment order (as its own list has them).
        self.sums.clear();
        self.sums.resize(order.layers[c].len(), (0.0, 0.0));
        let (sums, pos) = (&mut self.sums[..], &order.pos[..]);
        for &(l, r, w) in &self.gap_ends[c.min(other)] {
            let (mine, theirs) = if from_left { (r, l) } else { (l, r) };
            let at = &mut sums[pos[mine]];
            at.0 += w * (pos[theirs] as f64 + 0.5) / other_len;
            at.1 += w;
        }
        self.keys.clear();
        for (&v, &(sum, total)) in order.layers[c].iter().zip(&self.sums) {
            let key = if total > 0.0 && (sum / total).is_finite() {
                sum / total
            } else {
                (order.pos[v] as f64 + 0.5) / own_len
            };
            self.keys.push((key, order.pos[v], v));
        }
        // Hot (every sweep): std's inlined sort; the position breaks ties, so unstable is exact.
        #[allow(clippy::disallowed_methods)]
        self.keys
            .sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for (slot, &(_, _, v)) in order.layers[c].iter_mut().zip(&self.keys) {
            *slot = v;
        }
        match &self.pinned {
            Some(pinned) => pinned.keep(order, c),
            None => order.renumber(c),
        }
    }

    /// Improves column `c` with its neighbours fixed; whether its order changed.
    fn improve_column(&mut self, order: &mut Order, c: usize) -> bool {
        let n = order.layers[c].len();
        if n < 2 {
            return false;
        }
        if n <= TABLE_MAX {
            self.tabulate(order, c);
            self.insertion_search(order, c)
        } else {
            let mut changed = false;
            for _ in 0..4 {
                if !self.transpose(order, c) {
                    break;
                }
                changed = true;
            }
            changed
        }
    }

    /// Fills `table[a·n + b]`: the crossings between the segments of the column's items `a`
    /// and `b` (positions in the column) when `a` is above `b`.
    fn tabulate(&mut self, order: &Order, c: usize) {
        let lg = self.lg;
        let layer = &order.layers[c];
        let n = layer.len();
        let left = if c > 0 { order.layers[c - 1].len() } else { 0 };
        let right = if c + 1 < lg.columns {
            order.layers[c + 1].len()
        } else {
            0
        };
        self.ends.clear();
        self.first.clear();
        let pos = &order.pos[..];
        for &v in layer {
            self.first.push(self.ends.len());
            for &(u, weight) in self.left.of(v) {
                let at = pos[u];
                self.ends.push(End {
                    at,
                    side_start: 0,
                    side_end: left,
                    weight,
                });
            }
            for &(u, weight) in self.right.of(v) {
                let at = left + pos[u];
                let (side_start, side_end) = (left, left + right);
                self.ends.push(End {
                    at,
                    side_start,
                    side_end,
                    weight,
                });
            }
        }
        self.first.push(self.ends.len());
        self.work += (n * (left + right + n) + n * self.ends.len() / 2) as f64;
        self.table.clear();
        self.table.resize(n * n, 0.0);
        self.prefix.resize(left + right + 1, 0.0);
        // Local borrows: the hot loops below then index plain slices (much cheaper for the
        // browser's baseline compiler, which runs the first layout, than going through `self`).
        let (ends, first, prefix, table) = (
            &self.ends[..],
            &self.first[..],
            &mut self.prefix[..],
            &mut self.table[..],
        );
        let mut largest = 0.0f64;
        for a in 0..n {
            let mine = &ends[first[a]..first[a + 1]];
            if mine.is_empty() {
                continue;
            }
            // prefix[x]: weight of a's ends at combined positions below x.
            prefix.fill(0.0);
            for e in mine {
                prefix[e.at + 1] += e.weight;
            }
            let mut below = 0.0;
            for x in prefix.iter_mut() {
                below += *x;
                *x = below;
            }
            let p: &[f64] = prefix;
            for b in a + 1..n {
                let (mut b_above, mut a_above) = (0.0, 0.0);
                for e in &ends[first[b]..first[b + 1]] {
                    // b above a crosses where a's end is above b's; a above b, below.
                    b_above += e.weight * (p[e.at] - p[e.side_start]);
                    a_above += e.weight * (p[e.side_end] - p[e.at + 1]);
                }
                table[a * n + b] = a_above;
                table[b * n + a] = b_above;
                largest = largest.max(a_above).max(b_above);
            }
        }
        self.table_max = largest;
    }

    /// Insertion local search on the tabulated column: moves items to their best position
    /// while that lowers the column's crossings. Whether anything moved.
    fn insertion_search(&mut self, order: &mut Order, c: usize) -> bool {
        let n = order.layers[c].len();
        let t: &[f64] = &self.table;
        let tol = 1e-12 * self.table_max * n as f64;
        // A ranked item never passes another (unless refining), nor a pinned one another
        // that a pin orders it with: the scans stop there.
        let pinned = self.pinned.as_ref();
        let layer = &order.layers[c];
        self.pinned_at.clear();
        self.pinned_at.extend(
            layer
                .iter()
                .map(|&v| pinned.is_some_and(|p| p.is_ranked(v))),
        );
        let fixed: &[bool] = &self.pinned_at;
        let hard = |a: usize, b: usize| pinned.is_some_and(|p| p.hard(layer[a], layer[b]));
        let below =
            |a: usize, b: usize| pinned.is_some_and(|p| p.rank[layer[a]] < p.rank[layer[b]]);
        let mut slack = self.slack;
        let perm = &mut self.perm;
        perm.clear();
        perm.extend(0..n);
        let mut moved = false;
        for _ in 0..4 * n {
            let mut improved = false;
            for item in 0..n {
                let p: &[usize] = perm;
                let i = p.iter().position(|&x| x == item).unwrap_or(0);
                let row = &t[item * n..(item + 1) * n];
                let (mut best, mut best_delta, mut best_disc) = (i, -tol, 0isize);
                let (mut delta, mut disc) = (0.0, 0isize);
                for j in (0..i).rev() {
                    let y = p[j];
                    if hard(item, y) {
                        break;
                    }
                    if fixed[item] && fixed[y] {
                        match slack {
                            None => break,
                            // y is above: passing it mends the pair if item ranks first.
                            Some(_) => disc += if below(item, y) { -1 } else { 1 },
                        }
                    }
                    delta += row[y] - t[y * n + item];
                    if delta < best_delta && slack.map_or(true, |s| disc <= s as isize) {
                        (best, best_delta, best_disc) = (j, delta, disc);
                    }
                }
                (delta, disc) = (0.0, 0);
                for (j, &y) in p.iter().enumerate().skip(i + 1) {
                    if hard(item, y) {
                        break;
                    }
                    if fixed[item] && fixed[y] {
                        match slack {
                            None => break,
                            Some(_) => disc += if below(y, item) { -1 } else { 1 },
                        }
                    }
                    delta += t[y * n + item] - row[y];
                    if delta < best_delta && slack.map_or(true, |s| disc <= s as isize) {
                        (best, best_delta, best_disc) = (j, delta, disc);
                    }
                }
                if best != i {
                    if let Some(s) = slack.as_mut() {
                        *s = (*s as isize - best_disc).max(0) as usize;
                    }
                    let x = perm.remove(i);
                    perm.insert(best, x);
                    improved = true;
                }
            }
            self.work += (2 * n * n) as f64;
            if !improved {
                break;
            }
            moved = true;
        }
        self.slack = slack;
        if moved {
            let before = order.layers[c].clone();
            for (slot, &k) in order.layers[c].iter_mut().zip(perm.iter()) {
                *slot = before[k];
            }
            order.renumber(c);
        }
        moved
    }

    /// One pass of adjacent swaps in column `c` that lower the weighted count.
    fn transpose(&mut self, order: &mut Order, c: usize) -> bool {
        let mut improved = false;
        for i in 1..order.layers[c].len() {
            let (u, v) = (order.layers[c][i - 1], order.layers[c][i]);
            if self.both_pinned(u, v) {
                continue;
            }
            let (uv, vu) = self.pair(order, u, v);
            if vu < uv - 1e-12 * uv.abs() {
                order.layers[c].swap(i - 1, i);
                order.pos[u] = i;
                order.pos[v] = i - 1;
                improved = true;
            }
        }
        improved
    }

    /// Crossings between the segments of `u` and `v` (same column) with `u` above `v`, and
    /// with `v` above `u`.
    fn pair(&mut self, order: &Order, u: usize, v: usize) -> (f64, f64) {
        let (mut uv, mut vu) = (0.0, 0.0);
        for side in [&self.left, &self.right] {
            let (nu, nv) = (side.of(u), side.of(v));
            self.work += (2 + 2 * (nu.len() + nv.len())) as f64;
            if let ([(a, wa)], [(b, wb)]) = (nu, nv) {
                // The common case of two dummies: one segment each.
                match order.pos[*a].cmp(&order.pos[*b]) {
                    std::cmp::Ordering::Greater => uv += wa * wb,
                    std::cmp::Ordering::Less => vu += wa * wb,
                    std::cmp::Ordering::Equal => {}
                }
                continue;
            }
            let ends = |near: &[(usize, f64)], out: &mut Vec<(usize, f64)>| {
                out.clear();
                out.extend(near.iter().map(|&(x, w)| (order.pos[x], w)));
                crate::util::sort::by_key(&mut out[..], |e| e.0);
            };
            ends(nu, &mut self.a);
            ends(nv, &mut self.b);
            let (x, y) = cross_sorted(&self.a, &self.b);
            uv += x;
            vu += y;
        }
        (uv, vu)
    }
}

/// For two lists of (position, weight) sorted by position: the weighted pairs with the
/// first list's position above the second's, and below it. Equal positions never cross.
fn cross_sorted(a: &[(usize, f64)], b: &[(usize, f64)]) -> (f64, f64) {
    // a above b in the own column: crossing when a's end is below b's end.
    let (mut a_below, mut a_above) = (0.0, 0.0);
    let total_b: f64 = b.iter().map(|e| e.1).sum();
    let (mut j, mut below_sum) = (0, 0.0); // weight of b strictly above the current a
    for &(p, w) in a {
        while j < b.len() && b[j].0 < p {
            below_sum += b[j].1;
            j += 1;
        }
        let mut k = j;
        let mut equal = 0.0;
        while k < b.len() && b[k].0 == p {
            equal += b[k].1;
            k += 1;
        }
        a_below += w * below_sum;
        a_above += w * (total_b - below_sum - equal).max(0.0);
    }
    (a_below, a_above)
}

/// Moves one to three random items of random columns to random positions; the columns to
/// look at again.
fn kick(order: &mut Order, rng: &mut XorShift) -> Vec<bool> {
    let columns = order.layers.len();
    let mut stale = vec![false; columns];
    for _ in 0..1 + rng.below(3) {
        let c = rng.below(columns);
        let len = order.layers[c].len();
        if len < 2 {
            continue;
        }
        let v = order.layers[c].remove(rng.below(len));
        order.layers[c].insert(rng.below(len), v);
        order.renumber(c);
        stale[c.saturating_sub(1)..(c + 2).min(columns)].fill(true);
    }
    stale
}

/// Items in depth-first order from the nodes, left column first, in input order.
fn depth_first(lg: &Layered) -> Order {
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); lg.columns];
    let mut seen = vec![false; lg.items()];
    let mut roots: Vec<usize> = (0..lg.nodes).collect();
    crate::util::sort::by_key(&mut roots[..], |&v| lg.col[v]);
    let mut stack = Vec::new();
    for root in roots.into_iter().chain(lg.nodes..lg.items()) {
        if seen[root] {
            continue;
        }
        stack.push(root);
        while let Some(v) = stack.pop() {
            if seen[v] {
                continue;
            }
            seen[v] = true;
            layers[lg.col[v]].push(v);
            for &s in lg.out_segs.of(v).iter().rev() {
                let w = lg.segs[s].right;
                if !seen[w] {
                    stack.push(w);
                }
            }
        }
    }
    Order::new(layers, lg.items())
}

/// Each column shuffled.
fn shuffled(order: &Order, rng: &mut XorShift) -> Order {
    let mut layers = order.layers.clone();
    for layer in &mut layers {
        for i in (1..layer.len()).rev() {
            layer.swap(i, rng.below(i + 1));
        }
    }
    Order::new(layers, order.pos.len())
}

#[cfg(test)]
mod tests {
    use super::super::{layered, Link};
    use super::*;

    fn graph(list: &[(usize, usize, f64)], column: &[usize]) -> Layered {
        let links: Vec<Link> = list
            .iter()
            .map(|&(source, target, value)| Link {
                source,
                target,
                value,
            })
            .collect();
        layered::build(&links, column)
    }

    #[test]
    fn counts_weighted_crossings() {
        // 0,1 on the left; 2,3 on the right; 0→3 (2) and 1→2 (3) cross once: 6.
        let lg = graph(&[(0, 3, 2.0), (1, 2, 3.0)], &[0, 0, 1, 1]);
        let order = Order::new(vec![vec![0, 1], vec![2, 3]], 4);
        assert_eq!(
            count(&lg, &order),
            Cost {
                weighted: 6.0,
                count: 1
            }
        );
        let order = Order::new(vec![vec![0, 1], vec![3, 2]], 4);
        assert_eq!(
            count(&lg, &order),
            Cost {
                weighted: 0.0,
                count: 0
            }
        );
    }

    #[test]
    fn segments_sharing_an_end_never_cross() {
        let lg = graph(
            &[(0, 2, 1.0), (0, 3, 1.0), (1, 2, 1.0), (0, 2, 4.0)],
            &[0, 0, 1, 1],
        );
        let order = Order::new(vec![vec![0, 1], vec![2, 3]], 4);
        // Only 0→3 against 1→2 crosses.
        assert_eq!(
            count(&lg, &order),
            Cost {
                weighted: 1.0,
                count: 1
            }
        );
    }

    #[test]
    fn pair_costs_match_the_counter() {
        let a = [(0, 1.0), (2, 2.0), (3, 1.0)];
        let b = [(1, 3.0), (2, 1.0)];
        // a above b: a's ends below b's ends cross: (2,2)x(1,3)=6, (3,1)x(1,3)=3, (3,1)x(2,1)=1
        // b above a: (0,1)x(1,3)=3, (0,1)x(2,1)=1, (2,2)x? none (equal), so 4.
        assert_eq!(cross_sorted(&a, &b), (10.0, 4.0));
    }

    #[test]
    fn repair_keeps_pins_and_otherwise_the_order() {
        // 5 above 1 (through 3, which is not in the column), 2 above 4.
        let above = closure(6, &[(5, 3), (3, 1), (2, 4)]);
        let mut items = vec![1, 4, 2, 0, 5];
        repair(&mut items, &above);
        // Each time the first item nothing left must be above: 2, then 4, 0, 5, 1.
        assert_eq!(items, vec![2, 4, 0, 5, 1]);
        // A cycle (refused by validation) still ends, every item once.
        let cycle = closure(3, &[(0, 1), (1, 2), (2, 0)]);
        let mut items = vec![2, 1, 0];
        repair(&mut items, &cycle);
        let mut sorted = items.clone();
        crate::util::sort::sort(&mut sorted);
        assert_eq!(sorted, vec![0, 1, 2]);
    }

    #[test]
    fn pins_hold_against_the_crossings() {
        // 0 → 3 and 1 → 2 cross unless 2 goes above 3; a pin puts 3 above 2.
        let lg = graph(&[(0, 3, 1.0), (1, 2, 1.0)], &[0, 0, 1, 1]);
        let order = minimise_crossings(&lg, None, &[(3, 2)], false, &mut |_| {});
        assert!(order.pos[3] < order.pos[2]);
        // Then 1 goes above 0 instead: no crossing either way.
        assert_eq!(count(&lg, &order).weighted, 0.0);
    }

    #[test]
    fn untangles_a_crossed_ladder() {
        // Three parallel flows given in crossed order.
        let lg = graph(
            &[(0, 5, 1.0), (1, 4, 1.0), (2, 3, 1.0)],
            &[0, 0, 0, 1, 1, 1],
        );
        let order = minimise_crossings(&lg, None, &[], false, &mut |_| {});
        assert_eq!(count(&lg, &order).weighted, 0.0);
    }
}
