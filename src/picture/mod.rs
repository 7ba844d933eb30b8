//! The picture: `chart` runs view → layout → `scene` (marks as data), `highlight` says which
//! marks are singled out, and `draw` paints a scene on any plotters backend.

pub mod chart;
pub mod draw;
pub mod highlight;
pub mod scene;
