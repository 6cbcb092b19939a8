//! Listing persons: staff see everyone, others only publicly listed persons, optionally
//! searched by name.

use axum::extract::State;
use serde::Deserialize;

use super::view::{PersonRow, PersonSummary};
use super::{COLUMNS, publicly_listed};
use crate::api::extract::Query;
use crate::api::page::{Page, PageParams};
use crate::api::validate::NAME_MAX;
use crate::auth::Scope;
use crate::db::sql::like_contains;
use crate::db::{Id, Sql};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PersonFilter {
    #[serde(flatten)]
    #[param(ignore)]
    pub page: PageParams,
    /// Only persons of this organisation.
    pub organisation_id: Option<Id>,
    /// Part of the name (case is ignored for ASCII letters on SQLite, for all on PostgreSQL).
    pub q: Option<String>,
}

/// Lists persons. Staff see everyone; others only publicly listed persons. The list never
/// carries email or phone, so it is not a read of contact data and is not audit-logged.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/persons", tag = "Personen",
    params(("municipality" = String, Path, description = "Kürzel der Kommune"), PersonFilter,
        PageParams),
    responses((status = 200, body = Page<PersonSummary>), (status = 404, body = crate::error::Problem)))]
pub(super) async fn list_persons(
    State(state): State<AppState>,
    scope: Scope,
    Query(filter): Query<PersonFilter>,
) -> Result<axum::Json<Page<PersonSummary>>> {
    Ok(axum::Json(list(&state, &scope, &filter).await?))
}

/// A page of the persons `scope` may see under `filter`, by name, erased ones last.
pub async fn list(
    state: &AppState,
    scope: &Scope,
    filter: &PersonFilter,
) -> Result<Page<PersonSummary>> {
    let mut sql = Sql::new("");
    let mut condition = format!("p.municipality_id = {}", sql.bind(scope.municipality_id));
    if !scope.is_staff() {
        condition += &format!(" AND {}", publicly_listed(&mut sql));
    }
    if let Some(org) = filter.organisation_id {
        condition += &format!(" AND p.organisation_id = {}", sql.bind(org));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        if q.chars().count() > NAME_MAX {
            return Err(Error::client(Code::InvalidQuery));
        }
        // An erased person's placeholder name must not be found by searching for it.
        condition += &format!(
            " AND p.erased_at IS NULL AND LOWER(p.name) LIKE {} ESCAPE '\\'",
            sql.bind(like_contains(&q.to_lowercase()))
        );
    }
    sql.push(&format!(
        "SELECT {COLUMNS}, COUNT(*) OVER () AS total FROM persons p WHERE {condition} \
         ORDER BY p.erased_at IS NOT NULL, p.name, p.id"
    ));
    let page = Page::<PersonRow>::fetch(sql, filter.page, &state.db.pool).await?;
    Ok(page.map(|row| PersonSummary::of(row, scope.is_staff())))
}
