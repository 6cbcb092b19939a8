//! Why the centre refuses a delivery, as an RFC 9457 problem like the rest of the API: a
//! stable `code` and a German `detail`. Every signature problem and every key the centre
//! does not trust answer 401; a gap answers 409 with the `expected` sequence number, from
//! which the site sends again.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::error::{Error, Problem, problem, problem_response};
use crate::federation::signature::Rejection;
use crate::messages::Code;

/// A delivery the centre does not apply.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// The signature is missing, incomplete, expired or does not fit (401).
    #[error("signature refused: {0:?}")]
    Signature(Rejection),
    /// A refusal with one of the host's codes (unknown or pending key, replayed nonce,
    /// foreign site, sequence taken by another bundle).
    #[error("refused: {0:?}")]
    Code(Code),
    /// The bundle breaks the schema (422), with the first violation.
    #[error("bundle invalid: {0}")]
    Invalid(String),
    /// A request of the catalogue that cannot be taken, with one of the host's codes and
    /// what is wrong with it (a shared item's message outside the allow-list, an item a
    /// site would refuse, a search over the limits).
    #[error("refused: {0:?} ({1})")]
    Detailed(Code, String),
    /// Bundles before this one are missing: the site sends again from `expected` (409).
    #[error("sequence gap, expected {expected}")]
    Gap { expected: u64 },
    #[error(transparent)]
    Error(#[from] Error),
}

impl From<sqlx::Error> for Refusal {
    fn from(e: sqlx::Error) -> Refusal {
        Refusal::Error(Error::Database(e))
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::Signature(rejection) => {
                tracing::warn!(code = rejection.code(), "federation delivery refused");
                problem_of(
                    StatusCode::UNAUTHORIZED,
                    rejection.code(),
                    rejection.to_string(),
                    None,
                )
            }
            Refusal::Code(code) => problem(code, None, vec![]),
            Refusal::Invalid(violation) => problem(
                Code::BundleInvalid,
                Some(format!("{} ({violation})", Code::BundleInvalid.de())),
                vec![],
            ),
            Refusal::Detailed(code, detail) => {
                problem(code, Some(format!("{} ({detail})", code.de())), vec![])
            }
            Refusal::Gap { expected } => problem_of(
                Code::SequenceGap.status(),
                Code::SequenceGap.as_str(),
                Code::SequenceGap.de().to_owned(),
                Some(expected),
            ),
            Refusal::Error(e) => e.into_response(),
        }
    }
}

/// The problem document with a code of its own, and `expected` when there is one.
fn problem_of(
    status: StatusCode,
    code: &'static str,
    detail: String,
    expected: Option<u64>,
) -> Response {
    let mut body = serde_json::to_value(Problem::new(status, code, detail)).unwrap_or_default();
    if let (Some(expected), Some(object)) = (expected, body.as_object_mut()) {
        object.insert("expected".to_owned(), expected.into());
    }
    problem_response(status, &body)
}
