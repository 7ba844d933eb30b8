//! Small multiples (`layout=multiples&by=family|period`): panels at one scale, in the global
//! order, the filters applied in each, each band holding its own panel's flows, hit-testing
//! through the one scene, the hash round trip, and the CLI drawing what the export draws.

use crate::util::{mali, mali_filter_parts, mali_order};
use influence_flows::benchmark::stable::discordant;
use influence_flows::colour::theme::Theme;
use influence_flows::export;
use influence_flows::layout::{ApproxMeasure, TextMeasure};
use influence_flows::picture::chart::{self, Chart};
use influence_flows::picture::highlight::Target;
use influence_flows::reader::hit::{HitIndex, MOUSE_HIT};
use influence_flows::reader::inspect;
use influence_flows::reader::url_state::{self, UrlState};
use influence_flows::validate::quotes::check_quotes;
use influence_flows::view::{Arrangement, Filters, Multiples};
use proptest::prelude::*;

fn multiples(filters: &Filters, width: f64) -> Chart {
    let (dataset, order) = mali_order();
    chart::build_in_order(
        dataset,
        order,
        filters,
        width,
        None,
        &Theme::LIGHT,
        &ApproxMeasure,
    )
}

fn by(multiples: Multiples) -> Filters {
    Filters {
        multiples: Some(multiples),
        ..Filters::default()
    }
}

/// The panel that band `b` is drawn in.
fn panel_of(chart: &Chart, b: usize) -> usize {
    chart
        .scene
        .panels
        .iter()
        .position(|p| p.links.contains(&b))
        .expect("every band is in a panel")
}

#[test]
fn every_panel_is_drawn_at_one_scale() {
    for (what, width) in [(Multiples::Family, 1280.0), (Multiples::Period, 360.0)] {
        let chart = multiples(&by(what), width);
        // Pixels per flow of every band drawn thicker than the thinnest band (2 px).
        let mut per_flow: Vec<(usize, f64)> = Vec::new();
        for (b, band) in chart.layout.bands.iter().enumerate() {
            let flows = chart.view.links[b].flows.len() as f64;
            if band.width > 2.0 + 1e-9 {
                per_flow.push((panel_of(&chart, b), band.width / flows));
            }
        }
        let mut panels: Vec<usize> = per_flow.iter().map(|p| p.0).collect();
        panels.dedup();
        assert!(
            panels.len() >= 3,
            "{what:?}: bands above 2 px in {panels:?}"
        );
        let first = per_flow[0].1;
        for (panel, px) in &per_flow {
            assert!(
                (px - first).abs() < 1e-9,
                "{what:?} at {width}: panel {panel} draws {px} px a flow, panel 0 {first}"
            );
        }
        // So a band of n flows is as thick in every panel: e.g. the heaviest of each panel.
        assert!(first > 0.5, "a flow is {first} px");
    }
}

#[test]
fn every_panel_keeps_the_global_order() {
    let (_, order) = mali_order();
    for what in [Multiples::Family, Multiples::Period] {
        for width in [1280.0, 360.0] {
            let chart = multiples(&by(what), width);
            let rank = order.ranks(&chart.view, Arrangement::GiverReceiver);
            // Columns are numbered panel after panel, so this compares within each panel; the
            // ranks are the dataset's, so two panels agree too.
            assert_eq!(
                discordant(&chart.layout, &rank.rank),
                0,
                "{what:?} at {width}"
            );
            assert_eq!(chart.layout.columns, 2 * chart.scene.panels.len());
        }
    }
}

#[test]
fn panels_sit_side_by_side_when_wide_and_stacked_on_phones() {
    let wide = multiples(&by(Multiples::Family), 1280.0);
    let (dataset, _) = mali_order();
    assert_eq!(wide.scene.panels.len(), dataset.families.len());
    let tops: Vec<f64> = wide.scene.panels.iter().map(|p| p.rect.y0).collect();
    assert_eq!(tops[0], tops[1], "two panels in the first row");
    assert_eq!(tops[1], tops[2], "three at 1280 px");
    assert!(wide.scene.panels[1].rect.x0 > wide.scene.panels[0].rect.x1);
    let phone = multiples(&by(Multiples::Family), 360.0);
    for pair in phone.scene.panels.windows(2) {
        assert_eq!(pair[0].rect.x0, pair[1].rect.x0, "one column");
        assert!(
            pair[1].rect.y0 >= pair[0].rect.y1,
            "stacked, not overlapping"
        );
    }
    // By period at 360 px, the long titles wrap within their panel, every word kept.
    let periods = multiples(&by(Multiples::Period), 360.0);
    assert!(periods.scene.panels.iter().any(|p| p.lines.len() > 1));
    for chart in [&wide, &phone, &periods] {
        for panel in &chart.scene.panels {
            assert_eq!(panel.lines.join(" "), panel.title);
            let room = panel.rect.x1 - panel.rect.x0;
            for line in &panel.lines {
                let width = ApproxMeasure.width(line, panel.font_px) * 1.1;
                assert!(
                    width <= room || !line.contains(' '),
                    "{line}: {width} > {room}"
                );
            }
        }
    }
    for chart in [&wide, &phone] {
        assert!(chart.scene.panels[0].title.starts_with("Military · "));
        for node in &chart.scene.nodes {
            let r = &node.rect;
            assert!(r.x0 >= 0.0 && r.x1 <= chart.scene.width + 1e-9);
            assert!(r.y0 >= 0.0 && r.y1 <= chart.scene.height + 1e-9);
        }
        // Every band inside its panel's area.
        for (b, band) in chart.scene.bands.iter().enumerate() {
            let area = &chart.scene.panels[panel_of(chart, b)].rect;
            for &(x, y) in &band.outline {
                assert!(x >= area.x0 - 1e-6 && x <= area.x1 + 1e-6, "band {b} x {x}");
                assert!(y >= area.y0 - 1e-6 && y <= area.y1 + 1e-6, "band {b} y {y}");
            }
        }
    }
}

#[test]
fn hidden_kinds_leave_their_panels_and_an_emptied_panel_says_why() {
    let (dataset, _) = mali_order();
    let mut filters = by(Multiples::Family);
    filters.hidden_kinds.insert("arms".into());
    let chart = multiples(&filters, 1280.0);
    assert!(chart.view.links.iter().all(|l| l.kind != "arms"));
    assert!(chart.scene.bands.iter().all(|b| b.kind != "arms"));
    assert!(
        !chart.scene.panels[0].links.is_empty(),
        "troops are still drawn"
    );
    let filters = influence_flows::view::family::toggle(dataset, &filters, "military");
    let chart = multiples(&filters, 1280.0);
    let military = &chart.scene.panels[0];
    assert!(military.title.starts_with("Military"));
    assert!(military.links.is_empty());
    assert!(military.note.as_deref().unwrap().contains("Hidden"));
    assert_eq!(chart.scene.panels.len(), dataset.families.len());
    let c = &chart.view.counts;
    assert_eq!(c.shown + c.filtered_out(), c.total);
    // The SVG says so: the panel's title and note are in it.
    let svg = export::svg(dataset, &chart, &Theme::LIGHT);
    assert!(svg.contains("\nMilitary\n"), "the title is drawn");
    assert!(svg.contains("Hidden: its kinds are off in the legend."));
}

#[test]
fn a_band_of_a_period_panel_holds_only_that_periods_flows() {
    let (dataset, _) = mali_order();
    let chart = multiples(&by(Multiples::Period), 1280.0);
    assert_eq!(chart.scene.panels.len(), dataset.periods.len());
    let open = influence_flows::view::open_year(dataset);
    for (i, panel) in chart.scene.panels.iter().enumerate() {
        let (first, last) = dataset.periods[i].days().unwrap();
        assert!(panel.title.starts_with(&dataset.periods[i].label));
        for b in panel.links.clone() {
            let described = inspect::describe(
                dataset,
                &chart.view,
                Target::Band(b),
                influence_flows::util::lang::Lang::En,
            );
            assert_eq!(described.flows.len(), chart.view.links[b].flows.len());
            for &f in &chart.view.links[b].flows {
                let p = dataset.flows[f].period().expect("a dated flow");
                let end = if p.ongoing {
                    p.end.latest().max((open, 12, 31))
                } else {
                    p.end.latest()
                };
                assert!(
                    p.start.earliest() <= last && end >= first,
                    "{} in {}",
                    dataset.flows[f].id,
                    dataset.periods[i].id
                );
            }
        }
    }
    // Undated flows are in no period: counted as filtered out by period, never lost.
    let c = &chart.view.counts;
    assert_eq!(c.shown + c.filtered_out(), c.total);
    assert!(c.hidden_by_period > 0);
}

#[test]
fn the_pointer_finds_a_band_in_each_panel() {
    let chart = multiples(&by(Multiples::Family), 1280.0);
    let index = HitIndex::new(&chart.scene);
    for panel in chart.scene.panels.iter().filter(|p| !p.links.is_empty()) {
        // The middle of the panel's thickest band.
        let b = panel
            .links
            .clone()
            .max_by(|&a, &b| {
                chart.layout.bands[a]
                    .width
                    .total_cmp(&chart.layout.bands[b].width)
            })
            .unwrap();
        let outline = &chart.scene.bands[b].outline;
        let (n, q) = (outline.len(), outline.len() / 4);
        let (top, bottom) = (outline[q], outline[n - 1 - q]);
        let (x, y) = ((top.0 + bottom.0) / 2.0, (top.1 + bottom.1) / 2.0);
        match index.at(x, y, MOUSE_HIT) {
            Some(Target::Band(hit)) => assert!(panel.links.contains(&hit), "{}", panel.title),
            other => panic!("{}: {other:?} at ({x}, {y})", panel.title),
        }
    }
}

#[test]
fn the_hash_says_small_multiples_and_reads_back() {
    let (dataset, _) = mali_order();
    for hash in [
        "layout=multiples&by=family",
        "layout=multiples&by=period",
        "hide=arms&years=2013-2022&layout=multiples&by=period",
    ] {
        let (state, notes) = url_state::decode(hash, dataset);
        assert!(notes.is_empty(), "{hash}: {notes:?}");
        assert!(state.filters.multiples.is_some());
        assert_eq!(url_state::encode(&state), hash);
    }
    // `by` may come first; without it, by family.
    let (state, _) = url_state::decode("by=period&layout=multiples", dataset);
    assert_eq!(state.filters.multiples, Some(Multiples::Period));
    let (state, _) = url_state::decode("layout=multiples", dataset);
    assert_eq!(state.filters.multiples, Some(Multiples::Family));
    // `by` alone, or an unknown split, is noted.
    let (state, notes) = url_state::decode("by=family", dataset);
    assert_eq!((state.filters.multiples, notes.len()), (None, 1));
    let (state, notes) = url_state::decode("layout=multiples&by=kind", dataset);
    assert_eq!(state.filters.multiples, Some(Multiples::Family));
    assert!(notes[0].contains("expected family or period"), "{notes:?}");
    // A dataset without periods: by family, with a note.
    let mut plain = dataset.clone();
    plain.periods.clear();
    let (state, notes) = url_state::decode("layout=multiples&by=period", &plain);
    assert_eq!(state.filters.multiples, Some(Multiples::Family));
    assert!(notes[0].contains("names no periods"), "{notes:?}");
    // Back to one chart.
    let (state, _) = url_state::decode("layout=multiples&layout=network", dataset);
    assert_eq!(state.filters.multiples, None);
    assert_eq!(state.filters.arrangement, Arrangement::Network);
    let back = UrlState {
        filters: by(Multiples::Family),
        selection: None,
        step: None,
    };
    assert_eq!(
        url_state::hash_of(&back, dataset),
        "layout=multiples&by=family"
    );
}

#[test]
fn a_periods_quote_is_checked_against_its_document() {
    let mut dataset = mali();
    dataset.flows.clear();
    dataset.story.clear();
    // Both documents, as far as the periods quote them.
    let text = "Goita led the August 2020 coup as well, ousting President Ibrahim Boubacar Keita. \
                By December 2021, proof of Wagner's presence in Mali emerged.";
    let texts = |_: &str| Some(text.to_string());
    assert!(check_quotes(&dataset, &texts).is_empty());
    dataset.periods[2].quote = Some("By December 2020, proof of Wagner".into());
    let problems = check_quotes(&dataset, &texts);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "periods[2].quote");
}

/// `render --view 'layout=multiples&by=family'` draws what the page's SVG export draws for
/// that view (both call `export::svg` on `chart::build`), and a PNG of it.
#[test]
fn render_draws_small_multiples_as_the_export_does() {
    let hash = "layout=multiples&by=family";
    let dir = std::env::temp_dir();
    let svg_out = dir.join(format!("if-multiples-{}.svg", std::process::id()));
    let png_out = dir.join(format!("if-multiples-{}.png", std::process::id()));
    for (out, scale) in [(&svg_out, &[][..]), (&png_out, &["--scale", "1"][..])] {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_influence-flows"))
            .args([
                "render",
                "data/mali.json",
                "--view",
                hash,
                "--width",
                "1280",
            ])
            .args(scale)
            .arg("-o")
            .arg(out)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("the program runs");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "{stderr}");
        assert!(!stderr.contains("--view:"), "no notes: {stderr}");
    }
    let drawn = std::fs::read_to_string(&svg_out).expect("the SVG is written");
    let png = std::fs::read(&png_out).expect("the PNG is written");
    let _ = std::fs::remove_file(&svg_out);
    let _ = std::fs::remove_file(&png_out);
    let dataset = mali();
    let (state, _) = url_state::decode(hash, &dataset);
    let chart = chart::build(
        &dataset,
        &state.filters,
        1280.0,
        None,
        &Theme::LIGHT,
        &ApproxMeasure,
    );
    assert_eq!(drawn, export::svg(&dataset, &chart, &Theme::LIGHT));
    for family in &dataset.families {
        let title = format!("\n{} · ", family.label.replace('&', "&amp;"));
        assert!(drawn.contains(&title), "{title}");
    }
    // The PNG is as wide as asked and as tall as the frame around all the panels.
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!(width, 1280);
    assert!(f64::from(height) > chart.scene.height, "{height}");
}

fn any_multiples() -> impl Strategy<Value = Filters> {
    mali_filter_parts().prop_map(|(kinds, actors, fold_groups, period, years)| Filters {
        hidden_kinds: kinds.into_iter().collect(),
        hidden_actors: actors.into_iter().collect(),
        fold_groups,
        years,
        multiples: Some(if period {
            Multiples::Period
        } else {
            Multiples::Family
        }),
        arrangement: Arrangement::GiverReceiver,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Whatever the filters, period, folding and split: one scale in every panel, the global
    /// order in every panel, every band inside its panel, every flow accounted for.
    #[test]
    fn any_small_multiples_keep_one_scale_and_one_order(filters in any_multiples(), width in 320.0f64..1600.0) {
        let (dataset, order) = mali_order();
        let chart = multiples(&filters, width);
        let panels = match filters.multiples {
            Some(Multiples::Period) => dataset.periods.len(),
            _ => dataset.families.len(),
        };
        prop_assert_eq!(chart.scene.panels.len(), panels);
        let rank = order.ranks(&chart.view, Arrangement::GiverReceiver);
        prop_assert_eq!(discordant(&chart.layout, &rank.rank), 0);
        let per_flow: Vec<f64> = chart
            .layout
            .bands
            .iter()
            .zip(&chart.view.links)
            .filter(|(band, _)| band.width > 2.0 + 1e-9)
            .map(|(band, link)| band.width / link.flows.len() as f64)
            .collect();
        for px in &per_flow {
            prop_assert!((px - per_flow[0]).abs() < 1e-9, "{px} and {} px a flow", per_flow[0]);
        }
        for (b, band) in chart.scene.bands.iter().enumerate() {
            let area = &chart.scene.panels[panel_of(&chart, b)].rect;
            let inside = band.outline.iter().all(|&(x, y)| {
                x >= area.x0 - 1e-6 && x <= area.x1 + 1e-6 && y >= area.y0 - 1e-6 && y <= area.y1 + 1e-6
            });
            prop_assert!(inside, "band {} outside its panel", b);
            prop_assert!(!filters.hidden_kinds.contains(&band.kind));
        }
        for panel in &chart.scene.panels {
            prop_assert_eq!(panel.links.is_empty(), panel.note.is_some(), "{}", &panel.title);
        }
        let c = &chart.view.counts;
        prop_assert_eq!(c.shown + c.filtered_out(), c.total);
    }
}
