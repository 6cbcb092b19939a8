//! Reviews of a contract by its steering body (*Lenkungsgremium*), recorded by staff: a
//! date, optionally the meeting of that body where it happened, and per target a
//! fulfilment status with a comment. Targets a review leaves out count as `offen` in it.

use std::collections::HashSet;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::view::{Contract, reload};
use super::{Fulfilment, load_visible};
use crate::api::extract::{Json, Path};
use crate::api::respond::ok_with_etag;
use crate::api::validate::{Check, TEXT_MAX, blank_to_none};
use crate::audit::{Action, ObjectKind, record_change};
use crate::auth::Scope;
use crate::db::{Date, Id, Timestamp};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

/// Most results per review: one per target.
const RESULTS_MAX: usize = 50;

/// A review as sent.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewInput {
    pub reviewed_on: Date,
    /// A meeting of the contract's steering body.
    #[serde(default)]
    pub meeting_id: Option<Id>,
    #[serde(default)]
    pub note: Option<String>,
    pub results: Vec<ResultInput>,
}

/// The judgement of one target.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultInput {
    pub target_id: Id,
    pub status: Fulfilment,
    #[serde(default)]
    pub comment: Option<String>,
}

fn check(input: &ReviewInput) -> Result<()> {
    let mut c = Check::new();
    c.optional_text("/note", input.note.as_deref(), TEXT_MAX);
    c.that(
        input.results.len() <= RESULTS_MAX,
        "/results",
        Code::OutOfRange,
    );
    let mut seen = HashSet::new();
    for (i, r) in input.results.iter().enumerate() {
        let p = format!("/results/{i}");
        c.that(
            seen.insert(r.target_id),
            &format!("{p}/target_id"),
            Code::Invalid,
        );
        c.optional_text(&format!("{p}/comment"), r.comment.as_deref(), TEXT_MAX);
    }
    c.finish()
}

/// Records a review of the contract by its steering body (staff only); answers 201 with
/// the contract as it now stands.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/contracts/{id}/reviews",
    tag = "Kontrakte",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    request_body = ReviewInput,
    responses((status = 201, body = super::view::Contract, headers(("ETag" = String))),
        (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub(super) async fn add_review(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    Json(input): Json<ReviewInput>,
) -> Result<Response> {
    let contract = record(&state, &scope, id, &input).await?;
    let mut response = ok_with_etag(contract.contract.version, contract);
    *response.status_mut() = StatusCode::CREATED;
    Ok(response.into_response())
}

/// Records a review of contract `id` as the caller, if they may: the API's way and the
/// pages'. Answers the contract as it now stands.
pub async fn record(
    state: &AppState,
    scope: &Scope,
    id: Id,
    input: &ReviewInput,
) -> Result<Contract> {
    let contract = load_visible(state, scope, id).await?;
    scope.require_staff()?;
    check(input)?;
    let body = contract.steering_body_id;
    let mut tx = state.db.begin().await?;
    if let Some(meeting) = input.meeting_id {
        let found: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM meetings WHERE id = $1 AND municipality_id = $2 AND body_id = $3",
        )
        .bind(meeting)
        .bind(scope.municipality_id)
        .bind(body)
        .fetch_one(&mut *tx)
        .await?;
        if found == 0 {
            return Err(Error::field("/meeting_id", Code::ReferenceMissing));
        }
    }
    let targets: Vec<Id> =
        sqlx::query_scalar("SELECT id FROM contract_targets WHERE contract_id = $1")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
    let mut c = Check::new();
    for (i, r) in input.results.iter().enumerate() {
        let known = targets.contains(&r.target_id);
        c.that(
            known,
            &format!("/results/{i}/target_id"),
            Code::ReferenceMissing,
        );
    }
    c.finish()?;
    let review = Id::new();
    sqlx::query(
        "INSERT INTO contract_reviews (id, municipality_id, contract_id, body_id, meeting_id, \
         reviewed_on, note, actor_id, actor, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(review)
    .bind(scope.municipality_id)
    .bind(id)
    .bind(body)
    .bind(input.meeting_id)
    .bind(input.reviewed_on)
    .bind(blank_to_none(&input.note))
    .bind(scope.caller.id())
    .bind(scope.caller.label())
    .bind(Timestamp::now())
    .execute(&mut *tx)
    .await?;
    for r in &input.results {
        sqlx::query(
            "INSERT INTO contract_review_results (review_id, target_id, status, comment) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(review)
        .bind(r.target_id)
        .bind(r.status.as_str())
        .bind(blank_to_none(&r.comment))
        .execute(&mut *tx)
        .await?;
    }
    record_change(
        &mut tx,
        scope,
        Action::Create,
        ObjectKind::ContractReview,
        review,
    )
    .await?;
    tx.commit().await?;
    reload(state, scope, id).await
}
