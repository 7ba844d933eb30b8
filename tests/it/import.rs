//! CSV import (`src/import`): the catalogue of broken spreadsheets in `tests/catalogue/csv/`,
//! each with every message it must give, exactly; the Mali data through CSV and back, losing
//! nothing; random datasets through CSV and back; the `import` and `export-csv` commands.

use crate::util::{lines, mali, read};
use influence_flows::data::model::{
    Actor, ActorType, Amount, Dataset, Evidence, Flow, Kind, Source, Status, When,
};
use influence_flows::import::{from_csv, to_csv, to_csv_separated, Delimiter};
use influence_flows::validate;
use proptest::prelude::*;
use std::process::{Command, Output};

const DIR: &str = "tests/catalogue/csv/";

/// A case's file, read with the catalogue's valid other files: `actors-*.csv` as actors.csv,
/// `meta-*.json` as meta.json, anything else as flows.csv.
fn import(name: &str) -> Result<String, Vec<String>> {
    let file = |n: &str| read(&format!("{DIR}{n}"));
    let (flows, actors, meta) = if name.starts_with("actors-") {
        (file("valid.csv"), file(name), file("meta.json"))
    } else if name.starts_with("meta-") {
        (file("valid.csv"), file("actors.csv"), file(name))
    } else {
        (file(name), file("actors.csv"), file("meta.json"))
    };
    from_csv(&flows, Some(&actors), Some(&meta))
        .map_err(|problems| problems.iter().map(ToString::to_string).collect())
}

/// Each broken file and every problem it gives, in order, word for word.
const BROKEN: &[(&str, &[&str])] = &[
    ("bad-date.csv", &[
        "flows.csv row 3, column `start`: 2022-13 is not a date (YYYY, YYYY-MM or YYYY-MM-DD): month 13 is not between 1 and 12",
        "flows.csv row 3, column `end`: 2023-02-30 is not a date (YYYY, YYYY-MM or YYYY-MM-DD): day 30 does not exist in that month (it has 28 days)",
        "flows.csv row 4, column `start`: March 2022 is not a date (YYYY, YYYY-MM or YYYY-MM-DD); format the column as text, so that the spreadsheet keeps 2022-03 as written",
    ]),
    ("unknown-status.csv", &[
        "flows.csv row 2, column `status`: `reportd` is not a status (fact, reported or denied) (did you mean \"reported\"?)",
        "flows.csv row 3, column `status`: empty; one of fact, reported, denied",
    ]),
    ("missing-required-column.csv", &[
        "flows.csv row 1: no column `status`; flows.csv needs `id`, `giver`, `receiver`, `kind`, `status`, `summary`, `source`, `quote`",
    ]),
    ("duplicate-column.csv", &[
        "flows.csv row 1, column `kind`: appears twice (columns D and I); keep one",
    ]),
    ("unknown-column.csv", &[
        "flows.csv row 1, column `reciever`: not a column of flows.csv (did you mean \"receiver\"?) (the columns: id, giver, receiver, kind, start, end, ongoing, status, summary, amount, amount_value, amount_unit, source, quote, attributed_to, denied_by, figure)",
        "flows.csv row 1, column `colour`: not a column of flows.csv (the columns: id, giver, receiver, kind, start, end, ongoing, status, summary, amount, amount_value, amount_unit, source, quote, attributed_to, denied_by, figure)",
        "flows.csv row 1: no column `receiver`; flows.csv needs `id`, `giver`, `receiver`, `kind`, `status`, `summary`, `source`, `quote`",
    ]),
    ("unnamed-column-with-values.csv", &["flows.csv row 1: column I has values but no name"]),
    ("unclosed-quote.csv", &[
        "flows.csv row 3, column `quote`: a quoted value opens here and is never closed (a `\"` is missing), so the rest of the file was read as that one value",
    ]),
    ("wrong-number-of-fields.csv", &[
        "flows.csv row 3: has 18 values where the header names 17 columns (a value with a delimiter in it needs quotes)",
        "flows.csv row 4: has 16 values where the header names 17 columns (a value with a delimiter in it needs quotes)",
    ]),
    ("empty-quote.csv", &[
        "flows.csv row 2, column `quote`: empty; the document's exact words that support the flow",
        "flows.csv row 3, column `source`: empty; the id of the document the quote is from (a source in meta.json)",
        "flows.csv row 3, column `quote`: empty; the document's exact words that support the flow",
    ]),
    ("empty-required-values.csv", &[
        "flows.csv row 2, column `giver`: empty; who gives: an actor's id",
        "flows.csv row 2, column `kind`: empty; a kind's id from meta.json",
        "flows.csv row 2, column `summary`: empty; a short neutral summary in your words",
        "flows.csv row 2, column `source`: empty; the id of the document the quote is from (a source in meta.json)",
    ]),
    ("empty-id.csv", &[
        "flows.csv row 2, column `id`: empty; every flow has an id, and a row of more evidence repeats its flow's id",
    ]),
    ("duplicate-flow-id.csv", &[
        "flows.csv row 4, column `id`: `flow-1` is already the id of the flow of row 2; ids are unique, and a flow's rows of more evidence follow it directly",
    ]),
    ("evidence-row-differs.csv", &[
        "flows.csv row 3, column `kind`: `money` differs from row 2's `arms` for the same flow `flow-1`; leave it empty on a row of more evidence",
    ]),
    ("bad-amount.csv", &[
        "flows.csv row 2, column `amount_value`: `10,5` is not a number (write 1500000 or 1.5: a point before the decimals, no spaces or thousands separators)",
        "flows.csv row 3, column `amount`: empty, but `amount_value` is given; `amount` holds the document's own words for it",
    ]),
    ("bad-ongoing.csv", &[
        "flows.csv row 2, column `ongoing`: `maybe` is not yes or no (empty means no)",
        "flows.csv row 3, column `start`: empty, but `end` is given; a period needs its start",
    ]),
    ("empty-file.csv", &["flows.csv: is empty: its first row names the columns"]),
    ("actors-bad-type.csv", &[
        "actors.csv row 2, column `type`: `stat` is not an actor type (did you mean \"state\"?); one of state, government, armed-forces, armed-group, private-military-company, international-organisation, regional-organisation, civil-society, media, population, person, company, other",
        "actors.csv row 3, column `type`: `pmc` is not an actor type; one of state, government, armed-forces, armed-group, private-military-company, international-organisation, regional-organisation, civil-society, media, population, person, company, other",
        "actors.csv row 4, column `type`: empty; one of state, government, armed-forces, armed-group, private-military-company, international-organisation, regional-organisation, civil-society, media, population, person, company, other",
        "actors.csv row 5, column `id`: `russia` is already the id of row 2",
    ]),
    ("actors-missing-name.csv", &[
        "actors.csv row 1: no column `name`; actors.csv needs `id`, `name`, `type`",
    ]),
    ("meta-not-json.json", &["meta.json line 3: not JSON: expected value at line 3 column 15"]),
    ("meta-with-flows.json", &[
        "meta.json: has `flows`, which come from flows.csv; remove them from meta.json",
        "meta.json: has `actors`, which come from actors.csv; remove them from meta.json",
    ]),
];

/// Files the import reads, whose dataset the validator then rejects at these JSON paths.
const FOR_THE_VALIDATOR: &[(&str, &str, &str)] = &[
    (
        "unknown-kind.csv",
        "flows[1].kind",
        "unknown kind \"weapons\"",
    ),
    (
        "unknown-actor.csv",
        "flows[0].target",
        "unknown actor \"malli\" (did you mean \"mali\"?)",
    ),
];

#[test]
fn each_broken_file_gives_every_problem_with_its_row_and_column() {
    let mut failures = Vec::new();
    for (name, expected) in BROKEN {
        match import(name) {
            Ok(_) => failures.push(format!("{name}: imported, expected problems")),
            Err(got) if got != *expected => failures.push(format!(
                "{name}:\n  expected:\n    {}\n  got:\n    {}",
                expected.join("\n    "),
                got.join("\n    ")
            )),
            Err(_) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_catalogue_lists_every_file_it_holds() {
    let listed: Vec<&str> = BROKEN
        .iter()
        .map(|(n, _)| *n)
        .chain(FOR_THE_VALIDATOR.iter().map(|(n, _, _)| *n))
        .chain(VALID.iter().map(|(n, _)| *n))
        .chain(["actors.csv", "meta.json"])
        .collect();
    let dir = crate::util::crate_file(DIR);
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(listed.contains(&name.as_str()), "{name} is in no case");
    }
    assert!(BROKEN.len() + FOR_THE_VALIDATOR.len() >= 20);
}

#[test]
fn what_only_the_whole_dataset_can_tell_is_left_to_the_validator() {
    for (name, path, message) in FOR_THE_VALIDATOR {
        let json = import(name).unwrap_or_else(|p| panic!("{name}: {p:?}"));
        let report = validate::check(&json);
        let errors: Vec<_> = report.problems.iter().filter(|p| p.is_error()).collect();
        assert_eq!(errors.len(), 1, "{name}: {}", lines(&report.problems));
        assert_eq!(errors[0].path, *path, "{name}");
        assert!(
            errors[0].message.starts_with(message),
            "{name}: {}",
            errors[0]
        );
    }
}

/// Files that import into a dataset without errors: (file, flows it holds).
const VALID: &[(&str, usize)] = &[
    ("valid.csv", 2),
    ("bom-and-semicolons.csv", 1),
    ("columns-in-another-order.csv", 1),
    ("header-only.csv", 0),
];

fn load(name: &str) -> Dataset {
    let json = import(name).unwrap_or_else(|p| panic!("{name}: {p:?}"));
    let report = validate::check(&json);
    let errors: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.is_error())
        .cloned()
        .collect();
    assert!(errors.is_empty(), "{name}: {}", lines(&errors));
    report.dataset.expect("a dataset")
}

#[test]
fn valid_files_import_without_errors() {
    for (name, flows) in VALID {
        assert_eq!(load(name).flows.len(), *flows, "{name}");
    }
}

#[test]
fn quotes_commas_newlines_and_more_evidence_rows_are_read_as_written() {
    let d = load("valid.csv");
    let f = &d.flows[0];
    assert_eq!(f.evidence.len(), 2);
    assert_eq!(
        f.evidence[0].quote,
        "Russia delivered two helicopters, and trucks."
    );
    assert_eq!(
        f.evidence[1].quote,
        "A second quote, with \"inner\" quotes."
    );
    assert_eq!(f.evidence[1].attributed_to.as_deref(), Some("the minister"));
    let amount = f.amount.as_ref().unwrap();
    assert_eq!(
        (amount.value, amount.unit.as_deref()),
        (Some(2.0), Some("helicopters"))
    );
    let g = &d.flows[1];
    assert_eq!(
        g.evidence[0].quote,
        "A quote\non two lines: about 10 payments."
    );
    assert_eq!(g.status, Status::Reported);
    let when = g.when.as_ref().unwrap();
    assert_eq!(
        (when.start.as_str(), when.end.as_deref(), when.ongoing),
        ("2021-12", Some("2023-06"), true)
    );
    let russia = d.actor("russia").unwrap();
    assert_eq!(russia.aliases, ["Russian Federation", "Moscow"]);
    assert_eq!(d.actor("wagner").unwrap().group.as_deref(), Some("russia"));
}

#[test]
fn a_byte_order_mark_and_semicolons_read_as_a_french_spreadsheet_writes_them() {
    let d = load("bom-and-semicolons.csv");
    assert_eq!(d.flows[0].id, "flow-1");
    assert_eq!(
        d.flows[0].evidence[0].quote,
        "Russia delivered two helicopters; and trucks, too."
    );
}

#[test]
fn the_mali_data_goes_through_csv_and_back_losing_nothing() {
    let original = mali();
    let (flows, actors, meta) = to_csv(&original);
    let json = from_csv(&flows, Some(&actors), Some(&meta)).unwrap_or_else(|p| {
        panic!(
            "{}",
            p.iter().map(|p| format!("  {p}\n")).collect::<String>()
        )
    });
    let back = validate::load(&json).unwrap_or_else(|p| panic!("{}", lines(&p)));
    assert_eq!(back, original);
    // The same JSON values as the file, key for key.
    assert_eq!(same_numbers(&json), same_numbers(&read("data/mali.json")));
    // And CSV → JSON → CSV gives the same three files.
    assert_eq!(to_csv(&back), (flows.clone(), actors, meta));
    // Every flow is a row, every further piece of evidence a row of its own.
    let evidence: usize = original.flows.iter().map(|f| f.evidence.len()).sum();
    let rows = csv_rows(&flows);
    assert_eq!(rows, 1 + evidence);
}

#[test]
fn the_mali_data_saved_with_semicolons_and_a_byte_order_mark_reads_back_the_same() {
    let original = mali();
    let (flows, actors, meta) = to_csv_separated(&original, Delimiter::Semicolon);
    let header = flows.lines().next().unwrap();
    assert!(header.starts_with("id;giver;receiver;kind;"), "{header}");
    let bom = |text: &str| format!("\u{feff}{text}");
    let json = from_csv(&bom(&flows), Some(&bom(&actors)), Some(&meta)).unwrap();
    assert_eq!(validate::load(&json).unwrap(), original);
    let (flows, actors, _) = to_csv_separated(&original, Delimiter::Tab);
    let json = from_csv(&flows, Some(&actors), Some(&meta)).unwrap();
    assert_eq!(validate::load(&json).unwrap(), original);
}

/// The JSON value of `text`, every number as an `f64`: the file writes `10000000` where the
/// model's `f64` writes `10000000.0`, the same number.
fn same_numbers(text: &str) -> serde_json::Value {
    fn walk(v: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match v {
            Value::Number(n) => Value::from(n.as_f64().expect("a number")),
            Value::Array(items) => Value::Array(items.into_iter().map(walk).collect()),
            Value::Object(map) => {
                Value::Object(map.into_iter().map(|(k, v)| (k, walk(v))).collect())
            }
            other => other,
        }
    }
    walk(serde_json::from_str(text).expect("JSON"))
}

/// Records in a CSV text, counting line ends outside quotes.
fn csv_rows(text: &str) -> usize {
    let mut quoted = false;
    let mut rows = 0;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => rows += 1,
            _ => {}
        }
    }
    rows
}

#[test]
fn the_templates_import_and_validate() {
    let json = from_csv(
        &read("data/template-flows.csv"),
        Some(&read("data/template-actors.csv")),
        Some(&read("data/template-meta.json")),
    )
    .unwrap_or_else(|p| panic!("{p:?}"));
    let report = validate::check(&json);
    let errors: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.is_error())
        .cloned()
        .collect();
    assert!(errors.is_empty(), "{}", lines(&errors));
    let template = report.dataset.expect("a dataset");
    assert!(template.flows.len() >= 2);
    // Nothing invented: every flow and actor of the template is the Mali data's, word for word.
    let mali = mali();
    for flow in &template.flows {
        assert_eq!(mali.flows.iter().find(|f| f.id == flow.id), Some(flow));
    }
    for actor in &template.actors {
        assert_eq!(mali.actor(&actor.id), Some(actor));
    }
    assert!(template.flows.iter().any(|f| f.evidence.len() > 1));
}

// Random datasets: every text a spreadsheet could hold (delimiters of both kinds, quotes,
// line ends, spaces at the ends), every optional field present or not.

fn text() -> impl Strategy<Value = String> {
    "[ a-zé’,;\"\n\r\t|]{0,8}[a-z][ a-zé’,;\"\n\r|]{0,8}"
}

fn id() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,6}"
}

fn date() -> impl Strategy<Value = String> {
    (1990..2030i32, 0..13u8, 0..29u8).prop_map(|(y, m, d)| match (m, d) {
        (0, _) => format!("{y}"),
        (m, 0) => format!("{y}-{m:02}"),
        (m, d) => format!("{y}-{m:02}-{d:02}"),
    })
}

fn evidence() -> impl Strategy<Value = Evidence> {
    (
        id(),
        text(),
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(text()),
    )
        .prop_map(
            |(source, quote, attributed_to, denied_by, figure)| Evidence {
                source,
                quote,
                attributed_to,
                denied_by,
                figure,
            },
        )
}

fn flow() -> impl Strategy<Value = Flow> {
    let when = proptest::option::of((date(), proptest::option::of(date()), any::<bool>()))
        .prop_map(|w| {
            w.map(|(start, end, ongoing)| When {
                start,
                end,
                ongoing,
            })
        });
    // Numbers as documents state them (serde_json's parser, without its `float_roundtrip`
    // feature, may miss the last bit of a 17-digit number: JSON's loss, not the CSV's).
    let value = (-1_000_000_000_000i64..1_000_000_000_000, 0..4i32)
        .prop_map(|(n, decimals)| n as f64 / 10f64.powi(decimals));
    let amount = proptest::option::of((
        text(),
        proptest::option::of(value),
        proptest::option::of(text()),
    ))
    .prop_map(|a| a.map(|(text, value, unit)| Amount { text, value, unit }));
    (
        (id(), id(), id()),
        when,
        amount,
        proptest::sample::select(Status::ALL.to_vec()),
        text(),
        proptest::collection::vec(evidence(), 1..4),
    )
        .prop_map(
            |((source, target, kind), when, amount, status, summary, evidence)| Flow {
                id: String::new(),
                source,
                target,
                kind,
                when,
                amount,
                status,
                summary,
                evidence,
            },
        )
}

fn actor() -> impl Strategy<Value = Actor> {
    let alias = "[a-zé’,;\"][ a-zé’,;\"\n]{0,6}[a-z]";
    (
        id(),
        text(),
        proptest::sample::select(ActorType::ALL.to_vec()),
        proptest::option::of(id()),
        proptest::collection::vec(alias, 0..3),
        proptest::option::of(text()),
    )
        .prop_map(|(id, name, actor_type, group, aliases, short)| Actor {
            id,
            name,
            actor_type,
            group,
            aliases,
            short,
        })
}

fn dataset() -> impl Strategy<Value = Dataset> {
    (
        text(),
        proptest::collection::vec(actor(), 0..4),
        proptest::collection::vec(flow(), 0..6),
    )
        .prop_map(|(title, actors, flows)| {
            let mut d: Dataset = serde_json::from_value(serde_json::json!({
                "format": "influence-flows/1",
                "title": title,
                "sources": [],
                "kinds": [],
                "actors": [],
                "flows": [],
            }))
            .expect("a dataset");
            d.sources.push(Source {
                id: "doc".into(),
                title: "A document".into(),
                publisher: None,
                authors: Vec::new(),
                date: None,
                url: None,
                file: None,
            });
            d.kinds.push(Kind {
                id: "arms".into(),
                label: "Arms".into(),
                color: "#cf3b1e".into(),
                family: None,
                description: None,
            });
            // Two actors of one id are a file the import rightly refuses ("already the id of
            // row 2"): the round trip is for valid datasets, so the first of each id is kept.
            d.actors = Vec::new();
            for actor in actors {
                if !d.actors.iter().any(|a| a.id == actor.id) {
                    d.actors.push(actor);
                }
            }
            // Flow ids are unique: a repeated id on the next row is more evidence.
            d.flows = flows
                .into_iter()
                .enumerate()
                .map(|(i, f)| Flow {
                    id: format!("flow-{i}"),
                    ..f
                })
                .collect();
            d
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Whatever the texts hold, a dataset comes back from its CSV files as it was.
    #[test]
    fn random_datasets_go_through_csv_and_back(d in dataset()) {
        let (flows, actors, meta) = to_csv(&d);
        let json = from_csv(&flows, Some(&actors), Some(&meta))
            .map_err(|p| TestCaseError::fail(format!("{p:?}\n{flows}")))?;
        let back: Dataset = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, d);
    }
}

// The commands, as a user runs them.

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_influence-flows"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the program runs")
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("if-import-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn export_csv_then_import_gives_the_mali_data_back() {
    let dir = temp_dir("mali");
    let out = run(&["export-csv", "data/mali.json", "-o", dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let flows = std::fs::read_to_string(dir.join("flows.csv")).unwrap();
    assert!(
        flows.starts_with('\u{feff}'),
        "a byte-order mark, for Excel"
    );
    let json = dir.join("mali.json");
    let path = |n: &str| dir.join(n).to_string_lossy().into_owned();
    let out = run(&[
        "import",
        &path("flows.csv"),
        "--actors",
        &path("actors.csv"),
        "--meta",
        &path("meta.json"),
        "-o",
        json.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let back = std::fs::read_to_string(json).unwrap();
    assert_eq!(same_numbers(&back), same_numbers(&read("data/mali.json")));
}

#[test]
fn export_csv_writes_semicolons_for_a_french_spreadsheet() {
    let dir = temp_dir("semicolon");
    let out = run(&[
        "export-csv",
        "data/mali.json",
        "-o",
        dir.to_str().unwrap(),
        "--delimiter",
        "semicolon",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let flows = std::fs::read_to_string(dir.join("flows.csv")).unwrap();
    assert!(flows.starts_with("\u{feff}id;giver;receiver;"));
    let out = run(&[
        "export-csv",
        "data/mali.json",
        "-o",
        dir.to_str().unwrap(),
        "--delimiter",
        "|",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("--delimiter takes comma, semicolon or tab, not \"|\""));
}

#[test]
fn import_reports_rows_and_columns_under_the_files_own_names_and_exits_non_zero() {
    let out_json = temp_dir("bad").join("out.json");
    let out = run(&[
        "import",
        "tests/catalogue/csv/bad-date.csv",
        "--actors",
        "tests/catalogue/csv/actors-bad-type.csv",
        "--meta",
        "tests/catalogue/csv/meta.json",
        "-o",
        out_json.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "tests/catalogue/csv/bad-date.csv row 3, column `start`: 2022-13 is not a date"
        ),
        "{err}"
    );
    assert!(
        err.contains("tests/catalogue/csv/actors-bad-type.csv row 2, column `type`: `stat`"),
        "{err}"
    );
    assert!(
        err.contains("7 problem(s) in the CSV files; nothing written"),
        "{err}"
    );
    assert!(!out_json.exists());
}

#[test]
fn import_runs_the_validator_on_what_it_wrote() {
    let out_json = temp_dir("kind").join("out.json");
    let out = run(&[
        "import",
        "tests/catalogue/csv/unknown-kind.csv",
        "--actors",
        "tests/catalogue/csv/actors.csv",
        "--meta",
        "tests/catalogue/csv/meta.json",
        "-o",
        out_json.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("flows[1].kind"), "{err}");
    assert!(
        err.contains("[tests/catalogue/csv/unknown-kind.csv row 3, column `kind`]"),
        "the spreadsheet's row and column too: {err}"
    );
    assert!(err.contains("unknown kind \"weapons\""), "{err}");
    assert!(
        out_json.exists(),
        "written, so that the line numbers can be looked up"
    );
}

#[test]
fn import_names_the_save_option_when_a_file_is_not_utf8() {
    let dir = temp_dir("latin1");
    let flows = dir.join("flows.csv");
    // A Windows-1252 "é" on line 2.
    std::fs::write(&flows, b"id,giver\nflow-1,Mali \xe9\n").unwrap();
    let out = run(&[
        "import",
        flows.to_str().unwrap(),
        "-o",
        dir.join("o.json").to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("flows.csv: line 2: byte 21 (0xE9) is not UTF-8; save the sheet as \"CSV UTF-8\" (Excel)"),
        "{err}"
    );
}

#[test]
fn the_problems_of_all_three_files_come_at_once() {
    let file = |n: &str| read(&format!("{DIR}{n}"));
    let problems = from_csv(
        &file("bad-date.csv"),
        Some(&file("actors-bad-type.csv")),
        Some(&file("meta-not-json.json")),
    )
    .unwrap_err();
    let files: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "flows.csv",
            "flows.csv",
            "flows.csv",
            "actors.csv",
            "actors.csv",
            "actors.csv",
            "actors.csv",
            "meta.json"
        ]
    );
    let first = &problems[0];
    assert_eq!(
        (first.row, first.column.as_deref(), first.value.as_deref()),
        (Some(3), Some("start"), Some("2022-13"))
    );
}

#[test]
fn actors_may_come_from_meta_json_and_a_missing_meta_is_the_validators_to_report() {
    let file = |n: &str| read(&format!("{DIR}{n}"));
    let mut meta: serde_json::Value = serde_json::from_str(&file("meta.json")).unwrap();
    let actors = from_csv(&file("valid.csv"), Some(&file("actors.csv")), None).unwrap();
    let actors: serde_json::Value = serde_json::from_str(&actors).unwrap();
    meta["actors"] = actors["actors"].clone();
    let json = from_csv(&file("valid.csv"), None, Some(&meta.to_string())).unwrap();
    assert_eq!(validate::load(&json).unwrap(), load("valid.csv"));

    // No meta.json: the flows and actors, and the validator names what is missing.
    let json = from_csv(&file("valid.csv"), Some(&file("actors.csv")), None).unwrap();
    let report = validate::check(&json);
    let paths: Vec<&str> = report
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| p.path.as_str())
        .collect();
    assert!(report.dataset.is_none());
    assert!(!paths.is_empty(), "{}", lines(&report.problems));
    assert!(
        report.problems.iter().any(|p| p.message.contains("title")),
        "{}",
        lines(&report.problems)
    );
}
