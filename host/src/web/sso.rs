//! Signing in through the municipality's identity provider (`auth::sso`):
//! `GET /anmelden/sso/{municipality}` sends the browser there, and the provider sends it back
//! to `GET /anmelden/rueckkehr`, where the session starts as for a password sign-in (a new
//! secret, the browser's previous session ended, an audit entry). Whatever goes wrong is a
//! German page with the way back to the sign-in form; details go to the log only.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use super::session::{Cookie, SIGN_IN, safe_next};
use super::sign_in::{see_other, start_session};
use super::texts::DE;
use super::{Link, PageError, notice};
use crate::auth::sso::{self, CALLBACK, Failure};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&format!("{SIGN_IN}/sso/{{municipality}}"), get(start))
        .route(CALLBACK, get(callback))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Start {
    next: String,
}

/// The page that says why single sign-on did not work, with the way back.
fn refused(failure: &Failure) -> Response {
    let status = match failure {
        Failure::NotConfigured => StatusCode::NOT_FOUND,
        Failure::UnknownLogin => StatusCode::BAD_REQUEST,
        Failure::Provider(_) => StatusCode::BAD_GATEWAY,
        Failure::NoAccount => StatusCode::FORBIDDEN,
        Failure::Database(_) => StatusCode::SERVICE_UNAVAILABLE,
    };
    match failure {
        Failure::NoAccount | Failure::NotConfigured => {
            tracing::info!(reason = %failure, "single sign-on refused");
        }
        _ => tracing::warn!(error = %failure, "single sign-on failed"),
    }
    notice(
        status,
        DE.staff.sso_failed_title,
        failure.text_de().to_owned(),
        Link {
            href: SIGN_IN.to_owned(),
            text: DE.staff.sso_back.to_owned(),
        },
        Vec::new(),
    )
}

/// `GET /anmelden/sso/{municipality}[?next=…]`: on to the municipality's provider.
async fn start(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<Start>,
) -> Result<Response, PageError> {
    let settings = &state.settings.sessions;
    let Some(public_url) = state.settings.public_url.as_deref() else {
        tracing::warn!("single sign-on needs --public-url");
        return Ok(refused(&Failure::NotConfigured));
    };
    let Some(provider) = sso::provider(&state.db, &slug).await? else {
        return Ok(refused(&Failure::NotConfigured));
    };
    let next = safe_next(&query.next).unwrap_or_default();
    match sso::begin(&state.db, &provider, public_url, next).await {
        Ok((url, login)) => {
            let mut response = see_other(&url);
            response
                .headers_mut()
                .append(SET_COOKIE, Cookie::Sso.set(settings, &login));
            Ok(response)
        }
        Err(failure) => Ok(refused(&failure)),
    }
}

/// What the provider sends back: a code and our state, or an error.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Callback {
    code: String,
    state: String,
    error: String,
}

/// `GET /anmelden/rueckkehr?code=…&state=…`: the session starts, then on to `next`.
async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(back): Query<Callback>,
) -> Result<Response, PageError> {
    let settings = &state.settings.sessions;
    let Some(public_url) = state.settings.public_url.as_deref() else {
        return Ok(refused(&Failure::NotConfigured));
    };
    if !back.error.is_empty() || back.code.is_empty() {
        let detail = format!("the provider answered {:?}", back.error);
        return Ok(refused(&Failure::Provider(detail)));
    }
    let cookie = Cookie::Sso.read(&headers, settings);
    let signed_in = match sso::finish(
        &state.db,
        public_url,
        cookie.as_ref(),
        &back.state,
        &back.code,
    )
    .await
    {
        Ok(signed_in) => signed_in,
        Err(failure) => {
            let mut response = refused(&failure);
            response
                .headers_mut()
                .append(SET_COOKIE, Cookie::Sso.clear(settings));
            return Ok(response);
        }
    };
    start_session(
        &state,
        &headers,
        &signed_in.user,
        &signed_in.next,
        Cookie::Sso,
    )
    .await
}
