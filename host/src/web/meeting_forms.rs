//! The forms on a meeting's page besides the agenda (`meeting_agenda.rs`): its details, its
//! attendance and its minutes' notes with their approval — how each is shown, read back
//! into the API's input, and where the API's errors land.
//!
//! Details and notes are both the API's `MeetingUpdate` (`network::change_meeting`): each
//! form sends its own fields and keeps the other's as read, under the meeting's version.

use std::collections::BTreeSet;

use super::meeting_details::{meeting_fields, read_meeting_fields};
use super::meeting_fields::{Attempt, CHECKED, Field, FieldErrors, Kind, Posted};
use super::texts::DE;
use crate::api::validate::TEXT_MAX;
use crate::db::Id;
use crate::error::FieldError;
use crate::messages::Code;
use crate::network::kinds::AttendanceStatus;
use crate::network::{AGENDA_MAX, AttendanceInput, Body, Meeting, MeetingUpdate, VOTES_MAX};

/// The forms of a meeting's page; the key is the form's `teil`, its section's id and the
/// notice's key after saving.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Part {
    Details,
    Agenda,
    Attendance,
    Results,
    Protocol,
}

impl Part {
    pub const ALL: [Part; 5] = [
        Part::Details,
        Part::Agenda,
        Part::Attendance,
        Part::Results,
        Part::Protocol,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Part::Details => "angaben",
            Part::Agenda => "tagesordnung",
            Part::Attendance => "anwesenheit",
            Part::Results => "ergebnisse",
            Part::Protocol => "protokoll",
        }
    }

    pub fn from_key(key: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.key() == key)
    }

    pub fn heading(self) -> &'static str {
        let t = DE.meetings;
        match self {
            Part::Details => t.details_heading,
            Part::Agenda => t.agenda_heading,
            Part::Attendance => t.attendance_heading,
            Part::Results => t.results_heading,
            Part::Protocol => t.protocol_heading,
        }
    }

    /// What the page says once this form is saved.
    pub fn notice(self) -> &'static str {
        let t = DE.meetings;
        match self {
            Part::Details => t.details_notice,
            Part::Agenda => t.agenda_notice,
            Part::Attendance => t.attendance_notice,
            Part::Results => t.results_notice,
            Part::Protocol => t.protocol_notice,
        }
    }
}

/// The details form: the meeting's own fields.
pub(super) fn details_fields(meeting: &Meeting, attempt: Option<&Attempt>) -> Vec<Field> {
    meeting_fields(Some(&meeting.meeting), attempt)
}

/// The minutes' notes and their approval.
pub(super) fn protocol_fields(meeting: &Meeting, attempt: Option<&Attempt>) -> Vec<Field> {
    let t = DE.meetings;
    let approved = if meeting.meeting.minutes_approved {
        CHECKED
    } else {
        ""
    };
    vec![
        Field::new("minutes", t.field_minutes, Kind::Text)
            .hint(t.hint_minutes)
            .max(TEXT_MAX)
            .filled(meeting.minutes.clone().unwrap_or_default(), attempt),
        Field::new("minutes_approved", t.field_approved, Kind::Check)
            .hint(t.hint_approved)
            .filled(approved, attempt),
    ]
}

/// The meeting's update with the details as sent and the notes as read.
pub(super) fn read_details(
    posted: &Posted,
    meeting: &Meeting,
) -> Result<MeetingUpdate, FieldErrors> {
    let fields = read_meeting_fields(posted)?;
    Ok(MeetingUpdate {
        title: fields.title,
        starts_at: fields.starts_at,
        ends_at: fields.ends_at,
        location: fields.location,
        state: fields.state,
        minutes: meeting.minutes.clone(),
        minutes_approved: meeting.meeting.minutes_approved,
    })
}

/// The meeting's update with the details as read and the notes as sent.
pub(super) fn read_protocol(posted: &Posted, meeting: &Meeting) -> MeetingUpdate {
    let m = &meeting.meeting;
    MeetingUpdate {
        title: m.title.clone(),
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        location: m.location.clone(),
        state: m.state,
        minutes: posted.text("minutes"),
        minutes_approved: posted.checked("minutes_approved"),
    }
}

/// Someone who attended, was excused or absent, or may be recorded so: a row of the
/// attendance form, with the state chosen (empty: not recorded).
#[derive(Debug)]
pub(super) struct AttendanceRow {
    pub prefix: String,
    pub who: String,
    pub person: String,
    pub organisation: String,
    pub status: String,
    pub error: Option<String>,
}

/// The attendance recorded, then the body's current members not yet in it; after a
/// refused sending with the states it sent.
pub(super) fn attendance_rows(
    meeting: &Meeting,
    body: &Body,
    attempt: Option<&Attempt>,
) -> Vec<AttendanceRow> {
    let recorded = meeting.attendance.as_deref().unwrap_or_default();
    let mut people: Vec<(Option<Id>, Option<Id>, String, &str)> = recorded
        .iter()
        .map(|a| {
            let who = names(a.organisation_name.as_deref(), a.person_name.as_deref());
            (a.person_id, a.organisation_id, who, a.status.as_str())
        })
        .collect();
    for m in &body.members {
        let listed = people
            .iter()
            .any(|(p, o, _, _)| *p == m.person_id && *o == m.organisation_id);
        if !listed {
            let who = names(m.organisation_name.as_deref(), m.person_name.as_deref());
            people.push((m.person_id, m.organisation_id, who, ""));
        }
    }
    people
        .into_iter()
        .enumerate()
        .map(|(i, (person, organisation, who, status))| {
            let prefix = format!("anw-{i}");
            let status_id = format!("{prefix}-status");
            let (status, error) = match attempt {
                Some(a) => (a.posted.get(&status_id).to_owned(), a.error(&status_id)),
                None => (status.to_owned(), None),
            };
            AttendanceRow {
                prefix,
                who,
                person: person.map(|p| p.to_string()).unwrap_or_default(),
                organisation: organisation.map(|o| o.to_string()).unwrap_or_default(),
                status,
                error,
            }
        })
        .collect()
}

/// "AWO Kreisverband – Maria Muster", or whichever of the two is known.
fn names(organisation: Option<&str>, person: Option<&str>) -> String {
    match (organisation, person) {
        (Some(o), Some(p)) => format!("{o} – {p}"),
        (Some(one), None) | (None, Some(one)) => one.to_owned(),
        (None, None) => DE.not_stated.to_owned(),
    }
}

/// The attendance as the form sent it (rows left "not recorded" are left out), with the
/// form row of each entry.
pub(super) fn read_attendance(
    posted: &Posted,
) -> Result<(Vec<AttendanceInput>, Vec<usize>), FieldErrors> {
    let rows: BTreeSet<usize> = posted
        .0
        .iter()
        .filter_map(|(name, _)| {
            let rest = name.strip_prefix("anw-")?.strip_suffix("-person")?;
            rest.parse::<usize>().ok()
        })
        .collect();
    let mut entries = Vec::new();
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for i in rows {
        let status_id = format!("anw-{i}-status");
        let status = posted.get(&status_id);
        if status.is_empty() {
            continue;
        }
        let id = |name: &str| {
            let text = posted.get(&format!("anw-{i}-{name}"));
            (!text.is_empty()).then(|| text.parse::<Id>())
        };
        match (
            status.parse::<AttendanceStatus>(),
            id("person"),
            id("organisation"),
        ) {
            (Ok(status), person, organisation)
                if person.as_ref().is_none_or(Result::is_ok)
                    && organisation.as_ref().is_none_or(Result::is_ok) =>
            {
                entries.push(AttendanceInput {
                    person_id: person.and_then(Result::ok),
                    organisation_id: organisation.and_then(Result::ok),
                    status,
                });
                sources.push(i);
            }
            _ => errors.push((status_id, DE.meetings.unknown_form.to_owned())),
        }
    }
    if errors.is_empty() {
        Ok((entries, sources))
    } else {
        Err(errors)
    }
}

/// Where an error of the API's check lands in form `part`: the field's id (none: above the
/// forms) and the words said. `rows` maps the API's list index to the form's row.
pub(super) fn place(part: Part, e: &FieldError, rows: &[usize]) -> (Option<String>, String) {
    let t = DE.meetings;
    let code = e.code.as_ref();
    let pointer = e.pointer.trim_start_matches('/');
    let indexed = pointer
        .split_once('/')
        .and_then(|(i, field)| Some((i.parse::<usize>().ok()?, field)));
    let field = match (part, indexed, pointer) {
        (Part::Details, _, "title" | "location" | "state") => Some(pointer.to_owned()),
        (Part::Details, _, "starts_at") => Some("start".to_owned()),
        (Part::Details, _, "ends_at") => Some("end".to_owned()),
        (Part::Protocol, _, "minutes") => Some("minutes".to_owned()),
        (Part::Agenda, Some((i, f @ ("number" | "title"))), _) => {
            rows.get(i).map(|row| format!("top-{row}-{f}"))
        }
        (Part::Results, Some((k, f)), _) if f == "result" || f == "resolution" => {
            Some(format!("erg-{k}-{f}"))
        }
        (Part::Results, Some((k, f)), _) if f.starts_with("votes_") => Some(format!("erg-{k}-{f}")),
        (Part::Attendance, Some((i, _)), _) => rows.get(i).map(|row| format!("anw-{row}-status")),
        _ => None,
    };
    let text = match (part, pointer) {
        (Part::Results, p) if p.contains("/votes_") && code == Code::OutOfRange.as_str() => {
            t.votes_range(VOTES_MAX)
        }
        (Part::Agenda, "") if code == Code::OutOfRange.as_str() => t.agenda_too_long(AGENDA_MAX),
        (Part::Protocol, "minutes") if code == Code::Required.as_str() => {
            t.approve_empty.to_owned()
        }
        _ => e.detail.clone(),
    };
    (field, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_reads_back_from_its_key() {
        for part in Part::ALL {
            assert_eq!(Part::from_key(part.key()), Some(part));
        }
        assert_eq!(Part::from_key("<script>"), None);
    }

    #[test]
    fn the_apis_errors_land_at_the_rows_they_came_from() {
        let error = |pointer: &str, code: Code| FieldError::new(pointer, code);
        let (field, _) = place(Part::Agenda, &error("/1/title", Code::TooLong), &[4, 2]);
        assert_eq!(field.as_deref(), Some("top-2-title"));
        let (field, text) = place(Part::Results, &error("/0/votes_no", Code::OutOfRange), &[]);
        assert_eq!(field.as_deref(), Some("erg-0-votes_no"));
        assert!(text.contains("0 bis 10000"), "{text}");
        let (field, text) = place(Part::Agenda, &error("", Code::OutOfRange), &[]);
        assert_eq!(field, None);
        assert!(text.contains("höchstens 200"), "{text}");
        let (field, _) = place(
            Part::Attendance,
            &error("/0/person_id", Code::ReferenceMissing),
            &[3],
        );
        assert_eq!(field.as_deref(), Some("anw-3-status"));
        let (field, _) = place(Part::Details, &error("/starts_at", Code::OutOfRange), &[]);
        assert_eq!(field.as_deref(), Some("start"));
    }

    #[test]
    fn rows_left_unrecorded_are_left_out_and_forged_ids_are_refused() {
        let organisation = Id::new();
        let posted = |fields: Vec<(&str, String)>| {
            Posted(fields.into_iter().map(|(n, v)| (n.to_owned(), v)).collect())
        };
        let (entries, rows) = read_attendance(&posted(vec![
            ("anw-0-person", String::new()),
            ("anw-0-organisation", organisation.to_string()),
            ("anw-0-status", "anwesend".to_owned()),
            ("anw-1-person", String::new()),
            ("anw-1-organisation", Id::new().to_string()),
        ]))
        .expect("a valid list");
        assert_eq!(rows, [0]);
        assert_eq!(entries[0].organisation_id, Some(organisation));
        assert_eq!(entries[0].status, AttendanceStatus::Anwesend);
        let refused = read_attendance(&posted(vec![
            ("anw-0-person", "keine-id".to_owned()),
            ("anw-0-status", "anwesend".to_owned()),
        ]));
        assert_eq!(refused.expect_err("refused")[0].0, "anw-0-status");
    }
}
