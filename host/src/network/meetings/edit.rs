//! Scheduling, editing and deleting a meeting itself: its fields, state and minutes. Agenda
//! and attendance have their own modules.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::{Meeting, edited, finish_edit, load_visible, meeting, require_editor};
use crate::api::extract::{IfMatch, Json, Path};
use crate::api::respond::created;
use crate::api::validate::{Check, NAME_MAX, TEXT_MAX};
use crate::audit::{Action, ObjectKind, record_change};
use crate::auth::Scope;
use crate::auth::{Table, check_reference, stale_or_missing, update_versioned};
use crate::db::{Flag, Id, Timestamp};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::network::kinds::MeetingState;
use crate::state::AppState;

/// A new meeting.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingInput {
    pub body_id: Id,
    pub title: String,
    pub starts_at: Timestamp,
    #[serde(default)]
    pub ends_at: Option<Timestamp>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default = "planned")]
    pub state: MeetingState,
}

fn planned() -> MeetingState {
    MeetingState::Geplant
}

/// The editable fields of a meeting; the body cannot change.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingUpdate {
    pub title: String,
    pub starts_at: Timestamp,
    #[serde(default)]
    pub ends_at: Option<Timestamp>,
    #[serde(default)]
    pub location: Option<String>,
    pub state: MeetingState,
    /// The structured minutes (*Protokoll*).
    #[serde(default)]
    pub minutes: Option<String>,
    #[serde(default)]
    pub minutes_approved: bool,
}

/// Checks shared by creating and editing: title, location and a sensible time span.
fn check_fields(
    c: &mut Check,
    title: &str,
    starts_at: Timestamp,
    ends_at: Option<Timestamp>,
    location: Option<&str>,
) {
    c.name("/title", title);
    c.optional_text("/location", location, NAME_MAX);
    c.that(
        ends_at.is_none_or(|end| end >= starts_at),
        "/ends_at",
        Code::OutOfRange,
    );
}

impl MeetingInput {
    fn check(&self) -> Result<()> {
        let mut c = Check::new();
        let location = self.location.as_deref();
        check_fields(&mut c, &self.title, self.starts_at, self.ends_at, location);
        c.finish()
    }
}

impl MeetingUpdate {
    fn check(&self) -> Result<()> {
        let mut c = Check::new();
        let location = self.location.as_deref();
        check_fields(&mut c, &self.title, self.starts_at, self.ends_at, location);
        c.optional_text("/minutes", self.minutes.as_deref(), TEXT_MAX);
        let has_minutes = self
            .minutes
            .as_deref()
            .is_some_and(|m| !m.trim().is_empty());
        // Approving minutes that do not exist would publish nothing and look like a record.
        c.that(
            !self.minutes_approved || has_minutes,
            "/minutes",
            Code::Required,
        );
        c.finish()
    }
}

/// Schedules a meeting of a body. Staff only.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/meetings", tag = "Sitzungen",
    params(("municipality" = String, Path)), request_body = MeetingInput,
    responses((status = 201, body = Meeting), (status = 422, body = crate::error::Problem)))]
pub(super) async fn create_meeting(
    State(state): State<AppState>,
    scope: Scope,
    Json(input): Json<MeetingInput>,
) -> Result<Response> {
    let meeting = plan_meeting(&state, &scope, &input).await?;
    Ok(created(meeting.meeting.version, meeting))
}

/// Schedules a meeting of a body of the scope's municipality: the API's
/// `POST …/meetings` and the signed-in pages' planning form.
pub async fn plan_meeting(
    state: &AppState,
    scope: &Scope,
    input: &MeetingInput,
) -> Result<Meeting> {
    require_editor(scope)?;
    input.check()?;
    let mut tx = state.db.begin().await?;
    check_reference(
        &mut tx,
        scope,
        Table::Bodies,
        Some(input.body_id),
        "/body_id",
    )
    .await?;
    let id = Id::new();
    let now = Timestamp::now();
    sqlx::query(
        "INSERT INTO meetings (id, municipality_id, body_id, title, starts_at, ends_at, location,
                               state, minutes_approved, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 1, $9, $9)",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(input.body_id)
    .bind(input.title.trim())
    .bind(input.starts_at)
    .bind(input.ends_at)
    .bind(&input.location)
    .bind(input.state.as_str())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    record_change(&mut tx, scope, Action::Create, ObjectKind::Meeting, id).await?;
    tx.commit().await?;
    meeting(state, scope, id).await
}

/// Replaces a meeting's fields and minutes. Send the `ETag` you read as `If-Match`.
#[utoipa::path(put, path = "/api/v1/municipalities/{municipality}/meetings/{id}", tag = "Sitzungen",
    params(("municipality" = String, Path), ("id" = Id, Path), ("If-Match" = String, Header)),
    request_body = MeetingUpdate,
    responses((status = 200, body = Meeting), (status = 412, body = crate::error::Problem), (status = 428, body = crate::error::Problem)))]
pub(super) async fn update_meeting(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    if_match: IfMatch,
    Json(input): Json<MeetingUpdate>,
) -> Result<Response> {
    Ok(edited(
        change_meeting(&state, &scope, id, if_match, &input).await?,
    ))
}

/// Replaces the fields and minutes of meeting `id` if `if_match` is still its version (412
/// otherwise): the API's `PUT …/meetings/{id}` and the signed-in pages' forms of the
/// meeting's details and of its minutes.
pub async fn change_meeting(
    state: &AppState,
    scope: &Scope,
    id: Id,
    if_match: IfMatch,
    input: &MeetingUpdate,
) -> Result<Meeting> {
    load_visible(state, scope, id).await?;
    require_editor(scope)?;
    input.check()?;
    let mut tx = state.db.begin().await?;
    let set = "title = $5, starts_at = $6, ends_at = $7, location = $8, state = $9, \
               minutes = $10, minutes_approved = $11";
    update_versioned(&mut tx, scope, Table::Meetings, (id, if_match), set, |s| {
        s.bind(input.title.trim())
            .bind(input.starts_at)
            .bind(input.ends_at)
            .bind(&input.location)
            .bind(input.state.as_str())
            .bind(&input.minutes)
            .bind(Flag(input.minutes_approved))
    })
    .await?;
    finish_edit(tx, state, scope, ObjectKind::Meeting, id).await
}

/// Deletes a meeting that was only planned or cancelled, has no minutes and no fund decision
/// or contract review refers to; a meeting that took place (or was invited to) is part of
/// the record and answers 409.
#[utoipa::path(delete, path = "/api/v1/municipalities/{municipality}/meetings/{id}", tag = "Sitzungen",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 204), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
pub(super) async fn delete_meeting(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<StatusCode> {
    load_visible(&state, &scope, id).await?;
    require_editor(&scope)?;
    let mut tx = state.db.begin().await?;
    // Children go first (no reliance on cascades); if the meeting turns out not to be
    // deletable, dropping the transaction restores them.
    for child in [
        "DELETE FROM agenda_items WHERE meeting_id = $1",
        "DELETE FROM attendance WHERE meeting_id = $1",
    ] {
        sqlx::query(child).bind(id).execute(&mut *tx).await?;
    }
    // The condition sits in the DELETE itself, so a concurrent "held" edit cannot slip in.
    let deleted = sqlx::query(
        "DELETE FROM meetings WHERE id = $1 AND municipality_id = $2 AND state IN ($3, $4)
           AND (minutes IS NULL OR minutes = '')
           AND NOT EXISTS (SELECT 1 FROM fund_application_events WHERE meeting_id = $1)
           AND NOT EXISTS (SELECT 1 FROM contract_reviews WHERE meeting_id = $1)",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(MeetingState::Geplant.as_str())
    .bind(MeetingState::Abgesagt.as_str())
    .execute(&mut *tx)
    .await?;
    if deleted.rows_affected() == 0 {
        // "Stale" here means the row is still there: held, invited or with minutes.
        return Err(
            match stale_or_missing(&mut tx, Table::Meetings, id, &scope).await {
                Error::Client(Code::PreconditionFailed, _) => Error::client(Code::InUse),
                other => other,
            },
        );
    }
    record_change(&mut tx, &scope, Action::Delete, ObjectKind::Meeting, id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
