//! Recording a review of a contract on its page (staff, on behalf of the steering body):
//! `POST /arbeit/{municipality}/kontrakte/{id}/ueberpruefung` reads the form
//! (`contract_review_form.rs`: date, optionally the steering body's meeting, a remark, and
//! per target its fulfilment with a comment) and hands it to the contracts feature's own
//! `record_review` (the API's way in, with its permission check, validation and audit
//! entry). A review appends to the contract without changing its version, so the form
//! carries none.

use axum::Router;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;

use super::contract_list::contract_path;
use super::contract_pages::render;
use super::contract_review_form::{REVIEW, comment_name, status_name};
use super::frame::CONTRACTS;
use super::page_form::{date, invalid, join, posted, refused};
use super::session::{START, SignedIn};
use super::texts::DE;
use super::{PageError, page_error};
use crate::contracts::{self, Fulfilment, ResultInput, ReviewInput};
use crate::db::{Date, Id};
use crate::error::Error;
use crate::messages::Code;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{CONTRACTS}/{{id}}/{REVIEW}"),
        post(record),
    )
}

/// `POST …/kontrakte/{id}/ueberpruefung`.
async fn record(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    Form(sent): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    let contract = contracts::contract(&state, &scope, id)
        .await
        .map_err(page_error)?;
    let targets: Vec<Id> = contract.targets.iter().map(|t| t.id).collect();
    // The targets in the order their results are sent, to place the API's errors.
    let (outcome, order) = match input(&sent, &targets) {
        Ok(input) => {
            let order: Vec<Id> = input.results.iter().map(|r| r.target_id).collect();
            let outcome = contracts::record_review(&state, &scope, id, &input).await;
            (outcome.map(drop), order)
        }
        Err(e) => (Err(e), Vec::new()),
    };
    let error = match outcome {
        Ok(()) => {
            let page = format!("{}?hinweis={REVIEW}", contract_path(&slug, id));
            return Ok(Redirect::to(&page).into_response());
        }
        Err(e) => e,
    };
    let stale = Code::PreconditionFailed.de();
    let (status, attempt) = refused(REVIEW, sent, error, stale, |p| field_of(p, &order))?;
    let contract = contracts::contract(&state, &scope, id)
        .await
        .map_err(page_error)?;
    render(
        &state,
        &signed_in,
        &scope,
        contract,
        status,
        None,
        Some(attempt),
    )
    .await
}

/// The API's review from the form: a result for every target of the contract (a status not
/// offered is refused at its field); a target the form did not show counts as `offen`.
fn input(sent: &[(String, String)], targets: &[Id]) -> Result<ReviewInput, Error> {
    let value = |name: &str| posted(sent, name).unwrap_or_default().trim().to_owned();
    let mut errors = Vec::new();
    let reviewed_on = date(&value("reviewed_on"), "/reviewed_on").map_err(|e| errors.push(e));
    let meeting = value("meeting_id");
    let meeting_id = if meeting.is_empty() {
        None
    } else {
        meeting
            .parse::<Id>()
            .map_err(|_| errors.push(invalid("/meeting_id", DE.projects.unknown_choice)))
            .ok()
    };
    let mut results = Vec::new();
    for target in targets {
        let Some(status) = posted(sent, &status_name(*target)) else {
            continue;
        };
        match status.parse::<Fulfilment>() {
            Ok(status) => results.push(ResultInput {
                target_id: *target,
                status,
                comment: Some(value(&comment_name(*target))).filter(|c| !c.is_empty()),
            }),
            Err(_) => errors.push(invalid(
                &format!("/{}", status_name(*target)),
                DE.projects.unknown_choice,
            )),
        }
    }
    if let Some(refusal) = join(errors) {
        return Err(refusal);
    }
    Ok(ReviewInput {
        reviewed_on: reviewed_on.unwrap_or_else(|()| Date::today()),
        meeting_id,
        note: Some(value("note")).filter(|n| !n.is_empty()),
        results,
    })
}

/// The form's field an error's pointer names: the page's own by name, the API's results
/// by their place in `order`, the targets in the order their results were sent.
fn field_of(pointer: &str, order: &[Id]) -> Option<String> {
    let segments: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    let targets = order;
    match segments.as_slice() {
        [name @ ("reviewed_on" | "meeting_id" | "note")] => Some((*name).to_owned()),
        [name] if name.starts_with("status-") => Some((*name).to_owned()),
        ["results", i, "status"] => targets
            .get(i.parse::<usize>().ok()?)
            .map(|t| status_name(*t)),
        ["results", i, "comment"] => targets
            .get(i.parse::<usize>().ok()?)
            .map(|t| comment_name(*t)),
        _ => None,
    }
}
