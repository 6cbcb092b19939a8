//! The one error type at the HTTP boundary, rendered as RFC 9457 `application/problem+json`.
//!
//! Client errors carry a stable machine `code` and a German `detail` (texts live in
//! [`crate::messages`]); database and internal errors become an opaque 500 that is logged
//! once here and never shown.

use std::borrow::Cow;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::messages::Code;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One problem with one field of the input, located by a JSON pointer (RFC 6901).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    pub pointer: String,
    /// The host's stable code, or a plugin's own (e.g. `betrag-ueber-obergrenze`).
    #[schema(value_type = String)]
    pub code: Cow<'static, str>,
    pub detail: String,
}

impl FieldError {
    pub fn new(pointer: impl Into<String>, code: Code) -> FieldError {
        FieldError {
            pointer: pointer.into(),
            code: Cow::Borrowed(code.as_str()),
            detail: code.de().to_owned(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Missing, or belongs to another municipality: the two must look identical.
    #[error("not found")]
    NotFound,
    #[error("client error {0:?}")]
    Client(Code, Option<String>),
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// A form submission failed its JSON Schema or the municipality's rules (`form_invalid`).
    #[error("form invalid")]
    FormInvalid(Vec<FieldError>),
    /// Over a rate limit (429 `too_many_requests` with `Retry-After`).
    #[error("rate limited")]
    RateLimited {
        detail: String,
        retry_after: std::time::Duration,
    },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl Error {
    pub fn client(code: Code) -> Error {
        Error::Client(code, None)
    }
    /// The same error with its field pointers below `prefix` (e.g. `/application`), for a
    /// document checked on its own that arrived inside a larger request body.
    pub fn under(self, prefix: &str) -> Error {
        let prefixed = |errors: Vec<FieldError>| -> Vec<FieldError> {
            errors
                .into_iter()
                .map(|e| FieldError {
                    pointer: format!("{prefix}{}", e.pointer),
                    ..e
                })
                .collect()
        };
        match self {
            Error::Invalid(errors) => Error::Invalid(prefixed(errors)),
            Error::FormInvalid(errors) => Error::FormInvalid(prefixed(errors)),
            other => other,
        }
    }

    /// A client error whose German detail names a specific thing (a field, a value).
    pub fn client_with(code: Code, detail: impl Into<String>) -> Error {
        Error::Client(code, Some(detail.into()))
    }
    pub fn field(pointer: &str, code: Code) -> Error {
        Error::Invalid(vec![FieldError::new(pointer, code)])
    }
}

/// The body of every error response.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub code: &'static str,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

pub fn problem(code: Code, detail: Option<String>, errors: Vec<FieldError>) -> Response {
    let body = Problem {
        errors,
        ..Problem::new(
            code.status(),
            code.as_str(),
            detail.unwrap_or_else(|| code.de().to_owned()),
        )
    };
    problem_response(code.status(), &body)
}

impl Problem {
    /// A problem with any stable code — also one the shared [`Code`]s do not list (the
    /// plugin registry's, the signature checks').
    pub fn new(status: StatusCode, code: &'static str, detail: String) -> Problem {
        Problem {
            kind: format!("https://quartier.invalid/probleme/{code}"),
            title: status.canonical_reason().unwrap_or("Fehler").to_owned(),
            status: status.as_u16(),
            code,
            detail,
            errors: vec![],
        }
    }
}

/// `body` (a [`Problem`], or one with members of its own) as `application/problem+json`.
pub fn problem_response(status: StatusCode, body: &impl Serialize) -> Response {
    let mut response = (status, axum::Json(body)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        match self {
            Error::NotFound => problem(Code::NotFound, None, vec![]),
            Error::Client(code, detail) => problem(code, detail, vec![]),
            Error::Invalid(errors) => problem(Code::Invalid, None, errors),
            Error::FormInvalid(errors) => problem(Code::FormInvalid, None, errors),
            Error::RateLimited {
                detail,
                retry_after,
            } => {
                let mut response = problem(Code::TooManyRequests, Some(detail), vec![]);
                let seconds = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
                response
            }
            Error::Database(sqlx::Error::RowNotFound) => problem(Code::NotFound, None, vec![]),
            Error::Database(e) => {
                if let Some(code) = constraint_code(&e) {
                    return problem(code, None, vec![]);
                }
                tracing::error!(error = %e, "database error");
                problem(Code::Internal, None, vec![])
            }
            Error::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "internal error");
                problem(Code::Internal, None, vec![])
            }
        }
    }
}

/// Maps constraint violations that a client can cause to a 409/422 instead of a 500.
fn constraint_code(e: &sqlx::Error) -> Option<Code> {
    let db = e.as_database_error()?;
    if db.is_unique_violation() {
        Some(Code::AlreadyExists)
    } else if db.is_foreign_key_violation() {
        Some(Code::ReferenceMissing)
    } else if db.is_check_violation() {
        Some(Code::Invalid)
    } else {
        None
    }
}

impl From<StatusCode> for Error {
    fn from(status: StatusCode) -> Error {
        match status {
            StatusCode::NOT_FOUND => Error::NotFound,
            StatusCode::UNAUTHORIZED => Error::client(Code::Unauthenticated),
            StatusCode::FORBIDDEN => Error::client(Code::Forbidden),
            _ => Error::Internal(anyhow::anyhow!("unexpected status {status}")),
        }
    }
}
