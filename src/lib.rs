//! influence-flows: Sankey-style diagrams of who gave what to whom, with the evidence.
//!
//! Data flows one way: JSON → [`validate`] → [`model::Dataset`] → [`view`] (filters) →
//! [`layout::Graph`] → [`layout`] → [`scene`] → [`draw`] (plotters) → pixels. [`chart`] runs
//! that pipeline for both front ends. Everything but `web` is plain Rust, tested natively.

pub mod accounting;
pub mod caseless;
pub mod chart;
pub mod draw;
pub mod export;
pub mod hit;
pub mod inspect;
pub mod layout;
pub mod model;
pub mod nav;
pub mod options;
pub mod period;
pub mod plain_graph;
pub mod policy;
pub mod scene;
pub mod sort;
pub mod sources;
pub mod theme;
pub mod url_state;
pub mod validate;
pub mod view;

#[cfg(target_arch = "wasm32")]
mod web;
