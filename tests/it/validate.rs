//! The dataset and its validator: the real Mali dataset loads and its quotes are verbatim;
//! each deliberately broken dataset in `tests/catalogue/` gives the expected paths and messages.

use crate::util::{crate_file, lines, mali, read};
use influence_flows::colour::Rgb;
use influence_flows::data::model::Dataset;
use influence_flows::validate::colour::{contrast_on_backgrounds, MIN_CONTRAST};
use influence_flows::validate::quotes::{check_quotes, check_quotes_in_dir};
use influence_flows::validate::{check, check_dataset, load, Problem, Severity};
use proptest::prelude::*;
use std::path::PathBuf;

/// `INFLUENCE_FLOWS_SOURCES`, or `../shared/sources` beside the crate, if it exists.
fn sources_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("INFLUENCE_FLOWS_SOURCES") {
        Some(dir) => PathBuf::from(dir),
        None => crate_file("../shared/sources"),
    };
    dir.is_dir().then_some(dir)
}

// ---------------------------------------------------------------- the real dataset

#[test]
fn the_mali_dataset_loads_without_errors_or_warnings() {
    let report = check(&read("data/mali.json"));
    assert!(
        report.problems.is_empty(),
        "problems:\n{}",
        lines(&report.problems)
    );
    let dataset = report.dataset.expect("loads");
    assert_eq!(dataset.format, "influence-flows/1");
    assert!(
        dataset.actors.len() >= 15 && dataset.actors.len() <= 30,
        "{}",
        dataset.actors.len()
    );
    // The four main kinds lead the first three families (military, money, diplomacy).
    let leads: Vec<&str> = dataset
        .families
        .iter()
        .take(3)
        .flat_map(|f| dataset.kinds_of(&f.id).take(2))
        .map(|k| k.id.as_str())
        .collect();
    assert_eq!(
        leads,
        ["arms", "troops", "money", "resources", "diplomatic", "ties"],
        "the four main kinds come first"
    );
}

#[test]
fn the_mali_dataset_holds_key_facts_of_both_documents() {
    let dataset = mali();
    let flow = |id: &str| {
        dataset
            .flows
            .iter()
            .find(|f| f.id == id)
            .unwrap_or_else(|| panic!("no flow {id}"))
    };
    // France's troops: a troops flow whose period ends with the withdrawal.
    let france = flow("france-mali-troops");
    let period = france.period().expect("dated");
    assert_eq!(
        (period.start.to_string(), period.end.to_string()),
        ("January 2013".into(), "August 2022".into())
    );
    assert!(!period.ongoing);
    // Mali denied Wagner's deployment; both documents are cited.
    let wagner = flow("wagner-mali-deployment");
    assert_eq!(wagner.status, influence_flows::data::model::Status::Denied);
    let mut cited: Vec<&str> = wagner.evidence.iter().map(|e| e.source.as_str()).collect();
    cited.sort_unstable();
    cited.dedup();
    assert_eq!(cited, ["brief-review", "hrf"]);
    // The stated amount, with the document's words.
    let payment = flow("mali-wagner-payment").amount.as_ref().expect("amount");
    assert_eq!(
        (payment.text.as_str(), payment.value),
        ("$10 million a month", Some(10_000_000.0))
    );
    // Folding groups: Wagner into Russia, the armed forces into Mali.
    assert_eq!(dataset.group_root("wagner"), "russia");
    assert_eq!(dataset.group_root("malian-armed-forces"), "mali");
    assert_eq!(dataset.group_root("china"), "china");
    // The document without a known author, publisher or date has none.
    let review = dataset.source("brief-review").expect("source");
    assert!(review.publisher.is_none() && review.authors.is_empty() && review.date.is_none());
}

#[test]
fn every_kind_colour_reaches_3_to_1_on_both_backgrounds() {
    for kind in mali().kinds {
        let rgb = Rgb::parse(&kind.color).unwrap_or_else(|| panic!("{}: {}", kind.id, kind.color));
        let (light, dark) = contrast_on_backgrounds(rgb);
        assert!(
            light >= MIN_CONTRAST,
            "{} {} on light: {light:.2}",
            kind.id,
            kind.color
        );
        assert!(
            dark >= MIN_CONTRAST,
            "{} {} on dark: {dark:.2}",
            kind.id,
            kind.color
        );
    }
}

#[test]
fn every_quote_of_the_mali_dataset_is_in_its_document() {
    let Some(dir) = sources_dir() else {
        eprintln!("note: no sources folder (set INFLUENCE_FLOWS_SOURCES or put ../shared/sources beside the crate); quote check skipped");
        return;
    };
    let problems = check_quotes_in_dir(&mali(), &dir);
    assert!(
        problems.is_empty(),
        "quotes not found:\n{}",
        lines(&problems)
    );
}

#[test]
fn the_example_in_the_format_description_is_valid() {
    let doc = read("docs/data-format.md");
    let example = doc
        .find("## A complete small example")
        .expect("the example's heading");
    let start =
        example + doc[example..].find("```json\n").expect("a ```json block") + "```json\n".len();
    let end = start + doc[start..].find("```").expect("end of the block");
    let report = check(&doc[start..end]);
    assert!(
        report.problems.is_empty(),
        "problems:\n{}",
        lines(&report.problems)
    );
}

// ---------------------------------------------------------------- the quote check

fn small() -> Dataset {
    load(&read("tests/small.json")).expect("tests/small.json loads")
}

#[test]
fn quote_check_reports_missing_files_and_quotes_with_their_paths() {
    let mut dataset = small();
    let text = "Russia delivered arms to  Mali.\nWagner brought two trucks.";
    assert!(check_quotes(&dataset, &|_| Some(text.to_string())).is_empty());

    // A quote differing in one word: reported at its path, with where it differs.
    dataset.flows[1].evidence[0].quote = "Wagner brought three trucks.".into();
    let problems = check_quotes(&dataset, &|_| Some(text.to_string()));
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "flows[1].evidence[0].quote");
    assert!(
        problems[0]
            .message
            .contains("quote not found in \"doc.txt\""),
        "{}",
        problems[0].message
    );
    assert!(
        problems[0].message.contains("differs at “three trucks.”"),
        "{}",
        problems[0].message
    );

    // A missing file is one problem at the source, not one per quote.
    let problems = check_quotes(&dataset, &|_| None);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "sources[0].file");
    assert!(problems[0]
        .message
        .contains("\"doc.txt\" is not in the sources folder"));

    // A cited source without a file cannot be checked.
    dataset.sources[0].file = None;
    let problems = check_quotes(&dataset, &|_| Some(text.to_string()));
    assert_eq!(problems[0].path, "sources[0]");
    assert!(problems[0].message.contains("has no \"file\""));
}

#[test]
fn quote_check_forgives_white_space_and_typographic_quotes_only() {
    let mut dataset = small();
    dataset.flows[0].evidence[0].quote = "Russia’s “deal”   with\nMali.".into();
    dataset.flows[1].evidence[0].quote = "Wagner brought two trucks.".into();
    let text = "Russia's \"deal\" with Mali. Wagner brought two trucks.";
    assert!(check_quotes(&dataset, &|_| Some(text.to_string())).is_empty());
    dataset.flows[0].evidence[0].quote = "Russia’s “deal” with Mali".into(); // no full stop: still inside
    assert!(check_quotes(&dataset, &|_| Some(text.to_string())).is_empty());
    dataset.flows[0].evidence[0].quote = "Russia’s deal with Mali.".into(); // quotes dropped
    assert_eq!(check_quotes(&dataset, &|_| Some(text.to_string())).len(), 1);
}

// ---------------------------------------------------------------- broken datasets

/// Each file in `tests/catalogue/`, and (path, message fragment) pairs it must report as errors.
pub const BROKEN: &[(&str, &[(&str, &str)])] = &[
    (
        "syntax-trailing-comma.json",
        &[("", "not valid JSON: trailing comma")],
    ),
    (
        "not-an-object.json",
        &[("", "should be a dataset (an object { … }), found a list")],
    ),
    (
        "wrong-format.json",
        &[(
            "format",
            "unknown format \"influence-flows/2\"; this version reads \"influence-flows/1\"",
        )],
    ),
    (
        "missing-fields.json",
        &[
            ("kinds", "missing required field \"kinds\""),
            ("flows[0].summary", "missing required field \"summary\""),
            ("flows[1].evidence", "missing required field \"evidence\""),
        ],
    ),
    (
        "unknown-fields.json",
        &[
            (
                "kinds[0].colour",
                "unknown field \"colour\" (did you mean \"color\"?)",
            ),
            ("kinds[0].color", "missing required field \"color\""),
            (
                "actors[0].alias",
                "unknown field \"alias\" (did you mean \"aliases\"?)",
            ),
            (
                "flows[0].sumary",
                "unknown field \"sumary\" (did you mean \"summary\"?)",
            ),
            (
                "flows[1].evidence[0].page",
                "unknown field \"page\"; an evidence item has: source, quote",
            ),
        ],
    ),
    (
        "wrong-types.json",
        &[
            ("title", "expected a string, found the number 42"),
            (
                "actors[2].aliases[0]",
                "expected a string, found the number 1",
            ),
            (
                "flows[0].when.ongoing",
                "expected true or false, found the string \"yes\"",
            ),
            (
                "flows[1].amount.value",
                "expected a finite number, found the string \"two\"",
            ),
            (
                "flows[1].evidence",
                "expected a list [ … ], found an object",
            ),
        ],
    ),
    (
        "misspelt-references.json",
        &[
            (
                "flows[0].target",
                "unknown actor \"wagnr\" (did you mean \"wagner\"?)",
            ),
            (
                "flows[0].kind",
                "unknown kind \"arm\" (did you mean \"arms\"?)",
            ),
            (
                "flows[1].evidence[0].source",
                "unknown source \"dco\" (did you mean \"doc\"?)",
            ),
            (
                "actors[1].group",
                "unknown actor \"rusia\" (did you mean \"russia\"?)",
            ),
        ],
    ),
    (
        "duplicate-ids.json",
        &[
            (
                "actors[3].id",
                "duplicate id \"mali\" (actors[2] has it too)",
            ),
            (
                "flows[1].id",
                "duplicate id \"russia-mali-arms\" (flows[0] has it too)",
            ),
        ],
    ),
    (
        "duplicate-keys.json",
        &[("flows[0].id", "this key appears twice in the same object")],
    ),
    (
        "bad-dates.json",
        &[
            ("updated", "give the full date of the last edit, YYYY-MM-DD"),
            (
                "sources[0].date",
                "\"11/08/2023\" is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD",
            ),
            ("flows[0].when.start", "month 13 is not between 1 and 12"),
            ("flows[0].when.end", "day 29 does not exist in that month"),
            ("flows[1].when.start", "\"22-03\" is not a date"),
        ],
    ),
    (
        "period-reversed.json",
        &[(
            "flows[0].when.end",
            "the period ends (2021) before it starts (March 2022)",
        )],
    ),
    (
        "empty-strings.json",
        &[
            ("kinds[0].id", "must not be empty"),
            ("actors[2].name", "must not be empty"),
            ("flows[0].summary", "must not be empty"),
            ("flows[0].evidence[0].quote", "must not be empty"),
        ],
    ),
    (
        "empty-evidence.json",
        &[(
            "flows[0].evidence",
            "a flow needs at least one evidence item",
        )],
    ),
    (
        "bad-amounts.json",
        &[
            ("flows[0].amount.unit", "a value needs a unit"),
            ("flows[1].amount.value", "-5 is negative"),
            ("flows[2].amount.value", "a unit needs a value"),
        ],
    ),
    (
        "null-value.json",
        &[(
            "flows[1].amount.value",
            "expected a finite number, found null",
        )],
    ),
    (
        "bad-colours.json",
        &[
            (
                "kinds[0].color",
                "\"#ff0\" is not a colour; write it as #rrggbb",
            ),
            (
                "kinds[1].color",
                "contrast 1.32:1 on the light background #ffffff",
            ),
            (
                "kinds[2].color",
                "contrast 1.11:1 on the dark background #16181d",
            ),
        ],
    ),
    (
        "self-loop.json",
        &[("flows[0].target", "the flow goes from \"russia\" to itself")],
    ),
    (
        "bad-periods.json",
        &[
            ("periods[1].from", "\"2016-13\" is not a date: month 13"),
            (
                "periods[2].to",
                "the period ends (June 2021) before it starts (2022)",
            ),
            (
                "periods[3].from",
                "the period overlaps periods[0]; periods may not share a day",
            ),
            (
                "periods[4].id",
                "duplicate id \"early\" (periods[0] has it too)",
            ),
            ("periods[5].quote", "a quote needs its \"source\""),
            (
                "periods[6]",
                "a period that names a source needs its \"quote\"",
            ),
            ("periods[7].id", "id \"Not-Kebab\" is not kebab-case"),
            (
                "periods[7].colour",
                "unknown field \"colour\"; a period has: id, label, from, to",
            ),
        ],
    ),
    (
        "group-cycle.json",
        &[
            (
                "actors[0].group",
                "groups form a cycle (russia → wagner → russia)",
            ),
            (
                "actors[1].group",
                "groups form a cycle (wagner → russia → wagner)",
            ),
            ("actors[2].group", "an actor cannot be its own group"),
        ],
    ),
    (
        "bad-url-and-file.json",
        &[
            (
                "sources[0].url",
                "\"ftp://example.org/doc\" is not a web address",
            ),
            (
                "sources[0].file",
                "\"../secret/doc.txt\" is not a plain file name",
            ),
        ],
    ),
    (
        "bad-enums.json",
        &[
            (
                "flows[0].status",
                "unknown status \"alleged\"; use one of: fact, reported, denied",
            ),
            (
                "flows[1].status",
                "unknown status \"reportd\" (did you mean \"reported\"?)",
            ),
            ("actors[1].type", "unknown actor type \"pmc\""),
        ],
    ),
    (
        "not-kebab-case.json",
        &[("actors[1].id", "id \"Wagner Group\" is not kebab-case")],
    ),
    (
        "lists-of-the-wrong-type.json",
        &[
            (
                "actors",
                "expected a list [ … ], found the string \"russia\"",
            ),
            ("flows", "expected a list [ … ], found an object"),
        ],
    ),
    (
        "contradictory-order-pins.json",
        &[
            ("order.givers[1][1]", "\"wagner\" above \"france\" among the givers contradicts the pins before it, which put \"france\" above \"wagner\" (france above wagner, order.givers[0][1])"),
            ("order.givers[2][0]", "unknown actor \"wagnr\" (did you mean \"wagner\"?)"),
            ("order.givers[3]", "expected a chain of actor ids"),
            ("order.receivers[0][1]", "which put \"eu\" above \"mali\" (eu above mali, order.top[0])"),
            ("order.bottom[0]", "\"mali\" is pinned to the top as well (order.top[1])"),
            ("order.bottom[2]", "\"russia\" is already in this list (order.bottom[1])"),
        ],
    ),
];

#[test]
fn each_broken_dataset_reports_the_expected_problems() {
    for (file, expected) in BROKEN {
        let problems = load(&read(&format!("tests/catalogue/{file}")))
            .err()
            .unwrap_or_else(|| panic!("{file} loaded, but it is broken"));
        for (path, fragment) in *expected {
            let found = problems
                .iter()
                .any(|p| p.path == *path && p.message.contains(fragment) && p.is_error());
            assert!(
                found,
                "{file}: expected an error at `{path}` containing {fragment:?}; got:\n{}",
                lines(&problems)
            );
        }
        assert!(
            problems.iter().all(|p| p.line.is_some()),
            "{file}: every problem has a line:\n{}",
            lines(&problems)
        );
    }
}

#[test]
fn problems_carry_the_line_of_their_path() {
    let problems = load(&read("tests/catalogue/misspelt-references.json")).unwrap_err();
    let target = problems
        .iter()
        .find(|p| p.path == "flows[0].target")
        .expect("reported");
    assert_eq!(target.line, Some(41));
    assert_eq!(
        target.to_string(),
        "flows[0].target (line 41): unknown actor \"wagnr\" (did you mean \"wagner\"?); declare it or use the id of one that is declared"
    );
    let syntax = load(&read("tests/catalogue/syntax-trailing-comma.json")).unwrap_err();
    assert_eq!(syntax[0].line, Some(4));
}

// ---------------------------------------------------------------- warnings

/// `tests/small.json` changed by `edit`, as JSON text.
fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value: serde_json::Value =
        serde_json::from_str(&read("tests/small.json")).expect("json");
    edit(&mut value);
    serde_json::to_string_pretty(&value).expect("text")
}

#[test]
fn warnings_do_not_stop_a_dataset_from_loading() {
    let text = edited(|v| {
        v["actors"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"id": "china", "name": "China", "type": "state"}));
        v["flows"][0]["when"] = serde_json::json!({"start": "2024-01"});
        let evidence = v["flows"][0]["evidence"][0].clone();
        v["flows"][0]["evidence"]
            .as_array_mut()
            .unwrap()
            .push(evidence);
    });
    let report = check(&text);
    assert!(report.dataset.is_some(), "{}", lines(&report.problems));
    assert!(load(&text).is_ok());
    let warnings: Vec<(&str, &str)> = report
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.message.as_str()))
        .collect();
    assert!(report
        .problems
        .iter()
        .all(|p| p.severity == Severity::Warning));
    let has = |path: &str, fragment: &str| {
        warnings
            .iter()
            .any(|(p, m)| *p == path && m.contains(fragment))
    };
    assert!(
        has("actors[3]", "actor \"china\" is in no flow"),
        "{warnings:?}"
    );
    assert!(has("flows[0].when.start", "January 2024 is after the date of every document this flow cites (the latest is 2023-08-11)"), "{warnings:?}");
    assert!(
        has(
            "flows[0].evidence[1].quote",
            "the same quote from the same source"
        ),
        "{warnings:?}"
    );
    assert!(report.problems[0].to_string().starts_with("warning: "));
}

#[test]
fn a_dataset_built_in_code_is_checked_too() {
    let mut dataset = small();
    assert!(check_dataset(&dataset).is_empty());
    dataset.flows[1].amount.as_mut().unwrap().value = Some(f64::NAN);
    dataset.flows[0].target = "russia".into();
    let problems = check_dataset(&dataset);
    assert!(
        problems
            .iter()
            .any(|p| p.path == "flows[1].amount.value" && p.message.contains("finite number")),
        "{}",
        lines(&problems)
    );
    assert!(
        problems
            .iter()
            .any(|p| p.path == "flows[0].target" && p.message.contains("to itself")),
        "{}",
        lines(&problems)
    );
}

// ---------------------------------------------------------------- never panics

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_gives_a_dataset_or_problems(text in "\\PC{0,200}") {
        let report = check(&text);
        prop_assert!(report.dataset.is_some() || !report.problems.is_empty());
    }

    #[test]
    fn damaged_datasets_never_panic(cut in 0usize..2000, insert in "[\\[\\]{}\",:0-9a-z ]{0,3}") {
        let text = read("tests/small.json");
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let damaged = format!("{}{}{}", &text[..at], insert, &text[(at + 1).min(text.len())..]);
        let report = check(&damaged);
        prop_assert!(report.dataset.is_some() || report.problems.iter().any(Problem::is_error));
    }
}

// ---------------------------------------------------------------- who says it, and figures

/// Each edit of `tests/small.json` gives an error at the path, with the words; the flow it
/// concerns is rejected alone (the coverage counts are outside any flow and reject all).
#[test]
fn attribution_denials_and_figures_are_checked_at_their_paths() {
    use serde_json::json;
    type Edit = fn(&mut serde_json::Value);
    let cases: [(Edit, &str, &str); 11] = [
        (
            |v| v["flows"][0]["evidence"][0]["attributed_to"] = json!("media sources"),
            "flows[0].status",
            "every quote of this flow is attributed (media sources)",
        ),
        (
            |v| v["flows"][1]["status"] = json!("denied"),
            "flows[1].status",
            "a denied flow names who denies it",
        ),
        (
            |v| v["flows"][1]["evidence"][0]["denied_by"] = json!("the Malian Army"),
            "flows[1].evidence[0].denied_by",
            "this quote is a denial, so the flow's status is \"denied\", not \"reported\"",
        ),
        (
            |v| {
                v["flows"][1]["evidence"][0]["attributed_to"] = json!("media");
                v["flows"][1]["evidence"][0]["denied_by"] = json!("the junta");
                v["flows"][1]["status"] = json!("denied");
            },
            "flows[1].evidence[0].denied_by",
            "not both",
        ),
        (
            |v| v["flows"][0]["evidence"][0]["figure"] = json!("three trucks"),
            "flows[0].evidence[0].figure",
            "\"three trucks\" is not in the quote",
        ),
        (
            |v| v["flows"][1]["evidence"][0]["figure"] = json!("two trucks"),
            "flows[1].amount",
            "the evidence gives its own figures (\"two trucks\" …); leave amount out",
        ),
        (
            |v| v["flows"][1]["evidence"][0]["atributed_to"] = json!("media"),
            "flows[1].evidence[0].atributed_to",
            "unknown field \"atributed_to\" (did you mean \"attributed_to\"?)",
        ),
        (
            |v| v["flows"][1]["evidence"][0]["attributed_to"] = json!(" "),
            "flows[1].evidence[0].attributed_to",
            "must not be empty",
        ),
        (
            |v| v["coverage"] = json!({"read": 3, "cited": 1, "excluded": 1}),
            "coverage",
            "cited (1) + excluded (1) is not read (3)",
        ),
        (
            |v| v["coverage"] = json!({"read": -1, "cited": 0, "excluded": 0}),
            "coverage.read",
            "expected a count of sentences",
        ),
        (
            |v| v["coverage"] = json!({"read": 0, "cited": 0, "excluded": 0, "uncovered": 0}),
            "coverage.uncovered",
            "unknown field \"uncovered\"",
        ),
    ];
    for (edit, path, words) in cases {
        let report = check(&edited(edit));
        let found = report
            .problems
            .iter()
            .any(|p| p.is_error() && p.path == path && p.message.contains(words));
        assert!(found, "{path}: {words}\n{}", lines(&report.problems));
        if path.starts_with("flows[") {
            assert_eq!(report.rejected_flows.len(), 1, "{path}");
            assert!(report.dataset.is_some(), "{path}");
        } else {
            assert!(report.dataset.is_none(), "{path}");
        }
    }
    // Right: a reported claim with its speaker, a denial with who denies, figures with theirs.
    let text = edited(|v| {
        v["flows"][1]["evidence"][0]["attributed_to"] = json!("media sources");
        v["flows"][0]["status"] = json!("denied");
        v["flows"][0]["evidence"][0]["denied_by"] = json!("the junta");
        v["flows"][0]["evidence"]
            .as_array_mut()
            .unwrap()
            .push(json!({"source": "doc", "quote": "Russia delivered arms", "figure": "arms"}));
        v["coverage"] = json!({"read": 2, "cited": 1, "excluded": 1});
    });
    let report = check(&text);
    assert!(report.problems.is_empty(), "{}", lines(&report.problems));
    let dataset = report.dataset.expect("loads");
    assert_eq!(
        dataset.flows[1].evidence[0].attributed_to.as_deref(),
        Some("media sources")
    );
    assert_eq!(
        dataset.flows[0].evidence[0].denied_by.as_deref(),
        Some("the junta")
    );
    assert_eq!(dataset.flows[0].evidence[1].figure.as_deref(), Some("arms"));
    assert_eq!(dataset.coverage.map(|c| c.read), Some(2));
}

/// Moura: every figure the documents give, each with who gives it; none picked as the amount.
#[test]
fn the_moura_killings_carry_every_figure_with_its_speaker() {
    let dataset = mali();
    for id in [
        "famas-civilians-moura-2022-03",
        "wagner-civilians-moura-2022-03",
    ] {
        let flow = dataset.flows.iter().find(|f| f.id == id).expect(id);
        assert!(flow.amount.is_none(), "{id}");
        let figures: Vec<(&str, &str)> = flow
            .evidence
            .iter()
            .filter_map(|e| Some((e.figure.as_deref()?, e.attributed_to.as_deref()?)))
            .collect();
        assert_eq!(
            figures,
            [
                (
                    "dozens of civilians",
                    "the independent expert on human rights Alioune Tine, as cited on the UN website"
                ),
                ("300", "original estimates"),
                ("more than 500", "a recent UN report"),
            ],
            "{id}"
        );
        assert_eq!(flow.status, influence_flows::data::model::Status::Denied);
        assert!(flow.evidence.iter().any(|e| e.denied_by.is_some()), "{id}");
    }
}
