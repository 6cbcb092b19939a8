//! Taking in an application (from staff or the public form) and re-running its check.
//!
//! Every submission passes `forms::check_submission` (schema, then the plugin's `validate`);
//! a rejection is a 422 and nothing is stored. Then the plugin's `route` says who advises
//! and decides ([`super::routing`]). A failing plugin in either step never loses the
//! application: it is stored as received with `review_state = manuelle_pruefung`, and staff
//! re-run both with `POST …/fund-applications/{id}/recheck` once the plugin is fixed.

use axum::extract::State;
use axum::response::Response;
use serde_json::Value;

use super::applicant;
use super::applications::{Application, load_visible};
use super::events::{self, NewEvent};
use super::fund::{self, BUDGET_MAX, Fund};
use super::kinds::{ApplicationState, Channel, StepAction};
use super::require_insider;
use super::routing::{self, Routing};
use crate::api::extract::{Json, Path};
use crate::api::respond::{created, ok_with_etag};
use crate::audit::{self, Action, ObjectKind};
use crate::auth::{Scope, touched_or_stale};
use crate::db::{Id, Timestamp};
use crate::error::{Error, Result};
use crate::forms;
use crate::messages::Code;
use crate::plugins::FormKind;
use crate::rules::Failure;
use crate::state::AppState;

/// Prefix of application references (`FA-7K3F-Q9P2`).
pub const REFERENCE_PREFIX: &str = "FA";
/// Longest title kept in the list column (the form itself is stored whole).
const TITLE_MAX: usize = 200;

/// What an intake stored.
pub struct Submitted {
    pub id: Id,
    pub reference: String,
    pub manual_review: bool,
}

/// The requested amount and title from the form; 422 when the amount is missing or absurd
/// (the form's schema says the same, but the workflow relies on it).
fn amount_and_title(data: &Value, pointer_prefix: &str) -> Result<(i64, String)> {
    let amount = data
        .get("amount_cents")
        .and_then(Value::as_i64)
        .filter(|a| (1..=BUDGET_MAX).contains(a))
        .ok_or_else(|| Error::field(&format!("{pointer_prefix}/amount_cents"), Code::OutOfRange))?;
    let title: String = data
        .get("title")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or("Antrag ohne Titel")
        .chars()
        .take(TITLE_MAX)
        .collect();
    Ok((amount, title))
}

fn step_body(routing: &Routing, action: StepAction) -> Option<Id> {
    routing
        .steps
        .iter()
        .rev()
        .find(|s| s.action == action)
        .and_then(|s| s.body_id)
}

/// Checks, routes and stores an application to `fund`.
#[tracing::instrument(skip_all, fields(municipality = %scope.slug, fund = %fund.id), err(level = "info"))]
pub async fn submit(
    state: &AppState,
    scope: &Scope,
    fund: &Fund,
    data: Value,
    channel: Channel,
    token_hash: Option<String>,
    pointer_prefix: &str,
) -> Result<Submitted> {
    // The form check first, so that a resident reads every error of the form at once; the
    // amount the workflow relies on is then checked again for what a plugin may loosen.
    let checked = forms::check_submission(
        state,
        scope.municipality_id,
        &scope.slug,
        FormKind::FundApplication,
        &data,
    )
    .await
    .map_err(|e| e.under(pointer_prefix))?;
    let (amount, title) = amount_and_title(&data, pointer_prefix)?;
    let routing = routing::route(
        state,
        scope.municipality_id,
        &scope.slug,
        fund,
        amount,
        &data,
    )
    .await?;
    let review = checked.review.and(routing.failure.as_ref());
    let warnings =
        serde_json::to_string(&checked.warnings).map_err(|e| Error::Internal(e.into()))?;
    let steps = serde_json::to_string(&routing.steps).map_err(|e| Error::Internal(e.into()))?;
    let mut data = data;
    let contact = applicant::split_off(&mut data);
    let id = Id::new();
    let reference = forms::public::new_reference(REFERENCE_PREFIX);
    let now = Timestamp::now();
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "INSERT INTO fund_applications (id, municipality_id, fund_id, reference, status_token_hash,
                channel, title, requested_cents, state, steps, advise_body_id, decide_body_id,
                routing_source, form_data, review_state, review_reason, warnings, submitted_by,
                version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                 1, $19, $19)",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(fund.id)
    .bind(&reference)
    .bind(token_hash)
    .bind(channel.as_str())
    .bind(&title)
    .bind(amount)
    .bind(ApplicationState::Eingereicht.as_str())
    .bind(steps)
    .bind(step_body(&routing, StepAction::Advise))
    .bind(step_body(&routing, StepAction::Decide))
    .bind(routing.source.as_str())
    .bind(data.to_string())
    .bind(review.state().as_str())
    .bind(review.reason())
    .bind(warnings)
    .bind(scope.caller.id())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if let Some(contact) = contact {
        applicant::insert(&mut tx, scope.municipality_id, id, contact).await?;
    }
    let notice = routing.failure.as_ref().map(Failure::notice_de);
    let event = NewEvent {
        municipality_id: scope.municipality_id,
        application_id: id,
        fund_id: fund.id,
        to: Some(ApplicationState::Eingereicht),
        amount_cents: Some(amount),
        reason: notice.as_deref(),
        ..NewEvent::default()
    };
    events::insert(&mut tx, &scope.caller, now, event).await?;
    audit::record_change(
        &mut tx,
        scope,
        Action::Create,
        ObjectKind::FundApplication,
        id,
    )
    .await?;
    tx.commit().await?;
    Ok(Submitted {
        id,
        reference,
        manual_review: review.is_manual(),
    })
}

/// Enters an application to a fund (on paper, by mail, at the office). Staff only; the
/// body is the fund-application form. 422 when the form check rejects it.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/funds/{id}/applications", tag = "Fondsanträge",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    request_body(content = Object, description = "Das Antragsformular (schemas/forms/fund-application.schema.json)."),
    responses((status = 201, body = Application), (status = 401, body = crate::error::Problem),
              (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem),
              (status = 422, body = crate::error::Problem)))]
pub async fn create_application(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, fund_id)): Path<(String, Id)>,
    Json(data): Json<Value>,
) -> Result<Response> {
    require_insider(&scope)?;
    let fund = fund::load(&state.db.pool, &scope, fund_id).await?;
    scope.require_staff()?;
    if !data.is_object() {
        return Err(Error::field("", Code::WrongType));
    }
    let submitted = submit(&state, &scope, &fund, data, Channel::Staff, None, "").await?;
    let application = load_visible(&state, &scope, submitted.id).await?;
    Ok(created(application.version, application))
}

/// Re-runs the form check and, while nobody has advised or decided yet, the routing — for
/// an application marked for manual review once the plugin is fixed. Staff only. A form
/// that the rules now reject stays stored as it is; the answer is the 422.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/fund-applications/{id}/recheck", tag = "Fondsanträge",
    params(("municipality" = String, Path), ("id" = Id, Path)),
    responses((status = 200, body = Application), (status = 403, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn recheck_application(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
) -> Result<Response> {
    let application = load_visible(&state, &scope, id).await?;
    scope.require_staff()?;
    let fund = fund::load(&state.db.pool, &scope, application.fund_id).await?;
    let version = application.version;
    let mut data = application.form_data;
    applicant::restore(&state, &scope, id, &mut data).await?;
    let checked = forms::check_submission(
        &state,
        scope.municipality_id,
        &scope.slug,
        FormKind::FundApplication,
        &data,
    )
    .await?;
    let unrouted = matches!(
        application.state,
        ApplicationState::Eingereicht | ApplicationState::InPruefung | ApplicationState::Rueckfrage
    );
    let routing = if unrouted {
        routing::route(
            &state,
            scope.municipality_id,
            &scope.slug,
            &fund,
            application.requested_cents,
            &data,
        )
        .await?
    } else {
        Routing {
            steps: application.steps,
            source: application.routing_source,
            failure: None,
        }
    };
    let review = checked.review.and(routing.failure.as_ref());
    let warnings =
        serde_json::to_string(&checked.warnings).map_err(|e| Error::Internal(e.into()))?;
    let steps = serde_json::to_string(&routing.steps).map_err(|e| Error::Internal(e.into()))?;
    let mut tx = state.db.begin().await?;
    let updated = sqlx::query(
        "UPDATE fund_applications SET review_state = $3, review_reason = $4, warnings = $5,
                steps = $6, advise_body_id = $7, decide_body_id = $8, routing_source = $9,
                version = version + 1, updated_at = $10
         WHERE id = $1 AND municipality_id = $2 AND version = $11",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(review.state().as_str())
    .bind(review.reason())
    .bind(warnings)
    .bind(steps)
    .bind(step_body(&routing, StepAction::Advise))
    .bind(step_body(&routing, StepAction::Decide))
    .bind(routing.source.as_str())
    .bind(Timestamp::now())
    .bind(version)
    .execute(&mut *tx)
    .await?;
    // Moved on while the plugin ran: the caller reloads and tries again.
    touched_or_stale(&updated)?;
    audit::record_change(
        &mut tx,
        &scope,
        Action::Update,
        ObjectKind::FundApplication,
        id,
    )
    .await?;
    tx.commit().await?;
    let application: Application = load_visible(&state, &scope, id).await?;
    Ok(ok_with_etag(application.version, application))
}
