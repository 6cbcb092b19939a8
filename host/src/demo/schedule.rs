//! Writing the demo meetings with agenda items and attendance, dated relative to today so
//! that a fresh demo always has a recent past and upcoming meetings.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};

use super::data::{self, Meeting};
use super::insert::{Keys, id};
use crate::db::{Flag, Id, Timestamp, Tx};
use crate::network::kinds::{AttendanceStatus, MeetingState};

/// The meeting's start: `day` days from `today` at the given hour (UTC), moved off the
/// weekend, since network meetings are held on working days.
pub fn starts_at(today: NaiveDate, meeting: &Meeting) -> DateTime<Utc> {
    let mut date = today + Duration::days(meeting.day);
    match date.weekday() {
        Weekday::Sat => date -= Duration::days(1),
        Weekday::Sun => date += Duration::days(1),
        _ => {}
    }
    date.and_hms_opt(meeting.hour, 0, 0)
        .unwrap_or_default()
        .and_utc()
}

/// A curated meeting as written: the activity's scripted applications refer to it.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    pub body: &'static str,
    pub day: i64,
    pub id: Id,
    pub start: DateTime<Utc>,
}

pub async fn meetings(
    tx: &mut Tx,
    m: Id,
    now: Timestamp,
    keys: &Keys,
) -> anyhow::Result<Vec<Written>> {
    let today = now.0.date_naive();
    let mut written = Vec::with_capacity(data::MEETINGS.len());
    for meeting in data::MEETINGS {
        let id = Id::new();
        let start = starts_at(today, meeting);
        let end = start + Duration::minutes(meeting.minutes_long);
        sqlx::query(
            "INSERT INTO meetings (id, municipality_id, body_id, title, starts_at, ends_at,
                                   location, state, minutes, minutes_approved, version,
                                   created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $11)",
        )
        .bind(id)
        .bind(m)
        .bind(self::id(&keys.bodies, meeting.body)?)
        .bind(meeting.title)
        .bind(Timestamp(start))
        .bind(Timestamp(end))
        .bind(meeting.location)
        .bind(meeting.state.as_str())
        .bind(meeting.minutes)
        .bind(Flag(meeting.minutes_approved))
        .bind(now)
        .execute(&mut **tx)
        .await?;
        agenda(tx, id, meeting).await?;
        if meeting.state == MeetingState::Durchgefuehrt {
            attendance(tx, id, meeting, &start.date_naive().to_string(), keys).await?;
        }
        written.push(Written {
            body: meeting.body,
            day: meeting.day,
            id,
            start,
        });
    }
    Ok(written)
}

async fn agenda(tx: &mut Tx, meeting_id: Id, meeting: &Meeting) -> anyhow::Result<()> {
    for (position, item) in (0_i64..).zip(meeting.agenda) {
        let [yes, no, abstain] = item.votes.map_or([None; 3], |v| v.map(Some));
        sqlx::query(
            "INSERT INTO agenda_items (id, meeting_id, position, number, title, public, result,
                                       resolution, votes_yes, votes_no, votes_abstain)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(Id::new())
        .bind(meeting_id)
        .bind(position)
        .bind(item.number)
        .bind(item.title)
        .bind(Flag(item.public))
        .bind(item.result)
        .bind(item.resolution)
        .bind(yes)
        .bind(no)
        .bind(abstain)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Everyone who was a member of the body on the day attended, unless the meeting lists them
/// as excused or absent.
async fn attendance(
    tx: &mut Tx,
    meeting_id: Id,
    meeting: &Meeting,
    date: &str,
    keys: &Keys,
) -> anyhow::Result<()> {
    let members = data::MEMBERS.iter().filter(|ms| {
        ms.body == meeting.body && ms.starts_on <= date && ms.ends_on.is_none_or(|end| end >= date)
    });
    for (position, ms) in (0_i64..).zip(members) {
        let listed = |keys: &[&str]| {
            [ms.person, ms.organisation]
                .into_iter()
                .flatten()
                .any(|k| keys.contains(&k))
        };
        let status = if listed(meeting.excused) {
            AttendanceStatus::Entschuldigt
        } else if listed(meeting.absent) {
            AttendanceStatus::Abwesend
        } else {
            AttendanceStatus::Anwesend
        };
        sqlx::query(
            "INSERT INTO attendance (meeting_id, position, person_id, organisation_id, status)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(meeting_id)
        .bind(position)
        .bind(ms.person.map(|k| id(&keys.persons, k)).transpose()?)
        .bind(
            ms.organisation
                .map(|k| id(&keys.organisations, k))
                .transpose()?,
        )
        .bind(status.as_str())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
