//! Checks a dataset and reports every problem with its JSON path, all at once.
//!
//! [`check`] is the entry point for the CLI and the web app: JSON text in, a [`Report`] out —
//! the dataset that can be drawn, every problem, and the flows left out. The text is parsed
//! to a `serde_json::Value` first and walked with knowledge of the format (`walk`), so one
//! typo does not hide the next; each problem gets the line of its path in the text (`lines`).
//!
//! **Partial acceptance.** An error confined to one flow (`flows[12].target` names an unknown
//! actor, a bad date, an empty quote, no evidence…) rejects that flow only: it is listed in
//! [`Report::rejected_flows`] and the other flows still load. Any other error is structural
//! (not JSON, wrong top-level types, a bad format tag, a broken source, kind or actor, a
//! duplicate id among them) and rejects the whole dataset. An error in the story (`story[2].
//! caption`) drops the story only. Warnings never reject anything.
//! [`load`] is the all-or-nothing form: any error at all, and no dataset.

pub mod colour;
#[cfg(not(target_arch = "wasm32"))]
pub mod coverage;
mod lines;
mod parse;
pub mod quotes;
mod read;
pub(crate) mod suggest;
mod walk;

use crate::data::model::Dataset;
use lines::LineIndex;
use serde_json::Value;
use std::collections::HashSet;
use std::fmt;

pub use walk::FORMAT;

/// How bad a problem is: an error stops the dataset from loading, a warning does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One thing wrong with a dataset: where (JSON path, and line where known) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON path such as `flows[12].target`; empty for the document as a whole.
    pub path: String,
    /// 1-based line in the JSON text, where known.
    pub line: Option<usize>,
    pub message: String,
    pub severity: Severity,
}

impl Problem {
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            line: None,
            message: message.into(),
            severity: Severity::Error,
        }
    }

    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            line: None,
            message: message.into(),
            severity: Severity::Warning,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Warning {
            write!(f, "warning: ")?;
        }
        let path = if self.path.is_empty() {
            "(document)".to_string()
        } else {
            escape_controls(&self.path)
        };
        let message = escape_controls(&self.message);
        match self.line {
            Some(line) => write!(f, "{path} (line {line}): {message}"),
            None => write!(f, "{path}: {message}"),
        }
    }
}

/// `text` with every control character written out as `\u{1b}`: paths and messages quote
/// the data, and a terminal must not run its escape sequences, nor a reader see text
/// reordered by a bidirectional override.
fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if walk::is_hidden_control(c) || matches!(c, '\t' | '\n' | '\r') {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// What checking a dataset's text found.
///
/// Every flow of the input is accounted for: `dataset` holds the flows that passed (in input
/// order), `rejected_flows` the ones left out for errors of their own, and when `dataset` is
/// `None` every flow is rejected with it. See [`Report::rejected_count`].
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The dataset to draw: `None` when a structural error rejects it all; otherwise every
    /// source, kind and actor, and the flows without errors.
    pub dataset: Option<Dataset>,
    /// Every problem (errors and warnings), in the order of the text.
    pub problems: Vec<Problem>,
    /// Flows left out of `dataset` for errors confined to them, in input order. Empty when
    /// `dataset` is `None` (the whole dataset is rejected; see [`Report::rejected_count`]).
    pub rejected_flows: Vec<RejectedFlow>,
    /// How many elements the input's `flows` list has; 0 when there is no readable list
    /// (text that is not JSON, or `flows` missing or not a list).
    pub total_flows: usize,
}

impl Report {
    /// How many flows of the input will not be drawn because of errors in the data: the
    /// rejected flows, or all of them when the dataset itself is rejected.
    pub fn rejected_count(&self) -> usize {
        match self.dataset {
            Some(_) => self.rejected_flows.len(),
            None => self.total_flows,
        }
    }

    /// Whether any problem is an error (a rejected flow or a rejected dataset).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }

    /// The index in the input of the accepted dataset's flow `index`: they differ once a
    /// flow before it is rejected.
    pub fn input_index(&self, index: usize) -> usize {
        let mut input = index;
        for rejected in &self.rejected_flows {
            if rejected.index <= input {
                input += 1;
            } else {
                break;
            }
        }
        input
    }

    /// A path in the accepted dataset (`flows[3].evidence[0].quote`, as `sources::check_quotes`
    /// reports it) as the path of the same value in the input.
    pub fn input_path(&self, path: &str) -> String {
        match flow_index(path) {
            Some(index) => {
                let rest = &path[element("flows", index).len()..];
                format!("{}{rest}", element("flows", self.input_index(index)))
            }
            None => path.to_string(),
        }
    }
}

/// A flow left out because of errors at its own path (`flows[3].target`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedFlow {
    /// Index in the input's `flows` list.
    pub index: usize,
    /// The flow's `id`, when it has a string one.
    pub id: Option<String>,
}

impl RejectedFlow {
    /// The flow's JSON path, `flows[3]`: the prefix of the paths of its problems.
    pub fn path(&self) -> String {
        element("flows", self.index)
    }
}

impl fmt::Display for RejectedFlow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.id {
            Some(id) => write!(f, "{} (\"{id}\")", self.path()),
            None => write!(f, "{}", self.path()),
        }
    }
}

/// Parses and checks a dataset's JSON text, all or nothing: `Err` holds every problem found
/// (warnings included) when there is at least one error, even one confined to a flow; a
/// dataset with only warnings loads. Use [`check`] to draw what is valid and account for the
/// rest, and to get the warnings of a dataset that loads.
pub fn load(text: &str) -> Result<Dataset, Vec<Problem>> {
    let report = check(text);
    match report.dataset {
        Some(dataset) if !report.has_errors() => Ok(dataset),
        _ => Err(report.problems),
    }
}

/// Reads a dataset checked when its order was baked (`influence-flows order` refuses a dataset
/// with any error, and the baked file holds the text's hash), without checking it again: the
/// reader's module, built without the `authoring` feature, links no walk and no checks.
/// `Err` names what cannot be read, which for a baked text would be a bug.
pub fn read_checked(text: &str) -> Result<Dataset, String> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let (value, _) = parse::parse(text).map_err(|e| e.to_string())?;
    read::dataset(value)
}

/// Parses and checks a dataset's JSON text, accepting what is valid: flows with errors of
/// their own are left out and listed; a structural error rejects the dataset (see the module
/// documentation). Never panics, whatever the text.
pub fn check(text: &str) -> Report {
    // A byte order mark, as some editors write: browsers drop it when they decode the text.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let (value, duplicate_keys) = match parse::parse(text) {
        Ok(parsed) => parsed,
        Err(e) => {
            return Report {
                dataset: None,
                problems: vec![syntax_problem(text, &e)],
                rejected_flows: Vec::new(),
                total_flows: 0,
            }
        }
    };
    let mut problems: Vec<Problem> = duplicate_keys
        .into_iter()
        .map(|path| {
            Problem::error(
                path,
                "this key appears twice in the same object; keep one (JSON readers silently keep \
                 only the last)",
            )
        })
        .collect();
    problems.extend(walk::check(&value));
    let total_flows = value
        .get("flows")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let structural = problems
        .iter()
        .any(|p| p.is_error() && flow_index(&p.path).is_none() && !in_story(&p.path));
    // An error in the story drops the story only: the chart is still worth drawing.
    let mut value = value;
    if problems.iter().any(|p| p.is_error() && in_story(&p.path)) {
        if let Some(root) = value.as_object_mut() {
            root.remove("story");
        }
    }
    let rejected: HashSet<usize> = problems
        .iter()
        .filter(|p| p.is_error())
        .filter_map(|p| flow_index(&p.path))
        .collect();
    let (dataset, rejected_flows) = if structural {
        (None, Vec::new())
    } else {
        accepted(value, &rejected, &mut problems)
    };
    set_lines(text, &mut problems);
    crate::util::sort::by_key(&mut problems, |p| p.line.unwrap_or(usize::MAX));
    Report {
        dataset,
        problems,
        rejected_flows,
        total_flows,
    }
}

/// The index of the flow a problem's path lies in: `flows[3].when.start` → 3. `None` for a
/// path outside any one flow (`flows` itself, `actors[0].id`, the document).
fn flow_index(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("flows[")?;
    let close = rest.find(']')?;
    let index = rest[..close].parse().ok()?;
    let after = &rest[close + 1..];
    (after.is_empty() || after.starts_with(['.', '['])).then_some(index)
}

/// Whether a problem's path lies in the story (`story`, `story[2].caption`).
fn in_story(path: &str) -> bool {
    path.strip_prefix("story")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// The dataset without the flows in `rejected`, and the flows left out. Each remaining flow
/// is read on its own, so a flow the walk passed but `read` cannot read (which would be a gap
/// in the walk) is rejected alone, with a problem at its path, instead of taking the dataset
/// down.
fn accepted(
    mut value: Value,
    rejected: &HashSet<usize>,
    problems: &mut Vec<Problem>,
) -> (Option<Dataset>, Vec<RejectedFlow>) {
    let flows = match value.get_mut("flows") {
        Some(Value::Array(flows)) => std::mem::take(flows),
        _ => Vec::new(),
    };
    let mut dataset = match read::dataset(value) {
        Ok(dataset) => dataset,
        Err(e) => {
            // The walk should have caught anything `read` rejects; say so plainly if not.
            problems.push(Problem::error(
                "",
                format!("cannot be read as a dataset: {e}"),
            ));
            return (None, Vec::new());
        }
    };
    let mut left_out = Vec::new();
    for (index, flow) in flows.into_iter().enumerate() {
        let id = || flow.get("id").and_then(Value::as_str).map(str::to_string);
        if rejected.contains(&index) {
            left_out.push(RejectedFlow { index, id: id() });
            continue;
        }
        let id = id();
        match read::flow(flow) {
            Ok(flow) => dataset.flows.push(flow),
            Err(e) => {
                problems.push(Problem::error(
                    element("flows", index),
                    format!("cannot be read as a flow: {e}"),
                ));
                left_out.push(RejectedFlow { index, id });
            }
        }
    }
    (Some(dataset), left_out)
}

/// Checks a dataset built in code (no text, so no lines). A value JSON cannot hold, such as
/// a NaN amount, is reported as not being a finite number.
pub fn check_dataset(dataset: &Dataset) -> Vec<Problem> {
    match serde_json::to_value(dataset) {
        Ok(value) => walk::check(&value),
        Err(e) => vec![Problem::error(
            "",
            format!("cannot be written as JSON: {e}"),
        )],
    }
}

/// Fills in the line of each problem from the dataset's JSON text, e.g. for the problems
/// of `sources::check_quotes`.
pub fn add_lines(text: &str, problems: &mut [Problem]) {
    // The scan is only for text serde_json accepts, and only needed if there are problems.
    if problems.is_empty() || serde_json::from_str::<serde::de::IgnoredAny>(text).is_err() {
        return;
    }
    set_lines(text, problems);
}

/// Sets the line of each problem, for text serde_json accepts.
fn set_lines(text: &str, problems: &mut [Problem]) {
    if problems.is_empty() {
        return;
    }
    let lines = LineIndex::new(text, problems.iter().map(|p| p.path.as_str()));
    for problem in problems {
        problem.line = lines.line_of(&problem.path);
    }
}

fn syntax_problem(text: &str, e: &serde_json::Error) -> Problem {
    let mut message = e.to_string();
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    // What people write that JSON does not have, found on the line of the error.
    let line = text.lines().nth(e.line().saturating_sub(1)).unwrap_or("");
    let hint = if ["NaN", "Infinity"].iter().any(|word| line.contains(word)) {
        "; NaN and Infinity are not JSON numbers: give a finite number, or leave the field out \
         where the document gives none"
    } else if message.starts_with("number out of range") {
        "; a number must lie between -1.7e308 and 1.7e308"
    } else if message.starts_with("recursion limit exceeded") {
        "; lists and objects are nested too deeply"
    } else {
        ""
    };
    let mut problem = Problem::error(
        "",
        format!("not valid JSON: {message} (column {}){hint}", e.column()),
    );
    problem.line = Some(e.line()).filter(|&line| line > 0);
    problem
}

/// `path.key`, or `key` at the top level.
pub(crate) fn member(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// `path[index]`.
pub(crate) fn element(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = include_str!("../../tests/small.json");

    #[test]
    fn paths_inside_one_flow_are_that_flow_s() {
        assert_eq!(flow_index("flows[3].when.start"), Some(3));
        assert_eq!(flow_index("flows[12]"), Some(12));
        assert_eq!(flow_index("flows[0].evidence[1]"), Some(0));
        for outside in [
            "flows",
            "",
            "actors[0].id",
            "flows[x]",
            "flows[1]x",
            "flowsy[1]",
        ] {
            assert_eq!(flow_index(outside), None, "{outside}");
        }
    }

    #[test]
    fn an_accepted_flow_s_path_maps_back_to_the_input() {
        let mut value: Value = serde_json::from_str(SMALL).unwrap();
        let flow = value["flows"][1].clone();
        let flows = value["flows"].as_array_mut().unwrap();
        flows.insert(0, serde_json::json!("not a flow"));
        flows.push(serde_json::json!(null));
        flows.push(flow);
        let report = check(&value.to_string());
        let rejected: Vec<String> = report
            .rejected_flows
            .iter()
            .map(|r| r.to_string())
            .collect();
        assert_eq!(
            rejected,
            ["flows[0]", "flows[3]", "flows[4] (\"wagner-mali-arms\")"]
        );
        assert_eq!(report.dataset.as_ref().unwrap().flows.len(), 2);
        assert_eq!(report.input_index(0), 1);
        assert_eq!(report.input_index(1), 2);
        assert_eq!(
            report.input_path("flows[1].evidence[0].quote"),
            "flows[2].evidence[0].quote"
        );
        assert_eq!(report.input_path("sources[0].file"), "sources[0].file");
        assert_eq!(report.rejected_count(), 3);
    }

    #[test]
    fn control_characters_are_escaped_when_shown() {
        let p = Problem::error("flows[0].\u{1b}x", "unknown \"\u{202e}a\u{7}\"");
        assert_eq!(
            p.to_string(),
            "flows[0].\\u{1b}x: unknown \"\\u{202e}a\\u{7}\""
        );
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let report = check(&format!("\u{feff}{SMALL}"));
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }
}
