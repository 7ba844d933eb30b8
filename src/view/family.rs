//! Families of kinds in the filters: how much of a family is shown, and pressing a family in
//! the legend (hide a family = hide all its kinds; the filters only ever hold kinds).

use crate::data::model::Dataset;
use crate::view::Filters;

/// How much of a family the filters show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    All,
    /// Some of its kinds, not all.
    Part,
    None,
}

pub fn shown(dataset: &Dataset, filters: &Filters, family: &str) -> Shown {
    let (mut shown, mut hidden) = (0, 0);
    for kind in dataset.kinds_of(family) {
        if filters.hidden_kinds.contains(&kind.id) {
            hidden += 1;
        } else {
            shown += 1;
        }
    }
    match (shown, hidden) {
        (_, 0) => Shown::All,
        (0, _) => Shown::None,
        _ => Shown::Part,
    }
}

/// The filters after pressing a family: a family shown in full or in part is hidden, a
/// hidden one is shown.
pub fn toggle(dataset: &Dataset, filters: &Filters, family: &str) -> Filters {
    let mut filters = filters.clone();
    let hide = !matches!(shown(dataset, &filters, family), Shown::None);
    for kind in dataset.kinds_of(family) {
        if hide {
            filters.hidden_kinds.insert(kind.id.clone());
        } else {
            filters.hidden_kinds.remove(&kind.id);
        }
    }
    filters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pressing_a_family_hides_all_its_kinds_then_shows_them() {
        let text = include_str!("../../data/mali.json");
        let dataset = crate::validate::load(text).expect("mali loads");
        let all = Filters::default();
        assert_eq!(shown(&dataset, &all, "diplomacy"), Shown::All);
        let hidden = toggle(&dataset, &all, "diplomacy");
        assert_eq!(hidden.hidden_kinds.len(), 4);
        assert_eq!(shown(&dataset, &hidden, "diplomacy"), Shown::None);
        assert_eq!(shown(&dataset, &hidden, "military"), Shown::All);
        assert_eq!(toggle(&dataset, &hidden, "diplomacy"), all);
        // Partly shown: pressing hides the rest.
        let mut part = all.clone();
        part.hidden_kinds.insert("ties".into());
        assert_eq!(shown(&dataset, &part, "diplomacy"), Shown::Part);
        assert_eq!(toggle(&dataset, &part, "diplomacy"), hidden);
    }
}
