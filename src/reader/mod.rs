//! What a reader does, as plain functions over the view, layout and scene: `hit` (the mark
//! under a point), `nav` (arrow-key focus), `inspect` (tooltip, panel and table words) and
//! `url_state` (the view in the URL hash), `story` (the dataset's steps, read as links).

pub mod hit;
pub mod inspect;
pub mod nav;
pub mod page;
pub mod story;
pub mod url_state;
