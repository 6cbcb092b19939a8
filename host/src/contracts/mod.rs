//! Contracts (*Kontrakte*, docs/architecture.md, "Domain model"): agreements between the municipality and
//! organisations with quantitative and qualitative targets and deadlines, reviewed by a
//! steering body (*Lenkungsgremium*); the contract's fulfilment status follows from the
//! latest review.
//!
//! Who may do what: staff (coordinator, qm) see all contracts of their municipality, create,
//! edit and delete them and record reviews (on behalf of the steering body). Users acting
//! for an organisation see the contracts it is a party to. Everyone else sees nothing:
//! lists answer 401/403, a contract answers 404 exactly like a missing one.
//!
//! The API's handlers and the signed-in pages (`web::contract_*`) call the same functions
//! (`visible_contracts`, `contract`, `record_review`).
//!
//! A contract's version (`ETag`) covers its own fields, parties and targets; recording a
//! review appends to it without changing the version.

mod edit;
mod input;
mod kinds;
mod list;
mod reviews;
mod view;

use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

use crate::auth::{Level, Scope};
use crate::db::{Date, Id, Sql, Timestamp};
use crate::error::{Error, Result};

pub use kinds::{Fulfilment, PartyRole, TargetKind};
pub use list::{ContractFilter, visible_contracts};
pub use reviews::{ResultInput, ReviewInput, record as record_review};
pub use view::{Contract, ContractTarget, Party, Review, ReviewResult, reload as contract};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list_contracts, edit::create_contract))
        .routes(routes!(
            view::get_contract,
            edit::update_contract,
            edit::delete_contract
        ))
        .routes(routes!(reviews::add_review))
}

/// A contract as stored, without parties, targets and reviews.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ContractSummary {
    pub id: Id,
    pub title: String,
    /// What the contract is about (*Gegenstand*).
    pub subject: Option<String>,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
    /// The body that reviews the contract (*Lenkungsgremium*).
    pub steering_body_id: Id,
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

const COLUMNS: &str = "c.id, c.title, c.subject, c.starts_on, c.ends_on, c.steering_body_id, \
     c.version, c.created_at, c.updated_at";

/// The SQL condition under which the caller sees contract `c`, or `None` for no contract.
fn visible(scope: &Scope, sql: &mut Sql) -> Option<String> {
    match scope.level {
        Level::Staff => Some("1 = 1".to_owned()),
        Level::Member {
            organisation_id: Some(org),
        } => {
            let org = sql.bind(org);
            Some(format!(
                "c.id IN (SELECT contract_id FROM contract_parties WHERE organisation_id = {org})"
            ))
        }
        _ => None,
    }
}

/// Loads a contract the caller may see, or 404 (also for another municipality's).
async fn load_visible(state: &AppState, scope: &Scope, id: Id) -> Result<ContractSummary> {
    let mut sql = Sql::new("");
    let (cid, m) = (sql.bind(id), sql.bind(scope.municipality_id));
    let condition = visible(scope, &mut sql).ok_or(Error::NotFound)?;
    sql.push(&format!(
        "SELECT {COLUMNS} FROM contracts c WHERE c.id = {cid} AND c.municipality_id = {m} \
         AND {condition}"
    ));
    sql.fetch_found::<ContractSummary, _>(&state.db.pool).await
}
