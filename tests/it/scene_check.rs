//! Shared by `tests/catalogue.rs` and `tests/fuzz_pipeline.rs`: run a checked dataset through
//! the whole native pipeline and check what it drew.

use influence_flows::colour::theme::Theme;
use influence_flows::layout::ApproxMeasure;
use influence_flows::picture::chart::{self, Chart};
use influence_flows::picture::draw;
use influence_flows::validate::Report;
use influence_flows::view::accounting::Accounting;
use influence_flows::view::Filters;

/// How far outside the extent a coordinate may be, for rounding.
const SLACK: f64 = 1e-6;

/// Builds the chart of `report`'s dataset with `filters` at `width` × `height` (`None`: the
/// natural height), checks the accounting identity and that every coordinate of the scene is
/// finite, draws it to SVG, and returns both. `Err` says what is wrong; `None` when the
/// dataset was rejected. Whether the scene lies inside its extent is [`outside`]'s question.
pub fn draw_checked(
    report: &Report,
    filters: &Filters,
    width: f64,
    height: Option<f64>,
    theme: &Theme,
) -> Result<Option<(Chart, String)>, String> {
    let Some(dataset) = &report.dataset else {
        let accounting = Accounting::new(report, None);
        return if accounting.is_balanced() {
            Ok(None)
        } else {
            Err(format!("unbalanced accounting: {accounting:?}"))
        };
    };
    let chart = chart::build(dataset, filters, width, height, theme, &ApproxMeasure);
    let accounting = Accounting::new(report, Some(&chart.view.counts));
    if !accounting.is_balanced() {
        return Err(format!("unbalanced accounting: {accounting:?}"));
    }
    let (w, h) = (chart.scene.width, chart.scene.height);
    if !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0) {
        return Err(format!("the extent is {w} × {h}"));
    }
    if let Some(problem) = find(&chart, &|x, y| x.is_finite() && y.is_finite(), false) {
        return Err(format!("not finite: {problem}"));
    }
    let svg = draw::to_svg(&chart.scene);
    if !svg.starts_with("<svg") || !svg.trim_end().ends_with("</svg>") {
        return Err(format!(
            "the SVG is not one <svg> element: {}…",
            svg.chars().take(200).collect::<String>()
        ));
    }
    Ok(Some((chart, svg)))
}

/// Where the scene leaves `[0, width] × [0, height]`, if it does: a band outline, node box,
/// label anchor or label box outside the extent. The layout promises this never happens.
pub fn outside(chart: &Chart) -> Option<String> {
    let inside = inside(chart);
    find(chart, &inside, false).map(|problem| with_extent(chart, problem))
}

/// Like [`outside`], but ignoring bands routed round the diagram (loop lanes, for links that
/// run backwards), which leave the extent in a known layout bug.
pub fn outside_but_loops(chart: &Chart) -> Option<String> {
    let inside = inside(chart);
    find(chart, &inside, true).map(|problem| with_extent(chart, problem))
}

fn inside(chart: &Chart) -> impl Fn(f64, f64) -> bool {
    let (w, h) = (chart.scene.width, chart.scene.height);
    move |x, y| (-SLACK..=w + SLACK).contains(&x) && (-SLACK..=h + SLACK).contains(&y)
}

fn with_extent(chart: &Chart, problem: String) -> String {
    format!(
        "{problem} outside {} × {}",
        chart.scene.width, chart.scene.height
    )
}

/// The first point of the scene (band outlines, node boxes, label anchors and boxes) that
/// fails `ok`, described; bands with a loop lane are skipped if `skip_loops`.
fn find(chart: &Chart, ok: &dyn Fn(f64, f64) -> bool, skip_loops: bool) -> Option<String> {
    let scene = &chart.scene;
    for band in &scene.bands {
        let is_loop = chart
            .layout
            .bands
            .get(band.link)
            .is_some_and(|b| b.loop_lane.is_some());
        if skip_loops && is_loop {
            continue;
        }
        if band.outline.is_empty() {
            return Some(format!("band {} has an empty outline", band.link));
        }
        if let Some(p) = band.outline.iter().find(|p| !ok(p.0, p.1)) {
            let what = if is_loop { "loop band" } else { "band" };
            return Some(format!("{what} {} has the point {p:?}", band.link));
        }
    }
    for node in &scene.nodes {
        let r = &node.rect;
        if !ok(r.x0, r.y0) || !ok(r.x1, r.y1) || r.x0 > r.x1 || r.y0 > r.y1 {
            return Some(format!("node {} has the box {r:?}", node.node));
        }
    }
    for label in &scene.labels {
        if !ok(label.x, label.y) {
            return Some(format!(
                "label {:?} is anchored at ({}, {})",
                short(&label.text),
                label.x,
                label.y
            ));
        }
    }
    for label in &chart.layout.labels {
        let r = &label.rect;
        if !ok(r.x0, r.y0) || !ok(r.x1, r.y1) {
            return Some(format!("label {:?} has the box {r:?}", short(&label.text)));
        }
    }
    None
}

/// The first 40 characters of `text`, for messages.
fn short(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}
