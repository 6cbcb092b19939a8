//! Bodies (*Gremien*): Stadtteilkonferenzen, Runde Tische, councils, juries and their working
//! groups, with their powers over funds.
//!
//! This module holds a body's own fields and routes; `list` the filtered listing, `powers` the powers stored with a body
//! and `members` the current members shown with it.

mod list;
mod members;
mod powers;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::kinds::BodyKind;
use super::visible_body;
use crate::api::delete::Deletion;
use crate::api::extract::{IfMatch, Json, Path};
use crate::api::respond::{created, ok_with_etag};
use crate::api::validate::{Check, NAME_MAX, TEXT_MAX, yes};
use crate::audit::{self, Action, ObjectKind};
use crate::auth::Scope;
use crate::auth::{Table, check_reference, update_versioned};
use crate::db::sql::Statement;
use crate::db::{Flag, Id, Sql, Timestamp, Tx};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

pub use list::{BodyFilter, visible_bodies};
pub use members::Member;
pub use powers::BodyPower;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list_bodies, create_body))
        .routes(routes!(get_body, update_body, delete_body))
}

/// A body as stored.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct BodySummary {
    pub id: Id,
    pub area_id: Option<Id>,
    pub parent_id: Option<Id>,
    #[sqlx(try_from = "String")]
    pub kind: BodyKind,
    pub name: String,
    pub description: Option<String>,
    #[sqlx(try_from = "Flag")]
    pub public: bool,
    /// How often it meets, in words ("monatlich", "viermal im Jahr").
    pub rhythm: Option<String>,
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A body with its powers and current members.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Body {
    #[serde(flatten)]
    pub body: BodySummary,
    pub powers: Vec<BodyPower>,
    pub members: Vec<Member>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BodyInput {
    pub kind: BodyKind,
    pub name: String,
    #[serde(default)]
    pub area_id: Option<Id>,
    /// Required for Arbeitskreise and Unterarbeitsgruppen.
    #[serde(default)]
    pub parent_id: Option<Id>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default = "yes")]
    pub public: bool,
    #[serde(default)]
    pub rhythm: Option<String>,
    #[serde(default)]
    pub powers: Vec<BodyPower>,
}

impl BodyInput {
    fn check(&self) -> Result<()> {
        let mut c = Check::new();
        c.name("/name", &self.name);
        c.optional_text("/description", self.description.as_deref(), TEXT_MAX);
        c.optional_text("/rhythm", self.rhythm.as_deref(), NAME_MAX);
        c.that(
            !self.kind.needs_parent() || self.parent_id.is_some(),
            "/parent_id",
            Code::Required,
        );
        powers::check(&mut c, &self.powers);
        c.finish()
    }
}

const COLUMNS: &str = "b.id, b.area_id, b.parent_id, b.kind, b.name, b.description, b.public, b.rhythm, b.version, b.created_at, b.updated_at";

/// Loads a body the caller may see, or 404.
pub async fn load_visible(state: &AppState, scope: &Scope, id: Id) -> Result<BodySummary> {
    let mut sql = Sql::new("");
    let (bid, m) = (sql.bind(id), sql.bind(scope.municipality_id));
    let visible = visible_body(scope, &mut sql, "b");
    sql.push(&format!(
        "SELECT {COLUMNS} FROM bodies b WHERE b.id = {bid} AND b.municipality_id = {m} AND {visible}"
    ));
    sql.fetch_found::<BodySummary, _>(&state.db.pool).await
}

/// One body with its powers and current members.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/bodies/{id}", tag = "Gremien",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = Body, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)))]
async fn get_body(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<Response> {
    let full = body(&state, &scope, id).await?;
    Ok(ok_with_etag(full.body.version, full))
}

/// The body with its powers and current members, as this caller may see it, or 404: the
/// API's `GET …/bodies/{id}` and the signed-in pages' meetings of a body.
pub async fn body(state: &AppState, scope: &Scope, id: Id) -> Result<Body> {
    // Three independent reads: run them side by side (an invisible body discards the rest).
    let (body, powers, members) = tokio::try_join!(
        load_visible(state, scope, id),
        powers::load(&state.db.pool, id),
        members::current(state, scope, id),
    )?;
    Ok(Body {
        body,
        powers,
        members,
    })
}

/// Creates a body. Staff only.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/bodies", tag = "Gremien",
    params(("municipality" = String, Path)), request_body = BodyInput,
    responses((status = 201, body = Body), (status = 422, body = crate::error::Problem)))]
async fn create_body(
    State(state): State<AppState>,
    scope: Scope,
    Json(input): Json<BodyInput>,
) -> Result<Response> {
    scope.require_staff()?;
    input.check()?;
    let mut tx = state.db.begin().await?;
    check_references(&mut tx, &scope, &input).await?;
    let id = Id::new();
    let now = Timestamp::now();
    let insert = sqlx::query(
        "INSERT INTO bodies (id, municipality_id, area_id, parent_id, kind, name, description, public,
                             rhythm, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10)",
    )
    .bind(id)
    .bind(scope.municipality_id);
    bind_fields(insert, &input)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    powers::write(&mut tx, id, &input.powers).await?;
    audit::record_change(&mut tx, &scope, Action::Create, ObjectKind::Body, id).await?;
    tx.commit().await?;
    let full = body(&state, &scope, id).await?;
    Ok(created(full.body.version, full))
}

/// Refuses an area or parent body that is not one of this municipality.
async fn check_references(tx: &mut Tx, scope: &Scope, input: &BodyInput) -> Result<()> {
    check_reference(tx, scope, Table::Areas, input.area_id, "/area_id").await?;
    check_reference(tx, scope, Table::Bodies, input.parent_id, "/parent_id").await
}

/// Binds the input's columns (`area_id` … `rhythm`), in the order that both the INSERT and
/// the UPDATE list them, so the two cannot drift apart.
fn bind_fields<'q>(statement: Statement<'q>, input: &BodyInput) -> Statement<'q> {
    statement
        .bind(input.area_id)
        .bind(input.parent_id)
        .bind(input.kind.as_str())
        .bind(input.name.trim())
        .bind(&input.description)
        .bind(Flag(input.public))
        .bind(&input.rhythm)
}

/// Replaces a body's fields. Send the `ETag` you read as `If-Match`; a stale version gets 412.
#[utoipa::path(put, path = "/api/v1/municipalities/{municipality}/bodies/{id}", tag = "Gremien",
    params(("municipality" = String, Path), ("id" = Id, Path), ("If-Match" = String, Header)),
    request_body = BodyInput,
    responses((status = 200, body = Body), (status = 412, body = crate::error::Problem), (status = 428, body = crate::error::Problem)))]
async fn update_body(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    if_match: IfMatch,
    Json(input): Json<BodyInput>,
) -> Result<Response> {
    load_visible(&state, &scope, id).await?;
    scope.require_staff()?;
    input.check()?;
    if input.parent_id == Some(id) {
        return Err(Error::field("/parent_id", Code::Invalid));
    }
    let mut tx = state.db.begin().await?;
    check_references(&mut tx, &scope, &input).await?;
    let set = "area_id = $5, parent_id = $6, kind = $7, name = $8, description = $9, \
               public = $10, rhythm = $11";
    update_versioned(&mut tx, &scope, Table::Bodies, (id, if_match), set, |s| {
        bind_fields(s, &input)
    })
    .await?;
    powers::write(&mut tx, id, &input.powers).await?;
    audit::record_change(&mut tx, &scope, Action::Update, ObjectKind::Body, id).await?;
    tx.commit().await?;
    let full = body(&state, &scope, id).await?;
    Ok(ok_with_etag(full.body.version, full))
}

const DELETION: Deletion = Deletion {
    table: "bodies",
    kind: ObjectKind::Body,
    uses: Some(
        "SELECT (SELECT COUNT(*) FROM meetings WHERE body_id = $1)
              + (SELECT COUNT(*) FROM memberships WHERE body_id = $1)
              + (SELECT COUNT(*) FROM join_requests WHERE body_id = $1)
              + (SELECT COUNT(*) FROM bodies WHERE parent_id = $1)
              + (SELECT COUNT(*) FROM funds WHERE advising_body_id = $1 OR deciding_body_id = $1)
              + (SELECT COUNT(*) FROM fund_applications
                 WHERE advise_body_id = $1 OR decide_body_id = $1)
              + (SELECT COUNT(*) FROM contracts WHERE steering_body_id = $1)
              + (SELECT COUNT(*) FROM contract_reviews WHERE body_id = $1)",
    ),
    parts: &[],
};

/// Deletes a body that has no meetings, members, requests or working groups yet.
#[utoipa::path(delete, path = "/api/v1/municipalities/{municipality}/bodies/{id}", tag = "Gremien",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 204), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
async fn delete_body(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<StatusCode> {
    DELETION
        .run(&state.db, &scope, id, load_visible(&state, &scope, id))
        .await
}
