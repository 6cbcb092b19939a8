//! Listing organisations by name, filtered by kind, area of activity or a name search.

use axum::extract::State;
use serde::Deserialize;

use super::{COLUMNS, OrganisationSummary};
use crate::api::extract::Query;
use crate::api::page::{Page, PageParams};
use crate::db::sql::like_contains;
use crate::db::{Id, Sql};
use crate::error::Result;
use crate::network::kinds::OrganisationKind;
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct OrganisationFilter {
    #[serde(flatten)]
    #[param(ignore)]
    pub page: PageParams,
    /// Only organisations of this kind.
    pub kind: Option<OrganisationKind>,
    /// Part of the name, case-insensitive.
    pub q: Option<String>,
    /// Only organisations active in this area.
    pub area_id: Option<Id>,
}

/// Lists organisations by name. Public.
#[utoipa::path(get, path = "/api/v1/organisations", tag = "Organisationen",
    params(OrganisationFilter, PageParams),
    responses((status = 200, body = Page<OrganisationSummary>), (status = 400, body = crate::error::Problem)))]
pub(super) async fn list_organisations(
    State(state): State<AppState>,
    Query(filter): Query<OrganisationFilter>,
) -> Result<axum::Json<Page<OrganisationSummary>>> {
    Ok(axum::Json(list(&state, &filter).await?))
}

/// Organisations by name, as the API lists them (also the staff's organisations page).
pub async fn list(
    state: &AppState,
    filter: &OrganisationFilter,
) -> Result<Page<OrganisationSummary>> {
    let mut sql = Sql::new("");
    let mut condition = "1 = 1".to_owned();
    if let Some(kind) = filter.kind {
        condition += &format!(" AND o.kind = {}", sql.bind(kind.as_str()));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = sql.bind(like_contains(q));
        condition += &format!(" AND LOWER(o.name) LIKE LOWER({pattern}) ESCAPE '\\'");
    }
    if let Some(area) = filter.area_id {
        condition += &format!(
            " AND o.id IN (SELECT organisation_id FROM organisation_areas WHERE area_id = {})",
            sql.bind(area)
        );
    }
    sql.push(&format!(
        "SELECT {COLUMNS}, COUNT(*) OVER () AS total FROM organisations o WHERE {condition} \
         ORDER BY o.name, o.id"
    ));
    Ok(Page::fetch(sql, filter.page, &state.db.pool).await?)
}
