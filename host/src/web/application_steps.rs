//! The moves on a fund application's page (their forms: `application_forms.rs`):
//! `POST /arbeit/{municipality}/foerderantraege/{id}/schritt` reads the form into the API's
//! input and hands it to the API's own transition (`funds::take_transition`: permission,
//! validation, workflow, the budget's conditional booking, event and audit entry), then goes
//! back to the page with a German notice. A refused move — not allowed, a wrong state,
//! changed meanwhile, more than the fund has left — shows the page again with the API's
//! status, an error summary and what was entered.
//!
//! The forms send the version of the application they were made from (`If-Match` of the
//! API), so a move on an application someone else moved meanwhile is refused (412).

use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;

use super::application_forms::{Attempt, Posted, STEP};
use super::application_list::application_path;
use super::application_page::{View, render};
use super::format::parse_euros;
use super::frame::APPLICATIONS;
use super::session::{START, SignedIn};
use super::texts::DE;
use super::{PageError, page_error};
use crate::api::extract::IfMatch;
use crate::db::{Date, Id};
use crate::error::{Error, FieldError};
use crate::funds::kinds::{ApplicationState, Recommendation};
use crate::funds::{self, TransitionInput, Votes};
use crate::messages::Code;
use crate::state::AppState;

use ApplicationState::*;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{APPLICATIONS}/{{id}}/{STEP}"),
        post(step),
    )
}

/// `POST …/foerderantraege/{id}/schritt`: makes the move, then back to the page.
async fn step(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    form: Result<Form<Posted>, FormRejection>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    // A form that cannot be read (a field sent twice …) is answered like an unknown move.
    let posted = form.map(|Form(posted)| posted).unwrap_or_default();
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    let application = funds::load_visible(&state, &scope, id)
        .await
        .map_err(page_error)?;
    let (to, outcome) = match posted.to.parse::<ApplicationState>() {
        Ok(to) => {
            // A version that is no number matches none: the move is refused as stale.
            let version = posted.version.trim().parse::<i64>().unwrap_or(0);
            let outcome = match input(to, &posted) {
                Ok(input) => {
                    funds::take_transition(&state, &scope, id, IfMatch::Version(version), &input)
                        .await
                        .map(|_| ())
                }
                Err(e) => Err(e),
            };
            (to, outcome)
        }
        Err(_) => (
            application.state,
            Err(Error::client_with(
                Code::Invalid,
                DE.staff.step_unknown.to_owned(),
            )),
        ),
    };
    let (status, errors, problem) = match outcome {
        Ok(()) => {
            let to_page = format!("{}?hinweis={}", application_path(&slug, id), to.as_str());
            return Ok(Redirect::to(&to_page).into_response());
        }
        Err(Error::Client(code, detail)) => (
            code.status(),
            Vec::new(),
            Some(detail.unwrap_or_else(|| code.de().to_owned())),
        ),
        Err(Error::Invalid(errors) | Error::FormInvalid(errors)) => {
            let (fields, general): (Vec<_>, Vec<_>) = errors
                .into_iter()
                .partition(|e| field_of(&e.pointer).is_some());
            let fields = fields
                .into_iter()
                .filter_map(|e| field_of(&e.pointer).map(|f| (f.to_owned(), e.detail)))
                .collect();
            let problem = (!general.is_empty()).then(|| {
                general
                    .into_iter()
                    .map(|e| e.detail)
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            (StatusCode::UNPROCESSABLE_ENTITY, fields, problem)
        }
        Err(e) => return Err(page_error(e)),
    };
    let attempt = Attempt {
        to,
        posted,
        errors,
        problem,
    };
    // Shown as it is now: a refusal may be due to a move by someone else.
    let application = funds::load_visible(&state, &scope, id)
        .await
        .map_err(page_error)?;
    let view = View {
        attempt: Some(attempt),
        ..View::default()
    };
    render(&state, &signed_in, &scope, application, status, view).await
}

/// The form field an API error points at; `None` for an error of the whole move.
fn field_of(pointer: &str) -> Option<&'static str> {
    Some(match pointer {
        "/reason" => "reason",
        "/recommendation" => "recommendation",
        "/votes" | "/votes/yes" => "votes_yes",
        "/votes/no" => "votes_no",
        "/votes/abstain" => "votes_abstain",
        "/approved_cents" => "approved",
        "/paid_cents" => "paid",
        "/proof_due_on" => "proof_due_on",
        _ => return None,
    })
}

/// The API's input of move `to` from the form: only the fields that belong to the move (the
/// API refuses others). What cannot be read — an amount, a count, a date — is refused here
/// at its field, in German, before the API is asked.
fn input(to: ApplicationState, posted: &Posted) -> Result<TransitionInput, Error> {
    let t = &DE.funds;
    let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let mut errors = Vec::new();
    let mut refuse = |pointer: &str, detail: &str| {
        errors.push(FieldError {
            pointer: pointer.to_owned(),
            code: Code::Invalid.as_str().into(),
            detail: detail.to_owned(),
        });
    };
    let mut amount = |pointer: &str, typed: &str| {
        let typed = typed.trim();
        if typed.is_empty() {
            return None;
        }
        let cents = parse_euros(typed);
        if cents.is_none() {
            refuse(pointer, t.amount_unreadable);
        }
        cents
    };
    let approved_cents = match to {
        Bewilligt => amount("/approved_cents", &posted.approved),
        _ => None,
    };
    let paid_cents = match to {
        Ausgezahlt => amount("/paid_cents", &posted.paid),
        _ => None,
    };
    let proof_due_on = match (to, text(&posted.proof_due_on)) {
        (Bewilligt, Some(typed)) => {
            let read = Date::parse(&typed).ok().or_else(|| {
                chrono::NaiveDate::parse_from_str(&typed, "%d.%m.%Y")
                    .ok()
                    .and_then(|d| Date::parse(&d.format("%Y-%m-%d").to_string()).ok())
            });
            if read.is_none() {
                refuse("/proof_due_on", Code::InvalidDate.de());
            }
            read
        }
        _ => None,
    };
    let votes = match to {
        Beraten | Bewilligt | Abgelehnt => {
            let sent = [
                ("/votes/yes", &posted.votes_yes),
                ("/votes/no", &posted.votes_no),
                ("/votes/abstain", &posted.votes_abstain),
            ];
            if sent.iter().all(|(_, v)| v.trim().is_empty()) {
                None
            } else {
                let mut count = |(pointer, typed): (&str, &String)| match typed.trim() {
                    "" => 0,
                    typed => typed.parse::<i64>().unwrap_or_else(|_| {
                        refuse(pointer, t.votes_unreadable);
                        0
                    }),
                };
                Some(Votes {
                    yes: count(sent[0]),
                    no: count(sent[1]),
                    abstain: count(sent[2]),
                })
            }
        }
        _ => None,
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    Ok(TransitionInput {
        to,
        reason: text(&posted.reason),
        recommendation: match to {
            Beraten => posted.recommendation.parse::<Recommendation>().ok(),
            _ => None,
        },
        votes,
        meeting_id: None,
        approved_cents,
        paid_cents,
        proof_due_on,
    })
}
