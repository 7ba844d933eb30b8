//! Small multiples as views: the panels one view splits into (one per family of kinds, or per
//! period the editor names), and their union, the one view the composed picture indexes.
//!
//! Each panel is an ordinary `View` with stricter filters (the other families' kinds hidden,
//! or only the flows touching the period), so the legend and the filters still apply in every
//! panel. The union lists the panels' nodes and links one panel after the other: a band of the
//! composed scene is then a link of its own panel, holding only that panel's flows (a period's
//! tooltip shows that period's flows only).

use super::{Filters, Multiples, View};
use crate::data::model::Dataset;
use crate::layout::{Graph, GraphLink};

/// One small chart: its title and its view.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    /// The family's or the period's label.
    pub title: String,
    pub view: View,
    /// Why nothing is drawn, when the panel is empty: said in the panel, never dropped.
    pub empty: Option<String>,
}

/// The panels of `filters`' view split `by` family or named period, in the dataset's order.
/// None by period when the dataset names no periods.
pub fn panels(dataset: &Dataset, filters: &Filters, by: Multiples) -> Vec<Panel> {
    let base = Filters {
        multiples: None,
        ..filters.clone()
    };
    match by {
        Multiples::Family => families(dataset)
            .into_iter()
            .map(|(title, kinds)| {
                let mut only = base.clone();
                only.hidden_kinds.extend(
                    dataset
                        .kinds
                        .iter()
                        .filter(|k| !kinds.contains(&k.id.as_str()))
                        .map(|k| k.id.clone()),
                );
                let view = View::new(dataset, &only);
                let all_hidden = kinds.iter().all(|k| filters.hidden_kinds.contains(*k));
                let empty = view.links.is_empty().then(|| {
                    if all_hidden {
                        "Hidden: its kinds are off in the legend.".to_string()
                    } else {
                        "No documented flows in this view.".to_string()
                    }
                });
                Panel { title, view, empty }
            })
            .collect(),
        Multiples::Period => dataset
            .periods
            .iter()
            .map(|period| {
                let view = View::within(dataset, &base, period.days());
                let empty = view
                    .links
                    .is_empty()
                    .then(|| "No dated flows of this view in this period.".to_string());
                Panel {
                    title: period.label.clone(),
                    view,
                    empty,
                }
            })
            .collect(),
    }
}

/// Each family's label and kind ids, in legend order; each kind alone in a dataset that
/// declares no families.
fn families(dataset: &Dataset) -> Vec<(String, Vec<&str>)> {
    if dataset.families.is_empty() {
        return dataset
            .kinds
            .iter()
            .map(|k| (k.label.clone(), vec![k.id.as_str()]))
            .collect();
    }
    dataset
        .families
        .iter()
        .map(|f| {
            let kinds = dataset.kinds_of(&f.id).map(|k| k.id.as_str()).collect();
            (f.label.clone(), kinds)
        })
        .collect()
}

/// The panels' views as one: nodes and links one panel after the other (graph links
/// renumbered), counts of the whole view `all` with the flows in no panel counted as
/// hidden by period (a flow outside every named period), every flow counted once.
pub fn union(dataset: &Dataset, all: &View, panels: &[Panel]) -> View {
    let mut nodes = Vec::new();
    let mut links = Vec::new();
    let mut graph = Graph::default();
    for panel in panels {
        let offset = nodes.len();
        nodes.extend(panel.view.nodes.iter().cloned());
        links.extend(panel.view.links.iter().cloned());
        graph.nodes.extend(panel.view.graph.nodes.iter().cloned());
        graph
            .links
            .extend(panel.view.graph.links.iter().map(|l| GraphLink {
                source: l.source + offset,
                target: l.target + offset,
                value: l.value,
            }));
    }
    let mut shown: Vec<usize> = links
        .iter()
        .flat_map(|l: &super::ViewLink| l.flows.iter().copied())
        .collect();
    crate::util::sort::sort(&mut shown);
    shown.dedup();
    let mut counts = all.counts;
    counts.hidden_by_period += counts.shown.saturating_sub(shown.len());
    counts.shown = shown.len();
    let kinds_shown = dataset
        .kinds
        .iter()
        .filter(|k| links.iter().any(|l: &super::ViewLink| l.kind == k.id))
        .map(|k| k.id.clone())
        .collect();
    View {
        nodes,
        links,
        graph,
        counts,
        kinds_shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mali() -> Dataset {
        crate::validate::load(include_str!("../../data/mali.json")).expect("mali loads")
    }

    #[test]
    fn family_panels_hold_every_shown_flow_once_and_only_their_kinds() {
        let dataset = mali();
        let filters = Filters::default();
        let panels = panels(&dataset, &filters, Multiples::Family);
        assert_eq!(panels.len(), dataset.families.len());
        for (panel, family) in panels.iter().zip(&dataset.families) {
            assert_eq!(panel.title, family.label);
            for link in &panel.view.links {
                assert_eq!(
                    dataset.kind(&link.kind).unwrap().family.as_deref(),
                    Some(family.id.as_str())
                );
            }
        }
        let all = View::new(&dataset, &filters);
        let union = union(&dataset, &all, &panels);
        assert_eq!(union.counts, all.counts);
        assert_eq!(
            union.counts.shown + union.counts.filtered_out(),
            union.counts.total
        );
        assert_eq!(union.links.len(), union.graph.links.len());
        for (link, graph_link) in union.links.iter().zip(&union.graph.links) {
            assert_eq!(union.nodes[graph_link.source].actor, link.source_actor);
            assert_eq!(union.nodes[graph_link.target].actor, link.target_actor);
        }
    }

    #[test]
    fn a_family_whose_kinds_are_hidden_is_an_empty_panel_that_says_so() {
        let dataset = mali();
        let filters = crate::view::family::toggle(&dataset, &Filters::default(), "harm");
        let panels = panels(&dataset, &filters, Multiples::Family);
        let harm = panels.iter().find(|p| p.title == "Violence").unwrap();
        assert!(harm.view.links.is_empty());
        assert!(harm.empty.as_deref().unwrap().contains("Hidden"));
        assert_eq!(panels.len(), dataset.families.len());
    }
}
