//! Certainty in the picture: fact, reported and denied bands painted differently (pixels, on
//! plotters' bitmap backend, the PNG's), and the SVG export saying what each band and label is.

use crate::util::mali;
use influence_flows::colour::{theme::Theme, Rgb};
use influence_flows::data::model::Status;
use influence_flows::export;
use influence_flows::layout::{ApproxMeasure, Band};
use influence_flows::picture::certainty::{Certainty, REPORTED_FILL};
use influence_flows::picture::chart;
use influence_flows::picture::draw::{self, Scale};
use influence_flows::picture::scene::{band_outline, BandMark, Scene};
use influence_flows::view::Filters;
use plotters::prelude::*;

const RED: Rgb = Rgb(200, 40, 40);

/// Three straight bands 30 px thick, one per status, at y = 50, 150, 250.
fn three_bands(theme: &Theme) -> Scene {
    let bands = Status::ALL
        .iter()
        .enumerate()
        .map(|(i, &status)| {
            let y = 50.0 + 100.0 * i as f64;
            let outline = band_outline(&Band {
                width: 30.0,
                source_x: 20.0,
                source_y: y,
                target_x: 280.0,
                target_y: y,
                via: vec![],
                loop_lane: None,
            });
            BandMark {
                link: i,
                kind: "k".into(),
                color: RED,
                alpha: theme.band_alpha,
                certainty: Certainty::of(status, &outline),
                outline,
            }
        })
        .collect();
    Scene {
        width: 300.0,
        height: 300.0,
        background: theme.background,
        bands,
        nodes: vec![],
        labels: vec![],
        panels: vec![],
        annotations: vec![],
    }
}

/// The scene painted on plotters' bitmap backend: RGB rows.
fn paint(scene: &Scene) -> Vec<u8> {
    let (w, h) = (scene.width as u32, scene.height as u32);
    let mut rgb = vec![0u8; (w * h * 3) as usize];
    {
        let area = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        draw::paint(scene, &area, Scale::canvas(1.0)).unwrap();
    }
    rgb
}

/// The colours of the pixels of row `y` from x = 60 to 240 (well inside a band).
fn row(rgb: &[u8], width: usize, y: usize) -> Vec<Rgb> {
    (60..240)
        .map(|x| {
            let i = 3 * (y * width + x);
            Rgb(rgb[i], rgb[i + 1], rgb[i + 2])
        })
        .collect()
}

fn near(a: Rgb, b: Rgb) -> bool {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).abs();
    d(a.0, b.0) <= 3 && d(a.1, b.1) <= 3 && d(a.2, b.2) <= 3
}

#[test]
fn fact_reported_and_denied_bands_are_painted_differently() {
    for theme in [Theme::LIGHT, Theme::DARK] {
        let scene = three_bands(&theme);
        let rgb = paint(&scene);
        let solid = RED.over(theme.background, theme.band_alpha);
        let light = RED.over(theme.background, theme.band_alpha * REPORTED_FILL);
        // Rows through each band's middle and a quarter in.
        for (y, status) in [(50, "fact"), (150, "reported"), (250, "denied")] {
            for y in [y, y - 8] {
                let pixels = row(&rgb, 300, y);
                let count = |c: Rgb| pixels.iter().filter(|&&p| near(p, c)).count();
                match status {
                    "fact" => assert_eq!(count(solid), pixels.len(), "a fact is solid"),
                    "reported" => {
                        let (lighter, strokes) = (count(light), pixels.len() - count(light));
                        assert!(lighter > pixels.len() / 3, "mostly the lighter fill");
                        // A hatch line every 5 px crosses the row: about 36 of 180 px.
                        assert!(strokes >= 20, "hatch lines cross the row: {strokes}");
                        assert_eq!(count(solid), 0, "no solid fill");
                    }
                    _ => assert_eq!(
                        count(theme.background),
                        pixels.len(),
                        "a denied band is not filled"
                    ),
                }
            }
        }
        // The denied band's outline is dashed: along its top edge, drawn and gaps alternate.
        let top = row(&rgb, 300, 235);
        let drawn: Vec<bool> = top.iter().map(|&p| !near(p, theme.background)).collect();
        let runs = drawn.windows(2).filter(|w| w[0] != w[1]).count();
        assert!(
            drawn.iter().filter(|&&d| d).count() > 60,
            "the edge is drawn"
        );
        assert!(runs > 30, "in dashes, not one line: {runs} changes");
    }
}

#[test]
fn the_svg_export_says_what_each_band_and_label_is() {
    let dataset = mali();
    let chart = chart::build(
        &dataset,
        &Filters::default(),
        1280.0,
        None,
        &Theme::LIGHT,
        &ApproxMeasure,
    );
    let svg = export::svg(&dataset, &chart, &Theme::LIGHT);
    let groups: Vec<&str> = svg.split("<g class=\"band\"").skip(1).collect();
    assert_eq!(groups.len(), chart.view.links.len());
    for (link, group) in chart.view.links.iter().zip(&groups) {
        let body = &group[..group.find("</g>").expect("closed")];
        for (key, value) in [
            ("data-giver", link.source_actor.as_str()),
            ("data-receiver", link.target_actor.as_str()),
            ("data-kind", link.kind.as_str()),
            ("data-family", export::family_of(&dataset, &link.kind)),
            ("data-status", link.status.id()),
        ] {
            assert!(
                body.contains(&format!(" {key}=\"{value}\"")),
                "{key} in {body:.200}"
            );
        }
        let giver = &dataset.actor(&link.source_actor).unwrap().name;
        let title = format!("<title>{} → ", giver.replace('&', "&amp;"));
        assert!(body.contains(&title), "{title} in {body:.300}");
        assert!(body.contains(&format!(", {}</title>", link.status.id())));
        // A band's hatch lines or dashes are one path of many strokes.
        let (polygons, paths) = (
            body.matches("<polygon").count(),
            body.matches("<path").count(),
        );
        let d = body
            .split(" d=\"")
            .nth(1)
            .map_or("", |d| &d[..d.find('"').unwrap()]);
        let strokes = d.matches('m').count();
        match link.status {
            Status::Fact => assert_eq!((polygons, paths), (1, 0)),
            Status::Reported => assert!(polygons == 1 && paths == 1 && strokes > 0, "hatching"),
            Status::Denied => assert!(polygons == 0 && paths == 1 && strokes > 2, "dashes only"),
        }
    }
    for status in Status::ALL {
        let needle = format!("data-status=\"{}\"", status.id());
        assert!(svg.contains(&needle), "the Mali data has {needle} bands");
    }
    let labels = svg.matches("<g class=\"label\" data-actor=\"").count();
    assert_eq!(labels, chart.scene.labels.len());
    for label in &chart.scene.labels {
        let actor = &chart.view.nodes[label.node].actor;
        assert!(svg.contains(&format!("data-actor=\"{actor}\"")));
    }
}

#[test]
fn a_link_never_mixes_statuses() {
    let dataset = mali();
    let view = influence_flows::view::View::new(&dataset, &Filters::default());
    for link in &view.links {
        for &f in &link.flows {
            assert_eq!(
                dataset.flows[f].status, link.status,
                "{}",
                dataset.flows[f].id
            );
        }
    }
    let denied = dataset
        .flows
        .iter()
        .filter(|f| f.status == Status::Denied)
        .count();
    let in_denied: usize = view
        .links
        .iter()
        .filter(|l| l.status == Status::Denied)
        .map(|l| l.flows.len())
        .sum();
    assert_eq!(in_denied, denied, "every denied flow is in a denied band");
}
