//! Placeholder until the interaction-core branch lands (same public API).
use crate::scene::Scene;
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Band(usize),
    Node(usize),
}
pub struct HitIndex {
    boxes: Vec<(f64, f64, f64, f64)>,
    nodes: Vec<(f64, f64, f64, f64)>,
}
impl HitIndex {
    pub fn new(scene: &Scene) -> HitIndex {
        let boxes = scene
            .bands
            .iter()
            .map(|b| {
                b.outline
                    .iter()
                    .fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |a, p| {
                        (a.0.min(p.0), a.1.min(p.1), a.2.max(p.0), a.3.max(p.1))
                    })
            })
            .collect();
        let nodes = scene
            .nodes
            .iter()
            .map(|n| (n.rect.x0, n.rect.y0, n.rect.x1, n.rect.y1))
            .collect();
        HitIndex { boxes, nodes }
    }
    pub fn at(&self, x: f64, y: f64, _min_hit: f64) -> Option<Target> {
        if let Some(n) = self
            .nodes
            .iter()
            .position(|b| x >= b.0 && x <= b.2 && y >= b.1 && y <= b.3)
        {
            return Some(Target::Node(n));
        }
        self.boxes
            .iter()
            .rposition(|b| x >= b.0 && x <= b.2 && y >= b.1 && y <= b.3)
            .map(Target::Band)
    }
}
