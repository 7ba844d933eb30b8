//! One order for every view: the global order of a dataset's actors, which every filtered view
//! keeps, so that changing a filter or playing the years moves actors without reordering them.
//!
//! The order is found once per dataset by the layout's own crossing search, one order per
//! arrangement, over one graph that holds the links of the views a reader sees most, unfolded
//! and folded: all flows, and each player step (one year). A link shown in many of them
//! weighs more, so the order favours the pairs of bands that are seen together; all flows
//! weigh as much as all the steps together (`docs/stable-order.md` has the figures). A view then lays out with
//! [`crate::layout::layout_ranked`]: the actors of a column keep this order and only long
//! bands' slots are searched for. `docs/stable-order.md` measures what it costs in crossings.
//!
//! The order of the shipped dataset is baked into `data/mali.order.json` (`influence-flows
//! order`), stamped with a hash of the dataset text it was computed from, so the page runs no
//! search for it; a test fails when the file is stale.

use super::{Arrangement, Filters, View};
use crate::data::model::Dataset;
use crate::layout::{Graph, GraphLink, GraphNode};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Node ids (as in `layout::GraphNode::id`: `russia:giver`, or `russia` in the network
/// arrangement), top to bottom (see `layout::node_order`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GlobalOrder {
    pub giver_receiver: Vec<String>,
    pub network: Vec<String>,
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
    network: Vec<String>,
}

impl GlobalOrder {
    /// Searches the order of `dataset`'s actors for both arrangements.
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
            crate::layout::node_order(&graph)
                .into_iter()
                .map(|v| graph.nodes[v].id.clone())
                .collect()
        };
        GlobalOrder {
            giver_receiver: of(Arrangement::GiverReceiver),
            network: of(Arrangement::Network),
        }
    }

    /// Per node of `view`'s graph, its rank in this order (a node the order does not know
    /// goes below the others, in the view's order).
    pub fn ranks(&self, view: &View, arrangement: Arrangement) -> Vec<usize> {
        let ids = match arrangement {
            Arrangement::GiverReceiver => &self.giver_receiver,
            Arrangement::Network => &self.network,
        };
        let at: HashMap<&str, usize> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        view.graph
            .nodes
            .iter()
            .enumerate()
            .map(|(v, n)| at.get(n.id.as_str()).copied().unwrap_or(ids.len() + v))
            .collect()
    }

    /// The baked file for the dataset whose JSON text is `text`.
    pub fn to_json(&self, text: &str) -> String {
        let baked = Baked {
            about: "The global order of the actors (influence-flows order; do not edit): \
                    node ids top to bottom (by relative height in the columns of the search)."
                .into(),
            dataset: dataset_hash(text),
            giver_receiver: self.giver_receiver.clone(),
            network: self.network.clone(),
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
            network: baked.network,
        })
    }
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
