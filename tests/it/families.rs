//! Families of kinds: the format (unknown family, a family without kinds, ids shared with a
//! kind, too many families), the colour checks (families apart under three simulated
//! colour-vision deficiencies, kinds shades of their family), filtering by family in the
//! URL hash, and the editor's first view.

use influence_flows::colour::theme::Theme;
use influence_flows::colour::vision::Vision;
use influence_flows::colour::Rgb;
use influence_flows::data::model::Dataset;
use influence_flows::reader::url_state::{self, UrlState};
use influence_flows::validate::colour::{as_drawn, worst_difference, MIN_DIFFERENCE};
use influence_flows::validate::{check, load, Problem, Severity};
use serde_json::{json, Value};
use std::path::Path;

fn read(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn mali() -> Dataset {
    load(&read("data/mali.json")).expect("data/mali.json loads")
}

/// `tests/small.json` with two families (military: arms, troops; money: money) and `edit`.
fn small_with_families(edit: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&read("tests/small.json")).unwrap();
    v["families"] = json!([
        {"id": "military", "label": "Military", "color": "#ce0002"},
        {"id": "economic", "label": "Money", "color": "#678efe"}
    ]);
    v["kinds"] = json!([
        {"id": "arms", "label": "Arms", "color": "#ce0002", "family": "military"},
        {"id": "troops", "label": "Troops", "color": "#d72e30", "family": "military"},
        {"id": "money", "label": "Money", "color": "#678efe", "family": "economic"}
    ]);
    v["flows"][1]["kind"] = json!("troops");
    v["flows"][0]["kind"] = json!("money");
    edit(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

fn problems(text: &str) -> Vec<Problem> {
    check(text).problems
}

fn has(problems: &[Problem], severity: Severity, path: &str, fragment: &str) -> bool {
    problems
        .iter()
        .any(|p| p.severity == severity && p.path == path && p.message.contains(fragment))
}

fn show(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("  {p}\n")).collect()
}

#[test]
fn a_dataset_with_families_loads_and_names_each_kinds_family() {
    let text = small_with_families(|_| {});
    let report = check(&text);
    assert!(
        report.problems.iter().all(|p| !p.is_error()),
        "{}",
        show(&report.problems)
    );
    let dataset = report.dataset.unwrap();
    assert_eq!(dataset.family_of("troops").unwrap().id, "military");
    assert_eq!(dataset.family_of("money").unwrap().label, "Money");
    assert_eq!(dataset.family_of("nothing"), None);
    let military: Vec<&str> = dataset
        .kinds_of("military")
        .map(|k| k.id.as_str())
        .collect();
    assert_eq!(military, ["arms", "troops"]);
}

#[test]
fn family_mistakes_are_reported_at_their_paths() {
    let text = small_with_families(|v| {
        v["kinds"][2]["family"] = json!("economy");
        v["families"].as_array_mut().unwrap().push(json!(
            {"id": "arms", "label": "Also arms", "color": "#bd0097"}
        ));
        v["families"].as_array_mut().unwrap().push(json!(
            {"id": "unused", "label": "Unused", "color": "#ec7000", "colour": "#000000"}
        ));
        v["kinds"].as_array_mut().unwrap().push(json!(
            {"id": "training", "label": "Training", "color": "#dd4f50"}
        ));
    });
    let p = problems(&text);
    let e = Severity::Error;
    assert!(
        has(
            &p,
            e,
            "kinds[2].family",
            "unknown family \"economy\" (did you mean \"economic\"?)"
        ),
        "{}",
        show(&p)
    );
    assert!(
        has(
            &p,
            e,
            "families[2].id",
            "family \"arms\" has the id of a kind"
        ),
        "{}",
        show(&p)
    );
    assert!(
        has(&p, e, "families[3].colour", "unknown field"),
        "{}",
        show(&p)
    );
    assert!(
        has(&p, e, "kinds[3]", "kind \"training\" has no \"family\"; this dataset declares families, so give it one of: military, economic, arms, unused"),
        "{}",
        show(&p)
    );
    assert!(
        has(
            &p,
            Severity::Warning,
            "families[3]",
            "family \"unused\" has no kinds"
        ),
        "{}",
        show(&p)
    );
}

#[test]
fn more_than_seven_families_is_an_error() {
    let text = small_with_families(|v| {
        let colours = [
            "#ce0002", "#ec7000", "#678efe", "#bd0097", "#af88a3", "#5a6a5c", "#117733", "#0072b2",
        ];
        v["families"] = colours
            .iter()
            .enumerate()
            .map(|(i, c)| json!({"id": format!("f{i}"), "label": "F", "color": c}))
            .collect();
        for kind in v["kinds"].as_array_mut().unwrap() {
            kind["family"] = json!("f0");
        }
    });
    let p = problems(&text);
    assert!(
        has(
            &p,
            Severity::Error,
            "families",
            "8 families; a reader tells at most 7 colours apart"
        ),
        "{}",
        show(&p)
    );
}

#[test]
fn families_too_close_under_a_simulation_are_named_with_the_simulation() {
    // A red and a green that normal vision tells apart but deuteranopia does not.
    let text = small_with_families(|v| {
        v["families"][1]["color"] = json!("#5f7f1a");
        v["kinds"][2]["color"] = json!("#5f7f1a");
    });
    let p = problems(&text);
    let clash = p
        .iter()
        .find(|p| p.path == "families[1].color")
        .unwrap_or_else(|| panic!("no clash reported:\n{}", show(&p)));
    assert_eq!(clash.severity, Severity::Error);
    for fragment in [
        "family \"economic\" (#5f7f1a)",
        "family \"military\" (#ce0002, families[0])",
        "under simulated",
        "ΔE00",
        "at least 15",
    ] {
        assert!(
            clash.message.contains(fragment),
            "{fragment:?} not in: {}",
            clash.message
        );
    }
    assert!(
        clash.message.contains("deuteranopia") || clash.message.contains("protanopia"),
        "{}",
        clash.message
    );
    // The same colours as kinds of a dataset without families: the kinds are named.
    let mut v: Value = serde_json::from_str(&read("tests/small.json")).unwrap();
    v["kinds"] = json!([
        {"id": "arms", "label": "Arms", "color": "#ce0002"},
        {"id": "money", "label": "Money", "color": "#5f7f1a"}
    ]);
    v["flows"][0]["kind"] = json!("money");
    v["flows"][1]["kind"] = json!("arms");
    let p = problems(&v.to_string());
    // A warning there: datasets from before families keep loading.
    assert!(
        has(
            &p,
            Severity::Warning,
            "kinds[1].color",
            "kind \"money\" (#5f7f1a) and kind \"arms\""
        ),
        "{}",
        show(&p)
    );
}

#[test]
fn a_kind_must_be_a_shade_of_its_own_family() {
    let text = small_with_families(|v| v["kinds"][1]["color"] = json!("#5c7ee2"));
    let p = problems(&text);
    assert!(
        has(&p, Severity::Error, "kinds[1].color", "#5c7ee2 is nearer the colour of family \"economic\" (#678efe) than that of its own family \"military\""),
        "{}",
        show(&p)
    );
}

#[test]
fn malis_families_are_apart_for_every_vision_on_both_themes() {
    let dataset = mali();
    assert!(dataset.families.len() <= 7 && dataset.families.len() >= 5);
    let colours: Vec<Rgb> = dataset
        .families
        .iter()
        .map(|f| Rgb::parse(&f.color).unwrap())
        .collect();
    let mut smallest = f64::INFINITY;
    for i in 0..colours.len() {
        for j in 0..i {
            for theme in [Theme::LIGHT, Theme::DARK] {
                for vision in Vision::ALL {
                    let d = vision
                        .difference(as_drawn(colours[i], &theme), as_drawn(colours[j], &theme));
                    assert!(
                        d >= MIN_DIFFERENCE,
                        "{} and {} under {} differ by {d:.1}",
                        dataset.families[i].id,
                        dataset.families[j].id,
                        vision.name()
                    );
                    smallest = smallest.min(d);
                }
            }
            assert!(worst_difference(colours[i], colours[j]).0 >= MIN_DIFFERENCE);
        }
    }
    eprintln!("smallest ΔE00 between Mali's families: {smallest:.2}");
}

#[test]
fn malis_mission_kinds_come_first_in_their_families_in_the_family_colour() {
    let dataset = mali();
    let order: Vec<&str> = dataset.families.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(&order[..3], ["military", "economic", "diplomacy"]);
    for (kind, family) in [
        ("arms", "military"),
        ("money", "economic"),
        ("diplomatic", "diplomacy"),
    ] {
        let f = dataset.family(family).unwrap();
        assert_eq!(dataset.kinds_of(family).next().unwrap().id, kind);
        assert_eq!(
            dataset.kind(kind).unwrap().color,
            f.color,
            "{kind} is drawn in its family's colour"
        );
    }
    assert_eq!(dataset.family_of("troops").unwrap().id, "military");
    // Every kind has a family.
    assert!(dataset
        .kinds
        .iter()
        .all(|k| dataset.family_of(&k.id).is_some()));
}

#[test]
fn a_family_in_the_hash_hides_or_shows_all_its_kinds_and_old_hashes_still_work() {
    let dataset = mali();
    let (state, notes) = url_state::decode("hide=diplomacy", &dataset);
    assert!(notes.is_empty(), "{notes:?}");
    let mut hidden: Vec<&str> = state
        .filters
        .hidden_kinds
        .iter()
        .map(String::as_str)
        .collect();
    hidden.sort();
    assert_eq!(hidden, ["diplomatic", "pressure", "sanctions", "ties"]);
    // A kind-level hash from before families.
    let (state, notes) = url_state::decode("hide=arms,ties", &dataset);
    assert!(notes.is_empty());
    assert_eq!(state.filters.hidden_kinds.len(), 2);
    // show= hides everything else; kinds and families mix.
    let (state, _) = url_state::decode("show=military,money", &dataset);
    assert_eq!(state.filters.hidden_kinds.len(), dataset.kinds.len() - 4);
    assert!(!state.filters.hidden_kinds.contains("training"));
    let (_, notes) = url_state::decode("hide=militery", &dataset);
    assert_eq!(
        notes,
        ["hide: no kind or family “militery” in this dataset; left out"]
    );
}

#[test]
fn the_first_view_is_read_from_an_empty_hash_and_the_hash_overrides_it() {
    let dataset = mali();
    let (first, notes) = url_state::first_view(&dataset);
    assert!(notes.is_empty(), "{notes:?}");
    let shown: Vec<&str> = dataset
        .kinds
        .iter()
        .filter(|k| !first.filters.hidden_kinds.contains(&k.id))
        .map(|k| k.id.as_str())
        .collect();
    assert_eq!(shown, ["arms", "troops", "money", "diplomatic", "violence"]);
    assert_eq!(url_state::read("", &dataset).0, first);
    assert_eq!(url_state::read("#", &dataset).0, first);
    // The hash wins; "all" is everything, not the first view.
    assert_eq!(url_state::read("#all", &dataset).0, UrlState::default());
    assert_eq!(
        url_state::read("#hide=arms", &dataset)
            .0
            .filters
            .hidden_kinds
            .len(),
        1
    );
    // hash_of writes what read reads back.
    assert_eq!(url_state::hash_of(&first, &dataset), "");
    assert_eq!(url_state::hash_of(&UrlState::default(), &dataset), "all");
    for hash in [
        "all",
        "hide=arms",
        "years=2020-2022",
        "fold=1&sel=actor:russia",
    ] {
        let state = url_state::read(hash, &dataset).0;
        assert_eq!(
            url_state::read(&url_state::hash_of(&state, &dataset), &dataset).0,
            state,
            "{hash}"
        );
    }
    // Without a first view, the empty hash is everything, as before.
    let mut plain = dataset.clone();
    plain.view = None;
    assert_eq!(url_state::read("", &plain).0, UrlState::default());
    assert_eq!(url_state::hash_of(&UrlState::default(), &plain), "");
}

#[test]
fn a_first_view_that_names_an_unknown_kind_is_a_warning_from_validate() {
    let text = small_with_families(|v| {
        v["view"] = json!({"hash": "show=arms,tanks", "caption": "Arms"});
    });
    let report = check(&text);
    assert!(report.dataset.is_some());
    let dir = std::env::temp_dir().join(format!("if-first-view-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("d.json");
    std::fs::write(&file, &text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_influence-flows"))
        .args(["validate", file.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: view.hash")
            && stderr.contains("show: no kind or family “tanks” in this dataset"),
        "{stderr}"
    );
}

#[test]
fn render_draws_the_first_view_by_default_and_everything_with_view_all() {
    let dir = std::env::temp_dir().join(format!("if-render-view-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = |extra: &[&str]| {
        let out_file = dir.join("m.svg");
        let mut args = vec!["render", "data/mali.json", "-o", out_file.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_influence-flows"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(&args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let first = run(&[]);
    let all = run(&["--view", "all"]);
    let arms = run(&["--view", "show=arms"]);
    let dataset = mali();
    let total = dataset.flows.len();
    let (first_view, _) = url_state::first_view(&dataset);
    let shown = dataset
        .flows
        .iter()
        .filter(|f| !first_view.filters.hidden_kinds.contains(&f.kind))
        .count();
    let arms_flows = dataset.flows.iter().filter(|f| f.kind == "arms").count();
    assert!(shown < total);
    let want = format!(
        "showing {shown} of {total} flows; {} filtered out",
        total - shown
    );
    assert!(first.contains(&want), "{first}");
    assert!(
        all.contains(&format!("showing {total} of {total} flows")),
        "{all}"
    );
    assert!(
        arms.contains(&format!("showing {arms_flows} of {total} flows")),
        "{arms}"
    );
}

#[test]
fn tooltips_and_the_table_name_the_kind_and_its_family() {
    use influence_flows::reader::inspect::{flow_text, kind_in_family};
    let dataset = mali();
    assert_eq!(kind_in_family(&dataset, "ties"), "Ties & talks (Diplomacy)");
    assert_eq!(kind_in_family(&dataset, "arms"), "Arms (Military)");
    // A family of one kind of the same name is not named twice.
    assert_eq!(kind_in_family(&dataset, "violence"), "Violence");
    let flow = dataset.flows.iter().find(|f| f.kind == "troops").unwrap();
    assert_eq!(
        flow_text(&dataset, flow, influence_flows::util::lang::Lang::En).kind,
        "Troops (Military)"
    );
}
