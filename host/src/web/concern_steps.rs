//! The steps of the Lotsenfunktion on a concern's page (their forms: `concern_forms.rs`):
//! `POST /arbeit/{municipality}/anliegen/{id}/schritt` hands the form to the API's own transition (`concerns::take_transition`: its
//! permission check, state machine, validation, history and audit entry) and goes back to
//! the page with a German notice. A refused step (wrong state, changed meanwhile, a missing
//! text) shows the page again with the API's status, an error summary and what was entered.
//!
//! The forms send the version of the concern they were made from, so a step on a concern
//! someone else moved meanwhile is refused (412) instead of taken on a state not seen.

use axum::Router;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;

use super::concern_forms::{Attempt, Posted, STEP, choice_value, proposed};
use super::concern_inbox::concern_path;
use super::concern_page::{View, render};
use super::frame::CONCERNS;
use super::session::{START, SignedIn};
use super::texts::DE;
use super::{PageError, page_error};
use crate::api::extract::IfMatch;
use crate::auth::Scope;
use crate::concerns::{self, Concern, ConcernState, ReportChannel, TransitionInput};
use crate::db::Id;
use crate::error::Error;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{CONCERNS}/{{id}}/{STEP}"),
        post(step),
    )
}

/// `POST …/anliegen/{id}/schritt`: takes the step, then back to the page with a notice.
async fn step(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    Form(posted): Form<Posted>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    let concern = concerns::concern(&state, &scope, id)
        .await
        .map_err(page_error)?;
    let Ok(to) = posted.to.parse::<ConcernState>() else {
        let problem = DE.staff.step_unknown.to_owned();
        let attempt = Attempt {
            to: concern.state,
            posted,
            errors: Vec::new(),
            problem: Some(problem),
        };
        return refused(
            &state,
            &signed_in,
            &scope,
            concern,
            StatusCode::UNPROCESSABLE_ENTITY,
            attempt,
        )
        .await;
    };
    let outcome = match input(&state, &scope, &concern, to, &posted).await {
        Ok(input) => {
            // A version that is no number matches none: the step is refused as stale.
            let version = posted.version.trim().parse::<i64>().unwrap_or(0);
            concerns::take_transition(&state, &scope, id, IfMatch::Version(version), &input).await
        }
        Err(e) => Err(e),
    };
    let (status, errors, problem) = match outcome {
        Ok(_) => {
            let to_page = format!("{}?hinweis={}", concern_path(&slug, id), to.as_str());
            return Ok(Redirect::to(&to_page).into_response());
        }
        Err(Error::Client(code, detail)) => (
            code.status(),
            Vec::new(),
            Some(detail.unwrap_or_else(|| code.de().to_owned())),
        ),
        Err(Error::Invalid(errors) | Error::FormInvalid(errors)) => {
            let fields = errors
                .into_iter()
                .map(|e| (field_of(&e.pointer), e.detail))
                .collect();
            (StatusCode::UNPROCESSABLE_ENTITY, fields, None)
        }
        Err(e) => return Err(page_error(e)),
    };
    let attempt = Attempt {
        to,
        posted,
        errors,
        problem,
    };
    // Shown as it is now: a refusal may be due to a change by someone else.
    let concern = concerns::concern(&state, &scope, id)
        .await
        .map_err(page_error)?;
    refused(&state, &signed_in, &scope, concern, status, attempt).await
}

async fn refused(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    concern: Concern,
    status: StatusCode,
    attempt: Attempt,
) -> Result<Response, PageError> {
    let view = View {
        attempt: Some(attempt),
        ..View::default()
    };
    render(state, signed_in, scope, concern, status, view).await
}

/// The form field an API error points at (`/organisation_id` is the department's choice).
fn field_of(pointer: &str) -> String {
    match pointer.trim_start_matches('/') {
        "organisation_id" => "department".to_owned(),
        name => name.to_owned(),
    }
}

/// The API's input of step `to` from the form. A department not in the list or a reference
/// of no concern the person sees is refused here, at its field, before the API is asked.
async fn input(
    state: &AppState,
    scope: &Scope,
    concern: &Concern,
    to: ConcernState,
    posted: &Posted,
) -> Result<TransitionInput, Error> {
    let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let mut input = TransitionInput {
        to,
        department: None,
        organisation_id: None,
        feedback: text(&posted.feedback),
        channel: None,
        reported_at: None,
        released_feedback: text(&posted.released_feedback),
        duplicate_of: None,
        note: text(&posted.note),
    };
    let unknown = |field: &str, text: &str| {
        Error::Invalid(vec![crate::error::FieldError {
            pointer: format!("/{field}"),
            code: std::borrow::Cow::Borrowed("invalid"),
            detail: text.to_owned(),
        }])
    };
    match to {
        ConcernState::Weitergeleitet => {
            if let Some(other) = text(&posted.other_department) {
                input.department = Some(other);
            } else if !posted.department.is_empty() {
                let departments = concerns::departments(state, scope).await?;
                let chosen = departments
                    .into_iter()
                    .chain(proposed(concern, &[]))
                    .find(|d| choice_value(d) == posted.department)
                    .ok_or_else(|| unknown("department", DE.staff.forward_unknown))?;
                input.department = Some(chosen.name);
                input.organisation_id = chosen.organisation_id;
            } else {
                // Nothing chosen: no department, which the API refuses unless it takes the
                // proposal — the form preselects the proposal, so an empty choice is deliberate.
                return Err(unknown("department", DE.staff.forward_unknown));
            }
        }
        ConcernState::Zurueckgemeldet => {
            input.channel = posted.channel.parse::<ReportChannel>().ok();
        }
        ConcernState::Duplikat => {
            if let Some(reference) = text(&posted.duplicate_of) {
                let found = concerns::id_by_reference(state, scope, &reference).await?;
                input.duplicate_of =
                    Some(found.ok_or_else(|| unknown("duplicate_of", DE.staff.duplicate_unknown))?);
            }
        }
        _ => {}
    }
    Ok(input)
}
