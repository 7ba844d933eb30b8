//! What a reader does, as plain functions over the view, layout and scene: `hit` (the mark
//! under a point), `nav` (arrow-key focus), `inspect` (tooltip, panel and table words),
//! `markup` (the words and controls around the chart), `url_state` (the view in the URL hash),
//! `preview` (an editor's own file, checked as `validate` does)
//! and `story` (the dataset's steps, read as links).

pub mod hit;
pub mod inspect;
pub mod markup;
pub mod nav;
pub mod page;
pub mod preview;
pub mod story;
pub mod url_state;
