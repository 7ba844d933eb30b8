//! Checks a dataset and reports every problem with its JSON path, all at once.
//!
//! [`load`] is the entry point for the CLI and the web app: JSON text in, a [`Dataset`] out,
//! or the list of everything wrong with it. The text is parsed to a `serde_json::Value`
//! first and walked with knowledge of the format (`walk`), so one typo does not hide the
//! next; each problem gets the line of its path in the text (`lines`). Errors stop a
//! dataset from loading; warnings do not.

pub mod colour;
mod lines;
mod suggest;
mod walk;

use crate::model::Dataset;
use lines::LineIndex;
use serde_json::Value;
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
            "(document)"
        } else {
            &self.path
        };
        match self.line {
            Some(line) => write!(f, "{path} (line {line}): {}", self.message),
            None => write!(f, "{path}: {}", self.message),
        }
    }
}

/// What checking a dataset's text found: the dataset if it has no errors, and every problem
/// (errors and warnings) in the order of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub dataset: Option<Dataset>,
    pub problems: Vec<Problem>,
}

/// Parses and checks a dataset's JSON text. `Err` holds every problem found (warnings
/// included) when there is at least one error; a dataset with only warnings loads. Use
/// [`check`] to get the warnings of a dataset that loads.
pub fn load(text: &str) -> Result<Dataset, Vec<Problem>> {
    let report = check(text);
    report.dataset.ok_or(report.problems)
}

/// Parses and checks a dataset's JSON text, keeping the warnings of a dataset that loads.
pub fn check(text: &str) -> Report {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            return Report {
                dataset: None,
                problems: vec![syntax_problem(&e)],
            }
        }
    };
    let lines = LineIndex::new(text);
    let mut problems: Vec<Problem> = lines
        .duplicate_keys()
        .iter()
        .map(|path| {
            Problem::error(
                path.clone(),
                "this key appears twice in the same object; keep one (JSON readers silently \
                 keep only the last)",
            )
        })
        .collect();
    problems.extend(walk::check(&value));
    let dataset = if problems.iter().any(Problem::is_error) {
        None
    } else {
        match serde_json::from_value::<Dataset>(value) {
            Ok(dataset) => Some(dataset),
            Err(e) => {
                // The walk should have caught anything serde rejects; say so plainly if not.
                problems.push(Problem::error(
                    "",
                    format!("cannot be read as a dataset: {e}"),
                ));
                None
            }
        }
    };
    for problem in &mut problems {
        problem.line = lines.line_of(&problem.path);
    }
    problems.sort_by_key(|p| p.line.unwrap_or(usize::MAX));
    Report { dataset, problems }
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
    if serde_json::from_str::<Value>(text).is_err() {
        return;
    }
    let lines = LineIndex::new(text);
    for problem in problems {
        problem.line = lines.line_of(&problem.path);
    }
}

fn syntax_problem(e: &serde_json::Error) -> Problem {
    let mut message = e.to_string();
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    let mut problem = Problem::error(
        "",
        format!("not valid JSON: {message} (column {})", e.column()),
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
