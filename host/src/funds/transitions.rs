//! Moving an application through the workflow: `POST …/fund-applications/{id}/transitions`
//! with `{ "to": "…", "reason": "…", …fields }` and `If-Match`.
//!
//! Who may move it:
//! - staff (coordinator, qm, admin) every move;
//! - a jury user whose organisation is an active member of the body holding the routing's
//!   advise step may record the advice (`beraten`), of the body holding the decide step the
//!   decision (`bewilligt` / `abgelehnt`) — with the body's votes and, optionally, the
//!   meeting where it was taken;
//! - nobody else (403; 404 for users of another municipality).
//!
//! The approval is one transaction: the application's conditional UPDATE (state and version
//! as read) and the fund's `approved_cents + amount <= budget_cents` conditional UPDATE. On
//! SQLite `BEGIN IMMEDIATE` serialises writers; on PostgreSQL the second of two racing
//! approvals waits on the fund row and re-checks the condition against the committed total.

use axum::extract::State;
use axum::response::Response;
use chrono::Months;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::applications::{Application, load_visible};
use super::events::{self, NewEvent};
use super::fund::{self, Fund};
use super::kinds::{ApplicationState, Recommendation, StepAction};
use super::routing::Routing;
pub use super::transition_input::TransitionInput;
use super::{euro, workflow};
use crate::api::extract::{IfMatch, Json, Path};
use crate::api::respond::ok_with_etag;
use crate::audit::{self, Action, ObjectKind};
use crate::auth::{Role, Scope};
use crate::auth::{Table, check_reference};
use crate::db::{Date, Id, Sql, Timestamp, Tx};
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::state::AppState;

use ApplicationState::*;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(transition))
}

/// The body holding the last step of `action`.
fn step_body(application: &Application, action: StepAction) -> Option<Id> {
    application
        .steps
        .iter()
        .rev()
        .find(|s| s.action == action)
        .and_then(|s| s.body_id)
}

/// Staff may do every move; a jury user of the body holding the step may advise or decide.
pub(super) async fn may(
    state: &AppState,
    scope: &Scope,
    application: &Application,
    to: ApplicationState,
) -> Result<()> {
    if scope.is_staff() {
        return Ok(());
    }
    let is_jury = scope
        .caller
        .0
        .as_ref()
        .is_some_and(|u| u.role == Role::Jury);
    let action = match to {
        Beraten => StepAction::Advise,
        Bewilligt | Abgelehnt => StepAction::Decide,
        _ => return Err(Error::client(Code::Forbidden)),
    };
    let (Some(org), Some(body), true) = (
        scope.member_organisation(),
        step_body(application, action),
        is_jury,
    ) else {
        return Err(Error::client(Code::Forbidden));
    };
    let member: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM memberships WHERE body_id = $1 AND organisation_id = $2
           AND municipality_id = $3 AND (ends_on IS NULL OR ends_on >= $4)",
    )
    .bind(body)
    .bind(org)
    .bind(scope.municipality_id)
    .bind(Date::today())
    .fetch_one(&state.db.pool)
    .await?;
    if member == 0 {
        return Err(Error::client(Code::Forbidden));
    }
    Ok(())
}

/// What a move changes besides the state.
#[derive(Default)]
struct Change {
    approved_cents: Option<i64>,
    paid_cents: Option<i64>,
    approved_delta: i64,
    paid_delta: i64,
    decided: bool,
    proof_due_on: Option<Date>,
    amount: Option<i64>,
}

fn change(input: &TransitionInput, application: &Application, fund: &Fund) -> Result<Change> {
    let mut change = Change::default();
    match input.to {
        Bewilligt => {
            let amount = input.approved_cents.unwrap_or(application.requested_cents);
            let cap = fund
                .cap_cents
                .unwrap_or(i64::MAX)
                .min(application.requested_cents);
            if amount > cap {
                return Err(Error::field("/approved_cents", Code::OverCap));
            }
            let due = match input.proof_due_on {
                Some(date) => date,
                None => Date::today()
                    .naive()
                    .checked_add_months(Months::new(u32::try_from(fund.proof_months).unwrap_or(3)))
                    .map(Date::from_naive)
                    .ok_or(Error::field("/proof_due_on", Code::InvalidDate))?,
            };
            change.approved_cents = Some(amount);
            change.approved_delta = amount;
            change.amount = Some(amount);
            change.decided = true;
            change.proof_due_on = Some(due);
        }
        Abgelehnt => change.decided = true,
        Ausgezahlt => {
            let approved = application.approved_cents.unwrap_or(0);
            let paid = input.paid_cents.unwrap_or(approved);
            if paid > approved {
                return Err(Error::field("/paid_cents", Code::OverCap));
            }
            change.paid_cents = Some(paid);
            change.paid_delta = paid;
            change.amount = Some(paid);
        }
        Zurueckgezogen if application.state == Bewilligt => {
            // The approved money goes back into the fund.
            let approved = application.approved_cents.unwrap_or(0);
            change.approved_delta = -approved;
            change.amount = Some(approved);
        }
        _ => {}
    }
    Ok(change)
}

/// Moves an application to `to`. 409 `invalid_transition` from a state without that move,
/// 409 `advice_required` when deciding before the routed advice, 409 `budget_exceeded` when
/// the approval does not fit the fund's remaining budget, 412 on a stale `If-Match`.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/fund-applications/{id}/transitions", tag = "Fondsanträge",
    params(("municipality" = String, Path), ("id" = Id, Path), ("If-Match" = String, Header)),
    request_body = TransitionInput,
    responses((status = 200, body = Application, headers(("ETag" = String))),
              (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
              (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
              (status = 412, body = crate::error::Problem), (status = 422, body = crate::error::Problem),
              (status = 428, body = crate::error::Problem)))]
async fn transition(
    State(state): State<AppState>,
    scope: Scope,
    Path((_, id)): Path<(String, Id)>,
    if_match: IfMatch,
    Json(input): Json<TransitionInput>,
) -> Result<Response> {
    let application = take(&state, &scope, id, if_match, &input).await?;
    Ok(ok_with_etag(application.version, application))
}

/// Moves application `id` as the caller, on the version `if_match` names: the API's and the
/// pages' one way to move an application (permission, validation, workflow, money, event and
/// audit entry). Answers the application as it is afterwards.
#[tracing::instrument(skip_all, fields(municipality = %scope.slug, application = %id, to = input.to.as_str()), err(level = "info"))]
pub async fn take(
    state: &AppState,
    scope: &Scope,
    id: Id,
    if_match: IfMatch,
    input: &TransitionInput,
) -> Result<Application> {
    let application = load_visible(state, scope, id).await?;
    may(state, scope, &application, input.to).await?;
    input.check()?;
    if_match.check(application.version)?;
    let from = application.state;
    workflow::check(from, input.to, Routing::has_advise_step(&application.steps))
        .map_err(|refusal| refused(refusal, from, input.to))?;
    let fund = fund::load(&state.db.pool, scope, application.fund_id).await?;
    let change = change(input, &application, &fund)?;
    let now = Timestamp::now();
    let mut tx = state.db.begin().await?;
    check_reference(
        &mut tx,
        scope,
        Table::Meetings,
        input.meeting_id,
        "/meeting_id",
    )
    .await?;
    let moved = sqlx::query(
        "UPDATE fund_applications SET state = $5,
                recommendation = COALESCE($6, recommendation),
                approved_cents = COALESCE($7, approved_cents),
                paid_cents = COALESCE($8, paid_cents),
                decided_at = COALESCE($9, decided_at),
                decision_reason = COALESCE($10, decision_reason),
                proof_due_on = COALESCE($11, proof_due_on),
                version = version + 1, updated_at = $12
         WHERE id = $1 AND municipality_id = $2 AND version = COALESCE($3, version) AND state = $4",
    )
    .bind(id)
    .bind(scope.municipality_id)
    .bind(if_match.version())
    .bind(from.as_str())
    .bind(input.to.as_str())
    .bind(input.recommendation.map(Recommendation::as_str))
    .bind(change.approved_cents)
    .bind(change.paid_cents)
    .bind(change.decided.then_some(now))
    .bind(if change.decided { input.reason() } else { None })
    .bind(change.proof_due_on)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() == 0 {
        // Someone else moved it since we read it.
        return Err(Error::client(Code::PreconditionFailed));
    }
    book(&mut tx, &fund, &change).await?;
    let event = NewEvent {
        municipality_id: scope.municipality_id,
        application_id: id,
        fund_id: fund.id,
        from: Some(from),
        to: Some(input.to),
        reason: input.reason(),
        amount_cents: change.amount,
        approved_delta_cents: change.approved_delta,
        paid_delta_cents: change.paid_delta,
        recommendation: input.recommendation,
        votes: input.votes,
        meeting_id: input.meeting_id,
    };
    events::insert(&mut tx, &scope.caller, now, event).await?;
    let action = match input.to {
        Bewilligt => Action::Approve,
        Abgelehnt => Action::Refuse,
        _ => Action::Update,
    };
    audit::record_change(&mut tx, scope, action, ObjectKind::FundApplication, id).await?;
    tx.commit().await?;
    load_visible(state, scope, id).await
}

fn refused(refusal: workflow::Refusal, from: ApplicationState, to: ApplicationState) -> Error {
    let code = refusal.code();
    Error::client_with(
        code,
        format!(
            "{} (von „{}“ nach „{}“)",
            code.de(),
            from.label_de(),
            to.label_de()
        ),
    )
}

/// Books the move's money on the fund. An approval only passes when it fits the budget:
/// the condition is evaluated against the committed total, inside this transaction.
async fn book(tx: &mut Tx, fund: &Fund, change: &Change) -> Result<()> {
    if change.approved_delta > 0 {
        let booked = sqlx::query(
            "UPDATE funds SET approved_cents = approved_cents + $2
             WHERE id = $1 AND approved_cents + $2 <= budget_cents",
        )
        .bind(fund.id)
        .bind(change.approved_delta)
        .execute(&mut **tx)
        .await?;
        if booked.rows_affected() == 0 {
            let mut sql = Sql::new("");
            let id = sql.bind(fund.id);
            sql.push(&format!(
                "SELECT budget_cents - approved_cents AS available FROM funds WHERE id = {id}"
            ));
            let (available,): (i64,) = sql.query_as().fetch_one(&mut **tx).await?;
            return Err(Error::client_with(
                Code::BudgetExceeded,
                format!(
                    "Der Betrag von {} übersteigt die noch verfügbaren Mittel des Fonds „{}“: \
                     Es sind noch {} verfügbar.",
                    euro(change.approved_delta),
                    fund.name,
                    euro(available)
                ),
            ));
        }
    } else if change.approved_delta < 0 {
        sqlx::query("UPDATE funds SET approved_cents = approved_cents + $2 WHERE id = $1")
            .bind(fund.id)
            .bind(change.approved_delta)
            .execute(&mut **tx)
            .await?;
    }
    if change.paid_delta != 0 {
        sqlx::query("UPDATE funds SET paid_cents = paid_cents + $2 WHERE id = $1")
            .bind(fund.id)
            .bind(change.paid_delta)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
