//! What the reader asked to see: filters over a dataset, and the graph they aggregate to.
//!
//! `Filters` is the whole interactive state that changes the picture (kinds, actors, period,
//! folding). `View::new` applies it to a dataset: every flow is either shown or counted as
//! filtered out, never lost, and the shown flows are aggregated into `layout::Graph` links,
//! one per (giver, receiver, kind, status), weighted by the number of documented flows. The
//! status is part of the key so that a denied claim is never drawn inside a band of facts.

pub mod accounting;
pub mod change;
pub mod family;
pub mod multiples;
pub mod options;
pub mod order;

use crate::data::model::{Dataset, Day, Status};
use crate::data::period::PartialDate;
use crate::layout::{Graph, GraphLink, GraphNode};
use std::collections::{HashMap, HashSet};

/// How actors become nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Arrangement {
    /// Each actor appears twice: as a giver on the left and a receiver on the right, so
    /// mutual flows (Russia → Mali arms, Mali → Russia votes) never form cycles.
    #[default]
    GiverReceiver,
    /// Each actor appears once; flows that close a cycle are routed around the diagram.
    Network,
}

/// The reader's filters. The hidden sets are hash sets (a B-tree type is its own code in the
/// wasm); whoever needs an order sorts, as `url_state::encode` does.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filters {
    pub hidden_kinds: HashSet<String>,
    pub hidden_actors: HashSet<String>,
    /// Fold each actor into its `group` (Wagner into Russia).
    pub fold_groups: bool,
    /// Only flows whose period touches these years (inclusive); undated flows are hidden
    /// while a period is set.
    pub years: Option<(i32, i32)>,
    pub arrangement: Arrangement,
    /// Small multiples: one small chart per family or per named period, all in the global
    /// order and at one scale (`picture::multiples`); None draws one chart.
    pub multiples: Option<Multiples>,
}

/// What small multiples split the view by (`layout=multiples&by=family` or `by=period`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Multiples {
    /// One panel per family of kinds (per kind in a dataset without families).
    Family,
    /// One panel per period the dataset names (`Dataset::periods`).
    Period,
}

impl Multiples {
    pub fn id(self) -> &'static str {
        match self {
            Multiples::Family => "family",
            Multiples::Period => "period",
        }
    }
}

/// One band of the picture: the flows of one kind and one status from one giver to one
/// receiver.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewLink {
    pub source_actor: String,
    pub target_actor: String,
    pub kind: String,
    /// How the documents present every flow of the band: fact, reported or denied.
    pub status: Status,
    /// Indices into `Dataset::flows`, in dataset order.
    pub flows: Vec<usize>,
}

/// A node of the picture: an actor (folded or not), on one side or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewNode {
    pub actor: String,
    pub side: Side,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    Giver,
    Receiver,
    Both,
}

/// Where every flow of the dataset went: shown, or which filter took it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub total: usize,
    pub shown: usize,
    pub hidden_by_kind: usize,
    pub hidden_by_actor: usize,
    pub hidden_by_period: usize,
}

impl Counts {
    pub fn filtered_out(&self) -> usize {
        self.hidden_by_kind + self.hidden_by_actor + self.hidden_by_period
    }
}

/// The filtered, aggregated view: nodes and links parallel to `graph`'s.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub nodes: Vec<ViewNode>,
    pub links: Vec<ViewLink>,
    pub graph: Graph,
    pub counts: Counts,
    /// Kinds present among the shown flows, in dataset order.
    pub kinds_shown: Vec<String>,
}

impl View {
    pub fn new(dataset: &Dataset, filters: &Filters) -> View {
        View::within(dataset, filters, None)
    }

    /// [`View::new`], keeping only the flows whose dates touch `days` (first and last day,
    /// inclusive) when given: a panel of small multiples by period. A flow left out by it is
    /// counted as hidden by period; an undated one too.
    pub fn within(dataset: &Dataset, filters: &Filters, days: Option<(Day, Day)>) -> View {
        let fold = fold_map(dataset, filters.fold_groups);
        let display = |id: &str| fold.get(id).cloned().unwrap_or_else(|| id.to_string());
        let open_until = open_year(dataset);
        let mut counts = Counts {
            total: dataset.flows.len(),
            ..Counts::default()
        };
        // (source rank, target rank, kind rank, status) and the flow, grouped below by sorting: a
        // BTreeMap of Vecs here would be one more B-tree instantiation in the wasm.
        let mut grouped: Vec<((usize, usize, usize, Status), usize)> = Vec::new();
        let actor_rank: HashMap<&str, usize> = dataset
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let kind_rank: HashMap<&str, usize> = dataset
            .kinds
            .iter()
            .enumerate()
            .map(|(i, k)| (k.id.as_str(), i))
            .collect();
        for (index, flow) in dataset.flows.iter().enumerate() {
            if filters.hidden_kinds.contains(&flow.kind) {
                counts.hidden_by_kind += 1;
                continue;
            }
            let (source, target) = (display(&flow.source), display(&flow.target));
            if filters.hidden_actors.contains(&flow.source)
                || filters.hidden_actors.contains(&flow.target)
                || filters.hidden_actors.contains(&source)
                || filters.hidden_actors.contains(&target)
            {
                counts.hidden_by_actor += 1;
                continue;
            }
            if let Some((from, to)) = filters.years {
                let touches = flow
                    .period()
                    .is_some_and(|p| p.overlaps_years(from, to, open_until));
                if !touches {
                    counts.hidden_by_period += 1;
                    continue;
                }
            }
            if let Some((first, last)) = days {
                let touches = flow.period().is_some_and(|p| {
                    let end = if p.ongoing {
                        p.end.latest().max((open_until, 12, 31))
                    } else {
                        p.end.latest()
                    };
                    p.start.earliest() <= last && end >= first
                });
                if !touches {
                    counts.hidden_by_period += 1;
                    continue;
                }
            }
            counts.shown += 1;
            let rank = |id: &str| actor_rank.get(id).copied().unwrap_or(usize::MAX);
            let kind = kind_rank
                .get(flow.kind.as_str())
                .copied()
                .unwrap_or(usize::MAX);
            grouped.push(((rank(&source), rank(&target), kind, flow.status), index));
        }
        // Stable: each link's flows stay in dataset order.
        crate::util::sort::by_key(&mut grouped, |&(key, _)| key);
        let mut links: Vec<ViewLink> = Vec::new();
        for (at, &(key, index)) in grouped.iter().enumerate() {
            match links.last_mut() {
                Some(link) if at > 0 && grouped[at - 1].0 == key => link.flows.push(index),
                _ => {
                    let first = &dataset.flows[index];
                    links.push(ViewLink {
                        source_actor: display(&first.source),
                        target_actor: display(&first.target),
                        kind: first.kind.clone(),
                        status: first.status,
                        flows: vec![index],
                    });
                }
            }
        }
        let kinds_shown = dataset
            .kinds
            .iter()
            .filter(|k| links.iter().any(|l| l.kind == k.id))
            .map(|k| k.id.clone())
            .collect();
        let (nodes, graph) = build_graph(dataset, &links, filters.arrangement);
        View {
            nodes,
            links,
            graph,
            counts,
            kinds_shown,
        }
    }
}

/// The year ongoing periods run to: the latest source document's year, or the latest year
/// any flow names.
pub fn open_year(dataset: &Dataset) -> i32 {
    let from_sources = dataset
        .sources
        .iter()
        .filter_map(|s| s.date.as_deref().and_then(|d| PartialDate::parse(d).ok()))
        .map(|d| d.year);
    let from_flows = dataset
        .flows
        .iter()
        .filter_map(|f| f.period())
        .map(|p| p.end.year);
    from_sources.chain(from_flows).max().unwrap_or(0)
}

/// The years the dated flows span, inclusive.
pub fn year_span(dataset: &Dataset) -> Option<(i32, i32)> {
    let open = open_year(dataset);
    let spans = dataset
        .flows
        .iter()
        .filter_map(|f| f.period())
        .map(|p| p.years(open));
    spans.fold(None, |acc, (a, b)| match acc {
        None => Some((a, b)),
        Some((x, y)) => Some((x.min(a), y.max(b))),
    })
}

/// Maps each actor id to the id it is drawn as: its group's root when folding, else itself.
fn fold_map(dataset: &Dataset, fold: bool) -> HashMap<String, String> {
    let group: HashMap<&str, &str> = dataset
        .actors
        .iter()
        .filter_map(|a| a.group.as_deref().map(|g| (a.id.as_str(), g)))
        .collect();
    // Each actor's outermost group, remembered as found: following every chain from its
    // start was quadratic (4 s for a chain 10,000 deep).
    let mut root: HashMap<&str, &str> = HashMap::new();
    if fold {
        for a in &dataset.actors {
            let mut path: Vec<&str> = Vec::new();
            let mut id = a.id.as_str();
            // The step bound guards against cycles in bad data.
            let top = loop {
                if let Some(&r) = root.get(id) {
                    break r;
                }
                if path.len() > dataset.actors.len() {
                    break id;
                }
                path.push(id);
                match group.get(id) {
                    Some(next) if *next != id => id = next,
                    _ => break id,
                }
            };
            for step in path {
                root.insert(step, top);
            }
        }
    }
    dataset
        .actors
        .iter()
        .map(|a| {
            let id = root.get(a.id.as_str()).copied().unwrap_or(a.id.as_str());
            (a.id.clone(), id.to_string())
        })
        .collect()
}

fn build_graph(
    dataset: &Dataset,
    links: &[ViewLink],
    arrangement: Arrangement,
) -> (Vec<ViewNode>, Graph) {
    let actor: HashMap<&str, &crate::data::model::Actor> =
        dataset.actors.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut nodes: Vec<ViewNode> = Vec::new();
    let mut index: HashMap<(String, Side), usize> = HashMap::new();
    let mut node_for = |actor: &str, side: Side, nodes: &mut Vec<ViewNode>| -> usize {
        let side = match arrangement {
            Arrangement::GiverReceiver => side,
            Arrangement::Network => Side::Both,
        };
        *index.entry((actor.to_string(), side)).or_insert_with(|| {
            nodes.push(ViewNode {
                actor: actor.to_string(),
                side,
            });
            nodes.len() - 1
        })
    };
    let mut graph_links = Vec::with_capacity(links.len());
    for link in links {
        let source = node_for(&link.source_actor, Side::Giver, &mut nodes);
        let target = node_for(&link.target_actor, Side::Receiver, &mut nodes);
        graph_links.push(GraphLink {
            source,
            target,
            value: link.flows.len() as f64,
        });
    }
    let graph_nodes = nodes
        .iter()
        .map(|n| GraphNode {
            id: match n.side {
                Side::Giver => format!("{}:giver", n.actor),
                Side::Receiver => format!("{}:receiver", n.actor),
                Side::Both => n.actor.clone(),
            },
            label: actor
                .get(n.actor.as_str())
                .map_or(n.actor.as_str(), |a| a.name.as_str())
                .to_string(),
            short: actor.get(n.actor.as_str()).and_then(|a| a.short.clone()),
        })
        .collect();
    (
        nodes,
        Graph {
            nodes: graph_nodes,
            links: graph_links,
        },
    )
}
