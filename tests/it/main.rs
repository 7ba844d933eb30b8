//! The integration tests, one binary (as ripgrep lays them out): a module per area, sharing
//! `util` and the scene checks. Broken datasets are one catalogue, `tests/catalogue/`.
#![allow(clippy::disallowed_methods)] // native only: std's sorts cost nothing in the wasm

mod architecture;
mod catalogue;
mod cli;
mod export;
mod families;
mod french;
mod fuzz_pipeline;
mod import;
mod interaction;
mod layout_props;
mod marks;
mod multiples;
mod names;
mod order;
mod pipeline;
mod scene_check;
mod story;
mod transition;
mod util;
mod validate;
