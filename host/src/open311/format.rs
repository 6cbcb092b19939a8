//! The two formats of every Open311 document, named by the file extension, and Open311's
//! error documents: a list of `{code, description}` with the HTTP status as `code`.

use std::time::Duration;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{texts, xml};
use crate::error::Error;

/// JSON or XML, as the request's file name says (`services.json`, `services.xml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    /// Splits `services.json` into `services` and its format; `None` for any other
    /// extension or none.
    pub fn split(file: &str) -> Option<(&str, Format)> {
        let (name, extension) = file.rsplit_once('.')?;
        let format = match extension {
            "json" => Format::Json,
            "xml" => Format::Xml,
            _ => return None,
        };
        (!name.is_empty()).then_some((name, format))
    }

    /// The document `value` in this format: an array under `root` with one `item` element
    /// per entry in XML.
    pub fn reply(self, status: StatusCode, root: &str, item: &str, value: &Value) -> Response {
        match self {
            Format::Json => (status, axum::Json(value)).into_response(),
            Format::Xml => (
                status,
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/xml; charset=utf-8"),
                )],
                xml::document(root, item, value),
            )
                .into_response(),
        }
    }
}

impl Format {
    /// A handler's outcome in this format: the document with 200, or the refusal.
    pub fn answer(self, root: &str, item: &str, result: Result<Value, Failure>) -> Response {
        match result {
            Ok(document) => self.reply(StatusCode::OK, root, item, &document),
            Err(failure) => failure.reply(Some(self)),
        }
    }
}

/// A refusal in Open311's form.
#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    pub description: String,
    pub retry_after: Option<Duration>,
}

impl Failure {
    pub fn new(status: StatusCode, description: impl Into<String>) -> Failure {
        Failure {
            status,
            description: description.into(),
            retry_after: None,
        }
    }

    pub fn not_found() -> Failure {
        Failure::new(StatusCode::NOT_FOUND, texts::NOT_FOUND)
    }

    pub fn bad_request(description: impl Into<String>) -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, description)
    }

    /// The error document in `format`; a request whose format is unknown gets JSON.
    pub fn reply(self, format: Option<Format>) -> Response {
        let body = json!([{
            "code": self.status.as_u16(),
            "description": self.description,
        }]);
        let mut response =
            format
                .unwrap_or(Format::Json)
                .reply(self.status, "errors", "error", &body);
        if let Some(wait) = self.retry_after {
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        }
        response
    }
}

/// The host's errors as Open311 refusals, with the same German texts the JSON API gives.
impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        match error {
            Error::NotFound => Failure::not_found(),
            Error::Client(code, detail) => Failure::new(
                code.status(),
                detail.unwrap_or_else(|| code.de().to_owned()),
            ),
            Error::Invalid(errors) | Error::FormInvalid(errors) => {
                let details: Vec<String> = errors
                    .iter()
                    .map(|e| texts::field_error(&e.pointer, &e.detail))
                    .collect();
                Failure::bad_request(details.join(" "))
            }
            Error::RateLimited {
                detail,
                retry_after,
            } => Failure {
                status: StatusCode::TOO_MANY_REQUESTS,
                description: detail,
                retry_after: Some(retry_after),
            },
            Error::Database(sqlx::Error::RowNotFound) => Failure::not_found(),
            Error::Database(e) => {
                tracing::error!(error = %e, "database error in Open311");
                Failure::new(StatusCode::INTERNAL_SERVER_ERROR, texts::INTERNAL)
            }
            Error::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "internal error in Open311");
                Failure::new(StatusCode::INTERNAL_SERVER_ERROR, texts::INTERNAL)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_json_and_xml_files_are_documents() {
        assert_eq!(
            Format::split("services.json"),
            Some(("services", Format::Json))
        );
        assert_eq!(
            Format::split("AN-2345-6789.xml"),
            Some(("AN-2345-6789", Format::Xml))
        );
        assert_eq!(Format::split("services.html"), None);
        assert_eq!(Format::split("services"), None);
        assert_eq!(Format::split(".json"), None);
    }
}
