//! Where every flow of the input went: drawn, filtered out, or rejected as invalid.
//!
//! The validator's [`Report`] knows how many flows the input has and which it rejected; the
//! view's [`Counts`] know which of the accepted flows the filters hid. Together they account
//! for every flow: `drawn + filtered_out + rejected == total`. The page and the CLI show this
//! line so that nothing a dataset says disappears silently.

use crate::validate::Report;
use crate::view::Counts;
use std::fmt;

/// The fate of every flow of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Accounting {
    /// Elements of the input's `flows` list.
    pub total: usize,
    /// Shown in the picture.
    pub drawn: usize,
    /// Valid, but hidden by the reader's filters (kind, actor, period).
    pub filtered_out: usize,
    /// Left out because of errors in the data (all of them when the dataset is rejected).
    pub rejected: usize,
}

impl Accounting {
    /// Combines a validator report with the counts of the view drawn from its dataset.
    /// `counts` is `None` when nothing was drawn (the dataset was rejected).
    pub fn new(report: &Report, counts: Option<&Counts>) -> Accounting {
        let (drawn, filtered_out) = match (&report.dataset, counts) {
            (Some(_), Some(counts)) => (counts.shown, counts.filtered_out()),
            _ => (0, 0),
        };
        Accounting {
            total: report.total_flows,
            drawn,
            filtered_out,
            rejected: report.rejected_count(),
        }
    }

    /// The same from a view's counts and the number of flows the validator rejected (the
    /// page keeps only that number of the report).
    pub fn of_view(counts: &Counts, rejected: usize) -> Accounting {
        Accounting {
            total: counts.total + rejected,
            drawn: counts.shown,
            filtered_out: counts.filtered_out(),
            rejected,
        }
    }

    /// Whether every flow is accounted for. False means a bug (or counts from another
    /// dataset), never bad data.
    pub fn is_balanced(&self) -> bool {
        self.drawn + self.filtered_out + self.rejected == self.total
    }
}

/// A line for readers: "Showing 95 of 99 flows; 2 filtered out; 2 rejected as invalid".
/// The parts that are zero are left out.
impl fmt::Display for Accounting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let noun = if self.total == 1 { "flow" } else { "flows" };
        write!(f, "Showing {} of {} {noun}", self.drawn, self.total)?;
        if self.filtered_out > 0 {
            write!(f, "; {} filtered out", self.filtered_out)?;
        }
        if self.rejected > 0 {
            write!(f, "; {} rejected as invalid", self.rejected)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::check;
    use crate::view::{Filters, View};

    const SMALL: &str = include_str!("../../tests/small.json");

    #[test]
    fn a_valid_dataset_is_all_drawn() {
        let report = check(SMALL);
        let dataset = report.dataset.as_ref().unwrap();
        let view = View::new(dataset, &Filters::default());
        let a = Accounting::new(&report, Some(&view.counts));
        assert_eq!((a.total, a.drawn, a.filtered_out, a.rejected), (2, 2, 0, 0));
        assert!(a.is_balanced());
        assert_eq!(a.to_string(), "Showing 2 of 2 flows");
    }

    #[test]
    fn a_bad_flow_is_rejected_and_counted() {
        let text = SMALL.replacen("\"target\": \"mali\"", "\"target\": \"nowhere\"", 1);
        let report = check(&text);
        let dataset = report.dataset.as_ref().expect("the rest loads");
        let view = View::new(dataset, &Filters::default());
        let a = Accounting::new(&report, Some(&view.counts));
        assert_eq!((a.total, a.drawn, a.rejected), (2, 1, 1));
        assert!(a.is_balanced());
        assert_eq!(a.to_string(), "Showing 1 of 2 flows; 1 rejected as invalid");
        assert_eq!(
            Accounting::of_view(&view.counts, report.rejected_count()),
            a
        );
    }

    #[test]
    fn a_rejected_dataset_rejects_every_flow() {
        let text = SMALL.replace("influence-flows/1", "influence-flows/9");
        let report = check(&text);
        assert!(report.dataset.is_none());
        let a = Accounting::new(&report, None);
        assert_eq!((a.total, a.drawn, a.rejected), (2, 0, 2));
        assert!(a.is_balanced());
    }
}
