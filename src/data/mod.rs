//! The dataset as written in `data/*.json` (`model`), its partial dates (`period`), and the
//! origins a chart may load one from (`origin`).

pub mod model;
pub mod origin;
pub mod period;
