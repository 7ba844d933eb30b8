//! One order for every view: the baked order is fresh, views keep the global order
//! (Kendall τ = 1 between any two), and the CLI draws any view as the export does.

use crate::util::{filters_of, mali, mali_filter_parts, mali_order, read};
use influence_flows::benchmark::report::random_graph;
use influence_flows::benchmark::stable::{discordant, random_filter, same_column_pairs};
use influence_flows::colour::theme::Theme;
use influence_flows::data::model::OrderPins;
use influence_flows::export;
use influence_flows::layout::{self, ApproxMeasure, InOrder, Layout, LayoutOptions};
use influence_flows::picture::chart;
use influence_flows::reader::url_state;
use influence_flows::view::order::{pin_pairs, GlobalOrder};
use influence_flows::view::{Arrangement, Filters};
use proptest::prelude::*;
use std::collections::HashMap;

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

/// The reader's module reads the baked text without the validator (`read_checked`): it must
/// get exactly the dataset the validator gives.
#[test]
fn the_baked_text_read_unchecked_is_the_checked_dataset() {
    let text = read("data/mali.json");
    let report = influence_flows::validate::check(&text);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.dataset.is_some());
    assert_eq!(
        influence_flows::validate::read_checked(&text).ok(),
        report.dataset
    );
    // With the byte order mark some editors write, as `check` reads it.
    assert_eq!(
        influence_flows::validate::read_checked(&format!("\u{FEFF}{text}")).ok(),
        influence_flows::validate::check(&text).dataset
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
        assert_eq!(discordant(&c.layout, &rank.rank), 0, "{years:?}");
    }
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
    mali_filter_parts().prop_map(|(kinds, actors, fold_groups, network, years)| {
        filters_of(kinds, actors, fold_groups, network, years)
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
        let global = layout::node_order(&graph, &[]);
        let mut rank_of = vec![0; graph.nodes.len()];
        for (r, &v) in global.nodes.iter().enumerate() {
            rank_of[v] = r;
        }
        let mut drawn = Vec::new();
        for f in [fa, fb] {
            let (sub, kept) = random_filter(&graph, f);
            let order = InOrder {
                rank: kept.iter().map(|&v| rank_of[v]).collect(),
                column: kept.iter().map(|&v| global.column[v]).collect(),
                ..InOrder::default()
            };
            let laid = layout::layout_ranked(&sub, &order, &LayoutOptions::default(), &ApproxMeasure);
            prop_assert_eq!(discordant(&laid, &order.rank), 0);
            drawn.push(places(&sub, &laid));
        }
        let bad = reordered(&drawn[0], &drawn[1]);
        prop_assert!(bad.is_empty(), "reordered: {bad:?}");
    }

    /// Random graphs with random pins (pairs taken along a random permutation, so they agree):
    /// the global order keeps them, and so does every filtered view, strict or refined; a
    /// refined view stays within τ ≥ 0.9 of the global order.
    #[test]
    fn random_views_keep_their_pins(nodes in 4usize..40, links in 1usize..100, seed in 1u64..1000, f in 1u64..1000, picks in proptest::collection::vec((0usize..1000, 0usize..1000), 0..12)) {
        let graph = random_graph(nodes, links, seed);
        let n = graph.nodes.len();
        let mut perm: Vec<usize> = (0..n).collect();
        let mut rng = influence_flows::layout::rng::XorShift(seed | 1);
        for i in (1..n).rev() {
            perm.swap(i, rng.below(i + 1));
        }
        let pins: Vec<(usize, usize)> = picks
            .iter()
            .map(|&(a, b)| (a % n, b % n))
            .filter(|(a, b)| a != b)
            .map(|(a, b)| {
                let (pa, pb) = (perm.iter().position(|&x| x == a).unwrap(), perm.iter().position(|&x| x == b).unwrap());
                if pa < pb { (a, b) } else { (b, a) }
            })
            .collect();
        let global = layout::node_order(&graph, &pins);
        let at = |v: usize| global.nodes.iter().position(|&x| x == v).unwrap();
        for &(a, b) in &pins {
            prop_assert!(at(a) < at(b), "global order breaks the pin {a} above {b}");
        }
        let mut rank_of = vec![0; n];
        for (r, &v) in global.nodes.iter().enumerate() {
            rank_of[v] = r;
        }
        let (sub, kept) = random_filter(&graph, f);
        let index: HashMap<usize, usize> = kept.iter().enumerate().map(|(i, &v)| (v, i)).collect();
        let sub_pins: Vec<(usize, usize)> = pins
            .iter()
            .filter_map(|(a, b)| Some((*index.get(a)?, *index.get(b)?)))
            .collect();
        for refine in [false, true] {
            let order = InOrder {
                rank: kept.iter().map(|&v| rank_of[v]).collect(),
                column: kept.iter().map(|&v| global.column[v]).collect(),
                pins: sub_pins.clone(),
                refine,
            };
            let laid = layout::layout_ranked(&sub, &order, &LayoutOptions::default(), &ApproxMeasure);
            for &(a, b) in &sub_pins {
                let (na, nb) = (&laid.nodes[a], &laid.nodes[b]);
                prop_assert!(na.column != nb.column || na.rect.y0 < nb.rect.y0, "pin {a} above {b} broken (refine {refine})");
            }
            let pairs = same_column_pairs(&laid);
            let bad = discordant(&laid, &order.rank);
            if refine {
                prop_assert!(20 * bad <= pairs, "τ below 0.9: {bad} of {pairs} pairs against the order");
            } else {
                prop_assert_eq!(bad, 0);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// The Mali data with random pins (chains along a random order of its actors, the first
    /// few on top, the last few at the bottom): every view of random filters keeps them.
    #[test]
    fn mali_views_keep_random_pins(seed in 1u64..10_000, chains in proptest::collection::vec(proptest::collection::vec(0usize..1000, 2..5), 0..4), top in 0usize..3, bottom in 0usize..3, a in mali_filters(), b in mali_filters()) {
        let (dataset, _) = mali_order();
        let mut actors: Vec<String> = dataset.actors.iter().map(|a| a.id.clone()).collect();
        let mut rng = influence_flows::layout::rng::XorShift(seed | 1);
        for i in (1..actors.len()).rev() {
            actors.swap(i, rng.below(i + 1));
        }
        let n = actors.len();
        let chain = |picks: &Vec<usize>| {
            let mut at: Vec<usize> = picks.iter().map(|p| p % n).collect();
            at.sort_unstable();
            at.dedup();
            at.into_iter().map(|i| actors[i].clone()).collect::<Vec<_>>()
        };
        let pins = OrderPins {
            givers: chains.iter().map(chain).collect(),
            receivers: chains.iter().rev().map(chain).collect(),
            top: actors[..top].to_vec(),
            bottom: actors[n - bottom..].to_vec(),
        };
        let mut pinned = dataset.clone();
        pinned.order = Some(pins.clone());
        let order = GlobalOrder::compute(&pinned);
        for f in [&a, &b] {
            let c = chart::build_in_order(&pinned, &order, f, 960.0, None, &Theme::LIGHT, &ApproxMeasure);
            let pairs = pin_pairs(Some(&pins), &c.view.graph, f.arrangement);
            for (x, y) in pairs {
                let (nx, ny) = (&c.layout.nodes[x], &c.layout.nodes[y]);
                prop_assert!(
                    nx.column != ny.column || nx.rect.y0 < ny.rect.y0,
                    "{} should be above {}", c.view.graph.nodes[x].id, c.view.graph.nodes[y].id
                );
            }
            let rank = order.ranks(&c.view, f.arrangement);
            prop_assert_eq!(discordant(&c.layout, &rank.rank), 0);
        }
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

/// A dataset whose editor pins France above Russia among the givers, Mali at the top and
/// the EU at the bottom: it validates, and every view (both arrangements, any period) keeps
/// the pins.
#[test]
fn pins_of_a_valid_dataset_are_kept_in_every_view() {
    let mut value: serde_json::Value = serde_json::from_str(&read("tests/small.json")).unwrap();
    let source = value["sources"][0]["id"].clone();
    let actors = value["actors"].as_array_mut().unwrap();
    actors.push(serde_json::json!({"id": "france", "name": "France", "type": "state"}));
    actors.push(serde_json::json!({"id": "eu", "name": "European Union", "type": "state"}));
    let flows = value["flows"].as_array_mut().unwrap();
    for (giver, receiver, start) in [
        ("france", "mali", "2013"),
        ("eu", "mali", "2014"),
        ("mali", "eu", "2015"),
    ] {
        flows.push(serde_json::json!({
            "id": format!("{giver}-{receiver}"), "source": giver, "target": receiver,
            "kind": "arms", "status": "fact", "summary": "s", "when": {"start": start},
            "evidence": [{"source": source, "quote": "Russia delivered arms to Mali."}]
        }));
    }
    value["order"] = serde_json::json!({
        "givers": [["france", "russia"]],
        "top": ["mali"],
        "bottom": ["eu"]
    });
    let dataset = influence_flows::validate::load(&value.to_string()).expect("valid pins");
    let order = GlobalOrder::compute(&dataset);
    let id_at = |ids: &[String], id: &str| ids.iter().position(|x| x == id).unwrap();
    let gr = &order.giver_receiver;
    assert!(id_at(gr, "france:giver") < id_at(gr, "russia:giver"));
    assert!(id_at(gr, "mali:giver") < id_at(gr, "france:giver"));
    assert!(id_at(gr, "eu:giver") > id_at(gr, "wagner:giver"));
    for arrangement in [Arrangement::GiverReceiver, Arrangement::Network] {
        for years in [None, Some((2013, 2013)), Some((2014, 2015))] {
            let filters = Filters {
                arrangement,
                years,
                ..Filters::default()
            };
            let c = chart::build_in_order(
                &dataset,
                &order,
                &filters,
                720.0,
                None,
                &Theme::LIGHT,
                &ApproxMeasure,
            );
            let pairs = pin_pairs(dataset.order.as_ref(), &c.view.graph, arrangement);
            if years.is_none() {
                assert!(!pairs.is_empty());
            }
            for (x, y) in pairs {
                let (nx, ny) = (&c.layout.nodes[x], &c.layout.nodes[y]);
                assert!(
                    nx.column != ny.column || nx.rect.y0 < ny.rect.y0,
                    "{arrangement:?} {years:?}: {} should be above {}",
                    c.view.graph.nodes[x].id,
                    c.view.graph.nodes[y].id
                );
            }
        }
    }
}
