//! Changing a project's state (staff only): checked against the allowed steps
//! ([`ProjectState::may_become`]), decided by a conditional UPDATE on the version the client
//! read (`If-Match`) and the state it came from, so two racing changes cannot both apply,
//! and recorded with who, when and why in the history and the audit log.

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::edit::event;
use super::view::{Project, reload};
use super::{ProjectState, load_visible};
use crate::api::extract::{IfMatch, Json, Path};
use crate::api::respond::ok_with_etag;
use crate::api::validate::{Check, TEXT_MAX, blank_to_none};
use crate::audit::{Action, ObjectKind, record_change};
use crate::auth::{Scope, Table, stale_or_missing};
use crate::db::{Id, Timestamp};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

/// A requested state change.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ProjectTransitionInput)]
pub struct TransitionInput {
    /// The new state.
    pub to: ProjectState,
    /// Why (kept in the history).
    #[serde(default)]
    pub reason: Option<String>,
}

/// Moves the project to another state (staff only). Send the `ETag` you read as `If-Match`
/// (or `*` for whatever version is current); 409 `project_wrong_state` when the state has no
/// such step, 412 when the project changed since it was read.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/projects/{id}/transitions",
    tag = "Maßnahmen",
    params(("municipality" = String, Path), ("id" = Id, Path), ("If-Match" = String, Header)),
    request_body = TransitionInput,
    responses((status = 200, body = super::view::Project, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem),
        (status = 428, body = crate::error::Problem)))]
pub(super) async fn change_state(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    if_match: IfMatch,
    Json(input): Json<TransitionInput>,
) -> Result<Response> {
    let project = take(&state, &scope, id, if_match, &input).await?;
    Ok(ok_with_etag(project.project.version, project))
}

/// Takes the step `input` on project `id` as the caller, if they may: the API's transition
/// and the pages'. Answers the project as it now stands.
#[tracing::instrument(skip_all, fields(municipality = %scope.slug, project = %id), err(level = "info"))]
pub async fn take(
    state: &AppState,
    scope: &Scope,
    id: Id,
    if_match: IfMatch,
    input: &TransitionInput,
) -> Result<Project> {
    let project = load_visible(state, scope, id).await?;
    scope.require_staff()?;
    let mut c = Check::new();
    c.optional_text("/reason", input.reason.as_deref(), TEXT_MAX);
    c.finish()?;
    if_match.check(project.version)?;
    let from = project.state;
    if !from.may_become(input.to) {
        return Err(refused(from, input.to));
    }
    let mut tx = state.db.begin().await?;
    let updated = sqlx::query(
        "UPDATE projects SET state = $4, version = version + 1, updated_at = $5 \
         WHERE id = $1 AND municipality_id = $2 AND state = $3 \
           AND version = COALESCE($6, version)",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(from.as_str())
    .bind(input.to.as_str())
    .bind(Timestamp::now())
    .bind(if_match.version())
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        // Someone else changed the project (its state or anything else) first.
        return Err(stale_or_missing(&mut tx, Table::Projects, id, scope).await);
    }
    let reason = blank_to_none(&input.reason);
    event(&mut tx, scope, id, Some(from), input.to, reason).await?;
    record_change(&mut tx, scope, Action::Update, ObjectKind::ProjectState, id).await?;
    tx.commit().await?;
    reload(state, scope, id).await
}

fn refused(from: ProjectState, to: ProjectState) -> Error {
    Error::client_with(
        Code::ProjectWrongState,
        format!(
            "Eine Maßnahme im Stand „{}“ kann nicht in den Stand „{}“ wechseln.",
            from.label_de(),
            to.label_de()
        ),
    )
}
