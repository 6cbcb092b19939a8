//! Funds: CRUD for staff, reading for the municipality's users, and the balance at any time.
//!
//! The balance now comes from the fund's denormalised totals; at an earlier time (`?at=`) it
//! is summed from the application events up to then. The budget is the current one (budget
//! changes are audit-logged, not versioned).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::kinds::FundKind;
use super::{euro, require_insider};
use crate::api::delete::Deletion;
use crate::api::extract::{IfMatch, Json, Path, Query};
use crate::api::page::{Page, PageParams};
use crate::api::respond::{created, ok_with_etag};
use crate::api::validate::Check;
use crate::audit::{self, Action, ObjectKind};
use crate::auth::Scope;
use crate::auth::{Table, check_reference};
use crate::db::sql::Statement;
use crate::db::{Id, Sql, Timestamp, Tx};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_funds, create_fund))
        .routes(routes!(get_fund, update_fund, delete_fund))
}

/// Largest budget we accept: 100 million € in cents — far above any neighbourhood fund, low
/// enough that sums of many funds stay far from overflowing.
pub const BUDGET_MAX: i64 = 10_000_000_000;
/// Months after the decision until the proof of use (*Verwendungsnachweis*) is due.
const PROOF_MONTHS_DEFAULT: i64 = 3;
const PROOF_MONTHS_MAX: i64 = 36;

/// A fund with its current totals.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Fund {
    pub id: Id,
    #[sqlx(try_from = "String")]
    pub kind: FundKind,
    pub name: String,
    pub year: i64,
    pub area_id: Option<Id>,
    pub area_name: Option<String>,
    pub budget_cents: i64,
    /// The body that advises (recommends) on applications.
    pub advising_body_id: Option<Id>,
    /// The body that decides; without one the QM decides.
    pub deciding_body_id: Option<Id>,
    /// Most one application may receive.
    pub cap_cents: Option<i64>,
    /// Months after the decision until the proof of use is due.
    pub proof_months: i64,
    /// Sum approved (bewilligt and later states).
    pub approved_cents: i64,
    pub paid_cents: i64,
    /// budget − approved.
    pub available_cents: i64,
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

const SELECT: &str = "SELECT f.id, f.kind, f.name, f.year, f.area_id, a.name AS area_name,
        f.budget_cents, f.advising_body_id, f.deciding_body_id, f.cap_cents, f.proof_months,
        f.approved_cents, f.paid_cents, f.budget_cents - f.approved_cents AS available_cents,
        f.version, f.created_at, f.updated_at";
const FROM: &str = " FROM funds f LEFT JOIN areas a ON a.id = f.area_id";

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FundInput {
    pub kind: FundKind,
    pub name: String,
    pub year: i64,
    #[serde(default)]
    pub area_id: Option<Id>,
    pub budget_cents: i64,
    #[serde(default)]
    pub advising_body_id: Option<Id>,
    #[serde(default)]
    pub deciding_body_id: Option<Id>,
    #[serde(default)]
    pub cap_cents: Option<i64>,
    /// Default 3.
    #[serde(default)]
    pub proof_months: Option<i64>,
}

impl FundInput {
    fn check(&self) -> Result<()> {
        let mut c = Check::new();
        c.name("/name", &self.name);
        c.range("/year", Some(self.year), 2000, 2100);
        c.range("/budget_cents", Some(self.budget_cents), 0, BUDGET_MAX);
        c.range("/cap_cents", self.cap_cents, 0, BUDGET_MAX);
        c.range("/proof_months", self.proof_months, 1, PROOF_MONTHS_MAX);
        c.finish()
    }

    async fn check_references(&self, tx: &mut Tx, scope: &Scope) -> Result<()> {
        check_reference(tx, scope, Table::Areas, self.area_id, "/area_id").await?;
        let bodies = [
            (self.advising_body_id, "/advising_body_id"),
            (self.deciding_body_id, "/deciding_body_id"),
        ];
        for (body, pointer) in bodies {
            check_reference(tx, scope, Table::Bodies, body, pointer).await?;
        }
        Ok(())
    }
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct FundFilter {
    #[serde(flatten)]
    #[param(ignore)]
    pub page: PageParams,
    pub year: Option<i64>,
    pub kind: Option<FundKind>,
    pub area_id: Option<Id>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct BalanceQuery {
    /// The balance at this time (default: now).
    pub at: Option<Timestamp>,
}

/// A fund's money at one time.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Balance {
    pub at: Timestamp,
    pub budget_cents: i64,
    pub approved_cents: i64,
    pub paid_cents: i64,
    /// budget − approved.
    pub available_cents: i64,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FundDetail {
    #[serde(flatten)]
    pub fund: Fund,
    pub balance: Balance,
}

/// Loads a fund of the scope's municipality, or 404. Not a check of who may read it: callers
/// outside the API check that first (`require_insider`, or a visible application of it).
pub async fn load<'e, E>(executor: E, scope: &Scope, id: Id) -> Result<Fund>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let mut sql = Sql::new("");
    let (id, m) = (sql.bind(id), sql.bind(scope.municipality_id));
    sql.push(&format!(
        "{SELECT}{FROM} WHERE f.id = {id} AND f.municipality_id = {m}"
    ));
    sql.fetch_found::<Fund, _>(executor).await
}

/// Lists the municipality's funds with their balances, newest year first.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/funds", tag = "Fonds",
    params(("municipality" = String, Path), FundFilter, PageParams),
    responses((status = 200, body = Page<Fund>), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem)))]
async fn list_funds(
    State(state): State<AppState>,
    scope: Scope,
    Query(filter): Query<FundFilter>,
) -> Result<axum::Json<Page<Fund>>> {
    Ok(axum::Json(list(&state, &scope, filter).await?))
}

/// A page of the municipality's funds with their balances, newest year first: the list of
/// the API and of the signed-in pages. Everyone of the municipality reads them (404 else).
pub async fn list(state: &AppState, scope: &Scope, filter: FundFilter) -> Result<Page<Fund>> {
    require_insider(scope)?;
    let mut sql = Sql::new("");
    let m = sql.bind(scope.municipality_id);
    let mut query =
        format!("{SELECT}, COUNT(*) OVER () AS total{FROM} WHERE f.municipality_id = {m}");
    if let Some(year) = filter.year {
        query += &format!(" AND f.year = {}", sql.bind(year));
    }
    if let Some(kind) = filter.kind {
        query += &format!(" AND f.kind = {}", sql.bind(kind.as_str()));
    }
    if let Some(area) = filter.area_id {
        query += &format!(" AND f.area_id = {}", sql.bind(area));
    }
    sql.push(&format!("{query} ORDER BY f.year DESC, f.name, f.id"));
    Ok(Page::fetch(sql, filter.page, &state.db.pool).await?)
}

/// One fund with its balance now or at `?at=`.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/funds/{id}", tag = "Fonds",
    params(("municipality" = String, Path), ("id" = Id, Path), BalanceQuery),
    responses((status = 200, body = FundDetail, headers(("ETag" = String))),
              (status = 404, body = crate::error::Problem)))]
async fn get_fund(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    Query(query): Query<BalanceQuery>,
) -> Result<Response> {
    require_insider(&scope)?;
    let fund = load(&state.db.pool, &scope, id).await?;
    let balance = match query.at {
        None => Balance {
            at: Timestamp::now(),
            budget_cents: fund.budget_cents,
            approved_cents: fund.approved_cents,
            paid_cents: fund.paid_cents,
            available_cents: fund.available_cents,
        },
        Some(at) => balance_at(&state, &fund, at).await?,
    };
    Ok(ok_with_etag(fund.version, FundDetail { fund, balance }))
}

/// The balance at `at`, summed from the events up to then.
async fn balance_at(state: &AppState, fund: &Fund, at: Timestamp) -> Result<Balance> {
    let (approved, paid): (i64, i64) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(approved_delta_cents), 0) AS BIGINT),
                CAST(COALESCE(SUM(paid_delta_cents), 0) AS BIGINT)
         FROM fund_application_events WHERE fund_id = $1 AND at <= $2",
    )
    .bind(fund.id)
    .bind(at)
    .fetch_one(&state.db.pool)
    .await?;
    Ok(Balance {
        at,
        budget_cents: fund.budget_cents,
        approved_cents: approved,
        paid_cents: paid,
        available_cents: fund.budget_cents - approved,
    })
}

/// Creates a fund. Staff only.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/funds", tag = "Fonds",
    params(("municipality" = String, Path)), request_body = FundInput,
    responses((status = 201, body = Fund), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
async fn create_fund(
    State(state): State<AppState>,
    scope: Scope,
    Json(input): Json<FundInput>,
) -> Result<Response> {
    require_insider(&scope)?;
    scope.require_staff()?;
    input.check()?;
    let mut tx = state.db.begin().await?;
    input.check_references(&mut tx, &scope).await?;
    let id = Id::new();
    let insert = sqlx::query(
        "INSERT INTO funds (id, municipality_id, kind, name, year, area_id, budget_cents,
                            advising_body_id, deciding_body_id, cap_cents, proof_months,
                            approved_cents, paid_cents, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, 0, 1, $12, $12)",
    )
    .bind(id)
    .bind(scope.municipality_id);
    bind_fields(insert, &input)
        .bind(Timestamp::now())
        .execute(&mut *tx)
        .await?;
    audit::record_change(&mut tx, &scope, Action::Create, ObjectKind::Fund, id).await?;
    tx.commit().await?;
    let fund = load(&state.db.pool, &scope, id).await?;
    Ok(created(fund.version, fund))
}

/// Binds the input's columns (`kind` … `proof_months`), in the order that both the INSERT
/// and the UPDATE list them, so the two cannot drift apart.
fn bind_fields<'q>(statement: Statement<'q>, input: &FundInput) -> Statement<'q> {
    statement
        .bind(input.kind.as_str())
        .bind(input.name.trim())
        .bind(input.year)
        .bind(input.area_id)
        .bind(input.budget_cents)
        .bind(input.advising_body_id)
        .bind(input.deciding_body_id)
        .bind(input.cap_cents)
        .bind(input.proof_months.unwrap_or(PROOF_MONTHS_DEFAULT))
}

/// Changes a fund. Staff only, with `If-Match`; 409 `budget_below_approved` when the new
/// budget is less than what is already approved.
#[utoipa::path(put, path = "/api/v1/municipalities/{municipality}/funds/{id}", tag = "Fonds",
    params(("municipality" = String, Path), ("id" = Id, Path), ("If-Match" = String, Header)),
    request_body = FundInput,
    responses((status = 200, body = Fund, headers(("ETag" = String))),
              (status = 403, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
              (status = 412, body = crate::error::Problem), (status = 428, body = crate::error::Problem)))]
async fn update_fund(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    if_match: IfMatch,
    Json(input): Json<FundInput>,
) -> Result<Response> {
    require_insider(&scope)?;
    load(&state.db.pool, &scope, id).await?;
    scope.require_staff()?;
    input.check()?;
    let mut tx = state.db.begin().await?;
    input.check_references(&mut tx, &scope).await?;
    // The budget may not drop below the approved total, checked in the same statement that
    // an approval's conditional UPDATE competes with.
    let update = sqlx::query(
        "UPDATE funds SET kind = $4, name = $5, year = $6, area_id = $7, budget_cents = $8,
                advising_body_id = $9, deciding_body_id = $10, cap_cents = $11,
                proof_months = $12, version = version + 1, updated_at = $13
         WHERE id = $1 AND municipality_id = $2 AND version = COALESCE($3, version) AND approved_cents <= $8",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(if_match.version());
    let updated = bind_fields(update, &input)
        .bind(Timestamp::now())
        .execute(&mut *tx)
        .await?;
    if updated.rows_affected() == 0 {
        let current = load(&mut *tx, &scope, id).await?;
        return Err(match if_match.check(current.version) {
            Err(stale) => stale,
            Ok(()) => Error::client_with(
                Code::BudgetBelowApproved,
                format!(
                    "{} Bewilligt sind bereits {}.",
                    Code::BudgetBelowApproved.de(),
                    euro(current.approved_cents)
                ),
            ),
        });
    }
    audit::record_change(&mut tx, &scope, Action::Update, ObjectKind::Fund, id).await?;
    tx.commit().await?;
    let fund = load(&state.db.pool, &scope, id).await?;
    Ok(ok_with_etag(fund.version, fund))
}

const DELETION: Deletion = Deletion {
    table: "funds",
    kind: ObjectKind::Fund,
    uses: Some("SELECT COUNT(*) FROM fund_applications WHERE fund_id = $1"),
    parts: &[],
};

/// Deletes a fund without applications. Staff only; 409 `in_use` otherwise.
#[utoipa::path(delete, path = "/api/v1/municipalities/{municipality}/funds/{id}", tag = "Fonds",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 204), (status = 403, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
async fn delete_fund(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<StatusCode> {
    require_insider(&scope)?;
    DELETION
        .run(&state.db, &scope, id, load(&state.db.pool, &scope, id))
        .await
}
