//! influence-flows: Sankey-style diagrams of who gave what to whom, with the evidence.
//!
//! The folders are the pipeline's stages, lowest first; a stage imports only the ones before it:
//! JSON → [`validate`] → [`data::model::Dataset`] → [`view`] (filters) → [`layout`] →
//! [`picture`] (scene, then plotters) → pixels, with [`reader`] (what a reader points at and
//! reads) and [`export`] on top. [`picture::chart`] runs that pipeline for both front ends.
//! Everything but `web` is plain Rust, tested natively.

pub mod benchmark;
pub mod colour;
pub mod data;
pub mod export;
pub mod import;
pub mod layout;
pub mod picture;
pub mod reader;
pub mod util;
pub mod validate;
pub mod view;

#[cfg(target_arch = "wasm32")]
mod web;
