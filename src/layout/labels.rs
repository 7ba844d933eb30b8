//! Labels: beside their nodes, never over another label or a node, inside the extent.
//!
//! Labels of the first column sit left of their nodes (in the left margin), all others right
//! of theirs, in the gap before the next column (or the right margin). Each gap is a lane of
//! its own, so labels of different lanes cannot meet, and no node stands in a lane. In a
//! lane, labels are placed biggest node first, each at its node's middle if free, else at the
//! nearest free height that still faces its node. Text too long for the lane is shortened
//! with "…" (measured with the [`TextMeasure`]); a label with no room at all is left out: the
//! full text stays the node's label, shown on hover.

use super::place::Xs;
use super::{Align, Graph, Label, LayoutOptions, NodeBox, Rect, TextMeasure};

/// Line height of a label, in font sizes.
const LINE: f64 = 1.2;

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
    let half = 0.5 * LINE * o.font_px;
    let spacing = 0.1 * o.font_px;
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
        if room.is_nan() || room <= 0.0 || xs.height < 2.0 * half {
            continue;
        }
        let height = |v: usize| nodes[v].rect.y1 - nodes[v].rect.y0;
        crate::util::sort::by(&mut members[..], |&a, &b| {
            height(b).total_cmp(&height(a)).then(a.cmp(&b))
        });
        let mut taken: Vec<(f64, f64)> = Vec::new();
        for &v in members.iter() {
            let Some((text, w)) = shorten(&graph.nodes[v].label, room, measure, o.font_px) else {
                continue;
            };
            let r = &nodes[v].rect;
            let lo = (r.y0 - half).max(half);
            let hi = (r.y1 + half).min(xs.height - half);
            let want = (0.5 * (r.y0 + r.y1)).clamp(half, xs.height - half);
            let Some(y) = free_spot(&taken, want, lo, hi, half + spacing / 2.0) else {
                continue;
            };
            let at = taken.partition_point(|t| t.0 < y);
            taken.insert(at, (y - half - spacing / 2.0, y + half + spacing / 2.0));
            let x0 = match align {
                Align::Start => anchor,
                Align::End => anchor - w,
            };
            labels.push(Label {
                node: v,
                text,
                x: anchor,
                y,
                align,
                rect: Rect {
                    x0,
                    y0: y - half,
                    x1: x0 + w,
                    y1: y + half,
                },
            });
        }
    }
    crate::util::sort::by_key(&mut labels[..], |l| l.node);
    labels
}

/// `text`, or its longest prefix followed by "…", that fits in `room`; with its width.
fn shorten(
    text: &str,
    room: f64,
    measure: &dyn TextMeasure,
    font_px: f64,
) -> Option<(String, f64)> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let fits = |s: &str| {
        let w = measure.width(s, font_px);
        (w.is_finite() && w >= 0.0 && w <= room).then_some(w)
    };
    if let Some(w) = fits(text) {
        return Some((text.to_string(), w));
    }
    let chars: Vec<char> = text.chars().collect();
    let cut = |k: usize| format!("{}…", chars[..k].iter().collect::<String>().trim_end());
    // Largest k in 1..len with cut(k) fitting.
    let (mut lo, mut hi) = (0, chars.len());
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        if fits(&cut(mid)).is_some() {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    if lo == 0 {
        return None;
    }
    let s = cut(lo);
    fits(&s).map(|w| (s, w))
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

    #[test]
    fn long_text_is_shortened_with_an_ellipsis() {
        let m = ApproxMeasure;
        let (s, w) = shorten("Wagner Group / Africa Corps", 60.0, &m, 10.0).unwrap();
        assert!(s.ends_with('…'), "{s}");
        assert!(w <= 60.0);
        assert_eq!(shorten("Mali", 60.0, &m, 10.0).unwrap().0, "Mali");
        assert_eq!(shorten("Mali", 3.0, &m, 10.0), None);
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
