//! The period a bundle reports on: a calendar year or one of its halves. Only these, so that
//! the centre can line the sites up period by period; on the wire `2026`, `2026-H1` or
//! `2026-H2`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::db::Date;
use crate::db::types::YEARS;
use crate::reports::Period;

/// A calendar year or a half of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum ExchangePeriod {
    /// 1 January to 31 December.
    Year(i32),
    /// 1 January to 30 June (`H1`) or 1 July to 31 December (`H2`).
    HalfYear(i32, Half),
}

/// The first or second half of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Half {
    First,
    Second,
}

/// A text that is no exchange period (German, for people).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("„{0}“ ist kein Zeitraum des Austauschs (Jahr wie 2026 oder Halbjahr wie 2026-H1).")]
pub struct PeriodSyntax(pub String);

impl ExchangePeriod {
    /// The year it lies in.
    pub fn year(self) -> i32 {
        match self {
            ExchangePeriod::Year(year) | ExchangePeriod::HalfYear(year, _) => year,
        }
    }

    /// The days it covers, as the reports dataset takes them.
    pub fn days(self) -> Option<Period> {
        let day = |year: i32, month_day: &str| Date::parse(&format!("{year:04}-{month_day}")).ok();
        let (from, to) = match self {
            ExchangePeriod::Year(y) => (day(y, "01-01")?, day(y, "12-31")?),
            ExchangePeriod::HalfYear(y, Half::First) => (day(y, "01-01")?, day(y, "06-30")?),
            ExchangePeriod::HalfYear(y, Half::Second) => (day(y, "07-01")?, day(y, "12-31")?),
        };
        Period::new(from, to).ok()
    }
}

impl fmt::Display for ExchangePeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExchangePeriod::Year(year) => write!(f, "{year:04}"),
            ExchangePeriod::HalfYear(year, Half::First) => write!(f, "{year:04}-H1"),
            ExchangePeriod::HalfYear(year, Half::Second) => write!(f, "{year:04}-H2"),
        }
    }
}

impl FromStr for ExchangePeriod {
    type Err = PeriodSyntax;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wrong = || PeriodSyntax(text.to_owned());
        let (year, half) = match text.split_once('-') {
            Some((year, "H1")) => (year, Some(Half::First)),
            Some((year, "H2")) => (year, Some(Half::Second)),
            Some(_) => return Err(wrong()),
            None => (text, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(wrong());
        }
        let year: i32 = year.parse().map_err(|_| wrong())?;
        // The years a date from input may have.
        if !YEARS.contains(&year) {
            return Err(wrong());
        }
        Ok(match half {
            Some(half) => ExchangePeriod::HalfYear(year, half),
            None => ExchangePeriod::Year(year),
        })
    }
}

impl TryFrom<String> for ExchangePeriod {
    type Error = PeriodSyntax;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<ExchangePeriod> for String {
    fn from(period: ExchangePeriod) -> String {
        period.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_halves_read_and_write_the_same() {
        for text in ["2026", "2026-H1", "2026-H2"] {
            let period: ExchangePeriod = text.parse().unwrap();
            assert_eq!(period.to_string(), text);
            assert_eq!(period.year(), 2026);
        }
        for bad in ["26", "2026-H3", "2026-h1", "2026-07", "+026", "0999", ""] {
            assert!(bad.parse::<ExchangePeriod>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_half_year_covers_its_six_months() {
        let days = |text: &str| {
            let period = text.parse::<ExchangePeriod>().unwrap().days().unwrap();
            (period.from().to_string(), period.to().to_string())
        };
        assert_eq!(days("2026"), ("2026-01-01".into(), "2026-12-31".into()));
        assert_eq!(days("2026-H1"), ("2026-01-01".into(), "2026-06-30".into()));
        assert_eq!(days("2026-H2"), ("2026-07-01".into(), "2026-12-31".into()));
    }
}
