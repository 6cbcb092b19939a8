//! Listing bodies: the filter a client may send and the paged, visibility-checked query.

use axum::extract::State;
use serde::Deserialize;

use super::{BodySummary, COLUMNS};
use crate::api::extract::Query;
use crate::api::page::{Page, PageParams};
use crate::auth::Scope;
use crate::db::{Id, Sql};
use crate::error::Result;
use crate::network::kinds::BodyKind;
use crate::network::visible_body;
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct BodyFilter {
    #[serde(flatten)]
    #[param(ignore)]
    pub page: PageParams,
    /// Only bodies of this kind.
    pub kind: Option<BodyKind>,
    /// Only bodies of this area.
    pub area_id: Option<Id>,
}

/// Lists the bodies the caller may see.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/bodies", tag = "Gremien",
    params(("municipality" = String, Path, description = "Kürzel der Kommune"), BodyFilter,
        PageParams),
    responses((status = 200, body = Page<BodySummary>), (status = 404, body = crate::error::Problem)))]
pub(super) async fn list_bodies(
    State(state): State<AppState>,
    scope: Scope,
    Query(filter): Query<BodyFilter>,
) -> Result<axum::Json<Page<BodySummary>>> {
    Ok(axum::Json(visible_bodies(&state, &scope, filter).await?))
}

/// A page of the bodies the caller may see, by name: the list of the API and of the
/// signed-in pages.
pub async fn visible_bodies(
    state: &AppState,
    scope: &Scope,
    filter: BodyFilter,
) -> Result<Page<BodySummary>> {
    let mut sql = Sql::new("");
    let m = sql.bind(scope.municipality_id);
    let mut condition = format!(
        "b.municipality_id = {m} AND {}",
        visible_body(scope, &mut sql, "b")
    );
    if let Some(kind) = filter.kind {
        condition += &format!(" AND b.kind = {}", sql.bind(kind.as_str()));
    }
    if let Some(area) = filter.area_id {
        condition += &format!(" AND b.area_id = {}", sql.bind(area));
    }
    sql.push(&format!(
        "SELECT {COLUMNS}, COUNT(*) OVER () AS total FROM bodies b WHERE {condition} \
         ORDER BY b.name, b.id"
    ));
    Ok(Page::fetch(sql, filter.page, &state.db.pool).await?)
}
