//! One order for every view: the global order of a dataset's actors, which every filtered view
//! keeps, so that changing a filter or playing the years moves actors without reordering them.
//!
//! The order is found once per dataset by the layout's own crossing search, one order per
//! arrangement, over one graph that holds the links of the views a reader sees most, unfolded
//! and folded: all flows, and each player step (one year). A link shown in many of them
//! weighs more, so the order favours the pairs of bands that are seen together; all flows
//! weigh as much as all the steps together (`docs/stable-order.md` has the figures). The
//! giver–receiver order is then polished against the views' own crossings
//! ([`polish_giver_receiver`]). The editor's pins (`Dataset::order`) are kept by both. A view
//! then lays out with [`crate::layout::layout_ranked`]: its nodes keep the columns of the
//! search and, within a column, this order; only long bands' slots are searched for.
//! `docs/stable-order.md` measures what it costs in crossings.
//!
//! The order of the shipped dataset is baked into `data/mali.order.json` (`influence-flows
//! order`), stamped with a hash of the dataset text it was computed from, so the page runs no
//! search for it; a test fails when the file is stale.

use super::{year_span, Arrangement, Filters, View};
use crate::data::model::{Dataset, OrderPins};
use crate::layout::{Graph, GraphLink, GraphNode, InOrder};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Node ids (as in `layout::GraphNode::id`: `russia:giver`, or `russia` in the network
/// arrangement), top to bottom (see `layout::node_order`), and each one's column in the
/// search's graph, which views keep.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GlobalOrder {
    pub giver_receiver: Vec<String>,
    pub giver_receiver_columns: Vec<usize>,
    pub network: Vec<String>,
    pub network_columns: Vec<usize>,
    /// The dataset's pins, which every view keeps.
    pub pins: Option<OrderPins>,
}

/// The file form: the order and the dataset it belongs to.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Baked {
    about: String,
    /// [`dataset_hash`] of the dataset text the order was computed from.
    dataset: String,
    #[serde(rename = "giver-receiver")]
    giver_receiver: Vec<String>,
    #[serde(rename = "giver-receiver-columns")]
    giver_receiver_columns: Vec<usize>,
    network: Vec<String>,
    #[serde(rename = "network-columns")]
    network_columns: Vec<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pins: Option<OrderPins>,
}

impl GlobalOrder {
    /// Searches the order of `dataset`'s actors for both arrangements, keeping its pins.
    pub fn compute(dataset: &Dataset) -> GlobalOrder {
        // Two views (unfolded, folded) give every link; the player steps only reweigh them.
        let views: Vec<View> = [false, true]
            .into_iter()
            .map(|fold_groups| {
                let filters = Filters {
                    fold_groups,
                    ..Filters::default()
                };
                View::new(dataset, &filters)
            })
            .collect();
        let of = |arrangement| {
            let graph = seen_links(dataset, &views, arrangement);
            let pins = pin_pairs(dataset.order.as_ref(), &graph, arrangement);
            let found = crate::layout::node_order(&graph, &pins);
            let ids: Vec<String> = found
                .nodes
                .iter()
                .map(|&v| graph.nodes[v].id.clone())
                .collect();
            let columns = found.nodes.iter().map(|&v| found.column[v]).collect();
            (ids, columns)
        };
        let (mut giver_receiver, giver_receiver_columns) = of(Arrangement::GiverReceiver);
        polish_giver_receiver(dataset, &views, &mut giver_receiver);
        let (network, network_columns) = of(Arrangement::Network);
        GlobalOrder {
            giver_receiver,
            giver_receiver_columns,
            network,
            network_columns,
            pins: dataset.order.clone(),
        }
    }

    /// How `view`'s graph keeps this order: per node its rank (a node the order does not
    /// know goes below the others, in the view's order) and its column (the view's own
    /// columns if the order does not know every node), and the dataset's pins.
    pub fn ranks(&self, view: &View, arrangement: Arrangement) -> InOrder {
        let (ids, columns) = match arrangement {
            Arrangement::GiverReceiver => (&self.giver_receiver, &self.giver_receiver_columns),
            Arrangement::Network => (&self.network, &self.network_columns),
        };
        let at: HashMap<&str, usize> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let found: Vec<Option<usize>> = view
            .graph
            .nodes
            .iter()
            .map(|n| at.get(n.id.as_str()).copied())
            .collect();
        let rank = found
            .iter()
            .enumerate()
            .map(|(v, r)| r.unwrap_or(ids.len() + v))
            .collect();
        let column = found
            .iter()
            .map(|r| r.and_then(|r| columns.get(r).copied()))
            .collect::<Option<Vec<usize>>>()
            .unwrap_or_default();
        InOrder {
            rank,
            column,
            pins: pin_pairs(self.pins.as_ref(), &view.graph, arrangement),
            refine: false,
        }
    }

    /// The baked file for the dataset whose JSON text is `text`.
    pub fn to_json(&self, text: &str) -> String {
        let baked = Baked {
            about: "The global order of the actors (influence-flows order; do not edit): \
                    node ids top to bottom (by relative height in the columns of the search), \
                    and each one's column."
                .into(),
            dataset: dataset_hash(text),
            giver_receiver: self.giver_receiver.clone(),
            giver_receiver_columns: self.giver_receiver_columns.clone(),
            network: self.network.clone(),
            network_columns: self.network_columns.clone(),
            pins: self.pins.clone(),
        };
        let mut out = serde_json::to_string_pretty(&baked).unwrap_or_default();
        out.push('\n');
        out
    }

    /// The order a baked file holds, if it was computed from the dataset text `text`; `None`
    /// when it belongs to another text (or does not parse): then compute it.
    pub fn from_baked(baked: &str, text: &str) -> Option<GlobalOrder> {
        let baked: Baked = serde_json::from_str(baked).ok()?;
        (baked.dataset == dataset_hash(text)).then_some(GlobalOrder {
            giver_receiver: baked.giver_receiver,
            giver_receiver_columns: baked.giver_receiver_columns,
            network: baked.network,
            network_columns: baked.network_columns,
            pins: baked.pins,
        })
    }
}

/// The editor's pins (`Dataset::order`) as pairs of `graph`'s nodes, `(a, b)` putting `a`
/// above `b` wherever they share a column. Giver–receiver: the `givers` chains order the
/// giver nodes, the `receivers` chains the receiver nodes, and `top` and `bottom` both sides.
/// Network (each actor one node): the `givers` chains, then those pairs of the `receivers`
/// chains that do not contradict them; `top` and `bottom` as well. Actors the view does not
/// show (hidden, or folded into their group) drop out, and their chains close up over them.
pub fn pin_pairs(
    pins: Option<&OrderPins>,
    graph: &Graph,
    arrangement: Arrangement,
) -> Vec<(usize, usize)> {
    let Some(pins) = pins else {
        return Vec::new();
    };
    let node: HashMap<&str, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(v, n)| (n.id.as_str(), v))
        .collect();
    let sides: &[&str] = match arrangement {
        Arrangement::GiverReceiver => &[":giver", ":receiver"],
        Arrangement::Network => &[""],
    };
    let find = |actor: &str, side: &str| node.get(format!("{actor}{side}").as_str()).copied();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    // A chain's shown actors, each above the next (a hidden one is skipped over).
    let chain = |actors: &[String], side: &str, out: &mut Vec<(usize, usize)>| {
        let shown: Vec<usize> = actors.iter().filter_map(|a| find(a, side)).collect();
        out.extend(shown.windows(2).map(|w| (w[0], w[1])));
    };
    for &side in sides {
        chain(&pins.top, side, &mut pairs);
        chain(&pins.bottom, side, &mut pairs);
        let on_side = |v: &usize| graph.nodes[*v].id.ends_with(side);
        let top: Vec<usize> = pins.top.iter().filter_map(|a| find(a, side)).collect();
        let bottom: Vec<usize> = pins.bottom.iter().filter_map(|a| find(a, side)).collect();
        for v in (0..graph.nodes.len()).filter(on_side) {
            if !top.contains(&v) {
                pairs.extend(top.iter().map(|&t| (t, v)));
            }
            if !bottom.contains(&v) {
                pairs.extend(bottom.iter().map(|&b| (v, b)));
            }
        }
    }
    match arrangement {
        Arrangement::GiverReceiver => {
            for c in &pins.givers {
                chain(c, ":giver", &mut pairs);
            }
            for c in &pins.receivers {
                chain(c, ":receiver", &mut pairs);
            }
        }
        Arrangement::Network => {
            for c in &pins.givers {
                chain(c, "", &mut pairs);
            }
            let mut theirs = Vec::new();
            for c in &pins.receivers {
                chain(c, "", &mut theirs);
            }
            for (a, b) in theirs {
                if !reaches(&pairs, b, a) {
                    pairs.push((a, b));
                }
            }
        }
    }
    pairs
}

/// Whether the pairs lead from `from` to `to`.
fn reaches(pairs: &[(usize, usize)], from: usize, to: usize) -> bool {
    let mut seen = vec![from];
    let mut stack = vec![from];
    while let Some(x) = stack.pop() {
        if x == to {
            return true;
        }
        for &(a, b) in pairs {
            if a == x && !seen.contains(&b) {
                seen.push(b);
                stack.push(b);
            }
        }
    }
    false
}

/// The giver–receiver order polished for the views themselves. The search above sees one
/// graph whose links sum the views' weights, so it also counts crossings between bands that
/// no view shows together (a 2013 band against a 2022 one). Here the cost of two bands
/// crossing is Σ over views of their product in that view: the views are all flows
/// (unfolded and folded, each weighing as much as all the player steps together, as
/// above), each player step, and each kind alone. Every giver–receiver view has the givers
/// in one column and the receivers in the other, so this is the exact cost of the views,
/// summed; each column in turn is improved by insertion (an actor moved to its best place)
/// with the other fixed, never against a pin, until nothing improves.
fn polish_giver_receiver(dataset: &Dataset, views: &[View], ids: &mut [String]) {
    // Its tables grow as the square of a column: beyond this many nodes, the search's order.
    if ids.len() > POLISH_MAX {
        return;
    }
    let steps = year_span(dataset).map_or(1, |(first, last)| (last - first + 1).max(1) as usize);
    let open = super::open_year(dataset);
    let years: Vec<i32> = year_span(dataset).map_or(Vec::new(), |(a, b)| (a..=b).collect());
    // The views, as slots of each link's weights: per base view (unfolded, folded) all
    // flows and each year, then each kind (unfolded). Read off the base views' links, as
    // `View::new` with those filters would aggregate them, without building each view (on a
    // deep chain of groups, folding is slow).
    let per_base = 1 + years.len();
    let count = views.len() * per_base + dataset.kinds.len();
    let mut weights = vec![1.0; count];
    for b in 0..views.len() {
        weights[b * per_base] = steps as f64;
    }
    let at: HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    // Per (giver, receiver) pair of `ids` positions, its weight in each view.
    let mut links: HashMap<(usize, usize), Vec<f64>> = HashMap::new();
    for (b, view) in views.iter().enumerate() {
        for link in &view.links {
            let giver = at.get(format!("{}:giver", link.source_actor).as_str());
            let receiver = at.get(format!("{}:receiver", link.target_actor).as_str());
            let (Some(&g), Some(&r)) = (giver, receiver) else {
                continue;
            };
            let w = links.entry((g, r)).or_insert_with(|| vec![0.0; count]);
            w[b * per_base] += link.flows.len() as f64;
            let periods: Vec<(i32, i32)> = link
                .flows
                .iter()
                .filter_map(|&f| dataset.flows[f].period())
                .map(|p| p.years(open))
                .collect();
            for (y, &year) in years.iter().enumerate() {
                w[b * per_base + 1 + y] += periods
                    .iter()
                    .filter(|(a, z)| *a <= year && *z >= year)
                    .count() as f64;
            }
            if b == 0 {
                if let Some(k) = dataset.kinds.iter().position(|k| k.id == link.kind) {
                    w[views.len() * per_base + k] += link.flows.len() as f64;
                }
            }
        }
    }
    // A table costs (links)² × views: past the budget, the search's order stands (a reader's
    // own large dataset must not wait on it; `data/mali.json` takes about 1/100 of it).
    if (links.len() * links.len()).saturating_mul(count) > POLISH_WORK {
        return;
    }
    let mut links: Vec<((usize, usize), Vec<f64>)> = links.into_iter().collect();
    crate::util::sort::by_key(&mut links[..], |l| l.0);
    // Each view's crossings in the search's order: a view counts by its crossings relative
    // to these, so that a small view's few crossings weigh as much as a large one's many.
    let mut start = vec![0.0; count];
    for (i, ((g, r), w)) in links.iter().enumerate() {
        for ((g2, r2), w2) in &links[i + 1..] {
            if (g < g2) != (r < r2) && g != g2 && r != r2 {
                for (v, s) in start.iter_mut().enumerate() {
                    *s += w[v] * w2[v];
                }
            }
        }
    }
    for (w, s) in weights.iter_mut().zip(&start) {
        *w /= s + 1.0;
    }
    let hard = pinned_above(dataset, ids);
    let mut columns: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    for (i, id) in ids.iter().enumerate() {
        columns[usize::from(id.ends_with(":receiver"))].push(i);
    }
    let mut order = columns.clone();
    for _ in 0..32 {
        let mut changed = false;
        for side in 0..2 {
            changed |= improve(&mut order, side, &links, &weights, &hard);
        }
        if !changed {
            break;
        }
    }
    let before: Vec<String> = ids.to_vec();
    for side in 0..2 {
        for (&slot, &item) in columns[side].iter().zip(&order[side]) {
            ids[slot] = before[item].clone();
        }
    }
}

/// Most nodes (givers and receivers) for which the giver–receiver order is polished.
const POLISH_MAX: usize = 600;
/// Most (links)² × views for which it is: one table's multiply-adds.
const POLISH_WORK: usize = 20_000_000;

/// Pins of the giver–receiver order as pairs of positions in `ids`, closed transitively.
fn pinned_above(dataset: &Dataset, ids: &[String]) -> HashSet<(usize, usize)> {
    let graph = Graph {
        nodes: ids
            .iter()
            .map(|id| GraphNode {
                id: id.clone(),
                label: id.clone(),
                short: None,
            })
            .collect(),
        links: Vec::new(),
    };
    let mut below: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
    for (a, b) in pin_pairs(dataset.order.as_ref(), &graph, Arrangement::GiverReceiver) {
        below[a].push(b);
    }
    let mut above = HashSet::new();
    for a in (0..ids.len()).filter(|&a| !below[a].is_empty()) {
        let mut stack = below[a].clone();
        while let Some(x) = stack.pop() {
            if above.insert((a, x)) {
                stack.extend(below[x].iter().copied());
            }
        }
    }
    above
}

/// Insertion search on one column (`side` 0: givers, 1: receivers) of `order`, the other
/// fixed; whether it changed.
fn improve(
    order: &mut [Vec<usize>; 2],
    side: usize,
    links: &[((usize, usize), Vec<f64>)],
    weights: &[f64],
    hard: &HashSet<(usize, usize)>,
) -> bool {
    let other: HashMap<usize, usize> = order[1 - side]
        .iter()
        .enumerate()
        .map(|(p, &x)| (x, p))
        .collect();
    let items = &order[side];
    let n = items.len();
    let index: HashMap<usize, usize> = items.iter().enumerate().map(|(i, &x)| (x, i)).collect();
    // Per item (index in `items`): (position of the other end, weights per view).
    let mut ends: Vec<Vec<(usize, &[f64])>> = vec![Vec::new(); n];
    for ((g, r), w) in links {
        let (mine, theirs) = if side == 0 { (g, r) } else { (r, g) };
        if let (Some(&i), Some(&p)) = (index.get(mine), other.get(theirs)) {
            ends[i].push((p, w));
        }
    }
    // cost[a·n + b]: the weighted crossings of a's bands with b's when a is above b.
    let mut cost = vec![0.0; n * n];
    for a in 0..n {
        for b in 0..n {
            if a == b {
                continue;
            }
            let mut sum = 0.0;
            for &(pa, wa) in &ends[a] {
                for &(pb, wb) in &ends[b] {
                    if pa > pb {
                        sum += wa
                            .iter()
                            .zip(wb)
                            .zip(weights)
                            .map(|((x, y), k)| x * y * k)
                            .sum::<f64>();
                    }
                }
            }
            cost[a * n + b] = sum;
        }
    }
    let blocked = |a: usize, b: usize| {
        hard.contains(&(items[a], items[b])) || hard.contains(&(items[b], items[a]))
    };
    let mut perm: Vec<usize> = (0..n).collect();
    let mut changed = false;
    for _ in 0..4 * n.max(1) {
        let mut improved = false;
        for item in 0..n {
            let i = perm.iter().position(|&x| x == item).unwrap_or(0);
            let (mut best, mut best_delta, mut delta) = (i, -1e-9, 0.0);
            for j in (0..i).rev() {
                let y = perm[j];
                if blocked(item, y) {
                    break;
                }
                delta += cost[item * n + y] - cost[y * n + item];
                if delta < best_delta {
                    (best, best_delta) = (j, delta);
                }
            }
            delta = 0.0;
            for (j, &y) in perm.iter().enumerate().skip(i + 1) {
                if blocked(item, y) {
                    break;
                }
                delta += cost[y * n + item] - cost[item * n + y];
                if delta < best_delta {
                    (best, best_delta) = (j, delta);
                }
            }
            if best != i {
                let x = perm.remove(i);
                perm.insert(best, x);
                improved = true;
            }
        }
        if !improved {
            break;
        }
        changed = true;
    }
    let before = order[side].clone();
    order[side] = perm.into_iter().map(|k| before[k]).collect();
    changed
}

/// FNV-1a (64 bits) of the text's bytes: enough to tell a baked order's dataset from an
/// edited one (not a defence: the order only arranges, it asserts nothing).
pub fn dataset_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("fnv1a64:{h:016x}")
}

/// One graph of the views named in the module doc, from the links of `views` (all flows,
/// unfolded and folded): each link once with its flows, then once per year with the flows that
/// touch that year.
fn seen_links(dataset: &Dataset, views: &[View], arrangement: Arrangement) -> Graph {
    let open = super::open_year(dataset);
    let years = super::year_span(dataset);
    let mut graph = Graph::default();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut node = |id: String, graph: &mut Graph| {
        *index.entry(id.clone()).or_insert_with(|| {
            graph.nodes.push(GraphNode {
                label: id.clone(),
                short: None,
                id,
            });
            graph.nodes.len() - 1
        })
    };
    for link in views.iter().flat_map(|v| &v.links) {
        let (source, target) = match arrangement {
            Arrangement::GiverReceiver => (
                format!("{}:giver", link.source_actor),
                format!("{}:receiver", link.target_actor),
            ),
            Arrangement::Network => (link.source_actor.clone(), link.target_actor.clone()),
        };
        let (source, target) = (node(source, &mut graph), node(target, &mut graph));
        let mut add = |value: usize| {
            if value > 0 {
                graph.links.push(GraphLink {
                    source,
                    target,
                    value: value as f64,
                });
            }
        };
        // The first view (all flows) weighs as much as all the player steps together: it is
        // the one every reader sees.
        let steps = years.map_or(1, |(first, last)| (last - first + 1).max(1) as usize);
        add(link.flows.len() * steps);
        if let Some((first, last)) = years {
            let periods: Vec<_> = link
                .flows
                .iter()
                .filter_map(|&f| dataset.flows[f].period())
                .map(|p| p.years(open))
                .collect();
            for year in first..=last {
                add(periods
                    .iter()
                    .filter(|(a, b)| *a <= year && *b >= year)
                    .count());
            }
        }
    }
    graph
}
