//! Placeholder until the interaction-core branch lands (same public API).
use crate::hit::Target;
use crate::layout::Layout;
use crate::view::View;
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Focus {
    pub target: Target,
    pub anchor: Option<usize>,
}
pub fn first(_l: &Layout, v: &View) -> Option<Focus> {
    (!v.nodes.is_empty()).then_some(Focus {
        target: Target::Node(0),
        anchor: None,
    })
}
pub fn step(_l: &Layout, v: &View, f: Focus, k: Key) -> Focus {
    match (f.target, k) {
        (Target::Node(n), Key::Down) if n + 1 < v.nodes.len() => Focus {
            target: Target::Node(n + 1),
            anchor: None,
        },
        (Target::Node(n), Key::Up) if n > 0 => Focus {
            target: Target::Node(n - 1),
            anchor: None,
        },
        _ => f,
    }
}
