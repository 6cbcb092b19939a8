//! Reading the audit log: the coordination of a municipality sees its own entries, newest
//! first, optionally only one action or one kind of object. The API and the coordinator's
//! page (`web/audit_page.rs`) read through [`entries`].

use axum::extract::State;
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::api::extract::Query;
use crate::api::page::{Page, PageParams};
use crate::audit::{Action, Entry, ObjectKind};
use crate::auth::Scope;
use crate::db::Sql;
use crate::error::Result;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_audit))
}

/// Which entries: a page of them, of one action and one kind of object when given.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditFilter {
    #[serde(flatten)]
    #[param(ignore)]
    pub page: PageParams,
    /// Only entries of this action.
    pub action: Option<Action>,
    /// Only entries about this kind of object.
    pub object_kind: Option<ObjectKind>,
}

/// The newest audit entries of the municipality first. Coordination and admins only.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/audit", tag = "Protokoll",
    params(("municipality" = String, Path), AuditFilter, PageParams),
    responses((status = 200, body = Page<Entry>), (status = 403, body = crate::error::Problem)))]
async fn list_audit(
    State(state): State<AppState>,
    scope: Scope,
    Query(filter): Query<AuditFilter>,
) -> Result<axum::Json<Page<Entry>>> {
    Ok(axum::Json(entries(&state, &scope, &filter).await?))
}

/// A page of the municipality's entries under `filter`, newest first; coordination and
/// admins only (403 for everyone else).
pub async fn entries(state: &AppState, scope: &Scope, filter: &AuditFilter) -> Result<Page<Entry>> {
    scope.require_coordinator()?;
    let mut sql = Sql::new("");
    let m = sql.bind(scope.municipality_id);
    let mut conditions = format!("municipality_id = {m}");
    if let Some(action) = filter.action {
        conditions += &format!(" AND action = {}", sql.bind(action.as_str()));
    }
    if let Some(kind) = filter.object_kind {
        conditions += &format!(" AND object_kind = {}", sql.bind(kind.as_str()));
    }
    sql.push(&format!(
        "SELECT id, actor, action, object_kind, object_id, detail, at, COUNT(*) OVER () AS total
         FROM audit_log WHERE {conditions} ORDER BY at DESC, id DESC"
    ));
    Ok(Page::fetch(sql, filter.page, &state.db.pool).await?)
}
