//! Layout time on the benchmark graphs (`../shared/benchmarks`, when present) and on random
//! graphs of 120 nodes / 300 links, 500 / 2,000 and 2,000 / 10,000. Small samples, so that
//! `cargo bench` finishes in a couple of minutes on two cores.

use criterion::{criterion_group, criterion_main, Criterion};
use influence_flows::benchmark::plain_graph::{self, Names};
use influence_flows::benchmark::report as bench;
use influence_flows::layout::{layout, ApproxMeasure, Graph, LayoutOptions};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

fn graphs() -> Vec<(String, Graph)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/benchmarks");
    let mut graphs: Vec<(String, Graph)> = ["wri", "heur", "energy"]
        .iter()
        .filter_map(|name| {
            let text = std::fs::read_to_string(dir.join(format!("{name}.json"))).ok()?;
            Some((
                name.to_string(),
                plain_graph::parse(&text, Names::Trim).ok()?.graph,
            ))
        })
        .collect();
    graphs.extend(bench::standard_random_graphs());
    graphs
}

fn layouts(c: &mut Criterion) {
    let options = LayoutOptions::default();
    let mut group = c.benchmark_group("layout");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500));
    for (name, graph) in graphs() {
        let big = graph.links.len() > 1_000;
        group.measurement_time(Duration::from_secs(if big { 8 } else { 3 }));
        group.bench_function(name.replace(' ', "_"), |b| {
            b.iter(|| layout(black_box(&graph), &options, &ApproxMeasure))
        });
    }
    group.finish();
}

criterion_group!(benches, layouts);
criterion_main!(benches);
