//! Reading fund applications: one with its history, lists per fund and per municipality.
//!
//! Staff see all of the municipality's applications. Member and jury users see those whose
//! advising or deciding body their organisation belongs to (an active membership); others
//! of the municipality see none, and users of another municipality get 404.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::kinds::{ApplicationState, Channel, Recommendation};
use super::routing::RoutingSource;
use super::routing::Step;
use super::{fund, require_insider};
use crate::api::extract::{Path, Query};
use crate::api::page::{Page, PageParams};
use crate::api::respond::ok_with_etag;
use crate::auth::Scope;
use crate::db::{Date, Id, Sql, Timestamp};
use crate::error::{Error, Result};
use crate::forms::ReviewState;
use crate::state::AppState;

/// A fund application as staff see it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Application {
    pub id: Id,
    pub fund_id: Id,
    pub fund_name: String,
    /// The reference the applicant quotes, e.g. `FA-7K3F-Q9P2`.
    pub reference: String,
    pub channel: Channel,
    pub title: String,
    pub requested_cents: i64,
    pub approved_cents: Option<i64>,
    pub paid_cents: Option<i64>,
    pub state: ApplicationState,
    pub recommendation: Option<Recommendation>,
    /// Who advises and who decides, in order.
    pub steps: Vec<Step>,
    /// Who set the route: the municipality's rules or the base rule.
    pub routing_source: RoutingSource,
    /// The form as submitted.
    #[schema(value_type = Object)]
    pub form_data: Value,
    pub review_state: ReviewState,
    /// Why a person must check the submission (the plugin's error code).
    pub review_reason: Option<String>,
    /// The plugin's warnings (`forms::Finding`).
    #[schema(value_type = Vec<Object>)]
    pub warnings: Value,
    pub decided_at: Option<Timestamp>,
    pub decision_reason: Option<String>,
    /// When the proof of use (*Verwendungsnachweis*) is due.
    pub proof_due_on: Option<Date>,
    pub submitted_by: Option<Id>,
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(sqlx::FromRow)]
pub(super) struct Row {
    id: Id,
    fund_id: Id,
    fund_name: String,
    reference: String,
    #[sqlx(try_from = "String")]
    channel: Channel,
    title: String,
    requested_cents: i64,
    approved_cents: Option<i64>,
    paid_cents: Option<i64>,
    #[sqlx(try_from = "String")]
    state: ApplicationState,
    recommendation: Option<String>,
    steps: String,
    #[sqlx(try_from = "String")]
    routing_source: RoutingSource,
    form_data: String,
    #[sqlx(try_from = "String")]
    review_state: ReviewState,
    review_reason: Option<String>,
    warnings: String,
    decided_at: Option<Timestamp>,
    decision_reason: Option<String>,
    proof_due_on: Option<Date>,
    submitted_by: Option<Id>,
    version: i64,
    created_at: Timestamp,
    updated_at: Timestamp,
}

impl Row {
    pub(super) fn into_application(self) -> Result<Application> {
        let parse = |text: &str| -> Result<Value> {
            serde_json::from_str(text).map_err(|e| Error::Internal(e.into()))
        };
        Ok(Application {
            id: self.id,
            fund_id: self.fund_id,
            fund_name: self.fund_name,
            reference: self.reference,
            channel: self.channel,
            title: self.title,
            requested_cents: self.requested_cents,
            approved_cents: self.approved_cents,
            paid_cents: self.paid_cents,
            state: self.state,
            recommendation: self.recommendation.and_then(|r| r.parse().ok()),
            steps: serde_json::from_str(&self.steps).map_err(|e| Error::Internal(e.into()))?,
            routing_source: self.routing_source,
            form_data: parse(&self.form_data)?,
            review_state: self.review_state,
            review_reason: self.review_reason,
            warnings: parse(&self.warnings)?,
            decided_at: self.decided_at,
            decision_reason: self.decision_reason,
            proof_due_on: self.proof_due_on,
            submitted_by: self.submitted_by,
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// One recorded move of an application.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Event {
    pub id: Id,
    pub at: Timestamp,
    /// Who: a username, or `anonym` for the public form.
    pub actor: String,
    pub from_state: Option<String>,
    pub to_state: String,
    pub reason: Option<String>,
    pub amount_cents: Option<i64>,
    pub recommendation: Option<String>,
    pub votes_yes: Option<i64>,
    pub votes_no: Option<i64>,
    pub votes_abstain: Option<i64>,
    pub meeting_id: Option<Id>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApplicationDetail {
    #[serde(flatten)]
    pub application: Application,
    /// The history, oldest first.
    pub events: Vec<Event>,
}

crate::text_enum! {
    /// The order of a list of applications.
    pub enum ApplicationOrder {
        /// The newest first (the default).
        Newest = ("newest", "neueste zuerst"),
        /// The oldest first: the longest waiting at the top.
        Oldest = ("oldest", "älteste zuerst"),
    }
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ApplicationFilter {
    #[serde(flatten)]
    #[param(ignore)]
    pub page: PageParams,
    pub state: Option<ApplicationState>,
    pub fund_id: Option<Id>,
    /// The fund's year.
    pub year: Option<i64>,
    /// `newest` first (default) or `oldest` first.
    #[param(inline)]
    pub order: Option<ApplicationOrder>,
}

/// The SELECT head for the applications the caller may see.
pub(super) fn select_visible(scope: &Scope, sql: &mut Sql, extra: &str) -> String {
    let m = sql.bind(scope.municipality_id);
    let visible = match scope.member_organisation() {
        _ if scope.is_staff() => "1 = 1".to_owned(),
        Some(org) => {
            let (org, today) = (sql.bind(org), sql.bind(Date::today()));
            format!(
                "EXISTS (SELECT 1 FROM memberships mm WHERE mm.organisation_id = {org} \
                 AND (mm.ends_on IS NULL OR mm.ends_on >= {today}) \
                 AND (mm.body_id = x.advise_body_id OR mm.body_id = x.decide_body_id))"
            )
        }
        None => "1 = 0".to_owned(),
    };
    format!(
        "SELECT x.id, x.fund_id, f.name AS fund_name, x.reference, x.channel, x.title,
                x.requested_cents, x.approved_cents, x.paid_cents, x.state, x.recommendation,
                x.steps, x.routing_source, x.form_data, x.review_state, x.review_reason,
                x.warnings, x.decided_at, x.decision_reason, x.proof_due_on, x.submitted_by,
                x.version, x.created_at, x.updated_at{extra}
         FROM fund_applications x JOIN funds f ON f.id = x.fund_id
         WHERE x.municipality_id = {m} AND {visible}"
    )
}

/// Loads an application the caller may see, or 404.
pub async fn load_visible(state: &AppState, scope: &Scope, id: Id) -> Result<Application> {
    require_insider(scope)?;
    let mut sql = Sql::new("");
    let head = select_visible(scope, &mut sql, "");
    let id = sql.bind(id);
    sql.push(&format!("{head} AND x.id = {id}"));
    sql.fetch_found::<Row, _>(&state.db.pool)
        .await?
        .into_application()
}

/// A page of the applications the caller may see, in the filter's order (to one fund, or
/// all): the list of the API and of the signed-in pages.
pub async fn list(
    state: &AppState,
    scope: &Scope,
    fund: Option<Id>,
    filter: ApplicationFilter,
) -> Result<Page<Application>> {
    let mut sql = Sql::new("");
    let mut query = select_visible(scope, &mut sql, ", COUNT(*) OVER () AS total");
    if let Some(fund) = fund.or(filter.fund_id) {
        query += &format!(" AND x.fund_id = {}", sql.bind(fund));
    }
    if let Some(s) = filter.state {
        query += &format!(" AND x.state = {}", sql.bind(s.as_str()));
    }
    if let Some(year) = filter.year {
        query += &format!(" AND f.year = {}", sql.bind(year));
    }
    let order = match filter.order.unwrap_or(ApplicationOrder::Newest) {
        ApplicationOrder::Newest => "x.id DESC",
        ApplicationOrder::Oldest => "x.id",
    };
    sql.push(&format!("{query} ORDER BY {order}"));
    Page::<Row>::fetch(sql, filter.page, &state.db.pool)
        .await?
        .try_map(Row::into_application)
}

/// The municipality's applications the caller may see, newest first unless `order=oldest`.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/fund-applications", tag = "Fondsanträge",
    params(("municipality" = String, Path), ApplicationFilter, PageParams),
    responses((status = 200, body = Page<Application>), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem)))]
pub(super) async fn list_applications(
    State(state): State<AppState>,
    scope: Scope,
    Query(filter): Query<ApplicationFilter>,
) -> Result<axum::Json<Page<Application>>> {
    require_insider(&scope)?;
    Ok(axum::Json(list(&state, &scope, None, filter).await?))
}

/// The applications to one fund the caller may see, newest first.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/funds/{id}/applications", tag = "Fondsanträge",
    params(("municipality" = String, Path), ("id" = Id, Path), ApplicationFilter, PageParams),
    responses((status = 200, body = Page<Application>), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem)))]
pub(super) async fn list_fund_applications(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    Query(filter): Query<ApplicationFilter>,
) -> Result<axum::Json<Page<Application>>> {
    require_insider(&scope)?;
    fund::load(&state.db.pool, &scope, id).await?;
    Ok(axum::Json(list(&state, &scope, Some(id), filter).await?))
}

/// One application with its history.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/fund-applications/{id}", tag = "Fondsanträge",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = ApplicationDetail, headers(("ETag" = String))),
              (status = 404, body = crate::error::Problem)))]
pub(super) async fn get_application(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<Response> {
    let application = load_visible(&state, &scope, id).await?;
    let events = history(&state, &scope, id).await?;
    Ok(ok_with_etag(
        application.version,
        ApplicationDetail {
            application,
            events,
        },
    ))
}

/// The history of application `id`, oldest first, for a caller who may see it (404 else).
pub async fn history(state: &AppState, scope: &Scope, id: Id) -> Result<Vec<Event>> {
    load_visible(state, scope, id).await?;
    Ok(sqlx::query_as::<_, Event>(
        "SELECT id, at, actor, from_state, to_state, reason, amount_cents, recommendation,
                votes_yes, votes_no, votes_abstain, meeting_id
         FROM fund_application_events
         WHERE application_id = $1 AND municipality_id = $2 ORDER BY at, id",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .fetch_all(&state.db.pool)
    .await?)
}
