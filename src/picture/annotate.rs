//! Annotations: a short text on the chart with a leader line to the band or actor it is about.
//!
//! `place` is pure geometry: each text's box goes at the free spot nearest its mark, where it
//! overlaps no label, no node box and no earlier annotation, inside the extent. The candidate
//! spots are a grid over the whole extent, tried nearest first, so a box is found wherever
//! there is room; an annotation with no room at all is left out rather than drawn over a name.
//! Bands may run under a box: its background keeps the text legible on them.

use crate::colour::{theme::Theme, Rgb};
use crate::layout::{Layout, Rect, TextMeasure};
use crate::picture::highlight::Target;
use crate::picture::scene::Scene;

/// Annotation text size, CSS px: a step below the labels', never under 12.
pub const FONT_PX: f64 = 12.0;
/// Room between the text and its box's edge.
pub const PADDING: f64 = 4.0;
/// Room kept between a box and the labels, nodes and boxes around it.
const CLEARANCE: f64 = 3.0;
/// Room kept clear around the point a leader starts from, CSS px: a short leader shows.
const ANCHOR_ROOM: f64 = 10.0;
/// Spacing of the candidate grid.
const GRID: f64 = 6.0;
/// The widths a box's text is wrapped to, CSS px, tried in turn: longer texts wrap onto
/// more lines, and more again where there is no room for a wide box.
const WIDTHS: [f64; 4] = [220.0, 140.0, 100.0, 70.0];

/// One placed annotation.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnotationMark {
    pub target: Target,
    pub text: String,
    /// `text` as drawn, top to bottom.
    pub lines: Vec<String>,
    /// The box, text and padding.
    pub rect: Rect,
    pub font_px: f64,
    /// The leader line: from the mark to the nearest point of the box's edge.
    pub leader: [(f64, f64); 2],
    pub color: Rgb,
    pub background: Rgb,
}

/// The box of each annotation: nearest its mark, clear of labels, node boxes, each other.
pub fn place(
    scene: &Scene,
    layout: &Layout,
    annotations: &[(Target, String)],
    measure: &dyn TextMeasure,
    theme: &Theme,
) -> Vec<AnnotationMark> {
    let mut taken: Vec<Rect> = layout
        .labels
        .iter()
        .map(|l| l.rect.clone())
        .chain(layout.nodes.iter().map(|n| n.rect.clone()))
        .collect();
    // No box hides the point a leader starts from, its own or another's.
    let anchors: Vec<Option<(f64, f64)>> = annotations
        .iter()
        .map(|(target, _)| anchor(scene, *target))
        .collect();
    taken.extend(anchors.iter().flatten().map(|&(x, y)| Rect {
        x0: x - ANCHOR_ROOM,
        y0: y - ANCHOR_ROOM,
        x1: x + ANCHOR_ROOM,
        y1: y + ANCHOR_ROOM,
    }));
    let mut placed = Vec::new();
    for ((target, text), anchor) in annotations.iter().zip(anchors) {
        let Some(anchor) = anchor else {
            continue;
        };
        // Narrower boxes of more lines where a wide one finds no room (a phone's chart).
        let Some((lines, rect)) = WIDTHS.iter().find_map(|&width| {
            let max_width = width.min(scene.width - 2.0 * (PADDING + CLEARANCE));
            let lines = wrap(text, max_width, measure);
            let text_width = lines
                .iter()
                .map(|l| measure.width(l, FONT_PX))
                .fold(0.0, f64::max);
            let w = text_width + 2.0 * PADDING;
            let h = lines.len() as f64 * FONT_PX * 1.2 + 2.0 * PADDING;
            free_spot(scene, &taken, anchor, w, h).map(|rect| (lines, rect))
        }) else {
            continue;
        };
        taken.push(rect.clone());
        placed.push(AnnotationMark {
            target: *target,
            text: text.clone(),
            lines,
            leader: [anchor, nearest_on_edge(&rect, anchor)],
            rect,
            font_px: FONT_PX,
            color: theme.text,
            background: theme.background,
        });
    }
    placed
}

/// Where a leader line starts: on the band's body, or the middle of the node's box.
pub fn anchor(scene: &Scene, target: Target) -> Option<(f64, f64)> {
    match target {
        Target::Band(b) => {
            let outline = &scene.bands.iter().find(|m| m.link == b)?.outline;
            // An outline is its top edge out and its bottom edge back: a point a quarter of
            // the way round and the one three quarters round face each other across the band.
            let n = outline.len();
            let (top, bottom) = (outline.get(n / 4)?, outline.get(3 * n / 4)?);
            Some(((top.0 + bottom.0) / 2.0, (top.1 + bottom.1) / 2.0))
        }
        Target::Node(n) => {
            let r = &scene.nodes.iter().find(|m| m.node == n)?.rect;
            Some(((r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0))
        }
    }
}

/// The free `w` × `h` box whose centre is nearest `anchor` (ties: the first in grid order),
/// or `None` if the extent has no room.
fn free_spot(scene: &Scene, taken: &[Rect], anchor: (f64, f64), w: f64, h: f64) -> Option<Rect> {
    let (max_x, max_y) = (scene.width - w, scene.height - h);
    if max_x < 0.0 || max_y < 0.0 {
        return None;
    }
    let steps = |max: f64| (max / GRID).floor() as usize;
    let mut best: Option<(f64, Rect)> = None;
    for i in 0..=steps(max_y) {
        // The last row and column sit flush with the extent's far edges.
        let y = (i as f64 * GRID).min(max_y);
        for j in 0..=steps(max_x) {
            let x = (j as f64 * GRID).min(max_x);
            let (cx, cy) = (x + w / 2.0, y + h / 2.0);
            let distance = (cx - anchor.0).powi(2) + (cy - anchor.1).powi(2);
            if best.as_ref().is_some_and(|(d, _)| *d <= distance) {
                continue;
            }
            let rect = Rect {
                x0: x,
                y0: y,
                x1: x + w,
                y1: y + h,
            };
            if !taken.iter().any(|t| overlaps(t, &rect, CLEARANCE)) {
                best = Some((distance, rect));
            }
        }
    }
    best.map(|(_, rect)| rect)
}

/// Whether `a` and `b` come closer than `gap`.
pub fn overlaps(a: &Rect, b: &Rect, gap: f64) -> bool {
    a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap
}

/// The point of `rect`'s edge nearest `p` (`p` itself if it is inside).
fn nearest_on_edge(rect: &Rect, p: (f64, f64)) -> (f64, f64) {
    (p.0.clamp(rect.x0, rect.x1), p.1.clamp(rect.y0, rect.y1))
}

/// `text` in lines no wider than `max_width` where words allow (a longer word is its own line).
fn wrap(text: &str, max_width: f64, measure: &dyn TextMeasure) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && measure.width(&candidate, FONT_PX) > max_width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::ApproxMeasure;

    #[test]
    fn wraps_at_words_and_keeps_long_words_whole() {
        let m = ApproxMeasure;
        // ApproxMeasure: 0.56 em a character, 6.72 px at 12 px.
        assert_eq!(wrap("one two three", 1000.0, &m), ["one two three"]);
        assert_eq!(wrap("one two three", 60.0, &m), ["one two", "three"]);
        assert_eq!(wrap("extraordinarily", 10.0, &m), ["extraordinarily"]);
        assert_eq!(wrap("  ", 10.0, &m), Vec::<String>::new());
    }

    #[test]
    fn the_leader_ends_on_the_box_edge() {
        let r = Rect {
            x0: 10.0,
            y0: 10.0,
            x1: 50.0,
            y1: 30.0,
        };
        assert_eq!(nearest_on_edge(&r, (0.0, 20.0)), (10.0, 20.0));
        assert_eq!(nearest_on_edge(&r, (60.0, 40.0)), (50.0, 30.0));
        assert!(overlaps(&r, &r, 0.0));
        let apart = Rect {
            x0: 54.0,
            ..r.clone()
        };
        assert!(!overlaps(&r, &apart, 3.0));
        assert!(overlaps(&r, &apart, 5.0));
    }
}
