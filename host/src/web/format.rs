//! Dates, times and amounts as German readers expect them.
//!
//! Times are stored in UTC and shown in German local time. Rather than pull in a time-zone
//! database for one zone, [`berlin`] applies the EU summer-time rule (in force since 1996):
//! CEST (UTC+2) from the last Sunday of March, 01:00 UTC, to the last Sunday of October,
//! 01:00 UTC; CET (UTC+1) otherwise. Should the EU abolish the clock change, this is the one
//! place to adapt.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, TimeDelta, Timelike, Utc};

use super::texts::{DE, StaffTexts, Texts};
use crate::db::{Date, Timestamp};
use crate::network::MeetingSummary;

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

/// The instant at which German clocks show `local`: the inverse of [`berlin`]. In the hour
/// the clocks go back (October) it is the earlier, summer-time instant; in the hour they skip
/// (March) there is none.
pub fn from_berlin(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    [2, 1]
        .into_iter()
        .map(|hours| (local - TimeDelta::hours(hours)).and_utc())
        .find(|utc| berlin(*utc) == local)
}

/// "04.12.2026, 15:10 Uhr", in German local time.
pub fn day_and_clock(t: &Texts, at: Timestamp) -> String {
    let local = berlin(at.0);
    format!(
        "{}, {} {}",
        local.format("%d.%m.%Y"),
        local.format("%H:%M"),
        t.oclock
    )
}

/// "7 ja, 1 nein, 2 Enthaltungen", or nothing when no vote was recorded.
pub fn votes(t: &Texts, yes: Option<i64>, no: Option<i64>, abstain: Option<i64>) -> Option<String> {
    if yes.is_none() && no.is_none() && abstain.is_none() {
        return None;
    }
    let n = |v: Option<i64>| v.unwrap_or(0);
    let abstentions = match n(abstain) {
        1 => t.votes_abstain_one,
        _ => t.votes_abstain,
    };
    Some(format!(
        "{} {}, {} {}, {} {abstentions}",
        n(yes),
        t.votes_yes,
        n(no),
        t.votes_no,
        n(abstain),
    ))
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

/// A calendar day the German way: "31.12.2026".
pub fn day(d: Date) -> String {
    d.naive().format("%d.%m.%Y").to_string()
}

/// An instant in German local time: "04.12.2026, 15:10 Uhr".
pub fn day_and_time(t: &Texts, at: Timestamp) -> String {
    format!("{} {}", berlin(at.0).format("%d.%m.%Y, %H:%M"), t.oclock)
}

/// A measured or target value the German way, at most two decimals: "1.234,5".
pub fn value(x: f64) -> String {
    crate::reports::render::number::decimal(x, 2)
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

/// What a meeting's page and its minutes say first: body, time, place and state.
pub fn meeting_facts(m: &MeetingSummary, when: &MeetingTime) -> Vec<(&'static str, String)> {
    let t = DE.meetings;
    let mut facts = vec![
        (t.fact_body, m.body_name.clone()),
        (t.fact_when, when.to_string()),
    ];
    if let Some(location) = &m.location {
        facts.push((t.fact_location, location.clone()));
    }
    facts.push((t.fact_state, m.state.label_de().to_owned()));
    facts
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
    fn local_times_turn_back_into_the_instants_they_show() {
        let local =
            |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("a local time");
        let back = |s: &str| from_berlin(local(s)).map(|t| t.to_rfc3339());
        assert_eq!(
            back("2026-11-24 18:00"),
            Some("2026-11-24T17:00:00+00:00".to_owned())
        );
        assert_eq!(
            back("2026-06-01 18:30"),
            Some("2026-06-01T16:30:00+00:00".to_owned())
        );
        // 29 March 2026, 02:30 does not exist; 25 October, 02:30 exists twice.
        assert_eq!(back("2026-03-29 02:30"), None);
        assert_eq!(
            back("2026-10-25 02:30"),
            Some("2026-10-25T00:30:00+00:00".to_owned())
        );
        for s in ["2026-01-09 23:00", "2026-03-29 03:00", "2026-10-25 03:00"] {
            let utc = from_berlin(local(s)).expect("an instant");
            assert_eq!(berlin(utc), local(s), "{s}");
        }
    }

    #[test]
    fn votes_read_as_a_german_sentence_and_none_without_a_vote() {
        assert_eq!(
            votes(&DE, Some(7), Some(1), Some(2)).as_deref(),
            Some("7 ja, 1 nein, 2 Enthaltungen")
        );
        assert_eq!(
            votes(&DE, Some(9), None, Some(1)).as_deref(),
            Some("9 ja, 0 nein, 1 Enthaltung")
        );
        assert_eq!(votes(&DE, None, None, None), None);
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
