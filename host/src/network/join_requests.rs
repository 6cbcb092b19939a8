//! Join requests: an organisation asks to join a body; the body's managers approve or refuse.
//!
//! Managers are staff and member-level users whose organisation holds an active membership
//! in the body with a managing role ([`MemberRole::manages`]). The decision is one
//! conditional UPDATE on the open request and the version the decider read (`If-Match`), so
//! of two managers deciding at once exactly one wins; an approval creates the membership in
//! the same transaction.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::bodies;
use super::kinds::{JoinState, MemberRole};
use super::memberships::{self, MembershipInput};
use super::visible_body;
use crate::api::extract::{IfMatch, Json, Path, Query};
use crate::api::page::{Page, PageParams};
use crate::api::respond::{created, ok_with_etag};
use crate::api::validate::Check;
use crate::audit::{self, Action, ObjectKind};
use crate::auth::{Level, Scope, check_organisation};
use crate::db::{Date, Id, Sql, Timestamp, Tx};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_join_requests, create_join_request))
        .routes(routes!(get_join_request))
        .routes(routes!(decide_join_request))
}

/// A message or decision note is a short letter, not a document.
const MESSAGE_MAX: usize = 5_000;

/// A join request as stored, with the organisation's name.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct JoinRequest {
    pub id: Id,
    pub body_id: Id,
    pub organisation_id: Id,
    pub organisation_name: String,
    pub message: Option<String>,
    #[sqlx(try_from = "String")]
    pub state: JoinState,
    /// The user who asked.
    pub requested_by: Option<Id>,
    /// The user who decided.
    pub decided_by: Option<Id>,
    pub decided_at: Option<Timestamp>,
    pub decision_note: Option<String>,
    /// The membership an approval created.
    pub membership_id: Option<Id>,
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JoinRequestInput {
    /// Staff name the organisation; members and jury ask for their own (and may omit it).
    #[serde(default)]
    pub organisation_id: Option<Id>,
    #[serde(default)]
    pub message: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    pub approve: bool,
    #[serde(default)]
    pub note: Option<String>,
    /// The new member's role on approval (default `mitglied`).
    #[serde(default)]
    pub role: Option<MemberRole>,
    /// Whether the new member may vote (default no).
    #[serde(default)]
    pub voting_right: Option<bool>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct JoinRequestFilter {
    #[serde(flatten)]
    #[param(ignore)]
    pub page: PageParams,
    /// Only requests in this state.
    pub state: Option<JoinState>,
}

/// The SQL condition under which an organisation manages the body in column `body_column`.
fn manages(sql: &mut Sql, organisation: Id, body_column: &str) -> String {
    let (org, today) = (sql.bind(organisation), sql.bind(Date::today()));
    let roles: Vec<String> = MemberRole::ALL
        .iter()
        .filter(|r| r.manages())
        .map(|r| sql.bind(r.as_str()))
        .collect();
    format!(
        "EXISTS (SELECT 1 FROM memberships mm WHERE mm.body_id = {body_column} \
         AND mm.organisation_id = {org} AND (mm.ends_on IS NULL OR mm.ends_on >= {today}) \
         AND mm.role IN ({}))",
        roles.join(", ")
    )
}

/// The SELECT head for requests the caller may see: staff all of the municipality; members
/// those of their own organisation and all requests to bodies their organisation manages.
fn select_visible(scope: &Scope, sql: &mut Sql, extra: &str) -> String {
    let m = sql.bind(scope.municipality_id);
    let visible = match scope.member_organisation() {
        _ if scope.is_staff() => "1 = 1".to_owned(),
        Some(org) => {
            let body = visible_body(scope, sql, "b");
            let own = sql.bind(org);
            let manages = manages(sql, org, "r.body_id");
            format!("{body} AND (r.organisation_id = {own} OR {manages})")
        }
        None => "1 = 0".to_owned(),
    };
    format!(
        "SELECT r.id, r.body_id, r.organisation_id, o.name AS organisation_name, r.message,
                r.state, r.requested_by, r.decided_by, r.decided_at, r.decision_note,
                r.membership_id, r.version, r.created_at, r.updated_at{extra}
         FROM join_requests r
         JOIN bodies b ON b.id = r.body_id
         JOIN organisations o ON o.id = r.organisation_id
         WHERE r.municipality_id = {m} AND {visible}"
    )
}

/// Loads a request the caller may see, or 404.
async fn load_visible(state: &AppState, scope: &Scope, id: Id) -> Result<JoinRequest> {
    let mut sql = Sql::new("");
    let head = select_visible(scope, &mut sql, "");
    let id = sql.bind(id);
    sql.push(&format!("{head} AND r.id = {id}"));
    sql.fetch_found::<JoinRequest, _>(&state.db.pool).await
}

/// Lists the requests to a body: managers see all, members those of their organisation.
/// Newest first.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/bodies/{id}/join-requests", tag = "Beitrittsanfragen",
    params(("municipality" = String, Path), ("id" = Id, Path), JoinRequestFilter,
        PageParams),
    responses((status = 200, body = Page<JoinRequest>), (status = 401, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem)))]
async fn list_join_requests(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, body_id)): Path<(String, Id)>,
    Query(filter): Query<JoinRequestFilter>,
) -> Result<axum::Json<Page<JoinRequest>>> {
    Ok(axum::Json(
        join_requests(&state, &scope, body_id, filter).await?,
    ))
}

/// The requests to a visible body the caller may see (the API's list, also the staff body
/// page's), newest first; 404 for a hidden body, 401 for the anonymous.
pub async fn join_requests(
    state: &AppState,
    scope: &Scope,
    body_id: Id,
    filter: JoinRequestFilter,
) -> Result<Page<JoinRequest>> {
    bodies::load_visible(state, scope, body_id).await?;
    if scope.caller.0.is_none() {
        return Err(Error::client(Code::Unauthenticated));
    }
    let mut sql = Sql::new("");
    let mut query = select_visible(scope, &mut sql, ", COUNT(*) OVER () AS total");
    query += &format!(" AND r.body_id = {}", sql.bind(body_id));
    if let Some(state) = filter.state {
        query += &format!(" AND r.state = {}", sql.bind(state.as_str()));
    }
    sql.push(&format!("{query} ORDER BY r.id DESC"));
    Ok(Page::fetch(sql, filter.page, &state.db.pool).await?)
}

/// One request.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/join-requests/{id}", tag = "Beitrittsanfragen",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = JoinRequest, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)))]
async fn get_join_request(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<Response> {
    let request = load_visible(&state, &scope, id).await?;
    Ok(ok_with_etag(request.version, request))
}

/// The organisation a caller may ask for: members and jury their own, staff the named one.
fn requesting_organisation(scope: &Scope, named: Option<Id>) -> Result<Id> {
    match (scope.level, named) {
        (Level::Staff, Some(org)) => Ok(org),
        (Level::Staff, None) => Err(Error::field("/organisation_id", Code::Required)),
        (
            Level::Member {
                organisation_id: Some(own),
            },
            None,
        ) => Ok(own),
        (
            Level::Member {
                organisation_id: Some(own),
            },
            Some(org),
        ) if org == own => Ok(own),
        _ if scope.caller.0.is_none() => Err(Error::client(Code::Unauthenticated)),
        _ => Err(Error::client(Code::Forbidden)),
    }
}

/// Asks for an organisation to join a visible body. 409 `already_member` when it is an
/// active member, 409 `already_exists` when a request of it is still open.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/bodies/{id}/join-requests", tag = "Beitrittsanfragen",
    params(("municipality" = String, Path), ("id" = Id, Path)), request_body = JoinRequestInput,
    responses((status = 201, body = JoinRequest), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
async fn create_join_request(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, body_id)): Path<(String, Id)>,
    Json(input): Json<JoinRequestInput>,
) -> Result<Response> {
    bodies::load_visible(&state, &scope, body_id).await?;
    let organisation_id = requesting_organisation(&scope, input.organisation_id)?;
    let mut c = Check::new();
    c.optional_text("/message", input.message.as_deref(), MESSAGE_MAX);
    c.finish()?;
    let mut tx = state.db.begin().await?;
    check_organisation(&mut tx, Some(organisation_id), "/organisation_id").await?;
    memberships::refuse_second(&mut tx, body_id, &member(organisation_id, None, None), None)
        .await?;
    let id = Id::new();
    // The partial unique index allows one open request per organisation and body; a second
    // one fails here and answers 409 `already_exists`.
    sqlx::query(
        "INSERT INTO join_requests (id, municipality_id, body_id, organisation_id, message, state,
                                    requested_by, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(body_id)
    .bind(organisation_id)
    .bind(
        input
            .message
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty()),
    )
    .bind(JoinState::Offen.as_str())
    .bind(scope.caller.id())
    .bind(Timestamp::now())
    .execute(&mut *tx)
    .await?;
    audit::record_change(&mut tx, &scope, Action::Create, ObjectKind::JoinRequest, id).await?;
    tx.commit().await?;
    let request = load_visible(&state, &scope, id).await?;
    Ok(created(request.version, request))
}

/// A new, open-ended membership of an organisation from today.
fn member(
    organisation: Id,
    role: Option<MemberRole>,
    voting_right: Option<bool>,
) -> MembershipInput {
    MembershipInput {
        organisation_id: Some(organisation),
        person_id: None,
        role: role.unwrap_or(MemberRole::Mitglied),
        voting_right: voting_right.unwrap_or(false),
        starts_on: Some(Date::today()),
        ends_on: None,
        on_behalf_of_id: None,
    }
}

/// True when the caller manages the body: staff, or a member of a managing organisation.
async fn is_manager(tx: &mut Tx, scope: &Scope, body_id: Id) -> Result<bool> {
    if scope.is_staff() {
        return Ok(true);
    }
    let Some(org) = scope.member_organisation() else {
        return Ok(false);
    };
    let mut sql = Sql::new("");
    let body = sql.bind(body_id);
    let condition = manages(&mut sql, org, &body);
    sql.push(&format!(
        "SELECT COUNT(*) AS n FROM bodies WHERE id = {body} AND {condition}"
    ));
    let (n,): (i64,) = sql.query_as().fetch_one(&mut **tx).await?;
    Ok(n > 0)
}

/// Approves or refuses an open request. Managers only, with the `ETag` they read as
/// `If-Match` (or `*`); a request already decided (also by a manager deciding at the same
/// moment) gets 409 `already_decided`, one changed otherwise since it was read 412. An
/// approval creates the membership (409 `already_member` if the organisation joined
/// meanwhile).
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/join-requests/{id}/decision", tag = "Beitrittsanfragen",
    params(("municipality" = String, Path), ("id" = Id, Path), ("If-Match" = String, Header)),
    request_body = DecisionInput,
    responses((status = 200, body = JoinRequest, headers(("ETag" = String))),
              (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem),
              (status = 428, body = crate::error::Problem)))]
async fn decide_join_request(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    if_match: IfMatch,
    Json(input): Json<DecisionInput>,
) -> Result<Response> {
    let request = decide(&state, &scope, id, if_match, &input).await?;
    Ok(ok_with_etag(request.version, request))
}

/// True when the caller may decide the body's requests (the rule of [`decide`]), for pages
/// that offer the decision only to those.
pub async fn may_decide(state: &AppState, scope: &Scope, body_id: Id) -> Result<bool> {
    let mut tx = state.db.begin().await?;
    let manages = is_manager(&mut tx, scope, body_id).await?;
    tx.commit().await?;
    Ok(manages)
}

/// Decides request `id` as the API's `POST …/decision` does (its statuses are documented
/// there); the API handler and the staff body page both come here.
#[tracing::instrument(skip_all, fields(municipality = %scope.slug, request = %id), err(level = "info"))]
pub async fn decide(
    state: &AppState,
    scope: &Scope,
    id: Id,
    if_match: IfMatch,
    input: &DecisionInput,
) -> Result<JoinRequest> {
    if scope.caller.0.is_none() {
        return Err(Error::client(Code::Unauthenticated));
    }
    let request = load_visible(state, scope, id).await?;
    let mut c = Check::new();
    c.optional_text("/note", input.note.as_deref(), MESSAGE_MAX);
    c.finish()?;
    let mut tx = state.db.begin().await?;
    if !is_manager(&mut tx, scope, request.body_id).await? {
        return Err(Error::client(Code::Forbidden));
    }
    // A decided request says so, whatever version the decider read.
    if request.state != JoinState::Offen {
        return Err(Error::client(Code::AlreadyDecided));
    }
    if_match.check(request.version)?;
    let (decision, action) = if input.approve {
        (JoinState::Angenommen, Action::Approve)
    } else {
        (JoinState::Abgelehnt, Action::Refuse)
    };
    // The gate: only one transaction can move the request out of `offen`, and only from the
    // version the decider read. On PostgreSQL a concurrent decider waits on the row lock here
    // and then finds no open row.
    let now = Timestamp::now();
    let decided = sqlx::query(
        "UPDATE join_requests SET state = $4, decided_by = $5, decided_at = $6, decision_note = $7,
                version = version + 1, updated_at = $6
         WHERE id = $1 AND municipality_id = $2 AND state = $3 AND version = COALESCE($8, version)",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(JoinState::Offen.as_str())
    .bind(decision.as_str())
    .bind(scope.caller.id())
    .bind(now)
    .bind(
        input
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty()),
    )
    .bind(if_match.version())
    .execute(&mut *tx)
    .await?;
    if decided.rows_affected() == 0 {
        return Err(why_undecided(&mut tx, scope, id).await);
    }
    if input.approve {
        memberships::lock_body(&mut tx, request.body_id).await?;
        let new = member(request.organisation_id, input.role, input.voting_right);
        let membership = memberships::insert(&mut tx, scope, request.body_id, &new).await?;
        sqlx::query("UPDATE join_requests SET membership_id = $2 WHERE id = $1")
            .bind(id)
            .bind(membership)
            .execute(&mut *tx)
            .await?;
    }
    audit::record_change(&mut tx, scope, action, ObjectKind::JoinRequest, id).await?;
    tx.commit().await?;
    load_visible(state, scope, id).await
}

/// After the decision's conditional UPDATE touched no row: 409 if the request was decided
/// meanwhile, 404 if it is gone, else 412 (it changed since the decider read it).
async fn why_undecided(tx: &mut Tx, scope: &Scope, id: Id) -> Error {
    match sqlx::query_scalar::<_, String>(
        "SELECT state FROM join_requests WHERE id = $1 AND municipality_id = $2",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .fetch_optional(&mut **tx)
    .await
    {
        Ok(None) => Error::NotFound,
        Ok(Some(state)) if state != JoinState::Offen.as_str() => {
            Error::client(Code::AlreadyDecided)
        }
        Ok(Some(_)) => Error::client(Code::PreconditionFailed),
        Err(e) => e.into(),
    }
}
