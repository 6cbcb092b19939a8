//! Organisations: welfare associations, clubs, schools, departments … of the networks.
//!
//! Organisations are host-wide, not municipal: one welfare organisation works in several
//! municipalities, so these routes carry no municipality and their audit entries none
//! either. They are institutions, not private persons, so everyone may read them; staff of
//! any municipality maintain them.
//!
//! This module holds the organisation as read and its routes; `input` what a client sends
//! and its checks, `list` the listing, `activity` the areas of activity.

mod activity;
mod input;
mod list;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::areas::{Tree, closes_loop, tree_conflict};
use super::kinds::OrganisationKind;
use crate::api::delete::Deletion;
use crate::api::extract::{IfMatch, Json, Path};
use crate::api::respond::{created, ok_with_etag};
use crate::api::validate::blank_to_none;
use crate::audit::{Action, NewEntry, ObjectKind};
use crate::auth::check_organisation;
use crate::auth::{Caller, Role};
use crate::db::sql::Statement;
use crate::db::{Id, Timestamp};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;
use input::OrganisationInput;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list_organisations, create_organisation))
        .routes(routes!(
            get_organisation,
            update_organisation,
            delete_organisation
        ))
}

/// Who may create and edit organisations: staff of any municipality.
const EDITORS: &[Role] = &[Role::Admin, Role::Coordinator, Role::Qm];
/// Who may delete them: deleting affects every municipality, so only the coordination.
const DELETERS: &[Role] = &[Role::Admin, Role::Coordinator];

/// An organisation as stored.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct OrganisationSummary {
    pub id: Id,
    /// The umbrella organisation, e.g. the regional association of a welfare organisation.
    pub parent_id: Option<Id>,
    #[sqlx(try_from = "String")]
    pub kind: OrganisationKind,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub address: Option<String>,
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// An organisation with its areas of activity.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Organisation {
    #[serde(flatten)]
    pub organisation: OrganisationSummary,
    /// Areas of activity, in any municipality.
    pub area_ids: Vec<Id>,
}

/// 401 for anonymous callers, 403 for users without one of the `allowed` roles.
fn require_role(caller: &Caller, allowed: &[Role]) -> Result<()> {
    match &caller.0 {
        None => Err(Error::client(Code::Unauthenticated)),
        Some(user) if allowed.contains(&user.role) => Ok(()),
        Some(_) => Err(Error::client(Code::Forbidden)),
    }
}

const COLUMNS: &str = "o.id, o.parent_id, o.kind, o.name, o.email, o.phone, o.website, o.address, o.version, o.created_at, o.updated_at";

/// Loads an organisation with its areas, or 404.
async fn load(state: &AppState, id: Id) -> Result<Organisation> {
    let sql = format!("SELECT {COLUMNS} FROM organisations o WHERE o.id = $1");
    let organisation = sqlx::query_as::<_, OrganisationSummary>(crate::db::sql::trusted(sql))
        .bind(id)
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or(Error::NotFound)?;
    let area_ids = activity::load(&state.db.pool, id).await?;
    Ok(Organisation {
        organisation,
        area_ids,
    })
}

/// One organisation with its areas of activity. Public.
#[utoipa::path(get, path = "/api/v1/organisations/{id}", tag = "Organisationen",
    params(("id" = Id, Path)),
    responses((status = 200, body = Organisation, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)))]
async fn get_organisation(State(state): State<AppState>, Path(id): Path<Id>) -> Result<Response> {
    let organisation = load(&state, id).await?;
    Ok(ok_with_etag(
        organisation.organisation.version,
        organisation,
    ))
}

/// Creates an organisation. Staff of any municipality.
#[utoipa::path(post, path = "/api/v1/organisations", tag = "Organisationen",
    request_body = OrganisationInput,
    responses((status = 201, body = Organisation, headers(("ETag" = String))), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
async fn create_organisation(
    State(state): State<AppState>,
    caller: Caller,
    Json(input): Json<OrganisationInput>,
) -> Result<Response> {
    require_role(&caller, EDITORS)?;
    input.check()?;
    let mut tx = state.db.begin().await?;
    check_organisation(&mut tx, input.parent_id, "/parent_id").await?;
    activity::check(&mut tx, &input.area_ids).await?;
    let id = Id::new();
    let insert = sqlx::query(
        "INSERT INTO organisations (id, name, kind, parent_id, email, phone, website, address,
                                    version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9)",
    )
    .bind(id);
    bind_fields(insert, &input)
        .bind(Timestamp::now())
        .execute(&mut *tx)
        .await?;
    activity::write(&mut tx, id, &input.areas()).await?;
    NewEntry::new(&caller, Action::Create, ObjectKind::Organisation, id)
        .write(&mut *tx)
        .await?;
    tx.commit().await?;
    let organisation = load(&state, id).await?;
    Ok(created(organisation.organisation.version, organisation))
}

/// Binds the input's columns (`name` … `address`), in the order that both the INSERT and the
/// UPDATE list them, so the two cannot drift apart.
fn bind_fields<'q>(statement: Statement<'q>, input: &OrganisationInput) -> Statement<'q> {
    statement
        .bind(input.name.trim())
        .bind(input.kind.as_str())
        .bind(input.parent_id)
        .bind(blank_to_none(&input.email))
        .bind(blank_to_none(&input.phone))
        .bind(blank_to_none(&input.website))
        .bind(blank_to_none(&input.address))
}

/// Replaces an organisation's fields and areas. Send the `ETag` you read as `If-Match`; a
/// stale version gets 412. An organisation cannot be placed below itself.
#[utoipa::path(put, path = "/api/v1/organisations/{id}", tag = "Organisationen",
    params(("id" = Id, Path), ("If-Match" = String, Header)),
    request_body = OrganisationInput,
    responses((status = 200, body = Organisation, headers(("ETag" = String))), (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem), (status = 428, body = crate::error::Problem)))]
async fn update_organisation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Id>,
    if_match: IfMatch,
    Json(input): Json<OrganisationInput>,
) -> Result<Response> {
    require_role(&caller, EDITORS)?;
    load(&state, id).await?;
    input.check()?;
    let mut tx = state.db.begin().await?;
    check_organisation(&mut tx, input.parent_id, "/parent_id").await?;
    activity::check(&mut tx, &input.area_ids).await?;
    let update = sqlx::query(
        "UPDATE organisations SET name = $3, kind = $4, parent_id = $5, email = $6, phone = $7,
                website = $8, address = $9, version = version + 1, updated_at = $10
         WHERE id = $1 AND version = COALESCE($2, version)",
    )
    .bind(id)
    .bind(if_match.version());
    let updated = bind_fields(update, &input)
        .bind(Timestamp::now())
        .execute(&mut *tx)
        .await
        .map_err(tree_conflict)?;
    if updated.rows_affected() == 0 {
        let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        return Err(if exists == 0 {
            Error::NotFound
        } else {
            Error::client(Code::PreconditionFailed)
        });
    }
    if let Some(parent) = input.parent_id
        && closes_loop(&mut tx, Tree::Organisations, id, parent).await?
    {
        return Err(Error::field("/parent_id", Code::Invalid));
    }
    activity::write(&mut tx, id, &input.areas()).await?;
    NewEntry::new(&caller, Action::Update, ObjectKind::Organisation, id)
        .write(&mut *tx)
        .await?;
    tx.commit().await?;
    let organisation = load(&state, id).await?;
    Ok(ok_with_etag(
        organisation.organisation.version,
        organisation,
    ))
}

/// Deletes an organisation nobody refers to (memberships, persons, users, join requests,
/// attendance, member organisations). Coordination and host admins only.
#[utoipa::path(delete, path = "/api/v1/organisations/{id}", tag = "Organisationen",
    params(("id" = Id, Path)),
    responses((status = 204), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem)))]
async fn delete_organisation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Id>,
) -> Result<StatusCode> {
    require_role(&caller, DELETERS)?;
    load(&state, id).await?;
    DELETION.run_host_wide(&state.db, &caller, id).await
}

const DELETION: Deletion = Deletion {
    table: "organisations",
    kind: ObjectKind::Organisation,
    uses: Some(
        "SELECT (SELECT COUNT(*) FROM memberships WHERE organisation_id = $1 OR on_behalf_of_id = $1)
              + (SELECT COUNT(*) FROM persons WHERE organisation_id = $1)
              + (SELECT COUNT(*) FROM users WHERE organisation_id = $1)
              + (SELECT COUNT(*) FROM join_requests WHERE organisation_id = $1)
              + (SELECT COUNT(*) FROM attendance WHERE organisation_id = $1)
              + (SELECT COUNT(*) FROM organisations WHERE parent_id = $1)
              + (SELECT COUNT(*) FROM projects WHERE lead_organisation_id = $1)
              + (SELECT COUNT(*) FROM project_partners WHERE organisation_id = $1)
              + (SELECT COUNT(*) FROM contract_parties WHERE organisation_id = $1)
              + (SELECT COUNT(*) FROM task_matrix_actors WHERE organisation_id = $1)
              + (SELECT COUNT(*) FROM concerns
                 WHERE proposed_organisation_id = $1 OR department_organisation_id = $1)",
    ),
    // Its areas of activity are part of it.
    parts: &["DELETE FROM organisation_areas WHERE organisation_id = $1"],
};
