//! Organisations: welfare associations, clubs, schools, departments … of the networks.
//!
//! Organisations are host-wide, not municipal: one welfare organisation works in several
//! municipalities, so these routes carry no municipality. They are institutions, not private
//! persons, so everyone may read them. Who may change them (`rights`): the host admin, and
//! staff of a municipality *involved* with the organisation — the one that created it, or one
//! whose data names it (areas of activity, memberships, persons, projects …); staff of an
//! unrelated municipality get 403. Each municipality keeps its own areas of activity
//! (`activity`). Every change is audited in the log of every municipality involved.
//!
//! This module holds the organisation as read and its routes; `input` what a client sends
//! and its checks, `update` the change, `list` the listing, `activity` the areas of activity,
//! `rights` who may change what and whose log hears of it.

mod activity;
mod input;
mod list;
mod rights;
mod update;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::kinds::OrganisationKind;
use crate::api::delete::Deletion;
use crate::api::extract::{Json, Path};
use crate::api::respond::{created, ok_with_etag};
use crate::api::validate::blank_to_none;
use crate::audit::{Action, ObjectKind};
use crate::auth::check_organisation;
use crate::auth::{Caller, Role};
use crate::db::sql::Statement;
use crate::db::{Id, Timestamp};
use crate::error::{Error, Result};
use crate::state::AppState;
pub use input::OrganisationInput;
pub use list::{OrganisationFilter, list};
use rights::Editor;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list_organisations, create_organisation))
        .routes(routes!(
            get_organisation,
            update::update_organisation,
            delete_organisation
        ))
}

/// Who may create and edit organisations: staff (of an involved municipality, `rights`).
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
    /// The municipality whose staff created it; none when the host admin did (or it was
    /// created before this was recorded).
    pub created_by_municipality_id: Option<Id>,
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

const COLUMNS: &str = "o.id, o.parent_id, o.kind, o.name, o.email, o.phone, o.website, o.address, o.created_by_municipality_id, o.version, o.created_at, o.updated_at";

/// Loads an organisation with its areas, or 404.
async fn load(state: &AppState, id: Id) -> Result<Organisation> {
    let organisation = summary(&state.db.pool, id).await?;
    let area_ids = activity::load(&state.db.pool, id).await?;
    Ok(Organisation {
        organisation,
        area_ids,
    })
}

/// The organisation as stored, from the pool or inside a transaction, or 404.
async fn summary<'e, E>(executor: E, id: Id) -> Result<OrganisationSummary>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let sql = format!("SELECT {COLUMNS} FROM organisations o WHERE o.id = $1");
    sqlx::query_as::<_, OrganisationSummary>(crate::db::sql::trusted(sql))
        .bind(id)
        .fetch_optional(executor)
        .await?
        .ok_or(Error::NotFound)
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

/// Creates an organisation. Staff of any municipality (recorded as its creator, which may
/// then change it) and host admins. Staff name only areas of their own municipality.
#[utoipa::path(post, path = "/api/v1/organisations", tag = "Organisationen",
    request_body = OrganisationInput,
    responses((status = 201, body = Organisation, headers(("ETag" = String))), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
async fn create_organisation(
    State(state): State<AppState>,
    caller: Caller,
    Json(input): Json<OrganisationInput>,
) -> Result<Response> {
    let organisation = create(&state, &caller, &input).await?;
    Ok(created(organisation.organisation.version, organisation))
}

/// Creates an organisation as the API does (its rule, checks and audit entries); the API
/// handler and the staff's organisations page both come here.
pub async fn create(
    state: &AppState,
    caller: &Caller,
    input: &OrganisationInput,
) -> Result<Organisation> {
    let editor = Editor::of(caller, EDITORS)?;
    input.check()?;
    let mut tx = state.db.begin().await?;
    check_organisation(&mut tx, input.parent_id, "/parent_id").await?;
    let areas = activity::resulting(&mut tx, editor, None, &input.area_ids).await?;
    let id = Id::new();
    let insert = sqlx::query(
        "INSERT INTO organisations (id, name, kind, parent_id, email, phone, website, address,
                                    created_by_municipality_id, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10)",
    )
    .bind(id);
    bind_fields(insert, input)
        .bind(editor.municipality())
        .bind(Timestamp::now())
        .execute(&mut *tx)
        .await?;
    activity::write(&mut tx, id, &areas).await?;
    let involved = rights::involved(&mut tx, id).await?;
    rights::record(&mut tx, caller, Action::Create, id, &[], &involved).await?;
    tx.commit().await?;
    load(state, id).await
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

/// Deletes an organisation nobody refers to (memberships, persons, users, join requests,
/// attendance, member organisations). Host admins, and the coordination of a municipality
/// when no other municipality is involved with it (403 `organisation_shared`, or
/// `organisation_not_involved` when the caller's is not either).
#[utoipa::path(delete, path = "/api/v1/organisations/{id}", tag = "Organisationen",
    params(("id" = Id, Path)),
    responses((status = 204), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem)))]
async fn delete_organisation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Id>,
) -> Result<StatusCode> {
    let editor = Editor::of(&caller, DELETERS)?;
    load(&state, id).await?;
    let mut tx = state.db.begin().await?;
    let involved = rights::involved(&mut tx, id).await?;
    editor.may_delete(&involved)?;
    DELETION.remove_host_wide(&mut tx, id).await?;
    rights::record(&mut tx, &caller, Action::Delete, id, &involved, &[]).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
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
