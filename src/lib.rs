//! influence-flows: Sankey-style diagrams of who gave what to whom, with the evidence.
//!
//! Data flows one way: JSON → [`validate`] → [`model::Dataset`] → [`view`] (filters) →
//! [`layout::Graph`] → [`layout`] → [`scene`] → [`draw`] (plotters) → pixels. Everything
//! but `web` is plain Rust, tested natively.

pub mod layout;
pub mod model;
pub mod period;
pub mod plain_graph;
pub mod validate;
