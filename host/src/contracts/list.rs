//! Listing contracts: filters by party organisation, steering body and a date the term
//! covers, paged, restricted to what the caller may see.

use axum::extract::State;
use serde::Deserialize;

use super::{COLUMNS, ContractSummary, visible};
use crate::api::extract::Query;
use crate::api::page::{Page, PageParams};
use crate::auth::Scope;
use crate::db::{Date, Id, Sql};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ContractFilter {
    #[serde(flatten)]
    #[param(ignore)]
    pub page: PageParams,
    /// Only contracts this organisation is a party to.
    pub organisation_id: Option<Id>,
    /// Only contracts reviewed by this body.
    pub steering_body_id: Option<Id>,
    /// Only contracts whose term covers this date.
    pub active_on: Option<Date>,
}

/// Lists the contracts the caller may see, newest term first.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/contracts", tag = "Kontrakte",
    params(("municipality" = String, Path, description = "Kürzel der Kommune"), ContractFilter,
        PageParams),
    responses((status = 200, body = Page<ContractSummary>), (status = 400, body = crate::error::Problem),
        (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
pub(super) async fn list_contracts(
    State(state): State<AppState>,
    scope: Scope,
    Query(filter): Query<ContractFilter>,
) -> Result<axum::Json<Page<ContractSummary>>> {
    Ok(axum::Json(visible_contracts(&state, &scope, filter).await?))
}

/// A page of the contracts the caller may see, newest term first: the list of the API and
/// of the signed-in pages.
pub async fn visible_contracts(
    state: &AppState,
    scope: &Scope,
    filter: ContractFilter,
) -> Result<Page<ContractSummary>> {
    let mut sql = Sql::new("");
    let m = sql.bind(scope.municipality_id);
    let Some(visible) = visible(scope, &mut sql) else {
        // Anonymous callers, other municipalities' users and users without an
        // organisation see no contract; this refuses them with 401/403.
        scope.require_staff()?;
        return Err(Error::client(Code::Forbidden));
    };
    let mut condition = format!("c.municipality_id = {m} AND {visible}");
    if let Some(org) = filter.organisation_id {
        condition += &format!(
            " AND c.id IN (SELECT contract_id FROM contract_parties WHERE organisation_id = {})",
            sql.bind(org)
        );
    }
    if let Some(body) = filter.steering_body_id {
        condition += &format!(" AND c.steering_body_id = {}", sql.bind(body));
    }
    if let Some(day) = filter.active_on {
        let (from, to) = (sql.bind(day), sql.bind(day));
        condition +=
            &format!(" AND c.starts_on <= {from} AND (c.ends_on IS NULL OR c.ends_on >= {to})");
    }
    sql.push(&format!(
        "SELECT {COLUMNS}, COUNT(*) OVER () AS total FROM contracts c WHERE {condition} \
         ORDER BY c.starts_on DESC, c.id"
    ));
    Ok(Page::fetch(sql, filter.page, &state.db.pool).await?)
}
