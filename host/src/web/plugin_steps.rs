//! The coordination's steps on the plugins page: upload a version
//! (`POST /arbeit/{municipality}/plugins`, a multipart form with the component file),
//! activate one (`…/plugins/{id}/aktivieren`), go back to the previous one
//! (`…/plugins/zuruecksetzen`) or deactivate (`…/plugins/deaktivieren`). Each goes through
//! the registry's own functions (`plugin_registry::install`, `switch`: their permission
//! check, limits, audit entries), then back to the page with a German notice; a refusal
//! shows the page again with the reason and the status the API would answer.

use axum::Router;
use axum::body::{Bytes, to_bytes};
use axum::extract::{Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;

use super::frame::PLUGINS;
use super::multipart;
use super::plugins_page::{Notice, plugins_path, render};
use super::reports::staff_scope;
use super::session::{START, SignedIn};
use super::texts::DE;
use super::{PageError, page_error};
use crate::auth::Scope;
use crate::db::Id;
use crate::error::Error;
use crate::plugin_registry::{self, Actor, Change, InstallError};
use crate::state::AppState;

/// The form field with the component.
pub(super) const COMPONENT: &str = "component";

pub fn routes() -> Router<AppState> {
    let base = format!("{START}/{{municipality}}/{PLUGINS}");
    Router::new()
        .route(&base, post(upload))
        .route(&format!("{base}/{{id}}/aktivieren"), post(activate))
        .route(&format!("{base}/zuruecksetzen"), post(roll_back))
        .route(&format!("{base}/deaktivieren"), post(deactivate))
}

/// `POST …/plugins`: checks and stores the uploaded component as an inactive version.
async fn upload(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
    request: Request,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    // The CSRF layer has read the body within the upload limit already.
    let limit = state.rules.plugins().settings().upload_limit();
    let body = to_bytes(request.into_body(), limit)
        .await
        .unwrap_or_else(|_| Bytes::new());
    let component = multipart::fields(&content_type, &body)
        .await
        .and_then(|fields| fields.into_iter().find(|f| f.name == COMPONENT))
        .map(|f| f.bytes)
        .filter(|bytes| !bytes.is_empty());
    if let Err(e) = scope.require_coordinator() {
        return refused(&state, &signed_in, &scope, e).await;
    }
    let Some(component) = component else {
        let problem = DE.coordination.upload_missing.to_owned();
        return render_problem(
            &state,
            &signed_in,
            &scope,
            StatusCode::UNPROCESSABLE_ENTITY,
            problem,
        )
        .await;
    };
    let installed = plugin_registry::install(
        &state.rules,
        scope.municipality_id,
        &scope.slug,
        component,
        &Actor::from(&scope.caller),
    )
    .await;
    match installed {
        Ok(_) => Ok(done(&slug, Notice::Uploaded)),
        Err(InstallError::Internal(e)) => Err(PageError::Internal(e)),
        Err(e) => render_problem(&state, &signed_in, &scope, e.status(), e.message_de()).await,
    }
}

/// `POST …/plugins/{id}/aktivieren`.
async fn activate(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    let id: Id = id.parse().map_err(|_| PageError::NotFound)?;
    plugin_registry::visible(&state, &scope, id)
        .await
        .map_err(page_error)?;
    take(
        &state,
        &signed_in,
        &scope,
        Change::Activate(id),
        Notice::Activated,
    )
    .await
}

/// `POST …/plugins/zuruecksetzen`.
async fn roll_back(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    take(
        &state,
        &signed_in,
        &scope,
        Change::RollBack,
        Notice::RolledBack,
    )
    .await
}

/// `POST …/plugins/deaktivieren`.
async fn deactivate(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let scope = staff_scope(&state, &signed_in, &slug).await?;
    take(
        &state,
        &signed_in,
        &scope,
        Change::Deactivate,
        Notice::Deactivated,
    )
    .await
}

async fn take(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    change: Change,
    notice: Notice,
) -> Result<Response, PageError> {
    match plugin_registry::switch(state, scope, change).await {
        Ok(_) => Ok(done(&scope.slug, notice)),
        Err(e) => refused(state, signed_in, scope, e).await,
    }
}

/// Back to the page, which says what happened.
fn done(slug: &str, notice: Notice) -> Response {
    Redirect::to(&format!("{}?hinweis={}", plugins_path(slug), notice.key())).into_response()
}

/// A refused step: the page with the API's status and German reason.
async fn refused(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    e: Error,
) -> Result<Response, PageError> {
    match e {
        Error::Client(code, detail) => {
            let problem = detail.unwrap_or_else(|| code.de().to_owned());
            render_problem(state, signed_in, scope, code.status(), problem).await
        }
        e => Err(page_error(e)),
    }
}

async fn render_problem(
    state: &AppState,
    signed_in: &SignedIn,
    scope: &Scope,
    status: StatusCode,
    problem: String,
) -> Result<Response, PageError> {
    render(state, signed_in, scope, status, None, Some(problem)).await
}
