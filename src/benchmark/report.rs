//! The layout benchmark: weighted crossings, crossings and time for a set of graphs.
//!
//! [`benchmark_report`] lays out each graph with the default options and prints one line per
//! graph, with the published figures next to `wri` and `heur` (`shared/benchmarks/README.md`).
//! [`random_graph`] makes the random graphs of the report, deterministically.
//!
//! Timing uses `std::time::Instant`: call it natively (on `wasm32-unknown-unknown` the clock
//! is not available).

use crate::benchmark::plain_graph::{self, Names};
use crate::layout::rng::XorShift;
use crate::layout::{
    layout_steps, metrics, ApproxMeasure, Graph, GraphLink, GraphNode, LayoutOptions,
};
use std::fmt::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// Published weighted crossings per benchmark graph: (graph, method, figure).
pub const PUBLISHED: &[(&str, &str, f64)] = &[
    ("wri", "barycentre (Li et al.)", 1220.07),
    ("wri", "d3-sankey 0.12.3 (measured)", 587.09),
    ("wri", "Li et al.", 269.21),
    ("wri", "ILP optimum (Zarate et al.)", 156.64),
    ("heur", "Alemasoom et al.", 146.77),
    ("heur", "Li et al.", 82.79),
];

/// Graphs with their names, as the report takes them.
pub type Named = Vec<(String, Graph)>;

/// The plain graphs (`*.json`) of a directory such as `shared/benchmarks`, by file name,
/// read with names trimmed (`heur.json` names a node with a trailing space), and the notes
/// saying what was trimmed, each prefixed with its file name.
pub fn benchmark_graphs(dir: &Path) -> Result<(Named, Vec<String>), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    crate::util::sort::sort(&mut files[..]);
    let (mut graphs, mut notes) = (Vec::new(), Vec::new());
    for path in files {
        let name = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
        let plain = plain_graph::parse(&text, Names::Trim).map_err(|e| format!("{name}: {e}"))?;
        notes.extend(plain.notes.iter().map(|n| format!("{name}: {n}")));
        graphs.push((name, plain.graph));
    }
    Ok((graphs, notes))
}

/// The random graphs of the report: 120 nodes / 300 links, 500 / 2,000 and 2,000 / 10,000.
pub fn standard_random_graphs() -> Vec<(String, Graph)> {
    [(120, 300), (500, 2_000), (2_000, 10_000)]
        .iter()
        .map(|&(n, m)| (format!("random {n}/{m}"), random_graph(n, m, 1)))
        .collect()
}

/// The steps of [`super::layout_steps`], in the order they run.
const STEPS: [&str; 9] = [
    "cycles", "columns", "layered", "order", "sift", "loops", "place", "route", "labels",
];

/// One line per graph: size, columns, loops, weighted crossings, crossings and layout time
/// (median of a few runs, default options, [`ApproxMeasure`]), then the published figures;
/// then a second table with the median time of each step per graph.
pub fn benchmark_report(graphs: &[(String, Graph)]) -> String {
    let options = LayoutOptions::default();
    let mut out = String::new();
    let mut steps = String::new();
    let _ = write!(steps, "\n{:<22}", "time per step (ms)");
    for step in STEPS {
        let _ = write!(steps, " {step:>8}");
    }
    steps.push('\n');
    let _ = writeln!(
        out,
        "{:<22} {:>6} {:>6} {:>4} {:>6} {:>14} {:>9} {:>10}",
        "graph", "nodes", "links", "cols", "loops", "weighted", "crossings", "time (ms)"
    );
    for (name, graph) in graphs {
        let (result, time, per_step) = timed(graph, &options);
        let _ = write!(steps, "{name:<22}");
        for t in per_step {
            let _ = write!(steps, " {:>8.3}", t.as_secs_f64() * 1e3);
        }
        steps.push('\n');
        let c = metrics::crossings(graph, &result);
        let loops = result
            .bands
            .iter()
            .filter(|b| b.loop_lane.is_some())
            .count();
        let _ = writeln!(
            out,
            "{:<22} {:>6} {:>6} {:>4} {:>6} {:>14.2} {:>9} {:>10.2}",
            name,
            graph.nodes.len(),
            graph.links.len(),
            result.columns,
            loops,
            c.weighted,
            c.count,
            time.as_secs_f64() * 1e3
        );
        let stem = name
            .rsplit('/')
            .next()
            .unwrap_or(name)
            .trim_end_matches(".json");
        for (g, method, figure) in PUBLISHED.iter().filter(|p| p.0 == stem) {
            let _ = writeln!(
                out,
                "{:<22} {:>44.2}   published: {method}",
                format!("  {g}"),
                figure
            );
        }
    }
    out + &steps
}

/// Lays `graph` out a few times (at least 3, up to about half a second); the last layout, the
/// median time, and the median time of each of [`STEPS`].
fn timed(
    graph: &Graph,
    options: &LayoutOptions,
) -> (crate::layout::Layout, Duration, Vec<Duration>) {
    let mut times = Vec::new();
    let mut per_step: Vec<Vec<Duration>> = vec![Vec::new(); STEPS.len()];
    let started = Instant::now();
    loop {
        let mut spent = [Duration::ZERO; STEPS.len()];
        let t = Instant::now();
        let mut last = t;
        let result = layout_steps(graph, None, options, &ApproxMeasure, &mut |step| {
            let now = Instant::now();
            if let Some(i) = STEPS.iter().position(|&s| s == step) {
                spent[i] += now - last;
            }
            last = now;
        });
        times.push(t.elapsed());
        for (all, one) in per_step.iter_mut().zip(spent) {
            all.push(one);
        }
        if times.len() >= 3 && (started.elapsed() > Duration::from_millis(500) || times.len() >= 15)
        {
            let median = |mut v: Vec<Duration>| {
                crate::util::sort::sort(&mut v[..]);
                v[v.len() / 2]
            };
            let steps = per_step.into_iter().map(median).collect();
            return (result, median(times), steps);
        }
    }
}

/// A random flow graph with `nodes` nodes and `links` links, the same for the same seed.
///
/// Shaped like the data it stands for: nodes get a hidden stage (about √nodes / 2 stages);
/// 85 % of links go from a stage to a later one (mostly the next), 14 % anywhere (so there
/// are cycles, long links and parallel links), 1 % are self-loops. Values are log-uniform
/// over six orders of magnitude, with 2 % zeros.
pub fn random_graph(nodes: usize, links: usize, seed: u64) -> Graph {
    let mut rng = XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03 | 1);
    let stages = ((nodes as f64).sqrt() / 2.0).round().max(2.0) as usize;
    let stage: Vec<usize> = (0..nodes).map(|_| rng.below(stages)).collect();
    let mut by_stage: Vec<Vec<usize>> = vec![Vec::new(); stages];
    for (v, &s) in stage.iter().enumerate() {
        by_stage[s].push(v);
    }
    let graph_nodes = (0..nodes)
        .map(|i| GraphNode {
            id: format!("n{i}"),
            label: format!("Node {i}"),
            short: None,
        })
        .collect();
    let mut graph_links = Vec::with_capacity(links);
    if nodes > 0 {
        for _ in 0..links {
            let source = rng.below(nodes);
            let roll = rng.below(100);
            let target = if roll < 1 {
                source
            } else if roll < 15 || stage[source] + 1 == stages {
                rng.below(nodes)
            } else {
                let ahead = 1 + if rng.below(3) == 0 {
                    rng.below(stages - stage[source] - 1)
                } else {
                    0
                };
                let pool = &by_stage[(stage[source] + ahead).min(stages - 1)];
                if pool.is_empty() {
                    rng.below(nodes)
                } else {
                    pool[rng.below(pool.len())]
                }
            };
            let value = if rng.below(50) == 0 {
                0.0
            } else {
                10f64.powf(rng.unit() * 6.0 - 2.0)
            };
            graph_links.push(GraphLink {
                source,
                target,
                value,
            });
        }
    }
    Graph {
        nodes: graph_nodes,
        links: graph_links,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_graphs_are_deterministic_and_sized() {
        let a = random_graph(50, 120, 7);
        assert_eq!(a, random_graph(50, 120, 7));
        assert_ne!(a, random_graph(50, 120, 8));
        assert_eq!((a.nodes.len(), a.links.len()), (50, 120));
        assert!(a
            .links
            .iter()
            .all(|l| l.source < 50 && l.target < 50 && l.value >= 0.0));
    }

    #[test]
    fn reads_the_shared_benchmarks_when_present() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/benchmarks");
        if !dir.exists() {
            return;
        }
        let (graphs, notes) = benchmark_graphs(&dir).unwrap();
        assert!(graphs
            .iter()
            .any(|g| g.0 == "wri.json" && g.1.nodes.len() == 40));
        assert!(
            notes.iter().any(|n| n.starts_with("heur.json: links[")),
            "{notes:?}"
        );
    }

    #[test]
    fn the_report_has_a_line_per_graph() {
        let report = benchmark_report(&[("tiny".into(), random_graph(10, 20, 1))]);
        // Header and line, then a blank line, header and line of the per-step times.
        assert_eq!(report.lines().count(), 5, "{report}");
    }
}
