//! A meeting's attendance list: who attended, was excused or absent. Staff only, and
//! replaced as one whole list under the meeting's version.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::{Meeting, edited, finish_edit, load_visible, require_editor};
use crate::api::extract::{IfMatch, Json, Path};
use crate::api::validate::Check;
use crate::audit::ObjectKind;
use crate::auth::Scope;
use crate::auth::{Table, check_organisation, check_reference, claim_version};
use crate::db::Id;
use crate::error::Result;
use crate::messages::Code;
use crate::network::kinds::AttendanceStatus;
use crate::state::AppState;

/// Attendance entries per meeting; a large Stadtteilkonferenz has well under a hundred.
const ATTENDANCE_MAX: usize = 500;

/// Who attended, was excused or absent.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Attendance {
    pub person_id: Option<Id>,
    /// None once the person's data has been erased.
    pub person_name: Option<String>,
    pub organisation_id: Option<Id>,
    pub organisation_name: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: AttendanceStatus,
}

/// One attendance entry as sent: a person, an organisation, or a person for an organisation.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceInput {
    #[serde(default)]
    pub person_id: Option<Id>,
    #[serde(default)]
    pub organisation_id: Option<Id>,
    pub status: AttendanceStatus,
}

fn check(entries: &[AttendanceInput]) -> Result<()> {
    let mut c = Check::new();
    c.that(entries.len() <= ATTENDANCE_MAX, "", Code::OutOfRange);
    for (i, e) in entries.iter().enumerate() {
        let someone = e.person_id.is_some() || e.organisation_id.is_some();
        c.that(someone, &format!("/{i}/person_id"), Code::Required);
        let repeated = entries[..i]
            .iter()
            .any(|x| x.person_id == e.person_id && x.organisation_id == e.organisation_id);
        c.that(
            !someone || !repeated,
            &format!("/{i}/person_id"),
            Code::AlreadyExists,
        );
    }
    c.finish()
}

/// The meeting's attendance in the order entered; an erased person keeps the entry, not
/// the name. For staff only: the caller decides.
pub(super) async fn load(state: &AppState, meeting_id: Id) -> Result<Vec<Attendance>> {
    let entries = sqlx::query_as::<_, Attendance>(
        "SELECT a.person_id, CASE WHEN p.erased_at IS NULL THEN p.name END AS person_name,
                a.organisation_id, o.name AS organisation_name, a.status
         FROM attendance a
         LEFT JOIN persons p ON p.id = a.person_id
         LEFT JOIN organisations o ON o.id = a.organisation_id
         WHERE a.meeting_id = $1 ORDER BY a.position",
    )
    .bind(meeting_id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(entries)
}

/// Replaces the attendance list. `If-Match` carries the meeting's `ETag`.
#[utoipa::path(put, path = "/api/v1/municipalities/{municipality}/meetings/{id}/attendance", tag = "Sitzungen",
    params(("municipality" = String, Path), ("id" = Id, Path), ("If-Match" = String, Header)),
    request_body = Vec<AttendanceInput>,
    responses((status = 200, body = Meeting), (status = 412, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub(super) async fn replace_attendance(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    if_match: IfMatch,
    Json(entries): Json<Vec<AttendanceInput>>,
) -> Result<Response> {
    Ok(edited(
        set_attendance(&state, &scope, id, if_match, &entries).await?,
    ))
}

/// Replaces the attendance list of meeting `id` if `if_match` is still its version (412
/// otherwise): the API's `PUT …/attendance` and the signed-in pages' attendance form.
pub async fn set_attendance(
    state: &AppState,
    scope: &Scope,
    id: Id,
    if_match: IfMatch,
    entries: &[AttendanceInput],
) -> Result<Meeting> {
    load_visible(state, scope, id).await?;
    require_editor(scope)?;
    check(entries)?;
    let mut tx = state.db.begin().await?;
    for (i, e) in entries.iter().enumerate() {
        let person = format!("/{i}/person_id");
        check_reference(&mut tx, scope, Table::Persons, e.person_id, &person).await?;
        let organisation = format!("/{i}/organisation_id");
        check_organisation(&mut tx, e.organisation_id, &organisation).await?;
    }
    claim_version(&mut tx, scope, Table::Meetings, id, if_match).await?;
    sqlx::query("DELETE FROM attendance WHERE meeting_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for (position, e) in (0_i64..).zip(entries) {
        sqlx::query(
            "INSERT INTO attendance (meeting_id, position, person_id, organisation_id, status)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(position)
        .bind(e.person_id)
        .bind(e.organisation_id)
        .bind(e.status.as_str())
        .execute(&mut *tx)
        .await?;
    }
    finish_edit(tx, state, scope, ObjectKind::MeetingAttendance, id).await
}
