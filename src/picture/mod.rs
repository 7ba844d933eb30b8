//! The picture: `chart` runs view → layout → `scene` (marks as data), `highlight` says which
//! marks are singled out, `certainty` draws how sure the documents are (hatching, dashes) as
//! geometry, `annotate` places a story step's texts and leader lines, and `draw` paints a scene on any plotters backend; `svg` is our SVG backend, which can group
//! marks with their data.

pub mod annotate;
pub mod certainty;
pub mod chart;
pub mod draw;
pub mod highlight;
pub mod scene;
pub mod svg;
