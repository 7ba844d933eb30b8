//! A dataset from a spreadsheet: `flows.csv` (one flow a row, its further evidence on the rows
//! after it), `actors.csv`, and `meta.json` for the rest (`docs/data-format.md`, "From a
//! spreadsheet"). [`from_csv`] gives the dataset's JSON text, which `validate::check` then
//! checks like any dataset; [`to_csv`] is the way back.
//!
//! Every problem of the three files is reported at once, with its file, spreadsheet row,
//! column and value; a file with any problem gives no dataset. What only the dataset as a
//! whole can tell (an unknown kind or actor, a quote not in its document) is left to the
//! validator, which names its JSON path.

mod table;
mod write;

use crate::data::model::{Actor, ActorType, Amount, Evidence, Flow, Status, When};
use crate::data::period::{DateError, PartialDate};
use crate::validate::suggest;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt;
use table::{Row, Table};

pub use table::sniff_delimiter;
pub use write::{to_csv, to_csv_separated, Delimiter};

/// One thing wrong with an input file, where a person can find it in the spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvProblem {
    /// `flows.csv`, `actors.csv` or `meta.json`.
    pub file: String,
    /// The spreadsheet's row number (the header is row 1); for `meta.json`, the line (shown
    /// as "line").
    pub row: Option<usize>,
    /// The column's name as the header writes it.
    pub column: Option<String>,
    /// The cell's text, where a cell is at fault.
    pub value: Option<String>,
    /// What is wrong and what to write instead; it quotes the value.
    pub message: String,
}

impl CsvProblem {
    fn file(file: &str, message: impl Into<String>) -> CsvProblem {
        CsvProblem {
            file: file.to_string(),
            row: None,
            column: None,
            value: None,
            message: message.into(),
        }
    }

    fn cell(file: &str, row: usize, column: &str, value: &str, message: String) -> CsvProblem {
        CsvProblem {
            file: file.to_string(),
            row: Some(row),
            column: Some(column.to_string()),
            value: Some(value.to_string()),
            message,
        }
    }
}

impl fmt::Display for CsvProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(row) = self.row {
            // A CSV file has rows, the JSON file lines.
            let unit = if self.file.ends_with(".json") {
                "line"
            } else {
                "row"
            };
            write!(f, " {unit} {row}")?;
        }
        if let Some(column) = &self.column {
            let sep = if self.row.is_some() { "," } else { "" };
            write!(f, "{sep} column `{}`", visible(column))?;
        }
        write!(f, ": {}", visible(&self.message))
    }
}

/// `text` with control characters written out (`\u{1b}`): messages quote the cells, and a
/// terminal must not run what they hold.
fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// The columns of `flows.csv` after `id`: the flow's own, then ([`EVIDENCE_COLUMNS`]) one
/// piece of evidence.
pub const FLOW_COLUMNS: [&str; 11] = [
    "giver",
    "receiver",
    "kind",
    "start",
    "end",
    "ongoing",
    "status",
    "summary",
    "amount",
    "amount_value",
    "amount_unit",
];
/// The columns of one piece of evidence, the last of `flows.csv`.
pub const EVIDENCE_COLUMNS: [&str; 5] = ["source", "quote", "attributed_to", "denied_by", "figure"];
const FLOW_REQUIRED: [&str; 8] = [
    "id", "giver", "receiver", "kind", "status", "summary", "source", "quote",
];
/// The columns of `actors.csv`.
pub const ACTOR_COLUMNS: [&str; 6] = ["id", "name", "type", "group", "short", "aliases"];
const ACTOR_REQUIRED: [&str; 3] = ["id", "name", "type"];
/// What separates an actor's aliases in one cell.
pub const ALIAS_SEPARATOR: char = '|';
/// The dataset's parts that come from the CSV files, not from `meta.json`.
const FROM_CSV: [&str; 2] = ["flows", "actors"];

/// The dataset's JSON text from the text of `flows.csv`, and of `actors.csv` and `meta.json`
/// where given; or every problem of the three.
pub fn from_csv(
    flows: &str,
    actors: Option<&str>,
    meta: Option<&str>,
) -> Result<String, Vec<CsvProblem>> {
    import(flows, actors, meta).map(|(json, _)| json)
}

/// [`from_csv`], with the rows the dataset's flows and actors come from, to say where in the
/// spreadsheet the validator's problems are.
pub fn import(
    flows: &str,
    actors: Option<&str>,
    meta: Option<&str>,
) -> Result<(String, Rows), Vec<CsvProblem>> {
    let mut problems = Vec::new();
    let (flows, flow_rows) = read_flows(flows, &mut problems);
    let actors = actors.map(|text| read_actors(text, &mut problems));
    let meta = meta.map(|text| read_meta(text, actors.is_some(), &mut problems));
    if !problems.is_empty() {
        return Err(problems);
    }
    let (actors, actor_rows) = match actors {
        Some((actors, rows)) => (Some(actors), rows),
        None => (None, Vec::new()),
    };
    let mut meta = meta.flatten().unwrap_or_default();
    meta.entry("format")
        .or_insert_with(|| Value::from(crate::validate::FORMAT));
    let document = Document {
        meta: &meta,
        actors: actors.as_deref(),
        flows: &flows,
    };
    // Serialising values and structs into a string cannot fail (all keys are strings).
    let json = serde_json::to_string_pretty(&document).unwrap_or_default() + "\n";
    Ok((
        json,
        Rows {
            flows: flow_rows,
            actors: actor_rows,
        },
    ))
}

/// Where the dataset's flows and actors are in the spreadsheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    /// For each flow, the row of each of its pieces of evidence (the first is the flow's row).
    pub flows: Vec<Vec<usize>>,
    /// For each actor of `actors.csv`, its row (empty when the actors come from `meta.json`).
    pub actors: Vec<usize>,
}

impl Rows {
    /// The file, row and column of a JSON path of the imported dataset, e.g.
    /// `flows[3].evidence[1].quote` → "flows.csv row 9, column `quote`"; `None` for a path
    /// into `meta.json`'s part.
    pub fn locate(&self, path: &str) -> Option<String> {
        let (list, rest) = path.split_once('[')?;
        let (index, field) = rest.split_once(']')?;
        let index: usize = index.parse().ok()?;
        let field = field.strip_prefix('.').unwrap_or(field);
        match list {
            "flows" => {
                let rows = self.flows.get(index)?;
                let (row, column) = match field.strip_prefix("evidence[") {
                    Some(evidence) => {
                        let (j, field) = evidence.split_once(']')?;
                        let row = j.parse().ok().and_then(|j: usize| rows.get(j));
                        (
                            row.or(rows.first())?,
                            field.strip_prefix('.').unwrap_or(field),
                        )
                    }
                    None => (rows.first()?, flow_column(field)),
                };
                Some(place("flows.csv", *row, column))
            }
            "actors" => {
                let row = self.actors.get(index)?;
                let column = field.split('[').next().unwrap_or("");
                Some(place("actors.csv", *row, column))
            }
            _ => None,
        }
    }
}

/// The `flows.csv` column of a flow's JSON field.
fn flow_column(field: &str) -> &str {
    match field {
        "source" => "giver",
        "target" => "receiver",
        "when" | "when.start" => "start",
        "when.end" => "end",
        "when.ongoing" => "ongoing",
        "amount" | "amount.text" => "amount",
        "amount.value" => "amount_value",
        "amount.unit" => "amount_unit",
        other => other,
    }
}

fn place(file: &str, row: usize, column: &str) -> String {
    if column.is_empty() {
        format!("{file} row {row}")
    } else {
        format!("{file} row {row}, column `{column}`")
    }
}

/// The dataset's keys in the order `Dataset` writes them.
const KEY_ORDER: [&str; 14] = [
    "format", "title", "subtitle", "updated", "sources", "families", "kinds", "actors", "flows",
    "periods", "view", "coverage", "story", "order",
];

/// The dataset's JSON: `meta.json`'s keys in the dataset's order (any unknown key after them,
/// for the validator to name), the actors and flows read from the CSV files. Not through
/// `Dataset`, whose derived `Deserialize` would cost the page's wasm tens of KB, and which
/// would refuse what the validator should explain.
struct Document<'a> {
    meta: &'a Map<String, Value>,
    actors: Option<&'a [Actor]>,
    flows: &'a [Flow],
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for key in KEY_ORDER {
            match (key, self.actors) {
                ("flows", _) => map.serialize_entry(key, self.flows)?,
                ("actors", Some(actors)) => map.serialize_entry(key, actors)?,
                _ => {
                    if let Some(value) = self.meta.get(key) {
                        map.serialize_entry(key, value)?;
                    }
                }
            }
        }
        for (key, value) in self.meta {
            if !KEY_ORDER.contains(&key.as_str()) {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}

/// Where each known column is in a file, after checking its header: every duplicate,
/// unknown and missing column is a problem.
struct Columns<'a> {
    file: &'a str,
    names: &'a [&'a str],
    at: Vec<Option<usize>>,
    width: usize,
}

impl Columns<'_> {
    /// The cell of column `name` in `row`, "" where the file has no such column.
    fn get<'r>(&self, row: &'r Row, name: &str) -> &'r str {
        self.names
            .iter()
            .position(|n| *n == name)
            .and_then(|i| self.at[i])
            .and_then(|at| row.cells.get(at))
            .map_or("", String::as_str)
    }
}

/// `A`, `B`, … `Z`, `AA`: a column as a spreadsheet names it.
fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A header cell as a column name: trimmed, lower case, spaces and dashes as `_`.
fn column_name(cell: &str) -> String {
    cell.trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

fn columns<'a>(
    file: &'a str,
    table: &Table,
    names: &'a [&'a str],
    required: &[&str],
    problems: &mut Vec<CsvProblem>,
) -> Option<Columns<'a>> {
    let before = problems.len();
    let mut at = vec![None; names.len()];
    for (index, cell) in table.header.cells.iter().enumerate() {
        let name = column_name(cell);
        let letter = column_letter(index);
        if name.is_empty() {
            if table
                .rows
                .iter()
                .any(|r| r.cells.get(index).is_some_and(|c| !c.trim().is_empty()))
            {
                problems.push(CsvProblem {
                    file: file.into(),
                    row: Some(1),
                    column: None,
                    value: None,
                    message: format!("column {letter} has values but no name"),
                });
            }
            continue;
        }
        match names.iter().position(|n| *n == name) {
            Some(i) => match at[i] {
                Some(first) => problems.push(CsvProblem::cell(
                    file,
                    1,
                    cell,
                    cell,
                    format!(
                        "appears twice (columns {} and {letter}); keep one",
                        column_letter(first)
                    ),
                )),
                None => at[i] = Some(index),
            },
            None => problems.push(CsvProblem::cell(
                file,
                1,
                cell,
                cell,
                format!(
                    "not a column of {file}{} (the columns: {})",
                    suggest::did_you_mean(&name, names.iter().copied()),
                    names.join(", ")
                ),
            )),
        }
    }
    for name in required {
        let i = names.iter().position(|n| n == name)?;
        if at[i].is_none() {
            problems.push(CsvProblem {
                file: file.into(),
                row: Some(1),
                column: None,
                value: None,
                message: format!(
                    "no column `{name}`; {file} needs {}",
                    required
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
    }
    (problems.len() == before).then_some(Columns {
        file,
        names,
        at,
        width: table.header.cells.len(),
    })
}

/// The rows of `table` that have as many cells as the header; a problem for each other one.
fn full_rows<'t>(
    table: &'t Table,
    columns: &Columns,
    problems: &mut Vec<CsvProblem>,
) -> Vec<&'t Row> {
    let mut rows = Vec::new();
    for row in &table.rows {
        if row.cells.len() == columns.width {
            rows.push(row);
        } else {
            problems.push(CsvProblem {
                file: columns.file.into(),
                row: Some(row.number),
                column: None,
                value: None,
                message: format!(
                    "has {} values where the header names {} columns (a value with a delimiter in it needs quotes)",
                    row.cells.len(),
                    columns.width
                ),
            });
        }
    }
    rows
}

/// The cell of a required column, or a problem when it is empty.
fn required(
    columns: &Columns,
    row: &Row,
    name: &str,
    what: &str,
    problems: &mut Vec<CsvProblem>,
) -> String {
    let value = columns.get(row, name);
    if value.trim().is_empty() {
        problems.push(CsvProblem::cell(
            columns.file,
            row.number,
            name,
            value,
            format!("empty; {what}"),
        ));
    }
    value.to_string()
}

fn optional(value: &str) -> Option<String> {
    (!value.trim().is_empty()).then(|| value.to_string())
}

/// The flows of `flows.csv`, and the rows of each one's pieces of evidence.
fn read_flows(text: &str, problems: &mut Vec<CsvProblem>) -> (Vec<Flow>, Vec<Vec<usize>>) {
    const FILE: &str = "flows.csv";
    let table = match table::read(FILE, text) {
        Ok(table) => table,
        Err(found) => {
            problems.extend(found);
            return Default::default();
        }
    };
    let names: Vec<&str> = std::iter::once("id")
        .chain(FLOW_COLUMNS)
        .chain(EVIDENCE_COLUMNS)
        .collect();
    let Some(columns) = columns(FILE, &table, &names, &FLOW_REQUIRED, problems) else {
        return Default::default();
    };
    let mut flows: Vec<Flow> = Vec::new();
    let mut evidence_rows: Vec<Vec<usize>> = Vec::new();
    // Each id's first flow, to name a duplicate without comparing every pair.
    let mut flow_index: HashMap<String, usize> = HashMap::new();
    // The row each flow starts on, to compare its evidence rows with and to name duplicates.
    let mut first_rows: Vec<&Row> = Vec::new();
    for row in full_rows(&table, &columns, problems) {
        let id = columns.get(row, "id").trim();
        let continues = !id.is_empty() && flows.last().is_some_and(|f| f.id == id);
        if continues {
            let first = first_rows[first_rows.len() - 1];
            for name in FLOW_COLUMNS {
                let (value, was) = (columns.get(row, name), columns.get(first, name));
                if !value.trim().is_empty() && value.trim() != was.trim() {
                    problems.push(CsvProblem::cell(
                        FILE,
                        row.number,
                        name,
                        value,
                        format!(
                            "`{value}` differs from row {}'s `{was}` for the same flow `{id}`; leave it empty on a row of more evidence",
                            first.number
                        ),
                    ));
                }
            }
            let evidence = read_evidence(&columns, row, problems);
            if let (Some(flow), Some(rows)) = (flows.last_mut(), evidence_rows.last_mut()) {
                flow.evidence.push(evidence);
                rows.push(row.number);
            }
            continue;
        }
        if id.is_empty() {
            problems.push(CsvProblem::cell(
                FILE,
                row.number,
                "id",
                "",
                "empty; every flow has an id, and a row of more evidence repeats its flow's id"
                    .into(),
            ));
        } else if let Some(&earlier) = flow_index.get(id) {
            problems.push(CsvProblem::cell(
                FILE,
                row.number,
                "id",
                id,
                format!(
                    "`{id}` is already the id of the flow of row {}; ids are unique, and a flow's rows of more evidence follow it directly",
                    first_rows[earlier].number
                ),
            ));
        }
        let flow = read_flow(&columns, row, id, problems);
        flow_index.entry(id.to_string()).or_insert(flows.len());
        first_rows.push(row);
        evidence_rows.push(vec![row.number]);
        flows.push(flow);
    }
    (flows, evidence_rows)
}

fn read_flow(columns: &Columns, row: &Row, id: &str, problems: &mut Vec<CsvProblem>) -> Flow {
    let file = columns.file;
    let source = required(columns, row, "giver", "who gives: an actor's id", problems);
    let target = required(
        columns,
        row,
        "receiver",
        "who receives: an actor's id",
        problems,
    );
    let kind = required(columns, row, "kind", "a kind's id from meta.json", problems);
    let summary = required(
        columns,
        row,
        "summary",
        "a short neutral summary in your words",
        problems,
    );
    let status_text = columns.get(row, "status").trim();
    let status = match Status::ALL.into_iter().find(|s| s.id() == status_text) {
        Some(status) => status,
        None => {
            let ids = Status::ALL.map(Status::id);
            let message = if status_text.is_empty() {
                "empty; one of fact, reported, denied".to_string()
            } else {
                format!(
                    "`{status_text}` is not a status (fact, reported or denied){}",
                    suggest::did_you_mean(status_text, ids)
                )
            };
            problems.push(CsvProblem::cell(
                file,
                row.number,
                "status",
                status_text,
                message,
            ));
            Status::Fact
        }
    };
    let when = read_when(columns, row, problems);
    let amount = read_amount(columns, row, problems);
    let evidence = vec![read_evidence(columns, row, problems)];
    Flow {
        id: id.to_string(),
        source: source.trim().to_string(),
        target: target.trim().to_string(),
        kind: kind.trim().to_string(),
        when,
        amount,
        status,
        summary,
        evidence,
    }
}

fn date(
    columns: &Columns,
    row: &Row,
    name: &str,
    problems: &mut Vec<CsvProblem>,
) -> Option<String> {
    let text = columns.get(row, name).trim();
    if text.is_empty() {
        return None;
    }
    if let Err(error) = PartialDate::parse(text) {
        let mut why = match error {
            DateError::Malformed => String::new(),
            other => format!(": {other}"),
        };
        // "Mar-22", "01/03/2022", "1.3.2022": the spreadsheet made it a date of its own.
        if text.contains(['/', '.']) || text.chars().any(char::is_alphabetic) {
            why.push_str(
                "; format the column as text, so that the spreadsheet keeps 2022-03 as written",
            );
        }
        problems.push(CsvProblem::cell(
            columns.file,
            row.number,
            name,
            text,
            format!("{text} is not a date (YYYY, YYYY-MM or YYYY-MM-DD){why}"),
        ));
    }
    Some(text.to_string())
}

fn read_when(columns: &Columns, row: &Row, problems: &mut Vec<CsvProblem>) -> Option<When> {
    let start = date(columns, row, "start", problems);
    let end = date(columns, row, "end", problems);
    let ongoing_text = columns.get(row, "ongoing").trim();
    let ongoing = match ongoing_text.to_ascii_lowercase().as_str() {
        "" | "no" | "false" | "0" => false,
        "yes" | "true" | "1" => true,
        _ => {
            problems.push(CsvProblem::cell(
                columns.file,
                row.number,
                "ongoing",
                ongoing_text,
                format!("`{ongoing_text}` is not yes or no (empty means no)"),
            ));
            false
        }
    };
    match start {
        Some(start) => Some(When {
            start,
            end,
            ongoing,
        }),
        None => {
            if end.is_some() || ongoing {
                let column = if end.is_some() { "end" } else { "ongoing" };
                problems.push(CsvProblem::cell(
                    columns.file,
                    row.number,
                    "start",
                    "",
                    format!("empty, but `{column}` is given; a period needs its start"),
                ));
            }
            None
        }
    }
}

fn read_amount(columns: &Columns, row: &Row, problems: &mut Vec<CsvProblem>) -> Option<Amount> {
    let text = optional(columns.get(row, "amount"));
    let value_text = columns.get(row, "amount_value").trim();
    let unit = optional(columns.get(row, "amount_unit"));
    let value = if value_text.is_empty() {
        None
    } else {
        match value_text.parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            _ => {
                problems.push(CsvProblem::cell(
                    columns.file,
                    row.number,
                    "amount_value",
                    value_text,
                    format!("`{value_text}` is not a number (write 1500000 or 1.5: a point before the decimals, no spaces or thousands separators)"),
                ));
                None
            }
        }
    };
    if text.is_none() && (!value_text.is_empty() || unit.is_some()) {
        let column = if value_text.is_empty() {
            "amount_unit"
        } else {
            "amount_value"
        };
        problems.push(CsvProblem::cell(
            columns.file,
            row.number,
            "amount",
            "",
            format!(
                "empty, but `{column}` is given; `amount` holds the document's own words for it"
            ),
        ));
    }
    text.map(|text| Amount { text, value, unit })
}

fn read_evidence(columns: &Columns, row: &Row, problems: &mut Vec<CsvProblem>) -> Evidence {
    let source = required(
        columns,
        row,
        "source",
        "the id of the document the quote is from (a source in meta.json)",
        problems,
    );
    let quote = required(
        columns,
        row,
        "quote",
        "the document's exact words that support the flow",
        problems,
    );
    Evidence {
        source: source.trim().to_string(),
        quote,
        attributed_to: optional(columns.get(row, "attributed_to")),
        denied_by: optional(columns.get(row, "denied_by")),
        figure: optional(columns.get(row, "figure")),
    }
}

/// The actors of `actors.csv`, and the row of each.
fn read_actors(text: &str, problems: &mut Vec<CsvProblem>) -> (Vec<Actor>, Vec<usize>) {
    const FILE: &str = "actors.csv";
    let table = match table::read(FILE, text) {
        Ok(table) => table,
        Err(found) => {
            problems.extend(found);
            return Default::default();
        }
    };
    let Some(columns) = columns(FILE, &table, &ACTOR_COLUMNS, &ACTOR_REQUIRED, problems) else {
        return Default::default();
    };
    let mut actors: Vec<Actor> = Vec::new();
    let mut rows: Vec<usize> = Vec::new();
    let mut actor_index: HashMap<String, usize> = HashMap::new();
    for row in full_rows(&table, &columns, problems) {
        let id = required(&columns, row, "id", "every actor has an id", problems);
        let id = id.trim();
        if let Some(&earlier) = actor_index.get(id).filter(|_| !id.is_empty()) {
            problems.push(CsvProblem::cell(
                FILE,
                row.number,
                "id",
                id,
                format!("`{id}` is already the id of row {}", rows[earlier]),
            ));
        }
        let name = required(
            &columns,
            row,
            "name",
            "the actor's name as the documents write it",
            problems,
        );
        let type_text = columns.get(row, "type").trim();
        let actor_type = ActorType::ALL.into_iter().find(|t| t.id() == type_text);
        if actor_type.is_none() {
            let ids = ActorType::ALL.map(ActorType::id);
            let what = if type_text.is_empty() {
                "empty".to_string()
            } else {
                format!(
                    "`{type_text}` is not an actor type{}",
                    suggest::did_you_mean(type_text, ids)
                )
            };
            problems.push(CsvProblem::cell(
                FILE,
                row.number,
                "type",
                type_text,
                format!("{what}; one of {}", ids.join(", ")),
            ));
        }
        let aliases = columns
            .get(row, "aliases")
            .split(ALIAS_SEPARATOR)
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect();
        actor_index.entry(id.to_string()).or_insert(actors.len());
        actors.push(Actor {
            id: id.to_string(),
            name,
            actor_type: actor_type.unwrap_or(ActorType::Other),
            group: optional(columns.get(row, "group").trim()),
            aliases,
            short: optional(columns.get(row, "short")),
        });
        rows.push(row.number);
    }
    (actors, rows)
}

/// `meta.json`'s object, without `flows` (always from `flows.csv`) nor `actors` when
/// `actors.csv` gives them.
fn read_meta(
    text: &str,
    actors_from_csv: bool,
    problems: &mut Vec<CsvProblem>,
) -> Option<Map<String, Value>> {
    const FILE: &str = "meta.json";
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            problems.push(CsvProblem {
                file: FILE.into(),
                row: Some(error.line()),
                column: None,
                value: None,
                message: format!("not JSON: {error}"),
            });
            return None;
        }
    };
    let Value::Object(object) = value else {
        problems.push(CsvProblem::file(
            FILE,
            "is not a JSON object ({\"title\": …, \"sources\": […], \"kinds\": […], …})",
        ));
        return None;
    };
    for key in FROM_CSV {
        let from_meta = object.contains_key(key) && (key == "flows" || actors_from_csv);
        if from_meta {
            problems.push(CsvProblem::file(
                FILE,
                format!("has `{key}`, which come from {key}.csv; remove them from meta.json"),
            ));
        }
    }
    Some(object)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_paths_are_located_in_the_spreadsheet() {
        let rows = Rows {
            flows: vec![vec![2, 3], vec![4]],
            actors: vec![2, 3],
        };
        assert_eq!(
            rows.locate("flows[1].kind").as_deref(),
            Some("flows.csv row 4, column `kind`")
        );
        assert_eq!(
            rows.locate("flows[0].evidence[1].quote").as_deref(),
            Some("flows.csv row 3, column `quote`")
        );
        assert_eq!(
            rows.locate("flows[0].target").as_deref(),
            Some("flows.csv row 2, column `receiver`")
        );
        assert_eq!(rows.locate("flows[1]").as_deref(), Some("flows.csv row 4"));
        assert_eq!(
            rows.locate("actors[1].aliases[0]").as_deref(),
            Some("actors.csv row 3, column `aliases`")
        );
        assert_eq!(rows.locate("kinds[0].color"), None);
        assert_eq!(rows.locate("flows[9].kind"), None);
    }

    #[test]
    fn columns_are_named_as_a_spreadsheet_names_them() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_name(" Attributed to "), "attributed_to");
    }

    #[test]
    fn display_names_file_row_column() {
        let p = CsvProblem::cell(
            "flows.csv",
            14,
            "start",
            "2022-13",
            "2022-13 is not a date".into(),
        );
        assert_eq!(
            p.to_string(),
            "flows.csv row 14, column `start`: 2022-13 is not a date"
        );
        assert_eq!(
            CsvProblem::file("meta.json", "x\u{1b}[2J").to_string(),
            "meta.json: x\\u{1b}[2J"
        );
    }
}
