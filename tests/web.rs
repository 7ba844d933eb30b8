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
    for width in [320.0, 360.0, 1280.0] {
        let c = chart::build(
            &dataset,
            &Filters::default(),
            width,
            None,
            &Theme::LIGHT,
            &measure,
        );
        let labels = &c.layout.labels;
        assert!(!labels.is_empty());
        for (i, a) in labels.iter().enumerate() {
            let r = &a.rect;
            assert!(
                r.x0 >= -0.5 && r.x1 <= width + 0.5,
                "{:?} outside 0..{width}",
                a.text
            );
            // The box the layout reserved holds the text as the canvas measures it.
            let drawn = measure.width(&a.text, chart::FONT_PX);
            assert!(
                drawn <= r.x1 - r.x0 + 1.0,
                "{:?}: {drawn} px in {} px",
                a.text,
                r.x1 - r.x0
            );
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
    for kind in &c.view.kinds_shown {
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
