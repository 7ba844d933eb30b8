//! The picture as plain data: band outlines, node boxes and labels with their colours.
//!
//! Built once per layout; hit-testing, the data table, exports and tests read it, and only
//! `draw` turns it into pixels. Coordinates are CSS pixels (`f64`).

use crate::colour::{theme::Theme, Rgb};
use crate::data::model::Dataset;
use crate::layout::{Align, Band, Layout, Rect};
use crate::picture::annotate::AnnotationMark;
use crate::picture::certainty::Certainty;
use crate::view::View;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    pub background: Rgb,
    pub bands: Vec<BandMark>,
    pub nodes: Vec<NodeMark>,
    pub labels: Vec<LabelMark>,
    /// Small multiples: each panel's title (and why it is empty), over its part of the
    /// scene; none for one chart.
    pub panels: Vec<PanelMark>,
    /// A story step's texts with their leader lines (`annotate::place`), drawn over the rest.
    pub annotations: Vec<AnnotationMark>,
}

/// One panel of small multiples: its area in the scene, its title above its chart, and what
/// it says when empty.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelMark {
    pub title: String,
    /// `title` as drawn: wrapped to the panel's width.
    pub lines: Vec<String>,
    /// Why nothing is drawn in the panel, when nothing is.
    pub note: Option<String>,
    /// The panel's area, title included.
    pub rect: Rect,
    /// Middle of the title's first line; the next are `line_px` apart.
    pub title_y: f64,
    pub line_px: f64,
    pub font_px: f64,
    pub color: Rgb,
    /// The panel's bands are `bands[links]` (and `View::links[links]`).
    pub links: std::ops::Range<usize>,
}

/// One band: a closed outline, filled with its kind's colour at `alpha` (times its
/// certainty's share), and the hatch lines or dashes that say how sure the documents are.
#[derive(Debug, Clone, PartialEq)]
pub struct BandMark {
    /// Index into `View::links`.
    pub link: usize,
    pub kind: String,
    pub color: Rgb,
    pub alpha: f64,
    pub outline: Vec<(f64, f64)>,
    pub certainty: Certainty,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NodeMark {
    /// Index into `View::nodes`.
    pub node: usize,
    pub rect: Rect,
    pub color: Rgb,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LabelMark {
    pub node: usize,
    /// The name shown (full, or the actor's short form).
    pub text: String,
    /// `text` as drawn: one or two lines, centred on `y` together.
    pub lines: Vec<String>,
    pub x: f64,
    pub y: f64,
    pub align: Align,
    pub font_px: f64,
    pub color: Rgb,
}

/// Points per curved stretch of a band outline: smooth at 2× device pixels.
const CURVE_STEPS: usize = 32;

pub fn build(
    dataset: &Dataset,
    view: &View,
    layout: &Layout,
    theme: &Theme,
    font_px: f64,
) -> Scene {
    let colors: HashMap<&str, Rgb> = dataset
        .kinds
        .iter()
        .map(|k| (k.id.as_str(), Rgb::parse(&k.color).unwrap_or(theme.node)))
        .collect();
    let bands = layout
        .bands
        .iter()
        .zip(&view.links)
        .enumerate()
        .map(|(link, (band, view_link))| {
            let outline = band_outline(band);
            BandMark {
                link,
                kind: view_link.kind.clone(),
                color: colors
                    .get(view_link.kind.as_str())
                    .copied()
                    .unwrap_or(theme.node),
                alpha: theme.band_alpha,
                certainty: Certainty::of(view_link.status, &outline),
                outline,
            }
        })
        .collect();
    let nodes = layout
        .nodes
        .iter()
        .enumerate()
        .map(|(node, b)| NodeMark {
            node,
            rect: b.rect.clone(),
            color: theme.node,
        })
        .collect();
    let labels = layout
        .labels
        .iter()
        .map(|l| LabelMark {
            node: l.node,
            text: l.text.clone(),
            lines: l.lines.clone(),
            x: l.x,
            y: l.y,
            align: l.align,
            font_px: l.font_px.min(font_px),
            color: theme.text,
        })
        .collect();
    Scene {
        width: layout.width,
        height: layout.height,
        background: theme.background,
        bands,
        nodes,
        labels,
        panels: Vec::new(),
        annotations: Vec::new(),
    }
}

/// The closed outline of a band: its top edge out, its bottom edge back.
pub fn band_outline(band: &Band) -> Vec<(f64, f64)> {
    match &band.loop_lane {
        None => forward_outline(band),
        Some(_) => loop_outline(band),
    }
}

/// A forward band: S-curves of constant vertical thickness between horizontal stations.
fn forward_outline(band: &Band) -> Vec<(f64, f64)> {
    let mut stations = vec![(band.source_x, band.source_x, band.source_y)];
    stations.extend(band.via.iter().map(|s| (s.x0, s.x1, s.y)));
    stations.push((band.target_x, band.target_x, band.target_y));
    let centre = |t: f64, a: (f64, f64), b: (f64, f64)| -> (f64, f64) {
        // Cubic with horizontal tangents: controls at the middle x.
        let mx = (a.0 + b.0) / 2.0;
        let u = 1.0 - t;
        let x = u * u * u * a.0 + 3.0 * u * u * t * mx + 3.0 * u * t * t * mx + t * t * t * b.0;
        let y = u * u * u * a.1 + 3.0 * u * u * t * a.1 + 3.0 * u * t * t * b.1 + t * t * t * b.1;
        (x, y)
    };
    let mut line = vec![(stations[0].0, stations[0].2)];
    for pair in stations.windows(2) {
        let (from, to) = ((pair[0].1, pair[0].2), (pair[1].0, pair[1].2));
        if pair[0].0 < pair[0].1 {
            line.push(from);
        }
        line.extend((1..=CURVE_STEPS).map(|i| centre(i as f64 / CURVE_STEPS as f64, from, to)));
    }
    let half = band.width / 2.0;
    let mut outline: Vec<(f64, f64)> = line.iter().map(|&(x, y)| (x, y - half)).collect();
    outline.extend(line.iter().rev().map(|&(x, y)| (x, y + half)));
    outline
}

/// A backward band: out to the right of its source, round to its lane, along the lane, and
/// back in from the left of its target. The centre line is offset along its normals.
fn loop_outline(band: &Band) -> Vec<(f64, f64)> {
    let lane = band.loop_lane.as_ref().expect("loop band");
    let corners = [
        (band.source_x, band.source_y),
        (lane.exit_x, band.source_y),
        (lane.exit_x, lane.y),
        (lane.enter_x, lane.y),
        (lane.enter_x, band.target_y),
        (band.target_x, band.target_y),
    ];
    let line = rounded_polyline(&corners, band.width / 2.0 + 2.0);
    offset_outline(&line, band.width / 2.0)
}

/// Samples a polyline whose corners are rounded with (at most) `radius`.
fn rounded_polyline(points: &[(f64, f64)], radius: f64) -> Vec<(f64, f64)> {
    let mut out = vec![points[0]];
    for i in 1..points.len() - 1 {
        let (p, c, n) = (points[i - 1], points[i], points[i + 1]);
        let (d_in, d_out) = (dist(p, c), dist(c, n));
        if d_in < 1e-9 || d_out < 1e-9 {
            continue;
        }
        let r = radius.min(d_in / 2.0).min(d_out / 2.0);
        let a = lerp(c, p, r / d_in);
        let b = lerp(c, n, r / d_out);
        // Quadratic through the corner: close enough to an arc at these sizes.
        out.extend((0..=CURVE_STEPS / 2).map(|i| {
            let t = i as f64 / (CURVE_STEPS / 2) as f64;
            let u = 1.0 - t;
            (
                u * u * a.0 + 2.0 * u * t * c.0 + t * t * b.0,
                u * u * a.1 + 2.0 * u * t * c.1 + t * t * b.1,
            )
        }));
    }
    out.push(points[points.len() - 1]);
    out.dedup_by(|a, b| dist(*a, *b) < 1e-9);
    out
}

/// Offsets a centre line by `half` on each side along its normals, as a closed outline.
fn offset_outline(line: &[(f64, f64)], half: f64) -> Vec<(f64, f64)> {
    let normal = |i: usize| {
        let a = line[i.saturating_sub(1)];
        let b = line[(i + 1).min(line.len() - 1)];
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt().max(1e-12);
        (-dy / len, dx / len)
    };
    let left: Vec<(f64, f64)> = (0..line.len())
        .map(|i| {
            let n = normal(i);
            (line[i].0 + n.0 * half, line[i].1 + n.1 * half)
        })
        .collect();
    let right = (0..line.len()).rev().map(|i| {
        let n = normal(i);
        (line[i].0 - n.0 * half, line[i].1 - n.1 * half)
    });
    left.into_iter().chain(right).collect()
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

fn lerp(a: (f64, f64), b: (f64, f64), t: f64) -> (f64, f64) {
    (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{LoopLane, Station};

    fn band(via: Vec<Station>, loop_lane: Option<LoopLane>) -> Band {
        Band {
            width: 10.0,
            source_x: 100.0,
            source_y: 50.0,
            target_x: 300.0,
            target_y: 150.0,
            via,
            loop_lane,
        }
    }

    #[test]
    fn forward_band_has_constant_vertical_thickness_and_meets_its_ends() {
        let outline = band_outline(&band(vec![], None));
        let n = outline.len() / 2;
        assert_eq!(outline[0], (100.0, 45.0));
        assert_eq!(outline[n - 1], (300.0, 145.0));
        assert_eq!(outline[n], (300.0, 155.0));
        assert_eq!(outline[2 * n - 1], (100.0, 55.0));
        for i in 0..n {
            let (top, bottom) = (outline[i], outline[2 * n - 1 - i]);
            assert!((top.0 - bottom.0).abs() < 1e-9);
            assert!((bottom.1 - top.1 - 10.0).abs() < 1e-9);
        }
    }

    #[test]
    fn forward_band_runs_flat_through_its_stations() {
        let outline = band_outline(&band(
            vec![Station {
                x0: 180.0,
                x1: 200.0,
                y: 80.0,
            }],
            None,
        ));
        assert!(outline.contains(&(180.0, 75.0)));
        assert!(outline.contains(&(200.0, 75.0)));
        let xs: Vec<f64> = outline[..outline.len() / 2].iter().map(|p| p.0).collect();
        assert!(
            xs.windows(2).all(|w| w[0] <= w[1]),
            "top edge runs left to right"
        );
    }

    #[test]
    fn loop_band_reaches_its_lane_and_both_ends() {
        let lane = LoopLane {
            y: 400.0,
            exit_x: 320.0,
            enter_x: 80.0,
        };
        let b = Band {
            source_x: 300.0,
            target_x: 100.0,
            ..band(vec![], Some(lane))
        };
        let outline = band_outline(&b);
        let max_y = outline.iter().map(|p| p.1).fold(f64::MIN, f64::max);
        assert!(
            (max_y - 405.0).abs() < 1e-6,
            "lane bottom edge at 405, got {max_y}"
        );
        assert!(outline.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
        assert!(outline.iter().any(|p| (p.0 - 300.0).abs() < 1e-9));
        assert!(outline.iter().any(|p| (p.0 - 100.0).abs() < 1e-9));
    }
}
