//! Keyboard navigation over the picture: the chart is one tab stop, arrow keys move the focus.
//!
//! On an actor's node, Up and Down walk the nodes in reading order (column by column, top to
//! bottom) and Right or Left enter its outgoing or incoming bands. On a band, Up and Down walk
//! the bands at the node it was entered from, in the order they are stacked there, and Right
//! or Left leave it for its target or its source. Home and End jump to the first or last item
//! of the same list. Nothing wraps: at either end a key leaves the focus where it is.
//!
//! Pure functions of the layout and the view: the web shell keeps the `Focus`, draws the ring
//! and announces the item.

use crate::layout::Layout;
use crate::picture::highlight::Target;
use crate::view::View;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
}

/// The focused item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Focus {
    pub target: Target,
    /// For a band: the node it was entered from, whose bands Up and Down walk. `None` (or a
    /// node that is not one of the band's ends) means its source.
    pub anchor: Option<usize>,
}

impl Focus {
    pub fn node(node: usize) -> Focus {
        Focus {
            target: Target::Node(node),
            anchor: None,
        }
    }

    pub fn band(band: usize, anchor: usize) -> Focus {
        Focus {
            target: Target::Band(band),
            anchor: Some(anchor),
        }
    }
}

/// Which end of its bands a node's list is taken at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// Bands leaving the node, stacked by `source_y`.
    Outgoing,
    /// Bands entering the node, stacked by `target_y`.
    Incoming,
}

/// Nodes in reading order: by column, then top to bottom (ties by index).
pub fn reading_order(layout: &Layout, view: &View) -> Vec<usize> {
    let count = layout.nodes.len().min(view.nodes.len());
    let mut order: Vec<usize> = (0..count).collect();
    crate::util::sort::by(&mut order, |&a, &b| {
        let (na, nb) = (&layout.nodes[a], &layout.nodes[b]);
        na.column
            .cmp(&nb.column)
            .then(na.rect.y0.total_cmp(&nb.rect.y0))
            .then(a.cmp(&b))
    });
    order
}

/// The bands at `node`'s `end`, top to bottom as they are stacked there (ties by index).
pub fn bands_at(layout: &Layout, view: &View, node: usize, end: End) -> Vec<usize> {
    let count = layout.bands.len().min(view.graph.links.len());
    let mut bands: Vec<usize> = (0..count)
        .filter(|&b| {
            let link = &view.graph.links[b];
            match end {
                End::Outgoing => link.source == node,
                End::Incoming => link.target == node,
            }
        })
        .collect();
    let y = |b: usize| match end {
        End::Outgoing => layout.bands[b].source_y,
        End::Incoming => layout.bands[b].target_y,
    };
    crate::util::sort::by(&mut bands, |&a, &b| y(a).total_cmp(&y(b)).then(a.cmp(&b)));
    bands
}

/// The first focus: the top node of the first column.
pub fn first(layout: &Layout, view: &View) -> Option<Focus> {
    reading_order(layout, view).first().map(|&n| Focus::node(n))
}

/// The focus after one key press. A focus that no longer fits the picture (after the filters
/// changed) moves to `first`.
pub fn step(layout: &Layout, view: &View, focus: Focus, key: Key) -> Focus {
    let nodes = layout.nodes.len().min(view.nodes.len());
    let bands = layout.bands.len().min(view.graph.links.len());
    match focus.target {
        Target::Node(n) if n < nodes => step_from_node(layout, view, n, key).unwrap_or(focus),
        Target::Band(b) if b < bands => step_from_band(layout, view, b, focus.anchor, key),
        _ => first(layout, view).unwrap_or(focus),
    }
}

fn step_from_node(layout: &Layout, view: &View, node: usize, key: Key) -> Option<Focus> {
    let order = || reading_order(layout, view);
    match key {
        Key::Up | Key::Down => {
            let order = order();
            let at = order.iter().position(|&m| m == node)?;
            let next = if key == Key::Up {
                at.checked_sub(1)?
            } else {
                at + 1
            };
            order.get(next).map(|&m| Focus::node(m))
        }
        Key::Home => order().first().map(|&m| Focus::node(m)),
        Key::End => order().last().map(|&m| Focus::node(m)),
        Key::Right => bands_at(layout, view, node, End::Outgoing)
            .first()
            .map(|&b| Focus::band(b, node)),
        Key::Left => bands_at(layout, view, node, End::Incoming)
            .first()
            .map(|&b| Focus::band(b, node)),
    }
}

fn step_from_band(
    layout: &Layout,
    view: &View,
    band: usize,
    anchor: Option<usize>,
    key: Key,
) -> Focus {
    let link = &view.graph.links[band];
    // A self-loop entered from either side walks its node's outgoing bands.
    let (anchor, end) = match anchor {
        Some(a) if a == link.source => (a, End::Outgoing),
        Some(a) if a == link.target => (a, End::Incoming),
        _ => (link.source, End::Outgoing),
    };
    let here = Focus::band(band, anchor);
    let list = || bands_at(layout, view, anchor, end);
    let pick = |b: Option<&usize>| b.map_or(here, |&b| Focus::band(b, anchor));
    match key {
        Key::Right => Focus::node(link.target),
        Key::Left => Focus::node(link.source),
        Key::Home => pick(list().first()),
        Key::End => pick(list().last()),
        Key::Up | Key::Down => {
            let list = list();
            let Some(at) = list.iter().position(|&b| b == band) else {
                return here;
            };
            let next = match key {
                Key::Up => at.checked_sub(1),
                _ => Some(at + 1),
            };
            pick(next.and_then(|i| list.get(i)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Band, Graph, GraphLink, GraphNode, NodeBox, Rect};
    use crate::view::{Counts, ViewLink, ViewNode};

    /// Nodes at (column, y0); links (source, target, source_y, target_y).
    fn picture(nodes: &[(usize, f64)], links: &[(usize, usize, f64, f64)]) -> (Layout, View) {
        let layout = Layout {
            width: 400.0,
            height: 400.0,
            columns: nodes.iter().map(|n| n.0 + 1).max().unwrap_or(0),
            nodes: nodes
                .iter()
                .map(|&(column, y0)| NodeBox {
                    column,
                    rect: Rect {
                        x0: column as f64 * 100.0,
                        y0,
                        x1: column as f64 * 100.0 + 10.0,
                        y1: y0 + 20.0,
                    },
                })
                .collect(),
            bands: links
                .iter()
                .map(|&(s, t, sy, ty)| Band {
                    width: 2.0,
                    source_x: nodes[s].0 as f64 * 100.0 + 10.0,
                    source_y: sy,
                    target_x: nodes[t].0 as f64 * 100.0,
                    target_y: ty,
                    via: vec![],
                    loop_lane: None,
                })
                .collect(),
            labels: vec![],
            value_px: 1.0,
        };
        let view = View {
            nodes: (0..nodes.len())
                .map(|i| ViewNode {
                    actor: format!("a{i}"),
                    side: crate::view::Side::Both,
                })
                .collect(),
            links: links
                .iter()
                .map(|&(s, t, _, _)| ViewLink {
                    source_actor: format!("a{s}"),
                    target_actor: format!("a{t}"),
                    kind: "k".into(),
                    status: crate::data::model::Status::Fact,
                    flows: vec![0],
                })
                .collect(),
            graph: Graph {
                nodes: (0..nodes.len())
                    .map(|i| GraphNode {
                        id: format!("a{i}"),
                        label: format!("A{i}"),
                        short: None,
                    })
                    .collect(),
                links: links
                    .iter()
                    .map(|&(source, target, _, _)| GraphLink {
                        source,
                        target,
                        value: 1.0,
                    })
                    .collect(),
            },
            counts: Counts::default(),
            kinds_shown: vec!["k".into()],
        };
        (layout, view)
    }

    /// Column 0: node 2 (top), node 0; column 1: node 1 (top), node 3.
    /// Links: 0: 0→1 leaving at 110, 1: 0→3 leaving at 105, 2: 2→1 entering 1 at 8,
    /// 3: 0→1 again, leaving at 115 and entering at 15 (0 enters 1 at 12).
    fn sample() -> (Layout, View) {
        picture(
            &[(0, 100.0), (1, 0.0), (0, 0.0), (1, 50.0)],
            &[
                (0, 1, 110.0, 12.0),
                (0, 3, 105.0, 60.0),
                (2, 1, 10.0, 8.0),
                (0, 1, 115.0, 15.0),
            ],
        )
    }

    fn press(l: &Layout, v: &View, mut f: Focus, keys: &[Key]) -> Focus {
        for &k in keys {
            f = step(l, v, f, k);
        }
        f
    }

    #[test]
    fn reading_order_is_column_by_column_top_to_bottom() {
        let (l, v) = sample();
        assert_eq!(reading_order(&l, &v), vec![2, 0, 1, 3]);
        assert_eq!(first(&l, &v), Some(Focus::node(2)));
    }

    #[test]
    fn up_and_down_walk_nodes_and_stop_at_the_ends() {
        let (l, v) = sample();
        let start = first(&l, &v).unwrap();
        assert_eq!(step(&l, &v, start, Key::Up), start, "no wrap at the top");
        assert_eq!(step(&l, &v, start, Key::Down), Focus::node(0));
        let down3 = press(&l, &v, start, &[Key::Down; 3]);
        assert_eq!(down3, Focus::node(3));
        assert_eq!(
            step(&l, &v, down3, Key::Down),
            down3,
            "no wrap at the bottom"
        );
        assert_eq!(step(&l, &v, down3, Key::Home), Focus::node(2));
        assert_eq!(step(&l, &v, start, Key::End), Focus::node(3));
    }

    #[test]
    fn right_enters_the_topmost_outgoing_band_and_right_again_reaches_its_target() {
        let (l, v) = sample();
        let band = step(&l, &v, Focus::node(0), Key::Right);
        assert_eq!(
            band,
            Focus::band(1, 0),
            "band 1 leaves node 0 highest (y 105)"
        );
        assert_eq!(step(&l, &v, band, Key::Right), Focus::node(3));
        assert_eq!(step(&l, &v, band, Key::Left), Focus::node(0));
    }

    #[test]
    fn up_and_down_on_a_band_walk_its_anchor_in_stacking_order() {
        let (l, v) = sample();
        // Outgoing at node 0: band 1 (105), band 0 (110), band 3 (115).
        let b1 = step(&l, &v, Focus::node(0), Key::Right);
        assert_eq!(step(&l, &v, b1, Key::Down), Focus::band(0, 0));
        assert_eq!(press(&l, &v, b1, &[Key::Down; 2]), Focus::band(3, 0));
        assert_eq!(press(&l, &v, b1, &[Key::Down; 5]), Focus::band(3, 0));
        assert_eq!(step(&l, &v, b1, Key::Up), b1, "no wrap");
        assert_eq!(step(&l, &v, b1, Key::End), Focus::band(3, 0));
        // Incoming at node 1: band 2 (8), band 0 (12), band 3 (15).
        let b2 = step(&l, &v, Focus::node(1), Key::Left);
        assert_eq!(b2, Focus::band(2, 1));
        assert_eq!(step(&l, &v, b2, Key::Down), Focus::band(0, 1));
        assert_eq!(step(&l, &v, Focus::band(3, 1), Key::Home), b2);
        assert_eq!(step(&l, &v, b2, Key::Left), Focus::node(2));
    }

    #[test]
    fn a_node_without_bands_on_a_side_keeps_the_focus() {
        let (l, v) = sample();
        assert_eq!(step(&l, &v, Focus::node(3), Key::Right), Focus::node(3));
        assert_eq!(step(&l, &v, Focus::node(2), Key::Left), Focus::node(2));
    }

    #[test]
    fn a_band_without_anchor_walks_its_source() {
        let (l, v) = sample();
        let free = Focus {
            target: Target::Band(0),
            anchor: None,
        };
        assert_eq!(step(&l, &v, free, Key::Up), Focus::band(1, 0));
    }

    #[test]
    fn a_stale_focus_moves_to_the_first_node_and_an_empty_picture_keeps_it() {
        let (l, v) = sample();
        assert_eq!(step(&l, &v, Focus::node(99), Key::Down), Focus::node(2));
        assert_eq!(step(&l, &v, Focus::band(99, 0), Key::Up), Focus::node(2));
        let (l, v) = picture(&[], &[]);
        assert_eq!(first(&l, &v), None);
        assert_eq!(step(&l, &v, Focus::node(0), Key::Down), Focus::node(0));
    }

    #[test]
    fn a_self_loop_walks_its_nodes_outgoing_bands() {
        let (l, v) = picture(&[(0, 0.0)], &[(0, 0, 5.0, 15.0), (0, 0, 10.0, 12.0)]);
        // Entered from the left: the topmost incoming band (band 1 enters at 12, band 0 at 15).
        let entered_left = step(&l, &v, Focus::node(0), Key::Left);
        assert_eq!(entered_left, Focus::band(1, 0));
        // Its anchor is also its source, so Up and Down walk the outgoing order: 0 (5), 1 (10).
        assert_eq!(step(&l, &v, entered_left, Key::Up), Focus::band(0, 0));
        assert_eq!(step(&l, &v, entered_left, Key::Down), entered_left);
    }
}
