//! Placeholder until the interaction-core branch lands (same public API).
use crate::view::Filters;
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Actor(String),
    Band {
        source: String,
        target: String,
        kind: String,
    },
}
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UrlState {
    pub filters: Filters,
    pub selection: Option<Selection>,
}
pub fn encode(_s: &UrlState) -> String {
    String::new()
}
pub fn decode(_h: &str, _d: &crate::model::Dataset) -> (UrlState, Vec<String>) {
    (UrlState::default(), vec![])
}
