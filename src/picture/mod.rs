//! The picture: `chart` runs view → layout → `scene` (marks as data), `multiples` composes
//! small multiples into one scene, `highlight` says which marks are singled out, `certainty`
//! draws how sure the documents are (hatching, dashes) as geometry, `annotate` places a story
//! step's texts and leader lines, and `draw` paints a scene on any plotters backend; `svg` is
//! our SVG backend, which can group marks with their data; `transition` moves one picture into
//! the next when the view changes.

pub mod annotate;
pub mod certainty;
pub mod chart;
pub mod draw;
pub mod highlight;
pub mod multiples;
pub mod scene;
pub mod svg;
pub mod transition;
