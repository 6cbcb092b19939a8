//! Areas: the tree of *Sozialräume*, *Lebensräume*, *QM-Gebiete* … of one municipality.
//!
//! Areas are not personal data, so everyone may read them; only staff change them. This
//! module also holds the loop check shared by the other self-referencing tree
//! (organisations).

use std::collections::HashSet;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::kinds::AreaKind;
use crate::api::delete::Deletion;
use crate::api::extract::{IfMatch, Json, Path, Query};
use crate::api::page::{Page, PageParams};
use crate::api::respond::{created, ok_with_etag};
use crate::api::validate::Check;
use crate::audit::{self, Action, ObjectKind};
use crate::auth::Scope;
use crate::auth::{Table, check_reference, stale_or_missing};
use crate::db::sql::Statement;
use crate::db::{Id, Sql, Timestamp, Tx};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_areas, create_area))
        .routes(routes!(get_area, update_area, delete_area))
}

/// Largest population we accept for one area: above Germany's biggest city, so a typo of a
/// few extra digits is caught.
const POPULATION_MAX: i64 = 10_000_000;

/// An area as stored.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Area {
    pub id: Id,
    pub parent_id: Option<Id>,
    #[sqlx(try_from = "String")]
    pub kind: AreaKind,
    pub name: String,
    /// Inhabitants, if known.
    pub population: Option<i64>,
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AreaInput {
    pub kind: AreaKind,
    pub name: String,
    /// The enclosing area of the same municipality; none for a top-level area.
    #[serde(default)]
    pub parent_id: Option<Id>,
    /// Inhabitants (0–10,000,000).
    #[serde(default)]
    pub population: Option<i64>,
}

impl AreaInput {
    fn check(&self) -> Result<()> {
        let mut c = Check::new();
        c.name("/name", &self.name);
        c.range("/population", self.population, 0, POPULATION_MAX);
        c.finish()
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AreaFilter {
    #[serde(flatten)]
    #[param(ignore)]
    pub page: PageParams,
    /// Only the direct children of this area.
    pub parent_id: Option<Id>,
    /// Only areas of this kind.
    pub kind: Option<AreaKind>,
}

const COLUMNS: &str = "id, parent_id, kind, name, population, version, created_at, updated_at";

/// Lists the municipality's areas by name. Public.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/areas", tag = "Gebiete",
    params(("municipality" = String, Path, description = "Kürzel der Kommune"), AreaFilter,
        PageParams),
    responses((status = 200, body = Page<Area>), (status = 404, body = crate::error::Problem)))]
async fn list_areas(
    State(state): State<AppState>,
    scope: Scope,
    Query(filter): Query<AreaFilter>,
) -> Result<axum::Json<Page<Area>>> {
    Ok(axum::Json(list(&state, &scope, filter).await?))
}

/// The municipality's areas by name, as the API lists them (also the staff's areas page).
pub async fn list(state: &AppState, scope: &Scope, filter: AreaFilter) -> Result<Page<Area>> {
    let mut sql = Sql::new("");
    let mut condition = format!("municipality_id = {}", sql.bind(scope.municipality_id));
    if let Some(parent) = filter.parent_id {
        condition += &format!(" AND parent_id = {}", sql.bind(parent));
    }
    if let Some(kind) = filter.kind {
        condition += &format!(" AND kind = {}", sql.bind(kind.as_str()));
    }
    sql.push(&format!(
        "SELECT {COLUMNS}, COUNT(*) OVER () AS total FROM areas WHERE {condition} \
         ORDER BY name, id"
    ));
    Ok(Page::fetch(sql, filter.page, &state.db.pool).await?)
}

/// Loads an area of the scope's municipality, or 404.
async fn load(state: &AppState, scope: &Scope, id: Id) -> Result<Area> {
    let sql = format!("SELECT {COLUMNS} FROM areas WHERE id = $1 AND municipality_id = $2");
    sqlx::query_as::<_, Area>(crate::db::sql::trusted(sql))
        .bind(id)
        .bind(scope.municipality_id)
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or(Error::NotFound)
}

/// One area. Public.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/areas/{id}", tag = "Gebiete",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = Area, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)))]
async fn get_area(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<Response> {
    let area = load(&state, &scope, id).await?;
    Ok(ok_with_etag(area.version, area))
}

/// Creates an area. Staff only.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/areas", tag = "Gebiete",
    params(("municipality" = String, Path)), request_body = AreaInput,
    responses((status = 201, body = Area, headers(("ETag" = String))), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
async fn create_area(
    State(state): State<AppState>,
    scope: Scope,
    Json(input): Json<AreaInput>,
) -> Result<Response> {
    let area = create(&state, &scope, &input).await?;
    Ok(created(area.version, area))
}

/// Creates an area as the API does: staff only (403), checked input (422), audited.
pub async fn create(state: &AppState, scope: &Scope, input: &AreaInput) -> Result<Area> {
    scope.require_staff()?;
    input.check()?;
    let mut tx = state.db.begin().await?;
    check_reference(&mut tx, scope, Table::Areas, input.parent_id, "/parent_id").await?;
    let id = Id::new();
    let insert = sqlx::query(
        "INSERT INTO areas (id, municipality_id, parent_id, kind, name, population, version,
                            created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)",
    )
    .bind(id)
    .bind(scope.municipality_id);
    bind_fields(insert, input)
        .bind(Timestamp::now())
        .execute(&mut *tx)
        .await?;
    audit::record_change(&mut tx, scope, Action::Create, ObjectKind::Area, id).await?;
    tx.commit().await?;
    load(state, scope, id).await
}

/// Binds the input's columns (`parent_id` … `population`), in the order that both the
/// INSERT and the UPDATE list them, so the two cannot drift apart.
fn bind_fields<'q>(statement: Statement<'q>, input: &AreaInput) -> Statement<'q> {
    statement
        .bind(input.parent_id)
        .bind(input.kind.as_str())
        .bind(input.name.trim())
        .bind(input.population)
}

/// Replaces an area's fields. Send the `ETag` you read as `If-Match`; a stale version gets
/// 412. An area cannot be moved below itself or one of its descendants.
#[utoipa::path(put, path = "/api/v1/municipalities/{municipality}/areas/{id}", tag = "Gebiete",
    params(("municipality" = String, Path), ("id" = Id, Path), ("If-Match" = String, Header)),
    request_body = AreaInput,
    responses((status = 200, body = Area, headers(("ETag" = String))), (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem), (status = 428, body = crate::error::Problem)))]
async fn update_area(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    if_match: IfMatch,
    Json(input): Json<AreaInput>,
) -> Result<Response> {
    load(&state, &scope, id).await?;
    scope.require_staff()?;
    input.check()?;
    let mut tx = state.db.begin().await?;
    check_reference(&mut tx, &scope, Table::Areas, input.parent_id, "/parent_id").await?;
    let update = sqlx::query(
        "UPDATE areas SET parent_id = $4, kind = $5, name = $6, population = $7,
                version = version + 1, updated_at = $8
         WHERE id = $1 AND municipality_id = $2 AND version = COALESCE($3, version)",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(if_match.version());
    let updated = bind_fields(update, &input)
        .bind(Timestamp::now())
        .execute(&mut *tx)
        .await
        .map_err(tree_conflict)?;
    if updated.rows_affected() == 0 {
        return Err(stale_or_missing(&mut tx, Table::Areas, id, &scope).await);
    }
    if let Some(parent) = input.parent_id
        && closes_loop(&mut tx, Tree::Areas, id, parent).await?
    {
        return Err(Error::field("/parent_id", Code::Invalid));
    }
    audit::record_change(&mut tx, &scope, Action::Update, ObjectKind::Area, id).await?;
    tx.commit().await?;
    let area = load(&state, &scope, id).await?;
    Ok(ok_with_etag(area.version, area))
}

const DELETION: Deletion = Deletion {
    table: "areas",
    kind: ObjectKind::Area,
    uses: Some(
        "SELECT (SELECT COUNT(*) FROM areas WHERE parent_id = $1)
              + (SELECT COUNT(*) FROM bodies WHERE area_id = $1)
              + (SELECT COUNT(*) FROM organisation_areas WHERE area_id = $1)
              + (SELECT COUNT(*) FROM funds WHERE area_id = $1)
              + (SELECT COUNT(*) FROM projects WHERE area_id = $1)",
    ),
    parts: &[],
};

/// Deletes an area that no sub-area, body or organisation refers to.
#[utoipa::path(delete, path = "/api/v1/municipalities/{municipality}/areas/{id}", tag = "Gebiete",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 204), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
async fn delete_area(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<StatusCode> {
    DELETION
        .run(&state.db, &scope, id, load(&state, &scope, id))
        .await
}

/// Tables whose rows form a tree through `parent_id`.
#[derive(Clone, Copy)]
pub(super) enum Tree {
    Areas,
    Organisations,
}

/// True when `parent` is `id` or lies below it, so that making `parent` the parent of `id`
/// would close a loop. Call after writing the new parent link in `tx`.
///
/// Each ancestor is locked while walking (a no-op `UPDATE … RETURNING`), so two concurrent
/// edits that would only together close a loop cannot both pass: on PostgreSQL the later
/// one waits and then reads the earlier one's link, or the database breaks the deadlock
/// (see [`tree_conflict`]); SQLite's write lock serialises them anyway.
pub(super) async fn closes_loop(tx: &mut Tx, tree: Tree, id: Id, parent: Id) -> Result<bool> {
    let table = match tree {
        Tree::Areas => "areas",
        Tree::Organisations => "organisations",
    };
    let sql = format!("UPDATE {table} SET version = version WHERE id = $1 RETURNING parent_id");
    let mut seen = HashSet::new();
    let mut next = Some(parent);
    while let Some(current) = next {
        if current == id {
            return Ok(true);
        }
        // A loop that does not pass through `id` cannot have been made here; stop walking.
        if !seen.insert(current) {
            return Ok(false);
        }
        next = sqlx::query_scalar::<_, Option<Id>>(crate::db::sql::trusted(sql.clone()))
            .bind(current)
            .fetch_optional(&mut **tx)
            .await
            .map_err(tree_conflict)?
            .flatten();
    }
    Ok(false)
}

/// PostgreSQL broke a deadlock between two concurrent edits of one tree: for the client
/// whose edit was rolled back that is a stale version (412), not a server error.
pub(super) fn tree_conflict(e: sqlx::Error) -> Error {
    const DEADLOCK_DETECTED: &str = "40P01";
    let deadlock = e
        .as_database_error()
        .and_then(|d| d.code())
        .is_some_and(|code| code == DEADLOCK_DETECTED);
    if deadlock {
        Error::client(Code::PreconditionFailed)
    } else {
        e.into()
    }
}
