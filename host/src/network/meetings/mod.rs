//! Meetings (*Sitzungen*) of bodies: when and where, their state, the ordered agenda with
//! results and votes, attendance and the minutes (*Protokoll*).
//!
//! A meeting is visible exactly when its body is. Non-staff callers see only the public
//! agenda items, no attendance, and minutes only once they are approved. Agenda and
//! attendance are replaced as whole lists and share the meeting's version, so every edit of
//! a meeting — fields, agenda or attendance — is one optimistic-concurrency stream.
//! Files attached to meetings are not handled here (the public minutes page and OParl's File
//! are renderings of what is stored here: `web::public_minutes`, `oparl::file`).
//!
//! This module holds the meeting as read and the helpers every edit shares; `filter` the
//! list's query parameters, `edit` the meeting's own fields, `agenda` and `attendance` the
//! two lists. Each handler is a thin wrapper of a function (`meeting`, `plan_meeting`,
//! `change_meeting`, `set_agenda`, `set_attendance`) that the signed-in pages call too, so
//! both check permission (`require_editor`), input and version the same way.

mod agenda;
mod attendance;
mod edit;
mod filter;

use axum::extract::State;
use axum::response::Response;
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::kinds::MeetingState;
use super::visible_body;
use crate::api::extract::{Path, Query};
use crate::api::page::{Page, PageParams};
use crate::api::respond::ok_with_etag;
use crate::audit::{Action, ObjectKind, record_change};
use crate::auth::Scope;
use crate::db::{Flag, Id, Sql, Timestamp, Tx};
use crate::error::Result;
use crate::state::AppState;
pub use agenda::{AGENDA_MAX, AgendaItem, AgendaItemInput, VOTES_MAX, set_agenda};
pub use attendance::{Attendance, AttendanceInput, set_attendance};
pub use edit::{MeetingInput, MeetingUpdate, change_meeting, plan_meeting};
use filter::Bound;
pub use filter::MeetingFilter;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_meetings, edit::create_meeting))
        .routes(routes!(
            get_meeting,
            edit::update_meeting,
            edit::delete_meeting
        ))
        .routes(routes!(agenda::replace_agenda))
        .routes(routes!(attendance::replace_attendance))
}

/// Whether the caller may plan meetings and edit their fields, agenda, attendance and
/// minutes: staff. The one rule for the API's handlers and the signed-in pages (which ask
/// it only to decide which forms to offer; the edits check it again).
pub fn require_editor(scope: &Scope) -> Result<()> {
    scope.require_staff()
}

/// [`require_editor`] as a yes or no, for a page deciding which forms to show.
pub fn may_edit(scope: &Scope) -> bool {
    require_editor(scope).is_ok()
}

/// A meeting as listed: the stored row with its body's name, without agenda and minutes.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct MeetingSummary {
    pub id: Id,
    pub body_id: Id,
    pub body_name: String,
    pub title: String,
    pub starts_at: Timestamp,
    pub ends_at: Option<Timestamp>,
    pub location: Option<String>,
    #[sqlx(try_from = "String")]
    pub state: MeetingState,
    #[sqlx(try_from = "Flag")]
    pub minutes_approved: bool,
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A meeting with minutes, agenda and (for staff) attendance.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Meeting {
    #[serde(flatten)]
    pub meeting: MeetingSummary,
    /// The minutes; shown to non-staff callers only once approved.
    pub minutes: Option<String>,
    /// In agenda order; non-staff callers get the public items only.
    pub agenda: Vec<AgendaItem>,
    /// Staff only; absent for everyone else.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendance: Option<Vec<Attendance>>,
}

/// Columns of [`MeetingSummary`], for `SELECT … FROM meetings m JOIN bodies b ON b.id = m.body_id`.
pub const COLUMNS: &str = "m.id, m.body_id, b.name AS body_name, m.title, m.starts_at, m.ends_at, \
     m.location, m.state, m.minutes_approved, m.version, m.created_at, m.updated_at";

/// Lists the meetings of the bodies the caller may see, earliest first.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/meetings", tag = "Sitzungen",
    params(("municipality" = String, Path, description = "Kürzel der Kommune"), MeetingFilter,
        PageParams),
    responses((status = 200, body = Page<MeetingSummary>), (status = 400, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
async fn list_meetings(
    State(state): State<AppState>,
    scope: Scope,
    Query(filter): Query<MeetingFilter>,
) -> Result<axum::Json<Page<MeetingSummary>>> {
    Ok(axum::Json(visible_meetings(&state, &scope, filter).await?))
}

/// A page of the meetings of the bodies the caller may see, earliest first: the list of the
/// API and of the signed-in pages.
pub async fn visible_meetings(
    state: &AppState,
    scope: &Scope,
    filter: MeetingFilter,
) -> Result<Page<MeetingSummary>> {
    let from = filter
        .from
        .as_deref()
        .map(|f| Bound::parse("from", f))
        .transpose()?;
    let to = filter
        .to
        .as_deref()
        .map(|t| Bound::parse("to", t))
        .transpose()?;
    let mut sql = Sql::new("");
    let m = sql.bind(scope.municipality_id);
    let mut condition = format!(
        "m.municipality_id = {m} AND {}",
        visible_body(scope, &mut sql, "b")
    );
    if let Some(body) = filter.body_id {
        condition += &format!(" AND m.body_id = {}", sql.bind(body));
    }
    if let Some(wanted) = filter.state {
        condition += &format!(" AND m.state = {}", sql.bind(wanted.as_str()));
    }
    // Fixed-width RFC 3339 text compares chronologically on both backends.
    if let Some(from) = from {
        condition += &format!(" AND m.starts_at >= {}", sql.bind(from.lower()));
    }
    if let Some(to) = to {
        condition += &format!(" AND m.starts_at < {}", sql.bind(to.upper()));
    }
    sql.push(&format!(
        "SELECT {COLUMNS}, COUNT(*) OVER () AS total FROM meetings m \
         JOIN bodies b ON b.id = m.body_id WHERE {condition} ORDER BY m.starts_at, m.id"
    ));
    Ok(Page::fetch(sql, filter.page, &state.db.pool).await?)
}

#[derive(sqlx::FromRow)]
struct MeetingRow {
    #[sqlx(flatten)]
    meeting: MeetingSummary,
    minutes: Option<String>,
}

/// Loads a meeting whose body the caller may see, or 404.
async fn load_visible(state: &AppState, scope: &Scope, id: Id) -> Result<MeetingRow> {
    let mut sql = Sql::new("");
    let (mid, m) = (sql.bind(id), sql.bind(scope.municipality_id));
    let visible = visible_body(scope, &mut sql, "b");
    sql.push(&format!(
        "SELECT {COLUMNS}, m.minutes FROM meetings m JOIN bodies b ON b.id = m.body_id \
         WHERE m.id = {mid} AND m.municipality_id = {m} AND {visible}"
    ));
    sql.fetch_found::<MeetingRow, _>(&state.db.pool).await
}

/// The meeting as this caller may see it: public items only and no attendance for non-staff.
async fn with_details(state: &AppState, scope: &Scope, row: MeetingRow) -> Result<Meeting> {
    let staff = scope.is_staff();
    let agenda = agenda::load(state, row.meeting.id, staff).await?;
    let attendance = if staff {
        Some(attendance::load(state, row.meeting.id).await?)
    } else {
        None
    };
    // Draft minutes are not published: they may still change or mention non-public items.
    let minutes = row
        .minutes
        .filter(|_| staff || row.meeting.minutes_approved);
    Ok(Meeting {
        meeting: row.meeting,
        minutes,
        agenda,
        attendance,
    })
}

/// One meeting as this caller may see it (404 when its body is hidden from them, or it is
/// another municipality's): the API's `GET …/meetings/{id}` and the signed-in pages' read.
pub async fn meeting(state: &AppState, scope: &Scope, id: Id) -> Result<Meeting> {
    let row = load_visible(state, scope, id).await?;
    with_details(state, scope, row).await
}

/// One meeting with its agenda, and for staff its attendance.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/meetings/{id}", tag = "Sitzungen",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = Meeting, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)))]
async fn get_meeting(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<Response> {
    let meeting = meeting(&state, &scope, id).await?;
    Ok(ok_with_etag(meeting.meeting.version, meeting))
}

/// Ends every edit of an existing meeting the same way: an `Update` audit entry for `kind`
/// in the same transaction, commit, and the meeting as it now is.
async fn finish_edit(
    mut tx: Tx,
    state: &AppState,
    scope: &Scope,
    kind: ObjectKind,
    id: Id,
) -> Result<Meeting> {
    record_change(&mut tx, scope, Action::Update, kind, id).await?;
    tx.commit().await?;
    meeting(state, scope, id).await
}

/// An edited meeting as the API answers it: the meeting with its new `ETag`.
fn edited(meeting: Meeting) -> Response {
    ok_with_etag(meeting.meeting.version, meeting)
}
