//! What every Open311 request reads the same way: its query parameters, the
//! `jurisdiction_id` check, a category by its code, and this host's address for people.

use axum::http::StatusCode;

use super::{Failure, texts};
use crate::auth::Scope;
use crate::concerns::{Category, categories};
use crate::oparl::Base;
use crate::state::AppState;

/// This host's address for people: the configured public address, else the request's.
pub fn origin(state: &AppState, base: &Base) -> String {
    match state.settings.public_url.as_deref() {
        Some(url) => url.trim_end_matches('/').to_owned(),
        None => base.0.clone(),
    }
}

/// The parameters of a query string, in order; a malformed one is a 400.
pub fn parameters(query: Option<&str>) -> Result<Vec<(String, String)>, Failure> {
    serde_urlencoded::from_str(query.unwrap_or_default())
        .map_err(|_| Failure::bad_request("Die Parameter der Anfrage sind nicht lesbar."))
}

/// The scope, once a given `jurisdiction_id` has been checked against it.
pub fn checked(scope: Scope, query: Option<&str>) -> Result<Scope, Failure> {
    let wrong = parameters(query)?
        .iter()
        .any(|(name, value)| name == "jurisdiction_id" && value != &scope.slug);
    if wrong {
        return Err(Failure::new(
            StatusCode::NOT_FOUND,
            texts::WRONG_JURISDICTION,
        ));
    }
    Ok(scope)
}

/// The category `code` of the municipality, or 404.
pub async fn category(state: &AppState, scope: &Scope, code: &str) -> Result<Category, Failure> {
    categories(state, scope.municipality_id, &scope.slug)
        .await
        .into_iter()
        .find(|c| c.key == code)
        .ok_or_else(|| Failure::new(StatusCode::NOT_FOUND, texts::unknown_service(code)))
}
