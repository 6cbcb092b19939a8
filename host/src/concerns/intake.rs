//! Taking in a concern: from staff (entered from a consultation hour, by phone …) and from the
//! public form. Both check the form, split off the reporter's contact, ask the plugin for the
//! department and store the concern as received — a failing plugin marks it for manual
//! review but never loses it.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Map, Value};

use super::insert::{NewConcern, Reporter};
use super::model::{self, Concern};
use super::routing;
use super::workflow::ConcernSource;
use crate::api::extract::{Json, etag};
use crate::api::validate::{Check, plausible_email};
use crate::auth::Scope;
use crate::db::{Id, Timestamp};
use crate::error::{Error, Result};
use crate::forms::public::{ClientAddr, PublicSubmission, Receipt, Sender};
use crate::forms::{self, Review};
use crate::keys::is_stable_key;
use crate::messages::Code;
use crate::plugins::FormKind;
use crate::state::AppState;

/// What staff get back: the concern and, once, the resident's status token.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StaffCreated {
    #[serde(flatten)]
    pub concern: Concern,
    /// The private status token to hand to the resident; shown only now.
    pub status_token: String,
}

/// A concern as received, before it is stored.
struct Received {
    data: Value,
    reporter: Option<Reporter>,
    category: String,
    area: Option<String>,
    received_at: Timestamp,
    warnings: Vec<forms::Finding>,
    review: Review,
}

/// Takes a concern in for the municipality. Staff only (coordinator, QM, admin).
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/concerns", tag = "Anliegen",
    params(("municipality" = String, Path)), request_body = Object,
    responses((status = 201, body = StaffCreated), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create_concern(
    State(state): State<AppState>,
    scope: Scope,
    Json(data): Json<Value>,
) -> Result<Response> {
    scope.require_staff()?;
    let received = receive(&state, &scope, data, true).await?;
    let (token, hash) = forms::public::new_status_token();
    let stored = store(&state, &scope, received, Channel::Staff, &hash).await?;
    let concern = Concern::from(model::load_visible(&state, &scope, stored.id).await?);
    let version = concern.version;
    let body = StaffCreated {
        concern,
        status_token: token,
    };
    Ok((
        StatusCode::CREATED,
        [(axum::http::header::ETAG, etag(version))],
        axum::Json(body),
    )
        .into_response())
}

/// The public concern form: no account needed. Rate-limited per address; the honeypot
/// field `website` must stay empty. Answers with a reference and a private status token.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/public/concerns", tag = "Anliegen",
    params(("municipality" = String, Path)), request_body = Object,
    responses((status = 201, body = Receipt), (status = 422, body = crate::error::Problem),
              (status = 429, body = crate::error::Problem)))]
pub async fn submit_public_concern(
    State(state): State<AppState>,
    scope: Scope,
    ClientAddr(client): ClientAddr,
    Json(data): Json<Value>,
) -> Result<Response> {
    let submitted = submit_public(&state, &scope, client.into(), data).await?;
    let message = if submitted.manual_review {
        "Vielen Dank! Ihr Anliegen ist eingegangen und wird von einer Person geprüft, bevor es \
         weitergeleitet wird. Über den Statuslink sehen Sie, wie es weitergeht."
    } else {
        "Vielen Dank! Ihr Anliegen ist eingegangen. Über den Statuslink sehen Sie, wie es \
         weitergeht."
    };
    Ok(Receipt::created(
        submitted.reference,
        "/api/v1/public/concerns",
        submitted.status_token,
        submitted.manual_review,
        message,
    ))
}

/// The public intake shared by the JSON API and the resident's web form: rate limit, size
/// limit and honeypot ([`forms::public::admit`]), then the same check and store as staff
/// intake, with source `oeffentlich`.
pub async fn submit_public(
    state: &AppState,
    scope: &Scope,
    sender: Sender,
    mut data: Value,
) -> Result<PublicSubmission> {
    forms::public::admit(state, scope.municipality_id, sender, &data).await?;
    forms::public::strip_honeypot(&mut data);
    let received = receive(state, scope, data, false).await?;
    let (token, hash) = forms::public::new_status_token();
    let channel = Channel::Public { app: sender.app() };
    let stored = store(state, scope, received, channel, &hash).await?;
    Ok(PublicSubmission {
        reference: stored.reference,
        status_token: token,
        // As stored: a routing failure after the form check also asks for a person.
        manual_review: stored.review.is_manual(),
    })
}

/// Checks the form and splits off the contact. `staff` may date a concern back
/// (`submitted_at`, e.g. from a consultation hour); residents may not.
async fn receive(
    state: &AppState,
    scope: &Scope,
    mut data: Value,
    staff: bool,
) -> Result<Received> {
    if !data.is_object() {
        return Err(Error::field("", Code::WrongType));
    }
    let checked = forms::check_submission(
        state,
        scope.municipality_id,
        &scope.slug,
        FormKind::Concern,
        &data,
    )
    .await?;
    let object: &mut Map<String, Value> = data.as_object_mut().ok_or(Error::NotFound)?;
    let reporter = match object.remove("reporter") {
        None | Some(Value::Null) => None,
        Some(value) => Some(
            serde_json::from_value::<Reporter>(value)
                .map_err(|_| Error::field("/reporter", Code::Invalid))?,
        ),
    };
    let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::trim);
    let category = text("category").unwrap_or_default().to_owned();
    let area = ["area", "lebensraum", "sozialraum"]
        .iter()
        .find_map(|k| text(k).filter(|a| !a.is_empty()))
        .map(str::to_owned);
    let submitted_at = text("submitted_at")
        .filter(|_| staff)
        .and_then(|s| Timestamp::parse(s).ok());
    let mut c = Check::new();
    c.that(
        is_stable_key(&category),
        "/category",
        if category.is_empty() {
            Code::Required
        } else {
            Code::Invalid
        },
    );
    c.that(
        text("text").is_some_and(|t| !t.is_empty() && t.chars().count() <= 4000),
        "/text",
        Code::Required,
    );
    c.optional_text("/area", area.as_deref(), 200);
    if let Some(r) = &reporter {
        c.optional_text("/reporter/name", r.name.as_deref(), 200);
        c.that(
            r.email
                .as_deref()
                .is_none_or(|e| e.len() <= 254 && plausible_email(e)),
            "/reporter/email",
            Code::Invalid,
        );
        c.optional_text("/reporter/phone", r.phone.as_deref(), 40);
    }
    c.finish()?;
    Ok(Received {
        data,
        reporter,
        category,
        area,
        received_at: submitted_at.unwrap_or_else(Timestamp::now),
        warnings: checked.warnings,
        review: checked.review,
    })
}

/// How a concern came in: from staff, or from the public — through an app with its Open311
/// key, which is remembered so that app may read the released feedback.
#[derive(Clone, Copy)]
enum Channel {
    Staff,
    Public { app: Option<Id> },
}

/// Routes and stores a received concern with its contact, first event and audit entry.
#[tracing::instrument(skip_all, fields(municipality = %scope.slug), err(level = "warn"))]
async fn store(
    state: &AppState,
    scope: &Scope,
    r: Received,
    channel: Channel,
    token_hash: &str,
) -> Result<Stored> {
    let (source, app) = match channel {
        Channel::Staff => (ConcernSource::Intern, None),
        Channel::Public { app } => (ConcernSource::Oeffentlich, app),
    };
    let proposal = routing::route(
        state,
        scope.municipality_id,
        &scope.slug,
        &r.category,
        r.area.as_deref(),
        &r.data,
    )
    .await;
    let review = r.review.and(proposal.failure.as_ref());
    // Read before the write turn: the turn is the one thing submissions queue for.
    let organisation = match proposal.department() {
        Some(name) => {
            routing::organisation_named(&state.db.pool, scope.municipality_id, name).await?
        }
        None => None,
    };
    let id = Id::new();
    let reference = forms::public::new_reference("AN");
    let concern = NewConcern {
        scope: scope.clone(),
        id,
        reference: reference.clone(),
        token_hash: token_hash.to_owned(),
        source,
        category: r.category,
        area: r.area,
        form_data: r.data.to_string(),
        review_state: review.state(),
        review_reason: review.reason().map(str::to_owned),
        warnings: serde_json::to_string(&r.warnings).map_err(anyhow::Error::from)?,
        proposal_kind: proposal.kind(),
        proposed_department: proposal.department().map(str::to_owned),
        proposed_organisation: organisation,
        proposal_reason: proposal.reason().map(str::to_owned),
        received_at: r.received_at,
        app,
        reporter: r.reporter.filter(Reporter::has_contact),
    };
    state.db.write_grouped(Arc::new(concern)).await?;
    Ok(Stored {
        id,
        reference,
        review,
    })
}

/// A concern as stored: its id, its reference for the resident, and the review it got.
struct Stored {
    id: Id,
    reference: String,
    review: Review,
}
