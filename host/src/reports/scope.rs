//! What a report is about: the municipality, optionally one area with its sub-areas, the
//! report kind and the period.

use chrono::{Datelike, NaiveDate};

use super::ReportKind;
use crate::db::{Date, Id};

/// The longest period a report may cover: the monitoring compares up to this many years.
pub const MAX_YEARS: i32 = 10;

/// A period of whole days, both included, `from <= to`, at most [`MAX_YEARS`] long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    from: Date,
    to: Date,
}

/// Why a period cannot be reported on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodError {
    /// `from` is after `to`.
    Reversed,
    /// The period is longer than [`MAX_YEARS`].
    TooLong,
}

impl Period {
    /// From `from` to `to`, both included.
    pub fn new(from: Date, to: Date) -> Result<Period, PeriodError> {
        if from > to {
            return Err(PeriodError::Reversed);
        }
        let limit = from
            .naive()
            .with_year(from.naive().year() + MAX_YEARS)
            .unwrap_or(NaiveDate::MAX);
        if to.naive() >= limit {
            return Err(PeriodError::TooLong);
        }
        Ok(Period { from, to })
    }

    /// The calendar year `year` (1 January to 31 December); `None` outside the years a
    /// [`Date`] may hold.
    pub fn year(year: i32) -> Option<Period> {
        let from = Date::parse(&format!("{year:04}-01-01")).ok()?;
        let to = Date::parse(&format!("{year:04}-12-31")).ok()?;
        Some(Period { from, to })
    }

    /// The `years` calendar years ending with `last` (the monitoring's default).
    pub fn years_ending(last: i32, years: i32) -> Option<Period> {
        let first = Period::year(last - years.clamp(1, MAX_YEARS) + 1)?;
        let last = Period::year(last)?;
        Some(Period {
            from: first.from,
            to: last.to,
        })
    }

    /// The first day.
    pub fn from(self) -> Date {
        self.from
    }

    /// The last day.
    pub fn to(self) -> Date {
        self.to
    }

    /// The calendar years the period touches, oldest first.
    pub fn calendar_years(self) -> impl Iterator<Item = i32> {
        self.from.naive().year()..=self.to.naive().year()
    }

    /// The period in the dataset's form.
    pub fn document(self) -> quartier_documents::dataset::Period {
        quartier_documents::dataset::Period {
            from: self.from.to_string(),
            to: self.to.to_string(),
        }
    }
}

/// An area a report is limited to (with its sub-areas).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportArea {
    /// The area's id.
    pub id: Id,
    /// Its name.
    pub name: String,
}

/// What one report is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportScope {
    /// The municipality.
    pub municipality: Id,
    /// Its slug.
    pub slug: String,
    /// Its name as people read it.
    pub name: String,
    /// Its QM model's key, when one is set.
    pub qm_model: Option<String>,
    /// The report kind.
    pub kind: ReportKind,
    /// The period.
    pub period: Period,
    /// The area, when the report is about one area and its sub-areas.
    pub area: Option<ReportArea>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn a_year_runs_from_the_first_of_january_to_new_years_eve() {
        let year = Period::year(2026).unwrap();
        assert_eq!(year.from().to_string(), "2026-01-01");
        assert_eq!(year.to().to_string(), "2026-12-31");
        assert_eq!(year.calendar_years().collect::<Vec<_>>(), [2026]);
    }

    #[test]
    fn the_monitoring_covers_the_last_years() {
        let period = Period::years_ending(2026, 5).unwrap();
        assert_eq!(period.from().to_string(), "2022-01-01");
        assert_eq!(period.calendar_years().count(), 5);
    }

    #[test]
    fn a_reversed_or_too_long_period_is_refused() {
        assert_eq!(
            Period::new(date("2026-02-01"), date("2026-01-31")),
            Err(PeriodError::Reversed)
        );
        assert!(Period::new(date("2017-01-01"), date("2026-12-31")).is_ok());
        assert_eq!(
            Period::new(date("2016-12-31"), date("2026-12-31")),
            Err(PeriodError::TooLong)
        );
        assert_eq!(Period::year(10_000), None);
    }
}
