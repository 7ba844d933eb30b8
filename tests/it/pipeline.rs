//! The whole native pipeline on the real dataset: JSON → view → layout → scene → SVG.

use crate::util::mali;
use influence_flows::colour::{theme::Theme, Rgb};
use influence_flows::data::model::{Dataset, Status};
use influence_flows::layout::ApproxMeasure;
use influence_flows::picture::chart;
use influence_flows::picture::draw;
use influence_flows::view::{Arrangement, Filters, View};
use std::collections::BTreeSet;

fn kinds_used(dataset: &Dataset) -> BTreeSet<String> {
    dataset.flows.iter().map(|f| f.kind.clone()).collect()
}

#[test]
fn svg_has_a_band_in_each_kind_colour_and_a_label_per_node() {
    let dataset = mali();
    let chart = chart::build(
        &dataset,
        &Filters::default(),
        960.0,
        None,
        &Theme::LIGHT,
        &ApproxMeasure,
    );
    let svg = draw::to_svg(&chart.scene);
    let filled = chart.view.links.iter();
    let filled = filled.filter(|l| l.status != Status::Denied).count();
    assert_eq!(
        svg.matches("<polygon").count(),
        filled,
        "denied bands are not filled"
    );
    for kind in kinds_used(&dataset) {
        let hex = &dataset.kinds.iter().find(|k| k.id == kind).unwrap().color;
        let rgb = Rgb::parse(hex).unwrap();
        let needle = format!("fill=\"#{:02X}{:02X}{:02X}\"", rgb.0, rgb.1, rgb.2);
        assert!(
            svg.contains(&needle),
            "no band drawn in {kind}'s colour {needle}"
        );
    }
    for label in &chart.layout.labels {
        let escaped = label
            .text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(svg.contains(&escaped), "label {:?} missing", label.text);
    }
}

#[test]
fn every_flow_is_shown_or_counted_as_filtered() {
    let dataset = mali();
    let all = View::new(&dataset, &Filters::default());
    assert_eq!(all.counts.shown, dataset.flows.len());
    let shown_in_links: usize = all.links.iter().map(|l| l.flows.len()).sum();
    assert_eq!(shown_in_links, all.counts.shown);

    let first_kind = dataset.flows[0].kind.clone();
    let filters = Filters {
        hidden_kinds: [first_kind.clone()].into(),
        years: Some((2022, 2022)),
        ..Filters::default()
    };
    let view = View::new(&dataset, &filters);
    let c = view.counts;
    assert_eq!(c.shown + c.filtered_out(), c.total);
    assert_eq!(
        c.hidden_by_kind,
        dataset
            .flows
            .iter()
            .filter(|f| f.kind == first_kind)
            .count()
    );
    assert!(view.links.iter().all(|l| l.kind != first_kind));
}

#[test]
fn giver_receiver_arrangement_has_no_cycles_and_two_columns() {
    let dataset = mali();
    let view = View::new(&dataset, &Filters::default());
    let givers: BTreeSet<usize> = view.graph.links.iter().map(|l| l.source).collect();
    let receivers: BTreeSet<usize> = view.graph.links.iter().map(|l| l.target).collect();
    assert!(
        givers.is_disjoint(&receivers),
        "a node both gives and receives"
    );
    let chart = chart::build(
        &dataset,
        &Filters::default(),
        960.0,
        None,
        &Theme::LIGHT,
        &ApproxMeasure,
    );
    assert_eq!(chart.layout.columns, 2);
    assert!(chart.layout.bands.iter().all(|b| b.loop_lane.is_none()));
}

#[test]
fn network_arrangement_draws_every_link_even_with_cycles() {
    let dataset = mali();
    let filters = Filters {
        arrangement: Arrangement::Network,
        ..Filters::default()
    };
    let chart = chart::build(
        &dataset,
        &filters,
        960.0,
        None,
        &Theme::DARK,
        &ApproxMeasure,
    );
    assert_eq!(chart.scene.bands.len(), chart.view.graph.links.len());
    for band in &chart.scene.bands {
        assert!(band.outline.len() >= 4);
        assert!(band
            .outline
            .iter()
            .all(|p| p.0.is_finite() && p.1.is_finite()));
    }
}

#[test]
fn folding_groups_merges_members_into_their_group() {
    let dataset = mali();
    let members: Vec<&str> = dataset
        .actors
        .iter()
        .filter(|a| a.group.is_some())
        .map(|a| a.id.as_str())
        .collect();
    assert!(
        !members.is_empty(),
        "the dataset has grouped actors (Wagner into Russia)"
    );
    let view = View::new(
        &dataset,
        &Filters {
            fold_groups: true,
            ..Filters::default()
        },
    );
    for node in &view.nodes {
        assert!(
            !members.contains(&node.actor.as_str()),
            "{} should be folded",
            node.actor
        );
    }
    assert_eq!(view.counts.shown, dataset.flows.len());
}

#[test]
fn overlay_dims_the_scene_and_repaints_only_the_lit_marks() {
    use influence_flows::picture::draw::{paint_overlay, Overlay, Scale};
    use influence_flows::picture::highlight::{self, Target};
    use plotters::prelude::*;

    let dataset = mali();
    let chart = chart::build(
        &dataset,
        &Filters::default(),
        960.0,
        None,
        &Theme::LIGHT,
        &ApproxMeasure,
    );
    let lit = highlight::highlight(&chart.view, Target::Band(0));
    let mut svg = String::new();
    {
        let size = (chart.scene.width as u32, chart.scene.height as u32);
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let overlay = Overlay {
            lit: Some(&lit),
            ring: Some(Target::Band(0)),
            ring_color: Some(Theme::LIGHT.text),
        };
        paint_overlay(&chart.scene, &overlay, &area, Scale::SVG).unwrap();
    }
    assert_eq!(
        svg.matches("<polygon").count(),
        1,
        "only the lit band is repainted"
    );
    assert!(svg.contains("opacity=\"0.72\""), "a veil dims the rest");
    let strokes = chart.scene.bands[0].certainty.strokes.len();
    assert_eq!(
        svg.matches("<polyline").count(),
        1 + strokes,
        "the lit band's certainty strokes and one focus ring"
    );
    let labels: usize = chart
        .scene
        .labels
        .iter()
        .filter(|l| lit.nodes.contains(&l.node))
        .count();
    assert_eq!(svg.matches("<text").count(), labels);
}
