//! What a refused sending means for a page with a form: errors to show at its fields, or a
//! page of its own (the honeypot, a rate limit, a sending too large). One reading of the
//! features' errors for every form page, so they answer alike.

use axum::http::StatusCode;

use super::PageError;
use super::texts::DE;
use crate::error::{Error, FieldError};
use crate::forms::public::HONEYPOT;
use crate::messages::Code;

/// A refused sending as a page shows it.
#[derive(Debug)]
pub enum Refusal {
    /// Shown at the form's fields (an empty pointer: above the form).
    Fields(Vec<FieldError>),
    /// A page of its own: status, heading, text.
    Notice(StatusCode, &'static str, String),
}

/// The refusal `error` stands for; a missing object and failures stay page errors.
pub fn refusal(error: Error) -> Result<Refusal, PageError> {
    Ok(match error {
        Error::Invalid(errors) | Error::FormInvalid(errors) => {
            let honeypot = format!("/{HONEYPOT}");
            if errors.iter().any(|e| e.pointer == honeypot) {
                let text = DE.refused_text.to_owned();
                Refusal::Notice(StatusCode::UNPROCESSABLE_ENTITY, DE.refused_title, text)
            } else {
                Refusal::Fields(errors)
            }
        }
        Error::RateLimited { detail, .. } => {
            Refusal::Notice(StatusCode::TOO_MANY_REQUESTS, DE.rate_limited_title, detail)
        }
        Error::Client(Code::BodyTooLarge, _) => {
            let text = DE.too_large_text.to_owned();
            Refusal::Notice(StatusCode::PAYLOAD_TOO_LARGE, DE.too_large_title, text)
        }
        Error::Client(code, detail) => Refusal::Fields(vec![FieldError {
            pointer: String::new(),
            code: code.as_str().into(),
            detail: detail.unwrap_or_else(|| code.de().to_owned()),
        }]),
        Error::NotFound => return Err(PageError::NotFound),
        Error::Database(e) => return Err(PageError::Database(e)),
        Error::Internal(e) => return Err(PageError::Internal(e)),
    })
}
