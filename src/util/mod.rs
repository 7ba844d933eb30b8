//! Small stand-ins for std chosen for wasm size (see each module): the crate's one stable sort
//! and caseless name comparison; and the interface's words in each language (`lang`). They
//! import nothing from the crate.

pub mod caseless;
pub mod lang;
pub mod sort;
