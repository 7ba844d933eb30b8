//! Reader interaction on real and synthetic pictures: hit-testing against a brute-force
//! reference, keyboard navigation on the Mali chart, and the URL hash.

use influence_flows::colour::{theme::Theme, Rgb};
use influence_flows::data::model::{Actor, ActorType, Dataset, Kind, Status};
use influence_flows::layout::rng::XorShift;
use influence_flows::layout::{
    self, ApproxMeasure, Graph, GraphLink, GraphNode, Layout, LayoutOptions,
};
use influence_flows::picture::chart::{self, Chart};
use influence_flows::picture::highlight::Target;
use influence_flows::picture::scene::{self, BandMark, NodeMark, Scene};
use influence_flows::reader::hit::HitIndex;
use influence_flows::reader::nav::{self, Focus, Key};
use influence_flows::reader::url_state::{self, Selection, UrlState};
use influence_flows::validate;
use influence_flows::view::{Arrangement, Filters};
use proptest::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::sync::OnceLock;
use std::time::Instant;

fn mali() -> &'static Dataset {
    static MALI: OnceLock<Dataset> = OnceLock::new();
    MALI.get_or_init(|| {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/mali.json"))
            .expect("data/mali.json is readable");
        validate::load(&text).expect("data/mali.json is valid")
    })
}

fn mali_chart(filters: &Filters) -> Chart {
    chart::build(mali(), filters, 960.0, None, &Theme::LIGHT, &ApproxMeasure)
}

/// A random graph laid out and turned into a scene (cycles and self-loops included).
fn random_picture(nodes: usize, links: usize, seed: u64) -> (Layout, Scene) {
    let mut rng = XorShift(seed);
    let graph = Graph {
        nodes: (0..nodes)
            .map(|i| GraphNode {
                id: format!("n{i}"),
                label: format!("Node {i}"),
                short: None,
            })
            .collect(),
        links: (0..links)
            .map(|_| GraphLink {
                source: rng.below(nodes),
                target: rng.below(nodes),
                value: 1.0 + rng.below(20) as f64,
            })
            .collect(),
    };
    let options = LayoutOptions {
        width: 1200.0,
        height: 1400.0,
        ..LayoutOptions::default()
    };
    let layout = layout::layout(&graph, &options, &ApproxMeasure);
    let scene = Scene {
        width: layout.width,
        height: layout.height,
        background: Rgb(255, 255, 255),
        bands: layout
            .bands
            .iter()
            .enumerate()
            .map(|(link, band)| BandMark {
                link,
                kind: "k".into(),
                color: Rgb(0, 0, 0),
                alpha: 0.5,
                outline: scene::band_outline(band),
                certainty: Default::default(),
            })
            .collect(),
        nodes: layout
            .nodes
            .iter()
            .enumerate()
            .map(|(node, b)| NodeMark {
                node,
                rect: b.rect.clone(),
                color: Rgb(0, 0, 0),
            })
            .collect(),
        labels: vec![],
        panels: vec![],
        annotations: vec![],
    };
    (layout, scene)
}

// ---------------------------------------------------------------------------------------
// Hit-testing

/// The specification, brute force: every node, every band, winding numbers.
fn reference(scene: &Scene, layout: &Layout, x: f64, y: f64, min_hit: f64) -> Option<Target> {
    let node = scene.nodes.iter().rposition(|n| {
        x >= n.rect.x0 - 2.0 && x <= n.rect.x1 + 2.0 && y >= n.rect.y0 - 2.0 && y <= n.rect.y1 + 2.0
    });
    if let Some(n) = node {
        return Some(Target::Node(n));
    }
    if let Some(b) = scene
        .bands
        .iter()
        .rposition(|b| winding(&b.outline, x, y) != 0)
    {
        return Some(Target::Band(b));
    }
    let mut best: Option<(f64, usize)> = None;
    for (b, mark) in scene.bands.iter().enumerate() {
        if layout.bands[b].width >= min_hit {
            continue;
        }
        let m = mark.outline.len();
        let centre: Vec<(f64, f64)> = (0..m / 2)
            .map(|i| {
                let (p, q) = (mark.outline[i], mark.outline[m - 1 - i]);
                ((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0)
            })
            .collect();
        let d = centre
            .windows(2)
            .map(|w| segment_distance(w[0], w[1], (x, y)))
            .fold(f64::INFINITY, f64::min);
        if d <= min_hit / 2.0 && best.map_or(true, |(bd, _)| d <= bd) {
            best = Some((d, b));
        }
    }
    best.map(|(_, b)| Target::Band(b))
}

fn winding(poly: &[(f64, f64)], x: f64, y: f64) -> i32 {
    let mut w = 0;
    for i in 0..poly.len() {
        let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
        let side = (b.0 - a.0) * (y - a.1) - (x - a.0) * (b.1 - a.1);
        if a.1 <= y && b.1 > y && side > 0.0 {
            w += 1;
        } else if a.1 > y && b.1 <= y && side < 0.0 {
            w -= 1;
        }
    }
    w
}

fn segment_distance(a: (f64, f64), b: (f64, f64), p: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    };
    ((a.0 + t * dx - p.0).powi(2) + (a.1 + t * dy - p.1).powi(2)).sqrt()
}

/// Points near band centre lines (where answers are interesting) and anywhere in the scene.
fn probe_points(scene: &Scene, count: usize, seed: u64) -> Vec<(f64, f64)> {
    let mut rng = XorShift(seed);
    (0..count)
        .map(|i| {
            if i % 4 == 0 || scene.bands.is_empty() {
                (
                    rng.unit() * scene.width * 1.1 - scene.width * 0.05,
                    rng.unit() * scene.height * 1.1 - scene.height * 0.05,
                )
            } else {
                let outline = &scene.bands[rng.below(scene.bands.len())].outline;
                let m = outline.len();
                let k = rng.below(m / 2);
                let (p, q) = (outline[k], outline[m - 1 - k]);
                let spread = 24.0;
                (
                    (p.0 + q.0) / 2.0 + (rng.unit() - 0.5) * spread,
                    (p.1 + q.1) / 2.0 + (rng.unit() - 0.5) * spread,
                )
            }
        })
        .collect()
}

fn assert_matches_reference(scene: &Scene, layout: &Layout, points: &[(f64, f64)]) {
    let index = HitIndex::new(scene);
    let mut kinds_seen = BTreeSet::new();
    for &min_hit in &[0.0, 8.0, 16.0] {
        for &(x, y) in points {
            let want = reference(scene, layout, x, y, min_hit);
            assert_eq!(
                index.at(x, y, min_hit),
                want,
                "at ({x}, {y}), min_hit {min_hit}"
            );
            kinds_seen.insert(match want {
                None => 0,
                Some(Target::Node(_)) => 1,
                Some(Target::Band(_)) => 2,
            });
        }
    }
    assert_eq!(kinds_seen.len(), 3, "the probes hit nodes, bands and gaps");
}

#[test]
fn hits_on_mali_match_the_brute_force_reference() {
    let chart = mali_chart(&Filters::default());
    let points = probe_points(&chart.scene, 4000, 7);
    assert_matches_reference(&chart.scene, &chart.layout, &points);
}

#[test]
fn hits_on_mali_network_with_loops_match_the_brute_force_reference() {
    let chart = mali_chart(&Filters {
        arrangement: Arrangement::Network,
        ..Filters::default()
    });
    let points = probe_points(&chart.scene, 3000, 11);
    assert_matches_reference(&chart.scene, &chart.layout, &points);
}

#[test]
fn hits_on_a_random_2000_link_scene_match_the_brute_force_reference() {
    let (layout, scene) = random_picture(500, 2000, 42);
    let points = probe_points(&scene, 300, 5);
    assert_matches_reference(&scene, &layout, &points);
}

#[test]
fn each_mali_band_is_hit_along_its_centre_where_it_is_drawn_on_top() {
    let chart = mali_chart(&Filters::default());
    let index = HitIndex::new(&chart.scene);
    let mut found = 0;
    for (b, mark) in chart.scene.bands.iter().enumerate() {
        let m = mark.outline.len();
        let hit_somewhere = (0..m / 2).any(|i| {
            let (p, q) = (mark.outline[i], mark.outline[m - 1 - i]);
            let (x, y) = ((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0);
            index.at(x, y, 0.0) == Some(Target::Band(b))
        });
        found += usize::from(hit_somewhere);
    }
    let total = chart.scene.bands.len();
    assert!(total > 50, "Mali draws many bands, got {total}");
    assert!(
        found * 10 >= total * 9,
        "only {found} of {total} bands hit on their centre line"
    );
}

#[test]
fn each_mali_node_is_hit_at_its_centre() {
    let chart = mali_chart(&Filters::default());
    let index = HitIndex::new(&chart.scene);
    for (n, node) in chart.scene.nodes.iter().enumerate() {
        let (x, y) = (
            (node.rect.x0 + node.rect.x1) / 2.0,
            (node.rect.y0 + node.rect.y1) / 2.0,
        );
        assert_eq!(index.at(x, y, 16.0), Some(Target::Node(n)));
    }
}

/// Index build time and query speed; run with
/// `cargo test --release --test interaction -- --ignored --nocapture hit_timing`
/// (the release profile aborts on panic: set `CARGO_PROFILE_RELEASE_PANIC=unwind`).
#[test]
#[ignore]
fn hit_timing() {
    let measure = |name: &str, scene: &Scene| {
        let builds: Vec<f64> = (0..5)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(HitIndex::new(scene));
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        let index = HitIndex::new(scene);
        let points = probe_points(scene, 200_000, 3);
        let start = Instant::now();
        let mut hits = 0usize;
        for &(x, y) in &points {
            hits += usize::from(index.at(x, y, 8.0).is_some());
        }
        let took = start.elapsed().as_secs_f64();
        let mut each: Vec<f64> = points
            .iter()
            .take(20_000)
            .map(|&(x, y)| {
                let t = Instant::now();
                std::hint::black_box(index.at(x, y, 16.0));
                t.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        each.sort_by(f64::total_cmp);
        let pct = |p: f64| each[((each.len() - 1) as f64 * p) as usize];
        println!(
            "{name}: {} bands; index built in {:.2} ms (best of 5); {:.0} queries/s at 8 px \
             ({hits} hits of {}); at 16 px p50 {:.2} µs, p95 {:.2} µs, p99 {:.2} µs, max {:.0} µs",
            scene.bands.len(),
            builds.iter().copied().fold(f64::INFINITY, f64::min),
            points.len() as f64 / took,
            points.len(),
            pct(0.5),
            pct(0.95),
            pct(0.99),
            pct(1.0),
        );
    };
    measure("mali", &mali_chart(&Filters::default()).scene);
    measure(
        "random 500 nodes / 2,000 links",
        &random_picture(500, 2000, 42).1,
    );
    measure(
        "random 2,000 nodes / 10,000 links",
        &random_picture(2000, 10_000, 9).1,
    );
}

// ---------------------------------------------------------------------------------------
// Keyboard navigation

#[test]
fn first_focus_is_the_top_node_of_the_first_column() {
    let chart = mali_chart(&Filters::default());
    let Some(Focus {
        target: Target::Node(n),
        anchor: None,
    }) = nav::first(&chart.layout, &chart.view)
    else {
        panic!("Mali has nodes to focus");
    };
    let top = &chart.layout.nodes[n];
    assert_eq!(top.column, 0);
    for other in chart.layout.nodes.iter().filter(|o| o.column == 0) {
        assert!(top.rect.y0 <= other.rect.y0);
    }
}

#[test]
fn down_walks_every_node_once_in_reading_order_then_stops() {
    let chart = mali_chart(&Filters::default());
    let (l, v) = (&chart.layout, &chart.view);
    let mut focus = nav::first(l, v).unwrap();
    let mut visited = vec![focus];
    loop {
        let next = nav::step(l, v, focus, Key::Down);
        if next == focus {
            break;
        }
        visited.push(next);
        focus = next;
        assert!(visited.len() <= l.nodes.len(), "Down never cycles");
    }
    assert_eq!(visited.len(), l.nodes.len());
    let nodes: Vec<usize> = visited
        .iter()
        .map(|f| match f.target {
            Target::Node(n) => n,
            Target::Band(_) => panic!("Down on a node stays on nodes"),
        })
        .collect();
    assert_eq!(nodes.iter().collect::<BTreeSet<_>>().len(), nodes.len());
    for pair in nodes.windows(2) {
        let (a, b) = (&l.nodes[pair[0]], &l.nodes[pair[1]]);
        assert!(
            a.column < b.column || (a.column == b.column && a.rect.y0 <= b.rect.y0),
            "node {} then node {} is not reading order",
            pair[0],
            pair[1]
        );
    }
    // Up walks back the same way.
    let second = nav::step(l, v, visited[0], Key::Down);
    assert_eq!(second, visited[1]);
    assert_eq!(nav::step(l, v, second, Key::Up), visited[0]);
    assert_eq!(nav::step(l, v, visited[5], Key::Home), visited[0]);
    assert_eq!(
        nav::step(l, v, visited[0], Key::End),
        *visited.last().unwrap()
    );
}

#[test]
fn right_then_right_leads_from_a_giver_along_its_top_band_to_the_receiver() {
    let chart = mali_chart(&Filters::default());
    let (l, v) = (&chart.layout, &chart.view);
    let mut checked = 0;
    for node in 0..l.nodes.len() {
        let outgoing: Vec<usize> = (0..v.graph.links.len())
            .filter(|&b| v.graph.links[b].source == node)
            .collect();
        let band = nav::step(l, v, Focus::node(node), Key::Right);
        let Some(&top) = outgoing
            .iter()
            .min_by(|&&a, &&b| l.bands[a].source_y.total_cmp(&l.bands[b].source_y))
        else {
            assert_eq!(
                band,
                Focus::node(node),
                "no outgoing band: Right does nothing"
            );
            continue;
        };
        assert_eq!(band, Focus::band(top, node));
        let target = v.graph.links[top].target;
        assert_eq!(nav::step(l, v, band, Key::Right), Focus::node(target));
        assert_eq!(nav::step(l, v, band, Key::Left), Focus::node(node));
        // Down walks all of them, in the order they leave the node.
        let mut walked = vec![band];
        loop {
            let next = nav::step(l, v, *walked.last().unwrap(), Key::Down);
            if next == *walked.last().unwrap() {
                break;
            }
            walked.push(next);
        }
        assert_eq!(walked.len(), outgoing.len());
        let ys: Vec<f64> = walked
            .iter()
            .map(|f| match f.target {
                Target::Band(b) => l.bands[b].source_y,
                Target::Node(_) => panic!("Down on a band stays on bands"),
            })
            .collect();
        assert!(
            ys.windows(2).all(|w| w[0] <= w[1]),
            "stacking order: {ys:?}"
        );
        checked += usize::from(outgoing.len() > 1);
    }
    assert!(checked > 3, "Mali has givers of several bands");
}

#[test]
fn left_from_a_receiver_walks_its_incoming_bands_by_target_y() {
    let chart = mali_chart(&Filters::default());
    let (l, v) = (&chart.layout, &chart.view);
    let busiest = (0..l.nodes.len())
        .max_by_key(|&n| v.graph.links.iter().filter(|k| k.target == n).count())
        .unwrap();
    let mut incoming: Vec<usize> = (0..v.graph.links.len())
        .filter(|&b| v.graph.links[b].target == busiest)
        .collect();
    incoming.sort_by(|&a, &b| l.bands[a].target_y.total_cmp(&l.bands[b].target_y));
    assert!(incoming.len() > 3);
    let mut focus = nav::step(l, v, Focus::node(busiest), Key::Left);
    for &b in &incoming {
        assert_eq!(focus, Focus::band(b, busiest));
        focus = nav::step(l, v, focus, Key::Down);
    }
    let last = Focus::band(*incoming.last().unwrap(), busiest);
    assert_eq!(focus, last, "stops at the bottom");
    let first = Focus::band(incoming[0], busiest);
    assert_eq!(nav::step(l, v, last, Key::Home), first);
    assert_eq!(nav::step(l, v, first, Key::End), last);
    assert_eq!(
        nav::step(l, v, first, Key::Left),
        Focus::node(v.graph.links[incoming[0]].source)
    );
}

// ---------------------------------------------------------------------------------------
// URL hash

fn strings(items: &[&str]) -> HashSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_full_state_reads_well_and_round_trips() {
    let dataset = mali();
    let state = UrlState {
        filters: Filters {
            hidden_kinds: strings(&["money", "arms"]),
            hidden_actors: strings(&["wagner"]),
            fold_groups: true,
            years: Some((2020, 2022)),
            multiples: None,
            arrangement: Arrangement::Network,
        },
        selection: Some(Selection::Band {
            source: "russia".into(),
            target: "mali".into(),
            kind: "troops".into(),
            status: Status::Fact,
        }),
        step: None,
    };
    let hash = url_state::encode(&state);
    assert_eq!(
        hash,
        "hide=arms,money&actors=-wagner&fold=1&years=2020-2022&layout=network&sel=band:russia:mali:troops"
    );
    assert_eq!(url_state::decode(&hash, dataset), (state.clone(), vec![]));
    assert_eq!(
        url_state::decode(&format!("#{hash}"), dataset),
        (state, vec![])
    );
    let actor = UrlState {
        selection: Some(Selection::Actor("russia".into())),
        ..UrlState::default()
    };
    assert_eq!(url_state::encode(&actor), "sel=actor:russia");
    assert_eq!(
        url_state::decode("#sel=actor:russia", dataset),
        (actor, vec![])
    );
}

#[test]
fn the_default_state_is_the_empty_hash() {
    let dataset = mali();
    assert_eq!(url_state::encode(&UrlState::default()), "");
    for empty in ["", "#", "&&", "#&"] {
        assert_eq!(
            url_state::decode(empty, dataset),
            (UrlState::default(), vec![])
        );
    }
}

#[test]
fn a_band_written_with_an_arrow_is_read_as_typed_and_as_the_browser_rewrites_it() {
    let dataset = mali();
    let want = Some(Selection::Band {
        source: "russia".into(),
        target: "mali".into(),
        kind: "arms".into(),
        status: Status::Fact,
    });
    for hash in [
        "#sel=band:russia>mali:arms",
        "#sel=band:russia%3Emali:arms",
        "#sel=band:russia%3emali:arms",
    ] {
        let (state, notes) = url_state::decode(hash, dataset);
        assert_eq!(state.selection, want, "{hash}");
        assert!(notes.is_empty(), "{notes:?}");
    }
}

#[test]
fn what_cannot_be_used_is_left_out_and_described() {
    let dataset = mali();
    let (state, notes) = url_state::decode(
        "#hide=money,nukes&actors=-wagner,-atlantis,putin&years=2022-2020&zoom=3&sel=actor:nobody&fold=yes",
        dataset,
    );
    assert_eq!(state.filters.hidden_kinds, strings(&["money"]));
    assert_eq!(state.filters.hidden_actors, strings(&["wagner"]));
    assert_eq!(state.filters.years, None);
    assert!(!state.filters.fold_groups);
    assert_eq!(state.selection, None);
    assert_eq!(notes.len(), 7, "{notes:#?}");
    for needle in [
        "nukes",
        "atlantis",
        "putin",
        "2022-2020",
        "zoom",
        "nobody",
        "yes",
    ] {
        assert!(
            notes.iter().any(|n| n.contains(needle)),
            "no note mentions {needle}: {notes:#?}"
        );
    }
    let (state, notes) = url_state::decode("sel=band:russia:mali:nukes&years=abc", dataset);
    assert_eq!(state, UrlState::default());
    assert_eq!(notes.len(), 2, "{notes:#?}");
}

#[test]
fn hostile_hashes_are_notes_not_state() {
    let dataset = mali();
    let long = "%".repeat(100_000);
    let many = "zoom=1&".repeat(10_000);
    for hash in [
        "#hide=%",
        "#hide=%zz,%E2%82",
        "#actors=-%FF",
        "#sel=band:%3Cscript%3E:mali:arms",
        "#sel=actor:",
        "#sel=band:::",
        "#sel=band:a>b>c:d",
        "#years=--1",
        "#years=2147483648-2147483649",
        "#=&==&=x",
        "#sel=actor:russia\u{0}\u{202E}",
        long.as_str(),
        many.as_str(),
    ] {
        let (state, notes) = url_state::decode(hash, dataset);
        assert_eq!(state, UrlState::default(), "{hash:.60}");
        assert!(!notes.is_empty(), "{hash:.60} should be noted");
        assert!(notes.len() <= 11, "notes are capped");
        assert!(
            notes.iter().all(|n| n.chars().count() < 200),
            "notes stay short"
        );
        assert!(
            notes.iter().all(|n| !n.chars().any(char::is_control)),
            "notes carry no control characters"
        );
    }
}

#[test]
fn selections_map_to_marks_and_back() {
    let chart = mali_chart(&Filters::default());
    let v = &chart.view;
    for b in 0..v.links.len() {
        let sel = url_state::selection_of(v, Target::Band(b)).unwrap();
        assert_eq!(url_state::target_of(v, &sel), Some(Target::Band(b)));
    }
    for n in 0..v.nodes.len() {
        let sel = url_state::selection_of(v, Target::Node(n)).unwrap();
        let Some(Target::Node(m)) = url_state::target_of(v, &sel) else {
            panic!("an actor's node is found");
        };
        assert_eq!(v.nodes[m].actor, v.nodes[n].actor);
        assert!(m <= n);
    }
    assert_eq!(url_state::selection_of(v, Target::Band(9999)), None);
    let hidden = mali_chart(&Filters {
        hidden_actors: strings(&["russia"]),
        ..Filters::default()
    });
    assert_eq!(
        url_state::target_of(&hidden.view, &Selection::Actor("russia".into())),
        None
    );
}

/// A dataset holding just these kind and actor ids.
fn dataset_with(kinds: &BTreeSet<String>, actors: &BTreeSet<String>) -> Dataset {
    Dataset {
        format: "influence-flows/1".into(),
        title: "t".into(),
        subtitle: None,
        updated: None,
        sources: vec![],
        families: vec![],
        kinds: kinds
            .iter()
            .map(|id| Kind {
                id: id.clone(),
                label: id.clone(),
                color: "#000000".into(),
                family: None,
                description: None,
            })
            .collect(),
        actors: actors
            .iter()
            .map(|id| Actor {
                id: id.clone(),
                name: id.clone(),
                actor_type: ActorType::Other,
                group: None,
                aliases: vec![],
                short: None,
            })
            .collect(),
        flows: vec![],
        periods: vec![],
        view: None,
        coverage: None,
        story: Vec::new(),
        order: None,
    }
}

/// Ids that are hostile to a URL: separators, escapes, spaces, arrows, non-ASCII.
fn hostile_id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z-]{0,8}",
        "[-&=,:>%#+ ?/a-z]{1,6}",
        any::<String>().prop_filter("non-empty", |s| !s.is_empty()),
    ]
}

fn state_over(
    kinds: BTreeSet<String>,
    actors: BTreeSet<String>,
) -> impl Strategy<Value = UrlState> {
    let (k, a) = (
        kinds.into_iter().collect::<Vec<_>>(),
        actors.into_iter().collect::<Vec<_>>(),
    );
    (
        proptest::sample::subsequence(k.clone(), 0..=k.len()),
        proptest::sample::subsequence(a.clone(), 0..=a.len()),
        any::<bool>(),
        proptest::option::of((-3000i32..3000, 0i32..50)),
        any::<bool>(),
        0..5usize,
        proptest::sample::select(a.clone()),
        proptest::sample::select(a),
        proptest::sample::select(k),
    )
        .prop_map(|(hk, ha, fold, years, network, sel, s, t, kind)| UrlState {
            filters: Filters {
                hidden_kinds: hk.into_iter().collect(),
                hidden_actors: ha.into_iter().collect(),
                fold_groups: fold,
                years: years.map(|(from, len)| (from, from + len)),
                multiples: None,
                arrangement: if network {
                    Arrangement::Network
                } else {
                    Arrangement::GiverReceiver
                },
            },
            selection: match sel {
                0 => None,
                1 => Some(Selection::Actor(s)),
                _ => Some(Selection::Band {
                    source: s,
                    target: t,
                    kind,
                    status: Status::ALL[sel - 2],
                }),
            },
            step: None,
        })
}

proptest! {
    #[test]
    fn decode_never_panics_on_any_text(hash in any::<String>()) {
        let _ = url_state::decode(&hash, mali());
    }

    #[test]
    fn decode_never_panics_on_near_misses(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("hide=".to_string()), Just("actors=".to_string()), Just("years=".to_string()),
                Just("sel=band:".to_string()), Just("sel=actor:".to_string()), Just("fold=".to_string()),
                Just("&".to_string()), Just("%".to_string()), Just(">".to_string()), Just(":".to_string()),
                Just("-".to_string()), Just(",".to_string()), Just("russia".to_string()),
                Just("arms".to_string()), "[0-9]{1,12}", "%[0-9A-Fa-f]{2}", any::<char>().prop_map(String::from),
            ],
            0..24,
        )
    ) {
        let hash = parts.concat();
        let (_, notes) = url_state::decode(&hash, mali());
        prop_assert!(notes.len() <= 11);
    }

    #[test]
    fn any_valid_state_round_trips_whatever_its_ids(
        (dataset, state) in (
            proptest::collection::btree_set(hostile_id(), 1..5),
            proptest::collection::btree_set(hostile_id(), 1..6),
        ).prop_flat_map(|(k, a)| {
            let dataset = dataset_with(&k, &a);
            (Just(dataset), state_over(k, a))
        })
    ) {
        let hash = url_state::encode(&state);
        // Only characters a browser keeps as they are in a URL fragment.
        prop_assert!(
            hash.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._%,:=&".contains(&b)),
            "{}", hash
        );
        let (back, notes) = url_state::decode(&hash, &dataset);
        prop_assert_eq!(back, state);
        prop_assert!(notes.is_empty(), "{:?}", notes);
    }
}
