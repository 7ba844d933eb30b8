//! Helpers the test modules share: files of the crate, the Mali dataset (with its global
//! baked order), random filters of it, problems as lines.

use influence_flows::data::model::Dataset;
use influence_flows::validate::{self, Problem};
use influence_flows::view::order::GlobalOrder;
use influence_flows::view::{Arrangement, Filters};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

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

/// `data/mali.json` and its global order, read once from the baked `data/mali.order.json`
/// (which `order::the_baked_order_of_the_shipped_data_is_fresh` checks against a search).
pub fn mali_order() -> &'static (Dataset, GlobalOrder) {
    static ONCE: OnceLock<(Dataset, GlobalOrder)> = OnceLock::new();
    ONCE.get_or_init(|| {
        let text = read("data/mali.json");
        let order = GlobalOrder::from_baked(&read("data/mali.order.json"), &text)
            .expect("the baked order is fresh (tests/it/order.rs)");
        (mali(), order)
    })
}

/// The parts of a random filter of the Mali data: hidden kinds, up to four hidden actors,
/// folding, one free choice (the arrangement or the split, as the caller makes it) and a
/// period of up to eight years.
pub type FilterParts = (Vec<String>, Vec<String>, bool, bool, Option<(i32, i32)>);

pub fn mali_filter_parts() -> impl Strategy<Value = FilterParts> {
    let (dataset, _) = mali_order();
    let kinds: Vec<String> = dataset.kinds.iter().map(|k| k.id.clone()).collect();
    let actors: Vec<String> = dataset.actors.iter().map(|a| a.id.clone()).collect();
    (
        proptest::sample::subsequence(kinds.clone(), 0..kinds.len()),
        proptest::sample::subsequence(actors, 0..=4),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of((2008i32..2026, 0i32..8))
            .prop_map(|years| years.map(|(from, span)| (from, from + span))),
    )
}

/// The filters of hidden kinds and actors, folding, the network arrangement or not, and a
/// period (no small multiples): what the random views of several tests are made of.
pub fn filters_of(
    kinds: impl IntoIterator<Item = String>,
    actors: impl IntoIterator<Item = String>,
    fold_groups: bool,
    network: bool,
    years: Option<(i32, i32)>,
) -> Filters {
    Filters {
        hidden_kinds: kinds.into_iter().collect(),
        hidden_actors: actors.into_iter().collect(),
        fold_groups,
        years,
        multiples: None,
        arrangement: if network {
            Arrangement::Network
        } else {
            Arrangement::GiverReceiver
        },
    }
}
