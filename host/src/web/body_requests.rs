//! A body's current members and its open join requests on the staff body page
//! (`meeting_list.rs`), and `POST /arbeit/{municipality}/gremien/{id}/beitritte/{request}`,
//! which approves or refuses one through `network::decide_join_request` — the function
//! behind the API's `POST …/join-requests/{id}/decision`, with its rule (staff, or a member
//! of an organisation that manages the body), its version check and audit entry.
//!
//! The requests and the decision forms are shown only to those the API lets decide; what
//! the API refuses (decided meanwhile 409, changed meanwhile 412, not allowed 403) comes
//! back above the request's form with the API's status.

use axum::Router;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;

use super::format::{berlin, day};
use super::frame::BODIES;
use super::meeting_bodies::body_path;
use super::meeting_fields::SummaryLine;
use super::meeting_list::{Decided, render};
use super::page_form::{Attempt, invalid, posted, refused, summary};
use super::session::{START, SignedIn};
use super::texts::DE;
use super::{PageError, page_error};
use crate::api::extract::IfMatch;
use crate::api::page::{MAX_LIMIT, PageParams};
use crate::auth::Scope;
use crate::db::{Date, Id};
use crate::network::kinds::JoinState;
use crate::network::{self, DecisionInput, JoinRequestFilter, Member};
use crate::state::AppState;

/// The last part of a decision's address.
const JOINS: &str = "beitritte";
/// The `hinweis` after an approval and after a refusal.
pub(super) const APPROVED: &str = "aufgenommen";
pub(super) const REFUSED: &str = "abgelehnt";

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &format!("{START}/{{municipality}}/{BODIES}/{{id}}/{JOINS}/{{request}}"),
        post(decide),
    )
}

/// A current member in the members' table.
#[derive(Debug)]
pub(super) struct MemberLine {
    pub name: String,
    pub role: &'static str,
    pub vote: &'static str,
}

/// The body's members as the page lists them: an organisation, a person (named where the
/// person may be seen), or both.
pub(super) fn member_lines(members: &[Member]) -> Vec<MemberLine> {
    let t = &DE.network;
    members
        .iter()
        .map(|m| {
            let names: Vec<&str> = [m.organisation_name.as_deref(), m.person_name.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            MemberLine {
                name: names.join(" – "),
                role: m.role.label_de(),
                vote: if m.voting_right { t.yes } else { t.no },
            }
        })
        .collect()
}

/// An open request with its decision form, refilled after a refusal.
#[derive(Debug)]
pub(super) struct RequestForm {
    /// The form's id, its anchor and the prefix of its fields' ids.
    pub id: String,
    pub action: String,
    pub organisation: String,
    pub message: String,
    pub received: String,
    pub datetime: String,
    pub version: i64,
    pub note: String,
    pub note_error: Option<String>,
    pub problem: Option<String>,
}

/// The open requests the person may decide, or `None` when they may not decide any.
pub(super) async fn open_requests(
    state: &AppState,
    scope: &Scope,
    body_id: Id,
    attempt: Option<&Attempt>,
) -> Result<Option<Vec<RequestForm>>, PageError> {
    if !network::may_decide_join_requests(state, scope, body_id)
        .await
        .map_err(page_error)?
    {
        return Ok(None);
    }
    let filter = JoinRequestFilter {
        page: PageParams {
            limit: Some(MAX_LIMIT),
            offset: None,
        },
        state: Some(JoinState::Offen),
    };
    let page = network::join_requests(state, scope, body_id, filter)
        .await
        .map_err(page_error)?;
    let forms = page.items.into_iter().map(|r| {
        let id = form_id(r.id);
        let mut form = RequestForm {
            action: format!("{}/{JOINS}/{}", body_path(&scope.slug, body_id), r.id),
            organisation: r.organisation_name,
            message: r.message.unwrap_or_default(),
            received: day(Date::from_naive(berlin(r.created_at.0).date())),
            datetime: r.created_at.to_db(),
            version: r.version,
            note: String::new(),
            note_error: None,
            problem: None,
            id,
        };
        if let Some(a) = attempt.filter(|a| a.form == form.id) {
            form.note = a.value("note").unwrap_or_default().to_owned();
            form.note_error = a.errors.first().map(|(_, e)| e.clone());
            form.problem = a.problem.clone();
        }
        form
    });
    Ok(Some(forms.collect()))
}

/// The error summary's lines for a refused decision; they link to its form while it is
/// shown (a request decided meanwhile has none left).
pub(super) fn summary_lines(
    attempt: Option<&Attempt>,
    shown: Option<&[RequestForm]>,
) -> Vec<SummaryLine> {
    let linked = attempt.is_some_and(|a| shown.unwrap_or_default().iter().any(|r| r.id == a.form));
    summary(attempt)
        .into_iter()
        .map(|e| SummaryLine {
            href: e.href.filter(|_| linked),
            text: e.text,
        })
        .collect()
}

fn form_id(request: Id) -> String {
    format!("anfrage-{request}")
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
