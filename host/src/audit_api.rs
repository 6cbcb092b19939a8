//! Reading the audit log: the coordination of a municipality sees its own entries.

use axum::extract::State;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::api::extract::Query;
use crate::api::page::{Page, PageParams};
use crate::audit::Entry;
use crate::auth::Scope;
use crate::db::Sql;
use crate::error::Result;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_audit))
}

/// The newest audit entries of the municipality first. Coordination and admins only.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/audit", tag = "Protokoll",
    params(("municipality" = String, Path), PageParams),
    responses((status = 200, body = Page<Entry>), (status = 403, body = crate::error::Problem)))]
async fn list_audit(
    State(state): State<AppState>,
    scope: Scope,
    Query(page): Query<PageParams>,
) -> Result<axum::Json<Page<Entry>>> {
    scope.require_coordinator()?;
    let mut sql = Sql::new("");
    let m = sql.bind(scope.municipality_id);
    sql.push(&format!(
        "SELECT id, actor, action, object_kind, object_id, at, COUNT(*) OVER () AS total
         FROM audit_log WHERE municipality_id = {m} ORDER BY at DESC, id DESC"
    ));
    Ok(axum::Json(Page::fetch(sql, page, &state.db.pool).await?))
}
