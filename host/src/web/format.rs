//! Dates, times and amounts as German readers expect them.
//!
//! Times are stored in UTC and shown in German local time. Rather than pull in a time-zone
//! database for one zone, [`berlin`] applies the EU summer-time rule (in force since 1996):
//! CEST (UTC+2) from the last Sunday of March, 01:00 UTC, to the last Sunday of October,
//! 01:00 UTC; CET (UTC+1) otherwise. Should the EU abolish the clock change, this is the one
//! place to adapt.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, TimeDelta, Timelike, Utc};

use super::texts::{StaffTexts, Texts};
use crate::db::Timestamp;

/// The wall-clock time in Germany at the instant `t`.
pub fn berlin(t: DateTime<Utc>) -> NaiveDateTime {
    let year = t.year();
    let summer = switch_instant(year, 3)..switch_instant(year, 10);
    let hours = if summer.contains(&t.naive_utc()) {
        2
    } else {
        1
    };
    t.naive_utc() + TimeDelta::hours(hours)
}

/// 01:00 UTC on the last Sunday of `month` (March or October, both 31 days long).
fn switch_instant(year: i32, month: u32) -> NaiveDateTime {
    let last = NaiveDate::from_ymd_opt(year, month, 31).unwrap_or(NaiveDate::MIN);
    let back = u64::from(last.weekday().num_days_from_sunday());
    let sunday = last.checked_sub_days(Days::new(back)).unwrap_or(last);
    sunday.and_hms_opt(1, 0, 0).unwrap_or_default()
}

/// When a meeting takes place, in two parts so a narrow column can break between them.
#[derive(Debug, PartialEq, Eq)]
pub struct MeetingTime {
    /// "Di., 24.11.2026"
    pub day: String,
    /// "18:00 Uhr", or "18:00–20:00 Uhr" with an end on the same day.
    pub clock: String,
}

impl std::fmt::Display for MeetingTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}, {}", self.day, self.clock)
    }
}

/// "Di., 24.11.2026, 18:00 Uhr" (see [`MeetingTime`]).
pub fn meeting_time(t: &Texts, starts: DateTime<Utc>, ends: Option<DateTime<Utc>>) -> MeetingTime {
    let start = berlin(starts);
    let weekday = t.weekdays[start.weekday().num_days_from_monday() as usize];
    let day = format!(
        "{weekday}, {:02}.{:02}.{}",
        start.day(),
        start.month(),
        start.year()
    );
    let mut clock = format!("{:02}:{:02}", start.hour(), start.minute());
    if let Some(end) = ends
        .map(berlin)
        .filter(|e| e.date() == start.date() && *e > start)
    {
        clock += &format!("–{:02}:{:02}", end.hour(), end.minute());
    }
    MeetingTime {
        day,
        clock: format!("{clock} {}", t.oclock),
    }
}

/// An amount in cents the German way: "1.500 €", "1.234,50 €".
pub fn euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let digits = (cents / 100).to_string();
    let mut whole = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            whole.push('.');
        }
        whole.push(c);
    }
    match cents % 100 {
        0 => format!("{sign}{whole} €"),
        rest => format!("{sign}{whole},{rest:02} €"),
    }
}

/// An amount in cents as a form's field shows it for editing: "800", "1234,50" (no
/// thousands separator, no sign of the currency: what [`parse_euros`] reads back).
pub fn amount_input(cents: i64) -> String {
    match cents % 100 {
        0 => (cents / 100).to_string(),
        rest => format!("{},{:02}", cents / 100, rest.abs()),
    }
}

/// An amount in euros as people type it — "800", "800,50", "1.234,5", "1234.50 €" — in
/// cents; `None` for anything else (letters, more than two decimals, beyond `i64`). A sign
/// is kept, so a negative amount reaches the feature's own range check.
pub fn parse_euros(text: &str) -> Option<i64> {
    let text = text.trim().trim_end_matches('€').trim_end();
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text),
    };
    let (whole, fraction) = match text.rsplit_once(',') {
        Some((whole, fraction)) => (whole.replace('.', ""), fraction),
        // A point before one or two last digits is a decimal point, else it groups thousands.
        None => match text.rsplit_once('.') {
            Some((whole, fraction)) if fraction.len() <= 2 && !whole.contains('.') => {
                (whole.to_owned(), fraction)
            }
            _ => (text.replace('.', ""), ""),
        },
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(&whole) || fraction.len() > 2 || !digits(fraction) {
        return None;
    }
    let cents: i64 = format!("{fraction:0<2}").parse().ok()?;
    let total = whole
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(cents)?;
    Some(if negative { -total } else { total })
}

/// "12.03.2026 (vor 3 Tagen)"
pub fn day_and_age(t: &StaffTexts, at: Timestamp, now: Timestamp) -> String {
    let local = berlin(at.0);
    let days = (berlin(now.0).date() - local.date()).num_days();
    format!("{} ({})", local.format("%d.%m.%Y"), t.days_ago(days))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::texts::DE;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().expect("a valid RFC 3339 instant")
    }

    #[test]
    fn winter_times_are_one_hour_ahead_of_utc() {
        assert_eq!(
            meeting_time(&DE, utc("2026-11-24T17:00:00Z"), None).to_string(),
            "Di., 24.11.2026, 18:00 Uhr"
        );
    }

    #[test]
    fn summer_times_are_two_hours_ahead_and_show_the_end() {
        assert_eq!(
            meeting_time(
                &DE,
                utc("2026-06-01T16:30:00Z"),
                Some(utc("2026-06-01T18:00:00Z"))
            )
            .to_string(),
            "Mo., 01.06.2026, 18:30–20:00 Uhr"
        );
    }

    #[test]
    fn the_clock_changes_on_the_last_sundays_of_march_and_october_at_one_utc() {
        // 2026: 29 March and 25 October.
        let at = |s| berlin(utc(s)).format("%d.%m. %H:%M").to_string();
        assert_eq!(at("2026-03-29T00:59:00Z"), "29.03. 01:59");
        assert_eq!(at("2026-03-29T01:00:00Z"), "29.03. 03:00");
        assert_eq!(at("2026-10-25T00:59:00Z"), "25.10. 02:59");
        assert_eq!(at("2026-10-25T01:00:00Z"), "25.10. 02:00");
    }

    #[test]
    fn an_end_on_another_day_is_not_shown_as_a_time_range() {
        let text = meeting_time(
            &DE,
            utc("2026-01-09T22:00:00Z"),
            Some(utc("2026-01-09T23:30:00Z")),
        );
        assert_eq!(text.day, "Fr., 09.01.2026");
        assert_eq!(text.clock, "23:00 Uhr");
    }

    #[test]
    fn amounts_typed_the_german_or_the_english_way_read_as_cents() {
        for (typed, cents) in [
            ("800", 80_000),
            ("800,5", 80_050),
            ("800,50 €", 80_050),
            ("1.234,56", 123_456),
            ("1.234", 123_400),
            ("1234.5", 123_450),
            ("-5", -500),
        ] {
            assert_eq!(parse_euros(typed), Some(cents), "{typed}");
            assert_eq!(parse_euros(&amount_input(cents)), Some(cents), "{typed}");
        }
        for refused in [
            "",
            "acht",
            "8,001",
            ",50",
            "1e5",
            "99999999999999999999",
            "8 00",
        ] {
            assert_eq!(parse_euros(refused), None, "{refused}");
        }
    }

    #[test]
    fn amounts_use_dots_for_thousands_and_a_comma_for_cents() {
        assert_eq!(euros(150_000), "1.500 €");
        assert_eq!(euros(123_450), "1.234,50 €");
        assert_eq!(euros(5), "0,05 €");
        assert_eq!(euros(1_000_000_000), "10.000.000 €");
        assert_eq!(euros(-99_900), "-999 €");
    }
}
