//! One order for every view: the baked order is fresh, views keep the global order
//! (Kendall τ = 1 between any two), and the CLI draws any view as the export does.

use crate::util::{mali, read};
use influence_flows::benchmark::report::random_graph;
use influence_flows::benchmark::stable::{discordant, random_filter};
use influence_flows::colour::theme::Theme;
use influence_flows::data::model::Dataset;
use influence_flows::export;
use influence_flows::layout::{self, ApproxMeasure, Layout, LayoutOptions};
use influence_flows::picture::chart;
use influence_flows::reader::url_state;
use influence_flows::view::order::GlobalOrder;
use influence_flows::view::{Arrangement, Filters};
use proptest::prelude::*;
use std::collections::HashMap;
use std::sync::OnceLock;

#[test]
fn the_baked_order_of_the_shipped_data_is_fresh() {
    let text = read("data/mali.json");
    let baked = GlobalOrder::from_baked(&read("data/mali.order.json"), &text);
    let fresh = GlobalOrder::compute(&mali());
    assert!(
        baked.as_ref() == Some(&fresh),
        "data/mali.order.json is stale (or belongs to another data/mali.json): run \
         `cargo run --release -- order data/mali.json -o data/mali.order.json`"
    );
    // Another text is not the shipped one: its reader's page searches its own order.
    assert_eq!(
        GlobalOrder::from_baked(&read("data/mali.order.json"), &format!("{text} ")),
        None
    );
}

/// Giver–receiver views (two columns, no long bands) in the global order need no search:
/// the layout returns before counting one. Laid out directly (not through the counter, which
/// other tests of this binary move meanwhile): the order is the rank order exactly.
#[test]
fn giver_receiver_views_are_drawn_in_rank_order() {
    let (dataset, order) = mali_order();
    for years in [None, Some((2013, 2019)), Some((2020, 2020))] {
        let filters = Filters {
            years,
            ..Filters::default()
        };
        let c = chart::build_in_order(
            dataset,
            order,
            &filters,
            960.0,
            None,
            &Theme::LIGHT,
            &ApproxMeasure,
        );
        let rank = order.ranks(&c.view, Arrangement::GiverReceiver);
        assert_eq!(c.layout.columns, 2);
        assert_eq!(discordant(&c.layout, &rank), 0, "{years:?}");
    }
}

fn mali_order() -> &'static (Dataset, GlobalOrder) {
    static ONCE: OnceLock<(Dataset, GlobalOrder)> = OnceLock::new();
    ONCE.get_or_init(|| {
        let dataset = mali();
        let order = GlobalOrder::compute(&dataset);
        (dataset, order)
    })
}

/// Per node id, its column and its top.
type Places = HashMap<String, (usize, f64)>;

fn places(graph: &layout::Graph, layout: &Layout) -> Places {
    graph
        .nodes
        .iter()
        .zip(&layout.nodes)
        .map(|(n, b)| (n.id.clone(), (b.column, b.rect.y0)))
        .collect()
}

/// Pairs of nodes both views draw in one column, in opposite orders.
fn reordered(a: &Places, b: &Places) -> Vec<String> {
    let shared: Vec<_> = a
        .iter()
        .filter_map(|(id, &pa)| b.get(id).map(|&pb| (id, pa, pb)))
        .collect();
    let mut bad = Vec::new();
    for (i, (x, xa, xb)) in shared.iter().enumerate() {
        for (y, ya, yb) in &shared[i + 1..] {
            if xa.0 == ya.0 && xb.0 == yb.0 && (xa.1 < ya.1) != (xb.1 < yb.1) {
                bad.push(format!("{x} / {y}"));
            }
        }
    }
    bad
}

fn mali_filters() -> impl Strategy<Value = Filters> {
    let (dataset, _) = mali_order();
    let kinds: Vec<String> = dataset.kinds.iter().map(|k| k.id.clone()).collect();
    let actors: Vec<String> = dataset.actors.iter().map(|a| a.id.clone()).collect();
    (
        proptest::sample::subsequence(kinds.clone(), 0..kinds.len()),
        proptest::sample::subsequence(actors.clone(), 0..=4),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of((2008i32..2026, 0i32..8)),
    )
        .prop_map(|(kinds, actors, fold_groups, network, years)| Filters {
            hidden_kinds: kinds.into_iter().collect(),
            hidden_actors: actors.into_iter().collect(),
            fold_groups,
            years: years.map(|(from, span)| (from, from + span)),
            multiples: None,
            arrangement: if network {
                Arrangement::Network
            } else {
                Arrangement::GiverReceiver
            },
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any two views of the Mali data draw the actors they share in one column in the same
    /// order (τ = 1), whatever the filters, period, folding and arrangement.
    #[test]
    fn mali_views_keep_one_order(a in mali_filters(), b in mali_filters(), width in 360.0f64..1400.0) {
        let (dataset, order) = mali_order();
        let draw = |f: &Filters| {
            let c = chart::build_in_order(dataset, order, f, width, None, &Theme::LIGHT, &ApproxMeasure);
            places(&c.view.graph, &c.layout)
        };
        let bad = reordered(&draw(&a), &draw(&b));
        prop_assert!(bad.is_empty(), "reordered: {bad:?}");
    }

    /// Random graphs: two random filters, each laid out in the whole graph's order, keep it
    /// (no pair of a column against it) and so keep one order between them.
    #[test]
    fn random_views_keep_one_order(nodes in 4usize..60, links in 1usize..160, seed in 1u64..1000, fa in 1u64..1000, fb in 1u64..1000) {
        let graph = random_graph(nodes, links, seed);
        let global = layout::node_order(&graph);
        let mut rank_of = vec![0; graph.nodes.len()];
        for (r, &v) in global.iter().enumerate() {
            rank_of[v] = r;
        }
        let mut drawn = Vec::new();
        for f in [fa, fb] {
            let (sub, kept) = random_filter(&graph, f);
            let rank: Vec<usize> = kept.iter().map(|&v| rank_of[v]).collect();
            let laid = layout::layout_ranked(&sub, &rank, &LayoutOptions::default(), &ApproxMeasure);
            prop_assert_eq!(discordant(&laid, &rank), 0);
            drawn.push(places(&sub, &laid));
        }
        let bad = reordered(&drawn[0], &drawn[1]);
        prop_assert!(bad.is_empty(), "reordered: {bad:?}");
    }
}

/// `render --view HASH` draws what the export draws for that view (the page's SVG export
/// calls the same `export::svg`), with the parser's notes as warnings.
#[test]
fn render_view_is_the_export_of_that_view() {
    let hash = "hide=arms&years=2013-2019&fold=1&colour=blue";
    let out = std::env::temp_dir().join(format!("if-view-{}.svg", std::process::id()));
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_influence-flows"))
        .args([
            "render",
            "data/mali.json",
            "--view",
            hash,
            "--width",
            "720",
            "-o",
        ])
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the program runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("data/mali.json: --view: unknown setting “colour”"),
        "{stderr}"
    );
    let drawn = std::fs::read_to_string(&out).expect("the SVG is written");
    let _ = std::fs::remove_file(&out);
    let dataset = mali();
    let (state, _) = url_state::decode(hash, &dataset);
    assert_eq!(state.filters.years, Some((2013, 2019)));
    let chart = chart::build(
        &dataset,
        &state.filters,
        720.0,
        None,
        &Theme::LIGHT,
        &ApproxMeasure,
    );
    assert_eq!(drawn, export::svg(&dataset, &chart, &Theme::LIGHT));
    // And it is not the default view.
    let all = chart::build(
        &dataset,
        &Filters::default(),
        720.0,
        None,
        &Theme::LIGHT,
        &ApproxMeasure,
    );
    assert_ne!(drawn, export::svg(&dataset, &all, &Theme::LIGHT));
}
