//! The network: bodies by kind and area; per tile the meetings held and cancelled, the
//! attendance and resolutions of those held, and the memberships, persons and organisations
//! active on the window's last day.

use quartier_documents::Dataset;
use quartier_documents::dataset::Attendance;
use sqlx::AnyConnection;

use super::count;
use super::frame::{Frame, PERIOD};
use super::years::Years;
use crate::db::Sql;
use crate::error::Result;
use crate::network::kinds::{AttendanceStatus, MeetingState};

pub async fn load(
    conn: &mut AnyConnection,
    frame: &Frame,
    dataset: &mut Dataset,
    years: &mut Years,
) -> Result<()> {
    bodies(conn, frame, dataset).await?;
    meetings(conn, frame, dataset, years).await?;
    memberships(conn, frame, dataset, years).await?;
    organisations_by_kind(conn, frame, dataset).await
}

async fn bodies(conn: &mut AnyConnection, frame: &Frame, dataset: &mut Dataset) -> Result<()> {
    let (mut sql, m) = frame.statement();
    let area = frame.in_area("b.area_id");
    sql.push(&format!(
        "SELECT b.kind, a.name, COUNT(*) FROM bodies b LEFT JOIN areas a ON a.id = b.area_id
         WHERE b.municipality_id = {m}{area}
         GROUP BY b.kind, a.name"
    ));
    let rows: Vec<(String, Option<String>, i64)> = sql.query_as().fetch_all(&mut *conn).await?;
    for (kind, area, n) in rows {
        *dataset.bodies_by_kind.entry(kind).or_default() += count(n);
        if let Some(area) = area {
            *dataset.bodies_by_area.entry(area).or_default() += count(n);
        }
        dataset.network.bodies += count(n);
    }
    Ok(())
}

async fn meetings(
    conn: &mut AnyConnection,
    frame: &Frame,
    dataset: &mut Dataset,
    years: &mut Years,
) -> Result<()> {
    let (mut sql, m) = frame.statement();
    let area = frame.in_area("b.area_id");
    let held = sql.bind(MeetingState::Durchgefuehrt.as_str());
    let cancelled = sql.bind(MeetingState::Abgesagt.as_str());
    let entries = |sql: &mut Sql, status: AttendanceStatus| {
        let status = sql.bind(status.as_str());
        format!(
            "CAST(COALESCE(SUM(CASE WHEN m.state = {held} THEN
               (SELECT COUNT(*) FROM attendance t WHERE t.meeting_id = m.id AND t.status = {status})
             END), 0) AS BIGINT)"
        )
    };
    let present = entries(&mut sql, AttendanceStatus::Anwesend);
    let excused = entries(&mut sql, AttendanceStatus::Entschuldigt);
    let absent = entries(&mut sql, AttendanceStatus::Abwesend);
    let period = sql.bind(PERIOD);
    let tile = frame.tile_of("m.starts_at");
    sql.push(&format!(
        "SELECT {tile},
                COUNT(CASE WHEN m.state = {held} THEN 1 END),
                COUNT(CASE WHEN m.state = {cancelled} THEN 1 END),
                {present}, {excused}, {absent},
                CAST(COALESCE(SUM(CASE WHEN m.state = {held} THEN
                  (SELECT COUNT(*) FROM agenda_items i
                   WHERE i.meeting_id = m.id AND TRIM(i.resolution) <> '')
                END), 0) AS BIGINT)
         FROM windows p
         JOIN meetings m ON m.municipality_id = {m} AND m.starts_at >= p.starts AND m.starts_at < p.ends
         JOIN bodies b ON b.id = m.body_id
         WHERE p.w = {period} AND b.municipality_id = {m}{area}
         GROUP BY {tile}"
    ));
    type Row = (i64, i64, i64, i64, i64, i64, i64);
    let rows: Vec<Row> = sql.query_as().fetch_all(&mut *conn).await?;
    for (w, held, cancelled, present, excused, absent, resolutions) in rows {
        let attendance = Attendance {
            present: count(present),
            excused: count(excused),
            absent: count(absent),
        };
        dataset.meetings_held += count(held);
        dataset.meetings_cancelled += count(cancelled);
        dataset.resolutions += count(resolutions);
        dataset.attendance.present += attendance.present;
        dataset.attendance.excused += attendance.excused;
        dataset.attendance.absent += attendance.absent;
        if let Some(year) = years.get(w) {
            year.meetings_held = count(held);
            year.attendance_rate = attendance.rate();
        }
    }
    Ok(())
}

/// `ms` active on the window `w`'s last day, in a body `b` of the area.
fn active(frame: &Frame, m: &str) -> String {
    let area = frame.in_area("b.area_id");
    format!(
        "FROM windows w
         JOIN bodies b ON b.municipality_id = {m}{area}
         JOIN memberships ms ON ms.body_id = b.id AND ms.municipality_id = {m}
           AND (ms.starts_on IS NULL OR ms.starts_on <= w.last_day)
           AND (ms.ends_on IS NULL OR ms.ends_on >= w.last_day)"
    )
}

async fn memberships(
    conn: &mut AnyConnection,
    frame: &Frame,
    dataset: &mut Dataset,
    years: &mut Years,
) -> Result<()> {
    let (mut sql, m) = frame.statement();
    sql.push(&format!(
        "SELECT w.w, COUNT(*), COUNT(DISTINCT ms.person_id), COUNT(DISTINCT ms.organisation_id)
         {}
         GROUP BY w.w",
        active(frame, &m)
    ));
    let rows: Vec<(i64, i64, i64, i64)> = sql.query_as().fetch_all(&mut *conn).await?;
    for (w, memberships, persons, organisations) in rows {
        if w == PERIOD {
            dataset.network.memberships = count(memberships);
            dataset.network.persons = count(persons);
            dataset.network.organisations = count(organisations);
        } else if let Some(year) = years.get(w) {
            year.organisations = count(organisations);
        }
    }
    Ok(())
}

async fn organisations_by_kind(
    conn: &mut AnyConnection,
    frame: &Frame,
    dataset: &mut Dataset,
) -> Result<()> {
    let (mut sql, m) = frame.statement();
    let period = sql.bind(PERIOD);
    sql.push(&format!(
        "SELECT o.kind, COUNT(DISTINCT o.id)
         {}
         JOIN organisations o ON o.id = ms.organisation_id
         WHERE w.w = {period}
         GROUP BY o.kind",
        active(frame, &m)
    ));
    let rows: Vec<(String, i64)> = sql.query_as().fetch_all(&mut *conn).await?;
    dataset.network.organisations_by_kind = rows.into_iter().map(|(k, n)| (k, count(n))).collect();
    Ok(())
}
