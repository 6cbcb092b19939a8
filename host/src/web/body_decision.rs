//! `POST /arbeit/{municipality}/gremien/{id}/beitritte/{request}`: approves or refuses a join
//! request through `network::decide_join_request` — the function behind the API's
//! `POST …/join-requests/{id}/decision`, with its rule (staff, or a member of an
//! organisation that manages the body), its version check (the form's version as
//! `If-Match`) and audit entry. What the API refuses (decided meanwhile 409, changed
//! meanwhile 412, not allowed 403, a note too long 422) comes back on the body's page with
//! the API's status; a request or body the person may not see is the 404 page.

use axum::Router;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;

use super::body_requests::{APPROVED, Decided, JOINS, REFUSED, form_id};
use super::frame::BODIES;
use super::meeting_bodies::body_path;
use super::meeting_list::render;
use super::page_form::{invalid, posted, refused};
use super::session::{START, SignedIn};
use super::texts::DE;
use super::{PageError, page_error};
use crate::api::extract::IfMatch;
use crate::db::Id;
use crate::network::{self, DecisionInput};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{BODIES}/{{id}}/{JOINS}/{{request}}"),
        post(decide),
    )
}

/// `POST …/gremien/{id}/beitritte/{request}`: the decision, then back to the body's page.
async fn decide(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id, request)): Path<(String, String, String)>,
    Form(sent): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    let request: Id = request.parse().map_err(|_| PageError::NotFound)?;
    network::body(&state, &scope, id)
        .await
        .map_err(page_error)?;
    let note = posted(&sent, "note").unwrap_or_default().trim().to_owned();
    let version = posted(&sent, "version").unwrap_or_default().trim();
    let if_match = IfMatch::Version(version.parse().unwrap_or(0));
    let outcome = match posted(&sent, "decision") {
        Some(choice @ (APPROVED | REFUSED)) => {
            let input = DecisionInput {
                approve: choice == APPROVED,
                note: Some(note).filter(|n| !n.is_empty()),
                role: None,
                voting_right: None,
            };
            network::decide_join_request(&state, &scope, request, if_match, &input)
                .await
                .map(|decided| (decided.body_id, choice))
        }
        _ => Err(invalid("/decision", DE.network.decision_missing)),
    };
    let error = match outcome {
        Ok((body, choice)) => {
            let to = format!("{}?hinweis={choice}", body_path(&slug, body));
            return Ok(Redirect::to(&to).into_response());
        }
        Err(e) => e,
    };
    let form = form_id(request);
    let stale = DE.network.request_stale;
    let (status, attempt) = refused(&form, sent, error, stale, |p| {
        (p == "/note").then(|| "note".to_owned())
    })?;
    let decided = Decided {
        notice: None,
        refused: Some(attempt),
    };
    render(&state, &signed_in, &scope, id, status, None, decided).await
}
