//! Protection against cross-site request forgery for the signed-in pages: a layer in front
//! of all of them (and of the sign-in form) refuses every request that is not GET or HEAD
//! unless its form carries the token bound to the browser's secret — the session's, or for
//! the sign-in form the sign-in cookie's (a synchroniser token derived from the secret,
//! `auth::sessions::Secret::form_token`). Handlers therefore never see an unchecked
//! state-changing request, and a new form is protected without doing anything.
//!
//! The token travels in the field `csrf` of an `application/x-www-form-urlencoded` body, or
//! of a `multipart/form-data` body (the plugin upload, the one form with a file: read only
//! with a session cookie, up to the plugin upload limit); anything else (JSON) is refused.
//! Refusals are a German 403 page; nothing is changed.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use super::multipart;
use super::session::{Cookie, SIGN_IN, START};
use super::texts::DE;
use super::{Link, notice};
use crate::auth::sessions::Purpose;
use crate::state::AppState;

/// The form field that carries the token.
pub const FIELD: &str = "csrf";

/// The layer: lets GET and HEAD through, checks the token of everything else.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let settings = &state.settings.sessions;
    let signing_in = request.uri().path() == SIGN_IN;
    let (cookie, purpose, back) = if signing_in {
        (Cookie::SignIn, Purpose::SignIn, SIGN_IN)
    } else {
        (Cookie::Session, Purpose::Session, START)
    };
    let secret = cookie.read(request.headers(), settings);
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let is_form = content_type
        .split(';')
        .next()
        .is_some_and(|mime| mime.trim() == "application/x-www-form-urlencoded");
    let is_multipart = multipart::is_multipart(&content_type);
    if is_multipart && secret.is_none() {
        // Nobody signed in makes this host read a file-sized body.
        return refused(StatusCode::FORBIDDEN, DE.staff.form_refused_text, back);
    }
    let limit = if is_multipart {
        state.rules.plugins().settings().upload_limit()
    } else {
        state.settings.body_limit_bytes
    };
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, limit).await else {
        return refused(
            StatusCode::PAYLOAD_TOO_LARGE,
            DE.staff.form_unreadable_text,
            back,
        );
    };
    let sent = if is_multipart {
        multipart::fields(&content_type, &bytes)
            .await
            .and_then(|fields| fields.into_iter().find(|f| f.name == FIELD))
            .and_then(|f| String::from_utf8(f.bytes).ok())
    } else {
        serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
            .ok()
            .and_then(|fields| fields.into_iter().find(|(name, _)| name == FIELD))
            .map(|(_, token)| token)
    };
    let accepted = (is_form || is_multipart)
        && secret
            .zip(sent)
            .is_some_and(|(secret, sent)| secret.accepts(purpose, &sent));
    if !accepted {
        tracing::warn!(path = %parts.uri.path(), "form without a valid token refused");
        return refused(StatusCode::FORBIDDEN, DE.staff.form_refused_text, back);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn refused(status: StatusCode, text: &'static str, back: &str) -> Response {
    let back = Link {
        href: back.to_owned(),
        text: if back == SIGN_IN {
            DE.staff.back_to_sign_in
        } else {
            DE.staff.back_to_start
        }
        .to_owned(),
    };
    notice(
        status,
        DE.staff.form_refused_title,
        text.to_owned(),
        back,
        Vec::new(),
    )
}
