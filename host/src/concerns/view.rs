//! Reading concerns: one, its history, a filtered page, the category catalogue, and the
//! resident's status page, which shows only state, dates and the feedback released for the
//! resident.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::model::{self, COLUMNS, Concern, FROM, Row};
use super::routing::{self, Category};
use super::workflow::ConcernState;
use crate::api::extract::{Path, Query};
use crate::api::page::{Page, PageParams};
use crate::api::respond::ok_with_etag;
use crate::auth::Scope;
use crate::db::{Id, Sql, Timestamp};
use crate::error::{Error, Result};
use crate::forms::ReviewState;
use crate::messages::Code;
use crate::state::AppState;

/// One concern. Staff see all of the municipality; member users those forwarded to their
/// organisation.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/concerns/{id}", tag = "Anliegen",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = Concern, headers(("ETag" = String))),
              (status = 404, body = crate::error::Problem)))]
pub async fn get_concern(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<Response> {
    let concern = concern(&state, &scope, id).await?;
    Ok(ok_with_etag(concern.version, concern))
}

/// The concern `id` as the caller may see it (staff all of the municipality, member users
/// those forwarded to their organisation), or `NotFound`. The API's and the pages' read.
pub async fn concern(state: &AppState, scope: &Scope, id: Id) -> Result<Concern> {
    Ok(Concern::from(model::load_visible(state, scope, id).await?))
}

/// One state change of a concern: who, when, from, to, why.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ConcernEvent)]
pub struct Event {
    /// None for the concern's intake.
    pub from_state: Option<ConcernState>,
    pub to_state: ConcernState,
    /// Who took the step, as the audit log names them.
    pub actor: String,
    pub note: Option<String>,
    pub at: Timestamp,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    from_state: Option<String>,
    #[sqlx(try_from = "String")]
    to_state: ConcernState,
    actor: String,
    note: Option<String>,
    at: Timestamp,
}

/// The history of one concern, oldest first. Whoever sees the concern sees its history; only
/// staff see the notes.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/concerns/{id}/history", tag = "Anliegen",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = Vec<Event>), (status = 404, body = crate::error::Problem)))]
pub async fn get_history(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<axum::Json<Vec<Event>>> {
    Ok(axum::Json(history(&state, &scope, id).await?))
}

/// The history of concern `id` if the caller may see the concern, else `NotFound`. Notes
/// are the staff's working notes and may name people: only staff read them; a department's
/// member users see the steps without them.
pub async fn history(state: &AppState, scope: &Scope, id: Id) -> Result<Vec<Event>> {
    model::load_visible(state, scope, id).await?;
    let rows = sqlx::query_as::<_, EventRow>(
        "SELECT from_state, to_state, actor, note, at FROM concern_events \
         WHERE concern_id = $1 AND municipality_id = $2 ORDER BY at, id",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Event {
            // Written only from `ConcernState` keys.
            from_state: r.from_state.and_then(|s| s.parse().ok()),
            to_state: r.to_state,
            actor: r.actor,
            note: r.note.filter(|_| scope.is_staff()),
            at: r.at,
        })
        .collect())
}

/// The id of the concern with this reference among those the caller sees, if any: people
/// name a concern by its reference (the form marking a duplicate).
pub async fn id_by_reference(
    state: &AppState,
    scope: &Scope,
    reference: &str,
) -> Result<Option<Id>> {
    let mut sql = Sql::new("");
    let condition = model::visible(scope, &mut sql);
    let reference = sql.bind(reference.trim().to_uppercase());
    sql.push(&format!(
        "SELECT c.id FROM concerns c WHERE {condition} AND c.reference = {reference}"
    ));
    let found = sql
        .query_as::<(Id,)>()
        .fetch_optional(&state.db.pool)
        .await?;
    Ok(found.map(|(id,)| id))
}

crate::text_enum! {
    /// Concerns by whether anything may still happen to them.
    pub enum ConcernStage {
        /// Not in a final state.
        Open = ("open", "offen"),
        /// Closed, not responsible or a duplicate.
        Final = ("final", "erledigt"),
    }
}

crate::text_enum! {
    /// The order of a list of concerns.
    pub enum ConcernOrder {
        /// The newest first (the default).
        Newest = ("newest", "neueste zuerst"),
        /// The longest waiting first: the oldest receipt first.
        Oldest = ("oldest", "am längsten wartende zuerst"),
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ConcernFilter {
    #[serde(flatten)]
    #[param(ignore)]
    pub page: PageParams,
    /// Only concerns in this state.
    pub state: Option<ConcernState>,
    /// Only open (or only final) concerns.
    #[param(inline)]
    pub stage: Option<ConcernStage>,
    /// `newest` first (default) or the `oldest` receipt first.
    #[param(inline)]
    pub order: Option<ConcernOrder>,
    /// Only concerns of this category key.
    pub category: Option<String>,
    /// Only concerns forwarded to this department (exact name).
    pub department: Option<String>,
    /// Only concerns with this review state.
    pub review_state: Option<ReviewState>,
}

/// The concerns the caller may see, newest first unless `order=oldest`.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/concerns", tag = "Anliegen",
    params(("municipality" = String, Path), ConcernFilter, PageParams),
    responses((status = 200, body = Page<Concern>), (status = 401, body = crate::error::Problem)))]
pub async fn list_concerns(
    State(state): State<AppState>,
    scope: Scope,
    Query(filter): Query<ConcernFilter>,
) -> Result<axum::Json<Page<Concern>>> {
    Ok(axum::Json(visible_concerns(&state, &scope, filter).await?))
}

/// A page of the concerns the caller may see, in the filter's order: 401 for anonymous callers;
/// staff see all of the municipality, member users those forwarded to their organisation.
/// The list of the API and of the signed-in pages.
pub async fn visible_concerns(
    state: &AppState,
    scope: &Scope,
    filter: ConcernFilter,
) -> Result<Page<Concern>> {
    if scope.caller.0.is_none() {
        return Err(Error::client(Code::Unauthenticated));
    }
    let mut sql = Sql::new("");
    let mut query = format!(
        "SELECT {COLUMNS}, COUNT(*) OVER () AS total {FROM} WHERE {}",
        model::visible(scope, &mut sql)
    );
    if let Some(s) = filter.state {
        query += &format!(" AND c.state = {}", sql.bind(s.as_str()));
    }
    if let Some(stage) = filter.stage {
        let wanted = stage == ConcernStage::Final;
        let states: Vec<String> = ConcernState::ALL
            .iter()
            .filter(|s| s.is_final() == wanted)
            .map(|s| sql.bind(s.as_str()))
            .collect();
        query += &format!(" AND c.state IN ({})", states.join(", "));
    }
    for (column, value) in [
        ("c.category", filter.category),
        ("c.department", filter.department),
        (
            "c.review_state",
            filter.review_state.map(|r| r.as_str().to_owned()),
        ),
    ] {
        if let Some(value) = value {
            query += &format!(" AND {column} = {}", sql.bind(value));
        }
    }
    let order = match filter.order.unwrap_or(ConcernOrder::Newest) {
        ConcernOrder::Newest => "c.id DESC",
        ConcernOrder::Oldest => "c.received_at, c.id",
    };
    sql.push(&format!("{query} ORDER BY {order}"));
    let page = Page::<Row>::fetch(sql, filter.page, &state.db.pool).await?;
    Ok(page.map(Concern::from))
}

/// The categories residents choose from: the municipality's catalogue (from its plugin), or
/// the host's default list. Public.
#[utoipa::path(get, path = "/api/v1/municipalities/{municipality}/concern-categories", tag = "Anliegen",
    params(("municipality" = String, Path)),
    responses((status = 200, body = Vec<Category>), (status = 404, body = crate::error::Problem)))]
pub async fn list_categories(
    State(state): State<AppState>,
    scope: Scope,
) -> Result<axum::Json<Vec<Category>>> {
    Ok(axum::Json(
        routing::categories(&state, scope.municipality_id, &scope.slug).await,
    ))
}

/// What a resident sees of their own concern through the private status link.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct PublicStatus {
    pub reference: String,
    pub category: String,
    #[sqlx(try_from = "String")]
    pub state: ConcernState,
    /// The state in German.
    #[sqlx(skip)]
    pub state_label: String,
    pub received_at: Timestamp,
    pub forwarded_at: Option<Timestamp>,
    pub reported_at: Option<Timestamp>,
    pub closed_at: Option<Timestamp>,
    pub updated_at: Timestamp,
    /// The department's answer as released for the resident.
    pub feedback: Option<String>,
}

/// The status page of one concern, found by its private token. No account needed; an unknown
/// token is 404.
#[utoipa::path(get, path = "/api/v1/public/concerns/{token}", tag = "Anliegen",
    params(("token" = String, Path)),
    responses((status = 200, body = PublicStatus), (status = 404, body = crate::error::Problem)))]
pub async fn public_status(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<axum::Json<PublicStatus>> {
    Ok(axum::Json(status_by_token(&state, &token).await?))
}

/// The resident's view of the concern with this private status token; `NotFound` for an
/// unknown one. Shared by the JSON status and the status web page.
pub async fn status_by_token(state: &AppState, token: &str) -> Result<PublicStatus> {
    if token.len() > 200 {
        return Err(Error::NotFound);
    }
    let mut status = sqlx::query_as::<_, PublicStatus>(
        "SELECT reference, category, state, received_at, forwarded_at, reported_at, closed_at,
                updated_at, released_feedback AS feedback
         FROM concerns WHERE status_token_hash = $1",
    )
    .bind(crate::forms::public::token_hash(token))
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(Error::NotFound)?;
    status.state_label = status.state.label_de().to_owned();
    Ok(status)
}
