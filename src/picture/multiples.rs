//! Small multiples: one small chart per family of kinds or per named period, composed into one
//! `Scene`, so that painting, hit-testing, tooltips, the SVG and PNG exports read it as they
//! read one chart.
//!
//! Steps: split the view into panels (`view::multiples::panels`); lay each out in the
//! dataset's global order (`layout_ranked`) at its natural height; take the smallest scale
//! (pixels per flow) of them and lay every panel out again at it, so that a band of three
//! flows is as thick in every panel; place the panels in a grid (side by side from
//! `chart::NARROW_BELOW` up, stacked below it), translating each layout to its cell; then
//! build the scene of the union view (`view::multiples::union`) over the composed layout and
//! add each panel's title. A band's link index is its own panel's link, so its tooltip lists
//! that panel's flows only.

use crate::colour::theme::Theme;
use crate::data::model::Dataset;
use crate::layout::{self, Layout, Rect, TextMeasure};
use crate::picture::chart::{self, Chart, FONT_PX, NARROW_BELOW};
use crate::picture::scene::{self, PanelMark, Scene};
use crate::view::multiples::{self as split, Panel};
use crate::view::order::GlobalOrder;
use crate::view::{Filters, Multiples, View};

/// Narrowest panel side by side with another (CSS px): below it panels stack.
pub const MIN_PANEL_WIDTH: f64 = 400.0;
/// Gap between two panels of a row, and between rows.
pub const GAP: f64 = 24.0;
/// Height of a panel's title of one line, above its chart; each further line adds a
/// `TITLE_LINE`.
pub const TITLE_HEIGHT: f64 = 28.0;
pub const TITLE_LINE: f64 = 19.0;
/// Title font size (CSS px), a step above the labels.
pub const TITLE_PX: f64 = 15.0;
/// Space below the last row.
const BOTTOM: f64 = 8.0;
/// The shortest chart area of a panel that draws something.
const MIN_PANEL_HEIGHT: f64 = 90.0;
/// Height of an empty panel's chart area, where it says why it is empty.
const EMPTY_HEIGHT: f64 = 40.0;

/// How many panels go side by side at `width`: as many as fit at `MIN_PANEL_WIDTH`, then
/// balanced (four panels in three columns become two rows of two); one below `NARROW_BELOW`.
pub fn columns(width: f64, panels: usize) -> usize {
    if width < NARROW_BELOW || panels <= 1 {
        return 1;
    }
    let fit = (((width + GAP) / (MIN_PANEL_WIDTH + GAP)).floor() as usize).clamp(1, panels);
    let rows = panels.div_ceil(fit);
    panels.div_ceil(rows)
}

/// The chart of `filters`' view split `by` family or period, `width` wide (its height is the
/// panels'), every panel in `order` and at one scale. No panels (by period in a dataset that
/// names none) draws the one chart.
pub fn build(
    dataset: &Dataset,
    order: &GlobalOrder,
    filters: &Filters,
    by: Multiples,
    width: f64,
    theme: &Theme,
    measure: &dyn TextMeasure,
) -> Chart {
    let panels = split::panels(dataset, filters, by);
    let whole = Filters {
        multiples: None,
        ..filters.clone()
    };
    if panels.is_empty() {
        return chart::build_in_order(dataset, order, &whole, width, None, theme, measure);
    }
    let cols = columns(width, panels.len());
    let panel_width = ((width - GAP * (cols - 1) as f64) / cols as f64).max(1.0);
    let layouts = layout_panels(&panels, order, filters, panel_width, measure);
    let titles = panels
        .iter()
        .map(|p| title_lines(&title_of(p), panel_width, measure))
        .collect();
    let (layout, marks) = compose(&panels, titles, layouts, cols, width, panel_width, theme);
    let view = split::union(dataset, &View::new(dataset, &whole), &panels);
    let mut scene = scene::build(dataset, &view, &layout, theme, FONT_PX);
    scene.panels = marks;
    Chart {
        view,
        layout,
        scene,
    }
}

/// Each non-empty panel at the smallest of the panels' scales (each laid out alone at its
/// natural height first), then as short as that scale allows: the height of its rows of
/// labels, or its natural height where that is too short for the shared scale.
fn layout_panels(
    panels: &[Panel],
    order: &GlobalOrder,
    filters: &Filters,
    width: f64,
    measure: &dyn TextMeasure,
) -> Vec<Option<Layout>> {
    let lay = |panel: &Panel, height: f64, value_px: Option<f64>| {
        let ranks = order.ranks(&panel.view, filters.arrangement);
        let options = layout::LayoutOptions {
            value_px,
            ..chart::options(width, height)
        };
        layout::layout_ranked(&panel.view.graph, &ranks, &options, measure)
    };
    let natural = |panel: &Panel| chart::natural_height(&panel.view, width);
    let alone: Vec<Option<Layout>> = panels
        .iter()
        .map(|p| (!p.view.links.is_empty()).then(|| lay(p, natural(p), None)))
        .collect();
    let shared = alone
        .iter()
        .flatten()
        .map(|l| l.value_px)
        .fold(f64::INFINITY, f64::min);
    panels
        .iter()
        .zip(alone)
        .map(|(panel, alone)| {
            let alone = alone?;
            let compact = compact_height(&panel.view, width).min(alone.height);
            let short = lay(panel, compact, Some(shared));
            // Exactly the shared scale, or the taller layout (whose own scale is no smaller).
            Some(if short.value_px == shared {
                short
            } else {
                lay(panel, natural(panel), Some(shared))
            })
        })
        .collect()
}

/// The height of a panel's rows of labels, without the single chart's minimum (a panel of
/// two actors needs no 240 px).
fn compact_height(view: &View, width: f64) -> f64 {
    (chart::label_rows(view) as f64 * chart::row_height(width) + 40.0).max(MIN_PANEL_HEIGHT)
}

/// The panels' layouts translated into a grid of `cols` columns, as one layout (columns
/// numbered panel after panel, so keyboard reading goes panel by panel), and each panel's
/// title mark.
fn compose(
    panels: &[Panel],
    titles: Vec<Vec<String>>,
    layouts: Vec<Option<Layout>>,
    cols: usize,
    width: f64,
    panel_width: f64,
    theme: &Theme,
) -> (Layout, Vec<PanelMark>) {
    let mut out = Layout {
        width,
        height: 0.0,
        columns: 0,
        nodes: Vec::new(),
        bands: Vec::new(),
        labels: Vec::new(),
        value_px: 0.0,
    };
    let mut marks = Vec::with_capacity(panels.len());
    let (mut row_top, mut row_height) = (0.0, 0.0f64);
    let parts = panels.iter().zip(titles).zip(layouts);
    for (i, ((panel, lines), layout)) in parts.enumerate() {
        let col = i % cols;
        if col == 0 && i > 0 {
            row_top += row_height + GAP;
            row_height = 0.0;
        }
        let title_height = TITLE_HEIGHT + TITLE_LINE * (lines.len().max(1) - 1) as f64;
        let (x, y) = (col as f64 * (panel_width + GAP), row_top + title_height);
        let first_link = out.bands.len();
        let chart_height = match layout {
            Some(layout) => {
                out.value_px = layout.value_px;
                let height = layout.height;
                place(&mut out, layout, x, y);
                height
            }
            None => EMPTY_HEIGHT,
        };
        row_height = row_height.max(title_height + chart_height);
        marks.push(PanelMark {
            title: title_of(panel),
            lines,
            note: panel.empty.clone(),
            rect: Rect {
                x0: x,
                y0: row_top,
                x1: x + panel_width,
                y1: y + chart_height,
            },
            title_y: row_top + TITLE_HEIGHT / 2.0,
            line_px: TITLE_LINE,
            font_px: TITLE_PX,
            color: theme.text,
            links: first_link..out.bands.len(),
        });
    }
    // Room under the last row's lowest label.
    out.height = (row_top + row_height + BOTTOM).ceil();
    (out, marks)
}

/// "Military · 20 flows"; the bare label when nothing is shown (the panel says why).
fn title_of(panel: &Panel) -> String {
    match panel.view.counts.shown {
        0 => panel.title.clone(),
        1 => format!("{} · 1 flow", panel.title),
        n => format!("{} · {n} flows", panel.title),
    }
}

/// `title` wrapped at spaces to `width` in the bold title font (a word longer than the
/// width keeps its own line: never cut).
fn title_lines(title: &str, width: f64, measure: &dyn TextMeasure) -> Vec<String> {
    // Bold runs about a tenth wider than the regular text the measure knows.
    let fits = |text: &str| measure.width(text, TITLE_PX) * 1.1 <= width;
    let mut lines: Vec<String> = Vec::new();
    for word in title.split_whitespace() {
        match lines.last_mut() {
            Some(line) if fits(&format!("{line} {word}")) => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// Appends `layout` to `out`, moved by (`dx`, `dy`), its node, band and column numbers after
/// those already there.
fn place(out: &mut Layout, layout: Layout, dx: f64, dy: f64) {
    let (nodes, columns) = (out.nodes.len(), out.columns);
    let shift = |r: &Rect| Rect {
        x0: r.x0 + dx,
        y0: r.y0 + dy,
        x1: r.x1 + dx,
        y1: r.y1 + dy,
    };
    out.nodes
        .extend(layout.nodes.into_iter().map(|n| layout::NodeBox {
            column: n.column + columns,
            rect: shift(&n.rect),
        }));
    out.bands.extend(layout.bands.into_iter().map(|b| {
        layout::Band {
            width: b.width,
            source_x: b.source_x + dx,
            source_y: b.source_y + dy,
            target_x: b.target_x + dx,
            target_y: b.target_y + dy,
            via: b
                .via
                .into_iter()
                .map(|s| layout::Station {
                    x0: s.x0 + dx,
                    x1: s.x1 + dx,
                    y: s.y + dy,
                })
                .collect(),
            loop_lane: b.loop_lane.map(|lane| layout::LoopLane {
                y: lane.y + dy,
                exit_x: lane.exit_x + dx,
                enter_x: lane.enter_x + dx,
            }),
        }
    }));
    out.labels
        .extend(layout.labels.into_iter().map(|l| layout::Label {
            node: l.node + nodes,
            x: l.x + dx,
            y: l.y + dy,
            rect: shift(&l.rect),
            ..l
        }));
    out.columns += layout.columns;
}

/// The panels of `scene` for tests and tools (the page's `data-panels`): one line each,
/// `X0 Y0 X1 Y1 TITLE`, the area in whole CSS pixels; empty for one chart.
pub fn panels_attribute(scene: &Scene) -> String {
    let lines: Vec<String> = scene
        .panels
        .iter()
        .map(|p| {
            let r = &p.rect;
            format!(
                "{:.0} {:.0} {:.0} {:.0} {}",
                r.x0, r.y0, r.x1, r.y1, p.title
            )
        })
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panels_go_side_by_side_when_wide_and_stack_on_phones() {
        assert_eq!(columns(1280.0, 6), 3);
        assert_eq!(columns(1280.0, 3), 3);
        assert_eq!(columns(1000.0, 3), 2);
        assert_eq!(columns(1280.0, 4), 2);
        assert_eq!(columns(960.0, 6), 2);
        assert_eq!(columns(360.0, 6), 1);
        assert_eq!(columns(NARROW_BELOW - 1.0, 6), 1);
        assert_eq!(columns(2000.0, 1), 1);
    }
}
