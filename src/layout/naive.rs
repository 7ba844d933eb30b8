//! A first, simple layout: DFS back edges become loops, longest-path columns, nodes stacked
//! in input order. A placeholder for the crossing-minimising engine.

use super::*;

pub fn layout(graph: &Graph, o: &LayoutOptions, measure: &dyn TextMeasure) -> Layout {
    let n = graph.nodes.len();
    let backward = back_edges(graph);
    // Longest-path columns over forward links.
    let mut column = vec![0usize; n];
    for _ in 0..n {
        let mut changed = false;
        for (i, l) in graph.links.iter().enumerate() {
            if !backward[i] && l.source != l.target && column[l.target] < column[l.source] + 1 {
                column[l.target] = column[l.source] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let columns = column.iter().max().map_or(0, |c| c + 1);
    let weight = |l: &GraphLink| l.value.max(0.0);
    let mut out_sum = vec![0.0; n];
    let mut in_sum = vec![0.0; n];
    for l in &graph.links {
        out_sum[l.source] += weight(l);
        in_sum[l.target] += weight(l);
    }
    let value: Vec<f64> = (0..n).map(|i| f64::max(out_sum[i], in_sum[i])).collect();
    let label_room = 140.0_f64.min(o.width * 0.25);
    let loop_room = if backward.iter().any(|b| *b) {
        40.0
    } else {
        0.0
    };
    let (top, bottom) = (4.0, o.height - 4.0 - loop_room);
    let mut per_col: Vec<Vec<usize>> = vec![Vec::new(); columns];
    for i in 0..n {
        per_col[column[i]].push(i);
    }
    let ky = per_col
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| {
            let total: f64 = c.iter().map(|&i| value[i]).sum();
            let room = (bottom - top) - o.node_padding * (c.len() as f64 - 1.0);
            if total > 0.0 {
                room.max(1.0) / total
            } else {
                1.0
            }
        })
        .fold(f64::INFINITY, f64::min);
    let ky = if ky.is_finite() { ky } else { 1.0 };
    let x_span = (o.width - 2.0 * label_room - o.node_width).max(1.0);
    let mut nodes: Vec<NodeBox> = (0..n)
        .map(|i| NodeBox {
            column: column[i],
            rect: Rect {
                x0: 0.0,
                y0: 0.0,
                x1: 0.0,
                y1: 0.0,
            },
        })
        .collect();
    for (c, members) in per_col.iter().enumerate() {
        let x0 = label_room
            + if columns > 1 {
                x_span * c as f64 / (columns - 1) as f64
            } else {
                x_span / 2.0
            };
        let mut y = top;
        for &i in members {
            let h = (value[i] * ky).max(o.min_band);
            nodes[i].rect = Rect {
                x0,
                y0: y,
                x1: x0 + o.node_width,
                y1: y + h,
            };
            y += h + o.node_padding;
        }
    }
    // Stack bands at each node, ordered by the other end's height.
    let width_of = |l: &GraphLink| (weight(l) * ky).max(o.min_band);
    let mut out_order: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut in_order: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, l) in graph.links.iter().enumerate() {
        out_order[l.source].push(i);
        in_order[l.target].push(i);
    }
    let mut source_y = vec![0.0; graph.links.len()];
    let mut target_y = vec![0.0; graph.links.len()];
    for v in 0..n {
        out_order[v].sort_by(|&a, &b| {
            nodes[graph.links[a].target]
                .rect
                .y0
                .total_cmp(&nodes[graph.links[b].target].rect.y0)
        });
        let mut y = nodes[v].rect.y0;
        for &i in &out_order[v] {
            let w = width_of(&graph.links[i]);
            source_y[i] = y + w / 2.0;
            y += w;
        }
        in_order[v].sort_by(|&a, &b| {
            nodes[graph.links[a].source]
                .rect
                .y0
                .total_cmp(&nodes[graph.links[b].source].rect.y0)
        });
        let mut y = nodes[v].rect.y0;
        for &i in &in_order[v] {
            let w = width_of(&graph.links[i]);
            target_y[i] = y + w / 2.0;
            y += w;
        }
    }
    let mut lane_y = bottom + 8.0;
    let bands = graph
        .links
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let (s, t) = (&nodes[l.source].rect, &nodes[l.target].rect);
            let w = width_of(l);
            let loop_lane = backward[i].then(|| {
                let y = (lane_y + w / 2.0).min(o.height - w / 2.0);
                lane_y += w + 2.0;
                LoopLane {
                    y,
                    exit_x: s.x1 + 10.0,
                    enter_x: t.x0 - 10.0,
                }
            });
            Band {
                width: w,
                source_x: s.x1,
                source_y: source_y[i],
                target_x: t.x0,
                target_y: target_y[i],
                via: Vec::new(),
                loop_lane,
            }
        })
        .collect();
    let labels = (0..n)
        .map(|i| {
            let r = &nodes[i].rect;
            let right = column[i] + 1 < columns.max(1) || columns == 1;
            let text = graph.nodes[i].label.clone();
            let w = measure.width(&text, o.font_px);
            let y = (r.y0 + r.y1) / 2.0;
            let (x, align, x0) = if right && column[i] == 0 {
                (r.x0 - 6.0, Align::End, r.x0 - 6.0 - w)
            } else if right {
                (r.x1 + 6.0, Align::Start, r.x1 + 6.0)
            } else {
                (r.x1 + 6.0, Align::Start, r.x1 + 6.0)
            };
            let half = o.font_px * 0.6;
            Label {
                node: i,
                text,
                x,
                y,
                align,
                rect: Rect {
                    x0,
                    y0: y - half,
                    x1: x0 + w,
                    y1: y + half,
                },
            }
        })
        .collect();
    Layout {
        width: o.width,
        height: o.height,
        columns,
        nodes,
        bands,
        labels,
    }
}

/// Marks the links that close a cycle in a DFS (and self-loops).
fn back_edges(graph: &Graph) -> Vec<bool> {
    let n = graph.nodes.len();
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, l) in graph.links.iter().enumerate() {
        adj[l.source].push(i);
    }
    let mut state = vec![0u8; n]; // 0 new, 1 on stack, 2 done
    let mut back = vec![false; graph.links.len()];
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some((v, k)) = stack.pop() {
            if k < adj[v].len() {
                stack.push((v, k + 1));
                let li = adj[v][k];
                let t = graph.links[li].target;
                match state[t] {
                    0 => {
                        state[t] = 1;
                        stack.push((t, 0));
                    }
                    1 => back[li] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
            }
        }
    }
    back
}
