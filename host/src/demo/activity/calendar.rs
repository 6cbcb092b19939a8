//! The years the activity covers and how busy each is.
//!
//! The anchor is the day the demo is seeded ("today"). The **report year** is the last
//! complete calendar year before it, seeded in full; the current year runs from 1 January
//! to the anchor; the three years before the report year are lighter, growing towards it,
//! so the monitoring across years has a series that rises like a young neighbourhood
//! management's does.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};

/// Share of the report year's volume in the years from four years before the anchor's year
/// to the anchor's year itself.
const WEIGHTS: [(i32, f64); 5] = [(-4, 0.55), (-3, 0.7), (-2, 0.85), (-1, 1.0), (0, 1.0)];

/// One calendar year of activity, cut at the anchor.
#[derive(Debug, Clone, Copy)]
pub struct Year {
    pub year: i32,
    /// 1 January, 00:00 UTC.
    pub from: DateTime<Utc>,
    /// 1 January of the next year, or the anchor when that comes first.
    pub until: DateTime<Utc>,
    /// Share of the report year's volume for the whole calendar year.
    pub weight: f64,
}

impl Year {
    /// How many of `per_year` (the report year's number) fall in this year before `end`
    /// (the anchor or an earlier cut): the year's weight, pro rata of the days seeded.
    pub fn count(&self, per_year: u32, end: DateTime<Utc>) -> u32 {
        let full = (january_first(self.year + 1) - self.from).num_seconds() as f64;
        let end = end.min(self.until);
        let seeded = (end - self.from).num_seconds().max(0) as f64;
        (f64::from(per_year) * self.weight * seeded / full).round() as u32
    }

    /// The seconds of this year before `end`.
    pub fn span(&self, end: DateTime<Utc>) -> i64 {
        (end.min(self.until) - self.from).num_seconds().max(0)
    }
}

pub fn january_first(year: i32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// The report year for an anchor: the last complete calendar year.
pub fn report_year(now: DateTime<Utc>) -> i32 {
    now.year() - 1
}

/// The years seeded for an anchor, oldest first.
pub fn years(now: DateTime<Utc>) -> Vec<Year> {
    WEIGHTS
        .iter()
        .map(|(offset, weight)| {
            let year = now.year() + offset;
            Year {
                year,
                from: january_first(year),
                until: january_first(year + 1).min(now),
                weight: *weight,
            }
        })
        .collect()
}

/// The working day on or after `day` (meetings and office work happen Monday to Friday).
pub fn working_day(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day + Duration::days(2),
        Weekday::Sun => day + Duration::days(1),
        _ => day,
    }
}

/// `day` at `hour`:`minute` UTC.
pub fn at(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    day.and_hms_opt(hour.min(23), minute.min(59), 0)
        .unwrap_or_default()
        .and_utc()
}

/// The next working day's office hours after `t` plus `days`: staff record things at work.
pub fn office_time(t: DateTime<Utc>, days: f64, minute_of_day: i64) -> DateTime<Utc> {
    let later = t + Duration::seconds((days * 86_400.0) as i64);
    let day = working_day(later.date_naive());
    let start = at(day, 8, 0) + Duration::minutes(minute_of_day.clamp(0, 9 * 60));
    start.max(t + Duration::minutes(5))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor() -> DateTime<Utc> {
        "2026-12-04T09:00:00Z".parse().unwrap()
    }

    #[test]
    fn the_report_year_is_complete_and_the_current_year_runs_to_the_anchor() {
        let years = years(anchor());
        assert_eq!(
            years.iter().map(|y| y.year).collect::<Vec<_>>(),
            [2022, 2023, 2024, 2025, 2026]
        );
        assert_eq!(report_year(anchor()), 2025);
        let report = years[3];
        assert_eq!(report.count(1000, anchor()), 1000);
        assert_eq!(years[0].count(1000, anchor()), 550);
        let current = years[4].count(1000, anchor());
        assert!((900..930).contains(&current), "{current}");
    }

    #[test]
    fn office_work_happens_on_working_days_after_the_cause() {
        let friday_evening: DateTime<Utc> = "2026-12-04T19:00:00Z".parse().unwrap();
        let next = office_time(friday_evening, 0.5, 60);
        assert_eq!(next.date_naive().weekday(), Weekday::Mon);
        assert!(next > friday_evening);
    }
}
