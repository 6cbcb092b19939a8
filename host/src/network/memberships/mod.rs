//! Memberships: which organisation and/or person sits in which body, in which role, with or
//! without a vote, from when to when, and on whose behalf.
//!
//! A membership is visible with its body. An organisation or person holds at most one active
//! membership (not ended before today) per body; `rules` checks that under a per-body lock,
//! since the schema cannot express it. Join requests (`join_requests`) create memberships
//! through [`insert`]. `input` is what a client sends, `list` lists a body's memberships.

mod input;
mod list;
mod rules;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::bodies;
use super::kinds::MemberRole;
use super::visible_body;
use crate::api::delete::Deletion;
use crate::api::extract::{IfMatch, Json, Path};
use crate::api::respond::{created, ok_with_etag};
use crate::audit::{self, Action, ObjectKind};
use crate::auth::{Scope, Table, update_versioned};
use crate::db::{Date, Flag, Id, Sql, Timestamp};
use crate::error::Result;
use crate::state::AppState;
use input::bind_fields;
use rules::check_references;

pub use input::MembershipInput;
pub(super) use rules::{insert, lock_body, refuse_second};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list_memberships, create_membership))
        .routes(routes!(
            get_membership,
            update_membership,
            delete_membership
        ))
}

/// A membership with the names of who holds it.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Membership {
    pub id: Id,
    pub body_id: Id,
    pub organisation_id: Option<Id>,
    pub organisation_name: Option<String>,
    pub person_id: Option<Id>,
    /// Shown to staff, to others only when the person agreed to be listed publicly; never
    /// after the person's data was erased.
    pub person_name: Option<String>,
    #[sqlx(try_from = "String")]
    pub role: MemberRole,
    #[sqlx(try_from = "Flag")]
    pub voting_right: bool,
    /// First day.
    pub starts_on: Option<Date>,
    /// Last day; none while open-ended.
    pub ends_on: Option<Date>,
    /// The organisation the member acts for, e.g. a deputy of a welfare organisation.
    pub on_behalf_of_id: Option<Id>,
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// The SELECT … FROM … WHERE head for memberships the caller may see (those of visible
/// bodies of this municipality), with `extra` columns; append conditions with `AND`.
fn select_visible(scope: &Scope, sql: &mut Sql, extra: &str) -> String {
    let staff = sql.bind(Flag(scope.is_staff()));
    let yes = sql.bind(Flag(true));
    let m = sql.bind(scope.municipality_id);
    let visible = visible_body(scope, sql, "b");
    format!(
        "SELECT ms.id, ms.body_id, ms.organisation_id, o.name AS organisation_name, ms.person_id,
                CASE WHEN {staff} = {yes} OR p.listed_publicly = {yes} THEN p.name END AS person_name,
                ms.role, ms.voting_right, ms.starts_on, ms.ends_on, ms.on_behalf_of_id,
                ms.version, ms.created_at, ms.updated_at{extra}
         FROM memberships ms
         JOIN bodies b ON b.id = ms.body_id
         LEFT JOIN organisations o ON o.id = ms.organisation_id
         LEFT JOIN persons p ON p.id = ms.person_id AND p.erased_at IS NULL
         WHERE ms.municipality_id = {m} AND {visible}"
    )
}

/// Loads a membership the caller may see, or 404.
async fn load_visible(state: &AppState, scope: &Scope, id: Id) -> Result<Membership> {
    let mut sql = Sql::new("");
    let head = select_visible(scope, &mut sql, "");
    let id = sql.bind(id);
    sql.push(&format!("{head} AND ms.id = {id}"));
    sql.fetch_found::<Membership, _>(&state.db.pool).await
}

/// One membership.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/memberships/{id}", tag = "Mitgliedschaften",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = Membership, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)))]
async fn get_membership(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<Response> {
    let membership = load_visible(&state, &scope, id).await?;
    Ok(ok_with_etag(membership.version, membership))
}

/// Adds a member to a body. Staff only; an organisation or person that is already an active
/// member gets 409 `already_member`.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/bodies/{id}/memberships", tag = "Mitgliedschaften",
    params(("municipality" = String, Path), ("id" = Id, Path)), request_body = MembershipInput,
    responses((status = 201, body = Membership), (status = 409, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
async fn create_membership(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, body_id)): Path<(String, Id)>,
    Json(input): Json<MembershipInput>,
) -> Result<Response> {
    bodies::load_visible(&state, &scope, body_id).await?;
    scope.require_staff()?;
    input.check()?;
    let mut tx = state.db.begin().await?;
    lock_body(&mut tx, body_id).await?;
    check_references(&mut tx, &scope, &input, None).await?;
    let id = insert(&mut tx, &scope, body_id, &input).await?;
    tx.commit().await?;
    let membership = load_visible(&state, &scope, id).await?;
    Ok(created(membership.version, membership))
}

/// Replaces a membership's fields (its body stays). Send the `ETag` you read as `If-Match`.
#[utoipa::path(put, path = "/api/v1/municipalities/{municipality}/memberships/{id}", tag = "Mitgliedschaften",
    params(("municipality" = String, Path), ("id" = Id, Path), ("If-Match" = String, Header)),
    request_body = MembershipInput,
    responses((status = 200, body = Membership), (status = 409, body = crate::error::Problem),
              (status = 412, body = crate::error::Problem), (status = 428, body = crate::error::Problem)))]
async fn update_membership(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    if_match: IfMatch,
    Json(input): Json<MembershipInput>,
) -> Result<Response> {
    let current = load_visible(&state, &scope, id).await?;
    scope.require_staff()?;
    input.check()?;
    let mut tx = state.db.begin().await?;
    lock_body(&mut tx, current.body_id).await?;
    check_references(&mut tx, &scope, &input, current.person_id).await?;
    refuse_second(&mut tx, current.body_id, &input, Some(id)).await?;
    let set = "organisation_id = $5, person_id = $6, role = $7, voting_right = $8, \
               starts_on = $9, ends_on = $10, on_behalf_of_id = $11";
    update_versioned(
        &mut tx,
        &scope,
        Table::Memberships,
        (id, if_match),
        set,
        |s| bind_fields(s, &input),
    )
    .await?;
    audit::record_change(&mut tx, &scope, Action::Update, ObjectKind::Membership, id).await?;
    tx.commit().await?;
    let membership = load_visible(&state, &scope, id).await?;
    Ok(ok_with_etag(membership.version, membership))
}

const DELETION: Deletion = Deletion {
    table: "memberships",
    kind: ObjectKind::Membership,
    uses: Some("SELECT COUNT(*) FROM join_requests WHERE membership_id = $1"),
    parts: &[],
};

/// Deletes a membership entered by mistake. One that came from an approved join request is
/// part of a recorded decision: end it (`ends_on`) instead; deleting it gets 409 `in_use`.
#[utoipa::path(delete, path = "/api/v1/municipalities/{municipality}/memberships/{id}", tag = "Mitgliedschaften",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 204), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
async fn delete_membership(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<StatusCode> {
    DELETION
        .run(&state.db, &scope, id, load_visible(&state, &scope, id))
        .await
}
