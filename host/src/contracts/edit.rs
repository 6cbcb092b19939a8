//! Creating, replacing and deleting a contract with its parties and targets (staff only).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::input::{ContractInput, check, check_references, write_parts};
use super::load_visible;
use super::view::reload;
use crate::api::delete::Deletion;
use crate::api::extract::{IfMatch, Json, Path};
use crate::api::respond::{created, ok_with_etag};
use crate::api::validate::blank_to_none;
use crate::audit::{Action, ObjectKind, record_change};
use crate::auth::Scope;
use crate::auth::{Table, update_versioned};
use crate::db::sql::Statement;
use crate::db::{Id, Timestamp};
use crate::error::Result;
use crate::state::AppState;

/// Creates a contract.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/contracts", tag = "Kontrakte",
    params(("municipality" = String, Path, description = "Kürzel der Kommune")),
    request_body = ContractInput,
    responses((status = 201, body = super::view::Contract, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub(super) async fn create_contract(
    State(state): State<AppState>,
    scope: Scope,
    Json(input): Json<ContractInput>,
) -> Result<Response> {
    scope.require_staff()?;
    check(&input)?;
    let id = Id::new();
    let mut tx = state.db.begin().await?;
    check_references(&mut tx, &scope, &input).await?;
    let insert = sqlx::query(
        "INSERT INTO contracts (id, municipality_id, title, subject, starts_on, ends_on, \
         steering_body_id, version, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)",
    )
    .bind(id)
    .bind(scope.municipality_id);
    bind_fields(insert, &input)
        .bind(Timestamp::now())
        .execute(&mut *tx)
        .await?;
    write_parts(&mut tx, &scope, id, &input).await?;
    record_change(&mut tx, &scope, Action::Create, ObjectKind::Contract, id).await?;
    tx.commit().await?;
    let contract = reload(&state, &scope, id).await?;
    Ok(created(contract.contract.version, contract))
}

/// Binds the input's columns (`title` … `steering_body_id`), in the order that both the
/// INSERT and the UPDATE list them, so the two cannot drift apart.
fn bind_fields<'q>(statement: Statement<'q>, input: &ContractInput) -> Statement<'q> {
    statement
        .bind(input.title.trim())
        .bind(blank_to_none(&input.subject))
        .bind(input.starts_on)
        .bind(input.ends_on)
        .bind(input.steering_body_id)
}

/// Replaces a contract's fields, parties and targets (`If-Match` required).
#[utoipa::path(put, path = "/api/v1/municipalities/{municipality}/contracts/{id}", tag = "Kontrakte",
    params(("municipality" = String, Path), ("id" = Id, Path),
        ("If-Match" = String, Header, description = "ETag der bearbeiteten Fassung")),
    request_body = ContractInput,
    responses((status = 200, body = super::view::Contract, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub(super) async fn update_contract(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    if_match: IfMatch,
    Json(input): Json<ContractInput>,
) -> Result<Response> {
    load_visible(&state, &scope, id).await?;
    scope.require_staff()?;
    check(&input)?;
    let mut tx = state.db.begin().await?;
    check_references(&mut tx, &scope, &input).await?;
    let set = "title = $5, subject = $6, starts_on = $7, ends_on = $8, steering_body_id = $9";
    update_versioned(
        &mut tx,
        &scope,
        Table::Contracts,
        (id, if_match),
        set,
        |s| bind_fields(s, &input),
    )
    .await?;
    write_parts(&mut tx, &scope, id, &input).await?;
    record_change(&mut tx, &scope, Action::Update, ObjectKind::Contract, id).await?;
    tx.commit().await?;
    let contract = reload(&state, &scope, id).await?;
    Ok(ok_with_etag(contract.contract.version, contract))
}

const DELETION: Deletion = Deletion {
    table: "contracts",
    kind: ObjectKind::Contract,
    uses: Some("SELECT COUNT(*) FROM contract_reviews WHERE contract_id = $1"),
    parts: &[
        "DELETE FROM contract_targets WHERE contract_id = $1",
        "DELETE FROM contract_parties WHERE contract_id = $1",
    ],
};

/// Deletes a contract that has not been reviewed yet; a reviewed one is part of the record.
#[utoipa::path(delete, path = "/api/v1/municipalities/{municipality}/contracts/{id}", tag = "Kontrakte",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 204), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
pub(super) async fn delete_contract(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<StatusCode> {
    DELETION
        .run(&state.db, &scope, id, load_visible(&state, &scope, id))
        .await
}
