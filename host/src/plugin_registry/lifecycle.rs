//! Switching a municipality's active plugin through the API: activate a version, roll back
//! to the previous one, deactivate. Coordination and admins only; every switch is audited
//! (see `activation`). The coordinator's plugins page switches through [`switch`] too.

use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::api::visible;
use super::{Actor, Change, PluginVersion, activation, store};
use crate::api::extract::Path;
use crate::auth::Scope;
use crate::db::Id;
use crate::error::{Problem, Result};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(activate_plugin))
        .routes(routes!(roll_back_plugin))
        .routes(routes!(deactivate_plugin))
}

/// Makes this version the active one; the previously active one stays installed.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/plugins/{id}/activation",
    tag = "Plugins", params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = PluginVersion), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
async fn activate_plugin(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<axum::Json<PluginVersion>> {
    visible(&state, &scope, id).await?;
    switch(&state, &scope, Change::Activate(id)).await?;
    Ok(axum::Json(
        store::load(&state.db, scope.municipality_id, id).await?,
    ))
}

/// Goes back to the version that was active before the current one (or, with none active,
/// to the one active last). 409 when there is none.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/plugins/rollback",
    tag = "Plugins", params(("municipality" = String, Path)),
    responses((status = 200, body = PluginVersion), (status = 403, body = Problem),
        (status = 409, body = Problem)))]
async fn roll_back_plugin(
    State(state): State<AppState>,
    scope: Scope,
) -> Result<axum::Json<PluginVersion>> {
    let active = switch(&state, &scope, Change::RollBack).await?;
    let id = active.ok_or_else(|| anyhow::anyhow!("rollback left no version active"))?;
    Ok(axum::Json(
        store::load(&state.db, scope.municipality_id, id).await?,
    ))
}

/// Deactivates the municipality's plugin: every feature applies its base behaviour.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/plugins/deactivation",
    tag = "Plugins", params(("municipality" = String, Path)),
    responses((status = 204), (status = 403, body = Problem)))]
async fn deactivate_plugin(State(state): State<AppState>, scope: Scope) -> Result<StatusCode> {
    switch(&state, &scope, Change::Deactivate).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Makes `change` for the caller's municipality, if the caller is its coordination (403
/// otherwise); the version active afterwards, if any.
pub async fn switch(state: &AppState, scope: &Scope, change: Change) -> Result<Option<Id>> {
    scope.require_coordinator()?;
    let active = activation::change(
        &state.db,
        scope.municipality_id,
        change,
        &Actor::from(&scope.caller),
    )
    .await;
    // Also after a failure: the cached view may be what made the caller try.
    state.rules.forget_active(scope.municipality_id);
    active
}
