//! The browser's side of a session: the two cookies, and [`SignedIn`], the extractor that
//! turns the session cookie into the signed-in user — or sends the browser to the sign-in
//! page, with the page it wanted as a same-origin `next`.
//!
//! Cookies are `HttpOnly` (no script reads them), `Path=/`, without `Domain`, and — unless
//! the host serves plain HTTP on a loopback address (`SessionSettings::secure_cookies`) —
//! `Secure` with the `__Host-` prefix, so neither another host of the domain nor a plain
//! HTTP response can set or overwrite them. The session cookie is `SameSite=Lax`, so a link
//! from an e-mail to a page still finds the person signed in; every state-changing request
//! carries a form token as well (`csrf`). The sign-in form's cookie is `SameSite=Strict`.
//! Neither has an expiry: they end with the browser, the session earlier on the server.

use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

use super::PageError;
use crate::auth::sessions::{self, Purpose, Secret};
use crate::auth::{Caller, Level, Scope, User};
use crate::config::SessionSettings;
use crate::db::Timestamp;
use crate::error::Error;
use crate::state::AppState;

/// The sign-in form (GET) and its target (POST).
pub const SIGN_IN: &str = "/anmelden";
/// Signing out (POST only).
pub const SIGN_OUT: &str = "/abmelden";
/// The start page of the signed-in pages.
pub const START: &str = "/arbeit";

/// The two cookies a browser may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cookie {
    /// The secret of a running session.
    Session,
    /// The secret an open sign-in form's token is bound to (no session exists yet).
    SignIn,
    /// The state of a single sign-on under way (`auth::sso`); `Lax`, since the provider
    /// sends the browser back by a cross-site navigation.
    Sso,
}

impl Cookie {
    fn name(self, settings: &SessionSettings) -> &'static str {
        match (self, settings.secure_cookies) {
            (Cookie::Session, true) => "__Host-quartier-sitzung",
            (Cookie::Session, false) => "quartier-sitzung",
            (Cookie::SignIn, true) => "__Host-quartier-anmeldung",
            (Cookie::SignIn, false) => "quartier-anmeldung",
            (Cookie::Sso, true) => "__Host-quartier-sso",
            (Cookie::Sso, false) => "quartier-sso",
        }
    }

    fn attributes(self, settings: &SessionSettings) -> String {
        let same_site = match self {
            Cookie::Session | Cookie::Sso => "Lax",
            Cookie::SignIn => "Strict",
        };
        let secure = if settings.secure_cookies {
            "; Secure"
        } else {
            ""
        };
        format!("Path=/; HttpOnly; SameSite={same_site}{secure}")
    }

    /// The `Set-Cookie` value that stores `secret`.
    pub fn set(self, settings: &SessionSettings, secret: &Secret) -> HeaderValue {
        let value = format!(
            "{}={}; {}",
            self.name(settings),
            secret.as_str(),
            self.attributes(settings)
        );
        HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static(""))
    }

    /// The `Set-Cookie` value that removes the cookie.
    pub fn clear(self, settings: &SessionSettings) -> HeaderValue {
        let value = format!(
            "{}=; Max-Age=0; {}",
            self.name(settings),
            self.attributes(settings)
        );
        HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static(""))
    }

    /// The well-formed secret this cookie brings with the request, if any.
    pub fn read(self, headers: &HeaderMap, settings: &SessionSettings) -> Option<Secret> {
        let name = self.name(settings);
        headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .filter(|(n, _)| *n == name)
            .find_map(|(_, value)| Secret::parse(value.trim()))
    }
}

/// A signed-in person on a page: the user of a running session, and the token their forms
/// carry.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub user: User,
    pub form_token: String,
}

impl SignedIn {
    /// The caller as the API's permission checks know it.
    pub fn caller(&self) -> Caller {
        Caller(Some(self.user.clone()))
    }

    /// The municipality `slug` as this person sees it, through the API's own rule
    /// ([`Scope::for_caller`]). Where they would see only the public view (another
    /// municipality, a role without one) the page does not exist for them: 404.
    pub async fn scope(&self, state: &AppState, slug: &str) -> Result<Scope, PageError> {
        let scope = Scope::for_caller(state, slug.to_owned(), self.caller())
            .await
            .map_err(|e| match e {
                Error::Database(e) => PageError::Database(e),
                _ => PageError::NotFound,
            })?;
        if scope.level == Level::Public {
            return Err(PageError::NotFound);
        }
        Ok(scope)
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let settings = &state.settings.sessions;
        let Some(secret) = Cookie::Session.read(&parts.headers, settings) else {
            return Err(to_sign_in(parts, None, settings));
        };
        match sessions::resolve(&state.db, &secret, Timestamp::now(), settings).await {
            Ok(Some(user)) => Ok(SignedIn {
                user,
                form_token: secret.form_token(Purpose::Session),
            }),
            Ok(None) => Err(to_sign_in(parts, Some("abgelaufen"), settings)),
            Err(e) => Err(PageError::Database(e).into_response()),
        }
    }
}

/// Sends the browser to the sign-in page (303), removing a session cookie that no longer
/// opens anything. A page it asked for with GET comes back as `next`; a form's data cannot
/// be kept.
fn to_sign_in(parts: &Parts, reason: Option<&str>, settings: &SessionSettings) -> Response {
    let mut query: Vec<String> = reason.map(str::to_owned).into_iter().collect();
    let wanted = parts.uri.path_and_query().map_or("", |p| p.as_str());
    if matches!(parts.method, Method::GET | Method::HEAD) && safe_next(wanted).is_some() {
        query.extend(serde_urlencoded::to_string([("next", wanted)]).ok());
    }
    let location = if query.is_empty() {
        SIGN_IN.to_owned()
    } else {
        format!("{SIGN_IN}?{}", query.join("&"))
    };
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(LOCATION, location);
    }
    if reason.is_some() {
        response
            .headers_mut()
            .insert(SET_COOKIE, Cookie::Session.clear(settings));
    }
    response
}

/// `next` if it is a path on this host to return to after signing in, else none: it must
/// start with one `/` (not `//` or `/\`, which browsers read as another host), contain only
/// visible ASCII (browsers drop tabs and line breaks, so `/\t/evil` would become `//evil`),
/// no backslash, and not lead back to signing in or out.
pub fn safe_next(next: &str) -> Option<&str> {
    let bytes = next.as_bytes();
    let shaped = bytes.first() == Some(&b'/')
        && !matches!(bytes.get(1), Some(b'/' | b'\\'))
        && next.len() <= 1000
        && bytes.iter().all(|b| b.is_ascii_graphic() && *b != b'\\');
    let path = next.split(['?', '#']).next().unwrap_or(next);
    let loops = path == SIGN_IN || path == SIGN_OUT;
    (shaped && !loops).then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_of_this_host_are_returned_to() {
        for fine in [
            "/arbeit",
            "/arbeit/aachen?x=1&y=%2F",
            "/",
            "/kommunen/aachen#inhalt",
        ] {
            assert_eq!(safe_next(fine), Some(fine), "{fine}");
        }
        for refused in [
            "",
            "arbeit",
            "//evil.example",
            "/\\evil.example",
            "/arbeit\\..\\",
            "https://evil.example/",
            "/\t/evil.example",
            "/ /evil.example",
            "/arbeit\n",
            "/anmelden",
            "/anmelden?next=/arbeit",
            "/abmelden",
            "/kommunen/münchen",
        ] {
            assert_eq!(safe_next(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn cookies_are_http_only_and_secure_with_the_host_prefix_unless_configured_off() {
        let secret = Secret::generate();
        let secure = SessionSettings::default();
        let set = Cookie::Session.set(&secure, &secret);
        let set = set.to_str().unwrap_or_default();
        assert!(set.starts_with(&format!("__Host-quartier-sitzung={}", secret.as_str())));
        for attribute in ["Path=/", "HttpOnly", "SameSite=Lax", "Secure"] {
            assert!(set.contains(attribute), "{set}");
        }
        assert!(!set.contains("Domain"), "{set}");
        let plain = SessionSettings {
            secure_cookies: false,
            ..SessionSettings::default()
        };
        let set = Cookie::SignIn.set(&plain, &secret);
        let set = set.to_str().unwrap_or_default();
        assert!(set.starts_with("quartier-anmeldung="), "{set}");
        assert!(
            set.contains("SameSite=Strict") && !set.contains("Secure"),
            "{set}"
        );
    }

    #[test]
    fn the_cookie_is_read_by_its_exact_name_and_shape() {
        let settings = SessionSettings::default();
        let secret = Secret::generate();
        let mut headers = HeaderMap::new();
        let header = format!(
            "other=1; quartier-sitzung=x; __Host-quartier-sitzung={}",
            secret.as_str()
        );
        headers.insert(
            COOKIE,
            HeaderValue::from_str(&header).unwrap_or(HeaderValue::from_static("")),
        );
        assert_eq!(Cookie::Session.read(&headers, &settings), Some(secret));
        assert_eq!(Cookie::SignIn.read(&headers, &settings), None);
        headers.insert(
            COOKIE,
            HeaderValue::from_static("__Host-quartier-sitzung=kurz"),
        );
        assert_eq!(Cookie::Session.read(&headers, &settings), None);
    }
}
