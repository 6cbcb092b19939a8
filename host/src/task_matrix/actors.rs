//! Who the matrix's actors are in this municipality: the plugin assigns cells to actor keys
//! (`kommune`, `traeger_stadtteilbuero`, `planungsbuero` …) under the QM model; the
//! coordination records which organisation holds each key under its contracts (for example
//! the AWO as Träger of the Stadtteilbüro). Setting a key again replaces it.
//!
//! The actors of a municipality are versioned as one object; see [`claim_version`].

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::require_member;
use crate::api::extract::{IfMatch, Json, Path, etag};
use crate::api::validate::Check;
use crate::audit::{Action, ObjectKind, record_change};
use crate::auth::Scope;
use crate::db::{Id, Timestamp, Tx};
use crate::error::{Error, Result};
use crate::keys::is_stable_key;
use crate::messages::Code;
use crate::state::AppState;

/// Longest free-text name of an actor.
const LABEL_MAX: usize = 200;

/// The holder of one actor key.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Actor {
    pub organisation_id: Option<Id>,
    /// The organisation's name, when one is recorded.
    pub organisation_name: Option<String>,
    /// A name for people when no organisation is recorded (or in addition).
    pub label: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActorInput {
    #[serde(default)]
    pub organisation_id: Option<Id>,
    #[serde(default)]
    pub label: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Row {
    actor_key: String,
    #[sqlx(flatten)]
    actor: Actor,
}

/// Every recorded actor of the municipality by key.
pub async fn all(state: &AppState, scope: &Scope) -> Result<BTreeMap<String, Actor>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT a.actor_key, a.organisation_id, o.name AS organisation_name, a.label
         FROM task_matrix_actors a LEFT JOIN organisations o ON o.id = a.organisation_id
         WHERE a.municipality_id = $1",
    )
    .bind(scope.municipality_id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.actor_key, r.actor)).collect())
}

/// The version of the municipality's actors before their first change.
const FIRST_VERSION: i64 = 1;

/// The current version of the municipality's actors (their `ETag`).
async fn version(state: &AppState, scope: &Scope) -> Result<i64> {
    let stored: Option<i64> = sqlx::query_scalar(
        "SELECT version FROM task_matrix_actor_versions WHERE municipality_id = $1",
    )
    .bind(scope.municipality_id)
    .fetch_optional(&state.db.pool)
    .await?;
    Ok(stored.unwrap_or(FIRST_VERSION))
}

/// Counts the version of the municipality's actors up inside `tx`, if it is the one the
/// client read (412 otherwise), and returns the new one.
///
/// The `ETag` of an actor key is the version of all the municipality's actors, not one of
/// its own: a key that is not recorded yet has no row to carry a version, yet setting it is
/// a change like any other. What the coordination edits is the municipality's assignment of
/// keys to holders (the audit log names it so, [`ObjectKind::TaskMatrixActors`]), a short
/// list changed rarely; so, as with a meeting's agenda, the list carries one version: the
/// list of actors sends it as `ETag`, setting a key needs it as `If-Match` (`*`: whatever
/// is current) and deleting one counts it up too. A change based on an outdated list is
/// refused with 412, even when the other change was to another key. The list always exists
/// while its municipality does, so `*` answers 404 only for an unknown municipality (from
/// the scope, before this runs).
async fn claim_version(tx: &mut Tx, scope: &Scope, if_match: IfMatch) -> Result<i64> {
    let now = Timestamp::now();
    sqlx::query(
        "INSERT INTO task_matrix_actor_versions (municipality_id, version, updated_at)
         VALUES ($1, $2, $3) ON CONFLICT (municipality_id) DO NOTHING",
    )
    .bind(scope.municipality_id)
    .bind(FIRST_VERSION)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query_scalar(
        "UPDATE task_matrix_actor_versions SET version = version + 1, updated_at = $3
         WHERE municipality_id = $1 AND version = COALESCE($2, version)
         RETURNING version",
    )
    .bind(scope.municipality_id)
    .bind(if_match.version())
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?
    // The row was there or has just been added: a miss is a stale version.
    .ok_or(Error::client(Code::PreconditionFailed))
}

/// The actors by key, with their version as `ETag`. Signed-in users of the municipality.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/task-matrix/actors", tag = "Aufgabenmatrix",
    params(("municipality" = String, Path)),
    responses((status = 200, body = BTreeMap<String, Actor>, headers(("ETag" = String))),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem)))]
pub(super) async fn list_actors(State(state): State<AppState>, scope: Scope) -> Result<Response> {
    require_member(&scope)?;
    // The version first: should a change come between the two reads, the client holds an
    // older version than the list it sees and its next change is refused, never the reverse.
    let version = version(&state, &scope).await?;
    let actors = all(&state, &scope).await?;
    Ok(([(header::ETAG, etag(version))], axum::Json(actors)).into_response())
}

/// Records who holds an actor key (an organisation, a name, or both). The coordination only,
/// with the `ETag` of the list of actors as `If-Match` (or `*`); 412 when the actors changed
/// since. Answers with the list's new `ETag`.
#[utoipa::path(put, path = "/api/v1/municipalities/{municipality}/task-matrix/actors/{actor}", tag = "Aufgabenmatrix",
    params(("municipality" = String, Path), ("actor" = String, Path, description = "Schlüssel des Akteurs, z. B. traeger_stadtteilbuero"),
        ("If-Match" = String, Header, description = "ETag der Akteursliste (GET …/task-matrix/actors) oder *")),
    request_body = ActorInput,
    responses((status = 204, headers(("ETag" = String))), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 412, body = crate::error::Problem), (status = 422, body = crate::error::Problem),
        (status = 428, body = crate::error::Problem)))]
pub(super) async fn put_actor(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, key)): Path<(String, String)>,
    if_match: IfMatch,
    Json(input): Json<ActorInput>,
) -> Result<Response> {
    scope.require_coordinator()?;
    let label = input
        .label
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty());
    let mut c = Check::new();
    c.that(is_stable_key(&key), "/actor", Code::Invalid);
    c.that(
        input.organisation_id.is_some() || label.is_some(),
        "/organisation_id",
        Code::Required,
    );
    c.optional_text("/label", label, LABEL_MAX);
    c.finish()?;
    let mut tx = state.db.begin().await?;
    crate::auth::check_organisation(&mut tx, input.organisation_id, "/organisation_id").await?;
    let version = claim_version(&mut tx, &scope, if_match).await?;
    sqlx::query("DELETE FROM task_matrix_actors WHERE municipality_id = $1 AND actor_key = $2")
        .bind(scope.municipality_id)
        .bind(&key)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO task_matrix_actors (municipality_id, actor_key, organisation_id, label,
                                         updated_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(scope.municipality_id)
    .bind(&key)
    .bind(input.organisation_id)
    .bind(label)
    .bind(Timestamp::now())
    .execute(&mut *tx)
    .await?;
    // Actor keys have no id of their own: the entry names the municipality's matrix.
    let matrix = scope.municipality_id;
    record_change(
        &mut tx,
        &scope,
        Action::Update,
        ObjectKind::TaskMatrixActors,
        matrix,
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::NO_CONTENT, [(header::ETAG, etag(version))]).into_response())
}

/// Forgets who holds an actor key. The coordination only; counts the version of the list
/// of actors up (no `If-Match`, like every deletion).
#[utoipa::path(delete, path = "/api/v1/municipalities/{municipality}/task-matrix/actors/{actor}", tag = "Aufgabenmatrix",
    params(("municipality" = String, Path), ("actor" = String, Path)),
    responses((status = 204), (status = 404, body = crate::error::Problem)))]
pub(super) async fn delete_actor(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, key)): Path<(String, String)>,
) -> Result<StatusCode> {
    scope.require_coordinator()?;
    let mut tx = state.db.begin().await?;
    let deleted =
        sqlx::query("DELETE FROM task_matrix_actors WHERE municipality_id = $1 AND actor_key = $2")
            .bind(scope.municipality_id)
            .bind(&key)
            .execute(&mut *tx)
            .await?;
    if deleted.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    claim_version(&mut tx, &scope, IfMatch::Any).await?;
    // Actor keys have no id of their own: the entry names the municipality's matrix.
    let matrix = scope.municipality_id;
    record_change(
        &mut tx,
        &scope,
        Action::Delete,
        ObjectKind::TaskMatrixActors,
        matrix,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
