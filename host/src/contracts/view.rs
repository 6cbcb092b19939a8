//! One contract as read: parties, targets with their status in the latest review, every
//! review (newest first) and the overall fulfilment status.

use axum::extract::State;
use axum::response::Response;
use serde::Serialize;

use super::{ContractSummary, Fulfilment, PartyRole, TargetKind, load_visible};
use crate::api::extract::Path;
use crate::api::respond::ok_with_etag;
use crate::auth::Scope;
use crate::db::{Date, Id, Timestamp};
use crate::error::Result;
use crate::state::AppState;

/// A contract with parties, targets, reviews and fulfilment.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Contract {
    #[serde(flatten)]
    pub contract: ContractSummary,
    pub parties: Vec<Party>,
    pub targets: Vec<ContractTarget>,
    /// Newest first.
    pub reviews: Vec<Review>,
    /// Derived from the latest review (see [`Fulfilment::overall`]); `offen` before any.
    pub fulfilment: Fulfilment,
    pub fulfilment_label: &'static str,
}

/// A party; without `organisation_id` it is the municipality itself.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Party {
    pub organisation_id: Option<Id>,
    /// The organisation's name, or absent for the municipality.
    pub organisation_name: Option<String>,
    #[sqlx(try_from = "String")]
    pub role: PartyRole,
}

/// A target with its status in the latest review (`offen` when not judged there).
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ContractTarget {
    pub id: Id,
    #[sqlx(try_from = "String")]
    pub kind: TargetKind,
    pub description: Option<String>,
    pub indicator: Option<String>,
    pub unit: Option<String>,
    pub target_value: Option<f64>,
    pub deadline: Date,
    #[sqlx(skip)]
    pub status: Option<Fulfilment>,
}

/// A review by the steering body.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Review {
    pub id: Id,
    /// The steering body that reviewed.
    pub body_id: Id,
    pub meeting_id: Option<Id>,
    pub reviewed_on: Date,
    pub note: Option<String>,
    /// Who recorded it.
    pub actor: String,
    pub created_at: Timestamp,
    #[sqlx(skip)]
    pub results: Vec<ReviewResult>,
}

/// The judgement of one target in one review.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ReviewResult {
    #[serde(skip)]
    pub review_id: Id,
    pub target_id: Id,
    #[sqlx(try_from = "String")]
    pub status: Fulfilment,
    pub comment: Option<String>,
}

/// Loads the contract as the caller may see it, or 404: the API's view and the pages'.
pub async fn reload(state: &AppState, scope: &Scope, id: Id) -> Result<Contract> {
    let contract = load_visible(state, scope, id).await?;
    let pool = &state.db.pool;
    let parties = sqlx::query_as::<_, Party>(
        "SELECT p.organisation_id, o.name AS organisation_name, p.role FROM contract_parties p \
         LEFT JOIN organisations o ON o.id = p.organisation_id \
         WHERE p.contract_id = $1 ORDER BY p.position",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let mut targets = sqlx::query_as::<_, ContractTarget>(
        "SELECT id, kind, description, indicator, unit, target_value, deadline \
         FROM contract_targets WHERE contract_id = $1 ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let mut reviews = sqlx::query_as::<_, Review>(
        "SELECT id, body_id, meeting_id, reviewed_on, note, actor, created_at \
         FROM contract_reviews WHERE contract_id = $1 AND municipality_id = $2 \
         ORDER BY reviewed_on DESC, created_at DESC, id DESC",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .fetch_all(pool)
    .await?;
    let results = sqlx::query_as::<_, ReviewResult>(
        "SELECT r.review_id, r.target_id, r.status, r.comment FROM contract_review_results r \
         JOIN contract_reviews v ON v.id = r.review_id WHERE v.contract_id = $1",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    for result in results {
        if let Some(review) = reviews.iter_mut().find(|r| r.id == result.review_id) {
            review.results.push(result);
        }
    }
    let latest = reviews.first();
    for t in &mut targets {
        let judged = latest.and_then(|r| r.results.iter().find(|x| x.target_id == t.id));
        t.status = Some(judged.map_or(Fulfilment::Offen, |x| x.status));
    }
    let fulfilment = if latest.is_some() {
        let statuses: Vec<Fulfilment> = targets.iter().filter_map(|t| t.status).collect();
        Fulfilment::overall(&statuses)
    } else {
        Fulfilment::Offen
    };
    Ok(Contract {
        contract,
        parties,
        targets,
        reviews,
        fulfilment,
        fulfilment_label: fulfilment.label_de(),
    })
}

/// One contract with parties, targets, reviews and fulfilment.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/contracts/{id}", tag = "Kontrakte",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = Contract, headers(("ETag" = String))),
        (status = 404, body = crate::error::Problem)))]
pub(super) async fn get_contract(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<Response> {
    let contract = reload(&state, &scope, id).await?;
    Ok(ok_with_etag(contract.contract.version, contract))
}
