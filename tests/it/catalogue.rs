//! The catalogue of broken and hostile datasets: each one either gives a clear error at its
//! JSON path, or draws correctly. Every flow is accounted for in each case:
//! drawn + filtered out + rejected = total.
//!
//! Small cases are files in `tests/catalogue/`; big or generated ones (10,000 actors,
//! 100,000 flows, 100,000-character labels, deep nesting) are made here, never committed.
use crate::scene_check;
use crate::util::{crate_file, lines, read};
use influence_flows::colour::theme::Theme;
use influence_flows::picture::chart::Chart;
use influence_flows::validate::{check, check_dataset, Problem, Report};
use influence_flows::view::accounting::Accounting;
use influence_flows::view::{Arrangement, Filters};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// What a case must give.
enum Expect {
    /// The whole dataset is rejected, with (at least) these errors: (path, message fragment).
    Rejected(&'static [(&'static str, &'static str)]),
    /// These flows (indices in the input) are rejected with these errors; the rest draws.
    Partial(&'static [usize], &'static [(&'static str, &'static str)]),
    /// No errors: everything draws.
    Draws,
}

/// Where a case's text comes from.
enum Input {
    File(&'static str),
    Made(fn() -> String),
}

struct Case {
    name: &'static str,
    input: Input,
    expect: Expect,
    /// Further checks on what was drawn (with default filters, 960 px wide), if any.
    scene: Option<fn(&Chart, &str)>,
}

const fn file(name: &'static str, expect: Expect) -> Case {
    Case {
        name,
        input: Input::File(name),
        expect,
        scene: None,
    }
}

const fn made(name: &'static str, make: fn() -> String, expect: Expect) -> Case {
    Case {
        name,
        input: Input::Made(make),
        expect,
        scene: None,
    }
}

const fn with_scene(case: Case, scene: fn(&Chart, &str)) -> Case {
    Case {
        scene: Some(scene),
        ..case
    }
}

const CASES: &[Case] = &[
    // ------------------------------------------------------------ not JSON at all
    file(
        "truncated.json",
        Expect::Rejected(&[("", "not valid JSON: EOF while parsing")]),
    ),
    file(
        "empty-file.json",
        Expect::Rejected(&[("", "not valid JSON: EOF while parsing a value")]),
    ),
    // NaN and Infinity are not JSON: the text is refused as a whole, with a hint.
    file(
        "nan-literal.json",
        Expect::Rejected(&[("", "NaN and Infinity are not JSON numbers")]),
    ),
    file(
        "infinity-literal.json",
        Expect::Rejected(&[("", "NaN and Infinity are not JSON numbers")]),
    ),
    file(
        "number-out-of-range.json",
        Expect::Rejected(&[("", "number out of range (column 22); a number must lie between")]),
    ),
    // A raw tab inside a string is not JSON (it must be written \t).
    file(
        "raw-control-character.json",
        Expect::Rejected(&[("", "control character (\\u0000-\\u001F) found while parsing a string")]),
    ),
    made(
        "lone-surrogate (made)",
        lone_surrogate,
        Expect::Rejected(&[("", "not valid JSON: unexpected end of hex escape")]),
    ),
    made(
        "nested 100,000 deep (made)",
        deep_nesting,
        Expect::Rejected(&[("", "recursion limit exceeded (column 128); lists and objects are nested too deeply")]),
    ),
    made(
        "a JSON string, not a dataset (made)",
        || "\"influence-flows/1\"".into(),
        Expect::Rejected(&[("", "the document should be a dataset (an object { … }), found the string")]),
    ),
    // A byte order mark, as some editors write, is ignored (browsers drop it too).
    file("byte-order-mark.json", Expect::Draws),
    // ------------------------------------------------------------ structure: the dataset goes
    file(
        "wrong-top-level-types.json",
        Expect::Rejected(&[
            ("title", "expected a string, found a list"),
            ("kinds", "expected a list [ … ], found an object"),
        ]),
    ),
    file(
        "duplicate-actor-ids.json",
        Expect::Rejected(&[("actors[3].id", "duplicate id \"mali\" (actors[2] has it too)")]),
    ),
    file(
        "duplicate-kind-ids.json",
        Expect::Rejected(&[("kinds[1].id", "duplicate id \"arms\" (kinds[0] has it too)")]),
    ),
    file(
        "control-characters-in-a-name.json",
        Expect::Rejected(&[("actors[0].name", "contains the control character U+001B")]),
    ),
    file(
        "bidi-override.json",
        Expect::Rejected(&[("actors[2].name", "contains the control character U+202E")]),
    ),
    made(
        "a javascript: source URL (made)",
        javascript_url,
        Expect::Rejected(&[("sources[0].url", "\"javascript:alert(1)\" is not a web address")]),
    ),
    made(
        "a group cycle 10,000 actors long (made)",
        group_cycle,
        Expect::Rejected(&[(
            "actors[0].group",
            "groups form a cycle (a0 → a1 → a2 → a3 → a4 → … → a0)",
        )]),
    ),
    // ------------------------------------------------------------ one flow's errors: that flow goes
    with_scene(
        file(
            "wrong-flow-types.json",
            Expect::Partial(
                &[0, 1, 2, 3, 5],
                &[
                    ("flows[0]", "should be a flow (an object { … }), found the string"),
                    ("flows[1].evidence", "expected a list [ … ], found an object"),
                    ("flows[2].when", "should be a when (an object { … }), found the string \"2022\""),
                    ("flows[3].status", "expected a string, found true"),
                    ("flows[5]", "should be a flow (an object { … }), found null"),
                ],
            ),
        ),
        |chart, _| assert_eq!(chart.view.links.len(), 1),
    ),
    file(
        "unknown-references.json",
        Expect::Partial(
            &[0, 1, 2],
            &[
                ("flows[0].target", "unknown actor \"wagnr\" (did you mean \"wagner\"?)"),
                ("flows[1].kind", "unknown kind \"arm\" (did you mean \"arms\"?)"),
                ("flows[2].evidence[1].source", "unknown source \"dco\" (did you mean \"doc\"?)"),
            ],
        ),
    ),
    // A broken story drops the story only (`tests/it/story.rs` checks it is gone); the
    // story's views and marks are read as links by `reader::story::problems`, tested there.
    file(
        "story-broken-steps.json",
        Expect::Partial(
            &[],
            &[
                ("story[1].id", "duplicate id \"arms\" (story[0] has it too)"),
                ("story[1].caption", "must not be empty"),
                ("story[2].source", "unknown source \"dok\" (did you mean \"doc\"?)"),
                ("story[2].annotations[0].text", "an annotation is a label of at most 40"),
                ("story[3].id", "is not kebab-case"),
                ("story[3].view", "must not be empty"),
                ("story[3].note", "unknown field \"note\""),
                ("story[4]", "should be a story step"),
            ],
        ),
    ),
    file("story-bad-views.json", Expect::Draws),
    file("story.json", Expect::Draws),
    // The first flow with an id keeps it; the second is rejected.
    file(
        "duplicate-flow-ids.json",
        Expect::Partial(&[1], &[("flows[1].id", "duplicate id \"flow-0\" (flows[0] has it too)")]),
    ),
    file(
        "amounts.json",
        Expect::Partial(&[0], &[("flows[0].amount.value", "-5 is negative")]),
    ),
    file(
        "dates.json",
        Expect::Partial(
            &[0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12],
            &[
                ("flows[0].when.start", "month 13 is not between 1 and 12"),
                ("flows[1].when.start", "\"2023-02-29\" is not a date: day 29 does not exist in that month (it has 28 days)"),
                ("flows[2].when.start", "\"2022/03/01\" is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
                ("flows[3].when.start", "\"22-03\" is not a date"),
                ("flows[4].when.start", "\"2022-3\" is not a date"),
                ("flows[5].when.start", "must not be empty"),
                ("flows[6].when.end", "the period ends (2021) before it starts (2022)"),
                ("flows[7].when.start", "day 31 does not exist in that month (it has 30 days)"),
                ("flows[10].when.start", "month 0 is not between 1 and 12"),
                ("flows[11].when.start", "\"+2022\" is not a date"),
                ("flows[12].when.start", "\"２０２２\" is not a date"),
            ],
        ),
    ),
    with_scene(
        file(
            "self-loops.json",
            Expect::Partial(&[0], &[("flows[0].target", "the flow goes from \"russia\" to itself")]),
        ),
        // Wagner → Russia is no self-loop, though Wagner folds into Russia (see below).
        |chart, _| assert_eq!(chart.view.counts.shown, 2),
    ),
    file(
        "missing-evidence.json",
        Expect::Partial(
            &[0, 1, 2, 3, 4, 5],
            &[
                ("flows[0].evidence", "missing required field \"evidence\""),
                ("flows[1].evidence", "a flow needs at least one evidence item"),
                ("flows[2].evidence[0].quote", "must not be empty"),
                ("flows[3].evidence[0].quote", "must not be empty"),
                ("flows[4].evidence[0].quote", "must not be empty"),
                ("flows[5].evidence[0].quote", "missing required field \"quote\""),
            ],
        ),
    ),
    file(
        "control-characters-in-a-flow.json",
        Expect::Partial(&[1], &[("flows[1].summary", "contains the control character U+0007")]),
    ),
    made(
        "every flow rejected (made)",
        every_flow_rejected,
        Expect::Partial(&[0, 1, 2], &[("flows[2].source", "unknown actor \"nobody\"")]),
    ),
    // ------------------------------------------------------------ draws
    with_scene(file("empty-lists.json", Expect::Draws), |chart, _| {
        assert!(chart.scene.bands.is_empty() && chart.scene.nodes.is_empty());
    }),
    with_scene(file("no-flows.json", Expect::Draws), |chart, _| {
        assert!(chart.scene.bands.is_empty() && chart.scene.labels.is_empty());
    }),
    with_scene(
        file("right-to-left-and-emoji.json", Expect::Draws),
        |chart, svg| {
            // Each name is drawn whole, in its own order of characters; the SVG escapes nothing
            // it should not and keeps the text as text.
            for name in [
                "روسيا الاتحادية",
                "קבוצת ואגנר 🪖",
                "🇲🇱 Mali — Mālī 👩🏽\u{200d}⚕\u{fe0f} e\u{301}",
            ] {
                assert!(
                    chart.scene.labels.iter().any(|l| l.text == name),
                    "no label {name:?}: {:?}",
                    chart.scene.labels.iter().map(|l| &l.text).collect::<Vec<_>>()
                );
                assert!(svg.contains(name), "{name:?} is not in the SVG");
            }
        },
    ),
    with_scene(
        made("labels of 100,000 characters (made)", long_labels, Expect::Draws),
        |chart, _| {
            // Shortened to fit, with an ellipsis, and inside the picture (checked for all cases).
            for label in &chart.scene.labels {
                assert!(label.text.chars().count() < 200, "{} chars", label.text.len());
                assert!(label.text.ends_with('…'), "{:?}", label.text);
            }
        },
    ),
    with_scene(
        made("markup in every text field (made)", markup_everywhere, Expect::Draws),
        |chart, svg| {
            // Text, never markup: the SVG holds no element made from the data (an SVG opened
            // in a browser would run it).
            for tag in ["<script", "<img", "<a ", "<foreignObject", "<style", "<iframe", "<math", "<svg/"] {
                assert!(!svg.contains(tag), "the SVG contains {tag}");
            }
            assert_eq!(svg.matches("<svg").count(), 1, "one <svg> element");
            assert!(chart.scene.labels.iter().any(|l| l.text.contains("<script>")));
        },
    ),
    with_scene(
        made("1e308 and 0 amounts, valid dates at the ends of the calendar (made)", extreme_values, Expect::Draws),
        |chart, _| assert_eq!(chart.view.counts.shown, 3),
    ),
    with_scene(
        made("10,000 actors (made)", ten_thousand_actors, Expect::Draws),
        |chart, _| {
            // A chain a0 → a1 → … → a9999: every actor gives and receives once.
            assert_eq!(chart.view.links.len(), 9_999);
            assert_eq!(chart.scene.nodes.len(), 2 * 9_999);
        },
    ),
    with_scene(
        made(
            "100,000 flows, one of them bad (made)",
            hundred_thousand_flows,
            Expect::Partial(&[77_777], &[("flows[77777].kind", "unknown kind \"guns\"")]),
        ),
        |chart, _| {
            // Aggregated per (giver, receiver, kind): 20 × 19 ordered pairs × 4 kinds at most.
            assert_eq!(chart.view.counts.shown, 99_999);
            assert!(chart.view.links.len() <= 20 * 19 * 4, "{}", chart.view.links.len());
            let weight: f64 = chart.view.graph.links.iter().map(|l| l.value).sum();
            assert_eq!(weight, 99_999.0);
            println!(
                "100,000 flows: {} bands between {} nodes",
                chart.view.links.len(),
                chart.view.nodes.len()
            );
        },
    ),
    made("a group chain 10,000 deep (made)", group_chain, Expect::Draws),
];

// ---------------------------------------------------------------- the test

#[test]
fn every_catalogue_case_gives_its_error_or_draws() {
    let mut failures = Vec::new();
    for case in CASES {
        let started = Instant::now();
        let text = match case.input {
            Input::File(name) => read(&format!("tests/catalogue/{name}")),
            Input::Made(make) => make(),
        };
        let made = started.elapsed();
        let report = check(&text);
        let checked = started.elapsed();
        if let Err(e) = expectation(case, &report) {
            failures.push(format!("{}: {e}\n{}", case.name, lines(&report.problems)));
            continue;
        }
        match drawings(case, &report) {
            Ok(()) => {}
            Err(e) => failures.push(format!("{}: {e}", case.name)),
        }
        let took = started.elapsed();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{:>8.0} ms  {} (made {:.0} ms, checked {:.0} ms, drawn {:.0} ms)",
            ms(took),
            case.name,
            ms(made),
            ms(checked - made),
            ms(took - checked)
        );
    }
    println!("{} catalogue cases", CASES.len());
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

/// Every file in `tests/catalogue/` is a case here or in `validate::BROKEN`, once (and every
/// file case exists).
#[test]
fn every_catalogue_file_is_a_case() {
    let mut files: Vec<String> = std::fs::read_dir(crate_file("tests/catalogue"))
        .expect("tests/catalogue")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json"))
        .collect();
    files.sort();
    let mut listed: Vec<String> = CASES
        .iter()
        .filter_map(|c| match c.input {
            Input::File(name) => Some(name.to_string()),
            Input::Made(_) => None,
        })
        .chain(crate::validate::BROKEN.iter().map(|(f, _)| f.to_string()))
        .collect();
    listed.sort();
    assert_eq!(files, listed);
}

/// The real dataset: everything drawn, and the identity under filters.
#[test]
fn the_mali_dataset_accounts_for_every_flow() {
    let report = check(&read("data/mali.json"));
    assert!(report.rejected_flows.is_empty() && !report.has_errors());
    assert_eq!(
        report.total_flows,
        report.dataset.as_ref().unwrap().flows.len()
    );
    let dataset = report.dataset.as_ref().unwrap();
    let first_kind = dataset.kinds[0].id.clone();
    for filters in [
        Filters::default(),
        Filters {
            hidden_kinds: [first_kind].into(),
            hidden_actors: ["wagner".to_string()].into(),
            years: Some((2021, 2022)),
            fold_groups: true,
            multiples: None,
            arrangement: Arrangement::Network,
        },
    ] {
        let drawn = scene_check::draw_checked(&report, &filters, 960.0, None, &Theme::LIGHT)
            .unwrap_or_else(|e| panic!("{e}"))
            .expect("drawn");
        assert_eq!(scene_check::outside(&drawn.0), None);
        let a = Accounting::new(&report, Some(&drawn.0.view.counts));
        assert!(a.is_balanced(), "{a:?}");
        assert_eq!(a.total, dataset.flows.len(), "{a}");
        println!("mali.json, {filters:?}: {a}");
    }
}

/// A bad flow in the real dataset costs that flow only.
#[test]
fn a_bad_flow_in_the_mali_dataset_is_rejected_alone() {
    let mut value: Value = serde_json::from_str(&read("data/mali.json")).unwrap();
    value["flows"][10]["target"] = json!("no-such-actor");
    value["flows"][20]["when"] = json!({"start": "2022-02-30"});
    let report = check(&serde_json::to_string_pretty(&value).unwrap());
    let rejected: Vec<String> = report
        .rejected_flows
        .iter()
        .map(|r| r.to_string())
        .collect();
    let id = |i: usize| value["flows"][i]["id"].as_str().unwrap().to_string();
    assert_eq!(
        rejected,
        [
            format!("flows[10] (\"{}\")", id(10)),
            format!("flows[20] (\"{}\")", id(20))
        ]
    );
    let drawn = scene_check::draw_checked(&report, &Filters::default(), 960.0, None, &Theme::DARK)
        .unwrap()
        .unwrap();
    let a = Accounting::new(&report, Some(&drawn.0.view.counts));
    let total = value["flows"].as_array().unwrap().len();
    assert_eq!(
        (a.total, a.drawn, a.filtered_out, a.rejected),
        (total, total - 2, 0, 2)
    );
    assert_eq!(
        a.to_string(),
        format!(
            "Showing {} of {total} flows; 2 rejected as invalid",
            total - 2
        )
    );
}

// ---------------------------------------------------------------- checking one case

fn expectation(case: &Case, report: &Report) -> Result<(), String> {
    let has = |path: &str, fragment: &str| {
        report
            .problems
            .iter()
            .any(|p| p.is_error() && p.path == path && p.message.contains(fragment))
    };
    let errors: &[(&str, &str)] = match &case.expect {
        Expect::Rejected(errors) => {
            if report.dataset.is_some() {
                return Err("expected the dataset to be rejected, but it loads".into());
            }
            errors
        }
        Expect::Partial(rejected, errors) => {
            let Some(dataset) = &report.dataset else {
                return Err(
                    "expected the dataset to load with flows rejected; it is rejected".into(),
                );
            };
            let got: Vec<usize> = report.rejected_flows.iter().map(|r| r.index).collect();
            if got != *rejected {
                return Err(format!("expected flows {rejected:?} rejected, got {got:?}"));
            }
            if dataset.flows.len() + rejected.len() != report.total_flows {
                return Err("accepted + rejected != total".into());
            }
            errors
        }
        Expect::Draws => {
            if report.has_errors() || report.dataset.is_none() {
                return Err("expected no errors".into());
            }
            &[]
        }
    };
    for (path, fragment) in errors {
        if !has(path, fragment) {
            return Err(format!(
                "expected an error at `{path}` containing {fragment:?}"
            ));
        }
    }
    // A message a person can act on: where (a line, except for text that is not JSON at all
    // on an empty line) and what.
    if let Some(p) = report.problems.iter().find(|p| p.message.trim().is_empty()) {
        return Err(format!("an empty message at {}", p.path));
    }
    // What loads is clean: checking the accepted dataset again finds no error (skipped for
    // the biggest cases, for time).
    if let Some(dataset) = report.dataset.as_ref().filter(|d| d.flows.len() <= 5_000) {
        let again: Vec<Problem> = check_dataset(dataset)
            .into_iter()
            .filter(Problem::is_error)
            .collect();
        if !again.is_empty() {
            return Err(format!(
                "the accepted dataset has errors:\n{}",
                lines(&again)
            ));
        }
    }
    Ok(())
}

/// Drawings that leave the extent today: (case, variant of `drawings`, what the layout does).
/// Each is a layout bug, reported; an entry that stops failing must be removed (the test says
/// so), so the list only ever shrinks.
const KNOWN_OUTSIDE: &[(&str, usize, &str)] = &[(
    "markup in every text field (made)",
    1,
    "a cycle of 40 actors, Network arrangement, 320 px: a loop lane runs past the right edge",
)];

/// Draws the case with several filters, widths and themes; checks the drawing lies inside
/// its extent (see `KNOWN_OUTSIDE`) and runs the case's own scene checks.
fn drawings(case: &Case, report: &Report) -> Result<(), String> {
    let big = report.total_flows > 5_000
        || report
            .dataset
            .as_ref()
            .is_some_and(|d| d.actors.len() > 5_000);
    let mut variants = vec![(Filters::default(), 960.0, Theme::LIGHT)];
    if !big {
        variants.push((
            Filters {
                fold_groups: true,
                arrangement: Arrangement::Network,
                ..Filters::default()
            },
            320.0,
            Theme::DARK,
        ));
        variants.push((
            Filters {
                years: Some((2022, 2022)),
                hidden_actors: ["wagner".to_string()].into(),
                ..Filters::default()
            },
            1920.0,
            Theme::LIGHT,
        ));
    }
    for (i, (filters, width, theme)) in variants.iter().enumerate() {
        let drawn = scene_check::draw_checked(report, filters, *width, None, theme)
            .map_err(|e| format!("{e} (with {filters:?} at {width} px)"))?;
        let Some((chart, svg)) = &drawn else {
            continue;
        };
        let known = KNOWN_OUTSIDE
            .iter()
            .find(|(name, variant, _)| *name == case.name && *variant == i);
        match (scene_check::outside(chart), known) {
            (Some(e), None) => return Err(format!("{e} (with {filters:?} at {width} px)")),
            (Some(e), Some((_, _, why))) => {
                // Known, and only as a loop band: anything else outside is a new failure.
                if let Some(other) = scene_check::outside_but_loops(chart) {
                    return Err(format!("{other} (with {filters:?} at {width} px)"));
                }
                println!("known layout bug, {}: {why}: {e}", case.name)
            }
            (None, Some(_)) => {
                return Err(format!(
                    "variant {i} now lies inside its extent: remove it from KNOWN_OUTSIDE"
                ))
            }
            (None, None) => {}
        }
        if let (0, Some(scene)) = (i, case.scene) {
            scene(chart, svg);
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- made cases

fn small() -> Value {
    serde_json::from_str(&read("tests/small.json")).unwrap()
}

fn flow(i: usize, source: &str, target: &str, kind: &str) -> Value {
    json!({
        "id": format!("flow-{i}"), "source": source, "target": target, "kind": kind,
        "status": "fact", "summary": format!("Flow {i}."),
        "evidence": [{"source": "doc", "quote": format!("Quote {i}.")}]
    })
}

fn text(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap()
}

fn lone_surrogate() -> String {
    read("tests/small.json").replace(
        "Russia delivered arms to Mali.\"",
        "Russia \\ud800 delivered.\"",
    )
}

fn deep_nesting() -> String {
    "[".repeat(100_000) + &"]".repeat(100_000)
}

fn javascript_url() -> String {
    let mut d = small();
    d["sources"][0]["url"] = json!("javascript:alert(1)");
    text(&d)
}

fn actors(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| json!({"id": format!("a{i}"), "name": format!("Actor {i}"), "type": "state"}))
        .collect()
}

fn group_cycle() -> String {
    let mut d = small();
    let mut list = actors(10_000);
    for (i, a) in list.iter_mut().enumerate() {
        a["group"] = json!(format!("a{}", (i + 1) % 10_000));
    }
    d["actors"] = json!(list);
    d["flows"] = json!([flow(0, "a0", "a1", "arms")]);
    text(&d)
}

fn group_chain() -> String {
    let mut d = small();
    let mut list = actors(10_000);
    for (i, a) in list.iter_mut().enumerate().skip(1) {
        a["group"] = json!(format!("a{}", i - 1));
    }
    d["actors"] = json!(list);
    d["flows"] = json!([
        flow(0, "a9999", "a5000", "arms"),
        flow(1, "a1", "a2", "arms")
    ]);
    text(&d)
}

fn every_flow_rejected() -> String {
    let mut d = small();
    d["flows"] = json!([
        flow(0, "russia", "russia", "arms"),
        flow(1, "russia", "mali", "nothing"),
        flow(2, "nobody", "mali", "arms")
    ]);
    text(&d)
}

fn long_labels() -> String {
    let mut d = small();
    let long = |word: &str| word.repeat(100_000 / word.len());
    d["title"] = json!(long("Title "));
    for (i, word) in ["Russia ", "Wagner ", "مالي "].iter().enumerate() {
        d["actors"][i]["name"] = json!(long(word));
    }
    d["kinds"][0]["label"] = json!(long("Arms "));
    d["flows"][0]["evidence"][0]["quote"] = json!(long("quote "));
    text(&d)
}

/// The browser test's XSS payloads (tests/e2e/fixtures/xss-payloads.json) in every text field.
fn markup_everywhere() -> String {
    let fixture: Value =
        serde_json::from_str(&read("tests/e2e/fixtures/xss-payloads.json")).unwrap();
    let payloads: Vec<&str> = fixture["text"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let urls: Vec<&str> = fixture["urls"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let p = |i: usize| json!(payloads[i % payloads.len()]);
    let mut d = small();
    d["title"] = p(0);
    d["subtitle"] = p(1);
    d["sources"] = json!(urls
        .iter()
        .enumerate()
        .map(|(i, url)| json!({"id": format!("s{i}"), "title": p(i + 2), "publisher": p(i + 3), "url": url}))
        .collect::<Vec<_>>());
    d["kinds"][0]["label"] = p(4);
    d["actors"] = json!(payloads
        .iter()
        .enumerate()
        .map(|(i, name)| json!({"id": format!("a{i}"), "name": name, "type": "state", "aliases": [p(i + 5)]}))
        .collect::<Vec<_>>());
    d["flows"] = json!((0..payloads.len())
        .map(|i| {
            let mut f = flow(
                i,
                &format!("a{i}"),
                &format!("a{}", (i + 1) % payloads.len()),
                "arms",
            );
            f["summary"] = p(i + 7);
            f["evidence"] = json!([{"source": format!("s{}", i % urls.len()), "quote": p(i)}]);
            f
        })
        .collect::<Vec<_>>());
    text(&d)
}

fn extreme_values() -> String {
    let mut d = small();
    let mut a = flow(2, "russia", "wagner", "arms");
    a["amount"] = json!({"text": "more than anyone has", "value": 1e308, "unit": "US dollars"});
    a["when"] = json!({"start": "0001", "end": "9999-12-31"});
    d["flows"][1]["amount"] = json!({"text": "nothing", "value": 0, "unit": "trucks"});
    d["flows"][0]["when"] = json!({"start": "2023-08-11", "ongoing": true});
    d["flows"].as_array_mut().unwrap().push(a);
    text(&d)
}

fn ten_thousand_actors() -> String {
    let mut d = small();
    d["actors"] = json!(actors(10_000));
    let flows: Vec<Value> = (0..9_999)
        .map(|i| flow(i, &format!("a{i}"), &format!("a{}", i + 1), "arms"))
        .collect();
    d["flows"] = json!(flows);
    text(&d)
}

/// 100,000 flows among 20 actors and 4 kinds; one names an unknown kind. Written as text
/// directly: building it as a `Value` takes longer than checking it.
fn hundred_thousand_flows() -> String {
    let mut d = small();
    d["actors"] = json!(actors(20));
    d["kinds"] = json!([
        {"id": "arms", "label": "Arms", "color": "#cf3b1e"},
        {"id": "money", "label": "Money", "color": "#0072b2"},
        {"id": "troops", "label": "Troops", "color": "#8a6d00"},
        {"id": "diplomatic", "label": "Diplomatic support", "color": "#7b52ae"}
    ]);
    d["flows"] = json!([]);
    let kinds = ["arms", "money", "troops", "diplomatic"];
    let mut flows = String::with_capacity(100_000 * 200);
    for i in 0..100_000 {
        let (s, t) = (i % 20, (i / 20 + i) % 20);
        let t = if s == t { (t + 1) % 20 } else { t };
        let kind = if i == 77_777 { "guns" } else { kinds[i % 4] };
        let comma = if i > 0 { "," } else { "" };
        flows.push_str(&format!(
            "{comma}\n    {{\"id\": \"flow-{i}\", \"source\": \"a{s}\", \"target\": \"a{t}\", \"kind\": \"{kind}\", \"status\": \"fact\", \"summary\": \"Flow {i}.\", \"evidence\": [{{\"source\": \"doc\", \"quote\": \"Quote {i}.\"}}]}}"
        ));
    }
    text(&d).replace("\"flows\": []", &format!("\"flows\": [{flows}\n  ]"))
}

// ---------------------------------------------------------------- helpers

// ---------------------------------------------------------------- the command line

/// Runs the program on `text` written to a temporary file; returns (success, stdout, stderr).
fn run_cli(name: &str, text: &[u8], args: &[&str]) -> (bool, String, String) {
    let dir = std::env::temp_dir().join(format!("if-catalogue-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_influence-flows"));
    command
        .arg(args[0])
        .arg(&file)
        .args(&args[1..])
        .current_dir(&dir);
    let out = command.output().expect("the program runs");
    let string = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (
        out.status.success(),
        string(&out.stdout),
        string(&out.stderr),
    )
}

#[test]
fn the_cli_draws_what_is_valid_and_says_what_it_left_out() {
    let text = read("tests/catalogue/unknown-references.json");
    let svg = std::env::temp_dir().join(format!("if-catalogue-{}.svg", std::process::id()));
    let (ok, stdout, stderr) = run_cli(
        "unknown-references.json",
        text.as_bytes(),
        &["render", "-o", svg.to_str().unwrap()],
    );
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("showing 1 of 4 flows; 3 rejected as invalid"),
        "{stdout}"
    );
    assert!(
        stderr.contains("flows[0].target (line 41): unknown actor \"wagnr\""),
        "{stderr}"
    );

    let (ok, _, stderr) = run_cli("unknown-references.json", text.as_bytes(), &["validate"]);
    assert!(!ok, "validate fails on any error");
    assert!(
        stderr.contains("3 error(s), 0 warning(s); 3 of 4 flows rejected as invalid"),
        "{stderr}"
    );
    let (ok, _, stderr) = run_cli(
        "duplicate-actor-ids.json",
        read("tests/catalogue/duplicate-actor-ids.json").as_bytes(),
        &["render", "-o", svg.to_str().unwrap()],
    );
    assert!(!ok && stderr.contains("actors[3].id"), "{stderr}");
}

#[test]
fn quote_problems_name_the_flow_as_it_is_in_the_input() {
    // flows[0] is rejected, so the accepted dataset's flows[0] is the input's flows[1].
    let mut d = small();
    d["flows"][0]["target"] = json!("nobody");
    d["flows"][1]["evidence"][0]["quote"] = json!("Words nobody wrote.");
    let dir = std::env::temp_dir().join(format!("if-catalogue-sources-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("doc.txt"), "Russia delivered arms to Mali.").unwrap();
    let (ok, _, stderr) = run_cli(
        "quotes.json",
        text(&d).as_bytes(),
        &["validate", "--sources", dir.to_str().unwrap()],
    );
    assert!(!ok);
    assert!(
        stderr.contains("flows[1].evidence[0].quote (line"),
        "{stderr}"
    );
    assert!(!stderr.contains("flows[0].evidence"), "{stderr}");
}

#[test]
fn the_cli_never_prints_the_data_s_control_characters() {
    // An unknown field named with a terminal escape: the message shows it escaped.
    let text = read("tests/small.json").replacen(
        "\"title\"",
        "\"\\u001b]0;pwned\\u0007\": 1, \"title\"",
        1,
    );
    let (ok, _, stderr) = run_cli("escape.json", text.as_bytes(), &["validate"]);
    assert!(!ok);
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
    assert!(stderr.contains("\\u{1b}]0;pwned\\u{7}"), "{stderr}");
}

#[test]
fn a_file_that_is_not_utf8_is_refused_clearly() {
    let (ok, _, stderr) = run_cli(
        "latin1.json",
        b"{\"title\": \"Mali \xe9t\xe9\"}",
        &["validate"],
    );
    assert!(!ok);
    assert!(
        stderr.contains("cannot read: stream did not contain valid UTF-8"),
        "{stderr}"
    );
}
