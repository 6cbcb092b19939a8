//! Reading plugin versions and their statistics (uploading is `upload`). Staff of the
//! municipality read; everyone else gets 404 for a version, exactly as for a missing one.

use axum::extract::State;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::upload::__path_upload_plugin;
use super::upload::upload_plugin;
use super::{PluginVersion, store};
use crate::api::extract::{Path, Query};
use crate::api::page::{Page, PageParams};
use crate::auth::Scope;
use crate::db::Id;
use crate::error::{Error, Problem, Result};
use crate::rules::CallStats;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_plugins, upload_plugin))
        .routes(routes!(get_plugin))
        .routes(routes!(plugin_stats))
}

/// The municipality's plugin versions, newest first, with the active one marked.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/plugins", tag = "Plugins",
    params(("municipality" = String, Path), PageParams),
    responses((status = 200, body = Page<PluginVersion>), (status = 403, body = Problem)))]
async fn list_plugins(
    State(state): State<AppState>,
    scope: Scope,
    Query(page): Query<PageParams>,
) -> Result<axum::Json<Page<PluginVersion>>> {
    scope.require_staff()?;
    Ok(axum::Json(
        store::list(&state.db, scope.municipality_id, page).await?,
    ))
}

/// Loads a version for a staff caller; 404 for everyone else and for other municipalities.
pub async fn visible(state: &AppState, scope: &Scope, id: Id) -> Result<PluginVersion> {
    if !scope.is_staff() {
        return Err(Error::NotFound);
    }
    store::load(&state.db, scope.municipality_id, id).await
}

/// One plugin version.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/plugins/{id}", tag = "Plugins",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = PluginVersion), (status = 404, body = Problem)))]
async fn get_plugin(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<axum::Json<PluginVersion>> {
    Ok(axum::Json(visible(&state, &scope, id).await?))
}

/// How a version's calls went in this server process: count, p50/p99 duration of the
/// recent calls and errors by code. Each process counts its own calls.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/plugins/{id}/stats",
    tag = "Plugins", params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = CallStats), (status = 404, body = Problem)))]
async fn plugin_stats(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<axum::Json<CallStats>> {
    let version = visible(&state, &scope, id).await?;
    Ok(axum::Json(state.rules.plugins().stats(version.id)))
}
