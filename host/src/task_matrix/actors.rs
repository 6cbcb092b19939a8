//! Who the matrix's actors are in this municipality: the plugin assigns cells to actor keys
//! (`kommune`, `traeger_stadtteilbuero`, `planungsbuero` …) under the QM model; the
//! coordination records which organisation holds each key under its contracts (for example
//! the AWO as Träger of the Stadtteilbüro). Setting a key again replaces it.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use super::require_member;
use crate::api::extract::{Json, Path};
use crate::api::validate::Check;
use crate::audit::{Action, ObjectKind, record_change};
use crate::auth::Scope;
use crate::db::{Id, Timestamp};
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

/// The actors by key. Signed-in users of the municipality.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/task-matrix/actors", tag = "Aufgabenmatrix",
    params(("municipality" = String, Path)),
    responses((status = 200, body = BTreeMap<String, Actor>), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem)))]
pub(super) async fn list_actors(
    State(state): State<AppState>,
    scope: Scope,
) -> Result<axum::Json<BTreeMap<String, Actor>>> {
    require_member(&scope)?;
    Ok(axum::Json(all(&state, &scope).await?))
}

/// Records who holds an actor key (an organisation, a name, or both). The coordination only.
#[utoipa::path(put, path = "/api/v1/municipalities/{municipality}/task-matrix/actors/{actor}", tag = "Aufgabenmatrix",
    params(("municipality" = String, Path), ("actor" = String, Path, description = "Schlüssel des Akteurs, z. B. traeger_stadtteilbuero")),
    request_body = ActorInput,
    responses((status = 204), (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub(super) async fn put_actor(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, key)): Path<(String, String)>,
    Json(input): Json<ActorInput>,
) -> Result<StatusCode> {
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
    Ok(StatusCode::NO_CONTENT)
}

/// Forgets who holds an actor key. The coordination only.
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
