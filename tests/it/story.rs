//! The story: its steps validated with their JSON paths (the catalogue's `story-*.json`), the
//! Mali story's words found in its documents, and `step=N` in the URL hash.

use crate::util::{crate_file, lines, mali, read};
use influence_flows::data::model::Dataset;
use influence_flows::reader::story;
use influence_flows::reader::url_state::{self, Selection};
use influence_flows::validate::quotes::check_quotes;
use influence_flows::validate::{check, load, Problem};
use influence_flows::view::View;
use std::path::PathBuf;

fn catalogue(name: &str) -> Dataset {
    load(&read(&format!("tests/catalogue/{name}"))).expect("loads")
}

/// Whether `problems` has an error at `path` saying `fragment`.
fn has(problems: &[Problem], path: &str, fragment: &str) -> bool {
    problems
        .iter()
        .any(|p| p.is_error() && p.path == path && p.message.contains(fragment))
}

#[test]
fn a_broken_story_is_dropped_and_the_chart_still_loads() {
    let report = check(&read("tests/catalogue/story-broken-steps.json"));
    let dataset = report.dataset.expect("the flows still load");
    assert!(dataset.story.is_empty(), "{:?}", dataset.story);
    assert_eq!(dataset.flows.len(), 2);
    // Every error is in the story.
    for p in report.problems.iter().filter(|p| p.is_error()) {
        assert!(p.path.starts_with("story"), "{p}");
        assert!(p.line.is_some(), "{p}");
    }
}

#[test]
fn views_highlights_and_marks_are_read_as_links_with_their_paths() {
    let dataset = catalogue("story-bad-views.json");
    let problems = story::problems(&dataset);
    let expected = [
        ("story[0].view", "show: no kind or family “guns”"),
        ("story[1].highlight", "sel: no actor “wagnr”"),
        (
            "story[2].highlight",
            "is not drawn in this step's view (actors=-wagner)",
        ),
        (
            "story[2].annotations[1].on",
            "is not drawn in this step's view",
        ),
        ("story[3].view", "a step's view cannot name a step"),
    ];
    for (path, fragment) in expected {
        assert!(
            has(&problems, path, fragment),
            "no error at {path} with {fragment:?}:\n{}",
            lines(&problems)
        );
    }
    // A mark the view draws is fine.
    assert!(
        !problems
            .iter()
            .any(|p| p.path == "story[2].annotations[0].on"),
        "{}",
        lines(&problems)
    );
    assert_eq!(problems.len(), expected.len(), "{}", lines(&problems));
}

#[test]
fn a_good_story_has_no_problems_and_its_words_are_in_its_document() {
    let dataset = catalogue("story.json");
    assert_eq!(story::problems(&dataset), vec![]);
    let document = "Russia delivered arms to Mali. Wagner brought two trucks.";
    let read_doc = |file: &str| (file == "doc.txt").then(|| document.to_string());
    assert_eq!(check_quotes(&dataset, &read_doc), vec![]);
    // A caption or an annotation not in the document is reported at its path.
    let mut changed = dataset.clone();
    changed.story[1].caption = "Wagner brought three trucks.".into();
    changed.story[1].annotations[0].text = "three trucks".into();
    let problems = check_quotes(&changed, &read_doc);
    assert!(has(
        &problems,
        "story[1].caption",
        "quote not found in \"doc.txt\""
    ));
    assert!(has(
        &problems,
        "story[1].annotations[0].text",
        "quote not found"
    ));
    assert_eq!(problems.len(), 2, "{}", lines(&problems));
}

/// `INFLUENCE_FLOWS_SOURCES`, or `../shared/sources` beside the crate, if it exists.
fn sources_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("INFLUENCE_FLOWS_SOURCES") {
        Some(dir) => PathBuf::from(dir),
        None => crate_file("../shared/sources"),
    };
    dir.is_dir().then_some(dir)
}

#[test]
fn the_mali_story_points_at_marks_it_draws_and_quotes_its_documents() {
    let dataset = mali();
    assert!(
        (5..=7).contains(&dataset.story.len()),
        "{}",
        dataset.story.len()
    );
    assert_eq!(story::problems(&dataset), vec![]);
    for n in 1..=dataset.story.len() {
        let (state, notes) = url_state::step_state(&dataset, n);
        assert_eq!(notes, Vec::<String>::new(), "step {n}");
        let view = View::new(&dataset, &state.filters);
        let highlight = state.selection.as_ref().expect("every step lights a mark");
        assert!(url_state::target_of(&view, highlight).is_some(), "step {n}");
        let annotations = story::annotations(&dataset, &view, n);
        assert_eq!(
            annotations.len(),
            dataset.story[n - 1].annotations.len(),
            "step {n}"
        );
    }
    match sources_dir() {
        Some(dir) => {
            let problems = influence_flows::validate::quotes::check_quotes_in_dir(&dataset, &dir);
            assert_eq!(problems, vec![], "{}", lines(&problems));
        }
        None => eprintln!("note: no ../shared/sources; the story's quotes are not checked"),
    }
}

#[test]
fn a_step_in_the_hash_is_its_view_and_highlight_and_round_trips() {
    let dataset = mali();
    let (state, notes) = url_state::decode("#step=2", &dataset);
    assert_eq!(notes, Vec::<String>::new());
    assert_eq!(state.step, Some(2));
    assert_eq!(
        state.selection,
        Some(Selection::Band {
            source: "russia".into(),
            target: "mali".into(),
            kind: "ties".into(),
            status: influence_flows::data::model::Status::Fact,
        })
    );
    assert_eq!(state.filters.years, Some((2020, 2020)));
    assert!(!state.filters.hidden_kinds.contains("ties"));
    assert!(state.filters.hidden_kinds.contains("arms"));
    // Written back, a step as its editor wrote it is just its number.
    assert_eq!(url_state::hash_of(&state, &dataset), "step=2");
    // Other keys change the step's view, whatever their order; the hash keeps them.
    let (changed, notes) = url_state::decode("years=2019-2021&step=2", &dataset);
    assert_eq!(notes, Vec::<String>::new());
    assert_eq!(changed.step, Some(2));
    assert_eq!(changed.filters.years, Some((2019, 2021)));
    assert_eq!(changed.selection, state.selection);
    let hash = url_state::hash_of(&changed, &dataset);
    assert!(hash.ends_with("&step=2"), "{hash}");
    assert_eq!(url_state::decode(&hash, &dataset), (changed, vec![]));
    // No such step: a note, and the hash's other keys still count.
    for bad in ["step=0", "step=99", "step=two", "step=-1"] {
        let (state, notes) = url_state::decode(&format!("{bad}&fold=1"), &dataset);
        assert_eq!(state.step, None, "{bad}");
        assert!(state.filters.fold_groups, "{bad}");
        assert_eq!(notes.len(), 1, "{bad}: {notes:?}");
        assert!(notes[0].contains("expected a step from 1 to"), "{notes:?}");
    }
}

#[test]
fn the_step_control_s_words() {
    let dataset = mali();
    assert_eq!(story::position(3, 6), "Step 3 of 6");
    let (caption, source) = story::caption(&dataset, 1).expect("step 1");
    assert!(caption.starts_with("In January 2013"), "{caption}");
    assert_eq!(source, dataset.source("hrf").unwrap().title);
    assert_eq!(story::caption(&dataset, 0), None);
    assert_eq!(story::caption(&dataset, dataset.story.len() + 1), None);
}

// ---------------------------------------------------------------- annotations

use influence_flows::colour::theme::Theme;
use influence_flows::layout::{ApproxMeasure, Rect};
use influence_flows::picture::annotate::{self, overlaps};
use influence_flows::picture::chart;
use proptest::prelude::*;

/// Every annotation of every Mali step is placed at `width`: inside the extent, clear of the
/// labels, node boxes and each other, its leader from its mark to its box's edge.
fn check_annotations(width: f64) -> Result<(), String> {
    let dataset = mali();
    for n in 1..=dataset.story.len() {
        let (state, _) = url_state::step_state(&dataset, n);
        let theme = Theme::LIGHT;
        let mut chart = chart::build(
            &dataset,
            &state.filters,
            width,
            None,
            &theme,
            &ApproxMeasure,
        );
        story::annotate(&dataset, &mut chart, Some(n), &ApproxMeasure, &theme);
        let marks = &chart.scene.annotations;
        let at = format!("step {n} at {width} px");
        if marks.len() != dataset.story[n - 1].annotations.len() {
            return Err(format!(
                "{at}: {} of {} placed",
                marks.len(),
                dataset.story[n - 1].annotations.len()
            ));
        }
        let others: Vec<&Rect> = chart
            .layout
            .labels
            .iter()
            .map(|l| &l.rect)
            .chain(chart.layout.nodes.iter().map(|n| &n.rect))
            .collect();
        for (i, mark) in marks.iter().enumerate() {
            let r = &mark.rect;
            if r.x0 < 0.0 || r.y0 < 0.0 || r.x1 > chart.scene.width || r.y1 > chart.scene.height {
                return Err(format!(
                    "{at}: {:?} outside {}×{}",
                    r, chart.scene.width, chart.scene.height
                ));
            }
            if let Some(o) = others.iter().find(|o| overlaps(o, r, 0.0)) {
                return Err(format!("{at}: “{}” {r:?} overlaps {o:?}", mark.text));
            }
            if marks[..i].iter().any(|m| overlaps(&m.rect, r, 0.0)) {
                return Err(format!("{at}: “{}” overlaps another annotation", mark.text));
            }
            let anchor = annotate::anchor(&chart.scene, mark.target).unwrap();
            let [from, to] = mark.leader;
            if from != anchor {
                return Err(format!(
                    "{at}: the leader starts at {from:?}, not at its mark {anchor:?}"
                ));
            }
            let on_edge = (to.0 == r.x0 || to.0 == r.x1 || to.1 == r.y0 || to.1 == r.y1)
                && (r.x0..=r.x1).contains(&to.0)
                && (r.y0..=r.y1).contains(&to.1);
            if !on_edge {
                return Err(format!(
                    "{at}: the leader ends at {to:?}, off the box {r:?}"
                ));
            }
            if mark.lines.join(" ") != mark.text {
                return Err(format!(
                    "{at}: lines {:?} are not “{}”",
                    mark.lines, mark.text
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn annotations_are_placed_at_the_narrowest_and_widest_widths() {
    for width in [320.0, 360.0, 559.0, 560.0, 1280.0, 1600.0] {
        check_annotations(width).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn annotations_are_placed_at_every_width(width in 320.0f64..=1600.0) {
        check_annotations(width).map_err(TestCaseError::fail)?;
    }
}

#[test]
fn annotations_are_drawn_in_the_svg() {
    let dataset = mali();
    let (state, _) = url_state::step_state(&dataset, 1);
    let theme = Theme::LIGHT;
    let mut chart = chart::build(
        &dataset,
        &state.filters,
        960.0,
        None,
        &theme,
        &ApproxMeasure,
    );
    let without = influence_flows::picture::draw::to_svg(&chart.scene);
    story::annotate(&dataset, &mut chart, Some(1), &ApproxMeasure, &theme);
    let with = influence_flows::picture::draw::to_svg(&chart.scene);
    assert!(!without.contains("Operation Serval"));
    assert!(
        with.contains("Operation Serval"),
        "the annotation's text is in the SVG"
    );
    // No step, no annotations.
    story::annotate(&dataset, &mut chart, None, &ApproxMeasure, &theme);
    assert!(chart.scene.annotations.is_empty());
}

#[test]
fn the_cli_validate_reports_the_story_s_views_and_marks_with_paths_and_lines() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_influence-flows"))
        .args(["validate", "tests/catalogue/story-bad-views.json"])
        .current_dir(crate_file("."))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    for expected in [
        "story[0].view (line ",
        "story[1].highlight (line ",
        "story[2].annotations[1].on (line ",
        "story[3].view (line ",
        "5 error(s)",
    ] {
        assert!(stderr.contains(expected), "no {expected:?} in:\n{stderr}");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_influence-flows"))
        .args(["validate", "tests/catalogue/story.json"])
        .current_dir(crate_file("."))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("2 story steps"), "{stdout}");
}
