//! What is under the pointer: hit-testing the scene, exact on the band shapes.
//!
//! `HitIndex::new` reads a `Scene` once per layout; `HitIndex::at` answers a pointer position
//! in CSS pixels. Nodes (grown by `NODE_GROW`) come before bands. A band is hit when the point
//! is inside its outline (non-zero winding, the rule canvas and SVG fill with, so any polygon
//! works), or, for a band drawn thinner than the caller's minimum hit thickness, when the point
//! lies within half that thickness of its centre line.
//!
//! The index is a uniform grid over the scene. Each cell lists the bands whose shape touches
//! it: the cells crossed by the outline's edges and its centre line, plus the cells inside it
//! (filled row by row). A query reads the few cells around the point and tests only those
//! bands, topmost first, stopping at the first outline that contains the point. Each band
//! also keeps its edges and centre-line segments by grid column, so testing one band reads
//! the handful of segments in the point's column, not its whole outline.

use crate::picture::highlight::Target;
use crate::picture::scene::Scene;

/// How far, in CSS pixels, a node's rectangle is grown on every side for hit-testing.
pub const NODE_GROW: f64 = 2.0;

/// Minimum hit thickness of thin bands, in CSS pixels: a mouse points finely; a finger finds
/// the nearest thin band within 12 px.
pub const MOUSE_HIT: f64 = 8.0;
pub const TOUCH_HIT: f64 = 24.0;

/// About this many grid cells over the scene.
const TARGET_CELLS: f64 = 4096.0;
/// No cell smaller than this (CSS px): a query reads at most a few cells even at 16 px.
const MIN_CELL: f64 = 4.0;
/// No more cells than this along one axis, whatever the scene's shape.
const MAX_CELLS_PER_AXIS: usize = 512;

type Point = (f64, f64);

/// A spatial index of the scene's marks for hit-testing.
pub struct HitIndex {
    /// Node rectangles grown by `NODE_GROW`, as `[x0, y0, x1, y1]`.
    nodes: Vec<[f64; 4]>,
    bands: Vec<Shape>,
    grid: Grid,
}

/// A band's geometry as hit-testing needs it.
struct Shape {
    outline: Vec<Point>,
    /// Midpoints of point `i` and point `len - 1 - i` of the outline.
    centre: Vec<Point>,
    /// Drawn thickness: the widest distance between paired outline points.
    thickness: f64,
    /// `[x0, y0, x1, y1]` of the outline and centre line; `None` if a point is not finite.
    bbox: Option<[f64; 4]>,
    /// Outline edge `i` (from point `i` to the next) by the grid columns it spans: a ray cast
    /// down a column meets no other edge, so a point-in-outline test reads only these. Bands
    /// run left to right, so a column holds few of their edges.
    edges: ColumnBuckets,
    /// Centre-line segment `i` (from midpoint `i` to the next) by grid column.
    spine: ColumnBuckets,
}

/// Segment indices listed per grid column, for columns `first..first + starts.len() - 1`.
#[derive(Default)]
struct ColumnBuckets {
    first: usize,
    starts: Vec<u32>,
    items: Vec<u32>,
}

/// A uniform grid; cell `(col, row)` lists band indices in ascending order.
struct Grid {
    x0: f64,
    y0: f64,
    cell_w: f64,
    cell_h: f64,
    cols: usize,
    rows: usize,
    /// `items[starts[c]..starts[c + 1]]` are the bands of cell `c = row * cols + col`.
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl HitIndex {
    pub fn new(scene: &Scene) -> HitIndex {
        let nodes = scene
            .nodes
            .iter()
            .map(|n| {
                [
                    n.rect.x0.min(n.rect.x1) - NODE_GROW,
                    n.rect.y0.min(n.rect.y1) - NODE_GROW,
                    n.rect.x0.max(n.rect.x1) + NODE_GROW,
                    n.rect.y0.max(n.rect.y1) + NODE_GROW,
                ]
            })
            .collect();
        let mut bands: Vec<Shape> = scene.bands.iter().map(|b| Shape::new(&b.outline)).collect();
        let grid = Grid::build(&bands);
        for shape in bands.iter_mut().filter(|s| s.bbox.is_some()) {
            shape.edges = ColumnBuckets::build(&grid, shape.outline_edges());
            shape.spine = ColumnBuckets::build(&grid, shape.spine_segments());
        }
        HitIndex { nodes, bands, grid }
    }

    /// The topmost target at `(x, y)` in CSS pixels, or `None`.
    ///
    /// Nodes, with their rectangles grown by `NODE_GROW`, come first (the last drawn wins).
    /// Then bands: among bands whose outline contains the point, the one drawn last (highest
    /// index) wins. If none contains it, a band drawn thinner than `min_hit` (CSS px; e.g. 8
    /// for a mouse, 24 for touch) is hit when its centre line is within `min_hit / 2`; the
    /// nearest such centre line wins, the one drawn last on a tie. So a thin band is easy to
    /// point at, yet never takes a point that visibly lies on another band.
    pub fn at(&self, x: f64, y: f64, min_hit: f64) -> Option<Target> {
        if !x.is_finite() || !y.is_finite() {
            return None;
        }
        if let Some(n) = self
            .nodes
            .iter()
            .rposition(|r| x >= r[0] && x <= r[2] && y >= r[1] && y <= r[3])
        {
            return Some(Target::Node(n));
        }
        let min_hit = if min_hit.is_finite() {
            min_hit.max(0.0)
        } else {
            0.0
        };
        let reach = min_hit / 2.0;
        let mut candidates = self.grid.bands_near(x, y, reach);
        crate::util::sort::sort(&mut candidates);
        candidates.dedup();
        let mut nearest: Option<(f64, usize)> = None;
        for &b in candidates.iter().rev() {
            let b = b as usize;
            let shape = &self.bands[b];
            let Some(bbox) = shape.bbox else { continue };
            if in_box(bbox, x, y, 0.0) && shape.contains(&self.grid, x, y) {
                return Some(Target::Band(b));
            }
            if shape.thickness < min_hit && in_box(bbox, x, y, reach) {
                let d = shape.distance_to_centre(&self.grid, (x, y), reach);
                let nearer = match nearest {
                    Some((best, _)) => d < best,
                    None => true,
                };
                if d <= reach && nearer {
                    nearest = Some((d, b));
                }
            }
        }
        nearest.map(|(_, b)| Target::Band(b))
    }
}

impl Shape {
    fn new(outline: &[Point]) -> Shape {
        let pairs = outline.len() / 2;
        let last = outline.len().saturating_sub(1);
        let centre: Vec<Point> = (0..pairs)
            .map(|i| {
                let (a, b) = (outline[i], outline[last - i]);
                ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)
            })
            .collect();
        let thickness = (0..pairs)
            .map(|i| dist(outline[i], outline[last - i]))
            .fold(0.0, f64::max);
        let all = outline.iter().chain(&centre);
        let finite = all.clone().all(|p| p.0.is_finite() && p.1.is_finite());
        let bbox = (finite && !outline.is_empty()).then(|| {
            all.fold(
                [
                    f64::INFINITY,
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                    f64::NEG_INFINITY,
                ],
                |b, p| [b[0].min(p.0), b[1].min(p.1), b[2].max(p.0), b[3].max(p.1)],
            )
        });
        Shape {
            outline: outline.to_vec(),
            centre,
            thickness,
            bbox,
            edges: ColumnBuckets::default(),
            spine: ColumnBuckets::default(),
        }
    }

    fn outline_edges(&self) -> impl Iterator<Item = (Point, Point)> + Clone + '_ {
        let o = &self.outline;
        o.iter()
            .zip(o.iter().cycle().skip(1))
            .map(|(a, b)| (*a, *b))
    }

    /// The centre line's segments; a one-point centre line is one segment of no length.
    fn spine_segments(&self) -> impl Iterator<Item = (Point, Point)> + Clone + '_ {
        let c = &self.centre;
        let single = (c.len() == 1).then(|| (c[0], c[0]));
        c.windows(2).map(|w| (w[0], w[1])).chain(single)
    }

    /// Whether `(x, y)` is inside the outline (non-zero winding), reading only the edges in
    /// the point's grid column. The point must lie inside the grid.
    fn contains(&self, grid: &Grid, x: f64, y: f64) -> bool {
        let n = self.outline.len();
        // Swap the axes: a ray cast down the column is a ray cast along x in the swapped plane.
        let edges = self.edges.get(grid.col(x)).iter().map(|&i| {
            let (a, b) = (self.outline[i as usize], self.outline[(i as usize + 1) % n]);
            ((a.1, a.0), (b.1, b.0))
        });
        winding(edges, y, x) != 0
    }

    /// Distance from `p` to the centre line, exact up to `reach` (farther may read as infinite).
    fn distance_to_centre(&self, grid: &Grid, p: Point, reach: f64) -> f64 {
        let mut best = f64::INFINITY;
        for col in grid.col(p.0 - reach)..=grid.col(p.0 + reach) {
            for &i in self.spine.get(col) {
                let i = i as usize;
                let (a, b) = match self.centre.get(i + 1) {
                    Some(&b) => (self.centre[i], b),
                    None => (self.centre[i], self.centre[i]),
                };
                best = best.min(distance_to_segment(a, b, p));
            }
        }
        best
    }
}

impl ColumnBuckets {
    /// Lists each segment under every grid column its x-range meets.
    fn build(grid: &Grid, segments: impl Iterator<Item = (Point, Point)> + Clone) -> ColumnBuckets {
        let cols = |(a, b): (Point, Point)| grid.col(a.0.min(b.0))..=grid.col(a.0.max(b.0));
        let (Some(first), Some(last)) = (
            segments.clone().map(|s| *cols(s).start()).min(),
            segments.clone().map(|s| *cols(s).end()).max(),
        ) else {
            return ColumnBuckets::default();
        };
        let mut starts = vec![0u32; last - first + 2];
        for s in segments.clone() {
            for col in cols(s) {
                starts[col - first + 1] += 1;
            }
        }
        for r in 0..starts.len() - 1 {
            starts[r + 1] += starts[r];
        }
        let mut next = starts.clone();
        let mut items = vec![0u32; starts[starts.len() - 1] as usize];
        for (i, s) in segments.enumerate() {
            for col in cols(s) {
                items[next[col - first] as usize] = i as u32;
                next[col - first] += 1;
            }
        }
        ColumnBuckets {
            first,
            starts,
            items,
        }
    }

    fn get(&self, col: usize) -> &[u32] {
        match col.checked_sub(self.first) {
            Some(r) if r + 1 < self.starts.len() => {
                &self.items[self.starts[r] as usize..self.starts[r + 1] as usize]
            }
            _ => &[],
        }
    }
}

impl Grid {
    /// Buckets every band with a finite shape into the cells its shape touches.
    fn build(bands: &[Shape]) -> Grid {
        let extent = bands.iter().filter_map(|s| s.bbox).reduce(|a, b| {
            [
                a[0].min(b[0]),
                a[1].min(b[1]),
                a[2].max(b[2]),
                a[3].max(b[3]),
            ]
        });
        let Some([x0, y0, x1, y1]) = extent else {
            return Grid {
                x0: 0.0,
                y0: 0.0,
                cell_w: 1.0,
                cell_h: 1.0,
                cols: 0,
                rows: 0,
                starts: vec![0],
                items: Vec::new(),
            };
        };
        let (w, h) = (x1 - x0, y1 - y0);
        let side = (w.max(1.0) * h.max(1.0) / TARGET_CELLS)
            .sqrt()
            .max(MIN_CELL);
        let count = |len: f64| ((len / side).ceil() as usize).clamp(1, MAX_CELLS_PER_AXIS);
        let (cols, rows) = (count(w), count(h));
        let mut grid = Grid {
            x0,
            y0,
            cell_w: (w / cols as f64).max(f64::MIN_POSITIVE),
            cell_h: (h / rows as f64).max(f64::MIN_POSITIVE),
            cols,
            rows,
            starts: Vec::new(),
            items: Vec::new(),
        };
        let mut marker = Marker {
            stamps: vec![u32::MAX; cols * rows],
            pairs: Vec::new(),
            crossings: Vec::new(),
            cols,
            band: 0,
        };
        for (b, shape) in bands.iter().enumerate() {
            if shape.bbox.is_none() {
                continue;
            }
            marker.band = b as u32;
            grid.mark_shape(shape, &mut marker);
        }
        // Counting sort of the (cell, band) pairs by cell; bands stay ascending in each cell.
        let mut starts = vec![0u32; cols * rows + 1];
        for &(cell, _) in &marker.pairs {
            starts[cell as usize + 1] += 1;
        }
        for c in 0..cols * rows {
            starts[c + 1] += starts[c];
        }
        let mut next = starts.clone();
        let mut items = vec![0u32; marker.pairs.len()];
        for &(cell, band) in &marker.pairs {
            items[next[cell as usize] as usize] = band;
            next[cell as usize] += 1;
        }
        grid.starts = starts;
        grid.items = items;
        grid
    }

    fn col(&self, x: f64) -> usize {
        // `as` truncates, which is floor for the non-negative values left after `max`.
        (((x - self.x0) / self.cell_w).max(0.0) as usize).min(self.cols - 1)
    }

    fn row(&self, y: f64) -> usize {
        (((y - self.y0) / self.cell_h).max(0.0) as usize).min(self.rows - 1)
    }

    /// Marks the cells an outline (with its centre line) touches: those its edges cross, and
    /// those whose centre row-scan falls inside it.
    fn mark_shape(&self, shape: &Shape, marker: &mut Marker) {
        let outline = &shape.outline;
        let edges = outline.iter().zip(outline.iter().cycle().skip(1));
        let centre = shape.centre.windows(2).map(|w| (&w[0], &w[1]));
        for (a, b) in edges.chain(centre) {
            self.mark_segment(*a, *b, marker);
        }
        if let Some(&p) = shape.centre.first() {
            self.mark_segment(p, p, marker);
        }
        // Interior: where each row's middle line has a non-zero winding number.
        let mut crossings = std::mem::take(&mut marker.crossings);
        crossings.clear();
        for (a, b) in outline.iter().zip(outline.iter().cycle().skip(1)) {
            if a.1 == b.1 {
                continue;
            }
            for row in self.row(a.1.min(b.1))..=self.row(a.1.max(b.1)) {
                let y = self.y0 + (row as f64 + 0.5) * self.cell_h;
                // Half-open in y, as in `contains`, so each vertex counts once.
                if (a.1 > y) != (b.1 > y) {
                    let x = a.0 + (y - a.1) / (b.1 - a.1) * (b.0 - a.0);
                    crossings.push((row, x, if b.1 > a.1 { 1 } else { -1 }));
                }
            }
        }
        crate::util::sort::by(&mut crossings, |p, q| {
            p.0.cmp(&q.0).then(p.1.total_cmp(&q.1))
        });
        let mut winding = 0;
        for pair in crossings.windows(2) {
            winding = if pair[0].0 == pair[1].0 {
                winding + pair[0].2
            } else {
                0
            };
            if winding != 0 {
                marker.mark_row(pair[0].0, self.col(pair[0].1), self.col(pair[1].1));
            }
        }
        marker.crossings = crossings;
    }

    /// Marks every cell the segment `a`–`b` passes through.
    fn mark_segment(&self, a: Point, b: Point, marker: &mut Marker) {
        let (r0, r1) = (self.row(a.1.min(b.1)), self.row(a.1.max(b.1)));
        for row in r0..=r1 {
            let (x0, x1) = if a.1 == b.1 || r0 == r1 {
                (a.0.min(b.0), a.0.max(b.0))
            } else {
                // The part of the segment inside this row's band of y.
                let top = self.y0 + row as f64 * self.cell_h;
                let (lo, hi) = (top.max(a.1.min(b.1)), (top + self.cell_h).min(a.1.max(b.1)));
                let x_at = |y: f64| a.0 + (y - a.1) / (b.1 - a.1) * (b.0 - a.0);
                (x_at(lo).min(x_at(hi)), x_at(lo).max(x_at(hi)))
            };
            marker.mark_row(row, self.col(x0), self.col(x1));
        }
    }

    /// Band indices listed in the cells within `reach` of `(x, y)`; may repeat.
    fn bands_near(&self, x: f64, y: f64, reach: f64) -> Vec<u32> {
        let mut out = Vec::new();
        if self.cols == 0 {
            return out;
        }
        let (left, right) = (x - reach, x + reach);
        let (top, bottom) = (y - reach, y + reach);
        let x_end = self.x0 + self.cols as f64 * self.cell_w;
        let y_end = self.y0 + self.rows as f64 * self.cell_h;
        if right < self.x0 || left > x_end || bottom < self.y0 || top > y_end {
            return out;
        }
        for row in self.row(top)..=self.row(bottom) {
            for col in self.col(left)..=self.col(right) {
                let c = row * self.cols + col;
                out.extend_from_slice(
                    &self.items[self.starts[c] as usize..self.starts[c + 1] as usize],
                );
            }
        }
        out
    }
}

/// Collects (cell, band) pairs, once per cell and band (bands arrive in ascending order).
struct Marker {
    /// The last band recorded in each cell.
    stamps: Vec<u32>,
    pairs: Vec<(u32, u32)>,
    /// Scratch: (row, x, direction) where an outline crosses a row's middle line.
    crossings: Vec<(usize, f64, i32)>,
    cols: usize,
    band: u32,
}

impl Marker {
    fn mark_row(&mut self, row: usize, c0: usize, c1: usize) {
        for col in c0..=c1 {
            let cell = row * self.cols + col;
            if self.stamps[cell] != self.band {
                self.stamps[cell] = self.band;
                self.pairs.push((cell as u32, self.band));
            }
        }
    }
}

fn in_box(b: [f64; 4], x: f64, y: f64, margin: f64) -> bool {
    x >= b[0] - margin && x <= b[2] + margin && y >= b[1] - margin && y <= b[3] + margin
}

/// Whether `(x, y)` is inside the closed polygon `outline` by the non-zero winding rule, the
/// rule canvas and SVG fill polygons with: where a loop band's offset outline crosses itself
/// at a tight corner, the little knot it ties is painted, so it is hit too.
pub fn contains(outline: &[Point], x: f64, y: f64) -> bool {
    let edges = outline.iter().zip(outline.iter().cycle().skip(1));
    winding(edges.map(|(a, b)| (*a, *b)), x, y) != 0
}

/// The winding number of `edges` around `(x, y)`, by a ray cast towards +x.
fn winding(edges: impl Iterator<Item = (Point, Point)>, x: f64, y: f64) -> i32 {
    let mut winding = 0;
    for (a, b) in edges {
        if (a.1 > y) != (b.1 > y) && x < a.0 + (y - a.1) / (b.1 - a.1) * (b.0 - a.0) {
            winding += if b.1 > a.1 { 1 } else { -1 };
        }
    }
    winding
}

fn distance_to_segment(a: Point, b: Point, p: Point) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    dist((a.0 + t * dx, a.1 + t * dy), p)
}

fn dist(a: Point, b: Point) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::colour::Rgb;
    use crate::layout::{Band, LoopLane, Rect};
    use crate::picture::scene::{band_outline, BandMark, NodeMark};

    fn band(width: f64, from: Point, to: Point) -> Band {
        Band {
            width,
            source_x: from.0,
            source_y: from.1,
            target_x: to.0,
            target_y: to.1,
            via: vec![],
            loop_lane: None,
        }
    }

    #[test]
    fn a_finger_finds_a_thin_band_within_12_px() {
        let s = scene(&[band(2.0, (0.0, 100.0), (400.0, 100.0))], &[]);
        let index = HitIndex::new(&s);
        assert_eq!(index.at(200.0, 111.5, TOUCH_HIT), Some(Target::Band(0)));
        assert_eq!(index.at(200.0, 88.5, TOUCH_HIT), Some(Target::Band(0)));
        assert_eq!(index.at(200.0, 113.0, TOUCH_HIT), None);
        assert_eq!(
            index.at(200.0, 111.5, MOUSE_HIT),
            None,
            "a mouse points finely"
        );
    }

    fn scene(bands: &[Band], nodes: &[[f64; 4]]) -> Scene {
        Scene {
            width: 600.0,
            height: 600.0,
            background: Rgb(255, 255, 255),
            bands: bands
                .iter()
                .enumerate()
                .map(|(link, b)| BandMark {
                    link,
                    kind: "k".into(),
                    color: Rgb(0, 0, 0),
                    alpha: 0.5,
                    outline: band_outline(b),
                    certainty: Default::default(),
                })
                .collect(),
            nodes: nodes
                .iter()
                .enumerate()
                .map(|(node, r)| NodeMark {
                    node,
                    rect: Rect {
                        x0: r[0],
                        y0: r[1],
                        x1: r[2],
                        y1: r[3],
                    },
                    color: Rgb(0, 0, 0),
                })
                .collect(),
            labels: vec![],
            panels: vec![],
            annotations: vec![],
        }
    }

    #[test]
    fn a_band_is_hit_on_its_shape_and_not_in_the_gaps_of_its_bounding_box() {
        // An S-curve from (100, 50) down to (300, 150), 10 px thick.
        let index = HitIndex::new(&scene(&[band(10.0, (100.0, 50.0), (300.0, 150.0))], &[]));
        assert_eq!(index.at(200.0, 100.0, 0.0), Some(Target::Band(0)), "centre");
        assert_eq!(
            index.at(110.0, 54.0, 0.0),
            Some(Target::Band(0)),
            "near the source"
        );
        assert_eq!(
            index.at(290.0, 146.0, 0.0),
            Some(Target::Band(0)),
            "near the target"
        );
        // Inside the bounding box, off the curve.
        assert_eq!(index.at(280.0, 60.0, 0.0), None);
        assert_eq!(index.at(120.0, 140.0, 16.0), None);
        assert_eq!(index.at(200.0, 20.0, 8.0), None);
        assert_eq!(index.at(-50.0, -50.0, 16.0), None, "outside the scene");
    }

    #[test]
    fn nodes_grown_by_two_pixels_come_before_bands() {
        let index = HitIndex::new(&scene(
            &[band(10.0, (100.0, 50.0), (300.0, 150.0))],
            &[[88.0, 40.0, 100.0, 60.0], [300.0, 140.0, 312.0, 160.0]],
        ));
        assert_eq!(index.at(94.0, 50.0, 0.0), Some(Target::Node(0)));
        assert_eq!(
            index.at(101.5, 50.0, 0.0),
            Some(Target::Node(0)),
            "grown edge over the band"
        );
        assert_eq!(index.at(103.0, 50.0, 0.0), Some(Target::Band(0)));
        assert_eq!(index.at(94.0, 38.5, 0.0), Some(Target::Node(0)));
        assert_eq!(index.at(94.0, 37.5, 0.0), None);
        assert_eq!(index.at(313.0, 161.0, 0.0), Some(Target::Node(1)));
    }

    #[test]
    fn a_thin_band_is_hit_within_half_the_minimum_thickness_of_its_centre() {
        let index = HitIndex::new(&scene(&[band(1.0, (100.0, 200.0), (300.0, 200.0))], &[]));
        assert_eq!(
            index.at(200.0, 200.2, 0.0),
            Some(Target::Band(0)),
            "on the band"
        );
        assert_eq!(index.at(200.0, 203.0, 8.0), Some(Target::Band(0)));
        assert_eq!(index.at(200.0, 197.0, 8.0), Some(Target::Band(0)));
        assert_eq!(index.at(200.0, 205.0, 8.0), None);
        assert_eq!(index.at(200.0, 203.0, 0.0), None, "no tolerance asked");
        assert_eq!(index.at(200.0, 207.0, 16.0), Some(Target::Band(0)), "touch");
        assert_eq!(index.at(200.0, 209.0, 16.0), None);
        assert_eq!(
            index.at(96.0, 200.0, 8.0),
            Some(Target::Band(0)),
            "past its end"
        );
        assert_eq!(index.at(94.0, 200.0, 8.0), None);
    }

    #[test]
    fn a_band_as_thick_as_the_minimum_gets_no_tolerance() {
        let index = HitIndex::new(&scene(&[band(8.0, (100.0, 200.0), (300.0, 200.0))], &[]));
        assert_eq!(index.at(200.0, 203.5, 8.0), Some(Target::Band(0)));
        assert_eq!(index.at(200.0, 204.5, 8.0), None);
        assert_eq!(index.at(200.0, 204.5, 16.0), Some(Target::Band(0)));
    }

    #[test]
    fn the_band_drawn_last_wins_where_bands_cross() {
        let index = HitIndex::new(&scene(
            &[
                band(20.0, (100.0, 100.0), (300.0, 300.0)),
                band(20.0, (100.0, 300.0), (300.0, 100.0)),
            ],
            &[],
        ));
        assert_eq!(index.at(200.0, 200.0, 0.0), Some(Target::Band(1)));
        assert_eq!(index.at(105.0, 100.0, 0.0), Some(Target::Band(0)));
        assert_eq!(index.at(105.0, 300.0, 0.0), Some(Target::Band(1)));
    }

    #[test]
    fn a_thin_band_never_takes_a_point_that_lies_on_another_band() {
        let index = HitIndex::new(&scene(
            &[
                band(40.0, (100.0, 200.0), (300.0, 200.0)),
                band(1.0, (100.0, 210.0), (300.0, 210.0)),
                band(1.0, (100.0, 300.0), (300.0, 300.0)),
                band(1.0, (100.0, 305.0), (300.0, 305.0)),
            ],
            &[],
        ));
        assert_eq!(
            index.at(200.0, 210.2, 8.0),
            Some(Target::Band(1)),
            "on the thin band"
        );
        assert_eq!(
            index.at(200.0, 207.0, 8.0),
            Some(Target::Band(0)),
            "off it, on the thick one"
        );
        // Between two thin bands, outside both: the nearer centre line wins.
        assert_eq!(index.at(200.0, 301.5, 8.0), Some(Target::Band(2)));
        assert_eq!(index.at(200.0, 303.5, 8.0), Some(Target::Band(3)));
        assert_eq!(
            index.at(200.0, 302.5, 8.0),
            Some(Target::Band(3)),
            "a tie: drawn last"
        );
    }

    #[test]
    fn a_loop_band_is_hit_along_its_lane_but_not_in_the_space_it_encloses() {
        let lane = LoopLane {
            y: 400.0,
            exit_x: 320.0,
            enter_x: 80.0,
        };
        let b = Band {
            loop_lane: Some(lane),
            ..band(10.0, (300.0, 100.0), (100.0, 100.0))
        };
        let index = HitIndex::new(&scene(&[b], &[]));
        assert_eq!(index.at(200.0, 400.0, 0.0), Some(Target::Band(0)), "lane");
        assert_eq!(
            index.at(320.0, 250.0, 0.0),
            Some(Target::Band(0)),
            "right leg"
        );
        assert_eq!(
            index.at(80.0, 250.0, 0.0),
            Some(Target::Band(0)),
            "left leg"
        );
        assert_eq!(index.at(200.0, 250.0, 16.0), None, "the enclosed space");
        assert_eq!(index.at(200.0, 100.0, 16.0), None, "between its ends");
    }

    #[test]
    fn the_inside_of_a_band_much_thicker_than_a_cell_is_hit() {
        // 400 px thick: most of its cells have no edge in them.
        let index = HitIndex::new(&scene(&[band(400.0, (0.0, 300.0), (600.0, 300.0))], &[]));
        for x in (5..600).step_by(37) {
            for y in (105..500).step_by(41) {
                assert_eq!(
                    index.at(x as f64, y as f64, 0.0),
                    Some(Target::Band(0)),
                    "({x}, {y})"
                );
            }
        }
        assert_eq!(index.at(300.0, 99.0, 0.0), None);
    }

    #[test]
    fn any_simple_polygon_works_even_a_concave_one() {
        // A U shape.
        let u = vec![
            (0.0, 0.0),
            (10.0, 0.0),
            (10.0, 90.0),
            (90.0, 90.0),
            (90.0, 0.0),
            (100.0, 0.0),
            (100.0, 100.0),
            (0.0, 100.0),
        ];
        let mut s = scene(&[], &[]);
        s.bands.push(BandMark {
            link: 0,
            kind: "k".into(),
            color: Rgb(0, 0, 0),
            alpha: 1.0,
            outline: u,
            certainty: Default::default(),
        });
        let index = HitIndex::new(&s);
        assert_eq!(index.at(5.0, 50.0, 0.0), Some(Target::Band(0)));
        assert_eq!(index.at(95.0, 50.0, 0.0), Some(Target::Band(0)));
        assert_eq!(index.at(50.0, 95.0, 0.0), Some(Target::Band(0)));
        assert_eq!(index.at(50.0, 50.0, 0.0), None);
    }

    #[test]
    fn a_region_the_outline_winds_round_twice_is_filled_as_drawn() {
        // Canvas and SVG fill by non-zero winding: a square traced twice is painted.
        let square = [(0.0, 0.0), (50.0, 0.0), (50.0, 50.0), (0.0, 50.0)];
        let mut s = scene(&[], &[]);
        s.bands.push(BandMark {
            link: 0,
            kind: "k".into(),
            color: Rgb(0, 0, 0),
            alpha: 1.0,
            outline: square.iter().chain(&square).copied().collect(),
            certainty: Default::default(),
        });
        let index = HitIndex::new(&s);
        assert_eq!(index.at(25.0, 25.0, 0.0), Some(Target::Band(0)));
        assert_eq!(index.at(60.0, 25.0, 0.0), None);
    }

    #[test]
    fn broken_input_never_panics() {
        assert_eq!(HitIndex::new(&scene(&[], &[])).at(1.0, 1.0, 8.0), None);
        let mut s = scene(
            &[band(10.0, (0.0, 0.0), (100.0, 0.0))],
            &[[0.0, 0.0, 1.0, 1.0]],
        );
        s.bands.push(BandMark {
            outline: vec![(f64::NAN, 1.0), (2.0, f64::INFINITY), (3.0, 3.0)],
            ..s.bands[0].clone()
        });
        s.bands.push(BandMark {
            outline: vec![],
            ..s.bands[0].clone()
        });
        s.bands.push(BandMark {
            outline: vec![(50.0, 50.0)],
            ..s.bands[0].clone()
        });
        let index = HitIndex::new(&s);
        assert_eq!(index.at(f64::NAN, 1.0, 8.0), None);
        assert_eq!(index.at(1.0, f64::INFINITY, 8.0), None);
        assert_eq!(index.at(50.0, 0.0, f64::NAN), Some(Target::Band(0)));
        assert_eq!(
            index.at(50.0, 50.0, 8.0),
            None,
            "a one-point band has no shape"
        );
        assert_eq!(index.at(1e300, -1e300, 1e300), None);
    }
}
