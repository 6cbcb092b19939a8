//! The public side of fund applications: a resident applies without an account — through
//! the API or the web form, both by [`submit_public`] — and follows the application through a
//! private status link. [`open_funds`] names the funds the web form offers.
//!
//! The status answer shows the state, the dates, the decision's reason and the amounts of
//! that one application — nothing of the form, nobody's names, no other application. The
//! token is stored only as its SHA-256; an unknown token is a 404 like any missing page.

use axum::extract::State;
use axum::response::Response;
use serde::Serialize;
use serde_json::Value;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::fund;
use super::intake::submit;
use super::kinds::{ApplicationState, Channel, FundKind};
use crate::api::extract::{Json, Path};
use crate::auth::Scope;
use crate::db::{Date, Id, Timestamp};
use crate::error::{Error, Result};
use crate::forms;
use crate::forms::public::{ClientAddr, PublicSubmission, Receipt};
use crate::messages::Code;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(submit_public_application))
        .routes(routes!(application_status))
}

/// What the status link shows.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Status {
    pub reference: String,
    #[sqlx(try_from = "String")]
    pub state: ApplicationState,
    /// The state in German.
    #[sqlx(skip)]
    pub state_label: String,
    pub submitted_at: Timestamp,
    pub updated_at: Timestamp,
    pub decided_at: Option<Timestamp>,
    pub decision_reason: Option<String>,
    pub requested_cents: i64,
    pub approved_cents: Option<i64>,
    pub paid_cents: Option<i64>,
    /// When the proof of use is due.
    pub proof_due_on: Option<Date>,
}

/// The public fund application: `{ "fund": <id>, "application": {form}, "website": "" }`.
/// No account needed; rate-limited per address; the honeypot `website` must stay empty.
/// Field errors of the form point into `application`.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/public/fund-applications", tag = "Fondsanträge",
    params(("municipality" = String, Path)), request_body = Object,
    responses((status = 201, body = Receipt), (status = 404, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem), (status = 429, body = crate::error::Problem)))]
async fn submit_public_application(
    State(state): State<AppState>,
    scope: Scope,
    ClientAddr(client): ClientAddr,
    Json(body): Json<Value>,
) -> Result<Response> {
    let submitted = submit_public(&state, &scope, client, body).await?;
    let message = if submitted.manual_review {
        "Vielen Dank! Ihr Antrag ist eingegangen. Er wird zunächst von einer Person geprüft. \
         Über den Statuslink sehen Sie, wie es weitergeht."
    } else {
        "Vielen Dank! Ihr Antrag ist eingegangen. Über den Statuslink sehen Sie, wie es \
         weitergeht."
    };
    Ok(Receipt::created(
        submitted.reference,
        "/api/v1/public/fund-applications",
        submitted.status_token,
        submitted.manual_review,
        message,
    ))
}

/// The public intake shared by the JSON API and the resident's web form: rate limit, size
/// limit and honeypot ([`forms::public::admit`]), then `body` =
/// `{ "fund": <id>, "application": {form} }` checked, routed and stored like staff intake,
/// with channel `public`. Field errors of the form point into `/application`.
pub async fn submit_public(
    state: &AppState,
    scope: &Scope,
    client: std::net::IpAddr,
    mut body: Value,
) -> Result<PublicSubmission> {
    forms::public::admit(state, scope.municipality_id, client.into(), &body).await?;
    forms::public::strip_honeypot(&mut body);
    let Value::Object(mut object) = body else {
        return Err(Error::field("", Code::WrongType));
    };
    let fund_id: Id = match object.remove("fund") {
        None | Some(Value::Null) => return Err(Error::field("/fund", Code::Required)),
        Some(value) => {
            serde_json::from_value(value).map_err(|_| Error::field("/fund", Code::Invalid))?
        }
    };
    let application = match object.remove("application") {
        Some(value @ Value::Object(_)) => value,
        None | Some(Value::Null) => return Err(Error::field("/application", Code::Required)),
        Some(_) => return Err(Error::field("/application", Code::WrongType)),
    };
    if let Some(unknown) = object.keys().next() {
        return Err(Error::field(&format!("/{unknown}"), Code::UnknownField));
    }
    // An unknown fund, or another municipality's, is a field error, not a 404 of the form.
    let fund = fund::load(&state.db.pool, scope, fund_id)
        .await
        .map_err(|e| match e {
            Error::NotFound => Error::field("/fund", Code::ReferenceMissing),
            other => other,
        })?;
    let (token, hash) = forms::public::new_status_token();
    let submitted = submit(
        state,
        scope,
        &fund,
        application,
        Channel::Public,
        Some(hash),
        "/application",
    )
    .await?;
    Ok(PublicSubmission {
        reference: submitted.reference,
        status_token: token,
        manual_review: submitted.manual_review,
    })
}

/// A fund a resident may apply to, as the application page offers it.
#[derive(Debug, sqlx::FromRow)]
pub struct OpenFund {
    pub id: Id,
    #[sqlx(try_from = "String")]
    pub kind: FundKind,
    pub name: String,
    pub year: i64,
    pub area_name: Option<String>,
    pub cap_cents: Option<i64>,
}

/// Funds offered on the application page at most; a municipality has a handful per year.
const OPEN_FUNDS_MAX: i64 = 100;

/// The municipality's funds a resident may apply to: those of `year` and later (a fund is
/// kept per year; there is no other opening or closing of a fund), by year and name.
pub async fn open_funds(
    db: &crate::db::Db,
    municipality_id: Id,
    year: i64,
) -> Result<Vec<OpenFund>> {
    Ok(sqlx::query_as::<_, OpenFund>(
        "SELECT f.id, f.kind, f.name, f.year, a.name AS area_name, f.cap_cents
         FROM funds f LEFT JOIN areas a ON a.id = f.area_id
         WHERE f.municipality_id = $1 AND f.year >= $2
         ORDER BY f.year, f.name, f.id LIMIT $3",
    )
    .bind(municipality_id)
    .bind(year)
    .bind(OPEN_FUNDS_MAX)
    .fetch_all(&db.pool)
    .await?)
}

/// The status of one application, for whoever holds its private token.
#[utoipa::path(get, path = "/api/v1/public/fund-applications/{token}", tag = "Fondsanträge",
    params(("token" = String, Path, description = "Der private Status-Token aus der Eingangsbestätigung.")),
    responses((status = 200, body = Status), (status = 404, body = crate::error::Problem)))]
async fn application_status(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<axum::Json<Status>> {
    let status = status_by_token(&state.db, &token)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(axum::Json(status))
}

/// The application whose private status token this is (shared by the API and the status
/// page); `None` for a token that is not one of ours.
pub async fn status_by_token(db: &crate::db::Db, token: &str) -> Result<Option<Status>> {
    // A token is 43 characters of base64url; anything far longer is not one of ours.
    if token.len() > 128 {
        return Ok(None);
    }
    let status = sqlx::query_as::<_, Status>(
        "SELECT reference, state, created_at AS submitted_at, updated_at, decided_at,
                decision_reason, requested_cents, approved_cents, paid_cents, proof_due_on
         FROM fund_applications WHERE status_token_hash = $1",
    )
    .bind(forms::public::token_hash(token))
    .fetch_optional(&db.pool)
    .await?;
    Ok(status.map(|mut status| {
        status.state_label = status.state.label_de().to_owned();
        status
    }))
}
