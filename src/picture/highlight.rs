//! Which marks are singled out: the `Target` a reader points at, focuses or selects (an actor's
//! node or a band), and the `Highlight` it lights up, which `draw` paints at full strength
//! while the rest is dimmed. Here, below the reader's modules, so that the painter needs
//! nothing of theirs.

use crate::view::View;
use std::collections::HashSet;

/// A mark a reader can point at, focus or select.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// Index into `Scene::bands` (the same as `View::links`).
    Band(usize),
    /// Index into `Scene::nodes` (the same as `View::nodes`).
    Node(usize),
}

/// The marks to draw at full strength while `target` is highlighted; the rest is dimmed.
/// Hash sets: only membership is asked, and the wasm already has hashbrown, while each B-tree
/// type costs its own code (these two and two more were ~10 KB of wasm).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlight {
    pub bands: HashSet<usize>,
    pub nodes: HashSet<usize>,
}

pub fn highlight(view: &View, target: Target) -> Highlight {
    let mut lit = Highlight::default();
    match target {
        Target::Band(b) => {
            if let Some(link) = view.graph.links.get(b) {
                lit.bands.insert(b);
                lit.nodes.extend([link.source, link.target]);
            }
        }
        Target::Node(n) => {
            let Some(actor) = view.nodes.get(n).map(|node| node.actor.as_str()) else {
                return lit;
            };
            // An actor may stand on both sides (giver and receiver): light up both.
            for (i, node) in view.nodes.iter().enumerate() {
                if node.actor == actor {
                    lit.nodes.insert(i);
                }
            }
            for (b, link) in view.graph.links.iter().enumerate() {
                if lit.nodes.contains(&link.source) || lit.nodes.contains(&link.target) {
                    lit.bands.insert(b);
                }
            }
            let ends: Vec<usize> = lit
                .bands
                .iter()
                .flat_map(|&b| [view.graph.links[b].source, view.graph.links[b].target])
                .collect();
            lit.nodes.extend(ends);
        }
    }
    lit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::Dataset;
    use crate::view::Filters;

    fn mali() -> Dataset {
        crate::validate::load(include_str!("../../data/mali.json")).expect("valid")
    }

    #[test]
    fn band_highlight_is_the_band_and_its_two_nodes() {
        let dataset = mali();
        let view = View::new(&dataset, &Filters::default());
        let lit = highlight(&view, Target::Band(0));
        let link = &view.graph.links[0];
        assert_eq!(lit.bands, HashSet::from([0]));
        assert_eq!(lit.nodes, HashSet::from([link.source, link.target]));
    }

    #[test]
    fn actor_highlight_covers_both_sides_and_every_flow_of_the_actor() {
        let dataset = mali();
        let view = View::new(&dataset, &Filters::default());
        let russia: Vec<usize> = (0..view.nodes.len())
            .filter(|&i| view.nodes[i].actor == "russia")
            .collect();
        assert_eq!(russia.len(), 2, "Russia gives and receives");
        let lit = highlight(&view, Target::Node(russia[0]));
        for &n in &russia {
            assert!(lit.nodes.contains(&n));
        }
        let expected: HashSet<usize> = (0..view.links.len())
            .filter(|&b| {
                view.links[b].source_actor == "russia" || view.links[b].target_actor == "russia"
            })
            .collect();
        assert_eq!(lit.bands, expected);
    }
}
