//! Small stand-ins for std chosen for wasm size (see each module): the crate's one stable sort
//! and caseless name comparison. They import nothing from the crate.

pub mod caseless;
pub mod sort;
