//! Labels: beside their nodes, never over another label or a node, inside the extent.
//!
//! Labels of the first column sit left of their nodes (in the left margin), all others right
//! of theirs, in the gap before the next column (or the right margin). Each gap is a lane of
//! its own, so labels of different lanes cannot meet, and no node stands in a lane. In a
//! lane, labels are placed edge nodes first, then biggest node first, each at its node's middle if free, else at the
//! nearest free height that still faces its node, or a few lines off it when crowded. A name
//! too long for the lane (measured with the [`TextMeasure`]) wraps onto two lines, then is set
//! one font step smaller, then gives way to the short name the dataset declares; it is never
//! cut. The margins keep room for the narrowest form (see `place`); a label with no room at
//! all is left out, and its full text stays the node's label, shown on hover.

use super::place::Xs;
use super::{Align, Graph, GraphNode, Label, LayoutOptions, NodeBox, Rect, TextMeasure};

/// Line height of a label, in font sizes.
const LINE: f64 = 1.2;
/// The smallest label font, in CSS pixels: still legible on a phone.
pub const MIN_FONT_PX: f64 = 11.0;

pub(super) fn place(
    graph: &Graph,
    o: &LayoutOptions,
    measure: &dyn TextMeasure,
    nodes: &[NodeBox],
    xs: &Xs,
) -> Vec<Label> {
    let columns = xs.x0.len();
    if columns == 0 {
        return Vec::new();
    }
    // Lanes: (anchor x, align, room) per column.
    let lane = |c: usize| -> (f64, Align, f64) {
        if c == 0 && columns > 1 {
            let anchor = xs.x0[0] - xs.loop_left - xs.label_pad;
            (anchor, Align::End, anchor)
        } else if c + 1 == columns {
            let anchor = xs.x1(c) + xs.loop_right + xs.label_pad;
            (anchor, Align::Start, xs.width - anchor)
        } else {
            let anchor = xs.x1(c) + xs.label_pad;
            (anchor, Align::Start, xs.x0[c + 1] - xs.label_pad - anchor)
        }
    };
    let mut by_col: Vec<Vec<usize>> = vec![Vec::new(); columns];
    for (v, node) in nodes.iter().enumerate() {
        by_col[node.column].push(v);
    }
    let mut labels = Vec::new();
    for (c, members) in by_col.iter_mut().enumerate() {
        let (anchor, align, room) = lane(c);
        if room.is_nan() || room <= 0.0 {
            continue;
        }
        let height = |v: usize| nodes[v].rect.y1 - nodes[v].rect.y0;
        // Actors at the top or bottom edge first (their labels cannot move past it), then the
        // biggest: the others can move a line or two to make room.
        let line = LINE * o.font_px;
        let at_edge = |v: usize| nodes[v].rect.y0 < line || nodes[v].rect.y1 > xs.height - line;
        crate::util::sort::by(&mut members[..], |&a, &b| {
            (at_edge(b).cmp(&at_edge(a)))
                .then(height(b).total_cmp(&height(a)))
                .then(a.cmp(&b))
        });
        // Each actor's share of the column's height: from half way to the actor above to
        // half way to the one below.
        let mut by_y: Vec<usize> = members.clone();
        crate::util::sort::by(&mut by_y[..], |&a, &b| {
            nodes[a].rect.y0.total_cmp(&nodes[b].rect.y0)
        });
        let slot: std::collections::HashMap<usize, f64> = (0..by_y.len())
            .map(|i| {
                let r = &nodes[by_y[i]].rect;
                let top = match i {
                    0 => 0.0,
                    _ => (nodes[by_y[i - 1]].rect.y1 + r.y0) / 2.0,
                };
                let bottom = match by_y.get(i + 1) {
                    None => xs.height,
                    Some(&n) => (r.y1 + nodes[n].rect.y0) / 2.0,
                };
                (by_y[i], bottom - top)
            })
            .collect();
        let mut taken: Vec<(f64, f64)> = Vec::new();
        for &v in members.iter() {
            let r = &nodes[v].rect;
            // Beside its node if there is room, else up to a few lines off it, each form in
            // turn (one line is shorter than two): a crowded label moves rather than
            // disappears.
            let spot = |fit: &Fit, step: usize| {
                let half = 0.5 * LINE * fit.font_px * fit.lines.len() as f64;
                let spacing = 0.1 * fit.font_px;
                if xs.height < 2.0 * half {
                    return None;
                }
                let want = (0.5 * (r.y0 + r.y1)).clamp(half, xs.height - half);
                let reach = half + LINE * fit.font_px * step as f64;
                let lo = (r.y0 - reach).max(half);
                let hi = (r.y1 + reach).min(xs.height - half);
                free_spot(&taken, want, lo, hi, half + spacing / 2.0).map(|y| (y, half, spacing))
            };
            // Where actors crowd, a form taller than the actor's share of the column (half
            // way to each neighbour) would push its neighbours' labels out: it comes last, and
            // the least tall of such forms first.
            let share = slot.get(&v).copied().unwrap_or(xs.height);
            let all = fits(&graph.nodes[v], room, measure, o.font_px);
            let tall = |f: &Fit| LINE * f.font_px * f.lines.len() as f64 + 0.1 * f.font_px;
            let (mut forms, mut taller): (Vec<Fit>, Vec<Fit>) =
                all.into_iter().partition(|f| tall(f) <= share);
            // Stable: among forms equally tall, the preferred first.
            crate::util::sort::by(&mut taller[..], |a, b| tall(a).total_cmp(&tall(b)));
            forms.extend(taller);
            let placed = (0..3).find_map(|step| {
                forms
                    .iter()
                    .find_map(|f| spot(f, step).map(|at| (f.clone(), at)))
            });
            let Some((fit, (y, half, spacing))) = placed else {
                continue;
            };
            let at = taken.partition_point(|t| t.0 < y);
            taken.insert(at, (y - half - spacing / 2.0, y + half + spacing / 2.0));
            let x0 = match align {
                Align::Start => anchor,
                Align::End => anchor - fit.width,
            };
            labels.push(Label {
                node: v,
                text: fit.text,
                lines: fit.lines,
                font_px: fit.font_px,
                x: anchor,
                y,
                align,
                rect: Rect {
                    x0,
                    y0: y - half,
                    x1: x0 + fit.width,
                    y1: y + half,
                },
            });
        }
    }
    crate::util::sort::by_key(&mut labels[..], |l| l.node);
    labels
}

/// How a label fits its lane: its text, lines, widest line and font size.
#[derive(Debug, Clone, PartialEq)]
struct Fit {
    text: String,
    lines: Vec<String>,
    width: f64,
    font_px: f64,
}

/// The forms of `node`'s label that fit in `room`, preferred first: the name on one line, then
/// on two, at the layout's font and then one step smaller, then the short name (one line, then two). Never cut.
fn fits(node: &GraphNode, room: f64, measure: &dyn TextMeasure, font_px: f64) -> Vec<Fit> {
    forms(node, font_px)
        .into_iter()
        .filter_map(|(text, f, two)| lines_of(text, f, two, measure).filter(|l| l.width <= room))
        .collect()
}

#[cfg(test)]
fn fit(node: &GraphNode, room: f64, measure: &dyn TextMeasure, font_px: f64) -> Option<Fit> {
    fits(node, room, measure, font_px).into_iter().next()
}

/// The narrowest any form of `node`'s label can be: the room a margin must keep for it.
pub(super) fn narrowest(node: &GraphNode, measure: &dyn TextMeasure, font_px: f64) -> f64 {
    forms(node, font_px)
        .into_iter()
        .filter_map(|(text, f, two)| lines_of(text, f, two, measure).map(|l| l.width))
        .fold(f64::INFINITY, f64::min)
}

/// The forms tried, in order of preference: (text, font size, on two lines).
fn forms(node: &GraphNode, font_px: f64) -> Vec<(&str, f64, bool)> {
    let full = node.label.trim();
    let short = node
        .short
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let small = MIN_FONT_PX.min(font_px);
    let mut out = Vec::new();
    if !full.is_empty() {
        out.extend([(full, font_px, false), (full, font_px, true)]);
        if small < font_px {
            out.extend([(full, small, false), (full, small, true)]);
        }
    }
    if let Some(short) = short {
        out.extend([(short, font_px, false), (short, font_px, true)]);
        if small < font_px {
            out.extend([(short, small, false), (short, small, true)]);
        }
    }
    out
}

/// `text` on one line, or split at the space that makes its wider half narrowest.
fn lines_of(text: &str, font_px: f64, two: bool, measure: &dyn TextMeasure) -> Option<Fit> {
    let width = |s: &str| {
        let w = measure.width(s, font_px);
        (w.is_finite() && w >= 0.0).then_some(w)
    };
    let make = |lines: Vec<String>, w: f64| Fit {
        text: text.to_string(),
        lines,
        width: w,
        font_px,
    };
    if !two {
        return width(text).map(|w| make(vec![text.to_string()], w));
    }
    let mut best: Option<(f64, &str, &str)> = None;
    for (at, _) in text.match_indices(' ') {
        let (a, b) = (text[..at].trim_end(), text[at..].trim_start());
        if a.is_empty() || b.is_empty() {
            continue;
        }
        if let (Some(wa), Some(wb)) = (width(a), width(b)) {
            let w = wa.max(wb);
            if best.map_or(true, |(bw, _, _)| w < bw) {
                best = Some((w, a, b));
            }
        }
    }
    best.map(|(w, a, b)| make(vec![a.to_string(), b.to_string()], w))
}

/// The centre nearest `want` within `[lo, hi]` whose interval `±half` misses every taken
/// interval (sorted, disjoint).
fn free_spot(taken: &[(f64, f64)], want: f64, lo: f64, hi: f64, half: f64) -> Option<f64> {
    if lo > hi {
        return None;
    }
    // Forbidden centres: (a − half, b + half) for each taken (a, b) near [lo, hi].
    let first = taken.partition_point(|t| t.1 + half <= lo);
    let mut best: Option<f64> = None;
    let mut consider = |y: f64| {
        if y >= lo && y <= hi && best.map_or(true, |b| (y - want).abs() < (b - want).abs()) {
            best = Some(y);
        }
    };
    let mut free_from = lo;
    for t in taken[first..].iter() {
        let (a, b) = (t.0 - half, t.1 + half);
        if a >= hi {
            break;
        }
        if a >= free_from {
            consider(want.clamp(free_from, a));
        }
        free_from = free_from.max(b);
    }
    if free_from <= hi {
        consider(want.clamp(free_from, hi));
    }
    best
}

#[cfg(test)]
mod tests {
    use super::super::ApproxMeasure;
    use super::*;

    fn node(label: &str, short: Option<&str>) -> GraphNode {
        GraphNode {
            id: "n".into(),
            label: label.into(),
            short: short.map(str::to_string),
        }
    }

    #[test]
    fn a_long_name_wraps_then_shrinks_then_gives_way_to_its_short_form() {
        let m = ApproxMeasure;
        let gpm = node("Groupe des Patriotes du Mali", Some("GPM"));
        // 28 characters at 13 px × 0.56 ≈ 204 px on one line.
        let one = fit(&gpm, 210.0, &m, 13.0).unwrap();
        assert_eq!((one.lines.len(), one.font_px), (1, 13.0));
        let two = fit(&gpm, 120.0, &m, 13.0).unwrap();
        assert_eq!(two.lines, ["Groupe des", "Patriotes du Mali"]);
        assert_eq!(two.text, "Groupe des Patriotes du Mali");
        let small = fit(&gpm, 110.0, &m, 13.0).unwrap();
        assert_eq!((small.lines.len(), small.font_px), (2, MIN_FONT_PX));
        let short = fit(&gpm, 60.0, &m, 13.0).unwrap();
        assert_eq!((short.text.as_str(), short.font_px), ("GPM", 13.0));
        assert_eq!(fit(&gpm, 10.0, &m, 13.0), None);
        assert!((narrowest(&gpm, &m, 13.0) - 3.0 * 11.0 * 0.56).abs() < 1e-9);
        for room in [10.0, 60.0, 110.0, 120.0, 210.0] {
            if let Some(f) = fit(&gpm, room, &m, 13.0) {
                assert!(f.width <= room && f.lines.iter().all(|l| !l.contains('…')));
            }
        }
    }

    #[test]
    fn free_spots_avoid_taken_intervals() {
        let taken = [(0.0, 10.0), (20.0, 30.0)];
        assert_eq!(free_spot(&taken, 12.0, 0.0, 100.0, 2.0), Some(12.0));
        // 15 needs ±6: forbidden (−6, 16) and (14, 36) → nearest free is 36.
        assert_eq!(free_spot(&taken, 15.0, 0.0, 100.0, 6.0), Some(36.0));
        assert_eq!(free_spot(&taken, 15.0, 0.0, 30.0, 6.0), None);
    }
}
