//! In the browser (wasm-bindgen-test, headless Chromium): the core laid out with the canvas's
//! real text metrics and painted on a real canvas through plotters-canvas.
#![cfg(target_arch = "wasm32")]

use influence_flows::colour::{theme::Theme, Rgb};
use influence_flows::layout::TextMeasure;
use influence_flows::picture::chart;
use influence_flows::picture::draw::{self, Scale};
use influence_flows::validate;
use influence_flows::view::Filters;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

struct Measure(CanvasRenderingContext2d);

impl TextMeasure for Measure {
    fn width(&self, text: &str, font_px: f64) -> f64 {
        self.0
            .set_font(&format!("{font_px}px {}", chart::FONT_FAMILY));
        self.0.measure_text(text).map(|m| m.width()).unwrap()
    }
}

fn canvas(width: u32, height: u32) -> (HtmlCanvasElement, CanvasRenderingContext2d) {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document.create_element("canvas").unwrap().unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let context = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    (canvas, context)
}

fn mali() -> influence_flows::data::model::Dataset {
    validate::load(include_str!("../data/mali.json")).expect("valid")
}

#[wasm_bindgen_test]
fn labels_measured_by_the_canvas_stay_inside_and_apart_at_phone_and_desktop_widths() {
    let (_, context) = canvas(1, 1);
    let measure = Measure(context);
    let dataset = mali();
    for width in [320.0, 360.0, 768.0, 1280.0, 1600.0] {
        let c = chart::build(
            &dataset,
            &Filters::default(),
            width,
            None,
            &Theme::LIGHT,
            &measure,
        );
        let labels = &c.layout.labels;
        // Every actor drawn is named, in full or by its short form.
        for (n, node) in c.view.nodes.iter().enumerate() {
            let actor = dataset.actor(&node.actor).unwrap();
            let label = labels.iter().find(|l| l.node == n);
            let text = label.map(|l| l.text.as_str());
            assert!(
                text == Some(actor.name.as_str()) || text == actor.short.as_deref(),
                "{}: {text:?} at {width} px",
                actor.name
            );
        }
        for (i, a) in labels.iter().enumerate() {
            let r = &a.rect;
            assert!(
                r.x0 >= -0.5 && r.x1 <= width + 0.5,
                "{:?} outside 0..{width}",
                a.text
            );
            // The box the layout reserved holds each line as the canvas measures it.
            for line in &a.lines {
                let drawn = measure.width(line, a.font_px);
                assert!(
                    drawn <= r.x1 - r.x0 + 1.0,
                    "{line:?}: {drawn} px in {} px",
                    r.x1 - r.x0
                );
            }
            assert!(a.font_px >= 11.0 && !a.text.contains('…'), "{a:?}");
            for b in &labels[i + 1..] {
                let s = &b.rect;
                let apart = r.x1 <= s.x0 || s.x1 <= r.x0 || r.y1 <= s.y0 || s.y1 <= r.y0;
                assert!(apart, "{:?} overlaps {:?} at {width}", a.text, b.text);
            }
        }
    }
}

#[wasm_bindgen_test]
fn painting_on_a_canvas_shows_every_drawn_kind_in_its_colour() {
    let dataset = mali();
    let (_, probe) = canvas(1, 1);
    let c = chart::build(
        &dataset,
        &Filters::default(),
        800.0,
        None,
        &Theme::DARK,
        &Measure(probe),
    );
    let (w, h) = (800, c.scene.height.ceil() as u32);
    let (element, context) = canvas(w, h);
    let backend = CanvasBackend::with_canvas_object(element).unwrap();
    draw::paint(&c.scene, &backend.into_drawing_area(), Scale::canvas(1.0)).unwrap();
    let pixels = context
        .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
        .unwrap()
        .data();
    // A kind drawn solid somewhere: one with a flow stated as fact (reported and denied
    // bands are tinted, hatched or outlined; with families, money's two flows are reported).
    let has_fact = |kind: &str| {
        dataset
            .flows
            .iter()
            .any(|f| f.kind == kind && f.status == influence_flows::data::model::Status::Fact)
    };
    for kind in c.view.kinds_shown.iter().filter(|k| has_fact(k)) {
        let color = Rgb::parse(&dataset.kind(kind).unwrap().color).unwrap();
        let want = color.over(Theme::DARK.background, Theme::DARK.band_alpha);
        let near = |p: &[u8]| {
            (i32::from(p[0]) - i32::from(want.0)).abs() <= 3
                && (i32::from(p[1]) - i32::from(want.1)).abs() <= 3
                && (i32::from(p[2]) - i32::from(want.2)).abs() <= 3
        };
        let count = pixels.chunks(4).filter(|p| near(p)).count();
        assert!(count > 50, "{kind}: {count} pixels of {}", want.hex());
    }
}

#[wasm_bindgen_test]
fn fact_reported_and_denied_bands_differ_on_the_canvas() {
    use influence_flows::data::model::Status;
    use influence_flows::layout::Band;
    use influence_flows::picture::certainty::{Certainty, REPORTED_FILL};
    use influence_flows::picture::scene::{band_outline, BandMark, Scene};
    let theme = Theme::LIGHT;
    let red = Rgb(200, 40, 40);
    // Three straight bands 30 px thick, one per status, at y = 50, 150, 250.
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
                color: red,
                alpha: theme.band_alpha,
                certainty: Certainty::of(status, &outline),
                outline,
            }
        })
        .collect();
    let scene = Scene {
        width: 300.0,
        height: 300.0,
        background: theme.background,
        bands,
        nodes: vec![],
        labels: vec![],
        panels: vec![],
        annotations: vec![],
    };
    let (element, context) = canvas(300, 300);
    let backend = CanvasBackend::with_canvas_object(element).unwrap();
    draw::paint(&scene, &backend.into_drawing_area(), Scale::canvas(1.0)).unwrap();
    let row = |y: f64| -> Vec<Rgb> {
        let data = context.get_image_data(60.0, y, 180.0, 1.0).unwrap().data();
        data.chunks(4).map(|p| Rgb(p[0], p[1], p[2])).collect()
    };
    let near = |a: Rgb, b: Rgb| {
        let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).abs();
        d(a.0, b.0) <= 4 && d(a.1, b.1) <= 4 && d(a.2, b.2) <= 4
    };
    let solid = red.over(theme.background, theme.band_alpha);
    let light = red.over(theme.background, theme.band_alpha * REPORTED_FILL);
    let count = |pixels: &[Rgb], c: Rgb| pixels.iter().filter(|&&p| near(p, c)).count();
    let fact = row(50.0);
    assert_eq!(count(&fact, solid), fact.len(), "a fact is solid");
    let reported = row(150.0);
    assert!(
        count(&reported, light) > reported.len() / 3,
        "a lighter fill"
    );
    assert!(
        reported.len() - count(&reported, light) >= 20,
        "hatch lines cross it"
    );
    assert_eq!(count(&reported, solid), 0);
    let denied = row(250.0);
    assert_eq!(count(&denied, theme.background), denied.len(), "no fill");
    let edge = row(235.0);
    let drawn: Vec<bool> = edge.iter().map(|&p| !near(p, theme.background)).collect();
    assert!(
        drawn.windows(2).filter(|w| w[0] != w[1]).count() > 30,
        "dashed"
    );
}
