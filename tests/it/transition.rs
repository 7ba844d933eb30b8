//! Transitions between two views of the Mali data (`picture::transition`): the ends are the
//! two pictures exactly, marks move monotonically and keep their identity, certainty marks
//! stay inside their bands, and a change in the middle of a transition starts from the
//! picture shown.

use crate::util::mali_order;
use influence_flows::colour::theme::Theme;
use influence_flows::data::model::Status;
use influence_flows::layout::ApproxMeasure;
use influence_flows::picture::certainty::Certainty;
use influence_flows::picture::chart;
use influence_flows::picture::transition::{BandKey, Frame, NodeKey, Transition};
use influence_flows::view::{Arrangement, Filters};
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};

fn frame(filters: &Filters, width: f64) -> Frame {
    let (dataset, order) = mali_order();
    let c = chart::build_in_order(
        dataset,
        order,
        filters,
        width,
        None,
        &Theme::LIGHT,
        &ApproxMeasure,
    );
    Frame::of(&c.view, &c.layout, &c.scene)
}

fn year(y: i32) -> Filters {
    Filters {
        years: Some((y, y)),
        ..Filters::default()
    }
}

/// Pairs of views a reader moves between: player steps, a kind hidden, folding, an actor.
fn changes() -> Vec<(Filters, Filters)> {
    let all = Filters::default();
    vec![
        (year(2019), year(2020)),
        (year(2021), year(2022)),
        (year(2013), year(2024)),
        (all.clone(), all.toggle_kind("arms")),
        (all.clone(), all.with_folding(true)),
        (all.clone(), all.show_actor("russia", false)),
        (
            all.clone(),
            Filters {
                arrangement: Arrangement::Network,
                ..all.clone()
            },
        ),
    ]
}

fn bands_by_key(f: &Frame) -> HashMap<&BandKey, &influence_flows::layout::Band> {
    f.bands.iter().map(|b| (&b.key, &b.route)).collect()
}

fn nodes_by_key(f: &Frame) -> HashMap<&NodeKey, &influence_flows::layout::Rect> {
    f.nodes.iter().map(|n| (&n.key, &n.rect)).collect()
}

/// The marks of `between` one can see, compared with `picture`'s, value for value.
fn assert_shows(between: &Frame, picture: &Frame) {
    let (seen, want) = (bands_by_key(between), bands_by_key(picture));
    for (key, route) in &seen {
        match want.get(key) {
            Some(w) => assert_eq!(route, w, "{key:?}"),
            None => assert_eq!(route.width, 0.0, "{key:?} is not in the picture"),
        }
    }
    assert!(want.keys().all(|k| seen.contains_key(k)));
    let (seen, want) = (nodes_by_key(between), nodes_by_key(picture));
    for (key, rect) in &seen {
        match want.get(key) {
            Some(w) => assert_eq!(rect, w, "{key:?}"),
            None => assert_eq!(rect.y0, rect.y1, "{key:?} is not in the picture"),
        }
    }
    assert!(want.keys().all(|k| seen.contains_key(k)));
    let visible: Vec<_> = between.labels.iter().filter(|l| l.opacity > 0.0).collect();
    assert_eq!(visible.len(), picture.labels.len());
    for label in visible {
        let w = picture
            .labels
            .iter()
            .find(|l| l.key == label.key)
            .expect("a visible label is the picture's");
        // The label's node index is the frame's own, set again when painted.
        assert_eq!((&label.key, label.opacity), (&w.key, w.opacity));
        let same = influence_flows::picture::scene::LabelMark {
            node: w.mark.node,
            ..label.mark.clone()
        };
        assert_eq!(same, w.mark);
    }
}

#[test]
fn a_frame_paints_the_scene_it_was_made_of() {
    let (dataset, order) = mali_order();
    for (a, b) in changes() {
        for f in [a, b] {
            let c = chart::build_in_order(
                dataset,
                order,
                &f,
                960.0,
                None,
                &Theme::LIGHT,
                &ApproxMeasure,
            );
            assert_eq!(Frame::of(&c.view, &c.layout, &c.scene).scene(), c.scene);
        }
    }
}

#[test]
fn a_transition_starts_on_the_old_picture_and_ends_on_the_new() {
    for (a, b) in changes() {
        let (old, new) = (frame(&a, 960.0), frame(&b, 960.0));
        let motion = Transition::new(&old, &new);
        assert_eq!(motion.at(1.0), new, "{a:?} → {b:?}");
        assert_eq!(motion.at(1.0).scene(), new.scene());
        assert_shows(&motion.at(0.0), &old);
        // The marks shown at 0 are painted exactly as the old picture paints them.
        let scene = motion.at(0.0).scene();
        let old_scene = old.scene();
        for (i, band) in motion.at(0.0).bands.iter().enumerate() {
            if let Some(j) = old.bands.iter().position(|o| o.key == band.key) {
                assert_eq!(scene.bands[i].outline, old_scene.bands[j].outline);
                assert_eq!(scene.bands[i].certainty, old_scene.bands[j].certainty);
            }
        }
    }
}

#[test]
fn marks_move_monotonically_from_their_old_place_to_their_new() {
    for (a, b) in changes() {
        let (old, new) = (frame(&a, 960.0), frame(&b, 960.0));
        let motion = Transition::new(&old, &new);
        let steps: Vec<Frame> = (0..=20).map(|i| motion.at(f64::from(i) / 20.0)).collect();
        // Every coordinate of every node and band end, per step, keyed.
        let coordinates = |f: &Frame| -> HashMap<String, f64> {
            let mut out = HashMap::new();
            for n in &f.nodes {
                let r = &n.rect;
                for (name, v) in [("x0", r.x0), ("y0", r.y0), ("x1", r.x1), ("y1", r.y1)] {
                    out.insert(format!("{:?} {name}", n.key), v);
                }
            }
            for b in &f.bands {
                let r = &b.route;
                for (name, v) in [
                    ("w", r.width),
                    ("sx", r.source_x),
                    ("sy", r.source_y),
                    ("tx", r.target_x),
                    ("ty", r.target_y),
                ] {
                    out.insert(format!("{:?} {name}", b.key), v);
                }
            }
            out
        };
        let series: Vec<HashMap<String, f64>> = steps.iter().map(coordinates).collect();
        // A band whose route changes shape (another number of columns crossed, a loop no
        // more) shrinks and grows again on purpose.
        let (ob, nb) = (bands_by_key(&old), bands_by_key(&new));
        let reshaped: Vec<String> = ob
            .iter()
            .filter(|(k, o)| {
                nb.get(*k).is_some_and(|n| {
                    n.via.len() != o.via.len() || n.loop_lane.is_some() != o.loop_lane.is_some()
                })
            })
            .map(|(k, _)| format!("{k:?} "))
            .collect();
        let mut moved = 0;
        for (name, &start) in &series[0] {
            if reshaped.iter().any(|k| name.starts_with(k.as_str())) {
                continue;
            }
            let mut last_distance = 0.0;
            for s in &series[1..series.len() - 1] {
                let v = s[name];
                let distance = (v - start).abs();
                assert!(
                    distance + 1e-9 >= last_distance,
                    "{name} goes back at {v} ({a:?} → {b:?})"
                );
                last_distance = distance;
            }
            if last_distance > 1.0 {
                moved += 1;
            }
        }
        assert!(moved > 0, "something moves from {a:?} to {b:?}");
    }
}

#[test]
fn every_mark_keeps_its_identity_and_the_new_marks_their_indices() {
    for (a, b) in changes() {
        let (old, new) = (frame(&a, 960.0), frame(&b, 960.0));
        let motion = Transition::new(&old, &new);
        let old_keys: HashSet<&BandKey> = old.bands.iter().map(|b| &b.key).collect();
        let new_keys: HashSet<&BandKey> = new.bands.iter().map(|b| &b.key).collect();
        for i in 0..20 {
            let f = motion.at(f64::from(i) / 20.0);
            // The new picture's bands first, in its order: a highlight's indices hold.
            for (mark, want) in f.bands.iter().zip(&new.bands) {
                assert_eq!(mark.key, want.key);
            }
            for (mark, want) in f.nodes.iter().zip(&new.nodes) {
                assert_eq!(mark.key, want.key);
            }
            // Then the gone ones; each band once.
            let keys: Vec<&BandKey> = f.bands.iter().map(|b| &b.key).collect();
            let unique: HashSet<&BandKey> = keys.iter().copied().collect();
            assert_eq!(keys.len(), unique.len(), "a band drawn twice");
            assert_eq!(unique, old_keys.union(&new_keys).copied().collect());
            for b in &f.bands[new.bands.len()..] {
                assert!(!new_keys.contains(&b.key));
            }
        }
    }
}

/// In a giver–receiver view (one global order), the actors of the new picture never overlap
/// nor swap in their column while they move: new ones open a gap between their neighbours.
#[test]
fn the_new_pictures_actors_never_overlap_on_the_way() {
    for (a, b) in changes()
        .into_iter()
        .filter(|(_, b)| b.arrangement == Arrangement::GiverReceiver)
    {
        let (old, new) = (frame(&a, 960.0), frame(&b, 960.0));
        let motion = Transition::new(&old, &new);
        // The new picture's actors, column by column, top to bottom.
        let mut order: Vec<usize> = (0..new.nodes.len()).collect();
        order.sort_by(|&p, &q| {
            let (p, q) = (&new.nodes[p], &new.nodes[q]);
            (p.column, p.rect.y0)
                .partial_cmp(&(q.column, q.rect.y0))
                .unwrap()
        });
        // At the start, every actor stands in its column as the old picture draws it.
        let start = motion.at(0.0);
        for node in &start.nodes[..new.nodes.len()] {
            let column: Vec<f64> = old
                .nodes
                .iter()
                .filter(|o| o.column == node.column)
                .map(|o| o.rect.x0)
                .collect();
            assert!(
                column.is_empty() || column.contains(&node.rect.x0),
                "{:?} starts at x {} off its column {column:?}",
                node.key,
                node.rect.x0
            );
        }
        for i in 0..=40 {
            let f = motion.at(f64::from(i) / 40.0);
            for pair in order.windows(2) {
                let (upper, lower) = (&f.nodes[pair[0]], &f.nodes[pair[1]]);
                if upper.column == lower.column {
                    assert!(
                        upper.rect.y1 <= lower.rect.y0 + 1e-9,
                        "{:?} overlaps {:?} at {i}/40 ({a:?} → {b:?})",
                        upper.key,
                        lower.key
                    );
                }
            }
        }
    }
}

/// Point in polygon by the even-odd rule.
fn inside(p: (f64, f64), polygon: &[(f64, f64)]) -> bool {
    let mut odd = false;
    for i in 0..polygon.len() {
        let (a, b) = (polygon[i], polygon[(i + 1) % polygon.len()]);
        if (a.1 > p.1) != (b.1 > p.1) && p.0 < a.0 + (p.1 - a.1) / (b.1 - a.1) * (b.0 - a.0) {
            odd = !odd;
        }
    }
    odd
}

#[test]
fn certainty_marks_stay_true_in_between() {
    let mut hatched = 0;
    let mut dashed = 0;
    for (a, b) in changes() {
        let motion = Transition::new(&frame(&a, 960.0), &frame(&b, 960.0));
        for t in [0.1, 0.37, 0.5, 0.81] {
            let f = motion.at(t);
            let scene = f.scene();
            for (shape, mark) in f.bands.iter().zip(&scene.bands) {
                if shape.route.width <= 0.0 {
                    assert!(mark.certainty.strokes.is_empty());
                    continue;
                }
                assert_eq!(
                    mark.certainty,
                    Certainty::of(shape.key.status, &mark.outline)
                );
                match shape.key.status {
                    Status::Reported => {
                        for line in &mark.certainty.strokes {
                            hatched += 1;
                            let mid =
                                ((line[0].0 + line[1].0) / 2.0, (line[0].1 + line[1].1) / 2.0);
                            assert!(inside(mid, &mark.outline), "hatch outside its band");
                        }
                    }
                    Status::Denied => dashed += mark.certainty.strokes.len(),
                    Status::Fact => assert!(mark.certainty.strokes.is_empty()),
                }
            }
        }
    }
    assert!(
        hatched > 0 && dashed > 0,
        "hatch {hatched}, dashes {dashed}"
    );
}

/// The largest difference between the coordinates of two frames' common marks.
fn distance(a: &Frame, b: &Frame) -> f64 {
    let mut worst: f64 = 0.0;
    let nb = bands_by_key(b);
    for band in &a.bands {
        if let Some(o) = nb.get(&band.key) {
            let r = &band.route;
            for (x, y) in [
                (r.width, o.width),
                (r.source_y, o.source_y),
                (r.target_y, o.target_y),
                (r.source_x, o.source_x),
                (r.target_x, o.target_x),
            ] {
                worst = worst.max((x - y).abs());
            }
        }
    }
    let nn = nodes_by_key(b);
    for node in &a.nodes {
        if let Some(o) = nn.get(&node.key) {
            for (x, y) in [(node.rect.y0, o.y0), (node.rect.y1, o.y1)] {
                worst = worst.max((x - y).abs());
            }
        }
    }
    for label in &a.labels {
        if let Some(o) = b.labels.iter().find(|l| l.key == label.key) {
            worst = worst.max((label.mark.y - o.mark.y).abs());
            worst = worst.max((label.opacity - o.opacity).abs() * 100.0);
        }
    }
    worst
}

#[test]
fn a_change_in_the_middle_starts_from_the_picture_shown() {
    let (one, two, three) = (
        frame(&year(2019), 960.0),
        frame(&year(2020), 960.0),
        frame(&year(2021), 960.0),
    );
    for t in [0.2, 0.5, 0.7] {
        let shown = Transition::new(&one, &two).at(t);
        let next = Transition::new(&shown, &three);
        // The next transition's first frame is the frame shown, and its next ones are near it.
        assert_eq!(distance(&next.at(0.0), &shown), 0.0);
        assert!(distance(&next.at(1e-4), &shown) < 0.1);
        assert_eq!(next.at(1.0), three);
        // The gone marks of the first transition, still shrinking, are among the marks.
        let first = next.at(0.0);
        let keys: HashSet<&BandKey> = first.bands.iter().map(|b| &b.key).collect();
        assert!(shown.bands.iter().all(|b| keys.contains(&b.key)));
    }
}

fn filters() -> impl Strategy<Value = Filters> {
    let (dataset, _) = mali_order();
    let kinds: Vec<String> = dataset.kinds.iter().map(|k| k.id.clone()).collect();
    (
        proptest::sample::subsequence(kinds.clone(), 0..kinds.len()),
        any::<bool>(),
        proptest::option::of((2008i32..2026, 0i32..4)),
    )
        .prop_map(|(kinds, fold_groups, years)| Filters {
            hidden_kinds: kinds.into_iter().collect(),
            fold_groups,
            years: years.map(|(from, span)| (from, from + span)),
            ..Filters::default()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Any two views, any moment: the ends are the pictures, every coordinate is finite and
    /// between its two ends, thicknesses too.
    #[test]
    fn any_change_moves_between_its_two_pictures(
        a in filters(), b in filters(), t in 0.0f64..1.0, width in 360.0f64..1400.0
    ) {
        let (old, new) = (frame(&a, width), frame(&b, width));
        let motion = Transition::new(&old, &new);
        prop_assert_eq!(motion.at(1.0), new.clone());
        assert_shows(&motion.at(0.0), &old);
        let f = motion.at(t);
        let (ob, nb) = (bands_by_key(&old), bands_by_key(&new));
        for band in &f.bands {
            let r = &band.route;
            prop_assert!([r.width, r.source_x, r.source_y, r.target_x, r.target_y].iter().all(|v| v.is_finite()));
            let ends = [ob.get(&band.key).map(|o| o.width), nb.get(&band.key).map(|n| n.width)];
            let lo = ends.iter().map(|w| w.unwrap_or(0.0)).fold(f64::INFINITY, f64::min);
            let hi = ends.iter().map(|w| w.unwrap_or(0.0)).fold(0.0, f64::max);
            prop_assert!(r.width >= lo - 1e-9 && r.width <= hi + 1e-9, "{:?} width {}", band.key, r.width);
        }
        let (on, nn) = (nodes_by_key(&old), nodes_by_key(&new));
        for node in &f.nodes {
            if let (Some(o), Some(n)) = (on.get(&node.key), nn.get(&node.key)) {
                let y = node.rect.y0;
                prop_assert!(y >= o.y0.min(n.y0) - 1e-9 && y <= o.y0.max(n.y0) + 1e-9);
            }
            prop_assert!(node.rect.y1 >= node.rect.y0 - 1e-9);
        }
        prop_assert!(f.labels.iter().all(|l| (0.0..=1.0).contains(&l.opacity)));
    }
}

/// Gone labels fade out in the first half and new ones in in the second (mixed with the
/// background they sit on); a label at no opacity is not drawn.
#[test]
fn labels_fade_out_then_in() {
    let (old, new) = (frame(&year(2021), 960.0), frame(&year(2022), 960.0));
    let motion = Transition::new(&old, &new);
    let has = |f: &Frame, key: &NodeKey| f.labels.iter().any(|l| &l.key == key);
    let gone: Vec<&NodeKey> = old
        .labels
        .iter()
        .map(|l| &l.key)
        .filter(|k| !has(&new, k))
        .collect();
    let arriving: Vec<&NodeKey> = new
        .labels
        .iter()
        .map(|l| &l.key)
        .filter(|k| !has(&old, k))
        .collect();
    assert!(
        !gone.is_empty() && !arriving.is_empty(),
        "2021 → 2022 changes actors"
    );
    let text = Theme::LIGHT.text;
    let drawn = |t: f64, key: &NodeKey| {
        let f = motion.at(t);
        let scene = f.scene();
        let node = f.nodes.iter().position(|n| &n.key == key).expect("node");
        scene
            .labels
            .iter()
            .find(|l| l.node == node)
            .map(|l| l.color)
    };
    for key in &gone {
        let faded = drawn(0.25, key).expect("a gone label is drawn early on");
        assert!(
            faded != text && faded != Theme::LIGHT.background,
            "{faded:?}"
        );
        assert_eq!(drawn(0.5, key), None);
        assert_eq!(drawn(0.75, key), None);
    }
    for key in &arriving {
        assert_eq!(drawn(0.25, key), None);
        let faded = drawn(0.75, key).expect("a new label is drawn late on");
        assert!(
            faded != text && faded != Theme::LIGHT.background,
            "{faded:?}"
        );
        assert_eq!(drawn(1.0, key), Some(text));
    }
}
