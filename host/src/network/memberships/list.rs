//! Listing a body's memberships, past and present or only current ones.

use axum::extract::State;
use serde::Deserialize;

use super::{Membership, select_visible};
use crate::api::extract::{Path, Query};
use crate::api::page::{Page, PageParams};
use crate::auth::Scope;
use crate::db::{Date, Id, Sql};
use crate::error::Result;
use crate::network::bodies;
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MembershipFilter {
    #[serde(flatten)]
    #[param(ignore)]
    pub page: PageParams,
    /// Only memberships that have not ended before today.
    pub current: Option<bool>,
}

/// Lists a body's memberships, past and present (or only current ones).
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/bodies/{id}/memberships", tag = "Mitgliedschaften",
    params(("municipality" = String, Path), ("id" = Id, Path), MembershipFilter,
        PageParams),
    responses((status = 200, body = Page<Membership>), (status = 404, body = crate::error::Problem)))]
pub(super) async fn list_memberships(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, body_id)): Path<(String, Id)>,
    Query(filter): Query<MembershipFilter>,
) -> Result<axum::Json<Page<Membership>>> {
    bodies::load_visible(&state, &scope, body_id).await?;
    let mut sql = Sql::new("");
    let mut query = select_visible(&scope, &mut sql, ", COUNT(*) OVER () AS total");
    query += &format!(" AND ms.body_id = {}", sql.bind(body_id));
    if filter.current == Some(true) {
        query += &format!(
            " AND (ms.ends_on IS NULL OR ms.ends_on >= {})",
            sql.bind(Date::today())
        );
    }
    sql.push(&format!("{query} ORDER BY ms.id"));
    Ok(axum::Json(
        Page::fetch(sql, filter.page, &state.db.pool).await?,
    ))
}
