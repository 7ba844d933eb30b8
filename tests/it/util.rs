//! Helpers the test modules share: files of the crate, the Mali dataset, problems as lines.

use influence_flows::data::model::Dataset;
use influence_flows::validate::{self, Problem};
use std::path::{Path, PathBuf};

pub fn crate_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

pub fn read(path: &str) -> String {
    std::fs::read_to_string(crate_file(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `data/mali.json`, which must load.
pub fn mali() -> Dataset {
    validate::load(&read("data/mali.json")).unwrap_or_else(|problems| {
        panic!("data/mali.json does not load:\n{}", lines(&problems));
    })
}

pub fn lines(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("  {p}\n")).collect()
}
