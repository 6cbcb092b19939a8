//! Signing in and out through the browser: `GET /anmelden` shows the form, `POST
//! /anmelden` checks name and password (argon2, `auth::credentials::authenticate`) and
//! starts a session, `POST /abmelden` ends it on the server.
//!
//! - An unknown name, a wrong password, a user without a password and a disabled user get
//!   one and the same answer (page, status, and the same argon2 work behind it).
//! - Attempts are limited per client address and per name as typed (whether it exists or
//!   not), with one German answer (429) for both.
//! - Every sign-in starts a new session with a new secret; a session the browser held
//!   before ends on the server (no fixation).
//! - Sign-ins and sign-outs are audit entries in the user's municipality.
//! - The form's token (`csrf`) is checked by the layer in front (`super::csrf`); it is bound
//!   to a cookie of its own, since no session exists yet.

use std::time::Instant;

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{RawQuery, State};
use axum::http::header::{LOCATION, RETRY_AFTER, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;

use super::session::{Cookie, SIGN_IN, SIGN_OUT, START, safe_next};
use super::texts::{DE, Texts};
use super::{Layout, Link, PageError, home_link, html};
use crate::audit::{Action, NewEntry, ObjectKind};
use crate::auth::credentials;
use crate::auth::sessions::{self, Purpose, Secret};
use crate::auth::sso;
use crate::auth::{Caller, User};
use crate::db::{Timestamp, Tx};
use crate::forms::public::ClientAddr;
use crate::rate_limit::client_key;
use crate::state::AppState;

/// The longest user name the limit counts by; longer input counts by its beginning.
const NAME_KEY_CHARS: usize = 200;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(SIGN_IN, get(form).post(sign_in))
        .route(SIGN_OUT, post(sign_out))
}

/// What the form sends; missing fields are empty.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SignInInput {
    username: String,
    password: String,
    next: String,
}

/// The errors shown: next to a field, and all of them in the summary at the top.
#[derive(Debug, Default)]
struct Errors {
    username: Option<&'static str>,
    password: Option<&'static str>,
    summary: Vec<SummaryLine>,
}

#[derive(Debug)]
struct SummaryLine {
    href: &'static str,
    text: String,
}

impl Errors {
    /// An error of the whole form, linked to the first field.
    fn general(text: String) -> Errors {
        Errors {
            summary: vec![SummaryLine {
                href: "#feld-username",
                text,
            }],
            ..Errors::default()
        }
    }
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    layout: Layout,
    t: &'static Texts,
    form_token: String,
    username: String,
    /// Where to go after signing in; empty for the start page.
    next: String,
    /// Why the person sees this page (signed out, session over).
    notice: Option<&'static str>,
    errors: Errors,
    /// The municipalities whose identity provider one may sign in with instead.
    single_sign_on: Vec<Link>,
}

fn render(
    secret: &Secret,
    username: &str,
    next: &str,
    notice: Option<&'static str>,
    errors: Errors,
    status: StatusCode,
    single_sign_on: Vec<Link>,
) -> Response {
    let title = if errors.summary.is_empty() {
        DE.staff.sign_in_title.to_owned()
    } else {
        format!("{} {}", DE.error_prefix, DE.staff.sign_in_title)
    };
    let page = SignInPage {
        layout: Layout::new(title, vec![home_link()]),
        t: &DE,
        form_token: secret.form_token(Purpose::SignIn),
        username: username.to_owned(),
        next: safe_next(next).unwrap_or_default().to_owned(),
        notice,
        errors,
        single_sign_on,
    };
    html(status, &page)
}

/// A 303 to `location` (a path of this host).
pub(super) fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

/// `GET /anmelden[?next=…][&abgemeldet|&abgelaufen]`: the form, or on to `next` for a
/// browser that is signed in already.
async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let settings = &state.settings.sessions;
    let fields: Vec<(String, String)> =
        serde_urlencoded::from_str(query.as_deref().unwrap_or_default()).unwrap_or_default();
    let has = |name: &str| fields.iter().any(|(n, _)| n == name);
    let next = fields
        .iter()
        .find(|(name, value)| name == "next" && safe_next(value).is_some())
        .map_or("", |(_, value)| value.as_str());
    if let Some(secret) = Cookie::Session.read(&headers, settings)
        && sessions::resolve(&state.db, &secret, Timestamp::now(), settings)
            .await?
            .is_some()
    {
        return Ok(see_other(safe_next(next).unwrap_or(START)));
    }
    let notice = if has("abgemeldet") {
        Some(DE.staff.signed_out)
    } else if has("abgelaufen") {
        Some(DE.staff.session_expired)
    } else {
        None
    };
    let (secret, fresh) = match Cookie::SignIn.read(&headers, settings) {
        Some(secret) => (secret, false),
        None => (Secret::generate(), true),
    };
    let single_sign_on = sso::offered(&state.db)
        .await?
        .into_iter()
        .map(|(slug, name)| {
            let query = safe_next(next)
                .map(|n| {
                    format!(
                        "?{}",
                        serde_urlencoded::to_string([("next", n)]).unwrap_or_default()
                    )
                })
                .unwrap_or_default();
            Link {
                href: format!("{SIGN_IN}/sso/{slug}{query}"),
                text: name,
            }
        })
        .collect();
    let mut response = render(
        &secret,
        "",
        next,
        notice,
        Errors::default(),
        StatusCode::OK,
        single_sign_on,
    );
    if fresh {
        response
            .headers_mut()
            .append(SET_COOKIE, Cookie::SignIn.set(settings, &secret));
    }
    Ok(response)
}

/// `POST /anmelden`: signs in and goes on to `next` (303), or shows the form again.
async fn sign_in(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    input: Result<Form<SignInInput>, FormRejection>,
) -> Result<Response, PageError> {
    let settings = &state.settings.sessions;
    // The layer in front let the request through, so the form's cookie is there.
    let secret = Cookie::SignIn
        .read(&headers, settings)
        .ok_or_else(|| PageError::Internal(anyhow::anyhow!("sign-in cookie missing")))?;
    let input = input.map(|Form(input)| input).unwrap_or_default();
    let username = input.username.trim();
    let page = |errors, status| {
        render(
            &secret,
            username,
            &input.next,
            None,
            errors,
            status,
            Vec::new(),
        )
    };

    let mut errors = Errors::default();
    if username.is_empty() {
        errors.username = Some(DE.staff.username_missing);
        errors.summary.push(SummaryLine {
            href: "#feld-username",
            text: DE.staff.username_missing.to_owned(),
        });
    }
    if input.password.is_empty() {
        errors.password = Some(DE.staff.password_missing);
        errors.summary.push(SummaryLine {
            href: "#feld-password",
            text: DE.staff.password_missing.to_owned(),
        });
    }
    if !errors.summary.is_empty() {
        return Ok(page(errors, StatusCode::UNPROCESSABLE_ENTITY));
    }

    if let Err(wait) = admit(&state, client, username) {
        let minutes = wait.as_secs().div_ceil(60);
        let mut response = page(
            Errors::general(DE.staff.wait_minutes(minutes)),
            StatusCode::TOO_MANY_REQUESTS,
        );
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(wait.as_secs().max(1)));
        tracing::warn!(client = %client, "sign-in attempts over the limit");
        return Ok(response);
    }

    let user =
        credentials::authenticate(&state.db, &state.password_checks, username, &input.password)
            .await
            .map_err(PageError::Internal)?;
    let Some(user) = user else {
        tracing::info!(client = %client, "sign-in refused");
        return Ok(page(
            Errors::general(DE.staff.credentials_wrong.to_owned()),
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };

    start_session(&state, &headers, &user, &input.next, Cookie::SignIn).await
}

/// Starts `user`'s session once they have proved who they are (password or single sign-on)
/// and goes on to `next`: the browser's previous session ends (its new one gets a secret of
/// its own), the sign-in is audited, and the cookie `done` of the way in is removed.
pub(super) async fn start_session(
    state: &AppState,
    headers: &HeaderMap,
    user: &User,
    next: &str,
    done: Cookie,
) -> Result<Response, PageError> {
    let settings = &state.settings.sessions;
    let now = Timestamp::now();
    let mut tx = state.db.begin().await?;
    if let Some(previous) = Cookie::Session.read(headers, settings) {
        sessions::end(&mut tx, &previous).await?;
    }
    let session = sessions::start(&mut tx, user.id, now, settings).await?;
    audit(&mut tx, user, Action::SignIn, now).await?;
    tx.commit().await?;

    let mut response = see_other(safe_next(next).unwrap_or(START));
    let cookies = response.headers_mut();
    cookies.append(SET_COOKIE, Cookie::Session.set(settings, &session));
    cookies.append(SET_COOKIE, done.clear(settings));
    Ok(response)
}

/// Counts a sign-in attempt against both limits, or says how long to wait.
fn admit(
    state: &AppState,
    client: std::net::IpAddr,
    username: &str,
) -> Result<(), std::time::Duration> {
    let settings = &state.settings.sessions;
    let now = Instant::now();
    let address = client_key(client, state.settings.public_intake.ipv6_prefix);
    state.sign_in.by_address.admit(
        address,
        now,
        settings.sign_in_attempts_per_address,
        settings.sign_in_window,
    )?;
    let name: String = username
        .to_lowercase()
        .chars()
        .take(NAME_KEY_CHARS)
        .collect();
    state.sign_in.by_name.admit(
        name,
        now,
        settings.sign_in_attempts_per_name,
        settings.sign_in_window,
    )
}

/// `POST /abmelden`: ends the session on the server and removes the cookie (303 to the
/// sign-in page, which says so). Without a running session it only removes the cookie.
async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let settings = &state.settings.sessions;
    if let Some(secret) = Cookie::Session.read(&headers, settings) {
        let mut tx = state.db.begin().await?;
        if let Some(user) = sessions::end(&mut tx, &secret).await? {
            audit(&mut tx, &user, Action::SignOut, Timestamp::now()).await?;
        }
        tx.commit().await?;
    }
    let mut response = see_other(&format!("{SIGN_IN}?abgemeldet"));
    response
        .headers_mut()
        .append(SET_COOKIE, Cookie::Session.clear(settings));
    Ok(response)
}

/// The audit entry of a sign-in or sign-out, in the user's municipality (host-wide for
/// users without one).
async fn audit(tx: &mut Tx, user: &User, action: Action, at: Timestamp) -> Result<(), sqlx::Error> {
    let mut entry = NewEntry::new(
        &Caller(Some(user.clone())),
        action,
        ObjectKind::User,
        user.id,
    );
    entry.at = at;
    if let Some(municipality) = user.municipality_id {
        entry = entry.in_municipality(municipality);
    }
    entry.write(&mut **tx).await
}
