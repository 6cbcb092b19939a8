//! Listing bodies: the filter a client may send and the paged, visibility-checked query;
//! also [`Counted`], the row-with-total that every paged list in `network` reads.

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
    pub limit: Option<i64>,
    pub offset: Option<i64>,
    /// Only bodies of this kind.
    pub kind: Option<BodyKind>,
    /// Only bodies of this area.
    pub area_id: Option<Id>,
}

/// Lists the bodies the caller may see.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/bodies", tag = "Gremien",
    params(("municipality" = String, Path, description = "Kürzel der Kommune"), BodyFilter),
    responses((status = 200, body = Page<BodySummary>), (status = 404, body = crate::error::Problem)))]
pub(super) async fn list_bodies(
    State(state): State<AppState>,
    scope: Scope,
    Query(filter): Query<BodyFilter>,
) -> Result<axum::Json<Page<BodySummary>>> {
    let page = PageParams {
        limit: filter.limit,
        offset: filter.offset,
    };
    let mut sql = Sql::new("");
    let m = sql.bind(scope.municipality_id);
    let mut condition = format!(
        "b.municipality_id = {m} AND {}",
        visible_body(&scope, &mut sql, "b")
    );
    if let Some(kind) = filter.kind {
        condition += &format!(" AND b.kind = {}", sql.bind(kind.as_str()));
    }
    if let Some(area) = filter.area_id {
        condition += &format!(" AND b.area_id = {}", sql.bind(area));
    }
    let (limit, offset) = (sql.bind(page.limit()), sql.bind(page.offset()));
    sql.push(&format!(
        "SELECT {COLUMNS}, COUNT(*) OVER () AS total FROM bodies b WHERE {condition} \
         ORDER BY b.name, b.id LIMIT {limit} OFFSET {offset}"
    ));
    let rows = sql
        .query_as::<Counted<BodySummary>>()
        .fetch_all(&state.db.pool)
        .await?;
    Ok(axum::Json(Counted::page(rows, page)))
}

/// A row with the window-function total of its query.
#[derive(sqlx::FromRow)]
pub struct Counted<T> {
    #[sqlx(flatten)]
    pub item: T,
    pub total: i64,
}

impl<T> Counted<T> {
    /// The page these rows make: their items, and the total every row carries (0 when the
    /// page is empty, also when it lies past the end).
    pub fn page(rows: Vec<Counted<T>>, params: PageParams) -> Page<T> {
        Page {
            total: rows.first().map_or(0, |r| r.total),
            items: rows.into_iter().map(|r| r.item).collect(),
            limit: params.limit(),
            offset: params.offset(),
        }
    }
}
