//! Reading the audit log: the coordination of a municipality sees its own entries.

use axum::extract::State;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::api::extract::Query;
use crate::api::page::{Page, PageParams};
use crate::audit::Entry;
use crate::auth::Scope;
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
    let total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE municipality_id = $1")
            .bind(scope.municipality_id)
            .fetch_one(&state.db.pool)
            .await?;
    let items = sqlx::query_as::<_, Entry>(
        "SELECT id, actor, action, object_kind, object_id, at FROM audit_log
         WHERE municipality_id = $1 ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3",
    )
    .bind(scope.municipality_id)
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(&state.db.pool)
    .await?;
    Ok(axum::Json(Page {
        items,
        total,
        limit: page.limit(),
        offset: page.offset(),
    }))
}
