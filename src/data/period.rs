//! Partial dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) and the periods they bound.
//!
//! A date's written form is its precision: "2022" means some time in 2022, not 1 January.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A calendar date known to a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Why a date string is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Malformed,
    MonthOutOfRange(u32),
    DayOutOfRange { day: u32, max: u8 },
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Malformed => write!(f, "expected YYYY, YYYY-MM or YYYY-MM-DD"),
            DateError::MonthOutOfRange(m) => write!(f, "month {m} is not between 1 and 12"),
            DateError::DayOutOfRange { day, max } => {
                write!(
                    f,
                    "day {day} does not exist in that month (it has {max} days)"
                )
            }
        }
    }
}

impl PartialDate {
    pub fn parse(text: &str) -> Result<PartialDate, DateError> {
        let parts: Vec<&str> = text.split('-').collect();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let ok_shape = match parts.as_slice() {
            [y] => digits(y, 4),
            [y, m] => digits(y, 4) && digits(m, 2),
            [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
            _ => false,
        };
        if !ok_shape {
            return Err(DateError::Malformed);
        }
        let num = |i: usize| parts.get(i).map(|s| s.parse::<u32>().unwrap_or(0));
        let year = num(0).unwrap_or(0) as i32;
        let month = num(1);
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError::MonthOutOfRange(m));
            }
        }
        let day = num(2);
        if let (Some(m), Some(d)) = (month, day) {
            let max = days_in_month(year, m as u8);
            if d < 1 || d > u32::from(max) {
                return Err(DateError::DayOutOfRange { day: d, max });
            }
        }
        Ok(PartialDate {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The first day this date may mean, as (year, month, day).
    pub fn earliest(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date may mean, as (year, month, day).
    pub fn latest(&self) -> (i32, u8, u8) {
        let month = self.month.unwrap_or(12);
        (
            self.year,
            month,
            self.day.unwrap_or_else(|| days_in_month(self.year, month)),
        )
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MONTHS: [&str; 12] = crate::util::lang::MONTHS_EN;
        match (self.month, self.day) {
            (None, _) => write!(f, "{}", self.year),
            (Some(m), None) => write!(f, "{} {}", MONTHS[usize::from(m - 1)], self.year),
            (Some(m), Some(d)) => write!(f, "{} {} {}", d, MONTHS[usize::from(m - 1)], self.year),
        }
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// A checked `model::When`: a date or a period, possibly still going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: PartialDate,
    pub end: PartialDate,
    pub ongoing: bool,
}

impl Period {
    /// The years this period touches, inclusive. An ongoing period runs to `open_until`.
    pub fn years(&self, open_until: i32) -> (i32, i32) {
        let last = if self.ongoing {
            open_until.max(self.end.year)
        } else {
            self.end.year
        };
        (self.start.year, last)
    }

    /// Does the period touch any year of `from..=to`?
    pub fn overlaps_years(&self, from: i32, to: i32, open_until: i32) -> bool {
        let (a, b) = self.years(open_until);
        a <= to && b >= from
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)?;
        } else {
            write!(f, "{} – {}", self.start, self.end)?;
        }
        if self.ongoing {
            write!(f, " (ongoing)")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(
            PartialDate::parse("2022").unwrap().precision(),
            Precision::Year
        );
        assert_eq!(
            PartialDate::parse("2022-03").unwrap().precision(),
            Precision::Month
        );
        let d = PartialDate::parse("2022-03-31").unwrap();
        assert_eq!((d.year, d.month, d.day), (2022, Some(3), Some(31)));
        assert_eq!(d.to_string(), "31 March 2022");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(
            PartialDate::parse("2022-13"),
            Err(DateError::MonthOutOfRange(13))
        );
        assert_eq!(
            PartialDate::parse("2023-02-29"),
            Err(DateError::DayOutOfRange { day: 29, max: 28 })
        );
        assert!(PartialDate::parse("2024-02-29").is_ok());
        for bad in [
            "",
            "22",
            "2022-3",
            "2022/03",
            "2022-03-1",
            "year",
            "2022-03-01-01",
        ] {
            assert_eq!(PartialDate::parse(bad), Err(DateError::Malformed), "{bad}");
        }
    }

    #[test]
    fn latest_day_of_a_month_precision_date() {
        assert_eq!(
            PartialDate::parse("2024-02").unwrap().latest(),
            (2024, 2, 29)
        );
        assert_eq!(PartialDate::parse("2022").unwrap().latest(), (2022, 12, 31));
    }

    #[test]
    fn ongoing_period_reaches_the_open_year() {
        let p = Period {
            start: PartialDate::parse("2021").unwrap(),
            end: PartialDate::parse("2021").unwrap(),
            ongoing: true,
        };
        assert_eq!(p.years(2023), (2021, 2023));
        assert!(p.overlaps_years(2023, 2023, 2023));
        assert!(!p.overlaps_years(2019, 2020, 2023));
    }
}
