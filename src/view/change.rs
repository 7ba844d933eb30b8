//! The reader's changes to a view, as plain functions from one `Filters` to the next: what a
//! legend click, an actor checkbox, the period selects, the folding switch and the year
//! player do. The web shell only reads its controls and calls these, so every change is
//! tested natively.

use super::Filters;

impl Filters {
    /// A legend click: hides `kind` if it is shown, shows it if it is hidden.
    pub fn toggle_kind(&self, kind: &str) -> Filters {
        let mut next = self.clone();
        if !next.hidden_kinds.remove(kind) {
            next.hidden_kinds.insert(kind.to_string());
        }
        next
    }

    /// An actor's checkbox: `shown` or hidden.
    pub fn show_actor(&self, actor: &str, shown: bool) -> Filters {
        let mut next = self.clone();
        if shown {
            next.hidden_actors.remove(actor);
        } else {
            next.hidden_actors.insert(actor.to_string());
        }
        next
    }

    /// The period selects: only flows touching `years` (None: every flow, undated ones too).
    pub fn with_years(&self, years: Option<(i32, i32)>) -> Filters {
        Filters {
            years,
            ..self.clone()
        }
    }

    /// The folding switch: Wagner into Russia, the armed forces into their state.
    pub fn with_folding(&self, fold_groups: bool) -> Filters {
        Filters {
            fold_groups,
            ..self.clone()
        }
    }
}

/// The year player over the dataset's dated `span` (first, last year), one year a step.
pub mod player {
    use super::Filters;

    /// The first step: the year shown if a period starts before the last year, else the first.
    pub fn start(filters: &Filters, (first, last): (i32, i32)) -> Filters {
        let year = match filters.years {
            Some((y, _)) if y < last => y,
            _ => first,
        };
        filters.with_years(Some((year, year)))
    }

    /// The next step, or None once the last year has been shown (the player stops).
    pub fn next(filters: &Filters, (first, last): (i32, i32)) -> Option<Filters> {
        let year = match filters.years {
            Some((y, _)) => y + 1,
            None => first,
        };
        (year <= last).then(|| filters.with_years(Some((year, year))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_a_kind_twice_gives_the_filters_back() {
        let filters = Filters::default();
        let hidden = filters.toggle_kind("arms");
        assert!(hidden.hidden_kinds.contains("arms"));
        assert_eq!(hidden.toggle_kind("arms"), filters);
    }

    #[test]
    fn an_actor_is_hidden_and_shown_again() {
        let hidden = Filters::default().show_actor("wagner", false);
        assert_eq!(hidden.hidden_actors.len(), 1);
        assert!(hidden.show_actor("wagner", true).hidden_actors.is_empty());
        // Showing an actor that is shown changes nothing.
        assert_eq!(
            Filters::default().show_actor("wagner", true),
            Filters::default()
        );
    }

    #[test]
    fn period_and_folding_change_only_themselves() {
        let base = Filters::default().toggle_kind("money");
        let dated = base.with_years(Some((2013, 2020)));
        assert_eq!(
            (dated.years, &dated.hidden_kinds),
            (Some((2013, 2020)), &base.hidden_kinds)
        );
        let folded = dated.with_folding(true);
        assert!(folded.fold_groups);
        assert_eq!(folded.years, dated.years);
    }

    #[test]
    fn the_player_steps_year_by_year_and_stops_after_the_last() {
        let span = (2012, 2014);
        let mut step = player::start(&Filters::default(), span);
        let mut years = vec![step.years];
        while let Some(next) = player::next(&step, span) {
            step = next;
            years.push(step.years);
        }
        assert_eq!(
            years,
            [Some((2012, 2012)), Some((2013, 2013)), Some((2014, 2014))]
        );
    }

    #[test]
    fn the_player_resumes_from_the_year_shown_unless_it_is_the_last() {
        let span = (2012, 2022);
        let at_2016 = Filters::default().with_years(Some((2016, 2018)));
        assert_eq!(player::start(&at_2016, span).years, Some((2016, 2016)));
        let at_end = Filters::default().with_years(Some((2022, 2022)));
        assert_eq!(player::start(&at_end, span).years, Some((2012, 2012)));
    }
}
