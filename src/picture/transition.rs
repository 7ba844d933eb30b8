//! Motion between two pictures: when the view changes, bands and actors move, grow and shrink
//! from where they were to where they go, instead of the picture being replaced.
//!
//! A `Frame` is a picture as the motion sees it: every mark with its identity (an actor's
//! node by actor and side, a band by giver, receiver, kind and status, a label by its node)
//! and the geometry that moves (node rectangles, band routes, label anchors). A `Transition`
//! pairs the marks of two frames once; `at(t)` is the frame in between, `t` from 0 (the old
//! picture) to 1 (the new one, exactly), and `Frame::scene` turns it into a `Scene` to paint.
//!
//! - Marks in both pictures interpolate linearly. Band routes interpolate their stations and
//!   thickness, and the outline is built from the interpolated route, so it stays a proper
//!   S-curve of constant vertical thickness; the certainty strokes (hatch, dashes) are
//!   computed again from that outline, so they stay inside it.
//! - A new band grows from zero thickness, its ends riding on its nodes (placed where it will
//!   meet them, mapped into the node's old box); a gone band shrinks to zero the same way.
//!   A new node grows from zero height between its neighbours (the actors of its column that
//!   both pictures draw), so the column opens around it; a gone one closes the same way.
//! - Labels move with their nodes; a gone label fades out in the first half, a new one fades
//!   in in the second, and a label whose text changes fades out and in again at the midpoint
//!   (fading is a mix with the background: labels sit on it).
//!
//! The in-between scene lists the new picture's marks first, in its order (so a highlight's
//! indices, which are the new view's, light the same marks while it moves), then the gone
//! ones. Any in-between frame can start the next transition, so a view change in the middle
//! of one moves on from where the picture is, without a jump.

use crate::colour::Rgb;
use crate::data::model::Status;
use crate::layout::{Band, Layout, LoopLane, Rect, Station};
use crate::picture::certainty::Certainty;
use crate::picture::scene::{band_outline, BandMark, LabelMark, NodeMark, Scene};
use crate::view::{Side, View};
use std::collections::{HashMap, HashSet};

/// How long a transition runs, in milliseconds.
pub const DURATION_MS: f64 = 400.0;

/// Cubic ease in-out: slow start, slow end; 0 ↦ 0 and 1 ↦ 1 exactly, clamped outside.
pub fn ease(t: f64) -> f64 {
    if t.is_nan() || t <= 0.0 {
        0.0
    } else if t >= 1.0 {
        1.0
    } else if t < 0.5 {
        4.0 * t * t * t
    } else {
        let u = 2.0 - 2.0 * t;
        1.0 - u * u * u / 2.0
    }
}

/// Eased progress of a transition started at `start` ms, at `now` ms.
pub fn progress(start: f64, now: f64) -> f64 {
    ease((now - start) / DURATION_MS)
}

/// An actor's node: the actor and the side it stands on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NodeKey {
    pub actor: String,
    pub side: Side,
}

/// A band: the flows of one kind and status from one giver to one receiver.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BandKey {
    pub giver: String,
    pub receiver: String,
    pub kind: String,
    pub status: Status,
}

/// A picture as the motion sees it: marks with their identities and geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub background: Rgb,
    pub bands: Vec<BandShape>,
    pub nodes: Vec<NodeShape>,
    pub labels: Vec<LabelShape>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BandShape {
    pub key: BandKey,
    /// The nodes the band leaves and enters, so a growing band can ride on them.
    pub giver: NodeKey,
    pub receiver: NodeKey,
    pub route: Band,
    pub color: Rgb,
    pub alpha: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NodeShape {
    pub key: NodeKey,
    /// The layout's column: where a node grows from or shrinks to is found in its column.
    pub column: usize,
    pub rect: Rect,
    pub color: Rgb,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LabelShape {
    /// The node the label names.
    pub key: NodeKey,
    /// The label as drawn; its `node` index is set again by `Frame::scene`.
    pub mark: LabelMark,
    /// 1 drawn in full, 0 not drawn.
    pub opacity: f64,
}

impl Frame {
    /// The frame of a laid-out picture: `layout` and `scene` of `view`.
    pub fn of(view: &View, layout: &Layout, scene: &Scene) -> Frame {
        let node_key = |n: usize| NodeKey {
            actor: view.nodes[n].actor.clone(),
            side: view.nodes[n].side,
        };
        let bands = scene
            .bands
            .iter()
            .map(|mark| {
                let link = &view.links[mark.link];
                let ends = &view.graph.links[mark.link];
                BandShape {
                    key: BandKey {
                        giver: link.source_actor.clone(),
                        receiver: link.target_actor.clone(),
                        kind: link.kind.clone(),
                        status: link.status,
                    },
                    giver: node_key(ends.source),
                    receiver: node_key(ends.target),
                    route: layout.bands[mark.link].clone(),
                    color: mark.color,
                    alpha: mark.alpha,
                }
            })
            .collect();
        let nodes = scene
            .nodes
            .iter()
            .map(|mark| NodeShape {
                key: node_key(mark.node),
                column: layout.nodes[mark.node].column,
                rect: mark.rect.clone(),
                color: mark.color,
            })
            .collect();
        let labels = scene
            .labels
            .iter()
            .map(|mark| LabelShape {
                key: node_key(mark.node),
                mark: mark.clone(),
                opacity: 1.0,
            })
            .collect();
        Frame {
            width: scene.width,
            height: scene.height,
            background: scene.background,
            bands,
            nodes,
            labels,
        }
    }

    /// The scene to paint: band outlines from their routes, certainty strokes from the
    /// outlines, faded labels mixed with the background, invisible labels left out.
    pub fn scene(&self) -> Scene {
        let bands = self
            .bands
            .iter()
            .enumerate()
            .map(|(link, band)| {
                let outline = band_outline(&band.route);
                // A band of no thickness has nothing to hatch, and no outline to dash.
                let certainty = if band.route.width > 0.0 {
                    Certainty::of(band.key.status, &outline)
                } else {
                    Certainty {
                        status: band.key.status,
                        strokes: Vec::new(),
                    }
                };
                BandMark {
                    link,
                    kind: band.key.kind.clone(),
                    color: band.color,
                    alpha: band.alpha,
                    outline,
                    certainty,
                }
            })
            .collect();
        let nodes = self
            .nodes
            .iter()
            .enumerate()
            .map(|(node, shape)| NodeMark {
                node,
                rect: shape.rect.clone(),
                color: shape.color,
            })
            .collect();
        let index: HashMap<&NodeKey, usize> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (&n.key, i))
            .collect();
        let labels = self
            .labels
            .iter()
            .filter(|l| l.opacity > 0.0)
            .filter_map(|l| {
                Some(LabelMark {
                    node: *index.get(&l.key)?,
                    color: if l.opacity >= 1.0 {
                        l.mark.color
                    } else {
                        l.mark.color.over(self.background, l.opacity)
                    },
                    ..l.mark.clone()
                })
            })
            .collect();
        Scene {
            width: self.width,
            height: self.height,
            background: self.background,
            bands,
            nodes,
            labels,
            // Small multiples are not moved: a change to or from them is drawn at once.
            panels: Vec::new(),
            // A story step's annotations wait for the end of the motion.
            annotations: Vec::new(),
        }
    }
}

/// How one band moves.
#[derive(Debug, Clone)]
enum BandPath {
    /// Its route interpolates (the two routes have the same stations and loop or not).
    Glide(Band, Band),
    /// Routes of different shapes (another number of columns crossed, a loop that is one no
    /// more): the old one shrinks to nothing in the first half, the new one grows in the second.
    Swap(Band, Band),
}

#[derive(Debug, Clone)]
struct LabelPath {
    from: LabelMark,
    to: LabelMark,
    from_opacity: f64,
    to_opacity: f64,
}

/// Two frames' marks paired once; `at(t)` gives the frames in between.
#[derive(Debug, Clone)]
pub struct Transition {
    from_size: (f64, f64),
    to: Frame,
    /// Parallel to `to.bands`, then the gone bands.
    bands: Vec<(BandShape, BandPath)>,
    /// Parallel to `to.nodes`, then the gone nodes: (shape, from, to).
    nodes: Vec<(NodeShape, Rect, Rect)>,
    labels: Vec<(NodeKey, LabelPath)>,
}

impl Transition {
    pub fn new(old: &Frame, new: &Frame) -> Transition {
        let old_nodes: HashMap<&NodeKey, &Rect> =
            old.nodes.iter().map(|n| (&n.key, &n.rect)).collect();
        let new_nodes: HashMap<&NodeKey, &Rect> =
            new.nodes.iter().map(|n| (&n.key, &n.rect)).collect();

        let mut nodes: Vec<(NodeShape, Rect, Rect)> = new
            .nodes
            .iter()
            .map(|n| {
                let from = old_nodes.get(&n.key).map_or_else(
                    || between_neighbours(n, &new.nodes, &old_nodes, old.height),
                    |r| (*r).clone(),
                );
                (n.clone(), from, n.rect.clone())
            })
            .collect();
        nodes.extend(
            old.nodes
                .iter()
                .filter(|n| !new_nodes.contains_key(&n.key))
                .map(|n| {
                    let to = between_neighbours(n, &old.nodes, &new_nodes, new.height);
                    (n.clone(), n.rect.clone(), to)
                }),
        );
        // Each node's box in both pictures, for bands and labels riding on it.
        let boxes: HashMap<&NodeKey, (&Rect, &Rect)> =
            nodes.iter().map(|(n, a, b)| (&n.key, (a, b))).collect();

        let old_bands: HashMap<&BandKey, &BandShape> =
            old.bands.iter().map(|b| (&b.key, b)).collect();
        let new_keys: HashSet<&BandKey> = new.bands.iter().map(|b| &b.key).collect();
        let ends = |band: &BandShape| {
            let end = |key: &NodeKey| boxes.get(key).copied();
            (end(&band.giver), end(&band.receiver))
        };
        let mut bands: Vec<(BandShape, BandPath)> = new
            .bands
            .iter()
            .map(|band| {
                let path = match old_bands.get(&band.key) {
                    Some(old) if same_shape(&old.route, &band.route) => {
                        BandPath::Glide(old.route.clone(), band.route.clone())
                    }
                    Some(old) => BandPath::Swap(old.route.clone(), band.route.clone()),
                    None => {
                        // Grows on its nodes: its place in their old boxes, no thickness.
                        let (giver, receiver) = ends(band);
                        let from = ride(
                            &band.route,
                            giver.map(|(old, new)| (new, old)),
                            receiver.map(|(old, new)| (new, old)),
                        );
                        BandPath::Glide(from, band.route.clone())
                    }
                };
                (band.clone(), path)
            })
            .collect();
        bands.extend(
            old.bands
                .iter()
                .filter(|b| !new_keys.contains(&b.key))
                .map(|band| {
                    let (giver, receiver) = ends(band);
                    let to = ride(&band.route, giver, receiver);
                    (band.clone(), BandPath::Glide(band.route.clone(), to))
                }),
        );

        let old_labels: HashMap<&NodeKey, &LabelShape> =
            old.labels.iter().map(|l| (&l.key, l)).collect();
        let new_labels: HashSet<&NodeKey> = new.labels.iter().map(|l| &l.key).collect();
        // A label's anchor moved as its node's centre moves between the two boxes.
        let follow = |mark: &LabelMark, key: &NodeKey, forward: bool| -> LabelMark {
            let Some((a, b)) = boxes.get(key) else {
                return mark.clone();
            };
            let (from, to) = if forward { (*a, *b) } else { (*b, *a) };
            LabelMark {
                x: mark.x + (to.x0 + to.x1 - from.x0 - from.x1) / 2.0,
                y: mark.y + (to.y0 + to.y1 - from.y0 - from.y1) / 2.0,
                ..mark.clone()
            }
        };
        let mut labels: Vec<(NodeKey, LabelPath)> = new
            .labels
            .iter()
            .map(|label| {
                let path = match old_labels.get(&label.key) {
                    Some(old) => LabelPath {
                        from: old.mark.clone(),
                        to: label.mark.clone(),
                        from_opacity: old.opacity,
                        to_opacity: label.opacity,
                    },
                    None => LabelPath {
                        from: follow(&label.mark, &label.key, false),
                        to: label.mark.clone(),
                        from_opacity: 0.0,
                        to_opacity: label.opacity,
                    },
                };
                (label.key.clone(), path)
            })
            .collect();
        labels.extend(
            old.labels
                .iter()
                .filter(|l| !new_labels.contains(&l.key))
                .map(|label| {
                    let path = LabelPath {
                        from: label.mark.clone(),
                        to: follow(&label.mark, &label.key, true),
                        from_opacity: label.opacity,
                        to_opacity: 0.0,
                    };
                    (label.key.clone(), path)
                }),
        );

        Transition {
            from_size: (old.width, old.height),
            to: new.clone(),
            bands,
            nodes,
            labels,
        }
    }

    /// The frame where you are after `t` of the way (0 to 1, already eased); at 1 the new
    /// frame itself, the gone marks dropped.
    pub fn at(&self, t: f64) -> Frame {
        let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
        if t >= 1.0 {
            return self.to.clone();
        }
        let bands = self
            .bands
            .iter()
            .map(|(shape, path)| BandShape {
                route: match path {
                    BandPath::Glide(a, b) => route_at(a, b, t),
                    BandPath::Swap(a, b) if t < 0.5 => Band {
                        width: a.width * (1.0 - 2.0 * t),
                        ..a.clone()
                    },
                    BandPath::Swap(_, b) => Band {
                        width: b.width * (2.0 * t - 1.0),
                        ..b.clone()
                    },
                },
                ..shape.clone()
            })
            .collect();
        let nodes = self
            .nodes
            .iter()
            .map(|(shape, a, b)| NodeShape {
                rect: rect_at(a, b, t),
                ..shape.clone()
            })
            .collect();
        let labels = self
            .labels
            .iter()
            .map(|(key, path)| label_at(key, path, t))
            .collect();
        Frame {
            width: lerp(self.from_size.0, self.to.width, t),
            height: lerp(self.from_size.1, self.to.height, t),
            background: self.to.background,
            bands,
            nodes,
            labels,
        }
    }

    /// The frame the transition ends on.
    pub fn target(&self) -> &Frame {
        &self.to
    }
}

/// `a` at t = 0, `b` at t = 1, exactly (this form, not `a + (b - a) t`, ends on `b`).
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    a * (1.0 - t) + b * t
}

fn rect_at(a: &Rect, b: &Rect, t: f64) -> Rect {
    Rect {
        x0: lerp(a.x0, b.x0, t),
        y0: lerp(a.y0, b.y0, t),
        x1: lerp(a.x1, b.x1, t),
        y1: lerp(a.y1, b.y1, t),
    }
}

/// Where `node`, drawn `here` but not `there`, grows from or shrinks to: a box of no height
/// between the neighbours of its column that both pictures draw, at the same share of the
/// gap between them, in their column's x there. So a column opens around a new actor and
/// closes over a gone one, and nothing crosses on the way (the order is the same in both).
fn between_neighbours(
    node: &NodeShape,
    here: &[NodeShape],
    there: &HashMap<&NodeKey, &Rect>,
    there_height: f64,
) -> Rect {
    let r = &node.rect;
    let centre = (r.y0 + r.y1) / 2.0;
    let mut above: Option<(&Rect, &Rect)> = None;
    let mut below: Option<(&Rect, &Rect)> = None;
    for other in here.iter().filter(|o| o.column == node.column) {
        let Some(&far) = there.get(&other.key) else {
            continue;
        };
        let near = &other.rect;
        if near.y0 < r.y0 && above.map_or(true, |(a, _)| near.y0 > a.y0) {
            above = Some((near, far));
        }
        if near.y0 > r.y0 && below.map_or(true, |(b, _)| near.y0 < b.y0) {
            below = Some((near, far));
        }
    }
    let y = match (above, below) {
        (Some((a, fa)), Some((b, fb))) => {
            let gap = b.y0 - a.y1;
            let share = if gap > 0.0 {
                ((centre - a.y1) / gap).clamp(0.0, 1.0)
            } else {
                0.5
            };
            fa.y1 + share * (fb.y0 - fa.y1)
        }
        // Beyond the last neighbour, as far as here, but inside the picture there.
        (Some((a, fa)), None) => (fa.y1 + (centre - a.y1)).min(there_height.max(fa.y1)),
        (None, Some((b, fb))) => (fb.y0 - (b.y0 - centre)).max(0.0_f64.min(fb.y0)),
        (None, None) => centre.clamp(0.0, there_height.max(0.0)),
    };
    let (x0, x1) = above
        .or(below)
        .map_or((r.x0, r.x1), |(_, far)| (far.x0, far.x1));
    Rect {
        x0,
        y0: y,
        x1,
        y1: y,
    }
}

fn same_shape(a: &Band, b: &Band) -> bool {
    a.via.len() == b.via.len() && a.loop_lane.is_some() == b.loop_lane.is_some()
}

fn route_at(a: &Band, b: &Band, t: f64) -> Band {
    Band {
        width: lerp(a.width, b.width, t),
        source_x: lerp(a.source_x, b.source_x, t),
        source_y: lerp(a.source_y, b.source_y, t),
        target_x: lerp(a.target_x, b.target_x, t),
        target_y: lerp(a.target_y, b.target_y, t),
        via: a
            .via
            .iter()
            .zip(&b.via)
            .map(|(p, q)| Station {
                x0: lerp(p.x0, q.x0, t),
                x1: lerp(p.x1, q.x1, t),
                y: lerp(p.y, q.y, t),
            })
            .collect(),
        loop_lane: match (&a.loop_lane, &b.loop_lane) {
            (Some(p), Some(q)) => Some(LoopLane {
                y: lerp(p.y, q.y, t),
                exit_x: lerp(p.exit_x, q.exit_x, t),
                enter_x: lerp(p.enter_x, q.enter_x, t),
            }),
            _ => None,
        },
    }
}

/// `band` moved with its nodes' boxes (`(here, there)` for giver and receiver), its ends at
/// the same share of each box's height, and no thickness: where a band grows from or
/// shrinks to. Stations and lanes stay: the band has no thickness there anyway.
fn ride(band: &Band, giver: Option<(&Rect, &Rect)>, receiver: Option<(&Rect, &Rect)>) -> Band {
    let map_y = |y: f64, boxes: Option<(&Rect, &Rect)>| match boxes {
        Some((here, there)) if here.y1 > here.y0 => {
            let share = ((y - here.y0) / (here.y1 - here.y0)).clamp(0.0, 1.0);
            there.y0 + share * (there.y1 - there.y0)
        }
        Some((_, there)) => (there.y0 + there.y1) / 2.0,
        None => y,
    };
    Band {
        width: 0.0,
        source_x: band.source_x + giver.map_or(0.0, |(here, there)| there.x1 - here.x1),
        source_y: map_y(band.source_y, giver),
        target_x: band.target_x + receiver.map_or(0.0, |(here, there)| there.x0 - here.x0),
        target_y: map_y(band.target_y, receiver),
        ..band.clone()
    }
}

fn label_at(key: &NodeKey, path: &LabelPath, t: f64) -> LabelShape {
    let (from, to) = (&path.from, &path.to);
    let same_text = from.lines == to.lines
        && from.text == to.text
        && from.font_px == to.font_px
        && from.align == to.align;
    // Gone labels leave in the first half, new ones arrive in the second, a changed text
    // does both; the rest only move.
    let (shown, opacity) = if same_text && path.from_opacity > 0.0 && path.to_opacity > 0.0 {
        (to, lerp(path.from_opacity, path.to_opacity, t))
    } else if t < 0.5 {
        (from, path.from_opacity * (1.0 - 2.0 * t))
    } else {
        (to, path.to_opacity * (2.0 * t - 1.0))
    };
    LabelShape {
        key: key.clone(),
        mark: LabelMark {
            x: lerp(from.x, to.x, t),
            y: lerp(from.y, to.y, t),
            ..shown.clone()
        },
        opacity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ease_starts_and_ends_exactly_and_never_goes_back() {
        assert_eq!(ease(0.0), 0.0);
        assert_eq!(ease(1.0), 1.0);
        assert_eq!(ease(-3.0), 0.0);
        assert_eq!(ease(7.0), 1.0);
        assert_eq!(ease(f64::NAN), 0.0);
        assert!((ease(0.5) - 0.5).abs() < 1e-12);
        let mut last = 0.0;
        for i in 1..=1000 {
            let t = f64::from(i) / 1000.0;
            let e = ease(t);
            assert!(e >= last, "ease({t}) = {e} < {last}");
            // In-out: symmetric about the middle.
            assert!((e + ease(1.0 - t) - 1.0).abs() < 1e-12);
            last = e;
        }
        // Slow at both ends.
        assert!(ease(0.1) < 0.1 && ease(0.9) > 0.9);
    }

    #[test]
    fn progress_runs_over_the_duration() {
        assert_eq!(progress(1000.0, 900.0), 0.0);
        assert_eq!(progress(1000.0, 1000.0 + DURATION_MS), 1.0);
        assert!((progress(1000.0, 1000.0 + DURATION_MS / 2.0) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn lerp_ends_exactly_on_both_values() {
        for (a, b) in [(0.1, 0.3), (-5.25, 1e6), (3.0, 3.0), (1e-300, -7.5)] {
            assert_eq!(lerp(a, b, 0.0), a);
            assert_eq!(lerp(a, b, 1.0), b);
        }
    }

    #[test]
    fn a_band_rides_its_nodes_at_the_same_share_of_their_height() {
        let band = Band {
            width: 6.0,
            source_x: 10.0,
            source_y: 25.0,
            target_x: 90.0,
            target_y: 50.0,
            via: Vec::new(),
            loop_lane: None,
        };
        let rect = |x0, y0, x1, y1| Rect { x0, y0, x1, y1 };
        let giver = (rect(0.0, 20.0, 10.0, 40.0), rect(0.0, 100.0, 10.0, 200.0));
        let receiver = (rect(90.0, 50.0, 100.0, 50.0), rect(95.0, 0.0, 105.0, 10.0));
        let moved = ride(
            &band,
            Some((&giver.0, &giver.1)),
            Some((&receiver.0, &receiver.1)),
        );
        assert_eq!(moved.width, 0.0);
        // A quarter down the giver's box there too; the middle of a box of no height.
        assert_eq!(moved.source_y, 125.0);
        assert_eq!(moved.target_y, 5.0);
        assert_eq!(moved.target_x, 95.0);
        assert_eq!(moved.source_x, 10.0);
    }
}
