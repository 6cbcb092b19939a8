//! The fields of a meeting itself — title, date, start, end, location, state — for
//! planning one (`meeting_list.rs`) and for its details (`meeting_forms.rs`): shown, and read
//! back from a sending.
//!
//! Dates and times are entered in German local time (the page shows them so) and turned into
//! instants by the inverse of `format::berlin`; the instant then goes through
//! `Timestamp::parse`, the one parse of instants from clients, so the pages accept exactly
//! the years the API does.

use chrono::{NaiveDate, NaiveTime};

use super::format::{berlin, from_berlin};
use super::meeting_fields::{Attempt, Choice, Field, FieldErrors, Kind, Posted};
use super::texts::DE;
use crate::db::Timestamp;
use crate::network::kinds::MeetingState;
/// The fields of a meeting itself, for planning one and for its details.
pub(super) fn meeting_fields(
    current: Option<&crate::network::MeetingSummary>,
    attempt: Option<&Attempt>,
) -> Vec<Field> {
    let t = DE.meetings;
    let local = current.map(|m| berlin(m.starts_at.0));
    let end = current.and_then(|m| m.ends_at).map(|e| berlin(e.0));
    let mut state = Field::new("state", t.field_state, Kind::Select).filled(
        current.map_or(MeetingState::Geplant, |m| m.state).as_str(),
        attempt,
    );
    state.choices = MeetingState::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str().to_owned(),
            label: s.label_de().to_owned(),
        })
        .collect();
    let max = crate::api::validate::NAME_MAX;
    vec![
        Field::new("title", t.field_title, Kind::Line)
            .hint(t.hint_title)
            .required()
            .max(max)
            .filled(current.map_or("", |m| m.title.as_str()), attempt),
        Field::new("date", t.field_date, Kind::Date)
            .hint(t.hint_date)
            .required()
            .class("short")
            .filled(
                local.map_or(String::new(), |l| l.format("%d.%m.%Y").to_string()),
                attempt,
            ),
        Field::new("start", t.field_start, Kind::Time)
            .hint(t.hint_start)
            .required()
            .class("short")
            .filled(
                local.map_or(String::new(), |l| l.format("%H:%M").to_string()),
                attempt,
            ),
        Field::new("end", t.field_end, Kind::Time)
            .hint(t.hint_end)
            .class("short")
            .filled(
                end.map_or(String::new(), |l| l.format("%H:%M").to_string()),
                attempt,
            ),
        Field::new("location", t.field_location, Kind::Line)
            .max(max)
            .filled(
                current.and_then(|m| m.location.as_deref()).unwrap_or(""),
                attempt,
            ),
        state,
    ]
}

/// A meeting's fields as the form sent them; errors by field id.
#[derive(Debug)]
pub(super) struct MeetingFields {
    pub title: String,
    pub starts_at: Timestamp,
    pub ends_at: Option<Timestamp>,
    pub location: Option<String>,
    pub state: MeetingState,
}

/// Reads the meeting's fields. Title and location go to the API as sent (it checks them);
/// what only the page knows — the date, the times, the state's key — is checked here.
pub(super) fn read_meeting_fields(posted: &Posted) -> Result<MeetingFields, FieldErrors> {
    let t = DE.meetings;
    let mut errors = Vec::new();
    let date = read_date(posted.get("date")).map_err(|e| errors.push(("date".to_owned(), e)));
    let start =
        read_time(posted.get("start"), true).map_err(|e| errors.push(("start".to_owned(), e)));
    let end = read_time(posted.get("end"), false).map_err(|e| errors.push(("end".to_owned(), e)));
    let state = posted
        .get("state")
        .parse::<MeetingState>()
        .map_err(|_| errors.push(("state".to_owned(), t.unknown_form.to_owned())));
    let (Ok(date), Ok(Some(start)), Ok(end), Ok(state)) = (date, start, end, state) else {
        return Err(errors);
    };
    let starts_at = instant(date, start, "start").map_err(|e| vec![e])?;
    let ends_at = match end {
        None => None,
        Some(end) => {
            // An end before the start is on the next day ("20:00–01:00").
            let day = if end < start {
                date.succ_opt().unwrap_or(date)
            } else {
                date
            };
            Some(instant(day, end, "end").map_err(|e| vec![e])?)
        }
    };
    Ok(MeetingFields {
        title: posted.get("title").to_owned(),
        starts_at,
        ends_at,
        location: posted.text("location"),
        state,
    })
}

/// A date as people type it (`10.12.2026`) or in ISO form (`2026-12-10`).
fn read_date(text: &str) -> Result<NaiveDate, String> {
    let t = DE.meetings;
    let text = text.trim();
    if text.is_empty() {
        return Err(t.date_missing.to_owned());
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .map_err(|_| t.date_malformed.to_owned())
}

/// A clock time: `18:00` (also with seconds, as some time fields send), `18.00` or `18`.
fn read_time(text: &str, required: bool) -> Result<Option<NaiveTime>, String> {
    let t = DE.meetings;
    let text = text.trim();
    if text.is_empty() {
        return if required {
            Err(t.time_missing.to_owned())
        } else {
            Ok(None)
        };
    }
    ["%H:%M", "%H:%M:%S", "%H.%M"]
        .iter()
        .find_map(|format| NaiveTime::parse_from_str(text, format).ok())
        .or_else(|| {
            let hour = text.parse::<u32>().ok()?;
            NaiveTime::from_hms_opt(hour, 0, 0)
        })
        .map(Some)
        .ok_or_else(|| t.time_malformed.to_owned())
}

/// The instant German clocks show at `time` (entered in field `field`) on `day`, within the
/// years the API accepts; else the field at fault and why.
fn instant(day: NaiveDate, time: NaiveTime, field: &str) -> Result<Timestamp, (String, String)> {
    let t = DE.meetings;
    let utc = from_berlin(day.and_time(time))
        .ok_or_else(|| (field.to_owned(), t.time_skipped.to_owned()))?;
    // Not a second parse: the API's own check of the years, on the instant found.
    Timestamp::parse(&utc.to_rfc3339())
        .map_err(|_| ("date".to_owned(), t.date_out_of_range.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted(fields: &[(&str, &str)]) -> Posted {
        Posted(
            fields
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn a_meeting_in_winter_is_read_in_german_local_time_with_its_end() {
        let read = read_meeting_fields(&posted(&[
            ("title", "Stadtteilkonferenz"),
            ("date", "10.12.2026"),
            ("start", "18:00"),
            ("end", "20.30"),
            ("location", "  "),
            ("state", "geplant"),
        ]))
        .expect("valid fields");
        assert_eq!(read.starts_at.to_db(), "2026-12-10T17:00:00.000000Z");
        assert_eq!(
            read.ends_at.map(Timestamp::to_db).as_deref(),
            Some("2026-12-10T19:30:00.000000Z")
        );
        assert_eq!(read.location, None);
        assert_eq!(read.state, MeetingState::Geplant);
    }

    #[test]
    fn an_end_before_the_start_is_on_the_next_day() {
        let read = read_meeting_fields(&posted(&[
            ("date", "2026-06-30"),
            ("start", "20:00"),
            ("end", "01:00"),
            ("state", "eingeladen"),
        ]))
        .expect("valid fields");
        assert_eq!(
            read.ends_at.map(Timestamp::to_db).as_deref(),
            Some("2026-06-30T23:00:00.000000Z")
        );
    }

    #[test]
    fn missing_malformed_and_impossible_dates_and_times_are_refused_at_their_fields() {
        let fields = |date: &str, start: &str, state: &str| {
            read_meeting_fields(&posted(&[
                ("date", date),
                ("start", start),
                ("state", state),
            ]))
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|(field, _)| field)
            .collect::<Vec<_>>()
        };
        assert_eq!(fields("", "", "geplant"), ["date", "start"]);
        assert_eq!(fields("31.02.2026", "25:00", "geplant"), ["date", "start"]);
        assert_eq!(fields("2026-12-10", "18:00", "erfunden"), ["state"]);
        assert_eq!(fields("29.03.2026", "02:30", "geplant"), ["start"]);
        assert_eq!(fields("01.01.2300", "10:00", "geplant"), ["date"]);
        assert!(fields("2026-12-10", "18", "abgesagt").is_empty());
    }
}
