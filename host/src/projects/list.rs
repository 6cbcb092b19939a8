//! Listing projects: filters by state, field of action, area and organisation (lead or
//! partner), paged, restricted to what the caller may see.

use axum::extract::State;
use serde::Deserialize;

use super::{COLUMNS, ProjectState, ProjectSummary, visible};
use crate::api::extract::Query;
use crate::api::page::{Page, PageParams};
use crate::auth::Scope;
use crate::db::{Id, Sql};
use crate::error::Result;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ProjectFilter {
    #[serde(flatten)]
    #[param(ignore)]
    pub page: PageParams,
    /// Only projects in this state.
    pub state: Option<ProjectState>,
    /// Only projects of this field of action.
    pub field_of_action: Option<String>,
    /// Only projects of this area.
    pub area_id: Option<Id>,
    /// Only projects this organisation leads or partners in.
    pub organisation_id: Option<Id>,
}

/// Lists the projects the caller may see, by title (see [`visible_projects`]).
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/projects", tag = "Maßnahmen",
    params(("municipality" = String, Path, description = "Kürzel der Kommune"), ProjectFilter,
        PageParams),
    responses((status = 200, body = Page<ProjectSummary>), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
pub(super) async fn list_projects(
    State(state): State<AppState>,
    scope: Scope,
    Query(filter): Query<ProjectFilter>,
) -> Result<axum::Json<Page<ProjectSummary>>> {
    Ok(axum::Json(visible_projects(&state, &scope, filter).await?))
}

/// A page of the projects the caller may see, by title: the list of the API and of the
/// signed-in pages.
pub async fn visible_projects(
    state: &AppState,
    scope: &Scope,
    filter: ProjectFilter,
) -> Result<Page<ProjectSummary>> {
    let mut sql = Sql::new("");
    let m = sql.bind(scope.municipality_id);
    let Some(visible) = visible(scope, &mut sql) else {
        // Anonymous callers, other municipalities' users and users without an
        // organisation see no project; this refuses them with 401/403.
        scope.require_staff()?;
        return Ok(Page::from_rows(Vec::new(), filter.page));
    };
    let mut condition = format!("p.municipality_id = {m} AND {visible}");
    if let Some(wanted) = filter.state {
        condition += &format!(" AND p.state = {}", sql.bind(wanted.as_str()));
    }
    if let Some(field) = filter.field_of_action {
        condition += &format!(" AND p.field_of_action = {}", sql.bind(field));
    }
    if let Some(area) = filter.area_id {
        condition += &format!(" AND p.area_id = {}", sql.bind(area));
    }
    if let Some(org) = filter.organisation_id {
        let (lead, partner) = (sql.bind(org), sql.bind(org));
        condition += &format!(
            " AND (p.lead_organisation_id = {lead} OR p.id IN (SELECT project_id FROM \
             project_partners WHERE organisation_id = {partner}))"
        );
    }
    sql.push(&format!(
        "SELECT {COLUMNS}, COUNT(*) OVER () AS total FROM projects p WHERE {condition} \
         ORDER BY p.title, p.id"
    ));
    Ok(Page::fetch(sql, filter.page, &state.db.pool).await?)
}
