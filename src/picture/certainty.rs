//! How sure the documents are, drawn as plain geometry: a fact is a solid band, a reported
//! flow a lighter band with diagonal hatching, a denied one no fill and a dashed outline.
//!
//! The hatch lines and dashes are computed here, in CSS pixels, so every plotters backend
//! (canvas, SVG, bitmap) paints the same strokes: no backend needs patterns or dash styles.

use crate::data::model::Status;

/// Distance between hatch lines, along x, in CSS pixels.
pub const HATCH_SPACING: f64 = 5.0;
/// Dash and gap lengths along a denied band's outline, in CSS pixels.
pub const DASH: f64 = 4.0;
pub const GAP: f64 = 3.0;
/// Fill opacity of a reported band, as a share of a fact's.
pub const REPORTED_FILL: f64 = 0.4;
/// Width of hatch lines, in CSS pixels.
pub const STROKE_PX: f64 = 1.25;
/// Width of a denied band's dashes: its outline is all there is of it, so a little heavier.
pub const DASH_PX: f64 = 1.6;

/// The certainty marks of one band: its status and the strokes that show it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Certainty {
    pub status: Status,
    /// Polylines to stroke in the band's colour: hatch segments (reported) or dashes (denied).
    pub strokes: Vec<Vec<(f64, f64)>>,
}

impl Certainty {
    pub fn of(status: Status, outline: &[(f64, f64)]) -> Certainty {
        let strokes = match status {
            Status::Fact => Vec::new(),
            Status::Reported => hatch(outline, HATCH_SPACING),
            Status::Denied => dashes(outline, DASH, GAP),
        };
        Certainty { status, strokes }
    }

    /// Width of the strokes, in CSS pixels.
    pub fn stroke_px(&self) -> f64 {
        match self.status {
            Status::Denied => DASH_PX,
            _ => STROKE_PX,
        }
    }

    /// Share of the theme's band opacity the band is filled with.
    pub fn fill(&self) -> f64 {
        match self.status {
            Status::Fact => 1.0,
            Status::Reported => REPORTED_FILL,
            Status::Denied => 0.0,
        }
    }
}

/// Diagonal lines `x + y = c` (rising to the right on screen), `c` on a global grid of
/// `spacing` so neighbouring bands hatch in step, clipped to the closed `outline` by the
/// even-odd rule.
pub fn hatch(outline: &[(f64, f64)], spacing: f64) -> Vec<Vec<(f64, f64)>> {
    if outline.len() < 3 || spacing.is_nan() || spacing <= 0.0 {
        return Vec::new();
    }
    let sum = |p: &(f64, f64)| p.0 + p.1;
    let lo = outline.iter().map(sum).fold(f64::INFINITY, f64::min);
    let hi = outline.iter().map(sum).fold(f64::NEG_INFINITY, f64::max);
    if !(lo.is_finite() && hi.is_finite()) {
        return Vec::new();
    }
    let mut segments = Vec::new();
    let mut c = (lo / spacing).floor() * spacing + spacing / 2.0;
    let mut xs: Vec<f64> = Vec::new();
    while c <= hi {
        xs.clear();
        for i in 0..outline.len() {
            let (a, b) = (outline[i], outline[(i + 1) % outline.len()]);
            let (fa, fb) = (sum(&a) - c, sum(&b) - c);
            if (fa > 0.0) != (fb > 0.0) {
                let t = fa / (fa - fb);
                xs.push(a.0 + (b.0 - a.0) * t);
            }
        }
        crate::util::sort::by(&mut xs[..], f64::total_cmp);
        for pair in xs.chunks_exact(2) {
            if pair[1] - pair[0] > 1e-6 {
                segments.push(vec![(pair[0], c - pair[0]), (pair[1], c - pair[1])]);
            }
        }
        c += spacing;
    }
    segments
}

/// The closed `outline` cut into dashes of `dash` with gaps of `gap`, walked from its first
/// point; a dash turns corners with the outline.
pub fn dashes(outline: &[(f64, f64)], dash: f64, gap: f64) -> Vec<Vec<(f64, f64)>> {
    if outline.len() < 2 || dash.is_nan() || dash <= 0.0 || gap.is_nan() || gap < 0.0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut current: Vec<(f64, f64)> = vec![outline[0]];
    // Where we are in the dash-gap cycle, and whether in a dash.
    let (mut left, mut drawing) = (dash, true);
    let n = outline.len();
    for i in 0..n {
        let (mut a, b) = (outline[i], outline[(i + 1) % n]);
        let mut length = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        if !length.is_finite() {
            return Vec::new();
        }
        while length > left {
            let t = left / length;
            let p = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            if drawing {
                current.push(p);
                out.push(std::mem::take(&mut current));
                left = gap;
            } else {
                current = vec![p];
                left = dash;
            }
            drawing = !drawing;
            length -= (p.0 - a.0).hypot(p.1 - a.1);
            a = p;
        }
        left -= length;
        if drawing {
            current.push(b);
        }
    }
    if drawing && current.len() > 1 {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square() -> Vec<(f64, f64)> {
        vec![(0.0, 0.0), (20.0, 0.0), (20.0, 20.0), (0.0, 20.0)]
    }

    #[test]
    fn hatch_lines_stay_inside_the_outline_and_cover_it() {
        let lines = hatch(&square(), 5.0);
        // x + y runs 0..40: lines at 2.5, 7.5, ..., 37.5.
        assert_eq!(lines.len(), 8);
        for line in &lines {
            for &(x, y) in line {
                assert!((-1e-9..=20.0 + 1e-9).contains(&x), "{x}");
                assert!((-1e-9..=20.0 + 1e-9).contains(&y), "{y}");
            }
            let (a, b) = (line[0], line[1]);
            assert!((a.0 + a.1 - b.0 - b.1).abs() < 1e-9, "on one diagonal");
        }
    }

    #[test]
    fn hatch_skips_a_notch_of_a_concave_outline() {
        // A U shape: the line x + y = 22.5 crosses both arms but not the notch between them.
        let u = vec![
            (0.0, 0.0),
            (5.0, 0.0),
            (5.0, 15.0),
            (15.0, 15.0),
            (15.0, 0.0),
            (20.0, 0.0),
            (20.0, 20.0),
            (0.0, 20.0),
        ];
        for line in hatch(&u, 5.0) {
            let mid = ((line[0].0 + line[1].0) / 2.0, (line[0].1 + line[1].1) / 2.0);
            let in_notch = mid.0 > 5.0 && mid.0 < 15.0 && mid.1 < 15.0;
            assert!(!in_notch, "{line:?}");
        }
    }

    #[test]
    fn dashes_alternate_along_the_whole_outline() {
        let d = dashes(&square(), 5.0, 3.0);
        // Perimeter 80 = 10 cycles of 8; the third dash (16 to 21) turns a corner.
        assert_eq!(d.len(), 10);
        let len = |l: &Vec<(f64, f64)>| -> f64 {
            l.windows(2)
                .map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1))
                .sum()
        };
        for dash in &d {
            assert!((len(dash) - 5.0).abs() < 1e-9, "{dash:?}");
        }
        // A dash that turns the corner at (20, 0) keeps the corner.
        assert!(d.iter().any(|l| l.contains(&(20.0, 0.0))));
        let total: f64 = d.iter().map(len).sum();
        assert!((total - 50.0).abs() < 1e-9);
    }

    #[test]
    fn facts_have_no_strokes_and_full_fill() {
        let fact = Certainty::of(Status::Fact, &square());
        assert!(fact.strokes.is_empty());
        assert_eq!(fact.fill(), 1.0);
        assert!(!Certainty::of(Status::Reported, &square())
            .strokes
            .is_empty());
        assert_eq!(Certainty::of(Status::Denied, &square()).fill(), 0.0);
    }
}
