//! The coordination's steps on the exchange page (`exchange_page.rs`): releasing an item
//! (`POST …/austausch/beitraege`) and withdrawing one (`POST …/beitraege/{id}/zurueckziehen`),
//! each handed to the feature's own function (`federation::shared::route::release`,
//! `withdraw`: permission, checks, audit entry, outbox) and then back to the page with a
//! German notice. A refused release shows the page again with the errors at their fields
//! and what was entered.

use axum::Router;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;

use super::PageError;
use super::exchange_page::{RELEASE, WITHDRAW, Wanted, exchange_path, render};
use super::frame::EXCHANGE;
use super::page_form::{date, invalid, join, posted, refused};
use super::reports::staff_scope;
use super::session::{START, SignedIn};
use crate::auth::Scope;
use crate::db::Id;
use crate::error::Error;
use crate::federation::shared::item::{Item, ItemKind};
use crate::federation::shared::route;
use crate::messages::Code;
use crate::state::AppState;

/// A form as sent: every field by name (the `csrf` field was checked before).
type Sent = Vec<(String, String)>;

pub fn routes() -> Router<AppState> {
    let base = format!("{START}/{{municipality}}/{EXCHANGE}/{RELEASE}");
    Router::new()
        .route(&base, post(release))
        .route(&format!("{base}/{{id}}/{WITHDRAW}"), post(withdraw))
}

fn back(slug: &str, notice: &str) -> Response {
    Redirect::to(&format!("{}?hinweis={notice}", exchange_path(slug))).into_response()
}

/// The field of the form an API pointer names.
fn field_of(pointer: &str) -> Option<String> {
    let name = match pointer {
        "/kind" => "art",
        "/title" => "thema",
        "/summary" => "zusammenfassung",
        "/field_of_action" => "handlungsfeld",
        "/date" => "datum",
        "/place" => "ort",
        _ => return None,
    };
    Some(name.to_owned())
}

/// The item the form describes, or the fields the page itself cannot read.
fn item(sent: &Sent) -> Result<Item, Error> {
    let field = |name: &str| posted(sent, name).unwrap_or_default().trim().to_owned();
    let optional = |name: &str| Some(field(name)).filter(|v| !v.is_empty());
    let kind = field("art")
        .parse::<ItemKind>()
        .map_err(|_| invalid("/kind", Code::InvalidEnum.de()));
    let day = optional("datum").map(|d| date(&d, "/date")).transpose();
    match (kind, day) {
        (Ok(kind), Ok(date)) => Ok(Item {
            kind,
            title: field("thema"),
            summary: field("zusammenfassung"),
            field_of_action: optional("handlungsfeld"),
            date,
            place: optional("ort"),
        }),
        (kind, day) => {
            let unread = [kind.err(), day.err()].into_iter().flatten().collect();
            Err(join(unread).unwrap_or(Error::Invalid(Vec::new())))
        }
    }
}

/// The page again after a refusal, with `attempt` in the release form or, for a withdrawal,
/// the reason above it; a step the person may not take looks like a missing page.
async fn again(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    form: &str,
    sent: Sent,
    error: Error,
) -> Result<Response, PageError> {
    if matches!(error, Error::NotFound) {
        return Err(PageError::NotFound);
    }
    let (status, attempt) = refused(form, sent, error, "", field_of)?;
    if status == StatusCode::FORBIDDEN {
        return Err(PageError::NotFound);
    }
    render(
        state,
        signed_in,
        scope,
        status,
        Wanted::default(),
        Some(attempt),
    )
    .await
}

/// `POST …/austausch/beitraege`: releases, then back to the page.
async fn release(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    Form(sent): Form<Sent>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let outcome = match item(&sent) {
        Ok(item) => route::release(&state, &scope, item).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(_) => Ok(back(&slug, "freigegeben")),
        Err(e) => again(&state, &signed_in, &scope, RELEASE, sent, e).await,
    }
}

/// `POST …/austausch/beitraege/{id}/zurueckziehen`: withdraws, then back to the page.
async fn withdraw(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    match route::withdraw(&state, &scope, id).await {
        Ok(_) => Ok(back(&slug, "zurueckgezogen")),
        Err(e) => again(&state, &signed_in, &scope, WITHDRAW, Vec::new(), e).await,
    }
}
